//! The JSON form of a run: the [`Report`] plus its findings (schema in `docs/json-schema.md`).

use heapscope_explain::Finding;
use heapscope_model::Report;
use std::io::{self, Write};

/// Writes the report and its findings as one pretty-printed JSON document and a newline.
pub fn render_json(report: &Report, findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let mut doc = serde_json::to_value(report).map_err(io::Error::other)?;
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("findings".into(), serde_json::to_value(findings).map_err(io::Error::other)?);
    }
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
