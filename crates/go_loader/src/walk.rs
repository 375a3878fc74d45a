//! The walk backend: no go command, just `$GOROOT/src` (vendored std
//! dependencies under `$GOROOT/src/vendor`) and the main module found by
//! looking for `go.mod` upwards from the working directory (its `vendor`
//! directory too). Files are filtered with [`go_syntax::build`]; imports
//! are read by parsing the files with go_syntax. Module dependencies
//! outside the main module and its vendor directory are not resolved (they
//! are reported as errors).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use go_syntax::build::{BuildContext, file_matches};
use go_syntax::{DeclKind, ExprKind};
use rayon::prelude::*;

use crate::{Backend, COMMAND_LINE_ARGUMENTS, LoadConfig, LoadError, LoadResult, ModuleInfo, Package};

/// The main module (from go.mod).
#[derive(Clone, Debug)]
struct MainModule {
    path: String,
    root: PathBuf,
    go_version: Option<String>,
}

struct Walker {
    goroot: PathBuf,
    ctx: BuildContext,
    module: Option<MainModule>,
    dir: PathBuf,
}

pub(crate) fn load(patterns: &[String], cfg: &LoadConfig) -> LoadResult {
    let goroot = cfg.goroot.clone().or_else(|| std::env::var_os("GOROOT").map(PathBuf::from));
    let Some(goroot) = goroot else {
        let mut r = LoadResult::from_packages(
            Vec::new(),
            vec![LoadError { import_path: String::new(), msg: "GOROOT not set and no go command".into() }],
            Backend::Walk,
        );
        r.goroot = None;
        return r;
    };
    let dir = absolute(&cfg.dir);
    let mut ctx = cfg.build_context();
    if let Some(minor) = goroot_minor(&goroot) {
        ctx.go_minor = minor;
    }
    ctx.tags.extend(experiment_tags(&goroot, &ctx.goos, &ctx.goarch));
    let module = find_main_module(&dir, &goroot);
    let w = Walker { goroot: goroot.clone(), ctx, module, dir };
    let mut r = w.run(patterns);
    r.goroot = Some(goroot);
    r
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    }
}

/// Lexically cleans a path (`.`/`..` components).
fn clean(p: &Path) -> PathBuf {
    PathBuf::from(go_syntax::pos::clean_path(&p.to_string_lossy()))
}

/// The minor version from `$GOROOT/VERSION` (`go1.27.3` -> 27).
fn goroot_minor(goroot: &Path) -> Option<u32> {
    let v = std::fs::read_to_string(goroot.join("VERSION")).ok()?;
    let first = v.lines().next()?.trim();
    first.strip_prefix("go1.")?.split(['.', 'r', 'b', '-']).next()?.parse().ok()
}

/// The `goexperiment.*` build tags the go command sets: the toolchain's
/// baseline experiments (read from `internal/buildcfg/exp.go`, whose
/// `baseline` literal lists them) adjusted by `$GOEXPERIMENT`.
fn experiment_tags(goroot: &Path, goos: &str, goarch: &str) -> Vec<String> {
    let mut on: Vec<String> = Vec::new();
    let text = std::fs::read_to_string(goroot.join("src/internal/buildcfg/exp.go")).unwrap_or_default();
    let regabi = matches!(goarch, "amd64" | "arm64" | "loong64" | "ppc64le" | "ppc64" | "riscv64" | "s390x");
    let dwarf5 = !matches!(goos, "darwin" | "ios" | "aix");
    if let Some(start) = text.find("baseline := goexperiment.Flags{") {
        for line in text[start..].lines().skip(1) {
            let line = line.trim();
            if line.starts_with('}') {
                break;
            }
            let Some((name, value)) = line.trim_end_matches(',').split_once(':') else { continue };
            let enabled = match value.trim() {
                "true" => true,
                "regabiSupported" | "regabiAlwaysOn" => regabi,
                "dwarf5Supported" => dwarf5,
                _ => false,
            };
            if enabled {
                on.push(name.trim().to_ascii_lowercase());
            }
        }
    }
    for exp in std::env::var("GOEXPERIMENT").unwrap_or_default().split(',').map(str::trim) {
        if exp.is_empty() {
            continue;
        }
        let lower = exp.to_ascii_lowercase();
        if let Some(off) = lower.strip_prefix("no") {
            on.retain(|e| e != off);
        } else if !on.contains(&lower) {
            on.push(lower);
        }
    }
    on.into_iter().map(|e| format!("goexperiment.{e}")).collect()
}

fn find_main_module(dir: &Path, goroot: &Path) -> Option<MainModule> {
    let std_root = clean(&goroot.join("src"));
    let mut d = Some(dir);
    while let Some(cur) = d {
        let gomod = cur.join("go.mod");
        if gomod.is_file() {
            if clean(cur) == std_root {
                return None;
            }
            let text = std::fs::read_to_string(&gomod).ok()?;
            let mut path = None;
            let mut go_version = None;
            for line in text.lines() {
                let line = line.split("//").next().unwrap_or("").trim();
                if let Some(rest) = line.strip_prefix("module") {
                    path = Some(rest.trim().trim_matches('"').to_string());
                } else if let Some(rest) = line.strip_prefix("go ") {
                    go_version = Some(rest.trim().to_string());
                }
            }
            return Some(MainModule { path: path?, root: cur.to_path_buf(), go_version });
        }
        d = cur.parent();
    }
    None
}

/// Whether an import path belongs to the standard library's namespace (no
/// dot in its first element).
fn is_std_path(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// A resolved import: import path, directory, whether in the std tree.
struct Resolved {
    path: String,
    dir: PathBuf,
    standard: bool,
    /// Why the import could not be resolved (then `dir` is empty).
    error: Option<String>,
}

impl Resolved {
    fn ok(path: String, dir: PathBuf, standard: bool) -> Self {
        Resolved { path, dir, standard, error: None }
    }
    fn failed(path: &str, msg: String) -> Self {
        Resolved { path: path.into(), dir: PathBuf::new(), standard: is_std_path(path), error: Some(msg) }
    }
}

impl Walker {
    fn src(&self) -> PathBuf {
        self.goroot.join("src")
    }

    fn run(&self, patterns: &[String]) -> LoadResult {
        let mut errors = Vec::new();
        let mut roots: Vec<Package> = Vec::new();
        let mut todo: Vec<Resolved> = Vec::new();
        let files: Vec<&String> = patterns.iter().filter(|p| p.ends_with(".go")).collect();
        if !files.is_empty() {
            roots.push(self.command_line_package(&files));
        }
        for pat in patterns.iter().filter(|p| !p.ends_with(".go")) {
            match self.expand(pat) {
                Ok(list) if list.is_empty() => errors.push(LoadError {
                    import_path: String::new(),
                    msg: format!("warning: \"{pat}\" matched no packages"),
                }),
                Ok(list) => todo.extend(list),
                Err(msg) => errors.push(LoadError { import_path: pat.clone(), msg }),
            }
        }
        let mut loaded: HashMap<String, Package> = HashMap::new();
        let mut named: HashSet<String> = todo.iter().map(|r| r.path.clone()).collect();
        for mut p in roots {
            named.insert(p.import_path.clone());
            todo.extend(self.resolve_imports(&mut p));
            loaded.insert(p.import_path.clone(), p);
        }
        // Breadth-first over the import graph, one frontier at a time in parallel.
        while !todo.is_empty() {
            let mut seen = HashSet::new();
            todo.retain(|r| !loaded.contains_key(&r.path) && seen.insert(r.path.clone()));
            let mut batch: Vec<Package> = todo.par_iter().map(|r| self.load_package(r)).collect();
            todo = batch.iter_mut().flat_map(|p| self.resolve_imports(p)).collect();
            for p in batch {
                loaded.insert(p.import_path.clone(), p);
            }
        }
        let mut packages: Vec<Package> = loaded.into_values().collect();
        packages.sort_by(|a, b| a.import_path.cmp(&b.import_path));
        for p in &mut packages {
            p.dep_only = !named.contains(&p.import_path);
            if let Some(e) = &p.error {
                errors.push(LoadError { import_path: p.import_path.clone(), msg: e.clone() });
            }
        }
        LoadResult::from_packages(packages, errors, Backend::Walk)
    }

    /// The import path of a directory, if it is in GOROOT/src or the main module.
    fn dir_import_path(&self, dir: &Path) -> Option<Resolved> {
        let dir = clean(dir);
        if let Ok(rel) = dir.strip_prefix(clean(&self.src())) {
            let path = rel.to_string_lossy().to_string();
            if !path.is_empty() {
                return Some(Resolved::ok(path, dir, true));
            }
        }
        let m = self.module.as_ref()?;
        let rel = dir.strip_prefix(clean(&m.root)).ok()?;
        let rel = rel.to_string_lossy();
        let path = if rel.is_empty() { m.path.clone() } else { format!("{}/{rel}", m.path) };
        Some(Resolved::ok(path, dir, false))
    }

    /// Expands one non-file pattern into packages to load.
    fn expand(&self, pat: &str) -> Result<Vec<Resolved>, String> {
        if pat == "std" {
            return Ok(self
                .tree(&self.src(), &|p| !p.starts_with("cmd/") && p != "cmd" && !p.ends_with("/testdata")));
        }
        let is_dir = pat == "."
            || pat == ".."
            || pat.starts_with("./")
            || pat.starts_with("../")
            || pat.starts_with('/');
        let (base, wild) = match pat.strip_suffix("/...") {
            Some(b) => (b, true),
            None if pat == "..." => ("", true),
            None => (pat, false),
        };
        if is_dir {
            let dir = clean(&self.dir.join(base));
            if wild {
                return Ok(self.tree(&dir, &|_| true));
            }
            return self.dir_import_path(&dir).map(|r| vec![r]).ok_or_else(|| {
                format!("directory {} outside main module or its selected dependencies", dir.display())
            });
        }
        if wild {
            let mut out = Vec::new();
            if is_std_path(base) {
                let d = self.src().join(base);
                if d.is_dir() {
                    out = self.tree(&d, &|_| true);
                }
            } else if let Some(m) = &self.module {
                if base == m.path || base.starts_with(&format!("{}/", m.path)) {
                    let rel = base[m.path.len()..].trim_start_matches('/');
                    out = self.tree(&m.root.join(rel), &|_| true);
                } else if m.path.starts_with(&format!("{base}/")) {
                    out = self.tree(&m.root, &|_| true);
                }
            }
            return Ok(out);
        }
        match self.resolve(pat, false, "") {
            Ok(r) => Ok(vec![r]),
            Err(msg) => Ok(vec![Resolved::failed(pat, msg)]),
        }
    }

    /// Packages (directories with Go files) under `root`, skipping
    /// `testdata`, `.`/`_` directories and nested modules.
    fn tree(&self, root: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<Resolved> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            let mut has_go = false;
            let mut subdirs = Vec::new();
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let Ok(ft) = e.file_type() else { continue };
                if ft.is_dir() {
                    if name == "testdata" || name.starts_with('.') || name.starts_with('_') {
                        continue;
                    }
                    let sub = e.path();
                    if sub.join("go.mod").is_file() && sub != *root {
                        continue;
                    }
                    subdirs.push(sub);
                } else if name.ends_with(".go") {
                    has_go = true;
                }
            }
            if has_go
                && self.has_matching_file(&d)
                && let Some(r) = self.dir_import_path(&d)
            {
                // Like go list: the pseudo-package builtin never matches a
                // wildcard, nor runtime/cgo without cgo.
                let skip = r.path == "builtin" || (r.path == "runtime/cgo" && !self.ctx.cgo_enabled);
                if keep(&r.path) && !skip {
                    out.push(r);
                }
            }
            subdirs.sort();
            stack.extend(subdirs.into_iter().rev());
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Whether a directory has a Go file of the build, test files included
    /// (go list's wildcard patterns skip directories whose files are all
    /// excluded).
    fn has_matching_file(&self, dir: &Path) -> bool {
        let Ok(rd) = std::fs::read_dir(dir) else { return false };
        let ctx = BuildContext { include_tests: true, ..self.ctx.clone() };
        rd.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.ends_with(".go")
                && std::fs::read(e.path())
                    .is_ok_and(|src| file_matches(&name, &src, &ctx) && !(self.imports_c_only(&name, &src)))
        })
    }

    /// A non-test file importing "C" does not count without cgo.
    fn imports_c_only(&self, name: &str, src: &[u8]) -> bool {
        !self.ctx.cgo_enabled && !name.ends_with("_test.go") && file_info(Path::new(name), src).imports_c
    }

    /// Resolves an import path seen in a package (`from_std`: whether the
    /// importer is a standard package, `from_path` its import path).
    fn resolve(&self, path: &str, from_std: bool, from_path: &str) -> Result<Resolved, String> {
        let src = self.src();
        if is_std_path(path) {
            let dir = src.join(path);
            if dir.is_dir() {
                return Ok(Resolved::ok(path.into(), dir, true));
            }
            return Err(format!("package {path} is not in std ({})", dir.display()));
        }
        if from_std {
            let vendor =
                if from_path == "cmd" || from_path.starts_with("cmd/") { "cmd/vendor" } else { "vendor" };
            let dir = src.join(vendor).join(path);
            if dir.is_dir() {
                return Ok(Resolved::ok(format!("{vendor}/{path}"), dir, true));
            }
            return Err(format!("cannot find package \"{path}\" in {}", src.join(vendor).display()));
        }
        if let Some(m) = &self.module {
            if path == m.path || path.starts_with(&format!("{}/", m.path)) {
                let rel = path[m.path.len()..].trim_start_matches('/');
                let dir = m.root.join(rel);
                if dir.is_dir() {
                    return Ok(Resolved::ok(path.into(), dir, false));
                }
                return Err(format!("cannot find package \"{path}\" in {}", dir.display()));
            }
            let dir = m.root.join("vendor").join(path);
            if dir.is_dir() {
                return Ok(Resolved::ok(path.into(), dir, false));
            }
        }
        Err(format!("cannot find module providing package {path} (the walk loader reads no module cache)"))
    }

    /// Resolves the package's imports as written: rewrites `imports` to the
    /// resolved paths (recording `import_map`) and returns them for loading.
    fn resolve_imports(&self, p: &mut Package) -> Vec<Resolved> {
        let out: Vec<Resolved> = p
            .imports
            .iter()
            .map(|imp| match self.resolve(imp, p.standard, &p.import_path) {
                Ok(r) => r,
                Err(msg) => Resolved::failed(imp, msg),
            })
            .collect();
        p.import_map = p
            .imports
            .iter()
            .zip(&out)
            .filter(|(a, r)| **a != r.path)
            .map(|(a, r)| (a.clone(), r.path.clone()))
            .collect();
        p.imports = out.iter().map(|r| r.path.clone()).collect();
        p.imports.sort();
        p.imports.dedup();
        out
    }

    fn module_info(&self, standard: bool) -> Option<ModuleInfo> {
        if standard {
            return None;
        }
        self.module.as_ref().map(|m| ModuleInfo {
            path: m.path.clone(),
            dir: Some(m.root.clone()),
            version: None,
            go_version: m.go_version.clone(),
            main: true,
        })
    }

    fn load_package(&self, r: &Resolved) -> Package {
        let mut p = Package {
            import_path: r.path.clone(),
            dir: r.dir.clone(),
            standard: r.standard,
            module: self.module_info(r.standard),
            ..Default::default()
        };
        // An unresolvable import carries its error in place of the directory.
        if let Some(msg) = &r.error {
            p.error = Some(msg.clone());
            p.module = None;
            return p;
        }
        let mut names: Vec<PathBuf> = match std::fs::read_dir(&r.dir) {
            Ok(rd) => rd
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect(),
            Err(e) => {
                p.error = Some(format!("reading {}: {e}", r.dir.display()));
                return p;
            }
        };
        names.sort();
        self.fill_files(&mut p, names, false);
        p
    }

    /// Filters and reads `files` into `p` (names, imports, cgo). With
    /// `all_files` (command-line files) build constraints are ignored.
    fn fill_files(&self, p: &mut Package, files: Vec<PathBuf>, all_files: bool) {
        // Per file: unreadable, excluded (`None`), a test file of the build
        // (`Some(Err(package name))`) or a Go file of the build.
        #[allow(clippy::type_complexity)]
        let infos: Vec<(PathBuf, Result<Option<Result<FileInfo, String>>, String>)> = files
            .into_par_iter()
            .map(|f| {
                let info = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display())).map(|src| {
                    let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                    let is_test = name.ends_with("_test.go");
                    let ok = if all_files {
                        !is_test
                    } else {
                        file_matches(&name, &src, &BuildContext { include_tests: true, ..self.ctx.clone() })
                    };
                    ok.then(|| {
                        let info = file_info(&f, &src);
                        if is_test { Err(info.name) } else { Ok(info) }
                    })
                });
                (f, info)
            })
            .collect();
        let mut imports: Vec<String> = Vec::new();
        let mut first_name: Option<(String, PathBuf)> = None;
        let mut any = false;
        let mut tests = false;
        let mut test_name: Option<String> = None;
        for (f, info) in infos {
            let info = match info {
                Ok(Some(Ok(i))) => i,
                Ok(Some(Err(name))) => {
                    tests = true;
                    if test_name.is_none() {
                        // go/build names an external test package's
                        // directory after it, without the `_test`.
                        test_name = Some(name.strip_suffix("_test").unwrap_or(&name).to_string());
                    }
                    continue;
                }
                Ok(None) => {
                    any = true;
                    continue;
                }
                Err(e) => {
                    p.error.get_or_insert(e);
                    continue;
                }
            };
            any = true;
            if info.name == "documentation" && !all_files {
                continue;
            }
            if info.imports_c && !self.ctx.cgo_enabled {
                continue;
            }
            match &first_name {
                None => first_name = Some((info.name.clone(), f.clone())),
                Some((n, first)) if *n != info.name && p.error.is_none() => {
                    p.error = Some(format!(
                        "found packages {n} ({}) and {} ({}) in {}",
                        first.file_name().unwrap_or_default().to_string_lossy(),
                        info.name,
                        f.file_name().unwrap_or_default().to_string_lossy(),
                        p.dir.display()
                    ));
                }
                _ => {}
            }
            imports.extend(info.imports.into_iter().filter(|i| i != "C"));
            if info.imports_c {
                p.cgo_files_skipped.push(f);
            } else {
                p.go_files.push(f);
            }
        }
        if let Some(n) = first_name.map(|(n, _)| n).or(test_name) {
            p.name = n;
        }
        if p.go_files.is_empty() && p.cgo_files_skipped.is_empty() && !tests && p.error.is_none() {
            p.error = Some(if any {
                format!("build constraints exclude all Go files in {}", p.dir.display())
            } else {
                format!("no Go files in {}", p.dir.display())
            });
        }
        imports.sort();
        imports.dedup();
        p.imports = imports;
    }

    fn command_line_package(&self, files: &[&String]) -> Package {
        let paths: Vec<PathBuf> = files.iter().map(|f| clean(&self.dir.join(f))).collect();
        let dir = paths.first().and_then(|p| p.parent()).map(Path::to_path_buf).unwrap_or_default();
        let mut p = Package {
            import_path: COMMAND_LINE_ARGUMENTS.into(),
            dir: dir.clone(),
            module: self.dir_import_path(&dir).and_then(|r| self.module_info(r.standard)),
            ..Default::default()
        };
        if let Some(other) = paths.iter().find(|f| f.parent() != Some(dir.as_path())) {
            p.error =
                Some(format!("named files must all be in one directory; have {} and {}", dir.display(), {
                    other.parent().map(|d| d.display().to_string()).unwrap_or_default()
                }));
            return p;
        }
        let mut sorted = paths;
        sorted.sort();
        sorted.dedup();
        self.fill_files(&mut p, sorted, true);
        p
    }
}

/// What the loader needs from one file: package name and imports.
struct FileInfo {
    name: String,
    imports: Vec<String>,
    imports_c: bool,
}

fn file_info(path: &Path, src: &[u8]) -> FileInfo {
    // Usually the header reader suffices; odd headers take the parser.
    if let Some(h) = crate::header::read(src) {
        let imports_c = h.imports.iter().any(|i| i == "C");
        return FileInfo { name: h.name, imports: h.imports, imports_c };
    }
    let (file, _) = go_syntax::parse_file(&path.to_string_lossy(), src);
    let name = file.pkg_name.map(|n| file.name_str(n).to_string()).unwrap_or_default();
    let mut imports = Vec::new();
    let mut imports_c = false;
    for d in file.list(file.decl_list) {
        if let DeclKind::Import { path: Some(pe), .. } = &file.decl(d).kind {
            if !matches!(file.expr(*pe).kind, ExprKind::BasicLit { .. }) {
                continue;
            }
            let Some(s) = unquote(file.text(*pe)) else { continue };
            if s == "C" {
                imports_c = true;
            }
            imports.push(s);
        }
    }
    FileInfo { name, imports, imports_c }
}

/// Import path literal value (`"x"` or `` `x` ``; escapes are not expected
/// in import paths and make the import invalid).
fn unquote(lit: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(lit).ok()?;
    let inner = s.strip_prefix('"').and_then(|s| s.strip_suffix('"'));
    let inner = inner.or_else(|| s.strip_prefix('`').and_then(|s| s.strip_suffix('`')))?;
    (!inner.contains('\\')).then(|| inner.to_string())
}
