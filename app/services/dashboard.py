"""The dashboard (概览): what needs the storekeeper today, and two pictures of use and cover.

One call, summary(), returns plain data: expired lots, lots expiring within the two warning
windows (settings), items below their reserve target, overdue loans, open requisitions, the last
stocktake, consumption over the last 90 days and days of cover per item. Each part is one
aggregate query over indexed columns (balances by lot, vouchers by date), never a walk over the
ledger, so the first page opens at once on ten years of books.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

import peewee as pw

from app.domain import i18n
from app.domain import reserve as rules
from app.domain.errors import BadInput
from app.services import reserve, settings, stocktake
from app.services.reserve import ReserveRow
from app.services.stocktake import StocktakeInfo
from app.store.models import (
    Balance,
    Category,
    Item,
    Loan,
    Lot,
    Party,
    Requisition,
    Voucher,
)

OPEN_REQUISITIONS = ("submitted", "approved", "partial")  # waiting for a decision or for goods
BUCKETS = ("day", "week")
BY = ("category", "item")
TOP_ITEMS = 5  # the item view draws the most-used items unless told which
COVER_ITEMS = 10  # the cover chart shows the items that run out first
LIST_LIMIT = 5  # entries named under each count

T = TypeVar("T")


@dataclass(frozen=True)
class LotAlert:
    """A lot still on the shelves that has expired or expires soon."""

    item_id: int
    lot_id: int
    code: str
    name: str
    batch: str
    expiry: date
    days_left: int  # negative: expired that many days ago
    qty: int
    unit: str


@dataclass(frozen=True)
class LoanAlert:
    loan_id: int
    number: str
    borrower: str
    due_date: date
    overdue_days: int


@dataclass(frozen=True)
class RequisitionAlert:
    requisition_id: int
    number: str
    department: str
    doc_date: date
    status: str  # code: submitted (needs a decision), approved, partial (goods to issue)


@dataclass(frozen=True)
class Series:
    key: str  # category code or item code
    label: str  # as shown (current language)
    unit: str  # the base unit when the series is one item, "" for a category
    values: tuple[int, ...]  # base units per bucket

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class Consumption:
    """Use per bucket over the window: one series per category, or per item."""

    by: str  # category, item
    bucket: str  # day, week
    starts: tuple[date, ...]  # first day of each bucket
    series: tuple[Series, ...]
    days: int = rules.USE_WINDOW_DAYS


@dataclass(frozen=True)
class Cover:
    """Days of cover of one item: usable stock ÷ average daily use."""

    item_id: int
    code: str
    name: str
    unit: str
    usable: int
    avg_daily_use: float
    days_of_cover: float
    reserve_days: int | None  # the item's standard, when it has one


@dataclass(frozen=True)
class Alerts(Generic[T]):
    """One dashboard entry: how many there are, and the first few to name."""

    count: int
    rows: tuple[T, ...] = ()


@dataclass(frozen=True)
class Summary:
    today: date
    soon_days: int
    watch_days: int
    expired: Alerts[LotAlert]  # lots with stock past their expiry, oldest first
    expiring_soon: Alerts[LotAlert]  # 0 ≤ days left < soon_days
    expiring_watch: Alerts[LotAlert]  # soon_days ≤ days left < watch_days
    below_target: Alerts[ReserveRow]  # emptiest first (usable ÷ target)
    overdue_loans: Alerts[LoanAlert]  # most overdue first
    open_requisitions: Alerts[RequisitionAlert]  # oldest first
    requisitions_to_decide: int  # of the open ones, those waiting for the approver
    last_stocktake: StocktakeInfo | None
    consumption: Consumption
    cover: list[Cover]  # lowest cover first, at most COVER_ITEMS
    cover_total: int = 0  # items with any use (the chart shows the first COVER_ITEMS)
    targets: int = 0  # items with a reserve standard


# --- parts -----------------------------------------------------------------------------------


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def lot_counts(today: date, soon: date, watch: date) -> tuple[int, int, int]:
    """Lots with stock that are expired, expire before `soon`, expire before `watch`: one pass."""
    window = pw.Case(None, [(Lot.expiry < today, 0), (Lot.expiry < soon, 1)], 2)
    q = (
        Balance.select(window, pw.fn.COUNT(pw.fn.DISTINCT(Balance.lot)))
        .join(Lot, on=(Lot.id == Balance.lot))
        .where((Balance.qty > 0) & Lot.expiry.is_null(False) & (Lot.expiry < watch))
        .group_by(window)
    )
    found = dict(q.tuples())
    return found.get(0, 0), found.get(1, 0), found.get(2, 0)


def lot_alerts(
    today: date, start: date | None, end: date, *, limit: int = LIST_LIMIT
) -> list[LotAlert]:
    """The `limit` soonest lots with stock whose expiry is in [start, end) (no start: every
    expired one too). Lots are walked in expiry order (index) until enough have stock."""
    on_shelf = Balance.select(Balance.lot).where((Balance.lot == Lot.id) & (Balance.qty > 0))
    qty = Balance.select(pw.fn.SUM(Balance.qty)).where(Balance.lot == Lot.id)
    where = Lot.expiry.is_null(False) & (Lot.expiry < end) & pw.fn.EXISTS(on_shelf)
    if start is not None:
        where &= Lot.expiry >= start
    q = (
        Lot.select(
            Lot.item, Lot.id, Item.code, Item.name, Item.base_unit, Lot.batch, Lot.expiry, qty
        )
        .join(Item, on=(Item.id == Lot.item))
        .where(where)
        .order_by(Lot.expiry, Lot.id)
        .limit(limit)
    )
    rows = []
    for item_id, lot_id, code, name, unit, batch, expiry, total in q.tuples():
        when = _as_date(expiry)
        rows.append(
            LotAlert(
                item_id, lot_id, code, name, batch, when, (when - today).days, int(total or 0), unit
            )
        )
    return rows


def overdue_loans(today: date) -> list[LoanAlert]:
    """Open loans past their due date, most overdue first."""
    q = (
        Loan.select(Loan.id, Voucher.number, Party.name, Loan.due_date)
        .join(Voucher, on=(Voucher.id == Loan.voucher))
        .switch(Loan)
        .join(Party, on=(Party.id == Loan.borrower))
        .where((Loan.status == "open") & (Loan.due_date < today))
        .order_by(Loan.due_date, Loan.id)
    )
    out = []
    for loan_id, number, borrower, due in q.tuples():
        when = _as_date(due)
        out.append(LoanAlert(loan_id, number or "", borrower, when, (today - when).days))
    return out


def open_requisitions() -> list[RequisitionAlert]:
    """Requisitions waiting for a decision or for goods, oldest first."""
    q = (
        Requisition.select(
            Requisition.id, Requisition.number, Party.name, Requisition.doc_date, Requisition.status
        )
        .join(Party, on=(Party.id == Requisition.department))
        .where(Requisition.status.in_(OPEN_REQUISITIONS))
        .order_by(Requisition.doc_date, Requisition.id)
    )
    return [
        RequisitionAlert(rid, number, dept, _as_date(day), state)
        for rid, number, dept, day, state in q.tuples()
    ]


def _bucket_starts(today: date, days: int, bucket: str) -> list[date]:
    start = today - timedelta(days=days - 1)
    if bucket == "day":
        return [start + timedelta(days=n) for n in range(days)]
    monday = start - timedelta(days=start.weekday())
    starts = []
    while monday <= today:
        starts.append(max(monday, start))  # the first week is cut at the window's start
        monday += timedelta(days=7)
    return starts


def _bucket_index(day: date, starts: list[date], bucket: str) -> int:
    if bucket == "day":
        return (day - starts[0]).days
    first_monday = starts[0] - timedelta(days=starts[0].weekday())
    return (day - first_monday).days // 7


def _item_names() -> dict[int, tuple[str, str, str, str, str]]:
    """item id → (code, name, unit, category code, category label in the current language).

    Item names stay as stored, as on every other page; categories are shown in the language.
    """
    q = Item.select(
        Item.id,
        Item.code,
        Item.name,
        Item.base_unit,
        Item.category,
        Category.name,
        Category.name_en,
    ).join(Category, on=(Category.code == Item.category))
    return {
        iid: (code, name, unit, cat, i18n.pick(cat_name, cat_en or cat_name))
        for iid, code, name, unit, cat, cat_name, cat_en in q.tuples()
    }


def _check(by: str, bucket: str) -> None:
    if by not in BY:
        raise BadInput(f"未知的分组 {by}", f"Unknown grouping {by}", field="by")
    if bucket not in BUCKETS:
        raise BadInput(f"未知的时间单位 {bucket}", f"Unknown bucket {bucket}", field="bucket")


def consumption(
    by: str = "category",
    bucket: str = "week",
    *,
    item_ids: Iterable[int] | None = None,
    today: date | None = None,
    days: int = rules.USE_WINDOW_DAYS,
    totals: dict[int, int] | None = None,
) -> Consumption:
    """Use over the last `days` days per category or per item, by day or by week.

    By item: the given items, else the TOP_ITEMS most used (`totals` is reserve.use_totals()
    for the same window when the caller has it already).
    """
    _check(by, bucket)
    today = today or date.today()
    if by == "item" and item_ids is None:
        if totals is None:
            totals = reserve.use_totals(days=days, today=today)
        ranked = sorted((kv for kv in totals.items() if kv[1] > 0), key=lambda kv: (-kv[1], kv[0]))
        item_ids = [item_id for item_id, _ in ranked[:TOP_ITEMS]]
    wanted = list(item_ids) if item_ids is not None else None
    use = reserve.use_by_day(wanted, days=days, today=today, by=by)
    names = _item_names()
    labels: dict[object, tuple[str, str, str]] = {}  # key → (code, label, unit)
    for item_id, (code, name, unit, cat, cat_label) in names.items():
        labels[cat] = (cat, cat_label, "")
        labels[item_id] = (code, name, unit)
    starts = _bucket_starts(today, days, bucket)
    sums: dict[object, list[int]] = defaultdict(lambda: [0] * len(starts))
    for (day, key), qty in use.items():
        sums[key][_bucket_index(day, starts, bucket)] += qty
    ordered = sorted(sums.items(), key=lambda kv: (-sum(kv[1]), str(kv[0])))
    series = tuple(
        Series(*labels.get(key, (str(key), str(key), "")), tuple(values))
        for key, values in ordered
        if sum(values) != 0
    )
    return Consumption(by, bucket, tuple(starts), series, days)


def cover(rows: list[ReserveRow]) -> list[Cover]:
    """Days of cover of every item that was used, lowest first (rows: reserve.status(all))."""
    out = [
        Cover(
            r.item_id,
            r.code,
            r.name,
            r.unit,
            r.usable,
            r.avg_daily_use,
            r.days_of_cover,
            r.days or None,
        )
        for r in rows
        if r.days_of_cover is not None
    ]
    return sorted(out, key=lambda c: (c.days_of_cover, c.code))


# --- all of it -------------------------------------------------------------------------------


def summary(today: date | None = None, *, by: str = "category", bucket: str = "week") -> Summary:
    """Everything the dashboard shows, as plain data: each entry a count and its first few."""
    _check(by, bucket)
    today = today or date.today()
    soon_days, watch_days = settings.expiry_windows()
    soon, watch = today + timedelta(days=soon_days), today + timedelta(days=watch_days)
    n_expired, n_soon, n_watch = lot_counts(today, soon, watch)
    totals = reserve.use_totals(today=today)
    averages = {i: rules.average_daily(t) for i, t in totals.items() if t > 0}
    rows = reserve.status(today, all_items=True, averages=averages)
    covered = cover(rows)
    targets = [r for r in rows if r.days]
    below = sorted(
        (r for r in targets if r.gap > 0), key=lambda r: (r.usable / max(r.target, 1), r.code)
    )
    loans = overdue_loans(today)
    requisitions = open_requisitions()
    return Summary(
        today=today,
        soon_days=soon_days,
        watch_days=watch_days,
        # lists are read only for windows that have lots (usually none are expired)
        expired=Alerts(n_expired, tuple(lot_alerts(today, None, today) if n_expired else ())),
        expiring_soon=Alerts(n_soon, tuple(lot_alerts(today, today, soon) if n_soon else ())),
        expiring_watch=Alerts(n_watch, tuple(lot_alerts(today, soon, watch) if n_watch else ())),
        below_target=Alerts(len(below), tuple(below[:LIST_LIMIT])),
        overdue_loans=Alerts(len(loans), tuple(loans[:LIST_LIMIT])),
        open_requisitions=Alerts(len(requisitions), tuple(requisitions[:LIST_LIMIT])),
        requisitions_to_decide=sum(1 for r in requisitions if r.status == "submitted"),
        last_stocktake=stocktake.last_closed(),
        consumption=consumption(by, bucket, today=today, totals=totals),
        cover=covered[:COVER_ITEMS],
        cover_total=len(covered),
        targets=len(targets),
    )
