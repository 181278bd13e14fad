"""Schema versions: a new file, the first released schema (a kept fixture), a newer app's file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import NotAStorekeeperDatabase, SchemaTooNew
from app.services import bootstrap
from app.services.verify import verify
from app.store.database import close_database, db
from app.store.migrate import current_version, latest_version
from app.store.models import ALL_MODELS, Item, LedgerEntry, Voucher

V1 = Path(__file__).resolve().parents[1] / "data" / "schema_v1.db"


def test_new_file_gets_latest_schema_and_catalogue(books: Path) -> None:
    assert current_version() == latest_version()
    assert Item.select().count() >= 20
    assert bootstrap.open_books(books) == []  # repeating is safe


def test_models_match_the_migrated_schema(books: Path) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        have = {c.name for c in db.get_columns(table)}
        want = {f.column_name for f in model._meta.sorted_fields}
        assert have == want, table


def test_first_released_schema_upgrades_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    bootstrap.open_books(path, create=False)
    try:
        assert current_version() == latest_version()
        assert Voucher.select().count() == 4
        assert LedgerEntry.select().count() == 6
        assert verify() == []
    finally:
        close_database()


def test_newer_schema_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    shutil.copy(V1, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew):
        bootstrap.open_books(path, create=False)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    with pytest.raises(NotAStorekeeperDatabase):
        bootstrap.open_books(path, create=False)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(NotAStorekeeperDatabase):
        bootstrap.open_books(text)
    assert text.read_text() == "hello"
