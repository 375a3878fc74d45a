//! End-to-end tests of the `heapscope` binary on the bundled examples, with the pinned Go
//! toolchain (go1.27.3 from `scripts/install-go.sh`; override with `HEAPSCOPE_GOROOT`).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The pinned toolchain, or `None` (with a loud notice) when it is not installed. Under CI a
/// missing toolchain is a failure, never a skip.
fn goroot() -> Option<PathBuf> {
    let dir = std::env::var_os("HEAPSCOPE_GOROOT").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/heapscope/go1.27.3")
    });
    if dir.join("bin/go").is_file() {
        return Some(dir);
    }
    let msg = format!("pinned Go toolchain missing at {}: run scripts/install-go.sh 1.27.3", dir.display());
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
    None
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").canonicalize().unwrap()
}

fn heapscope(dir: &Path, goroot: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_heapscope"))
        .args(args)
        .args(["--go-root", goroot.to_str().unwrap()])
        .current_dir(dir)
        .env("PWD", dir)
        .env_remove("GOFLAGS")
        .output()
        .unwrap()
}

fn go(dir: &Path, goroot: &Path, args: &[&str]) -> Output {
    let path = format!("{}:{}", goroot.join("bin").display(), std::env::var("PATH").unwrap_or_default());
    Command::new(goroot.join("bin/go"))
        .args(args)
        .current_dir(dir)
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("PATH", path)
        .env("PWD", dir)
        .env_remove("GOFLAGS")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn gc_format_is_what_go_build_prints() {
    let Some(g) = goroot() else { return };
    for m in ["1", "2"] {
        let theirs = go(&examples(), &g, &["build", &format!("-gcflags=-m={m}"), "."]);
        assert!(theirs.status.success(), "{}", text(&theirs.stderr));
        let ours = heapscope(&examples(), &g, &["check", "--engine", "gc", "--format", "gc", "-m", m, "."]);
        assert!(ours.status.success(), "{}", text(&ours.stderr));
        assert_eq!(text(&ours.stdout), text(&theirs.stderr), "-m={m}");
        assert!(text(&ours.stdout).starts_with("# heapscope.dev/examples\n"));
        // Without headers, only the messages remain.
        let bare = heapscope(&examples(), &g, &["--format", "gc", "-m", m, "--no-headers", "."]);
        assert_eq!(text(&bare.stdout), text(&theirs.stderr).replacen("# heapscope.dev/examples\n", "", 1));
    }
}

#[test]
fn files_on_the_command_line_form_one_package() {
    let Some(g) = goroot() else { return };
    let theirs = go(&examples(), &g, &["build", "-o", "/dev/null", "-gcflags=-m", "escapes.go", "sink.go"]);
    let ours = heapscope(&examples(), &g, &["--format", "gc", "escapes.go", "sink.go"]);
    assert!(ours.status.success(), "{}", text(&ours.stderr));
    assert!(text(&ours.stdout).starts_with("# command-line-arguments\n"));
    assert_eq!(text(&ours.stdout), text(&theirs.stderr));
}

#[test]
fn dash_c_runs_as_if_started_in_the_directory() {
    let Some(g) = goroot() else { return };
    let root = examples().parent().unwrap().to_path_buf();
    let a = heapscope(&root, &g, &["-C", "examples", "--format", "gc"]);
    let b = heapscope(&examples(), &g, &["--format", "gc"]);
    assert!(a.status.success(), "{}", text(&a.stderr));
    assert_eq!(text(&a.stdout), text(&b.stdout));
    let bad = heapscope(&root, &g, &["-C", "no/such/dir"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("-C no/such/dir: not a directory"));
}

#[test]
fn check_is_the_default_command() {
    let Some(g) = goroot() else { return };
    let a = heapscope(&examples(), &g, &["--format", "gc", "."]);
    let b = heapscope(&examples(), &g, &["check", "--format", "gc", "."]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn human_output() {
    let Some(g) = goroot() else { return };
    for m in ["1", "2"] {
        let out = heapscope(&examples(), &g, &["--color", "never", "-m", m, "."]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        insta::assert_snapshot!(format!("human_m{m}"), text(&out.stdout));
    }
    let all = heapscope(&examples(), &g, &["--color", "never", "--all", "."]);
    let all = text(&all.stdout);
    assert!(all.contains("can inline NewPoint") && all.contains("does not escape"), "{all}");
}

#[test]
fn json_holds_every_message() {
    let Some(g) = goroot() else { return };
    let theirs = text(&go(&examples(), &g, &["build", "-gcflags=-m=2", "."]).stderr);
    // Messages are the positioned lines that are not -m=2 continuation lines.
    let expected: Vec<&str> = theirs
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| !l.contains(":   flow: ") && !l.contains(":     from ") && !l.contains(":   warning: "))
        .collect();
    let out = heapscope(&examples(), &g, &["--format", "json", "-m", "2", "."]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["engine"], "gc");
    assert_eq!(v["go_version"], "go1.27.3");
    assert_eq!(v["m_level"], 2);
    let diags = v["packages"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), expected.len());
    for (d, line) in diags.iter().zip(&expected) {
        assert!(line.ends_with(d["message"].as_str().unwrap()), "{line} vs {d}");
        assert!(Path::new(d["pos"]["file"].as_str().unwrap()).is_absolute());
    }
    let moved = diags.iter().find(|d| d["kind"] == "moved_to_heap" && d["subject"] == "p").unwrap();
    assert_eq!(moved["function"], "NewPoint");
    let expl = &diags[moved["explanations"][0].as_u64().unwrap() as usize];
    assert_eq!(expl["kind"], "escape_explanation");
    assert_eq!(expl["flows"][0]["to"], "~r0");
    assert_eq!(expl["flows"][0]["derefs"], -1);
    assert_eq!(expl["flows"][0]["steps"][0]["reason"], "address-of");
}

#[test]
fn a_package_that_does_not_compile_is_an_error_and_the_others_are_still_reported() {
    let Some(g) = goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("go.mod"), "module example.com/m\n\ngo 1.24\n").unwrap();
    std::fs::create_dir_all(root.join("bad")).unwrap();
    std::fs::create_dir_all(root.join("good")).unwrap();
    std::fs::write(root.join("bad/bad.go"), "package bad\n\nfunc F() int { return \"s\" }\n").unwrap();
    std::fs::write(root.join("good/good.go"), "package good\n\nfunc G() *int { x := 1; return &x }\n")
        .unwrap();
    let out = heapscope(root, &g, &["--color", "never", "./..."]);
    assert_eq!(out.status.code(), Some(2));
    let s = text(&out.stdout);
    assert!(s.contains("package example.com/m/bad could not be analysed"), "{s}");
    assert!(s.contains("cannot use \"s\" (untyped string constant) as int value in return statement"), "{s}");
    assert!(s.contains("bad/bad.go:3:23"), "{s}");
    assert!(s.contains("moved to heap: x"), "{s}");
    // Machine formats keep the error in the document and say it on stderr.
    let out = heapscope(root, &g, &["--format", "json", "./..."]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad =
        v["packages"].as_array().unwrap().iter().find(|p| p["import_path"] == "example.com/m/bad").unwrap();
    assert_eq!(bad["error"]["positions"][0]["pos"]["line"], 3);
    assert!(text(&out.stderr).contains("cannot use"));
}

#[test]
fn native_engine_is_recognised_but_not_built() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_heapscope")).args(["--engine", "native", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("native engine is not built yet"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["-m", "3"][..], &["--format", "xml"], &["--engine", "llvm"], &["check", "--bogus"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_heapscope")).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_heapscope")).arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("check"));
}

#[test]
fn bad_go_root_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_heapscope"))
        .args(["--go-root", "/nonexistent/go", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--go-root /nonexistent/go: no Go toolchain there"),
        "{}",
        text(&out.stderr)
    );
}
