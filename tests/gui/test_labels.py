"""Labels page: preview off the UI thread, save, print at 100 %, templates, calibration; and
scanning printed labels back into the global search opens the right slot."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.documents import labels as label_doc
from app.gui.dialogs.label_template import CalibrationDialog, LabelTemplateDialog
from app.gui.main_window import PAGES, MainWindow
from app.gui.pages.labels import LabelsPage, pdfium_lock
from app.services import catalogue, labels, ledger
from app.services.ledger import Line
from app.store.models import Balance, Slot
from tests.gui.conftest import Books, type_scan

WAIT_MS = 30000


def _page(qtbot: QtBot, window: MainWindow) -> LabelsPage:
    page = window.show_page("labels")
    assert isinstance(page, LabelsPage)
    if page.busy() or page.last_result() is None:
        with qtbot.waitSignal(page.job_finished, timeout=WAIT_MS):
            page.update_now()
    return page


def _run(qtbot: QtBot, page: LabelsPage, action) -> None:  # noqa: ANN001 - a callable
    with qtbot.waitSignal(page.job_finished, timeout=WAIT_MS):
        action()
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)


def _qr(pdf: bytes | Path, page: int = 0, dpi: int = 203) -> list[zxingcpp.Result]:
    with pdfium_lock:  # a preview may be rendering in the page's worker
        image = pdfium.PdfDocument(pdf)[page].render(scale=dpi / 72, grayscale=True).to_pil()
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def test_page_previews_every_lot_on_every_slot(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    page = _page(qtbot, window)
    lots_on_slots = Balance.select().where(Balance.qty > 0).count()
    assert page.last_result().count == lots_on_slots == len(page.rows())
    assert not page.preview_label.pixmap().isNull()
    entry = window.sidebar.item(PAGES.index("labels"))
    assert entry.text() == "标签打印" and page.header.title.text() == "货位标签"
    # Empty slots add a label each; fields chosen are kept for the template.
    catalogue.create_slot(Slot.get(Slot.code == "A-01-01").zone_id, "A-09")
    page.refresh()
    page.empty_check.setChecked(True)
    _run(qtbot, page, page.update_now)
    assert page.last_result().count == lots_on_slots + 1
    assert page.slot_table.rowCount() == 4
    page.field_checks["spec"].setChecked(False)
    assert "spec" not in labels.fields_for(page.template())


def test_save_pdf_holds_the_right_payloads(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = _page(qtbot, window)
    page.set_template("a4-3x8-70x37")
    out = tmp_path / "labels.pdf"
    _run(qtbot, page, lambda: page.save_pdf_to(out))
    assert sorted(r.text for r in _qr(out)) == sorted(r.payload for r in page.rows())


def test_printing_is_at_100_percent_with_the_printer_offset(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    page = _page(qtbot, window)
    page.set_template("a4-3x8-70x37")
    template = page.template()
    direct = label_doc.render(page.rows(), template, fields=page.fields())
    want = {r.text: r.position.top_left for r in _qr(direct, dpi=300)}

    def printed(offset: tuple[float, float]) -> dict:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = tmp_path / f"printed-{offset[0]}.pdf"
        printer.setOutputFileName(str(out))
        printer.setResolution(300)
        labels.set_printer_offset(printer.printerName(), *offset)
        _run(qtbot, page, lambda: page.print_to(printer))
        with pdfium_lock:
            w, h = pdfium.PdfDocument(out)[0].get_size()
        assert abs(w - 210 * 72 / 25.4) < 1 and abs(h - 297 * 72 / 25.4) < 1  # A4, no scaling
        return {r.text: r.position.top_left for r in _qr(out, dpi=300)}

    px = 300 / 25.4
    same = printed((0.0, 0.0))
    assert set(same) == set(want)
    for text, corner in same.items():  # within half a millimetre of the PDF's own place
        assert abs(corner.x - want[text].x) <= px / 2 and abs(corner.y - want[text].y) <= px / 2
    shifted = printed((2.0, 1.0))
    for text, corner in shifted.items():
        assert abs(corner.x - want[text].x - 2 * px) <= px / 2
        assert abs(corner.y - want[text].y - 1 * px) <= px / 2


def test_many_labels_ask_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window)
    asked: list[int] = []
    dialogs: list[bool] = []
    monkeypatch.setattr(page, "confirm_many", lambda n: asked.append(n) or False)
    monkeypatch.setattr(page, "choose_printer", lambda: dialogs.append(True) or None)
    page.print_button.click()
    assert asked == [] and dialogs == [True]  # a few labels: straight to the print dialog
    monkeypatch.setattr(labels, "CONFIRM_ABOVE", 2)
    page.print_button.click()
    assert asked == [len(page.rows())] and dialogs == [True]  # refused: no print dialog


def test_scanning_printed_labels_opens_their_slot(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    every_slot = labels.slot_ids(all_slots=True)
    pdf, count = labels.labels_for_slots(every_slot, "roll-50x30")
    payloads = [_qr(pdf, n)[0].text for n in range(count)]
    rows = labels.label_rows(every_slot)
    assert payloads == [r.payload for r in rows]
    for payload, row in zip(payloads, rows, strict=True):
        window.show_page("stock")
        type_scan(window.global_search, payload)
        dialog = window.slot_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.slot_code() == row.slot and not dialog.outdated()
        assert dialog.resolution.batch == row.batch
        assert dialog.table.rowCount() == sum(1 for r in rows if r.slot == row.slot)

    # The N95 lot on A-01-02 moves away: its label is now out of date and offers a reprint.
    a2 = Slot.get(Slot.code == "A-01-02").id
    a1 = Slot.get(Slot.code == "A-01-01").id
    old = next(p for p, r in zip(payloads, rows, strict=True) if r.slot == "A-01-02")
    ledger.post_new(
        "move", [Line(books.items["FH-N95"], books.lots["N95-2405"], a2, 1600, to_slot_id=a1)]
    )
    type_scan(window.global_search, old)
    dialog = window.slot_dialog
    assert dialog.outdated() and dialog.warning.isVisible()
    assert "不在此货位" in dialog.warning.text()
    dialog.print_button.click()
    assert window.current_page() == "labels"
    assert window.labels_page.chosen_slot_ids() == [a2]
    assert window.labels_page.chosen_radio.isChecked()


def test_scanning_a_slot_code_shows_what_it_holds(qtbot: QtBot, window: MainWindow) -> None:
    type_scan(window.global_search, "f-01")
    dialog = window.slot_dialog
    assert dialog.slot_code() == "F-01" and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "XS-ALC75"


def test_own_template_in_millimetres(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    page.set_template("roll-50x30")
    dialog = LabelTemplateDialog(page.template(), page)
    qtbot.addWidget(dialog)
    dialog.name.setText("roll-58x40")  # a shipped name? no: but check a too small label first
    dialog.label_w.setValue(58)
    dialog.label_h.setValue(10)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved is None and "18" in dialog.errors.message("label.height")
    dialog.label_h.setValue(40)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved is not None and dialog.saved.name == "roll-58x40"
    page.refresh()
    page.set_template("roll-58x40")
    assert page.template().custom and page.delete_template_button.isEnabled()


def test_calibration_page_prints_and_offset_is_saved_per_printer(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, window)
    page.set_template("avery-l7160")
    dialog = CalibrationDialog(page, page)
    qtbot.addWidget(dialog)
    dialog.offset_x.setValue(1.5)
    dialog.offset_y.setValue(-0.5)
    out = tmp_path / "calibration.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(150)
        return printer

    monkeypatch.setattr(page, "choose_printer", pdf_printer)
    _run(qtbot, page, dialog.print_button.click)
    with pdfium_lock:
        doc = pdfium.PdfDocument(out)
        assert len(doc) == 1 and abs(doc[0].get_width() - 210 * 72 / 25.4) < 1
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert labels.printer_offset(dialog.printer_name()) == (1.5, -0.5)
    assert not dialog.saved_label.isHidden()


def test_a_preview_draws_only_the_pages_it_shows(qtbot: QtBot, window: MainWindow) -> None:
    """A storeroom's worth of labels: the preview draws PREVIEW_PAGES pages, and says how many
    pages the whole PDF has, exactly as many as the PDF that is saved or printed."""
    from app.gui.pages import labels as labels_page

    page = _page(qtbot, window)
    rows = page.rows()
    for name, skip in (("roll-50x30", 0), ("a4-3x8-70x37", 0), ("a4-3x8-70x37", 5)):
        template = next(t for t in labels.templates() if t.name == name)
        many = (rows * (1 + (template.per_page * labels_page.PREVIEW_PAGES) // len(rows)))[
            : template.per_page * labels_page.PREVIEW_PAGES + 7
        ]
        job = labels_page.LabelJob(many, template, template.fields, skip, preview=True)
        shown = labels_page.run_job(job)
        whole = pdfium.PdfDocument(label_doc.render(many, template, skip=skip))
        assert (shown.count, shown.pages) == (len(many), len(whole)), name
        assert len(shown.images) == labels_page.PREVIEW_PAGES < len(whole)
        assert shown.pdf == b""  # nothing to save from a preview


def test_saving_and_printing_report_progress_and_stop_when_cancelled(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """Saving and printing go through the progress dialog with Cancel; a cancelled save leaves
    no file (not even a part), a cancelled print is aborted at the printer."""
    from app.domain import i18n
    from app.domain.progress import Cancelled
    from app.gui.pages import labels as labels_page

    page = _page(qtbot, window)
    page.set_template("a4-3x8-70x37")
    out = tmp_path / "labels.pdf"
    with qtbot.waitSignal(page.job_finished, timeout=WAIT_MS):
        task = page.save_pdf_to(out)
    assert task.dialog is not None and out.exists()  # the dialog shows if it takes a while
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)

    many = page.rows() * 40
    template = page.template()
    seen: list[tuple[int, int, str]] = []

    def stop_after(n: int):  # noqa: ANN202 - a Progress
        def progress(done: int, total: int, text: str) -> None:
            seen.append((done, total, text))
            if len(seen) > n:
                raise Cancelled()

        return progress

    job = labels_page.LabelJob(many, template, template.fields, save_to=tmp_path / "big.pdf")
    with pytest.raises(Cancelled):
        labels_page.run_job(job, stop_after(2))
    assert seen[0] == (0, len(many), i18n.pick("正在生成标签", "Making the labels"))
    assert list(tmp_path.glob("big.pdf*")) == []

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    labels_page.prepare_printer(printer, template)
    seen.clear()
    job = labels_page.LabelJob(many, template, template.fields, printer=printer)
    with pytest.raises(Cancelled):
        labels_page.run_job(job, stop_after(len(many) // 20 + 2))  # drawn, then a page printed
    assert seen[-1][2] == i18n.pick("正在送往打印机", "Sending to the printer")
    # A real printer drops the aborted job; Qt's PDF printer cannot abort and keeps what was
    # sent: the pages before the cancel, and no more.
    with pdfium_lock:
        printed = len(pdfium.PdfDocument(tmp_path / "printed.pdf"))
    assert printed == seen[-1][0] < template.pages_for(len(many))
