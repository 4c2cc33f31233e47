#!/usr/bin/env bash
# Builds the npm package `ogi-report` into pkg-web/ (ES module for browsers) and pkg-node/
# (CommonJS for Node), optimises the .wasm with binaryen's wasm-opt from npm, prints sizes.
# Idempotent: installs only what is missing.
#
#   bash build.sh                       default build (HTML input, no dictionary)
#   FEATURES=t2s bash build.sh          also converts prose to Simplified: pkg-web-t2s/, pkg-node-t2s/
#   NO_HTML=1 bash build.sh             without the HTML front end: pkg-web-nohtml/, pkg-node-nohtml/
#   TARGETS=web bash build.sh           the browser module only (TARGETS="web nodejs" by default)
#
# The browser module of the default and the no-HTML builds must meet DESIGN §8's budgets
# (gzip -9 ≤ 400 KiB, and ≤ 311 KiB without HTML: DESIGN's 300 KiB raised by 10 KiB for the
# readers of space-aligned columns, labels pushed out of pipe rows and excerpts, and by 1 KiB
# more for English page footers and a scraper's get_text() rows, README): the script fails
# when one does not.
#
# The two targets are compiled differently, because their users want different things (README,
# "Sizes" and "Speed"): the browser module is downloaded, so it is built for size
# ([profile.wasm-release], opt-level "z"); the Node module is run over folders, so it is built
# for speed (opt-level 3 and 128-bit SIMD, which Node has had since 16.4): measured 2.5–3× the
# throughput of the size build, for 50 KB more gzip that nobody downloads.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

WASM_BINDGEN_VERSION=0.2.130
FEATURES="${FEATURES:-}"
NO_HTML="${NO_HTML:-}"
TARGETS="${TARGETS:-web nodejs}"
suffix=""
[ -n "$NO_HTML" ] && suffix="-nohtml"
[ -n "$FEATURES" ] && suffix="$suffix-${FEATURES//,/-}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Without --locked: a dependency pinned in the CLI's lock file is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund
fi

feature_args=()
[ -n "$NO_HTML" ] && feature_args+=(--no-default-features)
[ -n "$FEATURES" ] && feature_args+=(--features "$FEATURES")
raw="$root/target/wasm32-unknown-unknown/wasm-release/ogi_report_wasm.wasm"
wasm_features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }

budget=""
if [ -z "$FEATURES" ]; then
  if [ -n "$NO_HTML" ]; then budget=$((311 * 1024)); else budget=$((400 * 1024)); fi
fi
status=0

for target in $TARGETS; do
  if [ "$target" = web ]; then
    out="pkg-web$suffix"
    # opt-level "z" from [profile.wasm-release]; wasm-opt -O3 after it measured 1.5 KB (gzip)
    # smaller than -Oz on this module, and faster. --low-memory-unused lets wasm-opt fold
    # constant offsets into loads and stores (2.6 KB gzip): it assumes no address below 1024 is
    # used, which holds for rustc's layout, the stack first (it grows down from 1 MiB towards
    # 0, its last KiB reached only by a stack about to overflow), then the data. --converge
    # runs -O3 again until it shrinks the module no more: 0.6 KB gzip for 13 s of build.
    env -u CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL -u CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS \
      cargo build --profile wasm-release --target wasm32-unknown-unknown -p ogi-report-wasm --lib \
      "${feature_args[@]}" --manifest-path "$root/Cargo.toml"
    opt_flags=(-O3 --low-memory-unused --converge "${wasm_features[@]}")
  else
    out="pkg-node$suffix"
    CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=3 \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
      cargo build --profile wasm-release --target wasm32-unknown-unknown -p ogi-report-wasm --lib \
      "${feature_args[@]}" --manifest-path "$root/Cargo.toml"
    opt_flags=(-O3 --enable-simd "${wasm_features[@]}")
  fi
  raw_size=$(size "$raw")
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-dir "$out" --out-name ogi_report "$raw"
  if [ "$target" = nodejs ] && [ -d "$out/snippets" ]; then
    # The Node glue is CommonJS and `require`s the JS snippets (js/tape.js), which are ES
    # modules; Node 20 cannot require an ES module, so their `export function`s become
    # CommonJS exports. The snippets export functions only, and that is checked here.
    while IFS= read -r snippet; do
      names=$(sed -n 's/^export function \([A-Za-z0-9_$]*\)(.*/\1/p' "$snippet" | paste -sd, -)
      sed -i 's/^export function /function /' "$snippet"
      if grep -q '^export ' "$snippet"; then
        echo "FAIL: $snippet has an export other than a function declaration" >&2
        exit 1
      fi
      echo "module.exports = { $names };" >> "$snippet"
    done < <(find "$out/snippets" -name '*.js')
  fi
  wasm="$out/ogi_report_bg.wasm"
  node_modules/.bin/wasm-opt "${opt_flags[@]}" "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
  if [ "$target" = web ]; then type=module; main=ogi_report.js; else type=commonjs; main=ogi_report.js; fi
  cat > "$out/package.json" <<JSON
{
  "name": "ogi-report",
  "version": "$(node -p "require('./package.json').version")",
  "description": "Parse and validate Chinese government information disclosure annual reports in the browser and Node (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "$type",
  "main": "$main",
  "types": "ogi_report.d.ts",
  "files": ["ogi_report.js", "ogi_report.d.ts", "ogi_report_bg.wasm", "ogi_report_bg.wasm.d.ts", "snippets/"],
  "sideEffects": $( [ "$target" = web ] && echo '["./snippets/*"]' || echo false )
}
JSON
  printf '%s/ogi_report_bg.wasm: raw %d B, wasm-opt %d B, gzip -9 %d B (%.1f KiB)\n' "$out" \
    "$raw_size" "$(size "$wasm")" "$(gz "$wasm")" "$(echo "$(gz "$wasm") / 1024" | bc -l)"
  if [ "$target" = web ] && [ -n "$budget" ]; then
    if [ "$(gz "$wasm")" -gt "$budget" ]; then
      echo "FAIL: $out/ogi_report_bg.wasm is $(gz "$wasm") B gzip, over its budget of $budget B (DESIGN §8)" >&2
      status=1
    else
      echo "$out/ogi_report_bg.wasm: within its budget of $budget B gzip ($(( budget - $(gz "$wasm") )) B to spare)"
    fi
  fi
done
exit "$status"
