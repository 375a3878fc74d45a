//! The [`Checker`] (types2's `Checker`): it collects a package's objects
//! (imports as `PkgName`s in file scopes; constants, types, variables and
//! functions in the package scope; methods by receiver base type), resolves
//! package-level declarations lazily in dependency order (constants exactly,
//! with iota and implicit repetition; generic types and functions with
//! their type parameters), then checks function bodies. Expressions,
//! calls, statements and type expressions live in the submodules. What it
//! records is returned in [`Checked`]: identifier definitions and uses,
//! instances, per-expression types and modes, constant values, selections,
//! implicit interface conversions, implicit objects, and errors. Errors
//! follow types2's (as gc prints them): messages describe operands as
//! types2's `operandString` does, type names are qualified relative to the
//! package (see [`crate::types::Env::qualifier`]), positions are the start
//! of the offending expression, unused imports are reported at the end.
//! Checks types2 delays (map key comparability, constraint interfaces used
//! as ordinary types, type arguments against their constraints, method
//! receivers, invalid recursive types) run once the declarations and again
//! once the bodies are checked (`later`); initialization cycles, found
//! through the dependencies recorded while checking initializers and
//! function bodies, are reported last (`initorder`).

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

mod call;
pub(crate) mod expr;
pub(crate) mod exprstring;
mod initorder;
mod later;
mod stmt;
mod typexpr;

use go_syntax::ast::{DeclId, DeclKind, ExprId, ExprKind, File};
use go_syntax::{LitKind, Operator};

use crate::constant::{self, Target, Value};
use crate::instantiate;
use crate::predicates;
use crate::sizes::Sizes;
use crate::types::{BasicKind, Env, ObjId, ObjKind, Object, PkgId, ScopeId, Type, TypeId};
use expr::Mode;

/// The stack size a thread running [`Checker::check`] should have: like
/// types2 the checker is recursive (nesting depth is capped at
/// [`MAX_DEPTH`], which this stack accommodates even in debug builds).
pub const STACK_SIZE: usize = 64 << 20;

/// Maximum nesting of declarations and expressions the checker follows
/// before reporting an error instead of recursing further.
pub const MAX_DEPTH: u32 = 2000;

/// types2's limit on constant string length (cmd/internal/obj.MaxSymSize).
const MAX_CONST_STRING: u64 = 2_000_000_000;

/// Longest constant string heapscope builds: go/constant represents
/// concatenations lazily, heapscope's constants hold flat bytes, so longer
/// (pathological) strings are reported instead of allocated.
const MAX_MATERIALIZED_STRING: u64 = 64 << 20;

/// A type-checking error at a file (index into the checked files) and
/// byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    pub file: usize,
    pub offset: u32,
    /// The message; continuation lines are tab-indented after newlines.
    pub msg: String,
    /// Positioned continuation lines ("other declaration of x", cycle
    /// steps), rendered after `msg` as `\tFILE:LINE:COL: text`.
    pub related: Vec<(usize, u32, String)>,
}

/// An identifier occurrence: the object it defines or uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    pub file: u32,
    pub offset: u32,
    pub obj: ObjId,
    /// Whether the identifier defines the object (else it uses it).
    pub def: bool,
    /// For an identifier denoting an instantiated generic function or
    /// type: the instance (go/types `Info.Instances`).
    pub typ: Option<TypeId>,
}

/// Values of constant expressions by (file, expression id): an index per
/// expression into one vector of values (no hashing; the last value
/// recorded for an expression wins).
#[derive(Clone, Debug, Default)]
pub struct Consts {
    /// Per file, per expression id: 1 + index into `values`, 0 if none.
    slots: Vec<Vec<u32>>,
    values: Vec<Value>,
}

impl Consts {
    fn new(files: &[File]) -> Self {
        let n: usize = files.iter().map(|f| f.exprs.len()).sum();
        Consts {
            slots: files.iter().map(|f| vec![0; f.exprs.len()]).collect(),
            // Up to a third of the expressions are constants (tables).
            values: Vec::with_capacity(n / 3),
        }
    }

    fn insert(&mut self, file: usize, e: ExprId, v: &Value) {
        let Some(slot) = self.slots.get_mut(file).and_then(|s| s.get_mut(e.0 as usize)) else { return };
        match self.values.get_mut((*slot as usize).wrapping_sub(1)) {
            Some(old) => *old = v.clone(),
            None => {
                self.values.push(v.clone());
                *slot = self.values.len() as u32;
            }
        }
    }

    /// The value of expression `e` of file `file`.
    pub fn get(&self, file: usize, e: ExprId) -> Option<&Value> {
        let k = *self.slots.get(file)?.get(e.0 as usize)?;
        self.values.get((k as usize).wrapping_sub(1))
    }

    pub fn contains(&self, file: usize, e: ExprId) -> bool {
        self.get(file, e).is_some()
    }

    /// Number of constant expressions.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// What [`Checker::check`] produces.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub pkg: Option<PkgId>,
    /// Identifier occurrences, sorted by (file, offset, def first).
    pub records: Vec<Record>,
    pub errors: Vec<TypeError>,
    /// Package-level objects the checker could not type.
    pub unresolved: usize,
    /// Per file, per expression id: the recorded type id of each value or
    /// type expression (`u32::MAX` if none; go/types `Info.Types[e].Type`).
    pub expr_types: Vec<Vec<u64>>,
    /// Per file, per expression id: the expression's [`ExprMode`] as `u8`
    /// (`ExprMode::None` if not recorded).
    pub expr_modes: Vec<Vec<u8>>,
    /// Values of constant expressions: (file, expression id) -> value.
    pub consts: Consts,
    /// Selector expressions `x.f` (not qualified identifiers): (file,
    /// selector expression id) -> selection (go/types `Info.Selections`).
    pub selections: FxHashMap<(u32, u32), Selection>,
    /// Values implicitly converted to an interface type on assignment,
    /// argument passing, return, send, or in composite literals.
    pub conversions: Vec<ImplicitConversion>,
    /// Implicitly declared objects: a type switch clause's variable, by
    /// (file, offset of the clause's colon) (go/types `Info.Implicits`).
    pub implicits: Vec<(u32, u32, ObjId)>,
}

/// How an expression was used (go/types `TypeAndValue` modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExprMode {
    None = 0,
    NoValue,
    Builtin,
    TypExpr,
    Constant,
    Variable,
    MapIndex,
    Value,
    CommaOk,
}

impl ExprMode {
    pub fn from_u8(v: u8) -> ExprMode {
        use ExprMode::*;
        [None, NoValue, Builtin, TypExpr, Constant, Variable, MapIndex, Value, CommaOk]
            .get(v as usize)
            .copied()
            .unwrap_or(None)
    }
}

/// What a selector `x.f` denotes (go/types `SelectionKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionKind {
    FieldVal,
    MethodVal,
    MethodExpr,
}

/// A selector's meaning (go/types `Selection`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub kind: SelectionKind,
    /// The type of `x` (the receiver or, for a method expression, the type).
    pub recv: TypeId,
    /// The field or method.
    pub obj: ObjId,
    /// The path of embedded fields to the field or method (last entry: its
    /// own index).
    pub index: Vec<usize>,
    /// Whether a pointer indirection is needed on the path.
    pub indirect: bool,
}

/// A value of a non-interface type used where an interface type is
/// expected (gc's `OCONVIFACE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImplicitConversion {
    pub file: u32,
    pub expr: ExprId,
    pub from: TypeId,
    pub to: TypeId,
}

#[derive(Clone, Copy, Debug)]
enum DeclInfo {
    Const {
        file: usize,
        typ: Option<ExprId>,
        init: Option<ExprId>,
        iota: u32,
    },
    Type {
        file: usize,
        decl: DeclId,
    },
    /// Name `index` of a `var` spec.
    Var {
        file: usize,
        decl: DeclId,
        index: usize,
    },
    Func {
        file: usize,
        decl: DeclId,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Todo,
    Busy,
    Done,
    Failed,
}

/// A constant operand: its type and value.
#[derive(Clone, Debug)]
struct Operand {
    typ: TypeId,
    val: Value,
}

/// A check types2 delays (`check.later`) until the types it involves are
/// complete: run after the package-level declarations and again after
/// the function bodies.
#[derive(Clone, Debug)]
enum Later {
    /// A map key type must be comparable (at the key expression).
    MapKey { file: usize, pos: u32, key: TypeId },
    /// A variable's (parameter's, field's, element's) type must not be a
    /// constraint interface (types2 `validVarType`).
    VarType { file: usize, pos: u32, typ: TypeId },
    /// Type arguments must satisfy their constraints (types2 `verify`);
    /// `pos` per argument (the explicit ones' starts, else the call or
    /// instantiation position).
    Verify { file: usize, pos: Vec<u32>, tparams: Vec<TypeId>, targs: Vec<TypeId> },
    /// The fields of a struct type must not share names with its methods
    /// (types2 `checkFieldUniqueness`).
    FieldsVsMethods { typ: ObjId },
    /// A method receiver (types2 `validRecv`): `pos` of its base type.
    Recv { file: usize, pos: u32, typ: TypeId },
    /// A defined type must not contain itself (types2 `validType`).
    ValidType { typ: TypeId },
}

/// A set of the package's own objects, one bit per object of its shard
/// (variables marked used, types2 `Var.used`; implicit objects). Only the
/// package's own variables are checked for use, so marks on other
/// packages' objects are dropped.
#[derive(Debug, Default)]
struct UsedSet {
    shard: u32,
    bits: Vec<u64>,
}

impl UsedSet {
    fn new(shard: u32) -> Self {
        UsedSet { shard, bits: Vec::new() }
    }

    fn slot(&self, o: ObjId) -> Option<(usize, u64)> {
        (o.shard() == self.shard as usize).then(|| (o.local() / 64, 1u64 << (o.local() % 64)))
    }

    fn insert(&mut self, o: ObjId) {
        if let Some((w, bit)) = self.slot(o) {
            if w >= self.bits.len() {
                self.bits.resize(w + 1, 0);
            }
            self.bits[w] |= bit;
        }
    }

    fn remove(&mut self, o: &ObjId) {
        if let Some((w, bit)) = self.slot(*o)
            && let Some(x) = self.bits.get_mut(w)
        {
            *x &= !bit;
        }
    }

    fn contains(&self, o: &ObjId) -> bool {
        self.slot(*o).is_some_and(|(w, bit)| self.bits.get(w).is_some_and(|x| x & bit != 0))
    }
}

/// Checks one package: its declarations and function bodies.
pub struct Checker<'a> {
    env: &'a mut Env,
    files: &'a [File],
    imports: &'a HashMap<String, PkgId>,
    sizes: Sizes,
    pkg: PkgId,
    file_scopes: Vec<ScopeId>,
    decls: FxHashMap<ObjId, DeclInfo>,
    state: FxHashMap<ObjId, State>,
    order: Vec<ObjId>,
    /// Identifier occurrences as recorded: (file, offset, def, object).
    records: Vec<(u32, u32, bool, ObjId)>,
    /// Per file, per expression id: 1 + the index in `records` of the
    /// expression's first definition record (`[0]`) and first use record
    /// (`[1]`), 0 if none. Repeated records of an expression (evaluated
    /// again) are dropped on the spot, and the records come out in
    /// expression-id order without a sort (see `ordered_records`).
    record_slots: Vec<Vec<[u32; 2]>>,
    errors: Vec<TypeError>,
    depth: u32,
    /// The innermost local scope (`None` at package level).
    scope: Option<ScopeId>,
    /// The value of `iota` inside a constant declaration.
    iota: Option<u32>,
    /// The function being checked.
    fctx: stmt::FuncCtx,
    /// Function literals in package-level initializers, checked last.
    delayed: Vec<(usize, TypeId, ScopeId, go_syntax::ast::StmtId, Option<ObjId>)>,
    /// Set once function bodies are being checked.
    in_bodies: bool,
    used: UsedSet,
    /// The objects of `implicits`, for [`Checker::usage`].
    implicit_objs: UsedSet,
    used_pkgs: FxHashSet<ObjId>,
    /// Per file, per expression: the type of each value expression
    /// (`u32::MAX` when none is recorded).
    expr_types: Vec<Vec<u64>>,
    /// Instantiated types of identifiers denoting generic functions or
    /// types: (file, offset) -> instance.
    instances: FxHashMap<(u32, u32), TypeId>,
    expr_modes: Vec<Vec<u8>>,
    consts: Consts,
    selections: FxHashMap<(u32, u32), Selection>,
    conversions: Vec<ImplicitConversion>,
    implicits: Vec<(u32, u32, ObjId)>,
    empty_iface: Option<TypeId>,
    /// The selector expression being checked (for its selection record).
    cur_selector: Option<ExprId>,
    /// Function and method scopes (parameters, type parameters).
    func_scopes: FxHashMap<ObjId, ScopeId>,
    /// Methods by receiver base type name.
    methods_of: FxHashMap<ObjId, Vec<ObjId>>,
    /// Objects of each package-level `var` spec: (file, decl) -> names' objects.
    var_objs: FxHashMap<(usize, DeclId), Vec<ObjId>>,
    /// The qualifier of type strings in messages, made on first use.
    qual: std::cell::OnceCell<crate::types::Qualifier>,
    /// Scopes of function bodies (usage checks stop at them).
    func_scope_set: FxHashSet<ScopeId>,
    /// Delayed checks (types2 `check.later`).
    later: Vec<Later>,
    /// The package-level declaration being checked (types2 `check.decl`).
    cur_decl: Option<ObjId>,
    /// Dependencies among package-level objects: (declaration, object it
    /// refers to), for [`Checker::init_cycles`].
    deps: Vec<(ObjId, ObjId)>,
    /// The right-hand side of each defined type's declaration (types2
    /// `Named.fromRHS`), for [`Later::ValidType`].
    type_rhs: FxHashMap<ObjId, TypeId>,
    /// Defined types found to contain themselves (reported once).
    invalid_types: FxHashSet<ObjId>,
    /// The package-level objects being resolved, outermost first (types2
    /// `objPath`).
    obj_path: Vec<ObjId>,
}

impl<'a> Checker<'a> {
    /// A checker for package `path` made of `files`; `imports` maps import
    /// paths (as written in the files) to already checked packages.
    pub fn new(
        env: &'a mut Env,
        path: &str,
        files: &'a [File],
        imports: &'a HashMap<String, PkgId>,
        sizes: Sizes,
    ) -> Self {
        let name =
            files.iter().find_map(|f| f.pkg_name.map(|n| f.name_str(n).to_string())).unwrap_or_default();
        let pkg = env.new_package(path, &name);
        let env_shard = env.own_shard();
        // Room for the records up front (growing them showed in profiles).
        let nexprs: usize = files.iter().map(|f| f.exprs.len()).sum();
        // And for the arena (std has about one type and one object per 10
        // expressions, fewer scopes, up to 1 in 6 in some packages): capacity
        // that stays untouched costs nothing, growing copies.
        env.reserve_own(nexprs / 6, nexprs / 6, nexprs / 10);
        // Like go/types' per-Checker Context, instances are shared within a
        // package only (which spelling an instance keeps, `byte` or
        // `uint8`, depends on the first one made in the package).
        env.instances.clear();
        Checker {
            env,
            files,
            imports,
            sizes,
            pkg,
            file_scopes: Vec::new(),
            decls: FxHashMap::default(),
            state: FxHashMap::default(),
            order: Vec::new(),
            records: Vec::with_capacity(nexprs * 3 / 4),
            record_slots: files.iter().map(|f| vec![[0; 2]; f.exprs.len()]).collect(),
            errors: Vec::new(),
            depth: 0,
            scope: None,
            iota: None,
            fctx: stmt::FuncCtx::default(),
            delayed: Vec::new(),
            in_bodies: false,
            used: UsedSet::new(env_shard),
            implicit_objs: UsedSet::new(env_shard),
            used_pkgs: Default::default(),
            expr_types: files.iter().map(|f| vec![u64::MAX; f.exprs.len()]).collect(),
            instances: FxHashMap::default(),
            expr_modes: files.iter().map(|f| vec![0; f.exprs.len()]).collect(),
            consts: Consts::new(files),
            selections: FxHashMap::with_capacity_and_hasher(nexprs / 32, Default::default()),
            conversions: Vec::new(),
            implicits: Vec::new(),
            empty_iface: None,
            cur_selector: None,
            func_scopes: FxHashMap::default(),
            methods_of: FxHashMap::default(),
            var_objs: FxHashMap::default(),
            qual: std::cell::OnceCell::new(),
            func_scope_set: FxHashSet::default(),
            later: Vec::new(),
            cur_decl: None,
            deps: Vec::new(),
            type_rhs: FxHashMap::default(),
            invalid_types: FxHashSet::default(),
            obj_path: Vec::new(),
        }
    }

    /// Collects and checks all package-level declarations, then all
    /// function bodies.
    pub fn check(mut self) -> Checked {
        self.collect();
        self.associate_methods();
        for o in self.order.clone() {
            self.resolve(o);
        }
        instantiate::expand_pending(self.env);
        self.process_later();
        // Function literals of package-level initializers, then bodies.
        self.in_bodies = true;
        for (fi, sig, scope, body, decl) in std::mem::take(&mut self.delayed) {
            self.cur_decl = decl;
            self.func_body(fi, sig, scope, body);
        }
        let files = self.files;
        for o in self.order.clone() {
            let Some(DeclInfo::Func { file, decl }) = self.decls.get(&o).copied() else { continue };
            let DeclKind::Func { body: Some(body), .. } = files[file].decl(decl).kind else { continue };
            let (Some(sig), Some(&scope)) = (self.env.obj(o).typ, self.func_scopes.get(&o)) else { continue };
            self.cur_decl = Some(o);
            self.func_body(file, sig, scope, body);
        }
        self.cur_decl = None;
        instantiate::expand_pending(self.env);
        self.process_later();
        self.init_cycles();
        self.unused_imports();
        let unresolved = self.state.values().filter(|s| **s != State::Done).count();
        // Sorted by position, definitions first; an occurrence recorded twice
        // (an expression evaluated again) counts once.
        let order = self.ordered_records();
        let records: Vec<Record> = order
            .into_iter()
            .map(|i| {
                let (file, offset, def, obj) = self.records[i as usize];
                Record {
                    file,
                    offset,
                    obj,
                    def,
                    typ: if def { None } else { self.instances.get(&(file, offset)).copied() },
                }
            })
            .collect();
        let mut errors = self.errors;
        errors.sort_by_key(|e| (e.file, e.offset));
        errors.dedup();
        Checked {
            pkg: Some(self.pkg),
            records,
            errors,
            unresolved,
            expr_types: self.expr_types,
            expr_modes: self.expr_modes,
            consts: self.consts,
            selections: self.selections,
            conversions: self.conversions,
            implicits: self.implicits,
        }
    }

    /// Associates every method declaration with its receiver's base type
    /// name (types2 `collectObjects`' method association).
    fn associate_methods(&mut self) {
        let files = self.files;
        let pkg_scope = self.env.package(self.pkg).scope;
        for o in self.order.clone() {
            let Some(DeclInfo::Func { file, decl }) = self.decls.get(&o).copied() else { continue };
            let f = &files[file];
            let DeclKind::Func { recv: Some(r), .. } = f.decl(decl).kind else { continue };
            let Some(rt) = f.field(r).typ else { continue };
            let Some(base) = receiver_base(f, rt) else { continue };
            let name = f.name_str(base);
            if let Some(t) = self.env.lookup(pkg_scope, name)
                && self.env.obj(t).kind == ObjKind::TypeName
            {
                // A method declared twice is reported and not added
                // (types2 `collectMethods`).
                let mname = &self.env.obj(o).name;
                let list = self.methods_of.entry(t).or_default();
                let dup = if mname == "_" {
                    None
                } else {
                    list.iter().copied().find(|&m| self.env.obj(m).name == *mname)
                };
                match dup {
                    Some(alt) => {
                        let (tname, mname) = (self.env.obj(t).name.clone(), mname.clone());
                        let at = match self.env.obj(alt).pos {
                            Some((af, ap)) => format!(" at {}", pos_ref(af as usize, ap)),
                            None => String::new(),
                        };
                        let pos = self.env.obj(o).pos.map_or(0, |p| p.1);
                        self.error(file, pos, format!("method {tname}.{mname} already declared{at}"));
                    }
                    None => list.push(o),
                }
            }
        }
        let bases: Vec<ObjId> = self.methods_of.keys().copied().collect();
        for typ in bases {
            self.later.push(Later::FieldsVsMethods { typ });
        }
    }

    /// `t` as messages print it: qualified relative to this package
    /// (types2 `check.sprintf` of a type).
    pub(crate) fn tstr(&self, t: TypeId) -> String {
        let q = self.qual.get_or_init(|| self.env.qualifier(self.pkg));
        self.env.type_string_qualified(t, q)
    }

    /// An error with positioned continuation lines (types2 errors of
    /// several parts).
    pub(crate) fn error_related(
        &mut self,
        file: usize,
        offset: u32,
        msg: impl Into<String>,
        related: Vec<(usize, u32, String)>,
    ) {
        self.errors.push(TypeError { file, offset, msg: msg.into(), related });
    }

    /// The continuation line "other declaration of NAME" at `alt`'s
    /// position (types2 `addAltDecl`), if it has one.
    pub(crate) fn alt_decl(&self, alt: ObjId) -> Vec<(usize, u32, String)> {
        let o = self.env.obj(alt);
        match o.pos {
            Some((f, p)) if o.pkg == Some(self.pkg) => {
                vec![(f as usize, p, format!("other declaration of {}", o.name))]
            }
            _ => Vec::new(),
        }
    }

    fn error(&mut self, file: usize, offset: u32, msg: impl Into<String>) {
        self.errors.push(TypeError { file, offset, msg: msg.into(), related: Vec::new() });
    }

    fn record(&mut self, file: usize, id: ExprId, obj: ObjId, def: bool) {
        let off = self.files[file].expr(id).pos;
        let n = self.records.len() as u32 + 1;
        if let Some(slot) = self.record_slots.get_mut(file).and_then(|v| v.get_mut(id.0 as usize)) {
            let k = usize::from(!def);
            if slot[k] != 0 {
                return;
            }
            slot[k] = n;
        }
        self.records.push((file as u32, off, def, obj));
    }

    /// Indices into `records`, sorted by (file, offset, definitions
    /// first), an occurrence recorded twice at one position counted once
    /// (the first recorded). Identifiers are leaves the parser makes in
    /// source order, so walking the slots by expression id almost always
    /// gives that order already; otherwise a stable sort fixes it.
    fn ordered_records(&self) -> Vec<u32> {
        let mut order: Vec<u32> = Vec::with_capacity(self.records.len());
        for slots in &self.record_slots {
            for slot in slots {
                for &k in slot {
                    if k != 0 {
                        order.push(k - 1);
                    }
                }
            }
        }
        // Records of expressions outside the slot tables (none are made
        // today) keep their place by being appended in recording order.
        if order.len() < self.records.len() {
            let mut seen = vec![false; self.records.len()];
            for &i in &order {
                seen[i as usize] = true;
            }
            order.extend((0..self.records.len() as u32).filter(|&i| !seen[i as usize]));
        }
        let key = |i: u32| {
            let (file, offset, def, _) = self.records[i as usize];
            ((file as u64) << 33) | ((offset as u64) << 1) | u64::from(!def)
        };
        if !order.windows(2).all(|w| key(w[0]) <= key(w[1])) {
            order.sort_by_key(|&i| (key(i), i));
        }
        // Two expressions at one position: keep the first recorded.
        order.dedup_by(|b, a| {
            if key(*a) != key(*b) {
                return false;
            }
            *a = (*a).min(*b);
            true
        });
        order
    }

    /// Records the type of value expression `e`.
    fn record_type(&mut self, fi: usize, e: ExprId, t: TypeId) {
        if let Some(slot) = self.expr_types.get_mut(fi).and_then(|v| v.get_mut(e.0 as usize)) {
            *slot = t.0;
        }
    }

    /// Records the mode (and constant value) of expression `e`.
    fn record_mode(&mut self, fi: usize, e: ExprId, mode: &Mode) {
        let m = match mode {
            Mode::Invalid => ExprMode::None,
            Mode::NoValue => ExprMode::NoValue,
            Mode::Builtin(_) => ExprMode::Builtin,
            Mode::TypExpr => ExprMode::TypExpr,
            Mode::Const(v) => {
                self.consts.insert(fi, e, v);
                ExprMode::Constant
            }
            Mode::Var => ExprMode::Variable,
            Mode::MapIndex => ExprMode::MapIndex,
            Mode::Value => ExprMode::Value,
            Mode::CommaOk => ExprMode::CommaOk,
        };
        if let Some(slot) = self.expr_modes.get_mut(fi).and_then(|v| v.get_mut(e.0 as usize)) {
            *slot = m as u8;
        }
    }

    /// The recorded mode of expression `e`.
    fn expr_mode(&self, fi: usize, e: ExprId) -> ExprMode {
        ExprMode::from_u8(self.expr_modes.get(fi).and_then(|v| v.get(e.0 as usize)).copied().unwrap_or(0))
    }

    /// The recorded type of expression `e`.
    fn expr_types_get(&self, fi: usize, e: ExprId) -> Option<TypeId> {
        let v = *self.expr_types.get(fi)?.get(e.0 as usize)?;
        (v != u64::MAX).then_some(TypeId(v))
    }

    /// Records the instance denoted by identifier `id` (a generic function
    /// or type with its type arguments).
    fn record_instance(&mut self, fi: usize, id: ExprId, inst: TypeId) {
        let f = &self.files[fi];
        let id = match f.expr(id).kind {
            ExprKind::Selector { sel, .. } => sel,
            ExprKind::Paren { x } => f.unparen(x),
            _ => id,
        };
        let off = f.expr(id).pos;
        self.instances.insert((fi as u32, off), inst);
    }

    fn new_obj(&mut self, name: &str, kind: ObjKind, file: usize, pos: u32) -> ObjId {
        self.env.new_object(Object {
            name: name.into(),
            kind,
            pkg: Some(self.pkg),
            typ: None,
            pos: Some((file as u32, pos)),
            parent: None,
        })
    }

    /// Declares a package-level object (reporting redeclarations).
    fn declare(&mut self, file: usize, name_id: ExprId, obj: ObjId, info: DeclInfo) {
        let scope = self.env.package(self.pkg).scope;
        let name = self.env.obj(obj).name.clone();
        self.record(file, name_id, obj, true);
        self.decls.insert(obj, info);
        self.state.insert(obj, State::Todo);
        self.order.push(obj);
        if name == "init" && matches!(info, DeclInfo::Func { .. }) {
            return;
        }
        if let Some(alt) = self.env.insert(scope, obj) {
            let pos = self.files[file].expr(name_id).pos;
            let rel = self.alt_decl(alt);
            self.error_related(file, pos, format!("{name} redeclared in this block"), rel);
        }
    }

    fn collect(&mut self) {
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            let scope = self.env.new_scope(Some(self.env.package(self.pkg).scope));
            self.file_scopes.push(scope);
            // The last constant spec with values, per group (implicit repetition).
            let mut last_const: FxHashMap<Option<u32>, (Option<ExprId>, Option<ExprId>)> =
                FxHashMap::default();
            for d in f.list(f.decl_list) {
                let decl = f.decl(d);
                match &decl.kind {
                    DeclKind::Import { local, path } => self.collect_import(fi, *local, *path),
                    DeclKind::Const { names, typ, values, iota } => {
                        let (typ, values) = if typ.is_none() && values.is_none() {
                            last_const.get(&decl.group).copied().unwrap_or((None, None))
                        } else {
                            last_const.insert(decl.group, (*typ, *values));
                            (*typ, *values)
                        };
                        let inits = f.unpack_list(values);
                        for (i, n) in f.list(*names).enumerate() {
                            let name = f.name_str(n).to_string();
                            let obj = self.new_obj(
                                &name,
                                ObjKind::Const { val: Box::new(Value::Unknown) },
                                fi,
                                f.expr(n).pos,
                            );
                            let info =
                                DeclInfo::Const { file: fi, typ, init: inits.get(i).copied(), iota: *iota };
                            self.declare(fi, n, obj, info);
                        }
                    }
                    DeclKind::Type { name, .. } => {
                        let n = f.name_str(*name).to_string();
                        let obj = self.new_obj(&n, ObjKind::TypeName, fi, f.expr(*name).pos);
                        self.declare(fi, *name, obj, DeclInfo::Type { file: fi, decl: d });
                    }
                    DeclKind::Var { names, .. } => {
                        let mut objs = Vec::new();
                        for (i, n) in f.list(*names).enumerate() {
                            let name = f.name_str(n).to_string();
                            let kind = ObjKind::Var { field: false, embedded: false };
                            let obj = self.new_obj(&name, kind, fi, f.expr(n).pos);
                            self.declare(fi, n, obj, DeclInfo::Var { file: fi, decl: d, index: i });
                            objs.push(obj);
                        }
                        self.var_objs.insert((fi, d), objs);
                    }
                    DeclKind::Func { recv, name, .. } => {
                        let n = f.name_str(*name).to_string();
                        let obj = self.new_obj(&n, ObjKind::Func, fi, f.expr(*name).pos);
                        if recv.is_some() {
                            // Methods are not in the package scope.
                            self.record(fi, *name, obj, true);
                            self.decls.insert(obj, DeclInfo::Func { file: fi, decl: d });
                            self.state.insert(obj, State::Todo);
                            self.order.push(obj);
                        } else {
                            self.declare(fi, *name, obj, DeclInfo::Func { file: fi, decl: d });
                            self.check_special_func(fi, d);
                        }
                    }
                }
            }
        }
    }

    /// types2 `collectObjects`' checks of `func init` (and `func main` in
    /// package main): no type parameters, parameters or results.
    fn check_special_func(&mut self, fi: usize, d: DeclId) {
        let f = &self.files[fi];
        let DeclKind::Func { name, tparams, typ, .. } = &f.decl(d).kind else { return };
        let fname = f.name_str(*name);
        let is_main = fname == "main" && self.env.package(self.pkg).name == "main";
        if fname != "init" && !is_main {
            return;
        }
        if let Some(tp) = f.list(*tparams).next() {
            let at = f.field(tp).name.map_or(f.expr(*name).pos, |n| f.expr(n).pos);
            self.error(fi, at, format!("func {fname} must have no type parameters"));
        }
        if let ExprKind::FuncType { params, results } = f.expr(*typ).kind
            && (!params.is_empty() || !results.is_empty())
        {
            let at = f.expr(*name).pos;
            self.error(fi, at, format!("func {fname} must have no arguments and no return values"));
        }
    }

    fn collect_import(&mut self, fi: usize, local: Option<ExprId>, path: Option<ExprId>) {
        let f = &self.files[fi];
        let Some(path) = path else { return };
        let pos = f.expr(path).pos;
        let lit = String::from_utf8_lossy(f.text(path)).to_string();
        let Value::String(p) = Value::from_literal(&lit, LitKind::String) else {
            self.error(fi, pos, format!("invalid import path: {lit}"));
            return;
        };
        let p = String::from_utf8_lossy(&p).to_string();
        let imported = if p == "unsafe" { Some(self.env.unsafe_pkg) } else { self.imports.get(&p).copied() };
        let Some(imported) = imported else {
            self.error(fi, pos, format!("could not import {p} (package not checked)"));
            return;
        };
        self.env.package_mut(self.pkg).imports.push(imported);
        let pkg_name = self.env.package(imported).name.clone();
        let local_name = local.map(|l| f.name_str(l).to_string());
        let name = local_name.clone().unwrap_or(pkg_name);
        let obj =
            self.new_obj(&name, ObjKind::PkgName { imported }, fi, local.map_or(pos, |l| f.expr(l).pos));
        self.env.obj_mut(obj).typ = Some(self.env.typ(BasicKind::Invalid));
        if let Some(l) = local {
            self.record(fi, l, obj, true);
        }
        let scope = self.file_scopes[fi];
        match local_name.as_deref() {
            Some("_") => {}
            Some(".") => {
                let src = self.env.package(imported).scope;
                let mut names: Vec<(String, ObjId)> =
                    self.env.scope(src).names.iter().map(|(k, v)| (k.clone(), *v)).collect();
                names.sort();
                for (n, o) in names {
                    if crate::types::is_exported(&n) {
                        self.env.scope_mut(scope).names.entry(n).or_insert(o);
                    }
                }
            }
            _ => {
                if let Some(alt) = self.env.insert(scope, obj) {
                    let rel = self.alt_decl(alt);
                    self.error_related(fi, pos, format!("{name} redeclared in this block"), rel);
                }
            }
        }
    }

    /// types2 `unusedImports`: imports (other than blank and dot imports)
    /// whose package name is never used.
    fn unused_imports(&mut self) {
        let mut unused: Vec<(usize, u32, String)> = Vec::new();
        for fi in 0..self.file_scopes.len() {
            let scope = self.file_scopes[fi];
            for &o in self.env.scope(scope).names.values() {
                let obj = self.env.obj(o);
                let ObjKind::PkgName { imported } = obj.kind else { continue };
                if self.used_pkgs.contains(&o) || obj.pkg != Some(self.pkg) {
                    continue;
                }
                let Some((_, p)) = obj.pos else { continue };
                let path = self.env.package(imported).path.clone();
                let elem = path.rsplit('/').next().unwrap_or(&path);
                let q = constant::quote(path.as_bytes());
                let msg = if obj.name == elem {
                    format!("{q} imported and not used")
                } else {
                    format!("{q} imported as {} and not used", obj.name)
                };
                unused.push((fi, p, msg));
            }
        }
        unused.sort();
        for (fi, p, msg) in unused {
            self.error(fi, p, msg);
        }
    }

    /// Looks a name up from the current scope (or file `fi`'s scope)
    /// outwards: the scope it was found in and the object.
    fn lookup_scope(&self, fi: usize, name: &str) -> Option<(ScopeId, ObjId)> {
        let s = self.scope.unwrap_or(self.file_scopes[fi]);
        self.env.lookup_parent(s, name)
    }

    /// Runs `f` one nesting level deeper; `None` past [`MAX_DEPTH`].
    fn nested<T>(&mut self, fi: usize, pos: u32, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.depth >= MAX_DEPTH {
            self.error(fi, pos, "declaration or expression nested too deeply");
            return None;
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn resolve(&mut self, obj: ObjId) -> bool {
        if matches!(self.state.get(&obj), None | Some(State::Done)) {
            return true;
        }
        let (fi, pos) = self.env.obj(obj).pos.map_or((0, 0), |(f, p)| (f as usize, p));
        // Package-level declarations are checked in the package's context.
        let saved_scope = self.scope.take();
        let saved_iota = self.iota.take();
        let saved_ctx = std::mem::take(&mut self.fctx);
        let r = self.nested(fi, pos, |c| c.resolve_inner(obj).then_some(())).is_some();
        self.fctx = saved_ctx;
        self.iota = saved_iota;
        self.scope = saved_scope;
        r
    }

    fn resolve_inner(&mut self, obj: ObjId) -> bool {
        match self.state.get(&obj) {
            None | Some(State::Done) => return true,
            Some(State::Failed) => return false,
            Some(State::Busy) => {
                // Named types may refer to themselves; others form a cycle.
                return matches!(self.decls.get(&obj), Some(DeclInfo::Type { .. }))
                    && self.env.obj(obj).typ.is_some();
            }
            Some(State::Todo) => {}
        }
        self.state.insert(obj, State::Busy);
        let saved_decl = self.cur_decl.replace(obj);
        self.obj_path.push(obj);
        let ok = match self.decls.get(&obj).copied() {
            Some(DeclInfo::Const { file, typ, init, iota }) => self.const_decl(obj, file, typ, init, iota),
            Some(DeclInfo::Type { file, decl }) => self.type_decl(obj, file, decl),
            Some(DeclInfo::Var { file, decl, index }) => self.var_decl(obj, file, decl, index),
            Some(DeclInfo::Func { file, decl }) => self.func_decl(obj, file, decl),
            None => true,
        };
        self.obj_path.pop();
        self.cur_decl = saved_decl;
        self.state.insert(obj, if ok { State::Done } else { State::Failed });
        ok
    }

    fn const_decl(
        &mut self,
        obj: ObjId,
        fi: usize,
        typ: Option<ExprId>,
        init: Option<ExprId>,
        iota: u32,
    ) -> bool {
        let declared = match typ {
            Some(t) => match self.type_expr(fi, t) {
                Some(t) => Some(t),
                None => return false,
            },
            None => None,
        };
        let Some(init) = init else {
            let pos = self.env.obj(obj).pos.map_or(0, |p| p.1);
            self.error(fi, pos, "missing init expr for const declaration");
            return false;
        };
        self.iota = Some(iota);
        let x = self.const_value(fi, init, declared);
        self.iota = None;
        let Some(x) = x else { return false };
        let o = self.env.obj_mut(obj);
        o.typ = Some(x.typ);
        o.kind = ObjKind::Const { val: Box::new(x.val) };
        true
    }

    /// The value of constant expression `init` assigned to a constant of
    /// type `declared` (untyped if `None`).
    fn const_value(&mut self, fi: usize, init: ExprId, declared: Option<TypeId>) -> Option<Operand> {
        let pos = self.files[fi].expr(init).pos;
        let mut x = self.expr(fi, init);
        if x.is_invalid() {
            return None;
        }
        let Mode::Const(_) = x.mode else {
            let s = self.opstr(fi, init, &x);
            self.error(fi, pos, format!("{s} is not constant"));
            return None;
        };
        if let Some(t) = declared {
            if !matches!(self.env.ty(self.env.underlying(t)), Type::Basic { kind, .. } if kind.is_const_type())
            {
                let ts = self.tstr(t);
                self.error(fi, pos, format!("invalid constant type {ts}"));
                return None;
            }
            if self.is_untyped(x.typ) {
                if !self.convert_untyped(fi, init, &mut x, t) {
                    return None;
                }
            } else if !predicates::identical(self.env, x.typ, t) {
                let (xs, ts) = (self.tstr(x.typ), self.tstr(t));
                let s = self.expr_string(fi, init);
                self.error(
                    fi,
                    pos,
                    format!("cannot use {s} (constant of type {xs}) as {ts} value in constant declaration"),
                );
                return None;
            }
        }
        let Mode::Const(val) = x.mode else { return None };
        Some(Operand { typ: x.typ, val })
    }

    /// A package-level variable: its declared type, or the type of its
    /// initializer (all names of a `var a, b = f()` spec are typed at once).
    fn var_decl(&mut self, obj: ObjId, fi: usize, decl: DeclId, index: usize) -> bool {
        let files = self.files;
        let f = &files[fi];
        let DeclKind::Var { typ, values, .. } = f.decl(decl).kind else { return false };
        let declared = match typ {
            Some(t) => match self.var_type(fi, t) {
                Some(t) => Some(t),
                None => {
                    self.env.obj_mut(obj).typ = Some(TypeId(0));
                    return false;
                }
            },
            None => None,
        };
        if let Some(t) = declared {
            self.env.obj_mut(obj).typ = Some(t);
        }
        let inits = f.unpack_list(values);
        let objs = self.var_objs.get(&(fi, decl)).cloned().unwrap_or_default();
        let pos = f.decl(decl).pos;
        if inits.is_empty() {
            if declared.is_none() {
                self.env.obj_mut(obj).typ = Some(TypeId(0));
                return false;
            }
            return true;
        }
        if inits.len() == objs.len() {
            let init = inits[index];
            let types = self.assign_values(fi, pos, &[declared], &[init], "variable declaration");
            if declared.is_none() {
                self.env.obj_mut(obj).typ = Some(types[0].unwrap_or(TypeId(0)));
            }
            return true;
        }
        // One initializer for several names: all are typed together.
        let targets = vec![declared; objs.len()];
        let types = self.assign_values(fi, pos, &targets, &inits, "variable declaration");
        for (i, &o) in objs.iter().enumerate() {
            if self.env.obj(o).typ.is_none() || declared.is_none() {
                self.env.obj_mut(o).typ = Some(declared.or(types[i]).unwrap_or(TypeId(0)));
            }
            if o != obj {
                self.state.insert(o, State::Done);
            }
        }
        true
    }

    fn type_decl(&mut self, obj: ObjId, fi: usize, decl: DeclId) -> bool {
        let files = self.files;
        let f = &files[fi];
        let DeclKind::Type { tparams, alias, typ, .. } = f.decl(decl).kind else { return false };
        let saved = self.scope;
        let mut tps = Vec::new();
        if !tparams.is_empty() {
            let s = self.env.new_scope(Some(self.file_scopes[fi]));
            self.scope = Some(s);
        }
        let ok = if alias {
            let t = self.env.new_type(Type::Alias {
                obj,
                tparams: Vec::new(),
                targs: Vec::new(),
                actual: TypeId(0),
            });
            self.env.obj_mut(obj).typ = Some(t);
            if !tparams.is_empty() {
                tps = self.declare_tparams(fi, &tparams);
                if let Type::Alias { tparams, .. } = self.env.ty_mut(t) {
                    *tparams = tps.clone();
                }
            }
            let actual = self.type_expr(fi, typ);
            if let Type::Alias { actual: a, .. } = self.env.ty_mut(t) {
                *a = actual.unwrap_or(TypeId(0));
            }
            actual.is_some()
        } else {
            let t = self.env.new_type(Type::Named {
                obj,
                tparams: Vec::new(),
                targs: Vec::new(),
                orig: None,
                underlying: None,
                methods: self.methods_of.get(&obj).cloned().unwrap_or_default(),
            });
            self.env.obj_mut(obj).typ = Some(t);
            if !tparams.is_empty() {
                tps = self.declare_tparams(fi, &tparams);
                if let Type::Named { tparams, .. } = self.env.ty_mut(t) {
                    *tparams = tps.clone();
                }
            }
            self.later.push(Later::ValidType { typ: t });
            match self.type_expr(fi, typ) {
                Some(rhs) => {
                    self.type_rhs.insert(obj, rhs);
                    let u = self.under(rhs);
                    self.set_underlying(t, u);
                    true
                }
                None => {
                    let inv = self.env.typ(BasicKind::Invalid);
                    self.set_underlying(t, inv);
                    false
                }
            }
        };
        self.scope = saved;
        let _ = tps;
        instantiate::expand_pending(self.env);
        // Method signatures are needed by any lookup on this type.
        for m in self.methods_of.get(&obj).cloned().unwrap_or_default() {
            self.resolve(m);
        }
        ok
    }

    fn set_underlying(&mut self, named: TypeId, u: TypeId) {
        if let Type::Named { underlying, .. } = self.env.ty_mut(named) {
            *underlying = Some(u);
        }
    }

    fn func_decl(&mut self, obj: ObjId, fi: usize, decl: DeclId) -> bool {
        let files = self.files;
        let f = &files[fi];
        let DeclKind::Func { recv, tparams, typ, .. } = f.decl(decl).kind else { return false };
        let scope = self.env.new_scope(Some(self.file_scopes[fi]));
        self.func_scopes.insert(obj, scope);
        self.scope = Some(scope);
        let mut recv_var = None;
        let mut recv_tparams = Vec::new();
        if let Some(r) = recv {
            let field = f.field(r).clone();
            let Some(rt) = field.typ else { return false };
            let (t, rtps) = self.receiver_type(fi, rt);
            recv_tparams = rtps;
            if let Some(t) = t {
                let mut base = f.unparen(rt);
                if let ExprKind::Operation { op: Operator::Mul, x, y: None } = f.expr(base).kind {
                    base = f.unparen(x);
                }
                if let ExprKind::Index { x, .. } = f.expr(base).kind {
                    base = x;
                }
                let pos = f.expr(base).start;
                self.later.push(Later::Recv { file: fi, pos, typ: t });
            }
            let name = field.name.map(|n| f.name_str(n).to_string()).unwrap_or_default();
            let v = self.env.new_var(Some(self.pkg), &name, t.unwrap_or(TypeId(0)));
            if let Some(n) = field.name {
                self.env.obj_mut(v).pos = Some((fi as u32, f.expr(n).pos));
                self.record(fi, n, v, true);
            }
            recv_var = Some(v);
        }
        let tps = if tparams.is_empty() { Vec::new() } else { self.declare_tparams(fi, &tparams) };
        let Some(sig) = self.func_type(fi, typ) else { return false };
        if let Type::Signature { recv, tparams, recv_tparams: rtp, .. } = self.env.ty_mut(sig) {
            *recv = recv_var;
            *tparams = tps;
            *rtp = recv_tparams;
        }
        if let Some(v) = recv_var
            && !self.env.obj(v).name.is_empty()
        {
            self.env.insert(scope, v);
        }
        self.declare_params(fi, sig, scope);
        self.env.obj_mut(obj).typ = Some(sig);
        true
    }

    /// A method receiver's type; for a generic base type `T[P, Q]` the
    /// receiver type parameters are declared in the current scope.
    fn receiver_type(&mut self, fi: usize, rt: ExprId) -> (Option<TypeId>, Vec<TypeId>) {
        let files = self.files;
        let f = &files[fi];
        let inner = f.unparen(rt);
        let (ptr, base) = match f.expr(inner).kind {
            ExprKind::Operation { op: Operator::Mul, x, y: None } => (true, f.unparen(x)),
            _ => (false, inner),
        };
        let ExprKind::Index { x, index } = f.expr(base).kind else {
            return (self.type_expr(fi, rt), Vec::new());
        };
        // Generic receiver: declare the receiver type parameters.
        let Some(g) = self.type_expr_generic(fi, x) else { return (None, Vec::new()) };
        let gparams = match self.env.ty(g) {
            Type::Named { tparams, .. } => tparams.clone(),
            _ => Vec::new(),
        };
        let names = self.index_list(fi, index);
        if names.len() != gparams.len() {
            let pos = f.expr(base).pos;
            self.error(
                fi,
                pos,
                format!(
                    "receiver declares {} type parameters, but receiver base type declares {}",
                    names.len(),
                    gparams.len()
                ),
            );
            return (None, Vec::new());
        }
        let mut rtps = Vec::new();
        for (i, &n) in names.iter().enumerate() {
            let name = if matches!(f.expr(n).kind, ExprKind::Name(_)) {
                f.name_str(n).to_string()
            } else {
                "_".into()
            };
            let inv = self.env.typ(BasicKind::Invalid);
            let t = self.env.new_type_param(Some(self.pkg), &name, i as u32, inv);
            let o = self.tparam_obj(t);
            self.env.obj_mut(o).pos = Some((fi as u32, f.expr(n).pos));
            self.declare_local(fi, Some(n), o);
            // go/types also records the name as a use of the parameter.
            self.record(fi, n, o, false);
            rtps.push(t);
        }
        let smap = instantiate::SubstMap { from: gparams.clone(), to: rtps.clone() };
        for (i, &gp) in gparams.iter().enumerate() {
            let gb = match self.env.ty(gp) {
                Type::TypeParam { bound, .. } => *bound,
                _ => TypeId(0),
            };
            let b = instantiate::subst(self.env, gb, &smap);
            if let Type::TypeParam { bound, .. } = self.env.ty_mut(rtps[i]) {
                *bound = b;
            }
        }
        let inst = instantiate::instantiate(self.env, g, &rtps);
        let id = match f.expr(x).kind {
            ExprKind::Selector { sel, .. } => sel,
            _ => x,
        };
        self.record_instance(fi, id, inst);
        let t = if ptr { self.env.new_pointer(inst) } else { inst };
        (Some(t), rtps)
    }

    /// The (possibly generic) type named by `e`, uninstantiated.
    fn type_expr_generic(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let f = &self.files[fi];
        let name = f.name_str(e).to_string();
        let Some((_, o)) = self.lookup_scope(fi, &name) else {
            self.error(fi, f.expr(e).pos, format!("undefined: {name}"));
            return None;
        };
        if self.env.obj(o).kind != ObjKind::TypeName {
            self.error(fi, f.expr(e).pos, format!("{name} is not a type"));
            return None;
        }
        self.record(fi, e, o, false);
        if self.state.contains_key(&o) {
            self.resolve(o);
        }
        self.env.obj(o).typ
    }

    // ---- constant expressions ---------------------------------------

    fn untyped(&self, k: BasicKind) -> TypeId {
        self.env.typ(k)
    }

    /// The representability target of a (typed or untyped) basic type.
    fn target(&self, t: TypeId) -> Option<Target> {
        use BasicKind::*;
        let k = self.env.basic_kind(t)?;
        Some(match k {
            Bool | UntypedBool => Target::Bool,
            String | UntypedString => Target::String,
            Int8 | Int16 | Int32 | Int64 | Int | Uint8 | Uint16 | Uint32 | Uint64 | Uint | Uintptr => {
                let bits = (self.sizes.sizeof(self.env, t) * 8) as u32;
                Target::Int { bits, signed: !k.is_unsigned() }
            }
            UntypedInt | UntypedRune => Target::UntypedInt,
            Float32 => Target::Float32,
            Float64 => Target::Float64,
            UntypedFloat => Target::UntypedFloat,
            Complex64 => Target::Complex64,
            Complex128 => Target::Complex128,
            UntypedComplex => Target::UntypedComplex,
            _ => return None,
        })
    }

    /// `x` converted to `t`'s representation (types2 `representation`):
    /// the value, or why it is not representable.
    fn representation(&self, x: &Operand, t: TypeId) -> Result<Value, ConvCode> {
        let Some(target) = self.target(t) else { return Err(ConvCode::Invalid) };
        match constant::representable(&x.val, target) {
            Some(val) => Ok(val),
            None => {
                let num = |k: Option<BasicKind>| k.is_some_and(BasicKind::is_numeric);
                let (xk, tk) = (self.env.basic_kind(x.typ), self.env.basic_kind(t));
                if num(xk) && num(tk) {
                    if !xk.is_some_and(BasicKind::is_integer) && tk.is_some_and(BasicKind::is_integer) {
                        Err(ConvCode::Truncated)
                    } else {
                        Err(ConvCode::Overflow)
                    }
                } else {
                    Err(ConvCode::Invalid)
                }
            }
        }
    }

    /// types2 `invalidConversion`: reports why constant `x` (expression
    /// `e`) cannot become a `t`.
    fn invalid_conversion(&mut self, fi: usize, e: ExprId, x: &Operand, t: TypeId, code: ConvCode) {
        let xo = expr::Opnd { mode: expr::Mode::Const(x.val.clone()), typ: x.typ };
        let xs = self.opstr(fi, e, &xo);
        self.conversion_error(fi, e, &xs, t, code);
    }

    /// The message for operand `xs` (expression `e`) that cannot become a
    /// `t`, at the expression's start.
    pub(crate) fn conversion_error(&mut self, fi: usize, e: ExprId, xs: &str, t: TypeId, code: ConvCode) {
        let ts = self.tstr(t);
        let msg = match code {
            ConvCode::Truncated => format!("{xs} truncated to {ts}"),
            ConvCode::Overflow => format!("{xs} overflows {ts}"),
            ConvCode::Invalid => format!("cannot convert {xs} to type {ts}"),
        };
        let at = self.files[fi].expr(e).start;
        self.error(fi, at, msg);
    }

    /// `x` (expression `e`) converted to `t`'s representation, errors
    /// reported (types2 `representable`).
    fn represent(&mut self, fi: usize, e: ExprId, x: &Operand, t: TypeId) -> Option<Operand> {
        match self.representation(x, t) {
            Ok(val) => Some(Operand { typ: t, val }),
            Err(code) => {
                let u = self.env.underlying(t);
                self.invalid_conversion(fi, e, x, u, code);
                None
            }
        }
    }

    fn is_untyped(&self, t: TypeId) -> bool {
        Env::universe_kind(t).is_some_and(BasicKind::is_untyped)
    }

    fn unary(&mut self, fi: usize, e: ExprId, op: Operator, x: Operand) -> Option<Operand> {
        let pos = self.files[fi].expr(e).pos;
        let k = self.env.basic_kind(x.typ)?;
        let ok = match op {
            Operator::Add | Operator::Sub => k.is_numeric(),
            Operator::Xor => k.is_integer(),
            Operator::Not => k.is_boolean(),
            _ => false,
        };
        if !ok {
            self.error(
                fi,
                pos,
                format!("invalid operation: operator {} not defined on {}", op.as_str(), x.val),
            );
            return None;
        }
        let prec = if op == Operator::Xor && k.is_unsigned() {
            (self.sizes.sizeof(self.env, x.typ) * 8) as u32
        } else {
            0
        };
        let val = constant::unary_op(op, &x.val, prec);
        self.finish(fi, e, Operand { typ: x.typ, val })
    }

    /// Checks an operation's result: typed values must be representable;
    /// untyped integers may not exceed 512 bits.
    fn finish(&mut self, fi: usize, e: ExprId, x: Operand) -> Option<Operand> {
        let pos = self.files[fi].expr(e).pos;
        if x.val.is_unknown() {
            self.error(fi, pos, "constant result is not representable");
            return None;
        }
        if self.is_untyped(x.typ) {
            if x.val.bit_len() > 512 {
                let op = match &self.files[fi].expr(e).kind {
                    ExprKind::Operation { op, y, .. } => opname(*op, y.is_some()),
                    _ => "",
                };
                let op = if op.is_empty() { String::new() } else { format!("{op} ") };
                self.error(fi, pos, format!("constant {op}overflow"));
                return None;
            }
            return Some(x);
        }
        self.represent(fi, e, &x, x.typ)
    }

    /// The "larger" of two untyped kinds (types2 `maxType`).
    fn max_untyped(&self, a: TypeId, b: TypeId) -> Option<TypeId> {
        let (ka, kb) = (self.env.basic_kind(a)?, self.env.basic_kind(b)?);
        if ka == kb {
            return Some(a);
        }
        if ka.is_numeric() && kb.is_numeric() {
            return Some(if ka > kb { a } else { b });
        }
        None
    }

    fn binary(&mut self, fi: usize, e: ExprId, op: Operator, x: Operand, y: Operand) -> Option<Operand> {
        let pos = self.files[fi].expr(e).pos;
        if matches!(op, Operator::Shl | Operator::Shr) {
            return self.shift(fi, e, op, x, y);
        }
        // Bring both operands to one type.
        let typ = match (self.is_untyped(x.typ), self.is_untyped(y.typ)) {
            (true, true) => match self.max_untyped(x.typ, y.typ) {
                Some(t) => t,
                None => {
                    self.error(
                        fi,
                        pos,
                        format!(
                            "invalid operation: mismatched types {} and {}",
                            self.tstr(x.typ),
                            self.tstr(y.typ)
                        ),
                    );
                    return None;
                }
            },
            (true, false) => y.typ,
            (false, true) => x.typ,
            (false, false) => {
                if x.typ != y.typ {
                    let (xs, ys) = (self.tstr(x.typ), self.tstr(y.typ));
                    self.error(fi, pos, format!("invalid operation: mismatched types {xs} and {ys}"));
                    return None;
                }
                x.typ
            }
        };
        let x =
            if self.is_untyped(x.typ) && !self.is_untyped(typ) { self.represent(fi, e, &x, typ)? } else { x };
        let y =
            if self.is_untyped(y.typ) && !self.is_untyped(typ) { self.represent(fi, e, &y, typ)? } else { y };
        let k = self.env.basic_kind(typ)?;
        if matches!(
            op,
            Operator::Eql | Operator::Neq | Operator::Lss | Operator::Leq | Operator::Gtr | Operator::Geq
        ) {
            let b = constant::compare(&x.val, op, &y.val);
            return Some(Operand { typ: self.untyped(BasicKind::UntypedBool), val: Value::Bool(b) });
        }
        let ok = match op {
            Operator::Add => k.is_numeric() || k.is_string(),
            Operator::Sub | Operator::Mul | Operator::Div => k.is_numeric(),
            Operator::Rem | Operator::And | Operator::Or | Operator::Xor | Operator::AndNot => k.is_integer(),
            Operator::AndAnd | Operator::OrOr => k.is_boolean(),
            _ => false,
        };
        if !ok {
            self.error(
                fi,
                pos,
                format!("invalid operation: operator {} not defined on {}", op.as_str(), x.val),
            );
            return None;
        }
        if op == Operator::Add && k.is_string() {
            let len = x.val.as_bytes().len() as u64 + y.val.as_bytes().len() as u64;
            if len > MAX_CONST_STRING {
                self.error(
                    fi,
                    pos,
                    format!("constant string too long ({len} bytes > {MAX_CONST_STRING} bytes)"),
                );
                return None;
            }
            if len > MAX_MATERIALIZED_STRING {
                // go/constant concatenates lazily; heapscope's strings are flat.
                self.error(
                    fi,
                    pos,
                    format!("constant string too long for heapscope ({len} bytes > {MAX_MATERIALIZED_STRING} bytes)"),
                );
                return None;
            }
        }
        if matches!(op, Operator::Div | Operator::Rem) && y.val.sign() == 0 {
            self.error(fi, pos, "invalid operation: division by zero");
            return None;
        }
        let val = if op == Operator::Div && k.is_integer() {
            constant::int_quo(&x.val, &y.val)
        } else {
            constant::binary_op(&x.val, op, &y.val)
        };
        self.finish(fi, e, Operand { typ, val })
    }

    fn shift(&mut self, fi: usize, e: ExprId, op: Operator, x: Operand, y: Operand) -> Option<Operand> {
        let pos = self.files[fi].expr(e).pos;
        let s = y.val.to_int();
        let Some(s) = s.to_u64() else {
            self.error(fi, pos, format!("invalid shift count {}", y.val));
            return None;
        };
        if s > 1074 {
            self.error(fi, pos, format!("invalid shift count {s}"));
            return None;
        }
        let mut x = x;
        if self.is_untyped(x.typ) {
            let v = x.val.to_int();
            if v.is_unknown() {
                self.error(fi, pos, format!("invalid operation: shifted operand {} must be integer", x.val));
                return None;
            }
            if x.val.kind() != constant::Kind::Int {
                x.typ = self.untyped(BasicKind::UntypedInt);
            }
            x.val = v;
        } else if !self.env.basic_kind(x.typ).is_some_and(BasicKind::is_integer) {
            self.error(fi, pos, format!("invalid operation: shifted operand {} must be integer", x.val));
            return None;
        }
        let val = constant::shift(&x.val, op, s);
        self.finish(fi, e, Operand { typ: x.typ, val })
    }

    /// Whether `t`'s size and alignment are known: no invalid or
    /// unresolved type where the layout depends on it.
    fn layout_known(&self, t: TypeId, depth: u32) -> bool {
        if depth > 50 {
            return false;
        }
        if let Type::Named { underlying: None, .. } = self.env.ty(self.env.unalias(t)) {
            return false;
        }
        match self.env.ty(self.env.underlying(t)) {
            Type::Basic { kind: BasicKind::Invalid, .. } => false,
            Type::Array { len, elem } => *len >= 0 && self.layout_known(*elem, depth + 1),
            Type::Struct { fields, .. } => {
                fields.iter().all(|&f| self.env.obj(f).typ.is_some_and(|ft| self.layout_known(ft, depth + 1)))
            }
            Type::TypeParam { .. } | Type::Union { .. } | Type::Tuple { .. } => false,
            _ => true,
        }
    }

    /// The default type of an untyped constant type (types2 `Default`).
    fn default_type(&self, t: TypeId) -> TypeId {
        if !self.is_untyped(t) {
            return t;
        }
        let k = match self.env.basic_kind(t) {
            Some(BasicKind::UntypedBool) => BasicKind::Bool,
            Some(BasicKind::UntypedInt) => BasicKind::Int,
            Some(BasicKind::UntypedRune) => return self.env.rune,
            Some(BasicKind::UntypedFloat) => BasicKind::Float64,
            Some(BasicKind::UntypedComplex) => BasicKind::Complex128,
            Some(BasicKind::UntypedString) => BasicKind::String,
            _ => return t,
        };
        self.env.typ(k)
    }

    /// Finds field `name` of struct type `t` (or pointer to struct),
    /// including fields promoted through embedded structs (shallowest
    /// first): the field, its offset, and whether the path goes through a
    /// pointer.
    fn lookup_field(&self, t: TypeId, name: &str) -> Option<(ObjId, i64, bool)> {
        let mut t = t;
        let mut via_ptr = false;
        if let Type::Pointer { elem } = self.env.ty(self.env.underlying(t)) {
            t = *elem;
            via_ptr = true;
        }
        // Breadth-first over embedded fields: (struct type, base offset, via pointer).
        let mut level = vec![(t, 0i64, via_ptr)];
        for _ in 0..8 {
            let mut found = Vec::new();
            let mut next = Vec::new();
            for &(st, base, ptr) in &level {
                let Type::Struct { fields, .. } = self.env.ty(self.env.underlying(st)) else { continue };
                let ftypes: Vec<TypeId> = fields.iter().filter_map(|&f| self.env.obj(f).typ).collect();
                if ftypes.len() != fields.len() {
                    continue;
                }
                let offs = self.sizes.offsetsof(self.env, &ftypes);
                for (i, &f) in fields.iter().enumerate() {
                    let o = self.env.obj(f);
                    if o.name == name {
                        found.push((f, base + offs[i], ptr));
                    }
                    if let ObjKind::Var { embedded: true, .. } = o.kind {
                        let ft = ftypes[i];
                        match self.env.ty(self.env.underlying(ft)) {
                            Type::Pointer { elem } => next.push((*elem, 0, true)),
                            _ => next.push((ft, base + offs[i], ptr)),
                        }
                    }
                }
            }
            match found.len() {
                1 => return found.pop(),
                0 if !next.is_empty() => level = next,
                _ => return None,
            }
        }
        None
    }

    /// Constant conversion `T(x)` of argument `arg` (types2 `conversion`
    /// for constants); errors are reported at the argument.
    fn conversion(&mut self, fi: usize, arg: ExprId, x: Operand, t: TypeId) -> Option<Operand> {
        let tk = self.env.basic_kind(t)?;
        let xk = self.env.basic_kind(x.typ)?;
        if let Ok(val) = self.representation(&x, t) {
            return Some(Operand { typ: t, val });
        }
        if tk.is_string() && xk.is_integer() {
            // string(rune)
            let c = x
                .val
                .to_i64()
                .and_then(|v| u32::try_from(v).ok())
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            return Some(Operand { typ: t, val: Value::from_string(&c.to_string()) });
        }
        let at = self.files[fi].expr(arg).start;
        if xk.is_integer() && tk.is_integer() {
            let vs = exprstring::value_string(&x.val);
            self.error(fi, at, format!("constant {vs} overflows {}", self.tstr(t)));
            return None;
        }
        let xo = expr::Opnd { mode: expr::Mode::Const(x.val.clone()), typ: x.typ };
        let xs = self.opstr(fi, arg, &xo);
        self.error(fi, at, format!("cannot convert {xs} to type {}", self.tstr(t)));
        None
    }
}

/// Why a constant is not representable in a type (types2's
/// `TruncatedFloat`, `NumericOverflow` and other error codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ConvCode {
    Truncated,
    Overflow,
    Invalid,
}

/// types2 `opName` for binary and unary operations ("" if none).
fn opname(op: Operator, binary: bool) -> &'static str {
    use Operator::*;
    match op {
        Xor if !binary => "bitwise complement",
        Add => "addition",
        Sub => "subtraction",
        Xor => "bitwise XOR",
        Mul => "multiplication",
        Shl => "shift",
        _ => "",
    }
}

/// A reference to a source position inside a message, rendered by
/// [`format_error`] as `FILE:LINE:COL` (types2 prints positions such as
/// "declared at x.go:3:11" inside messages).
pub(crate) fn pos_ref(file: usize, offset: u32) -> String {
    format!("\u{1}{file}:{offset}\u{1}")
}

/// Replaces the [`pos_ref`] markers of `msg`.
fn resolve_pos_refs(files: &[File], file_names: &[String], msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut parts = msg.split('\u{1}');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let mut inside = true;
    for p in parts {
        if inside {
            let r =
                p.split_once(':').and_then(|(f, o)| Some((f.parse::<usize>().ok()?, o.parse::<u32>().ok()?)));
            match r.and_then(|(f, o)| files.get(f).map(|fl| (f, fl.source_map.line_col(o)))) {
                Some((f, (line, col))) => {
                    out.push_str(&format!("{}:{line}:{col}", file_names.get(f).map_or("", String::as_str)));
                }
                None => out.push_str(p),
            }
        } else {
            out.push_str(p);
        }
        inside = !inside;
    }
    out
}

/// The identifier naming a receiver's base type (`T`, `*T`, `T[P]`, `(*T)`).
fn receiver_base(f: &File, typ: ExprId) -> Option<ExprId> {
    match &f.expr(typ).kind {
        ExprKind::Name(_) => Some(typ),
        ExprKind::Operation { op: Operator::Mul, x, y: None } => receiver_base(f, *x),
        ExprKind::Paren { x } => receiver_base(f, *x),
        ExprKind::Index { x, .. } => receiver_base(f, *x),
        _ => None,
    }
}

/// The identifier naming an embedded field (`T`, `*T`, `p.T`, `T[...]`).
fn embedded_name(f: &File, typ: ExprId) -> Option<ExprId> {
    match &f.expr(typ).kind {
        ExprKind::Name(_) => Some(typ),
        ExprKind::Operation { op: Operator::Mul, x, y: None } => embedded_name(f, *x),
        ExprKind::Selector { sel, .. } => Some(*sel),
        ExprKind::Paren { x } => embedded_name(f, *x),
        ExprKind::Index { x, .. } => embedded_name(f, *x),
        _ => None,
    }
}

/// The `debug types` lines of a checked package:
/// `file:line:col<TAB>name<TAB>kind<TAB>type[<TAB>value]`, sorted by
/// position (`file_names[i]` names `files[i]`).
pub fn debug_types_lines(env: &Env, files: &[File], file_names: &[String], checked: &Checked) -> Vec<String> {
    let mut out = Vec::with_capacity(checked.records.len());
    let mut order: Vec<&Record> = checked.records.iter().collect();
    order.sort_by(|a, b| {
        file_names
            .get(a.file as usize)
            .cmp(&file_names.get(b.file as usize))
            .then(a.offset.cmp(&b.offset))
            .then(b.def.cmp(&a.def))
    });
    for r in order {
        let Some(f) = files.get(r.file as usize) else { continue };
        let o = env.obj(r.obj);
        let Some(t) = r.typ.or(o.typ) else { continue };
        let (line, col) = f.source_map.line_col(r.offset);
        let name = file_names.get(r.file as usize).map_or("", String::as_str);
        let ts = match &o.kind {
            ObjKind::PkgName { imported } => env.package(*imported).path.clone(),
            ObjKind::Label => String::new(),
            _ => env.type_string(t),
        };
        let mut s = format!("{name}:{line}:{col}\t{}\t{}\t{ts}", o.name, o.kind.as_str());
        if let ObjKind::Const { val } = &o.kind {
            s.push('\t');
            s.push_str(&val.exact_string());
        }
        out.push(s);
    }
    out
}

/// gc-style rendering of a checker error.
pub fn format_error(files: &[File], file_names: &[String], e: &TypeError) -> String {
    let at = |file: usize, offset: u32| match files.get(file) {
        Some(f) => {
            let (line, col) = f.source_map.line_col(offset);
            format!("{}:{line}:{col}: ", file_names.get(file).map_or("", String::as_str))
        }
        None => String::new(),
    };
    let mut s = format!("{}{}", at(e.file, e.offset), resolve_pos_refs(files, file_names, &e.msg));
    for (file, offset, text) in &e.related {
        s.push_str("\n\t");
        s.push_str(&at(*file, *offset));
        s.push_str(text);
    }
    s
}
