"""Main window: start, navigation, the global scan box, status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.errors import BadInput
from app.gui.main_window import PAGES, MainWindow
from app.gui.widgets.scan_line_edit import GS
from app.store.queries import ItemTotal
from tests.gui.conftest import Books, gtin_of, type_scan


def test_starts_on_dashboard_page_with_status(window: MainWindow, books: Books) -> None:
    assert window.current_page() == "dashboard"  # the first page (issue 7)
    assert [window.sidebar.item(n).text() for n in range(5)] == [
        "概览",
        "库存",
        "物资目录",
        "物资台账",
        "设置",
    ]
    assert window.sidebar.item(1).toolTip().endswith("（Ctrl+2）")
    assert "阳光幼儿园" in window.status_institution.text()
    assert "keeper" in window.status_user.text()
    assert books.path.name in window.status_db.text()
    assert window.windowTitle() == "防疫物资库管 — 阳光幼儿园"


def test_every_page_can_be_shown(window: MainWindow) -> None:
    for name in PAGES:
        page = window.show_page(name)
        assert window.stack.currentWidget() is page
        assert window.current_page() == name
        assert window.sidebar.currentRow() == PAGES.index(name)
    with pytest.raises(BadInput, match="stock"):
        window.show_page("nowhere")


def test_sidebar_click_switches_page(qtbot: QtBot, window: MainWindow) -> None:
    rect = window.sidebar.visualItemRect(window.sidebar.item(PAGES.index("card")))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "card"


def test_ctrl_f_focuses_the_scan_box(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.stock_page.search.setFocus()
    qtbot.waitUntil(lambda: window.stock_page.search.hasFocus())
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.global_search.hasFocus())


def _scan(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.show_page("settings")
    type_scan(window.global_search, text)


def test_scanning_a_gtin_shows_that_item(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    gtin = gtin_of("FH-N95")  # from db/catalogue/items.csv
    _scan(qtbot, window, gtin)
    page = window.stock_page
    assert window.current_page() == "stock"
    selected = page.selected()
    assert isinstance(selected, ItemTotal)
    assert selected.item_id == books.items["FH-N95"]
    assert selected.qty == books.on_hand["FH-N95"]
    assert page.tree.isExpanded(page.tree.currentIndex())
    codes = [
        page.model.row_object(page.model.index(r, 0)).code for r in range(page.model.rowCount())
    ]
    assert codes == ["FH-N95"]
    assert "FH-N95" in window.statusBar().currentMessage()
    # The next scan replaces this one rather than being appended to it.
    assert window.global_search.selectedText() == gtin


def test_scanning_a_gs1_string_finds_the_gtin(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    gtin = gtin_of("FH-SURG")
    _scan(qtbot, window, f"]d201{gtin}17271231" + "10SG-2407" + GS + "21X9")
    selected = window.stock_page.selected()
    assert isinstance(selected, ItemTotal)
    assert selected.item_id == books.items["FH-SURG"]


def test_scanning_an_item_code_works_too(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    _scan(qtbot, window, "xs-alc75")
    selected = window.stock_page.selected()
    assert isinstance(selected, ItemTotal)
    assert selected.code == "XS-ALC75"


def test_unknown_scan_says_so_and_searches(qtbot: QtBot, window: MainWindow) -> None:
    _scan(qtbot, window, "N95")
    assert window.current_page() == "stock"
    assert "N95" in window.statusBar().currentMessage()
    assert window.stock_page.search.text() == "N95"
    names = {
        window.stock_page.model.row_object(window.stock_page.model.index(r, 0)).code
        for r in range(window.stock_page.model.rowCount())
    }
    assert names == {"FH-N95", "FH-KN95"}


def test_about_shows_the_version(qtbot: QtBot, window: MainWindow) -> None:
    from app import __version__

    qtbot.mouseClick(window.about_button, Qt.MouseButton.LeftButton)
    box = window.findChildren(QMessageBox)[-1]
    assert __version__ in box.text() and "版本" in box.text()
    assert "books.db" in box.informativeText()
    box.close()
