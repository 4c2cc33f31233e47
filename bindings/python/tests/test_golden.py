"""Every corpus file parses to exactly its committed golden JSON (tests/expected/<name>.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXPECTED, corpus_files, expected

import ogi_report

FILES = corpus_files()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_to_dict_matches_golden(path: Path) -> None:
    got = ogi_report.parse(path.read_bytes()).to_dict()
    assert got == expected(path)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_to_json_and_parse_path_match_golden(path: Path) -> None:
    report = ogi_report.parse_path(path)
    assert json.loads(report.to_json()) == expected(path)
    assert json.loads(report.to_json(indent=True)) == expected(path)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_validate_matches_golden(path: Path) -> None:
    """`validate` finds what the Rust golden test finds (tests/expected/validate/<name>.json)."""
    findings = json.loads((EXPECTED / "validate" / f"{path.name}.json").read_text(encoding="utf-8"))
    assert ogi_report.parse(path.read_bytes()).validate() == findings


def test_every_corpus_file_has_a_golden_file() -> None:
    missing = [p.name for p in FILES if not (EXPECTED / f"{p.name}.json").exists()]
    assert not missing
