//! The JSON Schema of the report model, from which `types/report.d.ts` is generated.
//!
//! `UPDATE_EXPECT=1 cargo test -p ogi-report-wasm --test schema` rewrites
//! `types/report.schema.json` and `types/tidy-cell.schema.json`; then
//! `node scripts/gen-types.mjs` regenerates the TypeScript declarations. Without the variable
//! the test fails when the committed schemas differ from the Rust types (drift).

use std::path::{Path, PathBuf};

fn types_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("types")
}

fn check(file: &str, schema: schemars::Schema) {
    let mut got = serde_json::to_string_pretty(&schema).expect("schema serialises");
    got.push('\n');
    let path = types_dir().join(file);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &got).expect("write schema");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "{} is out of date with the Rust model: run UPDATE_EXPECT=1 cargo test -p ogi-report-wasm \
         --test schema, then node bindings/wasm/scripts/gen-types.mjs",
        path.display()
    );
}

#[test]
fn report_schema_matches_the_model() {
    check(
        "report.schema.json",
        schemars::schema_for!(ogi_report::Report),
    );
}

#[test]
fn tidy_cell_schema_matches_the_model() {
    check(
        "tidy-cell.schema.json",
        schemars::schema_for!(ogi_report::TidyCell),
    );
}

#[test]
fn report_schema_agrees_with_the_workspace_schema_when_present() {
    // The workspace may commit its own `schema/report.schema.json`; both come from the same
    // types, so they must be equal as JSON values.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/report.schema.json");
    let Ok(text) = std::fs::read_to_string(&root) else {
        return;
    };
    let theirs: serde_json::Value = serde_json::from_str(&text).expect("workspace schema is JSON");
    let ours = serde_json::to_value(schemars::schema_for!(ogi_report::Report)).expect("value");
    assert_eq!(
        ours,
        theirs,
        "{} differs from the Rust model",
        root.display()
    );
}
