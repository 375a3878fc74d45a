//! Mapping the file names a profile records to files on this machine.
//!
//! A Go binary records source files as the build saw them: absolute build-machine paths
//! (`/home/u/proj/pkg/x.go`, `/usr/local/go/src/fmt/print.go`), or, when built with `-trimpath`,
//! module-relative names (`example.com/mod/pkg/x.go`) and GOROOT-relative ones for the standard
//! library (`fmt/print.go`). [`PathMatcher::resolve`] turns such a name into a local absolute path,
//! trying in order (see [`MatchRule`]):
//!
//! 1. an absolute path that exists here: itself;
//! 2. `$GOROOT/src/...` (old `-trimpath` spelling): under the local GOROOT;
//! 3. `modpath/rel` for a known module (longest module path wins): `moddir/rel`;
//! 4. a standard-library name `pkg/file.go` (first element without a dot): `GOROOT/src/pkg/file.go`;
//! 5. otherwise the known local file sharing the longest path suffix with the name (at least the
//!    file name; a tie between equally long matches is ambiguous and resolves to nothing), so a
//!    profile recorded on another machine or checkout still maps.
//!
//! Rules 2–4 only answer with files that exist.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Which rule of [`PathMatcher::resolve`] mapped a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchRule {
    /// The name is an absolute path that exists locally.
    Exact,
    /// `$GOROOT/src/...` under the local GOROOT.
    GorootPrefix,
    /// `-trimpath` module form `modpath/rel` → `moddir/rel`.
    Module,
    /// `-trimpath` standard-library form `pkg/file.go` → `GOROOT/src/pkg/file.go`.
    Std,
    /// Longest common path suffix with a known local file.
    Suffix,
}

/// Maps profile file names to local absolute paths. See the [module docs](self).
#[derive(Debug, Clone, Default)]
pub struct PathMatcher {
    /// (module path, module directory), longest module path first.
    modules: Vec<(String, PathBuf)>,
    goroot: Option<PathBuf>,
    /// Known local files by file name.
    known: HashMap<String, Vec<PathBuf>>,
}

/// Directory walks in [`PathMatcher::add_go_files_under`] stop after this many files.
const MAX_SCANNED_FILES: usize = 200_000;

impl PathMatcher {
    /// A matcher with no modules, no GOROOT and no known files: only rule 1 applies.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a module: its path (`example.com/mod`) and local directory.
    pub fn add_module(&mut self, module_path: impl Into<String>, dir: impl Into<PathBuf>) -> &mut Self {
        let module_path = module_path.into().trim_end_matches('/').to_owned();
        self.modules.push((module_path, dir.into()));
        self.modules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        self
    }

    /// Sets the local GOROOT (the directory holding `src/`).
    pub fn set_goroot(&mut self, goroot: impl Into<PathBuf>) -> &mut Self {
        self.goroot = Some(goroot.into());
        self
    }

    /// Adds local files for suffix matching (rule 5).
    pub fn add_known_files<I, P>(&mut self, files: I) -> &mut Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        for f in files {
            let f = f.into();
            if let Some(name) = f.file_name().and_then(|n| n.to_str()) {
                let entry = self.known.entry(name.to_owned()).or_default();
                if !entry.contains(&f) {
                    entry.push(f);
                }
            }
        }
        self
    }

    /// Adds every `.go` file under `dir` as a known file, skipping directories named `testdata`,
    /// `vendor`, or starting with `.` or `_` (as the go tool does). Unreadable directories are
    /// skipped silently; the walk stops after 200 000 files.
    pub fn add_go_files_under(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        let mut files = Vec::new();
        let mut stack = vec![dir.as_ref().to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            for e in entries.flatten() {
                let path = e.path();
                let name = e.file_name();
                let name = name.to_string_lossy();
                let Ok(ft) = e.file_type() else { continue };
                if ft.is_dir() {
                    if !(name.starts_with('.')
                        || name.starts_with('_')
                        || name == "testdata"
                        || name == "vendor")
                    {
                        stack.push(path);
                    }
                } else if ft.is_file() && name.ends_with(".go") {
                    files.push(path);
                    if files.len() >= MAX_SCANNED_FILES {
                        stack.clear();
                        break;
                    }
                }
            }
        }
        files.sort();
        self.add_known_files(files)
    }

    /// The local file for a profile file name, or `None` when no rule finds one.
    pub fn resolve(&self, profile_file: &str) -> Option<PathBuf> {
        self.resolve_with_rule(profile_file).map(|(p, _)| p)
    }

    /// [`resolve`](Self::resolve), also telling which rule matched.
    pub fn resolve_with_rule(&self, profile_file: &str) -> Option<(PathBuf, MatchRule)> {
        if profile_file.is_empty() {
            return None;
        }
        let name = profile_file.replace('\\', "/");
        let is_abs = Path::new(profile_file).is_absolute() || name.starts_with('/');
        if is_abs && Path::new(profile_file).is_file() {
            return Some((PathBuf::from(profile_file), MatchRule::Exact));
        }
        if let (Some(rest), Some(goroot)) = (name.strip_prefix("$GOROOT/"), &self.goroot) {
            let p = join_rel(goroot, rest);
            if p.is_file() {
                return Some((p, MatchRule::GorootPrefix));
            }
        }
        if !is_abs {
            for (module, dir) in &self.modules {
                let rel = if name == *module {
                    Some("")
                } else {
                    name.strip_prefix(module.as_str()).and_then(|r| r.strip_prefix('/'))
                };
                if let Some(rel) = rel {
                    let p = join_rel(dir, rel);
                    if p.is_file() {
                        return Some((p, MatchRule::Module));
                    }
                }
            }
            let first = name.split('/').next().unwrap_or("");
            if let Some(goroot) = &self.goroot
                && !first.contains('.')
                && !first.is_empty()
                && name.contains('/')
            {
                let p = join_rel(&goroot.join("src"), &name);
                if p.is_file() {
                    return Some((p, MatchRule::Std));
                }
            }
        }
        self.suffix_match(&name).map(|p| (p, MatchRule::Suffix))
    }

    fn suffix_match(&self, name: &str) -> Option<PathBuf> {
        let wanted: Vec<&str> = name.split('/').filter(|c| !c.is_empty()).rev().collect();
        let candidates = self.known.get(*wanted.first()?)?;
        let mut best: Option<&PathBuf> = None;
        let mut best_len = 0;
        let mut tie = false;
        for cand in candidates {
            let cand_str = cand.to_string_lossy().replace('\\', "/");
            let len = cand_str
                .split('/')
                .filter(|c| !c.is_empty())
                .rev()
                .zip(&wanted)
                .take_while(|(a, b)| a == *b)
                .count();
            if len > best_len {
                best = Some(cand);
                best_len = len;
                tie = false;
            } else if len == best_len && best.is_some_and(|b| b != cand) {
                tie = true;
            }
        }
        if tie { None } else { best.cloned() }
    }
}

/// `base` joined with a `/`-separated relative path, ignoring `.`/empty components and refusing
/// to climb with `..`.
fn join_rel(base: &Path, rel: &str) -> PathBuf {
    let mut p = base.to_path_buf();
    for c in rel.split('/') {
        match c {
            "" | "." => {}
            ".." => return PathBuf::new(),
            c => p.push(c),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake machine: a module, a GOROOT and an unrelated checkout, all with real files.
    struct Fixture {
        _dir: tempfile::TempDir,
        root: PathBuf,
    }

    impl Fixture {
        fn new() -> Self {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().canonicalize().unwrap();
            for f in [
                "mod/go.mod",
                "mod/pkg/x.go",
                "mod/sub/go.mod",
                "mod/sub/y.go",
                "mod/main.go",
                "goroot/src/fmt/print.go",
                "goroot/src/runtime/iface.go",
                "other/a/util.go",
                "other/b/util.go",
                "other/b/deep/util.go",
                "other/.hidden/h.go",
                "other/testdata/t.go",
            ] {
                let p = root.join(f);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, "package x\n").unwrap();
            }
            Fixture { _dir: dir, root }
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.root.join(rel)
        }

        fn matcher(&self) -> PathMatcher {
            let mut m = PathMatcher::new();
            m.add_module("example.com/mod", self.path("mod"))
                .add_module("example.com/mod/sub", self.path("mod/sub"))
                .set_goroot(self.path("goroot"));
            m
        }
    }

    fn rule(m: &PathMatcher, name: &str) -> Option<(PathBuf, MatchRule)> {
        m.resolve_with_rule(name)
    }

    #[test]
    fn exact_absolute_path() {
        let fx = Fixture::new();
        let m = PathMatcher::new();
        let x = fx.path("mod/pkg/x.go");
        assert_eq!(rule(&m, x.to_str().unwrap()), Some((x.clone(), MatchRule::Exact)));
        assert_eq!(m.resolve(fx.path("mod/pkg/missing.go").to_str().unwrap()), None);
        assert_eq!(m.resolve(""), None);
    }

    #[test]
    fn trimpath_module_form_longest_module_wins() {
        let fx = Fixture::new();
        let m = fx.matcher();
        assert_eq!(rule(&m, "example.com/mod/pkg/x.go"), Some((fx.path("mod/pkg/x.go"), MatchRule::Module)));
        assert_eq!(rule(&m, "example.com/mod/main.go"), Some((fx.path("mod/main.go"), MatchRule::Module)));
        // The nested module, not mod/sub/y.go through the outer one (same file here, but the
        // rule must pick the inner module's directory).
        let mut nested = PathMatcher::new();
        nested
            .add_module("example.com/mod", fx.path("other"))
            .add_module("example.com/mod/sub", fx.path("mod/sub"));
        assert_eq!(
            rule(&nested, "example.com/mod/sub/y.go"),
            Some((fx.path("mod/sub/y.go"), MatchRule::Module))
        );
        // A prefix that is not a path element boundary does not match.
        assert_eq!(m.resolve("example.com/module/pkg/x.go"), None);
        // Missing file: no answer, and no climbing out with `..`.
        assert_eq!(m.resolve("example.com/mod/pkg/nope.go"), None);
        assert_eq!(m.resolve("example.com/mod/../other/a/util.go"), None);
    }

    #[test]
    fn trimpath_std_form_and_goroot_prefix() {
        let fx = Fixture::new();
        let m = fx.matcher();
        assert_eq!(rule(&m, "fmt/print.go"), Some((fx.path("goroot/src/fmt/print.go"), MatchRule::Std)));
        assert_eq!(
            rule(&m, "runtime/iface.go"),
            Some((fx.path("goroot/src/runtime/iface.go"), MatchRule::Std))
        );
        assert_eq!(
            rule(&m, "$GOROOT/src/fmt/print.go"),
            Some((fx.path("goroot/src/fmt/print.go"), MatchRule::GorootPrefix))
        );
        // No GOROOT: neither rule applies.
        let bare = PathMatcher::new();
        assert_eq!(bare.resolve("fmt/print.go"), None);
        assert_eq!(bare.resolve("$GOROOT/src/fmt/print.go"), None);
        // Dotted first element is a module path, not std.
        assert_eq!(m.resolve("example.org/fmt/print.go"), None);
    }

    #[test]
    fn suffix_match_for_foreign_machines() {
        let fx = Fixture::new();
        let mut m = fx.matcher();
        m.add_go_files_under(fx.path("mod"));
        m.add_go_files_under(fx.path("other"));
        m.add_go_files_under(fx.path("goroot/src"));
        // A build-machine path of the module.
        assert_eq!(
            rule(&m, "/home/ci/work/mod/pkg/x.go"),
            Some((fx.path("mod/pkg/x.go"), MatchRule::Suffix))
        );
        // Another machine's GOROOT.
        assert_eq!(
            rule(&m, "/nonexistent-build-host/go/src/fmt/print.go"),
            Some((fx.path("goroot/src/fmt/print.go"), MatchRule::Suffix))
        );
        // Windows separators.
        assert_eq!(m.resolve("C:\\build\\mod\\pkg\\x.go"), Some(fx.path("mod/pkg/x.go")));
        // The longest suffix wins: b/deep/util.go over a/util.go and b/util.go.
        assert_eq!(m.resolve("/x/y/b/deep/util.go"), Some(fx.path("other/b/deep/util.go")));
        assert_eq!(m.resolve("/x/y/a/util.go"), Some(fx.path("other/a/util.go")));
        // Only the file name in common with three candidates: ambiguous.
        assert_eq!(m.resolve("/x/y/c/util.go"), None);
        // Unknown file name.
        assert_eq!(m.resolve("/x/y/zzz.go"), None);
        // Hidden and testdata directories were not scanned.
        assert_eq!(m.resolve("/elsewhere/.hidden/h.go"), None);
        assert_eq!(m.resolve("/elsewhere/testdata/t.go"), None);
        // Adding the same file twice does not make it ambiguous.
        m.add_known_files([fx.path("mod/main.go")]);
        assert_eq!(m.resolve("/ci/mod/main.go"), Some(fx.path("mod/main.go")));
        // Relative trimpath names that no module or std rule resolves fall back to the suffix.
        assert_eq!(
            rule(&m, "github.com/someone/mod/pkg/x.go"),
            Some((fx.path("mod/pkg/x.go"), MatchRule::Suffix))
        );
    }

    #[test]
    fn exact_beats_suffix() {
        let fx = Fixture::new();
        let mut m = PathMatcher::new();
        m.add_known_files([fx.path("other/a/util.go")]);
        let b = fx.path("other/b/util.go");
        assert_eq!(rule(&m, b.to_str().unwrap()), Some((b.clone(), MatchRule::Exact)));
    }
}
