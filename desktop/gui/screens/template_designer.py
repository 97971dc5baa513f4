"""New template from a blank card: the scan with its detected blocks, editable, read back live.

The teacher opens a scan of an empty card; detection (worker.omr.detect) runs off the UI thread and the
blocks appear over the straightened page. A block can be dragged, resized by its corners, deleted or
drawn anew; its kind, rows, columns, choice labels and first question number are set on the right.
Questions stay numbered consecutively in reading order: a block's first number moves the whole count (a
card that holds questions 21-40 of a test, say). When
a filled sample is chosen, every change reads it again with the template as it stands, so the teacher sees
the answers before saving. Saving writes HOME/templates/NAME.json (desktop.services.template_library).
All methods run on the UI thread; detection and preview reads run through StoreOp.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.gui import file_dialogs
from desktop.gui.ops import StoreOp, one_line
from desktop.gui.widgets.block_canvas import BlockCanvas, block_with_bounds
from desktop.services.template_library import save_user_template
from worker.errors import BadInput
from worker.omr.detect.card import Detection, detect_file
from worker.omr.detect.frame import FrameMethod
from worker.omr.detect.layout import Block, BlockKind, Direction, number_blocks, reading_order
from worker.omr.detect.preview import read_sample
from worker.omr.sheet import SheetRead
from worker.omr.template import Template

SCAN_FILTER = "Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf *.bmp *.webp)"
PREVIEW_DELAY_MS = 300


class TemplateDesigner(QDialog):
    def __init__(self, parent: QWidget | None = None, home: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New template from a blank card"))
        self.resize(1180, 860)
        self.home = home
        self.detection: Detection | None = None
        self.blocks: list[Block] = []
        self.current = -1
        self.sample: str | None = None
        self.saved_path: Path | None = None
        self.sample_read: tuple[Template, SheetRead] | None = None
        self.start = 1  # questions are numbered consecutively in reading order from here
        self._loading = False
        self._preview_running = False
        self._preview_again = False
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.run_preview)

        self.canvas = BlockCanvas()
        self.canvas.edited.connect(self._block_dragged)
        self.canvas.selected.connect(self._select)
        self.canvas.drawn.connect(self._block_drawn)

        open_blank = QPushButton(self.tr("Open blank card…"))
        open_blank.clicked.connect(self._choose_blank)
        self.status = QLabel(self.tr("Open a scan or PDF of an empty answer card."))
        self.status.setWordWrap(True)

        self.block_list = QListWidget()
        self.block_list.currentRowChanged.connect(self._list_row)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Answers"), BlockKind.ANSWERS)
        self.kind.addItem(self.tr("Student number"), BlockKind.STUDENT_ID)
        self.direction = QComboBox()
        self.direction.addItem(self.tr("Choices across (one question per row)"), Direction.HORIZONTAL)
        self.direction.addItem(self.tr("Choices down (one question per column)"), Direction.VERTICAL)
        self.rows = QSpinBox()
        self.rows.setRange(1, 100)
        self.cols = QSpinBox()
        self.cols.setRange(1, 100)
        self.first = QSpinBox()
        self.first.setRange(1, 999)
        self.letters = QCheckBox(self.tr("Choices are letters (A, B, C…)"))
        for widget in (self.kind, self.direction):
            widget.currentIndexChanged.connect(self._properties_changed)
        for spin in (self.rows, self.cols):
            spin.valueChanged.connect(self._properties_changed)
        self.first.valueChanged.connect(self._first_changed)
        self.letters.toggled.connect(self._properties_changed)
        props = QFormLayout()
        props.addRow(self.tr("Kind"), self.kind)
        props.addRow(self.tr("Layout"), self.direction)
        props.addRow(self.tr("Rows"), self.rows)
        props.addRow(self.tr("Columns"), self.cols)
        props.addRow(self.tr("First question"), self.first)
        props.addRow(self.letters)
        self.props_box = QGroupBox(self.tr("Selected block"))
        self.props_box.setLayout(props)

        delete = QPushButton(self.tr("Delete block"))
        delete.clicked.connect(self.delete_block)
        draw = QPushButton(self.tr("Draw a block"))
        draw.setToolTip(self.tr("Drag a rectangle over the bubbles of a block that was missed"))
        draw.clicked.connect(lambda: self.canvas.set_draw_mode(True))
        block_buttons = QHBoxLayout()
        for button in (draw, delete):
            block_buttons.addWidget(button)

        sample = QPushButton(self.tr("Filled sample…"))
        sample.clicked.connect(self._choose_sample)
        self.show_sample = QCheckBox(self.tr("Show the filled sample under the blocks"))
        self.show_sample.setEnabled(False)
        self.show_sample.toggled.connect(self._show_page)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("Choose a filled card to see how it reads with this template."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. academy_monthly_45"))

        side = QVBoxLayout()
        side.addWidget(open_blank)
        side.addWidget(self.status)
        side.addWidget(self.block_list, 1)
        side.addLayout(block_buttons)
        side.addWidget(self.props_box)
        side.addWidget(sample)
        side.addWidget(self.show_sample)
        side.addWidget(self.preview, 1)
        name_row = QFormLayout()
        name_row.addRow(self.tr("Template name"), self.name)
        side.addLayout(name_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        side.addWidget(buttons)

        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(400)
        layout = QHBoxLayout(self)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(panel)
        self._show_properties()

    # ------------------------------------------------------------------ loading
    def _choose_blank(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Blank card"), SCAN_FILTER)
        if path:
            self.load_blank(path)

    def load_blank(self, path: str) -> None:
        """Detect the card in `path` off the UI thread; blocks appear when it is done."""
        self.status.setText(self.tr("Looking for bubbles…"))
        if not self.name.text().strip():
            self.name.setText(Path(path).stem)
        StoreOp(self, lambda: detect_file(path)).success(self._detected).failure(self._detect_failed).run()

    def _detected(self, detection: Detection) -> None:
        self.detection = detection
        self.canvas.set_page(detection.page)
        self.blocks = list(detection.blocks)
        self.start = 1
        self.current = 0 if self.blocks else -1
        self._refresh()
        if detection.frame.method == FrameMethod.CORNER_MARKS:
            how = self.tr("cards are aligned on their four corner marks")
        elif detection.frame.method == FrameMethod.PAGE_EDGE:
            how = self.tr("cards are aligned on the page edge")
        else:
            how = self.tr("no corner marks or page edge: cards are set straight on their printed bubbles")
        self.status.setText(self.tr("Found {0} bubbles in {1} blocks; {2}.").format(
            detection.bubbles, len(self.blocks), how))
        self.save_button.setEnabled(True)

    def _detect_failed(self, error: Exception) -> None:
        self.status.setText(self.tr("No card found: {0}").format(one_line(error)))

    # ------------------------------------------------------------------ blocks
    def _labels(self) -> list[str]:
        out = []
        for block in self.blocks:
            if block.kind == BlockKind.STUDENT_ID:
                out.append(self.tr("Student number ({0} digits)").format(block.fields))
            else:
                out.append(self.tr("Questions {0}–{1} ({2} choices)").format(block.first, block.last, block.choices))
        return out

    def _refresh(self) -> None:
        labels = self._labels()
        self.canvas.set_blocks(self.blocks, labels, self.current)
        self._loading = True
        self.block_list.clear()
        self.block_list.addItems(labels)
        self.block_list.setCurrentRow(self.current)
        self._loading = False
        self._show_properties()
        self.schedule_preview()

    def _show_properties(self) -> None:
        block = self.blocks[self.current] if 0 <= self.current < len(self.blocks) else None
        self.props_box.setEnabled(block is not None)
        if block is None:
            return
        self._loading = True
        self.kind.setCurrentIndex(self.kind.findData(block.kind))
        self.direction.setCurrentIndex(self.direction.findData(block.direction))
        self.rows.setValue(block.rows)
        self.cols.setValue(block.cols)
        self.first.setValue(block.first)
        self.first.setEnabled(block.kind == BlockKind.ANSWERS)
        self.letters.setChecked(block.letters)
        self._loading = False

    def _select(self, index: int) -> None:
        self.current = index
        self._loading = True
        self.block_list.setCurrentRow(index)
        self._loading = False
        self._show_properties()

    def _list_row(self, row: int) -> None:
        if not self._loading:
            self.current = row
            self.canvas.select_index(row)

    def _renumber(self, keep: Block | None = None) -> None:
        """Number the answer blocks in reading order from `self.start`; `keep` stays selected."""
        self.blocks = number_blocks(self.blocks, self.start)
        self.blocks.sort(key=lambda b: (b.kind != BlockKind.STUDENT_ID, b.first))
        if keep is not None:
            same = [i for i, b in enumerate(self.blocks) if (b.kind, b.x0, b.y0) == (keep.kind, keep.x0, keep.y0)]
            self.current = same[0] if same else min(self.current, len(self.blocks) - 1)

    def replace_block(self, index: int, block: Block) -> None:
        self.blocks[index] = block
        self.current = index
        self._renumber(keep=block)
        self._refresh()

    def _block_dragged(self, index: int, block: Block) -> None:
        self.replace_block(index, block)

    def _properties_changed(self, *_args: object) -> None:
        if self._loading or not 0 <= self.current < len(self.blocks):
            return
        block = self.blocks[self.current]
        left, top, right, bottom = block.bounds()
        changed = replace(block, kind=self.kind.currentData(), direction=self.direction.currentData(),
                          rows=self.rows.value(), cols=self.cols.value(), letters=self.letters.isChecked())
        self.replace_block(self.current, block_with_bounds(changed, left, top, right, bottom))

    def _first_changed(self, value: int) -> None:
        if self._loading or not 0 <= self.current < len(self.blocks):
            return
        block = self.blocks[self.current]
        before = sum(b.fields for b in reading_order([b for b in self.blocks if b.kind == BlockKind.ANSWERS])
                     [: self._reading_position(block)])
        self.start = max(1, value - before)
        self._renumber(keep=block)
        self._refresh()

    def _reading_position(self, block: Block) -> int:
        ordered = reading_order([b for b in self.blocks if b.kind == BlockKind.ANSWERS])
        return next((i for i, b in enumerate(ordered) if b is block), len(ordered))

    def delete_block(self) -> None:
        if 0 <= self.current < len(self.blocks):
            del self.blocks[self.current]
            self.current = min(self.current, len(self.blocks) - 1)
            self._renumber()
            self._refresh()

    def _block_drawn(self, left: float, top: float, right: float, bottom: float) -> None:
        """A rectangle drawn over missed bubbles: a block with the card's usual bubble size and spacing."""
        answers = [b for b in self.blocks if b.kind == BlockKind.ANSWERS]
        like = answers[0] if answers else None
        bw = like.bubble_w if like else 30.0
        bh = like.bubble_h if like else 30.0
        col_gap = like.col_gap if like else bw * 1.4
        row_gap = like.row_gap if like else bh * 1.7
        cols = max(1, round((right - left - bw) / col_gap) + 1)
        rows = max(1, round((bottom - top - bh) / row_gap) + 1)
        direction = like.direction if like else Direction.HORIZONTAL
        block = Block(BlockKind.ANSWERS, direction, rows, cols, 0, 0, 0, 0, bw, bh)
        self.blocks.append(block_with_bounds(block, left, top, right, bottom))
        self.current = len(self.blocks) - 1
        self._renumber(keep=self.blocks[-1])
        self._refresh()

    def template(self) -> dict[str, Any]:
        if self.detection is None:
            raise ValueError("no blank card is open")
        return self.detection.template(self.blocks)

    # ------------------------------------------------------------------ preview
    def _choose_sample(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Filled sample"), SCAN_FILTER)
        if path:
            self.set_sample(path)

    def set_sample(self, path: str) -> None:
        self.sample = path
        self.schedule_preview()

    def schedule_preview(self) -> None:
        if self.sample and self.detection is not None:
            self._preview_timer.start()

    def preview_pending(self) -> bool:
        """A preview read is waiting or running (tests wait for it to settle)."""
        return self._preview_running or self._preview_timer.isActive()

    def run_preview(self) -> None:
        """Read the sample with the template as it stands (one read at a time; edits meanwhile re-run it)."""
        if not self.sample or self.detection is None:
            return
        if self._preview_running:
            self._preview_again = True
            return
        self._preview_running = True
        raw, name, sample = self.template(), self.name.text(), self.sample
        self.preview.setPlainText(self.tr("Reading the sample…"))
        StoreOp(self, lambda: read_sample(raw, name, sample)).success(self._previewed).failure(
            self._preview_failed).run()

    def _preview_done(self) -> None:
        self._preview_running = False
        if self._preview_again:
            self._preview_again = False
            self.run_preview()

    def _show_page(self, *_args: object) -> None:
        """The blank card, or the last sample read (straightened by the template as it stood)."""
        if self.show_sample.isChecked() and self.sample_read is not None:
            template, read = self.sample_read
            self.canvas.set_page(read.warped, read.scale)
            marks = []
            by_label = template.field_by_label()
            for fld in read.fields:
                start = by_label[fld.label].bubble_start
                for index in fld.marked:
                    b = start + index
                    rect = QRectF(float(template.bx[b]), float(template.by[b]), float(template.bw[b]),
                                  float(template.bh[b]))
                    marks.append((rect, bool(fld.flags)))
            self.canvas.set_marks(marks)
        elif self.detection is not None:
            self.canvas.set_page(self.detection.page)
            self.canvas.set_marks([])

    def _previewed(self, result: tuple[Template, SheetRead]) -> None:
        self.sample_read = result
        _template, read = result
        self.show_sample.setEnabled(True)
        self._show_page()
        lines = []
        flagged = 0
        for column, value in read.columns.items():
            shown = value["value"] or "–"
            if value["flags"]:
                flagged += 1
                shown += "  ⚑ " + ", ".join(value["flags"])
            label = self.tr("Student number") if column == "student_id" else column.lstrip("q")
            lines.append(f"{label}: {shown}")
        head = self.tr("{0} answers read, {1} to check").format(len(read.columns), flagged)
        self.preview.setPlainText("\n".join([head, *lines]))
        self._preview_done()

    def _preview_failed(self, error: Exception) -> None:
        self.sample_read = None
        self.show_sample.setEnabled(False)
        self._show_page()
        self.preview.setPlainText(self.tr("The sample does not read with this template: {0}").format(
            one_line(error)))
        self._preview_done()

    # ------------------------------------------------------------------ save
    def save(self) -> None:
        try:
            self.saved_path = save_user_template(self.template(), self.name.text(), self.home)
        except (ValueError, BadInput, OSError) as exc:  # one line; the dialog stays open to fix it
            self.status.setText(self.tr("Not saved: {0}").format(one_line(exc)))
            return
        self.accept()
