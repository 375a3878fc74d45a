//! Type inference (go/types `infer.go`, `unify.go`): type arguments of a
//! generic function call from its arguments, as Go 1.21+ infers them.
//! [`infer`] drives the phases (typed arguments, constraint core types and
//! methods, untyped constants, simplification with cycle removal); the
//! private `Unifier` implements go/types' inexact unification (assignment
//! mode, defined vs. underlying types, channel directions, interface
//! inference, core types of unbound type parameters).

use std::collections::HashMap;

use crate::instantiate::{SubstMap, fresh_type_param, identical_types, same_id, set_type_param_bound, subst};
use crate::types::{BasicKind, ChanDir, Env, ObjId, ObjKind, Term, Type, TypeId};

/// One call argument, as inference sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InferArg {
    /// The argument's type (an untyped basic type for untyped constants).
    pub typ: TypeId,
    /// Whether the argument is an untyped constant (or untyped nil / bool).
    pub untyped: bool,
}

/// Infers the type arguments of the generic function with type parameters
/// `tparams` (go/types `infer`): `targs` are the explicitly given leading
/// arguments, `params` the (uninstantiated) parameter types matched
/// positionally against `args` (the checker has already expanded a
/// variadic parameter to one entry per argument). Uses function-argument
/// unification (typed arguments first, then untyped constants with their
/// default types, the "largest" untyped kind per type parameter), then
/// constraint type inference with core types, and finally simplification
/// by substitution. `None` if some type argument cannot be inferred.
///
/// If argument types or given type arguments mention `tparams` themselves
/// (a recursive call not renamed by the caller), the type parameters are
/// renamed first, as go/types' callers do with `renameTParams`.
pub fn infer(
    env: &mut Env,
    tparams: &[TypeId],
    targs: &[TypeId],
    params: &[TypeId],
    args: &[InferArg],
) -> Option<Vec<TypeId>> {
    infer_detailed(env, tparams, targs, params, args).ok()
}

/// Why [`infer_detailed`] failed (for go/types' messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InferError {
    /// Type argument `i` could not be inferred ("cannot infer T").
    Unresolved(usize),
    /// Typed argument `arg` does not unify with its parameter type `par`;
    /// `inferred` is `par` with the type arguments inferred so far
    /// substituted (`None` if none was inferred).
    Mismatch { arg: usize, par: TypeId, inferred: Option<TypeId> },
    /// Any other failure.
    Other,
}

/// [`infer`], with the reason of a failure.
pub fn infer_detailed(
    env: &mut Env,
    tparams: &[TypeId],
    targs: &[TypeId],
    params: &[TypeId],
    args: &[InferArg],
) -> Result<Vec<TypeId>, InferError> {
    let n = tparams.len();
    if targs.len() > n || params.len() != args.len() {
        return Err(InferError::Other);
    }
    if targs.len() == n {
        return Ok(targs.to_vec());
    }
    let invalid = env.typ(BasicKind::Invalid);
    if args.iter().any(|a| a.typ == invalid || !env.has_type(a.typ)) {
        return Err(InferError::Other);
    }

    // Rename the callee's type parameters (those its parameters mention)
    // when they also occur in the arguments (a recursive call). Type
    // parameters of generic function arguments are inferred together with
    // the callee's and are left alone.
    let mut tparams = tparams.to_vec();
    let mut params = params.to_vec();
    let own: Vec<usize> = (0..n)
        .filter(|&i| i < targs.len() || params.iter().any(|&p| is_parameterized(env, &tparams[i..i + 1], p)))
        .collect();
    let own_tps: Vec<TypeId> = own.iter().map(|&i| tparams[i]).collect();
    if !own_tps.is_empty()
        && (args.iter().any(|a| is_parameterized(env, &own_tps, a.typ))
            || targs.iter().any(|&t| is_parameterized(env, &own_tps, t)))
    {
        let fresh: Vec<TypeId> = own_tps.iter().map(|&tp| fresh_type_param(env, tp)).collect();
        let rename = SubstMap::new(&own_tps, &fresh);
        for (&tp, &f) in own_tps.iter().zip(&fresh) {
            if let Type::TypeParam { bound, .. } = *env.ty(tp) {
                let b = subst(env, bound, &rename);
                set_type_param_bound(env, f, b);
            }
        }
        for p in &mut params {
            *p = subst(env, *p, &rename);
        }
        for (k, &i) in own.iter().enumerate() {
            tparams[i] = fresh[k];
        }
    }

    let mut given: Vec<Option<TypeId>> = targs.iter().copied().map(Some).collect();
    given.resize(n, None);

    // Parameters with known type arguments are matched by assignment
    // later: substitute them now.
    let known = SubstMap::partial(&tparams, &given);
    for p in &mut params {
        *p = subst(env, *p, &known);
    }

    let mut u = Unifier::new(&tparams, &given);

    // --- 1: typed function arguments; collect untyped ones.
    let mut untyped = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        let par = params[i];
        if !(is_parameterized(env, &tparams, par) || is_parameterized(env, &tparams, arg.typ)) {
            continue;
        }
        let arg_untyped = arg.untyped || is_untyped_basic(env, arg.typ);
        if !arg_untyped {
            if !u.unify(env, par, arg.typ, ASSIGN) {
                let so_far = u.inferred();
                let inferred = if so_far.iter().all(Option::is_none) {
                    None
                } else {
                    Some(subst(env, par, &SubstMap::partial(&tparams, &so_far)))
                };
                return Err(InferError::Mismatch { arg: i, par, inferred });
            }
        } else if matches!(env.ty(par), Type::TypeParam { .. })
            && !matches!(env.ty(arg.typ), Type::Basic { kind: BasicKind::UntypedNil, .. })
        {
            untyped.push(i);
        }
    }

    // --- 2: type parameter constraints (core types and methods), as long
    // as progress is made.
    for _ in 0..=n + 1 {
        let before = u.unknowns();
        for (i, &tpar) in tparams.iter().enumerate() {
            let tx = u.at(i);
            if let Some(core) = core_term(env, tpar) {
                match tx {
                    Some(tx) if !u.unify(env, tx, core.typ, INEXACT) => return Err(InferError::Other),
                    Some(_) => {}
                    None if core.single && !core.tilde => u.set(i, core.typ),
                    None => {}
                }
            }
            if let Some(tx) = tx
                && !is_parameterized(env, &tparams, tx)
                && !u.has_all_methods(env, tx, tpar)
            {
                return Err(InferError::Other);
            }
        }
        if u.unknowns() == before {
            break;
        }
    }

    // --- 3: untyped constants: the default type of the "largest" untyped
    // type per type parameter still unknown.
    let mut max_untyped: Vec<(usize, TypeId)> = Vec::new();
    for &index in &untyped {
        let Some(ti) = u.index_of(env, params[index]) else { continue };
        if u.at(ti).is_some() {
            continue;
        }
        let at = args[index].typ;
        match max_untyped.iter_mut().find(|(k, _)| *k == ti) {
            Some((_, max)) => *max = max_type(env, *max, at).ok_or(InferError::Other)?,
            None => max_untyped.push((ti, at)),
        }
    }
    for (ti, t) in max_untyped {
        let d = default_type(env, t);
        u.set(ti, d);
    }

    // --- simplify: substitute inferred types into each other until
    // nothing changes, after removing cycles.
    let mut inferred = u.inferred();
    kill_cycles(env, &tparams, &mut inferred);
    let mut dirty: Vec<usize> = (0..n).filter(|&i| inferred[i].is_some() && given[i].is_none()).collect();
    let mut rounds = 0;
    while !dirty.is_empty() {
        rounds += 1;
        if rounds > 4 * n + 16 {
            return Err(InferError::Other);
        }
        let smap = SubstMap::partial(&tparams, &inferred);
        let mut next = Vec::new();
        for &i in &dirty {
            let Some(t0) = inferred[i] else { continue };
            let t1 = subst(env, t0, &smap);
            if t1 != t0 {
                // A generic function type that no longer mentions the type
                // parameters is not generic anymore (go.dev/issue/59953).
                if let Type::Signature { tparams: stp, .. } = env.ty(t1)
                    && !stp.is_empty()
                    && !is_parameterized(env, &tparams, t1)
                    && let Type::Signature { tparams: stp, .. } = env.ty_mut(t1)
                {
                    stp.clear();
                }
                inferred[i] = Some(t1);
                next.push(i);
            }
        }
        dirty = next;
    }

    let mut out = Vec::with_capacity(n);
    for (i, t) in inferred.into_iter().enumerate() {
        let t = t.ok_or(InferError::Unresolved(i))?;
        if is_parameterized(env, &tparams, t) {
            return Err(InferError::Unresolved(i));
        }
        out.push(t);
    }
    Ok(out)
}

/// Whether `t` is an untyped basic type.
fn is_untyped_basic(env: &Env, t: TypeId) -> bool {
    matches!(env.ty(t), Type::Basic { kind, .. } if kind.is_untyped())
}

/// go/types `Default` for untyped basic types.
fn default_type(env: &Env, t: TypeId) -> TypeId {
    match env.ty(t) {
        Type::Basic { kind, .. } => match kind {
            BasicKind::UntypedBool => env.typ(BasicKind::Bool),
            BasicKind::UntypedInt => env.typ(BasicKind::Int),
            BasicKind::UntypedRune => env.rune,
            BasicKind::UntypedFloat => env.typ(BasicKind::Float64),
            BasicKind::UntypedComplex => env.typ(BasicKind::Complex128),
            BasicKind::UntypedString => env.typ(BasicKind::String),
            _ => t,
        },
        _ => t,
    }
}

/// go/types `maxType`: the larger of two untyped numeric types (int <
/// rune < float < complex), `x` if they are the same, else `None`.
fn max_type(env: &Env, x: TypeId, y: TypeId) -> Option<TypeId> {
    let kind = |t: TypeId| match env.ty(t) {
        Type::Basic { kind, .. } => Some(*kind),
        _ => None,
    };
    let (kx, ky) = (kind(x), kind(y));
    if x == y || (kx.is_some() && kx == ky) {
        return Some(x);
    }
    let numeric = |k: Option<BasicKind>| k.is_some_and(|k| k.is_untyped() && k.is_numeric());
    if numeric(kx) && numeric(ky) {
        return Some(if kx > ky { x } else { y });
    }
    None
}

/// The core term of a type parameter's constraint (go/types `coreTerm`).
struct CoreTerm {
    typ: TypeId,
    tilde: bool,
    /// The type set has exactly this one term.
    single: bool,
}

fn core_term(env: &mut Env, tpar: TypeId) -> Option<CoreTerm> {
    let ts = crate::typeset::type_set(env, tpar);
    let terms = ts.terms.as_ref()?;
    match terms.as_slice() {
        [] => None,
        [t] => Some(CoreTerm { typ: t.typ, tilde: t.tilde, single: true }),
        _ => {
            let tilde = terms.iter().any(|t| t.tilde);
            common_under(env, tpar).map(|typ| CoreTerm { typ, tilde, single: false })
        }
    }
}

/// go/types `commonUnder(t, nil)`: the core type of a type parameter (or
/// the underlying type of any other type), never a type parameter.
fn common_under(env: &mut Env, t: TypeId) -> Option<TypeId> {
    let c = crate::typeset::core_type(env, t)?;
    let c = env.unalias(c);
    (env.has_type(c) && !matches!(env.ty(c), Type::TypeParam { .. })).then_some(c)
}

/// The index of `t` in `tparams` (after unaliasing).
fn tparam_index(env: &Env, tparams: &[TypeId], t: TypeId) -> Option<usize> {
    let t = env.unalias(t);
    if !matches!(env.ty(t), Type::TypeParam { .. }) {
        return None;
    }
    tparams.iter().position(|&p| p == t)
}

/// go/types `isParameterized`: whether `t` mentions one of `tparams`
/// (type parameter lists of generic signatures inside `t` are ignored).
pub(crate) fn is_parameterized(env: &Env, tparams: &[TypeId], t: TypeId) -> bool {
    if tparams.is_empty() {
        return false;
    }
    let mut seen = HashMap::new();
    walk_parameterized(env, tparams, t, &mut seen, 0)
}

fn walk_parameterized(
    env: &Env,
    tparams: &[TypeId],
    t: TypeId,
    seen: &mut HashMap<TypeId, bool>,
    depth: u32,
) -> bool {
    if depth > 256 || !env.has_type(t) {
        return false;
    }
    if let Some(&r) = seen.get(&t) {
        return r;
    }
    seen.insert(t, false);
    let d = depth + 1;
    let any = |list: &[TypeId], seen: &mut HashMap<TypeId, bool>| {
        list.iter().any(|&x| walk_parameterized(env, tparams, x, seen, d))
    };
    let vars = |list: &[ObjId]| list.iter().filter_map(|&v| env.obj(v).typ).collect::<Vec<_>>();
    let r = match env.ty(t) {
        Type::Basic { .. } => false,
        Type::Alias { actual, .. } => any(&[*actual], seen),
        Type::Array { elem, .. }
        | Type::Slice { elem }
        | Type::Pointer { elem }
        | Type::Chan { elem, .. } => any(&[*elem], seen),
        Type::Map { key, elem } => any(&[*key, *elem], seen),
        Type::Struct { fields, .. } => any(&vars(fields), seen),
        Type::Tuple { vars: vs } => any(&vars(vs), seen),
        Type::Signature { params, results, .. } => any(&[*params, *results], seen),
        Type::Union { terms } => any(&terms.iter().map(|t| t.typ).collect::<Vec<_>>(), seen),
        Type::Interface { methods, embeddeds, .. } => any(&vars(methods), seen) || any(embeddeds, seen),
        Type::Named { targs, .. } => any(targs, seen),
        Type::TypeParam { .. } => tparams.contains(&t),
    };
    seen.insert(t, r);
    r
}

/// go/types `killCycles`: clears inferred types that refer back to their
/// own type parameter (directly or through other inferred types).
fn kill_cycles(env: &Env, tparams: &[TypeId], inferred: &mut [Option<TypeId>]) {
    let mut onpath = Vec::new();
    for &tp in tparams {
        cycle_walk(env, tparams, inferred, tp, &mut onpath);
    }
}

fn cycle_walk(
    env: &Env,
    tparams: &[TypeId],
    inferred: &mut [Option<TypeId>],
    t: TypeId,
    onpath: &mut Vec<TypeId>,
) {
    if onpath.len() > 256 || !env.has_type(t) {
        return;
    }
    let t = env.unalias(t);
    if onpath.contains(&t) {
        if let Some(i) = tparams.iter().position(|&p| p == t) {
            inferred[i] = None; // cycle through a type parameter
        }
        return;
    }
    onpath.push(t);
    let children: Vec<TypeId> = match env.ty(t) {
        Type::Basic { .. } | Type::Alias { .. } => Vec::new(),
        Type::Array { elem, .. }
        | Type::Slice { elem }
        | Type::Pointer { elem }
        | Type::Chan { elem, .. } => {
            vec![*elem]
        }
        Type::Map { key, elem } => vec![*key, *elem],
        Type::Struct { fields: vs, .. } | Type::Tuple { vars: vs } => {
            vs.iter().filter_map(|&v| env.obj(v).typ).collect()
        }
        Type::Signature { params, results, .. } => {
            let mut v: Vec<TypeId> = env.tuple_vars(*params).iter().filter_map(|&v| env.obj(v).typ).collect();
            v.extend(env.tuple_vars(*results).iter().filter_map(|&v| env.obj(v).typ));
            v
        }
        Type::Union { terms } => terms.iter().map(|t| t.typ).collect(),
        Type::Interface { methods, embeddeds, .. } => {
            let mut v: Vec<TypeId> = methods.iter().filter_map(|&m| env.obj(m).typ).collect();
            v.extend(embeddeds.iter().copied());
            v
        }
        Type::Named { targs, .. } => targs.clone(),
        Type::TypeParam { .. } => match tparams.iter().position(|&p| p == t) {
            Some(i) => inferred[i].into_iter().collect(),
            None => Vec::new(),
        },
    };
    for c in children {
        cycle_walk(env, tparams, inferred, c, onpath);
    }
    onpath.pop();
}

// ---- unification -----------------------------------------------------

/// Unification modes (go/types `unifyMode`).
const INEXACT: u8 = 0;
/// Types in an assignment: inexact at the top level, exact inside.
const ASSIGN: u8 = 1;
/// Types must be identical (up to type arguments).
const EXACT: u8 = 2;

/// Recursion limit of unification (go/types `unificationDepthLimit`).
const UNIFY_DEPTH_LIMIT: u32 = 50;

/// go/types `unifier`: the type inferred so far for each type parameter,
/// through shared handles (type parameters unified with each other share
/// one handle).
struct Unifier {
    tparams: Vec<TypeId>,
    /// Handle index of each type parameter.
    handle_of: Vec<usize>,
    handles: Vec<Option<TypeId>>,
    depth: u32,
    /// Interface pairs being compared (cycle detection).
    iface_pairs: Vec<(TypeId, TypeId)>,
    /// Go 1.21+ interface inference.
    interface_inference: bool,
}

impl Unifier {
    fn new(tparams: &[TypeId], targs: &[Option<TypeId>]) -> Self {
        Unifier {
            tparams: tparams.to_vec(),
            handle_of: (0..tparams.len()).collect(),
            handles: (0..tparams.len()).map(|i| targs.get(i).copied().flatten()).collect(),
            depth: 0,
            iface_pairs: Vec::new(),
            interface_inference: true,
        }
    }

    /// go/types `asBoundTypeParam`: the index of `t` if it is one of the
    /// type parameters being inferred.
    fn index_of(&self, env: &Env, t: TypeId) -> Option<usize> {
        tparam_index(env, &self.tparams, t)
    }

    fn at(&self, i: usize) -> Option<TypeId> {
        self.handles[self.handle_of[i]]
    }

    fn set(&mut self, i: usize, t: TypeId) {
        let h = self.handle_of[i];
        self.handles[h] = Some(t);
    }

    fn unknowns(&self) -> usize {
        (0..self.tparams.len()).filter(|&i| self.at(i).is_none()).count()
    }

    fn inferred(&self) -> Vec<Option<TypeId>> {
        (0..self.tparams.len()).map(|i| self.at(i)).collect()
    }

    /// Makes every type parameter sharing `i`'s handle use handle `h`.
    fn set_handle(&mut self, i: usize, h: usize) {
        let old = self.handle_of[i];
        for hk in &mut self.handle_of {
            if *hk == old {
                *hk = h;
            }
        }
    }

    /// go/types `join`.
    fn join(&mut self, x: usize, y: usize) -> bool {
        let (hx, hy) = (self.handle_of[x], self.handle_of[y]);
        if hx == hy {
            return true;
        }
        match (self.handles[hx], self.handles[hy]) {
            (Some(_), Some(_)) => false,
            (Some(_), None) => {
                self.set_handle(y, hx);
                true
            }
            _ => {
                self.set_handle(x, hy);
                true
            }
        }
    }

    fn unify(&mut self, env: &mut Env, x: TypeId, y: TypeId, mode: u8) -> bool {
        self.nify(env, x, y, mode)
    }

    fn nify(&mut self, env: &mut Env, x: TypeId, y: TypeId, mode: u8) -> bool {
        self.depth += 1;
        let r = self.nify_inner(env, x, y, mode);
        self.depth -= 1;
        r
    }

    fn nify_inner(&mut self, env: &mut Env, mut x: TypeId, mut y: TypeId, mode: u8) -> bool {
        if x == y || env.unalias(x) == env.unalias(y) {
            return true;
        }
        if self.depth > UNIFY_DEPTH_LIMIT || !env.has_type(x) || !env.has_type(y) {
            return false;
        }

        // Defined type (if any) in y; bound type parameter (if any) in x.
        if as_named(env, x).is_some() || self.index_of(env, y).is_some() {
            std::mem::swap(&mut x, &mut y);
        }

        // Inexact: a type literal matches a defined type's underlying type.
        if mode & EXACT == 0
            && as_named(env, y).is_some()
            && is_type_lit(env, x)
            && !(self.interface_inference && crate::predicates::is_interface(env, x))
        {
            y = env.underlying(y);
            if x == y || env.unalias(x) == env.unalias(y) {
                return true;
            }
        }

        match (self.index_of(env, x), self.index_of(env, y)) {
            (Some(px), Some(py)) => {
                if self.join(px, py) {
                    return true;
                }
                let (Some(a), Some(b)) = (self.at(px), self.at(py)) else { return false };
                return self.nify(env, a, b, mode);
            }
            (Some(px), None) => {
                let Some(xt) = self.at(px) else {
                    self.set(px, y);
                    return true;
                };
                if !self.nify(env, xt, y, mode) {
                    return false;
                }
                let (xi, yi) = (as_interface(env, xt), as_interface(env, y));
                let (xn, yn) = (as_named(env, xt).is_some(), as_named(env, y).is_some());
                match (xi, yi) {
                    (Some(xi), Some(yi)) => {
                        if xn && yn {
                            return identical_types(env, xt, y);
                        }
                        let xm = crate::typeset::type_set(env, xi).methods.len();
                        let ym = crate::typeset::type_set(env, yi).methods.len();
                        if xm != ym {
                            return false;
                        }
                    }
                    (None, None) => {}
                    // Either could be the inferred type: order dependence.
                    _ => return false,
                }
                // Inexact: prefer a defined type, else a directed channel,
                // so that the result does not depend on argument order.
                let directed =
                    matches!(env.ty(env.underlying(y)), Type::Chan { dir, .. } if *dir != ChanDir::SendRecv);
                if mode & EXACT == 0 && !xn && (yn || directed) {
                    self.set(px, y);
                }
                return true;
            }
            _ => {}
        }

        // Interface inference (inexact): shared methods must unify.
        if self.interface_inference && mode & EXACT == 0 {
            let (xi, yi) = (as_interface(env, x), as_interface(env, y));
            if let (Some(xi), Some(yi)) = (xi, yi) {
                return self.unify_interfaces(env, xi, yi, true);
            }
            let (iface, other) = match (xi, yi) {
                (_, Some(yi)) => (Some(yi), x),
                (xi, None) => (xi, y),
            };
            if let Some(xi) = iface {
                return self.unify_iface_methods(env, xi, other);
            }
        }

        // Unbound type parameters go to x.
        if matches!(env.ty(env.unalias(y)), Type::TypeParam { .. }) {
            std::mem::swap(&mut x, &mut y);
        }

        let emode = if mode & ASSIGN != 0 { mode | EXACT } else { mode };
        let yorig = y;
        let (x, y) = (env.unalias(x), env.unalias(y));

        match (env.ty(x).clone(), env.ty(y).clone()) {
            (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
            (Type::Array { len: l1, elem: e1 }, Type::Array { len: l2, elem: e2 }) => {
                (l1 < 0 || l2 < 0 || l1 == l2) && self.nify(env, e1, e2, emode)
            }
            (Type::Slice { elem: a }, Type::Slice { elem: b })
            | (Type::Pointer { elem: a }, Type::Pointer { elem: b }) => self.nify(env, a, b, emode),
            (Type::Struct { fields: f1, tags: t1 }, Type::Struct { fields: f2, tags: t2 }) => {
                if f1.len() != f2.len() {
                    return false;
                }
                for (i, (&f, &g)) in f1.iter().zip(&f2).enumerate() {
                    let emb = |o: ObjId| matches!(env.obj(o).kind, ObjKind::Var { embedded: true, .. });
                    if emb(f) != emb(g) || t1.get(i) != t2.get(i) || !same_id(env, f, g) {
                        return false;
                    }
                    let (Some(ft), Some(gt)) = (env.obj(f).typ, env.obj(g).typ) else { return false };
                    if !self.nify(env, ft, gt, emode) {
                        return false;
                    }
                }
                true
            }
            (Type::Tuple { vars: a }, Type::Tuple { vars: b }) => self.nify_vars(env, &a, &b, mode),
            (
                Type::Signature { params: p1, results: r1, variadic: v1, .. },
                Type::Signature { params: p2, results: r2, variadic: v2, .. },
            ) => v1 == v2 && self.nify(env, p1, p2, emode) && self.nify(env, r1, r2, emode),
            (Type::Interface { .. }, Type::Interface { .. }) => self.unify_interfaces(env, x, y, false),
            (Type::Map { key: k1, elem: e1 }, Type::Map { key: k2, elem: e2 }) => {
                self.nify(env, k1, k2, emode) && self.nify(env, e1, e2, emode)
            }
            (Type::Chan { dir: d1, elem: e1 }, Type::Chan { dir: d2, elem: e2 }) => {
                (mode & EXACT == 0 || d1 == d2) && self.nify(env, e1, e2, emode)
            }
            (Type::Named { targs: a1, .. }, Type::Named { targs: a2, .. }) => {
                if a1.len() != a2.len() {
                    return false;
                }
                for (&a, &b) in a1.iter().zip(&a2) {
                    if !self.nify(env, a, b, mode) {
                        return false;
                    }
                }
                origin_obj(env, x) == origin_obj(env, y)
            }
            (Type::TypeParam { .. }, _) => {
                // An unbound type parameter: its core type (if any) must
                // match y (assign mode looks under a defined y).
                match common_under(env, x) {
                    Some(cx) => self.nify(env, cx, yorig, ASSIGN),
                    None => false,
                }
            }
            _ => false,
        }
    }

    fn nify_vars(&mut self, env: &mut Env, a: &[ObjId], b: &[ObjId], mode: u8) -> bool {
        if a.len() != b.len() {
            return false;
        }
        for (&v, &w) in a.iter().zip(b) {
            let (Some(vt), Some(wt)) = (env.obj(v).typ, env.obj(w).typ) else { return false };
            if !self.nify(env, vt, wt, mode) {
                return false;
            }
        }
        true
    }

    /// Two interfaces: same comparability and type terms; with `subset`
    /// (inexact interface inference) the smaller method set must be part
    /// of the larger one, else the method sets must be equal; common
    /// methods unify exactly.
    fn unify_interfaces(&mut self, env: &mut Env, xi: TypeId, yi: TypeId, subset: bool) -> bool {
        let xs = crate::typeset::type_set(env, xi);
        let ys = crate::typeset::type_set(env, yi);
        if xs.comparable != ys.comparable || !terms_equal(env, &xs.terms, &ys.terms) {
            return false;
        }
        let (mut a, mut b) = (xs.methods.clone(), ys.methods.clone());
        if !subset && a.len() != b.len() {
            return false;
        }
        if self.iface_pairs.iter().any(|&(p, q)| (p == xi && q == yi) || (p == yi && q == xi)) {
            return true; // compared before: assume equal
        }
        if a.len() > b.len() {
            std::mem::swap(&mut a, &mut b);
        }
        self.iface_pairs.push((xi, yi));
        let mut ok = true;
        for &m in &a {
            let found = b.iter().copied().find(|&g| same_id(env, m, g));
            let sigs = found.and_then(|g| Some((env.obj(m).typ?, env.obj(g).typ?)));
            match sigs {
                Some((s1, s2)) if self.nify(env, s1, s2, EXACT) => {}
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        self.iface_pairs.pop();
        ok
    }

    /// Every method of interface `iface` must exist on `t` (non-generic)
    /// with a signature that unifies exactly.
    fn unify_iface_methods(&mut self, env: &mut Env, iface: TypeId, t: TypeId) -> bool {
        let methods = crate::typeset::type_set(env, iface).methods.clone();
        for m in methods {
            let Some(ok) = self.method_matches(env, m, t) else { return false };
            if !ok {
                return false;
            }
        }
        true
    }

    /// Whether `t` has a (non-generic) method matching interface method
    /// `m` after exact unification of the signatures; `None` if missing.
    fn method_matches(&mut self, env: &mut Env, m: ObjId, t: TypeId) -> Option<bool> {
        let (name, pkg, msig) = {
            let o = env.obj(m);
            (o.name.clone(), o.pkg, o.typ?)
        };
        let found = crate::lookup::lookup_field_or_method(env, t, false, pkg, &name).obj?;
        if !matches!(env.obj(found).kind, ObjKind::Func) {
            return None;
        }
        let fsig = env.obj(found).typ?;
        if matches!(env.ty(fsig), Type::Signature { tparams, .. } if !tparams.is_empty()) {
            return Some(false); // a generic method never implements an interface method
        }
        Some(self.nify(env, msig, fsig, EXACT))
    }

    /// go/types `hasAllMethods(tx, constraint, static, unify exact)`:
    /// whether `tx` has all methods of `tpar`'s constraint.
    fn has_all_methods(&mut self, env: &mut Env, tx: TypeId, tpar: TypeId) -> bool {
        let methods = crate::typeset::type_set(env, tpar).methods.clone();
        methods.into_iter().all(|m| self.method_matches(env, m, tx) == Some(true))
    }
}

/// `t` (unaliased) if it is a defined type.
fn as_named(env: &Env, t: TypeId) -> Option<TypeId> {
    let t = env.unalias(t);
    matches!(env.ty(t), Type::Named { .. }).then_some(t)
}

/// go/types `isTypeLit`: neither a defined type nor a type parameter.
fn is_type_lit(env: &Env, t: TypeId) -> bool {
    !matches!(env.ty(env.unalias(t)), Type::Named { .. } | Type::TypeParam { .. })
}

/// go/types `asInterface`: the underlying interface of a non-type-parameter.
fn as_interface(env: &Env, t: TypeId) -> Option<TypeId> {
    if matches!(env.ty(env.unalias(t)), Type::TypeParam { .. }) {
        return None;
    }
    let u = env.underlying(t);
    matches!(env.ty(u), Type::Interface { .. }).then_some(u)
}

/// The type name of a named type's origin.
fn origin_obj(env: &Env, t: TypeId) -> Option<ObjId> {
    match env.ty(t) {
        Type::Named { orig: Some(o), .. } => match env.ty(*o) {
            Type::Named { obj, .. } => Some(*obj),
            _ => None,
        },
        Type::Named { obj, .. } => Some(*obj),
        _ => None,
    }
}

/// Equality of normalized term lists (`None`: all types).
fn terms_equal(env: &Env, a: &Option<Vec<Term>>, b: &Option<Vec<Term>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let sub = |a: &[Term], b: &[Term]| {
                a.iter().all(|s| b.iter().any(|t| s.tilde == t.tilde && identical_types(env, s.typ, t.typ)))
            };
            sub(a, b) && sub(b, a)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
