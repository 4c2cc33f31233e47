"""Throughput of the Python binding on the corpus bytes, repeated to about 20 MB.

    .venv/bin/python bindings/python/bench.py [--mb 20] [--rounds 3]

Prints MB/s (input bytes per wall-clock second, best of the rounds) of `parse` in a Python loop
and of `parse_many` on 1 and 2 threads, plus the cost of turning reports into Python (`to_dict`),
with the CPU time the process got (in cores): on a busy machine a low figure there explains a
low MB/s.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Callable, List

import ogi_report

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"


def best(rounds: int, run: Callable[[], object]) -> "tuple[float, float]":
    """Best wall time and the process CPU time (all threads) of that round."""
    times = []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    files = [p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.is_file()]
    once = sum(map(len, files))
    items: List[bytes] = []
    while sum(map(len, items)) < args.mb * 1e6:
        items.extend(files)
    total = sum(map(len, items)) / 1e6
    print(f"ogi_report {ogi_report.__version__}: {len(items)} reports, {total:.1f} MB ({len(files)} corpus files, {once / 1e3:.0f} KB, repeated)")

    def show(name: str, seconds: "tuple[float, float]") -> None:
        wall, cpu = seconds
        print(f"{name:<28} {total / wall:8.1f} MB/s  {len(items) / wall:7.0f} reports/s  (CPU {cpu / wall:4.2f} cores)")

    show("parse (loop)", best(args.rounds, lambda: [ogi_report.parse(b) for b in items]))
    for threads in (1, 2):
        show(f"parse_many threads={threads}", best(args.rounds, lambda: ogi_report.parse_many(items, threads=threads)))

    reports = ogi_report.parse_many(items)
    show("to_dict (serde → Python)", best(args.rounds, lambda: [r.to_dict() for r in reports]))
    show("json.loads(to_json())", best(args.rounds, lambda: [json.loads(r.to_json()) for r in reports]))
    show("cells()", best(args.rounds, lambda: [r.cells() for r in reports]))
    try:
        import pandas  # noqa: F401
    except ImportError:
        return
    subset = reports[: len(files) * 10]
    frame_seconds, _ = best(args.rounds, lambda: ogi_report.to_pandas(subset))
    rows = len(ogi_report.to_pandas(subset))
    print(f"{'to_pandas':<28} {rows / frame_seconds:8.0f} rows/s ({rows} rows)")


if __name__ == "__main__":
    main()
