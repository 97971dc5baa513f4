"""The `homework_video_analysis` job: is this a usable video of written homework, and its key frames.

Payload (the central API's HomeworkVideoPayload): `video_path`, `frame_stride` (analyse every Nth frame,
default 10), `min_frame_count` (reject shorter videos, default 10). Result: `duration_seconds`, `fps`,
`frame_count`, `sampled_frames`, `sharp_frames`, `written_page_frames`, `key_frames` [{index,
time_seconds, path, sharpness}] saved as JPEG under the data dir, and `usable`.
Runs on the claiming worker thread/process; progress and the cancel check happen per sampled frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np

from worker.context import JobContext
from worker.errors import BadInput, Cancelled
from worker.inputs import input_path

DEFAULT_FRAME_STRIDE = 10
DEFAULT_MIN_FRAME_COUNT = 10
ANALYSIS_WIDTH = 640  # frames are judged at this width: enough for focus and ink, cheap on any size
SHARP_LAPLACIAN_VARIANCE = 60.0  # below this a 640-px frame is motion-blurred or out of focus
MAX_KEY_FRAMES = 20
# A new key frame when this share of pixels changed clearly (by > 40 grey levels) since the last one: a
# turned page or new writing, not sensor noise or a slight hand shake.
KEY_FRAME_CHANGED_SHARE = 0.005


def sharpness(gray: np.ndarray) -> float:
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def shows_written_page(frame: np.ndarray) -> bool:
    """A large light, unsaturated area (paper) with some dark strokes on it (writing)."""
    hsv = cv2.cvtColor(frame, cv2.COLOR_BGR2HSV)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    paper = ((hsv[..., 2] > 150) & (hsv[..., 1] < 60)).astype(np.uint8)
    paper = np.asarray(cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8)), np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(paper)
    if count < 2:
        return False
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[largest, cv2.CC_STAT_AREA] < 0.25 * gray.size:
        return False
    page = labels == largest
    local = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 20)
    ink = float((local[page] > 0).mean())
    return 0.003 <= ink <= 0.3


def _resize(frame: np.ndarray) -> np.ndarray:
    h, w = frame.shape[:2]
    if w <= ANALYSIS_WIDTH:
        return frame
    return cv2.resize(frame, (ANALYSIS_WIDTH, round(h * ANALYSIS_WIDTH / w)), interpolation=cv2.INTER_AREA)


def handle_homework_video_analysis(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    path = input_path(payload, "video_path", ctx.allowed_dirs)
    stride = int(payload.get("frame_stride") or DEFAULT_FRAME_STRIDE)
    given_minimum = payload.get("min_frame_count")
    minimum = int(given_minimum) if given_minimum is not None else DEFAULT_MIN_FRAME_COUNT
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            raise BadInput(f"not a readable video: {path.name}")
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        declared = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        if 0 < declared < minimum:
            raise BadInput(f"video too short: {declared} frames, fewer than min_frame_count {minimum}")
        result = _analyse(capture, stride, declared, ctx.output_dir("video"), ctx)
    finally:
        capture.release()
    frames = result["frame_count"]
    if frames == 0:
        raise BadInput(f"no frames could be decoded from {path.name} (not a video, or damaged)")
    if frames < minimum:
        raise BadInput(f"video too short: {frames} frames, fewer than min_frame_count {minimum}")
    duration = frames / fps if fps > 0 else None
    for key in result["key_frames"]:
        key["time_seconds"] = round(key["index"] / fps, 3) if fps > 0 else None
    ctx.progress(1.0, f"{frames} frames, {len(result['key_frames'])} key frames")
    return {
        **result,
        "fps": round(fps, 3),
        "duration_seconds": round(duration, 3) if duration is not None else None,
        "frame_stride": stride,
        "min_frame_count": minimum,
        "usable": result["sharp_frames"] > 0 and result["written_page_frames"] > 0,
    }


def _analyse(capture: cv2.VideoCapture, stride: int, declared: int, folder: Path, ctx: JobContext) -> dict[str, Any]:
    index = sampled = sharp = written = 0
    width = height = 0
    key_frames: list[dict[str, Any]] = []
    last_key: np.ndarray | None = None
    while True:
        # grab() skips decoding work for frames we do not analyse; retrieve() decodes the sampled ones.
        if not capture.grab():
            break
        if index % stride == 0:
            ok, frame = capture.retrieve()
            if ok and frame is not None:
                height, width = frame.shape[:2]
                sampled += 1
                small = _resize(frame)
                gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
                score = sharpness(gray)
                is_sharp = score >= SHARP_LAPLACIAN_VARIANCE
                is_page = shows_written_page(small)
                sharp += is_sharp
                written += is_page
                smooth = cv2.GaussianBlur(gray, (3, 3), 0)
                changed = last_key is None or float(
                    (cv2.absdiff(smooth, last_key) > 40).mean()) >= KEY_FRAME_CHANGED_SHARE
                if is_sharp and is_page and changed and len(key_frames) < MAX_KEY_FRAMES:
                    target = folder / f"frame_{index:06d}.jpg"
                    cv2.imwrite(str(target), frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
                    key_frames.append({"index": index, "path": str(target), "sharpness": round(score, 1)})
                    last_key = smooth
            if ctx.cancelled():
                raise Cancelled("cancelled")
            if declared:
                ctx.progress(min(0.99, index / declared), f"frame {index} of {declared}")
        index += 1
    return {
        "frame_count": index,
        "sampled_frames": sampled,
        "sharp_frames": sharp,
        "written_page_frames": written,
        "key_frames": key_frames,
        "width": width,
        "height": height,
    }
