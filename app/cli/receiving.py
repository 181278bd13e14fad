"""Receiving commands: `voucher` (the paper form of any posted voucher as PDF) and `receipts`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, db_option, emit, open_db
from app.domain import i18n
from app.domain.errors import BadInput, StorageError
from app.domain.i18n import pick


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "voucher",
        help="the paper form of a posted voucher (入库单, 出库单 …) as a PDF",
        description="Write the paper form of a posted voucher, e.g. the 入库单 of RK-2026-0001, "
        "with both signatures, to a PDF.",
    )
    db_option(p)
    p.add_argument(
        "--no", required=True, metavar="NUMBER", help="voucher number, e.g. RK-2026-0001"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument(
        "--lang", choices=list(i18n.SUPPORTED), help="language of the form (default zh_CN)"
    )
    p.set_defaults(func=cmd_voucher)

    p = sub.add_parser("receipts", help="posted receipts and drafts waiting for inspection")
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_receipts)


def cmd_voucher(args: argparse.Namespace) -> int:
    from app.documents.vouchers import voucher_pdf_bytes
    from app.services import vouchers

    out = Path(args.output)
    if out.is_dir():
        raise BadInput(f"{out} 是文件夹", f"{out} is a folder", field="output")
    open_db(args)
    v = vouchers.find(args.no)
    if v.status != "posted":
        raise BadInput(f"单据 {args.no} 尚未过账", f"Voucher {args.no} is not posted", field="no")
    pdf = voucher_pdf_bytes(vouchers.document(v.id), args.lang or "zh_CN")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
    except OSError as exc:
        raise StorageError(
            f"无法写入 {out}：{exc.strerror}", f"Cannot write {out}: {exc.strerror}"
        ) from exc
    print(pick(f"{out}: 单据 {v.number}", f"{out}: voucher {v.number}"))
    return EXIT_OK


def cmd_receipts(args: argparse.Namespace) -> int:
    import peewee as pw

    from app.store.models import Party, ReceiptLine, Voucher

    open_db(args)
    lines = dict(
        ReceiptLine.select(ReceiptLine.voucher, pw.fn.COUNT(ReceiptLine.id))
        .group_by(ReceiptLine.voucher)
        .tuples()
    )
    q = (
        Voucher.select(Voucher, Party)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Party.id == Voucher.party))
        .where(Voucher.vtype == "receipt")
        .order_by(Voucher.doc_date, Voucher.id)
    )
    rows = [
        {
            "number": v.number or "",
            "status": v.status,
            "doc_date": v.doc_date.isoformat(),
            "source": v.source,
            "party": v.party.name if v.party_id else "",
            "deliverer": v.deliverer,
            "reference": v.reference,
            "lines": lines.get(v.id, 0),
        }
        for v in q
    ]
    cols = ["number", "status", "doc_date", "source", "party", "deliverer", "reference", "lines"]
    emit(rows, args.format, cols)
    return EXIT_OK
