"""Small forms of the Slots page: zone, single slot, whole rack, rename, move (移库).

Each dialog calls its service when OK is pressed and stays open, with the message at the field,
when the service refuses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import hazards
from app.domain.codes import HAZARD_CLASSES, label
from app.domain.errors import BadInput, StorekeeperError
from app.gui.widgets.forms import FieldErrors, error_label
from app.services import slots
from app.store.models import Slot, Zone


class FormDialog(QDialog):
    """A form with errors at its fields; `apply()` does the work and may raise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.general_error = error_label(self)
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(440)

    def add_row(self, caption: str, field: str, widget: QWidget) -> None:
        self.form.addRow(caption, self.errors.wrap(field, widget))

    def apply(self) -> None:
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        try:
            self.apply()
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.accept()


def _zone_combo(parent: QWidget, current: int | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for z in Zone.select().where(Zone.active == True).order_by(Zone.sort, Zone.code):  # noqa: E712
        combo.addItem(f"{z.code}  {z.name}", z.id)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ZoneDialog(FormDialog):
    """New zone, or change a zone's name, hazard classes and notes."""

    def __init__(self, zone: Zone | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setWindowTitle(self.tr("Edit zone") if zone else self.tr("New zone"))
        self.code = QLineEdit(zone.code if zone else "", self)
        self.code.setReadOnly(zone is not None)
        self.name = QLineEdit(zone.name if zone else "", self)
        allowed = hazards.parse_classes(zone.allowed_hazards) if zone else ["none"]
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.classes: dict[str, QCheckBox] = {}
        for code in HAZARD_CLASSES:
            check = QCheckBox(label(code) if code != "none" else self.tr("general goods"), box)
            check.setChecked(code in allowed)
            self.classes[code] = check
            row.addWidget(check)
        self.notes = QLineEdit(zone.notes if zone else "", self)
        self.add_row(self.tr("Code"), "code", self.code)
        self.add_row(self.tr("Name"), "name", self.name)
        self.add_row(self.tr("May hold"), "allowed_hazards", box)
        self.add_row(self.tr("Notes"), "notes", self.notes)
        hint = QLabel(
            self.tr("Flammables need their own zone; chlorine and oxidizers never share it."), self
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def apply(self) -> None:
        chosen = [c for c, box in self.classes.items() if box.isChecked()]
        if self.zone is None:
            self.zone = slots.create_zone(
                self.code.text(), self.name.text(), chosen, self.notes.text()
            )
        else:
            self.zone = slots.update_zone(self.zone.id, self.name.text(), chosen, self.notes.text())


class SlotDialog(FormDialog):
    def __init__(self, zone_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New slot"))
        self.zone = _zone_combo(self, zone_id)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("A-01-01")
        self.add_row(self.tr("Zone"), "zone", self.zone)
        self.add_row(self.tr("Slot code"), "code", self.code)
        self.slot: Slot | None = None

    def apply(self) -> None:
        if self.zone.currentData() is None:
            raise BadInput("请先建立库区", "Create a zone first", field="zone")
        self.slot = slots.create_slot(int(self.zone.currentData()), self.code.text())


class RackDialog(FormDialog):
    """A whole rack: racks × levels slots named PREFIX-RR-LL."""

    def __init__(self, zone_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New rack"))
        self.zone = _zone_combo(self, zone_id)
        self.prefix = QLineEdit(self)
        self.racks = QSpinBox(self)
        self.levels = QSpinBox(self)
        self.first = QSpinBox(self)
        for spin, value in ((self.racks, 4), (self.levels, 5), (self.first, 1)):
            spin.setRange(1, slots.MAX_RACK)
            spin.setValue(value)
        self.preview = QLabel(self)
        self.preview.setObjectName("muted")
        self.add_row(self.tr("Zone"), "zone", self.zone)
        self.add_row(self.tr("Prefix"), "prefix", self.prefix)
        self.add_row(self.tr("Racks (rows)"), "racks", self.racks)
        self.add_row(self.tr("Levels per rack"), "levels", self.levels)
        self.add_row(self.tr("First rack number"), "first_rack", self.first)
        self.form.addRow("", self.preview)
        self.made: list[Slot] = []
        self.zone.currentIndexChanged.connect(self._on_changed)
        self.prefix.textChanged.connect(self._on_changed)
        for spin in (self.racks, self.levels, self.first):
            spin.valueChanged.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self, *_args: object) -> None:
        if not self.prefix.text().strip():
            code = self.zone.currentText().split(" ")[0]
            self.prefix.blockSignals(True)
            self.prefix.setText(code)
            self.prefix.blockSignals(False)
        codes = slots.rack_codes(
            self.prefix.text().strip().upper() or "?",
            self.racks.value(),
            self.levels.value(),
            self.first.value(),
        )
        self.preview.setText(
            self.tr("{first} … {last} ({n} slots)").format(
                first=codes[0], last=codes[-1], n=len(codes)
            )
        )

    def apply(self) -> None:
        if self.zone.currentData() is None:
            raise BadInput("请先建立库区", "Create a zone first", field="zone")
        self.made = slots.create_rack(
            int(self.zone.currentData()),
            self.prefix.text(),
            self.racks.value(),
            self.levels.value(),
            first_rack=self.first.value(),
        )


class RenameDialog(FormDialog):
    def __init__(self, slot: Slot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slot = slot
        self.setWindowTitle(self.tr("Rename slot {code}").format(code=slot.code))
        self.code = QLineEdit(slot.code, self)
        self.add_row(self.tr("New code"), "code", self.code)
        hint = QLabel(self.tr("The slot keeps its history; reprint its shelf label."), self)
        hint.setObjectName("muted")
        self.form.addRow("", hint)

    def apply(self) -> None:
        self.slot = slots.rename_slot(self.slot.id, self.code.text())


class MoveDialog(FormDialog):
    """Move a lot (or part of it) from one slot to another: posted as a 移库 voucher."""

    def __init__(
        self, slot: Slot, account_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.from_slot = slot
        self.account_id = account_id
        self.setWindowTitle(self.tr("Move stock from {code}").format(code=slot.code))
        self.lot = QComboBox(self)
        self.holdings = slots.contents(slot.id)
        for h in self.holdings:
            expiry = h.expiry.isoformat() if h.expiry else "—"
            self.lot.addItem(f"{h.item_name}  {h.batch}  {expiry}  ({h.qty:,} {h.unit})", h.lot_id)
        self.qty = QSpinBox(self)
        self.qty.setGroupSeparatorShown(True)
        self.to_slot = QComboBox(self)
        self.to_slot.setEditable(True)
        self.to_slot.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.to_slot.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.note = QLineEdit(self)
        self.add_row(self.tr("Lot"), "lot", self.lot)
        self.add_row(self.tr("Quantity"), "qty", self.qty)
        self.add_row(self.tr("To slot"), "to_slot", self.to_slot)
        self.add_row(self.tr("Note"), "note", self.note)
        self.voucher_number = ""
        self.lot.currentIndexChanged.connect(self._on_lot_changed)
        self._on_lot_changed()

    def _on_lot_changed(self, *_args: object) -> None:
        index = self.lot.currentIndex()
        self.to_slot.clear()
        if index < 0:
            self.qty.setRange(0, 0)
            return
        h = self.holdings[index]
        self.qty.setRange(1, h.qty)
        self.qty.setValue(h.qty)
        for s in slots.suggest(h.item_id, h.batch, limit=200):
            if s.slot_id != self.from_slot.id:
                self.to_slot.addItem(s.code, s.slot_id)
        for s in Slot.select().where(Slot.active == True).order_by(Slot.code):  # noqa: E712
            if s.id != self.from_slot.id and self.to_slot.findData(s.id) < 0:
                self.to_slot.addItem(s.code, s.id)

    def apply(self) -> None:
        index = self.lot.currentIndex()
        if index < 0:
            raise BadInput("货位上没有库存", "The slot holds nothing", field="lot")
        to = self.to_slot.findText(self.to_slot.currentText().strip(), Qt.MatchFlag.MatchExactly)
        if to < 0:
            raise BadInput("请选择目标货位", "Choose the slot to move to", field="to_slot")
        h = self.holdings[index]
        v = slots.move(
            [
                slots.MoveLine(
                    h.lot_id, self.from_slot.id, int(self.to_slot.itemData(to)), self.qty.value()
                )
            ],
            by=self.account_id,
            note=self.note.text(),
        )
        self.voucher_number = v.number or ""
