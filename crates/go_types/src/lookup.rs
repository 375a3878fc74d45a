//! Field and method lookup (go/types `lookup.go`, `implements` from
//! `instantiate.go`): promoted fields and methods through embedded fields
//! (breadth-first, depth-based ambiguity), pointer receivers and
//! addressability, interface and type-parameter methods via type sets,
//! instance methods, missing methods, type assertions and `implements`.

use crate::predicates::{
    comparable_type, identical, is_interface_or_type_param, is_interface_ptr, is_type_param, is_valid,
    same_id,
};
use crate::types::{Env, ObjId, ObjKind, PkgId, Term, Type, TypeId};
use crate::typeset::{TypeSet, method_index, term_includes, type_set};

/// How many embedding levels a lookup follows (a guard only: cycles go
/// through named types, which are visited once).
const MAX_EMBEDDING_DEPTH: usize = 10_000;

/// The result of [`lookup_field_or_method`], as go/types'
/// `LookupFieldOrMethod(T, addressable, pkg, name) (obj, index, indirect)`:
/// `obj == None` with a non-empty `index` means the name is ambiguous;
/// `obj == None` with an empty `index` and `indirect` set means a method
/// with a pointer receiver was found on a non-addressable value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    pub obj: Option<ObjId>,
    pub index: Vec<usize>,
    pub indirect: bool,
}

/// go/types `deref`: the base type of a pointer (after unaliasing) and
/// `true`, else `t` and `false`.
pub fn deref(env: &Env, t: TypeId) -> (TypeId, bool) {
    match env.ty(env.unalias(t)) {
        Type::Pointer { elem } => (*elem, true),
        _ => (t, false),
    }
}

/// go/types `derefStructPtr`: the base type if `t`'s underlying type is a
/// pointer to a struct, else `t`.
pub fn deref_struct_ptr(env: &Env, t: TypeId) -> TypeId {
    if let Type::Pointer { elem } = env.ty(env.underlying(t))
        && matches!(env.ty(env.underlying(*elem)), Type::Struct { .. })
    {
        return *elem;
    }
    t
}

/// go/types `Func.hasPtrRecv`: whether method `f`'s receiver is a pointer
/// (false while its signature is not known).
pub fn has_ptr_recv(env: &Env, f: ObjId) -> bool {
    let Some(sig) = env.obj(f).typ else { return false };
    match env.ty(sig) {
        Type::Signature { recv: Some(r), .. } => match env.obj(*r).typ {
            Some(rt) => deref(env, rt).1,
            None => false,
        },
        _ => false,
    }
}

/// The type set whose methods a value of type `t` has when `t` is an
/// interface or a type parameter (go/types: `t.Underlying()` is an
/// interface).
fn iface_set(env: &mut Env, t: TypeId) -> Option<std::sync::Arc<TypeSet>> {
    if is_type_param(env, t) {
        return Some(type_set(env, t));
    }
    let u = env.underlying(t);
    matches!(env.ty(u), Type::Interface { .. }).then(|| type_set(env, u))
}

/// go/types `Named.lookupMethod`: the method named `name` declared on named
/// type `named` (the origin's methods for an instance, returned
/// instantiated).
fn named_method(
    env: &mut Env,
    named: TypeId,
    pkg: Option<PkgId>,
    name: &str,
    fold_case: bool,
) -> Option<(usize, ObjId)> {
    let (orig, is_inst) = match env.ty(named) {
        Type::Named { orig: Some(o), .. } => (*o, true),
        Type::Named { .. } => (named, false),
        _ => return None,
    };
    let Type::Named { methods, .. } = env.ty(orig) else { return None };
    let (i, m) = method_index(env, methods, pkg, name, fold_case)?;
    if is_inst {
        return Some((i, crate::instantiate::instance_method(env, named, i).unwrap_or(m)));
    }
    Some((i, m))
}

/// go/types `LookupFieldOrMethod`. `pkg` is the package of the selector
/// (non-exported names match only within it). Methods of generic type
/// instances come back instantiated (via
/// [`crate::instantiate::instance_method`]).
///
/// As in go/types 1.27, the fields of a type parameter's core struct type
/// are not found (go.dev/issue/51576); its methods are those of its
/// constraint's type set.
pub fn lookup_field_or_method(
    env: &mut Env,
    t: TypeId,
    addressable: bool,
    pkg: Option<PkgId>,
    name: &str,
) -> Lookup {
    // Methods are not looked up on a defined pointer type: only fields.
    if matches!(env.ty(env.unalias(t)), Type::Named { .. }) {
        let u = env.underlying(t);
        if matches!(env.ty(u), Type::Pointer { .. }) {
            let r = lookup_impl(env, u, false, pkg, name, false);
            if r.obj.is_some_and(|o| env.obj(o).kind == ObjKind::Func) {
                return Lookup::default();
            }
            return r;
        }
    }
    lookup_impl(env, t, addressable, pkg, name, false)
}

#[derive(Clone, Debug)]
struct EmbeddedType {
    typ: TypeId,
    index: Vec<usize>,
    indirect: bool,
    multiples: bool,
}

fn concat(list: &[usize], i: usize) -> Vec<usize> {
    let mut v = Vec::with_capacity(list.len() + 1);
    v.extend_from_slice(list);
    v.push(i);
    v
}

/// go/types `lookupFieldOrMethodImpl`.
pub fn lookup_impl(
    env: &mut Env,
    t: TypeId,
    addressable: bool,
    pkg: Option<PkgId>,
    name: &str,
    fold_case: bool,
) -> Lookup {
    if name == "_" {
        return Lookup::default(); // blank fields/methods are never found
    }
    let (typ, is_ptr) = deref(env, t);
    // *I, with I an interface or type parameter, has no methods.
    if is_ptr && is_interface_or_type_param(env, typ) {
        return Lookup::default();
    }

    if let Some(r) = lookup_depth0(env, typ, is_ptr, addressable, pkg, name, fold_case) {
        return r;
    }
    let mut current = vec![EmbeddedType { typ, index: Vec::new(), indirect: is_ptr, multiples: false }];
    let mut seen: Vec<TypeId> = Vec::new();
    let mut obj: Option<ObjId> = None;
    let mut index: Vec<usize> = Vec::new();
    let mut indirect = false;
    let mut depth = 0;

    while !current.is_empty() && depth < MAX_EMBEDDING_DEPTH {
        depth += 1;
        let mut next: Vec<EmbeddedType> = Vec::new();
        for e in &current {
            let typ = e.typ;
            let named = env.unalias(typ);
            if matches!(env.ty(named), Type::Named { .. }) {
                if seen.iter().any(|&s| identical(env, s, named)) {
                    continue; // already searched at a shallower (or this) depth
                }
                seen.push(named);
                if let Some((i, m)) = named_method(env, named, pkg, name, fold_case) {
                    index = concat(&e.index, i);
                    if obj.is_some() || e.multiples {
                        return Lookup { obj: None, index, indirect: false }; // collision
                    }
                    obj = Some(m);
                    indirect = e.indirect;
                    continue; // no matching field or interface method possible
                }
            }

            if let Some(set) = iface_set(env, typ) {
                if let Some((i, m)) = set.lookup_method(env, pkg, name, fold_case) {
                    index = concat(&e.index, i);
                    if obj.is_some() || e.multiples {
                        return Lookup { obj: None, index, indirect: false };
                    }
                    obj = Some(m);
                    indirect = e.indirect;
                }
                continue;
            }
            let u = env.underlying(typ);
            let Type::Struct { fields, .. } = env.ty(u) else { continue };
            for (i, &f) in fields.iter().enumerate() {
                if same_id(env, f, pkg, name, fold_case) {
                    index = concat(&e.index, i);
                    if obj.is_some() || e.multiples {
                        return Lookup { obj: None, index, indirect: false };
                    }
                    obj = Some(f);
                    indirect = e.indirect;
                    continue;
                }
                if obj.is_none()
                    && matches!(env.obj(f).kind, ObjKind::Var { embedded: true, .. })
                    && let Some(ft) = env.obj(f).typ
                {
                    let (ft, ptr) = deref(env, ft);
                    next.push(EmbeddedType {
                        typ: ft,
                        index: concat(&e.index, i),
                        indirect: e.indirect || ptr,
                        multiples: e.multiples,
                    });
                }
            }
        }

        if let Some(o) = obj {
            if env.obj(o).kind == ObjKind::Func && has_ptr_recv(env, o) && !indirect && !addressable {
                return Lookup { obj: None, index: Vec::new(), indirect: true };
            }
            return Lookup { obj, index, indirect };
        }
        current = consolidate_multiples(env, next);
    }
    Lookup::default()
}

/// The general search's answer when it ends at depth 0 (a field or method
/// of the type itself, the common case), without its bookkeeping; `None`
/// when the search must go on (nothing at depth 0, or a collision).
#[allow(clippy::too_many_arguments)]
fn lookup_depth0(
    env: &mut Env,
    typ: TypeId,
    is_ptr: bool,
    addressable: bool,
    pkg: Option<PkgId>,
    name: &str,
    fold_case: bool,
) -> Option<Lookup> {
    let named = env.unalias(typ);
    let mut found = None;
    if matches!(env.ty(named), Type::Named { .. }) {
        found = named_method(env, named, pkg, name, fold_case);
    }
    if found.is_none() {
        if let Some(set) = iface_set(env, typ) {
            // An interface has nothing embedded to search further.
            found = set.lookup_method(env, pkg, name, fold_case);
            if found.is_none() {
                return Some(Lookup::default());
            }
        } else {
            let u = env.underlying(typ);
            let Type::Struct { fields, .. } = env.ty(u) else { return None };
            for (i, &f) in fields.iter().enumerate() {
                if same_id(env, f, pkg, name, fold_case) {
                    if found.is_some() {
                        return None;
                    }
                    found = Some((i, f));
                }
            }
        }
    }
    let (i, o) = found?;
    if env.obj(o).kind == ObjKind::Func && has_ptr_recv(env, o) && !is_ptr && !addressable {
        return Some(Lookup { obj: None, index: Vec::new(), indirect: true });
    }
    Some(Lookup { obj: Some(o), index: vec![i], indirect: is_ptr })
}

/// go/types `consolidateMultiples`: merges identical embedded types found
/// at the same depth, marking them as occurring multiple times.
fn consolidate_multiples(env: &Env, list: Vec<EmbeddedType>) -> Vec<EmbeddedType> {
    if list.len() <= 1 {
        return list;
    }
    let mut out: Vec<EmbeddedType> = Vec::with_capacity(list.len());
    for e in list {
        if let Some(prev) = out.iter_mut().find(|p| identical(env, p.typ, e.typ)) {
            prev.multiples = true;
        } else {
            out.push(e);
        }
    }
    out
}

// ---- missing methods and implements -----------------------------------

/// Why a method of an interface is missing (go/types `missingMethod`
/// states; the checker builds its cause messages from them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingKind {
    /// "(missing method %s)" (or a pointer-to-interface explanation).
    NotFound,
    /// A method with the name in different case exists:
    /// "(missing method %s)\n\t\thave %s\n\t\twant %s".
    WrongName,
    /// A method of the same name from another package: "(unexported
    /// method %s)".
    Unexported,
    /// "(wrong type for method %s)".
    WrongSig,
    /// "(ambiguous selector %s.%s)".
    AmbigSel,
    /// "(method %s has pointer receiver)".
    PtrRecv,
    /// "(%s.%s is a field, not a method)".
    Field,
}

/// A missing method: the interface's `method`, why, and the method found
/// on the type instead (for `WrongName`, `Unexported` and `WrongSig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingMethod {
    pub method: ObjId,
    pub kind: MissingKind,
    pub have: Option<ObjId>,
}

/// Signature identity of two methods; unknown (not yet typed) signatures
/// are assumed to match.
fn same_method_type(env: &Env, f: ObjId, m: ObjId) -> bool {
    match (env.obj(f).typ, env.obj(m).typ) {
        (Some(a), Some(b)) => identical(env, a, b),
        _ => true,
    }
}

/// go/types `missingMethod` with details: the first method of interface
/// (or constraint) `iface` that `v` lacks.
pub fn missing_method_detail(
    env: &mut Env,
    v: TypeId,
    iface: TypeId,
    static_: bool,
) -> Option<MissingMethod> {
    let methods = type_set(env, iface).methods.clone();
    if methods.is_empty() {
        return None;
    }
    if let Some(vset) = iface_set(env, v) {
        for m in methods {
            let (mpkg, mname) = (env.obj(m).pkg, env.obj(m).name.clone());
            match vset.lookup_method(env, mpkg, &mname, false) {
                None if !static_ => continue,
                None => return Some(MissingMethod { method: m, kind: MissingKind::NotFound, have: None }),
                Some((_, f)) => {
                    if !same_method_type(env, f, m) {
                        return Some(MissingMethod { method: m, kind: MissingKind::WrongSig, have: Some(f) });
                    }
                }
            }
        }
        return None;
    }
    for m in methods {
        let (mpkg, mname) = (env.obj(m).pkg, env.obj(m).name.clone());
        let r = lookup_impl(env, v, false, mpkg, &mname, false);
        let Some(obj) = r.obj else {
            let (kind, have) = if !r.index.is_empty() {
                (MissingKind::AmbigSel, None)
            } else if r.indirect {
                (MissingKind::PtrRecv, None)
            } else {
                let alt = lookup_impl(env, v, false, mpkg, &mname, true).obj;
                match alt.filter(|&f| env.obj(f).kind == ObjKind::Func) {
                    Some(f) if env.obj(f).name == mname => (MissingKind::Unexported, Some(f)),
                    Some(f) => (MissingKind::WrongName, Some(f)),
                    None => (MissingKind::NotFound, None),
                }
            };
            return Some(MissingMethod { method: m, kind, have });
        };
        if env.obj(obj).kind != ObjKind::Func {
            return Some(MissingMethod { method: m, kind: MissingKind::Field, have: None });
        }
        if !same_method_type(env, obj, m) {
            return Some(MissingMethod { method: m, kind: MissingKind::WrongSig, have: Some(obj) });
        }
    }
    None
}

/// go/types `MissingMethod`: the first method of interface `iface` that
/// `v` lacks (`Some((method, wrong_type))`), or `None` if `v` implements
/// the methods. `static_` as in go/types (false: for type assertions,
/// where `v` is itself an interface and missing methods are fine).
pub fn missing_method(env: &mut Env, v: TypeId, iface: TypeId, static_: bool) -> Option<(ObjId, bool)> {
    missing_method_detail(env, v, iface, static_)
        .map(|m| (m.method, matches!(m.kind, MissingKind::WrongSig | MissingKind::PtrRecv)))
}

/// go/types `hasInvalidEmbeddedFields`: whether `t` (or `*t`) is a struct
/// with an invalid embedded field (at any depth).
pub fn has_invalid_embedded_fields(env: &Env, t: TypeId) -> bool {
    fn walk(env: &Env, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let s = env.underlying(deref_struct_ptr(env, t));
        let Type::Struct { fields, .. } = env.ty(s) else { return false };
        if seen.contains(&s) || seen.len() > MAX_EMBEDDING_DEPTH {
            return false;
        }
        seen.push(s);
        fields.iter().any(|&f| match env.obj(f) {
            o @ crate::types::Object { kind: ObjKind::Var { embedded: true, .. }, .. } => match o.typ {
                Some(ft) => !is_valid(env, ft) || walk(env, ft, seen),
                None => true,
            },
            _ => false,
        })
    }
    walk(env, t, &mut Vec::new())
}

/// go/types `hasAllMethods` (with `Identical`): `Err` with the missing
/// method unless `v` has all methods of interface `t`.
pub fn has_all_methods(env: &mut Env, v: TypeId, t: TypeId, static_: bool) -> Result<(), MissingMethod> {
    if !is_valid(env, v) {
        return Ok(()); // nothing is known about v
    }
    match missing_method_detail(env, v, t, static_) {
        Some(m) if !has_invalid_embedded_fields(env, v) => Err(m),
        _ => Ok(()),
    }
}

/// go/types `assertableTo`: whether a value of interface type `v` may be
/// asserted to have type `t` (always for interfaces and type parameters;
/// else `t` must have all methods of `v`).
pub fn assertable_to(env: &mut Env, v: TypeId, t: TypeId) -> Result<(), MissingMethod> {
    if is_interface_or_type_param(env, t) {
        return Ok(());
    }
    has_all_methods(env, t, v, false)
}

/// Why a type does not implement an interface or satisfy a constraint
/// (go/types `implements` causes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotImplemented {
    /// `T` is not an interface ("%s is not an interface"; `ptr_to_iface`:
    /// "type %s is pointer to interface, not interface" or "... pointer to
    /// type parameter, not type parameter").
    NotAnInterface { ptr_to_iface: bool },
    /// "cannot implement/satisfy %s (empty type set)".
    EmptyTypeSet,
    /// A method is missing.
    Missing(MissingMethod),
    /// `V` is an interface whose type set is not a subset of `T`'s.
    NotSubset,
    /// `V` is not in `T`'s type set; `alt`: "possibly missing ~ for %s".
    NotInTypeSet { alt: Option<TypeId> },
    /// "%s does not implement/satisfy comparable".
    NotComparable,
}

/// go/types `Checker.implements(V, T, constraint)` (at Go 1.20 or later):
/// `Ok` if `v` implements interface `t` (satisfies it when `constraint`:
/// then ordinary interfaces satisfy `comparable`).
pub fn implements_cause(env: &mut Env, v: TypeId, t: TypeId, constraint: bool) -> Result<(), NotImplemented> {
    let vu = env.underlying(v);
    let tu = env.underlying(t);
    if !is_valid(env, vu) || !is_valid(env, tu) {
        return Ok(()); // avoid follow-on errors
    }
    if let Type::Pointer { elem } = env.ty(vu)
        && !is_valid(env, env.underlying(*elem))
    {
        return Ok(());
    }
    let Some(tset) = iface_set(env, t) else {
        return Err(NotImplemented::NotAnInterface { ptr_to_iface: is_interface_ptr(env, tu) });
    };
    // Every type satisfies the empty interface.
    if tset.is_all() {
        return Ok(());
    }
    // An interface with an empty type set satisfies any interface.
    let vset = iface_set(env, v);
    if vset.as_ref().is_some_and(|s| s.is_empty()) {
        return Ok(());
    }
    if tset.is_empty() {
        return Err(NotImplemented::EmptyTypeSet);
    }
    has_all_methods(env, v, t, true).map_err(NotImplemented::Missing)?;

    let check_comparability = |env: &Env| {
        if !tset.is_comparable(env)
            || comparable_type(env, v, false).is_ok()
            || (constraint && comparable_type(env, v, true).is_ok())
        {
            Ok(())
        } else {
            Err(NotImplemented::NotComparable)
        }
    };
    let Some(terms) = tset.specific_terms() else {
        return check_comparability(env);
    };
    if let Some(vset) = vset {
        if !vset.subset_of(env, &tset) {
            return Err(NotImplemented::NotSubset);
        }
        return check_comparability(env);
    }
    if !terms.iter().any(|&term| term_includes(env, term, v)) {
        let alt = terms.iter().find_map(|&term| {
            let tilde = Term { tilde: true, typ: term.typ };
            (!term.tilde
                && identical(env, term.typ, env.underlying(term.typ))
                && term_includes(env, tilde, v))
            .then_some(term.typ)
        });
        return Err(NotImplemented::NotInTypeSet { alt });
    }
    check_comparability(env)
}

/// go/types `Implements` / `implements`: whether `v` satisfies the
/// constraint or interface `t` (methods and type set, including
/// `comparable`).
pub fn implements(env: &mut Env, v: TypeId, t: TypeId) -> bool {
    implements_cause(env, v, t, true).is_ok()
}

#[cfg(test)]
mod tests;
