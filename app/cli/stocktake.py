"""Stocktake commands: `stocktake start|export|import|post|list|show|report`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, Parser, db_option, emit, open_db
from app.domain import stocktake as rules
from app.domain.i18n import pick


def register(sub: argparse._SubParsersAction) -> None:
    top = sub.add_parser("stocktake", help="monthly stocktake: count sheets, counts, adjustments")
    st = top.add_subparsers(dest="stocktake_command", metavar="ACTION", parser_class=Parser)
    top.set_defaults(func=lambda _args: top.error("choose an action: " + ", ".join(st.choices)))

    p = st.add_parser("start", help="open a count; prints the new stocktake's id last")
    db_option(p)
    p.add_argument("--month", metavar="YYYY-MM", help="the month counted (default: this month)")
    p.add_argument("--zone", metavar="Z", help="count one zone only")
    p.add_argument("--blind", action="store_true", help="the sheet hides book quantities")
    p.set_defaults(func=cmd_start)

    p = st.add_parser("export", help="write the count sheet as xlsx or pdf")
    db_option(p)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("--format", choices=["xlsx", "pdf"], required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = st.add_parser("import", help="take the counts from a filled xlsx sheet (all or nothing)")
    db_option(p)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_import)

    p = st.add_parser("post", help="post the differences with the approver's PIN and close")
    db_option(p)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("--approver", required=True, metavar="USER")
    p.add_argument("--pin", required=True, metavar="PIN")
    p.set_defaults(func=cmd_post)

    p = st.add_parser("list", help="every stocktake, newest first")
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_list)

    p = st.add_parser("show", help="the lines of a stocktake: expected, counted, difference")
    db_option(p)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--differences", action="store_true", help="only lines with a difference")
    p.set_defaults(func=cmd_show)

    p = st.add_parser("report", help="write the count report PDF (as kept when posted)")
    db_option(p)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_report)


def cmd_start(args: argparse.Namespace) -> int:
    from app.services import stocktake

    open_db(args)
    info = stocktake.start(month=args.month, zone=args.zone, blind=args.blind)
    n = len(stocktake.lines(info.id))
    blind = pick("，盲盘", ", blind") if info.blind else ""
    print(
        pick(
            f"已开始盘点 {info.number}（{rules.label(info.kind)}，{info.period}，"
            f"{info.scope_text()}，{n} 行{blind}）",
            f"Started stocktake {info.number} ({rules.label(info.kind)}, {info.period}, "
            f"{info.scope_text()}, {n} lines{blind})",
        )
    )
    print(info.id)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from app.services import stocktake

    open_db(args)
    path = stocktake.export_sheet(args.id, Path(args.output), args.format)
    print(path)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from app.services import stocktake

    open_db(args)
    result = stocktake.import_counts(args.id, Path(args.file))
    info = stocktake.get(args.id)
    left = sum(
        1
        for ln in stocktake.lines(args.id)
        if ln.item_id and ln.counted is None and ln.expected != 0
    )
    print(
        pick(
            f"{info.number}：已读入 {result.counted} 个实盘数量（其中清单外发现 {result.found} 个），"
            f"{result.reasons} 个差异原因；还有 {left} 行未盘",
            f"{info.number}: {result.counted} counts read ({result.found} found lots), "
            f"{result.reasons} reasons; {left} lines still to count",
        )
    )
    return EXIT_OK


def cmd_post(args: argparse.Namespace) -> int:
    from app.services import accounts, stocktake

    open_db(args)
    stocktake.refresh(args.id)  # a wrong id or a closed count is refused before the PIN counts
    approver = accounts.authenticate(args.approver, args.pin)
    info = stocktake.post(args.id, approver_id=approver.id)
    diffs = len(stocktake.variances(args.id))
    voucher = info.voucher_no or pick("无", "none")
    print(
        pick(
            f"{info.number} 已过账并关闭：调整单 {voucher}，{diffs} 处差异，"
            f"准确率 {rules.accuracy_text(info.accuracy)}",
            f"{info.number} posted and closed: voucher {voucher}, {diffs} differences, "
            f"accuracy {rules.accuracy_text(info.accuracy)}",
        )
    )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from app.services import stocktake

    open_db(args)
    rows = [
        {
            "id": i.id,
            "number": i.number,
            "kind": i.kind,
            "period": i.period,
            "zone": i.zone,
            "blind": i.blind,
            "status": i.status,
            "started_at": i.started_at.strftime("%Y-%m-%dT%H:%M:%S"),
            "closed_at": i.closed_at.strftime("%Y-%m-%dT%H:%M:%S") if i.closed_at else None,
            "lines": i.lines_total,
            "matched": i.lines_matched,
            "accuracy": rules.accuracy_text(i.accuracy) if i.closed_at else None,
            "voucher_no": i.voucher_no,
            "approver": i.approver,
        }
        for i in stocktake.list_stocktakes()
    ]
    cols = [
        "id",
        "number",
        "kind",
        "period",
        "zone",
        "status",
        "closed_at",
        "accuracy",
        "voucher_no",
    ]
    emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from app.services import stocktake

    open_db(args)
    info = stocktake.get(args.id)
    rows = []
    for ln in stocktake.lines(args.id):
        if args.differences and ln.difference in (None, 0):
            continue
        rows.append(
            {
                "seq": ln.seq,
                "slot": ln.slot,
                "item_code": ln.item_code,
                "item_name": ln.item_name,
                "batch": ln.batch,
                "expiry": ln.expiry.isoformat() if ln.expiry else None,
                "unit": ln.unit,
                "book_qty": None if info.blind and info.is_open else ln.book_qty,
                "expected": None if info.blind and info.is_open else ln.expected,
                "counted": ln.counted,
                "difference": ln.difference,
                "reason": ln.reason,
                "note": ln.note,
                "value": str(ln.value) if ln.value is not None else None,
                "origin": ln.origin,
            }
        )
    cols = ["seq", "slot", "item_code", "batch", "expected", "counted", "difference", "reason"]
    emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from app.services import stocktake

    open_db(args)
    print(stocktake.write_report(args.id, Path(args.output)))
    return EXIT_OK
