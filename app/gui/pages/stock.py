"""Stock page: what is on hand, by item, expanding to lots and slots, with a detail panel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes, expiry, i18n
from app.domain import stocktake as count_rules
from app.gui.models.stock_tree import Column, StockTreeModel, quantity_text
from app.gui.widgets.forms import PageHeader
from app.store import queries
from app.store.queries import ItemTotal, StockRow

SEARCH_DELAY_MS = 200


class StockPage(QWidget):
    """Title, search as you type, the lazy stock tree and a detail panel for the selection."""

    open_card_requested = Signal(int, object)  # item id, lot id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("pageSearch")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        self.last_count_label = QLabel(self)  # the last stocktake's date and accuracy (issue 6)
        self.last_count_label.setObjectName("muted")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self.model = StockTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(True)
        self.tree.setIndentation(16)
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.CODE, 150),
            (Column.SPEC, 100),
            (Column.LOCATION, 105),
            (Column.PRODUCED, 100),
            (Column.EXPIRY, 180),
            (Column.ON_HAND, 215),
            (Column.LOTS, 50),
        ):
            self.tree.setColumnWidth(column, width)

        self.detail = StockDetail(self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.last_count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)

        self.card_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self._connect_signals()
        self._retranslate()
        self.model.set_term("")
        self._update_count()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_textChanged)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selectionChanged)
        self.model.modelReset.connect(self._on_model_modelReset)
        self.model.rowsInserted.connect(self._on_model_rowsInserted)
        self.detail.open_card.clicked.connect(self._on_open_card_clicked)
        self.card_shortcut.activated.connect(self._on_open_card_clicked)

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the books (after a posting or on showing the page)."""
        self.model.reload()

    def apply_search(self, text: str) -> None:
        """Set the search text and filter now, without waiting for the typing pause."""
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.model.set_term(text)

    def show_item(self, item_id: int, code: str, *, batch: str | None = None) -> bool:
        """Filter to the item (as after a scan), select and expand it — or select the row of
        `batch` when it is in stock; False when the item is not listed."""
        self.apply_search(code)
        row = self.model.row_of_item(item_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.tree.expand(index)
        target = index
        if batch:
            for n in range(self.model.rowCount(index)):
                child = self.model.index(n, 0, index)
                found = self.model.row_object(child)
                if isinstance(found, StockRow) and found.batch == batch:
                    target = child
                    break
        self.tree.setCurrentIndex(target)
        self.tree.scrollTo(target)
        return True

    def expand_first(self) -> None:
        """Expand and select the first item that has stock (screenshots)."""
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if self.model.hasChildren(index):
                self.tree.setCurrentIndex(index)
                self.tree.expand(index)
                return

    def selected(self) -> ItemTotal | StockRow | None:
        return self.model.row_object(self.tree.currentIndex())

    # --- slots ------------------------------------------------------------------------------

    def _on_search_textChanged(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.model.set_term(self.search.text())

    def _on_model_modelReset(self) -> None:
        self._update_count()
        self.detail.show_row(None)

    def _on_model_rowsInserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not parent.isValid():
            self._update_count()

    def _on_tree_selectionChanged(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self.detail.show_row(self.selected())

    def _on_open_card_clicked(self) -> None:
        row = self.selected()
        if isinstance(row, ItemTotal):
            self.open_card_requested.emit(row.item_id, None)
        elif isinstance(row, StockRow):
            self.open_card_requested.emit(row.item_id, row.lot_id)

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Stock on hand"))
        self.search.setPlaceholderText(self.tr("Search by code, name, batch or GTIN"))
        self.model.retranslate()
        self.detail.retranslate()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} items").format(n=f"{self.model.total():,}"))
        last = queries.last_count()
        if last is None:
            self.last_count_label.setText(self.tr("· no stocktake yet"))
        else:
            accuracy = count_rules.accuracy(last.lines_total, last.lines_matched)
            self.last_count_label.setText(
                self.tr("· last stocktake {date}, accuracy {acc}").format(
                    date=f"{last.closed_at:%Y-%m-%d}",
                    acc="—" if accuracy is None else f"{accuracy * 100:.1f}%",
                )
            )


class StockDetail(QFrame):
    """What the selected item or lot is, where it lies and how much; opens its stock card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self._row: ItemTotal | StockRow | None = None
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.open_card = QPushButton(self)
        self.open_card.setObjectName("primary")
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addLayout(self.grid)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addStretch(1)
        right.addWidget(self.open_card)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(left, 1)
        layout.addLayout(right)
        self.retranslate()

    def retranslate(self) -> None:
        self.open_card.setText(self.tr("Open stock card"))
        self.open_card.setToolTip(self.tr("Every movement of this item or lot (Ctrl+L)"))
        self.hint.setText(self.tr("Select an item or a lot to see its details."))
        self.show_row(self._row)

    def show_row(self, row: ItemTotal | StockRow | None) -> None:
        self._row = row
        while self.grid.count():
            taken = self.grid.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()
        self.open_card.setEnabled(row is not None)
        self.hint.setVisible(row is None)
        if row is None:
            self.title.setText(self.tr("Details"))
            return
        fields: list[tuple[str, str]]
        if isinstance(row, ItemTotal):
            info = queries.catalogue_row(row.item_id)
            category = ""
            if info is not None:
                category = i18n.pick(
                    info.category_name, info.category_name_en or info.category_name
                )
            self.title.setText(f"{row.code}  {row.name}")
            fields = [
                (self.tr("Specification"), row.spec or "—"),
                (self.tr("Category"), category),
                (self.tr("Hazard class"), codes.label(row.hazard_class)),
                (self.tr("On hand"), quantity_text(row.qty, row.unit, row.packs)),
                (self.tr("Lots in stock"), str(row.lots)),
                (self.tr("Earliest expiry"), self._expiry(row.earliest_expiry)),
            ]
        else:
            self.title.setText(
                self.tr("{code}  {name} — batch {batch}").format(
                    code=row.item_code, name=row.item_name, batch=row.batch
                )
            )
            produced = row.production_date.isoformat() if row.production_date else "—"
            fields = [
                (self.tr("Produced"), produced),
                (self.tr("Expiry"), self._expiry(row.expiry)),
                (self.tr("Zone · slot"), f"{row.zone} · {row.slot}"),
                (self.tr("On hand"), quantity_text(row.qty, row.unit, row.packs)),
            ]
        rows = (len(fields) + 1) // 2
        for n, (name, value) in enumerate(fields):
            row, pair = n % rows, n // rows
            caption = QLabel(name, self)
            caption.setObjectName("muted")
            text = QLabel(value, self)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(caption, row, pair * 2)
            self.grid.addWidget(text, row, pair * 2 + 1)

    def _expiry(self, when: date | None) -> str:
        if when is None:
            return "—"
        status = expiry.status(when, date.today())
        words = {
            expiry.EXPIRED: self.tr("expired"),
            expiry.SOON: self.tr("expires within 30 days"),
            expiry.WATCH: self.tr("expires within 90 days"),
            expiry.OK: self.tr("OK"),
        }
        return self.tr("{date} ({status})").format(
            date=when.isoformat(), status=words.get(status, "")
        )
