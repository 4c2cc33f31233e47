"""pandas helpers: tidy frames of cells and of diagnostics.

pandas is an optional extra, imported only when a frame is asked for. Column dtypes are fixed
whatever the data, so frames of different batches concatenate cleanly: text columns are
pandas' nullable ``string``, ``year``/``table``/spans nullable ``Int64``, and ``value`` is
nullable ``Float64`` (blank or absent cells are ``<NA>``, never 0; amounts such as ``168.61``
fit; the exact text is kept in ``raw``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, List, Mapping, Optional, Tuple, Union

from ._ogi_report import Report, _cell_columns

if TYPE_CHECKING:  # pragma: no cover
    import pandas

Reports = Union[Report, Iterable[Report], Mapping[Union[str, "os.PathLike[str]"], Report]]
"""A Report, an iterable of Reports, or a mapping of file names to Reports."""


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "ogi_report.to_pandas() and diagnostics_frame() need pandas: "
            "pip install 'ogi-report[pandas]'"
        ) from e
    return pandas


def _items(reports: Reports) -> Tuple[List[Tuple[Optional[str], Report]], bool]:
    """(file or None, report) pairs, and whether files were given."""
    if isinstance(reports, Report):
        return [(None, reports)], False
    if isinstance(reports, Mapping):
        return [(os.fspath(k), v) for k, v in reports.items()], True
    return [(None, r) for r in reports], False


def to_pandas(reports: Reports) -> pandas.DataFrame:
    """A tidy DataFrame of every value cell, one row per cell.

    ``reports`` is a Report, an iterable of Reports, or a mapping of file names to Reports
    (then a ``file`` column is added). Columns: ``index`` (position of the report in the
    input), [``file``], ``agency``, ``year``, ``template``, ``table``, ``row``, ``column``,
    ``value``, ``unit``, ``raw``.
    """
    pd = _pandas()
    items, with_files = _items(reports)
    cols: dict[str, Any] = _cell_columns([report for _, report in items])
    dtypes = {
        "index": "int64",
        "file": "string",
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
    if with_files:
        files = [file for file, _ in items]
        index = cols.pop("index")
        cols = {"index": index, "file": [files[i] for i in index], **cols}
    else:
        del dtypes["file"]
    return pd.DataFrame({k: pd.array(v, dtype=dtypes[k]) for k, v in cols.items()})


def diagnostics_frame(reports: Reports, *, validate: bool = True) -> pandas.DataFrame:
    """A DataFrame of diagnostics, one row each: the parser's, and (``validate=True``) the
    template rules' from ``Report.validate()``.

    Columns: ``index``, [``file``], ``agency``, ``year``, ``stage`` (``parse`` or
    ``validate``), ``code``, ``severity``, ``message``, ``table``, ``row``, ``column``,
    ``span_start``, ``span_end``, ``expected``, ``actual``.
    """
    pd = _pandas()
    items, with_files = _items(reports)
    names = [
        "index", "file", "agency", "year", "stage", "code", "severity", "message",
        "table", "row", "column", "span_start", "span_end", "expected", "actual",
    ]  # fmt: skip
    rows: list[tuple[Any, ...]] = []
    for index, (file, report) in enumerate(items):
        meta = report.meta
        stages = [("parse", report.diagnostics)]
        if validate:
            stages.append(("validate", report.validate()))
        for stage, diags in stages:
            for d in diags:
                loc: Any = d.get("location") or {}
                span: Any = d.get("span") or {}
                rows.append(
                    (
                        index, file, meta["agency"], meta["year"], stage, d["code"],
                        d["severity"], d["message"], loc.get("table"), loc.get("row"),
                        loc.get("column"), span.get("start"), span.get("end"),
                        d.get("expected"), d.get("actual"),
                    )  # fmt: skip
                )
    columns = list(zip(*rows)) if rows else [()] * len(names)
    ints = {"index": "int64", "year": "Int64", "table": "Int64", "span_start": "Int64", "span_end": "Int64"}
    frame = pd.DataFrame(
        {n: pd.array(list(col), dtype=ints.get(n, "string")) for n, col in zip(names, columns)}
    )
    if not with_files:
        frame = frame.drop(columns=["file"])
    return frame
