"""What a scanned slot or shelf label stands for: the slot's lots, and whether the label is current."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import expiry
from app.gui import theme
from app.services import lookup
from app.services.lookup import Resolution


class SlotContentsDialog(QDialog):
    """Not modal: the next scan replaces what it shows. Offers to print the slot's labels."""

    print_requested = Signal(list)  # slot ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.resolution: Resolution | None = None
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.label_line = QLabel(self)
        self.label_line.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setObjectName("fieldError")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.table = QTableWidget(0, 5, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("primary")
        self.close_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.label_line)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self._connect_signals()
        self._retranslate()

    def _connect_signals(self) -> None:
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.close_button.clicked.connect(self.close)

    def slot_code(self) -> str | None:
        return self.resolution.slot if self.resolution else None

    def outdated(self) -> bool:
        return bool(self.resolution and self.resolution.outdated)

    def show_resolution(self, r: Resolution) -> None:
        """Show a 'label' or 'slot' resolution."""
        self.resolution = r
        self._fill()

    def _fill(self) -> None:
        r = self.resolution
        if r is None:
            return
        self.title.setText(self.tr("Slot {code}").format(code=r.slot))
        if r.kind == lookup.LABEL and r.item_code:
            self.label_line.setText(
                self.tr("Label: {code} {name}, batch {batch}, expiry {date}").format(
                    code=r.item_code,
                    name=r.item_name or "",
                    batch=r.batch or "—",
                    date=r.expiry.isoformat() if r.expiry else "—",
                )
            )
            self.label_line.show()
        elif r.kind == lookup.LABEL:
            self.label_line.setText(self.tr("Label for an empty slot"))
            self.label_line.show()
        else:
            self.label_line.hide()
        if r.outdated:
            self.warning.setText(
                self.tr("This label is out of date: {why}. Print a new one.").format(
                    why=lookup.describe_reason(r.reason)
                )
            )
            self.warning.show()
            self.print_button.setText(self.tr("Reprint labels for this slot"))
        else:
            self.warning.hide()
            self.print_button.setText(self.tr("Print labels for this slot"))
        self.print_button.setEnabled(r.slot_id is not None)
        today = date.today()
        self.table.setRowCount(len(r.holdings))
        for row, h in enumerate(r.holdings):
            status = expiry.status(h.expiry, today)
            words = {
                expiry.EXPIRED: self.tr("expired"),
                expiry.SOON: self.tr("within 30 days"),
                expiry.WATCH: self.tr("within 90 days"),
            }
            when = h.expiry.isoformat() if h.expiry else "—"
            if status in words:
                when += f"  ({words[status]})"
            cells = [h.item_code, h.item_name, h.batch, when, f"{h.qty:,} {h.unit}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3 and status in words and theme.status_colours(status):
                    back, fore = theme.status_colours(status)  # type: ignore[misc]
                    item.setBackground(QBrush(back))
                    item.setForeground(QBrush(fore))
                if col == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
            if r.lot_id is not None and h.lot_id == r.lot_id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if not r.holdings:
            self.table.setRowCount(1)
            self.table.setItem(0, 1, QTableWidgetItem(self.tr("This slot is empty.")))

    def _on_print_button_clicked(self) -> None:
        if self.resolution is not None and self.resolution.slot_id is not None:
            self.print_requested.emit([self.resolution.slot_id])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("What this slot holds"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Item"),
                self.tr("Batch"),
                self.tr("Expiry"),
                self.tr("On hand"),
            ]
        )
        self.print_button.setText(self.tr("Print labels for this slot"))
        self._fill()
