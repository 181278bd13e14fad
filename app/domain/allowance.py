"""Per-person issue limits (领用标准): which rules cover an item and a person, periods, breaches.

A rule covers items (by code or category) and says either how much a person may receive in a
period (kind "limit") or which risk groups may receive them at all (kind "only"). The arithmetic
here is pure; the services count what was already issued and call it inside the posting
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain import i18n
from app.domain.errors import BadInput

RULE_KINDS = ("limit", "only")
PERIODS = ("day", "week", "month")

_NAMES: dict[str, tuple[str, str]] = {
    "limit": ("限量", "limit"),
    "only": ("仅限", "only for"),
    "day": ("每天", "per day"),
    "week": ("每周", "per week"),
    "month": ("每月", "per month"),
    "over_limit": ("超出领用标准", "over the limit"),
    "not_eligible": ("不在领用范围", "not eligible"),
}
_PERIOD_NOUN = {
    "day": ("当天", "today"),
    "week": ("本周", "this week"),
    "month": ("本月", "this month"),
}


def label(code: str | None) -> str:
    if not code:
        return ""
    pair = _NAMES.get(code)
    return i18n.pick(*pair) if pair else code


def split_codes(text: str) -> frozenset[str]:
    """`FH-N95, FH-KN95` (commas, Chinese commas or spaces) → a set of codes."""
    return frozenset(p for p in text.replace("，", ",").replace(" ", ",").split(",") if p)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str  # limit, only
    items: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    risk_groups: frozenset[str] = frozenset()  # limit: who it applies to (empty: everyone);
    # only: who may receive
    period: str | None = None
    max_qty: int | None = None
    unit: str = ""

    def covers(self, item_code: str, category: str) -> bool:
        return item_code in self.items or category in self.categories

    def applies_to(self, risk_group: str | None) -> bool:
        if self.kind == "only":
            return True
        return not self.risk_groups or (risk_group or "") in self.risk_groups


def validate(rule: Rule) -> None:
    """Raise BadInput when a rule cannot work (no items, no period, negative maximum …)."""
    if not rule.code.strip():
        raise BadInput("请填写规则编号", "Enter a rule code", field="code")
    if not rule.name.strip():
        raise BadInput("请填写规则名称", "Enter a rule name", field="name")
    if rule.kind not in RULE_KINDS:
        raise BadInput(
            f"未知的规则类型 {rule.kind}", f"Unknown rule kind {rule.kind}", field="kind"
        )
    if not rule.items and not rule.categories:
        raise BadInput(
            "规则至少要包含一个物资或一个类别",
            "A rule needs at least one item or category",
            field="items",
        )
    if rule.kind == "limit":
        if rule.period not in PERIODS:
            raise BadInput(
                "请选择周期（每天、每周或每月）",
                "Choose a period (day, week, month)",
                field="period",
            )
        if rule.max_qty is None or rule.max_qty < 0:
            raise BadInput("最多数量不能为负数", "The maximum cannot be negative", field="max_qty")
    elif not rule.risk_groups:
        raise BadInput(
            "“仅限”规则要写明哪些风险等级可以领用",
            "An 'only for' rule needs the risk groups who may receive the items",
            field="risk_groups",
        )


def period_bounds(period: str, day: date) -> tuple[date, date]:
    """First and last day of the period that holds `day` (weeks run Monday to Sunday)."""
    if period == "day":
        return day, day
    if period == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if period == "month":
        start = day.replace(day=1)
        nxt = (start + timedelta(days=32)).replace(day=1)
        return start, nxt - timedelta(days=1)
    raise BadInput(f"未知的周期 {period}", f"Unknown period {period}", field="period")


@dataclass(frozen=True)
class Breach:
    """One refusal: a person over a rule's limit, or not in the groups a rule allows."""

    rule_code: str
    rule_name: str
    kind: str  # over_limit, not_eligible
    party_id: int
    party_name: str
    risk_group: str | None
    used: int = 0
    wanted: int = 0
    allowed: int = 0
    period: str | None = None
    unit: str = ""
    allowed_groups: tuple[str, ...] = field(default_factory=tuple)

    def message(self, risk_label: str = "", groups_label: str = "") -> tuple[str, str]:
        """(zh, en) text saying used / allowed / period, or who may receive."""
        if self.kind == "not_eligible":
            return (
                f"{self.party_name}（{risk_label or '未定风险等级'}）不能领用“{self.rule_name}”"
                f"所列物资：仅限{groups_label}",
                f"{self.party_name} ({risk_label or 'no risk group'}) may not receive the items "
                f"of '{self.rule_name}': only {groups_label}",
            )
        noun_zh, noun_en = _PERIOD_NOUN.get(self.period or "", ("", ""))
        per_zh, per_en = _NAMES.get(self.period or "", ("", ""))
        return (
            f"{self.party_name} {noun_zh}已领 {self.used} {self.unit}，本次 {self.wanted} "
            f"{self.unit}，超出“{self.rule_name}”（{per_zh} {self.allowed} {self.unit}）",
            f"{self.party_name} has had {self.used} {self.unit} {noun_en}; {self.wanted} more "
            f"would exceed '{self.rule_name}' ({self.allowed} {self.unit} {per_en})",
        )


@dataclass(frozen=True)
class Receiver:
    party_id: int
    name: str
    kind: str  # person, department
    risk_group: str | None


def breaches(
    rules: list[Rule],
    receiver: Receiver,
    wanted: dict[tuple[str, str], int],
    used_of: dict[str, int],
) -> list[Breach]:
    """Breaches for one receiver. `wanted`: (item code, category) → qty in this voucher;
    `used_of`: rule code → quantity already issued in the rule's current period.

    Per-person limits apply to persons only; a department's stock for the class is not a
    person's allowance (the daily round names each person on its own line).
    """
    if receiver.kind != "person":
        return []
    out: list[Breach] = []
    for rule in rules:
        qty = sum(q for (code, cat), q in wanted.items() if rule.covers(code, cat))
        if qty <= 0 or not rule.applies_to(receiver.risk_group):
            continue
        if rule.kind == "only":
            if (receiver.risk_group or "") not in rule.risk_groups:
                out.append(
                    Breach(
                        rule.code,
                        rule.name,
                        "not_eligible",
                        receiver.party_id,
                        receiver.name,
                        receiver.risk_group,
                        wanted=qty,
                        unit=rule.unit,
                        allowed_groups=tuple(sorted(rule.risk_groups)),
                    )
                )
            continue
        used = used_of.get(rule.code, 0)
        allowed = rule.max_qty or 0
        if used + qty > allowed:
            out.append(
                Breach(
                    rule.code,
                    rule.name,
                    "over_limit",
                    receiver.party_id,
                    receiver.name,
                    receiver.risk_group,
                    used=used,
                    wanted=qty,
                    allowed=allowed,
                    period=rule.period,
                    unit=rule.unit,
                )
            )
    return out
