//! The package-level checker on small synthetic packages: constant
//! folding with iota and implicit repetition, typed constants, sizes via
//! unsafe, and errors reported (not panics) for bad declarations. The
//! expected lines of `constants_and_types` were checked against
//! `tools/gotypes` run on the same source (as `command-line-arguments`).
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use go_types::check::{Checker, debug_types_lines, format_error};
use go_types::sizes::Sizes;
use go_types::types::Env;

fn check(src: &str) -> (Vec<String>, Vec<String>) {
    let (file, errs) = go_syntax::parse_file("p.go", src.as_bytes());
    assert!(errs.is_empty(), "{errs:?}");
    let files = vec![file];
    let names = vec!["p.go".to_string()];
    let mut env = Env::new();
    let imports = HashMap::new();
    let checked = Checker::new(&mut env, "example.com/p", &files, &imports, Sizes::AMD64).check();
    let lines = debug_types_lines(&env, &files, &names, &checked);
    let errors = checked.errors.iter().map(|e| format_error(&files, &names, e)).collect();
    (lines, errors)
}

#[test]
fn constants_and_types() {
    let (lines, errors) = check(
        r#"package p

import "unsafe"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	_
	Wednesday
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
)

const big = 1 << 100
const f32 float32 = 0.1
const s = "héllo" + "\n"
const n = len(s)
const r = 'x' + 1
const c = 2i * 2i
const b = KB < MB && !false
const m = min(3, 2.5, 7)
const sz = unsafe.Sizeof(T{})
const off = unsafe.Offsetof(T{}.c)
const conv = string(rune(0x263a))

type T struct {
	a byte
	b int64
	c [3]uint16
}
"#,
    );
    assert!(errors.is_empty(), "{errors:?}");
    let text = lines.join("\n");
    for want in [
        "p.go:5:6\tWeekday\ttype\texample.com/p.Weekday",
        "p.go:8:2\tSunday\tconst\texample.com/p.Weekday\t0",
        "p.go:8:9\tWeekday\ttype\texample.com/p.Weekday",
        "p.go:8:19\tiota\tconst\tuntyped int\t0",
        "p.go:9:2\tMonday\tconst\texample.com/p.Weekday\t1",
        "p.go:11:2\tWednesday\tconst\texample.com/p.Weekday\t3",
        "p.go:15:2\tKB\tconst\tuntyped int\t1024",
        "p.go:16:2\tMB\tconst\tuntyped int\t1048576",
        "p.go:19:7\tbig\tconst\tuntyped int\t1267650600228229401496703205376",
        "p.go:20:7\tf32\tconst\tfloat32\t13421773/134217728",
        "p.go:21:7\ts\tconst\tuntyped string\t\"héllo\\n\"",
        "p.go:22:7\tn\tconst\tint\t7",
        "p.go:22:11\tlen\tbuiltin\tinvalid type",
        "p.go:23:7\tr\tconst\tuntyped rune\t121",
        "p.go:24:7\tc\tconst\tuntyped complex\t(-4 + 0i)",
        "p.go:25:7\tb\tconst\tuntyped bool\ttrue",
        "p.go:25:23\tfalse\tconst\tuntyped bool\tfalse",
        "p.go:26:7\tm\tconst\tuntyped float\t5/2",
        "p.go:27:7\tsz\tconst\tuintptr\t24",
        "p.go:27:12\tunsafe\tpkgname\tunsafe",
        "p.go:27:19\tSizeof\tbuiltin\tinvalid type",
        "p.go:28:7\toff\tconst\tuintptr\t16",
        "p.go:28:33\tc\tvar\t[3]uint16",
        "p.go:29:7\tconv\tconst\tstring\t\"☺\"",
        "p.go:32:2\ta\tvar\tbyte",
        "p.go:34:2\tc\tvar\t[3]uint16",
    ] {
        assert!(lines.iter().any(|l| l == want), "missing {want:?} in\n{text}");
    }
    // Sorted by position.
    let pos = |l: &String| {
        let f: Vec<u32> =
            l.split('\t').next().unwrap().split(':').skip(1).map(|x| x.parse().unwrap()).collect();
        (f[0], f[1])
    };
    assert!(lines.windows(2).all(|w| pos(&w[0]) <= pos(&w[1])));
}

#[test]
fn errors_are_reported_and_checking_continues() {
    let (lines, errors) = check(
        r#"package p

const a int8 = 200
const b = 1 / 0
const c = undefinedName
const d = e
const e = d
const ok = 42
const x = 1
const x = 2
const f int = 2.5
const g = 1 << 600
var v T2
const h = "s" + 1
"#,
    );
    let all = errors.join("\n");
    // Lines identical to what `go build -gcflags=-e` (go1.27.3) prints.
    for want in [
        "p.go:5:11: undefined: undefinedName",
        "p.go:10:7: x redeclared in this block",
        "p.go:13:7: undefined: T2",
        "p.go:14:11: invalid operation: \"s\" + 1 (mismatched types untyped string and untyped int)",
    ] {
        assert!(all.lines().any(|l| l == want), "missing {want:?} in\n{all}");
    }
    // Every other bad declaration is reported on its own line.
    for line in [3, 4, 6, 11, 12] {
        assert!(
            all.lines().any(|l| l.starts_with(&format!("p.go:{line}:"))),
            "no error on line {line} in\n{all}"
        );
    }
    assert!(lines.iter().any(|l| l == "p.go:8:7\tok\tconst\tuntyped int\t42"), "{lines:?}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // A left-nested chain of 5000 additions (the parser caps parentheses).
    let expr = vec!["1"; 5000].join(" + ");
    let src = format!("package p\n\nconst deep = {expr}\n");
    let r = std::thread::Builder::new()
        .stack_size(go_types::check::STACK_SIZE)
        .spawn(move || check(&src))
        .unwrap()
        .join()
        .unwrap();
    assert!(r.1.iter().any(|e| e.contains("nested too deeply")), "{:?}", r.1);
}
