"""The Python quick start in the repository's README is executed, from the repository root."""

from __future__ import annotations

import glob
import re
import subprocess
import sys
from typing import List

import pytest
from conftest import ROOT

README = ROOT / "README.md"


def python_section() -> str:
    """The README's "## Python" section, up to the next second-level heading."""
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^## Python\n(.*?)(?=^## )", text, re.S | re.M)
    assert found is not None, "README.md has no '## Python' section"
    return found.group(1)


def blocks(language: str) -> List[str]:
    """The fenced code blocks of one language in the whole README."""
    return re.findall(rf"^```{language}\n(.*?)^```$", README.read_text(encoding="utf-8"), re.S | re.M)


def test_the_python_section_has_a_quick_start() -> None:
    section = python_section()
    assert "```python\n" in section
    assert len(blocks("python")) >= 1


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_block_runs(index: int) -> None:
    code = blocks("python")[index]
    if "to_pandas" in code or "diagnostics_frame" in code:
        pytest.importorskip("pandas")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"README python block {index} failed:\n{done.stderr}"
    # A comment that shows output up to an ellipsis promises that text: it must be printed.
    for line in code.splitlines():
        comment = re.search(r"^print\(.*?\)\s+# (.*?)…", line)
        if comment:
            assert comment.group(1) in done.stdout, line


def test_quick_start_prints_the_seed_and_both_templates() -> None:
    code = next(b for b in blocks("python") if "parse_many" in b)
    pytest.importorskip("pandas")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    lines = done.stdout.splitlines()
    assert lines[1] == "青岛市卫生健康委员会 2020 2019"
    assert lines[3] == "[]"
    assert re.search(r"^2019\s+\d+\s+\d+$", done.stdout, re.M) and re.search(r"^2021\s+\d+\s+\d+$", done.stdout, re.M)


def test_install_commands_match_the_build() -> None:
    """The shell lines of the section name the wheel that `maturin build` writes."""
    section = python_section()
    assert "maturin build --release -m bindings/python/Cargo.toml" in section
    pattern = re.search(r"pip install (target/wheels/ogi_report-\*\.whl)", section)
    assert pattern is not None
    assert glob.glob(str(ROOT / pattern.group(1))), "run-tests.sh builds the wheel where the README installs it from"
