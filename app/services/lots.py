"""Lot hold and trace: stop a doubtful or recalled lot from leaving, and find everyone who got it.

A held lot stays on its slots (stock is not changed) but `ledger.post` refuses to issue or lend it
until it is released. Holding and releasing are recorded with the reason and who decided, in the
hold table and the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import peewee as pw

from app.domain.errors import BadInput, NotFound
from app.domain.outbound import HOLD_REASONS
from app.services import audit
from app.store.database import write_transaction
from app.store.models import (
    Account,
    Balance,
    Item,
    LedgerEntry,
    Lot,
    LotHold,
    Party,
    Slot,
    Voucher,
    now,
)


def _lot(lot_id: int) -> Lot:
    lot = Lot.get_or_none(Lot.id == lot_id)
    if lot is None:
        raise NotFound(f"批次 {lot_id} 不存在", f"Lot {lot_id} does not exist", field="lot")
    return lot


def active_hold(lot_id: int) -> LotHold | None:
    return (
        LotHold.select()
        .where((LotHold.lot == lot_id) & LotHold.released_at.is_null())
        .order_by(LotHold.id.desc())
        .first()
    )


def hold(
    lot_id: int, reason: str, note: str = "", *, by: int | None = None, at: datetime | None = None
) -> LotHold:
    """Put a lot on hold (quality doubt, recall): it can no longer be issued or lent."""
    if reason not in HOLD_REASONS:
        raise BadInput(f"未知的冻结原因 {reason}", f"Unknown hold reason {reason}", field="reason")
    note = note.strip()
    if reason == "other" and not note:
        raise BadInput("请说明冻结原因", "Say why the lot is held", field="note")
    with write_transaction():
        lot = _lot(lot_id)
        if active_hold(lot.id) is not None:
            raise BadInput(
                f"批号 {lot.batch} 已经冻结", f"Batch {lot.batch} is already on hold", field="lot"
            )
        row = LotHold.create(
            lot=lot.id,
            reason=reason,
            note=note,
            held_by=by,
            held_at=(at or now()).replace(microsecond=0),
        )
        audit.record(
            "lot.hold",
            {"item": lot.item.code, "batch": lot.batch, "reason": reason, "note": note},
            by=by,
        )
        return row


def release(lot_id: int, note: str = "", *, by: int | None = None) -> LotHold:
    """Release a held lot, saying why (e.g. the supplier withdrew the recall)."""
    note = note.strip()
    if not note:
        raise BadInput("请填写解除冻结的原因", "Say why the hold is released", field="note")
    with write_transaction():
        lot = _lot(lot_id)
        row = active_hold(lot.id)
        if row is None:
            raise BadInput(f"批号 {lot.batch} 没有冻结", f"Batch {lot.batch} is not on hold")
        row.released_at = now()
        row.released_by = by
        row.release_note = note
        row.save()
        audit.record(
            "lot.release", {"item": lot.item.code, "batch": lot.batch, "note": note}, by=by
        )
        return row


@dataclass(frozen=True)
class HoldRow:
    lot_id: int
    item: str
    batch: str
    expiry: date | None
    reason: str
    note: str
    held_by: str
    held_at: datetime
    on_hand: int
    unit: str


def held_lots() -> list[HoldRow]:
    """The lots on hold now, with what is still on the shelves."""
    rows = list(
        LotHold.select(LotHold, Lot, Item)
        .join(Lot)
        .join(Item)
        .where(LotHold.released_at.is_null())
        .order_by(LotHold.held_at.desc())
    )
    qty: dict[int, int] = defaultdict(int)
    for b in Balance.select().where(Balance.lot.in_([r.lot_id for r in rows])):
        qty[b.lot_id] += b.qty
    names = {a.id: a.display_name for a in Account.select()}
    return [
        HoldRow(
            r.lot_id,
            r.lot.item.name,
            r.lot.batch,
            r.lot.expiry,
            r.reason,
            r.note,
            names.get(r.held_by_id, ""),
            r.held_at,
            qty[r.lot_id],
            r.lot.item.base_unit,
        )
        for r in rows
    ]


# --- trace -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """One ledger movement of the lot, with who was on the other side."""

    doc_date: date
    voucher: str
    vtype: str
    party: str
    party_kind: str
    department: str
    slot: str
    delta: int
    reversed: bool
    source: str | None = None  # receipts: purchase, donation, allocation, transfer_in


@dataclass(frozen=True)
class ReceiverTotal:
    party: str
    party_kind: str
    department: str
    first: date
    last: date
    qty: int  # net base units received (issues and loans less returns and reversals)


@dataclass
class Trace:
    lot_id: int
    item_code: str
    item_name: str
    spec: str
    unit: str
    batch: str
    production_date: date | None
    expiry: date | None
    sources: list[Movement] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    receivers: list[ReceiverTotal] = field(default_factory=list)
    on_hand: list[tuple[str, int]] = field(default_factory=list)  # (slot, qty)
    holds: list[LotHold] = field(default_factory=list)

    @property
    def received(self) -> int:
        return sum(m.delta for m in self.sources)

    @property
    def given_out(self) -> int:
        return sum(r.qty for r in self.receivers)


def find_lots(term: str, *, ids: Sequence[int] | None = None, limit: int = 200) -> list[Lot]:
    """Lots whose batch number or item name/code contains `term` (newest first, at most
    `limit`), or, with `ids`, exactly those lots."""
    term = term.strip()
    q = Lot.select(Lot, Item).join(Item).order_by(Lot.id.desc())
    if ids is not None:
        return list(q.where(Lot.id.in_(list(ids))))
    if term:
        q = q.where(Lot.batch.contains(term) | Item.name.contains(term) | Item.code.contains(term))
    return list(q.limit(limit))


def on_hand_of(lot_ids: Sequence[int]) -> dict[int, int]:
    """What each of these lots has on the shelves, over all slots, in one query."""
    rows = (
        Balance.select(Balance.lot, pw.fn.SUM(Balance.qty))
        .where(Balance.lot.in_(list(lot_ids)))
        .group_by(Balance.lot)
        .tuples()
    )
    return {lot: int(qty or 0) for lot, qty in rows}


def trace(lot_id: int) -> Trace:
    """Where the lot came from and every person and department that received it."""
    lot = _lot(lot_id)
    item = lot.item
    t = Trace(
        lot.id,
        item.code,
        item.name,
        item.spec,
        item.base_unit,
        lot.batch,
        lot.production_date,
        lot.expiry,
    )
    reversed_ids = {v.reverses_id for v in Voucher.select().where(Voucher.reverses.is_null(False))}
    entries = (
        LedgerEntry.select(LedgerEntry, Voucher, Slot)
        .join(Voucher)
        .switch(LedgerEntry)
        .join(Slot)
        .where(LedgerEntry.lot == lot.id)
        .order_by(LedgerEntry.id)
    )
    party_ids = set()
    rows = list(entries)
    for e in rows:
        party_ids.add(e.party_id or e.voucher.party_id)
    parties = {p.id: p for p in Party.select().where(Party.id.in_([p for p in party_ids if p]))}
    dept_names = {
        p.id: p.name
        for p in Party.select().where(
            Party.id.in_([p.department_id for p in parties.values() if p.department_id])
        )
    }
    totals: dict[int, list] = {}
    for e in rows:
        v = e.voucher
        pid = e.party_id or v.party_id
        p = parties.get(pid)
        dept = dept_names.get(p.department_id, "") if p and p.department_id else ""
        m = Movement(
            v.doc_date,
            v.number or "",
            v.vtype,
            p.name if p else "",
            p.kind if p else "",
            dept,
            e.slot.code,
            e.delta,
            v.id in reversed_ids,
            v.source,
        )
        if v.vtype in ("receipt", "opening"):
            t.sources.append(m)
        elif v.vtype != "move":
            t.movements.append(m)
        if (
            p
            and p.kind in ("person", "department")
            and v.vtype
            in (
                "issue",
                "loan",
                "return",
                "reversal",
            )
        ):
            if v.vtype == "reversal" and e.delta < 0:
                continue  # a reversed receipt is not a receiver
            cur = totals.setdefault(pid, [p.name, p.kind, dept, v.doc_date, v.doc_date, 0])
            cur[3] = min(cur[3], v.doc_date)
            cur[4] = max(cur[4], v.doc_date)
            cur[5] -= e.delta
    t.receivers = sorted(
        (ReceiverTotal(*vals) for vals in totals.values() if vals[5] != 0),
        key=lambda r: (r.department, r.party),
    )
    t.on_hand = [
        (b.slot.code, b.qty)
        for b in Balance.select(Balance, Slot)
        .join(Slot)
        .where((Balance.lot == lot.id) & (Balance.qty != 0))
    ]
    t.holds = list(LotHold.select().where(LotHold.lot == lot.id).order_by(LotHold.id))
    return t
