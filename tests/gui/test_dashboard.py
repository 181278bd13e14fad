"""Dashboard page: the first page; each tile and each line opens the page where it is dealt with."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.documents.signatures import scribble, strokes_png
from app.gui import theme
from app.gui.main_window import MainWindow
from app.gui.pages.dashboard import DashboardPage, WindowsDialog
from app.gui.pages.reserve import ReservePage
from app.services import ledger, loans, people, requisitions, reserve, settings
from app.services.issuing import Want
from app.services.requisitions import Ask
from app.services.signatures import SignatureInput
from app.store.models import Lot, Slot
from tests.gui.conftest import Books

TODAY = date.today()


def _pad(role: str, name: str) -> SignatureInput:
    strokes = scribble(sum(map(ord, name)))
    return SignatureInput(role, name, "pad", strokes=strokes, png=strokes_png(strokes))


def _page(window: MainWindow) -> DashboardPage:
    page = window.dashboard_page
    assert window.current_page() == "dashboard" or window.show_page("dashboard") is page
    return page


def test_first_page_counts_what_needs_doing(qtbot: QtBot, window: MainWindow) -> None:
    page = window.dashboard_page
    assert window.current_page() == "dashboard" and page.isVisible()
    t = page.tiles
    # the template storeroom: SG-2311 expired 5 days ago, N95-2301 expires in 20 days,
    # SG-2407 in 70 days; no standards, loans, requisitions or stocktakes yet
    assert t["expired"].count.text() == "1" and t["expired"].property("status") == "expired"
    assert t["soon"].count.text() == "1" and t["soon"].property("status") == "soon"
    assert t["watch"].count.text() == "1" and t["watch"].property("status") == "watch"
    assert t["below"].count.text() == "0" and "尚未设置储备标准" in t["below"].detail.text()
    assert t["loans"].count.text() == "0" and t["requisitions"].count.text() == "0"
    assert t["stocktake"].count.text() == "—" and "尚未盘点" in t["stocktake"].detail.text()
    assert t["expired"].title.text() == "已过期批次"
    assert t["soon"].title.text() == "30 天内到期"
    texts = [text for _target, _arg, text in page.entries()]
    assert any("SG-2311" in x and "过期" in x for x in texts)
    assert any("N95-2301" in x and "还有 20 天" in x for x in texts)


def test_tiles_open_the_page_to_act_on(qtbot: QtBot, window: MainWindow) -> None:
    page = window.dashboard_page
    for key, where in (
        ("expired", "write_offs"),
        ("soon", "stock"),
        ("watch", "stock"),
        ("below", "reserve"),
        ("loans", "loans"),
        ("stocktake", "stocktake"),
        ("requisitions", "issue"),
    ):
        window.show_page("dashboard")
        qtbot.mouseClick(page.tiles[key], Qt.MouseButton.LeftButton)
        assert window.current_page() == where, key
    assert window.issue_page.tabs.currentWidget() is window.issue_page.requisitions_tab
    window.show_page("dashboard")
    qtbot.mouseClick(page.tiles["below"], Qt.MouseButton.LeftButton)
    assert window.reserve_page.tabs.currentIndex() == 1  # the top-up list
    window.show_page("dashboard")
    qtbot.mouseClick(page.tiles["expired"], Qt.MouseButton.LeftButton)
    assert window.write_offs_page.tabs.currentWidget() is window.write_offs_page.write_off_tab


def test_lines_open_their_lot_item_loan_and_requisition(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    n95 = books.items["FH-N95"]
    reserve.set_target(n95, mode="fixed", qty=200, days=30)  # 6,000 > 3,080 usable
    nurse = people.search_people("王玥")[0].id
    cls = people.departments()[0].id
    loan = loans.lend(
        nurse,
        [Want(books.items["FH-SURG"], 10)],
        due=TODAY - timedelta(days=3),
        sigs=[_pad("borrower", "王玥"), _pad("issuer", "张保管"), _pad("approver", "王园长")],
        purpose="隔离观察室",
        on=TODAY - timedelta(days=10),
    )
    req = requisitions.submit(cls, [Ask(books.items["FH-SURG"], 50)], reason="开学备用")
    window.issue_page.posted.emit(0)  # the posting path's signal: the page on show refreshes
    page = _page(window)
    assert page.tiles["below"].count.text() == "1"
    assert page.tiles["loans"].count.text() == "1"
    assert page.tiles["requisitions"].count.text() == "1"
    assert "1 张待审批" in page.tiles["requisitions"].detail.text()
    entries = page.entries()

    def click(target: str, argument: object) -> None:
        """Click the attention line that opens `target` with `argument`, as a person would."""
        window.show_page("dashboard")
        lines = page.attention
        row = next(
            n
            for n in range(lines.count())
            if lines.item(n).data(Qt.ItemDataRole.UserRole) == (target, argument)
        )
        lines.scrollToItem(lines.item(row))
        rect = lines.visualItemRect(lines.item(row))
        qtbot.mouseClick(lines.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    expired = books.lots["SG-2311"]
    click("card", (books.items["FH-SURG"], expired))
    assert window.current_page() == "card"
    assert window.card_page.item_id() == books.items["FH-SURG"]
    assert window.card_page.lot_id() == expired

    click("reserve", n95)
    reserve_page = window.reserve_page
    assert window.current_page() == "reserve" and isinstance(reserve_page, ReservePage)
    assert reserve_page.item_id == n95 and reserve_page.tabs.currentIndex() == 0
    assert "FH-N95" in reserve_page.panel.title.text()

    click("loans", loan.id)
    assert window.current_page() == "loans"
    assert window.loans_page.loan_id() == loan.id
    table = window.loans_page.table
    assert table.selectionModel().isRowSelected(table.currentIndex().row())

    click("requisitions", req.id)
    assert window.current_page() == "issue"
    tab = window.issue_page.requisitions_tab
    assert window.issue_page.tabs.currentWidget() is tab
    assert tab.selected() is not None and tab.selected().requisition_id == req.id
    assert ("reserve", n95) in [(t, a) for t, a, _x in entries]


def test_stock_changes_refresh_the_dashboard(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = _page(window)
    assert page.tiles["expired"].count.text() == "1"
    lot = Lot.get_by_id(books.lots["SG-2311"])
    slot = Slot.get(Slot.code == "A-01-01").id
    ledger.post_new("write_off", [ledger.Line(lot.item_id, lot.id, slot, 500)])
    window.write_offs_page.posted.emit(0)
    assert page.tiles["expired"].count.text() == "0"
    assert page.tiles["expired"].property("status") == "ok"
    # a hidden dashboard is refreshed when next shown, not on every posting
    window.show_page("stock")
    ledger.post_new(
        "write_off",
        [ledger.Line(books.items["FH-N95"], books.lots["N95-2301"], slot, 1200)],
    )
    window.issue_page.posted.emit(0)
    assert page.stale and page.tiles["soon"].count.text() == "1"
    window.show_page("dashboard")
    assert not page.stale and page.tiles["soon"].count.text() == "0"


def test_charts_draw_after_the_first_paint(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    # the plotting library is imported only after the window has shown
    qtbot.waitUntil(lambda: page.consumption_chart is not None, timeout=10_000)
    chart = page.consumption_chart
    assert chart is not None and page.cover_chart is not None
    assert chart.series_names == ["防护用品"]  # 120 N95 and 250 surgical masks were issued
    assert "防护用品" in chart.legend.text()
    cover = [name for name, _days, _status in page.cover_chart.bars]
    assert cover == ["医用外科口罩", "医用防护口罩"]  # fewest days of cover first
    axis = chart.item.getAxis("bottom")
    assert axis.style["tickFont"].family() == theme.load_font()
    page.by_combo.setCurrentIndex(page.by_combo.findData("item"))
    page.by_combo.activated.emit(page.by_combo.currentIndex())
    page.bucket_combo.setCurrentIndex(page.bucket_combo.findData("day"))
    page.bucket_combo.activated.emit(page.bucket_combo.currentIndex())
    assert chart.series_names == ["医用外科口罩", "医用防护口罩"]
    assert page.data is not None and len(page.data.consumption.starts) == 90
    picture = page.grab().toImage()
    assert picture.width() > 600 and not picture.isNull()


def test_warning_days_are_a_setting(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window)
    qtbot.mouseClick(page.windows_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, WindowsDialog) and dialog.isVisible()
    dialog.soon.setValue(90)
    dialog.watch.setValue(60)
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "必须小于" in dialog.errors.message("soon_days")
    dialog.soon.setValue(25)
    dialog.watch.setValue(75)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert settings.expiry_windows() == (25, 75)
    assert page.tiles["soon"].title.text() == "25 天内到期"
    assert page.tiles["soon"].count.text() == "1"  # N95-2301, 20 days
    assert page.tiles["watch"].count.text() == "1"  # SG-2407, 70 days
    QApplication.processEvents()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
