//! A first [`Checker`]: the package-level part of types2's resolver and
//! declaration checking. It collects the package's objects (imports as
//! `PkgName`s in file scopes; constants, types, variables and functions in
//! the package scope), resolves type expressions (everything except
//! generics), evaluates constant declarations exactly (iota, implicit
//! repetition, typed and untyped constants, folding, conversions, `len`,
//! `min`, `max`, `unsafe.Sizeof`/`Alignof`/`Offsetof` of the expression
//! forms std uses) and records identifier occurrences (defs and uses) for
//! the `debug types` output.
//!
//! Not done yet (the checker leaves those objects untyped and records no
//! line for them): function bodies and all expression type inference,
//! variables without a declared type, generic types and functions,
//! unions in interfaces, `complex`/`real`/`imag`.

use std::collections::HashMap;

use go_syntax::ast::{DeclId, DeclKind, ExprId, ExprKind, File};
use go_syntax::{ChanDir as SynDir, LitKind, Operator};

use crate::constant::{self, Target, Value};
use crate::sizes::Sizes;
use crate::types::{BasicKind, ChanDir, Env, ObjId, ObjKind, Object, PkgId, ScopeId, Type, TypeId};
use crate::universe::Builtin;

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
    pub msg: String,
}

/// An identifier occurrence: the object it defines or uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    pub file: u32,
    pub offset: u32,
    pub obj: ObjId,
    /// Whether the identifier defines the object (else it uses it).
    pub def: bool,
}

/// What [`Checker::check`] produces.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub pkg: Option<PkgId>,
    /// Identifier occurrences, sorted by (file, offset, def first).
    pub records: Vec<Record>,
    pub errors: Vec<TypeError>,
    /// Package-level objects the checker could not type yet (see module
    /// documentation).
    pub unresolved: usize,
}

#[derive(Clone, Copy, Debug)]
enum DeclInfo {
    Const { file: usize, typ: Option<ExprId>, init: Option<ExprId>, iota: u32 },
    Type { file: usize, decl: DeclId },
    Var { file: usize, typ: Option<ExprId> },
    Func { file: usize, decl: DeclId },
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

/// Checks the package-level declarations of one package.
pub struct Checker<'a> {
    env: &'a mut Env,
    files: &'a [File],
    imports: &'a HashMap<String, PkgId>,
    sizes: Sizes,
    pkg: PkgId,
    file_scopes: Vec<ScopeId>,
    decls: HashMap<ObjId, DeclInfo>,
    state: HashMap<ObjId, State>,
    order: Vec<ObjId>,
    records: HashMap<(u32, u32, bool), ObjId>,
    errors: Vec<TypeError>,
    depth: u32,
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
        Checker {
            env,
            files,
            imports,
            sizes,
            pkg,
            file_scopes: Vec::new(),
            decls: HashMap::new(),
            state: HashMap::new(),
            order: Vec::new(),
            records: HashMap::new(),
            errors: Vec::new(),
            depth: 0,
        }
    }

    /// Collects and checks all package-level declarations.
    pub fn check(mut self) -> Checked {
        self.collect();
        for o in self.order.clone() {
            self.resolve(o);
        }
        let unresolved = self.state.values().filter(|s| **s != State::Done).count();
        let mut records: Vec<Record> = self
            .records
            .iter()
            .map(|(&(file, offset, def), &obj)| Record { file, offset, obj, def })
            .collect();
        records.sort_by_key(|r| (r.file, r.offset, !r.def));
        let mut errors = self.errors;
        errors.sort_by_key(|e| (e.file, e.offset));
        Checked { pkg: Some(self.pkg), records, errors, unresolved }
    }

    fn error(&mut self, file: usize, offset: u32, msg: impl Into<String>) {
        self.errors.push(TypeError { file, offset, msg: msg.into() });
    }

    fn record(&mut self, file: usize, id: ExprId, obj: ObjId, def: bool) {
        let off = self.files[file].expr(id).pos;
        self.records.insert((file as u32, off, def), obj);
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
        if let Some(_alt) = self.env.insert(scope, obj) {
            let pos = self.files[file].expr(name_id).pos;
            self.error(file, pos, format!("{name} redeclared in this block"));
        }
    }

    fn collect(&mut self) {
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            let scope = self.env.new_scope(Some(self.env.package(self.pkg).scope));
            self.file_scopes.push(scope);
            // The last constant spec with values, per group (implicit repetition).
            let mut last_const: HashMap<Option<u32>, (Option<ExprId>, Option<ExprId>)> = HashMap::new();
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
                                ObjKind::Const { val: Value::Unknown },
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
                    DeclKind::Var { names, typ, .. } => {
                        for n in f.list(*names) {
                            let name = f.name_str(n).to_string();
                            let kind = ObjKind::Var { field: false, embedded: false };
                            let obj = self.new_obj(&name, kind, fi, f.expr(n).pos);
                            self.declare(fi, n, obj, DeclInfo::Var { file: fi, typ: *typ });
                        }
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
                        }
                    }
                }
            }
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
        self.env.packages[self.pkg.index()].imports.push(imported);
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
                        self.env.scopes[scope.index()].names.entry(n).or_insert(o);
                    }
                }
            }
            _ => {
                if self.env.insert(scope, obj).is_some() {
                    self.error(fi, pos, format!("{name} redeclared in this block"));
                }
            }
        }
    }

    /// Looks a name up from file `fi`'s scope outwards.
    fn lookup(&self, fi: usize, name: &str) -> Option<ObjId> {
        self.env.lookup_parent(self.file_scopes[fi], name).map(|(_, o)| o)
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
        let (fi, pos) = self.env.obj(obj).pos.map_or((0, 0), |(f, p)| (f as usize, p));
        self.nested(fi, pos, |c| c.resolve_inner(obj).then_some(())).is_some()
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
        let ok = match self.decls.get(&obj).copied() {
            Some(DeclInfo::Const { file, typ, init, iota }) => self.const_decl(obj, file, typ, init, iota),
            Some(DeclInfo::Type { file, decl }) => self.type_decl(obj, file, decl),
            Some(DeclInfo::Var { file, typ }) => match typ.and_then(|t| self.type_expr(file, t)) {
                Some(t) => {
                    self.env.obj_mut(obj).typ = Some(t);
                    true
                }
                None => false,
            },
            Some(DeclInfo::Func { file, decl }) => self.func_decl(obj, file, decl),
            None => true,
        };
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
        let Some(mut x) = self.const_expr(fi, init, iota) else { return false };
        if let Some(t) = declared {
            let pos = self.files[fi].expr(init).pos;
            match self.convert_untyped_or_same(fi, pos, &x, t) {
                Some(v) => x = v,
                None => return false,
            }
        }
        let o = self.env.obj_mut(obj);
        o.typ = Some(x.typ);
        o.kind = ObjKind::Const { val: x.val };
        true
    }

    fn type_decl(&mut self, obj: ObjId, fi: usize, decl: DeclId) -> bool {
        let f = &self.files[fi];
        let DeclKind::Type { tparams, alias, typ, .. } = f.decl(decl).kind.clone() else { return false };
        if !tparams.is_empty() {
            return false;
        }
        let name = self.env.obj(obj).name.clone();
        if alias {
            let Some(actual) = self.type_expr(fi, typ) else { return false };
            let t = self.env.new_type(Type::Alias { obj, tparams: Vec::new(), targs: Vec::new(), actual });
            self.env.obj_mut(obj).typ = Some(t);
            return true;
        }
        let t = self.env.new_type(Type::Named {
            obj,
            tparams: Vec::new(),
            targs: Vec::new(),
            orig: None,
            underlying: None,
            methods: Vec::new(),
        });
        self.env.obj_mut(obj).typ = Some(t);
        let _ = name;
        let Some(rhs) = self.type_expr(fi, typ) else {
            let inv = self.env.typ(BasicKind::Invalid);
            self.set_underlying(t, inv);
            return false;
        };
        let u = self.env.underlying(rhs);
        self.set_underlying(t, u);
        true
    }

    fn set_underlying(&mut self, named: TypeId, u: TypeId) {
        if let Type::Named { underlying, .. } = &mut self.env.types[named.index()] {
            *underlying = Some(u);
        }
    }

    fn func_decl(&mut self, obj: ObjId, fi: usize, decl: DeclId) -> bool {
        let f = &self.files[fi];
        let DeclKind::Func { recv, tparams, typ, .. } = f.decl(decl).kind.clone() else { return false };
        if !tparams.is_empty() {
            return false;
        }
        let mut recv_var = None;
        if let Some(r) = recv {
            let field = f.field(r).clone();
            let Some(rt) = field.typ else { return false };
            // Receivers of generic types (`T[P]`) are not handled yet.
            let base = match &f.expr(f.unparen(rt)).kind {
                ExprKind::Operation { op: Operator::Mul, x, y: None } => f.unparen(*x),
                _ => f.unparen(rt),
            };
            if matches!(f.expr(base).kind, ExprKind::Index { .. }) {
                return false;
            }
            let Some(t) = self.type_expr(fi, rt) else { return false };
            let name = field.name.map(|n| f.name_str(n).to_string()).unwrap_or_default();
            let v = self.env.new_var(Some(self.pkg), &name, t);
            if let Some(n) = field.name {
                self.record(fi, n, v, true);
            }
            recv_var = Some(v);
        }
        let Some(sig) = self.func_type(fi, typ) else { return false };
        if let Type::Signature { recv, .. } = &mut self.env.types[sig.index()] {
            *recv = recv_var;
        }
        self.env.obj_mut(obj).typ = Some(sig);
        true
    }

    // ---- type expressions -------------------------------------------

    /// The type denoted by `e`, or `None` (error reported, or a construct
    /// not handled yet).
    fn type_expr(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let pos = self.files[fi].expr(e).pos;
        self.nested(fi, pos, |c| c.type_expr_inner(fi, e))
    }

    fn type_expr_inner(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let f = &self.files[fi];
        let pos = f.expr(e).pos;
        match f.expr(e).kind.clone() {
            ExprKind::Name(_) => {
                let name = f.name_str(e).to_string();
                let Some(o) = self.lookup(fi, &name) else {
                    self.error(fi, pos, format!("undefined: {name}"));
                    return None;
                };
                self.type_name_obj(fi, e, o, &name)
            }
            ExprKind::Selector { x, sel } => {
                let o = self.qualified(fi, x, sel)?;
                let name = f.name_str(sel).to_string();
                self.type_name_obj(fi, sel, o, &name)
            }
            ExprKind::Paren { x } => self.type_expr(fi, x),
            ExprKind::Operation { op: Operator::Mul, x, y: None } => {
                let t = self.type_expr(fi, x)?;
                Some(self.env.new_pointer(t))
            }
            ExprKind::SliceType { elem } => {
                let t = self.type_expr(fi, elem)?;
                Some(self.env.new_slice(t))
            }
            ExprKind::ArrayType { len: Some(len), elem } => {
                let n = self.const_expr(fi, len, 0)?;
                let Some(n) = n.val.to_int().to_i64().filter(|n| *n >= 0) else {
                    self.error(fi, pos, "invalid array length");
                    return None;
                };
                let t = self.type_expr(fi, elem)?;
                Some(self.env.new_array(t, n))
            }
            ExprKind::MapType { key, value } => {
                let k = self.type_expr(fi, key)?;
                let v = self.type_expr(fi, value)?;
                Some(self.env.new_map(k, v))
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.type_expr(fi, elem)?;
                let dir = match dir {
                    SynDir::Both => ChanDir::SendRecv,
                    SynDir::SendOnly => ChanDir::SendOnly,
                    SynDir::RecvOnly => ChanDir::RecvOnly,
                };
                Some(self.env.new_chan(dir, t))
            }
            ExprKind::FuncType { .. } => self.func_type(fi, e),
            ExprKind::StructType { fields } => {
                let mut vars = Vec::new();
                let mut tags = Vec::new();
                for fid in f.list(fields).collect::<Vec<_>>() {
                    let field = f.field(fid).clone();
                    let typ = field.typ?;
                    let t = self.type_expr(fi, typ)?;
                    let tag = match field.tag {
                        Some(tg) => {
                            let lit = String::from_utf8_lossy(f.text(tg)).to_string();
                            String::from_utf8_lossy(Value::from_literal(&lit, LitKind::String).as_bytes())
                                .to_string()
                        }
                        None => String::new(),
                    };
                    let (name, name_id, embedded) = match field.name {
                        Some(n) => (f.name_str(n).to_string(), n, false),
                        None => {
                            let id = embedded_name(f, typ)?;
                            (f.name_str(id).to_string(), id, true)
                        }
                    };
                    let v = self.env.new_field(Some(self.pkg), &name, t, embedded);
                    self.record(fi, name_id, v, true);
                    vars.push(v);
                    tags.push(tag);
                }
                Some(self.env.new_struct(vars, tags))
            }
            ExprKind::InterfaceType { methods } => {
                let mut ms = Vec::new();
                let mut embeddeds = Vec::new();
                for fid in f.list(methods).collect::<Vec<_>>() {
                    let field = f.field(fid).clone();
                    let typ = field.typ?;
                    match field.name {
                        Some(n) => {
                            let sig = self.func_type(fi, typ)?;
                            let m = self.env.new_func(Some(self.pkg), f.name_str(n), sig);
                            self.record(fi, n, m, true);
                            ms.push(m);
                        }
                        None => {
                            // Unions and ~T elements are not handled yet.
                            if matches!(f.expr(typ).kind, ExprKind::Operation { .. }) {
                                return None;
                            }
                            let t = self.type_expr(fi, typ)?;
                            embeddeds.push(t);
                        }
                    }
                }
                Some(self.env.new_interface(ms, embeddeds))
            }
            _ => None,
        }
    }

    /// `pkg.Name` where `pkg` is an imported package: the object, with
    /// both identifiers recorded as uses.
    fn qualified(&mut self, fi: usize, x: ExprId, sel: ExprId) -> Option<ObjId> {
        let f = &self.files[fi];
        if !matches!(f.expr(x).kind, ExprKind::Name(_)) {
            return None;
        }
        let pname = f.name_str(x).to_string();
        let po = self.lookup(fi, &pname)?;
        let ObjKind::PkgName { imported } = self.env.obj(po).kind else { return None };
        self.record(fi, x, po, false);
        let name = f.name_str(sel).to_string();
        let scope = self.env.package(imported).scope;
        match self.env.lookup(scope, &name).filter(|_| crate::types::is_exported(&name)) {
            Some(o) => Some(o),
            None => {
                let pos = f.expr(sel).pos;
                self.error(fi, pos, format!("undefined: {pname}.{name}"));
                None
            }
        }
    }

    fn type_name_obj(&mut self, fi: usize, id: ExprId, o: ObjId, name: &str) -> Option<TypeId> {
        if self.env.obj(o).kind != ObjKind::TypeName {
            let pos = self.files[fi].expr(id).pos;
            self.error(fi, pos, format!("{name} is not a type"));
            return None;
        }
        if self.state.contains_key(&o) {
            self.resolve(o);
        }
        let t = self.env.obj(o).typ?;
        // Generic types need instantiation, which is not handled yet.
        if let Type::Named { tparams, .. } | Type::Alias { tparams, .. } = self.env.ty(t)
            && !tparams.is_empty()
        {
            return None;
        }
        self.record(fi, id, o, false);
        Some(t)
    }

    fn func_type(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let f = &self.files[fi];
        let ExprKind::FuncType { params, results } = f.expr(e).kind.clone() else { return None };
        let mut variadic = false;
        let mut ps = Vec::new();
        let plist: Vec<_> = f.list(params).collect();
        for (i, fid) in plist.iter().enumerate() {
            let field = f.field(*fid).clone();
            let typ = field.typ?;
            let t = match f.expr(typ).kind {
                ExprKind::DotsType { elem } if i == plist.len() - 1 => {
                    variadic = true;
                    let t = self.type_expr(fi, elem)?;
                    self.env.new_slice(t)
                }
                _ => self.type_expr(fi, typ)?,
            };
            ps.push(self.param(fi, field.name, t));
        }
        let mut rs = Vec::new();
        for fid in f.list(results).collect::<Vec<_>>() {
            let field = f.field(fid).clone();
            let t = self.type_expr(fi, field.typ?)?;
            rs.push(self.param(fi, field.name, t));
        }
        Some(self.env.new_signature(ps, rs, variadic))
    }

    fn param(&mut self, fi: usize, name: Option<ExprId>, t: TypeId) -> ObjId {
        let f = &self.files[fi];
        let n = name.map(|n| f.name_str(n).to_string()).unwrap_or_default();
        let v = self.env.new_var(Some(self.pkg), &n, t);
        if let Some(id) = name {
            self.record(fi, id, v, true);
        }
        v
    }

    // ---- constant expressions ---------------------------------------

    fn untyped(&self, k: BasicKind) -> TypeId {
        self.env.typ(k)
    }

    /// The value of a constant expression, or `None` (error reported, or
    /// an expression form not handled yet).
    fn const_expr(&mut self, fi: usize, e: ExprId, iota: u32) -> Option<Operand> {
        let pos = self.files[fi].expr(e).pos;
        self.nested(fi, pos, |c| c.const_expr_inner(fi, e, iota))
    }

    fn const_expr_inner(&mut self, fi: usize, e: ExprId, iota: u32) -> Option<Operand> {
        let f = &self.files[fi];
        let pos = f.expr(e).pos;
        match f.expr(e).kind.clone() {
            ExprKind::BasicLit { kind, bad } => {
                if bad {
                    return None;
                }
                let text = String::from_utf8_lossy(f.text(e)).to_string();
                let val = Value::from_literal(&text, kind);
                if val == Value::Unknown {
                    self.error(fi, pos, format!("malformed constant: {text}"));
                    return None;
                }
                let k = match kind {
                    LitKind::Int => BasicKind::UntypedInt,
                    LitKind::Float => BasicKind::UntypedFloat,
                    LitKind::Imag => BasicKind::UntypedComplex,
                    LitKind::Rune => BasicKind::UntypedRune,
                    LitKind::String => BasicKind::UntypedString,
                };
                Some(Operand { typ: self.untyped(k), val })
            }
            ExprKind::Name(_) => {
                let name = f.name_str(e).to_string();
                let Some((scope, o)) = self.env.lookup_parent(self.file_scopes[fi], &name) else {
                    self.error(fi, pos, format!("undefined: {name}"));
                    return None;
                };
                if name == "iota" && scope == self.env.universe {
                    self.record(fi, e, o, false);
                    return Some(Operand {
                        typ: self.untyped(BasicKind::UntypedInt),
                        val: Value::from_i64(iota as i64),
                    });
                }
                self.const_obj(fi, e, o)
            }
            ExprKind::Selector { x, sel } => {
                let o = self.qualified(fi, x, sel)?;
                self.const_obj(fi, sel, o)
            }
            ExprKind::Paren { x } => self.const_expr(fi, x, iota),
            ExprKind::Operation { op, x, y: None } => {
                let x = self.const_expr(fi, x, iota)?;
                self.unary(fi, pos, op, x)
            }
            ExprKind::Operation { op, x, y: Some(y) } => {
                let x = self.const_expr(fi, x, iota)?;
                let y = self.const_expr(fi, y, iota)?;
                self.binary(fi, pos, op, x, y)
            }
            ExprKind::Call { fun, args, has_dots: false } => {
                let args: Vec<ExprId> = f.list(args).collect();
                self.const_call(fi, e, fun, &args, iota)
            }
            _ => None,
        }
    }

    fn const_obj(&mut self, fi: usize, id: ExprId, o: ObjId) -> Option<Operand> {
        if !matches!(self.env.obj(o).kind, ObjKind::Const { .. }) {
            return None;
        }
        if self.state.get(&o) == Some(&State::Busy) {
            let pos = self.files[fi].expr(id).pos;
            let name = self.env.obj(o).name.clone();
            self.error(fi, pos, format!("initialization cycle or invalid reference to {name}"));
            return None;
        }
        if !self.resolve(o) {
            return None;
        }
        self.record(fi, id, o, false);
        let obj = self.env.obj(o);
        let ObjKind::Const { val } = &obj.kind else { return None };
        Some(Operand { typ: obj.typ?, val: val.clone() })
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

    /// `x` converted to `t`'s representation (overflow reported).
    fn represent(&mut self, fi: usize, pos: u32, x: &Operand, t: TypeId) -> Option<Operand> {
        let Some(target) = self.target(t) else {
            let ts = self.env.type_string(t);
            self.error(fi, pos, format!("invalid constant type {ts}"));
            return None;
        };
        match constant::representable(&x.val, target) {
            Some(val) => Some(Operand { typ: t, val }),
            None => {
                let ts = self.env.type_string(t);
                let msg = if x.val.kind() == constant::Kind::Float && matches!(target, Target::Int { .. }) {
                    format!("constant {} truncated to {ts}", x.val.exact_string())
                } else if x.val.kind() == constant::Kind::Int || x.val.kind() == constant::Kind::Float {
                    format!(
                        "cannot use {} (constant of type {}) as {ts} value (overflows)",
                        x.val,
                        self.env.type_string(x.typ)
                    )
                } else {
                    format!("cannot convert {} to type {ts}", x.val)
                };
                self.error(fi, pos, msg);
                None
            }
        }
    }

    fn is_untyped(&self, t: TypeId) -> bool {
        self.env.basic_kind(t).is_some_and(BasicKind::is_untyped)
            && !matches!(self.env.ty(t), Type::Named { .. })
    }

    /// Assignment of a constant to a declared type: untyped values are
    /// converted, typed ones must have the identical type.
    fn convert_untyped_or_same(&mut self, fi: usize, pos: u32, x: &Operand, t: TypeId) -> Option<Operand> {
        if self.is_untyped(x.typ) {
            return self.represent(fi, pos, x, t);
        }
        if x.typ == t {
            return Some(x.clone());
        }
        let (xs, ts) = (self.env.type_string(x.typ), self.env.type_string(t));
        self.error(fi, pos, format!("cannot use {} (constant of type {xs}) as {ts} value", x.val));
        None
    }

    fn unary(&mut self, fi: usize, pos: u32, op: Operator, x: Operand) -> Option<Operand> {
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
        self.finish(fi, pos, Operand { typ: x.typ, val })
    }

    /// Checks an operation's result: typed values must be representable;
    /// untyped integers may not exceed 512 bits.
    fn finish(&mut self, fi: usize, pos: u32, x: Operand) -> Option<Operand> {
        if x.val == Value::Unknown {
            return None;
        }
        if self.is_untyped(x.typ) {
            if x.val.bit_len() > 512 {
                self.error(fi, pos, "constant overflow");
                return None;
            }
            return Some(x);
        }
        self.represent(fi, pos, &x, x.typ)
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

    fn binary(&mut self, fi: usize, pos: u32, op: Operator, x: Operand, y: Operand) -> Option<Operand> {
        if matches!(op, Operator::Shl | Operator::Shr) {
            return self.shift(fi, pos, op, x, y);
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
                            self.env.type_string(x.typ),
                            self.env.type_string(y.typ)
                        ),
                    );
                    return None;
                }
            },
            (true, false) => y.typ,
            (false, true) => x.typ,
            (false, false) => {
                if x.typ != y.typ {
                    let (xs, ys) = (self.env.type_string(x.typ), self.env.type_string(y.typ));
                    self.error(fi, pos, format!("invalid operation: mismatched types {xs} and {ys}"));
                    return None;
                }
                x.typ
            }
        };
        let x = if self.is_untyped(x.typ) && !self.is_untyped(typ) {
            self.represent(fi, pos, &x, typ)?
        } else {
            x
        };
        let y = if self.is_untyped(y.typ) && !self.is_untyped(typ) {
            self.represent(fi, pos, &y, typ)?
        } else {
            y
        };
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
        self.finish(fi, pos, Operand { typ, val })
    }

    fn shift(&mut self, fi: usize, pos: u32, op: Operator, x: Operand, y: Operand) -> Option<Operand> {
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
            if v == Value::Unknown {
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
        self.finish(fi, pos, Operand { typ: x.typ, val })
    }

    fn const_call(
        &mut self,
        fi: usize,
        e: ExprId,
        fun: ExprId,
        args: &[ExprId],
        iota: u32,
    ) -> Option<Operand> {
        let f = &self.files[fi];
        let pos = f.expr(e).pos;
        let fun_u = f.unparen(fun);
        // Builtins: len, min, max and unsafe.Sizeof/Alignof/Offsetof.
        let builtin = match &f.expr(fun_u).kind {
            ExprKind::Name(_) => {
                let name = f.name_str(fun_u).to_string();
                self.lookup(fi, &name).map(|o| (o, fun_u))
            }
            ExprKind::Selector { x, sel } => {
                let (x, sel) = (*x, *sel);
                let is_unsafe = self.lookup(fi, f.name_str(x)).is_some_and(|o| {
                    self.env.obj(o).kind == ObjKind::PkgName { imported: self.env.unsafe_pkg }
                });
                if is_unsafe { self.qualified(fi, x, sel).map(|o| (o, sel)) } else { None }
            }
            _ => None,
        };
        if let Some((o, id)) = builtin
            && let ObjKind::Builtin(b) = self.env.obj(o).kind
        {
            self.record(fi, id, o, false);
            return self.builtin_call(fi, pos, b, args, iota);
        }
        // Conversion T(x).
        let is_type = match &f.expr(fun_u).kind {
            ExprKind::Name(_) => {
                self.lookup(fi, f.name_str(fun_u)).is_some_and(|o| self.env.obj(o).kind == ObjKind::TypeName)
            }
            ExprKind::Selector { x, sel } => {
                let (x, sel) = (*x, *sel);
                let px = self.lookup(fi, f.name_str(x));
                match px.map(|o| self.env.obj(o).kind.clone()) {
                    Some(ObjKind::PkgName { imported }) => {
                        let scope = self.env.package(imported).scope;
                        self.env
                            .lookup(scope, f.name_str(sel))
                            .is_some_and(|o| self.env.obj(o).kind == ObjKind::TypeName)
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if !is_type || args.len() != 1 {
            return None;
        }
        let t = self.type_expr(fi, fun_u)?;
        let x = self.const_expr(fi, args[0], iota)?;
        self.conversion(fi, pos, x, t)
    }

    /// Constant-valued builtin calls.
    fn builtin_call(
        &mut self,
        fi: usize,
        pos: u32,
        b: Builtin,
        args: &[ExprId],
        iota: u32,
    ) -> Option<Operand> {
        let uintptr = self.env.typ(BasicKind::Uintptr);
        match (b, args) {
            (Builtin::Len, [x]) => {
                if let Some(v) = self.try_const(fi, *x, iota) {
                    if v.val.kind() != constant::Kind::String {
                        return None;
                    }
                    let n = v.val.as_bytes().len() as i64;
                    return Some(Operand { typ: self.env.typ(BasicKind::Int), val: Value::from_i64(n) });
                }
                // len of an array (or pointer to array) without calls is constant.
                let t = self.expr_type(fi, *x)?;
                let t = match self.env.ty(self.env.underlying(t)) {
                    Type::Pointer { elem } => *elem,
                    _ => t,
                };
                match self.env.ty(self.env.underlying(t)) {
                    Type::Array { len, .. } if *len >= 0 => {
                        Some(Operand { typ: self.env.typ(BasicKind::Int), val: Value::from_i64(*len) })
                    }
                    _ => None,
                }
            }
            (Builtin::Min | Builtin::Max, [first, rest @ ..]) => {
                let mut acc = self.const_expr(fi, *first, iota)?;
                for &a in rest {
                    let y = self.const_expr(fi, a, iota)?;
                    // Bring both to one type as a comparison would, keep the smaller/larger.
                    let op = if b == Builtin::Min { Operator::Lss } else { Operator::Gtr };
                    let ty = match (self.is_untyped(acc.typ), self.is_untyped(y.typ)) {
                        (true, true) => self.max_untyped(acc.typ, y.typ)?,
                        (true, false) => y.typ,
                        (false, true) => acc.typ,
                        (false, false) if acc.typ == y.typ => acc.typ,
                        _ => return None,
                    };
                    let kind = self.env.basic_kind(ty)?;
                    if !(kind.is_numeric() || kind.is_string()) || kind.is_complex() {
                        return None;
                    }
                    let take_y = constant::compare(&y.val, op, &acc.val);
                    let v = if take_y { y.val } else { acc.val };
                    acc = Operand { typ: ty, val: v };
                    if !self.is_untyped(ty) {
                        acc = self.represent(fi, pos, &acc, ty)?;
                    }
                }
                Some(acc)
            }
            (Builtin::Sizeof | Builtin::Alignof, [x]) => {
                let t = self.expr_type(fi, *x)?;
                let t = self.default_type(t);
                if !self.layout_known(t, 0) {
                    return None;
                }
                let v = if b == Builtin::Sizeof {
                    self.sizes.sizeof(self.env, t)
                } else {
                    self.sizes.alignof(self.env, t)
                };
                (v >= 0).then(|| Operand { typ: uintptr, val: Value::from_i64(v) })
            }
            (Builtin::Offsetof, [x]) => {
                let f = &self.files[fi];
                let ExprKind::Selector { x: base, sel } = f.expr(f.unparen(*x)).kind else { return None };
                let bt = self.expr_type(fi, base)?;
                if !self.layout_known(bt, 0) {
                    return None;
                }
                let name = f.name_str(sel).to_string();
                let (field, offset, via_ptr) = self.lookup_field(bt, &name)?;
                if via_ptr {
                    return None;
                }
                self.record(fi, sel, field, false);
                Some(Operand { typ: uintptr, val: Value::from_i64(offset) })
            }
            _ => None,
        }
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

    /// The value of `e` if it is a constant expression, without reporting
    /// errors when it is not.
    fn try_const(&mut self, fi: usize, e: ExprId, iota: u32) -> Option<Operand> {
        let n = self.errors.len();
        let r = self.const_expr(fi, e, iota);
        if r.is_none() {
            self.errors.truncate(n);
        }
        r
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

    /// The type of a (non-constant) expression of the few forms constant
    /// builtins take: composite literals, variables with a declared type,
    /// field selections, dereferences, conversions and constants.
    fn expr_type(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let pos = self.files[fi].expr(e).pos;
        self.nested(fi, pos, |c| c.expr_type_inner(fi, e))
    }

    fn expr_type_inner(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let f = &self.files[fi];
        match f.expr(e).kind.clone() {
            ExprKind::Paren { x } => self.expr_type(fi, x),
            ExprKind::CompositeLit { typ: Some(t), elems, .. } if elems.is_empty() => self.type_expr(fi, t),
            ExprKind::Name(_) => {
                let name = f.name_str(e).to_string();
                let o = self.lookup(fi, &name)?;
                self.value_obj_type(fi, e, o)
            }
            ExprKind::Selector { x, sel } => {
                let fx = f.unparen(x);
                let is_pkg = matches!(f.expr(fx).kind, ExprKind::Name(_))
                    && self
                        .lookup(fi, f.name_str(fx))
                        .is_some_and(|o| matches!(self.env.obj(o).kind, ObjKind::PkgName { .. }));
                if is_pkg {
                    let o = self.qualified(fi, fx, sel)?;
                    return self.value_obj_type(fi, sel, o);
                }
                let bt = self.expr_type(fi, x)?;
                let name = f.name_str(sel).to_string();
                let (field, _, _) = self.lookup_field(bt, &name)?;
                self.record(fi, sel, field, false);
                self.env.obj(field).typ
            }
            ExprKind::Operation { op: Operator::Mul, x, y: None } => {
                let t = self.expr_type(fi, x)?;
                match self.env.ty(self.env.underlying(t)) {
                    Type::Pointer { elem } => Some(*elem),
                    _ => None,
                }
            }
            ExprKind::Call { fun, args, has_dots: false } if args.len() == 1 => {
                let arg = f.list(args).next()?;
                let fun_u = f.unparen(fun);
                let is_type = match &f.expr(fun_u).kind {
                    ExprKind::Name(_) => self
                        .lookup(fi, f.name_str(fun_u))
                        .is_some_and(|o| self.env.obj(o).kind == ObjKind::TypeName),
                    ExprKind::Selector { .. } => true,
                    _ => false,
                };
                if !is_type {
                    return None;
                }
                let t = self.type_expr(fi, fun_u)?;
                let a = f.unparen(arg);
                if matches!(f.expr(a).kind, ExprKind::Name(_)) && f.name_str(a) == "nil" {
                    let (scope, nil) = self.env.lookup_parent(self.file_scopes[fi], "nil")?;
                    if scope != self.env.universe {
                        return None;
                    }
                    let nilable = matches!(
                        self.env.ty(self.env.underlying(t)),
                        Type::Pointer { .. }
                            | Type::Slice { .. }
                            | Type::Map { .. }
                            | Type::Chan { .. }
                            | Type::Signature { .. }
                            | Type::Interface { .. }
                            | Type::Basic { kind: BasicKind::UnsafePointer, .. }
                    );
                    if !nilable {
                        return None;
                    }
                    self.record(fi, a, nil, false);
                    return Some(t);
                }
                self.expr_type(fi, arg)?;
                Some(t)
            }
            _ => {
                let x = self.try_const(fi, e, 0)?;
                Some(x.typ)
            }
        }
    }

    /// The type of a variable or constant used as a value.
    fn value_obj_type(&mut self, fi: usize, id: ExprId, o: ObjId) -> Option<TypeId> {
        match self.env.obj(o).kind {
            ObjKind::Var { .. } => {
                if !self.resolve(o) {
                    return None;
                }
                let t = self.env.obj(o).typ?;
                self.record(fi, id, o, false);
                Some(t)
            }
            ObjKind::Const { .. } => self.const_obj(fi, id, o).map(|x| x.typ),
            _ => None,
        }
    }

    /// Constant conversion `T(x)` (types2 `conversion` for constants).
    fn conversion(&mut self, fi: usize, pos: u32, x: Operand, t: TypeId) -> Option<Operand> {
        let tk = self.env.basic_kind(t)?;
        let xk = self.env.basic_kind(x.typ)?;
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
        if !tk.is_const_type() {
            return None;
        }
        if xk.is_numeric() && tk.is_numeric() {
            // Integer to float conversions round; float to integer must be exact.
            return self.represent(fi, pos, &x, t);
        }
        if (xk.is_string() && tk.is_string()) || (xk.is_boolean() && tk.is_boolean()) {
            return Some(Operand { typ: t, val: x.val });
        }
        self.error(fi, pos, format!("cannot convert {} to type {}", x.val, self.env.type_string(t)));
        None
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
        let Some(t) = o.typ else { continue };
        let (line, col) = f.source_map.line_col(r.offset);
        let name = file_names.get(r.file as usize).map_or("", String::as_str);
        let mut s = format!("{name}:{line}:{col}\t{}\t{}\t{}", o.name, o.kind.as_str(), env.type_string(t));
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
    match files.get(e.file) {
        Some(f) => {
            let (line, col) = f.source_map.line_col(e.offset);
            format!("{}:{line}:{col}: {}", file_names.get(e.file).map_or("", String::as_str), e.msg)
        }
        None => e.msg.clone(),
    }
}
