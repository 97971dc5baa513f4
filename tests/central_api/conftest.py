"""Fixtures for the stand-in's own contract tests."""

from __future__ import annotations

import sys
from pathlib import Path

# `tests` is not an installed package: make `tests.central_api` importable however pytest was started.
_REPO_ROOT = str(Path(__file__).resolve().parents[2])
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)

from tests.central_api.fixtures import stand_in, stand_in_module  # noqa: E402, F401
