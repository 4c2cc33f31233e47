#!/usr/bin/env bash
# Build the ogi_report wheel and run its checks: stubtest (the .pyi against the runtime) and pytest.
# Idempotent: creates .venv at the repository root when missing and installs only what is missing.
# Needs rustup (the pinned toolchain) and python3 ≥ 3.9 with venv; reaches PyPI only.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
venv="$root/.venv"
py="$venv/bin/python"

if [ ! -x "$py" ]; then
    python3 -m venv "$venv"
fi
# Install only what is missing (maturin pinned; the rest at the newest version that installs).
mapfile -t need < <("$py" - <<'PY'
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
)
if [ ${#need[@]} -gt 0 ]; then
    "$py" -m pip install --quiet --disable-pip-version-check "${need[@]}"
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
