"""Starting up: look, bad data file, first start, login, and the screenshot command."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.domain.errors import BadInput
from app.gui import app as gui_app_module
from app.gui import theme, translation
from app.gui.dialogs.accounts import FirstStartDialog, LoginDialog
from app.gui.screenshot import screenshot
from app.services import accounts, bootstrap, settings
from app.store.database import close_database
from tests.gui.conftest import Books


def test_application_look(gui_app: QApplication) -> None:
    font = gui_app.font()
    assert QFontInfo(font).family() == theme.FONT_FAMILY  # the bundled font, really loaded
    assert font.pixelSize() >= 14
    assert "font-size: 15px" in gui_app.styleSheet()


def test_chinese_translations_and_qt_own_are_loaded(gui_app: QApplication) -> None:
    translation.apply_language("zh_CN")
    assert gui_app.translate("MainWindow", "Stock") == "库存"
    assert gui_app.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own qtbase_zh_CN
    translation.apply_language("en")
    assert gui_app.translate("MainWindow", "Stock") == "Stock"
    translation.apply_language("zh_CN")


def test_bad_data_file_gives_a_message_and_exit_2(
    tmp_path: Path, gui_app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    class FakeBox:
        @staticmethod
        def critical(_parent: object, _title: str, text: str) -> None:
            shown.append(text)

    monkeypatch.setattr(gui_app_module, "QMessageBox", FakeBox)
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello", encoding="utf-8")
    assert gui_app_module.run_gui(not_a_db) == 2
    assert len(shown) == 1 and "notes.txt" in shown[0]


def test_first_start_asks_for_institution_and_first_account(
    qtbot: QtBot, tmp_path: Path, gui_app: QApplication
) -> None:
    bootstrap.open_books(tmp_path / "new.db", create=True)
    try:
        dialog = FirstStartDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.need_account
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClicks(dialog.pin, "2580")
        qtbot.keyClicks(dialog.pin_again, "2580")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.error_at("institution") == "请填写单位名称"
        dialog.institution.setText("阳光幼儿园")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.account is not None and dialog.account.role == "admin"
        assert settings.institution_name() == "阳光幼儿园"
        assert accounts.authenticate("admin", "2580").username == "admin"
    finally:
        close_database()


def test_login_says_when_the_pin_is_wrong(qtbot: QtBot, books: Books) -> None:
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.user.currentData() == "keeper"
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_at("pin") == "用户名或 PIN 不正确"
    dialog.pin.setText("1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.account is not None and dialog.account.username == "keeper"


@pytest.mark.parametrize("page", ["stock", "card", "dashboard", "reserve"])
def test_screenshot_renders_a_page(tmp_path: Path, books: Books, page: str) -> None:
    out = tmp_path / f"{page}.png"
    screenshot(books.path, page, out, "en")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert len({image.pixel(x, 400) for x in range(0, 1280, 8)}) > 3  # not a blank picture


def test_screenshot_refuses_an_unknown_page(tmp_path: Path, books: Books) -> None:
    with pytest.raises(BadInput, match="stock, catalogue, card, settings"):
        screenshot(books.path, "no-such-page", tmp_path / "x.png", None)
    with pytest.raises(BadInput):
        screenshot(books.path, "stock", tmp_path / "x.png", "fr")


def test_start_session_logs_in_through_the_login_dialog(
    books: Books, monkeypatch: pytest.MonkeyPatch
) -> None:
    def log_in(dialog: LoginDialog) -> int:
        dialog.pin.setText("1234")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(gui_app_module.LoginDialog, "exec", log_in)
    account = gui_app_module.start_session()
    assert account is not None and account.username == "keeper"


def test_start_session_on_a_new_database_asks_first(
    tmp_path: Path, gui_app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    def set_up(dialog: FirstStartDialog) -> int:
        dialog.institution.setText("阳光幼儿园")
        dialog.username.setText("admin")
        dialog.pin.setText("2580")
        dialog.pin_again.setText("2580")
        dialog.ok_button.click()
        return dialog.result()

    def no_login(_dialog: LoginDialog) -> int:
        raise AssertionError("the first account just chose its PIN; no login needed")

    monkeypatch.setattr(gui_app_module.FirstStartDialog, "exec", set_up)
    monkeypatch.setattr(gui_app_module.LoginDialog, "exec", no_login)
    bootstrap.open_books(tmp_path / "new.db", create=True)
    try:
        account = gui_app_module.start_session()
        assert account is not None and account.role == "admin"
        assert settings.institution_name() == "阳光幼儿园"
    finally:
        close_database()
