"""A line edit for barcode scanners: keeps the GS1 separator, no input method, `scanned` on Enter."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

GS = "\x1d"  # GS1 group separator; ends a variable-length field such as a batch number


class ScanLineEdit(QLineEdit):
    """Typing and USB scanners (which type fast and end with Enter) both land here.

    A plain QLineEdit drops control characters, so the GS a scanner sends (as Ctrl+] or as a key
    whose text is 0x1D) is inserted by hand. The input method is off: a Chinese IME would otherwise
    swallow the letters of a scanned code.
    """

    scanned = Signal(str)

    # Scanners send a key every few milliseconds; people rarely type faster than one per 60 ms.
    BURST_GAP_MS = 35
    BURST_MIN_KEYS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
            | Qt.InputMethodHint.ImhPreferLatin
        )
        self.setClearButtonEnabled(True)
        self._clock = QElapsedTimer()
        self._fast_keys = 0
        self._last_was_burst = False

    def last_was_burst(self) -> bool:
        """Whether the text sent by the last Enter arrived as a scanner's fast burst."""
        return self._last_was_burst

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.text() == GS or (ctrl and key == Qt.Key.Key_BracketRight):
            self._count_key()
            self.insert(GS)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._last_was_burst = self._fast_keys >= self.BURST_MIN_KEYS
            self._fast_keys = 0
            self._clock.invalidate()
            event.accept()
            self.scanned.emit(self.text())
            return
        if event.text() and event.text().isprintable():
            self._count_key()
        super().keyPressEvent(event)

    def _count_key(self) -> None:
        if self._clock.isValid() and self._clock.elapsed() <= self.BURST_GAP_MS:
            self._fast_keys += 1
        else:
            self._fast_keys = 1
        self._clock.restart()
