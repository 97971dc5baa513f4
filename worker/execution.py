"""Running one handler call, in this process or in a pool child, and turning its end into plain data.

Whatever a handler raises comes back as a `HandlerOutcome`, so the claim loop never sees a handler's
exception and a crashing handler cannot take the loop down.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from core.text import BadText, find_bad_text
from worker.context import JobContext
from worker.errors import BadInput, Cancelled, JobError, NeedsCloud
from worker.handlers import handler_for


class OutcomeKind(StrEnum):
    """How a handler call ended, which decides what the loop records."""

    OK = "ok"
    BAD_INPUT = "bad_input"
    RETRYABLE = "retryable"
    NEEDS_CLOUD = "needs_cloud"
    CANCELLED = "cancelled"


OK, BAD_INPUT, RETRYABLE, NEEDS_CLOUD, CANCELLED = (
    OutcomeKind.OK, OutcomeKind.BAD_INPUT, OutcomeKind.RETRYABLE, OutcomeKind.NEEDS_CLOUD, OutcomeKind.CANCELLED
)

# Set in each pool child by `init_child`; read by the handler's context in that child.
_child_progress: Any = None
_child_cancel: Any = None


@dataclass(frozen=True, slots=True)
class HandlerCall:
    """Everything a child needs to run one job: plain, picklable values only."""

    job_id: str
    job_type: str
    payload: dict[str, Any]
    data_dir: str
    settings: Mapping[str, Any]
    allowed_dirs: tuple[str, ...]
    handler_overrides: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class HandlerOutcome:
    job_id: str
    kind: OutcomeKind
    result: dict[str, Any] | None = None
    message: str = ""
    seconds: float = 0.0


# prctl(2) option: the signal this process gets when the thread that created it ends.
_PR_SET_PDEATHSIG = 1
# Where the parent-death signal is not available, a child looks for its parent this often.
_PARENT_POLL_S = 1.0


@dataclass(frozen=True)
class ChildPool:
    """A process pool for handlers, with the queue its children report progress on and the event that
    asks them to stop at their next step."""

    executor: cf.ProcessPoolExecutor
    progress: Any
    cancel: Any

    def close(self) -> None:
        """For a pool no loop took over: end its children now instead of letting them load handlers first."""
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            process.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)


def start_child_pool(
    concurrency: int, preload: Sequence[str] = (), overrides: Mapping[str, str] | None = None
) -> ChildPool:
    """A process pool of `concurrency` children. With `preload` (job types) the children start at once
    and each imports those handlers before its first job, while the caller does other work; without,
    they start with the first job."""
    ctx = pool_context()
    progress, cancel = ctx.Queue(), ctx.Event()
    executor = cf.ProcessPoolExecutor(
        max_workers=concurrency,
        mp_context=ctx,
        initializer=init_child,
        initargs=(progress, cancel, os.getpid(), tuple(preload), dict(overrides) if overrides else None),
    )
    if preload:
        # The pool starts a child per submitted call while none is idle: one call each starts them all.
        for _ in range(concurrency):
            executor.submit(os.getpid)
    return ChildPool(executor, progress, cancel)


def init_child(
    progress_queue: Any,
    cancel_event: Any,
    parent_pid: int | None = None,
    preload: Sequence[str] = (),
    overrides: Mapping[str, str] | None = None,
) -> None:
    """Pool initializer (runs in each child process)."""
    global _child_progress, _child_cancel
    _child_progress, _child_cancel = progress_queue, cancel_event
    # Ctrl-C in a terminal reaches the whole process group. The worker that owns this pool decides what
    # a stop means (jobs finish or go back to the queue, the pool is ended); a child that died of it
    # on its own would break the pool mid-job and leave a traceback behind.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent_pid is not None:
        die_with_parent(parent_pid)
    # Parallelism comes from the pool's processes; libraries that spawn their own threads per call
    # (OpenCV, OpenMP in tesseract) would only fight over the same cores.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import cv2

        cv2.setNumThreads(1)
    except ImportError:  # pragma: no cover - opencv is a dependency, but a handler may not need it
        pass
    for job_type in preload:
        # A handler that cannot be loaded fails its jobs with the reason; it must not break the pool here.
        with contextlib.suppress(Exception):
            handler_for(job_type, overrides)


def die_with_parent(parent_pid: int) -> None:
    """End this process when the worker that started it ends, however it ends (SIGKILL included).

    A pool child that outlives a killed worker would finish its job unseen while the job's lease runs
    out and another worker runs it again. Linux delivers SIGKILL on the parent's death (prctl); other
    systems get a daemon thread that notices the parent is gone within a second. Runs in the child.
    """
    if sys.platform.startswith("linux") and _set_parent_death_signal(signal.SIGKILL):
        # The parent may have died before the signal was armed: then it never comes.
        if os.getppid() != parent_pid:
            os._exit(1)
        return
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), name="scandesk-parent-watch", daemon=True).start()


def _set_parent_death_signal(signum: int) -> bool:
    try:
        # The process's own symbols include the C library's: no library search (find_library runs
        # gcc and ldconfig, ~50 ms in every child).
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(_PARENT_POLL_S)
    os._exit(1)


def run_in_child(call: HandlerCall) -> HandlerOutcome:
    """Entry point in a pool child."""

    def report(fraction: float, message: str) -> None:
        if _child_progress is not None:
            _child_progress.put((call.job_id, fraction, message))

    def cancelled() -> bool:
        return bool(_child_cancel is not None and _child_cancel.is_set())

    return run_call(call, report, cancelled)


def run_call(call: HandlerCall, report: Any, cancelled: Any) -> HandlerOutcome:
    started = time.perf_counter()
    ctx = JobContext(
        job_id=call.job_id,
        job_type=call.job_type,
        data_dir=Path(call.data_dir),
        settings=call.settings,
        allowed_dirs=tuple(Path(p) for p in call.allowed_dirs),
        report_progress=report,
        is_cancelled=cancelled,
    )

    def outcome(kind: OutcomeKind, result: dict[str, Any] | None = None, message: str = "") -> HandlerOutcome:
        return HandlerOutcome(call.job_id, kind, result, message, time.perf_counter() - started)

    try:
        handler = handler_for(call.job_type, call.handler_overrides)
        result = handler(dict(call.payload), ctx)
    except NeedsCloud as exc:
        return outcome(NEEDS_CLOUD, message=_describe(exc) or "this desk cannot run this job")
    except Cancelled as exc:
        return outcome(CANCELLED, message=_describe(exc) or "cancelled")
    except BadInput as exc:
        return outcome(BAD_INPUT, message=_describe(exc))
    except JobError as exc:
        return outcome(RETRYABLE if exc.retryable else BAD_INPUT, message=_describe(exc))
    except LookupError as exc:
        if type(exc).__name__ == "UnknownHandler":
            return outcome(BAD_INPUT, message=_describe(exc))
        return outcome(RETRYABLE, message=_crash_message(exc))
    except MemoryError:
        return outcome(RETRYABLE, message="ran out of memory")
    except Exception as exc:
        # A handler bug or an unexpected library error: retried (it may be passing), and the queue's
        # attempt limit stops a job that always fails this way.
        return outcome(RETRYABLE, message=_crash_message(exc))
    if not isinstance(result, dict):
        return outcome(BAD_INPUT, message=f"the {call.job_type} handler returned {type(result).__name__}, not a dict")
    try:
        # Checked here, in the handler's thread or process: a result the store cannot save must fail
        # its own job, not the transaction that completes its neighbours too.
        json.dumps(result, allow_nan=False)
        find_bad_text("result", result)
    except BadText as exc:
        return outcome(BAD_INPUT, message=f"the {call.job_type} handler returned text the store cannot keep: {exc}")
    except (TypeError, ValueError, RecursionError) as exc:
        return outcome(BAD_INPUT, message=f"the {call.job_type} handler returned a result that is not JSON: {exc}")
    return outcome(OK, result=result)


def _crash_message(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"unexpected error: {type(exc).__name__}: {_describe(exc)}{where}"


def _describe(exc: BaseException) -> str:
    """`str(exc)`, or what can be said when even that raises (a library's broken __str__)."""
    try:
        return str(exc)
    except Exception:
        return f"(its message cannot be shown: {type(exc).__name__}.__str__ failed)"


def pool_context() -> multiprocessing.context.BaseContext:
    """Children are spawned, not forked: the GUI process has Qt threads, which fork does not survive."""
    return multiprocessing.get_context("spawn")
