"""The main window: navigation only — sidebar, page stack, global scan box, status bar."""

from __future__ import annotations

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
from app.domain import gs1
from app.domain.errors import BadInput
from app.gui import theme
from app.gui.dialogs.slot_contents import SlotContentsDialog
from app.gui.pages.card import CardPage
from app.gui.pages.catalogue import CataloguePage
from app.gui.pages.issuing import IssuePage
from app.gui.pages.labels import LabelsPage
from app.gui.pages.loans import LoansPage
from app.gui.pages.people import PeoplePage
from app.gui.pages.receiving import ReceivingPage
from app.gui.pages.settings import SettingsPage
from app.gui.pages.slots import SlotsPage
from app.gui.pages.stock import StockPage
from app.gui.pages.stocktake import StocktakePage
from app.gui.pages.write_offs import WriteOffPage
from app.gui.widgets.scan_line_edit import GS, ScanLineEdit
from app.services import catalogue, lookup, settings
from app.store.database import data_version, database_path
from app.store.models import Account, Item

PAGES = (
    "stock",
    "catalogue",
    "card",
    "settings",
    "labels",
    "receiving",
    "slots",
    "stocktake",
    "issue",
    "loans",
    "write_offs",
    "people",
)


def find_scanned_item(text: str) -> tuple[Item | None, str | None]:
    """The item a scan or typed text names (code, GTIN or GS1 string), and the scanned batch."""
    plain = text.strip().strip(GS)
    item = catalogue.find_item(plain)
    if item is not None:
        return item, None
    scan = gs1.parse_scan(text)
    if scan is None or not scan.gtin:
        return None, None
    return catalogue.find_item(scan.gtin), scan.batch


WATCH_MS = 3000


class MainWindow(QMainWindow):
    """Sidebar of workflows on the left, the current page on the right."""

    external_change = Signal()  # another window or the command line committed to the file

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
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
        self.sidebar.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)

        self.stock_page = StockPage(self)
        self.catalogue_page = CataloguePage(self)
        self.card_page = CardPage(self)
        self.settings_page = SettingsPage(account, self)
        self.labels_page = LabelsPage(self)
        self.receiving_page = ReceivingPage(account, self)
        self.slots_page = SlotsPage(account, self)
        self.stocktake_page = StocktakePage(account, self)
        self.issue_page = IssuePage(account, self)
        self.loans_page = LoansPage(account, self)
        self.write_offs_page = WriteOffPage(account, self)
        self.people_page = PeoplePage(account, self)
        self.slot_dialog: SlotContentsDialog | None = None
        self.pages: dict[str, QWidget] = {
            "stock": self.stock_page,
            "catalogue": self.catalogue_page,
            "card": self.card_page,
            "settings": self.settings_page,
            "labels": self.labels_page,
            "receiving": self.receiving_page,
            "slots": self.slots_page,
            "stocktake": self.stocktake_page,
            "issue": self.issue_page,
            "loans": self.loans_page,
            "write_offs": self.write_offs_page,
            "people": self.people_page,
        }
        for name, page in self.pages.items():
            self.stack.addWidget(page)
            QListWidgetItem(theme.icon(name), "", self.sidebar).setData(
                Qt.ItemDataRole.UserRole, name
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
        self.show_page("stock")

    def _connect_signals(self) -> None:
        self.sidebar.currentRowChanged.connect(self._on_sidebar_currentRowChanged)
        self.watch_timer.timeout.connect(self._on_watch_timer_timeout)
        self.about_button.clicked.connect(self._on_about_button_clicked)
        self.global_search.scanned.connect(self._on_global_search_scanned)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        for shortcut in self.page_shortcuts:
            shortcut.activated.connect(self._on_page_shortcut_activated)
        self.stock_page.open_card_requested.connect(self._on_stock_page_open_card_requested)
        self.catalogue_page.catalogue_changed.connect(self._on_catalogue_page_catalogue_changed)
        self.settings_page.institution_changed.connect(self._on_settings_page_institution_changed)
        self.labels_page.message.connect(self._on_labels_page_message)
        self.receiving_page.posted.connect(self._on_receiving_page_posted)
        for page in (self.issue_page, self.loans_page, self.write_offs_page):
            page.posted.connect(self._on_outbound_page_posted)
        self.receiving_page.labels_requested.connect(self._on_labels_requested)
        self.slots_page.stock_changed.connect(self._on_slots_page_stock_changed)
        self.slots_page.labels_requested.connect(self._on_labels_requested)

    # --- navigation -------------------------------------------------------------------------

    def show_page(self, name: str) -> QWidget:
        """Show one of PAGES ('stock', 'catalogue', 'card', 'settings')."""
        if name not in self.pages:
            raise BadInput(
                f"没有页面“{name}”，可选：{', '.join(PAGES)}",
                f"No page '{name}'; choose from {', '.join(PAGES)}",
                field="page",
            )
        page = self.pages[name]
        self.sidebar.setCurrentRow(PAGES.index(name))
        self.stack.setCurrentWidget(page)
        self._fit_to_current_page()
        return page

    def _fit_to_current_page(self) -> None:
        """Only the page on show may set the window's minimum size: a stack counts every page,
        so one tall page would keep the window from fitting a small screen."""
        current = self.stack.currentWidget()
        for page in self.pages.values():
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def open_card(self, item_id: int, lot_id: int | None = None) -> None:
        self.card_page.show_for(item_id, lot_id)
        self.show_page("card")

    def show_slot(self, resolution: lookup.Resolution) -> SlotContentsDialog:
        """A scanned slot or shelf label: what the slot holds, and whether the label is current."""
        if self.slot_dialog is None:
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
        self.stock_page.refresh()
        self.card_page.refresh_items()

    def _on_settings_page_institution_changed(self, _name: str) -> None:
        self._update_status()

    def _on_labels_page_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_slot_dialog_print_requested(self, slot_ids: list) -> None:
        self.print_labels_for_slots([int(i) for i in slot_ids])

    def _on_receiving_page_posted(self, _voucher_id: int) -> None:
        self.stock_page.refresh()
        self.slots_page.refresh()

    def _on_outbound_page_posted(self, _voucher_id: int) -> None:
        self.stock_page.refresh()
        self.slots_page.refresh()

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
            self.stock_page.refresh()
            self.slots_page.refresh()

    def _on_slots_page_stock_changed(self) -> None:
        self.stock_page.refresh()

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
            "stock": (self.tr("Stock"), self.tr("Stock on hand by item, lot and slot (Ctrl+1)")),
            "catalogue": (self.tr("Catalogue"), self.tr("Items and their rules (Ctrl+2)")),
            "card": (self.tr("Stock card"), self.tr("Every movement of an item or lot (Ctrl+3)")),
            "settings": (
                self.tr("Settings"),
                self.tr("Institution, language, data file, accounts (Ctrl+4)"),
            ),
            "labels": (self.tr("Labels"), self.tr("Print shelf labels with QR codes (Ctrl+5)")),
            "receiving": (
                self.tr("Receiving"),
                self.tr("Inspect a delivery, put it on slots, sign and post (Ctrl+6)"),
            ),
            "slots": (self.tr("Slots"), self.tr("Zones, racks and what each slot holds (Ctrl+7)")),
            "stocktake": (
                self.tr("Stocktake"),
                self.tr("Count the shelves, post the differences with sign-off (Ctrl+8)"),
            ),
            "issue": (
                self.tr("Issue"),
                self.tr("Issue to people and classes within their limits, requisitions (Ctrl+9)"),
            ),
            "loans": (self.tr("Loans"), self.tr("Lend equipment, take it back, overdue loans")),
            "write_offs": (
                self.tr("Write-offs"),
                self.tr("Write off expired or damaged stock; hold and trace a lot"),
            ),
            "people": (self.tr("People"), self.tr("Staff, classes, risk groups and issue rules")),
        }
        for row, name in enumerate(PAGES):
            entry = self.sidebar.item(row)
            entry.setText(titles[name][0])
            entry.setToolTip(titles[name][1])
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
