//! `heapscope explain FILE:LINE[:COL]`: everything heapscope knows about one site, in full:
//! the snippet, shape, how it leaves the frame, why, whether it is usually avoidable, the fix,
//! the whole root-cause chain with positions, Go-version notes, and the compiler's messages.

use crate::human::{HumanOptions, render_human};
use crate::paths::short_path;
use heapscope_explain::Finding;
use heapscope_model::{Diagnostic, Report};
use std::io::{self, Write};
use std::path::Path;

/// Writes the explanation of `findings` (all at the asked site) and lists `messages`, the
/// compiler's messages at that site.
pub fn render_explain(
    report: &Report,
    findings: &[Finding],
    messages: &[&Diagnostic],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cwd = Path::new(&report.cwd);
    if !findings.is_empty() {
        render_human(report, findings, HumanOptions { all: false, color }, &|_| false, out)?;
        writeln!(out)?;
    }
    for f in findings {
        let info = f.shape.info();
        writeln!(out, "{}:{}:{}: {}", short_path(&f.pos.file, cwd), f.pos.line, f.pos.col, f.message)?;
        writeln!(out, "  shape:      {} ({})", info.name, f.shape.id())?;
        if f.may_allocate {
            writeln!(
                out,
                "  note:       the compiler says it does not escape, but it may still allocate at run time"
            )?;
        }
        writeln!(out, "  leaves via: {}", f.via.phrase())?;
        if let Some(func) = &f.function {
            writeln!(out, "  function:   {func}")?;
        }
        let avoidable = match info.avoidable {
            heapscope_explain::Avoidable::Usually => "usually",
            heapscope_explain::Avoidable::Sometimes => "sometimes",
            heapscope_explain::Avoidable::Rarely => "rarely",
        };
        writeln!(out, "  avoidable:  {avoidable}")?;
        writeln!(out, "  why:        {}", info.why)?;
        writeln!(out, "  fix:        {}", info.fix)?;
        if !f.chain.is_empty() {
            writeln!(out, "  chain:")?;
            for h in &f.chain {
                let at = if h.pos.line == 0 {
                    h.pos.file.clone()
                } else {
                    format!("{}:{}:{}", short_path(&h.pos.file, cwd), h.pos.line, h.pos.col)
                };
                writeln!(out, "    {at}  {}", h.text)?;
            }
        }
        let notes = f.shape.notes_for(&report.go_version);
        if !notes.is_empty() {
            writeln!(out, "  {}:", report.go_version)?;
            for n in notes {
                writeln!(out, "    {n}")?;
            }
        }
        writeln!(out, "  fingerprint: {}", f.fingerprint)?;
        writeln!(out)?;
    }
    if !messages.is_empty() {
        writeln!(out, "compiler messages here ({}, -m={}):", report.go_version, report.m_level)?;
        for d in messages {
            writeln!(out, "  {}:{}:{}: {}", short_path(&d.pos.file, cwd), d.pos.line, d.pos.col, d.message)?;
        }
    }
    Ok(())
}
