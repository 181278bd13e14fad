"""What every report builder shares: its parameters, what it returns, and the ledger's net moves.

Dates are the vouchers' document dates (业务日期), the date the paper carries, so a voucher
entered a day late still counts in the period it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import peewee as pw

from app.domain import codes
from app.domain.i18n import pick
from app.domain.progress import Progress
from app.store.models import Category, Item, LedgerEntry, Lot, Party, Voucher


@dataclass(frozen=True)
class Params:
    """A report's inputs, already checked: the period and the item or lot it is about."""

    start: date
    end: date
    item_id: int | None = None
    lot_id: int | None = None


@dataclass
class Content:
    """A builder's answer: rows (and totals) by section key, and the header's fields."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    totals: dict[str, dict[str, Any]] = field(default_factory=dict)
    totals_label: dict[str, str] = field(default_factory=dict)
    empty_text: dict[str, str] = field(default_factory=dict)  # instead of "nothing this period"
    fields: list[tuple[str, str]] = field(default_factory=list)


Builder = Callable[[Params, Progress], Content]


def nets(end: date | None = None) -> pw.ModelSelect:
    """Each voucher's net change of each lot (moves between slots net to 0), with the voucher's
    date and type and, for a reversal, the type of the voucher it reverses.

    In and out follow the paper books' red-ink rule: a reversal is a negative amount in the column
    of what it undoes (a reversed issue lowers 发出, it is not a 收入), so in − out is always
    the change of stock. Sums run in SQL: the books may hold millions of entries.
    """
    original = Voucher.alias("original")
    q = (
        LedgerEntry.select(
            LedgerEntry.item.alias("item_id"),
            LedgerEntry.lot.alias("lot_id"),
            LedgerEntry.voucher.alias("voucher_id"),
            Voucher.doc_date.alias("doc_date"),
            Voucher.vtype.alias("vtype"),
            original.vtype.alias("original_vtype"),
            pw.fn.SUM(LedgerEntry.delta).alias("net"),
            pw.fn.MIN(LedgerEntry.id).alias("first_entry"),
        )
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .join(original, pw.JOIN.LEFT_OUTER, on=(original.id == Voucher.reverses))
        .group_by(
            # + 0: grouped by the bare column, SQLite walks the whole voucher index rather than
            # finding the period's vouchers by their date.
            LedgerEntry.voucher + 0,
            LedgerEntry.lot,
            LedgerEntry.item,
            Voucher.doc_date,
            Voucher.vtype,
            original.vtype,
        )
    )
    if end is not None:
        q = q.where(Voucher.doc_date <= end)
    return q


def in_out(vtype: str, net: int) -> tuple[int, int]:
    """(in, out) of one voucher's net change, by the red-ink rule of `nets`."""
    inward = -net > 0 if vtype == "reversal" else net > 0
    return (net, 0) if inward else (0, -net)


def in_out_sql(sub: Any) -> tuple[pw.Node, pw.Node]:
    """`in_out` as SQL over the columns of a `nets` subquery."""
    direction = pw.Case(None, [(sub.c.vtype == "reversal", sub.c.net * -1)], sub.c.net)
    qty_in = pw.Case(None, [(direction > 0, sub.c.net)], 0)
    qty_out = pw.Case(None, [(direction < 0, sub.c.net * -1)], 0)
    return qty_in, qty_out


def as_date(value: object) -> date | None:
    if value in (None, "") or isinstance(value, date):
        return value or None  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def money(qty: int, price: object) -> Decimal | None:
    if price is None:
        return None
    return (Decimal(str(price)) * qty).quantize(Decimal("0.01"))


def item_fields(item_id: int, lot_id: int | None = None) -> list[tuple[str, str]]:
    """The header of a report about one item (or lot): code, name, spec, unit, batch."""
    item = Item.get_by_id(item_id)
    out = [
        (pick("物资编码", "Item code"), item.code),
        (pick("物资名称", "Item"), item.name),
    ]
    if item.spec:
        out.append((pick("规格", "Spec"), item.spec))
    out.append((pick("单位", "Unit"), item.base_unit))
    if lot_id is not None:
        lot = Lot.get_by_id(lot_id)
        out.append((pick("批号", "Batch"), lot.batch))
        if lot.expiry:
            out.append((pick("有效期至", "Expires"), lot.expiry.isoformat()))
    return out


def item_facts(item_ids: list[int] | None = None) -> dict[int, dict[str, Any]]:
    """Code, name, spec, unit and category (name and order) of items, by id."""
    q = Item.select(
        Item.id,
        Item.code,
        Item.name,
        Item.spec,
        Item.base_unit,
        Item.active,
        Category.name.alias("category"),
        Category.name_en.alias("category_en"),
        Category.sort.alias("category_sort"),
        Category.code.alias("category_code"),
    ).join(Category, on=(Category.code == Item.category))
    if item_ids is not None:
        q = q.where(Item.id.in_(item_ids))
    return {r["id"]: r for r in q.dicts()}


def category_name(facts: dict[str, Any]) -> str:
    return pick(facts["category"], facts["category_en"] or facts["category"])


def category_order(facts: dict[str, Any]) -> tuple:
    return (facts["category_sort"], facts["category_code"], facts["code"])


def party_names(ids: set[int]) -> dict[int, Party]:
    ids = {i for i in ids if i}
    return {p.id: p for p in Party.select().where(Party.id.in_(list(ids)))} if ids else {}


def department_of(party: Party | None, parties: dict[int, Party]) -> str:
    """A person's department (or the department itself), '' when neither."""
    if party is None:
        return ""
    if party.kind == "department":
        return party.name
    dept = parties.get(party.department_id) if party.department_id else None
    return dept.name if dept else ""


def source_label(code: str | None) -> str:
    return codes.label(code)


def voucher_note(vtype: str, source: str | None, reference: str, note: str) -> str:
    """The 摘要 of a ledger line: a reversal names what it undoes, a receipt its source."""
    if vtype == "reversal":
        what = pick(f"冲销 {reference}", f"reverses {reference}")
        return f"{what}{pick('：', ': ')}{note}" if note else what
    if vtype == "receipt":
        parts = [codes.label(source), reference]
        return " ".join(p for p in parts if p)
    return note
