//! Source files read once each, for the few decisions that need the text around a position
//! (which token sits at a column, the keyword before a function literal).

use std::collections::HashMap;

/// A cache of source files by path. Files that cannot be read are remembered as missing.
#[derive(Debug, Default)]
pub struct SourceCache {
    files: HashMap<String, Option<String>>,
}

impl SourceCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The whole text of `file`, or `None` if it cannot be read.
    pub fn get(&mut self, file: &str) -> Option<&str> {
        self.files
            .entry(file.to_string())
            .or_insert_with(|| std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).into_owned()))
            .as_deref()
    }

    /// Adds a file's text (tests, editors with unsaved buffers).
    pub fn insert(&mut self, file: &str, text: &str) {
        self.files.insert(file.to_string(), Some(text.to_string()));
    }

    /// The text of line `line` (1-based) without its newline.
    pub fn line(&mut self, file: &str, line: u32) -> Option<&str> {
        let text = self.get(file)?;
        text.split('\n').nth(line.checked_sub(1)? as usize)
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
