"""Stocktake documents: the count sheet (xlsx and PDF), reading a filled sheet back, the report.

Plain data in, files out; the same functions serve the window and the command line. Columns are
data (COLUMNS), so the xlsx, the PDF and the reader agree on them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import fonts, paging
from app.domain.errors import BadInput
from app.domain.i18n import pick
from app.domain.stocktake import REASONS
from app.domain.stocktake import label as reason_label

SIGN_ROLES = ("counter", "supervisor", "storekeeper", "approver")
SPARE_ROWS = 10  # blank lines at the end of the sheet for stock found off the list
NUMBER_RE = re.compile(r"PD-\d{4}-\d{4}")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    xlsx_width: float  # characters
    pdf_width: float  # points; the name and reason columns take what is left

    def title(self) -> str:
        return pick(self.zh, self.en)


COLUMNS = (
    Column("seq", "序号", "No.", 6, 34),
    Column("slot", "货位", "Slot", 11, 56),
    Column("item_code", "物资编码", "Item code", 12, 64),
    Column("item_name", "物资名称", "Item", 22, 0),
    Column("spec", "规格", "Spec", 14, 70),
    Column("unit", "单位", "Unit", 6, 30),
    Column("batch", "批号", "Batch", 14, 72),
    Column("expiry", "有效期至", "Expires", 12, 60),
    Column("book", "账面数量", "Book qty", 10, 50),
    Column("counted", "实盘数量", "Counted", 10, 52),
    Column("diff", "差异数量", "Difference", 10, 50),
    Column("reason", "差异原因", "Reason", 20, 0),
    Column("tick", "已盘✓", "Done", 7, 34),
)
BLIND_HIDDEN = {"book", "diff"}


def columns(blind: bool) -> list[Column]:
    """The sheet's columns; a blind count hides the book quantity and the difference."""
    return [c for c in COLUMNS if not (blind and c.key in BLIND_HIDDEN)]


@dataclass(frozen=True)
class SheetLine:
    """One printed line: a lot on a slot, or an empty slot (no item)."""

    seq: int
    zone: str
    zone_name: str
    slot: str
    item_code: str = ""
    item_name: str = ""
    spec: str = ""
    unit: str = ""
    batch: str = ""
    expiry: date | None = None
    book: int | None = None
    counted: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class SheetHeader:
    institution: str
    number: str
    kind: str  # translated
    period: str
    scope: str  # translated: all zones / zone A …
    started: datetime
    blind: bool


@dataclass(frozen=True)
class SheetRow:
    """A line of a filled sheet as read back: raw cell values, and the row number in the file."""

    row: int
    seq: object
    slot: str
    item_code: str
    batch: str
    expiry: object
    counted: object
    reason: object


@dataclass
class ReadSheet:
    number: str | None
    rows: list[SheetRow] = field(default_factory=list)


def _title(h: SheetHeader) -> str:
    return pick(f"{h.institution}防疫物资盘点表", f"{h.institution} stocktake sheet").strip()


def _info(h: SheetHeader) -> str:
    parts = [
        pick(f"盘点单号：{h.number}", f"Stocktake: {h.number}"),
        pick(f"类型：{h.kind}", f"Type: {h.kind}"),
        pick(f"期间：{h.period}", f"Period: {h.period}"),
        pick(f"范围：{h.scope}", f"Scope: {h.scope}"),
        pick(f"开始：{h.started:%Y-%m-%d %H:%M}", f"Started: {h.started:%Y-%m-%d %H:%M}"),
    ]
    if h.blind:
        parts.append(pick("盲盘（不显示账面数量）", "blind count (book quantities hidden)"))
    return "    ".join(parts)


def _zone_heading(zone: str, name: str) -> str:
    return pick(f"库区 {zone} · {name}", f"Zone {zone} · {name}")


def _found_heading() -> str:
    return pick(
        "清单外发现的物资（请写货位、物资编码、批号、有效期、实盘数量）",
        "Stock found that is not listed (write slot, item code, batch, expiry, count)",
    )


# --- xlsx ------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_ZONE_FILL = PatternFill("solid", fgColor="EFEFEF")
HEADER_ROW = 3


def write_xlsx(header: SheetHeader, lines: Sequence[SheetLine], path: Path) -> Path:
    """The count sheet as a workbook: print-ready (A4 landscape, fit to width, repeated header)."""
    cols = columns(header.blind)
    at = {c.key: i + 1 for i, c in enumerate(cols)}
    letter = {k: get_column_letter(i) for k, i in at.items()}
    last = len(cols)
    wb = Workbook()
    ws = wb.active
    ws.title = header.number
    body = Font(name="SimHei", size=11)
    bold = Font(name="SimHei", size=11, bold=True)

    def span(row: int, text: str, font: Font, height: float, fill: PatternFill | None = None):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        if fill is not None:
            for col in range(1, last + 1):
                ws.cell(row=row, column=col).fill = fill
                ws.cell(row=row, column=col).border = _GRID
        ws.row_dimensions[row].height = height

    span(1, _title(header), Font(name="SimHei", size=16, bold=True), 30)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    span(2, _info(header), body, 22)
    for c in cols:
        cell = ws.cell(row=HEADER_ROW, column=at[c.key], value=c.title())
        cell.font = bold
        cell.fill = _HEAD_FILL
        cell.border = _GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(at[c.key])].width = c.xlsx_width
    ws.row_dimensions[HEADER_ROW].height = 30

    row = HEADER_ROW + 1
    first_data = row
    zone = None

    def grid_row(r: int) -> None:
        for col in range(1, last + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = _GRID
            cell.font = body
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[r].height = 26
        if "diff" in at:
            cnt, book = letter["counted"], letter["book"]
            cell = ws.cell(
                row=r, column=at["diff"], value=f'=IF({cnt}{r}="","",{cnt}{r}-N({book}{r}))'
            )
            cell.number_format = "+0;-0;0"

    for ln in lines:
        if ln.zone != zone:
            zone = ln.zone
            span(row, _zone_heading(ln.zone, ln.zone_name), bold, 22, _ZONE_FILL)
            row += 1
        grid_row(row)
        values = {
            "seq": ln.seq,
            "slot": ln.slot,
            "item_code": ln.item_code or None,
            "item_name": ln.item_name
            or (pick("（空货位）", "(empty slot)") if not ln.item_code else None),
            "spec": ln.spec or None,
            "unit": ln.unit or None,
            "batch": ln.batch or None,
            "expiry": ln.expiry,
            "book": ln.book if "book" in at and ln.item_code else None,
            "counted": ln.counted,
            "reason": ln.reason or None,
        }
        for key, value in values.items():
            if key in at and value is not None:
                ws.cell(row=row, column=at[key], value=value)
        ws.cell(row=row, column=at["expiry"]).number_format = "yyyy-mm-dd"
        for key in ("seq", "unit", "tick"):
            ws.cell(row=row, column=at[key]).alignment = Alignment(
                horizontal="center", vertical="center"
            )
        row += 1
    span(row, _found_heading(), bold, 22, _ZONE_FILL)
    row += 1
    for _ in range(SPARE_ROWS):
        grid_row(row)
        ws.cell(row=row, column=at["expiry"]).number_format = "yyyy-mm-dd"
        row += 1
    last_data = row - 1

    count_rule = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=pick("实盘数量", "Counted"),
        error=pick("请填写 0 或正整数（基本单位）", "Enter 0 or a whole number (base units)"),
        showInputMessage=True,
        promptTitle=pick("实盘数量", "Counted"),
        prompt=pick("按基本单位填写整数", "A whole number in base units"),
    )
    ws.add_data_validation(count_rule)
    cnt = letter["counted"]
    count_rule.add(f"{cnt}{first_data}:{cnt}{last_data}")
    # A drop-down of the usual reasons; free text stays allowed (kept as the note of "other").
    reason_rule = DataValidation(
        type="list",
        formula1='"' + ",".join(reason_label(code) for code in REASONS) + '"',
        allow_blank=True,
        showErrorMessage=False,
    )
    ws.add_data_validation(reason_rule)
    rsn = letter["reason"]
    reason_rule.add(f"{rsn}{first_data}:{rsn}{last_data}")

    row += 1
    paging.xlsx_sign_off(ws, row, SIGN_ROLES, last, bold=bold, body=body)

    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    paging.a4_print_setup(ws, title_rows=f"1:{HEADER_ROW}", footer_left=header.number)
    path = Path(path)
    wb.save(path)
    return path


def _norm(value: object) -> str:
    return "".join(str(value or "").split()).casefold()


def read_xlsx(path: Path) -> ReadSheet:
    """The stocktake number and every line of a filled sheet (raw values; the service checks).

    The difference column holds formulas without cached values, so only the keys, the counted
    quantity, the expiry (for found stock) and the reason are read.
    """
    try:
        wb = load_workbook(Path(path), data_only=False)
    except FileNotFoundError as exc:
        raise BadInput(f"找不到文件 {path}", f"No file {path}", field="file") from exc
    except Exception as exc:  # openpyxl raises several kinds for a file that is not xlsx
        raise BadInput(
            f"{path} 不是可读取的 xlsx 盘点表（{type(exc).__name__}）",
            f"{path} is not a readable xlsx count sheet ({type(exc).__name__})",
            field="file",
        ) from exc
    ws = wb.worksheets[0]
    names = {key: {_norm(c.zh), _norm(c.en)} for c in COLUMNS for key in [c.key]}
    found: ReadSheet | None = None
    at: dict[str, int] = {}
    number = None
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if not at:
            for v in values:
                m = NUMBER_RE.search(str(v or ""))
                if m and number is None:
                    number = m.group(0)
            heads = [_norm(v) for v in values]
            if any(h in names["seq"] for h in heads) and any(h in names["counted"] for h in heads):
                for i, h in enumerate(heads):
                    for key, alias in names.items():
                        if h in alias and key not in at:
                            at[key] = i
                found = ReadSheet(number)
            if r > 20 and not at:
                break
            continue
        assert found is not None

        def cell(key: str, values: tuple = values) -> object:
            i = at.get(key)
            return values[i] if i is not None and i < len(values) else None

        seq = cell("seq")
        if isinstance(seq, str) and seq.strip() and not seq.strip().isdigit():
            continue  # a zone heading, the found-stock heading or a sign-off line
        text = {k: str(cell(k) or "").strip() for k in ("slot", "item_code", "batch")}
        counted, reason, expiry = cell("counted"), cell("reason"), cell("expiry")
        if seq in (None, "") and not any(text.values()) and counted in (None, "") and not reason:
            continue
        found.rows.append(
            SheetRow(
                r, seq, text["slot"], text["item_code"], text["batch"], expiry, counted, reason
            )
        )
    if found is None or "counted" not in at or "slot" not in at:
        raise BadInput(
            f"{path} 里找不到盘点表的表头（序号、货位……实盘数量）",
            f"{path} has no count-sheet header row (No., Slot … Counted)",
            field="file",
        )
    return found


# --- PDF -------------------------------------------------------------------------------------

PAGE = landscape(A4)
MARGIN = 12 * mm


def _styles() -> dict[str, ParagraphStyle]:
    font = fonts.register()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=20, alignment=1),
        "info": ParagraphStyle("info", fontName=font, fontSize=9, leading=12),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5),
        "num": ParagraphStyle("num", fontName=font, fontSize=8.5, leading=10.5, alignment=2),
        "mid": ParagraphStyle("mid", fontName=font, fontSize=8.5, leading=10.5, alignment=1),
        "head": ParagraphStyle("head", fontName=font, fontSize=8.5, leading=10.5, alignment=1),
        "zone": ParagraphStyle("zone", fontName=font, fontSize=9, leading=11),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=11, leading=15, spaceBefore=6),
        "sign": ParagraphStyle("sign", fontName=font, fontSize=10, leading=13),
    }


def _esc(text: object) -> str:
    return (
        str(text if text is not None else "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _numbered(number: str) -> type[rl_canvas.Canvas]:
    """第 x 页 共 y 页 and the stocktake number on every page."""
    return paging.numbered_canvas(number, margin=MARGIN, size=9)


def _col_widths(cols: list[Column]) -> list[float]:
    free = PAGE[0] - 2 * MARGIN - sum(c.pdf_width for c in cols)
    flexible = [c for c in cols if c.pdf_width == 0]
    share = {"item_name": 0.6, "reason": 0.4}
    total = sum(share[c.key] for c in flexible)
    return [c.pdf_width or free * share[c.key] / total for c in cols]


def _sign_table(st: dict[str, ParagraphStyle], names: dict[str, str] | None = None) -> Table:
    names = names or {}
    width = (PAGE[0] - 2 * MARGIN) / 4
    row1 = [
        Paragraph(f"{paging.sign_text(r)} {_esc(names.get(r, ''))}", st["sign"]) for r in SIGN_ROLES
    ]
    row2 = [Paragraph(paging.date_text(), st["sign"]) for _ in SIGN_ROLES]
    t = Table([row1, row2], colWidths=[width] * 4, rowHeights=[34, 22])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("RIGHTPADDING", (0, 0), (-1, -1), 14),
            ]
        )
    )
    return t


def write_pdf(header: SheetHeader, lines: Sequence[SheetLine], path: Path) -> Path:
    """The count sheet as PDF: the bundled font embedded, the header row on every page."""
    Path(path).write_bytes(sheet_pdf_bytes(header, lines))
    return Path(path)


def sheet_pdf_bytes(header: SheetHeader, lines: Sequence[SheetLine]) -> bytes:
    st = _styles()
    cols = columns(header.blind)
    data: list[list[object]] = [[Paragraph(_esc(c.title()), st["head"]) for c in cols]]
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.register()),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
    heights: list[float | None] = [None]
    zone = None

    def blank_row() -> list[object]:
        return ["" for _ in cols]

    for ln in lines:
        if ln.zone != zone:
            zone = ln.zone
            row = blank_row()
            row[0] = Paragraph(_esc(_zone_heading(ln.zone, ln.zone_name)), st["zone"])
            data.append(row)
            n = len(data) - 1
            style += [
                ("SPAN", (0, n), (-1, n)),
                ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#EFEFEF")),
            ]
            heights.append(None)
        name = ln.item_name or (pick("（空货位）", "(empty slot)") if not ln.item_code else "")
        values: dict[str, object] = {
            "seq": Paragraph(str(ln.seq), st["mid"]),
            "slot": Paragraph(_esc(ln.slot), st["cell"]),
            "item_code": Paragraph(_esc(ln.item_code), st["cell"]),
            "item_name": Paragraph(_esc(name), st["cell"]),
            "spec": Paragraph(_esc(ln.spec), st["cell"]),
            "unit": Paragraph(_esc(ln.unit), st["mid"]),
            "batch": Paragraph(_esc(ln.batch), st["cell"]),
            "expiry": Paragraph(ln.expiry.isoformat() if ln.expiry else "", st["mid"]),
            "book": Paragraph(
                f"{ln.book:,}" if ln.book is not None and ln.item_code else "", st["num"]
            ),
            "counted": Paragraph(f"{ln.counted:,}" if ln.counted is not None else "", st["num"]),
            "diff": Paragraph(
                f"{ln.counted - (ln.book or 0):+,}"
                if ln.counted is not None and ln.book is not None
                else "",
                st["num"],
            ),
            "reason": Paragraph(_esc(ln.reason), st["cell"]),
            "tick": "",
        }
        data.append([values[c.key] for c in cols])
        heights.append(26)
    row = blank_row()
    row[0] = Paragraph(_esc(_found_heading()), st["zone"])
    data.append(row)
    n = len(data) - 1
    style += [
        ("SPAN", (0, n), (-1, n)),
        ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#EFEFEF")),
    ]
    heights.append(None)
    for _ in range(SPARE_ROWS):
        data.append(blank_row())
        heights.append(26)
    # Rows tall enough to write in; a wrapped cell makes its row taller (nothing is cut).
    table = Table(
        data,
        colWidths=_col_widths(cols),
        repeatRows=1,
        rowHeights=_min_heights(data, cols, heights),
    )
    table.setStyle(TableStyle(style))
    story = [
        Paragraph(_esc(_title(header)), st["title"]),
        Spacer(1, 4),
        Paragraph(_esc(_info(header)), st["info"]),
        Spacer(1, 6),
        table,
        Spacer(1, 10),
        KeepTogether([_sign_table(st)]),
    ]
    return _build(story, header.number)


def _min_heights(
    data: list[list[object]], cols: list[Column], heights: list[float | None]
) -> list[float | None]:
    """Each row at least its writing height, taller when a wrapped cell needs more room."""
    widths = _col_widths(cols)
    out: list[float | None] = []
    for row, minimum in zip(data, heights, strict=True):
        if minimum is None:
            out.append(None)
            continue
        need = 0.0
        for cell, w in zip(row, widths, strict=True):
            if isinstance(cell, Paragraph):
                _w, h = cell.wrap(w - 12, 10_000)
                need = max(need, h + 10)
        out.append(max(minimum, need))
    return out


def _build(story: list, number: str) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=14 * mm,
        title=number,
        author="Storekeeper",
    )
    doc.build(story, canvasmaker=_numbered(number))
    return buf.getvalue()


# --- count report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VarianceLine:
    seq: int
    slot: str
    item_code: str
    item_name: str
    batch: str
    unit: str
    expected: int
    counted: int
    difference: int
    value: str  # formatted money, or "" when no price is known
    reason: str  # translated


@dataclass(frozen=True)
class SignedBy:
    role: str  # code
    name: str
    how: str  # translated: signed on the pad / confirmed with PIN
    at: datetime | None
    png: bytes | None = None


def report_pdf_bytes(
    header: SheetHeader,
    summary: Sequence[tuple[str, str]],
    variances: Sequence[VarianceLine],
    signed: Sequence[SignedBy],
) -> bytes:
    """The count report kept with a posted stocktake: summary, every variance, the signatures."""
    st = _styles()
    title = pick(f"{header.institution}盘点报告", f"{header.institution} stocktake report").strip()
    info = Table(
        [[Paragraph(_esc(k), st["cell"]), Paragraph(_esc(v), st["cell"])] for k, v in summary],
        colWidths=[120, 300],
        hAlign="LEFT",
    )
    info.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EFEFEF")),
            ]
        )
    )
    heads = [
        pick("序号", "No."),
        pick("货位", "Slot"),
        pick("物资编码", "Item code"),
        pick("物资名称", "Item"),
        pick("批号", "Batch"),
        pick("单位", "Unit"),
        pick("应有数量", "Expected"),
        pick("实盘数量", "Counted"),
        pick("差异", "Difference"),
        pick("金额（元）", "Value (yuan)"),
        pick("差异原因", "Reason"),
    ]
    rows: list[list[object]] = [[Paragraph(_esc(h), st["head"]) for h in heads]]
    for v in variances:
        rows.append(
            [
                Paragraph(str(v.seq), st["mid"]),
                Paragraph(_esc(v.slot), st["cell"]),
                Paragraph(_esc(v.item_code), st["cell"]),
                Paragraph(_esc(v.item_name), st["cell"]),
                Paragraph(_esc(v.batch), st["cell"]),
                Paragraph(_esc(v.unit), st["mid"]),
                Paragraph(f"{v.expected:,}", st["num"]),
                Paragraph(f"{v.counted:,}", st["num"]),
                Paragraph(f"{v.difference:+,}", st["num"]),
                Paragraph(_esc(v.value), st["num"]),
                Paragraph(_esc(v.reason), st["cell"]),
            ]
        )
    fixed = [34, 56, 64, 0, 80, 30, 56, 56, 62, 62, 0]
    free = PAGE[0] - 2 * MARGIN - sum(fixed)
    widths = [w or free / 2 for w in fixed]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story: list = [
        Paragraph(_esc(title), st["title"]),
        Spacer(1, 4),
        Paragraph(_esc(_info(header)), st["info"]),
        Spacer(1, 8),
        info,
        Paragraph(_esc(pick("差异明细", "Variances")), st["h2"]),
        Spacer(1, 4),
    ]
    if variances:
        story.append(table)
    else:
        story.append(
            Paragraph(
                _esc(pick("账实相符，无差异。", "Book and shelf agree: no differences.")),
                st["info"],
            )
        )
    story.append(Paragraph(_esc(pick("签字", "Signatures")), st["h2"]))
    by_role = {s.role: s for s in signed}
    cells: list[list[object]] = [[], []]
    width = (PAGE[0] - 2 * MARGIN) / 4
    for role in SIGN_ROLES:
        s = by_role.get(role)
        text = paging.sign_text(role)
        if s is not None:
            when = f" {s.at:%Y-%m-%d %H:%M}" if s.at else ""
            text += (
                f" {s.name}（{s.how}{when}）"
                if pick("zh", "en") == "zh"
                else f" {s.name} ({s.how}{when})"
            )
        cells[0].append(Paragraph(_esc(text), st["sign"]))
        if s is not None and s.png:
            img = Image(io.BytesIO(s.png))
            scale = min((width - 20) / img.imageWidth, 40 / img.imageHeight, 1)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            cells[1].append(img)
        else:
            cells[1].append("")
    sign = Table(cells, colWidths=[width] * 4, rowHeights=[None, 46])
    sign.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(KeepTogether([sign]))
    return _build(story, header.number)
