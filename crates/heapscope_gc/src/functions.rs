//! The enclosing function of a compiler position, named as gc names functions: `F`, `(*T).M`,
//! `T.M`, `init.0`, closures `F.func1`, nested closures `F.func1.1`, closures in package-level
//! initialisers `init.func1`. The compiler prints the function only in some `-m=2` messages;
//! for every other message heapscope reads it off the source with `go_syntax`.
//!
//! Closures are numbered in the order gc's unified-IR writer meets them, and that writer skips
//! dead code: the branch of an `if` whose condition is a constant, the body of a `for` whose
//! condition is constant false, statements after a terminating one. Constants are known here
//! only as far as the package's own boolean constants go (no type checker yet).

use go_syntax::{DeclKind, ExprId, ExprKind, File, Node, Operator, StmtId, StmtKind, Token};
use heapscope_model::Pos;
use std::collections::HashMap;
use std::path::Path;

/// One function's extent, in gc positions (line, column) of one file.
#[derive(Debug, Clone)]
struct Span {
    file: String,
    start: (u32, u32),
    end: (u32, u32),
    name: String,
}

/// Function extents of a package's files.
#[derive(Debug, Default)]
pub struct FunctionIndex {
    spans: Vec<Span>,
}

impl FunctionIndex {
    /// Parses `files` (names in `dir`, in the order the compiler is given them: `go list`'s
    /// GoFiles order) and records every function and function literal. Unreadable files are
    /// skipped; syntax errors leave the well-formed functions usable.
    pub fn for_package(dir: &str, files: &[String]) -> Self {
        let mut idx = FunctionIndex::default();
        let mut names = Namer::default();
        let parsed: Vec<File> = files
            .iter()
            .filter_map(|f| {
                let path = Path::new(dir).join(f);
                let src = std::fs::read(&path).ok()?;
                Some(go_syntax::parse_file(&path.to_string_lossy(), &src).0)
            })
            .collect();
        let consts = BoolConsts::collect(&parsed);
        for file in &parsed {
            idx.add_file(file, &mut names, &consts);
        }
        // Innermost first when extents nest: sort by start descending within a file.
        idx.spans.sort_by(|a, b| (&a.file, b.start).cmp(&(&b.file, a.start)));
        idx
    }

    /// The innermost function whose extent holds `pos`.
    pub fn lookup(&self, pos: &Pos) -> Option<&str> {
        let at = (pos.line, pos.col.max(1));
        self.spans
            .iter()
            .filter(|s| s.file == pos.file && s.start <= at && at <= s.end)
            .max_by_key(|s| s.start)
            .map(|s| s.name.as_str())
    }

    fn add_file(&mut self, file: &File, names: &mut Namer, consts: &BoolConsts) {
        for d in file.list(file.decl_list) {
            let decl = file.decl(d);
            match &decl.kind {
                DeclKind::Func { recv, name, body: Some(body), .. } => {
                    let fname = match recv {
                        Some(r) => method_name(file, *r, file.name_str(*name)),
                        None if file.name_str(*name) == "init" => names.next_init(),
                        None => file.name_str(*name).to_string(),
                    };
                    let end = match &file.stmt(*body).kind {
                        StmtKind::Block { rbrace, .. } => *rbrace,
                        _ => decl.pos,
                    };
                    self.push(file, decl.pos, end, fname.clone());
                    self.closures(file, Node::Stmt(*body), &fname, false, &mut 0, consts);
                }
                DeclKind::Var { values: Some(v), .. } => {
                    // Closures in package-level initialisers belong to the package's init.
                    let mut counter = names.init_closures;
                    self.closures(file, Node::Expr(*v), "init", false, &mut counter, consts);
                    names.init_closures = counter;
                }
                _ => {}
            }
        }
    }

    fn push(&mut self, file: &File, start: u32, end: u32, name: String) {
        let a = file.source_map.position(start);
        let b = file.source_map.position(end);
        self.spans.push(Span { file: a.filename, start: (a.line, a.col), end: (b.line, b.col), name });
    }

    /// Names the function literals under `root` (not nested in another literal) as children of
    /// `parent`, then recurses into each with its own counter.
    fn closures(
        &mut self,
        file: &File,
        root: Node,
        parent: &str,
        parent_is_closure: bool,
        counter: &mut u32,
        consts: &BoolConsts,
    ) {
        let mut stack = vec![root];
        let mut kids = Vec::new();
        while let Some(n) = stack.pop() {
            if let Node::Expr(e) = n
                && let ExprKind::FuncLit { body, .. } = &file.expr(e).kind
            {
                *counter += 1;
                let name = if parent_is_closure {
                    format!("{parent}.{counter}")
                } else {
                    format!("{parent}.func{counter}")
                };
                let x = file.expr(e);
                self.push(file, x.start, x.end.saturating_sub(1), name.clone());
                self.closures(file, Node::Stmt(*body), &name, true, &mut 0, consts);
                continue;
            }
            kids.clear();
            live_children(file, n, consts, &mut kids);
            stack.extend(kids.drain(..).rev());
        }
    }
}

/// The children of `n` that gc's writer keeps (see the module doc), in source order.
fn live_children(file: &File, n: Node, consts: &BoolConsts, out: &mut Vec<Node>) {
    let Node::Stmt(s) = n else {
        file.children(n, out);
        return;
    };
    let stmt = |x: Option<StmtId>, out: &mut Vec<Node>| out.extend(x.map(Node::Stmt));
    let expr = |x: Option<ExprId>, out: &mut Vec<Node>| out.extend(x.map(Node::Expr));
    match &file.stmt(s).kind {
        StmtKind::If { init, cond, then, els } => {
            stmt(*init, out);
            expr(*cond, out);
            let c = cond.map_or(0, |c| consts.static_bool(file, c));
            if c >= 0 {
                out.push(Node::Stmt(*then));
            }
            if c <= 0 {
                stmt(*els, out);
            }
        }
        StmtKind::For { init, cond, post, body } => {
            stmt(*init, out);
            expr(*cond, out);
            if !cond.is_some_and(|c| consts.static_bool(file, c) < 0) {
                stmt(*post, out);
                out.push(Node::Stmt(*body));
            }
        }
        StmtKind::Block { list, .. } => live_stmts(file, file.list(*list).collect(), consts, out),
        StmtKind::CaseClause { cases, body, .. } => {
            expr(*cases, out);
            live_stmts(file, file.list(*body).collect(), consts, out);
        }
        _ => file.children(n, out),
    }
}

/// A statement list without what follows a terminating statement (unless a label follows).
fn live_stmts(file: &File, list: Vec<StmtId>, consts: &BoolConsts, out: &mut Vec<Node>) {
    let last_label = list.iter().rposition(|&s| matches!(file.stmt(s).kind, StmtKind::Labeled { .. }));
    let mut dead = false;
    for (i, &s) in list.iter().enumerate() {
        let labeled = matches!(file.stmt(s).kind, StmtKind::Labeled { .. });
        if dead && last_label.is_none_or(|l| i > l) && !labeled {
            continue;
        }
        out.push(Node::Stmt(s));
        dead = terminates(file, s, consts);
    }
}

/// gc's `terminates`: return, goto, a call of `panic`, and `if`s and blocks made of them.
fn terminates(file: &File, s: StmtId, consts: &BoolConsts) -> bool {
    match &file.stmt(s).kind {
        StmtKind::Return { .. } => true,
        StmtKind::Branch { tok, .. } => *tok == Token::Goto,
        StmtKind::Expr { x } => match &file.expr(file.unparen(*x)).kind {
            ExprKind::Call { fun, .. } => {
                matches!(file.expr(*fun).kind, ExprKind::Name(_)) && file.name_str(*fun) == "panic"
            }
            _ => false,
        },
        StmtKind::If { cond, then, els, .. } => {
            let c = cond.map_or(0, |c| consts.static_bool(file, c));
            (c < 0 || terminates(file, *then, consts))
                && (c > 0 || els.is_some_and(|e| terminates(file, e, consts)))
        }
        StmtKind::Block { list, .. } => file
            .list(*list)
            .filter(|&x| !matches!(file.stmt(x).kind, StmtKind::Empty))
            .last()
            .is_some_and(|x| terminates(file, x, consts)),
        _ => false,
    }
}

/// The package's boolean constants, as far as they can be evaluated without types: `true`,
/// `false`, other such constants, `!`, `&&`, `||`, `==`/`!=` between them, parentheses.
#[derive(Default)]
struct BoolConsts<'a> {
    decls: HashMap<&'a str, (&'a File, ExprId)>,
}

impl<'a> BoolConsts<'a> {
    fn collect(files: &'a [File]) -> Self {
        let mut decls = HashMap::new();
        for file in files {
            for d in file.list(file.decl_list) {
                if let DeclKind::Const { names, values: Some(v), .. } = &file.decl(d).kind {
                    let names: Vec<ExprId> = file.list(*names).collect();
                    let values = file.unpack_list(Some(*v));
                    if names.len() == values.len() {
                        for (n, v) in names.iter().zip(values) {
                            decls.insert(file.name_str(*n), (file, v));
                        }
                    }
                }
            }
        }
        BoolConsts { decls }
    }

    /// The constant value of `e`, if it is one of the forms above.
    fn value(&self, file: &File, e: ExprId, depth: u32) -> Option<bool> {
        if depth > 32 {
            return None;
        }
        let e = file.unparen(e);
        match &file.expr(e).kind {
            ExprKind::Name(_) => match file.name_str(e) {
                "true" => Some(true),
                "false" => Some(false),
                name => {
                    let (f, v) = self.decls.get(name)?;
                    self.value(f, *v, depth + 1)
                }
            },
            ExprKind::Operation { op: Operator::Not, x, y: None } => {
                self.value(file, *x, depth + 1).map(|v| !v)
            }
            ExprKind::Operation { op, x, y: Some(y) } => {
                let (a, b) = (self.value(file, *x, depth + 1)?, self.value(file, *y, depth + 1)?);
                match op {
                    Operator::AndAnd => Some(a && b),
                    Operator::OrOr => Some(a || b),
                    Operator::Eql => Some(a == b),
                    Operator::Neq => Some(a != b),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// gc's `staticBool`: +1 always true, -1 always false, 0 unknown.
    fn static_bool(&self, file: &File, e: ExprId) -> i8 {
        if let Some(v) = self.value(file, e, 0) {
            return if v { 1 } else { -1 };
        }
        match &file.expr(file.unparen(e)).kind {
            // gc looks through `!` without negating here (only non-constant operands reach it).
            ExprKind::Operation { op: Operator::Not, x, y: None } => self.static_bool(file, *x),
            ExprKind::Operation { op: Operator::AndAnd, x, y: Some(y) } => {
                let a = self.static_bool(file, *x);
                if a < 0 {
                    return a;
                }
                let b = self.static_bool(file, *y);
                if a > 0 || b < 0 { b } else { 0 }
            }
            ExprKind::Operation { op: Operator::OrOr, x, y: Some(y) } => {
                let a = self.static_bool(file, *x);
                if a > 0 {
                    return a;
                }
                let b = self.static_bool(file, *y);
                if a < 0 || b > 0 { b } else { 0 }
            }
            _ => 0,
        }
    }
}

/// Package-wide counters: `init.N` functions and `init.funcN` closures.
#[derive(Default)]
struct Namer {
    inits: u32,
    init_closures: u32,
}

impl Namer {
    fn next_init(&mut self) -> String {
        let n = self.inits;
        self.inits += 1;
        format!("init.{n}")
    }
}

/// `(*T).M` for pointer receivers, `T.M` for value receivers (type parameters dropped).
fn method_name(file: &File, recv: go_syntax::FieldId, method: &str) -> String {
    let Some(mut t) = file.field(recv).typ else { return method.to_string() };
    let mut pointer = false;
    loop {
        match &file.expr(t).kind {
            ExprKind::Paren { x } => t = *x,
            ExprKind::Operation { op: Operator::Mul, x, y: None } => {
                pointer = true;
                t = *x;
            }
            ExprKind::Index { x, .. } => t = *x,
            _ => break,
        }
    }
    let base = match &file.expr(t).kind {
        ExprKind::Name(_) => file.name_str(t).to_string(),
        _ => String::from_utf8_lossy(file.text(t)).into_owned(),
    };
    if pointer { format!("(*{base}).{method}") } else { format!("{base}.{method}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "package clo

var G = func() int { return 1 }

func F(x int) int {
	a := func() int {
		b := func() int { return x }
		c := func() int { return x + 1 }
		return b() + c()
	}
	defer println(x)
	d := func() int { return 2 }
	go println(x)
	return a() + d()
}

type T[P any] struct{}

func (t *T[P]) M() func() int { return func() int { return 3 } }
func (t T[P]) V() func() int  { return func() int { return 4 } }
func init()                 { _ = func() {} }
func init()                 {}
";

    /// Names recorded from go1.27.3's `-m=2` output for this file (`can inline ...` lines).
    #[test]
    fn names_follow_gc() {
        let dir = std::env::temp_dir().join(format!("heapscope-fn-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("c.go"), SRC).unwrap();
        let idx = FunctionIndex::for_package(&dir.to_string_lossy(), &["c.go".to_string()]);
        let file = dir.join("c.go").to_string_lossy().into_owned();
        let at = |line, col| idx.lookup(&Pos::new(file.clone(), line, col)).map(str::to_string);
        assert_eq!(at(3, 9).as_deref(), Some("init.func1"));
        assert_eq!(at(5, 8).as_deref(), Some("F")); // parameter x
        assert_eq!(at(6, 7).as_deref(), Some("F.func1"));
        assert_eq!(at(7, 8).as_deref(), Some("F.func1.1"));
        assert_eq!(at(8, 27).as_deref(), Some("F.func1.2"));
        assert_eq!(at(12, 7).as_deref(), Some("F.func2"));
        assert_eq!(at(13, 2).as_deref(), Some("F"));
        assert_eq!(at(19, 7).as_deref(), Some("(*T).M")); // receiver t
        assert_eq!(at(19, 40).as_deref(), Some("(*T).M.func1"));
        assert_eq!(at(20, 42).as_deref(), Some("T.V.func1"));
        assert_eq!(at(21, 35).as_deref(), Some("init.0.func1"));
        assert_eq!(at(22, 6).as_deref(), Some("init.1"));
        assert_eq!(at(17, 1), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// The extents of `for` statements (range loops included), to tell which positions sit inside
/// a loop.
#[derive(Debug, Default)]
pub struct LoopIndex {
    spans: Vec<Span>,
}

impl LoopIndex {
    /// Parses `files` (absolute paths) and records their loops. Unreadable files are skipped.
    pub fn for_files<'a>(files: impl IntoIterator<Item = &'a str>) -> Self {
        let mut idx = LoopIndex::default();
        for f in files {
            let Ok(src) = std::fs::read(f) else { continue };
            let (file, _) = go_syntax::parse_file(f, &src);
            file.walk(|n| {
                if let Node::Stmt(s) = n
                    && let StmtKind::For { body, .. } = &file.stmt(s).kind
                    && let StmtKind::Block { rbrace, .. } = &file.stmt(*body).kind
                {
                    let a = file.source_map.position(file.stmt(s).pos);
                    let b = file.source_map.position(*rbrace);
                    idx.spans.push(Span {
                        file: a.filename,
                        start: (a.line, a.col),
                        end: (b.line, b.col),
                        name: String::new(),
                    });
                }
            });
        }
        idx
    }

    /// True when `pos` is inside a loop statement.
    pub fn contains(&self, pos: &Pos) -> bool {
        let at = (pos.line, pos.col.max(1));
        self.spans.iter().any(|s| s.file == pos.file && s.start <= at && at <= s.end)
    }
}

#[cfg(test)]
mod loop_tests {
    use super::*;

    #[test]
    fn loops() {
        let dir = std::env::temp_dir().join(format!("heapscope-loops-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("l.go");
        std::fs::write(&f, "package l\n\nfunc F(s []int) {\n\tx := 1\n\tfor i := range s {\n\t\t_ = i\n\t}\n\tfor {\n\t\tbreak\n\t}\n\t_ = x\n}\n").unwrap();
        let name = f.to_string_lossy().into_owned();
        let idx = LoopIndex::for_files([name.as_str()]);
        assert!(!idx.contains(&Pos::new(name.clone(), 4, 2)));
        assert!(idx.contains(&Pos::new(name.clone(), 6, 3)));
        assert!(idx.contains(&Pos::new(name.clone(), 9, 3)));
        assert!(!idx.contains(&Pos::new(name.clone(), 11, 2)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
