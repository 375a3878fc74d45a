//! `--format gc`: the compiler's text, byte for byte as `go build -gcflags=-m[=N]` prints it
//! from the same directory: a `# import/path` header per package (optional), messages in
//! emission order, `-m=2` flow lines under their header, paths shortened as `go` does.

use crate::paths::rewrite_output;
use heapscope_model::{Diagnostic, GoVersion, Kind, PackageReport, Report};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// Writes the report in the compiler's format.
pub fn render_gc(report: &Report, headers: bool, out: &mut dyn Write) -> io::Result<()> {
    let cwd = Path::new(&report.cwd);
    for pkg in &report.packages {
        let body = package_text(pkg, &report.go_version);
        if body.is_empty() {
            continue;
        }
        if headers && !pkg.header.is_empty() {
            writeln!(out, "# {}", pkg.header)?;
        }
        // A failed package's messages are kept as `go` printed them, already shortened.
        let body = if pkg.error.is_some() { body } else { rewrite_output(&body, &pkg.dir, cwd) };
        out.write_all(body.as_bytes())?;
    }
    Ok(())
}

/// A package's messages with absolute paths, as the compiler wrote them.
fn package_text(pkg: &PackageReport, version: &GoVersion) -> String {
    let mut s = String::new();
    if let Some(err) = &pkg.error {
        for m in &err.messages {
            s.push_str(m);
            s.push('\n');
        }
        return s;
    }
    for d in &pkg.diagnostics {
        write_diagnostic(&mut s, d, version);
    }
    s
}

/// One message, with its `-m=2` flow lines.
pub fn write_diagnostic(s: &mut String, d: &Diagnostic, version: &GoVersion) {
    if d.pos.file.is_empty() {
        let _ = writeln!(s, "{}", d.message);
        return;
    }
    let _ = writeln!(s, "{}: {}", d.pos, d.message);
    if !matches!(d.kind, Kind::EscapeExplanation | Kind::LeakExplanation { .. }) {
        return;
    }
    let arrow = if version.at_least(25) { "←" } else { "=" };
    for f in &d.flows {
        let ops = if f.derefs < 0 { "&".to_string() } else { "*".repeat(f.derefs.unsigned_abs() as usize) };
        let _ = writeln!(s, "{}:   flow: {} {arrow} {ops}{}:", d.pos, f.to, f.from);
        for st in &f.steps {
            let _ = writeln!(s, "{}:     from {} ({}) at {}", d.pos, st.expr, st.reason, st.pos);
        }
    }
    if d.truncated {
        let _ = writeln!(
            s,
            "{}:   warning: truncated explanation due to assignment cycle; see golang.org/issue/35518",
            d.pos
        );
    }
}
