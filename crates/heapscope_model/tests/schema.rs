//! Keeps `docs/json-schema.md` and the JSON form of the model in step: every kind is
//! documented, every kind round-trips through JSON, and the document's top-level fields exist.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use heapscope_model::{Diagnostic, Engine, Flow, GoVersion, Kind, Pos, Report, SCHEMA_VERSION, Step};

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/json-schema.md")).unwrap()
}

fn sample(kind: Kind) -> Diagnostic {
    Diagnostic {
        id: 3,
        package: "example.com/p".into(),
        pos: Pos::new("/src/p/x.go", 12, 2),
        kind,
        subject: "p".into(),
        function: Some("F".into()),
        message: "moved to heap: p".into(),
        flows: vec![Flow {
            to: "~r0".into(),
            from: "p".into(),
            derefs: -1,
            steps: vec![Step {
                expr: "&p".into(),
                reason: "address-of".into(),
                pos: Pos::new("/src/p/x.go", 13, 9),
            }],
        }],
        truncated: false,
        explanations: vec![1],
        go_version: GoVersion::new(1, 27, 3),
        engine: Engine::Gc,
    }
}

#[test]
fn samples_cover_every_kind() {
    let samples = Kind::samples();
    let names: std::collections::BTreeSet<&str> = samples.iter().map(Kind::name).collect();
    assert_eq!(names.len(), samples.len(), "duplicate kind in Kind::samples()");
    // Count the arms of Kind::name() in the source: a new kind must be added to samples too.
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/kind.rs")).unwrap();
    let body = src.split("pub fn name(&self)").nth(1).unwrap().split("\n    }\n").next().unwrap();
    let arms = body.matches(" => \"").count();
    assert_eq!(arms, samples.len(), "Kind::samples() misses a kind");
}

#[test]
fn every_kind_is_documented_and_round_trips() {
    let doc = doc();
    for kind in Kind::samples() {
        assert!(
            doc.contains(&format!("| `{}` |", kind.name())),
            "docs/json-schema.md lacks kind `{}`",
            kind.name()
        );
        let d = sample(kind.clone());
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["kind"], kind.name());
        let back: Diagnostic = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }
}

#[test]
fn report_fields_are_documented() {
    let doc = doc();
    assert!(doc.contains(&format!("schema version {SCHEMA_VERSION}")));
    let report = Report::new(Engine::Gc, GoVersion::new(1, 27, 3), 2, "/w".into());
    let v = serde_json::to_value(&report).unwrap();
    for key in v.as_object().unwrap().keys() {
        assert!(doc.contains(&format!("| `{key}` |")), "docs/json-schema.md lacks report field `{key}`");
    }
    let d = serde_json::to_value(sample(Kind::MovedToHeap)).unwrap();
    for key in d.as_object().unwrap().keys() {
        assert!(doc.contains(&format!("| `{key}` |")), "docs/json-schema.md lacks diagnostic field `{key}`");
    }
}
