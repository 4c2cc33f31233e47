#!/usr/bin/env bash
# Run every test of the project, installing what is missing first (idempotent).
# Works on a fresh Debian machine with rustup, Python 3.11 and Node 20.
#
# Knobs: PROPTEST_CASES (default 1000 per property in CI), PROPTEST_RNG_SEED (default a fixed
# seed; "random" for a new draw each run), FUZZ_SECONDS (default 60 per fuzz
# target when a nightly toolchain is present; 0 skips), SKIP_PYTHON=1, SKIP_WASM=1, SKIP_BROWSER=1,
# SKIP_PGO=1 (the profile-guided build of the CLI, scripts/pgo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PROPTEST_CASES="${PROPTEST_CASES:-1000}"
# Property tests draw their cases from a fixed seed, so that a run is repeatable and a red run is
# the code's, not the draw's; PROPTEST_RNG_SEED=<n> draws others, PROPTEST_RNG_SEED=random new
# ones at each run. A failure found either way is saved in proptest-regressions/ and replayed.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261207}"
if [ "$PROPTEST_RNG_SEED" = random ]; then unset PROPTEST_RNG_SEED; fi
step() { printf '\n==== %s ====\n' "$*"; }

step "rust toolchain components"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "format"
cargo fmt --all --check

step "core builds for wasm32 with default features off; no binding crate in its tree"
cargo check -p ogi-report --target wasm32-unknown-unknown --no-default-features
if cargo tree -p ogi-report -e normal | grep -E 'pyo3|wasm-bindgen'; then
  echo "the core crate must not depend on a binding crate" >&2; exit 1
fi

step "clippy (core, CLI and benches)"
cargo clippy -p ogi-report -p ogi-report-cli -p ogi-report-benches --all-targets -- -D warnings

step "cargo test (workspace)"
cargo test --workspace --exclude ogi-report-python

step "core tests in the browser configuration (no default features: built-in codec, no HTML)"
cargo test -p ogi-report --no-default-features

if [ -x scripts/test-opencc.sh ]; then
  step "opencc backend"
  scripts/test-opencc.sh
fi

step "examples"
for ex in examples/rust/*.rs; do
  [ -e "$ex" ] || continue
  name=$(basename "$ex" .rs)
  cargo run -q --release -p ogi-report-examples --example "$name" -- tests/corpus
done

if [ "${SKIP_PYTHON:-0}" != 1 ] && [ -x bindings/python/run-tests.sh ]; then
  step "python package"
  bindings/python/run-tests.sh
fi

if [ "${SKIP_WASM:-0}" != 1 ] && [ -x bindings/wasm/run-tests.sh ]; then
  step "wasm package"
  bindings/wasm/run-tests.sh
fi

if [ -x scripts/fuzz-smoke.sh ]; then
  step "fuzz smoke runs"
  scripts/fuzz-smoke.sh
fi

if [ "${SKIP_PGO:-0}" != 1 ]; then
  step "profile-guided build of the CLI (scripts/pgo.sh; its output checked against the plain build's)"
  PGO_OPTIONAL=1 bash scripts/pgo.sh
fi

step "gold score (release CLI)"
cargo build -q --release -p ogi-report-cli
if [ -d ../shared/corpus/real/gold ]; then
  python3 ../shared/tools/score.py target/release/ogi-report ../shared/corpus/seeds/gold ../shared/corpus/seeds --min-exact 0 || true
  python3 ../shared/tools/score.py target/release/ogi-report ../shared/corpus/real/gold ../shared/corpus/real --min-exact 0 || true
fi

printf '\nall test suites passed\n'
