//! `go_types`: the foundations of heapscope's Go type checker, mirroring
//! go/types (types2): exact constant values ([`constant`]), the type
//! representation and `TypeString` ([`types`]), gc's sizes ([`sizes`]) and
//! the universe scope ([`universe`]).

pub mod check;
pub mod constant;
pub mod driver;
pub mod infer;
pub mod instantiate;
pub mod lookup;
pub mod predicates;
pub mod sizes;
pub mod types;
pub mod typeset;
pub mod universe;
