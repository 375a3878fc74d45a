//! `go_types`: the foundations of heapscope's Go type checker, mirroring
//! go/types (types2): exact constant values ([`constant`]), the type
//! representation and `TypeString` ([`types`]), gc's sizes ([`sizes`]) and
//! the universe scope ([`universe`]).

pub mod check;
pub mod constant;
pub mod driver;
pub mod sizes;
pub mod types;
pub mod universe;
