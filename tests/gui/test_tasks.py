"""gui/tasks: work runs off the UI thread, reports progress, can be cancelled, errors come back."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import BadInput
from app.gui import tasks
from app.store.models import Item

from .conftest import Books


@pytest.fixture
def parent(qtbot: QtBot, books: Books) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_work_runs_off_the_ui_thread_and_its_result_comes_back(
    qtbot: QtBot, parent: QWidget
) -> None:
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.get_ident()
        progress(1, 2, "half")
        return Item.select().count()  # the database is usable from the pool thread

    done: list[object] = []
    task = tasks.run_task(parent, "count", work, on_done=done.append)
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert done == [Item.select().count()]
    assert done[0] > 0
    assert seen["thread"] != ui_thread


def test_progress_and_cancel(qtbot: QtBot, parent: QWidget) -> None:
    steps: list[int] = []
    reports: list[tuple[int, int]] = []

    def work(progress):  # type: ignore[no-untyped-def]
        for i in range(1, 1000):
            progress(i, 1000, f"row {i}")
            steps.append(i)
            time.sleep(0.01)
        return "finished"

    done: list[object] = []
    cancelled: list[bool] = []
    task = tasks.run_task(
        parent, "long", work, on_done=done.append, on_cancel=lambda: cancelled.append(True)
    )
    task.progressed.connect(lambda d, t, _s: reports.append((d, t)))
    qtbot.waitUntil(lambda: len(reports) >= 2, timeout=10_000)
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=5_000)  # slow work shows the dialog
    assert task.dialog.maximum() == 1000
    button = task.dialog.findChild(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the Cancel button
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert cancelled == [True] and done == []
    assert len(steps) < 999  # it stopped early


def test_a_storekeeper_error_goes_to_on_error(qtbot: QtBot, parent: QWidget) -> None:
    def work(progress):  # type: ignore[no-untyped-def]
        raise BadInput("数量必须大于零", "The quantity must be above zero")

    errors: list[Exception] = []
    task = tasks.run_task(parent, "bad", work, on_error=errors.append)
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert len(errors) == 1 and str(errors[0]) == "数量必须大于零"


def test_without_on_error_the_message_is_shown(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))

    def work(progress):  # type: ignore[no-untyped-def]
        raise BadInput("文件不是 xlsx", "The file is not xlsx")

    task = tasks.run_task(parent, "bad", work)
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    assert shown == ["文件不是 xlsx"]
