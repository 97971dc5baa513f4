"""OMR throughput: sheets per second through the `omr` job handler, one process and all cores.

    .venv/bin/python benchmarks/omr.py [--sheets 200] [--processes K] [--repeat 3] [--json]
    .venv/bin/python benchmarks/omr.py --cli [--cli-sheets 60] [--repeat 3] [--cli-set NAME] [--no-compile] [--code DIR ...]

Inputs: (1) every image of the shared OMRChecker samples with its own template, (2) the shared samples
whose template uses CropOnMarkers (template matching of corner marker images), on their own, (3) N
synthetic 200-dpi JPEG scans of the 45-question Korean card (tests/omr/synth.py; generated before timing).
Each timed run calls worker.omr.handler.handle_omr per sheet, exactly as the worker does (decode, align,
read, annotate). The all-cores mode uses a process pool with cv2.setNumThreads(1) in each worker, warmed
up before timing. Prints a table with the median of --repeat runs, and the recorded baseline.

`--cli` times `scandesk omr FOLDER --template T --csv OUT` end to end instead (process start, store,
queue, worker pool, CSV) on --cli-sheets copies of each CropOnMarkers sample set and of synthetic Korean
cards, a fresh data folder per run; `--code DIR` runs the same commands on another checkout's code
(PYTHONPATH=DIR) in the same session, runs alternating between the checkouts, so before/after ratios share
the machine's load. The checkouts are byte-compiled first, as an installed app is (`--no-compile` skips
that); CPU seconds (the command and its pool) are reported beside the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# benchmarks/queue.py would shadow the standard library's `queue` (used by multiprocessing).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SAMPLES = REPO / ".." / "shared" / "samples" / "omrchecker" / "samples"
KR45 = REPO / "resources" / "templates" / "kr_omr_45.json"
# Recorded 2026-11-26 on the 2-core development machine (benchmarks/README.md): sheets/s, median of 3.
BASELINE = {"samples_1p": 5.3, "samples_all": 10.5, "synthetic_1p": 18.9, "synthetic_all": 36.2}

_OUT: Path | None = None


def _init_worker(out: str) -> None:
    import cv2

    global _OUT
    cv2.setNumThreads(1)  # one job per core: OpenCV's own threads would oversubscribe
    _OUT = Path(out)
    import worker.omr.handler  # noqa: F401 - import cost is paid before timing


def _read_one(job: tuple[str, str, int]) -> tuple[bool, float]:
    """Read one sheet; returns (read, CPU seconds this process spent on it)."""
    start = time.process_time()
    ok = _handle(job)
    return ok, time.process_time() - start


def _handle(job: tuple[str, str, int]) -> bool:
    from worker.context import JobContext
    from worker.errors import BadInput
    from worker.omr.handler import handle_omr

    image, template, index = job
    assert _OUT is not None
    ctx = JobContext(job_id=f"bench-{index}", job_type="omr", data_dir=_OUT)
    try:
        handle_omr({"image_path": image, "template": template, "annotate_dir": str(_OUT / "annotated")}, ctx)
    except BadInput:
        return False
    return True


def _warm(_: int) -> int:
    return os.getpid()


def _sample_jobs() -> list[tuple[str, str, int]]:
    jobs = []
    for image in sorted(SAMPLES.rglob("*")):
        if image.suffix.lower() not in (".jpg", ".png") or "marker" in image.name or image.name == "reference.png":
            continue
        folder = image.parent
        while not (folder / "template.json").exists():
            folder = folder.parent
        jobs.append((str(image), str(folder / "template.json"), len(jobs)))
    return jobs


def _marker_jobs() -> list[tuple[str, str, int]]:
    """The sample sets aligned on CropOnMarkers (marker template matching dominates their cost)."""
    jobs = []
    for image, template, _ in _sample_jobs():
        raw = json.loads(Path(template).read_text(encoding="utf-8"))
        if any(step.get("name") == "CropOnMarkers" for step in raw.get("preProcessors") or []):
            jobs.append((image, template, len(jobs)))
    return jobs


def _cli_sets(folder: Path, count: int, processes: int) -> dict[str, tuple[Path, str]]:
    """Folders of `count` sheets each for the end-to-end runs: (folder, template)."""
    import shutil

    sets: dict[str, tuple[Path, str]] = {}
    by_template: dict[str, list[str]] = {}
    for image, template, _ in _marker_jobs():
        by_template.setdefault(template, []).append(image)
    for template, images in sorted(by_template.items()):
        if len(images) < 2:
            continue  # sample1 (one photo, CropPage first) is in the in-process set
        name = Path(template).parent.name
        target = folder / f"cli_{name}"
        target.mkdir()
        for index in range(count):
            source = Path(images[index % len(images)])
            # A few bytes after the image's end make each copy a distinct file: the desk reads a page it
            # has seen before only once (content hash), which would time nothing.
            (target / f"{index:03d}{source.suffix}").write_bytes(source.read_bytes() + f"#{index}".encode())
        sets[f"markers:{name}"] = (target, template)
    target = folder / "cli_kr45"
    target.mkdir()
    (folder / "kr45_src").mkdir()
    for path, _, index in _synthetic_jobs(folder / "kr45_src", count, processes):
        shutil.copyfile(path, target / f"{index:03d}.jpg")
    sets["kr45 synthetic"] = (target, str(KR45))
    return sets


def _time_cli(folder: Path, template: str, code: Path, processes: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and its pool children) of one `scandesk omr` run on
    `folder` in a fresh data folder."""
    import resource
    import subprocess

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SCANDESK_HOME": home, "PYTHONPATH": str(code)}
        env.pop("SCANDESK_DB_URL", None)
        command = [str(Path(sys.executable).parent / "scandesk"), "omr", str(folder), "--template", template,
                   "--csv", str(Path(home) / "out.csv"), "--concurrency", str(processes)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=str(code))
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scandesk omr failed ({done.returncode}): {done.stderr[-500:]}")
    print(f"  {code.name} {folder.name}: {seconds:.2f} s, CPU {cpu:.2f} s; {done.stderr.strip().splitlines()[-1]}",
          file=sys.stderr)
    return seconds, cpu


def _compile(code: Path) -> None:
    """Byte-compile a checkout's packages, as installing the app does (pip, the bundle): otherwise every
    process compiles them from source at start when PYTHONDONTWRITEBYTECODE is set."""
    import subprocess

    subprocess.run([sys.executable, "-m", "compileall", "-q", "core", "desktop", "worker"], cwd=str(code),
                   check=True, capture_output=True)


def _cli_main(args: argparse.Namespace) -> int:
    codes = [REPO, *(Path(c).resolve() for c in args.code)]
    if not args.no_compile:
        for code in codes:
            _compile(code)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        sets = _cli_sets(Path(tmp), args.cli_sheets, args.processes)
        for name, (folder, template) in sets.items():
            if args.cli_set and not any(part in name for part in args.cli_set):
                continue
            times: dict[Path, list[tuple[float, float]]] = {code: [] for code in codes}
            # Runs alternate between the checkouts, so a change in the machine's load hits all of them alike.
            for _ in range(args.repeat):
                for code in codes:
                    times[code].append(_time_cli(folder, template, code, args.processes))
            for code in codes:
                median = statistics.median(wall for wall, _ in times[code])
                results.append({"set": name, "code": str(code), "sheets": args.cli_sheets,
                                "median_s": round(median, 2), "sheets_per_s": round(args.cli_sheets / median, 2),
                                # CPU of the command and its pool: what the run costs whatever else runs
                                "cpu_s": round(statistics.median(cpu for _, cpu in times[code]), 2),
                                "runs_s": [round(wall, 2) for wall, _ in times[code]]})
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if args.json:
        print(json.dumps({"cpu_count": os.cpu_count(), "load_average": load, "results": results}, indent=2))
        return 0
    print(f"{'set':<24} {'code':<18} {'sheets':>6} {'median s':>9} {'sheets/s':>9} {'CPU s':>6}  runs")
    for row in results:
        print(f"{row['set']:<24} {Path(str(row['code'])).name:<18} {row['sheets']:>6} {row['median_s']:>9.2f} "
              f"{row['sheets_per_s']:>9.2f} {row['cpu_s']:>6.2f}  {row['runs_s']}")
    print(f"load average at the end: {load:.2f} on {os.cpu_count()} cores")
    return 0


def _make_synthetic(job: tuple[str, int]) -> tuple[str, str, int]:
    import numpy as np

    from tests.omr.synth import make_benchmark_sheet

    folder, index = job
    path = Path(folder) / f"kr45_{index:04d}.jpg"
    path.write_bytes(make_benchmark_sheet(KR45, np.random.default_rng([2024, index])).jpeg)
    return str(path), str(KR45), index


def _synthetic_jobs(folder: Path, count: int, processes: int) -> list[tuple[str, str, int]]:
    """Generate the sheets (not timed), in parallel; sheet i is the same on every run."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(processes) as pool:
        return list(pool.map(_make_synthetic, [(str(folder), i) for i in range(count)], chunksize=8))


def _time(jobs: list[tuple[str, str, int]], processes: int, out: Path, repeat: int) -> dict[str, float]:
    """Median wall-clock sheets/s and median CPU ms per sheet over `repeat` runs; sheets read."""
    from concurrent.futures import ProcessPoolExecutor

    rates, cpu_ms = [], []
    ok = 0
    if processes == 1:
        _init_worker(str(out))
        _read_one(jobs[0])  # warm-up: template parse, imports
        for _ in range(repeat):
            start = time.perf_counter()
            results = [_read_one(job) for job in jobs]
            rates.append(len(jobs) / (time.perf_counter() - start))
            ok = sum(r for r, _ in results)
            cpu_ms.append(1000 * sum(c for _, c in results) / len(jobs))
    else:
        with ProcessPoolExecutor(processes, initializer=_init_worker, initargs=(str(out),)) as pool:
            list(pool.map(_warm, range(processes * 4)))
            list(pool.map(_read_one, jobs[:processes], chunksize=1))  # per-process warm-up
            chunk = max(1, len(jobs) // (processes * 8))
            for _ in range(repeat):
                start = time.perf_counter()
                results = list(pool.map(_read_one, jobs, chunksize=chunk))
                rates.append(len(jobs) / (time.perf_counter() - start))
                ok = sum(r for r, _ in results)
                cpu_ms.append(1000 * sum(c for _, c in results) / len(jobs))
    return {"sheets_per_s": statistics.median(rates), "cpu_ms_per_sheet": statistics.median(cpu_ms), "read": ok}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=200, help="synthetic 45-question 200-dpi JPEG sheets")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="all-cores mode pool size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--cli", action="store_true", help="time `scandesk omr` end to end instead")
    parser.add_argument("--cli-sheets", type=int, default=60, help="sheets per end-to-end set")
    parser.add_argument("--cli-set", action="append", default=[], metavar="NAME",
                        help="with --cli: only the sets whose name contains NAME (e.g. sample5, kr45)")
    parser.add_argument("--no-compile", action="store_true",
                        help="with --cli: do not byte-compile the checkouts first (each start compiles the sources "
                             "it imports when PYTHONDONTWRITEBYTECODE is set)")
    parser.add_argument("--code", action="append", default=[], metavar="DIR",
                        help="with --cli: also time another checkout's code (e.g. the main branch)")
    args = parser.parse_args(argv)
    if args.cli:
        return _cli_main(args)

    results: dict[str, dict[str, float | int | str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        sets = {}
        if SAMPLES.exists():
            sets["samples"] = _sample_jobs()
            sets["markers"] = _marker_jobs()
        sets["synthetic"] = _synthetic_jobs(tmp_path, args.sheets, args.processes)
        for name, jobs in sets.items():
            for label, processes in (("1p", 1), ("all", args.processes)):
                timing = _time(jobs, processes, tmp_path / f"out_{name}_{label}", args.repeat)
                results[f"{name}_{label}"] = {
                    "set": name, "processes": processes, "sheets": len(jobs), "read": int(timing["read"]),
                    "sheets_per_s": round(timing["sheets_per_s"], 2),
                    "cpu_ms_per_sheet": round(timing["cpu_ms_per_sheet"], 1),
                    # What the same CPU cost gives when the cores are not shared with other work.
                    "cpu_bound_sheets_per_s": round(processes * 1000 / timing["cpu_ms_per_sheet"], 1),
                    "baseline": BASELINE.get(f"{name}_{label}", 0.0),
                }
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if args.json:
        print(json.dumps({"cpu_count": os.cpu_count(), "load_average": load, "results": results}, indent=2))
        return 0
    print(f"{'set':<10} {'procs':>5} {'sheets':>6} {'read':>5} {'sheets/s':>9} {'cpu ms':>7} "
          f"{'cpu-bound/s':>11} {'baseline':>9}")
    for row in results.values():
        print(f"{row['set']:<10} {row['processes']:>5} {row['sheets']:>6} {row['read']:>5} "
              f"{row['sheets_per_s']:>9.2f} {row['cpu_ms_per_sheet']:>7.1f} {row['cpu_bound_sheets_per_s']:>11.1f} "
              f"{row['baseline']:>9.2f}")
    print(f"load average at the end: {load:.2f} on {os.cpu_count()} cores (other work on the machine lowers sheets/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
