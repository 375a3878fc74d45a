//! Differential test of the checker against go/types: the Go helper
//! `tools/gotypes` prints every identifier occurrence (`debug types`
//! format) of some std packages, heapscope prints the same from its own
//! checker, and the two line sets are compared. The checker must report
//! no error on std, at most 0.1% of its lines may differ, and at least
//! 99.9% of go/types' lines must be identical. Set
//! `HEAPSCOPE_TYPES_PATTERNS=std` for all of std, `HEAPSCOPE_TYPES_SHOW=N`
//! for N examples of each kind of difference.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::Path;

mod common;

use go_loader::{LoadConfig, Loader};
use go_types::check::{debug_types_lines, format_error};
use go_types::driver::{Unit, check_parallel};
use go_types::sizes::Sizes;
use go_types::types::Env;

const PACKAGES: &[&str] = &["unicode/utf8", "math", "strconv", "time", "go/token", "os", "net/http"];

/// The packages compared: `$HEAPSCOPE_TYPES_PATTERNS` (space-separated,
/// e.g. `std`) or [`PACKAGES`].
fn patterns() -> Vec<String> {
    match std::env::var("HEAPSCOPE_TYPES_PATTERNS") {
        Ok(p) if !p.trim().is_empty() => p.split_whitespace().map(String::from).collect(),
        _ => PACKAGES.iter().map(|s| s.to_string()).collect(),
    }
}

fn gotypes_lines(goroot: &Path, tmp: &Path, pkgs: &[String]) -> Vec<String> {
    let bin = common::build_gotypes(goroot, tmp);
    common::run_gotypes(&bin, goroot, &goroot.join("src"), pkgs, &[])
}

#[test]
fn debug_types_lines_match_go_types() {
    std::thread::Builder::new().stack_size(go_types::check::STACK_SIZE).spawn(run).unwrap().join().unwrap();
}

fn run() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let pats = patterns();
    let mut cfg = LoadConfig::new(goroot.join("src"));
    cfg.goroot = Some(goroot.clone());
    cfg.goos = Some("linux".into());
    cfg.goarch = Some("amd64".into());
    let loaded = Loader::load(&pats, &cfg);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    // The helper gets the expanded import paths (it does not expand `std`).
    let named: Vec<String> =
        loaded.packages.iter().filter(|p| !p.dep_only).map(|p| p.import_path.clone()).collect();
    let want = gotypes_lines(&goroot, tmp.path(), &named);

    let parsed = loaded.parse_all();

    let mut env = Env::new();
    let mut got: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let inputs: Vec<(&go_loader::Package, Vec<go_syntax::File>, Vec<String>)> = loaded
        .packages
        .iter()
        .zip(&parsed)
        .map(|(p, files)| {
            let syntax: Vec<go_syntax::File> =
                files.iter().map(|f| f.result.as_ref().unwrap().0.clone()).collect();
            let names: Vec<String> = p.go_files.iter().map(|f| f.to_string_lossy().to_string()).collect();
            (p, syntax, names)
        })
        .collect();
    let dep_only: HashMap<&str, bool> =
        loaded.packages.iter().map(|p| (p.import_path.as_str(), p.dep_only)).collect();
    let units = inputs
        .iter()
        .map(|(p, syntax, names)| Unit {
            import_path: &p.import_path,
            imports: &p.imports,
            import_map: &p.import_map,
            files: syntax,
            names,
        })
        .collect();
    // Two threads: the parallel driver must give the sequential results.
    check_parallel(&mut env, units, Sizes::AMD64, 2, |env, u, checked| {
        for e in &checked.errors {
            errors.push(format_error(u.files, u.names, e));
        }
        if !dep_only[u.import_path] {
            got.extend(debug_types_lines(env, u.files, u.names, checked));
        }
    });
    let show_n: usize = std::env::var("HEAPSCOPE_TYPES_SHOW").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let diff = common::multiset_diff(&want, &got);
    let (identical, bad, missing) = (diff.identical, diff.differing, diff.missing);
    let key = |l: &str| l.split('\t').next().unwrap_or("").to_string();
    let want_by_key: HashMap<String, Vec<&String>> = want.iter().fold(HashMap::new(), |mut m, l| {
        m.entry(key(l)).or_default().push(l);
        m
    });
    let show: Vec<String> = bad
        .iter()
        .take(show_n)
        .map(|l| {
            let cut = |s: &str| s.chars().take(300).collect::<String>();
            let theirs: Vec<String> =
                want_by_key.get(&key(l)).map(|v| v.iter().map(|s| cut(s)).collect()).unwrap_or_default();
            format!("ours:   {}\ntheirs: {theirs:?}", cut(l))
        })
        .collect();
    // Missing lines, by the kind column, for a quick picture.
    let mut by_kind: HashMap<String, usize> = HashMap::new();
    for m in &missing {
        let k = m.split('\t').nth(2).unwrap_or("").to_string();
        *by_kind.entry(k).or_default() += 1;
    }
    let mut stride = missing.len() / show_n.max(1);
    if stride == 0 {
        stride = 1;
    }
    let sample: Vec<&&str> = missing.iter().step_by(stride).take(show_n).collect();
    eprintln!(
        "go/types lines {}; heapscope lines {}; identical {identical} ({:.2}%); differing {}; missing {} {by_kind:?}; errors {}",
        want.len(),
        got.len(),
        identical as f64 * 100.0 / want.len().max(1) as f64,
        bad.len(),
        missing.len(),
        errors.len()
    );
    eprintln!(
        "errors (first {show_n}):\n{}",
        errors.iter().take(show_n).cloned().collect::<Vec<_>>().join("\n")
    );
    eprintln!("differing (first {show_n}):\n{}", show.join("\n"));
    eprintln!("missing (sample):\n{}", sample.iter().map(|s| **s).collect::<Vec<_>>().join("\n"));
    assert!(errors.is_empty(), "{} errors:\n{}", errors.len(), errors[..errors.len().min(20)].join("\n"));
    assert!(bad.len() * 1000 <= got.len(), "{} of {} lines differ from go/types", bad.len(), got.len());
    assert!(identical * 1000 >= want.len() * 999, "only {identical} of {} lines identical", want.len());
}
