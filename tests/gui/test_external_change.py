"""An open window notices a posting made by another process and refreshes its pages."""

from __future__ import annotations

import subprocess
import sys

from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from tests.gui.conftest import Books

POST_FROM_ELSEWHERE = """
import sys
from pathlib import Path
from app.services import bootstrap, ledger
from app.store.models import Balance
bootstrap.open_books(Path(sys.argv[1]), create=False)
b = Balance.select().where(Balance.qty > 0).order_by(Balance.lot).first()
ledger.post_new("receipt", [ledger.Line(b.item_id, b.lot_id, b.slot_id, 7)])
print(b.item_id)
"""


def test_window_refreshes_after_another_process_posts(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    window.watch_timer.setInterval(100)
    with qtbot.assertNotEmitted(window.external_change, wait=500):
        pass  # nothing changed: no refresh
    refreshed: list[bool] = []
    original = window.stock_page.refresh

    def counting_refresh(*args: object, **kwargs: object) -> None:
        refreshed.append(True)
        original(*args, **kwargs)

    window.stock_page.refresh = counting_refresh  # type: ignore[method-assign]
    with qtbot.waitSignal(window.external_change, timeout=10_000):
        done = subprocess.run(
            [sys.executable, "-c", POST_FROM_ELSEWHERE, str(books.path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    assert refreshed
