"""Reserve and dashboard commands: `reserve list|set|clear|top-up` and `dashboard`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, EXIT_PROBLEMS, Parser, db_option, emit, open_db
from app.domain import reserve as rules
from app.domain.codes import RISK_GROUPS
from app.domain.errors import BadInput
from app.domain.i18n import pick

if TYPE_CHECKING:
    from app.services.reserve import ReserveRow


def register(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("reserve", help="reserve standards (储备标准) and the top-up list")
    rs = top.add_subparsers(dest="reserve_command", metavar="ACTION", parser_class=Parser)
    top.set_defaults(func=lambda _args: top.error("choose an action: " + ", ".join(rs.choices)))

    p = rs.add_parser("list", help="items with a standard: target, usable, gap, days of cover")
    db_option(p)
    p.add_argument("--all", action="store_true", help="every active item, with or without one")
    p.add_argument("--below", action="store_true", help="only items below target (exit 1 if any)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_list)

    p = rs.add_parser("set", help="set an item's standard: daily need × reserve days")
    db_option(p)
    p.add_argument("item", metavar="CODE")
    need = p.add_mutually_exclusive_group(required=True)
    need.add_argument("--per-day", metavar="N", help="a fixed quantity a day (base units)")
    need.add_argument("--per-person", metavar="N", help="base units a person a day")
    p.add_argument(
        "--department",
        action="append",
        default=[],
        metavar="NAME",
        help="count the people of this department or class (repeat; default: all)",
    )
    p.add_argument(
        "--risk",
        action="append",
        default=[],
        choices=RISK_GROUPS,
        help="count the people of this risk group (repeat; default: all)",
    )
    p.add_argument("--days", default=str(rules.DEFAULT_DAYS), help="reserve days (default 45)")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_set)

    p = rs.add_parser("clear", help="remove an item's standard")
    db_option(p)
    p.add_argument("item", metavar="CODE")
    p.set_defaults(func=cmd_clear)

    p = rs.add_parser("top-up", help="write the top-up list for purchasing (xlsx or pdf)")
    db_option(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.pdf")
    p.add_argument("--format", choices=["xlsx", "pdf"], help="default: from the file name")
    p.set_defaults(func=cmd_top_up)

    p = sub.add_parser("dashboard", help="what needs doing today (the window's first page)")
    db_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_dashboard)


def _item_id(code: str) -> int:
    from app.services import catalogue

    item = catalogue.find_item(code.strip())
    if item is None:
        raise BadInput(f"没有编码为 {code} 的物资", f"No item with code {code}", field="item")
    return item.id


def _department_ids(names: list[str]) -> list[int]:
    from app.services import people

    known = {d.name: d.id for d in people.departments()}
    missing = [n for n in names if n not in known]
    if missing:
        raise BadInput(f"没有名为“{missing[0]}”的部门或班级", f"No department named '{missing[0]}'")
    return [known[n] for n in names]


def _row(r: ReserveRow) -> dict:
    d = asdict(r)
    d["days_of_cover"] = None if r.days_of_cover is None else round(r.days_of_cover, 1)
    d["avg_daily_use"] = round(r.avg_daily_use, 3)
    return d


def cmd_list(args: argparse.Namespace) -> int:
    from app.services import reserve

    open_db(args)
    found = reserve.status(all_items=args.all)
    if args.below:
        found = [r for r in found if r.gap > 0]
    rows = [_row(r) for r in found]
    cols = ["code", "name", "unit", "daily_need", "days", "target", "usable", "gap", "gap_packs"]
    cols += ["pack_unit", "expiring_in_window", "days_of_cover"]
    emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_PROBLEMS if args.below and rows else EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    from app.services import reserve

    open_db(args)
    per_person = args.per_person is not None
    if not per_person and (args.department or args.risk):
        raise BadInput(
            "--department 和 --risk 只用于 --per-person（按人数计算）",
            "--department and --risk go with --per-person only",
        )
    info = reserve.set_target(
        _item_id(args.item),
        mode=rules.PER_PERSON if per_person else rules.FIXED,
        qty=args.per_person if per_person else args.per_day,
        days=args.days,
        departments=_department_ids(args.department),
        risk_groups=args.risk,
        note=args.note,
    )
    need = rules.qty_text(info.daily_need)
    print(
        pick(
            f"{info.code} {info.name}：每天 {need} {info.unit} × {info.days} 天 = "
            f"储备目标 {info.target:,} {info.unit}"
            + (f"（{info.people} 人）" if per_person else ""),
            f"{info.code} {info.name}: {need} {info.unit} a day × {info.days} days = "
            f"target {info.target:,} {info.unit}"
            + (f" ({info.people} people)" if per_person else ""),
        )
    )
    return EXIT_OK


def cmd_clear(args: argparse.Namespace) -> int:
    from app.services import reserve

    open_db(args)
    reserve.clear_target(_item_id(args.item))
    print(pick(f"已取消 {args.item} 的储备标准", f"Removed the reserve standard of {args.item}"))
    return EXIT_OK


def cmd_top_up(args: argparse.Namespace) -> int:
    from app.services import reserve

    path = Path(args.output)
    fmt = args.format or path.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "pdf"):
        raise BadInput(
            f"无法从文件名 {path.name} 判断格式，请用 .xlsx 或 .pdf，或加 --format",
            f"Cannot tell the format from {path.name}: use .xlsx or .pdf, or --format",
        )
    open_db(args)
    print(reserve.export_top_up(path, fmt))
    return EXIT_OK


def cmd_dashboard(args: argparse.Namespace) -> int:
    from app.domain import stocktake as stocktake_rules
    from app.services import dashboard

    open_db(args)
    s = dashboard.summary()
    st = s.last_stocktake
    data = {
        "today": s.today.isoformat(),
        "soon_days": s.soon_days,
        "watch_days": s.watch_days,
        "expired_lots": s.expired.count,
        "expiring_soon": s.expiring_soon.count,  # 0 ≤ days left < soon_days
        "expiring_watch": s.expiring_watch.count,  # soon_days ≤ days left < watch_days
        "below_reserve_target": s.below_target.count,
        "overdue_loans": s.overdue_loans.count,
        "open_requisitions": s.open_requisitions.count,
        "last_stocktake": st.closed_at.strftime("%Y-%m-%d") if st and st.closed_at else None,
        "last_stocktake_accuracy": stocktake_rules.accuracy_text(st.accuracy) if st else None,
    }
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    lines = [
        (pick("已过期批次", "Expired lots"), s.expired.count),
        (
            pick(f"{s.soon_days} 天内到期", f"Expiring within {s.soon_days} days"),
            s.expiring_soon.count,
        ),
        (
            pick(
                f"{s.soon_days}–{s.watch_days} 天内到期",
                f"Expiring in {s.soon_days}–{s.watch_days} days",
            ),
            s.expiring_watch.count,
        ),
        (pick("低于储备标准", "Below reserve target"), s.below_target.count),
        (pick("借用逾期", "Overdue loans"), s.overdue_loans.count),
        (pick("未完成申领", "Open requisitions"), s.open_requisitions.count),
        (
            pick("上次盘点", "Last stocktake"),
            f"{data['last_stocktake']} {data['last_stocktake_accuracy']}" if st else "—",
        ),
    ]
    for what, n in lines:
        print(f"{what}: {n}")
    return EXIT_OK
