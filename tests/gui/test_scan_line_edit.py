"""The scan field keeps the GS1 separator, has no input method and reports scans on Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.gui.widgets.scan_line_edit import GS, ScanLineEdit
from tests.gui.conftest import send_gs, type_scan

GS1 = "0106901234000016" + "10N95-2301" + GS + "17271231"


def test_keeps_gs_and_emits_the_whole_scan(qtbot: QtBot, gui_app: QApplication) -> None:
    edit = ScanLineEdit()
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.scanned, timeout=1000) as blocker:
        type_scan(edit, GS1)
    assert blocker.args == [GS1]
    assert edit.text() == GS1


def test_ctrl_bracket_is_gs_too(qtbot: QtBot, gui_app: QApplication) -> None:
    edit = ScanLineEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "10AB")
    send_gs(edit, as_ctrl_bracket=True)
    qtbot.keyClicks(edit, "21X")
    assert edit.text() == "10AB" + GS + "21X"


def test_a_plain_line_edit_would_drop_it(qtbot: QtBot, gui_app: QApplication) -> None:
    # Why the widget exists: QLineEdit refuses control characters typed as keys.
    plain = QLineEdit()
    qtbot.addWidget(plain)
    qtbot.keyClicks(plain, "10AB")
    send_gs(plain)
    qtbot.keyClicks(plain, "21X")
    assert GS not in plain.text()


def test_input_method_is_off(gui_app: QApplication) -> None:
    edit = ScanLineEdit()
    assert not edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert edit.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly


def test_enter_does_not_add_a_character(qtbot: QtBot, gui_app: QApplication) -> None:
    edit = ScanLineEdit()
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.scanned, timeout=1000) as blocker:
        type_scan(edit, "FH-N95")
    assert blocker.args == ["FH-N95"]
    assert edit.text() == "FH-N95"


def test_tells_a_scanner_burst_from_typing(qtbot: QtBot, gui_app: QApplication) -> None:
    edit = ScanLineEdit()
    qtbot.addWidget(edit)
    type_scan(edit, "06901234000016")
    assert edit.last_was_burst()
    edit.clear()
    qtbot.keyClicks(edit, "FH-N", delay=ScanLineEdit.BURST_GAP_MS + 60)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not edit.last_was_burst()
