"""What a scan or a typed code names: one of our shelf labels, a slot, a GS1 code or an item.

Every scan field in the app (the global search, workflow fields) and `storekeeper lookup` go
through `resolve()`, so a code means the same thing everywhere. The order of tries is: our
label payload, a slot code, an item code, a GS1 element string, a GTIN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import peewee as pw

from app.domain import gs1, label_payload
from app.domain.i18n import pick
from app.services import catalogue, scanning
from app.store.models import Balance, Item, Lot, Slot, Zone

GS1_SUBSTITUTE_KEY = scanning.GS_SUBSTITUTE_KEY  # one setting for every scan field

LABEL, SLOT, GS1, ITEM, UNKNOWN = "label", "slot", "gs1", "item", "unknown"


@dataclass(frozen=True)
class Holding:
    """One lot lying on one slot."""

    slot: str
    item_id: int
    item_code: str
    item_name: str
    lot_id: int
    batch: str
    expiry: date | None
    qty: int
    unit: str


@dataclass(frozen=True)
class Resolution:
    """The answer to a scan. Fields that do not apply to the kind are None.

    - label: slot, item_code, batch, expiry as printed; qty now on that slot; `outdated` when
      the lot is no longer on that slot (or its expiry changed, or an empty-slot label's slot now
      holds stock, or the slot is gone); `holdings` what the slot holds now.
    - slot: slot, qty (all lots), holdings.
    - gs1: item_code (when the GTIN is known), batch, expiry from the code; qty of that lot
      over all slots; holdings where it lies.
    - item: item_code, qty over all slots, holdings.
    """

    kind: str
    text: str
    slot: str | None = None
    slot_id: int | None = None
    item_code: str | None = None
    item_id: int | None = None
    item_name: str | None = None
    batch: str | None = None
    expiry: date | None = None
    lot_id: int | None = None
    qty: int | None = None
    outdated: bool | None = None
    reason: str | None = None  # why a label is out of date: lot_gone, expiry_changed, …
    gtin: str | None = None
    holdings: list[Holding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON: kind, then only the fields that apply; dates as ISO text."""
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        for key in (
            "slot",
            "item_code",
            "item_name",
            "gtin",
            "batch",
            "expiry",
            "qty",
            "outdated",
            "reason",
        ):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, date) else value
        if self.kind != UNKNOWN:
            out["holdings"] = [
                {
                    "slot": h.slot,
                    "item_code": h.item_code,
                    "item_name": h.item_name,
                    "batch": h.batch,
                    "expiry": h.expiry.isoformat() if h.expiry else None,
                    "qty": h.qty,
                    "unit": h.unit,
                }
                for h in self.holdings
            ]
        return out


def gs1_substitute() -> str:
    """The text a scanner sends for the GS1 group separator (a setting; `<GS>` by default)."""
    return scanning.gs_substitute()


def holdings(
    *, slot_id: int | None = None, item_id: int | None = None, lot_id: int | None = None
) -> list[Holding]:
    """What lies where, optionally for one slot, item or lot; earliest expiry first."""
    q = (
        Balance.select(
            Slot.code,
            Item.id,
            Item.code,
            Item.name,
            Lot.id,
            Lot.batch,
            Lot.expiry,
            Balance.qty,
            Item.base_unit,
        )
        .join(Lot, on=(Lot.id == Balance.lot))
        .switch(Balance)
        .join(Item, on=(Item.id == Balance.item))
        .switch(Balance)
        .join(Slot, on=(Slot.id == Balance.slot))
        .where(Balance.qty > 0)
        .order_by(Lot.expiry.asc(nulls="LAST"), Item.code, Lot.batch, Slot.code)
    )
    if slot_id is not None:
        q = q.where(Balance.slot == slot_id)
    if item_id is not None:
        q = q.where(Balance.item == item_id)
    if lot_id is not None:
        q = q.where(Balance.lot == lot_id)
    return [
        Holding(s, iid, code, name, lid, batch, _as_date(exp), qty, unit)
        for s, iid, code, name, lid, batch, exp, qty, unit in q.tuples()
    ]


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def _find_slot(code: str) -> Slot | None:
    code = code.strip().upper()
    if not code:
        return None
    return Slot.select(Slot, Zone).join(Zone).where(pw.fn.UPPER(Slot.code) == code).first()


def _label(text: str) -> Resolution:
    p = label_payload.decode(text)
    slot = _find_slot(p.slot)
    base = {
        "kind": LABEL,
        "text": text,
        "slot": p.slot,
        "item_code": p.item_code,
        "batch": p.batch,
        "expiry": p.expiry,
    }
    if slot is None:
        return Resolution(**base, outdated=True, reason="slot_gone", qty=0)
    held = holdings(slot_id=slot.id)
    base["slot_id"] = slot.id
    if p.item_code is None:
        # An empty-slot label on a slot that now holds stock should give way to a full label.
        return Resolution(
            **base,
            qty=sum(h.qty for h in held),
            holdings=held,
            outdated=bool(held),
            reason="slot_filled" if held else None,
        )
    item = Item.get_or_none(pw.fn.UPPER(Item.code) == p.item_code.upper())
    lot = (
        Lot.get_or_none((Lot.item == item.id) & (Lot.batch == p.batch))
        if item is not None and p.batch is not None
        else None
    )
    if item is not None:
        base.update(item_id=item.id, item_name=item.name)
    if lot is None:
        return Resolution(**base, qty=0, holdings=held, outdated=True, reason="lot_gone")
    qty = sum(h.qty for h in held if h.lot_id == lot.id)
    reason = None
    if qty <= 0:
        reason = "lot_gone"
    elif _as_date(lot.expiry) != p.expiry:
        reason = "expiry_changed"
    return Resolution(
        **base, lot_id=lot.id, qty=qty, holdings=held, outdated=reason is not None, reason=reason
    )


def _gs1(text: str, scan: gs1.Gs1Scan) -> Resolution:
    item = catalogue.find_item(scan.gtin) if scan.gtin else None
    lot = None
    if item is not None and scan.batch:
        lot = Lot.get_or_none((Lot.item == item.id) & (Lot.batch == scan.batch))
    if lot is not None:
        held = holdings(lot_id=lot.id)
    elif item is not None:
        held = holdings(item_id=item.id)
    else:
        held = []
    return Resolution(
        kind=GS1,
        text=text,
        gtin=scan.gtin,
        item_code=item.code if item else None,
        item_id=item.id if item else None,
        item_name=item.name if item else None,
        batch=scan.batch,
        expiry=scan.expiry,
        lot_id=lot.id if lot else None,
        qty=sum(h.qty for h in held) if item is not None else None,
        slot=held[0].slot if len({h.slot for h in held}) == 1 else None,
        holdings=held,
    )


def _item(text: str, item: Item) -> Resolution:
    held = holdings(item_id=item.id)
    return Resolution(
        kind=ITEM,
        text=text,
        item_code=item.code,
        item_id=item.id,
        item_name=item.name,
        qty=sum(h.qty for h in held),
        slot=held[0].slot if len({h.slot for h in held}) == 1 else None,
        holdings=held,
    )


def resolve(text: str, *, gs_substitute: str | None = None) -> Resolution:
    """What `text` (a scan or typed code) names; kind 'unknown' when nothing matches.

    A damaged label of ours (our prefix, wrong content) raises BadInput saying so.
    """
    raw = text.strip("\r\n")
    plain = raw.strip().strip(gs1.GS)
    if not plain:
        return Resolution(UNKNOWN, raw)
    if label_payload.looks_like_payload(plain):
        return _label(plain)
    slot = _find_slot(plain)
    if slot is not None:
        held = holdings(slot_id=slot.id)
        return Resolution(
            SLOT, raw, slot=slot.code, slot_id=slot.id, qty=sum(h.qty for h in held), holdings=held
        )
    item = Item.get_or_none(pw.fn.UPPER(Item.code) == plain.upper())
    if item is not None:
        return _item(raw, item)
    substitute = gs1_substitute() if gs_substitute is None else gs_substitute
    scan = gs1.parse_scan(raw, substitute)
    if scan is not None and (scan.gtin or scan.batch):
        return _gs1(raw, scan)
    item = catalogue.find_item(plain)
    if item is not None:
        return _item(raw, item)
    return Resolution(UNKNOWN, raw)


def describe_reason(reason: str | None) -> str:
    """A storekeeper's sentence for why a label is out of date."""
    words = {
        "lot_gone": pick("该批次已不在此货位", "this lot is no longer on this slot"),
        "expiry_changed": pick("该批次的有效期已更改", "the lot's expiry date has changed"),
        "slot_filled": pick(
            "此货位已有物资，应换成带物资信息的标签",
            "the slot now holds stock; it needs a label showing what",
        ),
        "slot_gone": pick("此货位已不存在", "this slot no longer exists"),
    }
    return words.get(reason or "", "")
