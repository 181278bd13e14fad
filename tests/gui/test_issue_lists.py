"""The issue page's lists (issues, requisitions, overrides) on paged models: every row, read a
page at a time as the list is scrolled, with the page's actions on the selected row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.models.paged_table import BATCH, ROW_ROLE
from app.gui.pages.issuing import RECENT_BATCH, IssuePage, OverridesTab
from app.services import issuing, ledger, requisitions
from app.services.signatures import SignatureInput
from app.store.models import Item, Party, Slot, Voucher
from tests.gui.conftest import Books

PNG = b"\x89PNG\r\n\x1a\n-test-signature"


def test_issue_list_shows_every_issue_newest_first_a_page_at_a_time(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    a1 = Slot.get(Slot.code == "A-01-01").id
    nurse = Party.get(Party.name == "王玥").id
    surg, sg = books.items["FH-SURG"], books.lots["SG-2407"]
    numbers = [
        ledger.post_new("issue", [ledger.Line(surg, sg, a1, 1 + k % 2)], party_id=nurse).number
        for k in range(2 * RECENT_BATCH + 10)
    ]
    page = window.show_page("issue")
    assert isinstance(page, IssuePage)
    view = page.issue_tab.recent
    model = view.model()
    first = Voucher.select().where(Voucher.vtype == "issue").order_by(Voucher.id).first()
    assert model.total() == len(numbers) + 2  # and the two issues the books start with
    assert model.rowCount() == RECENT_BATCH  # the first page only
    item = Item.get_by_id(surg)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[0] == numbers[-1] and row[2:5] == ["王玥", "1", f"{item.name} 2 {item.base_unit}"]
    assert model.index(0, 0).data(ROW_ROLE).voucher_id == Voucher.get(number=numbers[-1]).id
    bar = view.verticalScrollBar()
    while model.rowCount() < model.total():  # scrolling down reads the next pages
        before = model.rowCount()
        qtbot.waitUntil(lambda: bar.maximum() > bar.value(), timeout=5000)  # laid out again
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda n=before: model.rowCount() > n, timeout=5000)
    assert model.index(model.rowCount() - 1, 0).data() == first.number  # the oldest last
    page.issue_tab.refresh()  # a posting re-reads the ids: the first page again
    assert model.rowCount() == RECENT_BATCH and model.index(0, 0).data() == numbers[-1]
    ModelTester(qtbot).check(model)  # the model's contract, reading on as it asks


def test_requisitions_tab_decides_and_issues_the_selected_one(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    cls = Party.get(Party.name == "大一班").id
    surg = books.items["FH-SURG"]
    old = requisitions.submit(cls, [requisitions.Ask(surg, 10)], reason="开学备用")
    new = requisitions.submit(cls, [requisitions.Ask(surg, 40)], reason="春游")
    page = window.show_page("issue")
    tab = page.requisitions_tab
    page.tabs.setCurrentWidget(tab)
    model = tab.table.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [new.number, old.number]
    assert model.index(0, 4).data() == f"{Item.get_by_id(surg).name} 40/—/0/0 只"
    qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)  # nothing selected
    assert tab.general.text() == tab.tr("Choose a requisition with something outstanding")
    assert tab.general.isVisibleTo(tab)
    assert tab.select_requisition(old.id) and tab.selected().requisition_id == old.id
    qtbot.mouseClick(tab.decide_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible() and dialog.row.number == old.number
    dialog.spins[0].setValue(6)
    dialog.user.setCurrentIndex(dialog.user.findData("keeper"))
    dialog.pin.setText("1234")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    # the list is read again and the decided requisition stays selected
    assert tab.selected().requisition_id == old.id and tab.selected().status == "partial"
    row = model.row_of_id(old.id)
    assert model.index(row, 4).data().endswith("10/6/0/6 只")
    assert "张保管" in model.index(row, 6).data()
    qtbot.mouseClick(tab.decide_button, Qt.MouseButton.LeftButton)  # decided already
    assert tab.dialog is dialog
    assert tab.general.text() == tab.tr("Choose a requisition waiting for approval")
    qtbot.mouseClick(tab.issue_button, Qt.MouseButton.LeftButton)
    issue = page.issue_tab
    assert page.tabs.currentWidget() is issue and issue.requisition_id == old.id
    assert old.number in issue.requisition_label.text()
    assert [(w.item_id, w.qty) for w in issue.wants()] == [(surg, 6)]
    assert issue.receiver.party_id() == cls


def test_dashboard_line_selects_its_requisition(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    cls = Party.get(Party.name == "大一班").id
    reqs = [
        requisitions.submit(cls, [requisitions.Ask(books.items["FH-SURG"], n)], reason=f"第{n}次")
        for n in range(1, BATCH + 6)
    ]
    window._on_dashboard_page_navigate("requisitions", reqs[0].id)  # the oldest: on page two
    tab = window.issue_page.requisitions_tab
    assert window.current_page() == "issue" and window.issue_page.tabs.currentWidget() is tab
    assert tab.selected() is not None and tab.selected().requisition_id == reqs[0].id
    assert tab.table.currentIndex().row() == len(reqs) - 1


def test_overrides_tab_lists_each_override(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    nurse = Party.get(Party.name == "王玥").id
    surg = books.items["FH-SURG"]
    ok = issuing.approve_override("keeper", "1234", "隔离观察室夜班")
    sigs = [
        SignatureInput("receiver", "王玥", "pad", strokes=[[(1, 1), (5, 8)]], png=PNG),
        SignatureInput("issuer", "", "pin", account_id=books.account.id),
    ]
    v = issuing.issue(nurse, [issuing.Want(surg, 5)], sigs=sigs, override=ok)
    page = window.show_page("issue")
    model = page.overrides_tab.table.model()
    assert model.rowCount() == 1
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[1:4] == [v.number, "王玥", "MASK-DAY"]
    assert cells[5].startswith("120 / 5 / 2") and cells[6:] == ["张保管", "隔离观察室夜班"]
    assert page.issue_tab.recent.model().index(0, 0).data() == f"{v.number} ⚠"


def test_other_tabs_are_built_when_first_shown(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = window.show_page("issue")
    assert isinstance(page, IssuePage) and page.tabs.currentWidget() is page.issue_tab
    assert not isinstance(page.tabs.widget(2), OverridesTab)  # not read when the page opens
    ok = issuing.approve_override("keeper", "1234", "隔离观察室夜班")
    sigs = [
        SignatureInput("receiver", "王玥", "pad", strokes=[[(1, 1), (5, 8)]], png=PNG),
        SignatureInput("issuer", "", "pin", account_id=books.account.id),
    ]
    nurse = Party.get(Party.name == "王玥").id
    v = issuing.issue(nurse, [issuing.Want(books.items["FH-SURG"], 5)], sigs=sigs, override=ok)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    tab = page.tabs.currentWidget()
    assert isinstance(tab, OverridesTab) and tab is page.overrides_tab and tab.isVisible()
    assert page.tabs.tabText(2) == page.tr("Overrides") == "超标审批记录"
    assert tab.table.model().index(0, 1).data() == v.number  # read when built
    assert [page.tabs.tabText(i) for i in range(4)] == [
        "出库发放",
        "申领",
        "超标审批记录",
        "消毒液使用登记",
    ]
    use_log = page.use_log_tab  # asked for: built in its place, the tab shown stays
    assert page.tabs.currentWidget() is tab and page.tabs.widget(3) is use_log
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert page.tabs.currentWidget() is page.issue_tab
