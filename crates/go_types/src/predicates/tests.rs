//! Predicate tests; expectations follow go/types 1.27 (`Identical`,
//! `Comparable`, `AssignableTo`, `ConvertibleTo` on the same types).

use super::*;
use crate::types::{ObjKind, Object};
use crate::typeset::tests::Fx;

/// The basic type of kind `k` (basic types have the ids `0..26`).
fn bt(k: BasicKind) -> TypeId {
    TypeId(k as u64)
}

#[test]
fn identical_basic_and_composite() {
    let mut f = Fx::new();
    let int = f.int();
    let u8t = bt(BasicKind::Uint8);
    let byte = f.env.byte;
    assert!(identical(&f.env, byte, u8t));
    assert!(!identical(&f.env, int, u8t));
    let a3 = f.env.new_array(int, 3);
    let b3 = f.env.new_array(int, 3);
    let a4 = f.env.new_array(int, 4);
    let bad = f.env.new_array(int, -1);
    assert!(identical(&f.env, a3, b3));
    assert!(!identical(&f.env, a3, a4));
    assert!(identical(&f.env, a4, bad)); // unknown length after errors
    let m1 = f.env.new_map(f.string(), int);
    let m2 = f.env.new_map(f.string(), int);
    let m3 = f.env.new_map(int, int);
    assert!(identical(&f.env, m1, m2) && !identical(&f.env, m1, m3));
    let c1 = f.chan(ChanDir::SendRecv, int);
    let c2 = f.chan(ChanDir::SendRecv, int);
    let c3 = f.chan(ChanDir::RecvOnly, int);
    assert!(identical(&f.env, c1, c2) && !identical(&f.env, c1, c3));
    let s1 = f.slice(byte);
    let s2 = f.slice(u8t);
    assert!(identical(&f.env, s1, s2));
    // Named types by identity; aliases are transparent.
    let n1 = f.named("N", int);
    let n2 = f.named("N", int);
    assert!(!identical(&f.env, n1, n2));
    let ao = f.env.new_object(Object {
        name: "A".into(),
        kind: ObjKind::TypeName,
        pkg: Some(f.p),
        typ: None,
        pos: None,
        parent: None,
    });
    let alias = f.env.new_type(Type::Alias { obj: ao, tparams: vec![], targs: vec![], actual: n1 });
    assert!(identical(&f.env, alias, n1));
    assert!(identical_ignore_tags(&f.env, n1, alias));
}

#[test]
fn identical_structs() {
    let mut f = Fx::new();
    let int = f.int();
    let x1 = f.field("x", int, false);
    let x2 = f.field("x", int, false);
    let xq = f.env.new_field(Some(f.q), "x", int, false);
    let tagged = f.env.new_struct(vec![x1], vec!["json:\"x\"".into()]);
    let plain = f.env.new_struct(vec![x2], vec![]);
    let other_pkg = f.env.new_struct(vec![xq], vec![]);
    assert!(!identical(&f.env, tagged, plain));
    assert!(identical_ignore_tags(&f.env, tagged, plain));
    // non-exported field names from different packages differ
    assert!(!identical(&f.env, plain, other_pkg));
    let xe1 = f.field("X", int, false);
    let xe2 = f.env.new_field(Some(f.q), "X", int, false);
    let s1 = f.env.new_struct(vec![xe1], vec![]);
    let s2 = f.env.new_struct(vec![xe2], vec![]);
    assert!(identical(&f.env, s1, s2));
    // embedded vs. named field
    let n = f.named("X", int);
    let e = f.strukt(&[("X", n, true)]);
    let ne = f.strukt(&[("X", n, false)]);
    assert!(!identical(&f.env, e, ne));
}

#[test]
fn identical_signatures() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let a = f.env.new_var(Some(f.p), "a", int);
    let b = f.env.new_var(Some(f.p), "b", int);
    let s1 = f.env.new_signature(vec![a], vec![], false);
    let s2 = f.env.new_signature(vec![b], vec![], false);
    assert!(identical(&f.env, s1, s2)); // parameter names are ignored
    let si = f.slice(int);
    let v1 = f.env.new_var(Some(f.p), "", si);
    let v2 = f.env.new_var(Some(f.p), "", si);
    let variadic = f.env.new_signature(vec![v1], vec![], true);
    let sliced = f.env.new_signature(vec![v2], vec![], false);
    assert!(!identical(&f.env, variadic, sliced));
    let r = f.sig(&[int], &[string]);
    let r2 = f.sig(&[int], &[int]);
    assert!(!identical(&f.env, r, r2));

    // func[T any](T) T vs func[U any](U) U: identical; vs func[U comparable](U) U: not.
    let generic = |f: &mut Fx, name: &str, bound: TypeId| {
        let tp = f.tparam(name, bound);
        let sig = f.sig(&[tp], &[tp]);
        if let Type::Signature { tparams, .. } = f.env.ty_mut(sig) {
            tparams.push(tp);
        }
        sig
    };
    let any = f.env.any;
    let cmp = f.env.comparable;
    let g1 = generic(&mut f, "T", any);
    let g2 = generic(&mut f, "U", any);
    let g3 = generic(&mut f, "U", cmp);
    assert!(identical(&f.env, g1, g2));
    assert!(!identical(&f.env, g1, g3));
    let plain = f.sig(&[any], &[any]);
    assert!(!identical(&f.env, g1, plain));
}

#[test]
fn identical_interfaces_and_instances() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let m1 = f.imethod("M", &[], &[int]);
    let n1 = f.imethod("n", &[], &[]);
    let m2 = f.imethod("M", &[], &[int]);
    let n2 = f.imethod("n", &[], &[]);
    let i1 = f.iface(vec![n1, m1], vec![]);
    let i2 = f.iface(vec![m2, n2], vec![]);
    assert!(identical(&f.env, i1, i2));
    // same through embedding: interface{ M() int; interface{ n() } }
    let n3 = f.imethod("n", &[], &[]);
    let m3 = f.imethod("M", &[], &[int]);
    let inner = f.iface(vec![n3], vec![]);
    let i3 = f.iface(vec![m3], vec![inner]);
    assert!(identical(&f.env, i1, i3));
    // unexported n from another package differs
    let sig = f.sig(&[], &[]);
    let nq = f.env.new_func(Some(f.q), "n", sig);
    let m4 = f.imethod("M", &[], &[int]);
    let i4 = f.iface(vec![m4, nq], vec![]);
    assert!(!identical(&f.env, i1, i4));
    // type terms count: interface{ ~int | string } vs interface{ string | ~int }
    let c1 = f.constraint(&[(true, int), (false, string)]);
    let c2 = f.constraint(&[(false, string), (true, int)]);
    let c3 = f.constraint(&[(false, int), (false, string)]);
    assert!(identical(&f.env, c1, c2));
    assert!(!identical(&f.env, c1, c3));
    let cmp = f.env.comparable_iface;
    let empty = f.env.unalias(f.env.any);
    assert!(!identical(&f.env, cmp, empty));

    // type T interface{ m() interface{ T } } compared with a copy of its literal
    let (_, t) = f.env.new_named(Some(f.p), "T", None);
    let x = f.iface(vec![], vec![t]);
    let m = f.imethod("m", &[], &[x]);
    let tu = f.iface(vec![m], vec![]);
    if let Type::Named { underlying, .. } = f.env.ty_mut(t) {
        *underlying = Some(tu);
    }
    let x2 = f.iface(vec![], vec![t]);
    let m2 = f.imethod("m", &[], &[x2]);
    let tu2 = f.iface(vec![m2], vec![]);
    assert!(identical(&f.env, tu, tu2));
    assert!(identical(&f.env, x, x2));
    assert!(!identical(&f.env, t, tu2));

    // List[int] instances: identical iff same origin and identical targs
    let any = f.env.any;
    let (_, list) = f.env.new_named(Some(f.p), "List", None);
    let tp = f.tparam("E", any);
    if let Type::Named { tparams, .. } = f.env.ty_mut(list) {
        tparams.push(tp);
    }
    let inst = |f: &mut Fx, arg: TypeId| {
        let (obj, _) = f.env.new_named(Some(f.p), "List", None);
        f.env.new_type(Type::Named {
            obj,
            tparams: vec![],
            targs: vec![arg],
            orig: Some(list),
            underlying: None,
            methods: vec![],
        })
    };
    let si1 = f.slice(int);
    let si2 = f.slice(int);
    let l1 = inst(&mut f, si1);
    let l2 = inst(&mut f, si2);
    let l3 = inst(&mut f, string);
    assert!(identical(&f.env, l1, l2));
    assert!(!identical(&f.env, l1, l3));
    assert!(!identical(&f.env, l1, list));
}

#[test]
fn basic_predicates() {
    let mut f = Fx::new();
    let int = f.int();
    let my = f.named("MyInt", int);
    assert!(is_integer(&f.env, my) && is_numeric(&f.env, my) && !is_string(&f.env, my));
    assert!(is_unsigned(&f.env, bt(BasicKind::Uintptr)));
    assert!(is_const_type(&f.env, bt(BasicKind::UntypedRune)));
    assert!(!is_const_type(&f.env, bt(BasicKind::UnsafePointer)));
    assert!(is_untyped(&f.env, bt(BasicKind::UntypedNil)));
    assert!(is_typed(&f.env, my));
    assert!(is_untyped_numeric(&f.env, bt(BasicKind::UntypedFloat)));
    assert!(!is_untyped_numeric(&f.env, bt(BasicKind::UntypedString)));
    assert!(has_name(&f.env, int) && has_name(&f.env, my));
    let s = f.slice(int);
    assert!(!has_name(&f.env, s) && is_type_lit(&f.env, s) && is_type_lit(&f.env, int));
    assert!(!is_valid(&f.env, bt(BasicKind::Invalid)) && is_valid(&f.env, my));
    assert_eq!(default_type(&f.env, bt(BasicKind::UntypedRune)), f.env.rune);
    assert_eq!(default_type(&f.env, bt(BasicKind::UntypedFloat)), bt(BasicKind::Float64));
    assert_eq!(default_type(&f.env, my), my);
    let (ui, uf) = (bt(BasicKind::UntypedInt), bt(BasicKind::UntypedFloat));
    assert_eq!(max_type(&f.env, ui, uf), Some(uf));
    assert_eq!(max_type(&f.env, ui, int), None);

    // all_*: over type sets
    let string = f.string();
    let c = f.constraint(&[(true, int), (false, bt(BasicKind::Uint8))]);
    let t = f.tparam("T", c);
    assert!(all_integer(&mut f.env, t) && all_numeric(&mut f.env, t) && all_ordered(&mut f.env, t));
    assert!(!all_unsigned(&mut f.env, t));
    assert!(!is_integer(&f.env, t)); // is_* does not look into type parameters
    let c = f.constraint(&[(true, int), (false, string)]);
    let t = f.tparam("T", c);
    assert!(
        all_ordered(&mut f.env, t) && !all_numeric(&mut f.env, t) && all_numeric_or_string(&mut f.env, t)
    );
    let any = f.env.any;
    let t = f.tparam("T", any);
    assert!(!all_numeric(&mut f.env, t) && !all_boolean(&mut f.env, t));
    assert!(is_type_param(&f.env, t) && !is_interface(&f.env, t) && is_interface_or_type_param(&f.env, t));
    let pt = f.ptr(t);
    assert!(is_interface_ptr(&f.env, pt));
    assert!(is_interface(&f.env, f.env.error));
}

#[test]
fn comparability() {
    let mut f = Fx::new();
    let int = f.int();
    let si = f.slice(int);
    let any = f.env.any;
    assert!(comparable(&mut f.env, int, true));
    assert!(!comparable(&mut f.env, si, false));
    assert!(comparable(&mut f.env, bt(BasicKind::Invalid), true));
    assert!(!comparable(&mut f.env, bt(BasicKind::UntypedNil), false));
    let st = f.strukt(&[("a", int, false), ("b", si, false)]);
    assert_eq!(comparable_type(&f.env, st, true), Err(Incomparable::StructField(si)));
    let arr = f.env.new_array(st, 2);
    assert_eq!(comparable_type(&f.env, arr, true), Err(Incomparable::Array(arr)));
    // interfaces: spec-comparable, not strictly comparable
    assert!(comparable(&mut f.env, any, false));
    assert!(!comparable(&mut f.env, any, true));
    let sa = f.strukt(&[("x", any, false)]);
    assert!(comparable(&mut f.env, sa, false) && !comparable(&mut f.env, sa, true));
    // type parameters: by their type sets
    let t = f.tparam("T", any);
    assert_eq!(comparable_type(&f.env, t, true), Err(Incomparable::IncomparableTypes));
    let cmp = f.env.comparable;
    let t = f.tparam("T", cmp);
    assert!(comparable(&mut f.env, t, true));
    let c = f.constraint(&[(false, int), (true, si)]);
    let t = f.tparam("T", c);
    assert!(!comparable(&mut f.env, t, false));
    let string = f.string();
    let c = f.constraint(&[(false, int), (true, string)]);
    let t = f.tparam("T", c);
    assert!(comparable(&mut f.env, t, true));
    let c = f.iface(vec![], vec![int, string]);
    let t = f.tparam("T", c);
    assert_eq!(comparable_type(&f.env, t, false), Err(Incomparable::EmptyTypeSet));
    // recursive type: type L struct{ next *L; v int } is comparable
    let (_, l) = f.env.new_named(Some(f.p), "L", None);
    let pl = f.ptr(l);
    let lu = f.strukt(&[("next", pl, false), ("v", int, false)]);
    if let Type::Named { underlying, .. } = f.env.ty_mut(l) {
        *underlying = Some(lu);
    }
    assert!(comparable(&mut f.env, l, true));
}

#[test]
fn nil_ability() {
    let mut f = Fx::new();
    let int = f.int();
    let pi = f.ptr(int);
    let si = f.slice(int);
    let m = f.env.new_map(int, int);
    let sig = f.sig(&[], &[]);
    let named_sig = f.named("F", sig);
    assert!(has_nil(&mut f.env, pi) && has_nil(&mut f.env, si) && has_nil(&mut f.env, m));
    assert!(has_nil(&mut f.env, named_sig));
    assert!(has_nil(&mut f.env, bt(BasicKind::UnsafePointer)));
    assert!({
        let e = f.env.error;
        has_nil(&mut f.env, e)
    });
    assert!(!has_nil(&mut f.env, int));
    assert!(!has_nil(&mut f.env, bt(BasicKind::UntypedNil)));
    let st = f.strukt(&[]);
    assert!(!has_nil(&mut f.env, st));
    let c = f.constraint(&[(true, si), (false, m)]);
    let t = f.tparam("T", c);
    assert!(has_nil(&mut f.env, t));
    let c = f.constraint(&[(false, int), (false, pi)]);
    let t = f.tparam("T", c);
    assert!(!has_nil(&mut f.env, t));
    let any = f.env.any;
    let t = f.tparam("T", any);
    assert!(!has_nil(&mut f.env, t));
}

#[test]
fn assignability() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let si = f.slice(int);
    let ns = f.named("S", si);
    let ns2 = f.named("S2", si);
    assert!(assignable_type(&mut f.env, si, ns));
    assert!(assignable_type(&mut f.env, ns, si));
    assert!(!assignable_type(&mut f.env, ns, ns2));
    let my = f.named("MyInt", int);
    assert!(!assignable_type(&mut f.env, int, my)); // both named
    // interfaces
    let any = f.env.any;
    assert!(assignable_type(&mut f.env, ns, any));
    let err = f.env.error;
    assert!(!assignable_type(&mut f.env, int, err));
    let e = f.named("E", int);
    f.method(e, "Error", false, &[], &[string]);
    assert!(assignable_type(&mut f.env, e, err));
    let pe = f.ptr(e);
    assert!(assignable_type(&mut f.env, pe, err));
    let p = f.named("P", int);
    f.method(p, "Error", true, &[], &[string]);
    assert!(!assignable_type(&mut f.env, p, err));
    let pp = f.ptr(p);
    assert!(assignable_type(&mut f.env, pp, err));
    // interface to concrete: needs a type assertion
    assert!(!assignable_type(&mut f.env, err, e));
    // interface to interface
    let eu = f.env.underlying(err);
    assert!(assignable_type(&mut f.env, err, eu));
    assert!(assignable_type(&mut f.env, err, any));
    assert!(!assignable_type(&mut f.env, any, err));
    // channels
    let c = f.chan(ChanDir::SendRecv, int);
    let r = f.chan(ChanDir::RecvOnly, int);
    let nr = f.named("R", r);
    let nc = f.named("C", c);
    assert!(assignable_type(&mut f.env, c, r));
    assert!(assignable_type(&mut f.env, c, nr));
    assert!(!assignable_type(&mut f.env, nc, nr));
    assert!(!assignable_type(&mut f.env, r, c));
    // invalid types are assignable (no follow-on errors)
    assert!(assignable_type(&mut f.env, bt(BasicKind::Invalid), int));

    // type parameters
    let c1 = f.constraint(&[(true, si)]);
    let t = f.tparam("T", c1);
    assert!(assignable_type(&mut f.env, si, t));
    assert!(assignable_type(&mut f.env, t, si));
    assert!(!assignable_type(&mut f.env, ns, t)); // S is named
    assert!(!assignable_type(&mut f.env, t, ns));
    assert!(assignable_type(&mut f.env, t, any));
    let ss = f.slice(string);
    let c2 = f.constraint(&[(true, si), (true, ss)]);
    let t2 = f.tparam("U", c2);
    assert!(!assignable_type(&mut f.env, si, t2));
    assert!(!assignable_type(&mut f.env, t, t2));
    let t3 = f.tparam("V", any);
    assert!(!assignable_type(&mut f.env, si, t3));
    assert!(!assignable_type(&mut f.env, t3, si));
    // a type parameter satisfying error is assignable to error
    let t4 = f.tparam("W", err);
    assert!(assignable_type(&mut f.env, t4, err));
}

#[test]
fn convertibility() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let f64 = bt(BasicKind::Float64);
    let c64 = bt(BasicKind::Complex64);
    let uptr = bt(BasicKind::Uintptr);
    let up = bt(BasicKind::UnsafePointer);
    let byte = f.env.byte;
    let rune = f.env.rune;
    let bytes = f.slice(byte);
    let runes = f.slice(rune);
    let ints = f.slice(int);
    let my_byte = f.named("B", byte);
    let my_bytes = f.slice(my_byte);
    let conv = |f: &mut Fx, v, t| convertible_type(&mut f.env, v, t);
    assert!(conv(&mut f, int, f64) && conv(&mut f, f64, int));
    assert!(!conv(&mut f, f64, c64) && conv(&mut f, c64, bt(BasicKind::Complex128)));
    assert!(conv(&mut f, int, string) && !conv(&mut f, f64, string));
    assert!(conv(&mut f, bytes, string) && conv(&mut f, string, runes) && conv(&mut f, my_bytes, string));
    assert!(!conv(&mut f, ints, string) && !conv(&mut f, string, ints));
    assert!(!conv(&mut f, string, int));
    let pi = f.ptr(int);
    assert!(conv(&mut f, pi, up) && conv(&mut f, up, pi) && conv(&mut f, uptr, up) && conv(&mut f, up, uptr));
    assert!(!conv(&mut f, pi, uptr));
    // slices to arrays and array pointers
    let a4 = f.env.new_array(int, 4);
    let pa4 = f.ptr(a4);
    let na4 = f.named("A4", a4);
    let pna4 = f.ptr(na4);
    let ab = f.env.new_array(byte, 4);
    assert!(
        conv(&mut f, ints, a4)
            && conv(&mut f, ints, pa4)
            && conv(&mut f, ints, na4)
            && conv(&mut f, ints, pna4)
    );
    assert!(!conv(&mut f, ints, ab) && !conv(&mut f, a4, ints));
    // structs differing in tags; pointers to them
    let x1 = f.field("x", int, false);
    let x2 = f.field("x", int, false);
    let s1 = f.env.new_struct(vec![x1], vec!["a".into()]);
    let s2 = f.env.new_struct(vec![x2], vec!["b".into()]);
    let n1 = f.named("N1", s1);
    let n2 = f.named("N2", s2);
    assert!(!assignable_type(&mut f.env, n1, n2));
    assert!(conv(&mut f, n1, n2));
    let (p1, p2) = (f.ptr(n1), f.ptr(n2));
    assert!(conv(&mut f, p1, p2));
    let np1 = f.named("NP1", p1);
    let np2 = f.named("NP2", p2);
    assert!(!conv(&mut f, np1, np2)); // named pointers: underlying *N1 vs *N2 differ
    // type parameters
    let c = f.constraint(&[(true, int), (true, f64)]);
    let t = f.tparam("T", c);
    assert!(conv(&mut f, t, f64) && conv(&mut f, int, t) && !conv(&mut f, t, string));
    let c = f.constraint(&[(true, int), (false, byte)]);
    let u = f.tparam("U", c);
    assert!(conv(&mut f, u, string) && conv(&mut f, t, u) && conv(&mut f, u, t));
    let any = f.env.any;
    let v = f.tparam("V", any);
    assert!(!conv(&mut f, v, int) && !conv(&mut f, int, v));
    assert!(conv(&mut f, v, any));
}

#[test]
fn ids_and_packages() {
    let mut f = Fx::new();
    let int = f.int();
    let x = f.field("x", int, false);
    assert!(same_id(&f.env, x, Some(f.p), "x", false));
    assert!(!same_id(&f.env, x, Some(f.q), "x", false));
    assert!(same_id(&f.env, x, Some(f.q), "X", true));
    assert!(!same_id(&f.env, x, Some(f.p), "y", true));
    let other = f.env.new_package("example.com/p", "p");
    assert!(same_pkg(&f.env, Some(f.p), Some(other)));
    assert!(!same_pkg(&f.env, Some(f.p), None));
    assert!(same_pkg(&f.env, None, None));
}
