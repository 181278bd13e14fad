"""Lists of what came in and went out: receipts, donations, issues by department and person,
limit overrides, write-offs and loans."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import peewee as pw

from app.domain import allowance, codes
from app.domain.i18n import pick
from app.domain.inspection import label as reject_label
from app.domain.outbound import label as outbound_label
from app.domain.progress import Progress
from app.services import issuing
from app.services.reports.base import (
    Content,
    Params,
    as_date,
    department_of,
    item_facts,
    item_fields,
    money,
    party_names,
)
from app.store.models import (
    IssueRule,
    Item,
    LedgerEntry,
    Loan,
    LoanReturn,
    Lot,
    Party,
    ReceiptLine,
    Signature,
    Voucher,
    VoucherLine,
)


def _querying(progress: Progress) -> None:
    progress(0, 0, pick("正在查询…", "Reading…"))


def _reversed_by() -> dict[int, str]:
    """{voucher id: number of the reversal that undid it}."""
    q = Voucher.select(Voucher.reverses, Voucher.number).where(Voucher.reverses.is_null(False))
    return {vid: number or "" for vid, number in q.tuples()}


def _receipt_lines(p: Params, source: str | None = None) -> list[dict[str, Any]]:
    q = (
        ReceiptLine.select(
            ReceiptLine.line_no,
            ReceiptLine.accepted_qty,
            ReceiptLine.rejected_qty,
            ReceiptLine.reject_reason,
            ReceiptLine.unit_price,
            ReceiptLine.batch,
            ReceiptLine.expiry,
            ReceiptLine.spec.alias("line_spec"),
            ReceiptLine.item.alias("item_id"),
            Voucher.id.alias("voucher_id"),
            Voucher.number,
            Voucher.doc_date,
            Voucher.source,
            Item.code,
            Item.name,
            Item.spec,
            Item.base_unit,
            Party.name.alias("party"),
        )
        .join(Voucher, on=(Voucher.id == ReceiptLine.voucher))
        .switch(ReceiptLine)
        .join(Item, on=(Item.id == ReceiptLine.item))
        .switch(Voucher)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Party.id == Voucher.party))
        .where(
            (Voucher.vtype == "receipt")
            & (Voucher.status == "posted")
            & (Voucher.doc_date >= p.start)
            & (Voucher.doc_date <= p.end)
        )
        .order_by(Voucher.doc_date, Voucher.id, ReceiptLine.line_no)
    )
    if source is not None:
        q = q.where(Voucher.source == source)
    if p.item_id is not None:
        q = q.where(ReceiptLine.item == p.item_id)
    return list(q.dicts())


def _receipt_totals(rows: list[dict[str, Any]], p: Params) -> dict[str, Any]:
    """The sum of what counts (reversed lines are shown but not added up); quantities only for
    one item, since 只 and 瓶 do not add."""
    counted = [r for r in rows if not r.get("_reversed")]
    totals: dict[str, Any] = {
        "amount": sum((r["amount"] for r in counted if r["amount"] is not None), Decimal("0.00"))
    }
    if p.item_id is not None:
        totals["qty"] = sum(r["qty"] for r in counted)
    return totals


def receipts(p: Params, progress: Progress) -> Content:
    """入库明细: every accepted receipt line with its source, supplier, batch, price and amount."""
    _querying(progress)
    undone = _reversed_by()
    rows = []
    for r in _receipt_lines(p):
        notes = []
        if r["rejected_qty"]:
            why = reject_label(r["reject_reason"])
            notes.append(
                pick(
                    f"拒收 {r['rejected_qty']:,}（{why}）", f"refused {r['rejected_qty']:,} ({why})"
                )
            )
        if r["voucher_id"] in undone:
            notes.append(
                pick(f"已冲销 {undone[r['voucher_id']]}", f"reversed by {undone[r['voucher_id']]}")
            )
        rows.append(
            {
                "date": as_date(r["doc_date"]),
                "voucher": r["number"] or "",
                "source": codes.label(r["source"]),
                "party": r["party"] or "",
                "code": r["code"],
                "name": r["name"],
                "spec": r["line_spec"] or r["spec"],
                "batch": r["batch"],
                "expiry": as_date(r["expiry"]),
                "unit": r["base_unit"],
                "qty": r["accepted_qty"],
                "price": r["unit_price"],
                "amount": money(r["accepted_qty"], r["unit_price"]),
                "note": "；".join(notes),
                "_reversed": r["voucher_id"] in undone,
            }
        )
    content = Content(rows={"lines": rows}, totals={"lines": _receipt_totals(rows, p)})
    if p.item_id is not None:
        content.fields = item_fields(p.item_id)
    return content


def donation_rows(p: Params) -> list[dict[str, Any]]:
    """Accepted donated lines (reversed receipts left out): donor, item, quantity, value."""
    undone = _reversed_by()
    return [
        {
            "date": as_date(r["doc_date"]),
            "voucher": r["number"] or "",
            "donor": r["party"] or "",
            "party": r["party"] or "",
            "code": r["code"],
            "name": r["name"],
            "spec": r["line_spec"] or r["spec"],
            "unit": r["base_unit"],
            "qty": r["accepted_qty"],
            "price": r["unit_price"],
            "amount": money(r["accepted_qty"], r["unit_price"]),
            "batch": r["batch"],
            "expiry": as_date(r["expiry"]),
        }
        for r in _receipt_lines(p, "donation")
        if r["voucher_id"] not in undone and r["accepted_qty"] > 0
    ]


def donations(p: Params, progress: Progress) -> Content:
    """接受捐赠清单: donor, item, quantity and value of every donation received."""
    _querying(progress)
    rows = donation_rows(p)
    content = Content(rows={"lines": rows}, totals={"lines": _receipt_totals(rows, p)})
    donors = len({r["donor"] for r in rows})
    content.fields = [(pick("捐赠方", "Donors"), f"{donors}")]
    if p.item_id is not None:
        content.fields = item_fields(p.item_id) + content.fields
    return content


def _issue_filter(p: Params) -> tuple[pw.ModelAlias, pw.Expression]:
    original = Voucher.alias("original")
    cond = (
        ((Voucher.vtype == "issue") | ((Voucher.vtype == "reversal") & (original.vtype == "issue")))
        & (Voucher.doc_date >= p.start)
        & (Voucher.doc_date <= p.end)
    )
    if p.item_id is not None:
        cond &= LedgerEntry.item == p.item_id
    return original, cond


def _times() -> Any:
    """Issue vouchers less the reversals that undid them: how many times stock went out."""
    issued = pw.fn.COUNT(
        pw.fn.DISTINCT(pw.Case(None, [(Voucher.vtype == "issue", Voucher.id)], None))
    )
    undone = pw.fn.COUNT(
        pw.fn.DISTINCT(pw.Case(None, [(Voucher.vtype == "reversal", Voucher.id)], None))
    )
    return issued - undone


def issue_totals(p: Params) -> list[tuple[int | None, int | None, int, int, int]]:
    """(voucher party, line receiver, item id, quantity, times) of issues in the period, net of
    reversals, summed in SQL."""
    original, cond = _issue_filter(p)
    q = (
        LedgerEntry.select(
            Voucher.party,
            LedgerEntry.party,
            LedgerEntry.item,
            pw.fn.SUM(LedgerEntry.delta) * -1,  # out of the store is a negative delta
            _times(),
        )
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .join(original, pw.JOIN.LEFT_OUTER, on=(original.id == Voucher.reverses))
        .where(cond)
        .group_by(Voucher.party, LedgerEntry.party, LedgerEntry.item)
    )
    return [(a, b, c, int(d or 0), int(e or 0)) for a, b, c, d, e in q.tuples()]


def _times_by_receiver(p: Params) -> dict[tuple[int | None, int], int]:
    """{(voucher party, item id): times issued} — one voucher to a class counts once."""
    original, cond = _issue_filter(p)
    q = (
        LedgerEntry.select(Voucher.party, LedgerEntry.item, _times())
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .join(original, pw.JOIN.LEFT_OUTER, on=(original.id == Voucher.reverses))
        .where(cond)
        .group_by(Voucher.party, LedgerEntry.item)
    )
    return {(party, item): int(n or 0) for party, item, n in q.tuples()}


def issues(p: Params, progress: Progress) -> Content:
    """出库发放汇总: what each department and each person received in the period."""
    _querying(progress)
    found = issue_totals(p)
    parties = party_names({a for a, _b, _c, _d, _e in found} | {b for _a, b, _c, _d, _e in found})
    parties.update(party_names({q.department_id for q in parties.values() if q.department_id}))
    facts = item_facts(sorted({c for _a, _b, c, _d, _e in found}))

    def dept_of(party_id: int | None) -> tuple[int, str]:
        party = parties.get(party_id) if party_id else None
        if party is None:
            return (0, pick("（未指定）", "(none)"))
        if party.kind == "department":
            return (party.id, party.name)
        dept = parties.get(party.department_id) if party.department_id else None
        return (dept.id, dept.name) if dept else (party.id, party.name)

    people: dict[tuple, list[int]] = {}
    for to, person, item_id, qty, times in found:
        receiver = person or to
        key = (dept_of(receiver), receiver, item_id)
        cur = people.setdefault(key, [0, 0])
        cur[0] += qty
        cur[1] += times
    by_dept: dict[tuple, list[Any]] = {}
    for (dept, receiver, item_id), (qty, _n) in people.items():
        if qty == 0:
            continue
        cur = by_dept.setdefault((dept, item_id), [0, set(), 0])
        cur[0] += qty
        cur[1].add(receiver)
    for (to, item_id), n in _times_by_receiver(p).items():
        key = (dept_of(to), item_id)
        if key in by_dept:
            by_dept[key][2] += n

    def item_key(item_id: int) -> tuple:
        f = facts[item_id]
        return (f["code"],)

    dept_rows = [
        {
            "department": dept[1],
            "code": facts[item_id]["code"],
            "name": facts[item_id]["name"],
            "unit": facts[item_id]["base_unit"],
            "qty": qty,
            "people": len(receivers),
            "times": times,
        }
        for (dept, item_id), (qty, receivers, times) in sorted(
            by_dept.items(), key=lambda kv: (kv[0][0][0], item_key(kv[0][1]))
        )
    ]
    person_rows = []
    for (dept, receiver, item_id), (qty, times) in sorted(
        people.items(), key=lambda kv: (kv[0][0][0], _name(parties, kv[0][1]), item_key(kv[0][2]))
    ):
        if qty == 0:
            continue
        party = parties.get(receiver) if receiver else None
        person_rows.append(
            {
                "department": dept[1],
                "person": party.name if party else "",
                "staff_no": (party.staff_no or "") if party else "",
                "code": facts[item_id]["code"],
                "name": facts[item_id]["name"],
                "unit": facts[item_id]["base_unit"],
                "qty": qty,
                "times": times,
            }
        )
    content = Content(rows={"departments": dept_rows, "people": person_rows})
    if p.item_id is not None:
        content.fields = item_fields(p.item_id)
        content.totals = {
            "departments": {"qty": sum(r["qty"] for r in dept_rows)},
            "people": {"qty": sum(r["qty"] for r in person_rows)},
        }
    return content


def _name(parties: dict[int, Party], party_id: int | None) -> str:
    party = parties.get(party_id) if party_id else None
    return (party.staff_no or party.name) if party else ""


def overrides(p: Params, progress: Progress) -> Content:
    """超标准领用审批记录: every issue an approver let through over a limit, and why."""
    _querying(progress)
    rules = {r.code: r for r in IssueRule.select()}
    rows = []
    for o in sorted(issuing.overrides(p.start, p.end), key=lambda o: (o.doc_date, o.at)):
        rule = rules.get(o.rule_code)
        rows.append(
            {
                "date": o.doc_date,
                "voucher": o.voucher,
                "person": o.person,
                "rule": pick(rule.name, rule.name_en or rule.name) if rule else o.rule_code,
                "kind": allowance.label(o.kind),
                "used": o.used,
                "wanted": o.wanted,
                "allowed": o.allowed if o.kind == "over_limit" else None,
                "period": allowance.label(o.period),
                "approver": o.approver,
                "reason": o.reason,
            }
        )
    return Content(rows={"overrides": rows})


def _lot_prices(lot_ids: list[int]) -> dict[int, Decimal]:
    """The unit price each lot was received at (the first priced receipt line of the lot)."""
    q = (
        ReceiptLine.select(ReceiptLine.lot, ReceiptLine.unit_price)
        .where(ReceiptLine.lot.in_(lot_ids) & ReceiptLine.unit_price.is_null(False))
        .order_by(ReceiptLine.id.desc())
    )
    return {lot: Decimal(str(price)) for lot, price in q.tuples()}


def write_offs(p: Params, progress: Progress) -> Content:
    """报损明细: each written-off lot, why, its value and who approved it."""
    _querying(progress)
    q = (
        VoucherLine.select(
            VoucherLine.qty,
            VoucherLine.lot.alias("lot_id"),
            Voucher.id.alias("voucher_id"),
            Voucher.number,
            Voucher.doc_date,
            Voucher.reason,
            Voucher.note,
            Item.code,
            Item.name,
            Item.base_unit,
            Lot.batch,
            Lot.expiry,
        )
        .join(Voucher, on=(Voucher.id == VoucherLine.voucher))
        .switch(VoucherLine)
        .join(Item, on=(Item.id == VoucherLine.item))
        .switch(VoucherLine)
        .join(Lot, on=(Lot.id == VoucherLine.lot))
        .where(
            (Voucher.vtype == "write_off")
            & (Voucher.status == "posted")
            & (Voucher.doc_date >= p.start)
            & (Voucher.doc_date <= p.end)
        )
        .order_by(Voucher.doc_date, Voucher.id, VoucherLine.line_no)
    )
    if p.item_id is not None:
        q = q.where(VoucherLine.item == p.item_id)
    found = list(q.dicts())
    prices = _lot_prices(sorted({r["lot_id"] for r in found}))
    approvers = {
        vid: name
        for vid, name in Signature.select(Signature.voucher, Signature.signer_name)
        .where(
            Signature.voucher.in_(sorted({r["voucher_id"] for r in found}))
            & (Signature.role == "approver")
        )
        .tuples()
    }
    undone = _reversed_by()
    rows = []
    for r in found:
        note = r["note"]
        if r["voucher_id"] in undone:
            note = f"{note}；{pick('已冲销', 'reversed by')} {undone[r['voucher_id']]}".lstrip("；")
        rows.append(
            {
                "date": as_date(r["doc_date"]),
                "voucher": r["number"] or "",
                "code": r["code"],
                "name": r["name"],
                "batch": r["batch"],
                "expiry": as_date(r["expiry"]),
                "unit": r["base_unit"],
                "qty": r["qty"],
                "amount": money(r["qty"], prices.get(r["lot_id"])),
                "reason": outbound_label(r["reason"]),
                "note": note,
                "approver": approvers.get(r["voucher_id"], ""),
                "_reversed": r["voucher_id"] in undone,
            }
        )
    counted = [r for r in rows if not r["_reversed"]]
    totals: dict[str, Any] = {
        "amount": sum((r["amount"] for r in counted if r["amount"] is not None), Decimal("0.00"))
    }
    if p.item_id is not None:
        totals["qty"] = sum(r["qty"] for r in counted)
    content = Content(rows={"lines": rows}, totals={"lines": totals})
    if p.item_id is not None:
        content.fields = item_fields(p.item_id)
    return content


def loans(p: Params, progress: Progress) -> Content:
    """借用登记: loans that were out at any time in the period, what came back, what is late."""
    _querying(progress)
    q = (
        Loan.select(Loan, Voucher)
        .join(Voucher)
        .where(
            (Voucher.doc_date <= p.end)
            & (
                (Voucher.doc_date >= p.start)
                | (Loan.status == "open")
                | (Loan.closed_on >= p.start)
            )
        )
        .order_by(Voucher.doc_date, Loan.id)
    )
    found = list(q)
    lines: dict[int, list[VoucherLine]] = defaultdict(list)
    line_q = (
        VoucherLine.select(VoucherLine, Item, Lot)
        .join(Item)
        .switch(VoucherLine)
        .join(Lot)
        .where(VoucherLine.voucher.in_([loan.voucher_id for loan in found]))
        .order_by(VoucherLine.line_no)
    )
    if p.item_id is not None:
        line_q = line_q.where(VoucherLine.item == p.item_id)
    for ln in line_q:
        lines[ln.voucher_id].append(ln)
    back: dict[int, int] = defaultdict(int)
    lost: dict[int, int] = defaultdict(int)
    for r in LoanReturn.select().where(
        LoanReturn.loan.in_([loan.id for loan in found]) & (LoanReturn.returned_on <= p.end)
    ):
        (lost if r.condition == "lost" else back)[r.loan_line_id] += r.qty
    parties = party_names({loan.borrower_id for loan in found})
    parties.update(party_names({b.department_id for b in parties.values() if b.department_id}))
    today = p.end
    rows = []
    for loan in found:
        borrower = parties.get(loan.borrower_id)
        for ln in lines[loan.voucher_id]:
            out = ln.qty - back[ln.id] - lost[ln.id]
            if out > 0 and loan.due_date < today:
                status = pick(
                    f"逾期 {(today - loan.due_date).days} 天",
                    f"{(today - loan.due_date).days} days late",
                )
            elif out > 0:
                status = outbound_label("open")
            else:
                status = outbound_label("returned")
            if lost[ln.id]:
                status += pick(f"，丢失 {lost[ln.id]}", f", {lost[ln.id]} lost")
            rows.append(
                {
                    "voucher": loan.voucher.number or "",
                    "lent_on": loan.voucher.doc_date,
                    "borrower": borrower.name if borrower else "",
                    "department": department_of(borrower, parties)
                    if borrower and borrower.kind != "department"
                    else "",
                    "name": ln.item.name,
                    "batch": ln.lot.batch,
                    "unit": ln.item.base_unit,
                    "lent": ln.qty,
                    "back": back[ln.id],
                    "out": out,
                    "due": loan.due_date,
                    "status": status,
                    "approver": loan.approver_name,
                    "purpose": loan.purpose,
                }
            )
    content = Content(rows={"lines": rows})
    if p.item_id is not None:
        content.fields = item_fields(p.item_id)
    return content
