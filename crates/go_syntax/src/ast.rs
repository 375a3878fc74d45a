//! The syntax tree, modelled on gc's `syntax/nodes.go`. Nodes live in
//! per-file arenas (`Vec`s inside [`File`]) and refer to each other by `u32`
//! ids; lists of ids are slices of one shared pool ([`List`]). Every node
//! carries `pos`, the byte offset of the token gc reports it at (gc's
//! `node.pos`); expressions additionally carry their full `start..end` span.

use std::marker::PhantomData;

use crate::pos::SourceMap;
use crate::scanner::Comment;
use crate::token::{LitKind, Operator, Token};

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl Id for $name {
            fn from_u32(v: u32) -> Self { $name(v) }
            fn to_u32(self) -> u32 { self.0 }
        }
    };
}

/// Conversion between typed ids and the raw `u32` stored in list pools.
pub trait Id: Copy {
    fn from_u32(v: u32) -> Self;
    fn to_u32(self) -> u32;
}

id_type!(
    /// Index into [`File::exprs`].
    ExprId
);
id_type!(
    /// Index into [`File::stmts`].
    StmtId
);
id_type!(
    /// Index into [`File::fields`].
    FieldId
);
id_type!(
    /// Index into [`File::decls`].
    DeclId
);
id_type!(
    /// Interned identifier (index into [`Symbols`]).
    Sym
);
id_type!(
    /// Index into [`File::pragmas`].
    PragmaId
);

/// A list of ids: a slice `start..start+len` of [`File::lists`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct List<T> {
    pub start: u32,
    pub len: u32,
    _p: PhantomData<T>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List { start: 0, len: 0, _p: PhantomData }
    }
}

impl<T> List<T> {
    pub(crate) fn new(start: u32, len: u32) -> Self {
        List { start, len, _p: PhantomData }
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn len(&self) -> usize {
        self.len as usize
    }
}

/// Channel direction (gc's `ChanDir`; 0 means bidirectional).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ChanDir {
    Both,
    SendOnly,
    RecvOnly,
}

/// An expression node (gc's `Expr` implementations).
#[derive(Clone, Debug)]
pub struct Expr {
    /// gc's position of the node (byte offset).
    pub pos: u32,
    /// Offset of the first byte of the expression (gc's `StartPos`).
    pub start: u32,
    /// Offset just past the last byte of the expression.
    pub end: u32,
    pub kind: ExprKind,
}

/// Expression and type node kinds.
#[derive(Clone, Copy, Debug)]
pub enum ExprKind {
    /// Placeholder for a syntactically invalid expression.
    Bad,
    /// An identifier.
    Name(Sym),
    /// A literal; its text is `src[start..end]`. `bad` is set if the scanner
    /// reported an error for it.
    BasicLit { kind: LitKind, bad: bool },
    /// `Type { ElemList[0], ElemList[1], ... }`; `pos` is the `{`.
    CompositeLit { typ: Option<ExprId>, elems: List<ExprId>, nkeys: u32, rbrace: u32 },
    /// `Key: Value`; `pos` is the `:`.
    KeyValue { key: ExprId, value: ExprId },
    /// `func Type { Body }`; `pos` is `func`.
    FuncLit { typ: ExprId, body: StmtId },
    /// `(X)`
    Paren { x: ExprId },
    /// `X.Sel`; `pos` is the `.`.
    Selector { x: ExprId, sel: ExprId },
    /// `X[Index]` (Index may be a `List` for several type arguments); `pos` is `[`.
    Index { x: ExprId, index: ExprId },
    /// `X[Index[0] : Index[1] : Index[2]]`; `pos` is `[`.
    Slice { x: ExprId, index: [Option<ExprId>; 3], full: bool },
    /// `X.(Type)`; `pos` is the `.`.
    Assert { x: ExprId, typ: ExprId },
    /// `[Lhs :=] X.(type)`; `pos` is the `.`.
    TypeSwitchGuard { lhs: Option<ExprId>, x: ExprId },
    /// Unary (`y == None`) or binary operation; `pos` is the operator.
    Operation { op: Operator, x: ExprId, y: Option<ExprId> },
    /// `Fun(ArgList[0], ...)` with `HasDots` for a trailing `...`; `pos` is `(`.
    Call { fun: ExprId, args: List<ExprId>, has_dots: bool },
    /// `ElemList[0], ElemList[1], ...`
    List { elems: List<ExprId> },
    /// `[Len]Elem`; `len == None` means `[...]Elem`.
    ArrayType { len: Option<ExprId>, elem: ExprId },
    /// `[]Elem`
    SliceType { elem: ExprId },
    /// `...Elem`
    DotsType { elem: ExprId },
    /// `struct { FieldList }` (each field carries its own tag).
    StructType { fields: List<FieldId> },
    /// `func(ParamList) ResultList`
    FuncType { params: List<FieldId>, results: List<FieldId> },
    /// `interface { MethodList }` (methods and embedded elements).
    InterfaceType { methods: List<FieldId> },
    /// `map[Key]Value`
    MapType { key: ExprId, value: ExprId },
    /// `chan Elem`, `chan<- Elem`, `<-chan Elem`
    ChanType { dir: ChanDir, elem: ExprId },
}

/// A field, parameter, result, type parameter, method or embedded element
/// (gc's `Field`); `name == None` for anonymous ones.
#[derive(Clone, Debug)]
pub struct Field {
    pub pos: u32,
    pub name: Option<ExprId>,
    pub typ: Option<ExprId>,
    /// Struct field tag (gc keeps these in `StructType.TagList`).
    pub tag: Option<ExprId>,
}

/// A statement node (gc's `Stmt` implementations).
#[derive(Clone, Debug)]
pub struct Stmt {
    pub pos: u32,
    pub kind: StmtKind,
}

/// Statement kinds.
#[derive(Clone, Copy, Debug)]
pub enum StmtKind {
    Empty,
    Labeled {
        label: ExprId,
        stmt: StmtId,
    },
    Block {
        list: List<StmtId>,
        rbrace: u32,
    },
    Expr {
        x: ExprId,
    },
    /// `Chan <- Value`; `pos` is the `<-`.
    Send {
        chan: ExprId,
        value: ExprId,
    },
    Decl {
        decls: List<DeclId>,
    },
    /// `Lhs Op= Rhs`; `op == None` for `=`, `Def` for `:=`; `rhs == None`
    /// means `Lhs++` / `Lhs--` (op `Add`/`Sub`). `pos` is the operator.
    Assign {
        op: Operator,
        lhs: ExprId,
        rhs: Option<ExprId>,
    },
    /// `break`, `continue`, `fallthrough`, `goto` with optional label.
    Branch {
        tok: Token,
        label: Option<ExprId>,
    },
    /// `go` / `defer` call.
    Call {
        tok: Token,
        call: ExprId,
    },
    Return {
        results: Option<ExprId>,
    },
    If {
        init: Option<StmtId>,
        cond: Option<ExprId>,
        then: StmtId,
        els: Option<StmtId>,
    },
    /// `init` may be a `Range` clause (then cond/post are `None`).
    For {
        init: Option<StmtId>,
        cond: Option<ExprId>,
        post: Option<StmtId>,
        body: StmtId,
    },
    Switch {
        init: Option<StmtId>,
        tag: Option<ExprId>,
        body: List<StmtId>,
        rbrace: u32,
    },
    Select {
        body: List<StmtId>,
        rbrace: u32,
    },
    /// gc's `RangeClause`: `[Lhs = | Lhs :=] range X`; `pos` is `range`.
    Range {
        lhs: Option<ExprId>,
        def: bool,
        x: ExprId,
    },
    /// `case Cases:` / `default:` in a switch (`cases == None` for default).
    CaseClause {
        cases: Option<ExprId>,
        body: List<StmtId>,
        colon: u32,
    },
    /// `case Comm:` / `default:` in a select.
    CommClause {
        comm: Option<StmtId>,
        body: List<StmtId>,
        colon: u32,
    },
}

/// A declaration (gc's `Decl` implementations).
#[derive(Clone, Debug)]
pub struct Decl {
    pub pos: u32,
    /// Declarations from the same parenthesized group share a group id.
    pub group: Option<u32>,
    pub pragma: Option<PragmaId>,
    pub kind: DeclKind,
}

/// Declaration kinds.
#[derive(Clone, Copy, Debug)]
pub enum DeclKind {
    Import {
        local: Option<ExprId>,
        path: Option<ExprId>,
    },
    /// `iota` is the index of this spec within its group (0 outside groups).
    Const {
        names: List<ExprId>,
        typ: Option<ExprId>,
        values: Option<ExprId>,
        iota: u32,
    },
    Type {
        name: ExprId,
        tparams: List<FieldId>,
        alias: bool,
        typ: ExprId,
    },
    Var {
        names: List<ExprId>,
        typ: Option<ExprId>,
        values: Option<ExprId>,
    },
    /// `pos` is the first token after `func` (the receiver's `(` or the name).
    Func {
        recv: Option<FieldId>,
        name: ExprId,
        tparams: List<FieldId>,
        typ: ExprId,
        body: Option<StmtId>,
    },
}

/// Known `//go:` directive flags (gc's `ir.PragmaFlag`).
pub mod pragma_flags {
    pub const NOINTERFACE: u32 = 1 << 0;
    pub const NOESCAPE: u32 = 1 << 1;
    pub const NORACE: u32 = 1 << 2;
    pub const NOSPLIT: u32 = 1 << 3;
    pub const NOINLINE: u32 = 1 << 4;
    pub const NOCHECKPTR: u32 = 1 << 5;
    pub const CGO_UNSAFE_ARGS: u32 = 1 << 6;
    pub const UINTPTR_KEEPALIVE: u32 = 1 << 7;
    pub const UINTPTR_ESCAPES: u32 = 1 << 8;
    pub const NOT_IN_HEAP: u32 = 1 << 9;
    pub const SYSTEMSTACK: u32 = 1 << 10;
    pub const NOWRITEBARRIER: u32 = 1 << 11;
    pub const NOWRITEBARRIERREC: u32 = 1 << 12;
    pub const YESWRITEBARRIERREC: u32 = 1 << 13;
    pub const REGISTERPARAMS: u32 = 1 << 14;
    pub const NOCOVER: u32 = 1 << 15;
    pub const FIX: u32 = 1 << 16;

    /// Flag for a directive name (without `go:`), 0 if not a flag directive.
    pub fn for_name(name: &str) -> u32 {
        match name {
            "nointerface" => NOINTERFACE,
            "noescape" => NOESCAPE,
            "norace" => NORACE,
            "nosplit" => NOSPLIT,
            "noinline" => NOINLINE,
            "nocheckptr" => NOCHECKPTR,
            "cgo_unsafe_args" => CGO_UNSAFE_ARGS,
            "uintptrkeepalive" => UINTPTR_KEEPALIVE,
            "uintptrescapes" => UINTPTR_ESCAPES,
            "notinheap" => NOT_IN_HEAP,
            "systemstack" => SYSTEMSTACK,
            "nowritebarrier" => NOWRITEBARRIER,
            "nowritebarrierrec" => NOWRITEBARRIERREC,
            "yeswritebarrierrec" => YESWRITEBARRIERREC,
            "registerparams" => REGISTERPARAMS,
            "nocoverageredesign" => NOCOVER,
            "fix" => FIX,
            _ => 0,
        }
    }
}

/// One `//go:` directive comment.
#[derive(Clone, Debug)]
pub struct Directive {
    /// Offset of the `//`.
    pub pos: u32,
    /// Comment text without the leading `//` (e.g. `go:linkname a b`).
    pub text: String,
    /// Whether the directive started its line.
    pub blank: bool,
}

/// Directives collected between declarations (gc's noder `pragmas`).
#[derive(Clone, Debug, Default)]
pub struct Pragma {
    /// Union of [`pragma_flags`] of the directives.
    pub flags: u32,
    pub directives: Vec<Directive>,
}

impl Pragma {
    /// Directives whose name (the word after `go:`) is `name`, e.g. "linkname".
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Directive> + 'a {
        self.directives.iter().filter(move |d| directive_name(&d.text) == name)
    }
}

/// The name of a `go:` directive text (`go:linkname a b` -> `linkname`).
pub fn directive_name(text: &str) -> &str {
    let t = text.strip_prefix("go:").unwrap_or(text);
    t.split([' ', '\t']).next().unwrap_or("")
}

/// A file's identifiers (its interner, frozen): an open-addressing hash
/// table over names stored back to back in one buffer. Each slot keeps
/// the name's first 8 bytes (zero-padded) and length, so names of up to 8
/// bytes are found without touching the name buffer. Built by
/// [`SymbolsBuilder`] while parsing.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    table: Vec<Slot>,
    spans: Vec<(u32, u32)>,
    /// Every name once, each followed by 8 NUL bytes. A `String`, so
    /// [`Symbols::name`] is a slice, not a UTF-8 validation per call (the
    /// builder's buffer is validated once, when the parse ends).
    buf: String,
}

/// The interner while a file is parsed: [`Symbols`] with its name buffer
/// still as bytes, so adding a name is a plain copy. Names that are not
/// valid UTF-8 are stored with `?` for their non-ASCII bytes (same
/// length), so [`SymbolsBuilder::finish`] always yields valid text.
#[derive(Clone, Debug, Default)]
pub(crate) struct SymbolsBuilder {
    table: Vec<Slot>,
    spans: Vec<(u32, u32)>,
    buf: Vec<u8>,
}

/// A table slot; `sym == 0` means empty, else the symbol is `sym - 1`.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// First (up to) 8 bytes of the name, little-endian, zero-padded.
    word: u64,
    len: u32,
    sym: u32,
}

#[inline]
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Hash of `buf[start..end]`. Reads whole 8-byte words from `buf` when
/// possible (masking off bytes past `end`) so short names hash without
/// byte copies; the result depends only on the name's bytes.
#[inline]
fn hash_at(buf: &[u8], start: usize, end: usize) -> u32 {
    let len = end - start;
    let mut h = len as u64;
    let mut i = start;
    while i + 8 <= end {
        h = mix(h, load8(buf, i));
        i += 8;
    }
    if i < end {
        let rem = end - i;
        let mask = if rem >= 8 { u64::MAX } else { (1u64 << (rem * 8)) - 1 };
        h = mix(h, load_upto8(buf, i, end) & mask);
    }
    (h >> 32) as u32
}

#[inline]
fn load8(buf: &[u8], i: usize) -> u64 {
    match buf.get(i..i + 8) {
        Some(b) => {
            let mut w = [0u8; 8];
            w.copy_from_slice(b);
            u64::from_le_bytes(w)
        }
        None => 0,
    }
}

/// Little-endian word of `buf[i..end.min(i + 8)]`, zero-padded (any bytes
/// past `end` that are read must be masked off by the caller).
#[inline]
fn load_upto8(buf: &[u8], i: usize, end: usize) -> u64 {
    if i + 8 <= buf.len() {
        load8(buf, i)
    } else {
        let e = end.min(i + 8).min(buf.len());
        let mut t = [0u8; 8];
        if let (Some(d), Some(s)) = (t.get_mut(..e.saturating_sub(i)), buf.get(i..e)) {
            d.copy_from_slice(s);
        }
        u64::from_le_bytes(t)
    }
}

/// `LEN_MASKS[n]` keeps the low `min(n, 8)` bytes of a word.
static LEN_MASKS: [u64; 16] = {
    let mut t = [u64::MAX; 16];
    let mut n = 0;
    while n < 8 {
        t[n] = (1u64 << (n * 8)) - 1;
        n += 1;
    }
    t
};

#[inline]
fn len_mask(len: usize) -> u64 {
    if len >= 8 { u64::MAX } else { LEN_MASKS[len & 15] }
}

/// The text of symbol `sym` in a name buffer (empty if there is none).
fn span_bytes<'a>(spans: &[(u32, u32)], buf: &'a [u8], sym: u32) -> &'a [u8] {
    match spans.get(sym as usize) {
        Some(&(s, e)) => buf.get(s as usize..e as usize).unwrap_or(&[]),
        None => &[],
    }
}

/// Looks `s` (with hash `h`) up in `table`: its symbol, or its first word
/// and the empty slot where it belongs. `bytes` gives a symbol's text.
fn find_in<'a>(
    table: &[Slot],
    bytes: impl Fn(u32) -> &'a [u8],
    s: &[u8],
    h: u32,
) -> Result<Sym, (u64, usize)> {
    let w = load_upto8(s, 0, s.len()) & len_mask(s.len());
    let mask = table.len() - 1;
    let mut i = h as usize & mask;
    loop {
        let e = table[i];
        if e.sym == 0 {
            return Err((w, i));
        }
        if e.word == w && e.len as usize == s.len() && (s.len() <= 8 || bytes(e.sym - 1) == s) {
            return Ok(Sym(e.sym - 1));
        }
        i = (i + 1) & mask;
    }
}

impl SymbolsBuilder {
    /// The interner of a no longer needed file, emptied for reuse with
    /// room for about `n` names (its allocations are kept).
    pub(crate) fn recycled(syms: Symbols, n: usize) -> Self {
        let mut b = SymbolsBuilder { table: syms.table, spans: syms.spans, buf: syms.buf.into_bytes() };
        b.reserve(n);
        b
    }

    fn reserve(&mut self, n: usize) {
        let size = (n * 2).next_power_of_two().max(64);
        self.table.clear();
        self.table.resize(size, Slot::default());
        self.spans.clear();
        self.spans.reserve(n);
        self.buf.clear();
        self.buf.reserve(n * 8);
    }

    /// Freezes the table.
    pub(crate) fn finish(self) -> Symbols {
        let buf = String::from_utf8(self.buf).unwrap_or_else(|e| {
            // Unreachable (see the type's doc); keep lengths if it happens.
            e.into_bytes().iter().map(|&b| if b < 0x80 { char::from(b) } else { '?' }).collect()
        });
        Symbols { table: self.table, spans: self.spans, buf }
    }

    fn bytes(&self, sym: u32) -> &[u8] {
        span_bytes(&self.spans, &self.buf, sym)
    }

    /// Interns a name, returning its symbol.
    pub(crate) fn intern(&mut self, s: &[u8]) -> Sym {
        self.intern_at(s, 0, s.len())
    }

    /// Interns `src[start..end]` (`start <= end <= src.len()`).
    #[inline]
    pub(crate) fn intern_at(&mut self, src: &[u8], start: usize, end: usize) -> Sym {
        let len = end.wrapping_sub(start);
        if len <= 8
            && !self.table.is_empty()
            && let Some(b) = src.get(start..start + 8)
        {
            // Fast path for short names: one masked word for hash and compare.
            let mut w8 = [0u8; 8];
            w8.copy_from_slice(b);
            let w = u64::from_le_bytes(w8) & len_mask(len);
            return match self.probe_short(len, w) {
                Ok(sym) => sym,
                Err(i) => self.insert(src.get(start..end).unwrap_or(&[]), w, i),
            };
        }
        if len <= 16
            && !self.table.is_empty()
            && let Some(b) = src.get(start..start + 16)
        {
            // Names of 9..=16 bytes: two words (same hash as `hash_at`).
            let mut w8 = [0u8; 8];
            w8.copy_from_slice(&b[..8]);
            let w = u64::from_le_bytes(w8);
            w8.copy_from_slice(&b[8..]);
            let w1 = u64::from_le_bytes(w8) & len_mask(len - 8);
            let h = (mix(mix(len as u64, w), w1) >> 32) as u32;
            let tmask = self.table.len() - 1;
            let mut i = h as usize & tmask;
            loop {
                let e = self.table[i];
                if e.sym == 0 {
                    break;
                }
                if e.word == w && e.len as usize == len {
                    let a = self.spans.get((e.sym - 1) as usize).map_or(0, |sp| sp.0 as usize);
                    if load8(&self.buf, a + 8) & len_mask(len - 8) == w1 {
                        return Sym(e.sym - 1);
                    }
                }
                i = (i + 1) & tmask;
            }
            return self.insert(src.get(start..end).unwrap_or(&[]), w, i);
        }
        self.intern_slow(src, start, end)
    }

    /// The symbol of an already interned name of at most 8 bytes whose
    /// bytes, as a little-endian word zero-padded past `len`, are `word`
    /// (the scanner hands it over, so no source bytes are loaded here);
    /// `None` for new or longer names.
    #[inline]
    pub(crate) fn lookup_word(&self, len: usize, word: u64) -> Option<Sym> {
        if len > 8 || self.table.is_empty() {
            return None;
        }
        self.probe_short(len, word).ok()
    }

    /// Probes the (non-empty) table for the name of `len <= 8` bytes whose
    /// zero-padded word is `word`: its symbol, or the empty slot where it
    /// belongs.
    #[inline(always)]
    fn probe_short(&self, len: usize, word: u64) -> Result<Sym, usize> {
        let h = (mix(len as u64, word) >> 32) as u32;
        let tmask = self.table.len() - 1;
        let mut i = h as usize & tmask;
        loop {
            let e = self.table[i];
            if e.sym == 0 {
                return Err(i);
            }
            if e.word == word && e.len as usize == len {
                return Ok(Sym(e.sym - 1));
            }
            i = (i + 1) & tmask;
        }
    }

    #[inline(never)]
    fn intern_slow(&mut self, src: &[u8], start: usize, end: usize) -> Sym {
        let end = end.min(src.len());
        let start = start.min(end);
        if self.table.is_empty() {
            self.table = vec![Slot::default(); 64];
        }
        let s = &src[start..end];
        match self.find(s, hash_at(src, start, end)) {
            Ok(sym) => sym,
            Err((w, i)) => self.insert(s, w, i),
        }
    }

    fn find(&self, s: &[u8], h: u32) -> Result<Sym, (u64, usize)> {
        find_in(&self.table, |sym| self.bytes(sym), s, h)
    }

    /// Adds a new name at empty table slot `i`. `buf` always keeps 8 bytes
    /// of zero padding at its end so word loads of any name stay in bounds.
    #[inline(never)]
    fn insert(&mut self, s: &[u8], word: u64, i: usize) -> Sym {
        let sym = self.spans.len() as u32;
        // The previous name's padding is NUL bytes, so `start` is a char
        // boundary.
        let start = self.buf.len().saturating_sub(8);
        self.buf.truncate(start);
        if s.len() <= 8 && word & 0x8080_8080_8080_8080 == 0 {
            // A short ASCII name is `word`, zero-padded: two fixed-size
            // stores (name and padding), then cut to length.
            debug_assert_eq!(&word.to_le_bytes()[..s.len()], s);
            self.buf.extend_from_slice(&word.to_le_bytes());
            self.buf.extend_from_slice(&[0; 8]);
            self.buf.truncate(start + s.len() + 8);
        } else {
            if s.is_ascii() {
                self.buf.extend_from_slice(s);
            } else {
                self.push_non_ascii(s);
            }
            self.buf.extend_from_slice(&[0; 8]);
        }
        self.spans.push((start as u32, (start + s.len()) as u32));
        self.table[i] = Slot { word, len: s.len() as u32, sym: sym + 1 };
        if self.spans.len() * 2 > self.table.len() {
            self.grow();
        }
        Sym(sym)
    }

    #[cold]
    fn push_non_ascii(&mut self, s: &[u8]) {
        if std::str::from_utf8(s).is_ok() {
            self.buf.extend_from_slice(s);
        } else {
            // Not UTF-8 (the scanner reports it): same length, so offsets
            // stay right; such a name only matches itself by its first word.
            self.buf.extend(s.iter().map(|&b| if b < 0x80 { b } else { b'?' }));
        }
    }

    fn grow(&mut self) {
        let size = self.table.len() * 2;
        let mut t = vec![Slot::default(); size];
        let mask = size - 1;
        for &e in &self.table {
            if e.sym != 0 {
                let (a, b) = self.spans.get((e.sym - 1) as usize).copied().unwrap_or((0, 0));
                let h = hash_at(&self.buf, a as usize, b as usize);
                let mut i = h as usize & mask;
                while t[i].sym != 0 {
                    i = (i + 1) & mask;
                }
                t[i] = e;
            }
        }
        self.table = t;
    }

    /// The text of a symbol, for messages while parsing (lossy).
    pub(crate) fn name_lossy(&self, sym: Sym) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.bytes(sym.0))
    }
}

impl Symbols {
    fn bytes(&self, sym: u32) -> &[u8] {
        span_bytes(&self.spans, self.buf.as_bytes(), sym)
    }

    /// Looks up a name without interning it.
    pub fn get(&self, s: &str) -> Option<Sym> {
        if self.table.is_empty() {
            return None;
        }
        let s = s.as_bytes();
        find_in(&self.table, |sym| self.bytes(sym), s, hash_at(s, 0, s.len())).ok()
    }

    /// The text of a symbol ("\u{fffd}" if it is not valid UTF-8).
    pub fn name(&self, sym: Sym) -> &str {
        match self.spans.get(sym.0 as usize) {
            Some(&(s, e)) => self.buf.get(s as usize..e as usize).unwrap_or("\u{fffd}"),
            None => "",
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// A list of expression ids that keeps up to [`ExprList::INLINE`] of them
/// without a heap allocation (what [`File::unpack_list`] returns: most
/// expression lists have one or two elements). Derefs to `[ExprId]`.
#[derive(Clone, Debug)]
pub struct ExprList {
    len: usize,
    inline: [ExprId; ExprList::INLINE],
    /// All elements, once there are more than `INLINE`.
    heap: Vec<ExprId>,
}

impl Default for ExprList {
    fn default() -> Self {
        ExprList { len: 0, inline: [ExprId(0); ExprList::INLINE], heap: Vec::new() }
    }
}

impl ExprList {
    pub const INLINE: usize = 6;

    pub fn push(&mut self, e: ExprId) {
        if self.len < Self::INLINE {
            self.inline[self.len] = e;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.inline);
            }
            self.heap.push(e);
        }
        self.len += 1;
    }
}

impl std::ops::Deref for ExprList {
    type Target = [ExprId];
    fn deref(&self) -> &[ExprId] {
        if self.len > Self::INLINE { &self.heap } else { &self.inline[..self.len] }
    }
}

impl FromIterator<ExprId> for ExprList {
    fn from_iter<I: IntoIterator<Item = ExprId>>(iter: I) -> Self {
        let mut out = ExprList::default();
        for e in iter {
            out.push(e);
        }
        out
    }
}

impl<'a> IntoIterator for &'a ExprList {
    type Item = &'a ExprId;
    type IntoIter = std::slice::Iter<'a, ExprId>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for ExprList {
    type Item = ExprId;
    type IntoIter = ExprListIter;
    fn into_iter(self) -> ExprListIter {
        ExprListIter { list: self, next: 0 }
    }
}

/// By-value iterator over an [`ExprList`].
#[derive(Clone, Debug)]
pub struct ExprListIter {
    list: ExprList,
    next: usize,
}

impl Iterator for ExprListIter {
    type Item = ExprId;
    fn next(&mut self) -> Option<ExprId> {
        let e = self.list.get(self.next).copied();
        self.next += 1;
        e
    }
}

/// A parsed source file with all its node arenas (gc's `File`).
#[derive(Clone, Debug)]
pub struct File {
    /// Pragmas before the package clause.
    pub pragma: Option<PragmaId>,
    /// `None` if the package clause is missing (gc returns a nil file then).
    pub pkg_name: Option<ExprId>,
    pub decl_list: List<DeclId>,
    /// Offset of EOF.
    pub eof: u32,
    /// Go version from a `//go:build` line (e.g. "go1.21"), or empty.
    pub go_version: String,

    pub src: Box<[u8]>,
    pub exprs: Vec<Expr>,
    pub stmts: Vec<Stmt>,
    pub fields: Vec<Field>,
    pub decls: Vec<Decl>,
    pub pragmas: Vec<Pragma>,
    pub lists: Vec<u32>,
    pub symbols: Symbols,
    /// All comments in source order.
    pub comments: Vec<Comment>,
    /// Line table and `//line` bases.
    pub source_map: SourceMap,
}

impl File {
    pub fn expr(&self, id: ExprId) -> &Expr {
        &self.exprs[id.0 as usize]
    }
    pub fn stmt(&self, id: StmtId) -> &Stmt {
        &self.stmts[id.0 as usize]
    }
    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.0 as usize]
    }
    pub fn decl(&self, id: DeclId) -> &Decl {
        &self.decls[id.0 as usize]
    }
    pub fn pragma(&self, id: PragmaId) -> &Pragma {
        &self.pragmas[id.0 as usize]
    }
    /// The ids of a list.
    pub fn list<T: Id>(&self, l: List<T>) -> impl ExactSizeIterator<Item = T> + '_ {
        let s = l.start as usize;
        let e = s + l.len as usize;
        self.lists.get(s..e).unwrap_or(&[]).iter().map(|&v| T::from_u32(v))
    }
    /// The elements of an expression list (gc's `UnpackListExpr`), without
    /// allocating for short lists.
    pub fn unpack_list(&self, x: Option<ExprId>) -> ExprList {
        let mut out = ExprList::default();
        match x {
            None => {}
            Some(id) => match &self.expr(id).kind {
                ExprKind::List { elems } => {
                    for e in self.list(*elems) {
                        out.push(e);
                    }
                }
                _ => out.push(id),
            },
        }
        out
    }
    /// Strips parentheses (gc's `Unparen`).
    pub fn unparen(&self, mut x: ExprId) -> ExprId {
        while let ExprKind::Paren { x: inner } = self.expr(x).kind {
            x = inner;
        }
        x
    }
    /// The identifier text of a `Name` node (empty for other nodes).
    pub fn name_str(&self, id: ExprId) -> &str {
        match self.expr(id).kind {
            ExprKind::Name(s) => self.symbols.name(s),
            _ => "",
        }
    }
    /// Source text of an expression (e.g. a literal's value).
    pub fn text(&self, id: ExprId) -> &[u8] {
        let e = self.expr(id);
        self.src.get(e.start as usize..e.end as usize).unwrap_or(&[])
    }
    /// Text of a comment.
    pub fn comment_text(&self, c: &Comment) -> &[u8] {
        self.src.get(c.start as usize..c.end as usize).unwrap_or(&[])
    }
    /// Comments that start on the given physical line (1-based).
    pub fn comments_on_line(&self, line: u32) -> impl Iterator<Item = &Comment> + '_ {
        let (lo, hi) = self.source_map.line_range(line);
        let i = self.comments.partition_point(|c| c.start < lo);
        self.comments[i..].iter().take_while(move |c| c.start < hi)
    }
}
