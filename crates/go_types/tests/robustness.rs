//! The checker never panics: every file of go/types' own error-laden test
//! corpus (`$GOROOT/src/internal/types/testdata`) is checked as a package
//! of its own (imports unresolved), and its `debug types` lines printed.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use go_types::check::{Checker, debug_types_lines};
use go_types::sizes::Sizes;
use go_types::types::Env;

#[test]
fn types2_testdata_does_not_panic() {
    let Some(goroot) = heapscope_testutil::pinned_goroot() else { return };
    let root = goroot.join("src/internal/types/testdata");
    let files = go_syntax::collect_go_files(&[root]).unwrap();
    assert!(files.len() > 300, "{}", files.len());
    let n = std::thread::Builder::new()
        .stack_size(go_types::check::STACK_SIZE)
        .spawn(move || {
            let mut lines = 0;
            for path in &files {
                let src = std::fs::read(path).unwrap();
                let name = path.to_string_lossy().to_string();
                let (file, _) = go_syntax::parse_file(&name, &src);
                let files = vec![file];
                let mut env = Env::new();
                let imports = HashMap::new();
                let checked = Checker::new(&mut env, "p", &files, &imports, Sizes::AMD64).check();
                lines += debug_types_lines(&env, &files, std::slice::from_ref(&name), &checked).len();
            }
            lines
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(n > 1000, "{n}");
}
