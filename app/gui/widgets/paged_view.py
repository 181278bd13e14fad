"""The table view of a paged history (app/gui/models/paged_table.py), and the plain read-only
table and cell the pages use beside it, without pulling in any page's module."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QTableWidgetItem, QWidget

from app.gui.models.paged_table import PagedTableModel

FIT_ROWS = 60  # rows measured to fit a column: a few screens, not every row read so far
WIDEST = 360  # a long text column (items, note) is cut here; the tooltip shows it all


def _look(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)


def paged_view(parent: QWidget, model: PagedTableModel) -> QTableView:
    """A read-only, row-selecting view of `model`, with the look of the pages' tables."""
    view = QTableView(parent)
    view.setModel(model)
    _look(view)
    view.setWordWrap(False)
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    return view


def fit_columns(view: QTableView, widest: int = WIDEST) -> None:
    """Columns as wide as their first rows need, none but the last wider than `widest`."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


def select_id(view: QTableView, model: PagedTableModel, row_id: int | None) -> bool:
    """Select (and scroll to) the row of `row_id`, reading pages up to it; False if not listed."""
    row = model.row_of_id(row_id) if row_id is not None else -1
    if row < 0:
        return False
    view.selectRow(row)
    view.scrollTo(model.index(row, 0))
    return True


def plain_table(parent: QWidget, columns: int) -> QTableWidget:
    """A small read-only table filled cell by cell (suggestions, a dialog's lines)."""
    table = QTableWidget(0, columns, parent)
    _look(table)
    table.setSortingEnabled(False)
    return table


def cell(text: str, data: object = None) -> QTableWidgetItem:
    """A read-only cell, with `data` (an id) under the user role."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item
