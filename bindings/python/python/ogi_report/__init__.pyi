"""Type stubs of ogi_report (checked against the runtime by mypy's stubtest).

The extension module's surface is typed in ``_ogi_report.pyi``, the dict shapes in ``_types.py``
and the pandas helpers in ``_frames.py``; this stub re-exports them.
"""

from ._frames import Reports as Reports
from ._frames import diagnostics_frame as diagnostics_frame
from ._frames import to_pandas as to_pandas
from ._ogi_report import Report as Report
from ._ogi_report import __version__ as __version__
from ._ogi_report import parse as parse
from ._ogi_report import parse_many as parse_many
from ._ogi_report import parse_path as parse_path
from ._ogi_report import validate_series as validate_series
from ._types import Cell as Cell
from ._types import CellRef as CellRef
from ._types import Diagnostic as Diagnostic
from ._types import Location as Location
from ._types import Meta as Meta
from ._types import Number as Number
from ._types import Repairs as Repairs
from ._types import ReportDict as ReportDict
from ._types import Row as Row
from ._types import Section as Section
from ._types import Span as Span
from ._types import Table as Table
from ._types import TidyCell as TidyCell

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

def _from_json(data: str) -> Report: ...
