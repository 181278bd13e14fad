"""A table that reads its rows a page at a time as the view scrolls to them.

Histories (loans, write-offs, issues, stocktakes, the audit log) grow for as long as the books are
kept; a page showing one must not read ten years of rows to show its first screen. The model
holds the ids of the matching rows (cheap: one column) and asks for the rows themselves in pages
of `BATCH` as Qt's `fetchMore` asks for them. What a column shows is a function of the row, so a
page declares its columns once and the model does the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

BATCH = 200  # rows read per page: a few screens' worth
ROW_ROLE = Qt.ItemDataRole.UserRole  # the row object behind a cell


@dataclass(frozen=True)
class PagedColumn(Generic[Row]):
    """One column: its title (called when shown, so it follows the language) and its text."""

    title: Callable[[], str]
    text: Callable[[Row], str]
    align_right: bool = False


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows with the ids given to `load`, read by `read(ids) -> {id: row}` a page at a time."""

    def __init__(
        self,
        columns: Sequence[PagedColumn[Row]],
        read: Callable[[list[int]], dict[int, Row]],
        parent: QObject | None = None,
        *,
        colour: Callable[[Row], QColor | None] | None = None,
        batch: int = BATCH,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._read_rows = read
        self._batch = batch  # fewer for rows that are costly to read (a voucher's summed lines)
        self._colour = colour
        self._ids: list[int] = []
        self._rows: dict[int, Row] = {}
        self._shown = 0  # rows the view has been told about

    def load(self, ids: Sequence[int]) -> None:
        """Show the rows with these ids, in this order; the first page is read at once."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {}
        self._shown = min(self._batch, len(self._ids))
        self._read(0, self._shown)
        self.endResetModel()

    def total(self) -> int:
        """All matching rows, read or not yet."""
        return len(self._ids)

    def row_object(self, row: int) -> Row | None:
        if not 0 <= row < self._shown:
            return None
        return self._rows.get(self._ids[row])

    def row_of_id(self, row_id: int) -> int:
        """The row showing `row_id` (reading pages up to it), or -1 when it is not listed."""
        try:
            n = self._ids.index(row_id)
        except ValueError:
            return -1
        while self._shown <= n:
            self.fetchMore(QModelIndex())
        return n

    def _read(self, start: int, end: int) -> None:
        if end > start:
            self._rows.update(self._read_rows(self._ids[start:end]))

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        end = min(self._shown + self._batch, len(self._ids))
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._read(self._shown, end)
        self._shown = end
        self.endInsertRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._shown:
            last = self.index(self._shown - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: Index | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._columns[section].title() if 0 <= section < len(self._columns) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_object(index.row())
        if row is None:
            return None
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            colour = self._colour(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
