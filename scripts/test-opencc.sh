#!/usr/bin/env bash
# The `opencc` feature binds the OpenCC C++ library (opencc-rust 1.1.19, static dictionaries):
# install Debian's libopencc-dev when missing, then run the converter tests with both backends.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists opencc 2>/dev/null && ! [ -e /usr/include/opencc/opencc.h ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -q libopencc-dev >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q libopencc-dev >/dev/null; })
  else
    echo "libopencc-dev is not installed and cannot be installed here: skipping the opencc backend tests"
    exit 0
  fi
fi
cargo test -p ogi-report --features opencc --lib t2s
