//! The native side of `bench.mjs`: the same corpus bytes, the same loop, in this process.
//!
//! `cargo test --release -p ogi-report-wasm --test native_bench -- --ignored --nocapture`
//! prints MB/s of `parse_bytes` alone and of `parse_bytes` + `serde_json::to_string` (what the
//! WebAssembly `parse` does before the engine's `JSON.parse`), and of `parse` + `validate`.
//! Ignored by default: a timing is not a test, and a debug build says nothing.

use std::path::Path;
use std::time::Instant;

/// Corpus file paths, sorted like `bench.mjs` sorts them.
fn corpus_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path().to_string_lossy().into_owned()))
        .filter(|p| !p.rsplit('/').next().is_some_and(|n| n.starts_with('.')))
        .collect();
    names.sort();
    names
}

fn corpus() -> Vec<Vec<u8>> {
    corpus_names()
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

fn run(label: &str, files: &[Vec<u8>], rounds: usize, mut f: impl FnMut(&[u8]) -> usize) {
    let mut sink = 0usize;
    for b in files {
        sink = sink.wrapping_add(f(b));
    }
    let t0 = Instant::now();
    let mut bytes = 0usize;
    for _ in 0..rounds {
        for b in files {
            sink = sink.wrapping_add(f(b));
            bytes += b.len();
        }
    }
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{label:<28} {:.1} MB in {s:.2} s = {:.1} MB/s   (sink {})",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s,
        sink % 10
    );
}

#[test]
#[ignore = "a timing, run with --release --ignored --nocapture"]
fn native_throughput_on_the_corpus() {
    let files = corpus();
    let once: usize = files.iter().map(Vec::len).sum();
    let mb: f64 = std::env::var("BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20.0);
    let rounds = ((mb * 1e6) / once as f64).ceil().max(1.0) as usize;
    println!(
        "corpus: {} files, {} kB, {rounds} rounds",
        files.len(),
        once / 1000
    );
    run("parse_bytes", &files, rounds, |b| {
        ogi_report::parse_bytes(b).diagnostics.len()
    });
    run("parse_bytes + to_string", &files, rounds, |b| {
        let r = ogi_report::parse_bytes(b);
        serde_json::to_string(&r).map_or(0, |s| s.len())
    });
    run("parse_bytes + validate", &files, rounds, |b| {
        ogi_report::parse_bytes(b).validate().len()
    });
    if std::env::var_os("BENCH_PER_FILE").is_some() {
        for (name, b) in corpus_names().iter().zip(&files) {
            let n = (300_000 / b.len().max(1)).max(1);
            let t0 = Instant::now();
            for _ in 0..n {
                let r = ogi_report::parse_bytes(b);
                std::hint::black_box(serde_json::to_string(&r).map_or(0, |s| s.len()));
            }
            let s = t0.elapsed().as_secs_f64();
            let file = name.rsplit('/').next().unwrap_or(name);
            println!("{file:<70} {:.3} ms", s / n as f64 * 1e3);
        }
    }
    // The corpus is 85 % HTML pages by bytes: text and HTML apart.
    let names = corpus_names();
    for (label, html) in [("text", false), ("html", true)] {
        let part: Vec<Vec<u8>> = names
            .iter()
            .zip(&files)
            .filter(|(n, _)| n.ends_with(".html") == html)
            .map(|(_, b)| b.clone())
            .collect();
        let once: usize = part.iter().map(Vec::len).sum();
        let rounds = ((mb / 4.0 * 1e6) / once as f64).ceil().max(1.0) as usize;
        run(
            &format!("{label}: parse_bytes + to_string"),
            &part,
            rounds,
            |b| {
                let r = ogi_report::parse_bytes(b);
                serde_json::to_string(&r).map_or(0, |s| s.len())
            },
        );
    }
}
