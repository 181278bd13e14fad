"""Audit log page: entries with who and when, filters, the chain check, and who may see it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.gui.app import build_main_window
from app.gui.main_window import PAGES, MainWindow
from app.gui.pages.audit import BATCH, AuditPage, AuditTableModel, Column
from app.services import accounts, audit, receiving
from app.store.database import db
from tests.gui.conftest import Books


def _audit_page(qtbot: QtBot, window: MainWindow) -> AuditPage:
    page = window.show_page("audit")
    assert isinstance(page, AuditPage)
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.waitUntil(lambda: page.chain_task is not None and not page.chain_task.running)
    return page


def _cells(page: AuditPage, column: Column) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_sensitive_actions_show_with_who_and_when(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    settings = window.settings_page
    window.show_page("settings")
    settings.institution.setText("星星幼儿园")
    qtbot.mouseClick(settings.institution_save, Qt.MouseButton.LeftButton)
    settings.shelf_policy.setCurrentIndex(settings.shelf_policy.findData("block"))
    qtbot.mouseClick(settings.scanner_save, Qt.MouseButton.LeftButton)
    accounts.create_account("head", "李园长", "approver", "5678", by=books.account.id)

    page = _audit_page(qtbot, window)
    assert page.chain_status.text().startswith("审计日志完好")
    actions = _cells(page, Column.ACTION)
    assert actions[:3] == ["新建账户", "修改近效期收货规则", "修改单位名称"]
    assert set(_cells(page, Column.WHO)[:3]) == {"张保管"}
    assert _cells(page, Column.WHEN)[0].startswith(date.today().isoformat())
    details = _cells(page, Column.DETAILS)
    assert "账户：head" in details[0] and "角色：审核人" in details[0]
    assert "原为：阳光幼儿园" in details[2] and "改为：星星幼儿园" in details[2]
    page.table.selectRow(2)
    assert "星星幼儿园" in page.detail.text() and "修改单位名称" in page.detail.text()


def test_filters_by_action_person_and_dates(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    receiving.set_shelf_policy("block", by=books.account.id)
    head = accounts.create_account("head", "李园长", "approver", "5678", by=books.account.id)
    receiving.set_shelf_policy("warn", by=head.id)
    page = _audit_page(qtbot, window)
    everyone = page.model.total()
    assert everyone >= 4

    page.action.setCurrentIndex(page.action.findData("settings.shelf_policy"))
    page.action.activated.emit(page.action.currentIndex())
    assert _cells(page, Column.WHO) == ["李园长", "张保管"]
    page.person.setCurrentIndex(page.person.findData("李园长"))
    page.person.activated.emit(page.person.currentIndex())
    assert _cells(page, Column.DETAILS) == ["原为：拒收；改为：提醒，确认后可收货"]
    assert page.count_label.text() == "共 1 条"

    page.action.setCurrentIndex(0)
    page.person.setCurrentIndex(0)
    page.apply_filter()
    assert page.model.total() == everyone
    page.set_dates(date.today() - timedelta(days=10), date.today() - timedelta(days=1))
    assert page.model.rowCount() == 0
    page.set_dates(date.today(), date.today())
    assert page.model.total() == everyone
    page.set_dates(date.today(), date.today() - timedelta(days=1))
    assert page.message.text() == "开始日期晚于结束日期。"
    assert page.model.rowCount() == 0


def test_a_changed_entry_is_shown(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    receiving.set_shelf_policy("block", by=books.account.id)
    db.execute_sql("UPDATE audit_log SET actor = '别人' WHERE action = 'settings.shelf_policy'")
    page = _audit_page(qtbot, window)
    assert page.chain_status.text().startswith("审计日志在程序之外被改动")
    assert "在程序之外被修改" in page.chain_status.text()


def test_only_managers_see_the_log(qtbot: QtBot, books: Books) -> None:
    clerk = accounts.create_account("clerk", "王保管", "storekeeper", "2468")
    win = build_main_window(clerk)
    qtbot.addWidget(win)
    win.show()
    assert win.sidebar.item(PAGES.index("audit")).isHidden()
    page = win.show_page("audit")
    assert isinstance(page, AuditPage)
    assert page.model.rowCount() == 0
    assert page.not_allowed.isVisible()
    assert page.not_allowed.text() == "只有管理员或审核人可以查看审计日志。"
    assert page.chain_status.isHidden()


def test_admin_sees_the_page_in_the_sidebar(window: MainWindow) -> None:
    item = window.sidebar.item(PAGES.index("audit"))
    assert not item.isHidden() and item.text() == "审计日志"


def test_long_log_is_read_as_it_scrolls(
    qtmodeltester: ModelTester, qtbot: QtBot, books: Books
) -> None:
    for n in range(BATCH + 50):
        audit.record("settings.language", {"from": "zh_CN", "to": "en", "n": n})
    model = AuditTableModel()
    model.load(audit.Filter())
    assert model.total() >= BATCH + 50
    assert model.rowCount() == BATCH
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == model.total()
    assert not model.canFetchMore(QModelIndex())
    assert model.index(0, Column.DETAILS).data() == f"原为：中文；改为：英文；n：{BATCH + 49}"
    qtmodeltester.check(model, force_py=False)


def test_page_in_english(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    from app.gui.translation import apply_language

    receiving.set_shelf_policy("block", by=books.account.id)
    page = _audit_page(qtbot, window)
    apply_language("en")
    assert page.header.title.text() == "Audit log"
    assert page.model.headerData(Column.WHO, Qt.Orientation.Horizontal) == "Who"
    assert _cells(page, Column.ACTION)[0] == "Short shelf life rule changed"
    assert _cells(page, Column.DETAILS)[0] == "from: warn, accept after confirming; to: refuse"
    assert not window.grab().isNull()
