"""Runs db/migrations/NNNN_*.py in order. Loads them by path, so it works in a frozen build."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

from app import paths
from app.domain.errors import SchemaTooNew
from app.store.database import backup_to, db

_NAME = re.compile(r"^(\d{4})_\w+\.py$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def load(self) -> ModuleType:
        spec = importlib.util.spec_from_file_location(f"sk_migration_{self.version}", self.path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


def migrations(folder: Path | None = None) -> list[Migration]:
    folder = folder or paths.migrations_dir()
    found = []
    for p in sorted(folder.iterdir()):
        m = _NAME.match(p.name)
        if m:
            found.append(Migration(int(m.group(1)), p))
    return found


def latest_version() -> int:
    return max(m.version for m in migrations())


def current_version() -> int:
    if "meta" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def refuse_newer(db_path: Path, have: int) -> None:
    latest = latest_version()
    if have > latest:
        raise SchemaTooNew(
            f"{db_path} 由更新版本的 Storekeeper 创建（数据结构版本 {have}，"
            f"本程序支持到 {latest}），请升级程序后再打开",
            f"{db_path} was made by a newer Storekeeper (schema {have}; this app knows up to "
            f"{latest}); install the newer app to open it",
        )


def upgrade(db_path: Path) -> list[int]:
    """Bring the open database to the latest schema; returns the versions applied.

    A database that already holds data is copied beside itself first, so an upgrade that goes
    wrong never costs the books. A database from a newer app is refused untouched.
    """
    have = current_version()
    latest = latest_version()
    refuse_newer(db_path, have)
    pending = [m for m in migrations() if m.version > have]
    if not pending:
        return []
    if have > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_to(db_path.with_name(f"{db_path.stem}.before-v{latest}-{stamp}{db_path.suffix}"))
    for m in pending:
        with db.atomic():
            m.load().upgrade(db.obj)
            db.execute_sql(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(m.version),),
            )
    return [m.version for m in pending]
