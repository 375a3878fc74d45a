//! Iterative (stack-based, so arbitrarily deep trees cannot overflow the
//! native stack) pre-order traversal of all nodes reachable from a
//! [`File`]'s declarations, plus gc's node positions (`gc_pos`).

use crate::ast::*;
use crate::pos::Position;

/// A reference to any node of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Decl(DeclId),
    Stmt(StmtId),
    Expr(ExprId),
    Field(FieldId),
}

impl File {
    /// The byte offset gc reports for a node (gc's `n.Pos()`).
    pub fn node_pos(&self, n: Node) -> u32 {
        match n {
            Node::Decl(d) => self.decl(d).pos,
            Node::Stmt(s) => self.stmt(s).pos,
            Node::Expr(e) => self.expr(e).pos,
            Node::Field(f) => self.field(f).pos,
        }
    }

    /// gc's reported position of a node, honoring `//line` directives.
    pub fn gc_pos(&self, n: Node) -> Position {
        self.source_map.position(self.node_pos(n))
    }

    /// Visits every node reachable from the file's declarations in
    /// pre-order (children in source order). A type shared by several
    /// fields or parameters (`a, b T`; gc shares the node too) is visited
    /// once, at its first use, which keeps the walk linear in the file size.
    pub fn walk(&self, mut f: impl FnMut(Node)) {
        let mut seen = vec![false; self.exprs.len()];
        let mut stack: Vec<Node> = Vec::with_capacity(64);
        if let Some(p) = self.pkg_name {
            stack.push(Node::Expr(p));
        }
        let decls: Vec<DeclId> = self.list(self.decl_list).collect();
        stack.extend(decls.into_iter().rev().map(Node::Decl));
        let mut kids: Vec<Node> = Vec::with_capacity(16);
        while let Some(n) = stack.pop() {
            if let Node::Expr(e) = n {
                match seen.get_mut(e.0 as usize) {
                    Some(v) if *v => continue,
                    Some(v) => *v = true,
                    None => continue,
                }
            }
            f(n);
            kids.clear();
            self.children(n, &mut kids);
            stack.extend(kids.drain(..).rev());
        }
    }

    /// Appends the direct children of `n` in source order.
    pub fn children(&self, n: Node, out: &mut Vec<Node>) {
        let e = |out: &mut Vec<Node>, x: Option<ExprId>| {
            if let Some(x) = x {
                out.push(Node::Expr(x));
            }
        };
        let s = |out: &mut Vec<Node>, x: Option<StmtId>| {
            if let Some(x) = x {
                out.push(Node::Stmt(x));
            }
        };
        match n {
            Node::Decl(d) => match &self.decl(d).kind {
                DeclKind::Import { local, path } => {
                    e(out, *local);
                    e(out, *path);
                }
                DeclKind::Const { names, typ, values, .. } | DeclKind::Var { names, typ, values } => {
                    out.extend(self.list(*names).map(Node::Expr));
                    e(out, *typ);
                    e(out, *values);
                }
                DeclKind::Type { name, tparams, typ, .. } => {
                    out.push(Node::Expr(*name));
                    out.extend(self.list(*tparams).map(Node::Field));
                    out.push(Node::Expr(*typ));
                }
                DeclKind::Func { recv, name, tparams, typ, body } => {
                    if let Some(r) = recv {
                        out.push(Node::Field(*r));
                    }
                    out.push(Node::Expr(*name));
                    out.extend(self.list(*tparams).map(Node::Field));
                    out.push(Node::Expr(*typ));
                    s(out, *body);
                }
            },
            Node::Field(f) => {
                let f = self.field(f);
                e(out, f.name);
                e(out, f.typ);
                e(out, f.tag);
            }
            Node::Stmt(st) => match &self.stmt(st).kind {
                StmtKind::Empty => {}
                StmtKind::Labeled { label, stmt } => {
                    out.push(Node::Expr(*label));
                    out.push(Node::Stmt(*stmt));
                }
                StmtKind::Block { list, .. } => out.extend(self.list(*list).map(Node::Stmt)),
                StmtKind::Expr { x } => out.push(Node::Expr(*x)),
                StmtKind::Send { chan, value } => {
                    out.push(Node::Expr(*chan));
                    out.push(Node::Expr(*value));
                }
                StmtKind::Decl { decls } => out.extend(self.list(*decls).map(Node::Decl)),
                StmtKind::Assign { lhs, rhs, .. } => {
                    out.push(Node::Expr(*lhs));
                    e(out, *rhs);
                }
                StmtKind::Branch { label, .. } => e(out, *label),
                StmtKind::Call { call, .. } => out.push(Node::Expr(*call)),
                StmtKind::Return { results } => e(out, *results),
                StmtKind::If { init, cond, then, els } => {
                    s(out, *init);
                    e(out, *cond);
                    out.push(Node::Stmt(*then));
                    s(out, *els);
                }
                StmtKind::For { init, cond, post, body } => {
                    s(out, *init);
                    e(out, *cond);
                    s(out, *post);
                    out.push(Node::Stmt(*body));
                }
                StmtKind::Switch { init, tag, body, .. } => {
                    s(out, *init);
                    e(out, *tag);
                    out.extend(self.list(*body).map(Node::Stmt));
                }
                StmtKind::Select { body, .. } => out.extend(self.list(*body).map(Node::Stmt)),
                StmtKind::Range { lhs, x, .. } => {
                    e(out, *lhs);
                    out.push(Node::Expr(*x));
                }
                StmtKind::CaseClause { cases, body, .. } => {
                    e(out, *cases);
                    out.extend(self.list(*body).map(Node::Stmt));
                }
                StmtKind::CommClause { comm, body, .. } => {
                    s(out, *comm);
                    out.extend(self.list(*body).map(Node::Stmt));
                }
            },
            Node::Expr(x) => match &self.expr(x).kind {
                ExprKind::Bad | ExprKind::Name(_) | ExprKind::BasicLit { .. } => {}
                ExprKind::CompositeLit { typ, elems, .. } => {
                    e(out, *typ);
                    out.extend(self.list(*elems).map(Node::Expr));
                }
                ExprKind::KeyValue { key, value } => {
                    out.push(Node::Expr(*key));
                    out.push(Node::Expr(*value));
                }
                ExprKind::FuncLit { typ, body } => {
                    out.push(Node::Expr(*typ));
                    out.push(Node::Stmt(*body));
                }
                ExprKind::Paren { x }
                | ExprKind::SliceType { elem: x }
                | ExprKind::DotsType { elem: x }
                | ExprKind::ChanType { elem: x, .. } => out.push(Node::Expr(*x)),
                ExprKind::Selector { x, sel } => {
                    out.push(Node::Expr(*x));
                    out.push(Node::Expr(*sel));
                }
                ExprKind::Index { x, index } => {
                    out.push(Node::Expr(*x));
                    out.push(Node::Expr(*index));
                }
                ExprKind::Slice { x, index, .. } => {
                    out.push(Node::Expr(*x));
                    for i in index {
                        e(out, *i);
                    }
                }
                ExprKind::Assert { x, typ } => {
                    out.push(Node::Expr(*x));
                    out.push(Node::Expr(*typ));
                }
                ExprKind::TypeSwitchGuard { lhs, x } => {
                    e(out, *lhs);
                    out.push(Node::Expr(*x));
                }
                ExprKind::Operation { x, y, .. } => {
                    out.push(Node::Expr(*x));
                    e(out, *y);
                }
                ExprKind::Call { fun, args, .. } => {
                    out.push(Node::Expr(*fun));
                    out.extend(self.list(*args).map(Node::Expr));
                }
                ExprKind::List { elems } => out.extend(self.list(*elems).map(Node::Expr)),
                ExprKind::ArrayType { len, elem } => {
                    e(out, *len);
                    out.push(Node::Expr(*elem));
                }
                ExprKind::StructType { fields } => out.extend(self.list(*fields).map(Node::Field)),
                ExprKind::FuncType { params, results } => {
                    out.extend(self.list(*params).map(Node::Field));
                    out.extend(self.list(*results).map(Node::Field));
                }
                ExprKind::InterfaceType { methods } => out.extend(self.list(*methods).map(Node::Field)),
                ExprKind::MapType { key, value } => {
                    out.push(Node::Expr(*key));
                    out.push(Node::Expr(*value));
                }
            },
        }
    }
}
