//! Lookup tests; expectations follow go/types 1.27
//! (`LookupFieldOrMethod`, `MissingMethod`, `Implements`/`Satisfies`).

use super::*;
use crate::types::{BasicKind, ChanDir};
use crate::typeset::tests::Fx;

fn names(f: &Fx, r: &Lookup) -> Option<String> {
    r.obj.map(|o| f.env.obj(o).name.clone())
}

/// `type A struct{ y int }` with `func (A) M()`, `type B struct{ z int }`
/// with `func (*B) N()`, `type S struct{ A; *B; x int }`.
fn fixture(f: &mut Fx) -> (TypeId, TypeId, TypeId) {
    let int = f.int();
    let au = f.strukt(&[("y", int, false)]);
    let a = f.named("A", au);
    f.method(a, "M", false, &[], &[]);
    let bu = f.strukt(&[("z", int, false)]);
    let b = f.named("B", bu);
    f.method(b, "N", true, &[], &[]);
    let pb = f.ptr(b);
    let su = f.strukt(&[("A", a, true), ("B", pb, true), ("x", int, false)]);
    let s = f.named("S", su);
    (a, b, s)
}

#[test]
fn fields_and_promotion() {
    let mut f = Fx::new();
    let (_, _, s) = fixture(&mut f);
    let p = Some(f.p);
    let r = lookup_field_or_method(&mut f.env, s, false, p, "x");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice(), r.indirect), (Some("x"), &[2][..], false));
    let r = lookup_field_or_method(&mut f.env, s, false, p, "y");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice(), r.indirect), (Some("y"), &[0, 0][..], false));
    let r = lookup_field_or_method(&mut f.env, s, false, p, "z");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice(), r.indirect), (Some("z"), &[1, 0][..], true));
    let r = lookup_field_or_method(&mut f.env, s, false, p, "A");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice()), (Some("A"), &[0][..]));
    // methods: promoted value method; pointer method through *B
    let r = lookup_field_or_method(&mut f.env, s, false, p, "M");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice(), r.indirect), (Some("M"), &[0, 0][..], false));
    let r = lookup_field_or_method(&mut f.env, s, false, p, "N");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice(), r.indirect), (Some("N"), &[1, 0][..], true));
    // through a pointer
    let ps = f.ptr(s);
    let r = lookup_field_or_method(&mut f.env, ps, false, p, "y");
    assert_eq!((names(&f, &r).as_deref(), r.indirect), (Some("y"), true));
    // not found; unexported from another package; blank
    assert_eq!(lookup_field_or_method(&mut f.env, s, true, p, "nope"), Lookup::default());
    let q = Some(f.q);
    assert_eq!(lookup_field_or_method(&mut f.env, s, true, q, "x"), Lookup::default());
    assert_eq!(lookup_field_or_method(&mut f.env, s, true, q, "M").index, vec![0, 0]);
    assert_eq!(lookup_field_or_method(&mut f.env, s, true, p, "_"), Lookup::default());
    // basic types have nothing
    let int = f.int();
    assert_eq!(lookup_field_or_method(&mut f.env, int, true, p, "x"), Lookup::default());
}

#[test]
fn pointer_receivers_and_addressability() {
    let mut f = Fx::new();
    let int = f.int();
    let a = f.named("A2", int);
    f.method(a, "P", true, &[], &[]);
    let p = Some(f.p);
    let r = lookup_field_or_method(&mut f.env, a, false, p, "P");
    assert_eq!(r, Lookup { obj: None, index: vec![], indirect: true });
    let r = lookup_field_or_method(&mut f.env, a, true, p, "P");
    assert_eq!((names(&f, &r).as_deref(), r.indirect), (Some("P"), false));
    let pa = f.ptr(a);
    let r = lookup_field_or_method(&mut f.env, pa, false, p, "P");
    assert_eq!((names(&f, &r).as_deref(), r.indirect), (Some("P"), true));
    // promoted through an embedded value field: addressability decides
    let su = f.strukt(&[("A2", a, true)]);
    let s = f.named("S2", su);
    let r = lookup_field_or_method(&mut f.env, s, false, p, "P");
    assert_eq!(r, Lookup { obj: None, index: vec![], indirect: true });
    let r = lookup_field_or_method(&mut f.env, s, true, p, "P");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice()), (Some("P"), &[0, 0][..]));
}

#[test]
fn depth_and_ambiguity() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let (a, _, _) = fixture(&mut f);
    let p = Some(f.p);
    // type C struct{ y int }; struct{ A; C }: y is ambiguous at depth 1
    let cu = f.strukt(&[("y", int, false)]);
    let c = f.named("C", cu);
    let t = f.strukt(&[("A", a, true), ("C", c, true)]);
    let r = lookup_field_or_method(&mut f.env, t, false, p, "y");
    assert_eq!(r.obj, None);
    assert_eq!(r.index, vec![1, 0]);
    // struct{ A; y string }: the shallower y wins
    let u = f.strukt(&[("A", a, true), ("y", string, false)]);
    let r = lookup_field_or_method(&mut f.env, u, false, p, "y");
    assert_eq!((r.index.as_slice(), f.env.obj(r.obj.unwrap()).typ), (&[1][..], Some(string)));
    // type D struct{ w int }; X1, X2 struct{ D }; struct{ X1; X2 }: D occurs
    // twice at depth 1, so w is ambiguous at depth 2
    let du = f.strukt(&[("w", int, false)]);
    let d = f.named("D", du);
    let x1u = f.strukt(&[("D", d, true)]);
    let x1 = f.named("X1", x1u);
    let x2u = f.strukt(&[("D", d, true)]);
    let x2 = f.named("X2", x2u);
    let v = f.strukt(&[("X1", x1, true), ("X2", x2, true)]);
    let r = lookup_field_or_method(&mut f.env, v, false, p, "w");
    assert_eq!(r.obj, None);
    assert!(!r.index.is_empty());
    // ... but D itself is ambiguous too, while X1.D is fine
    let r = lookup_field_or_method(&mut f.env, x1, false, p, "w");
    assert_eq!(r.index, vec![0, 0]);
    // a recursive type terminates: type L struct{ *L; v int }
    let (_, l) = f.env.new_named(Some(f.p), "L", None);
    let pl = f.ptr(l);
    let lu = f.strukt(&[("L", pl, true), ("v", int, false)]);
    if let Type::Named { underlying, .. } = f.env.ty_mut(l) {
        *underlying = Some(lu);
    }
    assert_eq!(lookup_field_or_method(&mut f.env, l, false, p, "nope"), Lookup::default());
    assert_eq!(lookup_field_or_method(&mut f.env, l, false, p, "v").index, vec![1]);
}

#[test]
fn named_pointer_types() {
    let mut f = Fx::new();
    let (_, _, s) = fixture(&mut f);
    let ps = f.ptr(s);
    let np = f.named("PS", ps);
    let p = Some(f.p);
    let r = lookup_field_or_method(&mut f.env, np, false, p, "x");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice(), r.indirect), (Some("x"), &[2][..], true));
    // no methods on a defined pointer type
    assert_eq!(lookup_field_or_method(&mut f.env, np, true, p, "M"), Lookup::default());
}

#[test]
fn interfaces_and_type_params() {
    let mut f = Fx::new();
    let int = f.int();
    let p = Some(f.p);
    let b = f.imethod("B", &[], &[]);
    let a = f.imethod("A", &[], &[]);
    let iu = f.iface(vec![b, a], vec![]);
    let i = f.named("I", iu);
    let r = lookup_field_or_method(&mut f.env, i, false, p, "B");
    assert_eq!((r.obj, r.index.as_slice(), r.indirect), (Some(b), &[1][..], false));
    let pi = f.ptr(i);
    assert_eq!(lookup_field_or_method(&mut f.env, pi, false, p, "B"), Lookup::default());
    // embedded interface in a struct
    let s = f.strukt(&[("I", i, true)]);
    let r = lookup_field_or_method(&mut f.env, s, false, p, "A");
    assert_eq!((r.obj, r.index.as_slice()), (Some(a), &[0, 0][..]));
    // type parameter: methods of its constraint; no core-type fields
    let t = f.tparam("T", i);
    let r = lookup_field_or_method(&mut f.env, t, false, p, "A");
    assert_eq!((r.obj, r.index.as_slice()), (Some(a), &[0][..]));
    let pt = f.ptr(t);
    assert_eq!(lookup_field_or_method(&mut f.env, pt, false, p, "A"), Lookup::default());
    let st = f.strukt(&[("f", int, false)]);
    let c = f.constraint(&[(true, st)]);
    let u = f.tparam("U", c);
    assert_eq!(lookup_field_or_method(&mut f.env, u, true, p, "f"), Lookup::default());
}

#[test]
fn instance_methods_come_from_the_origin() {
    let mut f = Fx::new();
    let any = f.env.any;
    let int = f.int();
    let (_, list) = f.env.new_named(Some(f.p), "List", None);
    let tp = f.tparam("E", any);
    let lu = f.strukt(&[("head", tp, false)]);
    if let Type::Named { tparams, underlying, .. } = f.env.ty_mut(list) {
        tparams.push(tp);
        *underlying = Some(lu);
    }
    f.method(list, "Len", false, &[], &[int]);
    let su = f.strukt(&[("head", int, false)]);
    let (obj, _) = f.env.new_named(Some(f.p), "List", None);
    let inst = f.env.new_type(Type::Named {
        obj,
        tparams: vec![],
        targs: vec![int],
        orig: Some(list),
        underlying: Some(su),
        methods: vec![],
    });
    let p = Some(f.p);
    let r = lookup_field_or_method(&mut f.env, inst, false, p, "Len");
    assert_eq!((names(&f, &r).as_deref(), r.index.as_slice()), (Some("Len"), &[0][..]));
    let r = lookup_field_or_method(&mut f.env, inst, false, p, "head");
    assert_eq!(r.obj.and_then(|o| f.env.obj(o).typ), Some(int));
}

/// `interface{ M(); n() }` in package p.
fn mn_iface(f: &mut Fx) -> TypeId {
    let m = f.imethod("M", &[], &[]);
    let n = f.imethod("n", &[], &[]);
    f.iface(vec![m, n], vec![])
}

#[test]
fn missing_methods() {
    let mut f = Fx::new();
    let int = f.int();
    let i = mn_iface(&mut f);
    let kind = |f: &mut Fx, v, static_| missing_method_detail(&mut f.env, v, i, static_).map(|m| m.kind);
    let name =
        |f: &mut Fx, v| missing_method(&mut f.env, v, i, true).map(|(m, w)| (f.env.obj(m).name.clone(), w));

    let x = f.named("X", int);
    f.method(x, "M", false, &[], &[]);
    f.method(x, "n", false, &[], &[]);
    assert_eq!(missing_method(&mut f.env, x, i, true), None);

    let y = f.named("Y", int);
    f.method(y, "M", false, &[], &[]);
    assert_eq!(name(&mut f, y), Some(("n".into(), false)));
    assert_eq!(kind(&mut f, y, true), Some(MissingKind::NotFound));

    let z = f.named("Z", int);
    f.method(z, "M", false, &[int], &[]);
    f.method(z, "n", false, &[], &[]);
    assert_eq!(name(&mut f, z), Some(("M".into(), true)));
    assert_eq!(kind(&mut f, z, true), Some(MissingKind::WrongSig));

    let w = f.named("W", int);
    f.method(w, "M", true, &[], &[]);
    f.method(w, "n", false, &[], &[]);
    assert_eq!(name(&mut f, w), Some(("M".into(), true)));
    assert_eq!(kind(&mut f, w, true), Some(MissingKind::PtrRecv));
    let pw = f.ptr(w);
    assert_eq!(missing_method(&mut f.env, pw, i, true), None);

    let fld = f.strukt(&[("M", int, false)]);
    assert_eq!(kind(&mut f, fld, true), Some(MissingKind::Field));

    let k = f.named("K", int);
    let km = f.method(k, "m", false, &[], &[]);
    let d = missing_method_detail(&mut f.env, k, i, true);
    let im = type_set(&mut f.env, i).methods[0];
    assert_eq!(d, Some(MissingMethod { method: im, kind: MissingKind::WrongName, have: Some(km) }));

    // interface{ n() } declared in package q: p's n does not count
    let sig = f.sig(&[], &[]);
    let nq = f.env.new_func(Some(f.q), "n", sig);
    let iq = f.iface(vec![nq], vec![]);
    let d = missing_method_detail(&mut f.env, x, iq, true);
    assert_eq!(d.map(|d| d.kind), Some(MissingKind::Unexported));

    // ambiguous: struct{ X; X2 } where both have M
    let x2 = f.named("X2", int);
    f.method(x2, "M", false, &[], &[]);
    let amb = f.strukt(&[("X", x, true), ("X2", x2, true)]);
    assert_eq!(kind(&mut f, amb, true), Some(MissingKind::AmbigSel));

    // an interface V: missing methods matter only when static
    let mv = f.imethod("M", &[], &[]);
    let v = f.iface(vec![mv], vec![]);
    assert_eq!(kind(&mut f, v, false), None);
    assert_eq!(kind(&mut f, v, true), Some(MissingKind::NotFound));
    let mv2 = f.imethod("M", &[int], &[]);
    let v2 = f.iface(vec![mv2], vec![]);
    assert_eq!(kind(&mut f, v2, false), Some(MissingKind::WrongSig));

    // type assertions
    let err = f.env.error;
    let string = f.string();
    let e = f.named("E", int);
    f.method(e, "Error", false, &[], &[string]);
    assert_eq!(assertable_to(&mut f.env, err, e), Ok(()));
    assert_eq!(assertable_to(&mut f.env, err, int).map_err(|m| m.kind), Err(MissingKind::NotFound));
    assert_eq!(assertable_to(&mut f.env, err, i), Ok(()));
}

#[test]
fn implements_and_satisfies() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let my = f.named("MyInt", int);
    let si = f.slice(int);
    let any = f.env.any;
    let cmp = f.env.comparable;
    let err = f.env.error;

    let tilde_int = f.constraint(&[(true, int)]);
    let just_int = f.constraint(&[(false, int)]);
    assert!(implements(&mut f.env, int, tilde_int));
    assert!(implements(&mut f.env, my, tilde_int));
    assert_eq!(
        implements_cause(&mut f.env, my, just_int, true),
        Err(NotImplemented::NotInTypeSet { alt: Some(int) })
    );
    assert_eq!(
        implements_cause(&mut f.env, string, just_int, true),
        Err(NotImplemented::NotInTypeSet { alt: None })
    );
    assert!(implements(&mut f.env, si, any));
    assert_eq!(implements_cause(&mut f.env, si, cmp, true), Err(NotImplemented::NotComparable));
    assert!(implements(&mut f.env, int, cmp));
    // interfaces satisfy comparable (Go 1.20+), but do not implement it
    assert!(implements(&mut f.env, any, cmp));
    assert_eq!(implements_cause(&mut f.env, any, cmp, false), Err(NotImplemented::NotComparable));
    // methods
    assert!(matches!(implements_cause(&mut f.env, int, err, false), Err(NotImplemented::Missing(_))));
    // not an interface
    assert_eq!(
        implements_cause(&mut f.env, int, my, false),
        Err(NotImplemented::NotAnInterface { ptr_to_iface: false })
    );
    let perr = f.ptr(err);
    assert_eq!(
        implements_cause(&mut f.env, int, perr, false),
        Err(NotImplemented::NotAnInterface { ptr_to_iface: true })
    );
    // empty type sets
    let empty = f.iface(vec![], vec![int, string]);
    assert_eq!(implements_cause(&mut f.env, int, empty, true), Err(NotImplemented::EmptyTypeSet));
    assert!(implements(&mut f.env, empty, just_int));
    // type parameters: subset of type sets
    let int_or_string = f.constraint(&[(true, int), (false, string)]);
    let t = f.tparam("T", tilde_int);
    assert!(implements(&mut f.env, t, int_or_string));
    assert!(implements(&mut f.env, t, cmp));
    let u = f.tparam("U", int_or_string);
    assert_eq!(implements_cause(&mut f.env, u, tilde_int, true), Err(NotImplemented::NotSubset));
    let v = f.tparam("V", any);
    assert_eq!(implements_cause(&mut f.env, v, cmp, true), Err(NotImplemented::NotComparable));
    assert!(implements(&mut f.env, v, any));
    // invalid types implement everything (no follow-on errors)
    let invalid = f.env.typ(BasicKind::Invalid);
    assert!(implements(&mut f.env, invalid, err));
    // channel types in a union constraint
    let c = f.chan(ChanDir::SendRecv, int);
    let chans = f.constraint(&[(true, c)]);
    let nc = f.named("Ch", c);
    assert!(implements(&mut f.env, nc, chans));
}
