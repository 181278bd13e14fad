"""Issue rules (领用标准) and each person's allowance: what was issued, what is left, breaches.

`check()` runs inside the issuing transaction, after the write lock is taken, so two issues to
the same person cannot both pass it. Rule changes are recorded in the audit log.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import peewee as pw

from app import paths
from app.domain import allowance, codes, i18n
from app.domain.allowance import Breach, Receiver, Rule
from app.domain.codes import RISK_GROUPS
from app.domain.errors import BadInput, NotFound
from app.services import audit
from app.store.compiled import Grouped, Keyed, Param, Statement, in_params, in_values
from app.store.database import write_transaction
from app.store.models import IssueRule, Item, Party, Voucher, VoucherLine, now

RULES_FILE = "issue_rules.toml"


@dataclass(frozen=True)
class RuleInput:
    """A rule as the rules page edits it."""

    code: str
    name: str
    kind: str = "limit"
    items: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    risk_groups: tuple[str, ...] = ()
    period: str | None = "day"
    max_qty: int | None = None
    name_en: str = ""
    active: bool = True


def _join(values: Iterable[str]) -> str:
    return ",".join(sorted({v.strip() for v in values if v.strip()}))


def to_rule(row: IssueRule, unit: str = "") -> Rule:
    return Rule(
        code=row.code,
        name=i18n.pick(row.name, row.name_en or row.name),
        kind=row.kind,
        items=allowance.split_codes(row.items),
        categories=allowance.split_codes(row.categories),
        risk_groups=allowance.split_codes(row.risk_groups),
        period=row.period,
        max_qty=row.max_qty,
        unit=unit,
    )


# Every issue checks the limits: its reads are compiled once (app/store/compiled.py).
_ACTIVE_RULES = Statement(
    lambda: (
        IssueRule.select()
        .where(IssueRule.active == True)  # noqa: E712
        .order_by(IssueRule.sort, IssueRule.id)
    )
)
_ITEMS = Grouped(
    lambda n: Item.select(Item.id, Item.code, Item.category).where(Item.id.in_(in_params(n)))
)
_PARTIES = Grouped(
    lambda n: Party.select(Party.id, Party.name, Party.kind, Party.risk_group).where(
        Party.id.in_(in_params(n))
    )
)


class _ItemKey(NamedTuple):
    code: str
    category_id: str


class _PartyKey(NamedTuple):
    id: int
    name: str
    kind: str
    risk_group: str | None


def rule_rows(*, active_only: bool = False) -> list[IssueRule]:
    if active_only:
        return _ACTIVE_RULES.models(IssueRule)
    return list(IssueRule.select().order_by(IssueRule.sort, IssueRule.id))


def _unit_of(rule: Rule) -> str:
    """The base unit shared by the rule's items ('' when they differ)."""
    q = Item.select(Item.base_unit).distinct()
    conds = []
    if rule.items:
        conds.append(Item.code.in_(rule.items))
    if rule.categories:
        conds.append(Item.category.in_(rule.categories))
    if not conds:
        return ""
    where = conds[0] if len(conds) == 1 else (conds[0] | conds[1])
    units = {i.base_unit for i in q.where(where)}
    return units.pop() if len(units) == 1 else ""


def active_rules(*, units: bool = True) -> list[Rule]:
    """The rules in force; `units` adds each rule's base unit (for showing, a query per rule)."""
    out = []
    for row in rule_rows(active_only=True):
        rule = to_rule(row)
        out.append(to_rule(row, _unit_of(rule)) if units else rule)
    return out


def _check_input(data: RuleInput) -> Rule:
    rule = Rule(
        code=data.code.strip(),
        name=data.name.strip(),
        kind=data.kind,
        items=frozenset(data.items),
        categories=frozenset(data.categories),
        risk_groups=frozenset(data.risk_groups),
        period=data.period if data.kind == "limit" else None,
        max_qty=data.max_qty if data.kind == "limit" else None,
    )
    allowance.validate(rule)
    for g in rule.risk_groups:
        if g not in RISK_GROUPS:
            raise BadInput(f"未知的风险等级 {g}", f"Unknown risk group {g}", field="risk_groups")
    known = {i.code for i in Item.select(Item.code).where(Item.code.in_(rule.items))}
    for code in sorted(rule.items - known):
        raise BadInput(f"没有编号为 {code} 的物资", f"No item with code {code}", field="items")
    return rule


def save_rule(data: RuleInput, *, rule_id: int | None = None, by: int | None = None) -> IssueRule:
    """Create a rule, or change the one with `rule_id`; recorded in the audit log."""
    rule = _check_input(data)
    fields = {
        "code": rule.code,
        "name": rule.name,
        "name_en": data.name_en.strip(),
        "kind": rule.kind,
        "items": _join(rule.items),
        "categories": _join(rule.categories),
        "risk_groups": _join(rule.risk_groups),
        "period": rule.period,
        "max_qty": rule.max_qty,
        "active": data.active,
        "updated_at": now(),
    }
    with write_transaction():
        clash = IssueRule.select().where(IssueRule.code == rule.code)
        if rule_id is not None:
            clash = clash.where(IssueRule.id != rule_id)
        if clash.exists():
            raise BadInput(
                f"规则编号 {rule.code} 已存在", f"Rule code {rule.code} exists", field="code"
            )
        if rule_id is None:
            fields["sort"] = (IssueRule.select(pw.fn.MAX(IssueRule.sort)).scalar() or 0) + 10
            row = IssueRule.create(**fields)
            action = "rule.create"
        else:
            row = IssueRule.get_or_none(IssueRule.id == rule_id)
            if row is None:
                raise NotFound(f"规则 {rule_id} 不存在", f"Rule {rule_id} does not exist")
            before = {k: getattr(row, k) for k in fields if k != "updated_at"}
            for k, v in fields.items():
                setattr(row, k, v)
            row.save()
            action = "rule.update"
        details = {k: v for k, v in fields.items() if k != "updated_at"}
        if rule_id is not None:
            details["before"] = {k: v for k, v in before.items() if v != details.get(k)}
        audit.record(action, details, by=by)
        return row


def set_rule_active(rule_id: int, active: bool, *, by: int | None = None) -> None:
    with write_transaction():
        row = IssueRule.get_by_id(rule_id)
        row.active = active
        row.updated_at = now()
        row.save()
        audit.record("rule.active", {"code": row.code, "active": active}, by=by)


def load_default_rules(folder: Path | None = None) -> int:
    """Load db/catalogue/issue_rules.toml into an empty rule table; returns rules added."""
    path = (folder or paths.catalogue_dir()) / RULES_FILE
    if not path.exists():
        return 0
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    added = 0
    with write_transaction():
        if IssueRule.select().exists():
            return 0
        for n, r in enumerate(data.get("rule", []), start=1):
            IssueRule.create(
                code=r["code"],
                name=r["name"],
                name_en=r.get("name_en", ""),
                kind=r.get("kind", "limit"),
                items=_join(r.get("items", [])),
                categories=_join(r.get("categories", [])),
                risk_groups=_join(r.get("risk_groups", [])),
                period=r.get("period"),
                max_qty=r.get("max_qty"),
                sort=n * 10,
            )
            added += 1
        use_log = data.get("use_log", {}).get("items", [])
        if use_log:
            Item.update(use_log=True).where(Item.code.in_(use_log)).execute()
    return added


def set_use_log(item_id: int, on: bool, *, by: int | None = None) -> None:
    """Switch the disinfectant use log on or off for an item."""
    with write_transaction():
        item = Item.get_by_id(item_id)
        item.use_log = on
        item.save()
        audit.record("item.use_log", {"item": item.code, "use_log": on}, by=by)


# --- allowance --------------------------------------------------------------------------------


def _build_items_of(n_items: int, n_categories: int) -> pw.Query:
    conds = []
    if n_items:
        conds.append(Item.code.in_(in_params(n_items, "code")))
    if n_categories:
        conds.append(Item.category.in_(in_params(n_categories, "cat")))
    where = conds[0] if len(conds) == 1 else (conds[0] | conds[1])
    return Item.select(Item.id).where(where)


_ITEMS_OF = Keyed(_build_items_of)


def _items_of(rule: Rule) -> list[int]:
    codes_, cats = sorted(rule.items), sorted(rule.categories)
    stmt = _ITEMS_OF(len(codes_), len(cats))
    return [r[0] for r in stmt.rows(**in_values(codes_, "code"), **in_values(cats, "cat"))]


def issued(party_id: int, item_ids: list[int], start: date, end: date) -> int:
    """Base units issued to a person for these items between two dates (reversed ones not)."""
    if not item_ids:
        return 0
    reversed_ids = Voucher.select(Voucher.reverses).where(Voucher.reverses.is_null(False))
    total = (
        VoucherLine.select(pw.fn.SUM(VoucherLine.qty))
        .join(Voucher)
        .where(
            (Voucher.vtype == "issue")
            & (Voucher.status == "posted")
            & (Voucher.doc_date.between(start, end))
            & (VoucherLine.party == party_id)
            & (VoucherLine.item.in_(item_ids))
            & (Voucher.id.not_in(reversed_ids))
        )
        .scalar()
    )
    return int(total or 0)


def _build_issued_by(n_parties: int, n_items: int) -> pw.Query:
    reversed_ids = Voucher.select(Voucher.reverses).where(Voucher.reverses.is_null(False))
    return (
        VoucherLine.select(VoucherLine.party, pw.fn.SUM(VoucherLine.qty))
        .join(Voucher)
        .where(
            (Voucher.vtype == "issue")
            & (Voucher.status == "posted")
            & (Voucher.doc_date.between(Param("start"), Param("end")))
            & (VoucherLine.party.in_(in_params(n_parties, "p")))
            & (VoucherLine.item.in_(in_params(n_items, "i")))
            & (Voucher.id.not_in(reversed_ids))
        )
        .group_by(VoucherLine.party)
    )


_ISSUED_BY = Keyed(_build_issued_by)


def _issued_by(party_ids: list[int], item_ids: list[int], start: date, end: date) -> dict[int, int]:
    """Like issued(), for several people at once: party id → base units."""
    if not item_ids or not party_ids:
        return {}
    stmt = _ISSUED_BY(len(party_ids), len(item_ids))
    rows = stmt.rows(
        start=start.isoformat(),
        end=end.isoformat(),
        **in_values(party_ids, "p"),
        **in_values(item_ids, "i"),
    )
    return {party: int(total or 0) for party, total in rows}


def used_by_rule(party_id: int, rules: list[Rule], on: date) -> dict[str, int]:
    out = {}
    for rule in rules:
        if rule.kind != "limit" or rule.period is None:
            continue
        start, end = allowance.period_bounds(rule.period, on)
        out[rule.code] = issued(party_id, _items_of(rule), start, end)
    return out


def receiver(party: Any) -> Receiver:
    return Receiver(party.id, party.name, party.kind, party.risk_group)


@dataclass(frozen=True)
class AllowanceRow:
    """One rule as it stands for a person today: used, wanted now, allowed, left."""

    rule_code: str
    rule_name: str
    kind: str
    period: str | None
    used: int
    pending: int
    allowed: int | None
    unit: str
    eligible: bool

    @property
    def remaining(self) -> int | None:
        if self.allowed is None:
            return None
        return self.allowed - self.used - self.pending

    @property
    def ok(self) -> bool:
        return self.eligible and (self.remaining is None or self.remaining >= 0)

    def short(self) -> str:
        """`已领 1/2，本次 1，剩 0` — the rule's name goes in the tooltip (text())."""
        if self.kind == "only":
            return (
                i18n.pick("可以领用", "may receive")
                if self.eligible
                else i18n.pick("✖ 不在领用范围", "✖ not eligible")
            )
        mark = "" if self.ok else "✖ "
        return mark + i18n.pick(
            f"{allowance.label(self.period)}已领 {self.used}/{self.allowed}，本次 {self.pending}，"
            f"剩 {self.remaining}",
            f"used {self.used}/{self.allowed} {allowance.label(self.period)}, now {self.pending}, "
            f"left {self.remaining}",
        )

    def text(self) -> str:
        """`口罩每人每天 2 只: 已领 1，本次 1，剩余 0 只` in the current language."""
        if self.kind == "only":
            return i18n.pick(
                f"{self.rule_name}：{'可以领用' if self.eligible else '不可领用'}",
                f"{self.rule_name}: {'may receive' if self.eligible else 'not eligible'}",
            )
        return i18n.pick(
            f"{self.rule_name}：{allowance.label(self.period)}已领 {self.used}，本次 "
            f"{self.pending}，剩余 {self.remaining} {self.unit}",
            f"{self.rule_name}: used {self.used}, now {self.pending}, left {self.remaining} "
            f"{self.unit} {allowance.label(self.period)}",
        )


def allowance_for(
    party_id: int, on: date, pending: dict[int, int] | None = None
) -> list[AllowanceRow]:
    """Every active rule that concerns the person's pending items (all rules when none),
    with what was used this period and what is left after `pending` (item id → base units)."""
    party = Party.get_or_none(Party.id == party_id)
    if party is None or party.kind != "person":
        return []
    pending = pending or {}
    items = {i.id: i for i in Item.select().where(Item.id.in_(list(pending)))} if pending else {}
    rules = active_rules()
    used = used_by_rule(party_id, rules, on)
    rows = []
    for rule in rules:
        now_qty = sum(
            q for iid, q in pending.items() if rule.covers(items[iid].code, items[iid].category_id)
        )
        if pending and now_qty == 0:
            continue
        if not rule.applies_to(party.risk_group):
            continue
        eligible = rule.kind != "only" or (party.risk_group or "") in rule.risk_groups
        rows.append(
            AllowanceRow(
                rule.code,
                rule.name,
                rule.kind,
                rule.period,
                used.get(rule.code, 0),
                now_qty,
                rule.max_qty if rule.kind == "limit" else None,
                rule.unit,
                eligible,
            )
        )
    return rows


def check(
    lines: list[tuple[int, int, int]],
    on: date,
    *,
    items: Mapping[int, Any] | None = None,
    parties: Mapping[int, Any] | None = None,
) -> list[Breach]:
    """Breaches for the lines (party id, item id, base units) of one issue, in posting order.

    Call inside the issuing write transaction so the counts cannot change before posting.
    One query per rule in force, however many people the voucher names. `items` (with `code`,
    `category_id`) and `parties` (`id`, `name`, `kind`, `risk_group`) may come from the caller,
    read in the same transaction.
    """
    rules = active_rules(units=False)
    if not rules:
        return []
    wanted: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    item_ids = {iid for _p, iid, _q in lines}
    if items is None or not item_ids <= set(items):
        items = {r[0]: _ItemKey(r[1], r[2]) for r in _ITEMS.rows(sorted(item_ids))}
    for party_id, item_id, qty in lines:
        item = items[item_id]
        wanted[party_id][(item.code, item.category_id)] += qty
    if parties is None or not set(wanted) <= set(parties):
        parties = {r[0]: _PartyKey(*r) for r in _PARTIES.rows(sorted(wanted))}
    persons = [pid for pid in wanted if parties[pid].kind == "person"]
    used: dict[int, dict[str, int]] = defaultdict(dict)
    for rule in rules:
        concerned = [pid for pid in persons if any(rule.covers(c, k) for c, k in wanted[pid])]
        if rule.kind != "limit" or rule.period is None or not concerned:
            continue
        start, end = allowance.period_bounds(rule.period, on)
        totals = _issued_by(concerned, _items_of(rule), start, end)
        for pid in concerned:
            used[pid][rule.code] = totals.get(pid, 0)
    out: list[Breach] = []
    for pid in persons:
        out += allowance.breaches(rules, receiver(parties[pid]), dict(wanted[pid]), used[pid])
    if out:
        unit = {r.code: _unit_of(r) for r in rules}
        out = [replace(b, unit=unit.get(b.rule_code, "")) for b in out]
    return out


def breach_text(b: Breach) -> tuple[str, str]:
    """(zh, en) message of a breach with the risk groups named in each language."""
    lang = i18n.language()
    try:
        i18n.set_language("zh_CN")
        zh = b.message(
            codes.label(b.risk_group), "、".join(codes.label(g) for g in b.allowed_groups)
        )[0]
        i18n.set_language("en")
        en = b.message(
            codes.label(b.risk_group), ", ".join(codes.label(g) for g in b.allowed_groups)
        )[1]
    finally:
        i18n.set_language(lang)
    return zh, en
