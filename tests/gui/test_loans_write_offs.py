"""The loans page and the write-off history as paged lists: rows read as they are scrolled to,
overdue loans in red, acting on the loan or return chosen in the list; the lots tab of the
write-off page read when first shown, and its trace PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.documents.signatures import scribble, strokes_png
from app.gui import printing, translation
from app.gui.main_window import MainWindow
from app.gui.models import paged_table
from app.gui.pages.loans import RED, ReturnDialog
from app.services import ledger, loans, people, write_offs
from app.services.issuing import Want
from app.services.signatures import SignatureInput
from app.store.models import Balance
from tests.gui.conftest import Books

TODAY = date.today()


def _pad(role: str, name: str) -> SignatureInput:
    strokes = scribble(sum(map(ord, name)))
    return SignatureInput(role, name, "pad", strokes=strokes, png=strokes_png(strokes))


def _lend(books: Books, due_in: int) -> int:
    nurse = people.search_people("王玥")[0].id
    return loans.lend(
        nurse,
        [Want(books.items["FH-N95"], 2)],
        due=TODAY + timedelta(days=due_in),
        sigs=[_pad("borrower", "王玥"), _pad("issuer", "张保管"), _pad("approver", "王园长")],
        purpose="隔离观察室",
        on=TODAY - timedelta(days=10),
    ).id


def _click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pages of two rows, so a handful of loans spans several."""
    monkeypatch.setattr(paged_table, "BATCH", 2)
    return 2


def test_loans_are_read_a_page_at_a_time_overdue_in_red(
    qtbot: QtBot, window: MainWindow, books: Books, small_pages: int
) -> None:
    late, soon, later = _lend(books, -3), _lend(books, 5), _lend(books, 9)
    page = window.show_page("loans")
    model = page.model
    assert page.open_only.isChecked()
    row = model.row_of_id(late)  # on the second page: read on to it
    assert model.total() == model.rowCount() == 3 and not model.canFetchMore(QModelIndex())
    ids = [model.index(r, 0).data(paged_table.ROW_ROLE).loan_id for r in range(3)]
    assert ids == [later, soon, late]  # newest first, across pages
    assert model.index(row, 4).data() == "逾期 3 天"
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == RED
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 4).data() == "借出中" and model.index(0, 6).data() == "2"

    # take back the loan chosen in the list, with the button, as a person would
    _click_row(qtbot, page.table, row)
    assert page.loan_id() == late
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReturnDialog) and dialog.row.loan_id == late
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert loans.loan_rows([late])[late].status == "returned"
    assert model.total() == 2 and model.row_of_id(late) == -1  # only what is still out

    page.open_only.setChecked(False)
    assert model.total() == 3
    row = model.row_of_id(late)
    assert model.index(row, 4).data() == "已归还"
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_returns_list_marks_the_chosen_return_disinfected(
    qtbot: QtBot, window: MainWindow, books: Books, small_pages: int
) -> None:
    lent = [_lend(books, 5) for _ in range(3)]
    for loan_id in lent:
        (line,) = loans.outstanding(loan_id)
        loans.return_items(loan_id, [loans.ReturnLine(line, 2, "good")])
    page = window.show_page("loans")
    page.tabs.setCurrentIndex(1)
    returns = page.returns_model
    assert returns.total() == 3
    first = loans.return_ids()[-1]  # the oldest: on the second page
    row = returns.row_of_id(first)
    assert row == 2 and returns.index(row, 6).data() == "未消毒"
    _click_row(qtbot, page.returns, row)
    assert page.return_id() == first
    qtbot.mouseClick(page.disinfect_button, Qt.MouseButton.LeftButton)
    assert loans.return_rows([first])[first].disinfected
    assert page.return_id() == first  # still chosen after the lists are read again
    row = returns.row_of_id(first)
    assert returns.index(row, 6).data() == "是" and returns.index(row, 7).data() == "张保管"
    assert returns.index(0, 6).data() == "未消毒"


def test_dashboard_line_opens_its_loan(
    qtbot: QtBot, window: MainWindow, books: Books, small_pages: int
) -> None:
    oldest = _lend(books, -2)
    for _ in range(3):
        _lend(books, 5)
    page = window.show_page("loans")
    window.show_page("dashboard")
    window.dashboard_page.navigate.emit("loans", oldest)
    assert window.current_page() == "loans" and page.loan_id() == oldest
    assert page.table.selectionModel().isRowSelected(page.table.currentIndex().row())


def test_write_off_history_is_paged_and_the_lots_tab_reads_when_shown(
    qtbot: QtBot, window: MainWindow, books: Books, small_pages: int
) -> None:
    sigs = [_pad("handler", "张保管"), _pad("approver", "王园长")]
    posted = []
    for batch in ("N95-2301", "N95-2405", "SG-2407"):
        b = Balance.get((Balance.lot == books.lots[batch]) & (Balance.qty > 0))
        line = ledger.Line(b.item_id, b.lot_id, b.slot_id, 1)
        posted.append(write_offs.write_off([line], reason="damaged", note="水浸", sigs=sigs).id)
    page = window.show_page("write_offs")
    tab = page.write_off_tab
    history = tab.history_model
    assert history.row_of_id(posted[0]) == 2  # the oldest, on the second page
    assert [history.row_object(r).voucher_id for r in range(3)] == posted[::-1]
    assert history.index(0, 2).data() == "破损" and history.index(0, 4).data() == "王园长"
    lots_tab = page.lots_tab
    assert lots_tab.found.rowCount() == 0  # not read until its tab is shown
    page.tabs.setCurrentWidget(lots_tab)
    assert lots_tab.found.rowCount() == len(books.lots)


def test_loan_list_follows_the_language(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    late = _lend(books, -3)
    page = window.show_page("loans")
    model = page.model
    row = model.row_of_id(late)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "单号"
    try:
        translation.apply_language("en")
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Number"
        assert model.index(row, 4).data() == "Overdue 3 days"
        assert page.returns_model.headerData(6, Qt.Orientation.Horizontal) == "Disinfected"
    finally:
        translation.apply_language("zh_CN")
    assert model.index(row, 4).data() == "逾期 3 天"


def test_trace_pdf_of_the_chosen_lot_is_written_off_the_ui_thread(
    qtbot: QtBot,
    window: MainWindow,
    books: Books,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "trace.pdf"
    monkeypatch.setattr(printing, "ask_pdf_path", lambda *_args: target)
    page = window.show_page("write_offs")
    page.tabs.setCurrentWidget(page.lots_tab)
    lots_tab = page.lots_tab
    lots_tab.search.setText("N95-2405")
    assert lots_tab.found.rowCount() == 1
    lots_tab.found.selectRow(0)
    qtbot.mouseClick(lots_tab.pdf_button, Qt.MouseButton.LeftButton)

    def written() -> bool:
        return target.exists() and target.read_bytes().rstrip().endswith(b"%%EOF")

    qtbot.waitUntil(written, timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_lots_on_hold_are_all_listed_with_what_is_on_the_shelves(
    qtbot: QtBot, window: MainWindow, books: Books, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Only lots on hold' lists every held lot, not just those among the newest found by a
    search; each row shows the lot's stock over all slots."""
    from app.services import lots
    from app.store import queries

    oldest = min(books.lots.values())
    lots.hold(oldest, "quality", "供应商召回")
    page = window.show_page("write_offs")
    lots_tab = page.lots_tab
    page.tabs.setCurrentWidget(lots_tab)
    real_find = lots.find_lots
    monkeypatch.setattr(lots, "find_lots", lambda term, **kw: real_find(term, **{"limit": 1, **kw}))
    lots_tab.held_only.setChecked(True)  # the newest lot alone would not be the held one
    shown = [lots_tab.found.item(r, 1).text() for r in range(lots_tab.found.rowCount())]
    lot = next(b for b, i in books.lots.items() if i == oldest)
    assert shown == [lot]
    item_id = Balance.get(Balance.lot == oldest).item_id
    on_hand = lots_tab.found.item(0, 4).text()
    assert on_hand.startswith(f"{queries.on_hand(item_id, oldest):,} ")
