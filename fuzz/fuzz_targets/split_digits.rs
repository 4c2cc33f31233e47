#![no_main]
//! The glued-digit splitter on arbitrary digit runs, arities and rules: bounded, never panics,
//! and every reading it returns satisfies its rule.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let n = (data[0] % 16) as usize + 1;
    let rule = data[1] % 3;
    let digits: String = data[2..].iter().map(|b| match b % 12 { 10 => ' ', 11 => '.', d => (b'0' + d) as char }).collect();
    ogi_report::fuzzing::split_check(&digits, n, rule);
});
