//! Differential test of the checker against go/types on real-world modules
//! that are not in this repository: `scripts/fetch-modules.sh` vendors a
//! pinned set of popular modules (x/tools, x/text, x/exp, zap, cobra,
//! go-cmp, samber/lo, yaml.v3, ...) into a scratch module; the packages it
//! names in `packages.txt` are loaded with go_loader's `go list` backend from
//! that directory (`-mod=vendor`, offline), checked with all their
//! dependencies (with the pipelined driver: each package's files are
//! parsed by the job that checks it), and every identifier occurrence (`debug types` format) is
//! compared with what the Go helper `tools/gotypes` prints for the same
//! packages from the same directory. The checker must report no error, at
//! most 0.1% of its lines may differ, and at least 99.9% of go/types' lines
//! must be identical (lines compared as multisets). The test skips (panics under CI) when the set is not
//! fetched. `HEAPSCOPE_MODULES_PATTERNS` replaces the package list,
//! `HEAPSCOPE_TYPES_SHOW=N` shows N examples of each kind of difference.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

mod common;

use go_loader::{Backend, LoadConfig, Loader, ParsedFile};
use go_types::check::{debug_types_lines, format_error};
use go_types::driver::{PackageSpec, check_pipelined};
use go_types::sizes::Sizes;
use go_types::types::Env;

/// The packages compared: `$HEAPSCOPE_MODULES_PATTERNS` (space-separated)
/// or the set's `packages.txt`.
fn patterns(dir: &Path) -> Vec<String> {
    match std::env::var("HEAPSCOPE_MODULES_PATTERNS") {
        Ok(p) if !p.trim().is_empty() => p.split_whitespace().map(String::from).collect(),
        _ => std::fs::read_to_string(dir.join("packages.txt"))
            .unwrap()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
    }
}

/// Builds `tools/gotypes` and runs it on `pkgs` from the scratch module, in
/// vendor mode and offline (its source importer resolves module packages
/// through go/build, which asks `go list` in the importing package's
/// directory: the vendored packages are all under the scratch module).
fn gotypes_lines(goroot: &Path, dir: &Path, tmp: &Path, pkgs: &[String]) -> Vec<String> {
    let bin = common::build_gotypes(goroot, tmp);
    let env = [("GOFLAGS", "-mod=vendor"), ("GOPROXY", "off"), ("GOWORK", "off")];
    common::run_gotypes(&bin, goroot, dir, pkgs, &env)
}

#[test]
fn debug_types_lines_match_go_types_on_modules() {
    std::thread::Builder::new().stack_size(go_types::check::STACK_SIZE).spawn(run).unwrap().join().unwrap();
}

fn run() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let Some(dir) = heapscope_testutil::go_modules_dir() else { return };
    // go_loader's `go list` inherits the environment: a `-mod=` there would
    // take it out of vendor mode (and to the network).
    let goflags = std::env::var("GOFLAGS").unwrap_or_default();
    assert!(
        !goflags.contains("-mod=") || goflags.contains("-mod=vendor"),
        "GOFLAGS={goflags}: this test loads the vendored modules; unset -mod"
    );
    let tmp = tempfile::tempdir().unwrap();
    let pats = patterns(&dir);
    let mut cfg = LoadConfig::new(&dir);
    cfg.goroot = Some(goroot.clone());
    cfg.go_cmd = Some(goroot.join("bin/go"));
    cfg.goos = Some("linux".into());
    cfg.goarch = Some("amd64".into());
    let loaded = Loader::load_with(Backend::GoList, &pats, &cfg);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let named: Vec<String> =
        loaded.packages.iter().filter(|p| !p.dep_only).map(|p| p.import_path.clone()).collect();
    assert_eq!(named.len(), pats.len(), "patterns {pats:?} matched {named:?}");
    let want = gotypes_lines(&goroot, &dir, tmp.path(), &named);

    let mut env = Env::new();
    let dep_only: HashMap<&str, bool> =
        loaded.packages.iter().map(|p| (p.import_path.as_str(), p.dep_only)).collect();
    // The package each file belongs to, for the per-package summary.
    let pkg_of_dir: HashMap<String, String> = loaded
        .packages
        .iter()
        .map(|p| (p.dir.to_string_lossy().to_string(), p.import_path.clone()))
        .collect();
    // The pipelined driver (files read and parsed by the job that checks
    // them, two threads) must give what the sequential driver gives.
    let specs: Vec<PackageSpec<'_>> = loaded
        .packages
        .iter()
        .map(|p| PackageSpec {
            import_path: &p.import_path,
            imports: &p.imports,
            import_map: &p.import_map,
            weight: p.go_files.len() as u64 + 1,
        })
        .collect();
    let got: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    check_pipelined(
        &mut env,
        &specs,
        Sizes::AMD64,
        2,
        |i| {
            let p = &loaded.packages[i];
            let files = p.go_files.iter().map(|f| ParsedFile::parse(f).result.unwrap().0).collect();
            let names = p.go_files.iter().map(|f| f.to_string_lossy().to_string()).collect();
            (files, names)
        },
        |_, env, u, checked| {
            let mut errs: Vec<String> = checked
                .errors
                .iter()
                .map(|e| format!("{}: {}", u.import_path, format_error(u.files, u.names, e)))
                .collect();
            errors.lock().unwrap().append(&mut errs);
            if !dep_only[u.import_path] {
                let mut lines = debug_types_lines(env, u.files, u.names, &checked);
                got.lock().unwrap().append(&mut lines);
            }
        },
    );
    let (got, errors) = (got.into_inner().unwrap(), errors.into_inner().unwrap());

    let show_n: usize = std::env::var("HEAPSCOPE_TYPES_SHOW").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    // Lines are compared as multisets, as in the std test.
    let diff = common::multiset_diff(&want, &got);
    let (identical, bad, missing) = (diff.identical, diff.differing, diff.missing);
    let key = |l: &str| l.split('\t').next().unwrap_or("").to_string();
    let want_by_key: HashMap<String, Vec<&String>> = want.iter().fold(HashMap::new(), |mut m, l| {
        m.entry(key(l)).or_default().push(l);
        m
    });
    let cut = |s: &str| s.chars().take(300).collect::<String>();
    let show: Vec<String> = bad
        .iter()
        .take(show_n)
        .map(|l| {
            let theirs: Vec<String> =
                want_by_key.get(&key(l)).map(|v| v.iter().map(|s| cut(s)).collect()).unwrap_or_default();
            format!("ours:   {}\ntheirs: {theirs:?}", cut(l))
        })
        .collect();
    let mut by_kind: HashMap<String, usize> = HashMap::new();
    for m in &missing {
        *by_kind.entry(m.split('\t').nth(2).unwrap_or("").to_string()).or_default() += 1;
    }
    // Differing and missing lines per package.
    let pkg_of = |l: &str| {
        let file = key(l);
        let file = file.split(':').next().unwrap_or("");
        let d = Path::new(file).parent().map(|d| d.to_string_lossy().to_string()).unwrap_or_default();
        pkg_of_dir.get(&d).cloned().unwrap_or(d)
    };
    let mut per_pkg: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for l in &bad {
        per_pkg.entry(pkg_of(l)).or_default().0 += 1;
    }
    for l in &missing {
        per_pkg.entry(pkg_of(l)).or_default().1 += 1;
    }
    let stride = (missing.len() / show_n.max(1)).max(1);
    let sample: Vec<String> = missing.iter().step_by(stride).take(show_n).map(|s| cut(s)).collect();
    eprintln!(
        "modules at {}: {} packages compared, {} checked",
        dir.display(),
        named.len(),
        loaded.packages.len()
    );
    eprintln!(
        "go/types lines {}; heapscope lines {}; identical {identical} ({:.3}%); differing {}; missing {} {by_kind:?}; errors {}",
        want.len(),
        got.len(),
        identical as f64 * 100.0 / want.len().max(1) as f64,
        bad.len(),
        missing.len(),
        errors.len()
    );
    eprintln!(
        "per package (differing, missing):\n{}",
        per_pkg.iter().map(|(p, (b, m))| format!("  {p}: {b}, {m}")).collect::<Vec<_>>().join("\n")
    );
    eprintln!(
        "errors (first {show_n}):\n{}",
        errors.iter().take(show_n).cloned().collect::<Vec<_>>().join("\n")
    );
    eprintln!("differing (first {show_n}):\n{}", show.join("\n"));
    eprintln!("missing (sample):\n{}", sample.join("\n"));
    assert!(errors.is_empty(), "{} errors:\n{}", errors.len(), errors[..errors.len().min(20)].join("\n"));
    assert!(bad.len() * 1000 <= got.len(), "{} of {} lines differ from go/types", bad.len(), got.len());
    assert!(identical * 1000 >= want.len() * 999, "only {identical} of {} lines identical", want.len());
}
