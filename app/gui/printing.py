"""Print, preview and save paper forms: PDF pages rendered with pypdfium2 into a QPrinter.

The PDF made by app.documents is the one truth; printing draws its pages at the printer's
resolution, fitted to the printable area with the page's own orientation.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.domain.errors import BadInput, StorekeeperError
from app.gui.tasks import Task, run_task

PRINT_DPI_MAX = 300


def prepare_printer(printer: QPrinter, pdf: bytes, title: str) -> None:
    """A4 in the orientation of the PDF's first page."""
    doc = pdfium.PdfDocument(pdf)
    try:
        w, h = doc[0].get_size()
    finally:
        doc.close()
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    )
    printer.setDocName(title)


def render_to_printer(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of `pdf` onto `printer`; returns the number of pages."""
    doc = pdfium.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise OSError("the printer could not be started")
    try:
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        target = QRectF(0, 0, area.width(), area.height())
        for i in range(len(doc)):
            if i:
                printer.newPage()
            bitmap = doc[i].render(scale=dpi / 72, prefer_bgrx=True, optimize_mode="print")
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB32,
            ).copy()
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF((target.width() - w) / 2, 0, w, h), image)
        return len(doc)
    finally:
        painter.end()
        doc.close()


def print_pdf(pdf: bytes, title: str, parent: QWidget | None = None) -> bool:
    """The system print dialog, then the pages; False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, pdf, title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render_to_printer(pdf, printer)
    return True


def preview_pdf(pdf: bytes, title: str, parent: QWidget | None = None) -> None:
    """Qt's print preview (zoom, page setup, print from there)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, pdf, title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda p: render_to_printer(pdf, p))
    dialog.exec()


def ask_pdf_path(suggested: str, parent: QWidget | None = None) -> Path | None:
    """The save dialog for a PDF; None when the user cancelled."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Printing", "Save as PDF"), suggested, "PDF (*.pdf)"
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def write_pdf_file(pdf: bytes, path: Path) -> Path:
    """Write the bytes whole or not at all (a partial file is removed); a disk problem is said."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(pdf)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(
            f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}", field="file"
        ) from exc
    return path


def save_pdf(pdf: bytes, suggested: str, parent: QWidget | None = None) -> Path | None:
    """Ask where, then write the PDF; None when the user cancelled."""
    path = ask_pdf_path(suggested, parent)
    return write_pdf_file(pdf, path) if path is not None else None


def save_pdf_in_background(
    make_pdf: Callable[[], bytes],
    suggested: str,
    parent: QWidget | None = None,
    *,
    on_saved: Callable[[Path], None] | None = None,
    on_error: Callable[[StorekeeperError], None] | None = None,
) -> Task | None:
    """Ask where, then build and write the PDF off the UI thread (DESIGN rule 6); None when
    the user cancelled the dialog. `make_pdf` runs on a pool thread: it gets ids, not widgets."""
    path = ask_pdf_path(suggested, parent)
    if path is None:
        return None
    return run_task(
        parent,
        QCoreApplication.translate("Printing", "Save as PDF"),
        lambda _progress: write_pdf_file(make_pdf(), path),
        on_done=on_saved,
        on_error=on_error,
    )
