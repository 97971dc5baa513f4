"""OCR throughput: pages per second with one worker process versus one per core.

    .venv/bin/python benchmarks/ocr.py --pages 12 --processes 1 2 [--noisy] [--json]

Generates Korean exam pages (tests/ocr/exam_pages.py), then reads them with the desk's OCR pipeline in
a process pool of each size. Each process runs one single-threaded tesseract at a time
(OMP_THREAD_LIMIT=1), which is how the worker loop parallelises OCR. Prints a table (and JSON with
--json) and compares with the baseline recorded in benchmarks/README.md.
"""

# ruff: noqa: E402 - imports follow the sys.path fix below
from __future__ import annotations

import sys
from pathlib import Path

# Python puts this script's folder first on sys.path, where benchmarks/queue.py would shadow the standard
# library's queue module (which multiprocessing needs); the repository root goes there instead.
REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks"]
sys.path.insert(0, str(REPO))

import argparse
import json
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

from tests.ocr.exam_pages import make_pages, write_pages
from tests.ocr.metrics import character_error_rate
from worker.inputs import load_gray_image
from worker.ocr.page_reader import read_page

# Recorded on the 2-core development machine under load (see benchmarks/README.md, "OCR throughput").
BASELINE_PAGES_PER_SECOND = {1: 0.31, 2: 0.30}


def _read(path: str) -> tuple[str, float]:
    """Text of one page and the CPU seconds it took (this process plus its tesseract children)."""
    before = os.times()
    gray, dpi = load_gray_image(Path(path))
    text = read_page(gray, dpi).text
    after = os.times()
    cpu = (after.user - before.user + after.system - before.system
           + after.children_user - before.children_user + after.children_system - before.children_system)
    return text, cpu


def run(paths: list[str], processes: int) -> tuple[float, float, list[str]]:
    """Wall seconds for all pages, CPU seconds summed over pages, and the texts."""
    with ProcessPoolExecutor(max_workers=processes) as pool:
        list(pool.map(_read, paths[:processes]))  # warm-up: imports, templates, tesseract data in cache
        start = time.perf_counter()
        results = list(pool.map(_read, paths))
        return time.perf_counter() - start, sum(cpu for _, cpu in results), [text for text, _ in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--repeat", type=int, default=1, help="runs per process count; the median is shown")
    parser.add_argument("--noisy", action="store_true", help="noisy scans instead of clean pages")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    pages = make_pages(args.pages, noisy=args.noisy, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        paths = [str(p) for p in write_pages(pages, Path(folder))]
        rows = []
        for processes in args.processes:
            timings = []
            cpu_timings = []
            texts: list[str] = []
            for _ in range(args.repeat):
                seconds, cpu, texts = run(paths, processes)
                timings.append(seconds)
                cpu_timings.append(cpu)
            seconds = statistics.median(timings)
            cpu = statistics.median(cpu_timings)
            cer = statistics.mean(character_error_rate(t, p.text) for t, p in zip(texts, pages, strict=True))
            rows.append({
                "processes": processes,
                "pages": len(paths),
                "seconds": round(seconds, 2),
                "pages_per_second": round(len(paths) / seconds, 3),
                "seconds_per_page": round(seconds / len(paths), 2),
                # On a shared machine wall time includes other people's work; CPU time does not.
                "cpu_seconds_per_page": round(cpu / len(paths), 2),
                "load_average": round(os.getloadavg()[0], 1),
                "mean_cer": round(cer, 4),
                "baseline_pages_per_second": BASELINE_PAGES_PER_SECOND.get(processes),
            })
    print(f"OCR throughput, {'noisy' if args.noisy else 'clean'} pages, {os.cpu_count()} cores")
    print(f"{'processes':>9} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'s/page':>7} {'cpu s/page':>10} "
          f"{'CER':>6} {'load':>5} {'baseline':>9}")
    for row in rows:
        baseline = row["baseline_pages_per_second"]
        print(f"{row['processes']:>9} {row['pages']:>5} {row['seconds']:>8} {row['pages_per_second']:>8} "
              f"{row['seconds_per_page']:>7} {row['cpu_seconds_per_page']:>10} {row['mean_cer']:>6} "
              f"{row['load_average']:>5} {baseline if baseline else '-':>9}")
    if args.json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
