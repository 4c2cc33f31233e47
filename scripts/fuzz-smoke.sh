#!/usr/bin/env bash
# Fuzz each target for FUZZ_SECONDS (default 60) when a nightly toolchain is present; skip
# cleanly otherwise. Crashes are saved under fuzz/artifacts/<target>/; minimise them with
# `cargo +nightly fuzz tmin <target> <file>` and commit them under tests/fuzz-regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-60}"
if [ "$secs" = 0 ]; then echo "FUZZ_SECONDS=0: fuzzing skipped"; exit 0; fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "no nightly toolchain: fuzz smoke runs skipped"; exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo +nightly install cargo-fuzz --version 0.13.2 >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2
fi
scripts/fuzz-seed.sh
for t in parse_bytes parse_validate split_digits; do
  echo "fuzzing $t for ${secs}s"
  cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -max_len=262144 -rss_limit_mb=2048 -timeout=10 2>&1 \
    | grep -E '^(#[0-9]+ *DONE|Done|==[0-9]+==|SUMMARY|.*panicked)' || true
  if ls fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/timeout-* fuzz/artifacts/"$t"/oom-* >/dev/null 2>&1; then
    echo "fuzz target $t found a failure: see fuzz/artifacts/$t" >&2
    exit 1
  fi
done
