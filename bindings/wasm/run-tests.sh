#!/usr/bin/env bash
# Build, then every test of the WebAssembly package: schema drift (cargo), node tests (golden,
# API, robustness, GBK, types + tsc), and the demo in headless Chromium when it can be had.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # Debian's browser (playwright-core never downloads one), and a CJK font for legible screenshots.
  apt-get install -y chromium fonts-wqy-microhei >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y chromium fonts-wqy-microhei >/dev/null; } \
    || echo "chromium could not be installed: the browser test will be skipped"
fi

bash "$here/build.sh"
# Both suites run even when the first fails, so that one report shows every failure.
status=0
cargo test -p ogi-report-wasm --manifest-path "$root/Cargo.toml" || status=$?
cd "$here"
node --test tests/ || status=$?
exit "$status"
