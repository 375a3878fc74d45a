//! The `heapscope` command line: argument parsing, choosing the engine, writing the report.
//! Everything else lives in the library crates.
//!
//! Exit codes: 0 success; 1 reserved for gates (baselines, assertions); 2 usage error, tool
//! error, or a package that could not be analysed.

// The allocator ruff and oxc use: the checker makes many small
// allocations, and glibc's malloc showed as ~11% of its profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod check;
mod debug;
mod engine;
mod explain;
mod filter;
mod gate;
mod hot;
mod util;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "heapscope",
    version,
    about = "Shows which Go values the compiler puts on the heap, and why.",
    after_help = "With no subcommand, `check` is run: `heapscope ./...` is `heapscope check ./...`.\n\
                  Exit status: 0 success, 1 a gate failed (new heap sites against a baseline, a broken assertion), 2 usage or tool error, or a package that could not be analysed."
)]
struct Cli {
    /// Run as if heapscope (and go) were started in DIR, as `go -C DIR`.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    chdir: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report escape-analysis and inlining decisions for Go packages (the default command).
    Check(check::CheckArgs),
    /// Explain the heap sites at FILE:LINE[:COL]: shape, root-cause chain, fix, version notes.
    Explain(explain::ExplainArgs),
    /// Rank heap sites by a pprof profile (heap or CPU), with each site's finding and fix.
    Hot(hot::HotArgs),
    /// Baselines of accepted heap sites (for `check --baseline`).
    #[command(subcommand)]
    Baseline(gate::BaselineCmd),
    /// Check //gcassert: and //heapscope: directives in the source (exit 1 when one fails).
    Assert(gate::AssertArgs),
    /// Developer commands for the native engine's stages.
    #[command(subcommand)]
    Debug(debug::DebugCmd),
}

const SUBCOMMANDS: &[&str] = &["check", "explain", "hot", "baseline", "assert", "debug", "help"];

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    // `heapscope [check] [PATTERNS]`: insert the default subcommand.
    let first = args.get(1).map(String::as_str);
    let is_top_level = matches!(first, Some("-h" | "--help" | "-V" | "--version"));
    // `-C DIR` may come first: look past it for the subcommand.
    let first = if matches!(first, Some("-C")) { args.get(3).map(String::as_str) } else { first };
    if !is_top_level && !first.is_some_and(|a| SUBCOMMANDS.contains(&a)) {
        let at = if args.get(1).map(String::as_str) == Some("-C") { 3.min(args.len()) } else { 1 };
        args.insert(at, "check".to_string());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Check(a) => check::run(a, cli.chdir.as_deref()),
        Command::Explain(a) => explain::run(a, cli.chdir.as_deref()),
        Command::Hot(a) => hot::run(a, cli.chdir.as_deref()),
        Command::Baseline(c) => gate::baseline(c, cli.chdir.as_deref()),
        Command::Assert(a) => gate::assert_cmd(a, cli.chdir.as_deref()),
        Command::Debug(c) => debug::run(c, cli.chdir.as_deref()),
    }
}
