"""Handlers for tests of the queue and the loop, named by import string like real ones.

They use `embedding` jobs (payload `texts`) so that payload validation stays the real one: the first
text is a command.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from worker.context import JobContext
from worker.errors import BadInput, Cancelled, NeedsCloud, TransientError


def scripted(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    """`texts[0]` is one of: echo | sleep:S | bad | transient | cloud | die | flaky:N:DIR | crash | notadict |
    notjson | nan | hang:S:PIDFILE."""
    command, _, arg = payload["texts"][0].partition(":")
    if command == "echo":
        return {"texts": payload["texts"], "pid": os.getpid()}
    if command == "sleep":
        end = time.monotonic() + float(arg)
        while time.monotonic() < end:
            if ctx.cancelled():
                raise Cancelled("stopped")
            ctx.progress(1 - (end - time.monotonic()) / float(arg), "sleeping")
            time.sleep(0.02)
        return {"slept": float(arg)}
    if command == "bad":
        raise BadInput("the scan is not an image")
    if command == "transient":
        raise TransientError("backend unreachable")
    if command == "cloud":
        raise NeedsCloud("needs a GPU model")
    if command == "die":
        os._exit(9)  # a worker process that dies mid-job
    if command == "flaky":
        # Fails until it has been tried N times (counted in files, across processes).
        times, folder = arg.split(":", 1)
        marker = Path(folder)
        marker.mkdir(parents=True, exist_ok=True)
        tries = len(list(marker.iterdir())) + 1
        (marker / f"try{tries}").touch()
        if tries < int(times):
            raise TransientError(f"not yet (try {tries})")
        return {"tries": tries}
    if command == "crash":
        raise ZeroDivisionError("division by zero")
    if command == "notadict":
        return ["x"]  # type: ignore[return-value]
    if command == "notjson":
        return {"tags": {"a", "b"}}
    if command == "nan":
        return {"score": float("nan")}
    if command == "hang":
        # Ignores the cancel flag, as a stuck native library would; writes its pid first.
        Path(arg.split(":", 1)[1]).write_text(str(os.getpid()))
        time.sleep(float(arg.split(":", 1)[0]))
        return {"hung": True}
    raise BadInput(f"unknown test command {command!r}")


def record_run(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    """Appends the job id to a per-process file under texts[1], so tests can count executions."""
    folder = Path(payload["texts"][1])
    with open(folder / f"runs-{os.getpid()}.txt", "a", encoding="utf-8") as fh:
        fh.write(ctx.job_id + "\n")
    if payload["texts"][0].startswith("sleep:"):
        time.sleep(float(payload["texts"][0].split(":")[1]))
    return {"ok": True}


SCRIPTED = {"embedding": "tests.support.handlers:scripted"}
RECORD = {"embedding": "tests.support.handlers:record_run"}


def counted_omr(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    """An omr stand-in that writes `start PAGE PID` and `end PAGE PID` lines to $SCANDESK_TEST_RUN_LOG
    around $SCANDESK_TEST_RUN_S seconds of work, so a test counts executions, not only results."""
    log = os.environ["SCANDESK_TEST_RUN_LOG"]
    page = f"{Path(str(payload['image_path'])).name}#{int(payload.get('page') or 0)}"

    def line(text: str) -> None:
        # One write on an O_APPEND descriptor: lines of concurrent processes never interleave.
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{text} {page} {os.getpid()}\n".encode())
        finally:
            os.close(fd)

    line("start")
    time.sleep(float(os.environ.get("SCANDESK_TEST_RUN_S", "0.5")))
    line("end")
    return {"file": page, "fields": {}, "flags": [], "needs_review": False, "score": None}
