"""The main window: navigation only — sidebar, page stack, global scan box, status bar."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.domain.errors import BadInput
from app.gui import theme
from app.gui.widgets.scan_line_edit import GS, ScanLineEdit
from app.services import catalogue, settings
from app.store.database import data_version, database_path
from app.store.models import Account, Item

if TYPE_CHECKING:  # the pages' modules are imported when a page is built (see _Page)
    from app.gui.dialogs.slot_contents import SlotContentsDialog
    from app.gui.pages.audit import AuditPage
    from app.gui.pages.card import CardPage
    from app.gui.pages.catalogue import CataloguePage
    from app.gui.pages.dashboard import DashboardPage
    from app.gui.pages.issuing import IssuePage
    from app.gui.pages.labels import LabelsPage
    from app.gui.pages.loans import LoansPage
    from app.gui.pages.people import PeoplePage
    from app.gui.pages.receiving import ReceivingPage
    from app.gui.pages.reports import ReportsPage
    from app.gui.pages.reserve import ReservePage
    from app.gui.pages.settings import SettingsPage
    from app.gui.pages.slots import SlotsPage
    from app.gui.pages.stock import StockPage
    from app.gui.pages.stocktake import StocktakePage
    from app.gui.pages.write_offs import WriteOffPage

PAGES = (
    "dashboard",  # the first page: what needs doing today (issue 7)
    "stock",
    "catalogue",
    "card",
    "settings",
    "labels",
    "receiving",
    "slots",
    "stocktake",
    "reserve",
    "issue",
    "loans",
    "write_offs",
    "people",
    "audit",
    "reports",
)


def find_scanned_item(text: str) -> tuple[Item | None, str | None]:
    """The item a scan or typed text names (code, GTIN or GS1 string), and the scanned batch."""
    plain = text.strip().strip(GS)
    item = catalogue.find_item(plain)
    if item is not None:
        return item, None
    from app.domain import gs1  # the GS1 parser loads its tables: on the first scan, not at start

    scan = gs1.parse_scan(text)
    if scan is None or not scan.gtin:
        return None, None
    return catalogue.find_item(scan.gtin), scan.batch


WATCH_MS = 3000
AUDIT_READERS = ("admin", "approver")  # as app.gui.pages.audit.MANAGERS (its test holds them)


P = TypeVar("P", bound=QWidget)


class _Page(Generic[P]):
    """A page of the window, built the first time it is shown or asked for (issue 9), made
    in the window's stack (a page made elsewhere and moved there is styled all over again).

    Each page reads its data when it is built, and its module pulls in what its work needs
    (spreadsheets, PDFs, pinyin): on ten years of books building them all at start took many
    seconds. `window.stock_page` and the like build the page on first use; `build` gets the
    window and the page's class, imported then.
    """

    def __init__(self, name: str, where: str, build: Callable[[MainWindow, Any], P]) -> None:
        self.name = name
        self.where = where  # "module:Class"
        self._build = build

    def build(self, window: MainWindow) -> P:
        module, cls = self.where.split(":")
        return self._build(window, getattr(import_module(f"app.gui.pages.{module}"), cls))

    def __get__(self, window: MainWindow | None, owner: type) -> Any:
        return self if window is None else window.page(self.name)


class MainWindow(QMainWindow):
    """Sidebar of workflows on the left, the current page on the right."""

    external_change = Signal()  # another window or the command line committed to the file

    dashboard_page: _Page[DashboardPage] = _Page(
        "dashboard", "dashboard:DashboardPage", lambda w, cls: cls(w.account, w.stack)
    )
    stock_page: _Page[StockPage] = _Page("stock", "stock:StockPage", lambda w, cls: cls(w.stack))
    catalogue_page: _Page[CataloguePage] = _Page(
        "catalogue", "catalogue:CataloguePage", lambda w, cls: cls(w.stack)
    )
    card_page: _Page[CardPage] = _Page("card", "card:CardPage", lambda w, cls: cls(w.stack))
    settings_page: _Page[SettingsPage] = _Page(
        "settings", "settings:SettingsPage", lambda w, cls: cls(w.account, w.stack)
    )
    labels_page: _Page[LabelsPage] = _Page(
        "labels", "labels:LabelsPage", lambda w, cls: cls(w.stack)
    )
    receiving_page: _Page[ReceivingPage] = _Page(
        "receiving", "receiving:ReceivingPage", lambda w, cls: cls(w.account, w.stack)
    )
    slots_page: _Page[SlotsPage] = _Page(
        "slots", "slots:SlotsPage", lambda w, cls: cls(w.account, w.stack)
    )
    stocktake_page: _Page[StocktakePage] = _Page(
        "stocktake", "stocktake:StocktakePage", lambda w, cls: cls(w.account, w.stack)
    )
    reserve_page: _Page[ReservePage] = _Page(
        "reserve", "reserve:ReservePage", lambda w, cls: cls(w.account, w.stack)
    )
    issue_page: _Page[IssuePage] = _Page(
        "issue", "issuing:IssuePage", lambda w, cls: cls(w.account, w.stack)
    )
    loans_page: _Page[LoansPage] = _Page(
        "loans", "loans:LoansPage", lambda w, cls: cls(w.account, w.stack)
    )
    write_offs_page: _Page[WriteOffPage] = _Page(
        "write_offs", "write_offs:WriteOffPage", lambda w, cls: cls(w.account, w.stack)
    )
    people_page: _Page[PeoplePage] = _Page(
        "people", "people:PeoplePage", lambda w, cls: cls(w.account, w.stack)
    )
    audit_page: _Page[AuditPage] = _Page(
        "audit", "audit:AuditPage", lambda w, cls: cls(w.account, w.stack)
    )
    reports_page: _Page[ReportsPage] = _Page(
        "reports", "reports:ReportsPage", lambda w, cls: cls(w.stack)
    )

    def __init__(
        self, account: Account | None, parent: QWidget | None = None, *, first: str = "dashboard"
    ) -> None:
        """`first` is the page shown at start (only it is built then)."""
        super().__init__(parent)
        self.account = account

        self.app_name = QLabel(self)
        self.app_name.setObjectName("appName")
        self.institution_label = QLabel(self)
        self.institution_label.setObjectName("institutionName")
        self.global_search = ScanLineEdit(self)
        self.global_search.setObjectName("globalSearch")
        self.global_search.addAction(theme.icon("scan"), QLineEdit.ActionPosition.LeadingPosition)
        top = QWidget(self)
        top.setObjectName("topBar")
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(20, 10, 20, 10)
        top_layout.setSpacing(14)
        top_layout.addWidget(self.app_name)
        top_layout.addWidget(self.institution_label)
        top_layout.addStretch(1)
        top_layout.addWidget(self.global_search)
        self.about_button = QPushButton(top)
        top_layout.addWidget(self.about_button)

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(180)
        # fifteen pages fit an 800-pixel window; a smaller screen scrolls rather than hides one
        self.sidebar.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.stack = QStackedWidget(self)

        self.successor: MainWindow | None = None  # the window that took over after a restore
        self.slot_dialog: SlotContentsDialog | None = None
        self.pages: dict[str, QWidget] = {}  # the pages built so far (see _Page)
        for name in PAGES:
            self.stack.addWidget(QWidget(self.stack))  # stands in until the page is built
            QListWidgetItem(theme.icon(name), "", self.sidebar).setData(
                Qt.ItemDataRole.UserRole, name
            )
        # The audit log is for administrators and approvers (the page itself refuses others too).
        self.sidebar.item(PAGES.index("audit")).setHidden(
            account is None or account.role not in AUDIT_READERS
        )

        body = QWidget(self)
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.sidebar)
        body_layout.addWidget(self.stack, 1)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(top)
        central_layout.addWidget(body, 1)
        self.setCentralWidget(central)

        self.status_institution = QLabel(self)
        self.status_user = QLabel(self)
        self.status_db = QLabel(self)
        for label in (self.status_institution, self.status_user, self.status_db):
            self.statusBar().addPermanentWidget(label)

        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.page_shortcuts = [
            QShortcut(QKeySequence(f"Ctrl+{n}"), self) for n in range(1, len(PAGES) + 1)
        ]
        # Another window or the command line may post to the same file: look every few seconds.
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_MS)
        self._data_version = data_version()
        self._connect_signals()
        self._retranslate()
        self.watch_timer.start()
        self.resize(1280, 800)
        self.show_page(first)

    def _connect_signals(self) -> None:
        self.sidebar.currentRowChanged.connect(self._on_sidebar_currentRowChanged)
        self.watch_timer.timeout.connect(self._on_watch_timer_timeout)
        self.about_button.clicked.connect(self._on_about_button_clicked)
        self.global_search.scanned.connect(self._on_global_search_scanned)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        for shortcut in self.page_shortcuts:
            shortcut.activated.connect(self._on_page_shortcut_activated)

    def _connect_page(self, name: str, page: Any) -> None:
        """A page's signals, connected when the page is built."""
        if name == "stock":
            page.open_card_requested.connect(self._on_stock_page_open_card_requested)
        elif name == "catalogue":
            page.catalogue_changed.connect(self._on_catalogue_page_catalogue_changed)
        elif name == "settings":
            page.institution_changed.connect(self._on_settings_page_institution_changed)
            page.books_busy.connect(self._on_settings_page_books_busy)
            page.books_replaced.connect(self._on_settings_page_books_replaced)
        elif name == "labels":
            page.message.connect(self._on_labels_page_message)
        elif name == "receiving":
            page.posted.connect(self._on_receiving_page_posted)
            page.labels_requested.connect(self._on_labels_requested)
        elif name in ("issue", "loans", "write_offs"):
            page.posted.connect(self._on_outbound_page_posted)
        elif name == "slots":
            page.stock_changed.connect(self._on_slots_page_stock_changed)
            page.labels_requested.connect(self._on_labels_requested)
        elif name == "dashboard":
            page.navigate.connect(self._on_dashboard_page_navigate)
        elif name == "reserve":
            page.changed.connect(self._on_reserve_page_changed)

    def page(self, name: str) -> QWidget:
        """One of PAGES, built (and put in its place in the stack) if it is not yet."""
        built = self.pages.get(name)
        if built is not None:
            return built
        if name not in PAGES:
            raise BadInput(
                f"没有页面“{name}”，可选：{', '.join(PAGES)}",
                f"No page '{name}'; choose from {', '.join(PAGES)}",
                field="page",
            )
        factory: _Page[QWidget] = getattr(type(self), f"{name}_page")
        built = self.pages[name] = factory.build(self)
        index = PAGES.index(name)
        current = self.stack.currentIndex()
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, built)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        self._connect_page(name, built)
        self._fit_to_current_page()
        return built

    def _built(self, name: str) -> Any:
        """The page if it has been built, else None (a page built later reads the books then,
        so it needs no refresh before)."""
        return self.pages.get(name)

    # --- navigation -------------------------------------------------------------------------

    def show_page(self, name: str) -> QWidget:
        """Show one of PAGES ('stock', 'catalogue', 'card', 'settings')."""
        page = self.page(name)
        self.sidebar.setCurrentRow(PAGES.index(name))
        self.stack.setCurrentWidget(page)
        self._fit_to_current_page()
        return page

    def _fit_to_current_page(self) -> None:
        """Only the page on show may set the window's minimum size: a stack counts every page,
        so one tall page would keep the window from fitting a small screen."""
        current = self.stack.currentWidget()
        for n in range(self.stack.count()):
            page = self.stack.widget(n)
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def open_card(self, item_id: int, lot_id: int | None = None) -> None:
        self.card_page.show_for(item_id, lot_id)
        self.show_page("card")

    def show_slot(self, resolution: Any) -> SlotContentsDialog:
        """A scanned slot or shelf label: what the slot holds, and whether the label is current."""
        if self.slot_dialog is None:
            from app.gui.dialogs.slot_contents import SlotContentsDialog

            self.slot_dialog = SlotContentsDialog(self)
            self.slot_dialog.print_requested.connect(self._on_slot_dialog_print_requested)
        self.slot_dialog.show_resolution(resolution)
        self.slot_dialog.show()
        self.slot_dialog.raise_()
        return self.slot_dialog

    def print_labels_for_slots(
        self, slot_ids: list[int], lots_only: list[int] | None = None
    ) -> LabelsPage:
        """The Labels page with just these slots chosen (after a receipt, or to reprint)."""
        self.show_page("labels")
        self.labels_page.show_slots(slot_ids, lots_only=lots_only)
        return self.labels_page

    def handle_scan(self, text: str) -> bool:
        """A scanned slot or shelf label opens what the slot holds; an item shows on the Stock
        page. False when nothing matches."""
        try:
            from app.services import lookup  # scanning tools load on the first scan

            resolution = lookup.resolve(text)
        except BadInput as err:  # one of our labels, but damaged or from a newer version
            self.statusBar().showMessage(str(err), 8000)
            return False
        if resolution.kind in (lookup.LABEL, lookup.SLOT):
            self.show_slot(resolution)
            return True
        self.show_page("stock")
        item, batch = find_scanned_item(text)
        if item is not None and self.stock_page.show_item(item.id, item.code, batch=batch):
            self.statusBar().showMessage(
                self.tr("Found {code} {name}").format(code=item.code, name=item.name), 8000
            )
            return True
        self.stock_page.apply_search(text.replace(GS, " ").strip())
        self.statusBar().showMessage(
            self.tr("No item has the code or GTIN “{text}”; showing search results instead").format(
                text=text.replace(GS, " ").strip()
            ),
            8000,
        )
        return False

    # --- slots ------------------------------------------------------------------------------

    def _on_sidebar_currentRowChanged(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row])
            self.stack.setCurrentIndex(row)
            self._fit_to_current_page()

    def _on_page_shortcut_activated(self) -> None:
        sender = self.sender()
        if sender in self.page_shortcuts:
            self.show_page(PAGES[self.page_shortcuts.index(sender)])

    def _on_global_search_scanned(self, text: str) -> None:
        if text.strip():
            self.handle_scan(text)
        self.global_search.selectAll()  # the next scan replaces this one

    def _on_find_shortcut_activated(self) -> None:
        self.global_search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.global_search.selectAll()

    def _on_stock_page_open_card_requested(self, item_id: int, lot_id: object) -> None:
        self.open_card(item_id, lot_id if isinstance(lot_id, int) else None)

    def _on_catalogue_page_catalogue_changed(self) -> None:
        for name, refresh in (
            ("stock", "refresh"),
            ("card", "refresh_items"),
            ("reports", "refresh"),
        ):
            if page := self._built(name):
                getattr(page, refresh)()

    def _on_settings_page_institution_changed(self, _name: str) -> None:
        self._update_status()

    def _on_settings_page_books_busy(self, busy: bool) -> None:
        # A restore replaces the file: nobody may read it meanwhile, not even this timer.
        if busy:
            self.watch_timer.stop()
        else:
            self._data_version = data_version()
            self.watch_timer.start()

    def _on_settings_page_books_replaced(self, message: str) -> None:
        self.successor = self.reopen(message)

    def reopen(self, message: str = "") -> MainWindow | None:
        """After a restore: a new window on the restored books, so that every page reads them
        afresh; the same person carries on if the restored books know them, else logs in."""
        self.watch_timer.stop()
        account = self.account
        if account is not None:
            same = Account.get_or_none(Account.username == account.username)
            if same is not None and same.active and same.role == account.role:
                account = same
            else:
                from app.gui.app import start_session  # app.py builds this window

                account = start_session()
                if account is None:
                    self.close()
                    return None
        successor = MainWindow(account)
        successor.setGeometry(self.geometry())
        successor.show_page("settings")
        successor.settings_page.show_backup_notice(message)
        successor.statusBar().showMessage(message, 15000)
        successor.show()
        self.close()
        return successor

    def _on_labels_page_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_slot_dialog_print_requested(self, slot_ids: list) -> None:
        self.print_labels_for_slots([int(i) for i in slot_ids])

    def _on_receiving_page_posted(self, _voucher_id: int) -> None:
        self._refresh_stock_pages()
        self._stock_changed()

    def _on_outbound_page_posted(self, _voucher_id: int) -> None:
        self._refresh_stock_pages()
        self._stock_changed()

    def _refresh_stock_pages(self) -> None:
        for name in ("stock", "slots"):
            if page := self._built(name):
                page.refresh()

    def _stock_changed(self) -> None:
        """The dashboard and the reserve read stock too: now if on show, else when next shown."""
        for name in ("dashboard", "reserve"):
            if page := self._built(name):
                page.mark_stale()

    def _on_reserve_page_changed(self) -> None:
        if page := self._built("dashboard"):
            page.mark_stale()

    def _on_dashboard_page_navigate(self, target: str, argument: object) -> None:
        """A dashboard entry opens the page where it is dealt with."""
        if target == "card" and isinstance(argument, tuple):
            self.open_card(*argument)
        elif target == "reserve":
            self.show_page("reserve")
            self.reserve_page.select_item(argument if isinstance(argument, int) else None)
        elif target == "loans":
            self.show_page("loans")
            self.loans_page.open_only.setChecked(True)
            self.loans_page.refresh()
            self.loans_page.select_loan(argument if isinstance(argument, int) else None)
        elif target == "requisitions":
            self.show_page("issue")
            tab = self.issue_page.requisitions_tab
            self.issue_page.tabs.setCurrentWidget(tab)
            tab.refresh()
            tab.select_requisition(argument if isinstance(argument, int) else None)
        elif target == "write_offs":
            self.show_page("write_offs")
            self.write_offs_page.tabs.setCurrentWidget(self.write_offs_page.write_off_tab)
            self.write_offs_page.refresh()
        elif target in PAGES:
            self.show_page(target)

    def _on_about_button_clicked(self) -> None:
        self.show_about()

    def show_about(self) -> QMessageBox:
        """The version (from app/__init__.py, as in --version and the installer) and data file."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Storekeeper"))
        box.setIconPixmap(theme.icon("app").pixmap(64, 64))
        box.setText(
            self.tr("Storekeeper (防疫物资库管) version {version}").format(version=__version__)
        )
        box.setInformativeText(
            self.tr(
                "Data file: {path}\nFont: Storekeeper Hei (WenQuanYi Micro Hei, Apache-2.0)"
            ).format(path=database_path())
        )
        box.open()
        return box

    def _on_watch_timer_timeout(self) -> None:
        version = data_version()
        if version != self._data_version:
            self._data_version = version
            self.external_change.emit()
            self._refresh_stock_pages()
            self._stock_changed()

    def _on_slots_page_stock_changed(self) -> None:
        if page := self._built("stock"):
            page.refresh()
        self._stock_changed()

    def _on_labels_requested(self, slot_ids: list) -> None:
        self.print_labels_for_slots([int(i) for i in slot_ids])

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.about_button.setText(self.tr("About"))
        titles = {
            "dashboard": (
                self.tr("Dashboard"),
                self.tr("What needs doing today: expiry, reserve, loans, requisitions"),
            ),
            "stock": (self.tr("Stock"), self.tr("Stock on hand by item, lot and slot")),
            "catalogue": (self.tr("Catalogue"), self.tr("Items and their rules")),
            "card": (self.tr("Stock card"), self.tr("Every movement of an item or lot")),
            "settings": (
                self.tr("Settings"),
                self.tr("Institution, language, data file, accounts"),
            ),
            "labels": (self.tr("Labels"), self.tr("Print shelf labels with QR codes")),
            "receiving": (
                self.tr("Receiving"),
                self.tr("Inspect a delivery, put it on slots, sign and post"),
            ),
            "slots": (self.tr("Slots"), self.tr("Zones, racks and what each slot holds")),
            "stocktake": (
                self.tr("Stocktake"),
                self.tr("Count the shelves, post the differences with sign-off"),
            ),
            "reserve": (
                self.tr("Reserve"),
                self.tr("Reserve standards (储备标准) and the top-up list for purchasing"),
            ),
            "issue": (
                self.tr("Issue"),
                self.tr("Issue to people and classes within their limits, requisitions"),
            ),
            "loans": (self.tr("Loans"), self.tr("Lend equipment, take it back, overdue loans")),
            "write_offs": (
                self.tr("Write-offs"),
                self.tr("Write off expired or damaged stock; hold and trace a lot"),
            ),
            "people": (self.tr("People"), self.tr("Staff, classes, risk groups and issue rules")),
            "audit": (
                self.tr("Audit log"),
                self.tr("Who changed settings, rules and accounts; overrides, backups, restores"),
            ),
            "reports": (
                self.tr("Reports"),
                self.tr("Stock card, in-out summary, donations, reserve … as PDF, Excel or CSV"),
            ),
        }
        for row, name in enumerate(PAGES):
            entry = self.sidebar.item(row)
            entry.setText(titles[name][0])
            # the first nine pages have Ctrl+1 … Ctrl+9, counted from their place in PAGES
            tip = titles[name][1]
            if row < 9:
                tip = self.tr("{tip} (Ctrl+{n})").format(tip=tip, n=row + 1)
            entry.setToolTip(tip)
        self.app_name.setText(self.tr("Storekeeper"))
        self.global_search.setPlaceholderText(self.tr("Scan or type an item code / GTIN (Ctrl+F)"))
        self.global_search.setToolTip(
            self.tr("Scan a barcode or type a code and press Enter to find the item (Ctrl+F)")
        )
        self._update_status()

    def _update_status(self) -> None:
        institution = settings.institution_name()
        self.setWindowTitle(
            self.tr("Storekeeper — {institution}").format(institution=institution)
            if institution
            else self.tr("Storekeeper")
        )
        self.institution_label.setText(institution)
        self.status_institution.setText(
            self.tr("Institution: {name}").format(name=institution or "—")
        )
        user = f"{self.account.display_name} ({self.account.username})" if self.account else "—"
        self.status_user.setText(self.tr("User: {name}").format(name=user))
        self.status_db.setText(self.tr("Data file: {path}").format(path=database_path()))
