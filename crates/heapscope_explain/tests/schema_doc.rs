//! Keeps the Finding section of `docs/json-schema.md` in step with the code.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use heapscope_explain::{Finding, Hop, Shape, Via};
use heapscope_model::Pos;

#[test]
fn finding_fields_and_shapes_are_documented() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/json-schema.md")).unwrap();
    let f = Finding {
        fingerprint: "0123456789abcdef".into(),
        package: "p".into(),
        diagnostic: 1,
        pos: Pos::new("/x.go", 1, 2),
        function: Some("F".into()),
        subject: "x".into(),
        message: "moved to heap: x".into(),
        shape: Shape::AddressOfLocal,
        via: Via::Returned,
        may_allocate: true,
        static_data: true,
        chain: vec![Hop { pos: Pos::new("/x.go", 2, 9), text: "returned".into() }],
        occurrences: 1,
    };
    let v = serde_json::to_value(&f).unwrap();
    for key in v.as_object().unwrap().keys() {
        assert!(doc.contains(&format!("| `{key}` |")), "docs/json-schema.md lacks finding field `{key}`");
    }
    for s in Shape::ALL {
        assert!(doc.contains(&format!("`{}`", s.id())), "docs/json-schema.md lacks shape `{}`", s.id());
    }
    let back: Finding = serde_json::from_value(v).unwrap();
    assert_eq!(back, f);
}
