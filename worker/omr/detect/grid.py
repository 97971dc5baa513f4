"""Bubbles -> rectangular grids: neighbours in a row or column link up, linked groups split at uneven gaps.

Two bubbles link when they share a row (or a column) and sit at most GAP_FACTOR typical pitches apart, so
the space taken by question numbers or a margin between two printed blocks separates them. A group is then
cut wherever its row or column spacing jumps (two blocks printed close together), and each piece must be
a nearly full grid of rows x columns.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from worker.omr.detect.bubbles import Bubble

GAP_FACTOR = 1.5  # link distance, in typical pitches along that axis
MAX_LINK = 3.2  # ... and never more than this many bubble sizes
SPLIT_FACTOR = 1.35  # a spacing this much above the group's usual spacing separates two blocks
MIN_FULL = 0.85  # fraction of grid positions that must hold a bubble


@dataclass
class Grid:
    """Centres of the columns and rows of one block (straightened-image pixels) and the bubble size."""

    xs: np.ndarray
    ys: np.ndarray
    bubble_w: float
    bubble_h: float
    filled: float  # fraction of positions holding a bubble

    @property
    def rows(self) -> int:
        return len(self.ys)

    @property
    def cols(self) -> int:
        return len(self.xs)


def _typical_pitch(along: np.ndarray, across: np.ndarray, size_along: float, size_across: float) -> float:
    """Median distance to the next bubble of the same row (or column), looking one way only."""
    d_along = along[None, :] - along[:, None]
    same_line = np.abs(across[None, :] - across[:, None]) < 0.4 * size_across
    ahead = np.where(same_line & (d_along > 0.5 * size_along), d_along, np.inf)
    nearest = ahead.min(axis=1)
    nearest = nearest[nearest < 4 * size_along]
    return float(np.median(nearest)) if nearest.size else 2.0 * size_along


def _components(links: np.ndarray) -> list[np.ndarray]:
    n = links.shape[0]
    label = -np.ones(n, dtype=np.int64)
    groups: list[np.ndarray] = []
    for seed in range(n):
        if label[seed] >= 0:
            continue
        stack, members = [seed], []
        label[seed] = len(groups)
        while stack:
            node = stack.pop()
            members.append(node)
            for other in np.flatnonzero(links[node] & (label < 0)):
                label[other] = len(groups)
                stack.append(int(other))
        groups.append(np.array(sorted(members)))
    return groups


def _lines(values: np.ndarray, tolerance: float) -> list[np.ndarray]:
    """Indices of `values` clustered into lines (sorted), a new line wherever the gap exceeds tolerance."""
    order = np.argsort(values)
    cuts = np.flatnonzero(np.diff(values[order]) > tolerance) + 1
    return [np.sort(part) for part in np.split(order, cuts)]


def _runs(centres: np.ndarray) -> list[slice]:
    """Runs of evenly spaced line centres (a jump in spacing starts a new run)."""
    if len(centres) < 3:
        return [slice(0, len(centres))]
    gaps = np.diff(centres)
    usual = float(np.median(gaps))
    cuts = [i + 1 for i, gap in enumerate(gaps) if gap > SPLIT_FACTOR * usual]
    bounds = [0, *cuts, len(centres)]
    return [slice(a, b) for a, b in itertools.pairwise(bounds)]


def _grids_of(points: np.ndarray, sizes: np.ndarray) -> list[Grid]:
    bw, bh = float(np.median(sizes[:, 0])), float(np.median(sizes[:, 1]))
    columns = _lines(points[:, 0], 0.5 * bw)
    rows = _lines(points[:, 1], 0.5 * bh)
    col_of = np.empty(len(points), dtype=np.int64)
    row_of = np.empty(len(points), dtype=np.int64)
    for index, members in enumerate(columns):
        col_of[members] = index
    for index, members in enumerate(rows):
        row_of[members] = index
    xs = np.array([points[m, 0].mean() for m in columns])
    ys = np.array([points[m, 1].mean() for m in rows])
    grids: list[Grid] = []
    for cs in _runs(xs):
        for rs in _runs(ys):
            inside = (col_of >= cs.start) & (col_of < cs.stop) & (row_of >= rs.start) & (row_of < rs.stop)
            count = int(np.count_nonzero(inside))
            if count == 0:
                continue
            sub_xs = np.array([points[inside & (col_of == c), 0].mean() for c in range(cs.start, cs.stop)
                               if np.any(inside & (col_of == c))])
            sub_ys = np.array([points[inside & (row_of == r), 1].mean() for r in range(rs.start, rs.stop)
                               if np.any(inside & (row_of == r))])
            filled = count / (len(sub_xs) * len(sub_ys))
            grids.append(Grid(sub_xs, sub_ys, bw, bh, filled))
    return grids


def group_grids(bubbles: list[Bubble]) -> tuple[list[Grid], list[Grid]]:
    """(grids, rejected): nearly full grids of at least two bubbles, and groups too ragged to be a block."""
    if len(bubbles) < 2:
        return [], []
    points = np.array([[b.x, b.y] for b in bubbles], dtype=np.float64)
    sizes = np.array([[b.w, b.h] for b in bubbles], dtype=np.float64)
    bw, bh = float(np.median(sizes[:, 0])), float(np.median(sizes[:, 1]))
    x, y = points[:, 0], points[:, 1]
    pitch_x = _typical_pitch(x, y, bw, bh)
    pitch_y = _typical_pitch(y, x, bh, bw)
    dx = np.abs(x[None, :] - x[:, None])
    dy = np.abs(y[None, :] - y[:, None])
    same_row = (dy < 0.4 * bh) & (dx <= min(GAP_FACTOR * pitch_x, MAX_LINK * bw))
    same_col = (dx < 0.4 * bw) & (dy <= min(GAP_FACTOR * pitch_y, MAX_LINK * bh))
    links = same_row | same_col
    np.fill_diagonal(links, False)
    grids: list[Grid] = []
    rejected: list[Grid] = []
    for members in _components(links):
        if len(members) < 2:
            continue
        for grid in _grids_of(points[members], sizes[members]):
            if grid.rows * grid.cols < 2:
                continue
            (grids if grid.filled >= MIN_FULL else rejected).append(grid)
    return grids, rejected
