//! Expressions as types2 quotes them in messages (`syntax.String` in short
//! form): binary operators spaced, argument lists comma-separated, function
//! and non-empty composite literal bodies elided as `{…}`.

use go_syntax::Operator;
use go_syntax::ast::{ChanDir, ExprId, ExprKind, FieldId, File, List};

fn binary_prec(op: Operator) -> u8 {
    use Operator::*;
    match op {
        OrOr => 1,
        AndAnd => 2,
        Eql | Neq | Lss | Leq | Gtr | Geq => 3,
        Add | Sub | Or | Xor => 4,
        _ => 5,
    }
}

/// The short-form text of `x`.
pub(crate) fn expr_string(f: &File, x: ExprId) -> String {
    let mut s = String::new();
    write_expr(f, x, &mut s, 0, 0);
    s
}

/// A field list; consecutive named fields sharing one type expression
/// (`i, j int`) are printed as written.
fn write_fields(f: &File, l: List<FieldId>, out: &mut String, depth: u32) {
    let ids: Vec<FieldId> = f.list(l).collect();
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let fd = f.field(id);
        let shares_next = fd.name.is_some()
            && fd.typ.is_some()
            && ids.get(i + 1).is_some_and(|&n| f.field(n).name.is_some() && f.field(n).typ == fd.typ);
        if let Some(n) = fd.name {
            write_expr(f, n, out, 0, depth);
            if fd.typ.is_some() && !shares_next {
                out.push(' ');
            }
        }
        if let Some(t) = fd.typ
            && !shares_next
        {
            write_expr(f, t, out, 0, depth);
        }
    }
}

fn write_list(f: &File, l: List<ExprId>, out: &mut String, depth: u32) {
    for (i, e) in f.list(l).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(f, e, out, 0, depth);
    }
}

fn write_expr(f: &File, x: ExprId, out: &mut String, prec: u8, depth: u32) {
    if depth > 500 {
        out.push('…');
        return;
    }
    let depth = depth + 1;
    let e = f.expr(x);
    match e.kind {
        ExprKind::Bad => out.push_str("<bad expr>"),
        ExprKind::Name(_) => out.push_str(f.name_str(x)),
        ExprKind::BasicLit { .. } => out.push_str(&String::from_utf8_lossy(f.text(x))),
        ExprKind::CompositeLit { typ, elems, .. } => {
            if let Some(t) = typ {
                write_expr(f, t, out, 0, depth);
            }
            out.push_str(if elems.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::KeyValue { key, value } => {
            write_expr(f, key, out, 0, depth);
            out.push_str(": ");
            write_expr(f, value, out, 0, depth);
        }
        ExprKind::FuncLit { typ, .. } => {
            write_expr(f, typ, out, 0, depth);
            out.push_str(" {…}");
        }
        ExprKind::Paren { x } => {
            out.push('(');
            write_expr(f, x, out, 0, depth);
            out.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(f, x, out, 6, depth);
            out.push('.');
            write_expr(f, sel, out, 0, depth);
        }
        ExprKind::Index { x, index } => {
            write_expr(f, x, out, 6, depth);
            out.push('[');
            write_expr(f, index, out, 0, depth);
            out.push(']');
        }
        ExprKind::Slice { x, index, full } => {
            write_expr(f, x, out, 6, depth);
            out.push('[');
            for (i, ix) in index.iter().enumerate() {
                if i > 0 && (i < 2 || full) {
                    out.push(':');
                }
                if let Some(ix) = ix {
                    write_expr(f, *ix, out, 0, depth);
                }
            }
            out.push(']');
        }
        ExprKind::Assert { x, typ } => {
            write_expr(f, x, out, 6, depth);
            out.push_str(".(");
            write_expr(f, typ, out, 0, depth);
            out.push(')');
        }
        ExprKind::TypeSwitchGuard { lhs, x } => {
            if let Some(l) = lhs {
                write_expr(f, l, out, 0, depth);
                out.push_str(" := ");
            }
            write_expr(f, x, out, 6, depth);
            out.push_str(".(type)");
        }
        ExprKind::Operation { op, x, y: None } => {
            out.push_str(op.as_str());
            write_expr(f, x, out, 6, depth);
        }
        ExprKind::Operation { op, x, y: Some(y) } => {
            let bp = binary_prec(op);
            let paren = bp < prec;
            if paren {
                out.push('(');
            }
            write_expr(f, x, out, bp, depth);
            out.push(' ');
            out.push_str(op.as_str());
            out.push(' ');
            write_expr(f, y, out, bp + 1, depth);
            if paren {
                out.push(')');
            }
        }
        ExprKind::Call { fun, args, has_dots } => {
            write_expr(f, fun, out, 6, depth);
            out.push('(');
            write_list(f, args, out, depth);
            if has_dots {
                out.push_str("...");
            }
            out.push(')');
        }
        ExprKind::List { elems } => write_list(f, elems, out, depth),
        ExprKind::ArrayType { len, elem } => {
            out.push('[');
            match len {
                Some(l) => write_expr(f, l, out, 0, depth),
                None => out.push_str("..."),
            }
            out.push(']');
            write_expr(f, elem, out, 0, depth);
        }
        ExprKind::SliceType { elem } => {
            out.push_str("[]");
            write_expr(f, elem, out, 0, depth);
        }
        ExprKind::DotsType { elem } => {
            out.push_str("...");
            write_expr(f, elem, out, 0, depth);
        }
        ExprKind::StructType { fields } => {
            out.push_str(if fields.is_empty() { "struct{}" } else { "struct{…}" });
        }
        ExprKind::FuncType { params, results } => {
            out.push_str("func(");
            write_fields(f, params, out, depth);
            out.push(')');
            let single_unnamed =
                results.len() == 1 && f.list(results).next().is_some_and(|r| f.field(r).name.is_none());
            if single_unnamed {
                out.push(' ');
                write_fields(f, results, out, depth);
            } else if !results.is_empty() {
                out.push_str(" (");
                write_fields(f, results, out, depth);
                out.push(')');
            }
        }
        ExprKind::InterfaceType { methods } => {
            out.push_str(if methods.is_empty() { "interface{}" } else { "interface{…}" });
        }
        ExprKind::MapType { key, value } => {
            out.push_str("map[");
            write_expr(f, key, out, 0, depth);
            out.push(']');
            write_expr(f, value, out, 0, depth);
        }
        ExprKind::ChanType { dir, elem } => {
            out.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::SendOnly => "chan<- ",
                ChanDir::RecvOnly => "<-chan ",
            });
            write_expr(f, elem, out, 0, depth);
        }
    }
}

/// go/constant `Value.String`: a short, human-readable form (strings
/// quoted and cut to 72 characters, floats as `%.6g`).
pub(crate) fn value_string(v: &crate::constant::Value) -> String {
    use crate::constant::Value;
    match v {
        Value::Unknown => "unknown".into(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => {
            let q = crate::constant::quote(s);
            const MAX: usize = 72;
            if q.chars().count() > MAX {
                let mut t: String = q.chars().take(MAX - 3).collect();
                t.push_str("...");
                t
            } else {
                q
            }
        }
        Value::Int(i) => i.to_string(),
        Value::Rat(_) | Value::Float(_) => float_string(v),
        Value::Complex(re, im) => format!("({} + {}i)", value_string(re), value_string(im)),
    }
}

fn float_string(v: &crate::constant::Value) -> String {
    let Some((x, _)) = v.to_f64() else { return v.exact_string() };
    let zero_matches = (v.sign() == 0) == (x == 0.0);
    if !x.is_finite() || !zero_matches {
        return v.exact_string();
    }
    let s = format_g(x, Some(6));
    let is_int = match v {
        crate::constant::Value::Rat(r) | crate::constant::Value::Float(r) => r.is_integer(),
        _ => true,
    };
    if !is_int && !s.contains('.') {
        return format_g(x, None);
    }
    s
}

/// Go's `%.<prec>g` (`prec == None`: `%g`, shortest digits) of a finite
/// float64.
fn format_g(x: f64, prec: Option<usize>) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let neg = x < 0.0;
    let a = x.abs();
    // Decimal digits and exponent: a = 0.d1d2... * 10^dp.
    let sci = match prec {
        Some(p) => format!("{:.*e}", p.max(1) - 1, a),
        None => format!("{a:e}"),
    };
    let (mant, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digs: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    while digs.len() > 1 && digs.ends_with('0') {
        digs.pop();
    }
    let nd = digs.len() as i64;
    let dp = exp + 1;
    let shortest = prec.is_none();
    let mut p = prec.map_or(nd, |p| p.max(1) as i64);
    let mut eprec = p;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let e = dp - 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if e < -4 || e >= eprec {
        if p > nd {
            p = nd;
        }
        // %e with p-1 fraction digits.
        out.push_str(&digs[..1]);
        if p > 1 {
            out.push('.');
            let frac: String =
                digs.chars().skip(1).chain(std::iter::repeat('0')).take((p - 1) as usize).collect();
            out.push_str(&frac);
        }
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        let ea = e.abs();
        if ea < 10 {
            out.push('0');
        }
        out.push_str(&ea.to_string());
        return out;
    }
    if p > dp {
        p = nd;
    }
    let frac = (p - dp).max(0);
    // %f with `frac` fraction digits from digits/dp.
    let digit = |i: i64| -> char { if i >= 0 && i < nd { digs.as_bytes()[i as usize] as char } else { '0' } };
    if dp > 0 {
        for i in 0..dp {
            out.push(digit(i));
        }
    } else {
        out.push('0');
    }
    if frac > 0 {
        out.push('.');
        for i in 0..frac {
            out.push(digit(dp + i));
        }
    }
    out
}
