"""Ten years of books in the window (issue 9): pages are built when first shown, and the stock
card fetches only the lines on screen."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.gui.main_window import AUDIT_READERS, PAGES, MainWindow
from app.gui.models import card_table
from app.gui.models.card_table import CardTableModel, Column
from app.gui.pages.audit import MANAGERS
from app.services import ledger
from app.store import queries
from app.store.models import Slot
from tests.gui.conftest import Books


def test_only_the_first_page_is_built_at_start(qtbot: QtBot, books: Books) -> None:
    win = MainWindow(books.account, first="stock")
    qtbot.addWidget(win)
    assert list(win.pages) == ["stock"]
    assert win.current_page() == "stock"
    win.sidebar.setCurrentRow(PAGES.index("catalogue"))  # a click in the sidebar builds it
    assert win.current_page() == "catalogue" and "catalogue" in win.pages
    assert win.stack.currentWidget() is win.catalogue_page
    card = win.card_page  # asking for a page builds it without showing it
    assert win.current_page() == "catalogue" and win.pages["card"] is card
    for name in PAGES:
        assert win.show_page(name) is win.stack.widget(PAGES.index(name))
    assert AUDIT_READERS == MANAGERS


def test_a_posting_refreshes_only_built_pages(window: MainWindow, books: Books) -> None:
    assert "slots" not in window.pages
    window.stock_page.refresh()
    window._on_outbound_page_posted(0)  # what the issue page's signal does
    assert "slots" not in window.pages  # built later, it reads the books then


def _many_issues(books: Books, n: int) -> None:
    a1 = Slot.get(Slot.code == "A-01-01").id
    for k in range(n):
        ledger.post_new(
            "issue", [ledger.Line(books.items["FH-SURG"], books.lots["SG-2407"], a1, 1 + k % 2)]
        )


def test_the_card_fetches_pages_of_lines(qtbot: QtBot, books: Books) -> None:
    _many_issues(books, 2 * card_table.PAGE + 30)
    model = CardTableModel()
    ModelTester(qtbot).check(model)  # the model's contract, at every step of a load
    model.load(books.items["FH-SURG"])
    whole = queries.stock_card(books.items["FH-SURG"])
    assert model.rowCount() == len(whole) > 2 * card_table.PAGE
    last = model.rowCount() - 1
    assert (
        model.index(last, Column.BALANCE).data() == f"{queries.on_hand(books.items['FH-SURG']):,}"
    )
    assert len(model._pages) == 1  # the end of the card, and nothing else, was read
    assert model.rows() == whole
    model.load(books.items["FH-SURG"], books.lots["SG-2407"])
    assert model.rows() == queries.stock_card(books.items["FH-SURG"], books.lots["SG-2407"])


def test_card_page_opens_at_the_latest_line(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    _many_issues(books, card_table.PAGE + 20)
    window.open_card(books.items["FH-SURG"])
    card = window.card_page
    qtbot.waitUntil(lambda: card.table.verticalScrollBar().value() > 0, timeout=5000)
    bottom = card.table.rowAt(card.table.viewport().height() - 2)
    assert bottom == card.model.rowCount() - 1
    assert f"{card.model.rowCount():,}" in card.summary.text()
