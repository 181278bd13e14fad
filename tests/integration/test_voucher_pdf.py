"""The 入库单 PDF and `storekeeper voucher`: Chinese text, both signatures drawn, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.documents.vouchers import rmb_upper, voucher_pdf_bytes
from app.services import ledger, receiving, settings, vouchers
from app.services.receiving import Placement
from app.store.database import close_database
from app.store.models import Lot
from tests.conftest import Store
from tests.integration.test_receiving import both, mask_line, receipt

ENV = {**os.environ, "STOREKEEPER_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}


def page_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def ink_in_signature_boxes(pdf: bytes) -> list[int]:
    """Dark pixels where each image sits on the rendered last page (the signature boxes)."""
    doc = pdfium.PdfDocument(pdf)
    page = doc[len(doc) - 1]
    scale = 2
    shot = page.render(scale=scale).to_pil().convert("L")
    height = page.get_height()
    dark = []
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        box = shot.crop(
            (
                int(left * scale),
                int((height - top) * scale),
                int(right * scale),
                int((height - bottom) * scale),
            )
        )
        dark.append(sum(box.histogram()[:128]))
    return dark


@pytest.fixture
def posted(store: Store) -> int:
    settings.set_institution_name("阳光幼儿园")
    line = mask_line(
        store,
        accepted=900,
        rejected=100,
        reject_reason="damaged",
        placements=[Placement(store.general[0], 500), Placement(store.general[1], 400)],
    )
    return receiving.receive(receipt(store, line), both()).id


def test_receipt_pdf_has_chinese_text_and_both_signatures(posted: int) -> None:
    doc = vouchers.document(posted)
    assert doc.value == Decimal("315.00")
    pdf = voucher_pdf_bytes(doc, "zh_CN")
    text = page_text(pdf)
    for words in (
        "阳光幼儿园",
        "防疫物资入库单",
        "医用外科口罩",
        "包装破损",
        "A-01-01",
        "赵师傅",
        "李秀兰",
        "叁佰壹拾伍元整",
        doc.number,
    ):
        assert words in text, words
    dark = ink_in_signature_boxes(pdf)
    assert len(dark) == 2 and all(n > 50 for n in dark)
    english = page_text(voucher_pdf_bytes(doc, "en"))
    assert "damaged packaging" in english and "医用外科口罩" in english


def test_any_posted_voucher_prints(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    ledger.post_new("receipt", [ledger.Line(store.mask, lot, store.general[0], 10)])
    m = ledger.post_new(
        "move", [ledger.Line(store.mask, lot, store.general[0], 4, to_slot_id=store.general[1])]
    )
    text = page_text(voucher_pdf_bytes(vouchers.document(m.id), "zh_CN"))
    assert "移库单" in text and "A-01-02" in text and Lot.get_by_id(lot).batch in text


def test_capital_amounts() -> None:
    assert rmb_upper(Decimal("0")) == "零元整"
    assert rmb_upper(Decimal("1942.5")) == "壹仟玖佰肆拾贰元伍角整"
    assert rmb_upper(Decimal("100.07")) == "壹佰元零柒分"
    assert rmb_upper(Decimal("10005")) == "壹万零伍元整"
    assert rmb_upper(Decimal("1010000.3")) == "壹佰零壹万元叁角整"
    assert rmb_upper(Decimal("0.5")) == "伍角整"


def test_cli_voucher_command(posted: int, store: Store, tmp_path: Path) -> None:
    number = vouchers.document(posted).number
    close_database()
    out = tmp_path / "rk.pdf"

    def sk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=ENV,
            timeout=120,
        )

    p = sk("voucher", "--db", str(store.path), "--no", number, "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert "防疫物资入库单" in page_text(out.read_bytes())
    p = sk(
        "voucher", "--db", str(store.path), "--no", "RK-2099-0001", "-o", str(tmp_path / "x.pdf")
    )
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1
    assert "RK-2099-0001" in p.stderr and not (tmp_path / "x.pdf").exists()
