//! Input cleaning for the rare sources containing NUL bytes, invalid UTF-8
//! or a BOM after the first byte. gc's source reader reports and then skips
//! such bytes entirely (so `+\0+` scans as `++`); to get the same tokens we
//! parse a copy without them and map every offset of the result back to the
//! original source.

use crate::SyntaxError;
use crate::ast::{ExprKind, File, StmtKind};
use crate::parser::{Buffers, Parser};
use crate::scanner::decode_utf8;

/// A removed byte run: (original offset, length, error message).
type Drop = (u32, u32, &'static str);

/// The bytes gc's reader would skip (a BOM at offset 0 is handled by the
/// scanner itself).
fn find_drops(src: &[u8]) -> Vec<Drop> {
    let mut out = Vec::new();
    if !has_skipped_bytes(src, 0) {
        return out;
    }
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        if b == 0 {
            out.push((i as u32, 1, "invalid NUL character"));
            i += 1;
        } else if b < 0x80 {
            i += 1;
        } else {
            match decode_utf8(&src[i..]) {
                None => {
                    out.push((i as u32, 1, "invalid UTF-8 encoding"));
                    i += 1;
                }
                Some(('\u{feff}', n)) if i > 0 => {
                    out.push((i as u32, n as u32, "invalid BOM in the middle of the file"));
                    i += n;
                }
                Some((_, n)) => i += n,
            }
        }
    }
    out
}

/// Whether `src[from..]` holds a byte gc's reader skips (as
/// [`find_drops`] would report; may say yes spuriously when `from` is not
/// a character boundary).
pub(crate) fn has_skipped_bytes(src: &[u8], from: usize) -> bool {
    let rest = src.get(from..).unwrap_or(&[]);
    !rest.is_empty()
        && (memchr::memchr(0, rest).is_some()
            || (!rest.is_ascii()
                && (std::str::from_utf8(rest).is_err()
                    || memchr::memmem::find_iter(rest, "\u{feff}".as_bytes()).any(|k| from + k > 0))))
}

/// Parses `src`. The scanner notices bytes gc's reader skips; only then is
/// the file parsed again from a copy without them.
pub(crate) fn parse(filename: &str, src: &[u8]) -> (File, Vec<SyntaxError>) {
    let (file, errs, _, unclean) = Parser::new(filename, src).parse_full(true, true);
    if !unclean {
        return (file, errs);
    }
    parse_removing(filename, src, find_drops(src))
}

/// Parses `src` without the bytes in `drops` (see [`find_drops`]),
/// reporting them, with all offsets mapped back to `src`.
fn parse_removing(filename: &str, src: &[u8], drops: Vec<Drop>) -> (File, Vec<SyntaxError>) {
    if drops.is_empty() {
        let (file, errs, _, _) = Parser::new(filename, src).parse_full(true, true);
        return (file, errs);
    }
    // Clean copy, and for each drop its offset in the clean copy.
    let mut clean = Vec::with_capacity(src.len());
    let mut prev = 0usize;
    let mut removed = 0u32;
    let mut dropped = Vec::with_capacity(drops.len());
    // starts[k] = clean offset at which the k-th removed run sat
    let mut starts: Vec<(u32, u32)> = Vec::with_capacity(drops.len());
    for &(off, len, msg) in &drops {
        clean.extend_from_slice(&src[prev..off as usize]);
        let c = off - removed;
        dropped.push((c, off, msg));
        removed += len;
        starts.push((c, removed));
        prev = (off + len) as usize;
    }
    clean.extend_from_slice(&src[prev..]);

    let mut p = Parser::new(filename, &clean);
    p.set_dropped(dropped);
    let (mut file, mut errs, orig, _) = p.parse_full(false, true);

    // clean offset -> original offset: add the lengths of all runs removed
    // at or before it.
    let map = |c: u32| -> u32 {
        let k = starts.partition_point(|&(s, _)| s <= c);
        match k.checked_sub(1).and_then(|k| starts.get(k)) {
            Some(&(_, total)) => c + total,
            None => c,
        }
    };
    for (i, e) in errs.iter_mut().enumerate() {
        if orig.binary_search(&i).is_err() {
            e.offset = map(e.offset);
        }
    }
    remap(&mut file, &map);
    file.src = src.into();
    file.source_map.len = src.len() as u32;
    (file, errs)
}

/// Like [`parse`] for a source the caller gives away: the file keeps `src`
/// itself instead of a copy.
/// Reuses the allocations in `bufs` and does not shrink the arenas (the
/// file is expected to be recycled in turn).
pub(crate) fn parse_owned(filename: &str, src: Vec<u8>, bufs: Buffers) -> (File, Vec<SyntaxError>) {
    let (mut file, errs, _, unclean) = Parser::with_buffers(filename, &src, bufs).parse_full(false, false);
    if unclean {
        return parse_removing(filename, &src, find_drops(&src));
    }
    file.src = src.into_boxed_slice();
    (file, errs)
}

/// Applies `map` to every offset stored in `file`. Exclusive ends (and
/// line starts, base starts) map to just after their last byte, so skipped
/// bytes right after a token or newline do not shift them.
fn remap(file: &mut File, map: &dyn Fn(u32) -> u32) {
    let map_end = |c: u32| if c == 0 { 0 } else { map(c - 1) + 1 };
    for e in &mut file.exprs {
        e.pos = map(e.pos);
        e.start = map(e.start);
        e.end = map_end(e.end);
        if let ExprKind::CompositeLit { rbrace, .. } = &mut e.kind {
            *rbrace = map(*rbrace);
        }
    }
    for s in &mut file.stmts {
        s.pos = map(s.pos);
        match &mut s.kind {
            StmtKind::Block { rbrace, .. }
            | StmtKind::Switch { rbrace, .. }
            | StmtKind::Select { rbrace, .. } => *rbrace = map(*rbrace),
            StmtKind::CaseClause { colon, .. } | StmtKind::CommClause { colon, .. } => *colon = map(*colon),
            _ => {}
        }
    }
    for f in &mut file.fields {
        f.pos = map(f.pos);
    }
    for d in &mut file.decls {
        d.pos = map(d.pos);
    }
    for p in &mut file.pragmas {
        for d in &mut p.directives {
            d.pos = map(d.pos);
        }
    }
    for c in &mut file.comments {
        c.start = map(c.start);
        c.end = map_end(c.end);
    }
    for l in &mut file.source_map.line_starts {
        *l = map_end(*l);
    }
    for b in file.source_map.bases.iter_mut().skip(1) {
        b.offset = map_end(b.offset);
    }
    file.eof = map(file.eof);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sources with bytes gc's reader skips in every scanner context, and
    /// some without.
    const INPUTS: &[&[u8]] = &[
        b"package p\nvar x = 1\n",
        b"\xef\xbb\xbfpackage p\nvar x = 1\n",
        b"package p\nvar x = 1\x00\n",
        b"package p\nvar x = \xef\xbb\xbf1\n",
        b"package p\nfunc f() {\n\ti := 0\n\ti+\x00+\n}\n",
        b"package p\nvar \x00x, y = 1, 2\n",
        b"package p\nvar ab\x00cd = 1\n",
        b"package p\nvar abcdefghij\xffk = 1\n",
        b"package p\nvar x\xc3 = 1\n",
        b"package p\nvar \xed\xa0\x80 = 1\n",
        b"package p\nvar s = \"a\x00b\"\n",
        b"package p\nvar s = \"a\\\x00n\"\n",
        b"package p\nvar s = `a\xfe\nb`\n",
        b"package p\nvar r = '\x00'\n",
        b"package p\nvar t = 1 // \xff\n",
        b"package p\n/* \x00 */ var t = 1\n",
        b"package p\nvar x = 0x1\xef\xbb\xbf2\n",
        // the parser stops early (no package clause): bytes after that
        // point are never scanned
        b"x\n\x00",
        b"x\n\xff",
        b"x y z \xef\xbb\xbf",
        b"\x00package p\n",
        b"package p\n\xe2\x82",
        // an error before the first declaration ends the parse
        b"package p q\nvar s = \"\x00\"\n",
        b"package p q\nvar \xc3 = 1\n",
    ];

    #[test]
    fn parsing_as_is_matches_parsing_without_skipped_bytes() {
        for &src in INPUTS {
            let want = format!("{:?}", parse_removing("F", src, find_drops(src)));
            assert_eq!(format!("{:?}", parse("F", src)), want, "{}", String::from_utf8_lossy(src));
            let owned = parse_owned("F", src.to_vec(), Buffers::default());
            assert_eq!(format!("{owned:?}"), want, "{}", String::from_utf8_lossy(src));
            // a source with such bytes is noticed while it is scanned
            let (_, _, _, unclean) = Parser::new("F", src).parse_full(false, false);
            assert_eq!(unclean, !find_drops(src).is_empty(), "{}", String::from_utf8_lossy(src));
        }
    }

    #[test]
    fn skipped_bytes_in_a_suffix() {
        assert!(!has_skipped_bytes(b"abc", 0));
        assert!(!has_skipped_bytes(b"abc", 3));
        assert!(!has_skipped_bytes(b"abc", 9));
        assert!(has_skipped_bytes(b"a\0c", 1));
        assert!(!has_skipped_bytes(b"a\0c", 2));
        assert!(has_skipped_bytes(b"ab\xff", 1));
        assert!(!has_skipped_bytes("aé".as_bytes(), 0));
        // a BOM is skipped everywhere but at offset 0
        assert!(!has_skipped_bytes("\u{feff}ab".as_bytes(), 0));
        assert!(has_skipped_bytes("a\u{feff}b".as_bytes(), 1));
        assert!(has_skipped_bytes("a\u{feff}b".as_bytes(), 0));
    }
}
