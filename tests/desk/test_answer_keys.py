"""Answer keys typed in the app: parsing what the teacher types, the CSV written, and scoring with it
(several accepted answers, points per question) through the same reader the command line uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.answer_keys import (
    KeyRow,
    KeyRowError,
    new_key_path,
    parse_answers,
    parse_points,
    question_count,
    read_key_rows,
    write_key_csv,
)
from desktop.services.template_library import template_label, template_title
from tests.desk.cards import T20
from worker.errors import BadInput
from worker.omr.score import load_answer_key, score_sheet


@pytest.mark.parametrize("typed,expected", [
    ("3", ("3",)), (" 1,3 ", ("1", "3")), ("1 3", ("1", "3")), ("2/5", ("2", "5")), ("①③", ("1", "3")),
    ("13", ("1", "3")), ("3,3", ("3",)),
])
def test_typed_answers(typed: str, expected: tuple[str, ...]) -> None:
    assert parse_answers(typed, 7) == expected


@pytest.mark.parametrize("typed,kind", [("", "empty"), ("6", "answer"), ("a", "answer"), ("0", "answer")])
def test_typed_answers_that_are_wrong_name_the_question(typed: str, kind: str) -> None:
    with pytest.raises(KeyRowError) as caught:
        parse_answers(typed, 7)
    assert caught.value.question == 7 and caught.value.kind == kind and "question 7" in str(caught.value)


def test_points() -> None:
    assert parse_points("", 1) == 1.0 and parse_points("2.5", 1) == 2.5
    for bad in ("0", "-1", "two"):
        with pytest.raises(KeyRowError, match="question 4: points"):
            parse_points(bad, 4)


def test_written_key_is_read_back_and_scores_several_answers_and_points(tmp_path: Path) -> None:
    rows = [KeyRow(1, ("3",), 1.0), KeyRow(2, ("1", "3"), 2.0), KeyRow(3, ("5",), 0.5)]
    path = write_key_csv(tmp_path / "keys" / "k.csv", rows)
    assert path.read_text(encoding="utf-8").splitlines() == ["question,answer,points", "1,3,1", '2,"1,3",2', "3,5,0.5"]
    assert read_key_rows(path) == rows
    key = load_answer_key(path)
    scored = score_sheet(key, {"q1": "3", "q2": "3", "q3": "4"}, {"q1": "", "q2": "", "q3": ""})
    assert (scored["score"], scored["max_score"]) == (3.0, 3.5)
    assert score_sheet(key, {"q1": "2", "q2": "1", "q3": "5"}, {})["score"] == 2.5


def test_a_plain_two_column_key_still_reads_and_bad_points_are_named(tmp_path: Path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("question,answer\n1,2\n2,4\n", encoding="utf-8")
    assert load_answer_key(plain).answers == {"q1": [("2", None)], "q2": [("4", None)]}
    bad = tmp_path / "bad.csv"
    bad.write_text("question,answer,points\n1,2,-1\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"bad\.csv line 2: points must be more than 0"):
        load_answer_key(bad)


def test_question_count_and_where_keys_go(tmp_path: Path) -> None:
    assert question_count(T20) == 20
    assert question_count(tmp_path / "missing.json") == 0
    first = new_key_path("중간 고사/1", tmp_path)
    assert first == tmp_path / "keys" / "중간_고사_1.csv"
    first.parent.mkdir()
    first.write_text("question,answer\n1,2\n", encoding="utf-8")
    # Another class's exam of the same name gets its own file, not the first one's key.
    assert new_key_path("중간 고사/1", tmp_path) == tmp_path / "keys" / "중간_고사_1 (2).csv"


def test_template_labels(tmp_path: Path) -> None:
    sample = tmp_path / "sample1" / "template.json"
    sample.parent.mkdir()
    sample.write_text('{"pageDimensions": [10, 10]}', encoding="utf-8")
    assert template_label(sample) == "sample1"  # OMRChecker's are all template.json
    titled = tmp_path / "card.json"
    titled.write_text('{"title": "  20문항  답안지 "}', encoding="utf-8")
    assert template_label(titled) == "card" and template_title(titled) == "20문항 답안지"
    assert template_title(sample) == "sample1" and template_title(tmp_path / "other.json") == "other"
