//! Options shared by the commands that run an engine (`--engine`, `--go-root`, `--gcflags`),
//! and running it.

use crate::util::fail;
use clap::{Args, ValueEnum};
use heapscope_gc::Toolchain;
use heapscope_model::Report;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// Run the installed Go compiler (`go build -gcflags=-m`).
    Gc,
    /// heapscope's own analysis (not built yet).
    Native,
}

#[derive(Args, Clone)]
pub struct EngineArgs {
    /// Which engine produces the diagnostics.
    #[arg(long, value_enum, default_value = "gc")]
    pub engine: EngineArg,
    /// Extra compiler flags, as for `go build -gcflags` (`-l`, `-N`, `-d=...`); may repeat.
    #[arg(long, allow_hyphen_values = true)]
    pub gcflags: Vec<String>,
    /// Use the Go toolchain in DIR (its bin/go, with GOTOOLCHAIN=local) instead of the `go` on PATH.
    #[arg(long, value_name = "DIR")]
    pub go_root: Option<PathBuf>,
}

/// The directory to work in (`-C`) and the toolchain: what every engine command starts with.
pub fn prepare(
    chdir: Option<&Path>,
    engine: &EngineArgs,
) -> Result<(std::path::PathBuf, Toolchain), ExitCode> {
    let dir = crate::util::working_dir(chdir).map_err(fail)?;
    let tc = engine.toolchain()?;
    Ok((dir, tc))
}

impl EngineArgs {
    pub fn toolchain(&self) -> Result<Toolchain, ExitCode> {
        if self.engine == EngineArg::Native {
            return Err(fail("the native engine is not built yet; use --engine gc (the default)"));
        }
        Toolchain::locate(self.go_root.as_deref()).map_err(fail)
    }

    /// Runs the engine on `patterns` from `dir` at `-m=m_level`.
    /// With `tests`, the packages' test variants are analysed (their _test.go files included).
    pub fn run(
        &self,
        tc: &Toolchain,
        dir: &Path,
        patterns: &[String],
        m_level: u8,
        tests: bool,
    ) -> Result<Report, ExitCode> {
        let opts = heapscope_gc::Options {
            tests,
            patterns: patterns.to_vec(),
            m_level,
            gcflags: self.gcflags.iter().flat_map(|f| f.split_whitespace().map(str::to_string)).collect(),
            dir: dir.to_path_buf(),
        };
        heapscope_gc::analyze(tc, &opts).map_err(fail)
    }
}
