"""Started by run.py in a fresh interpreter: show a window, print a line once it has painted.

    python tests/bench/startup.py bare          # a plain PySide6 window (the baseline)
    python tests/bench/startup.py app DB        # the real main window on DB, on the stock page
    python tests/bench/startup.py rss DB        # as app, then the peak memory in MB

It imports nothing beyond what the window needs, so that the time run.py measures from
starting this process is the app's start, not the benchmark's. The login dialog, which waits
for a person, is left out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux getrusage() keeps, across the exec that
    started us, the size of the process we were forked from (the benchmark, hundreds of MB
    after verify), so the kernel's own high-water mark of this program is read instead."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(mode: str, db: str | None) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    def finish() -> None:
        if mode == "rss":
            print(f"rss {peak_rss_mb():.1f}", flush=True)
        else:
            print("painted", flush=True)
        os._exit(0)  # what happens after the paint is not measured

    class Painted(QObject):
        """Calls finish() after the first paint of the watched widget that shows rows."""

        def __init__(self, ready: object) -> None:
            super().__init__()
            self.ready, self.fired = ready, False

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.fired and self.ready():  # type: ignore[operator]
                self.fired = True
                QTimer.singleShot(0, finish)  # once this paint has finished
            return False

    if mode == "bare":
        app = QApplication(sys.argv[:1])
        window = QWidget()
        window.resize(1280, 800)
        watcher = Painted(lambda: True)
        window.installEventFilter(watcher)
        window.show()
    else:
        from app.domain import i18n
        from app.gui.app import prepare_application
        from app.gui.main_window import MainWindow
        from app.services import bootstrap, settings
        from app.store.models import Account

        bootstrap.open_books(Path(str(db)), create=False)
        app = prepare_application(settings.language() or i18n.language())
        account = Account.select().where(Account.role == "storekeeper").first()
        window = MainWindow(account, first="stock")  # the real window, opened on the stock page
        tree = window.stock_page.tree
        watcher = Painted(lambda: tree.model().rowCount() > 0)
        tree.viewport().installEventFilter(watcher)
        window.show()
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
