"""Reserve page (储备): each item's standard (储备标准) and the top-up list (填平补齐).

The standards table lists every active item with its daily need, reserve days, target, usable
stock (expired lots and lots on hold left out), what of it expires within the reserve window
(flagged), the gap and the days of cover. The panel on the right edits the selected item's
standard; the top-up list goes to purchasing as xlsx or PDF, written off the UI thread.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain import reserve as rules
from app.domain.codes import RISK_GROUPS
from app.domain.errors import BadInput, StorekeeperError
from app.domain.progress import Progress
from app.gui import theme
from app.gui.tasks import Task, run_task
from app.gui.widgets.column_fit import fit_columns
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label, mark_primary
from app.services import people, reserve
from app.services.reserve import ReserveRow, TargetInfo
from app.store.models import Account

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    CODE = 0
    NAME = 1
    STANDARD = 2
    DAYS = 3
    TARGET = 4
    USABLE = 5
    EXPIRING = 6
    GAP = 7
    COVER = 8


NUMERIC = {Column.DAYS, Column.TARGET, Column.USABLE, Column.EXPIRING, Column.GAP, Column.COVER}


class StandardsModel(QAbstractTableModel):
    """Every active item with its standard (if any) and where its reserve stands today."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReserveRow] = []
        self.targets: dict[int, TargetInfo] = {}

    def load(self, rows: list[ReserveRow], targets: dict[int, TargetInfo]) -> None:
        self.beginResetModel()
        self.rows, self.targets = rows, targets
        self.endResetModel()

    def row_of_item(self, item_id: int) -> int:
        return next((n for n, r in enumerate(self.rows) if r.item_id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Code"),
                self.tr("Item"),
                self.tr("Need a day"),
                self.tr("Reserve\ndays"),
                self.tr("Reserve\ntarget"),
                self.tr("Usable"),
                self.tr("Expiring\nin window"),
                self.tr("Gap"),
                self.tr("Days of\ncover"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                Column.STANDARD: self.tr("Base units needed a day at full load"),
                Column.DAYS: self.tr("Reserve days"),
                Column.USABLE: self.tr("On hand less expired lots and lots on hold"),
                Column.EXPIRING: self.tr(
                    "Part of the usable stock that expires before the reserve days are over"
                ),
                Column.COVER: self.tr(
                    "Days of cover: usable stock ÷ average daily use over the last 90 days"
                ),
            }.get(Column(section))
        return None

    def standard_text(self, r: ReserveRow) -> str:
        info = self.targets.get(r.item_id)
        if info is None:
            return "—"
        qty = rules.qty_text(info.qty)
        if info.mode == rules.PER_PERSON:
            return self.tr("{qty} {unit} a person a day × {n} = {need} a day").format(
                qty=qty, unit=r.unit, n=info.people, need=rules.qty_text(info.daily_need)
            )
        return self.tr("{qty} {unit} a day").format(qty=qty, unit=r.unit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = Column(index.column())
        has = r.item_id in self.targets
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col, has)
        if role == SORT_ROLE:
            return self._sort_key(r, col, has)
        if role == ITEM_ROLE:
            return r.item_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not has and col not in (Column.CODE, Column.NAME, Column.USABLE, Column.COVER):
                return QBrush(theme.muted_colour())
            status = self._status(r, col, has)
            colours = theme.status_colours(status) if status else None
            return QBrush(colours[1]) if colours else None
        if role == Qt.ItemDataRole.BackgroundRole:
            status = self._status(r, col, has)
            colours = theme.status_colours(status) if status else None
            return QBrush(colours[0]) if colours else None
        if role == Qt.ItemDataRole.ToolTipRole and col == Column.EXPIRING and r.expiring_in_window:
            return self.tr(
                "{qty} {unit} of the usable stock expire within the {days} reserve days: "
                "issue them first"
            ).format(qty=f"{r.expiring_in_window:,}", unit=r.unit, days=r.days)
        if role == Qt.ItemDataRole.ToolTipRole and col == Column.STANDARD:
            return self.standard_text(r)
        return None

    def _status(self, r: ReserveRow, col: Column, has: bool) -> str | None:
        if col == Column.GAP and has:
            return "soon" if r.gap else "ok"
        if col == Column.EXPIRING and r.expiring_in_window:
            return "watch"
        return None

    def _text(self, r: ReserveRow, col: Column, has: bool) -> str:
        if col == Column.CODE:
            return r.code
        if col == Column.NAME:
            return r.name
        if col == Column.STANDARD:
            return f"{rules.qty_text(self.targets[r.item_id].daily_need)} {r.unit}" if has else "—"
        if col == Column.USABLE:
            return f"{r.usable:,} {r.unit}"
        if col == Column.COVER:
            return rules.cover_text(r.days_of_cover)
        if not has:
            return "—"
        if col == Column.DAYS:
            return str(r.days)
        if col == Column.TARGET:
            return f"{r.target:,}"
        if col == Column.EXPIRING:
            return f"▲ {r.expiring_in_window:,}" if r.expiring_in_window else "0"
        if col == Column.GAP:
            return f"{r.gap:,}" if r.gap else self.tr("0 ✓")
        return ""

    def _sort_key(self, r: ReserveRow, col: Column, has: bool) -> object:
        if col == Column.CODE:
            return r.code
        if col == Column.NAME:
            return r.name
        if col == Column.STANDARD:
            return r.daily_need if has else -1.0
        if col == Column.COVER:
            return r.days_of_cover if r.days_of_cover is not None else 1e12
        value = {
            Column.DAYS: r.days,
            Column.TARGET: r.target,
            Column.USABLE: r.usable,
            Column.EXPIRING: r.expiring_in_window,
            Column.GAP: r.gap,
        }[col]
        return value if has or col == Column.USABLE else -1


class TopUpModel(QAbstractTableModel):
    """The top-up list as purchasing reads it: item, target, usable, gap, gap in whole packs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReserveRow] = []

    def load(self, rows: list[ReserveRow]) -> None:
        self.beginResetModel()
        self.rows = [r for r in rows if r.gap > 0]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Code"),
            self.tr("Item"),
            self.tr("Target"),
            self.tr("Usable"),
            self.tr("Gap"),
            self.tr("To buy"),
            self.tr("Pack"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            pack = r.pack_unit or r.unit
            return (
                r.code,
                r.name,
                f"{r.target:,} {r.unit}",
                f"{r.usable:,} {r.unit}",
                f"{r.gap:,} {r.unit}",
                f"{r.gap_packs:,} {pack}",
                self.tr("1 {pack} = {n} {unit}").format(
                    pack=pack, n=f"{r.pack_size:,}", unit=r.unit
                )
                if r.pack_unit
                else r.unit,
            )[col]
        if role == ITEM_ROLE:
            return r.item_id
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col == 5:
            colours = theme.status_colours("watch")
            return QBrush(colours[0]) if colours else None
        return None


class StandardPanel(QFrame):
    """The selected item's standard: how the daily need is worked out, and the reserve days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.fixed = QRadioButton(self)
        self.per_person = QRadioButton(self)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.fixed)
        self.mode.addButton(self.per_person)
        self.qty = QLineEdit(self)
        self.qty.setObjectName("qtyEdit")
        self.unit = QLabel(self)
        self.departments = QListWidget(self)
        self.departments.setMaximumHeight(100)
        self.risks = {code: QCheckBox(self) for code in RISK_GROUPS}
        self.days = QComboBox(self)
        self.days.setEditable(True)
        for n in rules.COMMON_DAYS:
            self.days.addItem(str(n), n)
        self.note = QLineEdit(self)
        self.preview = QLabel(self)
        self.preview.setObjectName("muted")
        self.preview.setWordWrap(True)
        self.save_button = QPushButton(self)
        mark_primary(self.save_button)
        self.remove_button = QPushButton(self)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)

        qty_row = QHBoxLayout()
        qty_row.setContentsMargins(0, 0, 0, 0)
        qty_row.addWidget(self.qty, 1)
        qty_row.addWidget(self.unit)
        qty_box = QWidget(self)
        qty_box.setLayout(qty_row)
        qty_box.setFocusProxy(self.qty)  # an error at "qty" puts the cursor in the box
        mode_box = QWidget(self)
        mode_layout = QVBoxLayout(mode_box)
        mode_layout.setContentsMargins(0, 0, 0, 0)
        mode_layout.addWidget(self.fixed)
        mode_layout.addWidget(self.per_person)
        mode_box.setFocusProxy(self.fixed)
        self.groups_box = QWidget(self)
        groups = QVBoxLayout(self.groups_box)
        groups.setContentsMargins(0, 0, 0, 0)
        self.departments_caption = QLabel(self)
        self.departments_caption.setWordWrap(True)
        self.risks_caption = QLabel(self)
        groups.addWidget(self.departments_caption)
        groups.addWidget(self.departments)
        groups.addWidget(self.risks_caption)
        risk_grid = QGridLayout()
        for n, box in enumerate(self.risks.values()):
            risk_grid.addWidget(box, n // 2, n % 2)
        groups.addLayout(risk_grid)
        self.groups_box.setFocusProxy(self.departments)

        # captions above their fields: the panel is narrow beside the table
        self.captions = {key: QLabel(self) for key in ("mode", "qty", "days", "note")}
        for label in self.captions.values():
            label.setObjectName("fieldCaption")
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.captions["mode"])
        layout.addWidget(self.errors.wrap("mode", mode_box))
        layout.addWidget(self.captions["qty"])
        layout.addWidget(self.errors.wrap("qty", qty_box))
        layout.addWidget(self.errors.wrap("groups", self.groups_box))
        layout.addWidget(self.captions["days"])
        layout.addWidget(self.errors.wrap("days", self.days))
        layout.addWidget(self.captions["note"])
        layout.addWidget(self.errors.wrap("note", self.note))
        layout.addWidget(self.preview)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.fixed.setText(self.tr("Fixed quantity a day"))
        self.per_person.setText(self.tr("Per person a day × people"))
        self.captions["mode"].setText(self.tr("Daily need at full load"))
        self.captions["qty"].setText(self.tr("Quantity a day (or a person a day)"))
        self.captions["days"].setText(self.tr("Reserve days"))
        self.captions["note"].setText(self.tr("Note"))
        self.departments_caption.setText(self.tr("Departments and classes (none ticked: all)"))
        self.risks_caption.setText(self.tr("Risk groups (none ticked: all)"))
        for code, box in self.risks.items():
            box.setText(codes.label(code))
        self.qty.setPlaceholderText(self.tr("e.g. 2 or 0.5"))
        self.days.setToolTip(self.tr("45 days in the county plan; 30, 14 or 10 days are common"))
        self.note.setPlaceholderText(self.tr("Where the standard comes from (optional)"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the item's reserve standard (Enter)"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(
            self.tr("Remove the standard: the item no longer has a reserve target")
        )


class ReservePage(QWidget):
    """Title with the top-up exports, standards and top-up tabs, the standard's panel."""

    changed = Signal()  # a standard was saved or removed (the dashboard refreshes)

    def __init__(self, account: Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.item_id: int | None = None
        self.stale = False  # stock changed while the page was hidden
        self.last_file: Path | None = None  # what the last export wrote (tests read it)
        self.task: Task | None = None

        self.header = PageHeader(self, with_primary=True)
        self.export_pdf = self.header.primary
        assert self.export_pdf is not None
        self.export_xlsx = QPushButton(self)
        self.header.add_widget(self.export_xlsx)
        self.summary = QLabel(self)
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("okMessage")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.message = error_label(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("pageSearch")
        self.search.setClearButtonEnabled(True)

        self.model = StandardsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = self._table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # catalogue order at first
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.STANDARD, 76),
            (Column.DAYS, 46),
            (Column.TARGET, 66),
            (Column.USABLE, 84),
            (Column.EXPIRING, 64),
            (Column.GAP, 58),
            (Column.COVER, 66),
        ):
            self.table.setColumnWidth(column, width)
        self.top_up = TopUpModel(self)
        self.top_up_table = self._table(self.top_up)
        top_head = self.top_up_table.horizontalHeader()
        top_head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((2, 96), (3, 96), (4, 88), (5, 80), (6, 132)):
            self.top_up_table.setColumnWidth(column, width)
        self.top_up_note = QLabel(self)
        self.top_up_note.setObjectName("muted")
        self.top_up_note.setWordWrap(True)

        standards_tab = QWidget(self)
        standards = QVBoxLayout(standards_tab)
        standards.setContentsMargins(0, 8, 0, 0)
        standards.addWidget(self.search)
        standards.addWidget(self.table, 1)
        top_up_tab = QWidget(self)
        top_up = QVBoxLayout(top_up_tab)
        top_up.setContentsMargins(0, 8, 0, 0)
        top_up.addWidget(self.top_up_note)
        top_up.addWidget(self.top_up_table, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(standards_tab, "")
        self.tabs.addTab(top_up_tab, "")

        self.panel = StandardPanel(self)
        side = QScrollArea(self)  # scrolls rather than making the window taller than the screen
        side.setWidget(self.panel)
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setMinimumWidth(320)
        side.setMaximumWidth(380)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self._connect_signals()
        self._retranslate()
        self.refresh()

    def _table(self, model: QAbstractTableModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    def _connect_signals(self) -> None:
        self.export_pdf.clicked.connect(self._on_export_pdf_clicked)
        self.export_xlsx.clicked.connect(self._on_export_xlsx_clicked)
        self.search.textChanged.connect(self._on_search_textChanged)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.top_up_table.doubleClicked.connect(self._on_top_up_table_doubleClicked)
        p = self.panel
        p.save_button.clicked.connect(self._on_save_button_clicked)
        p.remove_button.clicked.connect(self._on_remove_button_clicked)
        p.qty.returnPressed.connect(self._on_save_button_clicked)
        p.mode.buttonToggled.connect(self._on_form_changed)
        p.qty.textChanged.connect(self._on_form_changed)
        p.days.currentTextChanged.connect(self._on_form_changed)
        p.departments.itemChanged.connect(self._on_form_changed)
        for box in p.risks.values():
            box.toggled.connect(self._on_form_changed)

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every item's reserve again (after a posting, or a standard changed)."""
        self.stale = False
        targets = reserve.targets()
        rows = reserve.status(all_items=True, found=targets)
        self.model.load(rows, targets)
        self.top_up.load([r for r in rows if r.item_id in targets])
        # fitted once per load: a header fitting itself measured every code at each layout
        fit_columns(self.table, [Column.CODE])
        fit_columns(self.top_up_table, [0])
        below = sum(1 for r in rows if r.item_id in targets and r.gap > 0)
        flagged = sum(1 for r in rows if r.item_id in targets and r.expiring_in_window)
        self.summary.setText(
            self.tr(
                "{n} items have a standard; {below} below target; {flagged} with stock that "
                "expires within the reserve days. Usable stock leaves out expired lots and lots "
                "on hold."
            ).format(n=len(targets), below=below, flagged=flagged)
        )
        self.tabs.setTabText(1, self.tr("Top-up list ({n})").format(n=len(self.top_up.rows)))
        for button in (self.export_pdf, self.export_xlsx):
            button.setEnabled(bool(targets))
        self._fill_departments()
        if self.item_id is not None and self.model.row_of_item(self.item_id) >= 0:
            self.select_item(self.item_id)
        else:
            self._show_item(None)

    def mark_stale(self) -> None:
        """Stock changed: refresh now if on show, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def select_item(self, item_id: int | None) -> bool:
        """Show an item's standard (the dashboard's "below target" lines); None: the top-up list."""
        if item_id is None:
            self.tabs.setCurrentIndex(1)
            return True
        row = self.model.row_of_item(item_id)
        if row < 0:
            return False
        self.tabs.setCurrentIndex(0)
        if self.proxy.mapFromSource(self.model.index(row, 0)).row() < 0:
            self.search.clear()  # the filter hid it
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self._show_item(item_id)
        return True

    def save(self) -> TargetInfo | None:
        """Save the panel as the selected item's standard; errors are shown at their field."""
        p = self.panel
        if self.item_id is None:
            return None
        p.errors.clear()
        try:
            info = reserve.set_target(
                self.item_id,
                mode=rules.PER_PERSON if p.per_person.isChecked() else rules.FIXED,
                qty=p.qty.text(),
                days=p.days.currentText(),
                departments=self._checked_departments(),
                risk_groups=[code for code, box in p.risks.items() if box.isChecked()],
                note=p.note.text(),
                by=self.account.id if self.account else None,
            )
        except StorekeeperError as err:
            p.errors.show(err)
            return None
        self._done(
            self.tr("Saved the standard of {name}: target {target} {unit}").format(
                name=info.name, target=f"{info.target:,}", unit=info.unit
            )
        )
        return info

    def remove(self) -> bool:
        if self.item_id is None:
            return False
        try:
            reserve.clear_target(self.item_id, by=self.account.id if self.account else None)
        except StorekeeperError as err:
            self.panel.errors.show(err)
            return False
        self._done(self.tr("Removed the standard"))
        return True

    def export_to(self, path: Path, fmt: str) -> Task:
        """Write the top-up list off the UI thread; `last_file` is set when it is written."""

        def work(progress: Progress) -> Path:
            return reserve.export_top_up(path, fmt, progress=progress)

        self.task = run_task(
            self,
            self.tr("Saving the top-up list"),
            work,
            on_done=self._on_file_written,
            on_error=self._show_error,
        )
        return self.task

    # --- slots ------------------------------------------------------------------------------

    def _on_export_pdf_clicked(self) -> None:
        self._export("pdf", self.tr("PDF (*.pdf)"))

    def _on_export_xlsx_clicked(self) -> None:
        self._export("xlsx", self.tr("Excel workbook (*.xlsx)"))

    def _on_search_textChanged(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def _on_table_selectionChanged(self, _new: QItemSelection, _old: QItemSelection) -> None:
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        item_id = self.proxy.data(index, ITEM_ROLE) if index.isValid() else None
        if item_id != self.item_id or item_id is None:
            self._show_item(item_id)

    def _on_top_up_table_doubleClicked(self, index: QModelIndex) -> None:
        self.select_item(self.top_up.data(index, ITEM_ROLE))

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_remove_button_clicked(self) -> None:
        self.remove()

    def _on_form_changed(self, *_args: object) -> None:
        self._update_preview()

    def _on_file_written(self, path: Path) -> None:
        self.last_file = path
        self.message.hide()
        self.notice.setText(self.tr("Saved {path}").format(path=path))
        self.notice.show()

    # --- helpers ----------------------------------------------------------------------------

    def _export(self, fmt: str, filter_text: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the top-up list"), self.tr("top-up list") + f".{fmt}", filter_text
        )
        if name:
            self.export_to(Path(name), fmt)

    def _show_error(self, err: StorekeeperError) -> None:
        self.notice.hide()
        self.message.setText(str(err))
        self.message.show()

    def _done(self, text: str) -> None:
        self.message.hide()
        self.notice.setText(text)
        self.notice.show()
        self.refresh()
        self.changed.emit()

    def _fill_departments(self) -> None:
        p = self.panel
        p.departments.blockSignals(True)
        p.departments.clear()
        for dept in people.departments():
            entry = QListWidgetItem(dept.name, p.departments)
            entry.setData(Qt.ItemDataRole.UserRole, dept.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
        p.departments.blockSignals(False)

    def _checked_departments(self) -> list[int]:
        boxes = self.panel.departments
        return [
            boxes.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(boxes.count())
            if boxes.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _show_item(self, item_id: int | None) -> None:
        p = self.panel
        self.item_id = item_id
        p.errors.clear()
        row = self.model.rows[self.model.row_of_item(item_id)] if item_id is not None else None
        p.setEnabled(row is not None)
        if row is None:
            p.title.setText(self.tr("Choose an item to set its reserve standard."))
            p.unit.clear()
            p.preview.clear()
            return
        info = self.model.targets.get(row.item_id)
        p.title.setText(f"{row.code} {row.name}")
        p.unit.setText(row.unit)
        widgets = [p.fixed, p.per_person, p.qty, p.days, p.departments, p.note, *p.risks.values()]
        for widget in widgets:
            widget.blockSignals(True)
        p.per_person.setChecked(bool(info and info.mode == rules.PER_PERSON))
        p.fixed.setChecked(not (info and info.mode == rules.PER_PERSON))
        p.qty.setText(rules.qty_text(info.qty) if info else "")
        days = info.days if info else rules.DEFAULT_DAYS
        p.days.setCurrentIndex(p.days.findData(days))
        p.days.setEditText(str(days))
        chosen = set(info.departments) if info else set()
        for n in range(p.departments.count()):
            entry = p.departments.item(n)
            ticked = entry.data(Qt.ItemDataRole.UserRole) in chosen
            entry.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        for code, box in p.risks.items():
            box.setChecked(bool(info and code in info.risk_groups))
        p.note.setText(info.note if info else "")
        for widget in widgets:
            widget.blockSignals(False)
        p.remove_button.setEnabled(info is not None)
        self._update_preview()

    def _update_preview(self) -> None:
        """What the form would give: people counted, daily need, target — before saving."""
        p = self.panel
        per_person = p.per_person.isChecked()
        p.groups_box.setEnabled(per_person)
        if self.item_id is None:
            return
        unit = p.unit.text()
        try:
            qty = rules.parse_qty(p.qty.text())
            days = rules.check_days(p.days.currentText())
        except BadInput:
            p.preview.setText(self.tr("Type a quantity and the reserve days to see the target."))
            return
        heads = 0
        if per_person:
            heads = reserve.count_people(
                self._checked_departments(), [c for c, b in p.risks.items() if b.isChecked()]
            )
        std = rules.Standard(
            rules.PER_PERSON if per_person else rules.FIXED, Decimal(qty), days, heads
        )
        need = rules.qty_text(std.daily_need)
        if per_person:
            text = self.tr(
                "{n} people × {qty} {unit} = {need} {unit} a day; × {days} days = target "
                "{target} {unit}"
            ).format(
                n=heads,
                qty=rules.qty_text(qty),
                unit=unit,
                need=need,
                days=days,
                target=f"{std.target:,}",
            )
        else:
            text = self.tr("{need} {unit} a day × {days} days = target {target} {unit}").format(
                need=need, unit=unit, days=days, target=f"{std.target:,}"
            )
        p.preview.setText(text)

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Reserve"))
        self.export_pdf.setText(self.tr("Top-up list (PDF)…"))
        self.export_pdf.setToolTip(
            self.tr("Print the top-up list for purchasing: item, target, usable, gap, packs")
        )
        self.export_xlsx.setText(self.tr("Top-up list (xlsx)…"))
        self.search.setPlaceholderText(self.tr("Search code or name"))
        self.tabs.setTabText(0, self.tr("Standards"))
        self.top_up_note.setText(
            self.tr(
                "Items below their reserve target (填平补齐). Gap = target - usable stock; "
                "to buy = the gap in whole packs. Double-click a line to see its standard."
            )
        )
        self.panel.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self.top_up.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        if self.model.rows:
            self.refresh()
