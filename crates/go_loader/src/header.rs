//! Reading a Go file's header only (the package clause and the import
//! declarations), as go/build's `readGoInfo` does, so that discovering
//! packages does not parse whole files. Anything the small reader does not
//! understand returns `None`, and the caller falls back to a full parse.

/// Package name and import paths of a file's header.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub name: String,
    pub imports: Vec<String>,
}

struct Reader<'a> {
    src: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    /// Skips blanks, newlines, semicolons and comments.
    fn skip(&mut self) -> Option<()> {
        loop {
            match self.src.get(self.i) {
                Some(b' ' | b'\t' | b'\r' | b'\n' | b';') => self.i += 1,
                Some(b'/') => match self.src.get(self.i + 1) {
                    Some(b'/') => {
                        while self.src.get(self.i).is_some_and(|&c| c != b'\n') {
                            self.i += 1;
                        }
                    }
                    Some(b'*') => {
                        let rest = self.src.get(self.i + 2..)?;
                        let end = rest.windows(2).position(|w| w == b"*/")?;
                        self.i += 2 + end + 2;
                    }
                    _ => return Some(()),
                },
                // A byte order mark at the start.
                Some(0xEF) if self.i == 0 && self.src.starts_with(&[0xEF, 0xBB, 0xBF]) => self.i += 3,
                _ => return Some(()),
            }
        }
    }

    /// An ASCII identifier (or `None`; non-ASCII names need the parser).
    fn ident(&mut self) -> Option<&str> {
        let start = self.i;
        while self.src.get(self.i).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_') {
            self.i += 1;
        }
        if self.i == start || self.src[start].is_ascii_digit() {
            return None;
        }
        if self.src.get(self.i).is_some_and(|&c| c >= 0x80) {
            return None;
        }
        std::str::from_utf8(&self.src[start..self.i]).ok()
    }

    fn peek_word(&self, w: &[u8]) -> bool {
        self.src[self.i..].starts_with(w)
            && !self
                .src
                .get(self.i + w.len())
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
    }

    /// A string literal without escapes (import paths have none).
    fn string(&mut self) -> Option<String> {
        let q = *self.src.get(self.i)?;
        if q != b'"' && q != b'`' {
            return None;
        }
        let rest = self.src.get(self.i + 1..)?;
        let end = rest.iter().position(|&c| c == q || c == b'\n' || (q == b'"' && c == b'\\'))?;
        if rest[end] != q {
            return None;
        }
        let s = std::str::from_utf8(&rest[..end]).ok()?.to_string();
        self.i += 1 + end + 1;
        Some(s)
    }

    /// One import spec: `[name | . | _] "path"`.
    fn spec(&mut self) -> Option<String> {
        self.skip()?;
        match self.src.get(self.i) {
            Some(b'.') => self.i += 1,
            Some(b'"' | b'`') => {}
            _ => {
                self.ident()?;
            }
        }
        self.skip()?;
        self.string()
    }
}

/// The header of `src`, or `None` when it cannot be read without the
/// parser.
pub(crate) fn read(src: &[u8]) -> Option<Header> {
    let mut r = Reader { src, i: 0 };
    r.skip()?;
    if !r.peek_word(b"package") {
        return None;
    }
    r.i += "package".len();
    r.skip()?;
    let name = r.ident()?.to_string();
    let mut imports = Vec::new();
    loop {
        r.skip()?;
        if !r.peek_word(b"import") {
            break;
        }
        r.i += "import".len();
        r.skip()?;
        if r.src.get(r.i) == Some(&b'(') {
            r.i += 1;
            loop {
                r.skip()?;
                match r.src.get(r.i) {
                    Some(b')') => {
                        r.i += 1;
                        break;
                    }
                    Some(_) => imports.push(r.spec()?),
                    None => return None,
                }
            }
        } else {
            imports.push(r.spec()?);
        }
    }
    // The header must end where a declaration (or the file) starts.
    let rest_ok =
        r.i >= src.len() || [b"func".as_slice(), b"type", b"var", b"const"].iter().any(|w| r.peek_word(w));
    rest_ok.then_some(Header { name, imports })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(src: &str) -> Option<(String, Vec<String>)> {
        read(src.as_bytes()).map(|h| (h.name, h.imports))
    }

    #[test]
    fn headers() {
        let src = "// Copyright\n\n//go:build linux\n\n/* doc */ package foo // x\n\nimport \"fmt\"\nimport (\n\t\"os\"\n\tstr \"strings\"\n\t. `math`\n\t_ \"unsafe\"; \"C\"\n)\n\nfunc main() {}\n";
        assert_eq!(
            h(src),
            Some((
                "foo".into(),
                vec!["fmt".into(), "os".into(), "strings".into(), "math".into(), "unsafe".into(), "C".into()]
            ))
        );
        assert_eq!(h("package p"), Some(("p".into(), vec![])));
        assert_eq!(h("package p\n\ntype T int\n"), Some(("p".into(), vec![])));
        assert_eq!(h("\u{feff}package p; import \"a\"; var x = 1"), Some(("p".into(), vec!["a".into()])));
    }

    #[test]
    fn unusual_headers_fall_back() {
        // Escapes, non-ASCII names, broken syntax and unexpected tokens.
        assert_eq!(h("package p\nimport \"a\\x62\"\n"), None);
        assert_eq!(h("package π\n"), None);
        assert_eq!(h("package p\nimport (\n\"a\"\n"), None);
        assert_eq!(h("package p\nimport \"a\"\nx := 1\n"), None);
        assert_eq!(h("/* unterminated"), None);
        assert_eq!(h("pkg p"), None);
        assert_eq!(h("package p\nimportx \"a\"\n"), None);
    }
}

#[cfg(test)]
mod std_tests {
    /// On every file of the pinned toolchain's `src`, the header reader
    /// either gives up or agrees with the parser.
    #[test]
    fn agrees_with_the_parser_on_std() {
        let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
        let mut stack = vec![goroot.join("src")];
        let (mut read, mut fell_back) = (0usize, 0usize);
        while let Some(dir) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else { continue };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                if p.extension().is_none_or(|x| x != "go") {
                    continue;
                }
                let Ok(src) = std::fs::read(&p) else { continue };
                let Some(h) = super::read(&src) else {
                    fell_back += 1;
                    continue;
                };
                read += 1;
                let (file, _) = go_syntax::parse_file(&p.to_string_lossy(), &src);
                let name = file.pkg_name.map(|n| file.name_str(n).to_string()).unwrap_or_default();
                assert_eq!(h.name, name, "{}", p.display());
                let mut imports = Vec::new();
                for d in file.list(file.decl_list) {
                    if let go_syntax::DeclKind::Import { path: Some(pe), .. } = &file.decl(d).kind {
                        let t = String::from_utf8_lossy(file.text(*pe)).to_string();
                        imports.push(t.trim_matches(|c| c == '"' || c == '`').to_string());
                    }
                }
                assert_eq!(h.imports, imports, "{}", p.display());
            }
        }
        eprintln!("header reader: {read} files read, {fell_back} left to the parser");
        assert!(read > 5_000 && fell_back * 20 < read, "{read} read, {fell_back} fell back");
    }
}
