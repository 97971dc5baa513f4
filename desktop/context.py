"""What the screens share, handed to each explicitly (no global service locator)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    extra_allowed_dirs: list[Path] = field(default_factory=list)

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
        config = worker_config(self.queue, self.settings, concurrency=concurrency, mode=self.worker_mode)
        if config.allowed_dirs and self.extra_allowed_dirs:
            # Folders the teacher imported from in this session are readable too.
            from dataclasses import replace

            config = replace(config, allowed_dirs=config.allowed_dirs + tuple(self.extra_allowed_dirs))
        return config
