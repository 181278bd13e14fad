"""Reserve standards (储备标准, 填平补齐): daily need at full load × reserve days → target, gap, packs.

Pure arithmetic, no database: the services count people and stock and call these. Quantities on
the shelf are whole base units; a daily need may be fractional (half a bottle a day), so it is
kept as a Decimal and only the target is rounded — up, because a reserve that falls short by a
fraction of a mask is short.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from app.domain import i18n
from app.domain.errors import BadInput
from app.domain.units import PackUnit

FIXED, PER_PERSON = "fixed", "per_person"
MODES = (FIXED, PER_PERSON)
DEFAULT_DAYS = 45  # the county plan's 45 days of full-load operation
COMMON_DAYS = (45, 30, 14, 10)  # county plan, city hospitals, two weeks after school opens, peak
MAX_DAYS = 730
MAX_QTY = Decimal("1000000")
QTY_PLACES = Decimal("0.001")
USE_WINDOW_DAYS = 90  # average daily use is taken over the last 90 days

_NAMES: dict[str, tuple[str, str]] = {
    FIXED: ("每天固定数量", "fixed quantity per day"),
    PER_PERSON: ("每人每天 × 人数", "per person per day × people"),
}


def label(code: str | None) -> str:
    if not code:
        return ""
    pair = _NAMES.get(code)
    return i18n.pick(*pair) if pair else code


def parse_qty(value: object) -> Decimal:
    """A daily quantity as typed (`2`, `0.5`, `1,200`): more than 0, at most 3 decimals."""
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    try:
        qty = Decimal(text)
    except InvalidOperation:
        qty = Decimal("NaN")
    if not qty.is_finite() or qty <= 0:
        raise BadInput(
            f"每天数量“{text}”不对：请填写大于 0 的数（基本单位，可带小数，如 0.5）",
            f"Daily quantity '{text}' is not valid: enter a number above 0 "
            "(base units, decimals allowed, e.g. 0.5)",
            field="qty",
        )
    if qty > MAX_QTY:
        raise BadInput(
            f"每天数量 {text} 太大（最多 {MAX_QTY:,}）",
            f"Daily quantity {text} is too large (at most {MAX_QTY:,})",
            field="qty",
        )
    if qty != qty.quantize(QTY_PLACES):
        raise BadInput(
            f"每天数量 {text} 最多保留 3 位小数",
            f"Daily quantity {text} may have at most 3 decimals",
            field="qty",
        )
    return qty.quantize(QTY_PLACES)


def qty_text(qty: Decimal) -> str:
    """`2`, `0.5`, `1200` — a daily quantity as a person would write it (no trailing zeros)."""
    return f"{qty.normalize():f}"


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise BadInput(
            f"未知的储备计算方式 {mode}（fixed 或 per_person）",
            f"Unknown reserve mode {mode} (fixed or per_person)",
            field="mode",
        )
    return mode


def check_days(value: object) -> int:
    """Reserve days as typed: a whole number from 1 to 730."""
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise BadInput(
            f"储备天数“{text}”不对：请填写 1 到 {MAX_DAYS} 的整数（常用 45、30、14、10 天）",
            f"Reserve days '{text}' is not valid: enter a whole number from 1 to {MAX_DAYS} "
            "(45, 30, 14 or 10 are common)",
            field="days",
        )
    return int(text)


def daily_need(mode: str, qty: Decimal, people: int = 0) -> Decimal:
    """Base units needed per day at full load: the fixed quantity, or per person × people."""
    if mode == PER_PERSON:
        return qty * max(people, 0)
    return qty


def target(need: Decimal, days: int) -> int:
    """Daily need × reserve days, rounded up to whole base units."""
    return int((need * days).to_integral_value(rounding=ROUND_CEILING))


def gap(target_qty: int, usable: int) -> int:
    """What is missing to reach the target (0 when the reserve is full)."""
    return max(0, target_qty - usable)


def packs_for(qty: int, pack_size: int) -> int:
    """Whole packs to buy to cover `qty` base units (rounded up)."""
    size = max(pack_size, 1)
    return -(-max(qty, 0) // size)


def largest_pack(packs: list[PackUnit]) -> tuple[str, int]:
    """(name, base units) of the biggest pack purchasing buys in; ("", 1) when there is none."""
    if not packs:
        return "", 1
    biggest = max(packs, key=lambda p: p.base_qty)
    return biggest.name, biggest.base_qty


def average_daily(total: int, days: int = USE_WINDOW_DAYS) -> float:
    """Average use per day over a window; never negative (a reversal may outweigh the issues)."""
    return max(total, 0) / days if days > 0 else 0.0


def days_of_cover(usable: int, avg_daily_use: float) -> float | None:
    """How many days the usable stock lasts at the average use; None when nothing was used."""
    if avg_daily_use <= 0:
        return None
    return usable / avg_daily_use


def cover_text(cover: float | None) -> str:
    """`12 天` / `12 days`; `—` when there was no use, `>999` for stock that outlives anyone."""
    if cover is None:
        return "—"
    if cover > 999:
        return i18n.pick(">999 天", ">999 days")
    whole = math.floor(cover)
    return i18n.pick(f"{whole} 天", f"{whole} days")


@dataclass(frozen=True)
class Standard:
    """One item's reserve standard as the services hand it to the arithmetic."""

    mode: str
    qty: Decimal  # per day (fixed) or per person per day (per_person), base units
    days: int = DEFAULT_DAYS
    people: int = 0  # people in the chosen groups (per_person only)

    @property
    def daily_need(self) -> Decimal:
        return daily_need(self.mode, self.qty, self.people)

    @property
    def target(self) -> int:
        return target(self.daily_need, self.days)
