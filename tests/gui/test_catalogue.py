"""Catalogue page: the table, search, and the item form with errors at their field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.dialogs import item_form
from app.gui.main_window import MainWindow
from app.gui.models.catalogue_table import Column
from app.store import queries
from tests.gui.conftest import Books, type_text


def keep(qtbot: QtBot, dialog: QDialog) -> None:
    """Close the dialog after the test without its "discard changes?" question."""
    qtbot.addWidget(dialog, before_close_func=lambda d: d.hide())


def table_texts(window: MainWindow, column: Column) -> list[str]:
    table = window.catalogue_page.table
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_table_shows_codes_translated(window: MainWindow) -> None:
    window.show_page("catalogue")
    codes = table_texts(window, Column.CODE)
    assert "XS-ALC75" in codes
    row = codes.index("XS-ALC75")
    assert table_texts(window, Column.HAZARD)[row] == "易燃"
    assert table_texts(window, Column.CATEGORY)[row] == "消杀用品"
    assert table_texts(window, Column.GTINS)[row] == "06901234000191"
    window.settings_page.set_language("en")
    assert table_texts(window, Column.HAZARD)[row] == "flammable"
    assert table_texts(window, Column.CATEGORY)[row] == "Disinfection supplies"


def test_search_filters_the_table(qtbot: QtBot, window: MainWindow) -> None:
    page = window.catalogue_page
    type_text(page.search, "手套")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert set(table_texts(window, Column.CODE)) == {"FH-GLOVE", "FH-PEGLOVE"}


def test_sorting_by_a_column(window: MainWindow) -> None:
    page = window.catalogue_page
    page.table.sortByColumn(Column.SHELF_LIFE, Qt.SortOrder.DescendingOrder)
    first = page.proxy.index(0, Column.SHELF_LIFE).data()
    assert first == "365 天"


def test_empty_name_is_refused_at_its_field(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.catalogue_page.make_dialog()
    keep(qtbot, dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "TEST-01")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_at("name") == "请填写物资名称"
    assert dialog.error_at("code") == ""
    assert dialog.code.text() == "TEST-01"  # input kept
    assert queries.catalogue_rows("TEST-01") == []


def test_bad_gtin_is_shown_at_the_gtin_field(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.catalogue_page.make_dialog()
    keep(qtbot, dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "TEST-02")
    type_text(dialog.name, "测试口罩")
    qtbot.keyClicks(dialog.gtins, "06901234000017")  # wrong check digit
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "校验位" in dialog.error_at("gtins")
    assert dialog.error_at("name") == ""


def test_a_valid_new_item_is_saved_and_listed(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = window.catalogue_page
    dialog = page.make_dialog()
    keep(qtbot, dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "fh-apron")
    type_text(dialog.name, "一次性防护围裙")
    type_text(dialog.spec, "PE 均码")
    dialog.category.setCurrentIndex(dialog.category.findData("protective"))
    dialog.base_unit.setCurrentText("件")
    type_text(dialog.packs, "包=20;箱=400")
    dialog.hazard_class.setCurrentIndex(dialog.hazard_class.findData("none"))
    qtbot.keyClicks(dialog.standard, "GB/T 00000")
    dialog.requires_registration.setChecked(True)
    dialog.min_shelf_life_days.setValue(90)
    qtbot.keyClicks(dialog.gtins, "06901234000283")
    with qtbot.waitSignal(page.catalogue_changed, timeout=1000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        page.after_save(dialog)
    rows = queries.catalogue_rows("FH-APRON")
    assert len(rows) == 1
    row = rows[0]
    assert (row.name, row.spec, row.unit, row.packs) == (
        "一次性防护围裙",
        "PE 均码",
        "件",
        "包=20;箱=400",
    )
    assert row.requires_registration and row.min_shelf_life_days == 90
    assert row.gtins == ("06901234000283",)
    assert page.selected() is not None and page.selected().code == "FH-APRON"
    # The stock page lists it at once (nothing on hand).
    window.stock_page.apply_search("FH-APRON")
    assert window.stock_page.model.rowCount() == 1


def test_edit_keeps_fields_and_saves(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    page = window.catalogue_page
    item_id = books.items["FH-GLOVE"]
    dialog = page.make_dialog(item_id)
    keep(qtbot, dialog)
    assert dialog.name.text() == "一次性乳胶手套"
    assert dialog.gtins.text() == "06901234000108"
    dialog.spec.setText("L 号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.after_save(dialog)
    assert queries.catalogue_row(item_id).spec == "L 号"  # type: ignore[union-attr]


def test_base_unit_of_an_item_with_history_cannot_change(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    dialog = window.catalogue_page.make_dialog(books.items["FH-N95"])
    keep(qtbot, dialog)
    dialog.show()
    dialog.base_unit.setCurrentText("个")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "基本单位" in dialog.error_at("base_unit")


def test_closing_with_changes_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def question(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
            asked.append(title)
            return choice

        return question

    dialog = window.catalogue_page.make_dialog()
    keep(qtbot, dialog)
    dialog.show()
    dialog.reject()  # nothing typed: closes without asking
    assert not dialog.isVisible() and asked == []

    dialog = window.catalogue_page.make_dialog()
    keep(qtbot, dialog)
    dialog.show()
    type_text(dialog.name, "半截")
    monkeypatch.setattr(
        item_form.QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel)
    )
    dialog.reject()
    assert dialog.isVisible() and asked == ["放弃修改？"]
    assert dialog.name.text() == "半截"
    monkeypatch.setattr(
        item_form.QMessageBox, "question", answer(QMessageBox.StandardButton.Discard)
    )
    dialog.reject()
    assert not dialog.isVisible()
