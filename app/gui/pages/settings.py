"""Settings page: institution name, language, where the data file is, and user accounts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.errors import StorekeeperError
from app.gui import translation
from app.gui.dialogs.accounts import AddAccountDialog, ChangePinDialog
from app.gui.widgets.forms import PageHeader, error_label
from app.services import accounts, receiving, scanning, settings
from app.store.database import database_path
from app.store.models import Account

MANAGERS = ("admin", "approver")  # roles that may add accounts and switch them off


class SettingsPage(QWidget):
    """Every control here acts at once and is remembered in the database."""

    institution_changed = Signal(str)

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self._accounts: list[Account] = []
        self.header = PageHeader(self)

        self.institution_box = QGroupBox(self)
        self.institution = QLineEdit(self.institution_box)
        self.institution.setText(settings.institution_name())
        self.institution_save = QPushButton(self.institution_box)
        self.institution_save.setObjectName("primary")
        self.institution_message = error_label(self.institution_box)
        self.institution_saved = QLabel(self.institution_box)
        self.institution_saved.setObjectName("okMessage")
        self.institution_saved.hide()
        row = QHBoxLayout()
        row.addWidget(self.institution, 1)
        row.addWidget(self.institution_save)
        box = QVBoxLayout(self.institution_box)
        box.addLayout(row)
        box.addWidget(self.institution_message)
        box.addWidget(self.institution_saved)

        self.language_box = QGroupBox(self)
        self.language_label = QLabel(self.language_box)
        self.language = QComboBox(self.language_box)
        for code, name in translation.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(translation.current_language()))
        )
        self.language_message = error_label(self.language_box)
        grid = QGridLayout(self.language_box)
        grid.addWidget(self.language_label, 0, 0)
        grid.addWidget(self.language, 0, 1)
        grid.setColumnStretch(2, 1)
        grid.addWidget(self.language_message, 1, 0, 1, 3)

        self.data_box = QGroupBox(self)
        self.data_path = QLabel(self.data_box)
        self.data_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_path.setWordWrap(True)
        self.data_path.setText(str(self.db_path()))
        self.open_folder = QPushButton(self.data_box)
        self.data_hint = QLabel(self.data_box)
        self.data_hint.setObjectName("muted")
        self.data_hint.setWordWrap(True)
        self.data_message = error_label(self.data_box)
        row = QHBoxLayout()
        row.addWidget(self.data_path, 1)
        row.addWidget(self.open_folder)
        box = QVBoxLayout(self.data_box)
        box.addLayout(row)
        box.addWidget(self.data_hint)
        box.addWidget(self.data_message)

        self.scanner_box = QGroupBox(self)
        self.gs_label = QLabel(self.scanner_box)
        self.gs_substitute = QLineEdit(self.scanner_box)
        self.gs_substitute.setMaximumWidth(160)
        self.gs_substitute.setText(scanning.gs_substitute())
        self.shelf_label = QLabel(self.scanner_box)
        self.shelf_policy = QComboBox(self.scanner_box)
        self.scanner_save = QPushButton(self.scanner_box)
        self.scanner_message = error_label(self.scanner_box)
        self.scanner_saved = QLabel(self.scanner_box)
        self.scanner_saved.setObjectName("okMessage")
        self.scanner_saved.hide()
        grid = QGridLayout(self.scanner_box)
        grid.addWidget(self.gs_label, 0, 0)
        grid.addWidget(self.gs_substitute, 0, 1)
        grid.addWidget(self.shelf_label, 1, 0)
        grid.addWidget(self.shelf_policy, 1, 1)
        grid.addWidget(self.scanner_save, 1, 2)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.scanner_message, 2, 0, 1, 4)
        grid.addWidget(self.scanner_saved, 3, 0, 1, 4)

        self.accounts_box = QGroupBox(self)
        self.accounts_table = QTableWidget(0, 4, self.accounts_box)
        self.accounts_table.verticalHeader().hide()
        self.accounts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accounts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.accounts_table.setMinimumHeight(150)
        self.add_account = QPushButton(self.accounts_box)
        self.toggle_account = QPushButton(self.accounts_box)
        self.change_pin = QPushButton(self.accounts_box)
        self.accounts_message = error_label(self.accounts_box)
        self.accounts_hint = QLabel(self.accounts_box)
        self.accounts_hint.setObjectName("muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_account)
        buttons.addWidget(self.toggle_account)
        buttons.addStretch(1)
        buttons.addWidget(self.change_pin)
        box = QVBoxLayout(self.accounts_box)
        box.addWidget(self.accounts_table)
        box.addLayout(buttons)
        box.addWidget(self.accounts_hint)
        box.addWidget(self.accounts_message)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        top_row = QHBoxLayout()
        top_row.setSpacing(16)
        top_row.addWidget(self.institution_box, 3)
        top_row.addWidget(self.language_box, 2)
        column.addLayout(top_row)
        column.addWidget(self.data_box)
        column.addWidget(self.scanner_box)
        column.addWidget(self.accounts_box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)

        self._connect_signals()
        self._retranslate()

    def _connect_signals(self) -> None:
        self.institution_save.clicked.connect(self._on_institution_save_clicked)
        self.institution.returnPressed.connect(self._on_institution_save_clicked)
        self.institution.textEdited.connect(self._on_institution_textEdited)
        self.language.activated.connect(self._on_language_activated)
        self.open_folder.clicked.connect(self._on_open_folder_clicked)
        self.scanner_save.clicked.connect(self._on_scanner_save_clicked)
        self.add_account.clicked.connect(self._on_add_account_clicked)
        self.toggle_account.clicked.connect(self._on_toggle_account_clicked)
        self.change_pin.clicked.connect(self._on_change_pin_clicked)
        self.accounts_table.selectionModel().selectionChanged.connect(
            self._on_accounts_table_selectionChanged
        )

    # --- public -----------------------------------------------------------------------------

    @staticmethod
    def db_path() -> Path:
        return database_path().resolve()

    def can_manage(self) -> bool:
        return self.account is not None and self.account.role in MANAGERS

    def set_language(self, lang: str) -> None:
        """Apply and remember a language, as choosing it in the box does."""
        self.language_message.hide()
        try:
            settings.set_language(lang)
        except StorekeeperError as err:
            self.language_message.setText(str(err))
            self.language_message.show()
            return
        translation.apply_language(lang)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))

    def make_add_account_dialog(self) -> AddAccountDialog:
        return AddAccountDialog(self)

    def make_change_pin_dialog(self) -> ChangePinDialog | None:
        return ChangePinDialog(self.account.id, self) if self.account is not None else None

    def refresh_accounts(self) -> None:
        selected = self._selected_account_id()
        self._accounts = accounts.list_accounts()
        table = self.accounts_table
        table.setRowCount(len(self._accounts))
        for n, acc in enumerate(self._accounts):
            status = self.tr("active") if acc.active else self.tr("switched off")
            cells = (acc.username, acc.display_name, codes.label(acc.role), status)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, acc.id)
                table.setItem(n, column, cell)
            if acc.id == selected:
                table.selectRow(n)
        self._update_account_buttons()

    # --- slots ------------------------------------------------------------------------------

    def _on_institution_save_clicked(self) -> None:
        self.institution_message.hide()
        self.institution_saved.hide()
        try:
            settings.set_institution_name(self.institution.text())
        except StorekeeperError as err:
            self.institution_message.setText(str(err))
            self.institution_message.show()
            self.institution.setFocus()
            return
        self.institution.setText(settings.institution_name())
        self.institution_saved.setText(self.tr("Saved."))
        self.institution_saved.show()
        self.institution_changed.emit(settings.institution_name())

    def _on_scanner_save_clicked(self) -> None:
        """The GS1 separator stand-in of every scan field, and short shelf life: warn or block."""
        self.scanner_message.hide()
        self.scanner_saved.hide()
        try:
            by = self.account.id if self.account is not None else None
            scanning.set_gs_substitute(self.gs_substitute.text().strip(), by=by)
            receiving.set_shelf_policy(self.shelf_policy.currentData())
        except StorekeeperError as err:
            self.scanner_message.setText(str(err))
            self.scanner_message.show()
            self.gs_substitute.setFocus()
            return
        self.scanner_saved.setText(self.tr("Saved."))
        self.scanner_saved.show()

    def _on_institution_textEdited(self, _text: str) -> None:
        self.institution_saved.hide()

    def _on_language_activated(self, index: int) -> None:
        self.set_language(self.language.itemData(index))

    def _on_open_folder_clicked(self) -> None:
        self.data_message.hide()
        folder = self.db_path().parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.data_message.setText(
                self.tr("Could not open the folder; it is {path}").format(path=folder)
            )
            self.data_message.show()

    def _on_add_account_clicked(self) -> None:
        dialog = self.make_add_account_dialog()
        if dialog.exec():
            self.refresh_accounts()

    def _on_toggle_account_clicked(self) -> None:
        self.accounts_message.hide()
        account_id = self._selected_account_id()
        if account_id is None:
            return
        acc = next(a for a in self._accounts if a.id == account_id)
        try:
            accounts.set_active(account_id, not acc.active)
        except StorekeeperError as err:
            self.accounts_message.setText(str(err))
            self.accounts_message.show()
            return
        self.refresh_accounts()

    def _on_change_pin_clicked(self) -> None:
        dialog = self.make_change_pin_dialog()
        if dialog is not None and dialog.exec():
            self.accounts_message.hide()

    def _on_accounts_table_selectionChanged(self, _n: QItemSelection, _o: QItemSelection) -> None:
        self._update_account_buttons()

    # --- helpers ----------------------------------------------------------------------------

    def _selected_account_id(self) -> int | None:
        rows = self.accounts_table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.accounts_table.item(rows[0].row(), 0)
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def _update_account_buttons(self) -> None:
        manage = self.can_manage()
        self.add_account.setEnabled(manage)
        account_id = self._selected_account_id()
        acc = next((a for a in self._accounts if a.id == account_id), None)
        self.toggle_account.setEnabled(manage and acc is not None)
        if acc is not None and not acc.active:
            self.toggle_account.setText(self.tr("Switch on"))
        else:
            self.toggle_account.setText(self.tr("Switch off"))
        self.change_pin.setEnabled(self.account is not None)
        tip = "" if manage else self.tr("Only an administrator or approver can manage accounts.")
        self.add_account.setToolTip(tip)
        self.toggle_account.setToolTip(tip)
        self.accounts_hint.setText(tip)
        self.accounts_hint.setVisible(not manage)

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Settings"))
        self.institution_box.setTitle(self.tr("Institution"))
        self.institution.setPlaceholderText(self.tr("The name printed on every voucher"))
        self.institution_save.setText(self.tr("Save"))
        self.language_box.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("Language of the program"))
        self.data_box.setTitle(self.tr("Data file"))
        self.open_folder.setText(self.tr("Open folder"))
        self.data_hint.setText(
            self.tr(
                "All records are kept in this one file. Copy it to keep a backup; "
                "start the program with --db PATH to use another file."
            )
        )
        self.scanner_box.setTitle(self.tr("Scanner and receiving"))
        self.gs_label.setText(self.tr("Text the scanner sends for the GS1 separator"))
        self.gs_substitute.setPlaceholderText("<GS>")
        self.shelf_label.setText(self.tr("Remaining shelf life below the item's minimum"))
        policy = receiving.shelf_policy()
        self.shelf_policy.clear()
        self.shelf_policy.addItem(self.tr("Warn, accept after confirming"), "warn")
        self.shelf_policy.addItem(self.tr("Refuse the goods"), "block")
        self.shelf_policy.setCurrentIndex(max(0, self.shelf_policy.findData(policy)))
        self.scanner_save.setText(self.tr("Save"))
        self.accounts_box.setTitle(self.tr("Accounts"))
        self.accounts_table.setHorizontalHeaderLabels(
            [self.tr("Login name"), self.tr("Display name"), self.tr("Role"), self.tr("Status")]
        )
        self.add_account.setText(self.tr("Add account..."))
        self.change_pin.setText(self.tr("Change my PIN..."))
        self.refresh_accounts()
