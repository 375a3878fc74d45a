//! `--format sarif`: SARIF 2.1.0 for code-scanning services. One rule per shape (with help
//! text), one result per finding with a `partialFingerprints` entry that survives line shifts,
//! the root-cause chain as a code flow, and columns converted from Go's bytes to code points
//! (`columnKind: unicodeCodePoints`). GitHub keeps at most 5,000 results per run (it accepts
//! 25,000): results are ranked and cut to [`MAX_RESULTS`], with a notification saying so.

use crate::paths::short_path;
use heapscope_explain::{Finding, Shape, SourceCache};
use heapscope_model::{Pos, Report};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

/// Results kept per run (GitHub code scanning keeps the top 5,000 by severity).
pub const MAX_RESULTS: usize = 5000;
/// Code-flow locations kept per result (GitHub keeps 1,000).
pub const MAX_FLOW_LOCATIONS: usize = 1000;

/// Writes the findings as one SARIF log. `findings` are expected ranked (most important first).
pub fn render_sarif(report: &Report, findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let doc = sarif_log(report, findings);
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// Builds the SARIF log as a JSON value.
pub fn sarif_log(report: &Report, findings: &[Finding]) -> Value {
    let cwd = Path::new(&report.cwd);
    let mut sources = SourceCache::new();
    let rules: Vec<Value> = Shape::ALL.iter().map(|s| rule(*s)).collect();
    let mut ranked: Vec<&Finding> = findings.iter().collect();
    ranked.sort_by_key(|f| f.may_allocate || f.static_data); // heap sites before notes; stable
    let kept = ranked.len().min(MAX_RESULTS);
    let results: Vec<Value> = ranked[..kept].iter().map(|f| result(f, cwd, &mut sources)).collect();
    let mut notifications = Vec::new();
    if ranked.len() > kept {
        notifications.push(json!({
            "level": "warning",
            "message": {"text": format!(
                "{} of {} findings omitted: SARIF output keeps the first {MAX_RESULTS} (heap sites first); filter with --package/--func/--shape",
                ranked.len() - kept, ranked.len())}
        }));
    }
    for p in report.errors() {
        let name = if p.import_path.is_empty() { "(go)" } else { &p.import_path };
        let first = p.error.as_ref().and_then(|e| e.messages.first()).cloned().unwrap_or_default();
        notifications.push(json!({
            "level": "error",
            "message": {"text": format!("package {name} could not be analysed: {first}")}
        }));
    }
    let base = format!("{}/", file_uri(&report.cwd).trim_end_matches('/'));
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "heapscope",
                "informationUri": "https://github.com/heapscope/heapscope",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": report.errors().next().is_none(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": base}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "goVersion": report.go_version.to_string(),
                "engine": report.engine.as_str(),
                "mLevel": report.m_level,
            },
        }]
    })
}

fn rule(s: Shape) -> Value {
    let info = s.info();
    let avoidable = serde_json::to_value(info.avoidable).unwrap_or(Value::Null);
    json!({
        "id": s.id(),
        "name": pascal(s.id()),
        "shortDescription": {"text": info.name},
        "fullDescription": {"text": info.why},
        "help": {
            "text": format!("{}\n\nFix: {}", info.why, info.fix),
            "markdown": format!("**{}**\n\n{}\n\n**Fix:** {}", info.name, info.why, info.fix),
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["performance", "allocation", "escape-analysis"], "avoidable": avoidable},
    })
}

fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn result(f: &Finding, cwd: &Path, sources: &mut SourceCache) -> Value {
    let info = f.shape.info();
    let rule_index = Shape::ALL.iter().position(|s| *s == f.shape).unwrap_or(0);
    let text = format!("{} ({}): {}. Fix: {}", f.message, info.name, f.via.phrase(), info.fix);
    let mut r = json!({
        "ruleId": f.shape.id(),
        "ruleIndex": rule_index,
        "level": if f.may_allocate || f.static_data { "note" } else { "warning" },
        "message": {"text": text},
        "locations": [location(&f.pos, cwd, sources, None, f.function.as_deref(), &f.package)],
        "partialFingerprints": {"heapscopeFinding/v1": f.fingerprint},
        "properties": {
            "package": f.package,
            "subject": f.subject,
            "via": serde_json::to_value(&f.via).unwrap_or(Value::Null),
            "occurrences": f.occurrences,
        },
    });
    if !f.chain.is_empty() {
        let mut locs = vec![json!({"location": location(&f.pos, cwd, sources, Some(&f.message), None, "")})];
        locs.extend(
            f.chain
                .iter()
                .take(MAX_FLOW_LOCATIONS - 1)
                .map(|h| json!({"location": location(&h.pos, cwd, sources, Some(&h.text), None, "")})),
        );
        r["codeFlows"] = json!([{"threadFlows": [{"locations": locs}]}]);
    }
    r
}

fn location(
    pos: &Pos,
    cwd: &Path,
    sources: &mut SourceCache,
    message: Option<&str>,
    function: Option<&str>,
    package: &str,
) -> Value {
    let mut phys = json!({"artifactLocation": artifact(&pos.file, cwd)});
    if pos.line > 0 {
        let mut region = json!({"startLine": pos.line});
        if pos.col > 0 {
            region["startColumn"] = json!(code_point_column(sources, pos));
        }
        phys["region"] = region;
    }
    let mut loc = json!({"physicalLocation": phys});
    if let Some(m) = message {
        loc["message"] = json!({"text": m});
    }
    if let Some(func) = function {
        let fq = if package.is_empty() { func.to_string() } else { format!("{package}.{func}") };
        loc["logicalLocations"] = json!([{"name": func, "fullyQualifiedName": fq, "kind": "function"}]);
    }
    loc
}

fn artifact(file: &str, cwd: &Path) -> Value {
    let short = short_path(file, cwd);
    if !Path::new(&short).is_absolute() && !short.starts_with("..") && !file.starts_with('<') {
        json!({"uri": encode_uri_path(short.trim_start_matches("./")), "uriBaseId": "%SRCROOT%"})
    } else if Path::new(file).is_absolute() {
        json!({"uri": file_uri(file)})
    } else {
        json!({"uri": encode_uri_path(file)})
    }
}

fn file_uri(path: &str) -> String {
    format!("file://{}", encode_uri_path(path))
}

/// Percent-encodes what may not appear in a URI path.
fn encode_uri_path(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'/'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'+'
            | b'@'
            | b'='
            | b',' => s.push(b as char),
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

/// Go reports byte columns; SARIF counts code points here.
fn code_point_column(sources: &mut SourceCache, pos: &Pos) -> u32 {
    match sources.line(&pos.file, pos.line) {
        Some(line) => {
            let end = (pos.col as usize).saturating_sub(1).min(line.len());
            let prefix = String::from_utf8_lossy(&line.as_bytes()[..end]).chars().count();
            u32::try_from(prefix).unwrap_or(u32::MAX).saturating_add(1)
        }
        None => pos.col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encoding() {
        assert_eq!(encode_uri_path("a b/c#d.go"), "a%20b/c%23d.go");
        assert_eq!(file_uri("/x y/z.go"), "file:///x%20y/z.go");
        assert_eq!(pascal("address-of-local"), "AddressOfLocal");
    }

    #[test]
    fn columns_become_code_points() {
        let mut s = SourceCache::new();
        s.insert("/m/x.go", "package p\n\tx := \"é\" + y\n");
        // Byte column of `y` is 15 (é is two bytes); its code-point column is 14.
        assert_eq!(code_point_column(&mut s, &Pos::new("/m/x.go", 2, 15)), 14);
        assert_eq!(code_point_column(&mut s, &Pos::new("/m/x.go", 2, 2)), 2);
    }
}
