//! Turning one package's `go build` output into a [`PackageReport`]: one diagnostic per
//! message, `-m=2` continuation lines folded into their explanation, explanations linked to
//! the verdicts they justify, compile errors kept verbatim.

use crate::build::{BuildOutput, BuiltPackage};
use crate::list::ListedPackage;
use crate::paths::resolve;
use heapscope_model::{
    Diagnostic, Engine, Flow, FlowLine, GoVersion, Kind, PackageError, PackageReport, Pos, PositionedError,
    Step, parse_flow_line, parse_message, parse_position_prefix,
};
use std::path::Path;

/// Builds the package reports of a run: the listed packages in list order, then anything `go`
/// reported that the listing did not name (patterns that matched nothing, for example).
pub fn assemble(
    listed: &[ListedPackage],
    built: &BuildOutput,
    version: &GoVersion,
    cwd: &Path,
) -> Vec<PackageReport> {
    let mut reports = Vec::new();
    let mut used = vec![false; built.packages.len()];
    for pkg in listed {
        // The package itself, or with tests its test variant `p [p.test]` and its external
        // test package `p_test [p.test]`.
        let xtest = format!("{}_test", pkg.import_path);
        let found: Vec<usize> = built
            .packages
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                let base = b.import_path.split(" [").next().unwrap_or(&b.import_path);
                base == pkg.import_path || base == xtest
            })
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            let mut report = PackageReport {
                import_path: pkg.import_path.clone(),
                dir: pkg.dir.clone(),
                header: pkg.import_path.clone(),
                ..Default::default()
            };
            if let Some(err) = &pkg.error {
                report.error = Some(list_error(err, pkg, cwd));
            }
            reports.push(report);
            continue;
        }
        for i in found {
            used[i] = true;
            let mut report = parse_package(&built.packages[i], Some(pkg), version, cwd);
            if report.error.is_none()
                && let Some(err) = &pkg.error
            {
                report.error = Some(list_error(err, pkg, cwd));
            }
            name_functions(&mut report, pkg);
            reports.push(report);
        }
    }
    for (i, b) in built.packages.iter().enumerate() {
        if !used[i] {
            reports.push(parse_package(b, None, version, cwd));
        }
    }
    // `go` itself failed before building anything (bad flag, bad go.mod, ...).
    if !built.success && reports.iter().all(|r| r.error.is_none()) && !built.tool_messages.is_empty() {
        reports.push(PackageReport {
            import_path: String::new(),
            error: Some(PackageError { messages: built.tool_messages.clone(), positions: Vec::new() }),
            ..Default::default()
        });
    }
    reports
}

/// Fills in the enclosing function of the messages the compiler printed without one.
fn name_functions(report: &mut PackageReport, pkg: &ListedPackage) {
    if report.diagnostics.iter().all(|d| d.function.is_some() || d.pos.line == 0) {
        return;
    }
    let index = crate::functions::FunctionIndex::for_package(&pkg.dir, &pkg.files_for(&report.import_path));
    for d in &mut report.diagnostics {
        if d.function.is_none()
            && let Some(f) = index.lookup(&d.pos)
        {
            d.function = Some(f.to_string());
        }
    }
}

fn list_error(err: &crate::list::ListError, pkg: &ListedPackage, cwd: &Path) -> PackageError {
    let mut positions = Vec::new();
    if let Some(pos) = Pos::parse(&err.pos) {
        let file = resolve(&pos.file, Some(pkg), cwd);
        positions.push(PositionedError { pos: Pos { file, ..pos }, message: err.err.clone() });
    }
    let text = if err.pos.is_empty() { err.err.clone() } else { format!("{}: {}", err.pos, err.err) };
    PackageError { messages: text.lines().map(str::to_string).collect(), positions }
}

/// Parses one package's output.
pub fn parse_package(
    built: &BuiltPackage,
    pkg: Option<&ListedPackage>,
    version: &GoVersion,
    cwd: &Path,
) -> PackageReport {
    let mut report = PackageReport {
        import_path: built.import_path.clone(),
        dir: pkg.map(|p| p.dir.clone()).unwrap_or_default(),
        ..Default::default()
    };
    let mut lines = built.output.lines().peekable();
    while let Some(h) = lines.peek().and_then(|l| l.strip_prefix("# ")) {
        if report.header.is_empty() {
            report.header = h.to_string();
        }
        lines.next();
    }
    // No header: `go` itself reported the package (for example "build constraints exclude
    // all Go files"), and the gc format prints it the same way.

    let mut err = PackageError { messages: Vec::new(), positions: Vec::new() };
    let mut linker = Linker::default();
    let at = |pos: Pos| Pos { file: resolve(&pos.file, pkg, cwd), ..pos };
    for line in lines {
        if built.failed {
            err.messages.push(line.to_string());
        }
        let Some((pos, text)) = parse_position_prefix(line) else {
            if !built.failed && !line.is_empty() {
                let d = new_diag(&report, Pos::new("", 0, 0), Kind::Other, line, line, version);
                report.diagnostics.push(d);
            }
            continue;
        };
        let pos = at(pos);
        if text.starts_with(' ') {
            if let Some(fl) = parse_flow_line(text)
                && attach_flow_line(&mut report.diagnostics, fl, &at)
            {
                continue;
            }
            let d = new_diag(&report, pos, Kind::Other, text, text, version);
            report.diagnostics.push(d);
            continue;
        }
        let parsed = parse_message(text);
        if built.failed && parsed.kind == Kind::Other {
            err.positions.push(PositionedError { pos, message: text.to_string() });
            continue;
        }
        let mut d = new_diag(&report, pos, parsed.kind, &parsed.subject, text, version);
        d.function = parsed.function;
        linker.link(&mut report.diagnostics, &mut d);
        report.diagnostics.push(d);
    }
    if built.failed {
        if err.messages.is_empty() {
            err.messages.push(format!("{}: build failed", report.import_path));
        }
        report.error = Some(err);
    }
    report
}

fn new_diag(
    report: &PackageReport,
    pos: Pos,
    kind: Kind,
    subject: &str,
    message: &str,
    version: &GoVersion,
) -> Diagnostic {
    Diagnostic {
        id: u32::try_from(report.diagnostics.len()).unwrap_or(u32::MAX),
        package: report.import_path.clone(),
        pos,
        kind,
        subject: subject.to_string(),
        function: None,
        message: message.to_string(),
        flows: Vec::new(),
        truncated: false,
        explanations: Vec::new(),
        go_version: version.clone(),
        engine: Engine::Gc,
    }
}

/// Adds a continuation line to the explanation it belongs to (the last diagnostic). Returns
/// false when there is no explanation to attach it to.
fn attach_flow_line(diags: &mut [Diagnostic], fl: FlowLine, at: &dyn Fn(Pos) -> Pos) -> bool {
    let Some(last) = diags.last_mut() else { return false };
    if !matches!(last.kind, Kind::EscapeExplanation | Kind::LeakExplanation { .. }) {
        return false;
    }
    match fl {
        FlowLine::Flow { to, from, derefs } => last.flows.push(Flow { to, from, derefs, steps: Vec::new() }),
        FlowLine::Step { expr, reason, at: where_ } => {
            let Some(flow) = last.flows.last_mut() else { return false };
            let pos = Pos::parse(&where_).map(at).unwrap_or_else(|| Pos::new(where_, 0, 0));
            flow.steps.push(Step { expr, reason, pos });
        }
        FlowLine::Truncated => last.truncated = true,
    }
    true
}

/// Links `-m=2` explanation blocks to the verdict printed later for the same location.
#[derive(Default)]
struct Linker {
    /// Explanations not yet claimed by a verdict: (id, position, subject, is a leak).
    pending: Vec<(u32, Pos, String, bool)>,
}

impl Linker {
    fn link(&mut self, diags: &mut [Diagnostic], d: &mut Diagnostic) {
        match &d.kind {
            Kind::EscapeExplanation => self.pending.push((d.id, d.pos.clone(), d.subject.clone(), false)),
            Kind::LeakExplanation { .. } => self.pending.push((d.id, d.pos.clone(), d.subject.clone(), true)),
            k if k.is_explainable_verdict() => {
                let leak = matches!(
                    k,
                    Kind::LeakingParam | Kind::LeakingParamContent | Kind::LeakingParamToResult { .. }
                );
                let is_append = matches!(k, Kind::AppendEscapesToHeap);
                let mut keep = Vec::with_capacity(self.pending.len());
                for (id, pos, subject, is_leak) in self.pending.drain(..) {
                    let same_subject = subject == d.subject || (is_append && subject.starts_with("append("));
                    if pos == d.pos && is_leak == leak && same_subject {
                        d.explanations.push(id);
                        if d.function.is_none() {
                            d.function = diags.get(id as usize).and_then(|e| e.function.clone());
                        }
                    } else {
                        keep.push((id, pos, subject, is_leak));
                    }
                }
                self.pending = keep;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M2: &str = "# heapscope.dev/examples
./escapes.go:11:6: can inline NewPoint with cost 12 as: func(int, int) *Point { p := Point{...}; return &p }
./escapes.go:12:2: p escapes to heap in NewPoint:
./escapes.go:12:2:   flow: ~r0 ← &p:
./escapes.go:12:2:     from &p (address-of) at ./escapes.go:13:9
./escapes.go:12:2:     from return &p (return) at ./escapes.go:13:2
./escapes.go:12:2: moved to heap: p
./sink.go:16:23: parameter v leaks to {heap} for (*AnySink).Put with derefs=0:
./sink.go:16:23:   flow: {heap} ← v:
./sink.go:16:23:     from s.last = v (assign) at ./sink.go:16:39
./sink.go:16:7: s does not escape
./sink.go:16:23: leaking param: v
";

    fn pkg() -> ListedPackage {
        ListedPackage {
            import_path: "heapscope.dev/examples".into(),
            dir: "/m/examples".into(),
            go_files: vec!["escapes.go".into(), "sink.go".into()],
            ..Default::default()
        }
    }

    #[test]
    fn explanations_fold_and_link() {
        let built =
            BuiltPackage { import_path: "heapscope.dev/examples".into(), output: M2.into(), failed: false };
        let r = parse_package(&built, Some(&pkg()), &GoVersion::new(1, 27, 3), Path::new("/m/examples"));
        assert_eq!(r.header, "heapscope.dev/examples");
        let kinds: Vec<_> = r.diagnostics.iter().map(|d| d.kind.name()).collect();
        assert_eq!(
            kinds,
            [
                "can_inline",
                "escape_explanation",
                "moved_to_heap",
                "leak_explanation",
                "does_not_escape",
                "leaking_param"
            ]
        );
        let expl = &r.diagnostics[1];
        assert_eq!(expl.pos, Pos::new("/m/examples/escapes.go", 12, 2));
        assert_eq!(expl.flows.len(), 1);
        assert_eq!(expl.flows[0].derefs, -1);
        assert_eq!(expl.flows[0].steps[1].reason, "return");
        assert_eq!(expl.flows[0].steps[1].pos, Pos::new("/m/examples/escapes.go", 13, 2));
        let moved = &r.diagnostics[2];
        assert_eq!(moved.explanations, [1]);
        assert_eq!(moved.function.as_deref(), Some("NewPoint"));
        let leak = &r.diagnostics[5];
        assert_eq!(leak.explanations, [3]);
        assert_eq!(leak.function.as_deref(), Some("(*AnySink).Put"));
        assert!(r.diagnostics[4].explanations.is_empty());
    }

    #[test]
    fn failed_package_keeps_compiler_messages() {
        let built = BuiltPackage {
            import_path: "m1/bad".into(),
            output: "# m1/bad\nbad/b.go:2:23: cannot use \"s\" (untyped string constant) as int value in return statement\nbad/b.go:3:12: undefined: undefined\n".into(),
            failed: true,
        };
        let p = ListedPackage {
            import_path: "m1/bad".into(),
            dir: "/tmp/m1/bad".into(),
            go_files: vec!["b.go".into()],
            ..Default::default()
        };
        let r = parse_package(&built, Some(&p), &GoVersion::new(1, 27, 3), Path::new("/tmp/m1"));
        let err = r.error.expect("error");
        assert_eq!(err.messages.len(), 2);
        assert_eq!(err.positions[1].pos, Pos::new("/tmp/m1/bad/b.go", 3, 12));
        assert_eq!(err.positions[1].message, "undefined: undefined");
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn unknown_lines_are_kept() {
        let built = BuiltPackage {
            import_path: "p".into(),
            output: "# p\n./p.go:3:4: some future message\n<autogenerated>:1: leaking param: .this\nsomething odd\n".into(),
            failed: false,
        };
        let r = parse_package(&built, None, &GoVersion::new(1, 27, 3), Path::new("/w"));
        let kinds: Vec<_> = r.diagnostics.iter().map(|d| (d.kind.name(), d.pos.to_string())).collect();
        assert_eq!(
            kinds,
            [
                ("other", "./p.go:3:4".to_string()),
                ("leaking_param", "<autogenerated>:1".to_string()),
                ("other", "".to_string())
            ]
        );
        assert_eq!(r.diagnostics[2].message, "something odd");
    }
}
