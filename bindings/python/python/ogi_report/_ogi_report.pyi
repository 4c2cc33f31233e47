"""Type stubs of the extension module (checked against the runtime by mypy's stubtest)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple, Union, final

from ._types import Diagnostic, Meta, ReportDict, Section, Table, TidyCell

__version__: str
__all__ = [
    "Report",
    "__version__",
    "_cell_columns",
    "_panic_guard_selftest",
    "parse",
    "parse_many",
    "parse_path",
    "validate_series",
]

_ProseMode = Literal["as_written", "clean", "simplified"]
_Data = Union[str, bytes, bytearray]
_Path = Union[str, os.PathLike[str]]

@final
class Report:
    """A parsed annual report (政府信息公开工作年度报告)."""

    @classmethod
    def from_json(cls, data: str) -> Report: ...
    @property
    def meta(self) -> Meta: ...
    @property
    def sections(self) -> List[Section]: ...
    @property
    def active_disclosure(self) -> Optional[Table]: ...
    @property
    def applications(self) -> Optional[Table]: ...
    @property
    def review_litigation(self) -> Optional[Table]: ...
    @property
    def diagnostics(self) -> List[Diagnostic]: ...
    def validate(self) -> List[Diagnostic]: ...
    def cells(self) -> List[TidyCell]: ...
    def to_dict(self) -> ReportDict: ...
    def to_json(self, *, indent: bool = False) -> str: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[object, Tuple[str]]: ...

def parse(
    data: _Data,
    /,
    *,
    prose: _ProseMode = "as_written",
    encoding: Optional[str] = None,
    html: Optional[bool] = None,
) -> Report: ...
def parse_path(
    path: _Path,
    /,
    *,
    prose: _ProseMode = "as_written",
    encoding: Optional[str] = None,
    html: Optional[bool] = None,
) -> Report: ...
def parse_many(
    items: Iterable[Union[_Data, os.PathLike[str]]],
    /,
    *,
    threads: Optional[int] = None,
    prose: _ProseMode = "as_written",
    encoding: Optional[str] = None,
    html: Optional[bool] = None,
) -> List[Report]: ...
def validate_series(reports: Iterable[Report], /) -> List[Diagnostic]: ...
def _cell_columns(reports: Iterable[Report], /) -> Dict[str, List[Any]]: ...
def _panic_guard_selftest() -> None: ...
