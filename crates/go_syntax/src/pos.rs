//! Positions: the line table of a file and gc's position bases (`PosBase`)
//! created by `//line` and `/*line*/` directives. Maps byte offsets to gc's
//! reported `(filename, line, col)` (1-based, byte columns) and to raw
//! physical line:col. Mirrors gc's `syntax/pos.go` semantics.

use std::fmt;

/// gc's `PosMax`: larger line/column values saturate to this.
pub const POS_MAX: u64 = 1 << 30;

/// A position base (gc's `PosBase`). The file base has `is_file_base`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PosBase {
    /// Offset from which this base applies (first byte after the directive).
    pub offset: u32,
    /// Physical line/col of that point as gc computes it (`pos` of the base).
    pub phys_line: u32,
    pub phys_col: u32,
    pub filename: String,
    /// Line and column the base assigns to `phys_line:phys_col`; a column
    /// of 0 means "unknown" (`//line file:line` form).
    pub line: u32,
    pub col: u32,
    pub is_file_base: bool,
}

/// A resolved position as gc prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub filename: String,
    /// 1-based line (0 = unknown).
    pub line: u32,
    /// 1-based byte column (0 = unknown; then omitted when printed).
    pub col: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            if self.filename.is_empty() {
                return write!(f, "<unknown position>");
            }
            return write!(f, "{}", self.filename);
        }
        if self.col == 0 {
            return write!(f, "{}:{}", self.filename, self.line);
        }
        write!(f, "{}:{}:{}", self.filename, self.line, self.col)
    }
}

/// Line table plus position bases of one file.
#[derive(Clone, Debug)]
pub struct SourceMap {
    pub filename: String,
    /// Offsets where each physical line starts (`line_starts[0] == 0`).
    pub line_starts: Vec<u32>,
    /// Bases sorted by `offset`; `bases[0]` is the file base.
    pub bases: Vec<PosBase>,
    pub len: u32,
}

pub(crate) fn sat32(v: u64) -> u32 {
    v.min(POS_MAX) as u32
}

impl SourceMap {
    pub fn new(filename: &str, line_starts: Vec<u32>, len: u32) -> Self {
        SourceMap {
            filename: filename.to_string(),
            line_starts,
            bases: vec![PosBase {
                offset: 0,
                phys_line: 1,
                phys_col: 1,
                filename: filename.to_string(),
                line: 1,
                col: 1,
                is_file_base: true,
            }],
            len,
        }
    }

    /// Physical 1-based (line, byte column) of an offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let idx = self.line_starts.partition_point(|&s| s <= offset);
        let line = idx.max(1);
        let ls = self.line_starts.get(line - 1).copied().unwrap_or(0);
        (sat32(line as u64), sat32(offset.saturating_sub(ls) as u64 + 1))
    }

    /// Offsets `[start, end)` of a physical line (1-based).
    pub fn line_range(&self, line: u32) -> (u32, u32) {
        let i = line.saturating_sub(1) as usize;
        let lo = self.line_starts.get(i).copied().unwrap_or(self.len);
        let hi = self.line_starts.get(i + 1).copied().unwrap_or(self.len.saturating_add(1));
        (lo, hi)
    }

    /// Raw physical position (ignoring `//line`).
    pub fn physical(&self, offset: u32) -> Position {
        let (line, col) = self.line_col(offset);
        Position { filename: self.filename.clone(), line, col }
    }

    /// The base in effect at `offset`.
    pub fn base_at(&self, offset: u32) -> &PosBase {
        let i = self.bases.partition_point(|b| b.offset <= offset);
        &self.bases[i.saturating_sub(1)]
    }

    /// gc's position for an offset (`RelFilename:RelLine:RelCol`).
    pub fn position(&self, offset: u32) -> Position {
        let (line, col) = self.line_col(offset);
        let b = self.base_at(offset);
        if b.is_file_base {
            return Position { filename: b.filename.clone(), line, col };
        }
        let rel_line = if b.line == 0 {
            0
        } else {
            sat32((b.line as u64 + line as u64).saturating_sub(b.phys_line as u64))
        };
        let rel_col = if b.col == 0 {
            0
        } else if line == b.phys_line {
            sat32((b.col as u64 + col as u64).saturating_sub(b.phys_col as u64))
        } else {
            col
        };
        Position { filename: b.filename.clone(), line: rel_line, col: rel_col }
    }

    pub(crate) fn push_base(&mut self, mut b: PosBase) {
        if let Some(last) = self.bases.last()
            && b.offset < last.offset
        {
            b.offset = last.offset;
        }
        self.bases.push(b);
    }
}

/// Lexical path cleaning as Go's `filepath.Clean` (Unix).
pub fn clean_path(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            _ => out.push(part),
        }
    }
    let joined = out.join("/");
    if rooted {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// Go's `filepath.Dir`.
pub fn dir_path(p: &str) -> String {
    match p.rfind('/') {
        Some(i) => clean_path(&p[..=i]),
        None => ".".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean() {
        assert_eq!(clean_path("a/../b/./c//d/"), "b/c/d");
        assert_eq!(clean_path("/../x"), "/x");
        assert_eq!(clean_path("../x"), "../x");
        assert_eq!(clean_path(""), ".");
        assert_eq!(dir_path("a/b/c.go"), "a/b");
        assert_eq!(dir_path("c.go"), ".");
    }

    #[test]
    fn line_col() {
        let m = SourceMap::new("f.go", vec![0, 4, 10], 12);
        assert_eq!(m.line_col(0), (1, 1));
        assert_eq!(m.line_col(3), (1, 4));
        assert_eq!(m.line_col(4), (2, 1));
        assert_eq!(m.line_col(11), (3, 2));
        assert_eq!(m.position(11).to_string(), "f.go:3:2");
    }
}
