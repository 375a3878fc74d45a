//! Exact values of Go constants, mirroring go/constant: arbitrary-precision
//! integers, exact rationals for floating-point values (falling back to
//! 512-bit binary floats when numerator or denominator would exceed 4096
//! bits, as go/constant does), complex pairs, byte strings and booleans.
//! Arithmetic, comparison, shifts and the conversions the type checker
//! needs (`to_int`, `to_float`, `to_complex`, float32/float64 rounding and
//! representability) follow go/constant and types2's `representableConst`.
//! [`Value::exact_string`] prints exactly what `ExactString` prints.
//!
//! Operations never panic: an operation that go/constant would reject
//! (mismatched kinds, division by zero) yields [`Value::Unknown`].

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use go_syntax::{LitKind, Operator};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// go/constant's `prec`: mantissa bits of the float representation.
pub const FLOAT_PREC: u32 = 512;
/// go/constant's `maxExp`: fractions whose parts need this many bits or
/// more switch to the float representation.
const MAX_EXP: u64 = 4 << 10;
/// Decimal exponents beyond this are not evaluated (the value becomes
/// `Unknown`); go/constant would produce an inexact float.
const MAX_DECIMAL_EXP: i64 = 100_000;

/// The kind of a value (go/constant `Kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Unknown,
    Bool,
    String,
    Int,
    Float,
    Complex,
}

/// An integer constant: inline when it fits an i64 (nearly always: no
/// allocation to make, copy or drop it), else a big integer. Always
/// normalized (`Big` only outside the i64 range), so the derived equality
/// is value equality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Int {
    Small(i64),
    Big(Box<BigInt>),
}

impl Int {
    pub fn from_big(b: BigInt) -> Int {
        match b.to_i64() {
            Some(v) => Int::Small(v),
            None => Int::Big(Box::new(b)),
        }
    }

    /// The value as a big integer (made on the spot for small values).
    pub fn big(&self) -> Cow<'_, BigInt> {
        match self {
            Int::Small(v) => Cow::Owned(BigInt::from(*v)),
            Int::Big(b) => Cow::Borrowed(b),
        }
    }

    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Int::Small(v) => Some(*v),
            Int::Big(b) => b.to_i64(),
        }
    }

    pub fn to_u64(&self) -> Option<u64> {
        match self {
            Int::Small(v) => u64::try_from(*v).ok(),
            Int::Big(b) => b.to_u64(),
        }
    }

    pub fn sign(&self) -> Sign {
        match self {
            Int::Small(v) => match v.cmp(&0) {
                Ordering::Less => Sign::Minus,
                Ordering::Equal => Sign::NoSign,
                Ordering::Greater => Sign::Plus,
            },
            Int::Big(b) => b.sign(),
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self, Int::Small(0))
    }

    pub fn is_negative(&self) -> bool {
        self.sign() == Sign::Minus
    }

    /// Bits of the absolute value (big.Int `BitLen`).
    pub fn bits(&self) -> u64 {
        match self {
            Int::Small(v) => u64::from(64 - v.unsigned_abs().leading_zeros()),
            Int::Big(b) => b.bits(),
        }
    }

    fn neg(&self) -> Int {
        match self {
            Int::Small(v) => match v.checked_neg() {
                Some(n) => Int::Small(n),
                None => Int::from_big(-BigInt::from(*v)),
            },
            Int::Big(b) => Int::from_big(-&**b),
        }
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Int::Small(v) => write!(f, "{v}"),
            Int::Big(b) => write!(f, "{b}"),
        }
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Int::Small(a), Int::Small(b)) => a.cmp(b),
            _ => self.big().cmp(&other.big()),
        }
    }
}

/// A constant value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An unknown value (after errors or overflow to infinity).
    Unknown,
    Bool(bool),
    /// String bytes (Go strings need not be UTF-8).
    String(Arc<[u8]>),
    /// An integer (go/constant's int64Val and intVal).
    Int(Int),
    /// A floating-point value held as an exact fraction (go/constant's
    /// ratVal; the fraction may be integral, e.g. `2.0`).
    Rat(Box<BigRational>),
    /// A floating-point value too large or small for a reasonable fraction
    /// (go/constant's floatVal): the exact value of a 512-bit binary float.
    Float(Box<BigRational>),
    /// A complex value; both parts are `Int`, `Rat` or `Float`.
    Complex(Box<Value>, Box<Value>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.exact_string())
    }
}

/// Rounding modes of [`round_binary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    NearestEven,
    ToZero,
    AwayFromZero,
}

/// Rounds `|r|` (`r != 0`) to `mant` significant bits: returns `(m, e)`
/// with `|r| ~= m * 2^e`, `m < 2^mant` (or `m == 2^mant` never: it is
/// renormalized). `min_exp` bounds `e` from below (subnormals).
fn round_binary(r: &BigRational, mant: u32, min_exp: Option<i64>, mode: Mode) -> (BigInt, i64) {
    let p = r.numer().abs();
    let q = r.denom().abs();
    let k = p.bits() as i64 - q.bits() as i64;
    let mut e = k - mant as i64;
    let div = |e: i64| -> (BigInt, BigInt, BigInt) {
        let (num, den) = if e < 0 { (&p << (-e) as u64, q.clone()) } else { (p.clone(), &q << e as u64) };
        let (n, rem) = num.div_rem(&den);
        (n, rem, den)
    };
    let lo = BigInt::one() << (mant - 1) as usize;
    let hi = BigInt::one() << mant as usize;
    let (mut n, mut rem, mut den) = div(e);
    if n >= hi {
        e += 1;
        (n, rem, den) = div(e);
    } else if n < lo {
        e -= 1;
        (n, rem, den) = div(e);
    }
    if let Some(me) = min_exp
        && e < me
    {
        e = me;
        (n, rem, den) = div(e);
    }
    let up = match mode {
        Mode::ToZero => false,
        Mode::AwayFromZero => !rem.is_zero(),
        Mode::NearestEven => {
            let twice: BigInt = &rem << 1usize;
            match twice.cmp(&den) {
                Ordering::Greater => true,
                Ordering::Equal => n.is_odd(),
                Ordering::Less => false,
            }
        }
    };
    if up {
        n += 1;
        if n == hi {
            n >>= 1usize;
            e += 1;
        }
    }
    (n, e)
}

/// `m * 2^e` as a fraction, with the sign of `neg`.
fn from_binary(m: BigInt, e: i64, neg: bool) -> BigRational {
    let m = if neg { -m } else { m };
    if e >= 0 {
        BigRational::from_integer(m << e as u64)
    } else {
        BigRational::new(m, BigInt::one() << (-e) as u64)
    }
}

/// Rounds a fraction to the nearest 512-bit float (ToNearestEven).
fn round_prec(r: &BigRational) -> BigRational {
    if r.is_zero() {
        return BigRational::zero();
    }
    let (m, e) = round_binary(r, FLOAT_PREC, None, Mode::NearestEven);
    from_binary(m, e, r.is_negative())
}

/// Nearest IEEE binary value with `mant` mantissa bits, exponent range
/// `[min_exp, max)`: `None` on overflow to infinity.
fn round_ieee(r: &BigRational, mant: u32, min_exp: i64, max_bits: i64) -> Option<BigRational> {
    if r.is_zero() {
        return Some(BigRational::zero());
    }
    let (m, e) = round_binary(r, mant, Some(min_exp), Mode::NearestEven);
    if m.bits() as i64 + e > max_bits {
        return None;
    }
    Some(from_binary(m, e, r.is_negative()))
}

/// The nearest float64 of a fraction, as an exact fraction (`None`: ±Inf).
pub fn round_f64(r: &BigRational) -> Option<BigRational> {
    round_ieee(r, 53, -1074, 1024)
}

/// The nearest float32 of a fraction, as an exact fraction (`None`: ±Inf).
pub fn round_f32(r: &BigRational) -> Option<BigRational> {
    round_ieee(r, 24, -149, 128)
}

fn small_int(x: &BigInt) -> bool {
    x.bits() < MAX_EXP
}

/// go/constant's `makeRat`: a fraction, or a float when its parts are huge.
fn make_rat(r: BigRational) -> Value {
    if small_int(r.numer()) && small_int(r.denom()) { Value::Rat(Box::new(r)) } else { make_float(r) }
}

/// go/constant's `makeFloat` (the argument is rounded to 512 bits).
fn make_float(r: BigRational) -> Value {
    Value::Float(Box::new(round_prec(&r)))
}

/// Binary exponent of a non-zero fraction, as big.Float's `MantExp`
/// (`|r| = mant * 2^exp` with `0.5 <= mant < 1`).
fn mant_exp(r: &BigRational) -> i64 {
    let (m, e) = round_binary(r, FLOAT_PREC, None, Mode::NearestEven);
    m.bits() as i64 + e
}

fn small_float(r: &BigRational) -> bool {
    if r.is_zero() {
        return true;
    }
    let e = mant_exp(r);
    -(MAX_EXP as i64) < e && e < MAX_EXP as i64
}

impl Value {
    /// go/constant `MakeInt64`.
    pub fn from_i64(v: i64) -> Value {
        Value::Int(Int::Small(v))
    }

    /// go/constant `MakeUint64`.
    pub fn from_u64(v: u64) -> Value {
        match i64::try_from(v) {
            Ok(v) => Value::Int(Int::Small(v)),
            Err(_) => Value::Int(Int::from_big(BigInt::from(v))),
        }
    }

    /// go/constant `MakeString`.
    pub fn from_string(s: &str) -> Value {
        Value::String(Arc::from(s.as_bytes()))
    }

    /// go/constant `MakeFloat64` (`-0` becomes `0`; infinities and NaN
    /// become `Unknown`).
    pub fn from_f64(x: f64) -> Value {
        if !x.is_finite() {
            return Value::Unknown;
        }
        match BigRational::from_float(x) {
            Some(r) => Value::Rat(Box::new(r)),
            None => Value::Unknown,
        }
    }

    /// Whether the value is `Unknown` (cheaper than comparing with it).
    #[inline]
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// The kind of the value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Unknown => Kind::Unknown,
            Value::Bool(_) => Kind::Bool,
            Value::String(_) => Kind::String,
            Value::Int(_) => Kind::Int,
            Value::Rat(_) | Value::Float(_) => Kind::Float,
            Value::Complex(..) => Kind::Complex,
        }
    }

    /// go/constant `MakeFromLiteral`: the value of a literal's source text;
    /// `Unknown` if the text is malformed.
    pub fn from_literal(lit: &str, kind: LitKind) -> Value {
        let v = match kind {
            LitKind::Int => match parse_small_int(lit.as_bytes()) {
                Some(v) => Some(Value::from_u64(v)),
                None => parse_int(lit).map(|b| Value::Int(Int::from_big(b))),
            },
            LitKind::Float => float_from_literal(lit),
            LitKind::Imag => lit
                .strip_suffix('i')
                .and_then(float_from_literal)
                .map(|im| Value::Complex(Box::new(Value::from_i64(0)), Box::new(im))),
            LitKind::Rune => unquote_char(lit).map(|c| Value::from_i64(c as i64)),
            LitKind::String => unquote(lit).map(|s| Value::String(Arc::from(s))),
        };
        match v {
            Some(Value::Complex(_, im)) if im.is_unknown() => Value::Unknown,
            Some(v) => v,
            None => Value::Unknown,
        }
    }

    /// [`Value::from_literal`] of a literal's source bytes: integer
    /// literals that fit a u64 (nearly all) are read without a UTF-8 pass.
    pub fn from_literal_bytes(lit: &[u8], kind: LitKind) -> Value {
        if kind == LitKind::Int
            && let Some(v) = parse_small_int(lit)
        {
            return Value::from_u64(v);
        }
        match std::str::from_utf8(lit) {
            Ok(text) => Value::from_literal(text, kind),
            Err(_) => Value::from_literal(&String::from_utf8_lossy(lit), kind),
        }
    }

    /// go/constant `ExactString`.
    pub fn exact_string(&self) -> String {
        match self {
            Value::Unknown => "unknown".into(),
            Value::Bool(b) => b.to_string(),
            Value::String(s) => quote(s),
            Value::Int(i) => i.to_string(),
            Value::Rat(r) => {
                if r.is_integer() {
                    r.numer().to_string()
                } else {
                    format!("{}/{}", r.numer(), r.denom())
                }
            }
            Value::Float(r) => float_text_p(r),
            Value::Complex(re, im) => format!("({} + {}i)", re.exact_string(), im.exact_string()),
        }
    }

    /// The integer value, if the value is an `Int`.
    pub fn as_int(&self) -> Option<&Int> {
        match self {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    /// go/constant `Int64Val` (exact results only).
    pub fn to_i64(&self) -> Option<i64> {
        self.as_int().and_then(|i| i.to_i64())
    }

    /// go/constant `Uint64Val` (exact results only).
    pub fn to_u64(&self) -> Option<u64> {
        self.as_int().and_then(|i| i.to_u64())
    }

    /// go/constant `BoolVal` (false unless a `Bool`).
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// go/constant `StringVal` (empty unless a `String`).
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Value::String(s) => s,
            _ => &[],
        }
    }

    /// The exact fraction of an `Int`, `Rat` or `Float`.
    fn to_rat(&self) -> Option<BigRational> {
        match self {
            Value::Int(i) => Some(BigRational::from_integer(i.big().into_owned())),
            Value::Rat(r) | Value::Float(r) => Some((**r).clone()),
            _ => None,
        }
    }

    /// go/constant `Sign`: -1, 0 or 1 (1 for `Unknown`; for complex values
    /// 0 only when both parts are 0).
    pub fn sign(&self) -> i32 {
        match self {
            Value::Int(i) => sign_of(i.sign()),
            Value::Rat(r) | Value::Float(r) => sign_of(r.numer().sign()),
            Value::Complex(re, im) => re.sign() | im.sign(),
            _ => 1,
        }
    }

    /// go/constant `BitLen` of an `Int`'s absolute value (0 otherwise).
    pub fn bit_len(&self) -> u64 {
        self.as_int().map_or(0, |i| i.bits())
    }

    /// go/constant `ToInt`: the integer value if `x` has one (floats that
    /// are integers up to rounding errors included), else `Unknown`.
    pub fn to_int(&self) -> Value {
        match self {
            Value::Int(_) => self.clone(),
            Value::Rat(r) if r.is_integer() => Value::Int(Int::from_big(r.numer().clone())),
            Value::Float(r) => {
                if !small_float(r) {
                    return Value::Unknown;
                }
                if r.is_integer() {
                    return Value::Int(Int::from_big(r.numer().clone()));
                }
                if r.is_zero() {
                    return Value::from_i64(0);
                }
                // Accept values that are integers once rounded to a few
                // bits less precision (errors of earlier computations).
                for mode in [Mode::ToZero, Mode::AwayFromZero] {
                    let (m, e) = round_binary(r, FLOAT_PREC - 4, None, mode);
                    let t = from_binary(m, e, r.is_negative());
                    if t.is_integer() {
                        return Value::Int(Int::from_big(t.numer().clone()));
                    }
                }
                Value::Unknown
            }
            Value::Complex(..) => match self.to_float() {
                v @ (Value::Rat(_) | Value::Float(_)) => v.to_int(),
                _ => Value::Unknown,
            },
            _ => Value::Unknown,
        }
    }

    /// go/constant `ToFloat`.
    pub fn to_float(&self) -> Value {
        match self {
            Value::Int(i) => {
                let r = BigRational::from_integer(i.big().into_owned());
                if small_int(&i.big()) { Value::Rat(Box::new(r)) } else { make_float(r) }
            }
            Value::Rat(_) | Value::Float(_) => self.clone(),
            Value::Complex(re, im) if im.sign() == 0 => re.to_float(),
            _ => Value::Unknown,
        }
    }

    /// go/constant `ToComplex`.
    pub fn to_complex(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) => {
                Value::Complex(Box::new(self.clone()), Box::new(Value::from_i64(0)))
            }
            Value::Complex(..) => self.clone(),
            _ => Value::Unknown,
        }
    }

    /// go/constant `Real`.
    pub fn real(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) | Value::Unknown => self.clone(),
            Value::Complex(re, _) => (**re).clone(),
            _ => Value::Unknown,
        }
    }

    /// go/constant `Imag`.
    pub fn imag(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) => Value::from_i64(0),
            Value::Complex(_, im) => (**im).clone(),
            _ => Value::Unknown,
        }
    }

    /// go/constant `MakeImag`.
    pub fn make_imag(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) => {
                Value::Complex(Box::new(Value::from_i64(0)), Box::new(self.clone()))
            }
            _ => Value::Unknown,
        }
    }

    /// go/constant `Float64Val`: the nearest float64 (and whether exact).
    pub fn to_f64(&self) -> Option<(f64, bool)> {
        let r = self.to_rat()?;
        let Some(n) = round_f64(&r) else {
            return Some((if r.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY }, false));
        };
        let f = n.to_f64().unwrap_or(0.0);
        let f = if f == 0.0 && r.is_negative() { -0.0 } else { f };
        Some((f, n == r))
    }
}

fn sign_of(s: Sign) -> i32 {
    match s {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    }
}

/// Representation order of go/constant's `match`.
fn ord(x: &Value) -> u8 {
    match x {
        Value::Unknown => 0,
        Value::Bool(_) | Value::String(_) => 1,
        Value::Int(_) => 3,
        Value::Rat(_) => 4,
        Value::Float(_) => 5,
        Value::Complex(..) => 6,
    }
}

/// Converts the less complex of two values to the other's representation
/// (borrowing both when they already match, the common case).
fn matched<'a>(x: &'a Value, y: &'a Value) -> (Cow<'a, Value>, Cow<'a, Value>) {
    let (ox, oy) = (ord(x), ord(y));
    match ox.cmp(&oy) {
        Ordering::Equal => (Cow::Borrowed(x), Cow::Borrowed(y)),
        Ordering::Less => (Cow::Owned(promote(x, y)), Cow::Borrowed(y)),
        Ordering::Greater => (Cow::Borrowed(x), Cow::Owned(promote(y, x))),
    }
}

/// `x` in `to`'s representation (`Unknown` if impossible).
fn promote(x: &Value, to: &Value) -> Value {
    match (x, to) {
        (Value::Int(i), Value::Rat(_)) => {
            Value::Rat(Box::new(BigRational::from_integer(i.big().into_owned())))
        }
        (Value::Int(_) | Value::Rat(_), Value::Float(_)) => x.to_rat().map_or(Value::Unknown, make_float),
        (Value::Int(_) | Value::Rat(_) | Value::Float(_), Value::Complex(..)) => {
            Value::Complex(Box::new(x.clone()), Box::new(Value::from_i64(0)))
        }
        _ => Value::Unknown,
    }
}

fn make_complex(re: Value, im: Value) -> Value {
    if re.is_unknown() || im.is_unknown() {
        return Value::Unknown;
    }
    Value::Complex(Box::new(re), Box::new(im))
}

/// go/constant `UnaryOp` for `+`, `-`, `^` and `!`. `prec > 0` limits the
/// result of `^` to that many bits (unsigned types).
pub fn unary_op(op: Operator, y: &Value, prec: u32) -> Value {
    match (op, y) {
        (_, Value::Unknown) => Value::Unknown,
        (Operator::Add, Value::Int(_) | Value::Rat(_) | Value::Float(_) | Value::Complex(..)) => y.clone(),
        (Operator::Sub, Value::Int(i)) => Value::Int(i.neg()),
        (Operator::Sub, Value::Rat(r)) => make_rat(-&**r),
        (Operator::Sub, Value::Float(r)) => Value::Float(Box::new(-&**r)),
        (Operator::Sub, Value::Complex(re, im)) => {
            make_complex(unary_op(Operator::Sub, re, 0), unary_op(Operator::Sub, im, 0))
        }
        (Operator::Xor, Value::Int(Int::Small(v))) if prec < 63 => {
            let z = !v;
            Value::Int(Int::Small(if prec > 0 { z & ((1i64 << prec) - 1) } else { z }))
        }
        (Operator::Xor, Value::Int(i)) => {
            let mut z = !&*i.big();
            if prec > 0 {
                // z &^= -1 << prec
                let mask = (BigInt::one() << prec as usize) - 1;
                z &= mask;
            }
            Value::Int(Int::from_big(z))
        }
        (Operator::Not, Value::Bool(b)) => Value::Bool(!b),
        _ => Value::Unknown,
    }
}

/// go/constant `BinaryOp` for `+ - * / % & | ^ &^ && ||`. `/` on integers
/// gives an exact fraction (a `Float` kind value); use [`int_quo`] for
/// integer division.
pub fn binary_op(x: &Value, op: Operator, y: &Value) -> Value {
    let (x, y) = matched(x, y);
    match (&*x, &*y) {
        (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
        (Value::Bool(a), Value::Bool(b)) => match op {
            Operator::AndAnd => Value::Bool(*a && *b),
            Operator::OrOr => Value::Bool(*a || *b),
            _ => Value::Unknown,
        },
        (Value::Int(a), Value::Int(b)) => int_binary_op(a, op, b),
        (Value::Rat(a), Value::Rat(b)) => match op {
            Operator::Add => make_rat(&**a + &**b),
            Operator::Sub => make_rat(&**a - &**b),
            Operator::Mul => make_rat(&**a * &**b),
            Operator::Div if b.is_zero() => Value::Unknown,
            Operator::Div => make_rat(&**a / &**b),
            _ => Value::Unknown,
        },
        (Value::Float(a), Value::Float(b)) => match op {
            Operator::Add => make_float(&**a + &**b),
            Operator::Sub => make_float(&**a - &**b),
            Operator::Mul => make_float(&**a * &**b),
            Operator::Div if b.is_zero() => Value::Unknown,
            Operator::Div => make_float(&**a / &**b),
            _ => Value::Unknown,
        },
        (Value::Complex(a, b), Value::Complex(c, d)) => {
            let (a, b, c, d) = (&**a, &**b, &**c, &**d);
            let add = |x: &Value, y: &Value| binary_op(x, Operator::Add, y);
            let sub = |x: &Value, y: &Value| binary_op(x, Operator::Sub, y);
            let mul = |x: &Value, y: &Value| binary_op(x, Operator::Mul, y);
            let quo = |x: &Value, y: &Value| binary_op(x, Operator::Div, y);
            match op {
                Operator::Add => make_complex(add(a, c), add(b, d)),
                Operator::Sub => make_complex(sub(a, c), sub(b, d)),
                Operator::Mul => make_complex(sub(&mul(a, c), &mul(b, d)), add(&mul(b, c), &mul(a, d))),
                Operator::Div => {
                    let s = add(&mul(c, c), &mul(d, d));
                    let re = quo(&add(&mul(a, c), &mul(b, d)), &s);
                    let im = quo(&sub(&mul(b, c), &mul(a, d)), &s);
                    make_complex(re, im)
                }
                _ => Value::Unknown,
            }
        }
        (Value::String(a), Value::String(b)) if op == Operator::Add => {
            let mut s = Vec::with_capacity(a.len() + b.len());
            s.extend_from_slice(a);
            s.extend_from_slice(b);
            Value::String(Arc::from(s))
        }
        _ => Value::Unknown,
    }
}

/// [`binary_op`] on two integers: i64 arithmetic when it does not
/// overflow, big integers otherwise.
fn int_binary_op(a: &Int, op: Operator, b: &Int) -> Value {
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let r = match op {
            Operator::Add => x.checked_add(y),
            Operator::Sub => x.checked_sub(y),
            Operator::Mul => x.checked_mul(y),
            // Go's % truncates toward zero like Rust's.
            Operator::Rem if y != 0 => x.checked_rem(y),
            Operator::And => Some(x & y),
            Operator::Or => Some(x | y),
            Operator::Xor => Some(x ^ y),
            Operator::AndNot => Some(x & !y),
            _ => None,
        };
        if let Some(r) = r {
            return Value::Int(Int::Small(r));
        }
    }
    let (a, b) = (a.big(), b.big());
    let (a, b) = (&*a, &*b);
    let int = |v: BigInt| Value::Int(Int::from_big(v));
    match op {
        Operator::Add => int(a + b),
        Operator::Sub => int(a - b),
        Operator::Mul => int(a * b),
        Operator::Div if b.is_zero() => Value::Unknown,
        Operator::Div => make_rat(BigRational::new(a.clone(), b.clone())),
        Operator::Rem if b.is_zero() => Value::Unknown,
        Operator::Rem => int(a % b),
        Operator::And => int(a & b),
        Operator::Or => int(a | b),
        Operator::Xor => int(a ^ b),
        Operator::AndNot => int(a & !b),
        _ => Value::Unknown,
    }
}

/// Integer division truncating toward zero (go/constant `BinaryOp` with
/// `token.QUO_ASSIGN`); `Unknown` unless both are integers and `y != 0`.
pub fn int_quo(x: &Value, y: &Value) -> Value {
    match (x, y) {
        (Value::Int(Int::Small(a)), Value::Int(Int::Small(b))) if *b != 0 && a.checked_div(*b).is_some() => {
            Value::Int(Int::Small(a / b))
        }
        (Value::Int(a), Value::Int(b)) if !b.is_zero() => Value::Int(Int::from_big(&*a.big() / &*b.big())),
        _ => Value::Unknown,
    }
}

/// go/constant `Shift` (`<<` or `>>` of an integer by `s` bits; `>>`
/// rounds toward negative infinity).
pub fn shift(x: &Value, op: Operator, s: u64) -> Value {
    match (x, op) {
        (Value::Int(Int::Small(v)), Operator::Shl) if s < 63 && (v << s) >> s == *v => {
            Value::Int(Int::Small(v << s))
        }
        // Arithmetic shift rounds toward negative infinity, as big.Int's.
        (Value::Int(Int::Small(v)), Operator::Shr) => {
            Value::Int(Int::Small(if s >= 64 { v >> 63 } else { v >> s }))
        }
        (Value::Int(i), Operator::Shl) => Value::Int(Int::from_big(&*i.big() << s)),
        (Value::Int(i), Operator::Shr) => Value::Int(Int::from_big(&*i.big() >> s)),
        _ => Value::Unknown,
    }
}

/// go/constant `Compare` (false if either operand is `Unknown` or the
/// comparison is undefined).
pub fn compare(x: &Value, op: Operator, y: &Value) -> bool {
    let (x, y) = matched(x, y);
    let ord = match (&*x, &*y) {
        (Value::Bool(a), Value::Bool(b)) => {
            return match op {
                Operator::Eql => a == b,
                Operator::Neq => a != b,
                _ => false,
            };
        }
        (Value::Complex(a, b), Value::Complex(c, d)) => {
            let eq = compare(a, Operator::Eql, c) && compare(b, Operator::Eql, d);
            return match op {
                Operator::Eql => eq,
                Operator::Neq => !eq,
                _ => false,
            };
        }
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Rat(a), Value::Rat(b)) | (Value::Float(a), Value::Float(b)) => a.cmp(b),
        (Value::String(a), Value::String(b)) => a.cmp(b),
        _ => return false,
    };
    match op {
        Operator::Eql => ord == Ordering::Equal,
        Operator::Neq => ord != Ordering::Equal,
        Operator::Lss => ord == Ordering::Less,
        Operator::Leq => ord != Ordering::Greater,
        Operator::Gtr => ord == Ordering::Greater,
        Operator::Geq => ord != Ordering::Less,
        _ => false,
    }
}

/// The basic type a constant is checked against by [`representable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A sized integer type.
    Int {
        bits: u32,
        signed: bool,
    },
    UntypedInt,
    Float32,
    Float64,
    UntypedFloat,
    Complex64,
    Complex128,
    UntypedComplex,
    String,
    Bool,
}

/// types2's `representableConst`: `Some(rounded value)` if `x` can be
/// represented by the target type (floats rounded to float32/float64 the
/// way types2 rounds them), else `None`. `Unknown` is always representable.
pub fn representable(x: &Value, target: Target) -> Option<Value> {
    if x.is_unknown() {
        return Some(Value::Unknown);
    }
    let round_float = |v: &Value, f32: bool| -> Option<Value> {
        let r = v.to_rat()?;
        let rounded = if f32 { round_f32(&r) } else { round_f64(&r) }?;
        Some(Value::Rat(Box::new(rounded)))
    };
    match target {
        Target::Int { bits, signed } => {
            // Integers that fit an i64 (nearly all): plain arithmetic.
            if let Value::Int(i) = x
                && let Some(n) = i.to_i64()
            {
                let ok = match (signed, bits) {
                    (true, 0) => false,
                    (true, b) if b >= 64 => true,
                    (true, b) => {
                        let lim = 1i64 << (b - 1);
                        -lim <= n && n < lim
                    }
                    (false, b) => n >= 0 && (b >= 64 || (n as u64) >> b == 0),
                };
                return ok.then(|| x.clone());
            }
            let v = x.to_int();
            let i = v.as_int()?;
            let ok = if signed {
                let lim = BigInt::one() << (bits - 1) as usize;
                let i = i.big();
                *i >= -lim.clone() && *i < lim
            } else {
                !i.is_negative() && i.bits() <= bits as u64
            };
            ok.then_some(v)
        }
        Target::UntypedInt => {
            let v = x.to_int();
            (v.kind() == Kind::Int).then_some(v)
        }
        Target::Float32 | Target::Float64 => {
            let v = x.to_float();
            if v.kind() != Kind::Float {
                return None;
            }
            round_float(&v, target == Target::Float32)
        }
        Target::UntypedFloat => {
            let v = x.to_float();
            (v.kind() == Kind::Float).then_some(v)
        }
        Target::Complex64 | Target::Complex128 => {
            let v = x.to_complex();
            if v.kind() != Kind::Complex {
                return None;
            }
            let f32 = target == Target::Complex64;
            let re = round_float(&v.real(), f32)?;
            let im = round_float(&v.imag(), f32)?;
            Some(binary_op(&re, Operator::Add, &im.make_imag()))
        }
        Target::UntypedComplex => {
            let v = x.to_complex();
            (v.kind() == Kind::Complex).then_some(v)
        }
        Target::String => (x.kind() == Kind::String).then(|| x.clone()),
        Target::Bool => (x.kind() == Kind::Bool).then(|| x.clone()),
    }
}

/// big.Float's `Text('p', 0)`: `0x.<hex mantissa>p<exp>` (or `0`).
fn float_text_p(r: &BigRational) -> String {
    if r.is_zero() {
        return "0".into();
    }
    let (m, e) = round_binary(r, FLOAT_PREC, None, Mode::NearestEven);
    let b = m.bits() as i64;
    let exp = e + b;
    let pad = (4 - b % 4) % 4;
    let digits = (m << pad as u64).to_str_radix(16);
    let digits = digits.trim_end_matches('0');
    let sign = if r.is_negative() { "-" } else { "" };
    let esign = if exp >= 0 { "+" } else { "" };
    format!("{sign}0x.{digits}p{esign}{exp}")
}

/// An integer literal's value (any base, `_` separators, legacy octal), of
/// any size; callers try [`parse_small_int`] first.
fn parse_int(lit: &str) -> Option<BigInt> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = match s.get(..2) {
        Some("0x" | "0X") => (&s[2..], 16),
        Some("0b" | "0B") => (&s[2..], 2),
        Some("0o" | "0O") => (&s[2..], 8),
        _ if s.len() > 1 && s.starts_with('0') => (&s[1..], 8),
        _ => (&s[..], 10),
    };
    if digits.is_empty() {
        return None;
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// An integer literal of up to 15 digits (any base prefix, `_`
/// separators) without allocating; `None` for anything else.
fn parse_small_int(b: &[u8]) -> Option<u64> {
    let (digits, radix): (&[u8], u64) = match b {
        [b'0', b'x' | b'X', rest @ ..] => (rest, 16),
        [b'0', b'b' | b'B', rest @ ..] => (rest, 2),
        [b'0', b'o' | b'O', rest @ ..] => (rest, 8),
        [b'0', rest @ ..] if !rest.is_empty() => (rest, 8),
        _ => (b, 10),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut v: u64 = 0;
    let mut any = false;
    for &c in digits {
        let d = match c {
            b'0'..=b'9' => (c - b'0') as u64,
            b'a'..=b'f' => (c - b'a' + 10) as u64,
            b'A'..=b'F' => (c - b'A' + 10) as u64,
            b'_' => continue,
            _ => return None,
        };
        if d >= radix {
            return None;
        }
        v = v * radix + d;
        any = true;
    }
    any.then_some(v)
}

/// The exact fraction of a floating-point literal.
fn parse_float_rat(lit: &str) -> Option<BigRational> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let (hex, body) = match s.get(..2) {
        Some("0x" | "0X") => (true, &s[2..]),
        _ => (false, &s[..]),
    };
    let exp_chars: &[char] = if hex { &['p', 'P'] } else { &['e', 'E'] };
    let (mant, exp) = match body.find(exp_chars) {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
        None if hex => return None,
        None => (body, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    let all = format!("{int_part}{frac_part}");
    if all.is_empty() {
        return None;
    }
    let radix = if hex { 16 } else { 10 };
    let m = BigInt::parse_bytes(all.as_bytes(), radix)?;
    if m.is_zero() {
        return Some(BigRational::zero());
    }
    if hex {
        // value = m * 16^-len(frac) * 2^exp
        let e2 = exp.checked_sub(4 * frac_part.len() as i64)?;
        if e2.abs() > MAX_DECIMAL_EXP * 4 {
            return None;
        }
        return Some(from_binary(m, e2, false));
    }
    let e10 = exp.checked_sub(frac_part.len() as i64)?;
    if e10.abs() > MAX_DECIMAL_EXP {
        return None;
    }
    let p = num_traits::pow(BigInt::from(10), e10.unsigned_abs() as usize);
    Some(if e10 >= 0 { BigRational::from_integer(m * p) } else { BigRational::new(m, p) })
}

/// go/constant's `makeFloatFromLiteral`.
fn float_from_literal(lit: &str) -> Option<Value> {
    let r = parse_float_rat(lit)?;
    if small_float(&r) { Some(Value::Rat(Box::new(r))) } else { Some(make_float(r)) }
}

/// Decodes one escape or character at the start of `s` (strconv
/// `UnquoteChar`): (value, is a raw byte (\x or octal), rest).
fn unquote_one(s: &[u8], quote: u8) -> Option<(u32, bool, &[u8])> {
    let (&c, rest) = s.split_first()?;
    if c == quote && quote != 0 {
        return None;
    }
    if c != b'\\' {
        if c < 0x80 {
            return Some((c as u32, false, rest));
        }
        let len = match c {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => 1,
        };
        let bytes = s.get(..len)?;
        return match std::str::from_utf8(bytes).ok().and_then(|t| t.chars().next()) {
            Some(ch) => Some((ch as u32, false, &s[len..])),
            // Invalid UTF-8 stands for itself (U+FFFD in a rune literal).
            None => Some((0xfffd, false, rest)),
        };
    }
    let (&e, rest) = rest.split_first()?;
    Some(match e {
        b'a' => (7, false, rest),
        b'b' => (8, false, rest),
        b'f' => (12, false, rest),
        b'n' => (10, false, rest),
        b'r' => (13, false, rest),
        b't' => (9, false, rest),
        b'v' => (11, false, rest),
        b'\\' => (b'\\' as u32, false, rest),
        b'\'' | b'"' => (e as u32, false, rest),
        b'x' => {
            let (v, r) = hex(rest, 2)?;
            (v, true, r)
        }
        b'u' => {
            let (v, r) = hex(rest, 4)?;
            char::from_u32(v)?;
            (v, false, r)
        }
        b'U' => {
            let (v, r) = hex(rest, 8)?;
            char::from_u32(v)?;
            (v, false, r)
        }
        b'0'..=b'7' => {
            let d = std::str::from_utf8(s.get(1..4)?).ok()?;
            let v = u32::from_str_radix(d, 8).ok()?;
            if v > 255 {
                return None;
            }
            (v, true, &s[4..])
        }
        _ => return None,
    })
}

/// `n` hex digits at the start of `rest`: (value, remaining input).
fn hex(rest: &[u8], n: usize) -> Option<(u32, &[u8])> {
    let d = std::str::from_utf8(rest.get(..n)?).ok()?;
    Some((u32::from_str_radix(d, 16).ok()?, &rest[n..]))
}

/// A rune literal's value.
fn unquote_char(lit: &str) -> Option<u32> {
    let inner = lit.strip_prefix('\'')?.strip_suffix('\'')?;
    let (v, _, rest) = unquote_one(inner.as_bytes(), b'\'')?;
    rest.is_empty().then_some(v)
}

/// A string literal's bytes (interpreted or raw; raw strings drop `\r`).
fn unquote(lit: &str) -> Option<Vec<u8>> {
    if let Some(raw) = lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        return Some(raw.bytes().filter(|&b| b != b'\r').collect());
    }
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut s = inner.as_bytes();
    let mut out = Vec::with_capacity(s.len());
    while !s.is_empty() {
        if s[0] >= 0x80 {
            // Copy raw (possibly invalid) UTF-8 through unchanged.
            out.push(s[0]);
            s = &s[1..];
            continue;
        }
        let (v, byte, rest) = unquote_one(s, b'"')?;
        if byte || v < 0x80 {
            out.push(v as u8);
        } else {
            let ch = char::from_u32(v)?;
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        s = rest;
    }
    Some(out)
}

/// Whether strconv prints a rune as is (`strconv.IsPrint`, from the
/// generated [`isprint::PRINT_RANGES`] table).
fn is_print(c: char) -> bool {
    let v = c as u32;
    let i = isprint::PRINT_RANGES.partition_point(|&(lo, _)| lo <= v);
    i > 0 && isprint::PRINT_RANGES[i - 1].1 >= v
}

/// strconv `Quote`: a double-quoted Go string literal for `s`.
pub fn quote(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b >= 0x80 {
            let len = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => 1,
            };
            let ch =
                s.get(i..i + len).and_then(|t| std::str::from_utf8(t).ok()).and_then(|t| t.chars().next());
            match ch {
                Some(c) => {
                    if is_print(c) {
                        out.push(c);
                    } else if (c as u32) < 0x10000 {
                        out.push_str(&format!("\\u{:04x}", c as u32));
                    } else {
                        out.push_str(&format!("\\U{:08x}", c as u32));
                    }
                    i += len;
                }
                None => {
                    out.push_str(&format!("\\x{b:02x}"));
                    i += 1;
                }
            }
            continue;
        }
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            7 => out.push_str("\\a"),
            8 => out.push_str("\\b"),
            12 => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            11 => out.push_str("\\v"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
        i += 1;
    }
    out.push('"');
    out
}

mod isprint;

#[cfg(test)]
mod tests;
