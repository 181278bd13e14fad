"""Opening a page does not load the slow libraries it may need later (issue 9): the GS1 tables
(0.2 s) load on the first scan, the pinyin dictionaries (0.4 s) on the first typed search, the
PDF renderer on the first print."""

from __future__ import annotations

import os
import subprocess
import sys

PAGES = ("receiving", "settings", "reserve", "slots", "catalogue", "stock")
HEAVY = ("biip", "pypinyin", "pypdfium2")

SCRIPT = f"""
import sys
for page in {PAGES!r}:
    __import__("app.gui.pages." + page)
print(",".join(m for m in {HEAVY!r} if m in sys.modules))
from app.domain import gs1
scan = gs1.parse_scan("(01)06901234000191(10)LOT9(17)270131")
assert scan is not None and scan.batch == "LOT9" and str(scan.expiry) == "2027-01-31", scan
assert "biip" in sys.modules
"""


def test_pages_open_without_the_slow_libraries() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""  # none of HEAVY was imported by the pages


def test_the_first_search_and_scan_libraries_load_soon_after_start_off_the_ui_thread() -> None:
    """What the pages leave out is loaded on a worker thread soon after the window is shown."""
    script = """
import sys, threading
from app.gui import app
assert app.WARM_UP_AFTER_MS <= 5000
assert not set(app.WARM_UP) & set(sys.modules)
thread = app.warm_up()
assert thread is not threading.main_thread() and thread.daemon
thread.join(60)
print(",".join(m for m in app.WARM_UP if m in sys.modules))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pypinyin,biip"
