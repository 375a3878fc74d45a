//! Baseline files: one accepted heap site per line, tab-separated, sorted, with a header
//! comment, so that a change to the baseline reads well in a diff.
//!
//! ```text
//! # heapscope baseline v1 (go1.27.3): fingerprint, package, function, shape, subject
//! 0a1b2c3d4e5f6789 heapscope.dev/examples NewPoint address-of-local p     (fields separated by tabs)
//! ```

use heapscope_explain::Finding;
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::Path;

/// The version written in the header; a file with another version is refused.
pub const FORMAT: &str = "heapscope baseline v1";

/// One accepted site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub package: String,
    pub function: String,
    pub shape: String,
    pub subject: String,
    pub fingerprint: String,
}

impl Entry {
    pub fn of(f: &Finding) -> Self {
        Entry {
            package: f.package.clone(),
            function: f.function.clone().unwrap_or_default(),
            shape: f.shape.id().to_string(),
            subject: f.subject.clone(),
            fingerprint: f.fingerprint.clone(),
        }
    }
}

/// Which findings belong in a baseline: heap sites, not constants boxed into read-only data.
pub fn counts(f: &Finding) -> bool {
    !f.static_data
}

/// A baseline file's entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub entries: BTreeSet<Entry>,
}

/// The result of comparing findings with a baseline.
#[derive(Debug, Default)]
pub struct Comparison<'a> {
    /// Findings whose fingerprint the baseline does not hold.
    pub new: Vec<&'a Finding>,
    /// Baseline entries no finding matches any more.
    pub fixed: Vec<Entry>,
}

impl Baseline {
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        Baseline { entries: findings.into_iter().filter(|f| counts(f)).map(Entry::of).collect() }
    }

    /// Parses a baseline file's text. Errors name the line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut entries = BTreeSet::new();
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h.starts_with(&format!("# {FORMAT}")) => {}
            Some((_, h)) => {
                return Err(format!(
                    "line 1: not a heapscope baseline (expected `# {FORMAT} ...`, found {h:?})"
                ));
            }
            None => return Err("empty file: not a heapscope baseline".into()),
        }
        for (i, line) in lines {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [fingerprint, package, function, shape, subject] = cols[..] else {
                return Err(format!("line {}: expected 5 tab-separated fields, found {}", i + 1, cols.len()));
            };
            if fingerprint.len() != 16 || !fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!("line {}: {fingerprint:?} is not a fingerprint", i + 1));
            }
            entries.insert(Entry {
                package: package.into(),
                function: function.into(),
                shape: shape.into(),
                subject: unescape(subject),
                fingerprint: fingerprint.into(),
            });
        }
        Ok(Baseline { entries })
    }

    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Baseline::parse(&text).map_err(|e| format!("{}:{e}", path.display()))
    }

    /// The file's text.
    pub fn render(&self, go_version: &str) -> String {
        let mut s = format!("# {FORMAT} ({go_version}): fingerprint, package, function, shape, subject\n");
        let mut sorted: Vec<&Entry> = self.entries.iter().collect();
        sorted.sort();
        for e in sorted {
            s.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                e.fingerprint,
                e.package,
                e.function,
                e.shape,
                escape(&e.subject)
            ));
        }
        s
    }

    /// Writes the file atomically: a temporary file in the same directory, then a rename.
    pub fn write(&self, path: &Path, go_version: &str) -> io::Result<()> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(self.render(go_version).as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Splits `findings` into new ones and baseline entries that are gone.
    pub fn compare<'a>(&self, findings: &'a [Finding]) -> Comparison<'a> {
        let have: BTreeSet<&str> = self.entries.iter().map(|e| e.fingerprint.as_str()).collect();
        let now: BTreeSet<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
        Comparison {
            new: findings.iter().filter(|f| counts(f) && !have.contains(f.fingerprint.as_str())).collect(),
            fixed: self.entries.iter().filter(|e| !now.contains(e.fingerprint.as_str())).cloned().collect(),
        }
    }
}

/// Subjects are IR text: tabs and newlines cannot appear, but be safe.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use heapscope_explain::{Shape, Via};
    use heapscope_model::Pos;

    fn f(fp: &str, subject: &str) -> Finding {
        Finding {
            fingerprint: fp.into(),
            package: "p".into(),
            diagnostic: 0,
            pos: Pos::new("/x.go", 1, 1),
            function: Some("F".into()),
            subject: subject.into(),
            message: String::new(),
            shape: Shape::AddressOfLocal,
            via: Via::Returned,
            may_allocate: false,
            static_data: false,
            chain: vec![],
            occurrences: 1,
        }
    }

    #[test]
    fn round_trip_and_compare() {
        let a = f("00000000000000aa", "x");
        let b = f("00000000000000bb", "y\tz");
        let base = Baseline::from_findings([&a, &b]);
        let text = base.render("go1.27.3");
        assert!(text.starts_with("# heapscope baseline v1 (go1.27.3)"));
        assert_eq!(Baseline::parse(&text).unwrap(), base);
        let c = f("00000000000000cc", "w");
        let now = vec![a.clone(), c.clone()];
        let cmp = base.compare(&now);
        assert_eq!(cmp.new.iter().map(|f| f.subject.as_str()).collect::<Vec<_>>(), ["w"]);
        assert_eq!(cmp.fixed.len(), 1);
        assert_eq!(cmp.fixed[0].subject, "y\tz");
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Baseline::parse("").is_err());
        assert!(Baseline::parse("hello\n").unwrap_err().contains("not a heapscope baseline"));
        let e = Baseline::parse("# heapscope baseline v1\nabc\tp\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
    }

    #[test]
    fn atomic_write() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("heap.baseline");
        let base = Baseline::from_findings([&f("00000000000000aa", "x")]);
        base.write(&p, "go1.27.3").unwrap();
        assert_eq!(Baseline::read(&p).unwrap(), base);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }
}
