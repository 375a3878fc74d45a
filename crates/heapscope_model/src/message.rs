//! Turning the text of one compiler message (what follows `file:line:col: `) into a [`Kind`]
//! and a subject, and the `-m=2` continuation lines into flow hops and steps.
//!
//! Both spellings are understood: Go ≤1.24 (`flow: a = &b`, `x escapes to heap:`,
//! `parameter p leaks to R with derefs=N:`) and Go 1.25+ (`flow: a ← &b`,
//! `x escapes to heap in F:`, `parameter p leaks to R for F with derefs=N:`).

use crate::Kind;

/// A message's kind, the node or name it is about, and the function it names (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMessage {
    pub kind: Kind,
    pub subject: String,
    /// The function the message itself names (`-m=2` headers, `capturing`, self-assignment).
    pub function: Option<String>,
}

impl ParsedMessage {
    fn new(kind: Kind, subject: &str) -> Self {
        ParsedMessage { kind, subject: subject.to_string(), function: None }
    }

    fn in_function(mut self, f: &str) -> Self {
        self.function = Some(f.to_string());
        self
    }
}

/// One `-m=2` continuation line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowLine {
    /// `  flow: TO ← OPS FROM:` (or `=` before 1.25); `derefs` is -1 for `&`, else the `*` count.
    Flow { to: String, from: String, derefs: i32 },
    /// `    from EXPR (REASON) at POS`; `at` is the raw position text.
    Step { expr: String, reason: String, at: String },
    /// `  warning: truncated explanation due to assignment cycle; ...`
    Truncated,
}

/// Parses the text after the position prefix of a `-m=2` continuation line (it keeps its
/// leading spaces: `"  flow: …"`, `"    from …"`). Returns `None` for any other line.
pub fn parse_flow_line(text: &str) -> Option<FlowLine> {
    if let Some(rest) = text.strip_prefix("  flow: ") {
        let body = rest.strip_suffix(':')?;
        let (to, from) = split_arrow(body)?;
        let (derefs, from) = if let Some(f) = from.strip_prefix('&') {
            (-1, f)
        } else {
            let stars = from.bytes().take_while(|&b| b == b'*').count();
            (i32::try_from(stars).ok()?, &from[stars..])
        };
        return Some(FlowLine::Flow { to: to.to_string(), from: from.to_string(), derefs });
    }
    if let Some(rest) = text.strip_prefix("    from ") {
        let (head, at) = rest.rsplit_once(" at ")?;
        let head = head.strip_suffix(')')?;
        let (expr, reason) = head.rsplit_once(" (")?;
        return Some(FlowLine::Step {
            expr: expr.to_string(),
            reason: reason.to_string(),
            at: at.to_string(),
        });
    }
    if text.starts_with("  warning: truncated explanation") {
        return Some(FlowLine::Truncated);
    }
    None
}

/// Splits `TO ← FROM` (1.25+) or `TO = FROM` (≤1.24) at the arrow outside `{...}`.
fn split_arrow(body: &str) -> Option<(&str, &str)> {
    for arrow in [" ← ", " = "] {
        let mut depth = 0i32;
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 && body[i..].starts_with(arrow) => {
                    return Some((&body[..i], &body[i + arrow.len()..]));
                }
                _ => {}
            }
        }
    }
    None
}

/// Classifies one message text. Never fails: an unknown message is [`Kind::Other`] with the
/// whole text as its subject.
pub fn parse_message(text: &str) -> ParsedMessage {
    use Kind::*;
    let t = text;

    // -m=2 explanation headers (they end with ':').
    if let Some(h) = t.strip_suffix(':') {
        if let Some(p) = parse_leak_header(h) {
            return p;
        }
        if let Some(i) = h.rfind(" escapes to heap in ") {
            return ParsedMessage::new(EscapeExplanation, &h[..i])
                .in_function(&h[i + " escapes to heap in ".len()..]);
        }
        if let Some(s) = h.strip_suffix(" escapes to heap") {
            return ParsedMessage::new(EscapeExplanation, s);
        }
    }

    if let Some(s) = t.strip_prefix("moved to heap: ") {
        return ParsedMessage::new(MovedToHeap, s);
    }
    if t == "append escapes to heap" {
        return ParsedMessage::new(AppendEscapesToHeap, "append");
    }
    if t == "append does not escape" {
        return ParsedMessage::new(AppendDoesNotEscape, "append");
    }
    if let Some(s) = t.strip_suffix(" escapes to heap, not allowed in runtime") {
        return ParsedMessage::new(NotAllowedInRuntime, s);
    }
    if let Some(s) = t.strip_suffix(" escapes to heap") {
        return ParsedMessage::new(EscapesToHeap, s);
    }
    if let Some(s) = t.strip_suffix(" does not escape, mutate, or call") {
        return ParsedMessage::new(DoesNotEscapeMutateOrCall, s);
    }
    if let Some(s) = t.strip_suffix(" does not escape") {
        return ParsedMessage::new(DoesNotEscape, s);
    }
    if let Some(s) = t.strip_prefix("leaking param content: ") {
        return ParsedMessage::new(LeakingParamContent, s);
    }
    if let Some(s) = t.strip_prefix("leaking param: ") {
        if let Some((param, rest)) = s.split_once(" to result ")
            && let Some((result, level)) = rest.rsplit_once(" level=")
            && let Ok(level) = level.parse()
        {
            let kind = LeakingParamToResult { result: result.to_string(), level };
            return ParsedMessage::new(kind, param);
        }
        return ParsedMessage::new(LeakingParam, s);
    }
    if let Some(s) = t.strip_prefix("leaking closure reference ") {
        return ParsedMessage::new(LeakingClosureReference, s);
    }
    for (prefix, calls) in [("mutates param: ", false), ("calls param: ", true)] {
        if let Some(s) = t.strip_prefix(prefix)
            && let Some((param, d)) = s.rsplit_once(" derefs=")
            && let Ok(derefs) = d.parse()
        {
            let kind = if calls { CallsParam { derefs } } else { MutatesParam { derefs } };
            return ParsedMessage::new(kind, param);
        }
    }
    if t == "zero-copy string->[]byte conversion" {
        return ParsedMessage::new(ZeroCopyConversion, "");
    }
    if let Some((f, stmt)) = t.split_once(" ignoring self-assignment in ") {
        return ParsedMessage::new(IgnoringSelfAssignment, stmt).in_function(f);
    }
    if let Some(s) = t.strip_prefix("assuming ").and_then(|s| s.strip_suffix(" is unsafe uintptr")) {
        return ParsedMessage::new(AssumingUnsafeUintptr, s);
    }
    if let Some(s) = t.strip_prefix("marking ") {
        if let Some(p) = s.strip_suffix(" as escaping ...uintptr") {
            return ParsedMessage::new(MarkingEscapingUintptr { variadic: true }, p);
        }
        if let Some(p) = s.strip_suffix(" as escaping uintptr") {
            return ParsedMessage::new(MarkingEscapingUintptr { variadic: false }, p);
        }
    }
    if let Some(s) = t.strip_suffix(" is incomplete (or unallocatable); stack allocation disallowed") {
        return ParsedMessage::new(StackAllocationDisallowed, s);
    }
    if t == "index bounds check elided" {
        return ParsedMessage::new(BoundsCheckElided, "");
    }
    if t == "closure converted to global" {
        return ParsedMessage::new(ClosureConvertedToGlobal, "");
    }
    if let Some(rest) = t.strip_prefix("loop variable ") {
        for (marker, heap) in
            [(" now per-iteration, heap-allocated", true), (" now per-iteration, stack-allocated", false)]
        {
            if let Some(i) = rest.find(marker) {
                return ParsedMessage::new(LoopVariable { heap }, &rest[..i]);
            }
        }
    }
    if let Some(s) = t.strip_suffix(" will be kept alive") {
        return ParsedMessage::new(KeptAlive, s);
    }
    if let Some(p) = parse_capturing(t) {
        return p;
    }
    if let Some(p) = parse_inline(t) {
        return p;
    }
    ParsedMessage::new(Other, t)
}

/// `parameter P leaks to R[ for F] with derefs=N` (the trailing ':' already removed).
fn parse_leak_header(h: &str) -> Option<ParsedMessage> {
    let rest = h.strip_prefix("parameter ")?;
    let (param, rest) = rest.split_once(" leaks to ")?;
    let (target, derefs) = rest.rsplit_once(" with derefs=")?;
    let derefs: i32 = derefs.parse().ok()?;
    // `R for F` (1.25+) or just `R`; R itself may read `{storage for x}`, so only a split
    // that leaves R's braces balanced names a function.
    let (to, func) = match target.rsplit_once(" for ") {
        Some((to, f)) if braces_balanced(to) && braces_balanced(f) => (to, Some(f)),
        _ => (target, None),
    };
    let p = ParsedMessage::new(Kind::LeakExplanation { to: to.to_string(), derefs }, param);
    Some(match func {
        Some(f) => p.in_function(f),
        None => p,
    })
}

fn braces_balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// `F capturing by value|ref: x (addr=B assign=B width=N)`.
fn parse_capturing(t: &str) -> Option<ParsedMessage> {
    let (f, rest) = t.split_once(" capturing by ")?;
    let (how, rest) = rest.split_once(": ")?;
    let by_value = match how {
        "value" => true,
        "ref" => false,
        _ => return None,
    };
    let (var, attrs) = rest.rsplit_once(" (")?;
    let attrs = attrs.strip_suffix(')')?;
    let mut addr = None;
    let mut assign = None;
    let mut width = None;
    for kv in attrs.split(' ') {
        let (k, v) = kv.split_once('=')?;
        match k {
            "addr" => addr = v.parse().ok(),
            "assign" => assign = v.parse().ok(),
            "width" => width = v.parse().ok(),
            _ => return None,
        }
    }
    let kind = Kind::Capturing { by_value, addr: addr?, assign: assign?, width: width? };
    Some(ParsedMessage::new(kind, var).in_function(f))
}

fn parse_inline(t: &str) -> Option<ParsedMessage> {
    use Kind::*;
    if let Some(rest) = t.strip_prefix("can inline ") {
        if let Some((name, rest)) = rest.split_once(" with cost ")
            && let Some((cost, func)) = rest.split_once(" as: ")
            && let Ok(cost) = cost.parse()
        {
            let (signature, body) = split_signature_body(func);
            let kind = CanInline { cost: Some(cost), signature, body };
            return Some(ParsedMessage::new(kind, name));
        }
        let kind = CanInline { cost: None, signature: None, body: None };
        return Some(ParsedMessage::new(kind, rest));
    }
    if let Some(rest) = t.strip_prefix("cannot inline ") {
        let (head, reason) = rest.split_once(": ")?;
        if let Some((callee, caller)) = head.split_once(" into ") {
            let kind = CannotInlineCall { caller: caller.to_string(), reason: reason.to_string() };
            return Some(ParsedMessage::new(kind, callee));
        }
        return Some(ParsedMessage::new(CannotInline { reason: reason.to_string() }, head));
    }
    if let Some(rest) = t.strip_prefix("inlining call to ") {
        if let Some((callee, score)) = rest.rsplit_once(" with score ")
            && let Ok(score) = score.parse()
        {
            return Some(ParsedMessage::new(InliningCall { score: Some(score) }, callee));
        }
        return Some(ParsedMessage::new(InliningCall { score: None }, rest));
    }
    if let Some(rest) = t.strip_prefix("function ") {
        let f = rest.strip_suffix(" considered 'big'; reducing max cost of inlinees")?;
        return Some(ParsedMessage::new(BigFunction, f));
    }
    if let Some(call) = t.strip_prefix("skip inlining within testing.B.loop for ") {
        return Some(ParsedMessage::new(SkipInliningBloop, call));
    }
    for (prefix, partial) in [("devirtualizing ", false), ("partially devirtualizing ", true)] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let (x, to) = rest.rsplit_once(" to ")?;
            return Some(ParsedMessage::new(Devirtualizing { to: to.to_string(), partial }, x));
        }
    }
    if let Some(rest) = t.strip_prefix("cannot devirtualize ") {
        let (x, reason) = rest.rsplit_once(": ")?;
        return Some(ParsedMessage::new(CannotDevirtualize { reason: reason.to_string() }, x));
    }
    None
}

/// Splits `func(int) *T { body }` into the signature and the body (without braces). The body
/// opens at the first ` { ` outside brackets that does not belong to `interface`/`struct`.
fn split_signature_body(s: &str) -> (Option<String>, Option<String>) {
    let mut depth = 0i32;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' if !(b == b'{' && depth == 0 && is_body_open(s, i)) => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'{' => {
                let sig = s[..i].trim_end();
                let body = s[i + 1..].trim_start();
                let body = body.strip_suffix('}').unwrap_or(body).trim_end();
                return (Some(sig.to_string()), Some(body.to_string()));
            }
            _ => {}
        }
    }
    (Some(s.to_string()), None)
}

fn is_body_open(s: &str, i: usize) -> bool {
    let before = &s[..i];
    before.ends_with(' ') && !before.ends_with("interface ") && !before.ends_with("struct ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;

    fn k(t: &str) -> (Kind, String, Option<String>) {
        let p = parse_message(t);
        (p.kind, p.subject, p.function)
    }

    #[test]
    fn escape_verdicts() {
        assert_eq!(k("moved to heap: p"), (MovedToHeap, "p".into(), None));
        assert_eq!(k("n escapes to heap"), (EscapesToHeap, "n".into(), None));
        assert_eq!(k("make([]int, 0, n) does not escape").0, DoesNotEscape);
        assert_eq!(k("append escapes to heap").0, AppendEscapesToHeap);
        assert_eq!(k("append does not escape").0, AppendDoesNotEscape);
        assert_eq!(k("... argument does not escape").1, "... argument");
        assert_eq!(k("leaking param: v"), (LeakingParam, "v".into(), None));
        assert_eq!(k("leaking param content: a").0, LeakingParamContent);
        assert_eq!(
            k("leaking param: b to result ~r0 level=0"),
            (LeakingParamToResult { result: "~r0".into(), level: 0 }, "b".into(), None)
        );
        assert_eq!(k("x escapes to heap, not allowed in runtime").0, NotAllowedInRuntime);
        assert_eq!(k("zero-copy string->[]byte conversion").0, ZeroCopyConversion);
        assert_eq!(k("mutates param: p derefs=1").0, MutatesParam { derefs: 1 });
        assert_eq!(k("calls param: f derefs=0").0, CallsParam { derefs: 0 });
        assert_eq!(k("p does not escape, mutate, or call").0, DoesNotEscapeMutateOrCall);
        assert_eq!(k("assuming size is unsafe uintptr"), (AssumingUnsafeUintptr, "size".into(), None));
        assert_eq!(k("marking a as escaping ...uintptr").0, MarkingEscapingUintptr { variadic: true });
        assert_eq!(k("marking a as escaping uintptr").0, MarkingEscapingUintptr { variadic: false });
        assert_eq!(
            k("(*Buffer).Reset ignoring self-assignment in b.buf = b.buf[:0]"),
            (IgnoringSelfAssignment, "b.buf = b.buf[:0]".into(), Some("(*Buffer).Reset".into()))
        );
        assert_eq!(k("leaking closure reference x").0, LeakingClosureReference);
        assert_eq!(
            k("T is incomplete (or unallocatable); stack allocation disallowed").0,
            StackAllocationDisallowed
        );
    }

    #[test]
    fn explanation_headers_both_spellings() {
        assert_eq!(
            k("p escapes to heap in NewPoint:"),
            (EscapeExplanation, "p".into(), Some("NewPoint".into()))
        );
        assert_eq!(k("p escapes to heap:"), (EscapeExplanation, "p".into(), None));
        assert_eq!(
            k("parameter v leaks to {heap} for (*AnySink).Put with derefs=0:"),
            (LeakExplanation { to: "{heap}".into(), derefs: 0 }, "v".into(), Some("(*AnySink).Put".into()))
        );
        assert_eq!(
            k("parameter v leaks to {storage for x} with derefs=1:"),
            (LeakExplanation { to: "{storage for x}".into(), derefs: 1 }, "v".into(), None)
        );
        assert_eq!(k("parameter v leaks to {storage for x} for F with derefs=1:").2, Some("F".into()));
    }

    #[test]
    fn capturing() {
        assert_eq!(
            k("Counter capturing by ref: count (addr=false assign=true width=8)"),
            (
                Capturing { by_value: false, addr: false, assign: true, width: 8 },
                "count".into(),
                Some("Counter".into())
            )
        );
    }

    #[test]
    fn inliner() {
        assert_eq!(k("can inline NewPoint").0, CanInline { cost: None, signature: None, body: None });
        let (kind, subject, _) = k(
            "can inline Boxed with cost 3 as: func(interface {}, struct { X int }) interface {} { return n }",
        );
        assert_eq!(subject, "Boxed");
        assert_eq!(
            kind,
            CanInline {
                cost: Some(3),
                signature: Some("func(interface {}, struct { X int }) interface {}".into()),
                body: Some("return n".into())
            }
        );
        assert_eq!(
            k("cannot inline (*AnySink).Put: marked go:noinline"),
            (CannotInline { reason: "marked go:noinline".into() }, "(*AnySink).Put".into(), None)
        );
        assert_eq!(
            k("cannot inline F: function too complex: cost 90 exceeds budget 80").0,
            CannotInline { reason: "function too complex: cost 90 exceeds budget 80".into() }
        );
        assert_eq!(
            k("cannot inline R into F: repeated recursive cycle").0,
            CannotInlineCall { caller: "F".into(), reason: "repeated recursive cycle".into() }
        );
        assert_eq!(
            k("inlining call to fmt.Println"),
            (InliningCall { score: None }, "fmt.Println".into(), None)
        );
        assert_eq!(k("inlining call to f with score 12").0, InliningCall { score: Some(12) });
        assert_eq!(k("function F considered 'big'; reducing max cost of inlinees").0, BigFunction);
        assert_eq!(
            k("devirtualizing i.M to *T"),
            (Devirtualizing { to: "*T".into(), partial: false }, "i.M".into(), None)
        );
        assert_eq!(k("skip inlining within testing.B.loop for f()").0, SkipInliningBloop);
    }

    #[test]
    fn other_passes() {
        assert_eq!(k("index bounds check elided").0, BoundsCheckElided);
        assert_eq!(k("closure converted to global").0, ClosureConvertedToGlobal);
        assert_eq!(
            k("loop variable i now per-iteration, heap-allocated"),
            (LoopVariable { heap: true }, "i".into(), None)
        );
        assert_eq!(
            k("loop variable v now per-iteration, stack-allocated (loop inlined into x.go:12)").0,
            LoopVariable { heap: false }
        );
        assert_eq!(k("function result will be kept alive").0, KeptAlive);
    }

    #[test]
    fn unknown_is_kept() {
        assert_eq!(
            k("rewriting OCONVIFACE value from x"),
            (Other, "rewriting OCONVIFACE value from x".into(), None)
        );
    }

    #[test]
    fn flow_lines() {
        assert_eq!(
            parse_flow_line("  flow: ~r0 ← &p:"),
            Some(FlowLine::Flow { to: "~r0".into(), from: "p".into(), derefs: -1 })
        );
        assert_eq!(
            parse_flow_line("  flow: {heap} = **fmt.a:"),
            Some(FlowLine::Flow { to: "{heap}".into(), from: "fmt.a".into(), derefs: 2 })
        );
        assert_eq!(
            parse_flow_line("  flow: {storage for a = b} = &{storage for x}:"),
            Some(FlowLine::Flow {
                to: "{storage for a = b}".into(),
                from: "{storage for x}".into(),
                derefs: -1
            })
        );
        assert_eq!(
            parse_flow_line("    from fmt.Fprintln(os.Stdout, fmt.a...) (call parameter) at ./e.go:48:13"),
            Some(FlowLine::Step {
                expr: "fmt.Fprintln(os.Stdout, fmt.a...)".into(),
                reason: "call parameter".into(),
                at: "./e.go:48:13".into()
            })
        );
        assert_eq!(
            parse_flow_line(
                "  warning: truncated explanation due to assignment cycle; see golang.org/issue/35518"
            ),
            Some(FlowLine::Truncated)
        );
        assert_eq!(parse_flow_line("moved to heap: x"), None);
    }
}
