"""Labels page (标签打印): choose template, slots and fields; preview, print at 100 %, save PDF.

The PDF is made and rendered off the UI thread (one job at a time: pypdfium2 is not
thread-safe); jobs get plain rows and settings and send back bytes and raw page images.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import (
    QEvent,
    QMarginsF,
    QObject,
    QRectF,
    QRunnable,
    QSizeF,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents import labels as label_doc
from app.documents.label_templates import FIELDS, LabelTemplate
from app.documents.labels import LabelRow
from app.domain import i18n
from app.domain.errors import StorageError, StorekeeperError
from app.domain.progress import Cancelled, Progress, silent
from app.gui.tasks import Task, run_task
from app.gui.widgets.forms import PageHeader, error_label
from app.services import catalogue, labels, lookup

PREVIEW_DPI = 110
PREVIEW_PAGES = 20  # pages shown in the preview; the PDF and the print hold them all
PRINT_DPI_MAX = 600
UPDATE_DELAY_MS = 250
# pypdfium2 is not thread-safe: everything that opens or renders a PDF with it holds this.
pdfium_lock = threading.Lock()


# --- work off the UI thread -------------------------------------------------------------------


@dataclass
class LabelJob:
    """Everything a job needs, as plain data."""

    rows: list[LabelRow]
    template: LabelTemplate
    fields: tuple[str, ...]
    skip: int = 0
    offset: tuple[float, float] = (0.0, 0.0)
    preview: bool = False  # only render the first pages (with label outlines) for the screen
    save_to: Path | None = None
    printer: QPrinter | None = None  # paint the pages into it (QPrinter may be used off-thread)
    calibration: bool = False
    generation: int = 0


@dataclass
class LabelResult:
    generation: int
    count: int
    pages: int
    pdf: bytes = b""
    images: list[tuple[int, int, bytes]] = field(default_factory=list)  # w, h, Grayscale8
    saved: Path | None = None
    printed: bool = False


class _JobSignals(QObject):
    done = Signal(object, str, object)  # runner, kind, LabelResult
    failed = Signal(object, str, object)  # runner, kind, the exception


class _Runner(QRunnable):
    def __init__(self, job: LabelJob, kind: str) -> None:
        super().__init__()
        self.job = job
        self.kind = kind
        self.signals = _JobSignals()

    def run(self) -> None:
        try:
            result = run_job(self.job)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which decides
            self.signals.failed.emit(self, self.kind, exc)
            return
        self.signals.done.emit(self, self.kind, result)


def _pdf_for(job: LabelJob, outline: bool, progress: Progress | None = None) -> bytes:
    if job.calibration:
        return label_doc.calibration(job.template, job.offset)
    return label_doc.render(
        job.rows,
        job.template,
        fields=job.fields,
        skip=job.skip,
        offset=job.offset,
        outline=outline,
        progress=progress,
    )


def run_job(job: LabelJob, progress: Progress | None = None) -> LabelResult:
    """Preview the labels, or make the PDF and save it or print it, as the job asks. Any thread.

    A preview makes only the pages it shows: a storeroom's worth of QR labels takes seconds
    to draw, and the page count is known from the template without drawing them.
    `progress` hears of the labels drawn and the pages printed, and may cancel (Cancelled):
    a cancelled save leaves no file, a cancelled print is aborted at the printer.
    """
    if job.preview:
        shown = replace(job, rows=job.rows[: _rows_on_pages(job, PREVIEW_PAGES)])
        outlined = _pdf_for(shown, outline=True)
        with pdfium_lock:
            images = _preview_images(job, outlined)
        return LabelResult(job.generation, len(job.rows), _pages(job), images=images)
    pdf = _pdf_for(job, outline=False, progress=progress)
    with pdfium_lock:
        return _use_pdf(job, pdf, progress)


def _first_label(job: LabelJob) -> int:
    """Where the first label goes: after the used labels of a sheet, as the PDF puts it."""
    t = job.template
    return max(0, job.skip) % t.per_page if t.kind == "sheet" else 0


def _rows_on_pages(job: LabelJob, pages: int) -> int:
    return max(0, pages * job.template.per_page - _first_label(job))


def _pages(job: LabelJob) -> int:
    if not job.rows:
        return 1  # the PDF of nothing is one empty page
    return job.template.position(len(job.rows) - 1 + _first_label(job))[0] + 1


def _preview_images(job: LabelJob, pdf: bytes) -> list[tuple[int, int, bytes]]:
    """The first PREVIEW_PAGES pages of `pdf` as grey images for the screen."""
    shown = pdfium.PdfDocument(pdf)
    try:
        # A small roll label is drawn larger, so its text can be read on screen.
        dpi = max(PREVIEW_DPI, min(250, 560 / (job.template.page_width / 25.4)))
        images = []
        for i in range(min(len(shown), PREVIEW_PAGES)):
            image = shown[i].render(scale=dpi / 72, grayscale=True).to_pil()
            images.append((image.width, image.height, image.tobytes()))
        return images
    finally:
        shown.close()


def _use_pdf(job: LabelJob, pdf: bytes, progress: Progress | None = None) -> LabelResult:
    doc = pdfium.PdfDocument(pdf)
    result = LabelResult(job.generation, len(job.rows), len(doc), pdf=pdf)
    try:
        if job.save_to is not None:
            # Written beside and renamed when whole: a full disk leaves no half a PDF.
            part = job.save_to.with_name(job.save_to.name + ".part")
            try:
                part.write_bytes(pdf)
                part.replace(job.save_to)
            finally:
                part.unlink(missing_ok=True)
            result.saved = job.save_to
        if job.printer is not None:
            paint_pages(doc, job.printer, job.template, progress)
            result.printed = True
    finally:
        doc.close()
    return result


def prepare_printer(printer: QPrinter, template: LabelTemplate) -> None:
    """Paper of the template's page size, no margins, whole page addressable: 100 % scale."""
    size = QPageSize(
        QSizeF(template.page_width, template.page_height),
        QPageSize.Unit.Millimeter,
        template.name,
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setDocName(f"Storekeeper labels {template.name}")


def paint_pages(
    doc: pdfium.PdfDocument,
    printer: QPrinter,
    template: LabelTemplate,
    progress: Progress | None = None,
) -> None:
    """Each PDF page rendered at the printer's resolution and laid on the paper 1:1; when
    `progress` cancels, the print job is aborted (nothing more reaches the printer)."""
    report = progress or silent
    text = i18n.pick("正在送往打印机", "Sending to the printer")
    dpi = min(printer.resolution(), PRINT_DPI_MAX)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        device_dpi = printer.resolution()
        target = QRectF(
            0,
            0,
            template.page_width / 25.4 * device_dpi,
            template.page_height / 25.4 * device_dpi,
        )
        for i in range(len(doc)):
            try:
                report(i, len(doc), text)
            except Cancelled:
                printer.abort()
                raise
            if i:
                printer.newPage()
            # Crisp edges: a printer halftones grey, and smoothing only adds grey.
            bitmap = doc[i].render(
                scale=dpi / 72,
                grayscale=True,
                no_smoothtext=True,
                no_smoothpath=True,
                no_smoothimage=True,
                optimize_mode="print",
            )
            image = bitmap.to_pil()
            qimage = QImage(
                image.tobytes(),
                image.width,
                image.height,
                image.width,
                QImage.Format.Format_Grayscale8,
            )
            painter.drawImage(target, qimage)
    finally:
        painter.end()


# --- the page -----------------------------------------------------------------------------------


class SlotColumn:
    SLOT, ZONE, HOLDS, LOTS = range(4)


class LabelsPage(QWidget):
    """Options and slots on the left, the preview on the right; Print is the primary action."""

    job_finished = Signal(str)  # "preview", "save", "print"; tests and the status bar listen
    message = Signal(str)  # a line for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._templates: list[LabelTemplate] = []
        self._zones: list[tuple[str, str]] = []
        # The shared pool, not one owned by the page: a page-owned pool waits for its worker
        # when the page is deleted, and that wait can deadlock with the worker on the GIL.
        self._pool = QThreadPool.globalInstance()
        self._generation = 0
        self._busy = 0
        self._runners: list[_Runner] = []
        self._last: LabelResult | None = None
        self._page_index = 0
        self._loading = False
        self._stale = True
        self._lot_filter: list[int] | None = None

        self.header = PageHeader(self, with_primary=True)
        self.save_button = QPushButton(self)
        self.header.add_widget(self.save_button)
        self.print_button = self.header.primary
        assert self.print_button is not None

        # What to print on
        self.template_box = QGroupBox(self)
        self.template_combo = QComboBox(self.template_box)
        self.template_info = QLabel(self.template_box)
        self.template_info.setObjectName("muted")
        self.new_template_button = QPushButton(self.template_box)
        self.delete_template_button = QPushButton(self.template_box)
        self.calibrate_button = QPushButton(self.template_box)
        self.start_label = QLabel(self.template_box)
        self.start_spin = QSpinBox(self.template_box)
        self.start_spin.setMinimum(1)
        self.start_spin.setMaximumWidth(110)
        grid = QGridLayout(self.template_box)
        grid.addWidget(self.template_combo, 0, 0, 1, 4)
        grid.addWidget(self.template_info, 1, 0, 1, 4)
        grid.addWidget(self.start_label, 2, 0)
        grid.addWidget(self.start_spin, 2, 1)
        grid.addWidget(self.new_template_button, 3, 0, 1, 2)
        grid.addWidget(self.delete_template_button, 3, 2)
        grid.addWidget(self.calibrate_button, 3, 3)
        grid.setColumnStretch(3, 1)

        # Which labels
        self.which_box = QGroupBox(self)
        self.all_radio = QRadioButton(self.which_box)
        self.zone_radio = QRadioButton(self.which_box)
        self.chosen_radio = QRadioButton(self.which_box)
        self.which_group = QButtonGroup(self)
        for n, radio in enumerate((self.all_radio, self.zone_radio, self.chosen_radio)):
            self.which_group.addButton(radio, n)
        self.all_radio.setChecked(True)
        self.zone_combo = QComboBox(self.which_box)
        self.empty_check = QCheckBox(self.which_box)
        which = QGridLayout(self.which_box)
        which.addWidget(self.all_radio, 0, 0)
        which.addWidget(self.zone_radio, 0, 1)
        which.addWidget(self.zone_combo, 0, 2)
        which.addWidget(self.chosen_radio, 1, 0, 1, 2)
        which.addWidget(self.empty_check, 2, 0, 1, 3)
        which.setColumnStretch(2, 1)

        # What each label shows
        self.fields_box = QGroupBox(self)
        self.field_checks: dict[str, QCheckBox] = {}
        fields_grid = QGridLayout(self.fields_box)
        for n, name in enumerate(FIELDS):
            check = QCheckBox(self.fields_box)
            self.field_checks[name] = check
            fields_grid.addWidget(check, n // 4, n % 4)

        self.summary = QLabel(self)
        self.summary.setObjectName("detailTitle")
        self.summary.setWordWrap(True)
        self.error = error_label(self)

        # The slots, to tick a selection
        self.slot_search = QLineEdit(self)
        self.slot_search.setClearButtonEnabled(True)
        self.slot_table = QTableWidget(0, 4, self)
        self.slot_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.slot_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.slot_table.verticalHeader().hide()
        self.slot_table.setAlternatingRowColors(True)
        self.slot_table.setSortingEnabled(True)
        head = self.slot_table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(SlotColumn.HOLDS, QHeaderView.ResizeMode.Stretch)
        self.slot_table.setColumnWidth(SlotColumn.SLOT, 120)
        self.slot_table.setColumnWidth(SlotColumn.ZONE, 130)
        self.slot_table.setColumnWidth(SlotColumn.LOTS, 60)
        self.slot_table.setMinimumHeight(180)
        self.slot_table.sortByColumn(SlotColumn.SLOT, Qt.SortOrder.AscendingOrder)

        # Preview
        self.preview_label = QLabel(self)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setObjectName("labelPreview")
        self.preview_scroll = QScrollArea(self)
        self.preview_scroll.setWidget(self.preview_label)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setMinimumWidth(360)
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.page_label = QLabel(self)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pager = QHBoxLayout()
        pager.addWidget(self.prev_button)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_button)

        options = QWidget(self)
        left = QVBoxLayout(options)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(10)
        left.addWidget(self.template_box)
        left.addWidget(self.which_box)
        left.addWidget(self.fields_box)
        left.addWidget(self.slot_search)
        left.addWidget(self.slot_table, 1)
        preview = QWidget(self)
        right = QVBoxLayout(preview)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.summary)
        right.addWidget(self.error)
        right.addWidget(self.preview_scroll, 1)
        right.addLayout(pager)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(options)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.setInterval(UPDATE_DELAY_MS)
        self.print_shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)

        self._retranslate()
        self.refresh()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.print_shortcut.activated.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_shortcut.activated.connect(self._on_save_button_clicked)
        self.template_combo.currentIndexChanged.connect(self._on_template_combo_currentIndexChanged)
        self.new_template_button.clicked.connect(self._on_new_template_button_clicked)
        self.delete_template_button.clicked.connect(self._on_delete_template_button_clicked)
        self.calibrate_button.clicked.connect(self._on_calibrate_button_clicked)
        self.start_spin.valueChanged.connect(self._on_option_changed)
        self.which_group.idToggled.connect(self._on_which_group_idToggled)
        self.zone_combo.currentIndexChanged.connect(self._on_option_changed)
        self.empty_check.toggled.connect(self._on_option_changed)
        for check in self.field_checks.values():
            check.toggled.connect(self._on_field_check_toggled)
        self.slot_search.textChanged.connect(self._on_slot_search_textChanged)
        self.slot_table.itemChanged.connect(self._on_slot_table_itemChanged)
        self.prev_button.clicked.connect(self._on_prev_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self._update_timer.timeout.connect(self._on_update_timer_timeout)

    # --- public -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload templates, zones and slots from the books, keeping the choices."""
        self._loading = True
        try:
            keep = self.template_combo.currentData() or labels.last_template()
            self._templates = labels.templates()
            self.template_combo.blockSignals(True)
            self.template_combo.clear()
            for t in self._templates:
                self.template_combo.addItem(t.display_title(), t.name)
            self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(keep)))
            self.template_combo.blockSignals(False)
            zone = self.zone_combo.currentData()
            self.zone_combo.blockSignals(True)
            self.zone_combo.clear()
            for z in catalogue.zones():
                self.zone_combo.addItem(f"{z.code}  {z.name}", z.code)
            self.zone_combo.setCurrentIndex(max(0, self.zone_combo.findData(zone)))
            self.zone_combo.blockSignals(False)
            self._fill_slots()
            self._show_template()
        finally:
            self._loading = False
        self.schedule_update()

    def template(self) -> LabelTemplate:
        name = self.template_combo.currentData()
        return next(t for t in self._templates if t.name == name)

    def set_template(self, name: str) -> None:
        index = self.template_combo.findData(name)
        if index >= 0:
            self.template_combo.setCurrentIndex(index)

    def show_slots(
        self, slot_ids: Sequence[int], *, lots_only: Sequence[int] | None = None
    ) -> None:
        """Tick exactly these slots and print 'the selection' (after a receipt, or a reprint)."""
        self._lot_filter = list(lots_only) if lots_only is not None else None
        wanted = set(slot_ids)
        self.slot_table.blockSignals(True)
        for row in range(self.slot_table.rowCount()):
            item = self.slot_table.item(row, SlotColumn.SLOT)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else (Qt.CheckState.Unchecked)
            )
            item.setCheckState(state)
        self.slot_table.blockSignals(False)
        self.chosen_radio.setChecked(True)
        self.update_now()

    def chosen_slot_ids(self) -> list[int]:
        out = []
        for row in range(self.slot_table.rowCount()):
            item = self.slot_table.item(row, SlotColumn.SLOT)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def fields(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if self.field_checks[f].isChecked())

    def skip(self) -> int:
        t = self.template()
        return self.start_spin.value() - 1 if t.kind == "sheet" else 0

    def rows(self) -> list[LabelRow]:
        """The labels the current choices make (read from the books now)."""
        if self.all_radio.isChecked():
            ids = labels.slot_ids(all_slots=True)
        elif self.zone_radio.isChecked():
            zone = self.zone_combo.currentData()
            ids = labels.slot_ids(zone=zone) if zone else []
        else:
            ids = self.chosen_slot_ids()
        lots = self._lot_filter if self.chosen_radio.isChecked() else None
        return labels.label_rows(ids, include_empty=self.empty_check.isChecked(), lot_ids=lots)

    def schedule_update(self) -> None:
        """Remake the preview soon; a hidden page waits until it is shown (no work for nothing)."""
        if not self.isVisible():
            self._stale = True
            self._update_timer.stop()
            return
        self._update_timer.start()

    def update_now(self) -> None:
        """Remake the preview at once (tests; after show_slots)."""
        self._update_timer.stop()
        self._start_preview()

    def busy(self) -> bool:
        return self._busy > 0

    def last_result(self) -> LabelResult | None:
        return self._last

    def save_pdf_to(self, path: Path) -> Task:
        """Write the labels as they are chosen now to `path` (off the UI thread, with progress
        and Cancel)."""
        return self._run_with_progress(self._job(save_to=Path(path)), "save")

    def print_to(
        self,
        printer: QPrinter,
        *,
        calibration: bool = False,
        offset: tuple[float, float] | None = None,
    ) -> Task:
        """Print on `printer` at 100 % with that printer's calibration offset (off the UI
        thread, with progress and Cancel)."""
        t = self.template()
        prepare_printer(printer, t)
        shift = offset if offset is not None else labels.printer_offset(printer.printerName())
        job = self._job(printer=printer, offset=shift, calibration=calibration)
        return self._run_with_progress(job, "print")

    def choose_printer(self) -> QPrinter | None:
        """The system print dialog; None when cancelled. (Tests replace this.)"""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.template())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return printer

    def confirm_many(self, count: int) -> bool:
        """Ask before printing many labels. (Tests replace this.)"""
        answer = QMessageBox.question(
            self,
            self.tr("Print labels"),
            self.tr("Print {n} labels? Check the paper in the printer first.").format(n=count),
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- jobs ---------------------------------------------------------------------------------

    def _job(self, **kw: object) -> LabelJob:
        t = self.template()
        rows = [] if kw.get("calibration") else self.rows()
        return LabelJob(rows, t, self.fields(), self.skip(), **kw)  # type: ignore[arg-type]

    def _start_preview(self) -> None:
        if self._loading or not self._templates:
            return
        try:
            job = self._job(preview=True)
        except StorekeeperError as err:
            self._show_error(err)
            return
        self._generation += 1
        job.generation = self._generation
        self._stale = False
        # A preview still waiting its turn is not wanted any more.
        for runner in [r for r in self._runners if r.kind == "preview"]:
            if self._pool.tryTake(runner):
                self._finish(runner)
        self._run(job, "preview")

    def _run(self, job: LabelJob, kind: str) -> None:
        runner = _Runner(job, kind)
        runner.setAutoDelete(False)
        self._runners.append(runner)
        self._busy += 1
        self._set_busy_look()
        # Bound methods: Qt drops the connection if the page is gone before the job ends.
        runner.signals.done.connect(self._on_job_done)
        runner.signals.failed.connect(self._on_job_failed)
        self._pool.start(runner)

    def _run_with_progress(self, job: LabelJob, kind: str) -> Task:
        """Saving and printing: the progress dialog with Cancel (gui/tasks), one at a time."""
        self._busy += 1
        self._set_busy_look()
        title = self.tr("Saving the labels") if kind == "save" else self.tr("Printing the labels")

        def work(progress: Progress) -> LabelResult:
            try:
                return run_job(job, progress)
            except OSError as exc:  # the disk or the printer said no: the user's to fix
                raise StorageError(
                    f"无法写入或打印：{exc}", f"Could not write or print: {exc}"
                ) from exc

        def done(result: LabelResult) -> None:
            self._on_result(kind, result)

        def failed(err: StorekeeperError) -> None:
            self._show_error(err)
            self.job_finished.emit(kind)

        def ended() -> None:
            self._busy -= 1
            self._set_busy_look()

        task = run_task(self, title, work, on_done=done, on_error=failed)
        task.ended.connect(ended)
        task.cancelled.connect(lambda: self.job_finished.emit(kind))
        return task

    def _finish(self, runner: _Runner) -> None:
        if runner in self._runners:
            self._runners.remove(runner)
        self._busy -= 1
        self._set_busy_look()

    def _on_job_done(self, runner: _Runner, kind: str, result: LabelResult) -> None:
        self._finish(runner)
        self._on_result(kind, result)

    def _on_result(self, kind: str, result: LabelResult) -> None:
        if kind == "preview":
            if result.generation != self._generation:
                return  # the choices changed while it ran; a newer preview is on its way
            self._last = result
            self._page_index = min(self._page_index, max(0, len(result.images) - 1))
            self._show_preview()
        elif kind == "save" and result.saved:
            self.message.emit(self.tr("Saved {path}").format(path=result.saved))
        elif kind == "print":
            self.message.emit(self.tr("{n} labels sent to the printer").format(n=result.count))
        self.job_finished.emit(kind)

    def _on_job_failed(self, runner: _Runner, kind: str, exc: BaseException) -> None:
        self._finish(runner)
        if isinstance(exc, StorekeeperError):
            self._show_error(exc)
        elif isinstance(exc, OSError):
            self.error.setText(self.tr("Could not write or print: {text}").format(text=str(exc)))
            self.error.show()
        else:
            raise exc  # a bug: the crash dialog says where the log is
        self.job_finished.emit(kind)

    def _set_busy_look(self) -> None:
        working = self._busy > 0
        self.print_button.setEnabled(not working)
        self.save_button.setEnabled(not working)
        if working:
            self.summary.setText(self.tr("Making the labels…"))

    # --- showing ------------------------------------------------------------------------------

    def _show_error(self, err: StorekeeperError) -> None:
        self.error.setText(str(err))
        self.error.show()

    def _show_template(self) -> None:
        if not self._templates:
            return
        t = self.template()
        if t.kind == "sheet":
            info = self.tr("{size}, {cols} × {rows} = {n} labels a sheet").format(
                size=t.size_text(), cols=t.columns, rows=t.rows, n=t.per_page
            )
        else:
            info = self.tr("{size}, thermal roll, one label a page").format(size=t.size_text())
        if t.custom:
            info += " · " + self.tr("your own template")
        self.template_info.setText(info)
        self.start_spin.setMaximum(t.per_page)
        self.start_spin.setEnabled(t.kind == "sheet")
        self.start_label.setEnabled(t.kind == "sheet")
        self.delete_template_button.setEnabled(t.custom)
        chosen = labels.fields_for(t)
        for name, check in self.field_checks.items():
            check.blockSignals(True)
            check.setChecked(name in chosen)
            check.blockSignals(False)

    def _show_preview(self) -> None:
        result = self._last
        self.error.hide()
        if result is None:
            return
        t = self.template()
        if result.count == 0:
            self.summary.setText(self.tr("No labels: the chosen slots hold nothing."))
        elif t.kind == "sheet":
            self.summary.setText(
                self.tr("{n} labels on {pages} sheets").format(n=result.count, pages=result.pages)
            )
        else:
            self.summary.setText(self.tr("{n} labels").format(n=result.count))
        if not result.images or result.count == 0:
            self.preview_label.setPixmap(QPixmap())
            self.page_label.setText("")
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        w, h, data = result.images[self._page_index]
        image = QImage(data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        pixmap = QPixmap.fromImage(image)
        # Fit the page into the preview's width (never enlarge past the rendering).
        room = max(200, self.preview_scroll.viewport().width() - 24)
        if pixmap.width() > room:
            pixmap = pixmap.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
        self.preview_label.setPixmap(pixmap)
        shown = len(result.images)
        text = self.tr("Page {page} of {pages}").format(
            page=self._page_index + 1, pages=result.pages
        )
        if shown < result.pages:
            text += " " + self.tr("(preview shows the first {n})").format(n=shown)
        self.page_label.setText(text)
        self.prev_button.setEnabled(self._page_index > 0)
        self.next_button.setEnabled(self._page_index < shown - 1)

    def _fill_slots(self) -> None:
        chosen = set(self.chosen_slot_ids())
        held: dict[str, list[lookup.Holding]] = {}
        for h in lookup.holdings():
            held.setdefault(h.slot, []).append(h)
        slots = catalogue.slots()
        self.slot_table.blockSignals(True)
        self.slot_table.setSortingEnabled(False)
        self.slot_table.setRowCount(len(slots))
        for row, slot in enumerate(slots):
            here = held.get(slot.code, [])
            names = list(dict.fromkeys(h.item_name for h in here))
            code = QTableWidgetItem(slot.code)
            code.setData(Qt.ItemDataRole.UserRole, slot.id)
            code.setFlags(code.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            code.setCheckState(
                Qt.CheckState.Checked if slot.id in chosen else Qt.CheckState.Unchecked
            )
            lots = QTableWidgetItem()
            lots.setData(Qt.ItemDataRole.DisplayRole, len(here))
            holds = "、".join(names) if names else self.tr("(empty)")
            self.slot_table.setItem(row, SlotColumn.SLOT, code)
            self.slot_table.setItem(row, SlotColumn.ZONE, QTableWidgetItem(slot.zone.name))
            self.slot_table.setItem(row, SlotColumn.HOLDS, QTableWidgetItem(holds))
            self.slot_table.setItem(row, SlotColumn.LOTS, lots)
        self.slot_table.setSortingEnabled(True)
        self.slot_table.blockSignals(False)
        self._filter_slots(self.slot_search.text())

    def _filter_slots(self, text: str) -> None:
        term = text.strip().lower()
        for row in range(self.slot_table.rowCount()):
            words = " ".join(
                (self.slot_table.item(row, c).text() if self.slot_table.item(row, c) else "")
                for c in range(3)
            ).lower()
            self.slot_table.setRowHidden(row, bool(term) and term not in words)

    # --- slots --------------------------------------------------------------------------------

    def _on_option_changed(self, *_args: object) -> None:
        self.error.hide()
        self.schedule_update()

    def _on_template_combo_currentIndexChanged(self, _index: int) -> None:
        if self._loading or self.template_combo.currentData() is None:
            return
        self._show_template()
        labels.remember_template(self.template().name)
        self._page_index = 0
        self.schedule_update()

    def _on_field_check_toggled(self, _checked: bool) -> None:
        labels.set_fields(self.template(), self.fields())
        self.schedule_update()

    def _on_which_group_idToggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.zone_combo.setEnabled(self.zone_radio.isChecked())
            self._page_index = 0
            self.schedule_update()

    def _on_slot_search_textChanged(self, text: str) -> None:
        self._filter_slots(text)

    def _on_slot_table_itemChanged(self, item: QTableWidgetItem) -> None:
        if item.column() == SlotColumn.SLOT:
            self._lot_filter = None
            if not self.chosen_radio.isChecked():
                self.chosen_radio.setChecked(True)
            else:
                self.schedule_update()

    def _on_update_timer_timeout(self) -> None:
        self._start_preview()

    def _on_prev_button_clicked(self) -> None:
        self._page_index = max(0, self._page_index - 1)
        self._show_preview()

    def _on_next_button_clicked(self) -> None:
        if self._last is not None:
            self._page_index = min(len(self._last.images) - 1, self._page_index + 1)
        self._show_preview()

    def _on_print_button_clicked(self) -> None:
        if self.busy():
            return
        try:
            count = len(self.rows())
        except StorekeeperError as err:
            self._show_error(err)
            return
        if count == 0:
            self.error.setText(self.tr("Nothing to print: the chosen slots hold nothing."))
            self.error.show()
            return
        if count > labels.CONFIRM_ABOVE and not self.confirm_many(count):
            return
        printer = self.choose_printer()
        if printer is not None:
            self.print_to(printer)

    def _on_save_button_clicked(self) -> None:
        if self.busy():
            return
        name = f"labels-{self.template().name}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save labels as PDF"), str(Path.home() / name), self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_pdf_to(Path(path))

    def _on_new_template_button_clicked(self) -> None:
        from app.gui.dialogs.label_template import LabelTemplateDialog

        dialog = LabelTemplateDialog(self.template(), self)
        if dialog.exec() == LabelTemplateDialog.DialogCode.Accepted and dialog.saved:
            self.refresh()
            self.set_template(dialog.saved.name)

    def _on_delete_template_button_clicked(self) -> None:
        t = self.template()
        if not t.custom:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete template"),
            self.tr("Delete the template “{name}”?").format(name=t.display_title()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            labels.delete_custom_template(t.name)
            self.refresh()

    def _on_calibrate_button_clicked(self) -> None:
        from app.gui.dialogs.label_template import CalibrationDialog

        CalibrationDialog(self, self).exec()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.schedule_update()

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._templates:
                self.refresh()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.header.title.setText(self.tr("Shelf labels"))
        self.print_button.setText(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print the labels at 100 % scale (Ctrl+P)"))
        self.save_button.setText(self.tr("Save PDF…"))
        self.save_button.setToolTip(self.tr("Save the labels as a PDF file (Ctrl+S)"))
        self.template_box.setTitle(self.tr("Label sheet or roll"))
        self.new_template_button.setText(self.tr("New template…"))
        self.new_template_button.setToolTip(
            self.tr("Add a label sheet or roll of your own, measured in millimetres")
        )
        self.delete_template_button.setText(self.tr("Delete"))
        self.calibrate_button.setText(self.tr("Calibrate printer…"))
        self.calibrate_button.setToolTip(
            self.tr("Print a test page and correct where this printer puts the labels")
        )
        self.start_label.setText(self.tr("Start at label"))
        self.start_spin.setToolTip(
            self.tr("On a partly used sheet, the first free label (counted across, then down)")
        )
        self.which_box.setTitle(self.tr("Which labels"))
        self.all_radio.setText(self.tr("All slots"))
        self.zone_radio.setText(self.tr("One zone"))
        self.chosen_radio.setText(self.tr("The slots ticked below"))
        self.empty_check.setText(self.tr("Also empty slots (slot code and QR code only)"))
        self.fields_box.setTitle(self.tr("On each label (the slot code always)"))
        names = {
            "name": self.tr("Item name"),
            "spec": self.tr("Specification"),
            "batch": self.tr("Batch"),
            "expiry": self.tr("Expiry date"),
            "hazard": self.tr("Hazard mark"),
            "qr": self.tr("QR code"),
            "barcode": self.tr("Batch barcode"),
        }
        for name, check in self.field_checks.items():
            check.setText(names[name])
        self.slot_search.setPlaceholderText(self.tr("Find a slot, zone or item"))
        self.slot_table.setHorizontalHeaderLabels(
            [self.tr("Slot"), self.tr("Zone"), self.tr("Holds"), self.tr("Lots")]
        )
        self.prev_button.setText(self.tr("◀ Previous page"))
        self.next_button.setText(self.tr("Next page ▶"))
        self._show_preview()
