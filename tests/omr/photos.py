"""Phone photos of a page lying on a desk, made from a scan of the page: for the page-finding tests.

The page image is warped in perspective onto a textured, coloured table (wood grain, a coloured desk mat,
light birch), a soft shadow (a hand or the phone) falls across part of page and table, the light falls off
towards one side, and the result is saved as a phone-quality JPEG. Nothing here uses the reader's code.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# BGR base colour and grain contrast of each table surface.
SURFACES: dict[str, tuple[tuple[int, int, int], float]] = {
    "dark wood": ((40, 75, 120), 0.35),
    "oak": ((70, 125, 175), 0.25),
    "birch": ((150, 190, 215), 0.12),  # light wood: little contrast with paper
    "green mat": ((70, 120, 60), 0.08),
    "grey desk": ((120, 118, 112), 0.10),
}


@dataclass
class Photo:
    jpeg: bytes
    corners: np.ndarray  # the page's TL, TR, BR, BL in photo pixels
    surface: str


def table_texture(width: int, height: int, surface: str, rng: np.random.Generator) -> np.ndarray:
    """A BGR table top: wood grain (stretched noise bent by low-frequency waves) or a speckled mat."""
    base, grain = SURFACES[surface]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    along = xs * np.cos(angle) + ys * np.sin(angle)
    across = -xs * np.sin(angle) + ys * np.cos(angle)
    warp = sum(rng.uniform(5, 25) * np.sin(along / rng.uniform(80, 300) + rng.uniform(0, 6)) for _ in range(3))
    rings = np.sin((across + warp) / rng.uniform(3, 9))
    fine = cv2.GaussianBlur(rng.normal(0, 1, (height, width)).astype(np.float32), (0, 0), 1.2)
    pattern = 0.7 * rings + 0.5 * fine
    if "wood" not in surface and surface not in ("oak", "birch"):
        pattern = fine  # a mat or painted desk: speckle, no grain
    shade = 1.0 + grain * pattern
    table = np.stack([np.clip(c * shade, 0, 255) for c in base], axis=2)
    return table.astype(np.uint8)


def photograph(
    page: np.ndarray,
    rng: np.random.Generator,
    *,
    surface: str | None = None,
    fill: tuple[float, float] = (0.55, 0.8),
    tilt: float = 0.08,
    shadow: bool = True,
    long_side: int = 1600,
) -> Photo:
    """`page` (BGR or grey, the flat page) as a phone photo on a table. `fill`: the page's share of the
    photo's height; `tilt`: perspective, as a fraction of the page's size each corner may move."""
    if page.ndim == 2:
        page = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    surface = surface or str(rng.choice(list(SURFACES)))
    ph, pw = page.shape[:2]
    portrait = ph >= pw
    out_h, out_w = (long_side, int(long_side * 0.75)) if portrait else (int(long_side * 0.75), long_side)
    share = rng.uniform(*fill)
    size = share * min(out_h / ph, out_w / pw)
    w, h = pw * size, ph * size
    cx = out_w / 2 + rng.uniform(-0.08, 0.08) * out_w
    cy = out_h / 2 + rng.uniform(-0.06, 0.06) * out_h
    corners = np.array([[cx - w / 2, cy - h / 2], [cx + w / 2, cy - h / 2], [cx + w / 2, cy + h / 2],
                        [cx - w / 2, cy + h / 2]], dtype=np.float64)
    corners += rng.uniform(-tilt, tilt, (4, 2)) * np.array([w, h])
    turn = np.radians(rng.uniform(-6, 6))
    rot = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    corners = (corners - [cx, cy]) @ rot.T + [cx, cy]
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    table = table_texture(out_w, out_h, surface, rng)
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    alpha = (mask.astype(np.float32) / 255.0)[:, :, None]
    photo = warped.astype(np.float32) * alpha + table.astype(np.float32) * (1 - alpha)
    # Light falls off across the frame; paper under a phone light is rarely pure white.
    gx = np.linspace(1.0, rng.uniform(0.75, 0.95), out_w, dtype=np.float32)[None, :]
    gy = np.linspace(rng.uniform(0.85, 1.0), 1.0, out_h, dtype=np.float32)[:, None]
    gain = (gx * gy * rng.uniform(0.85, 0.97))[:, :, None]
    if rng.random() < 0.5:
        gain = gain[:, ::-1]
    photo *= gain
    if shadow:
        # A soft shadow from one side, over part of the page and the table next to it.
        shade = np.zeros((out_h, out_w), np.float32)
        side = int(rng.integers(4))
        reach = rng.uniform(0.15, 0.35)
        pts = {
            0: [[0, 0], [out_w * reach, 0], [out_w * reach * 0.6, out_h], [0, out_h]],
            1: [[out_w, 0], [out_w * (1 - reach), 0], [out_w * (1 - reach * 0.6), out_h], [out_w, out_h]],
            2: [[0, 0], [out_w, 0], [out_w, out_h * reach * 0.6], [0, out_h * reach]],
            3: [[0, out_h], [out_w, out_h], [out_w, out_h * (1 - reach)], [0, out_h * (1 - reach * 0.6)]],
        }[side]
        cv2.fillPoly(shade, [np.array(pts, dtype=np.int32)], 1.0)
        shade = cv2.GaussianBlur(shade, (0, 0), 0.03 * out_w)
        photo *= (1 - rng.uniform(0.25, 0.45) * shade)[:, :, None]
    photo = cv2.GaussianBlur(photo, (0, 0), 0.8)
    photo += rng.normal(0, 3, photo.shape).astype(np.float32)
    image = np.clip(photo, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(70, 90))])
    assert ok
    return Photo(encoded.tobytes(), corners, surface)
