//! The command line's per-file work: what `ogi-report validate | parse --format jsonl | cells`
//! does for each file of a folder run (parse, validate, render the output and the summary's
//! counts; `ogi_report_cli::process`), against parse + validate alone in the same run, so that
//! the cost of the output is read as a ratio. Over 1,000 synthetic reports (every layout, both
//! scripts) and the bundled corpus. Reading the files and writing the output are left out: see
//! benches/README.md for the binary timed over a folder.
//!
//! With `--features mimalloc` the bench runs on the allocator the binary ships with.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ogi_report::Options;
use ogi_report_benches::synth::{corpus_dir, corpus_files, generate, load_seeds, seed_from_env};
use ogi_report_cli::{process, CellsFormat, DiagFormat, Job, ParseFormat};

/// Each command's job, named as the bench ids show it.
const JOBS: [(&str, Job); 5] = [
    ("validate", Job::Validate(DiagFormat::Human)),
    ("validate_json", Job::Validate(DiagFormat::Json)),
    ("parse_jsonl", Job::Parse(ParseFormat::Jsonl)),
    ("cells_jsonl", Job::Cells(CellsFormat::Jsonl)),
    ("cells_csv", Job::Cells(CellsFormat::Csv)),
];

fn corpus() -> Vec<(String, Vec<u8>)> {
    corpus_files()
        .into_iter()
        .map(|(path, bytes)| (path.display().to_string(), bytes))
        .collect()
}

fn synthetic() -> Vec<(String, Vec<u8>)> {
    let seeds = load_seeds(&corpus_dir()).expect("seeds");
    generate(&seeds, 1000, seed_from_env("OGI_BENCH_SEED"))
        .into_iter()
        .map(|s| (format!("reports/2023/{}", s.name), s.text.into_bytes()))
        .collect()
}

fn bench_set(c: &mut Criterion, name: &str, docs: &[(String, Vec<u8>)]) {
    let opts = Options::default();
    let bytes: u64 = docs.iter().map(|(_, d)| d.len() as u64).sum();
    let mut g = c.benchmark_group(format!("cli_{name}"));
    g.throughput(Throughput::Bytes(bytes));
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(10);
    g.bench_function("parse_validate", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, d)| {
                    ogi_report::parse_bytes_with(black_box(d), &opts)
                        .validate()
                        .len()
                })
                .sum::<usize>()
        })
    });
    for (job_name, job) in JOBS {
        g.bench_with_input(BenchmarkId::new("process", job_name), &job, |b, &job| {
            b.iter(|| {
                docs.iter()
                    .map(|(n, d)| process(black_box(d), n, &opts, job, true).out.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn bench_cli(c: &mut Criterion) {
    bench_set(c, "synthetic", &synthetic());
    bench_set(c, "corpus", &corpus());
}

criterion_group!(benches, bench_cli);
criterion_main!(benches);
