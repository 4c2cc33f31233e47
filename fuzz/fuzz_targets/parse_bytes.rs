#![no_main]
//! Any bytes: decoding, HTML, normalisation, segmentation and tables never panic, and every span
//! lies inside the input.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = ogi_report::parse_bytes(data);
    for c in report.cells() {
        if let (Some(s), Some(e)) = (c.span_start, c.span_end) {
            assert!(s <= e && e <= data.len(), "cell span {s}..{e} outside 0..{}", data.len());
        }
    }
    for d in &report.diagnostics {
        if let Some(sp) = d.span {
            assert!(sp.start <= sp.end && sp.end <= data.len(), "diagnostic span outside the input");
        }
    }
});
