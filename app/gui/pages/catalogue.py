"""Catalogue page: every item with its rules; add and edit items in a form."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.gui.dialogs.item_form import ItemDialog
from app.gui.models.catalogue_table import SORT_ROLE, CatalogueTableModel, Column, category_name
from app.gui.widgets.column_fit import fit_columns
from app.gui.widgets.forms import PageHeader
from app.store.queries import CatalogueRow

SEARCH_DELAY_MS = 200
MAX_COLUMN_WIDTH = 260


class CataloguePage(QWidget):
    """Title with "New item", search, a sortable table of items and a line of details."""

    catalogue_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(self, with_primary=True)
        self.new_button = self.header.primary
        assert self.new_button is not None
        self.edit_button = QPushButton(self)
        self.header.add_widget(self.edit_button)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self.model = CatalogueTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortLocaleAware(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        head.setMaximumSectionSize(MAX_COLUMN_WIDTH)

        self.detail = QLabel(self)
        self.detail.setObjectName("detailPanel")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

        self.new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        self.edit_shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        self._connect_signals()
        self.model.set_term("")
        self._retranslate()

    def _connect_signals(self) -> None:
        assert self.new_button is not None
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.new_shortcut.activated.connect(self._on_new_button_clicked)
        self.edit_shortcut.activated.connect(self._on_edit_button_clicked)
        self.search.textChanged.connect(self._on_search_textChanged)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.model.modelReset.connect(self._on_model_modelReset)

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.reload()

    def apply_search(self, text: str) -> None:
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.model.set_term(text)

    def selected(self) -> CatalogueRow | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.row_object(index)

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of_item(item_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
            self.table.scrollTo(self.table.currentIndex())

    def make_dialog(self, item_id: int | None = None) -> ItemDialog:
        """The item form (tests drive it without exec)."""
        return ItemDialog(self, item_id=item_id)

    def after_save(self, dialog: ItemDialog) -> None:
        if dialog.saved is None:
            return
        self.model.reload()
        self.select_item(dialog.saved.id)
        self.catalogue_changed.emit()

    # --- slots ------------------------------------------------------------------------------

    def _on_new_button_clicked(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec():
            self.after_save(dialog)

    def _on_edit_button_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = self.make_dialog(row.item_id)
        if dialog.exec():
            self.after_save(dialog)

    def _on_table_doubleClicked(self, _index: QModelIndex) -> None:
        self._on_edit_button_clicked()

    def _on_search_textChanged(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.model.set_term(self.search.text())

    def _on_model_modelReset(self) -> None:
        self._update_count()
        self._show_detail()

    def _on_table_selectionChanged(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        assert self.new_button is not None
        self.header.title.setText(self.tr("Catalogue"))
        self.new_button.setText(self.tr("New item"))
        self.new_button.setToolTip(self.tr("Add an item to the catalogue (Ctrl+N)"))
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setToolTip(self.tr("Edit the selected item (Ctrl+E or double-click)"))
        self.search.setPlaceholderText(self.tr("Search by code, name, specification or GTIN"))
        self.model.retranslate()
        fit_columns(self.table)
        self._update_count()
        self._show_detail()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} items").format(n=f"{self.model.rowCount():,}"))

    def _show_detail(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        if row is None:
            self.detail.setText(
                self.tr("Select an item to see all of its details; double-click to edit it.")
            )
            return
        yes, no = self.tr("yes"), self.tr("no")
        parts = [
            f"<b>{escape(row.code)}&nbsp;&nbsp;{escape(row.name)}</b>",
            escape(self.tr("English name: {v}").format(v=row.name_en or "—")),
            escape(self.tr("Category: {v}").format(v=category_name(row))),
            escape(self.tr("Reusable: {v}").format(v=yes if row.reusable else no)),
            escape(self.tr("Notes: {v}").format(v=row.notes or "—")),
        ]
        self.detail.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts))
