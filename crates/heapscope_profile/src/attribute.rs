//! Attributing a profile's weight to source sites: "which line of my code allocated (or spent)
//! this".
//!
//! For every sample, [`attribute()`] walks the stack from the leaf and skips runtime frames
//! (functions `runtime.*` and `internal/runtime/*`: `runtime.mallocgc`, `runtime.newobject`,
//! `runtime.convT64`, `runtime.growslice`, ..., and the runtime's package-less assembly symbols
//! such as `gcWriteBarrier`; see [`is_runtime_frame`]). The first other frame is the sample's
//! **site**; the runtime frame directly below it, if any, is its **allocator**, which tells how
//! the value was allocated:
//!
//! | allocator | meaning |
//! |---|---|
//! | `runtime.convT`, `runtime.convT64`, `runtime.convTstring`, ... | a value boxed into an interface |
//! | `runtime.growslice` | `append` growing a slice |
//! | `runtime.newobject` | `new(T)`, `&T{}`, or a variable moved to the heap |
//! | `runtime.makeslice` | `make([]T, n)` |
//! | `runtime.makemap*`, `runtime.mapassign*` | map creation, map growth |
//! | `runtime.concatstrings`, `runtime.slicebytetostring` | string building and conversion |
//! | `runtime.newproc*`, `runtime.malg` | a goroutine |
//!
//! **Go's own heap profiles hide the allocator**: `runtime/pprof` drops the runtime frames at the
//! leaf of each heap sample before writing it (`writeHeapProto` in `runtime/pprof/protomem.go`),
//! so for profiles from `go test -memprofile` or `pprof.WriteHeapProfile` the site is the leaf
//! frame and [`SiteWeight::allocators`] is empty. The object size, which Go records as the `bytes`
//! label, is kept per site in [`SiteWeight::object_sizes`] instead. Pointer-free objects smaller
//! than 16 bytes (a boxed `int`, a short `[]byte` backing array) come from the runtime's *tiny
//! allocator*, which packs them into 16-byte blocks: the profile records one 16-byte allocation
//! per block, so their `alloc_objects` count blocks (up to 16 objects each) and their size shows
//! as 16, while `alloc_space` stays close to the true byte count. Allocators appear for profiles
//! whose writer keeps runtime frames, and in CPU profiles (where the "allocator" is simply the
//! runtime function the site was executing in).
//!
//! Samples with no site are never dropped: they are summed in [`Attribution::unattributed`] under
//! [`RUNTIME_INTERNAL`] (every frame is a runtime frame: GC, scheduler, runtime-internal
//! allocations), [`UNSYMBOLIZED`] (the first non-runtime frame has no function name) or
//! [`EMPTY_STACK`].

use std::collections::HashMap;

use serde::Serialize;

use crate::paths::PathMatcher;
use crate::profile::{Frame, Profile};

/// Reason for samples whose every frame is in the runtime.
pub const RUNTIME_INTERNAL: &str = "runtime-internal";
/// Reason for samples whose first non-runtime frame is unsymbolized.
pub const UNSYMBOLIZED: &str = "unsymbolized";
/// Reason for samples without any frame.
pub const EMPTY_STACK: &str = "empty-stack";

/// How many frames above the site [`SiteWeight::callers`] keeps.
pub const MAX_CALLERS: usize = 3;

/// Whether `function` belongs to the Go runtime (`runtime.*`, `internal/runtime/*`). `runtime/pprof`,
/// `runtime/debug` and other packages under `runtime/` are ordinary code.
pub fn is_runtime_function(function: &str) -> bool {
    function.starts_with("runtime.") || function.starts_with("internal/runtime/")
}

/// Whether a frame is runtime code: a [runtime function](is_runtime_function), or a
/// package-less assembly symbol of the runtime's own files (CPU profiles show `gcWriteBarrier`
/// from `src/runtime/asm_amd64.s`).
pub fn is_runtime_frame(frame: &Frame) -> bool {
    if is_runtime_function(&frame.function) {
        return true;
    }
    if frame.function.is_empty() || frame.function.contains('.') {
        return false;
    }
    let file = frame.file.replace('\\', "/");
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    dir == "runtime"
        || dir.ends_with("/src/runtime")
        || dir.starts_with("internal/runtime/")
        || dir.contains("/src/internal/runtime/")
}

/// The weight of one source site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteWeight {
    /// The function holding the site (`heapscope.dev/examples.BenchmarkAnySink`).
    pub function: String,
    /// The file as the profile records it.
    pub file: String,
    /// The same file on this machine, when the [`PathMatcher`] finds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_file: Option<String>,
    /// 1-based line (0 when the profile has none).
    pub line: u32,
    /// Sum of the metric over the samples attributed here.
    pub value: i64,
    /// `value / total`, in 0..=1 for profiles without negative values (0 when the total is 0).
    pub share: f64,
    /// Number of samples attributed here.
    pub samples: usize,
    /// Runtime function directly below the site (how the value was allocated) with the value
    /// under it, heaviest first; empty for Go heap profiles (see the [module docs](self)).
    pub allocators: Vec<(String, i64)>,
    /// Object size in bytes (the heap samples' `bytes` label) with the value under it, heaviest
    /// first; empty when the samples carry no such label.
    pub object_sizes: Vec<(i64, i64)>,
    /// The site frame was inlined into its caller (in at least one sample).
    pub inlined: bool,
    /// Up to [`MAX_CALLERS`] frames above the site (callers, nearest first) on the heaviest stack
    /// through it.
    pub callers: Vec<Frame>,
}

/// A profile's weight per source site. See [`attribute()`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    /// The metric weighed (`alloc_space`), empty when the metric index was out of range.
    pub metric: String,
    /// Its unit (`bytes`).
    pub unit: String,
    /// Sum of the metric over all samples, attributed or not.
    pub total: i64,
    /// Sites, heaviest first; ties by file, line, function.
    pub sites: Vec<SiteWeight>,
    /// Weight without a site, per reason ([`RUNTIME_INTERNAL`], [`UNSYMBOLIZED`],
    /// [`EMPTY_STACK`]); only nonzero reasons, heaviest first.
    pub unattributed: Vec<(String, i64)>,
}

impl Attribution {
    /// The site at `file:line` (profile or local file name), if any.
    pub fn site(&self, file: &str, line: u32) -> Option<&SiteWeight> {
        self.sites
            .iter()
            .find(|s| s.line == line && (s.file == file || s.local_file.as_deref() == Some(file)))
    }

    /// The weight under `reason` in [`unattributed`](Self::unattributed) (0 when none).
    pub fn unattributed_value(&self, reason: &str) -> i64 {
        self.unattributed.iter().filter(|(r, _)| r == reason).map(|(_, v)| *v).sum()
    }
}

#[derive(Default)]
struct SiteAcc {
    value: i64,
    samples: usize,
    inlined: bool,
    allocators: HashMap<String, i64>,
    object_sizes: HashMap<i64, i64>,
    /// Caller chains (frame indices resolved later) with their value, in first-seen order.
    callers: Vec<(Vec<Frame>, i64)>,
}

/// Sums the metric at index `metric` (see [`Profile::metric`]) of every sample onto its source
/// site `(function, file, line)`, mapping files through `paths`. Zero-valued samples are ignored;
/// an out-of-range `metric` yields an empty attribution.
pub fn attribute(profile: &Profile, metric: usize, paths: &PathMatcher) -> Attribution {
    let (metric_name, unit) = match profile.sample_types.get(metric) {
        Some(st) => (st.type_.clone(), st.unit.clone()),
        None => (String::new(), String::new()),
    };
    let mut total = 0i64;
    let mut sites: HashMap<(&str, &str, u32), SiteAcc> = HashMap::new();
    let mut unattributed: HashMap<&'static str, i64> = HashMap::new();
    for sample in &profile.samples {
        let Some(&value) = sample.values.get(metric) else { continue };
        if value == 0 {
            continue;
        }
        total = total.saturating_add(value);
        let site_idx = sample.stack.iter().position(|f| !is_runtime_frame(f));
        let reason = match site_idx {
            None if sample.stack.is_empty() => EMPTY_STACK,
            None => RUNTIME_INTERNAL,
            Some(i) if sample.stack[i].function.is_empty() => UNSYMBOLIZED,
            Some(i) => {
                let site = &sample.stack[i];
                let acc = sites.entry((&site.function, &site.file, site.line)).or_default();
                acc.value = acc.value.saturating_add(value);
                acc.samples += 1;
                acc.inlined |= site.inlined;
                if let Some(below) = i.checked_sub(1).and_then(|b| sample.stack.get(b)) {
                    let a = acc.allocators.entry(below.function.clone()).or_default();
                    *a = a.saturating_add(value);
                }
                if let Some(size) = sample.num_label("bytes") {
                    let s = acc.object_sizes.entry(size).or_default();
                    *s = s.saturating_add(value);
                }
                let callers: Vec<Frame> =
                    sample.stack.iter().skip(i + 1).take(MAX_CALLERS).cloned().collect();
                match acc.callers.iter_mut().find(|(c, _)| *c == callers) {
                    Some((_, v)) => *v = v.saturating_add(value),
                    None => acc.callers.push((callers, value)),
                }
                continue;
            }
        };
        let u = unattributed.entry(reason).or_default();
        *u = u.saturating_add(value);
    }

    let share = |v: i64| if total == 0 { 0.0 } else { v as f64 / total as f64 };
    let mut out: Vec<SiteWeight> = sites
        .into_iter()
        .map(|((function, file, line), acc)| {
            let mut allocators: Vec<(String, i64)> = acc.allocators.into_iter().collect();
            allocators.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut object_sizes: Vec<(i64, i64)> = acc.object_sizes.into_iter().collect();
            object_sizes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            // Heaviest caller chain; the first seen wins ties (sample order is deterministic).
            let mut best: Option<(Vec<Frame>, i64)> = None;
            for (chain, v) in acc.callers {
                if best.as_ref().is_none_or(|(_, bv)| v > *bv) {
                    best = Some((chain, v));
                }
            }
            SiteWeight {
                function: function.to_owned(),
                file: file.to_owned(),
                local_file: paths.resolve(file).map(|p| p.display().to_string()),
                line,
                value: acc.value,
                share: share(acc.value),
                samples: acc.samples,
                allocators,
                object_sizes,
                inlined: acc.inlined,
                callers: best.map(|(c, _)| c).unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.function.cmp(&b.function))
    });
    let mut unattributed: Vec<(String, i64)> =
        unattributed.into_iter().filter(|(_, v)| *v != 0).map(|(r, v)| (r.to_owned(), v)).collect();
    unattributed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Attribution { metric: metric_name, unit, total, sites: out, unattributed }
}
