"""Property-based: random receipts, issues, moves and reversals never break the books."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import StorekeeperError
from app.services import bootstrap, catalogue, ledger
from app.services.ledger import Line
from app.services.verify import verify
from app.store.database import close_database, db
from app.store.models import Balance, LedgerEntry, Lot, Voucher


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with two zones (general, flammable), four slots and four lots."""
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    bootstrap.open_books(path)
    a = catalogue.create_zone("A", "General", ["none"])
    f = catalogue.create_zone("F", "Flammables", ["flammable"])
    for code in ("A-01-01", "A-01-02", "A-01-03"):
        catalogue.create_slot(a.id, code)
    catalogue.create_slot(f.id, "F-01-01")
    later = date.today() + timedelta(days=365)
    for code, batch in (("FH-SURG", "S1"), ("FH-SURG", "S2"), ("FH-N95", "N1"), ("XS-ALC75", "A1")):
        Lot.create(item=catalogue.find_item(code).id, batch=batch, expiry=later)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return path


ops = st.lists(
    st.one_of(
        st.tuples(st.just("receipt"), st.integers(0, 3), st.integers(0, 3), st.integers(1, 50)),
        st.tuples(st.just("issue"), st.integers(0, 3), st.integers(0, 3), st.integers(1, 60)),
        st.tuples(
            st.just("move"),
            st.integers(0, 3),
            st.integers(0, 3),
            st.integers(0, 3),
            st.integers(1, 60),
        ),
        st.tuples(st.just("reverse"), st.integers(0, 30)),
    ),
    min_size=1,
    max_size=25,
)


def _invariants() -> None:
    assert not Balance.select().where(Balance.qty < 0).exists()
    sums = dict(
        db.execute_sql(
            "SELECT lot_id || '/' || slot_id, SUM(delta) FROM ledger_entry GROUP BY 1"
        ).fetchall()
    )
    table = {f"{b.lot_id}/{b.slot_id}": b.qty for b in Balance.select()}
    assert sums == table


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=ops, tamper=st.integers(0, 10_000))
def test_random_postings_keep_the_books(
    template: Path, tmp_path: Path, steps: list, tamper: int
) -> None:
    path = tmp_path / f"run-{abs(hash((tuple(steps), tamper)))}.db"
    shutil.copy(template, path)
    bootstrap.open_books(path, create=False)
    try:
        lots = [(lot.id, lot.item_id) for lot in Lot.select().order_by(Lot.id)]
        slots = [s.id for s in catalogue.slots()]
        posted: list[int] = []
        for step in steps:
            try:
                if step[0] == "reverse":
                    if posted:
                        ledger.reverse(posted[step[1] % len(posted)], reason="test")
                    continue
                lot, item = lots[step[1]]
                if step[0] == "move":
                    line = Line(item, lot, slots[step[2]], step[4], to_slot_id=slots[step[3]])
                else:
                    line = Line(item, lot, slots[step[2]], step[3])
                posted.append(ledger.post_new(step[0], [line]).id)
            except StorekeeperError:
                pass
            _invariants()
        assert verify() == []
        n = LedgerEntry.select().count()
        if n:
            target = LedgerEntry.select().order_by(LedgerEntry.id).offset(tamper % n).get()
            db.execute_sql("UPDATE ledger_entry SET delta = delta + 1 WHERE id = ?", (target.id,))
            named = {p.entry_id for p in verify()}
            assert target.id in named
        assert Voucher.select().where(Voucher.status != "posted").count() == 0
    finally:
        close_database()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_template_file_is_sqlite(template: Path) -> None:
    con = sqlite3.connect(template)
    assert con.execute("SELECT COUNT(*) FROM lot").fetchone()[0] == 4
    con.close()
