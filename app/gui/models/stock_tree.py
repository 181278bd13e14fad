"""The Stock page's tree: items with totals, expanding to lot × slot rows, all fetched lazily."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain import expiry
from app.domain.errors import BadInput
from app.domain.units import format_qty, parse_packs
from app.gui import theme
from app.store import queries
from app.store.queries import ItemTotal, StockRow

Index = QModelIndex | QPersistentModelIndex

WINDOW = 200  # top-level rows fetched per round trip
TOP = 0  # internal id of top-level rows; a child's is its parent's row + 1

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ItemTotal or StockRow behind a row
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # the expiry status code (expiry.EXPIRED …)


class Column(IntEnum):
    CODE = 0
    NAME = 1
    SPEC = 2
    LOCATION = 3
    PRODUCED = 4
    EXPIRY = 5
    ON_HAND = 6
    LOTS = 7


def quantity_text(qty: int, unit: str, packs: str) -> str:
    """`1,250 只 = 25 盒`; just the base units when the stored packs cannot be read."""
    try:
        return format_qty(qty, unit, parse_packs(packs))
    except BadInput:
        return f"{qty:,} {unit}"


class StockTreeModel(QAbstractItemModel):
    """Top level: items with on-hand totals (windows of WINDOW rows); children: lot × slot rows
    loaded when an item is first expanded."""

    def __init__(self, parent: QObject | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._term = ""
        self._items: list[ItemTotal] = []
        self._total = 0
        self._children: dict[int, list[StockRow]] = {}
        self._today = today or date.today()

    # --- loading ---------------------------------------------------------------------------

    def term(self) -> str:
        return self._term

    def set_term(self, term: str) -> None:
        """Show the items matching `term` (code, name, spec, batch, GTIN); '' shows all."""
        self.beginResetModel()
        self._term = term.strip()
        self._children = {}
        self._total = queries.count_items(self._term)
        # The first window comes at once, so a search shows its rows without a round trip.
        self._items = queries.item_totals(self._term, offset=0, limit=WINDOW)
        self._today = date.today()
        self.endResetModel()

    def reload(self) -> None:
        self.set_term(self._term)

    def total(self) -> int:
        """How many items match, loaded or not."""
        return self._total

    def canFetchMore(self, parent: Index) -> bool:
        if not parent.isValid():
            return len(self._items) < self._total
        if parent.internalId() == TOP and parent.column() == 0:
            row = parent.row()
            return row not in self._children and self._items[row].lots > 0
        return False

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid():
            start = len(self._items)
            rows = queries.item_totals(self._term, offset=start, limit=WINDOW)
            if not rows:
                self._total = start  # the books changed under us: nothing more to fetch
                return
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._items.extend(rows)
            self.endInsertRows()
            return
        if not self.canFetchMore(parent):
            return
        row = parent.row()
        children = queries.stock_rows(self._items[row].item_id)
        if not children:
            self._children[row] = []
            return
        self.beginInsertRows(self.index(row, 0), 0, len(children) - 1)
        self._children[row] = children
        self.endInsertRows()

    def fetch_all_top(self) -> None:
        """Load every matching item (screenshots, tests)."""
        while self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def row_of_item(self, item_id: int) -> int:
        """The top-level row of an item, fetching further windows until found; -1 if absent."""
        while True:
            for n, item in enumerate(self._items):
                if item.item_id == item_id:
                    return n
            if not self.canFetchMore(QModelIndex()):
                return -1
            self.fetchMore(QModelIndex())

    def retranslate(self) -> None:
        """Header and status words are made in data(); tell the views to ask again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._items:
            last = len(Column) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, last))
            for row, children in self._children.items():
                if children:
                    parent = self.index(row, 0)
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(len(children) - 1, last, parent)
                    )

    # --- structure -------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index | None = None) -> QModelIndex:
        parent = parent if parent is not None else QModelIndex()
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        if parent.internalId() == TOP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index | None = None) -> QModelIndex | QObject | None:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()
        if not child.isValid() or child.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        if not parent.isValid():
            return len(self._items)
        if parent.column() != 0 or parent.internalId() != TOP:
            return 0
        return len(self._children.get(parent.row(), []))

    def columnCount(self, parent: Index | None = None) -> int:
        return len(Column)

    def hasChildren(self, parent: Index | None = None) -> bool:
        parent = parent if parent is not None else QModelIndex()
        if not parent.isValid():
            return bool(self._items) or self.canFetchMore(parent)
        if parent.column() != 0 or parent.internalId() != TOP:
            return False
        row = parent.row()
        if row in self._children:
            return bool(self._children[row])
        return self._items[row].lots > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- content ---------------------------------------------------------------------------

    def row_object(self, index: Index) -> ItemTotal | StockRow | None:
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            return self._items[index.row()]
        return self._children[index.internalId() - 1][index.row()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (Column.ON_HAND, Column.LOTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.CODE: self.tr("Code / batch"),
            Column.NAME: self.tr("Name"),
            Column.SPEC: self.tr("Specification"),
            Column.LOCATION: self.tr("Zone · slot"),
            Column.PRODUCED: self.tr("Produced"),
            Column.EXPIRY: self.tr("Expiry"),
            Column.ON_HAND: self.tr("On hand"),
            Column.LOTS: self.tr("Lots"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def status_word(self, status: str) -> str:
        """The word that goes with an expiry colour (never colour alone)."""
        return {
            expiry.EXPIRED: self.tr("expired"),
            expiry.SOON: self.tr("< 30 days"),
            expiry.WATCH: self.tr("< 90 days"),
            expiry.OK: self.tr("OK"),
            expiry.NONE: self.tr("no expiry"),
        }[status]

    def expiry_text(self, when: date | None) -> str:
        if when is None:
            return "—"
        status = expiry.status(when, self._today)
        if status == expiry.OK:
            return when.isoformat()
        return f"{when.isoformat()}  {self.status_word(status)}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        obj = self.row_object(index)
        if obj is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(obj, column)
        if role == ROW_ROLE:
            return obj
        when = obj.earliest_expiry if isinstance(obj, ItemTotal) else obj.expiry
        status = expiry.status(when, self._today)
        if role == STATUS_ROLE:
            return status
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and isinstance(obj, ItemTotal)
            and obj.qty == 0
            and column != Column.EXPIRY
        ):
            return theme.muted_colour()  # nothing on hand: listed, but quietly
        if column == Column.EXPIRY and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            if status == expiry.OK or status == expiry.NONE:
                return None
            colours = theme.status_colours(status)
            if colours is None:
                return None
            return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.ON_HAND, Column.LOTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.NAME, Column.SPEC):
            return self._display(obj, column) or None  # the whole text where the cell elides it
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.EXPIRY and when is not None:
            days = (when - self._today).days
            if days < 0:
                return self.tr("Expired {n} days ago").format(n=-days)
            return self.tr("Expires in {n} days").format(n=days)
        return None

    def _display(self, obj: ItemTotal | StockRow, column: Column) -> str:
        if isinstance(obj, ItemTotal):
            values = {
                Column.CODE: obj.code,
                Column.NAME: obj.name,
                Column.SPEC: obj.spec,
                Column.LOCATION: "",
                Column.PRODUCED: "",
                Column.EXPIRY: self.expiry_text(obj.earliest_expiry) if obj.lots else "",
                Column.ON_HAND: quantity_text(obj.qty, obj.unit, obj.packs),
                Column.LOTS: str(obj.lots),
            }
        else:
            produced = obj.production_date.isoformat() if obj.production_date else "—"
            values = {
                Column.CODE: obj.batch,
                Column.NAME: "",
                Column.SPEC: "",
                Column.LOCATION: f"{obj.zone} · {obj.slot}",
                Column.PRODUCED: produced,
                Column.EXPIRY: self.expiry_text(obj.expiry),
                Column.ON_HAND: quantity_text(obj.qty, obj.unit, obj.packs),
                Column.LOTS: "",
            }
        return values[column]
