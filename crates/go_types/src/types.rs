//! The type representation, mirroring go/types: every type, object, scope
//! and package lives in one arena ([`Env`]) and is referred to by a `u32`
//! id ([`TypeId`], [`ObjId`], [`ScopeId`], [`PkgId`]). Type identity of
//! named types is id identity, as pointer identity is in go/types.
//! [`Env::type_string`] prints go/types' `TypeString(t, nil)` exactly.

use std::collections::HashMap;

use crate::constant::Value;
use crate::universe::Builtin;

macro_rules! id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(
    /// A type in [`Env::types`].
    TypeId
);
id!(
    /// An object in [`Env::objects`].
    ObjId
);
id!(
    /// A scope in [`Env::scopes`].
    ScopeId
);
id!(
    /// A package in [`Env::packages`].
    PkgId
);

/// Kinds of basic types (go/types `BasicKind`, same order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum BasicKind {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    /// All kinds, in order (`ALL[k as usize] == k`).
    pub const ALL: [BasicKind; 26] = [
        BasicKind::Invalid,
        BasicKind::Bool,
        BasicKind::Int,
        BasicKind::Int8,
        BasicKind::Int16,
        BasicKind::Int32,
        BasicKind::Int64,
        BasicKind::Uint,
        BasicKind::Uint8,
        BasicKind::Uint16,
        BasicKind::Uint32,
        BasicKind::Uint64,
        BasicKind::Uintptr,
        BasicKind::Float32,
        BasicKind::Float64,
        BasicKind::Complex64,
        BasicKind::Complex128,
        BasicKind::String,
        BasicKind::UnsafePointer,
        BasicKind::UntypedBool,
        BasicKind::UntypedInt,
        BasicKind::UntypedRune,
        BasicKind::UntypedFloat,
        BasicKind::UntypedComplex,
        BasicKind::UntypedString,
        BasicKind::UntypedNil,
    ];

    /// The name go/types gives the basic type of this kind.
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    pub fn is_untyped(self) -> bool {
        self >= BasicKind::UntypedBool
    }
    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(self, Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
            || matches!(self, UntypedInt | UntypedRune)
    }
    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(self, BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat)
    }
    pub fn is_complex(self) -> bool {
        matches!(self, BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex)
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }
    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }
    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }
    /// Constant types: booleans, numbers and strings.
    pub fn is_const_type(self) -> bool {
        self.is_boolean() || self.is_numeric() || self.is_string()
    }
}

/// Channel direction (go/types `ChanDir`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    SendRecv,
    SendOnly,
    RecvOnly,
}

/// One term of a union (`~T` when `tilde`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub typ: TypeId,
}

/// A type (go/types `Type` implementations).
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// A predeclared type; `name` differs from the kind's name for the
    /// aliases `byte` and `rune`.
    Basic {
        kind: BasicKind,
        name: &'static str,
    },
    /// `[len]elem`; `len < 0` if unknown (after errors).
    Array {
        len: i64,
        elem: TypeId,
    },
    Slice {
        elem: TypeId,
    },
    /// Fields are `Var` objects (`field: true`); `tags[i]` is field i's tag.
    Struct {
        fields: Vec<ObjId>,
        tags: Vec<String>,
    },
    Pointer {
        elem: TypeId,
    },
    /// Parameter or result list: `Var` objects.
    Tuple {
        vars: Vec<ObjId>,
    },
    Signature {
        recv: Option<ObjId>,
        /// Type parameters of a generic function or method (`TypeParam`s).
        tparams: Vec<TypeId>,
        /// Receiver type parameters of a method of a generic type.
        recv_tparams: Vec<TypeId>,
        params: TypeId,
        results: TypeId,
        variadic: bool,
    },
    /// A union of terms (only as an interface element).
    Union {
        terms: Vec<Term>,
    },
    /// An interface: explicit methods (`Func` objects, sorted as go/types
    /// sorts them) and embedded elements. `implicit` for the interface
    /// wrapped around a constraint like `~int` in `[T ~int]`.
    Interface {
        methods: Vec<ObjId>,
        embeddeds: Vec<TypeId>,
        implicit: bool,
    },
    Map {
        key: TypeId,
        elem: TypeId,
    },
    Chan {
        dir: ChanDir,
        elem: TypeId,
    },
    /// A defined type. `orig` is the generic type an instance was created
    /// from (then `targs` are its type arguments).
    Named {
        obj: ObjId,
        tparams: Vec<TypeId>,
        targs: Vec<TypeId>,
        orig: Option<TypeId>,
        /// `None` until resolved.
        underlying: Option<TypeId>,
        methods: Vec<ObjId>,
    },
    /// An alias type (`type A = T`, materialized as go/types does with
    /// gotypesalias=1).
    Alias {
        obj: ObjId,
        tparams: Vec<TypeId>,
        targs: Vec<TypeId>,
        actual: TypeId,
    },
    /// A type parameter; `index` in its list; `bound` its constraint.
    TypeParam {
        obj: ObjId,
        index: u32,
        bound: TypeId,
    },
}

/// What kind of object (go/types `Object` implementations).
#[derive(Clone, Debug, PartialEq)]
pub enum ObjKind {
    /// An imported package name.
    PkgName {
        imported: PkgId,
    },
    Const {
        val: Value,
    },
    TypeName,
    /// A variable, parameter, result or struct field.
    Var {
        field: bool,
        embedded: bool,
    },
    /// A function or method.
    Func,
    Label,
    Builtin(Builtin),
    Nil,
}

impl ObjKind {
    /// The kind column of `debug types`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ObjKind::PkgName { .. } => "pkgname",
            ObjKind::Const { .. } => "const",
            ObjKind::TypeName => "type",
            ObjKind::Var { .. } => "var",
            ObjKind::Func => "func",
            ObjKind::Label => "label",
            ObjKind::Builtin(_) => "builtin",
            ObjKind::Nil => "nil",
        }
    }
}

/// A declared entity (go/types `Object`).
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    /// `None` for universe objects.
    pub pkg: Option<PkgId>,
    /// `None` while not yet type-checked.
    pub typ: Option<TypeId>,
    /// Declaring file index (in its package) and byte offset; `None` for
    /// predeclared objects.
    pub pos: Option<(u32, u32)>,
    pub parent: Option<ScopeId>,
}

impl Object {
    /// Whether the name is exported (starts with an upper-case letter).
    pub fn exported(&self) -> bool {
        is_exported(&self.name)
    }
}

/// go/ast `IsExported`.
pub fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// A scope (go/types `Scope`).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    pub names: HashMap<String, ObjId>,
}

/// A package (go/types `Package`).
#[derive(Clone, Debug)]
pub struct Package {
    pub path: String,
    pub name: String,
    pub scope: ScopeId,
    pub imports: Vec<PkgId>,
}

/// The arena of all types, objects, scopes and packages.
#[derive(Clone, Debug)]
pub struct Env {
    pub types: Vec<Type>,
    pub objects: Vec<Object>,
    pub scopes: Vec<Scope>,
    pub packages: Vec<Package>,
    /// The universe scope.
    pub universe: ScopeId,
    /// Package `unsafe`.
    pub unsafe_pkg: PkgId,
    /// The `byte` and `rune` alias basic types.
    pub byte: TypeId,
    pub rune: TypeId,
    /// The underlying interface of `comparable` and the `any` alias.
    pub comparable_iface: TypeId,
    pub any: TypeId,
    pub error: TypeId,
    pub comparable: TypeId,
    /// Type sets of interfaces computed so far (see [`crate::typeset`]).
    pub type_sets: HashMap<TypeId, std::rc::Rc<crate::typeset::TypeSet>>,
    /// Instances created so far, by generic type or function (see
    /// [`crate::instantiate`]): `(type arguments, instance)`.
    pub instances: HashMap<TypeId, Vec<(Vec<TypeId>, TypeId)>>,
    /// Instances of generic named types whose underlying type is not known
    /// yet (their origin is still being declared).
    pub pending_instances: Vec<TypeId>,
    /// Methods of named-type instances made so far: (instance, index into
    /// the origin's methods) -> the instantiated method.
    pub instance_methods: HashMap<(TypeId, u32), ObjId>,
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

impl Env {
    /// A new environment holding the universe and package `unsafe`.
    pub fn new() -> Self {
        crate::universe::new_env()
    }

    /// The basic type of a kind (go/types `Typ[kind]`).
    pub fn typ(&self, kind: BasicKind) -> TypeId {
        TypeId(kind as u32)
    }

    pub fn ty(&self, t: TypeId) -> &Type {
        &self.types[t.index()]
    }

    pub fn obj(&self, o: ObjId) -> &Object {
        &self.objects[o.index()]
    }

    pub fn obj_mut(&mut self, o: ObjId) -> &mut Object {
        &mut self.objects[o.index()]
    }

    pub fn scope(&self, s: ScopeId) -> &Scope {
        &self.scopes[s.index()]
    }

    pub fn package(&self, p: PkgId) -> &Package {
        &self.packages[p.index()]
    }

    /// Adds a type (no hash-consing: structural types are compared with
    /// identity checks, as in go/types).
    pub fn new_type(&mut self, t: Type) -> TypeId {
        let id = TypeId(self.types.len() as u32);
        self.types.push(t);
        id
    }

    pub fn new_object(&mut self, o: Object) -> ObjId {
        let id = ObjId(self.objects.len() as u32);
        self.objects.push(o);
        id
    }

    pub fn new_scope(&mut self, parent: Option<ScopeId>) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope { parent, ..Default::default() });
        if let Some(p) = parent {
            self.scopes[p.index()].children.push(id);
        }
        id
    }

    pub fn new_package(&mut self, path: &str, name: &str) -> PkgId {
        let scope = self.new_scope(Some(self.universe));
        let id = PkgId(self.packages.len() as u32);
        self.packages.push(Package { path: path.into(), name: name.into(), scope, imports: Vec::new() });
        id
    }

    /// Inserts `o` into scope `s` unless the name is taken (then returns
    /// the existing object, as go/types `Scope.Insert`). Blank names are
    /// never inserted.
    pub fn insert(&mut self, s: ScopeId, o: ObjId) -> Option<ObjId> {
        let name = self.objects[o.index()].name.clone();
        if name == "_" {
            return None;
        }
        if let Some(&alt) = self.scopes[s.index()].names.get(&name) {
            return Some(alt);
        }
        self.scopes[s.index()].names.insert(name, o);
        if self.objects[o.index()].parent.is_none() {
            self.objects[o.index()].parent = Some(s);
        }
        None
    }

    /// The object named `name` in scope `s` only.
    pub fn lookup(&self, s: ScopeId, name: &str) -> Option<ObjId> {
        self.scopes[s.index()].names.get(name).copied()
    }

    /// Looks `name` up in `s` and its parents (go/types `LookupParent`).
    pub fn lookup_parent(&self, mut s: ScopeId, name: &str) -> Option<(ScopeId, ObjId)> {
        loop {
            if let Some(o) = self.lookup(s, name) {
                return Some((s, o));
            }
            s = self.scopes[s.index()].parent?;
        }
    }

    // ---- constructors -------------------------------------------------

    pub fn new_pointer(&mut self, elem: TypeId) -> TypeId {
        self.new_type(Type::Pointer { elem })
    }
    pub fn new_slice(&mut self, elem: TypeId) -> TypeId {
        self.new_type(Type::Slice { elem })
    }
    pub fn new_array(&mut self, elem: TypeId, len: i64) -> TypeId {
        self.new_type(Type::Array { len, elem })
    }
    pub fn new_map(&mut self, key: TypeId, elem: TypeId) -> TypeId {
        self.new_type(Type::Map { key, elem })
    }
    pub fn new_chan(&mut self, dir: ChanDir, elem: TypeId) -> TypeId {
        self.new_type(Type::Chan { dir, elem })
    }
    /// A `Var` object (parameter, result or variable).
    pub fn new_var(&mut self, pkg: Option<PkgId>, name: &str, typ: TypeId) -> ObjId {
        self.new_object(Object {
            name: name.into(),
            kind: ObjKind::Var { field: false, embedded: false },
            pkg,
            typ: Some(typ),
            pos: None,
            parent: None,
        })
    }
    /// A struct field.
    pub fn new_field(&mut self, pkg: Option<PkgId>, name: &str, typ: TypeId, embedded: bool) -> ObjId {
        self.new_object(Object {
            name: name.into(),
            kind: ObjKind::Var { field: true, embedded },
            pkg,
            typ: Some(typ),
            pos: None,
            parent: None,
        })
    }
    pub fn new_tuple(&mut self, vars: Vec<ObjId>) -> TypeId {
        self.new_type(Type::Tuple { vars })
    }
    pub fn new_struct(&mut self, fields: Vec<ObjId>, mut tags: Vec<String>) -> TypeId {
        tags.resize(fields.len(), String::new());
        self.new_type(Type::Struct { fields, tags })
    }
    /// A signature from parameter and result vars.
    pub fn new_signature(&mut self, params: Vec<ObjId>, results: Vec<ObjId>, variadic: bool) -> TypeId {
        let params = self.new_tuple(params);
        let results = self.new_tuple(results);
        self.new_type(Type::Signature {
            recv: None,
            tparams: Vec::new(),
            recv_tparams: Vec::new(),
            params,
            results,
            variadic,
        })
    }
    /// A `Func` object.
    pub fn new_func(&mut self, pkg: Option<PkgId>, name: &str, sig: TypeId) -> ObjId {
        self.new_object(Object {
            name: name.into(),
            kind: ObjKind::Func,
            pkg,
            typ: Some(sig),
            pos: None,
            parent: None,
        })
    }
    /// An interface; its methods are sorted like go/types sorts them.
    pub fn new_interface(&mut self, mut methods: Vec<ObjId>, embeddeds: Vec<TypeId>) -> TypeId {
        self.sort_objects(&mut methods);
        self.new_type(Type::Interface { methods, embeddeds, implicit: false })
    }
    /// A `TypeName` object with a defined (`Named`) type whose underlying
    /// type is `underlying`; returns (object, named type).
    pub fn new_named(
        &mut self,
        pkg: Option<PkgId>,
        name: &str,
        underlying: Option<TypeId>,
    ) -> (ObjId, TypeId) {
        let obj = self.new_object(Object {
            name: name.into(),
            kind: ObjKind::TypeName,
            pkg,
            typ: None,
            pos: None,
            parent: None,
        });
        let t = self.new_type(Type::Named {
            obj,
            tparams: Vec::new(),
            targs: Vec::new(),
            orig: None,
            underlying,
            methods: Vec::new(),
        });
        self.objects[obj.index()].typ = Some(t);
        (obj, t)
    }
    /// A type parameter named `name` with constraint `bound`.
    pub fn new_type_param(&mut self, pkg: Option<PkgId>, name: &str, index: u32, bound: TypeId) -> TypeId {
        let obj = self.new_object(Object {
            name: name.into(),
            kind: ObjKind::TypeName,
            pkg,
            typ: None,
            pos: None,
            parent: None,
        });
        let t = self.new_type(Type::TypeParam { obj, index, bound });
        self.objects[obj.index()].typ = Some(t);
        t
    }

    /// Sorts objects as go/types' `object.less`: exported before
    /// non-exported, then by name, then by package path.
    pub fn sort_objects(&self, list: &mut [ObjId]) {
        list.sort_by(|&a, &b| {
            let (a, b) = (self.obj(a), self.obj(b));
            let key = |o: &Object| (!o.exported(), o.name.clone());
            key(a).cmp(&key(b)).then_with(|| {
                let path = |o: &Object| o.pkg.map(|p| self.package(p).path.clone()).unwrap_or_default();
                path(a).cmp(&path(b))
            })
        });
    }

    // ---- queries --------------------------------------------------------

    /// Follows aliases (go/types `Unalias`).
    pub fn unalias(&self, mut t: TypeId) -> TypeId {
        for _ in 0..100 {
            match self.ty(t) {
                Type::Alias { actual, .. } => t = *actual,
                _ => return t,
            }
        }
        t
    }

    /// The underlying type (go/types `Underlying`); a named type that is not
    /// resolved yet gives `Typ[Invalid]`.
    pub fn underlying(&self, t: TypeId) -> TypeId {
        let mut t = self.unalias(t);
        for _ in 0..100 {
            match self.ty(t) {
                Type::Named { underlying, .. } => match underlying {
                    Some(u) => t = self.unalias(*u),
                    None => return self.typ(BasicKind::Invalid),
                },
                Type::TypeParam { .. } => return t,
                _ => return t,
            }
        }
        self.typ(BasicKind::Invalid)
    }

    /// The basic kind of `t`'s underlying type, if basic.
    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.ty(self.underlying(t)) {
            Type::Basic { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// The variables of a tuple type (empty for other types).
    pub fn tuple_vars(&self, t: TypeId) -> &[ObjId] {
        match self.ty(t) {
            Type::Tuple { vars } => vars,
            _ => &[],
        }
    }

    /// go/types `TypeString(t, nil)`.
    pub fn type_string(&self, t: TypeId) -> String {
        let mut w = Writer { env: self, buf: String::new(), seen: Vec::new() };
        w.typ(t);
        w.buf
    }

    /// `TypeString` of a signature without the leading `func` (go/types
    /// `WriteSignature`).
    pub fn signature_string(&self, sig: TypeId) -> String {
        let mut w = Writer { env: self, buf: String::new(), seen: Vec::new() };
        w.signature(sig);
        w.buf
    }
}

/// go/types' `typeWriter` (without type hashing and qualifiers).
struct Writer<'a> {
    env: &'a Env,
    buf: String,
    seen: Vec<TypeId>,
}

impl Writer<'_> {
    /// Writes `b`; `,` and `;` are followed by a blank.
    fn byte(&mut self, b: char) {
        self.buf.push(b);
        if b == ',' || b == ';' {
            self.buf.push(' ');
        }
    }

    fn type_name(&mut self, obj: ObjId) {
        let o = self.env.obj(obj);
        if let Some(p) = o.pkg {
            let path = &self.env.package(p).path;
            if !path.is_empty() {
                self.buf.push_str(path);
                self.buf.push('.');
            }
        }
        self.buf.push_str(&o.name);
    }

    fn type_list(&mut self, list: &[TypeId]) {
        self.byte('[');
        for (i, &t) in list.iter().enumerate() {
            if i > 0 {
                self.byte(',');
            }
            self.typ(t);
        }
        self.byte(']');
    }

    fn tparam_list(&mut self, list: &[TypeId]) {
        self.byte('[');
        let mut prev: Option<TypeId> = None;
        for (i, &tp) in list.iter().enumerate() {
            let bound = match self.env.ty(tp) {
                Type::TypeParam { bound, .. } => *bound,
                _ => tp,
            };
            if i > 0 {
                if let Some(p) = prev
                    && p != bound
                {
                    self.byte(' ');
                    self.typ(p);
                }
                self.byte(',');
            }
            prev = Some(bound);
            self.typ(tp);
        }
        if let Some(p) = prev {
            self.byte(' ');
            self.typ(p);
        }
        self.byte(']');
    }

    fn tuple(&mut self, t: TypeId, variadic: bool) {
        self.byte('(');
        let vars = self.env.tuple_vars(t);
        for (i, &v) in vars.iter().enumerate() {
            if i > 0 {
                self.byte(',');
            }
            let o = self.env.obj(v);
            if !o.name.is_empty() {
                self.buf.push_str(&o.name);
                self.byte(' ');
            }
            let typ = o.typ.unwrap_or(TypeId(0));
            if variadic && i == vars.len() - 1 {
                if let Type::Slice { elem } = self.env.ty(typ) {
                    self.buf.push_str("...");
                    self.typ(*elem);
                } else {
                    self.typ(typ);
                    self.buf.push_str("...");
                }
            } else {
                self.typ(typ);
            }
        }
        self.byte(')');
    }

    fn signature(&mut self, sig: TypeId) {
        let Type::Signature { tparams, params, results, variadic, .. } = self.env.ty(sig) else {
            self.buf.push_str("<not a signature>");
            return;
        };
        if !tparams.is_empty() {
            self.tparam_list(tparams);
        }
        self.tuple(*params, *variadic);
        let res = self.env.tuple_vars(*results);
        if res.is_empty() {
            return;
        }
        self.byte(' ');
        if res.len() == 1 && self.env.obj(res[0]).name.is_empty() {
            self.typ(self.env.obj(res[0]).typ.unwrap_or(TypeId(0)));
            return;
        }
        self.tuple(*results, false);
    }

    fn typ(&mut self, t: TypeId) {
        if self.seen.contains(&t) {
            self.buf.push_str("<cycle>");
            return;
        }
        self.seen.push(t);
        self.typ_inner(t);
        self.seen.pop();
    }

    fn typ_inner(&mut self, t: TypeId) {
        let env = self.env;
        match env.ty(t) {
            Type::Basic { kind, name } => {
                if *kind == BasicKind::UnsafePointer {
                    self.buf.push_str("unsafe.");
                }
                self.buf.push_str(name);
            }
            Type::Array { len, elem } => {
                self.byte('[');
                self.buf.push_str(&len.to_string());
                self.byte(']');
                self.typ(*elem);
            }
            Type::Slice { elem } => {
                self.buf.push_str("[]");
                self.typ(*elem);
            }
            Type::Struct { fields, tags } => {
                self.buf.push_str("struct{");
                for (i, &f) in fields.iter().enumerate() {
                    if i > 0 {
                        self.byte(';');
                    }
                    let o = env.obj(f);
                    if !matches!(o.kind, ObjKind::Var { embedded: true, .. }) {
                        self.buf.push_str(&o.name);
                        self.byte(' ');
                    }
                    self.typ(o.typ.unwrap_or(TypeId(0)));
                    if let Some(tag) = tags.get(i).filter(|t| !t.is_empty()) {
                        self.byte(' ');
                        self.buf.push_str(&crate::constant::quote(tag.as_bytes()));
                    }
                }
                self.byte('}');
            }
            Type::Pointer { elem } => {
                self.byte('*');
                self.typ(*elem);
            }
            Type::Tuple { .. } => self.tuple(t, false),
            Type::Signature { .. } => {
                self.buf.push_str("func");
                self.signature(t);
            }
            Type::Union { terms } => {
                for (i, term) in terms.iter().enumerate() {
                    if i > 0 {
                        self.buf.push_str(" | ");
                    }
                    if term.tilde {
                        self.byte('~');
                    }
                    self.typ(term.typ);
                }
            }
            Type::Interface { methods, embeddeds, implicit } => {
                if t == env.comparable_iface {
                    self.buf.push_str("interface{comparable}");
                    return;
                }
                if *implicit {
                    if methods.is_empty() && embeddeds.len() == 1 {
                        self.typ(embeddeds[0]);
                        return;
                    }
                    self.buf.push_str("/* implicit */ ");
                }
                self.buf.push_str("interface{");
                let mut first = true;
                for &m in methods {
                    if !first {
                        self.byte(';');
                    }
                    first = false;
                    let o = env.obj(m);
                    self.buf.push_str(&o.name);
                    self.signature(o.typ.unwrap_or(TypeId(0)));
                }
                for &e in embeddeds {
                    if !first {
                        self.byte(';');
                    }
                    first = false;
                    self.typ(e);
                }
                self.byte('}');
            }
            Type::Map { key, elem } => {
                self.buf.push_str("map[");
                self.typ(*key);
                self.byte(']');
                self.typ(*elem);
            }
            Type::Chan { dir, elem } => {
                let parens = *dir == ChanDir::SendRecv
                    && matches!(env.ty(*elem), Type::Chan { dir: ChanDir::RecvOnly, .. });
                self.buf.push_str(match dir {
                    ChanDir::SendRecv => "chan ",
                    ChanDir::SendOnly => "chan<- ",
                    ChanDir::RecvOnly => "<-chan ",
                });
                if parens {
                    self.byte('(');
                }
                self.typ(*elem);
                if parens {
                    self.byte(')');
                }
            }
            Type::Named { obj, tparams, targs, .. } | Type::Alias { obj, tparams, targs, .. } => {
                self.type_name(*obj);
                if !targs.is_empty() {
                    self.type_list(targs);
                } else if !tparams.is_empty() {
                    self.tparam_list(tparams);
                }
            }
            Type::TypeParam { obj, .. } => {
                let name = &env.obj(*obj).name;
                self.buf.push_str(name);
                if env.lookup(env.universe, name).is_some() {
                    self.buf.push_str("/* type parameter */");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
