//! How `go` shortens file names in what it prints (`cmd/go`'s `base.ShortPath` and the
//! package-directory rewriting of `reportCmd`), reproduced so that `--format gc` output is
//! byte-identical and human output shows the same names.

use std::path::{Component, Path, PathBuf};

/// `path` relative to `cwd` when that is shorter and names the same file; else `path`.
pub fn short_path(path: &str, cwd: &Path) -> String {
    let Some(rel) = relative(Path::new(path), cwd) else { return path.to_string() };
    let rel_s = rel.to_string_lossy();
    if rel_s.len() < path.len() && same_file(&cwd.join(&rel), Path::new(path)) {
        rel_s.into_owned()
    } else {
        path.to_string()
    }
}

/// Go's `filepath.Rel` for two absolute, clean paths.
fn relative(target: &Path, base: &Path) -> Option<PathBuf> {
    if !target.is_absolute() || !base.is_absolute() {
        return None;
    }
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c.as_os_str());
    }
    if rel.as_os_str().is_empty() {
        rel.push(".");
    }
    Some(rel)
}

/// `cmd/go`'s `sameFile`: both exist and are the same file, or neither exists.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => same_inode(a, &ma, b, &mb),
        (Err(ea), Err(eb)) => {
            ea.kind() == std::io::ErrorKind::NotFound && eb.kind() == std::io::ErrorKind::NotFound
        }
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(_: &Path, ma: &std::fs::Metadata, _: &Path, mb: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    ma.dev() == mb.dev() && ma.ino() == mb.ino()
}

#[cfg(not(unix))]
fn same_inode(a: &Path, _: &std::fs::Metadata, b: &Path, _: &std::fs::Metadata) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Rewrites absolute paths in a package's output the way `go build` does: the package
/// directory and then each of its parents is replaced by its short form wherever it starts a
/// line or follows a space or tab.
pub fn rewrite_output(text: &str, pkg_dir: &str, cwd: &Path) -> String {
    let mut out = text.to_string();
    if pkg_dir.is_empty() {
        return out;
    }
    let mut dir = PathBuf::from(pkg_dir);
    loop {
        let d = dir.to_string_lossy().into_owned();
        let reldir = short_path(&d, cwd);
        if reldir != d {
            out = replace_prefix(&out, &d, &reldir);
        }
        match dir.parent() {
            Some(p) if p != dir => dir = p.to_path_buf(),
            _ => break,
        }
    }
    out
}

/// `cmd/go`'s `replacePrefix`: replaces `old` where it starts the text or a line, or follows
/// a space or a tab at the start of a line.
fn replace_prefix(s: &str, old: &str, new: &str) -> String {
    if !s.contains(old) {
        return s.to_string();
    }
    let mut s = s.replace(&format!(" {old}"), &format!(" {new}"));
    s = s.replace(&format!("\n{old}"), &format!("\n{new}"));
    s = s.replace(&format!("\n\t{old}"), &format!("\n\t{new}"));
    if let Some(rest) = s.strip_prefix(old) {
        s = format!("{new}{rest}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative(Path::new("/a/b/c.go"), Path::new("/a/b")).unwrap(), Path::new("c.go"));
        assert_eq!(relative(Path::new("/a/x/c.go"), Path::new("/a/b")).unwrap(), Path::new("../x/c.go"));
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b")).unwrap(), Path::new("."));
    }

    #[test]
    fn rewrites_like_go() {
        let dir = std::env::temp_dir().join(format!("heapscope-paths-{}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("x.go"), "package p\n").unwrap();
        let pkg_s = pkg.to_string_lossy().into_owned();
        let text = format!(
            "{pkg_s}/x.go:3:4: moved to heap: x\n{pkg_s}/x.go:3:4:     from &x (address-of) at {pkg_s}/x.go:4:9\n"
        );
        // From the package directory: `./x.go`.
        let got = rewrite_output(&text, &pkg_s, &pkg);
        assert_eq!(got, "./x.go:3:4: moved to heap: x\n./x.go:3:4:     from &x (address-of) at ./x.go:4:9\n");
        // From the parent: `pkg/x.go`.
        let got = rewrite_output(&text, &pkg_s, &dir);
        assert!(got.starts_with("pkg/x.go:3:4: moved"), "{got}");
        // From a far directory, an absolute path is shorter than `../../..`.
        let got = rewrite_output(&text, &pkg_s, Path::new("/"));
        assert!(got.starts_with(&pkg_s[1..]) || got.starts_with(&pkg_s), "{got}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn replace_prefix_only_at_word_starts() {
        assert_eq!(replace_prefix("/a/x /a/y z/a/w\n/a/v", "/a", "."), "./x ./y z/a/w\n./v");
    }
}
