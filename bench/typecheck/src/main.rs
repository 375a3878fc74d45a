//! `bench_typecheck`: heapscope (go_loader + go_syntax + go_types) against
//! go/parser + go/types on the same packages (default: all of std with its
//! dependencies, linux/amd64, no cgo), side by side in one run.
//!
//! The binary loads the packages once, writes a manifest (packages in import
//! order with their imports, import maps and files) and builds
//! `bench/typecheck/go` with the pinned toolchain. Then, `--runs` times, it
//! runs six child processes, alternating so all see the same machine load:
//!
//! * heapscope, one thread: this binary re-executed with the hidden
//!   `--child` flag and `RAYON_NUM_THREADS=1` (load, parse, check);
//! * heapscope, parallel: the same with one thread per core (parallel load,
//!   parse, and `check_parallel`: a package is checked when its imports are);
//! * go/types, sequential: parse all files, then check package by package;
//! * go/types, parallel: files parsed by GOMAXPROCS goroutines, packages
//!   checked as soon as their imports are, GOMAXPROCS at a time;
//! * both sides "pipelined" (`--pipelined` / `-pipelined`): no parse
//!   phase; when a package's imports are checked, one job reads and parses
//!   its files, checks it and drops its trees and records.
//!
//! Each child reports its own phase timings and peak RSS (`VmHWM` of its own
//! process after the work); the parent adds whole-process wall and CPU time.
//! Medians over the runs are printed as a table with go/types ÷ heapscope
//! ratios. Run with `cargo run --release -p bench_typecheck [-- --runs 5]`.

mod ours;

// Same allocator as the heapscope binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;

#[derive(Parser, Debug)]
#[command(about = "Type-checking benchmark: heapscope vs go/types")]
struct Args {
    /// Go root to check (default: $HEAPSCOPE_GOROOT, else ~/.cache/heapscope/go1.27.3).
    #[arg(long)]
    goroot: Option<PathBuf>,
    /// Package patterns, space- or comma-separated (`std`, `fmt net/http`, `net/...`).
    #[arg(long, default_value = "std")]
    patterns: Vec<String>,
    /// Runs of each variant; medians are reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Child mode: do heapscope's side and print the result line.
    #[arg(long, hide = true)]
    child: bool,
    /// Child mode: parse and check each package as one job.
    #[arg(long, hide = true)]
    pipelined: bool,
}

/// The six measured programs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Variant {
    OursSeq,
    OursPar,
    OursPipe,
    GoSeq,
    GoPar,
    GoPipe,
}

const VARIANTS: [Variant; 6] =
    [Variant::OursSeq, Variant::OursPar, Variant::OursPipe, Variant::GoSeq, Variant::GoPar, Variant::GoPipe];

/// One child run: the fields it printed plus `wall_s` and `cpu_s`.
type Sample = HashMap<String, f64>;

fn goroot(args: &Args) -> Result<PathBuf> {
    let root = match &args.goroot {
        Some(g) => g.clone(),
        None => heapscope_testutil::pinned_goroot()
            .ok_or_else(|| anyhow!("pinned Go toolchain missing: run scripts/install-go.sh 1.27.3"))?,
    };
    if !root.join("bin/go").is_file() || !root.join("src").is_dir() {
        bail!("{} is not a Go root (install with scripts/install-go.sh 1.27.3)", root.display());
    }
    Ok(root)
}

fn patterns(args: &Args) -> Vec<String> {
    args.patterns
        .iter()
        .flat_map(|p| p.split([' ', ',']))
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// User + system CPU seconds of all waited-for children so far
/// (`/proc/self/stat` cutime + cstime, in USER_HZ = 100 ticks per second).
fn children_cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = s.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |k: usize| f.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (tick(13) + tick(14)) as f64 / 100.0
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Runs `cmd`, which must print one `key value ...` line; adds wall and CPU
/// time of the whole process.
fn run_child(cmd: &mut Command, what: &str) -> Result<Sample> {
    let cpu0 = children_cpu_secs();
    let t = Instant::now();
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    let wall = t.elapsed().as_secs_f64();
    let cpu = children_cpu_secs() - cpu0;
    if !out.status.success() {
        bail!("{what} failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().ok_or_else(|| anyhow!("{what} printed nothing"))?;
    let w: Vec<&str> = line.split_whitespace().collect();
    let mut s = Sample::new();
    for kv in w.chunks(2) {
        let [k, v] = kv else { bail!("{what}: odd result line {line:?}") };
        let v: f64 = v.parse().with_context(|| format!("{what}: bad value in {line:?}"))?;
        s.insert((*k).to_string(), v);
    }
    s.insert("wall_s".into(), wall);
    s.insert("cpu_s".into(), cpu);
    Ok(s)
}

fn build_go(goroot: &Path, out: &Path) -> Result<()> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("go");
    let st = Command::new(goroot.join("bin/go"))
        .args(["build", "-o"])
        .arg(out)
        .arg(".")
        .current_dir(&src)
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOWORK", "off")
        .status()
        .context("running go build")?;
    if !st.success() {
        bail!("go build of {} failed", src.display());
    }
    Ok(())
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// Median of `key` over `samples` (NaN if absent).
fn med(samples: &[Sample], key: &str) -> f64 {
    median(samples.iter().filter_map(|s| s.get(key).copied()).collect())
}

fn main() -> Result<()> {
    let args = Args::parse();
    let root = goroot(&args)?;
    let pats = patterns(&args);
    if args.child {
        return ours::child_main(root, pats, args.pipelined);
    }
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load_before = loadavg();

    // The manifest for the Go side, from the same loader the heapscope side
    // uses (untimed).
    let tmp = std::env::temp_dir().join(format!("bench_typecheck_{}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let result = measure(&args, &root, &pats, &tmp, cores, &load_before);
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn measure(
    args: &Args,
    root: &Path,
    pats: &[String],
    tmp: &Path,
    cores: usize,
    load_before: &str,
) -> Result<()> {
    let manifest = tmp.join("manifest.tsv");
    let loaded = ours::load(root, pats)?;
    ours::write_manifest(&loaded, &manifest)?;
    let npkgs = loaded.packages.len();
    drop(loaded);
    let gobin = tmp.join("gotypecheck");
    build_go(root, &gobin)?;

    let me = std::env::current_exe().context("locating the benchmark binary")?;
    let mut samples: HashMap<Variant, Vec<Sample>> = HashMap::new();
    for run in 0..args.runs {
        for v in VARIANTS {
            let mut cmd;
            match v {
                Variant::OursSeq | Variant::OursPar | Variant::OursPipe => {
                    cmd = Command::new(&me);
                    cmd.arg("--child").arg("--goroot").arg(root).arg("--patterns").arg(pats.join(" "));
                    if v == Variant::OursPipe {
                        cmd.arg("--pipelined");
                    }
                    if v == Variant::OursSeq {
                        cmd.env("RAYON_NUM_THREADS", "1");
                    } else {
                        cmd.env_remove("RAYON_NUM_THREADS");
                    }
                }
                Variant::GoSeq | Variant::GoPar | Variant::GoPipe => {
                    cmd = Command::new(&gobin);
                    if v == Variant::GoPar {
                        cmd.arg("-parallel");
                    }
                    if v == Variant::GoPipe {
                        cmd.arg("-pipelined");
                    }
                    cmd.arg(&manifest).env_remove("GOMAXPROCS").env_remove("GOGC").env_remove("GOMEMLIMIT");
                }
            }
            let s = run_child(&mut cmd, &format!("{v:?} (run {})", run + 1))?;
            eprintln!(
                "run {} {v:?}: wall {:.2}s parse {:.2}s check {:.2}s rss {:.0} MB",
                run + 1,
                s["wall_s"],
                s.get("parse_ns").copied().unwrap_or(f64::NAN) / 1e9,
                s.get("check_ns").copied().unwrap_or(f64::NAN) / 1e9,
                s.get("peak_rss_kb").copied().unwrap_or(f64::NAN) / 1e3,
            );
            samples.entry(v).or_default().push(s);
        }
    }
    report(&samples, args.runs, npkgs, cores, load_before);
    Ok(())
}

fn report(
    samples: &HashMap<Variant, Vec<Sample>>,
    runs: usize,
    npkgs: usize,
    cores: usize,
    load_before: &str,
) {
    let get = |v: Variant| samples.get(&v).map_or(&[][..], Vec::as_slice);
    let (os, gs) = (get(Variant::OursSeq), get(Variant::GoSeq));
    let (op, gp) = (get(Variant::OursPar), get(Variant::GoPar));
    let (oq, gq) = (get(Variant::OursPipe), get(Variant::GoPipe));
    let secs = |s: &[Sample], k: &str| med(s, k) / 1e9;
    let pc = |s: &[Sample]| secs(s, "parse_ns") + secs(s, "check_ns");
    let pcc = |s: &[Sample]| secs(s, "parse_cpu_ns") + secs(s, "check_cpu_ns");

    let count = |s: &[Sample], k: &str| med(s, k) as u64;
    println!(
        "packages: {npkgs} (heapscope checked {} / {} pipelined, go/types {}); files {} / {}; bytes {} / {}; lines {} / {}",
        count(os, "checked_packages"),
        count(oq, "checked_packages"),
        count(gs, "packages"),
        count(os, "files"),
        count(gs, "files"),
        count(os, "bytes"),
        count(gs, "bytes"),
        count(os, "lines"),
        count(gs, "lines"),
    );
    println!(
        "errors: heapscope type {} syntax {} unresolved {} (pipelined: type {} syntax {}); go/types type {} syntax {} (sequential), \
         type {} syntax {} (parallel), type {} syntax {} (pipelined)",
        count(os, "type_errors"),
        count(os, "syntax_errors"),
        count(os, "unresolved"),
        count(oq, "type_errors"),
        count(oq, "syntax_errors"),
        count(gs, "type_errors"),
        count(gs, "syntax_errors"),
        count(gp, "type_errors"),
        count(gp, "syntax_errors"),
        count(gq, "type_errors"),
        count(gq, "syntax_errors"),
    );
    println!(
        "machine: {cores} cores, load average {load_before} before / {} after (other builds may be running: \
         figures are medians of {runs} runs)",
        loadavg()
    );
    println!();
    println!(
        "| measure (median)         | ours 1 thr | ours par | ours pipe | go seq | go par | go pipe | seq ratio | par ratio | pipe ratio |"
    );
    println!(
        "|--------------------------|------------|----------|-----------|--------|--------|---------|-----------|-----------|------------|"
    );
    // Values per column: ours seq, par, pipe; go seq, par, pipe.
    let row = |name: &str, v: [f64; 6], prec: usize| {
        let r = |x: f64, y: f64| {
            if y > 0.0 && x.is_finite() { format!("{:.2}", x / y) } else { "-".into() }
        };
        let f = |x: f64| if x.is_finite() { format!("{x:.prec$}") } else { "-".into() };
        println!(
            "| {name:<24} | {:>10} | {:>8} | {:>9} | {:>6} | {:>6} | {:>7} | {:>9} | {:>9} | {:>10} |",
            f(v[0]),
            f(v[1]),
            f(v[2]),
            f(v[3]),
            f(v[4]),
            f(v[5]),
            r(v[3], v[0]),
            r(v[4], v[1]),
            r(v[5], v[2]),
        );
    };
    let all = [os, op, oq, gs, gp, gq];
    let each = |f: &dyn Fn(&[Sample]) -> f64| all.map(f);
    // Phase rows do not apply to the pipelined variants (one phase).
    let phased = |f: &dyn Fn(&[Sample]) -> f64| {
        let mut v = all.map(f);
        v[2] = f64::NAN;
        v[5] = f64::NAN;
        v
    };
    let nan = f64::NAN;
    row("process wall (s)", each(&|s| med(s, "wall_s")), 2);
    row("process CPU (s)", each(&|s| med(s, "cpu_s")), 2);
    row("load (s)", [secs(os, "load_ns"), secs(op, "load_ns"), secs(oq, "load_ns"), nan, nan, nan], 2);
    row("parse, incl. read (s)", phased(&|s| secs(s, "parse_ns")), 2);
    row("check (s)", phased(&|s| secs(s, "check_ns")), 2);
    row("parse + check (s)", each(&|s| pc(s)), 2);
    let lpc = [pc(os) + secs(os, "load_ns"), pc(op) + secs(op, "load_ns"), pc(oq) + secs(oq, "load_ns")];
    row("load + parse + check (s)", [lpc[0], lpc[1], lpc[2], pc(gs), pc(gp), pc(gq)], 2);
    row("parse CPU (s)", phased(&|s| secs(s, "parse_cpu_ns")), 2);
    row("check CPU (s)", phased(&|s| secs(s, "check_cpu_ns")), 2);
    row("parse + check CPU (s)", each(&|s| pcc(s)), 2);
    row("peak RSS (MB)", each(&|s| med(s, "peak_rss_kb") / 1e3), 0);
    println!();
    let mb = med(gs, "bytes") / 1e6;
    println!(
        "throughput, parse + check: heapscope {:.1} MB/s (1 thread), {:.1} (par), {:.1} (pipe); \
         go/types {:.1} MB/s (seq), {:.1} (par), {:.1} (pipe)",
        mb / pc(os),
        mb / pc(op),
        mb / pc(oq),
        mb / pc(gs),
        mb / pc(gp),
        mb / pc(gq)
    );
    let (go_best, ours_best) = (pc(gp).min(pc(gq)), pc(op).min(pc(oq)));
    println!(
        "best on {cores} cores, parse + check (the faster of par and pipe on each side): \
         go/types {go_best:.2} s / heapscope {ours_best:.2} s = {:.2}x (target: 5x)",
        go_best / ours_best
    );
    println!(
        "CPU, parse + check: go/types {:.2} s (seq) / heapscope {:.2} s (1 thread) = {:.2}x",
        pcc(gs),
        pcc(os),
        pcc(gs) / pcc(os)
    );
    println!(
        "notes: ratios are go/types ÷ heapscope (>1: heapscope faster). heapscope's process includes loading \
         (go_loader walk, reading file headers for imports); go/types' process gets the file list from a \
         manifest and does no package discovery. \"par\" parses all files in parallel, then checks packages \
         in parallel (a package starts when its imports are done); \"pipe\" has no separate parse phase: a \
         package's files are read and parsed by the job that then checks it, when its imports are done, and \
         its trees and records are dropped afterwards (same on both sides). go/types seq still runs its GC on \
         other cores (see CPU). CPU rows are user+system time of the whole process during the phase (all \
         threads, GC included; heapscope's in 10 ms ticks); on a loaded machine they are steadier than wall time."
    );
}
