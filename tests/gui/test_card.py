"""Stock card page: every movement with in, out and a balance that ends at the stock on hand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.models.card_table import Column
from tests.gui.conftest import Books, gtin_of


def column(window: MainWindow, col: Column) -> list[str]:
    model = window.card_page.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_item_card_in_posting_order(window: MainWindow, books: Books) -> None:
    window.open_card(books.items["FH-N95"])
    assert window.current_page() == "card"
    assert column(window, Column.TYPE) == ["入库", "入库", "移库", "移库", "出库"]
    assert column(window, Column.IN) == ["1,200", "2,000", "", "400", ""]
    assert column(window, Column.OUT) == ["", "", "400", "", "120"]
    assert column(window, Column.BALANCE) == ["1,200", "3,200", "2,800", "3,200", "3,080"]
    assert column(window, Column.PARTY)[0] == "华康医疗器械有限公司"
    assert column(window, Column.PARTY)[-1] == "王玥"
    assert column(window, Column.VOUCHER)[0].startswith("RK-")
    summary = window.card_page.summary.text()
    assert "3,080 只 = 7 箱 14 盒" in summary


def test_balance_equals_stock_on_hand(window: MainWindow, books: Books) -> None:
    for code, qty in books.on_hand.items():
        window.open_card(books.items[code])
        rows = window.card_page.model.rows()
        assert (rows[-1].balance if rows else 0) == qty, code


def test_one_lot(window: MainWindow, books: Books) -> None:
    card = window.card_page
    window.open_card(books.items["FH-N95"])
    index = card.lot_combo.findData(books.lots["N95-2405"])
    assert index > 0 and "N95-2405" in card.lot_combo.itemText(index)
    card.lot_combo.setCurrentIndex(index)
    card.lot_combo.activated.emit(index)
    assert card.lot_id() == books.lots["N95-2405"]
    assert set(column(window, Column.BATCH)) == {"N95-2405"}
    assert column(window, Column.BALANCE)[-1] == f"{books.lot_qty['N95-2405']:,}"
    card.lot_combo.activated.emit(0)  # All lots
    assert card.lot_id() is None
    assert set(column(window, Column.BATCH)) == {"N95-2301", "N95-2405"}


def test_pick_item_by_scanning_into_the_item_box(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    card = window.card_page
    window.show_page("card")
    edit = card.item_combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, gtin_of("FH-SURG"))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert card.item_id() == books.items["FH-SURG"]
    assert column(window, Column.BALANCE)[-1] == f"{books.on_hand['FH-SURG']:,}"


def test_unknown_item_says_so(qtbot: QtBot, window: MainWindow) -> None:
    card = window.card_page
    window.show_page("card")
    edit = card.item_combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "ZZZ-NOTHING")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert card.message.isVisible()
    assert "ZZZ-NOTHING" in card.message.text()
