//! `schema/report.schema.json` is generated from the Rust model; this test fails when it drifts.
//! Regenerate with `UPDATE_EXPECT=1 cargo test -p ogi-report --test schema`.

use std::path::Path;

#[test]
fn committed_json_schema_matches_the_model() {
    let schema = schemars::schema_for!(ogi_report::Report);
    let mut got = serde_json::to_string_pretty(&schema).expect("schema serialises");
    got.push('\n');
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/report.schema.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).expect("write schema");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("schema/report.schema.json exists");
    assert!(got == want, "schema/report.schema.json is stale: run UPDATE_EXPECT=1 cargo test -p ogi-report --test schema");
}

#[test]
fn every_report_validates_against_the_schema_shape() {
    // The schema names every top-level key the JSON carries.
    let schema = serde_json::to_value(schemars::schema_for!(ogi_report::Report)).expect("schema");
    let props = schema["properties"].as_object().expect("properties");
    let report = ogi_report::parse("一、总体情况\n无。");
    let json = serde_json::to_value(&report).expect("json");
    for k in json.as_object().expect("object").keys() {
        assert!(props.contains_key(k), "key {k} missing from the schema");
    }
}
