"""Shared fixtures: the repository's corpus and the golden files every surface is checked against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "corpus"
EXPECTED = ROOT / "tests" / "expected"


def corpus_files() -> List[Path]:
    """Every input of the golden corpus, sorted by name."""
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def expected(path: Path) -> Any:
    """The committed golden JSON of a corpus file."""
    return json.loads((EXPECTED / f"{path.name}.json").read_text(encoding="utf-8"))


def golden_cell_count(path: Path) -> int:
    """Value cells of a corpus file according to its golden JSON (subtotal rows excluded)."""
    data = expected(path)
    tables = [data[k] for k in ("active_disclosure", "applications", "review_litigation") if data[k]]
    return sum(len(r["cells"]) for t in tables for r in t["rows"] if not r.get("subtotal"))


@pytest.fixture(scope="session")
def corpus() -> List[Path]:
    files = corpus_files()
    assert len(files) >= 20, f"corpus at {CORPUS} looks empty"
    return files
