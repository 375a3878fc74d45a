//! `go_loader`: finds the Go packages named by some patterns plus all their
//! dependencies, with their build-constraint filtered files and resolved
//! import graph. Two backends give the same answer:
//!
//! * [`Backend::GoList`]: `go list -e -deps -json` (module-aware, vendoring,
//!   build tags, GOOS/GOARCH) when a go command is available;
//! * [`Backend::Walk`]: a plain walk of `$GOROOT/src` (with its `vendor`
//!   directory) and of the main module found through `go.mod`, filtering
//!   files with [`go_syntax::build`].
//!
//! Packages come back in import order (every package after its imports);
//! [`LoadResult::map_in_import_order_parallel`] runs work over that graph
//! with rayon, a package starting as soon as all its imports are done.

mod golist;
mod graph;
mod header;
mod walk;

use std::fmt;
use std::path::{Path, PathBuf};

pub use graph::import_order;

/// The import path gc gives to `.go` files named on the command line.
pub const COMMAND_LINE_ARGUMENTS: &str = "command-line-arguments";

/// Which way packages are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `go list -e -deps -json`.
    GoList,
    /// Walk of `$GOROOT/src` and the main module, no go command needed.
    Walk,
}

/// What to load and for which build configuration.
#[derive(Clone, Debug)]
pub struct LoadConfig {
    /// Directory patterns and relative paths are resolved against (the go
    /// command runs here; the walk finds `go.mod` upwards from here).
    pub dir: PathBuf,
    /// Target OS; `None`: `$GOOS`, else `linux`.
    pub goos: Option<String>,
    /// Target architecture; `None`: `$GOARCH`, else `amd64`.
    pub goarch: Option<String>,
    /// Extra build tags (`-tags`).
    pub tags: Vec<String>,
    /// The Go root; `None`: `go env GOROOT` when a go command is given,
    /// else `$GOROOT`.
    pub goroot: Option<PathBuf>,
    /// The go command. `None` selects the walk backend.
    pub go_cmd: Option<PathBuf>,
    /// Whether cgo is enabled (`CGO_ENABLED`). heapscope never type-checks
    /// cgo files, so the default is `false`: files importing "C" are then
    /// excluded the way go/build excludes them.
    pub cgo_enabled: bool,
}

impl LoadConfig {
    /// A configuration for `dir` with everything else defaulted.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        LoadConfig {
            dir: dir.into(),
            goos: None,
            goarch: None,
            tags: Vec::new(),
            goroot: None,
            go_cmd: None,
            cgo_enabled: false,
        }
    }

    /// The effective GOOS.
    pub fn goos(&self) -> String {
        self.goos.clone().or_else(|| env_nonempty("GOOS")).unwrap_or_else(|| "linux".into())
    }

    /// The effective GOARCH.
    pub fn goarch(&self) -> String {
        self.goarch.clone().or_else(|| env_nonempty("GOARCH")).unwrap_or_else(|| "amd64".into())
    }

    /// The go/build context equivalent of this configuration.
    pub fn build_context(&self) -> go_syntax::build::BuildContext {
        go_syntax::build::BuildContext {
            goos: self.goos(),
            goarch: self.goarch(),
            tags: self.tags.clone(),
            cgo_enabled: self.cgo_enabled,
            ..Default::default()
        }
    }

    /// The go command to use: `$GOROOT/bin/go` when a Go root is set and has
    /// one, else the first `go` on `$PATH`, else `None`.
    pub fn find_go_cmd(goroot: Option<&Path>) -> Option<PathBuf> {
        if let Some(root) = goroot {
            let g = root.join("bin").join("go");
            if g.is_file() {
                return Some(g);
            }
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).map(|d| d.join("go")).find(|g| g.is_file())
    }
}

fn env_nonempty(k: &str) -> Option<String> {
    std::env::var(k).ok().filter(|v| !v.is_empty())
}

/// The module a package belongs to (`go list`'s `Module`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleInfo {
    pub path: String,
    pub dir: Option<PathBuf>,
    pub version: Option<String>,
    /// The `go` line of its go.mod.
    pub go_version: Option<String>,
    /// Whether this is the main module.
    pub main: bool,
}

/// One package.
#[derive(Clone, Debug, Default)]
pub struct Package {
    pub import_path: String,
    /// Package clause name (empty if no file was found).
    pub name: String,
    pub dir: PathBuf,
    /// Absolute paths of the Go files of the build, sorted by name (cgo
    /// files excluded).
    pub go_files: Vec<PathBuf>,
    /// Files importing "C" that heapscope leaves out (only when cgo is
    /// enabled; they are not type-checked).
    pub cgo_files_skipped: Vec<PathBuf>,
    /// Resolved import paths (after vendoring), sorted, without "C".
    pub imports: Vec<String>,
    /// Import path as written in the source -> resolved import path, for
    /// the imports where they differ (vendoring).
    pub import_map: Vec<(String, String)>,
    /// Whether the package is part of the standard library.
    pub standard: bool,
    pub module: Option<ModuleInfo>,
    /// Whether the package was only loaded as a dependency of the named ones.
    pub dep_only: bool,
    /// The package's own loading error, if any.
    pub error: Option<String>,
}

impl Package {
    /// The resolved import path for `path` as written in one of the
    /// package's files.
    pub fn resolve_import<'a>(&'a self, path: &'a str) -> &'a str {
        self.import_map.iter().find(|(k, _)| k == path).map_or(path, |(_, v)| v.as_str())
    }
}

/// A loading problem (the package list is still returned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The package the error belongs to (empty for global errors).
    pub import_path: String,
    pub msg: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.import_path.is_empty() {
            write!(f, "{}", self.msg)
        } else {
            write!(f, "{}: {}", self.import_path, self.msg)
        }
    }
}

/// The packages found and the problems met.
#[derive(Clone, Debug)]
pub struct LoadResult {
    /// All packages, every one after its imports (import cycles are broken
    /// arbitrarily and reported in `errors`).
    pub packages: Vec<Package>,
    pub errors: Vec<LoadError>,
    pub backend: Backend,
    /// The Go root used.
    pub goroot: Option<PathBuf>,
    /// For each package, the indices (into `packages`) of its imports that
    /// were loaded.
    pub deps: Vec<Vec<usize>>,
}

impl LoadResult {
    fn from_packages(packages: Vec<Package>, mut errors: Vec<LoadError>, backend: Backend) -> Self {
        let (packages, deps, cycle_errs) = graph::sort(packages);
        errors.extend(cycle_errs);
        LoadResult { packages, errors, backend, goroot: None, deps }
    }

    /// Index of the package with the given import path.
    pub fn index(&self, import_path: &str) -> Option<usize> {
        self.packages.iter().position(|p| p.import_path == import_path)
    }

    /// The package with the given import path.
    pub fn package(&self, import_path: &str) -> Option<&Package> {
        self.index(import_path).map(|i| &self.packages[i])
    }

    /// Runs `f` once per package in parallel (rayon), each package only
    /// after all its loaded imports finished. `f` gets the package index,
    /// the package and the results of its imports (same order as
    /// `deps[i]`). Returns the results by package index.
    pub fn map_in_import_order_parallel<T, F>(&self, f: F) -> Vec<T>
    where
        T: Send + Sync,
        F: Fn(usize, &Package, &[&T]) -> T + Sync,
    {
        graph::run_parallel(&self.packages, &self.deps, f)
    }

    /// Runs `f` once per package in parallel, each after all its imports.
    pub fn for_each_in_import_order_parallel<F>(&self, f: F)
    where
        F: Fn(usize, &Package) + Sync,
    {
        self.map_in_import_order_parallel(|i, p, _: &[&()]| f(i, p));
    }

    /// Parses every Go file of every package with go_syntax (in parallel).
    /// Result `i` holds package `i`'s files in `go_files` order; a file that
    /// cannot be read gives an error entry instead.
    pub fn parse_all(&self) -> Vec<Vec<ParsedFile>> {
        use rayon::prelude::*;
        self.packages
            .par_iter()
            .map(|p| p.go_files.par_iter().map(|f| ParsedFile::parse(f)).collect())
            .collect()
    }
}

/// One file parsed by [`LoadResult::parse_all`].
#[derive(Debug)]
pub struct ParsedFile {
    pub path: PathBuf,
    /// The syntax tree and its syntax errors, or the read error.
    pub result: Result<(go_syntax::File, Vec<go_syntax::SyntaxError>), String>,
}

impl ParsedFile {
    /// Reads and parses one file.
    pub fn parse(path: &Path) -> ParsedFile {
        let result = std::fs::read(path)
            .map(|src| go_syntax::parse_file_vec(&path.to_string_lossy(), src))
            .map_err(|e| format!("{}: {e}", path.display()));
        ParsedFile { path: path.to_path_buf(), result }
    }
}

/// Entry point: loads packages with the backend the configuration selects.
#[derive(Clone, Copy, Debug, Default)]
pub struct Loader;

impl Loader {
    /// Loads `patterns` (import paths, `std`, `./dir`, `path/...`, or `.go`
    /// files forming `command-line-arguments`) and all their dependencies:
    /// with `go list` when `cfg.go_cmd` is set, by walking otherwise.
    pub fn load(patterns: &[String], cfg: &LoadConfig) -> LoadResult {
        match cfg.go_cmd {
            Some(_) => Self::load_with(Backend::GoList, patterns, cfg),
            None => Self::load_with(Backend::Walk, patterns, cfg),
        }
    }

    /// Loads with an explicit backend (`GoList` without `cfg.go_cmd` looks
    /// for a go command with [`LoadConfig::find_go_cmd`]).
    pub fn load_with(backend: Backend, patterns: &[String], cfg: &LoadConfig) -> LoadResult {
        match backend {
            Backend::GoList => golist::load(patterns, cfg),
            Backend::Walk => walk::load(patterns, cfg),
        }
    }
}
