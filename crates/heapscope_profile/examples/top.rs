//! Prints the heaviest source sites of a pprof profile:
//! `cargo run -p heapscope_profile --example top -- mem.out [metric] [count]`.

use heapscope_profile::{PathMatcher, Profile, attribute};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: top PROFILE [METRIC] [COUNT]")?;
    let profile = Profile::read(&path)?;
    let metric = match args.next() {
        Some(name) if !name.is_empty() => {
            profile.metric(&name).ok_or_else(|| format!("no metric {name:?} in {path}"))?
        }
        _ => profile.default_metric().ok_or("the profile has no sample types")?,
    };
    let count: usize = args.next().map(|c| c.parse()).transpose()?.unwrap_or(15);
    let mut paths = PathMatcher::new();
    if let Ok(dir) = std::env::current_dir() {
        paths.add_go_files_under(dir);
    }
    let a = attribute(&profile, metric, &paths);
    println!("{:?} profile, {} ({}), total {}", profile.kind(), a.metric, a.unit, a.total);
    for s in a.sites.iter().take(count) {
        let alloc = s.allocators.first().map(|(f, _)| format!(" via {f}")).unwrap_or_default();
        let size = s.object_sizes.first().map(|(b, _)| format!(" [{b} B objects]")).unwrap_or_default();
        let inl = if s.inlined { " (inlined)" } else { "" };
        println!(
            "{:>6.2}% {:>12} {}{} {}:{}{}{}",
            s.share * 100.0,
            s.value,
            s.function,
            inl,
            s.file,
            s.line,
            alloc,
            size
        );
    }
    for (reason, v) in &a.unattributed {
        println!("unattributed {reason}: {v}");
    }
    Ok(())
}
