//! The Go scanner: turns source bytes into tokens with gc's semicolon
//! insertion rules, literal validation and error messages (port of the
//! algorithm in gc's `syntax/scanner.go` + `source.go`, written for a byte
//! slice held in memory). It also records every comment, the line table, and
//! the `//go:` / `//line` directives the parser needs.

use crate::token::{LitKind, Operator, Token, keyword, keyword_word};
use crate::token::{PREC_ADD, PREC_AND_AND, PREC_CMP, PREC_MUL, PREC_OR_OR};

/// A comment with its byte span (`end` exclusive; a line comment's span
/// excludes the terminating newline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    pub start: u32,
    pub end: u32,
}

/// What the literal text of a `Semi` token was (gc's `lit` for `_Semi`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SemiLit {
    Semicolon,
    Newline,
    Eof,
}

impl SemiLit {
    pub fn as_str(self) -> &'static str {
        match self {
            SemiLit::Semicolon => "semicolon",
            SemiLit::Newline => "newline",
            SemiLit::Eof => "EOF",
        }
    }
}

/// A directive comment seen by the scanner, handed to the parser.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DirectiveEvent {
    /// Comment span.
    pub start: u32,
    pub end: u32,
    /// 1-based physical line and column of the comment start.
    pub line: u32,
    pub col: u32,
    /// Whether only whitespace precedes the comment on its line.
    pub blank: bool,
}

pub(crate) struct Scanner<'a> {
    pub src: &'a [u8],
    /// Read position.
    i: usize,
    /// If set, newline and EOF produce a semicolon.
    nlsemi: bool,
    /// Offsets of the first byte of each line.
    pub line_starts: Vec<u32>,

    // Current token.
    pub tok: Token,
    pub start: u32,
    pub end: u32,
    /// For a `Name`: its first (up to) 8 bytes as a little-endian word,
    /// zero-padded past its end (the interner's key, see `Symbols`).
    pub word: u64,
    pub kind: LitKind,
    pub bad: bool,
    pub op: Operator,
    pub prec: u8,
    pub semi: SemiLit,

    pub errors: Vec<(u32, String)>,
    pub comments: Vec<Comment>,
    pub directives: Vec<DirectiveEvent>,
    /// Set whenever `directives` is non-empty or removed-byte errors are
    /// pending (may stay set spuriously; the parser then re-checks).
    pub pending: bool,

    /// Errors for bytes removed from the input before scanning (see
    /// `crate::clean`): (clean offset, original offset, message), reported
    /// once the scanner has passed them.
    pub dropped: Vec<(u32, u32, &'static str)>,
    dropped_next: usize,
    /// Indices into `errors` that hold original (not clean) offsets.
    pub orig_errors: Vec<usize>,
    /// Whether a byte gc's reader skips (NUL, invalid UTF-8, a BOM after
    /// offset 0) was seen: the file must then be parsed without such bytes
    /// (`crate::clean`), since skipping them can join tokens.
    pub skipped: bool,
}

#[inline]
fn lower(b: u8) -> u8 {
    b | 0x20
}

/// 1: ASCII letter or '_'; 2: decimal digit; 0: anything else.
static IDENT_TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphabetic() || b == b'_' {
            t[i] = 1;
        } else if b.is_ascii_digit() {
            t[i] = 2;
        }
        i += 1;
    }
    t
};

/// `k` in every byte of a word.
const fn splat(k: u8) -> u64 {
    LO * k as u64
}

/// The high bit of each byte of `w` that is not an ASCII letter, digit or
/// `_` (SWAR range checks on the low 7 bits; bytes >= 0x80 count as
/// non-identifier bytes).
#[inline(always)]
fn non_ident_bytes(w: u64) -> u64 {
    let x = w & !HI;
    // x + (0x80 - lo) has its high bit set iff x >= lo; each sum stays
    // below 0x100 per byte, so no carries cross bytes
    let digit = (x + splat(0x80 - b'0')) & !(x + splat(0x80 - b'9' - 1));
    let l = x | splat(0x20); // ASCII lower case
    let letter = (l + splat(0x80 - b'a')) & !(l + splat(0x80 - b'z' - 1));
    let under = !((x ^ splat(b'_')) + splat(0x7f));
    (!(digit | letter | under) | w) & HI
}

/// `i` advanced past up to 8 tabs (a line's indentation, in one step:
/// the length of a run of blanks is hard to predict byte by byte).
#[inline(always)]
fn skip_tabs(src: &[u8], i: usize) -> usize {
    let Some(b8) = src.get(i..i + 8) else {
        return i;
    };
    let mut a = [0u8; 8];
    a.copy_from_slice(b8);
    let t = u64::from_le_bytes(a) ^ splat(b'\t');
    // high bit set in each byte that is not a tab
    let non_tab = (((t & !HI) + !HI) | t) & HI;
    i + (non_tab.trailing_zeros() / 8) as usize
}

/// Little-endian word of the first (up to) 8 bytes of `s`, zero-padded.
#[inline]
pub(crate) fn first_word(s: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    let n = s.len().min(8);
    a[..n].copy_from_slice(&s[..n]);
    u64::from_le_bytes(a)
}

/// End of the identifier bytes (ASCII letters, digits, `_`) from `i` on.
#[inline(never)]
fn ident_end(src: &[u8], mut i: usize) -> usize {
    while let Some(b8) = src.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(b8);
        let m = non_ident_bytes(u64::from_le_bytes(a));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while src.get(i).is_some_and(|&b| IDENT_TABLE[b as usize] != 0) {
        i += 1;
    }
    i
}

/// Byte classes for the token dispatch in `Scanner::next`.
const C_OTHER: u8 = 0;
const C_LETTER: u8 = 1;
const C_BLANK: u8 = 2;
const C_NEWLINE: u8 = 3;
/// `(`, `[`, `{`, `,`: single-byte tokens (see `PUNCT`).
const C_OPEN: u8 = 4;
/// `)`, `]`, `}`: single-byte tokens after which a newline is a semicolon.
const C_CLOSE: u8 = 5;

/// Class of a byte at a token start: `C_LETTER` for ASCII letters and
/// `_`, `C_BLANK` for space, tab and CR, ..., `C_OTHER` for everything
/// handled by `Scanner::next_other` (digits, literals, operators,
/// comments, `;`, `:`, `.`, non-ASCII and invalid bytes).
static CLASS: [u8; 256] = {
    let mut t = [C_OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => C_LETTER,
            b' ' | b'\t' | b'\r' => C_BLANK,
            b'\n' => C_NEWLINE,
            b'(' | b'[' | b'{' | b',' => C_OPEN,
            b')' | b']' | b'}' => C_CLOSE,
            _ => C_OTHER,
        };
        i += 1;
    }
    t
};

/// The token of each `C_OPEN` / `C_CLOSE` byte.
static PUNCT: [Token; 256] = {
    let mut t = [Token::Eof; 256];
    t[b'(' as usize] = Token::Lparen;
    t[b'[' as usize] = Token::Lbrack;
    t[b'{' as usize] = Token::Lbrace;
    t[b',' as usize] = Token::Comma;
    t[b')' as usize] = Token::Rparen;
    t[b']' as usize] = Token::Rbrack;
    t[b'}' as usize] = Token::Rbrace;
    t
};

#[inline]
fn is_decimal(b: u8) -> bool {
    b.is_ascii_digit()
}
#[inline]
fn is_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&lower(b))
}

/// Go's `unicode.IsLetter` approximated with Rust's Unicode tables.
pub(crate) fn is_unicode_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

/// Go's `unicode.IsDigit` approximated with Rust's Unicode tables.
pub(crate) fn is_unicode_digit(c: char) -> bool {
    c.is_numeric() && !c.is_alphabetic()
}

/// Decodes one UTF-8 sequence at the start of `b`; `None` if invalid.
pub(crate) fn decode_utf8(b: &[u8]) -> Option<(char, usize)> {
    let n = match b.first()? {
        0..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let s = b.get(..n)?;
    let s = std::str::from_utf8(s).ok()?;
    s.chars().next().map(|c| (c, n))
}

/// Go's `%#U` formatting of a rune.
pub(crate) fn fmt_u(c: u32) -> String {
    match char::from_u32(c) {
        Some(ch) if is_print(ch) => format!("U+{c:04X} '{ch}'"),
        _ => format!("U+{c:04X}"),
    }
}

fn is_print(c: char) -> bool {
    !(c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{feff}')
}

/// Go's `%q` formatting of a rune.
pub(crate) fn quote_rune(c: u32) -> String {
    let body = match c {
        0x07 => "\\a".to_string(),
        0x08 => "\\b".to_string(),
        0x0c => "\\f".to_string(),
        0x0a => "\\n".to_string(),
        0x0d => "\\r".to_string(),
        0x09 => "\\t".to_string(),
        0x0b => "\\v".to_string(),
        0x5c => "\\\\".to_string(),
        0x27 => "\\'".to_string(),
        _ => match char::from_u32(c) {
            Some(ch) if is_print(ch) => ch.to_string(),
            _ if c < 0x80 => format!("\\x{c:02x}"),
            _ if c < 0x10000 => format!("\\u{c:04x}"),
            _ if c <= 0x10ffff => format!("\\U{c:08x}"),
            _ => "\\ufffd".to_string(),
        },
    };
    format!("'{body}'")
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in the lowest zero byte of `x` (and possibly in higher
/// bytes, but never below it).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// Offset of the first byte at or after `i` that is NUL, non-ASCII or one
/// of `stops` (`s.len()` if none), scanning 8 bytes at a time.
#[inline(always)]
fn find_special<const N: usize>(s: &[u8], mut i: usize, stops: [u8; N]) -> usize {
    while let Some(c) = s.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let w = u64::from_le_bytes(a);
        let mut m = (w & HI) | zero_bytes(w);
        for st in stops {
            m |= zero_bytes(w ^ (LO * st as u64));
        }
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = s.get(i) {
        if b == 0 || b >= 0x80 || stops.contains(&b) {
            return i;
        }
        i += 1;
    }
    i
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

impl<'a> Scanner<'a> {
    #[cfg(test)]
    pub fn new(src: &'a [u8]) -> Self {
        Self::with_buffers(src, Vec::new(), Vec::new())
    }

    /// Like `new`, reusing the (cleared) allocations of `line_starts` and
    /// `comments`.
    pub(crate) fn with_buffers(src: &'a [u8], mut line_starts: Vec<u32>, mut comments: Vec<Comment>) -> Self {
        line_starts.clear();
        line_starts.reserve(src.len() / 24 + 1);
        line_starts.push(0);
        comments.clear();
        comments.reserve(src.len() / 128 + 4);
        Scanner {
            src,
            i: 0,
            nlsemi: false,
            line_starts,
            tok: Token::Eof,
            start: 0,
            end: 0,
            word: 0,
            kind: LitKind::Int,
            bad: false,
            op: Operator::None,
            prec: 0,
            semi: SemiLit::Semicolon,
            errors: Vec::new(),
            comments,
            directives: Vec::new(),
            pending: false,
            dropped: Vec::new(),
            dropped_next: 0,
            orig_errors: Vec::new(),
            skipped: false,
        }
    }

    #[inline]
    fn peek(&self) -> u8 {
        self.src.get(self.i).copied().unwrap_or(0)
    }
    #[inline]
    fn at_eof(&self) -> bool {
        self.i >= self.src.len()
    }
    #[inline]
    fn peek_at(&self, k: usize) -> u8 {
        self.src.get(self.i + k).copied().unwrap_or(0)
    }

    fn error_at(&mut self, off: usize, msg: String) {
        if self.has_pending_dropped() {
            // the reader has consumed everything up to the read position
            self.flush_dropped_upto(off.max(self.i));
        }
        self.errors.push((off as u32, msg));
    }

    /// The read position: every byte before it has been scanned.
    pub(crate) fn read_pos(&self) -> usize {
        self.i
    }

    /// Reports a byte gc's reader skips (see `skipped`).
    #[cold]
    fn skipped_byte(&mut self, off: usize, msg: &'static str) {
        self.skipped = true;
        self.error_at(off, msg.into());
    }

    /// Whether a removed byte sat inside or right after the identifier
    /// `start..end`: gc's reader passes such bytes while scanning it and keeps
    /// them in the literal text, so e.g. `f\0unc` or `if\0` is no keyword.
    fn drop_inside(&self, start: usize, end: usize) -> bool {
        let k = self.dropped.partition_point(|d| d.0 as usize <= start);
        self.dropped.get(k).is_some_and(|d| (d.0 as usize) <= end)
    }

    /// The current 1-based physical line.
    pub fn cur_line(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// Records line starts for newlines in `src[from..to]`.
    #[inline(never)]
    fn note_newlines(&mut self, from: usize, to: usize) {
        let seg = self.src.get(from..to).unwrap_or(&[]);
        for k in memchr::memchr_iter(b'\n', seg) {
            self.line_starts.push((from + k + 1) as u32);
        }
    }

    /// Reports NUL bytes, invalid UTF-8 and misplaced BOMs in `src[from..to]`
    /// (gc's source reader reports these for every character it reads).
    #[inline(never)]
    fn check_segment(&mut self, from: usize, to: usize) {
        let seg = self.src.get(from..to).unwrap_or(&[]);
        if seg.is_ascii() && memchr::memchr(0, seg).is_none() {
            return;
        }
        let mut k = 0;
        while k < seg.len() {
            let b = seg[k];
            if b == 0 {
                self.skipped_byte(from + k, "invalid NUL character");
                k += 1;
            } else if b < 0x80 {
                k += 1;
            } else {
                match decode_utf8(&seg[k..]) {
                    Some((c, n)) => {
                        if c == '\u{feff}' && from + k > 0 {
                            self.skipped_byte(from + k, "invalid BOM in the middle of the file");
                        }
                        k += n;
                    }
                    None => {
                        self.skipped_byte(from + k, "invalid UTF-8 encoding");
                        k += 1;
                    }
                }
            }
        }
    }

    /// Reports the removed-byte errors the scanner has moved past.
    #[cold]
    #[inline(never)]
    pub fn flush_dropped(&mut self) {
        let limit = if self.tok == Token::Eof { usize::MAX } else { self.i };
        self.flush_dropped_upto(limit);
    }

    /// Reports removed-byte errors at clean offsets `<= limit` (gc reports
    /// them as its reader passes them, before errors about later bytes).
    fn flush_dropped_upto(&mut self, limit: usize) {
        while let Some(&(clean, orig, msg)) = self.dropped.get(self.dropped_next) {
            if clean as usize > limit {
                break;
            }
            self.orig_errors.push(self.errors.len());
            self.errors.push((orig, msg.to_string()));
            self.dropped_next += 1;
        }
    }

    #[inline]
    pub fn has_pending_dropped(&self) -> bool {
        self.dropped_next < self.dropped.len()
    }

    /// Advances to the next token.
    ///
    /// This is the hot path: blanks, newlines, identifiers and keywords
    /// and single-byte punctuation, dispatched through `CLASS`. It makes
    /// only tail calls (so it needs next to no saved registers): names and
    /// keywords go to `name_token` (8 bytes at a time), other tokens to
    /// `other_token`, and rare cases (EOF, non-ASCII or NUL bytes in a
    /// name, removed bytes, a full line table) restart at the token start
    /// in the general loop `next_slow`. A newline that ends a statement
    /// also skips the next line's indentation tabs (in one step).
    #[inline(never)]
    pub fn next(&mut self) {
        let nlsemi = self.nlsemi;
        let src = self.src;
        let mut i = self.i;
        let (b, c) = loop {
            let Some(&b) = src.get(i) else {
                self.i = i;
                return self.next_slow();
            };
            let c = CLASS[b as usize];
            if c == C_BLANK {
                i += 1;
            } else if c == C_NEWLINE && !nlsemi {
                if self.line_starts.len() == self.line_starts.capacity() {
                    self.i = i;
                    return self.next_slow();
                }
                i += 1;
                self.line_starts.push(i as u32);
            } else {
                break (b, c);
            }
        };
        let start = i;
        if c == C_LETTER {
            return self.name_token(start);
        }
        if c >= C_OPEN {
            // ( [ { , or ) ] } (after which a newline is a semicolon)
            self.start = start as u32;
            self.i = start + 1;
            self.end = (start + 1) as u32;
            self.tok = PUNCT[b as usize];
            self.nlsemi = c == C_CLOSE;
            return;
        }
        if c == C_NEWLINE {
            // newline after a token that ends a statement
            if self.line_starts.len() == self.line_starts.capacity() {
                self.i = start;
                return self.next_slow();
            }
            self.line_starts.push((start + 1) as u32);
            self.start = start as u32;
            // skip the next line's indentation now (unless removed-byte
            // errors are pending: they are reported up to `self.i`)
            self.i = if self.dropped.is_empty() { skip_tabs(src, start + 1) } else { start + 1 };
            self.end = (start + 1) as u32;
            self.semi = SemiLit::Newline;
            self.tok = Token::Semi;
            self.nlsemi = false;
            return;
        }
        self.start = start as u32;
        self.i = start + 1;
        self.other_token(start, b, nlsemi);
    }

    /// A name or keyword starting with the ASCII letter (or `_`) at
    /// `start` (a separate function so that `next` needs no saved
    /// registers). Finds the end of names of up to 7 bytes in one 8-byte
    /// word, which is also the interner's key (`word`) and the keyword
    /// check's; longer names go on in `long_name_token`.
    #[inline(never)]
    fn name_token(&mut self, start: usize) {
        let src = self.src;
        let Some(b8) = src.get(start..start + 8) else {
            // near EOF
            self.i = start;
            return self.next_slow();
        };
        let mut a = [0u8; 8];
        a.copy_from_slice(b8);
        let w = u64::from_le_bytes(a);
        let m = non_ident_bytes(w);
        if m == 0 {
            return self.long_name_token(start, w);
        }
        // 1..=7 bytes (the first byte is a letter), then the byte `term`
        let n = (m.trailing_zeros() / 8) as usize;
        let i = start + n;
        let term = (w >> (n * 8)) as u8;
        if term >= 0x80 || term == 0 || !self.dropped.is_empty() {
            // non-ASCII or NUL bytes, or removed bytes: rescan slowly
            self.i = start;
            return self.next_slow();
        }
        let word = w & ((1u64 << (n * 8)) - 1);
        self.start = start as u32;
        // a following space is skipped here without a branch (whether a
        // name is followed by a blank is hard to predict in `next`)
        self.i = i + usize::from(term == b' ');
        self.end = i as u32;
        self.word = word;
        if let Some(tok) = keyword_word(word, n) {
            self.nlsemi = matches!(tok, Token::Break | Token::Continue | Token::Fallthrough | Token::Return);
            self.tok = tok;
        } else {
            self.nlsemi = true;
            self.tok = Token::Name;
        }
    }

    /// `name_token` for names of 8 or more bytes; `word` is the first 8.
    #[inline(never)]
    fn long_name_token(&mut self, start: usize, word: u64) {
        let src = self.src;
        let i = ident_end(src, start + 8);
        if src.get(i).is_some_and(|&b| b >= 0x80 || b == 0) || !self.dropped.is_empty() {
            self.i = start;
            return self.next_slow();
        }
        self.start = start as u32;
        self.i = i;
        self.end = i as u32;
        self.word = word;
        if let Some(tok) = keyword(&src[start..i]) {
            self.nlsemi = matches!(tok, Token::Break | Token::Continue | Token::Fallthrough | Token::Return);
            self.tok = tok;
        } else {
            self.nlsemi = true;
            self.tok = Token::Name;
        }
    }

    /// `next_other`, then for a comment or a skipped byte the general loop
    /// (a tail call of `next`, so `next` itself saves no registers).
    #[inline(never)]
    fn other_token(&mut self, start: usize, b: u8, nlsemi: bool) {
        self.nlsemi = false;
        if !self.next_other(start, b, nlsemi) {
            // a comment or a skipped byte: scan on
            self.nlsemi = nlsemi;
            self.next_slow();
        }
    }

    /// The general scanning loop (any token, from `self.i`), also used by
    /// `next` for all rare cases.
    #[inline(never)]
    fn next_slow(&mut self) {
        let nlsemi = self.nlsemi;
        self.nlsemi = false;
        let src = self.src;
        let mut i = self.i;
        loop {
            // skip white space
            let (b, c) = loop {
                let Some(&b) = src.get(i) else {
                    self.i = i;
                    self.start = i as u32;
                    self.end = i as u32;
                    if nlsemi {
                        self.semi = SemiLit::Eof;
                        self.tok = Token::Semi;
                    } else {
                        self.tok = Token::Eof;
                    }
                    return;
                };
                let c = CLASS[b as usize];
                if c == C_BLANK {
                    i += 1;
                } else if c == C_NEWLINE && !nlsemi {
                    i += 1;
                    self.line_starts.push(i as u32);
                } else {
                    break (b, c);
                }
            };
            let start = i;
            self.start = start as u32;
            self.i = start + 1;
            if c == C_LETTER {
                self.ident();
                self.end = self.i as u32;
                return;
            }
            if c >= C_OPEN {
                // ( [ { , or ) ] } (after which a newline is a semicolon)
                self.tok = PUNCT[b as usize];
                self.nlsemi = c == C_CLOSE;
                self.end = self.i as u32;
                return;
            }
            if c == C_NEWLINE {
                // newline after a token that ends a statement
                self.line_starts.push(self.i as u32);
                self.semi = SemiLit::Newline;
                self.tok = Token::Semi;
                self.end = self.i as u32;
                return;
            }
            if self.next_other(start, b, nlsemi) {
                return;
            }
            // a comment or a skipped character: scan on
            i = self.i;
        }
    }

    /// The remaining token kinds of `next` (`src[start] == b`,
    /// `self.i == start + 1`). Returns true once a token is set, false to
    /// continue scanning at `self.i` (after a comment or an invalid byte).
    #[inline(always)]
    fn next_other(&mut self, start: usize, b: u8, nlsemi: bool) -> bool {
        let tok = match b {
            b'0'..=b'9' => {
                self.i = start;
                self.number(false);
                self.end = self.i as u32;
                return true;
            }
            b'"' => {
                self.std_string();
                Token::Literal
            }
            b'`' => {
                self.raw_string();
                Token::Literal
            }
            b'\'' => {
                self.rune_lit();
                Token::Literal
            }
            b';' => {
                self.semi = SemiLit::Semicolon;
                Token::Semi
            }
            b':' => {
                if self.peek() == b'=' {
                    self.i += 1;
                    Token::Define
                } else {
                    Token::Colon
                }
            }
            b'.' => {
                if is_decimal(self.peek()) {
                    self.number(true);
                    self.end = self.i as u32;
                    return true;
                }
                if self.peek() == b'.' && self.peek_at(1) == b'.' {
                    self.i += 2;
                    Token::DotDotDot
                } else {
                    Token::Dot
                }
            }
            b'+' | b'-' => {
                let (op, c) = if b == b'+' { (Operator::Add, b'+') } else { (Operator::Sub, b'-') };
                self.op = op;
                self.prec = PREC_ADD;
                if self.peek() == c {
                    self.i += 1;
                    self.nlsemi = true;
                    Token::IncOp
                } else {
                    self.assignop()
                }
            }
            b'*' => {
                self.op = Operator::Mul;
                self.prec = PREC_MUL;
                if self.peek() == b'=' {
                    self.i += 1;
                    Token::AssignOp
                } else {
                    Token::Star
                }
            }
            b'/' => {
                if self.peek() == b'/' {
                    self.i += 1;
                    self.line_comment(start);
                    return false;
                }
                if self.peek() == b'*' {
                    self.i += 1;
                    let line_before = self.cur_line();
                    self.full_comment(start);
                    if self.cur_line() > line_before && nlsemi {
                        // A multi-line comment acts like a newline.
                        self.semi = SemiLit::Newline;
                        self.tok = Token::Semi;
                        self.end = self.i as u32;
                        return true;
                    }
                    return false;
                }
                self.op = Operator::Div;
                self.prec = PREC_MUL;
                self.assignop()
            }
            b'%' => {
                self.op = Operator::Rem;
                self.prec = PREC_MUL;
                self.assignop()
            }
            b'&' => {
                if self.peek() == b'&' {
                    self.i += 1;
                    self.op = Operator::AndAnd;
                    self.prec = PREC_AND_AND;
                    Token::Operator
                } else {
                    self.op = Operator::And;
                    self.prec = PREC_MUL;
                    if self.peek() == b'^' {
                        self.i += 1;
                        self.op = Operator::AndNot;
                    }
                    self.assignop()
                }
            }
            b'|' => {
                if self.peek() == b'|' {
                    self.i += 1;
                    self.op = Operator::OrOr;
                    self.prec = PREC_OR_OR;
                    Token::Operator
                } else {
                    self.op = Operator::Or;
                    self.prec = PREC_ADD;
                    self.assignop()
                }
            }
            b'^' => {
                self.op = Operator::Xor;
                self.prec = PREC_ADD;
                self.assignop()
            }
            b'<' => match self.peek() {
                b'=' => {
                    self.i += 1;
                    self.op = Operator::Leq;
                    self.prec = PREC_CMP;
                    Token::Operator
                }
                b'<' => {
                    self.i += 1;
                    self.op = Operator::Shl;
                    self.prec = PREC_MUL;
                    self.assignop()
                }
                b'-' => {
                    self.i += 1;
                    Token::Arrow
                }
                _ => {
                    self.op = Operator::Lss;
                    self.prec = PREC_CMP;
                    Token::Operator
                }
            },
            b'>' => match self.peek() {
                b'=' => {
                    self.i += 1;
                    self.op = Operator::Geq;
                    self.prec = PREC_CMP;
                    Token::Operator
                }
                b'>' => {
                    self.i += 1;
                    self.op = Operator::Shr;
                    self.prec = PREC_MUL;
                    self.assignop()
                }
                _ => {
                    self.op = Operator::Gtr;
                    self.prec = PREC_CMP;
                    Token::Operator
                }
            },
            b'=' => {
                if self.peek() == b'=' {
                    self.i += 1;
                    self.op = Operator::Eql;
                    self.prec = PREC_CMP;
                    Token::Operator
                } else {
                    Token::Assign
                }
            }
            b'!' => {
                if self.peek() == b'=' {
                    self.i += 1;
                    self.op = Operator::Neq;
                    self.prec = PREC_CMP;
                } else {
                    self.op = Operator::Not;
                    self.prec = 0;
                }
                Token::Operator
            }
            b'~' => {
                self.op = Operator::Tilde;
                self.prec = 0;
                Token::Operator
            }
            _ => {
                if self.special_char(start, b) {
                    self.end = self.i as u32;
                    return true;
                }
                return false;
            }
        };
        self.tok = tok;
        self.end = self.i as u32;
        true
    }

    /// Handles NUL, non-ASCII and invalid characters at a token start.
    /// Returns true if an identifier token was scanned, false to rescan.
    #[cold]
    #[inline(never)]
    fn special_char(&mut self, start: usize, b: u8) -> bool {
        let src = self.src;
        if b == 0 {
            self.skipped_byte(start, "invalid NUL character");
            return false;
        }
        if b < 0x80 {
            self.error_at(start, format!("invalid character {}", fmt_u(b as u32)));
            return false;
        }
        match decode_utf8(&src[start..]) {
            None => {
                self.skipped_byte(start, "invalid UTF-8 encoding");
                false
            }
            Some((c, n)) => {
                self.i = start + n;
                if c == '\u{feff}' {
                    if start > 0 {
                        self.skipped_byte(start, "invalid BOM in the middle of the file");
                    }
                    return false;
                }
                if is_unicode_letter(c) {
                    self.ident();
                    return true;
                }
                if is_unicode_digit(c) {
                    self.error_at(start, format!("identifier cannot begin with digit {}", fmt_u(c as u32)));
                    self.ident();
                    return true;
                }
                // gc starts an identifier at any other non-ASCII character
                self.error_at(start, format!("invalid character {} in identifier", fmt_u(c as u32)));
                self.ident();
                true
            }
        }
    }

    #[inline]
    fn assignop(&mut self) -> Token {
        if self.peek() == b'=' {
            self.i += 1;
            Token::AssignOp
        } else {
            Token::Operator
        }
    }

    /// Continues an identifier at a non-ASCII or NUL byte (`self.i`).
    #[cold]
    #[inline(never)]
    fn ident_rest(&mut self) {
        let src = self.src;
        loop {
            match src.get(self.i) {
                Some(&b) if b >= 0x80 => match decode_utf8(&src[self.i..]) {
                    Some((c, n)) => {
                        if is_unicode_letter(c) || is_unicode_digit(c) || c == '_' {
                            self.i += n;
                        } else if c == '\u{feff}' {
                            self.skipped_byte(self.i, "invalid BOM in the middle of the file");
                            self.i += n;
                        } else {
                            self.error_at(
                                self.i,
                                format!("invalid character {} in identifier", fmt_u(c as u32)),
                            );
                            self.i += n;
                        }
                    }
                    None => {
                        self.skipped_byte(self.i, "invalid UTF-8 encoding");
                        self.i += 1;
                    }
                },
                Some(&0) => {
                    self.skipped_byte(self.i, "invalid NUL character");
                    self.i += 1;
                }
                _ => return,
            }
            let mut i = self.i;
            while let Some(&b) = src.get(i) {
                if IDENT_TABLE[b as usize] != 0 {
                    i += 1;
                } else {
                    break;
                }
            }
            self.i = i;
        }
    }

    #[inline(always)]
    fn ident(&mut self) {
        let src = self.src;
        let start = self.start as usize;
        let mut i = self.i;
        while let Some(&b) = src.get(i) {
            if IDENT_TABLE[b as usize] != 0 {
                i += 1;
            } else {
                break;
            }
        }
        self.i = i;
        if let Some(&b) = src.get(i)
            && (b >= 0x80 || b == 0)
        {
            self.ident_rest();
        }
        let lit = &src[start..self.i];
        self.word = first_word(lit);
        if lit.len() >= 2
            && (self.dropped.is_empty() || !self.drop_inside(start, self.i))
            && let Some(tok) = keyword(lit)
        {
            self.nlsemi = matches!(tok, Token::Break | Token::Continue | Token::Fallthrough | Token::Return);
            self.tok = tok;
            return;
        }
        self.nlsemi = true;
        self.tok = Token::Name;
    }

    /// Scans digits of the given base; returns the digit/separator bits
    /// (bit 0: digit seen, bit 1: '_' seen) and records the first invalid
    /// digit's offset relative to the token start.
    fn digits(&mut self, base: u32, invalid: &mut i64) -> u32 {
        let mut digsep = 0;
        if base <= 10 {
            let max = b'0' + base as u8;
            loop {
                let b = self.peek();
                if !(is_decimal(b) || b == b'_') {
                    break;
                }
                let mut ds = 1;
                if b == b'_' {
                    ds = 2;
                } else if b >= max && *invalid < 0 {
                    *invalid = self.i as i64 - self.start as i64;
                }
                digsep |= ds;
                self.i += 1;
            }
        } else {
            loop {
                let b = self.peek();
                if !(is_hex(b) || b == b'_') {
                    break;
                }
                digsep |= if b == b'_' { 2 } else { 1 };
                self.i += 1;
            }
        }
        digsep
    }

    #[inline(never)]
    fn number(&mut self, mut seen_point: bool) {
        if !seen_point {
            // Fast path: `0` or `[1-9][0-9]*` not followed by anything that
            // could continue a number literal.
            let src = self.src;
            let s = self.i;
            let mut j = s + 1;
            if src.get(s) != Some(&b'0') {
                while src.get(j).is_some_and(|b| b.is_ascii_digit()) {
                    j += 1;
                }
            }
            let nb = src.get(j).copied().unwrap_or(b' ');
            if IDENT_TABLE[nb as usize] == 0 && nb != b'.' {
                self.i = j;
                self.nlsemi = true;
                self.tok = Token::Literal;
                self.kind = LitKind::Int;
                self.bad = false;
                return;
            }
        }
        let mut ok = true;
        let mut kind = LitKind::Int;
        let mut base = 10;
        let mut prefix = 0u8;
        let mut digsep = 0;
        let mut invalid: i64 = -1;

        if !seen_point {
            if self.peek() == b'0' {
                self.i += 1;
                match lower(self.peek()) {
                    b'x' => {
                        self.i += 1;
                        base = 16;
                        prefix = b'x';
                    }
                    b'o' => {
                        self.i += 1;
                        base = 8;
                        prefix = b'o';
                    }
                    b'b' => {
                        self.i += 1;
                        base = 2;
                        prefix = b'b';
                    }
                    _ => {
                        base = 8;
                        prefix = b'0';
                        digsep = 1;
                    }
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.peek() == b'.' {
                if prefix == b'o' || prefix == b'b' {
                    self.error_at(self.i, format!("invalid radix point in {} literal", base_name(base)));
                    ok = false;
                }
                self.i += 1;
                seen_point = true;
            }
        }
        if seen_point {
            kind = LitKind::Float;
            digsep |= self.digits(base, &mut invalid);
        }
        if digsep & 1 == 0 && ok {
            self.error_at(self.i, format!("{} literal has no digits", base_name(base)));
            ok = false;
        }
        let e = lower(self.peek());
        if e == b'e' || e == b'p' {
            if ok {
                if e == b'e' && prefix != 0 && prefix != b'0' {
                    self.error_at(
                        self.i,
                        format!("{} exponent requires decimal mantissa", quote_rune(self.peek() as u32)),
                    );
                    ok = false;
                } else if e == b'p' && prefix != b'x' {
                    self.error_at(
                        self.i,
                        format!("{} exponent requires hexadecimal mantissa", quote_rune(self.peek() as u32)),
                    );
                    ok = false;
                }
            }
            self.i += 1;
            kind = LitKind::Float;
            if self.peek() == b'+' || self.peek() == b'-' {
                self.i += 1;
            }
            let mut dummy = 0;
            digsep = self.digits(10, &mut dummy) | (digsep & 2);
            if digsep & 1 == 0 && ok {
                self.error_at(self.i, "exponent has no digits".into());
                ok = false;
            }
        } else if prefix == b'x' && kind == LitKind::Float && ok {
            self.error_at(self.i, "hexadecimal mantissa requires a 'p' exponent".into());
            ok = false;
        }
        if self.peek() == b'i' {
            kind = LitKind::Imag;
            self.i += 1;
        }
        self.nlsemi = true;
        self.tok = Token::Literal;
        self.kind = kind;
        let start = self.start as usize;
        let lit = &self.src[start..self.i];
        if kind == LitKind::Int && invalid >= 0 && ok {
            let c = lit.get(invalid as usize).copied().unwrap_or(b'0');
            self.error_at(
                start + invalid as usize,
                format!("invalid digit {} in {} literal", quote_rune(c as u32), base_name(base)),
            );
            ok = false;
        }
        if digsep & 2 != 0
            && ok
            && let Some(k) = invalid_sep(lit)
        {
            self.error_at(start + k, "'_' must separate successive digits".into());
            ok = false;
        }
        self.bad = !ok;
    }

    /// Reads one character at the read position (for rune literals and
    /// escapes); returns (char value or -1 at EOF, width).
    fn cur_char(&self) -> (i64, usize) {
        match self.src.get(self.i) {
            None => (-1, 0),
            Some(&b) if b < 0x80 => (b as i64, 1),
            Some(_) => match decode_utf8(&self.src[self.i..]) {
                Some((c, n)) => (c as i64, n),
                None => (0xfffd, 1),
            },
        }
    }

    #[inline(never)]
    fn rune_lit(&mut self) {
        let mut ok = true;
        let mut n = 0;
        loop {
            let (c, w) = self.cur_char();
            if c == '\'' as i64 {
                if ok {
                    if n == 0 {
                        self.error_at(self.i, "empty rune literal or unescaped '".into());
                        ok = false;
                    } else if n != 1 {
                        self.error_at(self.start as usize, "more than one character in rune literal".into());
                        ok = false;
                    }
                }
                self.i += 1;
                break;
            }
            if c == '\\' as i64 {
                self.i += 1;
                if !self.escape(b'\'') {
                    ok = false;
                }
                n += 1;
                continue;
            }
            if c == '\n' as i64 {
                if ok {
                    self.error_at(self.i, "newline in rune literal".into());
                    ok = false;
                }
                break;
            }
            if c < 0 {
                if ok {
                    self.error_at(self.start as usize, "rune literal not terminated".into());
                    ok = false;
                }
                break;
            }
            self.check_segment(self.i, self.i + w);
            if c == 0 || (c == 0xfffd && w == 1) || c == 0xfeff {
                // skipped by gc's reader: does not count as a character
            } else {
                n += 1;
            }
            self.i += w;
        }
        self.set_lit(LitKind::Rune, ok);
    }

    fn set_lit(&mut self, kind: LitKind, ok: bool) {
        self.nlsemi = true;
        self.kind = kind;
        self.bad = !ok;
    }

    #[inline(never)]
    fn std_string(&mut self) {
        let mut ok = true;
        let src = self.src;
        loop {
            let k = find_special(src, self.i, [b'"', b'\\', b'\n']);
            if let Some(&b) = src.get(k)
                && (b == b'"' || b == b'\\' || b == b'\n')
            {
                // plain ASCII without NUL up to the stop byte
                self.i = k;
                match b {
                    b'"' => {
                        self.i += 1;
                        break;
                    }
                    b'\\' => {
                        self.i += 1;
                        if !self.escape(b'"') {
                            ok = false;
                        }
                        continue;
                    }
                    _ => {
                        self.error_at(k, "newline in string".into());
                        ok = false;
                        break;
                    }
                }
            }
            let rest = src.get(self.i..).unwrap_or(&[]);
            match memchr::memchr3(b'"', b'\\', b'\n', rest) {
                None => {
                    self.check_segment(self.i, src.len());
                    self.i = src.len();
                    self.error_at(self.start as usize, "string not terminated".into());
                    ok = false;
                    break;
                }
                Some(k) => {
                    let at = self.i + k;
                    self.check_segment(self.i, at);
                    self.i = at;
                    match src[at] {
                        b'"' => {
                            self.i += 1;
                            break;
                        }
                        b'\\' => {
                            self.i += 1;
                            if !self.escape(b'"') {
                                ok = false;
                            }
                        }
                        _ => {
                            self.error_at(at, "newline in string".into());
                            ok = false;
                            break;
                        }
                    }
                }
            }
        }
        self.set_lit(LitKind::String, ok);
    }

    #[inline(never)]
    fn raw_string(&mut self) {
        let mut ok = true;
        let src = self.src;
        let rest = src.get(self.i..).unwrap_or(&[]);
        let end = match memchr::memchr(b'`', rest) {
            Some(k) => self.i + k,
            None => {
                ok = false;
                src.len()
            }
        };
        self.check_segment(self.i, end);
        self.note_newlines(self.i, end);
        if ok {
            self.i = end + 1;
        } else {
            self.i = end;
            self.error_at(self.start as usize, "string not terminated".into());
        }
        self.set_lit(LitKind::String, ok);
    }

    /// Scans an escape sequence after the backslash; reports errors like gc.
    #[inline(never)]
    fn escape(&mut self, quote: u8) -> bool {
        let (n, base, max): (u32, u32, u32);
        let b = self.peek();
        if self.at_eof() {
            return true;
        }
        match b {
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.i += 1;
                return true;
            }
            _ if b == quote => {
                self.i += 1;
                return true;
            }
            b'0'..=b'7' => {
                n = 3;
                base = 8;
                max = 255;
            }
            b'x' => {
                self.i += 1;
                n = 2;
                base = 16;
                max = 255;
            }
            b'u' => {
                self.i += 1;
                n = 4;
                base = 16;
                max = 0x10ffff;
            }
            b'U' => {
                self.i += 1;
                n = 8;
                base = 16;
                max = 0x10ffff;
            }
            _ => {
                self.error_at(self.i, "unknown escape".into());
                return false;
            }
        }
        let mut x: u64 = 0;
        for _ in 0..n {
            if self.at_eof() {
                return true;
            }
            let (c, _) = self.cur_char();
            let cb = if (0..0x80).contains(&c) { c as u8 } else { 0xff };
            let d = if is_decimal(cb) {
                (cb - b'0') as u32
            } else if (b'a'..=b'f').contains(&lower(cb)) && cb < 0x80 {
                (lower(cb) - b'a') as u32 + 10
            } else {
                base
            };
            if d >= base {
                self.error_at(
                    self.i,
                    format!("invalid character {} in {} escape", quote_rune(c as u32), base_name(base)),
                );
                return false;
            }
            x = x * base as u64 + d as u64;
            self.i += 1;
        }
        if x > max as u64 && base == 8 {
            self.error_at(self.i, format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max as u64 || (0xD800..0xE000).contains(&x) {
            self.error_at(self.i, format!("escape is invalid Unicode code point {}", fmt_u(x as u32)));
            return false;
        }
        true
    }

    #[inline(never)]
    fn line_comment(&mut self, start: usize) {
        let src = self.src;
        let k = find_special(src, self.i, [b'\n']);
        let end = if src.get(k) == Some(&b'\n') {
            // plain ASCII without NUL up to the newline: nothing to check
            k
        } else {
            let rest = src.get(self.i..).unwrap_or(&[]);
            let end = match memchr::memchr(b'\n', rest) {
                Some(k) => self.i + k,
                None => src.len(),
            };
            self.check_segment(self.i, end);
            end
        };
        self.i = end;
        self.comments.push(Comment { start: start as u32, end: end as u32 });
        let text = &src[start + 2..end];
        if text.starts_with(b"go:") || text.starts_with(b"line ") {
            self.push_directive(start, end);
        }
    }

    #[inline(never)]
    fn full_comment(&mut self, start: usize) {
        let src = self.src;
        let rest = src.get(self.i..).unwrap_or(&[]);
        let (end, ok) = match memchr::memmem::find(rest, b"*/") {
            Some(k) => (self.i + k + 2, true),
            None => (src.len(), false),
        };
        self.check_segment(self.i, end);
        self.note_newlines(self.i, end);
        self.i = end;
        self.comments.push(Comment { start: start as u32, end: end as u32 });
        if !ok {
            self.error_at(start, "comment not terminated".into());
            return;
        }
        if src[start + 2..].starts_with(b"line ") {
            self.push_directive(start, end);
        }
    }

    #[inline(never)]
    fn push_directive(&mut self, start: usize, end: usize) {
        let line = self.cur_line();
        let ls = self.line_starts.last().copied().unwrap_or(0) as usize;
        // For a multi-line /* */ comment the line start moved; use the
        // comment's own first line.
        let (line, ls) = if ls > start {
            let idx = self.line_starts.partition_point(|&s| s as usize <= start);
            (idx as u32, self.line_starts.get(idx.saturating_sub(1)).copied().unwrap_or(0) as usize)
        } else {
            (line, ls)
        };
        let blank =
            self.src.get(ls..start).is_some_and(|s| s.iter().all(|&b| b == b' ' || b == b'\t' || b == b'\r'));
        self.pending = true;
        self.directives.push(DirectiveEvent {
            start: start as u32,
            end: end as u32,
            line,
            col: (start - ls + 1) as u32,
            blank,
        });
    }
}

/// Index of the first misplaced '_' in a number literal (gc's `invalidSep`).
fn invalid_sep(x: &[u8]) -> Option<usize> {
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = lower(x[1]);
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if is_decimal(d) || (x1 == b'x' && is_hex(d)) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}
