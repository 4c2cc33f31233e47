"""Report._repr_html_: the tables, escaped, with the cells that break a rule marked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import List

from conftest import CORPUS

import ogi_report

SEED_003 = CORPUS / "003_c5f879456b805937.txt"
ROW_1 = "一、本年新收政府信息公开申请数量"


class Tags(HTMLParser):
    """Collects start tags, and the class/title/text of every td."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: List[str] = []
        self.cells: List[dict] = []
        self._td: dict | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        if tag == "td":
            self._td = {**dict(attrs), "text": ""}
            self.cells.append(self._td)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "td":
            self._td = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._td is not None:
            self._td["text"] += data


def parse_html(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


def test_every_report_renders_its_tables_without_script(corpus: List[Path]) -> None:
    for path in corpus:
        report = ogi_report.parse_path(path)
        html = report._repr_html_()
        tags = parse_html(html)
        assert "script" not in tags.tags
        found = sum(getattr(report, t) is not None for t in ("active_disclosure", "applications", "review_litigation"))
        assert tags.tags.count("table") == found, path.name
        assert len(tags.cells) == sum(len(r["cells"]) for t in ("active_disclosure", "applications", "review_litigation") if getattr(report, t) for r in getattr(report, t)["rows"])


def test_summary_line() -> None:
    html = ogi_report.parse_path(SEED_003)._repr_html_()
    summary = re.search(r"<p>(.*?)</p>", html)
    assert summary is not None
    assert summary.group(1).startswith("梅州市梅县区医疗保障局 · 2020 · template 2019 · tables: 2, 3, 4 · ")


def test_report_text_is_escaped() -> None:
    data = SEED_003.read_bytes()
    # A title's agency holds no `>` (a breadcrumb's separator): the markup is left open.
    evil = "梅州市<img src=x onerror=alert(1)医疗保障局".encode()
    report = ogi_report.parse(data.replace("梅州市梅县区医疗保障局".encode(), evil, 1), html=False)
    assert "<img" in (report.meta["agency"] or "")
    html = report._repr_html_()
    assert "<img" not in html and "&lt;img" in html


def test_cells_and_labels_are_escaped() -> None:
    from ogi_report import _html

    table = {"rows": [{"row": "<script>x</script>", "cells": [{"column": "<b>c</b>", "raw": "<img src=x>", "value": None}]}]}
    marks = {(3, "<script>x</script>", "<b>c</b>"): ['V002: "quoted" <tag>']}
    out = _html._table(3, "<t>", table, marks, {})
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<t>" not in out
    cell = parse_html(out).cells[0]
    assert cell["text"] == "<img src=x>" and cell["title"] == 'V002: "quoted" <tag>'


def crafted_c2_failure() -> "tuple[ogi_report.Report, str]":
    """Seed 003 with table 3's 一、本年新收 总计 changed from 0 to 7: rule C2 breaks."""
    data = SEED_003.read_bytes()
    cell = next(c for c in ogi_report.parse(data).cells() if c["table"] == 3 and c["row"] == ROW_1 and c["column"] == "总计")
    assert cell["raw"] == "0"
    broken = data[: cell["span_start"]] + b"7" + data[cell["span_end"] :]
    return ogi_report.parse(broken), ROW_1


def test_failing_cell_is_marked() -> None:
    untouched = ogi_report.parse_path(SEED_003)
    assert not [d for d in untouched.validate() if d["severity"] == "error"]
    assert not [c for c in parse_html(untouched._repr_html_()).cells if "ogi-fail" in c.get("class", "").split()]

    report, row = crafted_c2_failure()
    errors = [d for d in report.validate() if d["severity"] == "error"]
    failures = [d for d in errors if d["code"] == "V002"]
    assert len(failures) == 1, "C2 must fail once on the crafted report"
    assert failures[0]["location"]["row"] == row and failures[0]["actual"] == "7" and failures[0]["expected"] == "0"
    assert any((c["table"], c["row"], c["column"]) == (3, row, "总计") for c in failures[0]["cells"])
    cells = parse_html(report._repr_html_()).cells
    marked = [c for c in cells if "ogi-fail" in c.get("class", "").split()]
    assert any(c["text"] == "7" and "V002" in c.get("title", "") for c in marked)
    assert all("title" in c for c in marked)
    named = {(c["table"], c["row"], c["column"]) for d in errors for c in d["cells"]}
    assert len(marked) == len(named), "exactly the cells the failing rules name are marked"


def test_marking_follows_the_diagnostics() -> None:
    """Independent of the rules: the renderer marks exactly the cells named by diagnostics."""
    from ogi_report import _html

    report, row = crafted_c2_failure()
    marks = _html._marks([{"code": "V002", "severity": "error", "message": "总计 <> 7", "cells": [{"table": 3, "row": row, "column": "总计"}]}])
    assert marks == {(3, row, "总计"): ["V002: 总计 <> 7"]}
    table = _html._table(3, "t", report.applications, marks, {})
    cells = parse_html(table).cells
    marked = [c for c in cells if "ogi-fail" in c["class"].split()]
    assert len(marked) == 1 and marked[0]["text"] == "7" and marked[0]["title"] == "V002: 总计 <> 7"
