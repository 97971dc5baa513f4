"""The one way to open the desk: data folder, store, queue, settings and the worker's configuration.

Used by every CLI command and by the GUI, so both read the same store with the same settings. Blocks on
the database (migrations run on open): the GUI calls it before its window shows.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.queue import JobQueue
from core.queue.worker_ids import make_worker_id
from core.secrets import OPENAI_API_KEY, default_secret_store
from core.settings import Settings, load_file_settings, load_settings, save_settings
from core.store import Store, open_store
from core.store.paths import home_dir
from worker.loop import WorkerConfig, WorkerMode, default_concurrency
from worker.routing import LANGUAGE_MODEL_JOB_TYPES

log = logging.getLogger(__name__)


class SetupError(Exception):
    """The desk is not set up for what was asked (no API URL, no token, a bad option): say what to set."""


def resolve_home(home: str | None, settings: Settings | None = None) -> Path:
    """`home` (--home), else SCANDESK_HOME, else the data folder from the settings, else the platform's."""
    if home:
        return home_dir(home)
    if settings is not None and settings.data_dir and not os.environ.get("SCANDESK_HOME"):
        return Path(settings.data_dir).expanduser()
    return home_dir()


def open_desk_store(db_url: str | None, home: str | None, settings: Settings | None = None) -> Store:
    return open_store(db_url, resolve_home(home, settings))


def runtime_settings(settings: Settings, job_types: Collection[str] | None = None) -> dict[str, Any]:
    """Settings as handlers see them (`ctx.settings`), with the API keys they need from the keyring.

    Given the job types that will run (None: any), the keyring is asked only when one of them uses a
    key: finding the keyring's backend costs ~0.1 s at every command start.
    """
    values = settings.as_mapping()
    if job_types is not None and not LANGUAGE_MODEL_JOB_TYPES.intersection(job_types):
        return values
    try:
        key = default_secret_store().get(OPENAI_API_KEY)
    except Exception:  # no keyring and no file: the handlers route to the cloud instead
        log.debug("no OpenAI-compatible API key available", exc_info=True)
        key = None
    if key:
        values["openai_api_key"] = key
    return values


def worker_id_for(settings: Settings) -> str:
    """This process's worker id: the desk's id plus host and process (`core.queue.worker_ids`), so two
    workers of one desk differ, and a worker started after a crash can tell the dead one's leases."""
    return make_worker_id(settings.worker_id)


def worker_concurrency(settings: Settings, concurrency: int | None = None) -> int:
    """Jobs at once: the command's choice, else the desk's setting, else one per core."""
    if concurrency is not None and concurrency < 1:
        raise SetupError("--concurrency must be at least 1")
    return concurrency or settings.concurrency or default_concurrency()


def worker_config(
    queue: JobQueue,
    settings: Settings,
    *,
    concurrency: int | None = None,
    mode: WorkerMode = WorkerMode.PROCESS,
    overrides: dict[str, str] | None = None,
    job_types: tuple[str, ...] | None = None,
) -> WorkerConfig:
    """The claim loop's configuration, the same for `scandesk worker`, `scandesk omr` and the GUI;
    `job_types`: claim only jobs of these types (None: any)."""
    return WorkerConfig(
        worker_id=worker_id_for(settings),
        concurrency=worker_concurrency(settings, concurrency),
        mode=mode,
        data_dir=queue.store.data_dir,
        settings=runtime_settings(settings, job_types),
        job_types=job_types,
        # No folder limit for the desk's own jobs: the teacher chose those files. Jobs from the
        # central queue are checked against the allowed folders before they run (core.sync.inputs).
        handler_overrides=overrides or None,
    )


@dataclass
class DeskServices:
    """What the GUI's screens share, handed to each explicitly (no global service locator)."""

    store: Store
    queue: JobQueue
    settings: Settings
    worker_mode: WorkerMode = WorkerMode.PROCESS  # THREAD in tests: the same loop, without spawning

    @property
    def home(self) -> Path:
        return self.store.home

    def update_settings(self, **changes: object) -> Settings:
        """Write these settings to the file (other keys as the file has them) and use them now."""
        save_settings(load_file_settings().replace(**changes))
        self.settings = self.settings.replace(**changes)
        self.queue.hold_flagged = self.settings.sync_hold_flagged
        return self.settings

    def worker_config(self, concurrency: int | None = None) -> WorkerConfig:
        """The loop's configuration, as the headless worker gets it; called on the UI thread at start."""
        return worker_config(self.queue, self.settings, concurrency=concurrency, mode=self.worker_mode)


def open_desk(db_url: str | None = None, home: str | None = None, *,
              worker_mode: WorkerMode = WorkerMode.PROCESS) -> DeskServices:
    """Settings, store and queue for the desk (GUI start-up and tests)."""
    settings = load_settings()
    store = open_desk_store(db_url, home, settings)
    return DeskServices(store, JobQueue(store, hold_flagged=settings.sync_hold_flagged), settings, worker_mode)


def with_settings(services: DeskServices, settings: Settings) -> DeskServices:
    return replace(services, settings=settings)
