"""Start the stand-in in a subprocess on a free port, and talk to its test endpoints.

A subprocess (not a thread) so that a test can SIGKILL the desk process without touching the server,
and so the server's event loop never competes with the test's GIL.

Use from a conftest:
    from tests.central_api.fixtures import stand_in   # noqa: F401  (pytest fixture)
or directly:
    with start_stand_in(tmp_path, token="T") as server: ...
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
_LISTEN_LINE = re.compile(r"listening on (http://[0-9.]+:\d+)")


@dataclass
class StandIn:
    """A running stand-in: its base URL, token, and a small client for counters, faults and jobs."""

    base_url: str
    token: str
    process: subprocess.Popen[str]
    log_path: Path

    def _admin(self, method: str, path: str, **kwargs: Any) -> Any:
        response = httpx.request(method, f"{self.base_url}/__stand_in__/{path}", timeout=10.0, **kwargs)
        response.raise_for_status()
        return response.json()

    def counters(self) -> dict[str, Any]:
        return self._admin("GET", "counters")

    def set_faults(self, **faults: Any) -> dict[str, Any]:
        """drop, error500 (shares 0..1), slow_ms, slow_share, after_share, down_for_s, seed."""
        return self._admin("POST", "faults", json=faults)

    def clear_faults(self) -> dict[str, Any]:
        return self._admin("POST", "faults", json={})

    def seed_jobs(self, jobs: list[dict[str, Any]] | None = None, *, count: int = 1,
                  job_type: str = "embedding", payload: dict[str, Any] | None = None,
                  max_attempts: int = 5) -> list[str]:
        body: dict[str, Any] = {"max_attempts": max_attempts}
        if jobs is not None:
            body["jobs"] = jobs
        else:
            body.update(count=count, type=job_type, payload=payload or {"texts": ["hello"]})
        return self._admin("POST", "jobs", json=body)["job_ids"]

    def jobs(self, status: str | None = None) -> list[dict[str, Any]]:
        return self._admin("GET", "jobs", params={"status": status} if status else None)["jobs"]

    def results(self) -> dict[str, Any]:
        """job id -> {"result": in force, "history": [results it replaced]}."""
        return self._admin("GET", "results")

    def api(self, path: str) -> str:
        return f"{self.base_url}/api/v1/internal/ai/{path.lstrip('/')}"


def _wait_ready(process: subprocess.Popen[str], deadline: float) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    match = _LISTEN_LINE.search(line)
    if not match:
        process.kill()
        raise RuntimeError(f"stand-in did not start: {line!r}")
    base_url = match.group(1)
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/__stand_in__/health", timeout=1.0).status_code == 200:
                return base_url
        if process.poll() is not None:
            raise RuntimeError(f"stand-in exited with {process.returncode}")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("stand-in did not answer /__stand_in__/health in time")


@contextlib.contextmanager
def start_stand_in(
    work_dir: Path, *, token: str = "test-worker-token", lease_seconds: float = 120.0,
    extra_args: list[str] | None = None,
) -> Iterator[StandIn]:
    work_dir.mkdir(parents=True, exist_ok=True)
    log_path = work_dir / "stand_in.log"
    args = [
        sys.executable, "-m", "tests.central_api", "--port", "0", "--token", token,
        "--db", str(work_dir / "central.sqlite3"), "--lease-seconds", str(lease_seconds),
        "--exit-with-parent", *(extra_args or []),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            args, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
        )
    try:
        base_url = _wait_ready(process, time.monotonic() + 20)
        yield StandIn(base_url=base_url, token=token, process=process, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


@pytest.fixture
def stand_in(tmp_path: Path) -> Iterator[StandIn]:
    """A fresh stand-in (own database, token "test-worker-token") for one test."""
    with start_stand_in(tmp_path / "stand_in") as server:
        yield server


@pytest.fixture(scope="module")
def stand_in_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StandIn]:
    """One stand-in shared by a module's tests (they must use fresh job ids)."""
    with start_stand_in(tmp_path_factory.mktemp("stand_in")) as server:
        yield server
