"""Sign-off by both parties: each party's name and a signature pad, or a registered user's PIN.

Built once for every voucher type: give it the roles (codes) in order, the names known so far and
which roles must sign. It checks what it can see (a name, ink on the pad or a confirmed PIN,
two different people) and hands back SignatureInput values; the service checks everything again
when posting.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import signoff
from app.domain.errors import SignOffMissing, StorekeeperError
from app.gui.widgets.forms import error_label
from app.gui.widgets.signature_pad import SignaturePad
from app.services import accounts
from app.services.signatures import SignatureInput
from app.store.models import Account


class SignerBox(QFrame):
    """One party: role, name, and either the pad (with undo, redo, clear) or the PIN panel."""

    def __init__(self, role: str, name: str, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.role = role
        self.required = required
        self.account: Account | None = None

        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(40)
        self.by_pad = QRadioButton(self)
        self.by_pin = QRadioButton(self)
        self.by_pad.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.by_pad)
        self.mode.addButton(self.by_pin)

        self.pad = SignaturePad(self)
        self.undo_button = QPushButton(self)
        self.redo_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        pad_page = QWidget(self)
        pad_layout = QVBoxLayout(pad_page)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        pad_layout.addWidget(self.pad)
        pad_buttons = QHBoxLayout()
        pad_buttons.addStretch(1)
        for button in (self.undo_button, self.redo_button, self.clear_button):
            pad_buttons.addWidget(button)
        pad_layout.addLayout(pad_buttons)

        self.user = QComboBox(self)
        for acc in accounts.list_accounts():
            if acc.active:
                self.user.addItem(f"{acc.display_name} ({acc.username})", acc.username)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin_button = QPushButton(self)
        self.pin_state = QLabel(self)
        self.pin_state.setObjectName("muted")
        pin_page = QWidget(self)
        pin_grid = QGridLayout(pin_page)
        pin_grid.setContentsMargins(0, 0, 0, 0)
        self.user_caption = QLabel(self)
        self.pin_caption = QLabel(self)
        pin_grid.addWidget(self.user_caption, 0, 0)
        pin_grid.addWidget(self.user, 0, 1)
        pin_grid.addWidget(self.pin_caption, 1, 0)
        pin_grid.addWidget(self.pin, 1, 1)
        pin_grid.addWidget(self.pin_button, 2, 1, Qt.AlignmentFlag.AlignLeft)
        pin_grid.addWidget(self.pin_state, 3, 0, 1, 2)
        pin_grid.setRowStretch(4, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(pad_page)
        self.stack.addWidget(pin_page)
        self.error = error_label(self)

        self.name_caption = QLabel(self)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.by_pad)
        head.addWidget(self.by_pin)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_caption)
        name_row.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addLayout(name_row)
        layout.addWidget(self.stack)
        layout.addWidget(self.error)
        self.by_pin.setEnabled(self.user.count() > 0)
        self._connect_signals()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.by_pad.toggled.connect(self._on_mode_toggled)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.redo_button.clicked.connect(self._on_redo_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.pad.changed.connect(self._on_pad_changed)
        self.pin_button.clicked.connect(self._on_pin_button_clicked)
        self.pin.returnPressed.connect(self._on_pin_button_clicked)
        self.user.currentIndexChanged.connect(self._on_user_currentIndexChanged)

    def retranslate(self) -> None:
        if self.required:
            self.title.setText(signoff.label(self.role) + " *")
        else:
            self.title.setText(self.tr("{role} (optional)").format(role=signoff.label(self.role)))
        self.name_caption.setText(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("Full name of the person signing"))
        self.by_pad.setText(self.tr("Sign on the pad"))
        self.by_pin.setText(self.tr("Registered user: PIN"))
        self.undo_button.setText(self.tr("Undo"))
        self.redo_button.setText(self.tr("Redo"))
        self.clear_button.setText(self.tr("Clear"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke"))
        self.clear_button.setToolTip(self.tr("Wipe the pad and sign again"))
        self.user_caption.setText(self.tr("User"))
        self.pin_caption.setText(self.tr("PIN"))
        self.pin_button.setText(self.tr("Confirm PIN"))
        self.pad.hint = self.tr("Sign here with the mouse, a pen or a finger")
        self._update_buttons()
        self._show_pin_state()
        self.pad.update()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.pad.can_undo())
        self.redo_button.setEnabled(self.pad.can_redo())
        self.clear_button.setEnabled(not self.pad.is_empty())

    def _show_pin_state(self) -> None:
        if self.account is not None:
            self.pin_state.setText(
                self.tr("Confirmed: {name}").format(name=self.account.display_name)
            )
        else:
            self.pin_state.setText(self.tr("Enter the PIN and confirm it."))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def signature(self) -> SignatureInput | None:
        """This party's signature, or None when nothing is signed yet."""
        if self.by_pin.isChecked():
            if self.account is None:
                return None
            return SignatureInput(
                self.role, self.account.display_name, method="pin", account_id=self.account.id
            )
        if self.pad.is_empty():
            return None
        return SignatureInput(
            self.role,
            self.name.text().strip(),
            strokes=self.pad.strokes(),
            png=self.pad.to_png(),
        )

    # --- slots -------------------------------------------------------------------------------

    def _on_mode_toggled(self, pad: bool) -> None:
        self.stack.setCurrentIndex(0 if pad else 1)
        self.name.setReadOnly(not pad)
        if not pad:
            self.pin.setFocus()
        self.show_error("")

    def _on_undo_button_clicked(self) -> None:
        self.pad.undo()

    def _on_redo_button_clicked(self) -> None:
        self.pad.redo()

    def _on_clear_button_clicked(self) -> None:
        self.pad.clear()

    def _on_pad_changed(self) -> None:
        self._update_buttons()
        self.show_error("")

    def _on_user_currentIndexChanged(self, _index: int) -> None:
        self.account = None
        self._show_pin_state()

    def _on_pin_button_clicked(self) -> None:
        username = self.user.currentData()
        try:
            self.account = accounts.authenticate(str(username or ""), self.pin.text())
        except StorekeeperError as err:
            self.account = None
            self.show_error(str(err))
            self.pin.selectAll()
            self.pin.setFocus()
        else:
            self.name.setText(self.account.display_name)
            self.show_error("")
        self.pin.clear()
        self._show_pin_state()


class SignOffDialog(QDialog):
    """Every party of a voucher signs here before it is posted."""

    def __init__(
        self,
        roles: Sequence[str],
        *,
        names: dict[str, str] | None = None,
        required: Sequence[str] | None = None,
        summary: str = "",
        warnings: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        names = names or {}
        need = set(required if required is not None else roles)
        self.signatures: list[SignatureInput] = []
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.warning = QLabel("\n".join(warnings), self)
        self.warning.setObjectName("fieldError")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warnings))
        self.confirm_warning = QCheckBox(self)
        self.confirm_warning.setVisible(bool(warnings))
        self.boxes = [SignerBox(r, names.get(r, ""), r in need, self) for r in roles]
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)

        grid = QGridLayout()
        grid.setSpacing(12)
        for n, box in enumerate(self.boxes):
            grid.addWidget(box, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.confirm_warning)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._retranslate()
        self.resize(1060, 700 if len(self.boxes) > 2 else 460)

    def _connect_signals(self) -> None:
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def box(self, role: str) -> SignerBox:
        return next(b for b in self.boxes if b.role == role)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign-off by both parties"))
        self.ok_button.setText(self.tr("Sign and post"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.confirm_warning.setText(self.tr("I have checked this and accept the goods anyway"))
        for box in self.boxes:
            box.retranslate()

    def check(self) -> list[SignatureInput]:
        """The signatures, or SignOffMissing naming the role to fix (shown at its box)."""
        for box in self.boxes:
            box.show_error("")
        if self.confirm_warning.isVisible() and not self.confirm_warning.isChecked():
            raise SignOffMissing(
                "请先确认上面的提醒", "Confirm the warning above first", field="warning"
            )
        out: list[tuple[SignerBox, SignatureInput]] = []
        for box in self.boxes:
            sig = box.signature()
            if sig is not None and not sig.signer_name:
                raise SignOffMissing(
                    f"请填写{signoff.label(box.role, 'zh_CN')}的姓名",
                    f"Enter the {signoff.label(box.role, 'en')}'s name",
                    field=f"signature:{box.role}",
                )
            if sig is None:
                if box.required:
                    raise SignOffMissing(
                        f"请{signoff.label(box.role, 'zh_CN')}签字",
                        f"The {signoff.label(box.role, 'en')} has to sign",
                        field=f"signature:{box.role}",
                    )
                continue
            out.append((box, sig))
        for i, (box_a, a) in enumerate(out):
            for box_b, b in out[i + 1 :]:
                if signoff.same_person(a.signer_name, a.account_id, b.signer_name, b.account_id):
                    raise SignOffMissing(
                        f"同一人不能同时作为{signoff.label(box_a.role, 'zh_CN')}和"
                        f"{signoff.label(box_b.role, 'zh_CN')}签字",
                        f"The same person cannot sign as both {signoff.label(box_a.role, 'en')} "
                        f"and {signoff.label(box_b.role, 'en')}",
                        field=f"signature:{box_b.role}",
                    )
        return [sig for _box, sig in out]

    def show_error(self, err: StorekeeperError) -> None:
        field = err.field or ""
        for box in self.boxes:
            if field == f"signature:{box.role}":
                box.show_error(str(err))
                self.error.hide()
                return
        self.error.setText(str(err))
        self.error.show()

    def _on_ok_button_clicked(self) -> None:
        try:
            self.signatures = self.check()
        except StorekeeperError as err:
            self.show_error(err)
            return
        self.accept()
