//! Position differential against go/parser: `tools/gopos` (Go, std only)
//! prints `file:line:col Kind` for calls, selectors, index/slice
//! expressions, type assertions, composite literals, key:value pairs, func
//! literals, binary/unary operations and func declarations at gc's
//! reporting position; we print the same from our AST and require the
//! sorted outputs to be identical over several large std packages.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use go_syntax::{DeclKind, ExprKind, File, Node, Operator};

const PACKAGES: &[&str] = &["net/http", "encoding/json", "go/types", "cmd/compile/internal/ssa", "runtime"];

fn go_cmd() -> Option<PathBuf> {
    let g = goroot().join("bin/go");
    if g.is_file() {
        return Some(g);
    }
    let ok = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("go"))
}

fn kind(f: &File, n: Node) -> Option<&'static str> {
    Some(match n {
        Node::Decl(d) => match f.decl(d).kind {
            DeclKind::Func { .. } => "FuncDecl",
            _ => return None,
        },
        Node::Expr(e) => match &f.expr(e).kind {
            ExprKind::Call { .. } => "Call",
            ExprKind::Selector { .. } => "Selector",
            ExprKind::Index { .. } => "Index",
            ExprKind::Slice { .. } => "Slice",
            ExprKind::Assert { .. } | ExprKind::TypeSwitchGuard { .. } => "TypeAssert",
            ExprKind::CompositeLit { .. } => "CompositeLit",
            ExprKind::KeyValue { .. } => "KeyValue",
            ExprKind::FuncLit { .. } => "FuncLit",
            ExprKind::Operation { y: Some(_), .. } => "Binary",
            ExprKind::Operation { op, y: None, .. } if *op != Operator::Mul => "Unary",
            _ => return None,
        },
        _ => return None,
    })
}

fn ours(files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for p in files {
        let src = std::fs::read(p).expect("read");
        let name = p.to_string_lossy();
        let (f, errs) = go_syntax::parse_file(&name, &src);
        assert!(errs.is_empty(), "{name}: {:?}", errs.first());
        let mut seen = HashSet::new();
        f.walk(|n| {
            if !seen.insert(n) {
                return; // types shared by `a, b T` fields
            }
            if let Some(k) = kind(&f, n) {
                let pos = f.source_map.physical(f.node_pos(n));
                out.push(format!("{pos} {k}"));
            }
        });
    }
    out.sort();
    out
}

fn theirs(go: &Path, dirs: &[PathBuf]) -> Vec<String> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/gopos");
    let tmp = std::env::temp_dir().join(format!("gopos-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmpdir");
    let bin = tmp.join("gopos");
    let st = Command::new(go)
        .args(["build", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(&tool)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .status()
        .expect("run go build");
    assert!(st.success(), "building tools/gopos failed");
    let out = Command::new(&bin).args(dirs).output().expect("run gopos");
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(out.status.success(), "gopos failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();
    v.sort();
    v
}

/// Compares our positions with go/parser's on every file under `dirs`;
/// returns the number of nodes compared.
fn compare(go: &Path, dirs: &[PathBuf], what: &str) -> usize {
    let files: Vec<PathBuf> = dirs.iter().flat_map(|d| go_files(d, true)).collect();
    let a = with_big_stack(move || ours(&files));
    let b = theirs(go, dirs);
    let mut diffs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while (i < a.len() || j < b.len()) && diffs.len() < 20 {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                diffs.push(format!("only ours:    {x}"));
                i += 1;
            }
            (Some(_), Some(y)) | (None, Some(y)) => {
                diffs.push(format!("only gopos:   {y}"));
                j += 1;
            }
            (Some(x), None) => {
                diffs.push(format!("only ours:    {x}"));
                i += 1;
            }
            (None, None) => break,
        }
    }
    eprintln!("position differential ({what}): {} nodes ours, {} nodes go/parser", a.len(), b.len());
    assert!(diffs.is_empty(), "first differences:\n{}", diffs.join("\n"));
    a.len()
}

fn go_or_skip() -> Option<PathBuf> {
    let go = go_cmd();
    if go.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("no go command found (install with scripts/install-go.sh 1.27.3)");
        }
        eprintln!("!!! SKIPPED: no go command found for tools/gopos");
    }
    go
}

#[test]
fn positions_match_go_parser() {
    let src = goroot().join("src");
    if !require_dir(&src, "go1.27.3 GOROOT", "scripts/install-go.sh 1.27.3") {
        return;
    }
    let Some(go) = go_or_skip() else { return };
    let dirs: Vec<PathBuf> = PACKAGES.iter().map(|p| src.join(p)).collect();
    let n = compare(&go, &dirs, &format!("std packages {PACKAGES:?}"));
    assert!(n > 100_000, "suspiciously few nodes: {n}");
}

/// The same on third-party code: every file of the pinned real-world
/// modules (`scripts/fetch-modules.sh`, vendored).
#[test]
fn positions_match_go_parser_on_modules() {
    let Some(dir) = heapscope_testutil::go_modules_dir() else { return };
    let Some(go) = go_or_skip() else { return };
    let n = compare(&go, &[dir.join("vendor")], "real-world modules");
    assert!(n > 100_000, "suspiciously few nodes: {n}");
}
