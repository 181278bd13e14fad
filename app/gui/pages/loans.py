"""Loans page (借用归还): lend reusable equipment with the head's approval, take it back with its
condition, see what is overdue, record disinfection before it goes out again."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import signoff
from app.domain.errors import BadInput, StorekeeperError
from app.domain.outbound import LOAN_CONDITIONS
from app.domain.outbound import label as outbound_label
from app.gui.dialogs.signoff import SignOffDialog
from app.gui.models.paged_table import PagedColumn, PagedTableModel
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label
from app.gui.widgets.paged_view import cell, fit_columns, paged_view, select_id
from app.services import issuing, loans
from app.services.issuing import Want
from app.store.models import Account, Item, Party

RED = QColor("#b3261e")


class LendDialog(QDialog):
    """Borrower, item, quantity, due date and purpose; then everyone signs (head approves)."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        # pinyin search tables take 0.4 s to load: when lending, not when the page opens
        from app.gui.widgets.person_picker import PersonPicker

        super().__init__(parent)
        self.account = account
        self.loan_id: int | None = None
        self.signoff_dialog: SignOffDialog | None = None
        self.borrower = PersonPicker(self)
        self.item = QComboBox(self)
        active = Item.active == True  # noqa: E712
        reusable = Item.select().where(active).order_by(Item.reusable.desc(), Item.code)
        for it in reusable:
            self.item.addItem(f"{it.name}（{it.code}）· {it.base_unit}", it.id)
        self.qty = QSpinBox(self)
        self.qty.setRange(1, 10_000)
        self.due = QDateEdit(QDate.currentDate().addDays(7), self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.purpose = QLineEdit(self)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.captions = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        for cap, field, w in zip(
            self.captions,
            ("receiver", "item", "qty", "due", "purpose"),
            (self.borrower, self.item, self.qty, self.due, self.purpose),
            strict=True,
        ):
            form.addRow(cap, self.errors.wrap(field, w))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.setWindowTitle(self.tr("Lend equipment"))
        for cap, text in zip(
            self.captions,
            (
                self.tr("Borrower"),
                self.tr("Item"),
                self.tr("Quantity"),
                self.tr("Due back"),
                self.tr("Purpose"),
            ),
            strict=True,
        ):
            cap.setText(text)
        self.ok_button.setText(self.tr("Sign and lend…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.resize(620, 360)

    def wants(self) -> list[Want]:
        return [Want(self.item.currentData(), self.qty.value())]

    def _on_ok_button_clicked(self) -> None:
        self.errors.clear()
        try:
            if self.borrower.party_id() is None:
                raise BadInput("请选择借用人", "Choose the borrower", field="receiver")
            if not self.purpose.text().strip():
                raise BadInput("请填写借用用途", "Say what it is for", field="purpose")
            issuing.plan_all(self.wants(), date.today())
        except StorekeeperError as err:
            self.errors.show(err)
            return
        roles = signoff.roles_for("loan")
        names = {"borrower": Party.get_by_id(self.borrower.party_id()).name}
        if self.account is not None:
            names["issuer"] = self.account.display_name
        self.signoff_dialog = SignOffDialog(
            roles.all,
            names=names,
            required=roles.required,
            summary=self.tr("Loan to {name}, due back {date}; the head approves.").format(
                name=names["borrower"], date=self.due.date().toString("yyyy-MM-dd")
            ),
            parent=self,
        )
        self.signoff_dialog.accepted.connect(self._on_signoff_dialog_accepted)
        self.signoff_dialog.open()

    def _on_signoff_dialog_accepted(self) -> None:
        if self.signoff_dialog is None:
            return
        try:
            loan = loans.lend(
                self.borrower.party_id() or 0,
                self.wants(),
                due=self.due.date().toPython(),
                sigs=self.signoff_dialog.signatures,
                purpose=self.purpose.text(),
                by=self.account.id if self.account else None,
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.loan_id = loan.id
        self.accept()


class ReturnDialog(QDialog):
    """What comes back of each lent line, its condition, and whether it was disinfected."""

    def __init__(
        self, row: loans.LoanRow, account: Account | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.account = account
        self.lines = [ln for ln in row.lines if ln.out > 0]
        self.table = QTableWidget(len(self.lines), 4, self)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.qty: list[QSpinBox] = []
        self.condition: list[QComboBox] = []
        self.note: list[QLineEdit] = []
        for r, ln in enumerate(self.lines):
            self.table.setItem(r, 0, cell(f"{ln.item} · {ln.batch} · {ln.out} {ln.unit}"))
            spin = QSpinBox()
            spin.setRange(1, ln.out)
            spin.setValue(ln.out)
            combo = QComboBox()
            for code in LOAN_CONDITIONS:
                combo.addItem(outbound_label(code), code)
            note = QLineEdit()
            self.qty.append(spin)
            self.condition.append(combo)
            self.note.append(note)
            self.table.setCellWidget(r, 1, spin)
            self.table.setCellWidget(r, 2, combo)
            self.table.setCellWidget(r, 3, note)
        self.disinfected = QCheckBox(self)
        self.general = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.title = QLabel(f"{row.number} · {row.borrower} · {row.purpose}", self)
        self.title.setObjectName("detailTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.disinfected)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.setWindowTitle(self.tr("Return"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Lent"), self.tr("Back"), self.tr("Condition"), self.tr("Note")]
        )
        self.table.setColumnWidth(0, 300)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.disinfected.setText(self.tr("Disinfected before going back on the shelf"))
        self.ok_button.setText(self.tr("Take back"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.resize(760, 360)

    def _on_ok_button_clicked(self) -> None:
        try:
            loans.return_items(
                self.row.loan_id,
                [
                    loans.ReturnLine(ln.line_id, q.value(), c.currentData(), note=n.text())
                    for ln, q, c, n in zip(
                        self.lines, self.qty, self.condition, self.note, strict=True
                    )
                ],
                disinfected=self.disinfected.isChecked(),
                by=self.account.id if self.account else None,
            )
        except StorekeeperError as err:
            self.general.setText(str(err))
            self.general.show()
            return
        self.accept()


class LoansPage(QWidget):
    """借用归还: open and past loans (overdue in red, with the days), returns to disinfect.

    Both lists grow for as long as the books are kept, so they are paged: ids first, rows as the
    view scrolls to them."""

    posted = Signal(int)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.dialog: QDialog | None = None
        self.header = PageHeader(self, with_primary=True)
        self.return_button = QPushButton(self)
        self.header.add_widget(self.return_button)
        self.open_only = QCheckBox(self)
        self.open_only.setChecked(True)
        self.general = error_label(self)
        self.tabs = QTabWidget(self)
        self.model: PagedTableModel[loans.LoanRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Number"), lambda r: r.number),
                PagedColumn(lambda: self.tr("Borrower"), lambda r: r.borrower),
                PagedColumn(lambda: self.tr("Lent on"), lambda r: r.lent_on.isoformat()),
                PagedColumn(lambda: self.tr("Due back"), lambda r: r.due_date.isoformat()),
                PagedColumn(lambda: self.tr("State"), self._state_text),
                PagedColumn(lambda: self.tr("Items"), lambda r: r.items),
                PagedColumn(lambda: self.tr("Still out"), lambda r: str(r.out), align_right=True),
                PagedColumn(lambda: self.tr("Approved by"), lambda r: r.approver),
                PagedColumn(lambda: self.tr("Purpose"), lambda r: r.purpose),
            ],
            loans.loan_rows,
            self,
            colour=lambda r: RED if r.overdue_days else None,
        )
        self.table = paged_view(self, self.model)
        self.returns_model: PagedTableModel[loans.ReturnRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Returned"), lambda x: x.returned_on.isoformat()),
                PagedColumn(lambda: self.tr("Loan"), lambda x: x.loan_number),
                PagedColumn(lambda: self.tr("Borrower"), lambda x: x.borrower),
                PagedColumn(lambda: self.tr("Item"), lambda x: x.item),
                PagedColumn(lambda: self.tr("Quantity"), lambda x: f"{x.qty} {x.unit}", True),
                PagedColumn(lambda: self.tr("Condition"), lambda x: outbound_label(x.condition)),
                PagedColumn(lambda: self.tr("Disinfected"), self._disinfected_text),
                PagedColumn(lambda: self.tr("By"), lambda x: x.disinfected_by),
            ],
            loans.return_rows,
            self,
        )
        self.returns = paged_view(self, self.returns_model)
        self.disinfect_button = QPushButton(self)
        back = QWidget(self)
        back_layout = QVBoxLayout(back)
        back_layout.setContentsMargins(0, 8, 0, 0)
        back_layout.addWidget(self.disinfect_button, 0, Qt.AlignmentFlag.AlignLeft)
        back_layout.addWidget(self.returns, 1)
        loans_tab = QWidget(self)
        loans_layout = QVBoxLayout(loans_tab)
        loans_layout.setContentsMargins(0, 8, 0, 0)
        loans_layout.addWidget(self.open_only)
        loans_layout.addWidget(self.table, 1)
        self.tabs.addTab(loans_tab, "")
        self.tabs.addTab(back, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.general)
        layout.addWidget(self.tabs, 1)
        self._connect_signals()
        self._retranslate()
        self.refresh()

    def _connect_signals(self) -> None:
        assert self.header.primary is not None
        self.header.primary.clicked.connect(self._on_lend_button_clicked)
        self.return_button.clicked.connect(self._on_return_button_clicked)
        self.open_only.toggled.connect(self._on_open_only_toggled)
        self.disinfect_button.clicked.connect(self._on_disinfect_button_clicked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        assert self.header.primary is not None
        self.header.title.setText(self.tr("Loans and returns"))
        self.header.primary.setText(self.tr("Lend…"))
        self.return_button.setText(self.tr("Take back…"))
        self.open_only.setText(self.tr("Only what is still out"))
        self.disinfect_button.setText(self.tr("Mark disinfected"))
        self.tabs.setTabText(0, self.tr("Loans"))
        self.tabs.setTabText(1, self.tr("Returns and disinfection"))
        self.model.retranslate()
        self.returns_model.retranslate()

    def _state_text(self, row: loans.LoanRow) -> str:
        if row.overdue_days:
            return self.tr("Overdue {n} days").format(n=row.overdue_days)
        return outbound_label(row.status)

    def _disinfected_text(self, x: loans.ReturnRow) -> str:
        if x.disinfected:
            return self.tr("yes")
        return "—" if x.condition == "lost" else self.tr("not yet")

    def refresh(self) -> None:
        """Read the lists again, keeping the chosen loan and return chosen if still listed."""
        loan_id, return_id = self.loan_id(), self.return_id()
        self.model.load(loans.loan_ids(open_only=self.open_only.isChecked()))
        fit_columns(self.table)
        self.returns_model.load(loans.return_ids())
        fit_columns(self.returns)
        select_id(self.table, self.model, loan_id)
        select_id(self.returns, self.returns_model, return_id)

    def loan_id(self) -> int | None:
        """The chosen loan's id."""
        row = self.model.row_object(self.table.currentIndex().row())
        return row.loan_id if row is not None else None

    def return_id(self) -> int | None:
        """The chosen return's id."""
        row = self.returns_model.row_object(self.returns.currentIndex().row())
        return row.return_id if row is not None else None

    def select_loan(self, loan_id: int | None) -> bool:
        """Choose the loan with this id in the list (False when the filter hides it)."""
        return select_id(self.table, self.model, loan_id)

    def start_lend(self) -> LendDialog:
        dialog = LendDialog(self.account, self)
        dialog.due.setDate(
            QDate.fromString((date.today() + timedelta(days=7)).isoformat(), "yyyy-MM-dd")
        )
        dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_return(self, loan_id: int) -> ReturnDialog | None:
        row = loans.loan_rows([loan_id]).get(loan_id)
        if row is None or row.status != "open":
            self.general.setText(self.tr("Choose a loan that is still out"))
            self.general.show()
            return None
        self.general.hide()
        dialog = ReturnDialog(row, self.account, self)
        dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_lend_button_clicked(self) -> None:
        self.start_lend()

    def _on_return_button_clicked(self) -> None:
        loan_id = self.loan_id()
        if loan_id is not None:
            self.start_return(loan_id)
        else:
            self.general.setText(self.tr("Choose a loan that is still out"))
            self.general.show()

    def _on_open_only_toggled(self, _on: bool) -> None:
        self.refresh()

    def _on_disinfect_button_clicked(self) -> None:
        return_id = self.return_id()
        if return_id is None:
            return
        try:
            loans.mark_disinfected(return_id, by=self.account.id if self.account else None)
        except StorekeeperError as err:
            self.general.setText(str(err))
            self.general.show()
            return
        self.general.hide()
        self.refresh()

    def _on_dialog_accepted(self) -> None:
        self.refresh()
        self.posted.emit(0)
