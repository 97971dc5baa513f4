"""Handlers for the sync tests, named by import string like real ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from worker.context import JobContext


def input_size(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    """Reads the (already vetted) input file and returns its size."""
    return {"size": len(Path(payload["image_path"]).read_bytes())}
