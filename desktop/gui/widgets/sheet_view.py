"""A sheet image with the template's bubbles drawn over it: zoom, pan, click a bubble to pick it.

The image is in the template's frame (the original scan warped onto the template, see
desktop/services/sheet_image.py), so a bubble's rectangle is its template box times
`image width / page width`. Bubbles are drawn as outlines only, never filled, so the student's own mark
stays visible under them; the overlay's opacity is adjustable and it can be hidden. Focusing a question
zooms onto it. Geometry comes from `worker.omr.template` (plain arrays); this widget only draws it.
UI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QMouseEvent, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from worker.omr.template import Template

FIELD_ROLE = 0  # QGraphicsItem.data keys
VALUE_ROLE = 1
_FOCUS_PEN = QPen(QColor(220, 40, 40), 2)
_CHOSEN_PEN = QPen(QColor(30, 120, 255), 4)  # the value now read: a thick outline, the mark shows inside
_OTHER_PEN = QPen(QColor(0, 150, 0, 120), 1)
_CLEAR_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
DEFAULT_OPACITY = 0.7


@dataclass(frozen=True, slots=True)
class Bubble:
    field: str  # the template field's label (q3, sid2, ...)
    value: str  # the value this bubble stands for
    rect: QRectF  # in image pixels


def bubbles_for(template: Template, image_width: float) -> list[Bubble]:
    """Every bubble of the template in the pixels of an image of the template's frame."""
    scale = image_width / template.page_width
    out: list[Bubble] = []
    for fld in template.fields:
        for j in range(fld.bubble_count):
            b = fld.bubble_start + j
            out.append(Bubble(fld.label, fld.values[j], QRectF(
                float(template.bx[b]) * scale, float(template.by[b]) * scale,
                float(template.bw[b]) * scale, float(template.bh[b]) * scale)))
    return out


def qimage_from_array(array: np.ndarray) -> QImage:
    """A grey (H, W) or BGR (H, W, 3) uint8 array as a QImage that owns its pixels."""
    array = np.ascontiguousarray(array)
    h, w = array.shape[:2]
    if array.ndim == 2:
        return QImage(array.data, w, h, array.strides[0], QImage.Format.Format_Grayscale8).copy()
    rgb = np.ascontiguousarray(array[:, :, ::-1])
    return QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888).copy()


class SheetView(QGraphicsView):
    """Signals (UI thread): `bubble_clicked(field_label, value)`."""

    bubble_clicked = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor(60, 60, 60))
        self._pixmap: QGraphicsPixmapItem | None = None
        self._items: dict[tuple[str, str], QGraphicsEllipseItem] = {}
        self._focus: set[str] = set()
        self.zoom = 1.0
        self.overlay_opacity = DEFAULT_OPACITY
        self.overlay_visible = True

    # ------------------------------------------------------------------ content
    def show_image(self, image: QImage, template: Template | None = None) -> None:
        scene = self.scene()
        scene.clear()
        self._items.clear()
        self._pixmap = scene.addPixmap(QPixmap.fromImage(image))
        scene.setSceneRect(QRectF(image.rect()))
        if template is not None:
            for bubble in bubbles_for(template, image.width()):
                item = scene.addEllipse(bubble.rect.adjusted(-2, -2, 2, 2), _OTHER_PEN, _CLEAR_BRUSH)
                item.setData(FIELD_ROLE, bubble.field)
                item.setData(VALUE_ROLE, bubble.value)
                item.setZValue(1)
                self._items[(bubble.field, bubble.value)] = item
        self._apply_overlay()
        self.fit()

    # ------------------------------------------------------------------ overlay
    def set_overlay_opacity(self, opacity: float) -> None:
        """0 (invisible) .. 1 (opaque) for every bubble outline."""
        self.overlay_opacity = max(0.0, min(1.0, opacity))
        self._apply_overlay()

    def toggle_overlay(self) -> bool:
        """Hide or show the bubble outlines; returns whether they are shown now."""
        self.overlay_visible = not self.overlay_visible
        self._apply_overlay()
        return self.overlay_visible

    def _apply_overlay(self) -> None:
        for item in self._items.values():
            item.setOpacity(self.overlay_opacity)
            item.setVisible(self.overlay_visible)

    def clear(self) -> None:
        self.scene().clear()
        self._items.clear()
        self._pixmap = None

    def bubble_count(self) -> int:
        return len(self._items)

    def bubble_rect(self, field: str, value: str) -> QRectF | None:
        item = self._items.get((field, value))
        return item.rect() if item is not None else None

    def is_chosen(self, field: str, value: str) -> bool:
        item = self._items.get((field, value))
        return item is not None and item.pen().width() == _CHOSEN_PEN.width()

    def set_focus_fields(self, fields: list[str], chosen: dict[str, str]) -> None:
        """Outline the bubbles of `fields` (the read under review) in red, the values now chosen thick
        blue, and zoom onto them."""
        self._focus = set(fields)
        for (field, value), item in self._items.items():
            in_focus = field in self._focus
            picked = in_focus and value and value in chosen.get(field, "")
            item.setPen(_CHOSEN_PEN if picked else _FOCUS_PEN if in_focus else _OTHER_PEN)
            item.setBrush(_CLEAR_BRUSH)
        self._focus_on_fields()

    def _focus_on_fields(self) -> None:
        """Zoom onto the bubbles under review, with a margin of their own size around them."""
        rects = [item.sceneBoundingRect() for (field, _), item in self._items.items() if field in self._focus]
        if rects:
            united = rects[0]
            for r in rects[1:]:
                united = united.united(r)
            margin = max(united.width(), united.height()) * 0.6
            self.fitInView(united.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom = self.transform().m11()
            self.centerOn(united.center())

    # ------------------------------------------------------------------ zoom
    def fit(self) -> None:
        if self._pixmap is not None:
            self.fitInView(self._pixmap, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        new = max(0.05, min(8.0, self.zoom * factor))
        self.scale(new / self.zoom, new / self.zoom)
        self.zoom = new

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel zooms (around the mouse); dragging pans."""
        self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            for item in self.items(event.position().toPoint()):
                field = item.data(FIELD_ROLE)
                if field and field in self._focus:
                    self.bubble_clicked.emit(str(field), str(item.data(VALUE_ROLE)))
                    event.accept()
                    return
        super().mousePressEvent(event)
