"""The dashboard's counts on the demo storeroom equal direct SQL over the same books."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain import i18n
from app.domain.errors import BadInput
from app.services import audit, bootstrap, dashboard, loans, requisitions, reserve, settings
from app.store.database import close_database, db
from tests.conftest import copy_demo

TODAY = date.today()


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    i18n.set_language("en")
    path = copy_demo(demo_file, tmp_path / "demo.db")
    bootstrap.open_books(path, create=False)
    yield path
    close_database()


def sql(query: str, *params: object) -> list[tuple]:
    return list(db.execute_sql(query, params).fetchall())


def lots_expiring(start: date | None, end: date) -> int:
    """Lots with stock whose expiry is in [start, end), counted straight from the tables."""
    where, params = "l.expiry < ?", [end.isoformat()]
    if start is not None:
        where += " AND l.expiry >= ?"
        params.append(start.isoformat())
    return sql(
        "SELECT COUNT(*) FROM (SELECT b.lot_id FROM balance b JOIN lot l ON l.id = b.lot_id "
        f"WHERE l.expiry IS NOT NULL AND {where} GROUP BY b.lot_id HAVING SUM(b.qty) > 0)",
        *params,
    )[0][0]


def used(start: date, end: date) -> dict[int, int]:
    """Base units out in issues and loans, less their reversals, by item: straight SQL."""
    rows = sql(
        "SELECT e.item_id, -SUM(e.delta) FROM ledger_entry e JOIN voucher v ON v.id = e.voucher_id "
        "LEFT JOIN voucher o ON o.id = v.reverses_id WHERE v.doc_date BETWEEN ? AND ? AND "
        "(v.vtype IN ('issue', 'loan') OR (v.vtype = 'reversal' AND o.vtype IN ('issue', 'loan')))"
        " GROUP BY e.item_id",
        start.isoformat(),
        end.isoformat(),
    )
    return {item: qty for item, qty in rows if qty}


def test_counts_equal_direct_queries(demo: Path) -> None:
    s = dashboard.summary()
    assert (s.soon_days, s.watch_days) == (30, 90)
    assert s.expired.count == lots_expiring(None, TODAY)
    assert s.expiring_soon.count == lots_expiring(TODAY, TODAY + timedelta(days=30))
    assert s.expiring_watch.count == lots_expiring(
        TODAY + timedelta(days=30), TODAY + timedelta(days=90)
    )
    # the demo has something in every entry, so no equality above is 0 == 0 by accident
    assert s.expired.count and s.expiring_soon.count + s.expiring_watch.count
    for alerts, low, high in (
        (s.expired, -10_000, -1),
        (s.expiring_soon, 0, 29),
        (s.expiring_watch, 30, 89),
    ):
        assert 0 < len(alerts.rows) <= min(alerts.count, dashboard.LIST_LIMIT)
        assert all(low <= a.days_left <= high and a.qty > 0 for a in alerts.rows)
        assert [a.expiry for a in alerts.rows] == sorted(a.expiry for a in alerts.rows)
        for a in alerts.rows:
            assert a.qty == sql("SELECT SUM(qty) FROM balance WHERE lot_id = ?", a.lot_id)[0][0]

    overdue = sql("SELECT COUNT(*) FROM loan WHERE status = 'open' AND due_date < ?", TODAY)
    assert s.overdue_loans.count == overdue[0][0] == len(loans.overdue()) >= 1
    assert [r.loan_id for r in s.overdue_loans.rows] == [r.loan_id for r in loans.overdue()][:5]
    waiting = sql(
        "SELECT status, COUNT(*) FROM requisition WHERE status IN "
        "('submitted', 'approved', 'partial') GROUP BY status"
    )
    assert s.open_requisitions.count == sum(n for _, n in waiting) >= 1
    assert s.requisitions_to_decide == dict(waiting).get("submitted", 0)
    assert s.open_requisitions.count == len(
        requisitions.requisitions(status=dashboard.OPEN_REQUISITIONS)
    )

    closed = sql(
        "SELECT closed_at, lines_total, lines_matched FROM stocktake WHERE status = 'closed' "
        "ORDER BY closed_at DESC, id DESC LIMIT 1"
    )[0]
    assert s.last_stocktake is not None
    assert str(s.last_stocktake.closed_at) == closed[0]
    assert s.last_stocktake.accuracy == pytest.approx(closed[2] / closed[1])


def test_below_target_equals_the_standards_worked_out_from_the_tables(demo: Path) -> None:
    s = dashboard.summary()
    below = []
    standards = sql(
        "SELECT t.item_id, i.code, t.mode, t.qty, t.departments, t.risk_groups, t.days "
        "FROM reserve_target t JOIN item i ON i.id = t.item_id WHERE i.active"
    )
    assert len(standards) == s.targets == 10  # the demo's standards
    for item_id, code, mode, qty, depts, risks, days in standards:
        need = Decimal(str(qty))
        if mode == "per_person":
            where, params = ["kind = 'person'", "active"], []
            if depts:
                where.append(f"department_id IN ({depts})")
            if risks:
                codes = risks.split(",")
                where.append(f"risk_group IN ({','.join('?' * len(codes))})")
                params += codes
            need *= sql(f"SELECT COUNT(*) FROM party WHERE {' AND '.join(where)}", *params)[0][0]
        target = math.ceil(need * days)
        usable = sql(
            "SELECT COALESCE(SUM(b.qty), 0) FROM balance b JOIN lot l ON l.id = b.lot_id "
            "WHERE b.item_id = ? AND (l.expiry IS NULL OR l.expiry >= ?) AND b.lot_id NOT IN "
            "(SELECT lot_id FROM lot_hold WHERE released_at IS NULL)",
            item_id,
            TODAY,
        )[0][0]
        if usable < target:
            below.append(code)
    assert s.below_target.count == len(below) == len(reserve.top_up())
    assert sorted(r.code for r in s.below_target.rows) == sorted(below)
    assert {"FH-N95", "FH-CHILD", "XS-HAND"} <= set(below)  # the demo's short items


def test_consumption_and_cover_equal_the_ledger(demo: Path) -> None:
    start = TODAY - timedelta(days=89)
    out = used(start, TODAY)
    s = dashboard.summary()
    week = s.consumption
    assert (week.by, week.bucket, week.days) == ("category", "week", 90)
    assert week.starts[0] == start and week.starts[1].weekday() == 0
    assert sum(x.total for x in week.series) == sum(out.values())
    names = dict(sql("SELECT code, name_en FROM category"))
    assert [x.label for x in week.series] == [names[x.key] for x in week.series]  # English now
    for by in ("category", "item"):
        for bucket in ("day", "week"):
            c = dashboard.consumption(by, bucket)
            assert all(len(x.values) == len(c.starts) for x in c.series)
            if by == "category":
                assert sum(x.total for x in c.series) == sum(out.values())
    daily = dashboard.consumption("item", "day")
    top = sorted(out.items(), key=lambda kv: -kv[1])[: dashboard.TOP_ITEMS]
    assert [x.total for x in daily.series] == [qty for _, qty in top]
    assert len(daily.starts) == 90
    mask = next(x for x in daily.series if x.key == "FH-SURG")
    assert mask.unit == "只" and sum(mask.values[-7:]) > 0  # class rounds every working day

    assert s.cover_total == len(out)
    assert 0 < len(s.cover) <= dashboard.COVER_ITEMS
    assert [c.days_of_cover for c in s.cover] == sorted(c.days_of_cover for c in s.cover)
    for c in s.cover:
        assert c.avg_daily_use == pytest.approx(out[c.item_id] / 90)
        assert c.days_of_cover == pytest.approx(c.usable / (out[c.item_id] / 90))
    n95 = next(c for c in s.cover if c.code == "FH-N95")
    assert n95.days_of_cover == 0 and n95.reserve_days == 45
    assert reserve.average_daily_use() == pytest.approx({i: q / 90 for i, q in out.items()})


def test_warning_windows_are_settings(demo: Path) -> None:
    settings.set_expiry_windows(10, 60)
    s = dashboard.summary()
    assert (s.soon_days, s.watch_days) == (10, 60)
    assert s.expiring_soon.count == lots_expiring(TODAY, TODAY + timedelta(days=10))
    assert s.expiring_watch.count == lots_expiring(
        TODAY + timedelta(days=10), TODAY + timedelta(days=60)
    )
    assert audit.entries()[0].action == "settings.expiry_windows"
    assert audit.entries()[0].details == {"from": [30, 90], "to": [10, 60]}
    for soon, watch, field in (
        (0, 60, "soon_days"),
        (30, "x", "watch_days"),
        (60, 60, "soon_days"),
        (90, 30, "soon_days"),
        (10, 800, "watch_days"),
    ):
        with pytest.raises(BadInput) as err:
            settings.set_expiry_windows(soon, watch)
        assert err.value.field == field and err.value.zh != err.value.en
    assert settings.expiry_windows() == (10, 60)
    with pytest.raises(BadInput):
        dashboard.summary(bucket="month")
    with pytest.raises(BadInput):
        dashboard.consumption(by="zone")


def test_a_new_storeroom_has_an_empty_dashboard(books: Path) -> None:
    s = dashboard.summary()
    assert s.expired.count == s.expiring_soon.count == s.expiring_watch.count == 0
    assert s.below_target.count == s.overdue_loans.count == s.open_requisitions.count == 0
    assert s.last_stocktake is None and s.consumption.series == () and s.cover == []
    assert len(s.consumption.starts) in (13, 14)  # 90 days in Monday weeks, the first cut


def test_command_line(demo: Path, tmp_path: Path) -> None:
    from tests.integration.test_cli import _one_clear_line, sk

    s = dashboard.summary()
    close_database()  # the commands open the file themselves
    p = sk("dashboard", "--db", demo, "--format", "json")
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    assert (got["expired_lots"], got["expiring_soon"], got["expiring_watch"]) == (
        s.expired.count,
        s.expiring_soon.count,
        s.expiring_watch.count,
    )
    assert got["below_reserve_target"] == s.below_target.count
    assert got["overdue_loans"] == s.overdue_loans.count
    p = sk("reserve", "list", "--db", demo, "--below", "--format", "json")
    assert p.returncode == 1  # something to buy: a check that found problems
    assert {r["code"] for r in json.loads(p.stdout)} == {r.code for r in s.below_target.rows}
    p = sk("reserve", "set", "--db", demo, "FH-GLOVE", "--per-person", "1", "--risk", "high")
    assert p.returncode == 0 and "= target 135 双 (3 people)" in p.stdout, p.stdout  # 3 × 1 × 45
    _one_clear_line(sk("reserve", "set", "--db", demo, "FH-GLOVE", "--per-day", "-1"))
    _one_clear_line(sk("reserve", "set", "--db", demo, "NOPE", "--per-day", "1"))
    _one_clear_line(sk("reserve", "top-up", "--db", demo, "-o", tmp_path / "list.txt"))
    p = sk("reserve", "top-up", "--db", demo, "-o", tmp_path / "list.xlsx")
    assert p.returncode == 0 and (tmp_path / "list.xlsx").exists()
    assert sk("reserve", "clear", "--db", demo, "FH-GLOVE").returncode == 0
    _one_clear_line(sk("reserve", "clear", "--db", demo, "FH-GLOVE"))
    bootstrap.open_books(demo, create=False)
