//! The shapes corpus: `tests/shapes/shapes.go` (one function per shape, each reported line
//! annotated `// want shape:via ...`) is compiled by the pinned toolchain with `-m=2 -l`, and
//! every finding on every line must be exactly what the annotations say. The bundled examples
//! are checked the same way against the table in `examples_get_their_shapes`.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use heapscope_explain::{Finding, SourceCache, explain_report};
use heapscope_testutil::pinned_goroot;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn analyze(dir: &Path, gcflags: &[&str]) -> (heapscope_model::Report, Vec<Finding>) {
    let g = pinned_goroot().unwrap();
    let tc = heapscope_gc::Toolchain::locate(Some(&g)).unwrap();
    let opts = heapscope_gc::Options {
        patterns: vec![".".into()],
        m_level: 2,
        gcflags: gcflags.iter().map(|s| s.to_string()).collect(),
        dir: dir.to_path_buf(),
        tests: false,
    };
    let report = heapscope_gc::analyze(&tc, &opts).unwrap();
    assert!(report.errors().next().is_none(), "{:?}", report.packages[0].error);
    let findings = explain_report(&report, &mut SourceCache::new());
    (report, findings)
}

fn label(f: &Finding) -> String {
    let via = serde_json::to_value(&f.via).unwrap();
    format!("{}:{}", f.shape.id(), via["how"].as_str().unwrap())
}

#[test]
fn corpus_lines_get_their_shapes() {
    if pinned_goroot().is_none() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/shapes");
    let file = dir.join("shapes.go");
    let src = std::fs::read_to_string(&file).unwrap();
    let mut want: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for (i, line) in src.lines().enumerate() {
        if let Some((_, w)) = line.split_once("// want ") {
            let mut labels: Vec<String> = w.split_whitespace().map(str::to_string).collect();
            labels.sort();
            want.insert(i as u32 + 1, labels);
        }
    }
    let (_, findings) = analyze(&dir, &["-l"]);
    let mut got: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for f in &findings {
        assert!(f.pos.file.ends_with("shapes.go"), "finding outside the corpus: {f:?}");
        got.entry(f.pos.line).or_default().push(label(f));
    }
    for v in got.values_mut() {
        v.sort();
    }
    let mut problems = Vec::new();
    for line in want.keys().chain(got.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (w, g) = (want.get(line), got.get(line));
        if w != g {
            problems.push(format!("shapes.go:{line}: want {w:?}, got {g:?}"));
        }
    }
    assert!(problems.is_empty(), "{} lines differ:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn examples_get_their_shapes() {
    if pinned_goroot().is_none() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples").canonicalize().unwrap();
    let (_, findings) = analyze(&dir, &[]);
    let got: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| (f.function.clone().unwrap_or_default(), f.subject.clone(), label(f)))
        .collect();
    let want = [
        ("NewPoint", "p", "address-of-local:returned"),
        ("Boxed", "n", "interface-conversion:returned"),
        ("Counter", "count", "closure-capture:captured"),
        ("Counter", "func literal", "closure:returned"),
        ("Buffer", "make([]int, 0, n)", "non-constant-make:non-constant-size"),
        ("Large", "make([]byte, 66560)", "too-large:too-large"),
        ("Print", "x", "variadic-interface:variadic"),
        ("(*AnySink).Put", "v", "parameter-leak:field"),
    ];
    for (func, subject, label) in want {
        assert!(
            got.iter().any(|(f, s, l)| f == func && s == subject && l == label),
            "{func}: no {label} finding for {subject}; got {got:#?}"
        );
    }
    // The sink that stores a concrete Record allocates nothing.
    assert!(!got.iter().any(|(f, _, _)| f.contains("RecordSink")), "{got:#?}");
    // Every finding has a fix and a chain or a reason.
    for f in &findings {
        assert!(!f.shape.info().fix.is_empty());
        assert!(!f.chain.is_empty() || f.may_allocate, "{f:?}");
    }
}
