//! `heapscope debug ...`: developer commands that expose one stage of the native engine.

use crate::util::{fail, working_dir};
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DebugCmd {
    /// Parse every .go file under PATHS (skipping testdata), print syntax errors as gc does,
    /// and a summary line `files N, errors E, bytes B, MB/s X` (parse time only, one core).
    Parse(ParseArgs),
    /// Type-check packages and print one line per identifier: `file:line:col<TAB>name<TAB>kind
    /// <TAB>type[<TAB>constant]`. Work in progress: package-level declarations only so far.
    Types(TypesArgs),
}

#[derive(Args)]
pub struct TypesArgs {
    /// Packages (patterns, import paths, directories, .go files).
    #[arg(required = true)]
    patterns: Vec<String>,
    /// Use the Go toolchain in DIR for `go list` and its standard library.
    #[arg(long, value_name = "DIR")]
    go_root: Option<PathBuf>,
}

#[derive(Args)]
pub struct ParseArgs {
    /// Files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(cmd: DebugCmd, chdir: Option<&Path>) -> ExitCode {
    match cmd {
        DebugCmd::Parse(a) => parse(a, chdir),
        DebugCmd::Types(a) => {
            // The checker recurses; it runs on a thread with the stack it asks for.
            let chdir = chdir.map(Path::to_path_buf);
            std::thread::Builder::new()
                .stack_size(go_types::check::STACK_SIZE)
                .spawn(move || types(a, chdir.as_deref()))
                .map_err(|e| fail(format!("cannot start the type checker: {e}")))
                .and_then(|h| h.join().map_err(|_| fail("the type checker crashed")))
                .unwrap_or_else(|code| code)
        }
    }
}

/// Loads the packages (`go list`, or a GOROOT/go.mod walk without a go command), checks them
/// in import order, and prints the named packages' identifiers sorted by position.
fn types(a: TypesArgs, chdir: Option<&Path>) -> ExitCode {
    use go_loader::{LoadConfig, Loader};
    use go_types::check::{debug_types_lines, format_error};
    use go_types::driver::{Unit, check_parallel};
    let dir = match working_dir(chdir) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let mut cfg = LoadConfig::new(&dir);
    cfg.goroot = a.go_root.clone();
    cfg.go_cmd = LoadConfig::find_go_cmd(a.go_root.as_deref());
    let loaded = Loader::load(&a.patterns, &cfg);
    for e in &loaded.errors {
        eprintln!("{e}");
    }
    let parsed = loaded.parse_all();
    let mut errors = 0usize;
    // Syntax trees (and file names) of every package, syntax errors reported.
    let inputs: Vec<(Vec<go_syntax::File>, Vec<String>)> = parsed
        .iter()
        .map(|files| {
            let mut syntax = Vec::new();
            let mut names = Vec::new();
            for f in files {
                match &f.result {
                    Ok((file, errs)) => {
                        for e in errs {
                            eprintln!("{}", file.format_error(e));
                            errors += 1;
                        }
                        syntax.push(file.clone());
                        names.push(f.path.to_string_lossy().into_owned());
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        errors += 1;
                    }
                }
            }
            (syntax, names)
        })
        .collect();
    let named: std::collections::HashSet<&str> =
        loaded.packages.iter().filter(|p| !p.dep_only).map(|p| p.import_path.as_str()).collect();
    let units = loaded
        .packages
        .iter()
        .zip(&inputs)
        .map(|(p, (syntax, names))| Unit {
            import_path: &p.import_path,
            imports: &p.imports,
            import_map: &p.import_map,
            files: syntax,
            names,
        })
        .collect();
    let mut env = go_types::types::Env::new();
    let mut lines: Vec<String> = Vec::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    check_parallel(&mut env, units, go_types::sizes::Sizes::AMD64, threads, |env, u, checked| {
        for e in &checked.errors {
            eprintln!("{}", format_error(u.files, u.names, e));
            errors += 1;
        }
        if named.contains(u.import_path) {
            lines.extend(debug_types_lines(env, u.files, u.names, checked));
        }
    });
    // Sorted by file, then line and column as numbers.
    let key = |l: &String| {
        let pos = l.split('\t').next().unwrap_or("");
        let mut it = pos.rsplitn(3, ':');
        let col: u32 = it.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let line: u32 = it.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        (it.next().unwrap_or("").to_string(), line, col)
    };
    lines.sort_by_cached_key(key);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for l in &lines {
        if writeln!(out, "{l}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    if errors > 0 || !loaded.errors.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn parse(a: ParseArgs, chdir: Option<&Path>) -> ExitCode {
    let dir = match working_dir(chdir) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    for p in &a.paths {
        if !dir.join(p).exists() {
            return fail(format!("{}: no such file or directory", p.display()));
        }
    }
    let paths: Vec<PathBuf> = a.paths.iter().map(|p| dir.join(p)).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = match go_syntax::debug_parse(&paths, &mut out) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Err(e) = out.flush() {
        return fail(e);
    }
    if summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
