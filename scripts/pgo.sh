#!/usr/bin/env bash
# Profile-guided (PGO) builds, with cargo-pgo and the toolchain's llvm-profdata.
#
#   bash scripts/pgo.sh                  # the CLI -> target/<host>/release/ogi-report
#   bash scripts/pgo.sh bench [ARGS…]    # the throughput benches, built with their own profile
#
# A profile only fits the build graph it was taken from (symbol names carry each crate's build
# hash, which features and dev-dependencies change), so each target is trained as itself:
# - the CLI runs every command (parse as written and with the prose converted, cells, validate)
#   over synthetic reports drawn from another seed than the benches', the bundled corpus, and
#   ../shared's reports when that folder is there;
# - the benches run once in criterion's --profile-time mode over 10,000 synthetic reports drawn
#   from another seed (OGI_BENCH_SEED), then are built with that profile and run on their usual
#   reports, which the profile never saw. The bundled corpus is in both runs.
# Idempotent: installs llvm-tools and cargo-pgo only when missing.
# Knobs: PGO_TRAIN_REPORTS (CLI training reports, default 3000), PGO_SEED (default 7),
# PGO_OPTIONAL (below).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
step() { printf '\n==== %s ====\n' "$*"; }
mode="${1:-cli}"
[ $# -gt 0 ] && shift
seed="${PGO_SEED:-7}"

# PGO_OPTIONAL=1 (as scripts/test-all.sh sets it): a tool that cannot be installed (no network
# to rustup's or crates.io's servers) skips the build with a message instead of failing.
unavailable() {
  echo "profile-guided build skipped: $1 could not be installed" >&2
  if [ "${PGO_OPTIONAL:-0}" = 1 ]; then exit 0; fi
  exit 1
}

step "tools"
if ! rustup component list --installed 2>/dev/null | grep -q '^llvm-tools'; then
  rustup component add llvm-tools || unavailable "rustup's llvm-tools component"
fi
if ! command -v cargo-pgo >/dev/null; then
  cargo install cargo-pgo --locked --version 0.3.0 || unavailable "cargo-pgo"
fi
host=$(rustc -vV | sed -n 's/^host: //p')

case "$mode" in
cli)
  step "training set"
  work=target/pgo-train
  rm -rf "$work"
  mkdir -p "$work/synth"
  OGI_PROBE_SEED="$seed" cargo run -q --release -p ogi-report-benches --bin probe -- \
    "${PGO_TRAIN_REPORTS:-3000}" 0 "$work/synth" >/dev/null
  inputs=("$work/synth" tests/corpus)
  for d in ../shared/corpus/seeds ../shared/corpus/real; do
    if [ -d "$d" ]; then inputs+=("$d"); fi
  done
  echo "inputs: ${inputs[*]}"

  step "instrumented CLI and training runs"
  cargo pgo build -- -p ogi-report-cli
  bin="target/$host/release/ogi-report"
  "$bin" parse "${inputs[@]}" --format jsonl -q -o "$work/out.jsonl"
  "$bin" parse "${inputs[@]}" --format jsonl --prose simplified -q -o "$work/out.jsonl"
  "$bin" cells "${inputs[@]}" --format csv -q -o "$work/cells.csv"
  # validate exits 1 when a rule fails, which some training reports do on purpose
  status=0
  "$bin" validate "${inputs[@]}" -q >/dev/null || status=$?
  [ "$status" -le 1 ]

  step "optimised CLI"
  cargo pgo optimize build -- -p ogi-report-cli

  step "the optimised CLI prints what the plain build prints"
  cargo build -q --release -p ogi-report-cli
  for b in plain:target/release/ogi-report pgo:"$bin"; do
    {
      "${b#*:}" parse tests/corpus --format jsonl -q --jobs 1
      "${b#*:}" cells tests/corpus --format csv -q --jobs 1
    } >"$work/out-${b%%:*}.txt"
  done
  if ! cmp "$work/out-plain.txt" "$work/out-pgo.txt"; then
    echo "the PGO-optimised CLI's output differs from the plain build's" >&2
    exit 1
  fi
  echo "same output on tests/corpus ($(wc -l <"$work/out-pgo.txt") lines)"
  echo "PGO-optimised CLI: $bin"
  ;;
bench)
  step "instrumented benches, trained on reports of seed $seed"
  OGI_BENCH_SEED="$seed" cargo pgo bench -- -p ogi-report-benches --bench throughput -- \
    --profile-time 2
  step "optimised benches on their usual reports"
  cargo pgo optimize bench -- -p ogi-report-benches --bench throughput -- "$@"
  ;;
*)
  echo "usage: scripts/pgo.sh [cli | bench [criterion args]]" >&2
  exit 2
  ;;
esac
