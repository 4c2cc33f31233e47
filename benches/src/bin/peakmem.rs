//! Peak memory of parsing one report: `peakmem FILE` or `peakmem --adversarial KIND MB`.
//!
//! Prints the input size, the resident set before the input was loaded, and the peak resident
//! set (`VmHWM` of `/proc/self/status`, Linux only) after `parse_bytes` + `validate`, and the
//! ratio (peak − baseline) / input, which counts the input buffer itself.
//!
//! The resident set also counts what a process pays once, whatever it parses: the code pages
//! touched and the one-off tables (the GBK code table, the mojibake start sets, the label
//! tables), ≈ 1 MB together, which outweighs a report of a few hundred kilobytes. So the heap is
//! also measured by a counting allocator (`peak_alloc`), after a warm-up parse of a small
//! report that builds those tables: `heap` is (the heap's peak during `parse_bytes` +
//! `validate` − the heap before, input included) ÷ input, the memory one more report costs.

use std::process::ExitCode;

use ogi_report_benches::Adversarial;
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

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
    // The warm-up, measured by the heap figure only (it runs before the resident peak is read,
    // but builds nothing the measured parse would not build itself).
    for warm in [
        WARM_UP.to_string(),
        format!("<html><body><p>{WARM_UP}</p></body></html>"),
    ] {
        let r = ogi_report::parse_bytes(warm.as_bytes());
        std::hint::black_box(r.validate());
    }
    HEAP.reset_peak_usage();
    let heap_before = HEAP.current_usage();
    let report = ogi_report::parse_bytes(&bytes);
    let diags = report.validate();
    let heap_peak = HEAP.peak_usage();
    let peak = status_kib("VmHWM:").unwrap_or(0);
    let input_kib = (bytes.len() as u64).div_ceil(1024).max(1);
    let input = bytes.len().max(1);
    println!(
        "{label}: input {input_kib} KiB, rss before input {base} KiB, after input {loaded} KiB, \
         peak {peak} KiB, (peak-base)/input = {:.2}; heap peak {} KiB over {} KiB before, \
         (heap peak - before + input)/input = {:.2}; tables {}, diagnostics {}",
        peak.saturating_sub(base) as f64 / input_kib as f64,
        heap_peak / 1024,
        heap_before / 1024,
        (heap_peak.saturating_sub(heap_before) + input) as f64 / input as f64,
        report.tables().count(),
        report.diagnostics.len() + diags.len()
    );
    ExitCode::SUCCESS
}
