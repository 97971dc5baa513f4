"""`scandesk report EXAM --pdf OUT.pdf`, as a teacher runs it: headless, Qt loaded only for this command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium

from core.roster import Student, save_students
from core.store import Store
from tests.desk.conftest import ReadExam

REPO = Path(__file__).resolve().parents[2]


def scandesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env={**env, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=120)


def test_report_from_the_command_line(store: Store, read_exam: ReadExam, db_url: str, tmp_path: Path) -> None:
    save_students(store, [Student("10000001", "김민준", "중2-A"), Student("10000002", "이서연", "중2-A"),
                          Student("10000003", "박지후", "중2-B")])
    out = tmp_path / "report.pdf"
    proc = scandesk("--db", db_url, "report", read_exam.exam.name, "--pdf", str(out), "--lang", "ko")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{out}: 5 pages, 3 for students and 2 class summaries"
    pdf = pdfium.PdfDocument(str(out))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    assert len(texts) == 5
    for name in ("김민준", "이서연", "박지후"):
        assert sum(name in t for t in texts) == 1

    one = scandesk("--db", db_url, "report", read_exam.exam.name, "--pdf", str(tmp_path / "b.pdf"), "--class", "중2-B")
    assert one.returncode == 0 and "2 pages, 1 for students and 1 class summaries" in one.stdout
    bad = scandesk("--db", db_url, "report", read_exam.exam.name, "--pdf", str(tmp_path / "c.pdf"), "--student", "123")
    assert bad.returncode == 2 and bad.stderr.strip() == "scandesk: no read sheet of '중간고사' for student id '123'"
    nowhere = scandesk("--db", db_url, "report", read_exam.exam.name, "--pdf", str(tmp_path / "no" / "c.pdf"))
    assert nowhere.returncode == 2 and "folder not found" in nowhere.stderr
