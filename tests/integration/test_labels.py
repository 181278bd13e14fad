"""Shelf labels for the demo storeroom on every template, read back as a scanner and a reader would.

Each PDF is rendered with pypdfium2 at 203 dpi in 1-bit black and white (a thermal head) and at
300 dpi; every QR code is decoded with zxing-cpp and must equal the payload of the label it lies
in, wholly inside that label's box. The Chinese names come back from the PDF's text, and every
character of that text lies inside a label box. Only a few pages per template are rendered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.documents import labels as label_doc
from app.documents.label_templates import LabelTemplate, builtin_templates
from app.domain import i18n, label_payload
from app.domain.errors import BadInput, NotFound
from app.services import bootstrap, labels
from app.store.database import close_database
from app.store.models import Balance, Slot
from tests.conftest import copy_demo

TEMPLATES = builtin_templates()
PT = 72 / 25.4  # points per mm


@pytest.fixture(scope="module")
def demo_books(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    i18n.set_language("en")
    path = copy_demo(demo_file, tmp_path_factory.mktemp("labels") / "demo.db")
    bootstrap.open_books(path, create=False)
    yield path
    close_database()


@dataclass
class Sheet:
    template: LabelTemplate
    rows: list[label_doc.LabelRow]
    pdf: bytes
    skip: int = 0

    def box_mm(self, index: int) -> tuple[int, float, float, float, float]:
        page, x, y = self.template.position(index + self.skip)
        return page, x, y, x + self.template.label_width, y + self.template.label_height

    def on_page(self, page: int) -> dict[int, label_doc.LabelRow]:
        return {i: r for i, r in enumerate(self.rows) if self.box_mm(i)[0] == page}


def _interesting(rows: list[label_doc.LabelRow]) -> list[label_doc.LabelRow]:
    """A handful of rows that matter for a roll: first, expired, flammable, empty, long name."""
    today = date.today()
    picks = [rows[0]]
    picks += [r for r in rows if r.expiry and r.expiry < today][:2]
    picks += [r for r in rows if r.hazard == "flammable"][:1]
    picks += [r for r in rows if r.item_code is None][:1]
    picks += sorted(rows, key=lambda r: -len(r.item_name))[:1]
    picks += [r for r in rows if r.hazard not in ("none", "flammable")][:1]
    return list(dict.fromkeys(picks))


def _render(pdf: bytes, page: int, dpi: int, one_bit: bool):  # noqa: ANN202 - a PIL image
    doc = pdfium.PdfDocument(pdf)
    image = doc[page].render(scale=dpi / 72, grayscale=True).to_pil()
    if one_bit:  # a thermal head: every dot black or white, no dithering
        image = image.point(lambda v: 255 if v > 127 else 0).convert("1")
    return image


def _check_page(sheet: Sheet, page: int, dpi: int, one_bit: bool) -> None:
    expected = sheet.on_page(page)
    image = _render(sheet.pdf, page, dpi, one_bit)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == len(expected), (sheet.template.name, page, dpi)
    px = dpi / 25.4
    seen = set()
    for code in found:
        p = code.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        cx = sum(c.x for c in corners) / 4 / px
        cy = sum(c.y for c in corners) / 4 / px
        index = next(
            i
            for i in expected
            if sheet.box_mm(i)[1] <= cx <= sheet.box_mm(i)[3]
            and sheet.box_mm(i)[2] <= cy <= sheet.box_mm(i)[4]
        )
        _p, x0, y0, x1, y1 = sheet.box_mm(index)
        for c in corners:
            assert x0 * px <= c.x <= x1 * px and y0 * px <= c.y <= y1 * px, (index, code.text)
        assert code.text == expected[index].payload
        assert label_payload.decode(code.text).slot == expected[index].slot
        seen.add(index)
    assert seen == set(expected)


def _check_text(sheet: Sheet, page: int) -> None:
    doc = pdfium.PdfDocument(sheet.pdf)
    pdf_page = doc[page]
    page_h = pdf_page.get_height()
    text = pdf_page.get_textpage()
    expected = sheet.on_page(page)
    boxes = [sheet.box_mm(i) for i in expected]
    # Every character drawn lies inside a label (0.3 pt for rounding in the font's boxes).
    for n in range(text.count_chars()):
        left, bottom, right, top = text.get_charbox(n)
        if right - left <= 0:
            continue  # line breaks pdfium adds
        assert any(
            x0 * PT - 0.3 <= left
            and right <= x1 * PT + 0.3
            and y0 * PT - 0.3 <= page_h - top
            and page_h - bottom <= y1 * PT + 0.3
            for _p, x0, y0, x1, y1 in boxes
        ), (sheet.template.name, text.get_text_range(n, 1))
    for i, row in expected.items():
        _p, x0, y0, x1, y1 = sheet.box_mm(i)
        inside = text.get_text_bounded(x0 * PT, page_h - y1 * PT, x1 * PT, page_h - y0 * PT)
        flat = "".join(inside.split())
        assert row.slot in flat
        if row.item_code and "name" in sheet.template.fields:
            assert "".join(row.item_name.split()) in flat, (row.item_name, flat)
        if row.item_code and row.expiry and "expiry" in sheet.template.fields:
            assert row.expiry.isoformat() in flat
            assert ("已过期" in flat) == (row.expiry < date.today())
        if row.hazard == "flammable" and "hazard" in sheet.template.fields:
            assert "易燃" in flat


@pytest.mark.parametrize("name", [t.name for t in TEMPLATES])
def test_every_template_prints_scannable_labels(demo_books: Path, name: str) -> None:
    template = labels.template(name)
    every_slot = labels.slot_ids(all_slots=True)
    rows = labels.label_rows(every_slot, include_empty=True)
    on_shelf = Balance.select().where(Balance.qty > 0).count()
    empty = Slot.select().count() - len({r.slot for r in rows if r.item_code})
    assert len(rows) == on_shelf + empty  # one label per lot on a slot, one per empty slot
    pdf, count = labels.labels_for_slots(every_slot, name, include_empty=True)
    assert count == len(rows)
    assert len(pdfium.PdfDocument(pdf)) == template.pages_for(count)
    if template.kind == "sheet":
        sheet = Sheet(template, rows, pdf)
        last = template.pages_for(count) - 1
        checks = [(0, 203, True), (0, 300, False), (last, 203, True)]
    else:
        picked = _interesting(rows)
        sheet = Sheet(template, picked, label_doc.render(picked, template))
        checks = [
            (p, dpi, bit) for p in range(len(picked)) for dpi, bit in ((203, True), (300, False))
        ]
    for page, dpi, one_bit in checks:
        _check_page(sheet, page, dpi, one_bit)
    for page in sorted({c[0] for c in checks}):
        _check_text(sheet, page)


@pytest.mark.parametrize("name", [t.name for t in TEMPLATES if "barcode" in t.fields])
def test_code128_of_the_batch_reads_back(demo_books: Path, name: str) -> None:
    template = labels.template(name)
    rows = labels.label_rows(labels.slot_ids(zone="A"))[: template.per_page]
    image = _render(label_doc.render(rows, template), 0, 300, False)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)
    assert found and {c.text for c in found} <= {r.batch for r in rows}


def test_start_at_label_n_on_a_used_sheet(demo_books: Path) -> None:
    template = labels.template("a4-3x8-70x37")
    rows = labels.label_rows(labels.slot_ids(zone="C"))
    pdf, count = labels.labels_for_slots(labels.slot_ids(zone="C"), template.name, skip=20)
    assert count == len(rows) and len(pdfium.PdfDocument(pdf)) == template.pages_for(count, 20)
    sheet = Sheet(template, rows, pdf, skip=20)
    _check_page(sheet, 0, 203, True)
    _check_page(sheet, 1, 203, True)
    with pytest.raises(BadInput):
        labels.labels_for_slots([1], template.name, skip=24)


def test_lot_filter_for_a_receipt(demo_books: Path) -> None:
    slot = Slot.get(Slot.code == "C-02-01")
    rows = labels.label_rows([slot.id])
    lot_ids = [b.lot_id for b in Balance.select().where(Balance.slot == slot.id, Balance.qty > 0)]
    only = labels.label_rows([slot.id], lot_ids=lot_ids[:1])
    assert len(rows) == len(lot_ids) > 1 and len(only) == 1


def test_unknown_zone_slot_and_template_are_refused(demo_books: Path) -> None:
    with pytest.raises(NotFound) as err:
        labels.slot_ids(zone="Q")
    assert err.value.field == "zone"
    with pytest.raises(NotFound) as err:
        labels.slot_ids(codes=["A-01-01", "Z-99"])
    assert "Z-99" in err.value.en
    with pytest.raises(NotFound):
        labels.template("no-such")


def test_custom_template_fields_and_printer_offsets(demo_books: Path) -> None:
    data = {
        "name": "my-58x40",
        "title": "My roll",
        "kind": "roll",
        "fields": ["expiry", "qr"],
        "label": {"width": 58, "height": 40, "radius": 0},
    }
    made = labels.save_custom_template(data)
    assert made.custom and labels.template("my-58x40") == made
    with pytest.raises(BadInput) as err:
        labels.save_custom_template({**data, "name": "roll-40x30"})
    assert err.value.field == "name"
    with pytest.raises(BadInput) as err:
        labels.save_custom_template({**data, "label": {"width": 58, "height": 4}})
    assert err.value.field == "label.height"
    assert labels.fields_for(made) == ("expiry", "qr")
    assert labels.set_fields(made, ["qr", "name", "bogus"]) == ("name", "qr")
    assert labels.fields_for(made) == ("name", "qr")
    labels.delete_custom_template("my-58x40")
    assert "my-58x40" not in [t.name for t in labels.templates()]

    assert labels.printer_offset("HP LaserJet") == (0.0, 0.0)
    assert labels.set_printer_offset("HP LaserJet", 1.25, -0.5) == (1.25, -0.5)
    assert labels.printer_offset("HP LaserJet") == (1.25, -0.5)
    assert labels.printer_offset("Other") == (0.0, 0.0)
    with pytest.raises(BadInput) as err:
        labels.set_printer_offset("HP LaserJet", 0, 12)
    assert err.value.field == "offset_y"

    # The offset moves every mark on the page by that much.
    template = labels.template("roll-50x30")
    rows = labels.label_rows(labels.slot_ids(codes=["F-01-02"]))[:1]
    plain = zxingcpp.read_barcodes(_render(label_doc.render(rows, template), 0, 300, False))[0]
    moved_pdf = label_doc.render(rows, template, offset=(2.0, 1.0))
    moved = zxingcpp.read_barcodes(_render(moved_pdf, 0, 300, False))[0]
    px = 300 / 25.4
    assert abs(moved.position.top_left.x - plain.position.top_left.x - 2 * px) <= 2
    assert abs(moved.position.top_left.y - plain.position.top_left.y - 1 * px) <= 2


@pytest.mark.parametrize("name", ["a4-3x8-70x37", "roll-40x30"])
def test_calibration_page(name: str) -> None:
    template = next(t for t in TEMPLATES if t.name == name)
    doc = pdfium.PdfDocument(label_doc.calibration(template, (0.5, -0.5)))
    assert len(doc) == 1
    w, h = doc[0].get_size()
    assert abs(w - template.page_width * PT) < 0.5 and abs(h - template.page_height * PT) < 0.5
    text = doc[0].get_textpage().get_text_range()
    assert "10 mm" in text and "+0.5" in text and "-0.5" in text
