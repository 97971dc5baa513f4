"""OMRChecker `template.json` -> bubble geometry (arrays the reader can index without Python loops).

The meaning of every key follows OMRChecker's documentation: coordinates are in the template's page frame
(`pageDimensions` = [width, height]); a bubble's point is the top-left corner of its `bubbleDimensions` box;
inside a field block each field's bubbles step by `bubblesGap` along the block's direction and successive
fields step by `labelsGap` across it.

ScanDesk extensions (documented in resources/templates/README.md):
- preProcessor `{"name": "CornerMarks", "options": {"centres": [[x, y] x4 TL,TR,BR,BL], "size": [w, h],
  "orientationMark": {"centre": [x, y], "size": [w, h]}}}`: four filled squares and one asymmetric mark,
  found by our own aligner at any rotation.
- preProcessor `{"name": "BubbleGrid"}`: the printed bubbles correct the page frame (worker/omr/grid_align.py).
- top-level `"studentIdField"`: which output column is the student id (default: a column named like
  student_id / roll / roll_no, case-insensitive).
- field types ending in `_RTL` lay the same values out in the reverse order along the bubble direction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from worker.errors import BadInput

FIELD_TYPES: dict[str, tuple[tuple[str, ...], str]] = {
    "QTYPE_INT": (tuple("0123456789"), "vertical"),
    "QTYPE_INT_FROM_1": (tuple("1234567890"), "vertical"),
    "QTYPE_MCQ4": (tuple("ABCD"), "horizontal"),
    "QTYPE_MCQ5": (tuple("ABCDE"), "horizontal"),
}

_RANGE = re.compile(r"^([^\d.]*?)(\d+)\.\.(\d+)$")
_STUDENT_ID_NAMES = ("student_id", "studentid", "roll", "roll_no", "rollno", "수험번호")


def expand_labels(labels: list[str] | str) -> list[str]:
    """OMRChecker's range syntax: `q1..20` -> q1, q2, ..., q20 (several entries concatenate)."""
    if isinstance(labels, str):
        labels = [labels]
    out: list[str] = []
    for label in labels:
        match = _RANGE.match(str(label).strip())
        if not match:
            out.append(str(label).strip())
            continue
        prefix, start, end = match.group(1), int(match.group(2)), int(match.group(3))
        if end < start:
            raise BadInput(f"template: label range {label!r} runs backwards")
        out.extend(f"{prefix}{n}" for n in range(start, end + 1))
    return out


def natural_key(text: str) -> list[Any]:
    """Sort key where q2 < q10 (OMRChecker's alphanumerical order for the default output columns)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


@dataclass(frozen=True)
class Field:
    label: str
    block: str
    values: tuple[str, ...]
    empty_value: str
    bubble_start: int  # index of the first bubble of this field in Template's flat bubble arrays
    bubble_count: int


@dataclass
class Template:
    path: Path
    page_width: float
    page_height: float
    fields: list[Field]
    custom_labels: dict[str, list[str]]
    output_columns: list[str]
    empty_value: str
    preprocessors: list[dict[str, Any]]
    # flat bubble arrays in template units: top-left x, y, width, height, owning field index
    bx: np.ndarray
    by: np.ndarray
    bw: np.ndarray
    bh: np.ndarray
    bfield: np.ndarray
    student_id_column: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def bblock(self) -> np.ndarray:
        """Block number of each bubble (blocks numbered in template order)."""
        names = {name: i for i, name in enumerate(dict.fromkeys(f.block for f in self.fields))}
        return np.array([names[self.fields[i].block] for i in self.bfield], dtype=np.int32)

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def field_by_label(self) -> dict[str, Field]:
        return {f.label: f for f in self.fields}

    def preprocessor(self, name: str) -> dict[str, Any] | None:
        for step in self.preprocessors:
            if step.get("name") == name:
                return dict(step.get("options") or {})
        return None

    def files_used(self) -> set[Path]:
        """Files beside the template that belong to it (marker image, reference), never scans."""
        used: set[Path] = set()
        for step in self.preprocessors:
            options = step.get("options") or {}
            for key in ("relativePath", "reference"):
                if isinstance(options.get(key), str):
                    used.add((self.base_dir / options[key]).resolve())
        return used


def _pair(value: Any, name: str) -> tuple[float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise BadInput(f"template: {name} must be [width, height], got {value!r}")
    try:
        a, b = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        raise BadInput(f"template: {name} must hold two numbers, got {value!r}") from None
    if a <= 0 or b <= 0:
        raise BadInput(f"template: {name} must be positive, got {value!r}")
    return a, b


def load_template(path: str | Path) -> Template:
    """Read and check a template file; every problem becomes a BadInput naming the key."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"template file not found: {path}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(f"template {path.name} is not valid JSON ({exc})") from None
    return parse_template(raw, path)


def parse_template(raw: Any, path: Path) -> Template:
    if not isinstance(raw, dict):
        raise BadInput("template: the file must hold a JSON object")
    page_w, page_h = _pair(raw.get("pageDimensions"), "pageDimensions")
    default_bubble = _pair(raw.get("bubbleDimensions", [10, 10]), "bubbleDimensions")
    empty_value = str(raw.get("emptyValue", ""))
    blocks = raw.get("fieldBlocks")
    if not isinstance(blocks, dict) or not blocks:
        raise BadInput("template: fieldBlocks must be a non-empty object")

    fields: list[Field] = []
    xs: list[float] = []
    ys: list[float] = []
    ws: list[float] = []
    hs: list[float] = []
    owner: list[int] = []
    seen: set[str] = set()
    for block_name, block in blocks.items():
        if not isinstance(block, dict):
            raise BadInput(f"template: fieldBlocks.{block_name} must be an object")
        field_type = block.get("fieldType")
        reverse = False
        if field_type is not None:
            base_type = str(field_type)
            if base_type.endswith("_RTL"):
                base_type, reverse = base_type[: -len("_RTL")], True
            if base_type not in FIELD_TYPES:
                raise BadInput(f"template: fieldBlocks.{block_name}.fieldType {field_type!r} is unknown")
            values, direction = FIELD_TYPES[base_type]
        else:
            values, direction = (), "horizontal"
        if "bubbleValues" in block:
            values = tuple(str(v) for v in block["bubbleValues"])
        direction = str(block.get("direction", direction))
        if not values:
            raise BadInput(f"template: fieldBlocks.{block_name} needs fieldType or bubbleValues")
        if direction not in ("horizontal", "vertical"):
            raise BadInput(f"template: fieldBlocks.{block_name}.direction must be horizontal or vertical")
        try:
            ox, oy = (float(v) for v in block["origin"])
            bubbles_gap = float(block["bubblesGap"])
            labels_gap = float(block["labelsGap"])
        except (KeyError, TypeError, ValueError):
            raise BadInput(
                f"template: fieldBlocks.{block_name} needs origin [x, y], bubblesGap and labelsGap"
            ) from None
        bw, bh = _pair(block.get("bubbleDimensions", default_bubble), f"fieldBlocks.{block_name}.bubbleDimensions")
        block_empty = str(block.get("emptyValue", empty_value))
        labels = expand_labels(block.get("fieldLabels") or [])
        if not labels:
            raise BadInput(f"template: fieldBlocks.{block_name}.fieldLabels is empty")
        offsets = np.arange(len(values), dtype=np.float64) * bubbles_gap
        if reverse:
            offsets = offsets[::-1]
        for index, label in enumerate(labels):
            if label in seen:
                raise BadInput(f"template: field {label!r} appears in two blocks")
            seen.add(label)
            across = index * labels_gap
            if direction == "vertical":
                fx, fy = ox + across + 0 * offsets, oy + offsets
            else:
                fx, fy = ox + offsets, oy + across + 0 * offsets
            fields.append(Field(label, str(block_name), values, block_empty, len(xs), len(values)))
            xs.extend(fx.tolist())
            ys.extend(fy.tolist())
            ws.extend([bw] * len(values))
            hs.extend([bh] * len(values))
            owner.extend([len(fields) - 1] * len(values))

    custom_raw = raw.get("customLabels") or {}
    if not isinstance(custom_raw, dict):
        raise BadInput("template: customLabels must be an object")
    custom = {str(name): expand_labels(parts) for name, parts in custom_raw.items()}
    for name, parts in custom.items():
        missing = [p for p in parts if p not in seen]
        if missing:
            raise BadInput(f"template: customLabels.{name} names unknown field {missing[0]!r}")

    in_custom = {p for parts in custom.values() for p in parts}
    if raw.get("outputColumns"):
        columns = expand_labels(raw["outputColumns"])
        known = seen | set(custom)
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise BadInput(f"template: outputColumns names unknown field {unknown[0]!r}")
    else:
        columns = sorted([label for label in seen if label not in in_custom] + list(custom), key=natural_key)

    student = raw.get("studentIdField")
    if student is None:
        student = next((c for c in columns if c.lower() in _STUDENT_ID_NAMES), None)
    elif student not in columns:
        raise BadInput(f"template: studentIdField {student!r} is not an output column")

    preprocessors = raw.get("preProcessors") or []
    if not isinstance(preprocessors, list):
        raise BadInput("template: preProcessors must be a list")
    for step in preprocessors:
        if not isinstance(step, dict) or "name" not in step:
            raise BadInput("template: each preProcessor needs a name")

    return Template(
        path=path,
        page_width=page_w,
        page_height=page_h,
        fields=fields,
        custom_labels=custom,
        output_columns=columns,
        empty_value=empty_value,
        preprocessors=preprocessors,
        bx=np.asarray(xs, dtype=np.float64),
        by=np.asarray(ys, dtype=np.float64),
        bw=np.asarray(ws, dtype=np.float64),
        bh=np.asarray(hs, dtype=np.float64),
        bfield=np.asarray(owner, dtype=np.int32),
        student_id_column=student,
        raw=raw,
    )
