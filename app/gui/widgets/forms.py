"""Form helpers: error messages shown at the field a StorekeeperError names, page titles."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import StorekeeperError


def mark_primary(button: QPushButton) -> QPushButton:
    """Style a button as the page's or dialog's one primary action (style.qss: #primary).

    Buttons a QDialogButtonBox makes are polished before we can name them, hence the re-polish.
    """
    button.setObjectName("primary")
    button.style().unpolish(button)
    button.style().polish(button)
    return button


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red message line, hidden until there is something to say."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class FieldErrors:
    """Error lines under form fields, keyed by the `field` a StorekeeperError names."""

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget, *aliases: str) -> QWidget:
        """`widget` with its error line beneath, to put in a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = error_label(box)
        layout.addWidget(label)
        for name in (field, *aliases):
            self._labels[name] = label
            self._widgets[name] = widget
        return box

    def clear(self) -> None:
        for label in [*self._labels.values(), self._general]:
            label.clear()
            label.hide()

    def show(self, err: StorekeeperError) -> None:
        """Show `err` at its field (or in the general line) and put the cursor there."""
        self.clear()
        label = self._labels.get(err.field or "", self._general)
        label.setText(str(err))
        label.show()
        widget = self._widgets.get(err.field or "")
        if widget is not None:
            widget.setFocus()

    def message(self, field: str) -> str:
        """The message shown at `field` now ('' when none); tests read it."""
        label = self._labels.get(field, self._general)
        return label.text() if label.isVisible() or label.text() else ""


class PageHeader(QWidget):
    """A page's title on the left, its one primary action on the right."""

    def __init__(self, parent: QWidget | None = None, *, with_primary: bool = False) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.primary: QPushButton | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.title)
        layout.addStretch(1)
        self._layout = layout
        if with_primary:
            self.primary = QPushButton(self)
            self.primary.setObjectName("primary")
            layout.addWidget(self.primary)

    def add_widget(self, widget: QWidget) -> None:
        """Put another control next to the primary button (before it)."""
        index = self._layout.count() - (1 if self.primary else 0)
        self._layout.insertWidget(index, widget)
