"""The only code that changes quantities: post() a voucher, reverse() a posted one.

post() validates every line first, then numbers the voucher, writes append-only ledger entries
chained by hash, and updates the balance table — or raises and writes nothing. It runs inside the
caller's write transaction (BEGIN IMMEDIATE), so two writers cannot both pass a stock check.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.domain import chain, hazards
from app.domain.codes import VOUCHER_PREFIX, VOUCHER_TYPES
from app.domain.errors import AlreadyPosted, BadInput, InsufficientStock
from app.services import content
from app.store import kv
from app.store.database import write_transaction
from app.store.models import (
    Balance,
    IssueOverride,
    LedgerEntry,
    Lot,
    LotHold,
    Slot,
    Voucher,
    VoucherLine,
    now,
)

INBOUND = {"receipt", "opening", "return"}
OUTBOUND = {"issue", "loan", "write_off"}
SIGNED = {"adjustment", "reversal"}  # line quantities carry their own sign
HOLD_BLOCKS = {"issue", "loan"}  # a lot on hold stays on its slots but is not handed out
HEAD_KEY, COUNT_KEY = "ledger_head", "ledger_count"


@dataclass(frozen=True)
class Line:
    """One line of a voucher to be created; quantities in base units."""

    item_id: int
    lot_id: int
    slot_id: int
    qty: int
    to_slot_id: int | None = None
    party_id: int | None = None
    note: str = ""


def create_voucher(
    vtype: str,
    lines: list[Line],
    *,
    doc_date: date | None = None,
    party_id: int | None = None,
    source: str | None = None,
    reference: str = "",
    note: str = "",
    created_by: int | None = None,
    reverses: int | None = None,
) -> Voucher:
    """A draft voucher with its lines. Drafts change no stock."""
    if vtype not in VOUCHER_TYPES:
        raise BadInput(f"未知的单据类型“{vtype}”", f"Unknown voucher type '{vtype}'")
    v = Voucher.create(
        vtype=vtype,
        doc_date=doc_date or date.today(),
        party=party_id,
        source=source,
        reference=reference,
        note=note,
        created_by=created_by,
        reverses=reverses,
    )
    for n, ln in enumerate(lines, start=1):
        VoucherLine.create(
            voucher=v,
            line_no=n,
            item=ln.item_id,
            lot=ln.lot_id,
            slot=ln.slot_id,
            to_slot=ln.to_slot_id,
            qty=ln.qty,
            party=ln.party_id or party_id,
            note=ln.note,
        )
    return v


def voucher_record(v: Voucher) -> dict:
    """What a voucher's content hash covers: its header and every line as posted."""
    rows = (
        VoucherLine.select(VoucherLine, Lot)
        .join(Lot, pw.JOIN.LEFT_OUTER)
        .where(VoucherLine.voucher == v.id)
        .order_by(VoucherLine.line_no)
    )
    lines = [
        [
            ln.line_no,
            ln.item_id,
            ln.lot_id,
            ln.lot.batch if ln.lot_id else None,
            ln.lot.expiry.isoformat() if ln.lot_id and ln.lot.expiry else None,
            ln.slot_id,
            ln.to_slot_id,
            ln.qty,
            ln.party_id,
            ln.note,
        ]
        + ([ln.receipt_line_id] if ln.receipt_line_id else [])
        for ln in rows
    ]
    record = {
        "number": v.number,
        "vtype": v.vtype,
        "status": v.status,
        "doc_date": v.doc_date,
        "posted_at": v.posted_at,
        "party": v.party_id,
        "source": v.source,
        "reference": v.reference,
        "note": v.note,
        "reverses": v.reverses_id,
        "posted_by": v.posted_by_id,
        "lines": lines,
    }
    # Added only when present, so vouchers posted before receiving existed keep their hashes.
    if v.deliverer:
        record["deliverer"] = v.deliverer
    receipt_lines = content.receipt_records(v.id)
    if receipt_lines:
        record["receipt_lines"] = receipt_lines
    signatures = content.signature_records(v.id)
    if signatures:
        record["signatures"] = signatures
    # Issuing (migration 0005): also only when present.
    if v.reason:
        record["reason"] = v.reason
    if v.requisition_id:
        record["requisition"] = v.requisition_id
    pick_reasons = {str(ln.line_no): ln.pick_reason for ln in rows if ln.pick_reason}
    if pick_reasons:
        record["pick_reasons"] = pick_reasons
    overrides = [
        [
            o.party_id,
            o.rule_code,
            o.kind,
            o.used,
            o.wanted,
            o.allowed,
            o.period,
            o.approver_id,
            o.reason,
        ]
        for o in IssueOverride.select()
        .where(IssueOverride.voucher == v.id)
        .order_by(IssueOverride.id)
    ]
    if overrides:
        record["overrides"] = overrides
    # Stocktake (migration 0006): the counted lines behind an adjustment or opening voucher.
    if v.vtype in ("adjustment", "opening"):
        counted = content.stocktake_records(v.id)
        if counted:
            record["stocktake_lines"] = counted
    return record


def entry_record(e: LedgerEntry, voucher_hash: str) -> dict:
    return {
        "voucher": e.voucher_id,
        "voucher_hash": voucher_hash,
        "line": e.line_id,
        "item": e.item_id,
        "lot": e.lot_id,
        "slot": e.slot_id,
        "party": e.party_id,
        "delta": e.delta,
        "balance_after": e.balance_after,
        "posted_at": e.posted_at,
    }


def _movements(v: Voucher, lines: list[VoucherLine]) -> list[tuple[VoucherLine, int, int]]:
    """(line, slot_id, delta) for every lot × slot the voucher touches, validated line by line."""
    moves: list[tuple[VoucherLine, int, int]] = []
    for ln in lines:
        where = f"第 {ln.line_no} 行", f"line {ln.line_no}"
        if ln.lot_id is None or ln.slot_id is None:
            raise BadInput(f"{where[0]}缺少批次或货位", f"{where[1]}: batch or slot missing")
        if ln.lot.item_id != ln.item_id:
            raise BadInput(f"{where[0]}的批次不属于该物资", f"{where[1]}: lot is of another item")
        if v.vtype in SIGNED:
            if ln.qty == 0:
                raise BadInput(f"{where[0]}数量不能为 0", f"{where[1]}: quantity cannot be 0")
        elif ln.qty <= 0:
            raise BadInput(
                f"{where[0]}数量必须大于 0",
                f"{where[1]}: quantity must be more than 0",
                field="qty",
            )
        if v.vtype in INBOUND or v.vtype in SIGNED:
            moves.append((ln, ln.slot_id, ln.qty))
        elif v.vtype in OUTBOUND:
            moves.append((ln, ln.slot_id, -ln.qty))
        elif v.vtype == "move":
            if not ln.to_slot_id or ln.to_slot_id == ln.slot_id:
                raise BadInput(
                    f"{where[0]}移库需要一个不同的目标货位",
                    f"{where[1]}: a move needs a different target slot",
                    field="to_slot",
                )
            moves.append((ln, ln.slot_id, -ln.qty))
            moves.append((ln, ln.to_slot_id, ln.qty))
        if v.vtype in OUTBOUND - {"write_off"} and ln.lot.expiry and ln.lot.expiry < v.doc_date:
            raise InsufficientStock(
                f"{ln.item.name} 批号 {ln.lot.batch} 已于 {ln.lot.expiry} 过期，不能发放",
                f"{ln.item.name} batch {ln.lot.batch} expired on {ln.lot.expiry}; "
                "it cannot be issued",
                field="lot",
            )
    return moves


def _check_holds(lines: list[VoucherLine]) -> None:
    held = {
        h.lot_id: h
        for h in LotHold.select().where(
            LotHold.lot.in_({ln.lot_id for ln in lines}) & LotHold.released_at.is_null()
        )
    }
    for ln in lines:
        if ln.lot_id in held:
            raise InsufficientStock(
                f"{ln.item.name} 批号 {ln.lot.batch} 已冻结（暂停发放），解除冻结前不能发放或借出",
                f"{ln.item.name} batch {ln.lot.batch} is on hold; it cannot be issued or lent "
                "until it is released",
                field="lot",
            )


def _check_placements(moves: list[tuple[VoucherLine, int, int]]) -> dict[int, Slot]:
    slots = {
        s.id: s
        for s in Slot.select(Slot, Slot.zone)
        .join(Slot.zone.rel_model)
        .where(Slot.id.in_({slot_id for _, slot_id, _ in moves}))
    }
    for ln, slot_id, delta in moves:
        slot = slots.get(slot_id)
        if slot is None:
            raise BadInput(f"货位 {slot_id} 不存在", f"Slot {slot_id} does not exist", field="slot")
        if delta > 0:
            if not slot.active:
                raise BadInput(
                    f"货位 {slot.code} 已停用", f"Slot {slot.code} is retired", field="slot"
                )
            hazards.check_placement(
                ln.item.name,
                ln.item.hazard_class,
                slot.code,
                hazards.parse_classes(slot.zone.allowed_hazards),
            )
    return slots


def post(v: Voucher, *, by: int | None = None, at: datetime | None = None) -> Voucher:
    """Post a draft voucher. Call inside write_transaction(); raises before writing anything."""
    if v.status != "draft":
        raise AlreadyPosted(
            f"单据 {v.number} 已过账，不能再修改", f"Voucher {v.number} is already posted"
        )
    lines = list(
        VoucherLine.select().where(VoucherLine.voucher == v.id).order_by(VoucherLine.line_no)
    )
    if not lines:
        raise BadInput("单据没有任何明细行", "The voucher has no lines")
    moves = _movements(v, lines)
    if v.vtype in HOLD_BLOCKS:
        _check_holds(lines)
    slots = _check_placements(moves)

    # Balances after the whole voucher, checked before anything is written.
    keys = {(ln.lot_id, slot_id) for ln, slot_id, _ in moves}
    current = {
        (b.lot_id, b.slot_id): b.qty
        for b in Balance.select().where(
            Balance.lot.in_({k[0] for k in keys}), Balance.slot.in_({k[1] for k in keys})
        )
    }
    running = defaultdict(int, current)
    after: list[int] = []
    for ln, slot_id, delta in moves:
        running[(ln.lot_id, slot_id)] += delta
        if running[(ln.lot_id, slot_id)] < 0:
            have = running[(ln.lot_id, slot_id)] - delta
            unit = ln.item.base_unit
            raise InsufficientStock(
                f"库存不足：{ln.item.name} 批号 {ln.lot.batch} 在货位 {slots[slot_id].code} "
                f"只有 {have} {unit}，要出 {-delta} {unit}",
                f"Not enough stock: {ln.item.name} batch {ln.lot.batch} on slot "
                f"{slots[slot_id].code} has {have} {unit}, {-delta} requested",
                field="qty",
                have=have,
                wanted=-delta,
            )
        after.append(running[(ln.lot_id, slot_id)])

    at = (at or now()).replace(microsecond=0)
    year = v.doc_date.year
    last = (
        Voucher.select(pw.fn.MAX(Voucher.seq))
        .where((Voucher.vtype == v.vtype) & (Voucher.year == year))
        .scalar()
    )
    v.seq = (last or 0) + 1
    v.year = year
    v.number = f"{VOUCHER_PREFIX[v.vtype]}-{year}-{v.seq:04d}"
    v.status = "posted"
    v.posted_at = at
    v.posted_by = by
    v.save()
    v.content_hash = chain.digest(voucher_record(v))
    v.save()

    prev = kv.get(HEAD_KEY, chain.GENESIS) or chain.GENESIS
    count = int(kv.get(COUNT_KEY, "0") or 0)
    for (ln, slot_id, delta), bal in zip(moves, after, strict=True):
        e = LedgerEntry(
            voucher=v.id,
            line=ln.id,
            item=ln.item_id,
            lot=ln.lot_id,
            slot=slot_id,
            party=ln.party_id,
            delta=delta,
            balance_after=bal,
            posted_at=at,
            prev_hash=prev,
        )
        e.hash = chain.digest(entry_record(e, v.content_hash), prev)
        e.save()
        prev = e.hash
        count += 1
    item_of = {(ln.lot_id, slot_id): ln.item_id for ln, slot_id, _ in moves}
    for (lot_id, slot_id), qty in running.items():
        if (lot_id, slot_id) not in item_of:
            continue
        Balance.insert(
            lot=lot_id, slot=slot_id, item=item_of[(lot_id, slot_id)], qty=qty
        ).on_conflict(
            conflict_target=[Balance.lot, Balance.slot], update={Balance.qty: qty}
        ).execute()
    kv.put(HEAD_KEY, prev)
    kv.put(COUNT_KEY, str(count))
    return v


def post_new(
    vtype: str,
    lines: list[Line],
    *,
    by: int | None = None,
    at: datetime | None = None,
    **header: object,
) -> Voucher:
    """Create and post a voucher in one write transaction."""
    with write_transaction():
        v = create_voucher(vtype, lines, created_by=by, **header)  # type: ignore[arg-type]
        return post(v, by=by, at=at)


def reverse(
    voucher_id: int,
    *,
    by: int | None = None,
    reason: str,
    at: datetime | None = None,
    doc_date: date | None = None,
) -> Voucher:
    """Undo a posted voucher with a reversal voucher that points at it; the original stays."""
    if not reason.strip():
        raise BadInput("请填写冲销原因", "Give a reason for the reversal", field="reason")
    with write_transaction():
        orig = Voucher.get_or_none(Voucher.id == voucher_id)
        if orig is None or orig.status != "posted":
            raise BadInput("只能冲销已过账的单据", "Only a posted voucher can be reversed")
        if orig.vtype == "reversal":
            raise BadInput("冲销单不能再冲销", "A reversal cannot itself be reversed")
        if Voucher.select().where(Voucher.reverses == orig.id).exists():
            raise AlreadyPosted(
                f"单据 {orig.number} 已被冲销过", f"Voucher {orig.number} was already reversed"
            )
        entries = (
            LedgerEntry.select()
            .where(LedgerEntry.voucher == orig.id)
            .order_by(LedgerEntry.id.desc())
        )
        lines = [
            Line(e.item_id, e.lot_id, e.slot_id, -e.delta, party_id=e.party_id) for e in entries
        ]
        v = create_voucher(
            "reversal",
            lines,
            doc_date=doc_date or date.today(),
            party_id=orig.party_id,
            reference=orig.number,
            note=reason.strip(),
            created_by=by,
            reverses=orig.id,
        )
        return post(v, by=by, at=at)
