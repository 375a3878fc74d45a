//! heapscope's diagnostic model: the only contract between the engines (gc, native) and the
//! triage and report layers.
//!
//! One [`Diagnostic`] stands for one compiler message (`-m` line, or a `-m=2` explanation block
//! with its flow lines). Diagnostics are grouped per [`PackageReport`], kept in the order the
//! compiler emitted them, and the whole run is a [`Report`]. The JSON form of a `Report` is
//! versioned ([`SCHEMA_VERSION`]) and documented in `docs/json-schema.md`.

mod kind;
mod message;
mod pos;
mod version;

pub use kind::{Kind, KindClass};
pub use message::{FlowLine, ParsedMessage, parse_flow_line, parse_message};
pub use pos::{Pos, parse_position_prefix};
pub use version::{GoVersion, VersionError};

use serde::{Deserialize, Serialize};

/// Version of the JSON document produced by `--format json`. Bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Which engine produced a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// The installed Go compiler, driven through `go build -gcflags=-m`.
    Gc,
    /// heapscope's own re-implementation of the compiler's front end and escape analysis.
    Native,
}

impl Engine {
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Gc => "gc",
            Engine::Native => "native",
        }
    }
}

/// One compiler message about inlining or escape analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Sequence number within its package, in emission order (0-based).
    pub id: u32,
    /// Import path of the package whose compilation printed the message.
    pub package: String,
    /// Where the compiler reports the message (absolute file path, 1-based line and byte column).
    pub pos: Pos,
    /// What the message says, with the values it carries.
    #[serde(flatten)]
    pub kind: Kind,
    /// The node or name the message is about, exactly as the compiler renders it
    /// (`p`, `make([]int, 0, n)`, `... argument`, `(*T).M`); empty when the message has none.
    pub subject: String,
    /// The function whose body holds the position (gc's name: `F`, `(*T).M`, `F.func1`), when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub function: Option<String>,
    /// The message text as the compiler prints it after `file:line:col: ` (first line only).
    pub message: String,
    /// `-m=2` flow steps of an explanation block (`escape_explanation`, `leak_explanation`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub flows: Vec<Flow>,
    /// The explanation cut short by an assignment cycle (golang.org/issue/35518).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub truncated: bool,
    /// For verdicts (`moved_to_heap`, `escapes_to_heap`, `leaking_param`, ...): ids of the
    /// explanation blocks printed for the same location.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub explanations: Vec<u32>,
    pub go_version: GoVersion,
    pub engine: Engine,
}

impl Diagnostic {
    /// Heap sites: `moved to heap`, `escapes to heap` (expressions and `append`), and parameters
    /// that leak to the heap. This is heapscope's default output.
    pub fn is_heap_site(&self) -> bool {
        self.kind.class() == KindClass::Heap
    }
}

/// One `flow:` hop of an explanation: `dst ← src` with the source dereferenced `derefs` times
/// (`-1` is `&`), followed by the notes that justify it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// Destination location as the compiler names it (`~r0`, `{heap}`, `{storage for x}`, `fmt.a`).
    pub to: String,
    /// Source location, without the `&`/`*` operators.
    pub from: String,
    /// Number of `*` minus number of `&` applied to `from` (gc's derefs; `-1` means address-of).
    pub derefs: i32,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub steps: Vec<Step>,
}

/// One `from EXPR (REASON) at POS` note of a flow hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The IR node the note is attached to, rendered by the compiler.
    pub expr: String,
    /// Why the value flows (`address-of`, `return`, `assign`, `call parameter`, `spill`, ...).
    pub reason: String,
    /// Position of the node.
    pub pos: Pos,
}

/// A package the engine could not analyse (it does not compile, or the build tool failed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageError {
    /// The compiler's or build tool's messages, verbatim.
    pub messages: Vec<String>,
    /// Positioned errors parsed out of `messages`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub positions: Vec<PositionedError>,
}

/// One positioned compiler error (`file:line:col: text`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionedError {
    pub pos: Pos,
    pub message: String,
}

/// Everything one engine says about one package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PackageReport {
    /// Import path (`command-line-arguments` for files named on the command line).
    pub import_path: String,
    /// The package directory (absolute).
    pub dir: String,
    /// The header `go build` prints above the package's output (`# import/path`), without `# `.
    pub header: String,
    /// Diagnostics in the order the compiler emitted them.
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the package could not be analysed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<PackageError>,
}

/// The result of one heapscope run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub engine: Engine,
    pub go_version: GoVersion,
    /// The `-m` level the messages were produced with (1 or 2).
    pub m_level: u8,
    /// The compiler flags in effect (`-m=2`, `-l`, ...), as given to the compiler.
    pub gcflags: Vec<String>,
    /// Working directory the run was made from; `gc`-format paths are relative to it.
    pub cwd: String,
    pub packages: Vec<PackageReport>,
}

impl Report {
    pub fn new(engine: Engine, go_version: GoVersion, m_level: u8, cwd: String) -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            engine,
            go_version,
            m_level,
            gcflags: Vec::new(),
            cwd,
            packages: Vec::new(),
        }
    }

    /// All diagnostics of all packages, in package order then emission order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.packages.iter().flat_map(|p| p.diagnostics.iter())
    }

    /// Packages that could not be analysed.
    pub fn errors(&self) -> impl Iterator<Item = &PackageReport> {
        self.packages.iter().filter(|p| p.error.is_some())
    }
}
