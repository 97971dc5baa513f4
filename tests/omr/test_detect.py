"""Template detection from blank cards: the detected template reads filled cards, reproduces the bundled
Korean templates, and survives a render -> detect round trip. Cards are made by tests/omr/blank_cards.py
(our own layouts, drawn apart from the renderer) and by `template render` for the bundled cards."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.omr.blank_cards import LAYOUTS, Layout, draw_blank, plan, scan
from tests.omr.detect_eval import decode, run_layout
from tests.omr.synth import make_sheet
from worker.errors import BadInput
from worker.omr.align import find_page_quad
from worker.omr.detect.card import detect_card
from worker.omr.detect.frame import FrameMethod
from worker.omr.detect.hints import Hints
from worker.omr.detect.layout import BlockKind, Direction
from worker.omr.pages import load_page
from worker.omr.render import render_card
from worker.omr.sheet import read_sheet
from worker.omr.template import Template, load_template

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_detected_template_reads_filled_copies(layout: Layout, tmp_path: Path) -> None:
    result = run_layout(layout, tmp_path, seed=LAYOUTS.index(layout), copies=3)
    detection = result.detection
    assert detection.questions == layout.questions, detection.summary()
    assert detection.id_digits == layout.id_digits, detection.summary()
    assert detection.frame.method == ("CornerMarks" if layout.corner_marks else "CropPage"), detection.summary()
    wanted = Direction.VERTICAL if layout.vertical else Direction.HORIZONTAL
    assert {b.direction for b in detection.blocks if b.kind == BlockKind.ANSWERS} == {wanted}
    assert not result.silent_errors, result.silent_errors[:5]
    assert result.correct / result.questions >= 0.995, (result.correct, result.questions)
    if layout.id_digits:
        assert result.ids_right == result.sheets


NO_MARKS = [layout for layout in LAYOUTS if not layout.corner_marks]


@pytest.mark.parametrize("layout", NO_MARKS, ids=[layout.name for layout in NO_MARKS])
def test_cards_without_marks_read_when_turned_on_a_white_lid(layout: Layout, tmp_path: Path) -> None:
    """No corner marks and no visible page edge: the blank's bubble rows set the template upright and
    every filled sheet is set straight on its printed bubbles (BubbleGrid)."""
    result = run_layout(layout, tmp_path, seed=50 + NO_MARKS.index(layout), copies=3, edge=False)
    assert result.detection.frame.method == FrameMethod.WHOLE_IMAGE
    assert result.detection.questions == layout.questions
    assert not result.silent_errors, result.silent_errors[:5]
    assert result.correct / result.questions >= 0.995, (result.correct, result.questions)


def test_a_white_lid_with_a_lighting_gradient_has_no_page_edge() -> None:
    """Otsu splits such a scan along the gradient; that 'page' has paper on both sides and is refused,
    so the blank and the sheets are both taken whole instead of each on its own accidental crop."""
    layout = next(layout for layout in NO_MARKS if layout.name == "q30_c4_edge")
    grey = decode(scan(draw_blank(plan(layout), layout.dpi), np.random.default_rng(3), edge=False))
    small = cv2.resize(grey, None, fx=0.45, fy=0.45, interpolation=cv2.INTER_AREA)
    assert find_page_quad(small) is None
    detection = detect_card(grey)
    assert detection.frame.method == FrameMethod.WHOLE_IMAGE and detection.questions == 30
    on_a_dark_lid = decode(scan(draw_blank(plan(layout), layout.dpi), np.random.default_rng(3), edge=True))
    assert find_page_quad(cv2.resize(on_a_dark_lid, None, fx=0.45, fy=0.45, interpolation=cv2.INTER_AREA)) is not None


def test_a_turned_blank_without_marks_gives_the_upright_template(tmp_path: Path) -> None:
    layout = next(layout for layout in NO_MARKS if layout.name == "q45_c4_id5_edge")
    blank = draw_blank(plan(layout), layout.dpi)
    straight = detect_card(decode(scan(blank, np.random.default_rng(1), edge=False, skew_degrees=0.0)))
    turned = detect_card(decode(scan(blank, np.random.default_rng(1), edge=False, skew_degrees=2.5)))
    assert turned.frame.method == FrameMethod.WHOLE_IMAGE
    assert_same_template(_write(turned.template(), tmp_path / "turned.json"),
                         _write(straight.template(), tmp_path / "straight.json"))


def _scanned_render(template: Template, dpi: int, seed: int) -> np.ndarray:
    image, _, _ = render_card(template, dpi=dpi)
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    return decode(scan(grey, np.random.default_rng(seed), edge=False, quality=75))


def _write(template: dict, path: Path) -> Template:
    path.write_text(json.dumps(template), encoding="utf-8")
    return load_template(path)


def assert_same_template(found: Template, expected: Template) -> None:
    """Same fields (labels, values, blocks' reading order) and every bubble within half a bubble."""
    assert [f.label for f in found.fields] == [f.label for f in expected.fields]
    assert [f.values for f in found.fields] == [f.values for f in expected.fields]
    assert found.output_columns == expected.output_columns
    assert found.student_id_column == expected.student_id_column
    half = 0.5 * float(np.median(np.minimum(expected.bw, expected.bh)))
    cx = found.bx + found.bw / 2 - (expected.bx + expected.bw / 2)
    cy = found.by + found.bh / 2 - (expected.by + expected.bh / 2)
    assert float(np.max(np.hypot(cx, cy))) < half, float(np.max(np.hypot(cx, cy)))
    assert np.allclose(found.bw, expected.bw, rtol=0.12) and np.allclose(found.bh, expected.bh, rtol=0.12)


@pytest.mark.parametrize(("questions", "dpi"), [(20, 150), (30, 300), (45, 200)])
def test_bundled_korean_cards_are_reproduced(questions: int, dpi: int, tmp_path: Path) -> None:
    bundled_path = TEMPLATES / f"kr_omr_{questions}.json"
    bundled = load_template(bundled_path)
    detection = detect_card(_scanned_render(bundled, dpi, seed=questions))
    found = _write(detection.template(), tmp_path / "found.json")
    assert_same_template(found, bundled)
    marks = found.preprocessor("CornerMarks")
    assert marks is not None and "orientationMark" in marks
    # Cards filled and scanned by the bundled card's own generator (turned pages included) read the same.
    for index, turn in enumerate((0, 180, 90)):
        sheet = make_sheet(bundled_path, np.random.default_rng(index), turn=turn)
        path = tmp_path / f"sheet{index}.jpg"
        path.write_bytes(sheet.jpeg)
        read = read_sheet(load_page(path), found)
        assert read.columns["student_id"]["value"] == sheet.student_id
        silent = [c for c, v in sheet.truth.items() if read.columns[c]["value"] != v and not read.columns[c]["flags"]]
        assert not silent


def test_form_code_keeps_another_card_out(tmp_path: Path) -> None:
    found = _write(detect_card(_scanned_render(load_template(TEMPLATES / "kr_omr_20.json"), 200, 1)).template(),
                   tmp_path / "found20.json")
    sheet = make_sheet(TEMPLATES / "kr_omr_45.json", np.random.default_rng(5), turn=0)
    path = tmp_path / "card45.jpg"
    path.write_bytes(sheet.jpeg)
    with pytest.raises(BadInput, match="form code"):
        read_sheet(load_page(path), found)


@pytest.mark.parametrize("source", ["kr_omr_45", "q30_c4_edge", "q20_c4_vertical_id7", "q100_c5_id8_marks"])
def test_render_of_a_detected_template_detects_back_to_it(source: str, tmp_path: Path) -> None:
    if source.startswith("kr_"):
        grey = _scanned_render(load_template(TEMPLATES / f"{source}.json"), 200, seed=3)
    else:
        layout = next(layout for layout in LAYOUTS if layout.name == source)
        edge = not layout.corner_marks
        grey = decode(scan(draw_blank(plan(layout), layout.dpi), np.random.default_rng(3), edge=edge))
    first = _write(detect_card(grey).template(), tmp_path / "first.json")
    printed, _, _ = render_card(first, dpi=200)
    second = _write(detect_card(cv2.cvtColor(printed, cv2.COLOR_RGB2GRAY)).template(), tmp_path / "second.json")
    assert_same_template(second, first)
    assert [s.get("name") for s in second.preprocessors] == [s.get("name") for s in first.preprocessors]


AMBIGUOUS = Layout("q20_c5_id5", 20, 5, 10, id_digits=5, dpi=200)


def test_id_digits_hint_settles_an_id_block_that_looks_like_answers() -> None:
    grey = decode(scan(draw_blank(plan(AMBIGUOUS), AMBIGUOUS.dpi), np.random.default_rng(7), edge=False))
    unhinted = detect_card(grey)
    assert unhinted.id_digits == 0 and unhinted.questions == 30  # ten 5-digit columns look like 10 questions
    hinted = detect_card(grey, Hints(id_digits=5))
    assert hinted.id_digits == 5 and hinted.questions == 20
    numbered = sorted((b.first, b.last) for b in hinted.blocks if b.kind == BlockKind.ANSWERS)
    assert numbered == [(1, 10), (11, 20)]


def test_choices_hint_settles_a_tie() -> None:
    layout = Layout("q10_c4_id3", 10, 4, 10, id_digits=3, dpi=200)
    grey = decode(scan(draw_blank(plan(layout), layout.dpi), np.random.default_rng(8), edge=False))
    hinted = detect_card(grey, Hints(choices=4))
    assert hinted.questions == 10 and hinted.id_digits == 3


def test_questions_hint_cuts_a_longer_card_and_refuses_a_shorter_one() -> None:
    layout = LAYOUTS[0]  # 20 questions
    grey = decode(scan(draw_blank(plan(layout), layout.dpi), np.random.default_rng(9), edge=False))
    assert detect_card(grey, Hints(questions=15)).questions == 15
    with pytest.raises(BadInput, match="found only 20 questions"):
        detect_card(grey, Hints(questions=25))


def test_a_page_without_bubbles_says_what_is_missing() -> None:
    page = np.full((2339, 1654), 255, dtype=np.uint8)
    cv2.putText(page, "NOT A CARD", (200, 400), cv2.FONT_HERSHEY_SIMPLEX, 4, 0, 8)
    with pytest.raises(BadInput, match="no bubbles found"):
        detect_card(page)


def test_scattered_circles_are_no_grid() -> None:
    page = np.full((2339, 1654), 255, dtype=np.uint8)
    rng = np.random.default_rng(1)
    for _ in range(12):
        x, y = int(rng.uniform(100, 1500)), int(rng.uniform(100, 2200))
        cv2.ellipse(page, (x, y), (17, 17), 0, 0, 360, 0, 2, cv2.LINE_AA)
    with pytest.raises(BadInput, match=r"no block of rows and columns|no answer block"):
        detect_card(page)
