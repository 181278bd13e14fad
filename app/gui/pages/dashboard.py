"""Dashboard page (概览), the first page: what needs the storekeeper today, and two pictures.

Seven tiles count what needs doing (expired lots, lots expiring within the two warning windows,
items below their reserve target, overdue loans, open requisitions, the last stocktake); a tile
opens the page where it is dealt with, and the list beside the charts names the first few of
each, every line opening its own lot, item, loan or requisition. The charts (pyqtgraph) are
built after the window has shown, so importing the plotting library never delays the first paint.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import reserve as reserve_rules
from app.domain import stocktake as stocktake_rules
from app.domain.errors import StorekeeperError
from app.gui import theme
from app.gui.widgets.forms import FieldErrors, PageHeader, error_label, mark_primary
from app.services import dashboard, settings
from app.services.dashboard import Summary
from app.store.models import Account

# navigate(target, argument): where an entry is dealt with. The main window knows the pages.
TO_WRITE_OFFS = "write_offs"  # argument: None
TO_STOCK = "stock"  # None
TO_CARD = "card"  # (item id, lot id)
TO_RESERVE = "reserve"  # item id or None
TO_LOANS = "loans"  # loan id or None
TO_REQUISITIONS = "requisitions"  # requisition id or None
TO_STOCKTAKE = "stocktake"  # None
CHART_DELAY_MS = 120
STOCKTAKE_DUE_DAYS = 35  # a monthly count is due when the last one is older than this
ENTRY_ROLE = Qt.ItemDataRole.UserRole  # (target, argument) of a line in the list


class Tile(QPushButton):
    """A count with its name and one line of detail; clicking it opens the page to act on it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("dashboardTile")
        self.setProperty("status", "ok")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.count = QLabel(self)
        self.count.setObjectName("tileCount")
        self.title = QLabel(self)
        self.title.setObjectName("tileTitle")
        self.title.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("tileDetail")
        self.detail.setWordWrap(True)
        for label in (self.count, self.title, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(0)
        layout.addWidget(self.count)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_state(self, count: str, title: str, detail: str, status: str, tip: str) -> None:
        self.count.setText(count)
        self.title.setText(title)
        self.detail.setText(detail)
        self.setToolTip(tip)
        self.setAccessibleName(f"{title}: {count}")
        if self.property("status") != status:
            self.setProperty("status", status)
            self.style().unpolish(self)
            self.style().polish(self)


class WindowsDialog(QDialog):
    """The two expiry warning windows (30 and 90 days unless the institution chose others)."""

    def __init__(self, account: Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.soon = QSpinBox(self)
        self.watch = QSpinBox(self)
        for box in (self.soon, self.watch):
            box.setRange(1, settings.MAX_EXPIRY_WINDOW)
        self.soon.setValue(settings.expiry_windows()[0])
        self.watch.setValue(settings.expiry_windows()[1])
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        mark_primary(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.note = QLabel(self)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        form = QFormLayout()
        self.soon_caption, self.watch_caption = QLabel(self), QLabel(self)
        form.addRow(self.soon_caption, self.errors.wrap("soon_days", self.soon))
        form.addRow(self.watch_caption, self.errors.wrap("watch_days", self.watch))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(self.tr("Expiry warnings"))
        self.note.setText(
            self.tr(
                "Lots expiring within the first number of days show orange, within the "
                "second yellow, on the dashboard."
            )
        )
        self.soon_caption.setText(self.tr("Soon (days)"))
        self.watch_caption.setText(self.tr("Watch (days)"))
        self.soon.setSuffix(self.tr(" days"))
        self.watch.setSuffix(self.tr(" days"))

    def _on_buttons_accepted(self) -> None:
        try:
            settings.set_expiry_windows(
                self.soon.value(), self.watch.value(), by=self.account.id if self.account else None
            )
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.accept()


class DashboardPage(QWidget):
    """Tiles, the list of what needs attention, and the consumption and cover charts."""

    navigate = Signal(str, object)  # (target, argument): see the TO_* names above

    def __init__(self, account: Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.data: Summary | None = None
        self.stale = True  # the books changed since the last refresh
        self.dialog: WindowsDialog | None = None
        self.consumption_chart = None  # charts.ConsumptionChart once built
        self.cover_chart = None  # charts.CoverChart once built
        # a child timer, so a page closed before it fires takes the pending build with it
        self.chart_timer = QTimer(self)
        self.chart_timer.setSingleShot(True)
        self.chart_timer.setInterval(CHART_DELAY_MS)

        self.header = PageHeader(self)
        self.day_label = QLabel(self)
        self.day_label.setObjectName("muted")
        self.windows_button = QPushButton(self)
        self.header.add_widget(self.day_label)
        self.header.add_widget(self.windows_button)

        self.tiles = {
            key: Tile(key, self)
            for key in ("expired", "soon", "watch", "below", "loans", "requisitions", "stocktake")
        }
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(10)
        tiles.setVerticalSpacing(10)
        for n, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, n)

        self.attention_title = QLabel(self)
        self.attention_title.setObjectName("detailTitle")
        self.attention = QListWidget(self)
        self.attention.setObjectName("attentionList")
        self.attention.setWordWrap(True)
        self.attention.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attention.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.attention.setMouseTracking(True)
        attention_box = QFrame(self)
        attention_box.setObjectName("detailPanel")
        box = QVBoxLayout(attention_box)
        box.setContentsMargins(12, 10, 12, 10)
        box.addWidget(self.attention_title)
        box.addWidget(self.attention, 1)

        self.use_title = QLabel(self)
        self.use_title.setObjectName("detailTitle")
        self.by_combo = QComboBox(self)
        self.bucket_combo = QComboBox(self)
        self.use_placeholder = QLabel(self)
        self.use_placeholder.setObjectName("muted")
        self.use_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        use_box = QFrame(self)
        use_box.setObjectName("detailPanel")
        self.use_layout = QVBoxLayout(use_box)
        self.use_layout.setContentsMargins(12, 10, 12, 10)
        use_head = QHBoxLayout()
        use_head.addWidget(self.use_title, 1)
        use_head.addWidget(self.by_combo)
        use_head.addWidget(self.bucket_combo)
        self.use_layout.addLayout(use_head)
        self.use_layout.addWidget(self.use_placeholder, 1)

        self.cover_title = QLabel(self)
        self.cover_title.setObjectName("detailTitle")
        self.cover_note = QLabel(self)
        self.cover_note.setObjectName("muted")
        self.cover_placeholder = QLabel(self)
        self.cover_placeholder.setObjectName("muted")
        self.cover_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cover_box = QFrame(self)
        cover_box.setObjectName("detailPanel")
        self.cover_layout = QVBoxLayout(cover_box)
        self.cover_layout.setContentsMargins(12, 10, 12, 10)
        cover_head = QHBoxLayout()
        cover_head.addWidget(self.cover_title)
        cover_head.addWidget(self.cover_note, 1)
        self.cover_layout.addLayout(cover_head)
        self.cover_layout.addWidget(self.cover_placeholder, 1)

        charts = QWidget(self)  # a layout, not a splitter: the charts arrive after the first paint
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.setSpacing(10)
        charts_layout.addWidget(use_box, 4)
        charts_layout.addWidget(cover_box, 5)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(attention_box)
        body.addWidget(charts)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 5)
        body.setSizes([330, 720])
        body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addLayout(tiles)
        layout.addWidget(body, 1)

        self._connect_signals()
        self._retranslate()

    def _connect_signals(self) -> None:
        for tile in self.tiles.values():
            tile.clicked.connect(self._on_tile_clicked)
        self.attention.itemClicked.connect(self._on_attention_itemClicked)
        self.attention.itemActivated.connect(self._on_attention_itemClicked)
        self.windows_button.clicked.connect(self._on_windows_button_clicked)
        self.by_combo.activated.connect(self._on_chart_choice_activated)
        self.chart_timer.timeout.connect(self._on_chart_timer_timeout)
        self.bucket_combo.activated.connect(self._on_chart_choice_activated)

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the summary again and show it (a few aggregate queries; fast on big books)."""
        self.data = dashboard.summary(by=self._by(), bucket=self._bucket())
        self.stale = False
        self._show_tiles(self.data)
        self._show_attention(self.data)
        self._show_charts()

    def mark_stale(self) -> None:
        """The books changed: refresh now if on show, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def build_charts(self) -> None:
        """Import pyqtgraph and put the two charts in place (once)."""
        if self.consumption_chart is not None:
            return
        from app.gui.widgets import charts  # slow import: after the first paint

        self.consumption_chart = charts.ConsumptionChart(self)
        self.cover_chart = charts.CoverChart(self)
        self.use_layout.replaceWidget(self.use_placeholder, self.consumption_chart)
        self.cover_layout.replaceWidget(self.cover_placeholder, self.cover_chart)
        self.use_placeholder.hide()
        self.cover_placeholder.hide()
        self._show_charts()

    def entries(self) -> list[tuple[str, object, str]]:
        """(target, argument, text) of every line in the attention list (tests read it)."""
        out = []
        for n in range(self.attention.count()):
            entry = self.attention.item(n)
            found = entry.data(ENTRY_ROLE)
            if found:
                out.append((found[0], found[1], entry.text()))
        return out

    def open_entry(self, row: int) -> None:
        found = (
            self.attention.item(row).data(ENTRY_ROLE) if 0 <= row < self.attention.count() else None
        )
        if found:
            self.navigate.emit(found[0], found[1])

    # --- slots ------------------------------------------------------------------------------

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)
        if self.stale:
            self.refresh()
        if self.consumption_chart is None:
            # after the window's first paint: importing pyqtgraph takes a few hundred ms
            self.chart_timer.start()

    def _on_chart_timer_timeout(self) -> None:
        self.build_charts()

    def _on_tile_clicked(self) -> None:
        tile = self.sender()
        if not isinstance(tile, Tile):
            return
        target = {
            "expired": TO_WRITE_OFFS,
            "soon": TO_STOCK,
            "watch": TO_STOCK,
            "below": TO_RESERVE,
            "loans": TO_LOANS,
            "requisitions": TO_REQUISITIONS,
            "stocktake": TO_STOCKTAKE,
        }[tile.key]
        self.navigate.emit(target, None)

    def _on_attention_itemClicked(self, entry: QListWidgetItem) -> None:
        found = entry.data(ENTRY_ROLE)
        if found:
            self.navigate.emit(found[0], found[1])

    def _on_windows_button_clicked(self) -> None:
        self.dialog = WindowsDialog(self.account, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def _on_chart_choice_activated(self, _index: int) -> None:
        if self.data is None:
            return
        consumption = dashboard.consumption(self._by(), self._bucket(), today=self.data.today)
        self.data = replace(self.data, consumption=consumption)
        self._show_charts()

    # --- showing ----------------------------------------------------------------------------

    def _by(self) -> str:
        return self.by_combo.currentData() or "category"

    def _bucket(self) -> str:
        return self.bucket_combo.currentData() or "week"

    def _show_tiles(self, s: Summary) -> None:
        t = self.tiles
        self.day_label.setText(self.tr("Today {date}").format(date=s.today.isoformat()))

        def first_expiry(rows: tuple) -> str:
            return self.tr("first {date}").format(date=rows[0].expiry.isoformat()) if rows else ""

        t["expired"].show_state(
            str(s.expired.count),
            self.tr("Expired lots"),
            self.tr("write off") if s.expired.count else self.tr("none"),
            "expired" if s.expired.count else "ok",
            self.tr("Lots past their expiry still on the shelves: open Write-offs"),
        )
        t["soon"].show_state(
            str(s.expiring_soon.count),
            self.tr("Expire in < {n} days").format(n=s.soon_days),
            first_expiry(s.expiring_soon.rows) or self.tr("none"),
            "soon" if s.expiring_soon.count else "ok",
            self.tr("Lots to use first: open Stock"),
        )
        t["watch"].show_state(
            str(s.expiring_watch.count),
            self.tr("Expire in {a}–{b} days").format(a=s.soon_days, b=s.watch_days),
            first_expiry(s.expiring_watch.rows) or self.tr("none"),
            "watch" if s.expiring_watch.count else "ok",
            self.tr("Lots to watch: open Stock"),
        )
        t["below"].show_state(
            str(s.below_target.count),
            self.tr("Below reserve target"),
            self.tr("of {n} items with a standard").format(n=s.targets)
            if s.targets
            else self.tr("no standards set yet"),
            "soon" if s.below_target.count else "ok",
            self.tr("Items to top up (填平补齐): open Reserve"),
        )
        t["loans"].show_state(
            str(s.overdue_loans.count),
            self.tr("Overdue loans"),
            self.tr("collect them back") if s.overdue_loans.count else self.tr("none"),
            "soon" if s.overdue_loans.count else "ok",
            self.tr("Loans past their due date: open Loans"),
        )
        t["requisitions"].show_state(
            str(s.open_requisitions.count),
            self.tr("Open requisitions"),
            self.tr("{n} waiting for approval").format(n=s.requisitions_to_decide)
            if s.open_requisitions.count
            else self.tr("none"),
            "watch" if s.open_requisitions.count else "ok",
            self.tr("Requisitions to decide or issue: open Issue › Requisitions"),
        )
        st = s.last_stocktake
        if st is None or st.closed_at is None:
            t["stocktake"].show_state(
                "—",
                self.tr("Last stocktake"),
                self.tr("no stocktake yet"),
                "watch",
                self.tr("Count the shelves: open Stocktake"),
            )
        else:
            age = (s.today - st.closed_at.date()).days
            t["stocktake"].show_state(
                stocktake_rules.accuracy_text(st.accuracy),
                self.tr("Last stocktake"),
                self.tr("{date}, {n} days ago").format(date=f"{st.closed_at:%Y-%m-%d}", n=age),
                "watch" if age > STOCKTAKE_DUE_DAYS else "ok",
                self.tr("Accuracy (lines without a difference) of stocktake {number}").format(
                    number=st.number
                ),
            )

    def _heading(self, text: str) -> None:
        entry = QListWidgetItem(text, self.attention)
        entry.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.attention.font())
        font.setBold(True)
        entry.setFont(font)
        entry.setForeground(QBrush(QColor("#334e68")))

    def _entry(self, text: str, target: str, argument: object, status: str) -> None:
        entry = QListWidgetItem(text, self.attention)
        entry.setData(ENTRY_ROLE, (target, argument))
        colours = theme.status_colours(status)
        if colours is not None:
            entry.setForeground(QBrush(colours[1]))
        entry.setToolTip(self.tr("Click to open"))

    def _more(self, shown: int, count: int, target: str) -> None:
        if count > shown:
            entry = QListWidgetItem(
                self.tr("… and {n} more").format(n=count - shown), self.attention
            )
            entry.setData(ENTRY_ROLE, (target, None))
            entry.setForeground(QBrush(theme.muted_colour()))

    def _show_attention(self, s: Summary) -> None:
        self.attention.clear()
        expired_line = self.tr("{name} · batch {batch} · expired {date} ({when}) · {qty} {unit}")
        expiring_line = self.tr("{name} · batch {batch} · expires {date} ({when}) · {qty} {unit}")
        for alerts, heading, status, line in (
            (s.expired, self.tr("Expired ({n})"), "expired", expired_line),
            (
                s.expiring_soon,
                self.tr("Expiring within {days} days ({n})").replace("{days}", str(s.soon_days)),
                "soon",
                expiring_line,
            ),
            (
                s.expiring_watch,
                self.tr("Expiring within {days} days ({n})").replace("{days}", str(s.watch_days)),
                "watch",
                expiring_line,
            ),
        ):
            if not alerts.count:
                continue
            self._heading(heading.format(n=alerts.count))
            for a in alerts.rows:
                when = (
                    self.tr("{n} days ago").format(n=-a.days_left)
                    if a.days_left < 0
                    else self.tr("in {n} days").format(n=a.days_left)
                )
                self._entry(
                    line.format(
                        name=a.name,
                        batch=a.batch,
                        date=a.expiry.isoformat(),
                        when=when,
                        qty=f"{a.qty:,}",
                        unit=a.unit,
                    ),
                    TO_CARD,
                    (a.item_id, a.lot_id),
                    status,
                )
            self._more(
                len(alerts.rows), alerts.count, TO_WRITE_OFFS if status == "expired" else TO_STOCK
            )
        if s.below_target.count:
            self._heading(self.tr("Below reserve target ({n})").format(n=s.below_target.count))
            for r in s.below_target.rows:
                self._entry(
                    self.tr(
                        "{name} · usable {usable} of {target} {unit} · buy {packs} {pack}"
                    ).format(
                        name=r.name,
                        usable=f"{r.usable:,}",
                        target=f"{r.target:,}",
                        unit=r.unit,
                        packs=f"{r.gap_packs:,}",
                        pack=r.pack_unit or r.unit,
                    ),
                    TO_RESERVE,
                    r.item_id,
                    "soon",
                )
            self._more(len(s.below_target.rows), s.below_target.count, TO_RESERVE)
        if s.overdue_loans.count:
            self._heading(self.tr("Overdue loans ({n})").format(n=s.overdue_loans.count))
            for loan in s.overdue_loans.rows:
                self._entry(
                    self.tr("{number} · {borrower} · due {date}, {n} days overdue").format(
                        number=loan.number,
                        borrower=loan.borrower,
                        date=loan.due_date.isoformat(),
                        n=loan.overdue_days,
                    ),
                    TO_LOANS,
                    loan.loan_id,
                    "soon",
                )
            self._more(len(s.overdue_loans.rows), s.overdue_loans.count, TO_LOANS)
        if s.open_requisitions.count:
            self._heading(self.tr("Open requisitions ({n})").format(n=s.open_requisitions.count))
            for req in s.open_requisitions.rows:
                state = (
                    self.tr("waiting for approval")
                    if req.status == "submitted"
                    else self.tr("to issue")
                )
                self._entry(
                    f"{req.number} · {req.department} · {req.doc_date.isoformat()} · {state}",
                    TO_REQUISITIONS,
                    req.requisition_id,
                    "watch",
                )
            self._more(len(s.open_requisitions.rows), s.open_requisitions.count, TO_REQUISITIONS)
        if self.attention.count() == 0:
            entry = QListWidgetItem(self.tr("Nothing needs attention today."), self.attention)
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            entry.setForeground(QBrush(QColor(theme.STATUS_COLOURS["ok"][1])))

    def _show_charts(self) -> None:
        s = self.data
        if s is None or self.consumption_chart is None or self.cover_chart is None:
            return
        c = s.consumption
        self.consumption_chart.show_data(
            c.starts,
            [(x.label, x.values) for x in c.series],
            weekly=c.bucket == "week",
            y_label=self.tr("Used per week") if c.bucket == "week" else self.tr("Used per day"),
            empty_text=self.tr("Nothing was issued in the last {n} days").format(n=c.days),
        )
        self.consumption_chart.plot.setToolTip(
            self.tr("Issues, class rounds and loans, less their reversals, in base units")
        )
        self.cover_chart.show_data(
            [
                (c.name, c.days_of_cover, c.reserve_days, reserve_rules.cover_text(c.days_of_cover))
                for c in s.cover
            ],
            x_label=self.tr("Days of cover (usable stock ÷ average daily use, last 90 days)"),
            empty_text=self.tr("No item was used in the last 90 days"),
        )
        self.cover_note.setText(
            self.tr(
                "{n} of {total} items that were used, fewest days first; ▏= reserve days"
            ).format(n=len(s.cover), total=s.cover_total)
        )

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Dashboard"))
        self.windows_button.setText(self.tr("Warning days…"))
        self.windows_button.setToolTip(
            self.tr("How many days before expiry a lot shows orange and yellow")
        )
        self.attention_title.setText(self.tr("Needs attention"))
        self.use_title.setText(self.tr("Consumption, last 90 days"))
        self.cover_title.setText(self.tr("Days of cover"))
        self.use_placeholder.setText(self.tr("Drawing the chart…"))
        self.cover_placeholder.setText(self.tr("Drawing the chart…"))
        for combo, choices in (
            (self.by_combo, (("category", self.tr("By category")), ("item", self.tr("Top items")))),
            (self.bucket_combo, (("week", self.tr("Weekly")), ("day", self.tr("Daily")))),
        ):
            current = combo.currentData()
            combo.clear()
            for code, text in choices:
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        if self.data is not None:
            self.refresh()
