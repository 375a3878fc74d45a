//! Unit tests on synthetic profiles encoded here with prost: decoding round trips, malformed
//! input, metric selection and attribution.

use std::collections::HashMap;
use std::io::Write;

use prost::Message;

use crate::attribute::{EMPTY_STACK, RUNTIME_INTERNAL, UNSYMBOLIZED};
use crate::{PathMatcher, Profile, ProfileError, ProfileKind, attribute, proto};

/// Builds raw profiles with a deduplicated string table.
pub(crate) struct Builder {
    p: proto::Profile,
    strings: HashMap<String, i64>,
    funcs: HashMap<(String, String), u64>,
}

impl Builder {
    pub(crate) fn new(types: &[(&str, &str)]) -> Self {
        let mut b = Builder {
            p: proto::Profile { string_table: vec![String::new()], ..Default::default() },
            strings: HashMap::from([(String::new(), 0)]),
            funcs: HashMap::new(),
        };
        for (t, u) in types {
            let vt = proto::ValueType { r#type: b.s(t), unit: b.s(u) };
            b.p.sample_type.push(vt);
        }
        b
    }

    pub(crate) fn heap() -> Self {
        let mut b = Builder::new(&[
            ("alloc_objects", "count"),
            ("alloc_space", "bytes"),
            ("inuse_objects", "count"),
            ("inuse_space", "bytes"),
        ]);
        b.p.period_type = Some(proto::ValueType { r#type: b.s("space"), unit: b.s("bytes") });
        b.p.period = 524288;
        b.p.default_sample_type = b.s("inuse_space");
        b
    }

    pub(crate) fn s(&mut self, x: &str) -> i64 {
        if let Some(i) = self.strings.get(x) {
            return *i;
        }
        let i = self.p.string_table.len() as i64;
        self.p.string_table.push(x.to_owned());
        self.strings.insert(x.to_owned(), i);
        i
    }

    fn func(&mut self, name: &str, file: &str) -> u64 {
        if let Some(id) = self.funcs.get(&(name.to_owned(), file.to_owned())) {
            return *id;
        }
        let id = self.p.function.len() as u64 + 1;
        let f = proto::Function {
            id,
            name: self.s(name),
            system_name: self.s(name),
            filename: self.s(file),
            start_line: 1,
        };
        self.p.function.push(f);
        self.funcs.insert((name.to_owned(), file.to_owned()), id);
        id
    }

    /// A location whose lines are given leaf (innermost inlined) first.
    pub(crate) fn loc(&mut self, lines: &[(&str, &str, i64)]) -> u64 {
        let id = self.p.location.len() as u64 + 1;
        let line = lines
            .iter()
            .map(|(name, file, line)| proto::Line {
                function_id: self.func(name, file),
                line: *line,
                column: 0,
            })
            .collect();
        self.p.location.push(proto::Location {
            id,
            mapping_id: 0,
            address: 0x1000 + id,
            line,
            is_folded: false,
        });
        id
    }

    pub(crate) fn sample(&mut self, locs: &[u64], values: &[i64], bytes: Option<i64>) {
        let label = match bytes {
            Some(n) => vec![proto::Label { key: self.s("bytes"), str: 0, num: n, num_unit: 0 }],
            None => vec![],
        };
        self.p.sample.push(proto::Sample { location_id: locs.to_vec(), value: values.to_vec(), label });
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        self.p.encode_to_vec()
    }

    pub(crate) fn encode_gz(&self) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&self.encode()).unwrap();
        enc.finish().unwrap()
    }
}

const MOD: &str = "/home/u/proj/boxing.go";

/// A heap profile shaped like Go's: runtime frames at the leaf of one sample (as a writer that
/// keeps them would record), an inlined user frame, a runtime-internal sample.
fn sample_heap() -> Builder {
    let mut b = Builder::heap();
    let convt = b.loc(&[("runtime.convT64", "/go/src/runtime/iface.go", 365)]);
    let malloc = b.loc(&[("runtime.mallocgc", "/go/src/runtime/malloc.go", 1089)]);
    // Box inlined into Loop.
    let boxl = b.loc(&[("example.com/boxing.Box", MOD, 7), ("example.com/boxing.Loop", MOD, 12)]);
    let bench = b.loc(&[("example.com/boxing.BenchmarkBox", "/home/u/proj/boxing_test.go", 9)]);
    let grow = b.loc(&[("runtime.growslice", "/go/src/runtime/slice.go", 273)]);
    let app = b.loc(&[("example.com/boxing.Append", MOD, 20)]);
    let gc = b.loc(&[("runtime.gcBgMarkWorker", "/go/src/runtime/mgc.go", 1400)]);
    let sched = b.loc(&[("internal/runtime/maps.newarray", "/go/src/internal/runtime/maps/map.go", 50)]);
    // 100 boxes of 8 bytes, through convT64 → mallocgc.
    b.sample(&[malloc, convt, boxl, bench], &[100, 800, 0, 0], Some(8));
    // append growth: 2 objects of 64 bytes.
    b.sample(&[malloc, grow, app, bench], &[2, 128, 1, 64], Some(64));
    // Go-style (runtime frames hidden): the leaf is the user frame.
    b.sample(&[app, bench], &[1, 64, 0, 0], Some(64));
    // Entirely in the runtime.
    b.sample(&[malloc, gc], &[3, 48, 3, 48], Some(16));
    b.sample(&[sched], &[1, 16, 0, 0], Some(16));
    // Zero-valued for alloc_space: ignored.
    b.sample(&[app], &[0, 0, 0, 0], Some(64));
    b
}

#[test]
fn round_trip_plain_and_gzip() {
    let b = sample_heap();
    let plain = Profile::decode(&b.encode()).unwrap();
    let gz = Profile::decode(&b.encode_gz()).unwrap();
    assert_eq!(plain, gz);
    assert_eq!(plain.sample_types.len(), 4);
    assert_eq!(plain.sample_types[1].type_, "alloc_space");
    assert_eq!(plain.sample_types[1].unit, "bytes");
    assert_eq!(plain.default_sample_type.as_deref(), Some("inuse_space"));
    assert_eq!(plain.period, 524288);
    assert_eq!(plain.period_type.as_ref().map(|t| t.type_.as_str()), Some("space"));
    assert_eq!(plain.samples.len(), 6);
    assert_eq!(plain.kind(), ProfileKind::Heap);

    // Stack of the first sample: malloc, convT64, Box (inlined), Loop, BenchmarkBox.
    let s = &plain.samples[0];
    let names: Vec<&str> = s.stack.iter().map(|f| f.function.as_str()).collect();
    assert_eq!(
        names,
        [
            "runtime.mallocgc",
            "runtime.convT64",
            "example.com/boxing.Box",
            "example.com/boxing.Loop",
            "example.com/boxing.BenchmarkBox"
        ]
    );
    let inlined: Vec<bool> = s.stack.iter().map(|f| f.inlined).collect();
    assert_eq!(inlined, [false, false, true, false, false]);
    assert_eq!(s.stack[2].file, MOD);
    assert_eq!(s.stack[2].line, 7);
    assert_eq!(s.stack[3].line, 12);
    // Both frames of one location share its address.
    assert_eq!(s.stack[2].address, s.stack[3].address);
    assert_eq!(s.num_label("bytes"), Some(8));
    assert_eq!(s.values, [100, 800, 0, 0]);
}

#[test]
fn multi_member_gzip_is_concatenated() {
    // A profile split across two gzip members decodes as one stream.
    let bytes = sample_heap().encode();
    let (a, b) = bytes.split_at(bytes.len() / 2);
    let mut gz = Vec::new();
    for part in [a, b] {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(part).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    assert_eq!(Profile::decode(&gz).unwrap(), Profile::decode(&bytes).unwrap());
}

#[test]
fn metrics_and_defaults() {
    let p = Profile::decode(&sample_heap().encode()).unwrap();
    assert_eq!(p.metric("alloc_objects"), Some(0));
    assert_eq!(p.metric("alloc_space"), Some(1));
    assert_eq!(p.metric("inuse_objects"), Some(2));
    assert_eq!(p.metric("INUSE_SPACE"), Some(3));
    assert_eq!(p.metric("cpu"), None);
    // Heap: alloc_space although the profile's own default is inuse_space.
    assert_eq!(p.default_metric(), Some(1));
    assert_eq!(p.total(1), 800 + 128 + 64 + 48 + 16);

    let mut cpu = Builder::new(&[("samples", "count"), ("cpu", "nanoseconds")]);
    cpu.p.period_type = Some(proto::ValueType { r#type: cpu.s("cpu"), unit: cpu.s("nanoseconds") });
    cpu.p.period = 10_000_000;
    cpu.p.duration_nanos = 1_500_000_000;
    let cpu = Profile::decode(&cpu.encode()).unwrap();
    assert_eq!(cpu.kind(), ProfileKind::Cpu);
    assert_eq!(cpu.metric("samples"), Some(0));
    assert_eq!(cpu.metric("cpu"), Some(1));
    assert_eq!(cpu.default_metric(), Some(1));
    assert_eq!(cpu.duration(), Some(std::time::Duration::from_millis(1500)));

    let mut other = Builder::new(&[("contentions", "count"), ("delay", "nanoseconds")]);
    let p = Profile::decode(&other.encode()).unwrap();
    assert_eq!(p.kind(), ProfileKind::Other);
    assert_eq!(p.default_metric(), Some(1), "last sample type");
    other.p.default_sample_type = other.s("contentions");
    let p = Profile::decode(&other.encode()).unwrap();
    assert_eq!(p.default_metric(), Some(0), "the profile's default");
    assert_eq!(Profile::decode(&Builder::new(&[]).encode()).unwrap().default_metric(), None);
}

#[test]
fn attribution_skips_runtime_frames() {
    let p = Profile::decode(&sample_heap().encode_gz()).unwrap();
    let a = attribute(&p, p.metric("alloc_space").unwrap(), &PathMatcher::new());
    assert_eq!(a.metric, "alloc_space");
    assert_eq!(a.unit, "bytes");
    assert_eq!(a.total, 800 + 128 + 64 + 48 + 16);

    let top = &a.sites[0];
    assert_eq!(top.function, "example.com/boxing.Box");
    assert_eq!((top.file.as_str(), top.line), (MOD, 7));
    assert_eq!(top.value, 800);
    assert_eq!(top.allocators, [("runtime.convT64".to_owned(), 800)]);
    assert_eq!(top.object_sizes, [(8, 800)]);
    assert!(top.inlined);
    let callers: Vec<(&str, u32)> = top.callers.iter().map(|f| (f.function.as_str(), f.line)).collect();
    assert_eq!(callers, [("example.com/boxing.Loop", 12), ("example.com/boxing.BenchmarkBox", 9)]);
    assert!((top.share - 800.0 / 1056.0).abs() < 1e-12);

    let app = &a.sites[1];
    assert_eq!(app.function, "example.com/boxing.Append");
    assert_eq!(app.value, 192);
    assert_eq!(app.samples, 2, "the zero-valued sample is ignored");
    // One sample through growslice; the other had its runtime frames hidden (as Go writes them).
    assert_eq!(app.allocators, [("runtime.growslice".to_owned(), 128)]);
    assert!(!app.inlined);
    assert_eq!(a.sites.len(), 2);

    assert_eq!(a.unattributed, [(RUNTIME_INTERNAL.to_owned(), 64)]);
    assert_eq!(a.unattributed_value(RUNTIME_INTERNAL), 64);
    let sum: i64 = a.sites.iter().map(|s| s.value).sum::<i64>() + a.unattributed_value(RUNTIME_INTERNAL);
    assert_eq!(sum, a.total);
    let shares: f64 = a.sites.iter().map(|s| s.share).sum();
    assert!(shares <= 1.0 && shares > 0.9);
    assert!(a.site(MOD, 20).is_some());

    // inuse_space: only the growslice sample and the GC one are live.
    let inuse = attribute(&p, 3, &PathMatcher::new());
    assert_eq!(inuse.total, 64 + 48);
    assert_eq!(inuse.sites.len(), 1);
    assert_eq!(inuse.sites[0].function, "example.com/boxing.Append");

    // Out of range metric: empty, no panic.
    let none = attribute(&p, 17, &PathMatcher::new());
    assert_eq!((none.total, none.sites.len(), none.metric.as_str()), (0, 0, ""));
}

#[test]
fn attribution_is_deterministic_on_ties() {
    let mut b = Builder::heap();
    let x = b.loc(&[("m.F", "/b.go", 3)]);
    let y = b.loc(&[("m.G", "/a.go", 9)]);
    let z = b.loc(&[("m.H", "/a.go", 2)]);
    b.sample(&[x], &[1, 10, 0, 0], None);
    b.sample(&[y], &[1, 10, 0, 0], None);
    b.sample(&[z], &[1, 10, 0, 0], None);
    let p = Profile::decode(&b.encode()).unwrap();
    let a = attribute(&p, 1, &PathMatcher::new());
    let order: Vec<(&str, u32)> = a.sites.iter().map(|s| (s.file.as_str(), s.line)).collect();
    assert_eq!(order, [("/a.go", 2), ("/a.go", 9), ("/b.go", 3)]);
    assert!(a.sites.iter().all(|s| s.object_sizes.is_empty() && s.allocators.is_empty()));
}

#[test]
fn unattributed_reasons() {
    let mut b = Builder::heap();
    let unsym = b.p.location.len() as u64 + 1;
    b.p.location.push(proto::Location { id: unsym, address: 0xdead, ..Default::default() });
    let malloc = b.loc(&[("runtime.mallocgc", "/go/src/runtime/malloc.go", 1)]);
    b.sample(&[malloc, unsym], &[1, 5, 0, 0], None);
    b.sample(&[], &[1, 7, 0, 0], None);
    let p = Profile::decode(&b.encode()).unwrap();
    assert_eq!(p.samples[0].stack[1].address, 0xdead);
    assert_eq!(p.samples[0].stack[1].function, "");
    let a = attribute(&p, 1, &PathMatcher::new());
    assert!(a.sites.is_empty());
    assert_eq!(a.unattributed, [(EMPTY_STACK.to_owned(), 7), (UNSYMBOLIZED.to_owned(), 5)]);
    assert_eq!(a.total, 12);
}

#[test]
fn callers_follow_the_heaviest_stack() {
    let mut b = Builder::heap();
    let site = b.loc(&[("m.New", "/m.go", 5)]);
    let light = b.loc(&[("m.Light", "/m.go", 20)]);
    let heavy = b.loc(&[("m.Heavy", "/m.go", 30)]);
    let main = b.loc(&[("main.main", "/main.go", 3)]);
    b.sample(&[site, light, main], &[1, 8, 0, 0], None);
    b.sample(&[site, heavy, main], &[1, 8, 0, 0], None);
    b.sample(&[site, heavy, main], &[1, 8, 0, 0], None);
    let p = Profile::decode(&b.encode()).unwrap();
    let a = attribute(&p, 1, &PathMatcher::new());
    assert_eq!(a.sites.len(), 1);
    let names: Vec<&str> = a.sites[0].callers.iter().map(|f| f.function.as_str()).collect();
    assert_eq!(names, ["m.Heavy", "main.main"]);
}

#[test]
fn labels_comments_and_mappings_resolve() {
    let mut b = Builder::heap();
    let c = b.s("a comment");
    b.p.comment.push(c);
    b.p.doc_url = b.s("https://example.invalid/doc");
    b.p.drop_frames = b.s("^runtime\\.");
    let file = b.s("/bin/app");
    let build = b.s("abc123");
    b.p.mapping.push(proto::Mapping {
        id: 1,
        memory_start: 0x400000,
        memory_limit: 0x500000,
        filename: file,
        build_id: build,
        ..Default::default()
    });
    let l = b.loc(&[("m.F", "/m.go", 1)]);
    let (key, val) = (b.s("handler"), b.s("/api"));
    b.p.sample.push(proto::Sample {
        location_id: vec![l],
        value: vec![1, 2, 3, 4],
        label: vec![proto::Label { key, str: val, num: 0, num_unit: 0 }],
    });
    let p = Profile::decode(&b.encode()).unwrap();
    assert_eq!(p.comments, ["a comment"]);
    assert_eq!(p.doc_url, "https://example.invalid/doc");
    assert_eq!(p.drop_frames, "^runtime\\.");
    assert_eq!(p.keep_frames, "");
    assert_eq!(p.mappings[0].filename, "/bin/app");
    assert_eq!(p.mappings[0].build_id, "abc123");
    let label = &p.samples[0].labels[0];
    assert_eq!((label.key.as_str(), label.str.as_deref(), label.num), ("handler", Some("/api"), None));
    assert_eq!(p.samples[0].num_label("handler"), None);
}

fn err_of(bytes: &[u8]) -> String {
    match Profile::decode(bytes) {
        Ok(p) => panic!("decoded garbage into {p:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn not_a_profile() {
    assert_eq!(err_of(b""), "not a pprof profile: empty input");
    assert!(
        err_of(b"heap profile: 1: 2 [3: 4] @ heap/1048576\n")
            .starts_with("not a pprof profile: the input is text")
    );
    // Random binary bytes: either undecodable or without a string table.
    for garbage in [&[0xffu8, 0xff, 0xff, 0xff][..], &[0x08, 0x96, 0x01], &[0x0a, 0x7f, 0x01], &[0x00; 16]] {
        assert!(err_of(garbage).starts_with("not a pprof profile: "), "{garbage:?}");
    }
    // A table whose first string is not empty.
    let p = proto::Profile { string_table: vec!["x".into()], ..Default::default() };
    assert!(err_of(&p.encode_to_vec()).contains("does not start with the empty string"));
    // A gzip stream that is not a profile inside.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(b"hello, this is just some text, not a profile at all").unwrap();
    assert!(err_of(&enc.finish().unwrap()).starts_with("not a pprof profile: "));
}

#[test]
fn truncated_input_is_an_error() {
    let b = sample_heap();
    let gz = b.encode_gz();
    for cut in [2, 10, gz.len() / 2, gz.len() - 4] {
        let e = err_of(&gz[..cut]);
        assert!(e.starts_with("not a pprof profile"), "cut {cut}: {e}");
    }
    let plain = b.encode();
    for cut in 1..plain.len() {
        // Cutting the protobuf mostly fails to decode; a cut on a message boundary may decode to
        // a smaller consistent profile, or to one whose references dangle. Never a panic.
        let _ = Profile::decode(&plain[..cut]);
    }
    // Flipping every byte in turn: errors or profiles, never panics.
    for i in 0..plain.len() {
        let mut bad = plain.clone();
        bad[i] ^= 0xa5;
        let _ = Profile::decode(&bad);
    }
}

#[test]
fn corrupt_references() {
    // String index out of range.
    let mut b = sample_heap();
    b.p.function[0].name = 99;
    assert!(matches!(Profile::decode(&b.encode()), Err(ProfileError::Corrupt(_))));
    let msg = err_of(&b.encode());
    assert!(msg.starts_with("corrupt profile: string index 99 out of range"), "{msg}");

    let mut b = sample_heap();
    b.p.sample_type[0].unit = -1;
    assert!(err_of(&b.encode()).starts_with("corrupt profile: string index -1 out of range"));

    let mut b = sample_heap();
    b.p.sample[0].location_id.push(4242);
    assert_eq!(err_of(&b.encode()), "corrupt profile: sample 0 references unknown location id 4242");

    let mut b = sample_heap();
    b.p.location[0].line[0].function_id = 77;
    assert_eq!(err_of(&b.encode()), "corrupt profile: location 1 references unknown function id 77");

    let mut b = sample_heap();
    b.p.sample[1].value.pop();
    assert_eq!(err_of(&b.encode()), "corrupt profile: sample 1 has 3 values for 4 sample types");

    let mut b = sample_heap();
    let dup = b.p.function[0];
    b.p.function.push(dup);
    assert_eq!(err_of(&b.encode()), "corrupt profile: duplicate function id 1");

    let mut b = sample_heap();
    let dup = b.p.location[0].clone();
    b.p.location.push(dup);
    assert_eq!(err_of(&b.encode()), "corrupt profile: duplicate location id 1");

    let mut b = sample_heap();
    b.p.location[0].id = 0;
    assert_eq!(err_of(&b.encode()), "corrupt profile: a location has id 0");

    let mut b = sample_heap();
    b.p.default_sample_type = 1000;
    assert!(err_of(&b.encode()).starts_with("corrupt profile: string index 1000"));

    // Negative line numbers read as 0 rather than failing.
    let mut b = sample_heap();
    b.p.location[0].line[0].line = -5;
    let p = Profile::decode(&b.encode()).unwrap();
    assert_eq!(p.samples[0].stack[1].function, "runtime.convT64");
    assert_eq!(p.samples[0].stack[1].line, 0);
}

#[test]
fn read_reports_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.pb.gz");
    let e = Profile::read(&missing).unwrap_err();
    assert!(e.to_string().starts_with("cannot read profile "), "{e}");
    assert!(e.to_string().contains("nope.pb.gz"));
    let f = dir.path().join("mem.out");
    std::fs::write(&f, sample_heap().encode_gz()).unwrap();
    assert_eq!(Profile::read(&f).unwrap().samples.len(), 6);
}

#[test]
fn runtime_frames() {
    use crate::{Frame, is_runtime_frame, is_runtime_function};
    for f in [
        "runtime.mallocgc",
        "runtime.convT64",
        "internal/runtime/maps.newarray",
        "runtime.gcBgMarkWorker.func2",
    ] {
        assert!(is_runtime_function(f), "{f}");
    }
    for f in ["runtime/pprof.writeHeapProto", "runtime/debug.Stack", "main.runtime", "myruntime.F", ""] {
        assert!(!is_runtime_function(f), "{f}");
    }
    let frame = |function: &str, file: &str| Frame {
        function: function.into(),
        system_name: function.into(),
        file: file.into(),
        line: 1,
        column: 0,
        start_line: 0,
        inlined: false,
        address: 0,
    };
    assert!(is_runtime_frame(&frame("gcWriteBarrier", "/usr/local/go/src/runtime/asm_amd64.s")));
    assert!(is_runtime_frame(&frame("gcWriteBarrier", "runtime/asm_amd64.s")));
    assert!(is_runtime_frame(&frame("runtime.memmove", "/go/src/runtime/memmove_amd64.s")));
    assert!(!is_runtime_frame(&frame("gcWriteBarrier", "/home/u/proj/asm.s")));
    assert!(!is_runtime_frame(&frame("__libc_start_main", "/usr/lib/libc.so")));
    assert!(!is_runtime_frame(&frame("example.com/m.F", "/go/src/runtime/x.go")));
    assert!(!is_runtime_frame(&frame("", "")));
}
