"""A signature pad: sign with the mouse, a pen or a finger; undo, redo, clear; strokes and PNG.

Strokes are kept in the pad's own coordinates (PAD_SIZE, whatever size the widget is shown at),
so the stored strokes and the PNG look the same on any screen.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_SIZE = QSize(480, 160)  # logical pad coordinates; also the PNG size
INK = QColor("#10243a")
STROKE_WIDTH = 3.2

Stroke = list[tuple[float, float]]


class SignaturePad(QWidget):
    """White writing area with a baseline; emits `changed` after every stroke, undo or clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(PAD_SIZE.width() * 3 // 4, PAD_SIZE.height() * 3 // 4)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._strokes: list[Stroke] = []
        self._undone: list[Stroke] = []
        self._current: Stroke | None = None
        self.hint = ""

    def sizeHint(self) -> QSize:
        return PAD_SIZE

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Keep the pad's proportions: as tall as the width asks (layouts rarely ask themselves).
        want = self.heightForWidth(event.size().width())
        if want != self.height():
            self.setFixedHeight(max(want, self.minimumSizeHint().height()))
        super().resizeEvent(event)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * PAD_SIZE.height() // PAD_SIZE.width()

    # --- what was signed ---------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def strokes(self) -> list[Stroke]:
        return [list(s) for s in self._strokes]

    def set_strokes(self, strokes: list[Stroke]) -> None:
        self._strokes = [list(s) for s in strokes if s]
        self._undone.clear()
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        if self._strokes:
            self._undone = list(reversed(self._strokes)) + self._undone
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self._strokes:
            self._undone.append(self._strokes.pop())
            self.update()
            self.changed.emit()

    def redo(self) -> None:
        if self._undone:
            self._strokes.append(self._undone.pop())
            self.update()
            self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._strokes)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def to_image(self) -> QImage:
        image = QImage(PAD_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_strokes(painter, 1.0)
        painter.end()
        return image

    def to_png(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.to_image().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    # --- input -------------------------------------------------------------------------------

    def _scale(self) -> float:
        return min(self.width() / PAD_SIZE.width(), self.height() / PAD_SIZE.height()) or 1.0

    def _offset(self) -> QPointF:
        """The writing area keeps the pad's proportions, centred in the widget."""
        s = self._scale()
        return QPointF(
            (self.width() - PAD_SIZE.width() * s) / 2, (self.height() - PAD_SIZE.height() * s) / 2
        )

    def _to_pad(self, pos: QPointF) -> tuple[float, float]:
        s = self._scale()
        pos = pos - self._offset()
        x = min(max(pos.x() / s, 0.0), PAD_SIZE.width())
        y = min(max(pos.y() / s, 0.0), PAD_SIZE.height())
        return (round(x, 1), round(y, 1))

    def _begin(self, pos: QPointF) -> None:
        self._current = [self._to_pad(pos)]
        self._strokes.append(self._current)
        self._undone.clear()
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        point = self._to_pad(pos)
        if point != self._current[-1]:
            self._current.append(point)
            self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._extend(event.position())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._extend(event.position())
            self._end()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._extend(event.position())
            self._end()
        event.accept()  # the pen is handled here; Qt sends no mouse events for it then

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(pos)
                else:
                    self._extend(pos)
                    self._end()
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end()
            return True
        return super().event(event)

    # --- drawing -----------------------------------------------------------------------------

    def _draw_strokes(self, painter: QPainter, scale: float) -> None:
        pen = QPen(INK, STROKE_WIDTH * scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                x, y = stroke[0]
                painter.drawPoint(QPointF(x * scale, y * scale))
                continue
            path = QPainterPath(QPointF(stroke[0][0] * scale, stroke[0][1] * scale))
            for x, y in stroke[1:]:
                path.lineTo(QPointF(x * scale, y * scale))
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = self._scale()
        area = QRectF(0, 0, PAD_SIZE.width() * scale, PAD_SIZE.height() * scale)
        painter.fillRect(self.rect(), QColor("#f4f6f8"))
        painter.translate(self._offset())
        painter.fillRect(area, QColor("white"))
        painter.setPen(QPen(QColor("#b8c4d0"), 1))
        painter.drawRect(area.adjusted(0.5, 0.5, -0.5, -0.5))
        base_y = area.height() * 0.78
        painter.setPen(QPen(QColor("#c5ced8"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(area.width() * 0.06, base_y), QPointF(area.width() * 0.94, base_y))
        if self.is_empty() and self.hint:
            painter.setPen(QColor("#8a97a6"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.hint)
        self._draw_strokes(painter, scale)
        painter.end()
