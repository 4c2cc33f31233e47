//! Quick throughput probe (not a benchmark of record: use `cargo bench`): parse + validate over
//! the synthetic corpus, split by script, printing MB/s. Handy under `perf record`.
//! `probe N REPS DIR` also writes the N reports to `DIR/NNNNN.txt`, so that the CLI's output on
//! them can be compared between two builds. `OGI_PROBE_SCRIPT=simplified` (or `traditional`)
//! runs one script only, for a profile of that case alone; `OGI_PROBE_PROSE=simplified` (or
//! `clean`) parses with the prose converted (or cleaned) instead of as written.
//! `OGI_PROBE_SEED=N` draws the reports from another seed than the benches' (the PGO training
//! set of `scripts/pgo.sh` is drawn so, and so is kept apart from what the benches measure).
//! `OGI_PROBE_FILES=PATH…` (separated by `:`) times each of those files instead, parsed as bytes
//! N times a run: a real report's own figure, and its profile.

/// `--features mimalloc`: the CLI's allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use ogi_report_benches::synth::{corpus_dir, generate, load_seeds, seed_from_env};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let reps: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    if let Ok(files) = std::env::var("OGI_PROBE_FILES") {
        probe_files(&files, n, reps);
        return;
    }
    let seeds = load_seeds(&corpus_dir()).expect("seeds");
    let docs = generate(&seeds, n, seed_from_env("OGI_PROBE_SEED"));
    if let Some(dir) = std::env::args().nth(3) {
        std::fs::create_dir_all(&dir).expect("create the dump folder");
        for (i, d) in docs.iter().enumerate() {
            std::fs::write(format!("{dir}/{i:05}.txt"), &d.text).expect("write a report");
        }
    }
    let (trad, simp): (Vec<_>, Vec<_>) = docs.iter().partition(|d| d.traditional);
    let only = std::env::var("OGI_PROBE_SCRIPT").unwrap_or_default();
    let prose = match std::env::var("OGI_PROBE_PROSE").as_deref() {
        Ok("simplified") => ogi_report::Prose::Simplified,
        Ok("clean") => ogi_report::Prose::Clean,
        _ => ogi_report::Prose::AsWritten,
    };
    let opts = ogi_report::Options::default().with_prose(prose);
    for (name, set) in [("simplified", simp), ("traditional+pinyin", trad)] {
        if !name.starts_with(only.as_str()) {
            continue;
        }
        let bytes: usize = set.iter().map(|d| d.text.len()).sum();
        let mut best = f64::MAX;
        for _ in 0..reps {
            let t = Instant::now();
            std::hint::black_box(parse_all(&set, &opts));
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: {} reports, {:.1} MB, {:.1} MB/s, {:.0} reports/s",
            set.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / best,
            set.len() as f64 / best
        );
    }
}

/// Parse, validate and tidy every report of `set`: the measured work, a function of its own so
/// that a profiler can count it alone (`valgrind --tool=callgrind --toggle-collect='*parse_all*'`).
#[inline(never)]
fn parse_all(set: &[&ogi_report_benches::synth::Synth], opts: &ogi_report::Options) -> usize {
    let mut cells = 0;
    for d in set {
        let r = ogi_report::parse_with(&d.text, opts);
        cells += r.cells().len() + r.validate().len();
    }
    cells
}

/// Each file of `files` (`:`-separated) parsed from its bytes, validated and tidied `n` times a
/// run, best of `reps` runs.
fn probe_files(files: &str, n: usize, reps: usize) {
    let opts = ogi_report::Options::default();
    for path in files.split(':').filter(|p| !p.is_empty()) {
        let bytes = std::fs::read(path).expect("read a file");
        let mut best = f64::MAX;
        for _ in 0..reps {
            let t = Instant::now();
            for _ in 0..n {
                let r = ogi_report::parse_bytes_with(std::hint::black_box(&bytes), &opts);
                std::hint::black_box(r.cells().len() + r.validate().len());
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{path}: {} B, {:.1} MB/s, {:.1} µs a report",
            bytes.len(),
            (bytes.len() * n) as f64 / 1e6 / best,
            best / n as f64 * 1e6
        );
    }
}
