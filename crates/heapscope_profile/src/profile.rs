//! The resolved profile model and decoding a profile file into it.
//!
//! [`Profile::decode`] takes the bytes of a profile file (gzip-compressed, as Go writes them, or
//! plain protobuf), decodes the [`crate::proto`] messages and resolves every string index and id
//! into owned values: a sample's stack becomes a list of [`Frame`]s, leaf first, with inlined
//! functions expanded. Malformed input (garbage, truncated gzip, indices out of range, unknown
//! ids) yields a [`ProfileError`], never a panic.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use prost::Message;
use serde::Serialize;

use crate::proto;

/// Largest decompressed profile accepted, against gzip bombs (real profiles are a few MiB).
pub const MAX_PROFILE_BYTES: u64 = 1 << 30;

/// Why a profile could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read.
    #[error("cannot read profile {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a pprof protobuf (or its gzip form).
    #[error("not a pprof profile: {0}")]
    NotAProfile(String),
    /// The bytes are gzip, but the stream is damaged or truncated.
    #[error("not a pprof profile: bad gzip stream: {0}")]
    Gzip(std::io::Error),
    /// The decompressed profile exceeds [`MAX_PROFILE_BYTES`].
    #[error("profile too large: more than {MAX_PROFILE_BYTES} bytes once decompressed")]
    TooLarge,
    /// The protobuf decodes, but its contents are inconsistent.
    #[error("corrupt profile: {0}")]
    Corrupt(String),
}

/// What one value of a sample measures: `alloc_space`/`bytes`, `cpu`/`nanoseconds`, ...
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SampleType {
    /// The type (`alloc_objects`, `alloc_space`, `inuse_objects`, `inuse_space`, `samples`, `cpu`).
    #[serde(rename = "type")]
    pub type_: String,
    /// The unit (`count`, `bytes`, `nanoseconds`).
    pub unit: String,
}

/// One stack frame of a sample: a function at a source line. Frames of inlined calls are expanded,
/// so one program counter can yield several frames.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Frame {
    /// The function as Go names it (`heapscope.dev/examples.(*AnySink).Put`, `runtime.mallocgc`);
    /// empty for an unsymbolized location.
    pub function: String,
    /// The function's system name (the same as `function` in Go profiles).
    pub system_name: String,
    /// The source file as recorded by the build (absolute build-machine path, or module-relative
    /// under `-trimpath`); see [`crate::PathMatcher`].
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown (Go does not record columns).
    pub column: u32,
    /// The first line of the function's declaration, 0 when unknown.
    pub start_line: u32,
    /// The call was inlined into the next frame (every line of a location but the last).
    pub inlined: bool,
    /// The program counter of the location the frame comes from.
    pub address: u64,
}

/// One annotation of a sample (`bytes: 16` on heap samples, `pprof.Labels` string labels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub key: String,
    /// The string value, when the label has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub str: Option<String>,
    /// The numeric value, when the label has no string value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num: Option<i64>,
    /// The unit of `num`, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_unit: Option<String>,
}

/// One sample: a stack (leaf first) and one value per [`Profile::sample_types`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sample {
    pub values: Vec<i64>,
    pub stack: Vec<Frame>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
}

impl Sample {
    /// The numeric value of the first label named `key` (Go heap profiles label every sample with
    /// `bytes`: the size of one allocated object).
    pub fn num_label(&self, key: &str) -> Option<i64> {
        self.labels.iter().find(|l| l.key == key).and_then(|l| l.num)
    }
}

/// A binary or library mapped into the profiled process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    pub id: u64,
    pub memory_start: u64,
    pub memory_limit: u64,
    pub file_offset: u64,
    pub filename: String,
    pub build_id: String,
}

/// Which kind of profile this is, judged from its sample types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileKind {
    /// A heap (`allocs`/`heap`) profile: `alloc_objects`, `alloc_space`, `inuse_objects`,
    /// `inuse_space`.
    Heap,
    /// A CPU profile: `samples`, `cpu`.
    Cpu,
    /// Anything else (block, mutex, goroutine, or a non-Go profile).
    Other,
}

/// A decoded pprof profile with every string index and id resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// What each entry of [`Sample::values`] measures.
    pub sample_types: Vec<SampleType>,
    /// The sample type the profile asks viewers to show (its `type`), when it names one. Go heap
    /// profiles from `pprof.WriteHeapProfile` say `inuse_space`, `go test -memprofile` says
    /// `alloc_space`; see [`Profile::default_metric`] for heapscope's choice.
    pub default_sample_type: Option<String>,
    pub samples: Vec<Sample>,
    /// What one sampling period measures (`space`/`bytes`, `cpu`/`nanoseconds`).
    pub period_type: Option<SampleType>,
    /// The sampling period (bytes between heap samples, nanoseconds between CPU samples).
    pub period: i64,
    /// Collection time, nanoseconds since the Unix epoch (0 when unknown).
    pub time_nanos: i64,
    /// How long the profile ran, in nanoseconds (0 for heap profiles).
    pub duration_nanos: i64,
    pub comments: Vec<String>,
    /// Regexp of frames a viewer drops (empty when none).
    pub drop_frames: String,
    /// Regexp of frames a viewer keeps despite `drop_frames` (empty when none).
    pub keep_frames: String,
    /// Documentation link (empty when none).
    pub doc_url: String,
    pub mappings: Vec<Mapping>,
}

impl Profile {
    /// Reads and decodes the profile file at `path`.
    pub fn read(path: impl AsRef<Path>) -> Result<Profile, ProfileError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .map_err(|source| ProfileError::Io { path: path.display().to_string(), source })?;
        Profile::decode(&bytes)
    }

    /// Decodes a profile: gzip-compressed (magic `1f 8b`, as Go writes them) or plain protobuf.
    pub fn decode(bytes: &[u8]) -> Result<Profile, ProfileError> {
        let raw = decode_raw(bytes)?;
        Profile::from_proto(&raw)
    }

    /// Resolves a raw protobuf profile into the model.
    pub fn from_proto(raw: &proto::Profile) -> Result<Profile, ProfileError> {
        Resolver::new(raw)?.profile()
    }

    /// Total of the values at `index` over all samples (saturating).
    pub fn total(&self, index: usize) -> i64 {
        self.samples.iter().filter_map(|s| s.values.get(index)).fold(0i64, |a, v| a.saturating_add(*v))
    }

    /// The collection duration, when recorded.
    pub fn duration(&self) -> Option<std::time::Duration> {
        u64::try_from(self.duration_nanos).ok().filter(|n| *n > 0).map(std::time::Duration::from_nanos)
    }
}

/// Decompresses (when gzip) and decodes the protobuf, checking only that it looks like a profile.
pub fn decode_raw(bytes: &[u8]) -> Result<proto::Profile, ProfileError> {
    if bytes.is_empty() {
        return Err(ProfileError::NotAProfile("empty input".into()));
    }
    let decompressed;
    let data = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(MAX_PROFILE_BYTES + 1);
        reader.read_to_end(&mut out).map_err(ProfileError::Gzip)?;
        if out.len() as u64 > MAX_PROFILE_BYTES {
            return Err(ProfileError::TooLarge);
        }
        decompressed = out;
        &decompressed[..]
    } else {
        bytes
    };
    if looks_like_text(data) {
        return Err(ProfileError::NotAProfile(
            "the input is text (a legacy text-format profile, or not a profile at all); \
             expected the protobuf format that `go test -memprofile` and runtime/pprof write"
                .into(),
        ));
    }
    let raw = proto::Profile::decode(data).map_err(|e| ProfileError::NotAProfile(e.to_string()))?;
    match raw.string_table.first() {
        None => Err(ProfileError::NotAProfile("no string table".into())),
        Some(s) if !s.is_empty() => {
            Err(ProfileError::NotAProfile("the string table does not start with the empty string".into()))
        }
        Some(_) => Ok(raw),
    }
}

/// A protobuf profile starts with a field tag byte (0x0a, 0x12, ...) and soon has binary bytes;
/// text-format profiles (`heap profile: ...`, `--- contention:`) are printable throughout.
fn looks_like_text(data: &[u8]) -> bool {
    let head = &data[..data.len().min(256)];
    head.len() >= 8 && head.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
}

/// Resolves indices and ids of one raw profile.
struct Resolver<'a> {
    raw: &'a proto::Profile,
    functions: HashMap<u64, &'a proto::Function>,
    /// Frames of each location, leaf first.
    locations: HashMap<u64, Vec<Frame>>,
}

impl<'a> Resolver<'a> {
    fn new(raw: &'a proto::Profile) -> Result<Self, ProfileError> {
        let mut r = Resolver { raw, functions: HashMap::new(), locations: HashMap::new() };
        for f in &raw.function {
            if f.id == 0 {
                return Err(corrupt("a function has id 0"));
            }
            if r.functions.insert(f.id, f).is_some() {
                return Err(corrupt(format!("duplicate function id {}", f.id)));
            }
        }
        for loc in &raw.location {
            if loc.id == 0 {
                return Err(corrupt("a location has id 0"));
            }
            let frames = r.location_frames(loc)?;
            if r.locations.insert(loc.id, frames).is_some() {
                return Err(corrupt(format!("duplicate location id {}", loc.id)));
            }
        }
        Ok(r)
    }

    fn str(&self, index: i64) -> Result<&'a str, ProfileError> {
        usize::try_from(index).ok().and_then(|i| self.raw.string_table.get(i)).map(String::as_str).ok_or_else(
            || {
                corrupt(format!(
                    "string index {index} out of range (the string table has {} entries)",
                    self.raw.string_table.len()
                ))
            },
        )
    }

    /// A string index where 0 means "none".
    fn opt_str(&self, index: i64) -> Result<Option<String>, ProfileError> {
        Ok(if index == 0 { None } else { Some(self.str(index)?.to_owned()) })
    }

    fn value_type(&self, vt: &proto::ValueType) -> Result<SampleType, ProfileError> {
        Ok(SampleType { type_: self.str(vt.r#type)?.to_owned(), unit: self.str(vt.unit)?.to_owned() })
    }

    fn location_frames(&self, loc: &proto::Location) -> Result<Vec<Frame>, ProfileError> {
        if loc.line.is_empty() {
            // Unsymbolized: only an address.
            return Ok(vec![Frame {
                function: String::new(),
                system_name: String::new(),
                file: String::new(),
                line: 0,
                column: 0,
                start_line: 0,
                inlined: false,
                address: loc.address,
            }]);
        }
        let last = loc.line.len() - 1;
        let mut frames = Vec::with_capacity(loc.line.len());
        for (i, line) in loc.line.iter().enumerate() {
            let f = self.functions.get(&line.function_id).ok_or_else(|| {
                corrupt(format!("location {} references unknown function id {}", loc.id, line.function_id))
            })?;
            frames.push(Frame {
                function: self.str(f.name)?.to_owned(),
                system_name: self.str(f.system_name)?.to_owned(),
                file: self.str(f.filename)?.to_owned(),
                line: to_u32(line.line),
                column: to_u32(line.column),
                start_line: to_u32(f.start_line),
                inlined: i != last,
                address: loc.address,
            });
        }
        Ok(frames)
    }

    fn profile(&self) -> Result<Profile, ProfileError> {
        let raw = self.raw;
        let sample_types =
            raw.sample_type.iter().map(|vt| self.value_type(vt)).collect::<Result<Vec<_>, _>>()?;
        let mut samples = Vec::with_capacity(raw.sample.len());
        for (n, s) in raw.sample.iter().enumerate() {
            if s.value.len() != sample_types.len() {
                return Err(corrupt(format!(
                    "sample {n} has {} values for {} sample types",
                    s.value.len(),
                    sample_types.len()
                )));
            }
            let mut stack = Vec::with_capacity(s.location_id.len());
            for id in &s.location_id {
                let frames = self
                    .locations
                    .get(id)
                    .ok_or_else(|| corrupt(format!("sample {n} references unknown location id {id}")))?;
                stack.extend(frames.iter().cloned());
            }
            let labels = s
                .label
                .iter()
                .map(|l| {
                    let str = self.opt_str(l.str)?;
                    Ok(Label {
                        key: self.str(l.key)?.to_owned(),
                        num: if str.is_none() { Some(l.num) } else { None },
                        str,
                        num_unit: self.opt_str(l.num_unit)?,
                    })
                })
                .collect::<Result<Vec<_>, ProfileError>>()?;
            samples.push(Sample { values: s.value.clone(), stack, labels });
        }
        let mappings = raw
            .mapping
            .iter()
            .map(|m| {
                Ok(Mapping {
                    id: m.id,
                    memory_start: m.memory_start,
                    memory_limit: m.memory_limit,
                    file_offset: m.file_offset,
                    filename: self.str(m.filename)?.to_owned(),
                    build_id: self.str(m.build_id)?.to_owned(),
                })
            })
            .collect::<Result<Vec<_>, ProfileError>>()?;
        Ok(Profile {
            sample_types,
            default_sample_type: self.opt_str(raw.default_sample_type)?,
            samples,
            period_type: raw.period_type.as_ref().map(|vt| self.value_type(vt)).transpose()?,
            period: raw.period,
            time_nanos: raw.time_nanos,
            duration_nanos: raw.duration_nanos,
            comments: raw
                .comment
                .iter()
                .map(|i| self.str(*i).map(str::to_owned))
                .collect::<Result<_, _>>()?,
            drop_frames: self.str(raw.drop_frames)?.to_owned(),
            keep_frames: self.str(raw.keep_frames)?.to_owned(),
            doc_url: self.str(raw.doc_url)?.to_owned(),
            mappings,
        })
    }
}

fn corrupt(msg: impl Into<String>) -> ProfileError {
    ProfileError::Corrupt(msg.into())
}

/// Line numbers and columns outside `u32` (negative: corrupt or unknown) read as 0.
fn to_u32(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}
