"""Write-offs (报损): expired, damaged or lost stock leaves the books with a reason and sign-off.

The handler and the approver sign (signoff roles of "write_off"); the reason is a code kept on the
voucher and covered by its content hash. Expired lots still on the shelves are suggested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.errors import BadInput
from app.domain.outbound import WRITE_OFF_REASONS
from app.services import ledger, signatures
from app.services.signatures import SignatureInput
from app.store.database import write_transaction
from app.store.models import Balance, Item, Lot, Signature, Slot, Voucher, VoucherLine


@dataclass(frozen=True)
class Suggestion:
    """A lot × slot still on the shelf that a write-off should take out."""

    item_id: int
    item: str
    unit: str
    lot_id: int
    batch: str
    expiry: date | None
    slot_id: int
    slot: str
    qty: int


def expired_stock(on: date | None = None) -> list[Suggestion]:
    """Expired lots still on the shelves, oldest expiry first."""
    on = on or date.today()
    q = (
        Balance.select(Balance, Lot, Item, Slot)
        .join(Lot)
        .switch(Balance)
        .join(Item)
        .switch(Balance)
        .join(Slot)
        .where((Balance.qty > 0) & Lot.expiry.is_null(False) & (Lot.expiry < on))
        .order_by(Lot.expiry, Item.code, Slot.code)
    )
    return [
        Suggestion(
            b.item_id,
            b.item.name,
            b.item.base_unit,
            b.lot_id,
            b.lot.batch,
            b.lot.expiry,
            b.slot_id,
            b.slot.code,
            b.qty,
        )
        for b in q
    ]


def write_off(
    lines: Sequence[ledger.Line],
    *,
    reason: str,
    sigs: Sequence[SignatureInput],
    note: str = "",
    on: date | None = None,
    by: int | None = None,
    at: datetime | None = None,
) -> Voucher:
    """Post a write-off of the given lot × slot quantities, signed by handler and approver."""
    if reason not in WRITE_OFF_REASONS:
        raise BadInput("请选择报损原因", "Choose the reason for the write-off", field="reason")
    note = note.strip()
    if reason in ("lost", "damaged", "other") and not note:
        raise BadInput(
            "请说明经过（丢失、损坏须写明原因及责任）",
            "Say what happened (for lost or damaged stock, the cause and who was responsible)",
            field="note",
        )
    if not lines:
        raise BadInput("请至少选择一个批次", "Choose at least one lot", field="lines")
    with write_transaction():
        v = ledger.create_voucher(
            "write_off", list(lines), doc_date=on or date.today(), note=note, created_by=by
        )
        v.reason = reason
        v.save()
        signatures.store_all(v, sigs, at)
        signatures.check_for_posting(v)
        return ledger.post(v, by=by, at=at)


@dataclass(frozen=True)
class WriteOffRow:
    voucher_id: int
    number: str
    doc_date: date
    reason: str
    note: str
    items: str
    approver: str


def write_off_ids() -> list[int]:
    """Posted write-offs newest first, ids only (a page reads the rows it shows)."""
    q = (
        Voucher.select(Voucher.id)
        .where((Voucher.vtype == "write_off") & (Voucher.status == "posted"))
        .order_by(Voucher.id.desc())
    )
    return [voucher_id for (voucher_id,) in q.tuples()]


def write_off_rows(ids: Sequence[int]) -> dict[int, WriteOffRow]:
    """Voucher id → its write-off row: what was written off and who approved (three queries)."""
    if not ids:
        return {}
    ids = list(ids)
    items: dict[int, list[str]] = defaultdict(list)
    for voucher_id, name, batch, qty, unit in (
        VoucherLine.select(
            VoucherLine.voucher, Item.name, Lot.batch, VoucherLine.qty, Item.base_unit
        )
        .join(Item)
        .switch(VoucherLine)
        .join(Lot)
        .where(VoucherLine.voucher.in_(ids))
        .order_by(VoucherLine.voucher, VoucherLine.line_no)
        .tuples()
    ):
        items[voucher_id].append(f"{name} {batch} {qty} {unit}")
    approvers = dict(
        Signature.select(Signature.voucher, Signature.signer_name)
        .where(Signature.voucher.in_(ids) & (Signature.role == "approver"))
        .tuples()
    )
    return {
        v_id: WriteOffRow(
            v_id,
            number or "",
            doc_date,
            reason,
            note,
            "；".join(items[v_id]),
            approvers.get(v_id, ""),
        )
        for v_id, number, doc_date, reason, note in Voucher.select(
            Voucher.id, Voucher.number, Voucher.doc_date, Voucher.reason, Voucher.note
        )
        .where(Voucher.id.in_(ids))
        .tuples()
    }


def write_offs(limit: int = 200) -> list[WriteOffRow]:
    """The latest `limit` write-offs, newest first."""
    ids = write_off_ids()[:limit]
    rows = write_off_rows(ids)
    return [rows[i] for i in ids]
