"""Write-offs page (报损): expired lots suggested, reason and sign-off by handler and approver;
and lot hold / trace (批次冻结与追溯) for a quality doubt or a recall notice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes, signoff
from app.domain.errors import BadInput, StorekeeperError
from app.domain.outbound import HOLD_REASONS, WRITE_OFF_REASONS
from app.domain.outbound import label as outbound_label
from app.gui.dialogs.signoff import SignOffDialog
from app.gui.models.paged_table import PagedColumn, PagedTableModel
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label
from app.gui.widgets.paged_view import cell, fit_columns, paged_view, plain_table, select_id
from app.services import ledger, lots, settings, write_offs
from app.store.models import Account


class WriteOffTab(QWidget):
    """Tick the lots to write off (expired ones are listed), give the reason, sign."""

    posted = Signal(int)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.signoff_dialog: SignOffDialog | None = None
        self.suggestions = plain_table(self, 6)
        self.reason = QComboBox(self)
        for code in WRITE_OFF_REASONS:
            self.reason.addItem(outbound_label(code), code)
        self.note = QLineEdit(self)
        self.write_off_button = QPushButton(self)
        self.write_off_button.setObjectName("primary")
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.history_model: PagedTableModel[write_offs.WriteOffRow] = PagedTableModel(
            [
                PagedColumn(lambda: self.tr("Number"), lambda w: w.number),
                PagedColumn(lambda: self.tr("Date"), lambda w: w.doc_date.isoformat()),
                PagedColumn(lambda: self.tr("Reason"), lambda w: outbound_label(w.reason)),
                PagedColumn(lambda: self.tr("Items"), lambda w: w.items),
                PagedColumn(lambda: self.tr("Approved by"), lambda w: w.approver),
                PagedColumn(lambda: self.tr("Note"), lambda w: w.note),
            ],
            write_offs.write_off_rows,
            self,
        )
        self.history = paged_view(self, self.history_model)
        self.suggest_caption = QLabel(self)
        self.suggest_caption.setObjectName("detailTitle")
        self.history_caption = QLabel(self)
        self.history_caption.setObjectName("detailTitle")
        form = QFormLayout()
        self.reason_caption, self.note_caption = QLabel(self), QLabel(self)
        form.addRow(self.reason_caption, self.errors.wrap("reason", self.reason))
        form.addRow(self.note_caption, self.errors.wrap("note", self.note))
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addWidget(self.write_off_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.suggest_caption)
        layout.addWidget(self.suggestions, 2)
        layout.addLayout(row)
        layout.addWidget(self.general)
        layout.addWidget(self.history_caption)
        layout.addWidget(self.history, 2)
        self.write_off_button.clicked.connect(self._on_write_off_button_clicked)
        self._retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.suggest_caption.setText(self.tr("Expired lots still on the shelves"))
        self.history_caption.setText(self.tr("Write-offs"))
        self.reason_caption.setText(self.tr("Reason"))
        self.note_caption.setText(self.tr("What happened"))
        self.note.setPlaceholderText(
            self.tr("For damaged or lost stock: the cause and who was responsible")
        )
        self.write_off_button.setText(self.tr("Sign and write off…"))
        self.suggestions.setHorizontalHeaderLabels(
            [
                self.tr("Write off"),
                self.tr("Item"),
                self.tr("Batch"),
                self.tr("Expiry"),
                self.tr("Slot"),
                self.tr("Quantity"),
            ]
        )
        self.history_model.retranslate()

    def refresh(self) -> None:
        self._suggested = write_offs.expired_stock()
        self.suggestions.setRowCount(len(self._suggested))
        for r, s in enumerate(self._suggested):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked)
            self.suggestions.setItem(r, 0, tick)
            expiry = s.expiry.isoformat() if s.expiry else ""
            for c, text in enumerate(
                [s.item, s.batch, f"{expiry} {self.tr('expired')}", s.slot, f"{s.qty:,} {s.unit}"],
                start=1,
            ):
                self.suggestions.setItem(r, c, cell(text))
        self.suggestions.resizeColumnsToContents()
        current = self.history_id()
        self.history_model.load(write_offs.write_off_ids())
        fit_columns(self.history)
        select_id(self.history, self.history_model, current)

    def history_id(self) -> int | None:
        """The voucher id of the write-off chosen in the history."""
        row = self.history_model.row_object(self.history.currentIndex().row())
        return row.voucher_id if row is not None else None

    def chosen(self) -> list[ledger.Line]:
        out = []
        for r, s in enumerate(self._suggested):
            tick = self.suggestions.item(r, 0)
            if tick is not None and tick.checkState() == Qt.CheckState.Checked:
                out.append(ledger.Line(s.item_id, s.lot_id, s.slot_id, s.qty))
        return out

    def start_write_off(self) -> SignOffDialog | None:
        self.errors.clear()
        if not self.chosen():
            self.errors.show(
                BadInput("请至少选择一个批次", "Choose at least one lot", field="lines")
            )
            return None
        roles = signoff.roles_for("write_off")
        names = {"handler": self.account.display_name} if self.account else {}
        dialog = SignOffDialog(
            roles.all,
            names=names,
            required=roles.required,
            summary=self.tr("Write off {n} lots: {reason}. The approver signs.").format(
                n=len(self.chosen()), reason=self.reason.currentText()
            ),
            parent=self,
        )
        dialog.accepted.connect(self._on_signoff_dialog_accepted)
        self.signoff_dialog = dialog
        dialog.open()
        return dialog

    def _on_write_off_button_clicked(self) -> None:
        self.start_write_off()

    def _on_signoff_dialog_accepted(self) -> None:
        if self.signoff_dialog is None:
            return
        try:
            v = write_offs.write_off(
                self.chosen(),
                reason=self.reason.currentData(),
                note=self.note.text(),
                sigs=self.signoff_dialog.signatures,
                by=self.account.id if self.account else None,
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.note.clear()
        self.refresh()
        self.posted.emit(v.id)


class LotsTab(QWidget):
    """Find a lot: hold or release it, and see (and print) where it went."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.found = plain_table(self, 5)
        self.reason = QComboBox(self)
        for code in HOLD_REASONS:
            self.reason.addItem(outbound_label(code), code)
        self.note = QLineEdit(self)
        self.hold_button = QPushButton(self)
        self.release_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("primary")
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.trace_view = QPlainTextEdit(self)
        self.trace_view.setReadOnly(True)
        self.held_only = QCheckBox(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.held_only)
        actions = QHBoxLayout()
        self.reason_caption, self.note_caption = QLabel(self), QLabel(self)
        actions.addWidget(self.reason_caption)
        actions.addWidget(self.reason)
        actions.addWidget(self.note_caption)
        actions.addWidget(self.errors.wrap("note", self.note), 1)
        actions.addWidget(self.hold_button)
        actions.addWidget(self.release_button)
        actions.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.found, 2)
        layout.addLayout(actions)
        layout.addWidget(self.general)
        layout.addWidget(self.trace_view, 3)
        self.search.textChanged.connect(self._on_search_textChanged)
        self.held_only.toggled.connect(self._on_held_only_toggled)
        self.found.currentCellChanged.connect(self._on_found_currentCellChanged)
        self.hold_button.clicked.connect(self._on_hold_button_clicked)
        self.release_button.clicked.connect(self._on_release_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self._retranslate()
        # read when first shown: on-hand of 200 lots is most of the page's opening otherwise
        self._stale = True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def mark_stale(self) -> None:
        """Read the lots again: now if on show, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Batch number, item name or code"))
        self.held_only.setText(self.tr("Only lots on hold"))
        self.reason_caption.setText(self.tr("Reason"))
        self.note_caption.setText(self.tr("Note"))
        self.hold_button.setText(self.tr("Hold"))
        self.hold_button.setToolTip(
            self.tr("The lot stays on its slots but cannot be issued or lent")
        )
        self.release_button.setText(self.tr("Release"))
        self.pdf_button.setText(self.tr("Trace PDF…"))
        self.found.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Batch"),
                self.tr("Expiry"),
                self.tr("State"),
                self.tr("On hand"),
            ]
        )

    def refresh(self) -> None:
        self._stale = False
        held = {h.lot_id: h for h in lots.held_lots()}
        if self.held_only.isChecked():
            found = lots.find_lots("", ids=list(held))  # every lot on hold, however old
        else:
            found = lots.find_lots(self.search.text())
        self._lots = found
        self.found.setRowCount(len(found))
        on_hand = lots.on_hand_of([lot.id for lot in found])
        for r, lot in enumerate(found):
            state = self.tr("on hold") if lot.id in held else ""
            for c, text in enumerate(
                [
                    lot.item.name,
                    lot.batch,
                    lot.expiry.isoformat() if lot.expiry else "",
                    state,
                    f"{on_hand.get(lot.id, 0):,} {lot.item.base_unit}",
                ]
            ):
                self.found.setItem(r, c, cell(text, lot.id))
        self.found.resizeColumnsToContents()

    def lot_id(self) -> int | None:
        r = self.found.currentRow()
        return self._lots[r].id if 0 <= r < len(self._lots) else None

    def show_trace(self, lot_id: int) -> lots.Trace:
        t = lots.trace(lot_id)
        lines = [
            f"{t.item_name} {t.spec} · {self.tr('Batch')} {t.batch} · "
            f"{self.tr('Expiry')} {t.expiry or '—'}",
            "",
            self.tr("Where it came from"),
        ]
        lines += [
            f"  {m.doc_date}  {m.voucher}  {m.party}  {codes.label(m.source or m.vtype)}  "
            f"{m.delta:,} {t.unit}"
            for m in t.sources
        ]
        lines += ["", self.tr("Everyone who received it")]
        lines += [
            f"  {r.party}（{r.department or codes.label(r.party_kind)}）  {r.first} – {r.last}  "
            f"{r.qty:,} {t.unit}"
            for r in t.receivers
        ]
        lines += ["", self.tr("Still on the shelves")]
        lines += [f"  {s}  {q:,} {t.unit}" for s, q in t.on_hand]
        self.trace_view.setPlainText("\n".join(lines))
        return t

    def trace_pdf(self, lot_id: int) -> bytes:
        from app.documents.issue_sheets import trace_pdf

        return trace_pdf(lots.trace(lot_id), settings.institution_name())

    def _on_search_textChanged(self, _text: str) -> None:
        self.refresh()

    def _on_held_only_toggled(self, _on: bool) -> None:
        self.refresh()

    def _on_found_currentCellChanged(self, *_args: object) -> None:
        lot_id = self.lot_id()
        if lot_id is not None:
            self.show_trace(lot_id)

    def _on_hold_button_clicked(self) -> None:
        self._act(
            lambda lot_id: lots.hold(
                lot_id, self.reason.currentData(), self.note.text(), by=self._by()
            )
        )

    def _on_release_button_clicked(self) -> None:
        self._act(lambda lot_id: lots.release(lot_id, self.note.text(), by=self._by()))

    def _on_pdf_button_clicked(self) -> None:
        from app.gui import printing  # PDF tools load when a trace is printed, not with the page

        lot_id = self.lot_id()
        if lot_id is None:
            return
        institution = settings.institution_name()

        def make() -> bytes:  # on a pool thread: only the lot id, no widgets
            from app.documents.issue_sheets import trace_pdf

            return trace_pdf(lots.trace(lot_id), institution)

        printing.save_pdf_in_background(
            make,
            f"trace-{self._lots[self.found.currentRow()].batch}.pdf",
            self,
            on_error=self.errors.show,
        )

    def _by(self) -> int | None:
        return self.account.id if self.account else None

    def _act(self, action) -> None:  # noqa: ANN001
        self.errors.clear()
        lot_id = self.lot_id()
        if lot_id is None:
            self.errors.show(BadInput("请先选择一个批次", "Choose a lot first"))
            return
        try:
            action(lot_id)
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.note.clear()
        row = self.found.currentRow()
        self.refresh()
        self.found.selectRow(row)


class WriteOffPage(QWidget):
    """报损 and 批次冻结/追溯, one tab each."""

    posted = Signal(int)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader(self)
        self.tabs = QTabWidget(self)
        self.write_off_tab = WriteOffTab(account, self)
        self.lots_tab = LotsTab(account, self)
        self.tabs.addTab(self.write_off_tab, "")
        self.tabs.addTab(self.lots_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.write_off_tab.posted.connect(self._on_write_off_tab_posted)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Write-offs and lots"))
        self.tabs.setTabText(0, self.tr("Write-offs"))
        self.tabs.setTabText(1, self.tr("Hold and trace"))

    def refresh(self) -> None:
        self.write_off_tab.refresh()
        self.lots_tab.mark_stale()

    def _on_write_off_tab_posted(self, voucher_id: int) -> None:
        self.lots_tab.mark_stale()
        self.posted.emit(voucher_id)
