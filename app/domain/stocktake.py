"""Stocktake rules without a database: reasons for a difference, counts as typed, accuracy."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

from app.domain import i18n
from app.domain.errors import BadInput

KINDS = ("month", "zone", "opening")
MAX_COUNT = 10**9  # base units on one line of a count; SQLite integers end at 2**63
ORIGINS = ("book", "empty", "found", "moved_in")
# Why shelf and book differ; stored as codes, shown translated.
REASONS = (
    "miscount",
    "unrecorded_issue",
    "unrecorded_receipt",
    "wrong_slot",
    "damaged",
    "expired",
    "lost",
    "found",
    "other",
)

_NAMES: dict[str, tuple[str, str]] = {
    "month": ("月度盘点", "monthly count"),
    "zone": ("库区盘点", "zone count"),
    "opening": ("期初盘点", "opening count"),
    "open": ("盘点中", "counting"),
    "closed": ("已过账", "posted"),
    "book": ("账面", "on the books"),
    "empty": ("空货位", "empty slot"),
    "found": ("盘盈新增", "found"),
    "moved_in": ("盘点期间入位", "moved in during the count"),
    "miscount": ("记账差错", "booking error"),
    "unrecorded_issue": ("未登记领用", "issued without a record"),
    "unrecorded_receipt": ("未登记入库", "received without a record"),
    "wrong_slot": ("放错货位", "on the wrong slot"),
    "damaged": ("损坏", "damaged"),
    "expired": ("过期处理", "expired"),
    "lost": ("丢失", "lost"),
    "other": ("其他", "other"),
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def label(code: str | None, lang: str | None = None) -> str:
    """The name of a stocktake code (kind, status, origin, reason) in a language."""
    if not code:
        return ""
    pair = _NAMES.get(code)
    if pair is None:
        return code
    return pair[0] if (lang or i18n.language()) == "zh_CN" else pair[1]


def reason_from_text(text: object) -> tuple[str | None, str]:
    """(reason code, note) from what a sheet's reason cell says: a code, a label, or free text.

    Free text is kept as the note of reason 'other', so nothing the counter wrote is lost.
    """
    value = " ".join(str(text or "").split())
    if not value:
        return None, ""
    folded = value.casefold()
    for code in REASONS:
        names = {code, *(n.casefold() for n in _NAMES[code])}
        if folded in names:
            return code, ""
        for name in names:
            # "损坏：纸箱受潮" / "damaged - box wet": a known reason with a note after it
            for sep in ("：", ":", " - ", "，", ","):
                if folded.startswith(name + sep):
                    return code, value[len(name) + len(sep) :].strip()
    return "other", value


def reason_text(code: str | None, note: str = "", lang: str | None = None) -> str:
    """What a reason cell shows: the reason's name and the note after it."""
    if not code or (code == "other" and note):
        return note
    name = label(code, lang)
    if not note:
        return name
    return f"{name}：{note}" if (lang or i18n.language()) == "zh_CN" else f"{name}: {note}"


def parse_count(value: object) -> int | None:
    """A counted quantity as typed or read from a sheet: None when blank, else a whole number ≥ 0.

    Raises BadInput (field "counted") for text, fractions and negative numbers.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise _not_a_count(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if not math.isfinite(value) or value != int(value):
            raise _not_a_count(value)
        number = int(value)
    else:
        text = str(value).strip().replace(",", "").replace("，", "")
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise _not_a_count(value)
        number = int(float(text))
    if number < 0:
        raise BadInput(
            f"实盘数量不能是负数（{value}）",
            f"A counted quantity cannot be negative ({value})",
            field="counted",
        )
    if number > MAX_COUNT:  # a slip of the keyboard (or a pasted barcode), not a count
        raise BadInput(
            f"实盘数量太大（{value}），最多 {MAX_COUNT:,}",
            f"The counted quantity is too large ({value}); {MAX_COUNT:,} at most",
            field="counted",
        )
    return number


def _not_a_count(value: object) -> BadInput:
    return BadInput(
        f"实盘数量必须是整数（“{value}”）",
        f"A counted quantity must be a whole number ('{value}')",
        field="counted",
    )


def parse_month(text: str | None, today: date) -> str:
    """'YYYY-MM' checked; the current month when not given; a future month is refused."""
    if not text:
        return f"{today:%Y-%m}"
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise BadInput(
            f"月份格式应为 YYYY-MM（如 {today:%Y-%m}），而不是“{text}”",
            f"A month looks like YYYY-MM (e.g. {today:%Y-%m}), not '{text}'",
            field="month",
        )
    if (int(m.group(1)), int(m.group(2))) > (today.year, today.month):
        raise BadInput(
            f"不能盘点未来的月份 {text}",
            f"Cannot count a month still to come ({text})",
            field="month",
        )
    return text.strip()


def accuracy(total: int | None, matched: int | None) -> float | None:
    """Share of counted lines with no difference (账实相符率), 0…1; None when nothing counted."""
    if not total:
        return None
    return (matched or 0) / total


def accuracy_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
