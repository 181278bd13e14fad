"""The bundled CJK font, registered once with reportlab so every PDF embeds it (subset)."""

from __future__ import annotations

import threading
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app import paths

FONT = "StorekeeperHei"

# reportlab keeps one subset table per registered TrueType font, filled while a PDF is built and
# read when it is saved: two PDFs built at once in two threads corrupt each other (KeyError in
# makeSubset). Whoever builds a PDF off the UI thread holds this lock while doing so.
pdf_lock = threading.RLock()


@cache
def register() -> str:
    """Register Storekeeper Hei with reportlab (idempotent); returns the font name to use."""
    pdfmetrics.registerFont(TTFont(FONT, str(paths.font_path())))
    return FONT


def string_width(text: str, size: float) -> float:
    """Width in points of `text` set in the bundled font at `size`."""
    return pdfmetrics.stringWidth(text, register(), size)
