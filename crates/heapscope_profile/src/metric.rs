//! Telling heap profiles from CPU profiles, and choosing which of a sample's values to weigh.
//!
//! A Go heap profile carries four values per sample — `alloc_objects`/`count`,
//! `alloc_space`/`bytes`, `inuse_objects`/`count`, `inuse_space`/`bytes` — and a CPU profile two —
//! `samples`/`count`, `cpu`/`nanoseconds`. A *metric* is the index of one of them in
//! [`Sample::values`](crate::Sample::values), found by name with [`Profile::metric`].

use crate::profile::{Profile, ProfileKind, SampleType};

/// The metric names [`Profile::metric`] understands for Go profiles (any sample type name of the
/// profile is accepted too).
pub const METRIC_NAMES: &[&str] =
    &["alloc_space", "alloc_objects", "inuse_space", "inuse_objects", "cpu", "samples"];

impl Profile {
    /// Heap, CPU or other, from the sample types.
    pub fn kind(&self) -> ProfileKind {
        let has = |t: &str| self.sample_types.iter().any(|st| st.type_ == t);
        if has("alloc_space") || has("inuse_space") || has("alloc_objects") || has("inuse_objects") {
            ProfileKind::Heap
        } else if has("cpu") {
            ProfileKind::Cpu
        } else {
            ProfileKind::Other
        }
    }

    /// The index of the sample type named `name` (`alloc_space`, `alloc_objects`, `inuse_space`,
    /// `inuse_objects`, `cpu`, `samples`, or any other type the profile has), compared
    /// ASCII-case-insensitively; `None` when the profile has no such value.
    pub fn metric(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.sample_types
            .iter()
            .position(|st| st.type_ == name)
            .or_else(|| self.sample_types.iter().position(|st| st.type_.eq_ignore_ascii_case(name)))
    }

    /// The metric heapscope weighs by default:
    ///
    /// - heap profiles: **`alloc_space`**, the bytes allocated over the whole run. Go's
    ///   `pprof.WriteHeapProfile` marks `inuse_space` as the profile's default (what is live at
    ///   the last GC), which answers "what holds memory", not "which allocations cost": a value
    ///   boxed into an interface on every call and dropped at once is invisible in `inuse_space`
    ///   but dominates `alloc_space`. (`alloc_objects`, then the profile's own default, when a
    ///   profile lacks `alloc_space`.)
    /// - CPU profiles: **`cpu`** (nanoseconds).
    /// - others: the profile's `default_sample_type`, else the last sample type (pprof's rule).
    pub fn default_metric(&self) -> Option<usize> {
        let preferred: &[&str] = match self.kind() {
            ProfileKind::Heap => &["alloc_space", "alloc_objects"],
            ProfileKind::Cpu => &["cpu", "samples"],
            ProfileKind::Other => &[],
        };
        preferred
            .iter()
            .find_map(|name| self.metric(name))
            .or_else(|| self.default_sample_type.as_deref().and_then(|t| self.metric(t)))
            .or_else(|| self.sample_types.len().checked_sub(1))
    }

    /// The sample type at `index`.
    pub fn sample_type(&self, index: usize) -> Option<&SampleType> {
        self.sample_types.get(index)
    }
}
