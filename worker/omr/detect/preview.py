"""Read a filled sample with a template that exists only in memory (the designer's live preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from worker.omr.pages import load_page
from worker.omr.sheet import SheetRead, read_sheet
from worker.omr.template import parse_template


def read_sample(raw: dict[str, Any], name: str, sample: str | Path) -> SheetRead:
    """Raises BadInput when the template is inconsistent or the sample cannot be read with it."""
    template = parse_template(raw, Path(f"{name or 'card'}.json"))
    return read_sheet(load_page(sample), template)
