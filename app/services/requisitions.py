"""Requisitions (申领): a department asks, an approver approves all, part or none, the storekeeper
issues against it in one go or in parts; what is still outstanding is visible to all three.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.domain.errors import AuthError, BadInput, NotFound
from app.services import audit, issuing, ledger
from app.services.issuing import OverrideApproval, Want
from app.services.signatures import SignatureInput
from app.store.database import write_transaction
from app.store.models import (
    Account,
    Item,
    Party,
    Requisition,
    RequisitionLine,
    Voucher,
    VoucherLine,
    now,
)

OPEN = ("approved", "partial")


@dataclass(frozen=True)
class Ask:
    item_id: int
    qty: int  # base units
    note: str = ""


def submit(
    department_id: int,
    asks: Sequence[Ask],
    *,
    reason: str,
    requested_by: int | None = None,
    on: date | None = None,
    by: int | None = None,
) -> Requisition:
    """A department's request: what, how many, why."""
    on = on or date.today()
    reason = reason.strip()
    if not reason:
        raise BadInput("请填写申领理由", "Say why the items are needed", field="reason")
    if not asks:
        raise BadInput("请至少填写一种物资", "Ask for at least one item", field="lines")
    seen = set()
    for i, a in enumerate(asks, start=1):
        if a.qty <= 0:
            raise BadInput(
                f"第 {i} 行数量必须大于 0",
                f"Line {i}: the quantity must be more than 0",
                field=f"line:{i}:qty",
            )
        if a.item_id in seen:
            raise BadInput(
                f"第 {i} 行的物资重复",
                f"Line {i}: the item is asked for twice",
                field=f"line:{i}:item",
            )
        seen.add(a.item_id)
    with write_transaction():
        dept = Party.get_or_none(Party.id == department_id)
        if dept is None or dept.kind != "department" or not dept.active:
            raise BadInput(
                "请选择申领的部门或班级", "Choose the asking department", field="department"
            )
        last = (
            Requisition.select(pw.fn.COUNT(Requisition.id))
            .where(Requisition.number.startswith(f"SL-{on.year}-"))
            .scalar()
        )
        req = Requisition.create(
            number=f"SL-{on.year}-{(last or 0) + 1:04d}",
            department=dept.id,
            requested_by=requested_by,
            reason=reason,
            doc_date=on,
            created_by=by,
        )
        for n, a in enumerate(asks, start=1):
            RequisitionLine.create(
                requisition=req.id,
                line_no=n,
                item=a.item_id,
                qty_requested=a.qty,
                note=a.note.strip(),
            )
        return req


def decide(
    requisition_id: int,
    approved: dict[int, int],
    *,
    approver_id: int,
    note: str = "",
) -> Requisition:
    """Approve all, part or none: `approved` maps each line id to the approved base units
    (missing lines: none). The approver's account must be an approver's (PIN checked before)."""
    with write_transaction():
        req = Requisition.get_or_none(Requisition.id == requisition_id)
        if req is None:
            raise NotFound(
                f"申领单 {requisition_id} 不存在", f"Requisition {requisition_id} not found"
            )
        if req.status != "submitted":
            raise BadInput(f"申领单 {req.number} 已审批", f"Requisition {req.number} is decided")
        acc = Account.get_or_none(Account.id == approver_id)
        if acc is None or not acc.active or acc.role not in issuing.APPROVER_ROLES:
            raise AuthError("需要审核人审批", "An approver must decide", field="approver")
        lines = list(req.lines)
        total_req = total_ok = 0
        for ln in lines:
            qty = int(approved.get(ln.id, 0))
            if qty < 0 or qty > ln.qty_requested:
                raise BadInput(
                    f"第 {ln.line_no} 行批准数量应在 0 到 {ln.qty_requested} 之间",
                    f"Line {ln.line_no}: approve 0 to {ln.qty_requested}",
                    field=f"line:{ln.line_no}:qty",
                )
            ln.qty_approved = qty
            ln.save()
            total_req += ln.qty_requested
            total_ok += qty
        if total_ok == 0 and not note.strip():
            raise BadInput("不批准时请说明原因", "Say why the request is refused", field="note")
        req.status = (
            "rejected" if total_ok == 0 else "approved" if total_ok == total_req else "partial"
        )
        req.decided_by = acc.id
        req.decided_at = now()
        req.decision_note = note.strip()
        req.save()
        audit.record(
            "requisition.decide",
            {"number": req.number, "status": req.status, "note": req.decision_note},
            by=acc.id,
        )
        return req


def _issued_of(requisition_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    """Requisition id → item id → base units issued against it (reversed issues left out)."""
    reversed_ids = Voucher.select(Voucher.reverses).where(Voucher.reverses.is_null(False))
    out: dict[int, dict[int, int]] = defaultdict(dict)
    q = (
        VoucherLine.select(Voucher.requisition, VoucherLine.item, pw.fn.SUM(VoucherLine.qty))
        .join(Voucher, on=(VoucherLine.voucher == Voucher.id))
        .where(
            Voucher.requisition.in_(list(requisition_ids))
            & (Voucher.status == "posted")
            & (Voucher.vtype == "issue")
            & (Voucher.id.not_in(reversed_ids))
        )
        .group_by(Voucher.requisition, VoucherLine.item)
    )
    for req_id, item_id, qty in q.tuples():
        out[req_id][item_id] = int(qty)
    return out


def issued(requisition_id: int) -> dict[int, int]:
    """Item id → base units issued against the requisition (reversed issues left out)."""
    return defaultdict(int, _issued_of([requisition_id]).get(requisition_id, {}))


def outstanding(requisition_id: int) -> dict[int, int]:
    """Item id → approved base units not yet issued."""
    done = issued(requisition_id)
    return {
        ln.item_id: max((ln.qty_approved or 0) - done.get(ln.item_id, 0), 0)
        for ln in RequisitionLine.select().where(RequisitionLine.requisition == requisition_id)
    }


def issue_against(
    requisition_id: int,
    wants: Sequence[Want],
    *,
    sigs: Sequence[SignatureInput],
    on: date | None = None,
    by: int | None = None,
    at: datetime | None = None,
    override: OverrideApproval | None = None,
) -> Voucher:
    """Issue (part of) what was approved; more than is outstanding is refused."""
    with write_transaction():
        req = Requisition.get_or_none(Requisition.id == requisition_id)
        if req is None:
            raise NotFound(
                f"申领单 {requisition_id} 不存在", f"Requisition {requisition_id} not found"
            )
        if req.status not in OPEN:
            raise BadInput(
                f"申领单 {req.number} 不能发放（{req.status}）",
                f"Requisition {req.number} cannot be issued against ({req.status})",
            )
        left = outstanding(req.id)
        asked: dict[int, int] = defaultdict(int)
        for w in wants:
            asked[w.item_id] += w.qty
        for item_id, qty in asked.items():
            if qty > left.get(item_id, 0):
                item = Item.get_by_id(item_id)
                raise BadInput(
                    f"{item.name} 只剩 {left.get(item_id, 0)} {item.base_unit} 待发，本次 {qty}",
                    f"{item.name}: only {left.get(item_id, 0)} {item.base_unit} outstanding, "
                    f"{qty} asked",
                    field="qty",
                )
        v = issuing.issue(
            req.department_id,
            wants,
            sigs=sigs,
            on=on,
            purpose=req.reason,
            by=by,
            at=at,
            override=override,
            requisition_id=req.id,
        )
        if all(q == 0 for q in outstanding(req.id).values()):
            req.status = "issued"
            req.save()
        return v


def close(requisition_id: int, note: str, *, by: int | None = None) -> Requisition:
    """Stop issuing against a requisition; what is outstanding is no longer owed."""
    if not note.strip():
        raise BadInput("请填写关闭原因", "Say why it is closed", field="note")
    with write_transaction():
        req = Requisition.get_by_id(requisition_id)
        req.status = "closed"
        req.decision_note = (req.decision_note + "\n" + note.strip()).strip()
        req.save()
        audit.record("requisition.close", {"number": req.number, "note": note.strip()}, by=by)
        return req


@dataclass(frozen=True)
class ReqLineRow:
    line_id: int
    item_id: int
    item: str
    unit: str
    requested: int
    approved: int | None
    issued: int
    outstanding: int
    note: str


@dataclass(frozen=True)
class ReqRow:
    requisition_id: int
    number: str
    doc_date: date
    department: str
    department_id: int
    reason: str
    status: str
    decided_by: str
    decision_note: str
    lines: list[ReqLineRow]

    @property
    def outstanding(self) -> int:
        return sum(ln.outstanding for ln in self.lines)


def requisition_ids(
    *, status: Sequence[str] | None = None, department_id: int | None = None
) -> list[int]:
    """The ids of the requisitions (newest first), of these statuses and department if given."""
    q = Requisition.select(Requisition.id)
    if status:
        q = q.where(Requisition.status.in_(list(status)))
    if department_id:
        q = q.where(Requisition.department == department_id)
    return [r[0] for r in q.order_by(Requisition.id.desc()).tuples()]


def requisition_rows(ids: Sequence[int]) -> dict[int, ReqRow]:
    """The requisitions with these ids, each with its lines: a few queries for all of them."""
    ids = list(ids)
    if not ids:
        return {}
    heads = list(
        Requisition.select(
            Requisition.id,
            Requisition.number,
            Requisition.doc_date,
            Party.name,
            Requisition.department,
            Requisition.reason,
            Requisition.status,
            Account.display_name,
            Requisition.decision_note,
        )
        .join(Party, on=(Requisition.department == Party.id))
        .switch(Requisition)
        .join(Account, pw.JOIN.LEFT_OUTER, on=(Requisition.decided_by == Account.id))
        .where(Requisition.id.in_(ids))
        .tuples()
    )
    status_of = {h[0]: h[6] for h in heads}
    done = _issued_of(ids)
    lines: dict[int, list[ReqLineRow]] = defaultdict(list)
    for line_id, req_id, item_id, name, unit, requested, approved, note in (
        RequisitionLine.select(
            RequisitionLine.id,
            RequisitionLine.requisition,
            RequisitionLine.item,
            Item.name,
            Item.base_unit,
            RequisitionLine.qty_requested,
            RequisitionLine.qty_approved,
            RequisitionLine.note,
        )
        .join(Item, on=(RequisitionLine.item == Item.id))
        .where(RequisitionLine.requisition.in_(ids))
        .order_by(RequisitionLine.requisition, RequisitionLine.line_no)
        .tuples()
    ):
        issued_qty = done.get(req_id, {}).get(item_id, 0)
        lines[req_id].append(
            ReqLineRow(
                line_id,
                item_id,
                name,
                unit,
                requested,
                approved,
                issued_qty,
                0
                if status_of.get(req_id) in ("closed", "rejected", "submitted")
                else max((approved or 0) - issued_qty, 0),
                note,
            )
        )
    return {
        h[0]: ReqRow(
            h[0],
            h[1],
            ledger.as_date(h[2]),  # type: ignore[arg-type]
            h[3],
            h[4],
            h[5],
            h[6],
            h[7] or "",
            h[8],
            lines.get(h[0], []),
        )
        for h in heads
    }


def requisition(requisition_id: int) -> ReqRow:
    """One requisition with its lines."""
    found = requisition_rows([requisition_id]).get(requisition_id)
    if found is None:
        raise NotFound(f"申领单 {requisition_id} 不存在", f"Requisition {requisition_id} not found")
    return found


def requisitions(
    *, status: Sequence[str] | None = None, department_id: int | None = None
) -> list[ReqRow]:
    """Requisitions newest first with requested / approved / issued / outstanding per line."""
    ids = requisition_ids(status=status, department_id=department_id)
    rows: dict[int, ReqRow] = {}
    for start in range(0, len(ids), 500):  # IN lists of a size every database takes
        rows.update(requisition_rows(ids[start : start + 500]))
    return [rows[i] for i in ids]
