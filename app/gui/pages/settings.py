"""Settings page: institution name, language, the data file, backups and restore, checking the
books, and user accounts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.errors import StorekeeperError
from app.domain.progress import Progress
from app.gui import translation
from app.gui.dialogs.accounts import AddAccountDialog, ChangePinDialog
from app.gui.tasks import Task, run_task
from app.gui.widgets.forms import PageHeader, error_label
from app.services import accounts, backup, bootstrap, receiving, scanning, settings
from app.services.backup import Restored
from app.services.verify import Problem, verify
from app.store.database import close_database, database_path
from app.store.models import Account

MANAGERS = ("admin", "approver")  # roles that may add accounts and switch them off


class SettingsPage(QWidget):
    """Every control here acts at once and is remembered in the database."""

    institution_changed = Signal(str)
    books_busy = Signal(bool)  # a restore is about to replace the file (True), or gave up (False)
    books_replaced = Signal(str)  # the restore is done and the books are open again: what to say

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

        self.backup_box = QGroupBox(self)
        self.backup_folder_label = QLabel(self.backup_box)
        self.backup_folder = QLineEdit(self.backup_box)
        self.backup_folder.setReadOnly(True)  # chosen with the folder dialog, never typed
        self.choose_folder = QPushButton(self.backup_box)
        self.keep_label = QLabel(self.backup_box)
        self.keep = QSpinBox(self.backup_box)
        self.keep.setRange(1, 365)
        self.keep.setMinimumWidth(110)
        self.backup_settings_save = QPushButton(self.backup_box)
        self.last_backup = QLabel(self.backup_box)
        self.backup_now = QPushButton(self.backup_box)
        self.backup_now.setObjectName("primary")
        self.backup_to = QPushButton(self.backup_box)
        self.restore_button = QPushButton(self.backup_box)
        self.backup_hint = QLabel(self.backup_box)
        self.backup_hint.setObjectName("muted")
        self.backup_hint.setWordWrap(True)
        self.backup_message = error_label(self.backup_box)
        self.backup_saved = QLabel(self.backup_box)
        self.backup_saved.setObjectName("okMessage")
        self.backup_saved.setWordWrap(True)
        self.backup_saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_saved.hide()
        grid = QGridLayout(self.backup_box)
        grid.addWidget(self.backup_folder_label, 0, 0)
        grid.addWidget(self.backup_folder, 0, 1, 1, 2)
        grid.addWidget(self.choose_folder, 0, 3)
        grid.addWidget(self.keep_label, 1, 0)
        grid.addWidget(self.keep, 1, 1)
        grid.addWidget(self.backup_settings_save, 1, 3)
        grid.addWidget(self.last_backup, 2, 0, 1, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.backup_to)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        grid.addLayout(buttons, 3, 0, 1, 4)
        grid.addWidget(self.backup_hint, 4, 0, 1, 4)
        grid.addWidget(self.backup_message, 5, 0, 1, 4)
        grid.addWidget(self.backup_saved, 6, 0, 1, 4)
        grid.setColumnStretch(2, 1)

        self.check_box = QGroupBox(self)
        self.check_intro = QLabel(self.check_box)
        self.check_intro.setWordWrap(True)
        self.check_button = QPushButton(self.check_box)
        self.check_result = QLabel(self.check_box)
        self.check_result.setWordWrap(True)
        self.check_result.hide()
        self.check_problems = QListWidget(self.check_box)
        self.check_problems.setWordWrap(True)
        self.check_problems.setMinimumHeight(120)
        self.check_problems.hide()
        row = QHBoxLayout()
        row.addWidget(self.check_intro, 1)
        row.addWidget(self.check_button)
        box = QVBoxLayout(self.check_box)
        box.addLayout(row)
        box.addWidget(self.check_result)
        box.addWidget(self.check_problems)

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
        column.addWidget(self.backup_box)
        column.addWidget(self.check_box)
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
        self.choose_folder.clicked.connect(self._on_choose_folder_clicked)
        self.backup_settings_save.clicked.connect(self._on_backup_settings_save_clicked)
        self.backup_now.clicked.connect(self._on_backup_now_clicked)
        self.backup_to.clicked.connect(self._on_backup_to_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.check_button.clicked.connect(self._on_check_button_clicked)

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
            settings.set_language(lang, by=self._by())
        except StorekeeperError as err:
            self.language_message.setText(str(err))
            self.language_message.show()
            return
        translation.apply_language(lang)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))

    def make_add_account_dialog(self) -> AddAccountDialog:
        return AddAccountDialog(self, by=self._by())

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

    def refresh_backups(self) -> None:
        """The backup folder, how many are kept, and when the last one was written."""
        self.backup_folder.setText(str(backup.backup_dir()))
        self.keep.setValue(backup.keep_count())
        when = backup.last_backup_at()
        self.last_backup.setText(
            self.tr("Last backup: {when}").format(when=f"{when:%Y-%m-%d %H:%M}")
            if when
            else self.tr("No backup has been made yet.")
        )
        manage = self.can_manage()
        for widget in (self.choose_folder, self.keep, self.backup_settings_save):
            widget.setEnabled(manage)
        self.restore_button.setEnabled(manage)
        self.backup_hint.setText(
            self.tr(
                "A backup is also written automatically once a day and when the program closes; "
                "the newest ones are kept."
            )
            if manage
            else self.tr("Only an administrator or approver can change these settings or restore.")
        )

    def show_backup_notice(self, text: str) -> None:
        """A green line under the backup buttons (after a backup, or after a restore)."""
        self.backup_message.hide()
        self.backup_saved.setText(text)
        self.backup_saved.setVisible(bool(text))

    def back_up_to(self, folder: Path) -> Task:
        """Write a verified copy of the books into `folder`, off the UI thread."""
        self.backup_message.hide()
        self.backup_saved.hide()
        by = self._by()

        def work(progress: Progress) -> Path:
            return backup.backup_now(folder, by=by, progress=progress)

        return run_task(
            self,
            self.tr("Backing up"),
            work,
            on_done=self._on_backup_task_done,
            on_error=self._show_backup_error,
        )

    def confirm_restore(self, path: Path) -> bool:
        """Say what the chosen backup holds and ask; False (with the reason shown) if refused."""
        self.backup_message.hide()
        self.backup_saved.hide()
        try:
            what = backup.describe(path)
        except StorekeeperError as err:
            self._show_backup_error(err)
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace the books with this backup?\n\n{what}\n\nThe books in use now are "
                "kept beside them under a dated name, so nothing is lost."
            ).format(what=what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_from(self, path: Path) -> Task:
        """Verify `path` and put it in place of the books, off the UI thread.

        The database is closed first (a restore replaces the file under it) and the main window
        stops watching it; afterwards the books are opened again, whatever happened.
        """
        db_path = self.db_path()
        actor = self.account.display_name if self.account is not None else ""
        self.books_busy.emit(True)
        close_database()  # this thread's connection; the file is about to be replaced

        def work(progress: Progress) -> Restored:
            return backup.restore(db_path, path, actor=actor, progress=progress)

        def done(result: Restored) -> None:
            if not self._reopen(db_path):
                return
            kept = result.kept_as.name if result.kept_as else "—"
            self.books_replaced.emit(
                self.tr(
                    "Restored from {file}. The books that were replaced are kept as {kept} "
                    "in {folder}."
                ).format(file=path.name, kept=kept, folder=db_path.parent)
            )

        def failed(err: StorekeeperError) -> None:
            if self._reopen(db_path):
                self.books_busy.emit(False)
                self._show_backup_error(err)

        def cancelled() -> None:
            if self._reopen(db_path):
                self.books_busy.emit(False)
                self.show_backup_notice(self.tr("Restore cancelled; nothing was changed."))

        task = run_task(
            self,
            self.tr("Checking the backup and restoring"),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=cancelled,
        )
        task.dialog.show()  # at once: the window must not be used while the file is replaced
        return task

    def check_books(self) -> Task:
        """Run verify() off the UI thread and show "all good" or every problem found."""
        self.check_result.hide()
        self.check_problems.hide()
        self.check_button.setEnabled(False)

        def work(progress: Progress) -> list[Problem]:
            return verify(progress)

        def done(problems: list[Problem]) -> None:
            self.check_button.setEnabled(True)
            self._show_check(problems)

        def failed(err: StorekeeperError) -> None:
            self.check_button.setEnabled(True)
            self._show_check([], error=str(err))

        return run_task(
            self,
            self.tr("Checking the books"),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=lambda: self.check_button.setEnabled(True),
        )

    # --- slots ------------------------------------------------------------------------------

    def _on_choose_folder_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for automatic backups"), self.backup_folder.text()
        )
        if name:
            self.backup_folder.setText(str(Path(name)))
            self.backup_saved.hide()

    def _on_backup_settings_save_clicked(self) -> None:
        self.backup_message.hide()
        self.backup_saved.hide()
        folder = self.backup_folder.text().strip()
        default = self.db_path().parent / "backups"
        if folder and Path(folder).resolve() == default.resolve():
            folder = ""  # the default follows the data file if it moves
        try:
            backup.set_backup_settings(folder, self.keep.value(), by=self._by())
        except StorekeeperError as err:
            self._show_backup_error(err)
            return
        self.refresh_backups()
        self.show_backup_notice(self.tr("Saved."))

    def _on_backup_now_clicked(self) -> None:
        self.back_up_to(backup.backup_dir())

    def _on_backup_to_clicked(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Back up to a folder or USB stick"), str(Path.home())
        )
        if name:
            self.back_up_to(Path(name))

    def _on_restore_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(backup.backup_dir()),
            self.tr("Storekeeper backups (*.db);;All files (*)"),
        )
        if name and self.confirm_restore(Path(name)):
            self.restore_from(Path(name))

    def _on_check_button_clicked(self) -> None:
        self.check_books()

    def _on_backup_task_done(self, path: Path) -> None:
        self.refresh_backups()
        self.show_backup_notice(self.tr("Backup written to {path}").format(path=path))

    def _on_institution_save_clicked(self) -> None:
        self.institution_message.hide()
        self.institution_saved.hide()
        try:
            settings.set_institution_name(self.institution.text(), by=self._by())
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
            scanning.set_gs_substitute(self.gs_substitute.text().strip(), by=self._by())
            receiving.set_shelf_policy(self.shelf_policy.currentData(), by=self._by())
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
            accounts.set_active(account_id, not acc.active, by=self._by())
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

    def _by(self) -> int | None:
        return self.account.id if self.account is not None else None

    def _show_backup_error(self, err: StorekeeperError) -> None:
        self.backup_saved.hide()
        self.backup_message.setText(str(err))
        self.backup_message.show()

    def _reopen(self, db_path: Path) -> bool:
        """Open the books again after a restore (or a refused one); False if they cannot be."""
        try:
            bootstrap.open_books(db_path, create=False)
        except StorekeeperError as err:
            QMessageBox.critical(
                self,
                self.tr("Restore from a backup"),
                self.tr("The data file cannot be opened.") + "\n\n" + str(err),
            )
            return False
        return True

    def _show_check(self, problems: list[Problem], error: str = "") -> None:
        self.check_problems.clear()
        if error:
            self.check_result.setObjectName("fieldError")
            self.check_result.setText(error)
        elif not problems:
            self.check_result.setObjectName("okMessage")
            self.check_result.setText(
                self.tr(
                    "All good: the file is sound, no voucher, ledger entry, balance or audit "
                    "entry was changed outside the program."
                )
            )
        else:
            self.check_result.setObjectName("fieldError")
            self.check_result.setText(
                self.tr(
                    "{n} problems found. The books were changed outside the program, or the "
                    "file is damaged: restore a backup, or ask for help."
                ).format(n=len(problems))
            )
            self.check_problems.addItems([p.message for p in problems])
            self.check_problems.show()
        self.check_result.style().unpolish(self.check_result)
        self.check_result.style().polish(self.check_result)
        self.check_result.show()

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
                "All records are kept in this one file; back it up below. "
                "Start the program with --db PATH to use another file."
            )
        )
        self.backup_box.setTitle(self.tr("Backups"))
        self.backup_folder_label.setText(self.tr("Automatic backups go to"))
        self.choose_folder.setText(self.tr("Choose..."))
        self.keep_label.setText(self.tr("Keep the newest"))
        self.keep.setSuffix(self.tr(" backups"))
        self.backup_settings_save.setText(self.tr("Save"))
        self.backup_now.setText(self.tr("Back up now"))
        self.backup_now.setToolTip(self.tr("Write a backup into the folder above"))
        self.backup_to.setText(self.tr("Back up to..."))
        self.backup_to.setToolTip(
            self.tr("Write a backup to a folder you choose, e.g. a USB stick")
        )
        self.restore_button.setText(self.tr("Restore from..."))
        self.restore_button.setToolTip(
            self.tr("Replace the books with a backup; the current books are kept beside them")
        )
        self.check_box.setTitle(self.tr("Check the books"))
        self.check_intro.setText(
            self.tr(
                "Checks the data file, every posted voucher, the ledger chain, the balances and "
                "the audit log for anything changed outside the program."
            )
        )
        self.check_button.setText(self.tr("Check the books"))
        self.refresh_backups()
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
