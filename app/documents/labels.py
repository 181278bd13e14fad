"""Shelf labels as a PDF: one function turns label rows and a template into pages (reportlab).

A label shows the slot code large, the item name (shrunk to fit, two lines at most), spec, batch,
expiry (marked 已过期 when expired), a hazard mark, the QR code of the payload and, where there
is room, a Code128 of the batch. Every piece is measured before it is drawn, so nothing runs past
its label: a text that does not fit even at the smallest size is cut with "…", and optional
pieces (barcode, spec) are dropped before the rest gets too small. The same code serves the GUI,
the command line and the calibration page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.documents import fonts
from app.documents.label_templates import FIELDS, LabelTemplate
from app.domain import codes, i18n
from app.domain import expiry as expiry_rules
from app.domain.progress import Progress, report_every

PT_PER_MM = mm  # 2.8346 points in a millimetre
MIN_QR_ROLL = 15.0  # mm: what a phone and a cheap scanner read from a thermal label
MIN_TEXT = 1.6  # mm: the smallest text we print (about 4.5 pt)
EXPIRED_WORD = "已过期"
BATCH_WORD = "批号"
EXPIRY_WORD = "有效期"


@dataclass(frozen=True)
class LabelRow:
    """One label: a lot on a slot, or an empty slot (item_code None). Texts as stored."""

    slot: str
    payload: str
    item_code: str | None = None
    item_name: str = ""
    spec: str = ""
    batch: str | None = None
    expiry: date | None = None
    hazard: str = "none"


@dataclass(frozen=True)
class TextRun:
    """A piece of text as placed: its box in mm from the label's top-left, and its font size."""

    text: str
    x: float
    top: float
    size: float  # mm (em height)
    width: float  # mm, measured with the font's metrics
    style: str = ""  # "", "bold", or "inverse" (white on a black badge)

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass
class LabelLayout:
    """Where everything on one label goes, in mm from the label's top-left corner."""

    width: float
    height: float
    texts: list[TextRun] = field(default_factory=list)
    boxes: list[Badge] = field(default_factory=list)  # black boxes under white words
    qr: tuple[float, float, float] | None = None  # x, top, side
    barcode: tuple[float, float, float, float] | None = None  # x, top, bar width, height


def _width(text: str, size_mm: float) -> float:
    return fonts.string_width(text, size_mm * PT_PER_MM) / PT_PER_MM


def _ascent(size_mm: float) -> float:
    asc, _desc = pdfmetrics.getAscentDescent(fonts.register(), 1000)
    return size_mm * asc / 1000


def fit_size(text: str, width: float, size: float, minimum: float = MIN_TEXT) -> float:
    """The largest size ≤ `size` at which `text` fits `width` (mm), but not below `minimum`."""
    if not text:
        return size
    natural = _width(text, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural * 0.999)


def cut(text: str, width: float, size: float) -> str:
    """`text`, cut with '…' so that it fits `width` (mm) at `size`."""
    if _width(text, size) <= width:
        return text
    while text and _width(text + "…", size) > width:
        text = text[:-1]
    return text + "…" if text else ""


def wrap(text: str, width: float, size: float, lines: int) -> list[str] | None:
    """`text` broken into at most `lines` lines that fit `width`, or None when it cannot.

    Chinese breaks between any two characters; a Latin word is kept whole where it can be.
    """
    out: list[str] = []
    rest = text.strip()
    while rest:
        if len(out) == lines:
            return None
        if _width(rest, size) <= width:
            out.append(rest)
            break
        n = len(rest)
        while n > 1 and _width(rest[:n], size) > width:
            n -= 1
        if _width(rest[:n], size) > width:
            return None
        # Do not split inside a run of Latin letters/digits when a space is near.
        space = rest.rfind(" ", 0, n + 1)
        if rest[n - 1 : n + 1].isascii() and rest[n - 1 : n + 1].isalnum() and space > 0:
            n = space
        out.append(rest[:n].rstrip())
        rest = rest[n:].lstrip()
    return out


def wrap_cut(text: str, width: float, size: float, lines: int) -> list[str]:
    """`text` over at most `lines` lines at `size`, the last one cut with '…' if need be."""
    out: list[str] = []
    rest = text.strip()
    while rest and len(out) < lines - 1:
        n = len(rest)
        while n > 1 and _width(rest[:n], size) > width:
            n -= 1
        out.append(rest[:n])
        rest = rest[n:].lstrip()
    if rest:
        out.append(cut(rest, width, size))
    return out


@lru_cache(maxsize=4096)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules of `payload` (error correction M, no quiet zone; the layout leaves one)."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    qr.add_data(payload.encode("ascii"), optimize=0)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def _padding(t: LabelTemplate) -> float:
    return min(3.0, max(1.5, min(t.label_width, t.label_height) * 0.07))


def _qr_side(t: LabelTemplate, text_heavy: bool) -> float:
    pad = _padding(t)
    room = t.label_height - 2 * pad
    side = min(room, t.label_width * (0.42 if text_heavy else 0.55), 32.0)
    if t.kind == "roll":
        side = max(side, min(MIN_QR_ROLL, room))
    return side


def layout(row: LabelRow, t: LabelTemplate, fields: Sequence[str], today: date) -> LabelLayout:
    """Place the pieces of one label; pure arithmetic, nothing is drawn."""
    w, h = t.label_width, t.label_height
    pad = _padding(t)
    out = LabelLayout(w, h)
    has_lot = row.item_code is not None
    wanted = [f for f in FIELDS if f in fields]
    text_fields = [f for f in ("name", "spec", "batch", "expiry") if f in wanted] if has_lot else []
    col_x, col_right = pad, w - pad
    if "qr" in wanted:
        side = _qr_side(t, bool(text_fields))
        qr_x = w - pad - side
        out.qr = (qr_x, (h - side) / 2, side)
        col_right = qr_x - max(pad, 1.5)
    col_w = col_right - col_x
    avail_h = h - 2 * pad

    # Header: slot code, with the hazard mark at its right.
    badge = ""
    if has_lot and "hazard" in wanted and row.hazard != "none":
        badge = HAZARD_WORDS.get(row.hazard, codes.label(row.hazard))
    slot_only = not text_fields
    slot_target = min(avail_h * (0.5 if slot_only else 0.22), 12.0 if slot_only else 8.0)
    expired = (
        row.expiry is not None and expiry_rules.status(row.expiry, today) == expiry_rules.EXPIRED
    )
    sizes = Sizes(slot_target, min(h * 0.095, 4.6), min(h * 0.07, 3.4), min(h * 0.09, 4.4))
    # Crowded labels first shrink a little, then lose pieces in this order, then shrink more.
    allowed = ["barcode", "spec", "name2", "batch"]
    floors = (0.84, 0.76, 0.68, 0.6, 0.6)
    for floor in floors:
        for scale in (1.0, 0.92, 0.84, 0.76, 0.68, 0.6):
            if scale < floor:
                break
            plan = _plan(
                row,
                wanted,
                text_fields,
                col_x,
                col_w,
                avail_h,
                pad,
                sizes.scaled(scale),
                badge,
                expired,
                allowed,
            )
            if plan is not None:
                out.texts, out.boxes, out.barcode = plan
                return out
        if allowed:
            allowed.pop(0)
    # Last resort: the slot code alone, as big as fits.
    size = fit_size(row.slot, col_w, min(avail_h, slot_target))
    text = cut(row.slot, col_w, size)
    out.texts = [TextRun(text, col_x, (h - size) / 2, size, _width(text, size), "bold")]
    return out


@dataclass(frozen=True)
class Sizes:
    """Text sizes in mm: slot code, item name, small lines (spec, batch), expiry."""

    slot: float
    name: float
    small: float
    expiry: float

    def scaled(self, k: float) -> Sizes:
        return Sizes(self.slot * k, self.name * k, self.small * k, self.expiry * k)


HAZARD_WORDS = {"flammable": "易燃", "oxidizing": "氧化", "corrosive": "腐蚀", "toxic": "有毒"}
LEADING = 0.22
BADGE_RATIO = (
    0.62  # hazard mark size to slot code size  # extra space between lines, as a share of the size
)


Badge = tuple[float, float, float, float]  # x, top, width, height of a black box (mm)


def _plan(
    row: LabelRow,
    wanted: list[str],
    text_fields: list[str],
    x: float,
    col_w: float,
    avail_h: float,
    pad: float,
    sizes: Sizes,
    badge: str,
    expired: bool,
    allowed: list[str],
) -> tuple[list[TextRun], list[Badge], tuple[float, float, float, float] | None] | None:
    """Stack the pieces top to bottom; None when they do not fit `avail_h` at these sizes."""
    # Each line: a list of (text, size, style); style "badge" is white text on a black box.
    lines: list[list[tuple[str, float, str]]] = []

    # The slot code and the hazard mark share the first line and shrink together; when that
    # makes them too small (a long slot code on a narrow label) the mark gets a line of its own.
    per_mm = _width(row.slot, 1.0) + ((_width(badge, 1.0) + 0.6) * BADGE_RATIO if badge else 0.0)
    size = min(sizes.slot, (col_w - (1.0 if badge else 0.0)) / per_mm * 0.999)
    badge_own_line = bool(badge) and size < sizes.slot * 0.75
    if badge_own_line:
        size = fit_size(row.slot, col_w, sizes.slot, 0.0)
    if size < MIN_TEXT:
        return None
    badge_size = size * BADGE_RATIO
    badge_w = _width(badge, badge_size) + badge_size * 0.6 if badge else 0.0
    header = [(row.slot, size, "bold")]
    lines.append(header)
    if badge_own_line:
        s = fit_size(badge, col_w - sizes.expiry * 0.6, sizes.expiry)
        if s < MIN_TEXT:
            return None
        lines.append([(badge, s, "badge")])
        badge = ""

    if "name" in text_fields and row.item_name:
        max_lines = 2 if "name2" in allowed else 1
        # One line if a little shrinking does it, else two lines, shrinking further.
        placed = None
        s = sizes.name
        while s >= max(MIN_TEXT, sizes.name * 0.8):
            placed = wrap(row.item_name, col_w, s, 1)
            if placed:
                break
            s *= 0.95
        s = sizes.name if not placed else s
        while not placed and s >= max(MIN_TEXT, sizes.name * 0.55):
            placed = wrap(row.item_name, col_w, s, max_lines)
            if placed:
                break
            s *= 0.92
        if not placed:
            s = max(MIN_TEXT, sizes.name * 0.55)
            placed = wrap_cut(row.item_name, col_w, s, max_lines)
        lines.extend([(line, s, "")] for line in placed)
    if "spec" in text_fields and row.spec and "spec" in allowed:
        s = fit_size(row.spec, col_w, sizes.small)
        lines.append([(cut(row.spec, col_w, s), s, "")])
    if "batch" in text_fields and row.batch and "batch" in allowed:
        text = f"{BATCH_WORD} {row.batch}"
        s = fit_size(text, col_w, sizes.small)
        lines.append([(cut(text, col_w, s), s, "")])
    if "expiry" in text_fields and row.expiry is not None:
        expiry_date = row.expiry
        date_text = f"{EXPIRY_WORD} {expiry_date.isoformat()}"
        s = sizes.expiry
        mark = (_width(EXPIRED_WORD, s) + s * 0.6 + 1.0) if expired else 0.0
        if _width(date_text, s) + mark <= col_w:
            lines.append(
                [(date_text, s, "bold")] + ([(EXPIRED_WORD, s, "badge")] if expired else [])
            )
        elif fit_size(date_text, col_w, s) < s * 0.8:
            # A narrow label: the word on its own line, so the date itself stays big.
            lines.append([(EXPIRY_WORD, fit_size(EXPIRY_WORD, col_w, sizes.small), "")])
            d = expiry_date.isoformat()
            s = fit_size(d, col_w, s)
            lines.append([(cut(d, col_w, s), s, "bold")])
            if expired:
                lines.append([(EXPIRED_WORD, fit_size(EXPIRED_WORD, col_w - s * 0.6, s), "badge")])
        else:
            s = fit_size(date_text, col_w, s)
            lines.append([(cut(date_text, col_w, s), s, "bold")])
            if expired:
                lines.append([(EXPIRED_WORD, fit_size(EXPIRED_WORD, col_w - s * 0.6, s), "badge")])

    line_sizes = [max(p[1] for p in line) for line in lines]
    used = sum(line_sizes) * (1 + LEADING) - line_sizes[-1] * LEADING
    barcode = None
    if "barcode" in wanted and "barcode" in allowed and row.batch and row.batch.isascii():
        room = avail_h - used - 1.0
        for module in (0.5, 0.375, 0.33, 0.25):
            bars = Code128(row.batch, barWidth=module * PT_PER_MM, quiet=False).width / PT_PER_MM
            # Quiet zones of ten modules: the padding counts on the left, the gap on the right.
            if bars + 10 * module <= col_w + pad and room >= 5.0:
                barcode = (x + max(0.0, (col_w - bars) / 2), 0.0, module, min(room, 9.0))
                break
    total = used + (barcode[3] + 1.0 if barcode else 0.0)
    if total > avail_h + 1e-6:
        return None

    # Spread some of the leftover height between the lines; an empty-slot label is centred.
    gaps = len(lines) - 1 + (1 if barcode else 0)
    spare = min((avail_h - total) / gaps, sizes.slot * 0.35) if gaps else 0.0
    block = total + spare * gaps
    top = pad if text_fields else pad + (avail_h - block) / 2
    texts: list[TextRun] = []
    boxes: list[Badge] = []
    for line, line_size in zip(lines, line_sizes, strict=True):
        cx = x
        for text, s, style in line:
            t = top + (line_size - s) / 2
            if style == "badge":
                cx += 1.0 if cx > x else 0.0
                bw = _width(text, s) + s * 0.6
                boxes.append((cx, t - s * 0.08, bw, s * 1.16))
                texts.append(TextRun(text, cx + s * 0.3, t, s, _width(text, s), "inverse"))
                cx += bw
            else:
                texts.append(TextRun(text, cx, t, s, _width(text, s), style))
                cx += _width(text, s)
        if line is header and badge:
            bx, bt = x + col_w - badge_w, top + (line_size - badge_size) / 2
            boxes.append((bx, bt - badge_size * 0.08, badge_w, badge_size * 1.16))
            texts.append(
                TextRun(
                    badge,
                    bx + badge_size * 0.3,
                    bt,
                    badge_size,
                    _width(badge, badge_size),
                    "inverse",
                )
            )
        top += line_size * (1 + LEADING) + spare
    if barcode:
        bx, _t, module, bh = barcode
        barcode = (bx, pad + avail_h - bh, module, bh)
    return texts, boxes, barcode


# --- drawing ---------------------------------------------------------------------------------


def _draw_text(c: Canvas, run: TextRun, page_h: float, ox: float, oy: float) -> None:
    size_pt = run.size * PT_PER_MM
    baseline = oy + run.top + _ascent(run.size)
    # Render mode and line width are page state in PDF: keep each run's to itself.
    c.saveState()
    text = c.beginText()
    text.setFont(fonts.register(), size_pt)
    if run.style == "bold":
        # The bundled font has one weight; a thin outline on the fill reads as bold.
        c.setLineWidth(size_pt * 0.04)
        text.setTextRenderMode(2)
    else:
        text.setTextRenderMode(0)
    text.setTextOrigin((ox + run.x) * PT_PER_MM, (page_h - baseline) * PT_PER_MM)
    text.textOut(run.text)
    c.drawText(text)
    c.restoreState()


def _draw_qr(c: Canvas, payload: str, x: float, top: float, side: float, page_h: float) -> None:
    matrix = qr_matrix(payload)
    n = len(matrix)
    module = side / n
    path = c.beginPath()
    for r, line in enumerate(matrix):
        col = 0
        while col < n:
            if line[col]:
                start = col
                while col < n and line[col]:
                    col += 1
                # Runs of dark modules as one rectangle, slightly overlapping rows (no hairlines).
                y = page_h - (top + (r + 1) * module)
                path.rect(
                    (x + start * module) * PT_PER_MM,
                    y * PT_PER_MM - 0.01,
                    (col - start) * module * PT_PER_MM,
                    module * PT_PER_MM + 0.02,
                )
            else:
                col += 1
    c.drawPath(path, stroke=0, fill=1)


def _draw_label(
    c: Canvas,
    row: LabelRow,
    t: LabelTemplate,
    fields: Sequence[str],
    today: date,
    ox: float,
    oy: float,
    outline: bool,
) -> LabelLayout:
    page_h = t.page_height
    lay = layout(row, t, fields, today)
    if outline:
        c.saveState()
        c.setStrokeGray(0.75)
        c.setLineWidth(0.3)
        c.roundRect(
            ox * PT_PER_MM,
            (page_h - oy - t.label_height) * PT_PER_MM,
            t.label_width * PT_PER_MM,
            t.label_height * PT_PER_MM,
            t.radius * PT_PER_MM,
            stroke=1,
            fill=0,
        )
        c.restoreState()
    c.setFillGray(0)
    c.setStrokeGray(0)
    for bx, btop, bw, bh in lay.boxes:
        c.roundRect(
            (ox + bx) * PT_PER_MM,
            (page_h - oy - btop - bh) * PT_PER_MM,
            bw * PT_PER_MM,
            bh * PT_PER_MM,
            min(bh * 0.2, 0.8) * PT_PER_MM,
            stroke=0,
            fill=1,
        )
    for run in lay.texts:
        c.setFillGray(1 if run.style == "inverse" else 0)
        _draw_text(c, run, page_h, ox, oy)
    c.setFillGray(0)
    if lay.qr is not None:
        qx, qtop, side = lay.qr
        _draw_qr(c, row.payload, ox + qx, oy + qtop, side, page_h)
    if lay.barcode is not None and row.batch:
        bx, btop, module, bh = lay.barcode
        symbol = Code128(
            row.batch,
            barWidth=module * PT_PER_MM,
            barHeight=bh * PT_PER_MM,
            quiet=False,
            humanReadable=False,
        )
        symbol.drawOn(c, (ox + bx) * PT_PER_MM, (page_h - oy - btop - bh) * PT_PER_MM)
    return lay


def render(
    rows: Iterable[LabelRow],
    template: LabelTemplate,
    *,
    fields: Sequence[str] | None = None,
    skip: int = 0,
    offset: tuple[float, float] = (0.0, 0.0),
    today: date | None = None,
    outline: bool = False,
    title: str = "",
    progress: Progress | None = None,
) -> bytes:
    """The PDF of `rows` on `template`, starting after `skip` used labels of the first sheet.

    `offset` (mm, right and down) shifts everything, as the printer's calibration asks;
    `outline` draws the label edges (for the preview, not for printing on real labels).
    `progress(done, total, text)` hears of every few labels drawn, and may cancel.
    """
    with fonts.pdf_lock:
        return _render(rows, template, fields, skip, offset, today, outline, title, progress)


def _render(
    rows: Iterable[LabelRow],
    template: LabelTemplate,
    fields: Sequence[str] | None,
    skip: int,
    offset: tuple[float, float],
    today: date | None,
    outline: bool,
    title: str,
    progress: Progress | None = None,
) -> bytes:
    rows = list(rows)
    report = report_every(progress, 20)
    text = i18n.pick("正在生成标签", "Making the labels")
    fields = template.fields if fields is None else tuple(fields)
    today = today or date.today()
    fonts.register()
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(template.page_width * PT_PER_MM, template.page_height * PT_PER_MM),
        invariant=1,
        pageCompression=1,
    )
    c.setTitle(title or f"Storekeeper labels — {template.name}")
    c.setCreator("Storekeeper")
    skip = max(0, skip) % template.per_page if template.kind == "sheet" else 0
    page = 0
    for n, row in enumerate(rows):
        report(n, len(rows), text)
        p, x, y = template.position(n + skip)
        if p != page:
            c.showPage()
            page = p
        _draw_label(c, row, template, fields, today, x + offset[0], y + offset[1], outline)
    if not rows:
        c.setFont(fonts.register(), 10)
    c.showPage()
    c.save()
    return buf.getvalue()


def calibration(
    template: LabelTemplate, offset: tuple[float, float] = (0.0, 0.0), caption: str = ""
) -> bytes:
    """One page to hold against a label sheet: label outlines, centre crosses, a 10 mm ruler.

    Printed with the printer's current offsets, it shows how far the printer shifts the page.
    """
    with fonts.pdf_lock:
        return _calibration(template, offset, caption)


def _calibration(template: LabelTemplate, offset: tuple[float, float], caption: str) -> bytes:
    fonts.register()
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(template.page_width * PT_PER_MM, template.page_height * PT_PER_MM),
        invariant=1,
    )
    c.setTitle(f"Storekeeper calibration — {template.name}")
    page_h = template.page_height
    ox, oy = offset
    c.setStrokeGray(0)
    for n in range(template.per_page):
        _p, x, y = template.position(n)
        x, y = x + ox, y + oy
        w, h = template.label_width, template.label_height
        c.setLineWidth(0.25)
        c.roundRect(
            x * PT_PER_MM,
            (page_h - y - h) * PT_PER_MM,
            w * PT_PER_MM,
            h * PT_PER_MM,
            template.radius * PT_PER_MM,
            stroke=1,
            fill=0,
        )
        cx, cy = x + w / 2, y + h / 2
        arm = min(5.0, w / 4, h / 4)
        c.setLineWidth(0.35)
        c.line(
            (cx - arm) * PT_PER_MM,
            (page_h - cy) * PT_PER_MM,
            (cx + arm) * PT_PER_MM,
            (page_h - cy) * PT_PER_MM,
        )
        c.line(
            cx * PT_PER_MM,
            (page_h - cy - arm) * PT_PER_MM,
            cx * PT_PER_MM,
            (page_h - cy + arm) * PT_PER_MM,
        )
        if n == 0:
            _ruler(c, x + 2, y + 2, page_h)
            c.setFont(fonts.register(), 2.2 * PT_PER_MM)
            lines = [caption or template.display_title(), f"x {ox:+.1f} mm   y {oy:+.1f} mm"]
            for i, line in enumerate(lines):
                s = fit_size(line, w - 4, 2.2)
                c.setFont(fonts.register(), s * PT_PER_MM)
                c.drawString(
                    (x + 2) * PT_PER_MM,
                    (page_h - (y + h - 2 - (len(lines) - 1 - i) * 3)) * PT_PER_MM,
                    cut(line, w - 4, s),
                )
    c.showPage()
    c.save()
    return buf.getvalue()


def _ruler(c: Canvas, x: float, y: float, page_h: float) -> None:
    """A 10 mm ruler across and down from (x, y), a tick every millimetre."""
    c.setLineWidth(0.2)
    c.line(x * PT_PER_MM, (page_h - y) * PT_PER_MM, (x + 10) * PT_PER_MM, (page_h - y) * PT_PER_MM)
    c.line(x * PT_PER_MM, (page_h - y) * PT_PER_MM, x * PT_PER_MM, (page_h - y - 10) * PT_PER_MM)
    for i in range(11):
        tick = 2.0 if i in (0, 5, 10) else 1.0
        c.line(
            (x + i) * PT_PER_MM,
            (page_h - y) * PT_PER_MM,
            (x + i) * PT_PER_MM,
            (page_h - y - tick) * PT_PER_MM,
        )
        c.line(
            x * PT_PER_MM,
            (page_h - y - i) * PT_PER_MM,
            (x + tick) * PT_PER_MM,
            (page_h - y - i) * PT_PER_MM,
        )
    c.setFont(fonts.register(), 1.8 * PT_PER_MM)
    c.drawString((x + 3) * PT_PER_MM, (page_h - y - 4.5) * PT_PER_MM, "10 mm")
