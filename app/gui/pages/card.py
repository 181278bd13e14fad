"""Stock card page (物资台账): every movement of an item or one lot, with in, out and balance."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.gui.models.card_table import CardTableModel, Column
from app.gui.models.stock_tree import quantity_text
from app.gui.widgets.forms import PageHeader, error_label
from app.services import catalogue
from app.store import queries
from app.store.queries import CatalogueRow


class CardPage(QWidget):
    """Pick an item (type part of its name or code, or scan it) and optionally one lot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(self)
        self.item_combo = QComboBox(self)
        self.item_combo.setEditable(True)
        self.item_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.item_combo.setMinimumWidth(360)
        completer = self.item_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lot_combo = QComboBox(self)
        self.lot_combo.setMinimumWidth(280)
        self.message = error_label(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("detailPanel")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = CardTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.PARTY, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.WHEN, 150),
            (Column.VOUCHER, 130),
            (Column.TYPE, 90),
            (Column.BATCH, 120),
            (Column.SLOT, 90),
            (Column.IN, 85),
            (Column.OUT, 85),
            (Column.BALANCE, 100),
        ):
            self.table.setColumnWidth(column, width)

        self.item_label = QLabel(self)
        self.lot_label = QLabel(self)
        pickers = QHBoxLayout()
        pickers.setSpacing(12)
        item_form = QFormLayout()
        item_form.addRow(self.item_label, self.item_combo)
        lot_form = QFormLayout()
        lot_form.addRow(self.lot_label, self.lot_combo)
        pickers.addLayout(item_form, 3)
        pickers.addLayout(lot_form, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addLayout(pickers)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

        self._items: list[CatalogueRow] = []
        self._item_id: int | None = None
        self._lot_id: int | None = None
        self.refresh_items()
        self._connect_signals()
        self._retranslate()

    def _connect_signals(self) -> None:
        self.item_combo.activated.connect(self._on_item_combo_activated)
        self.item_combo.lineEdit().returnPressed.connect(self._on_item_edit_returnPressed)
        self.lot_combo.activated.connect(self._on_lot_combo_activated)

    # --- public -----------------------------------------------------------------------------

    def refresh_items(self) -> None:
        """Reload the item list (after the catalogue changed), keeping the choice."""
        self._items = queries.catalogue_rows()
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for row in self._items:
            self.item_combo.addItem(f"{row.code}  {row.name}", row.item_id)
        self.item_combo.setCurrentIndex(self.item_combo.findData(self._item_id))
        self.item_combo.blockSignals(False)

    def refresh(self) -> None:
        self.show_for(self._item_id, self._lot_id)

    def show_for(self, item_id: int | None, lot_id: int | None = None) -> None:
        """Show the card of an item, or of one of its lots."""
        self.message.hide()
        self._item_id = item_id
        self.item_combo.blockSignals(True)
        self.item_combo.setCurrentIndex(self.item_combo.findData(item_id))
        self.item_combo.blockSignals(False)
        self._fill_lots(item_id)
        index = self.lot_combo.findData(lot_id) if lot_id is not None else 0
        self.lot_combo.setCurrentIndex(max(0, index))
        self._lot_id = self.lot_combo.currentData()
        self.model.load(item_id, self._lot_id)
        self.table.scrollToBottom()  # the latest movements and the balance now
        self._update_summary()

    def item_id(self) -> int | None:
        return self._item_id

    def lot_id(self) -> int | None:
        return self._lot_id

    # --- slots ------------------------------------------------------------------------------

    def _on_item_combo_activated(self, index: int) -> None:
        self.show_for(self.item_combo.itemData(index))

    def _on_item_edit_returnPressed(self) -> None:
        text = self.item_combo.currentText().strip()
        item = catalogue.find_item(text)
        if item is not None:
            self.show_for(item.id)
            return
        index = self.item_combo.findText(text, Qt.MatchFlag.MatchContains)
        if index >= 0:
            self.show_for(self.item_combo.itemData(index))
            return
        self.message.setText(self.tr("No item with code, GTIN or name “{text}”").format(text=text))
        self.message.show()

    def _on_lot_combo_activated(self, index: int) -> None:
        self.show_for(self._item_id, self.lot_combo.itemData(index))

    # --- helpers ----------------------------------------------------------------------------

    def _fill_lots(self, item_id: int | None) -> None:
        self.lot_combo.clear()
        self.lot_combo.addItem(self.tr("All lots"), None)
        if item_id is None:
            return
        for lot in queries.lots_of(item_id):
            when = lot.expiry.isoformat() if lot.expiry else "—"
            self.lot_combo.addItem(
                self.tr("Batch {batch} (expires {date})").format(batch=lot.batch, date=when), lot.id
            )

    def _update_summary(self) -> None:
        info = queries.catalogue_row(self._item_id) if self._item_id is not None else None
        if info is None:
            self.summary.setText(self.tr("Choose an item, or scan its barcode into the item box."))
            return
        qty = self.model.closing()
        lines = self.model.rowCount()
        what = self.lot_combo.currentText() if self._lot_id is not None else self.tr("all lots")
        self.summary.setText(
            self.tr("{code} {name}, {what}: {n} movements; on hand now {qty}").format(
                code=info.code,
                name=info.name,
                what=what,
                n=f"{lines:,}",
                qty=quantity_text(qty, info.unit, info.packs),
            )
        )

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Stock card"))
        self.item_label.setText(self.tr("Item"))
        self.lot_label.setText(self.tr("Lot"))
        self.item_combo.lineEdit().setPlaceholderText(self.tr("Type a code or name, or scan"))
        self.item_combo.setToolTip(
            self.tr("Type part of the code or name and pick from the list, or scan the barcode")
        )
        lot = self._lot_id
        self._fill_lots(self._item_id)
        if lot is not None:
            self.lot_combo.setCurrentIndex(max(0, self.lot_combo.findData(lot)))
        self.model.retranslate()
        self._update_summary()
