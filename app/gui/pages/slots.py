"""Slots page (库区货位): zones, their slots and what each holds; racks, rename, retire, move."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes, expiry
from app.domain.errors import StorekeeperError
from app.domain.i18n import pick
from app.domain.units import format_qty, parse_packs
from app.gui import theme
from app.gui.dialogs.slots import MoveDialog, RackDialog, RenameDialog, SlotDialog, ZoneDialog
from app.gui.widgets.column_fit import fit_columns
from app.gui.widgets.forms import PageHeader, error_label
from app.services import slots
from app.services.slots import SlotRow
from app.store.models import Account, Slot, Zone

ALL = -1
Index = QModelIndex | QPersistentModelIndex
SLOT_ROLE = Qt.ItemDataRole.UserRole  # the slot id
QTY_COLUMN, HOLDS_COLUMN = 4, 3


class SlotTableModel(QAbstractTableModel):
    """The slots shown, with the texts the page made for them (600 slots were 3,600 table
    items, made anew at each search). It sorts itself: in Python a sort is one call, where a
    sorting proxy asks for two cells at each of its thousands of comparisons."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SlotRow] = []
        self.texts: list[list[str]] = []
        self.titles: list[str] = [""] * 6
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def load(self, rows: list[SlotRow], texts: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows, self.texts = rows, texts
        self._sorted()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()  # the selection follows its slot
        ids = [self.rows[i.row()].slot_id for i in before]
        self._sorted()
        row_of = {r.slot_id: n for n, r in enumerate(self.rows)}
        after = [self.index(row_of[i], old.column()) for i, old in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self) -> None:
        if self._sort is None or not 0 <= self._sort[0] < len(self.titles):
            return
        column, order = self._sort
        n = range(len(self.rows))
        if column == QTY_COLUMN:
            keys: list[object] = [r.qty for r in self.rows]
        else:
            keys = [t[column] for t in self.texts]
        # stable either way, as Qt's sort is: equal rows keep the books' order
        new = sorted(n, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [self.rows[i] for i in new]
        self.texts = [self.texts[i] for i in new]

    def set_titles(self, titles: list[str]) -> None:
        self.titles = titles
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(titles) - 1)

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section] if 0 <= section < len(self.titles) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        n, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[n][column]
        if role == SLOT_ROLE:
            return self.rows[n].slot_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == QTY_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not self.rows[n].active:
            return theme.muted_colour()
        return None


class SlotsPage(QWidget):
    """Zones on the left, their slots in the middle, the chosen slot's contents below."""

    stock_changed = Signal()
    labels_requested = Signal(list)  # slot ids

    def __init__(self, account: Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.rows: list[SlotRow] = []
        self.header = PageHeader(self, with_primary=True)
        self.rack_button = self.header.primary
        assert self.rack_button is not None
        self.zone_button = QPushButton(self)
        self.slot_button = QPushButton(self)
        self.header.add_widget(self.zone_button)
        self.header.add_widget(self.slot_button)

        self.zones = QListWidget(self)
        self.zones.setMinimumWidth(220)
        self.edit_zone_button = QPushButton(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.model = SlotTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(HOLDS_COLUMN, QHeaderView.ResizeMode.Stretch)

        self.detail_title = QLabel(self)
        self.detail_title.setObjectName("detailTitle")
        self.contents = QTableWidget(0, 4, self)
        self.contents.verticalHeader().hide()
        self.contents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contents.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rename_button = QPushButton(self)
        self.retire_button = QPushButton(self)
        self.move_button = QPushButton(self)
        self.labels_button = QPushButton(self)
        self.error = error_label(self)
        self.message = QLabel(self)
        self.message.setObjectName("muted")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.zones_title = QLabel(self)
        self.zones_title.setObjectName("detailTitle")
        left_layout.addWidget(self.zones_title)
        left_layout.addWidget(self.zones, 1)
        left_layout.addWidget(self.edit_zone_button)

        detail = QWidget(self)
        detail.setObjectName("detailPanel")
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(16, 10, 16, 10)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.contents, 1)
        buttons = QHBoxLayout()
        for b in (self.move_button, self.rename_button, self.retire_button, self.labels_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(self.error)

        middle = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.table, 1)
        middle.addWidget(top)
        middle.addWidget(detail)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)
        middle.setChildrenCollapsible(False)

        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(left)
        body.addWidget(middle)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(body, 1)
        layout.addWidget(self.message)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._connect_signals()
        self._retranslate()
        self.refresh()

    def _connect_signals(self) -> None:
        self.rack_button.clicked.connect(self._on_rack_button_clicked)
        self.zone_button.clicked.connect(self._on_zone_button_clicked)
        self.slot_button.clicked.connect(self._on_slot_button_clicked)
        self.edit_zone_button.clicked.connect(self._on_edit_zone_button_clicked)
        self.zones.currentRowChanged.connect(self._on_zones_currentRowChanged)
        self.search.textChanged.connect(self._on_search_textChanged)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.retire_button.clicked.connect(self._on_retire_button_clicked)
        self.move_button.clicked.connect(self._on_move_button_clicked)
        self.labels_button.clicked.connect(self._on_labels_button_clicked)

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload zones and slots from the books, keeping the selection."""
        zone = self.zone_id()
        slot = self.selected_slot_id()
        self.zones.blockSignals(True)
        self.zones.clear()
        QListWidgetItem(self.tr("All zones"), self.zones).setData(Qt.ItemDataRole.UserRole, ALL)
        for z in Zone.select().order_by(Zone.sort, Zone.code):
            entry = QListWidgetItem(f"{z.code}  {z.name}", self.zones)
            entry.setToolTip(
                self.tr("May hold: {what}").format(what=self._allowed(z.allowed_hazards.split(",")))
            )
            entry.setData(Qt.ItemDataRole.UserRole, z.id)
        want = ALL if zone is None else zone
        rows = [
            i
            for i in range(self.zones.count())
            if self.zones.item(i).data(Qt.ItemDataRole.UserRole) == want
        ]
        self.zones.setCurrentRow(rows[0] if rows else 0)
        self.zones.blockSignals(False)
        self._fill_table(select=slot)

    def zone_id(self) -> int | None:
        entry = self.zones.currentItem()
        value = entry.data(Qt.ItemDataRole.UserRole) if entry else ALL
        return None if value in (ALL, None) else int(value)

    def selected_slot_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(SLOT_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_slot(self, code: str) -> bool:
        for n, r in enumerate(self.model.rows):
            if r.code == code:
                self._select_row(n)
                return True
        return False

    def _select_row(self, n: int) -> None:
        self.table.selectRow(n)
        self.table.scrollTo(self.model.index(n, 0))

    # --- filling ----------------------------------------------------------------------------

    def _fill_table(self, select: int | None = None) -> None:
        term = self.search.text().strip().upper()
        self.rows = [
            r
            for r in slots.overview(self.zone_id())
            if not term or term in r.code or term in r.summary.upper() or term in r.zone_name
        ]
        in_use, retired, empty = self.tr("in use"), self.tr("retired"), self.tr("(empty)")
        allowed: dict[tuple[str, ...], str] = {}  # a zone's classes, worded once
        texts = []
        for r in self.rows:
            if r.allowed_hazards not in allowed:
                allowed[r.allowed_hazards] = self._allowed(r.allowed_hazards)
            texts.append(
                [
                    r.code,
                    f"{r.zone_code} {r.zone_name}",
                    allowed[r.allowed_hazards],
                    r.summary or (empty if r.active else ""),
                    f"{r.qty:,}" if r.qty else "",
                    in_use if r.active else retired,
                ]
            )
        self.model.load(self.rows, texts)
        fit_columns(self.table, [c for c in range(6) if c != HOLDS_COLUMN])
        self.message.setText(
            self.tr("{n} slots, {m} holding stock").format(
                n=len(self.rows), m=sum(1 for r in self.rows if r.qty)
            )
        )
        if select is not None:
            for n, r in enumerate(self.model.rows):  # in the order shown
                if r.slot_id == select:
                    self._select_row(n)
                    break
        self._show_detail()

    def _allowed(self, classes: tuple[str, ...] | list[str]) -> str:
        return pick("、", ", ").join(
            self.tr("general goods") if c == "none" else codes.label(c) for c in classes if c
        )

    def _show_detail(self) -> None:
        slot_id = self.selected_slot_id()
        self.error.hide()
        # the row may name a slot no longer in these books (a stale selection while reloading)
        slot = Slot.get_or_none(Slot.id == slot_id) if slot_id is not None else None
        has = slot is not None
        for b in (self.rename_button, self.retire_button, self.move_button, self.labels_button):
            b.setEnabled(has)
        if not has:
            self.detail_title.setText(self.tr("Choose a slot to see what it holds."))
            self.contents.setRowCount(0)
            return
        assert slot is not None
        held = slots.contents(slot.id)
        self.detail_title.setText(
            self.tr("{code}: {n} lots").format(code=slot.code, n=len(held))
            if held
            else self.tr("{code}: empty").format(code=slot.code)
        )
        self.retire_button.setText(self.tr("Retire") if slot.active else self.tr("Use again"))
        self.retire_button.setEnabled(not held or not slot.active)
        self.move_button.setEnabled(bool(held))
        self.contents.setRowCount(len(held))
        from datetime import date

        for n, h in enumerate(held):
            status = expiry.status(h.expiry, date.today())
            words = {
                expiry.EXPIRED: self.tr("expired"),
                expiry.SOON: self.tr("< 30 days"),
                expiry.WATCH: self.tr("< 90 days"),
                expiry.OK: self.tr("fine"),
            }.get(status, "")
            exp = h.expiry.isoformat() if h.expiry else "—"
            cells = [
                f"{h.item_code}  {h.item_name}",
                h.batch,
                f"{exp}  {words}".strip(),
                format_qty(h.qty, h.unit, parse_packs(h.packs)),
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                colours = theme.status_colours(status) if c == 2 else None
                if colours:
                    cell.setBackground(colours[0])
                    cell.setForeground(colours[1])
                self.contents.setItem(n, c, cell)

    def _run(self, dialog: QDialog) -> bool:
        done = dialog.exec() == QDialog.DialogCode.Accepted
        if done:
            self.refresh()
        return done

    # --- slots ------------------------------------------------------------------------------

    def _on_rack_button_clicked(self) -> None:
        dialog = RackDialog(self.zone_id(), self)
        if self._run(dialog) and dialog.made:
            self.message.setText(
                self.tr("{n} slots made: {first} … {last}").format(
                    n=len(dialog.made), first=dialog.made[0].code, last=dialog.made[-1].code
                )
            )

    def _on_zone_button_clicked(self) -> None:
        self._run(ZoneDialog(None, self))

    def _on_edit_zone_button_clicked(self) -> None:
        zone_id = self.zone_id()
        if zone_id is not None:
            self._run(ZoneDialog(Zone.get_by_id(zone_id), self))

    def _on_slot_button_clicked(self) -> None:
        self._run(SlotDialog(self.zone_id(), self))

    def _on_zones_currentRowChanged(self, _row: int) -> None:
        self.edit_zone_button.setEnabled(self.zone_id() is not None)
        self._fill_table()

    def _on_search_textChanged(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self._fill_table(select=self.selected_slot_id())

    def _on_table_selectionChanged(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail()

    def _on_rename_button_clicked(self) -> None:
        slot_id = self.selected_slot_id()
        if slot_id is not None:
            self._run(RenameDialog(Slot.get_by_id(slot_id), self))

    def _on_retire_button_clicked(self) -> None:
        slot_id = self.selected_slot_id()
        if slot_id is None:
            return
        try:
            if Slot.get_by_id(slot_id).active:
                slots.retire_slot(slot_id)
            else:
                slots.reactivate_slot(slot_id)
        except StorekeeperError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        self.refresh()

    def _on_move_button_clicked(self) -> None:
        slot_id = self.selected_slot_id()
        if slot_id is None:
            return
        dialog = MoveDialog(
            Slot.get_by_id(slot_id), self.account.id if self.account else None, self
        )
        if self._run(dialog):
            self.message.setText(self.tr("Moved: {code}").format(code=dialog.voucher_number))
            self.stock_changed.emit()

    def _on_labels_button_clicked(self) -> None:
        slot_id = self.selected_slot_id()
        if slot_id is not None:
            self.labels_requested.emit([slot_id])

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Zones and slots"))
        self.rack_button.setText(self.tr("New rack…"))
        self.rack_button.setToolTip(
            self.tr("Make a whole rack of slots at once, e.g. A-01-01 … A-04-05")
        )
        self.zone_button.setText(self.tr("New zone…"))
        self.slot_button.setText(self.tr("New slot…"))
        self.zones_title.setText(self.tr("Zones"))
        self.edit_zone_button.setText(self.tr("Edit zone…"))
        self.search.setPlaceholderText(self.tr("Search slot code or item"))
        self.model.set_titles(
            [
                self.tr("Slot"),
                self.tr("Zone"),
                self.tr("May hold"),
                self.tr("Holds"),
                self.tr("Quantity"),
                self.tr("State"),
            ]
        )
        self.contents.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Batch"), self.tr("Expiry"), self.tr("On hand")]
        )
        self.rename_button.setText(self.tr("Rename…"))
        self.move_button.setText(self.tr("Move stock…"))
        self.labels_button.setText(self.tr("Shelf label"))
        if self.zones.count():
            self.refresh()
