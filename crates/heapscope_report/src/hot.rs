//! `heapscope hot`: heap sites ranked by a profile's weight, each with its share of the total,
//! the compiler's finding (shape, route, fix), and the weight nothing explains.

use crate::paths::short_path;
use heapscope_profile::HotReport;
use std::io::{self, Write};
use std::path::Path;

/// Unattributed reasons listed one by one; the rest are summed.
const MAX_UNATTRIBUTED: usize = 6;

/// Writes the `top` heaviest sites.
pub fn render_hot(hot: &HotReport, top: usize, cwd: &Path, out: &mut dyn Write) -> io::Result<()> {
    let total = hot.total.max(0);
    writeln!(
        out,
        "{} ({}): total {}, {} lines with weight, top {}",
        hot.metric,
        hot.unit,
        amount(total, &hot.unit),
        hot.sites.len(),
        top.min(hot.sites.len())
    )?;
    writeln!(out)?;
    for (i, s) in hot.sites.iter().take(top).enumerate() {
        writeln!(
            out,
            "{:>3}. {:>5.1}%  {:>10}  {}:{}  {}",
            i + 1,
            s.share * 100.0,
            amount(s.value, &hot.unit),
            short_path(&s.file, cwd),
            s.line,
            s.function.rsplit('/').next().unwrap_or(&s.function)
        )?;
        for f in &s.findings {
            let info = f.shape.info();
            let tag = if f.static_data {
                " (constant: no allocation since Go 1.25)"
            } else if f.may_allocate {
                " (may allocate)"
            } else {
                ""
            };
            writeln!(out, "       {}: {}{tag}; {}", f.shape.id(), f.message, f.via.phrase())?;
            writeln!(out, "       fix: {}", info.fix)?;
        }
        if let Some((size, _)) = s.object_sizes.first() {
            writeln!(out, "       objects of {size} bytes")?;
        }
        if let Some(n) = &s.note {
            writeln!(out, "       note: {n}")?;
        }
    }
    if !hot.unattributed.is_empty() {
        writeln!(out)?;
        writeln!(out, "weight on no analysed line:")?;
        let share = |v: i64| if total == 0 { 0.0 } else { v as f64 / total as f64 * 100.0 };
        for (reason, v) in hot.unattributed.iter().take(MAX_UNATTRIBUTED) {
            writeln!(out, "  {:>5.1}%  {:>10}  {reason}", share(*v), amount(*v, &hot.unit))?;
        }
        let rest = &hot.unattributed[hot.unattributed.len().min(MAX_UNATTRIBUTED)..];
        if !rest.is_empty() {
            let v: i64 = rest.iter().map(|r| r.1).sum();
            writeln!(out, "  {:>5.1}%  {:>10}  {} more places", share(v), amount(v, &hot.unit), rest.len())?;
        }
    }
    Ok(())
}

/// `1.5 MB`, `320.0 kB`, `12 B` for bytes; `1.20 s` for nanoseconds; plain counts otherwise.
fn amount(v: i64, unit: &str) -> String {
    let f = v as f64;
    match unit {
        "bytes" if v.abs() >= 1_000_000 => format!("{:.1} MB", f / 1e6),
        "bytes" if v.abs() >= 1_000 => format!("{:.1} kB", f / 1e3),
        "bytes" => format!("{v} B"),
        "nanoseconds" if v.abs() >= 1_000_000 => format!("{:.2} s", f / 1e9),
        "nanoseconds" => format!("{:.1} µs", f / 1e3),
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts() {
        assert_eq!(amount(320_000, "bytes"), "320.0 kB");
        assert_eq!(amount(12, "bytes"), "12 B");
        assert_eq!(amount(1_600_016, "bytes"), "1.6 MB");
        assert_eq!(amount(1_200_000_000, "nanoseconds"), "1.20 s");
        assert_eq!(amount(20_000, "count"), "20000");
    }
}
