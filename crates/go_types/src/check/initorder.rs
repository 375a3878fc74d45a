//! Initialization cycles (types2 `initorder.go`): the dependencies of
//! package-level constants, variables and functions (recorded as their
//! initializers and bodies refer to other package-level objects) form a
//! graph; with the functions eliminated, constants and variables are
//! processed in dependency order, and one that still has dependencies
//! when its turn comes lies on a cycle, reported with the path that
//! closes it ("initialization cycle for a", "a refers to b", ...).
//!
//! Valid packages have no such cycle; a linear strongly-connected-
//! components pass finds that out before the (costlier) ordering runs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Checker, DeclInfo};
use crate::types::ObjId;

impl Checker<'_> {
    /// Records that the declaration being checked depends on package-level
    /// object `to` (types2 `addDeclDep`).
    #[inline]
    pub(crate) fn add_decl_dep(&mut self, to: ObjId) {
        if let Some(from) = self.cur_decl
            && self.env.obj(to).parent == Some(self.env.package(self.pkg).scope)
        {
            self.deps.push((from, to));
        }
    }

    /// types2 `initOrder`'s cycle reports.
    pub(super) fn init_cycles(&mut self) {
        if self.deps.is_empty() {
            return;
        }
        // Graph nodes: constants, variables and functions, in source order.
        let mut index: FxHashMap<ObjId, usize> = FxHashMap::default();
        let mut nodes: Vec<(ObjId, bool)> = Vec::new(); // (object, is function)
        for &o in &self.order {
            let is_func = match self.decls.get(&o) {
                Some(DeclInfo::Const { .. } | DeclInfo::Var { .. }) => false,
                Some(DeclInfo::Func { .. }) => true,
                _ => continue,
            };
            index.insert(o, nodes.len());
            nodes.push((o, is_func));
        }
        let n = nodes.len();
        let mut deps: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(from, to) in &self.deps {
            if let (Some(&a), Some(&b)) = (index.get(&from), index.get(&to)) {
                deps[a].push(b);
            }
        }
        // The variables of one `a, b = f()` spec share their initializer.
        for objs in self.var_objs.values() {
            if objs.len() < 2 {
                continue;
            }
            let ids: Vec<usize> = objs.iter().filter_map(|o| index.get(o).copied()).collect();
            let all: Vec<usize> = ids.iter().flat_map(|&i| deps[i].clone()).collect();
            for &i in &ids {
                deps[i].extend(all.iter().copied());
            }
        }
        for d in &mut deps {
            d.sort_unstable();
            d.dedup();
        }
        if !has_value_cycle(&deps, &nodes) {
            return;
        }
        // Eliminate the functions, cheapest first (types2 `dependencyGraph`).
        let mut succ: Vec<FxHashSet<usize>> = deps.iter().map(|d| d.iter().copied().collect()).collect();
        let mut pred: Vec<FxHashSet<usize>> = vec![FxHashSet::default(); n];
        for (a, d) in deps.iter().enumerate() {
            for &b in d {
                pred[b].insert(a);
            }
        }
        let mut funcs: Vec<usize> = (0..n).filter(|&i| nodes[i].1).collect();
        funcs.sort_by_key(|&i| pred[i].len() * succ[i].len());
        for &f in &funcs {
            let ps: Vec<usize> = pred[f].iter().copied().collect();
            let ss: Vec<usize> = succ[f].iter().copied().collect();
            for &p in &ps {
                if p == f {
                    continue;
                }
                for &s in &ss {
                    if s != f {
                        succ[p].insert(s);
                        pred[s].insert(p);
                    }
                }
                succ[p].remove(&f);
            }
            for &s in &ss {
                pred[s].remove(&f);
            }
        }
        // Process constants and variables by (remaining dependencies, order).
        let mut ndeps: Vec<usize> = succ.iter().map(|s| s.len()).collect();
        let mut done = vec![false; n];
        let mut heap: BinaryHeap<Reverse<(usize, usize)>> =
            (0..n).filter(|&i| !nodes[i].1).map(|i| Reverse((ndeps[i], i))).collect();
        while let Some(Reverse((k, i))) = heap.pop() {
            if done[i] || k != ndeps[i] {
                continue;
            }
            done[i] = true;
            if ndeps[i] > 0
                && let Some(cycle) = find_path(&deps, i, i, &mut vec![false; n])
            {
                let objs: Vec<ObjId> = cycle.iter().map(|&c| nodes[c].0).collect();
                self.report_init_cycle(&objs);
            }
            for &p in &pred[i] {
                if !done[p] && !nodes[p].1 {
                    ndeps[p] = ndeps[p].saturating_sub(1);
                    heap.push(Reverse((ndeps[p], p)));
                }
            }
        }
    }

    /// types2 `reportCycle`; `cycle` as [`find_path`] returns it.
    fn report_init_cycle(&mut self, cycle: &[ObjId]) {
        let Some(&first) = cycle.first() else { return };
        let at = |c: &Self, o: ObjId| c.env.obj(o).pos.map_or((0, 0), |(f, p)| (f as usize, p));
        let (fi, pos) = at(self, first);
        let name = self.env.obj(first).name.clone();
        if cycle.len() == 1 {
            self.error(fi, pos, format!("initialization cycle: {name} refers to itself"));
            return;
        }
        let mut related = Vec::new();
        let mut obj = first;
        for &next in cycle.iter().rev() {
            let (f, p) = at(self, obj);
            let (a, b) = (self.env.obj(obj).name.clone(), self.env.obj(next).name.clone());
            related.push((f, p, format!("{a} refers to {b}")));
            obj = next;
        }
        self.error_related(fi, pos, format!("initialization cycle for {name}"), related);
    }
}

/// types2 `findPath`: a path of dependencies from `from` to `to`, in
/// reverse (ending with `from`'s first step), trying dependencies in
/// source order.
fn find_path(deps: &[Vec<usize>], from: usize, to: usize, seen: &mut Vec<bool>) -> Option<Vec<usize>> {
    if seen[from] {
        return None;
    }
    seen[from] = true;
    for &d in &deps[from] {
        if d == to {
            return Some(vec![d]);
        }
        if let Some(mut p) = find_path(deps, d, to, seen) {
            p.push(d);
            return Some(p);
        }
    }
    None
}

/// Whether a dependency cycle passes through a constant or variable
/// (strongly connected components, iteratively).
fn has_value_cycle(deps: &[Vec<usize>], nodes: &[(ObjId, bool)]) -> bool {
    let n = deps.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0usize;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, position in its dependency list)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            if let Some(&w) = deps[v].get(*k) {
                *k += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                let cyclic = comp.len() > 1 || deps[v].contains(&v);
                if cyclic && comp.iter().any(|&c| !nodes[c].1) {
                    return true;
                }
            }
        }
    }
    false
}
