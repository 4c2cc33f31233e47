//! Peak memory of parsing one report: `peakmem FILE` or `peakmem --adversarial KIND MB`.
//!
//! Prints the input size, the resident set before the input was loaded, and the peak resident
//! set (`VmHWM` of `/proc/self/status`, Linux only) after `parse_bytes` + `validate`, and the
//! ratio (peak − baseline) / input, which counts the input buffer itself.

use std::process::ExitCode;

use ogi_report_benches::Adversarial;

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
    let report = ogi_report::parse_bytes(&bytes);
    let diags = report.validate();
    let peak = status_kib("VmHWM:").unwrap_or(0);
    let input_kib = (bytes.len() as u64).div_ceil(1024).max(1);
    println!(
        "{label}: input {input_kib} KiB, rss before input {base} KiB, after input {loaded} KiB, \
         peak {peak} KiB, (peak-base)/input = {:.2}, tables {}, diagnostics {}",
        peak.saturating_sub(base) as f64 / input_kib as f64,
        report.tables().count(),
        report.diagnostics.len() + diags.len()
    );
    ExitCode::SUCCESS
}
