//! `go_syntax`: a Go 1.27 scanner and parser reproducing the gc compiler's
//! `cmd/compile/internal/syntax` package: same AST shape (arena-based, see
//! [`ast`]), same node positions ([`File::gc_pos`]), same `//line`
//! position bases ([`pos`]), same error messages and recovery. Parsing
//! never fails or panics: [`parse_file`] always returns a [`File`] plus the
//! syntax errors found.
//!
//! Also provides build-constraint evaluation ([`build`]) and the
//! [`debug_parse`] entry point used by `heapscope debug parse`.

pub mod ast;
pub mod build;
mod clean;
mod debug;
mod parser;
pub mod pos;
mod printer;
pub mod scanner;
pub mod token;
mod walk;

pub use ast::*;
pub use debug::{ParseSummary, collect_go_files, debug_parse};
pub use pos::{PosBase, Position, SourceMap};

/// The line table (alias: [`SourceMap`] holds line starts and `//line` bases).
pub type LineIndex = SourceMap;
pub use scanner::Comment;
pub use token::{LitKind, Operator, Token};
pub use walk::Node;

/// A syntax (or scanner) error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: u32,
    pub msg: String,
}

impl File {
    /// gc's rendering of an error: `file:line:col: msg`.
    pub fn format_error(&self, e: &SyntaxError) -> String {
        format!("{}: {}", self.source_map.position(e.offset), e.msg)
    }
}

/// The errors cmd/compile would print for `errs` (in report order):
/// only the first "syntax error" per line, equal non-syntax errors on a line
/// once, then sorted by position with adjacent duplicates removed (gc's
/// `ErrorfAt` + `FlushErrors`, without the 10-error limit).
pub fn gc_reported_errors(file: &File, errs: &[SyntaxError]) -> Vec<SyntaxError> {
    let sm = &file.source_map;
    let line_key = |off: u32| {
        let base = sm.bases.partition_point(|b| b.offset <= off);
        (base, sm.line_col(off).0)
    };
    let mut last_syntax: Option<(usize, u32)> = None;
    let mut last_other: Option<((usize, u32), &str)> = None;
    let mut out: Vec<SyntaxError> = Vec::new();
    for e in errs {
        let key = line_key(e.offset);
        if e.msg.starts_with("syntax error") {
            if last_syntax == Some(key) {
                continue;
            }
            last_syntax = Some(key);
        } else {
            if last_other.is_some_and(|(k, m)| k == key && m == e.msg) {
                continue;
            }
            last_other = Some((key, &e.msg));
        }
        out.push(e.clone());
    }
    out.sort_by_key(|e| e.offset);
    out.dedup_by(|a, b| a.msg == b.msg && sm.position(a.offset) == sm.position(b.offset));
    out
}

/// gc's reported position of a node (same as [`File::gc_pos`]).
pub fn gc_pos(file: &File, node: Node) -> Position {
    file.gc_pos(node)
}

/// Parses one Go source file. Never fails: syntax errors are returned
/// alongside a (possibly partial) tree. `filename` is used for positions and
/// to resolve relative `//line` file names.
pub fn parse_file(filename: &str, src: &[u8]) -> (File, Vec<SyntaxError>) {
    // Offsets are u32: larger inputs are truncated (with an error).
    const MAX: usize = MAX_SRC;
    if src.len() > MAX {
        let (f, mut errs) = clean::parse(filename, &src[..MAX]);
        errs.push(SyntaxError { offset: MAX as u32, msg: "file too large".into() });
        return (f, errs);
    }
    clean::parse(filename, src)
}

/// [`parse_file`] for an owned source, which the returned file keeps
/// instead of copying it.
pub fn parse_file_vec(filename: &str, src: Vec<u8>) -> (File, Vec<SyntaxError>) {
    parse_file_owned(filename, src, parser::Buffers::default())
}

/// Parses many files in a row, reusing the allocations of files the caller
/// hands back with [`FileParser::recycle`] (arenas, symbol table, line and
/// comment tables). Sources are taken by value and kept by the returned
/// [`File`] (no copy). Results are identical to [`parse_file`]'s except
/// that the arenas keep their spare capacity.
#[derive(Default)]
pub struct FileParser {
    bufs: parser::Buffers,
}

impl FileParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses one file (see [`parse_file`]).
    pub fn parse(&mut self, filename: &str, src: Vec<u8>) -> (File, Vec<SyntaxError>) {
        parse_file_owned(filename, src, std::mem::take(&mut self.bufs))
    }

    /// Takes back a file that is no longer needed; its allocations serve
    /// the next [`FileParser::parse`].
    pub fn recycle(&mut self, file: File) {
        self.bufs = parser::Buffers::from_file(file);
    }
}

/// Largest source parsed in full (offsets are u32).
const MAX_SRC: usize = (u32::MAX - 16) as usize;

/// [`parse_file`] for an owned source, which the returned file keeps
/// (no copy).
/// `bufs` holds allocations to reuse (see `parser::Buffers`).
pub(crate) fn parse_file_owned(
    filename: &str,
    src: Vec<u8>,
    bufs: parser::Buffers,
) -> (File, Vec<SyntaxError>) {
    if src.len() > MAX_SRC {
        return parse_file(filename, &src);
    }
    clean::parse_owned(filename, src, bufs)
}

#[cfg(test)]
mod tests;
