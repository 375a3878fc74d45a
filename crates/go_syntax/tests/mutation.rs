//! Deterministic mutation smoke test: 50 std files truncated, spliced and
//! byte-flipped at many offsets must parse without panicking, every error
//! position must lie within the input, and gc positions of all nodes must
//! be computable.

mod common;

use common::*;

/// Small deterministic PRNG (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn check(name: &str, src: &[u8]) -> usize {
    let (f, errs) = go_syntax::parse_file(name, src);
    for e in &errs {
        assert!(e.offset as usize <= src.len(), "{name}: error offset {} beyond {}", e.offset, src.len());
        let p = f.source_map.physical(e.offset);
        assert!(p.line >= 1 && p.col >= 1, "{name}: bad position {p}");
        assert!(!e.msg.is_empty());
    }
    let mut n = 0;
    f.walk(|node| {
        let off = f.node_pos(node);
        assert!(off as usize <= src.len(), "{name}: node offset {off} beyond {}", src.len());
        let _ = f.gc_pos(node);
        n += 1;
    });
    errs.len()
}

fn run() {
    let root = goroot().join("src");
    let mut files = go_files(&root.join("go"), true);
    files.extend(go_files(&root.join("fmt"), true));
    files.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 60_000));
    let step = (files.len() / 50).max(1);
    let picked: Vec<_> = files.iter().step_by(step).take(50).cloned().collect();
    assert!(picked.len() >= 40, "too few files picked: {}", picked.len());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut cases, mut with_errors) = (0usize, 0usize);
    for (k, p) in picked.iter().enumerate() {
        let src = std::fs::read(p).expect("read");
        let name = p.to_string_lossy().into_owned();
        let other = std::fs::read(&picked[(k + 7) % picked.len()]).expect("read");
        assert_eq!(check(&name, &src), 0, "{name} should parse cleanly");
        for _ in 0..12 {
            // truncation
            let cut = rng.below(src.len() + 1);
            with_errors += usize::from(check(&name, &src[..cut]) > 0);
            // splice a piece of another file into the middle
            let at = rng.below(src.len() + 1);
            let from = rng.below(other.len() + 1);
            let len = rng.below(200).min(other.len() - from);
            let mut m = src[..at].to_vec();
            m.extend_from_slice(&other[from..from + len]);
            m.extend_from_slice(&src[rng.below(src.len() + 1).max(at)..]);
            with_errors += usize::from(check(&name, &m) > 0);
            // flip bytes (including NUL, invalid UTF-8, BOM bytes, quotes)
            let mut m = src.clone();
            for _ in 0..4 {
                let i = rng.below(m.len());
                if let Some(b) = m.get_mut(i) {
                    *b = [0u8, 0xff, 0xef, b'"', b'`', b'{', b'(', b'/', b'*', b'\n'][rng.below(10)];
                }
            }
            with_errors += usize::from(check(&name, &m) > 0);
            cases += 3;
        }
    }
    eprintln!("mutation smoke: {cases} mutated inputs, {with_errors} produced errors");
    // Most mutations break the syntax; if none did, the checks above were vacuous.
    assert!(with_errors > cases / 3, "too few mutated inputs produced errors: {with_errors}/{cases}");
}

#[test]
fn mutated_std_files_never_panic() {
    if !require_dir(&goroot().join("src"), "go1.27.3 GOROOT", "scripts/install-go.sh 1.27.3") {
        return;
    }
    with_big_stack(run);
}
