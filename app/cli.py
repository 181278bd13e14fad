"""The `storekeeper` command line: thin wrappers over the services.

Exit codes: 0 ok, 1 a check found problems, 2 bad input (one clear line on stderr, nothing
written), 3 an unexpected error (one line pointing at the log file).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, NoReturn

from app import __version__, paths
from app.domain import i18n
from app.domain.errors import StorekeeperError
from app.domain.i18n import pick

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see: {self.prog} --help)\n")
        sys.exit(EXIT_BAD_INPUT)


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${paths.ENV_DB} or {paths.default_db_path()})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="storekeeper",
        description="防疫物资库管 Storekeeper — run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"storekeeper {__version__}")
    _db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("init", help="create the database, or bring it up to date (safe to repeat)")
    _db_option(p)

    p = sub.add_parser("demo", help="fill a new database with a realistic demo storeroom")
    _db_option(p)
    p.add_argument("--size", choices=["small"], default="small")

    p = sub.add_parser("verify", help="check integrity, the hash chain and the balances")
    _db_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("stock", help="stock on hand by item, lot and slot")
    _db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")

    p = sub.add_parser("ledger", help="every ledger entry in posting order")
    _db_option(p)
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--item", metavar="CODE", help="only this item")

    p = sub.add_parser("items", help="the catalogue")
    _db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")

    p = sub.add_parser("slots", help="zones and slots")
    _db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")

    p = sub.add_parser("screenshot", help="render a page of the window to a PNG file")
    _db_option(p)
    p.add_argument("--page", required=True, metavar="NAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE.png")
    p.add_argument("--lang", choices=list(i18n.SUPPORTED))
    return parser


# --- output helpers ---------------------------------------------------------------------------


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(r.get(k)) for k in columns})
        sys.stdout.write(buf.getvalue())
    else:
        table = [columns] + [[_cell(r.get(k)) for k in columns] for r in rows]
        widths = [max(_width(row[i]) for row in table) for i in range(len(columns))]
        for row in table:
            cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
            sys.stdout.write("  ".join(cells).rstrip() + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# --- commands ---------------------------------------------------------------------------------


def _open(args: argparse.Namespace, *, create: bool = False) -> Path:
    from app.services.bootstrap import open_books

    path = paths.resolve_db_path(args.db)
    open_books(path, create=create)
    return path


def cmd_init(args: argparse.Namespace) -> int:
    from app.store.migrate import current_version

    path = paths.resolve_db_path(args.db)
    from app.services.bootstrap import open_books

    applied = open_books(path, create=True)
    what = pick("已创建/升级", "created/upgraded") if applied else pick("已是最新", "up to date")
    print(f"{path}: {what} (schema {current_version()})")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import DEMO_ACCOUNTS, make_demo

    path = _open(args, create=True)

    def progress(msg: str) -> None:
        sys.stderr.write(f"\r{pick('演示数据', 'demo')}: {msg}")
        sys.stderr.flush()

    summary = make_demo(args.size, progress=progress if sys.stderr.isatty() else None)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    logins = ", ".join(f"{u} / PIN {pin}" for u, _n, _r, pin in DEMO_ACCOUNTS)
    print(
        pick(
            f"{path}: 演示数据已生成：{summary.vouchers} 张单据，{summary.entries} 条台账，"
            f"{summary.items} 种物资，{summary.people} 名员工。账户：{logins}",
            f"{path}: demo ready: {summary.vouchers} vouchers, {summary.entries} ledger entries, "
            f"{summary.items} items, {summary.people} staff. Accounts: {logins}",
        )
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from app.services.verify import verify
    from app.store.models import LedgerEntry, Voucher

    path = _open(args)
    problems = verify()
    if args.format == "json":
        json.dump(
            {"ok": not problems, "problems": [asdict(p) for p in problems]},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    elif problems:
        for p in problems:
            print(p.message)
        print(pick(f"{path}: 发现 {len(problems)} 个问题", f"{path}: {len(problems)} problem(s)"))
    else:
        vouchers = Voucher.select().where(Voucher.status == "posted").count()
        entries = LedgerEntry.select().count()
        print(
            pick(
                f"{path}: 通过 — {vouchers} 张单据、{entries} 条台账，哈希链完整，结存一致",
                f"{path}: OK — {vouchers} vouchers, {entries} entries, hash chain intact, "
                "balances agree",
            )
        )
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_stock(args: argparse.Namespace) -> int:
    from app.store.queries import stock_rows

    _open(args)
    rows = [
        {
            "item_code": r.item_code,
            "item_name": r.item_name,
            "spec": r.spec,
            "unit": r.unit,
            "lot_id": r.lot_id,
            "batch": r.batch,
            "production_date": r.production_date.isoformat() if r.production_date else None,
            "expiry": r.expiry.isoformat() if r.expiry else None,
            "zone": r.zone,
            "slot": r.slot,
            "qty": r.qty,
        }
        for r in stock_rows()
    ]
    cols = ["item_code", "item_name", "unit", "batch", "expiry", "zone", "slot", "qty"]
    _emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


LEDGER_COLUMNS = [
    "entry_id",
    "voucher_no",
    "voucher_type",
    "posted_at",
    "doc_date",
    "item_code",
    "item_name",
    "unit",
    "batch",
    "expiry",
    "slot",
    "delta",
    "balance_after",
    "party",
    "party_id",
    "party_kind",
]


def cmd_ledger(args: argparse.Namespace) -> int:
    from app.domain.errors import BadInput
    from app.services.catalogue import find_item
    from app.store.queries import ledger_rows

    _open(args)
    if args.item and find_item(args.item) is None:
        raise BadInput(f"没有编码为 {args.item} 的物资", f"No item with code {args.item}")
    code = find_item(args.item).code if args.item else None
    rows = [
        {
            "entry_id": r.entry_id,
            "voucher_no": r.voucher_no,
            "voucher_type": r.voucher_type,
            "posted_at": r.posted_at.strftime("%Y-%m-%dT%H:%M:%S"),
            "doc_date": r.doc_date.isoformat(),
            "item_code": r.item_code,
            "item_name": r.item_name,
            "unit": r.unit,
            "batch": r.batch,
            "expiry": r.expiry.isoformat() if r.expiry else None,
            "slot": r.slot,
            "delta": r.delta,
            "balance_after": r.balance_after,
            "party": r.party,
            "party_id": r.party_id,
            "party_kind": r.party_kind,
        }
        for r in ledger_rows(code)
    ]
    _emit(rows, args.format, LEDGER_COLUMNS)
    return EXIT_OK


def cmd_items(args: argparse.Namespace) -> int:
    from app.store.models import Item, ItemGtin

    _open(args)
    gtins: dict[int, list[str]] = {}
    for g in ItemGtin.select().order_by(ItemGtin.id):
        gtins.setdefault(g.item_id, []).append(g.gtin)
    rows = [
        {
            "code": i.code,
            "name": i.name,
            "name_en": i.name_en,
            "spec": i.spec,
            "category": i.category_id,
            "unit": i.base_unit,
            "packs": i.packs,
            "hazard_class": i.hazard_class,
            "standard": i.standard,
            "requires_registration": i.requires_registration,
            "min_shelf_life_days": i.min_shelf_life_days,
            "active": i.active,
            "gtins": gtins.get(i.id, []),
        }
        for i in Item.select().order_by(Item.code)
    ]
    cols = ["code", "name", "spec", "category", "unit", "packs", "hazard_class", "gtins"]
    _emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


def cmd_slots(args: argparse.Namespace) -> int:
    from app.domain.hazards import parse_classes
    from app.services.catalogue import slots

    _open(args)
    rows = [
        {
            "code": s.code,
            "zone": s.zone.code,
            "zone_name": s.zone.name,
            "allowed_hazard_classes": parse_classes(s.zone.allowed_hazards),
            "active": s.active,
        }
        for s in slots()
    ]
    _emit(rows, args.format, ["code", "zone", "zone_name", "allowed_hazard_classes", "active"])
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    from app.gui.screenshot import screenshot

    path = paths.resolve_db_path(args.db)
    screenshot(path, args.page, Path(args.output), args.lang)
    print(args.output)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from app.gui.app import run_gui

    return run_gui(paths.resolve_db_path(args.db))


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "verify": cmd_verify,
    "stock": cmd_stock,
    "ledger": cmd_ledger,
    "items": cmd_items,
    "slots": cmd_slots,
    "screenshot": cmd_screenshot,
    None: cmd_gui,
}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    i18n.set_language(i18n.detect_language())
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except StorekeeperError as exc:
        sys.stderr.write(f"storekeeper: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write(pick("storekeeper: 已中断\n", "storekeeper: interrupted\n"))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say where the details are, never a traceback
        from app.logs import record_crash

        log = record_crash(exc)
        sys.stderr.write(
            pick(
                f"storekeeper: 意外错误 {type(exc).__name__}: {exc}（详情见 {log}）\n",
                f"storekeeper: unexpected error {type(exc).__name__}: {exc} (details in {log})\n",
            )
        )
        return EXIT_BUG
    finally:
        from app.store.database import close_database

        close_database()


if __name__ == "__main__":
    sys.exit(main())
