//! Classifying heap sites: one [`Finding`] per heap verdict (and per non-constant `make` that
//! may still allocate), with its shape, how it leaves the frame, and the chain of hops.

use crate::shape::Shape;
use crate::source::SourceCache;
use heapscope_model::{Diagnostic, Flow, GoVersion, Kind, PackageReport, Pos, Report};
use serde::{Deserialize, Serialize};

/// How the allocated value leaves its function's frame.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "kebab-case")]
pub enum Via {
    /// Returned to the caller.
    Returned,
    /// Stored into heap memory: a global, or through a pointer, slice element or map.
    Stored { target: String },
    /// Stored into a field (`x.f = v`) that lives in heap memory.
    Field { target: String },
    /// Kept by a variable that lives longer (declared outside the loop, or in an enclosing function).
    OuterVariable { variable: String },
    /// Captured by a closure that escapes.
    Captured,
    /// Passed to a function that keeps it.
    Argument { callee: String },
    /// Passed through a variadic `...` parameter to a function that keeps it.
    Variadic { callee: String },
    /// Sent on a channel.
    Sent,
    /// Used as a map key or value.
    MapEntry,
    /// Appended to a slice.
    Appended,
    /// Started as a goroutine.
    Goroutine,
    /// Deferred inside a loop.
    Deferred,
    /// Heap allocated for its size (no flow needed).
    TooLarge,
    /// Heap allocated for its alignment.
    TooAligned,
    /// Heap allocated (or may be) because its size is not a constant.
    NonConstantSize,
    /// `make` of zero-sized elements.
    ZeroSized,
    /// The messages do not say (`-m=1`, or a path heapscope does not recognise).
    Unknown,
}

impl Via {
    /// A short phrase: "returned", "stored in `global`", "passed to `sinkAny`".
    pub fn phrase(&self) -> String {
        match self {
            Via::Returned => "returned".into(),
            Via::Stored { target } => format!("stored in `{target}`"),
            Via::Field { target } => format!("stored in field `{target}`"),
            Via::OuterVariable { variable } => format!("kept by the longer-lived variable `{variable}`"),
            Via::Captured => "captured by an escaping closure".into(),
            Via::Argument { callee } => format!("passed to `{callee}`, which keeps it"),
            Via::Variadic { callee } => format!("passed as a `...` argument to `{callee}`, which keeps it"),
            Via::Sent => "sent on a channel".into(),
            Via::MapEntry => "stored in a map".into(),
            Via::Appended => "appended to a slice".into(),
            Via::Goroutine => "started as a goroutine".into(),
            Via::Deferred => "deferred in a loop".into(),
            Via::TooLarge => "too large for the stack".into(),
            Via::TooAligned => "too aligned for the stack".into(),
            Via::NonConstantSize => "size known only at run time".into(),
            Via::ZeroSized => "zero-sized elements".into(),
            Via::Unknown => "leaves the function (run with -m 2 for how)".into(),
        }
    }
}

/// One step of a root-cause chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub pos: Pos,
    pub text: String,
}

/// A classified heap site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable across line shifts: package, function, shape, subject and ordinal.
    pub fingerprint: String,
    pub package: String,
    /// Id of the verdict diagnostic in its package.
    pub diagnostic: u32,
    pub pos: Pos,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub function: Option<String>,
    pub subject: String,
    /// The compiler's message.
    pub message: String,
    pub shape: Shape,
    pub via: Via,
    /// The compiler says "does not escape", but the allocation can still come from the heap at
    /// run time (Go 1.25+ non-constant `make` above 32 bytes).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub may_allocate: bool,
    /// The compiler says "escapes", but the value is a constant: since Go 1.25 the interface
    /// points at read-only data and nothing is allocated at run time.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub static_data: bool,
    /// From the allocation to where it leaves the frame, then into callees that keep it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub chain: Vec<Hop>,
    /// How many verdicts share this site (inlined copies, generic instantiations).
    pub occurrences: u32,
}

/// The IR node a verdict's subject renders, as far as the text of gc's IR printer shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeForm {
    FuncLit,
    VariadicArgs,
    Make {
        constant_size: bool,
    },
    New,
    AddrOfLiteral,
    SliceOrMapLiteral,
    Conversion,
    Concat,
    Append,
    Selector,
    /// A name, index, call, literal: the operand of an implicit interface conversion.
    Operand,
}

/// Reads the IR node form off a subject rendered by gc's `ir/fmt.go`.
pub fn node_form(subject: &str) -> NodeForm {
    let s = subject.trim();
    if s == "func literal" {
        return NodeForm::FuncLit;
    }
    if s == "... argument" {
        return NodeForm::VariadicArgs;
    }
    if let Some(args) = s.strip_prefix("make(").and_then(|a| a.strip_suffix(')')) {
        let parts = split_top_level(args, ',');
        let constant = parts.iter().skip(1).all(|p| is_int_literal(p.trim()));
        return NodeForm::Make { constant_size: constant };
    }
    if s.starts_with("new(") {
        return NodeForm::New;
    }
    if s.starts_with("append(") {
        return NodeForm::Append;
    }
    if s.starts_with('&') && s.ends_with('}') {
        return NodeForm::AddrOfLiteral;
    }
    if (s.starts_with("[]") || s.starts_with("map[")) && s.ends_with('}') {
        return NodeForm::SliceOrMapLiteral;
    }
    for p in ["string(", "([]byte)(", "([]rune)(", "[]byte(", "[]rune(", "(string)("] {
        if s.starts_with(p) && s.ends_with(')') {
            return NodeForm::Conversion;
        }
    }
    if split_top_level(s, '+').len() > 1 && s.contains(" + ") {
        return NodeForm::Concat;
    }
    if is_selector(s) {
        return NodeForm::Selector;
    }
    NodeForm::Operand
}

fn is_int_literal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_selector(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && p.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
}

/// Splits at `sep` outside brackets and string literals.
fn split_top_level(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut in_str: Option<char> = None;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if let Some(q) = in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' && q != '`' {
                escaped = true;
            } else if c == q {
                in_str = None;
            }
            continue;
        }
        match c {
            '"' | '`' | '\'' => in_str = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// The function called by a rendered call expression (`fmt.Fprintln(os.Stdout, fmt.a...)` →
/// `fmt.Fprintln`, `(*T).M(x)` → `(*T).M`).
pub fn callee_of(expr: &str) -> Option<&str> {
    let e = expr.trim();
    if !e.ends_with(')') {
        return None;
    }
    let mut depth = 0i32;
    for (i, c) in e.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    let callee = e[..i].trim();
                    return (!callee.is_empty()).then_some(callee);
                }
            }
            _ => {}
        }
    }
    None
}

/// Classifies every package of a report.
pub fn explain_report(report: &Report, sources: &mut SourceCache) -> Vec<Finding> {
    let leaks = LeakIndex::new(report);
    let mut out = Vec::new();
    for pkg in &report.packages {
        out.extend(explain_with(pkg, report, &leaks, sources));
    }
    out
}

/// Classifies one package's heap sites. `report` is searched for callees' leaking parameters.
pub fn explain_package(pkg: &PackageReport, report: &Report, sources: &mut SourceCache) -> Vec<Finding> {
    explain_with(pkg, report, &LeakIndex::new(report), sources)
}

/// The `leaking param` verdicts of a report, by the last segment of their function's name
/// (`Put` for `(*AnySink).Put`), so callees are found without scanning every message.
struct LeakIndex<'a> {
    by_name: std::collections::HashMap<&'a str, Vec<(&'a PackageReport, &'a Diagnostic)>>,
}

impl<'a> LeakIndex<'a> {
    fn new(report: &'a Report) -> Self {
        let mut by_name: std::collections::HashMap<&str, Vec<_>> = Default::default();
        for pkg in &report.packages {
            for d in &pkg.diagnostics {
                if matches!(d.kind, Kind::LeakingParam | Kind::LeakingParamContent)
                    && let Some(f) = d.function.as_deref()
                {
                    by_name.entry(f.rsplit('.').next().unwrap_or(f)).or_default().push((pkg, d));
                }
            }
        }
        LeakIndex { by_name }
    }

    fn candidates(&self, callee: &str) -> impl Iterator<Item = &(&'a PackageReport, &'a Diagnostic)> {
        self.by_name.get(callee.rsplit('.').next().unwrap_or(callee)).into_iter().flatten()
    }
}

fn explain_with(
    pkg: &PackageReport,
    report: &Report,
    leaks: &LeakIndex,
    sources: &mut SourceCache,
) -> Vec<Finding> {
    let version = &report.go_version;
    let mut findings: Vec<Finding> = Vec::new();
    for d in &pkg.diagnostics {
        let Some(mut f) = classify(d, pkg, version, sources) else { continue };
        f.chain = chain(d, pkg, leaks, &f.via);
        // One source site reported through several inlined copies or instantiations.
        if let Some(prev) = findings.iter_mut().find(|p| {
            p.pos == f.pos && p.shape == f.shape && p.subject == f.subject && p.message == f.message
        }) {
            prev.occurrences += 1;
            continue;
        }
        findings.push(f);
    }
    assign_fingerprints(&mut findings);
    findings
}

fn explanations<'a>(d: &Diagnostic, pkg: &'a PackageReport) -> Vec<&'a Diagnostic> {
    d.explanations.iter().filter_map(|&i| pkg.diagnostics.get(i as usize)).collect()
}

fn has_reason(flows: &[&Flow], reason: &str) -> bool {
    flows.iter().any(|f| f.steps.iter().any(|s| s.reason == reason))
}

fn classify(
    d: &Diagnostic,
    pkg: &PackageReport,
    version: &GoVersion,
    sources: &mut SourceCache,
) -> Option<Finding> {
    let expl = explanations(d, pkg);
    let flows: Vec<&Flow> = expl.first().map(|e| e.flows.iter().collect()).unwrap_or_default();
    let mut may_allocate = false;
    let shape = match &d.kind {
        Kind::MovedToHeap | Kind::LoopVariable { heap: true } => {
            if has_reason(&flows, "too large for stack") {
                Shape::TooLarge
            } else if has_reason(&flows, "too aligned for stack") {
                Shape::TooAligned
            } else if has_reason(&flows, "captured by a closure") && has_reason(&flows, "reference") {
                Shape::ClosureCapture
            } else {
                Shape::AddressOfLocal
            }
        }
        Kind::EscapesToHeap | Kind::NotAllowedInRuntime => expression_shape(d, pkg, &flows, version, sources),
        Kind::AppendEscapesToHeap => Shape::AppendGrowth,
        Kind::LeakingParam | Kind::LeakingParamContent => Shape::ParameterLeak,
        // Go 1.25+: a non-constant make that "does not escape" still calls the heap allocator
        // when the data does not fit its 32-byte stack buffer.
        Kind::DoesNotEscape
            if version.at_least(25)
                && node_form(&d.subject) == (NodeForm::Make { constant_size: false })
                && !d.subject.starts_with("make(map[")
                && !d.subject.starts_with("make(chan") =>
        {
            may_allocate = true;
            Shape::NonConstantMake
        }
        _ => return None,
    };
    let via = via_of(d, &flows, shape, pkg, sources, 0);
    let static_data = matches!(shape, Shape::InterfaceConversion | Shape::VariadicInterface)
        && version.at_least(25)
        && is_constant_literal(&d.subject);
    Some(Finding {
        fingerprint: String::new(),
        package: pkg.import_path.clone(),
        diagnostic: d.id,
        pos: d.pos.clone(),
        function: d.function.clone(),
        subject: d.subject.clone(),
        message: d.message.clone(),
        shape,
        via,
        may_allocate,
        static_data,
        chain: Vec::new(),
        occurrences: 1,
    })
}

fn expression_shape(
    d: &Diagnostic,
    pkg: &PackageReport,
    flows: &[&Flow],
    version: &GoVersion,
    sources: &mut SourceCache,
) -> Shape {
    if has_reason(flows, "too large for stack") {
        return Shape::TooLarge;
    }
    if has_reason(flows, "too aligned for stack") {
        return Shape::TooAligned;
    }
    if has_reason(flows, "non-constant size") {
        return Shape::NonConstantMake;
    }
    if has_reason(flows, "zero-sized element") {
        return Shape::ZeroSizedElement;
    }
    let through_variadic = flows.iter().any(|f| f.to == "{storage for ... argument}");
    let boxed = if through_variadic { Shape::VariadicInterface } else { Shape::InterfaceConversion };
    match node_form(&d.subject) {
        NodeForm::FuncLit => Shape::Closure,
        NodeForm::VariadicArgs => Shape::VariadicSlice,
        NodeForm::Make { constant_size } => {
            if !constant_size && !version.at_least(25) {
                Shape::NonConstantMake
            } else {
                Shape::Make
            }
        }
        NodeForm::New | NodeForm::AddrOfLiteral => Shape::NewObject,
        NodeForm::SliceOrMapLiteral => Shape::CompositeLiteral,
        NodeForm::Append => Shape::AppendGrowth,
        // An explicit conversion sits at its operand; the implicit interface conversion of the
        // same call-shaped node sits at its `(` (unified IR, Go 1.20+).
        NodeForm::Conversion => match sources.byte_at(&d.pos.file, d.pos.line, d.pos.col) {
            Some(b'(') if version.at_least(20) => boxed,
            Some(_) => Shape::StringConversion,
            None => Shape::Unknown,
        },
        NodeForm::Concat => {
            if has_reason(flows, "interface-converted") || concat_of_string_literal(&d.subject) {
                Shape::StringConcat
            } else if concat_of_number_literal(&d.subject) {
                // Strings cannot be added to numbers: an arithmetic result, boxed.
                boxed
            } else if through_variadic {
                Shape::VariadicInterface
            } else {
                Shape::Unknown
            }
        }
        NodeForm::Selector => {
            if method_value_evidence(&d.subject, pkg) {
                Shape::MethodValue
            } else {
                boxed
            }
        }
        NodeForm::Operand => boxed,
    }
}

const PREDECLARED_BASIC: [&str; 20] = [
    "bool",
    "string",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "byte",
    "rune",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "any",
];

/// A constant as gc prints it: a string, rune or number literal, `true`, `false`, or a typed
/// constant `T(v)` (`byte(1)`).
fn is_constant_literal(s: &str) -> bool {
    let s = s.trim();
    let first = s.chars().next();
    matches!(first, Some('"' | '`' | '\'' | '0'..='9'))
        || (s.starts_with('-') && s[1..].starts_with(|c: char| c.is_ascii_digit()))
        || s == "true"
        || s == "false"
        // Typed constants print as `T(v)`; only predeclared types are sure not to be a call.
        || s.strip_suffix(')').and_then(|x| x.split_once('(')).is_some_and(|(t, v)| {
            PREDECLARED_BASIC.contains(&t) && is_constant_literal(v)
        })
}

fn concat_of_number_literal(s: &str) -> bool {
    split_top_level(s, '+').iter().any(|p| p.trim().starts_with(|c: char| c.is_ascii_digit()))
}

/// A string literal or a sliced operand (`s[i:j]`) makes `+` a string concatenation: numbers
/// cannot be sliced.
fn concat_of_string_literal(s: &str) -> bool {
    split_top_level(s, '+').iter().any(|p| {
        let p = p.trim();
        p.starts_with('"')
            || p.starts_with('`')
            || (p.ends_with(']') && p.rsplit_once('[').is_some_and(|(_, i)| i.contains(':')))
    })
}

/// A method value binds its receiver: gc shows the receiver itself (not what it points to)
/// flowing into `{storage for x.M}`. A boxed field shows the field's value instead.
fn method_value_evidence(subject: &str, pkg: &PackageReport) -> bool {
    let Some((recv, _)) = subject.rsplit_once('.') else { return false };
    let storage = format!("{{storage for {subject}}}");
    pkg.diagnostics.iter().any(|e| {
        e.flows.iter().any(|f| f.to == storage && f.from == recv && f.derefs == 0)
            || matches!(&e.kind, Kind::LeakExplanation { to, derefs: 0 } if *to == storage && e.subject == recv)
    })
}

fn via_of(
    d: &Diagnostic,
    flows: &[&Flow],
    shape: Shape,
    pkg: &PackageReport,
    sources: &mut SourceCache,
    depth: usize,
) -> Via {
    match shape {
        Shape::TooLarge => return Via::TooLarge,
        Shape::TooAligned => return Via::TooAligned,
        Shape::ZeroSizedElement => return Via::ZeroSized,
        Shape::NonConstantMake if flows.is_empty() || has_reason(flows, "non-constant size") => {
            return Via::NonConstantSize;
        }
        _ => {}
    }
    if shape == Shape::ClosureCapture {
        return Via::Captured;
    }
    let Some(last_flow) = flows.last() else {
        return Via::Unknown;
    };
    let root = last_flow.to.as_str();
    let last_step = flows.iter().rev().find_map(|f| f.steps.last());
    let Some(step) = last_step else {
        return if root.starts_with("{storage for func literal") { Via::Captured } else { Via::Unknown };
    };
    let through_variadic = flows.iter().any(|f| f.to == "{storage for ... argument}");
    match step.reason.as_str() {
        "return" => Via::Returned,
        "assign" | "assign-pair" | "assign-pair-dot-type" | "assign-pair-mapr" | "assign-pair-receive" => {
            let lhs = step.expr.split(" = ").next().unwrap_or("").split(" := ").next().unwrap_or("").trim();
            if root == "{heap}" {
                if is_selector(lhs) && lhs.contains('.') && !lhs.contains('[') && lhs.split('.').count() == 2
                {
                    Via::Field { target: lhs.to_string() }
                } else {
                    Via::Stored { target: lhs.to_string() }
                }
            } else if root.starts_with("{storage for func literal") {
                Via::Captured
            } else if root.starts_with('{') {
                Via::Unknown
            } else {
                Via::OuterVariable { variable: root.to_string() }
            }
        }
        "call parameter" => {
            let callee = callee_of(&step.expr).unwrap_or("").to_string();
            if callee == "append" || step.expr.starts_with("append(") {
                Via::Appended
            } else if through_variadic {
                Via::Variadic { callee }
            } else {
                Via::Argument { callee }
            }
        }
        "send" => Via::Sent,
        "key of map put" | "map literal key/value" => Via::MapEntry,
        "appendee slice" | "appended slice..." | "copied slice" => Via::Appended,
        "captured by a closure" | "reference" => Via::Captured,
        // The value's data is put in an interface box (`{storage for X}` at the note's
        // position): it leaves the frame the way that box does.
        "interface-converted" if depth < 4 => match box_explanation(root, &step.pos, pkg) {
            Some(b) => {
                let box_flows: Vec<&Flow> = b.flows.iter().collect();
                via_of(b, &box_flows, Shape::InterfaceConversion, pkg, sources, depth + 1)
            }
            None => Via::Unknown,
        },
        "spill" if d.subject == "func literal" && root == "{heap}" => {
            // A go/defer closure: the statement keyword sits before the literal.
            match sources.before(&d.pos.file, d.pos.line, d.pos.col).map(str::trim_end) {
                Some(b) if b.ends_with("go") => Via::Goroutine,
                Some(b) if b.ends_with("defer") => Via::Deferred,
                _ => Via::Unknown,
            }
        }
        _ => Via::Unknown,
    }
}

/// The escape explanation of the interface box named `root` (`{storage for X}`) at `pos`.
fn box_explanation<'a>(root: &str, pos: &Pos, pkg: &'a PackageReport) -> Option<&'a Diagnostic> {
    pkg.diagnostics.iter().find(|e| {
        e.kind == Kind::EscapeExplanation && e.pos == *pos && root == format!("{{storage for {}}}", e.subject)
    })
}

/// A plain phrase for one `from EXPR (REASON)` note.
fn step_phrase(expr: &str, reason: &str) -> String {
    match reason {
        "address-of" => format!("its address is taken: `{expr}`"),
        "assign" | "assign-pair" => format!("assigned: `{expr}`"),
        "return" => format!("returned: `{expr}`"),
        "call parameter" => format!("passed as an argument: `{expr}`"),
        "spill" => format!("allocated: `{expr}`"),
        "interface-converted" => format!("converted to an interface: `{expr}`"),
        "captured by a closure" => format!("captured by a closure: `{expr}`"),
        "reference" => format!("captured by reference: `{expr}`"),
        "slice-literal-element" => "placed in the implicit `...` argument slice".to_string(),
        "too large for stack" => format!("too large for the stack: `{expr}`"),
        "too aligned for stack" => format!("too aligned for the stack: `{expr}`"),
        "non-constant size" => format!("size not constant: `{expr}`"),
        "send" => format!("sent on a channel: `{expr}`"),
        "key of map put" => format!("used as a map key: `{expr}`"),
        "map literal key/value" => format!("stored in a map literal: `{expr}`"),
        "indirection" => format!("dereferenced: `{expr}`"),
        "dot of pointer" => format!("field of a pointer: `{expr}`"),
        "appendee slice" | "appended slice..." => format!("appended: `{expr}`"),
        "range" | "range-deref" => format!("ranged over: `{expr}`"),
        other => format!("{other}: `{expr}`"),
    }
}

fn chain(d: &Diagnostic, pkg: &PackageReport, leaks: &LeakIndex, via: &Via) -> Vec<Hop> {
    let mut hops = Vec::new();
    let expl = explanations(d, pkg);
    if let Some(e) = expl.first() {
        for f in &e.flows {
            for s in &f.steps {
                let hop = Hop { pos: s.pos.clone(), text: step_phrase(&s.expr, &s.reason) };
                if hops.last() != Some(&hop) {
                    hops.push(hop);
                }
            }
        }
    }
    // Data boxed into an interface: continue with the box's own route.
    if let Some(e) = expl.first()
        && let Some(last) = e.flows.last()
        && let Some(step) = last.steps.last()
        && step.reason == "interface-converted"
        && let Some(b) = box_explanation(&last.to, &step.pos, pkg)
    {
        for f in &b.flows {
            for s in &f.steps {
                hops.push(Hop { pos: s.pos.clone(), text: step_phrase(&s.expr, &s.reason) });
            }
        }
    }
    // Follow the value into the callee that keeps it.
    if let Via::Argument { callee } | Via::Variadic { callee } = via {
        let param = expl.first().and_then(|e| e.flows.last()).and_then(|f| inlined_param(&f.from));
        hops.extend(callee_hops(callee, param, leaks, 0));
    }
    let mut seen = std::collections::HashSet::new();
    hops.retain(|h| seen.insert((h.pos.clone(), h.text.clone())));
    hops
}

/// True when `function` (gc's name, unqualified, in package `pkg_path`) is what a call
/// rendered as `callee` calls: `F`, `pkg.F` for another package, or `v.M` (a method called on a
/// variable) for `(*T).M` / `T.M`.
fn callee_matches(function: &str, pkg_path: &str, callee: &str) -> bool {
    let pkg_name = pkg_path.rsplit('/').next().unwrap_or(pkg_path);
    let local = callee.strip_prefix(pkg_name).and_then(|c| c.strip_prefix('.')).unwrap_or(callee);
    if function == local || function == callee {
        return true;
    }
    let Some((recv, method)) = callee.split_once('.') else { return false };
    let recv_is_variable = recv.chars().next().is_some_and(|c| c.is_lowercase() || c == '_');
    recv_is_variable
        && !method.contains('.')
        && (function.ends_with(&format!(").{method}"))
            || function.split_once('.').is_some_and(|(t, m)| m == method && !t.contains('(')))
}

/// The leaking parameters of `callee` found in the report, as hops. `param` names the
/// parameter that receives the value when the flow says so (gc names an inlined callee's
/// parameter `pkg.name`); otherwise every leaking parameter is listed. One more level of
/// callee is followed for the chosen parameter. A callee that matches several functions is
/// not followed (never guess).
fn callee_hops(callee: &str, param: Option<&str>, leaks: &LeakIndex, depth: usize) -> Vec<Hop> {
    if depth > 1 || callee.is_empty() {
        return Vec::new();
    }
    let mut candidates: Vec<(&PackageReport, &Diagnostic)> = leaks
        .candidates(callee)
        .filter(|(pkg, d)| d.function.as_deref().is_some_and(|f| callee_matches(f, &pkg.import_path, callee)))
        .copied()
        .collect();
    let functions: std::collections::BTreeSet<(&str, Option<&str>)> =
        candidates.iter().map(|(p, d)| (p.import_path.as_str(), d.function.as_deref())).collect();
    if functions.len() != 1 {
        return Vec::new();
    }
    if let Some(name) = param
        && candidates.iter().any(|(_, d)| d.subject == name)
    {
        candidates.retain(|(_, d)| d.subject == name);
    }
    let mut hops = Vec::new();
    for (pkg, l) in candidates {
        let func = l.function.as_deref().unwrap_or(callee);
        let what = if l.kind == Kind::LeakingParamContent { "what parameter" } else { "parameter" };
        hops.push(Hop {
            pos: l.pos.clone(),
            text: format!("in `{func}`, {what} `{}` leaks to the heap", l.subject),
        });
        let Some(e) = l.explanations.first().and_then(|&i| pkg.diagnostics.get(i as usize)) else { continue };
        for f in &e.flows {
            for s in &f.steps {
                hops.push(Hop { pos: s.pos.clone(), text: step_phrase(&s.expr, &s.reason) });
            }
        }
        if let Some(last) = e.flows.last()
            && let Some(s) = last.steps.last()
            && s.reason == "call parameter"
            && let Some(next) = callee_of(&s.expr)
            && next != callee
        {
            hops.extend(callee_hops(next, inlined_param(&last.from), leaks, depth + 1));
        }
    }
    hops
}

/// The variable a flow passes on, as a parameter name: gc prints an inlined callee's parameter
/// as `pkg.name` (`fmt.a` → `a`); a plain name is itself. `{...}` locations name none.
fn inlined_param(from: &str) -> Option<&str> {
    let name = from.rsplit_once('.').map_or(from, |(_, p)| p);
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(name)
}

/// FNV-1a, 64 bits: stable across runs and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Fingerprints leave out line numbers: findings that share package, function, shape and
/// subject are told apart by their order in the file.
fn assign_fingerprints(findings: &mut [Finding]) {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&findings[a], &findings[b]);
        (&fa.pos.file, fa.pos.line, fa.pos.col).cmp(&(&fb.pos.file, fb.pos.line, fb.pos.col))
    });
    let mut seen: std::collections::HashMap<(String, String, Shape, String), u32> = Default::default();
    for i in order {
        let f = &findings[i];
        let key = (f.package.clone(), f.function.clone().unwrap_or_default(), f.shape, f.subject.clone());
        let n = seen.entry(key).or_insert(0);
        let ordinal = n.to_string();
        *n += 1;
        let h = fnv1a(&[&f.package, f.function.as_deref().unwrap_or(""), f.shape.id(), &f.subject, &ordinal]);
        findings[i].fingerprint = format!("{h:016x}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_forms() {
        assert_eq!(node_form("func literal"), NodeForm::FuncLit);
        assert_eq!(node_form("... argument"), NodeForm::VariadicArgs);
        assert_eq!(node_form("make([]int, 0, n)"), NodeForm::Make { constant_size: false });
        assert_eq!(node_form("make([]byte, 66560)"), NodeForm::Make { constant_size: true });
        assert_eq!(node_form("make(map[int]int)"), NodeForm::Make { constant_size: true });
        assert_eq!(node_form("new(T)"), NodeForm::New);
        assert_eq!(node_form("&T{...}"), NodeForm::AddrOfLiteral);
        assert_eq!(node_form("[]int{...}"), NodeForm::SliceOrMapLiteral);
        assert_eq!(node_form("map[string]int{...}"), NodeForm::SliceOrMapLiteral);
        assert_eq!(node_form("string(b)"), NodeForm::Conversion);
        assert_eq!(node_form("([]byte)(s)"), NodeForm::Conversion);
        assert_eq!(node_form("a + b"), NodeForm::Concat);
        assert_eq!(node_form("\"a+b\""), NodeForm::Operand);
        assert_eq!(node_form("t.M"), NodeForm::Selector);
        assert_eq!(node_form("n"), NodeForm::Operand);
        assert_eq!(node_form("f(x)"), NodeForm::Operand);
        assert_eq!(node_form("append(s, i)"), NodeForm::Append);
    }

    #[test]
    fn concatenations() {
        assert!(concat_of_string_literal("a + \"!\""));
        assert!(concat_of_string_literal("host[:j] + host[i:]"));
        assert!(!concat_of_string_literal("a[i] + b"));
        assert!(concat_of_number_literal("n + 1"));
    }

    #[test]
    fn constants() {
        for c in ["\"NewPoint\"", "3", "-1", "'x'", "true", "byte(1)", "1.5"] {
            assert!(is_constant_literal(c), "{c}");
        }
        for c in ["n", "x.f", "f(3)", "s[1]", "T{...}"] {
            assert!(!is_constant_literal(c), "{c}");
        }
    }

    #[test]
    fn callees() {
        assert_eq!(callee_of("sinkAny(n)"), Some("sinkAny"));
        assert_eq!(callee_of("fmt.Fprintln(os.Stdout, fmt.a...)"), Some("fmt.Fprintln"));
        assert_eq!(callee_of("(*gcm.GCM).seal(g, f(x))"), Some("(*gcm.GCM).seal"));
        assert_eq!(callee_of("x"), None);
    }

    #[test]
    fn callee_matching() {
        assert!(callee_matches("sinkAny", "example.com/p", "sinkAny"));
        assert!(callee_matches("Fprintln", "fmt", "fmt.Fprintln"));
        assert!(callee_matches("(*AnySink).Put", "example.com/p", "s.Put"));
        assert!(callee_matches("T.V", "example.com/p", "t.V"));
        assert!(!callee_matches("(*AnySink).Put", "example.com/p", "s.Get"));
        assert!(!callee_matches("Println", "fmt", "log.Println"));
    }

    #[test]
    fn fingerprints_ignore_lines() {
        let f = |line| Finding {
            fingerprint: String::new(),
            package: "p".into(),
            diagnostic: 0,
            pos: Pos::new("/x.go", line, 2),
            function: Some("F".into()),
            subject: "x".into(),
            message: "moved to heap: x".into(),
            shape: Shape::AddressOfLocal,
            via: Via::Returned,
            may_allocate: false,
            static_data: false,
            chain: vec![],
            occurrences: 1,
        };
        let mut a = vec![f(10), f(20)];
        let mut b = vec![f(14), f(30)];
        assign_fingerprints(&mut a);
        assign_fingerprints(&mut b);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        assert_eq!(a[1].fingerprint, b[1].fingerprint);
        assert_ne!(a[0].fingerprint, a[1].fingerprint);
    }
}
