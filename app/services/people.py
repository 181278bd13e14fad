"""Parties on the other side of a voucher: staff, departments/classes, suppliers, donors, office."""

from __future__ import annotations

from app.domain.codes import PARTY_KINDS, RISK_GROUPS
from app.domain.errors import BadInput
from app.store.database import write_transaction
from app.store.models import Party


def create_party(
    kind: str,
    name: str,
    *,
    staff_no: str | None = None,
    department_id: int | None = None,
    role: str = "",
    risk_group: str | None = None,
    phone: str = "",
) -> Party:
    name = name.strip()
    if kind not in PARTY_KINDS:
        raise BadInput(f"未知的往来方类型 {kind}", f"Unknown party kind {kind}", field="kind")
    if not name:
        raise BadInput("请填写名称", "Enter a name", field="name")
    if risk_group is not None and risk_group not in RISK_GROUPS:
        raise BadInput(
            f"未知的风险等级 {risk_group}", f"Unknown risk group {risk_group}", field="risk_group"
        )
    with write_transaction():
        if staff_no and Party.select().where(Party.staff_no == staff_no).exists():
            raise BadInput(
                f"工号 {staff_no} 已存在", f"Staff number {staff_no} exists", field="staff_no"
            )
        return Party.create(
            kind=kind,
            name=name,
            staff_no=staff_no or None,
            department=department_id,
            role=role,
            risk_group=risk_group,
            phone=phone,
        )


def parties(kind: str | None = None) -> list[Party]:
    q = Party.select().where(Party.active == True)  # noqa: E712
    if kind:
        q = q.where(Party.kind == kind)
    return list(q.order_by(Party.id))
