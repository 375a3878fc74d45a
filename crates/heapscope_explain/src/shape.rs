//! The catalogue of heap-site shapes: what allocates, in words a Go developer acts on, with the
//! usual fix and the Go versions where the compiler's behaviour differs.

use heapscope_model::GoVersion;
use serde::{Deserialize, Serialize};

/// What allocates. One SARIF rule per shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// `&x` of a local variable outlives the function.
    AddressOfLocal,
    /// A variable captured by reference by a closure that escapes.
    ClosureCapture,
    /// A non-pointer value converted to an interface (boxed).
    InterfaceConversion,
    /// A value boxed for a variadic `...any` parameter (fmt, log, errors).
    VariadicInterface,
    /// The implicit slice of a variadic call escapes.
    VariadicSlice,
    /// A function literal escapes.
    Closure,
    /// A method value (`x.M` not called) allocates a closure.
    MethodValue,
    /// `new(T)` or `&T{...}`.
    NewObject,
    /// A slice or map literal.
    CompositeLiteral,
    /// `make` of a slice or map, constant size.
    Make,
    /// `make` with a size known only at run time.
    NonConstantMake,
    /// Larger than the stack limits.
    TooLarge,
    /// Alignment above the stack's.
    TooAligned,
    /// `make` of zero-sized elements (1.25+).
    ZeroSizedElement,
    /// `append` growing a backing store that escapes.
    AppendGrowth,
    /// `string(b)`, `[]byte(s)`, `[]rune(s)` and friends.
    StringConversion,
    /// `a + b` on strings.
    StringConcat,
    /// A parameter the function lets leak to the heap.
    ParameterLeak,
    /// The messages do not decide.
    Unknown,
}

/// How often the allocation can be avoided by changing the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Avoidable {
    Usually,
    Sometimes,
    Rarely,
}

/// Static text for a shape.
#[derive(Debug, Clone, Copy)]
pub struct ShapeInfo {
    pub shape: Shape,
    /// Short name (SARIF rule name, human title).
    pub name: &'static str,
    /// Plain-language explanation.
    pub why: &'static str,
    pub avoidable: Avoidable,
    /// The usual fix.
    pub fix: &'static str,
}

/// A note that applies from (and including) `since` to (excluding) `until`.
#[derive(Debug, Clone, Copy)]
pub struct VersionNote {
    pub since: Option<u32>,
    pub until: Option<u32>,
    pub text: &'static str,
}

impl Shape {
    pub const ALL: [Shape; 19] = [
        Shape::AddressOfLocal,
        Shape::ClosureCapture,
        Shape::InterfaceConversion,
        Shape::VariadicInterface,
        Shape::VariadicSlice,
        Shape::Closure,
        Shape::MethodValue,
        Shape::NewObject,
        Shape::CompositeLiteral,
        Shape::Make,
        Shape::NonConstantMake,
        Shape::TooLarge,
        Shape::TooAligned,
        Shape::ZeroSizedElement,
        Shape::AppendGrowth,
        Shape::StringConversion,
        Shape::StringConcat,
        Shape::ParameterLeak,
        Shape::Unknown,
    ];

    /// The kebab-case id (`address-of-local`), also the SARIF rule id.
    pub fn id(self) -> &'static str {
        match self {
            Shape::AddressOfLocal => "address-of-local",
            Shape::ClosureCapture => "closure-capture",
            Shape::InterfaceConversion => "interface-conversion",
            Shape::VariadicInterface => "variadic-interface",
            Shape::VariadicSlice => "variadic-slice",
            Shape::Closure => "closure",
            Shape::MethodValue => "method-value",
            Shape::NewObject => "new-object",
            Shape::CompositeLiteral => "composite-literal",
            Shape::Make => "make",
            Shape::NonConstantMake => "non-constant-make",
            Shape::TooLarge => "too-large",
            Shape::TooAligned => "too-aligned",
            Shape::ZeroSizedElement => "zero-sized-element",
            Shape::AppendGrowth => "append-growth",
            Shape::StringConversion => "string-conversion",
            Shape::StringConcat => "string-concat",
            Shape::ParameterLeak => "parameter-leak",
            Shape::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn info(self) -> ShapeInfo {
        use Avoidable::*;
        let (name, why, avoidable, fix) = match self {
            Shape::AddressOfLocal => (
                "Address of a local outlives its frame",
                "The variable's address is kept somewhere that lives longer than the function call (a result, the heap, a longer-lived variable, or a callee that keeps it), so the variable itself must live on the heap.",
                Usually,
                "Return or store the value instead of its address; let the caller own the memory (pass a pointer to a caller-owned value, or use a `func (t *T) Init(...)` style API); avoid keeping pointers to short-lived locals.",
            ),
            Shape::ClosureCapture => (
                "Variable captured by reference by an escaping closure",
                "A closure that outlives the function captures this variable by reference (it is reassigned, its address is taken, or it is larger than 128 bytes), so the variable moves to the heap together with the closure.",
                Usually,
                "Capture a copy that is never reassigned (`c := c` before the closure), pass the value as a parameter, or replace the closure by a small struct with a method.",
            ),
            Shape::InterfaceConversion => (
                "Value boxed into an interface",
                "Converting a non-pointer value to an interface stores a copy of it in a heap cell when the interface outlives the call (returned, stored, or passed to something that keeps it).",
                Usually,
                "Accept and return concrete types on hot paths; use generics instead of `any`; keep the value in a concrete field; store pointers in interfaces only when the pointee must be shared anyway.",
            ),
            Shape::VariadicInterface => (
                "Value boxed for a variadic ...any call",
                "Each argument of a `...any` parameter (fmt.Printf, log.Println, errors.Join) is converted to an interface; the callee keeps the slice's contents, so every non-pointer argument is boxed on the heap.",
                Usually,
                "Keep fmt and log out of hot paths: use strconv.Append*/AppendInt with a reused buffer, a structured logger with typed fields (slog.Int, zap.Int), or check the log level before formatting.",
            ),
            Shape::VariadicSlice => (
                "Variadic argument slice escapes",
                "The implicit slice built for a `...` parameter is kept by the callee, so it is allocated on the heap.",
                Sometimes,
                "Pass an explicit slice that is reused across calls, or provide a non-variadic variant of the function.",
            ),
            Shape::Closure => (
                "Closure escapes",
                "The function literal outlives the call (returned, stored, started as a goroutine, or deferred in a loop), so its context is allocated on the heap.",
                Sometimes,
                "Hoist the closure out of hot loops, use a method value on a long-lived struct, or pass data as parameters instead of capturing it.",
            ),
            Shape::MethodValue => (
                "Method value allocates",
                "Taking `x.M` without calling it builds a closure binding the receiver; when the value outlives the call it is heap allocated.",
                Usually,
                "Call the method directly, pass the receiver and use a method expression (`T.M`), or create the method value once and reuse it.",
            ),
            Shape::NewObject => (
                "Allocated object escapes",
                "`new(T)` or `&T{...}` is heap allocated because the pointer outlives the function.",
                Sometimes,
                "Return the struct by value, or let the caller provide the memory (`func (t *T) Reset(...)`); pool long-lived objects with sync.Pool.",
            ),
            Shape::CompositeLiteral => (
                "Slice or map literal escapes",
                "The literal's backing array or map is kept beyond the function, so it is heap allocated.",
                Sometimes,
                "Reuse a package-level read-only value, or let the caller pass a buffer in.",
            ),
            Shape::Make => (
                "make escapes",
                "The slice or map built by `make` is kept beyond the function, so its storage is heap allocated.",
                Sometimes,
                "Let the caller pass a buffer to fill (`dst []T` / append-style API), or reuse buffers with sync.Pool.",
            ),
            Shape::NonConstantMake => (
                "make with a size known only at run time",
                "The compiler can only place a `make` on the stack when it knows the size at compile time (Go 1.25+: or when it fits a 32-byte stack buffer at run time); otherwise the backing store comes from the heap.",
                Usually,
                "Use a constant size (`make([]T, 0, 64)`) with an upper bound, or a fixed-size array on the stack (`var buf [64]T; s := buf[:0]`), falling back to the heap only for large inputs.",
            ),
            Shape::TooLarge => (
                "Too large for the stack",
                "Values above the stack limits are always heap allocated: 64 KiB for implicit allocations (new, &T{}, make, literals, closures) and, for declared variables, 128 KiB since Go 1.24 (10 MiB before).",
                Sometimes,
                "Allocate the buffer once and reuse it (a field, sync.Pool), or process the data in smaller chunks.",
            ),
            Shape::TooAligned => (
                "Too aligned for the stack",
                "The type needs more alignment than the stack guarantees, so it is heap allocated.",
                Rarely,
                "Reduce the alignment requirement or allocate once and reuse.",
            ),
            Shape::ZeroSizedElement => (
                "make of zero-sized elements",
                "Go 1.25+ sends `make` of zero-sized elements to the heap (it costs nothing: all zero-sized allocations share one address).",
                Rarely,
                "Nothing to do: zero-sized allocations do not allocate memory.",
            ),
            Shape::AppendGrowth => (
                "append grows a backing store that escapes",
                "When append needs more capacity it allocates a new backing array; because the slice outlives the function, that array is on the heap.",
                Sometimes,
                "Preallocate with the final capacity (`make([]T, 0, n)`), reuse the slice across calls (`s = s[:0]`), or let the caller pass the destination (append-style API).",
            ),
            Shape::StringConversion => (
                "string/[]byte conversion copies to the heap",
                "Converting between string and []byte or []rune copies the data; the copy is heap allocated when it outlives the call or is larger than 32 bytes.",
                Usually,
                "Work on []byte end to end (bytes package, strconv.Append*), use map lookups `m[string(b)]` (optimised, no copy), or unsafe.String/unsafe.Slice where immutability is guaranteed.",
            ),
            Shape::StringConcat => (
                "String concatenation allocates",
                "`a + b` builds a new string; it is heap allocated when it outlives the call or exceeds the 32-byte stack buffer.",
                Sometimes,
                "Build with a strings.Builder or an append-style []byte buffer sized once (`Grow`), and convert once at the end.",
            ),
            Shape::ParameterLeak => (
                "Parameter leaks to the heap",
                "The function stores this parameter (or what it points to) where it outlives the call, so every caller's argument must be heap allocated.",
                Sometimes,
                "Copy what you need instead of keeping the pointer; accept values instead of pointers for small structs; make the leaking path explicit (a constructor that takes ownership).",
            ),
            Shape::Unknown => (
                "Heap allocation",
                "The compiler's messages do not tell which construct allocates here; run with -m 2 for the flow.",
                Sometimes,
                "Look at the flow (`heapscope explain FILE:LINE`) to see where the value leaves the function.",
            ),
        };
        ShapeInfo { shape: self, name, why, avoidable, fix }
    }

    /// Notes on how the compiler's behaviour or messages differ between Go releases.
    pub fn version_notes(self) -> &'static [VersionNote] {
        match self {
            Shape::NonConstantMake => &[
                VersionNote {
                    since: None,
                    until: Some(25),
                    text: "before Go 1.25 every make with a non-constant size is heap allocated (-m=2 reason `non-constant size`)",
                },
                VersionNote {
                    since: Some(25),
                    until: None,
                    text: "Go 1.25+: a non-constant make that does not escape uses a 32-byte stack buffer when the data fits and calls the heap allocator otherwise, although -m says `does not escape`",
                },
            ],
            Shape::TooLarge => &[
                VersionNote {
                    since: None,
                    until: Some(24),
                    text: "before Go 1.24 declared variables stay on the stack up to 10 MiB",
                },
                VersionNote {
                    since: Some(24),
                    until: None,
                    text: "Go 1.24+: declared variables above 128 KiB go to the heap (golang/go#73536)",
                },
            ],
            Shape::InterfaceConversion | Shape::VariadicInterface => &[VersionNote {
                since: Some(25),
                until: None,
                text: "Go 1.25+: constants, zero-sized and single-byte values converted to interfaces use read-only data and do not allocate, although -m may still say `escapes to heap`; -m prints the literal instead of the variable when its value is constant",
            }],
            Shape::AppendGrowth => &[
                VersionNote {
                    since: None,
                    until: Some(25),
                    text: "before Go 1.25 the compiler prints no message for append's backing store",
                },
                VersionNote {
                    since: Some(26),
                    until: None,
                    text: "Go 1.26+: append may grow into stack buffers and move the result to the heap once (move2heap); the -m text is unchanged",
                },
            ],
            Shape::ClosureCapture | Shape::Closure => &[
                VersionNote {
                    since: Some(22),
                    until: None,
                    text: "Go 1.22+: loop variables are per-iteration, so a closure in a loop captures a fresh variable each iteration",
                },
                VersionNote {
                    since: Some(24),
                    until: None,
                    text: "Go 1.24+: closures called once may be inlined (budget 800) and then do not allocate",
                },
            ],
            Shape::ParameterLeak => &[
                VersionNote {
                    since: None,
                    until: Some(22),
                    text: "before Go 1.22 leaks to results #7 and later are recorded as heap leaks only after 7 results",
                },
                VersionNote {
                    since: Some(22),
                    until: None,
                    text: "Go 1.22+: a leak into result #6 or later is recorded as a heap leak",
                },
            ],
            _ => &[],
        }
    }

    /// The version notes that apply to `v`.
    pub fn notes_for(self, v: &GoVersion) -> Vec<&'static str> {
        self.version_notes()
            .iter()
            .filter(|n| n.since.is_none_or(|s| v.at_least(s)) && n.until.is_none_or(|u| !v.at_least(u)))
            .map(|n| n.text)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for s in Shape::ALL {
            assert_eq!(Shape::from_id(s.id()), Some(s));
            assert!(seen.insert(s.id()));
            let info = s.info();
            assert!(!info.name.is_empty() && !info.why.is_empty() && !info.fix.is_empty());
        }
    }

    #[test]
    fn notes_depend_on_version() {
        let old = GoVersion::new(1, 24, 0);
        let new = GoVersion::new(1, 27, 3);
        assert!(Shape::NonConstantMake.notes_for(&old)[0].starts_with("before Go 1.25"));
        assert!(Shape::NonConstantMake.notes_for(&new)[0].starts_with("Go 1.25+"));
        assert_eq!(Shape::TooLarge.notes_for(&GoVersion::new(1, 19, 0)).len(), 1);
    }
}
