"""What the sync screen shows and does, without Qt: the outbox by state, and one send pass.

`outbox_state` reads the outbox table; `send_now` drains it once through `core.sync.OutboxSender`
with the desk's API URL, worker id and token (from the keyring). Both block (database, network):
the screen runs them on a pool thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import func, select, update

from core.queue import JobQueue
from core.queue import outbox_rows as rows
from core.secrets import WORKER_TOKEN, default_secret_store, worker_token
from core.settings import Settings
from core.store import Store
from core.store.schema import outbox
from core.sync.client import CentralClient
from core.sync.outbox_sender import OutboxSender, SendReport

STATES = (rows.PENDING, rows.WAITING, rows.SENT, rows.DEAD)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    job_id: str
    state: str
    steps: str  # steps left, e.g. "result,grading"
    attempts: int
    message: str  # the server's (or the network's) last word


@dataclass(frozen=True, slots=True)
class OutboxState:
    counts: dict[str, int]
    problems: list[OutboxRow]  # dead rows, and pending rows that failed at least once

    @property
    def unsent(self) -> int:
        return self.counts[rows.PENDING] + self.counts[rows.WAITING] + self.counts[rows.DEAD]


def outbox_state(store: Store, limit: int = 500) -> OutboxState:
    with store.read() as conn:
        found = dict(conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state)).all())
        problem_rows = conn.execute(
            select(outbox.c.job_id, outbox.c.state, outbox.c.steps, outbox.c.attempts, outbox.c.last_error)
            .where((outbox.c.state == rows.DEAD) | ((outbox.c.state != rows.SENT) & (outbox.c.last_error != "")))
            .order_by(outbox.c.id)
            .limit(limit)
        ).all()
    counts = {state: int(found.get(state, 0)) for state in STATES}
    return OutboxState(counts, [OutboxRow(r.job_id, r.state, r.steps, r.attempts, r.last_error) for r in problem_rows])


def current_token() -> str:
    return worker_token() or ""


def save_token(token: str) -> str:
    """Store the worker token in the keyring (or the 0600 fallback file); returns where it went."""
    store = default_secret_store()
    if token:
        return store.set(WORKER_TOKEN, token)
    store.delete(WORKER_TOKEN)
    return store.location()


def make_due(store: Store) -> int:
    """Pending rows waiting out a backoff become due now: the teacher pressed Send now."""
    now = time.time()
    with store.write() as conn:
        return int(conn.execute(
            update(outbox).where(outbox.c.state == rows.PENDING, outbox.c.next_attempt_at > now).values(next_attempt_at=now)
        ).rowcount)


def send_now(store: Store, queue: JobQueue, settings: Settings, token: str | None = None, *,
             force: bool = True) -> SendReport:
    """One drain of the outbox until done, offline, or refused; `force`: rows in backoff go too."""
    if not settings.api_url:
        raise ValueError("the central API URL is not set (Sync > Settings)")
    if force:
        make_due(store)
    client = CentralClient(settings.api_url, token if token is not None else current_token(), settings.worker_id,
                           timeout=settings.sync_timeout_seconds)
    try:
        with OutboxSender(store, client, queue=queue) as sender:
            return sender.drain_now()
    finally:
        client.close()


def retry_dead(store: Store, queue: JobQueue, settings: Settings) -> int:
    client = CentralClient(settings.api_url or "http://unset.invalid", "", settings.worker_id)
    try:
        with OutboxSender(store, client, queue=queue) as sender:
            return sender.retry_dead()
    finally:
        client.close()
