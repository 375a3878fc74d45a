//! The universe scope (go/types `universe.go`): predeclared types
//! (including the `byte`/`rune` aliases, `error`, `any` and `comparable`),
//! constants `true`, `false`, `iota`, the `nil` object, the builtin
//! functions, and package `unsafe` with `Pointer` and its builtins.

use crate::constant::Value;
use crate::types::{BasicKind, Env, ObjKind, Object, Type};

/// Builtin functions (go/types `builtinId`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    // package unsafe
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
    SliceData,
    String,
    StringData,
}

/// How a builtin is called: its name, fixed argument count, whether
/// variadic, and whether it is an expression (vs. a statement-only call).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinInfo {
    pub name: &'static str,
    pub nargs: u32,
    pub variadic: bool,
    pub is_expr: bool,
    /// Declared in package unsafe.
    pub is_unsafe: bool,
}

impl Builtin {
    /// All builtins, universe ones first.
    pub const ALL: [Builtin; 26] = [
        Builtin::Append,
        Builtin::Cap,
        Builtin::Clear,
        Builtin::Close,
        Builtin::Complex,
        Builtin::Copy,
        Builtin::Delete,
        Builtin::Imag,
        Builtin::Len,
        Builtin::Make,
        Builtin::Max,
        Builtin::Min,
        Builtin::New,
        Builtin::Panic,
        Builtin::Print,
        Builtin::Println,
        Builtin::Real,
        Builtin::Recover,
        Builtin::Add,
        Builtin::Alignof,
        Builtin::Offsetof,
        Builtin::Sizeof,
        Builtin::Slice,
        Builtin::SliceData,
        Builtin::String,
        Builtin::StringData,
    ];

    /// go/types' `predeclaredFuncs` entry.
    pub fn info(self) -> BuiltinInfo {
        use Builtin::*;
        let (name, nargs, variadic, is_expr, is_unsafe) = match self {
            Append => ("append", 1, true, true, false),
            Cap => ("cap", 1, false, true, false),
            Clear => ("clear", 1, false, false, false),
            Close => ("close", 1, false, false, false),
            Complex => ("complex", 2, false, true, false),
            Copy => ("copy", 2, false, false, false),
            Delete => ("delete", 2, false, false, false),
            Imag => ("imag", 1, false, true, false),
            Len => ("len", 1, false, true, false),
            Make => ("make", 1, true, true, false),
            Max => ("max", 1, true, true, false),
            Min => ("min", 1, true, true, false),
            New => ("new", 1, false, true, false),
            Panic => ("panic", 1, false, false, false),
            Print => ("print", 0, true, false, false),
            Println => ("println", 0, true, false, false),
            Real => ("real", 1, false, true, false),
            Recover => ("recover", 0, false, true, false),
            Add => ("Add", 2, false, true, true),
            Alignof => ("Alignof", 1, false, true, true),
            Offsetof => ("Offsetof", 1, false, true, true),
            Sizeof => ("Sizeof", 1, false, true, true),
            Slice => ("Slice", 2, false, true, true),
            SliceData => ("SliceData", 1, false, true, true),
            String => ("String", 2, false, true, true),
            StringData => ("StringData", 1, false, true, true),
        };
        BuiltinInfo { name, nargs, variadic, is_expr, is_unsafe }
    }
}

fn predeclared(name: &str, kind: ObjKind, typ: crate::types::TypeId) -> Object {
    Object { name: name.into(), kind, pkg: None, typ: Some(typ), pos: None, parent: None }
}

/// Builds an [`Env`] holding the universe and package unsafe. Basic types
/// get the ids `0..26` in [`BasicKind`] order.
pub(crate) fn new_env() -> Env {
    use crate::types::TypeId;
    let mut env = Env::bare(crate::types::ShardTable::with_capacity(64), 0);
    for k in BasicKind::ALL {
        env.new_type(Type::Basic { kind: k, name: k.name() });
    }
    env.byte = env.new_type(Type::Basic { kind: BasicKind::Uint8, name: "byte" });
    env.rune = env.new_type(Type::Basic { kind: BasicKind::Int32, name: "rune" });
    let universe = env.new_scope(None);
    env.universe = universe;

    // Predeclared types (unsafe.Pointer and the untyped kinds excluded).
    let mut types: Vec<(&str, TypeId)> =
        BasicKind::ALL[1..=17].iter().map(|&k| (k.name(), env.typ(k))).collect();
    types.push(("byte", env.byte));
    types.push(("rune", env.rune));
    for (name, t) in types {
        let o = env.new_object(predeclared(name, ObjKind::TypeName, t));
        env.insert(universe, o);
    }

    // any = interface{}
    let empty = env.new_interface(Vec::new(), Vec::new());
    let any_obj = env.new_object(predeclared("any", ObjKind::TypeName, empty));
    let any =
        env.new_type(Type::Alias { obj: any_obj, tparams: Vec::new(), targs: Vec::new(), actual: empty });
    env.obj_mut(any_obj).typ = Some(any);
    env.insert(universe, any_obj);
    env.any = any;

    // type error interface{ Error() string }
    let (err_obj, err) = env.new_named(None, "error", None);
    let recv = env.new_var(None, "", err);
    let res = env.new_var(None, "", env.typ(BasicKind::String));
    let sig = env.new_signature(Vec::new(), vec![res], false);
    if let Type::Signature { recv: r, .. } = env.ty_mut(sig) {
        *r = Some(recv);
    }
    let m = env.new_func(None, "Error", sig);
    let iface = env.new_interface(vec![m], Vec::new());
    if let Type::Named { underlying, .. } = env.ty_mut(err) {
        *underlying = Some(iface);
    }
    env.insert(universe, err_obj);
    env.error = err;

    // type comparable interface{ comparable }
    let (cmp_obj, cmp) = env.new_named(None, "comparable", None);
    let cmp_iface =
        env.new_type(Type::Interface { methods: Vec::new(), embeddeds: Vec::new(), implicit: false });
    if let Type::Named { underlying, .. } = env.ty_mut(cmp) {
        *underlying = Some(cmp_iface);
    }
    env.insert(universe, cmp_obj);
    env.comparable = cmp;
    env.comparable_iface = cmp_iface;

    // Constants and nil.
    let ub = env.typ(BasicKind::UntypedBool);
    let ui = env.typ(BasicKind::UntypedInt);
    for (name, val, t) in
        [("true", Value::Bool(true), ub), ("false", Value::Bool(false), ub), ("iota", Value::from_i64(0), ui)]
    {
        let o = env.new_object(predeclared(name, ObjKind::Const { val: Box::new(val) }, t));
        env.insert(universe, o);
    }
    let nil = env.new_object(predeclared("nil", ObjKind::Nil, env.typ(BasicKind::UntypedNil)));
    env.insert(universe, nil);

    // Package unsafe.
    let unsafe_pkg = env.new_package("unsafe", "unsafe");
    env.unsafe_pkg = unsafe_pkg;
    let unsafe_scope = env.package(unsafe_pkg).scope;
    let ptr = env.new_object(Object {
        name: "Pointer".into(),
        kind: ObjKind::TypeName,
        pkg: Some(unsafe_pkg),
        typ: Some(env.typ(BasicKind::UnsafePointer)),
        pos: None,
        parent: None,
    });
    env.insert(unsafe_scope, ptr);

    let invalid = env.typ(BasicKind::Invalid);
    for b in Builtin::ALL {
        let info = b.info();
        let mut o = predeclared(info.name, ObjKind::Builtin(b), invalid);
        if info.is_unsafe {
            o.pkg = Some(unsafe_pkg);
            let id = env.new_object(o);
            env.insert(unsafe_scope, id);
        } else {
            let id = env.new_object(o);
            env.insert(universe, id);
        }
    }
    // The universe is shard 0, frozen; the environment continues in shard 1.
    env.freeze_and_continue(1);
    env
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::TypeId;

    /// `Env::basic_kind` answers for the universe's basic types without
    /// looking them up: its table must match what the universe made.
    #[test]
    fn basic_kind_fast_path_matches_the_universe() {
        let env = Env::new();
        for i in 0..28u64 {
            let t = TypeId(i);
            let Type::Basic { kind, .. } = env.ty(t) else { panic!("type {i} is not basic") };
            assert_eq!(env.basic_kind(t), Some(*kind), "type {i}");
        }
        assert!(!matches!(env.ty(TypeId(28)), Type::Basic { .. }), "a 29th basic type");
    }

    #[test]
    fn universe_contents() {
        let env = Env::new();
        let u = env.universe;
        let names = |s| {
            let mut v: Vec<String> = env.scope(s).names.keys().cloned().collect();
            v.sort();
            v.join(" ")
        };
        assert_eq!(
            names(u),
            "any append bool byte cap clear close comparable complex complex128 complex64 copy delete error \
             false float32 float64 imag int int16 int32 int64 int8 iota len make max min new nil panic print \
             println real recover rune string true uint uint16 uint32 uint64 uint8 uintptr"
        );
        assert_eq!(
            names(env.package(env.unsafe_pkg).scope),
            "Add Alignof Offsetof Pointer Sizeof Slice SliceData String StringData"
        );
        let obj = |n: &str| env.obj(env.lookup(u, n).unwrap());
        assert_eq!(obj("len").kind.as_str(), "builtin");
        assert_eq!(env.type_string(obj("len").typ.unwrap()), "invalid type");
        assert_eq!(obj("nil").kind.as_str(), "nil");
        assert_eq!(env.type_string(obj("nil").typ.unwrap()), "untyped nil");
        assert_eq!(obj("iota").kind, ObjKind::Const { val: Box::new(Value::from_i64(0)) });
        assert_eq!(env.type_string(obj("true").typ.unwrap()), "untyped bool");
        assert_eq!(env.type_string(obj("byte").typ.unwrap()), "byte");
        assert_eq!(env.basic_kind(obj("byte").typ.unwrap()), Some(BasicKind::Uint8));
        assert_eq!(env.type_string(env.any), "any");
        assert_eq!(env.type_string(env.unalias(env.any)), "interface{}");
        assert_eq!(env.type_string(env.error), "error");
        assert_eq!(env.type_string(env.underlying(env.error)), "interface{Error() string}");
        assert_eq!(env.type_string(env.comparable), "comparable");
        assert_eq!(env.type_string(env.underlying(env.comparable)), "interface{comparable}");
        let p = env.lookup(env.package(env.unsafe_pkg).scope, "Pointer").unwrap();
        assert_eq!(env.type_string(env.obj(p).typ.unwrap()), "unsafe.Pointer");
        for b in Builtin::ALL {
            let s = if b.info().is_unsafe { env.package(env.unsafe_pkg).scope } else { u };
            assert!(env.lookup(s, b.info().name).is_some(), "{b:?}");
        }
    }
}
