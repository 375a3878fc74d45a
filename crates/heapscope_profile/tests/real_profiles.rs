#![allow(clippy::unwrap_used)]
//! Profiles produced by the real Go toolchain: a tiny module written to a temp dir and the
//! repository's `examples/` module are benchmarked with `-memprofile -memprofilerate=1` (and
//! `-cpuprofile`), and the decoded profiles must put the weight on the right source lines.
//!
//! The toolchain is `$HEAPSCOPE_GOROOT`, else `~/.cache/heapscope/go1.27.3`. Without it the tests
//! print `SKIPPED: ...` and pass, unless `CI` is set, where they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use heapscope_profile::attribute::RUNTIME_INTERNAL;
use heapscope_profile::{MatchRule, PathMatcher, Profile, ProfileKind, attribute};

fn goroot() -> Option<PathBuf> {
    let root = match std::env::var_os("HEAPSCOPE_GOROOT") {
        Some(r) if !r.is_empty() => PathBuf::from(r),
        _ => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/heapscope/go1.27.3"),
    };
    if root.join("bin/go").is_file() {
        return Some(root);
    }
    let msg = format!("Go toolchain not found at {} (set HEAPSCOPE_GOROOT)", root.display());
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    println!("SKIPPED: {msg}");
    None
}

/// Runs `go ARGS` in `dir` with the pinned toolchain and nothing from the environment that could
/// redirect it (toolchain switching, GOFLAGS).
fn go(goroot: &Path, dir: &Path, args: &[&str]) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![goroot.join("bin")];
    paths.extend(std::env::split_paths(&path));
    let out = Command::new(goroot.join("bin/go"))
        .args(args)
        .current_dir(dir)
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .env("GOWORK", "off")
        .env("PATH", std::env::join_paths(paths).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "go {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

const GO_MOD: &str = "module example.com/boxing\n\ngo 1.26\n";

const BOXING_GO: &str = r#"package boxing

// Sink keeps the last boxed value reachable.
var Sink any

// Box boxes n ints (all above 255, so none comes from the runtime's static table).
//
//go:noinline
func Box(n int) {
	for i := 0; i < n; i++ {
		Sink = i + 1000 // BOX
	}
}

// Grow appends n ints to a fresh slice.
//
//go:noinline
func Grow(n int) []int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i) // GROW
	}
	return s
}

type T struct{ A, B int }

// New returns a pointer to a fresh T.
//
//go:noinline
func New(a int) *T {
	return &T{A: a, B: a} // NEW
}
"#;

const BOXING_TEST_GO: &str = r#"package boxing

import "testing"

func BenchmarkBox(b *testing.B) {
	for b.Loop() {
		Box(100)
	}
}

var grown []int

func BenchmarkGrow(b *testing.B) {
	for b.Loop() {
		grown = Grow(10)
	}
}

var t *T

func BenchmarkNew(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		t = New(i)
	}
}
"#;

/// The 1-based line of the first line of `src` containing `marker`.
fn line_of(src: &str, marker: &str) -> u32 {
    let i = src.lines().position(|l| l.contains(marker)).unwrap_or_else(|| panic!("no {marker:?}"));
    u32::try_from(i + 1).unwrap()
}

/// A temp dir holding the `example.com/boxing` module (canonical path: the profile records the
/// path the go tool saw).
fn boxing_module() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().canonicalize().unwrap().join("boxing");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("go.mod"), GO_MOD).unwrap();
    std::fs::write(dir.join("boxing.go"), BOXING_GO).unwrap();
    std::fs::write(dir.join("boxing_test.go"), BOXING_TEST_GO).unwrap();
    (tmp, dir)
}

fn mem_profile_args<'a>(out: &'a str, bin: &'a str) -> Vec<&'a str> {
    vec![
        "test",
        "-run=^$",
        "-bench=.",
        "-benchtime=2000x",
        "-memprofile",
        out,
        "-memprofilerate=1",
        "-o",
        bin,
        ".",
    ]
}

#[test]
fn boxing_site_ranks_first_in_a_real_heap_profile() {
    let Some(goroot) = goroot() else { return };
    let (tmp, dir) = boxing_module();
    let mem = tmp.path().join("mem.out");
    let bin = tmp.path().join("boxing.test");
    go(&goroot, &dir, &mem_profile_args(mem.to_str().unwrap(), bin.to_str().unwrap()));

    let profile = Profile::read(&mem).unwrap();
    assert_eq!(profile.kind(), ProfileKind::Heap);
    let types: Vec<(&str, &str)> =
        profile.sample_types.iter().map(|t| (t.type_.as_str(), t.unit.as_str())).collect();
    assert_eq!(
        types,
        [
            ("alloc_objects", "count"),
            ("alloc_space", "bytes"),
            ("inuse_objects", "count"),
            ("inuse_space", "bytes")
        ]
    );
    let alloc_space = profile.metric("alloc_space").unwrap();
    assert_eq!(profile.default_metric(), Some(alloc_space));
    assert_eq!(profile.period, 1, "-memprofilerate=1");

    let mut paths = PathMatcher::new();
    paths.add_module("example.com/boxing", &dir).set_goroot(&goroot);
    let a = attribute(&profile, alloc_space, &paths);
    assert_eq!((a.metric.as_str(), a.unit.as_str()), ("alloc_space", "bytes"));

    let boxing_go = dir.join("boxing.go");
    let file = boxing_go.to_str().unwrap();
    let top = &a.sites[0];
    assert_eq!(top.function, "example.com/boxing.Box", "{:#?}", &a.sites[..3]);
    assert_eq!((top.file.as_str(), top.line), (file, line_of(BOXING_GO, "// BOX")));
    assert_eq!(top.local_file.as_deref(), Some(file));
    // 2000 iterations × 100 boxes × 8 bytes. An 8-byte pointer-free box comes from the tiny
    // allocator, which packs such objects into 16-byte blocks: the profile records one 16-byte
    // allocation per block (so about 100 000 "objects", not 200 000), plus at most a partial
    // block at the start.
    assert!((2000 * 100 * 8..=2000 * 100 * 8 + 32).contains(&top.value), "{}", top.value);
    assert_eq!(top.object_sizes, [(16, top.value)]);
    let objects = attribute(&profile, profile.metric("alloc_objects").unwrap(), &paths);
    let boxes = objects.site(file, top.line).unwrap();
    assert!((2000 * 100 / 2..=2000 * 100 / 2 + 2).contains(&boxes.value), "{}", boxes.value);
    // runtime/pprof hides the runtime frames (runtime.convT64 → runtime.mallocgc) at the leaf of
    // heap samples, so the site is the leaf and no allocator is recorded.
    assert!(top.allocators.is_empty(), "{:?}", top.allocators);
    assert!(!top.inlined);
    assert_eq!(top.callers.first().map(|f| f.function.as_str()), Some("example.com/boxing.BenchmarkBox"));

    // append growth: 10 ints appended from nil grow through capacities 1, 2, 4, 8, 16 (8 to 128
    // bytes). Since Go 1.25 the first, small backing stores can live in a 32-byte stack buffer, so
    // only the larger ones reach the heap (go1.27.3: the 64- and 128-byte ones), each once per
    // iteration.
    let grow = a.site(file, line_of(BOXING_GO, "// GROW")).unwrap();
    assert_eq!(grow.function, "example.com/boxing.Grow");
    let mut sizes: Vec<i64> = grow.object_sizes.iter().map(|s| s.0).collect();
    sizes.sort_unstable();
    assert!(sizes.contains(&128) && sizes.iter().all(|s| [8, 16, 32, 64, 128].contains(s)), "{sizes:?}");
    assert_eq!(grow.value, 2000 * sizes.iter().sum::<i64>());
    assert!(a.sites[1] == *grow, "append growth ranks second");
    // &T{} of a 16-byte struct.
    let new = a.site(file, line_of(BOXING_GO, "// NEW")).unwrap();
    assert_eq!(new.function, "example.com/boxing.New");
    assert_eq!((new.value, new.object_sizes.as_slice()), (2000 * 16, &[(16, 2000 * 16)][..]));

    // Shares are fractions of the total and, with the unattributed weight, account for all of it.
    let shares: f64 = a.sites.iter().map(|s| s.share).sum();
    assert!(shares <= 1.0 + 1e-9 && shares > 0.5, "{shares}");
    let attributed: i64 = a.sites.iter().map(|s| s.value).sum();
    let unattributed: i64 = a.unattributed.iter().map(|u| u.1).sum();
    assert_eq!(attributed + unattributed, a.total);
    assert_eq!(a.total, profile.total(alloc_space));
    assert!(a.sites.windows(2).all(|w| w[0].value >= w[1].value));
    // The unattributed weight, if any, is runtime-internal.
    assert!(a.unattributed.iter().all(|(r, _)| r == RUNTIME_INTERNAL), "{:?}", a.unattributed);

    // Go heap profiles set default_sample_type; from `go test -memprofile` it is alloc_space.
    assert_eq!(profile.default_sample_type.as_deref(), Some("alloc_space"));
}

#[test]
fn trimpath_profile_maps_to_local_files() {
    let Some(goroot) = goroot() else { return };
    let (tmp, dir) = boxing_module();
    let mem = tmp.path().join("mem.out");
    let bin = tmp.path().join("boxing.test");
    let mut args = mem_profile_args(mem.to_str().unwrap(), bin.to_str().unwrap());
    args.insert(1, "-trimpath");
    args[3] = "-bench=Box";
    go(&goroot, &dir, &args);

    let profile = Profile::read(&mem).unwrap();
    let mut paths = PathMatcher::new();
    paths.add_module("example.com/boxing", &dir).set_goroot(&goroot);
    let a = attribute(&profile, profile.default_metric().unwrap(), &paths);
    let top = &a.sites[0];
    assert_eq!(top.file, "example.com/boxing/boxing.go");
    assert_eq!(top.line, line_of(BOXING_GO, "// BOX"));
    assert_eq!(
        paths.resolve_with_rule(&top.file),
        Some((dir.join("boxing.go"), MatchRule::Module)),
        "module-relative name"
    );
    // Standard-library frames are GOROOT-relative under -trimpath.
    let std_site = a.sites.iter().find(|s| s.file.starts_with("testing/")).unwrap();
    let (local, rule) = paths.resolve_with_rule(&std_site.file).unwrap();
    assert_eq!(rule, MatchRule::Std);
    assert_eq!(local, goroot.join("src").join(&std_site.file));
}

#[test]
fn examples_any_sink_boxes_at_the_put_call() {
    let Some(goroot) = goroot() else { return };
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").canonicalize().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mem = tmp.path().join("mem.out");
    let bin = tmp.path().join("x.test");
    go(
        &goroot,
        &examples,
        &[
            "test",
            "-run",
            "^$",
            "-bench",
            "BenchmarkAnySink",
            "-benchtime=20000x",
            "-memprofile",
            mem.to_str().unwrap(),
            "-memprofilerate=1",
            "-o",
            bin.to_str().unwrap(),
            ".",
        ],
    );

    let profile = Profile::read(&mem).unwrap();
    let mut paths = PathMatcher::new();
    paths.add_module("heapscope.dev/examples", &examples).set_goroot(&goroot);
    let a = attribute(&profile, profile.metric("alloc_space").unwrap(), &paths);

    // The Record is converted to `any` at the call in the benchmark (Put's parameter is `any`),
    // so the allocation is charged to the `s.Put(Record{...})` line, not to Put.
    let sink_test = examples.join("sink_test.go");
    let src = std::fs::read_to_string(&sink_test).unwrap();
    let bench = line_of(&src, "func BenchmarkAnySink");
    let put_line = src
        .lines()
        .enumerate()
        .skip(bench as usize)
        .find(|(_, l)| l.contains("s.Put(Record{"))
        .map(|(i, _)| u32::try_from(i + 1).unwrap())
        .unwrap();
    let top = &a.sites[0];
    assert_eq!(top.function, "heapscope.dev/examples.BenchmarkAnySink", "{:#?}", &a.sites[..3]);
    assert_eq!((top.file.as_str(), top.line), (sink_test.to_str().unwrap(), put_line));
    assert_eq!(top.local_file.as_deref(), sink_test.to_str());
    // Record{ID int; Score float64} is 16 bytes; one box per iteration.
    assert_eq!(top.object_sizes, [(16, top.value)]);
    assert_eq!(top.value, 20000 * 16);
    let objects = attribute(&profile, profile.metric("alloc_objects").unwrap(), &paths);
    assert_eq!(objects.sites[0].value, 20000);
    assert!(top.share > 0.5, "{}", top.share);
    let shares: f64 = a.sites.iter().map(|s| s.share).sum();
    assert!(shares <= 1.0 + 1e-9);
    // Nothing was written into the examples module.
    assert!(!examples.join("examples.test").exists());
    assert!(!examples.join("mem.out").exists());
}

#[test]
fn real_cpu_profile() {
    let Some(goroot) = goroot() else { return };
    let (tmp, dir) = boxing_module();
    let cpu = tmp.path().join("cpu.out");
    let bin = tmp.path().join("boxing.test");
    go(
        &goroot,
        &dir,
        &[
            "test",
            "-run=^$",
            "-bench=Box",
            "-benchtime=300000x",
            "-cpuprofile",
            cpu.to_str().unwrap(),
            "-o",
            bin.to_str().unwrap(),
            ".",
        ],
    );
    let profile = Profile::read(&cpu).unwrap();
    assert_eq!(profile.kind(), ProfileKind::Cpu);
    let types: Vec<(&str, &str)> =
        profile.sample_types.iter().map(|t| (t.type_.as_str(), t.unit.as_str())).collect();
    assert_eq!(types, [("samples", "count"), ("cpu", "nanoseconds")]);
    assert_eq!(profile.metric("samples"), Some(0));
    assert_eq!(profile.metric("cpu"), Some(1));
    assert_eq!(profile.default_metric(), Some(1));
    assert_eq!(profile.metric("alloc_space"), None);
    let period_type = profile.period_type.as_ref().unwrap();
    assert_eq!((period_type.type_.as_str(), period_type.unit.as_str()), ("cpu", "nanoseconds"));
    assert!(profile.period > 0);
    assert!(profile.duration().is_some());

    let mut paths = PathMatcher::new();
    paths.add_module("example.com/boxing", &dir).set_goroot(&goroot);
    let a = attribute(&profile, 1, &paths);
    assert_eq!(a.total, profile.total(1));
    let attributed: i64 = a.sites.iter().map(|s| s.value).sum();
    let unattributed: i64 = a.unattributed.iter().map(|u| u.1).sum();
    assert_eq!(attributed + unattributed, a.total);
    // Every CPU sample is one period of CPU time.
    assert!(profile.samples.iter().all(|s| s.values[1] == s.values[0] * profile.period));
    // Boxing dominates the benchmark's CPU time, and in CPU profiles the runtime frames stay:
    // the boxing line's time is mostly spent in runtime.convT64, its allocator.
    assert_eq!(a.sites[0].function, "example.com/boxing.Box", "{:#?}", &a.sites[..2]);
    let box_allocators: Vec<&str> = a
        .sites
        .iter()
        .filter(|s| s.function == "example.com/boxing.Box")
        .flat_map(|s| s.allocators.iter().map(|(f, _)| f.as_str()))
        .collect();
    assert!(box_allocators.contains(&"runtime.convT64"), "{box_allocators:?}");
    println!("cpu: {} samples, total {} ns", profile.samples.len(), a.total);
    for s in a.sites.iter().take(5) {
        println!("  {:>5.1}% {} {}:{} {:?}", s.share * 100.0, s.function, s.file, s.line, s.allocators);
    }
}
