//! Type expressions (types2 `typexpr.go`, `signature.go`, `interface.go`,
//! `union.go`, the type-parameter part of `decl.go`): named and qualified
//! types, composite type literals, function signatures with their
//! parameter scopes, interfaces with unions and `~T` terms, type
//! parameter lists with their constraints, and instantiation `G[A, B]`.

use go_syntax::ast::{ExprId, ExprKind, FieldId, List};
use go_syntax::{ChanDir as SynDir, LitKind, Operator};

use super::Checker;
use super::expr::Mode;
use crate::constant::Value;
use crate::instantiate;
use crate::types::{BasicKind, ChanDir, ObjId, ObjKind, ScopeId, Term, Type, TypeId};

impl Checker<'_> {
    /// The type denoted by `e`, or `None` (error reported, or a construct
    /// not handled).
    pub(crate) fn type_expr(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let pos = self.files[fi].expr(e).pos;
        self.nested(fi, pos, |c| c.type_expr_inner(fi, e))
    }

    fn type_expr_inner(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        match f.expr(e).kind {
            ExprKind::Name(_) => {
                let t = self.generic_type_name(fi, e)?;
                self.not_generic(fi, e, t)
            }
            ExprKind::Selector { .. } => {
                let t = self.generic_type_name(fi, e)?;
                self.not_generic(fi, e, t)
            }
            ExprKind::Index { x, index } => {
                let g = self.generic_type_name(fi, x)?;
                let tparams = match self.env.ty(g) {
                    Type::Named { tparams, orig: None, .. } | Type::Alias { tparams, .. } => tparams.clone(),
                    _ => Vec::new(),
                };
                let mut targs = Vec::new();
                for a in self.index_list(fi, index) {
                    targs.push(self.var_type(fi, a)?);
                }
                if tparams.is_empty() {
                    let s = self.expr_string(fi, x);
                    self.error(fi, pos, format!("{s} is not a generic type"));
                    return None;
                }
                if targs.len() != tparams.len() {
                    let s = match self.env.ty(g) {
                        Type::Named { obj, .. } | Type::Alias { obj, .. } => self.env.obj(*obj).name.clone(),
                        _ => self.expr_string(fi, x),
                    };
                    let what = if targs.len() < tparams.len() { "not enough" } else { "too many" };
                    self.error(
                        fi,
                        f.expr(x).pos,
                        format!(
                            "{what} type arguments for type {s}: have {}, want {}",
                            targs.len(),
                            tparams.len()
                        ),
                    );
                    return None;
                }
                let mut vpos: Vec<u32> =
                    self.index_list(fi, index).iter().map(|&a| f.expr(a).start).collect();
                vpos.push(f.expr(x).pos);
                self.verify_later(fi, vpos, tparams, targs.clone());
                let inst = instantiate::instantiate(self.env, g, &targs);
                let id = match f.expr(x).kind {
                    ExprKind::Selector { sel, .. } => sel,
                    _ => x,
                };
                self.record_instance(fi, id, inst);
                Some(inst)
            }
            ExprKind::Paren { x } => self.type_expr(fi, x),
            ExprKind::Operation { op: Operator::Mul, x, y: None } => {
                let t = self.var_type(fi, x)?;
                Some(self.env.new_pointer(t))
            }
            ExprKind::SliceType { elem } => {
                let t = self.var_type(fi, elem)?;
                Some(self.env.new_slice(t))
            }
            ExprKind::ArrayType { len: Some(len), elem } => {
                let n = self.array_length(fi, len);
                let t = self.var_type(fi, elem)?;
                Some(self.env.new_array(t, n?))
            }
            ExprKind::ArrayType { len: None, .. } => {
                self.error(fi, pos, "invalid use of [...] array (outside a composite literal)");
                None
            }
            ExprKind::MapType { key, value } => {
                let k = self.var_type(fi, key)?;
                let v = self.var_type(fi, value)?;
                self.check_map_key(fi, key, k);
                Some(self.env.new_map(k, v))
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.var_type(fi, elem)?;
                let dir = match dir {
                    SynDir::Both => ChanDir::SendRecv,
                    SynDir::SendOnly => ChanDir::SendOnly,
                    SynDir::RecvOnly => ChanDir::RecvOnly,
                };
                Some(self.env.new_chan(dir, t))
            }
            ExprKind::FuncType { .. } => self.func_type(fi, e),
            ExprKind::StructType { fields } => self.struct_type(fi, fields),
            ExprKind::InterfaceType { methods } => self.interface_type(fi, methods),
            ExprKind::Operation { op: Operator::Tilde | Operator::Or, .. } => {
                self.error(fi, pos, "cannot use a type set outside a constraint");
                None
            }
            _ => {
                let x = self.raw_expr(fi, e, None);
                if !x.is_invalid() {
                    let s = self.expr_string(fi, e);
                    self.error(fi, pos, format!("{s} is not a type"));
                }
                None
            }
        }
    }

    /// types2 `objectKind`: "package-level variable", "constant", ...
    pub(crate) fn object_kind(&self, o: ObjId) -> &'static str {
        let obj = self.env.obj(o);
        match &obj.kind {
            ObjKind::PkgName { .. } => "package name",
            ObjKind::Const { .. } => "constant",
            ObjKind::TypeName => {
                if matches!(obj.typ.map(|t| self.env.ty(t)), Some(Type::Alias { .. })) {
                    "type alias"
                } else if matches!(obj.typ.map(|t| self.env.ty(t)), Some(Type::TypeParam { .. })) {
                    "type parameter"
                } else {
                    "defined type"
                }
            }
            ObjKind::Var { field: true, .. } => "struct field",
            ObjKind::Var { .. } => {
                let pkg_scope = obj.pkg.map(|p| self.env.package(p).scope);
                if obj.parent.is_some() && obj.parent == pkg_scope {
                    "package-level variable"
                } else {
                    "local variable"
                }
            }
            ObjKind::Func => {
                if matches!(obj.typ.map(|t| self.env.ty(t)), Some(Type::Signature { recv: Some(_), .. })) {
                    "method"
                } else {
                    "function"
                }
            }
            ObjKind::Label => "label",
            ObjKind::Builtin(_) => "built-in function",
            ObjKind::Nil => "untyped nil",
        }
    }

    /// A constant array length (types2 `arrayLength`).
    fn array_length(&mut self, fi: usize, len: ExprId) -> Option<i64> {
        let f = &self.files[fi];
        let pos = f.expr(len).pos;
        // A name that is no constant: maybe a type parameter list with a
        // missing constraint.
        if matches!(f.expr(len).kind, ExprKind::Name(_)) {
            let name = f.name_str(len).to_string();
            match self.lookup_scope(fi, &name) {
                None => {
                    self.error(fi, pos, format!("undefined array length {name} or missing type constraint"));
                    return None;
                }
                Some((_, o)) if !matches!(self.env.obj(o).kind, ObjKind::Const { .. }) => {
                    self.error(fi, pos, format!("invalid array length {name}"));
                    return None;
                }
                _ => {}
            }
        }
        let saved = self.iota;
        let x = self.expr(fi, len);
        self.iota = saved;
        if x.is_invalid() {
            return None;
        }
        let at = self.files[fi].expr(len).start;
        let Mode::Const(v) = &x.mode else {
            let s = self.opstr(fi, len, &x);
            self.error(fi, at, format!("array length {s} must be constant"));
            return None;
        };
        let integer = crate::predicates::is_integer(self.env, x.typ);
        if (integer || self.is_untyped_type(x.typ))
            && let Some(n) = v.to_int().to_i64()
            && n >= 0
        {
            return Some(n);
        }
        let s = self.opstr(fi, len, &x);
        let msg = if integer {
            format!("invalid array length {s}")
        } else {
            format!("array length {s} must be integer")
        };
        self.error(fi, at, msg);
        None
    }

    /// The type named by a (possibly qualified) identifier, generic or not;
    /// the identifiers are recorded.
    fn generic_type_name(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        let (o, id) = match f.expr(e).kind {
            ExprKind::Name(_) => {
                let name = f.name_str(e);
                let Some((_, o)) = self.lookup_scope(fi, name) else {
                    self.error(fi, pos, format!("undefined: {name}"));
                    return None;
                };
                (o, e)
            }
            ExprKind::Selector { x, sel } => (self.qualified(fi, x, sel)?, sel),
            ExprKind::Paren { x } => return self.generic_type_name(fi, x),
            _ => {
                let t = self.type_expr(fi, e)?;
                return Some(t);
            }
        };
        if self.env.obj(o).kind != ObjKind::TypeName {
            let name = self.env.obj(o).name.clone();
            self.record(fi, id, o, false);
            let kind = self.object_kind(o);
            self.error(fi, pos, format!("{name} ({kind}) is not a type"));
            if matches!(self.env.obj(o).kind, ObjKind::Var { .. }) {
                self.used.insert(o);
            }
            return None;
        }
        self.record(fi, id, o, false);
        if self.state.contains_key(&o) {
            self.resolve(o);
        }
        self.env.obj(o).typ
    }

    fn not_generic(&mut self, fi: usize, e: ExprId, t: TypeId) -> Option<TypeId> {
        if let Type::Named { tparams, orig: None, .. } | Type::Alias { tparams, .. } = self.env.ty(t)
            && !tparams.is_empty()
        {
            let pos = self.files[fi].expr(e).start;
            let s = self.tstr(t);
            self.error(fi, pos, format!("cannot use generic type {s} without instantiation"));
            return None;
        }
        Some(t)
    }

    /// `pkg.Name` where `pkg` is an imported package: the object, with
    /// both identifiers recorded as uses.
    pub(crate) fn qualified(&mut self, fi: usize, x: ExprId, sel: ExprId) -> Option<ObjId> {
        let files = self.files;
        let f = &files[fi];
        if !matches!(f.expr(x).kind, ExprKind::Name(_)) {
            let pos = f.expr(x).pos;
            let s = self.expr_string(fi, x);
            self.error(fi, pos, format!("{s} is not a package"));
            return None;
        }
        let pname = f.name_str(x).to_string();
        let Some((_, po)) = self.lookup_scope(fi, &pname) else {
            self.error(fi, f.expr(x).pos, format!("undefined: {pname}"));
            return None;
        };
        let ObjKind::PkgName { imported } = self.env.obj(po).kind else {
            self.error(fi, f.expr(x).pos, format!("{pname} is not a package"));
            return None;
        };
        self.record(fi, x, po, false);
        self.used_pkgs.insert(po);
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

    fn struct_type(&mut self, fi: usize, fields: List<FieldId>) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let mut vars = Vec::new();
        let mut tags = Vec::new();
        let mut prev: Option<(ExprId, TypeId)> = None;
        for fid in f.list(fields) {
            let field = f.field(fid).clone();
            let typ = field.typ?;
            let t = match prev {
                Some((pe, pt)) if pe == typ => pt,
                _ => self.var_type(fi, typ)?,
            };
            prev = Some((typ, t));
            let tag = match field.tag {
                Some(tg) => {
                    let lit = String::from_utf8_lossy(f.text(tg)).to_string();
                    String::from_utf8_lossy(Value::from_literal(&lit, LitKind::String).as_bytes()).to_string()
                }
                None => String::new(),
            };
            let (name, name_id, embedded) = match field.name {
                Some(n) => (f.name_str(n).to_string(), n, false),
                None => {
                    let id = super::embedded_name(f, typ)?;
                    (f.name_str(id).to_string(), id, true)
                }
            };
            let v = self.env.new_field(Some(self.pkg), &name, t, embedded);
            self.env.obj_mut(v).pos = Some((fi as u32, f.expr(name_id).pos));
            self.record(fi, name_id, v, true);
            // Field names are unique (types2 `declareInSet`).
            if name != "_"
                && let Some(&alt) = vars.iter().find(|&&o| self.env.obj(o).name == name)
            {
                let rel = self.alt_decl(alt);
                self.error_related(fi, f.expr(name_id).pos, format!("{name} redeclared"), rel);
            }
            vars.push(v);
            tags.push(tag);
        }
        Some(self.env.new_struct(vars, tags))
    }

    fn interface_type(&mut self, fi: usize, methods: List<FieldId>) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let mut ms = Vec::new();
        let mut embeddeds = Vec::new();
        for fid in f.list(methods) {
            let field = f.field(fid).clone();
            let typ = field.typ?;
            match field.name {
                Some(n) => {
                    let sig = self.func_type(fi, typ)?;
                    let m = self.env.new_func(Some(self.pkg), f.name_str(n), sig);
                    self.env.obj_mut(m).pos = Some((fi as u32, f.expr(n).pos));
                    self.record(fi, n, m, true);
                    ms.push(m);
                }
                None => {
                    let t = self.type_term_expr(fi, typ)?;
                    embeddeds.push(t);
                }
            }
        }
        Some(self.env.new_interface(ms, embeddeds))
    }

    /// An interface element: a type, `~T`, or a union `A | ~B`.
    fn type_term_expr(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        match f.expr(e).kind {
            ExprKind::Operation { op: Operator::Or, .. }
            | ExprKind::Operation { op: Operator::Tilde, y: None, .. } => {
                let mut terms = Vec::new();
                self.union_terms(fi, e, &mut terms)?;
                Some(self.env.new_type(Type::Union { terms }))
            }
            _ => self.type_expr(fi, e),
        }
    }

    fn union_terms(&mut self, fi: usize, e: ExprId, out: &mut Vec<Term>) -> Option<()> {
        let files = self.files;
        let f = &files[fi];
        match f.expr(e).kind {
            ExprKind::Operation { op: Operator::Or, x, y: Some(y) } => {
                self.union_terms(fi, x, out)?;
                self.union_terms(fi, y, out)
            }
            ExprKind::Operation { op: Operator::Tilde, x, y: None } => {
                let t = self.type_expr(fi, x)?;
                out.push(Term { tilde: true, typ: t });
                Some(())
            }
            ExprKind::Paren { x } => self.union_terms(fi, x, out),
            _ => {
                let t = self.type_expr(fi, e)?;
                out.push(Term { tilde: false, typ: t });
                Some(())
            }
        }
    }

    /// A type parameter's constraint (types2 `bound`): unions, `~T` and
    /// non-interface types are wrapped in an implicit interface.
    fn bound_type(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let is_set = matches!(
            f.expr(e).kind,
            ExprKind::Operation { op: Operator::Or, .. }
                | ExprKind::Operation { op: Operator::Tilde, y: None, .. }
        );
        let t = if is_set { self.type_term_expr(fi, e)? } else { self.type_expr(fi, e)? };
        let u = self.env.underlying(t);
        if !is_set && matches!(self.env.ty(u), Type::Interface { .. }) {
            return Some(t);
        }
        if !is_set && matches!(self.env.ty(self.env.unalias(t)), Type::TypeParam { .. }) {
            let pos = f.expr(e).pos;
            let s = self.expr_string(fi, e);
            self.error(fi, pos, format!("cannot use a type parameter as constraint: {s}"));
            return None;
        }
        Some(self.env.new_type(Type::Interface { methods: Vec::new(), embeddeds: vec![t], implicit: true }))
    }

    /// Declares the type parameters of `fields` in the current scope and
    /// sets their constraints.
    pub(crate) fn declare_tparams(&mut self, fi: usize, fields: &List<FieldId>) -> Vec<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let list: Vec<FieldId> = f.list(*fields).collect();
        let mut tps = Vec::new();
        for (i, &fid) in list.iter().enumerate() {
            let field = f.field(fid);
            let Some(n) = field.name else { continue };
            let name = f.name_str(n).to_string();
            let placeholder = self.env.typ(BasicKind::Invalid);
            let t = self.env.new_type_param(Some(self.pkg), &name, i as u32, placeholder);
            let o = self.tparam_obj(t);
            self.env.obj_mut(o).pos = Some((fi as u32, f.expr(n).pos));
            self.declare_local(fi, Some(n), o);
            tps.push(t);
        }
        let mut prev: Option<(ExprId, TypeId)> = None;
        for (k, &fid) in list.iter().enumerate() {
            let Some(typ) = f.field(fid).typ else { continue };
            let bound = match prev {
                Some((pe, pb)) if pe == typ => pb,
                _ => self.bound_type(fi, typ).unwrap_or(TypeId(0)),
            };
            prev = Some((typ, bound));
            if let Some(&tp) = tps.get(k)
                && let Type::TypeParam { bound: b, .. } = self.env.ty_mut(tp)
            {
                *b = bound;
            }
        }
        tps
    }

    /// A function type with its parameter objects (not declared anywhere).
    pub(crate) fn func_type(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let ExprKind::FuncType { params, results } = f.expr(e).kind else { return None };
        let mut variadic = false;
        let mut ps = Vec::new();
        let plist: Vec<_> = f.list(params).collect();
        let mut prev: Option<(ExprId, TypeId)> = None;
        for (i, fid) in plist.iter().enumerate() {
            let field = f.field(*fid).clone();
            let typ = field.typ?;
            let t = match prev {
                Some((pe, pt)) if pe == typ => pt,
                _ => match f.expr(typ).kind {
                    ExprKind::DotsType { elem } => {
                        if i != plist.len() - 1 {
                            self.error(fi, f.expr(typ).pos, "can only use ... with final parameter in list");
                        }
                        variadic = true;
                        let t = self.var_type(fi, elem)?;
                        self.env.new_slice(t)
                    }
                    _ => self.var_type(fi, typ)?,
                },
            };
            prev = Some((typ, t));
            ps.push(self.param(fi, field.name, t));
        }
        let mut rs = Vec::new();
        let mut prev: Option<(ExprId, TypeId)> = None;
        for fid in f.list(results) {
            let field = f.field(fid).clone();
            let typ = field.typ?;
            let t = match prev {
                Some((pe, pt)) if pe == typ => pt,
                _ => self.var_type(fi, typ)?,
            };
            prev = Some((typ, t));
            rs.push(self.param(fi, field.name, t));
        }
        Some(self.env.new_signature(ps, rs, variadic))
    }

    fn param(&mut self, fi: usize, name: Option<ExprId>, t: TypeId) -> ObjId {
        let f = &self.files[fi];
        let n = name.map(|n| f.name_str(n).to_string()).unwrap_or_default();
        let v = self.env.new_var(Some(self.pkg), &n, t);
        if let Some(id) = name {
            self.env.obj_mut(v).pos = Some((fi as u32, f.expr(id).pos));
            self.record(fi, id, v, true);
        }
        v
    }

    /// Inserts a signature's parameters and results into `scope`.
    pub(crate) fn declare_params(&mut self, fi: usize, sig: TypeId, scope: ScopeId) {
        let Type::Signature { params, results, .. } = self.env.ty(sig).clone() else { return };
        let mut vars: Vec<ObjId> = self.env.tuple_vars(params).to_vec();
        vars.extend(self.env.tuple_vars(results).iter().copied());
        for v in vars {
            if !self.env.obj(v).name.is_empty()
                && let Some(alt) = self.env.insert(scope, v)
            {
                let name = self.env.obj(v).name.clone();
                let pos = self.env.obj(v).pos.map_or(0, |p| p.1);
                let rel = self.alt_decl(alt);
                self.error_related(fi, pos, format!("{name} redeclared in this block"), rel);
            }
        }
    }

    /// A function literal's signature with a new scope holding its
    /// parameters.
    pub(crate) fn func_sig_scoped(&mut self, fi: usize, typ: ExprId) -> Option<(TypeId, ScopeId)> {
        let parent = self.scope.unwrap_or(self.file_scopes[fi]);
        let scope = self.env.new_scope(Some(parent));
        let sig = self.func_type(fi, typ)?;
        self.declare_params(fi, sig, scope);
        Some((sig, scope))
    }
}
