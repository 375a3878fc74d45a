//! Substitution and instantiation (go/types `subst.go`,
//! `instantiate.go`, `named.go` expansion): replacing type parameters with
//! type arguments ([`subst`]), instances of generic named types, aliases
//! and functions ([`instantiate`], deduplicated through `env.instances`),
//! deferred expansion of instances whose origin is still being declared
//! ([`expand_pending`]), and methods of named instances
//! ([`instance_method`]).
//!
//! Unlike go/types, named instances are expanded eagerly: the instance is
//! recorded in `env.instances` before its underlying type is substituted,
//! so self-referential generic types terminate; growing instantiation
//! cycles (rejected by the compiler) are cut by a nesting limit and left
//! pending.

use std::cell::Cell;

use crate::types::{BasicKind, Env, ObjId, Term, Type, TypeId};

/// Nesting limit of [`subst`] (type structure depth).
const MAX_SUBST_DEPTH: u32 = 512;
/// Nesting limit of named-instance expansions (an instance whose expansion
/// needs another instance, and so on).
const MAX_EXPAND_DEPTH: usize = 50;

thread_local! {
    /// How many named-instance expansions are in progress.
    static EXPANDING: Cell<usize> = const { Cell::new(0) };
}

/// A substitution: `from[i]` (type parameters) becomes `to[i]`.
#[derive(Clone, Debug, Default)]
pub struct SubstMap {
    pub from: Vec<TypeId>,
    pub to: Vec<TypeId>,
}

impl SubstMap {
    /// The map `from[i] -> to[i]` (extra entries of the longer list are
    /// ignored).
    pub fn new(from: &[TypeId], to: &[TypeId]) -> Self {
        let n = from.len().min(to.len());
        SubstMap { from: from[..n].to_vec(), to: to[..n].to_vec() }
    }

    /// The map `from[i] -> to[i]` for the entries of `to` that are known.
    pub fn partial(from: &[TypeId], to: &[Option<TypeId>]) -> Self {
        let mut m = SubstMap::default();
        for (&f, t) in from.iter().zip(to) {
            if let Some(t) = *t {
                m.insert(f, t);
            }
        }
        m
    }

    pub fn is_empty(&self) -> bool {
        self.from.is_empty()
    }

    /// Adds (or replaces) the entry for `from`.
    pub fn insert(&mut self, from: TypeId, to: TypeId) {
        match self.from.iter().position(|&f| f == from) {
            Some(i) => self.to[i] = to,
            None => {
                self.from.push(from);
                self.to.push(to);
            }
        }
    }

    /// What type parameter `tp` becomes, if it is in the map.
    pub fn lookup(&self, tp: TypeId) -> Option<TypeId> {
        self.from.iter().position(|&f| f == tp).and_then(|i| self.to.get(i).copied())
    }
}

/// `t` with the type parameters of `smap` replaced (go/types `subst`).
/// Returns `t` itself when nothing changes; new composite types otherwise.
/// Instances inside `t` (`List[T]`) are re-instantiated with substituted
/// arguments.
pub fn subst(env: &mut Env, t: TypeId, smap: &SubstMap) -> TypeId {
    if smap.is_empty() {
        return t;
    }
    subst_rec(env, t, smap, 0)
}

fn invalid(env: &Env) -> TypeId {
    env.typ(BasicKind::Invalid)
}

fn subst_rec(env: &mut Env, t: TypeId, smap: &SubstMap, depth: u32) -> TypeId {
    if depth > MAX_SUBST_DEPTH || !env.has_type(t) {
        return invalid(env);
    }
    let d = depth + 1;
    match env.ty(t).clone() {
        Type::Basic { .. } => t,
        Type::TypeParam { .. } => smap.lookup(t).unwrap_or(t),
        Type::Alias { tparams, targs, .. } => {
            if targs.is_empty() {
                return t; // not an instance: nothing to substitute
            }
            let Some(orig) = alias_origin(env, t) else { return t };
            if targs.len() != tparams.len() {
                return invalid(env);
            }
            match subst_list(env, &targs, smap, d) {
                Some(targs) => instantiate(env, orig, &targs),
                None => t,
            }
        }
        Type::Array { len, elem } => {
            let e = subst_rec(env, elem, smap, d);
            if e != elem { env.new_array(e, len) } else { t }
        }
        Type::Slice { elem } => {
            let e = subst_rec(env, elem, smap, d);
            if e != elem { env.new_slice(e) } else { t }
        }
        Type::Pointer { elem } => {
            let e = subst_rec(env, elem, smap, d);
            if e != elem { env.new_pointer(e) } else { t }
        }
        Type::Map { key, elem } => {
            let k = subst_rec(env, key, smap, d);
            let e = subst_rec(env, elem, smap, d);
            if k != key || e != elem { env.new_map(k, e) } else { t }
        }
        Type::Chan { dir, elem } => {
            let e = subst_rec(env, elem, smap, d);
            if e != elem { env.new_chan(dir, e) } else { t }
        }
        Type::Struct { fields, tags } => match subst_vars(env, &fields, smap, d) {
            Some(fields) => env.new_type(Type::Struct { fields, tags }),
            None => t,
        },
        Type::Tuple { vars } => match subst_vars(env, &vars, smap, d) {
            Some(vars) => env.new_tuple(vars),
            None => t,
        },
        Type::Signature { recv, tparams, recv_tparams, params, results, variadic } => {
            // The receiver is kept: receivers of named-type methods are
            // replaced by `instance_method`, those of interface methods
            // by the interface case below.
            let mut extended = None;
            let mut new_tparams = tparams.clone();
            if let Some(&first) = tparams.first()
                && smap.lookup(first).is_none()
            {
                // The signature's own type parameters are not being
                // instantiated (e.g. a generic method of a generic type
                // whose receiver type parameters are replaced): give it
                // fresh type parameters whose bounds are substituted too.
                let mut m = smap.clone();
                let fresh: Vec<TypeId> = tparams.iter().map(|&tp| fresh_type_param(env, tp)).collect();
                for (&tp, &f) in tparams.iter().zip(&fresh) {
                    m.insert(tp, f);
                }
                for (&tp, &f) in tparams.iter().zip(&fresh) {
                    let bound = type_param_bound(env, tp).unwrap_or(env.any);
                    let b = subst_rec(env, bound, &m, d);
                    set_type_param_bound(env, f, b);
                }
                new_tparams = fresh;
                extended = Some(m);
            }
            let map = extended.as_ref().unwrap_or(smap);
            let p = subst_rec(env, params, map, d);
            let r = subst_rec(env, results, map, d);
            if p != params || r != results || new_tparams != tparams {
                env.new_type(Type::Signature {
                    recv,
                    tparams: new_tparams,
                    recv_tparams,
                    params: p,
                    results: r,
                    variadic,
                })
            } else {
                t
            }
        }
        Type::Union { terms } => {
            let mut out: Option<Vec<Term>> = None;
            for (i, term) in terms.iter().enumerate() {
                let u = subst_rec(env, term.typ, smap, d);
                if u != term.typ {
                    out.get_or_insert_with(|| terms.clone())[i] = Term { tilde: term.tilde, typ: u };
                }
            }
            match out {
                Some(terms) => env.new_type(Type::Union { terms }),
                None => t,
            }
        }
        Type::Interface { methods, embeddeds, implicit } => {
            let new_methods = subst_funcs(env, &methods, smap, d);
            let new_embeddeds = subst_list(env, &embeddeds, smap, d);
            if new_methods.is_none() && new_embeddeds.is_none() {
                return t;
            }
            let methods = new_methods.unwrap_or(methods);
            let embeddeds = new_embeddeds.unwrap_or(embeddeds);
            let iface = env.new_type(Type::Interface { methods: Vec::new(), embeddeds, implicit });
            // Methods whose receiver is the old interface get the new one.
            let methods = replace_recv_type(env, &methods, t, iface).unwrap_or(methods);
            if let Type::Interface { methods: m, .. } = env.ty_mut(iface) {
                *m = methods;
            }
            iface
        }
        Type::Named { orig, targs, .. } => {
            let origin = orig.unwrap_or(t);
            let n = match env.ty(origin) {
                Type::Named { tparams, .. } => tparams.len(),
                _ => 0,
            };
            if n == 0 {
                return t; // not parameterized
            }
            if targs.len() != n {
                return invalid(env); // uninstantiated generic type (an error elsewhere)
            }
            match subst_list(env, &targs, smap, d) {
                Some(targs) => instantiate(env, origin, &targs),
                None => t,
            }
        }
    }
}

/// The substituted list, or `None` if no element changes.
fn subst_list(env: &mut Env, list: &[TypeId], smap: &SubstMap, d: u32) -> Option<Vec<TypeId>> {
    let mut out: Option<Vec<TypeId>> = None;
    for (i, &t) in list.iter().enumerate() {
        let u = subst_rec(env, t, smap, d);
        if u != t {
            out.get_or_insert_with(|| list.to_vec())[i] = u;
        }
    }
    out
}

/// Variables (fields, parameters) with substituted types; a variable whose
/// type changes is cloned. `None` if nothing changes.
fn subst_vars(env: &mut Env, vars: &[ObjId], smap: &SubstMap, d: u32) -> Option<Vec<ObjId>> {
    let mut out: Option<Vec<ObjId>> = None;
    for (i, &v) in vars.iter().enumerate() {
        let Some(typ) = env.obj(v).typ else { continue };
        let u = subst_rec(env, typ, smap, d);
        if u != typ {
            let nv = clone_obj_with_type(env, v, u);
            out.get_or_insert_with(|| vars.to_vec())[i] = nv;
        }
    }
    out
}

/// Interface methods with substituted signatures (cloned when changed).
fn subst_funcs(env: &mut Env, funcs: &[ObjId], smap: &SubstMap, d: u32) -> Option<Vec<ObjId>> {
    subst_vars(env, funcs, smap, d)
}

/// A copy of object `o` with type `typ`.
fn clone_obj_with_type(env: &mut Env, o: ObjId, typ: TypeId) -> ObjId {
    let mut obj = env.obj(o).clone();
    obj.typ = Some(typ);
    env.new_object(obj)
}

/// Methods among `methods` whose receiver has type `old` are cloned with
/// receiver type `new` (go/types `replaceRecvType`); `None` if none has.
fn replace_recv_type(env: &mut Env, methods: &[ObjId], old: TypeId, new: TypeId) -> Option<Vec<ObjId>> {
    let mut out: Option<Vec<ObjId>> = None;
    for (i, &m) in methods.iter().enumerate() {
        let Some(sig) = env.obj(m).typ else { continue };
        let Type::Signature { recv: Some(rv), .. } = env.ty(sig) else { continue };
        let rv = *rv;
        if env.obj(rv).typ != Some(old) {
            continue;
        }
        let nrv = clone_obj_with_type(env, rv, new);
        let mut nsig = env.ty(sig).clone();
        if let Type::Signature { recv, .. } = &mut nsig {
            *recv = Some(nrv);
        }
        let nsig = env.new_type(nsig);
        let nm = clone_obj_with_type(env, m, nsig);
        out.get_or_insert_with(|| methods.to_vec())[i] = nm;
    }
    out
}

/// A new type parameter with the name, package, position and index of
/// `tp` (bound copied; callers may replace it).
pub(crate) fn fresh_type_param(env: &mut Env, tp: TypeId) -> TypeId {
    let (obj, index, bound) = match env.ty(tp) {
        Type::TypeParam { obj, index, bound } => (Some(*obj), *index, *bound),
        _ => (None, 0, env.any),
    };
    let mut o = match obj {
        Some(obj) => env.obj(obj).clone(),
        None => crate::types::Object {
            name: "_".into(),
            kind: crate::types::ObjKind::TypeName,
            pkg: None,
            typ: None,
            pos: None,
            parent: None,
        },
    };
    o.typ = None;
    o.parent = None;
    let nobj = env.new_object(o);
    let t = env.new_type(Type::TypeParam { obj: nobj, index, bound });
    env.obj_mut(nobj).typ = Some(t);
    t
}

fn type_param_bound(env: &Env, tp: TypeId) -> Option<TypeId> {
    match env.ty(tp) {
        Type::TypeParam { bound, .. } => Some(*bound),
        _ => None,
    }
}

pub(crate) fn set_type_param_bound(env: &mut Env, tp: TypeId, b: TypeId) {
    if let Type::TypeParam { bound, .. } = env.ty_mut(tp) {
        *bound = b;
    }
}

/// The generic alias an alias instance was made from (its type name's
/// type), if any.
fn alias_origin(env: &Env, t: TypeId) -> Option<TypeId> {
    let Type::Alias { obj, .. } = env.ty(t) else { return None };
    let o = env.obj(*obj).typ?;
    match env.ty(o) {
        Type::Alias { tparams, targs, .. } if !tparams.is_empty() && targs.is_empty() => Some(o),
        _ => None,
    }
}

/// The instance of `orig` with arguments identical to `targs` and spelled
/// the same way (like go/types' context hashes, which keep alias names:
/// `F[os.DirEntry]` and `F[fs.DirEntry]` are distinct instances), if made.
fn lookup_instance(env: &Env, orig: TypeId, targs: &[TypeId]) -> Option<TypeId> {
    let list = env.instances.get(&orig)?;
    list.iter()
        .find(|(args, _)| {
            args.len() == targs.len()
                && args
                    .iter()
                    .zip(targs)
                    .all(|(&a, &b)| a == b || (identical_types(env, a, b) && same_aliases(env, a, b, 0)))
        })
        .map(|&(_, inst)| inst)
}

/// Whether two identical types name the same aliases at the same places
/// and spell basic types alike (go/types' instance hashes spell alias
/// names and `byte`/`uint8`; parameter names do not count).
fn same_aliases(env: &Env, a: TypeId, b: TypeId, depth: u32) -> bool {
    if a == b {
        return true;
    }
    if depth > 64 {
        return true;
    }
    let d = depth + 1;
    let all = |xs: &[TypeId], ys: &[TypeId]| {
        xs.len() == ys.len() && xs.iter().zip(ys).all(|(&x, &y)| same_aliases(env, x, y, d))
    };
    let var_types = |vs: &[crate::types::ObjId]| -> Vec<TypeId> {
        vs.iter().map(|&v| env.obj(v).typ.unwrap_or(TypeId(0))).collect()
    };
    match (env.ty(a), env.ty(b)) {
        (Type::Alias { obj: oa, targs: ta, .. }, Type::Alias { obj: ob, targs: tb, .. }) => {
            oa == ob && all(ta, tb)
        }
        (Type::Alias { .. }, _) | (_, Type::Alias { .. }) => false,
        // `byte` and `uint8` (`rune` and `int32`) are spelled apart too.
        (Type::Basic { .. }, Type::Basic { .. }) => false,
        (Type::Pointer { elem: x }, Type::Pointer { elem: y })
        | (Type::Slice { elem: x }, Type::Slice { elem: y })
        | (Type::Array { elem: x, .. }, Type::Array { elem: y, .. })
        | (Type::Chan { elem: x, .. }, Type::Chan { elem: y, .. }) => same_aliases(env, *x, *y, d),
        (Type::Map { key: k1, elem: e1 }, Type::Map { key: k2, elem: e2 }) => {
            same_aliases(env, *k1, *k2, d) && same_aliases(env, *e1, *e2, d)
        }
        (Type::Named { targs: ta, .. }, Type::Named { targs: tb, .. }) => all(ta, tb),
        (Type::Tuple { vars: va }, Type::Tuple { vars: vb }) => all(&var_types(va), &var_types(vb)),
        (Type::Struct { fields: fa, .. }, Type::Struct { fields: fb, .. }) => {
            all(&var_types(fa), &var_types(fb))
        }
        (
            Type::Signature { params: p1, results: r1, .. },
            Type::Signature { params: p2, results: r2, .. },
        ) => same_aliases(env, *p1, *p2, d) && same_aliases(env, *r1, *r2, d),
        _ => true,
    }
}

fn record_instance(env: &mut Env, orig: TypeId, targs: &[TypeId], inst: TypeId) {
    env.instances.entry(orig).or_default().push((targs.to_vec(), inst));
}

/// Instantiates generic type or function `orig` (a `Named` or `Alias`
/// with type parameters, or a generic `Signature`) with `targs`
/// (go/types `Instantiate` without validation). Instances of the same
/// origin with identical arguments are the same `TypeId`. A named
/// instance gets `orig: Some(orig)`, `targs`, and its underlying type
/// expanded right away if the origin's underlying type is known, else it
/// is queued in `env.pending_instances` (see [`expand_pending`]).
/// A signature instance has no type parameters left.
///
/// Alias instances keep the origin's type name (`obj`) and type
/// parameters; a mismatched argument count gives `Typ[Invalid]` for
/// aliases and signatures (go/types), and for named types an instance
/// with an invalid underlying type (no arguments at all: `Typ[Invalid]`).
/// A non-generic `orig` is returned as is.
pub fn instantiate(env: &mut Env, orig: TypeId, targs: &[TypeId]) -> TypeId {
    if !env.has_type(orig) {
        return invalid(env);
    }
    match env.ty(orig).clone() {
        Type::Named { obj, tparams, orig: None, underlying, .. } if !tparams.is_empty() => {
            if targs.is_empty() {
                return invalid(env);
            }
            if let Some(inst) = lookup_instance(env, orig, targs) {
                return inst;
            }
            let inst = env.new_type(Type::Named {
                obj,
                tparams: Vec::new(),
                targs: targs.to_vec(),
                orig: Some(orig),
                underlying: None,
                methods: Vec::new(),
            });
            // Record before expanding: recursive references to this very
            // instance inside the underlying type find it.
            record_instance(env, orig, targs, inst);
            if underlying.is_some() && EXPANDING.with(Cell::get) < MAX_EXPAND_DEPTH {
                expand_named(env, inst);
            } else {
                env.pending_instances.push(inst);
            }
            inst
        }
        Type::Alias { obj, tparams, targs: ref ot, actual } if !tparams.is_empty() && ot.is_empty() => {
            if tparams.len() != targs.len() {
                return invalid(env);
            }
            if let Some(inst) = lookup_instance(env, orig, targs) {
                return inst;
            }
            let actual = subst(env, actual, &SubstMap::new(&tparams, targs));
            let inst = env.new_type(Type::Alias { obj, tparams, targs: targs.to_vec(), actual });
            record_instance(env, orig, targs, inst);
            inst
        }
        Type::Signature { tparams, .. } if !tparams.is_empty() => {
            if tparams.len() != targs.len() {
                return invalid(env);
            }
            if let Some(inst) = lookup_instance(env, orig, targs) {
                return inst;
            }
            let s = subst(env, orig, &SubstMap::new(&tparams, targs));
            // Never modify the origin: copy it if nothing was substituted.
            let s = if s == orig { env.new_type(env.ty(orig).clone()) } else { s };
            if let Type::Signature { tparams, .. } = env.ty_mut(s) {
                tparams.clear();
            }
            record_instance(env, orig, targs, s);
            s
        }
        _ => orig,
    }
}

/// Sets the underlying type of named instance `inst` from its origin's
/// (go/types `Named.expandRHS`); does nothing if the origin's underlying
/// type is not known yet.
fn expand_named(env: &mut Env, inst: TypeId) -> bool {
    let Type::Named { orig: Some(orig), targs, .. } = env.ty(inst).clone() else { return false };
    let Type::Named { tparams, underlying: Some(u), .. } = env.ty(orig).clone() else { return false };
    let mut nu = if tparams.len() != targs.len() {
        invalid(env)
    } else {
        EXPANDING.with(|c| c.set(c.get() + 1));
        let r = subst(env, u, &SubstMap::new(&tparams, &targs));
        EXPANDING.with(|c| c.set(c.get().saturating_sub(1)));
        r
    };
    // Methods of an interface declared with this name have the generic
    // type as receiver; the instance's interface gets the instance.
    if let Type::Interface { methods, embeddeds, .. } = env.ty(nu).clone()
        && let Some(methods) = replace_recv_type(env, &methods, orig, inst)
    {
        if nu == u {
            nu = env.new_type(Type::Interface { methods, embeddeds, implicit: false });
        } else if let Type::Interface { methods: m, .. } = env.ty_mut(nu) {
            *m = methods;
        }
    }
    if let Type::Named { underlying, .. } = env.ty_mut(inst) {
        *underlying = Some(nu);
    }
    true
}

/// Expands queued instances whose origin now has an underlying type (call
/// after a generic type declaration completes).
pub fn expand_pending(env: &mut Env) {
    // Expansions may queue more instances (deferred by the nesting
    // limit); a second round expands those, and no more rounds keep
    // growing instantiation cycles of invalid programs from running away.
    for _ in 0..2 {
        let pending = std::mem::take(&mut env.pending_instances);
        if pending.is_empty() {
            return;
        }
        let mut progress = false;
        let mut keep = Vec::new();
        for inst in pending {
            let done = match env.ty(inst) {
                Type::Named { underlying: Some(_), .. } => true,
                Type::Named { .. } => expand_named(env, inst),
                _ => true,
            };
            if done {
                progress = true;
            } else {
                keep.push(inst);
            }
        }
        keep.append(&mut env.pending_instances);
        env.pending_instances = keep;
        if !progress {
            return;
        }
    }
}

/// Method `i` (index into the origin's `methods`) of named instance
/// `inst`, with the receiver's type parameters replaced by the instance's
/// type arguments; cached in `env.instance_methods`. For a non-instance
/// named type this is simply `methods[i]`.
///
/// The instantiated method is a new `Func` object (same name, package and
/// position) whose signature has the receiver `inst` (or `*inst`) and no
/// receiver type parameters; a generic method keeps (fresh) type
/// parameters of its own. `None` if `i` is out of range or the method has
/// no type yet.
pub fn instance_method(env: &mut Env, inst: TypeId, i: usize) -> Option<ObjId> {
    let inst = env.unalias(inst);
    let Type::Named { orig, methods, targs, .. } = env.ty(inst) else { return None };
    let Some(orig) = *orig else { return methods.get(i).copied() };
    let targs = targs.clone();
    let key = (inst, u32::try_from(i).ok()?);
    if let Some(&m) = env.instance_methods.get(&key) {
        return Some(m);
    }
    let Type::Named { methods: omethods, .. } = env.ty(orig) else { return None };
    let m = *omethods.get(i)?;
    let sig = env.obj(m).typ?;
    let Type::Signature { recv, recv_tparams, .. } = env.ty(sig).clone() else { return None };
    let mut nsig = sig;
    if !recv_tparams.is_empty() && recv_tparams.len() == targs.len() {
        nsig = subst(env, sig, &SubstMap::new(&recv_tparams, &targs));
    }
    if nsig == sig {
        nsig = env.new_type(env.ty(sig).clone());
    }
    let nrecv = recv.map(|rv| {
        let ptr = env.obj(rv).typ.is_some_and(|rt| matches!(env.ty(env.unalias(rt)), Type::Pointer { .. }));
        let rtyp = if ptr { env.new_pointer(inst) } else { inst };
        clone_obj_with_type(env, rv, rtyp)
    });
    if let Type::Signature { recv, recv_tparams, .. } = env.ty_mut(nsig) {
        *recv = nrecv;
        recv_tparams.clear();
    }
    let f = clone_obj_with_type(env, m, nsig);
    env.instance_methods.insert(key, f);
    Some(f)
}

/// Identity of type arguments for instance deduplication (go/types
/// `Identical`).
pub(crate) fn identical_types(env: &Env, x: TypeId, y: TypeId) -> bool {
    x == y || crate::predicates::identical(env, x, y)
}

/// go/types `sameId` of two objects: same name, and same package unless
/// exported.
pub(crate) fn same_id(env: &Env, a: ObjId, b: ObjId) -> bool {
    let ob = env.obj(b);
    crate::predicates::same_id(env, a, ob.pkg, &ob.name, false)
}

#[cfg(test)]
mod tests;
