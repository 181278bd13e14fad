"""Shared fixtures: a real SQLite file in a temp folder, opened through the app's own start-up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STOREKEEPER_LANG", "en")

from app.domain import i18n  # noqa: E402
from app.services import bootstrap, catalogue, people  # noqa: E402
from app.store.database import close_database  # noqa: E402
from app.store.models import Lot  # noqa: E402


@pytest.fixture
def books(tmp_path: Path) -> Iterator[Path]:
    """A new, migrated database with the default catalogue; closed afterwards."""
    i18n.set_language("en")
    path = tmp_path / "books.db"
    bootstrap.open_books(path)
    yield path
    close_database()


@dataclass
class Store:
    """A tiny storeroom: a general zone with two slots, a flammables cabinet, one supplier."""

    path: Path
    general: list[int]
    flammable: int
    supplier: int
    person: int
    mask: int
    alcohol: int

    def lot(self, item_id: int, batch: str, expiry: date | None = None) -> int:
        expiry = expiry or date.today() + timedelta(days=400)
        return Lot.create(item=item_id, batch=batch, expiry=expiry).id


@pytest.fixture
def store(books: Path) -> Store:
    a = catalogue.create_zone("A", "防护用品区", ["none"])
    f = catalogue.create_zone("F", "易燃品柜", ["flammable"])
    general = [catalogue.create_slot(a.id, f"A-01-0{i}").id for i in (1, 2)]
    flammable = catalogue.create_slot(f.id, "F-01-01").id
    supplier = people.create_party("supplier", "康安医疗器械有限公司").id
    dept = people.create_party("department", "小一班").id
    person = people.create_party(
        "person", "张三", staff_no="YG001", department_id=dept, risk_group="elevated"
    ).id
    mask = catalogue.find_item("FH-SURG").id
    alcohol = catalogue.find_item("XS-ALC75").id
    return Store(books, general, flammable, supplier, person, mask, alcohol)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo storeroom (`storekeeper demo`), made once per run; copy it with `copy_demo`."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("demo-once") / "demo.db"
    env = {**os.environ, "STOREKEEPER_LANG": "en"}
    p = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    (path.parent / "demo-stdout.txt").write_text(p.stdout, encoding="utf-8")  # for test_cli
    return path


def copy_demo(demo_file: Path, target: Path) -> Path:
    """A private copy of the demo database (tests may change it)."""
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_file, target)
    return target


@pytest.fixture
def count_queries(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`count_queries()` starts listing every SQL statement run from then on, and returns the
    list (to check that a page of rows takes a few queries, not one per row)."""
    from app.store.database import db

    def start() -> list[str]:
        seen: list[str] = []
        run = db.obj.execute_sql

        def spy(sql: str, *args: object, **kwargs: object) -> object:
            seen.append(sql)
            return run(sql, *args, **kwargs)

        monkeypatch.setattr(db.obj, "execute_sql", spy)
        return seen

    return start
