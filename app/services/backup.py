"""Backups with SQLite's online backup API, and restore after the chosen file is verified.

Automatic backups go to `<database folder>/backups/` (or a folder set in Settings) on exit and
once a day, keeping the newest N. A restore never destroys the current books: they are kept
beside the file under a dated name before the verified backup takes their place.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.domain.errors import BadInput, StorageError
from app.domain.i18n import pick
from app.services import audit
from app.store import kv
from app.store.database import (
    backup_to,
    check_file,
    close_database,
    database_path,
    db,
    write_transaction,
)

KEEP_KEY, DIR_KEY, LAST_KEY = "backup_keep", "backup_dir", "backup_last_auto"
DEFAULT_KEEP = 10
AUTO_PREFIX = "auto-"
STAMP = "%Y%m%d-%H%M%S"


def backup_dir() -> Path:
    custom = kv.get(DIR_KEY, "")
    return Path(custom) if custom else database_path().parent / "backups"


def keep_count() -> int:
    return int(kv.get(KEEP_KEY, str(DEFAULT_KEEP)) or DEFAULT_KEEP)


def set_backup_settings(folder: str, keep: int, *, by: int | None = None) -> None:
    if not 1 <= keep <= 365:
        raise BadInput("保留份数应在 1 到 365 之间", "Keep between 1 and 365 backups", field="keep")
    if folder:
        target = Path(folder)
        if target.exists() and not target.is_dir():
            raise BadInput(f"{folder} 不是文件夹", f"{folder} is not a folder", field="folder")
    with write_transaction():
        kv.put(DIR_KEY, folder)
        kv.put(KEEP_KEY, str(keep))
        audit.record("settings.backup", {"folder": folder, "keep": keep}, by=by)


def _write_copy(target_dir: Path, prefix: str) -> Path:
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"无法在 {target_dir} 创建备份：{exc.strerror}",
            f"Cannot write a backup to {target_dir}: {exc.strerror}",
        ) from exc
    stem = database_path().stem
    name = f"{prefix}{stem}-{datetime.now():{STAMP}}.db"
    target = target_dir / name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{prefix}{stem}-{datetime.now():{STAMP}}-{n}.db"
    partial = target.with_suffix(".partial")
    try:
        backup_to(partial)
        _check_copy(partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"备份失败（{target_dir}）：{exc}。请检查 U 盘或文件夹是否可写、空间是否足够",
            f"The backup failed ({target_dir}): {exc}. Check that the drive or folder is "
            "writable and has room",
        ) from exc
    return target


def _check_copy(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the copy does not pass quick_check")
    finally:
        con.close()


def backup_now(target_dir: Path, *, by: int | None = None) -> Path:
    """A manual backup into `target_dir` (a USB stick, another folder)."""
    path = _write_copy(Path(target_dir), "")
    audit.record("backup.manual", {"file": str(path)}, by=by)
    return path


def auto_backup(*, force: bool = False) -> Path | None:
    """On exit (force) or when the last automatic backup is a day old; keeps the newest N."""
    last = kv.get(LAST_KEY, "")
    if not force and last and datetime.now() - datetime.fromisoformat(last) < timedelta(days=1):
        return None
    folder = backup_dir()
    path = _write_copy(folder, AUTO_PREFIX)
    with write_transaction():
        kv.put(LAST_KEY, datetime.now().replace(microsecond=0).isoformat())
    for old in sorted(folder.glob(f"{AUTO_PREFIX}*.db"), reverse=True)[keep_count() :]:
        old.unlink(missing_ok=True)
    return path


@dataclass(frozen=True)
class Restored:
    kept_as: Path | None  # where the books that were replaced now are


def restore(db_path: Path, source: Path) -> Restored:
    """Replace the books at `db_path` with the backup `source`, after verifying it.

    The database must not be open in this process. A corrupt, foreign or tampered file is
    refused (BadInput) and nothing changes.
    """
    from app.services.bootstrap import open_books
    from app.services.verify import verify

    db_path, source = Path(db_path), Path(source)
    if not source.is_file():
        raise BadInput(f"找不到备份文件 {source}", f"No backup file at {source}")
    if source.resolve() == db_path.resolve():
        raise BadInput("备份文件就是当前数据库", "The backup is the database itself")
    check_file(source)
    with tempfile.TemporaryDirectory(prefix="sk-restore-") as tmp:
        trial = Path(tmp) / "trial.db"
        shutil.copyfile(source, trial)
        open_books(trial, create=False)
        try:
            problems = verify()
            if problems:
                raise BadInput(
                    f"备份文件 {source} 未通过校验：{problems[0].message}",
                    f"The backup {source} fails verification: {problems[0].message}",
                )
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            close_database()
        kept = _set_aside(db_path)
        staged = db_path.with_name(db_path.name + ".restoring")
        shutil.copyfile(trial, staged)
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, db_path)
    open_books(db_path, create=False)
    try:
        audit.record("restore", {"from": str(source), "kept_as": str(kept) if kept else None})
    finally:
        close_database()
    return Restored(kept)


def _set_aside(db_path: Path) -> Path | None:
    """Copy the current books to `<stem>.before-restore-DATE.db` (consistent, WAL included)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    kept = db_path.with_name(f"{db_path.stem}.before-restore-{datetime.now():{STAMP}}.db")
    try:
        src = sqlite3.connect(db_path)
        dst = sqlite3.connect(kept)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    except sqlite3.DatabaseError:
        # a damaged file (often the reason for the restore) is kept byte for byte
        kept.unlink(missing_ok=True)
        shutil.copyfile(db_path, kept)
    return kept


def describe(path: Path) -> str:
    return pick(f"备份已写入 {path}", f"Backup written to {path}")
