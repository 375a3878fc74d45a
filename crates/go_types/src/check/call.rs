//! Calls (types2 `call.go`, `builtins.go`, `conversions.go`): function
//! and method calls with argument assignment, variadics and multi-value
//! arguments, generic calls with inference (and types2's messages when it
//! fails) and instantiation checks, conversions `T(x)`, and the
//! builtin functions including package `unsafe`'s.

use go_syntax::Operator;
use go_syntax::ast::{ExprId, ExprKind, ExprList, List};

use super::expr::{AssignCtx, Mode, Opnd};
use super::{Checker, Operand};
use crate::constant::{self, Value};
use crate::infer::{self, InferArg};
use crate::instantiate::{self, SubstMap};
use crate::predicates;
use crate::types::{BasicKind, ChanDir, Type, TypeId};
use crate::universe::Builtin;

impl Checker<'_> {
    pub(crate) fn call_expr(
        &mut self,
        fi: usize,
        e: ExprId,
        fun: ExprId,
        args: List<ExprId>,
        has_dots: bool,
    ) -> Opnd {
        let files = self.files;
        let f = &files[fi];
        let args: ExprList = f.list(args).collect();
        // F[T1](args): explicit (possibly partial) type arguments.
        let fu = f.unparen(fun);
        let mut explicit: Option<(ExprId, Vec<TypeId>)> = None;
        let fo = if let ExprKind::Index { x, index } = f.expr(fu).kind {
            let xo = self.raw_expr(fi, x, None);
            let generic = matches!(self.env.ty(xo.typ), Type::Signature { tparams, .. } if !tparams.is_empty())
                && xo.mode == Mode::Value;
            if generic {
                let mut targs = Vec::new();
                let mut ok = true;
                for a in self.index_list(fi, index) {
                    match self.type_expr(fi, a) {
                        Some(t) => targs.push(t),
                        None => ok = false,
                    }
                }
                if !ok {
                    self.use_args(fi, &args);
                    return Opnd::invalid();
                }
                let want = match self.env.ty(xo.typ) {
                    Type::Signature { tparams, .. } => tparams.len(),
                    _ => 0,
                };
                if targs.len() > want {
                    let xlist = self.index_list(fi, index);
                    let at = xlist.get(want).map_or(f.expr(fu).pos, |&a| f.expr(a).start);
                    self.error(fi, at, format!("got {} type arguments but want {want}", targs.len()));
                    self.use_args(fi, &args);
                    return Opnd::invalid();
                }
                explicit = Some((x, targs));
                xo
            } else if xo.mode == Mode::TypExpr {
                match self.type_expr(fi, fu) {
                    Some(t) => Opnd { mode: Mode::TypExpr, typ: t },
                    None => Opnd::invalid(),
                }
            } else {
                // The base is already evaluated: finish the index expression.
                let xo = match xo.mode {
                    Mode::NoValue | Mode::Builtin(_) => self.single_value(fi, x, xo),
                    _ => xo,
                };
                let r = self.index_with_base(fi, fu, x, index, xo);
                self.record_operand(fi, fu, &r);
                r
            }
        } else {
            let x = self.raw_expr(fi, fun, None);
            if x.mode == Mode::NoValue { self.single_value(fi, fun, x) } else { x }
        };
        let pos = f.expr(e).pos;
        match fo.mode.clone() {
            Mode::Invalid => {
                self.use_args(fi, &args);
                Opnd::invalid()
            }
            Mode::TypExpr => {
                let t = fo.typ;
                if args.len() != 1 || has_dots {
                    let s = self.expr_string(fi, fun);
                    if args.is_empty() {
                        self.error(fi, pos, format!("missing argument in conversion to {s}"));
                    } else {
                        self.error(fi, pos, format!("too many arguments in conversion to {s}"));
                    }
                    self.use_args(fi, &args);
                    return Opnd::invalid();
                }
                let x = self.expr(fi, args[0]);
                self.conversion_expr(fi, e, args[0], x, t)
            }
            Mode::Builtin(b) => self.builtin(fi, e, fun, b, &args, has_dots),
            _ => {
                let Some(u) = self.core(fo.typ) else {
                    let s = self.opstr(fi, fun, &fo);
                    let at = f.expr(e).start;
                    self.error(fi, at, format!("invalid operation: cannot call {s}: no core type"));
                    self.use_args(fi, &args);
                    return Opnd::invalid();
                };
                let Type::Signature { tparams, params, results, variadic, .. } = self.env.ty(u).clone()
                else {
                    let s = self.opstr(fi, fun, &fo);
                    let ts = self.tstr(fo.typ);
                    let at = f.expr(e).start;
                    self.error(fi, at, format!("invalid operation: cannot call {s}: {ts} is not a function"));
                    self.use_args(fi, &args);
                    return Opnd::invalid();
                };
                // Arguments (one multi-value call spreads over the parameters).
                let mut xs: Vec<(ExprId, Opnd)> = Vec::new();
                if args.len() == 1 && !has_dots {
                    let a = self.raw_expr(fi, args[0], None);
                    let a = match a.mode {
                        Mode::NoValue | Mode::Builtin(_) | Mode::TypExpr => self.single_value(fi, args[0], a),
                        _ => a,
                    };
                    if let Type::Tuple { vars } = self.env.ty(a.typ)
                        && a.mode == Mode::Value
                    {
                        for &v in vars {
                            let t = self.env.obj(v).typ.unwrap_or(TypeId(0));
                            xs.push((args[0], Opnd::value(t)));
                        }
                    } else {
                        xs.push((args[0], a));
                    }
                } else {
                    // Generic function arguments are allowed (types2
                    // `genericExprList`).
                    for &a in &args {
                        let x = self.raw_expr(fi, a, None);
                        let x = self.single_value(fi, a, x);
                        xs.push((a, x));
                    }
                }
                let mut pvars: Vec<TypeId> = self
                    .env
                    .tuple_vars(params)
                    .iter()
                    .map(|&v| self.env.obj(v).typ.unwrap_or(TypeId(0)))
                    .collect();
                let mut results = results;
                // Generic function values passed as arguments take part in
                // inference with their own type parameters.
                let mut generic_args: Vec<(usize, TypeId, Vec<TypeId>)> = Vec::new();
                for (i, (_, x)) in xs.iter().enumerate() {
                    if x.mode == Mode::Value
                        && let Type::Signature { tparams: atp, .. } = self.env.ty(x.typ)
                        && !atp.is_empty()
                    {
                        generic_args.push((i, x.typ, atp.clone()));
                    }
                }
                if !tparams.is_empty() || !generic_args.is_empty() {
                    // Generic call: infer the missing type arguments.
                    let given = explicit.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
                    let ptypes = self.param_types_for(&pvars, variadic, has_dots, xs.len());
                    let mut all_tparams = tparams.clone();
                    let mut iargs: Vec<InferArg> = xs
                        .iter()
                        .map(|(_, x)| InferArg { typ: x.typ, untyped: self.is_untyped_type(x.typ) })
                        .collect();
                    for (i, sig, atp) in &generic_args {
                        all_tparams.extend(atp.iter().copied());
                        if let Type::Signature { params, results, variadic, .. } = self.env.ty(*sig).clone() {
                            iargs[*i].typ = self.env.new_type(Type::Signature {
                                recv: None,
                                tparams: Vec::new(),
                                recv_tparams: Vec::new(),
                                params,
                                results,
                                variadic,
                            });
                        }
                    }
                    let targs = match infer::infer_detailed(self.env, &all_tparams, &given, &ptypes, &iargs) {
                        Ok(targs) => targs,
                        Err(why) => {
                            self.infer_error(fi, pos, fun, &all_tparams, given.len(), &xs, why);
                            return Opnd::invalid();
                        }
                    };
                    let mut k = tparams.len();
                    for (i, sig, atp) in &generic_args {
                        let Some(ta) = targs.get(k..k + atp.len()) else { break };
                        k += atp.len();
                        let inst = instantiate::instantiate(self.env, *sig, ta);
                        let a = xs[*i].0;
                        self.record_instance(fi, a, inst);
                        xs[*i].1.typ = inst;
                    }
                    if !tparams.is_empty() {
                        let targs = targs[..tparams.len().min(targs.len())].to_vec();
                        let mut vpos: Vec<u32> = match f.expr(fu).kind {
                            ExprKind::Index { index, .. } if explicit.is_some() => {
                                self.index_list(fi, index).iter().map(|&a| f.expr(a).start).collect()
                            }
                            _ => Vec::new(),
                        };
                        vpos.push(pos);
                        self.verify_later(fi, vpos, tparams.clone(), targs.clone());
                        let inst = instantiate::instantiate(self.env, u, &targs);
                        let id = explicit.as_ref().map(|(x, _)| *x).unwrap_or(fun);
                        self.record_instance(fi, id, inst);
                        if let Type::Signature { params: p, results: r, .. } = self.env.ty(inst).clone() {
                            pvars = self
                                .env
                                .tuple_vars(p)
                                .iter()
                                .map(|&v| self.env.obj(v).typ.unwrap_or(TypeId(0)))
                                .collect();
                            results = r;
                        } else {
                            let smap = SubstMap { from: tparams.clone(), to: targs.clone() };
                            pvars = pvars.iter().map(|&t| instantiate::subst(self.env, t, &smap)).collect();
                            results = instantiate::subst(self.env, results, &smap);
                        }
                    }
                } else if explicit.is_some() {
                    self.error(fi, pos, format!("{} is not a generic function", self.expr_string(fi, fun)));
                }
                self.arguments(fi, e, fun, &pvars, variadic, has_dots, &mut xs);
                let rs = self.env.tuple_vars(results);
                match rs.len() {
                    0 => Opnd { mode: Mode::NoValue, typ: results },
                    1 => Opnd::value(self.env.obj(rs[0]).typ.unwrap_or(TypeId(0))),
                    _ => Opnd::value(results),
                }
            }
        }
    }

    /// Reports a failed inference (types2 `infer`'s errors) for the call
    /// of `fun` at `pos` with arguments `xs`.
    #[allow(clippy::too_many_arguments)]
    fn infer_error(
        &mut self,
        fi: usize,
        pos: u32,
        fun: ExprId,
        tparams: &[TypeId],
        given: usize,
        xs: &[(ExprId, Opnd)],
        why: infer::InferError,
    ) {
        let s = self.expr_string(fi, fun);
        match why {
            infer::InferError::Mismatch { arg, par, inferred } if arg < xs.len() => {
                let (e, x) = (xs[arg].0, xs[arg].1.typ);
                let at = self.files[fi].expr(e).start;
                let (es, xts, ps) = (self.expr_string(fi, e), self.tstr(x), self.tstr(par));
                let msg = match inferred {
                    None => {
                        let names = self.tparam_list(tparams);
                        format!(
                            "in call to {s}, type {xts} of {es} does not match {ps} (cannot infer {names})"
                        )
                    }
                    Some(inf) if inf != par => {
                        let is = self.tstr(inf);
                        format!(
                            "in call to {s}, type {xts} of {es} does not match inferred type {is} for {ps}"
                        )
                    }
                    Some(_) => format!("in call to {s}, type {xts} of {es} does not match {ps}"),
                };
                self.error(fi, at, msg);
            }
            why => {
                let i = match why {
                    infer::InferError::Unresolved(i) => i,
                    _ => given,
                };
                let Some(&tp) = tparams.get(i) else { return };
                let o = self.tparam_obj(tp);
                let name = self.env.obj(o).name.clone();
                let declared = match self.env.obj(o).pos {
                    Some((f, p)) => format!(" (declared at {})", super::pos_ref(f as usize, p)),
                    None => String::new(),
                };
                self.error(fi, pos, format!("in call to {s}, cannot infer {name}{declared}"));
            }
        }
    }

    /// types2 `typeParamsString`: "T", "T and U", "T, U, and V".
    fn tparam_list(&self, tparams: &[TypeId]) -> String {
        let names: Vec<String> =
            tparams.iter().map(|&t| self.env.obj(self.tparam_obj(t)).name.clone()).collect();
        match names.as_slice() {
            [] => String::new(),
            [a] => a.clone(),
            [a, b] => format!("{a} and {b}"),
            [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        }
    }

    /// The parameter type each argument is matched against.
    fn param_types_for(
        &mut self,
        pvars: &[TypeId],
        variadic: bool,
        has_dots: bool,
        nargs: usize,
    ) -> Vec<TypeId> {
        if !variadic || has_dots {
            return pvars.to_vec();
        }
        let n = pvars.len();
        let mut out: Vec<TypeId> = pvars[..n.saturating_sub(1)].to_vec();
        let last = pvars.last().copied().unwrap_or(TypeId(0));
        let elem = match self.env.ty(self.env.underlying(last)) {
            Type::Slice { elem } => *elem,
            _ => last,
        };
        while out.len() < nargs {
            out.push(elem);
        }
        out
    }

    /// Evaluates arguments of an invalid call so their identifiers are
    /// still recorded.
    pub(crate) fn use_args(&mut self, fi: usize, args: &[ExprId]) {
        for &a in args {
            self.raw_expr(fi, a, None);
        }
    }

    /// Assigns call arguments to parameters (types2 `arguments`).
    #[allow(clippy::too_many_arguments)]
    fn arguments(
        &mut self,
        fi: usize,
        call: ExprId,
        fun: ExprId,
        pvars: &[TypeId],
        variadic: bool,
        has_dots: bool,
        xs: &mut [(ExprId, Opnd)],
    ) {
        let pos = self.files[fi].expr(call).pos;
        let ptypes = self.param_types_for(pvars, variadic, has_dots, xs.len());
        if has_dots && !variadic {
            let at = self.files[fi].expr(call).start;
            let fs = self.expr_string(fi, fun);
            self.error(fi, at, format!("cannot use ... in call to non-variadic {fs}"));
            return;
        }
        let _ = pos;
        let nargs = xs.len();
        let npars = if variadic && !has_dots {
            if nargs + 1 >= pvars.len() { nargs } else { pvars.len().saturating_sub(1) }
        } else {
            pvars.len()
        };
        if nargs != npars {
            let (what, at) = if nargs > npars {
                ("too many", self.files[fi].expr(xs[npars].0).start)
            } else if nargs > 0 {
                ("not enough", self.files[fi].expr(xs[nargs - 1].0).start)
            } else {
                ("not enough", self.files[fi].expr(call).start)
            };
            let have: Vec<TypeId> = xs.iter().map(|(_, x)| x.typ).collect();
            let have = self.types_summary(&have, false, has_dots);
            let want = self.types_summary(pvars, variadic, false);
            let fs = self.expr_string(fi, fun);
            self.error(fi, at, format!("{what} arguments in call to {fs}\n\thave {have}\n\twant {want}"));
            return;
        }
        for (i, (a, x)) in xs.iter_mut().enumerate() {
            let t = ptypes.get(i).copied();
            self.assignment(fi, *a, x, t, AssignCtx::ArgumentTo(fun));
        }
    }

    /// What types2's `sliceElem` says an argument that is not a slice is
    /// ("untyped nil" for nil).
    fn slice_arg_string(&self, fi: usize, e: ExprId, x: &Opnd) -> String {
        if x.typ == self.env.typ(BasicKind::UntypedNil) { "untyped nil".into() } else { self.opstr(fi, e, x) }
    }

    /// types2 `typesSummary`: `(int, number, string...)` for have/want
    /// lines.
    pub(crate) fn types_summary(&self, list: &[TypeId], variadic: bool, has_dots: bool) -> String {
        let mut res = Vec::new();
        for (i, &t) in list.iter().enumerate() {
            let mut s = if t == TypeId(0) || !predicates::is_valid(self.env, t) {
                "unknown type".to_string()
            } else if self.is_untyped_type(t) {
                if self.env.basic_kind(t).is_some_and(BasicKind::is_numeric) {
                    "number".to_string()
                } else {
                    self.tstr(t).replace("untyped ", "")
                }
            } else {
                self.tstr(t)
            };
            if i + 1 == list.len() {
                if variadic {
                    if let Type::Slice { elem } = self.env.ty(t) {
                        s = self.tstr(*elem);
                    }
                    s = format!("...{s}");
                } else if has_dots {
                    s.push_str("...");
                }
            }
            res.push(s);
        }
        format!("({})", res.join(", "))
    }

    // ---- conversions -------------------------------------------------------

    /// `T(x)` (types2 `conversion`).
    pub(crate) fn conversion_expr(
        &mut self,
        fi: usize,
        e: ExprId,
        arg: ExprId,
        mut x: Opnd,
        t: TypeId,
    ) -> Opnd {
        if x.is_invalid() {
            return Opnd::invalid();
        }
        let pos = self.files[fi].expr(e).pos;
        let tparam = predicates::is_type_param(self.env, t);
        let const_target = !tparam && {
            let u = self.under(t);
            matches!(self.env.ty(u), Type::Basic { kind, .. } if kind.is_const_type())
        };
        if let Mode::Const(v) = &x.mode
            && const_target
        {
            let c = Operand { typ: x.typ, val: v.clone() };
            let xt = x.typ;
            return match self.conversion(fi, arg, c, t) {
                Some(r) => {
                    if self.is_untyped_type(xt) {
                        // The untyped operand takes the conversion's type
                        // (its default for string(rune)).
                        let fin = if self.env.basic_kind(t).is_some_and(BasicKind::is_string)
                            && !self.env.basic_kind(xt).is_some_and(BasicKind::is_string)
                        {
                            self.default_type(xt)
                        } else {
                            t
                        };
                        self.set_untyped_type(fi, arg, &mut x, fin);
                    }
                    Opnd { mode: Mode::Const(r.val), typ: t }
                }
                None => Opnd::invalid(),
            };
        }
        let arg_at = self.files[fi].expr(arg).start;
        let _ = pos;
        if self.is_untyped_type(x.typ) && x.typ != self.env.typ(BasicKind::UntypedNil) {
            // The conversion is checked for the operand as written.
            let probe = if const_target || tparam { t } else { self.default_type(x.typ) };
            let convertible = probe == t
                || predicates::convertible_type(self.env, probe, t)
                || predicates::assignable_type(self.env, probe, t);
            if !convertible {
                let s = self.opstr(fi, arg, &x);
                self.error(fi, arg_at, format!("cannot convert {s} to type {}", self.tstr(t)));
                return Opnd::invalid();
            }
        }
        if self.is_untyped_type(x.typ) {
            let nil = self.env.typ(BasicKind::UntypedNil);
            let fin = if x.typ == nil {
                if !predicates::has_nil(self.env, t) {
                    self.error(fi, arg_at, format!("cannot convert nil to type {}", self.tstr(t)));
                    return Opnd::invalid();
                }
                nil
            } else if (predicates::is_interface(self.env, t) && !tparam)
                || (x.val().is_some() && !const_target)
            {
                self.default_type(x.typ)
            } else {
                t
            };
            if x.val().is_some() && !tparam && fin != t {
                // e.g. []byte("s"): the constant keeps its default type.
            }
            self.set_untyped_type(fi, arg, &mut x, fin);
            if x.typ == nil {
                return Opnd::value(t);
            }
        }
        if !predicates::convertible_type(self.env, x.typ, t)
            && !predicates::assignable_type(self.env, x.typ, t)
        {
            let s = self.opstr(fi, arg, &x);
            self.error(fi, arg_at, format!("cannot convert {s} to type {}", self.tstr(t)));
            return Opnd::invalid();
        }
        Opnd::value(t)
    }

    // ---- builtins -------------------------------------------------------------

    fn builtin(
        &mut self,
        fi: usize,
        e: ExprId,
        fun: ExprId,
        b: Builtin,
        args: &[ExprId],
        has_dots: bool,
    ) -> Opnd {
        let pos = self.files[fi].expr(e).pos;
        let info = b.info();
        let name = info.name;
        let call_start = self.files[fi].expr(e).start;
        if has_dots && b != Builtin::Append {
            self.error(fi, call_start, format!("invalid operation: invalid use of ... with built-in {name}"));
            self.use_args(fi, args);
            return Opnd::invalid();
        }
        let n = args.len() as u32;
        if n < info.nargs || (!info.variadic && n > info.nargs) {
            let what = if n < info.nargs { "not enough" } else { "too many" };
            let s = self.expr_string(fi, e);
            self.error(fi, pos, format!("{what} arguments for {s} (expected {}, found {n})", info.nargs));
            self.use_args(fi, args);
            return Opnd::invalid();
        }
        let _ = fun;
        let int = self.env.typ(BasicKind::Int);
        let uintptr = self.env.typ(BasicKind::Uintptr);
        match b {
            Builtin::Append => {
                let s = self.expr(fi, args[0]);
                if s.is_invalid() {
                    self.use_args(fi, &args[1..]);
                    return s;
                }
                let elem = match self.core(s.typ).map(|u| self.env.ty(u).clone()) {
                    Some(Type::Slice { elem }) => elem,
                    _ => {
                        let have = self.slice_arg_string(fi, args[0], &s);
                        let at = self.files[fi].expr(args[0]).start;
                        self.error(fi, at, format!("invalid append: argument must be a slice; have {have}"));
                        self.use_args(fi, &args[1..]);
                        return Opnd::invalid();
                    }
                };
                if has_dots {
                    if args.len() != 2 {
                        self.error(fi, pos, "can only use ... with final argument in list");
                        self.use_args(fi, &args[1..]);
                        return Opnd::value(s.typ);
                    }
                    let mut x = self.expr(fi, args[1]);
                    // append([]byte, string...) is allowed.
                    let is_bytes = self.env.basic_kind(elem) == Some(BasicKind::Uint8);
                    let is_str = self.all_basic(x.typ, BasicKind::is_string)
                        || crate::typeset::core_string(self.env, x.typ).is_some_and(
                            |c| matches!(self.env.ty(c), Type::Basic { kind, .. } if kind.is_string()),
                        );
                    if is_bytes && is_str {
                        let st = self.env.typ(BasicKind::String);
                        self.convert_untyped(fi, args[1], &mut x, st);
                    } else {
                        let st = s.typ;
                        let sl = self.env.new_slice(elem);
                        let target = if self.is_untyped_type(x.typ) { sl } else { st };
                        let _ = target;
                        self.assignment(fi, args[1], &mut x, Some(sl), "append");
                    }
                } else {
                    for &a in &args[1..] {
                        let mut x = self.expr_hint(fi, a, Some(elem));
                        self.assignment(fi, a, &mut x, Some(elem), AssignCtx::ArgumentTo(fun));
                    }
                }
                Opnd::value(s.typ)
            }
            Builtin::Cap | Builtin::Len => {
                let mut x = self.expr(fi, args[0]);
                if x.is_invalid() {
                    return x;
                }
                if let Mode::Const(v) = &x.mode
                    && b == Builtin::Len
                    && v.kind() == constant::Kind::String
                {
                    let n = v.as_bytes().len() as i64;
                    if self.is_untyped_type(x.typ) {
                        let st = self.env.typ(BasicKind::String);
                        self.set_untyped_type(fi, args[0], &mut x, st);
                    }
                    return Opnd { mode: Mode::Const(Value::from_i64(n)), typ: int };
                }
                let t = x.typ;
                let tu = self.under(t);
                let arr = match self.env.ty(tu).clone() {
                    Type::Pointer { elem } => match self.env.ty(self.env.underlying(elem)).clone() {
                        Type::Array { len, .. } => Some(len),
                        _ => None,
                    },
                    Type::Array { len, .. } => Some(len),
                    _ => None,
                };
                if let Some(len) = arr {
                    if len >= 0 && !self.has_call_or_recv(fi, args[0]) {
                        return Opnd { mode: Mode::Const(Value::from_i64(len)), typ: int };
                    }
                    return Opnd::value(int);
                }
                let ok = if predicates::is_type_param(self.env, t) {
                    true
                } else {
                    match self.env.ty(tu) {
                        Type::Basic { kind, .. } => kind.is_string() && b == Builtin::Len,
                        Type::Slice { .. } | Type::Chan { .. } => true,
                        Type::Map { .. } => b == Builtin::Len,
                        _ => false,
                    }
                };
                if !ok {
                    let s = self.opstr(fi, args[0], &x);
                    let at = self.files[fi].expr(args[0]).start;
                    self.error(fi, at, format!("invalid argument: {s} for built-in {name}"));
                    return Opnd::invalid();
                }
                Opnd::value(int)
            }
            Builtin::Clear => {
                self.expr(fi, args[0]);
                Opnd { mode: Mode::NoValue, typ: TypeId(0) }
            }
            Builtin::Close => {
                let x = self.expr(fi, args[0]);
                if !x.is_invalid() && !predicates::is_type_param(self.env, x.typ) {
                    let at = self.files[fi].expr(args[0]).start;
                    match self.env.ty(self.env.underlying(x.typ)) {
                        Type::Chan { dir: crate::types::ChanDir::RecvOnly, .. } => {
                            let s = self.opstr(fi, args[0], &x);
                            self.error(
                                fi,
                                at,
                                format!("invalid operation: cannot close receive-only channel {s}"),
                            );
                            return Opnd::invalid();
                        }
                        Type::Chan { .. } => {}
                        _ => {
                            let s = self.opstr(fi, args[0], &x);
                            self.error(fi, at, format!("invalid operation: cannot close non-channel {s}"));
                            return Opnd::invalid();
                        }
                    }
                }
                Opnd { mode: Mode::NoValue, typ: TypeId(0) }
            }
            Builtin::Complex => {
                let mut x = self.expr(fi, args[0]);
                let mut y = self.expr(fi, args[1]);
                if x.is_invalid() || y.is_invalid() {
                    return Opnd::invalid();
                }
                let (xu, yu) = (self.is_untyped_type(x.typ), self.is_untyped_type(y.typ));
                if xu && !yu {
                    let t = y.typ;
                    self.convert_untyped(fi, args[0], &mut x, t);
                } else if yu && !xu {
                    let t = x.typ;
                    self.convert_untyped(fi, args[1], &mut y, t);
                }
                if let (Mode::Const(a), Mode::Const(bv)) = (&x.mode, &y.mode)
                    && self.is_untyped_type(x.typ)
                    && self.is_untyped_type(y.typ)
                {
                    let v = constant::binary_op(&a.to_float(), Operator::Add, &bv.to_float().make_imag());
                    return Opnd { mode: Mode::Const(v), typ: self.env.typ(BasicKind::UntypedComplex) };
                }
                let rt = match self.env.basic_kind(x.typ) {
                    Some(BasicKind::Float32) => self.env.typ(BasicKind::Complex64),
                    Some(BasicKind::Float64) => self.env.typ(BasicKind::Complex128),
                    _ => self.env.typ(BasicKind::Complex128),
                };
                if let (Mode::Const(a), Mode::Const(bv)) = (&x.mode, &y.mode) {
                    let v = constant::binary_op(a, Operator::Add, &bv.make_imag());
                    return Opnd { mode: Mode::Const(v), typ: rt };
                }
                Opnd::value(rt)
            }
            Builtin::Copy => {
                let x = self.expr(fi, args[0]);
                let mut y_eval: Option<Opnd> = None;
                if !x.is_invalid() && !predicates::is_type_param(self.env, x.typ) {
                    let at = self.files[fi].expr(args[0]).start;
                    let dst = match self.env.ty(self.env.underlying(x.typ)) {
                        Type::Slice { elem } => Some(*elem),
                        _ => None,
                    };
                    let Some(dst) = dst else {
                        let have = self.slice_arg_string(fi, args[0], &x);
                        self.error(fi, at, format!("invalid copy: argument must be a slice; have {have}"));
                        self.use_args(fi, &args[1..]);
                        return Opnd::invalid();
                    };
                    let y = self.expr(fi, args[1]);
                    y_eval = Some(y.clone());
                    if !y.is_invalid() && !predicates::is_type_param(self.env, y.typ) {
                        let src = match self.env.ty(self.env.underlying(y.typ)) {
                            Type::Slice { elem } => Some(*elem),
                            Type::Basic { kind, .. } if kind.is_string() => {
                                Some(self.env.typ(BasicKind::Uint8))
                            }
                            _ => None,
                        };
                        match src {
                            None => {
                                let have = self.slice_arg_string(fi, args[1], &y);
                                let yat = self.files[fi].expr(args[1]).start;
                                self.error(
                                    fi,
                                    yat,
                                    format!("invalid copy: argument must be a slice; have {have}"),
                                );
                                return Opnd::invalid();
                            }
                            Some(src) if !predicates::identical(self.env, dst, src) => {
                                let (xs, ys) = (self.opstr(fi, args[0], &x), self.opstr(fi, args[1], &y));
                                let (ds, ss) = (self.tstr(dst), self.tstr(src));
                                self.error(
                                    fi,
                                    at,
                                    format!("invalid copy: arguments {xs} and {ys} have different element types {ds} and {ss}"),
                                );
                                return Opnd::invalid();
                            }
                            _ => {}
                        }
                    }
                }
                let mut y = match y_eval {
                    Some(y) => y,
                    None => self.expr(fi, args[1]),
                };
                let st = self.env.typ(BasicKind::String);
                self.convert_untyped(fi, args[1], &mut y, st);
                Opnd::value(int)
            }
            Builtin::Delete => {
                let m = self.expr(fi, args[0]);
                let key = match self.core(m.typ).map(|u| self.env.ty(u).clone()) {
                    Some(Type::Map { key, .. }) => Some(key),
                    _ => None,
                };
                if key.is_none() && !m.is_invalid() && !predicates::is_type_param(self.env, m.typ) {
                    let s = self.opstr(fi, args[0], &m);
                    let at = self.files[fi].expr(args[0]).start;
                    self.error(fi, at, format!("invalid argument: {s} is not a map"));
                    self.use_args(fi, &args[1..]);
                    return Opnd::invalid();
                }
                let mut k = self.expr(fi, args[1]);
                self.assignment(fi, args[1], &mut k, key, "argument to delete");
                Opnd { mode: Mode::NoValue, typ: TypeId(0) }
            }
            Builtin::Imag | Builtin::Real => {
                let x = self.expr(fi, args[0]);
                if x.is_invalid() {
                    return x;
                }
                if let Mode::Const(v) = &x.mode
                    && self.is_untyped_type(x.typ)
                {
                    let c = v.to_complex();
                    let r = if b == Builtin::Real { c.real() } else { c.imag() };
                    return Opnd { mode: Mode::Const(r), typ: self.env.typ(BasicKind::UntypedFloat) };
                }
                let rt = match self.env.basic_kind(x.typ) {
                    Some(BasicKind::Complex64) => self.env.typ(BasicKind::Float32),
                    _ => self.env.typ(BasicKind::Float64),
                };
                if let Mode::Const(v) = &x.mode {
                    let r = if b == Builtin::Real { v.real() } else { v.imag() };
                    return Opnd { mode: Mode::Const(r), typ: rt };
                }
                Opnd::value(rt)
            }
            Builtin::Make => {
                let Some(t) = self.type_expr(fi, args[0]) else {
                    self.use_args(fi, &args[1..]);
                    return Opnd::invalid();
                };
                if !predicates::is_type_param(self.env, t) {
                    let min = match self.env.ty(self.env.underlying(t)) {
                        Type::Slice { .. } => 2,
                        Type::Map { .. } | Type::Chan { .. } => 1,
                        _ => 0,
                    };
                    if min == 0 && predicates::is_valid(self.env, t) {
                        let a0 = self.expr_string(fi, args[0]);
                        let at = self.files[fi].expr(args[0]).start;
                        self.error(
                            fi,
                            at,
                            format!(
                                "invalid argument: cannot make {a0}: type must be slice, map, or channel"
                            ),
                        );
                        self.use_args(fi, &args[1..]);
                        return Opnd::invalid();
                    }
                    if min > 0 && (args.len() < min || min + 1 < args.len()) {
                        let cs = self.expr_string(fi, e);
                        self.error(
                            fi,
                            call_start,
                            format!(
                                "invalid operation: {cs} expects {min} or {} arguments; found {}",
                                min + 1,
                                args.len()
                            ),
                        );
                        self.use_args(fi, &args[1..]);
                        return Opnd::invalid();
                    }
                }
                for &a in &args[1..] {
                    self.index_value(fi, a, -1);
                }
                Opnd::value(t)
            }
            Builtin::Max | Builtin::Min => {
                let mut acc = self.expr(fi, args[0]);
                if acc.is_invalid() {
                    self.use_args(fi, &args[1..]);
                    return acc;
                }
                let mut acc_e = args[0];
                let mut ops: Vec<(ExprId, Opnd)> = vec![(args[0], acc.clone())];
                for &a in &args[1..] {
                    let y = self.expr(fi, a);
                    if y.is_invalid() {
                        return y;
                    }
                    ops.push((a, y));
                }
                // Bring all operands to one type, as a sequence of comparisons.
                let typed = ops.iter().find(|(_, o)| !self.is_untyped_type(o.typ)).map(|(_, o)| o.typ);
                let target = match typed {
                    Some(t) => t,
                    None => {
                        let mut t = acc.typ;
                        for (_, o) in &ops {
                            if let (Some(a), Some(bk)) = (self.env.basic_kind(t), self.env.basic_kind(o.typ))
                                && bk > a
                                && a.is_numeric()
                                && bk.is_numeric()
                            {
                                t = o.typ;
                            }
                        }
                        t
                    }
                };
                for (a, o) in ops.iter_mut() {
                    if !self.convert_untyped(fi, *a, o, target) {
                        return Opnd::invalid();
                    }
                }
                if !self.all_basic(target, |k| (k.is_numeric() && !k.is_complex()) || k.is_string()) {
                    let s = self.expr_string(fi, args[0]);
                    self.error(fi, pos, format!("invalid argument: {s} cannot be ordered"));
                    return Opnd::invalid();
                }
                acc = ops[0].1.clone();
                for (a, o) in ops.iter().skip(1) {
                    if let (Mode::Const(x), Mode::Const(y)) = (&acc.mode, &o.mode) {
                        let op = if b == Builtin::Min { Operator::Lss } else { Operator::Gtr };
                        let v = if constant::compare(y, op, x) { y.clone() } else { x.clone() };
                        acc = Opnd { mode: Mode::Const(v), typ: target };
                    } else {
                        acc = Opnd::value(target);
                    }
                    acc_e = *a;
                }
                let _ = acc_e;
                if let Mode::Const(_) = acc.mode {
                    acc.typ = target;
                    return acc;
                }
                Opnd::value(target)
            }
            Builtin::New => {
                let x = self.expr_or_type(fi, args[0]);
                match x.mode {
                    Mode::Invalid => x,
                    Mode::TypExpr => Opnd::value(self.env.new_pointer(x.typ)),
                    _ => {
                        let mut x = x;
                        if self.is_untyped_type(x.typ) {
                            if x.typ == self.env.typ(BasicKind::UntypedNil) {
                                self.error(fi, pos, "use of untyped nil in argument to built-in new");
                                return Opnd::invalid();
                            }
                            let d = self.default_type(x.typ);
                            self.convert_untyped(fi, args[0], &mut x, d);
                        }
                        Opnd::value(self.env.new_pointer(x.typ))
                    }
                }
            }
            Builtin::Panic => {
                let any = self.env.any;
                let mut x = self.expr(fi, args[0]);
                self.assignment(fi, args[0], &mut x, Some(any), "argument to panic");
                Opnd { mode: Mode::NoValue, typ: TypeId(0) }
            }
            Builtin::Print | Builtin::Println => {
                for &a in args {
                    let mut x = self.expr(fi, a);
                    self.assignment(fi, a, &mut x, None, "argument to built-in print");
                }
                Opnd { mode: Mode::NoValue, typ: TypeId(0) }
            }
            Builtin::Recover => Opnd::value(self.empty_interface()),
            Builtin::Add => {
                let mut p = self.expr(fi, args[0]);
                let up = self.env.typ(BasicKind::UnsafePointer);
                self.assignment(fi, args[0], &mut p, Some(up), "argument to unsafe.Add");
                self.index_value(fi, args[1], -1);
                Opnd::value(up)
            }
            Builtin::Alignof | Builtin::Sizeof => {
                let mut x = self.expr(fi, args[0]);
                if x.is_invalid() {
                    return x;
                }
                if self.is_untyped_type(x.typ) {
                    let d = self.default_type(x.typ);
                    self.convert_untyped(fi, args[0], &mut x, d);
                }
                if !self.layout_known(x.typ, 0) {
                    return Opnd::value(uintptr);
                }
                let v = if b == Builtin::Sizeof {
                    self.sizes.sizeof(self.env, x.typ)
                } else {
                    self.sizes.alignof(self.env, x.typ)
                };
                Opnd { mode: Mode::Const(Value::from_i64(v)), typ: uintptr }
            }
            Builtin::Offsetof => {
                let files = self.files;
                let f = &files[fi];
                let a = f.unparen(args[0]);
                let ExprKind::Selector { x: base, .. } = f.expr(a).kind else {
                    let s = self.expr_string(fi, args[0]);
                    self.error(fi, pos, format!("invalid argument: {s} is not a selector expression"));
                    self.use_args(fi, args);
                    return Opnd::invalid();
                };
                let x = self.expr(fi, args[0]);
                if x.is_invalid() {
                    return x;
                }
                let bt = self.expr_types_get(fi, base).unwrap_or(TypeId(0));
                let ExprKind::Selector { sel, .. } = f.expr(a).kind else { return Opnd::invalid() };
                let fname = f.name_str(sel).to_string();
                if !self.layout_known(bt, 0) {
                    return Opnd::value(uintptr);
                }
                match self.lookup_field(bt, &fname) {
                    Some((_, off, false)) => Opnd { mode: Mode::Const(Value::from_i64(off)), typ: uintptr },
                    _ => Opnd::value(uintptr),
                }
            }
            Builtin::Slice => {
                let p = self.expr(fi, args[0]);
                self.index_value(fi, args[1], -1);
                let pu = self.under(p.typ);
                match self.env.ty(pu).clone() {
                    Type::Pointer { elem } => Opnd::value(self.env.new_slice(elem)),
                    _ => Opnd::invalid(),
                }
            }
            Builtin::SliceData => {
                let s = self.expr(fi, args[0]);
                match self.core(s.typ).map(|u| self.env.ty(u).clone()) {
                    Some(Type::Slice { elem }) => Opnd::value(self.env.new_pointer(elem)),
                    _ => Opnd::invalid(),
                }
            }
            Builtin::String => {
                self.expr(fi, args[0]);
                self.index_value(fi, args[1], -1);
                Opnd::value(self.env.typ(BasicKind::String))
            }
            Builtin::StringData => {
                let mut s = self.expr(fi, args[0]);
                let st = self.env.typ(BasicKind::String);
                self.assignment(fi, args[0], &mut s, Some(st), "argument to unsafe.StringData");
                let b = self.env.byte;
                Opnd::value(self.env.new_pointer(b))
            }
        }
    }

    /// `interface{}` (the result type of `recover`).
    pub(crate) fn empty_interface(&mut self) -> TypeId {
        if let Some(t) = self.empty_iface {
            return t;
        }
        let t = self.env.new_interface(Vec::new(), Vec::new());
        self.empty_iface = Some(t);
        t
    }

    /// Whether `e` contains a (non-constant) function call or a channel
    /// receive, which makes `len` of an array non-constant.
    pub(crate) fn has_call_or_recv(&self, fi: usize, e: ExprId) -> bool {
        let f = &self.files[fi];
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            match &f.expr(e).kind {
                ExprKind::Call { fun, args, .. } => {
                    // Conversions and builtins do not count.
                    let fo = f.unparen(*fun);
                    let is_conv_or_builtin =
                        matches!(self.expr_mode(fi, fo), super::ExprMode::TypExpr | super::ExprMode::Builtin);
                    if !is_conv_or_builtin {
                        return true;
                    }
                    stack.push(*fun);
                    stack.extend(f.list(*args));
                }
                ExprKind::Operation { op: Operator::Recv, y: None, .. } => return true,
                ExprKind::Operation { x, y, .. } => {
                    stack.push(*x);
                    stack.extend(y.iter().copied());
                }
                ExprKind::Paren { x } | ExprKind::Selector { x, .. } => stack.push(*x),
                ExprKind::Index { x, index } => {
                    stack.push(*x);
                    stack.push(*index);
                }
                ExprKind::Slice { x, index, .. } => {
                    stack.push(*x);
                    stack.extend(index.iter().flatten().copied());
                }
                ExprKind::Assert { x, .. } => stack.push(*x),
                ExprKind::CompositeLit { elems, .. } => stack.extend(f.list(*elems)),
                ExprKind::KeyValue { key, value } => {
                    stack.push(*key);
                    stack.push(*value);
                }
                _ => {}
            }
        }
        false
    }

    /// Channel direction check helper for send statements.
    pub(crate) fn chan_elem_for_send(&mut self, t: TypeId) -> Option<(TypeId, bool)> {
        match self.core(t).map(|u| self.env.ty(u).clone()) {
            Some(Type::Chan { dir, elem }) => Some((elem, dir != ChanDir::RecvOnly)),
            _ => None,
        }
    }
}
