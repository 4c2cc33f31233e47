"""Parse a folder of annual reports into one tidy DataFrame and list the reports that fail validation.

    python examples/python/corpus_frame.py [FOLDER]        # default: the repository's tests/corpus

Needs the package with its pandas extra: pip install 'ogi-report[pandas]'.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ogi_report


def main(folder: Path) -> int:
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    reports = ogi_report.parse_many(paths)  # parallel, in Rust, without the GIL
    by_file = {p.name: r for p, r in zip(paths, reports)}

    cells = ogi_report.to_pandas(by_file)
    print(f"{len(reports)} reports, {len(cells)} cells")
    per_table = cells.groupby("table").size()
    print("cells per table: " + ", ".join(f"table {t}: {n}" for t, n in per_table.items()))

    diags = ogi_report.diagnostics_frame(by_file)
    failing = diags[(diags["stage"] == "validate") & (diags["severity"] == "error")]
    print(f"reports failing validation: {failing['file'].nunique()}")
    for file, group in failing.groupby("file"):
        print(f"  {file}: {', '.join(sorted(set(group['code'])))}")

    unread = [name for name, r in by_file.items() if r.applications is None]
    print(f"reports without table 3: {len(unread)}")
    return 0


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[2] / "tests" / "corpus"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
