"""OMR jobs and damaged files: an annotate_dir that cannot be written fails its job once as bad input;
Pillow's warnings about damaged metadata stay off stderr."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
from PIL import Image, TiffImagePlugin

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from tests.omr.synth import write_set
from tests.reliability.cli import REPO, scandesk
from worker.loop import WorkerConfig, run_jobs

TEMPLATE = REPO / "resources" / "templates" / "kr_omr_20.json"


def test_an_unwritable_annotate_dir_fails_once_as_bad_input(tmp_path: Path) -> None:
    [(scan, _)] = write_set(TEMPLATE, tmp_path / "scans", 1, seed=5)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    store = open_store(f"sqlite:///{tmp_path / 'q.db'}")
    queue = JobQueue(store)
    [job_id] = queue.enqueue_many(
        [AIJob.new(type="omr", payload={"image_path": str(scan), "template": str(TEMPLATE),
                                        "annotate_dir": str(blocker / "out")})],
        max_attempts=3,
    )
    [view] = run_jobs(queue, [job_id], config=WorkerConfig(concurrency=1, mode="thread", data_dir=tmp_path))
    store.close()
    assert view.status == "FAILED" and view.attempt_count == 1, view.last_error
    assert view.error.startswith(f"annotate_dir {blocker / 'out'}: the annotated sheet cannot be written")
    assert "unexpected error" not in view.error


def _tiff_with_damaged_tags(path: Path) -> None:
    """A TIFF whose ImageDescription points past the end of the file (as some scanners write)."""
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[270] = "scanner notes " * 30
    buffer = io.BytesIO()
    Image.fromarray(np.full((300, 200), 255, dtype=np.uint8)).save(buffer, "TIFF", tiffinfo=tags)
    data = bytearray(buffer.getvalue())
    ifd = struct.unpack("<I", data[4:8])[0]
    for index in range(struct.unpack("<H", data[ifd : ifd + 2])[0]):
        entry = ifd + 2 + 12 * index
        if struct.unpack("<H", data[entry : entry + 2])[0] == 270:
            data[entry + 8 : entry + 12] = struct.pack("<I", len(data) + 5000)
    path.write_bytes(bytes(data))


def test_pillow_metadata_warnings_do_not_leak_to_stderr(tmp_path: Path) -> None:
    scans = tmp_path / "scans"
    write_set(TEMPLATE, scans, 1, seed=6)
    _tiff_with_damaged_tags(scans / "damaged.tif")
    run = scandesk(tmp_path / "home", "omr", str(scans), "--template", str(TEMPLATE))
    assert "Warning" not in run.err and "Traceback" not in run.err, run.err
    assert "damaged.tif" in run.err  # its own one-line reason
    assert "1 page(s) read" in run.err
