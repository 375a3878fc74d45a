//! Source files read once each, for the few decisions that need the text around a position
//! (which token sits at a column, the keyword before a function literal).

use std::collections::HashMap;

/// A cache of source files by path, with where each line starts. Files that cannot be read
/// are remembered as missing.
#[derive(Debug, Default)]
pub struct SourceCache {
    files: HashMap<String, Option<Source>>,
}

/// One file's text and the byte offset of each line's start.
#[derive(Debug)]
pub struct Source {
    pub text: String,
    pub line_starts: Vec<usize>,
}

impl Source {
    fn new(text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(&text));
        Source { text, line_starts }
    }

    /// Line `line` (1-based) without its newline.
    pub fn line(&self, line: u32) -> Option<&str> {
        let i = line.checked_sub(1)? as usize;
        let start = *self.line_starts.get(i)?;
        let end = self.line_starts.get(i + 1).map_or(self.text.len(), |e| e.saturating_sub(1));
        self.text.get(start..end.max(start))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)
}

impl SourceCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The file with its line table, or `None` if it cannot be read.
    pub fn source(&mut self, file: &str) -> Option<&Source> {
        if !self.files.contains_key(file) {
            let text = std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
            self.files.insert(file.to_string(), text.map(Source::new));
        }
        self.files.get(file).and_then(Option::as_ref)
    }

    /// The whole text of `file`, or `None` if it cannot be read.
    pub fn get(&mut self, file: &str) -> Option<&str> {
        self.source(file).map(|s| s.text.as_str())
    }

    /// Adds a file's text (tests, editors with unsaved buffers).
    pub fn insert(&mut self, file: &str, text: &str) {
        self.files.insert(file.to_string(), Some(Source::new(text.to_string())));
    }

    /// The text of line `line` (1-based) without its newline.
    pub fn line(&mut self, file: &str, line: u32) -> Option<&str> {
        self.source(file)?.line(line)
    }

    /// The byte at `line:col` (1-based byte column).
    pub fn byte_at(&mut self, file: &str, line: u32, col: u32) -> Option<u8> {
        let l = self.line(file, line)?;
        l.as_bytes().get(col.checked_sub(1)? as usize).copied()
    }

    /// The text of the line before column `col` (exclusive).
    pub fn before(&mut self, file: &str, line: u32, col: u32) -> Option<&str> {
        let l = self.line(file, line)?;
        l.get(..col.checked_sub(1)? as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let mut c = SourceCache::new();
        c.insert("/a.go", "package a\n\nfunc F() {}\n");
        assert_eq!(c.line("/a.go", 1), Some("package a"));
        assert_eq!(c.line("/a.go", 2), Some(""));
        assert_eq!(c.line("/a.go", 3), Some("func F() {}"));
        assert_eq!(c.line("/a.go", 5), None);
        assert_eq!(c.byte_at("/a.go", 3, 6), Some(b'F'));
        assert_eq!(c.before("/a.go", 3, 6), Some("func "));
        assert_eq!(c.line("/missing.go", 1), None);
    }
}
