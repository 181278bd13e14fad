"""The item form: every field of catalogue.ItemInput; errors shown at their field, input kept."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes, i18n
from app.domain.errors import StorekeeperError
from app.gui.widgets.forms import FieldErrors, error_label, mark_primary
from app.services import catalogue
from app.services.catalogue import ItemInput
from app.store.models import Item

COMMON_UNITS = "只 个 双 件 瓶 桶 盒 箱 包 支 台 把 顶 副 袋 卷 人份".split()


def _no_input_method(edit: QLineEdit) -> QLineEdit:
    """Codes are Latin letters and digits: keep a Chinese IME out of the way."""
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


class ItemDialog(QDialog):
    """New item (item_id None) or edit one; Save calls catalogue.create_item / update_item."""

    def __init__(self, parent: QWidget | None = None, *, item_id: int | None = None) -> None:
        super().__init__(parent)
        self.item_id = item_id
        self.saved: Item | None = None
        self.setModal(True)
        self.setMinimumWidth(860)

        self.code = _no_input_method(QLineEdit(self))
        self.name = QLineEdit(self)
        self.name_en = QLineEdit(self)
        self.spec = QLineEdit(self)
        self.category = QComboBox(self)
        for cat in catalogue.categories():
            self.category.addItem(i18n.pick(cat.name, cat.name_en or cat.name), cat.code)
        self.base_unit = QComboBox(self)
        self.base_unit.setEditable(True)
        self.base_unit.addItems(COMMON_UNITS)
        self.packs = QLineEdit(self)
        self.packs.setPlaceholderText("盒=50;箱=1000")
        self.hazard_class = QComboBox(self)
        for code in codes.HAZARD_CLASSES:
            self.hazard_class.addItem(codes.label(code), code)
        self.standard = QLineEdit(self)
        self.requires_registration = QCheckBox(self)
        self.min_shelf_life_days = QSpinBox(self)
        self.min_shelf_life_days.setRange(0, 3650)
        self.reusable = QCheckBox(self)
        self.gtins = _no_input_method(QLineEdit(self))
        self.gtins.setPlaceholderText("06901234000016; 06901234000023")
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(70)

        self.general_error = error_label(self)
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        mark_primary(self.save_button)
        self.save_button.setDefault(True)

        self.left = QFormLayout()
        self.right = QFormLayout()
        for form in (self.left, self.right):
            form.setVerticalSpacing(8)
            form.setHorizontalSpacing(14)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._labels: dict[str, QLabel] = {}
        for form, field, widget in (
            (self.left, "code", self.code),
            (self.left, "name", self.name),
            (self.left, "name_en", self.name_en),
            (self.left, "spec", self.spec),
            (self.left, "category", self.category),
            (self.left, "base_unit", self.base_unit),
            (self.left, "packs", self.packs),
            (self.right, "hazard_class", self.hazard_class),
            (self.right, "standard", self.standard),
            (self.right, "requires_registration", self.requires_registration),
            (self.right, "min_shelf_life_days", self.min_shelf_life_days),
            (self.right, "reusable", self.reusable),
            (self.right, "gtins", self.gtins),
            (self.right, "notes", self.notes),
        ):
            label = QLabel(self)
            self._labels[field] = label
            aliases = ("unit",) if field == "base_unit" else ()
            form.addRow(label, self.errors.wrap(field, widget, *aliases))
        columns = QHBoxLayout()
        columns.setSpacing(28)
        columns.addLayout(self.left, 1)
        columns.addLayout(self.right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        if item_id is not None:
            self._fill(catalogue.item_input(Item.get_by_id(item_id)))
        self._pristine = self.form_input()
        self._connect_signals()
        self._retranslate()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self._on_buttons_rejected)

    # --- the form's data --------------------------------------------------------------------

    def _fill(self, data: ItemInput) -> None:
        self.code.setText(data.code)
        self.name.setText(data.name)
        self.name_en.setText(data.name_en)
        self.spec.setText(data.spec)
        self.category.setCurrentIndex(max(0, self.category.findData(data.category)))
        self.base_unit.setCurrentText(data.base_unit)
        self.packs.setText(data.packs)
        self.hazard_class.setCurrentIndex(max(0, self.hazard_class.findData(data.hazard_class)))
        self.standard.setText(data.standard)
        self.requires_registration.setChecked(data.requires_registration)
        self.min_shelf_life_days.setValue(data.min_shelf_life_days)
        self.reusable.setChecked(data.reusable)
        self.gtins.setText("; ".join(data.gtins))
        self.notes.setPlainText(data.notes)

    def form_input(self) -> ItemInput:
        """What the form holds now, as the service takes it."""
        return ItemInput(
            code=self.code.text(),
            name=self.name.text(),
            category=self.category.currentData() or "",
            base_unit=self.base_unit.currentText(),
            spec=self.spec.text(),
            name_en=self.name_en.text(),
            packs=self.packs.text(),
            hazard_class=self.hazard_class.currentData() or "none",
            standard=self.standard.text(),
            requires_registration=self.requires_registration.isChecked(),
            min_shelf_life_days=self.min_shelf_life_days.value(),
            reusable=self.reusable.isChecked(),
            gtins=[g for g in re.split(r"[\s,;，；]+", self.gtins.text()) if g],
            notes=self.notes.toPlainText(),
        )

    def error_at(self, field: str) -> str:
        """The message shown at `field` ('' when none)."""
        return self.errors.message(field)

    # --- slots ------------------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        data = self.form_input()
        try:
            if self.item_id is None:
                self.saved = catalogue.create_item(data, by=self._by())
            else:
                self.saved = catalogue.update_item(self.item_id, data, by=self._by())
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.errors.clear()
        self.accept()

    def _on_buttons_rejected(self) -> None:
        self.reject()

    def _by(self) -> int | None:
        """Who is logged in, for the audit log: the main window knows, the catalogue page not."""
        owner = self.parentWidget()
        account = getattr(owner.window(), "account", None) if owner is not None else None
        return getattr(account, "id", None)

    def reject(self) -> None:
        """Closing by mistake must not lose typing: ask first when something was changed."""
        if self.form_input() != self._pristine:
            answer = QMessageBox.question(
                self,
                self.tr("Discard changes?"),
                self.tr("The item has unsaved changes. Close the form and discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("New item") if self.item_id is None else self.tr("Edit item"))
        texts = {
            "code": self.tr("Code"),
            "name": self.tr("Name"),
            "name_en": self.tr("English name"),
            "spec": self.tr("Specification"),
            "category": self.tr("Category"),
            "base_unit": self.tr("Base unit"),
            "packs": self.tr("Pack units"),
            "hazard_class": self.tr("Hazard class"),
            "standard": self.tr("Standard"),
            "requires_registration": self.tr("Certificate"),
            "min_shelf_life_days": self.tr("Min. shelf life"),
            "reusable": self.tr("Reusable"),
            "gtins": self.tr("GTINs"),
            "notes": self.tr("Notes"),
        }
        for field, text in texts.items():
            self._labels[field].setText(text)
        self.code.setPlaceholderText(self.tr("e.g. FH-N95"))
        self.packs.setToolTip(
            self.tr("Base units in each pack, smallest first, e.g. box=50;case=1000")
        )
        self.requires_registration.setText(self.tr("Registration certificate required"))
        self.reusable.setText(self.tr("Lent out and returned (equipment)"))
        self.min_shelf_life_days.setSuffix(self.tr(" days"))
        self.min_shelf_life_days.setToolTip(
            self.tr("Shortest remaining shelf life accepted on receipt; 0 for no rule")
        )
        self.gtins.setToolTip(self.tr("Barcodes of this item; separate several with ;"))
        self.save_button.setToolTip(self.tr("Save the item (Enter)"))
        for n, code in enumerate(codes.HAZARD_CLASSES):
            self.hazard_class.setItemText(n, codes.label(code))
