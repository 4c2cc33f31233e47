"""The examples run and print what they promise."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest
from conftest import ROOT, golden_cell_count

pytest.importorskip("pandas")


def test_corpus_frame_example(corpus: List[Path]) -> None:
    script = ROOT / "examples" / "python" / "corpus_frame.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True)
    lines = done.stdout.splitlines()
    assert lines[0] == f"{len(corpus)} reports, {sum(golden_cell_count(p) for p in corpus)} cells"
    assert lines[1].startswith("cells per table: table 2: ")
    failing = re.fullmatch(r"reports failing validation: (\d+)", lines[2])
    assert failing is not None
    listed = [line for line in lines[3:] if line.startswith("  ")]
    assert len(listed) == int(failing.group(1))
    assert all(re.fullmatch(r"  \S+: V\d{3}(, V\d{3})*", line) for line in listed)
    assert re.fullmatch(r"reports without table 3: \d+", lines[-1])
