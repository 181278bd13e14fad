"""Columns fitted from their widest text come out as wide as Qt's own fit of every cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.models.catalogue_table import Column
from app.gui.widgets.column_fit import fit_columns, widest_index
from tests.gui.conftest import Books


class Counting(QAbstractTableModel):
    """Texts in a grid, counting how often Qt asks for a cell."""

    def __init__(self, texts: list[list[str]]) -> None:
        super().__init__()
        self.texts = texts
        self.asked = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.texts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.texts[0])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        self.asked += 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[index.row()][index.column()]
        return None


def widths(view: QTableView) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_catalogue_columns_as_qt_fits_them(window: MainWindow, language: str) -> None:
    window.settings_page.set_language(language)
    table = window.show_page("catalogue").table
    shown = widths(table)  # what the page fitted (after the language change too)
    table.resizeColumnsToContents()
    assert widths(table) == shown
    table.horizontalHeader().setMaximumSectionSize(10_000)  # nothing cut: compare whole widths
    table.resizeColumnsToContents()
    qt = widths(table)
    for column in range(len(Column)):
        table.setColumnWidth(column, 30)
    fit_columns(table)
    assert widths(table) == qt
    assert qt[Column.NAME] > 30 and qt[Column.CODE] > 30


def test_widest_text_with_a_cap_and_only_the_columns_asked(qtbot: QtBot, books: Books) -> None:
    texts = [["A-1", "口罩", "x"], ["A-10", "医用外科口罩（独立包装）", "y"], ["B-2", "手套", "z"]]
    model = Counting(texts)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setMaximumSectionSize(120)
    assert widest_index(view, 1) == model.index(1, 1)
    assert widest_index(view, 0) == model.index(1, 0)
    view.setColumnWidth(2, 77)
    fit_columns(view, [0, 1])
    assert view.columnWidth(1) == 120  # the long name is cut at the header's maximum
    assert view.columnWidth(2) == 77  # not asked: left alone
    view.setColumnWidth(0, 5)
    view.setRowHidden(1, True)  # a hidden row does not widen its column
    fit_columns(view, [0])
    hidden_fit = view.columnWidth(0)
    view.setRowHidden(1, False)
    fit_columns(view, [0])
    assert 5 < hidden_fit < view.columnWidth(0)


def test_a_fit_asks_each_cell_once(qtbot: QtBot, books: Books) -> None:
    texts = [[f"SLOT-{n:04d}", "普通物资区"] for n in range(500)]
    model = Counting(texts)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view)
    ours = model.asked
    model.asked = 0
    view.resizeColumnsToContents()
    assert ours <= 2 * 500 + 20  # one read per cell, a few for the measured cells
    assert model.asked > 4 * ours  # Qt asks every cell for each of its roles
