"""What the screens share, handed to each explicitly (no global service locator)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.queue import JobQueue
from core.settings import Settings, load_file_settings, save_settings
from core.store import Store
from desktop.cli_jobs import worker_config
from worker.loop import WorkerConfig


@dataclass
class DeskContext:
    store: Store
    queue: JobQueue
    settings: Settings
    worker_mode: str = "process"  # thread in tests: the same loop, without spawning processes

    @property
    def home(self) -> Path:
        return self.store.home

    def update_settings(self, **changes: object) -> Settings:
        """Write these settings to the file (other keys as the file has them) and use them now."""
        saved = load_file_settings().replace(**changes)
        save_settings(saved)
        self.settings = self.settings.replace(**changes)
        return self.settings

    def worker_config(self, concurrency: int | None = None) -> WorkerConfig:
        """The loop's configuration, as the headless worker gets it; called on the UI thread at start."""
        return worker_config(self.queue, self.settings, concurrency=concurrency, mode=self.worker_mode)
