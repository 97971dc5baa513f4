from __future__ import annotations

from pathlib import Path

import pytest

from tests.omr.shared_samples import SAMPLES_ROOT, needs_samples
from worker.errors import BadInput
from worker.omr.score import load_answer_key, score_sheet

ROOT = SAMPLES_ROOT / "samples"


@needs_samples
def test_weighted_and_multiple_correct_answers_match_omrchecker() -> None:
    key = load_answer_key(ROOT / "answer-key/weighted-answers/evaluation.json")
    first = {"q1": "B", "q2": "E", "q3": "A", "q4": "C", "q5": "B"}
    second = {"q1": "C", "q2": "E", "q3": "A", "q4": "B", "q5": "B"}
    assert score_sheet(key, first, {})["score"] == 5.5  # OMRChecker's Results CSV
    assert score_sheet(key, second, {})["score"] == 10.0


@needs_samples
def test_csv_key_via_evaluation_json() -> None:
    key = load_answer_key(ROOT / "answer-key/using-csv/evaluation.json")
    values = {"q1": "C", "q2": "E", "q3": "A", "q4": "B", "q5": "B"}
    assert score_sheet(key, values, {})["score"] == 5.0


@needs_samples
def test_sections_with_negative_marks() -> None:
    key = load_answer_key(ROOT / "sample5/evaluation.json")
    values = dict(zip([f"q{i}" for i in range(1, 23)],
                      ["D", "C", "A", "C", "B", "08", "52", "21", "85", "36", "B", "C", "A", "A", "D", "C", "C", "AD", "A", "A", "D", ""], strict=True))
    assert score_sheet(key, values, {})["score"] == -4.0  # OMRChecker's reading of camscanner-1


def test_plain_csv_key_with_header_and_circled_digits(tmp_path: Path) -> None:
    path = tmp_path / "key.csv"
    path.write_text("question,answer\n1,③\nq2,1\nq3,\"2,4\"\n", encoding="utf-8")
    key = load_answer_key(path)
    result = score_sheet(key, {"q1": "3", "q2": "12", "q3": "4"}, {})
    assert result["score"] == 2.0
    assert result["questions"]["q2"]["verdict"] == "incorrect"
    assert score_sheet(key, {"q1": "", "q2": "", "q3": ""}, {})["score"] == 0.0


def test_bad_key_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    path.write_text('{"source_type": "custom", "options": {"questions_in_order": ["q1..3"], "answers_in_order": ["A"]}}')
    with pytest.raises(BadInput, match="answers_in_order"):
        load_answer_key(path)
