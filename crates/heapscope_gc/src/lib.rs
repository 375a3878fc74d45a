//! The gc engine: drives the installed Go toolchain (`go list`, `go build -gcflags=-m[=2]`) on
//! the packages the user names, and turns the compiler's messages into heapscope's model.
//!
//! The pieces, in the order a run uses them:
//! - [`toolchain`]: find `go` (`--go-root` or `PATH`) and read its version;
//! - [`list`]: resolve patterns to packages with `go list -e -deps -json`;
//! - [`build`]: run `go build` and collect each package's output;
//! - [`parse`]: split that output into diagnostics, `-m=2` flows and compile errors;
//! - [`paths`]: map the paths `go` printed back to real files (it replays cached output with
//!   paths relative to the directory of the first run);
//! - [`functions`]: name the enclosing function of every message, as gc names functions.

pub mod build;
pub mod functions;
pub mod list;
pub mod parse;
pub mod paths;
pub mod toolchain;

use heapscope_model::{Engine, Report};
use std::path::{Path, PathBuf};

pub use toolchain::Toolchain;

/// Errors that stop a whole run (a broken package is not one: it is reported in its
/// [`heapscope_model::PackageReport`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot run {program}: {source}")]
    Spawn { program: String, source: std::io::Error },
    #[error("{program} failed: {detail}")]
    Tool { program: String, detail: String },
    #[error("cannot read the Go version from {program}: {detail}")]
    Version { program: String, detail: String },
    #[error("{0}")]
    Other(String),
}

/// What to analyse and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Package patterns, import paths, directories or `.go` files (default `./...`).
    pub patterns: Vec<String>,
    /// `-m` level: 1 or 2.
    pub m_level: u8,
    /// Extra compiler flags (`-l`, `-N`, `-d=...`), placed after `-m=N`.
    pub gcflags: Vec<String>,
    /// Directory to run `go` in (the user's working directory).
    pub dir: PathBuf,
    /// Also compile the packages' test files (`go test -c`): reports the test variants
    /// (`p [p.test]`) and external test packages (`p_test [p.test]`) instead of the packages.
    pub tests: bool,
}

/// Runs the gc engine: lists the packages, builds them with `-m`, parses the output.
pub fn analyze(tc: &Toolchain, opts: &Options) -> Result<Report, Error> {
    let patterns = if opts.patterns.is_empty() { vec!["./...".to_string()] } else { opts.patterns.clone() };
    let listed = list::list(tc, &opts.dir, &patterns)?;
    let mut flags = vec![format!("-m={}", opts.m_level)];
    flags.extend(opts.gcflags.iter().cloned());
    let built = build::build(tc, &opts.dir, &patterns, &flags, opts.tests)?;
    let mut report =
        Report::new(Engine::Gc, tc.version.clone(), opts.m_level, opts.dir.to_string_lossy().into_owned());
    report.gcflags = flags;
    report.packages = parse::assemble(&listed, &built, &tc.version, Path::new(&opts.dir));
    Ok(report)
}
