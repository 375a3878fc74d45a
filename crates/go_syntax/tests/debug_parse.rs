//! `debug_parse`: file discovery (go tool skipping rules), sorted
//! deterministic error output and the summary line.

use std::path::PathBuf;

fn scratch_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("go_syntax_debug_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn write(p: PathBuf, s: &str) {
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, s).expect("write");
}

#[test]
fn debug_parse_reports_sorted_errors_and_summary() {
    let d = scratch_dir("a");
    write(d.join("b.go"), "package p\nvar x = 1 @\nfunc f() {\n\tif x {\n\t} else for {\n\t}\n}\n");
    write(d.join("a.go"), "package p\n\nfunc g() { return }\n");
    write(d.join("sub/c.go"), "package q\nvar s = \"abc\n");
    // skipped like the go tool does
    write(d.join("testdata/bad.go"), "not go");
    write(d.join("_hidden/bad.go"), "not go");
    write(d.join(".git/bad.go"), "not go");
    write(d.join("_bad.go"), "not go");
    write(d.join("notes.txt"), "not go");

    let mut out = Vec::new();
    let sum = go_syntax::debug_parse(std::slice::from_ref(&d), &mut out).expect("debug_parse");
    let text = String::from_utf8(out).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    let b = d.join("b.go").display().to_string();
    let c = d.join("sub/c.go").display().to_string();
    assert_eq!(
        lines[..3],
        [
            format!("{b}:2:11: invalid character U+0040 '@'"),
            // only the first syntax error of line 5 is printed, like gc
            format!("{b}:5:9: syntax error: else must be followed by if or statement block"),
            format!("{c}:2:13: newline in string"),
        ]
    );
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(sum.files, 3);
    assert_eq!(sum.errors, 3);
    let bytes: u64 =
        ["a.go", "b.go", "sub/c.go"].iter().map(|f| std::fs::metadata(d.join(f)).expect("meta").len()).sum();
    assert_eq!(sum.bytes, bytes);
    let last = lines[3];
    let prefix = format!("files 3, errors 3, bytes {bytes}, MB/s ");
    assert!(last.starts_with(&prefix), "{last}");
    let mbs = &last[prefix.len()..];
    assert!(
        mbs.parse::<f64>().is_ok()
            && mbs.contains('.')
            && mbs.split('.').nth(1).is_some_and(|d| d.len() == 1),
        "{last}"
    );

    // an explicitly named file is parsed even in a skipped directory
    let mut out = Vec::new();
    let sum = go_syntax::debug_parse(&[d.join("testdata/bad.go")], &mut out).expect("debug_parse");
    assert_eq!(sum.files, 1);
    assert!(sum.errors >= 1);
    let _ = std::fs::remove_dir_all(&d);
}
