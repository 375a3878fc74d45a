//! Replays real compiler output recorded by `scripts/record-gc-output.sh` (go1.26 and go1.27.3,
//! the bundled examples, std packages and a package with a type error) through the parser and
//! checks that (1) the gc renderer rebuilds the output byte for byte, (2) every message of the
//! recorded std packages is understood, (3) every `-m=2` explanation is claimed by a verdict,
//! and (4) a per-recording summary matches its snapshot.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use heapscope_gc::build::{BuildOutput, parse_json_events, parse_text_output};
use heapscope_gc::list::ListedPackage;
use heapscope_gc::parse::assemble;
use heapscope_model::{GoVersion, Kind};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Recording {
    version: GoVersion,
    name: String,
    m: u8,
    list: ListedPackage,
    cwd: PathBuf,
    /// `go build -json` events (Go 1.24+), or plain standard error before that.
    events: String,
    json: bool,
    go_succeeded: bool,
}

impl Recording {
    fn built(&self) -> BuildOutput {
        if self.json {
            parse_json_events(&self.events).unwrap()
        } else {
            parse_text_output(&self.events, self.go_succeeded)
        }
    }
}

fn recordings() -> Vec<Recording> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recorded");
    let mut out = Vec::new();
    let mut versions: Vec<_> = std::fs::read_dir(&base).unwrap().map(|e| e.unwrap().path()).collect();
    versions.sort();
    for vdir in versions {
        let version: GoVersion = vdir.file_name().unwrap().to_str().unwrap().parse().unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&vdir)
            .unwrap()
            .filter_map(|e| {
                e.unwrap().file_name().to_str().unwrap().strip_suffix(".meta").map(str::to_string)
            })
            .collect();
        names.sort();
        for name in names {
            let meta = std::fs::read_to_string(vdir.join(format!("{name}.meta"))).unwrap();
            let field = |k: &str| meta.lines().find_map(|l| l.strip_prefix(k)).map(str::to_string);
            let cwd_rel = field("cwd_rel=").unwrap();
            let mut list: ListedPackage = serde_json::from_str(
                &std::fs::read_to_string(vdir.join(format!("{name}.list.json"))).unwrap(),
            )
            .unwrap();
            // The package lives at /REC/<cwd_rel>; go ran in /REC. Neither exists, which is what
            // `go`'s own path shortening assumes for files it cannot stat.
            let cwd = PathBuf::from("/REC");
            list.dir = heapscope_gc::paths::normalize(&cwd.join(&cwd_rel)).to_string_lossy().into_owned();
            for m in [1u8, 2] {
                let jsonl = vdir.join(format!("{name}.m{m}.jsonl"));
                let json = jsonl.exists();
                let path = if json { jsonl } else { vdir.join(format!("{name}.m{m}.txt")) };
                let events = std::fs::read_to_string(path).unwrap();
                let go_succeeded = field(&format!("exit_m{m}=")).is_none_or(|c| c == "0");
                out.push(Recording {
                    version: version.clone(),
                    name: name.clone(),
                    m,
                    list: list.clone(),
                    cwd: cwd.clone(),
                    events,
                    json,
                    go_succeeded,
                });
            }
        }
    }
    out
}

fn report_of(r: &Recording) -> heapscope_model::Report {
    let built = r.built();
    let mut report = heapscope_model::Report::new(
        heapscope_model::Engine::Gc,
        r.version.clone(),
        r.m,
        r.cwd.to_string_lossy().into_owned(),
    );
    report.packages = assemble(std::slice::from_ref(&r.list), &built, &r.version, &r.cwd);
    report
}

#[test]
fn recordings_exist_for_both_toolchains() {
    let recs = recordings();
    let versions: std::collections::BTreeSet<_> =
        recs.iter().map(|r| (r.version.major, r.version.minor)).collect();
    // Both -m=2 spellings (`flow: a = b` before 1.25, `flow: a ← b` after) and both ways of
    // reading go (plain text before 1.24, -json after).
    for v in [(1, 21), (1, 24), (1, 26), (1, 27)] {
        assert!(versions.contains(&v), "no recording for go{}.{}: {versions:?}", v.0, v.1);
    }
    assert!(recs.iter().any(|r| !r.json) && recs.iter().any(|r| r.json));
    assert!(recs.iter().any(|r| r.events.contains("   flow: ") && r.events.contains(" = ")));
    assert!(recs.len() >= 48, "only {} recordings", recs.len());
}

#[test]
fn gc_renderer_rebuilds_compiler_output_byte_for_byte() {
    for r in recordings() {
        let built = r.built();
        let expected: String = built.packages.iter().map(|p| p.output.as_str()).collect();
        let report = report_of(&r);
        let mut got = Vec::new();
        heapscope_report::gc::render_gc(&report, true, &mut got).unwrap();
        let got = String::from_utf8(got).unwrap();
        if got != expected {
            let first = got.lines().zip(expected.lines()).position(|(a, b)| a != b);
            panic!(
                "{} {} -m={}: rebuilt output differs at line {:?}\n got: {:?}\nwant: {:?}",
                r.version,
                r.name,
                r.m,
                first.map(|i| i + 1),
                first.and_then(|i| got.lines().nth(i)),
                first.and_then(|i| expected.lines().nth(i)),
            );
        }
    }
}

#[test]
fn every_message_is_understood_and_every_explanation_claimed() {
    for r in recordings() {
        let report = report_of(&r);
        let pkg = &report.packages[0];
        if r.name == "broken" {
            let err = pkg.error.as_ref().expect("the broken package must be reported as an error");
            assert!(err.positions.iter().any(|e| e.message.contains("cannot use \"s\"")), "{err:?}");
            continue;
        }
        assert!(pkg.error.is_none(), "{} {}: {:?}", r.version, r.name, pkg.error);
        assert!(!pkg.diagnostics.is_empty(), "{} {} -m={}: no diagnostics", r.version, r.name, r.m);
        let other: Vec<_> =
            pkg.diagnostics.iter().filter(|d| d.kind == Kind::Other).map(|d| &d.message).collect();
        assert!(other.is_empty(), "{} {} -m={}: unknown messages {other:?}", r.version, r.name, r.m);
        let mut claimed = vec![0u32; pkg.diagnostics.len()];
        for d in &pkg.diagnostics {
            for &e in &d.explanations {
                claimed[e as usize] += 1;
            }
        }
        for d in &pkg.diagnostics {
            if matches!(d.kind, Kind::EscapeExplanation | Kind::LeakExplanation { .. }) {
                // Some explanations have no verdict: gc prints the flows of generic shape
                // instantiations but suppresses their `leaking param` lines (Dupok).
                assert!(
                    claimed[d.id as usize] <= 1,
                    "{} {}: explanation claimed twice: {} {}",
                    r.version,
                    r.name,
                    d.pos,
                    d.message
                );
                assert!(!d.flows.is_empty(), "{}: explanation without flows", d.message);
            }
        }
    }
}

#[test]
fn recording_summaries() {
    let mut s = String::new();
    for r in recordings() {
        let report = report_of(&r);
        let pkg = &report.packages[0];
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &pkg.diagnostics {
            *kinds.entry(d.kind.name()).or_default() += 1;
        }
        let flows: usize = pkg.diagnostics.iter().map(|d| d.flows.len()).sum();
        let with_fn = pkg.diagnostics.iter().filter(|d| d.function.is_some()).count();
        let claimed: std::collections::HashSet<u32> =
            pkg.diagnostics.iter().flat_map(|d| d.explanations.iter().copied()).collect();
        let unclaimed = pkg
            .diagnostics
            .iter()
            .filter(|d| {
                matches!(d.kind, Kind::EscapeExplanation | Kind::LeakExplanation { .. })
                    && !claimed.contains(&d.id)
            })
            .count();
        let _ = writeln!(
            s,
            "{} {} -m={}: {} diagnostics, {} flows, {} with function, {} unclaimed explanations, error={}",
            r.version,
            r.name,
            r.m,
            pkg.diagnostics.len(),
            flows,
            with_fn,
            unclaimed,
            pkg.error.is_some()
        );
        for (k, n) in kinds {
            let _ = writeln!(s, "    {k}: {n}");
        }
    }
    insta::assert_snapshot!(s);
}
