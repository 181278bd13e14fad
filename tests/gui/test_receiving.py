"""Receiving driven as a storekeeper would: scan, inspect, place, get refused, sign, post, print."""

from __future__ import annotations

from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.gui.dialogs.signoff import SignOffDialog
from app.gui.main_window import MainWindow
from app.gui.pages.receiving import ReceivingPage
from app.gui.printing import render_to_printer
from app.gui.widgets.signature_pad import SignaturePad
from app.services.verify import verify
from app.store.models import Balance, Lot, ReceiptLine, Signature, Slot, Voucher
from tests.gui.conftest import Books, gtin_of, type_scan, type_text

EXPIRY = date.today() + timedelta(days=700)
PRODUCED = date.today() - timedelta(days=30)


def gs1(code: str, batch: str, sep: str = "<GS>") -> str:
    """GTIN, expiry, batch (variable length: ends with the separator), production date."""
    return f"01{gtin_of(code)}17{EXPIRY:%y%m%d}10{batch}{sep}11{PRODUCED:%y%m%d}"


def sign(qtbot: QtBot, pad: SignaturePad, wiggle: int = 0) -> None:
    """Two strokes with the mouse, as a person signs."""
    h = pad.height()
    for stroke in (
        [(20, h - 30), (60 + wiggle, 20), (110, h - 40), (160, 30 + wiggle)],
        [(200, h // 2), (260, h // 2 + 10), (320 + wiggle, h // 3)],
    ):
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*stroke[0]))
        for x, y in stroke[1:]:
            qtbot.mouseMove(pad, QPoint(x, y))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*stroke[-1]))


def slot_id(code: str) -> int:
    return Slot.get(Slot.code == code).id


def fill_header(page: ReceivingPage) -> None:
    page.party.setCurrentIndex(page.party.findText("华康医疗器械有限公司"))
    page.deliverer.setFocus()
    type_text(page.deliverer, "赵师傅")
    page.reference.setFocus()
    type_text(page.reference, "HK-2026-118")


def retype(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


@pytest.fixture
def page(window: MainWindow) -> ReceivingPage:
    shown = window.show_page("receiving")
    assert isinstance(shown, ReceivingPage)
    return shown


def test_whole_receipt_as_a_user(
    qtbot: QtBot, window: MainWindow, page: ReceivingPage, books: Books
) -> None:
    surg = books.items["FH-SURG"]
    before = sum(b.qty for b in Balance.select().where(Balance.item == surg))
    fill_header(page)

    # scan the carton's GS1-128 code (the scanner sends <GS> for the separator)
    page.scan.setFocus()
    qtbot.keyClicks(page.scan, gs1("FH-SURG", "SG2501"))
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.item.currentData() == surg
    assert (page.batch.text(), page.expiry.value(), page.production_date.value()) == (
        "SG2501",
        EXPIRY,
        PRODUCED,
    )
    assert "SG2501" in page.scan_message.text()

    # 20 boxes of 50 delivered, 1 box refused for damaged packaging
    page.unit.setCurrentIndex(page.unit.findData(50))
    retype(qtbot, page.delivered, "20")
    retype(qtbot, page.rejected, "1")
    assert page.accepted.value() == 19
    page.reason.setCurrentIndex(page.reason.findData("damaged"))
    page.reg_cert.setFocus()
    type_text(page.reg_cert, "国械注准20202140001")
    retype(qtbot, page.price, "17.50")
    for code in ("packaging", "product", "certificate", "labelling"):
        qtbot.mouseClick(page.checks[code], Qt.MouseButton.LeftButton)
    assert page.checks["shelf_life"].isChecked()  # the app checked the dates itself

    # an incompatible slot is refused, saying why, and nothing is placed
    page.slot.setCurrentIndex(page.slot.findData(slot_id("F-01")))
    qtbot.mouseClick(page.add_place_button, Qt.MouseButton.LeftButton)
    assert "F-01" in page.field_error("slot") and page.placements == []

    # the suggested slot already holds surgical masks
    assert "A-01-01" in page.suggestion.text()
    qtbot.mouseClick(page.use_suggestion_button, Qt.MouseButton.LeftButton)
    assert [(p.slot_id, p.qty) for p in page.placements] == [(slot_id("A-01-01"), 950)]

    # sign-off: one person cannot sign both sides, then both parties sign on the pads
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    dialog = page.signoff_dialog
    assert isinstance(dialog, SignOffDialog) and dialog.isVisible()
    assert dialog.box("deliverer").name.text() == "赵师傅"
    assert dialog.box("inspector").name.text() == books.account.display_name
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.box("deliverer").error.isVisible()  # nothing signed yet
    sign(qtbot, dialog.box("deliverer").pad)
    sign(qtbot, dialog.box("inspector").pad, wiggle=15)
    dialog.box("inspector").name.selectAll()
    type_text(dialog.box("inspector").name, "赵 师傅")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "同一人" in dialog.box("inspector").error.text()
    assert Voucher.select().where(Voucher.status == "posted").count() == 8  # nothing posted
    dialog.box("inspector").name.selectAll()
    type_text(dialog.box("inspector").name, books.account.display_name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    # the ledger holds exactly the accepted quantity on the chosen slot
    v = Voucher.get_by_id(page.last_posted)
    assert v.status == "posted" and v.number.startswith("RK-")
    lot = Lot.get((Lot.item == surg) & (Lot.batch == "SG2501"))
    assert [(b.slot_id, b.qty) for b in Balance.select().where(Balance.lot == lot.id)] == [
        (slot_id("A-01-01"), 950)
    ]
    assert sum(b.qty for b in Balance.select().where(Balance.item == surg)) == before + 950
    rl = ReceiptLine.get(ReceiptLine.voucher == v.id)
    assert (rl.delivered_qty, rl.accepted_qty, rl.rejected_qty, rl.reject_reason) == (
        1000,
        950,
        50,
        "damaged",
    )
    assert str(rl.unit_price) in ("0.35", "0.3500")
    assert [s.role for s in Signature.select().where(Signature.voucher == v.id)] == [
        "deliverer",
        "inspector",
    ]
    assert verify() == []
    assert page.banner.isVisible() and v.number in page.banner_text.text()
    assert page.filled_slots() == [slot_id("A-01-01")]

    # the 入库单 renders with Chinese text and both drawn signatures
    pdf = page.receipt_pdf()
    doc = pdfium.PdfDocument(pdf)
    text = doc[0].get_textpage().get_text_range()
    for words in ("防疫物资入库单", "医用外科口罩", "包装破损", "赵师傅", "A-01-01", v.number):
        assert words in text
    shot = doc[0].render(scale=2).to_pil().convert("L")
    height = doc[0].get_height()
    images = list(doc[0].get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
    assert len(images) == 2
    for obj in images:
        left, bottom, right, top = obj.get_bounds()
        box = shot.crop(
            (int(left * 2), int((height - top) * 2), int(right * 2), int((height - bottom) * 2))
        )
        assert sum(box.histogram()[:128]) > 50  # ink, not a white box

    # shelf labels for the slots just filled
    qtbot.mouseClick(page.labels_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "labels"
    # let the labels page finish its preview before the window goes away
    qtbot.waitUntil(lambda: not window.labels_page.busy(), timeout=30_000)


def test_scan_with_real_gs_unknown_gtin_and_unreadable_codes(
    qtbot: QtBot, page: ReceivingPage, books: Books
) -> None:
    page.scan.setFocus()
    type_scan(page.scan, gs1("FH-N95", "N9-77", sep="\x1d"))
    assert page.item.currentData() == books.items["FH-N95"] and page.batch.text() == "N9-77"

    page._on_add_line_button_clicked()
    unknown = f"0104006381333931{'17'}{EXPIRY:%y%m%d}10X1"
    qtbot.keyClicks(page.scan, unknown)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.link_button.isVisible() and "04006381333931" in page.scan_message.text()
    page.item.setCurrentIndex(page.item.findData(books.items["FH-GLOVE"]))
    qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)
    assert not page.link_button.isVisible()
    page.scan.selectAll()
    qtbot.keyClicks(page.scan, unknown)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.item.currentData() == books.items["FH-GLOVE"]

    page._on_add_line_button_clicked()
    odd = "+H123PROD01/$$3270101LOT9Q"
    qtbot.keyClicks(page.scan, odd)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.scan_message.text() and page.item.currentIndex() < 0
    page.item.setCurrentIndex(page.item.findData(books.items["FH-N95"]))
    voucher_id = page.save_draft()
    assert voucher_id is not None
    assert (
        ReceiptLine.get(ReceiptLine.voucher == voucher_id, ReceiptLine.line_no == 3).scan_text
        == odd
    )


def test_draft_is_saved_resumed_and_changes_no_stock(
    qtbot: QtBot, page: ReceivingPage, books: Books
) -> None:
    stock = [(b.lot_id, b.slot_id, b.qty) for b in Balance.select()]
    fill_header(page)
    page.scan.setFocus()
    qtbot.keyClicks(page.scan, gs1("FH-SURG", "SG-D1"))
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    retype(qtbot, page.delivered, "300")
    retype(qtbot, page.reg_cert, "GXZZ-2020-001")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    draft = page.voucher_id
    assert draft is not None and Voucher.get_by_id(draft).status == "draft"
    assert [(b.lot_id, b.slot_id, b.qty) for b in Balance.select()] == stock

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.voucher_id is None and page.batch.text() == ""
    page.drafts.setCurrentIndex(page.drafts.findData(draft))
    page.drafts.activated.emit(page.drafts.currentIndex())
    assert page.voucher_id == draft
    assert (page.batch.text(), page.delivered.value(), page.deliverer.text()) == (
        "SG-D1",
        300,
        "赵师傅",
    )
    # posting with no slot chosen is refused at the placements, on that line
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    assert page.signoff_dialog is None
    assert "300" in page.field_error("placements")


def test_missing_certificate_is_shown_at_its_field(
    qtbot: QtBot, page: ReceivingPage, books: Books
) -> None:
    fill_header(page)
    page.scan.setFocus()
    qtbot.keyClicks(page.scan, gs1("FH-SURG", "SG-C1"))
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    retype(qtbot, page.delivered, "100")
    qtbot.mouseClick(page.use_suggestion_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    assert page.signoff_dialog is None
    assert "注册证" in page.field_error("reg_cert_no")


def test_signature_pad_undo_redo_clear_and_png(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 160)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty()
    sign(qtbot, pad)
    assert len(pad.strokes()) == 2 and not pad.is_empty()
    pad.undo()
    assert len(pad.strokes()) == 1
    pad.redo()
    assert len(pad.strokes()) == 2
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    pad.clear()
    assert pad.is_empty()
    pad.redo()
    assert not pad.is_empty()


def test_printing_renders_every_page(qtbot: QtBot, tmp_path: object, books: Books) -> None:
    from app.documents.vouchers import voucher_pdf_bytes
    from app.services import vouchers

    pdf = voucher_pdf_bytes(vouchers.document(Voucher.get(Voucher.vtype == "move").id))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"  # type: ignore[operator]
    printer.setOutputFileName(str(out))
    assert render_to_printer(pdf, printer) == 1
    assert len(pdfium.PdfDocument(out.read_bytes())) == 1
