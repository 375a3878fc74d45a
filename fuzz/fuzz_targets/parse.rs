//! Fuzz target `parse`: parses arbitrary bytes and computes the gc position
//! of every node and error; must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file, errs) = go_syntax::parse_file("fuzz.go", data);
    for e in &errs {
        assert!(e.offset as usize <= data.len());
        let _ = file.format_error(e);
    }
    let _ = go_syntax::gc_reported_errors(&file, &errs);
    file.walk(|n| {
        let off = file.node_pos(n);
        assert!(off as usize <= data.len());
        let _ = file.gc_pos(n);
        let _ = file.source_map.physical(off);
    });
    for c in &file.comments {
        let _ = file.comment_text(c);
    }
});
