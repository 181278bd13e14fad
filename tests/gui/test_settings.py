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
    assert window.sidebar.item(0).text() == "库存"
    index = page.language.findData("en")
    page.language.setCurrentIndex(index)
    page.language.activated.emit(index)
    assert window.stock_page.header.title.text() == "Stock on hand"
    assert window.sidebar.item(0).text() == "Stock"
    assert page.header.title.text() == "Settings"
    assert window.stock_page.model.headerData(0, Qt.Orientation.Horizontal) == "Code / batch"
    assert window.card_page.model.headerData(8, Qt.Orientation.Horizontal) == "Balance"
    assert settings.language() == "en"  # remembered
    assert i18n.language() == "en"  # messages from services follow
    page.set_language("zh_CN")
    assert window.stock_page.header.title.text() == "现有库存"
    assert window.sidebar.item(0).text() == "库存"
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
    found = lookup.resolve("0106901234000016" "10LOT7~~" "17270600")
    assert found.kind == "gs1"
