"""Sync throughput: desk jobs per second fully synced (register + result + grading) to the stand-in.

Each run: a fresh local store with N finished desk jobs (their outbox rows written by the queue, as in
real use), a fresh stand-in central API in its own process on 127.0.0.1, and the outbox sender
draining everything. Afterwards the server's counters must show exactly N registrations, N results and
N grading requests.

    python benchmarks/sync.py                       # 3 runs of 3,000 jobs, 4 sender threads
    python benchmarks/sync.py --jobs 5000 --threads 8 --runs 5
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

# benchmarks/queue.py is named like the standard library's `queue` (which thread pools import): take this
# folder off the import path, and put the project root on it instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from core.contracts import AIJob  # noqa: E402
from core.queue import JobQueue  # noqa: E402
from core.store import open_store  # noqa: E402
from core.sync.client import CentralClient  # noqa: E402
from core.sync.outbox_sender import OutboxSender  # noqa: E402
from tests.central_api.fixtures import start_stand_in  # noqa: E402

TARGET_JOBS_PER_S = 300.0
# Median recorded in benchmarks/README.md (2-core development machine shared with other runs, load
# average 5.7-8; 3,000 jobs, 4 threads, 5 runs).
BASELINE_JOBS_PER_S: float | None = 230.0


def _finished_jobs(queue: JobQueue, n: int) -> None:
    for start in range(0, n, 500):
        count = min(500, n - start)
        new = [AIJob.new(type="embedding", payload={"texts": [f"page {start + i}"]}, source_domain="submissions",
                         source_id=str(start + i)) for i in range(count)]
        queue.enqueue_many(new)
        claimed = queue.claim_many("bench", count)
        queue.complete_many([(c.job_id, c.lease_token, {"answers": [1, 3, 2, 4], "score": 80}) for c in claimed])


def _send_partition(home: str, base_url: str, token: str, threads: int, index: int, parts: int, start: float) -> None:
    """One sender process (spawned): its share of the outbox, as `scandesk sync --processes` runs it."""
    store = open_store(home=home)
    with CentralClient(base_url, token, "bench-desk") as client, \
            OutboxSender(store, client, queue=JobQueue(store), threads=threads, partition=(index, parts)) as sender:
        while time.time() < start:
            time.sleep(0.001)
        sender.run(threading.Event(), until_empty=True)
    store.close()


def one_run(n: int, threads: int, work: Path, processes: int = 1) -> dict[str, float]:
    store = open_store(home=work / "desk")
    queue = JobQueue(store)
    _finished_jobs(queue, n)
    with start_stand_in(work / "central") as server, \
            CentralClient(server.base_url, server.token, "bench-desk") as client, \
            OutboxSender(store, client, queue=queue, threads=threads) as sender:
        if processes == 1:
            started = time.perf_counter()
            sender.run(threading.Event(), until_empty=True)
            seconds = time.perf_counter() - started
        else:
            ctx = mp.get_context("spawn")
            start = time.time() + 2.0  # all processes start sending together, after their imports
            procs = [ctx.Process(target=_send_partition, args=(str(work / "desk"), server.base_url, server.token, threads,
                                                                i, processes, start)) for i in range(processes)]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
            seconds = time.time() - start
        counts = server.counters()
        unsent = sender.unsent()
    store.close()
    exact = counts["registered"] == counts["results"] == counts["grading"] == n and unsent == 0
    if not exact:
        raise SystemExit(f"not synced exactly once: {counts} unsent={unsent}")
    calls = sum(counts["requests"].values())
    return {"seconds": seconds, "jobs_per_s": n / seconds, "calls_per_s": calls / seconds, "calls": calls}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2, help="sender processes (scandesk sync --processes)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="scandesk-sync-bench-") as tmp:
            row = one_run(args.jobs, args.threads, Path(tmp), args.processes)
        rows.append(row)
        print(f"run {run}: {args.jobs} jobs in {row['seconds']:.2f} s = {row['jobs_per_s']:.0f} jobs/s "
              f"({row['calls_per_s']:.0f} calls/s, {row['calls']:.0f} calls)", flush=True)
    median = statistics.median(r["jobs_per_s"] for r in rows)
    print()
    print(f"{'jobs':>6} {'threads':>7} {'runs':>4} {'median jobs/s':>14} {'target':>7} {'baseline':>9}")
    baseline = f"{BASELINE_JOBS_PER_S:.0f}" if BASELINE_JOBS_PER_S else "-"
    print(f"{args.jobs:>6} {args.threads:>7} {args.runs:>4} {median:>14.0f} {TARGET_JOBS_PER_S:>7.0f} {baseline:>9}")
    if BASELINE_JOBS_PER_S:
        print(f"vs baseline: {median / BASELINE_JOBS_PER_S:.2f}x")
    return 0 if median >= TARGET_JOBS_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
