"""Reports (报表): which there are, what each needs, and each built as data or written as a file.

The reports and their columns are defined in resources/reports/reports.toml; each has one builder
here that fills the rows. The window and the command line both call `make_params` and `export`.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import peewee as pw

from app.documents import reports as doc
from app.documents.reports import FORMATS, ReportData, ReportSpec, Section
from app.domain.errors import BadInput, NotFound
from app.domain.i18n import pick
from app.domain.progress import Progress, silent
from app.services import settings
from app.services.reports import disclosure, movements, planning, stock
from app.services.reports.base import Builder, Params
from app.store.database import db
from app.store.models import Item, Lot, Voucher

BUILDERS: dict[str, Builder] = {
    "ledger-card": stock.ledger_card,
    "in-out-summary": stock.in_out_summary,
    "receipts": movements.receipts,
    "donations": movements.donations,
    "issues": movements.issues,
    "overrides": movements.overrides,
    "write-offs": movements.write_offs,
    "loans": movements.loans,
    "lot-trace": stock.lot_trace,
    "reserve-status": planning.reserve_status,
    "demand-request": planning.demand_request,
    "disclosure": disclosure.disclosure,
}

__all__ = ["FORMATS", "Params", "ReportData", "ReportSpec", "build", "export", "make_params"]


def specs() -> tuple[ReportSpec, ...]:
    """Every report, in the order of the definitions file."""
    return doc.specs()


def spec(name: str) -> ReportSpec:
    for s in specs():
        if s.name == name:
            return s
    names = ", ".join(s.name for s in specs())
    raise BadInput(
        f"没有名为 {name} 的报表（可选：{names}）",
        f"No report named {name} (choose: {names})",
        field="report",
    )


def first_posting() -> date | None:
    value = Voucher.select(pw.fn.MIN(Voucher.doc_date)).where(Voucher.status == "posted").scalar()
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def default_start(end: date) -> date:
    """The first day of the month of `end` — or the first posting, when the books begin later."""
    start = end.replace(day=1)
    first = first_posting()
    return first if first is not None and start < first <= end else start


def _item(code: str) -> Item:
    from app.services.catalogue import find_item

    item = find_item(code)
    if item is None:
        raise NotFound(
            f"物资编码 {code} 不存在", f"There is no item with code {code}", field="item"
        )
    return item


def _lot(batch: str, item: Item | None) -> Lot:
    batch = batch.strip()
    q = Lot.select().where(Lot.batch == batch)
    if item is not None:
        lot = q.where(Lot.item == item.id).first()
        if lot is None:
            raise NotFound(
                f"{item.name} 没有批号 {batch}", f"{item.name} has no batch {batch}", field="lot"
            )
        return lot
    found = list(q.limit(2))
    if not found:
        raise NotFound(f"批号 {batch} 不存在", f"There is no batch {batch}", field="lot")
    if len(found) > 1:
        raise BadInput(
            f"批号 {batch} 属于多种物资，请同时指定物资",
            f"Batch {batch} belongs to several items: give the item too",
            field="item",
        )
    return found[0]


def make_params(
    name: str,
    *,
    start: date | None = None,
    end: date | None = None,
    item: str | None = None,
    lot: str | None = None,
    today: date | None = None,
) -> Params:
    """Check a report's inputs and fill in the defaults: from the first day of this month (or the
    first posting) to today; an item by code or GTIN; a lot by its batch number."""
    s = spec(name)
    today = today or date.today()
    title = pick(s.zh, s.en)
    item = (item or "").strip() or None
    lot = (lot or "").strip() or None
    if item and s.item == "none":
        raise BadInput(
            f"“{title}”不按物资筛选，请不要指定物资",
            f"{title} is not made for one item: leave the item out",
            field="item",
        )
    if lot and s.lot == "none":
        raise BadInput(
            f"“{title}”不按批次筛选，请不要指定批号",
            f"{title} is not made for one lot: leave the batch out",
            field="lot",
        )
    if s.lot == "required" and not lot:
        raise BadInput(f"“{title}”需要选择批号", f"{title} needs a batch (lot)", field="lot")
    if s.item == "required" and not item and not lot:
        raise BadInput(f"“{title}”需要选择物资", f"{title} needs an item", field="item")
    found = _item(item) if item else None
    found_lot = _lot(lot, found) if lot else None
    if found is None and found_lot is not None:
        found = found_lot.item
    if s.period == "today":
        start = end = today
    elif s.period == "all":
        end = today
        start = first_posting() or today
        start = min(start, today)
    else:
        end = end or today
        start = start or default_start(end)
        if start > end:
            raise BadInput(
                f"开始日期 {start} 晚于结束日期 {end}",
                f"The start date {start} is after the end date {end}",
                field="from",
            )
    return Params(start, end, found.id if found else None, found_lot.id if found_lot else None)


def period_text(s: ReportSpec, p: Params) -> str:
    if s.period == "today":
        return pick(f"截至 {p.end}", f"as of {p.end}")
    if s.period == "all":
        return pick(f"全部记录（截至 {p.end}）", f"the whole history (to {p.end})")
    return pick(f"{p.start} 至 {p.end}", f"{p.start} to {p.end}")


def build(name: str, p: Params, progress: Progress | None = None) -> ReportData:
    """The report as plain data (translated, numbers still numbers), ready for any format."""
    s = spec(name)
    # One read transaction: every query of the report sees the same books, even while another
    # window or the command line posts.
    with db.atomic():
        content = BUILDERS[name](p, progress or silent)
    several = len(s.sections) > 1
    sections = [
        Section(
            sec.key,
            sec.title() if several else "",
            list(sec.columns),
            content.rows.get(sec.key, []),
            content.totals.get(sec.key),
            content.totals_label.get(sec.key, ""),
            content.empty_text.get(sec.key, "")
            or (pick("（无记录）", "(nothing recorded)") if s.period != "range" else ""),
        )
        for sec in s.sections
    ]
    return ReportData(
        name=name,
        title=s.title(),
        institution=settings.institution_name(),
        period=period_text(s, p),
        made_at=datetime.now().replace(microsecond=0),
        fields=content.fields,
        sections=sections,
        signoff=[pick(zh, en) for zh, en in s.signoff],
    )


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise BadInput(
            f"未知的格式 {fmt}（可选：{'、'.join(FORMATS)}）",
            f"Unknown format {fmt} (choose: {', '.join(FORMATS)})",
            field="format",
        )
    return fmt


def export(name: str, p: Params, fmt: str, path: Path, progress: Progress | None = None) -> Path:
    """Build the report and write it as xlsx, pdf or csv; the file appears whole or not at all."""
    check_format(fmt)
    data = build(name, p, progress)
    return doc.write(data, fmt, Path(path), progress)


def file_name(name: str, p: Params, fmt: str) -> str:
    """A name to offer when saving: 收发存汇总表_2026-11-01_2026-11-28.xlsx."""
    s = spec(name)
    title = pick(s.zh, s.en.replace(" ", "-"))
    if s.period == "range":
        when = f"{p.start}_{p.end}"
    else:
        when = f"{p.end}"
    extra = ""
    if p.item_id is not None:
        extra = f"_{Item.get_by_id(p.item_id).code}"
        if p.lot_id is not None:
            extra += f"_{Lot.get_by_id(p.lot_id).batch}"
    bad = str.maketrans({c: "-" for c in '\\/:*?"<>|,()'})
    return f"{title}{extra}_{when}.{fmt}".translate(bad)
