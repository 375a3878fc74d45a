//! `TypeString` conformance: each expected string was printed by go/types
//! (`types.TypeString(obj.Type(), nil)`, Go 1.27.3) for the declaration
//! quoted next to it, type-checked as package `example.com/p`.

use super::*;

struct Fx {
    env: Env,
    p: PkgId,
    io: PkgId,
}

impl Fx {
    fn new() -> Self {
        let mut env = Env::new();
        let p = env.new_package("example.com/p", "p");
        let io = env.new_package("io", "io");
        Fx { env, p, io }
    }
    fn b(&self, k: BasicKind) -> TypeId {
        self.env.typ(k)
    }
    fn var(&mut self, name: &str, t: TypeId) -> ObjId {
        self.env.new_var(Some(self.p), name, t)
    }
    fn sig(&mut self, params: &[(&str, TypeId)], results: &[(&str, TypeId)], variadic: bool) -> TypeId {
        let ps = params.iter().map(|&(n, t)| self.var(n, t)).collect();
        let rs = results.iter().map(|&(n, t)| self.var(n, t)).collect();
        self.env.new_signature(ps, rs, variadic)
    }
    fn s(&self, t: TypeId) -> String {
        self.env.type_string(t)
    }
}

#[test]
fn composite_types() {
    let mut f = Fx::new();
    let int = f.b(BasicKind::Int);
    let string = f.b(BasicKind::String);
    let t = f.env.new_slice(int);
    assert_eq!(f.s(t), "[]int"); // var v1 []int
    let ps = f.env.new_pointer(string);
    let t = f.env.new_array(ps, 4);
    assert_eq!(f.s(t), "[4]*string");
    let bs = f.env.new_slice(f.env.byte);
    let t = f.env.new_map(string, bs);
    assert_eq!(f.s(t), "map[string][]byte");
    let c = f.env.new_chan(ChanDir::SendRecv, int);
    assert_eq!(f.s(c), "chan int");
    let r = f.env.new_chan(ChanDir::RecvOnly, int);
    assert_eq!(f.s(r), "<-chan int");
    let s = f.env.new_chan(ChanDir::SendOnly, int);
    assert_eq!(f.s(s), "chan<- int");
    let t = f.env.new_chan(ChanDir::SendRecv, r);
    assert_eq!(f.s(t), "chan (<-chan int)");
    let t = f.env.new_chan(ChanDir::SendOnly, c);
    assert_eq!(f.s(t), "chan<- chan int");
    let t = f.env.new_chan(ChanDir::RecvOnly, r);
    assert_eq!(f.s(t), "<-chan <-chan int");
    let t = f.env.new_struct(Vec::new(), Vec::new());
    assert_eq!(f.s(t), "struct{}");

    // struct{a int; B string "json:\"b\""; io.Reader; *T}
    let (_, reader) = f.env.new_named(Some(f.io), "Reader", None);
    let (_, tt) = f.env.new_named(Some(f.p), "T", None);
    let pt = f.env.new_pointer(tt);
    let p = Some(f.p);
    let fields = vec![
        f.env.new_field(p, "a", int, false),
        f.env.new_field(p, "B", string, false),
        f.env.new_field(p, "Reader", reader, true),
        f.env.new_field(p, "T", pt, true),
    ];
    let t = f.env.new_struct(fields, vec![String::new(), "json:\"b\"".into()]);
    assert_eq!(f.s(t), r#"struct{a int; B string "json:\"b\""; io.Reader; *example.com/p.T}"#);

    // map[T]struct{x, y float64}
    let f64t = f.b(BasicKind::Float64);
    let fields = vec![f.env.new_field(p, "x", f64t, false), f.env.new_field(p, "y", f64t, false)];
    let st = f.env.new_struct(fields, Vec::new());
    let t = f.env.new_map(tt, st);
    assert_eq!(f.s(t), "map[example.com/p.T]struct{x float64; y float64}");

    let up = f.b(BasicKind::UnsafePointer);
    assert_eq!(f.s(up), "unsafe.Pointer");
    let t = f.env.new_pointer(up);
    assert_eq!(f.s(t), "*unsafe.Pointer");
    assert_eq!(f.s(f.b(BasicKind::UntypedFloat)), "untyped float");
    assert_eq!(f.s(f.b(BasicKind::Invalid)), "invalid type");
}

#[test]
fn signatures_and_interfaces() {
    let mut f = Fx::new();
    let int = f.b(BasicKind::Int);
    let string = f.b(BasicKind::String);
    let boolean = f.b(BasicKind::Bool);
    let t = f.sig(&[], &[], false);
    assert_eq!(f.s(t), "func()");
    let err = f.env.error;
    let t = f.sig(&[("", int), ("", string)], &[("", err)], false);
    assert_eq!(f.s(t), "func(int, string) error");
    let ss = f.env.new_slice(string);
    let t = f.sig(&[("a", int), ("b", ss)], &[("n", int), ("err", err)], true);
    assert_eq!(f.s(t), "func(a int, b ...string) (n int, err error)");
    let t = f.sig(&[("x", int)], &[("", int), ("", boolean)], false);
    assert_eq!(f.s(t), "func(x int) (int, bool)");
    let anys = f.env.new_slice(f.env.any);
    let t = f.sig(&[("", anys)], &[], true);
    assert_eq!(f.s(t), "func(...any)");
    // func(func(int) bool) func() (r []int)
    let pred = f.sig(&[("", int)], &[("", boolean)], false);
    let ints = f.env.new_slice(int);
    let res = f.sig(&[], &[("r", ints)], false);
    let t = f.sig(&[("", pred)], &[("", res)], false);
    assert_eq!(f.s(t), "func(func(int) bool) func() (r []int)");

    let t = f.env.new_interface(Vec::new(), Vec::new());
    assert_eq!(f.s(t), "interface{}");
    // interface{b(); A(x int) string}
    let bsig = f.sig(&[], &[], false);
    let asig = f.sig(&[("x", int)], &[("", string)], false);
    let p = Some(f.p);
    let bm = f.env.new_func(p, "b", bsig);
    let am = f.env.new_func(p, "A", asig);
    let t = f.env.new_interface(vec![bm, am], Vec::new());
    assert_eq!(f.s(t), "interface{A(x int) string; b()}");
    assert_eq!(f.s(f.env.any), "any");
    assert_eq!(f.s(f.env.error), "error");
}

#[test]
fn generics() {
    let mut f = Fx::new();
    let p = Some(f.p);
    let any = f.env.any;
    let cmp = f.env.comparable;
    // func g1[T any, U comparable](T) U
    let t = f.env.new_type_param(p, "T", 0, any);
    let u = f.env.new_type_param(p, "U", 1, cmp);
    let sig = f.sig(&[("", t)], &[("", u)], false);
    if let Type::Signature { tparams, .. } = f.env.ty_mut(sig) {
        *tparams = vec![t, u];
    }
    assert_eq!(f.s(sig), "func[T any, U comparable](T) U");
    // func g3[T, U any]() — both share one bound.
    let t = f.env.new_type_param(p, "T", 0, any);
    let u = f.env.new_type_param(p, "U", 1, any);
    let sig = f.sig(&[], &[], false);
    if let Type::Signature { tparams, .. } = f.env.ty_mut(sig) {
        *tparams = vec![t, u];
    }
    assert_eq!(f.s(sig), "func[T, U any]()");
    // func g4[S ~[]E, E interface{~int | ~string}](s S)
    let int = f.b(BasicKind::Int);
    let string = f.b(BasicKind::String);
    let union = f.env.new_type(Type::Union {
        terms: vec![Term { tilde: true, typ: int }, Term { tilde: true, typ: string }],
    });
    let ebound = f.env.new_interface(Vec::new(), vec![union]);
    let e = f.env.new_type_param(p, "E", 1, ebound);
    let se = f.env.new_slice(e);
    let su = f.env.new_type(Type::Union { terms: vec![Term { tilde: true, typ: se }] });
    let sbound = f.env.new_type(Type::Interface { methods: Vec::new(), embeddeds: vec![su], implicit: true });
    let s = f.env.new_type_param(p, "S", 0, sbound);
    let sig = f.sig(&[("s", s)], &[], false);
    if let Type::Signature { tparams, .. } = f.env.ty_mut(sig) {
        *tparams = vec![s, e];
    }
    assert_eq!(f.s(sig), "func[S ~[]E, E interface{~int | ~string}](s S)");
    // func g5[int any](x int)
    let tpint = f.env.new_type_param(p, "int", 0, any);
    let sig = f.sig(&[("x", tpint)], &[], false);
    if let Type::Signature { tparams, .. } = f.env.ty_mut(sig) {
        *tparams = vec![tpint];
    }
    assert_eq!(f.s(sig), "func[int/* type parameter */ any](x int/* type parameter */)");

    // type List[E any] struct{ next *List[E]; val E }; var v23 List[int]
    let (_, list) = f.env.new_named(p, "List", None);
    let e = f.env.new_type_param(p, "E", 0, any);
    let inst = f.env.new_type(Type::Named {
        obj: match f.env.ty(list) {
            Type::Named { obj, .. } => *obj,
            _ => unreachable!(),
        },
        tparams: Vec::new(),
        targs: vec![e],
        orig: Some(list),
        underlying: None,
        methods: Vec::new(),
    });
    let pinst = f.env.new_pointer(inst);
    let fields = vec![f.env.new_field(p, "next", pinst, false), f.env.new_field(p, "val", e, false)];
    let st = f.env.new_struct(fields, Vec::new());
    if let Type::Named { tparams, underlying, .. } = f.env.ty_mut(list) {
        *tparams = vec![e];
        *underlying = Some(st);
    }
    assert_eq!(f.s(list), "example.com/p.List[E any]");
    assert_eq!(f.s(f.env.underlying(list)), "struct{next *example.com/p.List[E]; val E}");
    let Type::Named { obj, .. } = f.env.ty(list).clone() else { unreachable!() };
    let int_inst = f.env.new_type(Type::Named {
        obj,
        tparams: Vec::new(),
        targs: vec![int],
        orig: Some(list),
        underlying: None,
        methods: Vec::new(),
    });
    assert_eq!(f.s(int_inst), "example.com/p.List[int]");
}

#[test]
fn universe_basic_types_come_first() {
    // `Env::underlying`'s fast path relies on this layout.
    let env = Env::new();
    for i in 0..28 {
        assert!(matches!(env.ty(TypeId(i)), Type::Basic { .. }), "{i}");
        assert_eq!(env.underlying(TypeId(i)), TypeId(i));
    }
    assert_eq!(env.byte, TypeId(26));
    assert_eq!(env.rune, TypeId(27));
    assert!(!matches!(env.ty(TypeId(28)), Type::Basic { .. }));
}
