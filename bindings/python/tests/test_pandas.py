"""to_pandas and diagnostics_frame: row counts against the golden files, fixed dtypes."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
from conftest import CORPUS, golden_cell_count

import ogi_report

pd = pytest.importorskip("pandas")

CELL_DTYPES = {
    "index": "int64",
    "agency": "string",
    "year": "Int64",
    "template": "string",
    "table": "Int64",
    "row": "string",
    "column": "string",
    "value": "Float64",
    "unit": "string",
    "raw": "string",
}
SEED_004 = CORPUS / "004_1d268c7f8e46725e.txt"


def assert_dtypes(frame: "pd.DataFrame", want: dict) -> None:
    assert list(frame.columns) == list(want)
    for name, dtype in want.items():
        assert frame[name].dtype == pd.api.types.pandas_dtype(dtype), (name, frame[name].dtype)


def test_seed_004_one_row_per_cell() -> None:
    report = ogi_report.parse_path(SEED_004)
    frame = ogi_report.to_pandas([report])
    assert len(frame) == golden_cell_count(SEED_004) == len(report.cells())
    assert_dtypes(frame, CELL_DTYPES)
    assert report.meta["template"] == "2019"
    assert all(getattr(report, t) is not None for t in ("active_disclosure", "applications", "review_litigation"))
    assert len(frame) == 198  # every cell of the 2019 template: 22 in table 2, 161 in table 3, 15 in table 4
    assert frame.groupby("table").size().to_dict() == {2: 22, 3: 161, 4: 15}
    assert set(frame["table"].unique()) <= {2, 3, 4}
    assert (frame["index"] == 0).all()


def test_complete_reports_have_every_template_cell(corpus: List[Path]) -> None:
    reports = ogi_report.parse_many(corpus)
    frame = ogi_report.to_pandas(reports)
    assert len(frame) == sum(golden_cell_count(p) for p in corpus)
    complete = set()
    for i, report in enumerate(reports):
        if all(getattr(report, t) is not None for t in ("active_disclosure", "applications", "review_litigation")):
            size = {"2019": 198, "2021": 200}[report.meta["template"]]
            assert (frame["index"] == i).sum() == size, corpus[i].name
            complete.add(report.meta["template"])
    assert complete == {"2019", "2021"}, "the corpus has complete reports of both templates"


def test_value_is_nullable_float_and_raw_keeps_the_text(corpus: List[Path]) -> None:
    frame = ogi_report.to_pandas(ogi_report.parse_many(corpus))
    cells = [c for p in corpus for c in ogi_report.parse_path(p).cells()]
    assert frame["value"].isna().sum() == sum(c["value"] is None for c in cells)
    assert frame["raw"].isna().sum() == sum(c["raw"] is None for c in cells)
    numbers = [float(c["value"]) for c in cells if c["value"] is not None]
    assert frame["value"].dropna().tolist() == numbers
    assert frame["value"].isna().any(), "the corpus has blank cells; they must be <NA>, never 0"


def test_mapping_adds_a_file_column(corpus: List[Path]) -> None:
    frame = ogi_report.to_pandas({p.name: ogi_report.parse_path(p) for p in corpus[:3]})
    assert_dtypes(frame, {"index": "int64", "file": "string", **{k: v for k, v in CELL_DTYPES.items() if k != "index"}})
    assert set(frame["file"]) <= {p.name for p in corpus[:3]}
    single = ogi_report.to_pandas(ogi_report.parse_path(SEED_004))
    assert len(single) == golden_cell_count(SEED_004)


def test_wrong_items_raise_type_error() -> None:
    with pytest.raises(TypeError, match=r"to_pandas\(\) expects Report items, got str"):
        ogi_report.to_pandas(["not a report"])  # type: ignore[list-item]


def test_empty_input_keeps_the_columns_and_dtypes() -> None:
    assert_dtypes(ogi_report.to_pandas([]), CELL_DTYPES)
    assert len(ogi_report.diagnostics_frame([])) == 0


def test_diagnostics_frame(corpus: List[Path]) -> None:
    reports = ogi_report.parse_many(corpus)
    frame = ogi_report.diagnostics_frame(reports)
    parse_count = sum(len(r.diagnostics) for r in reports)
    rule_count = sum(len(r.validate()) for r in reports)
    assert len(frame) == parse_count + rule_count
    assert (frame["stage"] == "parse").sum() == parse_count
    assert len(ogi_report.diagnostics_frame(reports, validate=False)) == parse_count
    assert set(frame["severity"].unique()) <= {"error", "warning", "info"}
    assert frame["code"].str.match(r"^[DNSTV]\d{3}$").all()
    for name, dtype in {"index": "int64", "year": "Int64", "table": "Int64", "span_start": "Int64", "code": "string", "message": "string"}.items():
        assert frame[name].dtype == pd.api.types.pandas_dtype(dtype), name


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    report = ogi_report.parse_path(SEED_004)
    for frame in (ogi_report.to_pandas, ogi_report.diagnostics_frame):
        with pytest.raises(ImportError, match=r"pip install 'ogi-report\[pandas\]'"):
            frame([report])
