"""The stock card (物资台账) table: every movement of an item or lot with its running balance."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain import codes
from app.store import queries
from app.store.queries import CardRow

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WHEN = 0
    VOUCHER = 1
    TYPE = 2
    PARTY = 3
    BATCH = 4
    SLOT = 5
    IN = 6
    OUT = 7
    BALANCE = 8


NUMBERS = (Column.IN, Column.OUT, Column.BALANCE)


class CardTableModel(QAbstractTableModel):
    """Rows of queries.stock_card in posting order; the order is the card's meaning, so the
    table is not sortable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CardRow] = []

    def load(self, item_id: int | None, lot_id: int | None = None) -> None:
        self.beginResetModel()
        self._rows = queries.stock_card(item_id, lot_id) if item_id is not None else []
        self.endResetModel()

    def rows(self) -> list[CardRow]:
        return list(self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    def rowCount(self, parent: Index | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.WHEN: self.tr("Date and time"),
            Column.VOUCHER: self.tr("Voucher no."),
            Column.TYPE: self.tr("Type"),
            Column.PARTY: self.tr("Party"),
            Column.BATCH: self.tr("Batch"),
            Column.SLOT: self.tr("Slot"),
            Column.IN: self.tr("In"),
            Column.OUT: self.tr("Out"),
            Column.BALANCE: self.tr("Balance"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.note:
            return row.note
        return None

    def _display(self, row: CardRow, column: Column) -> str:
        if column == Column.WHEN:
            return row.posted_at.strftime("%Y-%m-%d %H:%M")
        if column == Column.VOUCHER:
            return row.voucher_no
        if column == Column.TYPE:
            return codes.label(row.voucher_type)
        if column == Column.PARTY:
            return row.party or "—"
        if column == Column.BATCH:
            return row.batch
        if column == Column.SLOT:
            return row.slot
        if column == Column.IN:
            return f"{row.qty_in:,}" if row.qty_in else ""
        if column == Column.OUT:
            return f"{row.qty_out:,}" if row.qty_out else ""
        return f"{row.balance:,}"
