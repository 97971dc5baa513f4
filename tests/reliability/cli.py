"""Run the real `scandesk` program as a subprocess with its own data folder, as a careless user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def scandesk(home: Path, *args: str, env: dict[str, str] | None = None, db: str | None = None,
             preexec: Callable[[], None] | None = None, timeout: float = 120) -> Run:
    """`python -m desktop [--db DB] --home HOME ARGS...` with SCANDESK_HOME=HOME (settings live there too)."""
    command: Sequence[str] = [sys.executable, "-m", "desktop", *(["--db", db] if db else []), "--home", str(home), *args]
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "SCANDESK_HOME": str(home),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", **(env or {})}
    done = subprocess.run(command, cwd=REPO, env=full_env, capture_output=True, timeout=timeout, preexec_fn=preexec)
    return Run(done.returncode, done.stdout.decode("utf-8", "backslashreplace"),
               done.stderr.decode("utf-8", "backslashreplace"))
