//! Differential test of the enclosing-function index against the compiler: from Go 1.25 the
//! `-m=2` explanation headers name the function (`x escapes to heap in F:`); heapscope's
//! source-based name for the same position must agree (generic instantiation suffixes
//! `[go.shape...]` aside).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use heapscope_gc::functions::FunctionIndex;
use heapscope_gc::list::list;
use heapscope_model::Kind;
use heapscope_testutil::pinned_goroot;

/// Drops what gc adds to names of compiler-made copies: instantiation brackets
/// (`F[go.shape.int].func1`), inline-clone hashes (`F.func1#abc=#`), method-value wrappers (`-fm`).
fn strip_instantiation(name: &str) -> String {
    let name = name.split('#').next().unwrap_or(name).trim_end_matches("-fm");
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn enclosing_functions_agree_with_gc() {
    let Some(g) = pinned_goroot() else { return };
    let tc = heapscope_gc::Toolchain::locate(Some(&g)).unwrap();
    let src = g.join("src");
    let pkgs =
        ["strconv", "net/url", "encoding/json", "text/template", "fmt", "sync", "net/http", "go/types"];
    let opts = heapscope_gc::Options {
        patterns: pkgs.iter().map(|s| s.to_string()).collect(),
        m_level: 2,
        gcflags: vec![],
        dir: src.clone(),
        tests: false,
    };
    let report = heapscope_gc::analyze(&tc, &opts).unwrap();
    let listed = list(&tc, &src, &opts.patterns).unwrap();
    let (mut total, mut same) = (0usize, 0usize);
    let mut skipped: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut diffs = Vec::new();
    for (pkg, lp) in report.packages.iter().zip(&listed) {
        let files: Vec<String> = lp.go_files.iter().chain(&lp.cgo_files).cloned().collect();
        let index = FunctionIndex::for_package(&lp.dir, &files);
        for d in &pkg.diagnostics {
            if !matches!(d.kind, Kind::EscapeExplanation | Kind::LeakExplanation { .. }) || d.pos.line == 0 {
                continue;
            }
            let in_pkg = std::path::Path::new(&d.pos.file).parent() == Some(std::path::Path::new(&lp.dir));
            let (Some(gc), true) = (&d.function, in_pkg) else { continue };
            let gc = strip_instantiation(gc);
            let ours = index.lookup(&d.pos);
            // Compiler-made functions whose bodies sit at source positions of other functions:
            // range-over-func bodies, go/defer wrappers, interface-method wrappers (`I·N.M`,
            // `interface { ... }.M`), promoted-method wrappers (same method, other receiver).
            let method = |n: &str| n.rsplit('.').next().map(str::to_string);
            let class = if gc.contains("-range") || gc.contains("wrap") {
                Some("range/go/defer wrapper")
            } else if gc.contains('·') || gc.contains("interface {") || gc.contains("struct {") {
                Some("interface or embedded-struct wrapper")
            } else if ours.is_none() {
                Some("outside any function body (generated wrapper)")
            } else if ours
                .is_some_and(|o| o != gc && method(o) == method(&gc) && !o.starts_with(&format!("{gc}.")))
            {
                Some("promoted-method wrapper")
            } else if ours.is_some_and(|o| o.starts_with(&format!("{gc}."))) {
                // gc names the function that owns the location: a variable captured by a
                // closure belongs to the outer function although it is reported inside.
                Some("location owned by the enclosing function")
            } else {
                None
            };
            if let Some(c) = class {
                *skipped.entry(c).or_default() += 1;
                continue;
            }
            total += 1;
            match ours {
                Some(o) if o == gc => same += 1,
                o => diffs.push(format!("{}: gc {gc}, heapscope {o:?}", d.pos)),
            }
        }
    }
    eprintln!("not compared: {skipped:?}");
    eprintln!("enclosing functions: {same}/{total} agree with gc");
    assert!(total > 1000, "too few named explanations ({total})");
    assert!(
        diffs.is_empty(),
        "{} of {total} differ:\n{}",
        diffs.len(),
        diffs.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}
