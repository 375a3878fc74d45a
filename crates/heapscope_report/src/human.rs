//! `--format human`: each finding as a source snippet (rustc/ruff style, via annotate-snippets)
//! with its shape, why it allocates, how to fix it, and the chain of hops; grouped per package
//! and function, with a summary.

use crate::paths::short_path;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use heapscope_explain::{Finding, SourceCache};
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

/// One thing to show: a diagnostic and, for heap sites, its finding.
struct Item<'a> {
    d: &'a Diagnostic,
    finding: Option<&'a Finding>,
}

/// Writes the human report. `findings` are those of `report` (possibly filtered); without
/// `--all` only they are shown.
/// With `--all`, `keep` selects the diagnostics that are not findings.
pub fn render_human(
    report: &Report,
    findings: &[Finding],
    opts: HumanOptions,
    keep: &dyn Fn(&Diagnostic) -> bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if opts.color { Renderer::styled() } else { Renderer::plain() };
    let cwd = Path::new(&report.cwd);
    let mut sources = SourceCache::new();
    let bold = if opts.color { anstyle::Style::new().bold() } else { anstyle::Style::new() };
    let by_site: HashMap<(&str, u32), &Finding> =
        findings.iter().map(|f| ((f.package.as_str(), f.diagnostic), f)).collect();
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown_total = 0usize;
    let mut failed = 0usize;

    for pkg in &report.packages {
        if let Some(err) = &pkg.error {
            failed += 1;
            render_package_error(pkg, err, &renderer, cwd, &mut sources, out)?;
            continue;
        }
        let items: Vec<Item> = pkg
            .diagnostics
            .iter()
            .filter_map(|d| {
                let finding = by_site.get(&(pkg.import_path.as_str(), d.id)).copied();
                (finding.is_some() || (opts.all && keep(d))).then_some(Item { d, finding })
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        // Group by (file, function), groups ordered by their first position.
        let mut groups: BTreeMap<(String, String), Vec<Item>> = BTreeMap::new();
        for it in items {
            let f = it.d.function.clone().unwrap_or_default();
            groups.entry((it.d.pos.file.clone(), f)).or_default().push(it);
        }
        let mut ordered: Vec<_> = groups.into_iter().collect();
        ordered.sort_by_key(|(_, items)| first_pos(items));
        writeln!(out, "{bold}package {}{bold:#}", pkg.import_path)?;
        for ((file, func), mut items) in ordered {
            items.sort_by_key(|it| (it.d.pos.line, it.d.pos.col, it.d.id));
            let where_ = if file.is_empty() { String::new() } else { short_path(&file, cwd) };
            if func.is_empty() {
                writeln!(out, "\n{bold}{where_}{bold:#}")?;
            } else {
                writeln!(out, "\n{bold}func {func}{bold:#} ({where_})")?;
            }
            for it in items {
                let key = match it.finding {
                    Some(f) => f.shape.id().to_string(),
                    None => it.d.kind.name().replace('_', "-"),
                };
                *totals.entry(key).or_default() += 1;
                shown_total += 1;
                render_item(&it, report, &renderer, cwd, &mut sources, out)?;
            }
        }
        writeln!(out)?;
    }

    let what = if opts.all { "messages" } else { "heap sites" };
    let mut parts: Vec<(usize, String)> = totals.into_iter().map(|(k, n)| (n, k)).collect();
    parts.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let detail = parts.iter().map(|(n, k)| format!("{n} {k}")).collect::<Vec<_>>().join(", ");
    let detail = if detail.is_empty() { String::new() } else { format!(": {detail}") };
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

fn first_pos(items: &[Item]) -> (String, u32, u32) {
    items.iter().map(|it| (it.d.pos.file.clone(), it.d.pos.line, it.d.pos.col)).min().unwrap_or_default()
}

fn level_of(it: &Item) -> Level<'static> {
    match (it.finding, it.d.kind.class()) {
        (Some(f), _) if f.may_allocate || f.static_data => Level::NOTE,
        (Some(_), _) | (None, KindClass::Heap) => Level::WARNING,
        (None, KindClass::Inline) => Level::INFO,
        _ => Level::NOTE,
    }
}

fn render_item(
    it: &Item,
    report: &Report,
    renderer: &Renderer,
    cwd: &Path,
    sources: &mut SourceCache,
    out: &mut dyn Write,
) -> io::Result<()> {
    let d = it.d;
    let (id, title) = match it.finding {
        Some(f) if f.may_allocate => (f.shape.id().to_string(), format!("may allocate: {}", d.message)),
        Some(f) if f.static_data => {
            (f.shape.id().to_string(), format!("no allocation (constant): {}", d.message))
        }
        Some(f) => (f.shape.id().to_string(), d.message.clone()),
        None => (d.kind.name().replace('_', "-"), d.message.clone()),
    };
    let title = level_of(it).primary_title(title).id(id);
    let label = match it.finding {
        Some(f) => f.via.phrase(),
        None => String::new(),
    };
    // Chain hops in this file near the site become context annotations; the rest are notes.
    let hops: Vec<(u32, u32, String, String)> = it
        .finding
        .map(|f| {
            f.chain.iter().map(|h| (h.pos.line, h.pos.col, h.pos.file.clone(), h.text.clone())).collect()
        })
        .unwrap_or_default();
    let near: Vec<(u32, u32, String)> = hops
        .iter()
        .filter(|(l, c, f, _)| {
            *f == d.pos.file && (*l, *c) != (d.pos.line, d.pos.col) && l.abs_diff(d.pos.line) <= 8
        })
        .map(|(l, c, _, t)| (*l, *c, t.clone()))
        .collect();
    let far: Vec<String> = hops
        .iter()
        .filter(|(l, _, f, _)| *f != d.pos.file || l.abs_diff(d.pos.line) > 8)
        .map(|(l, _, f, t)| format!("{}:{l}: {t}", short_path(f, cwd)))
        .collect();

    let mut elements: Vec<annotate_snippets::Element> = Vec::new();
    match window(sources, &d.pos.file, d.pos.line, near.iter().map(|n| n.0)) {
        Some(win) => {
            let mut snippet = Snippet::source(win.text.clone())
                .line_start(win.first_line as usize)
                .path(short_path(&d.pos.file, cwd));
            if let Some(span) = win.span(d.pos.line, d.pos.col) {
                snippet = snippet.annotation(AnnotationKind::Primary.span(span).label(label));
            }
            let mut merged: Vec<(u32, u32, String)> = Vec::new();
            for (l, c, t) in near {
                match merged.iter_mut().find(|m| (m.0, m.1) == (l, c)) {
                    Some(m) => {
                        m.2.push_str("; ");
                        m.2.push_str(&t);
                    }
                    None => merged.push((l, c, t)),
                }
            }
            for (l, c, t) in merged {
                if let Some(span) = win.span(l, c) {
                    snippet = snippet.annotation(AnnotationKind::Context.span(span).label(t));
                }
            }
            elements.push(snippet.into());
        }
        None => elements.push(Level::NOTE.message(format!("at {}", d.pos)).into()),
    }
    for f in &far {
        elements.push(Level::NOTE.message(format!("then {f}")).into());
    }
    if let Some(f) = it.finding {
        let info = f.shape.info();
        elements.push(Level::NOTE.with_name(Some("why")).message(info.why).into());
        elements.push(Level::HELP.with_name(Some("fix")).message(info.fix).into());
        for n in f.shape.notes_for(&report.go_version) {
            elements.push(Level::NOTE.with_name(Some("go version")).message(n).into());
        }
        if f.occurrences > 1 {
            elements.push(
                Level::NOTE
                    .message(format!(
                        "reported {} times (inlined copies or generic instantiations)",
                        f.occurrences
                    ))
                    .into(),
            );
        }
    }
    let mut group = Group::with_title(title);
    for e in elements {
        group = group.element(e);
    }
    writeln!(out, "{}", renderer.render(&[group]))
}

fn render_package_error(
    pkg: &PackageReport,
    err: &heapscope_model::PackageError,
    renderer: &Renderer,
    cwd: &Path,
    sources: &mut SourceCache,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = if pkg.import_path.is_empty() { "(go)" } else { &pkg.import_path };
    let title = format!("package {name} could not be analysed");
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
            let g = match window(sources, &e.pos.file, e.pos.line, std::iter::empty()) {
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

/// A few lines of a file, with where each starts.
struct Window {
    text: String,
    first_line: u32,
    line_starts: Vec<usize>,
}

impl Window {
    /// The byte range of the token at `line:col` (an identifier, or one character).
    fn span(&self, line: u32, col: u32) -> Option<std::ops::Range<usize>> {
        let idx = line.checked_sub(self.first_line)? as usize;
        let start_of_line = *self.line_starts.get(idx)?;
        let end_of_line = self.line_starts.get(idx + 1).copied().unwrap_or(self.text.len());
        let start = start_of_line + col.max(1) as usize - 1;
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
        Some(start..start + len.min(end_of_line - start).max(1))
    }
}

/// The lines from the smallest to the largest of `line` and `extra` (at most 12 apart).
fn window(
    sources: &mut SourceCache,
    file: &str,
    line: u32,
    extra: impl Iterator<Item = u32>,
) -> Option<Window> {
    if line == 0 || file.is_empty() {
        return None;
    }
    let src = sources.source(file)?;
    let extra: Vec<u32> = extra.collect();
    let lo = extra.iter().copied().chain([line]).min().unwrap_or(line);
    let hi = extra.iter().copied().chain([line]).max().unwrap_or(line).min(lo + 12);
    let starts = &src.line_starts;
    let first = *starts.get(lo as usize - 1)?;
    let end = starts.get(hi as usize).copied().unwrap_or(src.text.len());
    let text = src.text.get(first..end)?.to_string();
    let line_starts =
        starts[lo as usize - 1..(hi as usize).min(starts.len())].iter().map(|s| s - first).collect();
    Some(Window { text, first_line: lo, line_starts })
}
