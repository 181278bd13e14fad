"""Dialogs of the Labels page: a label template of one's own (in mm), and printer calibration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.label_templates import LabelTemplate
from app.domain.errors import StorekeeperError
from app.gui.widgets.forms import FieldErrors, error_label
from app.services import labels

if TYPE_CHECKING:
    from app.gui.pages.labels import LabelsPage


def _mm(
    parent: QWidget, value: float, minimum: float = 0.0, maximum: float = 1000.0
) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setDecimals(2)
    box.setRange(minimum, maximum)
    box.setSingleStep(0.5)
    box.setSuffix(" mm")
    box.setValue(value)
    return box


class LabelTemplateDialog(QDialog):
    """A sheet or roll measured in millimetres, starting from the template chosen now."""

    def __init__(self, base: LabelTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved: LabelTemplate | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setText(f"my-{base.name}"[:40])
        self.title = QLineEdit(self)
        self.title.setText(base.display_title())
        self.kind = QComboBox(self)
        self.kind.addItem("", "sheet")
        self.kind.addItem("", "roll")
        self.kind.setCurrentIndex(self.kind.findData(base.kind))
        self.page_w = _mm(self, base.page_width)
        self.page_h = _mm(self, base.page_height)
        self.label_w = _mm(self, base.label_width)
        self.label_h = _mm(self, base.label_height)
        self.radius = _mm(self, base.radius)
        self.x0 = _mm(self, base.x0)
        self.y0 = _mm(self, base.y0)
        self.dx = _mm(self, base.dx)
        self.dy = _mm(self, base.dy)
        self.columns = QSpinBox(self)
        self.columns.setRange(1, 100)
        self.columns.setValue(base.columns)
        self.rows = QSpinBox(self)
        self.rows.setRange(1, 100)
        self.rows.setValue(base.rows)
        self._fields = base.fields

        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.form = QFormLayout()
        self._captions: dict[str, QLabel] = {}
        pairs: list[tuple[str, QWidget, tuple[str, ...]]] = [
            ("name", self.name, ()),
            ("title", self.title, ()),
            ("kind", self.kind, ()),
            ("page.width", self.page_w, ("[page]",)),
            ("page.height", self.page_h, ()),
            ("label.width", self.label_w, ("[label]",)),
            ("label.height", self.label_h, ()),
            ("label.radius", self.radius, ()),
            ("layout.x0", self.x0, ("[layout]",)),
            ("layout.y0", self.y0, ()),
            ("layout.dx", self.dx, ()),
            ("layout.dy", self.dy, ()),
            ("layout.columns", self.columns, ()),
            ("layout.rows", self.rows, ()),
        ]
        for key, widget, aliases in pairs:
            caption = QLabel(self)
            self._captions[key] = caption
            self.form.addRow(caption, self.errors.wrap(key, widget, *aliases))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._retranslate()
        self._on_kind_currentIndexChanged(self.kind.currentIndex())

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._on_kind_currentIndexChanged)

    def data(self) -> dict:
        """The template as the dialog holds it, in the template file's form."""
        roll = self.kind.currentData() == "roll"
        w, h = self.label_w.value(), self.label_h.value()
        return {
            "name": self.name.text().strip(),
            "title": self.title.text().strip(),
            "title_zh": self.title.text().strip(),
            "kind": self.kind.currentData(),
            "fields": list(self._fields),
            "page": {
                "width": w if roll else self.page_w.value(),
                "height": h if roll else self.page_h.value(),
            },
            "label": {"width": w, "height": h, "radius": self.radius.value()},
            "layout": {
                "x0": 0.0 if roll else self.x0.value(),
                "y0": 0.0 if roll else self.y0.value(),
                "dx": w if roll else self.dx.value(),
                "dy": h if roll else self.dy.value(),
                "columns": 1 if roll else self.columns.value(),
                "rows": 1 if roll else self.rows.value(),
            },
        }

    def _on_kind_currentIndexChanged(self, _index: int) -> None:
        sheet = self.kind.currentData() == "sheet"
        for widget in (
            self.page_w,
            self.page_h,
            self.x0,
            self.y0,
            self.dx,
            self.dy,
            self.columns,
            self.rows,
        ):
            widget.setEnabled(sheet)

    def _on_buttons_accepted(self) -> None:
        self.errors.clear()
        try:
            self.saved = labels.save_custom_template(self.data())
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("New label template"))
        self.intro.setText(
            self.tr(
                "Measure the label sheet with a ruler, in millimetres from the top-left corner "
                "of the page. A roll holds one label per page."
            )
        )
        captions = {
            "name": self.tr("Short name (a-z, 0-9, -)"),
            "title": self.tr("Title"),
            "kind": self.tr("Kind"),
            "page.width": self.tr("Page width"),
            "page.height": self.tr("Page height"),
            "label.width": self.tr("Label width"),
            "label.height": self.tr("Label height"),
            "label.radius": self.tr("Corner radius"),
            "layout.x0": self.tr("Left edge of the first label"),
            "layout.y0": self.tr("Top edge of the first label"),
            "layout.dx": self.tr("Across: label to label"),
            "layout.dy": self.tr("Down: label to label"),
            "layout.columns": self.tr("Labels across"),
            "layout.rows": self.tr("Labels down"),
        }
        for key, text in captions.items():
            self._captions[key].setText(text)
        self.kind.setItemText(0, self.tr("Sheet (A4 and the like)"))
        self.kind.setItemText(1, self.tr("Roll (thermal printer)"))


class CalibrationDialog(QDialog):
    """Print the calibration page, measure how far off it lands, save the offset per printer."""

    def __init__(self, page: LabelsPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.printer_combo = QComboBox(self)
        names = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName()
        for name in names:
            self.printer_combo.addItem(name, name)
        if not names:
            self.printer_combo.addItem("—", "")
        self.printer_combo.setCurrentIndex(max(0, self.printer_combo.findData(default)))
        self.offset_x = _mm(self, 0.0, -labels.MAX_OFFSET, labels.MAX_OFFSET)
        self.offset_y = _mm(self, 0.0, -labels.MAX_OFFSET, labels.MAX_OFFSET)
        self.offset_x.setSingleStep(0.1)
        self.offset_y.setSingleStep(0.1)
        self.print_button = QPushButton(self)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("okMessage")
        self.saved_label.hide()
        self.general = error_label(self)
        self.errors = FieldErrors(self.general)
        self.form = QFormLayout()
        self.printer_caption = QLabel(self)
        self.x_caption = QLabel(self)
        self.y_caption = QLabel(self)
        self.form.addRow(self.printer_caption, self.printer_combo)
        self.form.addRow(self.x_caption, self.errors.wrap("offset_x", self.offset_x))
        self.form.addRow(self.y_caption, self.errors.wrap("offset_y", self.offset_y))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addLayout(row)
        layout.addWidget(self.general)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._retranslate()
        self._on_printer_combo_currentIndexChanged(self.printer_combo.currentIndex())

    def _connect_signals(self) -> None:
        self.printer_combo.currentIndexChanged.connect(self._on_printer_combo_currentIndexChanged)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def printer_name(self) -> str:
        return self.printer_combo.currentData() or ""

    def save(self) -> tuple[float, float]:
        self.errors.clear()
        return labels.set_printer_offset(
            self.printer_name(), self.offset_x.value(), self.offset_y.value()
        )

    def _on_printer_combo_currentIndexChanged(self, _index: int) -> None:
        x, y = labels.printer_offset(self.printer_name())
        self.offset_x.setValue(x)
        self.offset_y.setValue(y)
        self.saved_label.hide()

    def _on_print_button_clicked(self) -> None:
        printer = self.page.choose_printer()
        if printer is not None:
            self.page.print_to(
                printer, calibration=True, offset=(self.offset_x.value(), self.offset_y.value())
            )

    def _on_buttons_accepted(self) -> None:
        try:
            self.save()
        except StorekeeperError as err:
            self.errors.show(err)
            return
        self.saved_label.setText(self.tr("Saved for this printer."))
        self.saved_label.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Calibrate the printer"))
        self.intro.setText(
            self.tr(
                "1. Print the calibration page on plain paper.\n"
                "2. Lay it on a sheet of labels and hold both against the light.\n"
                "3. If a cross sits 1.5 mm right of its label's centre, enter -1.5 across; "
                "if it sits 1 mm too low, enter -1 down. Print again to check, then save."
            )
        )
        self.printer_caption.setText(self.tr("Printer"))
        self.x_caption.setText(self.tr("Shift across (right +)"))
        self.y_caption.setText(self.tr("Shift down (down +)"))
        self.print_button.setText(self.tr("Print calibration page…"))
