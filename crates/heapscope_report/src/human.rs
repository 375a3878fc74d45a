//! `--format human`: each finding as a source snippet (rustc/ruff style, via annotate-snippets),
//! grouped per package and function, with the `-m=2` flow as notes and a summary count.

use crate::paths::short_path;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use heapscope_model::{Diagnostic, KindClass, PackageReport, Report};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

/// What the human report shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Show every message, not only heap sites.
    pub all: bool,
    /// Emit ANSI colours (the caller strips them when the output is not a terminal).
    pub color: bool,
}

/// Writes the human report.
pub fn render_human(report: &Report, opts: HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if opts.color { Renderer::styled() } else { Renderer::plain() };
    let cwd = Path::new(&report.cwd);
    let mut sources = Sources::default();
    let mut totals: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut shown_total = 0usize;
    let mut failed = 0usize;
    let bold = if opts.color { anstyle::Style::new().bold() } else { anstyle::Style::new() };

    for pkg in &report.packages {
        if let Some(err) = &pkg.error {
            failed += 1;
            render_package_error(pkg, err, &renderer, cwd, &mut sources, out)?;
            continue;
        }
        let shown: Vec<&Diagnostic> =
            pkg.diagnostics.iter().filter(|d| if opts.all { true } else { d.is_heap_site() }).collect();
        if shown.is_empty() {
            continue;
        }
        // Group by (file, function), ordered by position.
        let mut groups: BTreeMap<(String, String), Vec<&Diagnostic>> = BTreeMap::new();
        for d in &shown {
            let f = d.function.clone().unwrap_or_default();
            groups.entry((d.pos.file.clone(), f)).or_default().push(d);
        }
        let mut ordered: Vec<_> = groups.into_iter().collect();
        ordered.sort_by_key(|a| first_pos(&a.1));
        writeln!(out, "{bold}package {}{bold:#}", pkg.import_path)?;
        for ((file, func), mut diags) in ordered {
            diags.sort_by_key(|a| (a.pos.line, a.pos.col, a.id));
            let where_ = if file.is_empty() { String::new() } else { short_path(&file, cwd) };
            if func.is_empty() {
                writeln!(out, "\n{bold}{where_}{bold:#}")?;
            } else {
                writeln!(out, "\n{bold}func {func}{bold:#} ({where_})")?;
            }
            for d in diags {
                *totals.entry(d.kind.name()).or_default() += 1;
                shown_total += 1;
                render_diagnostic(d, pkg, &renderer, cwd, &mut sources, out)?;
            }
        }
        writeln!(out)?;
    }

    // Summary.
    let what = if opts.all { "messages" } else { "heap sites" };
    let mut parts: Vec<String> = totals.iter().map(|(k, n)| format!("{n} {}", k.replace('_', " "))).collect();
    parts.sort();
    let detail = if parts.is_empty() { String::new() } else { format!(": {}", parts.join(", ")) };
    let pkgs = report.packages.len();
    writeln!(
        out,
        "{bold}{shown_total} {what}{bold:#} in {pkgs} package{}{detail} ({}, {} engine, -m={})",
        if pkgs == 1 { "" } else { "s" },
        report.go_version,
        report.engine.as_str(),
        report.m_level
    )?;
    if failed > 0 {
        writeln!(out, "{failed} package{} could not be analysed", if failed == 1 { "" } else { "s" })?;
    }
    Ok(())
}

fn first_pos(ds: &[&Diagnostic]) -> (String, u32, u32) {
    ds.iter().map(|d| (d.pos.file.clone(), d.pos.line, d.pos.col)).min().unwrap_or_default()
}

/// A few words under the primary span; the title already carries the full message.
fn primary_label(d: &Diagnostic) -> &'static str {
    use heapscope_model::Kind::*;
    match d.kind {
        MovedToHeap => "moved to the heap",
        EscapesToHeap | AppendEscapesToHeap => "allocated on the heap",
        LeakingParam | LeakingParamContent => "leaks to the heap",
        LeakingParamToResult { .. } => "leaks to a result",
        DoesNotEscape | AppendDoesNotEscape => "stays on the stack",
        _ => "",
    }
}

fn level_of(d: &Diagnostic) -> Level<'static> {
    match d.kind.class() {
        KindClass::Heap => Level::WARNING,
        KindClass::Inline => Level::INFO,
        _ => Level::NOTE,
    }
}

fn render_diagnostic(
    d: &Diagnostic,
    pkg: &PackageReport,
    renderer: &Renderer,
    cwd: &Path,
    sources: &mut Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id = d.kind.name().replace('_', "-");
    let title = level_of(d).primary_title(d.message.clone()).id(id);
    let path = short_path(&d.pos.file, cwd);
    // Steps of the explanations that sit in the same file become context annotations.
    let mut context: Vec<(u32, u32, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for e in d.explanations.iter().filter_map(|&i| pkg.diagnostics.get(i as usize)) {
        for f in &e.flows {
            let ops =
                if f.derefs < 0 { "&".to_string() } else { "*".repeat(f.derefs.unsigned_abs() as usize) };
            let steps: Vec<String> = f
                .steps
                .iter()
                .map(|s| {
                    format!("{} ({}) at {}:{}", s.expr, s.reason, short_path(&s.pos.file, cwd), s.pos.line)
                })
                .collect();
            notes.push(format!("flow: {} ← {ops}{}: {}", f.to, f.from, steps.join("; ")));
            for s in &f.steps {
                if s.pos.file != d.pos.file || (s.pos.line, s.pos.col) == (d.pos.line, d.pos.col) {
                    continue;
                }
                // One label per token: reasons met at the same place are joined in flow order.
                match context.iter_mut().find(|c| (c.0, c.1) == (s.pos.line, s.pos.col)) {
                    Some(c) if !c.2.split(", ").any(|r| r == s.reason) => {
                        c.2.push_str(", ");
                        c.2.push_str(&s.reason);
                    }
                    Some(_) => {}
                    None => context.push((s.pos.line, s.pos.col, s.reason.clone())),
                }
            }
        }
    }
    let report_group = match sources.window(&d.pos.file, d.pos.line, &context) {
        Some(win) => {
            let mut snippet =
                Snippet::source(win.text.clone()).line_start(win.first_line as usize).path(path);
            if let Some(span) = win.span(d.pos.line, d.pos.col) {
                snippet = snippet.annotation(AnnotationKind::Primary.span(span).label(primary_label(d)));
            }
            for (line, col, reason) in &context {
                if let Some(span) = win.span(*line, *col) {
                    snippet = snippet.annotation(AnnotationKind::Context.span(span).label(reason.clone()));
                }
            }
            let mut g = title.element(snippet);
            for n in &notes {
                g = g.element(Level::NOTE.message(n.clone()));
            }
            g
        }
        None => {
            let mut g = title.element(Level::NOTE.message(format!("at {}", d.pos)));
            for n in &notes {
                g = g.element(Level::NOTE.message(n.clone()));
            }
            g
        }
    };
    writeln!(out, "{}", renderer.render(&[report_group]))
}

fn render_package_error(
    pkg: &PackageReport,
    err: &heapscope_model::PackageError,
    renderer: &Renderer,
    cwd: &Path,
    sources: &mut Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = format!(
        "package {} could not be analysed",
        if pkg.import_path.is_empty() { "(go)" } else { &pkg.import_path }
    );
    let mut groups: Vec<Group> = Vec::new();
    if err.positions.is_empty() {
        let mut g = Group::with_title(Level::ERROR.primary_title(title));
        for m in &err.messages {
            g = g.element(Level::NOTE.message(m.clone()));
        }
        groups.push(g);
    } else {
        groups.push(Group::with_title(Level::ERROR.primary_title(title)));
        for e in &err.positions {
            let head = Level::ERROR.secondary_title(e.message.clone());
            let g = match sources.window(&e.pos.file, e.pos.line, &[]) {
                Some(win) => {
                    let mut snippet = Snippet::source(win.text.clone())
                        .line_start(win.first_line as usize)
                        .path(short_path(&e.pos.file, cwd));
                    if let Some(span) = win.span(e.pos.line, e.pos.col) {
                        snippet = snippet.annotation(AnnotationKind::Primary.span(span));
                    }
                    head.element(snippet)
                }
                None => head.element(Level::NOTE.message(format!("at {}", e.pos))),
            };
            groups.push(g);
        }
    }
    writeln!(out, "{}\n", renderer.render(&groups))
}

/// Source files read once each, cut into small windows around the lines a finding needs.
#[derive(Default)]
struct Sources {
    files: HashMap<String, Option<String>>,
}

struct Window {
    text: String,
    first_line: u32,
    /// Byte offset in `text` of the start of each line, from `first_line` on.
    line_starts: Vec<usize>,
}

impl Window {
    /// The byte range of the token at `line:col` (an identifier, or one character).
    fn span(&self, line: u32, col: u32) -> Option<std::ops::Range<usize>> {
        let idx = line.checked_sub(self.first_line)? as usize;
        let start_of_line = *self.line_starts.get(idx)?;
        let end_of_line = self.line_starts.get(idx + 1).copied().unwrap_or(self.text.len());
        let col = col.max(1) as usize;
        let start = start_of_line + col - 1;
        if start >= end_of_line {
            return None;
        }
        let rest = self.text.get(start..end_of_line)?;
        let ident: usize = rest
            .char_indices()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        let len = if ident > 0 { ident } else { rest.chars().next().map_or(1, char::len_utf8) };
        let len = len.min(end_of_line - start).max(1);
        Some(start..start + len)
    }
}

impl Sources {
    fn window(&mut self, file: &str, line: u32, extra: &[(u32, u32, String)]) -> Option<Window> {
        if line == 0 || file.is_empty() {
            return None;
        }
        let src = self
            .files
            .entry(file.to_string())
            .or_insert_with(|| std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).into_owned()))
            .as_ref()?;
        let lo = extra.iter().map(|e| e.0).chain([line]).min().unwrap_or(line);
        let hi = extra.iter().map(|e| e.0).chain([line]).max().unwrap_or(line);
        // Keep windows small: context lines far away are dropped by the caller's span lookup.
        let hi = hi.min(lo + 12);
        let mut starts = vec![0usize];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let first = *starts.get(lo as usize - 1)?;
        let end = starts.get(hi as usize).copied().unwrap_or(src.len());
        let text = src.get(first..end)?.to_string();
        let line_starts =
            starts[lo as usize - 1..(hi as usize).min(starts.len())].iter().map(|s| s - first).collect();
        Some(Window { text, first_line: lo, line_starts })
    }
}
