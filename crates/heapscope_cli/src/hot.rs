//! `heapscope hot --profile FILE [PATTERNS]`: rank heap sites by a pprof profile (heap or CPU),
//! joined with the compiler's findings for the packages (test files included, since benchmarks
//! live there).

use crate::engine::EngineArgs;
use crate::util::fail;
use clap::Args;
use heapscope_explain::{SourceCache, explain_report};
use heapscope_profile::{METRIC_NAMES, PathMatcher, Profile, rank};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct HotArgs {
    /// A pprof profile (`go test -bench . -memprofile mem.out`, or -cpuprofile).
    #[arg(long, value_name = "FILE")]
    profile: PathBuf,
    /// Packages to analyse (as for check).
    #[arg(default_value = "./...")]
    patterns: Vec<String>,
    /// Which value to rank by: alloc_space (default for heap profiles), alloc_objects,
    /// inuse_space, inuse_objects, cpu (default for CPU profiles), samples.
    #[arg(long)]
    metric: Option<String>,
    /// How many lines to show.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

pub fn run(a: HotArgs, chdir: Option<&Path>) -> ExitCode {
    let (dir, tc) = match crate::engine::prepare(chdir, &a.engine) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let profile = match Profile::read(dir.join(&a.profile)) {
        Ok(p) => p,
        Err(e) => return fail(format!("{}: {e}", a.profile.display())),
    };
    let metric = match &a.metric {
        Some(m) => match profile.metric(m) {
            Some(i) => i,
            None => {
                let have: Vec<String> = profile.sample_types.iter().map(|t| t.type_.clone()).collect();
                return fail(format!(
                    "--metric {m}: not in this profile (it has {}; heapscope knows {})",
                    have.join(", "),
                    METRIC_NAMES.join(", ")
                ));
            }
        },
        None => match profile.default_metric() {
            Some(i) => i,
            None => return fail(format!("{}: the profile has no sample types", a.profile.display())),
        },
    };
    let report = match a.engine.run(&tc, &dir, &a.patterns, 2, true) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let findings = explain_report(&report, &mut SourceCache::new());

    // The analysed files, and how the profile's file names map onto this machine.
    let listed = heapscope_gc::list::list(&tc, &dir, &a.patterns).unwrap_or_default();
    let mut analysed: HashSet<String> = HashSet::new();
    for p in &listed {
        for f in p.go_files.iter().chain(&p.cgo_files).chain(&p.test_go_files).chain(&p.x_test_go_files) {
            analysed.insert(Path::new(&p.dir).join(f).to_string_lossy().into_owned());
        }
    }
    let mut paths = PathMatcher::new();
    paths.set_goroot(&tc.goroot);
    if let Ok(mods) = tc.output(Some(&dir), &["list", "-m", "-f", "{{.Path}}\t{{.Dir}}"]) {
        for l in mods.lines() {
            if let Some((m, d)) = l.split_once('\t')
                && !d.is_empty()
            {
                paths.add_module(m, d);
            }
        }
    }
    paths.add_known_files(analysed.iter().map(PathBuf::from));
    let hot = rank(&profile, metric, &paths, &analysed, &findings);

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if a.json {
        serde_json::to_writer_pretty(&mut out, &hot)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        heapscope_report::hot::render_hot(&hot, a.top, &dir, &mut out)
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        return fail(format!("cannot write: {e}"));
    }
    crate::check::exit_for(&report, false)
}
