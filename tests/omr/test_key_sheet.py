"""An answer key from a scanned key sheet (a card filled with the right answers, read with the same template):
scores match the same key given as CSV; evaluation.json's `answer_key_image_path` is used when its CSV is
missing; a key sheet with a double-marked or unclear answer is refused, naming the question."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from tests.omr.cardgen import Mix, draw_sheet
from tests.omr.classroom import TEMPLATES
from worker.errors import BadInput
from worker.omr.score import load_answer_key
from worker.omr.template import load_template

T30 = TEMPLATES / "kr_omr_30.json"
KEY = {n: (n * 2 + 1) % 5 for n in range(1, 31)}
CLEAN = Mix(blank=0.0, erasure=0.0, faint=0.0, partial=0.0, stray_lines=(0, 2))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A key sheet, its CSV twin, and four students' cards in one folder."""
    root = tmp_path_factory.mktemp("keysheet")
    rng = np.random.default_rng(30)
    (root / "key.jpg").write_bytes(draw_sheet(30, rng, CLEAN, answers=dict(KEY)).jpeg)
    (root / "key.csv").write_text("question,answer\n" + "".join(f"{n},{c + 1}\n" for n, c in KEY.items()),
                                  encoding="utf-8")
    scans = root / "scans"
    scans.mkdir()
    for index in range(4):
        (scans / f"student_{index}.jpg").write_bytes(draw_sheet(30, rng, Mix(blank=0.05)).jpeg)
    return root


def _scores(home: Path, scans: Path, key: Path, out: Path) -> dict[str, str]:
    import desktop.cli.main as cli

    code = cli.main(["--home", str(home), "omr", str(scans), "--template", str(T30), "--answer-key", str(key),
                     "--csv", str(out)])
    assert code == 0
    return {row["file"]: row["score"] for row in csv.DictReader(out.open(encoding="utf-8"))}


def test_a_scanned_key_sheet_scores_like_the_csv_key(folder: Path, tmp_path: Path) -> None:
    template = load_template(T30)
    assert load_answer_key(folder / "key.jpg", template).answers == load_answer_key(folder / "key.csv").answers
    by_csv = _scores(tmp_path / "h1", folder / "scans", folder / "key.csv", tmp_path / "csv.csv")
    by_scan = _scores(tmp_path / "h2", folder / "scans", folder / "key.jpg", tmp_path / "scan.csv")
    assert by_scan == by_csv and len(by_scan) == 4 and all(float(s) > 0 for s in by_scan.values())


def test_evaluation_json_falls_back_to_the_key_image(folder: Path, tmp_path: Path) -> None:
    evaluation = tmp_path / "evaluation.json"
    (tmp_path / "key.jpg").write_bytes((folder / "key.jpg").read_bytes())
    evaluation.write_text(json.dumps({
        "source_type": "csv",
        "options": {"answer_key_csv_path": "answer_key.csv", "answer_key_image_path": "key.jpg",
                    "questions_in_order": ["q1..30"]},
        "marking_schemes": {"DEFAULT": {"correct": "4", "incorrect": "-1", "unmarked": "0"}},
    }), encoding="utf-8")
    key = load_answer_key(evaluation, load_template(T30))
    assert key.answers == load_answer_key(folder / "key.csv").answers and key.default.incorrect == -1
    with pytest.raises(BadInput, match="read with the exam's template"):
        load_answer_key(evaluation)
    # The key sheet beside the scans is not read as a student.
    (tmp_path / "student.jpg").write_bytes((folder / "scans" / "student_0.jpg").read_bytes())
    scores = _scores(tmp_path / "h", tmp_path, evaluation, tmp_path / "out.csv")
    assert list(scores) == ["student.jpg"]


@pytest.mark.parametrize(("answers", "match"), [
    ({**KEY, 7: (1, 3)}, "q7 is double-marked"),
    ({**KEY, 12: ()}, None),
])
def test_a_key_sheet_with_a_double_mark_or_a_blank_names_the_question(
    answers: dict[int, int | tuple[int, ...]], match: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "key.png"
    path.write_bytes(draw_sheet(30, np.random.default_rng(7), CLEAN, answers=answers).jpeg)
    template = load_template(T30)
    if match:
        with pytest.raises(BadInput, match=match):
            load_answer_key(path, template)
        return
    assert "q12" not in load_answer_key(path, template).answers  # a blank is not part of the test
    evaluation = tmp_path / "evaluation.json"
    evaluation.write_text(json.dumps({"source_type": "csv", "options": {
        "answer_key_csv_path": "missing.csv", "answer_key_image_path": "key.png", "questions_in_order": ["q1..30"]}}))
    with pytest.raises(BadInput, match="q12 is blank"):
        load_answer_key(evaluation, template)


def test_an_unclear_answer_on_the_key_sheet_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    mix = Mix(blank=0.0, erased_blank=0.3, erasure=0.0, faint=0.0, partial=0.0, stray_lines=(0, 0))
    sheet = draw_sheet(30, rng, mix)
    path = tmp_path / "key.jpg"
    path.write_bytes(sheet.jpeg)
    first = min(sheet.expect_review, key=lambda q: int(q[1:]))
    with pytest.raises(BadInput, match=rf"{first} cannot be read for sure"):
        load_answer_key(path, load_template(T30))
