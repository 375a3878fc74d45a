//! Function bodies and statements (types2 `stmt.go`, `assignments.go`,
//! `labels.go`, the local part of `decl.go`): block scopes, short
//! variable declarations, assignments, local constant/type/variable
//! declarations, `if`/`for`/`range`/`switch`/type switches/`select`,
//! returns, and labels.

use rustc_hash::FxHashMap as HashMap;

use go_syntax::ast::{DeclId, DeclKind, ExprId, ExprKind, List, StmtId, StmtKind};
use go_syntax::{Operator, Token};

use super::Checker;
use super::expr::{Mode, Opnd};
use crate::constant::Value;
use crate::predicates;
use crate::types::{BasicKind, ObjId, ObjKind, Object, ScopeId, Type, TypeId};

/// Per-function state saved around nested function literals.
#[derive(Default)]
pub(crate) struct FuncCtx {
    pub sig: Option<TypeId>,
    /// Labels declared in the body: name -> object.
    pub labels: HashMap<String, ObjId>,
    /// Branch statements' label identifiers, resolved at the end.
    pub branches: Vec<ExprId>,
}

impl Checker<'_> {
    /// Opens a block scope nested in the current one.
    pub(crate) fn open_scope(&mut self, fi: usize) -> Option<ScopeId> {
        let parent = self.scope.unwrap_or(self.file_scopes[fi]);
        let s = self.env.new_scope(Some(parent));
        self.scope.replace(s)
    }

    pub(crate) fn close_scope(&mut self, saved: Option<ScopeId>) {
        self.scope = saved;
    }

    /// Declares a local object in the current scope (reporting
    /// redeclarations).
    pub(crate) fn declare_local(&mut self, fi: usize, id: Option<ExprId>, o: ObjId) {
        if let Some(id) = id {
            self.record(fi, id, o, true);
        }
        let Some(s) = self.scope else { return };
        if let Some(_alt) = self.env.insert(s, o) {
            let pos = id.map_or(0, |i| self.files[fi].expr(i).pos);
            let name = self.env.obj(o).name.clone();
            self.error(fi, pos, format!("{name} redeclared in this block"));
        }
    }

    pub(crate) fn new_local_var(&mut self, fi: usize, id: ExprId, typ: Option<TypeId>) -> ObjId {
        let f = &self.files[fi];
        let name = f.name_str(id).to_string();
        let pos = f.expr(id).pos;
        self.env.new_object(Object {
            name,
            kind: ObjKind::Var { field: false, embedded: false },
            pkg: Some(self.pkg),
            typ,
            pos: Some((fi as u32, pos)),
            parent: None,
        })
    }

    /// Checks a function body in `scope` (which holds the parameters).
    pub(crate) fn func_body(&mut self, fi: usize, sig: TypeId, scope: ScopeId, body: StmtId) {
        let saved_scope = self.scope.replace(scope);
        let saved_iota = self.iota.take();
        let saved_ctx = std::mem::replace(&mut self.fctx, FuncCtx { sig: Some(sig), ..Default::default() });
        let files = self.files;
        if let StmtKind::Block { list, .. } = files[fi].stmt(body).kind {
            self.stmt_list(fi, list);
        }
        self.resolve_labels(fi);
        self.fctx = saved_ctx;
        self.iota = saved_iota;
        self.scope = saved_scope;
    }

    /// A function literal's body: checked right away inside functions, and
    /// after the package-level declarations otherwise (types2 delays all
    /// of them; inside bodies scoping makes the order irrelevant).
    pub(crate) fn func_lit_body(&mut self, fi: usize, sig: TypeId, scope: ScopeId, body: StmtId) {
        if self.fctx.sig.is_none() && !self.in_bodies {
            self.delayed.push((fi, sig, scope, body));
            return;
        }
        self.func_body(fi, sig, scope, body);
    }

    fn resolve_labels(&mut self, fi: usize) {
        let files = self.files;
        let f = &files[fi];
        for id in std::mem::take(&mut self.fctx.branches) {
            let name = f.name_str(id).to_string();
            match self.fctx.labels.get(&name).copied() {
                Some(l) => self.record(fi, id, l, false),
                None => {
                    let pos = f.expr(id).pos;
                    self.error(fi, pos, format!("label {name} not defined"));
                }
            }
        }
    }

    fn stmt_list(&mut self, fi: usize, list: List<StmtId>) {
        let files = self.files;
        for s in files[fi].list(list) {
            self.stmt(fi, s);
        }
    }

    fn stmt(&mut self, fi: usize, s: StmtId) {
        let pos = self.files[fi].stmt(s).pos;
        self.nested(fi, pos, |c| {
            c.stmt_inner(fi, s);
            Some(())
        });
    }

    fn stmt_inner(&mut self, fi: usize, s: StmtId) {
        let files = self.files;
        let f = &files[fi];
        let pos = f.stmt(s).pos;
        match f.stmt(s).kind.clone() {
            StmtKind::Empty => {}
            StmtKind::Labeled { label, stmt } => {
                let name = f.name_str(label).to_string();
                if name != "_" {
                    let o = self.env.new_object(Object {
                        name: name.clone(),
                        kind: ObjKind::Label,
                        pkg: Some(self.pkg),
                        typ: Some(TypeId(0)),
                        pos: Some((fi as u32, f.expr(label).pos)),
                        parent: None,
                    });
                    self.record(fi, label, o, true);
                    if self.fctx.labels.insert(name.clone(), o).is_some() {
                        self.error(fi, f.expr(label).pos, format!("label {name} already defined"));
                    }
                }
                self.stmt(fi, stmt);
            }
            StmtKind::Block { list, .. } => {
                let saved = self.open_scope(fi);
                self.stmt_list(fi, list);
                self.close_scope(saved);
            }
            StmtKind::Expr { x } => {
                let o = self.raw_expr(fi, x, None);
                match o.mode {
                    Mode::Invalid | Mode::NoValue => {}
                    Mode::Builtin(_) | Mode::TypExpr => {
                        self.single_value(fi, x, o);
                    }
                    _ => {
                        let xu = f.unparen(x);
                        let is_call = matches!(f.expr(xu).kind, ExprKind::Call { .. });
                        let is_recv = matches!(
                            f.expr(xu).kind,
                            ExprKind::Operation { op: Operator::Recv, y: None, .. }
                        );
                        if !is_call && !is_recv {
                            let s = self.expr_string(fi, x);
                            self.error(
                                fi,
                                pos,
                                format!("{s} (value of type {}) is not used", self.env.type_string(o.typ)),
                            );
                        }
                    }
                }
            }
            StmtKind::Send { chan, value } => {
                let c = self.expr(fi, chan);
                let mut v = self.expr(fi, value);
                if c.is_invalid() || v.is_invalid() {
                    return;
                }
                match self.chan_elem_for_send(c.typ) {
                    Some((elem, true)) => {
                        self.assignment(fi, value, &mut v, Some(elem), "send");
                    }
                    Some((_, false)) => {
                        let s = self.expr_string(fi, chan);
                        self.error(
                            fi,
                            pos,
                            format!("invalid operation: cannot send to receive-only channel {s}"),
                        );
                    }
                    None => {
                        let s = self.expr_string(fi, chan);
                        self.error(fi, pos, format!("invalid operation: cannot send to non-channel {s}"));
                    }
                }
            }
            StmtKind::Decl { decls } => self.local_decls(fi, decls),
            StmtKind::Assign { op, lhs, rhs } => self.assign_stmt(fi, s, op, lhs, rhs),
            StmtKind::Branch { tok, label } => {
                if let Some(l) = label {
                    self.fctx.branches.push(l);
                }
                let _ = tok;
            }
            StmtKind::Call { tok, call } => {
                let o = self.raw_expr(fi, call, None);
                if !o.is_invalid() && !matches!(f.expr(f.unparen(call)).kind, ExprKind::Call { .. }) {
                    let what = if tok == Token::Go { "go" } else { "defer" };
                    self.error(fi, pos, format!("expression in {what} must be function call"));
                }
            }
            StmtKind::Return { results } => self.return_stmt(fi, pos, results),
            StmtKind::If { init, cond, then, els } => {
                let saved = self.open_scope(fi);
                if let Some(i) = init {
                    self.stmt(fi, i);
                }
                if let Some(c) = cond {
                    self.cond(fi, c);
                }
                self.stmt(fi, then);
                if let Some(e) = els {
                    self.stmt(fi, e);
                }
                self.close_scope(saved);
            }
            StmtKind::For { init, cond, post, body } => {
                let saved = self.open_scope(fi);
                if let Some(i) = init {
                    if let StmtKind::Range { lhs, def, x } = f.stmt(i).kind.clone() {
                        self.range_clause(fi, lhs, def, x);
                        self.stmt(fi, body);
                        self.close_scope(saved);
                        return;
                    }
                    self.stmt(fi, i);
                }
                if let Some(c) = cond {
                    self.cond(fi, c);
                }
                if let Some(p) = post {
                    self.stmt(fi, p);
                }
                self.stmt(fi, body);
                self.close_scope(saved);
            }
            StmtKind::Switch { init, tag, body, .. } => {
                let saved = self.open_scope(fi);
                if let Some(i) = init {
                    self.stmt(fi, i);
                }
                match tag.map(|t| (t, f.expr(t).kind.clone())) {
                    Some((_, ExprKind::TypeSwitchGuard { lhs, x })) => self.type_switch(fi, lhs, x, body),
                    Some((t, _)) => {
                        let mut x = self.expr(fi, t);
                        if self.is_untyped_type(x.typ) {
                            let d = self.default_type(x.typ);
                            self.convert_untyped(fi, t, &mut x, d);
                        }
                        self.switch_body(fi, Some(x), body);
                    }
                    None => self.switch_body(fi, None, body),
                }
                self.close_scope(saved);
            }
            StmtKind::Select { body, .. } => {
                for c in f.list(body) {
                    if let StmtKind::CommClause { comm, body, .. } = f.stmt(c).kind.clone() {
                        let saved = self.open_scope(fi);
                        if let Some(cs) = comm {
                            self.stmt(fi, cs);
                        }
                        self.stmt_list(fi, body);
                        self.close_scope(saved);
                    }
                }
            }
            StmtKind::Range { .. } | StmtKind::CaseClause { .. } | StmtKind::CommClause { .. } => {
                self.error(fi, pos, "unexpected statement");
            }
        }
    }

    fn cond(&mut self, fi: usize, c: ExprId) {
        let mut x = self.expr(fi, c);
        if x.is_invalid() {
            return;
        }
        if !self.all_basic(x.typ, BasicKind::is_boolean) {
            let pos = self.files[fi].expr(c).pos;
            let s = self.expr_string(fi, c);
            self.error(fi, pos, format!("non-boolean condition in if statement: {s}"));
            return;
        }
        if self.is_untyped_type(x.typ) {
            let b = self.env.typ(BasicKind::Bool);
            self.convert_untyped(fi, c, &mut x, b);
        }
    }

    fn return_stmt(&mut self, fi: usize, pos: u32, results: Option<ExprId>) {
        let files = self.files;
        let f = &files[fi];
        let rhs = f.unpack_list(results);
        let Some(sig) = self.fctx.sig else {
            self.use_args(fi, &rhs);
            return;
        };
        let Type::Signature { results: rt, .. } = self.env.ty(sig).clone() else { return };
        let rvars: Vec<TypeId> =
            self.env.tuple_vars(rt).iter().map(|&v| self.env.obj(v).typ.unwrap_or(TypeId(0))).collect();
        if rhs.is_empty() {
            return;
        }
        self.assign_values(
            fi,
            pos,
            &rvars.iter().map(|t| Some(*t)).collect::<Vec<_>>(),
            &rhs,
            "return statement",
        );
    }

    /// Assigns `rhs` to targets of the given types (None: inferred);
    /// returns the final types of the values.
    pub(crate) fn assign_values(
        &mut self,
        fi: usize,
        pos: u32,
        targets: &[Option<TypeId>],
        rhs: &[ExprId],
        context: &str,
    ) -> Vec<Option<TypeId>> {
        let mut out = vec![None; targets.len()];
        if targets.len() == rhs.len() {
            for (i, &r) in rhs.iter().enumerate() {
                let mut x = self.expr_hint(fi, r, targets[i]);
                if self.assignment(fi, r, &mut x, targets[i], context) {
                    out[i] = Some(x.typ);
                }
            }
            return out;
        }
        if rhs.len() == 1 {
            let r = rhs[0];
            let x = self.raw_expr(fi, r, None);
            if x.is_invalid() {
                return out;
            }
            let x = match x.mode {
                Mode::NoValue | Mode::Builtin(_) | Mode::TypExpr => {
                    self.single_value(fi, r, x);
                    return out;
                }
                _ => x,
            };
            if let Type::Tuple { vars } = self.env.ty(x.typ).clone() {
                if vars.len() == targets.len() {
                    for (i, v) in vars.iter().enumerate() {
                        let t = self.env.obj(*v).typ.unwrap_or(TypeId(0));
                        let mut xo = Opnd::value(t);
                        if self.assignment(fi, r, &mut xo, targets[i], context) {
                            out[i] = Some(xo.typ);
                        }
                    }
                    return out;
                }
            } else if targets.len() == 2 && matches!(x.mode, Mode::MapIndex | Mode::CommaOk) {
                let mut first = x.clone();
                first.mode = Mode::Value;
                if self.assignment(fi, r, &mut first, targets[0], context) {
                    out[0] = Some(first.typ);
                }
                let mut ok = Opnd::value(self.env.typ(BasicKind::UntypedBool));
                if self.assignment(fi, r, &mut ok, targets[1], context) {
                    out[1] = Some(ok.typ);
                }
                return out;
            }
        } else {
            self.use_args(fi, rhs);
        }
        self.error(
            fi,
            pos,
            format!("assignment mismatch: {} variables but {} values", targets.len(), rhs.len()),
        );
        out
    }

    fn assign_stmt(&mut self, fi: usize, s: StmtId, op: Operator, lhs: ExprId, rhs: Option<ExprId>) {
        let files = self.files;
        let f = &files[fi];
        let pos = f.stmt(s).pos;
        let Some(rhs) = rhs else {
            // x++ / x--
            let x = self.expr(fi, lhs);
            if !x.is_invalid() && !self.all_basic(x.typ, BasicKind::is_numeric) {
                let s = self.expr_string(fi, lhs);
                self.error(
                    fi,
                    pos,
                    format!(
                        "invalid operation: {s}{} (non-numeric type {})",
                        if op == Operator::Add { "++" } else { "--" },
                        self.env.type_string(x.typ)
                    ),
                );
            }
            return;
        };
        let lhs_list = f.unpack_list(Some(lhs));
        let rhs_list = f.unpack_list(Some(rhs));
        match op {
            Operator::Def => self.short_var_decl(fi, pos, &lhs_list, &rhs_list),
            Operator::None => {
                let mut targets = Vec::new();
                for &l in &lhs_list {
                    targets.push(self.lhs_var(fi, l));
                }
                self.assign_values(fi, pos, &targets, &rhs_list, "assignment");
            }
            _ => {
                // x op= y
                let x = self.expr(fi, lhs);
                let mut y = self.expr(fi, rhs);
                if x.is_invalid() || y.is_invalid() {
                    return;
                }
                if matches!(op, Operator::Shl | Operator::Shr) {
                    if self.is_untyped_type(y.typ) {
                        let u = self.env.typ(BasicKind::Uint);
                        if let Mode::Const(v) = &y.mode {
                            y.mode = Mode::Const(v.to_int());
                        }
                        self.convert_untyped(fi, rhs, &mut y, u);
                    }
                    return;
                }
                let t = x.typ;
                self.convert_untyped(fi, rhs, &mut y, t);
            }
        }
    }

    /// The type of an assignment's left-hand side (`None` for `_`).
    fn lhs_var(&mut self, fi: usize, l: ExprId) -> Option<TypeId> {
        let files = self.files;
        let f = &files[fi];
        let lu = f.unparen(l);
        if matches!(f.expr(lu).kind, ExprKind::Name(_)) && f.name_str(lu) == "_" {
            return None;
        }
        let x = self.expr(fi, l);
        match x.mode {
            Mode::Invalid => Some(TypeId(0)),
            Mode::Var | Mode::MapIndex => Some(x.typ),
            _ => {
                let pos = f.expr(l).pos;
                let s = self.expr_string(fi, l);
                self.error(
                    fi,
                    pos,
                    format!("cannot assign to {s} (neither addressable nor a map index expression)"),
                );
                Some(TypeId(0))
            }
        }
    }

    fn short_var_decl(&mut self, fi: usize, pos: u32, lhs: &[ExprId], rhs: &[ExprId]) {
        let files = self.files;
        let f = &files[fi];
        let scope = self.scope;
        let mut targets: Vec<Option<TypeId>> = Vec::new();
        let mut vars: Vec<(ObjId, bool)> = Vec::new(); // (object, new)
        let mut any_new = false;
        for &l in lhs {
            if !matches!(f.expr(l).kind, ExprKind::Name(_)) {
                self.expr(fi, l);
                let p = f.expr(l).pos;
                let s = self.expr_string(fi, l);
                self.error(fi, p, format!("non-name {s} on left side of :="));
                targets.push(Some(TypeId(0)));
                continue;
            }
            let name = f.name_str(l).to_string();
            let existing = scope.and_then(|s| self.env.lookup(s, &name)).filter(|_| name != "_");
            match existing {
                Some(o) if matches!(self.env.obj(o).kind, ObjKind::Var { .. }) => {
                    self.record(fi, l, o, false);
                    targets.push(self.env.obj(o).typ);
                    vars.push((o, false));
                }
                _ => {
                    let o = self.new_local_var(fi, l, None);
                    self.record(fi, l, o, true);
                    if name != "_" {
                        any_new = true;
                    }
                    targets.push(None);
                    vars.push((o, true));
                }
            }
        }
        let types = self.assign_values(fi, pos, &targets, rhs, "assignment");
        let mut k = 0;
        for (i, &l) in lhs.iter().enumerate() {
            if !matches!(f.expr(l).kind, ExprKind::Name(_)) {
                continue;
            }
            let (o, new) = vars[k];
            k += 1;
            if new {
                let t = types.get(i).copied().flatten().unwrap_or(TypeId(0));
                self.env.obj_mut(o).typ = Some(t);
                if let Some(s) = scope {
                    self.env.insert(s, o);
                }
            }
        }
        if !any_new {
            self.error(fi, pos, "no new variables on left side of :=");
        }
    }

    // ---- local declarations ------------------------------------------------------

    fn local_decls(&mut self, fi: usize, decls: List<DeclId>) {
        let files = self.files;
        let f = &files[fi];
        let mut last_const: HashMap<Option<u32>, (Option<ExprId>, Option<ExprId>)> = HashMap::default();
        for d in f.list(decls) {
            let decl = f.decl(d);
            match decl.kind.clone() {
                DeclKind::Const { names, typ, values, iota } => {
                    let (typ, values) = if typ.is_none() && values.is_none() {
                        last_const.get(&decl.group).copied().unwrap_or((None, None))
                    } else {
                        last_const.insert(decl.group, (typ, values));
                        (typ, values)
                    };
                    let inits = f.unpack_list(values);
                    let declared = typ.and_then(|t| self.type_expr(fi, t));
                    let mut objs = Vec::new();
                    for (i, n) in f.list(names).enumerate() {
                        let name = f.name_str(n).to_string();
                        let mut val = Value::Unknown;
                        let mut t = TypeId(0);
                        if let Some(&init) = inits.get(i) {
                            let saved = self.iota.replace(iota);
                            if let Some(x) = self.const_value(fi, init, declared) {
                                val = x.val;
                                t = x.typ;
                            }
                            self.iota = saved;
                        } else {
                            self.error(fi, f.expr(n).pos, "missing init expr for const declaration");
                        }
                        let o = self.env.new_object(Object {
                            name,
                            kind: ObjKind::Const { val },
                            pkg: Some(self.pkg),
                            typ: Some(t),
                            pos: Some((fi as u32, f.expr(n).pos)),
                            parent: None,
                        });
                        self.record(fi, n, o, true);
                        objs.push((n, o));
                    }
                    for (n, o) in objs {
                        self.declare_local(fi, None, o);
                        let _ = n;
                    }
                }
                DeclKind::Var { names, typ, values } => {
                    let declared = typ.and_then(|t| self.type_expr(fi, t));
                    let names: Vec<ExprId> = f.list(names).collect();
                    let objs: Vec<ObjId> =
                        names.iter().map(|&n| self.new_local_var(fi, n, declared)).collect();
                    for (&n, &o) in names.iter().zip(&objs) {
                        self.record(fi, n, o, true);
                    }
                    let inits = f.unpack_list(values);
                    if !inits.is_empty() {
                        let targets: Vec<Option<TypeId>> = vec![declared; names.len()];
                        let types =
                            self.assign_values(fi, decl.pos, &targets, &inits, "variable declaration");
                        if declared.is_none() {
                            for (i, &o) in objs.iter().enumerate() {
                                let t = types.get(i).copied().flatten().unwrap_or(TypeId(0));
                                self.env.obj_mut(o).typ = Some(t);
                            }
                        }
                    } else if declared.is_none() {
                        for &o in &objs {
                            self.env.obj_mut(o).typ = Some(TypeId(0));
                        }
                    }
                    for o in objs {
                        self.declare_local(fi, None, o);
                    }
                }
                DeclKind::Type { name, tparams, alias, typ } => {
                    self.local_type_decl(fi, name, &tparams, alias, typ);
                }
                DeclKind::Import { .. } | DeclKind::Func { .. } => {
                    self.error(fi, decl.pos, "unexpected declaration in function body");
                }
            }
        }
    }

    fn local_type_decl(
        &mut self,
        fi: usize,
        name: ExprId,
        tparams: &List<go_syntax::ast::FieldId>,
        alias: bool,
        typ: ExprId,
    ) {
        let files = self.files;
        let f = &files[fi];
        let n = f.name_str(name).to_string();
        let pos = f.expr(name).pos;
        let obj = self.env.new_object(Object {
            name: n,
            kind: ObjKind::TypeName,
            pkg: Some(self.pkg),
            typ: None,
            pos: Some((fi as u32, pos)),
            parent: None,
        });
        if !tparams.is_empty() {
            self.error(fi, pos, "generic type cannot be declared inside a function");
        }
        if alias {
            self.record(fi, name, obj, true);
            let actual = self.type_expr(fi, typ).unwrap_or(TypeId(0));
            let t = self.env.new_type(Type::Alias { obj, tparams: Vec::new(), targs: Vec::new(), actual });
            self.env.obj_mut(obj).typ = Some(t);
            self.declare_local(fi, None, obj);
            return;
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
        self.declare_local(fi, Some(name), obj);
        let rhs = self.type_expr(fi, typ).unwrap_or(TypeId(0));
        let u = self.env.underlying(rhs);
        self.set_underlying(t, u);
    }

    // ---- range -------------------------------------------------------------------

    fn range_clause(&mut self, fi: usize, lhs: Option<ExprId>, def: bool, x: ExprId) {
        let files = self.files;
        let f = &files[fi];
        let mut xo = self.expr(fi, x);
        let lhs_list = f.unpack_list(lhs);
        let (k, v) = if xo.is_invalid() { (None, None) } else { self.range_types(fi, x, &mut xo) };
        let types = [k, v];
        if def {
            let mut objs = Vec::new();
            for (i, &l) in lhs_list.iter().enumerate() {
                if !matches!(f.expr(l).kind, ExprKind::Name(_)) {
                    self.expr(fi, l);
                    continue;
                }
                let t = types.get(i).copied().flatten().unwrap_or(TypeId(0));
                let o = self.new_local_var(fi, l, Some(t));
                self.record(fi, l, o, true);
                objs.push(o);
            }
            if let Some(s) = self.scope {
                for o in objs {
                    self.env.insert(s, o);
                }
            }
        } else {
            for (i, &l) in lhs_list.iter().enumerate() {
                let target = self.lhs_var(fi, l);
                if let (Some(_), Some(t)) = (target, types.get(i).copied().flatten()) {
                    let _ = t;
                }
            }
        }
    }

    /// Key and value types of ranging over `xo`.
    fn range_types(&mut self, fi: usize, x: ExprId, xo: &mut Opnd) -> (Option<TypeId>, Option<TypeId>) {
        let int = self.env.typ(BasicKind::Int);
        if self.is_untyped_type(xo.typ) {
            let d = self.default_type(xo.typ);
            self.convert_untyped(fi, x, xo, d);
        }
        let Some(u) = self.core(xo.typ) else {
            let pos = self.files[fi].expr(x).pos;
            let s = self.expr_string(fi, x);
            self.error(fi, pos, format!("cannot range over {s} (no core type)"));
            return (None, None);
        };
        match self.env.ty(u).clone() {
            Type::Basic { kind, .. } if kind.is_string() => (Some(int), Some(self.env.rune)),
            Type::Basic { kind, .. } if kind.is_integer() => (Some(xo.typ), None),
            Type::Array { elem, .. } | Type::Slice { elem } => (Some(int), Some(elem)),
            Type::Pointer { elem: p } => match self.env.ty(self.env.underlying(p)).clone() {
                Type::Array { elem, .. } => (Some(int), Some(elem)),
                _ => self.cannot_range(fi, x),
            },
            Type::Map { key, elem } => (Some(key), Some(elem)),
            Type::Chan { elem, .. } => (Some(elem), None),
            Type::Signature { params, results, .. } => {
                // Range-over-func: func(yield func(K, V) bool).
                let ps = self.env.tuple_vars(params).to_vec();
                if ps.len() != 1 || !self.env.tuple_vars(results).is_empty() {
                    return self.cannot_range(fi, x);
                }
                let yt = self.env.obj(ps[0]).typ.unwrap_or(TypeId(0));
                let yu = self.under(yt);
                let Type::Signature { params: yp, .. } = self.env.ty(yu).clone() else {
                    return self.cannot_range(fi, x);
                };
                let yv: Vec<TypeId> = self
                    .env
                    .tuple_vars(yp)
                    .iter()
                    .map(|&v| self.env.obj(v).typ.unwrap_or(TypeId(0)))
                    .collect();
                (yv.first().copied(), yv.get(1).copied())
            }
            _ => self.cannot_range(fi, x),
        }
    }

    fn cannot_range(&mut self, fi: usize, x: ExprId) -> (Option<TypeId>, Option<TypeId>) {
        let pos = self.files[fi].expr(x).pos;
        let s = self.expr_string(fi, x);
        self.error(fi, pos, format!("cannot range over {s}"));
        (None, None)
    }

    // ---- switches ------------------------------------------------------------------

    fn switch_body(&mut self, fi: usize, tag: Option<Opnd>, body: List<StmtId>) {
        let files = self.files;
        let f = &files[fi];
        for c in f.list(body) {
            let StmtKind::CaseClause { cases, body, .. } = f.stmt(c).kind.clone() else { continue };
            for ce in f.unpack_list(cases) {
                let mut x = self.expr(fi, ce);
                if x.is_invalid() {
                    continue;
                }
                match &tag {
                    Some(t) => {
                        if self.is_untyped_type(x.typ) {
                            let tt = t.typ;
                            self.convert_untyped(fi, ce, &mut x, tt);
                        }
                    }
                    None => {
                        let b = self.env.typ(BasicKind::Bool);
                        self.convert_untyped(fi, ce, &mut x, b);
                    }
                }
            }
            let saved = self.open_scope(fi);
            self.stmt_list(fi, body);
            self.close_scope(saved);
        }
    }

    fn type_switch(&mut self, fi: usize, lhs: Option<ExprId>, x: ExprId, body: List<StmtId>) {
        let files = self.files;
        let f = &files[fi];
        let xo = self.expr(fi, x);
        if !xo.is_invalid() && !predicates::is_interface(self.env, xo.typ) {
            let pos = f.expr(x).pos;
            let s = self.expr_string(fi, x);
            self.error(
                fi,
                pos,
                format!("{s} (variable of type {}) is not an interface", self.env.type_string(xo.typ)),
            );
        }
        let nil_name = |c: &Self, e: ExprId| {
            matches!(f.expr(e).kind, ExprKind::Name(_))
                && f.name_str(e) == "nil"
                && c.lookup_scope(fi, "nil").is_some_and(|(s, _)| s == c.env.universe)
        };
        for c in f.list(body) {
            let StmtKind::CaseClause { cases, body, colon } = f.stmt(c).kind.clone() else { continue };
            let mut types = Vec::new();
            for ce in f.unpack_list(cases) {
                if nil_name(self, ce) {
                    if let Some((_, o)) = self.lookup_scope(fi, "nil") {
                        self.record(fi, ce, o, false);
                    }
                    types.push(None);
                    continue;
                }
                match self.type_expr(fi, ce) {
                    Some(t) => types.push(Some(t)),
                    None => types.push(Some(TypeId(0))),
                }
            }
            let saved = self.open_scope(fi);
            if let Some(l) = lhs {
                let t = match types.as_slice() {
                    [Some(t)] => *t,
                    _ => xo.typ,
                };
                let name = f.name_str(l).to_string();
                let o = self.env.new_object(Object {
                    name,
                    kind: ObjKind::Var { field: false, embedded: false },
                    pkg: Some(self.pkg),
                    typ: Some(t),
                    pos: Some((fi as u32, colon)),
                    parent: None,
                });
                if let Some(s) = self.scope {
                    self.env.insert(s, o);
                }
                self.implicits.push((fi as u32, colon, o));
            }
            self.stmt_list(fi, body);
            self.close_scope(saved);
        }
    }
}
