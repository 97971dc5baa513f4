"""Loosely drawn templates: every shared OMRChecker sample set read with its field blocks moved off the print.

A template drawn by hand for a slightly different print puts each block's boxes up to about half a bubble
beside the printed bubbles, each block its own way. `loosened` moves every block's origin independently by
up to half its bubble in x and y (fixed seeds; four draws put every block on a ±0.5 corner, chosen per
block, two anywhere within ±0.5), and `compare_set` reads each of the set's images with the template as
drawn and as moved, column by column.

Several sample templates are themselves drawn up to ~0.7 bubble off their print (sample3, Sandeep-1507,
sample6), where rows repeat every 1.6-1.8 bubbles: half a bubble more would put a block nearer the next
row's print than its own, which nothing on the page can tell apart. So by default (`from_print`) each
block is first put where the reader places it for the drawn template, whose reads
`tests/omr/test_samples.py` holds to OMRChecker's own results, and moved from there: every block ends up
at most half a bubble off its print. `from_print=False` moves the drawn origins instead.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worker.errors import BadInput
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template, parse_template

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}
CORNER_DRAWS = 4  # each block on one of the four ±0.5 corners, chosen per block
SPREAD_DRAWS = 2  # each block anywhere within ±0.5 in x and y


def sample_sets(samples: Path) -> list[tuple[Path, list[Path]]]:
    """(template.json, its scans) for every set: a scan belongs to the nearest template.json above it;
    the template's own files (marker image) and sample6's vector reference are not scans."""
    sets = []
    templates = sorted(samples.rglob("template.json"))
    for path in templates:
        used = load_template(path).files_used()
        scans = []
        for image in sorted(path.parent.rglob("*")):
            if image.suffix.lower() not in IMAGE_SUFFIXES or image.resolve() in used or image.name == "reference.png":
                continue
            owner = image.parent
            while not (owner / "template.json").exists():
                owner = owner.parent
            if owner == path.parent:
                scans.append(image)
        if scans:
            sets.append((path, scans))
    return sets


def loosened(
    raw: dict[str, Any], seed: int, corners: bool, on_print: dict[str, tuple[float, float]] | None = None
) -> dict[str, Any]:
    """A copy of the template with every field block's origin moved by up to half a bubble in x and y,
    each block independently (`corners`: exactly ±0.5 in both). `on_print` first moves blocks by these
    (template units) onto their printed bubbles, so each ends up at most half a bubble off the print."""
    rng = random.Random(seed)
    moved = copy.deepcopy(raw)
    default = raw.get("bubbleDimensions", [10, 10])
    for name, block in moved["fieldBlocks"].items():
        fx, fy = (on_print or {}).get(name, (0.0, 0.0))
        block["origin"] = [block["origin"][0] + fx, block["origin"][1] + fy]
        width, height = block.get("bubbleDimensions", default)
        if corners:
            fx, fy = rng.choice((-0.5, 0.5)), rng.choice((-0.5, 0.5))
        else:
            fx, fy = rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)
        block["origin"] = [block["origin"][0] + fx * width, block["origin"][1] + fy * height]
    return moved


def draws(set_index: int) -> list[tuple[int, bool]]:
    """(seed, corners) of each draw of one set."""
    base = 1000 * (set_index + 1)
    return [(base + n, True) for n in range(CORNER_DRAWS)] + [
        (base + CORNER_DRAWS + n, False) for n in range(SPREAD_DRAWS)
    ]


@dataclass
class Difference:
    image: str
    seed: int
    column: str
    drawn: str  # value read with the template as drawn
    loose: str  # value read with the moved template
    flagged: bool  # the moved template's read flags the column (or the whole sheet)

    def __str__(self) -> str:
        state = "flagged" if self.flagged else "SILENT"
        return f"{self.image} seed {self.seed} {self.column}: {self.drawn!r} -> {self.loose!r} ({state})"


@dataclass
class SetResult:
    template: str
    columns: int = 0  # columns compared, over all images and draws
    differences: list[Difference] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # moved templates that could not read a page

    @property
    def silent(self) -> list[Difference]:
        return [d for d in self.differences if not d.flagged]


def compare_set(
    set_index: int, template_path: Path, images: list[Path], root: Path, from_print: bool = True
) -> SetResult:
    raw = json.loads(template_path.read_text(encoding="utf-8"))
    drawn = load_template(template_path)
    pages = {image: load_page(image) for image in images}
    baseline = {image: read_sheet(page, drawn) for image, page in pages.items()}
    result = SetResult(str(template_path.relative_to(root)))
    for seed, corners in draws(set_index):
        for image, page in pages.items():
            on_print = {
                name: (shift[0] / baseline[image].scale, shift[1] / baseline[image].scale)
                for name, shift in baseline[image].alignment.details.get("block_shifts_px", {}).items()
            } if from_print else None
            template = parse_template(loosened(raw, seed, corners, on_print), template_path)
            name = str(image.relative_to(root))
            try:
                sheet = read_sheet(page, template)
            except BadInput as exc:
                result.errors.append(f"{name} seed {seed}: {exc}")
                continue
            before = baseline[image]
            for column in drawn.output_columns:
                result.columns += 1
                old, new = before.columns[column], sheet.columns[column]
                if old["value"] != new["value"]:
                    flagged = bool(new["flags"]) or bool(sheet.sheet_flags)
                    result.differences.append(
                        Difference(name, seed, column, str(old["value"]), str(new["value"]), flagged)
                    )
    return result
