"""The template designer: a blank card's blocks are detected, one is dragged into place with the mouse,
the template is saved under the data folder, offered beside the bundled cards, and reads a filled card."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.gui.screens.import_screen import NewExamDialog
from desktop.gui.screens.template_designer import TemplateDesigner
from desktop.services.template_library import available_templates
from tests.gui.conftest import wait_until
from tests.omr.blank_cards import LAYOUTS, draw_blank, fill, plan, scan
from worker.omr.detect.layout import BlockKind
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template


def _cards(folder: Path) -> tuple[Path, Path, dict[str, str]]:
    layout = LAYOUTS[0]
    rng = np.random.default_rng(21)
    card = plan(layout)
    blank = draw_blank(card, layout.dpi)
    blank_path = folder / "blank.jpg"
    blank_path.write_bytes(scan(blank, rng, edge=False))
    filled = blank.copy()
    truth, student = fill(filled, card, rng, layout.dpi)
    filled_path = folder / "filled.jpg"
    filled_path.write_bytes(scan(filled, rng, edge=False))
    return blank_path, filled_path, {**truth, "student_id": student}


def _mouse(widget: Any, kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(at), widget.mapToGlobal(QPointF(at)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _drag(canvas: Any, start: QPointF, end: QPointF) -> None:
    viewport = canvas.viewport()
    a, b = canvas.mapFromScene(start), canvas.mapFromScene(end)
    _mouse(viewport, QEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton)
    for step in range(1, 6):
        _mouse(viewport, QEvent.Type.MouseMove, a + (b - a) * step / 5, Qt.MouseButton.LeftButton)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)


def test_move_a_block_save_and_read_a_sample(qtbot: Any, tmp_path: Path) -> None:
    home = Path(os.environ["SCANDESK_HOME"])  # each test's own data folder (tests/conftest.py)
    blank, filled, truth = _cards(tmp_path)
    dialog = TemplateDesigner()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_blank(str(blank))
    wait_until(qtbot, lambda: len(dialog.blocks) == 3)
    assert sorted((b.kind, b.first, b.last) for b in dialog.blocks) == [
        (BlockKind.ANSWERS, 1, 10), (BlockKind.ANSWERS, 11, 20), (BlockKind.STUDENT_ID, 1, 8)]
    index = next(i for i, b in enumerate(dialog.blocks) if b.kind == BlockKind.ANSWERS and b.first == 11)
    right = dialog.blocks[index]
    # As if detection had put the block a bubble off: the sample reads wrong there...
    off = replace(right, x0=right.x0 + 40, x1=right.x1 + 40, y0=right.y0 + 30, y1=right.y1 + 30)
    dialog.replace_block(index, off)
    dialog.set_sample(str(filled))
    wait_until(qtbot, lambda: "answers read" in dialog.preview.toPlainText())
    # ... and the teacher drags it back onto the printed bubbles.
    index = dialog.blocks.index(off)
    dialog.canvas.select_index(index)
    centre = QPointF((off.x0 + off.x1) / 2, (off.y0 + off.y1) / 2)
    _drag(dialog.canvas, centre, centre - QPointF(40, 30))
    moved = dialog.blocks[dialog.current]
    assert abs(moved.x0 - right.x0) < 5 and abs(moved.y0 - right.y0) < 5, (moved, right)
    wait_until(qtbot, lambda: "answers read" in dialog.preview.toPlainText() and not dialog.preview_pending())
    assert f"11: {truth['q11']}" in dialog.preview.toPlainText().splitlines()
    # The sample itself under the blocks, with the bubbles it was read as marked.
    dialog.show_sample.setChecked(True)
    answered = sum(1 for column, value in truth.items() if value and column != "student_id")
    assert dialog.canvas.mark_count() == answered + len(truth["student_id"])
    dialog.show_sample.setChecked(False)
    assert dialog.canvas.mark_count() == 0
    dialog.name.setText("학원 월례고사")
    dialog.save()
    assert dialog.saved_path is not None and dialog.saved_path.parent == home / "templates"
    assert dialog.saved_path in available_templates()
    read = read_sheet(load_page(filled), load_template(dialog.saved_path))
    wrong = {c: (read.columns[c]["value"], v) for c, v in truth.items() if read.columns[c]["value"] != v}
    assert not wrong


def test_saved_templates_are_offered_in_the_exam_dialog(qtbot: Any, tmp_path: Path) -> None:
    home = tmp_path / "desk-data"  # the desk's data folder (--home or the settings), not the default one
    folder = home / "templates"
    folder.mkdir(parents=True)
    (folder / "my_card.json").write_text(
        (Path(__file__).resolve().parents[2] / "resources" / "templates" / "kr_omr_20.json").read_text("utf-8"),
        encoding="utf-8")
    dialog = NewExamDialog(home=home)
    qtbot.addWidget(dialog)
    names = [dialog.template.itemText(i) for i in range(dialog.template.count())]
    assert names[:3] == ["kr_omr_20", "kr_omr_30", "kr_omr_45"] and "my_card" in names


def test_delete_a_block_and_draw_it_again(qtbot: Any, tmp_path: Path) -> None:
    blank, _filled, _truth = _cards(tmp_path)
    dialog = TemplateDesigner()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_blank(str(blank))
    wait_until(qtbot, lambda: len(dialog.blocks) == 3)
    index = next(i for i, b in enumerate(dialog.blocks) if b.kind == BlockKind.ANSWERS and b.first == 1)
    gone = dialog.blocks[index]
    dialog.canvas.select_index(index)
    dialog.delete_block()
    assert [(b.first, b.last) for b in dialog.blocks if b.kind == BlockKind.ANSWERS] == [(1, 10)]  # renumbered
    dialog.canvas.set_draw_mode(True)
    left, top, right, bottom = gone.bounds()
    _drag(dialog.canvas, QPointF(left - 3, top - 3), QPointF(right + 3, bottom + 3))
    drawn = [b for b in dialog.blocks if b.kind == BlockKind.ANSWERS]
    assert [(b.first, b.last, b.rows, b.cols) for b in drawn] == [(1, 10, 10, 5), (11, 20, 10, 5)]
    assert abs(drawn[0].x0 - gone.x0) < 8 and abs(drawn[0].y1 - gone.y1) < 8


def test_first_question_number_moves_the_whole_count(qtbot: Any, tmp_path: Path) -> None:
    blank, _filled, _truth = _cards(tmp_path)
    dialog = TemplateDesigner()
    qtbot.addWidget(dialog)
    dialog.load_blank(str(blank))
    wait_until(qtbot, lambda: len(dialog.blocks) == 3)
    second = next(i for i, b in enumerate(dialog.blocks) if b.kind == BlockKind.ANSWERS and b.first == 11)
    dialog.canvas.select_index(second)
    dialog.first.setValue(31)  # this card holds questions 21-40 of the test
    assert [(b.first, b.last) for b in dialog.blocks if b.kind == BlockKind.ANSWERS] == [(21, 30), (31, 40)]
    assert dialog.blocks[dialog.current].first == 31
    assert dialog.template()["outputColumns"] == ["student_id", *(f"q{n}" for n in range(21, 41))]
