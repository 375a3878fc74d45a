//! `--format github`: GitHub Actions workflow commands (`::warning file=…,line=…::…`), one per
//! finding, so heap sites show as annotations on pull requests.

use crate::paths::short_path;
use heapscope_explain::Finding;
use heapscope_model::Report;
use std::io::{self, Write};
use std::path::Path;

/// Writes one annotation per finding, and one error per package that could not be analysed.
pub fn render_github(report: &Report, findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let cwd = Path::new(&report.cwd);
    for f in findings {
        let level = if f.may_allocate || f.static_data { "notice" } else { "warning" };
        let info = f.shape.info();
        let mut props = vec![format!("file={}", prop(short_path(&f.pos.file, cwd).trim_start_matches("./")))];
        if f.pos.line > 0 {
            props.push(format!("line={}", f.pos.line));
        }
        if f.pos.col > 0 {
            props.push(format!("col={}", f.pos.col));
        }
        props.push(format!("title={}", prop(&format!("heapscope {}: {}", f.shape.id(), info.name))));
        let msg = format!("{} ({})\nWhy: {}\nFix: {}", f.message, f.via.phrase(), info.why, info.fix);
        writeln!(out, "::{level} {}::{}", props.join(","), data(&msg))?;
    }
    for p in report.errors() {
        let name = if p.import_path.is_empty() { "(go)" } else { &p.import_path };
        let text = p.error.as_ref().map(|e| e.messages.join("\n")).unwrap_or_default();
        match p.error.as_ref().and_then(|e| e.positions.first()) {
            Some(e) => writeln!(
                out,
                "::error file={},line={},col={},title={}::{}",
                prop(short_path(&e.pos.file, cwd).trim_start_matches("./")),
                e.pos.line,
                e.pos.col,
                prop(&format!("heapscope: package {name} could not be analysed")),
                data(&text)
            )?,
            None => writeln!(
                out,
                "::error title={}::{}",
                prop(&format!("heapscope: package {name}")),
                data(&text)
            )?,
        }
    }
    Ok(())
}

/// Escapes a command's message (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property (GitHub's `escapeProperty`).
fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(prop("x: y, z"), "x%3A y%2C z");
    }
}
