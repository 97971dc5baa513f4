"""Screenshots of Results with its charts and of the printed report, in Korean and English.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/results_screenshots.py

Real processed data: 24 Korean 20-question cards drawn with chosen answers (tests/desk/cards.py), read by
the omr worker through the desk import, a roster of their names in two classes, and one correction.
Question 7's key says 2 while most students marked 3 (a key typo, the case the charts highlight).
Writes docs/screenshots/{ko,en}/results_charts.png, report_student.png and report_summary.png.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NAMES = ["김민준", "이서연", "박지후", "최하준", "정예린", "강도윤", "조서아", "윤시우", "장지아", "임주원", "한하은",
         "오건우", "서유나", "신도현", "권수아", "황은우", "안지호", "송채원", "류준서", "홍다은", "전민서", "고태윤",
         "문서준", "양하린"]
EXAM = "6월 모의고사 (20문항)"


def prepare(home: Path, work: Path) -> None:
    from core.exams import create_exam
    from core.queue import JobQueue
    from core.roster import Student, save_students
    from core.store import open_store
    from desktop.services.intake import import_paths
    from desktop.services.review import correct
    from tests.desk.cards import T20, card, write_png
    from worker.loop import WorkerConfig, run_jobs

    rng = random.Random(6)
    key = {f"q{n}": str((n * 3) % 5 + 1) for n in range(1, 21)}
    key_file = work / "정답_6월.csv"
    key_file.write_text("문항,정답\n" + "".join(f"{q[1:]},{a}\n" for q, a in key.items()), encoding="utf-8")
    scans = work / "스캔_6월"
    for i, _name in enumerate(NAMES):
        skill = 0.35 + 0.6 * (i % 12) / 11 + rng.uniform(-0.05, 0.05)
        answers = {}
        for q, a in key.items():
            if q == "q7":  # the key's 2 is a typo for 3: strong students mark 3
                answers[q] = "3" if rng.random() < skill else rng.choice("1245")
            else:
                answers[q] = a if rng.random() < skill else rng.choice([v for v in "12345" if v != a])
        write_png(scans / f"scan_{i + 1:02d}.png", card(answers, student_id=f"{20260101 + i}"))
    store = open_store(home=home)
    queue = JobQueue(store)
    exam = create_exam(store, EXAM, T20, key_file)
    report = import_paths(queue, [scans], exam=exam)
    run_jobs(queue, report.job_ids, config=WorkerConfig(concurrency=2, mode="thread", data_dir=store.data_dir))
    save_students(store, [Student(f"{20260101 + i}", name, "중3-1" if i % 2 == 0 else "중3-2")
                          for i, name in enumerate(NAMES)])
    correct(queue, report.job_ids[0], "q1", key["q1"])
    store.close()


def grab(home: Path, out: Path, lang: str, translations: object) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from core.exams import find_exam
    from core.queue import JobQueue
    from core.settings import load_settings
    from core.store import open_store
    from desktop.gui.main_window import MainWindow
    from desktop.gui.report.pdf import write_pdf
    from desktop.services.bootstrap import DeskServices
    from desktop.services.report_data import exam_report

    translations.install(lang)  # type: ignore[attr-defined]
    store = open_store(home=home)
    settings = load_settings().replace(language=lang, concurrency=2)
    ctx = DeskServices(store=store, queue=JobQueue(store), settings=settings, worker_mode="thread")
    window = MainWindow(ctx, translations=translations)  # type: ignore[arg-type]
    window.resize(1360, 860)
    window.show()

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle(800)
    screen = window.results_screen
    window.tabs.setCurrentWidget(screen)
    screen.exam_combo.setCurrentIndex(screen.exam_combo.findText(EXAM))
    screen.reload()
    settle(2500)
    target = out / lang
    target.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(target / "results_charts.png"), "PNG", 9)
    window.close()

    exam = find_exam(store, EXAM)
    assert exam is not None
    pdf = home / f"report_{lang}.pdf"
    data = exam_report(ctx.queue, exam)
    write_pdf(data, pdf)
    store.close()
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    first_student = next(i for i, page in enumerate(data.pages) if page in data.student_pages)
    for index, name in ((first_student, "report_student.png"), (0, "report_summary.png")):
        document[index].render(scale=1.4).to_pil().convert("RGB").save(target / name, optimize=True)
    document.close()
    for name in ("results_charts.png", "report_student.png", "report_summary.png"):
        print(f"saved {target / name} ({(target / name).stat().st_size // 1024} KB)", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="scandesk-results-shots-"))
    home, work = root / "home", root / "work"
    work.mkdir(parents=True)
    os.environ["SCANDESK_HOME"] = str(home)
    os.environ["SCANDESK_NO_FIRST_RUN"] = "1"
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    prepare(home, work)

    from desktop.gui.app import create_application
    from desktop.gui.i18n import Translations

    app = create_application()
    translations = Translations(app)
    for lang in ("ko", "en"):
        grab(home, args.out, lang, translations)
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
