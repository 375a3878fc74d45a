//! Developer tool: parses all `.go` files under a root N times from memory
//! and prints MB/s (for profiling the parser without I/O). By default
//! through `FileParser` (sources moved in, allocations reused, as in
//! `debug parse`); with `--copy` through `parse_file`.
//! `cargo run --release -p go_syntax --example parse_loop -- ROOT [N] [--copy]`

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let copy = args.iter().any(|a| a == "--copy");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--copy").collect();
    let root = std::path::PathBuf::from(args.first().map_or(".", |s| s.as_str()));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let files = go_syntax::collect_go_files(&[root])?;
    let mut srcs = Vec::new();
    for f in &files {
        srcs.push((f.to_string_lossy().into_owned(), std::fs::read(f)?));
    }
    let bytes: usize = srcs.iter().map(|s| s.1.len()).sum();
    let mut parser = go_syntax::FileParser::new();
    for _ in 0..n {
        let owned = if copy { Vec::new() } else { srcs.clone() };
        let t = std::time::Instant::now();
        let mut nodes = 0;
        if copy {
            for (name, src) in &srcs {
                let (f, _) = go_syntax::parse_file(name, src);
                nodes += f.exprs.len();
            }
        } else {
            for (name, src) in owned {
                let (f, _) = parser.parse(&name, src);
                nodes += f.exprs.len();
                parser.recycle(f);
            }
        }
        let el = t.elapsed().as_secs_f64();
        println!("{:.1} MB/s ({} exprs)", bytes as f64 / 1e6 / el, nodes);
    }
    Ok(())
}
