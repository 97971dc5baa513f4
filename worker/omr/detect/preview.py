"""Read a filled sample with a template that exists only in memory (the designer's live preview)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from worker.omr.pages import load_page
from worker.omr.sheet import SheetRead, read_sheet
from worker.omr.template import Template, parse_template


def read_sample(raw: dict[str, Any], name: str, sample: str | Path) -> tuple[Template, SheetRead]:
    """The template as parsed and the sample read with it. Raises BadInput when the template is
    inconsistent or the sample cannot be read with it."""
    template = parse_template(raw, Path(f"{name or 'card'}.json"))
    return template, read_sheet(load_page(sample), template)
