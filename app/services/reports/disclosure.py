"""公开公示: the purchase, allocation, stock and donation lists posted for staff and parents.

Only what the plans ask to publish: no prices of single lines, no names of individual staff —
allocations go out by department.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import peewee as pw

from app.domain import codes
from app.domain.i18n import pick
from app.domain.progress import Progress
from app.services.reports.base import (
    Content,
    Params,
    as_date,
    category_name,
    category_order,
    item_facts,
    money,
    party_names,
)
from app.services.reports.movements import donation_rows, issue_totals
from app.services.reports.stock import closing_by_item
from app.store.models import Item, Party, ReceiptLine, Voucher


def _received(p: Params, sources: tuple[str, ...]) -> list[dict[str, Any]]:
    """Accepted receipt lines of these sources in the period, reversed receipts left out."""
    undone = Voucher.select(Voucher.reverses).where(Voucher.reverses.is_null(False))
    q = (
        ReceiptLine.select(
            Voucher.doc_date,
            Voucher.source,
            Party.name.alias("party"),
            ReceiptLine.item.alias("item_id"),
            ReceiptLine.accepted_qty,
            ReceiptLine.unit_price,
            Item.name,
            Item.spec,
            Item.base_unit,
        )
        .join(Voucher, on=(Voucher.id == ReceiptLine.voucher))
        .switch(ReceiptLine)
        .join(Item, on=(Item.id == ReceiptLine.item))
        .switch(Voucher)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Party.id == Voucher.party))
        .where(
            (Voucher.vtype == "receipt")
            & (Voucher.status == "posted")
            & Voucher.source.in_(sources)
            & Voucher.id.not_in(undone)
            & (ReceiptLine.accepted_qty > 0)
            & (Voucher.doc_date >= p.start)
            & (Voucher.doc_date <= p.end)
        )
        .order_by(Voucher.doc_date, Voucher.id, ReceiptLine.line_no)
    )
    return list(q.dicts())


def _amount_total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"amount": sum((r["amount"] for r in rows if r["amount"] is not None), Decimal("0.00"))}


def disclosure(p: Params, progress: Progress) -> Content:
    progress(0, 4, pick("正在整理公示清单…", "Putting the lists together…"))
    purchases = [
        {
            "date": as_date(r["doc_date"]),
            "party": r["party"] or "",
            "name": r["name"],
            "spec": r["spec"],
            "unit": r["base_unit"],
            "qty": r["accepted_qty"],
            "amount": money(r["accepted_qty"], r["unit_price"]),
        }
        for r in _received(p, ("purchase",))
    ]
    progress(1, 4, "")

    # Allocations: what the higher office (or a neighbour) sent, then what went to each
    # department, summed per item.
    inbound: dict[tuple, int] = defaultdict(int)
    for r in _received(p, ("allocation", "transfer_in")):
        inbound[(codes.label(r["source"]), r["party"] or "", r["item_id"])] += r["accepted_qty"]
    found = issue_totals(p)
    parties = party_names({a for a, *_ in found} | {b for _a, b, *_ in found})
    parties.update(party_names({q.department_id for q in parties.values() if q.department_id}))
    outbound: dict[tuple, int] = defaultdict(int)
    for to, person, item_id, qty, _times in found:
        party = parties.get(person or to) if (person or to) else None
        if party is not None and party.kind != "department" and party.department_id:
            party = parties.get(party.department_id, party)
        outbound[(party.id if party else 0, party.name if party else "", item_id)] += qty
    facts = item_facts()
    allocations = [
        {
            "direction": direction,
            "party": party,
            "name": facts[item_id]["name"],
            "spec": facts[item_id]["spec"],
            "unit": facts[item_id]["base_unit"],
            "qty": qty,
        }
        for (direction, party, item_id), qty in sorted(
            inbound.items(), key=lambda kv: (kv[0][0], kv[0][1], facts[kv[0][2]]["code"])
        )
        if qty
    ]
    given = pick("发放至部门/班级", "Issued to departments")
    allocations += [
        {
            "direction": given,
            "party": name,
            "name": facts[item_id]["name"],
            "spec": facts[item_id]["spec"],
            "unit": facts[item_id]["base_unit"],
            "qty": qty,
        }
        for (_pid, name, item_id), qty in sorted(
            outbound.items(), key=lambda kv: (kv[0][0], facts[kv[0][2]]["code"])
        )
        if qty
    ]
    progress(2, 4, "")

    closing = closing_by_item(p.end)
    stock = [
        {
            "category": category_name(f),
            "name": f["name"],
            "spec": f["spec"],
            "unit": f["base_unit"],
            "qty": closing[item_id],
        }
        for item_id, f in sorted(facts.items(), key=lambda kv: category_order(kv[1]))
        if closing.get(item_id, 0) > 0
    ]
    progress(3, 4, "")

    donations = donation_rows(p)
    return Content(
        rows={
            "purchases": purchases,
            "allocations": allocations,
            "stock": stock,
            "donations": donations,
        },
        totals={"purchases": _amount_total(purchases), "donations": _amount_total(donations)},
        fields=[(pick("库存截至", "Stock as of"), p.end.isoformat())],
    )
