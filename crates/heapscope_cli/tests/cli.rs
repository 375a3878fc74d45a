//! End-to-end tests of the `heapscope` binary on the bundled examples, with the pinned Go
//! toolchain (go1.27.3 from `scripts/install-go.sh`; override with `HEAPSCOPE_GOROOT`).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use heapscope_testutil::pinned_goroot as goroot;

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

/// The official SARIF 2.1.0 schema (scripts/install-sarif-schema.sh), or `None` with a notice
/// (a failure under CI).
fn sarif_schema() -> Option<serde_json::Value> {
    let path = std::env::var_os("HEAPSCOPE_SARIF_SCHEMA").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
            .join(".cache/heapscope/sarif-2.1.0-rtm.5.json")
    });
    match std::fs::read(&path) {
        // The schema's `language` patterns hold a bare `]`, a literal in ECMA regexes but an
        // error for Rust's: escape it (same meaning) so the schema compiles.
        Ok(b) => Some(
            serde_json::from_str(&String::from_utf8(b).unwrap().replace("{2}]?$", "{2}\\\\]?$")).unwrap(),
        ),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("SARIF schema missing at {}: run scripts/install-sarif-schema.sh", path.display())
        }
        Err(_) => {
            eprintln!("SKIPPED: SARIF schema missing at {}", path.display());
            None
        }
    }
}

#[test]
fn sarif_is_valid_and_has_one_rule_per_shape() {
    let Some(g) = goroot() else { return };
    let Some(schema) = sarif_schema() else { return };
    let out = heapscope(&examples(), &g, &["--format", "sarif", "."]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
    // The validator does reject broken logs.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("loud");
    assert!(!validator.is_valid(&broken));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), heapscope_explain::Shape::ALL.len());
    assert!(rules.iter().all(|r| !r["help"]["text"].as_str().unwrap().is_empty()));
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 8, "{results:#?}");
    for r in results {
        assert!(r["partialFingerprints"]["heapscopeFinding/v1"].as_str().unwrap().len() == 16);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["region"]["startLine"].as_u64().unwrap() > 0);
    }
    let boxed = results.iter().find(|r| r["ruleId"] == "variadic-interface").unwrap();
    assert!(boxed["codeFlows"][0]["threadFlows"][0]["locations"].as_array().unwrap().len() > 1);
}

#[test]
fn github_annotations() {
    let Some(g) = goroot() else { return };
    let out = heapscope(&examples(), &g, &["--format", "github", "."]);
    assert!(out.status.success());
    let s = text(&out.stdout);
    let first = s.lines().next().unwrap();
    assert!(
        first.starts_with("::warning file=escapes.go,line=12,col=2,title=heapscope address-of-local"),
        "{first}"
    );
    assert!(s.lines().all(|l| l.starts_with("::warning ") || l.starts_with("::notice ")), "{s}");
    assert!(s.contains("%0AFix: "));
}

#[test]
fn filters_narrow_the_findings() {
    let Some(g) = goroot() else { return };
    let count = |args: &[&str]| -> usize {
        let mut a = vec!["--format", "json"];
        a.extend_from_slice(args);
        a.push(".");
        let out = heapscope(&examples(), &g, &a);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"].as_array().unwrap().len()
    };
    let all = count(&[]);
    assert!(all >= 8);
    assert_eq!(count(&["--shape", "closure-capture,closure"]), 2);
    assert_eq!(count(&["--func", "^Large$"]), 1);
    assert_eq!(count(&["--file", "sink"]), 1);
    assert_eq!(count(&["--package", "^nomatch$"]), 0);
    // The examples' heap sites are all outside loops; the shapes corpus has three inside.
    assert_eq!(count(&["--in-loop"]), 0);
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../heapscope_explain/tests/shapes");
    let out = heapscope(&corpus, &g, &["--format", "json", "--gcflags=-l", "--in-loop", "."]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["function"].as_str().unwrap().to_string(), f["subject"].as_str().unwrap().to_string()))
        .collect();
    got.sort();
    let want = [("AddrLoopOuter", "x"), ("AppendGrow", "append"), ("DeferLoop", "func literal")];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    let bad = heapscope(&examples(), &g, &["--shape", "bogus", "."]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("unknown shape"));
}

#[test]
fn explain_follows_the_chain_into_fmt() {
    let Some(g) = goroot() else { return };
    let out = heapscope(&examples(), &g, &["explain", "escapes.go:48:14"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("shape:      Value boxed for a variadic ...any call (variadic-interface)"), "{s}");
    assert!(
        s.contains("fmt/print.go") && s.contains("in `Fprintln`, what parameter `a` leaks to the heap"),
        "{s}"
    );
    assert!(s.contains("fix:"), "{s}");
    let json = heapscope(&examples(), &g, &["explain", "--json", "escapes.go:12"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["findings"][0]["shape"], "address-of-local");
    assert_eq!(v["findings"][0]["via"]["how"], "returned");
    let nothing = heapscope(&examples(), &g, &["explain", "escapes.go:1"]);
    assert!(text(&nothing.stdout).contains("the compiler reports nothing here"));
    let bad = heapscope(&examples(), &g, &["explain", "nosuch.go:3"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn hot_ranks_the_boxing_site_of_a_real_profile_first() {
    let Some(g) = goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let prof = tmp.path().join("mem.out");
    let bin = tmp.path().join("x.test");
    let run = go(
        &examples(),
        &g,
        &[
            "test",
            "-run",
            "^$",
            "-bench",
            "BenchmarkAnySink",
            "-benchtime=20000x",
            "-memprofilerate=1",
            "-memprofile",
            prof.to_str().unwrap(),
            "-o",
            bin.to_str().unwrap(),
            ".",
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let out = heapscope(&examples(), &g, &["hot", "--profile", prof.to_str().unwrap(), "--json", "."]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["metric"], "alloc_space");
    let top = &v["sites"][0];
    assert!(top["file"].as_str().unwrap().ends_with("sink_test.go"), "{top}");
    assert_eq!(top["line"], 9);
    // 20000 Records boxed, 16 bytes each.
    assert!(top["value"].as_i64().unwrap() >= 300_000, "{top}");
    assert_eq!(top["findings"][0]["shape"], "interface-conversion");
    assert_eq!(top["findings"][0]["via"]["callee"], "(*AnySink).Put");
    // Text form: rank, share, site, finding, fix.
    let text_out = heapscope(&examples(), &g, &["hot", "--profile", prof.to_str().unwrap(), "."]);
    let s = text(&text_out.stdout);
    assert!(s.contains("1.") && s.contains("sink_test.go:9") && s.contains("interface-conversion"), "{s}");
    // A file that is not a profile is a clear error.
    let bad = heapscope(&examples(), &g, &["hot", "--profile", "go.mod", "."]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("not a pprof profile"), "{}", text(&bad.stderr));
}

#[test]
fn assertions_fail_exactly_where_marked() {
    let Some(g) = goroot() else { return };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assert");
    let src = std::fs::read_to_string(dir.join("a.go")).unwrap();
    let want: std::collections::BTreeSet<u32> =
        src.lines().enumerate().filter(|(_, l)| l.contains("FAIL")).map(|(i, _)| i as u32 + 1).collect();
    let out = heapscope(&dir, &g, &["assert", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let got: std::collections::BTreeSet<u32> = s
        .lines()
        .filter_map(|l| l.strip_prefix("a.go:"))
        .filter_map(|l| l.split(':').next().and_then(|n| n.parse().ok()))
        .collect();
    assert_eq!(got, want, "{s}");
    assert!(s.contains("function is not inlinable: function too complex"), "{s}");
    assert!(s.contains("Found IsInBounds [gcassert:bce]"), "{s}");
    assert!(s.contains("interface-conversion: returned"), "{s}");
    assert!(s.contains("1 heap sites allowed by //heapscope:allow"), "{s}");
    // No directives, nothing to fail.
    let clean = heapscope(&examples(), &g, &["assert", "."]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(text(&clean.stdout).contains("0 assertions checked, 0 failed"));
}

#[test]
fn baseline_reports_exactly_the_new_site() {
    let Some(g) = goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let ex = tmp.path().join("ex");
    std::fs::create_dir_all(&ex).unwrap();
    for f in ["go.mod", "escapes.go", "sink.go", "sink_test.go"] {
        std::fs::copy(examples().join(f), ex.join(f)).unwrap();
    }
    let w = heapscope(&ex, &g, &["baseline", "write", "heap.baseline", "."]);
    assert!(w.status.success(), "{}", text(&w.stderr));
    let base = std::fs::read_to_string(ex.join("heap.baseline")).unwrap();
    assert!(base.starts_with("# heapscope baseline v1"));
    assert_eq!(base.lines().count(), 9, "{base}");
    // Unchanged code passes.
    let ok = heapscope(&ex, &g, &["--baseline", "heap.baseline", "."]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    // Shift every line and add one heap site: exactly that one is new.
    let src = std::fs::read_to_string(ex.join("escapes.go")).unwrap();
    let edited = src.replacen("import \"fmt\"", "import \"fmt\"\n\n// shifted\n", 1)
        + "\n// Leak is new.\nfunc Leak() *Point { q := Point{}; return &q }\n";
    std::fs::write(ex.join("escapes.go"), edited).unwrap();
    let out = heapscope(&ex, &g, &["--baseline", "heap.baseline", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let news: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["function"].as_str().unwrap(), f["subject"].as_str().unwrap()))
        .collect();
    assert_eq!(news, [("Leak", "q")]);
    assert!(text(&out.stderr).contains("1 new heap site (not in the baseline), 0 fixed"));
    // Removing a site (and the new one) reports it as fixed and passes.
    std::fs::write(ex.join("escapes.go"), src.replace("fmt.Println(x)", "fmt.Println()")).unwrap();
    let out = heapscope(&ex, &g, &["--baseline", "heap.baseline", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("0 new heap sites (not in the baseline), 1 fixed"), "{err}");
    assert!(
        err.contains("fixed since the baseline: heapscope.dev/examples Print variadic-interface x"),
        "{err}"
    );
    let bad = heapscope(&ex, &g, &["--baseline", "go.mod", "."]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("not a heapscope baseline"), "{}", text(&bad.stderr));
}

#[test]
fn new_since_compares_with_a_git_revision() {
    let Some(g) = goroot() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    let ex = repo.join("examples");
    std::fs::create_dir_all(&ex).unwrap();
    for f in ["go.mod", "escapes.go", "sink.go"] {
        std::fs::copy(examples().join(f), ex.join(f)).unwrap();
    }
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", text(&o.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    let src = std::fs::read_to_string(ex.join("escapes.go")).unwrap();
    std::fs::write(ex.join("escapes.go"), src + "\nfunc Leak() *Point { q := Point{}; return &q }\n")
        .unwrap();
    let out = heapscope(&ex, &g, &["--new-since", "HEAD", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subjects: Vec<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["q"]);
    let bad = heapscope(&ex, &g, &["--new-since", "no-such-rev", "."]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn debug_parse_reports_errors_with_positions() {
    let ok = Command::new(env!("CARGO_BIN_EXE_heapscope"))
        .args(["debug", "parse"])
        .arg(examples())
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let last = text(&ok.stdout).lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("files 3, errors 0, bytes "), "{last}");
    assert!(last.contains(", MB/s "), "{last}");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.go"),
        "package p\n\nfunc F() {\n\tx := \n}\n\nfunc G() int { return 1 }\n",
    )
    .unwrap();
    let bad = Command::new(env!("CARGO_BIN_EXE_heapscope"))
        .args(["debug", "parse"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let s = text(&bad.stdout);
    assert!(s.contains("bad.go:5:1: syntax error: unexpected }"), "{s}");
    assert!(s.lines().last().unwrap().starts_with("files 1, errors 1,"), "{s}");
}

#[test]
fn debug_types_prints_declarations() {
    let Some(g) = goroot() else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_heapscope"))
        .args(["debug", "types", "--go-root", g.to_str().unwrap(), "."])
        .current_dir(examples())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let ex = examples();
    let line = |rest: &str| format!("{}/{rest}", ex.display());
    assert!(s.contains(&line("escapes.go:8:6\tPoint\ttype\theapscope.dev/examples.Point")), "{s}");
    assert!(
        s.contains(&line(
            "escapes.go:11:6\tNewPoint\tfunc\tfunc(x int, y int) *heapscope.dev/examples.Point"
        )),
        "{s}"
    );
    // Sorted by position within each file.
    let pos: Vec<(u32, u32)> = s
        .lines()
        .filter(|l| l.contains("/escapes.go:"))
        .map(|l| {
            let p: Vec<&str> = l.split('\t').next().unwrap().rsplitn(3, ':').collect();
            (p[1].parse().unwrap(), p[0].parse().unwrap())
        })
        .collect();
    assert!(pos.windows(2).all(|w| w[0] <= w[1]));
}
