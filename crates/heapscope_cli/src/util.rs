//! Small helpers shared by the subcommands: error exit, the working directory as Go sees it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints `heapscope: error: MSG` and returns exit status 2.
pub fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("heapscope: error: {msg}");
    ExitCode::from(2)
}

/// The directory to work in: `-C DIR` (relative to the working directory) or the working
/// directory itself. A `-C` that is not a directory is an error.
pub fn working_dir(chdir: Option<&Path>) -> std::io::Result<PathBuf> {
    let cwd = go_working_dir()?;
    let Some(c) = chdir else { return Ok(cwd) };
    let mut dir = PathBuf::new();
    for comp in cwd.join(c).components() {
        match comp {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                dir.pop();
            }
            other => dir.push(other.as_os_str()),
        }
    }
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("-C {}: not a directory", c.display()),
        ));
    }
    Ok(dir)
}

/// The working directory as Go's `os.Getwd` sees it: `$PWD` when it names the current
/// directory (so symlinked paths print as the user typed them), else the physical path.
fn go_working_dir() -> std::io::Result<PathBuf> {
    let physical = std::env::current_dir()?;
    if let Some(pwd) = std::env::var_os("PWD").map(PathBuf::from)
        && pwd.is_absolute()
        && same_dir(&pwd, &physical)
    {
        return Ok(pwd);
    }
    Ok(physical)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
