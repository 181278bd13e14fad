"""Reports to the higher office every two weeks: the reserve status sheet (储备情况表) and the
two-week demand request (2周需求量申请表), both from the reserve standards and recent use."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from app.domain import reserve as rules
from app.domain.i18n import pick
from app.domain.progress import Progress
from app.services.reports.base import Content, Params, item_fields

REQUEST_DAYS = 14  # the request covers the next two weeks


def _packs(qty: int, unit: str, size: int) -> str:
    """`25 盒` — the quantity in the pack purchasing buys in ('' when there is no pack)."""
    if not unit or size <= 1 or qty <= 0:
        return ""
    return f"{rules.packs_for(qty, size):,} {unit}"


def _cover(days: float | None) -> Any:
    return days if days is not None else pick("无消耗", "no use")


def reserve_status(p: Params, progress: Progress) -> Content:
    """储备情况表: each item's standard, what is usable, the gap and how many days it lasts."""
    from app.services import reserve

    progress(0, 0, pick("正在计算储备…", "Working out the reserve…"))
    found = [r for r in reserve.status(p.end) if p.item_id is None or r.item_id == p.item_id]
    rows = [
        {
            "category": r.category,
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "daily_need": r.daily_need,
            "days": r.days,
            "target": r.target,
            "on_hand": r.on_hand,
            "usable": r.usable,
            "expiring": r.expiring_in_window,
            "gap": r.gap,
            "gap_packs": _packs(r.gap, r.pack_unit, r.pack_size),
            "avg_use": r.avg_daily_use,
            "cover": _cover(r.days_of_cover),
        }
        for r in found
    ]
    short = sum(1 for r in found if r.gap > 0)
    content = Content(
        rows={"items": rows},
        fields=[
            (pick("储备品种", "Items with a standard"), f"{len(found)}"),
            (pick("低于储备目标", "Below target"), f"{short}"),
            (
                pick("日均消耗", "Daily use"),
                pick(
                    f"近 {rules.USE_WINDOW_DAYS} 天平均",
                    f"average of the last {rules.USE_WINDOW_DAYS} days",
                ),
            ),
        ],
    )
    if p.item_id is not None:
        content.fields = item_fields(p.item_id) + content.fields
    return content


def demand_rows(p: Params) -> list[dict[str, Any]]:
    """What to ask for: two weeks of average use plus the reserve gap, less any usable stock above
    the target (a surplus covers part of the two weeks)."""
    from app.services import reserve

    rows = []
    for r in reserve.status(p.end, all_items=True):
        if p.item_id is not None and r.item_id != p.item_id:
            continue
        if r.target <= 0 and r.avg_daily_use <= 0:
            continue
        two_weeks = math.ceil(r.avg_daily_use * REQUEST_DAYS - 1e-9)
        request = max(0, two_weeks + r.target - r.usable)
        if request <= 0:
            continue
        rows.append(
            {
                "category": r.category,
                "code": r.code,
                "name": r.name,
                "unit": r.unit,
                "avg_use": r.avg_daily_use,
                "two_weeks": two_weeks,
                "target": r.target or None,
                "usable": r.usable,
                "gap": r.gap,
                "request": request,
                "request_packs": _packs(request, r.pack_unit, r.pack_size),
            }
        )
    return rows


def demand_request(p: Params, progress: Progress) -> Content:
    """2周需求量申请表: for the next two weeks, per item, what the storeroom asks to be sent."""
    progress(0, 0, pick("正在计算需求…", "Working out the demand…"))
    rows = demand_rows(p)
    first, last = p.end + timedelta(days=1), p.end + timedelta(days=REQUEST_DAYS)
    fields = [
        (pick("需求期间", "For"), pick(f"{first} 至 {last}", f"{first} to {last}")),
        (
            pick("计算方法", "Worked out as"),
            pick(
                f"近 {rules.USE_WINDOW_DAYS} 天日均消耗 × {REQUEST_DAYS} 天 + 储备目标 － 可用库存",
                f"daily use (last {rules.USE_WINDOW_DAYS} days) × {REQUEST_DAYS} days "
                "+ reserve target - usable stock",
            ),
        ),
    ]
    if p.item_id is not None:
        fields = item_fields(p.item_id) + fields
    return Content(
        rows={"items": rows},
        fields=fields,
        empty_text={
            "items": pick("库存充足，本期无需申请。", "Stock is enough: nothing to ask for.")
        },
    )
