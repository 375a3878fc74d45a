//! Tokens and operators of the Go language, mirroring gc's `syntax/tokens.go`
//! (`token`, `Operator`, `LitKind`) including gc's precedence levels and the
//! English spellings used in error messages (`tokstring`).

/// A lexical token kind (gc's `token`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u8)]
pub enum Token {
    Eof = 0,
    Name,
    Literal,
    Operator,
    AssignOp,
    IncOp,
    Assign,
    Define,
    Arrow,
    Star,
    Lparen,
    Lbrack,
    Lbrace,
    Rparen,
    Rbrack,
    Rbrace,
    Comma,
    Semi,
    Colon,
    Dot,
    DotDotDot,
    // keywords
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

impl Token {
    /// gc's `token.String()`.
    pub fn as_str(self) -> &'static str {
        use Token::*;
        match self {
            Eof => "EOF",
            Name => "name",
            Literal => "literal",
            Operator => "op",
            AssignOp => "op=",
            IncOp => "opop",
            Assign => "=",
            Define => ":=",
            Arrow => "<-",
            Star => "*",
            Lparen => "(",
            Lbrack => "[",
            Lbrace => "{",
            Rparen => ")",
            Rbrack => "]",
            Rbrace => "}",
            Comma => ",",
            Semi => ";",
            Colon => ":",
            Dot => ".",
            DotDotDot => "...",
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
        }
    }

    /// Whether the token is a keyword.
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (Token::Break as u8)
    }

    /// Bit for token sets (`u64` masks as in gc's `contains`).
    #[inline]
    pub(crate) fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// gc's `tokstring`: English word for some punctuation, "keyword x" for keywords.
    pub fn tokstring(self) -> String {
        match self {
            Token::Comma => "comma".to_string(),
            Token::Semi => "semicolon or newline".to_string(),
            t if t.is_keyword() => format!("keyword {}", t.as_str()),
            t => t.as_str().to_string(),
        }
    }
}

/// All keywords, in token order.
pub const KEYWORDS: [Token; 25] = {
    use Token::*;
    [
        Break,
        Case,
        Chan,
        Const,
        Continue,
        Default,
        Defer,
        Else,
        Fallthrough,
        For,
        Func,
        Go,
        Goto,
        If,
        Import,
        Interface,
        Map,
        Package,
        Range,
        Return,
        Select,
        Struct,
        Switch,
        Type,
        Var,
    ]
};

const KEYWORD_STRS: [&str; 25] = [
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Perfect hash of a keyword candidate (same scheme as gc's scanner).
#[inline]
const fn kw_hash(b0: u8, b1: u8, len: usize) -> usize {
    ((((b0 as usize) << 4) ^ (b1 as usize)) + len) & 63
}

/// Keyword index + 1 per hash slot (0 = none).
static KEYWORD_TABLE: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut i = 0;
    while i < KEYWORD_STRS.len() {
        let b = KEYWORD_STRS[i].as_bytes();
        let h = kw_hash(b[0], b[1], b.len());
        assert!(t[h] == 0, "imperfect keyword hash");
        t[h] = (i + 1) as u8;
        i += 1;
    }
    t
};

/// Per hash slot: the keyword's first (up to) 8 bytes as a little-endian
/// word (zero-padded; 0 = no keyword), its length and token.
static KEYWORD_WORDS: [(u64, u8, Token); 64] = {
    let mut t = [(0u64, 0u8, Token::Eof); 64];
    let mut i = 0;
    while i < KEYWORD_STRS.len() {
        let b = KEYWORD_STRS[i].as_bytes();
        let mut w = 0u64;
        let mut k = 0;
        while k < b.len() && k < 8 {
            w |= (b[k] as u64) << (8 * k);
            k += 1;
        }
        t[kw_hash(b[0], b[1], b.len())] = (w, b.len() as u8, KEYWORDS[i]);
        i += 1;
    }
    t
};

/// `keyword(s)` for an identifier `s` of `len <= 8` bytes whose bytes, as a
/// little-endian word zero-padded past `len`, are `word`.
#[inline(always)]
pub(crate) fn keyword_word(word: u64, len: usize) -> Option<Token> {
    let (w, n, tok) = KEYWORD_WORDS[kw_hash(word as u8, (word >> 8) as u8, len)];
    if w == word && n as usize == len { Some(tok) } else { None }
}

/// Looks up a keyword by its spelling.
#[inline(always)]
pub fn keyword(s: &[u8]) -> Option<Token> {
    if s.len() < 2 {
        return None;
    }
    let k = KEYWORD_TABLE[kw_hash(s[0], s[1], s.len())];
    if k == 0 {
        return None;
    }
    let i = (k - 1) as usize;
    let k = KEYWORD_STRS[i].as_bytes();
    // short byte-wise compare (avoids a memcmp call)
    if k.len() == s.len() && k.iter().zip(s).all(|(a, b)| a == b) { Some(KEYWORDS[i]) } else { None }
}

/// Kind of a basic literal (gc's `LitKind`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// Unary and binary operators (gc's `Operator`); `None` is gc's zero value,
/// used by plain `=` assignments.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Default)]
#[repr(u8)]
pub enum Operator {
    #[default]
    None = 0,
    /// `:` (used by `AssignStmt` for `:=`)
    Def,
    Not,
    Recv,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

impl Operator {
    /// gc's `Operator.String()`.
    pub fn as_str(self) -> &'static str {
        use Operator::*;
        match self {
            None => "",
            Def => ":",
            Not => "!",
            Recv => "<-",
            Tilde => "~",
            OrOr => "||",
            AndAnd => "&&",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
            Add => "+",
            Sub => "-",
            Or => "|",
            Xor => "^",
            Mul => "*",
            Div => "/",
            Rem => "%",
            And => "&",
            AndNot => "&^",
            Shl => "<<",
            Shr => ">>",
        }
    }
}

/// Operator precedences as in gc.
pub const PREC_OR_OR: u8 = 1;
pub const PREC_AND_AND: u8 = 2;
pub const PREC_CMP: u8 = 3;
pub const PREC_ADD: u8 = 4;
pub const PREC_MUL: u8 = 5;
