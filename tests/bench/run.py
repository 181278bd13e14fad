"""The benchmark of issue 9: is the app still instant on ten years of books?

    python tests/bench/run.py --db decade.db [--json bench.json] [--runs 5]

Make the books with `storekeeper demo --db decade.db --size decade`. The benchmark works on a
copy (it posts issues and opens a stocktake), never on the file given. Each figure is the median
of `--runs` runs (at least five), and each is measured next to a baseline taken in the same
run, interleaved with it, so that a busy machine slows both alike: the ratio is what to read when
other work shares the machine. Not part of the test suite (pytest's testpaths leave tests/bench
out).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import astuple
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# name: (what, target in seconds (MB for memory), the most times its baseline, or None)
TARGETS: dict[str, tuple[str, float, float | None]] = {
    "startup": ("process start to the stock page painted with its first rows", 1.5, 3.0),
    "stock_page": ("open the stock page; first rows shown", 0.150, None),
    "stock_filter": ("type a search term; rows updated", 0.150, None),
    "post_issue": ("post one issue voucher (limits, FEFO, hash chain, signed)", 0.020, None),
    "ledger_card": ("stock card of the busiest item, first screen", 0.200, None),
    "dashboard": ("dashboard computed and painted", 0.300, None),
    "labels_1000": ("1,000 QR labels to PDF", 5.0, None),
    "stocktake_xlsx": ("count sheet (xlsx) for every stocked lot", 5.0, None),
    "verify": ("full verify", 15.0, None),
    "ui_while_verify": ("longest the window waits for its event loop while verify runs", 0.1, None),
    "peak_rss_mb": ("peak memory with the stock page open (MB)", 300.0, None),
}
BASELINES = {
    "startup": "a bare PySide6 window shown",
    "stock_page": "the same queries in plain sqlite3",
    "stock_filter": "the same LIKE queries in plain sqlite3",
    "post_issue": "one plain sqlite3 INSERT+UPDATE transaction",
    "ledger_card": "the first screen's rows in plain sqlite3",
    "labels_1000": "reportlab drawing 1,000 empty rectangles",
    "stocktake_xlsx": "openpyxl writing the same cells bare",
    "verify": "plain sqlite3 integrity_check",
    "ui_while_verify": "the same wait with the window idle",
}
SEARCH = "手套"  # gloves: a term typed into the stock page's search box


# --- measuring ----------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pairs(
    runs: int,
    measure: Callable[[], float],
    baseline: Callable[[], float] | None,
    setup: Callable[[], None] | None = None,
) -> tuple[float, float | None]:
    """Medians of `runs` measurements and baselines taken in turn (after one unmeasured warm-up
    of each), so that load on the machine falls on both alike."""
    if setup:
        setup()
    measure()
    if baseline:
        baseline()
    got, base = [], []
    for _ in range(runs):
        if setup:
            setup()
        got.append(measure())
        if baseline:
            base.append(baseline())
    return statistics.median(got), (statistics.median(base) if base else None)


# --- the process-start measurements (a fresh interpreter each time) -------------------------------


CHILD_ENV: dict[str, str] = {}


def child_env(folder: Path) -> None:
    """The children run with Python's bytecode cache (in `folder`), as an installed app does:
    an environment that turns the cache off (PYTHONDONTWRITEBYTECODE) would have every start
    compile the app's modules from source, which no user's start does."""
    CHILD_ENV.clear()
    CHILD_ENV.update(os.environ)
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")


def child(mode: str, db: Path | None) -> tuple[float, str]:
    """Seconds from starting a fresh interpreter to its "painted" line, and that line."""
    cmd = [sys.executable, str(Path(__file__).with_name("startup.py")), mode]
    if db is not None:
        cmd.append(str(db))
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=CHILD_ENV or None,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    took = time.perf_counter() - start
    _out, err = proc.communicate(timeout=60)
    if not line:
        raise SystemExit(f"the {mode} driver painted nothing (exit {proc.returncode}):\n{err}")
    return took, line


# --- in-process measurements ------------------------------------------------------------------


class Bench:
    def __init__(self, db: Path, runs: int) -> None:
        from app.gui.app import build_main_window, prepare_application
        from app.services import bootstrap
        from app.store.models import Account

        self.db = db
        self.runs = runs
        bootstrap.open_books(db, create=False)
        self.qt = prepare_application("zh_CN")
        account = Account.select().where(Account.role == "storekeeper").first()
        self.window = build_main_window(account)
        self.window.resize(1280, 800)
        self.window.show()
        self.raw = sqlite3.connect(db)  # the plain-sqlite3 baselines
        self.results: dict[str, dict[str, float | None]] = {}

    # helpers
    def settle(self) -> None:
        for _ in range(3):
            self.qt.processEvents()

    def painted(self, widget: object) -> None:
        """Paint `widget` now (as the event loop would on its next turn)."""
        widget.repaint()  # type: ignore[attr-defined]
        self.qt.processEvents()

    def captured(self, fn: Callable[[], object]) -> list[tuple[str, list]]:
        """The SQL statements `fn` sends to SQLite, to run the very same ones bare."""
        from app.store.database import db

        sent: list[tuple[str, list]] = []
        real = db.obj.execute_sql

        def spy(sql: str, params: object = None, *a: object, **k: object) -> object:
            sent.append((sql, list(params or [])))
            return real(sql, params, *a, **k)

        db.obj.execute_sql = spy
        try:
            fn()
        finally:
            del db.obj.execute_sql
        return [(sql, params) for sql, params in sent if sql.lstrip().upper().startswith("SELECT")]

    def bare(self, statements: list[tuple[str, list]]) -> float:
        def run() -> None:
            for sql, params in statements:
                self.raw.execute(sql, params).fetchall()

        return timed(run)

    def record(self, name: str, median: float, baseline: float | None) -> None:
        self.results[name] = {
            "median_s": round(median, 4),
            "baseline_s": None if baseline is None else round(baseline, 4),
            "ratio": None if not baseline else round(median / baseline, 2),
        }
        show(name, self.results[name])

    # the figures
    def startup(self) -> None:
        got, base = pairs(
            self.runs, lambda: child("app", self.db)[0], lambda: child("bare", None)[0]
        )
        self.record("startup", got, base)

    def stock_page(self) -> None:
        from app.store import queries

        page = self.window.stock_page
        statements = self.captured(
            lambda: (queries.count_items(""), queries.item_totals("", offset=0, limit=200))
        )

        def measure() -> float:
            self.window.show_page("dashboard")
            self.settle()

            def open_page() -> None:
                self.window.show_page("stock")
                page.refresh()
                self.painted(page.tree.viewport())

            return timed(open_page)

        got, base = pairs(self.runs, measure, lambda: self.bare(statements))
        self.record("stock_page", got, base)

    def stock_filter(self) -> None:
        from app.store import queries

        page = self.window.stock_page
        statements = self.captured(
            lambda: (queries.count_items(SEARCH), queries.item_totals(SEARCH, offset=0, limit=200))
        )

        def setup() -> None:
            self.window.show_page("stock")
            page.apply_search("")
            self.settle()

        def measure() -> float:
            def search() -> None:
                page.apply_search(SEARCH)  # what the pause after typing triggers
                self.painted(page.tree.viewport())

            return timed(search)

        got, base = pairs(self.runs, measure, lambda: self.bare(statements), setup)
        assert page.model.rowCount() > 0, "the search found nothing"
        self.record("stock_filter", got, base)

    def post_issue(self) -> None:
        from app.services import issuing
        from app.services.issuing import Want
        from app.services.signatures import SignatureInput
        from app.store.models import Account, Item, Party

        keeper = Account.get(Account.role == "storekeeper")
        surg = Item.get(Item.code == "FH-SURG").id
        people = list(
            Party.select()
            .where(
                (Party.kind == "person")
                & (Party.active == True)  # noqa: E712
                & Party.department.is_null(False)
            )
            .where(Party.risk_group != "high")
            .order_by(Party.id.desc())
            .limit(4 * self.runs + 8)
        )
        from app.documents.signatures import scribble, strokes_png

        strokes = scribble(7)
        pad = strokes_png(strokes)
        today = date.today()
        scratch = self.raw
        scratch.execute("PRAGMA journal_mode = WAL")
        scratch.execute("PRAGMA synchronous = FULL")
        scratch.execute(
            "CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, qty INT)"
        )
        scratch.execute("INSERT OR IGNORE INTO bench_scratch (id, qty) VALUES (1, 1000000)")
        scratch.commit()

        def measure() -> float:
            person = people.pop()
            wants = [Want(surg, 2, party_id=person.id)]
            sigs = [
                SignatureInput("receiver", person.name, "pad", strokes=strokes, png=pad),
                SignatureInput("issuer", "", "pin", account_id=keeper.id),
            ]
            return timed(
                lambda: issuing.issue(
                    person.department_id,
                    wants,
                    sigs=sigs,
                    on=today,
                    purpose="基准测试",
                    by=keeper.id,
                )
            )

        def baseline() -> float:
            def txn() -> None:
                scratch.execute("BEGIN IMMEDIATE")
                scratch.execute("INSERT INTO bench_scratch (qty) VALUES (2)")
                scratch.execute("UPDATE bench_scratch SET qty = qty - 2 WHERE id = 1")
                scratch.execute("COMMIT")

            return timed(txn)

        got, base = pairs(self.runs, measure, baseline)
        self.record("post_issue", got, base)

    def ledger_card(self) -> None:
        from app.store import queries

        busiest = queries.busiest_item_id()
        other = queries.catalogue_rows()[0].item_id
        card = self.window.card_page

        def setup() -> None:
            self.window.open_card(other)
            self.settle()

        def measure() -> float:
            def open_card() -> None:
                self.window.open_card(busiest)
                self.painted(card.table.viewport())

            return timed(open_card)

        sql = (
            "SELECT e.id, e.posted_at, v.number, v.vtype, p.name, l.batch, s.code, e.delta "
            "FROM ledger_entry e JOIN voucher v ON v.id = e.voucher_id "
            "JOIN lot l ON l.id = e.lot_id JOIN slot s ON s.id = e.slot_id "
            "LEFT JOIN party p ON p.id = e.party_id WHERE e.item_id = ? "
            "ORDER BY e.id DESC LIMIT 40"
        )
        got, base = pairs(self.runs, measure, lambda: self.bare([(sql, [busiest])]), setup)
        self.record("ledger_card", got, base)

    def dashboard(self) -> None:
        page = getattr(self.window, "dashboard_page", None)
        if page is None:
            print("dashboard: no dashboard page in this build; skipped")
            return
        self.window.show_page("dashboard")
        if hasattr(page, "build_charts"):
            page.build_charts()  # the chart library is imported once, after the first paint
        self.settle()

        def measure() -> float:
            def show_it() -> None:
                page.refresh()
                self.painted(page)

            return timed(show_it)

        got, _ = pairs(self.runs, measure, None)
        self.record("dashboard", got, None)

    def labels_1000(self) -> None:
        from itertools import cycle, islice

        from reportlab.pdfgen.canvas import Canvas

        from app.documents import labels as label_doc
        from app.documents.labels import PT_PER_MM
        from app.services import labels

        t = labels.template(labels.last_template())
        rows = labels.label_rows(labels.slot_ids(all_slots=True), include_empty=True)
        rows = list(islice(cycle(rows), 1000))
        fields = labels.fields_for(t)

        def baseline() -> float:
            def draw() -> None:
                import io

                c = Canvas(
                    io.BytesIO(), pagesize=(t.page_width * PT_PER_MM, t.page_height * PT_PER_MM)
                )
                page = 0
                for n in range(1000):
                    p, x, y = t.position(n)
                    if p != page:
                        c.showPage()
                        page = p
                    c.rect(
                        x * PT_PER_MM,
                        (t.page_height - y - t.label_height) * PT_PER_MM,
                        t.label_width * PT_PER_MM,
                        t.label_height * PT_PER_MM,
                    )
                c.showPage()
                c.save()

            return timed(draw)

        got, base = pairs(
            self.runs, lambda: timed(lambda: label_doc.render(rows, t, fields=fields)), baseline
        )
        self.record("labels_1000", got, base)

    def stocktake_xlsx(self) -> None:
        import openpyxl

        from app.services import stocktake

        info = stocktake.open_stocktake() or stocktake.start(month=f"{date.today():%Y-%m}")
        out = Path(tempfile.mkdtemp(prefix="sk-bench-")) / "count.xlsx"
        lines = stocktake.sheet_lines(stocktake.lines(info.id), info.blind)
        cells = [list(astuple(ln)) for ln in lines]

        def baseline() -> float:
            def write() -> None:
                wb = openpyxl.Workbook()
                ws = wb.active
                for row in cells:
                    ws.append([v if isinstance(v, (int, float, str)) else str(v) for v in row])
                wb.save(out.with_name("bare.xlsx"))

            return timed(write)

        got, base = pairs(
            self.runs, lambda: timed(lambda: stocktake.export_sheet(info.id, out, "xlsx")), baseline
        )
        print(f"  ({len(lines)} lines on the sheet)")
        self.record("stocktake_xlsx", got, base)

    def verify(self) -> None:
        from app.services.verify import verify

        problems: list = []

        def measure() -> float:
            return timed(lambda: problems.extend(verify()))

        def baseline() -> float:
            return timed(lambda: self.raw.execute("PRAGMA integrity_check").fetchall())

        got, base = pairs(self.runs, measure, baseline)
        if problems:
            print(f"  verify found {len(problems)} problems, e.g. {problems[0].message}")
        self.record("verify", got, base)

    def ui_while_verify(self) -> None:
        """The window stays responsive while slow work runs: a 10 ms timer on the UI thread
        ticks while verify runs as the GUI runs it (gui/tasks, progress dialog), and the
        longest gap between ticks, less the 10 ms, is how long a click could have waited."""
        from PySide6.QtCore import QEventLoop, QTimer

        from app.gui.tasks import run_task
        from app.services.verify import verify

        def longest_wait(busy: bool) -> float:
            loop = QEventLoop()
            gaps: list[float] = []
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                gaps.append(now - last[0])
                last[0] = now

            timer = QTimer()
            timer.setInterval(10)
            timer.timeout.connect(tick)
            timer.start()
            if busy:
                task = run_task(self.window, "verify", lambda progress: verify(progress))
                task.ended.connect(loop.quit)
            else:
                QTimer.singleShot(3000, loop.quit)
            loop.exec()
            timer.stop()
            return max(0.0, max(gaps[1:], default=0.0) - 0.010)

        got, base = pairs(self.runs, lambda: longest_wait(True), lambda: longest_wait(False))
        self.record("ui_while_verify", got, base)

    def peak_rss(self) -> None:
        values = [float(child("rss", self.db)[1].split()[1]) for _ in range(self.runs)]
        value = statistics.median(values)
        self.results["peak_rss_mb"] = {"value": round(value, 1), "baseline_s": None, "ratio": None}
        show("peak_rss_mb", self.results["peak_rss_mb"])


# --- reporting ------------------------------------------------------------------------------------


def verdict(name: str, r: dict[str, float | None]) -> str:
    _what, target, most = TARGETS[name]
    value = r.get("value", r.get("median_s"))
    ok = value is not None and value <= target
    if most is not None and r.get("ratio") is not None:
        ok = ok and r["ratio"] <= most  # type: ignore[operator]
    return "ok" if ok else "MISSED"


def show(name: str, r: dict[str, float | None]) -> None:
    value = r.get("value", r.get("median_s"))
    unit = " MB" if name == "peak_rss_mb" else " s"
    base = "—" if r.get("baseline_s") is None else f"{r['baseline_s']:.4f} s"
    ratio = "—" if r.get("ratio") is None else f"{r['ratio']:.2f}×"
    _what, target, most = TARGETS[name]
    goal = f"≤ {target:g}{unit}" + (f", ≤ {most:g}× baseline" if most else "")
    print(
        f"{name:15s} {value:>10.4f}{unit}  baseline {base:>10s}  ratio {ratio:>7s}  "
        f"target {goal}  {verdict(name, r)}",
        flush=True,
    )


def machine() -> str:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {model or platform.processor()}, {mem}, Python "
        f"{platform.python_version()}, load average {load}"
    )


def markdown(results: dict[str, dict[str, float | None]]) -> str:
    out = [
        "| name | what | result | baseline | ratio | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, (what, target, most) in TARGETS.items():
        r = results.get(name)
        if r is None:
            continue
        unit = " MB" if name == "peak_rss_mb" else " s"
        value = r.get("value", r.get("median_s"))
        base = (
            "—" if r.get("baseline_s") is None else f"{r['baseline_s']:.3f} s ({BASELINES[name]})"
        )
        ratio = "—" if r.get("ratio") is None else f"{r['ratio']:.1f}×"
        goal = f"≤ {target:g}{unit}" + (f", ≤ {most:g}×" if most else "")
        out.append(f"| `{name}` | {what} | {value:.3f}{unit} | {base} | {ratio} | {goal} |")
    return "\n".join(out)


def copy_books(src: Path, folder: Path) -> Path:
    """A consistent copy (SQLite's backup API), so the benchmark never writes to `src`."""
    dst = folder / src.name
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(dst)
    source.backup(target)
    target.close()
    source.close()
    return dst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated names (default: all)")
    args = parser.parse_args()
    if args.db is None:
        parser.error("--db PATH is required")
    if args.runs < 5:
        parser.error("each figure is the median of at least five runs (--runs 5 or more)")
    if not args.db.is_file():
        parser.error(
            f"no database at {args.db}; make one with: storekeeper demo --db "
            f"{args.db} --size decade"
        )
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("STOREKEEPER_LANG", "zh_CN")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # the offscreen plugin's chatter
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="sk-bench-") as tmp:
        db = copy_books(args.db, Path(tmp))
        child_env(Path(tmp))
        print(f"working on a copy of {args.db} ({db.stat().st_size / 1e6:.0f} MB)", flush=True)
        bench = Bench(db, args.runs)
        names = list(TARGETS) if not args.only else args.only.split(",")
        steps = {
            "startup": bench.startup,
            "stock_page": bench.stock_page,
            "stock_filter": bench.stock_filter,
            "ledger_card": bench.ledger_card,
            "dashboard": bench.dashboard,
            "post_issue": bench.post_issue,
            "labels_1000": bench.labels_1000,
            "stocktake_xlsx": bench.stocktake_xlsx,
            "verify": bench.verify,
            "ui_while_verify": bench.ui_while_verify,
            "peak_rss_mb": bench.peak_rss,
        }
        for name in names:
            steps[name]()
        print()
        print(markdown(bench.results))
        print(f"\n{machine()}")
        if args.json:
            args.json.write_text(json.dumps(bench.results, indent=2) + "\n", encoding="utf-8")
        missed = [n for n, r in bench.results.items() if verdict(n, r) != "ok"]
        bench.window.close()
        from app.store.database import close_database

        close_database()
        bench.raw.close()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
