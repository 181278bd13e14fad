"""Tamper evidence: an edit made with plain SQL is found and named by verify()."""

from __future__ import annotations

import pytest

from app.services import ledger
from app.services.ledger import Line
from app.services.verify import verify
from app.store.database import db
from tests.conftest import Store


@pytest.fixture
def posted(store: Store) -> Store:
    lot = store.lot(store.mask, "B1")
    a1, a2 = store.general
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 500)], party_id=store.supplier)
    ledger.post_new("issue", [Line(store.mask, lot, a1, 20, party_id=store.person)])
    ledger.post_new("move", [Line(store.mask, lot, a1, 100, to_slot_id=a2)])
    ledger.post_new("issue", [Line(store.mask, lot, a2, 10, party_id=store.person)])
    assert verify() == []
    return store


def _sql(sql: str) -> None:
    db.execute_sql(sql)


def test_changed_entry_is_named(posted: Store) -> None:
    _sql("UPDATE ledger_entry SET delta = -2 WHERE id = 2")
    problems = verify()
    assert any(p.entry_id == 2 and p.voucher_no.startswith("CK-") for p in problems)


def test_changed_voucher_header_is_named(posted: Store) -> None:
    _sql("UPDATE voucher SET party_id = NULL WHERE number LIKE 'RK-%'")
    problems = verify()
    assert [p.voucher_no for p in problems if p.kind == "voucher"] == [
        db.execute_sql("SELECT number FROM voucher WHERE number LIKE 'RK-%'").fetchone()[0]
    ]


def test_changed_line_quantity_is_named(posted: Store) -> None:
    _sql("UPDATE voucher_line SET qty = 1 WHERE id = (SELECT MAX(id) FROM voucher_line)")
    assert any(p.kind == "voucher" for p in verify())


def test_deleted_entry_is_found(posted: Store) -> None:
    _sql("DELETE FROM ledger_entry WHERE id = 3")
    problems = verify()
    assert any(p.entry_id == 4 and "deleted or inserted" in p.message for p in problems)


def test_deleted_last_entry_is_found(posted: Store) -> None:
    _sql("DELETE FROM ledger_entry WHERE id = (SELECT MAX(id) FROM ledger_entry)")
    assert any("end of the ledger" in p.message for p in verify())


def test_inserted_entry_is_found(posted: Store) -> None:
    _sql(
        "INSERT INTO ledger_entry (voucher_id, line_id, item_id, lot_id, slot_id, delta, "
        "balance_after, posted_at, prev_hash, hash) SELECT voucher_id, line_id, item_id, lot_id, "
        "slot_id, 1000, balance_after + 1000, posted_at, hash, hash FROM ledger_entry "
        "WHERE id = 1"
    )
    assert verify()


def test_balance_table_edit_is_found(posted: Store) -> None:
    _sql("UPDATE balance SET qty = qty + 1")
    assert {p.kind for p in verify()} == {"balance"}
