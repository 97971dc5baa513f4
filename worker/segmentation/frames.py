"""Drawn frames (boxes) around questions: a rectangle that holds exactly one question anchor becomes
that question's region, since the frame is what the exam's author meant as its extent."""

from __future__ import annotations

import cv2
import numpy as np

MIN_FRAME_FRACTION = 0.01  # of the page area: smaller rectangles are table cells or answer boxes


def find_frames(gray: np.ndarray) -> list[list[int]]:
    """[x, y, w, h] of large rectangles drawn on the page, in source pixels."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # Long horizontal and vertical strokes only: text cannot form them, frame edges do.
    length = max(15, min(gray.shape) // 20)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    strokes = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    contours, hierarchy = cv2.findContours(strokes, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    page_area = gray.shape[0] * gray.shape[1]
    frames: list[list[int]] = []
    for index, contour in enumerate(contours):
        if tree[index][3] != -1:
            continue  # a hole; frames are judged by their outer outline
        x, y, w, h = cv2.boundingRect(contour)
        if not (MIN_FRAME_FRACTION * page_area <= w * h <= 0.9 * page_area):
            continue
        approx = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        # A frame is hollow: its largest hole fills most of it. A solid block of long strokes is
        # hatching or a scribble, not a box.
        hole, child = 0.0, tree[index][2]
        while child != -1:
            hole = max(hole, cv2.contourArea(contours[child]))
            child = tree[child][0]
        if len(approx) == 4 and cv2.contourArea(contour) > 0.8 * w * h and hole > 0.5 * w * h:
            frames.append([x, y, w, h])
    return _dedupe(frames)


def _dedupe(frames: list[list[int]]) -> list[list[int]]:
    """The inner and outer outline of one stroke rectangle are both found; keep one of each."""
    kept: list[list[int]] = []
    for frame in sorted(frames, key=lambda f: -f[2] * f[3]):
        if not any(abs(frame[0] - k[0]) < 12 and abs(frame[1] - k[1]) < 12
                   and abs(frame[2] - k[2]) < 24 and abs(frame[3] - k[3]) < 24 for k in kept):
            kept.append(frame)
    return kept


def contains_point(frame: list[int], x: float, y: float) -> bool:
    return frame[0] <= x <= frame[0] + frame[2] and frame[1] <= y <= frame[1] + frame[3]
