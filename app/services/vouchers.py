"""Reading a voucher for its paper form: header, lines, signatures as plain data (no layout)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import peewee as pw

from app.domain.errors import NotFound
from app.services import receiving, settings, signatures
from app.services.receiving import ReceiptLineView
from app.store.models import Account, Item, Lot, Party, Slot, Voucher, VoucherLine


@dataclass(frozen=True)
class SignedBox:
    role: str
    name: str
    method: str  # pad, pin
    png: bytes | None
    signed_at: datetime | None


@dataclass(frozen=True)
class PlainLine:
    """A line of a voucher other than a receipt (issue, move, reversal …)."""

    line_no: int
    item_code: str
    item_name: str
    spec: str
    unit: str
    batch: str
    expiry: date | None
    slot: str
    to_slot: str
    qty: int
    party: str


@dataclass(frozen=True)
class VoucherDoc:
    voucher_id: int
    institution: str
    vtype: str
    status: str
    number: str | None
    doc_date: date
    posted_at: datetime | None
    posted_by: str
    source: str | None
    party: str
    party_kind: str | None
    deliverer: str
    reference: str
    note: str
    content_hash: str | None
    receipt_lines: tuple[ReceiptLineView, ...]
    lines: tuple[PlainLine, ...]
    signatures: tuple[SignedBox, ...]

    @property
    def value(self) -> Decimal | None:
        values = [r.value for r in self.receipt_lines if r.value is not None]
        return sum(values, Decimal("0.00")) if values else None


def find(number: str) -> Voucher:
    v = Voucher.get_or_none(Voucher.number == number.strip().upper())
    if v is None:
        raise NotFound(f"没有单号为 {number} 的单据", f"No voucher numbered {number}", field="no")
    return v


def document(voucher_id: int) -> VoucherDoc:
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None:
        raise NotFound(f"单据 {voucher_id} 不存在", f"Voucher {voucher_id} does not exist")
    party = Party.get_or_none(Party.id == v.party_id) if v.party_id else None
    poster = Account.get_or_none(Account.id == v.posted_by_id) if v.posted_by_id else None
    receipt_lines = tuple(receiving.line_views(v.id)) if v.vtype == "receipt" else ()
    lines: tuple[PlainLine, ...] = ()
    if not receipt_lines:
        target = Slot.alias()
        who = Party.alias()
        q = (
            VoucherLine.select(VoucherLine, Item, Lot, Slot, target, who)
            .join(Item, on=(Item.id == VoucherLine.item))
            .switch(VoucherLine)
            .join(Lot, pw.JOIN.LEFT_OUTER, on=(Lot.id == VoucherLine.lot))
            .switch(VoucherLine)
            .join(Slot, pw.JOIN.LEFT_OUTER, on=(Slot.id == VoucherLine.slot))
            .switch(VoucherLine)
            .join(target, pw.JOIN.LEFT_OUTER, on=(target.id == VoucherLine.to_slot))
            .switch(VoucherLine)
            .join(who, pw.JOIN.LEFT_OUTER, on=(who.id == VoucherLine.party))
            .where(VoucherLine.voucher == v.id)
            .order_by(VoucherLine.line_no)
        )
        lines = tuple(
            PlainLine(
                ln.line_no,
                ln.item.code,
                ln.item.name,
                ln.item.spec,
                ln.item.base_unit,
                ln.lot.batch if ln.lot_id else "",
                ln.lot.expiry if ln.lot_id else None,
                ln.slot.code if ln.slot_id else "",
                ln.to_slot.code if ln.to_slot_id else "",
                ln.qty,
                ln.party.name if ln.party_id and ln.party_id != v.party_id else "",
            )
            for ln in q
        )
    sigs = tuple(
        SignedBox(
            s.role,
            s.signer_name,
            s.method,
            bytes(s.png) if s.png else None,
            s.signed_at,
        )
        for s in signatures.signatures_of(v.id)
    )
    return VoucherDoc(
        voucher_id=v.id,
        institution=settings.institution_name(),
        vtype=v.vtype,
        status=v.status,
        number=v.number,
        doc_date=v.doc_date,
        posted_at=v.posted_at,
        posted_by=poster.display_name if poster else "",
        source=v.source,
        party=party.name if party else "",
        party_kind=party.kind if party else None,
        deliverer=v.deliverer,
        reference=v.reference,
        note=v.note,
        content_hash=v.content_hash,
        receipt_lines=receipt_lines,
        lines=lines,
        signatures=sigs,
    )
