"""Stock reports: the stock card (物资台账), receipts-issues-balances (收发存汇总), lot trace."""

from __future__ import annotations

from typing import Any

import peewee as pw

from app.domain import codes
from app.domain.i18n import pick
from app.domain.outbound import label as outbound_label
from app.domain.progress import Progress
from app.services import lots
from app.services.reports.base import (
    Content,
    Params,
    as_date,
    category_name,
    category_order,
    in_out,
    in_out_sql,
    item_facts,
    item_fields,
    nets,
    voucher_note,
)
from app.store.database import db
from app.store.models import Balance, LedgerEntry, Lot, Party, Voucher


def _querying(progress: Progress) -> None:
    progress(0, 0, pick("正在查询账目…", "Reading the books…"))


def balance_before(item_id: int, day: Any, lot_id: int | None = None) -> int:
    """The item's (or lot's) stock at the start of `day`: every change dated before it."""
    q = (
        LedgerEntry.select(pw.fn.COALESCE(pw.fn.SUM(LedgerEntry.delta), 0))
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .where((LedgerEntry.item == item_id) & (Voucher.doc_date < day))
    )
    if lot_id is not None:
        q = q.where(LedgerEntry.lot == lot_id)
    return int(q.scalar() or 0)


def ledger_card(p: Params, progress: Progress) -> Content:
    """物资台账: the opening balance, then each voucher's net change of the item (or lot) by date,
    with the running balance; moves between slots leave the balance alone and are left out."""
    assert p.item_id is not None
    _querying(progress)
    opening = balance_before(p.item_id, p.start, p.lot_id)
    q = (
        nets(p.end)
        .select_extend(
            Voucher.number,
            Voucher.source,
            Voucher.reference,
            Voucher.note,
            Lot.batch,
            Party.name.alias("party"),
        )
        .switch(LedgerEntry)
        .join(Lot, on=(Lot.id == LedgerEntry.lot))
        .switch(Voucher)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Party.id == Voucher.party))
        .where((LedgerEntry.item == p.item_id) & (Voucher.doc_date >= p.start))
        .group_by_extend(
            Voucher.number, Voucher.source, Voucher.reference, Voucher.note, Lot.batch, Party.name
        )
        .having(pw.fn.SUM(LedgerEntry.delta) != 0)
        .order_by(Voucher.doc_date, pw.fn.MIN(LedgerEntry.id))
    )
    if p.lot_id is not None:
        q = q.where(LedgerEntry.lot == p.lot_id)
    balance = opening
    rows: list[dict[str, Any]] = [
        {
            "date": p.start,
            "type": pick("期初结存", "Opening balance"),
            "balance": opening,
        }
    ]
    total_in = total_out = 0
    for r in q.dicts():
        qty_in, qty_out = in_out(r["vtype"], int(r["net"]))
        balance += int(r["net"])
        total_in += qty_in
        total_out += qty_out
        rows.append(
            {
                "date": as_date(r["doc_date"]),
                "voucher": r["number"] or "",
                "type": codes.label(r["vtype"]),
                "party": r["party"] or "",
                "batch": r["batch"],
                "qty_in": qty_in or None,
                "qty_out": qty_out or None,
                "balance": balance,
                "note": voucher_note(r["vtype"], r["source"], r["reference"], r["note"]),
            }
        )
    return Content(
        rows={"entries": rows},
        totals={"entries": {"qty_in": total_in, "qty_out": total_out, "balance": balance}},
        totals_label={"entries": pick("本期合计", "Period total")},
        fields=item_fields(p.item_id, p.lot_id),
    )


def _on_hand(item_id: int | None = None) -> dict[int, int]:
    q = Balance.select(Balance.item, pw.fn.SUM(Balance.qty)).group_by(Balance.item)
    if item_id is not None:
        q = q.where(Balance.item == item_id)
    return {i: int(qty or 0) for i, qty in q.tuples()}


def summary_rows(p: Params) -> dict[int, tuple[int, int, int, int]]:
    """{item id: (opening, in, out, closing)} for the period.

    Counted back from the stock on hand (kept by the ledger, checked by `verify`): opening = on
    hand − every change dated from the start on. Through the voucher-date index only the
    entries from the start of the period are read, however long the books are.
    """
    sub = nets().where(Voucher.doc_date >= p.start)
    if p.item_id is not None:
        sub = sub.where(LedgerEntry.item == p.item_id)
    sub = sub.alias("n")
    qty_in, qty_out = in_out_sql(sub)
    inside = sub.c.doc_date <= p.end.isoformat()
    after = sub.c.doc_date > p.end.isoformat()

    def total(expr: Any, when: Any) -> Any:
        return pw.fn.COALESCE(pw.fn.SUM(pw.Case(None, [(when, expr)], 0)), 0)

    q = (
        pw.Select(
            from_list=[sub],
            columns=[
                sub.c.item_id,
                pw.fn.COALESCE(pw.fn.SUM(sub.c.net), 0),
                total(qty_in, inside),
                total(qty_out, inside),
                total(sub.c.net, after),
            ],
        )
        .group_by(sub.c.item_id)
        .bind(db)
    )
    changes = {row[0]: [int(v) for v in row[1:]] for row in q.tuples()}
    now = _on_hand(p.item_id)
    out = {}
    for item_id in set(now) | set(changes):
        since, qty_in_, qty_out_, later = changes.get(item_id, (0, 0, 0, 0))
        on_hand = now.get(item_id, 0)
        out[item_id] = (on_hand - since, qty_in_, qty_out_, on_hand - later)
    return out


def in_out_summary(p: Params, progress: Progress) -> Content:
    """收发存汇总: by category and item, opening + in − out = closing over the period."""
    _querying(progress)
    found = summary_rows(p)
    facts = item_facts([p.item_id] if p.item_id is not None else None)
    rows = []
    for item_id, f in sorted(facts.items(), key=lambda kv: category_order(kv[1])):
        opening, qty_in, qty_out, closing = found.get(item_id, (0, 0, 0, 0))
        if not (opening or qty_in or qty_out or closing) and p.item_id is None:
            continue  # an item the period never touched and that holds nothing
        rows.append(
            {
                "category": category_name(f),
                "code": f["code"],
                "name": f["name"],
                "spec": f["spec"],
                "unit": f["base_unit"],
                "opening": opening,
                "qty_in": qty_in,
                "qty_out": qty_out,
                "closing": closing,
            }
        )
    content = Content(rows={"items": rows})
    if p.item_id is not None:
        content.fields = item_fields(p.item_id)
    return content


def lot_trace(p: Params, progress: Progress) -> Content:
    """批次追溯: where a lot came from, everyone who received it, and every movement."""
    assert p.lot_id is not None
    _querying(progress)
    t = lots.trace(p.lot_id)
    reversed_note = pick("已冲销", "reversed")
    sources = [
        {
            "date": m.doc_date,
            "voucher": m.voucher,
            "source": codes.label(m.source) if m.source else codes.label(m.vtype),
            "party": m.party,
            "slot": m.slot,
            "qty": m.delta,
            "note": reversed_note if m.reversed else "",
        }
        for m in t.sources
    ]
    receivers = [
        {
            "department": r.department,
            "party": r.party,
            "kind": codes.label(r.party_kind),
            "first": r.first,
            "last": r.last,
            "qty": r.qty,
        }
        for r in t.receivers
    ]
    movements = []
    for m in t.movements:
        qty_in, qty_out = (m.delta, 0) if m.delta > 0 else (0, -m.delta)
        movements.append(
            {
                "date": m.doc_date,
                "voucher": m.voucher,
                "type": codes.label(m.vtype),
                "party": m.party,
                "department": m.department,
                "slot": m.slot,
                "qty_in": qty_in or None,
                "qty_out": qty_out or None,
                "note": reversed_note if m.reversed else "",
            }
        )
    fields = item_fields(Lot.get_by_id(p.lot_id).item_id, p.lot_id)
    if t.production_date:
        fields.append((pick("生产日期", "Produced"), t.production_date.isoformat()))
    fields += [
        (pick("入库合计", "Received"), f"{t.received:,}"),
        (pick("发放合计", "Given out"), f"{t.given_out:,}"),
        (pick("现存", "On hand"), f"{sum(q for _s, q in t.on_hand):,}"),
    ]
    active = [h for h in t.holds if h.released_at is None]
    if active:
        h = active[-1]
        fields.append((pick("冻结", "On hold"), f"{outbound_label(h.reason)} {h.note}".strip()))
    return Content(
        rows={"sources": sources, "receivers": receivers, "movements": movements},
        totals={
            "sources": {"qty": sum(r["qty"] for r in sources)},
            "receivers": {"qty": sum(r["qty"] for r in receivers)},
        },
        fields=fields,
    )


def closing_by_item(end: Any) -> dict[int, int]:
    """Stock of every item at the end of `end` (a date): on hand less what came after."""
    # Grouped by item_id + 0: grouped by the bare column, SQLite walks the item index through
    # every entry of the books instead of finding the few recent ones by the voucher date.
    by_item = LedgerEntry.item + 0
    q = (
        LedgerEntry.select(by_item, pw.fn.SUM(LedgerEntry.delta))
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .where(Voucher.doc_date > end)
        .group_by(by_item)
    )
    later = {item_id: int(qty or 0) for item_id, qty in q.tuples()}
    now = _on_hand()
    return {i: now.get(i, 0) - later.get(i, 0) for i in set(now) | set(later)}
