//! A compact expression/statement printer used only to build error
//! messages that quote source constructs (gc's `String(n)` in ShortForm:
//! function and composite literal bodies are elided as `{…}`).

use crate::ast::{ChanDir, ExprId, ExprKind, FieldId, StmtId, StmtKind};
use crate::parser::Parser;
use crate::token::Operator;

fn ids(p: &Parser<'_>, start: u32, len: u32) -> Vec<u32> {
    p.list_ids(start, len).to_vec()
}

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

/// gc's `String(x)` for an expression (short form).
pub(crate) fn expr_string(p: &Parser<'_>, x: ExprId) -> String {
    let mut s = String::new();
    write_expr(p, x, &mut s, 0);
    s
}

/// gc's `emphasize`: parenthesize binary expressions.
pub(crate) fn emphasize(p: &Parser<'_>, x: ExprId) -> String {
    let s = expr_string(p, x);
    if let ExprKind::Operation { y: Some(_), .. } = p.expr_ref(x).kind {
        return format!("({s})");
    }
    s
}

fn write_fields(p: &Parser<'_>, start: u32, len: u32, out: &mut String) {
    for (i, f) in ids(p, start, len).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let f = p.field_ref(FieldId(f)).clone();
        if let Some(n) = f.name {
            write_expr(p, n, out, 0);
            if f.typ.is_some() {
                out.push(' ');
            }
        }
        if let Some(t) = f.typ {
            write_expr(p, t, out, 0);
        }
    }
}

fn write_list(p: &Parser<'_>, start: u32, len: u32, out: &mut String) {
    for (i, e) in ids(p, start, len).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(p, ExprId(e), out, 0);
    }
}

fn write_expr(p: &Parser<'_>, x: ExprId, out: &mut String, prec: u8) {
    let e = p.expr_ref(x).clone();
    match e.kind {
        ExprKind::Bad => out.push_str("<bad expr>"),
        ExprKind::Name(s) => out.push_str(&p.sym_name(s)),
        ExprKind::BasicLit { .. } => {
            let b = p.source().get(e.start as usize..e.end as usize).unwrap_or(&[]);
            out.push_str(&String::from_utf8_lossy(b));
        }
        ExprKind::CompositeLit { typ, elems, .. } => {
            if let Some(t) = typ {
                write_expr(p, t, out, 0);
            }
            out.push_str(if elems.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::KeyValue { key, value } => {
            write_expr(p, key, out, 0);
            out.push_str(": ");
            write_expr(p, value, out, 0);
        }
        ExprKind::FuncLit { typ, .. } => {
            write_expr(p, typ, out, 0);
            out.push_str(" {…}");
        }
        ExprKind::Paren { x } => {
            out.push('(');
            write_expr(p, x, out, 0);
            out.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(p, x, out, 6);
            out.push('.');
            write_expr(p, sel, out, 0);
        }
        ExprKind::Index { x, index } => {
            write_expr(p, x, out, 6);
            out.push('[');
            write_expr(p, index, out, 0);
            out.push(']');
        }
        ExprKind::Slice { x, index, full } => {
            write_expr(p, x, out, 6);
            out.push('[');
            for (i, ix) in index.iter().enumerate() {
                if i > 0 && (i < 2 || full) {
                    out.push(':');
                }
                if let Some(ix) = ix {
                    write_expr(p, *ix, out, 0);
                }
            }
            out.push(']');
        }
        ExprKind::Assert { x, typ } => {
            write_expr(p, x, out, 6);
            out.push_str(".(");
            write_expr(p, typ, out, 0);
            out.push(')');
        }
        ExprKind::TypeSwitchGuard { lhs, x } => {
            if let Some(l) = lhs {
                write_expr(p, l, out, 0);
                out.push_str(" := ");
            }
            write_expr(p, x, out, 6);
            out.push_str(".(type)");
        }
        ExprKind::Operation { op, x, y: None } => {
            out.push_str(op.as_str());
            write_expr(p, x, out, 6);
        }
        ExprKind::Operation { op, x, y: Some(y) } => {
            let bp = binary_prec(op);
            let paren = bp < prec;
            if paren {
                out.push('(');
            }
            write_expr(p, x, out, bp);
            out.push(' ');
            out.push_str(op.as_str());
            out.push(' ');
            write_expr(p, y, out, bp + 1);
            if paren {
                out.push(')');
            }
        }
        ExprKind::Call { fun, args, has_dots } => {
            write_expr(p, fun, out, 6);
            out.push('(');
            write_list(p, args.start, args.len, out);
            if has_dots {
                out.push_str("...");
            }
            out.push(')');
        }
        ExprKind::List { elems } => write_list(p, elems.start, elems.len, out),
        ExprKind::ArrayType { len, elem } => {
            out.push('[');
            match len {
                Some(l) => write_expr(p, l, out, 0),
                None => out.push_str("..."),
            }
            out.push(']');
            write_expr(p, elem, out, 0);
        }
        ExprKind::SliceType { elem } => {
            out.push_str("[]");
            write_expr(p, elem, out, 0);
        }
        ExprKind::DotsType { elem } => {
            out.push_str("...");
            write_expr(p, elem, out, 0);
        }
        ExprKind::StructType { fields } => {
            out.push_str(if fields.is_empty() { "struct{}" } else { "struct{…}" });
        }
        ExprKind::FuncType { params, results } => {
            out.push_str("func(");
            write_fields(p, params.start, params.len, out);
            out.push(')');
            if results.len == 1 && p.field_ref(FieldId(p.list_ids(results.start, 1)[0])).name.is_none() {
                out.push(' ');
                write_fields(p, results.start, results.len, out);
            } else if !results.is_empty() {
                out.push_str(" (");
                write_fields(p, results.start, results.len, out);
                out.push(')');
            }
        }
        ExprKind::InterfaceType { methods } => {
            out.push_str(if methods.is_empty() { "interface{}" } else { "interface{…}" });
        }
        ExprKind::MapType { key, value } => {
            out.push_str("map[");
            write_expr(p, key, out, 0);
            out.push(']');
            write_expr(p, value, out, 0);
        }
        ExprKind::ChanType { dir, elem } => {
            out.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::SendOnly => "chan<- ",
                ChanDir::RecvOnly => "<-chan ",
            });
            write_expr(p, elem, out, 0);
        }
    }
}

/// gc's `String(s)` for simple statements.
pub(crate) fn stmt_string(p: &Parser<'_>, s: StmtId) -> String {
    let st = p.stmt_ref(s).clone();
    match st.kind {
        StmtKind::Expr { x } => expr_string(p, x),
        StmtKind::Send { chan, value } => format!("{} <- {}", expr_string(p, chan), expr_string(p, value)),
        StmtKind::Assign { op, lhs, rhs: None } => {
            format!("{}{}{}", expr_string(p, lhs), op.as_str(), op.as_str())
        }
        StmtKind::Assign { op, lhs, rhs: Some(rhs) } => {
            let o = match op {
                Operator::None => "=".to_string(),
                Operator::Def => ":=".to_string(),
                o => format!("{}=", o.as_str()),
            };
            format!("{} {} {}", expr_string(p, lhs), o, expr_string(p, rhs))
        }
        StmtKind::Range { lhs, def, x } => match lhs {
            Some(l) => {
                format!("{} {} range {}", expr_string(p, l), if def { ":=" } else { "=" }, expr_string(p, x))
            }
            None => format!("range {}", expr_string(p, x)),
        },
        _ => String::new(),
    }
}
