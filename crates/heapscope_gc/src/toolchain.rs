//! Locating the Go toolchain and reading its version and GOROOT.

use crate::Error;
use heapscope_model::GoVersion;
use std::path::{Path, PathBuf};
use std::process::Command;

/// An installed Go toolchain.
#[derive(Debug, Clone)]
pub struct Toolchain {
    /// The `go` program to run.
    pub go: PathBuf,
    /// Its GOROOT.
    pub goroot: PathBuf,
    /// Its release, read from `go env GOVERSION`.
    pub version: GoVersion,
    /// Set when the toolchain was chosen with `--go-root`: runs pin `GOROOT` and
    /// `GOTOOLCHAIN=local` so that exactly this toolchain compiles.
    pub pinned: bool,
}

impl Toolchain {
    /// The toolchain in `goroot` (its `bin/go`), or the `go` on `PATH` when `goroot` is `None`.
    pub fn locate(goroot: Option<&Path>) -> Result<Self, Error> {
        let (go, pinned) = match goroot {
            Some(root) => {
                let go = root.join("bin").join(if cfg!(windows) { "go.exe" } else { "go" });
                if !go.is_file() {
                    return Err(Error::Other(format!(
                        "--go-root {}: no Go toolchain there ({} does not exist)",
                        root.display(),
                        go.display()
                    )));
                }
                (go, true)
            }
            None => (PathBuf::from("go"), false),
        };
        let mut tc = Toolchain {
            go,
            goroot: goroot.map(Path::to_path_buf).unwrap_or_default(),
            version: GoVersion::new(0, 0, 0),
            pinned,
        };
        let out = tc.output(None, &["env", "GOVERSION", "GOROOT"])?;
        let mut lines = out.lines();
        let version_line = lines.next().unwrap_or_default();
        tc.version = GoVersion::from_go_version_output(version_line)
            .map_err(|e| Error::Version { program: tc.go.display().to_string(), detail: e.to_string() })?;
        if let Some(root) = lines.next().filter(|l| !l.is_empty()) {
            tc.goroot = PathBuf::from(root);
        }
        Ok(tc)
    }

    /// A `go` command with this toolchain's environment.
    pub fn command(&self, dir: Option<&Path>) -> Command {
        let mut cmd = Command::new(&self.go);
        if self.pinned {
            cmd.env("GOROOT", &self.goroot).env("GOTOOLCHAIN", "local");
        }
        if let Some(dir) = dir {
            cmd.current_dir(dir);
        }
        cmd
    }

    /// Runs `go ARGS` and returns its standard output; a failure carries standard error.
    pub fn output(&self, dir: Option<&Path>, args: &[&str]) -> Result<String, Error> {
        let program = format!("go {}", args.join(" "));
        let out = self
            .command(dir)
            .args(args)
            .output()
            .map_err(|source| Error::Spawn { program: self.go.display().to_string(), source })?;
        if !out.status.success() {
            return Err(Error::Tool {
                program,
                detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}
