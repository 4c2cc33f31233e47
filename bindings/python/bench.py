"""Throughput of the Python binding on the corpus bytes, repeated to about 20 MB.

    .venv/bin/python bindings/python/bench.py [--mb 20] [--rounds 3]

Prints MB/s (input bytes per wall-clock second, best of the rounds) of `parse` in a Python loop
and of `parse_many` on 1 and 2 threads, plus the cost of turning reports into Python (`to_dict`),
with the CPU time the process got (in cores) and the MB parsed per CPU-second: on a busy machine
a low core figure explains a low MB/s, and an unchanged MB per CPU-second from 1 to 2 threads
shows that the threads add no overhead of their own.

Native single core, measured in the same session on the same bytes: the release CLI
(`target/release/ogi-report parse --format jsonl --jobs 1 -o /dev/null DIR`, build it with
`cargo build --release -p ogi-report-cli`) over a temporary folder holding the same reports as
files. It also reads the files and writes JSON, so `parse_many(threads=1)` (the same Rust code
on the calling thread, no JSON) is measured as a second single-core native figure, and the
budget, parse_many on 2 threads ≥ 1.6× single-core native, is judged against the faster of the
two. `--check` exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List, Optional

import ogi_report

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
BUDGET = 1.6


def best(rounds: int, run: Callable[[], object]) -> "tuple[float, float]":
    """Best wall time and the process CPU time (all threads) of that round."""
    times = []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(times)


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes."""
    t = os.times()
    return t.children_user + t.children_system


def best_cli(rounds: int, cli: Path, folder: Path, jobs: int) -> "tuple[float, float]":
    """Best wall time of the release CLI over a folder, and the CPU time of that run."""
    cmd = [str(cli), "parse", "--format", "jsonl", "--jobs", str(jobs), "-q", "-o", os.devnull, str(folder)]
    times = []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), children_cpu()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start, children_cpu() - cpu))
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "ogi-report"), help="release CLI for the native baseline ('' to skip)")
    ap.add_argument("--check", action="store_true", help=f"exit 1 unless parse_many(threads=2) ≥ {BUDGET}× single-core native")
    args = ap.parse_args()

    files = [p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.is_file()]
    once = sum(map(len, files))
    items: List[bytes] = []
    while sum(map(len, items)) < args.mb * 1e6:
        items.extend(files)
    total = sum(map(len, items)) / 1e6
    print(f"ogi_report {ogi_report.__version__}: {len(items)} reports, {total:.1f} MB ({len(files)} corpus files, {once / 1e3:.0f} KB, repeated)")
    print(f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    def show(name: str, seconds: "tuple[float, float]") -> float:
        wall, cpu = seconds
        per_cpu = f"{total / cpu:6.1f} MB per CPU-second" if cpu > 0 else ""
        print(f"{name:<28} {total / wall:8.1f} MB/s  {len(items) / wall:7.0f} reports/s  (CPU {cpu / wall:4.2f} cores, {per_cpu})")
        return total / wall

    loop = show("parse (loop)", best(args.rounds, lambda: [ogi_report.parse(b) for b in items]))
    many = {t: show(f"parse_many threads={t}", best(args.rounds, lambda: ogi_report.parse_many(items, threads=t))) for t in (1, 2)}

    native: Optional[float] = None
    cli = Path(args.cli) if args.cli else None
    if cli is not None and cli.is_file():
        names = [p.name for p in sorted(CORPUS.iterdir()) if p.is_file()]
        with tempfile.TemporaryDirectory(prefix="ogi-bench-") as tmp:
            for i, data in enumerate(items):
                (Path(tmp) / f"{i:06}_{names[i % len(names)]}").write_bytes(data)
            native = show("native CLI --jobs 1", best_cli(args.rounds, cli, Path(tmp), 1))
            show("native CLI --jobs 2", best_cli(args.rounds, cli, Path(tmp), 2))
    elif cli is not None:
        print(f"(no release CLI at {cli}: cargo build --release -p ogi-report-cli; parse_many threads=1 stands in)")
    # The budget is judged against the faster single-core baseline, so JSON output in the CLI
    # cannot flatter the ratio.
    base, base_name = max([(many[1], "parse_many threads=1")] + ([(native, "native CLI --jobs 1")] if native else []))
    ratio = many[2] / base
    verdict = "met" if ratio >= BUDGET else "MISSED"
    print(f"parse_many threads=2 / single-core native ({base_name}): {ratio:.2f}× (budget ≥ {BUDGET}×: {verdict})")
    if native:
        print(f"parse_many threads=2 / native CLI --jobs 1: {many[2] / native:.2f}×")
    print(f"parse loop / parse_many threads=1: {loop / many[1]:.2f}×")

    reports = ogi_report.parse_many(items)
    show("to_dict (serde → Python)", best(args.rounds, lambda: [r.to_dict() for r in reports]))
    show("json.loads(to_json())", best(args.rounds, lambda: [json.loads(r.to_json()) for r in reports]))
    show("cells()", best(args.rounds, lambda: [r.cells() for r in reports]))
    try:
        import pandas  # noqa: F401
    except ImportError:
        pass
    else:
        frame_rate(args.rounds, reports[: len(files) * 10])
    if args.check and ratio < BUDGET:
        sys.exit(1)


def frame_rate(rounds: int, subset: "List[ogi_report.Report]") -> None:
    """Rows per second of to_pandas on already parsed reports."""
    frame_seconds, _ = best(rounds, lambda: ogi_report.to_pandas(subset))
    rows = len(ogi_report.to_pandas(subset))
    print(f"{'to_pandas':<28} {rows / frame_seconds:8.0f} rows/s ({rows} rows)")


if __name__ == "__main__":
    main()
