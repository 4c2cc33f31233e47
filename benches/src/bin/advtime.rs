//! Linearity probe (not a benchmark of record: use `cargo bench --bench adversarial`):
//! `advtime [KIND…] [--mb A,B] [--reps N] [--cold] [--baseline]` times `parse_bytes` + `validate` on
//! each adversarial input at A and B MB (default 5 and 50) and prints the best time of N runs and
//! the ratio. With `--baseline` it also times the baseline tokenizer (one pass over the same
//! bytes, [`ogi_report_benches::tokenize`]) the same way and prints its ratio: what the machine
//! alone makes of a tenfold input, against which the parser's ratio is read.
//! With `--reps 0` it parses each input once and prints nothing but the sizes, for
//! `valgrind --tool=callgrind`, whose instruction counts do not depend on the machine's load.
//!
//! `--cold` evicts the caches before every timed run (see [`Evictor`]), so that the best of N
//! runs of a 5 MB input cannot find its input or the buffers the previous run freed in the
//! last-level cache (8 MiB on the 2-core machine of the figures), which a 50 MB input's runs
//! never can. Measured (fourteenth pass), the cold ratios are those of the warm runs within the
//! machine's noise: what the cache gives the 5 MB input is reuse within a run, the passes over
//! the text re-reading what the previous one wrote, not reuse between runs.

use std::time::Instant;

use ogi_report_benches::{Adversarial, ADVERSARIAL};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kinds = Vec::new();
    let mut sizes = vec![5usize, 50];
    let mut reps = 3usize;
    let mut evictor = None;
    let mut baseline = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => {
                if let Some(v) = it.next() {
                    sizes = v.split(',').filter_map(|x| x.parse().ok()).collect();
                }
            }
            "--reps" => reps = it.next().and_then(|v| v.parse().ok()).unwrap_or(3),
            "--cold" => evictor = Some(Evictor::new()),
            "--baseline" => baseline = true,
            k => match Adversarial::from_name(k) {
                Some(kind) => kinds.push(kind),
                None => eprintln!("advtime: unknown kind {k}"),
            },
        }
    }
    if kinds.is_empty() {
        kinds = ADVERSARIAL.to_vec();
    }
    if evictor.is_some() && reps > 0 {
        println!("caches evicted before each run (64 MiB written and read)");
    }
    for kind in kinds {
        let mut times = Vec::new();
        let mut base_times = Vec::new();
        for &mb in &sizes {
            let input = kind.generate(mb << 20).into_bytes();
            if reps == 0 {
                let n = ogi_report::parse_bytes(&input).validate().len();
                println!("{} {mb} MB: {n} findings", kind.name());
                continue;
            }
            let best = best_of(reps, &mut evictor, || {
                ogi_report::parse_bytes(std::hint::black_box(&input))
                    .validate()
                    .len()
            });
            times.push(best);
            print!(
                "{} {mb} MB: {:.1} ms ({:.1} MB/s)  ",
                kind.name(),
                best * 1e3,
                mb as f64 * 1.048576 / best
            );
            if baseline {
                let t = best_of(reps, &mut evictor, || {
                    ogi_report_benches::tokenize(std::hint::black_box(&input)).0
                });
                base_times.push(t);
            }
        }
        if let [a, b] = times.as_slice() {
            print!("ratio {:.2}", b / a);
        }
        if let [a, b] = base_times.as_slice() {
            print!(
                "  (tokenizer {:.1} / {:.1} ms, ratio {:.2})",
                a * 1e3,
                b * 1e3,
                b / a
            );
        }
        println!();
    }
}

/// The best time of `reps` runs of `f`, each after the caches are evicted when `evictor` is set.
fn best_of(reps: usize, evictor: &mut Option<Evictor>, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..reps {
        if let Some(e) = evictor.as_mut() {
            e.evict();
        }
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

/// A buffer of 64 MiB, eight times the last-level cache of the machine the figures come from
/// and larger than that of common desktop parts, written and read once before a timed run so
/// that the run finds none of its data (the input, the allocator's recycled blocks) in a cache.
struct Evictor {
    buf: Vec<u64>,
    round: u64,
}

impl Evictor {
    fn new() -> Self {
        Evictor {
            buf: vec![0; (64 << 20) / 8],
            round: 0,
        }
    }

    /// Write every cache line of the buffer and read it back, so that the writes cannot be
    /// left out.
    fn evict(&mut self) {
        self.round += 1;
        for line in self.buf.chunks_mut(8) {
            if let Some(x) = line.first_mut() {
                *x = x.wrapping_add(self.round);
            }
        }
        let sum = self
            .buf
            .chunks(8)
            .filter_map(|l| l.first())
            .fold(0u64, |a, &x| a.wrapping_add(x));
        std::hint::black_box(sum);
    }
}
