"""Receiving page (入库验收): inspect a delivery line by line, place it on slots, sign, post.

The page holds the receipt being worked on as plain service input (ReceiptInput); the services
check and save it. A draft can be saved and resumed; posting saves the draft, runs the checks,
opens the sign-off dialog and posts. Errors are shown at the field they concern (and the line
they concern is selected first).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import inspection, signoff
from app.domain.codes import RECEIPT_SOURCES, label
from app.domain.errors import BadInput, StorekeeperError
from app.domain.units import format_qty, parse_packs
from app.gui.dialogs.signoff import SignOffDialog
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label
from app.gui.widgets.scan_line_edit import ScanLineEdit
from app.services import people, receiving, scanning, slots, vouchers
from app.services.receiving import LineInput, Placement, ReceiptInput
from app.store.models import Account, Item, Slot, Zone

NO_DATE = QDate(2000, 1, 1)  # the date edits' "not given" value, shown as —
MAX_QTY = 10_000_000
PARTY_KIND = {
    "purchase": "supplier",
    "donation": "donor",
    "allocation": "office",
    "transfer_in": "office",
}


def _slot_codes(slot_ids: Iterable[int]) -> dict[int, str]:
    """The codes of these slots (retired ones too: an old draft may name one)."""
    wanted = sorted(set(slot_ids))
    if not wanted:
        return {}
    return dict(Slot.select(Slot.id, Slot.code).where(Slot.id.in_(wanted)).tuples())


class OptionalDateEdit(QDateEdit):
    """A date edit that may be empty (shown as —): production dates are not always printed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2099, 12, 31))
        self.setSpecialValueText("—")
        self.set_value(None)

    def value(self) -> date | None:
        d = self.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


class ReceivingPage(QWidget):
    """Title with "Sign and post", the receipt's header, its lines and the line being inspected."""

    posted = Signal(int)  # voucher id; the books changed
    labels_requested = Signal(list)  # slot ids to print shelf labels for

    LINE_COLUMNS = 8

    def __init__(self, account: Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.voucher_id: int | None = None  # the draft being edited
        self.lines: list[LineInput] = []
        self.current = -1
        self.placements: list[Placement] = []
        self.last_posted: int | None = None
        self.signoff_dialog: SignOffDialog | None = None
        self._warnings: list[receiving.Warning] = []
        self._scan_gtin: str | None = None
        self._draft_rows: list[receiving.DraftRow] = []

        # --- header -------------------------------------------------------------------------
        self.header = PageHeader(self, with_primary=True)
        self.post_button = self.header.primary
        assert self.post_button is not None
        self.new_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.drafts = QComboBox(self)
        self.drafts.setMinimumWidth(260)
        for w in (self.drafts, self.delete_button, self.new_button, self.save_button):
            self.header.add_widget(w)

        self.source = QComboBox(self)
        for code in RECEIPT_SOURCES:
            self.source.addItem("", code)
        self.party = QComboBox(self)
        self.party.setEditable(True)
        self.party.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.party.setMinimumWidth(240)
        self.deliverer = QLineEdit(self)
        self.deliverer.setMaxLength(40)
        self.reference = QLineEdit(self)
        self.doc_date = QDateEdit(self)
        self.doc_date.setCalendarPopup(True)
        self.doc_date.setDisplayFormat("yyyy-MM-dd")
        self.doc_date.setDate(QDate.currentDate())

        self.general_error = error_label(self)
        self.errors = FieldErrors(self.general_error)
        self.caption: dict[str, QLabel] = {}
        head_grid = QGridLayout()
        head_grid.setHorizontalSpacing(14)
        head_grid.setVerticalSpacing(2)
        for col, (key, widget) in enumerate(
            (
                ("source", self.source),
                ("party", self.party),
                ("deliverer", self.deliverer),
                ("reference", self.reference),
                ("doc_date", self.doc_date),
            )
        ):
            self.caption[key] = QLabel(self)
            self.caption[key].setObjectName("muted")
            head_grid.addWidget(self.caption[key], 0, col)
            head_grid.addWidget(self.errors.wrap(key, widget), 1, col, Qt.AlignmentFlag.AlignTop)
        head_grid.setColumnStretch(1, 2)
        head_grid.setColumnStretch(2, 1)
        head_grid.setColumnStretch(3, 1)

        # --- lines --------------------------------------------------------------------------
        self.table = QTableWidget(0, self.LINE_COLUMNS, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for column, width in enumerate((48, 300, 120, 110, 110, 90, 80, 160)):
            self.table.setColumnWidth(column, width)
        self.add_line_button = QPushButton(self)
        self.remove_line_button = QPushButton(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_title = QLabel(self)
        self.lines_title.setObjectName("detailTitle")
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.lines_title)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        left_layout.addLayout(line_buttons)
        left_layout.addWidget(self.errors.wrap("lines", self.table), 1)
        self.table.setMinimumHeight(96)

        # --- the line being inspected -------------------------------------------------------
        editor = QFrame(self)
        editor.setObjectName("detailPanel")
        self.editor_title = QLabel(editor)
        self.editor_title.setObjectName("detailTitle")
        self.scan = ScanLineEdit(editor)
        self.scan.setObjectName("receivingScan")
        self.scan_message = QLabel(editor)
        self.scan_message.setWordWrap(True)
        self.scan_message.setObjectName("muted")
        self.link_button = QPushButton(editor)
        self.link_button.hide()
        self.item = QComboBox(editor)
        self.item.setEditable(True)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.item.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.item.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.spec = QLineEdit(editor)
        self.batch = QLineEdit(editor)
        self.production_date = OptionalDateEdit(editor)
        self.expiry = OptionalDateEdit(editor)
        self.reg_cert = QLineEdit(editor)
        self.delivered = QSpinBox(editor)
        self.accepted = QSpinBox(editor)
        self.rejected = QSpinBox(editor)
        for spin in (self.delivered, self.accepted, self.rejected):
            spin.setRange(0, MAX_QTY)
            spin.setGroupSeparatorShown(True)
        self.unit = QComboBox(editor)
        self.qty_text = QLabel(editor)
        self.qty_text.setObjectName("muted")
        self.reason = QComboBox(editor)
        self.reason.addItem("", None)
        for code in inspection.REJECT_REASONS:
            self.reason.addItem("", code)
        self.reason_note = QLineEdit(editor)
        self.price = QLineEdit(editor)
        self.price.setPlaceholderText("0.00")
        self.price_unit = QLabel(editor)
        self.checks: dict[str, QCheckBox] = {
            code: QCheckBox(editor) for code in inspection.CHECKLIST
        }
        self.shelf_text = QLabel(editor)
        self.shelf_text.setWordWrap(True)

        self.place_table = QTableWidget(0, 2, editor)
        self.place_table.verticalHeader().hide()
        self.place_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.place_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.place_table.horizontalHeader().setStretchLastSection(True)
        self.place_table.setMaximumHeight(96)
        self.slot = QComboBox(editor)
        self.slot.setEditable(True)
        self.slot.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.slot.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.place_qty = QSpinBox(editor)
        self.place_qty.setRange(0, MAX_QTY)
        self.place_qty.setGroupSeparatorShown(True)
        self.add_place_button = QPushButton(editor)
        self.remove_place_button = QPushButton(editor)
        self.suggestion = QLabel(editor)
        self.suggestion.setWordWrap(True)
        self.use_suggestion_button = QPushButton(editor)
        self.apply_button = QPushButton(editor)
        self.apply_button.setObjectName("primary")
        self._suggested: slots.Suggestion | None = None

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        self.form_captions: dict[str, QLabel] = {}

        def row(key: str, widget: QWidget, *aliases: str) -> None:
            self.form_captions[key] = QLabel(editor)
            form.addRow(self.form_captions[key], self.errors.wrap(key, widget, *aliases))

        scan_box = QWidget(editor)
        scan_layout = QVBoxLayout(scan_box)
        scan_layout.setContentsMargins(0, 0, 0, 0)
        scan_layout.setSpacing(2)
        scan_layout.addWidget(self.scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_message, 1)
        scan_row.addWidget(self.link_button)
        scan_layout.addLayout(scan_row)
        self.form_captions["scan"] = QLabel(editor)
        form.addRow(self.form_captions["scan"], scan_box)
        row("item", self.item)
        row("spec", self.spec)
        dates = QWidget(editor)
        dates_layout = QHBoxLayout(dates)
        dates_layout.setContentsMargins(0, 0, 0, 0)
        self.batch_box = self.errors.wrap("batch", self.batch)
        self.production_box = self.errors.wrap("production_date", self.production_date)
        self.expiry_box = self.errors.wrap("expiry", self.expiry)
        self.production_caption = QLabel(editor)
        self.expiry_caption = QLabel(editor)
        dates_layout.addWidget(self.production_box, 1)
        dates_layout.addWidget(self.expiry_caption)
        dates_layout.addWidget(self.expiry_box, 1)
        self.form_captions["batch"] = QLabel(editor)
        form.addRow(self.form_captions["batch"], self.batch_box)
        form.addRow(self.production_caption, dates)
        form.addRow(QLabel(editor), self.shelf_text)
        row("reg_cert_no", self.reg_cert)

        qty = QWidget(editor)
        qty_layout = QGridLayout(qty)
        qty_layout.setContentsMargins(0, 0, 0, 0)
        qty_layout.setHorizontalSpacing(8)
        self.delivered_caption = QLabel(editor)
        self.accepted_caption = QLabel(editor)
        self.rejected_caption = QLabel(editor)
        qty_layout.addWidget(self.delivered_caption, 0, 0)
        qty_layout.addWidget(self.accepted_caption, 0, 1)
        qty_layout.addWidget(self.rejected_caption, 0, 2)
        qty_layout.addWidget(self.errors.wrap("delivered", self.delivered), 1, 0)
        qty_layout.addWidget(self.errors.wrap("accepted", self.accepted), 1, 1)
        qty_layout.addWidget(self.errors.wrap("rejected", self.rejected), 1, 2)
        qty_layout.addWidget(self.unit, 1, 3, Qt.AlignmentFlag.AlignTop)
        qty_layout.addWidget(self.qty_text, 2, 0, 1, 4)
        self.form_captions["qty"] = QLabel(editor)
        form.addRow(self.form_captions["qty"], qty)
        reason = QWidget(editor)
        reason_layout = QHBoxLayout(reason)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(self.errors.wrap("reject_reason", self.reason), 1)
        reason_layout.addWidget(self.errors.wrap("reject_note", self.reason_note), 2)
        self.form_captions["reject_reason"] = QLabel(editor)
        form.addRow(self.form_captions["reject_reason"], reason)
        price = QWidget(editor)
        price_layout = QHBoxLayout(price)
        price_layout.setContentsMargins(0, 0, 0, 0)
        price_layout.addWidget(self.errors.wrap("unit_price", self.price), 1)
        price_layout.addWidget(self.price_unit, 2)
        self.form_captions["unit_price"] = QLabel(editor)
        form.addRow(self.form_captions["unit_price"], price)
        checks = QWidget(editor)
        checks_layout = QGridLayout(checks)
        checks_layout.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.checks.values()):
            checks_layout.addWidget(box, n // 3, n % 3)
        self.form_captions["checklist"] = QLabel(editor)
        form.addRow(self.form_captions["checklist"], checks)

        place = QWidget(editor)
        place_layout = QVBoxLayout(place)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.setSpacing(4)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.use_suggestion_button)
        place_layout.addLayout(suggestion_row)
        place_layout.addWidget(self.errors.wrap("placements", self.place_table))
        add_row = QHBoxLayout()
        add_row.addWidget(self.errors.wrap("slot", self.slot), 2)
        add_row.addWidget(self.place_qty, 1, Qt.AlignmentFlag.AlignTop)
        add_row.addWidget(self.add_place_button, 0, Qt.AlignmentFlag.AlignTop)
        add_row.addWidget(self.remove_place_button, 0, Qt.AlignmentFlag.AlignTop)
        place_layout.addLayout(add_row)
        self.form_captions["placements"] = QLabel(editor)
        form.addRow(self.form_captions["placements"], place)

        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(18, 12, 18, 12)
        editor_layout.addWidget(self.editor_title)
        editor_layout.addLayout(form)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        apply_row.addWidget(self.apply_button)
        editor_layout.addLayout(apply_row)
        editor_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(editor)
        self.editor = editor
        self.scroll = scroll

        # Lines above, the line being inspected below: the form needs the page's full width.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([170, 520])
        splitter.setChildrenCollapsible(False)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # --- after posting ------------------------------------------------------------------
        self.banner = QFrame(self)
        self.banner.setObjectName("detailPanel")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("detailTitle")
        self.print_button = QPushButton(self.banner)
        self.preview_button = QPushButton(self.banner)
        self.pdf_button = QPushButton(self.banner)
        self.labels_button = QPushButton(self.banner)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 8, 16, 8)
        banner_layout.addWidget(self.banner_text, 1)
        for b in (self.print_button, self.preview_button, self.pdf_button, self.labels_button):
            banner_layout.addWidget(b)
        self.banner.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.header)
        layout.addLayout(head_grid)
        layout.addWidget(self.general_error)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.banner)

        self.post_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.scan_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.scan_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._connect_signals()
        self.reload_choices()
        self._retranslate()
        self.new_receipt()

    def _connect_signals(self) -> None:
        self.post_button.clicked.connect(self._on_post_button_clicked)
        self.post_shortcut.activated.connect(self._on_post_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_shortcut.activated.connect(self._on_save_button_clicked)
        self.scan_shortcut.activated.connect(self._on_scan_shortcut_activated)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.drafts.activated.connect(self._on_drafts_activated)
        self.source.currentIndexChanged.connect(self._on_source_currentIndexChanged)
        self.table.currentCellChanged.connect(self._on_table_currentCellChanged)
        self.add_line_button.clicked.connect(self._on_add_line_button_clicked)
        self.remove_line_button.clicked.connect(self._on_remove_line_button_clicked)
        self.scan.scanned.connect(self._on_scan_scanned)
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.item.currentIndexChanged.connect(self._on_item_currentIndexChanged)
        self.batch.editingFinished.connect(self._on_batch_editingFinished)
        self.unit.currentIndexChanged.connect(self._on_unit_currentIndexChanged)
        self.delivered.valueChanged.connect(self._on_delivered_valueChanged)
        self.rejected.valueChanged.connect(self._on_rejected_valueChanged)
        self.accepted.valueChanged.connect(self._on_accepted_valueChanged)
        self.expiry.dateChanged.connect(self._on_expiry_dateChanged)
        self.add_place_button.clicked.connect(self._on_add_place_button_clicked)
        self.remove_place_button.clicked.connect(self._on_remove_place_button_clicked)
        self.use_suggestion_button.clicked.connect(self._on_use_suggestion_button_clicked)
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        for edit in (self.delivered, self.accepted, self.rejected, self.batch, self.reg_cert):
            edit.editingFinished.connect(self._on_field_editingFinished)
        for edit in (self.spec, self.reason_note, self.price):
            edit.editingFinished.connect(self._on_field_editingFinished)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.labels_button.clicked.connect(self._on_labels_button_clicked)

    # --- public -----------------------------------------------------------------------------

    def reload_choices(self) -> None:
        """Items, parties, slots and drafts from the books (after the catalogue changed)."""
        self.item.blockSignals(True)
        current = self.item.currentData()
        self.item.clear()
        items = (
            Item.select(Item.id, Item.code, Item.name, Item.spec)
            .where(Item.active == True)  # noqa: E712
            .order_by(Item.code)
            .tuples()
        )
        for item_id, code, name, spec in items:
            self.item.addItem(f"{code}  {name}  {spec}".strip(), item_id)
        self._select_data(self.item, current)
        self.item.blockSignals(False)
        self._reload_parties()
        self.slot.clear()
        active = (Slot.active == True) & (Zone.active == True)  # noqa: E712
        found = (
            Slot.select(Slot.id, Slot.code, Zone.name)
            .join(Zone)
            .where(active)
            .order_by(Zone.sort, Slot.code)
            .tuples()
        )
        for slot_id, code, zone in found:
            self.slot.addItem(f"{code}  {zone}", slot_id)
        self.slot.setCurrentIndex(-1)
        self._reload_drafts()

    def new_receipt(self) -> None:
        """An empty receipt with one empty line, ready for the first scan."""
        self.voucher_id = None
        self.lines = []
        self.current = -1
        self.errors.clear()
        self.source.setCurrentIndex(0)
        self.party.setCurrentIndex(-1)
        self.party.setEditText("")
        self.deliverer.clear()
        self.reference.clear()
        self.doc_date.setDate(QDate.currentDate())
        self._add_line()
        self._update_header()
        self.scan.setFocus()

    def load_draft(self, voucher_id: int) -> None:
        data = receiving.load(voucher_id)
        self.voucher_id = voucher_id
        self.errors.clear()
        self._select_data(self.source, data.source)
        self._reload_parties()
        self._select_data(self.party, data.party_id)
        self.deliverer.setText(data.deliverer)
        self.reference.setText(data.reference)
        d = data.doc_date or date.today()
        self.doc_date.setDate(QDate(d.year, d.month, d.day))
        self.lines = list(data.lines) or [self._empty_line()]
        self.current = -1
        self._refresh_table()
        self._select_line(0)
        self._update_header()

    def receipt_input(self) -> ReceiptInput:
        """What the page holds now, as service input (the line being edited included)."""
        self._commit_editor()
        d = self.doc_date.date()
        return ReceiptInput(
            source=self.source.currentData(),
            party_id=self._party_id(create=False),
            lines=[ln for ln in self.lines if ln.item_id],
            deliverer=self.deliverer.text(),
            reference=self.reference.text(),
            doc_date=date(d.year(), d.month(), d.day()),
        )

    def save_draft(self) -> int | None:
        """Save the receipt as a draft (nothing enters stock); its id, or None on a problem."""
        try:
            data = self.receipt_input()
            data = replace(data, party_id=self._party_id(create=True))
            v = receiving.save_draft(data, voucher_id=self.voucher_id, by=self._by())
        except StorekeeperError as err:
            self.show_error(err)
            return None
        self.voucher_id = v.id
        self._reload_drafts()
        self._update_header()
        return v.id

    def start_post(self) -> SignOffDialog | None:
        """Save, check, and open the sign-off dialog (posting happens when it is accepted)."""
        self.errors.clear()
        voucher_id = self.save_draft()
        if voucher_id is None:
            return None
        try:
            self._warnings = receiving.inspect(voucher_id)
            if self._warnings and receiving.shelf_policy() == "block":
                w = self._warnings[0]
                raise BadInput(w.zh, w.en, field=w.field, line=w.line_no)
        except StorekeeperError as err:
            self.show_error(err)
            return None
        roles = signoff.roles_for("receipt")
        names = {"deliverer": " ".join(self.deliverer.text().split())}
        if self.account is not None:
            names["inspector"] = self.account.display_name
        total = sum(ln.accepted for ln in self.lines if ln.item_id)
        dialog = SignOffDialog(
            roles.all,
            names=names,
            required=roles.required,
            summary=self.tr(
                "Receipt from {name}: {n} lines; the deliverer and the inspector sign."
            ).format(
                name=self.party.currentText().strip() or "—", n=len(self.receipt_input().lines)
            )
            + (" " + self.tr("Accepted in all: {n} (base units).").format(n=f"{total:,}")),
            warnings=[str(w) for w in self._warnings],
            parent=self,
        )
        dialog.accepted.connect(self._on_signoff_dialog_accepted)
        self.signoff_dialog = dialog
        dialog.open()
        return dialog

    def show_error(self, err: StorekeeperError) -> None:
        """At the field it concerns, on the line it concerns."""
        line = err.details.get("line")
        if isinstance(line, int) and 1 <= line <= len(self.lines):
            self._select_line(line - 1)
        self._show_at_field(err)

    def _show_at_field(self, err: StorekeeperError) -> None:
        self.errors.show(err)  # also puts the cursor in the field
        focused = QApplication.focusWidget()
        if focused is not None and self.editor.isAncestorOf(focused):
            self.scroll.ensureWidgetVisible(focused, 40, 90)

    def field_error(self, field: str) -> str:
        return self.errors.message(field)

    # --- lines ------------------------------------------------------------------------------

    def _empty_line(self) -> LineInput:
        return LineInput(item_id=0, delivered=0, accepted=0)

    def _add_line(self) -> None:
        self._commit_editor()
        self.lines.append(self._empty_line())
        self._refresh_table()
        self._select_line(len(self.lines) - 1)

    def _select_line(self, index: int) -> None:
        if not 0 <= index < len(self.lines):
            return
        if index != self.current:
            self._commit_editor()
            self.current = index
            self._load_editor(self.lines[index])
        self.table.blockSignals(True)
        self.table.setCurrentCell(index, 0)
        self.table.blockSignals(False)
        self.editor_title.setText(self.tr("Line {n}").format(n=index + 1))

    def _refresh_table(self) -> None:
        self.table.blockSignals(True)
        try:
            self._fill_table()
        finally:
            self.table.blockSignals(False)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.lines))
        items = {
            i.id: i for i in Item.select().where(Item.id.in_([ln.item_id for ln in self.lines]))
        }
        codes = _slot_codes(p.slot_id for ln in self.lines for p in ln.placements)
        for r, ln in enumerate(self.lines):
            it = items.get(ln.item_id)
            unit = it.base_unit if it else ""
            cells = [
                str(r + 1),
                f"{it.name}  {it.spec}" if it else self.tr("(choose an item)"),
                ln.batch,
                ln.expiry.isoformat() if ln.expiry else "—",
                f"{ln.delivered:,} {unit}",
                f"{ln.accepted:,}",
                f"{ln.rejected:,}" if ln.rejected else "",
                ", ".join(f"{codes.get(p.slot_id, '?')}×{p.qty:,}" for p in ln.placements),
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c in (4, 5, 6):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, cell)
        self.remove_line_button.setEnabled(len(self.lines) > 1)

    # --- the editor -------------------------------------------------------------------------

    def _item(self) -> Item | None:
        item_id = self.item.currentData()
        if not item_id or self.item.currentIndex() < 0:
            return None
        return Item.get_or_none(Item.id == item_id)

    def _unit_size(self) -> int:
        size = self.unit.currentData()
        return int(size) if size else 1

    def _fill_units(self, item: Item | None, unit: str = "") -> None:
        self.unit.blockSignals(True)
        self.unit.clear()
        if item is not None:
            self.unit.addItem(item.base_unit, 1)
            for p in parse_packs(item.packs):
                self.unit.addItem(f"{p.name} (= {p.base_qty:,} {item.base_unit})", p.base_qty)
            index = next(
                (
                    i
                    for i in range(self.unit.count())
                    if self.unit.itemText(i).split(" ")[0] == unit
                ),
                0,
            )
            self.unit.setCurrentIndex(index)
        self.unit.blockSignals(False)

    def _load_editor(self, ln: LineInput) -> None:
        widgets = (
            self.item, self.spec, self.batch, self.production_date, self.expiry, self.reg_cert,
            self.delivered, self.accepted, self.rejected, self.unit, self.reason,
            self.reason_note, self.price,
        )  # fmt: skip
        for w in widgets:
            w.blockSignals(True)
        self._select_data(self.item, ln.item_id or None)
        if not ln.item_id:
            self.item.setEditText("")
        item = self._item()
        self.spec.setText(ln.spec if ln.spec is not None else (item.spec if item else ""))
        self.batch.setText(ln.batch)
        self.production_date.set_value(ln.production_date)
        self.expiry.set_value(ln.expiry)
        self.reg_cert.setText(ln.reg_cert_no)
        self._fill_units(item, ln.entry_unit)
        size = self._unit_size()
        if any(q % size for q in (ln.delivered, ln.accepted, ln.rejected)):
            self.unit.setCurrentIndex(0)
            size = 1
        self.delivered.setValue(ln.delivered // size)
        self.accepted.setValue(ln.accepted // size)
        self.rejected.setValue(ln.rejected // size)
        self._select_data(self.reason, ln.reject_reason)
        self.reason_note.setText(ln.reject_note)
        self.price.setText(self._price_text(ln.unit_price, size))
        for code, box in self.checks.items():
            box.setChecked(bool(ln.checklist.get(code, False)))
        for w in widgets:
            w.blockSignals(False)
        self.placements = list(ln.placements)
        self._scan_text = ln.scan_text
        self.scan.clear()
        self.scan_message.clear()
        self.link_button.hide()
        self._update_quantities()
        self._update_placements()
        self._update_shelf_life()

    def _price_text(self, per_base: Decimal | None, size: int) -> str:
        if per_base is None:
            return ""
        value = (per_base * size).normalize()
        text = f"{value:f}"
        if "." not in text:
            text += ".00"
        elif len(text.split(".")[1]) == 1:
            text += "0"
        return text

    def _commit_editor(self) -> None:
        """Write the editor back into the current line (no checks: drafts may be incomplete)."""
        if not 0 <= self.current < len(self.lines):
            return
        item = self._item()
        size = self._unit_size()
        price: Decimal | None = None
        text = self.price.text().strip().replace(",", "").replace("，", "")
        if text:
            try:
                price = (Decimal(text) / size).quantize(Decimal("0.0001"))
            except InvalidOperation:
                price = None
        self.lines[self.current] = LineInput(
            item_id=item.id if item else 0,
            delivered=self.delivered.value() * size,
            accepted=self.accepted.value() * size,
            rejected=self.rejected.value() * size,
            batch=self.batch.text().strip(),
            production_date=self.production_date.value(),
            expiry=self.expiry.value(),
            reg_cert_no=self.reg_cert.text().strip(),
            spec=self.spec.text().strip(),
            reject_reason=self.reason.currentData() if self.rejected.value() else None,
            reject_note=self.reason_note.text().strip() if self.rejected.value() else "",
            unit_price=price,
            entry_unit=self.unit.currentText().split(" ")[0] if size > 1 else "",
            checklist={code: box.isChecked() for code, box in self.checks.items()},
            placements=list(self.placements),
            scan_text=getattr(self, "_scan_text", ""),
            note="",
        )
        self._refresh_table()
        self.table.blockSignals(True)
        self.table.setCurrentCell(self.current, 0)
        self.table.blockSignals(False)

    def _accepted_base(self) -> int:
        return self.accepted.value() * self._unit_size()

    def _update_quantities(self) -> None:
        item = self._item()
        if item is None:
            self.qty_text.setText("")
            self.price_unit.setText("")
            return
        packs = parse_packs(item.packs)
        size = self._unit_size()
        parts = [
            (self.tr("delivered"), self.delivered.value() * size),
            (self.tr("accepted"), self.accepted.value() * size),
            (self.tr("rejected"), self.rejected.value() * size),
        ]
        self.qty_text.setText(
            "   ".join(f"{name}: {format_qty(q, item.base_unit, packs)}" for name, q in parts)
        )
        unit = self.unit.currentText().split(" ")[0]
        self.price_unit.setText(self.tr("yuan per {unit}").format(unit=unit))
        placed = sum(p.qty for p in self.placements)
        left = max(self._accepted_base() - placed, 0)
        self.place_qty.setValue(left)

    def _update_shelf_life(self) -> None:
        item = self._item()
        expiry = self.expiry.value()
        d = self.doc_date.date()
        today = date(d.year(), d.month(), d.day())
        if item is None or expiry is None:
            self.shelf_text.setText("")
            self.checks["shelf_life"].setEnabled(True)
            return
        left = (expiry - today).days
        if left < 0:
            text = self.tr("Expired {days} days ago: reject these goods.").format(days=-left)
            ok = False
        elif item.min_shelf_life_days and left < item.min_shelf_life_days:
            text = self.tr("Only {days} days of shelf life left; this item needs {need}.").format(
                days=left, need=item.min_shelf_life_days
            )
            ok = False
        else:
            text = self.tr("{days} days of shelf life left.").format(days=f"{left:,}")
            ok = True
        self.shelf_text.setText(text if ok else "⚠ " + text)
        self.shelf_text.setObjectName("muted" if ok else "fieldError")
        self.shelf_text.style().unpolish(self.shelf_text)
        self.shelf_text.style().polish(self.shelf_text)
        # the app checks the dates itself: this box follows them
        self.checks["shelf_life"].setChecked(ok)
        self.checks["shelf_life"].setEnabled(False)

    def _update_placements(self) -> None:
        codes = _slot_codes(p.slot_id for p in self.placements)
        item = self._item()
        unit = item.base_unit if item else ""
        self.place_table.setRowCount(len(self.placements))
        for r, p in enumerate(self.placements):
            self.place_table.setItem(r, 0, QTableWidgetItem(codes.get(p.slot_id, "?")))
            self.place_table.setItem(r, 1, QTableWidgetItem(f"{p.qty:,} {unit}"))
        self.remove_place_button.setEnabled(bool(self.placements))
        placed = sum(p.qty for p in self.placements)
        self.place_qty.setValue(max(self._accepted_base() - placed, 0))
        self._update_suggestion()

    def _update_suggestion(self) -> None:
        item = self._item()
        self._suggested = None
        left = self._accepted_base() - sum(p.qty for p in self.placements)
        if item is None or left <= 0:
            self.suggestion.setText("")
            self.use_suggestion_button.hide()
            return
        used = {p.slot_id for p in self.placements}
        found = [
            s for s in slots.suggest(item.id, self.batch.text().strip()) if s.slot_id not in used
        ]
        if not found:
            self.suggestion.setText(
                self.tr("No compatible slot is free for this item; add a slot on the Slots page.")
            )
            self.use_suggestion_button.hide()
            return
        s = self._suggested = found[0]
        why = {
            slots.SAME_LOT: self.tr("already holds this batch"),
            slots.SAME_ITEM: self.tr("already holds this item"),
            slots.EMPTY: self.tr("empty, in a suitable zone"),
        }[s.reason]
        self.suggestion.setText(
            self.tr("Suggested slot: {code} — {why}").format(code=s.code, why=why)
        )
        self.use_suggestion_button.setText(
            self.tr("Put {n} on {code}").format(n=f"{left:,}", code=s.code)
        )
        self.use_suggestion_button.show()

    def _add_placement(self, slot_id: int, qty: int) -> bool:
        item = self._item()
        if item is None:
            self.errors.show(BadInput("请先选择物资", "Choose the item first", field="item"))
            return False
        if qty <= 0:
            self.errors.show(
                BadInput(
                    "上架数量必须大于 0", "The quantity to place must be more than 0", field="slot"
                )
            )
            return False
        try:
            slots.check_slot_for(item.id, slot_id)
        except StorekeeperError as err:
            self._show_at_field(err)
            return False
        self.errors.clear()
        for n, p in enumerate(self.placements):
            if p.slot_id == slot_id:
                self.placements[n] = Placement(slot_id, p.qty + qty)
                break
        else:
            self.placements.append(Placement(slot_id, qty))
        self._update_placements()
        self._commit_editor()
        return True

    # --- helpers ----------------------------------------------------------------------------

    def _by(self) -> int | None:
        return self.account.id if self.account is not None else None

    @staticmethod
    def _select_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value) if value is not None else -1
        combo.setCurrentIndex(index)

    def _reload_parties(self) -> None:
        kind = PARTY_KIND.get(self.source.currentData() or "", "supplier")
        current = self.party.currentData()
        text = self.party.currentText()
        self.party.blockSignals(True)
        self.party.clear()
        found = people.parties(kind) + [
            p for k in ("supplier", "donor", "office") if k != kind for p in people.parties(k)
        ]
        for p in found:
            self.party.addItem(p.name, p.id)
        self._select_data(self.party, current)
        if self.party.currentIndex() < 0:
            self.party.setEditText(text)
        self.party.blockSignals(False)

    def _party_id(self, *, create: bool) -> int | None:
        """The chosen party; a new name typed in is added (as supplier, donor or office)."""
        text = self.party.currentText().strip()
        if not text:
            return None
        index = self.party.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return int(self.party.itemData(index))
        if not create:
            return None
        kind = PARTY_KIND.get(self.source.currentData() or "", "supplier")
        party = people.create_party(kind, text)
        self._reload_parties()
        self._select_data(self.party, party.id)
        return party.id

    def _reload_drafts(self) -> None:
        self._draft_rows = receiving.drafts()
        self._fill_drafts()

    def _fill_drafts(self) -> None:
        """The drafts list from the rows last read (a language change reads nothing)."""
        self.drafts.blockSignals(True)
        self.drafts.clear()
        self.drafts.addItem(self.tr("Drafts waiting ({n})").format(n=len(self._draft_rows)), None)
        for d in self._draft_rows:
            self.drafts.addItem(
                f"{d.doc_date.isoformat()}  {d.party or '—'}  {d.reference}  "
                + self.tr("({n} lines)").format(n=d.lines),
                d.voucher_id,
            )
        self._select_data(self.drafts, self.voucher_id)
        if self.drafts.currentIndex() < 0:
            self.drafts.setCurrentIndex(0)
        self.drafts.blockSignals(False)

    def _update_header(self) -> None:
        if self.voucher_id is None:
            self.header.title.setText(self.tr("Receiving — new receipt"))
        else:
            self.header.title.setText(self.tr("Receiving — draft"))
        self.delete_button.setEnabled(self.voucher_id is not None)

    # --- slots ------------------------------------------------------------------------------

    def _on_post_button_clicked(self) -> None:
        self.start_post()

    def _on_save_button_clicked(self) -> None:
        if self.save_draft() is not None:
            self.banner_text.setText(
                self.tr("Draft saved. Nothing is in stock until it is posted.")
            )
            self._show_banner(posted=False)

    def _on_scan_shortcut_activated(self) -> None:
        self.scan.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scan.selectAll()

    def _on_new_button_clicked(self) -> None:
        self.new_receipt()
        self._reload_drafts()

    def _on_delete_button_clicked(self) -> None:
        if self.voucher_id is None:
            return
        try:
            receiving.delete_draft(self.voucher_id)
        except StorekeeperError as err:
            self.show_error(err)
            return
        self.new_receipt()
        self._reload_drafts()

    def _on_drafts_activated(self, index: int) -> None:
        voucher_id = self.drafts.itemData(index)
        if voucher_id:
            self.load_draft(int(voucher_id))

    def _on_source_currentIndexChanged(self, _index: int) -> None:
        self._reload_parties()

    def _on_table_currentCellChanged(self, row: int, _c: int, _pr: int, _pc: int) -> None:
        if row >= 0:
            self._select_line(row)

    def _on_add_line_button_clicked(self) -> None:
        self._add_line()
        self.scan.setFocus()

    def _on_remove_line_button_clicked(self) -> None:
        if len(self.lines) <= 1 or not 0 <= self.current < len(self.lines):
            return
        del self.lines[self.current]
        self.current = -1
        self._refresh_table()
        self._select_line(min(self.table.currentRow(), len(self.lines) - 1) if self.lines else 0)

    def _on_scan_scanned(self, text: str) -> None:
        if not text.strip():
            return
        result = scanning.scan(text)
        self.link_button.hide()
        self._scan_gtin = None
        if result.item_id and result.item_id != self.item.currentData():
            self._select_data(self.item, result.item_id)  # fills spec, units, suggestions
        if result.batch:
            self.batch.setText(result.batch)
        if result.production_date:
            self.production_date.set_value(result.production_date)
        if result.expiry:
            self.expiry.set_value(result.expiry)
        if result.parsed:
            self._scan_text = ""
            if result.item_id:
                item = self._item()
                self.scan_message.setText(
                    self.tr("Read: {name}, batch {batch}, expiry {date}").format(
                        name=item.name if item else "",
                        batch=result.batch or "—",
                        date=result.expiry.isoformat() if result.expiry else "—",
                    )
                )
            else:
                self._scan_gtin = result.gtin
                self.scan_message.setText(
                    self.tr(
                        "GTIN {code} is not in the catalogue: choose the item below, then link it."
                    ).format(code=result.gtin or "")
                )
                self.link_button.show()
                self.item.setFocus()
        elif result.item_id:
            self._scan_text = ""
            self.scan_message.setText(self.tr("Item found; type the batch and dates."))
        else:
            self._scan_text = result.raw
            if result.unknown_gtin:
                self._scan_gtin = result.gtin
                self.link_button.show()
            self.scan_message.setText(
                self.tr(
                    "The code could not be read as GS1; it is kept with the line. "
                    "Type the fields by hand."
                )
            )
        self._update_shelf_life()
        self._update_suggestion()
        self._commit_editor()
        self.scan.selectAll()

    def _on_link_button_clicked(self) -> None:
        item = self._item()
        if item is None or not self._scan_gtin:
            self.errors.show(BadInput("请先选择物资", "Choose the item first", field="item"))
            return
        try:
            scanning.link_gtin(item.id, self._scan_gtin)
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.scan_message.setText(
            self.tr("GTIN {code} now names {name}.").format(code=self._scan_gtin, name=item.name)
        )
        self.link_button.hide()
        self._scan_gtin = None

    def _on_item_currentIndexChanged(self, _index: int) -> None:
        item = self._item()
        self.spec.setText(item.spec if item else "")
        self._fill_units(item)
        self._update_quantities()
        self._update_placements()
        self._update_shelf_life()

    def _on_batch_editingFinished(self) -> None:
        self._update_suggestion()

    def _on_unit_currentIndexChanged(self, _index: int) -> None:
        self._update_quantities()
        self._update_suggestion()

    def _set_quietly(self, spin: QSpinBox, value: int) -> None:
        spin.blockSignals(True)
        spin.setValue(max(value, 0))
        spin.blockSignals(False)

    def _on_delivered_valueChanged(self, value: int) -> None:
        self._set_quietly(self.accepted, value - self.rejected.value())
        self._update_quantities()
        self._update_suggestion()

    def _on_rejected_valueChanged(self, value: int) -> None:
        self._set_quietly(self.accepted, self.delivered.value() - value)
        self._update_quantities()
        self._update_suggestion()

    def _on_accepted_valueChanged(self, value: int) -> None:
        self._set_quietly(self.rejected, self.delivered.value() - value)
        self._update_quantities()
        self._update_suggestion()

    def _on_expiry_dateChanged(self, _d: QDate) -> None:
        self._update_shelf_life()

    def _on_add_place_button_clicked(self) -> None:
        slot_id = self.slot.currentData()
        index = self.slot.findText(self.slot.currentText(), Qt.MatchFlag.MatchStartsWith)
        if index >= 0 and self.slot.currentIndex() != index:
            self.slot.setCurrentIndex(index)
            slot_id = self.slot.itemData(index)
        if not slot_id:
            self.errors.show(BadInput("请选择货位", "Choose a slot", field="slot"))
            return
        self._add_placement(int(slot_id), self.place_qty.value())

    def _on_remove_place_button_clicked(self) -> None:
        row = self.place_table.currentRow()
        if row < 0:
            row = len(self.placements) - 1
        if 0 <= row < len(self.placements):
            del self.placements[row]
            self._update_placements()
            self._commit_editor()

    def _on_use_suggestion_button_clicked(self) -> None:
        if self._suggested is not None:
            left = self._accepted_base() - sum(p.qty for p in self.placements)
            self._add_placement(self._suggested.slot_id, left)

    def _on_field_editingFinished(self) -> None:
        self._commit_editor()  # the lines table follows what is typed

    def _on_apply_button_clicked(self) -> None:
        self._commit_editor()
        self.errors.clear()

    def _on_signoff_dialog_accepted(self) -> None:
        dialog = self.signoff_dialog
        if dialog is None or self.voucher_id is None:
            return
        try:
            v = receiving.post(
                self.voucher_id,
                signatures_in=dialog.signatures,
                by=self._by(),
                confirm_short_shelf_life=bool(self._warnings),
            )
        except StorekeeperError as err:
            self.show_error(err)
            return
        self.last_posted = v.id
        self.banner_text.setText(
            self.tr("Posted {code}: the accepted goods are in stock.").format(code=v.number)
        )
        self._show_banner(posted=True)
        self.new_receipt()
        self._reload_drafts()
        self.posted.emit(v.id)

    def _show_banner(self, *, posted: bool) -> None:
        for b in (self.print_button, self.preview_button, self.pdf_button, self.labels_button):
            b.setVisible(posted)
        self.banner.show()

    def receipt_pdf(self, voucher_id: int | None = None) -> bytes:
        from app.documents.vouchers import voucher_pdf_bytes

        vid = voucher_id or self.last_posted
        if vid is None:
            raise BadInput("还没有过账的入库单", "No receipt has been posted yet")
        return voucher_pdf_bytes(vouchers.document(vid))

    def _posted_number(self) -> str:
        doc = vouchers.document(self.last_posted) if self.last_posted else None
        return doc.number or "" if doc else ""

    def _on_print_button_clicked(self) -> None:
        from app.gui import printing  # PDF rendering loads when a receipt is printed

        if self.last_posted is not None:
            printing.print_pdf(self.receipt_pdf(), self._posted_number(), self)

    def _on_preview_button_clicked(self) -> None:
        from app.gui import printing

        if self.last_posted is not None:
            printing.preview_pdf(self.receipt_pdf(), self._posted_number(), self)

    def _on_pdf_button_clicked(self) -> None:
        from app.gui import printing

        voucher_id = self.last_posted
        if voucher_id is not None:

            def make() -> bytes:  # on a pool thread: only the voucher id, no widgets
                from app.documents.vouchers import voucher_pdf_bytes

                return voucher_pdf_bytes(vouchers.document(voucher_id))

            printing.save_pdf_in_background(
                make,
                f"{self._posted_number()}.pdf",
                self,
                on_saved=self._on_pdf_saved,
                on_error=self._on_pdf_failed,
            )

    def _on_pdf_saved(self, path: Path) -> None:
        self.banner_text.setText(self.tr("Saved {path}").format(path=path))

    def _on_pdf_failed(self, err: StorekeeperError) -> None:
        self.banner_text.setText(str(err))

    def filled_slots(self) -> list[int]:
        """The slots the last posted receipt put goods on (for shelf labels)."""
        if self.last_posted is None:
            return []
        from app.store.models import VoucherLine

        rows = VoucherLine.select(VoucherLine.slot).where(VoucherLine.voucher == self.last_posted)
        return sorted({r.slot_id for r in rows})

    def _on_labels_button_clicked(self) -> None:
        self.labels_requested.emit(self.filled_slots())

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._update_header()
        self.post_button.setText(self.tr("Sign and post…"))
        self.post_button.setToolTip(
            self.tr("Check the receipt, have both parties sign, and post it (Ctrl+Enter)")
        )
        self.new_button.setText(self.tr("New receipt"))
        self.save_button.setText(self.tr("Save draft"))
        self.save_button.setToolTip(
            self.tr("Keep the receipt while goods wait for inspection (Ctrl+S)")
        )
        self.delete_button.setText(self.tr("Delete draft"))
        for i in range(self.source.count()):
            self.source.setItemText(i, label(self.source.itemData(i)))
        captions = {
            "source": self.tr("Source"),
            "party": self.tr("Delivered by (supplier, donor, office)"),
            "deliverer": self.tr("Deliverer's name"),
            "reference": self.tr("Delivery note no."),
            "doc_date": self.tr("Date received"),
        }
        for key, text in captions.items():
            self.caption[key].setText(text)
        self.party.lineEdit().setPlaceholderText(self.tr("Pick or type a new name"))
        self.lines_title.setText(self.tr("Lines"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Item"),
                self.tr("Batch"),
                self.tr("Expiry"),
                self.tr("Delivered"),
                self.tr("Accepted"),
                self.tr("Rejected"),
                self.tr("Slots"),
            ]
        )
        self.add_line_button.setText(self.tr("Add line"))
        self.remove_line_button.setText(self.tr("Remove line"))
        self.scan.setPlaceholderText(self.tr("Scan the GS1 code on the box (Ctrl+F)"))
        self.link_button.setText(self.tr("Link GTIN to this item"))
        form = {
            "scan": self.tr("Scan"),
            "item": self.tr("Item"),
            "spec": self.tr("Specification"),
            "batch": self.tr("Batch"),
            "reg_cert_no": self.tr("Registration certificate"),
            "qty": self.tr("Quantity"),
            "reject_reason": self.tr("Why rejected"),
            "unit_price": self.tr("Unit price"),
            "checklist": self.tr("Inspection"),
            "placements": self.tr("Put on slots"),
        }
        for key, text in form.items():
            self.form_captions[key].setText(text)
        self.item.lineEdit().setPlaceholderText(self.tr("Search by code or name"))
        self.production_caption.setText(self.tr("Produced"))
        self.expiry_caption.setText(self.tr("Expiry"))
        self.reg_cert.setPlaceholderText(self.tr("e.g. 国械注准20202140001 (medical devices)"))
        self.delivered_caption.setText(self.tr("Delivered"))
        self.accepted_caption.setText(self.tr("Accepted"))
        self.rejected_caption.setText(self.tr("Rejected"))
        self.reason.setItemText(0, self.tr("(nothing rejected)"))
        for i in range(1, self.reason.count()):
            self.reason.setItemText(i, inspection.label(self.reason.itemData(i)))
        self.reason_note.setPlaceholderText(self.tr("Details (needed for “other”)"))
        for code, box in self.checks.items():
            box.setText(inspection.label(code))
        self.place_table.setHorizontalHeaderLabels([self.tr("Slot"), self.tr("Quantity")])
        self.slot.lineEdit().setPlaceholderText(self.tr("Slot code"))
        self.add_place_button.setText(self.tr("Add to slot"))
        self.remove_place_button.setText(self.tr("Remove"))
        self.apply_button.setText(self.tr("Save line"))
        self.print_button.setText(self.tr("Print…"))
        self.preview_button.setText(self.tr("Preview"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        self.labels_button.setText(self.tr("Shelf labels for these slots"))
        self._fill_drafts()
        if 0 <= self.current < len(self.lines):
            self.editor_title.setText(self.tr("Line {n}").format(n=self.current + 1))
            self._update_quantities()
            self._update_shelf_life()
            self._update_suggestion()
        self._refresh_table()
