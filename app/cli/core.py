"""The foundation commands: init, demo, verify, stock, ledger, items, slots, screenshot, GUI."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from app import paths
from app.cli.common import EXIT_OK, EXIT_PROBLEMS, db_option, emit, open_db
from app.domain import i18n
from app.domain.i18n import pick


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create the database, or bring it up to date (safe to repeat)")
    db_option(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="fill a new database with a realistic demo storeroom")
    db_option(p)
    p.add_argument(
        "--size",
        choices=["small", "decade"],
        default="small",
        help="small: half a year of a kindergarten (~30 s); decade: ten years of a health "
        "centre, a million ledger entries (a few minutes)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("verify", help="check integrity, the hash chain and the balances")
    db_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("stock", help="stock on hand by item, lot and slot")
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_stock)

    p = sub.add_parser("ledger", help="every ledger entry in posting order")
    db_option(p)
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--item", metavar="CODE", help="only this item")
    p.set_defaults(func=cmd_ledger)

    p = sub.add_parser("items", help="the catalogue")
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_items)

    p = sub.add_parser("slots", help="zones and slots")
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_slots)

    p = sub.add_parser("screenshot", help="render a page of the window to a PNG file")
    db_option(p)
    p.add_argument("--page", required=True, metavar="NAME")
    p.add_argument("-o", "--output", required=True, metavar="FILE.png")
    p.add_argument("--lang", choices=list(i18n.SUPPORTED))
    p.set_defaults(func=cmd_screenshot)


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

    path = open_db(args, create=True)

    def progress(msg: str) -> None:
        sys.stderr.write(f"\r{pick('演示数据', 'demo')}: {msg}")
        sys.stderr.flush()

    if args.size == "decade":
        from app.services.demo_decade import make_decade

        summary = make_decade(progress=_eta_progress())
    else:
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


def _eta_progress() -> Callable[[int, int, str], None]:
    """Percent done and time left on stderr: one line redrawn on a terminal, otherwise a line
    every tenth of the way (logs, CI)."""
    start = time.monotonic()
    shown = [-1]

    def report(done: int, total: int, text: str = "") -> None:
        if total <= 0:
            return
        share = done / total
        elapsed = time.monotonic() - start
        left = elapsed / share - elapsed if share > 0 else 0
        line = pick(
            f"演示数据：{share:4.0%}  {text}  已用 {_clock(elapsed)}，约剩 {_clock(left)}",
            f"demo: {share:4.0%}  {text}  {_clock(elapsed)} elapsed, about {_clock(left)} left",
        )
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{line}  ")
        elif int(share * 10) > shown[0]:
            shown[0] = int(share * 10)
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    return report


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def cmd_verify(args: argparse.Namespace) -> int:
    from app.services.verify import verify
    from app.store.models import LedgerEntry, Voucher

    path = open_db(args)
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

    open_db(args)
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
    emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
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

    open_db(args)
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
    emit(rows, args.format, LEDGER_COLUMNS)
    return EXIT_OK


def cmd_items(args: argparse.Namespace) -> int:
    from app.store.models import Item, ItemGtin

    open_db(args)
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
    emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


def cmd_slots(args: argparse.Namespace) -> int:
    from app.domain.hazards import parse_classes
    from app.services.catalogue import slots

    open_db(args)
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
    emit(rows, args.format, ["code", "zone", "zone_name", "allowed_hazard_classes", "active"])
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    from app.gui.screenshot import screenshot

    path = paths.resolve_db_path(args.db)
    screenshot(path, args.page, Path(args.output), args.lang)
    print(args.output)
    return EXIT_OK
