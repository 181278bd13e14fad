"""Guarantees: atomic posting under SIGKILL, two writers, full disk, backups, restore, audit."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.errors import AuthError, BadInput, NotAStorekeeperDatabase, StorageError
from app.services import accounts, audit, backup, bootstrap, catalogue, ledger, settings
from app.services.ledger import Line
from app.services.verify import verify
from app.store.database import close_database, db
from app.store.models import Balance, LedgerEntry, Lot, Voucher
from tests.conftest import Store

BURST = Path(__file__).with_name("burst.py")


def _prepared(tmp_path: Path, stock: int = 0) -> Path:
    """A closed database with one zone, three slots, three lots (and `stock` of the first)."""
    path = tmp_path / "books.db"
    bootstrap.open_books(path)
    zone = catalogue.create_zone("A", "General", ["none"])
    slots = [catalogue.create_slot(zone.id, f"A-01-0{i}").id for i in (1, 2, 3)]
    later = date.today() + timedelta(days=300)
    lots = [
        Lot.create(item=catalogue.find_item(code).id, batch=f"B{i}", expiry=later)
        for i, code in enumerate(("FH-SURG", "FH-N95", "FH-CAP"))
    ]
    if stock:
        ledger.post_new("receipt", [Line(lots[0].item_id, lots[0].id, slots[0], stock)])
    close_database()
    return path


def _check_books(path: Path) -> None:
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    bootstrap.open_books(path, create=False)
    try:
        assert verify() == []
        assert not Voucher.select().where(Voucher.status != "posted").exists()
        for v in Voucher.select():  # wholly posted: every line has its entry
            assert LedgerEntry.select().where(LedgerEntry.voucher == v.id).count() == len(v.lines)
        assert not Balance.select().where(Balance.qty < 0).exists()
    finally:
        close_database()


def test_sigkill_mid_burst_leaves_whole_vouchers(tmp_path: Path) -> None:
    path = _prepared(tmp_path)
    rng = random.Random(7)
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, str(BURST), str(path), "receipts", "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))  # a random moment inside the burst
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        _check_books(path)
    bootstrap.open_books(path, create=False)
    try:
        assert Voucher.select().count() > 0  # the bursts did post before being killed
    finally:
        close_database()


def test_two_writers_never_overdraw(tmp_path: Path) -> None:
    path = _prepared(tmp_path, stock=60)
    procs = [
        subprocess.Popen(
            [sys.executable, str(BURST), str(path), "issues", "50"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    issued = sum(int(p.communicate(timeout=300)[0].split()[-1]) for p in procs)
    assert issued == 60  # together they took exactly what was there, never more
    _check_books(path)
    bootstrap.open_books(path, create=False)
    try:
        assert Balance.select().where(Balance.qty > 0).count() == 0
        assert Voucher.select().where(Voucher.vtype == "issue").count() == 60
    finally:
        close_database()


def test_full_disk_writes_nothing(store: Store) -> None:
    lot = store.lot(store.mask, "B1")
    ledger.post_new("receipt", [Line(store.mask, lot, store.general[0], 5)])
    line = Line(store.mask, store.lot(store.mask, "X"), store.general[1], 1)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageError) as err:
        for _ in range(200):  # grow until the 'disk' is full
            ledger.post_new("receipt", [line], note="x" * 2000)
    assert "full" in str(err.value)
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert verify() == []


def test_manual_backup_and_restore(store: Store, tmp_path: Path) -> None:
    lot = store.lot(store.mask, "B1")
    ledger.post_new("receipt", [Line(store.mask, lot, store.general[0], 100)])
    copy = backup.backup_now(tmp_path / "usb")
    assert copy.exists() and copy.parent.name == "usb"
    ledger.post_new("issue", [Line(store.mask, lot, store.general[0], 30)])
    close_database()
    done = backup.restore(store.path, copy)
    assert done.kept_as and done.kept_as.exists()
    bootstrap.open_books(store.path, create=False)
    assert Balance.get(Balance.lot == lot).qty == 100
    assert verify() == []
    assert audit.entries()[0].action == "restore"
    close_database()
    bootstrap.open_books(done.kept_as, create=False)  # the replaced books are intact
    assert Balance.get(Balance.lot == lot).qty == 70
    close_database()


def test_restore_refuses_bad_files(store: Store, tmp_path: Path) -> None:
    ledger.post_new("receipt", [Line(store.mask, store.lot(store.mask, "B1"), store.general[0], 9)])
    good = backup.backup_now(tmp_path / "bk")
    close_database()
    before = store.path.read_bytes()
    text = tmp_path / "x.db"
    text.write_text("hello")
    with pytest.raises(NotAStorekeeperDatabase):
        backup.restore(store.path, text)
    tampered = tmp_path / "tampered.db"
    shutil.copy(good, tampered)
    con = sqlite3.connect(tampered)
    con.execute("UPDATE ledger_entry SET delta = 90")
    con.commit()
    con.close()
    with pytest.raises(BadInput):
        backup.restore(store.path, tampered)
    with pytest.raises(BadInput):
        backup.restore(store.path, tmp_path / "missing.db")
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob("*.before-restore-*"))


def test_auto_backup_daily_and_keeps_n(store: Store) -> None:
    backup.set_backup_settings("", 3)
    first = backup.auto_backup()
    assert first is not None and first.name.startswith("auto-")
    assert backup.auto_backup() is None  # not a day old yet
    made = [backup.auto_backup(force=True) for _ in range(4)]
    assert all(made)
    assert len(list(backup.backup_dir().glob("auto-*.db"))) == 3


def test_wrong_pins_lock_the_account(books: Path) -> None:
    accounts.create_account("keeper", "李秀兰", "storekeeper", "1234")
    for _ in range(accounts.MAX_MISSES):
        with pytest.raises(AuthError):
            accounts.authenticate("keeper", "0000")
    with pytest.raises(AuthError) as err:
        accounts.authenticate("keeper", "1234")  # right PIN, but locked now
    assert "locked" in str(err.value)
    assert any(e.action == "account.locked" for e in audit.entries())


def test_audit_log_is_tamper_evident(books: Path) -> None:
    settings.set_institution_name("阳光幼儿园")
    settings.set_institution_name("阳光第二幼儿园")
    assert [e.action for e in audit.entries()] == ["settings.institution"] * 2
    assert verify() == []
    db.execute_sql("UPDATE audit_log SET actor = 'someone' WHERE id = 1")
    assert any(p.kind == "audit" for p in verify())


def test_read_only_database_file(store: Store, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anyway; simulate with SQLite's own read-only switch
        db.execute_sql("PRAGMA query_only = 1")
    else:
        close_database()
        store.path.chmod(0o444)
        bootstrap.open_books(store.path, create=False)
    with pytest.raises(StorageError):
        ledger.post_new("receipt", [Line(store.mask, 1, store.general[0], 1)])


def test_sensitive_actions_are_audited_with_who(store: Store, tmp_path: Path) -> None:
    """Settings, item rules, backups and restores each leave an entry naming the person."""
    from app.services import receiving, scanning

    admin = accounts.create_account("boss", "周园长", "admin", "1234")
    receiving.set_shelf_policy("block", by=admin.id)
    scanning.set_gs_substitute("~~", by=admin.id)
    scanning.set_gs_substitute("~~", by=admin.id)  # unchanged: not logged twice
    item = catalogue.find_item("FH-SURG")
    data = catalogue.item_input(item)
    data.min_shelf_life_days = 90
    catalogue.update_item(item.id, data, by=admin.id)
    backup.set_backup_settings(str(tmp_path / "bk"), 5, by=admin.id)
    copy = backup.backup_now(tmp_path / "usb", by=admin.id)
    close_database()
    backup.restore(store.path, copy, actor="周园长")
    bootstrap.open_books(store.path, create=False)
    rows = audit.entries()
    assert [r.action for r in rows[:1]] == ["restore"]  # the backup was taken before its entry
    assert rows[0].actor == "周园长" and rows[0].details["from"] == str(copy)
    by_action = {r.action: r for r in rows}
    for action in ("settings.shelf_policy", "settings.gs1", "item.update", "settings.backup"):
        assert by_action[action].actor == "周园长", action
    assert sum(r.action == "settings.gs1" for r in rows) == 1
    change = by_action["item.update"].details["min_shelf_life_days"]
    assert change["to"] == 90
    text = audit.details_text(by_action["item.update"].details)  # the tests run in English
    assert "min. shelf life (days): (from: 180; to: 90)" in text
    assert verify() == []


def test_verify_reports_progress_and_stops_when_cancelled(store: Store) -> None:
    from app.domain.progress import Cancelled

    lot = store.lot(store.mask, "B1")
    for _ in range(3):
        ledger.post_new("receipt", [Line(store.mask, lot, store.general[0], 5)])
    seen: list[tuple[int, int, str]] = []
    assert verify(lambda d, t, s: seen.append((d, t, s))) == []
    assert seen and all(0 <= d <= t for d, t, _s in seen if t)
    assert all(b[0] >= a[0] for a, b in zip(seen, seen[1:], strict=False))  # only forwards

    def stop(done: int, total: int, text: str) -> None:
        if done > 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        verify(stop)


def test_cancelled_backup_leaves_no_file(store: Store, tmp_path: Path) -> None:
    from app.domain.progress import Cancelled

    lot = store.lot(store.mask, "B1")
    ledger.post_new("receipt", [Line(store.mask, lot, store.general[0], 5)], note="x" * 5000)
    target = tmp_path / "usb"

    def stop(done: int, total: int, text: str) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        backup.backup_now(target, progress=stop)
    assert list(target.iterdir()) == []
    assert not any(e.action == "backup.manual" for e in audit.entries())


def test_describe_names_the_backups_contents(store: Store, tmp_path: Path) -> None:
    settings.set_institution_name("阳光幼儿园")
    lot = store.lot(store.mask, "B1")
    v = ledger.post_new("receipt", [Line(store.mask, lot, store.general[0], 5)])
    copy = backup.backup_now(tmp_path / "usb")
    text = backup.describe(copy)
    assert "阳光幼儿园" in text and v.number in text and "1 posted vouchers" in text
    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(NotAStorekeeperDatabase):
        backup.describe(foreign)
    with pytest.raises(BadInput):
        backup.describe(tmp_path / "missing.db")


def test_cancelling_verify_after_the_integrity_check_ended_is_harmless(store: Store) -> None:
    """The check's own connection may already be closed when the user cancels (was a race)."""
    from app.store.database import IntegrityCheck

    check = IntegrityCheck.start()
    assert check._thread is not None
    check._thread.join()
    check.cancel()  # must not touch the closed connection
    assert check.result() == []
