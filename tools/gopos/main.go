// Command gopos prints, for every Go file given (directories are walked
// recursively, skipping testdata), one line per node of selected kinds at
// the position gc's syntax package reports for that node, computed from
// go/parser's AST:
//
//	file:line:col Kind
//
// Kinds and positions: Call (the '('), Selector (the '.'), Index (the '['
// of IndexExpr/IndexListExpr), Slice ('['), TypeAssert (the '.', also for
// x.(type)), CompositeLit ('{'), KeyValue (':'), FuncLit ('func'),
// Binary (operator), Unary (operator; not '*', which gc folds into
// pointer types/derefs), FuncDecl (receiver '(' for methods, else the
// name). Positions are raw (//line directives ignored), columns in bytes.
// The output is unsorted; the heapscope test sorts it.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	var files []string
	for _, arg := range os.Args[1:] {
		st, err := os.Stat(arg)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if !st.IsDir() {
			files = append(files, arg)
			continue
		}
		filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && p != arg && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(p, ".go") {
				files = append(files, p)
			}
			return nil
		})
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	failed := false
	for _, name := range files {
		if err := dump(out, name); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			failed = true
		}
	}
	if failed {
		out.Flush()
		os.Exit(1)
	}
}

func dump(out *bufio.Writer, name string) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	// Positions of all '.' tokens, to find the dot of selectors and
	// type assertions even with comments in between.
	var dots []token.Pos
	var s scanner.Scanner
	file := fset.File(f.Pos())
	s.Init(file, src, nil, scanner.ScanComments)
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.PERIOD {
			dots = append(dots, pos)
		}
	}
	dotBefore := func(p token.Pos) token.Pos {
		i := sort.Search(len(dots), func(i int) bool { return dots[i] >= p })
		if i == 0 {
			return token.NoPos
		}
		return dots[i-1]
	}
	emit := func(p token.Pos, kind string) {
		pos := fset.PositionFor(p, false)
		fmt.Fprintf(out, "%s:%d:%d %s\n", pos.Filename, pos.Line, pos.Column, kind)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			emit(n.Lparen, "Call")
		case *ast.SelectorExpr:
			emit(dotBefore(n.Sel.Pos()), "Selector")
		case *ast.IndexExpr:
			emit(n.Lbrack, "Index")
		case *ast.IndexListExpr:
			emit(n.Lbrack, "Index")
		case *ast.SliceExpr:
			emit(n.Lbrack, "Slice")
		case *ast.TypeAssertExpr:
			emit(dotBefore(n.Lparen), "TypeAssert")
		case *ast.CompositeLit:
			emit(n.Lbrace, "CompositeLit")
		case *ast.KeyValueExpr:
			emit(n.Colon, "KeyValue")
		case *ast.FuncLit:
			emit(n.Type.Func, "FuncLit")
		case *ast.BinaryExpr:
			emit(n.OpPos, "Binary")
		case *ast.UnaryExpr:
			emit(n.OpPos, "Unary")
		case *ast.FuncDecl:
			if n.Recv != nil && n.Recv.Opening.IsValid() {
				emit(n.Recv.Opening, "FuncDecl")
			} else {
				emit(n.Name.Pos(), "FuncDecl")
			}
		}
		return true
	})
	return nil
}
