//! Triage on heapscope's diagnostic model: for every heap site, *what* allocates (its
//! [`Shape`]), *how* it leaves its frame ([`Via`]), the root-cause chain from the allocation to
//! that point (following leaking parameters into callees), the usual fix and Go-version notes.
//!
//! Shapes are derived from the compiler's own evidence: the verdict's kind, the IR node it
//! renders (`make(...)`, `func literal`, `... argument`, an operand boxed by an implicit
//! interface conversion) and the `-m=2` flow graph (roots, derefs, step reasons). When that
//! evidence does not decide, the shape is [`Shape::Unknown`].

mod classify;
mod shape;
mod source;

pub use classify::{Finding, Hop, NodeForm, Via, callee_of, explain_package, explain_report, node_form};
pub use shape::{Avoidable, Shape, ShapeInfo, VersionNote};
pub use source::SourceCache;
