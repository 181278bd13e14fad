"""Dashboard and reserve speed on ten years of books: 1,000,000 ledger entries, 20,000 lots,
300 items (not collected by pytest; run by hand).

    python tests/bench/bench_dashboard.py /tmp/ten-years.db          # build once, then time
    QT_QPA_PLATFORM=offscreen python tests/bench/bench_dashboard.py /tmp/ten-years.db --gui

The books are written straight into SQLite in one transaction (the posting path would take
hours for a million entries, and the hash chain is not what is timed here): receipts open each
lot, daily issues drain it first expiry first, a few lots are left to expire on the shelves.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.services import bootstrap  # noqa: E402
from app.store.database import close_database  # noqa: E402

ITEMS, LOTS, ENTRIES, DAYS = 300, 20_000, 1_000_000, 3650


def build(path: Path, today: date) -> None:
    """A new database at `path` with ten years of receipts and issues ending `today`."""
    bootstrap.open_books(path, create=True)
    close_database()
    rng = random.Random(7)
    con = sqlite3.connect(path)
    cur = con.cursor()
    cur.execute("BEGIN")
    cats = [r[0] for r in cur.execute("SELECT code FROM category ORDER BY sort")]
    have = cur.execute("SELECT COUNT(*) FROM item").fetchone()[0]
    stamp = datetime(today.year, 1, 1).isoformat(" ")
    for n in range(have, ITEMS):
        cur.execute(
            "INSERT INTO item (code, name, name_en, spec, category, base_unit, packs, "
            "hazard_class, standard, requires_registration, min_shelf_life_days, reusable, "
            "active, notes, created_at, use_log) VALUES (?, ?, '', '', ?, '只', '盒=50;箱=1000', "
            "'none', '', 0, 0, 0, 1, '', ?, 0)",
            (f"BX-{n:04d}", f"测试物资{n:04d}", cats[n % len(cats)], stamp),
        )
    items = [r[0] for r in cur.execute("SELECT id FROM item ORDER BY id")]
    cur.execute(
        "INSERT INTO zone (code, name, allowed_hazards, notes, sort, active) "
        "VALUES ('A', '普通区', 'none,flammable,oxidizing,corrosive,toxic', '', 0, 1)"
    )
    zone = cur.lastrowid
    slots = []
    for n in range(50):
        cur.execute(
            "INSERT INTO slot (code, zone_id, notes, active) VALUES (?, ?, '', 1)",
            (f"A-{n:02d}", zone),
        )
        slots.append(cur.lastrowid)
    people = []
    for n in range(200):
        cur.execute(
            "INSERT INTO party (kind, name, staff_no, role, risk_group, phone, notes, active, "
            "created_at) VALUES ('person', ?, ?, '', 'medium', '', '', 1, ?)",
            (f"员工{n}", f"B{n:04d}", stamp),
        )
        people.append(cur.lastrowid)
    cur.execute(
        "INSERT INTO party (kind, name, phone, notes, active, created_at, role) "
        "VALUES ('supplier', '供应商', '', '', 1, ?, '')",
        (stamp,),
    )
    supplier = cur.lastrowid

    start = today - timedelta(days=DAYS - 1)
    per_item = LOTS // ITEMS
    span = DAYS // per_item  # each lot is the current one for `span` days
    issues_per_day = (ENTRIES - LOTS) / (ITEMS * DAYS)
    events = []  # (day, kind, item, lot index, qty)
    lots = []  # (item, batch, received day, expiry)
    for item in items:
        for k in range(per_item):
            received = start + timedelta(days=k * span)
            lots.append(
                (item, f"{received:%Y%m%d}{k:02d}", received, received + timedelta(days=730))
            )
    issued = defaultdict(int)
    for index, (item, _batch, received, _expiry) in enumerate(lots):
        for d in range(span):
            if rng.random() < issues_per_day:
                day = received + timedelta(days=d)
                if day > today:
                    break
                q = rng.randint(1, 40)
                events.append((day, 1, item, index, q))
                issued[index] += q
    for index, (item, _batch, received, _expiry) in enumerate(lots):
        leftover = rng.choice([0, 0, 0, 0, 10, 50, 200])
        events.append((received, 0, item, index, issued[index] + leftover))
    events.sort(key=lambda e: (e[0], e[1]))

    lot_ids = []
    for item, batch, received, expiry in lots:
        cur.execute(
            "INSERT INTO lot (item_id, batch, production_date, expiry) VALUES (?, ?, ?, ?)",
            (item, batch, (received - timedelta(days=30)).isoformat(), expiry.isoformat()),
        )
        lot_ids.append(cur.lastrowid)
    balance: dict[int, int] = defaultdict(int)
    seq: dict[tuple[str, int], int] = defaultdict(int)
    voucher_rows, line_rows, entry_rows = 0, 0, 0
    by_day = defaultdict(list)
    for e in events:
        by_day[(e[0], e[1])].append(e)
    for (day, kind), evs in sorted(by_day.items()):
        vtype, prefix = ("receipt", "RK") if kind == 0 else ("issue", "CK")
        size = 8 if kind == 0 else 4
        for chunk_start in range(0, len(evs), size):
            chunk = evs[chunk_start : chunk_start + size]
            seq[(vtype, day.year)] += 1
            n = seq[(vtype, day.year)]
            at = datetime(day.year, day.month, day.day, 9).isoformat(" ")
            party = supplier if kind == 0 else rng.choice(people)
            cur.execute(
                "INSERT INTO voucher (number, vtype, year, seq, status, doc_date, posted_at, "
                "party_id, source, reference, note, content_hash, created_at, deliverer, reason) "
                "VALUES (?, ?, ?, ?, 'posted', ?, ?, ?, ?, '', '', 'x', ?, '', '')",
                (
                    f"{prefix}-{day.year}-{n:06d}",
                    vtype,
                    day.year,
                    n,
                    day.isoformat(),
                    at,
                    party,
                    "purchase" if kind == 0 else None,
                    at,
                ),
            )
            vid = cur.lastrowid
            voucher_rows += 1
            for line_no, (_d, _k, item, index, q) in enumerate(chunk, start=1):
                lot = lot_ids[index]
                slot = slots[index % len(slots)]
                cur.execute(
                    "INSERT INTO voucher_line (voucher_id, line_no, item_id, lot_id, slot_id, qty, "
                    "party_id, note, pick_reason) VALUES (?, ?, ?, ?, ?, ?, ?, '', '')",
                    (vid, line_no, item, lot, slot, q, party),
                )
                lid = cur.lastrowid
                line_rows += 1
                delta = q if kind == 0 else -q
                balance[index] += delta
                cur.execute(
                    "INSERT INTO ledger_entry (voucher_id, line_id, item_id, lot_id, slot_id, "
                    "party_id, delta, balance_after, posted_at, prev_hash, hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')",
                    (vid, lid, item, lot, slot, party, delta, balance[index], at),
                )
                entry_rows += 1
    for index, qty in balance.items():
        cur.execute(
            "INSERT INTO balance (lot_id, slot_id, item_id, qty) VALUES (?, ?, ?, ?)",
            (lot_ids[index], slots[index % len(slots)], lots[index][0], qty),
        )
    con.commit()
    con.close()
    print(
        f"built {path}: {voucher_rows:,} vouchers, {line_rows:,} lines, "
        f"{entry_rows:,} entries, {len(lot_ids):,} lots, {len(items)} items"
    )


def set_targets() -> None:
    """A standard for every tenth item, so the reserve part has work to do."""
    from app.services import reserve
    from app.store.models import Item, ReserveTarget

    if ReserveTarget.select().exists():
        return
    for n, item in enumerate(Item.select().order_by(Item.id)):
        if n % 10 == 0:
            reserve.set_target(item.id, mode="fixed", qty=20 + n % 7, days=45)


def time_summary(rounds: int) -> list[float]:
    from app.services import dashboard

    took = []
    for _ in range(rounds):
        t = time.perf_counter()
        dashboard.summary()
        took.append((time.perf_counter() - t) * 1000)
    return took


def time_gui(rounds: int) -> list[float]:
    """Summary + laying out and painting the dashboard page (charts included)."""
    from PySide6.QtWidgets import QApplication

    from app.gui import theme
    from app.gui.pages.dashboard import DashboardPage

    app = theme.ensure_application()
    theme.apply_look(app)
    page = DashboardPage()
    page.resize(1100, 760)
    page.show()
    page.build_charts()  # import the plotting library once, as after the first paint
    QApplication.processEvents()
    took = []
    for _ in range(rounds):
        t = time.perf_counter()
        page.refresh()
        page.grab()  # forces layout and a full paint
        took.append((time.perf_counter() - t) * 1000)
    return took


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("db", type=Path)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--gui", action="store_true", help="time refresh + paint of the page too")
    args = p.parse_args()
    if not args.db.exists():
        t = time.perf_counter()
        build(args.db, date.today())
        print(f"build took {time.perf_counter() - t:.0f} s")
    bootstrap.open_books(args.db, create=False)
    set_targets()
    took = time_summary(args.rounds)
    print(f"summary: median {statistics.median(took):.0f} ms, max {max(took):.0f} ms")
    if args.gui:
        took = time_gui(args.rounds)
        print(f"refresh + paint: median {statistics.median(took):.0f} ms, max {max(took):.0f} ms")
    close_database()


if __name__ == "__main__":
    main()
