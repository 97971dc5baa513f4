"""Accuracy on synthetic filled-and-scanned Korean cards (tests/omr/synth.py): question accuracy >= 99.9 %,
zero silent errors (every wrong answer is flagged), student id exact on >= 99.5 % of sheets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.omr.accuracy import evaluate, evaluate_parallel
from tests.omr.synth import make_sheet
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


@pytest.mark.slow
def test_ordinary_scans_accuracy_and_no_silent_errors() -> None:
    tally = evaluate_parallel(str(TEMPLATES / "kr_omr_45.json"), sheets=200, seed=11, processes=2)
    assert tally.rejected == 0, tally.examples[:5]
    assert tally.silent == 0, tally.examples[:10]
    assert tally.accuracy >= 0.999, (tally.accuracy, tally.examples[:10])
    assert tally.sid_rate >= 0.995, tally.sid_rate


@pytest.mark.parametrize("questions", [20, 30])
def test_other_korean_cards_read(questions: int) -> None:
    tally = evaluate(str(TEMPLATES / f"kr_omr_{questions}.json"), seed=questions, count=12)
    assert tally.rejected == 0 and tally.silent == 0
    assert tally.accuracy >= 0.99


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_any_quarter_turn_reads_the_same(turn: int, tmp_path: Path) -> None:
    template_path = TEMPLATES / "kr_omr_45.json"
    sheet = make_sheet(template_path, np.random.default_rng(100 + turn), turn=turn)
    path = tmp_path / "turned.jpg"
    path.write_bytes(sheet.jpeg)
    read = read_sheet(load_page(path), load_template(template_path))
    assert read.alignment.rotation in {(turn + d) % 360 for d in (0, 90, 180, 270)}
    assert read.columns["student_id"]["value"] == sheet.student_id
    wrong = [c for c, v in sheet.truth.items() if read.columns[c]["value"] != v and not read.columns[c]["flags"]]
    assert not wrong
