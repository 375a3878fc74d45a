//! Interface type sets (go/types `typeset.go`, `termlist.go`,
//! `typeterm.go`, `under.go`): the methods and type terms an interface (or
//! a type parameter's constraint) denotes, term-list algebra, the
//! "specific types" iteration over a type parameter's type set, and the
//! common underlying type (`commonUnder`, the former core type).
//!
//! Type sets of interfaces are cached in `env.type_sets`, keyed by the
//! interface type (the underlying type of a named interface). A type set
//! that depends on a named type whose underlying type is not known yet is
//! not cached, so it is recomputed once the declaration is complete. An
//! interface must not be changed after its type set was computed (else the
//! checker must remove the stale entry from `env.type_sets`).

use std::sync::Arc;

use crate::predicates::{comparable_type, identical, same_id};
use crate::types::{BasicKind, ChanDir, Env, ObjId, PkgId, Term, Type, TypeId};

/// go/types `maxTermCount`: unions with more terms are not handled (the
/// checker reports them; the type set computation ignores them).
pub const MAX_TERM_COUNT: usize = 100;

/// How deep interface embedding is followed before giving up.
const MAX_NESTING: usize = 200;

/// The type set of an interface.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypeSet {
    /// All methods, including embedded ones, sorted as go/types sorts them.
    pub methods: Vec<ObjId>,
    /// The type terms, normalized; `None` means all types.
    pub terms: Option<Vec<Term>>,
    /// Whether the set is restricted to comparable types (embeds
    /// `comparable`).
    pub comparable: bool,
}

impl TypeSet {
    /// The set of all types (go/types `topTypeSet`).
    pub fn top() -> Self {
        TypeSet::default()
    }

    /// Whether the set contains no types at all.
    pub fn is_empty(&self) -> bool {
        matches!(&self.terms, Some(t) if t.is_empty())
    }

    /// Whether the set contains all types (no methods, terms or
    /// comparability restriction).
    pub fn is_all(&self) -> bool {
        self.is_method_set() && self.methods.is_empty()
    }

    /// Whether the set is described by its methods alone.
    pub fn is_method_set(&self) -> bool {
        !self.comparable && self.terms.is_none()
    }

    /// Whether the set has specific terms (neither all types nor empty).
    pub fn has_terms(&self) -> bool {
        matches!(&self.terms, Some(t) if !t.is_empty())
    }

    /// The specific terms, if [`Self::has_terms`].
    pub fn specific_terms(&self) -> Option<&[Term]> {
        match &self.terms {
            Some(t) if !t.is_empty() => Some(t),
            _ => None,
        }
    }

    /// go/types `_TypeSet.LookupMethod`: the index and method named `name`
    /// (unexported names must come from `pkg`; `fold_case` matches names
    /// case-insensitively regardless of package).
    pub fn lookup_method(
        &self,
        env: &Env,
        pkg: Option<PkgId>,
        name: &str,
        fold_case: bool,
    ) -> Option<(usize, ObjId)> {
        method_index(env, &self.methods, pkg, name, fold_case)
    }

    /// go/types `_TypeSet.IsComparable`: every type in the set is
    /// (strictly) comparable.
    pub fn is_comparable(&self, env: &Env) -> bool {
        match self.specific_terms() {
            None if self.terms.is_none() => self.comparable,
            None => false,
            Some(terms) => terms.iter().all(|t| comparable_type(env, t.typ, false).is_ok()),
        }
    }

    /// Whether the terms of `self` are a subset of those of `other`.
    pub fn subset_of(&self, env: &Env, other: &TypeSet) -> bool {
        termlist_subset_of(env, &self.terms, &other.terms)
    }
}

/// go/types `methodIndex`: the first method matching `name` (see
/// [`crate::predicates::same_id`]); blank names never match.
pub fn method_index(
    env: &Env,
    methods: &[ObjId],
    pkg: Option<PkgId>,
    name: &str,
    fold_case: bool,
) -> Option<(usize, ObjId)> {
    if name == "_" {
        return None;
    }
    methods.iter().enumerate().find(|&(_, &m)| same_id(env, m, pkg, name, fold_case)).map(|(i, &m)| (i, m))
}

// ---- terms and term lists ----------------------------------------------

/// A term list: `None` is 𝓤 (all types), `Some(list)` the union of the
/// (non-empty) terms in `list` (the empty list is ∅).
pub type TermList = Option<Vec<Term>>;

fn term_disjoint(env: &Env, x: Term, y: Term) -> bool {
    let ux = if y.tilde { env.underlying(x.typ) } else { x.typ };
    let uy = if x.tilde { env.underlying(y.typ) } else { y.typ };
    !identical(env, ux, uy)
}

/// `x ∪ y`: one term if they combine, else both.
fn term_union(env: &Env, x: Term, y: Term) -> (Term, Option<Term>) {
    if term_disjoint(env, x, y) {
        return (x, Some(y));
    }
    if x.tilde || !y.tilde { (x, None) } else { (y, None) }
}

fn term_intersect(env: &Env, x: Term, y: Term) -> Option<Term> {
    if term_disjoint(env, x, y) {
        return None;
    }
    if !x.tilde || y.tilde { Some(x) } else { Some(y) }
}

/// Whether type `t` is in the set denoted by term `x`.
pub fn term_includes(env: &Env, x: Term, t: TypeId) -> bool {
    let u = if x.tilde { env.underlying(t) } else { t };
    identical(env, x.typ, u)
}

fn term_subset_of(env: &Env, x: Term, y: Term) -> bool {
    if term_disjoint(env, x, y) {
        return false;
    }
    !x.tilde || y.tilde
}

fn termlist_norm(env: &Env, list: Vec<Term>) -> Vec<Term> {
    let mut used = vec![false; list.len()];
    let mut out = Vec::new();
    for i in 0..list.len() {
        if used[i] {
            continue;
        }
        let mut xi = list[i];
        for j in i + 1..list.len() {
            if used[j] {
                continue;
            }
            if let (u, None) = term_union(env, xi, list[j]) {
                xi = u;
                used[j] = true;
            }
        }
        out.push(xi);
    }
    out
}

/// `x ∪ y`, normalized.
pub fn termlist_union(env: &Env, x: &TermList, y: &TermList) -> TermList {
    match (x, y) {
        (Some(x), Some(y)) => {
            let mut all = x.clone();
            all.extend_from_slice(y);
            Some(termlist_norm(env, all))
        }
        _ => None,
    }
}

/// `x ∩ y`, normalized.
pub fn termlist_intersect(env: &Env, x: &TermList, y: &TermList) -> TermList {
    match (x, y) {
        (None, None) => None,
        (None, Some(l)) | (Some(l), None) => Some(termlist_norm(env, l.clone())),
        (Some(x), Some(y)) => {
            let mut out = Vec::new();
            for &a in x {
                for &b in y {
                    if let Some(r) = term_intersect(env, a, b) {
                        out.push(r);
                    }
                }
            }
            Some(termlist_norm(env, out))
        }
    }
}

/// Whether `x` and `y` denote the same set of types.
pub fn termlist_equal(env: &Env, x: &TermList, y: &TermList) -> bool {
    termlist_subset_of(env, x, y) && termlist_subset_of(env, y, x)
}

/// Whether type `t` is in the set denoted by `x`.
pub fn termlist_includes(env: &Env, x: &TermList, t: TypeId) -> bool {
    match x {
        None => true,
        Some(l) => l.iter().any(|&term| term_includes(env, term, t)),
    }
}

/// Whether `x ⊆ y`.
pub fn termlist_subset_of(env: &Env, x: &TermList, y: &TermList) -> bool {
    match (x, y) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(x), Some(y)) => x.iter().all(|&a| y.iter().any(|&b| term_subset_of(env, a, b))),
    }
}

// ---- computing type sets ----------------------------------------------

/// The type set of interface type `iface` (or of a type parameter's
/// constraint when `iface` is a type parameter), cached in
/// `env.type_sets`.
///
/// For any other type `t` the result is the type set of the implicit
/// constraint `interface{t}` (a union's terms for a union, the single term
/// `t` otherwise; all types for invalid types), as go/types treats a
/// non-interface type parameter bound.
pub fn type_set(env: &mut Env, iface: TypeId) -> Arc<TypeSet> {
    if let Some(key) = cache_key(env, iface)
        && let Some(s) = env.type_sets.get(&key)
    {
        return s.clone();
    }
    let mut c = Computer { env, stack: Vec::new(), done: Vec::new() };
    let (set, _) = c.of_type(iface);
    let done = std::mem::take(&mut c.done);
    for (k, s) in done {
        env.type_sets.insert(k, s);
    }
    set
}

/// Like [`type_set`], but with a shared `Env`: uses cached type sets and
/// computes missing ones without caching them.
pub fn compute_type_set(env: &Env, iface: TypeId) -> Arc<TypeSet> {
    if let Some(key) = cache_key(env, iface)
        && let Some(s) = env.type_sets.get(&key)
    {
        return s.clone();
    }
    Computer { env, stack: Vec::new(), done: Vec::new() }.of_type(iface).0
}

/// The interface whose type set [`type_set`] caches for `t`.
fn cache_key(env: &Env, t: TypeId) -> Option<TypeId> {
    let t = env.unalias(t);
    let t = match env.ty(t) {
        Type::TypeParam { bound, .. } => {
            if matches!(env.ty(env.unalias(*bound)), Type::TypeParam { .. }) {
                return None;
            }
            *bound
        }
        _ => t,
    };
    let u = env.underlying(t);
    matches!(env.ty(u), Type::Interface { .. }).then_some(u)
}

struct Embedded {
    terms: Option<TermList>,
    comparable: bool,
    methods: Vec<ObjId>,
    complete: bool,
}

struct Computer<'a> {
    env: &'a Env,
    /// Interfaces whose type sets are being computed (cycle guard).
    stack: Vec<TypeId>,
    /// Complete type sets computed on the way, to be cached.
    done: Vec<(TypeId, Arc<TypeSet>)>,
}

/// Whether `t` is (an alias of) a named type whose underlying type is not
/// known yet.
fn unresolved(env: &Env, t: TypeId) -> bool {
    match env.ty(env.unalias(t)) {
        Type::Named { .. } => env.underlying(t) == env.typ(BasicKind::Invalid),
        _ => false,
    }
}

impl Computer<'_> {
    /// The type set of `t` and whether it is complete (cacheable).
    fn of_type(&mut self, t: TypeId) -> (Arc<TypeSet>, bool) {
        let env = self.env;
        let t = env.unalias(t);
        let t = match env.ty(t) {
            Type::TypeParam { bound, .. } => {
                // A type parameter bound is not a valid constraint.
                if matches!(env.ty(env.unalias(*bound)), Type::TypeParam { .. }) {
                    return (Arc::new(TypeSet::top()), true);
                }
                *bound
            }
            _ => t,
        };
        let u = env.underlying(t);
        match env.ty(u) {
            Type::Interface { .. } => self.of_iface(u),
            Type::Basic { kind: BasicKind::Invalid, .. } => (Arc::new(TypeSet::top()), !unresolved(env, t)),
            _ => {
                // The implicit interface{t}.
                let e = self.embedded(t);
                let set = match e.terms {
                    Some(terms) => TypeSet { methods: e.methods, terms, comparable: e.comparable },
                    None => TypeSet::top(),
                };
                (Arc::new(set), e.complete)
            }
        }
    }

    /// One embedded element: its terms (`None` if the element is to be
    /// ignored), comparable flag, methods, and completeness.
    fn embedded(&mut self, e: TypeId) -> Embedded {
        let env = self.env;
        let mut r = Embedded { terms: None, comparable: false, methods: Vec::new(), complete: true };
        if matches!(env.ty(env.unalias(e)), Type::TypeParam { .. }) {
            return r; // cannot embed a type parameter
        }
        let u = env.underlying(e);
        match env.ty(u) {
            Type::Interface { .. } => {
                let (set, complete) = self.of_iface(u);
                r.terms = Some(set.terms.clone());
                r.comparable = set.comparable;
                r.methods = set.methods.clone();
                r.complete = complete;
            }
            Type::Union { .. } => (r.terms, r.complete) = self.union(u),
            Type::Basic { kind: BasicKind::Invalid, .. } => r.complete = !unresolved(env, e),
            _ => r.terms = Some(Some(vec![Term { tilde: false, typ: e }])),
        }
        r
    }

    /// go/types `computeUnionTypeSet`: the terms of a union (`None` for a
    /// union with too many terms) and completeness.
    fn union(&mut self, union: TypeId) -> (Option<TermList>, bool) {
        let env = self.env;
        let Type::Union { terms } = env.ty(union) else {
            return (None, true);
        };
        let mut complete = true;
        let mut all: TermList = Some(Vec::new());
        for &term in terms {
            let u = env.underlying(term.typ);
            let terms: TermList = match env.ty(u) {
                Type::Interface { .. }
                    if !matches!(env.ty(env.unalias(term.typ)), Type::TypeParam { .. }) =>
                {
                    let (set, c) = self.of_iface(u);
                    complete &= c;
                    set.terms.clone()
                }
                Type::Basic { kind: BasicKind::Invalid, .. } => {
                    complete &= !unresolved(env, term.typ);
                    continue;
                }
                _ => {
                    if term.tilde && !identical(env, term.typ, u) {
                        Some(Vec::new()) // ~T with T not its underlying type: ∅
                    } else {
                        Some(vec![term])
                    }
                }
            };
            all = termlist_union(env, &all, &terms);
            if all.as_ref().is_some_and(|l| l.len() > MAX_TERM_COUNT) {
                return (None, complete);
            }
        }
        (Some(all), complete)
    }

    /// go/types `computeInterfaceTypeSet` for interface type `iface`.
    fn of_iface(&mut self, iface: TypeId) -> (Arc<TypeSet>, bool) {
        let env = self.env;
        if let Some(s) = env.type_sets.get(&iface) {
            return (s.clone(), true);
        }
        if let Some((_, s)) = self.done.iter().find(|(k, _)| *k == iface) {
            return (s.clone(), true);
        }
        if self.stack.contains(&iface) {
            // Invalid cycle (reported by the checker): treat as all types.
            return (Arc::new(TypeSet::top()), true);
        }
        if self.stack.len() >= MAX_NESTING {
            return (Arc::new(TypeSet::top()), false);
        }
        let Type::Interface { methods, embeddeds, .. } = env.ty(iface) else {
            return (Arc::new(TypeSet::top()), true);
        };
        self.stack.push(iface);

        let mut complete = true;
        let mut all_methods: Vec<ObjId> = Vec::new();
        let add_method = |m: ObjId, all: &mut Vec<ObjId>| {
            let o = env.obj(m);
            if !all.iter().any(|&a| same_id(env, a, o.pkg, &o.name, false)) {
                all.push(m);
            }
        };
        for &m in methods {
            add_method(m, &mut all_methods);
        }
        let mut all_terms: TermList = None;
        let mut all_comparable = iface == env.comparable_iface;
        for &e in embeddeds {
            let e = self.embedded(e);
            complete &= e.complete;
            let Some(terms) = e.terms else { continue };
            for &m in &e.methods {
                add_method(m, &mut all_methods);
            }
            (all_terms, all_comparable) =
                intersect_term_lists(env, &all_terms, all_comparable, &terms, e.comparable);
        }
        env.sort_objects(&mut all_methods);
        self.stack.pop();

        let set = Arc::new(TypeSet { methods: all_methods, terms: all_terms, comparable: all_comparable });
        if complete {
            self.done.push((iface, set.clone()));
        }
        (set, complete)
    }
}

/// go/types `intersectTermLists`: intersects terms and comparability; a
/// comparable intersection with specific terms keeps only the strictly
/// comparable ones (and drops the flag).
fn intersect_term_lists(env: &Env, x: &TermList, xcomp: bool, y: &TermList, ycomp: bool) -> (TermList, bool) {
    let mut terms = termlist_intersect(env, x, y);
    let mut comp = xcomp || ycomp;
    if comp && let Some(list) = &mut terms {
        list.retain(|t| comparable_type(env, t.typ, false).is_ok());
        comp = false;
    }
    (terms, comp)
}

// ---- specific types and common underlying types --------------------------

/// go/types `typeset(t)` / `all`: the (type, underlying type) pairs of the
/// specific types of `t`. For a type parameter these are its constraint's
/// terms (a `~T` term gives `(T, T)`); `None` if it has no specific types
/// (the constraint has no terms, or an empty type set), where go/types
/// calls its callback once with `nil`. For other types `[(t, under(t))]`.
pub fn specific_types(env: &mut Env, t: TypeId) -> Option<Vec<(TypeId, TypeId)>> {
    if matches!(env.ty(env.unalias(t)), Type::TypeParam { .. }) {
        type_set(env, t);
    }
    specific_types_in(env, t)
}

/// [`specific_types`] with a shared `Env` (type sets not cached).
pub fn specific_types_in(env: &Env, t: TypeId) -> Option<Vec<(TypeId, TypeId)>> {
    if !matches!(env.ty(env.unalias(t)), Type::TypeParam { .. }) {
        return Some(vec![(t, env.underlying(t))]);
    }
    let set = compute_type_set(env, t);
    let terms = set.specific_terms()?;
    Some(
        terms
            .iter()
            .map(|term| {
                let u = if term.tilde { env.unalias(term.typ) } else { env.underlying(term.typ) };
                (term.typ, u)
            })
            .collect(),
    )
}

/// go/types `underIs`: whether `f` holds for the underlying type of every
/// specific type of `t` (`f(None)` once if `t` is a type parameter without
/// specific types).
pub fn under_is(env: &mut Env, t: TypeId, mut f: impl FnMut(&Env, Option<TypeId>) -> bool) -> bool {
    match specific_types(env, t) {
        None => f(env, None),
        Some(list) => list.iter().all(|&(_, u)| f(env, Some(u))),
    }
}

/// Why [`common_under`] found no common underlying type (go/types'
/// `commonUnder` error messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoCommonUnder {
    /// "no specific type".
    NoSpecificType,
    /// "channels %s and %s have different element types".
    ChanElems(TypeId, TypeId),
    /// "channels %s and %s have conflicting directions".
    ChanDirs(TypeId, TypeId),
    /// "%s and %s have different underlying types".
    Different(TypeId, TypeId),
}

/// go/types `commonUnder(t, nil)`: the underlying type of `t`, or for a
/// type parameter the one underlying type of all its specific types
/// (channel types with identical element types combine into the most
/// restricted direction).
pub fn common_under(env: &mut Env, t: TypeId) -> Result<TypeId, NoCommonUnder> {
    let Some(list) = specific_types(env, t) else {
        return Err(NoCommonUnder::NoSpecificType);
    };
    let env = &*env;
    let mut cur: Option<(TypeId, TypeId)> = None;
    for (t, u) in list {
        let Some((ct, cu)) = cur else {
            cur = Some((t, u));
            continue;
        };
        if let (Type::Chan { dir: cdir, elem: celem }, Type::Chan { dir, elem }) = (env.ty(cu), env.ty(u)) {
            if !identical(env, *celem, *elem) {
                return Err(NoCommonUnder::ChanElems(ct, t));
            }
            if cdir == dir {
            } else if *cdir == ChanDir::SendRecv {
                cur = Some((t, u)); // switch to the restricted channel
            } else if *dir != ChanDir::SendRecv {
                return Err(NoCommonUnder::ChanDirs(ct, t));
            }
            continue;
        }
        if !identical(env, cu, u) {
            return Err(NoCommonUnder::Different(ct, t));
        }
    }
    cur.map(|(_, u)| u).ok_or(NoCommonUnder::NoSpecificType)
}

/// go/types `coreType`: the underlying type, or for a type parameter the
/// single underlying type of all types in its type set (channels with
/// compatible directions combine); `None` if there is none. (Go 1.25+
/// calls this `commonUnder`, see [`common_under`].)
pub fn core_type(env: &mut Env, t: TypeId) -> Option<TypeId> {
    common_under(env, t).ok()
}

/// go/types `coreString`: like [`core_type`], but `[]byte` and `string`
/// terms together give `string` (for `append`, `copy`, slicing).
pub fn core_string(env: &mut Env, t: TypeId) -> Option<TypeId> {
    if !matches!(env.ty(env.unalias(t)), Type::TypeParam { .. }) {
        return Some(env.underlying(t));
    }
    let list = specific_types(env, t)?;
    let env = &*env;
    // `None` in a candidate stands for `[]byte` (a string term).
    let is_bytes = |u: TypeId| match env.ty(u) {
        Type::Slice { elem } => {
            matches!(env.ty(env.unalias(*elem)), Type::Basic { kind: BasicKind::Uint8, .. })
        }
        _ => false,
    };
    let mut su: Option<Option<TypeId>> = None;
    let mut has_string = false;
    for (_, u) in list {
        let cand = if env.basic_kind(u).is_some_and(BasicKind::is_string) {
            has_string = true;
            None
        } else {
            Some(u)
        };
        su = Some(match (su, cand) {
            (None, c) => c,
            (Some(None), None) => None,
            (Some(None), Some(u)) | (Some(Some(u)), None) => {
                if !is_bytes(u) {
                    return None;
                }
                None
            }
            (Some(Some(a)), Some(b)) => Some(match_types(env, a, b)?),
        });
    }
    if has_string {
        return Some(env.typ(BasicKind::String));
    }
    su.flatten()
}

/// go/types' old `match`: `x` if identical to `y`, the more restricted of
/// two channel types with identical element types, else `None`.
fn match_types(env: &Env, x: TypeId, y: TypeId) -> Option<TypeId> {
    if identical(env, x, y) {
        return Some(x);
    }
    if let (Type::Chan { dir: xd, elem: xe }, Type::Chan { dir: yd, elem: ye }) = (env.ty(x), env.ty(y))
        && identical(env, *xe, *ye)
    {
        if *xd == ChanDir::SendRecv {
            return Some(y);
        }
        if *yd == ChanDir::SendRecv {
            return Some(x);
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests;
