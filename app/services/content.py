"""What a voucher's hashes cover beyond its ledger lines: inspected receipt lines and signatures.

`ledger.voucher_record` adds these (only when present, so vouchers posted before they existed keep
their hashes); `signing_record` is the draft's content a signer agrees to, hashed into each
signature, so a draft changed after signing needs signing again.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from app.store.compiled import Param, Statement
from app.store.models import (
    ReceiptLine,
    Signature,
    Stocktake,
    StocktakeLine,
    Voucher,
    VoucherLine,
)

# Compiled once: every posting (and verify, for every voucher) reads these.
_RECEIPT_LINES = Statement(
    lambda: (
        ReceiptLine.select()
        .where(ReceiptLine.voucher == Param("voucher"))
        .order_by(ReceiptLine.line_no)
    )
)
_SIGNATURES = Statement(
    lambda: Signature.select().where(Signature.voucher == Param("voucher")).order_by(Signature.role)
)
_STOCKTAKE = Statement(
    lambda: (
        Stocktake.select(Stocktake.id, Stocktake.number)
        .where(Stocktake.voucher == Param("voucher"))
        .order_by(Stocktake.id)
        .limit(1)
    )
)
_STOCKTAKE_LINES = Statement(
    lambda: (
        StocktakeLine.select()
        .where(StocktakeLine.stocktake == Param("stocktake"))
        .order_by(StocktakeLine.seq)
    )
)
_DRAFT_LINES = Statement(
    lambda: (
        VoucherLine.select(
            VoucherLine.line_no,
            VoucherLine.item,
            VoucherLine.lot,
            VoucherLine.slot,
            VoucherLine.to_slot,
            VoucherLine.qty,
            VoucherLine.party,
            VoucherLine.note,
            VoucherLine.receipt_line,
        )
        .where(VoucherLine.voucher == Param("voucher"))
        .order_by(VoucherLine.line_no)
    )
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
    return _receipt_records(_RECEIPT_LINES.models(ReceiptLine, voucher=voucher_id), with_lot)


def _receipt_records(rows: list[ReceiptLine], with_lot: bool = True) -> list[list]:
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
    return signature_rows_records(_SIGNATURES.models(Signature, voucher=voucher_id))


def receipt_rows_records(rows: list[ReceiptLine]) -> list[list]:
    """receipt_records() of a voucher's receipt lines already read (in line order)."""
    return _receipt_records(rows)


def signature_rows_records(rows: list[Signature]) -> list[list]:
    """signature_records() of a voucher's signatures already read (in role order)."""
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
    receipt = _RECEIPT_LINES.models(ReceiptLine, voucher=v.id)
    numbers = {r.id: r.line_no for r in receipt}
    lines = [
        [
            line_no,
            item_id,
            None if receipt_line_id else lot_id,
            slot_id,
            to_slot_id,
            qty,
            party_id,
            note,
            numbers.get(receipt_line_id),
        ]
        for (
            line_no,
            item_id,
            lot_id,
            slot_id,
            to_slot_id,
            qty,
            party_id,
            note,
            receipt_line_id,
        ) in _DRAFT_LINES.rows(voucher=v.id)
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
        "receipt_lines": _receipt_records(receipt, with_lot=False),
    }


def stocktake_records(voucher_id: int) -> list[list]:
    """Every line of the stocktake an adjustment or opening voucher posts (issue 6), so a count
    changed after posting shows up in verify."""
    found = _STOCKTAKE.models(Stocktake, voucher=voucher_id)
    if not found:
        return []
    st = found[0]
    rows = _STOCKTAKE_LINES.models(StocktakeLine, stocktake=st.id)
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
