"""The Python surface: inputs, options, errors, parallel parsing, pickling, repr."""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
import re
from pathlib import Path
from typing import List, Union

import pytest
from conftest import CORPUS, ROOT, expected

import ogi_report

SEED = CORPUS / "003_c5f879456b805937.txt"


def test_version_comes_from_cargo() -> None:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'\[workspace\.package\][^\[]*?version\s*=\s*"([^"]+)"', cargo)
    assert version is not None
    assert ogi_report.__version__ == version.group(1)


def test_str_bytes_and_path_give_the_same_report() -> None:
    data = SEED.read_bytes()
    from_bytes = ogi_report.parse(data)
    assert ogi_report.parse(data.decode("utf-8")) == from_bytes
    assert ogi_report.parse(bytearray(data)) == from_bytes
    assert ogi_report.parse_path(SEED) == from_bytes
    assert ogi_report.parse_path(str(SEED)) == from_bytes


def test_properties_are_the_parts_of_to_dict() -> None:
    report = ogi_report.parse_path(SEED)
    whole = report.to_dict()
    for key in ("meta", "sections", "active_disclosure", "applications", "review_litigation", "diagnostics"):
        assert getattr(report, key) == whole[key], key
    assert report.meta["agency"] == "梅州市梅县区医疗保障局"
    assert report.meta["year"] == 2020
    assert [s["number"] for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_cells_are_the_table_cells() -> None:
    report = ogi_report.parse_path(SEED)
    cells = report.cells()
    table3 = report.applications
    assert table3 is not None
    flat = [(3, r["row"], c["column"], c["value"], c["raw"]) for r in table3["rows"] if not r.get("subtotal") for c in r["cells"]]
    assert [(c["table"], c["row"], c["column"], c["value"], c["raw"]) for c in cells if c["table"] == 3] == flat
    first = next(c for c in cells if c["table"] == 3)
    assert first["row"] == "一、本年新收政府信息公开申请数量"
    assert first["column"] == "自然人"
    assert SEED.read_bytes()[first["span_start"] : first["span_end"]].decode() == first["raw"]


def test_repr_names_agency_year_template_tables_and_diagnostics() -> None:
    text = repr(ogi_report.parse_path(SEED))
    assert text.startswith("Report(agency='梅州市梅县区医疗保障局', year=2020, template='2019', tables=[2, 3, 4], ")
    assert "error: " in text and "warning: " in text and "info: " in text
    empty = repr(ogi_report.parse(""))
    assert "agency=None" in empty and "tables=[]" in empty


def test_options_are_keyword_only_literals() -> None:
    data = SEED.read_bytes()
    for prose in ("as_written", "clean", "simplified"):
        assert ogi_report.parse(data, prose=prose).meta["agency"] == "梅州市梅县区医疗保障局"
    assert ogi_report.parse(data, encoding="utf-8", html=False) == ogi_report.parse(data)
    with pytest.raises(TypeError):
        ogi_report.parse(data, "clean")  # type: ignore[misc]
    with pytest.raises(ValueError, match="prose must be"):
        ogi_report.parse(data, prose="tidy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown encoding"):
        ogi_report.parse(data, encoding="klingon")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: ogi_report.parse(123), "parse() expects str or bytes, got int"),
        (lambda: ogi_report.parse(None), "parse() expects str or bytes, got NoneType"),
        (lambda: ogi_report.parse(Path("x.txt")), "use parse_path()"),
        (lambda: ogi_report.parse_path(b"x.txt"), "parse_path() expects a str or os.PathLike path, got bytes"),
        (lambda: ogi_report.parse_path(1.5), "parse_path() expects a str or os.PathLike path, got float"),
        (lambda: ogi_report.parse_many(5), "parse_many() expects an iterable"),
        (lambda: ogi_report.parse_many("text"), "got a single str or bytes"),
        (lambda: ogi_report.parse_many(["ok", 7]), "item 1: expected str, bytes or os.PathLike, got int"),
        (lambda: ogi_report.parse(b"", prose=1), "prose must be a str ('as_written', 'clean' or 'simplified'), got int"),
        (lambda: ogi_report.parse(b"", encoding=b"gbk"), "encoding must be a str such as 'gbk' or None, got bytes"),
        (lambda: ogi_report.validate_series([1]), "validate_series() expects Report items, got int"),
    ],
)
def test_wrong_types_raise_type_error(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=re.escape(message)):
        call()


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError) as info:
        ogi_report.parse_path(missing)
    assert info.value.filename == str(missing)
    for threads in (None, 1, 2):
        with pytest.raises(FileNotFoundError) as info:
            ogi_report.parse_many([SEED, missing, SEED, tmp_path / "second.txt"], threads=threads)
        assert info.value.filename == str(missing), "the first failure in input order is raised"
    with pytest.raises(IsADirectoryError):
        ogi_report.parse_path(tmp_path)


def test_a_panic_becomes_runtime_error_not_a_crash() -> None:
    with pytest.raises(RuntimeError, match="internal error"):
        ogi_report._ogi_report._panic_guard_selftest()


def test_parse_many_equals_sequential_parse_on_1000_items(corpus: List[Path]) -> None:
    kinds = itertools.cycle(["bytes", "str", "path"])
    items: List[Union[bytes, str, Path]] = []
    for path, kind in zip(itertools.islice(itertools.cycle(corpus), 1000), kinds):
        data = path.read_bytes()
        if kind == "bytes":
            items.append(data)
        elif kind == "path":
            items.append(path)
        else:
            try:
                items.append(data.decode("utf-8"))
            except UnicodeDecodeError:
                items.append(data)
    sequential = [ogi_report.parse_path(i) if isinstance(i, Path) else ogi_report.parse(i) for i in items]
    for threads in (None, 1, 2, 3):
        many = ogi_report.parse_many(items, threads=threads)
        assert len(many) == 1000
        assert many == sequential, f"threads={threads}"
    assert ogi_report.parse_many(iter(items[:5])) == sequential[:5]
    assert ogi_report.parse_many([]) == []
    with pytest.raises(ValueError, match="threads"):
        ogi_report.parse_many(items[:2], threads=0)


def test_pickle_round_trips(corpus: List[Path]) -> None:
    for path in corpus:
        report = ogi_report.parse_path(path)
        again = pickle.loads(pickle.dumps(report))
        assert again == report
        assert again.to_dict() == expected(path)
    assert ogi_report.Report.from_json(report.to_json()) == report
    with pytest.raises(ValueError, match="not the JSON of a report"):
        ogi_report.Report.from_json("{}")


def test_reports_cross_process_boundaries(corpus: List[Path]) -> None:
    paths = [str(p) for p in corpus[:4]]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        reports = pool.map(ogi_report.parse_path, paths)
    assert reports == [ogi_report.parse_path(p) for p in paths]


def test_validate_series_takes_reports(corpus: List[Path]) -> None:
    reports = ogi_report.parse_many(corpus)
    found = ogi_report.validate_series(reports)
    assert isinstance(found, list)
    assert all({"code", "severity", "message"} <= d.keys() for d in found)
    assert ogi_report.validate_series([]) == []


def test_parse_many_warns_when_a_str_names_an_existing_file() -> None:
    # A str item is report text; one naming a file was most likely meant as a path.
    with pytest.warns(UserWarning, match=r"item 1 is a str naming an existing file"):
        reports = ogi_report.parse_many([SEED.read_bytes(), str(SEED)], threads=1)
    # It is still parsed as text: a one-line "report" with no sections.
    assert reports[1].sections == []
    assert reports[0] == ogi_report.parse(SEED.read_bytes())


def test_parse_many_reads_pathlike_items_without_warning(recwarn: pytest.WarningsRecorder) -> None:
    reports = ogi_report.parse_many([SEED], threads=1)
    assert reports[0] == ogi_report.parse(SEED.read_bytes())
    assert not [w for w in recwarn.list if issubclass(w.category, UserWarning)]
