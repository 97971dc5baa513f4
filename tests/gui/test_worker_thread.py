"""The QThread driving the worker loop: events arrive on the UI thread in order, pause holds new work,
concurrency changes restart the loop, and shutdown leaves no thread behind."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from core.contracts import DONE, AIJob
from desktop.gui.worker_thread import PAUSED, RUNNING, STOPPED, WorkerController
from worker.loop import LoopEvent, WorkerConfig

SCRIPTED = {"embedding": "tests.support.handlers:scripted"}


def _controller(desk_ctx: Any) -> WorkerController:
    base = WorkerConfig(worker_id="gui-test", concurrency=2, mode="thread", data_dir=desk_ctx.store.data_dir,
                        handler_overrides=SCRIPTED, stop_grace_s=2.0)
    return WorkerController(desk_ctx.queue, lambda n: replace(base, concurrency=n or base.concurrency))


def _jobs(desk_ctx: Any, n: int, command: str = "sleep:0.05") -> list[str]:
    return desk_ctx.queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": [command]}) for _ in range(n)])


def test_events_arrive_on_the_ui_thread_in_order(qtbot: Any, desk_ctx: Any) -> None:
    ids = _jobs(desk_ctx, 6)
    worker = _controller(desk_ctx)
    seen: list[tuple[str, str]] = []
    threads: set[int] = set()

    def on_event(event: LoopEvent) -> None:
        threads.add(threading.get_ident())
        if event.kind in ("started", "finished"):
            seen.append((event.kind, event.job_id))

    worker.loop_event.connect(on_event)
    with qtbot.waitSignal(worker.state_changed, timeout=2000):
        worker.start()
    assert worker.state == RUNNING
    qtbot.waitUntil(lambda: sum(1 for k, _ in seen if k == "finished") == 6, timeout=20_000)
    assert threads == {threading.get_ident()}
    for job_id in ids:
        assert seen.index(("started", job_id)) < seen.index(("finished", job_id))
    assert all(v.status == DONE for v in desk_ctx.queue.get_many(ids))
    with qtbot.waitSignal(worker.state_changed, check_params_cb=lambda s: s == STOPPED, timeout=10_000):
        worker.stop()


def test_pause_claims_nothing_new_until_resumed(qtbot: Any, desk_ctx: Any) -> None:
    worker = _controller(desk_ctx)
    worker.start()
    worker.pause()
    assert worker.state == PAUSED
    ids = _jobs(desk_ctx, 2)
    with qtbot.assertNotEmitted(worker.loop_event, wait=600):
        pass
    assert all(v.status == "PENDING" for v in desk_ctx.queue.get_many(ids))
    worker.resume()
    qtbot.waitUntil(lambda: all(v.status == DONE for v in desk_ctx.queue.get_many(ids)), timeout=10_000)
    assert worker.shutdown()
    assert worker.state == STOPPED


def test_concurrency_change_restarts_the_loop(qtbot: Any, desk_ctx: Any) -> None:
    worker = _controller(desk_ctx)
    worker.start()
    with qtbot.waitSignals([worker.state_changed, worker.state_changed], timeout=10_000):
        worker.set_concurrency(3)  # stopping -> stopped -> running again
    qtbot.waitUntil(lambda: worker.state == RUNNING, timeout=10_000)
    assert worker.concurrency == 3
    ids = _jobs(desk_ctx, 3)
    qtbot.waitUntil(lambda: all(v.status == DONE for v in desk_ctx.queue.get_many(ids)), timeout=10_000)
    assert worker.shutdown()
