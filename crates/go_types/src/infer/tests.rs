//! Type inference. Expected type arguments are what go/types (Go 1.27.3,
//! `Info.Instances`) infers for the calls quoted next to each case, with
//! `type MySlice []int`, `type Impl struct{}; func (Impl) M() int` and
//! `type List[T any] struct{ next *List[T] }` in package `example.com/p`.

use super::*;
use crate::instantiate::instantiate;
use crate::types::PkgId;

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
    fn b(&self, k: BasicKind) -> TypeId {
        self.env.typ(k)
    }
    fn tp(&mut self, name: &str, index: u32) -> TypeId {
        let any = self.env.any;
        self.env.new_type_param(Some(self.p), name, index, any)
    }
    fn tp_bound(&mut self, name: &str, index: u32, bound: TypeId) -> TypeId {
        self.env.new_type_param(Some(self.p), name, index, bound)
    }
    fn set_bound(&mut self, tp: TypeId, b: TypeId) {
        set_type_param_bound(&mut self.env, tp, b);
    }
    /// `interface{ elems }` as a constraint (implicit if a single element).
    fn constraint(&mut self, methods: Vec<ObjId>, embeddeds: Vec<TypeId>) -> TypeId {
        let implicit = methods.is_empty() && embeddeds.len() == 1;
        let mut methods = methods;
        self.env.sort_objects(&mut methods);
        self.env.new_type(Type::Interface { methods, embeddeds, implicit })
    }
    fn tilde(&mut self, t: TypeId) -> TypeId {
        self.env.new_type(Type::Union { terms: vec![Term { tilde: true, typ: t }] })
    }
    fn var(&mut self, name: &str, t: TypeId) -> ObjId {
        self.env.new_var(Some(self.p), name, t)
    }
    fn sig(&mut self, params: &[TypeId], results: &[TypeId]) -> TypeId {
        let ps = params.iter().map(|&t| self.var("", t)).collect();
        let rs = results.iter().map(|&t| self.var("", t)).collect();
        self.env.new_signature(ps, rs, false)
    }
    fn named(&mut self, name: &str, u: TypeId) -> TypeId {
        self.env.new_named(Some(self.p), name, Some(u)).1
    }
    /// `type Impl struct{}; func (Impl) M() int`
    fn impl_type(&mut self) -> TypeId {
        let st = self.env.new_struct(Vec::new(), Vec::new());
        let imp = self.named("Impl", st);
        let int = self.b(BasicKind::Int);
        let ms = self.sig(&[], &[int]);
        let rv = self.var("", imp);
        if let Type::Signature { recv, .. } = self.env.ty_mut(ms) {
            *recv = Some(rv);
        }
        let m = self.env.new_func(Some(self.p), "M", ms);
        if let Type::Named { methods, .. } = self.env.ty_mut(imp) {
            methods.push(m);
        }
        imp
    }
    /// `interface{ M() t }`
    fn m_iface(&mut self, t: TypeId) -> TypeId {
        let ms = self.sig(&[], &[t]);
        let m = self.env.new_func(Some(self.p), "M", ms);
        self.env.new_interface(vec![m], Vec::new())
    }
    fn typed(t: TypeId) -> InferArg {
        InferArg { typ: t, untyped: false }
    }
    fn untyped(&self, k: BasicKind) -> InferArg {
        InferArg { typ: self.b(k), untyped: true }
    }
    fn infer(
        &mut self,
        tps: &[TypeId],
        targs: &[TypeId],
        params: &[TypeId],
        args: &[InferArg],
    ) -> Option<Vec<String>> {
        let r = infer(&mut self.env, tps, targs, params, args)?;
        Some(r.iter().map(|&t| self.env.type_string(t)).collect())
    }
}

fn strs(list: &[&str]) -> Option<Vec<String>> {
    Some(list.iter().map(|s| s.to_string()).collect())
}

#[test]
fn function_arguments() {
    // func Map[T, U any](s []T, f func(T) U) []U
    // Map([]int{}, func(int) string { return "" })
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let u = f.tp("U", 1);
    let st = f.env.new_slice(t);
    let ftu = f.sig(&[t], &[u]);
    let (int, string) = (f.b(BasicKind::Int), f.b(BasicKind::String));
    let si = f.env.new_slice(int);
    let fis = f.sig(&[int], &[string]);
    let got = f.infer(&[t, u], &[], &[st, ftu], &[Fx::typed(si), Fx::typed(fis)]);
    assert_eq!(got, strs(&["int", "string"]));
    // Map[int, string]: all given.
    assert_eq!(f.infer(&[t, u], &[int, string], &[], &[]), strs(&["int", "string"]));
    // Too many type arguments, or mismatched parameter/argument counts.
    assert_eq!(f.infer(&[t], &[int, string], &[], &[]), None);
    assert_eq!(f.infer(&[t, u], &[], &[st], &[]), None);
}

#[test]
fn untyped_constants() {
    // func Two[T any](a, b T)
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let ui = f.untyped(BasicKind::UntypedInt);
    let uf = f.untyped(BasicKind::UntypedFloat);
    let ur = f.untyped(BasicKind::UntypedRune);
    let uc = f.untyped(BasicKind::UntypedComplex);
    let us = f.untyped(BasicKind::UntypedString);
    let un = f.untyped(BasicKind::UntypedNil);
    assert_eq!(f.infer(&[t], &[], &[t, t], &[ui, uf]), strs(&["float64"])); // Two(1, 2.5)
    assert_eq!(f.infer(&[t], &[], &[t, t], &[ur, ui]), strs(&["rune"])); // Two('a', 1)
    assert_eq!(f.infer(&[t], &[], &[t, t], &[uc, ur]), strs(&["complex128"]));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[ui, ui]), strs(&["int"]));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[us, us]), strs(&["string"]));
    let i8 = Fx::typed(f.b(BasicKind::Int8));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[ui, i8]), strs(&["int8"])); // Two(1, i8)
    // Mismatched untyped kinds; untyped nil alone infers nothing.
    assert_eq!(f.infer(&[t], &[], &[t, t], &[us, ui]), None);
    assert_eq!(f.infer(&[t], &[], &[t], &[un]), None);
    let ub = f.untyped(BasicKind::UntypedBool);
    assert_eq!(f.infer(&[t], &[], &[t], &[ub]), strs(&["bool"]));
}

#[test]
fn defined_types_and_channels() {
    // func Two[T any](a, b T)
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let int = f.b(BasicKind::Int);
    let si = f.env.new_slice(int);
    let ms = f.named("MySlice", si);
    let si2 = f.env.new_slice(int);
    // Two([]int{}, ms) and Two(ms, []int{}): the defined type wins.
    let (a, b) = (Fx::typed(si2), Fx::typed(ms));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[a, b]), strs(&["example.com/p.MySlice"]));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[b, a]), strs(&["example.com/p.MySlice"]));
    // Two(c, rc) and Two(rc, c): the directed channel wins.
    let c = f.env.new_chan(ChanDir::SendRecv, int);
    let rc = f.env.new_chan(ChanDir::RecvOnly, int);
    let (a, b) = (Fx::typed(c), Fx::typed(rc));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[a, b]), strs(&["<-chan int"]));
    assert_eq!(f.infer(&[t], &[], &[t, t], &[b, a]), strs(&["<-chan int"]));
    // Inside a composite type, element types must match exactly:
    // func F[T any](a, b []T) with []MySlice and [][]int fails.
    let st = f.env.new_slice(t);
    let sms = f.env.new_slice(ms);
    let ssi = f.env.new_slice(si);
    assert_eq!(f.infer(&[t], &[], &[st, st], &[Fx::typed(sms), Fx::typed(ssi)]), None);
    // Conflicting types.
    let string = f.b(BasicKind::String);
    assert_eq!(f.infer(&[t], &[], &[t, t], &[Fx::typed(int), Fx::typed(string)]), None);
    // A defined type against a type literal parameter: func F[T any](s []T) with MySlice.
    assert_eq!(f.infer(&[t], &[], &[st], &[Fx::typed(ms)]), strs(&["int"]));
}

#[test]
fn constraint_core_types() {
    // func S[S ~[]E, E any](s S); S(ms)
    let mut f = Fx::new();
    let any = f.env.any;
    let s = f.tp_bound("S", 0, any);
    let e = f.tp("E", 1);
    let se = f.env.new_slice(e);
    let tl = f.tilde(se);
    let c = f.constraint(Vec::new(), vec![tl]);
    f.set_bound(s, c);
    let int = f.b(BasicKind::Int);
    let si = f.env.new_slice(int);
    let ms = f.named("MySlice", si);
    assert_eq!(f.infer(&[s, e], &[], &[s], &[Fx::typed(ms)]), strs(&["example.com/p.MySlice", "int"]));

    // func Ptr[T any, PT interface{ *T }](x T); Ptr(1.5)
    let t = f.tp("T", 0);
    let pt = f.tp("PT", 1);
    let ptr = f.env.new_pointer(t);
    let c = f.constraint(Vec::new(), vec![ptr]);
    f.set_bound(pt, c);
    let uf = f.untyped(BasicKind::UntypedFloat);
    assert_eq!(f.infer(&[t, pt], &[], &[t], &[uf]), strs(&["float64", "*float64"]));
}

#[test]
fn simplification_and_cycles() {
    // func Simp[A any, B interface{ []C }, C interface{ *A }](); Simp[int]()
    let mut f = Fx::new();
    let a = f.tp("A", 0);
    let b = f.tp("B", 1);
    let c = f.tp("C", 2);
    let sc = f.env.new_slice(c);
    let bb = f.constraint(Vec::new(), vec![sc]);
    f.set_bound(b, bb);
    let pa = f.env.new_pointer(a);
    let cb = f.constraint(Vec::new(), vec![pa]);
    f.set_bound(c, cb);
    let int = f.b(BasicKind::Int);
    assert_eq!(f.infer(&[a, b, c], &[int], &[], &[]), strs(&["int", "[]*int", "*int"]));
    // Without A nothing can be inferred.
    assert_eq!(f.infer(&[a, b, c], &[], &[], &[]), None);

    // func Cyc[A interface{ *A }](): A = *A is a cycle.
    let x = f.tp("A", 0);
    let px = f.env.new_pointer(x);
    let xb = f.constraint(Vec::new(), vec![px]);
    f.set_bound(x, xb);
    assert_eq!(f.infer(&[x], &[], &[], &[]), None);
}

#[test]
fn explicit_partial_type_arguments() {
    // func P[T, U any](x U) T; P[string](1)
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let u = f.tp("U", 1);
    let string = f.b(BasicKind::String);
    let ui = f.untyped(BasicKind::UntypedInt);
    assert_eq!(f.infer(&[t, u], &[string], &[u], &[ui]), strs(&["string", "int"]));
    // func Q[T any](x T); Q[int8](1): nothing left to infer.
    let i8 = f.b(BasicKind::Int8);
    assert_eq!(f.infer(&[t], &[i8], &[t], &[ui]), strs(&["int8"]));
}

#[test]
fn recursive_call_is_renamed() {
    // func R[T any](x T) { R(x) }
    let mut f = Fx::new();
    let t = f.tp("T", 0);
    let got = infer(&mut f.env, &[t], &[], &[t], &[Fx::typed(t)]);
    assert_eq!(got, Some(vec![t]));
    // func R2[T any](x []T) { R2([]T{}) }... with a *T argument: no match.
    let st = f.env.new_slice(t);
    let pt = f.env.new_pointer(t);
    assert_eq!(infer(&mut f.env, &[t], &[], &[st], &[Fx::typed(pt)]), None);
}

#[test]
fn generic_named_arguments() {
    // func L[T any](l List[T]); L(l) with l List[string]
    let mut f = Fx::new();
    let lt = f.tp("T", 0);
    let (_, list) = f.env.new_named(Some(f.p), "List", None);
    if let Type::Named { tparams, .. } = f.env.ty_mut(list) {
        *tparams = vec![lt];
    }
    let st = f.env.new_struct(Vec::new(), Vec::new());
    if let Type::Named { underlying, .. } = f.env.ty_mut(list) {
        *underlying = Some(st);
    }
    let t = f.tp("T", 0);
    let list_t = instantiate(&mut f.env, list, &[t]);
    let string = f.b(BasicKind::String);
    let list_s = instantiate(&mut f.env, list, &[string]);
    assert_eq!(f.infer(&[t], &[], &[list_t], &[Fx::typed(list_s)]), strs(&["string"]));
    // A different named type does not unify.
    let int = f.b(BasicKind::Int);
    let other = f.named("Other", int);
    assert_eq!(f.infer(&[t], &[], &[list_t], &[Fx::typed(other)]), None);
}

#[test]
fn interface_inference() {
    // func IF[T any](f interface{ M() T }); IF(Impl{})
    let mut f = Fx::new();
    let imp = f.impl_type();
    let t = f.tp("T", 0);
    let it = f.m_iface(t);
    assert_eq!(f.infer(&[t], &[], &[it], &[Fx::typed(imp)]), strs(&["int"]));
    // Two interfaces: the smaller method set must be a subset.
    let int = f.b(BasicKind::Int);
    let ii = f.m_iface(int);
    assert_eq!(f.infer(&[t], &[], &[it], &[Fx::typed(ii)]), strs(&["int"]));
    // A type without the method.
    let string = f.b(BasicKind::String);
    assert_eq!(f.infer(&[t], &[], &[it], &[Fx::typed(string)]), None);
}

#[test]
fn constraint_methods() {
    // func CM[T interface{ M() U }, U any](x T); CM(Impl{})
    let mut f = Fx::new();
    let imp = f.impl_type();
    let t = f.tp("T", 0);
    let u = f.tp("U", 1);
    let c = f.m_iface(u);
    f.set_bound(t, c);
    assert_eq!(f.infer(&[t, u], &[], &[t], &[Fx::typed(imp)]), strs(&["example.com/p.Impl", "int"]));
}
