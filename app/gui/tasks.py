"""Slow work off the UI thread (DESIGN rule 6): a pool thread runs it, a progress dialog with
Cancel shows when it takes a while, and the result comes back to the UI thread by signal.

The work function gets a `progress(done, total, text)` callable and returns plain data; it never
touches widgets. It may use the database: peewee gives each thread its own connection, which the
task closes when the work ends.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.domain.errors import StorekeeperError
from app.domain.progress import Cancelled
from app.store.database import db

SHOW_AFTER_MS = 400  # quick work never flashes a dialog
REPORT_EVERY_S = 0.05  # progress signals at most 20 times a second

_alive: set[Task] = set()  # tasks keep themselves alive until they end


class Task(QObject):
    """One piece of work on the global thread pool; signals arrive on the UI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # a StorekeeperError
    crashed = Signal(object, object)  # exception, traceback
    cancelled = Signal()
    ended = Signal()

    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any]) -> None:
        super().__init__()
        self._work = work
        self._stop = threading.Event()
        self._last_report = 0.0
        self.running = False

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def start(self) -> None:
        self.running = True
        _alive.add(self)
        QThreadPool.globalInstance().start(_Runner(self))

    def _progress(self, done: int, total: int, text: str = "") -> None:
        if self._stop.is_set():
            raise Cancelled()
        moment = time.monotonic()
        if moment - self._last_report >= REPORT_EVERY_S or done == total:
            self._last_report = moment
            self.progressed.emit(int(done), int(total), str(text))

    def _run(self) -> None:  # on the pool thread
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except StorekeeperError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - a bug: handed to the UI thread's crash dialog
            self.crashed.emit(exc, exc.__traceback__)
        else:
            if self._stop.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)
        finally:
            if db.obj is not None and not db.is_closed():
                db.close()  # this thread's connection only
            self.ended.emit()


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


def run_task(
    parent: QWidget | None,
    title: str,
    work: Callable[[Callable[[int, int, str], None]], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[StorekeeperError], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    cancellable: bool = True,
) -> Task:
    """Run `work(progress)` off the UI thread; `on_done(result)` runs on the UI thread.

    A StorekeeperError goes to `on_error` or, by default, to a warning box with its message; any
    other exception is a bug and reaches the application's crash dialog.
    """
    task = Task(work)
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)
    dialog.setValue(0)
    if cancellable:
        dialog.setCancelButtonText(QCoreApplication.translate("Tasks", "Cancel"))
    else:
        dialog.setCancelButton(None)
    task.dialog = dialog  # type: ignore[attr-defined]  # tests look at it

    # A shown modal dialog's setValue runs the event loop, so the next report or the end of the
    # task can arrive while setValue is still on the stack: nested reports are dropped, and the
    # dialog is put away only once setValue has returned (deleting it under setValue crashes).
    inside = {"progress": False, "ended": False}

    def on_progressed(done: int, total: int, text: str) -> None:
        if not task.running or inside["progress"]:
            return
        inside["progress"] = True
        try:
            if text:
                dialog.setLabelText(text)
            if total > 0:
                dialog.setRange(0, total)
                dialog.setValue(min(done, total))
        finally:
            inside["progress"] = False
            if inside["ended"]:
                put_away()

    def on_canceled_clicked() -> None:
        task.cancel()
        dialog.setLabelText(QCoreApplication.translate("Tasks", "Stopping…"))

    def on_failed(exc: StorekeeperError) -> None:
        if on_error is not None:
            on_error(exc)
        else:
            QMessageBox.warning(parent, title, str(exc))

    def on_crashed(exc: BaseException, tb: object) -> None:
        sys.excepthook(type(exc), exc, tb)  # type: ignore[arg-type]

    def on_ended() -> None:
        task.running = False
        if inside["progress"]:
            inside["ended"] = True  # on_progressed puts the dialog away when setValue returns
            return
        put_away()

    def put_away() -> None:
        dialog.canceled.disconnect(on_canceled_clicked)  # closing the dialog is not a cancel
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        _alive.discard(task)

    task.progressed.connect(on_progressed)
    dialog.canceled.connect(on_canceled_clicked)
    if on_done is not None:
        task.succeeded.connect(on_done)
    task.failed.connect(on_failed)
    task.crashed.connect(on_crashed)
    if on_cancel is not None:
        task.cancelled.connect(on_cancel)
    task.ended.connect(on_ended)
    task.start()
    return task
