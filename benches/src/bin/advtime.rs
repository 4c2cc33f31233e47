//! Linearity probe (not a benchmark of record: use `cargo bench --bench adversarial`):
//! `advtime [KIND…] [--mb A,B] [--reps N]` times `parse_bytes` + `validate` on each adversarial
//! input at A and B MB (default 5 and 50) and prints the best time of N runs and the ratio.
//! With `--reps 0` it parses each input once and prints nothing but the sizes, for
//! `valgrind --tool=callgrind`, whose instruction counts do not depend on the machine's load.

/// `--features mimalloc`: the CLI's allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use ogi_report_benches::{Adversarial, ADVERSARIAL};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kinds = Vec::new();
    let mut sizes = vec![5usize, 50];
    let mut reps = 3usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => {
                if let Some(v) = it.next() {
                    sizes = v.split(',').filter_map(|x| x.parse().ok()).collect();
                }
            }
            "--reps" => reps = it.next().and_then(|v| v.parse().ok()).unwrap_or(3),
            k => match Adversarial::from_name(k) {
                Some(kind) => kinds.push(kind),
                None => eprintln!("advtime: unknown kind {k}"),
            },
        }
    }
    if kinds.is_empty() {
        kinds = ADVERSARIAL.to_vec();
    }
    for kind in kinds {
        let mut times = Vec::new();
        for &mb in &sizes {
            let input = kind.generate(mb << 20).into_bytes();
            if reps == 0 {
                let n = ogi_report::parse_bytes(&input).validate().len();
                println!("{} {mb} MB: {n} findings", kind.name());
                continue;
            }
            let mut best = f64::MAX;
            for _ in 0..reps {
                let t = Instant::now();
                std::hint::black_box(
                    ogi_report::parse_bytes(std::hint::black_box(&input))
                        .validate()
                        .len(),
                );
                best = best.min(t.elapsed().as_secs_f64());
            }
            times.push(best);
            print!(
                "{} {mb} MB: {:.1} ms ({:.1} MB/s)  ",
                kind.name(),
                best * 1e3,
                mb as f64 * 1.048576 / best
            );
        }
        if let [a, b] = times.as_slice() {
            println!("ratio {:.2}", b / a);
        } else {
            println!();
        }
    }
}
