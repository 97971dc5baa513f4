"""How far a grid of bubbles is turned: the median direction from each bubble to its nearest neighbour.

Neighbours in a row or a column both point along the grid, so directions are taken modulo 90 degrees.
"""

from __future__ import annotations

import numpy as np

MAX_SKEW = np.radians(20.0)


def grid_skew(points: np.ndarray, size: float) -> float | None:
    """Radians the rows run clockwise from horizontal (image y down), or None for too few bubbles."""
    if len(points) < 6:
        return None
    d = points[None, :, :] - points[:, None, :]
    dist = np.hypot(d[:, :, 0], d[:, :, 1])
    np.fill_diagonal(dist, np.inf)
    nearest = np.argmin(dist, axis=1)
    rows = np.arange(len(points))
    vectors = d[rows, nearest]
    close = dist[rows, nearest] < 3.0 * size
    if np.count_nonzero(close) < 6:
        return None
    angles = np.arctan2(vectors[close, 1], vectors[close, 0])
    angles = (angles + np.pi / 4) % (np.pi / 2) - np.pi / 4
    skew = float(np.median(angles))
    return skew if abs(skew) <= MAX_SKEW else None


def rotation_about(centre: tuple[float, float], angle: float) -> np.ndarray:
    """3x3 homography turning points by `angle` radians (clockwise on screen) about `centre`."""
    c, s = np.cos(angle), np.sin(angle)
    cx, cy = centre
    return np.array([[c, -s, cx - c * cx + s * cy], [s, c, cy - s * cx - c * cy], [0.0, 0.0, 1.0]])
