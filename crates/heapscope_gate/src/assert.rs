//! Source assertions. Directives are read as gcassert reads them: a comment at the end of a
//! line applies to that line; a comment on a line of its own applies to the next line of code;
//! on a function declaration `inline` means "every call of this function is inlined".
//!
//! | directive | fails when |
//! |---|---|
//! | `//gcassert:inline` | the call on the line is not inlined; on a `func`: the function cannot be inlined, or a call of it in the package is not |
//! | `//gcassert:noescape` | a value on the line is heap allocated (`moved to heap`, `escapes to heap`), or a parameter leaks (`leaking param:`, as gcassert: not `leaking param content:`) |
//! | `//gcassert:bce` | a bounds check remains on the line (`Found IsInBounds`; needs the compiler's `-d=ssa/check_bce/debug=1`) |
//! | `//heapscope:noescape [reason]` | any heap finding on the line, or in the whole function when on a `func` |
//! | `//heapscope:allow [reason]` | never: marks the findings on the line (or in the function) as accepted |
//!
//! Directives combine with commas (`//gcassert:bce,inline`), as in gcassert.

use go_syntax::{DeclKind, ExprKind, File, Node, StmtKind};
use heapscope_explain::Finding;
use heapscope_model::{Diagnostic, Kind, Pos, Report};
use std::path::{Path, PathBuf};

/// What a directive asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    Inline,
    Bce,
    Noescape,
    /// `//heapscope:noescape`.
    NoHeap {
        reason: String,
    },
    /// `//heapscope:allow`.
    Allow {
        reason: String,
    },
}

impl Directive {
    pub fn name(&self) -> &'static str {
        match self {
            Directive::Inline => "gcassert:inline",
            Directive::Bce => "gcassert:bce",
            Directive::Noescape => "gcassert:noescape",
            Directive::NoHeap { .. } => "heapscope:noescape",
            Directive::Allow { .. } => "heapscope:allow",
        }
    }
}

/// A function declaration a directive sits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuncTarget {
    /// The declared name (`F`, or the method name).
    pub name: String,
    /// True for methods.
    pub method: bool,
    /// Lines of the whole declaration, body included.
    pub first_line: u32,
    pub last_line: u32,
}

/// One directive, bound to its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    pub file: String,
    /// The line the directive applies to.
    pub line: u32,
    /// Where the directive comment is.
    pub comment_line: u32,
    pub directive: Directive,
    /// Set when the line declares a function.
    pub func: Option<FuncTarget>,
    /// For `inline` on a function: the positions of the `(` of its calls in this file.
    pub calls: Vec<Pos>,
}

/// A directive that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDirective {
    pub pos: Pos,
    pub message: String,
}

/// Reads the directives of `files` (absolute paths). Calls of functions marked
/// `//gcassert:inline` are looked for in all the files.
pub fn scan(files: &[PathBuf]) -> (Vec<Assertion>, Vec<BadDirective>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let parsed: Vec<(String, File)> = files
        .iter()
        .filter_map(|p| {
            let src = std::fs::read(p).ok()?;
            let name = p.to_string_lossy().into_owned();
            let file = go_syntax::parse_file(&name, &src).0;
            Some((name, file))
        })
        .collect();
    for (name, file) in &parsed {
        scan_file(name, file, &mut out, &mut bad);
    }
    // Calls of plain functions marked inline (methods need types to resolve their calls).
    for a in &mut out {
        if let (Directive::Inline, Some(f)) = (&a.directive, &a.func)
            && !f.method
        {
            for (name, file) in &parsed {
                a.calls.extend(calls_of(file, name, &f.name));
            }
        }
    }
    (out, bad)
}

fn scan_file(name: &str, file: &File, out: &mut Vec<Assertion>, bad: &mut Vec<BadDirective>) {
    let src = &file.src;
    let line_of = |off: u32| file.source_map.line_col(off).0;
    let funcs = functions(file);
    for c in &file.comments {
        let text = String::from_utf8_lossy(file.comment_text(c)).into_owned();
        let Some(found) = parse_comment(&text) else { continue };
        let comment_line = line_of(c.start);
        // Code before the comment on its line: the directive is about that line.
        let (lo, _) = file.source_map.line_range(comment_line);
        let before = src.get(lo as usize..c.start as usize).unwrap_or(&[]);
        let line = if before.iter().any(|b| !b.is_ascii_whitespace()) {
            comment_line
        } else {
            next_code_line(file, c.end)
        };
        let func = funcs.iter().find(|f| f.first_line == line).cloned();
        for d in found {
            match d {
                Ok(directive) => out.push(Assertion {
                    file: name.to_string(),
                    line,
                    comment_line,
                    directive,
                    func: func.clone(),
                    calls: Vec::new(),
                }),
                Err(message) => {
                    let (l, col) = file.source_map.line_col(c.start);
                    bad.push(BadDirective { pos: Pos::new(name, l, col), message });
                }
            }
        }
    }
}

/// The directives a comment holds (`None` when it holds none).
fn parse_comment(text: &str) -> Option<Vec<Result<Directive, String>>> {
    let body = text.strip_prefix("//")?;
    let body = body.strip_prefix(' ').unwrap_or(body);
    if let Some(list) = body.strip_prefix("gcassert:") {
        let word_end =
            list.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ',')).unwrap_or(list.len());
        return Some(
            list[..word_end]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| match s {
                    "inline" => Ok(Directive::Inline),
                    "bce" => Ok(Directive::Bce),
                    "noescape" => Ok(Directive::Noescape),
                    other => Err(format!("unknown directive \"{other}\"")),
                })
                .collect(),
        );
    }
    if let Some(rest) = text.strip_prefix("//heapscope:") {
        let (word, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let reason = reason.trim().to_string();
        return Some(vec![match word {
            "noescape" => Ok(Directive::NoHeap { reason }),
            "allow" => Ok(Directive::Allow { reason }),
            other => Err(format!("unknown directive \"heapscope:{other}\" (known: noescape, allow)")),
        }]);
    }
    None
}

/// The first line after `off` that holds something other than white space and comments.
fn next_code_line(file: &File, off: u32) -> u32 {
    let src = &file.src;
    let mut i = off as usize;
    while i < src.len() {
        match src[i] {
            b if b.is_ascii_whitespace() => i += 1,
            b'/' if src.get(i + 1) == Some(&b'/') => {
                while i < src.len() && src[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < src.len() && !(src[i] == b'*' && src[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            _ => break,
        }
    }
    file.source_map.line_col(u32::try_from(i).unwrap_or(u32::MAX)).0
}

fn functions(file: &File) -> Vec<FuncTarget> {
    let mut out = Vec::new();
    for d in file.list(file.decl_list) {
        let decl = file.decl(d);
        if let DeclKind::Func { recv, name, body, .. } = &decl.kind {
            let first_line = file.source_map.line_col(decl.pos).0;
            let last_line = match body.map(|b| &file.stmt(b).kind) {
                Some(StmtKind::Block { rbrace, .. }) => file.source_map.line_col(*rbrace).0,
                _ => first_line,
            };
            out.push(FuncTarget {
                name: file.name_str(*name).to_string(),
                method: recv.is_some(),
                first_line,
                last_line,
            });
        }
    }
    out
}

/// Positions (at the `(`) of the calls `name(...)` in a file.
fn calls_of(file: &File, filename: &str, name: &str) -> Vec<Pos> {
    let mut out = Vec::new();
    file.walk(|n| {
        if let Node::Expr(e) = n
            && let ExprKind::Call { fun, .. } = &file.expr(e).kind
        {
            let f = file.unparen(*fun);
            if matches!(file.expr(f).kind, ExprKind::Name(_)) && file.name_str(f) == name {
                let (l, c) = file.source_map.line_col(file.expr(e).pos);
                out.push(Pos::new(filename, l, c));
            }
        }
    });
    out
}

/// A broken assertion, with the finding that explains it when there is one.
#[derive(Debug, Clone)]
pub struct Failure<'a> {
    pub assertion: &'a Assertion,
    pub pos: Pos,
    pub message: String,
    pub finding: Option<&'a Finding>,
}

/// The outcome of checking assertions against a report.
#[derive(Debug, Default)]
pub struct Outcome<'a> {
    pub checked: usize,
    pub failures: Vec<Failure<'a>>,
    /// Findings accepted by `//heapscope:allow`.
    pub allowed: Vec<&'a Finding>,
}

fn on_line(a: &Assertion, p: &Pos) -> bool {
    p.file == a.file && p.line == a.line
}

fn in_scope(a: &Assertion, p: &Pos) -> bool {
    match &a.func {
        Some(f) => p.file == a.file && (f.first_line..=f.last_line).contains(&p.line),
        None => on_line(a, p),
    }
}

/// Checks `assertions` against the compiler's diagnostics in `report` and their `findings`.
pub fn check<'a>(assertions: &'a [Assertion], report: &'a Report, findings: &'a [Finding]) -> Outcome<'a> {
    let diags: Vec<&Diagnostic> = report.diagnostics().collect();
    let finding_at = |p: &Pos| findings.iter().find(|f| f.pos == *p);
    let mut o = Outcome::default();
    for a in assertions {
        let here = || diags.iter().copied().filter(|d| on_line(a, &d.pos));
        match &a.directive {
            Directive::Allow { .. } => {
                o.allowed.extend(findings.iter().filter(|f| in_scope(a, &f.pos)));
                continue;
            }
            Directive::Inline => match &a.func {
                Some(f) => {
                    let inlinable = diags.iter().any(|d| {
                        matches!(d.kind, Kind::CanInline { .. })
                            && d.pos.file == a.file
                            && d.pos.line == a.line
                            && d.subject.rsplit('.').next() == Some(f.name.as_str())
                    });
                    if !inlinable {
                        let why = diags
                            .iter()
                            .find_map(|d| match &d.kind {
                                Kind::CannotInline { reason }
                                    if d.pos.file == a.file && d.pos.line == a.line =>
                                {
                                    Some(format!("function is not inlinable: {reason}"))
                                }
                                _ => None,
                            })
                            .unwrap_or_else(|| "function is not inlinable".to_string());
                        o.failures.push(Failure {
                            assertion: a,
                            pos: Pos::new(&a.file, a.line, 0),
                            message: why,
                            finding: None,
                        });
                    }
                    for call in &a.calls {
                        let inlined = diags
                            .iter()
                            .any(|d| matches!(d.kind, Kind::InliningCall { .. }) && d.pos == *call);
                        if !inlined {
                            o.failures.push(Failure {
                                assertion: a,
                                pos: call.clone(),
                                message: format!("call of {} was not inlined", f.name),
                                finding: None,
                            });
                        }
                    }
                }
                None => {
                    if !here().any(|d| matches!(d.kind, Kind::InliningCall { .. })) {
                        o.failures.push(Failure {
                            assertion: a,
                            pos: Pos::new(&a.file, a.line, 0),
                            message: "call was not inlined".into(),
                            finding: None,
                        });
                    }
                }
            },
            Directive::Bce => {
                for d in
                    here().filter(|d| d.message == "Found IsInBounds" || d.message == "Found IsSliceInBounds")
                {
                    o.failures.push(Failure {
                        assertion: a,
                        pos: d.pos.clone(),
                        message: d.message.clone(),
                        finding: None,
                    });
                }
            }
            Directive::Noescape => {
                for d in here().filter(|d| {
                    matches!(
                        d.kind,
                        Kind::MovedToHeap
                            | Kind::EscapesToHeap
                            | Kind::AppendEscapesToHeap
                            | Kind::LeakingParam
                            | Kind::LeakingParamToResult { .. }
                    )
                }) {
                    o.failures.push(Failure {
                        assertion: a,
                        pos: d.pos.clone(),
                        message: d.message.clone(),
                        finding: finding_at(&d.pos),
                    });
                }
            }
            Directive::NoHeap { .. } => {
                for f in findings.iter().filter(|f| in_scope(a, &f.pos) && !f.static_data) {
                    o.failures.push(Failure {
                        assertion: a,
                        pos: f.pos.clone(),
                        message: f.message.clone(),
                        finding: Some(f),
                    });
                }
            }
        }
        o.checked += 1;
    }
    o
}

/// True when some assertion needs bounds-check information from the compiler.
pub fn needs_bce(assertions: &[Assertion]) -> bool {
    assertions.iter().any(|a| a.directive == Directive::Bce)
}

/// The compiler flag that makes gc report remaining bounds checks.
pub const BCE_FLAG: &str = "-d=ssa/check_bce/debug=1";

/// The source text of a line, trimmed, for failure messages.
pub fn source_line(file: &str, line: u32) -> String {
    std::fs::read_to_string(Path::new(file))
        .ok()
        .and_then(|t| t.lines().nth(line.saturating_sub(1) as usize).map(|l| l.trim().to_string()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments() {
        assert_eq!(parse_comment("//gcassert:inline"), Some(vec![Ok(Directive::Inline)]));
        assert_eq!(
            parse_comment("// gcassert:bce,inline"),
            Some(vec![Ok(Directive::Bce), Ok(Directive::Inline)])
        );
        assert_eq!(parse_comment("//gcassert:noescape // trailing"), Some(vec![Ok(Directive::Noescape)]));
        assert_eq!(
            parse_comment("//heapscope:allow cached forever"),
            Some(vec![Ok(Directive::Allow { reason: "cached forever".into() })])
        );
        assert!(parse_comment("//gcassert:inlne").unwrap()[0].is_err());
        assert!(parse_comment("//heapscope:nope").unwrap()[0].is_err());
        assert_eq!(parse_comment("// ordinary comment"), None);
        assert_eq!(parse_comment("/* gcassert:inline */"), None);
    }

    #[test]
    fn binding_to_lines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.go");
        std::fs::write(
            &p,
            "package a

//gcassert:inline
func Small() int { return 1 }

func Use() int {
	x := Small() //gcassert:inline
	// gcassert:noescape

	y := &x
	return *y + Small()
}
",
        )
        .unwrap();
        let (asserts, bad) = scan(std::slice::from_ref(&p));
        assert!(bad.is_empty());
        let got: Vec<(u32, &str, bool)> =
            asserts.iter().map(|a| (a.line, a.directive.name(), a.func.is_some())).collect();
        assert_eq!(
            got,
            [(4, "gcassert:inline", true), (7, "gcassert:inline", false), (10, "gcassert:noescape", false)]
        );
        let calls: Vec<(u32, u32)> = asserts[0].calls.iter().map(|c| (c.line, c.col)).collect();
        assert_eq!(calls, [(7, 12), (11, 19)]);
    }
}
