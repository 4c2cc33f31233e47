//! Peak memory of parsing one report: `peakmem FILE` or `peakmem --adversarial KIND MB`.
//!
//! Prints the input size, the resident set before the input was loaded, and the peak resident
//! set (`VmHWM` of `/proc/self/status`, Linux only) after `parse_bytes` + `validate`, and the
//! ratio (peak − baseline) / input, which counts the input buffer itself.
//!
//! The resident set also counts what a process pays once, whatever it parses: the code pages
//! touched and the one-off tables (the GBK code table, the mojibake start sets, the label
//! tables), ≈ 1 MB together, which outweighs a report of a few hundred kilobytes. So a second
//! figure, `warm`, parses a small report first (which touches that code and builds those
//! tables) and counts from the resident set after it: (peak − that) ÷ input, plus one for the
//! input buffer, the memory one more report costs in a process that has parsed before. (A
//! counting global allocator would distort what it measures: `peak_alloc`, tried, grows
//! buffers by allocate-copy-free instead of `realloc`, and raised the peak of 50 MB of glosses
//! by a third.) `PEAKMEM_COLD=1` leaves the warm-up out; `PEAKMEM_WARM=FILE` adds FILE to it
//! (the measured file itself gives what one more report of its kind costs: the small warm-up
//! report leaves code that a full report runs untouched, and its pages count in the peak).

use std::process::ExitCode;

use ogi_report_benches::Adversarial;
/// A small report touching every one-off table: Traditional labels with a pinyin gloss, a
/// UTF-8-read-as-GBK run, a lost-byte mark, a table row, and the same as an HTML page.
const WARM_UP: &str =
    "2020年度政府信息公開工作年度報告\n一、總體情況\n領(lǐng)導 鏀垮簻淇℃伅 ?!奔耙\n\
    二、主動公開政府信息情況\n| 規章 | 1 | 0 | 3 |\n";

fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = status_kib("VmRSS:").unwrap_or(0);
    let (label, bytes) = match args.as_slice() {
        [flag, kind, mb] if flag == "--adversarial" => {
            let Some(a) = Adversarial::from_name(kind) else {
                eprintln!("peakmem: unknown kind {kind}");
                return ExitCode::from(2);
            };
            let mb: usize = mb.parse().unwrap_or(5);
            (format!("{kind} {mb} MB"), a.generate(mb << 20).into_bytes())
        }
        [file] => match std::fs::read(file) {
            Ok(b) => (file.clone(), b),
            Err(e) => {
                eprintln!("peakmem: {file}: {e}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: peakmem FILE | peakmem --adversarial KIND MB");
            return ExitCode::from(2);
        }
    };
    let loaded = status_kib("VmRSS:").unwrap_or(0);
    // The warm-up (left out with `PEAKMEM_COLD=1`): a tiny input, so its own peak stays far
    // below the measured one.
    let mut warm_ups = if std::env::var_os("PEAKMEM_COLD").is_some() {
        Vec::new()
    } else {
        vec![
            WARM_UP.to_string(),
            format!("<html><body><p>{WARM_UP}</p></body></html>"),
        ]
    };
    // `PEAKMEM_WARM=FILE` parses FILE too before measuring (the measured file itself, say): the
    // code a report of that kind runs is then touched before the peak is counted, so the warm
    // figure is what one more such report costs.
    if let Some(f) = std::env::var_os("PEAKMEM_WARM") {
        match std::fs::read(&f) {
            Ok(b) => warm_ups.push(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => {
                eprintln!("peakmem: cannot read the warm-up file: {e}");
                return ExitCode::from(2);
            }
        }
    }
    for warm in warm_ups {
        let r = ogi_report::parse_bytes(warm.as_bytes());
        std::hint::black_box(r.validate());
    }
    let warm = status_kib("VmRSS:").unwrap_or(0);
    let report = ogi_report::parse_bytes(&bytes);
    let diags = report.validate();
    let peak = status_kib("VmHWM:").unwrap_or(0);
    let input_kib = (bytes.len() as u64).div_ceil(1024).max(1);
    println!(
        "{label}: input {input_kib} KiB, rss before input {base} KiB, after input {loaded} KiB, \
         after warm-up {warm} KiB, peak {peak} KiB, (peak-base)/input = {:.2}, \
         warm (peak-after warm-up)/input + 1 = {:.2}, tables {}, diagnostics {}",
        peak.saturating_sub(base) as f64 / input_kib as f64,
        peak.saturating_sub(warm) as f64 / input_kib as f64 + 1.0,
        report.tables().count(),
        report.diagnostics.len() + diags.len()
    );
    ExitCode::SUCCESS
}
