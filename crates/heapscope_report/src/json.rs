//! The JSON form of a [`Report`] (schema in `docs/json-schema.md`).

use heapscope_model::Report;
use std::io::{self, Write};

/// Writes the report as one pretty-printed JSON document followed by a newline.
pub fn render_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
