//! `debug_parse`: parse every Go file under some paths, print the syntax
//! errors gc-style and a throughput summary. Parsing is single-threaded on
//! purpose (so the MB/s figure is per-core comparable); a second thread
//! reads the files ahead of the parser, overlapping file I/O with parsing.

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

/// `debug_parse`'s reader thread hands files over in batches of up to this
/// many files or [`BATCH_BYTES`] bytes (handing over single files costs a
/// thread wake-up each), at most two batches ahead of the parser.
const BATCH_FILES: usize = 16;
/// Byte limit of a reader batch (see [`BATCH_FILES`]).
const BATCH_BYTES: usize = 1 << 20;

/// Parses every `.go` file under `paths` (single-threaded; a helper thread
/// reads the files ahead, in order), writes each syntax error as
/// `file:line:col: message` (files in path order, errors in source order,
/// filtered like cmd/compile: one syntax error per line, see
/// [`crate::gc_reported_errors`]) and a final line
/// `files N, errors E, bytes B, MB/s X` where X is bytes / parse time
/// (parsing only: reading files and printing are not timed).
pub fn debug_parse(paths: &[PathBuf], out: &mut dyn Write) -> io::Result<ParseSummary> {
    let files = collect_go_files(paths)?;
    std::thread::scope(|scope| {
        type Batch = Vec<io::Result<Vec<u8>>>;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
        let reader = std::thread::Builder::new().name("debug_parse reader".into()).spawn_scoped(scope, {
            let files = &files;
            move || {
                let mut batch = Vec::with_capacity(BATCH_FILES);
                let mut bytes = 0;
                for path in files {
                    let r = std::fs::read(path);
                    let failed = r.is_err();
                    bytes += r.as_ref().map_or(0, Vec::len);
                    batch.push(r);
                    if batch.len() == BATCH_FILES || bytes >= BATCH_BYTES || failed {
                        bytes = 0;
                        // stop when the parser is gone or after an error
                        if tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH_FILES))).is_err()
                            || failed
                        {
                            return;
                        }
                    }
                }
                let _ = tx.send(batch);
            }
        });
        match reader {
            Ok(_) => {
                let mut batch = Vec::new().into_iter();
                parse_files(&files, out, || {
                    loop {
                        if let Some(r) = batch.next() {
                            return r;
                        }
                        match rx.recv() {
                            Ok(b) => batch = b.into_iter(),
                            Err(_) => return Err(io::Error::other("debug_parse: file reader stopped")),
                        }
                    }
                })
            }
            // no thread: read each file right before parsing it
            Err(_) => {
                let mut it = files.iter();
                parse_files(&files, out, || {
                    std::fs::read(it.next().ok_or_else(|| io::Error::other("no file"))?)
                })
            }
        }
    })
}

/// The parse loop of [`debug_parse`]; `read` yields the contents of
/// `files` in order.
fn parse_files(
    files: &[PathBuf],
    out: &mut dyn Write,
    mut read: impl FnMut() -> io::Result<Vec<u8>>,
) -> io::Result<ParseSummary> {
    let mut sum = ParseSummary::default();
    // Each file's allocations are reused for the next one.
    let mut bufs = Buffers::default();
    for path in files {
        let src = read()?;
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
