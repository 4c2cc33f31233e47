#![no_main]
//! Text through `parse` then `validate` (and the JSON round trip) never panics.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = ogi_report::parse(&text);
    let _ = report.validate();
    let json = report.to_json();
    let back: ogi_report::Report = serde_json::from_str(&json).expect("the report JSON reads back");
    assert_eq!(back.cells().len(), report.cells().len());
    let _ = ogi_report::validate_series(&[report.clone(), back]);
});
