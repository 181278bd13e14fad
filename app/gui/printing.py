"""Print, preview and save paper forms: PDF pages rendered with pypdfium2 into a QPrinter.

The PDF made by app.documents is the one truth; printing draws its pages at the printer's
resolution, fitted to the printable area with the page's own orientation.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

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


def save_pdf(pdf: bytes, suggested: str, parent: QWidget | None = None) -> Path | None:
    """Ask where, then write the PDF; None when the user cancelled."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Printing", "Save as PDF"), suggested, "PDF (*.pdf)"
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    path.write_bytes(pdf)
    return path
