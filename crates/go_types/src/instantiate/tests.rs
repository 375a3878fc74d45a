//! Substitution and instantiation. Expected strings were printed by
//! go/types (Go 1.27.3, `types.Instantiate` + `TypeString`) for the
//! declarations quoted next to the fixtures, in package `example.com/p`.

use super::*;
use crate::types::{ChanDir, PkgId};

struct Fx {
    env: Env,
    p: PkgId,
}

impl Fx {
    fn new() -> Self {
        let mut env = Env::new();
        let p = env.new_package("example.com/p", "p");
        Fx { env, p }
    }
    fn int(&self) -> TypeId {
        self.env.typ(BasicKind::Int)
    }
    fn string(&self) -> TypeId {
        self.env.typ(BasicKind::String)
    }
    fn s(&self, t: TypeId) -> String {
        self.env.type_string(t)
    }
    fn tp(&mut self, name: &str, index: u32) -> TypeId {
        let any = self.env.any;
        self.env.new_type_param(Some(self.p), name, index, any)
    }
    fn var(&mut self, name: &str, t: TypeId) -> ObjId {
        self.env.new_var(Some(self.p), name, t)
    }
    fn sig(&mut self, params: &[(&str, TypeId)], results: &[(&str, TypeId)]) -> TypeId {
        let ps = params.iter().map(|&(n, t)| self.var(n, t)).collect();
        let rs = results.iter().map(|&(n, t)| self.var(n, t)).collect();
        self.env.new_signature(ps, rs, false)
    }
    /// A generic named type with type parameters `tps` and no underlying
    /// type yet.
    fn generic(&mut self, name: &str, tps: &[TypeId]) -> TypeId {
        let (_, t) = self.env.new_named(Some(self.p), name, None);
        if let Type::Named { tparams, .. } = self.env.ty_mut(t) {
            *tparams = tps.to_vec();
        }
        t
    }
    fn set_underlying(&mut self, t: TypeId, u: TypeId) {
        if let Type::Named { underlying, .. } = self.env.ty_mut(t) {
            *underlying = Some(u);
        }
    }
    fn set_tparams(&mut self, sig: TypeId, tps: &[TypeId], rtps: &[TypeId]) {
        if let Type::Signature { tparams, recv_tparams, .. } = self.env.ty_mut(sig) {
            *tparams = tps.to_vec();
            *recv_tparams = rtps.to_vec();
        }
    }
    fn set_recv(&mut self, sig: TypeId, name: &str, t: TypeId) {
        let rv = self.var(name, t);
        if let Type::Signature { recv, .. } = self.env.ty_mut(sig) {
            *recv = Some(rv);
        }
    }
    fn add_method(&mut self, named: TypeId, m: ObjId) {
        if let Type::Named { methods, .. } = self.env.ty_mut(named) {
            methods.push(m);
        }
    }
    fn underlying(&self, t: TypeId) -> TypeId {
        match self.env.ty(t) {
            Type::Named { underlying: Some(u), .. } => *u,
            _ => panic!("no underlying type: {}", self.s(t)),
        }
    }
    fn sig_of(&self, f: ObjId) -> TypeId {
        self.env.obj(f).typ.expect("typed")
    }
    fn recv_type(&self, sig: TypeId) -> TypeId {
        match self.env.ty(sig) {
            Type::Signature { recv: Some(rv), .. } => self.env.obj(*rv).typ.expect("typed"),
            _ => panic!("no receiver"),
        }
    }

    /// `type List[T any] struct{ next *List[T]; val T }`
    fn list(&mut self) -> TypeId {
        let t = self.tp("T", 0);
        let list = self.generic("List", &[t]);
        let lt = instantiate(&mut self.env, list, &[t]);
        let plt = self.env.new_pointer(lt);
        let next = self.env.new_field(Some(self.p), "next", plt, false);
        let val = self.env.new_field(Some(self.p), "val", t, false);
        let st = self.env.new_struct(vec![next, val], Vec::new());
        self.set_underlying(list, st);
        expand_pending(&mut self.env);
        list
    }
}

#[test]
fn recursive_named_instance() {
    let mut f = Fx::new();
    let list = f.list();
    assert_eq!(f.s(list), "example.com/p.List[T any]");
    let int = f.int();
    let li = instantiate(&mut f.env, list, &[int]);
    assert_eq!(f.s(li), "example.com/p.List[int]");
    let u = f.underlying(li);
    assert_eq!(f.s(u), "struct{next *example.com/p.List[int]; val int}");
    // The `next` field points back at the very same instance.
    let Type::Struct { fields, .. } = f.env.ty(u).clone() else { panic!("struct") };
    let next = f.env.obj(fields[0]).typ.expect("typed");
    assert_eq!(f.env.ty(next), &Type::Pointer { elem: li });
    assert_eq!(instantiate(&mut f.env, list, &[int]), li);
    // The generic type's own underlying type is untouched.
    let gu = f.underlying(list);
    assert_eq!(f.s(gu), "struct{next *example.com/p.List[T]; val T}");
    assert!(f.env.pending_instances.is_empty());
}

#[test]
fn instances_deduplicated_by_identity() {
    let mut f = Fx::new();
    let list = f.list();
    let int = f.int();
    let s1 = f.env.new_slice(int);
    let s2 = f.env.new_slice(int);
    let a = instantiate(&mut f.env, list, &[s1]);
    let b = instantiate(&mut f.env, list, &[s2]);
    assert_eq!(a, b);
    assert_eq!(f.s(a), "example.com/p.List[[]int]");
    let string = f.string();
    let c = instantiate(&mut f.env, list, &[string]);
    assert_ne!(a, c);
    // Instances as arguments: List[List[int]] twice.
    let li = instantiate(&mut f.env, list, &[int]);
    let x = instantiate(&mut f.env, list, &[li]);
    let y = instantiate(&mut f.env, list, &[li]);
    assert_eq!(x, y);
    assert_eq!(f.s(x), "example.com/p.List[example.com/p.List[int]]");
}

#[test]
fn subst_rebuilds_only_what_changes() {
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let u = f.tp("U", 1);
    let int = f.int();
    let string = f.string();
    // func(s []T, f func(T) U) []U
    let st = f.env.new_slice(t);
    let fn_t = f.sig(&[("", t)], &[("", u)]);
    let su = f.env.new_slice(u);
    let sig = f.sig(&[("s", st), ("f", fn_t)], &[("", su)]);
    let m = SubstMap::new(&[t, u], &[int, string]);
    let r = subst(&mut f.env, sig, &m);
    assert_eq!(f.s(r), "func(s []int, f func(int) string) []string");
    assert_eq!(f.s(sig), "func(s []T, f func(T) U) []U");
    // Only U: the []T parameter object is shared.
    let m = SubstMap::new(&[u], &[string]);
    let r = subst(&mut f.env, sig, &m);
    assert_eq!(f.s(r), "func(s []T, f func(T) string) []string");
    let (Type::Signature { params: p0, .. }, Type::Signature { params: p1, .. }) =
        (f.env.ty(sig), f.env.ty(r))
    else {
        panic!("signatures")
    };
    assert_eq!(f.env.tuple_vars(*p0)[0], f.env.tuple_vars(*p1)[0]);
    assert_ne!(f.env.tuple_vars(*p0)[1], f.env.tuple_vars(*p1)[1]);
    // Nothing to substitute: the same type.
    let other = f.tp("V", 0);
    let m = SubstMap::new(&[other], &[int]);
    assert_eq!(subst(&mut f.env, sig, &m), sig);
    assert_eq!(subst(&mut f.env, sig, &SubstMap::default()), sig);
    // Composite types.
    let mt = f.env.new_map(t, u);
    let ch = f.env.new_chan(ChanDir::RecvOnly, mt);
    let arr = f.env.new_array(ch, 3);
    let m = SubstMap::new(&[t, u], &[string, int]);
    let r = subst(&mut f.env, arr, &m);
    assert_eq!(f.s(r), "[3]<-chan map[string]int");
    let term = Term { tilde: true, typ: t };
    let un = f.env.new_type(Type::Union { terms: vec![term, Term { tilde: false, typ: int }] });
    let r = subst(&mut f.env, un, &m);
    assert_eq!(f.s(r), "~string | int");
}

#[test]
fn generic_function_instance() {
    let mut f = Fx::new();
    // func Map[T, U any](s []T, f func(T) U) []U
    let t = f.tp("T", 0);
    let u = f.tp("U", 1);
    let st = f.env.new_slice(t);
    let fn_t = f.sig(&[("", t)], &[("", u)]);
    let su = f.env.new_slice(u);
    let sig = f.sig(&[("s", st), ("f", fn_t)], &[("", su)]);
    f.set_tparams(sig, &[t, u], &[]);
    assert_eq!(f.s(sig), "func[T, U any](s []T, f func(T) U) []U");
    let (int, string) = (f.int(), f.string());
    let inst = instantiate(&mut f.env, sig, &[int, string]);
    assert_eq!(f.s(inst), "func(s []int, f func(int) string) []string");
    assert_eq!(f.s(sig), "func[T, U any](s []T, f func(T) U) []U");
    assert_eq!(instantiate(&mut f.env, sig, &[int, string]), inst);
    // A signature not using its type parameters is copied, not modified.
    let g = f.sig(&[], &[]);
    let p = f.tp("P", 0);
    f.set_tparams(g, &[p], &[]);
    let gi = instantiate(&mut f.env, g, &[int]);
    assert_ne!(gi, g);
    assert_eq!(f.s(gi), "func()");
    assert_eq!(f.s(g), "func[P any]()");
    // Wrong argument count.
    assert_eq!(instantiate(&mut f.env, sig, &[int]), f.env.typ(BasicKind::Invalid));
    // Non-generic types are returned as they are.
    assert_eq!(instantiate(&mut f.env, int, &[int]), int);
}

/// `type Box[T any] struct{ v T }`
/// `func (b *Box[R]) Get() R`
/// `func (b Box[R]) Map[U any](f func(R) U) Box[U]`
fn box_type(f: &mut Fx) -> (TypeId, TypeId) {
    let t = f.tp("T", 0);
    let bx = f.generic("Box", &[t]);
    let v = f.env.new_field(Some(f.p), "v", t, false);
    let st = f.env.new_struct(vec![v], Vec::new());
    f.set_underlying(bx, st);
    // Get
    let r = f.tp("R", 0);
    let br = instantiate(&mut f.env, bx, &[r]);
    let pbr = f.env.new_pointer(br);
    let get = f.sig(&[], &[("", r)]);
    f.set_recv(get, "b", pbr);
    f.set_tparams(get, &[], &[r]);
    let get = f.env.new_func(Some(f.p), "Get", get);
    f.add_method(bx, get);
    // Map
    let r2 = f.tp("R", 0);
    let u = f.tp("U", 0);
    let br2 = instantiate(&mut f.env, bx, &[r2]);
    let bu = instantiate(&mut f.env, bx, &[u]);
    let fr = f.sig(&[("", r2)], &[("", u)]);
    let map = f.sig(&[("f", fr)], &[("", bu)]);
    f.set_recv(map, "b", br2);
    f.set_tparams(map, &[u], &[r2]);
    let map = f.env.new_func(Some(f.p), "Map", map);
    f.add_method(bx, map);
    (bx, u)
}

#[test]
fn instance_methods() {
    let mut f = Fx::new();
    let (bx, u) = box_type(&mut f);
    let int = f.int();
    let bi = instantiate(&mut f.env, bx, &[int]);
    assert_eq!(f.s(f.underlying(bi)), "struct{v int}");

    let get = instance_method(&mut f.env, bi, 0).expect("Get");
    assert_eq!(f.env.obj(get).name, "Get");
    assert_eq!(f.env.obj(get).pkg, Some(f.p));
    let gs = f.sig_of(get);
    assert_eq!(f.s(gs), "func() int");
    assert_eq!(f.s(f.recv_type(gs)), "*example.com/p.Box[int]");
    assert!(matches!(f.env.ty(gs), Type::Signature { recv_tparams, .. } if recv_tparams.is_empty()));
    assert_eq!(instance_method(&mut f.env, bi, 0), Some(get));

    let map = instance_method(&mut f.env, bi, 1).expect("Map");
    let ms = f.sig_of(map);
    assert_eq!(f.s(ms), "func[U any](f func(int) U) example.com/p.Box[U]");
    assert_eq!(f.s(f.recv_type(ms)), "example.com/p.Box[int]");
    // The method's own type parameter is fresh.
    let Type::Signature { tparams, .. } = f.env.ty(ms).clone() else { panic!("sig") };
    assert_eq!(tparams.len(), 1);
    assert_ne!(tparams[0], u);
    // The origin method is unchanged.
    let Type::Named { methods, .. } = f.env.ty(bx).clone() else { panic!("named") };
    assert_eq!(f.s(f.sig_of(methods[1])), "func[U any](f func(R) U) example.com/p.Box[U]");
    // Non-instances: the declared method; out of range: None.
    assert_eq!(instance_method(&mut f.env, bx, 1), Some(methods[1]));
    assert_eq!(instance_method(&mut f.env, bi, 2), None);
    assert_eq!(instance_method(&mut f.env, int, 0), None);
}

#[test]
fn generic_method_bound_mentions_receiver_type_parameter() {
    // type G[T any] struct{}
    // func (G[T]) M[P interface{ ~*T }](p P)
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let g = f.generic("G", &[t]);
    let st = f.env.new_struct(Vec::new(), Vec::new());
    f.set_underlying(g, st);
    let rt = f.tp("T", 0);
    let grt = instantiate(&mut f.env, g, &[rt]);
    let pt = f.env.new_pointer(rt);
    let un = f.env.new_type(Type::Union { terms: vec![Term { tilde: true, typ: pt }] });
    let bound = f.env.new_type(Type::Interface { methods: Vec::new(), embeddeds: vec![un], implicit: false });
    let p = f.env.new_type_param(Some(f.p), "P", 0, bound);
    let m = f.sig(&[("p", p)], &[]);
    f.set_recv(m, "", grt);
    f.set_tparams(m, &[p], &[rt]);
    let m = f.env.new_func(Some(f.p), "M", m);
    f.add_method(g, m);
    let int = f.int();
    let gi = instantiate(&mut f.env, g, &[int]);
    let mi = instance_method(&mut f.env, gi, 0).expect("M");
    assert_eq!(f.s(f.sig_of(mi)), "func[P interface{~*int}](p P)");
}

#[test]
fn pending_instances_expand_later() {
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let pair = f.generic("Pair", &[t]);
    let int = f.int();
    let pi = instantiate(&mut f.env, pair, &[int]);
    assert_eq!(f.env.pending_instances, vec![pi]);
    assert!(matches!(f.env.ty(pi), Type::Named { underlying: None, .. }));
    expand_pending(&mut f.env);
    assert_eq!(f.env.pending_instances, vec![pi]);
    // type Pair[T any] [2]T
    let arr = f.env.new_array(t, 2);
    f.set_underlying(pair, arr);
    expand_pending(&mut f.env);
    assert!(f.env.pending_instances.is_empty());
    assert_eq!(f.s(f.underlying(pi)), "[2]int");
}

#[test]
fn generic_alias_instance() {
    // type A[T any] = []T
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let st = f.env.new_slice(t);
    let obj = f.env.new_object(crate::types::Object {
        name: "A".into(),
        kind: crate::types::ObjKind::TypeName,
        pkg: Some(f.p),
        typ: None,
        pos: None,
        parent: None,
    });
    let a = f.env.new_type(Type::Alias { obj, tparams: vec![t], targs: Vec::new(), actual: st });
    f.env.obj_mut(obj).typ = Some(a);
    let int = f.int();
    let ai = instantiate(&mut f.env, a, &[int]);
    assert_eq!(f.s(ai), "example.com/p.A[int]");
    assert_eq!(f.s(f.env.unalias(ai)), "[]int");
    assert_eq!(instantiate(&mut f.env, a, &[int]), ai);
    // An alias instance inside a substituted type is re-instantiated.
    let u = f.tp("U", 0);
    let au = instantiate(&mut f.env, a, &[u]);
    let pau = f.env.new_pointer(au);
    let r = subst(&mut f.env, pau, &SubstMap::new(&[u], &[int]));
    assert_eq!(f.env.ty(r), &Type::Pointer { elem: ai });
    assert_eq!(instantiate(&mut f.env, a, &[]), f.env.typ(BasicKind::Invalid));
}

#[test]
fn named_interface_receivers() {
    // type I[T any] interface{ M() T }
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let i = f.generic("I", &[t]);
    let ms = f.sig(&[], &[("", t)]);
    f.set_recv(ms, "", i);
    let m = f.env.new_func(Some(f.p), "M", ms);
    let iface = f.env.new_interface(vec![m], Vec::new());
    f.set_underlying(i, iface);
    let int = f.int();
    let ii = instantiate(&mut f.env, i, &[int]);
    let u = f.underlying(ii);
    assert_eq!(f.s(u), "interface{M() int}");
    let Type::Interface { methods, .. } = f.env.ty(u).clone() else { panic!("iface") };
    assert_eq!(f.recv_type(f.sig_of(methods[0])), ii);
    // Unchanged signature, still a new interface with the instance receiver.
    let j = f.generic("J", &[t]);
    let ms = f.sig(&[], &[]);
    f.set_recv(ms, "", j);
    let m = f.env.new_func(Some(f.p), "N", ms);
    let iface = f.env.new_interface(vec![m], Vec::new());
    f.set_underlying(j, iface);
    let ji = instantiate(&mut f.env, j, &[int]);
    let u = f.underlying(ji);
    assert_ne!(u, iface);
    let Type::Interface { methods, .. } = f.env.ty(u).clone() else { panic!("iface") };
    assert_eq!(f.recv_type(f.sig_of(methods[0])), ji);
}

#[test]
fn growing_instantiation_cycle_terminates() {
    // type T[P any] struct{ f *T[[]P] } (invalid: instantiation cycle)
    let mut f = Fx::new();
    let p = f.tp("P", 0);
    let t = f.generic("T", &[p]);
    let sp = f.env.new_slice(p);
    let tsp = instantiate(&mut f.env, t, &[sp]);
    let ptr = f.env.new_pointer(tsp);
    let fld = f.env.new_field(Some(f.p), "f", ptr, false);
    let st = f.env.new_struct(vec![fld], Vec::new());
    f.set_underlying(t, st);
    let int = f.int();
    let ti = instantiate(&mut f.env, t, &[int]);
    assert_eq!(f.s(ti), "example.com/p.T[int]");
    assert_eq!(f.s(f.underlying(ti)), "struct{f *example.com/p.T[[]int]}");
    expand_pending(&mut f.env);
}

#[test]
fn struct_fields_and_tags_survive() {
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let int = f.int();
    let a = f.env.new_field(Some(f.p), "a", t, false);
    let b = f.env.new_field(Some(f.p), "b", int, false);
    let st = f.env.new_struct(vec![a, b], vec!["json:\"a\"".into(), String::new()]);
    let string = f.string();
    let r = subst(&mut f.env, st, &SubstMap::new(&[t], &[string]));
    assert_eq!(f.s(r), "struct{a string \"json:\\\"a\\\"\"; b int}");
    let Type::Struct { fields, .. } = f.env.ty(r).clone() else { panic!("struct") };
    assert_ne!(fields[0], a);
    assert_eq!(fields[1], b);
    assert_eq!(f.env.obj(fields[0]).name, "a");
}

#[test]
fn instance_arguments_compared_by_identity() {
    let mut f = Fx::new();
    let list = f.list();
    let int = f.int();
    // List[func(x int)] and List[func(y int)]: parameter names do not count.
    let s1 = f.sig(&[("x", int)], &[]);
    let s2 = f.sig(&[("y", int)], &[]);
    let a = instantiate(&mut f.env, list, &[s1]);
    assert_eq!(instantiate(&mut f.env, list, &[s2]), a);
    assert_eq!(f.s(a), "example.com/p.List[func(x int)]");
    let s3 = f.sig(&[("x", int)], &[("", int)]);
    assert_ne!(instantiate(&mut f.env, list, &[s3]), a);
    // Channel directions do; byte and uint8 are the same type but, as in
    // go/types' instance hashes, spelled apart: List[byte] and List[uint8]
    // are distinct (identical) instances.
    let c1 = f.env.new_chan(ChanDir::SendOnly, int);
    let c2 = f.env.new_chan(ChanDir::SendRecv, int);
    let a = instantiate(&mut f.env, list, &[c1]);
    assert_ne!(instantiate(&mut f.env, list, &[c2]), a);
    let byte = f.env.byte;
    let a = instantiate(&mut f.env, list, &[byte]);
    let u8t = f.env.typ(BasicKind::Uint8);
    let b = instantiate(&mut f.env, list, &[u8t]);
    assert_ne!(b, a);
    assert!(crate::predicates::identical(&f.env, a, b));
    assert_eq!(f.s(b), "example.com/p.List[uint8]");
}
