"""The one posting path on a real SQLite file: numbering, checks, balances, reversal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.errors import AlreadyPosted, BadInput, HazardConflict, InsufficientStock
from app.services import ledger
from app.services.ledger import Line
from app.store.models import Balance, LedgerEntry, Voucher
from app.store.queries import stock_card, stock_rows
from tests.conftest import Store


def _qty(lot: int, slot: int) -> int:
    row = Balance.get_or_none(Balance.lot == lot, Balance.slot == slot)
    return row.qty if row else 0


def test_receipt_issue_move_and_numbers(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    a1, a2 = store.general
    r = ledger.post_new("receipt", [Line(store.mask, lot, a1, 500)], party_id=store.supplier)
    assert r.number == f"RK-{date.today().year}-0001"
    i = ledger.post_new("issue", [Line(store.mask, lot, a1, 20, party_id=store.person)])
    m = ledger.post_new("move", [Line(store.mask, lot, a1, 100, to_slot_id=a2)])
    assert i.number.startswith("CK-") and m.number.startswith("YK-")
    assert (_qty(lot, a1), _qty(lot, a2)) == (380, 100)
    entries = list(LedgerEntry.select().order_by(LedgerEntry.id))
    assert [e.delta for e in entries] == [500, -20, -100, 100]
    assert [e.balance_after for e in entries] == [500, 480, 380, 100]
    assert entries[1].party_id == store.person
    card = stock_card(store.mask)
    assert card[-1].balance == 480 and sum(c.qty_in - c.qty_out for c in card) == 480
    assert sum(r.qty for r in stock_rows()) == 480


def test_nothing_written_when_any_line_fails(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    a1 = store.general[0]
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 10)])
    before = (Voucher.select().count(), LedgerEntry.select().count())
    with pytest.raises(InsufficientStock) as err:
        ledger.post_new("issue", [Line(store.mask, lot, a1, 6), Line(store.mask, lot, a1, 6)])
    assert err.value.details == {"have": 4, "wanted": 6}
    assert (Voucher.select().count(), LedgerEntry.select().count()) == before
    assert _qty(lot, a1) == 10


def test_flammables_only_in_their_cabinet(store: Store) -> None:
    lot = store.lot(store.alcohol, "ALC1")
    with pytest.raises(HazardConflict) as err:
        ledger.post_new("receipt", [Line(store.alcohol, lot, store.general[0], 20)])
    assert "A-01-01" in str(err.value)
    ledger.post_new("receipt", [Line(store.alcohol, lot, store.flammable, 20)])
    with pytest.raises(HazardConflict):
        ledger.post_new(
            "move", [Line(store.alcohol, lot, store.flammable, 5, to_slot_id=store.general[0])]
        )
    assert _qty(lot, store.flammable) == 20


def test_expired_lot_is_never_issued(store: Store) -> None:
    lot = store.lot(store.mask, "OLD", expiry=date.today() - timedelta(days=1))
    a1 = store.general[0]
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 10)])
    with pytest.raises(InsufficientStock):
        ledger.post_new("issue", [Line(store.mask, lot, a1, 1)])
    ledger.post_new("write_off", [Line(store.mask, lot, a1, 10)], note="过期报损")
    assert _qty(lot, a1) == 0


def test_bad_lines_refused(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    other = store.lot(store.alcohol, "X")
    a1 = store.general[0]
    for bad in (
        [Line(store.mask, lot, a1, 0)],
        [Line(store.mask, lot, a1, -5)],
        [Line(store.mask, other, a1, 5)],
        [],
    ):
        with pytest.raises(BadInput):
            ledger.post_new("receipt", bad)
    with pytest.raises(BadInput):
        ledger.post_new("move", [Line(store.mask, lot, a1, 1, to_slot_id=a1)])
    assert Voucher.select().count() == 0


def test_reversal_points_at_original_and_happens_once(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    a1 = store.general[0]
    r = ledger.post_new("receipt", [Line(store.mask, lot, a1, 50)])
    i = ledger.post_new("issue", [Line(store.mask, lot, a1, 30)])
    rev = ledger.reverse(i.id, reason="发错人")
    assert rev.reverses_id == i.id and rev.reference == i.number
    assert _qty(lot, a1) == 50
    with pytest.raises(AlreadyPosted):
        ledger.reverse(i.id, reason="again")
    with pytest.raises(BadInput):
        ledger.reverse(rev.id, reason="undo the undo")
    with pytest.raises(BadInput):
        ledger.reverse(r.id, reason="  ")
    # reversing the receipt would take 50 out: fine now, and the original stays on the books
    ledger.reverse(r.id, reason="供应商收回")
    assert _qty(lot, a1) == 0
    assert Voucher.get_by_id(r.id).status == "posted"


def test_posted_voucher_cannot_be_posted_again(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    v = ledger.post_new("receipt", [Line(store.mask, lot, store.general[0], 5)])
    with pytest.raises(AlreadyPosted):
        ledger.post(Voucher.get_by_id(v.id))
