"""The `report` command: any report as xlsx, PDF or CSV for a date range, or the list of them."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, db_option, open_db, width
from app.domain.errors import BadInput
from app.domain.i18n import pick

if TYPE_CHECKING:  # the documents pull in reportlab; only `report` itself needs them
    from app.documents.reports import ReportSpec


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write a report (stock card, receipts-issues-balances, donations …) as xlsx, pdf "
        "or csv",
        description="Write one report for a date range. `storekeeper report --list` shows the "
        "reports and what each needs; it needs no database.",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="the report (see --list)")
    p.add_argument("--list", action="store_true", help="list the reports and stop")
    db_option(p)
    p.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="DATE",
        help="first day, YYYY-MM-DD (default: the first day of the month of --to, or the first "
        "posting when the books begin later)",
    )
    p.add_argument(
        "--to", dest="end", type=_date, metavar="DATE", help="last day, YYYY-MM-DD (default: today)"
    )
    p.add_argument("--item", metavar="CODE", help="the item (code or GTIN), for reports about one")
    p.add_argument("--lot", metavar="BATCH", help="the lot's batch number (ledger-card, lot-trace)")
    p.add_argument("--format", choices=["xlsx", "pdf", "csv"], help="the kind of file to write")
    p.add_argument("-o", "--output", metavar="FILE", help="the file to write")
    p.set_defaults(func=cmd_report)


def _needs(s: ReportSpec) -> str:
    parts = []
    item, lot, period = s.item, s.lot, s.period
    if item == "required":
        parts.append("--item")
    elif item == "optional":
        parts.append("[--item]")
    if lot == "required":
        parts.append("--lot")
    elif lot == "optional":
        parts.append("[--lot]")
    if period == "today":
        parts.append(pick("（当日状态，不用日期）", "(as of today: no dates)"))
    elif period == "all":
        parts.append(pick("（全部记录，不用日期）", "(whole history: no dates)"))
    return " ".join(parts)


def cmd_list() -> int:
    from app.services import reports

    rows = [(s.name, pick(s.zh, s.en), _needs(s)) for s in reports.specs()]
    w_name = max(len(n) for n, _t, _n in rows)
    w_title = max(width(t) for _n, t, _x in rows)
    for name, title, needs in rows:
        print(f"{name:<{w_name}}  {title}{' ' * (w_title - width(title))}  {needs}".rstrip())
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from app.services import reports

    if args.list:
        return cmd_list()
    if not args.name:
        raise BadInput(
            "请指定报表名称（见 storekeeper report --list）",
            "Name a report (see: storekeeper report --list)",
        )
    reports.spec(args.name)  # a wrong name is refused before the database is opened
    missing = [opt for opt, value in (("--format", args.format), ("-o", args.output)) if not value]
    if missing:
        raise BadInput(
            f"缺少参数：{', '.join(missing)}（见 storekeeper report --help）",
            f"missing: {', '.join(missing)} (see: storekeeper report --help)",
        )
    out = Path(args.output)
    open_db(args)
    params = reports.make_params(
        args.name, start=args.start, end=args.end, item=args.item, lot=args.lot
    )
    data = reports.build(args.name, params)
    from app.documents.reports import write

    write(data, args.format, out)
    rows = data.row_count()
    print(
        pick(
            f"{out}：{data.title}，{data.period}，{rows} 行",
            f"{out}: {data.title}, {data.period}, {rows} rows",
        )
    )
    return EXIT_OK
