//! Type predicates (go/types `predicates.go`, parts of `operand.go` and
//! `conversions.go`): identity, basic-kind predicates (`is_*` on the
//! underlying type, `all_*` over a type parameter's type set), names,
//! comparability, nil-ability, and the typed part of assignability and
//! convertibility.
//!
//! Unlike go/types, the underlying type of a type parameter is the type
//! parameter itself here ([`Env::underlying`]); where go/types relies on a
//! type parameter's underlying type being its constraint interface, the
//! code below consults the constraint's type set explicitly.

use crate::lookup::implements_cause;
use crate::types::{BasicKind, ChanDir, Env, ObjId, PkgId, Type, TypeId};
use crate::typeset::{compute_type_set, specific_types, termlist_equal};

/// How deep [`identical`] follows nested types before giving up (only
/// reachable with malformed, unnamed cyclic types).
const MAX_IDENTICAL_DEPTH: u32 = 10_000;

/// How deep type-parameter term recursion in assignability and
/// convertibility may go.
const MAX_TERM_DEPTH: u32 = 16;

// ---- objects and packages ----------------------------------------------

/// go/types `samePkg`: both universe (`None`) or the same package path.
pub fn same_pkg(env: &Env, a: Option<PkgId>, b: Option<PkgId>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || env.package(a).path == env.package(b).path,
        (a, b) => a == b,
    }
}

/// go/types `object.sameId`: whether object `obj` has the identifier
/// `name` as seen from package `pkg` (non-exported names must come from the
/// same package). With `fold_case`, names equal up to case match
/// regardless of package.
pub fn same_id(env: &Env, obj: ObjId, pkg: Option<PkgId>, name: &str, fold_case: bool) -> bool {
    let o = env.obj(obj);
    if fold_case && eq_fold(&o.name, name) {
        return true;
    }
    // Most candidates (fields, methods) differ in length or first byte:
    // reject those without a memcmp call.
    let (a, b) = (o.name.as_bytes(), name.as_bytes());
    if a.len() != b.len() || a.first() != b.first() || a != b {
        return false;
    }
    o.exported() || same_pkg(env, o.pkg, pkg)
}

/// Go's `strings.EqualFold` (simple Unicode case folding, approximated by
/// comparing lower- and upper-case mappings per character).
fn eq_fold(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(c), Some(d)) => {
                if c != d && !c.to_lowercase().eq(d.to_lowercase()) && !c.to_uppercase().eq(d.to_uppercase())
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

fn obj_type(env: &Env, o: ObjId) -> TypeId {
    env.obj(o).typ.unwrap_or(env.typ(BasicKind::Invalid))
}

// ---- simple predicates ---------------------------------------------------

/// go/types `isValid`: `t` is not `Typ[Invalid]` (after unaliasing).
pub fn is_valid(env: &Env, t: TypeId) -> bool {
    env.unalias(t) != env.typ(BasicKind::Invalid)
}

/// go/types `isBasic`: `t`'s underlying type is basic and its kind
/// satisfies `pred` (false for type parameters).
pub fn is_basic(env: &Env, t: TypeId, pred: impl Fn(BasicKind) -> bool) -> bool {
    env.basic_kind(t).is_some_and(pred)
}

pub fn is_boolean(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_boolean)
}
pub fn is_integer(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_integer)
}
pub fn is_unsigned(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_unsigned)
}
pub fn is_float(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_float)
}
pub fn is_complex(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_complex)
}
pub fn is_numeric(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_numeric)
}
pub fn is_string(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_string)
}
pub fn is_integer_or_float(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, |k| k.is_integer() || k.is_float())
}
pub fn is_const_type(env: &Env, t: TypeId) -> bool {
    is_basic(env, t, BasicKind::is_const_type)
}
/// go/types `IsOrdered` info: integers, floats and strings.
pub fn is_ordered_kind(k: BasicKind) -> bool {
    k.is_integer() || k.is_float() || k.is_string()
}

/// go/types `allBasic`: [`is_basic`], or for a type parameter, whether every
/// specific type of its type set satisfies it (false without specific
/// types).
pub fn all_basic(env: &mut Env, t: TypeId, pred: impl Fn(BasicKind) -> bool) -> bool {
    if is_type_param(env, t) {
        return match specific_types(env, t) {
            None => false,
            Some(list) => list.iter().all(|&(t, _)| is_basic(env, t, &pred)),
        };
    }
    is_basic(env, t, pred)
}

pub fn all_boolean(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, BasicKind::is_boolean)
}
pub fn all_integer(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, BasicKind::is_integer)
}
pub fn all_unsigned(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, BasicKind::is_unsigned)
}
pub fn all_numeric(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, BasicKind::is_numeric)
}
pub fn all_string(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, BasicKind::is_string)
}
pub fn all_ordered(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, is_ordered_kind)
}
pub fn all_numeric_or_string(env: &mut Env, t: TypeId) -> bool {
    all_basic(env, t, |k| k.is_numeric() || k.is_string())
}

/// go/types `hasName`: basic, defined (named) types and type parameters.
pub fn has_name(env: &Env, t: TypeId) -> bool {
    matches!(env.ty(env.unalias(t)), Type::Basic { .. } | Type::Named { .. } | Type::TypeParam { .. })
}

/// go/types `isTypeLit`: not a defined type or type parameter.
pub fn is_type_lit(env: &Env, t: TypeId) -> bool {
    !matches!(env.ty(env.unalias(t)), Type::Named { .. } | Type::TypeParam { .. })
}

/// go/types `isTyped`: not an untyped basic type.
pub fn is_typed(env: &Env, t: TypeId) -> bool {
    !is_untyped(env, t)
}

/// go/types `isUntyped`: an untyped basic type (including untyped nil).
pub fn is_untyped(_env: &Env, t: TypeId) -> bool {
    Env::universe_kind(t).is_some_and(BasicKind::is_untyped)
}

/// go/types `isUntypedNumeric`.
pub fn is_untyped_numeric(_env: &Env, t: TypeId) -> bool {
    Env::universe_kind(t).is_some_and(|k| k.is_untyped() && k.is_numeric())
}

/// Whether `t`'s underlying type is an interface (type parameters are not
/// interfaces: go/types `IsInterface`).
///
/// Note: go/types' `IsInterface` is also true for type parameters (their
/// underlying type is their constraint); this is its
/// `isNonTypeParamInterface`.
pub fn is_interface(env: &Env, t: TypeId) -> bool {
    matches!(env.ty(env.underlying(t)), Type::Interface { .. })
}

/// go/types `IsInterface`: an interface or a type parameter.
pub fn is_interface_or_type_param(env: &Env, t: TypeId) -> bool {
    is_interface(env, t) || is_type_param(env, t)
}

/// Whether `t` is a type parameter (after unaliasing).
pub fn is_type_param(env: &Env, t: TypeId) -> bool {
    matches!(env.ty(env.unalias(t)), Type::TypeParam { .. })
}

/// go/types `isInterfacePtr`: a pointer to an interface or type parameter.
pub fn is_interface_ptr(env: &Env, t: TypeId) -> bool {
    match env.ty(env.underlying(t)) {
        Type::Pointer { elem } => is_interface_or_type_param(env, *elem),
        _ => false,
    }
}

/// go/types `isGeneric`: a generic named type or alias that is not
/// instantiated.
pub fn is_generic(env: &Env, t: TypeId) -> bool {
    match env.ty(t) {
        Type::Alias { tparams, targs, .. } if !tparams.is_empty() && targs.is_empty() => return true,
        _ => {}
    }
    matches!(env.ty(env.unalias(t)), Type::Named { tparams, orig: None, .. } if !tparams.is_empty())
}

/// Whether `t`'s underlying type is a pointer.
pub fn is_pointer(env: &Env, t: TypeId) -> bool {
    matches!(env.ty(env.underlying(t)), Type::Pointer { .. })
}

/// Whether `t`'s underlying type is `uintptr`.
pub fn is_uintptr(env: &Env, t: TypeId) -> bool {
    env.basic_kind(t) == Some(BasicKind::Uintptr)
}

/// Whether `t`'s underlying type is `unsafe.Pointer`.
pub fn is_unsafe_pointer(env: &Env, t: TypeId) -> bool {
    env.basic_kind(t) == Some(BasicKind::UnsafePointer)
}

/// go/types `isBytesOrRunes`: a slice whose element's underlying type is
/// `byte` or `rune`.
pub fn is_bytes_or_runes(env: &Env, t: TypeId) -> bool {
    match env.ty(env.underlying(t)) {
        Type::Slice { elem } => matches!(env.basic_kind(*elem), Some(BasicKind::Uint8 | BasicKind::Int32)),
        _ => false,
    }
}

/// go/types `Default`: the default type of an untyped type (`rune` for
/// untyped runes; untyped nil stays untyped nil), else `t`.
pub fn default_type(env: &Env, t: TypeId) -> TypeId {
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

/// go/types `maxType`: for two untyped numeric types the "larger" one
/// (int < rune < float < complex); `x` if `x == y`; else `None`.
pub fn max_type(env: &Env, x: TypeId, y: TypeId) -> Option<TypeId> {
    if x == y {
        return Some(x);
    }
    if is_untyped_numeric(env, x) && is_untyped_numeric(env, y) {
        let (Type::Basic { kind: kx, .. }, Type::Basic { kind: ky, .. }) = (env.ty(x), env.ty(y)) else {
            return None;
        };
        return Some(if kx > ky { x } else { y });
    }
    None
}

// ---- identity ----------------------------------------------------------

/// go/types `Identical`: structural identity; named types and type
/// parameters by id; instances by origin and identical type arguments;
/// signatures ignoring parameter names (and type parameters renamed).
pub fn identical(env: &Env, x: TypeId, y: TypeId) -> bool {
    Comparer::new(env, false).identical(x, y)
}

/// go/types `IdenticalIgnoreTags`.
pub fn identical_ignore_tags(env: &Env, x: TypeId, y: TypeId) -> bool {
    Comparer::new(env, true).identical(x, y)
}

/// go/types' `comparer`. Instead of substituting one generic signature's
/// type parameters by the other's, corresponding type parameters are
/// recorded in `tparams` while the signatures are compared.
struct Comparer<'a> {
    env: &'a Env,
    ignore_tags: bool,
    tparams: Vec<(TypeId, TypeId)>,
    /// Interface pairs being compared (go/types' `ifacePair` stack).
    ifaces: Vec<(TypeId, TypeId)>,
    depth: u32,
}

impl<'a> Comparer<'a> {
    fn new(env: &'a Env, ignore_tags: bool) -> Self {
        Comparer { env, ignore_tags, tparams: Vec::new(), ifaces: Vec::new(), depth: 0 }
    }

    fn identical(&mut self, x: TypeId, y: TypeId) -> bool {
        if self.depth >= MAX_IDENTICAL_DEPTH {
            return false;
        }
        self.depth += 1;
        let r = self.identical_inner(x, y);
        self.depth -= 1;
        r
    }

    fn identical_inner(&mut self, x: TypeId, y: TypeId) -> bool {
        let env = self.env;
        let x = env.unalias(x);
        let y = env.unalias(y);
        if x == y {
            return true;
        }
        match (env.ty(x), env.ty(y)) {
            (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
            (Type::Array { len: xl, elem: xe }, Type::Array { len: yl, elem: ye }) => {
                (*xl < 0 || *yl < 0 || xl == yl) && self.identical(*xe, *ye)
            }
            (Type::Slice { elem: a }, Type::Slice { elem: b }) => self.identical(*a, *b),
            (Type::Pointer { elem: a }, Type::Pointer { elem: b }) => self.identical(*a, *b),
            (Type::Struct { fields: xf, tags: xt }, Type::Struct { fields: yf, tags: yt }) => {
                if xf.len() != yf.len() {
                    return false;
                }
                fn tag(tags: &[String], i: usize) -> &str {
                    tags.get(i).map(String::as_str).unwrap_or("")
                }
                for (i, (&f, &g)) in xf.iter().zip(yf).enumerate() {
                    let (fo, go) = (env.obj(f), env.obj(g));
                    let emb = |o: &crate::types::Object| {
                        matches!(o.kind, crate::types::ObjKind::Var { embedded: true, .. })
                    };
                    if emb(fo) != emb(go)
                        || (!self.ignore_tags && tag(xt, i) != tag(yt, i))
                        || !same_id(env, f, go.pkg, &go.name, false)
                        || !self.identical(obj_type(env, f), obj_type(env, g))
                    {
                        return false;
                    }
                }
                true
            }
            (Type::Tuple { vars: a }, Type::Tuple { vars: b }) => {
                a.len() == b.len()
                    && a.iter().zip(b).all(|(&v, &w)| self.identical(obj_type(env, v), obj_type(env, w)))
            }
            (
                Type::Signature { tparams: xtp, params: xp, results: xr, variadic: xv, .. },
                Type::Signature { tparams: ytp, params: yp, results: yr, variadic: yv, .. },
            ) => {
                if xtp.len() != ytp.len() {
                    return false;
                }
                let mark = self.tparams.len();
                self.tparams.extend(xtp.iter().copied().zip(ytp.iter().copied()));
                let bound = |t: TypeId| match env.ty(t) {
                    Type::TypeParam { bound, .. } => *bound,
                    _ => t,
                };
                let ok = xtp.iter().zip(ytp).all(|(&a, &b)| self.identical(bound(a), bound(b)))
                    && xv == yv
                    && self.identical(*xp, *yp)
                    && self.identical(*xr, *yr);
                self.tparams.truncate(mark);
                ok
            }
            (Type::Union { .. }, Type::Union { .. }) => {
                let xs = compute_type_set(env, x);
                let ys = compute_type_set(env, y);
                termlist_equal(env, &xs.terms, &ys.terms)
            }
            (Type::Interface { .. }, Type::Interface { .. }) => {
                let xs = compute_type_set(env, x);
                let ys = compute_type_set(env, y);
                if xs.comparable != ys.comparable || !termlist_equal(env, &xs.terms, &ys.terms) {
                    return false;
                }
                if xs.methods.len() != ys.methods.len() {
                    return false;
                }
                if self.ifaces.iter().any(|&(a, b)| (a, b) == (x, y) || (a, b) == (y, x)) {
                    return true; // compared before (cycle through method types)
                }
                self.ifaces.push((x, y));
                let ok = xs.methods.iter().zip(&ys.methods).all(|(&f, &g)| {
                    let go = env.obj(g);
                    same_id(env, f, go.pkg, &go.name, false)
                        && self.identical(obj_type(env, f), obj_type(env, g))
                });
                self.ifaces.pop();
                ok
            }
            (Type::Map { key: xk, elem: xe }, Type::Map { key: yk, elem: ye }) => {
                self.identical(*xk, *yk) && self.identical(*xe, *ye)
            }
            (Type::Chan { dir: xd, elem: xe }, Type::Chan { dir: yd, elem: ye }) => {
                xd == yd && self.identical(*xe, *ye)
            }
            (Type::Named { targs: xa, .. }, Type::Named { targs: ya, .. }) => {
                if xa.len() != ya.len() {
                    return false;
                }
                // go/types compares type arguments with Identical (tags
                // are never ignored there).
                let ignore = std::mem::replace(&mut self.ignore_tags, false);
                let ok = xa.iter().zip(ya).all(|(&a, &b)| self.identical(a, b));
                self.ignore_tags = ignore;
                ok && origin_obj(env, x) == origin_obj(env, y)
            }
            (Type::TypeParam { .. }, Type::TypeParam { .. }) => {
                self.tparams.iter().any(|&(a, b)| (a, b) == (x, y) || (a, b) == (y, x))
            }
            _ => false,
        }
    }
}

/// The type name object of a named type's origin.
fn origin_obj(env: &Env, t: TypeId) -> Option<ObjId> {
    match env.ty(t) {
        Type::Named { orig: Some(o), obj, .. } => match env.ty(*o) {
            Type::Named { obj, .. } => Some(*obj),
            _ => Some(*obj),
        },
        Type::Named { obj, .. } => Some(*obj),
        _ => None,
    }
}

// ---- comparability and nil ---------------------------------------------

/// Why a type is not comparable (go/types' `comparableType` causes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incomparable {
    /// No specific explanation (slices, maps, functions, untyped nil, ...).
    Plain,
    /// "struct containing %s cannot be compared" (the field's type).
    StructField(TypeId),
    /// "%s cannot be compared" (the array type).
    Array(TypeId),
    /// "empty type set" (a type parameter or constraint interface).
    EmptyTypeSet,
    /// "incomparable types in type set".
    IncomparableTypes,
}

/// go/types `comparableType(t, dynamic)`: `Ok` if values of type `t` are
/// comparable. With `dynamic`, (non-type-parameter) interfaces are
/// comparable (spec comparability); without, they are only if their type
/// set is (strict comparability).
pub fn comparable_type(env: &Env, t: TypeId, dynamic: bool) -> Result<(), Incomparable> {
    comparable_seen(env, t, dynamic, &mut Vec::new())
}

fn comparable_seen(env: &Env, t: TypeId, dynamic: bool, seen: &mut Vec<TypeId>) -> Result<(), Incomparable> {
    if seen.contains(&t) || seen.len() > 10_000 {
        return Ok(());
    }
    seen.push(t);
    let u = env.underlying(t);
    match env.ty(u) {
        Type::Basic { kind, .. } => {
            // invalid types are assumed comparable (no follow-up errors)
            if *kind == BasicKind::UntypedNil { Err(Incomparable::Plain) } else { Ok(()) }
        }
        Type::Pointer { .. } | Type::Chan { .. } => Ok(()),
        Type::Struct { fields, .. } => {
            for &f in fields {
                let ft = obj_type(env, f);
                if comparable_seen(env, ft, dynamic, seen).is_err() {
                    return Err(Incomparable::StructField(ft));
                }
            }
            Ok(())
        }
        Type::Array { elem, .. } => {
            if comparable_seen(env, *elem, dynamic, seen).is_err() {
                return Err(Incomparable::Array(t));
            }
            Ok(())
        }
        Type::Interface { .. } | Type::TypeParam { .. } => {
            let tparam = is_type_param(env, t);
            if dynamic && !tparam {
                return Ok(());
            }
            let set = compute_type_set(env, if tparam { t } else { u });
            let ok = match set.specific_terms() {
                None if set.terms.is_none() => set.comparable,
                None => false,
                Some(terms) => terms.iter().all(|term| comparable_seen(env, term.typ, false, seen).is_ok()),
            };
            if ok {
                Ok(())
            } else if set.is_empty() {
                Err(Incomparable::EmptyTypeSet)
            } else {
                Err(Incomparable::IncomparableTypes)
            }
        }
        _ => Err(Incomparable::Plain),
    }
}

/// go/types `comparableType` (spec "comparable"); `strict` demands strict
/// comparability (no interfaces) as for type-set satisfaction of
/// `comparable` before Go 1.20.
///
/// `comparable(env, t, false)` is go/types' exported `Comparable(t)`.
pub fn comparable(env: &mut Env, t: TypeId, strict: bool) -> bool {
    if is_type_param(env, t) {
        crate::typeset::type_set(env, t);
    }
    comparable_type(env, t, !strict).is_ok()
}

/// go/types `hasNil`: pointer, slice, map, chan, func, interface,
/// unsafe.Pointer; a type parameter if every type in its type set has nil.
pub fn has_nil(env: &mut Env, t: TypeId) -> bool {
    let u = env.underlying(t);
    match env.ty(u) {
        Type::Basic { kind, .. } => *kind == BasicKind::UnsafePointer,
        Type::Slice { .. }
        | Type::Pointer { .. }
        | Type::Signature { .. }
        | Type::Map { .. }
        | Type::Chan { .. }
        | Type::Interface { .. } => true,
        Type::TypeParam { .. } => match specific_types(env, t) {
            None => false,
            // (a type parameter term is invalid; it must not recurse)
            Some(list) => list.iter().all(|&(_, u)| !is_type_param(env, u) && has_nil(env, u)),
        },
        _ => false,
    }
}

// ---- assignability and convertibility ---------------------------------

/// Whether a *typed* value of type `v` is assignable to type `t`
/// (go/types `operand.assignableTo` without the untyped-constant and nil
/// cases, which the checker handles).
pub fn assignable_type(env: &mut Env, v: TypeId, t: TypeId) -> bool {
    assignable(env, v, t, 0)
}

fn assignable(env: &mut Env, v: TypeId, t: TypeId, depth: u32) -> bool {
    if !is_valid(env, v) || !is_valid(env, t) {
        return true; // avoid follow-on errors
    }
    if depth > MAX_TERM_DEPTH {
        return false;
    }
    let v = env.unalias(v);
    let t = env.unalias(t);
    if identical(env, v, t) {
        return true;
    }
    let vu = env.underlying(v);
    let tu = env.underlying(t);
    let vp = is_type_param(env, v);
    let tp = is_type_param(env, t);

    // Identical underlying types and at least one is not a named type.
    if identical(env, vu, tu) && (!has_name(env, v) || !has_name(env, t)) && !vp && !tp {
        return true;
    }

    // T is an interface type (not a type parameter) and V implements T.
    if (matches!(env.ty(tu), Type::Interface { .. }) && !tp) || is_interface_ptr(env, tu) {
        if implements_cause(env, v, t, false).is_ok() {
            return true;
        }
        if !vp {
            return false;
        }
    }

    // V is an interface and T implements it: a type assertion is needed.
    if matches!(env.ty(vu), Type::Interface { .. }) && !vp && implements_cause(env, t, v, false).is_ok() {
        return false;
    }

    // Bidirectional channel to channel with identical element types.
    if let (Type::Chan { dir: ChanDir::SendRecv, elem: ve }, Type::Chan { elem: te, .. }) =
        (env.ty(vu), env.ty(tu))
        && identical(env, *ve, *te)
    {
        return !has_name(env, v) || !has_name(env, t);
    }

    if !vp && !tp {
        return false;
    }

    // T is a type parameter: V must be assignable to each type in T's set.
    if !has_name(env, v) && tp {
        return match specific_types(env, t) {
            None => false,
            Some(list) => list.iter().all(|&(term, _)| assignable(env, v, term, depth + 1)),
        };
    }

    // V is a type parameter: each type in V's set must be assignable to T.
    if vp && !has_name(env, t) {
        return match specific_types(env, v) {
            None => false,
            Some(list) => list.iter().all(|&(term, _)| assignable(env, term, t, depth + 1)),
        };
    }
    false
}

/// Whether a non-constant *typed* value of type `v` converts to `t`
/// (go/types `operand.convertibleTo` for non-constant operands).
pub fn convertible_type(env: &mut Env, v: TypeId, t: TypeId) -> bool {
    convertible(env, v, t, 0)
}

fn convertible(env: &mut Env, v: TypeId, t: TypeId, depth: u32) -> bool {
    if assignable(env, v, t, depth) {
        return true;
    }
    if depth > MAX_TERM_DEPTH {
        return false;
    }
    let v = env.unalias(v);
    let t = env.unalias(t);
    let vu = env.underlying(v);
    let tu = env.underlying(t);
    let vp = is_type_param(env, v);
    let tp = is_type_param(env, t);

    // Identical underlying types, ignoring struct tags.
    if identical_ignore_tags(env, vu, tu) && !vp && !tp {
        return true;
    }

    // Unnamed pointer types with identical base types (ignoring tags).
    if let (Type::Pointer { elem: vb }, Type::Pointer { elem: tb }) = (env.ty(v), env.ty(t))
        && identical_ignore_tags(env, env.underlying(*vb), env.underlying(*tb))
        && !is_type_param(env, *vb)
        && !is_type_param(env, *tb)
    {
        return true;
    }

    if is_integer_or_float(env, vu) && is_integer_or_float(env, tu) {
        return true;
    }
    if is_complex(env, vu) && is_complex(env, tu) {
        return true;
    }
    if (is_integer(env, vu) || is_bytes_or_runes(env, vu)) && is_string(env, tu) {
        return true;
    }
    if is_string(env, vu) && is_bytes_or_runes(env, tu) {
        return true;
    }
    if (is_pointer(env, vu) || is_uintptr(env, vu)) && is_unsafe_pointer(env, tu) {
        return true;
    }
    if is_unsafe_pointer(env, vu) && (is_pointer(env, tu) || is_uintptr(env, tu)) {
        return true;
    }

    // Slice to array or array pointer with identical element types.
    if let Type::Slice { elem: se } = env.ty(vu) {
        match env.ty(tu) {
            Type::Array { elem, .. } if identical(env, *se, *elem) => return true,
            Type::Pointer { elem } => {
                if let Type::Array { elem, .. } = env.ty(env.underlying(*elem))
                    && identical(env, *se, *elem)
                {
                    return true;
                }
            }
            _ => {}
        }
    }

    match (vp, tp) {
        (false, false) => false,
        (true, true) => {
            let (Some(vs), Some(ts)) = (specific_types(env, v), specific_types(env, t)) else {
                return false;
            };
            vs.iter().all(|&(vt, _)| ts.iter().all(|&(tt, _)| convertible(env, vt, tt, depth + 1)))
        }
        (true, false) => match specific_types(env, v) {
            None => false,
            Some(vs) => vs.iter().all(|&(vt, _)| convertible(env, vt, t, depth + 1)),
        },
        (false, true) => match specific_types(env, t) {
            None => false,
            Some(ts) => ts.iter().all(|&(tt, _)| convertible(env, v, tt, depth + 1)),
        },
    }
}

#[cfg(test)]
mod tests;
