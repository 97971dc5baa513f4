from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from worker.errors import BadInput
from worker.omr.template import expand_labels, load_template, parse_template

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def test_range_labels() -> None:
    assert expand_labels(["q1..3", "x"]) == ["q1", "q2", "q3", "x"]
    assert expand_labels("roll1..2") == ["roll1", "roll2"]


def test_geometry_follows_omrchecker_meaning() -> None:
    raw = {
        "pageDimensions": [300, 400],
        "bubbleDimensions": [20, 20],
        "fieldBlocks": {
            "mcq": {"fieldType": "QTYPE_MCQ4", "origin": [10, 20], "bubblesGap": 30, "labelsGap": 40,
                    "fieldLabels": ["q1..2"]},
            "roll": {"fieldType": "QTYPE_INT", "origin": [200, 20], "bubblesGap": 25, "labelsGap": 35,
                     "fieldLabels": ["r1..2"], "bubbleDimensions": [15, 15], "emptyValue": "-"},
            "rtl": {"fieldType": "QTYPE_MCQ5_RTL", "origin": [0, 300], "bubblesGap": 10, "labelsGap": 10,
                    "fieldLabels": ["z"]},
        },
        "customLabels": {"roll": ["r1..2"]},
    }
    t = parse_template(raw, Path("t.json"))
    q2 = t.field_by_label()["q2"]
    assert q2.values == ("A", "B", "C", "D")
    assert np.allclose(t.bx[q2.bubble_start:q2.bubble_start + 4], [10, 40, 70, 100])
    assert np.allclose(t.by[q2.bubble_start:q2.bubble_start + 4], 60)
    r2 = t.field_by_label()["r2"]
    assert np.allclose(t.bx[r2.bubble_start], 235) and np.allclose(t.by[r2.bubble_start + 9], 20 + 9 * 25)
    assert t.bw[r2.bubble_start] == 15 and r2.empty_value == "-"
    z = t.field_by_label()["z"]
    assert t.bx[z.bubble_start] == 40  # value A sits rightmost
    assert t.output_columns == ["q1", "q2", "roll", "z"]
    assert t.student_id_column == "roll"


@pytest.mark.parametrize("questions", [20, 30, 45])
def test_korean_cards_load(questions: int) -> None:
    t = load_template(TEMPLATES / f"kr_omr_{questions}.json")
    assert t.output_columns[0] == "student_id" and len(t.output_columns) == questions + 1
    assert t.student_id_column == "student_id"
    assert t.preprocessor("CornerMarks") is not None


def test_bad_template_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"pageDimensions": [10, 10], "fieldBlocks": {"b": {"fieldType": "QTYPE_X"}}}))
    with pytest.raises(BadInput, match="fieldType"):
        load_template(path)
    path.write_text("{not json")
    with pytest.raises(BadInput, match="not valid JSON"):
        load_template(path)


@pytest.mark.parametrize("name", ["kr_omr_20.json", "kr_omr_45.json"])
def test_rendered_blank_card_pdf_reads_back_blank(name: str, tmp_path: Path) -> None:
    from worker.omr.pages import load_page
    from worker.omr.render import render_pdf
    from worker.omr.sheet import read_sheet

    template = load_template(TEMPLATES / name)
    pdf = render_pdf(template, tmp_path / "card.pdf", dpi=200)
    sheet = read_sheet(load_page(pdf), template)
    assert sheet.alignment.method == "CornerMarks"
    assert {c["value"] for c in sheet.columns.values()} == {""}
    assert all("blank" in c["reasons"] and not c["flags"] for c in sheet.columns.values())
    assert sheet.flagged_columns == ["blank_sheet"]
