"""The paged table model: rows read a page at a time, in the order of the ids given."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.gui.models.paged_table import BATCH, ROW_ROLE, PagedColumn, PagedTableModel


def test_rows_are_read_a_page_at_a_time(qtbot: QtBot) -> None:
    asked: list[list[int]] = []

    def read(ids: list[int]) -> dict[int, str]:
        asked.append(ids)
        return {i: f"row {i}" for i in ids}

    columns = [
        PagedColumn(lambda: "Name", lambda r: r),
        PagedColumn(lambda: "Length", lambda r: str(len(r)), align_right=True),
    ]
    model = PagedTableModel(columns, read, colour=lambda r: QColor("red") if r == "row 7" else None)
    ModelTester(qtbot).check(model)
    ids = list(range(2 * BATCH + 15, 0, -1))  # newest first, as the pages list them
    model.load(ids)
    assert model.rowCount() == BATCH and model.total() == len(ids)
    assert asked == [ids[:BATCH]]  # the first page only
    assert model.index(0, 0).data() == f"row {ids[0]}"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Length"
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BATCH and len(asked) == 2
    assert model.row_of_id(7) == len(ids) - 7  # reads on to it
    assert model.rowCount() == len(ids) and not model.canFetchMore(QModelIndex())
    row = model.row_of_id(7)
    assert model.index(row, 0).data(ROW_ROLE) == "row 7"
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("red")
    assert model.row_of_id(10**6) == -1
    model.load([])
    assert model.rowCount() == 0 and model.row_object(0) is None


def test_a_model_may_read_smaller_pages(qtbot: QtBot) -> None:
    asked: list[list[int]] = []

    def read(ids: list[int]) -> dict[int, str]:
        asked.append(ids)
        return {i: str(i) for i in ids}

    model = PagedTableModel([PagedColumn(lambda: "Id", lambda r: r)], read, batch=7)
    model.load(list(range(20)))
    assert model.rowCount() == 7 and asked == [list(range(7))]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 14 and asked[-1] == list(range(7, 14))
    assert model.row_of_id(19) == 19 and model.rowCount() == 20
