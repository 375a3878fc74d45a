//! Reads Go pprof profiles and attributes their weight to source sites, so heapscope can rank the
//! compiler's heap-allocation diagnostics by what they cost at run time.
//!
//! # Overview
//!
//! - [`Profile::read`] / [`Profile::decode`] read a pprof `profile.proto` file, gzip-compressed
//!   (as Go writes them) or plain, into a [`Profile`] whose samples carry resolved stacks of
//!   [`Frame`]s (leaf first, inlined calls expanded). The protobuf messages are hand-written prost
//!   structs in [`proto`]; no `protoc` is involved.
//! - [`Profile::kind`] tells heap from CPU profiles; [`Profile::metric`] finds a value by name
//!   (`alloc_space`, `alloc_objects`, `inuse_space`, `inuse_objects`, `cpu`, `samples`) and
//!   [`Profile::default_metric`] picks heapscope's default: **`alloc_space` for heap profiles**
//!   (not the `inuse_space` Go marks as default: short-lived boxing and `append` garbage is what
//!   escape analysis is about, and it never shows as in-use) and `cpu` for CPU profiles.
//! - [`attribute()`] sums the chosen metric per source site `(function, file, line)`: the first
//!   frame from the leaf outside the runtime, with the runtime function below it as the
//!   allocator when the profile has it. See the [`attribute`](mod@attribute) module for what Go
//!   heap profiles do and do not record.
//! - [`PathMatcher`] maps the profile's file names (build-machine paths, `-trimpath` module or
//!   standard-library names) to local files, so sites can be joined with compiler diagnostics,
//!   whose positions are local absolute paths.
//!
//! # Usage
//!
//! ```no_run
//! use heapscope_profile::{PathMatcher, Profile, attribute};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // go test -run '^$' -bench . -memprofile mem.out -memprofilerate=1
//! let profile = Profile::read("mem.out")?;
//! let metric = profile.default_metric().ok_or("profile has no sample types")?;
//! let mut paths = PathMatcher::new();
//! paths.add_module("example.com/mod", "/src/mod").set_goroot("/usr/local/go");
//! paths.add_go_files_under("/src/mod");
//! let attribution = attribute(&profile, metric, &paths);
//! for site in attribution.sites.iter().take(10) {
//!     println!("{:>6.2}% {} {}:{}", site.share * 100.0, site.function, site.file, site.line);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Profiles for heapscope are best taken with `-memprofilerate=1`, which records every
//! allocation (the values are then exact rather than estimates scaled from a 512 KiB sampling
//! rate).
//!
//! Errors are [`ProfileError`]s: `not a pprof profile: ...` for input that is not a profile (text,
//! garbage, damaged gzip), `corrupt profile: ...` for a profile whose indices or ids do not
//! resolve. Decoding never panics on malformed input.

pub mod attribute;
mod metric;
pub mod paths;
pub mod profile;
pub mod proto;
pub mod rank;
#[cfg(test)]
mod tests;

pub use attribute::{Attribution, SiteWeight, attribute, is_runtime_frame, is_runtime_function};
pub use metric::METRIC_NAMES;
pub use paths::{MatchRule, PathMatcher};
pub use profile::{
    Frame, Label, MAX_PROFILE_BYTES, Mapping, Profile, ProfileError, ProfileKind, Sample, SampleType,
};
pub use rank::{HotReport, HotSite, rank};
