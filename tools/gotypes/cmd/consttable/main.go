// Command consttable prints reference results of go/constant and go/types
// constant evaluation, one case per line:
//
//	lit<TAB>KIND<TAB>literal<TAB>ExactString
//	op<TAB>lit1<TAB>op<TAB>lit2<TAB>ExactString        (literals of any kind)
//	conv<TAB>type<TAB>literal<TAB>ExactString or "error"
//
// The table is embedded in crates/go_types/src/constant/tests.rs.
package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

var lits = []struct {
	tok token.Token
	lit string
}{
	{token.INT, "0"}, {token.INT, "42"}, {token.INT, "0x_FF"}, {token.INT, "0o17"}, {token.INT, "017"},
	{token.INT, "0b1010"}, {token.INT, "1_000_000"}, {token.INT, "18446744073709551616"},
	{token.INT, "123456789012345678901234567890"},
	{token.FLOAT, "1.5"}, {token.FLOAT, "0.1"}, {token.FLOAT, "1e100"}, {token.FLOAT, "1e-100"},
	{token.FLOAT, "2.0"}, {token.FLOAT, ".5e3"}, {token.FLOAT, "0x1p-2"}, {token.FLOAT, "0x1.8p3"},
	{token.FLOAT, "1e5000"}, {token.FLOAT, "1e-5000"}, {token.FLOAT, "6.02214076e23"},
	{token.FLOAT, "1_0.2_5"}, {token.FLOAT, "0."}, {token.FLOAT, "3.14159265358979323846264338327950288419716939937510582097494459"},
	{token.IMAG, "1i"}, {token.IMAG, "2.5i"}, {token.IMAG, "0i"},
	{token.CHAR, "'a'"}, {token.CHAR, "'\\n'"}, {token.CHAR, "'\\x41'"}, {token.CHAR, "'\\u00e9'"},
	{token.CHAR, "'\\U0001F600'"}, {token.CHAR, "'é'"}, {token.CHAR, "'\\377'"}, {token.CHAR, "'\\''"},
	{token.STRING, `"hello"`}, {token.STRING, `"a\tb\n"`}, {token.STRING, `"\x00\x7f\xff"`},
	{token.STRING, `"é\u00e9\U0001F600"`}, {token.STRING, "`raw\\n\"q\"`"}, {token.STRING, `"\a\b\f\v\\\""`},
	{token.STRING, `"\u200b\u00a0\ufeff"`}, {token.STRING, `""`}, {token.STRING, `"\xe2\x82"`},
}

var ops = []struct {
	a, op, b string
}{
	{"1", "+", "2"}, {"7", "/", "2"}, {"6", "/", "3"}, {"1", "/", "3"}, {"-7", "%", "3"},
	{"1.5", "*", "2"}, {"0.1", "+", "0.2"}, {"1", "<<", "100"}, {"-1", ">>", "1"}, {"-9", ">>", "2"},
	{"0xF0", "&^", "0x30"}, {"5", "^", "3"}, {"1e100", "*", "1e100"}, {"1", "/", "1e300"},
	{"1e5000", "+", "1"}, {"1e5000", "/", "3"}, {"1i", "*", "1i"}, {"(1+2i)", "/", "(3-4i)"},
	{`"ab"`, "+", `"cd"`}, {"1e-5000", "*", "1e-5000"}, {"2.5", "-", "2.5"}, {"1", "-", "1e5000"},
	{"123456789123456789123456789", "*", "987654321987654321"}, {"-5", "/", "2.0"},
	{"1.0", "<<", "3"}, {"^0", "+", "0"}, {"-(1<<63)", "-", "1"},
}

var convs = []struct {
	typ, lit string
}{
	{"float64", "0.1"}, {"float32", "0.1"}, {"float64", "1e308"}, {"float64", "1e309"}, {"float32", "1e39"},
	{"float64", "1e-400"}, {"float32", "1e-46"}, {"float64", "1.0/3"}, {"float32", "16777217"},
	{"float64", "9007199254740993"}, {"complex64", "(0.1+0.2i)"}, {"complex128", "1i"},
	{"int8", "127"}, {"int8", "128"}, {"int8", "-128"}, {"uint8", "-1"}, {"uint8", "255"},
	{"int", "1<<63 - 1"}, {"int", "1<<63"}, {"uint", "1<<64 - 1"}, {"uint64", "1<<64"},
	{"uintptr", "1<<64 - 1"}, {"int32", "2.0"}, {"int32", "2.5"}, {"uint32", "1<<32 - 1"},
	{"int64", "-1 << 63"}, {"float64", "1e5000/1e4990"}, {"int", "1e5000/1e4990"}, {"float64", "-0.0"},
	{"float32", "1.000000059604644775390625"}, {"float64", "4.9406564584124654e-324"},
	{"float64", "2.4703282292062328e-324"}, {"float32", "3.4028235e38"}, {"string", `"x"`}, {"bool", "1 < 2"},
}

func eval(expr, typ string) string {
	src := "package p\nconst x " + typ + " = " + expr + "\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		return "error"
	}
	conf := types.Config{Importer: importer.Default(), Error: func(error) {}}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		return "error"
	}
	return pkg.Scope().Lookup("x").(*types.Const).Val().ExactString()
}

func main() {
	for _, l := range lits {
		fmt.Printf("lit\t%s\t%s\t%s\n", l.tok, strings.ReplaceAll(l.lit, "\t", "\\t"), constant.MakeFromLiteral(l.lit, l.tok, 0).ExactString())
	}
	for _, o := range ops {
		fmt.Printf("op\t%s\t%s\t%s\t%s\n", o.a, o.op, o.b, eval(o.a+" "+o.op+" "+o.b, ""))
	}
	for _, c := range convs {
		fmt.Printf("conv\t%s\t%s\t%s\n", c.typ, c.lit, eval(c.lit, c.typ))
	}
}
