"""Receipt inspection rules (入库验收): quantities, dates, shelf life, reasons for refusing goods.

Pure checks on one inspected line; the receiving service runs them before anything is posted.
Every error names the field it concerns and carries the line number in `details["line"]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain import i18n
from app.domain.errors import BadInput

# Why goods were refused; stored as codes, named when shown.
REJECT_REASONS = (
    "damaged",
    "wrong_product",
    "short_shelf_life",
    "no_certificate",
    "short_delivery",
    "other",
)
# The inspector's checklist per line.
CHECKLIST = ("packaging", "product", "certificate", "labelling", "shelf_life")
# What to do when the remaining shelf life is below the item's minimum (a setting).
SHELF_POLICIES = ("warn", "block")

_NAMES: dict[str, tuple[str, str]] = {
    "damaged": ("包装破损", "damaged packaging"),
    "wrong_product": ("品名或标准不符", "wrong product or standard"),
    "short_shelf_life": ("已过期或效期不足", "expired or too short shelf life"),
    "no_certificate": ("缺少注册证", "missing certificate"),
    "short_delivery": ("短少", "short delivery"),
    "other": ("其他", "other"),
    "packaging": ("包装完好", "packaging intact"),
    "product": ("品名、规格、标准相符", "product and standard match"),
    "certificate": ("注册证/合格证齐全", "certificate present"),
    "labelling": ("有中文标识", "Chinese labelling present"),
    "shelf_life": ("剩余效期达到要求", "enough shelf life left"),
    "warn": ("提醒后可入库", "warn, allow after confirming"),
    "block": ("不允许入库", "refuse"),
}


def label(code: str | None, lang: str | None = None) -> str:
    """The name of a reason, check or policy code ('' for None, the code itself when unknown)."""
    if not code:
        return ""
    pair = _NAMES.get(code)
    if pair is None:
        return code
    return pair[0] if (lang or i18n.language()) == "zh_CN" else pair[1]


def _err(line_no: int, field: str, zh: str, en: str) -> BadInput:
    return BadInput(f"第 {line_no} 行：{zh}", f"Line {line_no}: {en}", field=field, line=line_no)


@dataclass(frozen=True)
class LineFacts:
    """What the inspector recorded for one line; quantities in base units."""

    line_no: int
    item_name: str
    unit: str
    batch: str
    production_date: date | None
    expiry: date | None
    delivered: int
    accepted: int
    rejected: int
    reject_reason: str | None
    reject_note: str
    reg_cert_no: str
    requires_registration: bool
    min_shelf_life_days: int


def check_quantities(f: LineFacts) -> None:
    """Delivered > 0, accepted and rejected ≥ 0 and adding up, a reason for what is refused."""
    n = f.line_no
    if f.delivered <= 0:
        raise _err(
            n, "delivered", "到货数量必须大于 0", "the delivered quantity must be more than 0"
        )
    if f.accepted < 0:
        raise _err(
            n, "accepted", "验收合格数量不能为负数", "the accepted quantity cannot be negative"
        )
    if f.rejected < 0:
        raise _err(n, "rejected", "拒收数量不能为负数", "the rejected quantity cannot be negative")
    if f.accepted + f.rejected != f.delivered:
        raise _err(
            n,
            "accepted",
            f"合格 {f.accepted} + 拒收 {f.rejected} ≠ 到货 {f.delivered} {f.unit}",
            f"accepted {f.accepted} + rejected {f.rejected} ≠ delivered {f.delivered} {f.unit}",
        )
    if f.rejected > 0:
        if f.reject_reason not in REJECT_REASONS:
            raise _err(n, "reject_reason", "请选择拒收原因", "choose why goods were rejected")
        if f.reject_reason == "other" and not f.reject_note.strip():
            raise _err(
                n, "reject_note", "拒收原因为“其他”时请写明原因", "describe the 'other' reason"
            )


def check_dates(f: LineFacts, today: date) -> None:
    """Production not in the future, expiry after production, accepted goods not expired."""
    n = f.line_no
    if f.production_date and f.production_date > today:
        raise _err(
            n,
            "production_date",
            f"生产日期 {f.production_date} 晚于今天",
            f"the production date {f.production_date} is after today",
        )
    if f.production_date and f.expiry and f.expiry <= f.production_date:
        raise _err(
            n,
            "expiry",
            f"有效期至 {f.expiry} 早于生产日期 {f.production_date}",
            f"the expiry {f.expiry} is before the production date {f.production_date}",
        )
    if f.accepted > 0 and f.expiry and f.expiry < today:
        raise _err(
            n,
            "expiry",
            f"{f.item_name} 批号 {f.batch} 已于 {f.expiry} 过期，不能验收入库（请拒收）",
            f"{f.item_name} batch {f.batch} expired on {f.expiry}; it cannot be accepted "
            "(reject it)",
        )


def check_accepted_goods(f: LineFacts) -> None:
    """What accepted goods need: a batch number and, for registered devices, the certificate."""
    n = f.line_no
    if f.accepted <= 0:
        return
    if not f.batch.strip():
        raise _err(n, "batch", "请填写生产批号", "enter the batch number")
    if f.requires_registration and not f.reg_cert_no.strip():
        raise _err(
            n,
            "reg_cert_no",
            f"{f.item_name} 需要医疗器械注册证号",
            f"{f.item_name} needs its registration certificate number",
        )


def shelf_life_short(f: LineFacts, today: date) -> int | None:
    """Days left when below the item's minimum remaining shelf life, else None."""
    if f.accepted <= 0 or not f.expiry or f.min_shelf_life_days <= 0:
        return None
    left = (f.expiry - today).days
    return left if left < f.min_shelf_life_days else None


def shelf_life_message(f: LineFacts, left: int) -> tuple[str, str]:
    return (
        f"第 {f.line_no} 行：{f.item_name} 批号 {f.batch} 只剩 {left} 天有效期，"
        f"少于要求的 {f.min_shelf_life_days} 天",
        f"Line {f.line_no}: {f.item_name} batch {f.batch} has only {left} days of shelf life "
        f"left, less than the {f.min_shelf_life_days} days required",
    )


def check_line(f: LineFacts, today: date) -> None:
    """Every hard rule for one line, in the order a person would fix them."""
    check_quantities(f)
    check_accepted_goods(f)
    check_dates(f, today)
