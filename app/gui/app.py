"""Starting the GUI: look and language, open the books, first start, login, main window."""

from __future__ import annotations

import contextlib
import gc
import importlib
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import paths
from app.domain import i18n
from app.domain.errors import StorekeeperError
from app.gui import theme, translation
from app.gui.dialogs.accounts import FirstStartDialog, LoginDialog
from app.gui.main_window import MainWindow
from app.services import accounts, backup, bootstrap, settings
from app.store.database import close_database
from app.store.models import Account


def prepare_application(lang: str | None = None) -> QApplication:
    """The QApplication with Fusion, the bundled font, style.qss and translations."""
    # Slow work (labels, verify, exports) runs on worker threads. Python hands its lock to a
    # waiting thread only every 5 ms by default, so the UI thread, which lets go of it at every
    # row SQLite reads, waited up to 5 ms a row while a worker drew labels (a page of 600
    # slots took 5 s to open instead of 0.2 s). At 1 ms the UI thread gets it back promptly.
    sys.setswitchinterval(0.001)
    app = theme.ensure_application()
    app.setApplicationName("Storekeeper")
    app.setOrganizationName("Storekeeper")
    theme.apply_look(app)
    translation.apply_language(lang or i18n.language())
    return app


# Loaded on first use so that no page waits for them when it opens (pinyin's dictionaries
# 0.4 s, the GS1 tables 0.2 s); loaded soon after start on a worker thread, so that the first
# name typed into a picker or the first scan does not wait for them either.
WARM_UP = ("pypinyin", "biip")
WARM_UP_AFTER_MS = 2000


def warm_up() -> threading.Thread:
    """Import WARM_UP on a daemon thread (the UI thread gets Python's lock back every 1 ms)."""

    def load() -> None:
        for name in WARM_UP:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)

    thread = threading.Thread(target=load, name="warm-up", daemon=True)
    thread.start()
    return thread


def build_main_window(account: Account | None) -> MainWindow:
    """The main window for `account` on the open database, without any dialog (tests, shots)."""
    return MainWindow(account)


def start_session() -> Account | None:
    """First start (institution + first account) when needed, then login; None if cancelled."""
    if not accounts.has_accounts() or not settings.institution_name():
        first = FirstStartDialog()
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        if first.account is not None:
            return first.account  # they have just chosen the PIN; no need to type it again
    login = LoginDialog()
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    return login.account


def crash_log_path() -> Path:
    return paths.user_data_dir() / "logs" / "crash.log"


def _show_crash(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """A bug, not the user's doing: write it down and say where, then carry on."""
    text = "".join(traceback.format_exception(kind, error, tb))
    log = crash_log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n{text}\n")
        where = str(log)
    except OSError:
        where = QCoreApplication.translate("Startup", "(the log could not be written)")
    sys.stderr.write(text)
    box = QMessageBox(
        QMessageBox.Icon.Critical, QCoreApplication.translate("Startup", "Unexpected error"), ""
    )
    box.setText(
        QCoreApplication.translate(
            "Startup",
            "Something went wrong inside the program. You can go on working; if it happens "
            "again, send the log file to whoever looks after the program.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate("Startup", "The details are written to {path}").format(
            path=where
        )
    )
    box.setDetailedText(text)
    box.exec()


def run_gui(db_path: Path) -> int:
    """Start the desktop app on `db_path`; the process exit code (2 when it cannot be opened)."""
    app = prepare_application("zh_CN")
    try:
        bootstrap.open_books(Path(db_path), create=True)
    except StorekeeperError as err:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Startup", "Storekeeper"),
            QCoreApplication.translate("Startup", "The data file cannot be opened.")
            + "\n\n"
            + str(err),
        )
        return 2
    try:
        translation.apply_language(settings.language())
        account = start_session()
        if account is None:
            return 0
        window = build_main_window(account)
        window.show()
        # What exists now (modules, the window) lives as long as the app; the collector need
        # not walk it again: its full passes landed inside page opens, 50-90 ms each.
        gc.freeze()
        QTimer.singleShot(WARM_UP_AFTER_MS, warm_up)
        _auto_backup(window, force=False)  # once a day
        previous_hook = sys.excepthook
        sys.excepthook = _show_crash
        try:
            code = app.exec()
        finally:
            sys.excepthook = previous_hook
        _auto_backup(None, force=True)  # and on every exit
        return code
    finally:
        close_database()


def _auto_backup(window: QWidget | None, *, force: bool) -> None:
    """The automatic backup; a failure (full disk, missing folder) is said, never fatal."""
    try:
        backup.auto_backup(force=force)
    except StorekeeperError as err:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("Startup", "Storekeeper"),
            QCoreApplication.translate("Startup", "The automatic backup failed.")
            + "\n\n"
            + str(err),
        )
