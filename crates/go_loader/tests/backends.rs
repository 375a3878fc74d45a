//! Both loader backends against the pinned toolchain: the GOROOT walk must
//! find exactly what `go list` finds (files, imports, names) for std
//! packages; command-line files, missing packages and cycles are reported
//! without panics.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use go_loader::{Backend, COMMAND_LINE_ARGUMENTS, LoadConfig, LoadResult, Loader};

fn config(goroot: &Path, dir: &Path) -> LoadConfig {
    let mut cfg = LoadConfig::new(dir);
    cfg.goroot = Some(goroot.to_path_buf());
    cfg.goos = Some("linux".into());
    cfg.goarch = Some("amd64".into());
    cfg
}

fn both(goroot: &Path, dir: &Path, patterns: &[&str]) -> (LoadResult, LoadResult) {
    let pats: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
    let mut cfg = config(goroot, dir);
    let t = Instant::now();
    let walk = Loader::load(&pats, &cfg);
    let tw = t.elapsed();
    assert_eq!(walk.backend, Backend::Walk);
    cfg.go_cmd = Some(goroot.join("bin/go"));
    let t = Instant::now();
    let list = Loader::load(&pats, &cfg);
    eprintln!("{patterns:?}: walk {tw:?}, go list {:?}, {} packages", t.elapsed(), list.packages.len());
    assert_eq!(list.backend, Backend::GoList);
    (walk, list)
}

/// Asserts the two results describe the same packages.
fn assert_same(walk: &LoadResult, list: &LoadResult) {
    let names = |r: &LoadResult| r.packages.iter().map(|p| p.import_path.clone()).collect::<Vec<_>>();
    let (a, b) = (names(walk), names(list));
    let only_walk: Vec<&String> = a.iter().filter(|p| !b.contains(p)).collect();
    let only_list: Vec<&String> = b.iter().filter(|p| !a.contains(p)).collect();
    assert!(
        only_walk.is_empty() && only_list.is_empty(),
        "only walk: {only_walk:?}, only go list: {only_list:?}"
    );
    for lp in &list.packages {
        let wp = walk.package(&lp.import_path).unwrap();
        assert_eq!(wp.name, lp.name, "{}", lp.import_path);
        assert_eq!(wp.go_files, lp.go_files, "{}", lp.import_path);
        assert_eq!(wp.imports, lp.imports, "{}", lp.import_path);
        assert_eq!(wp.import_map, lp.import_map, "{}", lp.import_path);
        assert_eq!(wp.standard, lp.standard, "{}", lp.import_path);
        assert_eq!(wp.dep_only, lp.dep_only, "{}", lp.import_path);
        assert_eq!(
            wp.error.is_some(),
            lp.error.is_some(),
            "{}: {:?} vs {:?}",
            lp.import_path,
            wp.error,
            lp.error
        );
        assert_eq!(clean(&wp.dir), clean(&lp.dir), "{}", lp.import_path);
    }
    for r in [walk, list] {
        check_order(r);
    }
}

fn clean(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Every package comes after its imports, and deps match imports.
fn check_order(r: &LoadResult) {
    for (i, p) in r.packages.iter().enumerate() {
        for imp in &p.imports {
            let j = r.index(imp).unwrap_or_else(|| panic!("{} imports unloaded {imp}", p.import_path));
            assert!(j < i, "{} before its import {imp}", p.import_path);
            assert!(r.deps[i].contains(&j));
        }
    }
}

#[test]
fn std_packages_agree() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let dir = goroot.join("src");
    let (walk, list) = both(&goroot, &dir, &["fmt", "net/http", "encoding/json", "go/types"]);
    assert!(walk.errors.is_empty(), "{:?}", walk.errors);
    assert!(list.errors.is_empty(), "{:?}", list.errors);
    assert!(list.packages.len() > 100, "{}", list.packages.len());
    assert_same(&walk, &list);
    // vendored std dependency resolution
    let http = list.package("net/http").unwrap();
    assert!(http.imports.iter().any(|i| i.starts_with("vendor/golang.org/x/net/")));
    assert!(http.import_map.iter().any(|(k, v)| *v == format!("vendor/{k}")));
    assert!(!list.package("fmt").unwrap().dep_only);
    assert!(list.package("unsafe").unwrap().dep_only);
}

#[test]
fn whole_std_agrees() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let (walk, list) = both(&goroot, &goroot.join("src"), &["std"]);
    assert!(walk.errors.is_empty(), "{:?}", walk.errors);
    assert!(list.errors.is_empty(), "{:?}", list.errors);
    assert!(list.packages.len() > 300);
    assert_same(&walk, &list);
    // The parallel scheduler sees every package after its imports.
    let done: Vec<std::sync::atomic::AtomicBool> =
        (0..list.packages.len()).map(|_| std::sync::atomic::AtomicBool::new(false)).collect();
    list.for_each_in_import_order_parallel(|i, _| {
        for &j in &list.deps[i] {
            assert!(done[j].load(std::sync::atomic::Ordering::Acquire));
        }
        done[i].store(true, std::sync::atomic::Ordering::Release);
    });
    assert!(done.iter().all(|d| d.load(std::sync::atomic::Ordering::Acquire)));
}

#[test]
fn other_goos() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let pats = vec!["os".to_string(), "net".to_string()];
    let mut cfg = config(&goroot, &goroot.join("src"));
    cfg.goos = Some("windows".into());
    cfg.goarch = Some("arm64".into());
    let walk = Loader::load(&pats, &cfg);
    cfg.go_cmd = Some(goroot.join("bin/go"));
    let list = Loader::load(&pats, &cfg);
    assert!(list.package("internal/syscall/windows").is_some());
    assert_same(&walk, &list);
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn module_and_command_line_files() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "go.mod", "module example.com/m\n\ngo 1.27\n");
    write(
        root,
        "main.go",
        "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/m/lib\"\n)\n\nfunc main() { fmt.Println(lib.X) }\n",
    );
    write(root, "lib/lib.go", "package lib\n\nimport \"strings\"\n\nvar X = strings.ToUpper(\"x\")\n");
    write(root, "lib/lib_windows.go", "package lib\n\nimport \"syscall\"\n\nvar _ = syscall.Getpid\n");
    write(root, "lib/lib_test.go", "package lib\n\nimport \"testing\"\n");
    write(root, "gen.go.txt", "");
    write(
        root,
        "tool/gen.go",
        "//go:build ignore\n\npackage main\n\nimport \"os\"\n\nfunc main() { os.Exit(0) }\n",
    );
    let (walk, list) = both(&goroot, root, &["./..."]);
    assert!(list.errors.is_empty(), "{:?}", list.errors);
    assert_same(&walk, &list);
    let lib = list.package("example.com/m/lib").unwrap();
    assert_eq!(lib.go_files, vec![root.join("lib/lib.go")]);
    assert_eq!(lib.module.as_ref().unwrap().path, "example.com/m");
    assert!(walk.package("example.com/m/lib").unwrap().module.as_ref().unwrap().main);

    // Files named on the command line: build constraints do not apply.
    let (walk, list) = both(&goroot, root, &["tool/gen.go"]);
    assert_same(&walk, &list);
    let p = walk.package(COMMAND_LINE_ARGUMENTS).unwrap();
    assert_eq!(p.name, "main");
    assert_eq!(p.go_files, vec![root.join("tool/gen.go")]);
    assert_eq!(p.imports, vec!["os".to_string()]);
}

#[test]
fn missing_and_cycles_are_errors() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "go.mod", "module example.com/c\n\ngo 1.27\n");
    write(root, "a/a.go", "package a\n\nimport _ \"example.com/c/b\"\n");
    write(root, "b/b.go", "package b\n\nimport _ \"example.com/c/a\"\n");
    write(root, "m/m.go", "package m\n\nimport _ \"no/such/pkg\"\nimport _ \"example.com/c/nothere\"\n");
    let (walk, list) = both(&goroot, root, &["./..."]);
    for r in [&walk, &list] {
        assert!(r.errors.iter().any(|e| e.msg.contains("import cycle not allowed")), "{:?}", r.errors);
        assert!(r.errors.iter().any(|e| e.import_path == "no/such/pkg"), "{:?}", r.errors);
        assert!(r.errors.iter().any(|e| e.import_path == "example.com/c/nothere"), "{:?}", r.errors);
        // The scheduler still terminates over a broken cycle.
        let n = r.map_in_import_order_parallel(|_, _, ins: &[&usize]| ins.len() + 1).len();
        assert_eq!(n, r.packages.len());
    }
    // A walk without a Go root reports instead of panicking.
    let mut cfg = LoadConfig::new(root);
    cfg.goroot = Some(root.join("nonexistent"));
    let r = Loader::load(&["fmt".to_string()], &cfg);
    assert!(!r.errors.is_empty());
}

#[test]
fn parse_all_parses_every_file() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let cfg = config(&goroot, &goroot.join("src"));
    let r = Loader::load(&["encoding/json".to_string()], &cfg);
    let parsed = r.parse_all();
    assert_eq!(parsed.len(), r.packages.len());
    for (p, files) in r.packages.iter().zip(&parsed) {
        assert_eq!(files.len(), p.go_files.len());
        for f in files {
            let (file, errs) = f.result.as_ref().unwrap();
            assert!(errs.is_empty(), "{}", f.path.display());
            assert_eq!(file.name_str(file.pkg_name.unwrap()), p.name);
        }
    }
}
