//! Checking several packages in import order: each package's imports (and
//! vendored import-map entries) are wired to the packages checked before
//! it. [`check_in_order`] checks one package after the other;
//! [`check_parallel`] checks every package whose imports are done on a pool
//! of threads, each package in its own shard of the arena (see
//! [`crate::types`]). Both report results in import order, identically. A
//! checker bug that panics on one package is reported as an error on that
//! package; the others are still checked (and nothing waits forever).

use std::collections::{HashMap, VecDeque};
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

/// The scheduler state of [`check_parallel`].
struct Sched {
    ready: VecDeque<usize>,
    waiting_on: Vec<usize>,
    done: usize,
}

/// Like [`check_in_order`], but packages whose imports are checked run
/// concurrently on `threads` threads (at least one). Results are the same
/// and `each` is called in the same (import) order, after all packages are
/// checked.
pub fn check_parallel<'a>(
    env: &mut Env,
    units: Vec<Unit<'a>>,
    sizes: Sizes,
    threads: usize,
    mut each: impl FnMut(&Env, &Unit<'a>, &Checked),
) {
    let n = units.len();
    // Shard numbers: unit i writes to shard base + 1 + i.
    let base = env.own_shard();
    env.reserve_shards(base as usize + n + 2);
    let index: HashMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.import_path, i)).collect();
    let mut ids: HashMap<String, PkgId> = HashMap::new();
    ids.insert("unsafe".into(), env.unsafe_pkg);
    for (i, u) in units.iter().enumerate() {
        if u.import_path != "unsafe" {
            // A package is the first one made in its shard.
            ids.insert(u.import_path.to_string(), PkgId::new(base + 1 + i as u32, 0));
        }
    }
    // Dependencies among the units (only earlier ones: import order).
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting_on = vec![0usize; n];
    for (i, u) in units.iter().enumerate() {
        let mut deps: Vec<usize> = u
            .imports
            .iter()
            .chain(u.import_map.iter().map(|(_, r)| r))
            .filter_map(|p| index.get(p.as_str()).copied())
            .filter(|&d| d < i)
            .collect();
        deps.sort_unstable();
        deps.dedup();
        waiting_on[i] = deps.len();
        for d in deps {
            dependents[d].push(i);
        }
    }
    let ready: VecDeque<usize> = (0..n).filter(|&i| waiting_on[i] == 0).collect();
    let sched = Mutex::new(Sched { ready, waiting_on, done: 0 });
    let wake = Condvar::new();
    let results: Mutex<Vec<Option<Checked>>> = Mutex::new((0..n).map(|_| None).collect());
    let forks: Vec<Mutex<Option<Env>>> =
        (0..n).map(|i| Mutex::new(Some(env.fork(base + 1 + i as u32)))).collect();
    let worker = || {
        loop {
            let i = {
                let Ok(mut s) = sched.lock() else { return };
                loop {
                    if let Some(i) = s.ready.pop_front() {
                        break i;
                    }
                    if s.done >= n {
                        return;
                    }
                    s = match wake.wait(s) {
                        Ok(s) => s,
                        Err(_) => return,
                    };
                }
            };
            let u = &units[i];
            let fork = forks[i].lock().ok().and_then(|mut f| f.take());
            let checked = match fork {
                Some(mut e) if !(u.import_path == "unsafe" && u.files.is_empty()) => {
                    let imports =
                        if u.import_path == "unsafe" { HashMap::new() } else { import_table(u, &ids) };
                    let c = check_one(&mut e, u, &imports, sizes);
                    e.freeze();
                    Some(c)
                }
                _ => None,
            };
            if let Ok(mut r) = results.lock() {
                r[i] = checked;
            }
            let Ok(mut s) = sched.lock() else { return };
            s.done += 1;
            for &d in &dependents[i] {
                s.waiting_on[d] -= 1;
                if s.waiting_on[d] == 0 {
                    s.ready.push_back(d);
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
    env.freeze_and_continue(base + n as u32 + 1);
    let results = results.into_inner().unwrap_or_default();
    for (u, c) in units.iter().zip(results) {
        if let Some(c) = c {
            each(env, u, &c);
        }
    }
}
