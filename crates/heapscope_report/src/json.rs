//! The JSON form of a run: the [`Report`] plus its findings (schema in `docs/json-schema.md`),
//! streamed to the writer (a whole standard library's report is large).

use heapscope_explain::Finding;
use heapscope_model::Report;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    report: &'a Report,
    findings: &'a [Finding],
}

/// Writes the report and its findings as one pretty-printed JSON document and a newline.
pub fn render_json(report: &Report, findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document { report, findings }).map_err(io::Error::other)?;
    writeln!(out)
}
