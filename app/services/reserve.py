"""Reserve standards (储备标准) and the top-up list (填平补齐): target, usable stock, gap, cover.

Each item with a standard has a daily need at full load (a fixed quantity, or a quantity per
person × the active people in chosen groups) and a number of reserve days; target = need × days.
Usable stock leaves out expired lots and lots on hold; what expires within the reserve window is
counted as usable but flagged. Use is what went out in issues and loans (class rounds are
issues), net of their reversals, never moves. Every read is one aggregate query, so the page and
the dashboard stay quick on years of books. Changing a standard is a rule change: validated,
one transaction, recorded in the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import peewee as pw

from app.domain import reserve as rules
from app.domain import units
from app.domain.codes import RISK_GROUPS
from app.domain.errors import BadInput, NotFound
from app.domain.progress import Progress
from app.services import audit
from app.store.database import write_transaction
from app.store.models import (
    Balance,
    Category,
    Item,
    LedgerEntry,
    Lot,
    LotHold,
    Party,
    ReserveTarget,
    Voucher,
    now,
)

USE_TYPES = ("issue", "loan")  # what counts as use; a reversal of one of them counts against it
MAX_NOTE = 200


@dataclass(frozen=True)
class ReserveRow:
    item_id: int
    code: str
    name: str
    category: str  # category name (Chinese)
    unit: str  # item.base_unit
    pack_unit: str  # largest pack unit from item.packs ("" when none)
    pack_size: int  # base units per pack_unit (1 when none)
    daily_need: float  # base units per day at full load
    days: int  # reserve days (45 by default)
    target: int  # ceil(daily_need * days)
    on_hand: int  # all stock of the item
    usable: int  # on_hand minus expired lots (and lots on hold)
    expiring_in_window: int  # part of usable in lots that expire within `days` days of today
    gap: int  # max(0, target - usable)
    gap_packs: int  # ceil(gap / pack_size)
    avg_daily_use: float  # base units issued per day over the last 90 days
    days_of_cover: float | None  # usable / avg_daily_use; None when there was no use


@dataclass(frozen=True)
class TargetInfo:
    """An item's standard as the reserve page edits it."""

    item_id: int
    code: str
    name: str
    unit: str
    mode: str  # code: fixed, per_person
    qty: Decimal  # per day, or per person per day (base units)
    departments: tuple[int, ...]  # per_person: department party ids
    risk_groups: tuple[str, ...]  # per_person: risk codes
    days: int
    people: int  # active people in the chosen groups now (per_person)
    note: str
    updated_at: object

    @property
    def daily_need(self) -> Decimal:
        return rules.daily_need(self.mode, self.qty, self.people)

    @property
    def target(self) -> int:
        return rules.target(self.daily_need, self.days)


@dataclass(frozen=True)
class ItemStock:
    """An item's stock split for the reserve: all of it, the usable part, what is set aside."""

    on_hand: int = 0
    usable: int = 0
    expired: int = 0
    held: int = 0
    # (expiry, qty) of usable lots, so any reserve window can be summed without another query
    dated: tuple[tuple[date, int], ...] = ()

    def expiring_within(self, today: date, days: int) -> int:
        end = today + timedelta(days=days)
        return sum(q for expiry, q in self.dated if expiry < end)


# --- reads -----------------------------------------------------------------------------------


def _ids(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(p) for p in (text or "").split(",") if p.strip().isdigit()}))


def _codes(text: str) -> tuple[str, ...]:
    return tuple(sorted({p.strip() for p in (text or "").split(",") if p.strip()}))


def _people() -> list[tuple[int | None, str | None, int]]:
    """(department id, risk group, how many) of the active people: one grouped query (a few
    dozen rows, not one per person), summed in Python for each standard's groups."""
    return list(
        Party.select(Party.department, Party.risk_group, pw.fn.COUNT(Party.id))
        .where((Party.kind == "person") & (Party.active == True))  # noqa: E712
        .group_by(Party.department, Party.risk_group)
        .tuples()
    )


def _count(
    people: Sequence[tuple[int | None, str | None, int]],
    departments: Iterable[int],
    risk_groups: Iterable[str],
) -> int:
    depts, risks = set(departments), set(risk_groups)
    return sum(
        n
        for dept, risk, n in people
        if (not depts or dept in depts) and (not risks or (risk or "") in risks)
    )


def count_people(departments: Iterable[int] = (), risk_groups: Iterable[str] = ()) -> int:
    """Active people in one of `departments` (any when none) and one of `risk_groups` (any)."""
    return _count(_people(), departments, risk_groups)


def _target_info(row: ReserveTarget, item: Item, people: Sequence) -> TargetInfo:
    depts, risks = _ids(row.departments), _codes(row.risk_groups)
    return TargetInfo(
        item_id=item.id,
        code=item.code,
        name=item.name,
        unit=item.base_unit,
        mode=row.mode,
        qty=Decimal(str(row.qty)),
        departments=depts,
        risk_groups=risks,
        days=row.days,
        people=_count(people, depts, risks) if row.mode == rules.PER_PERSON else 0,
        note=row.note,
        updated_at=row.updated_at,
    )


def targets() -> dict[int, TargetInfo]:
    """Every standard, by item id."""
    people = _people()
    q = ReserveTarget.select(ReserveTarget, Item).join(Item)
    return {row.item_id: _target_info(row, row.item, people) for row in q}


def get_target(item_id: int) -> TargetInfo | None:
    row = (
        ReserveTarget.select(ReserveTarget, Item)
        .join(Item)
        .where(ReserveTarget.item == item_id)
        .first()
    )
    return _target_info(row, row.item, _people()) if row else None


def stock_by_item(
    today: date, item_ids: Iterable[int] | None = None, *, horizon: int | None = None
) -> dict[int, ItemStock]:
    """Stock of every item with any, split into usable, expired and held.

    Two grouped queries over the balances: the split per item, and the usable lots that expire
    within `horizon` days (default: the longest reserve window of any standard), by expiry.
    """
    ids = list(item_ids) if item_ids is not None else None
    held = Balance.lot.in_(LotHold.select(LotHold.lot).where(LotHold.released_at.is_null()))
    expired = Lot.expiry.is_null(False) & (Lot.expiry < today)
    q = (
        Balance.select(
            Balance.item,
            pw.fn.SUM(Balance.qty),
            pw.fn.SUM(pw.Case(None, [(expired, Balance.qty)], 0)),
            pw.fn.SUM(pw.Case(None, [(~expired & held, Balance.qty)], 0)),
        )
        .join(Lot, on=(Lot.id == Balance.lot))
        .where(Balance.qty > 0)
        .group_by(Balance.item)
    )
    if ids is not None:
        q = q.where(Balance.item.in_(ids))
    totals = {row[0]: [int(v or 0) for v in row[1:]] for row in q.tuples()}
    if horizon is None:
        horizon = int(ReserveTarget.select(pw.fn.MAX(ReserveTarget.days)).scalar() or 0)
    dated: dict[int, list[tuple[date, int]]] = defaultdict(list)
    if horizon > 0:
        soon = (
            Balance.select(Balance.item, Lot.expiry, pw.fn.SUM(Balance.qty))
            .join(Lot, on=(Lot.id == Balance.lot))
            .where(
                (Balance.qty > 0)
                & (Lot.expiry >= today)
                & (Lot.expiry < today + timedelta(days=horizon))
                & ~held
            )
            .group_by(Balance.item, Lot.expiry)
        )
        if ids is not None:
            soon = soon.where(Balance.item.in_(ids))
        for item_id, expiry, qty in soon.tuples():
            when = _as_date(expiry)
            assert when is not None
            dated[item_id].append((when, int(qty or 0)))
    return {
        item_id: ItemStock(
            on_hand=on_hand,
            usable=on_hand - expired_qty - held_qty,
            expired=expired_qty,
            held=held_qty,
            dated=tuple(dated.get(item_id, ())),
        )
        for item_id, (on_hand, expired_qty, held_qty) in totals.items()
    }


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def _use_query(start: date, today: date, *columns: object) -> pw.ModelSelect:
    """Ledger entries of use between two dates: issues and loans out, less their reversals."""
    original = Voucher.alias("original")
    return (
        LedgerEntry.select(*columns)
        .join(Voucher, on=(Voucher.id == LedgerEntry.voucher))
        .join(original, pw.JOIN.LEFT_OUTER, on=(original.id == Voucher.reverses))
        .where(
            (Voucher.doc_date >= start)
            & (Voucher.doc_date <= today)
            & (
                Voucher.vtype.in_(USE_TYPES)
                | ((Voucher.vtype == "reversal") & original.vtype.in_(USE_TYPES))
            )
        )
    )


def _window(days: int, today: date | None) -> tuple[date, date]:
    today = today or date.today()
    return today - timedelta(days=days - 1), today


def use_totals(
    item_ids: Iterable[int] | None = None,
    *,
    days: int = rules.USE_WINDOW_DAYS,
    today: date | None = None,
) -> dict[int, int]:
    """{item id: base units used} over the `days` days ending today (today included).

    Use = issues and loans out (class rounds are issues), less their reversals; moves, receipts,
    returns, write-offs and stocktake adjustments are not use. Vouchers are found through the
    (vtype, doc_date) index, so only the window's entries are read.
    """
    start, end = _window(days, today)
    q = _use_query(start, end, LedgerEntry.item, pw.fn.SUM(LedgerEntry.delta)).group_by(
        LedgerEntry.item
    )
    if item_ids is not None:
        q = q.where(LedgerEntry.item.in_(list(item_ids)))
    return {item_id: -int(delta or 0) for item_id, delta in q.tuples()}  # out is negative


def use_by_day(
    item_ids: Iterable[int] | None = None,
    *,
    days: int = rules.USE_WINDOW_DAYS,
    today: date | None = None,
    by: str = "item",
) -> dict[tuple[date, object], int]:
    """{(day, key): base units used} over the window; key = item id, or category code when
    `by` is "category" (grouped in SQL, so a busy storeroom returns hundreds of rows, not
    tens of thousands)."""
    start, end = _window(days, today)
    key = LedgerEntry.item if by == "item" else Item.category
    q = _use_query(start, end, Voucher.doc_date, key, pw.fn.SUM(LedgerEntry.delta))
    if by != "item":
        q = q.join(Item, on=(Item.id == LedgerEntry.item), src=LedgerEntry)
    q = q.group_by(Voucher.doc_date, key)
    if item_ids is not None:
        q = q.where(LedgerEntry.item.in_(list(item_ids)))
    out: dict[tuple[date, object], int] = {}
    days_seen: dict[object, date] = {}  # ~90 distinct days in the rows: parse each once
    for day, group, delta in q.tuples():
        when = days_seen.get(day)
        if when is None:
            when = days_seen[day] = _as_date(day)  # type: ignore[assignment]
        out[(when, group)] = -int(delta or 0)
    return out


def average_daily_use(
    item_ids: Iterable[int] | None = None,
    *,
    days: int = rules.USE_WINDOW_DAYS,
    today: date | None = None,
) -> dict[int, float]:
    """Base units used per day over the last `days` days, by item (items with no use left out)."""
    totals = use_totals(item_ids, days=days, today=today)
    return {i: rules.average_daily(t, days) for i, t in totals.items() if t > 0}


def _row(
    item: dict,
    info: TargetInfo | None,
    stock: ItemStock,
    avg: float,
    today: date,
) -> ReserveRow:
    pack_unit, pack_size = rules.largest_pack(_packs(item["packs"]))
    need = info.daily_need if info else Decimal(0)
    days = info.days if info else 0
    target = info.target if info else 0
    gap = rules.gap(target, stock.usable) if info else 0
    return ReserveRow(
        item_id=item["id"],
        code=item["code"],
        name=item["name"],
        category=item["category_name"],
        unit=item["base_unit"],
        pack_unit=pack_unit,
        pack_size=pack_size,
        daily_need=float(need),
        days=days,
        target=target,
        on_hand=stock.on_hand,
        usable=stock.usable,
        expiring_in_window=stock.expiring_within(today, days) if info else 0,
        gap=gap,
        gap_packs=rules.packs_for(gap, pack_size),
        avg_daily_use=avg,
        days_of_cover=rules.days_of_cover(stock.usable, avg),
    )


def _packs(text: str) -> list[units.PackUnit]:
    try:
        return units.parse_packs(text)
    except BadInput:  # a hand-edited catalogue row: show the item without its packs
        return []


def _items(item_ids: Iterable[int] | None = None, *, active_only: bool = True) -> list[dict]:
    q = (
        Item.select(
            Item.id,
            Item.code,
            Item.name,
            Item.base_unit,
            Item.packs,
            Item.category,
            Category.name.alias("category_name"),
            Category.sort.alias("category_sort"),
        )
        .join(Category, on=(Category.code == Item.category))
        .order_by(Category.sort, Category.code, Item.code)
    )
    if active_only:
        q = q.where(Item.active == True)  # noqa: E712
    if item_ids is not None:
        q = q.where(Item.id.in_(list(item_ids)))
    return list(q.dicts())


def status(
    today: date | None = None,
    *,
    all_items: bool = False,
    averages: dict[int, float] | None = None,
    found: dict[int, TargetInfo] | None = None,
) -> list[ReserveRow]:
    """Every active item that has a standard, by category and code.

    `all_items` adds the active items without a standard (target 0, days 0), so a page can set
    one; their usable stock and days of cover are real. `averages` is average_daily_use() when
    the caller has it already (the dashboard reads the window's use once for all its parts);
    `found` likewise is targets() (the reserve page shows them beside the rows).
    """
    today = today or date.today()
    found = targets() if found is None else found
    items = _items(None if all_items else list(found))
    ids = [i["id"] for i in items]
    stock = stock_by_item(today, None if all_items else ids)
    avg = (
        averages
        if averages is not None
        else average_daily_use(None if all_items else ids, today=today)
    )
    return [
        _row(i, found.get(i["id"]), stock.get(i["id"], ItemStock()), avg.get(i["id"], 0.0), today)
        for i in items
    ]


def top_up(today: date | None = None) -> list[ReserveRow]:
    """The top-up list for purchasing: items below their target, with the gap in whole packs."""
    return [r for r in status(today) if r.gap > 0]


# --- changes ---------------------------------------------------------------------------------


def _item(item_id: int) -> Item:
    item = Item.get_or_none(Item.id == item_id)
    if item is None:
        raise NotFound(f"物资 {item_id} 不存在", f"Item {item_id} does not exist", field="item")
    return item


def _record(row: ReserveTarget | None) -> dict:
    if row is None:
        return {}
    return {
        "mode": row.mode,
        "qty": rules.qty_text(Decimal(str(row.qty))),
        "departments": row.departments,
        "risk_groups": row.risk_groups,
        "days": row.days,
        "note": row.note,
    }


def set_target(
    item_id: int,
    *,
    mode: str,
    qty: object,
    days: object = rules.DEFAULT_DAYS,
    departments: Iterable[int] = (),
    risk_groups: Iterable[str] = (),
    note: str = "",
    by: int | None = None,
) -> TargetInfo:
    """Create or change an item's standard; checked whole first, recorded in the audit log."""
    rules.check_mode(mode)
    amount = rules.parse_qty(qty)
    n_days = rules.check_days(days)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise BadInput(
            f"备注太长（最多 {MAX_NOTE} 字）",
            f"Note too long ({MAX_NOTE} characters at most)",
            field="note",
        )
    depts = tuple(sorted({int(d) for d in departments}))
    risks = tuple(sorted({str(r).strip() for r in risk_groups if str(r).strip()}))
    if mode == rules.FIXED:
        depts, risks = (), ()  # groups only mean something per person
    with write_transaction():
        item = _item(item_id)
        if not item.active:
            raise BadInput(
                f"{item.name} 已停用，不能设置储备标准",
                f"{item.name} is retired; it cannot have a reserve standard",
                field="item",
            )
        for risk in risks:
            if risk not in RISK_GROUPS:
                raise BadInput(
                    f"未知的风险等级 {risk}", f"Unknown risk group {risk}", field="groups"
                )
        if depts:
            known = {
                p.id
                for p in Party.select(Party.id).where(
                    Party.id.in_(list(depts)) & (Party.kind == "department")
                )
            }
            missing = [d for d in depts if d not in known]
            if missing:
                raise BadInput(
                    f"部门/班级 {missing[0]} 不存在",
                    f"Department {missing[0]} does not exist",
                    field="groups",
                )
        if mode == rules.PER_PERSON and count_people(depts, risks) == 0:
            raise BadInput(
                "所选人群中没有在岗人员：按人数计算的储备量会是 0。请选择其他部门/风险等级，"
                "或改为每天固定数量",
                "No active staff in the chosen groups, so a per-person reserve would be 0. "
                "Choose other departments or risk groups, or a fixed quantity per day",
                field="groups",
            )
        row = ReserveTarget.get_or_none(ReserveTarget.item == item.id)
        before = _record(row)
        fields = {
            "mode": mode,
            "qty": amount,
            "departments": ",".join(map(str, depts)),
            "risk_groups": ",".join(risks),
            "days": n_days,
            "note": note,
            "updated_at": now(),
            "updated_by": by,
        }
        if row is None:
            row = ReserveTarget.create(item=item.id, **fields)
        else:
            for key, value in fields.items():
                setattr(row, key, value)
            row.save()
        after = _record(row)
        if after != before:
            details: dict = {"item": item.code, **after}
            if before:
                details["before"] = {k: v for k, v in before.items() if v != after.get(k)}
            audit.record("reserve.set", details, by=by)
    info = get_target(item.id)
    assert info is not None
    return info


def clear_target(item_id: int, *, by: int | None = None) -> None:
    """Remove an item's standard (it no longer appears on the reserve sheet or top-up list)."""
    with write_transaction():
        item = _item(item_id)
        row = ReserveTarget.get_or_none(ReserveTarget.item == item.id)
        if row is None:
            raise NotFound(
                f"{item.name} 没有储备标准", f"{item.name} has no reserve standard", field="item"
            )
        details = {"item": item.code, **_record(row)}
        row.delete_instance()
        audit.record("reserve.clear", details, by=by)


# --- the top-up list as a file ---------------------------------------------------------------


def export_top_up(
    path: Path,
    fmt: str,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the top-up list (补充采购清单) as xlsx or pdf for purchasing; returns the path."""
    from app.documents import reserve as sheet
    from app.services import settings

    if fmt not in ("xlsx", "pdf"):
        raise BadInput(
            f"未知的格式 {fmt}（xlsx 或 pdf）",
            f"Unknown format {fmt} (xlsx or pdf)",
            field="format",
        )
    today = today or date.today()
    if progress:
        progress(0, 2, "")
    rows = top_up(today)
    header = sheet.TopUpHeader(institution=settings.institution_name(), day=today)
    lines = [
        sheet.TopUpLine(
            code=r.code,
            name=r.name,
            category=r.category,
            unit=r.unit,
            days=r.days,
            target=r.target,
            usable=r.usable,
            expiring=r.expiring_in_window,
            gap=r.gap,
            pack_unit=r.pack_unit,
            pack_size=r.pack_size,
            gap_packs=r.gap_packs,
        )
        for r in rows
    ]
    if progress:
        progress(1, 2, "")  # the last chance to cancel: the file is written whole or not at all
    path = Path(path)
    try:
        if fmt == "xlsx":
            sheet.write_xlsx(header, lines, path)
        else:
            sheet.write_pdf(header, lines, path)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise BadInput(
            f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}", field="file"
        ) from exc
    return path
