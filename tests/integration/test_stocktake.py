"""Stocktake on real books: the demo storeroom counted with induced differences, sheets, CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from app.documents.sheets import COLUMNS
from app.domain import i18n
from app.domain.errors import AlreadyPosted, BadInput, SignOffMissing
from app.services import accounts, bootstrap, ledger
from app.services import stocktake as stk
from app.services.verify import verify
from app.store.database import close_database
from app.store.models import (
    Account,
    Balance,
    Item,
    LedgerEntry,
    Lot,
    Stocktake,
    StocktakeLine,
    Voucher,
    VoucherLine,
)
from tests.conftest import Store, copy_demo

ENV = {**os.environ, "STOREKEEPER_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
HEAD = {c.key: {c.zh, c.en} for c in COLUMNS}


def sk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        timeout=300,
    )


def one_clear_line(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, p.stdout + p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert "Traceback" not in p.stderr
    return p.stderr


@pytest.fixture(scope="module")
def demo_template(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(demo_file, tmp_path_factory.mktemp("stocktake") / "demo.db")


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> Iterator[Path]:
    """A copy of the demo storeroom, opened."""
    i18n.set_language("en")
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    bootstrap.open_books(path, create=False)
    yield path
    close_database()


def fill_sheet(
    src: Path, dst: Path, fill: Callable[[dict[str, object]], dict[str, object]]
) -> None:
    """Open an exported sheet, let `fill` change each line's cells (by column key), save it."""
    wb = load_workbook(src)
    ws = wb.active
    at: dict[str, int] = {}
    for row in ws.iter_rows():
        if not at:
            names = [str(c.value or "").strip() for c in row]
            if any(n in HEAD["seq"] for n in names):
                at = {k: i for i, n in enumerate(names) for k, v in HEAD.items() if n in v}
            continue
        cells = {k: row[i].value for k, i in at.items()}
        if isinstance(cells["seq"], str):
            continue
        new = fill(cells)
        for key, value in new.items():
            row[at[key]].value = value
    wb.save(dst)


def balance(lot_id: int, slot_id: int) -> int:
    b = Balance.get_or_none((Balance.lot == lot_id) & (Balance.slot == slot_id))
    return b.qty if b else 0


def head_id() -> int:
    return accounts.authenticate("head", "5678").id


# --- the demo ---------------------------------------------------------------------------------


def test_demo_has_one_closed_stocktake_with_differences(demo: Path) -> None:
    closed = stk.list_stocktakes()
    assert [s.status for s in closed] == ["closed"]
    assert stk.open_stocktake() is None
    last = stk.last_closed()
    assert last is not None and last.voucher_no and last.voucher_no.startswith("TZ-")
    assert last.accuracy is not None and 0.5 < last.accuracy < 1
    diffs = stk.variances(last.id)
    assert 2 <= len(diffs) <= 6 and all(d.reason for d in diffs)
    assert stk.report_pdf(last.id).startswith(b"%PDF")
    assert verify() == []


def test_the_list_of_stocktakes_takes_a_few_queries_however_long(
    demo: Path, count_queries: Callable[[], list[str]]
) -> None:
    (closed,) = stk.list_stocktakes()
    opened = stk.start(zone="B", by=head_id())
    seen = count_queries()
    listed = stk.list_stocktakes()
    assert 0 < len(seen) <= 5  # the stocktakes, then zones, accounts, vouchers, signatures
    assert "report_pdf" not in seen[0]  # the kept PDFs stay on disk
    assert listed == [opened, closed]
    new, old = listed
    assert (new.zone, new.zone_name, new.started_by) == ("B", opened.zone_name, "王园长")
    assert new.zone_name and new.voucher_no is None and new.approver == ""
    assert old.voucher_no and old.voucher_no.startswith("TZ-") and old.approver
    assert stk.get(old.id) == old and stk.open_stocktake() == new


# --- the full cycle ---------------------------------------------------------------------------


def test_full_cycle_with_induced_differences(demo: Path, tmp_path: Path) -> None:
    info = stk.start(month=f"{date.today():%Y-%m}")
    assert info.kind == "month" and info.status == "open"
    rows = stk.lines(info.id)
    book = [r for r in rows if r.item_id is not None]
    empty = [r for r in rows if r.item_id is None]
    assert book and empty, "lots and empty slots are both listed"
    # every lot on every slot is on the sheet with its book quantity
    on_books = {(b.lot_id, b.slot_id): b.qty for b in Balance.select().where(Balance.qty > 0)}
    assert {(r.lot_id, r.slot_id): r.book_qty for r in book} == on_books

    sheet = stk.export_sheet(info.id, tmp_path / "sheet.xlsx", "xlsx")
    short, over = book[0], book[3]
    found_slot = empty[0]
    mask = Item.get(Item.code == "FH-SURG")

    def fill(cells: dict[str, object]) -> dict[str, object]:
        seq = cells["seq"]
        if seq == short.seq:
            return {"counted": short.expected - 5, "reason": "损坏：纸箱受潮"}
        if seq == over.seq:
            return {"counted": over.expected + 3, "reason": "booking error"}
        if seq == found_slot.seq:
            return {
                "item_code": "FH-SURG",
                "batch": "FOUND-01",
                "expiry": date.today() + timedelta(days=300),
                "counted": 40,
                "reason": "未登记入库",
            }
        if cells["item_code"]:
            return {"counted": cells["book"]}
        return {}

    filled = tmp_path / "filled.xlsx"
    fill_sheet(sheet, filled, fill)
    result = stk.import_counts(info.id, filled)
    assert result.found == 1 and result.counted == len(book) + 1

    approver = head_id()
    after = stk.post(info.id, approver_id=approver)
    assert after.status == "closed" and after.voucher_no.startswith("TZ-")
    assert after.lines_total == len(book) + 1 and after.lines_matched == len(book) - 2

    # stock now equals what was counted, lot by lot and slot by slot
    counted = {(r.lot_id, r.slot_id): r.counted for r in stk.lines(info.id) if r.item_id}
    now_on = {(b.lot_id, b.slot_id): b.qty for b in Balance.select().where(Balance.qty > 0)}
    assert {k: v for k, v in counted.items() if v} == now_on
    found_lot = Lot.get((Lot.item == mask.id) & (Lot.batch == "FOUND-01"))
    assert balance(found_lot.id, found_slot.slot_id) == 40

    # one adjustment voucher, its ledger entries carrying the reasons
    v = Voucher.get(Voucher.number == after.voucher_no)
    assert v.vtype == "adjustment" and v.reference == after.number and v.posted_by_id == approver
    entries = {
        (e.lot_id, e.slot_id): (e.delta, e.line.note)
        for e in LedgerEntry.select(LedgerEntry, VoucherLine)
        .join(VoucherLine)
        .where(LedgerEntry.voucher == v.id)
    }
    assert entries == {
        (short.lot_id, short.slot_id): (-5, "damaged"),
        (over.lot_id, over.slot_id): (3, "miscount"),
        (found_lot.id, found_slot.slot_id): (40, "unrecorded_receipt"),
    }
    line = StocktakeLine.get(StocktakeLine.seq == short.seq, StocktakeLine.stocktake == info.id)
    assert line.note == "纸箱受潮"
    assert verify() == []

    # closed means read-only, and its report is kept and reprintable
    with pytest.raises(AlreadyPosted):
        stk.record_count(short.line_id, 1)
    with pytest.raises(AlreadyPosted):
        stk.import_counts(info.id, filled)
    kept = stk.report_pdf(info.id)
    assert kept == bytes(Stocktake.get_by_id(info.id).report_pdf)
    assert stk.last_closed().id == info.id

    # the counted lines are part of the voucher's hash: a changed count is caught by verify
    StocktakeLine.update(counted_qty=999).where(StocktakeLine.id == short.line_id).execute()
    assert any(after.voucher_no in (p.voucher_no or "") for p in verify())


def test_postings_while_the_count_is_open_are_accounted_for(demo: Path) -> None:
    info = stk.start()
    rows = [r for r in stk.lines(info.id) if r.item_id is not None]
    moved = next(r for r in rows if r.book_qty >= 30 and r.item_code.startswith("FH-"))
    # 10 issued after the count started: the shelf now holds book − 10, and that is no difference
    ledger.post_new("issue", [ledger.Line(moved.item_id, moved.lot_id, moved.slot_id, 10)])
    # a receipt of a new lot onto a counted slot: it joins the count as a line of its own
    new_lot = Lot.create(
        item=moved.item_id, batch="DURING-COUNT", expiry=date.today() + timedelta(400)
    )
    ledger.post_new("receipt", [ledger.Line(moved.item_id, new_lot.id, moved.slot_id, 25)])
    assert stk.refresh(info.id) == 1
    rows = {r.line_id: r for r in stk.lines(info.id)}
    line = rows[moved.line_id]
    assert line.book_qty == moved.book_qty and line.expected == moved.book_qty - 10
    arrived = next(r for r in rows.values() if r.lot_id == new_lot.id)
    assert arrived.origin == "moved_in" and arrived.book_qty == 0 and arrived.expected == 25

    counts = {r.line_id: r.expected for r in rows.values() if r.item_id is not None}
    counts[arrived.line_id] = 24  # one short
    stk.record_counts(counts)
    stk.set_reason(arrived.line_id, "lost")
    before = balance(moved.lot_id, moved.slot_id)
    after = stk.post(info.id, approver_id=head_id())
    assert balance(moved.lot_id, moved.slot_id) == before == moved.book_qty - 10
    assert balance(new_lot.id, moved.slot_id) == 24
    deltas = [
        e.delta
        for e in LedgerEntry.select().join(Voucher).where(Voucher.number == after.voucher_no)
    ]
    assert deltas == [-1]
    assert verify() == []


def test_bad_import_is_refused_by_row_and_nothing_applied(demo: Path, tmp_path: Path) -> None:
    info = stk.start()
    book = [r for r in stk.lines(info.id) if r.item_id is not None]
    sheet = stk.export_sheet(info.id, tmp_path / "sheet.xlsx", "xlsx")
    bad = {book[1].seq: "abc", book[2].seq: -3, book[3].seq: 2.5}

    def fill(cells: dict[str, object]) -> dict[str, object]:
        seq = cells["seq"]
        if seq in bad:
            return {"counted": bad[seq]}
        if seq == book[4].seq:
            return {"batch": "CHANGED", "counted": 1}
        if seq == book[5].seq:
            return {"seq": 99999, "counted": 1}
        if seq == book[6].seq:
            return {"seq": book[0].seq, "counted": 1}  # line 1 twice
        if cells["item_code"]:
            return {"counted": cells["book"]}
        return {}

    filled = tmp_path / "bad.xlsx"
    fill_sheet(sheet, filled, fill)
    rows_of = _seq_rows(sheet)
    with pytest.raises(BadInput) as err:
        stk.import_counts(info.id, filled)
    problems = err.value.details["problems"]
    assert sorted(r for r, _zh, _en in problems) == sorted(
        rows_of[s]
        for s in (book[1].seq, book[2].seq, book[3].seq, book[4].seq, book[5].seq, book[6].seq)
    )
    message = str(err.value)
    assert f"row {rows_of[book[1].seq]}" in message and "whole number" in message
    assert "negative" in message and "should be" in message and "appears twice" in message
    assert all(r.counted is None for r in stk.lines(info.id)), "nothing was applied"

    # a sheet of another stocktake is refused too
    other = tmp_path / "other.xlsx"
    wb = load_workbook(filled)
    wb.active["A2"] = str(wb.active["A2"].value).replace(info.number, "PD-1999-0001")
    wb.save(other)
    with pytest.raises(BadInput, match="PD-1999-0001"):
        stk.import_counts(info.id, other)


def _seq_rows(path: Path) -> dict[int, int]:
    """Line number → spreadsheet row in an exported sheet."""
    ws = load_workbook(path).active
    return {
        row[0]: n
        for n, row in enumerate(ws.iter_rows(values_only=True), start=1)
        if isinstance(row[0], int)
    }


def test_posting_needs_counts_reasons_and_an_approver(demo: Path) -> None:
    info = stk.start(zone="B")
    rows = [r for r in stk.lines(info.id) if r.item_id is not None]
    assert {r.zone for r in stk.lines(info.id)} == {"B"}
    with pytest.raises(SignOffMissing):
        stk.post(info.id)
    keeper = Account.get(Account.username == "keeper").id
    with pytest.raises(SignOffMissing):
        stk.post(info.id, approver_id=keeper)
    with pytest.raises(BadInput, match="not counted"):
        stk.post(info.id, approver_id=head_id())
    stk.record_counts({r.line_id: r.expected for r in rows})
    stk.record_count(rows[0].line_id, rows[0].expected + 1)
    with pytest.raises(BadInput, match="reason"):
        stk.post(info.id, approver_id=head_id())
    stk.set_reason(rows[0].line_id, "miscount")
    done = stk.post(info.id, approver_id=head_id())
    assert done.kind == "zone" and done.lines_matched == len(rows) - 1


def test_no_differences_closes_without_a_voucher(demo: Path, tmp_path: Path) -> None:
    info = stk.start(zone="D")
    stk.record_counts({r.line_id: r.expected for r in stk.lines(info.id) if r.item_id})
    vouchers = Voucher.select().count()
    i18n.set_language("zh_CN")
    try:
        done = stk.post(info.id, approver_id=head_id())
    finally:
        i18n.set_language("en")
    assert done.voucher_no is None and done.accuracy == 1 and Voucher.select().count() == vouchers
    report = tmp_path / "report.pdf"
    stk.write_report(info.id, report)
    texts, _size = pdf_texts(report)
    assert "盘点报告" in texts[0] and "准确率" in texts[0] and "100.0%" in texts[0]
    assert "王园长" in texts[0], "the approver's sign-off is in the kept report"


# --- the sheet ---------------------------------------------------------------------------------


def test_xlsx_sheet_reads_back_with_formulas_and_print_setup(demo: Path, tmp_path: Path) -> None:
    info = stk.start()
    path = stk.export_sheet(info.id, tmp_path / "s.xlsx", "xlsx")
    ws = load_workbook(path).active
    header = [c.value for c in ws[3]]
    assert header[:4] == ["No.", "Slot", "Item code", "Item"] and "Difference" in header
    diff_col = header.index("Difference") + 1
    counted_col = header.index("Counted") + 1
    expiry_col = header.index("Expires") + 1
    data = [r for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)]
    assert len(data) == len(stk.lines(info.id))
    first = data[0][0].row
    assert ws.cell(first, diff_col).value.startswith("=IF(")
    assert any(hasattr(r[expiry_col - 1].value, "year") for r in data)
    assert ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    rules = ws.data_validations.dataValidation
    assert any(
        v.type == "whole" and ws.cell(first, counted_col).coordinate in v.sqref for v in rules
    )
    assert min(ws.row_dimensions[r[0].row].height for r in data) >= 24
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "Approver:" in text and "Supervisor:" in text


def test_blind_sheet_hides_book_quantities(demo: Path, tmp_path: Path) -> None:
    info = stk.start(blind=True)
    ws = load_workbook(stk.export_sheet(info.id, tmp_path / "b.xlsx", "xlsx")).active
    header = [c.value for c in ws[3]]
    assert "Book qty" not in header and "Difference" not in header and "Counted" in header


def test_pdf_sheet_in_chinese_prints_every_line(demo: Path, tmp_path: Path) -> None:
    i18n.set_language("zh_CN")
    try:
        info = stk.start()
        path = stk.export_sheet(info.id, tmp_path / "s.pdf", "pdf")
    finally:
        i18n.set_language("en")
    texts, size = pdf_texts(path)
    pages = len(texts)
    assert pages >= 2
    assert "盘点表" in texts[0] and "阳光幼儿园" in texts[0]
    for n, text in enumerate(texts, start=1):
        assert "实盘数量" in text, f"header repeated on page {n}"
        assert f"第 {n} 页 共 {pages} 页" in text
    assert "审核人" in texts[-1] and "监盘人" in texts[-1]
    whole = "\n".join(texts)
    for r in stk.lines(info.id):
        assert r.slot in whole and (not r.batch or r.batch in whole)
    fonts = path.read_bytes()
    assert b"StorekeeperHei" in fonts and b"FontFile2" in fonts
    assert size[0] > size[1]  # landscape


def pdf_texts(path: Path) -> tuple[list[str], tuple[int, int]]:
    """The text of every page, and the first page rendered (its pixel size), all closed after."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            if i == 0:
                bitmap = page.render(scale=1)
                size = bitmap.to_pil().size
                bitmap.close()
            page.close()
        return texts, size
    finally:
        pdf.close()


# --- opening stock -----------------------------------------------------------------------------


def test_opening_stock_from_a_spreadsheet(store: Store, tmp_path: Path) -> None:
    info = stk.start()
    assert info.kind == "opening"
    rows = stk.lines(info.id)
    assert all(r.item_id is None for r in rows) and len(rows) == 3
    sheet = stk.export_sheet(info.id, tmp_path / "open.xlsx", "xlsx")
    expiry = date.today() + timedelta(days=500)

    def fill(cells: dict[str, object]) -> dict[str, object]:
        if cells["slot"] == "A-01-01":
            return {"item_code": "FH-SURG", "batch": "OPEN-1", "expiry": expiry, "counted": 500}
        if cells["slot"] == "F-01-01":
            return {"item_code": "XS-ALC75", "batch": "ALC-1", "expiry": expiry, "counted": 12}
        return {}

    filled = tmp_path / "open-filled.xlsx"
    fill_sheet(sheet, filled, fill)
    # a second lot on a spare line at the end of the sheet
    wb = load_workbook(filled)
    ws = wb.active
    spare = next(
        r[0].row
        for r in ws.iter_rows(min_row=4)
        if r[0].value is None and r[1].value is None and r[10].value
    )
    for col, value in zip("BCGHJ", ("A-01-02", "FH-N95", "N95-OPEN", expiry, 80), strict=True):
        ws[f"{col}{spare}"] = value
    wb.save(filled)
    assert stk.import_counts(info.id, filled).found == 3
    assert stk.import_counts(info.id, filled).found == 3, "importing twice changes nothing"
    done = stk.post(info.id, approver_id=_approver())
    v = Voucher.get(Voucher.number == done.voucher_no)
    assert v.vtype == "opening" and done.voucher_no.startswith("QC-")
    assert sorted(e.delta for e in LedgerEntry.select()) == [12, 80, 500]
    lot = Lot.get(Lot.batch == "OPEN-1")
    assert lot.expiry == expiry and balance(lot.id, store.general[0]) == 500
    assert verify() == []


def _approver() -> int:
    accounts.create_account("boss", "园长", "approver", "2468")
    return accounts.authenticate("boss", "2468").id


def test_found_stock_on_the_wrong_shelf_is_refused_by_the_hazard_rules(store: Store) -> None:
    info = stk.start()
    stk.add_found(info.id, slot="A-01-01", item_code="XS-ALC75", batch="X1", expiry=None, qty=2)
    with pytest.raises(Exception, match="(?i)flammable|易燃"):
        stk.post(info.id, approver_id=_approver())
    assert Stocktake.get_by_id(info.id).status == "open"


# --- command line ------------------------------------------------------------------------------


def test_cli_cycle_and_bad_input(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    shutil.copyfile(demo_template, db)
    listed = sk("stocktake", "list", "--db", db)
    assert listed.returncode == 0 and "closed" in listed.stdout and "open" not in listed.stdout

    one_clear_line(sk("stocktake", "start", "--db", db, "--month", "2026-13"))
    one_clear_line(sk("stocktake", "start", "--db", db, "--zone", "NOPE"))
    started = sk("stocktake", "start", "--db", db, "--zone", "B")
    assert started.returncode == 0, started.stderr
    sid = started.stdout.strip().splitlines()[-1]
    assert sid.isdigit()
    assert "still open" in one_clear_line(sk("stocktake", "start", "--db", db))

    xlsx, pdf = tmp_path / "s.xlsx", tmp_path / "s.pdf"
    assert (
        sk(
            "stocktake", "export", "--db", db, "--id", sid, "--format", "xlsx", "-o", xlsx
        ).returncode
        == 0
    )
    assert (
        sk("stocktake", "export", "--db", db, "--id", sid, "--format", "pdf", "-o", pdf).returncode
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    one_clear_line(
        sk("stocktake", "export", "--db", db, "--id", "999", "--format", "pdf", "-o", pdf)
    )

    bad = tmp_path / "bad.xlsx"
    fill_sheet(xlsx, bad, lambda c: {"counted": "lots"} if c["item_code"] else {})
    err = one_clear_line(sk("stocktake", "import", "--db", db, "--id", sid, bad))
    assert "row " in err and "not imported" in err
    not_xlsx = tmp_path / "notes.xlsx"
    not_xlsx.write_text("hello")
    one_clear_line(sk("stocktake", "import", "--db", db, "--id", sid, not_xlsx))

    good = tmp_path / "good.xlsx"
    first = {}

    def fill(c: dict[str, object]) -> dict[str, object]:
        if not c["item_code"]:
            return {}
        if not first:
            first["seq"] = c["seq"]
            return {"counted": int(c["book"]) - 2, "reason": "lost"}
        return {"counted": c["book"]}

    fill_sheet(xlsx, good, fill)
    imported = sk("stocktake", "import", "--db", db, "--id", sid, good)
    assert imported.returncode == 0, imported.stderr

    one_clear_line(
        sk("stocktake", "post", "--db", db, "--id", sid, "--approver", "head", "--pin", "0000")
    )
    one_clear_line(
        sk("stocktake", "post", "--db", db, "--id", sid, "--approver", "keeper", "--pin", "1234")
    )
    posted = sk("stocktake", "post", "--db", db, "--id", sid, "--approver", "head", "--pin", "5678")
    assert posted.returncode == 0, posted.stderr
    assert "TZ-" in posted.stdout
    one_clear_line(
        sk("stocktake", "post", "--db", db, "--id", sid, "--approver", "head", "--pin", "5678")
    )

    shown = sk("stocktake", "show", "--db", db, "--id", sid, "--differences", "--format", "csv")
    assert shown.returncode == 0 and shown.stdout.count("\n") == 2 and ",-2,lost" in shown.stdout
    report = tmp_path / "report.pdf"
    assert sk("stocktake", "report", "--db", db, "--id", sid, "-o", report).returncode == 0
    assert report.read_bytes().startswith(b"%PDF")
    stock = sk("verify", "--db", db)
    assert stock.returncode == 0, stock.stdout
