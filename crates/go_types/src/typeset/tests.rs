//! Type-set tests, and the shared fixture (`Fx`) the predicate and lookup
//! tests build types with. Expectations follow go/types 1.27 semantics.

use super::*;
use crate::types::{ChanDir, Type};

/// Builds types by hand in package `example.com/p` (and `example.com/q`).
pub(crate) struct Fx {
    pub env: Env,
    pub p: PkgId,
    pub q: PkgId,
}

impl Fx {
    pub fn new() -> Self {
        let mut env = Env::new();
        let p = env.new_package("example.com/p", "p");
        let q = env.new_package("example.com/q", "q");
        Fx { env, p, q }
    }
    pub fn b(&self, k: BasicKind) -> TypeId {
        self.env.typ(k)
    }
    pub fn int(&self) -> TypeId {
        self.b(BasicKind::Int)
    }
    pub fn string(&self) -> TypeId {
        self.b(BasicKind::String)
    }
    pub fn s(&self, t: TypeId) -> String {
        self.env.type_string(t)
    }
    /// A defined type `name` in package p.
    pub fn named(&mut self, name: &str, under: TypeId) -> TypeId {
        self.env.new_named(Some(self.p), name, Some(under)).1
    }
    pub fn sig(&mut self, params: &[TypeId], results: &[TypeId]) -> TypeId {
        let ps = params.iter().map(|&t| self.env.new_var(Some(self.p), "", t)).collect();
        let rs = results.iter().map(|&t| self.env.new_var(Some(self.p), "", t)).collect();
        self.env.new_signature(ps, rs, false)
    }
    /// Declares method `name` on defined type `named` (pointer receiver
    /// if `ptr`).
    pub fn method(
        &mut self,
        named: TypeId,
        name: &str,
        ptr: bool,
        params: &[TypeId],
        results: &[TypeId],
    ) -> ObjId {
        let rt = if ptr { self.env.new_pointer(named) } else { named };
        let recv = self.env.new_var(Some(self.p), "r", rt);
        let sig = self.sig(params, results);
        if let Type::Signature { recv: r, .. } = self.env.ty_mut(sig) {
            *r = Some(recv);
        }
        let m = self.env.new_func(Some(self.p), name, sig);
        if let Type::Named { methods, .. } = self.env.ty_mut(named) {
            methods.push(m);
        }
        m
    }
    /// An interface method (in package p).
    pub fn imethod(&mut self, name: &str, params: &[TypeId], results: &[TypeId]) -> ObjId {
        let sig = self.sig(params, results);
        self.env.new_func(Some(self.p), name, sig)
    }
    pub fn iface(&mut self, methods: Vec<ObjId>, embeddeds: Vec<TypeId>) -> TypeId {
        self.env.new_interface(methods, embeddeds)
    }
    pub fn union(&mut self, terms: &[(bool, TypeId)]) -> TypeId {
        let terms = terms.iter().map(|&(tilde, typ)| Term { tilde, typ }).collect();
        self.env.new_type(Type::Union { terms })
    }
    /// The implicit constraint interface around a union (`[T ~int|string]`).
    pub fn constraint(&mut self, terms: &[(bool, TypeId)]) -> TypeId {
        let u = self.union(terms);
        self.env.new_type(Type::Interface { methods: Vec::new(), embeddeds: vec![u], implicit: true })
    }
    pub fn tparam(&mut self, name: &str, bound: TypeId) -> TypeId {
        self.env.new_type_param(Some(self.p), name, 0, bound)
    }
    pub fn field(&mut self, name: &str, t: TypeId, embedded: bool) -> ObjId {
        self.env.new_field(Some(self.p), name, t, embedded)
    }
    pub fn strukt(&mut self, fields: &[(&str, TypeId, bool)]) -> TypeId {
        let fs = fields.iter().map(|&(n, t, e)| self.field(n, t, e)).collect();
        self.env.new_struct(fs, Vec::new())
    }
    pub fn slice(&mut self, t: TypeId) -> TypeId {
        self.env.new_slice(t)
    }
    pub fn ptr(&mut self, t: TypeId) -> TypeId {
        self.env.new_pointer(t)
    }
    pub fn chan(&mut self, dir: ChanDir, t: TypeId) -> TypeId {
        self.env.new_chan(dir, t)
    }
    pub fn names(&self, objs: &[ObjId]) -> Vec<String> {
        objs.iter().map(|&o| self.env.obj(o).name.clone()).collect()
    }
    /// The type set's terms as a string (go/types `termlist.String`).
    pub fn terms(&mut self, t: TypeId) -> String {
        let set = type_set(&mut self.env, t);
        match &set.terms {
            None => "𝓤".into(),
            Some(l) if l.is_empty() => "∅".into(),
            Some(l) => l
                .iter()
                .map(|t| format!("{}{}", if t.tilde { "~" } else { "" }, self.s(t.typ)))
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}

#[test]
fn universe_sets() {
    let mut f = Fx::new();
    let any = f.env.any;
    let set = type_set(&mut f.env, any);
    assert!(set.is_all() && !set.is_empty() && !set.has_terms());
    let cmp = f.env.comparable;
    let set = type_set(&mut f.env, cmp);
    assert!(set.comparable && set.terms.is_none() && set.methods.is_empty());
    assert!(!set.is_all() && !set.is_method_set());
    let err = f.env.error;
    let set = type_set(&mut f.env, err);
    assert_eq!(f.names(&set.methods), ["Error"]);
    assert!(set.is_method_set());
    // Cached under the underlying interface.
    let u = f.env.underlying(err);
    assert!(f.env.type_sets.contains_key(&u));
}

#[test]
fn methods_sorted_and_deduplicated() {
    let mut f = Fx::new();
    // type J interface{ A(); c() }
    let a1 = f.imethod("A", &[], &[]);
    let c = f.imethod("c", &[], &[]);
    let ji = f.iface(vec![a1, c], vec![]);
    let j = f.named("J", ji);
    // interface{ b(); A(); J } — A declared twice (identical): kept once.
    let b = f.imethod("b", &[], &[]);
    let a2 = f.imethod("A", &[], &[]);
    let i = f.iface(vec![b, a2], vec![j]);
    let set = type_set(&mut f.env, i);
    assert_eq!(f.names(&set.methods), ["A", "b", "c"]);
    // The explicit A wins over the embedded one.
    assert_eq!(set.methods[0], a2);
    assert_eq!(set.lookup_method(&f.env, Some(f.p), "c", false), Some((2, c)));
    // unexported c is not found from another package
    assert_eq!(set.lookup_method(&f.env, Some(f.q), "c", false), None);
    assert_eq!(set.lookup_method(&f.env, Some(f.q), "C", true), Some((2, c)));
    assert_eq!(set.lookup_method(&f.env, Some(f.p), "_", false), None);
    assert!(set.terms.is_none());
}

#[test]
fn union_terms_and_intersections() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let f64 = f.b(BasicKind::Float64);
    let my_int = f.named("MyInt", int);

    let c = f.constraint(&[(true, int), (false, string)]);
    assert_eq!(f.terms(c), "~int | string");
    // int | ~int normalizes to ~int; MyInt ⊆ ~int.
    let c = f.constraint(&[(false, int), (false, my_int), (true, int)]);
    assert_eq!(f.terms(c), "~int");
    // ~MyInt is ∅ (MyInt is not its underlying type).
    let c = f.constraint(&[(true, my_int)]);
    assert_eq!(f.terms(c), "∅");
    assert!(type_set(&mut f.env, c).is_empty());
    // interface{ ~int | ~string; ~int | float64 } = ~int
    let u1 = f.union(&[(true, int), (true, string)]);
    let u2 = f.union(&[(true, int), (false, f64)]);
    let i = f.iface(vec![], vec![u1, u2]);
    assert_eq!(f.terms(i), "~int");
    // interface{ ~int; MyInt } = MyInt
    let u1 = f.union(&[(true, int)]);
    let i = f.iface(vec![], vec![u1, my_int]);
    assert_eq!(f.terms(i), "example.com/p.MyInt");
    // interface{ int; string } = ∅
    let i = f.iface(vec![], vec![int, string]);
    assert_eq!(f.terms(i), "∅");
    // a union term that is an interface contributes its terms
    let inner = f.constraint(&[(false, int), (false, string)]);
    let c = f.constraint(&[(false, inner), (false, f64)]);
    assert_eq!(f.terms(c), "int | string | float64");
    // a union including any denotes all types
    let any = f.env.any;
    let c = f.constraint(&[(false, any), (false, int)]);
    assert_eq!(f.terms(c), "𝓤");
}

#[test]
fn comparable_embedding_keeps_strictly_comparable_terms() {
    let mut f = Fx::new();
    let int = f.int();
    let byte = f.env.byte;
    let bytes = f.slice(byte);
    let any = f.env.any;
    let cmp = f.env.comparable;
    // interface{ comparable; int | []byte } = int (comparable flag dropped)
    let u = f.union(&[(false, int), (false, bytes)]);
    let i = f.iface(vec![], vec![cmp, u]);
    let set = type_set(&mut f.env, i);
    assert!(!set.comparable);
    assert_eq!(f.terms(i), "int");
    // interface{ comparable; any }: the union `any` denotes all types, so
    // no terms are filtered and the set stays comparable
    let u = f.union(&[(false, any)]);
    let i = f.iface(vec![], vec![cmp, u]);
    let set = type_set(&mut f.env, i);
    assert!(set.comparable && set.terms.is_none());
    let m = f.imethod("M", &[], &[]);
    let mi = f.iface(vec![m], vec![]);
    let i = f.iface(vec![], vec![cmp, mi]);
    let set = type_set(&mut f.env, i);
    assert!(set.comparable);
    assert_eq!(f.names(&set.methods), ["M"]);
    assert!(set.is_comparable(&f.env));
}

#[test]
fn type_param_sets_and_caching() {
    let mut f = Fx::new();
    let int = f.int();
    let c = f.constraint(&[(true, int)]);
    let t = f.tparam("T", c);
    assert_eq!(f.terms(t), "~int");
    assert!(f.env.type_sets.contains_key(&c));
    // A bound that is not an interface acts like interface{bound}.
    let t2 = f.tparam("U", int);
    assert_eq!(f.terms(t2), "int");
    // A type parameter bound: all types.
    let t3 = f.tparam("V", t);
    assert!(type_set(&mut f.env, t3).is_all());
    // Invalid bound: all types.
    let inv = f.b(BasicKind::Invalid);
    let t4 = f.tparam("W", inv);
    assert!(type_set(&mut f.env, t4).is_all());
}

#[test]
fn unresolved_embedding_is_not_cached() {
    let mut f = Fx::new();
    let (_, j) = f.env.new_named(Some(f.p), "J", None);
    let i = f.iface(vec![], vec![j]);
    assert!(type_set(&mut f.env, i).is_all());
    assert!(!f.env.type_sets.contains_key(&i));
    // Resolve J = interface{ M() }: the set of i now has M.
    let m = f.imethod("M", &[], &[]);
    let ji = f.iface(vec![m], vec![]);
    if let Type::Named { underlying, .. } = f.env.ty_mut(j) {
        *underlying = Some(ji);
    }
    let set = type_set(&mut f.env, i);
    assert_eq!(f.names(&set.methods), ["M"]);
    assert!(f.env.type_sets.contains_key(&i));
}

#[test]
fn embedding_cycle_terminates() {
    let mut f = Fx::new();
    // type I interface{ M(); I }
    let (_, i) = f.env.new_named(Some(f.p), "I", None);
    let m = f.imethod("M", &[], &[]);
    let ii = f.iface(vec![m], vec![i]);
    if let Type::Named { underlying, .. } = f.env.ty_mut(i) {
        *underlying = Some(ii);
    }
    let set = type_set(&mut f.env, i);
    assert_eq!(f.names(&set.methods), ["M"]);
    assert!(set.terms.is_none());
}

#[test]
fn termlist_algebra() {
    let f = Fx::new();
    let env = &f.env;
    let int = f.int();
    let string = f.string();
    let t = |tilde, typ| Term { tilde, typ };
    let all: TermList = None;
    let empty: TermList = Some(vec![]);
    let ti = Some(vec![t(true, int)]);
    let i = Some(vec![t(false, int)]);
    let is = Some(vec![t(false, int), t(false, string)]);
    assert!(termlist_subset_of(env, &i, &ti));
    assert!(!termlist_subset_of(env, &ti, &i));
    assert!(termlist_subset_of(env, &empty, &i));
    assert!(termlist_subset_of(env, &ti, &all));
    assert!(!termlist_subset_of(env, &all, &ti));
    assert!(!termlist_subset_of(env, &i, &empty));
    assert_eq!(termlist_union(env, &i, &ti), ti);
    assert_eq!(termlist_union(env, &i, &all), None);
    assert_eq!(termlist_intersect(env, &is, &ti), i);
    assert_eq!(termlist_intersect(env, &all, &is), is);
    assert_eq!(termlist_intersect(env, &empty, &all), empty);
    assert!(termlist_equal(env, &Some(vec![t(false, string), t(false, int)]), &is));
    assert!(!termlist_equal(env, &is, &ti));
    assert!(termlist_includes(env, &ti, int));
    assert!(!termlist_includes(env, &ti, string));
    assert!(termlist_includes(env, &all, string));
    assert!(!termlist_includes(env, &empty, string));
}

#[test]
fn core_types() {
    let mut f = Fx::new();
    let int = f.int();
    let string = f.string();
    let si = f.slice(int);
    let my_slice = f.named("S", si);
    // non-type parameters: the underlying type
    assert_eq!(core_type(&mut f.env, my_slice), Some(si));
    // [T ~[]int | S] → []int
    let c = f.constraint(&[(true, si), (false, my_slice)]);
    let t = f.tparam("T", c);
    let ct = core_type(&mut f.env, t).map(|t| f.s(t));
    assert_eq!(ct.as_deref(), Some("[]int"));
    // [T int | string] → none
    let c = f.constraint(&[(false, int), (false, string)]);
    let t = f.tparam("T", c);
    assert_eq!(core_type(&mut f.env, t), None);
    assert_eq!(common_under(&mut f.env, t), Err(NoCommonUnder::Different(int, string)));
    // [T any] → no specific type
    let any = f.env.any;
    let t = f.tparam("T", any);
    assert_eq!(common_under(&mut f.env, t), Err(NoCommonUnder::NoSpecificType));
    // chan int | <-chan int → <-chan int
    let c1 = f.chan(ChanDir::SendRecv, int);
    let c2 = f.chan(ChanDir::RecvOnly, int);
    let c3 = f.chan(ChanDir::SendOnly, int);
    let cs = f.chan(ChanDir::SendRecv, string);
    let c = f.constraint(&[(false, c1), (false, c2)]);
    let t = f.tparam("T", c);
    assert_eq!(core_type(&mut f.env, t), Some(c2));
    let c = f.constraint(&[(false, c2), (false, c1)]);
    let t = f.tparam("T", c);
    assert_eq!(core_type(&mut f.env, t), Some(c2));
    let c = f.constraint(&[(false, c3), (false, c2)]);
    let t = f.tparam("T", c);
    assert_eq!(common_under(&mut f.env, t), Err(NoCommonUnder::ChanDirs(c3, c2)));
    let c = f.constraint(&[(false, c1), (false, cs)]);
    let t = f.tparam("T", c);
    assert_eq!(common_under(&mut f.env, t), Err(NoCommonUnder::ChanElems(c1, cs)));
}

#[test]
fn core_strings() {
    let mut f = Fx::new();
    let string = f.string();
    let byte = f.env.byte;
    let u8t = f.b(BasicKind::Uint8);
    let bytes = f.slice(byte);
    let u8s = f.slice(u8t);
    let my_string = f.named("Str", string);
    // [T string | []byte] → string
    let c = f.constraint(&[(false, string), (false, bytes)]);
    let t = f.tparam("T", c);
    assert_eq!(core_string(&mut f.env, t), Some(string));
    // [T ~[]byte | []uint8] → []byte (no string term)
    let c = f.constraint(&[(true, bytes), (false, u8s)]);
    let t = f.tparam("T", c);
    assert_eq!(core_string(&mut f.env, t), Some(bytes));
    // [T Str | ~string] → string; core_type too (identical underlying)
    let c = f.constraint(&[(false, my_string), (true, string)]);
    let t = f.tparam("T", c);
    assert_eq!(core_string(&mut f.env, t), Some(string));
    // [T string | []rune] → none
    let rune = f.env.rune;
    let runes = f.slice(rune);
    let c = f.constraint(&[(false, string), (false, runes)]);
    let t = f.tparam("T", c);
    assert_eq!(core_string(&mut f.env, t), None);
    assert_eq!(core_type(&mut f.env, t), None);
    // not a type parameter
    assert_eq!(core_string(&mut f.env, my_string), Some(string));
}
