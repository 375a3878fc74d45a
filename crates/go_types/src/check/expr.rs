//! Expressions (types2 `expr.go`, `operand.go`, `index.go`, `literals.go`,
//! the selector part of `call.go`): the [`Opnd`] every expression
//! evaluates to (its mode and type, constant value included), identifiers,
//! literals, selectors, index and slice expressions, unary and binary
//! operations, and the untyped-constant conversions of assignment
//! contexts (`implicitTypeAndValue`).

use go_syntax::ast::{ExprId, ExprKind, List};
use go_syntax::{LitKind, Operator};

use super::{Checker, Operand, Selection, SelectionKind, State};
use crate::constant::{self, Value};
use crate::instantiate;
use crate::lookup::lookup_field_or_method;
use crate::predicates;
use crate::types::{BasicKind, ChanDir, ObjId, ObjKind, Type, TypeId};
use crate::typeset::{core_string, core_type};
use crate::universe::Builtin;

/// What an expression denotes (types2 `operandMode`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Mode {
    Invalid,
    /// A call of a function without results.
    NoValue,
    Builtin(Builtin),
    TypExpr,
    Const(Value),
    /// An addressable variable.
    Var,
    /// A map index expression (assignable, not addressable; comma-ok).
    MapIndex,
    Value,
    /// A value usable in a comma-ok assignment (assertion, receive).
    CommaOk,
}

/// An evaluated expression (types2 `operand`).
#[derive(Clone, Debug)]
pub(crate) struct Opnd {
    pub mode: Mode,
    pub typ: TypeId,
}

impl Opnd {
    pub fn invalid() -> Self {
        Opnd { mode: Mode::Invalid, typ: TypeId(0) }
    }
    pub fn value(typ: TypeId) -> Self {
        Opnd { mode: Mode::Value, typ }
    }
    pub fn is_invalid(&self) -> bool {
        self.mode == Mode::Invalid
    }
    pub fn val(&self) -> Option<&Value> {
        match &self.mode {
            Mode::Const(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_value(&self) -> bool {
        matches!(self.mode, Mode::Const(_) | Mode::Var | Mode::MapIndex | Mode::Value | Mode::CommaOk)
    }
}

impl Checker<'_> {
    // ---- entry points ----------------------------------------------------

    /// Evaluates `e` to any operand (types2 `rawExpr`): values, types,
    /// builtins, no-value calls. `hint` is the element type for composite
    /// literals whose type is elided.
    pub(crate) fn raw_expr(&mut self, fi: usize, e: ExprId, hint: Option<TypeId>) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        let r = self.nested(fi, pos, |c| Some(c.expr_kind(fi, e, hint)));
        let x = r.unwrap_or_else(Opnd::invalid);
        if x.is_value() || x.mode == Mode::TypExpr {
            self.record_type(fi, e, x.typ);
        }
        self.record_mode(fi, e, &x.mode);
        x
    }

    /// A single value (types2 `expr`): types, builtins and no-value calls
    /// are errors; a tuple is an error.
    pub(crate) fn expr(&mut self, fi: usize, e: ExprId) -> Opnd {
        self.expr_hint(fi, e, None)
    }

    pub(crate) fn expr_hint(&mut self, fi: usize, e: ExprId, hint: Option<TypeId>) -> Opnd {
        let x = self.raw_expr(fi, e, hint);
        self.single_value(fi, e, x)
    }

    pub(crate) fn single_value(&mut self, fi: usize, e: ExprId, x: Opnd) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        match &x.mode {
            Mode::Invalid => x,
            Mode::NoValue => {
                let s = self.expr_string(fi, e);
                self.error(fi, pos, format!("{s} (no value) used as value"));
                Opnd::invalid()
            }
            Mode::Builtin(_) => {
                let s = self.expr_string(fi, e);
                self.error(fi, pos, format!("{s} (built-in) must be called"));
                Opnd::invalid()
            }
            Mode::TypExpr => {
                let s = self.expr_string(fi, e);
                self.error(fi, pos, format!("{s} (type) is not an expression"));
                Opnd::invalid()
            }
            _ => {
                if let Type::Tuple { vars } = self.env.ty(x.typ) {
                    let n = vars.len();
                    let s = self.expr_string(fi, e);
                    self.error(
                        fi,
                        pos,
                        format!(
                            "multiple-value {s} (value of type {}) in single-value context",
                            self.env.type_string(x.typ)
                        )
                        .replace(&format!("{n}"), &format!("{n}")),
                    );
                    return Opnd::invalid();
                }
                x
            }
        }
    }

    /// An expression or a type (types2 `exprOrType`).
    pub(crate) fn expr_or_type(&mut self, fi: usize, e: ExprId) -> Opnd {
        let x = self.raw_expr(fi, e, None);
        match x.mode {
            Mode::NoValue | Mode::Builtin(_) => self.single_value(fi, e, x),
            _ => x,
        }
    }

    /// The source text of `e`, for messages.
    pub(crate) fn expr_string(&self, fi: usize, e: ExprId) -> String {
        let f = &self.files[fi];
        let x = f.expr(e);
        String::from_utf8_lossy(f.src.get(x.start as usize..x.end as usize).unwrap_or(b"")).into_owned()
    }

    // ---- dispatch ----------------------------------------------------------

    fn expr_kind(&mut self, fi: usize, e: ExprId, hint: Option<TypeId>) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        match f.expr(e).kind.clone() {
            ExprKind::Bad => Opnd::invalid(),
            ExprKind::Name(_) => self.ident(fi, e),
            ExprKind::BasicLit { kind, bad } => {
                if bad {
                    return Opnd::invalid();
                }
                let text = String::from_utf8_lossy(f.text(e)).to_string();
                let val = Value::from_literal(&text, kind);
                if val == Value::Unknown {
                    self.error(fi, pos, format!("malformed constant: {text}"));
                    return Opnd::invalid();
                }
                let k = match kind {
                    LitKind::Int => BasicKind::UntypedInt,
                    LitKind::Float => BasicKind::UntypedFloat,
                    LitKind::Imag => BasicKind::UntypedComplex,
                    LitKind::Rune => BasicKind::UntypedRune,
                    LitKind::String => BasicKind::UntypedString,
                };
                Opnd { mode: Mode::Const(val), typ: self.env.typ(k) }
            }
            ExprKind::CompositeLit { typ, elems, .. } => self.composite_lit(fi, e, typ, elems, hint),
            ExprKind::FuncLit { typ, body } => {
                let Some((sig, scope)) = self.func_sig_scoped(fi, typ) else { return Opnd::invalid() };
                self.func_lit_body(fi, sig, scope, body);
                Opnd::value(sig)
            }
            ExprKind::Paren { x } => self.raw_expr(fi, x, hint),
            ExprKind::Selector { x, sel } => {
                let saved = self.cur_selector.replace(e);
                let r = self.selector(fi, x, sel);
                self.cur_selector = saved;
                r
            }
            ExprKind::Index { x, index } => self.index_expr(fi, e, x, index),
            ExprKind::Slice { x, index, .. } => self.slice_expr(fi, e, x, index),
            ExprKind::Assert { x, typ } => {
                let xo = self.expr(fi, x);
                if xo.is_invalid() {
                    return Opnd::invalid();
                }
                let Some(t) = self.type_expr(fi, typ) else { return Opnd::invalid() };
                if !predicates::is_interface(self.env, xo.typ) {
                    let s = self.expr_string(fi, x);
                    self.error(
                        fi,
                        pos,
                        format!(
                            "invalid operation: {s} (variable of type {}) is not an interface",
                            self.env.type_string(xo.typ)
                        ),
                    );
                    return Opnd::invalid();
                }
                Opnd { mode: Mode::CommaOk, typ: t }
            }
            ExprKind::TypeSwitchGuard { .. } => {
                self.error(fi, pos, "use of .(type) outside type switch");
                Opnd::invalid()
            }
            ExprKind::Operation { op: Operator::Mul, x, y: None } => {
                let xo = self.expr_or_type(fi, x);
                match xo.mode {
                    Mode::Invalid => xo,
                    Mode::TypExpr => Opnd { mode: Mode::TypExpr, typ: self.env.new_pointer(xo.typ) },
                    _ => {
                        let u = self.core(xo.typ).unwrap_or(TypeId(0));
                        match self.env.ty(u).clone() {
                            Type::Pointer { elem } => Opnd { mode: Mode::Var, typ: elem },
                            _ => {
                                if xo.typ == self.env.typ(BasicKind::UntypedNil) {
                                    self.error(fi, pos, "invalid operation: cannot indirect nil");
                                } else {
                                    let s = self.expr_string(fi, x);
                                    self.error(fi, pos, format!("invalid operation: cannot indirect {s}"));
                                }
                                Opnd::invalid()
                            }
                        }
                    }
                }
            }
            ExprKind::Operation { op, x, y: None } => self.unary_expr(fi, e, op, x, hint),
            ExprKind::Operation { op, x, y: Some(y) } => self.binary_expr(fi, e, op, x, y),
            ExprKind::Call { fun, args, has_dots } => self.call_expr(fi, e, fun, args, has_dots),
            ExprKind::KeyValue { .. } => {
                self.error(fi, pos, "unexpected key:value expression");
                Opnd::invalid()
            }
            ExprKind::List { .. } => {
                self.error(fi, pos, "unexpected list of expressions");
                Opnd::invalid()
            }
            ExprKind::DotsType { .. } => {
                self.error(fi, pos, "invalid use of ...");
                Opnd::invalid()
            }
            ExprKind::ArrayType { .. }
            | ExprKind::SliceType { .. }
            | ExprKind::StructType { .. }
            | ExprKind::FuncType { .. }
            | ExprKind::InterfaceType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. } => match self.type_expr(fi, e) {
                Some(t) => Opnd { mode: Mode::TypExpr, typ: t },
                None => Opnd::invalid(),
            },
        }
    }

    // ---- identifiers -------------------------------------------------------

    pub(crate) fn ident(&mut self, fi: usize, e: ExprId) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        let name = f.name_str(e);
        if name == "_" {
            self.error(fi, pos, "cannot use _ as value");
            return Opnd::invalid();
        }
        let Some((scope, o)) = self.lookup_scope(fi, name) else {
            self.error(fi, pos, format!("undefined: {name}"));
            return Opnd::invalid();
        };
        self.obj_operand(fi, e, o, scope == self.env.universe)
    }

    /// The operand for a use of object `o` at identifier `id`.
    pub(crate) fn obj_operand(&mut self, fi: usize, id: ExprId, o: ObjId, universe: bool) -> Opnd {
        let pos = self.files[fi].expr(id).pos;
        let name = || self.env.obj(o).name.clone();
        match &self.env.obj(o).kind {
            ObjKind::PkgName { .. } => {
                let name = name();
                self.error(fi, pos, format!("use of package {name} without selector"));
                Opnd::invalid()
            }
            ObjKind::Const { .. } => {
                if universe && self.env.obj(o).name == "iota" {
                    self.record(fi, id, o, false);
                    return match self.iota {
                        Some(i) => Opnd {
                            mode: Mode::Const(Value::from_i64(i as i64)),
                            typ: self.env.typ(BasicKind::UntypedInt),
                        },
                        None => {
                            self.error(fi, pos, "cannot use iota outside constant declaration");
                            Opnd::invalid()
                        }
                    };
                }
                if self.state.get(&o) == Some(&State::Busy) {
                    self.cycle_error(o);
                    return Opnd::invalid();
                }
                self.record(fi, id, o, false);
                if !self.resolve(o) {
                    return Opnd::invalid();
                }
                let obj = self.env.obj(o);
                let (ObjKind::Const { val }, Some(t)) = (&obj.kind, obj.typ) else { return Opnd::invalid() };
                if *val == Value::Unknown {
                    return Opnd::invalid();
                }
                Opnd { mode: Mode::Const(val.clone()), typ: t }
            }
            ObjKind::TypeName => {
                self.record(fi, id, o, false);
                if self.state.contains_key(&o) {
                    self.resolve(o);
                }
                match self.env.obj(o).typ {
                    Some(t) => Opnd { mode: Mode::TypExpr, typ: t },
                    None => Opnd::invalid(),
                }
            }
            ObjKind::Var { .. } => {
                self.record(fi, id, o, false);
                if self.state.get(&o) == Some(&State::Busy) && self.env.obj(o).typ.is_none() {
                    self.cycle_error(o);
                    return Opnd::invalid();
                }
                if self.state.contains_key(&o) && !self.resolve(o) && self.env.obj(o).typ.is_none() {
                    return Opnd::invalid();
                }
                self.used.insert(o);
                match self.env.obj(o).typ {
                    Some(t) => Opnd { mode: Mode::Var, typ: t },
                    None => Opnd::invalid(),
                }
            }
            ObjKind::Func => {
                self.record(fi, id, o, false);
                if self.state.contains_key(&o) {
                    self.resolve(o);
                }
                match self.env.obj(o).typ {
                    Some(t) => Opnd::value(t),
                    None => Opnd::invalid(),
                }
            }
            &ObjKind::Builtin(b) => {
                self.record(fi, id, o, false);
                Opnd { mode: Mode::Builtin(b), typ: TypeId(0) }
            }
            ObjKind::Nil => {
                self.record(fi, id, o, false);
                Opnd::value(self.env.typ(BasicKind::UntypedNil))
            }
            ObjKind::Label => {
                let name = name();
                self.error(fi, pos, format!("use of label {name} not in a branch statement"));
                Opnd::invalid()
            }
        }
    }

    /// An initialization cycle through package-level object `o`, reported
    /// at its declaration as gc does.
    fn cycle_error(&mut self, o: ObjId) {
        let name = self.env.obj(o).name.clone();
        let (f, p) = self.env.obj(o).pos.unwrap_or((0, 0));
        self.error(f as usize, p, format!("initialization cycle for {name}"));
    }

    // ---- helpers on types ----------------------------------------------------

    /// The underlying type, expanding pending instances first.
    pub(crate) fn under(&mut self, t: TypeId) -> TypeId {
        if !self.env.pending_instances.is_empty() {
            instantiate::expand_pending(self.env);
        }
        self.env.underlying(t)
    }

    /// The core type of `t` (its underlying type for non-type-parameters).
    pub(crate) fn core(&mut self, t: TypeId) -> Option<TypeId> {
        if !self.env.pending_instances.is_empty() {
            instantiate::expand_pending(self.env);
        }
        if matches!(self.env.ty(self.env.unalias(t)), Type::TypeParam { .. }) {
            core_type(self.env, t)
        } else {
            Some(self.env.underlying(t))
        }
    }

    pub(crate) fn is_untyped_type(&self, t: TypeId) -> bool {
        matches!(self.env.ty(t), Type::Basic { kind, .. } if kind.is_untyped())
    }

    fn basic_of(&mut self, t: TypeId) -> Option<BasicKind> {
        let u = self.under(t);
        match self.env.ty(u) {
            Type::Basic { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// Whether every type in `t`'s type set (or `t` itself) satisfies `pred`
    /// on its basic kind.
    pub(crate) fn all_basic(&mut self, t: TypeId, pred: fn(BasicKind) -> bool) -> bool {
        let t = self.env.unalias(t);
        if let Type::TypeParam { bound, .. } = self.env.ty(t).clone() {
            let ts = crate::typeset::type_set(self.env, bound);
            return match &ts.terms {
                Some(terms) if !terms.is_empty() => {
                    let terms = terms.clone();
                    terms.iter().all(|term| {
                        let u = self.env.underlying(term.typ);
                        matches!(self.env.ty(u), Type::Basic { kind, .. } if pred(*kind))
                    })
                }
                _ => false,
            };
        }
        self.basic_of(t).is_some_and(pred)
    }

    // ---- untyped conversion ---------------------------------------------------

    /// Converts an untyped operand to `target` (types2 `convertUntyped` /
    /// `implicitTypeAndValue`); reports an error and returns false when
    /// impossible. Typed operands are left alone.
    pub(crate) fn convert_untyped(&mut self, fi: usize, e: ExprId, x: &mut Opnd, target: TypeId) -> bool {
        if x.is_invalid() || !self.is_untyped_type(x.typ) || target == TypeId(0) {
            return true;
        }
        let pos = self.files[fi].expr(e).pos;
        if self.is_untyped_type(target) {
            // Both untyped: only numeric kinds combine, to the larger kind.
            let (xk, tk) = (self.env.basic_kind(x.typ), self.env.basic_kind(target));
            if let (Some(xk), Some(tk)) = (xk, tk) {
                if xk.is_numeric() && tk.is_numeric() {
                    if tk > xk {
                        self.set_untyped_type(fi, e, x, target);
                    }
                    return true;
                }
                if xk == tk {
                    return true;
                }
            }
            self.mismatch(fi, pos, x.typ, target);
            return false;
        }
        let xk = self.env.basic_kind(x.typ).unwrap_or(BasicKind::Invalid);
        let tt = self.env.unalias(target);
        if let Type::TypeParam { .. } = self.env.ty(tt) {
            if xk == BasicKind::UntypedNil {
                return true;
            }
            // Representable in every type of the type set (checked loosely).
            if let Mode::Const(_) = x.mode {
                x.mode = Mode::Value;
            }
            self.set_untyped_type(fi, e, x, target);
            return true;
        }
        let u = self.under(target);
        match self.env.ty(u).clone() {
            Type::Basic { kind, .. } => {
                if let Mode::Const(v) = &x.mode {
                    let c = Operand { typ: x.typ, val: v.clone() };
                    match self.represent(fi, pos, &c, target) {
                        Some(r) => {
                            x.mode = Mode::Const(r.val);
                            self.set_untyped_type(fi, e, x, target);
                            true
                        }
                        None => false,
                    }
                } else {
                    let ok = match xk {
                        BasicKind::UntypedBool => kind.is_boolean(),
                        BasicKind::UntypedInt | BasicKind::UntypedRune => kind.is_numeric(),
                        BasicKind::UntypedFloat => kind.is_float() || kind.is_complex(),
                        BasicKind::UntypedComplex => kind.is_complex(),
                        BasicKind::UntypedString => kind.is_string(),
                        BasicKind::UntypedNil => kind == BasicKind::UnsafePointer,
                        _ => false,
                    };
                    if !ok {
                        self.cannot_use(fi, pos, e, x, target);
                        return false;
                    }
                    if xk != BasicKind::UntypedNil {
                        self.set_untyped_type(fi, e, x, target);
                    }
                    true
                }
            }
            Type::Interface { .. } => {
                if xk == BasicKind::UntypedNil {
                    return true;
                }
                let d = self.default_type(x.typ);
                self.set_untyped_type(fi, e, x, d);
                true
            }
            Type::Pointer { .. }
            | Type::Signature { .. }
            | Type::Slice { .. }
            | Type::Map { .. }
            | Type::Chan { .. } => {
                if xk != BasicKind::UntypedNil {
                    self.cannot_use(fi, pos, e, x, target);
                    return false;
                }
                true
            }
            _ => {
                if u == TypeId(0) {
                    return true;
                }
                self.cannot_use(fi, pos, e, x, target);
                false
            }
        }
    }

    /// Gives an untyped operand its final type and updates the recorded
    /// types of the untyped sub-expressions it came from (types2
    /// `updateExprType`).
    pub(crate) fn set_untyped_type(&mut self, fi: usize, e: ExprId, x: &mut Opnd, t: TypeId) {
        x.typ = t;
        self.update_expr_type(fi, e, t, 0);
    }

    fn update_expr_type(&mut self, fi: usize, e: ExprId, t: TypeId, depth: u32) {
        if depth > 200 {
            return;
        }
        let f = &self.files[fi];
        let Some(old) = self.expr_types_get(fi, e) else { return };
        if !self.is_untyped_type(old) {
            return;
        }
        match f.expr(e).kind.clone() {
            ExprKind::Paren { x } => self.update_expr_type(fi, x, t, depth + 1),
            ExprKind::Operation { op, x, y: None } if op != Operator::Recv => {
                self.update_expr_type(fi, x, t, depth + 1)
            }
            ExprKind::Operation { op, x, y: Some(y) } => {
                if matches!(
                    op,
                    Operator::Eql
                        | Operator::Neq
                        | Operator::Lss
                        | Operator::Leq
                        | Operator::Gtr
                        | Operator::Geq
                ) {
                    // Comparison operands keep their own types.
                } else if matches!(op, Operator::Shl | Operator::Shr) {
                    self.update_expr_type(fi, x, t, depth + 1);
                } else {
                    self.update_expr_type(fi, x, t, depth + 1);
                    self.update_expr_type(fi, y, t, depth + 1);
                }
            }
            _ => {}
        }
        self.record_type(fi, e, t);
    }

    fn mismatch(&mut self, fi: usize, pos: u32, a: TypeId, b: TypeId) {
        let (a, b) = (self.env.type_string(a), self.env.type_string(b));
        self.error(fi, pos, format!("invalid operation: mismatched types {a} and {b}"));
    }

    pub(crate) fn cannot_use(&mut self, fi: usize, pos: u32, e: ExprId, x: &Opnd, target: TypeId) {
        let s = self.expr_string(fi, e);
        let what = self.operand_desc(x);
        let ts = self.env.type_string(target);
        self.error(fi, pos, format!("cannot use {s} ({what}) as {ts} value"));
    }

    /// "variable of type T", "constant 1 of type untyped int", ... (types2
    /// operand String, simplified).
    pub(crate) fn operand_desc(&self, x: &Opnd) -> String {
        let ts = self.env.type_string(x.typ);
        match &x.mode {
            Mode::Const(v) => {
                if self.is_untyped_type(x.typ) {
                    format!("untyped {} constant", ts.trim_start_matches("untyped "))
                } else {
                    let _ = v;
                    format!("constant of type {ts}")
                }
            }
            Mode::Var => format!("variable of type {ts}"),
            Mode::MapIndex => format!("map index expression of type {ts}"),
            Mode::CommaOk => format!("comma, ok expression of type {ts}"),
            _ => {
                if x.typ == self.env.typ(BasicKind::UntypedNil) {
                    "untyped nil".into()
                } else {
                    format!("value of type {ts}")
                }
            }
        }
    }

    /// Assignment of `x` to a variable of type `t` (types2 `assignment`);
    /// `t == None` for an inferred type (`:=`, `var x = ...`), which gives
    /// untyped operands their default type.
    pub(crate) fn assignment(
        &mut self,
        fi: usize,
        e: ExprId,
        x: &mut Opnd,
        t: Option<TypeId>,
        context: &str,
    ) -> bool {
        let pos = self.files[fi].expr(e).pos;
        match x.mode {
            Mode::Invalid => return false,
            Mode::Const(_) | Mode::Var | Mode::MapIndex | Mode::Value | Mode::CommaOk => {}
            _ => {
                let s = self.expr_string(fi, e);
                self.error(fi, pos, format!("cannot use {s} as value in {context}"));
                return false;
            }
        }
        if self.is_untyped_type(x.typ) {
            let target = match t {
                Some(t)
                    if !predicates::is_interface(self.env, t) || predicates::is_type_param(self.env, t) =>
                {
                    t
                }
                _ => {
                    if t.is_none() && x.typ == self.env.typ(BasicKind::UntypedNil) {
                        self.error(fi, pos, format!("use of untyped nil in {context}"));
                        return false;
                    }
                    self.default_type(x.typ)
                }
            };
            if !self.convert_untyped(fi, e, x, target) {
                return false;
            }
            if let Some(t) = t
                && predicates::is_interface(self.env, t)
                && !predicates::is_type_param(self.env, t)
                && x.typ != self.env.typ(BasicKind::UntypedNil)
            {
                // Boxed into an interface: the value keeps its default type.
                self.note_conversion(fi, e, x.typ, t);
                return true;
            }
        }
        let Some(t) = t else { return true };
        if t == TypeId(0) || x.typ == TypeId(0) {
            return true;
        }
        if x.typ == self.env.typ(BasicKind::UntypedNil) {
            if !predicates::has_nil(self.env, t) {
                let ts = self.env.type_string(t);
                self.error(fi, pos, format!("cannot use nil as {ts} value in {context}"));
                return false;
            }
            return true;
        }
        if !predicates::assignable_type(self.env, x.typ, t) {
            self.cannot_use(fi, pos, e, x, t);
            return false;
        }
        self.note_conversion(fi, e, x.typ, t);
        true
    }

    /// Records an implicit conversion of a non-interface value to an
    /// interface type.
    pub(crate) fn note_conversion(&mut self, fi: usize, e: ExprId, from: TypeId, to: TypeId) {
        if predicates::is_interface(self.env, to)
            && !predicates::is_type_param(self.env, to)
            && !predicates::is_interface(self.env, from)
            && from != self.env.typ(BasicKind::UntypedNil)
        {
            self.conversions.push(crate::check::ImplicitConversion { file: fi as u32, expr: e, from, to });
        }
    }

    // ---- selectors ----------------------------------------------------------

    fn selector(&mut self, fi: usize, x: ExprId, sel: ExprId) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(sel).pos;
        let name = f.name_str(sel).to_string();
        // Qualified identifier.
        let xu = f.unparen(x);
        if xu == x
            && matches!(f.expr(x).kind, ExprKind::Name(_))
            && let Some((_, po)) = self.lookup_scope(fi, f.name_str(x))
            && let ObjKind::PkgName { imported } = self.env.obj(po).kind
        {
            self.record(fi, x, po, false);
            self.used_pkgs.insert(po);
            let scope = self.env.package(imported).scope;
            let Some(o) = self.env.lookup(scope, &name).filter(|_| crate::types::is_exported(&name)) else {
                let p = f.name_str(x).to_string();
                self.error(fi, pos, format!("undefined: {p}.{name}"));
                return Opnd::invalid();
            };
            return self.obj_operand(fi, sel, o, false);
        }
        let e = self.cur_selector.take();
        let xo = self.expr_or_type(fi, x);
        self.cur_selector = e;
        if xo.is_invalid() {
            return xo;
        }
        if xo.mode == Mode::TypExpr {
            return self.method_expr(fi, x, sel, xo.typ, &name);
        }
        let addressable = xo.mode == Mode::Var;
        let pkg = Some(self.pkg);
        let r = lookup_field_or_method(self.env, xo.typ, addressable, pkg, &name);
        let Some(o) = r.obj else {
            let ts = self.env.type_string(xo.typ);
            let s = self.expr_string(fi, x);
            if !r.index.is_empty() {
                self.error(fi, pos, format!("ambiguous selector {s}.{name}"));
            } else if r.indirect {
                self.error(fi, pos, format!("cannot call pointer method {name} on {ts}"));
            } else {
                self.error(
                    fi,
                    pos,
                    format!("{s}.{name} undefined (type {ts} has no field or method {name})"),
                );
            }
            return Opnd::invalid();
        };
        self.record(fi, sel, o, false);
        let is_field = matches!(self.env.obj(o).kind, ObjKind::Var { .. });
        if let Some(e) = self.cur_selector {
            let kind = if is_field { SelectionKind::FieldVal } else { SelectionKind::MethodVal };
            let sel = Selection { kind, recv: xo.typ, obj: o, index: r.index.clone(), indirect: r.indirect };
            self.selections.insert((fi as u32, e.0), sel);
        }
        let Some(t) = self.env.obj(o).typ else { return Opnd::invalid() };
        match self.env.obj(o).kind {
            ObjKind::Var { .. } => {
                let mode = if addressable || r.indirect { Mode::Var } else { Mode::Value };
                // A field reached through a pointer is addressable.
                let via_ptr = matches!(self.env.ty(self.env.underlying(xo.typ)), Type::Pointer { .. });
                Opnd { mode: if via_ptr { Mode::Var } else { mode }, typ: t }
            }
            _ => {
                // Method value: the signature without receiver.
                let sig = self.without_recv(t);
                Opnd::value(sig)
            }
        }
    }

    /// The signature `t` without its receiver.
    pub(crate) fn without_recv(&mut self, t: TypeId) -> TypeId {
        match self.env.ty(t).clone() {
            Type::Signature { recv: Some(_), tparams, params, results, variadic, .. } => {
                self.env.new_type(Type::Signature {
                    recv: None,
                    tparams,
                    recv_tparams: Vec::new(),
                    params,
                    results,
                    variadic,
                })
            }
            _ => t,
        }
    }

    /// Method expression `T.M`: a function whose first parameter is the
    /// receiver.
    fn method_expr(&mut self, fi: usize, x: ExprId, sel: ExprId, t: TypeId, name: &str) -> Opnd {
        let pos = self.files[fi].expr(sel).pos;
        let r = lookup_field_or_method(self.env, t, false, Some(self.pkg), name);
        let o = match r.obj {
            Some(o) if self.env.obj(o).kind == ObjKind::Func => o,
            _ => {
                // A pointer method on T is still found for *T method expressions.
                let s = self.expr_string(fi, x);
                if r.indirect {
                    self.error(
                        fi,
                        pos,
                        format!(
                            "invalid method expression {s}.{name} (needs pointer receiver (*{s}).{name})"
                        ),
                    );
                } else {
                    self.error(
                        fi,
                        pos,
                        format!(
                            "{s}.{name} undefined (type {} has no method {name})",
                            self.env.type_string(t)
                        ),
                    );
                }
                return Opnd::invalid();
            }
        };
        self.record(fi, sel, o, false);
        if let Some(e) = self.cur_selector {
            let s = Selection {
                kind: SelectionKind::MethodExpr,
                recv: t,
                obj: o,
                index: r.index.clone(),
                indirect: r.indirect,
            };
            self.selections.insert((fi as u32, e.0), s);
        }
        let Some(sig) = self.env.obj(o).typ else { return Opnd::invalid() };
        let Type::Signature { params, results, variadic, .. } = self.env.ty(sig).clone() else {
            return Opnd::invalid();
        };
        let recv = self.env.new_var(Some(self.pkg), "", t);
        let mut ps = vec![recv];
        ps.extend(self.env.tuple_vars(params).iter().copied());
        let rs = self.env.tuple_vars(results).to_vec();
        Opnd::value(self.env.new_signature(ps, rs, variadic))
    }

    // ---- index and slice ------------------------------------------------------

    /// The expressions of an index (a `List` for several type arguments).
    pub(crate) fn index_list(&self, fi: usize, index: ExprId) -> Vec<ExprId> {
        let f = &self.files[fi];
        match &f.expr(index).kind {
            ExprKind::List { elems } => f.list(*elems).collect(),
            _ => vec![index],
        }
    }

    fn index_expr(&mut self, fi: usize, e: ExprId, x: ExprId, index: ExprId) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        let xo = self.expr_or_type(fi, x);
        match xo.mode {
            Mode::Invalid => return xo,
            Mode::TypExpr => {
                return match self.type_expr(fi, e) {
                    Some(t) => Opnd { mode: Mode::TypExpr, typ: t },
                    None => Opnd::invalid(),
                };
            }
            _ => {}
        }
        if let Type::Signature { tparams, .. } = self.env.ty(xo.typ)
            && !tparams.is_empty()
        {
            // Explicit instantiation of a generic function.
            let tparams = tparams.clone();
            let mut targs = Vec::new();
            for a in self.index_list(fi, index) {
                match self.type_expr(fi, a) {
                    Some(t) => targs.push(t),
                    None => return Opnd::invalid(),
                }
            }
            if targs.len() > tparams.len() {
                self.error(
                    fi,
                    pos,
                    format!(
                        "got {} type arguments but {} has {} type parameters",
                        targs.len(),
                        self.expr_string(fi, x),
                        tparams.len()
                    ),
                );
                return Opnd::invalid();
            }
            if targs.len() < tparams.len() {
                // Partial instantiation; the rest must be inferred by a call.
                let Some(full) = crate::infer::infer(self.env, &tparams, &targs, &[], &[]) else {
                    self.error(
                        fi,
                        pos,
                        format!(
                            "in call to {}, cannot infer {}",
                            self.expr_string(fi, x),
                            self.env.obj(self.tparam_obj(tparams[targs.len()])).name
                        ),
                    );
                    return Opnd::invalid();
                };
                targs = full;
            }
            let inst = instantiate::instantiate(self.env, xo.typ, &targs);
            self.record_instance(fi, x, inst);
            return Opnd::value(inst);
        }
        let u = match self.core(xo.typ) {
            Some(u) => u,
            None => return self.index_typeparam(fi, e, &xo, index),
        };
        let (mode, elem, len) = match self.env.ty(u).clone() {
            Type::Basic { kind, .. } if kind.is_string() => {
                let len = match &xo.mode {
                    Mode::Const(v) => v.as_bytes().len() as i64,
                    _ => -1,
                };
                (Mode::Value, self.env.byte, len)
            }
            Type::Array { len, elem } => {
                (if xo.mode == Mode::Var { Mode::Var } else { Mode::Value }, elem, len)
            }
            Type::Pointer { elem: p } => match self.env.ty(self.env.underlying(p)).clone() {
                Type::Array { len, elem } => (Mode::Var, elem, len),
                _ => return self.not_indexable(fi, pos, x, &xo),
            },
            Type::Slice { elem } => (Mode::Var, elem, -1),
            Type::Map { key, elem } => {
                let mut k = self.expr_hint(fi, index, Some(key));
                self.assignment(fi, index, &mut k, Some(key), "map index");
                return Opnd { mode: Mode::MapIndex, typ: elem };
            }
            _ => return self.not_indexable(fi, pos, x, &xo),
        };
        self.index_value(fi, index, len);
        Opnd { mode, typ: elem }
    }

    fn index_typeparam(&mut self, fi: usize, e: ExprId, xo: &Opnd, index: ExprId) -> Opnd {
        // Type parameter without a core type: all types must index alike.
        let Type::TypeParam { bound, .. } = self.env.ty(self.env.unalias(xo.typ)).clone() else {
            return Opnd::invalid();
        };
        let ts = crate::typeset::type_set(self.env, bound);
        let mut elem: Option<TypeId> = None;
        let mut is_map = None;
        for term in ts.terms.clone().unwrap_or_default() {
            let u = self.env.underlying(term.typ);
            let el = match self.env.ty(u).clone() {
                Type::Basic { kind, .. } if kind.is_string() => self.env.byte,
                Type::Array { elem, .. } | Type::Slice { elem } => elem,
                Type::Pointer { elem: p } => match self.env.ty(self.env.underlying(p)).clone() {
                    Type::Array { elem, .. } => elem,
                    _ => return Opnd::invalid(),
                },
                Type::Map { key, elem } => {
                    is_map = Some(key);
                    elem
                }
                _ => return Opnd::invalid(),
            };
            match elem {
                Some(prev) if !predicates::identical(self.env, prev, el) => {
                    let pos = self.files[fi].expr(e).pos;
                    self.error(
                        fi,
                        pos,
                        "invalid operation: cannot index (type parameter with different element types)",
                    );
                    return Opnd::invalid();
                }
                _ => elem = Some(el),
            }
        }
        let Some(elem) = elem else { return Opnd::invalid() };
        if let Some(key) = is_map {
            let mut k = self.expr(fi, index);
            self.assignment(fi, index, &mut k, Some(key), "map index");
            return Opnd { mode: Mode::MapIndex, typ: elem };
        }
        self.index_value(fi, index, -1);
        Opnd::value(elem)
    }

    fn not_indexable(&mut self, fi: usize, pos: u32, x: ExprId, xo: &Opnd) -> Opnd {
        let s = self.expr_string(fi, x);
        let d = self.operand_desc(xo);
        self.error(fi, pos, format!("invalid operation: cannot index {s} ({d})"));
        Opnd::invalid()
    }

    /// Checks an index value (types2 `index`): an integer, converted to
    /// `int` if untyped, non-negative and below `len` if constant.
    pub(crate) fn index_value(&mut self, fi: usize, index: ExprId, len: i64) -> Option<i64> {
        let mut x = self.expr(fi, index);
        if x.is_invalid() {
            return None;
        }
        let int = self.env.typ(BasicKind::Int);
        if !self.convert_untyped(fi, index, &mut x, int) {
            return None;
        }
        let pos = self.files[fi].expr(index).pos;
        if !self.all_basic(x.typ, BasicKind::is_integer) {
            let s = self.expr_string(fi, index);
            let d = self.operand_desc(&x);
            self.error(fi, pos, format!("invalid argument: index {s} ({d}) must be integer"));
            return None;
        }
        if let Mode::Const(v) = &x.mode {
            let n = v.to_int().to_i64();
            match n {
                Some(n) if n < 0 => {
                    let s = self.expr_string(fi, index);
                    self.error(
                        fi,
                        pos,
                        format!("invalid argument: index {s} (constant of type int) must not be negative"),
                    );
                    return None;
                }
                Some(n) if len >= 0 && n >= len => {
                    let s = self.expr_string(fi, index);
                    self.error(fi, pos, format!("invalid argument: index {s} out of bounds [0:{len}]"));
                    return None;
                }
                _ => return n,
            }
        }
        None
    }

    fn slice_expr(&mut self, fi: usize, e: ExprId, x: ExprId, index: [Option<ExprId>; 3]) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        let xo = self.expr(fi, x);
        if xo.is_invalid() {
            return xo;
        }
        let Some(u) = self.core_string_of(xo.typ) else {
            return self.not_sliceable(fi, pos, x, &xo);
        };
        let (typ, len) = match self.env.ty(u).clone() {
            Type::Basic { kind, .. } if kind.is_string() => {
                let len = match &xo.mode {
                    Mode::Const(v) => v.as_bytes().len() as i64,
                    _ => -1,
                };
                let t = if self.is_untyped_type(xo.typ) { self.env.typ(BasicKind::String) } else { xo.typ };
                (t, len)
            }
            Type::Array { len, elem } => {
                if xo.mode != Mode::Var {
                    let s = self.expr_string(fi, x);
                    self.error(fi, pos, format!("invalid operation: {s} (slice of unaddressable value)"));
                }
                (self.env.new_slice(elem), len)
            }
            Type::Pointer { elem: p } => match self.env.ty(self.env.underlying(p)).clone() {
                Type::Array { len, elem } => (self.env.new_slice(elem), len),
                _ => return self.not_sliceable(fi, pos, x, &xo),
            },
            Type::Slice { .. } => (xo.typ, -1),
            _ => return self.not_sliceable(fi, pos, x, &xo),
        };
        let cap = if len >= 0 { len + 1 } else { -1 };
        for i in index.into_iter().flatten() {
            self.index_value(fi, i, cap);
        }
        Opnd::value(typ)
    }

    fn core_string_of(&mut self, t: TypeId) -> Option<TypeId> {
        if matches!(self.env.ty(self.env.unalias(t)), Type::TypeParam { .. }) {
            core_string(self.env, t)
        } else {
            Some(self.under(t))
        }
    }

    fn not_sliceable(&mut self, fi: usize, pos: u32, x: ExprId, xo: &Opnd) -> Opnd {
        let s = self.expr_string(fi, x);
        let d = self.operand_desc(xo);
        self.error(fi, pos, format!("cannot slice {s} ({d})"));
        Opnd::invalid()
    }

    // ---- composite literals ---------------------------------------------------

    fn composite_lit(
        &mut self,
        fi: usize,
        e: ExprId,
        typ: Option<ExprId>,
        elems: List<ExprId>,
        hint: Option<TypeId>,
    ) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        let elems: Vec<ExprId> = f.list(elems).collect();
        let (lit_type, base) = match typ {
            Some(t) => {
                if let ExprKind::ArrayType { len: None, elem } = f.expr(t).kind {
                    // [...]T: the length comes from the elements.
                    let Some(et) = self.type_expr(fi, elem) else {
                        self.check_elems_anyway(fi, &elems);
                        return Opnd::invalid();
                    };
                    let n = self.indexed_elems(fi, &elems, et, -1);
                    let at = self.env.new_array(et, n);
                    return Opnd::value(at);
                }
                match self.type_expr(fi, t) {
                    Some(t) => (t, t),
                    None => {
                        self.check_elems_anyway(fi, &elems);
                        return Opnd::invalid();
                    }
                }
            }
            None => match hint {
                Some(h) => {
                    // &T elided: a *T hint makes a T literal whose address is taken.
                    let u = self.under(h);
                    match self.env.ty(u).clone() {
                        Type::Pointer { elem } => (h, elem),
                        _ => (h, h),
                    }
                }
                None => {
                    self.error(fi, pos, "invalid composite literal type: missing type");
                    self.check_elems_anyway(fi, &elems);
                    return Opnd::invalid();
                }
            },
        };
        let Some(u) = self.core(base) else {
            self.error(fi, pos, format!("invalid composite literal type {}", self.env.type_string(base)));
            return Opnd::invalid();
        };
        match self.env.ty(u).clone() {
            Type::Struct { fields, .. } => {
                if elems.is_empty() {
                    return Opnd::value(lit_type);
                }
                let keyed = matches!(f.expr(elems[0]).kind, ExprKind::KeyValue { .. });
                for (i, &el) in elems.iter().enumerate() {
                    if keyed {
                        let ExprKind::KeyValue { key, value } = f.expr(el).kind else {
                            self.error(
                                fi,
                                f.expr(el).pos,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        };
                        let kname = match f.expr(key).kind {
                            ExprKind::Name(_) => f.name_str(key).to_string(),
                            _ => {
                                self.error(fi, f.expr(key).pos, "invalid field name in struct literal");
                                self.expr(fi, value);
                                continue;
                            }
                        };
                        // Go 1.27: promoted fields may be named too.
                        let r = lookup_field_or_method(self.env, u, false, Some(self.pkg), &kname);
                        let field = r
                            .obj
                            .filter(|&o| matches!(self.env.obj(o).kind, ObjKind::Var { .. }) && !r.indirect);
                        let Some(field) = field else {
                            self.error(
                                fi,
                                f.expr(key).pos,
                                format!(
                                    "unknown field {kname} in struct literal of type {}",
                                    self.env.type_string(base)
                                ),
                            );
                            self.expr(fi, value);
                            continue;
                        };
                        self.record(fi, key, field, false);
                        let ft = self.env.obj(field).typ;
                        let mut v = self.expr_hint(fi, value, ft);
                        self.assignment(fi, value, &mut v, ft, "struct literal");
                    } else {
                        if let ExprKind::KeyValue { value, .. } = f.expr(el).kind {
                            self.error(
                                fi,
                                f.expr(el).pos,
                                "mixture of field:value and value elements in struct literal",
                            );
                            self.expr(fi, value);
                            continue;
                        }
                        let ft = fields.get(i).and_then(|&fo| self.env.obj(fo).typ);
                        let mut v = self.expr_hint(fi, el, ft);
                        if ft.is_none() {
                            self.error(
                                fi,
                                f.expr(el).pos,
                                format!(
                                    "too many values in struct literal of type {}",
                                    self.env.type_string(base)
                                ),
                            );
                            continue;
                        }
                        self.assignment(fi, el, &mut v, ft, "struct literal");
                    }
                }
            }
            Type::Array { len, elem } => {
                self.indexed_elems(fi, &elems, elem, len);
            }
            Type::Slice { elem } => {
                self.indexed_elems(fi, &elems, elem, -1);
            }
            Type::Map { key, elem } => {
                for &el in &elems {
                    let ExprKind::KeyValue { key: k, value } = f.expr(el).kind else {
                        self.error(fi, f.expr(el).pos, "missing key in map literal");
                        self.expr(fi, el);
                        continue;
                    };
                    let mut ko = self.expr_hint(fi, k, Some(key));
                    self.assignment(fi, k, &mut ko, Some(key), "map literal");
                    let mut vo = self.expr_hint(fi, value, Some(elem));
                    self.assignment(fi, value, &mut vo, Some(elem), "map literal");
                }
            }
            _ => {
                if u != TypeId(0) {
                    self.error(
                        fi,
                        pos,
                        format!("invalid composite literal type {}", self.env.type_string(base)),
                    );
                }
                self.check_elems_anyway(fi, &elems);
                return Opnd::invalid();
            }
        }
        Opnd::value(lit_type)
    }

    fn check_elems_anyway(&mut self, fi: usize, elems: &[ExprId]) {
        let f = &self.files[fi];
        for &el in elems {
            let v = match f.expr(el).kind {
                ExprKind::KeyValue { value, .. } => value,
                _ => el,
            };
            if !matches!(f.expr(v).kind, ExprKind::CompositeLit { typ: None, .. }) {
                self.raw_expr(fi, v, None);
            }
        }
    }

    /// Elements of an array or slice literal; returns the length
    /// (max index + 1).
    fn indexed_elems(&mut self, fi: usize, elems: &[ExprId], elem: TypeId, len: i64) -> i64 {
        let files = self.files;
        let f = &files[fi];
        let mut idx: i64 = 0;
        let mut max: i64 = 0;
        for &el in elems {
            let value = match f.expr(el).kind {
                ExprKind::KeyValue { key, value } => {
                    if let Some(i) = self.index_value(fi, key, len) {
                        idx = i;
                    }
                    value
                }
                _ => el,
            };
            let mut v = self.expr_hint(fi, value, Some(elem));
            self.assignment(fi, value, &mut v, Some(elem), "array or slice literal");
            idx += 1;
            max = max.max(idx);
        }
        max
    }

    // ---- operations ------------------------------------------------------------

    fn unary_expr(&mut self, fi: usize, e: ExprId, op: Operator, x: ExprId, hint: Option<TypeId>) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        if op == Operator::And {
            let xu = f.unparen(x);
            // &T{} with an elided pointer hint: the literal gets the element hint.
            let inner_hint = hint.and_then(|h| match self.env.ty(self.env.underlying(h)) {
                Type::Pointer { elem } => Some(*elem),
                _ => None,
            });
            let xo = if matches!(f.expr(xu).kind, ExprKind::CompositeLit { .. }) {
                let o = self.raw_expr(fi, x, inner_hint);
                self.single_value(fi, x, o)
            } else {
                self.expr(fi, x)
            };
            if xo.is_invalid() {
                return xo;
            }
            if xo.mode != Mode::Var && !matches!(f.expr(xu).kind, ExprKind::CompositeLit { .. }) {
                let s = self.expr_string(fi, x);
                self.error(fi, pos, format!("invalid operation: cannot take address of {s}"));
                return Opnd::invalid();
            }
            return Opnd::value(self.env.new_pointer(xo.typ));
        }
        let xo = self.expr(fi, x);
        if xo.is_invalid() {
            return xo;
        }
        if op == Operator::Recv {
            let Some(u) = self.core(xo.typ) else {
                self.error(fi, pos, "invalid operation: cannot receive from (no core type)");
                return Opnd::invalid();
            };
            return match self.env.ty(u).clone() {
                Type::Chan { dir, elem } => {
                    if dir == ChanDir::SendOnly {
                        let s = self.expr_string(fi, x);
                        self.error(
                            fi,
                            pos,
                            format!("invalid operation: cannot receive from send-only channel {s}"),
                        );
                        return Opnd::invalid();
                    }
                    Opnd { mode: Mode::CommaOk, typ: elem }
                }
                _ => {
                    let s = self.expr_string(fi, x);
                    self.error(fi, pos, format!("invalid operation: cannot receive from non-channel {s}"));
                    Opnd::invalid()
                }
            };
        }
        let ok = match op {
            Operator::Add | Operator::Sub => self.all_basic(xo.typ, BasicKind::is_numeric),
            Operator::Xor => self.all_basic(xo.typ, BasicKind::is_integer),
            Operator::Not => self.all_basic(xo.typ, BasicKind::is_boolean),
            _ => false,
        };
        if !ok {
            let s = self.expr_string(fi, x);
            self.error(
                fi,
                pos,
                format!(
                    "invalid operation: operator {} not defined on {s} ({})",
                    op.as_str(),
                    self.operand_desc(&xo)
                ),
            );
            return Opnd::invalid();
        }
        if let Mode::Const(v) = &xo.mode {
            let c = Operand { typ: xo.typ, val: v.clone() };
            return match self.unary(fi, pos, op, c) {
                Some(r) => Opnd { mode: Mode::Const(r.val), typ: r.typ },
                None => Opnd::invalid(),
            };
        }
        Opnd::value(xo.typ)
    }

    fn binary_expr(&mut self, fi: usize, e: ExprId, op: Operator, x: ExprId, y: ExprId) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        let mut xo = self.expr(fi, x);
        let mut yo = self.expr(fi, y);
        if xo.is_invalid() || yo.is_invalid() {
            return Opnd::invalid();
        }
        if matches!(op, Operator::Shl | Operator::Shr) {
            return self.shift_expr(fi, e, op, x, xo, y, yo);
        }
        // Match operand types (types2 matchTypes).
        let (xu, yu) = (self.is_untyped_type(xo.typ), self.is_untyped_type(yo.typ));
        if xu && !yu {
            if !self.convert_untyped(fi, x, &mut xo, yo.typ) {
                return Opnd::invalid();
            }
        } else if yu && !xu {
            if !self.convert_untyped(fi, y, &mut yo, xo.typ) {
                return Opnd::invalid();
            }
        } else if xu && yu {
            let nil = self.env.typ(BasicKind::UntypedNil);
            if xo.typ != nil && yo.typ != nil {
                let (xk, yk) = (self.env.basic_kind(xo.typ), self.env.basic_kind(yo.typ));
                if let (Some(a), Some(b)) = (xk, yk)
                    && a.is_numeric()
                    && b.is_numeric()
                    && a != b
                {
                    if a > b {
                        let t = xo.typ;
                        self.convert_untyped(fi, y, &mut yo, t);
                    } else {
                        let t = yo.typ;
                        self.convert_untyped(fi, x, &mut xo, t);
                    }
                }
            }
        }
        let is_cmp = matches!(
            op,
            Operator::Eql | Operator::Neq | Operator::Lss | Operator::Leq | Operator::Gtr | Operator::Geq
        );
        if is_cmp {
            return self.comparison(fi, e, op, x, &xo, y, &yo);
        }
        if !predicates::identical(self.env, xo.typ, yo.typ) {
            let nil = self.env.typ(BasicKind::UntypedNil);
            if xo.typ != nil && yo.typ != nil {
                let (a, b) = (self.env.type_string(xo.typ), self.env.type_string(yo.typ));
                let s = self.expr_string(fi, e);
                let start = self.files[fi].expr(e).start;
                self.error(fi, start, format!("invalid operation: {s} (mismatched types {a} and {b})"));
            }
            return Opnd::invalid();
        }
        let ok = match op {
            Operator::Add => self.all_basic(xo.typ, |k| k.is_numeric() || k.is_string()),
            Operator::Sub | Operator::Mul | Operator::Div => self.all_basic(xo.typ, BasicKind::is_numeric),
            Operator::Rem | Operator::And | Operator::Or | Operator::Xor | Operator::AndNot => {
                self.all_basic(xo.typ, BasicKind::is_integer)
            }
            Operator::AndAnd | Operator::OrOr => self.all_basic(xo.typ, BasicKind::is_boolean),
            _ => false,
        };
        if !ok {
            let s = self.expr_string(fi, x);
            self.error(
                fi,
                pos,
                format!(
                    "invalid operation: operator {} not defined on {s} ({})",
                    op.as_str(),
                    self.operand_desc(&xo)
                ),
            );
            return Opnd::invalid();
        }
        if let (Mode::Const(a), Mode::Const(b)) = (&xo.mode, &yo.mode) {
            let (a, b) = (Operand { typ: xo.typ, val: a.clone() }, Operand { typ: yo.typ, val: b.clone() });
            return match self.binary(fi, pos, op, a, b) {
                Some(r) => Opnd { mode: Mode::Const(r.val), typ: r.typ },
                None => Opnd::invalid(),
            };
        }
        if matches!(op, Operator::Div | Operator::Rem)
            && let Mode::Const(v) = &yo.mode
            && v.sign() == 0
            && self.all_basic(xo.typ, BasicKind::is_integer)
        {
            self.error(fi, pos, "invalid operation: division by zero");
            return Opnd::invalid();
        }
        Opnd::value(xo.typ)
    }

    #[allow(clippy::too_many_arguments)]
    fn comparison(
        &mut self,
        fi: usize,
        e: ExprId,
        op: Operator,
        x: ExprId,
        xo: &Opnd,
        y: ExprId,
        yo: &Opnd,
    ) -> Opnd {
        let _ = (x, y);
        let pos = self.files[fi].expr(e).pos;
        let nil = self.env.typ(BasicKind::UntypedNil);
        let ub = self.env.typ(BasicKind::UntypedBool);
        let ok = if xo.typ == nil || yo.typ == nil {
            let other = if xo.typ == nil { yo.typ } else { xo.typ };
            matches!(op, Operator::Eql | Operator::Neq)
                && (other == nil || predicates::has_nil(self.env, other))
        } else {
            let ident = predicates::assignable_type(self.env, xo.typ, yo.typ)
                || predicates::assignable_type(self.env, yo.typ, xo.typ);
            ident
                && match op {
                    Operator::Eql | Operator::Neq => {
                        predicates::comparable(self.env, xo.typ, false) || self.is_untyped_type(xo.typ)
                    }
                    _ => self.all_basic(xo.typ, |k| (k.is_numeric() && !k.is_complex()) || k.is_string()),
                }
        };
        if !ok {
            let s = self.expr_string(fi, e);
            let (a, b) = (self.env.type_string(xo.typ), self.env.type_string(yo.typ));
            self.error(fi, pos, format!("invalid operation: {s} (mismatched types {a} and {b})"));
            return Opnd::invalid();
        }
        if let (Mode::Const(a), Mode::Const(b)) = (&xo.mode, &yo.mode) {
            let b = constant::compare(a, op, b);
            return Opnd { mode: Mode::Const(Value::Bool(b)), typ: ub };
        }
        Opnd::value(ub)
    }

    #[allow(clippy::too_many_arguments)]
    fn shift_expr(
        &mut self,
        fi: usize,
        e: ExprId,
        op: Operator,
        x: ExprId,
        mut xo: Opnd,
        y: ExprId,
        mut yo: Opnd,
    ) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        // The shift count: an integer (untyped constants become uint if needed).
        if let Mode::Const(v) = &yo.mode {
            let iv = v.to_int();
            if iv == Value::Unknown || iv.sign() < 0 {
                let s = self.expr_string(fi, y);
                self.error(fi, pos, format!("invalid shift count {s}"));
                return Opnd::invalid();
            }
            if self.is_untyped_type(yo.typ) {
                yo.mode = Mode::Const(iv);
                let uint = self.env.typ(BasicKind::Uint);
                self.set_untyped_type(fi, y, &mut yo, uint);
            }
        } else if self.is_untyped_type(yo.typ) {
            let uint = self.env.typ(BasicKind::Uint);
            if !self.convert_untyped(fi, y, &mut yo, uint) {
                return Opnd::invalid();
            }
        }
        if !self.all_basic(yo.typ, BasicKind::is_integer) {
            let s = self.expr_string(fi, y);
            self.error(fi, pos, format!("invalid operation: shift count {s} must be integer"));
            return Opnd::invalid();
        }
        if let Mode::Const(xv) = &xo.mode {
            if let Mode::Const(yv) = &yo.mode {
                let (a, b) =
                    (Operand { typ: xo.typ, val: xv.clone() }, Operand { typ: yo.typ, val: yv.clone() });
                return match self.shift(fi, pos, op, a, b) {
                    Some(r) => Opnd { mode: Mode::Const(r.val), typ: r.typ },
                    None => Opnd::invalid(),
                };
            }
            if self.is_untyped_type(xo.typ) {
                // Non-constant shift of an untyped constant: its type comes
                // from the context (default int).
                if xv.to_int() == Value::Unknown {
                    let s = self.expr_string(fi, x);
                    self.error(fi, pos, format!("invalid operation: shifted operand {s} must be integer"));
                    return Opnd::invalid();
                }
                let ui = self.env.typ(BasicKind::UntypedInt);
                xo.typ = ui;
                return Opnd::value(ui);
            }
        }
        if !self.all_basic(xo.typ, BasicKind::is_integer) {
            let s = self.expr_string(fi, x);
            self.error(fi, pos, format!("invalid operation: shifted operand {s} must be integer"));
            return Opnd::invalid();
        }
        Opnd::value(xo.typ)
    }

    /// The object of a type parameter type.
    pub(crate) fn tparam_obj(&self, t: TypeId) -> ObjId {
        match self.env.ty(t) {
            Type::TypeParam { obj, .. } => *obj,
            _ => ObjId(0),
        }
    }
}
