//! Sizes, alignments and field offsets as gc computes them (go/types
//! `gcSizes`, used by `unsafe.Sizeof`/`Alignof`/`Offsetof`): word size and
//! maximum alignment per GOARCH, strings of two words, slices of three,
//! interfaces of two, a trailing zero-size struct field padded to one byte,
//! and 8-byte alignment of the `align64` marker of `sync/atomic` and
//! `internal/runtime/atomic`.

use crate::types::{BasicKind, Env, Type, TypeId};

/// gc's sizes for one architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    pub word_size: i64,
    pub max_align: i64,
}

impl Sizes {
    /// The amd64 sizes (8-byte words and alignment).
    pub const AMD64: Sizes = Sizes { word_size: 8, max_align: 8 };

    /// go/types `SizesFor("gc", arch)`.
    pub fn for_arch(arch: &str) -> Option<Sizes> {
        let (w, a) = match arch {
            "386" | "arm" | "mips" | "mipsle" => (4, 4),
            "amd64p32" => (4, 8),
            "amd64" | "arm64" | "loong64" | "mips64" | "mips64le" | "ppc64" | "ppc64le" | "riscv64"
            | "s390x" | "sparc64" | "wasm" => (8, 8),
            _ => return None,
        };
        Some(Sizes { word_size: w, max_align: a })
    }

    /// `unsafe.Alignof` (at least 1).
    pub fn alignof(&self, env: &Env, t: TypeId) -> i64 {
        self.alignof_depth(env, t, 0)
    }

    fn alignof_depth(&self, env: &Env, t: TypeId, depth: u32) -> i64 {
        if depth > 100 {
            return 1;
        }
        let u = env.underlying(t);
        match env.ty(u) {
            Type::Array { elem, .. } => return self.alignof_depth(env, *elem, depth + 1),
            Type::Struct { fields, .. } => {
                if fields.is_empty() && is_sync_atomic_align64(env, t) {
                    return 8;
                }
                let mut max = 1;
                for &f in fields {
                    if let Some(ft) = env.obj(f).typ {
                        max = max.max(self.alignof_depth(env, ft, depth + 1));
                    }
                }
                return max;
            }
            Type::Slice { .. } | Type::Interface { .. } => return self.word_size,
            Type::Basic { kind, .. } if kind.is_string() => return self.word_size,
            _ => {}
        }
        let mut a = self.sizeof_depth(env, t, depth + 1);
        if a < 1 {
            return 1;
        }
        if env.basic_kind(t).is_some_and(BasicKind::is_complex) {
            a /= 2;
        }
        a.min(self.max_align)
    }

    /// Field offsets of a struct's fields (`unsafe.Offsetof`); -1 for
    /// offsets that overflow.
    pub fn offsetsof(&self, env: &Env, fields: &[TypeId]) -> Vec<i64> {
        self.offsetsof_depth(env, fields, 0)
    }

    fn offsetsof_depth(&self, env: &Env, fields: &[TypeId], depth: u32) -> Vec<i64> {
        let mut out = Vec::with_capacity(fields.len());
        let mut offs: i64 = 0;
        for &f in fields {
            if offs < 0 {
                out.push(-1);
                continue;
            }
            let a = self.alignof_depth(env, f, depth + 1);
            offs = align(offs, a);
            out.push(offs);
            let d = self.sizeof_depth(env, f, depth + 1);
            if d >= 0 && offs >= 0 {
                offs = offs.checked_add(d).unwrap_or(-1);
            } else {
                offs = -1;
            }
        }
        out
    }

    /// `unsafe.Sizeof`; -1 if the size overflows int64.
    pub fn sizeof(&self, env: &Env, t: TypeId) -> i64 {
        self.sizeof_depth(env, t, 0)
    }

    fn sizeof_depth(&self, env: &Env, t: TypeId, depth: u32) -> i64 {
        if depth > 100 {
            return self.word_size;
        }
        let u = env.underlying(t);
        match env.ty(u) {
            Type::Basic { kind, .. } => {
                use BasicKind::*;
                match kind {
                    Bool | Int8 | Uint8 => 1,
                    Int16 | Uint16 => 2,
                    Int32 | Uint32 | Float32 => 4,
                    Int64 | Uint64 | Float64 | Complex64 => 8,
                    Complex128 => 16,
                    String => self.word_size * 2,
                    _ => self.word_size,
                }
            }
            Type::Array { len, elem } => {
                let n = *len;
                if n <= 0 {
                    return 0;
                }
                let esize = self.sizeof_depth(env, *elem, depth + 1);
                if esize < 0 {
                    return -1;
                }
                if esize == 0 {
                    return 0;
                }
                esize.checked_mul(n).unwrap_or(-1)
            }
            Type::Slice { .. } => self.word_size * 3,
            Type::Struct { fields, .. } => {
                let ftypes: Vec<TypeId> = fields.iter().filter_map(|&f| env.obj(f).typ).collect();
                let Some(&last) = ftypes.last() else { return 0 };
                let offsets = self.offsetsof_depth(env, &ftypes, depth + 1);
                let offs = offsets.last().copied().unwrap_or(0);
                let mut size = self.sizeof_depth(env, last, depth + 1);
                if offs < 0 || size < 0 {
                    return -1;
                }
                if offs > 0 && size == 0 {
                    size = 1;
                }
                match offs.checked_add(size) {
                    Some(end) => align(end, self.alignof_depth(env, t, depth + 1)),
                    None => -1,
                }
            }
            Type::Interface { .. } => self.word_size * 2,
            _ => self.word_size,
        }
    }
}

/// Rounds `x` up to a multiple of `a` (`a >= 1`); may overflow to < 0.
fn align(x: i64, a: i64) -> i64 {
    let y = x.wrapping_add(a - 1);
    y - y % a
}

/// Whether `t` is the named type `align64` of sync/atomic or
/// internal/runtime/atomic.
fn is_sync_atomic_align64(env: &Env, t: TypeId) -> bool {
    let Type::Named { obj, .. } = env.ty(env.unalias(t)) else { return false };
    let o = env.obj(*obj);
    o.name == "align64"
        && o.pkg.is_some_and(|p| {
            matches!(env.package(p).path.as_str(), "sync/atomic" | "internal/runtime/atomic")
        })
}

#[cfg(test)]
mod tests;
