//! CI gates on heapscope's findings.
//!
//! - [`baseline`]: a human-diffable file of accepted heap sites, keyed by fingerprints that
//!   leave out line numbers (package, function, shape, subject); a check fails only on sites
//!   that are not in it, and reports the ones that went away.
//! - [`assert`]: assertions written in the source, as gcassert reads them
//!   (`//gcassert:inline`, `//gcassert:noescape`, `//gcassert:bce`) plus heapscope's own
//!   `//heapscope:noescape [reason]` and `//heapscope:allow [reason]`.

pub mod assert;
pub mod baseline;
