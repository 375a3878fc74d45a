//! Shared helpers for the integration tests: locating the Go corpora
//! (env vars `HEAPSCOPE_GOROOT`, `HEAPSCOPE_GO_TEST_DIR`, `HEAPSCOPE_GO119_TEST_DIR`)
//! and the missing-corpus policy (fail under `CI`, loud skip otherwise).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn home() -> PathBuf {
    PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into()))
}

pub fn goroot() -> PathBuf {
    std::env::var("HEAPSCOPE_GOROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| home().join(".cache/heapscope/go1.27.3"))
}

pub fn go_test_dir() -> PathBuf {
    std::env::var("HEAPSCOPE_GO_TEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| home().join(".cache/heapscope/go1.27-test/test"))
}

/// Returns true if `dir` exists; otherwise fails the test under `CI` and
/// prints a loud skip notice elsewhere.
pub fn require_dir(dir: &Path, what: &str, install: &str) -> bool {
    if dir.is_dir() {
        return true;
    }
    let msg = format!("{what} not found at {} — install it with `{install}`", dir.display());
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    eprintln!("!!! SKIPPED: {msg}");
    eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
    false
}

/// All `.go` files under `dir`, sorted; `skip_testdata` skips directories
/// named `testdata`.
pub fn go_files(dir: &Path, skip_testdata: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if skip_testdata && e.file_name() == "testdata" {
                    continue;
                }
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "go") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs `f` on a thread with a large stack (deeply nested test inputs).
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).expect("spawn").join().expect("join")
}
