//! Throughput of parse, parse + validate and the stages reachable through the public API, on the
//! bundled corpus and on 10,000 synthetic reports; the nom tokenizer is the baseline.
//! What each case measures: benches/README.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use ogi_report::{Options, Prose, Report};
use ogi_report_benches::synth::{
    corpus_dir, corpus_files, generate, load_seeds, seed_from_env, Synth, LAYOUTS,
};
use ogi_report_benches::tokenize;

fn corpus() -> Vec<Vec<u8>> {
    corpus_files().into_iter().map(|(_, bytes)| bytes).collect()
}

fn total(docs: &[Vec<u8>]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

fn parse_all(docs: &[Vec<u8>], opts: &Options) -> usize {
    docs.iter()
        .map(|d| ogi_report::parse_bytes_with(d, opts).tables().count())
        .sum()
}

fn parse_validate_all(docs: &[Vec<u8>], opts: &Options) -> usize {
    docs.iter()
        .map(|d| ogi_report::parse_bytes_with(d, opts).validate().len())
        .sum()
}

/// OpenCC's `t2s` configuration from opencc-rust's static dictionaries, as the core opens it.
#[cfg(feature = "opencc")]
fn opencc_cpp() -> opencc_rust::OpenCC {
    let dir = std::env::temp_dir().join(format!("ogi-report-bench-opencc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    opencc_rust::generate_static_dictionary(&dir, opencc_rust::DefaultConfig::T2S)
        .expect("OpenCC dictionaries");
    let config = dir.join(opencc_rust::DefaultConfig::T2S.get_file_name());
    let cc = opencc_rust::OpenCC::new(config.to_str().expect("UTF-8 path")).expect("OpenCC");
    let _ = std::fs::remove_dir_all(&dir);
    cc
}

fn tokenize_all(docs: &[Vec<u8>]) -> usize {
    docs.iter().map(|d| tokenize(d).0).sum()
}

/// The standard set of cases over one set of documents.
fn cases(c: &mut Criterion, group: &str, docs: &[Vec<u8>], slow: bool) {
    let opts = Options::default();
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(total(docs)));
    g.measurement_time(Duration::from_secs(3));
    g.warm_up_time(Duration::from_secs(1));
    if slow {
        g.sample_size(10).sampling_mode(SamplingMode::Flat);
    }
    g.bench_function("tokenizer", |b| b.iter(|| tokenize_all(black_box(docs))));
    g.bench_function("parse", |b| b.iter(|| parse_all(black_box(docs), &opts)));
    g.bench_function("parse_validate", |b| {
        b.iter(|| parse_validate_all(black_box(docs), &opts))
    });
    g.finish();
}

fn bench_corpus(c: &mut Criterion) {
    let docs = corpus();
    cases(c, "corpus", &docs, false);

    let reports: Vec<Report> = docs.iter().map(|d| ogi_report::parse_bytes(d)).collect();
    let mut g = c.benchmark_group("corpus_after_parse");
    g.throughput(Throughput::Bytes(total(&docs)));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("validate", |b| {
        b.iter(|| reports.iter().map(|r| r.validate().len()).sum::<usize>())
    });
    g.bench_function("cells", |b| {
        b.iter(|| reports.iter().map(|r| r.cells().len()).sum::<usize>())
    });
    g.bench_function("to_json", |b| {
        b.iter(|| reports.iter().map(|r| r.to_json().len()).sum::<usize>())
    });
    g.finish();

    let mut g = c.benchmark_group("corpus_reports");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.measurement_time(Duration::from_secs(3));
    let opts = Options::default();
    g.bench_function("parse_validate", |b| {
        b.iter(|| parse_validate_all(black_box(&docs), &opts))
    });
    g.finish();
}

/// The 10,000 synthetic reports; `OGI_BENCH_SEED=N` draws them from another seed (the PGO
/// training run of `scripts/pgo.sh bench` does, so that the profile never sees the reports the
/// optimised benches then measure).
fn synthetic() -> Vec<Synth> {
    let seeds = load_seeds(&corpus_dir()).expect("seeds");
    generate(&seeds, 10_000, seed_from_env("OGI_BENCH_SEED"))
}

fn bytes_of<'a>(it: impl Iterator<Item = &'a Synth>) -> Vec<Vec<u8>> {
    it.map(|s| s.text.clone().into_bytes()).collect()
}

fn bench_synthetic(c: &mut Criterion) {
    let all = synthetic();
    let docs = bytes_of(all.iter());
    eprintln!(
        "synthetic corpus: {} reports, {:.1} MB",
        docs.len(),
        total(&docs) as f64 / 1e6
    );
    cases(c, "synthetic", &docs, true);

    let opts = Options::default();
    let mut g = c.benchmark_group("synthetic_reports");
    let slice = &docs[..1000];
    g.throughput(Throughput::Elements(slice.len() as u64));
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(10);
    g.bench_function("parse_validate_1000", |b| {
        b.iter(|| parse_validate_all(black_box(slice), &opts))
    });
    g.finish();

    let mut g = c.benchmark_group("synthetic_layout");
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(10);
    for layout in LAYOUTS {
        let part = bytes_of(all.iter().filter(|s| s.layout == layout).take(500));
        g.throughput(Throughput::Bytes(total(&part)));
        g.bench_with_input(
            BenchmarkId::new("parse_validate", layout.name()),
            &part,
            |b, part| b.iter(|| parse_validate_all(part, &opts)),
        );
    }
    g.finish();

    // Script and prose handling: Simplified seeds (002, 003) against Traditional seeds with
    // pinyin glosses (000, 004), prose as written and converted.
    let simp = bytes_of(
        all.iter()
            .filter(|s| !s.traditional && s.layout == LAYOUTS[0])
            .take(300),
    );
    let trad = bytes_of(
        all.iter()
            .filter(|s| s.traditional && s.seed != 1 && s.layout == LAYOUTS[0])
            .take(300),
    );
    let mut g = c.benchmark_group("script");
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(10);
    for (name, set) in [("simplified", &simp), ("traditional_pinyin", &trad)] {
        g.throughput(Throughput::Bytes(total(set)));
        g.bench_with_input(BenchmarkId::new("parse_validate", name), set, |b, s| {
            b.iter(|| parse_validate_all(s, &opts))
        });
    }
    let conv = Options::default().with_prose(Prose::Simplified);
    g.throughput(Throughput::Bytes(total(&trad)));
    g.bench_with_input(
        BenchmarkId::new("parse_prose_simplified", "traditional_pinyin"),
        &trad,
        |b, s| b.iter(|| parse_all(s, &conv)),
    );
    // The budget "with prose conversion on: ≥ 0.8 × the converter's own speed on the same
    // bytes": parse + validate with the prose converted, next to the converter alone on the same
    // documents (whole documents, one thread, as the core sets it up). `parse_validate` above is
    // the same work without the conversion, so the difference is what conversion costs.
    g.bench_with_input(
        BenchmarkId::new("parse_validate_prose_simplified", "traditional_pinyin"),
        &trad,
        |b, s| b.iter(|| parse_validate_all(s, &conv)),
    );
    let mut cc = opencc_fmmseg::OpenCC::new();
    cc.set_parallel(false);
    let texts: Vec<String> = trad
        .iter()
        .map(|d| String::from_utf8_lossy(d).into_owned())
        .collect();
    g.bench_with_input(
        BenchmarkId::new("converter_only", "traditional_pinyin"),
        &texts,
        |b, t| b.iter(|| t.iter().map(|x| cc.t2s(x, false).len()).sum::<usize>()),
    );
    // The same two with the OpenCC C++ library (`--features opencc`, needs libopencc-dev).
    #[cfg(feature = "opencc")]
    {
        let conv_cpp = Options::default()
            .with_prose(Prose::Simplified)
            .with_converter(ogi_report::Converter::Opencc);
        g.bench_with_input(
            BenchmarkId::new(
                "parse_validate_prose_simplified_opencc",
                "traditional_pinyin",
            ),
            &trad,
            |b, s| b.iter(|| parse_validate_all(s, &conv_cpp)),
        );
        let cpp = opencc_cpp();
        g.bench_with_input(
            BenchmarkId::new("converter_only_opencc", "traditional_pinyin"),
            &texts,
            |b, t| b.iter(|| t.iter().map(|x| cpp.convert(x).len()).sum::<usize>()),
        );
    }
    g.finish();

    // Decode cost: the same Simplified reports as UTF-8 and as GBK bytes.
    let gbk: Vec<Vec<u8>> = simp
        .iter()
        .map(|d| {
            let text = String::from_utf8_lossy(d);
            encoding_rs::GBK.encode(&text).0.into_owned()
        })
        .collect();
    // Segment-only cost: the seeds' prose with the table region left out.
    let seeds = load_seeds(&corpus_dir()).expect("seeds");
    let prose: Vec<Vec<u8>> = (0..300)
        .map(|i| {
            let s = &seeds[i % seeds.len()];
            format!("{}{}", s.before, s.after).into_bytes()
        })
        .collect();
    let mut g = c.benchmark_group("stages");
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(10);
    for (name, set) in [("utf8", &simp), ("gbk", &gbk), ("prose_only", &prose)] {
        g.throughput(Throughput::Bytes(total(set)));
        g.bench_with_input(BenchmarkId::new("parse", name), set, |b, s| {
            b.iter(|| parse_all(s, &opts))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_corpus, bench_synthetic);
criterion_main!(benches);
