"""The stock card (物资台账) table: every movement of an item or lot with its running balance.

Ten years of a busy item are a quarter of a million lines, so the model knows only how many
there are and fetches the lines the view shows, a page at a time (queries.card_window); the
card opens at its end (the latest movements) without reading the rest.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain import codes
from app.store import queries
from app.store.queries import CardAnchor, CardRow

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
PAGE = 100  # card lines fetched at a time
KEEP_PAGES = 40  # pages kept while scrolling (the oldest fetched go first)


class CardTableModel(QAbstractTableModel):
    """The lines of an item's (or a lot's) stock card in posting order, fetched a page at a time
    as the view asks for them; the order is the card's meaning, so the table is not sortable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._item: int | None = None
        self._lot: int | None = None
        self._total = 0
        self._closing = 0
        self._pages: OrderedDict[int, list[CardRow]] = OrderedDict()

    def load(self, item_id: int | None, lot_id: int | None = None) -> None:
        self.beginResetModel()
        self._item, self._lot = item_id, lot_id
        self._pages.clear()
        if item_id is None:
            self._total = self._closing = 0
        else:
            self._total = queries.card_count(item_id, lot_id)
            self._closing = queries.on_hand(item_id, lot_id)
        self.endResetModel()

    def closing(self) -> int:
        """The balance after the last line: the stock on hand now."""
        return self._closing

    def row(self, n: int) -> CardRow:
        """Line `n` (from 0, oldest first), fetching its page when it is not at hand."""
        page = n // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
        else:
            self._pages.move_to_end(page)
        return rows[n % PAGE]

    def rows(self) -> list[CardRow]:
        """Every line (reads the whole card: for tests and small cards, never for the view)."""
        return [self.row(n) for n in range(self._total)]

    def _fetch(self, page: int) -> list[CardRow]:
        assert self._item is not None
        start = page * PAGE
        # A page already at hand gives the balance, so scrolling sums only a page of lines.
        anchor = None
        if self._pages:
            near = min(self._pages, key=lambda p: abs(p - page))
            known = self._pages[near]
            at = len(known) - 1 if near < page else 0  # the known line nearest the page
            anchor = CardAnchor(near * PAGE + at, known[at].entry_id, known[at].balance)
        rows = queries.card_window(
            self._item,
            self._lot,
            start,
            PAGE,
            total=self._total,
            closing=self._closing,
            anchor=anchor,
        )
        self._pages[page] = rows
        while len(self._pages) > KEEP_PAGES:
            self._pages.popitem(last=False)
        return rows

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(Column) - 1))

    def rowCount(self, parent: Index | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        return 0 if parent.isValid() else self._total

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
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        row = self.row(index.row())
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
