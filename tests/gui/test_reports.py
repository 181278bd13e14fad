"""Reports page: choose a report, its period and item, save through the file dialog."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.gui import translation
from app.gui.main_window import MainWindow
from app.gui.pages.reports import LAST_MONTH, THIS_YEAR, ReportsPage, quick_range

from .conftest import Books


def save_dialog(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> list[str]:
    """Stand in for the file dialog: answer with `answer` (None: the user cancelled)."""
    asked: list[str] = []

    def fake(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return (str(answer) if answer else "", "")

    monkeypatch.setattr("app.gui.pages.reports.QFileDialog.getSaveFileName", fake)
    return asked


def page_of(window: MainWindow) -> ReportsPage:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    return page


def wait(qtbot: QtBot, page: ReportsPage) -> None:
    assert page.task is not None
    qtbot.waitUntil(lambda: not page.task.running, timeout=60_000)


def test_save_the_in_out_summary_through_the_dialog(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    page.choose("in-out-summary")
    assert page.report_title.text() == "收发存汇总表"
    assert page.start.isVisible() and not page.lot_combo.isVisible()
    page.set_format("xlsx")
    target = tmp_path / "out" / "summary"  # no suffix: the page adds .xlsx
    asked = save_dialog(monkeypatch, target)
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, page)
    assert asked and asked[0].endswith(".xlsx") and "收发存汇总表" in asked[0]
    saved = target.with_name("summary.xlsx")
    assert page.last_file == saved and saved.is_file()
    assert page.notice.isVisible() and page.open_folder.isVisible()
    ws = load_workbook(saved).worksheets[0]
    assert "收发存汇总表" in ws["A1"].value
    closing = {row[0]: row[-1] for row in ws.iter_rows(values_only=True) if row[0] in books.on_hand}
    assert closing == {code: qty for code, qty in books.on_hand.items() if qty}


def test_a_report_that_needs_an_item_says_so_at_the_item(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    page.choose("ledger-card")
    assert page.item_combo.isVisible() and page.lot_combo.isVisible()
    asked = save_dialog(monkeypatch, None)
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert asked == []  # refused before the dialog
    assert "物资" in page.errors.message("item")
    # a user who cancels the dialog gets no file and no message
    page.set_item("FH-N95")
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and page.task is None
    assert page.errors.message("item") == ""


def test_lot_trace_as_pdf_with_item_and_lot(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    page.choose("lot-trace")
    assert not page.start.isVisible() and page.period_note.isVisible()
    assert page.lot_combo.itemText(0) == "请选择批次…"  # no "all lots" for a trace
    page.set_item("FH-N95", "N95-2405")
    assert page.lot_combo.currentData() == "N95-2405"
    page.set_format("pdf")
    save_dialog(monkeypatch, tmp_path / "trace.pdf")
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wait(qtbot, page)
    doc = pdfium.PdfDocument(str(tmp_path / "trace.pdf"))
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    assert "批次追溯表" in text and "N95-2405" in text and "王玥" in text


def test_quick_periods_and_a_wrong_range(window: MainWindow) -> None:
    page = page_of(window)
    page.choose("receipts")
    today = date(2026, 3, 15)
    assert quick_range(LAST_MONTH, today) == (date(2026, 2, 1), date(2026, 2, 28))
    assert quick_range(THIS_YEAR, today) == (date(2026, 1, 1), today)
    page.set_quick(LAST_MONTH)
    assert page.quick.currentData() == LAST_MONTH
    page.start.setDate(page.end.date().addDays(5))  # typing a date makes the choice "custom"
    assert page.quick.currentData() == "custom"
    assert page.params() is None
    assert page.errors.message("from")
    page.set_period(date.today() - timedelta(days=7), date.today())
    assert page.params() is not None


def test_the_page_follows_the_language(window: MainWindow) -> None:
    page = page_of(window)
    page.choose("donations")
    translation.apply_language("en")
    assert page.header.title.text() == "Reports"
    assert page.report_title.text() == "Donations received (接受捐赠清单)"
    titles = [page.report_list.item(n).text() for n in range(page.report_list.count())]
    assert "Stock card" in titles
    translation.apply_language("zh_CN")
    assert page.report_title.text() == "接受捐赠清单"
