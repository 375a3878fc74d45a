//! Shared by the differential tests against go/types: building and running
//! the Go helper `tools/gotypes`, and comparing its lines with ours as
//! multisets (go/types may print the same line twice, e.g. a receiver type
//! parameter's definition and use).
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds `tools/gotypes` with the pinned toolchain into `tmp`.
pub fn build_gotypes(goroot: &Path, tmp: &Path) -> PathBuf {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/gotypes");
    let bin = tmp.join("gotypes");
    let st = Command::new(goroot.join("bin/go"))
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
    bin
}

/// Runs the helper `bin` on `pkgs` from `dir` (linux/amd64, no cgo) with the
/// extra environment `env`; its output lines.
pub fn run_gotypes(
    bin: &Path,
    goroot: &Path,
    dir: &Path,
    pkgs: &[String],
    env: &[(&str, &str)],
) -> Vec<String> {
    let mut cmd = Command::new(bin);
    cmd.args(pkgs)
        .current_dir(dir)
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("CGO_ENABLED", "0")
        .env("GOOS", "linux")
        .env("GOARCH", "amd64");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect()
}

/// The result of comparing our lines with go/types' as multisets.
pub struct Diff<'a> {
    pub identical: usize,
    /// Our lines go/types does not print (with multiplicity), sorted.
    pub differing: Vec<&'a str>,
    /// go/types' lines we do not print (with multiplicity), sorted.
    pub missing: Vec<&'a str>,
}

fn counts(lines: &[String]) -> HashMap<&str, usize> {
    lines.iter().fold(HashMap::new(), |mut m, l| {
        *m.entry(l.as_str()).or_default() += 1;
        m
    })
}

/// Compares `got` with `want` as multisets.
pub fn multiset_diff<'a>(want: &'a [String], got: &'a [String]) -> Diff<'a> {
    let (want_c, got_c) = (counts(want), counts(got));
    let mut differing = Vec::new();
    let mut identical = 0usize;
    for (l, &n) in &got_c {
        let w = want_c.get(l).copied().unwrap_or(0);
        identical += n.min(w);
        differing.extend(std::iter::repeat_n(*l, n.saturating_sub(w)));
    }
    differing.sort();
    let mut missing = Vec::new();
    for (l, &n) in &want_c {
        let g = got_c.get(l).copied().unwrap_or(0);
        missing.extend(std::iter::repeat_n(*l, n.saturating_sub(g)));
    }
    missing.sort();
    Diff { identical, differing, missing }
}
