//! Differential test of the package-level checker against go/types: the
//! Go helper `tools/gotypes` prints every identifier occurrence of some std
//! packages; every line heapscope's checker prints must be identical to
//! the helper's line at that position, the checker must report no error,
//! and it must cover most package-level constant declarations.
#![allow(clippy::unwrap_used)]

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use go_loader::{LoadConfig, Loader};
use go_types::check::{debug_types_lines, format_error};
use go_types::driver::{Unit, check_in_order};
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

fn gotypes_lines(goroot: &Path, tmp: &Path, pkgs: &[String]) -> HashSet<String> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/gotypes");
    let bin = tmp.join("gotypes");
    let go = goroot.join("bin/go");
    let st = Command::new(&go)
        .args(["build", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(&tool)
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .status()
        .unwrap();
    assert!(st.success());
    let out = Command::new(&bin)
        .args(pkgs)
        .current_dir(goroot.join("src"))
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("CGO_ENABLED", "0")
        .env("GOOS", "linux")
        .env("GOARCH", "amd64")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect()
}

#[test]
fn package_level_declarations_match_go_types() {
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
    // "file:line:col\tname\tconst\t" of every package-level constant.
    let mut const_decls: Vec<String> = Vec::new();
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
    let units = inputs.iter().map(|(p, syntax, names)| Unit {
        import_path: &p.import_path,
        imports: &p.imports,
        import_map: &p.import_map,
        files: syntax,
        names,
    });
    check_in_order(&mut env, units, Sizes::AMD64, |env, u, checked| {
        for e in &checked.errors {
            errors.push(format_error(u.files, u.names, e));
        }
        if !dep_only[u.import_path] {
            for (f, name) in u.files.iter().zip(u.names) {
                for d in f.list(f.decl_list) {
                    if let go_syntax::DeclKind::Const { names: ns, .. } = &f.decl(d).kind {
                        for n in f.list(*ns) {
                            let (line, col) = f.source_map.line_col(f.expr(n).pos);
                            const_decls.push(format!("{name}:{line}:{col}\t{}\tconst\t", f.name_str(n)));
                        }
                    }
                }
            }
            got.extend(debug_types_lines(env, u.files, u.names, checked));
        }
    });
    assert!(errors.is_empty(), "{} errors:\n{}", errors.len(), errors[..errors.len().min(20)].join("\n"));
    let bad: Vec<&String> = got.iter().filter(|l| !want.contains(*l)).collect();
    let show: Vec<String> = bad
        .iter()
        .take(20)
        .map(|l| {
            let key = l.split('\t').next().unwrap();
            let theirs: Vec<&String> = want.iter().filter(|w| w.split('\t').next() == Some(key)).collect();
            let cut = |s: &str| s.chars().take(400).collect::<String>();
            let theirs: Vec<String> = theirs.iter().map(|s| cut(s)).collect();
            format!("ours:   {}\ntheirs: {theirs:?}", cut(l))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} lines differ from go/types:\n{}",
        bad.len(),
        got.len(),
        show.join("\n")
    );

    // Coverage of package-level constant definitions.
    let prefix = |l: &str| -> String {
        let f: Vec<&str> = l.splitn(4, '\t').collect();
        if f.len() < 4 { String::new() } else { format!("{}\t{}\t{}\t", f[0], f[1], f[2]) }
    };
    let got_p: HashSet<String> = got.iter().map(|l| prefix(l)).collect();
    let want_p: HashSet<String> = want.iter().map(|l| prefix(l)).collect();
    let covered = const_decls.iter().filter(|c| got_p.contains(*c)).count();
    let in_go = const_decls.iter().filter(|c| want_p.contains(*c)).count();
    let missing: Vec<&String> =
        const_decls.iter().filter(|c| want_p.contains(*c) && !got_p.contains(*c)).take(40).collect();
    eprintln!("constants not evaluated yet: {missing:#?}");
    eprintln!(
        "heapscope: {} lines, all identical to go/types (which prints {} lines); package-level constants: {covered} of {in_go}",
        got.len(),
        want.len(),
    );
    assert!(got.len() > 10000, "{}", got.len());
    assert!(covered * 100 >= in_go * 99, "{covered} of {in_go} constants");
}
