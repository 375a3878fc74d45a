//! Checking several packages in import order in one [`Env`]: each package's imports (and
//! vendored import-map entries) are wired to the packages checked before it.

use crate::check::{Checked, Checker};
use crate::sizes::Sizes;
use crate::types::{Env, PkgId};
use go_syntax::File;
use std::collections::HashMap;

/// One package to check.
pub struct Unit<'a> {
    pub import_path: &'a str,
    /// Resolved import paths.
    pub imports: &'a [String],
    /// Import path as written in the source -> resolved path (vendoring).
    pub import_map: &'a [(String, String)],
    pub files: &'a [File],
    /// File names, parallel to `files`, for positions in messages.
    pub names: &'a [String],
}

/// Checks `units`, which must come in import order (dependencies first), calling `each` with
/// every package's result. Imports of `unsafe` resolve to the universe's own package.
pub fn check_in_order<'a>(
    env: &mut Env,
    units: impl IntoIterator<Item = Unit<'a>>,
    sizes: Sizes,
    mut each: impl FnMut(&Env, &Unit<'a>, &Checked),
) {
    let mut ids: HashMap<String, PkgId> = HashMap::new();
    for u in units {
        if u.import_path == "unsafe" {
            // Importers get the universe's `unsafe`; its source file is
            // still checked (as go/types does) so it has records too.
            ids.insert("unsafe".into(), env.unsafe_pkg);
            if !u.files.is_empty() {
                let checked = Checker::new(env, u.import_path, u.files, &HashMap::new(), sizes).check();
                each(env, &u, &checked);
            }
            continue;
        }
        let mut imports: HashMap<String, PkgId> = HashMap::new();
        for imp in u.imports {
            if let Some(&id) = ids.get(imp) {
                imports.insert(imp.clone(), id);
            }
        }
        for (src, resolved) in u.import_map {
            if let Some(&id) = ids.get(resolved) {
                imports.insert(src.clone(), id);
            }
        }
        let checked = Checker::new(env, u.import_path, u.files, &imports, sizes).check();
        if let Some(id) = checked.pkg {
            ids.insert(u.import_path.to_string(), id);
        }
        each(env, &u, &checked);
    }
}
