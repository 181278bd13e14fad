"""The one database connection. SQLite specifics (pragmas, locking, file checks) live only here."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from app.domain.errors import NotAStorekeeperDatabase, StorageError

db = peewee.DatabaseProxy()

# PRAGMA application_id marks a file as ours ("SKPR"), so a foreign SQLite file is refused.
APPLICATION_ID = 0x534B5052
SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 15000,
    # FULL: a committed voucher survives a power cut, not just a crash.
    "synchronous": "full",
}


def check_file(path: Path) -> bool:
    """True when `path` holds an SQLite file (False when missing or empty); raise if foreign."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    if path.is_dir():
        raise NotAStorekeeperDatabase(
            f"{path} 是一个文件夹，不是 Storekeeper 数据库文件",
            f"{path} is a folder, not a Storekeeper database file",
        )
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StorageError(
            f"无法读取 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}"
        ) from exc
    if header != SQLITE_HEADER:
        raise NotAStorekeeperDatabase(
            f"{path} 不是 Storekeeper 数据库文件（请选择 .db 数据库或备份文件）",
            f"{path} is not a Storekeeper database file (choose a .db database or backup file)",
        )
    return True


def peek_schema_version(path: Path) -> int | None:
    """The schema version of an existing Storekeeper file, read without changing a byte of it.

    None when the file is missing or empty. Raises for a foreign or damaged file, so callers can
    refuse it before any pragma (WAL, application_id) is written.
    """
    path = Path(path)
    if not check_file(path):
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _storage_error(path, exc) from exc
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise NotAStorekeeperDatabase(
                f"{path} 是其他程序的 SQLite 文件，不是 Storekeeper 数据库",
                f"{path} is an SQLite file of another program, not a Storekeeper database",
            )
        if "meta" not in tables:
            return 0
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0
    except sqlite3.DatabaseError as exc:
        raise NotAStorekeeperDatabase(
            f"{path} 已损坏或不是数据库文件：{exc}",
            f"{path} is damaged or not a database file: {exc}",
        ) from exc
    finally:
        con.close()


def _storage_error(path: Path, exc: Exception) -> StorageError:
    return StorageError(
        f"无法打开或写入数据库 {path}：{exc}。请检查该文件夹是否可写、磁盘是否已满。",
        f"Cannot open or write the database {path}: {exc}. "
        "Check that the folder is writable and the disk is not full.",
    )


def open_database(path: Path, *, create: bool) -> peewee.SqliteDatabase:
    """Open `path` and bind the proxy. A new file is created only when `create` is true."""
    path = Path(path)
    exists = check_file(path)
    if not exists and not create:
        raise NotAStorekeeperDatabase(
            f"找不到数据库 {path}；请先运行 storekeeper init --db {path}",
            f"No database at {path}; create it first with: storekeeper init --db {path}",
        )
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _storage_error(path, exc) from exc
    database = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect()
        app_id = database.execute_sql("PRAGMA application_id").fetchone()[0]
        tables = database.get_tables()
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        database.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise NotAStorekeeperDatabase(
                f"{path} 已损坏或不是数据库文件：{exc}",
                f"{path} is damaged or not a database file: {exc}",
            ) from exc
        raise _storage_error(path, exc) from exc
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        database.close()
        raise NotAStorekeeperDatabase(
            f"{path} 是其他程序的 SQLite 文件，不是 Storekeeper 数据库",
            f"{path} is an SQLite file of another program, not a Storekeeper database",
        )
    if app_id == 0:
        try:
            database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        except (peewee.OperationalError, sqlite3.OperationalError) as exc:
            database.close()
            raise _storage_error(path, exc) from exc
    db.initialize(database)
    return database


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


@contextmanager
def write_transaction() -> Iterator[object]:
    """The one way to start a write: BEGIN IMMEDIATE takes the write lock before any check runs,
    so two writers cannot both pass a stock check. Disk-level failures (full, read-only, locked
    too long by another copy of the app) come out as a StorageError; nothing is half-written."""
    try:
        with db.atomic(lock_type="IMMEDIATE") as txn:
            yield txn
    except (peewee.OperationalError, sqlite3.OperationalError) as exc:
        raise _disk_error(exc) from exc


def _chain_text(exc: BaseException) -> str:
    """The messages of `exc` and everything it happened during, lower-cased.

    SQLite rolls back by itself on SQLITE_FULL, so peewee's own rollback then fails with
    "no transaction is active": the real cause is in the exception's context.
    """
    msg = ""
    cause: BaseException | None = exc
    while cause is not None:
        msg += " " + str(cause).lower()
        cause = cause.__context__
    return msg


def _disk_error(exc: Exception) -> Exception:
    msg = _chain_text(exc)
    if "locked" in msg or "busy" in msg:
        return StorageError(
            "数据库正被另一个 Storekeeper 窗口或命令占用，请稍后再试",
            "The database is busy with another Storekeeper window or command; try again shortly",
        )
    if "full" in msg:
        return StorageError(
            "磁盘已满，未保存任何内容。请腾出磁盘空间后再试",
            "The disk is full; nothing was saved. Free some space and try again",
        )
    if "readonly" in msg or "read-only" in msg:
        return StorageError(
            "数据库文件是只读的，未保存任何内容。请检查文件或文件夹权限",
            "The database file is read-only; nothing was saved. Check the file's permissions",
        )
    return exc


@contextmanager
def bulk_build() -> Iterator[None]:
    """Filling a brand-new file in one go (the demo): commits do not wait for the disk, and
    SQLite may keep a large part of the file in memory.

    Only for a file nobody depends on yet: a crash while it is built costs just that file, and
    it is finished (checkpointed, back to synchronous=FULL) before anyone opens it. The user's
    books never run this way.
    """
    sync = db.execute_sql("PRAGMA synchronous").fetchone()[0]
    cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql("PRAGMA synchronous = OFF")
    db.execute_sql("PRAGMA cache_size = -262144")  # 256 MB
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA synchronous = {int(sync)}")
        db.execute_sql(f"PRAGMA cache_size = {int(cache)}")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


class IntegrityCheck:
    """SQLite's integrity and foreign-key checks on a second, read-only connection to the same
    file, in a thread: SQLite does the reading without holding Python's lock, so `verify` can
    hash the ledger meanwhile. `result()` waits: ("sqlite", messages) and ("fk", (table, rowid,
    parent)) for each problem, nothing when the file is sound."""

    def __init__(self, path: str | None) -> None:
        self._path = path
        self._found: list[tuple[str, object]] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._con: sqlite3.Connection | None = None
        self._stopped = False

    @classmethod
    def start(cls) -> IntegrityCheck:
        name = db.obj.database
        check = cls(None if name in ("", ":memory:") else str(Path(name).resolve()))
        if check._path is None:
            check._run(db.connection())  # an in-memory database has no second connection
        else:
            check._thread = threading.Thread(target=check._work, name="integrity", daemon=True)
            check._thread.start()
        return check

    def _work(self) -> None:
        try:
            con = sqlite3.connect(
                f"{Path(str(self._path)).as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            self._error = exc
            return
        self._con = con
        try:
            if self._stopped:  # cancelled before the connection was there to interrupt
                return
            # The check walks every table and index against each other; with SQLite's default
            # 2 MB of cache it reads the same pages again and again (half again as long).
            con.execute("PRAGMA cache_size = -131072")
            self._run(con)
        except sqlite3.DatabaseError as exc:  # damaged beyond what the check can report
            self._found.append(("sqlite", [str(exc)]))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self._error = exc
        finally:
            self._con = None
            con.close()

    def _run(self, con: sqlite3.Connection) -> None:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            self._found.append(("sqlite", rows))
        for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check").fetchall()[:20]:
            self._found.append(("fk", (table, rowid, parent)))

    def cancel(self) -> None:
        """Stop the check (the user cancelled) and wait for its connection to close."""
        self._stopped = True
        con = self._con
        if con is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # it closed meanwhile: done
                con.interrupt()
        if self._thread is not None:
            self._thread.join()

    def result(self) -> list[tuple[str, object]]:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found


def data_version() -> int:
    """Changes whenever another connection (a second window, the command line) commits."""
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def database_path() -> Path:
    return Path(db.obj.database)


def backup_to(target: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """A consistent copy of the open database through SQLite's online backup API.

    With `progress(done, total)` the copy goes a few hundred pages at a time; an exception
    raised by it stops the copy (the caller removes the partial file).
    """
    src = db.connection()
    dst = sqlite3.connect(str(target))
    try:
        if progress is None:
            src.backup(dst)
        else:
            src.backup(
                dst,
                pages=256,
                progress=lambda _status, remaining, total: progress(total - remaining, total),
            )
    finally:
        dst.close()


_DISK_WORDS = ("readonly", "read-only", "disk", "full", "unable to open", "locked")


@contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    """Turn disk-level failures into a StorageError the user can act on."""
    try:
        yield
    except (peewee.OperationalError, sqlite3.OperationalError) as exc:
        msg = _chain_text(exc)
        if any(s in msg for s in _DISK_WORDS):
            raise _storage_error(path, exc) from exc
        raise
