"""Audit log page (审计日志): who changed settings, rules, accounts, approved overrides, made
backups or restored — with filters, and whether the log's hash chain is intact."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelection,
    QObject,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import StorekeeperError
from app.domain.progress import Progress
from app.gui.models.paged_table import PagedColumn, PagedTableModel
from app.gui.tasks import Task, run_task
from app.gui.widgets.forms import PageHeader, error_label
from app.services import audit
from app.services.audit import AuditRow
from app.store.models import Account

MANAGERS = ("admin", "approver")  # who may read the log (as who may manage accounts)
BATCH = 200  # rows read from the database at a time


class Column(IntEnum):
    WHEN = 0
    WHO = 1
    ACTION = 2
    DETAILS = 3


class AuditTableModel(PagedTableModel[AuditRow]):
    """The matching entries, newest first, read as the view scrolls to them (a log kept for
    years is long)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                PagedColumn(lambda: self.tr("When"), lambda r: f"{r.at:%Y-%m-%d %H:%M:%S}"),
                PagedColumn(lambda: self.tr("Who"), lambda r: r.actor or "—"),
                PagedColumn(lambda: self.tr("Action"), lambda r: audit.action_label(r.action)),
                PagedColumn(lambda: self.tr("Details"), lambda r: audit.details_text(r.details)),
            ],
            audit.rows,
            parent,
            batch=BATCH,
        )

    def load(self, where: audit.Filter | None) -> None:  # type: ignore[override]
        """Show the entries matching `where` (None: nothing, e.g. for a storekeeper)."""
        super().load(audit.ids(where) if where is not None else [])


class AuditPage(QWidget):
    """The audit log, newest first; only administrators and approvers may read it."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.header = PageHeader(self, with_primary=True)
        assert self.header.primary is not None
        self.refresh_button: QPushButton = self.header.primary
        self.chain_status = QLabel(self)
        self.chain_status.setWordWrap(True)
        self.chain_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.not_allowed = QLabel(self)
        self.not_allowed.setObjectName("muted")
        self.not_allowed.hide()

        self.action_label = QLabel(self)
        self.action = QComboBox(self)
        self.action.setMinimumWidth(240)
        self.person_label = QLabel(self)
        self.person = QComboBox(self)
        self.person.setMinimumWidth(160)
        self.use_dates = QCheckBox(self)
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        today = QDate.currentDate()
        self.start.setDate(today.addMonths(-1))
        self.end.setDate(today)
        self.to_label = QLabel("—", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        self.message = error_label(self)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.DETAILS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.WHEN, 170), (Column.WHO, 120), (Column.ACTION, 220)):
            self.table.setColumnWidth(column, width)
        self.detail = QLabel(self)
        self.detail.setObjectName("detailPanel")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(60)

        filters = QHBoxLayout()
        filters.setSpacing(10)
        filters.addWidget(self.action_label)
        filters.addWidget(self.action)
        filters.addSpacing(12)
        filters.addWidget(self.person_label)
        filters.addWidget(self.person)
        filters.addSpacing(12)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.start)
        filters.addWidget(self.to_label)
        filters.addWidget(self.end)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(self.chain_status)
        layout.addWidget(self.not_allowed)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

        self.chain_task: Task | None = None
        self._connect_signals()
        self._retranslate()

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.action.activated.connect(self._on_action_activated)
        self.person.activated.connect(self._on_person_activated)
        self.use_dates.toggled.connect(self._on_use_dates_toggled)
        self.start.dateChanged.connect(self._on_start_dateChanged)
        self.end.dateChanged.connect(self._on_end_dateChanged)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)

    # --- public -----------------------------------------------------------------------------

    def allowed(self) -> bool:
        return self.account is not None and self.account.role in MANAGERS

    def refresh(self) -> None:
        """Read the filter choices and the entries again, and check the chain."""
        self._fill_filters()
        self.apply_filter()
        self.check_chain()

    def current_filter(self) -> audit.Filter:
        start = end = None
        if self.use_dates.isChecked():
            start, end = self.start.date().toPython(), self.end.date().toPython()
        return audit.Filter(
            action=self.action.currentData() or "",
            start=start,
            end=end,
            actor=self.person.currentData() or "",
        )

    def apply_filter(self) -> None:
        self.message.hide()
        where = self.current_filter() if self.allowed() else None
        if where is not None and where.start and where.end and where.start > where.end:
            self.message.setText(self.tr("The first date is after the last one."))
            self.message.show()
            where = None
        self.model.load(where)
        self._show_detail(None)
        self._update_count()

    def set_dates(self, start: date, end: date) -> None:
        """Show only entries from `start` to `end` (both included)."""
        self.use_dates.setChecked(True)
        self.start.setDate(QDate(start))
        self.end.setDate(QDate(end))
        self.apply_filter()

    def check_chain(self) -> Task | None:
        """Check the log's hash chain off the UI thread; the line above the table says how."""
        if not self.allowed():
            self.chain_status.hide()
            return None
        self.chain_status.setObjectName("muted")
        self._repolish(self.chain_status)
        self.chain_status.setText(self.tr("Checking the audit log..."))
        self.chain_status.show()

        def work(_progress: Progress) -> list[str]:
            return audit.chain_messages()

        self.chain_task = run_task(
            self,
            self.tr("Checking the audit log"),
            work,
            on_done=self._on_chain_checked,
            on_error=self._on_chain_failed,
        )
        return self.chain_task

    # --- slots ------------------------------------------------------------------------------

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def _on_action_activated(self, _index: int) -> None:
        self.apply_filter()

    def _on_person_activated(self, _index: int) -> None:
        self.apply_filter()

    def _on_use_dates_toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.apply_filter()

    def _on_start_dateChanged(self, _date: QDate) -> None:
        if self.use_dates.isChecked():
            self.apply_filter()

    def _on_end_dateChanged(self, _date: QDate) -> None:
        if self.use_dates.isChecked():
            self.apply_filter()

    def _on_table_selectionChanged(self, _new: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_detail(self.model.row_object(rows[0].row()) if rows else None)

    def _on_chain_checked(self, problems: list[str]) -> None:
        if problems:
            self.chain_status.setObjectName("fieldError")
            self.chain_status.setText(
                self.tr(
                    "The audit log was changed outside the program ({n} problems): {list}"
                ).format(n=len(problems), list="; ".join(problems[:5]))
            )
        else:
            self.chain_status.setObjectName("okMessage")
            self.chain_status.setText(
                self.tr(
                    "The audit log is intact: no entry was changed, deleted or inserted "
                    "outside the program."
                )
            )
        self._repolish(self.chain_status)

    def _on_chain_failed(self, err: StorekeeperError) -> None:
        self.chain_status.setObjectName("fieldError")
        self.chain_status.setText(str(err))
        self._repolish(self.chain_status)

    # --- helpers ----------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        action, person = self.action.currentData(), self.person.currentData()
        self.action.clear()
        self.action.addItem(self.tr("All actions"), "")
        if self.allowed():
            codes = list(dict.fromkeys([*audit.ACTIONS, *audit.actions_used()]))
            for code in codes:
                self.action.addItem(audit.action_label(code), code)
        self.action.setCurrentIndex(max(0, self.action.findData(action or "")))
        self.person.clear()
        self.person.addItem(self.tr("Everyone"), "")
        if self.allowed():
            for name in audit.actors():
                self.person.addItem(name, name)
        self.person.setCurrentIndex(max(0, self.person.findData(person or "")))
        allowed = self.allowed()
        for widget in (self.action, self.person, self.use_dates, self.refresh_button):
            widget.setEnabled(allowed)
        self.start.setEnabled(allowed and self.use_dates.isChecked())
        self.end.setEnabled(allowed and self.use_dates.isChecked())
        self.not_allowed.setVisible(not allowed)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} entries").format(n=self.model.total()))

    def _show_detail(self, row: AuditRow | None) -> None:
        if row is None:
            self.detail.setText(self.tr("Choose an entry to see all of it."))
            return
        self.detail.setText(
            f"{row.at:%Y-%m-%d %H:%M:%S} · {row.actor or '—'} · {audit.action_label(row.action)}"
            f"\n{audit.details_text(row.details) or '—'}"
        )

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # --- events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # read when shown, not when the window is built: the log is current whenever it is opened
        super().showEvent(event)
        self.refresh()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Audit log"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the log again and check it"))
        self.not_allowed.setText(
            self.tr("Only an administrator or approver can read the audit log.")
        )
        self.action_label.setText(self.tr("Action"))
        self.person_label.setText(self.tr("Person"))
        self.use_dates.setText(self.tr("From"))
        self._fill_filters()  # the action names are translated
        self.model.retranslate()
        self._update_count()
        rows = self.table.selectionModel().selectedRows()
        self._show_detail(self.model.row_object(rows[0].row()) if rows else None)
