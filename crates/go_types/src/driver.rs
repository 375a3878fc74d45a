//! Checking several packages in import order: each package's imports (and
//! vendored import-map entries) are wired to the packages checked before
//! it. [`check_in_order`] checks one package after the other;
//! [`check_parallel`] checks every package whose imports are done on a pool
//! of threads, each package in its own shard of the arena (see
//! [`crate::types`]). Both report results in import order, identically. A
//! checker bug that panics on one package is reported as an error on that
//! package; the others are still checked (and nothing waits forever).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Condvar, Mutex};

use crate::check::{Checked, Checker, STACK_SIZE, TypeError};
use crate::sizes::Sizes;
use crate::types::{Env, PkgId};
use go_syntax::File;

/// One package to check.
pub struct Unit<'a> {
    pub import_path: &'a str,
    /// Resolved import paths.
    pub imports: &'a [String],
    /// Import path as written in the source -> resolved path (vendoring).
    pub import_map: &'a [(String, String)],
    pub files: &'a [File],
    /// File names, parallel to `files`, for positions in messages.
    pub names: &'a [String],
}

/// The import table of `u`: source import paths -> checked packages.
fn import_table(u: &Unit<'_>, ids: &HashMap<String, PkgId>) -> HashMap<String, PkgId> {
    let mut imports: HashMap<String, PkgId> = HashMap::new();
    for imp in u.imports {
        if let Some(&id) = ids.get(imp) {
            imports.insert(imp.clone(), id);
        }
    }
    for (src, resolved) in u.import_map {
        if let Some(&id) = ids.get(resolved) {
            imports.insert(src.clone(), id);
        }
    }
    imports
}

/// Checks one package; a panic inside the checker (a bug) becomes an error
/// on that package instead of taking the others down.
fn check_one(env: &mut Env, u: &Unit<'_>, imports: &HashMap<String, PkgId>, sizes: Sizes) -> Checked {
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Checker::new(env, u.import_path, u.files, imports, sizes).check()
    }));
    r.unwrap_or_else(|_| Checked {
        pkg: Some(PkgId::new(env.own_shard(), 0)),
        errors: vec![TypeError {
            file: 0,
            offset: 0,
            msg: format!("internal error: the type checker failed on package {}", u.import_path),
            related: Vec::new(),
        }],
        ..Default::default()
    })
}

/// Checks `units`, which must come in import order (dependencies first), calling `each` with
/// every package's result. Imports of `unsafe` resolve to the universe's own package; its
/// source file, when given, is checked too (as go/types does) so it has records.
pub fn check_in_order<'a>(
    env: &mut Env,
    units: impl IntoIterator<Item = Unit<'a>>,
    sizes: Sizes,
    mut each: impl FnMut(&Env, &Unit<'a>, &Checked),
) {
    let mut ids: HashMap<String, PkgId> = HashMap::new();
    ids.insert("unsafe".into(), env.unsafe_pkg);
    for u in units {
        let imports = if u.import_path == "unsafe" { HashMap::new() } else { import_table(&u, &ids) };
        if u.import_path == "unsafe" && u.files.is_empty() {
            continue;
        }
        let checked = check_one(env, &u, &imports, sizes);
        if let Some(id) = checked.pkg
            && u.import_path != "unsafe"
        {
            ids.insert(u.import_path.to_string(), id);
        }
        let next = env.own_shard() + 1;
        env.freeze_and_continue(next);
        each(env, &u, &checked);
    }
}

/// The state of [`run_dag`]'s scheduler.
struct Sched {
    /// Ready nodes by priority (longest remaining weighted path first,
    /// then import order).
    ready: BinaryHeap<(u64, Reverse<usize>)>,
    waiting_on: Vec<usize>,
    done: usize,
    started: Vec<bool>,
    /// Nodes by priority, for prefetching; `prefetch_next` is the first one
    /// not considered yet.
    prefetch_order: Vec<usize>,
    prefetch_next: usize,
}

impl Sched {
    /// The most urgent node that has neither started nor been prefetched.
    fn next_prefetch(&mut self) -> Option<usize> {
        while let Some(&j) = self.prefetch_order.get(self.prefetch_next) {
            self.prefetch_next += 1;
            if !self.started[j] {
                return Some(j);
            }
        }
        None
    }
}

/// Runs `job(i)` for every node `i` of a DAG on `threads` threads (at
/// least one), each node after all of its `deps` (indices of earlier
/// nodes). Among ready nodes, the one with the longest chain of `weights`
/// still ahead of it (its own included) runs first, so long dependency
/// chains start early. A panic in `job` marks the node done (nothing waits
/// forever) and is resumed once every thread has stopped.
fn run_dag(deps: &[Vec<usize>], weights: &[u64], threads: usize, job: impl Fn(usize) + Sync) {
    run_dag_prefetching(deps, weights, threads, job, None::<fn(usize)>);
}

/// [`run_dag`] that, when a worker would otherwise wait for dependencies to
/// finish, calls `prefetch(j)` on a node `j` that has not started (the one
/// with the longest chain ahead first, each at most once), so work that does
/// not need the dependencies (reading and parsing files) fills idle time.
fn run_dag_prefetching(
    deps: &[Vec<usize>],
    weights: &[u64],
    threads: usize,
    job: impl Fn(usize) + Sync,
    prefetch: Option<impl Fn(usize) + Sync>,
) {
    let n = deps.len();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting_on = vec![0usize; n];
    for (i, ds) in deps.iter().enumerate() {
        waiting_on[i] = ds.len();
        for &d in ds {
            dependents[d].push(i);
        }
    }
    // Bottom levels: dependents come later in the order, so one backward
    // pass suffices.
    let mut level = vec![0u64; n];
    for i in (0..n).rev() {
        let below = dependents[i].iter().map(|&d| level[d]).max().unwrap_or(0);
        level[i] = below.saturating_add(weights.get(i).copied().unwrap_or(1));
    }
    let ready = (0..n).filter(|&i| waiting_on[i] == 0).map(|i| (level[i], Reverse(i))).collect();
    // Prefetch candidates, most urgent first.
    let mut by_level: Vec<usize> = (0..n).collect();
    by_level.sort_by_key(|&i| (Reverse(level[i]), i));
    let sched = Mutex::new(Sched {
        ready,
        waiting_on,
        done: 0,
        started: vec![false; n],
        prefetch_order: by_level,
        prefetch_next: 0,
    });
    let wake = Condvar::new();
    let panicked: Mutex<Option<Box<dyn std::any::Any + Send>>> = Mutex::new(None);
    let worker = || {
        loop {
            let i = {
                let Ok(mut s) = sched.lock() else { return };
                loop {
                    if let Some((_, Reverse(i))) = s.ready.pop() {
                        s.started[i] = true;
                        break i;
                    }
                    if s.done >= n {
                        return;
                    }
                    if let Some(pf) = &prefetch
                        && let Some(j) = s.next_prefetch()
                    {
                        drop(s);
                        if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pf(j)))
                            && let Ok(mut slot) = panicked.lock()
                        {
                            slot.get_or_insert(p);
                        }
                        s = match sched.lock() {
                            Ok(s) => s,
                            Err(_) => return,
                        };
                        continue;
                    }
                    s = match wake.wait(s) {
                        Ok(s) => s,
                        Err(_) => return,
                    };
                }
            };
            if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(i)))
                && let Ok(mut slot) = panicked.lock()
            {
                slot.get_or_insert(p);
            }
            let Ok(mut s) = sched.lock() else { return };
            s.done += 1;
            for &d in &dependents[i] {
                s.waiting_on[d] -= 1;
                if s.waiting_on[d] == 0 {
                    s.ready.push((level[d], Reverse(d)));
                }
            }
            wake.notify_all();
        }
    };
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..threads.max(1) {
            let h = std::thread::Builder::new().stack_size(STACK_SIZE).spawn_scoped(scope, worker);
            if let Ok(h) = h {
                handles.push(h);
            }
        }
        if handles.is_empty() {
            worker();
        }
    });
    if let Some(p) = panicked.into_inner().ok().flatten() {
        std::panic::resume_unwind(p);
    }
}

/// Indices of the units among `units[..i]` that unit `i` imports.
fn unit_deps<'a>(
    index: &HashMap<&str, usize>,
    i: usize,
    imports: &'a [String],
    import_map: &'a [(String, String)],
) -> Vec<usize> {
    let mut deps: Vec<usize> = imports
        .iter()
        .chain(import_map.iter().map(|(_, r)| r))
        .filter_map(|p| index.get(p.as_str()).copied())
        .filter(|&d| d < i)
        .collect();
    deps.sort_unstable();
    deps.dedup();
    deps
}

/// Package ids of a parallel run: unit `i` makes its package first in
/// shard `base + 1 + i`.
fn planned_ids<'a>(env: &Env, base: u32, paths: impl Iterator<Item = &'a str>) -> HashMap<String, PkgId> {
    let mut ids: HashMap<String, PkgId> = HashMap::new();
    ids.insert("unsafe".into(), env.unsafe_pkg);
    for (i, p) in paths.enumerate() {
        if p != "unsafe" {
            ids.insert(p.to_string(), PkgId::new(base + 1 + i as u32, 0));
        }
    }
    ids
}

/// What a parallel run needs before it starts: shard numbers (package `i`
/// writes shard `base + 1 + i`), the package id each import path will
/// have, each package's dependencies among the others, and an `Env` per
/// package.
struct Plan {
    base: u32,
    ids: HashMap<String, PkgId>,
    deps: Vec<Vec<usize>>,
    forks: Vec<Mutex<Option<Env>>>,
}

/// The [`Plan`] for `pkgs`, in import order.
fn plan(env: &mut Env, pkgs: &[PackageSpec<'_>]) -> Plan {
    let n = pkgs.len();
    let base = env.own_shard();
    env.reserve_shards(base as usize + n + 2);
    let index: HashMap<&str, usize> = pkgs.iter().enumerate().map(|(i, p)| (p.import_path, i)).collect();
    let ids = planned_ids(env, base, pkgs.iter().map(|p| p.import_path));
    let deps = pkgs.iter().enumerate().map(|(i, p)| unit_deps(&index, i, p.imports, p.import_map)).collect();
    let forks = (0..n).map(|i| Mutex::new(Some(env.fork(base + 1 + i as u32)))).collect();
    Plan { base, ids, deps, forks }
}

/// Like [`check_in_order`], but packages whose imports are checked run
/// concurrently on `threads` threads. Results are the same and `each` is
/// called in the same (import) order, after all packages are checked.
pub fn check_parallel<'a>(
    env: &mut Env,
    units: Vec<Unit<'a>>,
    sizes: Sizes,
    threads: usize,
    mut each: impl FnMut(&Env, &Unit<'a>, &Checked),
) {
    let n = units.len();
    let specs: Vec<PackageSpec<'a>> = units
        .iter()
        .map(|u| PackageSpec {
            import_path: u.import_path,
            imports: u.imports,
            import_map: u.import_map,
            weight: u.files.iter().map(|f| f.src.len() as u64).sum::<u64>() + 1,
        })
        .collect();
    let Plan { base, ids, deps, forks } = plan(env, &specs);
    let weights: Vec<u64> = specs.iter().map(|u| u.weight).collect();
    let results: Vec<Mutex<Option<Checked>>> = (0..n).map(|_| Mutex::new(None)).collect();
    run_dag(&deps, &weights, threads, |i| {
        let u = &units[i];
        let fork = forks[i].lock().ok().and_then(|mut f| f.take());
        if let Some(mut e) = fork
            && !(u.import_path == "unsafe" && u.files.is_empty())
        {
            let imports = if u.import_path == "unsafe" { HashMap::new() } else { import_table(u, &ids) };
            let c = check_one(&mut e, u, &imports, sizes);
            e.freeze();
            if let Ok(mut r) = results[i].lock() {
                *r = Some(c);
            }
        }
    });
    env.freeze_and_continue(base + n as u32 + 1);
    for (u, r) in units.iter().zip(results) {
        if let Some(c) = r.into_inner().ok().flatten() {
            each(env, u, &c);
        }
    }
}

/// A package for [`check_pipelined`]: like [`Unit`], but its files are
/// made (read and parsed) only when the package is about to be checked.
pub struct PackageSpec<'a> {
    pub import_path: &'a str,
    pub imports: &'a [String],
    pub import_map: &'a [(String, String)],
    /// Relative cost, for scheduling (for instance its source size).
    pub weight: u64,
}

/// Parses, checks and hands on each package as one job: when a package's
/// imports are checked, a worker calls `files(i)` for its files (and their
/// names), checks them, and calls `each(i, env, unit, checked)` on the same
/// thread, in completion order, with an [`Env`] that sees the package and
/// everything it imports. A worker with nothing ready to check makes the
/// files of the most urgent package not started yet (parsing needs no
/// imports), so waiting for dependencies costs no idle time. Nothing is
/// kept afterwards except the types and objects in the arena, so a package's syntax trees and records can be
/// dropped as soon as `each` is done with them: memory stays in use only
/// for the packages in flight. Type-checking results are the same as with
/// [`check_parallel`].
pub fn check_pipelined<'a>(
    env: &mut Env,
    specs: &[PackageSpec<'a>],
    sizes: Sizes,
    threads: usize,
    files: impl Fn(usize) -> (Vec<File>, Vec<String>) + Sync,
    each: impl Fn(usize, &Env, &Unit<'_>, Checked) + Sync,
) {
    let n = specs.len();
    let Plan { base, ids, deps, forks } = plan(env, specs);
    let weights: Vec<u64> = specs.iter().map(|u| u.weight).collect();
    // Files made ahead of time by idle workers (a job whose slot is being
    // filled waits for it).
    // `None`: not made yet; `Some(None)`: taken by the job.
    type Made = Option<(Vec<File>, Vec<String>)>;
    let made: Vec<Mutex<Option<Made>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let prefetch = |j: usize| {
        if let Ok(mut slot) = made[j].lock()
            && slot.is_none()
        {
            *slot = Some(Some(files(j)));
        }
    };
    let job = |i: usize| {
        let spec = &specs[i];
        let Some(mut e) = forks[i].lock().ok().and_then(|mut f| f.take()) else { return };
        let ahead = made[i].lock().ok().and_then(|mut slot| slot.replace(None).flatten());
        let (fs, names) = ahead.unwrap_or_else(|| files(i));
        if spec.import_path == "unsafe" && fs.is_empty() {
            return;
        }
        let u = Unit {
            import_path: spec.import_path,
            imports: spec.imports,
            import_map: spec.import_map,
            files: &fs,
            names: &names,
        };
        let imports = if u.import_path == "unsafe" { HashMap::new() } else { import_table(&u, &ids) };
        let c = check_one(&mut e, &u, &imports, sizes);
        e.freeze();
        each(i, &e, &u, c);
    };
    run_dag_prefetching(&deps, &weights, threads, job, Some(prefetch));
    env.freeze_and_continue(base + n as u32 + 1);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A DAG of 40 nodes where node i depends on i-1 and i/2 (when
    /// smaller): every job must see its dependencies finished, every node
    /// runs exactly once, and prefetching touches only nodes that have not
    /// started, each at most once.
    #[test]
    fn run_dag_respects_dependencies_and_prefetches_unstarted_nodes() {
        let n: usize = 40;
        let deps: Vec<Vec<usize>> = (0..n)
            .map(|i: usize| {
                let mut d: Vec<usize> =
                    [i.checked_sub(1), Some(i / 2)].into_iter().flatten().filter(|&d| d < i).collect();
                d.dedup();
                d
            })
            .collect();
        let weights: Vec<u64> = (0..n as u64).map(|i| 1 + i % 7).collect();
        for threads in [1, 2, 4] {
            let done: Vec<AtomicUsize> = (0..n).map(|_| AtomicUsize::new(0)).collect();
            let prefetched: Vec<AtomicUsize> = (0..n).map(|_| AtomicUsize::new(0)).collect();
            let clock = AtomicUsize::new(1);
            run_dag_prefetching(
                &deps,
                &weights,
                threads,
                |i| {
                    for &d in &deps[i] {
                        assert_ne!(
                            done[d].load(Ordering::SeqCst),
                            0,
                            "node {i} ran before its dependency {d}"
                        );
                    }
                    std::thread::yield_now();
                    let t = clock.fetch_add(1, Ordering::SeqCst);
                    assert_eq!(done[i].swap(t, Ordering::SeqCst), 0, "node {i} ran twice");
                },
                Some(|j: usize| {
                    assert_eq!(done[j].load(Ordering::SeqCst), 0, "prefetch of finished node {j}");
                    assert_eq!(prefetched[j].fetch_add(1, Ordering::SeqCst), 0, "node {j} prefetched twice");
                }),
            );
            assert!(
                done.iter().all(|d| d.load(Ordering::SeqCst) != 0),
                "{threads} threads: not all nodes ran"
            );
        }
    }

    /// A panicking job is reported after the others have run.
    #[test]
    fn run_dag_resumes_a_job_panic_after_finishing_the_rest() {
        let deps: Vec<Vec<usize>> = vec![vec![], vec![0], vec![1], vec![]];
        let ran = AtomicUsize::new(0);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_dag(&deps, &[1, 1, 1, 1], 2, |i| {
                ran.fetch_add(1, Ordering::SeqCst);
                if i == 1 {
                    panic!("job 1 fails");
                }
            })
        }));
        assert!(r.is_err());
        assert_eq!(ran.load(Ordering::SeqCst), 4);
    }
}
