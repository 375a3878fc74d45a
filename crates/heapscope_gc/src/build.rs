//! Running `go build -gcflags=-m[=N]` and collecting each package's compiler output.
//!
//! Go 1.24+ has `go build -json`, which tags every piece of output with its package and says
//! which builds failed. Older toolchains print plain text: packages are split at their
//! `# import/path` headers, and a failed run marks the packages whose output has messages that
//! are not inliner or escape-analysis messages.

use crate::{Error, Toolchain};
use heapscope_model::{Kind, parse_message, parse_position_prefix};
use serde::Deserialize;
use std::io::{BufRead, Read};
use std::path::Path;
use std::process::Stdio;

/// One package's output from `go build`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuiltPackage {
    /// The import path `go` reports (for a pattern that matched nothing, the pattern).
    pub import_path: String,
    /// The output text, header lines included, exactly as `go build` prints it.
    pub output: String,
    /// The package failed to build.
    pub failed: bool,
}

/// Output of one `go build` run.
#[derive(Debug, Clone, Default)]
pub struct BuildOutput {
    pub packages: Vec<BuiltPackage>,
    /// Lines `go` printed outside any package (`go: ...` errors).
    pub tool_messages: Vec<String>,
    pub success: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BuildEvent {
    #[serde(default)]
    import_path: String,
    action: String,
    #[serde(default)]
    output: String,
}

/// Runs `go build -o /dev/null -gcflags=FLAGS PATTERNS` in `dir` (with `tests`,
/// `go test -c -o TMPDIR/ ...`, whose binaries are thrown away). `-gcflags` without a package
/// pattern applies to exactly the packages named on the command line.
pub fn build(
    tc: &Toolchain,
    dir: &Path,
    patterns: &[String],
    flags: &[String],
    tests: bool,
) -> Result<BuildOutput, Error> {
    let json = tc.version.at_least(24);
    let gcflags = format!("-gcflags={}", flags.join(" "));
    let out_dir = if tests { Some(TempDir::new()?) } else { None };
    let output = match &out_dir {
        Some(d) => format!("{}{}", d.0.display(), std::path::MAIN_SEPARATOR),
        None => (if cfg!(windows) { "NUL" } else { "/dev/null" }).to_string(),
    };
    let mut cmd = tc.command(Some(dir));
    cmd.arg(if tests { "test" } else { "build" });
    if json {
        cmd.arg("-json");
    }
    if tests {
        cmd.arg("-c");
    }
    cmd.args(["-o", &output, &gcflags, "--"]).args(patterns);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let spawn_err = |source| Error::Spawn { program: tc.go.display().to_string(), source };
    let mut child = cmd.spawn().map_err(spawn_err)?;
    // Standard error on a thread; standard output (the -json events, possibly hundreds of
    // megabytes for a whole tree) is read and grouped event by event, never held whole.
    let mut stderr_pipe = child.stderr.take();
    let stderr_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(e) = stderr_pipe.as_mut() {
            let _ = e.read_to_end(&mut buf);
        }
        String::from_utf8_lossy(&buf).into_owned()
    });
    let mut result = BuildOutput::default();
    let mut text_stdout = String::new();
    if let Some(out) = child.stdout.take() {
        let mut reader = std::io::BufReader::new(out);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let l = String::from_utf8_lossy(&line);
                    if json {
                        add_json_event(&mut result, l.trim_end_matches(['\n', '\r']));
                    } else {
                        text_stdout.push_str(&l);
                    }
                }
            }
        }
    }
    let status = child.wait().map_err(spawn_err)?;
    let stderr = stderr_reader.join().unwrap_or_default();
    drop(out_dir);
    if json {
        result.tool_messages.extend(stderr.lines().filter(|l| !l.is_empty()).map(str::to_string));
    } else {
        result = split_text_output(&stderr);
        result.tool_messages.extend(text_stdout.lines().filter(|l| !l.is_empty()).map(str::to_string));
    }
    if tests {
        // The generated test main (`p.test`, `_testmain.go`) is not the user's code.
        result.packages.retain(|p| !p.import_path.ends_with(".test") || p.import_path.contains(' '));
    }
    result.success = status.success();
    if !json && !result.success {
        mark_text_failures(&mut result.packages);
    }
    Ok(result)
}

/// A private temporary directory, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Result<Self, Error> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        for _ in 0..100 {
            let n = N.fetch_add(1, Ordering::Relaxed);
            let p = base.join(format!("heapscope-{}-{n}", std::process::id()));
            if std::fs::create_dir(&p).is_ok() {
                return Ok(TempDir(p));
            }
        }
        Err(Error::Other(format!("cannot create a temporary directory in {}", base.display())))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads `go build -json` events: output pieces are appended per package, in arrival order.
pub fn parse_json_events(stdout: &str) -> Result<BuildOutput, Error> {
    let mut res = BuildOutput::default();
    for line in stdout.lines() {
        add_json_event(&mut res, line);
    }
    Ok(res)
}

/// Adds one line of `go build -json` output.
fn add_json_event(res: &mut BuildOutput, line: &str) {
    if line.trim().is_empty() {
        return;
    }
    let ev: BuildEvent = match serde_json::from_str(line) {
        Ok(ev) => ev,
        // `go` can print plain lines (for example `go: downloading ...`) between events.
        Err(_) => {
            res.tool_messages.push(line.to_string());
            return;
        }
    };
    // Events of one package usually arrive together: look at the last package first.
    let idx = match res.packages.iter().rposition(|p| p.import_path == ev.import_path) {
        Some(i) => i,
        None => {
            res.packages.push(BuiltPackage { import_path: ev.import_path.clone(), ..Default::default() });
            res.packages.len() - 1
        }
    };
    let pkg = &mut res.packages[idx];
    match ev.action.as_str() {
        "build-output" => pkg.output.push_str(&ev.output),
        "build-fail" => pkg.failed = true,
        _ => {}
    }
}

/// Reads plain `go build` output (toolchains before Go 1.24): split at headers, and when `go`
/// failed, the packages with non-inliner, non-escape messages are marked failed.
pub fn parse_text_output(text: &str, go_succeeded: bool) -> BuildOutput {
    let mut res = split_text_output(text);
    res.success = go_succeeded;
    if !go_succeeded {
        mark_text_failures(&mut res.packages);
    }
    res
}

/// Splits plain `go build` output at `# desc` header lines. Lines before the first header
/// are tool messages.
pub fn split_text_output(text: &str) -> BuildOutput {
    let mut res = BuildOutput::default();
    for line in text.lines() {
        if let Some(desc) = line.strip_prefix("# ") {
            let last_is_header_only = res.packages.last().is_some_and(|p| p.output.lines().count() == 1);
            // `# path` followed by `# [desc]` is one header of two lines.
            if desc.starts_with('[') && last_is_header_only {
                if let Some(p) = res.packages.last_mut() {
                    p.output.push_str(line);
                    p.output.push('\n');
                }
                continue;
            }
            let import_path = desc.split(" [").next().unwrap_or(desc).to_string();
            res.packages.push(BuiltPackage { import_path, output: format!("{line}\n"), failed: false });
            continue;
        }
        match res.packages.last_mut() {
            Some(p) => {
                p.output.push_str(line);
                p.output.push('\n');
            }
            None if !line.is_empty() => res.tool_messages.push(line.to_string()),
            None => {}
        }
    }
    res
}

/// Without `-json`, a package whose output holds a positioned message that is not an inliner
/// or escape message is taken to have failed.
fn mark_text_failures(pkgs: &mut [BuiltPackage]) {
    for p in pkgs {
        p.failed = p.output.lines().any(|l| match parse_position_prefix(l) {
            Some((_, text)) => !text.starts_with(' ') && parse_message(text).kind == Kind::Other,
            None => false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_events_are_grouped() {
        let out = r##"{"ImportPath":"m1/sub","Action":"build-output","Output":"# m1/sub\nsub/s.go:2:6: can inline F\n"}
{"ImportPath":"m1/bad","Action":"build-output","Output":"# m1/bad\n"}
{"ImportPath":"m1/bad","Action":"build-output","Output":"bad/b.go:3:12: undefined: undefined\n"}
{"ImportPath":"m1/bad","Action":"build-fail"}
go: downloading example.com/x v1.0.0
"##;
        let res = parse_json_events(out).unwrap();
        assert_eq!(res.packages.len(), 2);
        assert_eq!(res.packages[0].output, "# m1/sub\nsub/s.go:2:6: can inline F\n");
        assert!(!res.packages[0].failed);
        assert_eq!(res.packages[1].output, "# m1/bad\nbad/b.go:3:12: undefined: undefined\n");
        assert!(res.packages[1].failed);
        assert_eq!(res.tool_messages, ["go: downloading example.com/x v1.0.0"]);
    }

    #[test]
    fn text_output_is_split_at_headers() {
        let text = "go: warning: x\n# a\na.go:1:6: can inline F\n# b\n# [b.test]\nb.go:2:3: undefined: y\n";
        let mut res = split_text_output(text);
        assert_eq!(res.tool_messages, ["go: warning: x"]);
        assert_eq!(res.packages.len(), 2);
        assert_eq!(res.packages[1].import_path, "b");
        assert_eq!(res.packages[1].output, "# b\n# [b.test]\nb.go:2:3: undefined: y\n");
        mark_text_failures(&mut res.packages);
        assert!(!res.packages[0].failed);
        assert!(res.packages[1].failed);
    }
}
