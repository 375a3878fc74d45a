//! `heapscope explain FILE:LINE[:COL]`: analyse the file's package at `-m=2`, follow leaking
//! callees into the packages they come from, and explain the heap sites at that position.

use crate::engine::EngineArgs;
use crate::util::{fail, working_dir};
use clap::Args;
use heapscope_explain::{Finding, SourceCache, Via, explain_package};
use heapscope_model::{Diagnostic, Pos, Report};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExplainArgs {
    /// The site: FILE:LINE or FILE:LINE:COL (a byte column, as the compiler counts).
    site: String,
    #[command(flatten)]
    engine: EngineArgs,
    /// Print JSON (the findings and messages at the site) instead of text.
    #[arg(long)]
    json: bool,
    /// Colour the snippet.
    #[arg(long)]
    color: bool,
}

/// `FILE:LINE[:COL]` split from the right, so file names may hold colons.
fn parse_site(s: &str) -> Option<(String, u32, Option<u32>)> {
    let (head, last) = s.rsplit_once(':')?;
    let last: u32 = last.parse().ok()?;
    match head.rsplit_once(':').map(|(f, l)| (f, l.parse::<u32>())) {
        Some((file, Ok(line))) if !file.is_empty() => Some((file.to_string(), line, Some(last))),
        _ if !head.is_empty() => Some((head.to_string(), last, None)),
        _ => None,
    }
}

pub fn run(a: ExplainArgs, chdir: Option<&Path>) -> ExitCode {
    let Some((file, line, col)) = parse_site(&a.site) else {
        return fail(format!("{}: expected FILE:LINE or FILE:LINE:COL", a.site));
    };
    let cwd = match working_dir(chdir) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let path = heapscope_gc::paths::normalize(&cwd.join(&file));
    if !path.is_file() {
        return fail(format!("{file}: no such file"));
    }
    let Some(pkg_dir) = path.parent().map(Path::to_path_buf) else {
        return fail(format!("{file}: no package directory"));
    };
    // A _test.go file is only compiled with the package's tests.
    let is_test_file = file.ends_with("_test.go");
    let tc = match a.engine.toolchain() {
        Ok(tc) => tc,
        Err(code) => return code,
    };
    let mut report = match a.engine.run(&tc, &pkg_dir, &[".".to_string()], 2, is_test_file) {
        Ok(r) => r,
        Err(code) => return code,
    };
    report.cwd = cwd.to_string_lossy().into_owned();
    let file_s = path.to_string_lossy().into_owned();
    let at_site = |p: &Pos| p.file == file_s && p.line == line && col.is_none_or(|c| p.col == c);

    let mut sources = SourceCache::new();
    let mut findings = site_findings(&report, &mut sources, &at_site);
    // Follow callees that live in other packages: analyse those packages too.
    let extra = callee_packages(&findings, &report, &tc, &pkg_dir);
    if !extra.is_empty()
        && let Ok(more) = a.engine.run(&tc, &pkg_dir, &extra, 2, false)
    {
        report.packages.extend(more.packages.into_iter().filter(|p| p.error.is_none()));
        findings = site_findings(&report, &mut sources, &at_site);
    }
    let messages: Vec<&Diagnostic> =
        report.packages.iter().flat_map(|p| &p.diagnostics).filter(|d| at_site(&d.pos)).collect();
    let result = if a.json {
        let doc = serde_json::json!({
            "site": {"file": file_s, "line": line, "col": col},
            "go_version": report.go_version.to_string(),
            "findings": findings,
            "messages": messages,
        });
        serde_json::to_string_pretty(&doc).map(|s| println!("{s}")).map_err(std::io::Error::other)
    } else {
        let mut out = std::io::stdout().lock();
        if findings.is_empty() {
            let what = if messages.is_empty() {
                "the compiler reports nothing here"
            } else {
                "no heap allocation here"
            };
            println!("{}:{line}{}: {what}", file, col.map(|c| format!(":{c}")).unwrap_or_default());
        }
        heapscope_report::explain::render_explain(&report, &findings, &messages, a.color, &mut out)
    };
    if let Err(e) = result {
        return fail(format!("cannot write: {e}"));
    }
    crate::check::exit_for(&report, !a.json)
}

fn site_findings(report: &Report, sources: &mut SourceCache, at_site: &dyn Fn(&Pos) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in &report.packages {
        if p.diagnostics.iter().any(|d| at_site(&d.pos)) {
            out.extend(explain_package(p, report, sources).into_iter().filter(|f| at_site(&f.pos)));
        }
    }
    out
}

/// Import paths of the packages named by package-qualified callees (`fmt.Fprintln`) in the
/// findings' chains and routes that the report does not hold yet.
fn callee_packages(
    findings: &[Finding],
    report: &Report,
    tc: &heapscope_gc::Toolchain,
    dir: &Path,
) -> Vec<String> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for f in findings {
        if let Via::Argument { callee } | Via::Variadic { callee } = &f.via {
            names.insert(callee.clone());
        }
        for h in &f.chain {
            if let Some(expr) =
                h.text.strip_prefix("passed as an argument: `").and_then(|t| t.strip_suffix('`'))
                && let Some(c) = heapscope_explain::callee_of(expr)
            {
                names.insert(c.to_string());
            }
        }
    }
    let quals: BTreeSet<&str> = names
        .iter()
        .filter_map(|c| c.split_once('.').map(|(q, _)| q))
        .filter(|q| q.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .collect();
    if quals.is_empty() {
        return Vec::new();
    }
    // Package names of the imports, as `go list` reports them.
    let Ok(out) = tc.output(Some(dir), &["list", "-deps", "-f", "{{.ImportPath}} {{.Name}}", "."]) else {
        return Vec::new();
    };
    let have: BTreeSet<&str> = report.packages.iter().map(|p| p.import_path.as_str()).collect();
    let mut paths = Vec::new();
    for l in out.lines() {
        if let Some((path, name)) = l.split_once(' ')
            && quals.contains(name)
            && !have.contains(path)
            && !path.contains("internal/")
        {
            paths.push(path.to_string());
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites() {
        assert_eq!(parse_site("a.go:12"), Some(("a.go".into(), 12, None)));
        assert_eq!(parse_site("a.go:12:3"), Some(("a.go".into(), 12, Some(3))));
        assert_eq!(parse_site("C:/x/a.go:12:3"), Some(("C:/x/a.go".into(), 12, Some(3))));
        assert_eq!(parse_site("a.go"), None);
        assert_eq!(parse_site(":12"), None);
    }
}
