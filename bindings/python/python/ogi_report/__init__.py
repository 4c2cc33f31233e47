"""Parse and validate Chinese government information disclosure annual reports.

>>> import ogi_report
>>> report = ogi_report.parse(open("report.txt", "rb").read())    # doctest: +SKIP
>>> report.meta["agency"], report.validate()                      # doctest: +SKIP

Parsing never fails on text: what the parser repaired or could not read is in
``report.diagnostics``; ``report.validate()`` checks the template's arithmetic rules.
Only I/O fails (``OSError``). ``to_pandas`` and ``diagnostics_frame`` need the
``pandas`` extra (``pip install 'ogi-report[pandas]'``).
"""

from __future__ import annotations

from ._ogi_report import (
    Report,
    __version__,
    parse,
    parse_many,
    parse_path,
    validate_series,
)
from ._frames import Reports, diagnostics_frame, to_pandas  # isort: skip (needs the extension first)
from ._types import (
    Cell,
    CellRef,
    Diagnostic,
    Location,
    Meta,
    Number,
    Repairs,
    ReportDict,
    Row,
    Section,
    Span,
    Table,
    TidyCell,
)

__all__ = [
    "Cell",
    "CellRef",
    "Diagnostic",
    "Location",
    "Meta",
    "Number",
    "Repairs",
    "Report",
    "ReportDict",
    "Reports",
    "Row",
    "Section",
    "Span",
    "Table",
    "TidyCell",
    "__version__",
    "diagnostics_frame",
    "parse",
    "parse_many",
    "parse_path",
    "to_pandas",
    "validate_series",
]


def _from_json(data: str) -> Report:
    """Rebuild a pickled Report (the target of ``Report.__reduce__``)."""
    return Report.from_json(data)
