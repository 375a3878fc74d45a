//! `bench_parse`: compares go_syntax's single-threaded parse throughput with
//! go/parser's on every `.go` file under a root (default
//! `$HEAPSCOPE_GOROOT/src`), both on in-memory sources (ours through
//! `FileParser`, which reuses allocations from file to file, and through
//! the copying `parse_file`), then compares
//! whole-process wall time (start-up + reading + parsing) of
//! `bench_parse --parse-only ROOT` against the Go program (also showing each
//! process's CPU time, since both may use more than one core: our reader
//! thread, Go's runtime and GC threads), and reports our peak RSS. Run
//! with `cargo run --release -p bench_parse [-- ROOT]`.

// Same allocator as the heapscope binary, so the in-memory rate is the
// product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Repetitions per measurement; the best time is reported (the machine is
/// shared, so the minimum is the least noisy estimate).
const RUNS: usize = 5;

fn default_root() -> PathBuf {
    if let Ok(g) = std::env::var("HEAPSCOPE_GOROOT") {
        return PathBuf::from(g).join("src");
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    PathBuf::from(home).join(".cache/heapscope/go1.27.3/src")
}

fn go_binary() -> PathBuf {
    if let Ok(g) = std::env::var("HEAPSCOPE_GOROOT") {
        let p = PathBuf::from(g).join("bin/go");
        if p.exists() {
            return p;
        }
    }
    PathBuf::from("go")
}

fn peak_rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// User + system CPU seconds of all waited-for children so far
/// (`/proc/self/stat` fields cutime + cstime, in USER_HZ = 100 ticks per
/// second; 0 where unavailable).
fn children_cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the parenthesized command name, which may contain spaces
    let rest = s.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state): cutime and cstime are fields 16, 17
    let tick = |k: usize| f.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (tick(13) + tick(14)) as f64 / 100.0
}

/// How the in-memory measurement calls the parser.
#[derive(Clone, Copy, PartialEq)]
enum Api {
    /// `FileParser`: each source moved in (no copy), each parsed file handed
    /// back so its allocations serve the next one (what `debug parse` and a
    /// whole-tree run do; go/parser's side likewise parses `[]byte`s in
    /// place and its garbage collector reuses the freed memory).
    Reuse,
    /// `parse_file(&src)`: copies the source, fresh allocations per file,
    /// arenas shrunk to fit.
    Copy,
}

/// Reads all files, then parses them one after the other (only the parsing
/// is timed); returns (files, bytes, parse seconds, errors).
fn parse_all(root: &Path, api: Api) -> std::io::Result<(usize, u64, f64, usize)> {
    let files = go_syntax::collect_go_files(&[root.to_path_buf()])?;
    let mut srcs = Vec::with_capacity(files.len());
    for f in &files {
        srcs.push((f.to_string_lossy().into_owned(), std::fs::read(f)?));
    }
    let bytes: u64 = srcs.iter().map(|(_, s)| s.len() as u64).sum();
    let nfiles = srcs.len();
    let mut errors = 0;
    let t = Instant::now();
    match api {
        Api::Reuse => {
            let mut parser = go_syntax::FileParser::new();
            for (name, src) in srcs {
                let (file, errs) = parser.parse(&name, src);
                errors += errs.len();
                parser.recycle(file);
            }
        }
        Api::Copy => {
            for (name, src) in &srcs {
                let (file, errs) = go_syntax::parse_file(name, src);
                errors += errs.len();
                drop(file);
            }
        }
    }
    Ok((nfiles, bytes, t.elapsed().as_secs_f64(), errors))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--parse-only") {
        // Child mode for the whole-process measurement.
        let root = args.get(1).map(PathBuf::from).unwrap_or_else(default_root);
        let mut out = std::io::sink();
        go_syntax::debug_parse(&[root], &mut out)?;
        return Ok(());
    }
    let root = args.first().map(PathBuf::from).unwrap_or_else(default_root);
    if !root.is_dir() {
        return Err(format!(
            "{} is not a directory (install with scripts/install-go.sh 1.27.3)",
            root.display()
        )
        .into());
    }

    // Ours (in-memory; best of RUNS each, the two APIs alternating).
    let (mut best, mut best_copy) = (f64::MAX, f64::MAX);
    let (mut files, mut bytes, mut errors) = (0, 0, 0);
    for _ in 0..RUNS {
        let (f, b, t, e) = parse_all(&root, Api::Reuse)?;
        (files, bytes, errors) = (f, b, e);
        best = best.min(t);
        best_copy = best_copy.min(parse_all(&root, Api::Copy)?.2);
    }
    // Streaming variant (files read ahead on a second thread, parsed one by
    // one): debug_parse's own figure.
    let mut stream_best = 0.0f64;
    for _ in 0..RUNS {
        let sum = go_syntax::debug_parse(std::slice::from_ref(&root), &mut std::io::sink())?;
        stream_best = stream_best.max(sum.mb_per_s());
    }
    let rss_kb = peak_rss_kb();
    let ours_mbs = bytes as f64 / 1e6 / best;
    let copy_mbs = bytes as f64 / 1e6 / best_copy;

    // go/parser (in-memory; best of RUNS).
    let tmp = std::env::temp_dir().join(format!("bench_parse_go_{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let gobin = tmp.join("goparser");
    let src_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("goparser");
    let st = Command::new(go_binary())
        .arg("build")
        .arg("-o")
        .arg(&gobin)
        .arg(".")
        .current_dir(&src_dir)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .status()?;
    if !st.success() {
        return Err("go build of bench/parse/goparser failed".into());
    }
    let mut go_best = f64::MAX;
    let mut go_files = 0;
    for _ in 0..RUNS {
        let out = Command::new(&gobin).arg(&root).output()?;
        let s = String::from_utf8_lossy(&out.stdout).into_owned();
        let w: Vec<&str> = s.split_whitespace().collect();
        let ns: f64 = w.get(5).and_then(|v| v.parse().ok()).ok_or("bad goparser output")?;
        go_files = w.get(1).and_then(|v| v.parse().ok()).unwrap_or(0);
        go_best = go_best.min(ns / 1e9);
    }
    let go_mbs = bytes as f64 / 1e6 / go_best;

    // Whole process wall time (best of RUNS each, alternating the two
    // programs so both see the same machine load), with the CPU time
    // (user + sys, all threads) of the best run.
    let me = std::env::current_exe()?;
    let run = |cmd: &mut Command| -> std::io::Result<(f64, f64)> {
        let cpu0 = children_cpu_secs();
        let t = Instant::now();
        cmd.output()?;
        Ok((t.elapsed().as_secs_f64(), children_cpu_secs() - cpu0))
    };
    let (mut ours_wall, mut ours_cpu, mut go_wall, mut go_cpu) = (f64::MAX, 0.0, f64::MAX, 0.0);
    for _ in 0..RUNS {
        let (w, c) = run(Command::new(&me).arg("--parse-only").arg(&root))?;
        if w < ours_wall {
            (ours_wall, ours_cpu) = (w, c);
        }
        let (w, c) = run(Command::new(&gobin).arg(&root))?;
        if w < go_wall {
            (go_wall, go_cpu) = (w, c);
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);

    println!(
        "root: {} ({files} files, {bytes} bytes, {errors} syntax errors; go/parser saw {go_files} files)",
        root.display()
    );
    println!("| measure                 | go_syntax | go/parser | ratio |");
    println!("|-------------------------|-----------|-----------|-------|");
    println!("| parse MB/s (in memory)  | {ours_mbs:9.1} | {go_mbs:9.1} | {:5.2} |", ours_mbs / go_mbs);
    println!("| same, parse_file (copy) | {copy_mbs:9.1} | {go_mbs:9.1} | {:5.2} |", copy_mbs / go_mbs);
    println!("| whole process wall (s)  | {ours_wall:9.3} | {go_wall:9.3} | {:5.2} |", go_wall / ours_wall);
    println!(
        "| whole process CPU (s)   | {ours_cpu:9.2} | {go_cpu:9.2} | {:5.2} |",
        go_cpu / ours_cpu.max(0.01)
    );
    println!(
        "debug_parse (streaming, files read on a second thread; parse time only): {stream_best:.1} MB/s = {:.2}x go/parser in-memory",
        stream_best / go_mbs
    );
    println!(
        "peak RSS (VmHWM): {:.1} MB = {:.2}x total source ({:.1} MB, all sources held in memory)",
        rss_kb as f64 / 1e3,
        rss_kb as f64 * 1e3 / bytes as f64,
        bytes as f64 / 1e6
    );
    Ok(())
}
