"""Zones and slots (库区货位): whole racks, renaming, retiring, what each holds, putaway, moves.

Where goods may lie is decided by hazard class: a slot is compatible with an item when the slot
and its zone are in use and the zone may hold the item's hazard class. Moves (移库) are vouchers
posted through the ledger, so they pass the same placement and stock checks as everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.domain import hazards
from app.domain.codes import label
from app.domain.errors import BadInput, HazardConflict, NotFound
from app.services import catalogue, ledger
from app.store.database import write_transaction
from app.store.models import Balance, Item, Lot, Slot, Voucher, Zone

# Zones and single slots are created by the catalogue service; re-exported for this room.
create_zone = catalogue.create_zone
create_slot = catalogue.create_slot
zones = catalogue.zones

MAX_RACK = 99


def _slot(slot_id: int) -> Slot:
    slot = Slot.get_or_none(Slot.id == slot_id)
    if slot is None:
        raise NotFound(f"货位 {slot_id} 不存在", f"Slot {slot_id} does not exist", field="slot")
    return slot


def rack_codes(prefix: str, racks: int, levels: int, first_rack: int = 1) -> list[str]:
    """`A`, 4 × 5 → A-01-01 … A-04-05 (rack, then level)."""
    return [
        f"{prefix}-{r:02d}-{lv:02d}"
        for r in range(first_rack, first_rack + racks)
        for lv in range(1, levels + 1)
    ]


def create_rack(
    zone_id: int, prefix: str, racks: int, levels: int, *, first_rack: int = 1
) -> list[Slot]:
    """A whole rack at once: `racks` × `levels` slots named PREFIX-RR-LL; all or nothing."""
    prefix = prefix.strip().upper()
    if not catalogue.SLOT_RE.match(prefix) or prefix.count("-") > 1:
        raise BadInput(
            "货架前缀只能用字母和数字，例如 A 或 A1",
            "A rack prefix uses letters and digits, e.g. A or A1",
            field="prefix",
        )
    for value, name in ((racks, "racks"), (levels, "levels")):
        if not 1 <= value <= MAX_RACK:
            raise BadInput(
                f"排数和层数应在 1 到 {MAX_RACK} 之间",
                f"Racks and levels must be 1 to {MAX_RACK}",
                field=name,
            )
    if not 1 <= first_rack <= MAX_RACK or first_rack + racks - 1 > MAX_RACK:
        raise BadInput(
            f"货架编号应在 1 到 {MAX_RACK} 之间",
            f"Rack numbers must be 1 to {MAX_RACK}",
            field="first_rack",
        )
    codes = rack_codes(prefix, racks, levels, first_rack)
    with write_transaction():
        zone = Zone.get_or_none(Zone.id == zone_id)
        if zone is None:
            raise BadInput("请选择库区", "Choose a zone", field="zone")
        taken = [s.code for s in Slot.select(Slot.code).where(Slot.code.in_(codes))]
        if taken:
            shown = "、".join(taken[:5]) + ("…" if len(taken) > 5 else "")
            raise BadInput(
                f"货位 {shown} 已存在，请换一个前缀或起始排号",
                f"Slots {', '.join(taken[:5])} exist; choose another prefix or first rack",
                field="prefix",
            )
        return [Slot.create(zone=zone.id, code=c) for c in codes]


def rename_slot(slot_id: int, code: str) -> Slot:
    """Give a slot a new code; its history stays with it (the ledger points at its id)."""
    code = code.strip().upper()
    if not catalogue.SLOT_RE.match(code):
        raise BadInput(
            "货位编码格式如 A-01-02（字母数字，用 - 分隔）",
            "A slot code looks like A-01-02 (letters/digits separated by -)",
            field="code",
        )
    with write_transaction():
        slot = _slot(slot_id)
        if code == slot.code:
            return slot
        if Slot.select().where((Slot.code == code) & (Slot.id != slot_id)).exists():
            raise BadInput(f"货位 {code} 已存在", f"Slot {code} exists", field="code")
        slot.code = code
        slot.save()
        return slot


def _held(slot_id: int) -> int:
    return int(
        Balance.select(pw.fn.COALESCE(pw.fn.SUM(Balance.qty), 0))
        .where(Balance.slot == slot_id)
        .scalar()
        or 0
    )


def retire_slot(slot_id: int) -> Slot:
    """Stop using an empty slot (it stays in the history); a slot holding stock is refused."""
    with write_transaction():
        slot = _slot(slot_id)
        held = _held(slot_id)
        if held:
            raise BadInput(
                f"货位 {slot.code} 还有库存（{held}），请先移库再停用",
                f"Slot {slot.code} still holds stock ({held}); move it out before retiring",
                field="slot",
            )
        slot.active = False
        slot.save()
        return slot


def reactivate_slot(slot_id: int) -> Slot:
    with write_transaction():
        slot = _slot(slot_id)
        slot.active = True
        slot.save()
        return slot


def update_zone(zone_id: int, name: str, allowed_hazards: list[str] | str, notes: str = "") -> Zone:
    """Change a zone's name, notes or hazard classes; refuses to exclude a class it now holds."""
    if not name.strip():
        raise BadInput("请填写库区名称", "Enter the zone's name", field="name")
    classes = hazards.parse_classes(allowed_hazards)
    if not classes:
        raise BadInput(
            "请至少选择一种可存放的危险类别",
            "Choose at least one hazard class",
            field="allowed_hazards",
        )
    hazards.check_zone_classes(classes)
    with write_transaction():
        zone = Zone.get_or_none(Zone.id == zone_id)
        if zone is None:
            raise NotFound("库区不存在", "The zone does not exist", field="zone")
        held = (
            Item.select(Item.name, Item.hazard_class)
            .join(Balance, on=(Balance.item == Item.id))
            .join(Slot, on=(Slot.id == Balance.slot))
            .where((Slot.zone == zone_id) & (Balance.qty > 0))
            .distinct()
        )
        for item in held:
            if item.hazard_class not in classes:
                raise HazardConflict(
                    f"库区 {zone.code} 还存放着{item.name}（{label(item.hazard_class)}），"
                    "不能取消该类别",
                    f"Zone {zone.code} still holds {item.name} ({item.hazard_class}); "
                    "that class cannot be removed",
                    field="allowed_hazards",
                )
        zone.name = name.strip()
        zone.allowed_hazards = ",".join(classes)
        zone.notes = notes.strip()
        zone.save()
        return zone


# --- what each slot holds --------------------------------------------------------------------


@dataclass(frozen=True)
class SlotRow:
    slot_id: int
    code: str
    zone_id: int
    zone_code: str
    zone_name: str
    allowed_hazards: tuple[str, ...]
    active: bool
    lots: int
    qty: int
    summary: str  # "医用外科口罩 ×2 批" style, for the table


def overview(zone_id: int | None = None, *, include_retired: bool = True) -> list[SlotRow]:
    """Every slot with what it holds, in zone then code order."""
    held = (
        Balance.select(Balance.slot, pw.fn.COUNT(Balance.lot), pw.fn.SUM(Balance.qty))
        .where(Balance.qty > 0)
        .group_by(Balance.slot)
        .tuples()
    )
    sums = {slot_id: (lots, int(qty)) for slot_id, lots, qty in held}
    names: dict[int, list[str]] = {}
    q = (
        Balance.select(Balance.slot, Item.name)
        .join(Item, on=(Item.id == Balance.item))
        .where(Balance.qty > 0)
        .distinct()
        .order_by(Item.name)
    )
    for r in q.tuples():
        names.setdefault(r[0], []).append(r[1])
    slots = (
        Slot.select(Slot.id, Slot.code, Slot.active, Zone.id, Zone.code, Zone.name)
        .join(Zone)
        .order_by(Zone.sort, Zone.code, Slot.code)
    )
    if zone_id is not None:
        slots = slots.where(Slot.zone == zone_id)
    if not include_retired:
        slots = slots.where(Slot.active == True)  # noqa: E712
    # a zone's classes are parsed once, not once for each of its slots
    allowed = {
        z.id: tuple(hazards.parse_classes(z.allowed_hazards))
        for z in Zone.select(Zone.id, Zone.allowed_hazards)
    }
    out = []
    for slot_id, code, active, zone, zone_code, zone_name in slots.tuples():
        lots, qty = sums.get(slot_id, (0, 0))
        out.append(
            SlotRow(
                slot_id,
                code,
                zone,
                zone_code,
                zone_name,
                allowed[zone],
                bool(active),
                lots,
                qty,
                "、".join(names.get(slot_id, [])),
            )
        )
    return out


@dataclass(frozen=True)
class Holding:
    item_id: int
    item_code: str
    item_name: str
    unit: str
    packs: str
    lot_id: int
    batch: str
    expiry: date | None
    qty: int


def contents(slot_id: int) -> list[Holding]:
    """The lots on one slot, earliest expiry first."""
    q = (
        Balance.select(Balance, Item, Lot)
        .join(Item, on=(Item.id == Balance.item))
        .switch(Balance)
        .join(Lot, on=(Lot.id == Balance.lot))
        .where((Balance.slot == slot_id) & (Balance.qty > 0))
        .order_by(Lot.expiry.asc(nulls="LAST"), Item.code, Lot.batch)
    )
    return [
        Holding(
            b.item.id,
            b.item.code,
            b.item.name,
            b.item.base_unit,
            b.item.packs,
            b.lot.id,
            b.lot.batch,
            b.lot.expiry,
            b.qty,
        )
        for b in q
    ]


# --- putaway ---------------------------------------------------------------------------------

SAME_LOT, SAME_ITEM, EMPTY = "same_lot", "same_item", "empty"


@dataclass(frozen=True)
class Suggestion:
    slot_id: int
    code: str
    zone_code: str
    reason: str  # same_lot, same_item, empty
    held: int  # what the slot holds of this item now


def _compatible_slots(item: Item) -> pw.ModelSelect:
    return (
        Slot.select(Slot, Zone)
        .join(Zone)
        .where((Slot.active == True) & (Zone.active == True))  # noqa: E712
        .order_by(Zone.sort, Zone.code, Slot.code)
    )


def compatible(item: Item, slot: Slot) -> bool:
    return (
        bool(slot.active)
        and bool(slot.zone.active)
        and item.hazard_class in hazards.parse_classes(slot.zone.allowed_hazards)
    )


def suggest(item_id: int, batch: str = "", *, limit: int = 8) -> list[Suggestion]:
    """Where to put an item: a slot already holding that lot, else one holding the item in a
    compatible zone, else an empty compatible slot (zones already holding the item's category
    first)."""
    item = Item.get_by_id(item_id)
    slots = [s for s in _compatible_slots(item) if compatible(item, s)]
    if not slots:
        return []
    ids = [s.id for s in slots]
    lot = Lot.get_or_none((Lot.item == item_id) & (Lot.batch == batch.strip())) if batch else None
    of_item: dict[int, int] = {}
    of_lot: dict[int, int] = {}
    for b in Balance.select().where(
        (Balance.item == item_id) & (Balance.qty > 0) & Balance.slot.in_(ids)
    ):
        of_item[b.slot_id] = of_item.get(b.slot_id, 0) + b.qty
        if lot is not None and b.lot_id == lot.id:
            of_lot[b.slot_id] = b.qty
    occupied = {r.slot_id for r in Balance.select(Balance.slot).where(Balance.qty > 0).distinct()}
    same_category_zones = {
        r.zone_id
        for r in Slot.select(Slot.zone)
        .join(Balance, on=(Balance.slot == Slot.id))
        .join(Item, on=(Item.id == Balance.item))
        .where((Balance.qty > 0) & (Item.category == item.category_id))
    }
    out: list[Suggestion] = []
    for s in slots:
        if s.id in of_lot:
            out.append(Suggestion(s.id, s.code, s.zone.code, SAME_LOT, of_item[s.id]))
    for s in slots:
        if s.id in of_item and s.id not in of_lot:
            out.append(Suggestion(s.id, s.code, s.zone.code, SAME_ITEM, of_item[s.id]))
    empty = [s for s in slots if s.id not in occupied]
    empty.sort(key=lambda s: s.zone_id not in same_category_zones)  # stable: keeps code order
    out += [Suggestion(s.id, s.code, s.zone.code, EMPTY, 0) for s in empty]
    return out[:limit]


def check_slot_for(item_id: int, slot_id: int) -> None:
    """Raise HazardConflict (saying why) or BadInput when the item may not go on the slot."""
    item = Item.get_by_id(item_id)
    slot = Slot.select(Slot, Zone).join(Zone).where(Slot.id == slot_id).get_or_none()
    if slot is None:
        raise NotFound(f"货位 {slot_id} 不存在", f"Slot {slot_id} does not exist", field="slot")
    if not slot.active or not slot.zone.active:
        raise BadInput(f"货位 {slot.code} 已停用", f"Slot {slot.code} is retired", field="slot")
    hazards.check_placement(
        item.name, item.hazard_class, slot.code, hazards.parse_classes(slot.zone.allowed_hazards)
    )


# --- moves -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoveLine:
    lot_id: int
    from_slot_id: int
    to_slot_id: int
    qty: int


def move(
    lines: Sequence[MoveLine],
    *,
    by: int | None = None,
    at: datetime | None = None,
    doc_date: date | None = None,
    note: str = "",
) -> Voucher:
    """Move stock between slots (移库) as one posted voucher; same checks as any posting."""
    if not lines:
        raise BadInput("请选择要移动的库存", "Choose the stock to move", field="lines")
    items = {
        lot.id: lot.item_id for lot in Lot.select().where(Lot.id.in_([m.lot_id for m in lines]))
    }
    out = []
    for m in lines:
        if m.lot_id not in items:
            raise NotFound("批次不存在", "The lot does not exist", field="lot")
        out.append(
            ledger.Line(items[m.lot_id], m.lot_id, m.from_slot_id, m.qty, to_slot_id=m.to_slot_id)
        )
    return ledger.post_new("move", out, by=by, at=at, doc_date=doc_date, note=note.strip())
