//! Test support shared by heapscope's crates: where the pinned Go toolchain is, and how a test
//! reacts when it is missing (fail under CI, skip loudly elsewhere).

use std::path::PathBuf;

/// The Go release the tests pin (installed by `scripts/install-go.sh`).
pub const PINNED_GO: &str = "1.27.3";

/// The pinned toolchain's GOROOT (`$HEAPSCOPE_GOROOT`, else `~/.cache/heapscope/go1.27.3`),
/// or `None` with a loud notice when it is not installed. Under CI (`$CI` set) a missing
/// toolchain panics: a test must never pass by skipping there.
pub fn pinned_goroot() -> Option<PathBuf> {
    let dir = std::env::var_os("HEAPSCOPE_GOROOT").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
            .join(".cache/heapscope")
            .join(format!("go{PINNED_GO}"))
    });
    if dir.join("bin").join("go").is_file() {
        return Some(dir);
    }
    let msg =
        format!("pinned Go toolchain missing at {}: run scripts/install-go.sh {PINNED_GO}", dir.display());
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
    None
}

/// The scratch module holding the vendored real-world Go modules of the type checker's module
/// differential (`$HEAPSCOPE_MODULES_DIR`, else `~/.cache/heapscope/modules/current`, both made
/// by `scripts/fetch-modules.sh`), or `None` with a loud notice when it is not there. Like
/// [`pinned_goroot`], a missing set panics under CI.
pub fn go_modules_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HEAPSCOPE_MODULES_DIR").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/heapscope/modules/current")
    });
    if dir.join("vendor/modules.txt").is_file() && dir.join("packages.txt").is_file() {
        return Some(dir);
    }
    let msg = format!("real-world Go modules missing at {}: run scripts/fetch-modules.sh", dir.display());
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
    None
}
