"""Answer-card templates the desk offers: the bundled Korean cards and the academy's own, saved in the
data folder (HOME/templates). Qt-free; used by the exam dialog, the designer and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from core.store.paths import home_dir
from core.sync.inputs import bundled_templates_dir
from worker.omr.template import parse_template

_UNSAFE = re.compile(r"[^\w\-]+")


def user_templates_dir(home: Path | None = None) -> Path:
    return home_dir(home) / "templates"


def available_templates(home: Path | None = None) -> list[Path]:
    """Bundled cards first, then the academy's own (each sorted by name)."""
    own = user_templates_dir(home)
    mine = sorted(own.glob("*.json")) if own.is_dir() else []
    return sorted(bundled_templates_dir().glob("*.json")) + mine


def template_label(path: str | Path) -> str:
    """How a template is named in lists: its file name; OMRChecker's are all called template.json, so
    those are named after their folder."""
    path = Path(path)
    if path.stem.lower() == "template" and path.parent.name:
        return path.parent.name
    return path.stem


def template_title(path: str | Path) -> str:
    """The title printed on the card (the template's "title"), else its list name."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = None
    title = raw.get("title") if isinstance(raw, dict) else None
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    return template_label(path)


def safe_name(name: str) -> str:
    """A file name from what the teacher typed (letters of any script, digits, - and _ kept)."""
    return _UNSAFE.sub("_", name.strip()).strip("_")[:80]


def save_user_template(raw: dict[str, Any], name: str, home: Path | None = None, overwrite: bool = False) -> Path:
    """Check the template and write it as HOME/templates/NAME.json. Raises ValueError or BadInput."""
    stem = safe_name(name)
    if not stem:
        raise ValueError("template name: type a name for the card")
    path = user_templates_dir(home) / f"{stem}.json"
    parse_template(raw, path)
    if path.exists() and not overwrite:
        raise ValueError(f"template name: {stem} exists already; pick another name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
