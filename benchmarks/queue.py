"""Lease-queue throughput: enqueue rate and claim+complete rate with the full semantics.

Every job is claimed with a lease token, completed through the token fence, and its result written
once with its outbox rows; afterwards the store is checked for jobs run twice and jobs lost.

    python benchmarks/queue.py --backend sqlite --jobs 20000 --workers 2 --mode process
    python benchmarks/queue.py --backend postgresql --db postgresql://... --jobs 20000 --workers 2
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `queue`, which multiprocessing imports: take this
# folder off the import path before anything imports it, and put the project root on it instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse
import json
import multiprocessing as mp
import os
import statistics
import tempfile
import threading
import time
from collections import Counter

from sqlalchemy import func, select, text

from core.contracts import AIJob
from core.queue import JobQueue, Outcome
from core.store import open_store
from core.store.schema import job_events, jobs, results


def _reset_postgres(url: str) -> None:
    store = open_store(url, run_migrations=False)
    with store.write() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    store.close()


def _work(url: str, home: str, worker_id: str, batch: int, start: float, out: list[str] | None, queue: mp.Queue | None) -> None:
    store = open_store(url, home, run_migrations=False)
    q = JobQueue(store)
    ran: list[str] = []
    while time.time() < start:
        time.sleep(0.001)
    idle = 0
    while idle < 3:
        claimed = q.claim_many(worker_id, batch)
        if not claimed:
            idle += 1
            time.sleep(0.005)
            continue
        idle = 0
        ran.extend(c.job_id for c in claimed)  # the "handler" ran for these
        outcome = q.complete_many([(c.job_id, c.lease_token, {"ok": True}) for c in claimed])
        assert all(o is Outcome.DONE for o in outcome.values()), outcome
    store.close()
    if out is not None:
        out.extend(ran)
    if queue is not None:
        queue.put(ran)


def _bare_work(db_path: str, worker_id: str, batch: int, start: float, queue: mp.Queue) -> None:
    """The same statements on bare sqlite3 (no SQLAlchemy, no ScanDesk code): the floor to compare with.

    It keeps the semantics (token per claim, fenced completion, result + outbox + events in the
    completing transaction), so the ratio says what ScanDesk's own layers cost, in the same run.
    """
    import json as json_module
    import sqlite3
    import uuid

    from core.queue import hot_sql

    conn = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA wal_autocheckpoint=10000")
    claim_sql = hot_sql.CLAIM.format(type_filter="", lock="")
    ran: list[str] = []
    while time.time() < start:
        time.sleep(0.001)
    idle = 0
    while idle < 3:
        now, token = time.time(), uuid.uuid4().hex
        conn.execute("BEGIN IMMEDIATE")
        rows = conn.execute(claim_sql, {"worker": worker_id, "now": now, "expires": now + 120, "token": token, "n": batch}).fetchall()
        conn.executemany(hot_sql.INSERT_EVENT, [{"job_id": r[0], "kind": "claimed", "worker_id": worker_id, "message": "", "at": now} for r in rows])
        conn.execute("COMMIT")
        if not rows:
            idle += 1
            time.sleep(0.005)
            continue
        idle = 0
        ids = [r[0] for r in rows]
        ran.extend(ids)
        params: dict[str, object] = {"now": now}
        pairs = []
        for i, job_id in enumerate(ids):
            params[f"j{i}"], params[f"t{i}"] = job_id, token
            pairs.append(f"(:j{i}, :t{i})")
        conn.execute("BEGIN IMMEDIATE")
        done = conn.execute(hot_sql.COMPLETE.format(pairs=", ".join(pairs)), params).fetchall()
        conn.executemany(hot_sql.INSERT_RESULT.format(json_param=":payload"), [
            {"job_id": d[0], "status": "DONE", "payload": json_module.dumps({"ok": True}), "error": "", "created_at": now} for d in done])
        conn.executemany(hot_sql.UPSERT_OUTBOX, [
            {"job_id": d[0], "steps": "register,result,grading", "state": "pending", "register_key": f"{token}{d[0]}r",
             "result_key": f"{token}{d[0]}s", "grading_key": f"{token}{d[0]}g", "attempts": 0, "next_attempt_at": now,
             "last_error": "", "created_at": now, "updated_at": now} for d in done])
        conn.executemany(hot_sql.INSERT_EVENT, [{"job_id": d[0], "kind": "done", "worker_id": None, "message": "", "at": now} for d in done])
        conn.execute("COMMIT")
    conn.close()
    queue.put(ran)


def run_bare(args: argparse.Namespace) -> float:
    home = tempfile.mkdtemp(prefix="scandesk-bench-bare-")
    store = open_store(f"sqlite+pysqlite:///{home}/bare.db", home)
    q = JobQueue(store)
    new_jobs = [AIJob.new(type="embedding", payload={"texts": [f"t{i}"]}) for i in range(args.jobs)]
    for i in range(0, len(new_jobs), 500):
        q.enqueue_many(new_jobs[i : i + 500])
    store.close()
    ctx = mp.get_context("spawn")
    results_q: mp.Queue = ctx.Queue()
    start = time.time() + 1.5
    procs = [ctx.Process(target=_bare_work, args=(f"{home}/bare.db", f"b{k}", args.batch, start, results_q)) for k in range(args.workers)]
    for p in procs:
        p.start()
    done = sum(len(results_q.get()) for _ in procs)
    for p in procs:
        p.join()
    elapsed = time.time() - start
    assert done == args.jobs, (done, args.jobs)
    return args.jobs / elapsed


def run_once(args: argparse.Namespace) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="scandesk-bench-")
    if args.backend == "postgresql":
        url = args.db or os.environ.get("SCANDESK_TEST_PG_URL")
        if not url:
            raise SystemExit("--db or SCANDESK_TEST_PG_URL is needed for postgresql")
        _reset_postgres(url)
    else:
        url = f"sqlite+pysqlite:///{home}/bench.db"
    store = open_store(url, home)
    q = JobQueue(store)
    new_jobs = [AIJob.new(type="embedding", payload={"texts": [f"t{i}"]}) for i in range(args.jobs)]
    t0 = time.perf_counter()
    for i in range(0, len(new_jobs), 500):
        q.enqueue_many(new_jobs[i : i + 500])
    enqueue_s = time.perf_counter() - t0

    start = time.time() + (1.5 if args.mode == "process" else 0.2)
    ran: list[str] = []
    if args.mode == "thread":
        threads = [
            threading.Thread(target=_work, args=(store.url, home, f"w{k}", args.batch, start, ran, None))
            for k in range(args.workers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        ctx = mp.get_context("spawn")
        results_q: mp.Queue = ctx.Queue()
        procs = [
            ctx.Process(target=_work, args=(store.url, home, f"w{k}", args.batch, start, None, results_q))
            for k in range(args.workers)
        ]
        for p in procs:
            p.start()
        for _ in procs:
            ran.extend(results_q.get())
        for p in procs:
            p.join()
    # Timed from the common start signal; the workers' ~15 ms idle wait before stopping is left in.
    elapsed = time.time() - start
    runs = Counter(ran)
    with store.read() as conn:
        done = conn.execute(select(func.count()).select_from(jobs).where(jobs.c.status == "DONE")).scalar()
        result_rows = conn.execute(select(func.count()).select_from(results)).scalar()
        done_events = conn.execute(select(func.count()).select_from(job_events).where(job_events.c.kind == "done")).scalar()
    store.close()
    return {
        "enqueue_per_s": args.jobs / enqueue_s,
        "claim_complete_per_s": args.jobs / elapsed,
        "duplicates": sum(n - 1 for n in runs.values() if n > 1) + (done_events - done),
        "lost": args.jobs - done + abs(result_rows - done),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--db", help="PostgreSQL URL (default: SCANDESK_TEST_PG_URL)")
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=["thread", "process"], default="process")
    parser.add_argument("--batch", type=int, default=32, help="jobs per claim_many / complete_many")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    parser.add_argument("--baseline", action="store_true",
                        help="also run the same SQL on bare sqlite3 (processes) and report the ratio")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        run = run_once(args)
        if args.baseline and args.backend == "sqlite":
            run["bare_sqlite3_per_s"] = run_bare(args)
            run["ratio_to_bare"] = run["claim_complete_per_s"] / run["bare_sqlite3_per_s"]
        runs.append(run)
    report = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    report["duplicates"] = max(r["duplicates"] for r in runs)
    report["lost"] = max(r["lost"] for r in runs)
    if args.json:
        print(json.dumps(report))
        return
    print(f"backend={args.backend} jobs={args.jobs} workers={args.workers} mode={args.mode} batch={args.batch}")
    print(f"{'metric':<22}{'median':>12}  runs")
    for key in ("enqueue_per_s", "claim_complete_per_s", "bare_sqlite3_per_s", "ratio_to_bare"):
        if key in report:
            fmt = ",.2f" if key.startswith("ratio") else ",.0f"
            print(f"{key:<22}{report[key]:>12{fmt}}  " + ", ".join(f"{r[key]:{fmt}}" for r in runs))
    print(f"{'duplicates':<22}{report['duplicates']:>12}")
    print(f"{'lost':<22}{report['lost']:>12}")


if __name__ == "__main__":
    main()
