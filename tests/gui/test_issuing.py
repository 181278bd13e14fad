"""The issuing screens driven through their real dialogs: an issue (refused, then overridden),
a class round with its sign sheet, a loan and its return, a write-off, the people import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from openpyxl import Workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.pages.issuing import IssuePage
from app.gui.pages.loans import LoansPage
from app.gui.pages.people import PeoplePage
from app.gui.pages.write_offs import WriteOffPage
from app.services import accounts, catalogue, issuing, ledger, loans, people, write_offs
from app.store.models import Balance, IssueOverride, Lot, Party, Voucher
from tests.gui.conftest import Books, type_text
from tests.gui.test_receiving import sign


def _sign_dialog(qtbot: QtBot, dialog, first: str) -> None:  # noqa: ANN001
    """Every required party signs on the pad (the first one as `first`)."""
    for n, box in enumerate(dialog.boxes):
        if not box.required:
            continue
        if not box.name.text():
            box.name.setText(first if n == 0 else f"签字人{n}")
        sign(qtbot, box.pad, wiggle=n * 7)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _people(books: Books) -> tuple[int, int, int]:
    cls = Party.get(Party.name == "大一班").id
    a = people.create_party(
        "person", "张三", staff_no="T001", department_id=cls, risk_group="low"
    ).id
    b = people.create_party(
        "person", "李四", staff_no="T002", department_id=cls, risk_group="elevated"
    ).id
    return cls, a, b


def test_issue_refused_over_limit_then_overridden(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    _cls, zhang, _li = _people(books)
    accounts.create_account("head", "王园长", "approver", "5678")
    page = window.show_page("issue")
    assert isinstance(page, IssuePage)
    tab = page.issue_tab
    tab.receiver.set_party(zhang)
    row = tab.rows[0]
    row.item.setCurrentIndex(row.item.findData(books.items["FH-SURG"]))
    row.qty.setValue(3)
    # live allowance: 3 of 2 per day is over the limit, shown before anything is posted
    assert "✖" in tab.lines.item(0, 7).text()
    assert "SG-2407" in tab.lines.item(0, 6).text()  # the expired SG-2311 is never picked
    dialog = tab.start_issue()
    assert dialog is not None
    _sign_dialog(qtbot, dialog, "张三")
    assert tab.override_dialog is not None and tab.override_dialog.isVisible()
    assert "2" in tab.override_dialog.refusal.text()
    od = tab.override_dialog
    od.user.setCurrentIndex(od.user.findData("head"))
    od.pin.setText("0000")
    od.reason.setText("隔离观察")
    qtbot.mouseClick(od.ok_button, Qt.MouseButton.LeftButton)
    assert od.isVisible() and od.errors.message("pin")  # wrong PIN: a message, not a crash
    od.pin.setText("5678")
    qtbot.mouseClick(od.ok_button, Qt.MouseButton.LeftButton)
    assert not od.isVisible()
    assert tab.last_posted is not None
    v = Voucher.get_by_id(tab.last_posted)
    assert v.status == "posted" and IssueOverride.select().count() == 1
    page.overrides_tab.refresh()
    overrides = page.overrides_tab.table.model()
    assert overrides.rowCount() == 1
    assert overrides.index(0, 1).data() == v.number and overrides.index(0, 2).data() == "张三"
    recent = tab.recent.model()
    assert recent.index(0, 0).data() == f"{v.number} ⚠"  # the override is marked in the list
    assert tab.voucher_pdf().startswith(b"%PDF")


def test_class_round_with_sign_sheet(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path
) -> None:
    cls, zhang, li = _people(books)
    page = window.show_page("issue")
    tab = page.issue_tab
    tab.receiver.set_party(cls)
    tab.round_item.setCurrentIndex(tab.round_item.findData(books.items["FH-SURG"]))
    tab.round_each.setValue(2)
    qtbot.mouseClick(tab.round_button, Qt.MouseButton.LeftButton)
    assert len(tab.rows) == 2
    wants = tab.wants()
    assert {w.party_id for w in wants} == {zhang, li}
    dialog = tab.start_issue()
    _sign_dialog(qtbot, dialog, "班长")
    assert tab.last_posted is not None and tab.banner.isVisible()
    v = Voucher.get_by_id(tab.last_posted)
    assert {ln.party_id for ln in v.lines} == {zhang, li}
    pdf = tab.sign_sheet_pdf()
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    doc = pdfium.PdfDocument(str(path))
    text = doc[0].get_textpage().get_text_range()
    assert "张三" in text and "李四" in text and v.number in text
    doc.close()


def test_loan_and_return(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    _cls, zhang, _li = _people(books)
    accounts.create_account("head", "王园长", "approver", "5678")
    irt = catalogue.find_item("QX-IRT").id
    lot = Lot.create(item=irt, batch="IRT-1")
    slot = Balance.select().first().slot_id
    ledger.post_new("receipt", [ledger.Line(irt, lot.id, slot, 2)], source="purchase")
    page = window.show_page("loans")
    assert isinstance(page, LoansPage)
    dialog = page.start_lend()
    dialog.borrower.set_party(zhang)
    dialog.item.setCurrentIndex(dialog.item.findData(irt))
    dialog.purpose.setFocus()
    type_text(dialog.purpose, "晨检")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    so = dialog.signoff_dialog
    assert so is not None and [b.role for b in so.boxes] == ["borrower", "issuer", "approver"]
    _sign_dialog(qtbot, so, "张三")
    assert dialog.loan_id is not None
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "张三" and page.model.index(0, 6).data() == "1"
    back = page.start_return(dialog.loan_id)
    assert back is not None
    back.condition[0].setCurrentIndex(back.condition[0].findData("good"))
    back.disinfected.setChecked(True)
    qtbot.mouseClick(back.ok_button, Qt.MouseButton.LeftButton)
    assert loans.loans()[0].status == "returned"
    assert page.model.rowCount() == 0  # only what is still out
    assert sum(b.qty for b in Balance.select().where(Balance.item == irt)) == 2


def test_write_off_of_an_expired_lot(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    page = window.show_page("write_offs")
    assert isinstance(page, WriteOffPage)
    tab = page.write_off_tab
    assert tab.suggestions.rowCount() == 1  # SG-2311 expired five days ago
    assert "SG-2311" in tab.suggestions.item(0, 2).text()
    tab.reason.setCurrentIndex(tab.reason.findData("expired"))
    dialog = tab.start_write_off()
    assert dialog is not None
    _sign_dialog(qtbot, dialog, "张保管")
    assert write_offs.expired_stock(date.today()) == []
    assert tab.history_model.rowCount() == 1
    v = Voucher.get(Voucher.vtype == "write_off")
    assert v.reason == "expired"
    assert tab.history_model.index(0, 0).data() == v.number
    assert tab.history_model.index(0, 2).data() == "过期"
    assert "SG-2311" in tab.history_model.index(0, 3).data()


def test_hold_blocks_the_issue_screen_and_trace_prints(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = window.show_page("write_offs")
    lots_tab = page.lots_tab
    lots_tab.search.setText("N95-2301")
    assert lots_tab.found.rowCount() == 1
    lots_tab.found.selectRow(0)
    lots_tab.note.setText("供应商召回")
    lots_tab.reason.setCurrentIndex(lots_tab.reason.findData("recall_supplier"))
    qtbot.mouseClick(lots_tab.hold_button, Qt.MouseButton.LeftButton)
    assert issuing.held_lot_ids() == {books.lots["N95-2301"]}
    picks = issuing.plan(issuing.Want(books.items["FH-N95"], 1), date.today())
    assert picks[0].lot_id == books.lots["N95-2405"]
    assert lots_tab.trace_pdf(books.lots["N95-2405"]).startswith(b"%PDF")
    assert "王玥" in lots_tab.show_trace(books.lots["N95-2405"]).receivers[0].party


def test_people_import_bad_file_shows_rows(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path
) -> None:
    page = window.show_page("people")
    assert isinstance(page, PeoplePage)
    wb = Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "部门/班级", "岗位", "风险等级", "在岗"])
    ws.append(["T9", "赵六", "没有这个班", "教师", "低风险", "是"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    before = Party.select().count()
    task = page.people_tab.import_file(path)  # off the UI thread (DESIGN rule 6)
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert "2" in page.people_tab.general.text()
    assert Party.select().count() == before
    page.people_tab.search.setText("wy")
    assert page.people_tab.model.rowCount() == 1  # 王玥 by pinyin initials
    assert page.people_tab.model.index(0, 1).data() == "王玥"


def test_pages_render_in_both_languages(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    from app.gui import translation

    for lang in ("zh_CN", "en"):
        translation.apply_language(lang)
        for name in ("issue", "loans", "write_offs", "people"):
            window.show_page(name)
            assert not window.grab().isNull()
    translation.apply_language("zh_CN")
    assert window.issue_page.header.title.text() == "出库发放"


def test_people_table_fills_as_it_is_scrolled(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    from app.gui.models.paged_table import BATCH
    from app.services import people

    for n in range(BATCH + 30):
        people.create_party("person", f"测试{n:03d}", staff_no=f"S{n:04d}")
    page = window.show_page("people")
    tab = page.people_tab
    tab.refresh()
    total = tab.model.total()
    assert total > BATCH
    assert tab.model.rowCount() == BATCH  # not every row at once
    bar = tab.table.verticalScrollBar()
    while tab.model.rowCount() < total:
        before = tab.model.rowCount()
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda before=before: tab.model.rowCount() > before, timeout=2000)
    names = [tab.model.index(r, 1).data() for r in range(total)]
    assert {f"测试{n:03d}" for n in range(BATCH + 30)} <= set(names)
    assert names[-1] == "大一班"  # people first, then departments, as search_people gives
