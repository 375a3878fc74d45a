//! `heapscope check`: run an engine on packages, classify the heap sites, print the report.

use crate::engine::EngineArgs;
use crate::filter::FilterArgs;
use crate::util::fail;
use clap::{Args, ValueEnum};
use heapscope_explain::{SourceCache, explain_report};
use heapscope_model::Report;
use heapscope_report::human::HumanOptions;
use std::io::Write;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Source snippets grouped per function: shape, why, fix; with a summary.
    Human,
    /// Exactly what `go build -gcflags=-m[=N]` prints (never filtered).
    Gc,
    /// The versioned JSON document (docs/json-schema.md): every message, plus the findings.
    Json,
    /// SARIF 2.1.0 for code scanning (one rule per shape).
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Packages: patterns (`./...`), import paths, directories, or `.go` files.
    #[arg(default_value = "./...")]
    patterns: Vec<String>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Detail level, as the compiler's -m: 1 decisions, 2 decisions with their flows.
    /// Default: 1 for --format gc, else 2 (the flows are what explanations are made of).
    #[arg(short = 'm', value_parser = clap::value_parser!(u8).range(1..=2))]
    m: Option<u8>,
    /// Human format: show every message, not only heap sites (gc and json always hold every message).
    #[arg(long)]
    all: bool,
    /// Include the packages' _test.go files (compiles with `go test -c`; reports the test
    /// variants `p [p.test]` and external test packages).
    #[arg(long)]
    tests: bool,
    /// gc format: leave out the `# import/path` header lines.
    #[arg(long)]
    no_headers: bool,
    /// When to colour human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Fail (exit 1) only on heap sites not in this baseline file (`heapscope baseline write`);
    /// show only those, and list the baseline's sites that are gone.
    #[arg(long, value_name = "FILE", conflicts_with = "new_since")]
    baseline: Option<std::path::PathBuf>,
    /// Like --baseline, against the heap sites of git revision REV (analysed from a clean export).
    #[arg(long, value_name = "REV")]
    new_since: Option<String>,
}

pub fn run(a: CheckArgs, chdir: Option<&std::path::Path>) -> ExitCode {
    let (dir, tc) = match crate::engine::prepare(chdir, &a.engine) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let filter = match a.filter.compile() {
        Ok(f) => f,
        Err(code) => return code,
    };
    let m = a.m.unwrap_or(if a.format == FormatArg::Gc { 1 } else { 2 });
    let report = match a.engine.run(&tc, &dir, &a.patterns, m, a.tests) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut findings: Vec<_> = if a.format == FormatArg::Gc {
        Vec::new()
    } else {
        let all = explain_report(&report, &mut SourceCache::new());
        filter.findings(crate::gate::not_allowed(all))
    };
    // Gate against a baseline: show only the new sites; say which accepted ones are gone.
    let base = match (&a.baseline, &a.new_since) {
        (Some(file), _) => match heapscope_gate::baseline::Baseline::read(&dir.join(file)) {
            Ok(b) => Some(b),
            Err(e) => return fail(e),
        },
        (None, Some(rev)) => {
            match crate::gate::baseline_at_revision(rev, &dir, &a.engine, &a.patterns, a.tests) {
                Ok(b) => Some(b),
                Err(code) => return code,
            }
        }
        (None, None) => None,
    };
    let mut new_sites = 0;
    if let Some(base) = &base {
        let cmp = base.compare(&findings);
        new_sites = cmp.new.len();
        for e in &cmp.fixed {
            eprintln!("fixed since the baseline: {} {} {} {}", e.package, e.function, e.shape, e.subject);
        }
        eprintln!(
            "heapscope: {} new heap site{} (not in the baseline), {} fixed",
            new_sites,
            if new_sites == 1 { "" } else { "s" },
            cmp.fixed.len()
        );
        let keep: std::collections::HashSet<String> = cmp.new.iter().map(|f| f.fingerprint.clone()).collect();
        findings.retain(|f| keep.contains(&f.fingerprint));
    }
    let written = match a.format {
        FormatArg::Human => {
            let choice = match a.color {
                ColorArg::Auto => anstream::ColorChoice::Auto,
                ColorArg::Always => anstream::ColorChoice::Always,
                ColorArg::Never => anstream::ColorChoice::Never,
            };
            let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
            let opts = HumanOptions { all: a.all, color: a.color != ColorArg::Never };
            let keep = |d: &heapscope_model::Diagnostic| filter.diagnostic(d);
            heapscope_report::human::render_human(&report, &findings, opts, &keep, &mut out)
                .and_then(|()| out.flush())
        }
        FormatArg::Gc => write_buffered(|out| heapscope_report::gc::render_gc(&report, !a.no_headers, out)),
        FormatArg::Json => write_buffered(|out| heapscope_report::json::render_json(&report, &findings, out)),
        FormatArg::Sarif => {
            write_buffered(|out| heapscope_report::sarif::render_sarif(&report, &findings, out))
        }
        FormatArg::Github => {
            write_buffered(|out| heapscope_report::github::render_github(&report, &findings, out))
        }
    };
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        return fail(format!("cannot write the report: {e}"));
    }
    let code = exit_for(&report, a.format == FormatArg::Human);
    if code == ExitCode::SUCCESS && new_sites > 0 { ExitCode::from(1) } else { code }
}

fn write_buffered(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    f(&mut out)?;
    out.flush()
}

/// Exit status 2 when a package could not be analysed. Human output already shows the
/// compiler's messages; for the other formats they also go to stderr.
pub fn exit_for(report: &Report, shown: bool) -> ExitCode {
    if report.errors().next().is_none() {
        return ExitCode::SUCCESS;
    }
    if !shown {
        for p in report.errors() {
            let name = if p.import_path.is_empty() { "(go)" } else { &p.import_path };
            eprintln!("heapscope: package {name} could not be analysed:");
            for m in p.error.iter().flat_map(|e| &e.messages) {
                eprintln!("{m}");
            }
        }
    }
    ExitCode::from(2)
}
