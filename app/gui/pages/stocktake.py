"""Stocktake page (盘点): start a count, scan a slot, type what is there, sign and post."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import signoff
from app.domain import stocktake as rules
from app.domain.errors import BadInput, StorekeeperError
from app.domain.progress import Progress
from app.gui.dialogs.signoff import SignOffDialog
from app.gui.models.stock_tree import quantity_text
from app.gui.tasks import Task, run_task
from app.gui.widgets.forms import PageHeader, error_label
from app.gui.widgets.scan_line_edit import ScanLineEdit
from app.services import catalogue
from app.services import stocktake as stk
from app.services.stocktake import CountLine, StocktakeInfo
from app.store.models import Account

_Index = QModelIndex | QPersistentModelIndex
ORANGE, GREEN, GREY = QColor("#b35c00"), QColor("#2e7d32"), QColor("#757575")


class Column:
    SEQ, SLOT, CODE, NAME, BATCH, EXPIRY, EXPECTED, COUNTED, DIFF, VALUE, REASON = range(11)
    COUNT = 11


class CountTableModel(QAbstractTableModel):
    """The lines of one stocktake; the counted column is typed into directly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CountLine] = []
        self.stocktake_id: int | None = None
        self.blind = False
        self.editable = False
        self.error: StorekeeperError | None = None

    def load(
        self, stocktake_id: int | None, rows: list[CountLine], *, blind: bool, editable: bool
    ) -> None:
        self.beginResetModel()
        self.stocktake_id = stocktake_id
        self.rows, self.blind, self.editable = rows, blind, editable
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else Column.COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("No."),
            self.tr("Slot"),
            self.tr("Item code"),
            self.tr("Item"),
            self.tr("Batch"),
            self.tr("Expires"),
            self.tr("Expected"),
            self.tr("Counted"),
            self.tr("Difference"),
            self.tr("Value"),
            self.tr("Reason"),
        )[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        line = self.rows[index.row()] if index.isValid() else None
        if self.editable and index.column() == Column.COUNTED and line and line.item_id:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        ln = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(ln, col)
        if role == Qt.ItemDataRole.EditRole and col == Column.COUNTED:
            return "" if ln.counted is None else str(ln.counted)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            Column.SEQ,
            Column.EXPECTED,
            Column.COUNTED,
            Column.DIFF,
            Column.VALUE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if ln.item_id is None:
                return QBrush(GREY)
            if col == Column.DIFF and ln.difference:
                return QBrush(ORANGE)
            if col == Column.DIFF and ln.difference == 0:
                return QBrush(GREEN)
        if role == Qt.ItemDataRole.ToolTipRole and col in (Column.NAME, Column.REASON):
            return self._text(ln, col) or None
        if role == Qt.ItemDataRole.UserRole:
            return ln.line_id
        return None

    def _text(self, ln: CountLine, col: int) -> str:
        hidden = self.blind and self.editable
        if col == Column.SEQ:
            return str(ln.seq)
        if col == Column.SLOT:
            return ln.slot
        if col == Column.CODE:
            return ln.item_code
        if col == Column.NAME:
            return ln.item_name or self.tr("(empty slot)")
        if col == Column.BATCH:
            return ln.batch
        if col == Column.EXPIRY:
            return ln.expiry.isoformat() if ln.expiry else ""
        if ln.item_id is None:
            return ""
        if col == Column.EXPECTED:
            return "•••" if hidden else f"{ln.expected:,}"
        if col == Column.COUNTED:
            return "" if ln.counted is None else f"{ln.counted:,}"
        if col == Column.DIFF:
            diff = ln.difference
            if diff is None or hidden:
                return ""
            return self.tr("0 ✓ ok") if diff == 0 else f"{diff:+,}"
        if col == Column.VALUE:
            return "" if ln.value is None or hidden or not ln.difference else f"{ln.value:+,.2f}"
        if col == Column.REASON:
            return rules.reason_text(ln.reason, ln.note)
        return ""

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != Column.COUNTED:
            return False
        ln = self.rows[index.row()]
        try:
            stk.record_count(ln.line_id, value)
        except StorekeeperError as err:
            self.error = err
            return False
        self.error = None
        self.reload_row(index.row())
        return True

    def reload_row(self, row: int) -> None:
        ln = self.rows[row]
        if self.stocktake_id is not None:
            fresh = stk.lines(self.stocktake_id, slot_id=ln.slot_id)
            self.rows[row] = next((r for r in fresh if r.line_id == ln.line_id), ln)
        self.dataChanged.emit(self.index(row, 0), self.index(row, Column.COUNT - 1))

    def row_of_line(self, line_id: int) -> int:
        return next((n for n, r in enumerate(self.rows) if r.line_id == line_id), -1)


class LinePanel(QFrame):
    """The selected line: its count (Enter saves and goes on), the reason, a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.expected = QLabel(self)
        self.counted = QLineEdit(self)
        self.counted.setObjectName("countedEdit")
        self.reason = QComboBox(self)
        self.note = QLineEdit(self)
        self.save_button = QPushButton(self)
        self.counted_caption = QLabel(self)
        self.reason_caption = QLabel(self)
        self.note_caption = QLabel(self)
        self.expected_caption = QLabel(self)
        form = QFormLayout()
        form.addRow(self.expected_caption, self.expected)
        form.addRow(self.counted_caption, self.counted)
        form.addRow(self.reason_caption, self.reason)
        form.addRow(self.note_caption, self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

    def retranslate(self) -> None:
        self.expected_caption.setText(self.tr("Expected"))
        self.counted_caption.setText(self.tr("Counted"))
        self.reason_caption.setText(self.tr("Reason"))
        self.note_caption.setText(self.tr("Note"))
        self.counted.setPlaceholderText(self.tr("Type the count, Enter for the next line"))
        self.note.setPlaceholderText(self.tr("What happened (optional)"))
        self.save_button.setText(self.tr("Save line"))
        self.save_button.setToolTip(self.tr("Save this line's count and reason (Enter)"))
        current = self.reason.currentData()
        self.reason.clear()
        self.reason.addItem(self.tr("— no reason —"), None)
        for code in rules.REASONS:
            self.reason.addItem(rules.label(code), code)
        self.reason.setCurrentIndex(max(0, self.reason.findData(current)))


class FoundPanel(QFrame):
    """A lot found on a slot that the books do not show there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.slot = QLineEdit(self)
        self.item = QLineEdit(self)
        self.batch = QLineEdit(self)
        self.expiry = QDateEdit(self)
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        self.expiry.setDate(date.today().replace(year=date.today().year + 1))
        self.qty = QLineEdit(self)
        self.add_button = QPushButton(self)
        self.captions = [QLabel(self) for _ in range(5)]
        grid = QGridLayout()
        for n, widget in enumerate((self.slot, self.item, self.batch, self.expiry, self.qty)):
            grid.addWidget(self.captions[n], n // 2 * 2, n % 2)
            grid.addWidget(widget, n // 2 * 2 + 1, n % 2)
        grid.addWidget(self.add_button, 5, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(grid)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Found stock not on the list"))
        for label, text in zip(
            self.captions,
            (
                self.tr("Slot"),
                self.tr("Item code or GTIN"),
                self.tr("Batch"),
                self.tr("Expires"),
                self.tr("Counted"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.add_button.setText(self.tr("Add found lot"))
        self.item.setPlaceholderText(self.tr("Scan or type"))


class StocktakePage(QWidget):
    """Title with the one main action, the count table, the line and found-stock panels."""

    def __init__(self, account: Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.info: StocktakeInfo | None = None
        self.slot_id: int | None = None
        self.signoff_dialog: SignOffDialog | None = None
        self.last_file: Path | None = None  # what the last export or report wrote (tests read it)

        self.header = PageHeader(self, with_primary=True)
        self.picker = QComboBox(self)
        self.picker.setMinimumWidth(360)
        self.header.add_widget(self.picker)

        # starting a count
        self.start_box = QFrame(self)
        self.start_box.setObjectName("detailPanel")
        self.start_title = QLabel(self.start_box)
        self.start_title.setObjectName("detailTitle")
        self.month = QLineEdit(f"{date.today():%Y-%m}", self.start_box)
        self.month.setMaximumWidth(120)
        self.zone = QComboBox(self.start_box)
        self.blind = QCheckBox(self.start_box)
        self.start_button = QPushButton(self.start_box)
        self.month_caption = QLabel(self.start_box)
        self.zone_caption = QLabel(self.start_box)
        start_row = QHBoxLayout(self.start_box)
        start_row.setContentsMargins(16, 10, 16, 10)
        start_row.addWidget(self.start_title)
        start_row.addSpacing(16)
        for widget in (
            self.month_caption,
            self.month,
            self.zone_caption,
            self.zone,
            self.blind,
        ):
            start_row.addWidget(widget)
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)

        self.scan = ScanLineEdit(self)
        self.scan.setObjectName("pageSearch")
        self.show_all = QPushButton(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("muted")
        self.message = error_label(self)
        self.notice = QLabel(self)  # what just went well (posted, imported); errors use message
        self.notice.setObjectName("muted")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.model = CountTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for column, width in (
            (Column.SEQ, 40),
            (Column.SLOT, 76),
            (Column.CODE, 84),
            (Column.NAME, 120),
            (Column.BATCH, 108),
            (Column.EXPIRY, 104),
            (Column.EXPECTED, 76),
            (Column.COUNTED, 76),
            (Column.DIFF, 90),
            (Column.VALUE, 70),
        ):
            self.table.setColumnWidth(column, width)

        self.line_panel = LinePanel(self)
        self.found_panel = FoundPanel(self)
        side = self.side = QWidget(self)
        side.setMaximumWidth(360)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.line_panel)
        side_layout.addWidget(self.found_panel)
        side_layout.addStretch(1)
        # scrolls rather than making the window taller than a small screen
        side_scroll = self.side_scroll = QScrollArea(self)
        side_scroll.setWidget(side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setMaximumWidth(380)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(side_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.export_xlsx = QPushButton(self)
        self.export_pdf = QPushButton(self)
        self.import_button = QPushButton(self)
        self.report_button = QPushButton(self)
        files = QHBoxLayout()
        for button in (self.export_xlsx, self.export_pdf, self.import_button, self.report_button):
            files.addWidget(button)
        files.addStretch(1)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.show_all)
        scan_row.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(self.start_box)
        layout.addLayout(scan_row)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        layout.addLayout(files)

        self.post_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self._connect_signals()
        self._retranslate()
        self.reload()

    def _connect_signals(self) -> None:
        assert self.header.primary is not None
        self.header.primary.clicked.connect(self._on_primary_clicked)
        self.post_shortcut.activated.connect(self._on_primary_clicked)
        self.picker.activated.connect(self._on_picker_activated)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.scan.scanned.connect(self._on_scan_scanned)
        self.show_all.clicked.connect(self._on_show_all_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_currentRowChanged)
        self.model.dataChanged.connect(self._on_model_dataChanged)
        self.line_panel.counted.returnPressed.connect(self._on_counted_returnPressed)
        self.line_panel.save_button.clicked.connect(self._on_save_button_clicked)
        self.found_panel.add_button.clicked.connect(self._on_add_button_clicked)
        self.export_xlsx.clicked.connect(self._on_export_xlsx_clicked)
        self.export_pdf.clicked.connect(self._on_export_pdf_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)

    # --- public -----------------------------------------------------------------------------

    def reload(self, stocktake_id: int | None = None) -> None:
        """Show a stocktake (the open one, else the latest), and the list of all of them."""
        everything = stk.list_stocktakes()
        if stocktake_id is None:
            running = next((s for s in everything if s.is_open), None)
            chosen = running or (everything[0] if everything else None)
        else:
            chosen = next((s for s in everything if s.id == stocktake_id), None)
        self.picker.blockSignals(True)
        self.picker.clear()
        for s in everything:
            self.picker.addItem(self._describe(s), s.id)
        self.picker.setCurrentIndex(self.picker.findData(chosen.id) if chosen else -1)
        self.picker.blockSignals(False)
        self.zone.clear()
        self.zone.addItem(self.tr("All zones"), None)
        for z in catalogue.zones():
            self.zone.addItem(f"{z.code} {z.name}", z.code)
        if chosen is not None and chosen.is_open:
            stk.refresh(chosen.id)
        self.info = chosen
        self.slot_id = None
        self._load_lines()

    def show_slot(self, text: str) -> bool:
        """Show the lines of the slot a scan (label or typed code) names; False when none."""
        from app.services import lookup  # scanning tools load on the first scan

        self.message.hide()
        try:
            found = lookup.resolve(text)
        except StorekeeperError as err:
            self._show_error(err)
            return False
        if found.slot_id is None:
            self._show_error(
                BadInput(
                    f"“{text}”不是货位标签或货位编码",
                    f"“{text}” is not a slot label or slot code",
                    field="scan",
                )
            )
            return False
        self.slot_id = found.slot_id
        self.found_panel.slot.setText(found.slot or "")
        self._load_lines()
        if not self.model.rows:
            self._show_error(
                BadInput(
                    f"货位 {found.slot} 不在本次盘点中",
                    f"Slot {found.slot} is not in this count",
                    field="scan",
                )
            )
            return False
        self._select_row(self._first_uncounted())
        self.line_panel.counted.setFocus()
        return True

    def enter_count(self, text: str) -> bool:
        """Save the count typed for the selected line and go to the next one."""
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.rows) or self.info is None:
            return False
        ln = self.model.rows[row]
        try:
            stk.record_count(
                ln.line_id,
                text,
                reason=self.line_panel.reason.currentData() or "",
                note=self.line_panel.note.text(),
            )
        except StorekeeperError as err:
            self._show_error(err)
            return False
        self.message.hide()
        self.model.reload_row(row)
        self._update_summary()
        if row + 1 < len(self.model.rows):
            self._select_row(row + 1)
        else:
            self._show_line(self.model.rows[row])
        return True

    def start_post(self) -> SignOffDialog | None:
        """Check the count, then the sign-off dialog; posting happens when it is accepted."""
        if self.info is None or not self.info.is_open:
            return None
        rows = stk.lines(self.info.id)
        left = [r.seq for r in rows if r.item_id and r.counted is None and r.expected != 0]
        missing = [r.seq for r in rows if r.item_id and r.difference and not r.reason]
        if left or missing:
            seqs = ", ".join(map(str, (left or missing)[:8]))
            self._show_error(
                BadInput(
                    f"还有 {len(left)} 行未盘（第 {seqs} 行）"
                    if left
                    else f"有差异的行必须填写原因（第 {seqs} 行）",
                    f"{len(left)} lines are not counted yet (lines {seqs})"
                    if left
                    else f"Every difference needs a reason (lines {seqs})",
                    field="counted" if left else "reason",
                )
            )
            return None
        roles = signoff.roles_for("adjustment")
        names = {"counter": self.account.display_name} if self.account else {}
        diffs = [r for r in rows if r.item_id and r.difference]
        dialog = SignOffDialog(
            roles.all,
            names=names,
            required=roles.required,
            summary=self.tr(
                "Stocktake {number}: {n} lines, {d} differences. The approver signs or gives "
                "the PIN; the differences are then posted and the count is closed."
            ).format(number=self.info.number, n=len(rows), d=len(diffs)),
            parent=self,
        )
        dialog.accepted.connect(self._on_signoff_dialog_accepted)
        self.signoff_dialog = dialog
        dialog.open()
        return dialog

    # --- slots ------------------------------------------------------------------------------

    def _on_primary_clicked(self) -> None:
        if self.info is not None and self.info.is_open:
            self.start_post()
        else:
            self.start_box.setVisible(True)
            self.month.setFocus()

    def _on_picker_activated(self, index: int) -> None:
        self.reload(self.picker.itemData(index))

    def _on_start_button_clicked(self) -> None:
        try:
            info = stk.start(
                month=self.month.text().strip() or None,
                zone=self.zone.currentData(),
                blind=self.blind.isChecked(),
                by=self.account.id if self.account else None,
            )
        except StorekeeperError as err:
            self._show_error(err)
            return
        self.message.hide()
        self.reload(info.id)
        self.scan.setFocus()

    def _on_scan_scanned(self, text: str) -> None:
        if text.strip():
            self.show_slot(text)
        self.scan.selectAll()

    def _on_show_all_clicked(self) -> None:
        self.slot_id = None
        self.scan.clear()
        self._load_lines()

    def _on_table_currentRowChanged(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if 0 <= current.row() < len(self.model.rows):
            self._show_line(self.model.rows[current.row()])

    def _on_model_dataChanged(self, *_args: object) -> None:
        if self.model.error is not None:
            self._show_error(self.model.error)
        self._update_summary()

    def _on_counted_returnPressed(self) -> None:
        self.enter_count(self.line_panel.counted.text())

    def _on_save_button_clicked(self) -> None:
        self.enter_count(self.line_panel.counted.text())

    def _on_add_button_clicked(self) -> None:
        if self.info is None:
            return
        f = self.found_panel
        try:
            line_id = stk.add_found(
                self.info.id,
                slot=f.slot.text(),
                item_code=f.item.text(),
                batch=f.batch.text(),
                expiry=f.expiry.date().toPython(),
                qty=f.qty.text(),
            )
        except StorekeeperError as err:
            self._show_error(err)
            return
        self.message.hide()
        for widget in (f.item, f.batch, f.qty):
            widget.clear()
        self._load_lines()
        self._select_row(self.model.row_of_line(line_id))

    def _on_signoff_dialog_accepted(self) -> None:
        dialog = self.signoff_dialog
        if dialog is None or self.info is None:
            return
        self.signoff_dialog = None
        approver = next(
            (s.account_id for s in dialog.signatures if s.role == "approver" and s.account_id),
            None,
        )
        try:
            info = stk.post(self.info.id, approver_id=approver, signed=dialog.signatures)
        except StorekeeperError as err:
            self._show_error(err)
            return
        self.reload(info.id)
        self.notice.setText(
            self.tr("Posted: {number}, voucher {voucher}, accuracy {acc}").format(
                number=info.number,
                voucher=info.voucher_no or "—",
                acc=rules.accuracy_text(info.accuracy),
            )
        )
        self.notice.show()

    def _on_export_xlsx_clicked(self) -> None:
        self._export("xlsx", self.tr("Excel workbook (*.xlsx)"))

    def _on_export_pdf_clicked(self) -> None:
        self._export("pdf", self.tr("PDF (*.pdf)"))

    def _on_import_button_clicked(self) -> None:
        if self.info is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a filled count sheet"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def _on_report_button_clicked(self) -> None:
        if self.info is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the count report"),
            f"{self.info.number}-report.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if name:
            stocktake_id = self.info.id
            run_task(
                self,
                self.tr("Save the count report"),
                lambda _progress: stk.write_report(stocktake_id, Path(name)),
                on_done=self._on_file_written,
                on_error=self._show_error,
            )

    # --- helpers ----------------------------------------------------------------------------

    def import_file(self, path: Path) -> Task | None:
        """Read a filled sheet off the UI thread: every count or none (Cancel rolls back)."""
        if self.info is None:
            return None
        stocktake_id = self.info.id

        def work(progress: Progress) -> stk.ImportResult:
            return stk.import_counts(stocktake_id, path, progress=progress)

        return run_task(
            self,
            self.tr("Importing the count sheet"),
            work,
            on_done=self._on_import_done,
            on_error=self._show_error,
            on_cancel=self._on_import_cancelled,
        )

    def _on_import_done(self, result: stk.ImportResult) -> None:
        self._load_lines()
        self.message.hide()
        self.notice.setText(
            self.tr("Read {n} counts from the sheet ({f} found lots).").format(
                n=result.counted, f=result.found
            )
        )
        self.notice.show()

    def _on_import_cancelled(self) -> None:
        self.message.hide()
        self.notice.setText(self.tr("Import cancelled; no count was changed."))
        self.notice.show()

    def export_to(self, path: Path, fmt: str) -> Task | None:
        """Write the count sheet off the UI thread (nothing is left behind if cancelled)."""
        if self.info is None:
            return None
        stocktake_id = self.info.id

        def work(progress: Progress) -> Path:
            return stk.export_sheet(stocktake_id, path, fmt, progress=progress)

        return run_task(
            self,
            self.tr("Save the count sheet"),
            work,
            on_done=self._on_file_written,
            on_error=self._show_error,
        )

    def _on_file_written(self, path: Path) -> None:
        self.last_file = path
        self.message.hide()
        self.notice.setText(self.tr("Saved {path}").format(path=path))
        self.notice.show()

    def _export(self, fmt: str, filter_text: str) -> None:
        if self.info is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the count sheet"), f"{self.info.number}.{fmt}", filter_text
        )
        if name:
            self.export_to(Path(name), fmt)

    def _show_error(self, err: StorekeeperError) -> None:
        self.notice.hide()
        self.message.setText(str(err))
        self.message.show()
        if err.field in ("counted", "reason"):
            field = self.line_panel.counted if err.field == "counted" else self.line_panel.reason
            field.setFocus()

    def _describe(self, s: StocktakeInfo) -> str:
        state = rules.label(s.status)
        if s.closed_at:
            state += f" {s.closed_at:%Y-%m-%d} · {rules.accuracy_text(s.accuracy)}"
        return f"{s.number} · {rules.label(s.kind)} {s.period} · {state}"

    def _load_lines(self) -> None:
        info = self.info
        editable = info is not None and info.is_open
        rows = stk.lines(info.id, slot_id=self.slot_id) if info else []
        self.model.load(
            info.id if info else None,
            rows,
            blind=info.blind if info else False,
            editable=editable,
        )
        # room for what matters: no slot column within one slot, no value column without prices
        self.table.setColumnHidden(Column.SLOT, self.slot_id is not None)
        self.table.setColumnHidden(Column.VALUE, all(r.unit_price is None for r in rows))
        self.start_box.setVisible(info is None or not info.is_open)
        for widget in (self.scan, self.show_all):
            widget.setEnabled(editable)
        # a posted count is read-only: the table says it all
        self.side_scroll.setVisible(editable)
        self.side.setVisible(editable)
        self.import_button.setEnabled(editable)
        for button in (self.export_xlsx, self.export_pdf, self.report_button):
            button.setEnabled(info is not None)
        self._update_header()
        self._update_summary()
        if rows:
            self._select_row(0)
        else:
            self._show_line(None)

    def _select_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            index = self.model.index(row, Column.COUNTED)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(self.model.index(row, Column.SEQ))
            self._show_line(self.model.rows[row])

    def _first_uncounted(self) -> int:
        return next(
            (n for n, r in enumerate(self.model.rows) if r.item_id and r.counted is None), 0
        )

    def _show_line(self, ln: CountLine | None) -> None:
        p = self.line_panel
        if ln is None:
            p.title.setText(self.tr("Scan a slot label to count what lies there."))
            p.expected.clear()
            p.counted.clear()
            return
        if ln.item_id is None:
            p.title.setText(
                self.tr("Line {n} · slot {slot}: empty on the books").format(n=ln.seq, slot=ln.slot)
            )
        else:
            p.title.setText(
                self.tr("Line {n} · slot {slot}: {code} {name}, batch {batch}").format(
                    n=ln.seq, slot=ln.slot, code=ln.item_code, name=ln.item_name, batch=ln.batch
                )
            )
        blind = self.model.blind and self.model.editable
        p.expected.setText(
            "—" if blind or ln.item_id is None else quantity_text(ln.expected, ln.unit, ln.packs)
        )
        p.counted.setText("" if ln.counted is None else str(ln.counted))
        p.counted.selectAll()
        p.reason.setCurrentIndex(max(0, p.reason.findData(ln.reason)))
        p.note.setText(ln.note)
        self.found_panel.slot.setText(ln.slot)

    def _update_header(self) -> None:
        assert self.header.primary is not None
        if self.info is not None and self.info.is_open:
            self.header.primary.setText(self.tr("Sign and post…"))
            self.header.primary.setToolTip(
                self.tr("Post the differences with the approver's signature (Ctrl+Enter)")
            )
        else:
            self.header.primary.setText(self.tr("New count…"))
            self.header.primary.setToolTip(self.tr("Start a monthly or zone count"))

    def _update_summary(self) -> None:
        info = self.info
        if info is None:
            self.summary.setText(self.tr("No stocktake yet."))
            return
        rows = [r for r in self.model.rows if r.item_id]
        counted = sum(1 for r in rows if r.counted is not None)
        diffs = sum(1 for r in rows if r.difference)
        where = self.tr("this slot") if self.slot_id else self.tr("all slots")
        if info.is_open:
            text = self.tr("{where}: {n} lines, {c} counted, {d} differences").format(
                where=where, n=len(rows), c=counted, d=diffs
            )
            if info.blind:
                text = self.tr("{where}: {n} lines, {c} counted (blind count)").format(
                    where=where, n=len(rows), c=counted
                )
        else:
            text = self.tr("Posted {date} · voucher {voucher} · accuracy {acc}").format(
                date=f"{info.closed_at:%Y-%m-%d}" if info.closed_at else "",
                voucher=info.voucher_no or "—",
                acc=rules.accuracy_text(info.accuracy),
            )
        self.summary.setText(text)

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Stocktake"))
        self.start_title.setText(self.tr("New count"))
        self.month_caption.setText(self.tr("Month"))
        self.zone_caption.setText(self.tr("Zone"))
        self.blind.setText(self.tr("Blind count (hide book quantities)"))
        self.start_button.setText(self.tr("Start count"))
        self.start_button.setToolTip(
            self.tr("Record the book quantity of every lot on every slot in scope")
        )
        self.scan.setPlaceholderText(self.tr("Scan a slot label or type a slot code"))
        self.scan.setToolTip(self.tr("Scan a slot label to see and count its lines (Ctrl+F)"))
        self.show_all.setText(self.tr("All slots"))
        self.export_xlsx.setText(self.tr("Count sheet (xlsx)…"))
        self.export_pdf.setText(self.tr("Print count sheet (PDF)…"))
        self.import_button.setText(self.tr("Import filled sheet…"))
        self.report_button.setText(self.tr("Count report (PDF)…"))
        self.line_panel.retranslate()
        self.found_panel.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, Column.COUNT - 1)
        if self.info is not None:
            infos = {s.id: s for s in stk.list_stocktakes()}  # once, not once per entry
            self.picker.blockSignals(True)
            for n in range(self.picker.count()):
                found = infos.get(self.picker.itemData(n))
                if found is not None:
                    self.picker.setItemText(n, self._describe(found))
            self.picker.blockSignals(False)
        self._update_header()
        self._update_summary()
