//! Function bodies and statements (types2 `stmt.go`, `assignments.go`,
//! `labels.go`, `return.go`, `usage.go`, the local part of `decl.go`):
//! block scopes, short variable declarations, assignments (with types2's
//! count-mismatch and return-value errors), local constant/type/variable
//! declarations, `if`/`for`/`range`/`switch`/type switches/`select`
//! (with duplicate and impossible cases), returns, labels, "missing
//! return", "declared and not used" (assigning is no use), and the
//! branch checks gc makes while parsing (`checkBranches`: misplaced
//! `break`/`continue`/`fallthrough`, undefined and unused labels, `goto`
//! over declarations).

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
        if let Some(alt) = self.env.insert(s, o) {
            let (f, pos) = match (id, self.env.obj(o).pos) {
                (Some(i), _) => (fi, self.files[fi].expr(i).pos),
                (None, Some((f, p))) => (f as usize, p),
                (None, None) => (fi, 0),
            };
            let name = self.env.obj(o).name.clone();
            let rel = self.alt_decl(alt);
            self.error_related(f, pos, format!("{name} redeclared in this block"), rel);
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
        // Parameters, results and receivers need no use.
        let params: Vec<ObjId> = self.env.scope(scope).names.values().copied().collect();
        self.func_scope_set.insert(scope);
        if let StmtKind::Block { list, .. } = files[fi].stmt(body).kind {
            self.stmt_list(fi, list);
        }
        self.resolve_labels(fi);
        self.check_branches(fi, body);
        if let StmtKind::Block { rbrace, .. } = files[fi].stmt(body).kind
            && let Type::Signature { results, .. } = self.env.ty(sig)
            && !self.env.tuple_vars(*results).is_empty()
            && !self.is_terminating(fi, body, "", 0)
        {
            self.error(fi, rbrace, "missing return");
        }
        self.usage(fi, scope, &params);
        self.fctx = saved_ctx;
        self.iota = saved_iota;
        self.scope = saved_scope;
    }

    /// A function literal's body: checked right away inside functions, and
    /// after the package-level declarations otherwise (types2 delays all
    /// of them; inside bodies scoping makes the order irrelevant).
    pub(crate) fn func_lit_body(&mut self, fi: usize, sig: TypeId, scope: ScopeId, body: StmtId) {
        if self.fctx.sig.is_none() && !self.in_bodies {
            self.delayed.push((fi, sig, scope, body, self.cur_decl));
            return;
        }
        self.func_body(fi, sig, scope, body);
    }

    /// types2 `usage`: reports the local variables of a function's
    /// scopes (not those of nested function literals, which report their
    /// own) that are declared and never used.
    fn usage(&mut self, fi: usize, scope: ScopeId, params: &[ObjId]) {
        let mut unused: Vec<(u32, u32, String)> = Vec::new();
        let mut stack = vec![scope];
        let mut steps = 0usize;
        while let Some(sc) = stack.pop() {
            steps += 1;
            if steps > 1_000_000 {
                break;
            }
            for &o in self.env.scope(sc).names.values() {
                let obj = self.env.obj(o);
                if !matches!(obj.kind, ObjKind::Var { field: false, .. })
                    || obj.name == "_"
                    || params.contains(&o)
                    || self.implicit_objs.contains(&o)
                    || self.used.contains(&o)
                {
                    continue;
                }
                if let Some((f, p)) = obj.pos {
                    unused.push((f, p, obj.name.clone()));
                }
            }
            for c in self.env.children(sc) {
                if !self.func_scope_set.contains(&c) {
                    stack.push(c);
                }
            }
        }
        unused.sort();
        for (f, p, name) in unused {
            let f = if (f as usize) < self.files.len() { f as usize } else { fi };
            self.error(f, p, format!("declared and not used: {name}"));
        }
    }

    fn resolve_labels(&mut self, fi: usize) {
        let files = self.files;
        let f = &files[fi];
        for id in std::mem::take(&mut self.fctx.branches) {
            let name = f.name_str(id).to_string();
            // Undefined labels are reported by `check_branches`.
            if let Some(l) = self.fctx.labels.get(&name).copied() {
                self.record(fi, id, l, false);
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
        match f.stmt(s).kind {
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
                    if let Some(prev) = self.fctx.labels.get(&name).copied() {
                        let at = self.env.obj(prev).pos.map_or(String::new(), |(pf, pp)| {
                            format!(" at {}", crate::check::pos_ref(pf as usize, pp))
                        });
                        self.error(fi, f.expr(label).pos, format!("label {name} already defined{at}"));
                    } else {
                        self.fctx.labels.insert(name.clone(), o);
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
                        // Calls of built-ins other than the statement-like
                        // ones (types2's predeclared exprKind) are values.
                        let builtin_call = match f.expr(xu).kind {
                            ExprKind::Call { fun, .. }
                                if matches!(self.expr_mode(fi, fun), crate::check::ExprMode::Builtin) =>
                            {
                                let fu = f.unparen(fun);
                                let name = match f.expr(fu).kind {
                                    ExprKind::Selector { sel, .. } => f.name_str(sel),
                                    ExprKind::Name(_) => f.name_str(fu),
                                    _ => "",
                                };
                                !matches!(
                                    name,
                                    "clear"
                                        | "close"
                                        | "copy"
                                        | "delete"
                                        | "panic"
                                        | "print"
                                        | "println"
                                        | "recover"
                                )
                            }
                            _ => false,
                        };
                        if (!is_call && !is_recv) || builtin_call {
                            let s = self.opstr(fi, x, &o);
                            let at = f.expr(x).start;
                            self.error(fi, at, format!("{s} is not used"));
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
                        let s = self.opstr(fi, chan, &c);
                        let ts = self.tstr(c.typ);
                        let at = f.expr(chan).start;
                        self.error(
                            fi,
                            at,
                            format!("invalid operation: cannot send to receive-only channel {ts} {s}"),
                        );
                    }
                    None => {
                        let s = self.opstr(fi, chan, &c);
                        let ts = self.tstr(c.typ);
                        let at = f.expr(chan).start;
                        self.error(fi, at, format!("invalid operation: cannot send to non-channel {ts} {s}"));
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
                    let at = f.expr(call).start;
                    self.error(fi, at, format!("expression in {what} must be function call"));
                }
            }
            StmtKind::Return { results } => self.return_stmt(fi, pos, results),
            StmtKind::If { init, cond, then, els } => {
                let saved = self.open_scope(fi);
                if let Some(i) = init {
                    self.stmt(fi, i);
                }
                if let Some(c) = cond {
                    self.cond(fi, c, "if");
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
                    if let StmtKind::Range { lhs, def, x } = f.stmt(i).kind {
                        self.range_clause(fi, lhs, def, x);
                        self.stmt(fi, body);
                        self.close_scope(saved);
                        return;
                    }
                    self.stmt(fi, i);
                }
                if let Some(c) = cond {
                    self.cond(fi, c, "for");
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
                match tag.map(|t| (t, f.expr(t).kind)) {
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
                    if let StmtKind::CommClause { comm, body, .. } = f.stmt(c).kind {
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

    fn cond(&mut self, fi: usize, c: ExprId, what: &str) {
        let mut x = self.expr(fi, c);
        if x.is_invalid() {
            return;
        }
        if !self.all_basic(x.typ, BasicKind::is_boolean) {
            let pos = self.files[fi].expr(c).start;
            self.error(fi, pos, format!("non-boolean condition in {what} statement"));
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
            let named = self.env.tuple_vars(rt).first().is_some_and(|&v| !self.env.obj(v).name.is_empty());
            if !rvars.is_empty() && !named {
                self.return_error(fi, pos, &rvars.iter().map(|t| Some(*t)).collect::<Vec<_>>(), &[], &[]);
            }
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
    /// returns the final types of the values (types2 `initVars` /
    /// `assignVars`). `context` is "return statement" (`pos`: the return
    /// statement), "variable declaration" or "assignment".
    pub(crate) fn assign_values(
        &mut self,
        fi: usize,
        pos: u32,
        targets: &[Option<TypeId>],
        rhs: &[ExprId],
        context: &str,
    ) -> Vec<Option<TypeId>> {
        let files = self.files;
        let f = &files[fi];
        let ret = context == "return statement";
        let decl = context == "variable declaration";
        let (l, r) = (targets.len(), rhs.len());
        let mut out = vec![None; l];
        let is_call = r == 1 && matches!(f.expr(f.unparen(rhs[0])).kind, ExprKind::Call { .. });
        let ctx = if ret {
            "return statement"
        } else if l > 1 {
            "multiple assignment"
        } else if decl {
            "variable declaration"
        } else {
            "assignment"
        };
        if l == r && (decl || !is_call) {
            let c = if decl { context } else { ctx };
            for (i, &e) in rhs.iter().enumerate() {
                let mut x = self.expr_hint(fi, e, targets[i]);
                if self.assignment(fi, e, &mut x, targets[i], c) {
                    out[i] = Some(x.typ);
                }
            }
            return out;
        }
        if r != 1 {
            let mut ok = true;
            let mut have = Vec::new();
            for &e in rhs {
                let x = self.raw_expr(fi, e, None);
                ok &= !x.is_invalid();
                have.push(x.typ);
            }
            if ok {
                if ret {
                    self.return_error(fi, pos, targets, rhs, &have);
                } else if decl && l < r {
                    let at = f.expr(rhs[l]).start;
                    let s = self.expr_string(fi, rhs[l]);
                    self.error(fi, at, format!("extra init expr {s}"));
                } else if !decl || r > 0 {
                    self.assign_error(fi, rhs, l, r);
                }
            }
            return out;
        }
        let e = rhs[0];
        let x = self.raw_expr(fi, e, None);
        if x.is_invalid() {
            return out;
        }
        let x = match x.mode {
            Mode::NoValue | Mode::Builtin(_) | Mode::TypExpr => {
                self.single_value(fi, e, x);
                return out;
            }
            _ => x,
        };
        // The values of the single expression (multiExpr).
        let mut values: Vec<Opnd> = Vec::new();
        let mut comma_ok = false;
        if let Type::Tuple { vars } = self.env.ty(x.typ) {
            for &v in vars {
                values.push(Opnd::value(self.env.obj(v).typ.unwrap_or(TypeId(0))));
            }
        } else if l == 2 && !ret && matches!(x.mode, Mode::MapIndex | Mode::CommaOk) {
            let mut first = x.clone();
            first.mode = Mode::Value;
            values.push(first);
            values.push(Opnd::value(self.env.typ(BasicKind::UntypedBool)));
            comma_ok = true;
        } else {
            values.push(x);
        }
        if values.len() == l {
            for (i, mut xo) in values.into_iter().enumerate() {
                let c = if comma_ok || l > 1 { ctx } else { context };
                if self.assignment(fi, e, &mut xo, targets[i], c) {
                    out[i] = Some(xo.typ);
                }
            }
            return out;
        }
        if ret {
            let have: Vec<TypeId> = values.iter().map(|v| v.typ).collect();
            let rhs_at = vec![e; have.len()];
            self.return_error(fi, pos, targets, &rhs_at, &have);
        } else {
            self.assign_error(fi, rhs, l, values.len());
        }
        out
    }

    /// types2 `assignError`: "assignment mismatch: ..." at the first value.
    fn assign_error(&mut self, fi: usize, rhs: &[ExprId], l: usize, r: usize) {
        let f = &self.files[fi];
        let Some(&e0) = rhs.first() else { return };
        let measure =
            |n: usize, unit: &str| if n == 1 { format!("{n} {unit}") } else { format!("{n} {unit}s") };
        let (vars, vals) = (measure(l, "variable"), measure(r, "value"));
        let at = f.expr(e0).start;
        if rhs.len() == 1
            && let ExprKind::Call { fun, .. } = f.expr(f.unparen(e0)).kind
        {
            let fs = self.expr_string(fi, fun);
            self.error(fi, at, format!("assignment mismatch: {vars} but {fs} returns {vals}"));
            return;
        }
        self.error(fi, at, format!("assignment mismatch: {vars} but {vals}"));
    }

    /// types2 `returnError`: wrong number of return values, with have/want
    /// lines. `rhs[i]` is the expression of value `i` (of type `have[i]`).
    fn return_error(
        &mut self,
        fi: usize,
        pos: u32,
        want: &[Option<TypeId>],
        rhs: &[ExprId],
        have: &[TypeId],
    ) {
        let f = &self.files[fi];
        let (l, r) = (want.len(), have.len());
        let (what, at) = if r > l {
            ("too many", rhs.get(l).map_or(pos, |&e| f.expr(e).start))
        } else if r > 0 {
            ("not enough", rhs.get(r - 1).map_or(pos, |&e| f.expr(e).start))
        } else {
            ("not enough", pos)
        };
        let want: Vec<TypeId> = want.iter().map(|t| t.unwrap_or(TypeId(0))).collect();
        let (hs, ws) = (self.types_summary(have, false, false), self.types_summary(&want, false, false));
        self.error(fi, at, format!("{what} return values\n\thave {hs}\n\twant {ws}"));
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
                        self.tstr(x.typ)
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
        // Assigning to a variable is no use of it.
        let var = if matches!(f.expr(lu).kind, ExprKind::Name(_)) {
            self.lookup_scope(fi, f.name_str(lu)).map(|(_, o)| o).filter(|&o| {
                matches!(self.env.obj(o).kind, ObjKind::Var { .. }) && self.env.obj(o).pkg == Some(self.pkg)
            })
        } else {
            None
        };
        let was_used = var.is_some_and(|v| self.used.contains(&v));
        let x = self.expr(fi, l);
        if let Some(v) = var
            && !was_used
        {
            self.used.remove(&v);
        }
        match x.mode {
            Mode::Invalid => Some(TypeId(0)),
            Mode::Var | Mode::MapIndex => Some(x.typ),
            _ => {
                let pos = f.expr(l).start;
                let s = self.expr_string(fi, l);
                if let ExprKind::Selector { x: sx, .. } = f.expr(lu).kind
                    && self.expr_mode(fi, sx) == crate::check::ExprMode::MapIndex
                {
                    self.error(fi, pos, format!("cannot assign to struct field {s} in map"));
                    return Some(TypeId(0));
                }
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
        let mut has_err = false;
        for &l in lhs {
            if !matches!(f.expr(l).kind, ExprKind::Name(_)) {
                self.expr(fi, l);
                let p = f.expr(l).start;
                let s = self.expr_string(fi, l);
                self.error(fi, p, format!("non-name {s} on left side of :="));
                has_err = true;
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
        if !any_new && !has_err {
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
            match decl.kind {
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
                            kind: ObjKind::Const { val: Box::new(val) },
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
                    let declared = typ.and_then(|t| self.var_type(fi, t));
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
        if !xo.is_invalid() && (k.is_some() || v.is_some()) && v.is_none() && lhs_list.len() >= 2 {
            let xs = self.opstr(fi, x, &xo);
            let at = f.expr(lhs_list[1]).start;
            self.error(fi, at, format!("range over {xs} permits only one iteration variable"));
        }
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
            let pos = self.files[fi].expr(x).start;
            let s = self.opstr(fi, x, xo);
            self.error(fi, pos, format!("cannot range over {s}: no core type"));
            return (None, None);
        };
        match self.env.ty(u).clone() {
            Type::Basic { kind, .. } if kind.is_string() => (Some(int), Some(self.env.rune)),
            Type::Basic { kind, .. } if kind.is_integer() => (Some(xo.typ), None),
            Type::Array { elem, .. } | Type::Slice { elem } => (Some(int), Some(elem)),
            Type::Pointer { elem: p } => match self.env.ty(self.env.underlying(p)).clone() {
                Type::Array { elem, .. } => (Some(int), Some(elem)),
                _ => self.cannot_range(fi, x, xo),
            },
            Type::Map { key, elem } => (Some(key), Some(elem)),
            Type::Chan { elem, .. } => (Some(elem), None),
            Type::Signature { params, results, .. } => {
                // Range-over-func: func(yield func(K, V) bool).
                let ps = self.env.tuple_vars(params).to_vec();
                if ps.len() != 1 || !self.env.tuple_vars(results).is_empty() {
                    return self.cannot_range(fi, x, xo);
                }
                let yt = self.env.obj(ps[0]).typ.unwrap_or(TypeId(0));
                let yu = self.under(yt);
                let Type::Signature { params: yp, .. } = self.env.ty(yu).clone() else {
                    return self.cannot_range(fi, x, xo);
                };
                let yv: Vec<TypeId> = self
                    .env
                    .tuple_vars(yp)
                    .iter()
                    .map(|&v| self.env.obj(v).typ.unwrap_or(TypeId(0)))
                    .collect();
                (yv.first().copied(), yv.get(1).copied())
            }
            _ => self.cannot_range(fi, x, xo),
        }
    }

    fn cannot_range(&mut self, fi: usize, x: ExprId, xo: &Opnd) -> (Option<TypeId>, Option<TypeId>) {
        let pos = self.files[fi].expr(x).start;
        let s = self.opstr(fi, x, xo);
        self.error(fi, pos, format!("cannot range over {s}"));
        (None, None)
    }

    // ---- switches ------------------------------------------------------------------

    fn switch_body(&mut self, fi: usize, tag: Option<Opnd>, body: List<StmtId>) {
        let files = self.files;
        let f = &files[fi];
        // Constant case values seen so far, with their types and
        // expressions (types2 `caseValues`' duplicate check).
        let mut seen: Vec<(CaseKey, TypeId, ExprId)> = Vec::new();
        for c in f.list(body) {
            let StmtKind::CaseClause { cases, body, .. } = f.stmt(c).kind else { continue };
            for ce in f.unpack_list(cases) {
                let mut x = self.expr(fi, ce);
                if x.is_invalid() {
                    continue;
                }
                match &tag {
                    Some(t) => {
                        if self.is_untyped_type(x.typ) {
                            let tt = t.typ;
                            if !self.convert_untyped(fi, ce, &mut x, tt) {
                                continue;
                            }
                        }
                        let Mode::Const(v) = &x.mode else { continue };
                        let Some(key) = CaseKey::of(v) else { continue };
                        let prev = seen
                            .iter()
                            .find(|(k, t, _)| *k == key && predicates::identical(self.env, *t, x.typ))
                            .map(|&(_, _, e)| e);
                        if let Some(other) = prev {
                            let s = self.opstr(fi, ce, &x);
                            let rel = vec![(fi, f.expr(other).pos, "previous case".to_string())];
                            let msg = format!("duplicate case {s} in expression switch");
                            self.error_related(fi, f.expr(ce).start, msg, rel);
                            continue;
                        }
                        seen.push((key, x.typ, ce));
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
            self.error(fi, pos, format!("{s} (variable of type {}) is not an interface", self.tstr(xo.typ)));
        }
        let first_implicit = self.implicits.len();
        let nil_name = |c: &Self, e: ExprId| {
            matches!(f.expr(e).kind, ExprKind::Name(_))
                && f.name_str(e) == "nil"
                && c.lookup_scope(fi, "nil").is_some_and(|(s, _)| s == c.env.universe)
        };
        // Case types seen so far (types2 `caseTypes`' duplicate check).
        let mut seen: Vec<(Option<TypeId>, ExprId)> = Vec::new();
        for c in f.list(body) {
            let StmtKind::CaseClause { cases, body, colon } = f.stmt(c).kind else { continue };
            let mut types = Vec::new();
            for ce in f.unpack_list(cases) {
                let t = if nil_name(self, ce) {
                    if let Some((_, o)) = self.lookup_scope(fi, "nil") {
                        self.record(fi, ce, o, false);
                    }
                    types.push(None);
                    None
                } else {
                    match self.var_type(fi, ce) {
                        Some(t) => {
                            types.push(Some(t));
                            Some(t)
                        }
                        None => {
                            types.push(Some(TypeId(0)));
                            continue;
                        }
                    }
                };
                let dup = seen.iter().find(|(s, _)| match (s, t) {
                    (None, None) => true,
                    (Some(a), Some(b)) => predicates::identical(self.env, *a, b),
                    _ => false,
                });
                if let Some(&(_, other)) = dup {
                    let ts = t.map_or_else(|| "nil".to_string(), |t| self.tstr(t));
                    let rel = vec![(fi, f.expr(other).start, "previous case".to_string())];
                    self.error_related(
                        fi,
                        f.expr(ce).start,
                        format!("duplicate case {ts} in type switch"),
                        rel,
                    );
                    continue;
                }
                seen.push((t, ce));
                if let Some(t) = t
                    && !xo.is_invalid()
                    && predicates::is_interface(self.env, xo.typ)
                {
                    self.type_assertion(fi, ce, Some(x), &xo, t);
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
                self.implicit_objs.insert(o);
            }
            self.stmt_list(fi, body);
            self.close_scope(saved);
        }
        if let Some(l) = lhs {
            let name = f.name_str(l);
            let clause_objs: Vec<ObjId> =
                self.implicits[first_implicit..].iter().map(|&(_, _, o)| o).collect();
            if name != "_" && !clause_objs.is_empty() && !clause_objs.iter().any(|o| self.used.contains(o)) {
                let at = f.expr(l).start;
                self.error(fi, at, format!("{name} declared and not used"));
            }
        }
    }
}

/// A switch case value as types2's `goVal` keys it: integers that fit
/// 64 bits, floats exact as `float64`, strings (other values are not
/// checked for duplicates).
#[derive(PartialEq)]
enum CaseKey {
    Int(i128),
    Float(u64),
    Str(std::sync::Arc<[u8]>),
}

impl CaseKey {
    fn of(v: &Value) -> Option<CaseKey> {
        match v {
            Value::Int(_) => match (v.to_i64(), v.to_u64()) {
                (Some(i), _) => Some(CaseKey::Int(i as i128)),
                (None, Some(u)) => Some(CaseKey::Int(u as i128)),
                _ => None,
            },
            Value::Rat(_) | Value::Float(_) => match v.to_f64() {
                Some((f, true)) => Some(CaseKey::Float(f.to_bits())),
                _ => None,
            },
            Value::String(s) => Some(CaseKey::Str(s.clone())),
            _ => None,
        }
    }
}

// ---- terminating statements (types2 return.go) ------------------------------

impl Checker<'_> {
    /// Whether statement `s` is terminating (spec "Terminating
    /// statements"); `label` is the label of an enclosing labeled statement.
    pub(crate) fn is_terminating(&self, fi: usize, s: StmtId, label: &str, depth: u32) -> bool {
        if depth > 1000 {
            return true;
        }
        let f = &self.files[fi];
        match &f.stmt(s).kind {
            StmtKind::Labeled { label: l, stmt } => self.is_terminating(fi, *stmt, f.name_str(*l), depth + 1),
            StmtKind::Expr { x } => match f.expr(f.unparen(*x)).kind {
                ExprKind::Call { fun, .. } => {
                    let fu = f.unparen(fun);
                    matches!(f.expr(fu).kind, ExprKind::Name(_))
                        && f.name_str(fu) == "panic"
                        && matches!(self.expr_mode(fi, fun), crate::check::ExprMode::Builtin)
                }
                _ => false,
            },
            StmtKind::Return { .. } => true,
            StmtKind::Branch { tok, .. } => matches!(tok, Token::Goto | Token::Fallthrough),
            StmtKind::Block { list, .. } => self.is_terminating_list(fi, *list, "", depth + 1),
            StmtKind::If { then, els: Some(e), .. } => {
                self.is_terminating(fi, *then, "", depth + 1) && self.is_terminating(fi, *e, "", depth + 1)
            }
            StmtKind::Switch { body, .. } => {
                let mut has_default = false;
                for c in f.list(*body) {
                    let StmtKind::CaseClause { cases, body, .. } = &f.stmt(c).kind else { continue };
                    if cases.is_none() {
                        has_default = true;
                    }
                    if !self.is_terminating_list(fi, *body, "", depth + 1)
                        || has_break_list(f, *body, label, true, 0)
                    {
                        return false;
                    }
                }
                has_default
            }
            StmtKind::Select { body, .. } => {
                for c in f.list(*body) {
                    let StmtKind::CommClause { body, .. } = &f.stmt(c).kind else { continue };
                    if !self.is_terminating_list(fi, *body, "", depth + 1)
                        || has_break_list(f, *body, label, true, 0)
                    {
                        return false;
                    }
                }
                true
            }
            StmtKind::For { init, cond, body, .. } => {
                if init.is_some_and(|i| matches!(f.stmt(i).kind, StmtKind::Range { .. })) {
                    return false;
                }
                cond.is_none() && !has_break(f, *body, label, true, 0)
            }
            _ => false,
        }
    }

    fn is_terminating_list(&self, fi: usize, list: List<StmtId>, label: &str, depth: u32) -> bool {
        let f = &self.files[fi];
        let stmts: Vec<StmtId> = f.list(list).collect();
        match stmts.iter().rev().find(|&&s| !matches!(f.stmt(s).kind, StmtKind::Empty)) {
            Some(&s) => self.is_terminating(fi, s, label, depth),
            None => false,
        }
    }
}

fn has_break(f: &go_syntax::ast::File, s: StmtId, label: &str, implicit: bool, depth: u32) -> bool {
    if depth > 1000 {
        return true;
    }
    match &f.stmt(s).kind {
        StmtKind::Labeled { stmt, .. } => has_break(f, *stmt, label, implicit, depth + 1),
        StmtKind::Branch { tok: Token::Break, label: l } => match l {
            None => implicit,
            Some(l) => f.name_str(*l) == label,
        },
        StmtKind::Block { list, .. } => has_break_list(f, *list, label, implicit, depth + 1),
        StmtKind::If { then, els, .. } => {
            has_break(f, *then, label, implicit, depth + 1)
                || els.is_some_and(|e| has_break(f, e, label, implicit, depth + 1))
        }
        StmtKind::Switch { body, .. } | StmtKind::Select { body, .. } => {
            !label.is_empty()
                && f.list(*body).any(|c| match &f.stmt(c).kind {
                    StmtKind::CaseClause { body, .. } | StmtKind::CommClause { body, .. } => {
                        has_break_list(f, *body, label, false, depth + 1)
                    }
                    _ => false,
                })
        }
        StmtKind::For { body, .. } => !label.is_empty() && has_break(f, *body, label, false, depth + 1),
        _ => false,
    }
}

fn has_break_list(
    f: &go_syntax::ast::File,
    list: List<StmtId>,
    label: &str,
    implicit: bool,
    depth: u32,
) -> bool {
    f.list(list).any(|s| has_break(f, s, label, implicit, depth + 1))
}

// ---- branch statements (gc's syntax.checkBranches) --------------------------

/// The enclosing targets of a branch statement.
#[derive(Clone, Copy)]
struct Targets {
    /// Innermost `for`, `switch` or `select`.
    breaks: Option<StmtId>,
    /// Innermost `for`.
    continues: Option<StmtId>,
    /// Index of the clause in the immediately enclosing switch (or -1).
    case_index: i64,
}

struct BranchBlock {
    parent: Option<usize>,
    start: u32,
    lstmt: Option<StmtId>,
}

struct BranchLabel {
    block: usize,
    lstmt: StmtId,
    label: ExprId,
    used: bool,
}

/// gc checks labels and branches while parsing; the messages and
/// positions here are its (label scopes per function body).
struct LabelScope<'f> {
    f: &'f go_syntax::ast::File,
    fi: usize,
    labels: HashMap<String, BranchLabel>,
    blocks: Vec<BranchBlock>,
    errs: Vec<(u32, String)>,
}

impl LabelScope<'_> {
    fn enclosing_target(&mut self, b: usize, name: &str) -> Option<Option<StmtId>> {
        let l = self.labels.get_mut(name)?;
        l.used = true;
        let target = l.lstmt;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if self.blocks[c].lstmt == Some(target) {
                return Some(Some(target));
            }
            cur = self.blocks[c].parent;
        }
        Some(None)
    }

    fn goto_target(&mut self, b: usize, name: &str) -> bool {
        let Some(l) = self.labels.get_mut(name) else { return false };
        l.used = true;
        let lb = l.block;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if c == lb {
                return true;
            }
            cur = self.blocks[c].parent;
        }
        false
    }

    fn block_branches(
        &mut self,
        parent: Option<usize>,
        ctxt: Targets,
        lstmt: Option<StmtId>,
        start: u32,
        body: &[StmtId],
        depth: u32,
    ) -> Vec<StmtId> {
        if depth > 500 {
            return Vec::new();
        }
        let f = self.f;
        self.blocks.push(BranchBlock { parent, start, lstmt });
        let b = self.blocks.len() - 1;
        let mut var_decl: Option<(u32, String)> = None;
        let mut fwd_gotos: Vec<StmtId> = Vec::new();
        let mut bad_gotos: Vec<StmtId> = Vec::new();
        let mut list: Vec<StmtId> = body.to_vec();
        while list.last().is_some_and(|&s| matches!(f.stmt(s).kind, StmtKind::Empty)) {
            list.pop();
        }
        let n = list.len();
        for (index, &st) in list.iter().enumerate() {
            let mut lstmt: Option<StmtId> = None;
            let mut s = st;
            loop {
                match f.stmt(s).kind {
                    StmtKind::Decl { decls } => {
                        for d in f.list(decls) {
                            if let DeclKind::Var { names, .. } = &f.decl(d).kind
                                && let Some(n0) = f.list(*names).next()
                            {
                                var_decl = Some((f.decl(d).pos, f.name_str(n0).to_string()));
                                bad_gotos = fwd_gotos.clone();
                                break;
                            }
                        }
                    }
                    StmtKind::Labeled { label, stmt } => {
                        let name = f.name_str(label).to_string();
                        if name != "_" {
                            if !self.labels.contains_key(&name) {
                                self.labels.insert(
                                    name.clone(),
                                    BranchLabel { block: b, lstmt: s, label, used: false },
                                );
                            }
                            let mut keep = Vec::new();
                            for fwd in std::mem::take(&mut fwd_gotos) {
                                let StmtKind::Branch { label: Some(fl), .. } = f.stmt(fwd).kind else {
                                    continue;
                                };
                                if f.name_str(fl) == name {
                                    if let Some(l) = self.labels.get_mut(&name) {
                                        l.used = true;
                                    }
                                    if let Some((vp, vn)) = &var_decl
                                        && bad_gotos.contains(&fwd)
                                    {
                                        let at = f.expr(fl).pos;
                                        self.errs.push((
                                            at,
                                            format!(
                                                "goto {name} jumps over declaration of {vn} at {}",
                                                crate::check::pos_ref(self.fi, *vp)
                                            ),
                                        ));
                                    }
                                } else {
                                    keep.push(fwd);
                                }
                            }
                            fwd_gotos = keep;
                            lstmt = Some(s);
                        }
                        s = stmt;
                        continue;
                    }
                    StmtKind::Branch { tok, label: None } => {
                        let pos = f.stmt(s).pos;
                        match tok {
                            Token::Break if ctxt.breaks.is_none() => {
                                self.errs.push((pos, "break is not in a loop, switch, or select".into()));
                            }
                            Token::Continue if ctxt.continues.is_none() => {
                                self.errs.push((pos, "continue is not in a loop".into()));
                            }
                            Token::Fallthrough => {
                                let mut msg = Some("fallthrough statement out of place");
                                if let Some(t) = ctxt.breaks
                                    && let StmtKind::Switch { tag, body, .. } = &f.stmt(t).kind
                                {
                                    let type_switch = tag.is_some_and(|t| {
                                        matches!(f.expr(t).kind, ExprKind::TypeSwitchGuard { .. })
                                    });
                                    if type_switch {
                                        msg = Some("cannot fallthrough in type switch");
                                    } else if ctxt.case_index < 0 || index + 1 < n {
                                    } else if ctxt.case_index + 1 == body.len() as i64 {
                                        msg = Some("cannot fallthrough final case in switch");
                                    } else {
                                        msg = None;
                                    }
                                }
                                if let Some(m) = msg {
                                    self.errs.push((pos, m.into()));
                                }
                            }
                            _ => {}
                        }
                    }
                    StmtKind::Branch { tok, label: Some(l) } => {
                        let name = f.name_str(l).to_string();
                        let at = f.expr(l).pos;
                        match tok {
                            Token::Break => match self.enclosing_target(b, &name) {
                                Some(Some(t)) => {
                                    let inner = match f.stmt(t).kind {
                                        StmtKind::Labeled { stmt, .. } => stmt,
                                        _ => t,
                                    };
                                    if !matches!(
                                        f.stmt(inner).kind,
                                        StmtKind::Switch { .. }
                                            | StmtKind::Select { .. }
                                            | StmtKind::For { .. }
                                    ) {
                                        self.errs.push((at, format!("invalid break label {name}")));
                                    }
                                }
                                Some(None) => self.errs.push((at, format!("invalid break label {name}"))),
                                None => self.errs.push((at, format!("break label not defined: {name}"))),
                            },
                            Token::Continue => match self.enclosing_target(b, &name) {
                                Some(Some(t)) => {
                                    let inner = match f.stmt(t).kind {
                                        StmtKind::Labeled { stmt, .. } => stmt,
                                        _ => t,
                                    };
                                    if !matches!(f.stmt(inner).kind, StmtKind::For { .. }) {
                                        self.errs.push((at, format!("invalid continue label {name}")));
                                    }
                                }
                                Some(None) => self.errs.push((at, format!("invalid continue label {name}"))),
                                None => self.errs.push((at, format!("continue label not defined: {name}"))),
                            },
                            Token::Goto if !self.goto_target(b, &name) => {
                                fwd_gotos.push(s);
                            }
                            _ => {}
                        }
                    }
                    StmtKind::Assign { op: Operator::Def, lhs, .. } => {
                        let names = f.unpack_list(Some(lhs));
                        let first = names.first().map(|&e| self_name(f, e)).unwrap_or_default();
                        var_decl = Some((f.stmt(s).pos, first));
                        bad_gotos = fwd_gotos.clone();
                    }
                    StmtKind::Block { list, .. } => {
                        let inner = Targets { case_index: -1, ..ctxt };
                        let body: Vec<StmtId> = f.list(list).collect();
                        let g = self.block_branches(Some(b), inner, lstmt, f.stmt(s).pos, &body, depth + 1);
                        fwd_gotos.extend(g);
                    }
                    StmtKind::If { then, els, .. } => {
                        let inner = Targets { case_index: -1, ..ctxt };
                        if let StmtKind::Block { list, .. } = f.stmt(then).kind {
                            let body: Vec<StmtId> = f.list(list).collect();
                            let g = self.block_branches(
                                Some(b),
                                inner,
                                lstmt,
                                f.stmt(then).pos,
                                &body,
                                depth + 1,
                            );
                            fwd_gotos.extend(g);
                        }
                        if let Some(e) = els {
                            let g =
                                self.block_branches(Some(b), inner, lstmt, f.stmt(e).pos, &[e], depth + 1);
                            fwd_gotos.extend(g);
                        }
                    }
                    StmtKind::For { body, .. } => {
                        let inner = Targets { breaks: Some(s), continues: Some(s), case_index: -1 };
                        if let StmtKind::Block { list, .. } = f.stmt(body).kind {
                            let bl: Vec<StmtId> = f.list(list).collect();
                            let g =
                                self.block_branches(Some(b), inner, lstmt, f.stmt(body).pos, &bl, depth + 1);
                            fwd_gotos.extend(g);
                        }
                    }
                    StmtKind::Switch { body, .. } | StmtKind::Select { body, .. } => {
                        let is_switch = matches!(f.stmt(s).kind, StmtKind::Switch { .. });
                        for (i, c) in f.list(body).enumerate() {
                            let cb = match &f.stmt(c).kind {
                                StmtKind::CaseClause { body, .. } | StmtKind::CommClause { body, .. } => {
                                    *body
                                }
                                _ => continue,
                            };
                            let inner = Targets {
                                breaks: Some(s),
                                continues: ctxt.continues,
                                case_index: if is_switch { i as i64 } else { -1 },
                            };
                            let bl: Vec<StmtId> = f.list(cb).collect();
                            let g = self.block_branches(Some(b), inner, lstmt, f.stmt(c).pos, &bl, depth + 1);
                            fwd_gotos.extend(g);
                        }
                    }
                    _ => {}
                }
                break;
            }
        }
        fwd_gotos
    }
}

fn self_name(f: &go_syntax::ast::File, e: ExprId) -> String {
    crate::check::exprstring::expr_string(f, e)
}

impl Checker<'_> {
    /// Reports misplaced and undefined branches and unused labels of a
    /// function body as gc does (its `checkBranches`).
    pub(crate) fn check_branches(&mut self, fi: usize, body: StmtId) {
        let f = &self.files[fi];
        let StmtKind::Block { list, .. } = f.stmt(body).kind else { return };
        let stmts: Vec<StmtId> = f.list(list).collect();
        let mut ls = LabelScope { f, fi, labels: HashMap::default(), blocks: Vec::new(), errs: Vec::new() };
        let top = Targets { breaks: None, continues: None, case_index: -1 };
        let fwd = ls.block_branches(None, top, None, f.stmt(body).pos, &stmts, 0);
        for g in fwd {
            let StmtKind::Branch { label: Some(l), .. } = f.stmt(g).kind else { continue };
            let name = f.name_str(l).to_string();
            let at = f.expr(l).pos;
            match ls.labels.get_mut(&name) {
                Some(lb) => {
                    lb.used = true;
                    let start = ls.blocks.get(lb.block).map_or(0, |b| b.start);
                    ls.errs.push((
                        at,
                        format!(
                            "goto {name} jumps into block starting at {}",
                            crate::check::pos_ref(fi, start)
                        ),
                    ));
                }
                None => ls.errs.push((at, format!("label {name} not defined"))),
            }
        }
        let mut unused: Vec<(u32, String)> = ls
            .labels
            .iter()
            .filter(|(_, l)| !l.used)
            .map(|(n, l)| (f.expr(l.label).pos, format!("label {n} defined and not used")))
            .collect();
        unused.sort();
        let mut errs = ls.errs;
        errs.extend(unused);
        for (at, msg) in errs {
            self.error(fi, at, msg);
        }
    }
}
