"""Settings page: institution, language (live and remembered), data file, accounts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain import i18n
from app.domain.errors import AuthError
from app.gui.main_window import MainWindow
from app.gui.pages import settings as settings_page
from app.services import accounts, settings
from tests.gui.conftest import Books


def test_switch_language_to_english_and_back(qtbot: QtBot, window: MainWindow) -> None:
    page = window.settings_page
    window.show_page("settings")
    assert window.stock_page.header.title.text() == "现有库存"
    assert window.sidebar.item(1).text() == "库存"
    index = page.language.findData("en")
    page.language.setCurrentIndex(index)
    page.language.activated.emit(index)
    assert window.stock_page.header.title.text() == "Stock on hand"
    assert window.sidebar.item(1).text() == "Stock"
    assert page.header.title.text() == "Settings"
    assert window.stock_page.model.headerData(0, Qt.Orientation.Horizontal) == "Code / batch"
    assert window.card_page.model.headerData(8, Qt.Orientation.Horizontal) == "Balance"
    assert settings.language() == "en"  # remembered
    assert i18n.language() == "en"  # messages from services follow
    page.set_language("zh_CN")
    assert window.stock_page.header.title.text() == "现有库存"
    assert window.sidebar.item(1).text() == "库存"
    assert settings.language() == "zh_CN"


def test_institution_name_is_validated_and_saved(qtbot: QtBot, window: MainWindow) -> None:
    page = window.settings_page
    page.institution.clear()
    qtbot.mouseClick(page.institution_save, Qt.MouseButton.LeftButton)
    assert page.institution_message.text() == "请填写单位名称"
    assert settings.institution_name() == "阳光幼儿园"
    page.institution.setText("  星星幼儿园 ")
    qtbot.mouseClick(page.institution_save, Qt.MouseButton.LeftButton)
    assert page.institution_message.isHidden()
    assert settings.institution_name() == "星星幼儿园"
    assert "星星幼儿园" in window.status_institution.text()
    assert "星星幼儿园" in window.windowTitle()


def test_data_file_and_open_folder(
    qtbot: QtBot, window: MainWindow, books: Books, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.settings_page
    assert page.data_path.text() == str(books.path.resolve())
    opened: list[QUrl] = []

    class FakeDesktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:  # noqa: N802 - Qt's name
            opened.append(url)
            return True

    monkeypatch.setattr(settings_page, "QDesktopServices", FakeDesktop)
    qtbot.mouseClick(page.open_folder, Qt.MouseButton.LeftButton)
    assert [Path(u.toLocalFile()) for u in opened] == [books.path.resolve().parent]


def test_add_account_checks_the_pin_twice(qtbot: QtBot, window: MainWindow) -> None:
    page = window.settings_page
    assert page.add_account.isEnabled()  # the fixture's account is an admin
    dialog = page.make_add_account_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "head")
    dialog.display_name.setText("李园长")
    dialog.role.setCurrentIndex(dialog.role.findData("approver"))
    qtbot.keyClicks(dialog.pin, "5678")
    qtbot.keyClicks(dialog.pin_again, "5679")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_at("pin_again") == "两次输入的 PIN 不一致"
    dialog.pin_again.setText("5678")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh_accounts()
    assert page.accounts_table.rowCount() == 2
    assert page.accounts_table.item(1, 2).text() == "审核人"
    assert accounts.authenticate("head", "5678").role == "approver"


def test_switch_account_off_and_on(qtbot: QtBot, window: MainWindow) -> None:
    page = window.settings_page
    accounts.create_account("head", "李园长", "approver", "5678")
    page.refresh_accounts()
    page.accounts_table.selectRow(1)
    assert page.toggle_account.text() == "停用"
    qtbot.mouseClick(page.toggle_account, Qt.MouseButton.LeftButton)
    assert page.accounts_table.item(1, 3).text() == "已停用"
    with pytest.raises(AuthError):
        accounts.authenticate("head", "5678")
    page.accounts_table.selectRow(1)
    assert page.toggle_account.text() == "启用"
    qtbot.mouseClick(page.toggle_account, Qt.MouseButton.LeftButton)
    assert page.accounts_table.item(1, 3).text() == "启用"
    # The last active account cannot be switched off; the page says why.
    accounts.set_active(accounts.authenticate("head", "5678").id, False)
    page.refresh_accounts()
    page.accounts_table.selectRow(0)
    qtbot.mouseClick(page.toggle_account, Qt.MouseButton.LeftButton)
    assert page.accounts_message.text() == "不能停用最后一个账户"


def test_storekeeper_cannot_manage_accounts(window: MainWindow) -> None:
    page = window.settings_page
    page.account = accounts.create_account("clerk", "王保管", "storekeeper", "2468")
    page.refresh_accounts()
    assert not page.add_account.isEnabled()
    assert not page.toggle_account.isEnabled()
    assert page.change_pin.isEnabled()
    assert page.accounts_hint.text() == "只有管理员或审核人可以管理账户。"


def test_change_my_pin(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.settings_page.make_change_pin_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old_pin, "0000")
    qtbot.keyClicks(dialog.new_pin, "4321")
    qtbot.keyClicks(dialog.pin_again, "4321")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_at("old_pin") == "用户名或 PIN 不正确"
    dialog.old_pin.setText("1234")
    dialog.new_pin.setText("12")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_at("new_pin") == "PIN 应为 4 到 12 位数字"
    dialog.new_pin.setText("4321")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert accounts.authenticate("keeper", "4321").username == "keeper"


def test_scanner_separator_and_shelf_life_policy(qtbot: QtBot, window: MainWindow) -> None:
    from app.services import lookup, receiving, scanning

    page = window.settings_page
    window.show_page("settings")
    assert page.gs_substitute.text() == "<GS>"
    page.gs_substitute.setText("ABC")  # letters only would clash with the code itself
    qtbot.mouseClick(page.scanner_save, Qt.MouseButton.LeftButton)
    assert page.scanner_message.isVisibleTo(page) and "<GS>" in page.scanner_message.text()
    assert scanning.gs_substitute() == "<GS>"
    page.gs_substitute.setText("~~")
    page.shelf_policy.setCurrentIndex(page.shelf_policy.findData("block"))
    qtbot.mouseClick(page.scanner_save, Qt.MouseButton.LeftButton)
    assert not page.scanner_message.isVisibleTo(page)
    assert scanning.gs_substitute() == "~~" == lookup.gs1_substitute()
    assert receiving.shelf_policy() == "block"
    found = lookup.resolve("010690123400001610LOT7~~17270600")
    assert found.kind == "gs1"


# --- backups, restore, checking the books ------------------------------------------------------


def _wait_tasks(qtbot: QtBot) -> None:
    """Let background work (tasks.run_task) finish and its results reach the page."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(60_000)
    qtbot.wait(50)


def test_back_up_to_a_chosen_folder(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from app.services import audit

    page = window.settings_page
    window.show_page("settings")
    assert page.last_backup.text() == "还没有备份过。"
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(
        settings_page.QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb)
    )
    qtbot.mouseClick(page.backup_to, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.backup_saved.isVisible, timeout=20_000)
    copies = list(usb.glob("*.db"))
    assert len(copies) == 1
    assert str(copies[0]) in page.backup_saved.text()
    con = sqlite3.connect(copies[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT value FROM meta WHERE key='institution_name'").fetchone()[0] == (
        "阳光幼儿园"
    )
    con.close()
    assert page.last_backup.text().startswith("上次备份：")
    last = audit.entries()[0]
    assert last.action == "backup.manual" and last.actor == "张保管"


def test_backup_to_a_folder_that_cannot_be_written_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    page = window.settings_page
    page.back_up_to(blocker / "sub")
    _wait_tasks(qtbot)
    assert page.backup_message.isVisibleTo(page)
    assert "备份" in page.backup_message.text()


def test_backup_settings_are_saved_and_audited(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import audit, backup

    page = window.settings_page
    folder = tmp_path / "kept"
    folder.mkdir()
    monkeypatch.setattr(
        settings_page.QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder)
    )
    qtbot.mouseClick(page.choose_folder, Qt.MouseButton.LeftButton)
    page.keep.setValue(4)
    qtbot.mouseClick(page.backup_settings_save, Qt.MouseButton.LeftButton)
    assert backup.backup_dir() == folder and backup.keep_count() == 4
    assert audit.entries()[0].action == "settings.backup"
    assert audit.entries()[0].actor == "张保管"
    clerk = accounts.create_account("clerk", "王保管", "storekeeper", "2468")
    page.account = clerk
    page.refresh_backups()
    assert not page.restore_button.isEnabled() and not page.backup_settings_save.isEnabled()
    assert page.backup_now.isEnabled()  # anyone may make a backup


def test_restore_a_backup_brings_the_old_books_back(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import audit, backup, ledger
    from app.store.models import Balance

    copy = backup.backup_now(tmp_path / "usb")
    n95 = books.lots["N95-2405"]

    def on_hand() -> int:
        return sum(b.qty for b in Balance.select().where(Balance.lot == n95))

    slot = Balance.select().where(Balance.lot == n95).first().slot_id
    ledger.post_new("issue", [ledger.Line(books.items["FH-N95"], n95, slot, 80)])
    settings.set_institution_name("改过的名字")
    assert on_hand() == books.lot_qty["N95-2405"] - 80

    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return settings_page.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(
        settings_page.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(copy), "")
    )
    monkeypatch.setattr(settings_page.QMessageBox, "question", question)
    window.show_page("settings")
    qtbot.mouseClick(window.settings_page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.successor is not None, timeout=30_000)
    successor = window.successor
    assert successor is not None
    qtbot.addWidget(successor)
    # the confirmation named the backup's contents
    assert "阳光幼儿园" in asked[0] and "已过账单据 8 张" in asked[0]
    # the restored books are open and every page reads them
    assert on_hand() == books.lot_qty["N95-2405"]
    assert settings.institution_name() == "阳光幼儿园"
    assert successor.institution_label.text() == "阳光幼儿园"
    assert successor.current_page() == "settings"
    assert not window.isVisible() and successor.isVisible()
    assert successor.account is not None and successor.account.username == "keeper"
    # the replaced books are kept beside the file, and the page says where
    kept = list(books.path.parent.glob("books.before-restore-*.db"))
    assert len(kept) == 1
    assert kept[0].name in successor.settings_page.backup_saved.text()
    last = audit.entries()[0]
    assert last.action == "restore" and last.actor == "张保管"
    assert last.details["kept_as"] == str(kept[0])


def test_restore_refuses_a_foreign_file_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    asked: list[str] = []
    monkeypatch.setattr(
        settings_page.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(foreign), "")
    )
    monkeypatch.setattr(
        settings_page.QMessageBox, "question", lambda *a: asked.append("asked") or 0
    )
    page = window.settings_page
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert asked == []  # refused before asking
    assert page.backup_message.isVisibleTo(page)
    assert "不是 Storekeeper 数据库" in page.backup_message.text()
    assert window.successor is None
    assert not list(books.path.parent.glob("*.before-restore-*"))
    assert settings.institution_name() == "阳光幼儿园"


def test_restore_refuses_a_tampered_backup_and_carries_on(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path
) -> None:
    import sqlite3

    from app.services import backup

    copy = backup.backup_now(tmp_path / "usb")
    con = sqlite3.connect(copy)
    con.execute("UPDATE ledger_entry SET delta = delta + 1 WHERE id = 1")
    con.commit()
    con.close()

    def snapshot() -> list[tuple]:
        from app.store.database import db

        return [
            db.execute_sql(f"SELECT COUNT(*), MAX(rowid) FROM {table}").fetchone()
            for table in ("voucher", "ledger_entry", "balance", "audit_log", "meta")
        ]

    before = snapshot()
    page = window.settings_page
    task = page.restore_from(copy)
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert "未通过校验" in page.backup_message.text()
    assert window.successor is None
    assert not list(books.path.parent.glob("*.before-restore-*"))
    assert snapshot() == before
    # the books are open again and the window watches them again
    assert settings.institution_name() == "阳光幼儿园"
    assert window.watch_timer.isActive()


def test_check_the_books(qtbot: QtBot, window: MainWindow) -> None:
    from app.store.database import db

    page = window.show_page("settings")
    assert isinstance(page, settings_page.SettingsPage)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.check_result.isVisible, timeout=30_000)
    assert page.check_result.text().startswith("一切正常")
    assert page.check_problems.isHidden()
    db.execute_sql("UPDATE ledger_entry SET delta = delta + 5 WHERE id = 2")
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.check_problems.count() > 0, timeout=30_000)
    assert "处问题" in page.check_result.text()
    texts = [page.check_problems.item(i).text() for i in range(page.check_problems.count())]
    assert any("台账记录 2" in t for t in texts)


def test_after_a_restore_without_my_account_someone_logs_in(
    qtbot: QtBot, books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.gui import app as gui_app
    from app.gui.app import build_main_window
    from app.services import backup
    from app.store.models import Account

    copy = backup.backup_now(tmp_path / "usb")  # made before the account below existed
    clerk = accounts.create_account("deputy", "赵副园长", "admin", "2468")
    win = build_main_window(clerk)
    qtbot.addWidget(win)
    win.show()
    asked: list[bool] = []

    def log_in() -> Account:
        asked.append(True)
        return Account.get(Account.username == "keeper")

    monkeypatch.setattr(gui_app, "start_session", log_in)
    win.settings_page.restore_from(copy)
    qtbot.waitUntil(lambda: win.successor is not None, timeout=30_000)
    successor = win.successor
    assert successor is not None
    qtbot.addWidget(successor)
    assert asked == [True]
    assert successor.account is not None and successor.account.username == "keeper"
    assert Account.get_or_none(Account.username == "deputy") is None  # the restored books
