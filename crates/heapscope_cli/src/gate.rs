//! CI gates: `heapscope baseline write`, `check --baseline/--new-since` support, and
//! `heapscope assert`.

use crate::engine::EngineArgs;
use crate::util::fail;
use clap::{Args, Subcommand};
use heapscope_explain::{Finding, SourceCache, explain_report};
use heapscope_gate::assert::{self, Directive};
use heapscope_gate::baseline::Baseline;
use heapscope_model::Report;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum BaselineCmd {
    /// Record the current heap sites as accepted (written atomically).
    Write(BaselineWriteArgs),
}

#[derive(Args)]
pub struct BaselineWriteArgs {
    /// The baseline file to write.
    file: PathBuf,
    /// Packages (as for check).
    #[arg(default_value = "./...")]
    patterns: Vec<String>,
    /// Include the packages' _test.go files.
    #[arg(long)]
    tests: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn baseline(cmd: BaselineCmd, chdir: Option<&Path>) -> ExitCode {
    let BaselineCmd::Write(a) = cmd;
    let (dir, tc) = match crate::engine::prepare(chdir, &a.engine) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let report = match a.engine.run(&tc, &dir, &a.patterns, 2, a.tests) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if report.errors().next().is_some() {
        return crate::check::exit_for(&report, false);
    }
    let findings = not_allowed(explain_report(&report, &mut SourceCache::new()));
    let base = Baseline::from_findings(&findings);
    let path = dir.join(&a.file);
    if let Err(e) = base.write(&path, &report.go_version.to_string()) {
        return fail(format!("{}: {e}", a.file.display()));
    }
    println!("wrote {} heap sites to {}", base.entries.len(), a.file.display());
    ExitCode::SUCCESS
}

const ALLOW: &[u8] = b"//heapscope:allow";

/// Findings minus those accepted with `//heapscope:allow` in their files.
pub fn not_allowed(findings: Vec<Finding>) -> Vec<Finding> {
    let files: BTreeSet<PathBuf> = findings.iter().map(|f| PathBuf::from(&f.pos.file)).collect();
    // Only files that mention the directive are parsed for it.
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| std::fs::read(f).is_ok_and(|b| b.windows(ALLOW.len()).any(|w| w == ALLOW)))
        .collect();
    let (asserts, _) = assert::scan(&files);
    let allows: Vec<&assert::Assertion> =
        asserts.iter().filter(|a| matches!(a.directive, Directive::Allow { .. })).collect();
    if allows.is_empty() {
        return findings;
    }
    findings
        .into_iter()
        .filter(|f| {
            !allows.iter().any(|a| match &a.func {
                Some(func) => {
                    f.pos.file == a.file && (func.first_line..=func.last_line).contains(&f.pos.line)
                }
                None => f.pos.file == a.file && f.pos.line == a.line,
            })
        })
        .collect()
}

/// The baseline made from the code at git revision `rev`: the revision is exported to a
/// temporary directory and analysed with the same patterns.
pub fn baseline_at_revision(
    rev: &str,
    dir: &Path,
    engine: &EngineArgs,
    patterns: &[String],
    tests: bool,
) -> Result<Baseline, ExitCode> {
    let git = |args: &[&str], cwd: &Path| -> Result<std::process::Output, ExitCode> {
        std::process::Command::new("git")
            .args(args)
            .current_dir(cwd)
            .output()
            .map_err(|e| fail(format!("--new-since: cannot run git: {e}")))
    };
    let top = git(&["rev-parse", "--show-toplevel"], dir)?;
    if !top.status.success() {
        return Err(fail(format!("--new-since {rev}: {} is not in a git work tree", dir.display())));
    }
    let root = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let rel = dir.strip_prefix(&root).map(Path::to_path_buf).unwrap_or_default();
    let tmp = std::env::temp_dir().join(format!("heapscope-rev-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| fail(format!("--new-since: {e}")))?;
    let cleanup = Cleanup(tmp.clone());
    let archive = tmp.join("rev.tar");
    let out = git(&["archive", "--format=tar", "-o", &archive.to_string_lossy(), rev], &root)?;
    if !out.status.success() {
        return Err(fail(format!("--new-since {rev}: {}", String::from_utf8_lossy(&out.stderr).trim())));
    }
    let tree = tmp.join("tree");
    std::fs::create_dir_all(&tree).map_err(|e| fail(format!("--new-since: {e}")))?;
    let untar = std::process::Command::new("tar")
        .args(["-xf", &archive.to_string_lossy(), "-C", &tree.to_string_lossy()])
        .status()
        .map_err(|e| fail(format!("--new-since: cannot run tar: {e}")))?;
    if !untar.success() {
        return Err(fail(format!("--new-since {rev}: cannot unpack the revision")));
    }
    let tc = engine.toolchain()?;
    let old_dir = tree.join(rel);
    let report = engine.run(&tc, &old_dir, patterns, 2, tests)?;
    let findings = not_allowed(explain_report(&report, &mut SourceCache::new()));
    drop(cleanup);
    Ok(Baseline::from_findings(&findings))
}

struct Cleanup(PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Args)]
pub struct AssertArgs {
    /// Packages whose //gcassert: and //heapscope: directives are checked.
    #[arg(default_value = "./...")]
    patterns: Vec<String>,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn assert_cmd(a: AssertArgs, chdir: Option<&Path>) -> ExitCode {
    let (dir, tc) = match crate::engine::prepare(chdir, &a.engine) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let listed = match heapscope_gc::list::list(&tc, &dir, &a.patterns) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let files: Vec<PathBuf> = listed
        .iter()
        .flat_map(|p| p.go_files.iter().chain(&p.cgo_files).map(move |f| Path::new(&p.dir).join(f)))
        .collect();
    let (assertions, bad) = assert::scan(&files);
    let mut engine = a.engine.clone();
    if assert::needs_bce(&assertions) {
        engine.gcflags.push(assert::BCE_FLAG.to_string());
    }
    let report: Report = match engine.run(&tc, &dir, &a.patterns, 2, false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let findings = explain_report(&report, &mut SourceCache::new());
    let outcome = assert::check(&assertions, &report, &findings);
    let show = |p: &str| heapscope_report::paths::short_path(p, &dir);
    for b in &bad {
        println!("{}:{}: {}", show(&b.pos.file), b.pos.line, b.message);
    }
    for f in &outcome.failures {
        let src = assert::source_line(&f.assertion.file, f.pos.line.max(f.assertion.line));
        let col = if f.pos.col > 0 { format!(":{}", f.pos.col) } else { String::new() };
        println!(
            "{}:{}{col}: {src}: {} [{}]",
            show(&f.pos.file),
            f.pos.line,
            f.message,
            f.assertion.directive.name()
        );
        if let Some(fd) = f.finding {
            println!("    {}: {}", fd.shape.id(), fd.via.phrase());
            for h in fd.chain.iter().take(8) {
                println!("    {}:{}: {}", show(&h.pos.file), h.pos.line, h.text);
            }
            println!("    fix: {}", fd.shape.info().fix);
        }
    }
    let allowed = outcome.allowed.len();
    println!(
        "{} assertions checked, {} failed{}{}",
        outcome.checked,
        outcome.failures.len() + bad.len(),
        if allowed > 0 {
            format!(", {allowed} heap sites allowed by //heapscope:allow")
        } else {
            String::new()
        },
        if report.errors().next().is_some() { ", some packages could not be analysed" } else { "" }
    );
    if report.errors().next().is_some() {
        return crate::check::exit_for(&report, false);
    }
    if outcome.failures.is_empty() && bad.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
