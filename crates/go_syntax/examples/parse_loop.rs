//! Developer tool: parses all `.go` files under a root N times from memory
//! and prints MB/s (for profiling the parser without I/O).

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = std::path::PathBuf::from(args.first().map(String::as_str).unwrap_or("."));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let files = go_syntax::collect_go_files(&[root])?;
    let mut srcs = Vec::new();
    for f in &files {
        srcs.push((f.to_string_lossy().into_owned(), std::fs::read(f)?));
    }
    let bytes: usize = srcs.iter().map(|s| s.1.len()).sum();
    for _ in 0..n {
        let t = std::time::Instant::now();
        let mut nodes = 0;
        for (name, src) in &srcs {
            let (f, _) = go_syntax::parse_file(name, src);
            nodes += f.exprs.len();
        }
        let el = t.elapsed().as_secs_f64();
        println!("{:.1} MB/s ({} exprs)", bytes as f64 / 1e6 / el, nodes);
    }
    Ok(())
}
