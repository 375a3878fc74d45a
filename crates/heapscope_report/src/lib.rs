//! Renderers for heapscope's diagnostic model. Every output format lives here, so engines and
//! triage never print anything themselves:
//! - [`gc`]: the compiler's own text, byte for byte what `go build -gcflags=-m[=2]` prints;
//! - [`json`]: the versioned JSON document (`docs/json-schema.md`);
//! - [`human`]: source snippets in the style of rustc/ruff, grouped per function, with a summary;
//! - [`sarif`]: SARIF 2.1.0 for code scanning;
//! - [`github`]: GitHub Actions workflow annotations;
//! - [`hot`]: heap sites ranked by a profile (`heapscope hot`).

pub mod explain;
pub mod gc;
pub mod github;
pub mod hot;
pub mod human;
pub mod json;
pub mod paths;
pub mod sarif;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Gc,
    Json,
    Sarif,
    Github,
}
