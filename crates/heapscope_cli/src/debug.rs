//! `heapscope debug ...`: developer commands that expose one stage of the native engine.

use crate::util::{fail, working_dir};
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DebugCmd {
    /// Parse every .go file under PATHS (skipping testdata), print syntax errors as gc does,
    /// and a summary line `files N, errors E, bytes B, MB/s X` (parse time only, one core).
    Parse(ParseArgs),
}

#[derive(Args)]
pub struct ParseArgs {
    /// Files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(cmd: DebugCmd, chdir: Option<&Path>) -> ExitCode {
    let DebugCmd::Parse(a) = cmd;
    let dir = match working_dir(chdir) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    for p in &a.paths {
        if !dir.join(p).exists() {
            return fail(format!("{}: no such file or directory", p.display()));
        }
    }
    let paths: Vec<PathBuf> = a.paths.iter().map(|p| dir.join(p)).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = match go_syntax::debug_parse(&paths, &mut out) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Err(e) = out.flush() {
        return fail(e);
    }
    if summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
