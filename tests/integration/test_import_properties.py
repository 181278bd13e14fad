"""Property-based: random rows written to real xlsx files and fed to the importers.

Whatever a sheet holds (text, numbers, dates, blanks, formulas, very long strings, wrong types,
duplicate keys, missing columns), an import either succeeds or raises a StorekeeperError whose
message names the row or column; nothing else escapes, and a refused file writes nothing.
Cancelling a long import (progress raising Cancelled) also writes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.documents.sheets import COLUMNS
from app.domain.errors import StorekeeperError
from app.domain.progress import Cancelled
from app.services import ledger, people
from app.services import stocktake as stk
from app.store.models import AuditLog, Lot, Party, StocktakeLine

EXAMPLES = int(
    os.environ.get("SK_EXAMPLES", "40")
)  # each example writes and reads a workbook: keep the suite quick
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Where a refused file's message says which row or column is wrong.
NAMES_A_PLACE = re.compile(r"第 \d+ 行|Row \d+|row \d+|缺少这一列|column is missing")

# What a cell may hold. openpyxl refuses control characters, so text leaves them out.
plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x7f"),
    max_size=12,
)
long_text = st.text(alphabet="长文本abcXYZ 0123", min_size=300, max_size=3000)
formula = st.sampled_from(["=A1+1", "=SUM(B2:B9)", '=IF(1,"是","否")', "=1/0"])
number = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
moment = st.one_of(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)),
)
anything = st.one_of(st.none(), plain_text, long_text, formula, number, moment, st.booleans())


# --- people -----------------------------------------------------------------------------------

PEOPLE_HEADINGS = [(c, zh, en) for c, zh, en in people.IMPORT_COLUMNS]
DEPARTMENTS = ("大一班", "小二班")
STAFF = ("T001", "T002", "T003")


@pytest.fixture
def staff_books(books: Path) -> Path:
    """Two classes and three people with staff numbers."""
    depts = [people.create_party("department", name).id for name in DEPARTMENTS]
    for n, no in enumerate(STAFF):
        people.create_party("person", f"老师{n}", staff_no=no, department_id=depts[n % 2])
    return books


CLEAN_PEOPLE: dict[str, st.SearchStrategy[Any]] = {
    "staff_no": st.one_of(st.sampled_from(STAFF), st.from_regex(r"T\d{4}", fullmatch=True)),
    "name": st.sampled_from(["张三", "李四", "Wang Wu", "  赵六 "]),
    "department": st.sampled_from(DEPARTMENTS),
    "role": st.sampled_from(["教师", "保育员", ""]),
    "risk_group": st.sampled_from(["高风险", "低风险", "medium", "HIGH"]),
    "active": st.sampled_from(["是", "否", "在岗", "yes", "no", True, False, 1, 0, None]),
}
MESSY_PEOPLE: dict[str, st.SearchStrategy[Any]] = {
    "department": st.sampled_from(["没有这个班", ""]),
    "risk_group": st.sampled_from(["很高", ""]),
}


@st.composite
def people_sheets(draw: st.DrawFn) -> tuple[list[Any], list[list[Any]]]:
    """Usually every column in some order, sometimes a column missing or an extra one; rows
    mostly clean (so imports succeed too), some with a wrong or random value."""
    columns = list(PEOPLE_HEADINGS)
    if draw(st.integers(0, 4)) == 0:
        columns = draw(st.lists(st.sampled_from(PEOPLE_HEADINGS), min_size=1, max_size=7))
    columns = draw(st.permutations(columns))
    english = draw(st.booleans())
    heading: list[Any] = [en if english else zh for _c, zh, en in columns]
    if draw(st.integers(0, 4)) == 0:
        heading.append(draw(anything))  # a column nobody asked for

    def cell(column: str, messy: bool) -> st.SearchStrategy[Any]:
        if not messy:
            return CLEAN_PEOPLE[column]
        return st.one_of(CLEAN_PEOPLE[column], MESSY_PEOPLE.get(column, anything), anything)

    rows = []
    for _ in range(draw(st.integers(0, 8))):
        messy = draw(st.integers(0, 5)) == 0
        rows.append([draw(cell(c, messy)) for c, _zh, _en in columns])
    return heading, rows


def write_workbook(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def people_rows() -> list[tuple]:
    return list(
        Party.select(
            Party.kind, Party.name, Party.staff_no, Party.department, Party.risk_group, Party.active
        )
        .order_by(Party.id)
        .tuples()
    )


@PROPERTY
@given(sheet=people_sheets())
def test_people_import_takes_any_sheet(
    staff_books: Path, tmp_path_factory: pytest.TempPathFactory, sheet: tuple[list, list]
) -> None:
    heading, rows = sheet
    path = write_workbook(tmp_path_factory.mktemp("people") / "people.xlsx", [heading, *rows])
    before, before_audit = people_rows(), AuditLog.select().count()
    try:
        result = people.import_people(path)
    except StorekeeperError as err:
        assert NAMES_A_PLACE.search(str(err)), str(err)
        assert people_rows() == before
        assert AuditLog.select().count() == before_audit
    else:
        body = [r for r in rows if any(str(c if c is not None else "").strip() for c in r)]
        assert result.created + result.updated == len(body)
        assert AuditLog.select().count() == before_audit + 1


# --- stocktake --------------------------------------------------------------------------------


@pytest.fixture
def counting(store: Any) -> Iterator[int]:
    """Stock on three slots and an open count of it; yields the stocktake id."""
    later = date.today() + timedelta(days=400)
    for n, slot in enumerate([*store.general, store.flammable]):
        item = store.alcohol if slot == store.flammable else store.mask
        lot = Lot.create(item=item, batch=f"B{n}", expiry=later).id
        ledger.post_new("receipt", [ledger.Line(item, lot, slot, 10 + n)])
    info = stk.start(month=f"{date.today():%Y-%m}")
    yield info.id


def stocktake_lines(stocktake_id: int) -> list[tuple]:
    return list(
        StocktakeLine.select(
            StocktakeLine.seq,
            StocktakeLine.slot,
            StocktakeLine.item,
            StocktakeLine.batch,
            StocktakeLine.counted_qty,
            StocktakeLine.reason,
            StocktakeLine.note,
        )
        .where(StocktakeLine.stocktake == stocktake_id)
        .order_by(StocktakeLine.seq)
        .tuples()
    )


@st.composite
def count_sheets(draw: st.DrawFn, known: dict[str, list[Any]]) -> list[list[Any]]:
    """The sheet's columns (rarely one missing), then rows: most are lines of the count with a
    count and a reason typed in, some found stock, some anything at all."""
    columns = list(COLUMNS)
    if draw(st.integers(0, 5)) == 0:
        dropped = draw(st.sampled_from([c.key for c in COLUMNS]))
        columns = [c for c in COLUMNS if c.key != dropped]
    at = {c.key: i for i, c in enumerate(columns)}
    title = draw(st.sampled_from([known["number"][0]] * 4 + ["PD-1999-0001", "盘点表"]))
    heading = [c.zh if draw(st.booleans()) else c.en for c in columns]
    counted = st.one_of(
        st.integers(0, 500),
        st.sampled_from(["12", "1,000", " 7 ", "-3", "2.5", "3.0", None]),
        st.sampled_from([10**12, 2**63, 10**25, 1e300, "99999999999999999999"]),
        anything,
    )
    reason = st.sampled_from(["损坏：纸箱受潮", "miscount", "", None, "找到一箱"])
    reason = st.one_of(reason, reason, reason, anything)

    rows: list[list[Any]] = [[title], heading]
    for _ in range(draw(st.integers(0, 5))):
        row: list[Any] = [None] * len(columns)
        kind = draw(st.sampled_from(["line", "line", "line", "found", "junk"]))
        if kind == "junk":
            row = [draw(anything) for _ in columns]
        elif kind == "line":
            line = draw(st.sampled_from(known["lines"]))
            for key, value in zip(("seq", "slot", "item_code", "batch"), line, strict=True):
                if key in at:
                    row[at[key]] = value
        else:
            found = {
                "slot": st.sampled_from([*known["slot"], "Z-99"]),
                "item_code": st.sampled_from([*known["item_code"], "NOPE"]),
                "batch": st.one_of(st.sampled_from(["NEW-1", "NEW-2"]), plain_text),
                "expiry": st.one_of(st.dates(date(2020, 1, 1), date(2040, 1, 1)), anything),
            }
            for key, strategy in found.items():
                if key in at:
                    row[at[key]] = draw(strategy)
        if kind != "junk":
            if "counted" in at:
                row[at["counted"]] = draw(counted)
            if "reason" in at:
                row[at["reason"]] = draw(reason)
        rows.append(row)
    return rows


def _known(stocktake_id: int) -> dict[str, list[Any]]:
    lines = stk.lines(stocktake_id)
    return {
        "number": [stk.get(stocktake_id).number],
        "lines": [(ln.seq, ln.slot, ln.item_code, ln.batch) for ln in lines],
        "slot": sorted({ln.slot for ln in lines}),
        "item_code": sorted({ln.item_code for ln in lines if ln.item_code}),
    }


def test_count_sheet_import_takes_any_sheet(
    counting: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    known = _known(counting)

    @PROPERTY
    @given(rows=count_sheets(known))
    def check(rows: list[list[Any]]) -> None:
        path = write_workbook(tmp_path_factory.mktemp("count") / "sheet.xlsx", rows)
        before = stocktake_lines(counting)
        lots = Lot.select().count()
        try:
            stk.import_counts(counting, path)
        except StorekeeperError as err:
            assert (
                NAMES_A_PLACE.search(str(err))
                or "表头" in str(err)
                or "header" in str(err)
                or "belongs to stocktake" in str(err)
                or "这张表属于盘点" in str(err)
            ), str(err)
            assert stocktake_lines(counting) == before
            assert Lot.select().count() == lots

    check()


# --- cancelling writes nothing ----------------------------------------------------------------


def cancel_at(text_part: str, at: int = 1) -> Any:
    """A progress callback that raises Cancelled at the `at`-th report whose text says so."""
    seen = {"n": 0}

    def progress(done: int, total: int, text: str) -> None:
        if text_part in text:
            seen["n"] += 1
            if seen["n"] >= at:
                raise Cancelled()

    return progress


def test_cancelling_a_long_people_import_writes_nothing(staff_books: Path, tmp_path: Path) -> None:
    rows: list[list[Any]] = [["工号", "姓名", "部门/班级", "岗位", "风险等级", "在岗"]]
    rows += [[f"N{n:04d}", f"新人{n}", "大一班", "教师", "低风险", "是"] for n in range(300)]
    path = write_workbook(tmp_path / "many.xlsx", rows)
    before, audit_before = people_rows(), AuditLog.select().count()
    with pytest.raises(Cancelled):
        people.import_people(path, progress=cancel_at("Saving the people", at=3))
    assert people_rows() == before  # 100 rows were written inside the transaction, all undone
    assert AuditLog.select().count() == audit_before
    result = people.import_people(path)  # and the same file imports whole afterwards
    assert result.created == 300


def test_cancelling_a_count_sheet_import_writes_nothing(counting: int, tmp_path: Path) -> None:
    lines = stk.lines(counting)
    heading = [c.zh for c in COLUMNS]
    at = {c.key: i for i, c in enumerate(COLUMNS)}
    rows: list[list[Any]] = [[stk.get(counting).number], heading]
    for ln in lines:
        row: list[Any] = [None] * len(COLUMNS)
        row[at["seq"]], row[at["slot"]] = ln.seq, ln.slot
        row[at["item_code"]], row[at["batch"]] = ln.item_code, ln.batch
        row[at["counted"]] = 5 if ln.item_code else None
        rows.append(row)
    path = write_workbook(tmp_path / "filled.xlsx", rows)
    before = stocktake_lines(counting)
    with pytest.raises(Cancelled):
        stk.import_counts(counting, path, progress=cancel_at("Saving the counts"))
    assert stocktake_lines(counting) == before
    assert stk.import_counts(counting, path).counted == sum(1 for ln in lines if ln.item_code)


def test_cancelled_sheet_export_leaves_no_file(counting: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        stk.export_sheet(counting, out / "sheet.xlsx", "xlsx", progress=cancel_at("Writing", at=2))
    assert list(out.iterdir()) == []  # neither the sheet nor its partial file


def test_counts_too_large_for_the_database_are_refused() -> None:
    """Found by the property above: 2**63 in the counted column reached SQLite and crashed."""
    from app.domain import stocktake as rules
    from app.domain.errors import BadInput

    for value in (2**63, 10**25, 1e300, float("inf"), float("nan"), "99999999999999999999"):
        with pytest.raises(BadInput) as err:
            rules.parse_count(value)
        assert err.value.field == "counted"
    assert rules.parse_count(rules.MAX_COUNT) == rules.MAX_COUNT
