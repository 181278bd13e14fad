"""An approver lets an issue through over a limit: the refusal shown, their PIN and a reason."""

from __future__ import annotations

from PySide6.QtCore import QEvent
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

from app.domain.errors import StorekeeperError
from app.gui.widgets.forms import FieldErrors, error_label
from app.services import accounts, issuing
from app.services.issuing import OverrideApproval


class OverrideDialog(QDialog):
    """Shows why the issue was refused; an approver confirms with PIN and reason."""

    def __init__(self, refusal: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approval: OverrideApproval | None = None
        self.refusal = QLabel(refusal, self)
        self.refusal.setObjectName("fieldError")
        self.refusal.setWordWrap(True)
        self.user = QComboBox(self)
        for acc in accounts.list_accounts():
            if acc.active and acc.role in issuing.APPROVER_ROLES:
                self.user.addItem(f"{acc.display_name} ({acc.username})", acc.username)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.reason = QLineEdit(self)
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.form = QFormLayout()
        self.user_caption = QLabel(self)
        self.pin_caption = QLabel(self)
        self.reason_caption = QLabel(self)
        self.form.addRow(self.user_caption, self.errors.wrap("username", self.user))
        self.form.addRow(self.pin_caption, self.errors.wrap("pin", self.pin))
        self.form.addRow(self.reason_caption, self.errors.wrap("reason", self.reason))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.refusal)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._retranslate()
        self.resize(620, 360)

    def _connect_signals(self) -> None:
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Issue over the limit"))
        self.hint.setText(
            self.tr(
                "Only an approver may let this issue through. The override, its reason and "
                "the approver are recorded and listed in the overrides report."
            )
        )
        self.user_caption.setText(self.tr("Approver"))
        self.pin_caption.setText(self.tr("PIN"))
        self.reason_caption.setText(self.tr("Reason"))
        self.ok_button.setText(self.tr("Approve and issue"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_ok_button_clicked(self) -> None:
        self.errors.clear()
        try:
            self.approval = issuing.approve_override(
                self.user.currentData() or "", self.pin.text(), self.reason.text()
            )
        except StorekeeperError as err:
            self.pin.clear()
            self.errors.show(err)
            return
        self.accept()
