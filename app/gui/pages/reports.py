"""Reports page (报表): choose a report, its period and item or lot, save it as PDF, xlsx or CSV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import StorekeeperError
from app.domain.i18n import pick
from app.domain.progress import Progress
from app.gui.tasks import Task, run_task
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label
from app.services import reports
from app.services.reports import ReportSpec
from app.store import queries

# Quick choices for the period; "custom" is whatever the two date boxes say.
THIS_MONTH, LAST_MONTH, THIS_YEAR, CUSTOM = "this_month", "last_month", "this_year", "custom"


def quick_range(choice: str, today: date) -> tuple[date, date]:
    """The dates a quick choice stands for (last month: its first to its last day)."""
    if choice == LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if choice == THIS_YEAR:
        return today.replace(month=1, day=1), today
    return today.replace(day=1), today


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportsPage(QWidget):
    """The reports on the left; on the right what the chosen one needs, and Save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(self, with_primary=True)
        assert self.header.primary is not None
        self.save_button: QPushButton = self.header.primary
        self.report_list = QListWidget(self)
        self.report_list.setObjectName("reportList")
        self.report_list.setMinimumWidth(300)  # "Issues by department and person" whole
        self.report_list.setMaximumWidth(360)
        self.report_list.setWordWrap(True)
        self.report_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.report_title = QLabel(self)
        self.report_title.setObjectName("detailTitle")
        self.about = QLabel(self)
        self.about.setObjectName("muted")
        self.about.setWordWrap(True)
        self.quick = QComboBox(self)
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for box in (self.start, self.end):
            box.setCalendarPopup(True)
            box.setDisplayFormat("yyyy-MM-dd")
        self.to_label = QLabel(self)
        self.period_note = QLabel(self)
        self.period_note.setWordWrap(True)
        self.item_combo = QComboBox(self)
        self.item_combo.setEditable(True)
        self.item_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.item_combo.setMinimumWidth(320)
        completer = self.item_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lot_combo = QComboBox(self)
        self.lot_combo.setMinimumWidth(280)
        self.format_combo = QComboBox(self)
        self.message = error_label(self)
        self.errors = FieldErrors(self.message)
        self.notice = QLabel(self)
        self.notice.setObjectName("okMessage")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self.open_folder = QPushButton(self)
        self.open_folder.hide()
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)

        dates = QWidget(self)
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.setSpacing(8)
        dates_row.addWidget(self.quick)
        dates_row.addWidget(self.start)
        dates_row.addWidget(self.to_label)
        dates_row.addWidget(self.end)
        dates_row.addStretch(1)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(12)
        self.period_label = QLabel(self)
        self.item_label = QLabel(self)
        self.lot_label = QLabel(self)
        self.format_label = QLabel(self)
        self.period_note_label = QLabel(self)
        self.form.addRow(self.period_label, self.errors.wrap("from", dates, "to"))
        self.form.addRow(self.period_note_label, self.period_note)
        self.form.addRow(self.item_label, self.errors.wrap("item", self.item_combo))
        self.form.addRow(self.lot_label, self.errors.wrap("lot", self.lot_combo))
        self.form.addRow(self.format_label, self.errors.wrap("format", self.format_combo))
        done_row = QHBoxLayout()
        done_row.addWidget(self.notice, 1)
        done_row.addWidget(self.open_folder)

        panel = QFrame(self)
        panel.setObjectName("detailPanel")
        right = QVBoxLayout(panel)
        right.setContentsMargins(20, 16, 20, 16)
        right.setSpacing(10)
        right.addWidget(self.report_title)
        right.addWidget(self.about)
        right.addSpacing(6)
        right.addLayout(self.form)
        right.addWidget(self.message)
        right.addLayout(done_row)
        right.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.report_list)
        body.addWidget(panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)

        self.task: Task | None = None
        self.last_file: Path | None = None
        self._folder: Path | None = None  # where the last report was saved
        self._setting_dates = False
        self._items_loaded = False
        self._connect_signals()
        self._retranslate()
        self.report_list.setCurrentRow(0)
        self.set_quick(THIS_MONTH)

    def _connect_signals(self) -> None:
        self.report_list.currentRowChanged.connect(self._on_report_list_currentRowChanged)
        self.quick.activated.connect(self._on_quick_activated)
        self.start.dateChanged.connect(self._on_dates_changed)
        self.end.dateChanged.connect(self._on_dates_changed)
        self.item_combo.activated.connect(self._on_item_combo_activated)
        self.item_combo.lineEdit().returnPressed.connect(self._on_item_edit_returnPressed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_shortcut.activated.connect(self._on_save_button_clicked)
        self.open_folder.clicked.connect(self._on_open_folder_clicked)

    # --- public -----------------------------------------------------------------------------

    def current_spec(self) -> ReportSpec:
        return reports.spec(self.report_list.currentItem().data(Qt.ItemDataRole.UserRole))

    def choose(self, name: str) -> None:
        """Select a report by its name (`ledger-card`, `in-out-summary` …)."""
        for row in range(self.report_list.count()):
            if self.report_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.report_list.setCurrentRow(row)
                return
        reports.spec(name)  # an unknown name: its error says which exist

    def set_quick(self, choice: str, today: date | None = None) -> None:
        """Set the period to a quick choice (this month, last month, this year)."""
        self.quick.setCurrentIndex(max(0, self.quick.findData(choice)))
        if choice != CUSTOM:
            self._set_dates(*quick_range(choice, today or date.today()))

    def set_period(self, start: date, end: date) -> None:
        self._set_dates(start, end)
        self.quick.setCurrentIndex(self.quick.findData(CUSTOM))

    def set_item(self, code: str | None, batch: str | None = None) -> None:
        """Choose the item (by code; None for all items) and, optionally, one of its lots."""
        self._ensure_items()
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(code)))
        self._fill_lots()
        if batch is not None:
            self.lot_combo.setCurrentIndex(max(0, self.lot_combo.findData(batch)))

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))

    def refresh(self) -> None:
        """Reload the item list (after the catalogue changed), keeping the choice."""
        code, batch = self.item_combo.currentData(), self.lot_combo.currentData()
        self._items_loaded = False
        self.set_item(code, batch)

    def params(self) -> reports.Params | None:
        """The chosen report's inputs, checked; None (and the reason shown) when they are wrong."""
        self.errors.clear()
        s = self.current_spec()
        try:
            return reports.make_params(
                s.name,
                start=_pydate(self.start.date()),
                end=_pydate(self.end.date()),
                item=self.item_combo.currentData() if s.item != "none" else None,
                lot=self.lot_combo.currentData() if s.lot != "none" else None,
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return None

    def save_to(self, path: Path) -> Task | None:
        """Build the chosen report into `path` off the UI thread; `last_file` is set when done."""
        params = self.params()
        if params is None:
            return None
        fmt = self.format_combo.currentData()
        path = Path(path)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        name = self.current_spec().name
        self.notice.hide()
        self.open_folder.hide()

        def work(progress: Progress) -> Path:
            return reports.export(name, params, fmt, path, progress)

        self.task = run_task(
            self,
            self.tr("Making the report"),
            work,
            on_done=self._on_file_written,
            on_error=self._show_error,
        )
        return self.task

    # --- slots ------------------------------------------------------------------------------

    def _on_report_list_currentRowChanged(self, _row: int) -> None:
        self._show_spec()

    def _on_quick_activated(self, _index: int) -> None:
        choice = self.quick.currentData()
        if choice != CUSTOM:
            self._set_dates(*quick_range(choice, date.today()))

    def _on_dates_changed(self, _day: QDate) -> None:
        if not self._setting_dates:
            self.quick.setCurrentIndex(self.quick.findData(CUSTOM))

    def _on_item_combo_activated(self, _index: int) -> None:
        self._fill_lots()

    def _on_item_edit_returnPressed(self) -> None:
        from app.services import catalogue

        text = self.item_combo.currentText().strip()
        item = catalogue.find_item(text)
        index = self.item_combo.findData(item.code) if item is not None else -1
        if index < 0:
            index = self.item_combo.findText(text, Qt.MatchFlag.MatchContains)
        if index >= 0:
            self.item_combo.setCurrentIndex(index)
            self._fill_lots()
            return
        self.errors.clear()
        self.message.setText(self.tr("No item with code, GTIN or name “{text}”").format(text=text))
        self.message.show()

    def _on_save_button_clicked(self) -> None:
        params = self.params()
        if params is None:
            return
        fmt = self.format_combo.currentData()
        filters = {
            "pdf": self.tr("PDF (*.pdf)"),
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "csv": self.tr("CSV, UTF-8 (*.csv)"),
        }
        suggested = reports.file_name(self.current_spec().name, params, fmt)
        folder = self._folder or Path.home()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(folder / suggested), filters[fmt]
        )
        if name:
            self.save_to(Path(name))

    def _on_open_folder_clicked(self) -> None:
        if self.last_file is None:
            return
        folder = self.last_file.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.message.setText(
                self.tr("Could not open the folder; it is {path}").format(path=folder)
            )
            self.message.show()

    def _on_file_written(self, path: Path) -> None:
        self.last_file = path
        self._folder = path.parent
        self.message.hide()
        self.notice.setText(self.tr("Saved {path}").format(path=path))
        self.notice.show()
        self.open_folder.show()

    # --- helpers ----------------------------------------------------------------------------

    def _show_error(self, err: StorekeeperError) -> None:
        self.notice.hide()
        self.open_folder.hide()
        self.errors.show(err)

    def _set_dates(self, start: date, end: date) -> None:
        self._setting_dates = True
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        self._setting_dates = False

    def _ensure_items(self) -> None:
        """The item list, read when first needed (the page may never be opened)."""
        if self._items_loaded:
            return
        self._items_loaded = True
        code = self.item_combo.currentData()
        self.item_combo.clear()
        self.item_combo.addItem(self.tr("All items"), None)
        for row in queries.catalogue_rows():
            self.item_combo.addItem(f"{row.code}  {row.name}", row.code)
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(code)))
        self._fill_lots()

    def _fill_lots(self) -> None:
        from app.services import catalogue

        batch = self.lot_combo.currentData()
        self.lot_combo.clear()
        self.lot_combo.addItem(self.tr("All lots"), None)
        code = self.item_combo.currentData()
        item = catalogue.find_item(code) if code else None
        if item is not None:
            for lot in queries.lots_of(item.id):
                when = lot.expiry.isoformat() if lot.expiry else "—"
                self.lot_combo.addItem(
                    self.tr("Batch {batch} (expires {date})").format(batch=lot.batch, date=when),
                    lot.batch,
                )
        self.lot_combo.setCurrentIndex(max(0, self.lot_combo.findData(batch)))
        self._name_first_entries()

    def _name_first_entries(self) -> None:
        """Name the first entries: all items / all lots only where the report may cover all."""
        item = self.report_list.currentItem()
        if item is None:
            return
        s = self.current_spec()
        if self.item_combo.count():
            self.item_combo.setItemText(
                0, self.tr("All items") if s.item == "optional" else self.tr("Choose an item…")
            )
        if self.lot_combo.count():
            self.lot_combo.setItemText(
                0, self.tr("All lots") if s.lot == "optional" else self.tr("Choose a lot…")
            )

    def _show_spec(self) -> None:
        """Show what the chosen report needs: dates or not, an item, a lot."""
        item = self.report_list.currentItem()
        if item is None:
            return
        s = self.current_spec()
        self.errors.clear()
        self.report_title.setText(s.title())
        self.about.setText(s.about())
        dated = s.period == "range"
        if s.period == "today":
            self.period_note.setText(self.tr("Shows the state as of today; no dates needed."))
        elif s.period == "all":
            self.period_note.setText(self.tr("Covers the lot's whole history; no dates needed."))
        self.form.setRowVisible(0, dated)
        self.form.setRowVisible(1, not dated)
        if s.item != "none":
            self._ensure_items()
        self.form.setRowVisible(2, s.item != "none")
        self.form.setRowVisible(3, s.lot != "none")
        self._name_first_entries()

    # --- language ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self._show_spec()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Reports"))
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save the report as a file (Ctrl+S)"))
        self.period_label.setText(self.tr("Period"))
        self.period_note_label.setText(self.tr("Period"))
        self.to_label.setText(self.tr("to"))
        self.item_label.setText(self.tr("Item"))
        self.lot_label.setText(self.tr("Lot"))
        self.format_label.setText(self.tr("Format"))
        self.open_folder.setText(self.tr("Open folder"))
        self.item_combo.lineEdit().setPlaceholderText(self.tr("Type a code or name, or scan"))
        row = max(self.report_list.currentRow(), 0)
        self.report_list.blockSignals(True)
        self.report_list.clear()
        for s in reports.specs():
            entry = QListWidgetItem(pick(s.zh, s.en), self.report_list)
            entry.setData(Qt.ItemDataRole.UserRole, s.name)
            entry.setToolTip(f"{s.title()}\n{s.about()}\n(storekeeper report {s.name})")
        self.report_list.setCurrentRow(row)
        self.report_list.blockSignals(False)
        choice = self.quick.currentData()
        self.quick.clear()
        for text, data in (
            (self.tr("This month"), THIS_MONTH),
            (self.tr("Last month"), LAST_MONTH),
            (self.tr("This year"), THIS_YEAR),
            (self.tr("Custom dates"), CUSTOM),
        ):
            self.quick.addItem(text, data)
        self.quick.setCurrentIndex(max(0, self.quick.findData(choice)))
        fmt = self.format_combo.currentData()
        self.format_combo.clear()
        self.format_combo.addItem(self.tr("PDF, to print"), "pdf")
        self.format_combo.addItem(self.tr("Excel workbook (xlsx)"), "xlsx")
        self.format_combo.addItem(self.tr("CSV, for other programs"), "csv")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))
        if self._items_loaded:
            self._fill_lots()  # "Batch … (expires …)" in the new language
        self._show_spec()
