//! `heapscope check`: run an engine on packages and print the report.

use crate::util::{fail, working_dir};
use clap::{Args, ValueEnum};
use heapscope_gc::Toolchain;
use heapscope_model::Report;
use heapscope_report::human::HumanOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EngineArg {
    /// Run the installed Go compiler (`go build -gcflags=-m`).
    Gc,
    /// heapscope's own analysis (not built yet).
    Native,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Source snippets grouped per function, with a summary.
    Human,
    /// Exactly what `go build -gcflags=-m[=N]` prints.
    Gc,
    /// The versioned JSON document (docs/json-schema.md), every message included.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Packages: patterns (`./...`), import paths, directories, or `.go` files.
    #[arg(default_value = "./...")]
    patterns: Vec<String>,
    /// Which engine produces the diagnostics.
    #[arg(long, value_enum, default_value = "gc")]
    engine: EngineArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Detail level, as the compiler's -m: 1 decisions, 2 decisions with their flows.
    #[arg(short = 'm', default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    m: u8,
    /// Extra compiler flags, as for `go build -gcflags` (`-l`, `-N`, `-d=...`); may repeat.
    #[arg(long, allow_hyphen_values = true)]
    gcflags: Vec<String>,
    /// Human format: show every message, not only heap sites (gc and json always hold every message).
    #[arg(long)]
    all: bool,
    /// Use the Go toolchain in DIR (its bin/go, with GOTOOLCHAIN=local) instead of the `go` on PATH.
    #[arg(long, value_name = "DIR")]
    go_root: Option<PathBuf>,
    /// gc format: leave out the `# import/path` header lines.
    #[arg(long)]
    no_headers: bool,
    /// When to colour human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
}

pub fn run(a: CheckArgs, chdir: Option<&std::path::Path>) -> ExitCode {
    if a.engine == EngineArg::Native {
        return fail("the native engine is not built yet; use --engine gc (the default)");
    }
    let dir = match working_dir(chdir) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let tc = match Toolchain::locate(a.go_root.as_deref()) {
        Ok(tc) => tc,
        Err(e) => return fail(e),
    };
    let opts = heapscope_gc::Options {
        patterns: a.patterns.clone(),
        m_level: a.m,
        gcflags: a.gcflags.iter().flat_map(|f| f.split_whitespace().map(str::to_string)).collect(),
        dir,
    };
    let report = match heapscope_gc::analyze(&tc, &opts) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Err(e) = write_report(&report, &a) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        return fail(format!("cannot write the report: {e}"));
    }
    let failed: Vec<&str> = report.errors().map(|p| p.import_path.as_str()).collect();
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    if a.format != FormatArg::Human {
        // Human output already shows the compiler's messages; say it on stderr for the others.
        for p in report.errors() {
            eprintln!(
                "heapscope: package {} could not be analysed:",
                if p.import_path.is_empty() { "(go)" } else { &p.import_path }
            );
            if let Some(err) = &p.error {
                for m in &err.messages {
                    eprintln!("{m}");
                }
            }
        }
    }
    ExitCode::from(2)
}

fn write_report(report: &Report, a: &CheckArgs) -> std::io::Result<()> {
    match a.format {
        FormatArg::Human => {
            let choice = match a.color {
                ColorArg::Auto => anstream::ColorChoice::Auto,
                ColorArg::Always => anstream::ColorChoice::Always,
                ColorArg::Never => anstream::ColorChoice::Never,
            };
            let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
            let color = a.color != ColorArg::Never;
            heapscope_report::human::render_human(report, HumanOptions { all: a.all, color }, &mut out)?;
            out.flush()
        }
        FormatArg::Gc => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            heapscope_report::gc::render_gc(report, !a.no_headers, &mut out)?;
            out.flush()
        }
        FormatArg::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            heapscope_report::json::render_json(report, &mut out)?;
            out.flush()
        }
    }
}
