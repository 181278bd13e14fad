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
from app.domain.progress import Cancelled, Progress
from app.services import audit
from app.store import kv
from app.store.database import (
    backup_to,
    check_file,
    close_database,
    database_path,
    db,
    peek_schema_version,
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


def _write_copy(target_dir: Path, prefix: str, progress: Progress | None = None) -> Path:
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
    text = pick(f"正在备份到 {target_dir}", f"Backing up to {target_dir}")

    def copied(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, text)

    try:
        backup_to(partial, copied if progress is not None else None)
        _check_copy(partial)
        os.replace(partial, target)
    except Cancelled:
        partial.unlink(missing_ok=True)  # nothing half-written is left behind
        raise
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


def backup_now(
    target_dir: Path, *, by: int | None = None, progress: Progress | None = None
) -> Path:
    """A manual backup into `target_dir` (a USB stick, another folder)."""
    path = _write_copy(Path(target_dir), "", progress)
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


def last_backup_at() -> datetime | None:
    """When the newest backup (automatic or by hand) was written, as far as these books know."""
    times = []
    auto = kv.get(LAST_KEY, "")
    if auto:
        times.append(datetime.fromisoformat(auto))
    manual = audit.last("backup.manual")
    if manual is not None:
        times.append(manual.at)
    return max(times) if times else None


def restore(
    db_path: Path, source: Path, *, actor: str = "", progress: Progress | None = None
) -> Restored:
    """Replace the books at `db_path` with the backup `source`, after verifying it.

    The database must not be open in this process (afterwards it is closed, and the database
    proxy may point at a closed copy: the caller opens the books again). A corrupt, foreign or
    tampered file is refused (BadInput) and nothing changes; so does a Cancelled raised by
    `progress` during the verification. `actor` names who restored, for the audit log.
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
            problems = verify(progress)
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
        audit.record(
            "restore", {"from": str(source), "kept_as": str(kept) if kept else None}, actor=actor
        )
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


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read without opening it as the books."""

    path: Path
    written: datetime  # the file's modification time
    size: int
    institution: str
    vouchers: int  # posted
    last_voucher: str
    last_posted: datetime | None


def inspect(path: Path) -> BackupInfo:
    """Read what `path` holds; a missing, foreign or damaged file raises (BadInput kinds)."""
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"找不到备份文件 {path}", f"No backup file at {path}", field="file")
    peek_schema_version(path)  # refuses foreign and damaged files
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        institution = ""
        if "meta" in tables:
            row = con.execute("SELECT value FROM meta WHERE key = 'institution_name'").fetchone()
            institution = row[0] if row else ""
        vouchers, last_no, last_at = 0, "", None
        if "voucher" in tables:
            vouchers = con.execute(
                "SELECT COUNT(*) FROM voucher WHERE status = 'posted'"
            ).fetchone()[0]
            row = con.execute(
                "SELECT number, posted_at FROM voucher WHERE status = 'posted' "
                "ORDER BY posted_at DESC, id DESC LIMIT 1"
            ).fetchone()
            if row:
                last_no = row[0] or ""
                last_at = datetime.fromisoformat(str(row[1])) if row[1] else None
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise BadInput(
            f"{path} 已损坏或不是 Storekeeper 备份：{exc}",
            f"{path} is damaged or not a Storekeeper backup: {exc}",
            field="file",
        ) from exc
    finally:
        con.close()
    stat = path.stat()
    return BackupInfo(
        path,
        datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0),
        stat.st_size,
        institution,
        vouchers,
        last_no,
        last_at,
    )


def describe(path: Path) -> str:
    """A few lines naming a backup's date and contents, for the restore confirmation."""
    info = inspect(path)
    last_zh = (
        f"最后一张 {info.last_voucher}（{info.last_posted:%Y-%m-%d %H:%M}）"
        if info.last_posted
        else "没有已过账的单据"
    )
    last_en = (
        f"the last is {info.last_voucher} ({info.last_posted:%Y-%m-%d %H:%M})"
        if info.last_posted
        else "no posted vouchers"
    )
    size = f"{info.size / 1_048_576:.1f} MB"
    return pick(
        f"文件：{info.path}\n写入时间：{info.written:%Y-%m-%d %H:%M}（{size}）\n"
        f"单位：{info.institution or '—'}\n已过账单据 {info.vouchers} 张，{last_zh}",
        f"File: {info.path}\nWritten: {info.written:%Y-%m-%d %H:%M} ({size})\n"
        f"Institution: {info.institution or '—'}\n{info.vouchers} posted vouchers, {last_en}",
    )
