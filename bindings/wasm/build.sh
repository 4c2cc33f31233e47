#!/usr/bin/env bash
# Builds the npm package `ogi-report` into pkg-web/ (ES module for browsers) and pkg-node/
# (CommonJS for Node), optimises the .wasm with binaryen's wasm-opt from npm, prints sizes.
# Idempotent: installs only what is missing.
#
#   bash build.sh              default build (HTML input, no dictionary)
#   FEATURES=t2s bash build.sh also converts prose to Simplified; output in pkg-web-t2s/ and pkg-node-t2s/
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

WASM_BINDGEN_VERSION=0.2.130
FEATURES="${FEATURES:-}"
suffix=""
[ -n "$FEATURES" ] && suffix="-${FEATURES//,/-}"

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
[ -n "$FEATURES" ] && feature_args=(--features "$FEATURES")
cargo build --profile wasm-release --target wasm32-unknown-unknown -p ogi-report-wasm --lib \
  "${feature_args[@]}" --manifest-path "$root/Cargo.toml"
raw="$root/target/wasm32-unknown-unknown/wasm-release/ogi_report_wasm.wasm"

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }

for target in web nodejs; do
  case $target in web) out="pkg-web$suffix" ;; nodejs) out="pkg-node$suffix" ;; esac
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-dir "$out" --out-name ogi_report "$raw"
  wasm="$out/ogi_report_bg.wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm.opt"
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
  "files": ["ogi_report.js", "ogi_report.d.ts", "ogi_report_bg.wasm", "ogi_report_bg.wasm.d.ts"],
  "sideEffects": $( [ "$target" = web ] && echo '["./snippets/*"]' || echo false )
}
JSON
done

opt="pkg-web$suffix/ogi_report_bg.wasm"
printf 'wasm%s: raw %d B, wasm-opt -Oz %d B, gzip -9 %d B (%.1f KB)\n' "${suffix:+ ($FEATURES)}" \
  "$(size "$raw")" "$(size "$opt")" "$(gz "$opt")" "$(echo "$(gz "$opt") / 1024" | bc -l)"
