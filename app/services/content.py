"""What a voucher's hashes cover beyond its ledger lines: inspected receipt lines and signatures.

`ledger.voucher_record` adds these (only when present, so vouchers posted before they existed keep
their hashes); `signing_record` is the draft's content a signer agrees to, hashed into each
signature, so a draft changed after signing needs signing again.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from app.store.models import (
    ReceiptLine,
    Signature,
    Stocktake,
    StocktakeLine,
    Voucher,
    VoucherLine,
)

PRICE_PLACES = Decimal("0.0001")


def price_text(value: Decimal | float | str | None) -> str | None:
    """A unit price as fixed 4-decimal text: the same before and after a database round trip."""
    if value is None:
        return None
    return str(Decimal(str(value)).quantize(PRICE_PLACES))


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _sha(data: bytes | str | None) -> str | None:
    if data is None:
        return None
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return hashlib.sha256(raw).hexdigest()


def _checklist(text: str) -> str:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return text  # kept as stored: a hand edit still changes the hash
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def receipt_records(voucher_id: int, *, with_lot: bool = True) -> list[list]:
    rows = (
        ReceiptLine.select().where(ReceiptLine.voucher == voucher_id).order_by(ReceiptLine.line_no)
    )
    out = []
    for r in rows:
        rec = [
            r.line_no,
            r.item_id,
            r.spec,
            r.batch,
            _iso(r.production_date),
            _iso(r.expiry),
            r.reg_cert_no,
            r.delivered_qty,
            r.accepted_qty,
            r.rejected_qty,
            r.reject_reason,
            r.reject_note,
            price_text(r.unit_price),
            r.entry_unit,
            _checklist(r.checklist),
            r.scan_text,
            r.note,
        ]
        if with_lot:
            rec.append(r.lot_id)
        out.append(rec)
    return out


def signature_records(voucher_id: int) -> list[list]:
    rows = Signature.select().where(Signature.voucher == voucher_id).order_by(Signature.role)
    return [
        [
            s.role,
            s.signer_name,
            s.account_id,
            s.party_id,
            s.method,
            _sha(s.strokes),
            _sha(s.png),
            s.content_hash,
            s.signed_at.strftime("%Y-%m-%dT%H:%M:%S") if s.signed_at else None,
        ]
        for s in rows
    ]


def signing_record(v: Voucher) -> dict:
    """The content a signer agrees to: header and lines as drafted, no number or posting data.

    Lots of receipt placements are left out: they are found or created from the inspected line
    (batch, dates) only when the receipt is posted.
    """
    numbers = {
        r.id: r.line_no
        for r in ReceiptLine.select(ReceiptLine.id, ReceiptLine.line_no).where(
            ReceiptLine.voucher == v.id
        )
    }
    lines = [
        [
            ln.line_no,
            ln.item_id,
            None if ln.receipt_line_id else ln.lot_id,
            ln.slot_id,
            ln.to_slot_id,
            ln.qty,
            ln.party_id,
            ln.note,
            numbers.get(ln.receipt_line_id),
        ]
        for ln in VoucherLine.select()
        .where(VoucherLine.voucher == v.id)
        .order_by(VoucherLine.line_no)
    ]
    return {
        "vtype": v.vtype,
        "doc_date": v.doc_date,
        "party": v.party_id,
        "source": v.source,
        "reference": v.reference,
        "note": v.note,
        "deliverer": v.deliverer,
        "reverses": v.reverses_id,
        "lines": lines,
        "receipt_lines": receipt_records(v.id, with_lot=False),
    }


def stocktake_records(voucher_id: int) -> list[list]:
    """Every line of the stocktake an adjustment or opening voucher posts (issue 6), so a count
    changed after posting shows up in verify."""
    st = Stocktake.get_or_none(Stocktake.voucher == voucher_id)
    if st is None:
        return []
    rows = (
        StocktakeLine.select()
        .where(StocktakeLine.stocktake == st.id)
        .order_by(StocktakeLine.seq)
    )
    return [[st.number]] + [
        [
            r.seq,
            r.origin,
            r.slot_id,
            r.item_id,
            r.lot_id,
            r.batch,
            _iso(r.expiry),
            r.book_qty,
            r.expected_qty,
            r.counted_qty,
            r.reason,
            r.note,
        ]
        for r in rows
    ]
