//! Expressions (types2 `expr.go`, `operand.go`, `index.go`, `literals.go`,
//! the selector part of `call.go`): the [`Opnd`] every expression
//! evaluates to (its mode and type, constant value included), identifiers,
//! literals, selectors, index and slice expressions, unary and binary
//! operations, and the untyped-constant conversions of assignment
//! contexts (`implicitTypeAndValue`).

use go_syntax::ast::{ExprId, ExprKind, List};
use go_syntax::{LitKind, Operator};

use super::{Checker, ConvCode, Operand, Selection, SelectionKind, State};
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

/// What a value is assigned to, as messages name it: a fixed text
/// ("send", "map literal", ...) or "argument to f", where `f` is printed
/// only when a message needs it (calls are frequent, messages are not).
#[derive(Clone, Copy, Debug)]
pub(crate) enum AssignCtx<'a> {
    Text(&'a str),
    ArgumentTo(ExprId),
}

impl<'a> From<&'a str> for AssignCtx<'a> {
    fn from(s: &'a str) -> Self {
        AssignCtx::Text(s)
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
        self.record_operand(fi, e, &x);
        x
    }

    /// Records the type and mode of expression `e`'s operand.
    pub(crate) fn record_operand(&mut self, fi: usize, e: ExprId, x: &Opnd) {
        if x.is_value() || x.mode == Mode::TypExpr {
            self.record_type(fi, e, x.typ);
        }
        self.record_mode(fi, e, &x.mode);
    }

    /// A single value (types2 `expr`): types, builtins and no-value calls
    /// are errors; a tuple is an error.
    pub(crate) fn expr(&mut self, fi: usize, e: ExprId) -> Opnd {
        self.expr_hint(fi, e, None)
    }

    pub(crate) fn expr_hint(&mut self, fi: usize, e: ExprId, hint: Option<TypeId>) -> Opnd {
        let x = self.raw_expr(fi, e, hint);
        let x = self.single_value(fi, e, x);
        // A generic function value must be instantiated (types2
        // `nonGeneric`; a function-typed hint has been used for inference).
        if let Type::Signature { tparams, .. } = self.env.ty(x.typ)
            && !tparams.is_empty()
            && x.mode == Mode::Value
        {
            let at = self.files[fi].expr(e).start;
            let s = self.expr_string(fi, e);
            self.error(fi, at, format!("cannot use generic function {s} without instantiation"));
            return Opnd::invalid();
        }
        x
    }

    pub(crate) fn single_value(&mut self, fi: usize, e: ExprId, x: Opnd) -> Opnd {
        let pos = self.files[fi].expr(e).start;
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
                            self.tstr(x.typ)
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
        super::exprstring::expr_string(&self.files[fi], e)
    }

    // ---- dispatch ----------------------------------------------------------

    fn expr_kind(&mut self, fi: usize, e: ExprId, hint: Option<TypeId>) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let pos = f.expr(e).pos;
        match f.expr(e).kind {
            ExprKind::Bad => Opnd::invalid(),
            ExprKind::Name(_) => self.ident(fi, e),
            ExprKind::BasicLit { kind, bad } => {
                if bad {
                    return Opnd::invalid();
                }
                let val = Value::from_literal_bytes(f.text(e), kind);
                if val.is_unknown() {
                    let text = String::from_utf8_lossy(f.text(e));
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
                let Some(t) = self.var_type(fi, typ) else { return Opnd::invalid() };
                if !predicates::is_interface(self.env, xo.typ) || predicates::is_type_param(self.env, xo.typ)
                {
                    let s = self.opstr(fi, x, &xo);
                    let at = self.files[fi].expr(x).start;
                    self.error(fi, at, format!("invalid operation: {s} is not an interface"));
                    return Opnd::invalid();
                }
                self.type_assertion(fi, e, None, &xo, t);
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
                                let at = self.files[fi].expr(x).start;
                                if xo.typ == self.env.typ(BasicKind::UntypedNil) {
                                    self.error(fi, at, "invalid operation: cannot indirect nil");
                                } else {
                                    let s = self.opstr(fi, x, &xo);
                                    self.error(fi, at, format!("invalid operation: cannot indirect {s}"));
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
                self.add_decl_dep(o);
                if self.state.get(&o) == Some(&State::Busy) {
                    // A cycle, reported by `init_cycles`.
                    return Opnd::invalid();
                }
                self.record(fi, id, o, false);
                if !self.resolve(o) {
                    return Opnd::invalid();
                }
                let obj = self.env.obj(o);
                let (ObjKind::Const { val }, Some(t)) = (&obj.kind, obj.typ) else { return Opnd::invalid() };
                if val.is_unknown() {
                    return Opnd::invalid();
                }
                Opnd { mode: Mode::Const((**val).clone()), typ: t }
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
                self.add_decl_dep(o);
                let st = self.state.get(&o).copied();
                if st == Some(State::Busy) && self.env.obj(o).typ.is_none() {
                    // A cycle, reported by `init_cycles`.
                    return Opnd::invalid();
                }
                if st.is_some() && !self.resolve(o) && self.env.obj(o).typ.is_none() {
                    return Opnd::invalid();
                }
                self.used.insert(o);
                match self.env.obj(o).typ {
                    // Variables of invalid type are silently invalid.
                    Some(t) if predicates::is_valid(self.env, t) => Opnd { mode: Mode::Var, typ: t },
                    _ => Opnd::invalid(),
                }
            }
            ObjKind::Func => {
                self.record(fi, id, o, false);
                self.add_decl_dep(o);
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
        crate::types::Env::universe_kind(t).is_some_and(BasicKind::is_untyped)
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
        if let &Type::TypeParam { bound, .. } = self.env.ty(t) {
            let ts = crate::typeset::type_set(self.env, bound);
            return match &ts.terms {
                Some(terms) if !terms.is_empty() => terms.iter().all(|term| {
                    let u = self.env.underlying(term.typ);
                    matches!(self.env.ty(u), Type::Basic { kind, .. } if pred(*kind))
                }),
                _ => false,
            };
        }
        self.basic_of(t).is_some_and(pred)
    }

    // ---- untyped conversion ---------------------------------------------------

    /// Converts an untyped operand to `target` (types2 `convertUntyped`);
    /// reports an error at the operand (types2 `invalidConversion`) and
    /// returns false when impossible. Typed operands are left alone.
    pub(crate) fn convert_untyped(&mut self, fi: usize, e: ExprId, x: &mut Opnd, target: TypeId) -> bool {
        match self.try_convert_untyped(fi, e, x, target) {
            Ok(()) => true,
            Err(code) => {
                let t = if predicates::is_type_param(self.env, target) {
                    target
                } else {
                    self.env.underlying(target)
                };
                let xs = self.opstr(fi, e, x);
                self.conversion_error(fi, e, &xs, t, code);
                false
            }
        }
    }

    /// The conversion of [`Self::convert_untyped`] without reporting
    /// (types2 `implicitTypeAndValue` plus the operand update).
    pub(crate) fn try_convert_untyped(
        &mut self,
        fi: usize,
        e: ExprId,
        x: &mut Opnd,
        target: TypeId,
    ) -> Result<(), ConvCode> {
        if x.is_invalid() || !self.is_untyped_type(x.typ) || target == TypeId(0) {
            return Ok(());
        }
        if self.env.basic_kind(self.env.unalias(target)) == Some(BasicKind::Invalid) {
            return Ok(());
        }
        if self.is_untyped_type(target) {
            // Both untyped: only numeric kinds combine, to the larger kind.
            let (xk, tk) = (self.env.basic_kind(x.typ), self.env.basic_kind(target));
            if let (Some(xk), Some(tk)) = (xk, tk) {
                if xk.is_numeric() && tk.is_numeric() {
                    if tk > xk {
                        self.set_untyped_type(fi, e, x, target);
                    }
                    return Ok(());
                }
                if xk == tk {
                    return Ok(());
                }
            }
            return Err(ConvCode::Invalid);
        }
        let xk = self.env.basic_kind(x.typ).unwrap_or(BasicKind::Invalid);
        let tt = self.env.unalias(target);
        if let Type::TypeParam { .. } = self.env.ty(tt) {
            if xk == BasicKind::UntypedNil {
                return Ok(());
            }
            // Representable in every type of the type set (checked loosely).
            if let Mode::Const(_) = x.mode {
                x.mode = Mode::Value;
            }
            self.set_untyped_type(fi, e, x, target);
            return Ok(());
        }
        let u = self.under(target);
        match self.env.ty(u) {
            &Type::Basic { kind, .. } => {
                if let Mode::Const(_) = x.mode {
                    // Moved out (not cloned) and put back on failure.
                    let Mode::Const(val) = std::mem::replace(&mut x.mode, Mode::Invalid) else {
                        return Ok(());
                    };
                    let c = Operand { typ: x.typ, val };
                    match self.representation(&c, target) {
                        Ok(r) => x.mode = Mode::Const(r),
                        Err(code) => {
                            x.mode = Mode::Const(c.val);
                            return Err(code);
                        }
                    }
                    self.set_untyped_type(fi, e, x, target);
                    Ok(())
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
                        return Err(ConvCode::Invalid);
                    }
                    if xk != BasicKind::UntypedNil {
                        self.set_untyped_type(fi, e, x, target);
                    }
                    Ok(())
                }
            }
            Type::Interface { .. } => {
                if xk == BasicKind::UntypedNil {
                    return Ok(());
                }
                let d = self.default_type(x.typ);
                self.set_untyped_type(fi, e, x, d);
                Ok(())
            }
            Type::Pointer { .. }
            | Type::Signature { .. }
            | Type::Slice { .. }
            | Type::Map { .. }
            | Type::Chan { .. } => {
                if xk != BasicKind::UntypedNil {
                    return Err(ConvCode::Invalid);
                }
                Ok(())
            }
            _ => {
                if u == TypeId(0) {
                    return Ok(());
                }
                Err(ConvCode::Invalid)
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
        match f.expr(e).kind {
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
                    // The untyped constant operand of a non-constant shift
                    // must end up an integer (types2 `isLhs`).
                    if !self.consts.contains(fi, e)
                        && self.consts.contains(fi, x)
                        && !predicates::all_integer(self.env, t)
                    {
                        let at = f.expr(x).start;
                        let (s, ts) = (self.expr_string(fi, x), self.tstr(t));
                        self.error(
                            fi,
                            at,
                            format!("invalid operation: shifted operand {s} (type {ts}) must be integer"),
                        );
                    } else {
                        self.update_expr_type(fi, x, t, depth + 1);
                    }
                } else {
                    self.update_expr_type(fi, x, t, depth + 1);
                    self.update_expr_type(fi, y, t, depth + 1);
                }
            }
            _ => {}
        }
        self.record_type(fi, e, t);
    }

    /// The operand `x` of expression `e` as types2 prints operands
    /// (`operandString`): `nil`, or the expression followed by its mode
    /// and type, e.g. `x (variable of struct type T)`, `1.5 (untyped float
    /// constant)`, `c (constant 3 of int type C)`.
    pub(crate) fn opstr(&self, fi: usize, e: ExprId, x: &Opnd) -> String {
        let expr = self.expr_string(fi, e);
        let d = self.operand_desc_for(x, &expr);
        if d == "nil" {
            return d;
        }
        format!("{expr} ({d})")
    }

    /// The parenthesized part of [`Self::opstr`] (or `nil` for the nil value).
    pub(crate) fn operand_desc_for(&self, x: &Opnd, expr: &str) -> String {
        let nil = self.env.typ(BasicKind::UntypedNil);
        if x.typ == nil && !matches!(x.mode, Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypExpr)
        {
            return "nil".into();
        }
        let mut buf = String::new();
        let mut has_type = false;
        match x.mode {
            Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypExpr => {}
            _ => {
                if self.is_untyped_type(x.typ) {
                    buf.push_str(&self.tstr(x.typ));
                    buf.push(' ');
                } else {
                    has_type = true;
                }
            }
        }
        buf.push_str(match x.mode {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin(_) => "built-in",
            Mode::TypExpr => "type",
            Mode::Const(_) => "constant",
            Mode::Var => "variable",
            Mode::MapIndex => "map index expression",
            Mode::Value => "value",
            Mode::CommaOk => "comma, ok expression",
        });
        if let Mode::Const(v) = &x.mode {
            let vs = super::exprstring::value_string(v);
            if vs != expr {
                buf.push(' ');
                buf.push_str(&vs);
            }
        }
        if has_type {
            if x.typ == TypeId(0) || self.env.basic_kind(x.typ) == Some(BasicKind::Invalid) {
                buf.push_str(" with invalid type");
            } else {
                let mut desc = String::new();
                let t = self.env.unalias(x.typ);
                let tpar = match self.env.ty(t) {
                    Type::TypeParam { bound, .. } => Some(*bound),
                    _ => None,
                };
                if let Type::Named { tparams, targs, .. } = self.env.ty(t)
                    && !tparams.is_empty()
                    && targs.is_empty()
                {
                    desc.push_str("generic ");
                }
                if tpar.is_none() && matches!(self.env.ty(x.typ), Type::Named { .. } | Type::Alias { .. }) {
                    let u = self.env.underlying(x.typ);
                    let what = match self.env.ty(u) {
                        Type::Basic { name, .. } => name.to_string(),
                        Type::Array { .. } => "array".into(),
                        Type::Slice { .. } => "slice".into(),
                        Type::Struct { .. } => "struct".into(),
                        Type::Pointer { .. } => "pointer".into(),
                        Type::Signature { .. } => "func".into(),
                        Type::Interface { .. } => "interface".into(),
                        Type::Map { .. } => "map".into(),
                        Type::Chan { .. } => "chan".into(),
                        Type::Tuple { .. } => "tuple".into(),
                        Type::Union { .. } => "union".into(),
                        _ => String::new(),
                    };
                    if !what.is_empty() {
                        desc.push_str(&what);
                        desc.push(' ');
                    }
                }
                buf.push_str(" of ");
                buf.push_str(&desc);
                buf.push_str("type ");
                buf.push_str(&self.tstr(x.typ));
                if let Some(b) = tpar {
                    buf.push_str(" constrained by ");
                    buf.push_str(&self.tstr(b));
                }
            }
        }
        buf
    }

    /// Assignment of `x` to a variable of type `t` (types2 `assignment`);
    /// `t == None` for an inferred type (`:=`, `var x = ...`), which gives
    /// untyped operands their default type. Errors name the `context`
    /// ("assignment", "argument to f", ...) and are reported at the
    /// operand's start.
    #[inline]
    pub(crate) fn assignment<'c>(
        &mut self,
        fi: usize,
        e: ExprId,
        x: &mut Opnd,
        t: Option<TypeId>,
        context: impl Into<AssignCtx<'c>>,
    ) -> bool {
        self.assignment_in(fi, e, x, t, context.into())
    }

    fn assignment_in(
        &mut self,
        fi: usize,
        e: ExprId,
        x: &mut Opnd,
        t: Option<TypeId>,
        ctx: AssignCtx<'_>,
    ) -> bool {
        let at = self.files[fi].expr(e).start;
        match x.mode {
            Mode::Invalid => return false,
            Mode::Const(_) | Mode::Var | Mode::MapIndex | Mode::Value | Mode::CommaOk => {}
            _ => {
                let s = self.opstr(fi, e, x);
                let ts = t.map_or_else(|| "<nil>".to_string(), |t| self.tstr(t));
                let context = self.assign_ctx_string(fi, ctx);
                self.error(fi, at, format!("cannot assign {s} to {ts} in {context}"));
                return false;
            }
        }
        let nil = self.env.typ(BasicKind::UntypedNil);
        if self.is_untyped_type(x.typ) {
            if x.typ == nil && t.is_none() {
                let context = self.assign_ctx_string(fi, ctx);
                self.error(fi, at, format!("use of untyped nil in {context}"));
                return false;
            }
            let target = match t {
                Some(t)
                    if x.typ == nil
                        || !predicates::is_interface(self.env, t)
                        || predicates::is_type_param(self.env, t) =>
                {
                    t
                }
                _ => self.default_type(x.typ),
            };
            if x.typ == nil {
                if !predicates::has_nil(self.env, target)
                    && self.env.basic_kind(target) != Some(BasicKind::Invalid)
                {
                    let ts = self.tstr(target);
                    let context = self.assign_ctx_string(fi, ctx);
                    self.error(fi, at, format!("cannot use nil as {ts} value in {context}"));
                    return false;
                }
                return true;
            }
            // On failure `x` is left as it was.
            if let Err(code) = self.try_convert_untyped(fi, e, x, target) {
                let s = self.opstr(fi, e, x);
                let ts = self.tstr(target);
                let suffix = match code {
                    ConvCode::Truncated => " (truncated)",
                    ConvCode::Overflow => " (overflows)",
                    ConvCode::Invalid => "",
                };
                let context = self.assign_ctx_string(fi, ctx);
                self.error(fi, at, format!("cannot use {s} as {ts} value in {context}{suffix}"));
                return false;
            }
            // Boxed into an interface, the value has its default type
            // (which must still implement the interface).
        }
        let Some(t) = t else { return true };
        if t == TypeId(0) || x.typ == TypeId(0) {
            return true;
        }
        if let Err(cause) = self.assignable_cause(x.typ, t) {
            let s = self.opstr(fi, e, x);
            let ts = self.tstr(t);
            let context = self.assign_ctx_string(fi, ctx);
            let msg = if cause.is_empty() {
                format!("cannot use {s} as {ts} value in {context}")
            } else {
                format!("cannot use {s} as {ts} value in {context}: {cause}")
            };
            self.error(fi, at, msg);
            return false;
        }
        self.note_conversion(fi, e, x.typ, t);
        true
    }

    /// The text of an assignment context.
    fn assign_ctx_string(&self, fi: usize, ctx: AssignCtx<'_>) -> String {
        match ctx {
            AssignCtx::Text(s) => s.to_string(),
            AssignCtx::ArgumentTo(fun) => format!("argument to {}", self.expr_string(fi, fun)),
        }
    }

    /// Whether a value of (typed) type `v` is assignable to `t`; if not,
    /// the cause types2's `assignableTo` gives ("" when none).
    pub(crate) fn assignable_cause(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        if predicates::assignable_type(self.env, v, t) {
            return Ok(());
        }
        let tu = self.env.underlying(t);
        let vu = self.env.underlying(v);
        let tparam_t = predicates::is_type_param(self.env, t);
        let tparam_v = predicates::is_type_param(self.env, v);
        let iface_ptr = |c: &Self, u: TypeId| matches!(c.env.ty(u), Type::Pointer { elem } if predicates::is_interface(c.env, *elem));
        if ((matches!(self.env.ty(tu), Type::Interface { .. }) && !tparam_t) || iface_ptr(self, tu))
            && let Err(c) = self.implements_cause_string(v, t, false)
        {
            return Err(if tparam_v { String::new() } else { c });
        }
        if matches!(self.env.ty(vu), Type::Interface { .. })
            && !tparam_v
            && self.implements_cause_string(t, v, false).is_ok()
        {
            return Err("need type assertion".into());
        }
        Err(String::new())
    }

    /// types2 `typeAssertion`: reports an assertion of (interface-typed)
    /// `x` to `t` that can never hold (`case_of`: the type switch guard
    /// expression, for a type switch case `e`).
    pub(crate) fn type_assertion(
        &mut self,
        fi: usize,
        e: ExprId,
        case_of: Option<ExprId>,
        x: &Opnd,
        t: TypeId,
    ) {
        let Err(m) = crate::lookup::assertable_to(self.env, x.typ, t) else { return };
        let cause = self.missing_method_cause(t, x.typ, m);
        let at = self.files[fi].expr(e).start;
        let es = self.expr_string(fi, e);
        let ts = self.tstr(t);
        let msg = match case_of {
            Some(g) => {
                let xs = self.opstr(fi, g, x);
                format!("impossible type switch case: {es}\n\t{xs} cannot have dynamic type {ts} {cause}")
            }
            None => {
                let vs = self.tstr(x.typ);
                format!("impossible type assertion: {es}\n\t{ts} does not implement {vs} {cause}")
            }
        };
        self.error(fi, at, msg);
    }

    /// types2 `missingMethodCause`: why `v` lacks method `m.method` of
    /// interface `t`, in parentheses.
    /// types2's explanation for a pointer to an interface or to a type
    /// parameter, which has no methods.
    fn pointer_to_iface_cause(&self, x: TypeId) -> String {
        let xs = self.tstr(x);
        match self.env.ty(self.env.underlying(x)) {
            Type::Pointer { elem } if predicates::is_type_param(self.env, *elem) => {
                format!("type {xs} is pointer to type parameter, not type parameter")
            }
            _ => format!("type {xs} is pointer to interface, not interface"),
        }
    }

    pub(crate) fn missing_method_cause(
        &mut self,
        v: TypeId,
        t: TypeId,
        m: crate::lookup::MissingMethod,
    ) -> String {
        use crate::lookup::MissingKind;
        let vs = self.tstr(v);
        let q = self.qual.get_or_init(|| self.env.qualifier(self.pkg)).clone();
        let name = self.env.obj(m.method).name.clone();
        let vp = self.env.underlying(v);
        let tp = self.env.underlying(t);
        let is_ip = |c: &Self, u: TypeId| matches!(c.env.ty(u), Type::Pointer { elem } if predicates::is_interface(c.env, *elem));
        match m.kind {
            MissingKind::NotFound => {
                if is_ip(self, vp) {
                    format!("({})", self.pointer_to_iface_cause(v))
                } else if is_ip(self, tp) {
                    format!("({})", self.pointer_to_iface_cause(t))
                } else {
                    format!("(missing method {name})")
                }
            }
            MissingKind::WrongName => {
                let fs = m.have.map(|h| self.env.func_string(h, &q)).unwrap_or_default();
                let ms = self.env.func_string(m.method, &q);
                format!("(missing method {name})\n\t\thave {fs}\n\t\twant {ms}")
            }
            MissingKind::Unexported => format!("(unexported method {name})"),
            MissingKind::WrongSig => {
                let fs = m.have.map(|h| self.env.func_string(h, &q)).unwrap_or_default();
                let ms = self.env.func_string(m.method, &q);
                if fs == ms {
                    format!("(wrong type for method {name})")
                } else {
                    format!("(wrong type for method {name})\n\t\thave {fs}\n\t\twant {ms}")
                }
            }
            MissingKind::AmbigSel => format!("(ambiguous selector {vs}.{name})"),
            MissingKind::PtrRecv => format!("(method {name} has pointer receiver)"),
            MissingKind::Field => format!("({vs}.{name} is a field, not a method)"),
        }
    }

    /// types2 `implements(V, T, constraint, &cause)`: `Err(cause)` if `v`
    /// does not implement (satisfy) `t`.
    pub(crate) fn implements_cause_string(
        &mut self,
        v: TypeId,
        t: TypeId,
        constraint: bool,
    ) -> Result<(), String> {
        use crate::lookup::NotImplemented;
        let Err(why) = crate::lookup::implements_cause(self.env, v, t, constraint) else { return Ok(()) };
        let verb = if constraint { "satisfy" } else { "implement" };
        let (vs, ts) = (self.tstr(v), self.tstr(t));
        Err(match why {
            NotImplemented::NotAnInterface { ptr_to_iface } => {
                let detail = if ptr_to_iface {
                    self.pointer_to_iface_cause(t)
                } else {
                    format!("{ts} is not an interface")
                };
                format!("{vs} does not {verb} {ts} ({detail})")
            }
            NotImplemented::EmptyTypeSet => format!("cannot {verb} {ts} (empty type set)"),
            NotImplemented::Missing(m) => {
                let cause = self.missing_method_cause(v, t, m);
                format!("{vs} does not {verb} {ts} {cause}")
            }
            NotImplemented::NotSubset => format!("{vs} does not {verb} {ts}"),
            NotImplemented::NotInTypeSet { alt } => {
                let detail = match alt {
                    Some(a) => format!("possibly missing ~ for {} in {ts}", self.tstr(a)),
                    None => {
                        let terms = match self.env.ty(self.env.underlying(t)) {
                            Type::Interface { .. } => {
                                let tset = crate::typeset::type_set(self.env, self.env.underlying(t));
                                match &tset.terms {
                                    Some(terms) => terms
                                        .iter()
                                        .map(|tm| {
                                            format!(
                                                "{}{}",
                                                if tm.tilde { "~" } else { "" },
                                                self.tstr(tm.typ)
                                            )
                                        })
                                        .collect::<Vec<_>>()
                                        .join(" | "),
                                    None => String::new(),
                                }
                            }
                            _ => String::new(),
                        };
                        format!("{vs} missing in {terms}")
                    }
                };
                format!("{vs} does not {verb} {ts} ({detail})")
            }
            NotImplemented::NotComparable => format!("{vs} does not {verb} comparable"),
        })
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
        let name: &str = f.name_str(sel);
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
            let Some(o) = self.env.lookup(scope, name) else {
                let p = f.name_str(x).to_string();
                // A hint for a name differing only in case.
                let mut alts: Vec<String> = self
                    .env
                    .scope(scope)
                    .names
                    .keys()
                    .filter(|k| crate::types::is_exported(k) && k.to_lowercase() == name.to_lowercase())
                    .cloned()
                    .collect();
                alts.sort();
                match alts.first() {
                    Some(a) => self.error(fi, pos, format!("undefined: {p}.{name} (but have {a})")),
                    None => self.error(fi, pos, format!("undefined: {p}.{name}")),
                }
                return Opnd::invalid();
            };
            if !crate::types::is_exported(name) {
                let pn = self.env.package(imported).name.clone();
                self.error(fi, pos, format!("name {name} not exported by package {pn}"));
                return Opnd::invalid();
            }
            return self.obj_operand(fi, sel, o, false);
        }
        let e = self.cur_selector.take();
        let xo = self.expr_or_type(fi, x);
        self.cur_selector = e;
        if xo.is_invalid() {
            return xo;
        }
        if xo.mode == Mode::TypExpr {
            return self.method_expr(fi, x, sel, xo.typ, name);
        }
        let addressable = xo.mode == Mode::Var;
        let pkg = Some(self.pkg);
        let mut r = lookup_field_or_method(self.env, xo.typ, addressable, pkg, name);
        let Some(o) = r.obj else {
            let ts = self.tstr(xo.typ);
            let s = self.expr_string(fi, x);
            if !r.index.is_empty() {
                self.error(fi, pos, format!("ambiguous selector {s}.{name}"));
            } else if r.indirect {
                self.error(fi, pos, format!("cannot call pointer method {name} on {ts}"));
            } else if predicates::is_valid(self.env, self.env.underlying(xo.typ)) {
                let why = if matches!(self.env.ty(self.env.underlying(xo.typ)), Type::Pointer { elem }
                    if predicates::is_interface(self.env, *elem))
                {
                    self.pointer_to_iface_cause(xo.typ)
                } else {
                    self.lookup_error(xo.typ, name, addressable, false)
                };
                self.error(fi, pos, format!("{s}.{name} undefined ({why})"));
            }
            return Opnd::invalid();
        };
        self.record(fi, sel, o, false);
        let is_field = matches!(self.env.obj(o).kind, ObjKind::Var { .. });
        if let Some(e) = self.cur_selector {
            let kind = if is_field { SelectionKind::FieldVal } else { SelectionKind::MethodVal };
            let index = std::mem::take(&mut r.index);
            let sel = Selection { kind, recv: xo.typ, obj: o, index, indirect: r.indirect };
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
    /// types2 `lookupError`: why `sel` is not found on `typ`, using a
    /// case-insensitive lookup for a hint; `struct_lit` for unknown
    /// fields in struct literals.
    pub(crate) fn lookup_error(
        &mut self,
        typ: TypeId,
        sel: &str,
        addressable: bool,
        struct_lit: bool,
    ) -> String {
        let alt = if struct_lit {
            self.struct_field_fold(typ, sel)
        } else {
            crate::lookup::lookup_impl(self.env, typ, addressable, Some(self.pkg), sel, true).obj
        };
        let ts = self.tstr(typ);
        let tail = |s: &str| s.chars().skip(1).collect::<String>();
        let exported = crate::types::is_exported;
        // 0 missing, 1 misspelled, 2 unexported, 3 inaccessible
        let mut case = 0;
        let mut alt_name = String::new();
        let mut what = "object";
        if let Some(o) = alt {
            let obj = self.env.obj(o);
            alt_name = obj.name.clone();
            what = match obj.kind {
                ObjKind::Var { .. } => "field",
                ObjKind::Func => "method",
                _ => "object",
            };
            if obj.pkg == Some(self.pkg) {
                case = 1;
            } else if exported(sel) {
                if exported(&alt_name) {
                    case = 1;
                } else if tail(sel) == tail(&alt_name) {
                    case = 2;
                }
            } else if exported(&alt_name) {
                if tail(sel) == tail(&alt_name) {
                    case = 1;
                }
            } else if sel == alt_name {
                case = 3;
            }
        }
        if struct_lit {
            match case {
                1 => format!("unknown field {sel} in struct literal of type {ts}, but does have {alt_name}"),
                2 => format!(
                    "unknown field {sel} in struct literal of type {ts}, but does have unexported {alt_name}"
                ),
                3 => format!("cannot refer to unexported field {alt_name} in struct literal of type {ts}"),
                _ => format!("unknown field {sel} in struct literal of type {ts}"),
            }
        } else {
            match case {
                1 => format!("type {ts} has no field or method {sel}, but does have {what} {alt_name}"),
                2 => format!(
                    "type {ts} has no field or method {sel}, but does have unexported {what} {alt_name}"
                ),
                3 => format!("cannot refer to unexported {what} {alt_name}"),
                _ => format!("type {ts} has no field or method {sel}"),
            }
        }
    }

    /// A field of struct type `t` whose name matches `sel` ignoring case
    /// (types2's case-folding `fieldIndex`).
    fn struct_field_fold(&self, t: TypeId, sel: &str) -> Option<ObjId> {
        let u = self.env.underlying(crate::lookup::deref_struct_ptr(self.env, t));
        let Type::Struct { fields, .. } = self.env.ty(u) else { return None };
        fields.iter().copied().find(|&f| self.env.obj(f).name.to_lowercase() == sel.to_lowercase())
    }

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
                } else if r.obj.is_some() {
                    self.error(
                        fi,
                        pos,
                        format!("{s}.{name} undefined (type {} has no method {name})", self.tstr(t)),
                    );
                } else {
                    let why = self.lookup_error(t, name, false, false);
                    self.error(fi, pos, format!("{s}.{name} undefined ({why})"));
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
        let xo = self.expr_or_type(fi, x);
        self.index_with_base(fi, e, x, index, xo)
    }

    /// `x[index]` once `x` is evaluated to `xo`.
    pub(crate) fn index_with_base(
        &mut self,
        fi: usize,
        e: ExprId,
        x: ExprId,
        index: ExprId,
        xo: Opnd,
    ) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
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
            let xlist = self.index_list(fi, index);
            for &a in &xlist {
                match self.var_type(fi, a) {
                    Some(t) => targs.push(t),
                    None => return Opnd::invalid(),
                }
            }
            if targs.len() > tparams.len() {
                let at = xlist.last().map_or(pos, |&a| self.files[fi].expr(a).start);
                let msg = format!("got {} type arguments but want {}", targs.len(), tparams.len());
                self.error(fi, at, msg);
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
            let mut vpos: Vec<u32> = xlist.iter().map(|&a| self.files[fi].expr(a).start).collect();
            vpos.push(pos);
            self.verify_later(fi, vpos, tparams.clone(), targs.clone());
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
        let s = self.opstr(fi, x, xo);
        self.error(fi, pos, format!("cannot index {s}"));
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
            let s = self.opstr(fi, index, &x);
            self.error(fi, pos, format!("invalid argument: index {s} must be integer"));
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
                    let s = self.opstr(fi, x, &xo);
                    let at = self.files[fi].expr(x).start;
                    self.error(fi, at, format!("cannot slice unaddressable value {s}"));
                    return Opnd::invalid();
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
        let _ = pos;
        let s = self.opstr(fi, x, xo);
        let at = self.files[fi].expr(x).start;
        self.error(fi, at, format!("cannot slice {s}"));
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
        // No literal of a type still being declared.
        if !self.is_complete(base) {
            return Opnd::invalid();
        }
        let Some(u) = self.core(base) else {
            self.error(fi, pos, format!("invalid composite literal type {}", self.tstr(base)));
            return Opnd::invalid();
        };
        // A struct's field list without its tags (cloning the tags showed
        // in profiles).
        let shape = match self.env.ty(u) {
            Type::Struct { fields, .. } => Type::Struct { fields: fields.clone(), tags: Vec::new() },
            t => t.clone(),
        };
        match shape {
            Type::Struct { fields, .. } => {
                if elems.is_empty() {
                    return Opnd::value(lit_type);
                }
                let keyed = matches!(f.expr(elems[0]).kind, ExprKind::KeyValue { .. });
                let mut seen_fields: Vec<ObjId> = Vec::new();
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
                            let msg = self.lookup_error(base, &kname, false, true);
                            self.error(fi, f.expr(key).pos, msg);
                            self.expr(fi, value);
                            continue;
                        };
                        self.record(fi, key, field, false);
                        let ft = self.env.obj(field).typ;
                        let mut v = self.expr_hint(fi, value, ft);
                        self.assignment(fi, value, &mut v, ft, "struct literal");
                        if seen_fields.contains(&field) {
                            let at = f.expr(el).start;
                            self.error(fi, at, format!("duplicate field name {kname} in struct literal"));
                        } else {
                            seen_fields.push(field);
                        }
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
                                format!("too many values in struct literal of type {}", self.tstr(base)),
                            );
                            continue;
                        }
                        self.assignment(fi, el, &mut v, ft, "struct literal");
                    }
                }
                if !keyed && elems.len() < fields.len() {
                    let rbrace = match f.expr(e).kind {
                        ExprKind::CompositeLit { rbrace, .. } => rbrace,
                        _ => pos,
                    };
                    let hint = if fields.iter().any(|&fo| {
                        let o = self.env.obj(fo);
                        !o.exported() && o.pkg != Some(self.pkg)
                    }) {
                        " (type has unexported fields - use key:value pairs)"
                    } else {
                        ""
                    };
                    self.error(
                        fi,
                        rbrace,
                        format!("too few values in struct literal of type {}{hint}", self.tstr(base)),
                    );
                }
            }
            Type::Array { len, elem } => {
                self.indexed_elems(fi, &elems, elem, len);
            }
            Type::Slice { elem } => {
                self.indexed_elems(fi, &elems, elem, -1);
            }
            Type::Map { key, elem } => {
                let mut seen_keys: Vec<(String, Option<TypeId>)> = Vec::new();
                for &el in &elems {
                    let ExprKind::KeyValue { key: k, value } = f.expr(el).kind else {
                        self.error(fi, f.expr(el).pos, "missing key in map literal");
                        self.expr(fi, el);
                        continue;
                    };
                    let mut ko = self.expr_hint(fi, k, Some(key));
                    if self.assignment(fi, k, &mut ko, Some(key), "map literal")
                        && let Mode::Const(v) = &ko.mode
                    {
                        // Compared exactly; printed as go/constant does.
                        let exact = v.exact_string();
                        let kt = if predicates::is_interface(self.env, key) { Some(ko.typ) } else { None };
                        let dup = seen_keys.iter().any(|(s, t)| *s == exact && *t == kt);
                        if dup {
                            let at = f.expr(k).start;
                            let vs = super::exprstring::value_string(v);
                            self.error(fi, at, format!("duplicate key {vs} in map literal"));
                        } else {
                            seen_keys.push((exact, kt));
                        }
                    }
                    let mut vo = self.expr_hint(fi, value, Some(elem));
                    self.assignment(fi, value, &mut vo, Some(elem), "map literal");
                }
            }
            _ => {
                if u != TypeId(0) {
                    self.error(fi, pos, format!("invalid composite literal type {}", self.tstr(base)));
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
        // Indices seen so far: while they run 0, 1, 2, ... (no key, or keys
        // in that order) only the count is kept; a set once they do not.
        let mut sequential: i64 = 0;
        let mut visited: Option<rustc_hash::FxHashSet<i64>> = None;
        for &el in elems {
            let at = f.expr(el).start;
            let mut valid = false;
            let value = match f.expr(el).kind {
                ExprKind::KeyValue { key, value } => {
                    if let Some(i) = self.index_value(fi, key, len) {
                        idx = i;
                        valid = true;
                    }
                    value
                }
                _ => {
                    if len >= 0 && idx >= len {
                        self.error(fi, at, format!("index {idx} is out of bounds (>= {len})"));
                    } else {
                        valid = true;
                    }
                    el
                }
            };
            if valid {
                let fresh = match &mut visited {
                    None if idx == sequential => {
                        sequential += 1;
                        true
                    }
                    None => {
                        let mut set: rustc_hash::FxHashSet<i64> = (0..sequential).collect();
                        let fresh = set.insert(idx);
                        visited = Some(set);
                        fresh
                    }
                    Some(set) => set.insert(idx),
                };
                if !fresh {
                    self.error(fi, at, format!("duplicate index {idx} in array or slice literal"));
                }
            }
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
        let xstart = f.expr(x).start;
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
                let s = self.opstr(fi, x, &xo);
                self.error(fi, xstart, format!("invalid operation: cannot take address of {s}"));
                return Opnd::invalid();
            }
            return Opnd::value(self.env.new_pointer(xo.typ));
        }
        let xo = self.expr(fi, x);
        if xo.is_invalid() {
            return xo;
        }
        if op == Operator::Recv {
            let tparam = predicates::is_type_param(self.env, xo.typ);
            let cause = match self.core(xo.typ).map(|u| self.env.ty(u).clone()) {
                Some(Type::Chan { dir, elem }) => {
                    if dir != ChanDir::SendOnly {
                        return Opnd { mode: Mode::CommaOk, typ: elem };
                    }
                    format!("send-only channel {}", self.tstr(xo.typ))
                }
                None if tparam => "no specific channel type".to_string(),
                _ => format!("non-channel {}", self.tstr(xo.typ)),
            };
            let s = self.opstr(fi, x, &xo);
            let msg = if tparam {
                format!("invalid operation: cannot receive from {s}: {cause}")
            } else {
                format!("invalid operation: cannot receive from {cause} {s}")
            };
            self.error(fi, xstart, msg);
            return Opnd::invalid();
        }
        let ok = match op {
            Operator::Add | Operator::Sub => self.all_basic(xo.typ, BasicKind::is_numeric),
            Operator::Xor => self.all_basic(xo.typ, BasicKind::is_integer),
            Operator::Not => self.all_basic(xo.typ, BasicKind::is_boolean),
            _ => false,
        };
        if !ok {
            let s = self.opstr(fi, x, &xo);
            self.error(fi, xstart, format!("invalid operation: operator {} not defined on {s}", op.as_str()));
            return Opnd::invalid();
        }
        if let Mode::Const(v) = &xo.mode {
            let c = Operand { typ: xo.typ, val: v.clone() };
            return match self.unary(fi, e, op, c) {
                Some(r) => Opnd { mode: Mode::Const(r.val), typ: r.typ },
                None => Opnd::invalid(),
            };
        }
        Opnd::value(xo.typ)
    }

    /// types2 `matchTypes`' `mayConvert`: whether the (possibly untyped)
    /// operands may get matching types by converting one to the other's.
    fn may_convert(&mut self, a: &Opnd, b: &Opnd) -> bool {
        let (at, bt) = (a.typ, b.typ);
        if !self.is_untyped_type(at) && !self.is_untyped_type(bt) {
            return false;
        }
        if self.all_basic(at, BasicKind::is_numeric) != self.all_basic(bt, BasicKind::is_numeric) {
            return false;
        }
        let non_tp_iface =
            |c: &Self, t: TypeId| predicates::is_interface(c.env, t) && !predicates::is_type_param(c.env, t);
        if non_tp_iface(self, at) || non_tp_iface(self, bt) {
            return true;
        }
        if self.all_basic(at, BasicKind::is_boolean) != self.all_basic(bt, BasicKind::is_boolean) {
            return false;
        }
        if self.all_basic(at, BasicKind::is_string) != self.all_basic(bt, BasicKind::is_string) {
            return false;
        }
        let nil = self.env.typ(BasicKind::UntypedNil);
        if at == nil {
            return predicates::has_nil(self.env, bt);
        }
        if bt == nil {
            return predicates::has_nil(self.env, at);
        }
        let ptr = |c: &Self, t: TypeId| matches!(c.env.ty(c.env.underlying(t)), Type::Pointer { .. });
        !(ptr(self, at) || ptr(self, bt))
    }

    /// Converts an untyped operand to the other operand's type where the
    /// conversion succeeds, without reporting (operands types2 leaves
    /// unconverted keep their checks for the operation itself).
    fn convert_quietly(&mut self, fi: usize, e: ExprId, x: &mut Opnd, target: TypeId) {
        let mut c = x.clone();
        if self.try_convert_untyped(fi, e, &mut c, target).is_ok() {
            *x = c;
        }
    }

    fn binary_expr(&mut self, fi: usize, e: ExprId, op: Operator, x: ExprId, y: ExprId) -> Opnd {
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
        if self.may_convert(&xo, &yo) {
            let yt = yo.typ;
            if !self.convert_untyped(fi, x, &mut xo, yt) {
                return Opnd::invalid();
            }
            let xt = xo.typ;
            if !self.convert_untyped(fi, y, &mut yo, xt) {
                return Opnd::invalid();
            }
        } else if xu && !yu {
            let t = yo.typ;
            self.convert_quietly(fi, x, &mut xo, t);
        } else if yu && !xu {
            let t = xo.typ;
            self.convert_quietly(fi, y, &mut yo, t);
        }
        let is_cmp = matches!(
            op,
            Operator::Eql | Operator::Neq | Operator::Lss | Operator::Leq | Operator::Gtr | Operator::Geq
        );
        if is_cmp {
            return self.comparison(fi, e, op, x, &xo, y, &yo);
        }
        let (xstart, ystart) = (self.files[fi].expr(x).start, self.files[fi].expr(y).start);
        if !predicates::identical(self.env, xo.typ, yo.typ) {
            if predicates::is_valid(self.env, xo.typ) && predicates::is_valid(self.env, yo.typ) {
                let (a, b) = (self.tstr(xo.typ), self.tstr(yo.typ));
                let s = self.expr_string(fi, e);
                self.error(fi, xstart, format!("invalid operation: {s} (mismatched types {a} and {b})"));
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
            let s = self.opstr(fi, x, &xo);
            self.error(fi, xstart, format!("invalid operation: operator {} not defined on {s}", op.as_str()));
            return Opnd::invalid();
        }
        if matches!(op, Operator::Div | Operator::Rem)
            && (xo.val().is_some() || self.all_basic(xo.typ, BasicKind::is_integer))
            && yo.val().is_some_and(|v| v.sign() == 0)
        {
            self.error(fi, ystart, "invalid operation: division by zero");
            return Opnd::invalid();
        }
        if let (Mode::Const(a), Mode::Const(b)) = (&xo.mode, &yo.mode) {
            let (a, b) = (Operand { typ: xo.typ, val: a.clone() }, Operand { typ: yo.typ, val: b.clone() });
            return match self.binary(fi, e, op, a, b) {
                Some(r) => Opnd { mode: Mode::Const(r.val), typ: r.typ },
                None => Opnd::invalid(),
            };
        }
        Opnd::value(xo.typ)
    }

    /// types2 `incomparableCause`.
    fn incomparable_cause(&mut self, t: TypeId) -> String {
        let u = self.env.underlying(t);
        let what = self.composite_kind(t);
        if matches!(self.env.ty(u), Type::Slice { .. } | Type::Signature { .. } | Type::Map { .. }) {
            return format!("{what} can only be compared to nil");
        }
        match predicates::comparable_type(self.env, t, true) {
            Err(predicates::Incomparable::StructField(ft)) => {
                format!("struct containing {} cannot be compared", self.tstr(ft))
            }
            Err(predicates::Incomparable::Array(at)) => format!("{} cannot be compared", self.tstr(at)),
            _ => String::new(),
        }
    }

    /// types2 `compositeKind`: "slice", "struct", ... ("" for basic types).
    pub(crate) fn composite_kind(&self, t: TypeId) -> &'static str {
        match self.env.ty(self.env.underlying(t)) {
            Type::Array { .. } => "array",
            Type::Slice { .. } => "slice",
            Type::Struct { .. } => "struct",
            Type::Pointer { .. } => "pointer",
            Type::Signature { .. } => "func",
            Type::Interface { .. } => "interface",
            Type::Map { .. } => "map",
            Type::Chan { .. } => "chan",
            Type::Tuple { .. } => "tuple",
            Type::Union { .. } => "union",
            _ => "",
        }
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
        let _ = e;
        if !predicates::is_valid(self.env, xo.typ) || !predicates::is_valid(self.env, yo.typ) {
            return Opnd::invalid();
        }
        let nil = self.env.typ(BasicKind::UntypedNil);
        let ub = self.env.typ(BasicKind::UntypedBool);
        // (offending operand is y, cause)
        let mut err: Option<(bool, String)> = None;
        let assignable = |c: &mut Self, a: &Opnd, b: &Opnd| {
            if a.typ == nil {
                return predicates::has_nil(c.env, b.typ) || b.typ == nil;
            }
            if c.is_untyped_type(a.typ) {
                let mut t = a.clone();
                let ok = c.untyped_assignable(&mut t, b.typ);
                return ok;
            }
            predicates::assignable_type(c.env, a.typ, b.typ)
        };
        if !assignable(self, xo, yo) && !assignable(self, yo, xo) {
            let (a, b) = (self.tstr(xo.typ), self.tstr(yo.typ));
            err = Some((true, format!("mismatched types {a} and {b}")));
        }
        if err.is_none() {
            match op {
                Operator::Eql | Operator::Neq => {
                    if xo.typ == nil || yo.typ == nil {
                        let t = if xo.typ == nil { yo.typ } else { xo.typ };
                        if t == nil || !predicates::has_nil(self.env, t) {
                            err = Some((true, String::new()));
                        }
                    } else if !predicates::comparable(self.env, xo.typ, false)
                        && !self.is_untyped_type(xo.typ)
                    {
                        let c = self.incomparable_cause(xo.typ);
                        err = Some((false, c));
                    } else if !predicates::comparable(self.env, yo.typ, false)
                        && !self.is_untyped_type(yo.typ)
                    {
                        let c = self.incomparable_cause(yo.typ);
                        err = Some((true, c));
                    }
                }
                _ => {
                    let ordered = |k: BasicKind| (k.is_numeric() && !k.is_complex()) || k.is_string();
                    if !self.all_basic(xo.typ, ordered) {
                        err = Some((false, String::new()));
                    } else if !self.all_basic(yo.typ, ordered) {
                        err = Some((true, String::new()));
                    }
                }
            }
        }
        if let Some((mut on_y, mut cause)) = err {
            if cause.is_empty() {
                let (xt, yt) = (
                    predicates::is_type_param(self.env, xo.typ),
                    predicates::is_type_param(self.env, yo.typ),
                );
                if xt || yt {
                    if !xt {
                        on_y = true;
                    }
                    let t = if on_y { yo.typ } else { xo.typ };
                    cause = format!("type parameter {} cannot use operator {}", self.tstr(t), op.as_str());
                } else {
                    let t = if on_y { yo.typ } else { xo.typ };
                    let what = match self.composite_kind(t) {
                        "" => self.tstr(t),
                        k => k.to_string(),
                    };
                    cause = format!("operator {} not defined on {what}", op.as_str());
                }
            }
            let at = self.files[fi].expr(if on_y { y } else { x }).start;
            let (xs, ys) = (self.expr_string(fi, x), self.expr_string(fi, y));
            self.error(fi, at, format!("invalid operation: {xs} {} {ys} ({cause})", op.as_str()));
            return Opnd::invalid();
        }
        if let (Mode::Const(a), Mode::Const(b)) = (&xo.mode, &yo.mode) {
            let b = constant::compare(a, op, b);
            return Opnd { mode: Mode::Const(Value::Bool(b)), typ: ub };
        }
        Opnd::value(ub)
    }

    /// Whether untyped operand `x` could be converted to `t` (types2
    /// `assignableTo` for untyped values), without recording anything.
    fn untyped_assignable(&mut self, x: &mut Opnd, t: TypeId) -> bool {
        if self.is_untyped_type(t) {
            let (xk, tk) = (self.env.basic_kind(x.typ), self.env.basic_kind(t));
            return match (xk, tk) {
                (Some(a), Some(b)) => (a.is_numeric() && b.is_numeric()) || a == b,
                _ => false,
            };
        }
        if predicates::is_interface(self.env, t) && !predicates::is_type_param(self.env, t) {
            return true;
        }
        let u = self.env.underlying(t);
        let xk = self.env.basic_kind(x.typ).unwrap_or(BasicKind::Invalid);
        match self.env.ty(u).clone() {
            Type::Basic { kind, .. } => {
                if let Mode::Const(v) = &x.mode {
                    let c = Operand { typ: x.typ, val: v.clone() };
                    self.representation(&c, t).is_ok()
                } else {
                    match xk {
                        BasicKind::UntypedBool => kind.is_boolean(),
                        BasicKind::UntypedInt | BasicKind::UntypedRune => kind.is_numeric(),
                        BasicKind::UntypedFloat => kind.is_float() || kind.is_complex(),
                        BasicKind::UntypedComplex => kind.is_complex(),
                        BasicKind::UntypedString => kind.is_string(),
                        _ => false,
                    }
                }
            }
            Type::TypeParam { .. } => true,
            _ => false,
        }
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
        let (xstart, ystart) = (self.files[fi].expr(x).start, self.files[fi].expr(y).start);
        let y_orig = yo.clone();
        // The shifted operand: an integer, or an untyped constant representable as one.
        let x_int_const = xo.val().is_some_and(|v| !v.to_int().is_unknown());
        if !(self.all_basic(xo.typ, BasicKind::is_integer) || (self.is_untyped_type(xo.typ) && x_int_const)) {
            let s = self.opstr(fi, x, &xo);
            self.error(fi, xstart, format!("invalid operation: shifted operand {s} must be integer"));
            return Opnd::invalid();
        }
        // The shift count: an integer (untyped constants become uint if needed).
        if let Mode::Const(v) = &yo.mode {
            let iv = v.to_int();
            if !iv.is_unknown() && iv.sign() < 0 {
                let s = self.opstr(fi, y, &yo);
                self.error(fi, ystart, format!("invalid operation: negative shift count {s}"));
                return Opnd::invalid();
            }
            if self.is_untyped_type(yo.typ) {
                let uint = self.env.typ(BasicKind::Uint);
                let c = Operand { typ: yo.typ, val: v.clone() };
                if let Err(code) = self.representation(&c, uint) {
                    let yc = yo.clone();
                    let xs = self.opstr(fi, y, &yc);
                    let msg = match code {
                        ConvCode::Truncated => format!("{xs} truncated to uint"),
                        ConvCode::Overflow => format!("{xs} overflows uint"),
                        ConvCode::Invalid => format!("cannot convert {xs} to type uint"),
                    };
                    self.error(fi, ystart, msg);
                    return Opnd::invalid();
                }
                yo.mode = Mode::Const(iv);
                self.set_untyped_type(fi, y, &mut yo, uint);
            }
        } else if self.is_untyped_type(yo.typ) {
            let uint = self.env.typ(BasicKind::Uint);
            if !self.convert_untyped(fi, y, &mut yo, uint) {
                return Opnd::invalid();
            }
        } else if !self.all_basic(yo.typ, BasicKind::is_integer) {
            let s = self.opstr(fi, y, &yo);
            self.error(fi, ystart, format!("invalid operation: shift count {s} must be integer"));
            return Opnd::invalid();
        }
        if let Mode::Const(xv) = &xo.mode {
            if let Mode::Const(yv) = &yo.mode {
                let s = yv.to_int().to_u64();
                if s.is_none_or(|s| s > 1023 - 1 + 52) {
                    let s = self.opstr(fi, y, &y_orig);
                    self.error(fi, ystart, format!("invalid operation: invalid shift count {s}"));
                    return Opnd::invalid();
                }
                let (a, b) =
                    (Operand { typ: xo.typ, val: xv.clone() }, Operand { typ: yo.typ, val: yv.clone() });
                return match self.shift(fi, e, op, a, b) {
                    Some(r) => Opnd { mode: Mode::Const(r.val), typ: r.typ },
                    None => Opnd::invalid(),
                };
            }
            if self.is_untyped_type(xo.typ) {
                // Non-constant shift of an untyped constant: its type comes
                // from the context (default int).
                let ui = self.env.typ(BasicKind::UntypedInt);
                xo.typ = ui;
                return Opnd::value(ui);
            }
        }
        if !self.all_basic(xo.typ, BasicKind::is_integer) {
            let s = self.opstr(fi, x, &xo);
            self.error(fi, xstart, format!("invalid operation: shifted operand {s} must be integer"));
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
