//! go/constant conformance: a table produced by the Go program
//! `tools/gotypes/cmd/consttable` (go/constant `MakeFromLiteral` +
//! `ExactString` for literals; go/types evaluation of `const x T = expr`
//! for operations and typed conversions), run with the pinned Go 1.27.3:
//! `cd tools/gotypes && go run ./cmd/consttable`.

use super::*;

const TABLE: &str = r#"
lit	INT	0	0
lit	INT	42	42
lit	INT	0x_FF	255
lit	INT	0o17	15
lit	INT	017	15
lit	INT	0b1010	10
lit	INT	1_000_000	1000000
lit	INT	18446744073709551616	18446744073709551616
lit	INT	123456789012345678901234567890	123456789012345678901234567890
lit	FLOAT	1.5	3/2
lit	FLOAT	0.1	1/10
lit	FLOAT	1e100	10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
lit	FLOAT	1e-100	1/10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
lit	FLOAT	2.0	2
lit	FLOAT	.5e3	500
lit	FLOAT	0x1p-2	1/4
lit	FLOAT	0x1.8p3	12
lit	FLOAT	1e5000	0x.c78820040d9443cf1647f794d877186661e259c03d11478721738640a451aba2200ffeaefaac52e8fcf82b4d9d0d238a8cf9db72407cfb4f87703844a2663acp+16610
lit	FLOAT	1e-5000	0x.a43978d593b68f3f4485e2694f9f29eef41ea50773490ef5ac03cff6c6119dedf2ed54c69b87c3c8c6d5bad7346db47a5775f81ca189fb11fea6418033cf435bp-16609
lit	FLOAT	6.02214076e23	602214076000000000000000
lit	FLOAT	1_0.2_5	41/4
lit	FLOAT	0.	0
lit	FLOAT	3.14159265358979323846264338327950288419716939937510582097494459	314159265358979323846264338327950288419716939937510582097494459/100000000000000000000000000000000000000000000000000000000000000
lit	IMAG	1i	(0 + 1i)
lit	IMAG	2.5i	(0 + 5/2i)
lit	IMAG	0i	(0 + 0i)
lit	CHAR	'a'	97
lit	CHAR	'\n'	10
lit	CHAR	'\x41'	65
lit	CHAR	'\u00e9'	233
lit	CHAR	'\U0001F600'	128512
lit	CHAR	'é'	233
lit	CHAR	'\377'	255
lit	CHAR	'\''	39
lit	STRING	"hello"	"hello"
lit	STRING	"a\tb\n"	"a\tb\n"
lit	STRING	"\x00\x7f\xff"	"\x00\x7f\xff"
lit	STRING	"é\u00e9\U0001F600"	"éé😀"
lit	STRING	`raw\n"q"`	"raw\\n\"q\""
lit	STRING	"\a\b\f\v\\\""	"\a\b\f\v\\\""
lit	STRING	"\u200b\u00a0\ufeff"	"\u200b\u00a0\ufeff"
lit	STRING	""	""
lit	STRING	"\xe2\x82"	"\xe2\x82"
op	1	+	2	3
op	7	/	2	3
op	6	/	3	2
op	1	/	3	0
op	-7	%	3	-1
op	1.5	*	2	3
op	0.1	+	0.2	3/10
op	1	<<	100	1267650600228229401496703205376
op	-1	>>	1	-1
op	-9	>>	2	-3
op	0xF0	&^	0x30	192
op	5	^	3	6
op	1e100	*	1e100	100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
op	1	/	1e300	1/1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
op	1e5000	+	1	0x.c78820040d9443cf1647f794d877186661e259c03d11478721738640a451aba2200ffeaefaac52e8fcf82b4d9d0d238a8cf9db72407cfb4f87703844a2663acp+16610
op	1e5000	/	3	0x.85056aad5e62d7df642ffa633afa10444141912ad360da5a164d042b1836726c155fff1f51c83745fdfac789135e17b1b3513cf6d5a8a78a5a4ad02dc1997c8p+16609
op	1i	*	1i	(-1 + 0i)
op	(1+2i)	/	(3-4i)	(-1/5 + 2/5i)
op	"ab"	+	"cd"	"abcd"
op	1e-5000	*	1e-5000	0x.d2b35f715acd36fe4691cfdbe58b9e23937086481003ae5a9e5bda4988c1591a625d9fc07cbdd17a4ddb694ff14888ba752a64907b74b0b5c9b909616a4cd88ep-33219
op	2.5	-	2.5	0
op	1	-	1e5000	-0x.c78820040d9443cf1647f794d877186661e259c03d11478721738640a451aba2200ffeaefaac52e8fcf82b4d9d0d238a8cf9db72407cfb4f87703844a2663acp+16610
op	123456789123456789123456789	*	987654321987654321	121932631356500531469135800347203169112635269
op	-5	/	2.0	-5/2
op	1.0	<<	3	8
op	^0	+	0	-1
op	-(1<<63)	-	1	-9223372036854775809
conv	float64	0.1	3602879701896397/36028797018963968
conv	float32	0.1	13421773/134217728
conv	float64	1e308	100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336
conv	float64	1e309	error
conv	float32	1e39	error
conv	float64	1e-400	0
conv	float32	1e-46	0
conv	float64	1.0/3	6004799503160661/18014398509481984
conv	float32	16777217	16777216
conv	float64	9007199254740993	9007199254740992
conv	complex64	(0.1+0.2i)	(13421773/134217728 + 13421773/67108864i)
conv	complex128	1i	(0 + 1i)
conv	int8	127	127
conv	int8	128	error
conv	int8	-128	-128
conv	uint8	-1	error
conv	uint8	255	255
conv	int	1<<63 - 1	9223372036854775807
conv	int	1<<63	error
conv	uint	1<<64 - 1	18446744073709551615
conv	uint64	1<<64	error
conv	uintptr	1<<64 - 1	18446744073709551615
conv	int32	2.0	2
conv	int32	2.5	error
conv	uint32	1<<32 - 1	4294967295
conv	int64	-1 << 63	-9223372036854775808
conv	float64	1e5000/1e4990	10000000000
conv	int	1e5000/1e4990	10000000000
conv	float64	-0.0	0
conv	float32	1.000000059604644775390625	1
conv	float64	4.9406564584124654e-324	1/202402253307310618352495346718917307049556649764142118356901358027430339567995346891960383701437124495187077864316811911389808737385793476867013399940738509921517424276566361364466907742093216341239767678472745068562007483424692698618103355649159556340810056512358769552333414615230502532186327508646006263307707741093494784
conv	float64	2.4703282292062328e-324	1/202402253307310618352495346718917307049556649764142118356901358027430339567995346891960383701437124495187077864316811911389808737385793476867013399940738509921517424276566361364466907742093216341239767678472745068562007483424692698618103355649159556340810056512358769552333414615230502532186327508646006263307707741093494784
conv	float32	3.4028235e38	340282346638528859811704183484516925440
conv	string	"x"	"x"
conv	bool	1 < 2	true
"#;

/// A tiny untyped constant expression evaluator following types2's rules
/// for the operators used in the table (integer `/` between integers).
struct Eval<'a> {
    s: &'a [u8],
    i: usize,
}

impl Eval<'_> {
    fn skip(&mut self) {
        while self.s.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
    }
    fn binary(&mut self, prec: u8) -> Value {
        let mut x = self.unary();
        loop {
            self.skip();
            let rest = &self.s[self.i..];
            let ops: [(&str, u8, Operator); 12] = [
                ("<<", 5, Operator::Shl),
                (">>", 5, Operator::Shr),
                ("&^", 5, Operator::AndNot),
                ("*", 5, Operator::Mul),
                ("/", 5, Operator::Div),
                ("%", 5, Operator::Rem),
                ("&", 5, Operator::And),
                ("+", 4, Operator::Add),
                ("-", 4, Operator::Sub),
                ("|", 4, Operator::Or),
                ("^", 4, Operator::Xor),
                ("<", 3, Operator::Lss),
            ];
            let Some(&(tok, p, op)) = ops.iter().find(|(t, _, _)| rest.starts_with(t.as_bytes())) else {
                return x;
            };
            if p <= prec {
                return x;
            }
            self.i += tok.len();
            let y = self.binary(p);
            x = match op {
                Operator::Shl | Operator::Shr => shift(&x.to_int(), op, y.to_u64().unwrap()),
                Operator::Div if x.kind() == Kind::Int && y.kind() == Kind::Int => int_quo(&x, &y),
                Operator::Lss => Value::Bool(compare(&x, op, &y)),
                _ => binary_op(&x, op, &y),
            };
        }
    }
    fn unary(&mut self) -> Value {
        self.skip();
        match self.s[self.i] {
            b'-' => {
                self.i += 1;
                unary_op(Operator::Sub, &self.unary(), 0)
            }
            b'^' => {
                self.i += 1;
                unary_op(Operator::Xor, &self.unary(), 0)
            }
            b'(' => {
                self.i += 1;
                let x = self.binary(0);
                self.skip();
                assert_eq!(self.s[self.i], b')');
                self.i += 1;
                x
            }
            b'"' => {
                let end = self.s[self.i + 1..].iter().position(|&b| b == b'"').unwrap() + self.i + 2;
                let lit = std::str::from_utf8(&self.s[self.i..end]).unwrap();
                self.i = end;
                Value::from_literal(lit, LitKind::String)
            }
            _ => {
                let st = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_')
                    || (self.s.get(self.i) == Some(&b'-') && self.s[self.i - 1] == b'e' && self.s[st] != b'0')
                {
                    self.i += 1;
                }
                let lit = std::str::from_utf8(&self.s[st..self.i]).unwrap();
                let kind = if lit.ends_with('i') {
                    LitKind::Imag
                } else if (lit.contains('.') || lit.contains('e')) && !lit.starts_with("0x") {
                    LitKind::Float
                } else {
                    LitKind::Int
                };
                Value::from_literal(lit, kind)
            }
        }
    }
}

fn eval(s: &str) -> Value {
    let mut e = Eval { s: s.as_bytes(), i: 0 };
    let v = e.binary(0);
    assert_eq!(e.i, s.len(), "unparsed input in {s}");
    v
}

fn target(t: &str) -> Target {
    match t {
        "int" | "int64" => Target::Int { bits: 64, signed: true },
        "int8" => Target::Int { bits: 8, signed: true },
        "int32" => Target::Int { bits: 32, signed: true },
        "uint" | "uint64" | "uintptr" => Target::Int { bits: 64, signed: false },
        "uint8" => Target::Int { bits: 8, signed: false },
        "uint32" => Target::Int { bits: 32, signed: false },
        "float32" => Target::Float32,
        "float64" => Target::Float64,
        "complex64" => Target::Complex64,
        "complex128" => Target::Complex128,
        "string" => Target::String,
        "bool" => Target::Bool,
        _ => panic!("unknown type {t}"),
    }
}

#[test]
fn go_constant_table() {
    let mut n = 0;
    let mut fails = Vec::new();
    for line in TABLE.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (got, want) = match f[0] {
            "lit" => {
                let kind = match f[1] {
                    "INT" => LitKind::Int,
                    "FLOAT" => LitKind::Float,
                    "IMAG" => LitKind::Imag,
                    "CHAR" => LitKind::Rune,
                    _ => LitKind::String,
                };
                let lit = f[2].replace("\\t", "\t");
                let lit = if kind == LitKind::String && lit.contains('\t') { f[2].to_string() } else { lit };
                (Value::from_literal(&lit, kind).exact_string(), f[3])
            }
            "op" => (eval(&format!("{} {} {}", f[1], f[2], f[3])).exact_string(), f[4]),
            "conv" => {
                let v = eval(f[2]);
                let got = representable(&v, target(f[1])).map_or("error".to_string(), |v| v.exact_string());
                (got, f[3])
            }
            k => panic!("bad table kind {k}"),
        };
        n += 1;
        if got != want {
            fails.push(format!("{line}\n   got: {got}"));
        }
    }
    assert!(fails.is_empty(), "{} of {n} cases differ:\n{}", fails.len(), fails.join("\n"));
    assert!(n > 100, "{n}");
}

#[test]
fn kinds_and_errors() {
    assert_eq!(Value::from_literal("1.5", LitKind::Float).kind(), Kind::Float);
    assert_eq!(Value::from_literal("0x", LitKind::Int), Value::Unknown);
    assert_eq!(Value::from_literal("'ab'", LitKind::Rune), Value::Unknown);
    assert_eq!(Value::from_literal("\"\\q\"", LitKind::String), Value::Unknown);
    assert_eq!(Value::from_literal("1e99999999999", LitKind::Float), Value::Unknown);
    let one = Value::from_i64(1);
    let zero = Value::from_i64(0);
    assert_eq!(binary_op(&one, Operator::Div, &zero), Value::Unknown);
    assert_eq!(binary_op(&one, Operator::Rem, &zero), Value::Unknown);
    assert_eq!(int_quo(&one, &zero), Value::Unknown);
    assert_eq!(binary_op(&one, Operator::Add, &Value::Bool(true)), Value::Unknown);
    assert!(!compare(&one, Operator::Lss, &Value::Unknown));
    assert!(compare(&Value::from_string("a"), Operator::Lss, &Value::from_string("b")));
    assert_eq!(unary_op(Operator::Xor, &zero, 8).exact_string(), "255");
    assert_eq!(Value::from_f64(-0.0).exact_string(), "0");
    assert_eq!(Value::from_f64(f64::INFINITY), Value::Unknown);
    assert_eq!(Value::from_literal("1e5000", LitKind::Float).to_f64().map(|v| v.0), Some(f64::INFINITY));
    assert_eq!(Value::from_literal("0.5", LitKind::Float).to_f64(), Some((0.5, true)));
    assert_eq!(quote("\u{1F600}\u{7}".as_bytes()), "\"😀\\a\"");
    // Unassigned (U+03A2), format (U+200B), private use and non-ASCII
    // spaces are escaped; assigned graphic runes are not.
    assert_eq!(
        quote("\u{3a2}\u{3a3}\u{200b}\u{e000}\u{a0} ".as_bytes()),
        "\"\\u03a2Σ\\u200b\\ue000\\u00a0 \""
    );
    assert_eq!(quote("\u{10ffff}\u{1f600}".as_bytes()), "\"\\U0010ffff😀\"");
}

/// Integers are held inline while they fit an i64: every operation near
/// the i64 limits must give what big-integer arithmetic gives.
#[test]
fn small_and_big_integers_agree() {
    let edge: Vec<BigInt> = [
        "0",
        "1",
        "-1",
        "3",
        "-7",
        "4611686018427387904",
        "-4611686018427387904",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "18446744073709551615",
        "-18446744073709551616",
    ]
    .iter()
    .map(|s| s.parse().expect("literal"))
    .collect();
    let val = |b: &BigInt| Value::Int(Int::from_big(b.clone()));
    for a in &edge {
        assert_eq!(val(a).exact_string(), a.to_string());
        assert_eq!(val(a).to_i64(), a.to_i64(), "{a}");
        assert_eq!(val(a).to_u64(), a.to_u64(), "{a}");
        assert_eq!(val(a).bit_len(), a.bits(), "{a}");
        assert_eq!(unary_op(Operator::Sub, &val(a), 0).exact_string(), (-a).to_string());
        for prec in [0u32, 8, 62, 64] {
            let mut z = !a;
            if prec > 0 {
                z &= (BigInt::one() << prec as usize) - 1;
            }
            assert_eq!(
                unary_op(Operator::Xor, &val(a), prec).exact_string(),
                z.to_string(),
                "^{a} prec {prec}"
            );
        }
        for s in [0u64, 1, 2, 61, 62, 63, 64, 70] {
            assert_eq!(shift(&val(a), Operator::Shl, s).exact_string(), (a << s).to_string(), "{a} << {s}");
            assert_eq!(shift(&val(a), Operator::Shr, s).exact_string(), (a >> s).to_string(), "{a} >> {s}");
        }
        for b in &edge {
            let (x, y) = (val(a), val(b));
            let ops: [(Operator, Option<BigInt>); 7] = [
                (Operator::Add, Some(a + b)),
                (Operator::Sub, Some(a - b)),
                (Operator::Mul, Some(a * b)),
                (Operator::Rem, (!b.is_zero()).then(|| a % b)),
                (Operator::And, Some(a & b)),
                (Operator::Or, Some(a | b)),
                (Operator::AndNot, Some(a & !b)),
            ];
            for (op, want) in ops {
                let got = binary_op(&x, op, &y);
                match want {
                    Some(w) => assert_eq!(got.exact_string(), w.to_string(), "{a} {op:?} {b}"),
                    None => assert_eq!(got, Value::Unknown),
                }
            }
            let q = int_quo(&x, &y);
            if b.is_zero() {
                assert_eq!(q, Value::Unknown);
            } else {
                assert_eq!(q.exact_string(), (a / b).to_string(), "{a} / {b}");
            }
            assert_eq!(compare(&x, Operator::Lss, &y), a < b, "{a} < {b}");
            assert_eq!(compare(&x, Operator::Eql, &y), a == b, "{a} == {b}");
        }
    }
}
