"""Screenshots of every main screen, in Korean and English, over real processed sample data.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

What it does, in a fresh data folder: makes two exams (a Korean 20-question card with an answer key, and
OMRChecker's sample1 phone photo), renders and fills 12 Korean cards synthetically (tests/omr/synth.py),
adds a blank page that the worker rejects, imports and processes everything with the real worker loop,
corrects one read, sends the outbox to the stand-in central API (one row it refuses), and points the
admin panel at a moto EC2 instance. Then it opens the real main window and grabs each tab.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SAMPLE1 = REPO.parent / "shared" / "samples" / "omrchecker" / "samples" / "sample1"
SCREENS = ("import", "jobs", "review", "results", "sync", "admin", "settings")


def prepare_data(home: Path, work: Path) -> dict[str, object]:
    """Runs headless: exams, scans, processing, one correction, an outbox sent to the stand-in."""
    import numpy as np

    from core.contracts import AIJob
    from core.exams import create_exam
    from core.queue import JobQueue
    from core.store import open_store
    from desktop.services.intake import import_paths
    from desktop.services.review import correct, review_queue
    from tests.omr.synth import write_set
    from worker.loop import WorkerConfig, run_jobs

    store = open_store(home=home)
    queue = JobQueue(store)
    template = REPO / "resources" / "templates" / "kr_omr_20.json"
    key = work / "정답_3월.csv"
    key.write_text("문항,정답\n" + "".join(f"{i},{(i * 7) % 5 + 1}\n" for i in range(1, 21)), encoding="utf-8")
    scans = work / "스캔_3월"
    write_set(template, scans, 12, seed=2024)
    import cv2

    cv2.imwrite(str(scans / "빈_페이지.png"), np.full((1100, 800), 250, np.uint8))
    march = create_exam(store, "3월 모의고사 (20문항)", template, key)
    photo_dir = work / "sample1"
    photo_dir.mkdir()
    shutil.copy(SAMPLE1 / "MobileCamera" / "sheet1.jpg", photo_dir / "sheet1.jpg")
    sample = create_exam(store, "OMRChecker sample1 (phone photo)", SAMPLE1 / "template.json")
    ids = list(import_paths(queue, [photo_dir], exam=sample).job_ids)
    ids += list(import_paths(queue, [scans], exam=march).job_ids)
    run_jobs(queue, ids, config=WorkerConfig(concurrency=2, mode="thread", data_dir=store.data_dir))
    # One correction, so the results show it.
    question = next((i for i in review_queue(queue, exam_id=march.id) if i.field.startswith("q")), None)
    if question is not None:
        correct(queue, question.job_id, question.field, "3")
    # A few jobs still waiting, so the jobs table shows every state.
    queue.enqueue_many([AIJob.new(type="omr", payload={"image_path": str(p), "page": 0, "template": str(template)})
                        for p in sorted(scans.glob("*.jpg"))[:3]])
    store.close()
    return {"march": march.id, "sample": sample.id}


def send_outbox(home: Path, server: object) -> None:
    """Most results reach the stand-in; one job it refuses (dead, with its message); two more wait
    because the server is failing when they are sent (pending, with the error)."""
    import time

    from sqlalchemy import insert

    from core.queue import JobQueue
    from core.settings import load_settings
    from core.store import open_store
    from core.store.schema import jobs
    from desktop.services import sync_stack

    store = open_store(home=home)
    queue = JobQueue(store)
    now = time.time()
    with store.write() as conn:
        conn.execute(insert(jobs), [{
            "job_id": job_id, "job_type": "embedding", "status": "PENDING", "payload": {"texts": ["숙제 3번"]},
            "origin": "desk", "placement": "desk", "attempt_count": 0, "max_attempts": 5, "next_run_at": now,
            "last_error": "", "progress": 0.0, "progress_message": "", "discarded": False, "created_at": now,
            "updated_at": now} for job_id in ("hw-2026-03-bad-id", "emb-a-0001", "emb-b-0002")])
    settings = load_settings().replace(api_url=server.base_url)  # type: ignore[attr-defined]
    [claimed] = queue.claim_many("demo", 1, job_types=["embedding"])
    queue.complete(claimed.job_id, claimed.lease_token, {"vectors": [[0.1, 0.2]]})
    report = sync_stack.send_now(store, queue, settings, token="demo-token")
    print(f"outbox: {report.steps_sent} messages sent to the stand-in", file=sys.stderr)
    server.set_faults(error500=1.0)  # type: ignore[attr-defined]
    for claimed in queue.claim_many("demo", 2, job_types=["embedding"]):
        queue.complete(claimed.job_id, claimed.lease_token, {"vectors": [[0.3, 0.4]]})
    store.close()


def grab_all(home: Path, out: Path, lang: str, instance_id: str, api_url: str, translations: object) -> list[Path]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.queue import JobQueue
    from core.settings import load_settings
    from core.store import open_store
    from desktop.gui.main_window import MainWindow
    from desktop.services.bootstrap import DeskServices

    translations.install(lang)  # type: ignore[attr-defined]
    store = open_store(home=home)
    settings = load_settings().replace(admin_mode=True, cloud_region="ap-northeast-2", cloud_instance_id=instance_id,
                                       language=lang, concurrency=2, watched_dir=str(home / "scanner"),
                                       api_url=api_url)
    ctx = DeskServices(store=store, queue=JobQueue(store), settings=settings, worker_mode="thread")
    window = MainWindow(ctx, translations=translations)  # type: ignore[arg-type]
    window.resize(1360, 860)
    window.show()

    def settle(ms: int = 1200) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle()
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for name in SCREENS:
        widget = getattr(window, f"{name}_screen")
        window.tabs.setCurrentWidget(widget)
        settle(300)
        if name == "import":
            widget.exam_combo.setCurrentIndex(widget.exam_combo.findText("3월 모의고사 (20문항)"))
            widget.add_paths([str(home.parent / "work" / "스캔_3월")])
            (home / "scanner").mkdir(exist_ok=True)
            widget.watch_folder.setText(str(home / "scanner"))
            widget.watch_exam.setCurrentIndex(widget.watch_exam.findText("3월 모의고사 (20문항)"))
            widget.watch_enabled.setChecked(True)
        elif name == "jobs":
            widget.model.refresh_now()
            widget.table.selectRow(1)
        elif name == "review":
            settle(800)
            records = widget.items_model.records()
            row = next((i for i, r in enumerate(records) if "sample1" in r.file or r.file == "sheet1.jpg"), 0)
            row = next((i for i, r in enumerate(records) if r.file.startswith("sheet_")), row) if lang == "ko" else row
            widget.items_view.setCurrentIndex(widget.items_model.index(row, 0))
            settle(1000)
            widget.sheet.zoom_by(1.6 if lang == "ko" else 1.0)
            widget.sheet._focus_on_fields()
        elif name == "results":
            widget.exam_combo.setCurrentIndex(widget.exam_combo.findText("3월 모의고사 (20문항)"))
            widget.reload()
        elif name == "sync":
            widget.send_now(quiet=True)  # the stand-in is failing now: offline, rows keep its message
        elif name == "admin":
            widget.refresh()
        settle(1500)
        path = out / lang / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path), "PNG", 9)
        _shrink(path)
        saved.append(path)
        print(f"saved {path} ({path.stat().st_size // 1024} KB)", file=sys.stderr)
    window.close()
    store.close()
    QApplication.processEvents()
    return saved


def _shrink(path: Path, limit: int = 300_000) -> None:
    """Photos of sheets make big PNGs; 256 colours keep them readable and under the limit."""
    if path.stat().st_size <= limit:
        return
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--keep", action="store_true", help="keep the data folder (printed)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="scandesk-shots-"))
    home, work = root / "home", root / "work"
    work.mkdir(parents=True)
    os.environ["SCANDESK_HOME"] = str(home)
    os.environ["SCANDESK_NO_FIRST_RUN"] = "1"
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ[name] = "demo"
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    (root / "aws").write_text("")
    os.environ["AWS_CONFIG_FILE"] = os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(root / "aws")
    prepare_data(home, work)

    import boto3
    from moto import mock_aws

    from desktop.gui.app import create_application
    from desktop.gui.i18n import Translations
    from tests.central_api.fixtures import start_stand_in

    app = create_application()
    translations = Translations(app)
    with start_stand_in(work / "stand_in", token="demo-token") as server, mock_aws():
        send_outbox(home, server)
        from core.secrets import WORKER_TOKEN, default_secret_store

        default_secret_store().set(WORKER_TOKEN, "demo-token")
        ec2 = boto3.client("ec2", region_name="ap-northeast-2")
        instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="g4dn.xlarge")
        instance_id = instance["Instances"][0]["InstanceId"]
        ec2.stop_instances(InstanceIds=[instance_id])
        for lang in ("ko", "en"):
            grab_all(home, args.out, lang, instance_id, server.base_url, translations)
    if args.keep:
        print(f"data folder: {root}", file=sys.stderr)
    else:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
