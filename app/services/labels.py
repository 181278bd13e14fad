"""Shelf labels: which labels to print, templates (shipped and custom), fields, printer offsets.

The PDF itself is made by app/documents/labels.py; this module reads the books into label rows
and keeps the label settings in the database (key/value rows):

- ``label_template:<name>``   a custom template, as JSON of the template file's dictionary
- ``label_fields:<name>``     the fields chosen for a template, comma-separated
- ``label_offset:<printer>``  the printer's calibration, "x,y" in mm (right and down)
- ``label_last_template``     the template chosen last
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date

import peewee as pw

from app.documents import label_templates
from app.documents import labels as label_doc
from app.documents.label_templates import FIELDS, LabelTemplate
from app.documents.labels import LabelRow
from app.domain import label_payload
from app.domain.errors import BadInput, NotFound
from app.domain.label_payload import LabelPayload
from app.store import kv
from app.store.database import write_transaction
from app.store.models import Balance, Item, Lot, Meta, Slot, Zone

TEMPLATE_KEY = "label_template:"
FIELDS_KEY = "label_fields:"
OFFSET_KEY = "label_offset:"
LAST_TEMPLATE_KEY = "label_last_template"
MAX_OFFSET = 10.0  # mm; a printer further off than this needs its driver fixed, not an offset
CONFIRM_ABOVE = 48  # labels: printing more asks first (two A4 sheets of 3×8)


# --- templates -------------------------------------------------------------------------------


def custom_templates() -> list[LabelTemplate]:
    found = []
    for row in Meta.select().where(Meta.key.startswith(TEMPLATE_KEY)).order_by(Meta.key):
        try:
            found.append(label_templates.from_dict(json.loads(row.value), custom=True))
        except (ValueError, BadInput):
            continue  # a damaged row must not hide the shipped templates
    return found


def templates() -> list[LabelTemplate]:
    """Shipped templates, then the user's own."""
    return label_templates.builtin_templates() + custom_templates()


def template(name: str) -> LabelTemplate:
    return label_templates.find(name, templates())


def save_custom_template(data: dict) -> LabelTemplate:
    """Validate and keep a template the user made; a shipped template's name cannot be reused."""
    t = label_templates.from_dict(data, custom=True)
    if any(b.name == t.name for b in label_templates.builtin_templates()):
        raise BadInput(
            f"模板名 {t.name} 已被内置模板使用，请换一个名字",
            f"The name {t.name} belongs to a shipped template; choose another",
            field="name",
        )
    with write_transaction():
        kv.put(TEMPLATE_KEY + t.name, json.dumps(t.to_dict(), ensure_ascii=False))
    return t


def delete_custom_template(name: str) -> None:
    with write_transaction():
        Meta.delete().where(Meta.key == TEMPLATE_KEY + name).execute()


def last_template() -> str:
    name = kv.get(LAST_TEMPLATE_KEY, "") or ""
    names = [t.name for t in templates()]
    return name if name in names else names[0]


def remember_template(name: str) -> None:
    with write_transaction():
        kv.put(LAST_TEMPLATE_KEY, name)


def fields_for(t: LabelTemplate) -> tuple[str, ...]:
    """The fields chosen for `t`, or the template's own default."""
    stored = kv.get(FIELDS_KEY + t.name)
    if stored is None:
        return t.fields
    return tuple(f for f in FIELDS if f in stored.split(","))


def set_fields(t: LabelTemplate, fields: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(f for f in FIELDS if f in set(fields))
    with write_transaction():
        kv.put(FIELDS_KEY + t.name, ",".join(chosen))
    return chosen


# --- printer calibration -----------------------------------------------------------------------


def printer_offset(printer: str) -> tuple[float, float]:
    """The x/y offset (mm, right and down) saved for `printer`; (0, 0) when none."""
    stored = kv.get(OFFSET_KEY + printer, "") or ""
    try:
        x, y = (float(v) for v in stored.split(","))
    except ValueError:
        return 0.0, 0.0
    return x, y


def set_printer_offset(printer: str, x: float, y: float) -> tuple[float, float]:
    for name, value in (("offset_x", x), ("offset_y", y)):
        if not -MAX_OFFSET <= value <= MAX_OFFSET:
            raise BadInput(
                f"偏移应在 ±{MAX_OFFSET:g} 毫米之内",
                f"An offset must be within ±{MAX_OFFSET:g} mm",
                field=name,
            )
    x, y = round(x, 2), round(y, 2)
    with write_transaction():
        kv.put(OFFSET_KEY + printer, f"{x:g},{y:g}")
    return x, y


# --- what to print -----------------------------------------------------------------------------


def slot_ids(
    *, all_slots: bool = False, zone: str | None = None, codes: Sequence[str] = ()
) -> list[int]:
    """The active slots asked for, in zone and code order; NotFound for an unknown zone/slot."""
    q = Slot.select(Slot.id).join(Zone).where(Slot.active == True)  # noqa: E712
    if zone:
        z = Zone.get_or_none(pw.fn.UPPER(Zone.code) == zone.strip().upper())
        if z is None:
            known = ", ".join(z.code for z in Zone.select().order_by(Zone.sort, Zone.code))
            raise NotFound(
                f"没有库区 {zone}；现有库区：{known}",
                f"No zone {zone}; the zones are: {known}",
                field="zone",
            )
        q = q.where(Slot.zone == z.id)
    elif codes:
        wanted = [c.strip().upper() for c in codes]
        found = {s.code: s.id for s in Slot.select().where(Slot.code.in_(wanted))}
        missing = [c for c in wanted if c not in found]
        if missing:
            raise NotFound(
                f"没有货位 {', '.join(missing)}",
                f"No slot {', '.join(missing)}",
                field="slot",
            )
        return list(dict.fromkeys(found[c] for c in wanted))
    elif not all_slots:
        return []
    return [s.id for s in q.order_by(Zone.sort, Zone.code, Slot.code)]


def label_rows(
    slot_ids: Iterable[int],
    *,
    include_empty: bool = False,
    lot_ids: Iterable[int] | None = None,
) -> list[LabelRow]:
    """One row per lot lying on each slot (earliest expiry first), in the order of `slot_ids`.

    `include_empty` adds a slot-code-and-QR label for slots holding nothing; `lot_ids` keeps only
    those lots (say, the ones a receipt just brought in).
    """
    ids = list(dict.fromkeys(slot_ids))
    if not ids:
        return []
    codes = dict(Slot.select(Slot.id, Slot.code).where(Slot.id.in_(ids)).tuples())
    q = (
        Balance.select(
            Balance.slot,
            Item.code,
            Item.name,
            Item.spec,
            Item.hazard_class,
            Lot.batch,
            Lot.expiry,
        )
        .join(Lot, on=(Lot.id == Balance.lot))
        .switch(Balance)
        .join(Item, on=(Item.id == Balance.item))
        .where(Balance.slot.in_(ids), Balance.qty > 0)
        .order_by(Lot.expiry.asc(nulls="LAST"), Item.code, Lot.batch)
    )
    if lot_ids is not None:
        q = q.where(Balance.lot.in_(list(lot_ids)))
    held: dict[int, list[LabelRow]] = {i: [] for i in ids}
    for slot_id, code, name, spec, hazard, batch, expiry in q.tuples():
        expiry = _as_date(expiry)
        slot = codes[slot_id]
        payload = label_payload.encode(LabelPayload(slot, code, batch, expiry))
        held[slot_id].append(
            LabelRow(slot, payload, code, name, spec, batch, expiry, hazard or "none")
        )
    rows: list[LabelRow] = []
    for i in ids:
        if i not in codes:
            continue
        if held[i]:
            rows.extend(held[i])
        elif include_empty:
            rows.append(LabelRow(codes[i], label_payload.encode(LabelPayload(codes[i]))))
    return rows


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def labels_for_slots(
    slot_ids: Iterable[int],
    template_name: str | None = None,
    *,
    include_empty: bool = False,
    lot_ids: Iterable[int] | None = None,
    fields: Sequence[str] | None = None,
    skip: int = 0,
    offset: tuple[float, float] = (0.0, 0.0),
    today: date | None = None,
    outline: bool = False,
) -> tuple[bytes, int]:
    """The label PDF for these slots and how many labels it holds (the receiving page's button).

    `template_name` None uses the template chosen last; `fields` None the fields chosen for it.
    """
    t = template(template_name) if template_name else template(last_template())
    rows = label_rows(slot_ids, include_empty=include_empty, lot_ids=lot_ids)
    check_skip(t, skip)
    pdf = label_doc.render(
        rows,
        t,
        fields=fields_for(t) if fields is None else fields,
        skip=skip,
        offset=offset,
        today=today,
        outline=outline,
    )
    return pdf, len(rows)


def check_skip(t: LabelTemplate, skip: int) -> None:
    if skip < 0 or (t.kind == "sheet" and skip >= t.per_page) or (t.kind == "roll" and skip):
        most = t.per_page - 1 if t.kind == "sheet" else 0
        raise BadInput(
            f"跳过的标签数应在 0 到 {most} 之间（{t.name} 每页 {t.per_page} 张）",
            f"Labels to skip must be 0 to {most} ({t.name} has {t.per_page} a page)",
            field="skip",
        )
