"""homework_video_analysis on small MJPG videos written with cv2.VideoWriter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from worker.context import JobContext
from worker.errors import BadInput
from worker.video import handle_homework_video_analysis

FPS = 10


def write_video(path: Path, frames: int, *, page: bool = True, blur_from: int | None = None) -> Path:
    """A phone-style video of a written page on a dark desk; it turns to a second page half way."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (320, 240))
    assert writer.isOpened()
    for index in range(frames):
        rng = np.random.default_rng(0 if index < frames // 2 else 1)  # same writing on every frame of a page
        frame = np.full((240, 320, 3), (40, 50, 60), np.uint8)  # desk
        if page:
            cv2.rectangle(frame, (40, 20), (280, 220), (235, 235, 235), thickness=-1)
            lines = 6 if index < frames // 2 else 3  # the second page has less writing
            for line in range(lines):
                y = 45 + line * 28
                xs = np.cumsum(rng.integers(6, 14, 14)) + 55
                for x in xs[xs < 265]:
                    cv2.line(frame, (int(x), y), (int(x) + 5, y - 10), (30, 30, 30), 2)
            if index >= frames // 2:
                cv2.circle(frame, (200, 170), 25, (20, 20, 20), 2)
        if blur_from is not None and index >= blur_from:
            frame = cv2.GaussianBlur(frame, (0, 0), 6)
        writer.write(frame)
    writer.release()
    return path


def test_reports_duration_frames_and_key_frames(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    video = write_video(tmp_path / "homework.avi", 60, blur_from=50)
    ctx = make_ctx("homework_video_analysis")
    result = handle_homework_video_analysis({"video_path": str(video), "frame_stride": 5, "min_frame_count": 30}, ctx)
    assert result["frame_count"] == 60
    assert result["duration_seconds"] == pytest.approx(6.0)
    assert result["sampled_frames"] == 12
    assert result["sharp_frames"] == 10  # frames 50 and 55 are blurred
    assert result["written_page_frames"] >= 10
    assert result["usable"] is True
    keys = result["key_frames"]
    assert len(keys) == 2  # the first page and the turned page, not every sampled frame
    for key in keys:
        assert Path(key["path"]).is_file() and Path(key["path"]).is_relative_to(ctx.data_dir)
        assert key["time_seconds"] == pytest.approx(key["index"] / FPS)


def test_video_without_a_page_is_not_usable(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    video = write_video(tmp_path / "desk.avi", 20, page=False)
    result = handle_homework_video_analysis({"video_path": str(video), "frame_stride": 2}, make_ctx())
    assert result["written_page_frames"] == 0 and result["key_frames"] == [] and result["usable"] is False


def test_too_few_frames_is_rejected_with_the_reason(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    video = write_video(tmp_path / "short.avi", 8)
    with pytest.raises(BadInput, match=r"8 frames, fewer than min_frame_count 30") as caught:
        handle_homework_video_analysis({"video_path": str(video), "min_frame_count": 30}, make_ctx())
    assert not caught.value.retryable


@pytest.mark.parametrize("content", [b"", b"this is not a video at all" * 50, b"\xff\xd8\xff\xe0 broken jpeg"])
def test_wrong_kind_of_file_is_bad_input(tmp_path: Path, make_ctx: Callable[..., JobContext], content: bytes) -> None:
    fake = tmp_path / "homework.mp4"
    fake.write_bytes(content)
    with pytest.raises(BadInput, match=r"video|frames"):
        handle_homework_video_analysis({"video_path": str(fake)}, make_ctx())


def test_missing_file_and_url_only(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    with pytest.raises(BadInput, match="not found"):
        handle_homework_video_analysis({"video_path": str(tmp_path / "nope.avi")}, make_ctx())
    with pytest.raises(BadInput, match="downloaded first"):
        handle_homework_video_analysis({"video_url": "https://example.invalid/v.mp4"}, make_ctx())
