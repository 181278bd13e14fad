"""The audit log: sensitive actions with who and when, chained by hash like the ledger."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from app.domain import allowance, chain, outbound
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
    "settings.shelf_policy": ("修改近效期收货规则", "Short shelf life rule changed"),
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
    "settings.expiry_windows": ("修改效期提醒天数", "Expiry warning days changed"),
    "reserve.set": ("设置储备标准", "Reserve standard set"),
    "reserve.clear": ("取消储备标准", "Reserve standard removed"),
}


def action_label(code: str) -> str:
    pair = ACTIONS.get(code)
    return pick(*pair) if pair else code


# The words of the details' keys, so the page reads as a sentence rather than as JSON.
DETAIL_KEYS: dict[str, tuple[str, str]] = {
    "from": ("原为", "from"),
    "to": ("改为", "to"),
    "username": ("账户", "account"),
    "role": ("角色", "role"),
    "active": ("启用", "on"),
    "folder": ("文件夹", "folder"),
    "keep": ("保留份数", "keep"),
    "file": ("文件", "file"),
    "kept_as": ("原数据库另存为", "replaced books kept as"),
    "code": ("编码", "code"),
    "item": ("物资", "item"),
    "items": ("物资", "items"),
    "categories": ("类别", "categories"),
    "name": ("名称", "name"),
    "name_en": ("英文名称", "English name"),
    "reason": ("原因", "reason"),
    "number": ("单号", "number"),
    "voucher": ("单据", "voucher"),
    "note": ("备注", "note"),
    "created": ("新建", "created"),
    "updated": ("更新", "updated"),
    "gs_substitute": ("分隔符替代", "separator stand-in"),
    "use_log": ("使用登记", "use log"),
    "base_unit": ("基本单位", "base unit"),
    "packs": ("包装", "packs"),
    "hazard_class": ("危险类别", "hazard class"),
    "requires_registration": ("需注册证", "certificate required"),
    "min_shelf_life_days": ("最短剩余效期（天）", "min. shelf life (days)"),
    "reusable": ("可重复使用", "reusable"),
    "batch": ("批号", "batch"),
    "status": ("结果", "decision"),
    "breaches": ("超出标准", "breaches"),
    "party": ("领用人", "receiver"),
    "rule": ("领用标准", "rule"),
    "kind": ("类型", "kind"),
    "used": ("已领", "used"),
    "wanted": ("本次", "wanted"),
    "allowed": ("允许", "allowed"),
    "period": ("周期", "period"),
    "risk_groups": ("风险等级", "risk groups"),
    "max_qty": ("上限", "maximum"),
    "before": ("修改前", "before"),
}

# Codes stored as values, shown in words (the rest go through codes.label and allowance.label).
VALUE_WORDS: dict[str, tuple[str, str]] = {
    "approved": ("批准", "approved"),
    "partial": ("部分批准", "partly approved"),
    "rejected": ("驳回", "rejected"),
    "warn": ("提醒，确认后可收货", "warn, accept after confirming"),
    "block": ("拒收", "refuse"),
    "zh_CN": ("中文", "Chinese"),
    "en": ("英文", "English"),
}


CODE_KEYS = {"role", "status", "kind", "period", "hazard_class", "from", "to"}  # not free text


def _value_text(value: Any, key: str = "") -> str:
    if isinstance(value, bool):
        return pick("是", "yes") if value else pick("否", "no")
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return pick(f"（{details_text(value)}）", f"({details_text(value)})") if value else "—"
    if isinstance(value, list):
        return pick("，", ", ").join(_value_text(v, key) for v in value) or "—"
    if isinstance(value, str) and key in CODE_KEYS:
        if value in VALUE_WORDS:
            return pick(*VALUE_WORDS[value])
        if key != "from" and key != "to":
            shown = outbound.label(value)  # outbound codes, then the shared ones
            return allowance.label(value) if shown == value else shown
    if isinstance(value, str) and key == "reason" and value in outbound.HOLD_REASONS:
        return outbound.label(value)  # a hold's reason is a code; an override's is free text
    return str(value)


def details_text(details: dict[str, Any]) -> str:
    """The details of an entry in the current language: "账户：keeper；角色：管理员"."""
    parts = []
    known = list(DETAIL_KEYS)  # from before to, who before what: the order of DETAIL_KEYS
    for key in sorted(details, key=lambda k: (known.index(k) if k in known else len(known), k)):
        names = DETAIL_KEYS.get(key)
        label = pick(*names) if names else key
        parts.append(f"{label}{pick('：', ': ')}{_value_text(details[key], key)}")
    return pick("；", "; ").join(parts)


def _record(row: AuditLog) -> dict[str, Any]:
    return {
        "at": row.at,
        "account": row.account_id,
        "actor": row.actor,
        "action": row.action,
        "details": row.details,
    }


def record(
    action: str,
    details: dict[str, Any] | None = None,
    *,
    by: int | None = None,
    actor: str | None = None,
) -> None:
    """Append one entry; joins the caller's transaction when there is one.

    `actor` names the person when `by` cannot (a restore: the account ids of the books that
    were replaced mean nothing in the restored ones).
    """
    if actor is None:
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
    id: int = 0


def _row(r: AuditLog) -> AuditRow:
    try:
        details = json.loads(r.details or "{}")
    except ValueError:  # changed outside the app; check_chain says so, the page still shows it
        details = {"?": r.details}
    return AuditRow(r.at, r.actor, r.action, details if isinstance(details, dict) else {}, r.id)


def entries(limit: int = 500) -> list[AuditRow]:
    """The newest entries first."""
    q = AuditLog.select().order_by(AuditLog.id.desc()).limit(limit)
    return [_row(r) for r in q]


@dataclass(frozen=True)
class Filter:
    """What the audit page shows: one action (or all), a date range, one person (or all)."""

    action: str = ""
    start: date | None = None
    end: date | None = None  # inclusive
    actor: str = ""


def ids(where: Filter | None = None) -> list[int]:
    """The ids of the matching entries, newest first (the page fetches the rows as it scrolls)."""
    where = where or Filter()
    q = AuditLog.select(AuditLog.id)
    if where.action:
        q = q.where(AuditLog.action == where.action)
    if where.start is not None:
        q = q.where(AuditLog.at >= datetime.combine(where.start, time()))
    if where.end is not None:
        q = q.where(AuditLog.at < datetime.combine(where.end + timedelta(days=1), time()))
    if where.actor:
        q = q.where(AuditLog.actor == where.actor)
    return [row[0] for row in q.order_by(AuditLog.id.desc()).tuples()]


def rows(entry_ids: Sequence[int]) -> dict[int, AuditRow]:
    """The entries with these ids, by id."""
    found: dict[int, AuditRow] = {}
    wanted = list(entry_ids)
    for start in range(0, len(wanted), 500):  # SQLite limits the number of bound parameters
        chunk = wanted[start : start + 500]
        for r in AuditLog.select().where(AuditLog.id.in_(chunk)):
            found[r.id] = _row(r)
    return found


def actors() -> list[str]:
    """Everyone who appears in the log, for the person filter."""
    q = AuditLog.select(AuditLog.actor).where(AuditLog.actor != "").distinct()
    return sorted(r[0] for r in q.tuples())


def actions_used() -> list[str]:
    """The action codes in the log, known ones first in the order of ACTIONS."""
    used = {r[0] for r in AuditLog.select(AuditLog.action).distinct().tuples()}
    return [a for a in ACTIONS if a in used] + sorted(used - set(ACTIONS))


def last(action: str) -> AuditRow | None:
    """The newest entry of one action."""
    r = AuditLog.select().where(AuditLog.action == action).order_by(AuditLog.id.desc()).first()
    return _row(r) if r else None


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


def chain_messages() -> list[str]:
    """check_chain() as sentences in the current language (verify and the audit page)."""
    out = []
    for row_id, what in check_chain():
        if what == "end":
            out.append(
                pick(
                    "审计日志末尾的记录被删除或添加",
                    "The end of the audit log was deleted or added to",
                )
            )
        elif what == "before":
            out.append(
                pick(
                    f"审计日志第 {row_id} 条之前的记录被删除或插入",
                    f"Audit log entry {row_id}: an entry before it was deleted or inserted",
                )
            )
        else:
            out.append(
                pick(
                    f"审计日志第 {row_id} 条在程序之外被修改",
                    f"Audit log entry {row_id} was changed outside the app",
                )
            )
    return out
