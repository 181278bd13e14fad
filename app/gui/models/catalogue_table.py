"""The catalogue table: every item with its rules, codes shown in the current language."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.domain import codes, i18n
from app.store import queries
from app.store.queries import CatalogueRow

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    CODE = 0
    NAME = 1
    SPEC = 2
    CATEGORY = 3
    UNIT = 4
    PACKS = 5
    HAZARD = 6
    STANDARD = 7
    CERTIFICATE = 8
    SHELF_LIFE = 9
    GTINS = 10


COLUMNS = len(Column)
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def category_name(row: CatalogueRow) -> str:
    return i18n.pick(row.category_name, row.category_name_en or row.category_name)


class CatalogueTableModel(QAbstractTableModel):
    """All items matching a search; a catalogue is hundreds of rows, so they are read at once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CatalogueRow] = []
        self._term = ""

    def set_term(self, term: str) -> None:
        self.beginResetModel()
        self._term = term.strip()
        self._rows = queries.catalogue_rows(self._term)
        self.endResetModel()

    def reload(self) -> None:
        self.set_term(self._term)

    def row_of_item(self, item_id: int) -> int:
        for n, row in enumerate(self._rows):
            if row.item_id == item_id:
                return n
        return -1

    def row_object(self, index: Index) -> CatalogueRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    # Qt calls these for every cell it touches (sorting, painting): kept to a few operations
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.CODE: self.tr("Code"),
            Column.NAME: self.tr("Name"),
            Column.SPEC: self.tr("Specification"),
            Column.CATEGORY: self.tr("Category"),
            Column.UNIT: self.tr("Unit"),
            Column.PACKS: self.tr("Packs"),
            Column.HAZARD: self.tr("Hazard class"),
            Column.STANDARD: self.tr("Standard"),
            Column.CERTIFICATE: self.tr("Certificate"),
            Column.SHELF_LIFE: self.tr("Min. shelf life"),
            Column.GTINS: self.tr("GTINs"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display(row, column)
        if role == SORT_ROLE:
            if column == Column.SHELF_LIFE:
                return row.min_shelf_life_days
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if role == TOOLTIP and column == Column.NAME and row.name_en:
            return row.name_en
        if role == ALIGNMENT and column == Column.SHELF_LIFE:
            return RIGHT
        return None

    def _display(self, row: CatalogueRow, column: int) -> str:
        if column == Column.CODE:
            return row.code
        if column == Column.NAME:
            return row.name
        if column == Column.SPEC:
            return row.spec
        if column == Column.CATEGORY:
            return category_name(row)
        if column == Column.UNIT:
            return row.unit
        if column == Column.PACKS:
            return row.packs.replace(";", "; ")
        if column == Column.HAZARD:
            return codes.label(row.hazard_class)
        if column == Column.STANDARD:
            return row.standard
        if column == Column.CERTIFICATE:
            return self.tr("required") if row.requires_registration else self.tr("no")
        if column == Column.SHELF_LIFE:
            days = row.min_shelf_life_days
            return self.tr("{n} days").format(n=days) if days else "—"
        return ", ".join(row.gtins)
