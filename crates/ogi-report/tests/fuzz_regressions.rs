//! Every input a fuzz target once failed on (minimised, under `tests/fuzz-regressions/<target>/`)
//! goes through the same checks as the target, so a fixed crash, hang or overflow stays fixed.
//! The checks mirror `fuzz/fuzz_targets/*.rs`; keep them in step.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The target's hang bound in the fuzz runs is 10 s of an optimised build; a debug test build is
/// several times slower, so a regression of a hang shows as more than this.
const SLOW: Duration = Duration::from_secs(60);

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fuzz-regressions")
        .join(target);
    let mut v: Vec<(PathBuf, Vec<u8>)> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
            .map(|p| {
                let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p, b)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

#[track_caller]
fn timed(p: &Path, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    let dt = t.elapsed();
    assert!(dt < SLOW, "{}: {dt:?}", p.display());
}

/// The parse_bytes target: no panic, every span inside the input.
fn check_parse_bytes(data: &[u8]) {
    let report = ogi_report::parse_bytes(data);
    for c in report.cells() {
        if let (Some(s), Some(e)) = (c.span_start, c.span_end) {
            assert!(
                s <= e && e <= data.len(),
                "cell span {s}..{e} outside 0..{}",
                data.len()
            );
        }
    }
    for d in &report.diagnostics {
        if let Some(sp) = d.span {
            assert!(
                sp.start <= sp.end && sp.end <= data.len(),
                "diagnostic span outside the input"
            );
        }
    }
}

/// The parse_validate target: parse, validate, the JSON round trip and the series rules.
fn check_parse_validate(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let report = ogi_report::parse(&text);
    let _ = report.validate();
    let json = report.to_json();
    let back: ogi_report::Report = serde_json::from_str(&json).expect("the report JSON reads back");
    assert_eq!(back.cells().len(), report.cells().len());
    let _ = ogi_report::validate_series(&[report.clone(), back]);
}

/// The split_digits target: the splitter on the digits the bytes spell.
fn check_split_digits(data: &[u8]) {
    let (Some(&a), Some(&b), Some(rest)) = (data.first(), data.get(1), data.get(2..)) else {
        return;
    };
    let n = (a % 16) as usize + 1;
    let rule = b % 3;
    let digits: String = rest
        .iter()
        .map(|b| match b % 12 {
            10 => ' ',
            11 => '.',
            d => (b'0' + d) as char,
        })
        .collect();
    ogi_report::fuzzing::split_check(&digits, n, rule);
}

#[test]
fn parse_bytes_regressions() {
    for (p, data) in inputs("parse_bytes") {
        timed(&p, || check_parse_bytes(&data));
    }
}

#[test]
fn parse_validate_regressions() {
    for (p, data) in inputs("parse_validate") {
        timed(&p, || check_parse_validate(&data));
    }
}

#[test]
fn split_digits_regressions() {
    for (p, data) in inputs("split_digits") {
        timed(&p, || check_split_digits(&data));
    }
}

#[test]
fn the_harness_reaches_each_target() {
    // Inputs that reach the splitter, the decoder and table 4: the checks run, not just compile.
    check_split_digits(&[6, 1, 1, 2, 3]);
    check_parse_bytes(b"\xff\xfe");
    check_parse_validate("四、政府信息公开行政复议、行政诉讼情况\n1 | 0 |".as_bytes());
}
