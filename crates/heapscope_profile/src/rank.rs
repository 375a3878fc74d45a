//! Ranking heap sites by what they cost: each sample's weight goes to the first frame (from
//! the leaf) that lies in the analysed packages, and the compiler's findings at that line are
//! attached. Weight that reaches no analysed frame is kept, with the reason, never dropped.

use crate::{Frame, PathMatcher, Profile, is_runtime_frame};
use heapscope_explain::Finding;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A ranked source line.
#[derive(Debug, Clone, Serialize)]
pub struct HotSite {
    /// The analysed file (absolute), and line.
    pub file: String,
    pub line: u32,
    /// The function the profile names for that frame.
    pub function: String,
    pub value: i64,
    /// `value / total`.
    pub share: f64,
    pub samples: usize,
    /// Findings at this line (the profile records no columns).
    pub findings: Vec<Finding>,
    /// The allocating function when the allocation happens inside a callee that was not
    /// analysed (`strconv.FormatInt`), heaviest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inside: Vec<(String, i64)>,
    /// Object sizes (bytes) with their weight, from the samples' `bytes` label.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub object_sizes: Vec<(i64, i64)>,
    /// Why a line with weight has no finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The ranked report.
#[derive(Debug, Clone, Serialize)]
pub struct HotReport {
    pub metric: String,
    pub unit: String,
    pub total: i64,
    pub sites: Vec<HotSite>,
    /// Weight that reaches no analysed frame: (reason, value).
    pub unattributed: Vec<(String, i64)>,
}

/// The package path of a function symbol (`regexp.(*bitState).reset` -> `regexp`,
/// `internal/sync.newIndirectNode[...]` -> `internal/sync`).
fn package_of(function: &str) -> &str {
    let slash = function.rfind('/').map_or(0, |i| i + 1);
    match function[slash..].find('.') {
        Some(dot) => &function[..slash + dot],
        None => function,
    }
}

/// Ranks the analysed files' lines by the profile's `metric` (an index into its sample types).
/// `analysed` holds the absolute paths of the analysed packages' files; `findings` are theirs.
pub fn rank(
    profile: &Profile,
    metric: usize,
    paths: &PathMatcher,
    analysed: &HashSet<String>,
    findings: &[Finding],
) -> HotReport {
    let st = profile.sample_type(metric);
    let total = profile.total(metric);
    let mut resolved: HashMap<String, Option<String>> = HashMap::new();
    let mut local = |f: &Frame| -> Option<String> {
        resolved
            .entry(f.file.clone())
            .or_insert_with(|| paths.resolve(&f.file).map(|p| p.to_string_lossy().into_owned()))
            .clone()
    };
    #[derive(Default)]
    struct Acc {
        function: String,
        value: i64,
        samples: usize,
        inside: HashMap<String, i64>,
        sizes: HashMap<i64, i64>,
    }
    let mut acc: HashMap<(String, u32), Acc> = HashMap::new();
    let mut lost: HashMap<String, i64> = HashMap::new();
    for s in &profile.samples {
        let Some(&v) = s.values.get(metric) else { continue };
        if v == 0 {
            continue;
        }
        let first_user = s.stack.iter().find(|f| !is_runtime_frame(f));
        let hit = s.stack.iter().find_map(|f| local(f).filter(|p| analysed.contains(p)).map(|p| (p, f)));
        match hit {
            Some((file, frame)) => {
                let a = acc.entry((file, frame.line)).or_default();
                if a.function.is_empty() {
                    a.function = frame.function.clone();
                }
                a.value += v;
                a.samples += 1;
                if let Some(u) =
                    first_user.filter(|u| !std::ptr::eq(*u, frame) && u.function != frame.function)
                {
                    *a.inside.entry(u.function.clone()).or_default() += v;
                }
                if let Some(b) = s.num_label("bytes") {
                    *a.sizes.entry(b).or_default() += v;
                }
            }
            None => {
                let reason = match first_user {
                    None => "runtime-internal (no frame outside the runtime)".to_string(),
                    Some(u) => {
                        format!("outside the analysed packages (in package {})", package_of(&u.function))
                    }
                };
                *lost.entry(reason).or_default() += v;
            }
        }
    }
    let mut sites: Vec<HotSite> = acc
        .into_iter()
        .map(|((file, line), a)| {
            let here: Vec<Finding> =
                findings.iter().filter(|f| f.pos.file == file && f.pos.line == line).cloned().collect();
            let mut inside: Vec<(String, i64)> = a.inside.into_iter().collect();
            inside.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            let mut object_sizes: Vec<(i64, i64)> = a.sizes.into_iter().collect();
            object_sizes.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            let note = if !inside.is_empty() && here.is_empty() {
                Some(format!(
                    "the allocation happens inside {} (not analysed); this is the call in the analysed code",
                    inside[0].0
                ))
            } else if here.is_empty() {
                Some(
                    "no escape-analysis message at this line: the runtime allocates for an operation escape \
                     analysis does not report (creating a channel or map, map growth, starting a goroutine, \
                     growing a slice inside a callee), or the compiler's finding sits on another line of the \
                     same statement"
                        .to_string(),
                )
            } else {
                None
            };
            HotSite {
                file,
                line,
                function: a.function,
                value: a.value,
                share: if total == 0 { 0.0 } else { a.value as f64 / total as f64 },
                samples: a.samples,
                findings: here,
                inside,
                object_sizes,
                note,
            }
        })
        .collect();
    sites.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| (&a.file, a.line).cmp(&(&b.file, b.line))));
    let mut unattributed: Vec<(String, i64)> = lost.into_iter().collect();
    unattributed.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    HotReport {
        metric: st.map(|t| t.type_.clone()).unwrap_or_default(),
        unit: st.map(|t| t.unit.clone()).unwrap_or_default(),
        total,
        sites,
        unattributed,
    }
}

#[cfg(test)]
mod tests {
    use super::package_of;

    #[test]
    fn packages() {
        assert_eq!(package_of("regexp.(*bitState).reset"), "regexp");
        assert_eq!(package_of("internal/sync.newIndirectNode[go.shape.int]"), "internal/sync");
        assert_eq!(package_of("heapscope.dev/examples.BenchmarkAnySink"), "heapscope.dev/examples");
        assert_eq!(package_of("main"), "main");
    }
}
