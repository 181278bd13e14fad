"""The command line as storekeepers and our checks drive it: real processes, real files."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from app import __version__
from tests.conftest import copy_demo

ENV = {**os.environ, "STOREKEEPER_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}


def sk(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or ENV,
        timeout=300,
    )


def _one_clear_line(p: subprocess.CompletedProcess[str]) -> None:
    assert p.returncode == 2, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert "Traceback" not in p.stderr


@pytest.fixture(scope="module")
def demo_db(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's demo database (built once by `storekeeper demo`)."""
    stdout = (demo_file.parent / "demo-stdout.txt").read_text(encoding="utf-8")
    assert "keeper" in stdout  # the demo says how to log in
    return copy_demo(demo_file, tmp_path_factory.mktemp("demo") / "demo.db")


def test_version() -> None:
    p = sk("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"storekeeper {__version__}"


def test_init_is_safe_to_repeat(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "books.db"
    assert sk("init", "--db", path).returncode == 0
    second = sk("init", "--db", path)
    assert second.returncode == 0 and "up to date" in second.stdout
    assert sk("verify", "--db", path).returncode == 0


def test_env_variable_picks_the_database(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    p = sk("init", env={**ENV, "STOREKEEPER_DB": str(path)})
    assert p.returncode == 0 and path.exists()


def test_demo_then_verify(demo_db: Path) -> None:
    p = sk("verify", "--db", demo_db)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "OK" in p.stdout


def test_demo_refuses_a_database_with_data(demo_db: Path) -> None:
    _one_clear_line(sk("demo", "--db", demo_db))


def test_demo_content_is_realistic(demo_db: Path) -> None:
    con = sqlite3.connect(demo_db)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    people = q("SELECT name FROM party WHERE kind = 'person'")
    assert len(people) >= 30 and len(set(people)) == len(people)
    kinds = {k for (k,) in q("SELECT DISTINCT kind FROM party")}
    assert kinds == {"supplier", "donor", "office", "person", "department"}
    types = {t for (t,) in q("SELECT DISTINCT vtype FROM voucher")}
    assert {"receipt", "issue", "move", "reversal"} <= types
    flam = q("SELECT allowed_hazards FROM zone WHERE allowed_hazards LIKE '%flammable%'")
    assert flam == [("flammable",)]
    days = q("SELECT julianday(MAX(posted_at)) - julianday(MIN(posted_at)) FROM ledger_entry")
    assert days[0][0] > 150
    con.close()


def test_stock_json_agrees_with_ledger_sums(demo_db: Path) -> None:
    stock = json.loads(sk("stock", "--db", demo_db, "--format", "json").stdout)
    assert stock and {
        "item_code",
        "item_name",
        "unit",
        "batch",
        "expiry",
        "zone",
        "slot",
        "qty",
    } <= set(stock[0])
    assert all(r["qty"] > 0 for r in stock)
    ledger = json.loads(sk("ledger", "--db", demo_db, "--format", "json").stdout)
    keys = {
        "voucher_no",
        "voucher_type",
        "posted_at",
        "item_code",
        "batch",
        "expiry",
        "slot",
        "delta",
        "balance_after",
        "party",
        "party_id",
        "party_kind",
    }
    assert keys <= set(ledger[0])
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    for e in ledger:
        sums[(e["item_code"], e["batch"], e["slot"])] += e["delta"]
    on_hand = {(r["item_code"], r["batch"], r["slot"]): r["qty"] for r in stock}
    assert {k: v for k, v in sums.items() if v} == on_hand
    assert {e["voucher_type"] for e in ledger} <= {
        "receipt",
        "issue",
        "move",
        "loan",
        "return",
        "write_off",
        "adjustment",
        "reversal",
        "opening",
    }
    assert {e["party_kind"] for e in ledger} <= {
        "supplier",
        "donor",
        "office",
        "person",
        "department",
        None,
    }
    assert all(len(e["posted_at"]) == 19 and e["posted_at"][10] == "T" for e in ledger)
    assert [e["entry_id"] for e in ledger] == sorted(e["entry_id"] for e in ledger)


def test_stock_csv_and_table(demo_db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(sk("stock", "--db", demo_db, "--format", "csv").stdout)))
    assert rows and int(rows[0]["qty"]) > 0
    table = sk("stock", "--db", demo_db).stdout
    assert "item_code" in table.splitlines()[0] and "医用外科口罩" in table


def test_ledger_for_one_item(demo_db: Path) -> None:
    p = sk("ledger", "--db", demo_db, "--format", "csv", "--item", "FH-N95")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert rows and {r["item_code"] for r in rows} == {"FH-N95"}
    _one_clear_line(sk("ledger", "--db", demo_db, "--item", "NOPE"))


def test_items_and_slots_json(demo_db: Path) -> None:
    items = json.loads(sk("items", "--db", demo_db, "--format", "json").stdout)
    n95 = next(i for i in items if i["code"] == "FH-N95")
    assert {"code", "name", "category", "unit", "hazard_class", "gtins"} <= set(n95)
    assert all(len(g) == 14 and g.isdigit() for g in n95["gtins"])
    assert {i["hazard_class"] for i in items} <= {
        "none",
        "flammable",
        "oxidizing",
        "corrosive",
        "toxic",
    }
    slots = json.loads(sk("slots", "--db", demo_db, "--format", "json").stdout)
    f = next(s for s in slots if s["zone"] == "F")
    assert f["allowed_hazard_classes"] == ["flammable"]
    assert {"code", "zone", "allowed_hazard_classes"} <= set(slots[0])


def test_tampering_makes_verify_exit_1(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "tampered.db"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    dst.execute("UPDATE ledger_entry SET delta = delta + 5 WHERE id = 7")
    dst.commit()
    dst.close()
    src.close()
    p = sk("verify", "--db", path)
    assert p.returncode == 1
    assert "entry 7" in p.stdout


def test_text_file_is_bad_input_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n")
    for cmd in ("stock", "verify", "init", "ledger", "items", "slots"):
        _one_clear_line(sk(cmd, "--db", path))
    assert path.read_text() == "not a database\n"


def test_newer_schema_is_bad_input_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "schema_v1.db", path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '42' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = path.read_bytes()
    p = sk("stock", "--db", path)
    _one_clear_line(p)
    assert "newer" in p.stderr
    assert path.read_bytes() == before


def test_unwritable_location_is_bad_input(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    p = sk("init", "--db", blocker / "books.db")
    _one_clear_line(p)
    assert "writable" in p.stderr


def test_read_only_folder_is_bad_input(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        # root ignores folder permissions; /proc refuses new files even to root
        target = folder if os.access(folder, os.W_OK) is False else Path("/proc/sk-test")
        p = sk("init", "--db", target / "books.db")
        _one_clear_line(p)
        assert "writable" in p.stderr
    finally:
        folder.chmod(0o755)


def test_missing_database_and_bad_options(tmp_path: Path) -> None:
    p = sk("stock", "--db", tmp_path / "none.db")
    _one_clear_line(p)
    assert "init" in p.stderr
    assert not (tmp_path / "none.db").exists()
    _one_clear_line(sk("stock", "--db", tmp_path / "x.db", "--format", "xml"))
    _one_clear_line(sk("frobnicate"))
    _one_clear_line(sk("demo", "--db", tmp_path / "d.db", "--size", "huge"))


def test_chinese_messages_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("x")
    p = sk("stock", "--db", path, env={**ENV, "STOREKEEPER_LANG": "zh_CN"})
    _one_clear_line(p)
    assert "不是 Storekeeper 数据库" in p.stderr


def test_non_ascii_data_folder(tmp_path: Path) -> None:
    """A Windows profile such as C:\\Users\\王老师 puts Chinese in every data path."""
    home = tmp_path / "王老师"
    p = sk("init", env={**ENV, "HOME": str(home), "XDG_DATA_HOME": str(home / "数据")})
    assert p.returncode == 0, p.stderr
    assert (home / "数据" / "Storekeeper" / "storekeeper.db").exists()
    assert (
        sk("verify", env={**ENV, "HOME": str(home), "XDG_DATA_HOME": str(home / "数据")}).returncode
        == 0
    )
