"""Slots page: zones and slots with what each holds; a whole rack made from its dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.gui import theme
from app.gui.main_window import MainWindow
from app.gui.pages.slots import SLOT_ROLE, SlotsPage
from app.services import catalogue, slots
from app.store.models import Zone
from tests.gui.conftest import Books, type_text


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


def test_slots_table_sorts_in_the_model_and_the_selection_follows(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = window.show_page("slots")
    assert isinstance(page, SlotsPage)
    ModelTester(qtbot).check(page.model)
    model = page.model

    def column(n: int) -> list[str]:
        return [model.index(r, n).data() for r in range(model.rowCount())]

    assert column(0) == ["A-01-01", "A-01-02", "F-01"]  # by code at first
    assert column(4) == ["4,730", "1,600", "40"]
    assert page.select_slot("F-01") and "F-01" in page.detail_title.text()
    f01 = page.selected_slot_id()
    page.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    assert column(0) == ["F-01", "A-01-02", "A-01-01"]  # by quantity, not by its text
    assert page.selected_slot_id() == f01 and page.table.currentIndex().row() == 0
    assert model.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert column(0) == ["A-01-01", "A-01-02", "F-01"]
    assert page.selected_slot_id() == f01 and page.table.currentIndex().row() == 2
    page.refresh()  # reloading keeps the order chosen and the slot chosen
    assert column(0) == ["A-01-01", "A-01-02", "F-01"] and page.selected_slot_id() == f01


def test_a_retired_slot_is_muted_and_found_by_search(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    zone = Zone.get(Zone.code == "A").id
    spare = catalogue.create_slot(zone, "A-09-09").id
    slots.retire_slot(spare)
    page = window.show_page("slots")
    assert isinstance(page, SlotsPage)
    page.refresh()
    type_text(page.search, "a-09")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    index = page.model.index(0, 0)
    assert index.data() == "A-09-09" and index.data(SLOT_ROLE) == spare
    assert page.model.index(0, 5).data() == page.tr("retired")
    assert index.data(Qt.ItemDataRole.ForegroundRole) == theme.muted_colour()
    assert page.model.index(0, 3).data() == ""  # empty and retired: no "(empty)"
    assert page.message.text() == page.tr("{n} slots, {m} holding stock").format(n=1, m=0)
