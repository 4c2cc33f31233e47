"""The shapes of the dicts a Report hands out: the JSON contract, as TypedDicts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, List, Literal, Optional, TypedDict, Union

if sys.version_info >= (3, 11):
    from typing import NotRequired
elif TYPE_CHECKING:
    from typing_extensions import NotRequired

Number = Union[int, str]
"""A count (int) or an amount exactly as printed (str, e.g. ``"168.61"``)."""


class Span(TypedDict):
    """A half-open byte range ``[start, end)`` in the input."""

    start: int
    end: int


class Repairs(TypedDict):
    """Counts of repairs made while normalising the text."""

    pinyin_glosses: int
    mojibake_repaired: int
    mojibake_unrecoverable: int


class Meta(TypedDict):
    """What the report says about itself."""

    title: Optional[str]
    agency: Optional[str]
    year: Optional[int]
    published: Optional[str]
    template: Optional[Literal["2019", "2021"]]
    older_format: bool
    script: Literal["simplified", "traditional"]
    encoding: str
    layout: str
    period_start: Optional[str]
    period_end: Optional[str]
    repairs: Repairs


class Section(TypedDict):
    """One of the six sections."""

    number: int
    kind: str
    heading: str
    text: str
    span: Span


class Cell(TypedDict):
    """One value cell: value, unit, raw text and span (null when absent)."""

    column: str
    value: Optional[Number]
    unit: Optional[str]
    raw: Optional[str]
    span: Optional[Span]
    derived: NotRequired[Literal["split", "positional"]]


class Row(TypedDict):
    """One row of a table, under its canonical row path."""

    row: str
    label: Optional[str]
    span: Optional[Span]
    subtotal: NotRequired[bool]
    cells: List[Cell]


class Table(TypedDict):
    """One statistical table (2, 3 or 4)."""

    kind: Literal["active_disclosure", "applications", "review_litigation"]
    template: Literal["2019", "2021"]
    span: Span
    rows: List[Row]


class TidyCell(TypedDict):
    """One record of ``Report.cells()``."""

    table: int
    row: str
    column: str
    value: Optional[Number]
    unit: Optional[str]
    raw: Optional[str]
    span_start: Optional[int]
    span_end: Optional[int]


class Location(TypedDict, total=False):
    """Where in the template a diagnostic points."""

    section: int
    table: int
    row: str
    column: str


class CellRef(TypedDict):
    """One cell a validation rule involves."""

    table: int
    row: str
    column: str
    span: NotRequired[Span]


class Diagnostic(TypedDict):
    """A problem, repair or remark: a stable code, a severity and a message."""

    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    span: NotRequired[Span]
    location: NotRequired[Location]
    expected: NotRequired[str]
    actual: NotRequired[str]
    cells: NotRequired[List[CellRef]]
    candidates: NotRequired[List[List[str]]]


class ReportDict(TypedDict):
    """``Report.to_dict()``."""

    meta: Meta
    sections: List[Section]
    active_disclosure: Optional[Table]
    applications: Optional[Table]
    review_litigation: Optional[Table]
    diagnostics: List[Diagnostic]
