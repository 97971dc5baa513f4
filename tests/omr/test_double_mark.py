"""The exam rule for double marks: `review` flags them, `wrong` scores them wrong without a flag, even when
the key would allow the marked value; from the payload, the `scandesk omr --double-mark` option and the
exam's setting."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from core.exams import create_exam, exam_for_pages, get_exam
from core.job_types import DoubleMark
from core.store import open_store
from desktop.services.intake import prepare_import
from tests.omr.cardgen import Mix, draw_sheet
from tests.omr.classroom import TEMPLATES
from worker.context import JobContext
from worker.omr.handler import handle_omr

T20 = TEMPLATES / "kr_omr_20.json"
ANSWERS: dict[int, int | tuple[int, ...]] = {n: (n + 1) % 5 for n in range(1, 21)} | {3: (1, 3), 7: (0, 4)}
CLEAN = Mix(blank=0.0, erasure=0.0, faint=0.0, partial=0.0, stray_lines=(0, 0))


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("double")
    path = folder / "card.jpg"
    path.write_bytes(draw_sheet(20, np.random.default_rng(4), CLEAN, answers=ANSWERS).jpeg)
    return path


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The key allows q3's double mark as it is ("24"): only the exam's rule can make it wrong."""
    path = tmp_path_factory.mktemp("key") / "key.csv"
    rows = [f"{n},{(ANSWERS[n] + 1) if isinstance(ANSWERS[n], int) else 1}" for n in range(1, 21) if n != 3]
    path.write_text("question,answer\n3,24\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _read(scan: Path, key: Path, tmp_path: Path, **extra: str) -> dict[str, object]:
    ctx = JobContext(job_id="job-double", job_type="omr", data_dir=tmp_path)
    return handle_omr({"image_path": str(scan), "template": str(T20), "answer_key": str(key), **extra}, ctx)


def test_review_flags_double_marks(scan: Path, key: Path, tmp_path: Path) -> None:
    result = _read(scan, key, tmp_path)
    fields = result["fields"]
    assert fields["q3"]["value"] == "24" and "multi" in fields["q3"]["flags"]  # type: ignore[index]
    assert fields["q7"]["value"] == "15" and "multi" in fields["q7"]["flags"]  # type: ignore[index]
    assert result["flags"] == ["q3", "q7"] and result["score_needs_review"]
    assert result["scoring"]["q3"]["verdict"] == "correct"  # type: ignore[index]


def test_wrong_scores_double_marks_wrong_without_review(scan: Path, key: Path, tmp_path: Path) -> None:
    result = _read(scan, key, tmp_path, double_mark="wrong")
    fields = result["fields"]
    assert fields["q3"]["value"] == "24" and not fields["q3"]["flags"]  # type: ignore[index]
    assert "multi" in fields["q3"]["reasons"]  # type: ignore[index]
    assert result["flags"] == [] and not result["needs_review"]
    assert result["scoring"]["q3"]["verdict"] == "incorrect"  # type: ignore[index]
    assert result["scoring"]["q7"]["verdict"] == "incorrect"  # type: ignore[index]
    assert result["score"] == 18.0 and result["double_mark"] == "wrong"


def test_the_omr_command_and_the_exam_carry_the_rule(scan: Path, key: Path, tmp_path: Path) -> None:
    import desktop.cli.main as cli

    out = tmp_path / "out.csv"
    code = cli.main(["--home", str(tmp_path / "home"), "omr", str(scan), "--template", str(T20),
                     "--answer-key", str(key), "--double-mark", "wrong", "--exam", "weekly", "--csv", str(out)])
    assert code == 0
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["score"] == "18.0" and row["flags"] == ""
    store = open_store(None, tmp_path / "home")
    exam, created = exam_for_pages(store, "weekly", T20, key)
    assert not created and exam.double_mark == DoubleMark.WRONG
    with pytest.raises(ValueError, match="double marks as wrong"):
        exam_for_pages(store, "weekly", T20, key, "review")
    strict = create_exam(store, "midterm", T20, key, double_mark="wrong")
    assert get_exam(store, strict.id).double_mark == DoubleMark.WRONG  # type: ignore[union-attr]
    payload = prepare_import(exam=strict).payload(scan, 0)
    assert json.loads(json.dumps(payload))["double_mark"] == "wrong"
    assert "double_mark" not in prepare_import(exam=create_exam(store, "quiz", T20, key)).payload(scan, 0)
    with pytest.raises(ValueError, match="double marks"):
        create_exam(store, "bad", T20, key, double_mark="sometimes")
