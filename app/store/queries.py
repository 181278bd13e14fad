"""Named reads used by screens, reports and the command line. Quantities in base units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.store.models import (
    Balance,
    Item,
    ItemGtin,
    LedgerEntry,
    Lot,
    Party,
    Slot,
    Voucher,
    Zone,
)


@dataclass(frozen=True)
class StockRow:
    item_id: int
    item_code: str
    item_name: str
    spec: str
    unit: str
    packs: str
    lot_id: int
    batch: str
    production_date: date | None
    expiry: date | None
    zone: str
    slot: str
    qty: int


@dataclass(frozen=True)
class ItemTotal:
    item_id: int
    code: str
    name: str
    spec: str
    category: str
    unit: str
    packs: str
    hazard_class: str
    qty: int
    lots: int
    earliest_expiry: date | None


def _search_items(term: str) -> pw.Expression:
    """Items whose code, name, spec, GTIN or any lot's batch contains `term`."""
    like = f"%{term}%"
    by_batch = Lot.select(Lot.item).where(Lot.batch**like)
    by_gtin = ItemGtin.select(ItemGtin.item).where(ItemGtin.gtin**like)
    return (
        (Item.code**like)
        | (Item.name**like)
        | (Item.name_en**like)
        | (Item.spec**like)
        | Item.id.in_(by_batch)
        | Item.id.in_(by_gtin)
    )


def item_totals(term: str = "", *, offset: int = 0, limit: int | None = None) -> list[ItemTotal]:
    """Active items (and any with stock) with their on-hand total, in code order."""
    stock = (
        Balance.select(
            Balance.item.alias("item_id"),
            pw.fn.SUM(Balance.qty).alias("qty"),
            pw.fn.COUNT(pw.fn.DISTINCT(Balance.lot)).alias("lots"),
            pw.fn.MIN(Lot.expiry).alias("earliest"),
        )
        .join(Lot, on=(Lot.id == Balance.lot))
        .where(Balance.qty > 0)
        .group_by(Balance.item)
        .alias("stock")
    )
    q = (
        Item.select(
            Item.id,
            Item.code,
            Item.name,
            Item.spec,
            Item.category,
            Item.base_unit,
            Item.packs,
            Item.hazard_class,
            pw.fn.COALESCE(stock.c.qty, 0).alias("qty"),
            pw.fn.COALESCE(stock.c.lots, 0).alias("lots"),
            stock.c.earliest.alias("earliest"),
        )
        .join(stock, pw.JOIN.LEFT_OUTER, on=(stock.c.item_id == Item.id))
        .where((Item.active == True) | (stock.c.qty > 0))  # noqa: E712
        .order_by(Item.code)
    )
    if term.strip():
        q = q.where(_search_items(term.strip()))
    if limit is not None:
        q = q.offset(offset).limit(limit)
    return [
        ItemTotal(
            r["id"],
            r["code"],
            r["name"],
            r["spec"],
            r["category"],
            r["base_unit"],
            r["packs"],
            r["hazard_class"],
            int(r["qty"]),
            int(r["lots"]),
            _as_date(r["earliest"]),
        )
        for r in q.dicts()
    ]


def count_items(term: str = "") -> int:
    q = Item.select(Item.id).where(
        (Item.active == True) | Item.id.in_(Balance.select(Balance.item).where(Balance.qty > 0))  # noqa: E712
    )
    if term.strip():
        q = q.where(_search_items(term.strip()))
    return q.count()


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def _stock_query() -> pw.ModelSelect:
    return (
        Balance.select(
            Item.id.alias("item_id"),
            Item.code,
            Item.name,
            Item.spec,
            Item.base_unit,
            Item.packs,
            Lot.id.alias("lot_id"),
            Lot.batch,
            Lot.production_date,
            Lot.expiry,
            Zone.code.alias("zone"),
            Slot.code.alias("slot"),
            Balance.qty,
        )
        .join(Lot, on=(Lot.id == Balance.lot))
        .switch(Balance)
        .join(Item, on=(Item.id == Balance.item))
        .switch(Balance)
        .join(Slot, on=(Slot.id == Balance.slot))
        .join(Zone)
        .where(Balance.qty > 0)
    )


def _stock_row(r: dict) -> StockRow:
    return StockRow(
        r["item_id"],
        r["code"],
        r["name"],
        r["spec"],
        r["base_unit"],
        r["packs"],
        r["lot_id"],
        r["batch"],
        _as_date(r["production_date"]),
        _as_date(r["expiry"]),
        r["zone"],
        r["slot"],
        r["qty"],
    )


def stock_rows(item_id: int | None = None) -> list[StockRow]:
    """On hand by item, lot and slot; zero rows left out. Earliest expiry first within an item."""
    q = _stock_query()
    if item_id is not None:
        q = q.where(Balance.item == item_id)
    q = q.order_by(Item.code, Lot.expiry.asc(nulls="LAST"), Lot.batch, Slot.code)
    return [_stock_row(r) for r in q.dicts()]


@dataclass(frozen=True)
class LedgerRow:
    entry_id: int
    voucher_id: int
    voucher_no: str
    voucher_type: str
    posted_at: datetime
    doc_date: date
    item_id: int
    item_code: str
    item_name: str
    unit: str
    lot_id: int
    batch: str
    expiry: date | None
    slot: str
    delta: int
    balance_after: int
    party: str | None
    party_id: int | None
    party_kind: str | None
    note: str


def _ledger_query() -> pw.ModelSelect:
    return (
        LedgerEntry.select(
            LedgerEntry.id,
            LedgerEntry.voucher,
            Voucher.number,
            Voucher.vtype,
            Voucher.doc_date,
            Voucher.note,
            LedgerEntry.posted_at,
            LedgerEntry.item,
            Item.code,
            Item.name,
            Item.base_unit,
            LedgerEntry.lot,
            Lot.batch,
            Lot.expiry,
            Slot.code.alias("slot_code"),
            LedgerEntry.delta,
            LedgerEntry.balance_after,
            LedgerEntry.party,
            Party.name.alias("party_name"),
            Party.kind.alias("party_kind"),
        )
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .switch(LedgerEntry)
        .join(Item, on=(Item.id == LedgerEntry.item))
        .switch(LedgerEntry)
        .join(Lot, on=(Lot.id == LedgerEntry.lot))
        .switch(LedgerEntry)
        .join(Slot, on=(Slot.id == LedgerEntry.slot))
        .switch(LedgerEntry)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Party.id == LedgerEntry.party))
    )


def _as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _ledger_row(r: dict) -> LedgerRow:
    return LedgerRow(
        r["id"],
        r["voucher"],
        r["number"],
        r["vtype"],
        _as_datetime(r["posted_at"]),
        _as_date(r["doc_date"]),  # type: ignore[arg-type]
        r["item"],
        r["code"],
        r["name"],
        r["base_unit"],
        r["lot"],
        r["batch"],
        _as_date(r["expiry"]),
        r["slot_code"],
        r["delta"],
        r["balance_after"],
        r["party_name"],
        r["party"],
        r["party_kind"],
        r["note"],
    )


def ledger_rows(item_code: str | None = None) -> list[LedgerRow]:
    """Every ledger entry in posting order, optionally for one item."""
    q = _ledger_query()
    if item_code:
        q = q.where(Item.code == item_code)
    return [_ledger_row(r) for r in q.order_by(LedgerEntry.id).dicts()]


@dataclass(frozen=True)
class CardRow:
    """One line of the stock card (物资台账): a voucher's net effect on the item or lot."""

    posted_at: datetime
    voucher_no: str
    voucher_type: str
    party: str | None
    batch: str
    slot: str
    qty_in: int
    qty_out: int
    balance: int
    note: str
    entry_id: int = 0  # the ledger entry (windows of the card are fetched by it)


def stock_card(item_id: int, lot_id: int | None = None) -> list[CardRow]:
    """Every movement of an item (or one lot) with the running balance of that item (or lot).

    Moves between slots show as an out and an in of the same quantity, so the balance is right
    after every line. The running balance is summed in posting order.
    """
    q = _ledger_query().where(_card_entries(item_id, lot_id))
    return _card_rows(q.order_by(LedgerEntry.id).dicts(), 0)


def _card_rows(rows: Iterable[dict], balance: int) -> list[CardRow]:
    """Card lines from ledger rows in posting order; `balance` is the balance before the first."""
    out: list[CardRow] = []
    for r in rows:
        delta = r["delta"]
        balance += delta
        out.append(
            CardRow(
                _as_datetime(r["posted_at"]),
                r["number"],
                r["vtype"],
                r["party_name"],
                r["batch"],
                r["slot_code"],
                delta if delta > 0 else 0,
                -delta if delta < 0 else 0,
                balance,
                r["note"],
                r["id"],
            )
        )
    return out


def _card_entries(item_id: int, lot_id: int | None) -> pw.Expression:
    where = LedgerEntry.item == item_id
    return where & (LedgerEntry.lot == lot_id) if lot_id is not None else where


def card_count(item_id: int, lot_id: int | None = None) -> int:
    """How many lines the stock card of an item (or one lot) has (read from an index only)."""
    return LedgerEntry.select(LedgerEntry.id).where(_card_entries(item_id, lot_id)).count()


@dataclass(frozen=True)
class CardAnchor:
    """A card line whose balance is known: its row number, ledger entry and balance after."""

    row: int
    entry_id: int
    balance: int


def _delta_sum(item_id: int, lot_id: int | None, where: pw.Expression) -> int:
    q = LedgerEntry.select(pw.fn.COALESCE(pw.fn.SUM(LedgerEntry.delta), 0))
    return int(q.where(_card_entries(item_id, lot_id) & where).scalar() or 0)


def card_window(
    item_id: int,
    lot_id: int | None,
    start: int,
    limit: int,
    *,
    total: int,
    closing: int,
    anchor: CardAnchor | None = None,
) -> list[CardRow]:
    """Lines start … start + limit of the stock card in posting order, with the running
    balance, without reading the whole card (ten years of an item are a quarter of a million
    lines). The balance before the window is worked out from the nearest known point: zero
    before the first line, `closing` (the stock on hand now) after the last, or `anchor`, a
    line shown before; only the lines between are summed. `total` is card_count()."""
    start = max(0, min(start, total))
    limit = max(0, min(limit, total - start))
    if limit == 0:
        return []
    entries = LedgerEntry.select(LedgerEntry.id).where(_card_entries(item_id, lot_id))
    if start > total - (start + limit):  # nearer the end: count back from the newest line
        found = entries.order_by(LedgerEntry.id.desc()).offset(total - (start + limit))
        ids = [r[0] for r in found.limit(limit).tuples()][::-1]
    else:
        ids = [r[0] for r in entries.order_by(LedgerEntry.id).offset(start).limit(limit).tuples()]
    first = ids[0]
    # The balance before the window, from whichever known point is fewest lines away.
    costs = {"start": start, "end": total - start}
    if anchor is not None:
        costs["anchor"] = abs(start - anchor.row)
    base = min(costs, key=costs.__getitem__)
    if base == "start":
        balance = _delta_sum(item_id, lot_id, LedgerEntry.id < first)
    elif base == "end":
        balance = closing - _delta_sum(item_id, lot_id, LedgerEntry.id >= first)
    elif anchor is not None and anchor.entry_id < first:
        between = (LedgerEntry.id > anchor.entry_id) & (LedgerEntry.id < first)
        balance = anchor.balance + _delta_sum(item_id, lot_id, between)
    else:
        assert anchor is not None
        between = (LedgerEntry.id >= first) & (LedgerEntry.id <= anchor.entry_id)
        balance = anchor.balance - _delta_sum(item_id, lot_id, between)
    rows = _ledger_query().where(LedgerEntry.id.in_(ids)).order_by(LedgerEntry.id).dicts()
    return _card_rows(rows, balance)


@dataclass(frozen=True)
class LastCount:
    """The latest posted stocktake as the stock page mentions it."""

    closed_at: datetime
    lines_total: int | None
    lines_matched: int | None


def last_count() -> LastCount | None:
    """When the books were last counted, and how many lines matched (one small read, so the
    stock page need not load the stocktake service and its spreadsheet library)."""
    from app.store.models import Stocktake

    row = (
        Stocktake.select(Stocktake.closed_at, Stocktake.lines_total, Stocktake.lines_matched)
        .where((Stocktake.status == "closed") & Stocktake.closed_at.is_null(False))
        .order_by(Stocktake.closed_at.desc(), Stocktake.id.desc())
        .tuples()
        .first()
    )
    return LastCount(_as_datetime(row[0]), row[1], row[2]) if row else None


def lots_of(item_id: int) -> list[Lot]:
    return list(Lot.select().where(Lot.item == item_id).order_by(Lot.expiry, Lot.batch))


# --- reads for the GUI: catalogue table, stock card header, screenshots ----------------------


@dataclass(frozen=True)
class CatalogueRow:
    """One item as the catalogue table and the item pickers show it."""

    item_id: int
    code: str
    name: str
    name_en: str
    spec: str
    category: str
    category_name: str
    category_name_en: str
    unit: str
    packs: str
    hazard_class: str
    standard: str
    requires_registration: bool
    min_shelf_life_days: int
    reusable: bool
    active: bool
    notes: str
    gtins: tuple[str, ...]


def _catalogue_query() -> pw.ModelSelect:
    from app.store.models import Category

    return Item.select(
        Item.id,
        Item.code,
        Item.name,
        Item.name_en,
        Item.spec,
        Item.category,
        Category.name.alias("category_name"),
        Category.name_en.alias("category_name_en"),
        Item.base_unit,
        Item.packs,
        Item.hazard_class,
        Item.standard,
        Item.requires_registration,
        Item.min_shelf_life_days,
        Item.reusable,
        Item.active,
        Item.notes,
    ).join(Category, on=(Category.code == Item.category))


def _catalogue_rows(q: pw.ModelSelect) -> list[CatalogueRow]:
    rows = list(q.dicts())
    gtins: dict[int, list[str]] = {r["id"]: [] for r in rows}
    if rows:
        found = (
            ItemGtin.select(ItemGtin.item, ItemGtin.gtin)
            .where(ItemGtin.item.in_(list(gtins)))
            .order_by(ItemGtin.id)
            .tuples()
        )
        for item_id, gtin in found:
            gtins[item_id].append(gtin)
    return [
        CatalogueRow(
            r["id"],
            r["code"],
            r["name"],
            r["name_en"],
            r["spec"],
            r["category"],
            r["category_name"],
            r["category_name_en"],
            r["base_unit"],
            r["packs"],
            r["hazard_class"],
            r["standard"],
            bool(r["requires_registration"]),
            int(r["min_shelf_life_days"]),
            bool(r["reusable"]),
            bool(r["active"]),
            r["notes"],
            tuple(gtins[r["id"]]),
        )
        for r in rows
    ]


def catalogue_rows(term: str = "") -> list[CatalogueRow]:
    """Every item in code order, with category names and GTINs; `term` as in item_totals."""
    q = _catalogue_query().order_by(Item.code)
    if term.strip():
        q = q.where(_search_items(term.strip()))
    return _catalogue_rows(q)


def catalogue_row(item_id: int) -> CatalogueRow | None:
    found = _catalogue_rows(_catalogue_query().where(Item.id == item_id))
    return found[0] if found else None


def on_hand(item_id: int, lot_id: int | None = None) -> int:
    """Current quantity of an item (or one of its lots) over all slots, in base units."""
    q = Balance.select(pw.fn.COALESCE(pw.fn.SUM(Balance.qty), 0)).where(Balance.item == item_id)
    if lot_id is not None:
        q = q.where(Balance.lot == lot_id)
    return int(q.scalar() or 0)


def busiest_item_id() -> int | None:
    """The item with the most ledger entries (what a screenshot of the stock card shows)."""
    row = (
        LedgerEntry.select(LedgerEntry.item, pw.fn.COUNT(LedgerEntry.id).alias("n"))
        .group_by(LedgerEntry.item)
        .order_by(pw.SQL("n").desc(), LedgerEntry.item)
        .limit(1)
        .tuples()
        .first()
    )
    return row[0] if row else None
