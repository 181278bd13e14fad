"""The only code that changes quantities: post() a voucher, reverse() a posted one.

post() validates every line first, then numbers the voucher, writes append-only ledger entries
chained by hash, and updates the balance table — or raises and writes nothing. It runs inside the
caller's write transaction (BEGIN IMMEDIATE), so two writers cannot both pass a stock check.

The statements it runs for every voucher are compiled once (app/store/compiled.py) and a
voucher's lines, entries and balances are each written in one go: ten years of books are a
million entries, and one posting stays a few milliseconds however many there are.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.domain import chain, hazards
from app.domain.codes import VOUCHER_PREFIX, VOUCHER_TYPES
from app.domain.errors import AlreadyPosted, BadInput, InsufficientStock
from app.services import content
from app.store import compiled
from app.store.compiled import Grouped, Param, Statement, in_params, insert
from app.store.database import write_transaction
from app.store.models import (
    Balance,
    IssueOverride,
    Item,
    LedgerEntry,
    Lot,
    LotHold,
    Meta,
    Slot,
    Voucher,
    VoucherLine,
    Zone,
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


# --- the posting path's statements, compiled once (see app/store/compiled.py) -------------------

_VOUCHER_FIELDS = [f for f in Voucher._meta.sorted_fields if f is not Voucher.id]
# Posting writes every header field from the object, as Model.save() would.
_UPDATE_VOUCHER = Statement(
    lambda: Voucher.update({f: Param(f.name) for f in _VOUCHER_FIELDS}).where(
        Voucher.id == Param("id")
    )
)
_LINE_FIELDS = [f for f in VoucherLine._meta.sorted_fields if f is not VoucherLine.id]
_INSERT_LINE = insert(VoucherLine, _LINE_FIELDS)
_LINES = Statement(
    lambda: (
        VoucherLine.select(
            VoucherLine.id,
            VoucherLine.line_no,
            VoucherLine.item,
            VoucherLine.lot,
            VoucherLine.slot,
            VoucherLine.to_slot,
            VoucherLine.qty,
            VoucherLine.party,
            VoucherLine.note,
            VoucherLine.receipt_line,
            VoucherLine.pick_reason,
            Lot.item,
            Lot.batch,
            Lot.expiry,
            Item.name,
            Item.hazard_class,
            Item.base_unit,
        )
        .join_from(VoucherLine, Lot, pw.JOIN.LEFT_OUTER, on=(Lot.id == VoucherLine.lot))
        .join_from(VoucherLine, Item, pw.JOIN.LEFT_OUTER, on=(Item.id == VoucherLine.item))
        .where(VoucherLine.voucher == Param("voucher"))
        .order_by(VoucherLine.line_no)
    )
)
_HOLDS = Grouped(
    lambda n: LotHold.select(LotHold.lot).where(
        LotHold.lot.in_(in_params(n)) & LotHold.released_at.is_null()
    )
)
_SLOTS = Grouped(
    lambda n: (
        Slot.select(Slot.id, Slot.code, Slot.active, Zone.allowed_hazards)
        .join(Zone, on=(Zone.id == Slot.zone))
        .where(Slot.id.in_(in_params(n)))
    )
)
_BALANCES = Grouped(
    lambda n: Balance.select(Balance.lot, Balance.slot, Balance.qty).where(
        Balance.lot.in_(in_params(n))
    )
)
_LAST_SEQ = Statement(
    lambda: Voucher.select(pw.fn.MAX(Voucher.seq)).where(
        (Voucher.vtype == Param("vtype")) & (Voucher.year == Param("year"))
    )
)
_HEAD = Statement(
    lambda: Meta.select(Meta.key, Meta.value).where(Meta.key.in_([HEAD_KEY, COUNT_KEY]))
)
_PUT_META = Statement(
    lambda: Meta.insert({Meta.key: Param("key"), Meta.value: Param("value")}).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: pw.EXCLUDED.value}
    )
)
_ENTRY_FIELDS = [f for f in LedgerEntry._meta.sorted_fields if f is not LedgerEntry.id]
_INSERT_ENTRY = insert(LedgerEntry, _ENTRY_FIELDS)
_PUT_BALANCE = Statement(
    lambda: Balance.insert(
        {
            Balance.lot: Param("lot"),
            Balance.slot: Param("slot"),
            Balance.item: Param("item"),
            Balance.qty: Param("qty"),
        }
    ).on_conflict(
        conflict_target=[Balance.lot, Balance.slot], update={Balance.qty: pw.EXCLUDED.qty}
    )
)


def _db_row(fields: Sequence[pw.Field], values: dict[str, object]) -> dict[str, object]:
    """Values as peewee hands them to the database (what Model.save() would write)."""
    return {f.name: f.db_value(values.get(f.name)) for f in fields}


def _line_row(voucher_id: int, line_no: int, row: dict[str, object]) -> dict[str, object]:
    """A VoucherLine row for the compiled insert; its values are ids, numbers and text, which
    the database takes as they are."""
    return {
        "voucher": voucher_id,
        "line_no": line_no,
        "item": row["item"],
        "lot": row.get("lot"),
        "slot": row.get("slot"),
        "to_slot": row.get("to_slot"),
        "qty": row["qty"],
        "party": row.get("party"),
        "note": row.get("note", ""),
        "receipt_line": row.get("receipt_line"),
        "pick_reason": row.get("pick_reason", ""),
    }


def insert_voucher(**fields: object) -> Voucher:
    """A new draft voucher row with `fields` (defaults as the model has them); the same as
    Voucher.create() but compiled once, as the posting path makes one per voucher."""
    return compiled.create(Voucher, **fields)


def insert_lines(voucher_id: int, rows: Sequence[dict[str, object]], *, first_no: int = 1) -> None:
    """Draft lines for a voucher, numbered from `first_no`; each row names the VoucherLine
    fields it sets (item, lot, slot, qty, party …), the rest take their defaults."""
    _INSERT_LINE.execute_many(
        _line_row(voucher_id, n, row) for n, row in enumerate(rows, start=first_no)
    )


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
    v = insert_voucher(
        vtype=vtype,
        doc_date=doc_date or date.today(),
        party=party_id,
        source=source,
        reference=reference,
        note=note,
        created_by=created_by,
        reverses=reverses,
    )
    insert_lines(
        v.id,
        [
            {
                "item": ln.item_id,
                "lot": ln.lot_id,
                "slot": ln.slot_id,
                "to_slot": ln.to_slot_id,
                "qty": ln.qty,
                "party": ln.party_id or party_id,
                "note": ln.note,
            }
            for ln in lines
        ],
    )
    return v


@dataclass(slots=True)
class PostLine:
    """A voucher line as posting reads it, with its lot and item (one query per voucher)."""

    id: int
    line_no: int
    item_id: int
    lot_id: int | None
    slot_id: int | None
    to_slot_id: int | None
    qty: int
    party_id: int | None
    note: str
    receipt_line_id: int | None
    pick_reason: str
    lot_item_id: int | None
    batch: str | None
    expiry: date | None
    item_name: str
    hazard_class: str
    base_unit: str


def as_date(raw: object) -> date | None:
    """A DATE column's raw value as peewee reads it."""
    if raw is None or isinstance(raw, date):
        return raw  # type: ignore[return-value]
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return Lot.expiry.python_value(raw)


def post_lines(voucher_id: int) -> list[PostLine]:
    """The voucher's lines in line order, with lot and item."""
    return [
        PostLine(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8] if isinstance(r[8], str) else VoucherLine.note.python_value(r[8]),
            r[9],
            r[10] if isinstance(r[10], str) else VoucherLine.pick_reason.python_value(r[10]),
            r[11],
            r[12],
            as_date(r[13]),
            r[14] or "",
            r[15] or "none",
            r[16] or "",
        )
        for r in _LINES.rows(voucher=voucher_id)
    ]


def _expiry_text(value: object) -> str | None:
    if not value:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def line_record(ln: PostLine) -> list:
    """One line as the voucher's content hash covers it."""
    rec = [
        ln.line_no,
        ln.item_id,
        ln.lot_id,
        ln.batch if ln.lot_id else None,
        _expiry_text(ln.expiry) if ln.lot_id else None,
        ln.slot_id,
        ln.to_slot_id,
        ln.qty,
        ln.party_id,
        ln.note,
    ]
    if ln.receipt_line_id:
        rec.append(ln.receipt_line_id)
    return rec


def voucher_record(v: Voucher, lines: Sequence[PostLine] | None = None) -> dict:
    """What a voucher's content hash covers: its header and every line as posted.

    `lines` are the voucher's lines when the caller has read them already (posting).
    """
    rows = post_lines(v.id) if lines is None else lines
    record = header_record(v, [line_record(ln) for ln in rows])
    # Added only when present, so vouchers posted before receiving existed keep their hashes.
    receipt_lines = content.receipt_records(v.id)
    if receipt_lines:
        record["receipt_lines"] = receipt_lines
    signatures = content.signature_records(v.id)
    if signatures:
        record["signatures"] = signatures
    pick_reasons = {str(ln.line_no): ln.pick_reason for ln in rows if ln.pick_reason}
    if pick_reasons:
        record["pick_reasons"] = pick_reasons
    overrides = override_records(v.id)
    if overrides:
        record["overrides"] = overrides
    # Stocktake (migration 0006): the counted lines behind an adjustment or opening voucher.
    if v.vtype in ("adjustment", "opening"):
        counted = content.stocktake_records(v.id)
        if counted:
            record["stocktake_lines"] = counted
    return record


def header_record(v: Voucher, lines: list[list]) -> dict:
    """The header part of a voucher's record (the keys every voucher has, and the optional
    header fields of receiving and issuing); `lines` as line_record makes them."""
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
    if v.deliverer:
        record["deliverer"] = v.deliverer
    # Issuing (migration 0005): also only when present.
    if v.reason:
        record["reason"] = v.reason
    if v.requisition_id:
        record["requisition"] = v.requisition_id
    return record


# What a voucher's content hash covers of each limit override, in order (verify reads the same).
OVERRIDE_COLUMNS = (
    IssueOverride.party,
    IssueOverride.rule_code,
    IssueOverride.kind,
    IssueOverride.used,
    IssueOverride.wanted,
    IssueOverride.allowed,
    IssueOverride.period,
    IssueOverride.approver,
    IssueOverride.reason,
)
_OVERRIDES = Statement(
    lambda: (
        IssueOverride.select(*OVERRIDE_COLUMNS)
        .where(IssueOverride.voucher == Param("voucher"))
        .order_by(IssueOverride.id)
    )
)


def override_records(voucher_id: int) -> list[list]:
    return [list(r) for r in _OVERRIDES.rows(voucher=voucher_id)]


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


def plain_entry(voucher_hash: object, *values: object) -> bool:
    """True when entry_text() spells an entry exactly as chain.canonical() would: plain ints
    (or None for the party) and a hex voucher hash."""
    return (
        type(voucher_hash) is str
        and voucher_hash.isalnum()
        and voucher_hash.isascii()
        and all(type(x) is int or x is None for x in values)
    )


def entry_text(
    prev: str,
    voucher: int,
    voucher_hash: str,
    line: int,
    item: int,
    lot: int,
    slot: int,
    party: int | None,
    delta: int,
    balance_after: int,
    posted: str,
) -> str:
    """prev + chain.canonical(entry_record(…)) written out, for values plain_entry() accepts
    and `posted` as "YYYY-MM-DDTHH:MM:SS". Posting and verify hash a million entries; spelling
    the fixed record out is several times faster than building and sorting a dict."""
    return (
        f'{prev}{{"balance_after":{balance_after},"delta":{delta},"item":{item},'
        f'"line":{line},"lot":{lot},"party":{"null" if party is None else party},'
        f'"posted_at":"{posted}","slot":{slot},"voucher":{voucher},'
        f'"voucher_hash":"{voucher_hash}"}}'
    )


def entry_hash(
    prev: str,
    voucher: int,
    voucher_hash: str,
    line: int,
    item: int,
    lot: int,
    slot: int,
    party: int | None,
    delta: int,
    balance_after: int,
    posted_at: datetime,
) -> str:
    """chain.digest(entry_record(…), prev): fast for the usual values, the general way for
    anything else, the same bytes either way (a test holds them to each other)."""
    values = (voucher, line, item, lot, slot, party, delta, balance_after)
    if (
        plain_entry(voucher_hash, *values)
        and None not in (voucher, line, item, lot, slot, delta, balance_after)
        and type(posted_at) is datetime
    ):
        text = entry_text(
            prev,
            voucher,
            voucher_hash,
            line,
            item,
            lot,
            slot,
            party,
            delta,
            balance_after,
            f"{posted_at:%Y-%m-%dT%H:%M:%S}",
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    record = {
        "voucher": voucher,
        "voucher_hash": voucher_hash,
        "line": line,
        "item": item,
        "lot": lot,
        "slot": slot,
        "party": party,
        "delta": delta,
        "balance_after": balance_after,
        "posted_at": posted_at,
    }
    return chain.digest(record, prev)


def _movements(v: Voucher, lines: list[PostLine]) -> list[tuple[PostLine, int, int]]:
    """(line, slot_id, delta) for every lot × slot the voucher touches, validated line by line."""
    moves: list[tuple[PostLine, int, int]] = []
    for ln in lines:
        where = f"第 {ln.line_no} 行", f"line {ln.line_no}"
        if ln.lot_id is None or ln.slot_id is None:
            raise BadInput(f"{where[0]}缺少批次或货位", f"{where[1]}: batch or slot missing")
        if ln.lot_item_id != ln.item_id:
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
        if v.vtype in OUTBOUND - {"write_off"} and ln.expiry and ln.expiry < v.doc_date:
            raise InsufficientStock(
                f"{ln.item_name} 批号 {ln.batch} 已于 {ln.expiry} 过期，不能发放",
                f"{ln.item_name} batch {ln.batch} expired on {ln.expiry}; it cannot be issued",
                field="lot",
            )
    return moves


def _check_holds(lines: list[PostLine]) -> None:
    held = {r[0] for r in _HOLDS.rows(sorted({ln.lot_id for ln in lines}))}
    for ln in lines:
        if ln.lot_id in held:
            raise InsufficientStock(
                f"{ln.item_name} 批号 {ln.batch} 已冻结（暂停发放），解除冻结前不能发放或借出",
                f"{ln.item_name} batch {ln.batch} is on hold; it cannot be issued or lent "
                "until it is released",
                field="lot",
            )


@dataclass(frozen=True, slots=True)
class _SlotInfo:
    code: str
    active: bool
    allowed_hazards: str


def _check_placements(moves: list[tuple[PostLine, int, int]]) -> dict[int, _SlotInfo]:
    slots = {
        r[0]: _SlotInfo(r[1], bool(r[2]), r[3] or "")
        for r in _SLOTS.rows(sorted({slot_id for _, slot_id, _ in moves}))
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
                ln.item_name,
                ln.hazard_class,
                slot.code,
                hazards.parse_classes(slot.allowed_hazards),
            )
    return slots


def post(v: Voucher, *, by: int | None = None, at: datetime | None = None) -> Voucher:
    """Post a draft voucher. Call inside write_transaction(); raises before writing anything."""
    if v.status != "draft":
        raise AlreadyPosted(
            f"单据 {v.number} 已过账，不能再修改", f"Voucher {v.number} is already posted"
        )
    lines = post_lines(v.id)
    if not lines:
        raise BadInput("单据没有任何明细行", "The voucher has no lines")
    moves = _movements(v, lines)
    if v.vtype in HOLD_BLOCKS:
        _check_holds(lines)
    slots = _check_placements(moves)

    # Balances after the whole voucher, checked before anything is written.
    keys = {(ln.lot_id, slot_id) for ln, slot_id, _ in moves}
    current = {
        (lot_id, slot_id): qty
        for lot_id, slot_id, qty in _BALANCES.rows(sorted({k[0] for k in keys}))
        if (lot_id, slot_id) in keys
    }
    running = defaultdict(int, current)
    after: list[int] = []
    for ln, slot_id, delta in moves:
        running[(ln.lot_id, slot_id)] += delta
        if running[(ln.lot_id, slot_id)] < 0:
            have = running[(ln.lot_id, slot_id)] - delta
            unit = ln.base_unit
            raise InsufficientStock(
                f"库存不足：{ln.item_name} 批号 {ln.batch} 在货位 {slots[slot_id].code} "
                f"只有 {have} {unit}，要出 {-delta} {unit}",
                f"Not enough stock: {ln.item_name} batch {ln.batch} on slot "
                f"{slots[slot_id].code} has {have} {unit}, {-delta} requested",
                field="qty",
                have=have,
                wanted=-delta,
            )
        after.append(running[(ln.lot_id, slot_id)])

    at = (at or now()).replace(microsecond=0)
    year = v.doc_date.year
    last = _LAST_SEQ.scalar(vtype=v.vtype, year=year)
    v.seq = (last or 0) + 1
    v.year = year
    v.number = f"{VOUCHER_PREFIX[v.vtype]}-{year}-{v.seq:04d}"
    v.status = "posted"
    v.posted_at = at
    v.posted_by = by
    v.content_hash = chain.digest(voucher_record(v, lines))
    _UPDATE_VOUCHER.execute(id=v.id, **_db_row(_VOUCHER_FIELDS, v.__data__))
    v._dirty.clear()

    meta = dict(_HEAD.rows())
    prev = meta.get(HEAD_KEY) or chain.GENESIS
    count = int(meta.get(COUNT_KEY) or 0)
    at_text = str(at)
    rows = []
    for (ln, slot_id, delta), bal in zip(moves, after, strict=True):
        digest = entry_hash(
            prev,
            v.id,
            v.content_hash,
            ln.id,
            ln.item_id,
            ln.lot_id,
            slot_id,
            ln.party_id,
            delta,
            bal,
            at,
        )
        rows.append(
            {
                "voucher": v.id,
                "line": ln.id,
                "item": ln.item_id,
                "lot": ln.lot_id,
                "slot": slot_id,
                "party": ln.party_id,
                "delta": delta,
                "balance_after": bal,
                "posted_at": at_text,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
        count += 1
    _INSERT_ENTRY.execute_many(rows)
    item_of = {(ln.lot_id, slot_id): ln.item_id for ln, slot_id, _ in moves}
    _PUT_BALANCE.execute_many(
        {"lot": lot_id, "slot": slot_id, "item": item_of[(lot_id, slot_id)], "qty": qty}
        for (lot_id, slot_id), qty in running.items()
        if (lot_id, slot_id) in item_of
    )
    _PUT_META.execute_many(
        [{"key": HEAD_KEY, "value": prev}, {"key": COUNT_KEY, "value": str(count)}]
    )
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
