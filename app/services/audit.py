"""The audit log: sensitive actions with who and when, chained by hash like the ledger."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain import chain
from app.domain.i18n import pick
from app.store import kv
from app.store.database import write_transaction
from app.store.models import Account, AuditLog, now

HEAD_KEY, COUNT_KEY = "audit_head", "audit_count"

ACTIONS: dict[str, tuple[str, str]] = {
    "settings.institution": ("修改单位名称", "Institution name changed"),
    "settings.language": ("切换语言", "Language changed"),
    "settings.backup": ("修改备份设置", "Backup settings changed"),
    "settings.gs1": ("修改扫码设置", "Scanner settings changed"),
    "account.create": ("新建账户", "Account created"),
    "account.active": ("启用/停用账户", "Account switched on/off"),
    "account.pin": ("修改 PIN", "PIN changed"),
    "account.locked": ("PIN 输错次数过多，账户锁定", "Account locked after wrong PINs"),
    "backup.manual": ("手动备份", "Manual backup"),
    "restore": ("从备份恢复", "Restored from a backup"),
    "item.create": ("新建物资", "Item created"),
    "item.update": ("修改物资", "Item changed"),
    "item.use_log": ("设置消毒液使用登记", "Disinfectant use log switched"),
    "rule.create": ("新建领用标准", "Issue rule created"),
    "rule.update": ("修改领用标准", "Issue rule changed"),
    "rule.active": ("启用/停用领用标准", "Issue rule switched on/off"),
    "issue.override": ("超标准发放（审批）", "Issue over the limit (approved)"),
    "lot.hold": ("批次冻结", "Lot put on hold"),
    "lot.release": ("批次解除冻结", "Lot released"),
    "requisition.decide": ("审批申领", "Requisition decided"),
    "requisition.close": ("关闭申领", "Requisition closed"),
    "people.import": ("导入人员", "People imported"),
}


def action_label(code: str) -> str:
    pair = ACTIONS.get(code)
    return pick(*pair) if pair else code


def _record(row: AuditLog) -> dict[str, Any]:
    return {
        "at": row.at,
        "account": row.account_id,
        "actor": row.actor,
        "action": row.action,
        "details": row.details,
    }


def record(action: str, details: dict[str, Any] | None = None, *, by: int | None = None) -> None:
    """Append one entry; joins the caller's transaction when there is one."""
    actor = ""
    if by is not None:
        acc = Account.get_or_none(Account.id == by)
        actor = acc.display_name if acc else ""
    with write_transaction():
        prev = kv.get(HEAD_KEY, chain.GENESIS) or chain.GENESIS
        row = AuditLog(
            at=now(),
            account_id=by,
            actor=actor,
            action=action,
            details=json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
            prev_hash=prev,
        )
        row.hash = chain.digest(_record(row), prev)
        row.save()
        kv.put(HEAD_KEY, row.hash)
        kv.put(COUNT_KEY, str(int(kv.get(COUNT_KEY, "0") or 0) + 1))


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    details: dict[str, Any]


def entries(limit: int = 500) -> list[AuditRow]:
    """The newest entries first."""
    q = AuditLog.select().order_by(AuditLog.id.desc()).limit(limit)
    return [AuditRow(r.at, r.actor, r.action, json.loads(r.details or "{}")) for r in q]


def check_chain() -> list[tuple[int | None, str]]:
    """(row id, problem) for every audit row changed, deleted or inserted outside the app."""
    problems: list[tuple[int | None, str]] = []
    prev = chain.GENESIS
    count = 0
    for row in AuditLog.select().order_by(AuditLog.id).iterator():
        count += 1
        if row.prev_hash != prev:
            problems.append((row.id, "before"))
        if chain.digest(_record(row), row.prev_hash) != row.hash:
            problems.append((row.id, "changed"))
        prev = row.hash
    if prev != (kv.get(HEAD_KEY, chain.GENESIS) or chain.GENESIS) or count != int(
        kv.get(COUNT_KEY, "0") or 0
    ):
        problems.append((None, "end"))
    return problems
