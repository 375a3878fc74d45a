//! Delayed checks (types2 `check.later`): comparability of map keys,
//! constraint interfaces used as ordinary types (`validVarType`), and the
//! verification of instantiations against their constraints (`verify`).
//! They are queued while declarations are typed (when the types involved
//! may still be incomplete) and run once the package-level declarations,
//! and again once the function bodies, are done.

use go_syntax::ast::ExprId;

use super::{Checker, Later};
use crate::instantiate::{self, SubstMap};
use crate::predicates;
use crate::types::{ObjId, Type, TypeId};

impl Checker<'_> {
    /// types2 `varType`: the type denoted by `e`, which must not be a
    /// constraint interface (checked later).
    pub(crate) fn var_type(&mut self, fi: usize, e: ExprId) -> Option<TypeId> {
        let t = self.type_expr(fi, e)?;
        self.valid_var_type(fi, e, t);
        Some(t)
    }

    /// types2 `validVarType`: queues the check that `t` (denoted by `e`)
    /// is not a constraint interface. Types that cannot be one are
    /// skipped at once.
    pub(crate) fn valid_var_type(&mut self, fi: usize, e: ExprId, t: TypeId) {
        let t0 = self.env.unalias(t);
        let u = match self.env.ty(t0) {
            Type::Named { underlying: Some(u), .. } => *u,
            Type::Named { underlying: None, .. } => t0,
            Type::TypeParam { .. } => return,
            _ => t0,
        };
        match self.env.ty(u) {
            Type::Interface { embeddeds, .. } if !embeddeds.is_empty() => {}
            Type::Named { .. } => {}
            _ => return,
        }
        let pos = self.files[fi].expr(e).start;
        self.later.push(Later::VarType { file: fi, pos, typ: t });
    }

    /// Queues the comparability check of map key type `key` (denoted by
    /// `e`); basic types are comparable at once.
    pub(crate) fn check_map_key(&mut self, fi: usize, e: ExprId, key: TypeId) {
        if matches!(self.env.ty(key), Type::Basic { .. } | Type::Pointer { .. } | Type::Chan { .. }) {
            return;
        }
        let pos = self.files[fi].expr(e).pos;
        self.later.push(Later::MapKey { file: fi, pos, key });
    }

    /// Queues the verification of the instantiation of `tparams` with
    /// `targs`; `pos` holds the starts of the explicit type arguments,
    /// then the position for the inferred ones.
    pub(crate) fn verify_later(
        &mut self,
        fi: usize,
        pos: Vec<u32>,
        tparams: Vec<TypeId>,
        targs: Vec<TypeId>,
    ) {
        if tparams.len() != targs.len() {
            return;
        }
        self.later.push(Later::Verify { file: fi, pos, tparams, targs });
    }

    /// Runs the queued checks (including any they queue).
    pub(super) fn process_later(&mut self) {
        while !self.later.is_empty() {
            for l in std::mem::take(&mut self.later) {
                self.run_later(l);
            }
        }
    }

    fn run_later(&mut self, l: Later) {
        match l {
            Later::MapKey { file, pos, key } => {
                if !predicates::comparable(self.env, key, false) {
                    let why = if predicates::is_type_param(self.env, key) {
                        " (missing comparable constraint)"
                    } else {
                        ""
                    };
                    let ks = self.tstr(key);
                    self.error(file, pos, format!("invalid map key type {ks}{why}"));
                }
            }
            Later::VarType { file, pos, typ } => {
                let u = self.env.underlying(typ);
                if !matches!(self.env.ty(u), Type::Interface { .. }) {
                    return;
                }
                let set = crate::typeset::type_set(self.env, u);
                if !set.is_method_set() {
                    let why = if set.comparable {
                        "interface is (or embeds) comparable"
                    } else {
                        "interface contains type constraints"
                    };
                    let ts = self.tstr(typ);
                    self.error(file, pos, format!("cannot use type {ts} outside a type constraint: {why}"));
                }
            }
            Later::FieldsVsMethods { typ } => self.fields_vs_methods(typ),
            Later::Recv { file, pos, typ } => self.valid_recv(file, pos, typ),
            Later::ValidType { typ } => {
                self.valid_type0(typ, &mut Vec::new(), &mut Vec::new());
            }
            Later::Verify { file, pos, tparams, targs } => {
                let smap = SubstMap { from: tparams.clone(), to: targs.clone() };
                for (i, (&tp, &ta)) in tparams.iter().zip(&targs).enumerate() {
                    let Type::TypeParam { bound, .. } = self.env.ty(tp) else { continue };
                    let bound = *bound;
                    let bound = instantiate::subst(self.env, bound, &smap);
                    if let Err(cause) = self.implements_cause_string(ta, bound, true) {
                        let at = if i + 1 < pos.len() { pos[i] } else { pos.last().copied().unwrap_or(0) };
                        self.error(file, at, cause);
                        return;
                    }
                }
            }
        }
    }

    /// types2 `checkFieldUniqueness`: a struct type's field named like
    /// one of its methods is reported at the method.
    fn fields_vs_methods(&mut self, typ: ObjId) {
        let Some(t) = self.env.obj(typ).typ else { return };
        let u = self.env.underlying(t);
        let Type::Struct { fields, .. } = self.env.ty(u) else { return };
        let fields = fields.clone();
        let methods = self.methods_of.get(&typ).cloned().unwrap_or_default();
        for fld in fields {
            let name = self.env.obj(fld).name.clone();
            if name == "_" {
                continue;
            }
            let Some(&m) = methods.iter().find(|&&m| self.env.obj(m).name == name) else { continue };
            let Some((mf, mp)) = self.env.obj(m).pos else { continue };
            let rel = self.alt_decl(fld);
            self.error_related(mf as usize, mp, format!("field and method with the same name {name}"), rel);
        }
    }

    /// types2 `validRecv`: the receiver base type must be a defined type
    /// of this package that is neither a pointer nor an interface.
    fn valid_recv(&mut self, fi: usize, pos: u32, recv: TypeId) {
        let rtyp = match self.env.ty(recv) {
            Type::Pointer { elem } => *elem,
            _ => recv,
        };
        let atyp = self.env.unalias(rtyp);
        if !predicates::is_valid(self.env, atyp) {
            return;
        }
        let msg = match self.env.ty(atyp) {
            Type::Named { obj, .. } => {
                if self.env.obj(*obj).pkg != Some(self.pkg) {
                    Some(format!("cannot define new methods on non-local type {}", self.tstr(rtyp)))
                } else {
                    let u = self.env.underlying(atyp);
                    let cause = match self.env.ty(u) {
                        Type::Basic { kind: crate::types::BasicKind::UnsafePointer, .. } => "unsafe.Pointer",
                        Type::Pointer { .. } | Type::Interface { .. } => "pointer or interface type",
                        _ => "",
                    };
                    (!cause.is_empty())
                        .then(|| format!("invalid receiver type {} ({cause})", self.tstr(rtyp)))
                }
            }
            Type::Basic { .. } => {
                Some(format!("cannot define new methods on non-local type {}", self.tstr(rtyp)))
            }
            _ => Some(format!("invalid receiver type {}", self.tstr(recv))),
        };
        if let Some(msg) = msg {
            self.error(fi, pos, msg);
        }
    }

    /// types2 `validType0`: whether `typ` can be laid out, i.e. does not
    /// contain (not through a pointer, slice, map, channel or function) a
    /// defined type being expanded (`nest`: the instances being expanded,
    /// `path`: the defined types passed). A cycle is reported once, at the
    /// type where it was found, and that type is marked invalid.
    fn valid_type0(&mut self, typ: TypeId, nest: &mut Vec<TypeId>, path: &mut Vec<TypeId>) -> bool {
        if nest.len() > 1000 {
            return true;
        }
        let typ = self.env.unalias(typ);
        match self.env.ty(typ).clone() {
            Type::Array { elem, .. } => self.valid_type0(elem, nest, path),
            Type::Struct { fields, .. } => fields.iter().all(|&f| match self.env.obj(f).typ {
                Some(ft) => self.valid_type0(ft, nest, path),
                None => true,
            }),
            Type::Union { terms } => terms.iter().all(|t| self.valid_type0(t.typ, nest, path)),
            Type::Interface { embeddeds, .. } => embeddeds.iter().all(|&e| self.valid_type0(e, nest, path)),
            Type::Named { obj, orig, .. } => {
                let origin = orig.unwrap_or(typ);
                let oobj = match self.env.ty(origin) {
                    Type::Named { obj, .. } => *obj,
                    _ => obj,
                };
                if self.invalid_types.contains(&oobj) {
                    return true;
                }
                if nest.iter().any(|&e| predicates::identical(self.env, e, typ)) {
                    self.invalid_types.insert(oobj);
                    if let Some(start) = path.iter().position(|&p| predicates::identical(self.env, p, typ)) {
                        let cycle: Vec<TypeId> = path[start..].to_vec();
                        self.type_cycle_error(&cycle);
                    }
                    return false;
                }
                let rhs = match self.type_rhs.get(&oobj) {
                    Some(&r) => r,
                    None if self.env.obj(oobj).pkg == Some(self.pkg) => return true,
                    None => self.env.underlying(origin),
                };
                nest.push(typ);
                path.push(typ);
                let ok = self.valid_type0(rhs, nest, path);
                nest.pop();
                path.pop();
                ok
            }
            Type::TypeParam { .. } => {
                let Some(&inst) = nest.last() else { return true };
                let (targs, orig) = match self.env.ty(inst) {
                    Type::Named { targs, orig, .. } => (targs.clone(), *orig),
                    _ => return true,
                };
                let tparams = match orig.map(|o| self.env.ty(o)) {
                    Some(Type::Named { tparams, .. }) => tparams.clone(),
                    _ => return true,
                };
                let Some(i) = tparams.iter().position(|&tp| tp == typ) else { return true };
                let Some(&targ) = targs.get(i) else { return true };
                let saved = nest.pop();
                let res = self.valid_type0(targ, nest, path);
                if let Some(s) = saved {
                    nest.push(s);
                }
                res
            }
            _ => true,
        }
    }

    /// types2 `cycleError` for a cycle of defined types.
    fn type_cycle_error(&mut self, cycle: &[TypeId]) {
        let name = |c: &Self, t: TypeId| match c.env.ty(t) {
            Type::Named { orig: Some(_), .. } => c.tstr(t),
            Type::Named { obj, .. } => {
                let o = c.env.obj(*obj);
                match o.pkg {
                    Some(p) if p != c.pkg => format!("{}.{}", c.env.package(p).name, o.name),
                    _ => o.name.clone(),
                }
            }
            _ => c.tstr(t),
        };
        let pos = |c: &Self, t: TypeId| match c.env.ty(t) {
            Type::Named { obj, .. } => c.env.obj(*obj).pos.map_or((0, 0), |(f, p)| (f as usize, p)),
            _ => (0, 0),
        };
        let Some(&first) = cycle.first() else { return };
        let (fi, at) = pos(self, first);
        let n0 = name(self, first);
        if cycle.len() == 1 {
            self.error(fi, at, format!("invalid recursive type: {n0} refers to itself"));
            return;
        }
        let mut related = Vec::new();
        for (i, &t) in cycle.iter().enumerate() {
            let next = cycle[(i + 1) % cycle.len()];
            let (f, p) = pos(self, t);
            related.push((f, p, format!("{} refers to {}", name(self, t), name(self, next))));
        }
        self.error_related(fi, at, format!("invalid recursive type {n0}"), related);
    }

    /// types2 `isComplete`: whether `t` is not (or does not stand for) a
    /// defined type or alias still being declared; if it is, the
    /// declaration cycle is reported.
    pub(crate) fn is_complete(&mut self, t: TypeId) -> bool {
        let mut t = t;
        for _ in 0..100 {
            if self.obj_path.is_empty() {
                return true;
            }
            let (obj, rhs) = match self.env.ty(t) {
                Type::Named { obj, orig: None, .. } => (*obj, self.type_rhs.get(obj).copied()),
                Type::Alias { obj, actual, .. } => (*obj, Some(*actual)),
                _ => return true,
            };
            if let Some(i) = self.obj_path.iter().position(|&o| o == obj) {
                let cycle = self.obj_path[i..].to_vec();
                self.obj_cycle_error(&cycle);
                return false;
            }
            match rhs {
                Some(r) => t = r,
                None => return true,
            }
        }
        true
    }

    /// types2 `cycleError` for a cycle of package-level objects, starting
    /// at the one declared first.
    fn obj_cycle_error(&mut self, cycle: &[ObjId]) {
        let pos = |c: &Self, o: ObjId| c.env.obj(o).pos.map_or((0, 0), |(f, p)| (f as usize, p));
        let Some(start) = (0..cycle.len()).min_by_key(|&i| pos(self, cycle[i])) else { return };
        let obj = cycle[start];
        let is_type = matches!(self.env.obj(obj).kind, crate::types::ObjKind::TypeName);
        let name = self.env.obj(obj).name.clone();
        let (fi, at) = pos(self, obj);
        if cycle.len() == 1 {
            let msg = if is_type {
                format!("invalid recursive type: {name} refers to itself")
            } else {
                format!("invalid cycle in declaration: {name} refers to itself")
            };
            self.error(fi, at, msg);
            return;
        }
        let mut related = Vec::new();
        let mut o = obj;
        for i in 0..cycle.len() {
            let next = cycle[(start + i + 1) % cycle.len()];
            let (f, p) = pos(self, o);
            let (a, b) = (self.env.obj(o).name.clone(), self.env.obj(next).name.clone());
            related.push((f, p, format!("{a} refers to {b}")));
            o = next;
        }
        let msg = if is_type {
            format!("invalid recursive type {name}")
        } else {
            format!("invalid cycle in declaration of {name}")
        };
        self.error_related(fi, at, msg, related);
    }
}
