#!/usr/bin/env bash
# Build the ogi_report wheel and run its checks: stubtest (the .pyi against the runtime) and pytest.
# Idempotent: creates .venv at the repository root when missing and installs only what is missing.
# Needs rustup (installs the pinned toolchain when missing) and python3 ≥ 3.9 with venv (or
# PYTHON=/path/to/python); reaches PyPI and crates.io only.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
venv="$root/.venv"
py="$venv/bin/python"
python="${PYTHON:-python3}"

# The toolchain pinned in rust-toolchain.toml (rustup may be set not to install it on first use).
channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
command -v rustup >/dev/null || { echo "rustup is needed: https://rustup.rs" >&2; exit 1; }
if ! rustup toolchain list | grep -q "^$channel"; then
    rustup toolchain install "$channel" --profile minimal
fi

# A usable venv has a python that runs and a pip; anything else (none yet, a half-made one, one
# whose base interpreter has gone) is made again.
if ! "$py" -m pip --version >/dev/null 2>&1; then
    "$python" -c 'import sys; assert sys.version_info >= (3, 9), sys.version' \
        || { echo "$python must be CPython >= 3.9 (set PYTHON=...)" >&2; exit 1; }
    "$python" -m venv --clear "$venv" \
        || { echo "'$python -m venv' failed: on Debian's own python3, apt-get install python3-venv" >&2; exit 1; }
fi
# Install only what is missing (maturin pinned; the rest at the newest version that installs).
need="$("$py" - <<'PY'
from importlib.metadata import PackageNotFoundError, version
for name, pin in [("maturin", "1.16.0"), ("pytest", None), ("pandas", None), ("pandas-stubs", None), ("mypy", None)]:
    try:
        found = version(name)
        ok = pin is None or found == pin
    except PackageNotFoundError:
        ok = False
    if not ok:
        print(f"{name}=={pin}" if pin else name)
PY
)"
if [ -n "$need" ]; then
    read -r -d '' -a pkgs <<<"$need" || true
    echo "installing from PyPI: ${pkgs[*]}"
    "$py" -m pip install --quiet --disable-pip-version-check --index-url https://pypi.org/simple "${pkgs[@]}"
fi

rm -f target/wheels/ogi_report-*.whl
"$venv/bin/maturin" build --release -m bindings/python/Cargo.toml -o target/wheels --interpreter "$py"
wheel="$(ls -t target/wheels/ogi_report-*.whl | head -n 1)"
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
echo "installed $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

# Run from outside the source tree so that the installed package, not bindings/python/python, is imported.
cd "$root/bindings/python/tests"
"$py" -m mypy.stubtest ogi_report
"$py" -m pytest -q -p no:cacheprovider "$root/bindings/python/tests" "$@"
