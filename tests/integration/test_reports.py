"""Reports on the demo storeroom: the books add up, and every report opens in every format."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from app.documents import reports as doc
from app.domain import i18n
from app.domain.errors import BadInput, NotFound
from app.domain.progress import Cancelled
from app.services import bootstrap, reports
from app.services.reports import BUILDERS
from app.store import queries
from app.store.database import close_database
from app.store.models import Item, LedgerEntry, Lot, Voucher
from tests.conftest import copy_demo


@pytest.fixture(scope="module")
def demo(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private copy of the demo books, open for the whole module (reports only read)."""
    path = copy_demo(demo_file, tmp_path_factory.mktemp("reports") / "demo.db")
    bootstrap.open_books(path)
    yield path
    close_database()


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def whole(name: str, **kw: object) -> reports.Params:
    """The report over the demo's whole history."""
    first = reports.first_posting()
    assert first is not None
    return reports.make_params(name, start=first, end=date.today(), **kw)  # type: ignore[arg-type]


def stock_totals() -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for r in queries.stock_rows():
        totals[r.item_code] += r.qty
    return totals


def ledger_sum(item_code: str, *, before: date | None = None, upto: date | None = None) -> int:
    """Σ of the item's ledger entries dated before / up to a day, straight from the entries."""
    total = 0
    for r in queries.ledger_rows(item_code):
        if before is not None and r.doc_date >= before:
            continue
        if upto is not None and r.doc_date > upto:
            continue
        total += r.delta
    return total


def summary(p: reports.Params) -> dict[str, dict]:
    data = reports.build("in-out-summary", p)
    return {r["code"]: r for r in data.sections[0].rows}


# --- the definitions -------------------------------------------------------------------------


def test_every_defined_report_has_a_builder_that_fills_its_columns(demo: Path) -> None:
    specs = reports.specs()
    assert [s.name for s in specs] == list(BUILDERS)
    for s in specs:
        kw: dict[str, str] = {}
        if s.item == "required":
            kw["item"] = "FH-SURG"
        if s.lot == "required":
            kw["lot"] = first_lot("FH-SURG").batch
        data = reports.build(s.name, whole(s.name, **kw))
        assert [sec.key for sec in data.sections] == [sec.key for sec in s.sections]
        for sec in data.sections:
            keys = set().union(*(row.keys() for row in sec.rows)) if sec.rows else set()
            assert sec.rows, f"{s.name}/{sec.key} is empty on the demo"
            missing = {c.key for c in sec.columns} - keys
            assert not missing, f"{s.name}/{sec.key} never fills {missing}"


def test_a_broken_definition_is_refused_with_the_report_named() -> None:
    with pytest.raises(BadInput, match="demo-x"):
        doc.parse_specs(
            {
                "report": [
                    {
                        "name": "demo-x",
                        "zh": "x",
                        "en": "x",
                        "section": [
                            {
                                "key": "a",
                                "columns": [{"key": "k", "zh": "k", "en": "k", "kind": "colour"}],
                            }
                        ],
                    }
                ]
            }
        )


# --- the books add up ------------------------------------------------------------------------


def test_in_out_summary_adds_up_and_closes_on_the_stock(demo: Path) -> None:
    rows = summary(whole("in-out-summary"))
    stock = stock_totals()
    assert rows, "the demo has stock"
    for code, r in rows.items():
        assert r["opening"] + r["qty_in"] - r["qty_out"] == r["closing"], code
        assert r["closing"] == stock.get(code, 0), code
    for code, qty in stock.items():
        assert rows[code]["closing"] == qty
    # the whole history opens on nothing
    assert all(r["opening"] == 0 for r in rows.values())


def test_over_a_sub_range_the_opening_is_the_balance_at_its_start(demo: Path) -> None:
    first = reports.first_posting()
    assert first is not None
    start, end = first + timedelta(days=60), first + timedelta(days=120)
    rows = summary(reports.make_params("in-out-summary", start=start, end=end))
    checked = 0
    for item in Item.select():
        r = rows.get(item.code)
        before = ledger_sum(item.code, before=start)
        upto = ledger_sum(item.code, upto=end)
        if r is None:
            assert before == upto == 0, item.code
            continue
        assert r["opening"] == before, item.code
        assert r["closing"] == upto, item.code
        assert r["opening"] + r["qty_in"] - r["qty_out"] == r["closing"], item.code
        checked += 1
    assert checked >= 10


def test_a_reversed_issue_lowers_out_and_is_not_counted_as_in(demo: Path) -> None:
    """The red-ink rule: the demo reverses a mask issue on its 33rd day."""
    rev = Voucher.get((Voucher.vtype == "reversal") & (Voucher.reverses.is_null(False)))
    day = rev.doc_date
    rows = summary(reports.make_params("in-out-summary", start=day, end=day))
    surg = rows["FH-SURG"]
    issued = sum(
        -e.delta
        for e in LedgerEntry.select(LedgerEntry, Voucher)
        .join(Voucher)
        .where(
            (Voucher.doc_date == day)
            & (Voucher.vtype == "issue")
            & (LedgerEntry.item == Item.get(Item.code == "FH-SURG").id)
        )
    )
    undone = sum(
        e.delta
        for e in LedgerEntry.select()
        .join(Voucher)
        .where(
            Voucher.reverses.is_null(False)
            & (Voucher.doc_date == day)
            & (LedgerEntry.item == Item.get(Item.code == "FH-SURG").id)
        )
    )
    assert undone > 0
    assert surg["qty_out"] == issued - undone
    received = sum(
        e.delta
        for e in LedgerEntry.select()
        .join(Voucher)
        .where(
            (Voucher.doc_date == day)
            & Voucher.vtype.in_(["receipt", "return"])
            & (LedgerEntry.item == Item.get(Item.code == "FH-SURG").id)
        )
    )
    assert surg["qty_in"] == received


def first_lot(code: str) -> Lot:
    return Lot.select().join(Item).where(Item.code == code).order_by(Lot.id).first()


def test_ledger_card_ends_on_what_is_on_hand_for_every_item_and_agrees_with_the_summary(
    demo: Path,
) -> None:
    summary_rows = summary(whole("in-out-summary"))
    for item in Item.select().where(Item.id.in_(LedgerEntry.select(LedgerEntry.item))):
        data = reports.build("ledger-card", whole("ledger-card", item=item.code))
        sec = data.sections[0]
        assert sec.rows[0]["balance"] == 0  # the opening line
        assert sec.rows[-1]["balance"] == queries.on_hand(item.id), item.code
        assert sec.totals is not None and sec.totals["balance"] == queries.on_hand(item.id)
        assert sec.totals["qty_in"] == summary_rows[item.code]["qty_in"], item.code
        assert sec.totals["qty_out"] == summary_rows[item.code]["qty_out"], item.code
        assert not any(r.get("type") == "移库" or r.get("type") == "move" for r in sec.rows)


def test_ledger_card_of_one_lot_and_over_a_sub_range(demo: Path) -> None:
    lot = first_lot("FH-SURG")
    data = reports.build("ledger-card", whole("ledger-card", item="FH-SURG", lot=lot.batch))
    assert data.sections[0].rows[-1]["balance"] == queries.on_hand(lot.item_id, lot.id)
    assert {r.get("batch") for r in data.sections[0].rows[1:]} == {lot.batch}
    first = reports.first_posting()
    assert first is not None
    start = first + timedelta(days=45)
    end = start + timedelta(days=30)
    sub = reports.build(
        "ledger-card", reports.make_params("ledger-card", start=start, end=end, item="FH-SURG")
    )
    rows = sub.sections[0].rows
    assert rows[0]["balance"] == ledger_sum("FH-SURG", before=start)
    assert rows[-1]["balance"] == ledger_sum("FH-SURG", upto=end)
    assert all(start <= r["date"] <= end for r in rows)


def test_donations_name_the_donor_and_add_up_their_value(demo: Path) -> None:
    data = reports.build("donations", whole("donations"))
    sec = data.sections[0]
    assert {r["donor"] for r in sec.rows} == {"家长委员会", "华瑞科技有限公司"}
    assert all(r["amount"] == (r["price"] * r["qty"]).quantize(Decimal("0.01")) for r in sec.rows)
    assert sec.totals is not None
    assert sec.totals["amount"] == sum(r["amount"] for r in sec.rows)
    assert sec.totals["amount"] > 0


def test_issues_by_department_and_person_agree(demo: Path) -> None:
    data = reports.build("issues", whole("issues"))
    by_dept, by_person = data.sections
    dept_total: dict[tuple, int] = defaultdict(int)
    for r in by_person.rows:
        dept_total[(r["department"], r["code"])] += r["qty"]
    assert {(r["department"], r["code"]): r["qty"] for r in by_dept.rows} == dict(dept_total)
    issued = -sum(
        e.delta
        for e in LedgerEntry.select(LedgerEntry, Voucher)
        .join(Voucher)
        .where(Voucher.vtype == "issue")
    )
    undone = sum(
        e.delta
        for e in LedgerEntry.select()
        .join(Voucher)
        .where(Voucher.reverses.in_(Voucher.select(Voucher.id).where(Voucher.vtype == "issue")))
    )
    assert sum(r["qty"] for r in by_dept.rows) == issued - undone


def test_loans_show_the_overdue_one(demo: Path) -> None:
    rows = reports.build("loans", whole("loans")).sections[0].rows
    assert any("逾期" in r["status"] or "late" in r["status"] for r in rows)


def test_lot_trace_lists_who_received_the_lot(demo: Path) -> None:
    lot = first_lot("FH-SURG")
    data = reports.build("lot-trace", reports.make_params("lot-trace", lot=lot.batch))
    sources, receivers, movements = data.sections
    assert sources.rows and receivers.rows and movements.rows
    assert sum(r["qty"] for r in receivers.rows) > 0


def test_demand_request_asks_for_two_weeks_of_use_plus_the_gap(demo: Path) -> None:
    rows = reports.build("demand-request", reports.make_params("demand-request")).sections[0].rows
    for r in rows:
        assert r["request"] == r["two_weeks"] + (r["target"] or 0) - r["usable"] > 0


# --- parameters ------------------------------------------------------------------------------


def test_defaults_and_mistakes_in_the_parameters(demo: Path) -> None:
    today = date.today()
    p = reports.make_params("in-out-summary")
    assert p.end == today
    assert p.start == today.replace(day=1)  # the demo's books began months ago
    with pytest.raises(BadInput) as err:
        reports.make_params("ledger-card")
    assert err.value.field == "item"
    with pytest.raises(NotFound):
        reports.make_params("ledger-card", item="NO-SUCH")
    with pytest.raises(BadInput) as err:
        reports.make_params("overrides", item="FH-SURG")
    assert err.value.field == "item"
    with pytest.raises(BadInput) as err:
        reports.make_params("in-out-summary", start=today, end=today - timedelta(days=1))
    assert err.value.field == "from"
    with pytest.raises(BadInput) as err:
        reports.make_params("lot-trace", item="FH-SURG")
    assert err.value.field == "lot"
    with pytest.raises(NotFound):
        reports.make_params("lot-trace", item="FH-SURG", lot="NOT-A-BATCH")
    with pytest.raises(BadInput, match="nope"):
        reports.make_params("nope")
    # a batch alone finds its item when it is the only one with that batch
    lot = first_lot("FH-SURG")
    assert reports.make_params("lot-trace", lot=lot.batch).item_id == lot.item_id
    assert reports.make_params("reserve-status").start == today


# --- files -----------------------------------------------------------------------------------


def _kw(name: str) -> dict[str, str]:
    s = reports.spec(name)
    kw: dict[str, str] = {}
    if s.item == "required":
        kw["item"] = "FH-SURG"
    if s.lot == "required":
        kw["lot"] = first_lot("FH-SURG").batch
    return kw


def pdf_text(path: Path) -> tuple[int, str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = len(pdf)
        page = pdf[0]
        bitmap = page.render(scale=0.5)
        assert bitmap.width > 0
        text = page.get_textpage().get_text_range()
        return pages, text
    finally:
        pdf.close()


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv"])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_report_opens_in_every_format(
    demo: Path, tmp_path: Path, zh: None, name: str, fmt: str
) -> None:
    s = reports.spec(name)
    path = reports.export(name, whole(name, **_kw(name)), fmt, tmp_path / f"{name}.{fmt}")
    assert path.is_file() and not list(tmp_path.glob(".*.part"))
    first = s.sections[0].columns
    shown = [c for c in first if c.kind != "group"]
    if fmt == "xlsx":
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        assert len(wb.worksheets) == len(s.sections)
        assert s.zh in ws["A1"].value
        assert "阳光幼儿园" in ws["A2"].value
        header = next(
            row for row in ws.iter_rows(values_only=True) if row and row[0] == shown[0].zh
        )
        assert list(header[: len(shown)]) == [c.zh for c in shown]
        assert ws.print_title_rows and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.freeze_panes == f"A{int(ws.print_title_rows.split(':')[0].strip('$')) + 1}"
        values = [v for row in ws.iter_rows(values_only=True) for v in row if v]
        assert f"{s.signoff[0][0]}：" in values and "日期：" in values
    elif fmt == "pdf":
        pages, text = pdf_text(path)
        assert pages >= 1
        assert s.zh in text
        assert "第 1 页 共" in text
        assert b"StorekeeperHei" in path.read_bytes()  # the bundled font, embedded
    else:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel on Windows needs
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        heads = rows[1] if len(s.sections) > 1 else rows[0]
        assert heads == [c.zh for c in first]
        assert len(rows) > 1


def test_english_reports_keep_the_chinese_title(demo: Path, tmp_path: Path) -> None:
    i18n.set_language("en")
    path = reports.export("in-out-summary", whole("in-out-summary"), "pdf", tmp_path / "s.pdf")
    _pages, text = pdf_text(path)
    assert "Receipts, issues and balances" in text and "收发存汇总表" in text
    assert "Page 1 of" in text


def test_cancel_leaves_no_file(demo: Path, tmp_path: Path) -> None:
    calls = 0

    def progress(done: int, total: int, text: str = "") -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise Cancelled()

    target = tmp_path / "card.xlsx"
    with pytest.raises(Cancelled):
        reports.export(
            "ledger-card", whole("ledger-card", item="FH-SURG"), "xlsx", target, progress
        )
    assert list(tmp_path.iterdir()) == []


def test_too_many_rows_for_a_pdf_is_refused_before_writing(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(doc.MAX_ROWS, "pdf", 10)
    with pytest.raises(BadInput, match="CSV") as err:
        reports.export(
            "ledger-card", whole("ledger-card", item="FH-SURG"), "pdf", tmp_path / "c.pdf"
        )
    assert err.value.field == "format"
    assert list(tmp_path.iterdir()) == []
    # CSV has no such limit
    reports.export("ledger-card", whole("ledger-card", item="FH-SURG"), "csv", tmp_path / "c.csv")


def test_an_unwritable_place_is_a_storage_error(demo: Path, tmp_path: Path) -> None:
    from app.domain.errors import StorageError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError):
        reports.export("overrides", whole("overrides"), "csv", blocker / "sub" / "o.csv")


def test_file_name_offered_when_saving(demo: Path, zh: None) -> None:
    p = reports.make_params("in-out-summary", start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert (
        reports.file_name("in-out-summary", p, "xlsx") == "收发存汇总表_2026-01-01_2026-01-31.xlsx"
    )


def test_every_text_of_the_definitions_is_in_the_bundled_font() -> None:
    """A glyph the font lacks prints as an empty box on a PC without Chinese fonts."""
    from fontTools.ttLib import TTFont

    from app import paths

    cmap = TTFont(str(paths.font_path())).getBestCmap()
    texts: list[str] = []
    for s in reports.specs():
        texts += [s.zh, s.en, s.about_zh, s.about_en, *(t for pair in s.signoff for t in pair)]
        for sec in s.sections:
            texts += [sec.zh, sec.en, *(t for c in sec.columns for t in (c.zh, c.en))]
    missing = {ch: t for t in texts for ch in t if ord(ch) not in cmap and not ch.isspace()}
    assert missing == {}
