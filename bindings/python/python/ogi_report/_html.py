"""``Report._repr_html_``: the three tables as HTML, cells that break a rule marked.

Every piece of report text is escaped (a report is untrusted input). Marking uses CSS classes
and ``title`` attributes only: no JavaScript, so it renders in any notebook front end.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from . import Report

_TABLES = [
    (2, "active_disclosure", "主动公开政府信息情况"),
    (3, "applications", "收到和处理政府信息公开申请情况"),
    (4, "review_litigation", "政府信息公开行政复议、行政诉讼情况"),
]

_STYLE = """<style>
.ogi-report table{border-collapse:collapse;margin:.4em 0 1em 0;font-size:90%}
.ogi-report th,.ogi-report td{border:1px solid #bbb;padding:2px 6px}
.ogi-report td.ogi-num{text-align:right}
.ogi-report td.ogi-fail{background:#fcc;outline:2px solid #c00}
.ogi-report td.ogi-warn{background:#ffe9b3}
.ogi-report td.ogi-absent{color:#999}
.ogi-report caption{text-align:left;font-weight:bold}
</style>"""

Key = Tuple[int, str, str]


def _marks(diagnostics: List[Any]) -> Dict[Key, List[str]]:
    """(table, row, column) → messages, for every cell a diagnostic names."""
    marks: Dict[Key, List[str]] = {}
    for d in diagnostics:
        refs = [(c["table"], c["row"], c["column"]) for c in d.get("cells") or []]
        loc = d.get("location") or {}
        if not refs and {"table", "row", "column"} <= loc.keys():
            refs = [(loc["table"], loc["row"], loc["column"])]
        for ref in refs:
            marks.setdefault(ref, []).append(f"{d['code']}: {d['message']}")
    return marks


def _count(diagnostics: List[Any]) -> str:
    n = {s: sum(1 for d in diagnostics if d["severity"] == s) for s in ("error", "warning", "info")}
    return f"{n['error']} errors, {n['warning']} warnings, {n['info']} info"


def _table(number: int, title: str, table: Any, fails: Dict[Key, List[str]], warns: Dict[Key, List[str]]) -> str:
    out = [f"<table><caption>表{number} {escape(title)}</caption>"]
    header = None
    for row in table["rows"]:
        columns = [c["column"] for c in row["cells"]]
        if columns != header:
            header = columns
            out.append("<tr><th></th>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr>")
        label = escape(row["row"].replace("/", " / "))
        if row.get("subtotal"):
            label += " <i>(小计)</i>"
        out.append(f"<tr><th style='text-align:left'>{label}</th>")
        for cell in row["cells"]:
            key = (number, row["row"], cell["column"])
            classes = ["ogi-num"]
            messages = []
            if key in fails and not row.get("subtotal"):
                classes.append("ogi-fail")
                messages = fails[key]
            elif key in warns and not row.get("subtotal"):
                classes.append("ogi-warn")
                messages = warns[key]
            raw = cell["raw"]
            if raw is None:
                classes.append("ogi-absent")
                text = "—"
            else:
                text = raw
            title = f' title="{escape(chr(10).join(messages))}"' if messages else ""
            out.append(f'<td class="{" ".join(classes)}"{title}>{escape(text)}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def render(report: Report) -> str:
    """The report as an HTML fragment: a one-line summary, then tables 2, 3 and 4."""
    data: Any = report.to_dict()
    meta = data["meta"]
    rules = report.validate()
    failing = [d for d in rules if d["severity"] in ("error", "warning")]
    fails = _marks(failing)
    warns = _marks([d for d in data["diagnostics"] if d["severity"] in ("error", "warning")])
    found = [str(n) for n, key, _ in _TABLES if data[key] is not None]
    summary = " · ".join(
        [
            escape(meta["agency"] or "(agency not found)"),
            escape(str(meta["year"]) if meta["year"] is not None else "(year not found)"),
            f"template {escape(meta['template'] or '?')}",
            f"tables: {', '.join(found) or 'none'}",
            f"{len(failing)} rule failures",
            f"parse: {_count(data['diagnostics'])}",
        ]
    )
    parts = [_STYLE, '<div class="ogi-report">', f"<p>{summary}</p>"]
    for number, key, title in _TABLES:
        table = data[key]
        if table is None:
            parts.append(f"<p><b>表{number} {escape(title)}</b>: not found</p>")
        else:
            parts.append(_table(number, title, table, fails, warns))
    parts.append("</div>")
    return "".join(parts)
