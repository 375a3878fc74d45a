//! Build constraints: `//go:build` expressions, legacy `// +build` lines and
//! the `_GOOS` / `_GOARCH` / `_test` file-name rules of go/build
//! (`goodOSArchFile`, `matchTag` with `unix`, `go1.N` release tags, `cgo`,
//! `gc`). Entry point: [`file_matches`].

/// Known GOOS values (go/build `knownOS`).
pub const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// GOOS values matched by the `unix` tag.
pub const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Known GOARCH values (go/build `knownArch`).
pub const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// The configuration a file is matched against (subset of go/build.Context).
#[derive(Clone, Debug)]
pub struct BuildContext {
    pub goos: String,
    pub goarch: String,
    /// Extra build tags (`-tags`).
    pub tags: Vec<String>,
    /// Go minor version: release tags `go1.1` ..= `go1.<go_minor>` are set.
    pub go_minor: u32,
    pub cgo_enabled: bool,
    /// Compiler tag (`gc`).
    pub compiler: String,
    /// Whether `_test.go` files are included.
    pub include_tests: bool,
}

impl Default for BuildContext {
    fn default() -> Self {
        BuildContext {
            goos: "linux".into(),
            goarch: "amd64".into(),
            tags: Vec::new(),
            go_minor: 27,
            cgo_enabled: true,
            compiler: "gc".into(),
            include_tests: false,
        }
    }
}

impl BuildContext {
    /// go/build's `matchTag` for a single tag.
    pub fn match_tag(&self, name: &str) -> bool {
        if name.is_empty() {
            return false;
        }
        if name == self.compiler || (name == "cgo" && self.cgo_enabled) {
            return true;
        }
        if name == "unix" && UNIX_OS.contains(&self.goos.as_str()) {
            return true;
        }
        if name == self.goos || name == self.goarch {
            return true;
        }
        if (self.goos == "android" && name == "linux")
            || (self.goos == "illumos" && name == "solaris")
            || (self.goos == "ios" && name == "darwin")
        {
            return true;
        }
        if let Some(v) = name.strip_prefix("go1.")
            && let Ok(n) = v.parse::<u32>()
        {
            return n >= 1 && n <= self.go_minor && v == n.to_string();
        }
        if self.goarch == "amd64" && name == "amd64.v1" {
            return true;
        }
        self.tags.iter().any(|t| t == name)
    }
}

/// A build constraint expression (go/build/constraint `Expr`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn eval(&self, ok: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Tag(t) => ok(t),
            Expr::Not(x) => !x.eval(ok),
            Expr::And(x, y) => x.eval(ok) & y.eval(ok),
            Expr::Or(x, y) => x.eval(ok) | y.eval(ok),
        }
    }
}

struct ExprParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl ExprParser<'_> {
    fn skip(&mut self) {
        while self.s.get(self.i).is_some_and(|b| *b == b' ' || *b == b'\t') {
            self.i += 1;
        }
    }
    fn or(&mut self, depth: u32) -> Option<Expr> {
        let mut x = self.and(depth)?;
        loop {
            self.skip();
            if self.s[self.i..].starts_with(b"||") {
                self.i += 2;
                let y = self.and(depth)?;
                x = Expr::Or(Box::new(x), Box::new(y));
            } else {
                return Some(x);
            }
        }
    }
    fn and(&mut self, depth: u32) -> Option<Expr> {
        let mut x = self.not(depth)?;
        loop {
            self.skip();
            if self.s[self.i..].starts_with(b"&&") {
                self.i += 2;
                let y = self.not(depth)?;
                x = Expr::And(Box::new(x), Box::new(y));
            } else {
                return Some(x);
            }
        }
    }
    fn not(&mut self, depth: u32) -> Option<Expr> {
        if depth > 100 {
            return None;
        }
        self.skip();
        match self.s.get(self.i)? {
            b'!' => {
                self.i += 1;
                if self.s.get(self.i) == Some(&b'!') {
                    return None; // double negation not allowed
                }
                Some(Expr::Not(Box::new(self.not(depth + 1)?)))
            }
            b'(' => {
                self.i += 1;
                let x = self.or(depth + 1)?;
                self.skip();
                if self.s.get(self.i) != Some(&b')') {
                    return None;
                }
                self.i += 1;
                Some(x)
            }
            _ => {
                let st = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
                {
                    self.i += 1;
                }
                if st == self.i {
                    return None;
                }
                Some(Expr::Tag(String::from_utf8_lossy(&self.s[st..self.i]).into_owned()))
            }
        }
    }
}

/// Parses a `//go:build` line (with or without the `//go:build` prefix).
pub fn parse_go_build(line: &str) -> Option<Expr> {
    let text = line.trim_end_matches(['\r', '\n']);
    let text = text.strip_prefix("//go:build").unwrap_or(text);
    if !text.is_empty() && !text.starts_with([' ', '\t']) {
        return None;
    }
    let mut p = ExprParser { s: text.as_bytes(), i: 0 };
    let x = p.or(0)?;
    p.skip();
    if p.i != p.s.len() {
        return None;
    }
    Some(x)
}

/// Parses a legacy `// +build` line: space-separated OR of comma-separated
/// ANDs of possibly negated tags.
pub fn parse_plus_build(line: &str) -> Option<Expr> {
    let text = line.trim().strip_prefix("//")?.trim_start().strip_prefix("+build")?;
    if !text.is_empty() && !text.starts_with([' ', '\t']) {
        return None;
    }
    let mut x: Option<Expr> = None;
    for clause in text.split_whitespace() {
        let mut y: Option<Expr> = None;
        for lit in clause.split(',') {
            let (neg, tag) = match lit.strip_prefix('!') {
                Some(t) => (true, t),
                None => (false, lit),
            };
            if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                return None;
            }
            let mut z = Expr::Tag(tag.to_string());
            if neg {
                z = Expr::Not(Box::new(z));
            }
            y = Some(match y {
                None => z,
                Some(y) => Expr::And(Box::new(y), Box::new(z)),
            });
        }
        if let Some(y) = y {
            x = Some(match x {
                None => y,
                Some(x) => Expr::Or(Box::new(x), Box::new(y)),
            });
        }
    }
    x
}

/// The minimum Go version implied by a constraint (constraint.GoVersion).
pub fn go_version(x: &Expr) -> Option<String> {
    let v = min_version(x, 1);
    if v < 0 {
        None
    } else if v == 0 {
        Some("go1".into())
    } else {
        Some(format!("go1.{v}"))
    }
}

fn min_version(x: &Expr, sign: i32) -> i64 {
    match x {
        Expr::And(a, b) => {
            let (p, q) = (min_version(a, sign), min_version(b, sign));
            if sign < 0 { p.min(q) } else { p.max(q) }
        }
        Expr::Or(a, b) => {
            let (p, q) = (min_version(a, sign), min_version(b, sign));
            if sign < 0 { p.max(q) } else { p.min(q) }
        }
        Expr::Not(a) => min_version(a, -sign),
        Expr::Tag(t) => {
            if sign < 0 {
                return -1;
            }
            if t == "go1" {
                return 0;
            }
            t.strip_prefix("go1.").and_then(|v| v.parse::<i64>().ok()).unwrap_or(-1)
        }
    }
}

/// Go version from a `//go:build` line, as gc records it in `File.GoVersion`.
pub fn go_version_of_build_line(line: &str) -> Option<String> {
    parse_go_build(line).and_then(|x| go_version(&x))
}

/// The constraint lines of a file header: the `//go:build` line if any,
/// and the `// +build` lines that are followed by a blank line.
pub fn header_constraints(src: &[u8]) -> (Option<String>, Vec<String>) {
    let mut go_build = None;
    let mut plus: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut in_block = false;
    // Lines are decoded one at a time: the loop stops at the header's end,
    // so the rest of the file is never looked at.
    for raw in src.split(|&b| b == b'\n') {
        let raw = String::from_utf8_lossy(raw);
        let line = raw.trim();
        if in_block {
            if let Some(i) = line.find("*/") {
                in_block = false;
                if !line[i + 2..].trim().is_empty() {
                    break;
                }
            }
            continue;
        }
        if line.is_empty() {
            plus.append(&mut pending);
            continue;
        }
        if let Some(rest) = line.strip_prefix("//") {
            if line.starts_with("//go:build") && go_build.is_none() && parse_go_build(line).is_some() {
                go_build = Some(line.to_string());
            } else if rest.trim_start().starts_with("+build") {
                pending.push(line.to_string());
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("/*") {
            if let Some(i) = rest.find("*/") {
                if !rest[i + 2..].trim().is_empty() {
                    break;
                }
            } else {
                in_block = true;
            }
            continue;
        }
        break;
    }
    (go_build, plus)
}

/// go/build's `goodOSArchFile`: whether the `_GOOS` / `_GOARCH` suffixes of
/// a file name match the context.
pub fn good_os_arch_file(name: &str, ctx: &BuildContext) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    let stem = base.split('.').next().unwrap_or(base);
    let Some(i) = stem.find('_') else {
        return true;
    };
    let mut l: Vec<&str> = stem[i..].split('_').collect();
    if l.last() == Some(&"test") {
        l.pop();
    }
    let n = l.len();
    if n >= 2 && KNOWN_OS.contains(&l[n - 2]) && KNOWN_ARCH.contains(&l[n - 1]) {
        return ctx.match_tag(l[n - 1]) && ctx.match_tag(l[n - 2]);
    }
    if n >= 1 && (KNOWN_OS.contains(&l[n - 1]) || KNOWN_ARCH.contains(&l[n - 1])) {
        return ctx.match_tag(l[n - 1]);
    }
    true
}

/// Whether a Go source file is part of the build for `ctx`: file-name rules
/// (`_`/`.` prefixes ignored, `_test.go` only with `include_tests`,
/// `_GOOS_GOARCH` suffixes) and the header's build constraints.
pub fn file_matches(name: &str, src: &[u8], ctx: &BuildContext) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    if base.starts_with('_') || base.starts_with('.') {
        return false;
    }
    if base.ends_with("_test.go") && !ctx.include_tests {
        return false;
    }
    if !good_os_arch_file(base, ctx) {
        return false;
    }
    let ok = |t: &str| ctx.match_tag(t);
    let (gb, plus) = header_constraints(src);
    if let Some(line) = gb {
        return parse_go_build(&line).is_none_or(|x| x.eval(&ok));
    }
    plus.iter().all(|l| parse_plus_build(l).is_none_or(|x| x.eval(&ok)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(goos: &str, goarch: &str) -> BuildContext {
        BuildContext { goos: goos.into(), goarch: goarch.into(), ..Default::default() }
    }

    #[test]
    fn tags() {
        let c = ctx("linux", "amd64");
        assert!(c.match_tag("unix"));
        assert!(c.match_tag("gc"));
        assert!(c.match_tag("cgo"));
        assert!(c.match_tag("go1.21"));
        assert!(!c.match_tag("go1.28"));
        assert!(!c.match_tag("windows"));
        assert!(!ctx("windows", "amd64").match_tag("unix"));
        assert!(ctx("android", "arm64").match_tag("linux"));
        assert!(ctx("ios", "arm64").match_tag("darwin"));
        assert!(ctx("illumos", "amd64").match_tag("solaris"));
    }

    #[test]
    fn file_names() {
        let c = ctx("linux", "amd64");
        assert!(good_os_arch_file("x_linux.go", &c));
        assert!(good_os_arch_file("x_linux_amd64.go", &c));
        assert!(!good_os_arch_file("x_linux_arm64.go", &c));
        assert!(!good_os_arch_file("x_windows.go", &c));
        assert!(!good_os_arch_file("x_windows_test.go", &c));
        assert!(good_os_arch_file("x_unix.go", &c));
        assert!(good_os_arch_file("linux.go", &ctx("windows", "amd64")));
        assert!(!good_os_arch_file("_linux.go", &ctx("windows", "amd64")));
        assert!(!file_matches("x_test.go", b"package x", &c));
        assert!(file_matches("x_test.go", b"package x", &BuildContext { include_tests: true, ..c.clone() }));
        assert!(!file_matches("_x.go", b"package x", &c));
    }

    #[test]
    fn expressions() {
        let c = ctx("linux", "amd64");
        let m = |s: &str| file_matches("a.go", s.as_bytes(), &c);
        assert!(m("//go:build linux && amd64\n\npackage a"));
        assert!(!m("//go:build !linux\n\npackage a"));
        assert!(m("//go:build (darwin || linux) && !386\npackage a"));
        assert!(!m("//go:build ignore\npackage a"));
        assert!(m("// Copyright\n\n//go:build unix\n\npackage a"));
        // //go:build wins over +build
        assert!(m("//go:build linux\n// +build windows\n\npackage a"));
        // legacy lines
        assert!(!m("// +build windows\n\npackage a"));
        assert!(m("// +build windows linux,amd64\n\npackage a"));
        assert!(!m("// +build linux\n// +build 386\n\npackage a"));
        // +build not followed by a blank line is ignored
        assert!(m("// +build windows\npackage a"));
        // constraints after the package clause are ignored
        assert!(m("package a\n//go:build windows\n"));
        assert_eq!(go_version_of_build_line("//go:build go1.21 && linux").as_deref(), Some("go1.21"));
        assert_eq!(go_version_of_build_line("//go:build linux").as_deref(), None);
        assert_eq!(go_version_of_build_line("//go:build go1.20 || go1.22").as_deref(), Some("go1.20"));
        assert!(parse_go_build("//go:build linux &&").is_none());
        assert!(parse_go_build("//go:buildlinux").is_none());
    }
}
