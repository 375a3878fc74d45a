//! Resolving the user's patterns to packages with `go list -e -deps -json`.

use crate::{Error, Toolchain};
use serde::Deserialize;
use std::path::Path;

/// The fields of `go list -json` that the engine uses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListedPackage {
    pub import_path: String,
    #[serde(default)]
    pub dir: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub go_files: Vec<String>,
    #[serde(default)]
    pub cgo_files: Vec<String>,
    #[serde(default)]
    pub test_go_files: Vec<String>,
    #[serde(default)]
    pub x_test_go_files: Vec<String>,
    /// True for packages listed only as dependencies of the named ones.
    #[serde(default)]
    pub dep_only: bool,
    #[serde(default)]
    pub standard: bool,
    #[serde(default)]
    pub error: Option<ListError>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListError {
    #[serde(default)]
    pub pos: String,
    #[serde(default)]
    pub err: String,
}

impl ListedPackage {
    /// True when `base` (a file name without directory) is one of the package's Go files
    /// (test files included).
    pub fn has_file(&self, base: &str) -> bool {
        self.go_files
            .iter()
            .chain(&self.cgo_files)
            .chain(&self.test_go_files)
            .chain(&self.x_test_go_files)
            .any(|f| f == base)
    }

    /// The files the compiler is given for `variant`, in order: the package itself, its test
    /// variant (`p [p.test]`: package and in-package test files), or its external test
    /// package (`p_test [p.test]`).
    pub fn files_for(&self, variant: &str) -> Vec<String> {
        let base = variant.split(" [").next().unwrap_or(variant);
        if base.ends_with("_test") && base != self.import_path {
            return self.x_test_go_files.clone();
        }
        let mut files: Vec<String> = self.go_files.iter().chain(&self.cgo_files).cloned().collect();
        if variant.contains(" [") {
            files.extend(self.test_go_files.iter().cloned());
        }
        files
    }
}

/// Lists the packages named by `patterns`, in dependency order (dependencies first), as
/// `go list -deps` orders them. Only the named packages are returned.
pub fn list(tc: &Toolchain, dir: &Path, patterns: &[String]) -> Result<Vec<ListedPackage>, Error> {
    let mut args = vec![
        "list",
        "-e",
        "-deps",
        "-json=ImportPath,Dir,Name,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,DepOnly,Standard,Error",
        "--",
    ];
    args.extend(patterns.iter().map(String::as_str));
    let out = tc.output(Some(dir), &args)?;
    parse_list_output(&out)
}

/// Parses the concatenated JSON objects `go list -json` prints; keeps the named packages.
pub fn parse_list_output(out: &str) -> Result<Vec<ListedPackage>, Error> {
    let mut pkgs = Vec::new();
    for item in serde_json::Deserializer::from_str(out).into_iter::<ListedPackage>() {
        let p = item.map_err(|e| Error::Other(format!("cannot read `go list -json` output: {e}")))?;
        if !p.dep_only {
            pkgs.push(p);
        }
    }
    Ok(pkgs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_named_packages_in_order() {
        let out = r#"{"ImportPath":"errors","Dir":"/go/src/errors","GoFiles":["errors.go"],"DepOnly":true,"Standard":true}
{"ImportPath":"example.com/a","Dir":"/m/a","Name":"a","GoFiles":["a.go"]}
{"ImportPath":"example.com/b","Dir":"/m/b","Name":"b","GoFiles":["b.go"],"CgoFiles":["c.go"],
 "Error":{"Pos":"b/b.go:1:1","Err":"boom"}}"#;
        let pkgs = parse_list_output(out).unwrap();
        let names: Vec<_> = pkgs.iter().map(|p| p.import_path.as_str()).collect();
        assert_eq!(names, ["example.com/a", "example.com/b"]);
        assert!(pkgs[1].has_file("c.go") && !pkgs[1].has_file("a.go"));
        assert_eq!(pkgs[1].error.as_ref().unwrap().err, "boom");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(parse_list_output("{not json").is_err());
    }
}
