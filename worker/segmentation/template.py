"""Question regions from a template file, for exams whose layout is known in advance.

Template JSON: `{"page_size": [width, height], "questions": [{"number": 1, "bbox": [x, y, w, h]}, ...]}`;
boxes are in the template's page pixels and are scaled to the image's size.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from worker.errors import BadInput


def load_template(path: Path, image_size: tuple[int, int]) -> list[tuple[int, list[int]]]:
    """(number, [x, y, w, h] in image pixels) for each question of the template."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"segmentation template {path.name} is not readable JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list) or not data["questions"]:
        raise BadInput(f"segmentation template {path.name} has no questions list")
    width, height = image_size
    page = data.get("page_size") or [width, height]
    if not (isinstance(page, list) and len(page) == 2 and all(isinstance(v, (int, float)) and v > 0 for v in page)):
        raise BadInput(f"segmentation template {path.name}: page_size must be [width, height]")
    sx, sy = width / page[0], height / page[1]
    regions = []
    for index, item in enumerate(data["questions"]):
        bbox = item.get("bbox") if isinstance(item, dict) else None
        number = item.get("number", index + 1) if isinstance(item, dict) else None
        if (not isinstance(bbox, list) or len(bbox) != 4
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bbox)
                or bbox[2] <= 0 or bbox[3] <= 0 or not isinstance(number, int)):
            raise BadInput(f"segmentation template {path.name}: questions[{index}] needs number and bbox [x, y, w, h]")
        x, y, w, h = bbox
        regions.append((number, [round(x * sx), round(y * sy), round(w * sx), round(h * sy)]))
    return regions
