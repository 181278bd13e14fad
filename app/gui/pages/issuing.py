"""Issue page (出库发放): issue to a person or a class round, requisitions, overrides, use log.

The lines show where each will be picked from (slot, batch, quantity, first expiry first) and each
receiver's used and remaining allowance as they are typed. Posting opens the sign-off dialog;
a refusal over the limit offers the approver's override.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import allowance, codes, signoff
from app.domain.errors import BadInput, LimitExceeded, StorekeeperError
from app.domain.outbound import label as outbound_label
from app.domain.units import parse_packs, to_base
from app.gui import printing
from app.gui.dialogs.override import OverrideDialog
from app.gui.dialogs.signoff import SignOffDialog
from app.gui.models.paged_table import PagedColumn, PagedTableModel
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label
from app.gui.widgets.paged_view import cell, fit_columns, paged_view, plain_table, select_id
from app.gui.widgets.person_picker import PersonPicker
from app.services import issuing, limits, requisitions, vouchers
from app.services.issuing import OverrideApproval, Want
from app.store.models import Account, Item, Party

RED = QColor("#b3261e")
RECENT_BATCH = 50  # issues read at a time: a page of class rounds is thousands of lines
ISSUED_WIDTH = 360  # the "issued" column of the issues list


def _combo(parent: QWidget | None = None, chars: int = 12) -> QComboBox:
    """A combo box sized by a few characters: one that sizes itself to its longest entry
    measures every entry (hundreds of items, thousands of people) each time it is laid out."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


@dataclass
class LineRow:
    """The widgets of one issue line."""

    person: QComboBox
    item: QComboBox
    qty: QSpinBox
    unit: QComboBox
    lot: QComboBox
    reason: QLineEdit


class IssueTab(QWidget):
    """Receiver, lines with live picks and allowance, sign and post."""

    posted = Signal(int)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.requisition_id: int | None = None
        self.last_posted: int | None = None
        self.signoff_dialog: SignOffDialog | None = None
        self.override_dialog: OverrideDialog | None = None
        self.rows: list[LineRow] = []

        self.receiver = PersonPicker(self)
        self.on_date = QDateEdit(QDate.currentDate(), self)
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.purpose = QLineEdit(self)
        self.round_item = _combo(self, 24)
        self.round_each = QSpinBox(self)
        self.round_each.setRange(1, 999)
        self.round_each.setValue(2)
        self.round_button = QPushButton(self)
        self.requisition_label = QLabel(self)
        self.requisition_label.setObjectName("muted")

        self.lines = QTableWidget(0, 8, self)
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(46)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        head = self.lines.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for col, width in enumerate((150, 190, 80, 70, 170, 110, 230)):
            self.lines.setColumnWidth(col, width)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        self.issue_button = QPushButton(self)
        self.issue_button.setObjectName("primary")
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)

        self.banner = QFrame(self)
        self.banner.setObjectName("detailPanel")
        self.banner_text = QLabel(self.banner)
        self.voucher_pdf_button = QPushButton(self.banner)
        self.sheet_pdf_button = QPushButton(self.banner)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.voucher_pdf_button)
        banner_layout.addWidget(self.sheet_pdf_button)
        self.banner.hide()

        # Every posted issue, newest first; rows are read as the list is scrolled.
        self.recent_model: PagedTableModel[issuing.IssueRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Voucher"), self._number_text),
                PagedColumn(lambda: self.tr("Date"), lambda r: r.doc_date.isoformat()),
                PagedColumn(lambda: self.tr("Receiver"), lambda r: r.receiver),
                PagedColumn(lambda: self.tr("People"), lambda r: str(r.people), align_right=True),
                PagedColumn(lambda: self.tr("Issued"), lambda r: r.total),
                PagedColumn(lambda: self.tr("Purpose"), lambda r: r.purpose),
            ],
            issuing.issue_rows,
            self,
            batch=RECENT_BATCH,
        )
        self.recent = paged_view(self, self.recent_model)

        form = QFormLayout()
        self.receiver_caption = QLabel(self)
        self.date_caption = QLabel(self)
        self.purpose_caption = QLabel(self)
        self.round_caption = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.errors.wrap("receiver", self.receiver), 3)
        top.addWidget(self.date_caption)
        top.addWidget(self.on_date)
        form.addRow(self.receiver_caption, top)
        form.addRow(self.purpose_caption, self.purpose)
        round_row = QHBoxLayout()
        round_row.addWidget(self.round_item, 2)
        round_row.addWidget(self.round_each)
        round_row.addWidget(self.round_button)
        round_row.addStretch(1)
        form.addRow(self.round_caption, round_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.requisition_label, 1)
        buttons.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.lines, 3)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        self.recent_caption = QLabel(self)
        self.recent_caption.setObjectName("detailTitle")
        layout.addWidget(self.recent_caption)
        layout.addWidget(self.recent, 2)

        self.issue_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.add_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        self._items = list(Item.select().where(Item.active == True).order_by(Item.code))  # noqa: E712
        for it in self._items:
            self.round_item.addItem(f"{it.name}（{it.code}）", it.id)
        index = self.round_item.findData(
            next((i.id for i in self._items if i.code == "FH-SURG"), None)
        )
        self.round_item.setCurrentIndex(max(index, 0))
        self._connect_signals()
        self._retranslate()
        self.add_line()
        self.refresh()

    def _connect_signals(self) -> None:
        self.receiver.changed.connect(self._on_receiver_changed)
        self.on_date.dateChanged.connect(self._on_on_date_dateChanged)
        self.round_button.clicked.connect(self._on_round_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.issue_button.clicked.connect(self._on_issue_button_clicked)
        self.issue_shortcut.activated.connect(self._on_issue_button_clicked)
        self.add_shortcut.activated.connect(self._on_add_button_clicked)
        self.voucher_pdf_button.clicked.connect(self._on_voucher_pdf_button_clicked)
        self.sheet_pdf_button.clicked.connect(self._on_sheet_pdf_button_clicked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.receiver_caption.setText(self.tr("Receiver"))
        self.date_caption.setText(self.tr("Date"))
        self.purpose_caption.setText(self.tr("Purpose"))
        self.purpose.setPlaceholderText(self.tr("What it is for, e.g. daily mask round"))
        self.round_caption.setText(self.tr("Class round"))
        self.round_button.setText(self.tr("One line per member"))
        self.round_button.setToolTip(
            self.tr("For a class or department: one line for each active member, this many each")
        )
        self.add_button.setText(self.tr("Add line"))
        self.add_button.setToolTip(self.tr("Add a line (Ctrl+N)"))
        self.remove_button.setText(self.tr("Remove line"))
        self.clear_button.setText(self.tr("New issue"))
        self.issue_button.setText(self.tr("Sign and issue…"))
        self.issue_button.setToolTip(self.tr("Check, sign and post (Ctrl+Enter)"))
        self.voucher_pdf_button.setText(self.tr("Voucher PDF…"))
        self.sheet_pdf_button.setText(self.tr("Sign sheet PDF…"))
        self.recent_caption.setText(self.tr("Issues posted, newest first"))
        self.lines.setHorizontalHeaderLabels(
            [
                self.tr("Person"),
                self.tr("Item"),
                self.tr("Quantity"),
                self.tr("Unit"),
                self.tr("Lot"),
                self.tr("Why this lot"),
                self.tr("Pick from (slot · batch · qty)"),
                self.tr("Allowance"),
            ]
        )
        self.recent_model.retranslate()
        self._update_lines()

    # --- public -----------------------------------------------------------------------------
    def day(self) -> date:
        return self.on_date.date().toPython()

    def refresh(self) -> None:
        self.recent_model.load(issuing.issue_ids())
        # What was issued is a long text (a class round names every item): a set width, not
        # measured; the others fit their first rows.
        for column in (0, 1, 2, 3):
            self.recent.resizeColumnToContents(column)
        self.recent.setColumnWidth(4, ISSUED_WIDTH)

    @staticmethod
    def _number_text(row: issuing.IssueRow) -> str:
        return row.number + (" ⚠" if row.overridden else "")  # let through over a limit

    def add_line(self, want: Want | None = None) -> LineRow:
        r = len(self.rows)
        self.lines.insertRow(r)
        row = LineRow(_combo(), _combo(), QSpinBox(), _combo(chars=4), _combo(), QLineEdit())
        row.qty.setRange(0, 1_000_000)
        row.qty.setValue(want.qty if want else 1)
        for it in self._items:
            row.item.addItem(f"{it.name}（{it.code}）", it.id)
        self._fill_people(row)
        if want is not None:
            row.item.setCurrentIndex(max(row.item.findData(want.item_id), 0))
            if want.party_id:
                row.person.setCurrentIndex(max(row.person.findData(want.party_id), 0))
        self._fill_units(row)
        self._fill_lots(row)
        for col, w in enumerate((row.person, row.item, row.qty, row.unit, row.lot, row.reason)):
            self.lines.setCellWidget(r, col, w)
        for col in (6, 7):
            self.lines.setItem(r, col, cell(""))
        row.item.currentIndexChanged.connect(self._on_line_item_changed)
        row.person.currentIndexChanged.connect(self._on_line_changed)
        row.qty.valueChanged.connect(self._on_line_changed)
        row.unit.currentIndexChanged.connect(self._on_line_changed)
        row.lot.currentIndexChanged.connect(self._on_line_changed)
        self.rows.append(row)
        self._update_lines()
        return row

    def set_lines(self, wants: list[Want]) -> None:
        self.lines.setRowCount(0)
        self.rows.clear()
        for w in wants:
            self.add_line(w)
        self._update_lines()

    def wants(self) -> list[Want]:
        """The lines as the service takes them (quantities in base units)."""
        out = []
        receiver = self.receiver.party_id()
        for n, row in enumerate(self.rows, start=1):
            item = Item.get_or_none(Item.id == row.item.currentData())
            if item is None or row.qty.value() == 0:
                continue
            try:
                qty = to_base(
                    row.qty.value(), row.unit.currentText(), item.base_unit, parse_packs(item.packs)
                )
            except BadInput as err:
                err.field = f"line:{n}:unit"
                raise
            person = row.person.currentData()
            out.append(
                Want(
                    item.id,
                    qty,
                    party_id=person if isinstance(person, int) and person != receiver else None,
                    lot_id=row.lot.currentData()
                    if isinstance(row.lot.currentData(), int)
                    else None,
                    reason=row.reason.text(),
                )
            )
        return out

    def start_issue(self) -> SignOffDialog | None:
        """Check the lines, then open the sign-off dialog (posting follows its acceptance)."""
        self.errors.clear()
        try:
            wants = self.wants()
            if self.receiver.party_id() is None:
                raise BadInput("请选择领用人或领用部门", "Choose the receiver", field="receiver")
            if not wants:
                raise BadInput("请至少填写一行物资", "Add at least one line", field="lines")
            issuing.plan_all(wants, self.day())
        except StorekeeperError as err:
            self.errors.show(err)
            return None
        roles = signoff.roles_for("issue")
        receiver = Party.get_by_id(self.receiver.party_id())
        names = {"receiver": receiver.name if receiver.kind == "person" else ""}
        if self.account is not None:
            names["issuer"] = self.account.display_name
        people_n = len({w.party_id or receiver.id for w in wants})
        dialog = SignOffDialog(
            roles.all,
            names=names,
            required=roles.required,
            summary=self.tr("Issue to {name}: {n} lines for {people} people.").format(
                name=receiver.name, n=len(wants), people=people_n
            ),
            parent=self,
        )
        dialog.accepted.connect(self._on_signoff_dialog_accepted)
        self.signoff_dialog = dialog
        dialog.open()
        return dialog

    def post(self, override: OverrideApproval | None = None) -> int | None:
        """Post with the signatures collected; a limit refusal opens the override dialog."""
        dialog = self.signoff_dialog
        if dialog is None:
            return None
        by = self.account.id if self.account else None
        try:
            if self.requisition_id is not None:
                v = requisitions.issue_against(
                    self.requisition_id,
                    self.wants(),
                    sigs=dialog.signatures,
                    on=self.day(),
                    by=by,
                    override=override,
                )
            else:
                v = issuing.issue(
                    self.receiver.party_id() or 0,
                    self.wants(),
                    sigs=dialog.signatures,
                    on=self.day(),
                    purpose=self.purpose.text(),
                    by=by,
                    override=override,
                )
        except LimitExceeded as err:
            self.override_dialog = OverrideDialog(str(err), self)
            self.override_dialog.accepted.connect(self._on_override_dialog_accepted)
            self.override_dialog.open()
            return None
        except StorekeeperError as err:
            self.errors.show(err)
            return None
        self.last_posted = v.id
        self.banner_text.setText(
            self.tr(
                "Posted {code}. Print the voucher, or the sign sheet for everyone to sign."
            ).format(code=v.number)
        )
        self.banner.show()
        self.new_issue(keep_banner=True)
        self.refresh()
        self.posted.emit(v.id)
        return v.id

    def new_issue(self, *, keep_banner: bool = False) -> None:
        self.requisition_id = None
        self.requisition_label.clear()
        self.purpose.clear()
        self.set_lines([])
        self.add_line()
        self.errors.clear()
        if not keep_banner:
            self.banner.hide()

    def load_requisition(self, requisition_id: int) -> None:
        """Prepare an issue of what is still outstanding on a requisition."""
        row = requisitions.requisition(requisition_id)
        self.requisition_id = requisition_id
        self.receiver.set_party(row.department_id)
        self.purpose.setText(row.reason)
        self.set_lines([Want(ln.item_id, ln.outstanding) for ln in row.lines if ln.outstanding])
        self.requisition_label.setText(
            self.tr("Against requisition {code}").format(code=row.number)
        )

    def voucher_pdf(self) -> bytes:
        from app.documents.vouchers import voucher_pdf_bytes

        if self.last_posted is None:
            raise BadInput("还没有过账的出库单", "No issue has been posted yet")
        return voucher_pdf_bytes(vouchers.document(self.last_posted))

    def sign_sheet_pdf(self) -> bytes:
        from app.documents.issue_sheets import sign_sheet_pdf

        if self.last_posted is None:
            raise BadInput("还没有过账的出库单", "No issue has been posted yet")
        return sign_sheet_pdf(issuing.sign_sheet(self.last_posted))

    def field_error(self, field: str) -> str:
        return self.errors.message(field)

    # --- lines ------------------------------------------------------------------------------
    def _fill_people(self, row: LineRow) -> None:
        keep = row.person.currentData()
        row.person.blockSignals(True)
        row.person.clear()
        rid = self.receiver.party_id()
        receiver = Party.get_or_none(Party.id == rid) if rid else None
        if receiver is not None:
            row.person.addItem(receiver.name, receiver.id)
            if receiver.kind == "department":
                for p in issuing.members(receiver.id):
                    row.person.addItem(f"{p.name}（{codes.label(p.risk_group)}）", p.id)
        index = row.person.findData(keep)
        row.person.setCurrentIndex(index if index >= 0 else 0)
        row.person.setEnabled(receiver is not None and receiver.kind == "department")
        row.person.blockSignals(False)

    def _fill_units(self, row: LineRow) -> None:
        item = Item.get_or_none(Item.id == row.item.currentData())
        row.unit.blockSignals(True)
        row.unit.clear()
        if item is not None:
            row.unit.addItem(item.base_unit)
            for p in parse_packs(item.packs):
                row.unit.addItem(p.name)
        row.unit.blockSignals(False)

    def _fill_lots(self, row: LineRow) -> None:
        row.lot.blockSignals(True)
        row.lot.clear()
        row.lot.addItem(self.tr("First expiry (automatic)"), None)
        item_id = row.item.currentData()
        if isinstance(item_id, int):
            for c in issuing.lot_choices(item_id, self.day()):
                state = ""
                if c.expired:
                    state = " " + self.tr("expired")
                elif c.held:
                    state = " " + self.tr("on hold")
                expiry = c.expiry.isoformat() if c.expiry else "—"
                row.lot.addItem(f"{c.batch} · {expiry} · {c.qty:,}{state}", c.lot_id)
        row.lot.blockSignals(False)

    def _update_lines(self) -> None:
        """Picks and allowance of every line, as typed."""
        if not hasattr(self, "rows"):
            return
        taken: dict[tuple[int, int], int] = {}
        pending: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        wants: list[Want | None] = []
        receiver = self.receiver.party_id()
        for row in self.rows:
            try:
                item = Item.get_or_none(Item.id == row.item.currentData())
                qty = (
                    to_base(
                        row.qty.value(),
                        row.unit.currentText(),
                        item.base_unit,
                        parse_packs(item.packs),
                    )
                    if item
                    else 0
                )
            except BadInput:
                qty = 0
            person = row.person.currentData()
            lot = row.lot.currentData()
            want = (
                Want(item.id, qty, person, lot if isinstance(lot, int) else None)
                if item and qty
                else None
            )
            wants.append(want)
            if want and isinstance(person, int):
                pending[person][item.id] += qty
        allowance_of: dict[int, list[limits.AllowanceRow]] = {}
        for person, per_item in pending.items():
            allowance_of[person] = limits.allowance_for(person, self.day(), dict(per_item))
        for r, (row, want) in enumerate(zip(self.rows, wants, strict=True)):
            pick_cell = self.lines.item(r, 6)
            allow_cell = self.lines.item(r, 7)
            if pick_cell is None or allow_cell is None:
                continue
            if want is None:
                pick_cell.setText("")
                allow_cell.setText("")
                continue
            try:
                picks = issuing.plan(want, self.day(), taken)
                pick_cell.setText(
                    "；".join(f"{p.slot_code} · {p.batch} · {p.qty:,}" for p in picks)
                )
                pick_cell.setForeground(QBrush())
            except StorekeeperError as err:
                pick_cell.setText("✖ " + str(err))
                pick_cell.setForeground(QBrush(RED))
            item = Item.get_by_id(want.item_id)
            rows = [
                a
                for a in allowance_of.get(row.person.currentData() or receiver or 0, [])
                if any(
                    rule.code == a.rule_code and rule.covers(item.code, item.category_id)
                    for rule in limits.active_rules(units=False)
                )
            ]
            bad = [a for a in rows if not a.ok]
            allow_cell.setText("；".join(a.short() for a in rows) or self.tr("no limit"))
            allow_cell.setToolTip("\n".join(a.text() for a in rows))
            allow_cell.setForeground(QBrush(RED) if bad else QBrush())

    def _on_line_item_changed(self, _index: int) -> None:
        for row in self.rows:
            if row.item is self.sender():
                self._fill_units(row)
                self._fill_lots(row)
        self._update_lines()

    def _on_line_changed(self, *_args: object) -> None:
        self._update_lines()

    # --- slots ------------------------------------------------------------------------------
    def _on_receiver_changed(self, _party: object) -> None:
        for row in self.rows:
            self._fill_people(row)
        self._update_lines()

    def _on_on_date_dateChanged(self, _date: QDate) -> None:
        for row in self.rows:
            self._fill_lots(row)
        self._update_lines()

    def _on_round_button_clicked(self) -> None:
        self.errors.clear()
        rid = self.receiver.party_id()
        receiver = Party.get_or_none(Party.id == rid) if rid else None
        if receiver is None or receiver.kind != "department":
            self.errors.show(
                BadInput(
                    "请先选择一个班级或部门", "Choose a class or department first", field="receiver"
                )
            )
            return
        wants = issuing.round_wants(
            receiver.id, self.round_item.currentData(), self.round_each.value()
        )
        self.set_lines(wants)
        if not self.purpose.text():
            self.purpose.setText(self.tr("Daily mask round"))

    def _on_add_button_clicked(self) -> None:
        self.add_line()

    def _on_remove_button_clicked(self) -> None:
        r = self.lines.currentRow()
        if 0 <= r < len(self.rows):
            self.lines.removeRow(r)
            del self.rows[r]
            self._update_lines()

    def _on_clear_button_clicked(self) -> None:
        self.new_issue()

    def _on_issue_button_clicked(self) -> None:
        self.start_issue()

    def _on_signoff_dialog_accepted(self) -> None:
        self.post()

    def _on_override_dialog_accepted(self) -> None:
        if self.override_dialog is not None:
            self.post(self.override_dialog.approval)

    def _on_voucher_pdf_button_clicked(self) -> None:
        self._save_pdf_of(self.last_posted, sheet=False)

    def _on_sheet_pdf_button_clicked(self) -> None:
        self._save_pdf_of(self.last_posted, sheet=True)

    def _save_pdf_of(self, voucher_id: int | None, *, sheet: bool) -> None:
        """The voucher or its sign-off sheet, built and written off the UI thread."""
        if voucher_id is None:
            self.errors.show(BadInput("还没有过账的出库单", "No issue has been posted yet"))
            return

        def make() -> bytes:  # on a pool thread: only the voucher id, no widgets
            if sheet:
                from app.documents.issue_sheets import sign_sheet_pdf

                return sign_sheet_pdf(issuing.sign_sheet(voucher_id))
            from app.documents.vouchers import voucher_pdf_bytes

            return voucher_pdf_bytes(vouchers.document(voucher_id))

        suffix = "-签领表.pdf" if sheet else ".pdf"
        printing.save_pdf_in_background(
            make, f"{self._number()}{suffix}", self, on_error=self.errors.show
        )

    def _number(self) -> str:
        doc = vouchers.document(self.last_posted) if self.last_posted else None
        return (doc.number or "") if doc else "issue"


class RequisitionDialog(QDialog):
    """A department asks: what, how many, why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.department = PersonPicker(self, kinds=("department",))
        self.reason = QLineEdit(self)
        self.items = plain_table(self, 2)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button = QPushButton(self)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.requisition_id: int | None = None
        form = QFormLayout()
        self.dept_caption, self.reason_caption = QLabel(self), QLabel(self)
        form.addRow(self.dept_caption, self.errors.wrap("department", self.department))
        form.addRow(self.reason_caption, self.errors.wrap("reason", self.reason))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.items)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self._items = list(Item.select().where(Item.active == True).order_by(Item.code))  # noqa: E712
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.setWindowTitle(self.tr("New requisition"))
        self.dept_caption.setText(self.tr("Department"))
        self.reason_caption.setText(self.tr("Why"))
        self.add_button.setText(self.tr("Add line"))
        self.ok_button.setText(self.tr("Submit"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.items.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Quantity (base units)")])
        self.items.setColumnWidth(0, 320)
        self.add_line()
        self.resize(640, 420)

    def add_line(self, item_id: int | None = None, qty: int = 1) -> None:
        r = self.items.rowCount()
        self.items.insertRow(r)
        combo = QComboBox()
        for it in self._items:
            combo.addItem(f"{it.name}（{it.code}）· {it.base_unit}", it.id)
        if item_id:
            combo.setCurrentIndex(max(combo.findData(item_id), 0))
        spin = QSpinBox()
        spin.setRange(1, 1_000_000)
        spin.setValue(qty)
        self.items.setCellWidget(r, 0, combo)
        self.items.setCellWidget(r, 1, spin)

    def _on_add_button_clicked(self) -> None:
        self.add_line()

    def _on_ok_button_clicked(self) -> None:
        self.errors.clear()
        asks = [
            requisitions.Ask(
                self.items.cellWidget(r, 0).currentData(), self.items.cellWidget(r, 1).value()
            )  # type: ignore[union-attr]
            for r in range(self.items.rowCount())
        ]
        try:
            req = requisitions.submit(
                self.department.party_id() or 0, asks, reason=self.reason.text()
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.requisition_id = req.id
        self.accept()


class DecideDialog(QDialog):
    """An approver approves all, part or none of a requisition, with their PIN."""

    def __init__(self, row: requisitions.ReqRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.table = plain_table(self, 3)
        self.spins: list[QSpinBox] = []
        self.table.setRowCount(len(row.lines))
        for r, ln in enumerate(row.lines):
            self.table.setItem(r, 0, cell(ln.item))
            self.table.setItem(r, 1, cell(f"{ln.requested:,} {ln.unit}"))
            spin = QSpinBox()
            spin.setRange(0, ln.requested)
            spin.setValue(ln.requested)
            self.spins.append(spin)
            self.table.setCellWidget(r, 2, spin)
        self.user = QComboBox(self)
        from app.services import accounts

        for acc in accounts.list_accounts():
            if acc.active and acc.role in issuing.APPROVER_ROLES:
                self.user.addItem(f"{acc.display_name} ({acc.username})", acc.username)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLineEdit(self)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        form = QFormLayout()
        self.user_caption, self.pin_caption, self.note_caption = (QLabel(self) for _ in range(3))
        form.addRow(self.user_caption, self.errors.wrap("username", self.user))
        form.addRow(self.pin_caption, self.errors.wrap("pin", self.pin))
        form.addRow(self.note_caption, self.errors.wrap("note", self.note))
        layout = QVBoxLayout(self)
        self.title = QLabel(f"{row.number} · {row.department} · {row.reason}", self)
        self.title.setObjectName("detailTitle")
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.setWindowTitle(self.tr("Approve requisition"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Asked"), self.tr("Approved")]
        )
        self.user_caption.setText(self.tr("Approver"))
        self.pin_caption.setText(self.tr("PIN"))
        self.note_caption.setText(self.tr("Note"))
        self.ok_button.setText(self.tr("Decide"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.table.setColumnWidth(0, 260)
        self.resize(640, 440)

    def _on_ok_button_clicked(self) -> None:
        from app.services import accounts

        self.errors.clear()
        try:
            acc = accounts.authenticate(self.user.currentData() or "", self.pin.text())
            requisitions.decide(
                self.row.requisition_id,
                {ln.line_id: s.value() for ln, s in zip(self.row.lines, self.spins, strict=True)},
                approver_id=acc.id,
                note=self.note.text(),
            )
        except StorekeeperError as err:
            self.pin.clear()
            self.errors.show(err)
            return
        self.accept()


class RequisitionsTab(QWidget):
    """Requisitions with requested / approved / issued / outstanding; ask, decide, issue, close."""

    issue_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: PagedTableModel[requisitions.ReqRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Number"), lambda r: r.number),
                PagedColumn(lambda: self.tr("Date"), lambda r: r.doc_date.isoformat()),
                PagedColumn(lambda: self.tr("Department"), lambda r: r.department),
                PagedColumn(lambda: self.tr("Status"), lambda r: outbound_label(r.status)),
                PagedColumn(
                    lambda: self.tr("Requested / approved / issued / outstanding"), self._lines_text
                ),
                PagedColumn(lambda: self.tr("Why"), lambda r: r.reason),
                PagedColumn(lambda: self.tr("Decision"), self._decision_text),
            ],
            requisitions.requisition_rows,
            self,
        )
        self.table = paged_view(self, self.model)
        self.new_button = QPushButton(self)
        self.decide_button = QPushButton(self)
        self.issue_button = QPushButton(self)
        self.issue_button.setObjectName("primary")
        self.general = error_label(self)
        self.dialog: QDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.decide_button)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.general)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.decide_button.clicked.connect(self._on_decide_button_clicked)
        self.issue_button.clicked.connect(self._on_issue_button_clicked)
        self._retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.new_button.setText(self.tr("New requisition…"))
        self.decide_button.setText(self.tr("Approve…"))
        self.issue_button.setText(self.tr("Issue outstanding"))
        self.model.retranslate()

    @staticmethod
    def _lines_text(row: requisitions.ReqRow) -> str:
        return "；".join(
            f"{ln.item} {ln.requested}/{'—' if ln.approved is None else ln.approved}/"
            f"{ln.issued}/{ln.outstanding} {ln.unit}"
            for ln in row.lines
        )

    @staticmethod
    def _decision_text(row: requisitions.ReqRow) -> str:
        return " ".join(x for x in (row.decided_by, row.decision_note) if x)

    def refresh(self) -> None:
        """Every requisition, newest first; the one selected stays selected."""
        keep = self.selected()
        self.model.load(requisitions.requisition_ids())
        fit_columns(self.table)
        if keep is not None:
            self.select_requisition(keep.requisition_id)

    def selected(self) -> requisitions.ReqRow | None:
        return self.model.row_object(self.table.currentIndex().row())

    def select_requisition(self, requisition_id: int | None) -> bool:
        """Select (and scroll to) a requisition; False when it is not listed."""
        return select_id(self.table, self.model, requisition_id)

    def _on_new_button_clicked(self) -> None:
        self.dialog = RequisitionDialog(self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def _on_decide_button_clicked(self) -> None:
        row = self.selected()
        if row is None or row.status != "submitted":
            self.general.setText(self.tr("Choose a requisition waiting for approval"))
            self.general.show()
            return
        self.general.hide()
        self.dialog = DecideDialog(row, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def _on_issue_button_clicked(self) -> None:
        row = self.selected()
        if row is None or row.outstanding == 0:
            self.general.setText(self.tr("Choose a requisition with something outstanding"))
            self.general.show()
            return
        self.general.hide()
        self.issue_requested.emit(row.requisition_id)


class OverridesTab(QWidget):
    """Every issue let through over a limit: who, what rule, used / allowed, approver, reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: PagedTableModel[issuing.OverrideRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Date"), lambda o: o.doc_date.isoformat()),
                PagedColumn(lambda: self.tr("Voucher"), lambda o: o.voucher),
                PagedColumn(lambda: self.tr("Person"), lambda o: o.person),
                PagedColumn(lambda: self.tr("Rule"), lambda o: o.rule_code),
                PagedColumn(lambda: self.tr("Refusal"), lambda o: allowance.label(o.kind)),
                PagedColumn(lambda: self.tr("Used / now / allowed"), self._amounts_text),
                PagedColumn(lambda: self.tr("Approver"), lambda o: o.approver),
                PagedColumn(lambda: self.tr("Reason"), lambda o: o.reason),
            ],
            issuing.override_rows,
            self,
        )
        self.table = paged_view(self, self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.table)
        self._retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.model.retranslate()

    @staticmethod
    def _amounts_text(o: issuing.OverrideRow) -> str:
        if o.kind != "over_limit":
            return "—"
        return f"{o.used} / {o.wanted} / {o.allowed} {allowance.label(o.period)}"

    def refresh(self) -> None:
        self.model.load(issuing.override_ids())
        fit_columns(self.table)


class UseLogTab(QWidget):
    """消毒液使用登记: each taking with dilution, area and person (an issue to that person)."""

    posted = Signal(int)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.signoff_dialog: SignOffDialog | None = None
        self.item = QComboBox(self)
        for it in Item.select().where(Item.use_log == True).order_by(Item.code):  # noqa: E712
            self.item.addItem(f"{it.name}（{it.base_unit}）", it.id)
        self.qty = QSpinBox(self)
        self.qty.setRange(1, 10_000)
        self.dilution = QLineEdit(self)
        self.area = QLineEdit(self)
        self.person = PersonPicker(self, kinds=("person",))
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("primary")
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.table = plain_table(self, 8)
        form = QFormLayout()
        self.captions = [QLabel(self) for _ in range(5)]
        for cap, field, widget in zip(
            self.captions,
            ("item", "qty", "dilution", "area", "receiver"),
            (self.item, self.qty, self.dilution, self.area, self.person),
            strict=True,
        ):
            form.addRow(cap, self.errors.wrap(field, widget))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.general)
        layout.addWidget(self.table, 1)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self._retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for cap, text in zip(
            self.captions,
            (
                self.tr("Disinfectant"),
                self.tr("Quantity"),
                self.tr("Dilution"),
                self.tr("Area"),
                self.tr("Person"),
            ),
            strict=True,
        ):
            cap.setText(text)
        self.dilution.setPlaceholderText(self.tr("e.g. 1:100"))
        self.area.setPlaceholderText(self.tr("e.g. corridors, toilets"))
        self.record_button.setText(self.tr("Sign and record…"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Voucher"),
                self.tr("Disinfectant"),
                self.tr("Quantity"),
                self.tr("Dilution"),
                self.tr("Area"),
                self.tr("Person"),
                self.tr("Note"),
            ]
        )

    def refresh(self) -> None:
        rows = issuing.use_log()
        self.table.setRowCount(len(rows))
        for r, u in enumerate(rows):
            for c, text in enumerate(
                [
                    u.used_on.isoformat(),
                    u.voucher,
                    u.item,
                    f"{u.qty} {u.unit}",
                    u.dilution,
                    u.area,
                    u.person,
                    u.note,
                ]
            ):
                self.table.setItem(r, c, cell(text))
        self.table.resizeColumnsToContents()

    def _on_record_button_clicked(self) -> None:
        self.errors.clear()
        if self.person.party_id() is None:
            self.errors.show(BadInput("请选择使用人", "Choose the person", field="receiver"))
            return
        roles = signoff.roles_for("issue")
        names = {"receiver": Party.get_by_id(self.person.party_id()).name}
        if self.account is not None:
            names["issuer"] = self.account.display_name
        self.signoff_dialog = SignOffDialog(
            roles.all, names=names, required=roles.required, parent=self
        )
        self.signoff_dialog.accepted.connect(self._on_signoff_dialog_accepted)
        self.signoff_dialog.open()

    def _on_signoff_dialog_accepted(self) -> None:
        if self.signoff_dialog is None:
            return
        try:
            row = issuing.log_disinfectant(
                self.item.currentData() or 0,
                self.qty.value(),
                person_id=self.person.party_id() or 0,
                dilution=self.dilution.text(),
                area=self.area.text(),
                sigs=self.signoff_dialog.signatures,
                by=self.account.id if self.account else None,
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.refresh()
        self.posted.emit(row.voucher_id)


class IssuePage(QWidget):
    """出库发放: issue, requisitions, overrides and the disinfectant log, one tab each.

    Only the issue tab is built when the page opens; each other tab is built (and reads the
    books) the first time it is shown or asked for, in place of an empty stand-in.
    """

    posted = Signal(int)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.header = PageHeader(self)
        self.tabs = QTabWidget(self)
        self._built: dict[int, QWidget] = {}
        for _ in range(4):
            self.tabs.addTab(QWidget(), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self._tab(0)
        self._connect_signals()
        self._retranslate()

    @property
    def issue_tab(self) -> IssueTab:
        return self._tab(0)  # type: ignore[return-value]

    @property
    def requisitions_tab(self) -> RequisitionsTab:
        return self._tab(1)  # type: ignore[return-value]

    @property
    def overrides_tab(self) -> OverridesTab:
        return self._tab(2)  # type: ignore[return-value]

    @property
    def use_log_tab(self) -> UseLogTab:
        return self._tab(3)  # type: ignore[return-value]

    def _tab(self, index: int) -> QWidget:
        """The tab at `index`, built and put in place of its stand-in if it is not yet."""
        built = self._built.get(index)
        if built is not None:
            return built
        stand_in = self.tabs.widget(index)
        # Made in the widget that holds the tabs: moving a finished tab there from another parent
        # restyles every widget in it again (tens of ms for the issue tab).
        holder = stand_in.parentWidget()
        if index == 0:
            built = IssueTab(self.account, holder)
            built.posted.connect(self._on_issue_tab_posted)
        elif index == 1:
            built = RequisitionsTab(holder)
            built.issue_requested.connect(self._on_requisitions_tab_issue_requested)
        elif index == 2:
            built = OverridesTab(holder)
        else:
            built = UseLogTab(self.account, holder)
            built.posted.connect(self._on_issue_tab_posted)
        self._built[index] = built
        current = self.tabs.currentIndex()
        text = self.tabs.tabText(index)
        self.tabs.blockSignals(True)  # the tab shown does not change
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, built, text)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        stand_in.deleteLater()
        return built

    def _connect_signals(self) -> None:
        self.tabs.currentChanged.connect(self._on_tabs_currentChanged)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Issue"))
        self.tabs.setTabText(0, self.tr("Issue"))
        self.tabs.setTabText(1, self.tr("Requisitions"))
        self.tabs.setTabText(2, self.tr("Overrides"))
        self.tabs.setTabText(3, self.tr("Disinfectant log"))

    def refresh(self) -> None:
        """Read the books again in the tabs built so far (the others read them when built)."""
        for tab in self._built.values():
            tab.refresh()  # type: ignore[attr-defined]

    def _on_tabs_currentChanged(self, index: int) -> None:
        if index >= 0:
            self._tab(index)

    def _on_issue_tab_posted(self, voucher_id: int) -> None:
        for index in (1, 2):
            if index in self._built:
                self._built[index].refresh()  # type: ignore[attr-defined]
        self.posted.emit(voucher_id)

    def _on_requisitions_tab_issue_requested(self, requisition_id: int) -> None:
        self.issue_tab.load_requisition(requisition_id)
        self.tabs.setCurrentWidget(self.issue_tab)
