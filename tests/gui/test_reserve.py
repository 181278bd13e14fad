"""Reserve page: edit an item's standard with the keyboard, see its target, export the top-up list."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.pages.reserve import Column, ReservePage
from app.services import audit, people, reserve
from tests.gui.conftest import Books, type_text


def _page(window: MainWindow) -> ReservePage:
    page = window.show_page("reserve")
    assert isinstance(page, ReservePage)
    return page


def _cell(page: ReservePage, item_id: int, column: Column) -> str:
    row = page.model.row_of_item(item_id)
    return page.model.index(row, column).data()


def _choose(qtbot: QtBot, radio: QRadioButton) -> None:
    """Click the radio button's circle (its middle may be past the end of its words)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(9, radio.height() // 2))
    assert radio.isChecked()


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.selectAll()
    type_text(widget, text)  # Chinese too


def test_set_a_per_person_standard_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = _page(window)
    n95 = books.items["FH-N95"]
    assert page.select_item(n95)
    p = page.panel
    assert p.isEnabled() and "FH-N95" in p.title.text() and p.unit.text() == "只"
    assert p.fixed.isChecked() and p.days.currentText() == "45"
    assert not p.groups_box.isEnabled()  # groups only count per person

    _choose(qtbot, p.per_person)
    assert p.groups_box.isEnabled()
    p.risks["high"].setChecked(True)  # 王玥, the only high-risk person
    _type(qtbot, p.qty, "2")
    p.days.setCurrentIndex(p.days.findData(30))
    assert p.preview.text() == "1 人 × 2 只 = 每天 2 只；× 30 天 = 储备目标 60 只"
    QTest.keyClick(p.qty, Qt.Key.Key_Return)  # Enter saves

    info = reserve.get_target(n95)
    assert info is not None and info.mode == "per_person" and info.risk_groups == ("high",)
    assert (info.people, info.days, info.target) == (1, 30, 60)
    assert "已保存" in page.notice.text() and "60 只" in page.notice.text()
    # N95-2301 (1,200) expires in 20 days, inside the 30 reserve days: flagged, still usable
    assert _cell(page, n95, Column.TARGET) == "60"
    assert _cell(page, n95, Column.USABLE) == "3,080 只"
    assert _cell(page, n95, Column.EXPIRING) == "▲ 1,200"
    assert _cell(page, n95, Column.GAP) == "0 ✓"
    row = page.model.row_of_item(n95)
    tip = page.model.index(row, Column.EXPIRING).data(Qt.ItemDataRole.ToolTipRole)
    assert "1,200 只" in tip and "30 天" in tip
    assert page.top_up.rows == []
    assert audit.entries()[0].action == "reserve.set"


def test_bad_input_is_shown_at_its_field(qtbot: QtBot, window: MainWindow, books: Books) -> None:
    page = _page(window)
    window.activateWindow()
    page.select_item(books.items["FH-SURG"])
    p = page.panel
    _type(qtbot, p.qty, "两盒")
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert "每天数量" in p.errors.message("qty")
    qtbot.waitUntil(p.qty.hasFocus)  # the cursor goes where the mistake is
    assert "填写数量和储备天数" in p.preview.text()
    _type(qtbot, p.qty, "100")
    p.days.setEditText("0")
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert "储备天数" in p.errors.message("days")
    p.days.setEditText("45")
    _choose(qtbot, p.per_person)
    clinic = people.create_party("department", "保健室").id
    page.refresh()
    page.select_item(books.items["FH-SURG"])
    _choose(qtbot, p.per_person)
    _type(qtbot, p.qty, "2")
    for n in range(p.departments.count()):
        if p.departments.item(n).data(Qt.ItemDataRole.UserRole) == clinic:
            p.departments.item(n).setCheckState(Qt.CheckState.Checked)
    assert p.preview.text().startswith("0 人")
    qtbot.mouseClick(p.save_button, Qt.MouseButton.LeftButton)
    assert "没有在岗人员" in p.errors.message("groups")
    assert reserve.get_target(books.items["FH-SURG"]) is None


def test_top_up_list_and_its_exports(
    qtbot: QtBot, window: MainWindow, books: Books, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    surg = books.items["FH-SURG"]
    page.select_item(surg)
    _type(qtbot, page.panel.qty, "100")
    qtbot.mouseClick(page.panel.save_button, Qt.MouseButton.LeftButton)
    # 100 a day × 45 = 4,500; usable 3,250 − 500 expired (SG-2311) = 2,750; gap 1,750 → 2 箱
    assert _cell(page, surg, Column.GAP) == "1,750"
    assert page.tabs.tabText(1) == "补充采购清单（1）"
    (row,) = page.top_up.rows
    assert (row.target, row.usable, row.gap, row.gap_packs, row.pack_unit) == (
        4500,
        2750,
        1750,
        2,
        "箱",
    )
    assert page.top_up.index(0, 5).data() == "2 箱"
    assert window.dashboard_page.stale  # the dashboard reads the change when next shown

    chosen = {"xlsx": tmp_path / "补充采购.xlsx", "pdf": tmp_path / "补充采购.pdf"}
    for fmt, button in (("xlsx", page.export_xlsx), ("pdf", page.export_pdf)):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *_a, f=fmt, **_k: (str(chosen[f]), "")
        )
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert page.task is not None
        qtbot.waitUntil(lambda: not page.task.running, timeout=30_000)
        assert page.last_file == chosen[fmt] and chosen[fmt].exists()
        assert str(chosen[fmt]) in page.notice.text()
    ws = load_workbook(chosen["xlsx"]).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "阳光幼儿园防疫物资储备补充采购清单"
    assert rows[3][1:3] == ("FH-SURG", "医用外科口罩") and rows[3][9:12] == (
        1750,
        "箱（1,000 只）",
        2,
    )
    doc = pdfium.PdfDocument(chosen["pdf"])
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    for word in ("补充采购清单", "医用外科口罩", "2 箱", "保管员", "审核人"):
        assert word in text

    qtbot.mouseDClick(
        page.top_up_table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.top_up_table.visualRect(page.top_up.index(0, 1)).center(),
    )
    assert page.tabs.currentIndex() == 0 and page.item_id == surg
    qtbot.mouseClick(page.panel.remove_button, Qt.MouseButton.LeftButton)
    assert reserve.get_target(surg) is None and page.top_up.rows == []
    assert not page.export_pdf.isEnabled()  # nothing has a standard: nothing to export


def test_search_filters_and_sorting_keeps_the_selection(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = _page(window)
    type_text(page.search, "防护口罩")
    codes = {page.proxy.index(r, Column.CODE).data() for r in range(page.proxy.rowCount())}
    assert "FH-N95" in codes and "FH-SURG" not in codes
    assert page.select_item(books.items["FH-SURG"])  # hidden by the search: it is cleared
    assert page.search.text() == "" and page.item_id == books.items["FH-SURG"]
    page.table.sortByColumn(Column.USABLE, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, Column.CODE).data() == "FH-N95"  # 3,080 usable: the most
    assert page.proxy.index(1, Column.CODE).data() == "FH-SURG"  # 2,750
    (selected,) = page.table.selectionModel().selectedRows()
    assert selected.data() == "FH-SURG" and page.item_id == books.items["FH-SURG"]


def test_code_columns_fit_every_code_once_loaded(window: MainWindow, books: Books) -> None:
    page = _page(window)
    reserve.set_target(books.items["FH-N95"], mode="fixed", qty=1000)  # below target: top-up
    page.refresh()
    assert page.top_up.rowCount() == 1
    for table in (page.table, page.top_up_table):
        head = table.horizontalHeader()
        fitted = table.columnWidth(0)
        table.resizeColumnToContents(0)  # Qt's own fit, reading every row
        assert (
            fitted
            == table.columnWidth(0)
            == max(table.sizeHintForColumn(0), head.sectionSizeHint(0))
        )
        assert head.sectionResizeMode(0) == head.ResizeMode.Interactive  # not refitted per layout
