"""Where the text is on a prepared page, and how tesseract should read each part.

Exam pages are one or two columns of questions. Tesseract's automatic layout (psm 3) breaks such pages
into odd blocks, reorders them and drops lines next to the blanked choice numbers; reading each column
as one uniform block of text (psm 6) keeps every line in order. A region only one line high is read as
a single line (psm 7).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PSM_BLOCK = 6
GUTTER_CHARACTERS = 2.0  # narrowest gutter between columns, in text heights
PSM_LINE = 7


@dataclass(frozen=True)
class Region:
    box: tuple[int, int, int, int]  # x, y, w, h in prepared-page pixels
    psm: int


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of runs of True in a 1-D mask, end exclusive."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))


def text_extent(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if len(rows) == 0:
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)


def column_splits(ink: np.ndarray, text_height: float) -> list[tuple[int, int]]:
    """x ranges of the text columns: split at white gaps running the whole height of the text that are
    wider than two characters (a gutter; a word space is a third of one). The gap must run the band's
    whole height, so the wide spaces between choices in a row do not split it: their question's stem
    above spans the gap."""
    extent = text_extent(ink)
    if extent is None:
        return []
    x, y, w, h = extent
    profile = ink[y: y + h, x: x + w].sum(axis=0)
    gaps = [(a, b) for a, b in _runs(profile == 0) if b - a >= GUTTER_CHARACTERS * text_height and a > 0 and b < w]
    # Only gutters near the middle split columns; a gap at one side is an indent or a margin note area.
    gaps = [(a, b) for a, b in gaps if 0.25 * w < (a + b) / 2 < 0.75 * w]
    edges = [0, *[e for gap in gaps for e in gap], w]
    return [(x + edges[i], x + edges[i + 1]) for i in range(0, len(edges), 2)]


def horizontal_bands(ink: np.ndarray, text_height: float) -> list[tuple[int, int]]:
    """y ranges of text separated by white gaps taller than two lines (between a title and the body, or
    between blocks laid out differently)."""
    rows = np.asarray(ink.any(axis=1))
    runs = _runs(rows)
    if not runs:
        return []
    bands = [list(runs[0])]
    for start, end in runs[1:]:
        if start - bands[-1][1] >= 2 * text_height:
            bands.append([start, end])
        else:
            bands[-1][1] = end
    return [(a, b) for a, b in bands]


def _merge_columns(block: list[tuple[int, int]], band: list[tuple[int, int]],
                   tolerance: float) -> list[tuple[int, int]] | None:
    """The block's columns widened by the band's, or None when the band is laid out differently.

    One column joins one column. Several join when each gutter of the band overlaps the block's (line
    lengths differ from band to band, gutters stay put). A band of one column that fits inside one of
    the block's columns (a last question alone in the left column) joins that column.
    """
    if len(block) == len(band) == 1:
        return [(min(block[0][0], band[0][0]), max(block[0][1], band[0][1]))]
    if len(block) == len(band):
        for index in range(len(block) - 1):
            gutter_left = max(block[index][1], band[index][1])
            gutter_right = min(block[index + 1][0], band[index + 1][0])
            if gutter_left >= gutter_right:
                return None
        return [(min(a[0], b[0]), max(a[1], b[1])) for a, b in zip(block, band, strict=True)]
    if len(band) == 1 and len(block) > 1:
        left, right = band[0]
        for index, (column_left, column_right) in enumerate(block):
            limit = block[index + 1][0] if index + 1 < len(block) else None
            if left >= column_left - tolerance and (limit is None or right < limit):
                if index > 0 and left <= block[index - 1][1]:
                    continue
                merged = list(block)
                merged[index] = (min(column_left, left), max(column_right, right))
                return merged
    return None


def find_regions(binary: np.ndarray, text_height: float, margin: int = 12) -> list[Region]:
    """Regions in reading order, each with the psm that suits it.

    The page is cut into horizontal bands at wide white gaps; each band is split into columns at its
    gutters; neighbouring bands with the same columns are joined again (so a one-column page stays one
    region, read in one tesseract run), and the columns of each joined block are read left to right.
    """
    ink = binary < 128
    blocks: list[tuple[int, int, list[tuple[int, int]]]] = []
    for top, bottom in horizontal_bands(ink, text_height):
        columns = column_splits(ink[top:bottom], text_height)
        merged = _merge_columns(blocks[-1][2], columns, 3 * text_height) if blocks and columns else None
        if merged is not None:
            blocks[-1] = (blocks[-1][0], bottom, merged)
        elif columns:
            blocks.append((top, bottom, columns))
    regions: list[Region] = []
    for top, bottom, columns in blocks:
        for left, right in columns:
            extent = text_extent(ink[top:bottom, left:right])
            if extent is None:
                continue
            _, y, _, height = extent
            x0 = max(0, left - margin)
            y0 = max(0, top + y - margin)
            x1 = min(binary.shape[1], right + margin)
            y1 = min(binary.shape[0], top + y + height + margin)
            psm = PSM_LINE if height < 2.2 * text_height else PSM_BLOCK
            regions.append(Region((x0, y0, x1 - x0, y1 - y0), psm))
    return regions
