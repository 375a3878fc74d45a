//! What a compiler message says: one variant per escape-analysis and inliner message of
//! Go 1.19 to 1.27 (format strings in `cmd/compile/internal/{escape,inline,devirtualize}`).

use serde::{Deserialize, Serialize};

/// The kind of a message, with the values it carries. Serialised flat into the diagnostic
/// (`"kind": "leaking_param_to_result", "result": "~r0", "level": 0`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    // ---- escape analysis verdicts (-m) ----
    /// `moved to heap: x`: a named variable is heap allocated.
    MovedToHeap,
    /// `EXPR escapes to heap`: an allocating expression is heap allocated.
    EscapesToHeap,
    /// `EXPR does not escape` (also said of parameters that do not leak).
    DoesNotEscape,
    /// `append escapes to heap` (1.25+): the backing store `append` may allocate is on the heap.
    AppendEscapesToHeap,
    /// `append does not escape` (1.25+).
    AppendDoesNotEscape,
    /// `leaking param: p`: the parameter's value leaks to the heap.
    LeakingParam,
    /// `leaking param content: p`: what the parameter points to leaks to the heap.
    LeakingParamContent,
    /// `leaking param: p to result r level=N`.
    LeakingParamToResult { result: String, level: u32 },
    /// `leaking closure reference x` (older compilers).
    LeakingClosureReference,
    /// `mutates param: p derefs=N` (`-d=escapemutationscalls`, 1.22+).
    MutatesParam { derefs: i32 },
    /// `calls param: p derefs=N` (`-d=escapemutationscalls`, 1.22+).
    CallsParam { derefs: i32 },
    /// `p does not escape, mutate, or call` (`-d=escapemutationscalls`, 1.22+).
    DoesNotEscapeMutateOrCall,
    /// `zero-copy string->[]byte conversion` (1.22+).
    ZeroCopyConversion,
    /// `F ignoring self-assignment in STMT` (subject is the statement, function is F).
    IgnoringSelfAssignment,
    /// `assuming p is unsafe uintptr` (bodiless functions).
    AssumingUnsafeUintptr,
    /// `marking p as escaping uintptr` / `...uintptr` (`//go:uintptrescapes`).
    MarkingEscapingUintptr { variadic: bool },
    /// `x escapes to heap, not allowed in runtime` (an error in package runtime).
    NotAllowedInRuntime,
    /// `T is incomplete (or unallocatable); stack allocation disallowed`.
    StackAllocationDisallowed,

    // ---- escape analysis explanations (-m=2) ----
    /// `x escapes to heap[ in F]:` followed by `flow:` lines.
    EscapeExplanation,
    /// `parameter p leaks to R[ for F] with derefs=N:` followed by `flow:` lines.
    LeakExplanation { to: String, derefs: i32 },
    /// `F capturing by value|ref: x (addr=B assign=B width=N)`.
    Capturing { by_value: bool, addr: bool, assign: bool, width: u64 },

    // ---- inliner and devirtualizer ----
    /// `can inline F` / `can inline F with cost N as: SIG { BODY }`.
    CanInline {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        cost: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        signature: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        body: Option<String>,
    },
    /// `cannot inline F: REASON`.
    CannotInline { reason: String },
    /// `inlining call to F` (`with score N` under GOEXPERIMENT=newinliner).
    InliningCall {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        score: Option<i64>,
    },
    /// `cannot inline F into G: REASON` (a call site).
    CannotInlineCall { caller: String, reason: String },
    /// `function F considered 'big'; reducing max cost of inlinees`.
    BigFunction,
    /// `skip inlining within testing.B.loop for CALL` (1.24, 1.25).
    SkipInliningBloop,
    /// `devirtualizing X to T` / `partially devirtualizing X to T`.
    Devirtualizing { to: String, partial: bool },
    /// `cannot devirtualize X: REASON`.
    CannotDevirtualize { reason: String },

    // ---- other passes that speak at -m ----
    /// `index bounds check elided` (walk, -m).
    BoundsCheckElided,
    /// `loop variable x now per-iteration, heap-allocated|stack-allocated[ (loop inlined into F:L)]`
    /// (the 1.22 loopvar pass, `-d=loopvar=2`).
    LoopVariable { heap: bool },
    /// `closure converted to global` (`-d=closure=1`).
    ClosureConvertedToGlobal,
    /// `... will be kept alive` (the 1.26+ testing.B.Loop pass, -m=2).
    KeptAlive,

    /// A message heapscope does not know, kept verbatim.
    Other,
}

/// Coarse grouping used for filtering (`--all`) and summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindClass {
    /// Heap allocation or a leak to the heap: the default output.
    Heap,
    /// Stays on the stack / does not leak.
    Stack,
    /// Parameter leaks to results, mutation and call tags, and similar facts.
    Leak,
    /// `-m=2` explanation blocks.
    Explanation,
    /// Inlining and devirtualization.
    Inline,
    /// Anything else.
    Other,
}

impl Kind {
    pub fn class(&self) -> KindClass {
        use Kind::*;
        match self {
            MovedToHeap
            | EscapesToHeap
            | AppendEscapesToHeap
            | LeakingParam
            | LeakingParamContent
            | LeakingClosureReference
            | NotAllowedInRuntime
            | MarkingEscapingUintptr { .. }
            | LoopVariable { heap: true } => KindClass::Heap,
            DoesNotEscape
            | AppendDoesNotEscape
            | DoesNotEscapeMutateOrCall
            | ZeroCopyConversion
            | LoopVariable { heap: false }
            | ClosureConvertedToGlobal => KindClass::Stack,
            LeakingParamToResult { .. }
            | MutatesParam { .. }
            | CallsParam { .. }
            | IgnoringSelfAssignment
            | AssumingUnsafeUintptr
            | StackAllocationDisallowed => KindClass::Leak,
            EscapeExplanation | LeakExplanation { .. } | Capturing { .. } => KindClass::Explanation,
            CanInline { .. }
            | CannotInline { .. }
            | InliningCall { .. }
            | CannotInlineCall { .. }
            | BigFunction
            | SkipInliningBloop
            | Devirtualizing { .. }
            | CannotDevirtualize { .. } => KindClass::Inline,
            BoundsCheckElided | KeptAlive | Other => KindClass::Other,
        }
    }

    /// The snake_case name used in JSON and on the command line.
    pub fn name(&self) -> &'static str {
        use Kind::*;
        match self {
            MovedToHeap => "moved_to_heap",
            EscapesToHeap => "escapes_to_heap",
            DoesNotEscape => "does_not_escape",
            AppendEscapesToHeap => "append_escapes_to_heap",
            AppendDoesNotEscape => "append_does_not_escape",
            LeakingParam => "leaking_param",
            LeakingParamContent => "leaking_param_content",
            LeakingParamToResult { .. } => "leaking_param_to_result",
            LeakingClosureReference => "leaking_closure_reference",
            MutatesParam { .. } => "mutates_param",
            CallsParam { .. } => "calls_param",
            DoesNotEscapeMutateOrCall => "does_not_escape_mutate_or_call",
            ZeroCopyConversion => "zero_copy_conversion",
            IgnoringSelfAssignment => "ignoring_self_assignment",
            AssumingUnsafeUintptr => "assuming_unsafe_uintptr",
            MarkingEscapingUintptr { .. } => "marking_escaping_uintptr",
            NotAllowedInRuntime => "not_allowed_in_runtime",
            StackAllocationDisallowed => "stack_allocation_disallowed",
            EscapeExplanation => "escape_explanation",
            LeakExplanation { .. } => "leak_explanation",
            Capturing { .. } => "capturing",
            CanInline { .. } => "can_inline",
            CannotInline { .. } => "cannot_inline",
            InliningCall { .. } => "inlining_call",
            CannotInlineCall { .. } => "cannot_inline_call",
            BigFunction => "big_function",
            SkipInliningBloop => "skip_inlining_bloop",
            Devirtualizing { .. } => "devirtualizing",
            CannotDevirtualize { .. } => "cannot_devirtualize",
            BoundsCheckElided => "bounds_check_elided",
            LoopVariable { .. } => "loop_variable",
            ClosureConvertedToGlobal => "closure_converted_to_global",
            KeptAlive => "kept_alive",
            Other => "other",
        }
    }

    /// One value of every kind, for tests and documentation checks. `name()` is exhaustive, so a
    /// kind missing here is caught by `samples_cover_every_kind` in the tests.
    pub fn samples() -> Vec<Kind> {
        use Kind::*;
        vec![
            MovedToHeap,
            EscapesToHeap,
            DoesNotEscape,
            AppendEscapesToHeap,
            AppendDoesNotEscape,
            LeakingParam,
            LeakingParamContent,
            LeakingParamToResult { result: "~r0".into(), level: 0 },
            LeakingClosureReference,
            MutatesParam { derefs: 0 },
            CallsParam { derefs: 1 },
            DoesNotEscapeMutateOrCall,
            ZeroCopyConversion,
            IgnoringSelfAssignment,
            AssumingUnsafeUintptr,
            MarkingEscapingUintptr { variadic: true },
            NotAllowedInRuntime,
            StackAllocationDisallowed,
            EscapeExplanation,
            LeakExplanation { to: "{heap}".into(), derefs: 0 },
            Capturing { by_value: false, addr: false, assign: true, width: 8 },
            CanInline { cost: Some(12), signature: Some("func() int".into()), body: Some("return 1".into()) },
            CannotInline { reason: "marked go:noinline".into() },
            InliningCall { score: None },
            CannotInlineCall { caller: "F".into(), reason: "repeated recursive cycle".into() },
            BigFunction,
            SkipInliningBloop,
            Devirtualizing { to: "*T".into(), partial: false },
            CannotDevirtualize { reason: "shaped receiver".into() },
            BoundsCheckElided,
            LoopVariable { heap: true },
            ClosureConvertedToGlobal,
            KeptAlive,
            Other,
        ]
    }

    /// True for verdicts that an `-m=2` explanation block can justify.
    pub fn is_explainable_verdict(&self) -> bool {
        matches!(
            self,
            Kind::MovedToHeap
                | Kind::EscapesToHeap
                | Kind::AppendEscapesToHeap
                | Kind::LeakingParam
                | Kind::LeakingParamContent
                | Kind::LeakingParamToResult { .. }
        )
    }
}
