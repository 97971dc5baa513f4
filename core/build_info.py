"""Version and git commit of what is running: baked into the app folder at build time, read live from a
checkout otherwise. Shown by `scandesk --version` and Help > About.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

from core.bundle import bundle_dir

FILE_NAME: Final = "build_info.json"
DISTRIBUTION: Final = "scandesk"
UNKNOWN: Final = "unknown"
_SOURCE_ROOT: Final = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class BuildInfo:
    version: str
    commit: str  # abbreviated hash, `-dirty` when tracked files differed from it; `unknown` without git
    built: str = ""  # UTC time of the build (ISO 8601); empty when running from a checkout

    def describe(self) -> str:
        """`0.1.0 (commit 1a2b3c4d5e6f, built 2026-12-01T22:00:00Z)`; no `built` part from a checkout."""
        built = f", built {self.built}" if self.built else ""
        return f"{self.version} (commit {self.commit}{built})"

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_commit(root: Path = _SOURCE_ROOT) -> str:
    """The checkout's commit (12 hex digits), with `-dirty` when tracked files are modified."""
    if not (root / ".git").exists():
        return UNKNOWN
    commit = _git(root, "rev-parse", "--short=12", "HEAD")
    if not commit:
        return UNKNOWN
    changes = _git(root, "status", "--porcelain", "--untracked-files=no")
    return f"{commit}-dirty" if changes else commit


def source_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def from_source(root: Path = _SOURCE_ROOT) -> BuildInfo:
    return BuildInfo(version=source_version(), commit=git_commit(root))


def read_file(path: Path) -> BuildInfo:
    """A `build_info.json` written by the build; ValueError naming the file when it is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return BuildInfo(version=str(data["version"]), commit=str(data["commit"]), built=str(data.get("built", "")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a build information file ({exc})") from None


@cache
def current() -> BuildInfo:
    """The running app's build: the app folder's `build_info.json`, else the checkout's version and commit.

    An app folder whose file is missing or broken reports `unknown` rather than failing to start.
    """
    root = bundle_dir()
    if root is None:
        return from_source()
    try:
        return read_file(root / FILE_NAME)
    except ValueError:
        return BuildInfo(version=UNKNOWN, commit=UNKNOWN)
