"""GUI test fixtures: offscreen Qt, a real SQLite storeroom in tmp_path, the main window."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import paths
from app.gui import theme, translation
from app.gui.app import build_main_window
from app.gui.main_window import MainWindow
from app.services import accounts, bootstrap, catalogue, ledger, people, settings
from app.store.database import close_database
from app.store.models import Account, Lot

# Set before pytest-qt creates the QApplication (Qt reads it then, not on import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Books:
    """What the test storeroom holds, so tests can check the screens against it."""

    path: Path
    account: Account
    items: dict[str, int] = field(default_factory=dict)  # code → item id
    lots: dict[str, int] = field(default_factory=dict)  # batch → lot id
    on_hand: dict[str, int] = field(default_factory=dict)  # code → base units on hand
    lot_qty: dict[str, int] = field(default_factory=dict)  # batch → base units on hand


def catalogue_csv() -> list[dict[str, str]]:
    with (paths.catalogue_dir() / "items.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gtin_of(code: str) -> str:
    """The first GTIN the shipped catalogue gives an item."""
    row = next(r for r in catalogue_csv() if r["code"] == code)
    return row["gtins"].split(";")[0]


@pytest.fixture(scope="session")
def gui_app(qapp: QApplication) -> QApplication:
    theme.apply_look(qapp)
    return qapp


def _build_books(path: Path) -> Books:
    """A storeroom made through the real posting path: receipts, a move and issues."""
    bootstrap.open_books(path, create=True)
    settings.set_institution_name("阳光幼儿园")
    account = accounts.create_account("keeper", "张保管", "admin", "1234")
    general = catalogue.create_zone("A", "普通物资区", ["none"])
    flammable = catalogue.create_zone("F", "易燃品柜", ["flammable"])
    a1 = catalogue.create_slot(general.id, "A-01-01").id
    a2 = catalogue.create_slot(general.id, "A-01-02").id
    f1 = catalogue.create_slot(flammable.id, "F-01").id
    supplier = people.create_party("supplier", "华康医疗器械有限公司").id
    nurse = people.create_party("person", "王玥", risk_group="high").id
    cls = people.create_party("department", "大一班").id

    b = Books(path=path, account=account)
    for code in ("FH-N95", "FH-SURG", "XS-ALC75", "FH-GLOVE"):
        found = catalogue.find_item(code)
        assert found is not None
        b.items[code] = found.id
    today = date.today()
    lots = [
        ("FH-N95", "N95-2301", today + timedelta(days=20)),
        ("FH-N95", "N95-2405", today + timedelta(days=600)),
        ("FH-SURG", "SG-2311", today - timedelta(days=5)),
        ("FH-SURG", "SG-2407", today + timedelta(days=70)),
        ("XS-ALC75", "ALC-2402", today + timedelta(days=500)),
    ]
    for code, batch, expiry in lots:
        lot = Lot.create(
            item=b.items[code],
            batch=batch,
            production_date=today - timedelta(days=100),
            expiry=expiry,
        )
        b.lots[batch] = lot.id

    def post(vtype: str, code: str, batch: str, slot: int, qty: int, **kw: object) -> None:
        line = ledger.Line(b.items[code], b.lots[batch], slot, qty, to_slot_id=kw.pop("to", None))
        ledger.post_new(vtype, [line], **kw)  # type: ignore[arg-type]

    post("receipt", "FH-N95", "N95-2301", a1, 1200, party_id=supplier, source="purchase")
    post("receipt", "FH-N95", "N95-2405", a2, 2000, party_id=supplier, source="purchase")
    post("receipt", "FH-SURG", "SG-2311", a1, 500, party_id=supplier, source="purchase")
    post("receipt", "FH-SURG", "SG-2407", a1, 3000, party_id=supplier, source="donation")
    post("receipt", "XS-ALC75", "ALC-2402", f1, 40, party_id=supplier, source="purchase")
    post("move", "FH-N95", "N95-2405", a2, 400, to=a1)
    post("issue", "FH-N95", "N95-2405", a1, 120, party_id=nurse)
    post("issue", "FH-SURG", "SG-2407", a1, 250, party_id=cls)
    b.on_hand = {"FH-N95": 3080, "FH-SURG": 3250, "XS-ALC75": 40, "FH-GLOVE": 0}
    b.lot_qty = {"N95-2301": 1200, "N95-2405": 1880, "SG-2311": 500, "SG-2407": 2750}
    return b


@pytest.fixture(scope="session")
def template_books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    """Built once per run (catalogue load and PIN hashing are slow); tests get a copy."""
    made = _build_books(tmp_path_factory.mktemp("template") / "books.db")
    close_database()
    return made


@pytest.fixture
def books(tmp_path: Path, gui_app: QApplication, template_books: Books) -> Iterator[Books]:
    """A fresh copy of the template storeroom in this test's tmp_path, opened."""
    path = tmp_path / "books.db"
    shutil.copyfile(template_books.path, path)
    bootstrap.open_books(path, create=False)
    account = Account.get(Account.username == template_books.account.username)
    b = Books(
        path=path,
        account=account,
        items=dict(template_books.items),
        lots=dict(template_books.lots),
        on_hand=dict(template_books.on_hand),
        lot_qty=dict(template_books.lot_qty),
    )
    translation.apply_language("zh_CN")
    yield b
    translation.apply_language("zh_CN")
    close_database()


@pytest.fixture
def window(qtbot: QtBot, books: Books) -> Iterator[MainWindow]:
    win = build_main_window(books.account)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Background work a page started (previews, exports) ends before the books close.
    for pool in [QThreadPool.globalInstance(), *win.findChildren(QThreadPool)]:
        pool.waitForDone(60_000)
    QApplication.processEvents()


def send_gs(widget: QWidget, *, as_ctrl_bracket: bool = False) -> None:
    """Type the GS1 separator as scanners do: a key whose text is 0x1D, or Ctrl+]."""
    if as_ctrl_bracket:
        QTest.keyClick(widget, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        return
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "\x1d")
        QApplication.sendEvent(widget, event)


def type_scan(widget: QWidget, text: str, *, enter: bool = True) -> None:
    """Send `text` as a scanner would (fast keystrokes, GS as a key, Enter at the end).

    QTest.keyClicks cannot type control characters, so each GS goes through send_gs().
    """
    for n, part in enumerate(text.split("\x1d")):
        if n:
            send_gs(widget)
        if part:
            QTest.keyClicks(widget, part)
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Chinese too, one key event per character.

    QTest.keyClicks handles only ASCII (it aborts on other characters), so this sends the
    events an input method would deliver as committed text.
    """
    for ch in text:
        if ch.isascii() and ch.isprintable():
            QTest.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
