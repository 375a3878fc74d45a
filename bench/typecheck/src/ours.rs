//! The heapscope side of the benchmark, run in a child process of the
//! benchmark binary (hidden flag `--child`) so that its peak RSS and CPU time
//! are for this work only: load the packages with go_loader (walk backend),
//! parse every file with go_syntax (`LoadResult::parse_all`, rayon), then
//! type-check every package once with go_types (`check_parallel`: a package
//! starts when its imports are done, on as many threads as
//! `RAYON_NUM_THREADS` says, else one per core). The parent makes the
//! single-threaded row with `RAYON_NUM_THREADS=1`.
//!
//! Also writes the manifest the go/types side reads ([`write_manifest`]), so
//! both sides check exactly the same packages and files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use go_loader::{LoadConfig, LoadResult, Loader};
use go_types::driver::{PackageSpec, Unit, check_parallel, check_pipelined};
use go_types::sizes::Sizes;
use go_types::types::Env;

/// Loads `patterns` and all their dependencies for linux/amd64 without cgo,
/// with the walk backend (no go command involved).
pub fn load(goroot: &Path, patterns: &[String]) -> Result<LoadResult> {
    let mut cfg = LoadConfig::new(goroot.join("src"));
    cfg.goroot = Some(goroot.to_path_buf());
    cfg.goos = Some("linux".into());
    cfg.goarch = Some("amd64".into());
    let loaded = Loader::load(patterns, &cfg);
    if !loaded.errors.is_empty() {
        let msgs: Vec<String> = loaded.errors.iter().take(10).map(|e| e.to_string()).collect();
        bail!("{} load errors:\n{}", loaded.errors.len(), msgs.join("\n"));
    }
    if let Some(p) = loaded.packages.iter().find(|p| p.error.is_some()) {
        bail!("package {}: {}", p.import_path, p.error.as_deref().unwrap_or_default());
    }
    Ok(loaded)
}

/// Writes the package list for `bench/typecheck/go` (format in its doc
/// comment): packages in import order with imports, import map and files.
pub fn write_manifest(loaded: &LoadResult, path: &Path) -> Result<()> {
    let mut s = String::new();
    for p in &loaded.packages {
        let _ = writeln!(s, "P\t{}", p.import_path);
        for i in &p.imports {
            let _ = writeln!(s, "I\t{i}");
        }
        for (src, resolved) in &p.import_map {
            let _ = writeln!(s, "M\t{src}\t{resolved}");
        }
        for f in &p.go_files {
            let f = f.to_str().ok_or_else(|| anyhow!("non-UTF-8 file name {}", f.display()))?;
            if f.contains(['\t', '\n']) {
                bail!("file name with a tab or newline: {f:?}");
            }
            let _ = writeln!(s, "F\t{f}");
        }
    }
    std::fs::write(path, s).with_context(|| format!("writing {}", path.display()))
}

/// Peak resident set size of this process (`VmHWM`), in kB (0 if unknown).
fn peak_rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// User + system CPU time of this process so far (all threads), in
/// nanoseconds (`/proc/self/stat` utime + stime, 10 ms ticks; 0 if unknown).
fn cpu_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the parenthesized command name, which may contain spaces:
    // `rest` starts at field 3 (state); utime and stime are fields 14, 15
    let rest = s.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |k: usize| f.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (tick(11) + tick(12)) * 10_000_000
}

/// Loads, parses and checks; returns the result line the parent parses
/// (same keys as the Go side, plus `load_ns`).
fn run(goroot: PathBuf, patterns: Vec<String>) -> Result<String> {
    let t = Instant::now();
    let loaded = load(&goroot, &patterns)?;
    let load_ns = t.elapsed().as_nanos();

    let (t, cpu0) = (Instant::now(), cpu_ns());
    let parsed = loaded.parse_all();
    let mut syntax_errors = 0usize;
    let mut pkg_files: Vec<Vec<go_syntax::File>> = Vec::with_capacity(parsed.len());
    for files in parsed {
        let mut v = Vec::with_capacity(files.len());
        for f in files {
            let (file, errs) = f.result.map_err(|e| anyhow!(e))?;
            syntax_errors += errs.len();
            v.push(file);
        }
        pkg_files.push(v);
    }
    let (parse_ns, parse_cpu_ns) = (t.elapsed().as_nanos(), cpu_ns().saturating_sub(cpu0));

    let names: Vec<Vec<String>> = loaded
        .packages
        .iter()
        .map(|p| p.go_files.iter().map(|f| f.to_string_lossy().into_owned()).collect())
        .collect();
    let (t, cpu0) = (Instant::now(), cpu_ns());
    let mut env = Env::new();
    let mut type_errors = 0usize;
    let mut unresolved = 0usize;
    let mut checked_pkgs = 0usize;
    let units = loaded
        .packages
        .iter()
        .zip(&pkg_files)
        .zip(&names)
        .map(|((p, files), names)| Unit {
            import_path: &p.import_path,
            imports: &p.imports,
            import_map: &p.import_map,
            files,
            names,
        })
        .collect();
    check_parallel(&mut env, units, Sizes::AMD64, threads(), |_, _, checked| {
        checked_pkgs += 1;
        type_errors += checked.errors.len();
        unresolved += checked.unresolved;
    });
    let (check_ns, check_cpu_ns) = (t.elapsed().as_nanos(), cpu_ns().saturating_sub(cpu0));
    let rss = peak_rss_kb();

    let files: usize = pkg_files.iter().map(Vec::len).sum();
    let bytes: usize = pkg_files.iter().flatten().map(|f| f.src.len()).sum();
    let lines: usize = pkg_files.iter().flatten().map(|f| memchr::memchr_iter(b'\n', &f.src).count()).sum();
    let npkgs = loaded.packages.len();
    // The process exits right after printing: skip freeing the ASTs and the
    // Env (as the Go program does, which never frees at exit).
    std::mem::forget(env);
    std::mem::forget(pkg_files);
    std::mem::forget(loaded);
    Ok(format!(
        "packages {} files {files} bytes {bytes} lines {lines} load_ns {load_ns} parse_ns {parse_ns} \
         check_ns {check_ns} parse_cpu_ns {parse_cpu_ns} check_cpu_ns {check_cpu_ns} type_errors {type_errors} syntax_errors {syntax_errors} unresolved {unresolved} \
         checked_packages {checked_pkgs} peak_rss_kb {rss}",
        npkgs
    ))
}

/// Loads, then parses and checks each package as one job
/// (`check_pipelined`: a package's files are read and parsed when its
/// imports are checked; its trees and records are dropped once counted).
/// The result line has the same keys as [`run`]'s, with the whole parse and
/// check in `check_ns`/`check_cpu_ns` and zero for the parse phase.
fn run_pipelined(goroot: PathBuf, patterns: Vec<String>) -> Result<String> {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let t = Instant::now();
    let loaded = load(&goroot, &patterns)?;
    let load_ns = t.elapsed().as_nanos();

    let (t, cpu0) = (Instant::now(), cpu_ns());
    let specs: Vec<PackageSpec<'_>> = loaded
        .packages
        .iter()
        .map(|p| PackageSpec {
            import_path: &p.import_path,
            imports: &p.imports,
            import_map: &p.import_map,
            weight: p.go_files.len() as u64 + 1,
        })
        .collect();
    let counters: [AtomicUsize; 7] = Default::default();
    let [files_n, bytes_n, lines_n, syntax_errors, type_errors, unresolved, checked_pkgs] = &counters;
    let read_errors: std::sync::Mutex<Vec<String>> = Default::default();
    let mut env = Env::new();
    check_pipelined(
        &mut env,
        &specs,
        Sizes::AMD64,
        threads(),
        |i| {
            let p = &loaded.packages[i];
            let mut files = Vec::with_capacity(p.go_files.len());
            let mut names = Vec::with_capacity(p.go_files.len());
            for path in &p.go_files {
                match go_loader::ParsedFile::parse(path).result {
                    Ok((f, errs)) => {
                        syntax_errors.fetch_add(errs.len(), Relaxed);
                        bytes_n.fetch_add(f.src.len(), Relaxed);
                        lines_n.fetch_add(memchr::memchr_iter(b'\n', &f.src).count(), Relaxed);
                        files.push(f);
                        names.push(path.to_string_lossy().into_owned());
                    }
                    Err(e) => {
                        if let Ok(mut v) = read_errors.lock() {
                            v.push(e);
                        }
                    }
                }
            }
            files_n.fetch_add(files.len(), Relaxed);
            (files, names)
        },
        |_, _, _, checked| {
            checked_pkgs.fetch_add(1, Relaxed);
            type_errors.fetch_add(checked.errors.len(), Relaxed);
            unresolved.fetch_add(checked.unresolved, Relaxed);
        },
    );
    let (check_ns, check_cpu_ns) = (t.elapsed().as_nanos(), cpu_ns().saturating_sub(cpu0));
    let rss = peak_rss_kb();
    if let Some(e) = read_errors.lock().ok().and_then(|v| v.first().cloned()) {
        bail!("{e}");
    }
    let npkgs = loaded.packages.len();
    std::mem::forget(env);
    std::mem::forget(loaded);
    let g = |c: &AtomicUsize| c.load(Relaxed);
    Ok(format!(
        "packages {npkgs} files {} bytes {} lines {} load_ns {load_ns} parse_ns 0 \
         check_ns {check_ns} parse_cpu_ns 0 check_cpu_ns {check_cpu_ns} type_errors {} syntax_errors {} unresolved {} \
         checked_packages {} peak_rss_kb {rss}",
        g(files_n),
        g(bytes_n),
        g(lines_n),
        g(type_errors),
        g(syntax_errors),
        g(unresolved),
        g(checked_pkgs),
    ))
}

/// Checker threads: as many as rayon would use (`RAYON_NUM_THREADS=1` for
/// the single-threaded row).
fn threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Child entry point: does the work on a thread with the checker's stack
/// size and prints the result line on stdout.
pub fn child_main(goroot: PathBuf, patterns: Vec<String>, pipelined: bool) -> Result<()> {
    let h = std::thread::Builder::new()
        .stack_size(go_types::check::STACK_SIZE)
        .spawn(move || if pipelined { run_pipelined(goroot, patterns) } else { run(goroot, patterns) })
        .context("spawning the checker thread")?;
    let line = h.join().map_err(|_| anyhow!("checker thread panicked"))??;
    println!("{line}");
    Ok(())
}
