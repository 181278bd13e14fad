"""Issuing commands: people import/template, overrides report, overdue loans, lot hold and trace,
the sign sheet of an issue. Thin wrappers over the services; the window does the issuing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import EXIT_OK, EXIT_PROBLEMS, db_option, emit, open_db
from app.domain.errors import BadInput
from app.domain.i18n import pick
from app.domain.outbound import HOLD_REASONS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("people-import", help="create or update staff from an xlsx (all or nothing)")
    db_option(p)
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_people_import)

    p = sub.add_parser("people-template", help="save the xlsx template for people-import")
    db_option(p)
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_people_template)

    p = sub.add_parser(
        "overrides", help="issues let through over a limit, with approver and reason"
    )
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_overrides)

    p = sub.add_parser("loans", help="loans still out (exit 1 when any is overdue)")
    db_option(p)
    p.add_argument("--overdue", action="store_true", help="only overdue loans")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_loans)

    p = sub.add_parser("trace", help="where a lot came from and everyone who received it")
    db_option(p)
    p.add_argument("batch", metavar="BATCH")
    p.add_argument("--item", metavar="CODE", help="the item, when two items share a batch number")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="write the printable trace")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_trace)

    p = sub.add_parser("hold", help="put a lot on hold (it cannot be issued or lent)")
    db_option(p)
    p.add_argument("batch", metavar="BATCH")
    p.add_argument("--item", metavar="CODE")
    p.add_argument("--reason", choices=HOLD_REASONS, required=True)
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_hold)

    p = sub.add_parser("release", help="release a held lot")
    db_option(p)
    p.add_argument("batch", metavar="BATCH")
    p.add_argument("--item", metavar="CODE")
    p.add_argument("--note", required=True)
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("sign-sheet", help="the sign sheet (签领表) of an issue voucher, as PDF")
    db_option(p)
    p.add_argument("number", metavar="CK-YYYY-NNNN")
    p.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    p.set_defaults(func=cmd_sign_sheet)


def cmd_people_import(args: argparse.Namespace) -> int:
    from app.services import people

    open_db(args)
    result = people.import_people(Path(args.file))
    print(
        pick(
            f"新增 {result.created} 人，更新 {result.updated} 人",
            f"{result.created} created, {result.updated} updated",
        )
    )
    return EXIT_OK


def cmd_people_template(args: argparse.Namespace) -> int:
    from app.services import people

    open_db(args)
    print(people.save_template(Path(args.file)))
    return EXIT_OK


def cmd_overrides(args: argparse.Namespace) -> int:
    from app.services import issuing

    open_db(args)
    rows = [
        {
            "date": o.doc_date,
            "voucher": o.voucher,
            "person": o.person,
            "rule": o.rule_code,
            "kind": o.kind,
            "used": o.used,
            "wanted": o.wanted,
            "allowed": o.allowed,
            "period": o.period,
            "approver": o.approver,
            "reason": o.reason,
        }
        for o in issuing.overrides()
    ]
    emit(rows, args.format, list(rows[0]) if rows else ["date", "voucher", "person", "reason"])
    return EXIT_OK


def cmd_loans(args: argparse.Namespace) -> int:
    from app.services import loans

    open_db(args)
    found = loans.overdue() if args.overdue else loans.loans(open_only=True)
    rows = [
        {
            "number": r.number,
            "borrower": r.borrower,
            "lent_on": r.lent_on,
            "due": r.due_date,
            "overdue_days": r.overdue_days,
            "items": r.items,
            "still_out": r.out,
            "approver": r.approver,
        }
        for r in found
    ]
    emit(
        rows,
        args.format,
        ["number", "borrower", "lent_on", "due", "overdue_days", "items", "still_out", "approver"],
    )
    return EXIT_PROBLEMS if any(r.overdue_days for r in found) else EXIT_OK


def _lot_id(batch: str, item: str | None) -> int:
    from app.store.models import Item, Lot

    q = Lot.select(Lot, Item).join(Item).where(Lot.batch == batch.strip())
    if item:
        q = q.where(Item.code == item.strip().upper())
    found = list(q)
    if not found:
        raise BadInput(f"没有批号 {batch}", f"No batch {batch}", field="batch")
    if len(found) > 1:
        codes = ", ".join(lot.item.code for lot in found)
        raise BadInput(
            f"批号 {batch} 属于多个物资（{codes}），请用 --item 指明",
            f"Batch {batch} belongs to several items ({codes}); name one with --item",
            field="item",
        )
    return found[0].id


def cmd_trace(args: argparse.Namespace) -> int:
    from app.services import lots, settings

    open_db(args)
    t = lots.trace(_lot_id(args.batch, args.item))
    if args.output:
        from app.documents.issue_sheets import trace_pdf

        Path(args.output).write_bytes(trace_pdf(t, settings.institution_name()))
        print(args.output)
        return EXIT_OK
    rows = [
        {
            "receiver": r.party,
            "kind": r.party_kind,
            "department": r.department,
            "first": r.first,
            "last": r.last,
            "qty": r.qty,
        }
        for r in t.receivers
    ]
    sys.stderr.write(
        pick(
            f"{t.item_name} 批号 {t.batch}：入库 {t.received}，发出 {t.given_out} {t.unit}\n",
            f"{t.item_name} batch {t.batch}: received {t.received}, given out {t.given_out} "
            f"{t.unit}\n",
        )
    )
    emit(rows, args.format, ["receiver", "kind", "department", "first", "last", "qty"])
    return EXIT_OK


def cmd_hold(args: argparse.Namespace) -> int:
    from app.services import lots

    open_db(args)
    lots.hold(_lot_id(args.batch, args.item), args.reason, args.note)
    print(pick(f"批号 {args.batch} 已冻结", f"Batch {args.batch} is on hold"))
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from app.services import lots

    open_db(args)
    lots.release(_lot_id(args.batch, args.item), args.note)
    print(pick(f"批号 {args.batch} 已解除冻结", f"Batch {args.batch} is released"))
    return EXIT_OK


def cmd_sign_sheet(args: argparse.Namespace) -> int:
    from app.documents.issue_sheets import sign_sheet_pdf
    from app.services import issuing, vouchers

    open_db(args)
    v = vouchers.find(args.number)
    if v.vtype != "issue":
        raise BadInput(f"{args.number} 不是出库单", f"{args.number} is not an issue voucher")
    Path(args.output).write_bytes(sign_sheet_pdf(issuing.sign_sheet(v.id)))
    print(args.output)
    return EXIT_OK
