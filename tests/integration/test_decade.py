"""Ten years of books (issue 9): the decade demo on a small scale, and the fast paths that make a
million entries workable held to the plain ones they replace."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain import chain
from app.services import demo_decade, ledger
from app.services.ledger import Line
from app.services.verify import verify
from app.store import queries
from app.store.database import db
from app.store.models import (
    LedgerEntry,
    Lot,
    Party,
    ReceiptLine,
    Slot,
    Stocktake,
    Voucher,
)
from tests.conftest import Store


@pytest.fixture(scope="module")
def decade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A decade demo shrunk to five weeks (the same code path as the full size)."""
    from app.services import bootstrap
    from app.store.database import close_database

    path = tmp_path_factory.mktemp("decade") / "decade.db"
    bootstrap.open_books(path)
    try:
        demo_decade.make_decade(scale=0.01, today=date(2026, 3, 31))
    finally:
        close_database()
    return path


@pytest.fixture
def opened(decade: Path):  # type: ignore[no-untyped-def]
    from app.services import bootstrap
    from app.store.database import close_database

    bootstrap.open_books(decade, create=False)
    yield decade
    close_database()


def test_small_decade_has_every_kind_of_history(opened: Path) -> None:
    kinds = {v.vtype for v in Voucher.select(Voucher.vtype).where(Voucher.status == "posted")}
    assert {"receipt", "issue", "move", "loan", "return"} <= kinds
    assert Stocktake.select().where(Stocktake.status == "closed").exists()
    assert LedgerEntry.select().count() > 1000
    assert Lot.select().count() > 50
    assert Party.select().where(Party.kind == "person").count() >= 60
    assert Slot.select().count() >= 36
    assert ReceiptLine.select().where(ReceiptLine.unit_price.is_null(False)).exists()


def test_small_decade_verifies(opened: Path) -> None:
    assert verify() == []


def test_bulk_voucher_records_are_the_posted_ones(opened: Path) -> None:
    """verify() rebuilds every voucher's record from a few streams; each must be exactly what
    ledger.voucher_record (the posting path) hashes, voucher by voucher."""
    for v in Voucher.select().where(Voucher.status == "posted"):
        assert chain.digest(ledger.voucher_record(v)) == v.content_hash, v.number


def test_decade_demo_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    env = {**os.environ, "STOREKEEPER_LANG": "en", demo_decade.SCALE_ENV: "0.006"}
    p = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(path), "--size", "decade"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "demo ready" in p.stdout
    assert "100%" in p.stderr  # progress, with the time left, while it builds
    v = subprocess.run(
        [sys.executable, "-m", "app", "verify", "--db", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert v.returncode == 0, v.stdout


def test_bad_scale_is_bad_input(tmp_path: Path) -> None:
    env = {**os.environ, "STOREKEEPER_LANG": "en", demo_decade.SCALE_ENV: "lots"}
    p = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(tmp_path / "x.db"), "--size", "decade"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert p.returncode == 2
    assert demo_decade.SCALE_ENV in p.stderr and "Traceback" not in p.stderr


# --- the fast paths against the plain ones -------------------------------------------------------


def test_entry_hash_is_the_canonical_digest() -> None:
    rng = random.Random(9)
    vh = "ab" * 32
    at = datetime(2026, 3, 1, 8, 5, 9)
    for _ in range(300):
        values = dict(
            voucher=rng.randint(1, 10**7),
            voucher_hash=vh,
            line=rng.randint(1, 10**7),
            item=rng.randint(1, 999),
            lot=rng.randint(1, 10**5),
            slot=rng.randint(1, 999),
            party=rng.choice([None, rng.randint(1, 5000)]),
            delta=rng.randint(-(10**6), 10**6),
            balance_after=rng.randint(0, 10**7),
            posted_at=at + timedelta(seconds=rng.randint(0, 10**8)),
        )
        prev = f"{rng.getrandbits(256):064x}"
        plain = chain.digest(values, prev)
        assert ledger.entry_hash(prev, **values) == plain
    # Odd values take the general way and still hash as chain.digest does.
    odd = dict(values, voucher_hash="not hex!", party=True)
    assert ledger.entry_hash(prev, **odd) == chain.digest(odd, prev)


def _posted(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    a1, a2 = store.general
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 500)], party_id=store.supplier)
    ledger.post_new("issue", [Line(store.mask, lot, a1, 20, party_id=store.person)])
    ledger.post_new("move", [Line(store.mask, lot, a1, 100, to_slot_id=a2)])


def test_a_wrongly_typed_value_in_an_entry_is_found(store: Store) -> None:
    """-20.5 put in for -20 reads back as -20 through peewee (the chain alone would accept
    it), but the balances, summed by SQLite as stored, no longer add up: the entry is named."""
    _posted(store)
    assert verify() == []
    db.execute_sql("UPDATE ledger_entry SET delta = -20.5 WHERE id = 2")
    assert any(p.entry_id == 2 and p.kind == "balance" for p in verify())


def test_an_odd_timestamp_is_read_the_general_way(store: Store) -> None:
    """A time stored as ISO with a T (as another tool might) is not the posting path's form:
    it is hashed with peewee's reading of it, so the entry still verifies."""
    _posted(store)
    db.execute_sql("UPDATE ledger_entry SET posted_at = REPLACE(posted_at, ' ', 'T') WHERE id = 1")
    assert verify() == []


def test_deleted_voucher_entries_are_named(store: Store) -> None:
    _posted(store)
    number = Voucher.get(Voucher.vtype == "move").number
    db.execute_sql(
        "DELETE FROM ledger_entry WHERE voucher_id = (SELECT id FROM voucher WHERE vtype='move')"
    )
    problems = verify()
    assert any(p.voucher_no == number and "deleted" in p.message for p in problems)


def test_card_windows_match_the_whole_card(store: Store) -> None:
    """Any window of the stock card, from any known point, equals that slice of the card
    computed from the first line on."""
    lot = store.lot(store.mask, "C1")
    a1, a2 = store.general
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 5000)], party_id=store.supplier)
    for n in range(60):
        if n % 7 == 3:
            ledger.post_new("move", [Line(store.mask, lot, a1, 10, to_slot_id=a2)])
        else:
            ledger.post_new("issue", [Line(store.mask, lot, a1, 1 + n % 3, party_id=store.person)])
    whole = queries.stock_card(store.mask)
    total = queries.card_count(store.mask)
    closing = queries.on_hand(store.mask)
    assert total == len(whole) and whole[-1].balance == closing
    for start in (0, 5, 30, total - 9, total - 1):
        for limit in (1, 9, 40):
            got = queries.card_window(store.mask, None, start, limit, total=total, closing=closing)
            assert got == whole[start : start + limit], (start, limit)
    for at in (2, 40, total - 3):
        anchor = queries.CardAnchor(at, whole[at].entry_id, whole[at].balance)
        for start in (0, 10, 45, total - 5):
            got = queries.card_window(
                store.mask, None, start, 5, total=total, closing=closing, anchor=anchor
            )
            assert got == whole[start : start + 5], (at, start)
    one_lot = queries.stock_card(store.mask, lot)
    got = queries.card_window(
        store.mask,
        lot,
        0,
        500,
        total=queries.card_count(store.mask, lot),
        closing=queries.on_hand(store.mask, lot),
    )
    assert got == one_lot


def _verify_messages() -> list[str]:
    return [p.message for p in verify()]


def test_a_blob_in_a_line_is_found_and_the_other_vouchers_still_verify(store: Store) -> None:
    """SQLite cannot spell a BLOB as JSON, so the fast voucher check stops there; every voucher
    left is rebuilt the general way, and only the edited one is named."""
    _posted(store)
    issue = Voucher.get(Voucher.vtype == "issue")
    db.execute_sql("UPDATE voucher_line SET note = X'00FF' WHERE voucher_id = ?", (issue.id,))
    problems = verify()
    assert [(p.kind, p.voucher_no) for p in problems] == [("voucher", issue.number)]


def test_lines_out_of_id_order_are_put_in_line_order(store: Store) -> None:
    """The fast check reads lines in id order; lines whose numbers run the other way (ids handed
    out in another order) are settled into line order the general way, as posting hashed them."""
    lot = store.lot(store.mask, "B1")
    a1, a2 = store.general
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 50)], party_id=store.supplier)
    v = ledger.post_new(
        "issue",
        [Line(store.mask, lot, a1, 2, party_id=store.person), Line(store.mask, lot, a1, 3)],
    )
    # Renumber the two lines the other way round and hash the voucher as posting would.
    db.execute_sql("UPDATE voucher_line SET line_no = 3 - line_no WHERE voucher_id = ?", (v.id,))
    fresh = chain.digest(ledger.voucher_record(Voucher.get_by_id(v.id)))
    db.execute_sql("UPDATE voucher SET content_hash = ? WHERE id = ?", (fresh, v.id))
    messages = _verify_messages()
    # Its entries carried the old voucher hash: they are named, the voucher itself is sound.
    assert messages and all("Ledger entry" in m and v.number in m for m in messages)


def test_a_party_put_in_as_the_text_null_is_found(store: Store) -> None:
    """Text "null" where an entry had no party would print as null in the fast spelling. (The
    foreign-key check names the row first; the chain must name the entry on its own as well.)"""
    from app.domain.progress import silent
    from app.services import verify as checks

    _posted(store)
    entry = LedgerEntry.get(LedgerEntry.party.is_null())
    db.execute_sql("PRAGMA foreign_keys = OFF")  # as another tool would write it
    db.execute_sql("UPDATE ledger_entry SET party_id = 'null' WHERE id = ?", (entry.id,))
    db.execute_sql("PRAGMA foreign_keys = ON")
    assert any(p.kind == "integrity" and "party" in p.message for p in verify())
    problems: list = []
    hashes, numbers = checks._vouchers(problems, silent)
    checks._chain(problems, hashes, numbers, silent)
    assert [(p.kind, p.entry_id) for p in problems] == [("chain", entry.id)]


def test_text_in_a_movement_is_named_not_a_crash(store: Store) -> None:
    _posted(store)
    db.execute_sql("UPDATE ledger_entry SET delta = 'many' WHERE id = 2")
    problems = verify()
    assert {p.kind for p in problems if p.entry_id == 2} == {"chain", "balance"}


def test_a_wrong_balance_after_is_named_and_the_table_held_to_the_sums(store: Store) -> None:
    """A last balance after that is off by one is a wrong step, but the movements still sum to
    the balance table: that is not a second problem (the table is held to the sums)."""
    _posted(store)
    last = LedgerEntry.select().order_by(LedgerEntry.id.desc()).get().id
    db.execute_sql(
        "UPDATE ledger_entry SET balance_after = balance_after + 1 WHERE id = ?", (last,)
    )
    problems = [p for p in verify() if p.kind == "balance"]
    assert [p.entry_id for p in problems] == [last]
    db.execute_sql(
        "UPDATE ledger_entry SET balance_after = balance_after - 1 WHERE id = ?", (last,)
    )
    db.execute_sql("UPDATE ledger_entry SET balance_after = balance_after + 1 WHERE id = 2")
    problems = [p for p in verify() if p.kind == "balance"]
    assert [p.entry_id for p in problems] == [2, 3]  # its own step and the next one's


def test_compiled_models_read_values_as_peewee_does(opened: Path) -> None:
    """Statement.models skips converting values already of their field's type; every value
    must still be what peewee's own select gives, odd ones (text in a number column) too."""
    from app.store.compiled import Statement

    some = ReceiptLine.select().limit(1).get()
    db.execute_sql(
        "UPDATE receipt_line SET delivered_qty = '12', rejected_qty = 'x', spec = 7 WHERE id = ?",
        (some.id,),
    )
    try:
        for model in (Voucher, ReceiptLine, Lot, Party, Slot, Stocktake):
            read = Statement(lambda m=model: m.select().order_by(m.id)).models(model)
            plain = list(model.select().order_by(model.id))
            assert [r.__data__ for r in read] == [r.__data__ for r in plain], model.__name__
        odd = ReceiptLine.get_by_id(some.id)
        assert (odd.delivered_qty, odd.rejected_qty, odd.spec) == (12, "x", "7")
    finally:
        db.execute_sql(
            "UPDATE receipt_line SET delivered_qty = ?, rejected_qty = ?, spec = ? WHERE id = ?",
            (some.delivered_qty, some.rejected_qty, some.spec, some.id),
        )


def test_odd_text_is_spelled_by_sqlite_as_posting_hashed_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notes and batch numbers with quotes, backslashes, line breaks, control characters and
    emoji pass the fast check: SQLite's JSON spells them as chain.canonical does, so no voucher
    of a real storeroom is read a second time the general way."""
    from app.services import verify as checks

    odd = ['引号"内', "back\\slash", "两行\n第二行", "tab\there", "\x01\x1f", "😷 口罩", "\u2028"]
    lot = Lot.create(item=store.mask, batch='B"1\\😷', expiry=date(2029, 1, 31)).id
    a1, a2 = store.general
    receipt = ledger.post_new(
        "receipt", [Line(store.mask, lot, a1, 500, note=n) for n in odd], party_id=store.supplier
    )
    ledger.post_new("move", [Line(store.mask, lot, a1, 7, to_slot_id=a2, note=odd[2])])
    general: list[int] = []
    real = checks._LINES_OF.rows
    monkeypatch.setattr(
        checks._LINES_OF, "rows", lambda **kw: general.append(kw["voucher"]) or real(**kw)
    )
    assert verify() == []
    assert general == []  # every voucher passed the fast check
    db.execute_sql("UPDATE voucher_line SET note = 'x' || note WHERE line_no = 3")
    assert [p.kind for p in verify()] == ["voucher"]
    assert general == [receipt.id]  # only the changed voucher is read the general way
