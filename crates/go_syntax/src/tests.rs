//! Unit tests for the scanner, parser, positions, `//line` handling,
//! pragmas and error messages. Expected error lines and node positions were
//! produced by gc's own syntax package (go1.27.3) on the same inputs.

use crate::ast::*;
use crate::scanner::{Scanner, SemiLit};
use crate::token::{LitKind, Operator, Token};
use crate::{Node, parse_file};

fn errors(src: &str) -> Vec<String> {
    let (f, errs) = parse_file("F", src.as_bytes());
    errs.iter().map(|e| f.format_error(e)).collect()
}

fn clean(src: &str) -> File {
    let (f, errs) = parse_file("F", src.as_bytes());
    let msgs: Vec<String> = errs.iter().map(|e| f.format_error(e)).collect();
    assert!(msgs.is_empty(), "unexpected errors: {msgs:?}\n{src}");
    f
}

/// (token, literal text) pairs of a source.
fn tokens(src: &str) -> Vec<(Token, String)> {
    let mut s = Scanner::new(src.as_bytes());
    let mut out = Vec::new();
    loop {
        s.next();
        if s.tok == Token::Eof {
            break;
        }
        let text = match s.tok {
            Token::Semi => s.semi.as_str().to_string(),
            _ => String::from_utf8_lossy(&src.as_bytes()[s.start as usize..s.end as usize]).into_owned(),
        };
        out.push((s.tok, text));
        assert!(out.len() < 10_000);
    }
    out
}

/// Error messages produced by gc's syntax package for small broken files.
const GC_ERRORS: &[(&str, &[&str])] = &[
    ("package p\nfunc f() {\n\tx := 1 +\n}\n", &["F:4:1: syntax error: unexpected }, expected expression"]),
    ("package p\nfunc f() {\n\tif x := 1 {\n\t}\n}\n", &["F:3:7: syntax error: cannot use x := 1 as value"]),
    (
        "package p\nfunc f() {\n\tfor i := 0; i < 10; i := i + 1 {\n\t}\n}\n",
        &["F:3:24: syntax error: cannot declare in post statement of for loop"],
    ),
    ("package p\nfunc f()\n{\n}\n", &["F:3:1: syntax error: unexpected semicolon or newline before {"]),
    ("package p\nx := 1\n", &["F:2:1: syntax error: non-declaration statement outside function body"]),
    (
        "package p\nfunc f() {\n\tg(1, 2\n}\n",
        &["F:3:8: syntax error: unexpected newline in argument list; possibly missing comma or )"],
    ),
    ("package p\nvar s = \"abc\n", &["F:2:13: newline in string"]),
    ("package p\nvar r = 'ab'\n", &["F:2:9: more than one character in rune literal"]),
    (
        "package p\nvar x = 0x\nvar y = 1_\nvar z = 0b102\nvar w = 0o8\n",
        &[
            "F:2:11: hexadecimal literal has no digits",
            "F:3:10: '_' must separate successive digits",
            "F:4:13: invalid digit '2' in binary literal",
            "F:5:11: invalid digit '8' in octal literal",
        ],
    ),
    (
        "package p\nvar x = 1e\nvar y = 0x1.p1\nvar z = 0x1.0\n",
        &["F:2:11: exponent has no digits", "F:4:14: hexadecimal mantissa requires a 'p' exponent"],
    ),
    (
        "package p\nvar s = \"\\q\\400\\xZZ\\uD800\"\n",
        &[
            "F:2:11: unknown escape",
            "F:2:16: octal escape value 256 > 255",
            "F:2:18: invalid character 'Z' in hexadecimal escape",
            "F:2:26: escape is invalid Unicode code point U+D800",
        ],
    ),
    ("package p\n/* unterminated\n", &["F:2:1: comment not terminated"]),
    (
        "package p\nfunc f() {\n\tswitch x {\n\tcase 1\n\t}\n}\n",
        &["F:4:8: syntax error: unexpected newline, expected :"],
    ),
    ("package p\nimport 1\n", &["F:2:8: syntax error: import path must be a string"]),
    ("p\n", &["F:1:1: syntax error: package statement must be first"]),
    (
        "package p\nfunc (a, b T) f() {}\nfunc () g() {}\n",
        &["F:2:15: method has multiple receivers", "F:3:9: method has no receiver"],
    ),
    ("package p\nfunc f(a ...int, b int) {}\n", &["F:2:10: can only use ... with final parameter"]),
    (
        "package p\nvar _ = a[1::]\n",
        &["F:2:13: middle index required in 3-index slice", "F:2:14: final index required in 3-index slice"],
    ),
    ("package p\nfunc f() {\n\tgo (g())\n}\n", &["F:3:5: expression in go must not be parenthesized"]),
    (
        "package p\ntype T interface{ M[P any]() }\n",
        &["F:2:20: interface method must have no type parameters"],
    ),
    (
        "package p\nfunc f() {\n\tif x {\n\t} else for {\n\t}\n}\n",
        &[
            "F:4:9: syntax error: else must be followed by if or statement block",
            "F:4:9: syntax error: unexpected keyword for at end of statement",
        ],
    ),
    ("package p\nvar x = @\n", &["F:2:9: invalid character U+0040 '@'"]),
    ("package p\nfunc f(a, b) {}\n", &[]),
    ("package p\ntype T[P] int\n", &[]),
    ("package p\nfunc f() {\nL:\n}\n", &[]),
    ("package p\nfunc f() {\n\tvar c chan<- <-chan int\n\t_ = <-chan<- int(nil)\n}\n", &[]),
    (
        "package p\n//line foo.go:10\nvar x = @\n//line :20:5\nvar y = #\n/*line bar.go:7:3*/var z = $\n",
        &[
            "foo.go:10: invalid character U+0040 '@'",
            "foo.go:20:5: syntax error: unexpected keyword var, expected expression",
            "foo.go:20:13: invalid character U+0023 '#'",
            "bar.go:7:11: invalid character U+0024 '$'",
        ],
    ),
    (
        "package p\n//line foo.go:abc\n//line foo.go:0\n//line foo.go:1:0\n",
        &[
            "F:2:15: invalid line number: abc",
            "F:3:15: invalid line number: 0",
            "F:4:17: invalid column number: 0",
        ],
    ),
    (
        "package p\nfunc f() {\n\tif x; {\n\t}\n}\n",
        &["F:3:6: syntax error: missing condition in if statement"],
    ),
    (
        "package p\nfunc f() {\n\tx = struct{}{}\n\t_ = T{1, 2\n\t}\n}\n",
        &["F:4:12: syntax error: unexpected newline in composite literal; possibly missing comma or }"],
    ),
];

#[test]
fn error_messages_and_positions_match_gc() {
    for (src, want) in GC_ERRORS {
        let got = errors(src);
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(got, want, "source:\n{src}");
    }
}

const POS_SRC: &str = "package p\n\nimport (\n\t\"fmt\"\n\tm \"math\"\n)\n\n//go:noinline\nfunc (r *T[P]) Method[Q any](x Q, ys ...int) (n int, err error) {\n\tv := &T[int]{a: 1, b: []int{1, 2}}\n\tfor i := range 10 {\n\t\tfmt.Println(i, v.a, ys[1:2:3], -x, !ok, <-ch, ^n)\n\t}\n\tfor k, v := range seq {\n\t\t_, _ = k, v\n\t}\n\tswitch t := any(x).(type) {\n\tcase int, string:\n\t\tn += 2\n\tdefault:\n\t\tn++\n\t}\n\tselect {\n\tcase ch <- 1:\n\tcase x, ok := <-ch:\n\t\t_ = x\n\tdefault:\n\t}\n\tgo func() { defer f() }()\n\tp := new(int64(42))\n\ts := x.(fmt.Stringer).String()\n\ttype L[E ~int | ~string] []E\n\tconst (\n\t\tA = iota * 2\n\t\tB\n\t)\n\tgoto L\nL:\n\tif a, b := 1, 2; a < b && m.Abs(1.5e3) > 0x1p-2 {\n\t\treturn 1 << 3, nil\n\t} else if c := 'x'; c != '\\n' {\n\t\tfallthrough\n\t}\n\tvar arr [...]string\n\t_ = map[string]chan<- int{\"a\": nil}\n\t_ = struct{ x, y int `tag` }{}\n\t_ = interface{ M(); fmt.Stringer }(nil)\n\treturn\n}\n";
/// gc's `pos type` for every node of POS_SRC (sorted).
const POS_WANT: &[&str] = &[
    "10:10 Name",
    "10:14 CompositeLit",
    "10:15 Name",
    "10:16 KeyValueExpr",
    "10:18 BasicLit",
    "10:2 Name",
    "10:21 Name",
    "10:22 KeyValueExpr",
    "10:24 SliceType",
    "10:26 Name",
    "10:29 CompositeLit",
    "10:30 BasicLit",
    "10:33 BasicLit",
    "10:4 AssignStmt",
    "10:7 Operation",
    "10:8 Name",
    "10:9 IndexExpr",
    "11:11 RangeClause",
    "11:17 BasicLit",
    "11:2 ForStmt",
    "11:20 BlockStmt",
    "11:6 Name",
    "12:14 CallExpr",
    "12:14 ExprStmt",
    "12:15 Name",
    "12:18 Name",
    "12:19 SelectorExpr",
    "12:20 Name",
    "12:23 Name",
    "12:25 SliceExpr",
    "12:26 BasicLit",
    "12:28 BasicLit",
    "12:3 Name",
    "12:30 BasicLit",
    "12:34 Operation",
    "12:35 Name",
    "12:38 Operation",
    "12:39 Name",
    "12:43 Operation",
    "12:45 Name",
    "12:49 Operation",
    "12:50 Name",
    "12:6 SelectorExpr",
    "12:7 Name",
    "14:14 RangeClause",
    "14:2 ForStmt",
    "14:20 Name",
    "14:24 BlockStmt",
    "14:6 ListExpr",
    "14:6 Name",
    "14:9 Name",
    "15:10 ListExpr",
    "15:10 Name",
    "15:13 Name",
    "15:3 ListExpr",
    "15:3 Name",
    "15:6 Name",
    "15:8 AssignStmt",
    "17:14 Name",
    "17:17 CallExpr",
    "17:18 Name",
    "17:2 SwitchStmt",
    "17:20 TypeSwitchGuard",
    "17:9 Name",
    "18:12 Name",
    "18:2 CaseClause",
    "18:7 ListExpr",
    "18:7 Name",
    "19:3 Name",
    "19:5 AssignStmt",
    "19:8 BasicLit",
    "1:9 Name",
    "20:2 CaseClause",
    "21:3 Name",
    "21:4 AssignStmt",
    "23:2 SelectStmt",
    "24:10 SendStmt",
    "24:13 BasicLit",
    "24:2 CommClause",
    "24:7 Name",
    "25:10 Name",
    "25:13 AssignStmt",
    "25:16 Operation",
    "25:18 Name",
    "25:2 CommClause",
    "25:7 ListExpr",
    "25:7 Name",
    "26:3 Name",
    "26:5 AssignStmt",
    "26:7 Name",
    "27:2 CommClause",
    "29:12 BlockStmt",
    "29:14 CallStmt",
    "29:2 CallStmt",
    "29:20 Name",
    "29:21 CallExpr",
    "29:25 CallExpr",
    "29:5 FuncLit",
    "29:9 FuncType",
    "30:10 CallExpr",
    "30:11 Name",
    "30:16 CallExpr",
    "30:17 BasicLit",
    "30:2 Name",
    "30:4 AssignStmt",
    "30:7 Name",
    "31:10 Name",
    "31:13 SelectorExpr",
    "31:14 Name",
    "31:2 Name",
    "31:23 SelectorExpr",
    "31:24 Name",
    "31:30 CallExpr",
    "31:4 AssignStmt",
    "31:7 Name",
    "31:8 AssertExpr",
    "32:11 Operation",
    "32:12 Name",
    "32:16 Operation",
    "32:18 Operation",
    "32:19 Name",
    "32:2 DeclStmt",
    "32:27 SliceType",
    "32:29 Name",
    "32:7 Name",
    "32:7 TypeDecl",
    "32:9 Field",
    "32:9 Name",
    "33:2 DeclStmt",
    "34:12 Operation",
    "34:14 BasicLit",
    "34:3 ConstDecl",
    "34:3 Name",
    "34:7 Name",
    "35:3 ConstDecl",
    "35:3 Name",
    "37:2 BranchStmt",
    "37:7 Name",
    "38:1 Name",
    "38:2 LabeledStmt",
    "39:10 AssignStmt",
    "39:13 BasicLit",
    "39:13 ListExpr",
    "39:16 BasicLit",
    "39:19 Name",
    "39:2 IfStmt",
    "39:21 Operation",
    "39:23 Name",
    "39:25 Operation",
    "39:28 Name",
    "39:29 SelectorExpr",
    "39:30 Name",
    "39:33 CallExpr",
    "39:34 BasicLit",
    "39:41 Operation",
    "39:43 BasicLit",
    "39:5 ListExpr",
    "39:5 Name",
    "39:50 BlockStmt",
    "39:8 Name",
    "40:10 BasicLit",
    "40:12 ListExpr",
    "40:12 Operation",
    "40:15 BasicLit",
    "40:18 Name",
    "40:3 ReturnStmt",
    "41:12 Name",
    "41:14 AssignStmt",
    "41:17 BasicLit",
    "41:22 Name",
    "41:24 Operation",
    "41:27 BasicLit",
    "41:32 BlockStmt",
    "41:9 IfStmt",
    "42:3 BranchStmt",
    "44:10 ArrayType",
    "44:15 Name",
    "44:2 DeclStmt",
    "44:6 Name",
    "44:6 VarDecl",
    "45:10 Name",
    "45:17 ChanType",
    "45:2 Name",
    "45:24 Name",
    "45:27 CompositeLit",
    "45:28 BasicLit",
    "45:31 KeyValueExpr",
    "45:33 Name",
    "45:4 AssignStmt",
    "45:6 MapType",
    "46:14 Field",
    "46:14 Name",
    "46:17 Field",
    "46:17 Name",
    "46:19 Name",
    "46:19 Name",
    "46:2 Name",
    "46:23 BasicLit",
    "46:23 BasicLit",
    "46:30 CompositeLit",
    "46:4 AssignStmt",
    "46:6 StructType",
    "47:17 Field",
    "47:17 Name",
    "47:18 FuncType",
    "47:2 Name",
    "47:22 Field",
    "47:22 Name",
    "47:25 SelectorExpr",
    "47:26 Name",
    "47:36 CallExpr",
    "47:37 Name",
    "47:4 AssignStmt",
    "47:6 InterfaceType",
    "48:2 ReturnStmt",
    "4:2 BasicLit",
    "4:2 ImportDecl",
    "5:2 ImportDecl",
    "5:2 Name",
    "5:4 BasicLit",
    "9:10 Name",
    "9:11 IndexExpr",
    "9:12 Name",
    "9:16 Name",
    "9:22 FuncType",
    "9:23 Field",
    "9:23 Name",
    "9:25 Name",
    "9:30 Field",
    "9:30 Name",
    "9:32 Name",
    "9:35 Field",
    "9:35 Name",
    "9:38 DotsType",
    "9:41 Name",
    "9:47 Field",
    "9:47 Name",
    "9:49 Name",
    "9:54 Field",
    "9:54 Name",
    "9:58 Name",
    "9:6 FuncDecl",
    "9:65 BlockStmt",
    "9:7 Field",
    "9:7 Name",
    "9:9 Operation",
];

fn type_name(f: &File, n: Node) -> &'static str {
    match n {
        Node::Field(_) => "Field",
        Node::Decl(d) => match f.decl(d).kind {
            DeclKind::Import { .. } => "ImportDecl",
            DeclKind::Const { .. } => "ConstDecl",
            DeclKind::Type { .. } => "TypeDecl",
            DeclKind::Var { .. } => "VarDecl",
            DeclKind::Func { .. } => "FuncDecl",
        },
        Node::Stmt(s) => match f.stmt(s).kind {
            StmtKind::Empty => "EmptyStmt",
            StmtKind::Labeled { .. } => "LabeledStmt",
            StmtKind::Block { .. } => "BlockStmt",
            StmtKind::Expr { .. } => "ExprStmt",
            StmtKind::Send { .. } => "SendStmt",
            StmtKind::Decl { .. } => "DeclStmt",
            StmtKind::Assign { .. } => "AssignStmt",
            StmtKind::Branch { .. } => "BranchStmt",
            StmtKind::Call { .. } => "CallStmt",
            StmtKind::Return { .. } => "ReturnStmt",
            StmtKind::If { .. } => "IfStmt",
            StmtKind::For { .. } => "ForStmt",
            StmtKind::Switch { .. } => "SwitchStmt",
            StmtKind::Select { .. } => "SelectStmt",
            StmtKind::Range { .. } => "RangeClause",
            StmtKind::CaseClause { .. } => "CaseClause",
            StmtKind::CommClause { .. } => "CommClause",
        },
        Node::Expr(e) => match f.expr(e).kind {
            ExprKind::Bad => "BadExpr",
            ExprKind::Name(_) => "Name",
            ExprKind::BasicLit { .. } => "BasicLit",
            ExprKind::CompositeLit { .. } => "CompositeLit",
            ExprKind::KeyValue { .. } => "KeyValueExpr",
            ExprKind::FuncLit { .. } => "FuncLit",
            ExprKind::Paren { .. } => "ParenExpr",
            ExprKind::Selector { .. } => "SelectorExpr",
            ExprKind::Index { .. } => "IndexExpr",
            ExprKind::Slice { .. } => "SliceExpr",
            ExprKind::Assert { .. } => "AssertExpr",
            ExprKind::TypeSwitchGuard { .. } => "TypeSwitchGuard",
            ExprKind::Operation { .. } => "Operation",
            ExprKind::Call { .. } => "CallExpr",
            ExprKind::List { .. } => "ListExpr",
            ExprKind::ArrayType { .. } => "ArrayType",
            ExprKind::SliceType { .. } => "SliceType",
            ExprKind::DotsType { .. } => "DotsType",
            ExprKind::StructType { .. } => "StructType",
            ExprKind::FuncType { .. } => "FuncType",
            ExprKind::InterfaceType { .. } => "InterfaceType",
            ExprKind::MapType { .. } => "MapType",
            ExprKind::ChanType { .. } => "ChanType",
        },
    }
}

#[test]
fn node_positions_match_gc() {
    let f = clean(POS_SRC);
    let mut got = Vec::new();
    f.walk(|n| {
        let p = f.gc_pos(n);
        got.push(format!("{}:{} {}", p.line, p.col, type_name(&f, n)));
    });
    got.sort();
    // gc's walker visits types shared by `x, y T` fields once per field;
    // ours visits shared nodes once: compare the sets.
    let mut want: Vec<String> = POS_WANT.iter().map(|s| s.to_string()).collect();
    want.dedup();
    let mut uniq = got.clone();
    uniq.dedup();
    assert_eq!(uniq, got, "walk visited a node twice");
    assert_eq!(got, want);
}

#[test]
fn semicolon_insertion() {
    let t = tokens("x\n)\n]\n}\n1\n'a'\n\"s\"\n`r`\nbreak\ncontinue\nfallthrough\nreturn\nx++\ny--\n+\n");
    let semis: Vec<&str> = t.iter().filter(|(k, _)| *k == Token::Semi).map(|(_, s)| s.as_str()).collect();
    assert_eq!(semis.len(), 14, "{t:?}");
    assert!(semis.iter().all(|s| *s == "newline"));
    // no semicolon after an operator, keyword like `if`, or at EOF after `+`
    let t = tokens("a +\nb\nif\nfunc");
    let kinds: Vec<Token> = t.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, vec![Token::Name, Token::Operator, Token::Name, Token::Semi, Token::If, Token::Func]);
    // EOF acts as a semicolon after a name
    let t = tokens("x");
    assert_eq!(t.last().map(|x| x.1.as_str()), Some("EOF"));
    // a multi-line /* */ comment acts as a newline, a one-line one does not
    let t = tokens("x /* a\nb */ y /* c */ z");
    let kinds: Vec<Token> = t.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, vec![Token::Name, Token::Semi, Token::Name, Token::Name, Token::Semi]);
    let t = tokens("x // c\ny;");
    assert_eq!(t[1], (Token::Semi, "newline".to_string()));
    assert_eq!(t[3], (Token::Semi, "semicolon".to_string()));
}

#[test]
fn literal_forms() {
    let cases: &[(&str, LitKind)] = &[
        ("0", LitKind::Int),
        ("123_456", LitKind::Int),
        ("0x_1F", LitKind::Int),
        ("0o17", LitKind::Int),
        ("0O17", LitKind::Int),
        ("017", LitKind::Int),
        ("0b1010", LitKind::Int),
        ("1.5", LitKind::Float),
        (".5", LitKind::Float),
        ("1.", LitKind::Float),
        ("1e10", LitKind::Float),
        ("1E-3", LitKind::Float),
        ("0x1p-2", LitKind::Float),
        ("0x1.8p+3", LitKind::Float),
        ("0x.8p0", LitKind::Float),
        ("1_000.000_1", LitKind::Float),
        ("2i", LitKind::Imag),
        ("1.5i", LitKind::Imag),
        ("0x1p3i", LitKind::Imag),
        ("0b11i", LitKind::Imag),
        ("'a'", LitKind::Rune),
        ("'\\n'", LitKind::Rune),
        ("'\\x41'", LitKind::Rune),
        ("'\\101'", LitKind::Rune),
        ("'\\u00e9'", LitKind::Rune),
        ("'\\U0001F600'", LitKind::Rune),
        ("'\\''", LitKind::Rune),
        ("'é'", LitKind::Rune),
        ("\"a\\tb\\\"c\"", LitKind::String),
        ("\"\"", LitKind::String),
        ("`raw\nstring \\n`", LitKind::String),
    ];
    for (lit, kind) in cases {
        let mut s = Scanner::new(lit.as_bytes());
        s.next();
        assert_eq!(s.tok, Token::Literal, "{lit}");
        assert_eq!(s.kind, *kind, "{lit}");
        assert!(!s.bad, "{lit} flagged bad: {:?}", s.errors);
        assert_eq!(s.end as usize, lit.len(), "{lit}");
        assert!(s.errors.is_empty(), "{lit}: {:?}", s.errors);
    }
    // 017 style octal with 8/9 digits is only an error for integers
    let mut s = Scanner::new(b"089.5");
    s.next();
    assert_eq!(s.kind, LitKind::Float);
    assert!(s.errors.is_empty());
}

#[test]
fn operators() {
    let t = tokens(
        "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == < > = ! ~ != <= >= := ... . , ; : ( ) [ ] { }",
    );
    let kinds: Vec<Token> = t.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds.iter().filter(|k| **k == Token::AssignOp).count(), 11);
    assert_eq!(kinds.iter().filter(|k| **k == Token::IncOp).count(), 2);
    assert!(
        kinds.contains(&Token::DotDotDot) && kinds.contains(&Token::Define) && kinds.contains(&Token::Arrow)
    );
    let mut s = Scanner::new(b"&^ <<");
    s.next();
    assert_eq!((s.tok, s.op), (Token::Operator, Operator::AndNot));
    s.next();
    assert_eq!((s.tok, s.op), (Token::Operator, Operator::Shl));
}

#[test]
fn comments_and_directives_are_kept() {
    let src = "// Copyright\n\n//go:build linux && go1.21\n\n// Package p.\npackage p\n\n//go:noinline\n//go:nosplit\n//go:linkname x runtime.x\nfunc f() {} // ERROR \"x\"\n\n//gcassert:inline\nfunc g() {}\n\n//go:embed a.txt\nvar s string\n";
    let f = clean(src);
    assert_eq!(f.go_version, "go1.21");
    assert_eq!(f.comments.len(), 9);
    let decls: Vec<DeclId> = f.list(f.decl_list).collect();
    let DeclKind::Func { .. } = f.decl(decls[0]).kind else { panic!("want func") };
    let prag = f.pragma(f.decl(decls[0]).pragma.expect("pragma on f"));
    assert_eq!(prag.flags, pragma_flags::NOINLINE | pragma_flags::NOSPLIT);
    let ln: Vec<&Directive> = prag.named("linkname").collect();
    assert_eq!(ln.len(), 1);
    assert_eq!(ln[0].text, "go:linkname x runtime.x");
    assert!(f.decl(decls[1]).pragma.is_none(), "gcassert is not a go: directive");
    let emb = f.pragma(f.decl(decls[2]).pragma.expect("embed pragma"));
    assert_eq!(emb.named("embed").count(), 1);
    // comments are retrievable by line
    let on11: Vec<String> =
        f.comments_on_line(11).map(|c| String::from_utf8_lossy(f.comment_text(c)).into_owned()).collect();
    assert_eq!(on11, vec!["// ERROR \"x\"".to_string()]);
    assert_eq!(f.comments_on_line(13).count(), 1);
    // //go:build before the package clause lands on the file's pragma
    let fp = f.pragma(f.pragma.expect("file pragma"));
    assert_eq!(fp.named("build").count(), 1);
}

#[test]
fn language_constructs_parse() {
    let src = r#"package p

import . "fmt"
import _ "embed"

type (
	A = int
	G[T any] struct{ x T }
	C interface{ ~int | ~string; M() }
	Arr [N]int
	Ptr[T *int] struct{}
	AP[P ~[]byte | string] []P
	Alias[T any] = G[T]
	Fn func(int, ...string) (bool, error)
	Ch <-chan chan<- int
)

const (
	X = iota
	Y
	Z = "s"
)

func (g *G[T]) Get() T { return g.x }

func (g G[T]) Map[U any](f func(T) U) U { return f(g.x) }

func F[K comparable, V any](m map[K]V) (keys []K) {
	for k := range m {
		keys = append(keys, k)
	}
	for i := range 10 {
		_ = i
	}
	for range 3 {
	}
	for x := range func(yield func(int) bool) {} {
		_ = x
	}
	p := new(int(1))
	q := new(struct{ a int })
	_, _ = p, q
	var arr [...]int
	_ = arr[1:2:3]
	_ = [...]string{2: "a", "b"}
	_ = &G[int]{x: 1}
	_ = G[int]{}.Get()
	switch v := any(m).(type) {
	case nil:
	case map[K]V:
		_ = v
		fallthrough
	default:
	}
	c := make(chan int, 1)
	select {
	case c <- 1:
	case v, ok := <-c:
		_, _ = v, ok
	default:
	}
loop:
	for {
		if true {
			break loop
		} else if false {
			continue loop
		} else {
			goto end
		}
	}
end:
	defer func() { recover() }()
	go Println(0x1p-2, 1_000, 0o7, 0b1, 'x', `raw`, 1i)
	x := 1
	x <<= 2
	x &^= 3
	x++
	return
}
"#;
    let f = clean(src);
    let decls: Vec<DeclId> = f.list(f.decl_list).collect();
    // iota index within the const group
    let iotas: Vec<u32> = decls
        .iter()
        .filter_map(|&d| match f.decl(d).kind {
            DeclKind::Const { iota, .. } => Some(iota),
            _ => None,
        })
        .collect();
    assert_eq!(iotas, vec![0, 1, 2]);
    // alias flags, type parameters, generic method
    let mut aliases = 0;
    let mut generic_methods = 0;
    for &d in &decls {
        match &f.decl(d).kind {
            DeclKind::Type { alias: true, .. } => aliases += 1,
            DeclKind::Func { recv: Some(_), tparams, .. } if !tparams.is_empty() => generic_methods += 1,
            _ => {}
        }
    }
    assert_eq!(aliases, 2);
    assert_eq!(generic_methods, 1);
    // x++ is an AssignStmt with Rhs == nil, `:=` has Op Def, `<<=` op Shl
    let mut incs = 0;
    let mut defs = 0;
    let mut shl = 0;
    let mut ranges = 0;
    let mut dots = 0;
    f.walk(|n| match n {
        Node::Stmt(s) => match f.stmt(s).kind {
            StmtKind::Assign { op: Operator::Add, rhs: None, .. } => incs += 1,
            StmtKind::Assign { op: Operator::Def, .. } => defs += 1,
            StmtKind::Assign { op: Operator::Shl, rhs: Some(_), .. } => shl += 1,
            StmtKind::Range { .. } => ranges += 1,
            _ => {}
        },
        Node::Expr(e) => {
            if let ExprKind::DotsType { .. } = f.expr(e).kind {
                dots += 1;
            }
        }
        _ => {}
    });
    assert_eq!((incs, shl, ranges, dots), (1, 1, 4, 1));
    assert!(defs >= 5);
}

#[test]
fn composite_literal_fields() {
    let f = clean("package p\nvar _ = T{a: 1, 2, b: 3}\n");
    let mut found = false;
    f.walk(|n| {
        if let Node::Expr(e) = n
            && let ExprKind::CompositeLit { nkeys, elems, rbrace, .. } = f.expr(e).kind
        {
            assert_eq!(nkeys, 2);
            assert_eq!(elems.len(), 3);
            assert_eq!(f.source_map.position(rbrace).to_string(), "F:2:24");
            found = true;
        }
    });
    assert!(found);
}

#[test]
fn call_has_dots_and_spans() {
    let f = clean("package p\nvar _ = f(a, b...)\n");
    let mut found = false;
    f.walk(|n| {
        if let Node::Expr(e) = n
            && let ExprKind::Call { has_dots, args, .. } = f.expr(e).kind
        {
            assert!(has_dots);
            assert_eq!(args.len(), 2);
            assert_eq!(f.text(e), b"f(a, b...)");
            assert_eq!(f.gc_pos(n).to_string(), "F:2:10");
            found = true;
        }
    });
    assert!(found);
}

#[test]
fn line_directives() {
    let src = "package p\n\n//line foo.go:100\nvar a = 1\n/*line bar.go:5:10*/var b = 2\n//line :7:3\nvar c = 3\n//line dir/x.go:1\nvar d = 4\n";
    let (f, errs) = parse_file("/src/pkg/f.go", src.as_bytes());
    assert!(errs.is_empty());
    let names: Vec<String> = f
        .list(f.decl_list)
        .map(|d| {
            let DeclKind::Var { names, .. } = f.decl(d).kind else { panic!() };
            let n = f.list(names).next().expect("name");
            f.gc_pos(Node::Expr(n)).to_string()
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "/src/pkg/foo.go:100".to_string(),
            "/src/pkg/bar.go:5:14".to_string(),
            "/src/pkg/bar.go:7:7".to_string(),
            "/src/pkg/dir/x.go:1".to_string(),
        ]
    );
    // physical positions are still available
    let first = f.list(f.decl_list).next().expect("decl");
    assert_eq!(f.source_map.physical(f.decl(first).pos).to_string(), "/src/pkg/f.go:4:5");
    // a //line not at column 1 is not a directive
    let f = clean("package p\nvar x = 1 //line foo.go:10\nvar y = 2\n");
    let last = f.list(f.decl_list).last().expect("decl");
    assert_eq!(f.gc_pos(Node::Decl(last)).to_string(), "F:3:5");
}

#[test]
fn bom_nul_and_invalid_utf8() {
    // BOM at the start is skipped; columns stay byte-based
    let (f, errs) = parse_file("F", b"\xef\xbb\xbfpackage p\nvar x = 1\n");
    assert!(errs.is_empty());
    assert_eq!(f.gc_pos(Node::Expr(f.pkg_name.expect("pkg"))).to_string(), "F:1:12");
    assert_eq!(
        errors("package p\nvar x = \u{feff}1\n"),
        vec!["F:2:9: invalid BOM in the middle of the file"]
    );
    assert_eq!(errors("package p\nvar s = \"a\0b\"\n"), vec!["F:2:11: invalid NUL character"]);
    let (f, errs) = parse_file("F", b"package p\nvar t = 1 // \xff\nvar s = \"\xfe\"\n");
    let msgs: Vec<String> = errs.iter().map(|e| f.format_error(e)).collect();
    assert_eq!(msgs, vec!["F:2:14: invalid UTF-8 encoding", "F:3:10: invalid UTF-8 encoding"]);
    // like gc, an error before the first declaration stops parsing
    let (f, errs) = parse_file("F", b"package p\n// \xff\nvar s = \"\xfe\"\n");
    assert_eq!(errs.len(), 1);
    assert!(f.decl_list.is_empty());
    assert_eq!(errors("package p\nvar x = 1\x00\n"), vec!["F:2:10: invalid NUL character"]);
    // non-ASCII identifiers
    clean("package p\nvar héllo, 世界 = 1, 2\n");
    assert_eq!(
        errors("package p\nvar x٣ = 1\nvar ٣x = 1\n"),
        vec!["F:3:5: identifier cannot begin with digit U+0663 '٣'"]
    );
}

#[test]
fn never_panics_on_odd_inputs() {
    let inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"package".to_vec(),
        b"package p; func".to_vec(),
        b"package p\nfunc f() { x := [".to_vec(),
        b"package p\nvar _ = '".to_vec(),
        b"package p\nvar _ = \"\\".to_vec(),
        b"package p\nvar _ = '\\u12".to_vec(),
        b"package p\ntype T[".to_vec(),
        b"package p\nfunc (".to_vec(),
        b"package p\n/*line x:1".to_vec(),
        b"package p\n//line x:99999999999999999999\n".to_vec(),
        b"package p\n//line :1:1".to_vec(),
        b"\xff\xfe\x00".to_vec(),
        b"package p\nvar _ = 0x1p".to_vec(),
        b"package p\nvar _ = 1e+".to_vec(),
        vec![b'('; 5000],
        [b"package p\nvar _ = ".as_slice(), &[b'('; 20000]].concat(),
        [b"package p\nfunc f() ".as_slice(), &[b'{'; 20000]].concat(),
        [b"package p\nvar _ = ".as_slice(), &b"[]".repeat(20000)].concat(),
        [b"package p\nvar _ = ".as_slice(), &b"T{".repeat(20000)].concat(),
        [b"package p\nvar _ = ".as_slice(), &b"-".repeat(20000)].concat(),
    ];
    for src in inputs {
        let src2 = src.clone();
        let handle = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || {
                let (f, errs) = parse_file("F", &src2);
                for e in &errs {
                    assert!(e.offset as usize <= src2.len());
                    let _ = f.format_error(e);
                }
                f.walk(|n| {
                    let _ = f.gc_pos(n);
                });
                errs.len()
            })
            .expect("spawn");
        let n = handle.join().expect("parser panicked");
        if !src.is_empty() && src.starts_with(b"package p\nvar _ = (") {
            assert!(n > 0);
        }
    }
    // deep nesting is reported, not a crash
    let deep = [b"package p\nvar _ = ".as_slice(), &[b'('; 5000], b"1", &[b')'; 5000]].concat();
    let msgs = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || parse_file("F", &deep).1)
        .expect("spawn")
        .join()
        .expect("no panic");
    assert!(msgs.iter().any(|e| e.msg == "syntax error: nesting too deep"));
}

#[test]
fn gc_reported_filters_like_cmd_compile() {
    let src = "package p\nfunc f() {\n\tif x {\n\t} else for {\n\t}\n}\n";
    let (f, errs) = parse_file("F", src.as_bytes());
    assert_eq!(errs.len(), 2);
    let rep = crate::gc_reported_errors(&f, &errs);
    assert_eq!(rep.len(), 1);
    assert_eq!(
        f.format_error(&rep[0]),
        "F:4:9: syntax error: else must be followed by if or statement block"
    );
}

#[test]
fn semi_lit_names() {
    assert_eq!(SemiLit::Eof.as_str(), "EOF");
    assert_eq!(Token::Semi.tokstring(), "semicolon or newline");
    assert_eq!(Token::Func.tokstring(), "keyword func");
    for t in crate::token::KEYWORDS {
        assert_eq!(crate::token::keyword(t.as_str().as_bytes()), Some(t));
    }
    assert_eq!(crate::token::keyword(b"fun"), None);
    assert_eq!(crate::token::keyword(b"iff"), None);
}

#[test]
fn symbols_intern() {
    let f = clean("package p\nvar abcdefghijk, abcdefghijk2, x = 1, 2, 3\nvar _ = abcdefghijk + x\n");
    let a = f.symbols.get("abcdefghijk").expect("interned");
    assert_eq!(f.symbols.name(a), "abcdefghijk");
    assert!(f.symbols.get("nope").is_none());
    let mut count = 0;
    f.walk(|n| {
        if let Node::Expr(e) = n
            && let ExprKind::Name(s) = f.expr(e).kind
            && s == a
        {
            count += 1;
        }
    });
    assert_eq!(count, 2);
}

#[test]
fn node_sizes() {
    eprintln!(
        "Expr {} ExprKind {} Stmt {} Field {} Decl {}",
        std::mem::size_of::<Expr>(),
        std::mem::size_of::<ExprKind>(),
        std::mem::size_of::<Stmt>(),
        std::mem::size_of::<Field>(),
        std::mem::size_of::<Decl>()
    );
    assert!(std::mem::size_of::<Expr>() <= 48);
}

#[test]
fn walk_is_linear_with_shared_types() {
    // Each level shares one func type among three parameters; a naive walk
    // of gc's DAG would visit 3^12 copies of the innermost type.
    let mut t = "int".to_string();
    for _ in 0..12 {
        t = format!("func(a, b, c {t})");
    }
    let f = clean(&format!("package p\nvar _ {t}\n"));
    let mut n = 0usize;
    f.walk(|_| n += 1);
    let total = f.exprs.len() + f.stmts.len() + f.fields.len() + f.decls.len();
    assert!(n <= total, "visited {n} nodes, only {total} exist");
    assert!(n > 12 * 4, "visited only {n} nodes");
}

#[test]
fn skipped_bytes_are_transparent_like_gc() {
    // gc's reader reports and drops NUL bytes: `i+\0+` is `i++`, while a
    // NUL inside or right after a keyword makes it a plain name.
    let src =
        "package p\nfunc f() {\n\ti := 0\n\ti+\0+\n\tif\0 x {\n\t}\n}\nf\0unc g() {}\nvar s = \"a\\\0n\"\n";
    assert_eq!(
        errors(src),
        vec![
            "F:4:4: invalid NUL character",
            "F:5:4: invalid NUL character",
            "F:5:6: syntax error: unexpected name x at end of statement",
            "F:7:1: syntax error: non-declaration statement outside function body",
            "F:8:2: invalid NUL character",
            "F:9:12: invalid NUL character",
        ]
    );
    // positions after skipped bytes still count them (byte columns)
    let (f, errs) = parse_file("F", b"package p\nvar \0x, y = 1, 2\n");
    assert_eq!(errs.len(), 1);
    let d = f.list(f.decl_list).next().expect("decl");
    let DeclKind::Var { names, .. } = f.decl(d).kind else { panic!("want var") };
    let pos: Vec<String> = f.list(names).map(|n| f.gc_pos(Node::Expr(n)).to_string()).collect();
    assert_eq!(pos, vec!["F:2:6", "F:2:9"]);
    assert_eq!(&*f.src, b"package p\nvar \0x, y = 1, 2\n");
}

#[test]
fn unpack_list_keeps_short_lists_inline_and_long_ones_whole() {
    use crate::ast::ExprKind;
    for n in [1usize, 2, 6, 7, 20] {
        let names: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
        let src = format!("package p\nvar {} = {}\n", names.join(", "), vec!["0"; n].join(", "));
        let (f, errs) = crate::parse_file("x.go", src.as_bytes());
        assert!(errs.is_empty(), "{errs:?}");
        let mut lists = f.exprs.iter().enumerate().filter(|(_, e)| matches!(e.kind, ExprKind::List { .. }));
        let got = match lists.next() {
            Some((i, _)) => f.unpack_list(Some(crate::ast::ExprId(i as u32))),
            None => {
                let lit = f.exprs.iter().position(|e| matches!(e.kind, ExprKind::BasicLit { .. })).unwrap();
                f.unpack_list(Some(crate::ast::ExprId(lit as u32)))
            }
        };
        assert_eq!(got.len(), n);
        let texts: Vec<&[u8]> = got.iter().map(|&e| f.text(e)).collect();
        assert!(texts.iter().all(|t| *t == b"0" || t.starts_with(b"v")), "{texts:?}");
        let by_value: Vec<_> = got.clone().into_iter().collect();
        assert_eq!(&by_value[..], &got[..]);
    }
    assert!(crate::ast::File::unpack_list(&crate::parse_file("x.go", b"package p").0, None).is_empty());
}
