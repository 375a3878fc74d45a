//! `debug_parse`: parse every Go file under some paths, print the syntax
//! errors gc-style and a throughput summary (single-threaded on purpose so
//! the MB/s figure is per-core comparable).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::parser::Buffers;
use crate::{gc_reported_errors, parse_file_owned};

/// Totals printed by [`debug_parse`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParseSummary {
    pub files: usize,
    pub errors: usize,
    pub bytes: u64,
    /// Time spent inside the parser only (file reading and printing excluded).
    pub parse_time: Duration,
}

impl ParseSummary {
    /// Parser throughput in MB/s (1 MB = 1e6 bytes).
    pub fn mb_per_s(&self) -> f64 {
        let s = self.parse_time.as_secs_f64();
        if s <= 0.0 { 0.0 } else { self.bytes as f64 / 1e6 / s }
    }
}

/// Collects `.go` files under `paths` (files given directly are taken as
/// is), sorted by path. Like the go tool, directories named `testdata` or
/// starting with `.` or `_`, and files starting with `.` or `_`, are skipped.
pub fn collect_go_files(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk_dir(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        entries.push((e.file_name(), e));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, e) in entries {
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let ft = e.file_type()?;
        let path = e.path();
        if ft.is_dir() {
            if name == "testdata" {
                continue;
            }
            walk_dir(&path, out)?;
        } else if name.ends_with(".go") && (ft.is_file() || path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses every `.go` file under `paths` (single-threaded), writes each
/// syntax error as `file:line:col: message` (files in path order, errors in
/// source order, filtered like cmd/compile: one syntax error per line, see
/// [`crate::gc_reported_errors`]) and a final line `files N, errors E, bytes B, MB/s X`
/// where X is bytes / parse time (parsing only: reading files and printing
/// are not timed).
pub fn debug_parse(paths: &[PathBuf], out: &mut dyn Write) -> io::Result<ParseSummary> {
    let files = collect_go_files(paths)?;
    let mut sum = ParseSummary::default();
    // Each file's allocations are reused for the next one.
    let mut bufs = Buffers::default();
    for path in &files {
        let src = std::fs::read(path)?;
        let name = path.to_string_lossy();
        let len = src.len() as u64;
        let t = Instant::now();
        let (file, errs) = parse_file_owned(&name, src, std::mem::take(&mut bufs));
        sum.parse_time += t.elapsed();
        sum.files += 1;
        sum.bytes += len;
        let errs = gc_reported_errors(&file, &errs);
        sum.errors += errs.len();
        for e in &errs {
            writeln!(out, "{}", file.format_error(e))?;
        }
        bufs = Buffers::from_file(file);
    }
    writeln!(
        out,
        "files {}, errors {}, bytes {}, MB/s {:.1}",
        sum.files,
        sum.errors,
        sum.bytes,
        sum.mb_per_s()
    )?;
    Ok(sum)
}
