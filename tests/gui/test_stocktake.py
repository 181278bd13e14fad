"""Stocktake page: start a count, scan a slot, type the counts, sign with the approver's PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.pages.stocktake import Column, StocktakePage
from app.gui.translation import apply_language
from app.services import accounts
from app.services import stocktake as stk
from app.store.models import Balance, LedgerEntry, Voucher
from tests.gui.conftest import Books, type_scan


def count_here(page: StocktakePage, counts: dict[str, int], reasons: dict[str, str]) -> None:
    """Type each shown line's count (by batch) into the count box and press Enter."""
    for _ in range(len(page.model.rows)):
        row = page.table.currentIndex().row()
        line = page.model.rows[row]
        if line.batch in reasons:
            panel = page.line_panel
            panel.reason.setCurrentIndex(panel.reason.findData(reasons[line.batch]))
        page.line_panel.counted.selectAll()
        QTest.keyClicks(page.line_panel.counted, str(counts[line.batch]))
        QTest.keyClick(page.line_panel.counted, Qt.Key.Key_Return)


def test_scan_count_and_post_with_the_approvers_pin(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    accounts.create_account("head", "王园长", "approver", "5678")
    page = window.show_page("stocktake")
    assert isinstance(page, StocktakePage)
    assert page.start_box.isVisible()
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.info is not None and page.info.is_open and page.info.kind == "month"

    # an unknown code says so, and shows nothing
    type_scan(page.scan, "Z-99")
    assert page.message.isVisible() and "Z-99" in page.message.text()

    type_scan(page.scan, "A-01-01")
    assert {r.slot for r in page.model.rows} == {"A-01-01"}
    assert page.table.isColumnHidden(Column.SLOT)
    count_here(
        page,
        {"N95-2301": 1200, "N95-2405": 280, "SG-2311": 490, "SG-2407": 2750},
        {"SG-2311": "damaged"},
    )
    diff = next(r for r in page.model.rows if r.batch == "SG-2311")
    assert diff.counted == 490 and diff.difference == -10 and diff.reason == "damaged"
    text = page.model.index(page.model.rows.index(diff), Column.DIFF).data()
    assert text == "-10"

    type_scan(page.scan, "A-01-02")
    count_here(page, {"N95-2405": 1600}, {})
    type_scan(page.scan, "F-01")
    count_here(page, {"ALC-2402": 40}, {})

    page.header.primary.click()
    dialog = page.signoff_dialog
    assert dialog is not None and dialog.isVisible()
    box = dialog.box("approver")
    box.by_pin.setChecked(True)
    box.user.setCurrentIndex(box.user.findData("head"))
    QTest.keyClicks(box.pin, "5678")
    qtbot.mouseClick(box.pin_button, Qt.MouseButton.LeftButton)
    assert box.account is not None and box.account.username == "head"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert page.info is not None and not page.info.is_open
    assert page.info.voucher_no and page.info.voucher_no.startswith("TZ-")
    assert not page.side.isVisible(), "a posted count is read-only"
    voucher = Voucher.get(Voucher.number == page.info.voucher_no)
    assert [e.delta for e in LedgerEntry.select().where(LedgerEntry.voucher == voucher.id)] == [-10]
    sg = Balance.get(Balance.lot == books.lots["SG-2311"])
    assert sg.qty == 490
    assert "已过账" in page.summary.text()
    # the stock page shows the last stocktake
    window.stock_page.refresh()
    window.stock_page._update_count()  # noqa: SLF001 - what a reset of its model does
    assert "上次盘点" in window.stock_page.last_count_label.text()


def test_posting_is_refused_until_everything_is_counted(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = window.show_page("stocktake")
    assert isinstance(page, StocktakePage)
    page.blind.setChecked(True)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.info is not None and page.info.blind
    row = next(n for n, r in enumerate(page.model.rows) if r.item_id)
    assert page.model.index(row, Column.EXPECTED).data() == "•••", "blind count hides the books"
    assert page.start_post() is None
    assert page.message.isVisible() and "未盘" in page.message.text()
    # a typed fraction is refused at the count box
    type_scan(page.scan, "F-01")
    QTest.keyClicks(page.line_panel.counted, "2.5")
    QTest.keyClick(page.line_panel.counted, Qt.Key.Key_Return)
    assert "整数" in page.message.text()
    assert stk.lines(page.info.id, slot_id=page.model.rows[0].slot_id)[0].counted is None


def test_page_in_english(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    apply_language("en")
    page = window.show_page("stocktake")
    assert isinstance(page, StocktakePage)
    assert page.header.title.text() == "Stocktake"
    assert page.start_button.text() == "Start count"
    assert page.model.headerData(Column.COUNTED, Qt.Orientation.Horizontal, 0) == "Counted"
    apply_language("zh_CN")
    assert page.header.title.text() == "盘点"


def test_sheet_export_and_import_run_off_the_ui_thread(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path
) -> None:
    from openpyxl import load_workbook

    page = window.show_page("stocktake")
    assert isinstance(page, StocktakePage)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.info is not None
    task = page.export_to(tmp_path / "sheet.xlsx", "xlsx")
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert page.last_file == tmp_path / "sheet.xlsx" and page.last_file.exists()
    assert not list(tmp_path.glob("*.partial"))
    assert "sheet.xlsx" in page.notice.text()

    wb = load_workbook(page.last_file)
    ws = wb.worksheets[0]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value in ("序号", "No."))
    counted = next(c for c in range(1, 20) if ws.cell(head, c).value in ("实盘数量", "Counted"))
    ws.cell(head + 2, counted).value = 7  # the first line under the first zone heading
    wb.save(tmp_path / "filled.xlsx")
    task = page.import_file(tmp_path / "filled.xlsx")
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert "1" in page.notice.text(), page.message.text()
    assert sum(1 for r in page.model.rows if r.counted is not None) == 1
