//! Corpus test: every `.go` file of go1.27.3's `src` (outside testdata)
//! parses without errors, and every file of the Go 1.27 (and, if installed,
//! 1.19) compiler test tree parses without errors unless its annotations say
//! gc rejects it in the syntax phase (then ≥1 error is required). One test
//! per tree, with a summary.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Message fragments of errors produced by gc's syntax package (scanner and
/// parser) that are not prefixed by "syntax error".
const SYNTAX_MESSAGES: &[&str] = &[
    "syntax error",
    "invalid character U+",
    "in identifier",
    "identifier cannot begin with digit",
    "invalid NUL character",
    "invalid UTF-8 encoding",
    "invalid BOM",
    "invalid radix point",
    "literal has no digits",
    "exponent requires",
    "exponent has no digits",
    "mantissa requires",
    "invalid digit",
    "must separate successive digits",
    "empty rune literal",
    "more than one character in rune literal",
    "newline in rune literal",
    "rune literal not terminated",
    "newline in string",
    "string not terminated",
    "comment not terminated",
    "unknown escape",
    "escape is invalid Unicode",
    "octal escape value",
    "invalid line number",
    "invalid column number",
    "must not be parenthesized",
    "method has no receiver",
    "method has multiple receivers",
    "middle index required",
    "final index required",
    "empty type parameter list",
    "empty type argument list",
    "interface method must have no type parameters",
    "can only use ... with final parameter",
];

/// The error patterns of `// ERROR "..." "..."` / `// GC_ERROR ...`
/// annotations (the Go test harness's syntax; each pattern may hold
/// `|`-separated alternatives). `GCCGO_ERROR` is for gccgo and ignored.
fn error_patterns(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in src.lines() {
        let mut rest = line;
        loop {
            let a = rest.find("// ERROR ");
            let b = rest.find("// GC_ERROR ");
            let (i, skip) = match (a, b) {
                (Some(a), Some(b)) if b < a => (b, 12),
                (Some(a), _) => (a, 9),
                (None, Some(b)) => (b, 12),
                (None, None) => break,
            };
            rest = &rest[i + skip..];
            // all quoted patterns that follow
            loop {
                let t = rest.trim_start_matches([' ', '\t']);
                let Some(q) = t.chars().next().filter(|c| *c == '"' || *c == '`') else {
                    rest = t;
                    break;
                };
                let body = &t[1..];
                let end = body.find(q).unwrap_or(body.len());
                out.push(body[..end].to_string());
                rest = body.get(end + 1..).unwrap_or("");
            }
        }
    }
    out
}

/// The ERROR patterns on a 1-based line.
fn patterns_on_line(src: &str, line: u32) -> Vec<String> {
    match src.lines().nth(line.saturating_sub(1) as usize) {
        Some(l) if line > 0 => error_patterns(l),
        _ => Vec::new(),
    }
}

/// Whether an error matches one of the patterns (Go test harness style:
/// regexp search in the message). Patterns Rust's regex cannot compile
/// are treated as matching.
fn matches_any(patterns: &[String], msg: &str) -> bool {
    patterns.iter().any(|p| match regex::Regex::new(p) {
        Ok(re) => re.is_match(msg),
        Err(_) => true,
    })
}

/// Whether one `|` alternative of an ERROR pattern describes a syntax-phase
/// error (gc's wording or the "unexpected X"/"expected Y" phrasing).
fn is_syntax_alt(alt: &str) -> bool {
    let a = alt.trim_start_matches(['^', '(']);
    SYNTAX_MESSAGES.iter().any(|m| a.contains(m))
        || a.starts_with("unexpected ")
        || a.starts_with("expected ")
        || a.starts_with("expecting ")
}

/// The test driver action of a file: its own first line, or for files in a
/// `X.dir` directory, the first line of `X.go`.
fn action(path: &Path, src: &str) -> String {
    let own = src.lines().next().unwrap_or("").trim().to_string();
    if own.starts_with("// ") && !own.starts_with("// Copyright") {
        return own;
    }
    for anc in path.ancestors().skip(1) {
        if let Some(name) = anc.file_name().and_then(|n| n.to_str())
            && let Some(stem) = name.strip_suffix(".dir")
        {
            let driver = anc.with_file_name(format!("{stem}.go"));
            if let Ok(d) = std::fs::read_to_string(&driver) {
                return d.lines().next().unwrap_or("").trim().to_string();
            }
        }
    }
    own
}

fn is_errorcheck(path: &Path, src: &str) -> bool {
    action(path, src).starts_with("// errorcheck")
}

/// Whether annotations require gc to reject the file in the syntax phase:
/// an ERROR pattern all of whose alternatives are syntax-phase messages
/// (a pattern like "syntax error|not an expression" also admits a type
/// checker error, so it does not force a syntax error).
fn expects_syntax_error(path: &Path, src: &str) -> bool {
    is_errorcheck(path, src) && error_patterns(src).iter().any(|p| p.split('|').all(is_syntax_alt))
}

/// Driver files of directory tests (`// compiledir` etc.) are not Go
/// sources of their own; they are parsed but not required to be valid.
fn is_dir_driver(src: &str) -> bool {
    let first = src.lines().next().unwrap_or("");
    let act = first.trim_start_matches("// ").split_whitespace().next().unwrap_or("");
    act.ends_with("dir") && first.starts_with("// ")
}

fn check_src_tree(root: PathBuf) {
    let files = go_files(&root, true);
    assert!(files.len() > 1000, "too few files under {}", root.display());
    let mut bad = Vec::new();
    let mut bytes = 0usize;
    for p in &files {
        let src = std::fs::read(p).expect("read");
        bytes += src.len();
        let name = p.to_string_lossy();
        let (f, errs) = go_syntax::parse_file(&name, &src);
        for e in errs.iter().take(3) {
            bad.push(f.format_error(e));
        }
    }
    eprintln!("src corpus {}: {} files, {} bytes, {} errors", root.display(), files.len(), bytes, bad.len());
    assert!(bad.is_empty(), "unexpected syntax errors:\n{}", bad.join("\n"));
}

/// Checks a compiler test tree. With `strict_messages`, each reported error
/// must match an ERROR regexp on its line (gc 1.27 wording); otherwise (older
/// trees, whose expected wording predates today's messages, e.g.
/// "expecting" vs "expected") it only has to be on an annotated line.
fn check_test_tree(root: PathBuf, strict_messages: bool) {
    let files = go_files(&root, false);
    assert!(files.len() > 1000, "too few files under {}", root.display());
    let (mut ok, mut expected, mut drivers, mut other_errorcheck) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for p in &files {
        let src = std::fs::read(p).expect("read");
        let text = String::from_utf8_lossy(&src);
        let name = p.to_string_lossy();
        let (f, errs) = go_syntax::parse_file(&name, &src);
        let reported = go_syntax::gc_reported_errors(&f, &errs);
        if is_errorcheck(p, &text) {
            // Like the Go test harness: every error must match an ERROR
            // pattern on its line (physical, or //line-mapped in this file),
            // considering the errors gc prints (one syntax error per line).
            for e in &reported {
                let phys = f.source_map.line_col(e.offset).0;
                let rel = f.source_map.position(e.offset);
                let mut pats = patterns_on_line(&text, phys);
                if rel.filename == name {
                    pats.extend(patterns_on_line(&text, rel.line));
                }
                let full = f.format_error(e);
                let ok = if strict_messages { matches_any(&pats, &full) } else { !pats.is_empty() };
                if !ok {
                    failures.push(format!("error not matched by an ERROR pattern on its line: {full}"));
                }
            }
            if expects_syntax_error(p, &text) {
                expected += 1;
                if errs.is_empty() {
                    failures.push(format!("{name}: expected a syntax error, got none"));
                }
            } else if errs.is_empty() {
                ok += 1;
            } else {
                other_errorcheck += 1;
            }
        } else if is_dir_driver(&text) {
            drivers += 1;
        } else if let Some(e) = errs.first() {
            failures.push(format!("unexpected: {}", f.format_error(e)));
        } else {
            ok += 1;
        }
    }
    eprintln!(
        "test tree {}: {} files: {} clean, {} expected-syntax-error files, {} other errorcheck files with \
         (annotated) errors, {} dir-test drivers, {} failures",
        root.display(),
        files.len(),
        ok,
        expected,
        other_errorcheck,
        drivers,
        failures.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn go127_src_parses_cleanly() {
    let root = goroot().join("src");
    if !require_dir(&root, "go1.27.3 GOROOT", "scripts/install-go.sh 1.27.3") {
        return;
    }
    with_big_stack(move || check_src_tree(root));
}

#[test]
fn go127_test_tree() {
    let root = go_test_dir();
    if !require_dir(&root, "Go 1.27 test tree", "scripts/install-go-tests.sh 1.27") {
        return;
    }
    with_big_stack(move || check_test_tree(root, true));
}

#[test]
fn go119_test_tree_if_installed() {
    let root = std::env::var("HEAPSCOPE_GO119_TEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| home().join(".cache/heapscope/go1.19-test/test"));
    if !root.is_dir() {
        eprintln!(
            "NOTE: Go 1.19 test tree not installed at {} (scripts/install-go-tests.sh 1.19); skipped",
            root.display()
        );
        return;
    }
    with_big_stack(move || check_test_tree(root, false));
}
