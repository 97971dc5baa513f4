"""The straightened blank card with its blocks drawn over it: drag a block to move it, drag a corner to
resize it, or draw a missing block with the mouse in draw mode.

Scene coordinates are template units (the page image holds one pixel per unit), so a block's geometry
(`worker.omr.detect.layout.Block`) is used as it is. UI thread only.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from worker.omr.detect.layout import Block, BlockKind

HANDLE = 14.0  # corner handle size in template units
MIN_SPAN = 4.0  # a block's bubbles never collapse onto each other
_COLOURS = {BlockKind.ANSWERS: QColor(30, 110, 230), BlockKind.STUDENT_ID: QColor(20, 150, 60)}


def block_with_bounds(block: Block, left: float, top: float, right: float, bottom: float) -> Block:
    """`block` stretched so its bubbles' outer box is (left, top, right, bottom)."""
    hw, hh = block.bubble_w / 2, block.bubble_h / 2
    x0, y0 = left + hw, top + hh
    x1 = max(right - hw, x0 + (MIN_SPAN if block.cols > 1 else 0.0))
    y1 = max(bottom - hh, y0 + (MIN_SPAN if block.rows > 1 else 0.0))
    if block.cols == 1:
        x1 = x0
    if block.rows == 1:
        y1 = y0
    return replace(block, x0=x0, y0=y0, x1=x1, y1=y1)


class BlockItem(QGraphicsItem):
    """One block: its outline, its bubbles and, when selected, four corner handles."""

    def __init__(self, canvas: BlockCanvas, index: int, block: Block, label: str) -> None:
        super().__init__()
        self.canvas = canvas
        self.index = index
        self.block = block
        self.label = label
        self._drag: tuple[str, QPointF, Block] | None = None  # (corner or "move", press point, block then)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)

    def boundingRect(self) -> QRectF:
        left, top, right, bottom = self.block.bounds()
        pad = HANDLE
        return QRectF(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad)

    def _corners(self) -> dict[str, QPointF]:
        left, top, right, bottom = self.block.bounds()
        return {"tl": QPointF(left, top), "tr": QPointF(right, top),
                "br": QPointF(right, bottom), "bl": QPointF(left, bottom)}

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = _COLOURS[self.block.kind]
        left, top, right, bottom = self.block.bounds()
        selected = self.isSelected()
        fill = QColor(colour)
        fill.setAlpha(45 if selected else 25)
        painter.setBrush(QBrush(fill))
        painter.setPen(QPen(colour, 4 if selected else 2))
        painter.drawRect(QRectF(left, top, right - left, bottom - top))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 1.5))
        bw, bh = self.block.bubble_w, self.block.bubble_h
        for x, y in self.block.centres():
            painter.drawEllipse(QRectF(x - bw / 2, y - bh / 2, bw, bh))
        painter.setPen(QPen(colour.darker(140)))
        font = QFont()
        font.setPixelSize(26)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QPointF(left, top - 6), self.label)
        if selected:
            painter.setBrush(QBrush(colour))
            for point in self._corners().values():
                painter.drawRect(QRectF(point.x() - HANDLE / 2, point.y() - HANDLE / 2, HANDLE, HANDLE))

    def _corner_at(self, point: QPointF) -> str | None:
        for name, corner in self._corners().items():
            if abs(point.x() - corner.x()) <= HANDLE and abs(point.y() - corner.y()) <= HANDLE:
                return name
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        corner = self._corner_at(event.scenePos()) if self.isSelected() else None
        self._drag = (corner or "move", event.scenePos(), self.block)
        self.canvas.select_index(self.index)
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is None:
            return
        what, start, before = self._drag
        delta = event.scenePos() - start
        dx, dy = delta.x(), delta.y()
        self.prepareGeometryChange()
        if what == "move":
            self.block = replace(before, x0=before.x0 + dx, x1=before.x1 + dx, y0=before.y0 + dy, y1=before.y1 + dy)
        else:
            left, top, right, bottom = before.bounds()
            left += dx if "l" in what else 0.0
            right += dx if "r" in what else 0.0
            top += dy if "t" in what else 0.0
            bottom += dy if "b" in what else 0.0
            self.block = block_with_bounds(before, min(left, right), min(top, bottom),
                                           max(left, right), max(top, bottom))
        self.update()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None and self._drag[2] != self.block:
            self.canvas.item_edited(self.index, self.block)
        self._drag = None
        super().mouseReleaseEvent(event)


class BlockCanvas(QGraphicsView):
    """Signals run on the UI thread: `edited(index, block)` after a drag, `selected(index)` (-1 for
    none), `drawn(left, top, right, bottom)` when a rectangle was drawn in draw mode."""

    edited = Signal(int, object)
    selected = Signal(int)
    drawn = Signal(float, float, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setMinimumSize(420, 520)
        self._page: QGraphicsPixmapItem | None = None
        self._items: list[BlockItem] = []
        self._marks: list[QGraphicsEllipseItem] = []
        self._draw_mode = False
        self._rubber: QGraphicsRectItem | None = None
        self._rubber_start = QPointF()

    # ---------------------------------------------------------------- content
    def set_page(self, grey: np.ndarray, pixels_per_unit: float = 1.0) -> None:
        """Show `grey` (the page in the template frame at `pixels_per_unit`) under the blocks."""
        grey = np.ascontiguousarray(grey)
        height, width = grey.shape
        image = QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
        if self._page is not None:
            self.scene().removeItem(self._page)
        self._page = self.scene().addPixmap(QPixmap.fromImage(image))
        self._page.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._page.setScale(1.0 / pixels_per_unit)
        self._page.setZValue(-2)
        self.scene().setSceneRect(QRectF(0, 0, width / pixels_per_unit, height / pixels_per_unit))
        self.fit()

    def set_marks(self, marks: list[tuple[QRectF, bool]]) -> None:
        """Bubbles a sample read as marked (template units); flagged ones in orange."""
        for item in self._marks:
            self.scene().removeItem(item)
        self._marks = []
        for rect, flagged in marks:
            colour = QColor(240, 130, 0, 150) if flagged else QColor(220, 30, 60, 110)
            item = self.scene().addEllipse(rect, QPen(colour.darker(130), 2), QBrush(colour))
            item.setZValue(-1)
            self._marks.append(item)

    def mark_count(self) -> int:
        return len(self._marks)

    def set_blocks(self, blocks: list[Block], labels: list[str], selected: int = -1) -> None:
        for item in self._items:
            self.scene().removeItem(item)
        self._items = []
        for index, (block, label) in enumerate(zip(blocks, labels, strict=True)):
            item = BlockItem(self, index, block, label)
            self.scene().addItem(item)
            self._items.append(item)
        if 0 <= selected < len(self._items):
            self._items[selected].setSelected(True)

    def blocks(self) -> list[Block]:
        return [item.block for item in self._items]

    def select_index(self, index: int) -> None:
        for item in self._items:
            item.setSelected(item.index == index)
        self.selected.emit(index)

    def item_edited(self, index: int, block: Block) -> None:
        self.edited.emit(index, block)

    def set_draw_mode(self, on: bool) -> None:
        self._draw_mode = on
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    # ---------------------------------------------------------------- view
    def fit(self) -> None:
        if self._page is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._draw_mode and event.button() == Qt.MouseButton.LeftButton:
            self._rubber_start = self.mapToScene(event.position().toPoint())
            self._rubber = self.scene().addRect(QRectF(self._rubber_start, self._rubber_start),
                                                QPen(QColor(230, 120, 20), 3))
            return
        super().mousePressEvent(event)
        if self.itemAt(event.position().toPoint()) in (None, self._page):
            self.select_index(-1)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._rubber is not None:
            end = self.mapToScene(event.position().toPoint())
            self._rubber.setRect(QRectF(self._rubber_start, end).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._rubber is not None:
            rect = self._rubber.rect()
            self.scene().removeItem(self._rubber)
            self._rubber = None
            self.set_draw_mode(False)
            if rect.width() > 10 and rect.height() > 10:
                self.drawn.emit(rect.left(), rect.top(), rect.right(), rect.bottom())
            return
        super().mouseReleaseEvent(event)
