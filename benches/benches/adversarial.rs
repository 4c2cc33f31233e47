//! Hostile inputs at 5 MB and 50 MB: the cost must stay linear (50 MB ≤ 11 × 5 MB).

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use ogi_report_benches::{tokenize, ADVERSARIAL};

fn bench_adversarial(c: &mut Criterion) {
    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    for kind in ADVERSARIAL {
        for mb in [5usize, 50] {
            let input = kind.generate(mb << 20).into_bytes();
            g.throughput(Throughput::Bytes(input.len() as u64));
            let id = format!("{}/{mb}MB", kind.name());
            g.bench_with_input(BenchmarkId::new("parse_validate", &id), &input, |b, i| {
                b.iter(|| ogi_report::parse_bytes(black_box(i)).validate().len())
            });
            g.bench_with_input(BenchmarkId::new("tokenizer", &id), &input, |b, i| {
                b.iter(|| tokenize(black_box(i)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_adversarial);
criterion_main!(benches);
