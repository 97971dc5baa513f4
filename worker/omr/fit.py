"""Is this page the template's card, and which way up? The printed bubbles must sit where the template
puts them.

Every card prints something at each bubble: an outline (ring, rounded box, table cell) or a glyph (the
option's digit or letter), and a marked bubble is a solid blob. Each of these is a closed shape whose
centre is the bubble's centre: the outer boundary of a blob or glyph, or the hole inside a ring or a cell
(the hole stays round even where a ring touches a table's rules). So the page's print shapes of about
bubble size are collected, and each field block of the template looks for the one offset (within a
bubble) at which most of its bubbles have a shape centred on them, to a fifth of a bubble. A block drawn
loosely still finds its offset; on another card, a question paper or an empty page the template's
bubbles meet shapes only here and there, at no common offset. Shapes inside a block's area that sit
between its bubbles count against the page (another card with a denser grid explains its own print, not
the template's), and so does a field with no shape on any of its bubbles (a row this card does not have).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from worker.errors import BadInput
from worker.omr.detect.bubbles import ink_mask
from worker.omr.template import Template

SHAPE_SIZE = (0.35, 2.5)  # a print shape's longer side, in bubbles (letters inside rings count too)
SEARCH = 1.0  # largest block offset tried, in bubbles
TOLERANCE = 0.2  # a shape this close (in bubbles) to a bubble's centre sits on it
BLUR_PX = 2.0  # ... or this close in the decoded page's pixels, where bubbles are small (phone photos)
STRAY = 1.75  # a shape in a block's area farther than this many tolerances from every bubble is print the
# template lacks
BIN = 0.1  # offset histogram bin, in bubbles
CONTRASTS = (12, 6)  # print contrast tried, the lower for bubbles printed in a light colour
# CardMatch.score on the shared samples: right cards 0.81-1.0 as scanned (the lowest: Sandeep-1507's 800
# small bubbles), 0.62-0.72 for that card photographed on a desk (tests/omr/test_photos.py); other cards
# 0.0-0.51 (the highest: a 5-row card read with a 6-row card's template, rows and columns nearly on each
# other's places and the sixth row bare; a 5-bubble template on a 200-question card, among its bubbles).
MIN_MATCH = 0.57
SURE_MATCH = 0.8
# The shared samples' other ways up (those the bubble grid left in doubt) score 0.41-0.97 below the right
# one; a way up within this of the best one leaves the page's orientation in doubt.
TURN_DOUBT = 0.1
MATCH_BUBBLE_PX = 20.0  # shapes are looked for with bubbles about this many pixels across


@dataclass(frozen=True)
class CardMatch:
    """How well the page's print fits the template's bubbles (0-1 each)."""

    support: float  # share of the template's bubbles with a print shape on them
    stray: float  # share of the print shapes in the blocks' areas that sit on no bubble
    bare: float = 0.0  # share of the template's fields with no print shape on any of their bubbles

    @property
    def score(self) -> float:
        # A bare field weighs twice: a whole question where the page prints nothing is a row this card
        # does not have, while a right card's shapes go missing only a bubble here and there.
        return self.support * (1.0 - self.stray) * (1.0 - self.bare) ** 2

    def to_dict(self) -> dict[str, float]:
        return {"support": round(self.support, 3), "stray": round(self.stray, 3), "bare": round(self.bare, 3)}


def print_shapes(mask: np.ndarray, bubble_px: float) -> np.ndarray:
    """Centres (x, y) of the closed shapes of about bubble size in a print mask: blobs, glyphs and the
    holes inside rings and cells."""
    contours, _ = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return np.zeros((0, 2))
    boxes = np.array([cv2.boundingRect(c) for c in contours], dtype=np.float64)
    w, h = boxes[:, 2], boxes[:, 3]
    side = np.maximum(w, h)
    keep = (side >= SHAPE_SIZE[0] * bubble_px) & (side <= SHAPE_SIZE[1] * bubble_px) & (w < 3 * h) & (h < 3 * w)
    boxes = boxes[keep]
    # The centre of pixels x .. x + w - 1: a page turned by 180 degrees puts it exactly where the turn does.
    return np.column_stack([boxes[:, 0] + (boxes[:, 2] - 1) / 2, boxes[:, 1] + (boxes[:, 3] - 1) / 2])


def _distances(points: np.ndarray, shapes: np.ndarray) -> np.ndarray:
    return np.asarray(np.hypot(points[:, 0][:, None] - shapes[:, 0][None, :], points[:, 1][:, None] - shapes[:, 1][None, :]))


def _block_offset(centres: np.ndarray, shapes: np.ndarray, bubble_px: float, tolerance: float) -> np.ndarray | None:
    """The offset (in bubbles) at which most of the block's bubbles have a shape within `tolerance`
    (bubbles), or None."""
    dist = _distances(centres, shapes)
    rows, cols = np.nonzero(dist <= SEARCH * bubble_px)
    if rows.size == 0:
        return None
    offsets = (shapes[cols] - centres[rows]) / bubble_px
    bins = round(2 * SEARCH / BIN) + 1
    index = np.clip(np.round((offsets + SEARCH) / BIN).astype(np.int64), 0, bins - 1)
    votes = np.zeros((bins, bins), np.float32)
    np.add.at(votes, (index[:, 1], index[:, 0]), 1.0)
    width = 2 * round(tolerance / BIN) + 1
    wide = cv2.boxFilter(votes, -1, (width, width), normalize=False, borderType=cv2.BORDER_CONSTANT)
    narrow = cv2.boxFilter(votes, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
    # A plateau of the wide sum is broken towards its densest middle, not its first corner.
    peak_y, peak_x = np.unravel_index(int(np.argmax(wide + 1e-3 * narrow + 1e-6 * votes)), votes.shape)
    peak = np.array([peak_x, peak_y], dtype=np.float64) * BIN - SEARCH
    agree = np.all(np.abs(offsets - peak) <= tolerance + BIN / 2, axis=1)
    return np.asarray(offsets[agree].mean(axis=0)) if agree.any() else peak


def card_match(shapes: np.ndarray, template: Template, scale: float, page_px: float = 0.0) -> CardMatch:
    """`shapes` are the page's print shapes (`print_shapes`) in the template frame at `scale` working px
    per template unit; `page_px` is how many working px one pixel of the decoded page spans (its blur sets
    a floor under the tolerance)."""
    bubble_px = float(np.median(np.maximum(template.bw, template.bh))) * scale
    tolerance = max(TOLERANCE, BLUR_PX * page_px / bubble_px)
    centres = np.column_stack([(template.bx + template.bw / 2) * scale, (template.by + template.bh / 2) * scale])
    if len(shapes) == 0 or len(centres) == 0:
        return CardMatch(0.0, 0.0)
    supported = np.zeros(len(centres), dtype=bool)
    stray = inside = 0
    for block in np.unique(template.bblock):
        members = np.flatnonzero(template.bblock == block)
        ours = centres[members]
        low, high = ours.min(axis=0), ours.max(axis=0)
        near = shapes[np.all((shapes >= low - 1.5 * bubble_px) & (shapes <= high + 1.5 * bubble_px), axis=1)]
        if len(near) == 0:
            continue
        offset = _block_offset(ours, near, bubble_px, tolerance)
        if offset is None:
            continue
        placed = ours + offset * bubble_px
        supported[members] = _distances(placed, near).min(axis=1) <= tolerance * bubble_px
        area = np.all((near >= placed.min(axis=0) - 0.5 * bubble_px) & (near <= placed.max(axis=0) + 0.5 * bubble_px), axis=1)
        if area.any():
            stray += int(np.count_nonzero(_distances(near[area], placed).min(axis=1) > STRAY * tolerance * bubble_px))
            inside += int(np.count_nonzero(area))
    bare = [not supported[f.bubble_start : f.bubble_start + f.bubble_count].any() for f in template.fields]
    return CardMatch(float(supported.mean()), stray / inside if inside else 0.0, float(np.mean(bare)) if bare else 0.0)


def _scale(template: Template) -> float:
    bubble = float(np.median(np.minimum(template.bw, template.bh)))
    return float(np.clip(MATCH_BUBBLE_PX / bubble, 0.05, 2.0))


class _PageView:
    """The decoded page warped into the template frame one way up, with its print shapes found once per
    contrast, when first asked for."""

    def __init__(self, grey: np.ndarray, homography: np.ndarray, template: Template) -> None:
        self.template = template
        self.scale = _scale(template)
        size = (round(template.page_width * self.scale), round(template.page_height * self.scale))
        to_work = np.diag([self.scale, self.scale, 1.0]) @ homography
        self.warped = cv2.warpPerspective(grey, to_work, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        corners = np.array([[[0, 0], [size[0], 0], [size[0], size[1]], [0, size[1]]]], dtype=np.float64)
        on_page = cv2.perspectiveTransform(corners, np.linalg.inv(to_work))[0].astype(np.float32)
        self.page_px = float(np.sqrt(size[0] * size[1] / max(1.0, cv2.contourArea(on_page))))
        self.bubble_px = float(np.median(np.maximum(template.bw, template.bh))) * self.scale
        self._shapes: dict[int, np.ndarray] = {}

    def shapes(self, contrast: int) -> np.ndarray:
        if contrast not in self._shapes:
            self._shapes[contrast] = print_shapes(ink_mask(self.warped, contrast), self.bubble_px)
        return self._shapes[contrast]

    def match(self, turned: bool = False) -> CardMatch:
        """The fit as warped, or (`turned`) with the template turned by 180 degrees on the same warp: the
        shapes are then where the turn puts them, with nothing warped or searched again."""
        frame = np.array([self.template.page_width, self.template.page_height]) * self.scale
        best = CardMatch(0.0, 0.0)
        for contrast in CONTRASTS:
            shapes = self.shapes(contrast)
            if turned:
                shapes = frame - shapes
            best = max(best, card_match(shapes, self.template, self.scale, self.page_px), key=lambda m: m.score)
            if best.score >= SURE_MATCH:  # the other contrast could only confirm it
                break
        return best


def _half_turn_of(homography: np.ndarray, other: np.ndarray, template: Template) -> bool:
    """Whether `homography` puts the template on the page as `other` does, turned by 180 degrees (to
    within half a template unit at the corners)."""
    width, height = template.page_width, template.page_height
    turn = np.array([[-1.0, 0.0, width], [0.0, -1.0, height], [0.0, 0.0, 1.0]])
    corners = np.array([[[0, 0], [width, 0], [width, height], [0, height]]], dtype=np.float64)
    one = cv2.perspectiveTransform(corners, homography @ np.linalg.inv(other) @ np.linalg.inv(turn))
    return bool(np.abs(one - corners).max() < 0.5)


def choose_turn(grey: np.ndarray, candidates: dict[int, np.ndarray], template: Template) -> tuple[int, CardMatch, bool]:
    """Of the ways up (degrees turned -> homography) the bubble grid could not tell apart, the one the print
    fits best; whether another fits about as well (the page is then flagged, never read on a guess).

    Raises BadInput when the print fits none of them: the page is not this template's card.
    """
    first_turn, first_homography = next(iter(candidates.items()))
    first = _PageView(grey, first_homography, template)
    matches: dict[int, CardMatch] = {}
    for turn, homography in candidates.items():
        if turn == first_turn:
            matches[turn] = first.match()
        elif _half_turn_of(homography, first_homography, template):
            matches[turn] = first.match(turned=True)
        else:
            matches[turn] = _PageView(grey, homography, template).match()
    turn = max(matches, key=lambda t: matches[t].score)
    best = matches[turn]
    if best.score < MIN_MATCH:
        raise BadInput(
            f"this page does not match the template {template.path.stem}: only {best.support:.0%} of the "
            "template's bubbles sit on printed bubbles (another card, a question paper or an empty page?)"
        )
    doubtful = any(m.score > best.score - TURN_DOUBT for t, m in matches.items() if t != turn)
    return turn, best, doubtful
