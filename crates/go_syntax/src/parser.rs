//! The recursive-descent parser producing the arena AST, following the
//! structure, error messages, error recovery (`advance` with follow sets)
//! and node positions of gc's `syntax/parser.go`. Also applies `//line`
//! directives (gc's `updateBase`) and collects `//go:` pragmas.

use crate::ast::*;
use crate::build::go_version_of_build_line;
use crate::pos::{PosBase, SourceMap, clean_path, dir_path, sat32};
use crate::scanner::{Comment, Scanner, SemiLit};
use crate::token::{LitKind, Operator, Token};
use crate::{SyntaxError, printer};

/// Tokens that continue a primary expression (`pexpr`): `.`, `[`, `(`, `{`.
const POSTFIX: u64 = (1 << Token::Dot as u8)
    | (1 << Token::Lbrack as u8)
    | (1 << Token::Lparen as u8)
    | (1 << Token::Lbrace as u8);

/// Keywords that start a statement: synchronization points in `advance`.
const STOPSET: u64 = (1 << Token::Break as u8)
    | (1 << Token::Const as u8)
    | (1 << Token::Continue as u8)
    | (1 << Token::Defer as u8)
    | (1 << Token::Fallthrough as u8)
    | (1 << Token::For as u8)
    | (1 << Token::Go as u8)
    | (1 << Token::Goto as u8)
    | (1 << Token::If as u8)
    | (1 << Token::Return as u8)
    | (1 << Token::Select as u8)
    | (1 << Token::Switch as u8)
    | (1 << Token::Type as u8)
    | (1 << Token::Var as u8);

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeclKindTag {
    Import,
    Const,
    Type,
    Var,
}

pub(crate) struct Parser<'a> {
    s: Scanner<'a>,
    filename: &'a str,
    prev_end: u32,
    exprs: Vec<Expr>,
    stmts: Vec<Stmt>,
    fields: Vec<Field>,
    decls: Vec<Decl>,
    pragmas: Vec<Pragma>,
    lists: Vec<u32>,
    scratch: Vec<u32>,
    syms: SymbolsBuilder,
    pragma: Option<Pragma>,
    bases: Vec<PosBase>,
    top: bool,
    fnest: i32,
    xnest: i32,
    go_version: String,
    ngroups: u32,
    /// Current recursion depth (bounded by `MAX_DEPTH`).
    depth: u32,
    deep_reported: bool,
}

/// Allocations of a parsed (and no longer needed) `File`, reused for the
/// next one when parsing many files in a row (`debug_parse`).
#[derive(Default)]
pub(crate) struct Buffers {
    exprs: Vec<Expr>,
    stmts: Vec<Stmt>,
    fields: Vec<Field>,
    decls: Vec<Decl>,
    pragmas: Vec<Pragma>,
    lists: Vec<u32>,
    scratch: Vec<u32>,
    symbols: Symbols,
    line_starts: Vec<u32>,
    comments: Vec<Comment>,
}

impl Buffers {
    pub(crate) fn from_file(f: File) -> Self {
        Buffers {
            exprs: f.exprs,
            stmts: f.stmts,
            fields: f.fields,
            decls: f.decls,
            pragmas: f.pragmas,
            lists: f.lists,
            scratch: Vec::new(),
            symbols: f.symbols,
            line_starts: f.source_map.line_starts,
            comments: f.comments,
        }
    }
}

/// Empties `v` and makes room for `cap` elements, keeping its allocation.
fn reuse<T>(mut v: Vec<T>, cap: usize) -> Vec<T> {
    v.clear();
    v.reserve(cap);
    v
}

/// Maximum nesting of expressions/types/statements; deeper input is
/// reported as an error instead of risking a native stack overflow.
pub const MAX_DEPTH: u32 = 1000;

impl<'a> Parser<'a> {
    pub(crate) fn new(filename: &'a str, src: &'a [u8]) -> Self {
        Self::with_buffers(filename, src, Buffers::default())
    }

    /// Like `new`, reusing the allocations in `b` (contents are cleared).
    pub(crate) fn with_buffers(filename: &'a str, src: &'a [u8], b: Buffers) -> Self {
        let n = src.len();
        Parser {
            s: Scanner::with_buffers(src, b.line_starts, b.comments),
            filename,
            prev_end: 0,
            // Generous: the arenas are shrunk to fit after parsing, and
            // untouched capacity costs no memory.
            exprs: reuse(b.exprs, n / 5 + 16),
            stmts: reuse(b.stmts, n / 24 + 16),
            fields: reuse(b.fields, n / 32 + 16),
            decls: reuse(b.decls, n / 256 + 4),
            pragmas: reuse(b.pragmas, 0),
            lists: reuse(b.lists, n / 8 + 16),
            scratch: reuse(b.scratch, 256),
            syms: SymbolsBuilder::recycled(b.symbols, n / 128 + 16),
            pragma: None,
            bases: Vec::new(),
            top: true,
            fnest: 0,
            xnest: 0,
            go_version: String::new(),
            ngroups: 0,
            depth: 0,
            deep_reported: false,
        }
    }

    /// Sets errors for bytes removed from the input before parsing.
    pub(crate) fn set_dropped(&mut self, dropped: Vec<(u32, u32, &'static str)>) {
        self.s.pending = !dropped.is_empty();
        self.s.dropped = dropped;
    }

    /// Parses the file. Also returns the indices of errors whose offsets
    /// are already original offsets (removed bytes, see `set_dropped`) and
    /// whether the source holds bytes gc's reader skips (then the result
    /// is not gc's: `crate::clean` parses a copy without them). Without
    /// `copy_src` the returned file's `src` is left empty for the caller
    /// to fill in; with `shrink`, the arenas' slack is given back.
    pub(crate) fn parse_full(
        mut self,
        copy_src: bool,
        shrink: bool,
    ) -> (File, Vec<SyntaxError>, Vec<usize>, bool) {
        self.next();
        let (pragma, pkg_name, decl_list) = self.file_or_nil();
        let eof = self.s.start;
        let src = self.s.src;
        // Bytes before the scanner's position were checked as scanned; the
        // parser may stop early (e.g. without a package clause).
        let unclean = self.s.skipped || crate::clean::has_skipped_bytes(src, self.s.read_pos());
        let mut sm = SourceMap::new(self.filename, std::mem::take(&mut self.s.line_starts), src.len() as u32);
        for b in std::mem::take(&mut self.bases) {
            sm.push_base(b);
        }
        let orig = std::mem::take(&mut self.s.orig_errors);
        let errors = std::mem::take(&mut self.s.errors)
            .into_iter()
            .map(|(offset, msg)| SyntaxError { offset, msg })
            .collect();
        if shrink {
            // Arenas were sized generously up front; give the slack back.
            self.exprs.shrink_to_fit();
            self.stmts.shrink_to_fit();
            self.fields.shrink_to_fit();
            self.lists.shrink_to_fit();
        }
        let file = File {
            pragma,
            pkg_name,
            decl_list,
            eof,
            go_version: self.go_version,
            src: if copy_src { src.into() } else { Box::default() },
            exprs: self.exprs,
            stmts: self.stmts,
            fields: self.fields,
            decls: self.decls,
            pragmas: self.pragmas,
            lists: self.lists,
            symbols: self.syms.finish(),
            comments: std::mem::take(&mut self.s.comments),
            source_map: sm,
        };
        (file, errors, orig, unclean)
    }

    // ------------------------------------------------------------------
    // Token handling

    #[inline]
    fn tok(&self) -> Token {
        self.s.tok
    }
    #[inline]
    fn pos(&self) -> u32 {
        self.s.start
    }
    #[inline]
    fn is_op(&self, op: Operator) -> bool {
        self.s.tok == Token::Operator && self.s.op == op
    }

    #[inline(always)]
    fn next(&mut self) {
        self.prev_end = self.s.end;
        self.s.next();
        if self.s.pending {
            self.after_next_slow();
        }
    }

    /// Reports passed removed-byte errors and handles directive comments
    /// seen by the last `Scanner::next`.
    #[cold]
    #[inline(never)]
    fn after_next_slow(&mut self) {
        if self.s.has_pending_dropped() {
            self.s.flush_dropped();
        }
        if !self.s.directives.is_empty() {
            self.handle_directives();
        }
        self.s.pending = self.s.has_pending_dropped() || !self.s.directives.is_empty();
    }

    fn got(&mut self, tok: Token) -> bool {
        if self.s.tok == tok {
            self.next();
            true
        } else {
            false
        }
    }

    #[inline]
    fn want(&mut self, tok: Token) {
        if self.s.tok == tok {
            self.next();
        } else {
            self.want_failed(tok);
        }
    }

    #[cold]
    #[inline(never)]
    fn want_failed(&mut self, tok: Token) {
        self.syntax_error(&format!("expected {}", tok.tokstring()));
        self.advance(&[]);
    }

    fn got_assign(&mut self) -> bool {
        match self.tok() {
            Token::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            Token::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    // ------------------------------------------------------------------
    // Errors

    fn error_at(&mut self, pos: u32, msg: String) {
        self.s.errors.push((pos, msg));
    }

    fn error(&mut self, msg: &str) {
        let p = self.pos();
        self.error_at(p, msg.to_string());
    }

    fn tok_desc(&self) -> String {
        let s = &self.s;
        match s.tok {
            Token::Name => format!("name {}", self.lit_str()),
            Token::Semi => s.semi.as_str().to_string(),
            Token::Literal => format!("literal {}", self.lit_str()),
            Token::Operator => s.op.as_str().to_string(),
            Token::AssignOp => format!("{}=", s.op.as_str()),
            Token::IncOp => format!("{0}{0}", s.op.as_str()),
            t => t.tokstring(),
        }
    }

    fn lit_str(&self) -> String {
        let b = self.s.src.get(self.s.start as usize..self.s.end as usize).unwrap_or(&[]);
        String::from_utf8_lossy(b).into_owned()
    }

    fn syntax_error_at(&mut self, pos: u32, msg: &str) {
        if self.tok() == Token::Eof && !self.s.errors.is_empty() {
            return; // avoid meaningless follow-up errors
        }
        let suffix = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expected ") {
            format!(", {msg}")
        } else {
            self.error_at(pos, format!("syntax error: {msg}"));
            return;
        };
        let tok = self.tok_desc();
        self.error_at(pos, format!("syntax error: unexpected {tok}{suffix}"));
    }

    fn syntax_error(&mut self, msg: &str) {
        let p = self.pos();
        self.syntax_error_at(p, msg);
    }

    /// gc's `advance`: skip tokens until one in the follow list (plus the
    /// statement keywords inside functions); with an empty list, skip one.
    fn advance(&mut self, follow: &[Token]) {
        let mut set: u64 = Token::Eof.bit();
        if !follow.is_empty() {
            if self.fnest > 0 {
                set |= STOPSET;
            }
            for t in follow {
                set |= t.bit();
            }
        }
        while set & self.tok().bit() == 0 {
            self.next();
            if follow.is_empty() {
                break;
            }
        }
    }

    /// Reports excessive nesting once and skips a token; returns true if
    /// the caller must not recurse further.
    #[inline]
    fn too_deep(&mut self) -> bool {
        if self.depth < MAX_DEPTH {
            return false;
        }
        self.too_deep_slow()
    }

    #[cold]
    #[inline(never)]
    fn too_deep_slow(&mut self) -> bool {
        if !self.deep_reported {
            self.deep_reported = true;
            let p = self.pos();
            self.error_at(p, "syntax error: nesting too deep".into());
        }
        self.advance(&[]);
        true
    }

    // ------------------------------------------------------------------
    // Directives

    #[cold]
    #[inline(never)]
    fn handle_directives(&mut self) {
        let evs = std::mem::take(&mut self.s.directives);
        for ev in evs {
            let src = self.s.src;
            let msg = src.get(ev.start as usize..ev.end as usize).unwrap_or(&[]);
            if msg.len() < 2 {
                continue;
            }
            let is_block = msg[1] == b'*';
            let text: &[u8] = if is_block {
                msg.get(2..msg.len().saturating_sub(2)).unwrap_or(&[])
            } else {
                let mut t = &msg[2..];
                if t.last() == Some(&b'\r') {
                    t = &t[..t.len() - 1];
                }
                t
            };
            if (ev.col == 1 || is_block) && text.starts_with(b"line ") {
                let (pos_off, pl, pc) = if is_block {
                    (ev.end, ev.line, ev.col.saturating_add(msg.len() as u32))
                } else {
                    (ev.end.saturating_add(1), ev.line.saturating_add(1), 1)
                };
                let text = text[5..].to_vec();
                self.update_base(pos_off, pl, pc, ev.start + 7, &text);
                continue;
            }
            if text.starts_with(b"go:") {
                let text = String::from_utf8_lossy(text).into_owned();
                if self.top
                    && msg.starts_with(b"//go:build")
                    && let Some(v) = go_version_of_build_line(&String::from_utf8_lossy(msg))
                {
                    self.go_version = v;
                }
                let p = self.pragma.get_or_insert_with(Pragma::default);
                p.flags |= pragma_flags::for_name(directive_name(&text));
                p.directives.push(Directive { pos: ev.start, text, blank: ev.blank });
            }
        }
    }

    /// gc's `updateBase`: `text` (the directive after `line `) starts at
    /// source offset `text_off`; the new base applies from `pos_off`, whose
    /// physical position is `phys_line:phys_col`.
    fn update_base(&mut self, pos_off: u32, phys_line: u32, phys_col: u32, text_off: u32, text: &[u8]) {
        fn lossy(b: &[u8]) -> String {
            String::from_utf8_lossy(b).into_owned()
        }
        // gc parses with strconv.ParseUint(s, 10, 0): digits only, no overflow.
        fn parse(s: &[u8]) -> Option<u64> {
            if s.is_empty() || !s.iter().all(|b| b.is_ascii_digit()) {
                return None;
            }
            std::str::from_utf8(s).ok()?.parse::<u64>().ok()
        }
        let Some(i) = memchr::memrchr(b':', text).map(|i| i + 1) else {
            return; // not a line directive
        };
        let Some(n) = parse(&text[i..]) else {
            self.error_at(text_off + i as u32, format!("invalid line number: {}", lossy(&text[i..])));
            return;
        };
        let head = &text[..i - 1];
        let second =
            memchr::memrchr(b':', head).map(|j| j + 1).and_then(|j| parse(&head[j..]).map(|v| (j, v)));
        let (line, col, name_end) = match second {
            Some((i2, n2)) => {
                // filename:line:col
                if n == 0 || n > crate::pos::POS_MAX {
                    self.error_at(
                        text_off + i as u32,
                        format!("invalid column number: {}", lossy(&text[i..])),
                    );
                    return;
                }
                if n2 == 0 || n2 > crate::pos::POS_MAX {
                    self.error_at(
                        text_off + i2 as u32,
                        format!("invalid line number: {}", lossy(&text[i2..i - 1])),
                    );
                    return;
                }
                (n2, n, i2 - 1)
            }
            None => {
                if n == 0 || n > crate::pos::POS_MAX {
                    self.error_at(text_off + i as u32, format!("invalid line number: {}", lossy(&text[i..])));
                    return;
                }
                (n, 0, i - 1)
            }
        };
        let mut filename = lossy(&text[..name_end]);
        if filename.is_empty() && second.is_some() {
            filename = match self.bases.last() {
                Some(b) => b.filename.clone(),
                None => self.filename.to_string(),
            };
        } else if !filename.is_empty() {
            filename = clean_path(&filename);
            if !filename.starts_with('/') {
                let dir = dir_path(self.filename);
                if dir != "." {
                    filename = clean_path(&format!("{dir}/{filename}"));
                }
            }
        }
        self.bases.push(PosBase {
            offset: pos_off,
            phys_line,
            phys_col,
            filename,
            line: sat32(line),
            col: sat32(col),
            is_file_base: false,
        });
    }

    fn take_pragma(&mut self) -> Option<PragmaId> {
        let p = self.pragma.take()?;
        let id = PragmaId(self.pragmas.len() as u32);
        self.pragmas.push(p);
        Some(id)
    }

    fn clear_pragma(&mut self) {
        // gc reports misplaced directives from the noder; the parser only
        // drops them.
        self.pragma = None;
    }

    // ------------------------------------------------------------------
    // Node construction

    fn mk(&mut self, pos: u32, start: u32, kind: ExprKind) -> ExprId {
        let id = ExprId(self.exprs.len() as u32);
        let end = self.prev_end.max(start);
        self.exprs.push(Expr { pos, start, end, kind });
        id
    }

    fn mk_stmt(&mut self, pos: u32, kind: StmtKind) -> StmtId {
        let id = StmtId(self.stmts.len() as u32);
        self.stmts.push(Stmt { pos, kind });
        id
    }

    fn mk_field(&mut self, pos: u32, name: Option<ExprId>, typ: Option<ExprId>) -> FieldId {
        let id = FieldId(self.fields.len() as u32);
        self.fields.push(Field { pos, name, typ, tag: None });
        id
    }

    #[inline]
    fn e(&self, id: ExprId) -> &Expr {
        &self.exprs[id.0 as usize]
    }
    #[inline]
    fn start_of(&self, id: ExprId) -> u32 {
        self.exprs[id.0 as usize].start
    }

    fn finish<T: Id>(&mut self, mark: usize) -> List<T> {
        let start = self.lists.len() as u32;
        let items = self.scratch.get(mark..).unwrap_or(&[]);
        let len = items.len() as u32;
        if items.len() <= 4 {
            for &v in items {
                self.lists.push(v);
            }
        } else {
            self.lists.extend_from_slice(items);
        }
        self.scratch.truncate(mark);
        List::new(start, len)
    }

    fn bad_expr(&mut self) -> ExprId {
        let p = self.pos();
        self.mk(p, p, ExprKind::Bad)
    }

    fn new_name(&mut self, pos: u32, s: &[u8]) -> ExprId {
        let sym = self.syms.intern(s);
        self.push_name(pos, sym, s.len())
    }

    #[inline]
    fn push_name(&mut self, pos: u32, sym: Sym, len: usize) -> ExprId {
        let s = len;
        let id = ExprId(self.exprs.len() as u32);
        self.exprs.push(Expr { pos, start: pos, end: pos + s as u32, kind: ExprKind::Name(sym) });
        id
    }

    fn unparen(&self, mut x: ExprId) -> ExprId {
        while let ExprKind::Paren { x: inner } = self.e(x).kind {
            x = inner;
        }
        x
    }

    // ------------------------------------------------------------------
    // Source files

    fn file_or_nil(&mut self) -> (Option<PragmaId>, Option<ExprId>, List<DeclId>) {
        self.top = false;
        if !self.got(Token::Package) {
            self.syntax_error("package statement must be first");
            return (None, None, List::default());
        }
        let pragma = self.take_pragma();
        let pkg = self.name();
        self.want(Token::Semi);
        if !self.s.errors.is_empty() {
            return (pragma, Some(pkg), List::default());
        }
        let mark = self.scratch.len();
        let mut prev = Token::Import;
        while self.tok() != Token::Eof {
            if self.tok() == Token::Import && prev != Token::Import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev = self.tok();
            match self.tok() {
                Token::Import => {
                    self.next();
                    self.append_group(DeclKindTag::Import);
                }
                Token::Const => {
                    self.next();
                    self.append_group(DeclKindTag::Const);
                }
                Token::Type => {
                    self.next();
                    self.append_group(DeclKindTag::Type);
                }
                Token::Var => {
                    self.next();
                    self.append_group(DeclKindTag::Var);
                }
                Token::Func => {
                    self.next();
                    let d = self.func_decl();
                    self.scratch.push(d.0);
                }
                _ => {
                    let last_empty_func = self.scratch.len() > mark
                        && self.scratch.last().is_some_and(|&d| {
                            matches!(self.decls[d as usize].kind, DeclKind::Func { body: None, .. })
                        });
                    if self.tok() == Token::Lbrace && last_empty_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[Token::Import, Token::Const, Token::Type, Token::Var, Token::Func]);
                    continue;
                }
            }
            self.clear_pragma();
            if self.tok() != Token::Eof && !self.got(Token::Semi) {
                self.syntax_error("after top level declaration");
                self.advance(&[Token::Import, Token::Const, Token::Type, Token::Var, Token::Func]);
            }
        }
        self.clear_pragma();
        let decls = self.finish(mark);
        (pragma, Some(pkg), decls)
    }

    /// Generic list parser (gc's `list`); returns the position of `close`.
    fn list<F: FnMut(&mut Self) -> bool>(
        &mut self,
        context: &str,
        sep: Token,
        close: Token,
        mut f: F,
    ) -> u32 {
        let mut done = false;
        while self.tok() != Token::Eof && self.tok() != close && !done {
            done = f(self);
            if !self.got(sep) && self.tok() != close {
                self.syntax_error(&format!(
                    "in {context}; possibly missing {} or {}",
                    sep.tokstring(),
                    close.tokstring()
                ));
                self.advance(&[Token::Rparen, Token::Rbrack, Token::Rbrace]);
                if self.tok() != close {
                    return self.pos();
                }
            }
        }
        let pos = self.pos();
        self.want(close);
        pos
    }

    /// Parses one declaration or a parenthesized group, pushing decl ids
    /// onto the scratch stack.
    fn append_group(&mut self, kind: DeclKindTag) {
        if self.tok() == Token::Lparen {
            let g = self.ngroups;
            self.ngroups += 1;
            self.clear_pragma();
            self.next();
            let mut iota = 0u32;
            self.list("grouped declaration", Token::Semi, Token::Rparen, |p| {
                if let Some(d) = p.decl(kind, Some(g), iota) {
                    p.scratch.push(d.0);
                }
                iota += 1;
                false
            });
        } else if let Some(d) = self.decl(kind, None, 0) {
            self.scratch.push(d.0);
        }
    }

    fn decl(&mut self, kind: DeclKindTag, group: Option<u32>, iota: u32) -> Option<DeclId> {
        let pos = self.pos();
        let pragma = self.take_pragma();
        let k = match kind {
            DeclKindTag::Import => self.import_decl(),
            DeclKindTag::Const => self.const_decl(iota),
            DeclKindTag::Type => self.type_decl(),
            DeclKindTag::Var => self.var_decl(),
        };
        let id = DeclId(self.decls.len() as u32);
        self.decls.push(Decl { pos, group, pragma, kind: k });
        Some(id)
    }

    fn import_decl(&mut self) -> DeclKind {
        let mut local = None;
        match self.tok() {
            Token::Name => local = Some(self.name()),
            Token::Dot => {
                let p = self.pos();
                local = Some(self.new_name(p, b"."));
                self.next();
            }
            _ => {}
        }
        let path = self.oliteral();
        match path {
            None => {
                self.syntax_error("missing import path");
                self.advance(&[Token::Semi, Token::Rparen]);
            }
            Some(id) => {
                if let ExprKind::BasicLit { kind, bad } = self.e(id).kind
                    && !bad
                    && kind != LitKind::String
                {
                    let p = self.e(id).pos;
                    self.syntax_error_at(p, "import path must be a string");
                    if let ExprKind::BasicLit { bad, .. } = &mut self.exprs[id.0 as usize].kind {
                        *bad = true;
                    }
                }
            }
        }
        DeclKind::Import { local, path }
    }

    fn const_decl(&mut self, iota: u32) -> DeclKind {
        let first = self.name();
        let names = self.name_list(first);
        let mut typ = None;
        let mut values = None;
        if !matches!(self.tok(), Token::Eof | Token::Semi | Token::Rparen) {
            typ = self.type_or_nil();
            if self.got_assign() {
                values = Some(self.expr_list());
            }
        }
        DeclKind::Const { names, typ, values, iota }
    }

    fn type_decl(&mut self) -> DeclKind {
        let name = self.name();
        let mut tparams = List::default();
        let mut alias = false;
        let typ: Option<ExprId>;
        if self.tok() == Token::Lbrack {
            // array/slice type or type parameter list
            let pos = self.pos();
            self.next();
            match self.tok() {
                Token::Name => {
                    let mut x = self.name();
                    if self.tok() != Token::Lbrack {
                        self.xnest += 1;
                        let px = self.pexpr(Some(x), false);
                        x = self.binary_expr(Some(px), 0);
                        self.xnest -= 1;
                    }
                    let force = self.tok() == Token::Comma;
                    let (pname, ptype) = self.extract_name(x, force);
                    if let Some(pname) = pname.filter(|_| ptype.is_some() || self.tok() != Token::Rbrack) {
                        tparams = self.param_list(Some(pname), ptype, Token::Rbrack, true, false);
                        alias = self.got_assign();
                        typ = self.type_or_nil();
                    } else {
                        typ = Some(self.array_type(pos, Some(x)));
                    }
                }
                Token::Rbrack => {
                    self.next();
                    typ = Some(self.slice_type(pos));
                }
                _ => typ = Some(self.array_type(pos, None)),
            }
        } else {
            alias = self.got_assign();
            typ = self.type_or_nil();
        }
        let typ = match typ {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("in type declaration");
                self.advance(&[Token::Semi, Token::Rparen]);
                b
            }
        };
        DeclKind::Type { name, tparams, alias, typ }
    }

    /// gc's `extractName`: splits `x` into a type parameter name and
    /// constraint if `x` can be read that way.
    fn extract_name(&mut self, x: ExprId, force: bool) -> (Option<ExprId>, Option<ExprId>) {
        match self.e(x).kind {
            ExprKind::Name(_) => return (Some(x), None),
            ExprKind::Operation { op, x: ox, y: Some(oy) } => match op {
                Operator::Mul
                    if matches!(self.e(ox).kind, ExprKind::Name(_)) && (force || self.is_type_elem(oy)) =>
                {
                    // change op into unary *oy
                    let pos = self.e(x).pos;
                    let end = self.e(x).end;
                    let id = self.mk(pos, pos, ExprKind::Operation { op, x: oy, y: None });
                    self.exprs[id.0 as usize].end = end;
                    return (Some(ox), Some(id));
                }
                Operator::Or => {
                    let f = force || self.is_type_elem(oy);
                    let (name, lhs) = self.extract_name(ox, f);
                    if let (Some(name), Some(lhs)) = (name, lhs) {
                        let e = self.e(x).clone();
                        let start = self.start_of(lhs);
                        let id = self.mk(e.pos, start, ExprKind::Operation { op, x: lhs, y: Some(oy) });
                        self.exprs[id.0 as usize].end = e.end;
                        return (Some(name), Some(id));
                    }
                }
                _ => {}
            },
            ExprKind::Call { fun, args, has_dots }
                if matches!(self.e(fun).kind, ExprKind::Name(_)) && args.len == 1 && !has_dots =>
            {
                let arg = ExprId(self.lists[args.start as usize]);
                if force || self.is_type_elem(arg) {
                    let a = self.unparen(arg);
                    return (Some(fun), Some(a));
                }
            }
            _ => {}
        }
        (None, Some(x))
    }

    fn is_type_elem(&self, x: ExprId) -> bool {
        match &self.e(x).kind {
            ExprKind::ArrayType { .. }
            | ExprKind::StructType { .. }
            | ExprKind::FuncType { .. }
            | ExprKind::InterfaceType { .. }
            | ExprKind::SliceType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. } => true,
            ExprKind::Operation { op, x, y } => {
                self.is_type_elem(*x) || y.is_some_and(|y| self.is_type_elem(y)) || *op == Operator::Tilde
            }
            ExprKind::Paren { x } => self.is_type_elem(*x),
            _ => false,
        }
    }

    fn var_decl(&mut self) -> DeclKind {
        let first = self.name();
        let names = self.name_list(first);
        let mut typ = None;
        let mut values = None;
        if self.got_assign() {
            values = Some(self.expr_list());
        } else {
            typ = Some(self.type_());
            if self.got_assign() {
                values = Some(self.expr_list());
            }
        }
        DeclKind::Var { names, typ, values }
    }

    fn func_decl(&mut self) -> DeclId {
        let pos = self.pos();
        let pragma = self.take_pragma();
        let mut recv = None;
        let mut has_recv = false;
        if self.got(Token::Lparen) {
            has_recv = true;
            let rcvr = self.param_list(None, None, Token::Rparen, false, false);
            match rcvr.len {
                0 => self.error("method has no receiver"),
                1 => recv = Some(FieldId(self.lists[rcvr.start as usize])),
                _ => {
                    self.error("method has multiple receivers");
                    recv = Some(FieldId(self.lists[rcvr.start as usize]));
                }
            }
        }
        let name;
        let mut tparams = List::default();
        let typ;
        if self.tok() == Token::Name {
            name = self.name();
            let (tp, t) = self.func_type("");
            tparams = tp;
            typ = t;
        } else {
            let p = self.pos();
            name = self.new_name(p, b"_");
            typ = self.mk(p, p, ExprKind::FuncType { params: List::default(), results: List::default() });
            let msg = if has_recv { "expected name" } else { "expected name or (" };
            self.syntax_error(msg);
            self.advance(&[Token::Lbrace, Token::Semi]);
        }
        let mut body = None;
        if self.tok() == Token::Lbrace {
            body = Some(self.func_body());
        }
        let id = DeclId(self.decls.len() as u32);
        self.decls.push(Decl {
            pos,
            group: None,
            pragma,
            kind: DeclKind::Func { recv, name, tparams, typ, body },
        });
        id
    }

    fn func_body(&mut self) -> StmtId {
        self.fnest += 1;
        let body = self.block_stmt("");
        self.fnest -= 1;
        body
    }

    // ------------------------------------------------------------------
    // Expressions

    fn expr(&mut self) -> ExprId {
        self.binary_expr(None, 0)
    }

    fn binary_expr(&mut self, x: Option<ExprId>, prec: u8) -> ExprId {
        let x = match x {
            Some(x) => x,
            None => self.unary_expr(),
        };
        if (self.tok() == Token::Operator || self.tok() == Token::Star) && self.s.prec > prec {
            self.binary_ops(x, prec)
        } else {
            x
        }
    }

    /// The operator loop of `binary_expr` (out of line: most expressions
    /// have no binary operator).
    #[inline(never)]
    fn binary_ops(&mut self, mut x: ExprId, prec: u8) -> ExprId {
        while (self.tok() == Token::Operator || self.tok() == Token::Star) && self.s.prec > prec {
            let pos = self.pos();
            let op = self.s.op;
            let tprec = self.s.prec;
            self.next();
            let y = self.binary_expr(None, tprec);
            let start = self.start_of(x);
            x = self.mk(pos, start, ExprKind::Operation { op, x, y: Some(y) });
        }
        x
    }

    #[inline]
    fn unary_expr(&mut self) -> ExprId {
        if self.too_deep() {
            return self.bad_expr();
        }
        self.depth += 1;
        // Operands (names, literals, calls, ...) go straight to `pexpr`.
        let x = match self.tok() {
            Token::Operator | Token::Star | Token::Arrow => self.unary_expr_inner(),
            Token::Name => {
                // a plain name needs no `pexpr` frame
                let n = self.name();
                if POSTFIX & self.tok().bit() != 0 { self.pexpr(Some(n), true) } else { n }
            }
            _ => self.pexpr(None, true),
        };
        self.depth -= 1;
        x
    }

    fn unary_expr_inner(&mut self) -> ExprId {
        match self.tok() {
            Token::Operator | Token::Star => match self.s.op {
                Operator::Mul
                | Operator::Add
                | Operator::Sub
                | Operator::Not
                | Operator::Xor
                | Operator::Tilde => {
                    let pos = self.pos();
                    let op = self.s.op;
                    self.next();
                    let x = self.unary_expr();
                    return self.mk(pos, pos, ExprKind::Operation { op, x, y: None });
                }
                Operator::And => {
                    let pos = self.pos();
                    self.next();
                    let x = self.unary_expr();
                    let x = self.unparen(x);
                    return self.mk(pos, pos, ExprKind::Operation { op: Operator::And, x, y: None });
                }
                _ => {}
            },
            Token::Arrow => {
                let pos = self.pos();
                self.next();
                let x = self.unary_expr();
                if matches!(self.e(x).kind, ExprKind::ChanType { .. }) {
                    // <-chan T: fix up channel direction(s)
                    let mut dir = ChanDir::SendOnly;
                    let mut t = x;
                    while dir == ChanDir::SendOnly {
                        let ExprKind::ChanType { dir: d, elem } = self.e(t).kind else {
                            break;
                        };
                        dir = d;
                        if dir == ChanDir::RecvOnly {
                            self.syntax_error("unexpected <-, expected chan");
                        }
                        if let ExprKind::ChanType { dir: dd, .. } = &mut self.exprs[t.0 as usize].kind {
                            *dd = ChanDir::RecvOnly;
                        }
                        t = elem;
                    }
                    if dir == ChanDir::SendOnly {
                        let s = printer::expr_string(self, t);
                        self.syntax_error(&format!("unexpected {s}, expected chan"));
                    }
                    self.exprs[x.0 as usize].start = pos;
                    return x;
                }
                return self.mk(pos, pos, ExprKind::Operation { op: Operator::Recv, x, y: None });
            }
            _ => {}
        }
        self.pexpr(None, true)
    }

    fn call_stmt(&mut self) -> StmtId {
        let pos = self.pos();
        let tok = self.tok();
        self.next();
        let keep = self.tok() == Token::Lparen;
        let x = self.pexpr(None, keep);
        let t = self.unparen(x);
        let call = if t != x {
            let p = self.e(x).pos;
            self.error_at(p, format!("expression in {} must not be parenthesized", tok.as_str()));
            t
        } else {
            x
        };
        self.mk_stmt(pos, StmtKind::Call { tok, call })
    }

    fn operand(&mut self, keep_parens: bool) -> ExprId {
        match self.tok() {
            Token::Name => self.name(),
            Token::Literal => match self.oliteral() {
                Some(x) => x,
                None => self.bad_expr(),
            },
            Token::Lparen => {
                let pos = self.pos();
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(Token::Rparen);
                let keep = keep_parens || self.tok() == Token::Lbrace;
                if keep { self.mk(pos, pos, ExprKind::Paren { x }) } else { x }
            }
            Token::Func => {
                let pos = self.pos();
                self.next();
                let (_, ftyp) = self.func_type("function type");
                if self.tok() == Token::Lbrace {
                    self.xnest += 1;
                    let body = self.func_body();
                    self.xnest -= 1;
                    return self.mk(pos, pos, ExprKind::FuncLit { typ: ftyp, body });
                }
                // the func type's start is the `func` keyword
                self.exprs[ftyp.0 as usize].start = pos;
                ftyp
            }
            Token::Lbrack | Token::Chan | Token::Map | Token::Struct | Token::Interface => self.type_(),
            _ => {
                let x = self.bad_expr();
                self.syntax_error("expected expression");
                self.advance(&[Token::Rparen, Token::Rbrack, Token::Rbrace]);
                x
            }
        }
    }

    fn pexpr(&mut self, x: Option<ExprId>, keep_parens: bool) -> ExprId {
        let mut x = match x {
            Some(x) => x,
            None if self.tok() == Token::Name => self.name(),
            None => self.operand(keep_parens),
        };
        while POSTFIX & self.tok().bit() != 0 {
            let pos = self.pos();
            match self.tok() {
                Token::Dot => {
                    self.next();
                    match self.tok() {
                        Token::Name => {
                            let sel = self.name();
                            let start = self.start_of(x);
                            x = self.mk(pos, start, ExprKind::Selector { x, sel });
                        }
                        Token::Lparen => {
                            self.next();
                            if self.got(Token::Type) {
                                self.want(Token::Rparen);
                                let start = self.start_of(x);
                                x = self.mk(pos, start, ExprKind::TypeSwitchGuard { lhs: None, x });
                            } else {
                                let typ = self.type_();
                                self.want(Token::Rparen);
                                let start = self.start_of(x);
                                x = self.mk(pos, start, ExprKind::Assert { x, typ });
                            }
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[Token::Semi, Token::Rparen]);
                        }
                    }
                }
                Token::Lbrack => {
                    self.next();
                    let mut i = None;
                    if self.tok() != Token::Colon {
                        let mut comma = false;
                        let idx = if self.tok() == Token::Rbrack {
                            self.syntax_error("expected operand");
                            self.bad_expr()
                        } else {
                            let (ix, c) = self.type_list(false);
                            comma = c;
                            ix
                        };
                        if comma || self.tok() == Token::Rbrack {
                            self.want(Token::Rbrack);
                            let start = self.start_of(x);
                            x = self.mk(pos, start, ExprKind::Index { x, index: idx });
                            continue;
                        }
                        i = Some(idx);
                    }
                    // slice expression
                    if !self.got(Token::Colon) {
                        self.syntax_error("expected comma, : or ]");
                        self.advance(&[Token::Comma, Token::Colon, Token::Rbrack]);
                    }
                    self.xnest += 1;
                    let mut index = [i, None, None];
                    let mut full = false;
                    if self.tok() != Token::Colon && self.tok() != Token::Rbrack {
                        index[1] = Some(self.expr());
                    }
                    if self.tok() == Token::Colon {
                        full = true;
                        if index[1].is_none() {
                            self.error("middle index required in 3-index slice");
                            index[1] = Some(self.bad_expr());
                        }
                        self.next();
                        if self.tok() != Token::Rbrack {
                            index[2] = Some(self.expr());
                        } else {
                            self.error("final index required in 3-index slice");
                            index[2] = Some(self.bad_expr());
                        }
                    }
                    self.xnest -= 1;
                    self.want(Token::Rbrack);
                    let start = self.start_of(x);
                    x = self.mk(pos, start, ExprKind::Slice { x, index, full });
                }
                Token::Lparen => {
                    self.next();
                    let (args, has_dots) = self.arg_list();
                    let start = self.start_of(x);
                    x = self.mk(pos, start, ExprKind::Call { fun: x, args, has_dots });
                }
                Token::Lbrace => {
                    let t = self.unparen(x);
                    let complit_ok = match &self.e(t).kind {
                        ExprKind::Name(_) | ExprKind::Selector { .. } => self.xnest >= 0,
                        ExprKind::Index { .. } => self.xnest >= 0 && !self.is_value(t),
                        ExprKind::ArrayType { .. }
                        | ExprKind::SliceType { .. }
                        | ExprKind::StructType { .. }
                        | ExprKind::MapType { .. } => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if t != x {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.complit_expr(Some(x));
                }
                _ => break,
            }
        }
        x
    }

    fn is_value(&self, x: ExprId) -> bool {
        match &self.e(x).kind {
            ExprKind::BasicLit { .. }
            | ExprKind::CompositeLit { .. }
            | ExprKind::FuncLit { .. }
            | ExprKind::Slice { .. }
            | ExprKind::Assert { .. }
            | ExprKind::TypeSwitchGuard { .. }
            | ExprKind::Call { .. } => true,
            ExprKind::Operation { op, y, .. } => *op != Operator::Mul || y.is_some(),
            ExprKind::Paren { x } => self.is_value(*x),
            ExprKind::Index { x, index } => self.is_value(*x) || self.is_value(*index),
            _ => false,
        }
    }

    fn bare_complit_expr(&mut self) -> ExprId {
        if self.tok() == Token::Lbrace {
            return self.complit_expr(None);
        }
        self.expr()
    }

    fn complit_expr(&mut self, typ: Option<ExprId>) -> ExprId {
        if self.too_deep() {
            return self.bad_expr();
        }
        self.depth += 1;
        let x = self.complit_expr_inner(typ);
        self.depth -= 1;
        x
    }

    fn complit_expr_inner(&mut self, typ: Option<ExprId>) -> ExprId {
        let pos = self.pos();
        self.xnest += 1;
        self.want(Token::Lbrace);
        let mark = self.scratch.len();
        let mut nkeys = 0u32;
        let rbrace = self.list("composite literal", Token::Comma, Token::Rbrace, |p| {
            let mut e = p.bare_complit_expr();
            if p.tok() == Token::Colon {
                let kpos = p.pos();
                p.next();
                let v = p.bare_complit_expr();
                let start = p.start_of(e);
                e = p.mk(kpos, start, ExprKind::KeyValue { key: e, value: v });
                nkeys += 1;
            }
            p.scratch.push(e.0);
            false
        });
        self.xnest -= 1;
        let elems = self.finish(mark);
        let start = match typ {
            Some(t) => self.start_of(t),
            None => pos,
        };
        self.mk(pos, start, ExprKind::CompositeLit { typ, elems, nkeys, rbrace })
    }

    // ------------------------------------------------------------------
    // Types

    fn type_(&mut self) -> ExprId {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("expected type");
                self.advance(&[
                    Token::Comma,
                    Token::Colon,
                    Token::Semi,
                    Token::Rparen,
                    Token::Rbrack,
                    Token::Rbrace,
                ]);
                t
            }
        }
    }

    fn new_indirect(&mut self, pos: u32, typ: ExprId) -> ExprId {
        self.mk(pos, pos, ExprKind::Operation { op: Operator::Mul, x: typ, y: None })
    }

    fn type_or_nil(&mut self) -> Option<ExprId> {
        if self.too_deep() {
            return Some(self.bad_expr());
        }
        self.depth += 1;
        let t = self.type_or_nil_inner();
        self.depth -= 1;
        t
    }

    fn type_or_nil_inner(&mut self) -> Option<ExprId> {
        let pos = self.pos();
        Some(match self.tok() {
            Token::Star => {
                self.next();
                let t = self.type_();
                self.new_indirect(pos, t)
            }
            Token::Arrow => {
                self.next();
                self.want(Token::Chan);
                let elem = self.chan_elem();
                self.mk(pos, pos, ExprKind::ChanType { dir: ChanDir::RecvOnly, elem })
            }
            Token::Func => {
                self.next();
                let (_, t) = self.func_type("function type");
                self.exprs[t.0 as usize].start = pos;
                t
            }
            Token::Lbrack => {
                self.next();
                if self.got(Token::Rbrack) {
                    return Some(self.slice_type(pos));
                }
                self.array_type(pos, None)
            }
            Token::Chan => {
                self.next();
                let mut dir = ChanDir::Both;
                if self.got(Token::Arrow) {
                    dir = ChanDir::SendOnly;
                }
                let elem = self.chan_elem();
                self.mk(pos, pos, ExprKind::ChanType { dir, elem })
            }
            Token::Map => {
                self.next();
                self.want(Token::Lbrack);
                let key = self.type_();
                self.want(Token::Rbrack);
                let value = self.type_();
                self.mk(pos, pos, ExprKind::MapType { key, value })
            }
            Token::Struct => self.struct_type(),
            Token::Interface => self.interface_type(),
            Token::Name => self.qualified_name(None),
            Token::Lparen => {
                self.next();
                let t = self.type_();
                self.want(Token::Rparen);
                t
            }
            _ => return None,
        })
    }

    fn type_instance(&mut self, typ: ExprId) -> ExprId {
        let pos = self.pos();
        self.want(Token::Lbrack);
        let index = if self.tok() == Token::Rbrack {
            self.syntax_error("expected type argument list");
            self.bad_expr()
        } else {
            self.type_list(true).0
        };
        self.want(Token::Rbrack);
        let start = self.start_of(typ);
        self.mk(pos, start, ExprKind::Index { x: typ, index })
    }

    /// Parses `[TParams](Params) Results` after `func` / the name; the
    /// returned FuncType's pos is the current token.
    fn func_type(&mut self, context: &str) -> (List<FieldId>, ExprId) {
        let pos = self.pos();
        let mut tparams = List::default();
        if self.got(Token::Lbrack) {
            if !context.is_empty() {
                self.syntax_error_at(pos, &format!("{context} must have no type parameters"));
            }
            if self.tok() == Token::Rbrack {
                self.syntax_error("empty type parameter list");
                self.next();
            } else {
                tparams = self.param_list(None, None, Token::Rbrack, true, false);
            }
        }
        self.want(Token::Lparen);
        let params = self.param_list(None, None, Token::Rparen, false, true);
        let results = self.func_result();
        let t = self.mk(pos, pos, ExprKind::FuncType { params, results });
        (tparams, t)
    }

    fn array_type(&mut self, pos: u32, len: Option<ExprId>) -> ExprId {
        let mut len = len;
        if len.is_none() && !self.got(Token::DotDotDot) {
            self.xnest += 1;
            len = Some(self.expr());
            self.xnest -= 1;
        }
        if self.tok() == Token::Comma {
            // Trailing commas are accepted in type parameter lists but not in
            // array type declarations; report here for a better message.
            self.syntax_error("unexpected comma; expected ]");
            self.next();
        }
        self.want(Token::Rbrack);
        let elem = self.type_();
        self.mk(pos, pos, ExprKind::ArrayType { len, elem })
    }

    fn slice_type(&mut self, pos: u32) -> ExprId {
        let elem = self.type_();
        self.mk(pos, pos, ExprKind::SliceType { elem })
    }

    fn chan_elem(&mut self) -> ExprId {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("missing channel element type");
                t
            }
        }
    }

    fn struct_type(&mut self) -> ExprId {
        let pos = self.pos();
        self.want(Token::Struct);
        self.want(Token::Lbrace);
        let mark = self.scratch.len();
        self.list("struct type", Token::Semi, Token::Rbrace, |p| {
            p.field_decl();
            false
        });
        let fields = self.finish(mark);
        self.mk(pos, pos, ExprKind::StructType { fields })
    }

    fn interface_type(&mut self) -> ExprId {
        let pos = self.pos();
        self.want(Token::Interface);
        self.want(Token::Lbrace);
        let mark = self.scratch.len();
        self.list("interface type", Token::Semi, Token::Rbrace, |p| {
            let mut f = None;
            if p.tok() == Token::Name {
                f = Some(p.method_decl());
            }
            let f = match f {
                Some(f) if p.fields[f.0 as usize].name.is_some() => f,
                other => p.embedded_elem(other),
            };
            p.scratch.push(f.0);
            false
        });
        let methods = self.finish(mark);
        self.mk(pos, pos, ExprKind::InterfaceType { methods })
    }

    fn func_result(&mut self) -> List<FieldId> {
        if self.got(Token::Lparen) {
            return self.param_list(None, None, Token::Rparen, false, false);
        }
        let pos = self.pos();
        if let Some(typ) = self.type_or_nil() {
            let f = self.mk_field(pos, None, Some(typ));
            let mark = self.scratch.len();
            self.scratch.push(f.0);
            return self.finish(mark);
        }
        List::default()
    }

    fn add_field(&mut self, pos: u32, name: Option<ExprId>, typ: ExprId, tag: Option<ExprId>) {
        let f = self.mk_field(pos, name, Some(typ));
        self.fields[f.0 as usize].tag = tag;
        self.scratch.push(f.0);
    }

    fn field_decl(&mut self) {
        let pos = self.pos();
        match self.tok() {
            Token::Name => {
                let name = self.name();
                if matches!(self.tok(), Token::Dot | Token::Literal | Token::Semi | Token::Rbrace) {
                    // embedded type
                    let typ = self.qualified_name(Some(name));
                    let tag = self.oliteral();
                    self.add_field(pos, None, typ, tag);
                    return;
                }
                // name1, name2, ... Type [ tag ]
                let names_mark = self.scratch.len();
                self.scratch.push(name.0);
                while self.got(Token::Comma) {
                    let n = self.name();
                    self.scratch.push(n.0);
                }
                let nnames = self.scratch.len() - names_mark;
                let typ;
                if nnames == 1 && self.tok() == Token::Lbrack {
                    let t = self.array_or_targs();
                    if let ExprKind::Index { index, .. } = self.e(t).kind {
                        // embedded type instance
                        self.exprs[t.0 as usize].kind = ExprKind::Index { x: name, index };
                        self.exprs[t.0 as usize].start = self.start_of(name);
                        let tag = self.oliteral();
                        self.scratch.truncate(names_mark);
                        self.add_field(pos, None, t, tag);
                        return;
                    }
                    typ = t;
                } else {
                    typ = self.type_();
                }
                let tag = self.oliteral();
                // Replace the names on the scratch stack by their fields.
                for k in names_mark..self.scratch.len() {
                    let n = self.scratch[k];
                    let npos = self.exprs[n as usize].pos;
                    let f = self.mk_field(npos, Some(ExprId(n)), Some(typ));
                    self.fields[f.0 as usize].tag = tag;
                    self.scratch[k] = f.0;
                }
            }
            Token::Star => {
                self.next();
                let typ = if self.tok() == Token::Lparen {
                    self.syntax_error("cannot parenthesize embedded type");
                    self.next();
                    let t = self.qualified_name(None);
                    self.got(Token::Rparen);
                    t
                } else {
                    self.qualified_name(None)
                };
                let tag = self.oliteral();
                let t = self.new_indirect(pos, typ);
                self.add_field(pos, None, t, tag);
            }
            Token::Lparen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.next();
                let typ = if self.tok() == Token::Star {
                    let p = self.pos();
                    self.next();
                    let q = self.qualified_name(None);
                    self.new_indirect(p, q)
                } else {
                    self.qualified_name(None)
                };
                self.got(Token::Rparen);
                let tag = self.oliteral();
                self.add_field(pos, None, typ, tag);
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[Token::Semi, Token::Rbrace]);
            }
        }
    }

    /// `[` already current: array type `[N]E`, slice type, or type
    /// arguments (an `Index` with a placeholder `x` the caller patches).
    fn array_or_targs(&mut self) -> ExprId {
        let pos = self.pos();
        self.want(Token::Lbrack);
        if self.got(Token::Rbrack) {
            return self.slice_type(pos);
        }
        let (n, comma) = self.type_list(false);
        self.want(Token::Rbrack);
        if !comma && let Some(elem) = self.type_or_nil() {
            return self.mk(pos, pos, ExprKind::ArrayType { len: Some(n), elem });
        }
        self.mk(pos, pos, ExprKind::Index { x: n, index: n })
    }

    fn oliteral(&mut self) -> Option<ExprId> {
        if self.tok() == Token::Literal {
            let pos = self.pos();
            let kind = self.s.kind;
            let bad = self.s.bad;
            self.next();
            return Some(self.mk(pos, pos, ExprKind::BasicLit { kind, bad }));
        }
        None
    }

    fn method_decl(&mut self) -> FieldId {
        let pos = self.pos();
        let name = self.name();
        const CONTEXT: &str = "interface method";
        match self.tok() {
            Token::Lparen => {
                let (_, t) = self.func_type(CONTEXT);
                self.mk_field(pos, Some(name), Some(t))
            }
            Token::Lbrack => {
                let lpos = self.pos();
                self.next();
                if self.tok() == Token::Rbrack {
                    let p = self.pos();
                    self.next();
                    if self.tok() == Token::Lparen {
                        self.error_at(p, "empty type parameter list".into());
                        let (_, t) = self.func_type(CONTEXT);
                        return self.mk_field(pos, Some(name), Some(t));
                    }
                    self.error_at(p, "empty type argument list".into());
                    return self.mk_field(pos, None, Some(name));
                }
                let list = self.param_list(None, None, Token::Rbrack, false, false);
                if list.is_empty() {
                    if self.tok() == Token::Lparen {
                        let (_, t) = self.func_type(CONTEXT);
                        return self.mk_field(pos, Some(name), Some(t));
                    }
                    return self.mk_field(pos, None, Some(name));
                }
                let first = FieldId(self.lists[list.start as usize]);
                if self.fields[first.0 as usize].name.is_some() {
                    let (_, t) = self.func_type(CONTEXT);
                    self.error_at(lpos, "interface method must have no type parameters".into());
                    return self.mk_field(pos, Some(name), Some(t));
                }
                // embedded instantiated type
                let tys: Vec<ExprId> = (0..list.len)
                    .filter_map(|k| self.fields[self.lists[(list.start + k) as usize] as usize].typ)
                    .collect();
                let index = if tys.len() == 1 {
                    tys[0]
                } else {
                    let mark = self.scratch.len();
                    self.scratch.extend(tys.iter().map(|t| t.0));
                    let elems = self.finish(mark);
                    let fpos = self.fields[first.0 as usize].pos;
                    let start = tys.first().map(|&t| self.start_of(t)).unwrap_or(fpos);
                    self.mk(fpos, start, ExprKind::List { elems })
                };
                let start = self.start_of(name);
                let t = self.mk(lpos, start, ExprKind::Index { x: name, index });
                self.mk_field(pos, None, Some(t))
            }
            _ => {
                let t = self.qualified_name(Some(name));
                self.mk_field(pos, None, Some(t))
            }
        }
    }

    fn embedded_elem(&mut self, f: Option<FieldId>) -> FieldId {
        let f = match f {
            Some(f) => f,
            None => {
                let pos = self.pos();
                let t = self.embedded_term();
                self.mk_field(pos, None, Some(t))
            }
        };
        while self.is_op(Operator::Or) {
            let pos = self.pos();
            self.next();
            let y = self.embedded_term();
            let x = self.fields[f.0 as usize].typ;
            let x = match x {
                Some(x) => x,
                None => self.bad_expr(),
            };
            let start = self.start_of(x);
            let t = self.mk(pos, start, ExprKind::Operation { op: Operator::Or, x, y: Some(y) });
            self.fields[f.0 as usize].typ = Some(t);
        }
        f
    }

    fn embedded_term(&mut self) -> ExprId {
        if self.is_op(Operator::Tilde) {
            let pos = self.pos();
            self.next();
            let x = self.type_();
            return self.mk(pos, pos, ExprKind::Operation { op: Operator::Tilde, x, y: None });
        }
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("expected ~ term or type");
                self.advance(&[Token::Operator, Token::Semi, Token::Rparen, Token::Rbrack, Token::Rbrace]);
                t
            }
        }
    }

    fn param_decl_or_nil(&mut self, name: Option<ExprId>, follow: Token) -> Option<FieldId> {
        let type_sets_ok = follow == Token::Rbrack;
        let mut pos = self.pos();
        if let Some(n) = name {
            pos = self.e(n).pos;
        } else if type_sets_ok && self.is_op(Operator::Tilde) {
            return Some(self.embedded_elem(None));
        }
        let f = self.mk_field(pos, None, None);
        if self.tok() == Token::Name || name.is_some() {
            let n = match name {
                Some(n) => n,
                None => self.name(),
            };
            if self.tok() == Token::Lbrack {
                let t = self.array_or_targs();
                if let ExprKind::Index { index, .. } = self.e(t).kind {
                    self.exprs[t.0 as usize].kind = ExprKind::Index { x: n, index };
                    self.exprs[t.0 as usize].start = self.start_of(n);
                } else {
                    self.fields[f.0 as usize].name = Some(n);
                }
                self.fields[f.0 as usize].typ = Some(t);
                if type_sets_ok && self.is_op(Operator::Or) {
                    return Some(self.embedded_elem(Some(f)));
                }
                return Some(f);
            }
            if self.tok() == Token::Dot {
                let t = self.qualified_name(Some(n));
                self.fields[f.0 as usize].typ = Some(t);
                if type_sets_ok && self.is_op(Operator::Or) {
                    return Some(self.embedded_elem(Some(f)));
                }
                return Some(f);
            }
            if type_sets_ok && self.is_op(Operator::Or) {
                self.fields[f.0 as usize].typ = Some(n);
                return Some(self.embedded_elem(Some(f)));
            }
            self.fields[f.0 as usize].name = Some(n);
        }
        if self.tok() == Token::DotDotDot {
            let dpos = self.pos();
            self.next();
            match self.type_or_nil() {
                None => {
                    let b = self.bad_expr();
                    self.fields[f.0 as usize].typ = Some(b);
                    self.syntax_error("... is missing type");
                }
                Some(elem) => {
                    let t = self.mk(dpos, dpos, ExprKind::DotsType { elem });
                    self.fields[f.0 as usize].typ = Some(t);
                }
            }
            return Some(f);
        }
        if type_sets_ok && self.is_op(Operator::Tilde) {
            let e = self.embedded_elem(None);
            let t = self.fields[e.0 as usize].typ;
            self.fields[f.0 as usize].typ = t;
            return Some(f);
        }
        let t = self.type_or_nil();
        self.fields[f.0 as usize].typ = t;
        if type_sets_ok && self.is_op(Operator::Or) && t.is_some() {
            return Some(self.embedded_elem(Some(f)));
        }
        let fl = &self.fields[f.0 as usize];
        if fl.name.is_some() || fl.typ.is_some() {
            return Some(f);
        }
        self.syntax_error(&format!("expected {}", follow.tokstring()));
        self.advance(&[Token::Comma, follow]);
        None
    }

    /// gc's `paramList`: parameters, results, receivers or type parameters.
    fn param_list(
        &mut self,
        name: Option<ExprId>,
        typ: Option<ExprId>,
        close: Token,
        require_names: bool,
        dddok: bool,
    ) -> List<FieldId> {
        let mark = self.scratch.len();
        if let (Some(n), Some(t)) = (name, typ)
            && self.tok() == close
        {
            self.next();
            let npos = self.e(n).pos;
            let f = self.mk_field(npos, Some(n), Some(t));
            self.scratch.push(f.0);
            return self.finish(mark);
        }
        let mut name = name;
        let mut typ = typ;
        let mut named = 0usize;
        let mut typed = 0usize;
        let end = self.list("parameter list", Token::Comma, close, |p| {
            let par = match typ {
                Some(t) => {
                    let n = name.unwrap_or(t);
                    let npos = p.e(n).pos;
                    Some(p.mk_field(npos, name, Some(t)))
                }
                None => p.param_decl_or_nil(name, close),
            };
            name = None;
            typ = None;
            if let Some(par) = par {
                let f = &p.fields[par.0 as usize];
                if f.name.is_some() && f.typ.is_some() {
                    named += 1;
                }
                if f.typ.is_some() {
                    typed += 1;
                }
                p.scratch.push(par.0);
            }
            false
        });
        let n = self.scratch.len() - mark;
        if n == 0 {
            return self.finish(mark);
        }
        if named == 0 && !require_names {
            // all unnamed => found names are named types
            for k in mark..self.scratch.len() {
                let id = self.scratch[k];
                let f = &mut self.fields[id as usize];
                if let Some(t) = f.name.take() {
                    f.typ = Some(t);
                }
            }
        } else if named != n {
            // some named or we're in a type parameter list => all must be named
            let mut err_pos: Option<u32> = None;
            let mut cur: Option<ExprId> = None;
            for k in (mark..self.scratch.len()).rev() {
                let id = self.scratch[k];
                let f = self.fields[id as usize].clone();
                if let Some(t) = f.typ {
                    cur = Some(t);
                    if f.name.is_none() {
                        let ep = self.start_of(t);
                        err_pos = Some(ep);
                        let nm = self.new_name(ep, b"_");
                        self.fields[id as usize].name = Some(nm);
                    }
                } else if cur.is_some() {
                    self.fields[id as usize].typ = cur;
                } else {
                    let ep = f.name.map(|n| self.e(n).pos).unwrap_or(f.pos);
                    err_pos = Some(ep);
                    let b = self.mk(ep, ep, ExprKind::Bad);
                    self.fields[id as usize].typ = Some(b);
                }
            }
            if let Some(mut ep) = err_pos {
                let msg;
                if named == typed {
                    ep = end;
                    msg = if require_names { "missing type constraint" } else { "missing parameter type" }
                        .to_string();
                } else if require_names {
                    let mut m = "missing type parameter name".to_string();
                    if n == 1 {
                        m.push_str(" or invalid array length");
                    }
                    msg = m;
                } else {
                    msg = "missing parameter name".to_string();
                }
                self.syntax_error_at(ep, &msg);
            }
        }
        let mut first = true;
        for k in mark..self.scratch.len() {
            let (i, id) = (k - mark, self.scratch[k]);
            let Some(t) = self.fields[id as usize].typ else { continue };
            if let ExprKind::DotsType { elem } = self.e(t).kind
                && (!dddok || i + 1 < n)
            {
                if first {
                    first = false;
                    let tp = self.e(t).pos;
                    if dddok {
                        self.error_at(tp, "can only use ... with final parameter".into());
                    } else {
                        self.error_at(tp, "invalid use of ...".into());
                    }
                }
                self.fields[id as usize].typ = Some(elem);
            }
        }
        self.finish(mark)
    }

    // ------------------------------------------------------------------
    // Statements

    fn simple_stmt(&mut self, lhs: Option<ExprId>, keyword: Token) -> StmtId {
        if keyword == Token::For && self.tok() == Token::Range {
            return self.new_range_clause(None, false);
        }
        let lhs = match lhs {
            Some(l) => l,
            None => self.expr_list(),
        };
        let is_list = matches!(self.e(lhs).kind, ExprKind::List { .. });
        if !is_list && self.tok() != Token::Assign && self.tok() != Token::Define {
            let pos = self.pos();
            match self.tok() {
                Token::AssignOp => {
                    let op = self.s.op;
                    self.next();
                    let rhs = self.expr();
                    return self.mk_stmt(pos, StmtKind::Assign { op, lhs, rhs: Some(rhs) });
                }
                Token::IncOp => {
                    let op = self.s.op;
                    self.next();
                    return self.mk_stmt(pos, StmtKind::Assign { op, lhs, rhs: None });
                }
                Token::Arrow => {
                    self.next();
                    let value = self.expr();
                    return self.mk_stmt(pos, StmtKind::Send { chan: lhs, value });
                }
                _ => {
                    let p = self.e(lhs).pos;
                    return self.mk_stmt(p, StmtKind::Expr { x: lhs });
                }
            }
        }
        match self.tok() {
            Token::Assign | Token::Define => {
                let pos = self.pos();
                let op = if self.tok() == Token::Define { Operator::Def } else { Operator::None };
                self.next();
                if keyword == Token::For && self.tok() == Token::Range {
                    return self.new_range_clause(Some(lhs), op == Operator::Def);
                }
                let rhs = self.expr_list();
                if let ExprKind::TypeSwitchGuard { x, .. } = self.e(rhs).kind
                    && keyword == Token::Switch
                    && op == Operator::Def
                    && let ExprKind::Name(_) = self.e(lhs).kind
                {
                    self.exprs[rhs.0 as usize].kind = ExprKind::TypeSwitchGuard { lhs: Some(lhs), x };
                    self.exprs[rhs.0 as usize].start = self.start_of(lhs);
                    let p = self.e(rhs).pos;
                    return self.mk_stmt(p, StmtKind::Expr { x: rhs });
                }
                self.mk_stmt(pos, StmtKind::Assign { op, lhs, rhs: Some(rhs) })
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[Token::Semi, Token::Rbrace]);
                let mut lhs = lhs;
                if let ExprKind::List { elems } = self.e(lhs).kind
                    && !elems.is_empty()
                {
                    lhs = ExprId(self.lists[elems.start as usize]);
                }
                let p = self.e(lhs).pos;
                self.mk_stmt(p, StmtKind::Expr { x: lhs })
            }
        }
    }

    fn new_range_clause(&mut self, lhs: Option<ExprId>, def: bool) -> StmtId {
        let pos = self.pos();
        self.next();
        let x = self.expr();
        self.mk_stmt(pos, StmtKind::Range { lhs, def, x })
    }

    fn labeled_stmt_or_nil(&mut self, label: ExprId) -> Option<StmtId> {
        let pos = self.pos();
        self.want(Token::Colon);
        if self.tok() == Token::Rbrace {
            let p = self.pos();
            let e = self.mk_stmt(p, StmtKind::Empty);
            return Some(self.mk_stmt(pos, StmtKind::Labeled { label, stmt: e }));
        }
        match self.stmt_or_nil() {
            Some(s) => Some(self.mk_stmt(pos, StmtKind::Labeled { label, stmt: s })),
            None => {
                self.syntax_error_at(pos, "missing statement after label");
                None
            }
        }
    }

    fn block_stmt(&mut self, context: &str) -> StmtId {
        let pos = self.pos();
        if !self.got(Token::Lbrace) {
            self.syntax_error(&format!("expected {{ after {context}"));
            self.advance(&[Token::Name, Token::Rbrace]);
            let rbrace = self.pos();
            if self.got(Token::Rbrace) {
                return self.mk_stmt(pos, StmtKind::Block { list: List::default(), rbrace });
            }
        }
        let list = self.stmt_list();
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        self.mk_stmt(pos, StmtKind::Block { list, rbrace })
    }

    fn decl_stmt(&mut self, kind: DeclKindTag) -> StmtId {
        let pos = self.pos();
        self.next();
        let mark = self.scratch.len();
        self.append_group(kind);
        let decls = self.finish(mark);
        self.mk_stmt(pos, StmtKind::Decl { decls })
    }

    fn for_stmt(&mut self) -> StmtId {
        let pos = self.pos();
        let (init, cond, post) = self.header(Token::For);
        let body = self.block_stmt("for clause");
        self.mk_stmt(pos, StmtKind::For { init, cond, post, body })
    }

    fn header(&mut self, keyword: Token) -> (Option<StmtId>, Option<ExprId>, Option<StmtId>) {
        self.want(keyword);
        let mut init = None;
        let mut cond = None;
        let mut post = None;
        if self.tok() == Token::Lbrace {
            if keyword == Token::If {
                self.syntax_error("missing condition in if statement");
                cond = Some(self.bad_expr());
            }
            return (init, cond, post);
        }
        let outer = self.xnest;
        self.xnest = -1;
        if self.tok() != Token::Semi {
            if self.got(Token::Var) {
                self.syntax_error(&format!(
                    "var declaration not allowed in {} initializer",
                    keyword.as_str()
                ));
            }
            let s = self.simple_stmt(None, keyword);
            init = Some(s);
            if matches!(self.stmts[s.0 as usize].kind, StmtKind::Range { .. }) {
                self.xnest = outer;
                return (init, cond, post);
            }
        }
        let mut cond_stmt: Option<StmtId> = None;
        let mut semi: Option<(u32, SemiLit)> = None;
        if self.tok() != Token::Lbrace {
            if self.tok() == Token::Semi {
                semi = Some((self.pos(), self.s.semi));
                self.next();
            } else {
                self.want(Token::Lbrace);
                if self.tok() != Token::Lbrace {
                    self.advance(&[Token::Lbrace, Token::Rbrace]);
                }
            }
            if keyword == Token::For {
                let mut done = false;
                if self.tok() != Token::Semi {
                    if self.tok() == Token::Lbrace {
                        self.syntax_error("expected for loop condition");
                        done = true;
                    } else {
                        cond_stmt = Some(self.simple_stmt(None, Token::Eof));
                    }
                }
                if !done {
                    self.want(Token::Semi);
                    if self.tok() != Token::Lbrace {
                        let p = self.simple_stmt(None, Token::Eof);
                        post = Some(p);
                        if let StmtKind::Assign { op: Operator::Def, .. } = self.stmts[p.0 as usize].kind {
                            let pp = self.stmts[p.0 as usize].pos;
                            self.syntax_error_at(pp, "cannot declare in post statement of for loop");
                        }
                    }
                }
            } else if self.tok() != Token::Lbrace {
                cond_stmt = Some(self.simple_stmt(None, keyword));
            }
        } else {
            cond_stmt = init.take();
        }
        match cond_stmt {
            None => {
                if let (Token::If, Some((spos, lit))) = (keyword, semi) {
                    if lit != SemiLit::Semicolon {
                        self.syntax_error_at(
                            spos,
                            &format!("unexpected {}, expected {{ after if clause", lit.as_str()),
                        );
                    } else {
                        self.syntax_error_at(spos, "missing condition in if statement");
                    }
                    cond = Some(self.mk(spos, spos, ExprKind::Bad));
                }
            }
            Some(s) => match self.stmts[s.0 as usize].kind {
                StmtKind::Expr { x } => cond = Some(x),
                _ => {
                    let str = match self.stmts[s.0 as usize].kind {
                        StmtKind::Assign { op: Operator::None, lhs, rhs: Some(rhs) } => format!(
                            "assignment {} = {}",
                            printer::emphasize(self, lhs),
                            printer::emphasize(self, rhs)
                        ),
                        _ => printer::stmt_string(self, s),
                    };
                    let sp = self.stmts[s.0 as usize].pos;
                    self.syntax_error_at(sp, &format!("cannot use {str} as value"));
                }
            },
        }
        self.xnest = outer;
        (init, cond, post)
    }

    fn if_stmt(&mut self) -> StmtId {
        let pos = self.pos();
        let (init, cond, _) = self.header(Token::If);
        let then = self.block_stmt("if clause");
        let mut els = None;
        if self.got(Token::Else) {
            match self.tok() {
                Token::If => els = Some(self.if_stmt()),
                Token::Lbrace => els = Some(self.block_stmt("")),
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[Token::Name, Token::Rbrace]);
                }
            }
        }
        self.mk_stmt(pos, StmtKind::If { init, cond, then, els })
    }

    fn switch_stmt(&mut self) -> StmtId {
        let pos = self.pos();
        let (init, tag, _) = self.header(Token::Switch);
        if !self.got(Token::Lbrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[Token::Case, Token::Default, Token::Rbrace]);
        }
        let mark = self.scratch.len();
        while self.tok() != Token::Eof && self.tok() != Token::Rbrace {
            let c = self.case_clause();
            self.scratch.push(c.0);
        }
        let body = self.finish(mark);
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        self.mk_stmt(pos, StmtKind::Switch { init, tag, body, rbrace })
    }

    fn select_stmt(&mut self) -> StmtId {
        let pos = self.pos();
        self.want(Token::Select);
        if !self.got(Token::Lbrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[Token::Case, Token::Default, Token::Rbrace]);
        }
        let mark = self.scratch.len();
        while self.tok() != Token::Eof && self.tok() != Token::Rbrace {
            let c = self.comm_clause();
            self.scratch.push(c.0);
        }
        let body = self.finish(mark);
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        self.mk_stmt(pos, StmtKind::Select { body, rbrace })
    }

    fn case_clause(&mut self) -> StmtId {
        let pos = self.pos();
        let mut cases = None;
        match self.tok() {
            Token::Case => {
                self.next();
                cases = Some(self.expr_list());
            }
            Token::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Token::Colon, Token::Case, Token::Default, Token::Rbrace]);
            }
        }
        let colon = self.pos();
        self.want(Token::Colon);
        let body = self.stmt_list();
        self.mk_stmt(pos, StmtKind::CaseClause { cases, body, colon })
    }

    fn comm_clause(&mut self) -> StmtId {
        let pos = self.pos();
        let mut comm = None;
        match self.tok() {
            Token::Case => {
                self.next();
                comm = Some(self.simple_stmt(None, Token::Eof));
            }
            Token::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Token::Colon, Token::Case, Token::Default, Token::Rbrace]);
            }
        }
        let colon = self.pos();
        self.want(Token::Colon);
        let body = self.stmt_list();
        self.mk_stmt(pos, StmtKind::CommClause { comm, body, colon })
    }

    fn stmt_or_nil(&mut self) -> Option<StmtId> {
        if self.too_deep() {
            return None;
        }
        self.depth += 1;
        let s = self.stmt_or_nil_inner();
        self.depth -= 1;
        s
    }

    fn stmt_or_nil_inner(&mut self) -> Option<StmtId> {
        if self.tok() == Token::Name {
            self.clear_pragma();
            let lhs = self.expr_list();
            if matches!(self.e(lhs).kind, ExprKind::Name(_)) && self.tok() == Token::Colon {
                return self.labeled_stmt_or_nil(lhs);
            }
            return Some(self.simple_stmt(Some(lhs), Token::Eof));
        }
        match self.tok() {
            Token::Var => return Some(self.decl_stmt(DeclKindTag::Var)),
            Token::Const => return Some(self.decl_stmt(DeclKindTag::Const)),
            Token::Type => return Some(self.decl_stmt(DeclKindTag::Type)),
            _ => {}
        }
        self.clear_pragma();
        let pos = self.pos();
        match self.tok() {
            Token::Lbrace => Some(self.block_stmt("")),
            Token::Operator | Token::Star => match self.s.op {
                Operator::Add
                | Operator::Sub
                | Operator::Mul
                | Operator::And
                | Operator::Xor
                | Operator::Not => Some(self.simple_stmt(None, Token::Eof)),
                _ => None,
            },
            Token::Literal
            | Token::Func
            | Token::Lparen
            | Token::Lbrack
            | Token::Struct
            | Token::Map
            | Token::Chan
            | Token::Interface
            | Token::Arrow => Some(self.simple_stmt(None, Token::Eof)),
            Token::For => Some(self.for_stmt()),
            Token::Switch => Some(self.switch_stmt()),
            Token::Select => Some(self.select_stmt()),
            Token::If => Some(self.if_stmt()),
            Token::Fallthrough => {
                self.next();
                Some(self.mk_stmt(pos, StmtKind::Branch { tok: Token::Fallthrough, label: None }))
            }
            Token::Break | Token::Continue => {
                let tok = self.tok();
                self.next();
                let label = if self.tok() == Token::Name { Some(self.name()) } else { None };
                Some(self.mk_stmt(pos, StmtKind::Branch { tok, label }))
            }
            Token::Go | Token::Defer => Some(self.call_stmt()),
            Token::Goto => {
                self.next();
                let label = Some(self.name());
                Some(self.mk_stmt(pos, StmtKind::Branch { tok: Token::Goto, label }))
            }
            Token::Return => {
                self.next();
                let mut results = None;
                if self.tok() != Token::Semi && self.tok() != Token::Rbrace {
                    results = Some(self.expr_list());
                }
                Some(self.mk_stmt(pos, StmtKind::Return { results }))
            }
            Token::Semi => Some(self.mk_stmt(pos, StmtKind::Empty)),
            _ => None,
        }
    }

    fn stmt_list(&mut self) -> List<StmtId> {
        let mark = self.scratch.len();
        while !matches!(self.tok(), Token::Eof | Token::Rbrace | Token::Case | Token::Default) {
            let s = self.stmt_or_nil();
            self.clear_pragma();
            let Some(s) = s else { break };
            self.scratch.push(s.0);
            if !self.got(Token::Semi) && self.tok() != Token::Rbrace {
                self.syntax_error("at end of statement");
                self.advance(&[Token::Semi, Token::Rbrace, Token::Case, Token::Default]);
                self.got(Token::Semi);
            }
        }
        self.finish(mark)
    }

    fn arg_list(&mut self) -> (List<ExprId>, bool) {
        self.xnest += 1;
        let mark = self.scratch.len();
        let mut has_dots = false;
        self.list("argument list", Token::Comma, Token::Rparen, |p| {
            let e = p.expr();
            p.scratch.push(e.0);
            has_dots = p.got(Token::DotDotDot);
            has_dots
        });
        self.xnest -= 1;
        (self.finish(mark), has_dots)
    }

    // ------------------------------------------------------------------
    // Common productions

    /// A name. The common case (a name seen before, room in the arena)
    /// makes no call but `next`, so it needs almost no saved registers.
    #[inline]
    fn name(&mut self) -> ExprId {
        if self.tok() == Token::Name && self.exprs.len() < self.exprs.capacity() {
            let (st, en) = (self.s.start, self.s.end);
            if let Some(sym) = self.syms.lookup_word(en.wrapping_sub(st) as usize, self.s.word) {
                let id = ExprId(self.exprs.len() as u32);
                self.exprs.push(Expr { pos: st, start: st, end: en, kind: ExprKind::Name(sym) });
                self.next();
                return id;
            }
        }
        self.name_slow()
    }

    /// `name` for new names, a full arena, and errors.
    #[inline(never)]
    fn name_slow(&mut self) -> ExprId {
        let pos = self.pos();
        if self.tok() == Token::Name {
            let (st, en) = (self.s.start as usize, self.s.end as usize);
            let sym = self.syms.intern_at(self.s.src, st, en);
            let n = self.push_name(pos, sym, en.saturating_sub(st));
            self.next();
            return n;
        }
        let n = self.new_name(pos, b"_");
        self.exprs[n.0 as usize].end = pos;
        self.syntax_error("expected name");
        self.advance(&[]);
        n
    }

    fn name_list(&mut self, first: ExprId) -> List<ExprId> {
        let mark = self.scratch.len();
        self.scratch.push(first.0);
        while self.got(Token::Comma) {
            let n = self.name();
            self.scratch.push(n.0);
        }
        self.finish(mark)
    }

    fn qualified_name(&mut self, name: Option<ExprId>) -> ExprId {
        let mut x = match name {
            Some(n) => n,
            None if self.tok() == Token::Name => self.name(),
            None => {
                let p = self.pos();
                let n = self.new_name(p, b"_");
                self.exprs[n.0 as usize].end = p;
                self.syntax_error("expected name");
                self.advance(&[Token::Dot, Token::Semi, Token::Rbrace]);
                n
            }
        };
        if self.tok() == Token::Dot {
            let pos = self.pos();
            self.next();
            let sel = self.name();
            let start = self.start_of(x);
            x = self.mk(pos, start, ExprKind::Selector { x, sel });
        }
        if self.tok() == Token::Lbrack {
            x = self.type_instance(x);
        }
        x
    }

    fn expr_list(&mut self) -> ExprId {
        let x = self.expr();
        if self.tok() == Token::Comma { self.expr_list_rest(x) } else { x }
    }

    /// `expr_list` after its first expression `x`, at a comma.
    #[inline(never)]
    fn expr_list_rest(&mut self, x: ExprId) -> ExprId {
        if self.got(Token::Comma) {
            let mark = self.scratch.len();
            self.scratch.push(x.0);
            let y = self.expr();
            self.scratch.push(y.0);
            while self.got(Token::Comma) {
                let z = self.expr();
                self.scratch.push(z.0);
            }
            let elems = self.finish(mark);
            let (pos, start) = (self.e(x).pos, self.start_of(x));
            return self.mk(pos, start, ExprKind::List { elems });
        }
        x
    }

    fn type_list(&mut self, strict: bool) -> (ExprId, bool) {
        self.xnest += 1;
        let mut x = if strict { self.type_() } else { self.expr() };
        let mut comma = false;
        if self.got(Token::Comma) {
            comma = true;
            if let Some(t) = self.type_or_nil() {
                let mark = self.scratch.len();
                self.scratch.push(x.0);
                self.scratch.push(t.0);
                while self.got(Token::Comma) {
                    match self.type_or_nil() {
                        Some(t) => self.scratch.push(t.0),
                        None => break,
                    }
                }
                let elems = self.finish(mark);
                let (pos, start) = (self.e(x).pos, self.start_of(x));
                x = self.mk(pos, start, ExprKind::List { elems });
            }
        }
        self.xnest -= 1;
        (x, comma)
    }

    // accessors for the printer
    pub(crate) fn expr_ref(&self, id: ExprId) -> &Expr {
        self.e(id)
    }
    pub(crate) fn list_ids(&self, start: u32, len: u32) -> &[u32] {
        self.lists.get(start as usize..(start + len) as usize).unwrap_or(&[])
    }
    pub(crate) fn field_ref(&self, id: FieldId) -> &Field {
        &self.fields[id.0 as usize]
    }
    pub(crate) fn stmt_ref(&self, id: StmtId) -> &Stmt {
        &self.stmts[id.0 as usize]
    }
    pub(crate) fn sym_name(&self, s: Sym) -> std::borrow::Cow<'_, str> {
        self.syms.name_lossy(s)
    }
    pub(crate) fn source(&self) -> &[u8] {
        self.s.src
    }
}
