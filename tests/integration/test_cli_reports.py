"""`storekeeper report` as a storekeeper's script runs it: real processes, real files."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from tests.conftest import copy_demo

ENV = {**os.environ, "STOREKEEPER_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
NAMES = [
    "ledger-card",
    "in-out-summary",
    "receipts",
    "donations",
    "issues",
    "overrides",
    "write-offs",
    "loans",
    "lot-trace",
    "reserve-status",
    "demand-request",
    "disclosure",
]


def sk(*args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**ENV, "STOREKEEPER_LANG": lang},
        timeout=300,
    )


def one_clear_line(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, (p.stdout, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    assert "Traceback" not in p.stderr
    return lines[0]


@pytest.fixture(scope="module")
def db(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(demo_file, tmp_path_factory.mktemp("cli-reports") / "demo.db")


def test_list_needs_no_database(tmp_path: Path) -> None:
    p = sk("report", "--list", "--db", tmp_path / "nothing-here.db")
    assert p.returncode == 0, p.stderr
    names = [line.split()[0] for line in p.stdout.splitlines()]
    assert names == NAMES
    assert "Stock card" in p.stdout and "--item" in p.stdout
    assert not (tmp_path / "nothing-here.db").exists()
    zh = sk("report", "--list", lang="zh_CN")
    assert zh.returncode == 0 and "收发存汇总表" in zh.stdout


def test_in_out_summary_as_csv_for_the_whole_history(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    p = sk(
        "report", "in-out-summary", "--db", db, "--from", "2020-01-01", "--format", "csv", "-o", out
    )
    assert p.returncode == 0, p.stderr
    assert str(out) in p.stdout and "rows" in p.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows
    for r in rows:
        opening, qty_in, qty_out, closing = (int(r[k]) for k in ("Opening", "In", "Out", "Closing"))
        assert opening + qty_in - qty_out == closing
    stock = sk("stock", "--db", db, "--format", "csv")
    totals: dict[str, int] = {}
    for r in csv.DictReader(io.StringIO(stock.stdout)):
        totals[r["item_code"]] = totals.get(r["item_code"], 0) + int(r["qty"])
    assert {r["Item code"]: int(r["Closing"]) for r in rows if int(r["Closing"])} == totals


def test_ledger_card_of_a_lot_as_pdf_and_xlsx(db: Path, tmp_path: Path) -> None:
    ledger = sk("ledger", "--db", db, "--item", "FH-SURG", "--format", "csv")
    batch = next(csv.DictReader(io.StringIO(ledger.stdout)))["batch"]
    pdf = tmp_path / "card.pdf"
    p = sk(
        "report", "ledger-card", "--db", db, "--item", "FH-SURG", "--lot", batch,
        "--from", "2020-01-01", "--format", "pdf", "-o", pdf, lang="zh_CN",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    doc = pdfium.PdfDocument(str(pdf))
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    assert "物资台账" in text and batch in text
    xlsx = tmp_path / "card.xlsx"
    p = sk("report", "ledger-card", "--db", db, "--item", "FH-SURG", "--format", "xlsx", "-o", xlsx)
    assert p.returncode == 0, p.stderr
    ws = load_workbook(xlsx).worksheets[0]
    assert "物资台账" in ws["A1"].value


def test_reports_that_take_no_dates_and_the_defaults(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reserve.csv"
    p = sk("report", "reserve-status", "--db", db, "--format", "csv", "-o", out)
    assert p.returncode == 0, p.stderr
    assert f"as of {date.today()}" in p.stdout
    p = sk("report", "disclosure", "--db", db, "--format", "xlsx", "-o", tmp_path / "d.xlsx")
    assert p.returncode == 0, p.stderr
    assert f"{date.today().replace(day=1)} to {date.today()}" in p.stdout
    assert len(load_workbook(tmp_path / "d.xlsx").worksheets) == 4


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["no-such-report", "--format", "pdf"], "No report named no-such-report"),
        (["ledger-card", "--format", "pdf"], "needs an item"),
        (["ledger-card", "--item", "NOPE", "--format", "pdf"], "no item with code NOPE"),
        (["ledger-card", "--item", "FH-SURG", "--lot", "NOPE", "--format", "pdf"], "no batch NOPE"),
        (["overrides", "--item", "FH-SURG", "--format", "pdf"], "leave the item out"),
        (["receipts", "--from", "2026-02-30", "--format", "pdf"], "not a date"),
        (["receipts", "--from", "2026-05-02", "--to", "2026-05-01", "--format", "pdf"], "after"),
        (["receipts", "--format", "docx"], "invalid choice"),
        (["receipts"], "missing: --format"),
        (["--format", "pdf"], "Name a report"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    db: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    out = tmp_path / "x.out"
    line = one_clear_line(sk("report", *args, "--db", db, "-o", out))
    assert words.lower() in line.lower()
    assert not out.exists()


def test_a_missing_database_is_exit_2(tmp_path: Path) -> None:
    line = one_clear_line(
        sk(
            "report",
            "receipts",
            "--db",
            tmp_path / "none.db",
            "--format",
            "csv",
            "-o",
            tmp_path / "r.csv",
        )
    )
    assert "none.db" in line
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("name", NAMES)
def test_every_report_runs_from_the_command_line(db: Path, tmp_path: Path, name: str) -> None:
    args = ["report", name, "--db", db, "--from", "2020-01-01", "--format", "csv"]
    if name in ("ledger-card", "lot-trace"):
        ledger = sk("ledger", "--db", db, "--item", "FH-SURG", "--format", "csv")
        batch = next(csv.DictReader(io.StringIO(ledger.stdout)))["batch"]
        args += ["--item", "FH-SURG", "--lot", batch]
    out = tmp_path / f"{name}.csv"
    p = sk(*args, "-o", out)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
