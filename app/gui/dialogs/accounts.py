"""Account dialogs: first start (institution + first admin), login, add account, change PIN."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.errors import AuthError, BadInput, StorekeeperError
from app.domain.pins import check_pin_format
from app.gui.widgets.forms import FieldErrors, error_label, mark_primary
from app.services import accounts, settings
from app.store.models import Account


def pin_edit(parent: QWidget) -> QLineEdit:
    """A PIN field: digits only, hidden, no input method."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(12)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhHiddenText)
    return edit


def check_repeat(pin: str, again: str) -> None:
    if pin != again:
        raise BadInput("两次输入的 PIN 不一致", "The two PINs differ", field="pin_again")


class _FormDialog(QDialog):
    """A titled form with field errors and OK/Cancel; subclasses fill rows and handle OK."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.form.setHorizontalSpacing(14)
        self.general_error = error_label(self)
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        mark_primary(self.ok_button)
        self.ok_button.setDefault(True)
        self._row_labels: list[tuple[QLabel, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self._on_buttons_rejected)

    def add_row(self, field: str, widget: QWidget) -> None:
        label = QLabel(self)
        self._row_labels.append((label, field))
        self.form.addRow(label, self.errors.wrap(field, widget))

    def error_at(self, field: str) -> str:
        return self.errors.message(field)

    def _on_buttons_accepted(self) -> None:
        try:
            self.submit()
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.accept()

    def _on_buttons_rejected(self) -> None:
        self.reject()

    def submit(self) -> None:
        """Do the dialog's work; raise StorekeeperError to keep it open with the message."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


class FirstStartDialog(_FormDialog):
    """The only set-up there is: the institution's name and the first (admin) account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account: Account | None = None
        self.need_account = not accounts.has_accounts()
        self.institution = QLineEdit(self)
        self.institution.setText(settings.institution_name())
        self.add_row("institution", self.institution)
        self.username = QLineEdit(self)
        self.username.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.display_name = QLineEdit(self)
        self.pin = pin_edit(self)
        self.pin_again = pin_edit(self)
        if self.need_account:
            self.add_row("username", self.username)
            self.add_row("display_name", self.display_name)
            self.add_row("pin", self.pin)
            self.add_row("pin_again", self.pin_again)
        else:
            for widget in (self.username, self.display_name, self.pin, self.pin_again):
                widget.hide()
        self.retranslate()

    def submit(self) -> None:
        if self.need_account:
            check_pin_format(self.pin.text())
            check_repeat(self.pin.text(), self.pin_again.text())
        settings.set_institution_name(self.institution.text())
        if self.need_account:
            self.account = accounts.create_account(
                self.username.text(), self.display_name.text(), "admin", self.pin.text()
            )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Storekeeper"))
        self.intro.setText(
            self.tr(
                "Enter your institution's name and create the first account. "
                "It can manage the other accounts later. Nothing else needs setting up."
            )
        )
        texts = {
            "institution": self.tr("Institution"),
            "username": self.tr("Login name"),
            "display_name": self.tr("Your name"),
            "pin": self.tr("PIN (4–12 digits)"),
            "pin_again": self.tr("PIN again"),
        }
        for label, field in self._row_labels:
            label.setText(texts[field])
        self.institution.setPlaceholderText(self.tr("e.g. Sunshine Kindergarten"))
        self.username.setPlaceholderText(self.tr("letters or digits, e.g. admin"))


class LoginDialog(_FormDialog):
    """Pick a user and type the PIN; accounts.authenticate decides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account: Account | None = None
        self.user = QComboBox(self)
        for acc in accounts.list_accounts():
            if acc.active:
                self.user.addItem(f"{acc.display_name} ({acc.username})", acc.username)
        self.pin = pin_edit(self)
        self.add_row("user", self.user)
        self.add_row("pin", self.pin)
        self.intro.setObjectName("detailTitle")
        self.pin.setFocus()
        self.retranslate()

    def submit(self) -> None:
        self.account = accounts.authenticate(self.user.currentData() or "", self.pin.text())

    def _on_buttons_accepted(self) -> None:
        super()._on_buttons_accepted()
        if self.account is None:
            self.pin.selectAll()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in"))
        self.intro.setText(settings.institution_name())
        texts = {"user": self.tr("User"), "pin": self.tr("PIN")}
        for label, field in self._row_labels:
            label.setText(texts[field])
        self.ok_button.setText(self.tr("Log in"))


class AddAccountDialog(_FormDialog):
    """A new account: login name, display name, role and PIN (twice)."""

    def __init__(self, parent: QWidget | None = None, *, by: int | None = None) -> None:
        super().__init__(parent)
        self.account: Account | None = None
        self.by = by  # who adds it, for the audit log
        self.username = QLineEdit(self)
        self.username.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.display_name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in codes.ROLES:
            self.role.addItem(codes.label(role), role)
        self.pin = pin_edit(self)
        self.pin_again = pin_edit(self)
        self.add_row("username", self.username)
        self.add_row("display_name", self.display_name)
        self.add_row("role", self.role)
        self.add_row("pin", self.pin)
        self.add_row("pin_again", self.pin_again)
        self.retranslate()

    def submit(self) -> None:
        check_repeat(self.pin.text(), self.pin_again.text())
        self.account = accounts.create_account(
            self.username.text(),
            self.display_name.text(),
            self.role.currentData(),
            self.pin.text(),
            by=self.by,
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add account"))
        self.intro.setText(self.tr("The new user logs in with this name and PIN."))
        texts = {
            "username": self.tr("Login name"),
            "display_name": self.tr("Display name"),
            "role": self.tr("Role"),
            "pin": self.tr("PIN (4–12 digits)"),
            "pin_again": self.tr("PIN again"),
        }
        for label, field in self._row_labels:
            label.setText(texts[field])
        for n, role in enumerate(codes.ROLES):
            self.role.setItemText(n, codes.label(role))


class ChangePinDialog(_FormDialog):
    """Change one's own PIN: the old one first, then the new one twice."""

    def __init__(self, account_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account_id = account_id
        self.old_pin = pin_edit(self)
        self.new_pin = pin_edit(self)
        self.pin_again = pin_edit(self)
        self.add_row("old_pin", self.old_pin)
        self.add_row("new_pin", self.new_pin)
        self.add_row("pin_again", self.pin_again)
        self.retranslate()

    def submit(self) -> None:
        new = self.new_pin.text()
        try:
            check_pin_format(new)
        except BadInput as err:
            err.field = "new_pin"
            raise
        check_repeat(new, self.pin_again.text())
        try:
            accounts.change_pin(self.account_id, self.old_pin.text(), new)
        except AuthError as err:
            err.field = "old_pin"
            raise

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change my PIN"))
        self.intro.setText(self.tr("Type your current PIN, then the new one twice."))
        texts = {
            "old_pin": self.tr("Current PIN"),
            "new_pin": self.tr("New PIN (4–12 digits)"),
            "pin_again": self.tr("New PIN again"),
        }
        for label, field in self._row_labels:
            label.setText(texts[field])
