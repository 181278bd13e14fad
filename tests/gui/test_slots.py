"""Slots page: zones and slots with what each holds; a whole rack made from its dialog."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.pages.slots import SlotsPage
from tests.gui.conftest import Books


def test_slots_page_rack_and_contents(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    from app.gui.dialogs.slots import RackDialog

    page = window.show_page("slots")
    assert isinstance(page, SlotsPage)
    assert page.select_slot("A-01-01") and "A-01-01" in page.detail_title.text()
    assert page.contents.rowCount() == 4 and not page.retire_button.isEnabled()
    dialog = RackDialog(None, page)
    qtbot.addWidget(dialog)
    dialog.zone.setCurrentIndex(0)
    dialog.prefix.setText("B")
    dialog.racks.setValue(2)
    dialog.levels.setValue(3)
    assert "B-01-01 … B-02-03" in dialog.preview.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted and len(dialog.made) == 6
    page.refresh()
    assert page.select_slot("B-02-03")
