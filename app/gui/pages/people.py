"""People page (人员): staff and departments with risk groups, found by pinyin initials, imported
from xlsx; and the issue rules (领用标准) the issue page checks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import allowance, codes
from app.domain.codes import RISK_GROUPS
from app.domain.errors import StorekeeperError
from app.domain.progress import Progress
from app.gui.models.paged_table import PagedColumn, PagedTableModel
from app.gui.tasks import Task, run_task
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label
from app.gui.widgets.paged_view import cell, fit_columns, paged_view, plain_table, select_id
from app.services import limits, people
from app.store.models import Account, IssueRule


class PeopleTab(QWidget):
    """Search, list, edit one person; import or export the xlsx.

    A clinic has thousands of staff, so the list is paged: the ids of those found first, their
    rows as the view scrolls to them."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.party_id: int | None = None
        self._reselecting = False  # choosing the edited person again after a search
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.inactive = QCheckBox(self)
        self.import_button = QPushButton(self)
        self.template_button = QPushButton(self)
        self.model: PagedTableModel[people.PartyRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Staff no."), lambda r: r.staff_no or ""),
                PagedColumn(lambda: self.tr("Name"), lambda r: r.name),
                PagedColumn(lambda: self.tr("Kind"), lambda r: codes.label(r.kind)),
                PagedColumn(lambda: self.tr("Department"), lambda r: r.department),
                PagedColumn(lambda: self.tr("Role"), lambda r: r.role),
                PagedColumn(
                    lambda: self.tr("Risk group"),
                    lambda r: codes.label(r.risk_group) if r.risk_group else "",
                ),
                PagedColumn(
                    lambda: self.tr("Active"),
                    lambda r: self.tr("yes") if r.active else self.tr("no"),
                ),
            ],
            people.party_rows,
            self,
        )
        self.table = paged_view(self, self.model)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)

        self.panel = QFrame(self)
        self.panel.setObjectName("detailPanel")
        self.name = QLineEdit(self.panel)
        self.staff_no = QLineEdit(self.panel)
        self.department = QComboBox(self.panel)
        self.role = QLineEdit(self.panel)
        self.risk = QComboBox(self.panel)
        self.active = QCheckBox(self.panel)
        self.save_button = QPushButton(self.panel)
        self.save_button.setObjectName("primary")
        self.new_button = QPushButton(self.panel)
        form = QFormLayout(self.panel)
        self.captions = [QLabel(self.panel) for _ in range(5)]
        for cap, field, w in zip(
            self.captions,
            ("name", "staff_no", "department", "role", "risk_group"),
            (self.name, self.staff_no, self.department, self.role, self.risk),
            strict=True,
        ):
            form.addRow(cap, self.errors.wrap(field, w))
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.panel.setMaximumWidth(380)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.inactive)
        top.addWidget(self.import_button)
        top.addWidget(self.template_button)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.general)
        layout.addLayout(body, 1)
        self._connect_signals()
        self._fill_departments()
        self._retranslate()
        self.refresh()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_textChanged)
        self.inactive.toggled.connect(self._on_inactive_toggled)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_currentRowChanged)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.template_button.clicked.connect(self._on_template_button_clicked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Name, staff number or pinyin initials (zs)"))
        self.inactive.setText(self.tr("Show inactive"))
        self.import_button.setText(self.tr("Import xlsx…"))
        self.template_button.setText(self.tr("Save template…"))
        for cap, text in zip(
            self.captions,
            (
                self.tr("Name"),
                self.tr("Staff no."),
                self.tr("Department"),
                self.tr("Role"),
                self.tr("Risk group"),
            ),
            strict=True,
        ):
            cap.setText(text)
        self.active.setText(self.tr("Active"))
        self.save_button.setText(self.tr("Save"))
        self.new_button.setText(self.tr("New person"))
        self.model.retranslate()
        fit_columns(self.table)  # English risk groups are longer
        risk = self.risk.currentData()
        self.risk.clear()
        self.risk.addItem(self.tr("not set"), None)
        for g in RISK_GROUPS:
            self.risk.addItem(codes.label(g), g)
        self.risk.setCurrentIndex(max(self.risk.findData(risk), 0))

    def _fill_departments(self) -> None:
        chosen = self.department.currentData()
        self.department.clear()
        self.department.addItem("—", None)
        for d in people.departments():
            self.department.addItem(d.name, d.id)
        self.department.setCurrentIndex(max(self.department.findData(chosen), 0))

    def refresh(self) -> None:
        """Search again, keeping the person being edited chosen if still listed."""
        self.model.load(
            people.party_ids(self.search.text(), active_only=not self.inactive.isChecked())
        )
        fit_columns(self.table)
        # the form may hold changes not yet saved: show where the person is, leave the form be
        self._reselecting = True
        try:
            select_id(self.table, self.model, self.party_id)
        finally:
            self._reselecting = False

    def import_file(self, path: Path) -> Task:
        """Check and import the workbook off the UI thread; all rows or none (Cancel too)."""
        self.errors.clear()
        self.message.clear()
        by = self.account.id if self.account else None

        def work(progress: Progress) -> people.ImportResult:
            return people.import_people(path, by=by, progress=progress)

        return run_task(
            self,
            self.tr("Importing people"),
            work,
            on_done=self._on_import_done,
            on_error=self.errors.show,
            on_cancel=self._on_import_cancelled,
        )

    def _on_import_done(self, result: people.ImportResult) -> None:
        self.message.setText(
            self.tr("Imported: {n} new, {m} updated.").format(n=result.created, m=result.updated)
        )
        self._fill_departments()
        self.refresh()

    def _on_import_cancelled(self) -> None:
        self.message.setText(self.tr("Import cancelled; nobody was imported."))

    def _on_search_textChanged(self, _text: str) -> None:
        self.refresh()

    def _on_inactive_toggled(self, _on: bool) -> None:
        self.refresh()

    def _on_table_currentRowChanged(self, current: QModelIndex, _previous: QModelIndex) -> None:
        p = self.model.row_object(current.row())
        if p is None or self._reselecting:
            return
        self.party_id = p.id
        self.name.setText(p.name)
        self.staff_no.setText(p.staff_no or "")
        self.department.setCurrentIndex(max(self.department.findData(p.department_id), 0))
        self.role.setText(p.role)
        self.risk.setCurrentIndex(max(self.risk.findData(p.risk_group), 0))
        self.active.setChecked(p.active)

    def _on_new_button_clicked(self) -> None:
        self.party_id = None
        self.table.selectionModel().clear()  # choosing the same person again refills the form
        for w in (self.name, self.staff_no, self.role):
            w.clear()
        self.active.setChecked(True)
        self.name.setFocus()

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        try:
            if self.party_id is None:
                self.party_id = people.create_party(
                    "person",
                    self.name.text(),
                    staff_no=self.staff_no.text().strip() or None,
                    department_id=self.department.currentData(),
                    role=self.role.text(),
                    risk_group=self.risk.currentData(),
                ).id
            else:
                people.update_person(
                    self.party_id,
                    name=self.name.text(),
                    staff_no=self.staff_no.text(),
                    department_id=self.department.currentData(),
                    role=self.role.text(),
                    risk_group=self.risk.currentData(),
                    active=self.active.isChecked(),
                )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.refresh()

    def _on_import_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import people"), "", "Excel (*.xlsx)")
        if name:
            self.import_file(Path(name))

    def _on_template_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save template"), "人员导入模板.xlsx", "Excel (*.xlsx)"
        )
        if name:
            run_task(
                self,
                self.tr("Save template"),
                lambda _progress: people.save_template(Path(name)),
                on_done=self._on_template_saved,
                on_error=self.errors.show,
            )

    def _on_template_saved(self, path: Path) -> None:
        self.message.setText(self.tr("Saved {path}").format(path=path))


class RulesTab(QWidget):
    """领用标准: the rules in force, and one rule's editor."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.rule_id: int | None = None
        self.table = plain_table(self, 7)
        self.panel = QFrame(self)
        self.panel.setObjectName("detailPanel")
        self.code = QLineEdit(self.panel)
        self.name = QLineEdit(self.panel)
        self.kind = QComboBox(self.panel)
        for k in allowance.RULE_KINDS:
            self.kind.addItem(allowance.label(k), k)
        self.items = QLineEdit(self.panel)
        self.categories = QLineEdit(self.panel)
        self.groups = {g: QCheckBox(codes.label(g), self.panel) for g in RISK_GROUPS}
        self.period = QComboBox(self.panel)
        for p in allowance.PERIODS:
            self.period.addItem(allowance.label(p), p)
        self.max_qty = QSpinBox(self.panel)
        self.max_qty.setRange(0, 1_000_000)
        self.active = QCheckBox(self.panel)
        self.save_button = QPushButton(self.panel)
        self.save_button.setObjectName("primary")
        self.new_button = QPushButton(self.panel)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        groups = QGridLayout()
        groups.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.groups.values()):
            groups.addWidget(box, n // 2, n % 2)
        groups_box = QWidget(self.panel)
        groups_box.setLayout(groups)
        form = QFormLayout(self.panel)
        self.captions = [QLabel(self.panel) for _ in range(8)]
        for cap, field, w in zip(
            self.captions,
            ("code", "name", "kind", "items", "categories", "risk_groups", "period", "max_qty"),
            (
                self.code,
                self.name,
                self.kind,
                self.items,
                self.categories,
                groups_box,
                self.period,
                self.max_qty,
            ),
            strict=True,
        ):
            form.addRow(cap, self.errors.wrap(field, w))
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.panel.setMaximumWidth(520)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addWidget(self.general)
        layout.addLayout(body, 1)
        self.table.currentCellChanged.connect(self._on_table_currentCellChanged)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self._retranslate()
        self.new_rule()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "A limit caps what one person may receive per day, week or month; "
                "'only for' names the risk groups who may receive the items at all. "
                "Changes are recorded in the audit log."
            )
        )
        for cap, text in zip(
            self.captions,
            (
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Item codes"),
                self.tr("Categories"),
                self.tr("Risk groups"),
                self.tr("Period"),
                self.tr("Maximum"),
            ),
            strict=True,
        ):
            cap.setText(text)
        self.items.setPlaceholderText(self.tr("e.g. FH-N95, FH-KN95"))
        self.active.setText(self.tr("In force"))
        self.save_button.setText(self.tr("Save rule"))
        self.new_button.setText(self.tr("New rule"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Items"),
                self.tr("Risk groups"),
                self.tr("Maximum"),
                self.tr("In force"),
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        self._rows = limits.rule_rows()
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            rule = limits.to_rule(row)
            groups = "、".join(codes.label(g) for g in sorted(rule.risk_groups)) or self.tr(
                "everyone"
            )
            amount = f"{row.max_qty} {allowance.label(row.period)}" if row.kind == "limit" else "—"
            for c, text in enumerate(
                [
                    row.code,
                    rule.name,
                    allowance.label(row.kind),
                    ", ".join(sorted(rule.items | rule.categories)),
                    groups,
                    amount,
                    self.tr("yes") if row.active else self.tr("no"),
                ]
            ):
                self.table.setItem(r, c, cell(text, row.id))
        self.table.resizeColumnsToContents()

    def _on_table_currentCellChanged(self, row: int, *_args: object) -> None:
        if not 0 <= row < len(self._rows):
            return
        r: IssueRule = self._rows[row]
        self.rule_id = r.id
        self.code.setText(r.code)
        self.name.setText(r.name)
        self.kind.setCurrentIndex(max(self.kind.findData(r.kind), 0))
        self.items.setText(r.items.replace(",", ", "))
        self.categories.setText(r.categories.replace(",", ", "))
        chosen = allowance.split_codes(r.risk_groups)
        for g, box in self.groups.items():
            box.setChecked(g in chosen)
        self.period.setCurrentIndex(max(self.period.findData(r.period), 0))
        self.max_qty.setValue(r.max_qty or 0)
        self.active.setChecked(r.active)

    def _on_new_button_clicked(self) -> None:
        self.new_rule()

    def new_rule(self) -> None:
        self.rule_id = None
        for w in (self.code, self.name, self.items, self.categories):
            w.clear()
        self.active.setChecked(True)

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        data = limits.RuleInput(
            code=self.code.text(),
            name=self.name.text(),
            kind=self.kind.currentData(),
            items=tuple(sorted(allowance.split_codes(self.items.text()))),
            categories=tuple(sorted(allowance.split_codes(self.categories.text()))),
            risk_groups=tuple(g for g, b in self.groups.items() if b.isChecked()),
            period=self.period.currentData(),
            max_qty=self.max_qty.value(),
            active=self.active.isChecked(),
            name_en=(IssueRule.get_by_id(self.rule_id).name_en if self.rule_id else ""),
        )
        try:
            limits.save_rule(
                data, rule_id=self.rule_id, by=self.account.id if self.account else None
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.refresh()


class PeoplePage(QWidget):
    """人员 and 领用标准, one tab each."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(self)
        self.tabs = QTabWidget(self)
        self.people_tab = PeopleTab(account, self)
        self.rules_tab = RulesTab(account, self)
        self.tabs.addTab(self.people_tab, "")
        self.tabs.addTab(self.rules_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1, Qt.AlignmentFlag(0))
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("People and issue rules"))
        self.tabs.setTabText(0, self.tr("People"))
        self.tabs.setTabText(1, self.tr("Issue rules"))

    def refresh(self) -> None:
        self.people_tab.refresh()
        self.rules_tab.refresh()
