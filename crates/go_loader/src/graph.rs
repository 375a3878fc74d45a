//! The import graph: a deterministic topological order (imports first, with
//! import cycles detected and broken) and a rayon scheduler that runs a
//! package as soon as all its imports have run.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{LoadError, Package};

/// A topological order of `packages` (indices; imports before importers),
/// depth-first from each package in input order, imports in sorted order.
/// Import cycles are reported (gc's "import cycle not allowed") and broken
/// at the edge closing them.
pub fn import_order(packages: &[Package]) -> (Vec<usize>, Vec<LoadError>) {
    let index: HashMap<&str, usize> =
        packages.iter().enumerate().map(|(i, p)| (p.import_path.as_str(), i)).collect();
    // 0 = unvisited, 1 = on stack, 2 = done
    let mut state = vec![0u8; packages.len()];
    let mut order = Vec::with_capacity(packages.len());
    let mut errors = Vec::new();
    let mut cycles_seen: Vec<Vec<usize>> = Vec::new();
    for root in 0..packages.len() {
        if state[root] != 0 {
            continue;
        }
        // Stack of (package, next import position).
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (p, ref mut next)) = stack.last_mut() {
            let imports = &packages[p].imports;
            if *next < imports.len() {
                let imp = imports[*next].as_str();
                *next += 1;
                let Some(&q) = index.get(imp) else { continue };
                match state[q] {
                    0 => {
                        state[q] = 1;
                        stack.push((q, 0));
                    }
                    1 => {
                        let start = stack.iter().position(|&(s, _)| s == q).unwrap_or(0);
                        let mut cyc: Vec<usize> = stack[start..].iter().map(|&(s, _)| s).collect();
                        let mut key = cyc.clone();
                        key.sort_unstable();
                        if !cycles_seen.contains(&key) {
                            cycles_seen.push(key);
                            cyc.push(q);
                            let path: Vec<&str> =
                                cyc.iter().map(|&i| packages[i].import_path.as_str()).collect();
                            errors.push(LoadError {
                                import_path: packages[q].import_path.clone(),
                                msg: format!("import cycle not allowed: {}", path.join(" -> ")),
                            });
                        }
                    }
                    _ => {}
                }
            } else {
                state[p] = 2;
                order.push(p);
                stack.pop();
            }
        }
    }
    (order, errors)
}

/// Deduplicates by import path, sorts in import order and computes, for
/// each package, the indices of its loaded imports (always smaller than
/// its own index, so the edges form a DAG even when a cycle was broken).
pub(crate) fn sort(mut packages: Vec<Package>) -> (Vec<Package>, Vec<Vec<usize>>, Vec<LoadError>) {
    let mut seen = std::collections::HashSet::new();
    packages.retain(|p| seen.insert(p.import_path.clone()));
    let (order, errors) = import_order(&packages);
    let mut slots: Vec<Option<Package>> = packages.into_iter().map(Some).collect();
    let sorted: Vec<Package> = order.iter().filter_map(|&i| slots[i].take()).collect();
    let index: HashMap<&str, usize> =
        sorted.iter().enumerate().map(|(i, p)| (p.import_path.as_str(), i)).collect();
    let deps = sorted
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut d: Vec<usize> = p
                .imports
                .iter()
                .filter_map(|imp| index.get(imp.as_str()).copied())
                .filter(|&j| j < i)
                .collect();
            d.dedup();
            d
        })
        .collect();
    (sorted, deps, errors)
}

/// Runs `f` over the packages in parallel respecting `deps` (every entry of
/// `deps[i]` is `< i`). Each call receives its imports' results.
pub(crate) fn run_parallel<T, F>(packages: &[Package], deps: &[Vec<usize>], f: F) -> Vec<T>
where
    T: Send + Sync,
    F: Fn(usize, &Package, &[&T]) -> T + Sync,
{
    let n = packages.len();
    let slots: Vec<OnceLock<T>> = (0..n).map(|_| OnceLock::new()).collect();
    let pending: Vec<AtomicUsize> = (0..n).map(|i| AtomicUsize::new(deps[i].len())).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, d) in deps.iter().enumerate() {
        for &j in d {
            dependents[j].push(i);
        }
    }
    let ctx = Ctx { packages, deps, slots: &slots, pending: &pending, dependents: &dependents, f: &f };
    rayon::scope(|s| {
        for (i, d) in deps.iter().enumerate() {
            if d.is_empty() {
                let ctx = &ctx;
                s.spawn(move |s| ctx.run(s, i));
            }
        }
    });
    slots.into_iter().map(|s| s.into_inner()).collect::<Option<Vec<T>>>().unwrap_or_default()
}

struct Ctx<'a, T, F> {
    packages: &'a [Package],
    deps: &'a [Vec<usize>],
    slots: &'a [OnceLock<T>],
    pending: &'a [AtomicUsize],
    dependents: &'a [Vec<usize>],
    f: &'a F,
}

impl<'a, T, F> Ctx<'a, T, F>
where
    T: Send + Sync,
    F: Fn(usize, &Package, &[&T]) -> T + Sync,
{
    fn run<'s>(&'s self, s: &rayon::Scope<'s>, i: usize) {
        let inputs: Vec<&T> = self.deps[i].iter().filter_map(|&j| self.slots[j].get()).collect();
        let r = (self.f)(i, &self.packages[i], &inputs);
        let _ = self.slots[i].set(r);
        for &d in &self.dependents[i] {
            if self.pending[d].fetch_sub(1, Ordering::AcqRel) == 1 {
                s.spawn(move |s| self.run(s, d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(path: &str, imports: &[&str]) -> Package {
        Package {
            import_path: path.into(),
            imports: imports.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn order_and_cycles() {
        let pkgs = vec![pkg("a", &["b", "c"]), pkg("b", &["c"]), pkg("c", &[]), pkg("d", &["a", "missing"])];
        let (sorted, deps, errs) = sort(pkgs);
        let names: Vec<&str> = sorted.iter().map(|p| p.import_path.as_str()).collect();
        assert_eq!(names, ["c", "b", "a", "d"]);
        assert_eq!(deps, vec![vec![], vec![0], vec![1, 0], vec![2]]);
        assert!(errs.is_empty());

        let pkgs = vec![pkg("x", &["y"]), pkg("y", &["z"]), pkg("z", &["x"]), pkg("w", &["w"])];
        let (sorted, deps, errs) = sort(pkgs);
        assert_eq!(sorted.len(), 4);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].msg, "import cycle not allowed: x -> y -> z -> x");
        assert_eq!(errs[1].msg, "import cycle not allowed: w -> w");
        for (i, d) in deps.iter().enumerate() {
            assert!(d.iter().all(|&j| j < i));
        }
    }

    #[test]
    fn parallel_runs_after_imports() {
        let mut pkgs = Vec::new();
        for i in 0..200 {
            let imports: Vec<String> =
                (0..i).filter(|j| (i * 7 + j) % 5 == 0).map(|j| format!("p{j}")).collect();
            let refs: Vec<&str> = imports.iter().map(String::as_str).collect();
            pkgs.push(pkg(&format!("p{i}"), &refs));
        }
        pkgs.reverse();
        let (sorted, deps, _) = sort(pkgs);
        // Each result is 1 + the sum of its imports' results: checks inputs
        // are complete and ordered.
        let out = run_parallel(&sorted, &deps, |_, _, ins: &[&u64]| 1 + ins.iter().map(|v| **v).sum::<u64>());
        let mut want = vec![0u64; sorted.len()];
        for i in 0..sorted.len() {
            want[i] = 1 + deps[i].iter().map(|&j| want[j]).sum::<u64>();
        }
        assert_eq!(out, want);
    }
}
