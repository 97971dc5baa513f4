"""The one way to build the sync stack (client + sender) from settings, and what the Sync screen does.

`make_client` and `make_sender` are used by `scandesk sync`, `scandesk worker --remote` and the GUI, so
all honour the same settings (`sync_timeout_seconds`, `sync_retry_base_seconds`, `sync_retry_cap_seconds`).
Every function blocks (database, network): the GUI runs them on a pool thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import httpx

from core.queue import JobQueue
from core.queue.outbox_rows import OutboxState
from core.secrets import WORKER_TOKEN, default_secret_store, worker_token
from core.settings import Settings
from core.store import Store
from core.sync import outbox_view, review_outbox
from core.sync.backoff import Backoff
from core.sync.client import CentralClient
from core.sync.outbox_sender import OutboxSender, SendReport
from core.sync.outbox_view import OutboxProblem
from desktop.services.bootstrap import SetupError


@dataclass(frozen=True, slots=True)
class HeldSheet:
    """A sheet held from sync until the teacher has reviewed it."""

    job_id: str
    file: str


@dataclass(frozen=True, slots=True)
class OutboxSummary:
    """The outbox as the Sync screen shows it: counts by state, the rows that need a look, and the
    sheets held for review."""

    counts: dict[OutboxState, int]
    problems: list[OutboxProblem]
    held: list[HeldSheet] = field(default_factory=list)

    @property
    def unsent(self) -> int:
        return outbox_view.unsent_in(self.counts)


def make_client(settings: Settings, token: str | None = None) -> CentralClient:
    """The central API client from settings (SCANDESK_API_URL / _WORKER_TOKEN / _WORKER_ID apply)."""
    if not settings.api_url:
        raise SetupError("api_url is not set: set the server in Sync, or `scandesk config set api_url https://...`")
    token = token if token is not None else worker_token()
    if not token:
        raise SetupError("worker token is not set: set it in Sync, or `scandesk config set worker_token -`")
    timeout = httpx.Timeout(settings.sync_timeout_seconds, connect=min(5.0, settings.sync_timeout_seconds))
    return CentralClient(settings.api_url, token, settings.worker_id, timeout=timeout)


def make_sender(
    queue: JobQueue, client: CentralClient, settings: Settings, partition: tuple[int, int] = (0, 1)
) -> OutboxSender:
    """An outbox sender whose retry backoff comes from the settings."""
    base = min(settings.sync_retry_base_seconds, settings.sync_retry_cap_seconds)
    backoff = Backoff(base_s=base, cap_s=settings.sync_retry_cap_seconds)
    return OutboxSender(queue.store, client, queue=queue, backoff=backoff, partition=partition)


def outbox_summary(store: Store, limit: int = 500) -> OutboxSummary:
    held_ids = review_outbox.held_job_ids(store)[:limit]
    held = []
    for view in JobQueue(store).get_many(held_ids):
        path, page = str(view.payload.get("image_path") or ""), int(view.payload.get("page") or 0)
        held.append(HeldSheet(view.job_id, Path(path).name + (f" p{page + 1}" if page else "")))
    return OutboxSummary(outbox_view.outbox_counts(store), outbox_view.outbox_problems(store, limit), held)


def current_token() -> str:
    return worker_token() or ""


def save_token(token: str) -> str:
    """Store the worker token in the keyring (or the 0600 fallback file); returns where it went."""
    secrets = default_secret_store()
    if token:
        return secrets.set(WORKER_TOKEN, token)
    secrets.delete(WORKER_TOKEN)
    return secrets.location()


def send_now(store: Store, queue: JobQueue, settings: Settings, token: str | None = None, *,
             force: bool = True) -> SendReport:
    """One drain of the outbox until done, offline, or refused; `force`: rows in backoff go too."""
    if force:
        outbox_view.make_due(store)
    with make_client(settings, token) as client, make_sender(queue, client, settings) as sender:
        return sender.drain_now()


def retry_dead(store: Store) -> int:
    """Dead rows go again on the next send (a person has fixed what the server refused)."""
    return outbox_view.retry_dead(store)
