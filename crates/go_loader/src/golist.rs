//! The `go list -e -deps -json` backend.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use crate::{Backend, LoadConfig, LoadError, LoadResult, ModuleInfo, Package};

const FIELDS: &str =
    "ImportPath,Name,Dir,GoFiles,CgoFiles,Imports,ImportMap,Standard,Module,Error,DepsErrors,DepOnly";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListedPackage {
    import_path: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    dir: String,
    #[serde(default)]
    go_files: Vec<String>,
    #[serde(default)]
    cgo_files: Vec<String>,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    import_map: HashMap<String, String>,
    #[serde(default)]
    standard: bool,
    #[serde(default)]
    dep_only: bool,
    #[serde(default)]
    module: Option<ListedModule>,
    #[serde(default)]
    error: Option<ListedError>,
    #[serde(default)]
    deps_errors: Vec<ListedError>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListedModule {
    #[serde(default)]
    path: String,
    #[serde(default)]
    dir: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    go_version: String,
    #[serde(default)]
    main: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListedError {
    #[serde(default)]
    pos: String,
    #[serde(default)]
    err: String,
}

impl ListedError {
    fn message(&self) -> String {
        if self.pos.is_empty() { self.err.clone() } else { format!("{}: {}", self.pos, self.err) }
    }
}

/// The go command's Go root (`go env GOROOT`).
pub(crate) fn go_env_goroot(go: &Path, cfg: &LoadConfig) -> Option<PathBuf> {
    let mut cmd = Command::new(go);
    cmd.args(["env", "GOROOT"]).current_dir(&cfg.dir).env("GOTOOLCHAIN", "local");
    let out = cmd.output().ok()?;
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !s.is_empty()).then(|| PathBuf::from(s))
}

pub(crate) fn load(patterns: &[String], cfg: &LoadConfig) -> LoadResult {
    let fail = |msg: String| {
        let mut r = LoadResult::from_packages(
            Vec::new(),
            vec![LoadError { import_path: String::new(), msg }],
            Backend::GoList,
        );
        r.goroot = cfg.goroot.clone();
        r
    };
    let Some(go) = cfg.go_cmd.clone().or_else(|| LoadConfig::find_go_cmd(cfg.goroot.as_deref())) else {
        return fail("no go command found".into());
    };
    let mut cmd = Command::new(&go);
    cmd.args(["list", "-e", "-deps", &format!("-json={FIELDS}")]);
    if !cfg.tags.is_empty() {
        cmd.arg(format!("-tags={}", cfg.tags.join(",")));
    }
    cmd.arg("--");
    cmd.args(patterns);
    cmd.current_dir(&cfg.dir)
        .env("GOOS", cfg.goos())
        .env("GOARCH", cfg.goarch())
        .env("CGO_ENABLED", if cfg.cgo_enabled { "1" } else { "0" })
        .env("GOTOOLCHAIN", "local");
    if let Some(root) = &cfg.goroot {
        cmd.env("GOROOT", root);
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => return fail(format!("running {}: {e}", go.display())),
    };
    let mut errors = Vec::new();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let msg = stderr.trim();
        errors.push(LoadError {
            import_path: String::new(),
            msg: if msg.is_empty() { format!("go list failed: {}", out.status) } else { msg.to_string() },
        });
    }
    let mut packages = Vec::new();
    for item in serde_json::Deserializer::from_slice(&out.stdout).into_iter::<ListedPackage>() {
        match item {
            Ok(lp) => packages.push(convert(lp, &mut errors)),
            Err(e) => {
                errors.push(LoadError {
                    import_path: String::new(),
                    msg: format!("decoding go list output: {e}"),
                });
                break;
            }
        }
    }
    let mut r = LoadResult::from_packages(packages, errors, Backend::GoList);
    r.goroot = cfg.goroot.clone().or_else(|| go_env_goroot(&go, cfg));
    r
}

fn convert(lp: ListedPackage, errors: &mut Vec<LoadError>) -> Package {
    let dir = PathBuf::from(&lp.dir);
    let abs = |f: &String| dir.join(f);
    let error = lp.error.as_ref().map(ListedError::message);
    if let Some(e) = &error {
        errors.push(LoadError { import_path: lp.import_path.clone(), msg: e.clone() });
    }
    // DepsErrors repeat the dependencies' own errors; they are reported once
    // with those packages.
    let _ = &lp.deps_errors;
    let mut imports: Vec<String> = lp.imports.into_iter().filter(|i| i != "C").collect();
    imports.sort();
    imports.dedup();
    let mut import_map: Vec<(String, String)> = lp.import_map.into_iter().collect();
    import_map.sort();
    Package {
        go_files: lp.go_files.iter().map(abs).collect(),
        cgo_files_skipped: lp.cgo_files.iter().map(abs).collect(),
        import_path: lp.import_path,
        name: lp.name,
        dir,
        imports,
        import_map,
        standard: lp.standard,
        module: lp.module.map(|m| ModuleInfo {
            path: m.path,
            dir: (!m.dir.is_empty()).then(|| PathBuf::from(m.dir)),
            version: (!m.version.is_empty()).then_some(m.version),
            go_version: (!m.go_version.is_empty()).then_some(m.go_version),
            main: m.main,
        }),
        dep_only: lp.dep_only,
        error,
    }
}
