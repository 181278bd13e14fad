"""Receiving (入库验收): inspect a delivery, keep it as a draft, place it on slots, sign, post.

A receipt is a voucher of type "receipt". Each delivered line is a ReceiptLine (what came, what
was accepted, what was refused and why); each placement of accepted goods on a slot is a voucher
line pointing at it. Drafts change no stock. Posting checks everything (inspection rules, lots,
placements, hazards, both signatures), then finds or creates the lots and posts through the
ledger — all in one write transaction, so a refusal leaves nothing behind. Rejected quantities
stay on the receipt and never reach the ledger.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import peewee as pw

from app.domain import hazards, inspection
from app.domain.codes import RECEIPT_SOURCES
from app.domain.errors import (
    AlreadyPosted,
    BadInput,
    NeedsConfirmation,
    NotFound,
    StorekeeperError,
)
from app.services import audit, content, ledger, signatures
from app.services.signatures import SignatureInput
from app.store import compiled, kv
from app.store.compiled import Grouped, Keyed, Param, Statement, in_params, in_values
from app.store.database import write_transaction
from app.store.models import (
    Item,
    Lot,
    Party,
    ReceiptLine,
    Signature,
    Slot,
    Voucher,
    VoucherLine,
    Zone,
    now,
)

# A receipt reads and writes per line; these are compiled once (app/store/compiled.py).
_ITEMS = Grouped(lambda n: Item.select().where(Item.id.in_(in_params(n))))
_SLOT_IDS = Grouped(lambda n: Slot.select(Slot.id).where(Slot.id.in_(in_params(n))))
_SLOTS = Grouped(
    lambda n: (
        Slot.select(Slot.id, Slot.code, Slot.active, Zone.active, Zone.allowed_hazards)
        .join(Zone, on=(Zone.id == Slot.zone))
        .where(Slot.id.in_(in_params(n)))
    )
)


@dataclass(frozen=True)
class _PlaceSlot:
    code: str
    active: bool  # the slot and its zone
    allowed_hazards: str


_LOTS = Keyed(
    lambda n_items, n_batches: Lot.select().where(
        Lot.item.in_(in_params(n_items, "i")) & Lot.batch.in_(in_params(n_batches, "b"))
    )
)
_SET_LINE_LOT = Statement(
    lambda: ReceiptLine.update({ReceiptLine.lot: Param("lot")}).where(ReceiptLine.id == Param("id"))
)
_SET_PLACEMENT_LOT = Statement(
    lambda: VoucherLine.update({VoucherLine.lot: Param("lot")}).where(
        VoucherLine.receipt_line == Param("id")
    )
)


def _lots_for(pairs: set[tuple[int, str]]) -> dict[tuple[int, str], Lot]:
    """The lots on the books for (item id, batch) pairs, read at once."""
    if not pairs:
        return {}
    items = sorted({i for i, _b in pairs})
    batches = sorted({b for _i, b in pairs})
    rows = _LOTS(len(items), len(batches)).models(
        Lot, **in_values(items, "i"), **in_values(batches, "b")
    )
    return {(lot.item_id, lot.batch): lot for lot in rows if (lot.item_id, lot.batch) in pairs}


SHELF_POLICY_KEY = "receiving_short_shelf_life"
DEFAULT_SHELF_POLICY = "warn"
MAX_QTY = 10_000_000


@dataclass(frozen=True)
class Placement:
    slot_id: int
    qty: int  # base units


@dataclass
class LineInput:
    """One delivered line as the inspector records it; quantities in base units."""

    item_id: int
    delivered: int
    accepted: int
    rejected: int = 0
    batch: str = ""
    production_date: date | None = None
    expiry: date | None = None
    reg_cert_no: str = ""
    spec: str | None = None  # None: the item's spec
    reject_reason: str | None = None
    reject_note: str = ""
    unit_price: Decimal | None = None  # per base unit
    entry_unit: str = ""
    checklist: dict[str, bool] = field(default_factory=dict)
    placements: list[Placement] = field(default_factory=list)
    scan_text: str = ""
    note: str = ""


@dataclass
class ReceiptInput:
    source: str
    party_id: int | None
    lines: list[LineInput]
    deliverer: str = ""
    reference: str = ""
    doc_date: date | None = None
    note: str = ""


# --- settings --------------------------------------------------------------------------------


def shelf_policy() -> str:
    value = kv.get(SHELF_POLICY_KEY, DEFAULT_SHELF_POLICY) or DEFAULT_SHELF_POLICY
    return value if value in inspection.SHELF_POLICIES else DEFAULT_SHELF_POLICY


def set_shelf_policy(policy: str, *, by: int | None = None) -> None:
    """'warn': short remaining shelf life may be accepted after confirming; 'block': refused."""
    if policy not in inspection.SHELF_POLICIES:
        raise BadInput(f"未知的设置 {policy}", f"Unknown setting {policy}", field="shelf_policy")
    with write_transaction():
        old = shelf_policy()
        kv.put(SHELF_POLICY_KEY, policy)
        if old != policy:
            audit.record("settings.shelf_policy", {"from": old, "to": policy}, by=by)


# --- drafts ----------------------------------------------------------------------------------


def _clean_int(value: object, line_no: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(
            f"第 {line_no} 行：数量必须是整数",
            f"Line {line_no}: quantities are whole numbers",
            field=name,
            line=line_no,
        )
    if abs(value) > MAX_QTY:
        raise BadInput(
            f"第 {line_no} 行：数量太大",
            f"Line {line_no}: quantity too large",
            field=name,
            line=line_no,
        )
    return value


def _clean_price(value: Decimal | float | str | None, line_no: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        price = Decimal(-1)
    if not price.is_finite() or price < 0 or price >= Decimal(10) ** 9:
        raise BadInput(
            f"第 {line_no} 行：单价应为不小于 0 的金额",
            f"Line {line_no}: the unit price must be an amount of 0 or more",
            field="unit_price",
            line=line_no,
        )
    return price.quantize(content.PRICE_PLACES)


def _write_draft(v: Voucher, data: ReceiptInput) -> None:
    VoucherLine.delete().where(VoucherLine.voucher == v.id).execute()
    ReceiptLine.delete().where(ReceiptLine.voucher == v.id).execute()
    items = {i.id: i for i in _ITEMS.models(Item, sorted({ln.item_id for ln in data.lines}))}
    known_slots = {
        r[0]
        for r in _SLOT_IDS.rows(sorted({p.slot_id for ln in data.lines for p in ln.placements}))
    }
    placements: list[dict[str, object]] = []
    for n, ln in enumerate(data.lines, start=1):
        item = items.get(ln.item_id)
        if item is None:
            raise BadInput(
                f"第 {n} 行：请选择物资", f"Line {n}: choose an item", field="item", line=n
            )
        unknown = set(ln.checklist) - set(inspection.CHECKLIST)
        if unknown:
            raise BadInput(
                f"未知的检查项 {', '.join(sorted(unknown))}",
                f"Unknown checks {', '.join(sorted(unknown))}",
                field="checklist",
                line=n,
            )
        if ln.reject_reason is not None and ln.reject_reason not in inspection.REJECT_REASONS:
            raise BadInput(
                f"第 {n} 行：未知的拒收原因",
                f"Line {n}: unknown reason",
                field="reject_reason",
                line=n,
            )
        rl = compiled.create(
            ReceiptLine,
            voucher=v.id,
            line_no=n,
            item=item.id,
            spec=(item.spec if ln.spec is None else ln.spec).strip(),
            batch=ln.batch.strip(),
            production_date=ln.production_date,
            expiry=ln.expiry,
            reg_cert_no=ln.reg_cert_no.strip(),
            delivered_qty=_clean_int(ln.delivered, n, "delivered"),
            accepted_qty=_clean_int(ln.accepted, n, "accepted"),
            rejected_qty=_clean_int(ln.rejected, n, "rejected"),
            reject_reason=ln.reject_reason if ln.rejected else None,
            reject_note=ln.reject_note.strip() if ln.rejected else "",
            unit_price=_clean_price(ln.unit_price, n),
            entry_unit=ln.entry_unit,
            checklist=json.dumps(
                {k: bool(ln.checklist[k]) for k in inspection.CHECKLIST if k in ln.checklist},
                separators=(",", ":"),
            ),
            scan_text=ln.scan_text.strip("\r\n"),
            note=ln.note.strip(),
        )
        for p in ln.placements:
            if p.slot_id not in known_slots:
                raise BadInput(
                    f"第 {n} 行：请选择货位", f"Line {n}: choose a slot", field="slot", line=n
                )
            placements.append(
                {
                    "item": item.id,
                    "slot": p.slot_id,
                    "qty": _clean_int(p.qty, n, "placements"),
                    "party": v.party_id,
                    "receipt_line": rl.id,
                }
            )
    ledger.insert_lines(v.id, placements)


def _check_header(data: ReceiptInput) -> None:
    if data.source not in RECEIPT_SOURCES:
        raise BadInput("请选择来源", "Choose where the goods come from", field="source")
    if data.party_id is not None and not Party.select().where(Party.id == data.party_id).exists():
        raise BadInput("请选择交货单位", "Choose who delivers", field="party")
    if len(data.deliverer.strip()) > 40:
        raise BadInput("送货人姓名太长", "The deliverer's name is too long", field="deliverer")


def save_draft(
    data: ReceiptInput, *, voucher_id: int | None = None, by: int | None = None
) -> Voucher:
    """Create or replace a draft receipt. Nothing reaches stock; signatures made on earlier
    content are dropped (the parties sign what is finally posted)."""
    _check_header(data)
    with write_transaction():
        if voucher_id is None:
            v = Voucher.create(
                vtype="receipt",
                doc_date=data.doc_date or date.today(),
                created_by=by,
                source=data.source,
            )
        else:
            v = _draft(voucher_id)
        v.doc_date = data.doc_date or v.doc_date
        v.source = data.source
        v.party = data.party_id
        v.deliverer = " ".join(data.deliverer.split())
        v.reference = data.reference.strip()
        v.note = data.note.strip()
        v.save()
        _write_draft(v, data)
        signatures.drop_stale(v)
        return v


def _draft(voucher_id: int) -> Voucher:
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None or v.vtype != "receipt":
        raise NotFound(f"入库单 {voucher_id} 不存在", f"Receipt {voucher_id} does not exist")
    if v.status != "draft":
        raise AlreadyPosted(
            f"入库单 {v.number} 已过账，不能再修改",
            f"Receipt {v.number} is posted; it cannot change",
        )
    return v


def load(voucher_id: int) -> ReceiptInput:
    """A receipt (draft or posted) as input data: to resume a draft or show a posted one."""
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None or v.vtype != "receipt":
        raise NotFound(f"入库单 {voucher_id} 不存在", f"Receipt {voucher_id} does not exist")
    placements: dict[int, list[Placement]] = {}
    for vl in VoucherLine.select().where(VoucherLine.voucher == v.id).order_by(VoucherLine.line_no):
        if vl.receipt_line_id:
            placements.setdefault(vl.receipt_line_id, []).append(Placement(vl.slot_id, vl.qty))
    lines = [
        LineInput(
            item_id=r.item_id,
            delivered=r.delivered_qty,
            accepted=r.accepted_qty,
            rejected=r.rejected_qty,
            batch=r.batch,
            production_date=r.production_date,
            expiry=r.expiry,
            reg_cert_no=r.reg_cert_no,
            spec=r.spec,
            reject_reason=r.reject_reason,
            reject_note=r.reject_note,
            unit_price=Decimal(content.price_text(r.unit_price))
            if r.unit_price is not None
            else None,
            entry_unit=r.entry_unit,
            checklist=json.loads(r.checklist or "{}"),
            placements=placements.get(r.id, []),
            scan_text=r.scan_text,
            note=r.note,
        )
        for r in ReceiptLine.select()
        .where(ReceiptLine.voucher == v.id)
        .order_by(ReceiptLine.line_no)
    ]
    return ReceiptInput(
        source=v.source or "purchase",
        party_id=v.party_id,
        lines=lines,
        deliverer=v.deliverer,
        reference=v.reference,
        doc_date=v.doc_date,
        note=v.note,
    )


@dataclass(frozen=True)
class DraftRow:
    voucher_id: int
    doc_date: date
    party: str
    reference: str
    lines: int
    created_at: datetime


def drafts() -> list[DraftRow]:
    """Receipts waiting for inspection or sign-off, newest first."""
    q = list(
        Voucher.select(Voucher, Party)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Party.id == Voucher.party))
        .where((Voucher.vtype == "receipt") & (Voucher.status == "draft"))
        .order_by(Voucher.id.desc())
    )
    # the lines of the drafts only: counting every receipt's lines took 13 ms on ten years
    counts = dict(
        ReceiptLine.select(ReceiptLine.voucher, pw.fn.COUNT(ReceiptLine.id))
        .where(ReceiptLine.voucher.in_([v.id for v in q]))
        .group_by(ReceiptLine.voucher)
        .tuples()
    )
    return [
        DraftRow(
            v.id,
            v.doc_date,
            v.party.name if v.party_id else "",
            v.reference,
            counts.get(v.id, 0),
            v.created_at,
        )
        for v in q
    ]


def delete_draft(voucher_id: int) -> None:
    """Throw a draft away (posted receipts are never deleted; they are reversed)."""
    with write_transaction():
        v = _draft(voucher_id)
        Signature.delete().where(Signature.voucher == v.id).execute()
        VoucherLine.delete().where(VoucherLine.voucher == v.id).execute()
        ReceiptLine.delete().where(ReceiptLine.voucher == v.id).execute()
        v.delete_instance()


# --- checks and posting ----------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    """Allowed after the user confirms (policy 'warn'): e.g. shelf life below the minimum."""

    line_no: int
    field: str
    zh: str
    en: str

    def __str__(self) -> str:
        from app.domain.i18n import pick

        return pick(self.zh, self.en)


def _facts(r: ReceiptLine) -> inspection.LineFacts:
    item = r.item
    return inspection.LineFacts(
        line_no=r.line_no,
        item_name=item.name,
        unit=item.base_unit,
        batch=r.batch,
        production_date=r.production_date,
        expiry=r.expiry,
        delivered=r.delivered_qty,
        accepted=r.accepted_qty,
        rejected=r.rejected_qty,
        reject_reason=r.reject_reason,
        reject_note=r.reject_note,
        reg_cert_no=r.reg_cert_no,
        requires_registration=bool(item.requires_registration),
        min_shelf_life_days=int(item.min_shelf_life_days),
    )


def _line_err(n: int, field_name: str, zh: str, en: str) -> BadInput:
    return BadInput(f"第 {n} 行：{zh}", f"Line {n}: {en}", field=field_name, line=n)


def _check_lots(rows: list[ReceiptLine]) -> None:
    """One batch of an item has one set of dates: across lines and against lots on the books."""
    seen: dict[tuple[int, str], ReceiptLine] = {}
    on_books = _lots_for({(r.item_id, r.batch) for r in rows if r.accepted_qty > 0})
    for r in rows:
        if r.accepted_qty <= 0:
            continue
        key = (r.item_id, r.batch)
        first = seen.setdefault(key, r)
        if first is not r and (first.expiry, first.production_date) != (
            r.expiry,
            r.production_date,
        ):
            raise _line_err(
                r.line_no,
                "expiry",
                f"批号 {r.batch} 在第 {first.line_no} 行的日期不同",
                f"batch {r.batch} has other dates on line {first.line_no}",
            )
        lot = on_books.get(key)
        if lot is None:
            continue
        if lot.expiry != r.expiry:
            raise _line_err(
                r.line_no,
                "expiry",
                f"批号 {r.batch} 以前入库时有效期为 {lot.expiry or '—'}，与本次 {r.expiry or '—'} 不同，"
                "请核对",
                f"batch {r.batch} was received before with expiry {lot.expiry or '—'}, not "
                f"{r.expiry or '—'}; check it",
            )
        if lot.production_date and r.production_date and lot.production_date != r.production_date:
            raise _line_err(
                r.line_no,
                "production_date",
                f"批号 {r.batch} 以前入库时生产日期为 {lot.production_date}，与本次不同，请核对",
                f"batch {r.batch} was received before with production date "
                f"{lot.production_date}; check it",
            )


def _check_placements(v: Voucher, rows: list[ReceiptLine]) -> None:
    by_line: dict[int, list[VoucherLine]] = {r.id: [] for r in rows}
    for vl in VoucherLine.select().where(VoucherLine.voucher == v.id):
        if vl.receipt_line_id not in by_line:
            raise BadInput("入库单有不属于任何验收行的明细", "A placement belongs to no line")
        by_line[vl.receipt_line_id].append(vl)
    used = sorted({vl.slot_id for placed in by_line.values() for vl in placed})
    slots = {
        sid: _PlaceSlot(code, bool(active) and bool(zone_active), hazards_ or "")
        for sid, code, active, zone_active, hazards_ in _SLOTS.rows(used)
    }
    for r in rows:
        placed = by_line[r.id]
        n = r.line_no
        for vl in placed:
            if vl.qty <= 0:
                raise _line_err(
                    n, "placements", "上架数量必须大于 0", "a placed quantity must be more than 0"
                )
            slot = slots[vl.slot_id]
            if not slot.active:
                raise _line_err(
                    n, "slot", f"货位 {slot.code} 已停用", f"slot {slot.code} is retired"
                )
            try:
                hazards.check_placement(
                    r.item.name,
                    r.item.hazard_class,
                    slot.code,
                    hazards.parse_classes(slot.allowed_hazards),
                )
            except StorekeeperError as err:
                err.details["line"] = n
                raise
        if len({vl.slot_id for vl in placed}) != len(placed):
            raise _line_err(n, "placements", "同一货位出现了两次", "a slot appears twice")
        total = sum(vl.qty for vl in placed)
        if total != r.accepted_qty:
            unit = r.item.base_unit
            raise _line_err(
                n,
                "placements",
                f"已上架 {total} {unit}，应与验收合格的 {r.accepted_qty} {unit} 相等",
                f"{total} {unit} placed on slots, but {r.accepted_qty} {unit} accepted",
            )


def inspect(voucher_id: int, *, today: date | None = None) -> list[Warning]:
    """Run every check of posting except the signatures. Raises the first hard problem (at its
    field); returns the warnings the user must confirm under the 'warn' policy."""
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None or v.vtype != "receipt":
        raise NotFound(f"入库单 {voucher_id} 不存在", f"Receipt {voucher_id} does not exist")
    return _inspect(v, today or date.today())


def _inspect(v: Voucher, today: date) -> list[Warning]:
    if v.source not in RECEIPT_SOURCES:
        raise BadInput("请选择来源", "Choose where the goods come from", field="source")
    if v.party_id is None:
        raise BadInput(
            "请选择交货单位（供应商、捐赠方或上级部门）",
            "Choose who delivers (supplier, donor or office)",
            field="party",
        )
    if not v.deliverer.strip():
        raise BadInput("请填写送货人姓名", "Enter the deliverer's name", field="deliverer")
    if v.doc_date > today:
        raise BadInput(
            "入库日期不能晚于今天", "The receipt date cannot be after today", field="doc_date"
        )
    rows = list(
        ReceiptLine.select(ReceiptLine, Item)
        .join(Item)
        .where(ReceiptLine.voucher == v.id)
        .order_by(ReceiptLine.line_no)
    )
    if not rows:
        raise BadInput("入库单还没有任何物资", "The receipt has no lines yet", field="lines")
    for r in rows:
        inspection.check_line(_facts(r), v.doc_date)
    if sum(r.accepted_qty for r in rows) == 0:
        raise BadInput(
            "没有验收合格的物资，没有可入库的数量（草稿可作为拒收记录保留）",
            "Nothing was accepted, so nothing can go into stock (keep the draft as the record "
            "of the refusal)",
            field="accepted",
        )
    _check_lots(rows)
    _check_placements(v, rows)
    warnings = []
    for r in rows:
        facts = _facts(r)
        left = inspection.shelf_life_short(facts, v.doc_date)
        if left is not None:
            zh, en = inspection.shelf_life_message(facts, left)
            warnings.append(Warning(r.line_no, "expiry", zh, en))
    return warnings


def post(
    voucher_id: int,
    *,
    signatures_in: Sequence[SignatureInput] = (),
    by: int | None = None,
    at: datetime | None = None,
    confirm_short_shelf_life: bool = False,
    today: date | None = None,
) -> Voucher:
    """Check, sign (with `signatures_in`, added to those already on the draft) and post."""
    today = today or (at.date() if at else date.today())
    with write_transaction():
        v = _draft(voucher_id)
        warnings = _inspect(v, today)
        if warnings:
            first = warnings[0]
            if shelf_policy() == "block":
                raise BadInput(first.zh, first.en, field=first.field, line=first.line_no)
            if not confirm_short_shelf_life:
                raise NeedsConfirmation(
                    first.zh + "。确定要入库吗？",
                    first.en + ". Receive it anyway?",
                    field=first.field,
                    line=first.line_no,
                    warnings=warnings,
                )
        signatures.store_all(v, signatures_in, at)
        deliverer = Signature.get_or_none(
            (Signature.voucher == v.id) & (Signature.role == "deliverer")
        )
        if deliverer is not None and "".join(deliverer.signer_name.split()) != "".join(
            v.deliverer.split()
        ):
            raise BadInput(
                f"送货人签字（{deliverer.signer_name}）与单上的送货人 {v.deliverer} 不是同一人",
                f"The deliverer who signed ({deliverer.signer_name}) is not the deliverer on the "
                f"receipt ({v.deliverer})",
                field="signature:deliverer",
            )
        signatures.check_for_posting(v)
        accepted = [
            r for r in ReceiptLine.select().where(ReceiptLine.voucher == v.id) if r.accepted_qty > 0
        ]
        lots = _lots_for({(r.item_id, r.batch) for r in accepted})
        for r in accepted:
            lot = lots.get((r.item_id, r.batch))
            if lot is None:
                lot = lots[(r.item_id, r.batch)] = compiled.create(
                    Lot,
                    item=r.item_id,
                    batch=r.batch,
                    production_date=r.production_date,
                    expiry=r.expiry,
                )
            r.lot = lot.id
        _SET_LINE_LOT.execute_many({"lot": r.lot_id, "id": r.id} for r in accepted)
        _SET_PLACEMENT_LOT.execute_many({"lot": r.lot_id, "id": r.id} for r in accepted)
        return ledger.post(v, by=by, at=at or now())


def receive(
    data: ReceiptInput,
    signatures_in: Sequence[SignatureInput],
    *,
    by: int | None = None,
    at: datetime | None = None,
    confirm_short_shelf_life: bool = False,
) -> Voucher:
    """Save and post a receipt in one write transaction (demo, imports, the command line)."""
    with write_transaction():
        v = save_draft(data, by=by)
        return post(
            v.id,
            signatures_in=signatures_in,
            by=by,
            at=at,
            confirm_short_shelf_life=confirm_short_shelf_life,
        )


# --- reading a receipt -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptLineView:
    line_no: int
    item_id: int
    item_code: str
    item_name: str
    spec: str
    unit: str
    packs: str
    batch: str
    production_date: date | None
    expiry: date | None
    reg_cert_no: str
    delivered: int
    accepted: int
    rejected: int
    reject_reason: str | None
    reject_note: str
    unit_price: Decimal | None
    value: Decimal | None  # accepted × unit price, to the fen
    slots: tuple[tuple[str, int], ...]  # (slot code, qty)
    checklist: dict[str, bool]


def line_views(voucher_id: int) -> list[ReceiptLineView]:
    placed: dict[int, list[tuple[str, int]]] = {}
    for vl in (
        VoucherLine.select(VoucherLine, Slot)
        .join(Slot, on=(Slot.id == VoucherLine.slot))
        .where(VoucherLine.voucher == voucher_id)
        .order_by(VoucherLine.line_no)
    ):
        placed.setdefault(vl.receipt_line_id, []).append((vl.slot.code, vl.qty))
    out = []
    for r in (
        ReceiptLine.select(ReceiptLine, Item)
        .join(Item)
        .where(ReceiptLine.voucher == voucher_id)
        .order_by(ReceiptLine.line_no)
    ):
        price = Decimal(content.price_text(r.unit_price)) if r.unit_price is not None else None
        value = (price * r.accepted_qty).quantize(Decimal("0.01")) if price is not None else None
        out.append(
            ReceiptLineView(
                r.line_no,
                r.item_id,
                r.item.code,
                r.item.name,
                r.spec,
                r.item.base_unit,
                r.item.packs,
                r.batch,
                r.production_date,
                r.expiry,
                r.reg_cert_no,
                r.delivered_qty,
                r.accepted_qty,
                r.rejected_qty,
                r.reject_reason,
                r.reject_note,
                price,
                value,
                tuple(placed.get(r.id, [])),
                json.loads(r.checklist or "{}"),
            )
        )
    return out
