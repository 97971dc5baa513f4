"""`scandesk template detect BLANK --out T.json`: prints what it found and writes a template the reader
loads; hints settle an ambiguous block; a scan without a usable grid exits 2 with one line."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from desktop.cli import main as cli
from tests.omr.blank_cards import LAYOUTS, Layout, draw_blank, plan, scan
from worker.omr.template import load_template


def _blank(tmp_path: Path, layout: Layout, seed: int) -> Path:
    path = tmp_path / f"{layout.name}.jpg"
    path.write_bytes(scan(draw_blank(plan(layout), layout.dpi), np.random.default_rng(seed), edge=False))
    return path


def test_detect_writes_a_template_and_says_what_it_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = _blank(tmp_path, LAYOUTS[0], 1)
    out = tmp_path / "card.json"
    assert cli.main(["template", "detect", str(blank), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "student number: 8 digits" in printed and "questions 11-20: 5 choices, horizontal" in printed
    template = load_template(out)
    assert template.output_columns == ["student_id", *(f"q{n}" for n in range(1, 21))]


def test_detect_reads_a_pdf_page(tmp_path: Path) -> None:
    layout = LAYOUTS[1]
    pdf = tmp_path / "blank.pdf"
    Image.fromarray(draw_blank(plan(layout), 200)).save(pdf, "PDF", resolution=200.0)
    out = tmp_path / "card.json"
    assert cli.main(["template", "detect", str(pdf), "--out", str(out), "--questions", "25"]) == 0
    assert load_template(out).output_columns == [f"q{n}" for n in range(1, 26)]


def test_id_digits_hint_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = _blank(tmp_path, Layout("q20_c5_id5", 20, 5, 10, id_digits=5), 2)
    out = tmp_path / "card.json"
    assert cli.main(["template", "detect", str(blank), "--out", str(out)]) == 0
    assert "student number" not in capsys.readouterr().out  # five digit columns look like ten questions
    assert cli.main(["template", "detect", str(blank), "--out", str(out), "--id-digits", "5"]) == 0
    assert "student number: 5 digits" in capsys.readouterr().out
    assert load_template(out).student_id_column == "student_id"


def test_no_usable_grid_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = np.full((2339, 1654), 255, dtype=np.uint8)
    cv2.putText(page, "MEMO", (300, 600), cv2.FONT_HERSHEY_SIMPLEX, 5, 0, 10)
    path = tmp_path / "memo.png"
    cv2.imwrite(str(path), page)
    out = tmp_path / "card.json"
    assert cli.main(["template", "detect", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "memo.png" in err[0] and "no bubbles found" in err[0]
    assert not out.exists()


def test_more_questions_than_the_card_prints_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = _blank(tmp_path, LAYOUTS[0], 3)
    assert cli.main(["template", "detect", str(blank), "--out", str(tmp_path / "t.json"), "--questions", "30"]) == 2
    assert "found only 20 questions" in capsys.readouterr().err


def test_bad_hint_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = _blank(tmp_path, LAYOUTS[0], 4)
    assert cli.main(["template", "detect", str(blank), "--out", str(tmp_path / "t.json"), "--choices", "9"]) == 2
    assert "--choices must be between 2 and 6" in capsys.readouterr().err
