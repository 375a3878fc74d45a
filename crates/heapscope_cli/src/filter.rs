//! `--package`, `--file`, `--func`, `--shape`: narrowing what is reported.

use crate::util::fail;
use clap::Args;
use heapscope_explain::{Finding, Shape};
use heapscope_model::Diagnostic;
use regex::Regex;
use std::process::ExitCode;

#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// Only packages whose import path matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub package: Option<String>,
    /// Only files whose path matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub file: Option<String>,
    /// Only functions whose name (gc's: `F`, `(*T).M`, `F.func1`) matches this regular expression.
    #[arg(long = "func", value_name = "REGEX")]
    pub function: Option<String>,
    /// Only these shapes (comma-separated ids such as `interface-conversion,closure-capture`).
    #[arg(long, value_name = "SHAPES", value_delimiter = ',')]
    pub shape: Vec<String>,
    /// Only heap sites inside loops (`for` and `range` statements).
    #[arg(long)]
    pub in_loop: bool,
}

/// The compiled filters.
pub struct Filter {
    package: Option<Regex>,
    file: Option<Regex>,
    function: Option<Regex>,
    shapes: Vec<Shape>,
    in_loop: bool,
}

impl FilterArgs {
    pub fn compile(&self) -> Result<Filter, ExitCode> {
        let re = |flag: &str, s: &Option<String>| -> Result<Option<Regex>, ExitCode> {
            s.as_deref().map(|p| Regex::new(p).map_err(|e| fail(format!("--{flag} {p:?}: {e}")))).transpose()
        };
        let mut shapes = Vec::new();
        for s in &self.shape {
            match Shape::from_id(s.trim()) {
                Some(shape) => shapes.push(shape),
                None => {
                    let known: Vec<&str> = Shape::ALL.iter().map(|s| s.id()).collect();
                    return Err(fail(format!(
                        "--shape {s:?}: unknown shape; known shapes: {}",
                        known.join(", ")
                    )));
                }
            }
        }
        Ok(Filter {
            package: re("package", &self.package)?,
            file: re("file", &self.file)?,
            function: re("func", &self.function)?,
            shapes,
            in_loop: self.in_loop,
        })
    }
}

impl Filter {
    fn place(&self, package: &str, file: &str, function: Option<&str>) -> bool {
        self.package.as_ref().is_none_or(|r| r.is_match(package))
            && self.file.as_ref().is_none_or(|r| r.is_match(file))
            && self.function.as_ref().is_none_or(|r| function.is_some_and(|f| r.is_match(f)))
    }

    pub fn finding(&self, f: &Finding) -> bool {
        self.place(&f.package, &f.pos.file, f.function.as_deref())
            && (self.shapes.is_empty() || self.shapes.contains(&f.shape))
    }

    /// Applies the filters to `findings` (`--in-loop` reads the findings' files).
    pub fn findings(&self, findings: Vec<Finding>) -> Vec<Finding> {
        let mut kept: Vec<Finding> = findings.into_iter().filter(|f| self.finding(f)).collect();
        if self.in_loop {
            let files: std::collections::BTreeSet<&str> = kept.iter().map(|f| f.pos.file.as_str()).collect();
            let loops = heapscope_gc::functions::LoopIndex::for_files(files);
            kept.retain(|f| loops.contains(&f.pos));
        }
        kept
    }

    /// For `--all` output: diagnostics have no shape, so `--shape` (and `--in-loop`) keep none.
    pub fn diagnostic(&self, d: &Diagnostic) -> bool {
        self.shapes.is_empty() && !self.in_loop && self.place(&d.package, &d.pos.file, d.function.as_deref())
    }
}
