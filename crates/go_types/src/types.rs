//! The type representation, mirroring go/types: every type, object, scope
//! and package lives in an arena and is referred to by an id ([`TypeId`],
//! [`ObjId`], [`ScopeId`], [`PkgId`]). Type identity of named types is id
//! identity, as pointer identity is in go/types. [`Env::type_string`]
//! prints go/types' `TypeString(t, nil)` exactly.
//!
//! The arena is sharded by package: an id is (shard, index). Shard 0 holds
//! the universe; every checked package gets its own shard, which is frozen
//! (shared read-only through an [`Arc`]) once the package is done. An
//! [`Env`] writes only to its own shard, so packages whose imports are
//! done can be checked on several threads at once, each with its own
//! `Env` over the same [`ShardTable`].

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, OnceLock};

use crate::constant::Value;
use crate::universe::Builtin;

macro_rules! id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);
        impl $name {
            /// The id of entry `index` of shard `shard`.
            pub const fn new(shard: u32, index: u32) -> Self {
                $name(((shard as u64) << 32) | index as u64)
            }
            /// The shard (0: the universe; else a package's).
            pub fn shard(self) -> usize {
                (self.0 >> 32) as usize
            }
            /// The index within the shard.
            pub fn local(self) -> usize {
                (self.0 & 0xffff_ffff) as usize
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
    /// The value is boxed: constants are few, and it keeps every
    /// `Object` small.
    Const {
        val: Box<Value>,
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
    match name.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => name.chars().next().is_some_and(char::is_uppercase),
    }
}

/// A scope (go/types `Scope`).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    /// The most recently made child scope (children are linked through
    /// `next_sibling`, newest first; see [`Env::children`]).
    pub first_child: Option<ScopeId>,
    pub next_sibling: Option<ScopeId>,
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

/// Ids below this are the universe's basic types (the 26 kinds, `byte` and
/// `rune`, made first in shard 0), each its own underlying type.
const UNIVERSE_BASICS: u64 = 28;

/// One shard of the arena: what one package (or the universe) created.
#[derive(Clone, Debug, Default)]
pub struct Shard {
    pub types: Vec<Type>,
    pub objects: Vec<Object>,
    pub scopes: Vec<Scope>,
    pub packages: Vec<Package>,
}

/// Frozen shards by number, shared by every [`Env`] of one program.
#[derive(Debug, Default)]
pub struct ShardTable {
    slots: Vec<OnceLock<Arc<Shard>>>,
}

impl ShardTable {
    /// A table with room for `n` shards.
    pub fn with_capacity(n: usize) -> Arc<ShardTable> {
        Arc::new(ShardTable { slots: (0..n.max(1)).map(|_| OnceLock::new()).collect() })
    }
    pub fn len(&self) -> usize {
        self.slots.len()
    }
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
    /// Shard `i`, once frozen.
    pub fn get(&self, i: usize) -> Option<&Arc<Shard>> {
        self.slots.get(i)?.get()
    }
    /// Freezes shard `i` (a second freeze of the same number is ignored).
    pub fn set(&self, i: usize, shard: Arc<Shard>) {
        if let Some(slot) = self.slots.get(i) {
            let _ = slot.set(shard);
        }
    }
}

/// The arena as one package's checker sees it: frozen shards (the universe
/// and finished packages) plus its own, writable shard. Writes to frozen
/// entries (which well-formed checking never does) go to a scratch slot and
/// are dropped.
#[derive(Debug)]
pub struct Env {
    table: Arc<ShardTable>,
    own_id: u32,
    own: Shard,
    scratch_type: Type,
    scratch_obj: Object,
    scratch_scope: Scope,
    scratch_pkg: Package,
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
    pub type_sets: HashMap<TypeId, std::sync::Arc<crate::typeset::TypeSet>>,
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

/// The placeholder object written to when a frozen object is "mutated".
fn scratch_object() -> Object {
    Object { name: String::new(), kind: ObjKind::Nil, pkg: None, typ: None, pos: None, parent: None }
}

fn scratch_package() -> Package {
    Package { path: String::new(), name: String::new(), scope: ScopeId(0), imports: Vec::new() }
}

impl Env {
    /// A new environment holding the universe and package `unsafe` (frozen
    /// as shard 0) and an empty shard 1 of its own.
    pub fn new() -> Self {
        crate::universe::new_env()
    }

    /// An empty environment writing to shard `own_id` of `table` (used to
    /// build the universe).
    pub(crate) fn bare(table: Arc<ShardTable>, own_id: u32) -> Self {
        Env {
            table,
            own_id,
            own: Shard::default(),
            scratch_type: Type::Basic { kind: BasicKind::Invalid, name: "invalid type" },
            scratch_obj: scratch_object(),
            scratch_scope: Scope::default(),
            scratch_pkg: scratch_package(),
            universe: ScopeId(0),
            unsafe_pkg: PkgId(0),
            byte: TypeId(0),
            rune: TypeId(0),
            comparable_iface: TypeId(0),
            any: TypeId(0),
            error: TypeId(0),
            comparable: TypeId(0),
            type_sets: HashMap::default(),
            instances: HashMap::default(),
            pending_instances: Vec::new(),
            instance_methods: HashMap::default(),
        }
    }

    /// A sibling environment over the same frozen shards, writing to shard
    /// `own_id` (which must not be frozen yet): how a package is checked on
    /// another thread.
    pub fn fork(&self, own_id: u32) -> Env {
        let mut e = Env::bare(self.table.clone(), own_id);
        e.universe = self.universe;
        e.unsafe_pkg = self.unsafe_pkg;
        e.byte = self.byte;
        e.rune = self.rune;
        e.comparable_iface = self.comparable_iface;
        e.any = self.any;
        e.error = self.error;
        e.comparable = self.comparable;
        e
    }

    /// The shard table shared by this environment's forks.
    pub fn table(&self) -> &Arc<ShardTable> {
        &self.table
    }

    /// This environment's own shard number.
    pub fn own_shard(&self) -> u32 {
        self.own_id
    }

    /// Freezes the own shard into the table and continues with a fresh
    /// shard `next` (the table grows when needed).
    pub fn freeze_and_continue(&mut self, next: u32) {
        let shard = std::mem::take(&mut self.own);
        let need = (self.own_id.max(next) as usize + 1).max(self.table.len() * 2);
        if self.own_id.max(next) as usize >= self.table.len() {
            self.reserve_shards(need);
        }
        self.table.set(self.own_id as usize, Arc::new(shard));
        self.own_id = next;
    }

    /// Makes room for `types`, `objects` and `scopes` more entries in the
    /// own shard.
    pub fn reserve_own(&mut self, types: usize, objects: usize, scopes: usize) {
        self.own.types.reserve(types);
        self.own.objects.reserve(objects);
        self.own.scopes.reserve(scopes);
    }

    /// Makes room for shards `0..n` in the table (call before forking).
    pub fn reserve_shards(&mut self, n: usize) {
        if n <= self.table.len() {
            return;
        }
        let bigger = ShardTable::with_capacity(n);
        for i in 0..self.table.len() {
            if let Some(s) = self.table.get(i) {
                bigger.set(i, s.clone());
            }
        }
        self.table = bigger;
    }

    /// Freezes the own shard into the table. The environment can still be
    /// read (the frozen shard through the table) but must not be written to
    /// afterwards: it has no shard of its own any more.
    pub fn freeze(&mut self) {
        let shard = std::mem::take(&mut self.own);
        self.table.set(self.own_id as usize, Arc::new(shard));
        self.own_id = u32::MAX;
    }

    fn shard(&self, i: usize) -> Option<&Shard> {
        if i == self.own_id as usize {
            return Some(&self.own);
        }
        self.table.get(i).map(|a| &**a)
    }

    /// The basic type of a kind (go/types `Typ[kind]`).
    pub fn typ(&self, kind: BasicKind) -> TypeId {
        TypeId(kind as u64)
    }

    /// Whether `t` names an existing type.
    pub fn has_type(&self, t: TypeId) -> bool {
        self.shard(t.shard()).is_some_and(|s| t.local() < s.types.len())
    }

    pub fn ty(&self, t: TypeId) -> &Type {
        match self.shard(t.shard()).and_then(|s| s.types.get(t.local())) {
            Some(t) => t,
            None => &self.scratch_type,
        }
    }

    /// The type `t` for writing (only types of the own shard).
    pub fn ty_mut(&mut self, t: TypeId) -> &mut Type {
        if t.shard() == self.own_id as usize
            && let Some(x) = self.own.types.get_mut(t.local())
        {
            return x;
        }
        self.scratch_type = Type::Basic { kind: BasicKind::Invalid, name: "invalid type" };
        &mut self.scratch_type
    }

    pub fn obj(&self, o: ObjId) -> &Object {
        match self.shard(o.shard()).and_then(|s| s.objects.get(o.local())) {
            Some(o) => o,
            None => &self.scratch_obj,
        }
    }

    pub fn obj_mut(&mut self, o: ObjId) -> &mut Object {
        if o.shard() == self.own_id as usize
            && let Some(x) = self.own.objects.get_mut(o.local())
        {
            return x;
        }
        self.scratch_obj = scratch_object();
        &mut self.scratch_obj
    }

    pub fn scope(&self, s: ScopeId) -> &Scope {
        match self.shard(s.shard()).and_then(|sh| sh.scopes.get(s.local())) {
            Some(s) => s,
            None => &self.scratch_scope,
        }
    }

    pub fn scope_mut(&mut self, s: ScopeId) -> &mut Scope {
        if s.shard() == self.own_id as usize
            && let Some(x) = self.own.scopes.get_mut(s.local())
        {
            return x;
        }
        self.scratch_scope = Scope::default();
        &mut self.scratch_scope
    }

    pub fn package(&self, p: PkgId) -> &Package {
        match self.shard(p.shard()).and_then(|s| s.packages.get(p.local())) {
            Some(p) => p,
            None => &self.scratch_pkg,
        }
    }

    pub fn package_mut(&mut self, p: PkgId) -> &mut Package {
        if p.shard() == self.own_id as usize
            && let Some(x) = self.own.packages.get_mut(p.local())
        {
            return x;
        }
        self.scratch_pkg = scratch_package();
        &mut self.scratch_pkg
    }

    /// Adds a type (no hash-consing: structural types are compared with
    /// identity checks, as in go/types).
    pub fn new_type(&mut self, t: Type) -> TypeId {
        let id = TypeId::new(self.own_id, self.own.types.len() as u32);
        self.own.types.push(t);
        id
    }

    pub fn new_object(&mut self, o: Object) -> ObjId {
        let id = ObjId::new(self.own_id, self.own.objects.len() as u32);
        self.own.objects.push(o);
        id
    }

    pub fn new_scope(&mut self, parent: Option<ScopeId>) -> ScopeId {
        let id = ScopeId::new(self.own_id, self.own.scopes.len() as u32);
        self.own.scopes.push(Scope { parent, ..Default::default() });
        if let Some(p) = parent
            && p.shard() == self.own_id as usize
        {
            let older = self.scope_mut(p).first_child.replace(id);
            self.scope_mut(id).next_sibling = older;
        }
        id
    }

    /// The child scopes of `s` made in its own package, newest first.
    pub fn children(&self, s: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
        std::iter::successors(self.scope(s).first_child, |&c| self.scope(c).next_sibling)
    }

    pub fn new_package(&mut self, path: &str, name: &str) -> PkgId {
        let scope = self.new_scope(Some(self.universe));
        let id = PkgId::new(self.own_id, self.own.packages.len() as u32);
        self.own.packages.push(Package { path: path.into(), name: name.into(), scope, imports: Vec::new() });
        id
    }

    /// Inserts `o` into scope `s` unless the name is taken (then returns
    /// the existing object, as go/types `Scope.Insert`). Blank names are
    /// never inserted.
    pub fn insert(&mut self, s: ScopeId, o: ObjId) -> Option<ObjId> {
        let name = self.obj(o).name.clone();
        if name == "_" {
            return None;
        }
        if s.shard() == self.own_id as usize
            && let Some(scope) = self.own.scopes.get_mut(s.local())
        {
            // One hash for the lookup and the insertion.
            match scope.names.entry(name) {
                std::collections::hash_map::Entry::Occupied(e) => return Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(o);
                }
            }
        } else {
            if let Some(&alt) = self.scope(s).names.get(&name) {
                return Some(alt);
            }
            self.scope_mut(s).names.insert(name, o);
        }
        if self.obj(o).parent.is_none() && o.shard() == self.own_id as usize {
            self.obj_mut(o).parent = Some(s);
        }
        None
    }

    /// The object named `name` in scope `s` only.
    pub fn lookup(&self, s: ScopeId, name: &str) -> Option<ObjId> {
        self.scope(s).names.get(name).copied()
    }

    /// Looks `name` up in `s` and its parents (go/types `LookupParent`).
    pub fn lookup_parent(&self, mut s: ScopeId, name: &str) -> Option<(ScopeId, ObjId)> {
        for _ in 0..100_000 {
            if let Some(o) = self.lookup(s, name) {
                return Some((s, o));
            }
            s = self.scope(s).parent?;
        }
        None
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
        self.obj_mut(obj).typ = Some(t);
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
        self.obj_mut(obj).typ = Some(t);
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
        if t.0 < UNIVERSE_BASICS {
            return t;
        }
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
    #[inline]
    pub fn underlying(&self, t: TypeId) -> TypeId {
        // The universe's basic types (the most frequent case) are their own
        // underlying types.
        if t.0 < UNIVERSE_BASICS {
            return t;
        }
        self.underlying_slow(t)
    }

    fn underlying_slow(&self, mut t: TypeId) -> TypeId {
        for _ in 0..200 {
            match self.ty(t) {
                Type::Alias { actual, .. } => t = *actual,
                Type::Named { underlying: Some(u), .. } => t = *u,
                Type::Named { underlying: None, .. } => return self.typ(BasicKind::Invalid),
                _ => return t,
            }
        }
        self.typ(BasicKind::Invalid)
    }

    /// The basic kind of `t`'s underlying type, if basic.
    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        if let Some(k) = Self::universe_kind(t) {
            return Some(k);
        }
        match self.ty(self.underlying(t)) {
            Type::Basic { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// The kind of `t` if it is one of the universe's basic types, which
    /// come first, in kind order, then `byte` and `rune` (see
    /// UNIVERSE_BASICS). They are the only basic types: no other type,
    /// and no type of another shard, is untyped.
    #[inline]
    pub fn universe_kind(t: TypeId) -> Option<BasicKind> {
        if t.0 >= UNIVERSE_BASICS {
            return None;
        }
        Some(match BasicKind::ALL.get(t.0 as usize) {
            Some(&k) => k,
            None if t.0 == UNIVERSE_BASICS - 2 => BasicKind::Uint8,
            None => BasicKind::Int32,
        })
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
        let mut w = Writer { env: self, buf: String::new(), seen: Vec::new(), qual: None, param_names: true };
        w.typ(t);
        w.buf
    }

    /// types2's `TypeString(t, check.qualifier)`: package-qualified names
    /// as a checker's messages print them (see [`Qualifier`]).
    pub fn type_string_qualified(&self, t: TypeId, q: &Qualifier) -> String {
        let mut w =
            Writer { env: self, buf: String::new(), seen: Vec::new(), qual: Some(q), param_names: true };
        w.typ(t);
        w.buf
    }

    /// The qualifier of messages about package `pkg` (types2
    /// `Checker.qualifier`): names of `pkg` stay unqualified, those of other
    /// packages get their package name, or their quoted path when several
    /// packages among `pkg`'s transitive imports share that name.
    pub fn qualifier(&self, pkg: PkgId) -> Qualifier {
        let mut names: HashMap<String, Vec<String>> = HashMap::default();
        let mut seen: Vec<PkgId> = Vec::new();
        let mut stack = self.package(pkg).imports.clone();
        while let Some(p) = stack.pop() {
            if seen.contains(&p) {
                continue;
            }
            seen.push(p);
            let pk = self.package(p);
            let paths = names.entry(pk.name.clone()).or_default();
            if !paths.contains(&pk.path) {
                paths.push(pk.path.clone());
            }
            stack.extend(pk.imports.iter().copied());
        }
        let shared = names.into_iter().filter(|(_, v)| v.len() > 1).map(|(k, _)| k).collect();
        Qualifier { pkg, shared }
    }

    /// How `q` prefixes names of package `p` ("" for none).
    pub fn package_prefix(&self, p: PkgId, q: &Qualifier) -> String {
        if p == q.pkg {
            return String::new();
        }
        let pk = self.package(p);
        if q.shared.contains(&pk.name) {
            format!("{}.", crate::constant::quote(pk.path.as_bytes()))
        } else if pk.name.is_empty() {
            String::new()
        } else {
            format!("{}.", pk.name)
        }
    }

    /// types2 `funcString(f, false)`: a function's name and signature
    /// without parameter names, types qualified by `q`.
    pub fn func_string(&self, f: ObjId, q: &Qualifier) -> String {
        let o = self.obj(f);
        let mut w =
            Writer { env: self, buf: o.name.clone(), seen: Vec::new(), qual: Some(q), param_names: false };
        w.signature(o.typ.unwrap_or(TypeId(0)));
        w.buf
    }

    /// `TypeString` of a signature without the leading `func` (go/types
    /// `WriteSignature`).
    pub fn signature_string(&self, sig: TypeId) -> String {
        let mut w = Writer { env: self, buf: String::new(), seen: Vec::new(), qual: None, param_names: true };
        w.signature(sig);
        w.buf
    }
}

/// Package qualification for messages (see [`Env::qualifier`]).
#[derive(Clone, Debug)]
pub struct Qualifier {
    /// The package whose names stay unqualified.
    pub pkg: PkgId,
    /// Package names shared by several imported packages (qualified by
    /// quoted path instead).
    pub shared: Vec<String>,
}

/// go/types' `typeWriter` (without type hashing); `qual == None` qualifies
/// by package path (`TypeString(t, nil)`).
struct Writer<'a> {
    env: &'a Env,
    buf: String,
    seen: Vec<TypeId>,
    qual: Option<&'a Qualifier>,
    /// Whether signatures show parameter names.
    param_names: bool,
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
            if let Some(q) = self.qual {
                let pre = self.env.package_prefix(p, q);
                self.buf.push_str(&pre);
            } else {
                let path = &self.env.package(p).path;
                if !path.is_empty() {
                    self.buf.push_str(path);
                    self.buf.push('.');
                }
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
            if !o.name.is_empty() && self.param_names {
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
