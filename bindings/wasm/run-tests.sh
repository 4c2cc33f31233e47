#!/usr/bin/env bash
# Build, then every test of the WebAssembly package: the size budgets of the browser modules
# (build.sh), schema drift (cargo), node tests (golden, API, robustness, GBK, types + tsc), and
# the demo in headless Chromium when it can be had (SKIP_BROWSER=1 leaves it out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "${SKIP_BROWSER:-0}" != 1 ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # Debian's browser (playwright-core never downloads one), and a CJK font for legible screenshots.
  apt-get install -y chromium fonts-wqy-microhei >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y chromium fonts-wqy-microhei >/dev/null; } \
    || echo "chromium could not be installed: the browser test will be skipped"
fi

# Every suite runs even when one fails, so that one report shows every failure.
status=0
bash "$here/build.sh" || status=$?
# The no-HTML browser module, for its size budget (build.sh fails when it is over).
NO_HTML=1 TARGETS=web bash "$here/build.sh" || status=$?
# Both modules with an export that panics on purpose, for tests/panic.test.mjs and the browser test.
FEATURES=test-panic bash "$here/build.sh" || status=$?
cargo test -p ogi-report-wasm --manifest-path "$root/Cargo.toml" || status=$?
cd "$here"
node --test tests/ || status=$?
exit "$status"
