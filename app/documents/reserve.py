"""The top-up list (储备物资补充采购清单, 填平补齐) as xlsx and PDF for purchasing.

Plain data in, files out; the same functions serve the window and the command line. Columns are
data (COLUMNS), so the workbook and the PDF agree; the look is the count sheet's (sheets.py):
institution header, date, bundled font, page numbers, sign-off lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.documents import fonts, paging, sheets
from app.domain.i18n import pick

SIGN_ROLES = ("storekeeper", "approver", "handler")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    xlsx_width: float  # characters
    pdf_width: float  # points; 0 = takes what is left

    def title(self) -> str:
        return pick(self.zh, self.en)


COLUMNS = (
    Column("seq", "序号", "No.", 6, 30),
    Column("code", "物资编码", "Item code", 12, 62),
    Column("name", "物资名称", "Item", 22, 0),
    Column("category", "类别", "Category", 11, 62),
    Column("unit", "单位", "Unit", 6, 30),
    Column("days", "储备天数", "Reserve days", 9, 46),
    Column("target", "储备目标", "Target", 11, 58),
    Column("usable", "可用库存", "Usable", 11, 58),
    Column("expiring", "其中储备期内到期", "Of it expiring in the window", 13, 70),
    Column("gap", "缺口", "Gap", 11, 58),
    Column("pack", "采购包装", "Pack", 14, 74),
    Column("gap_packs", "建议采购（整包）", "To buy (whole packs)", 13, 66),
)
NUMBERS = {"seq", "days", "target", "usable", "expiring", "gap", "gap_packs"}


@dataclass(frozen=True)
class TopUpHeader:
    institution: str
    day: date


@dataclass(frozen=True)
class TopUpLine:
    code: str
    name: str
    category: str
    unit: str
    days: int
    target: int
    usable: int
    expiring: int
    gap: int
    pack_unit: str  # "" when the item has no pack
    pack_size: int
    gap_packs: int


def title(h: TopUpHeader) -> str:
    return pick(
        f"{h.institution}防疫物资储备补充采购清单",
        f"{h.institution} reserve top-up list",
    ).strip()


def _number(h: TopUpHeader) -> str:
    return pick(f"补充采购清单 {h.day.isoformat()}", f"Top-up list {h.day.isoformat()}")


def _info(h: TopUpHeader, n: int) -> str:
    return "    ".join(
        [
            pick(f"日期：{h.day.isoformat()}", f"Date: {h.day.isoformat()}"),
            pick(
                "依据：储备标准（每天满负荷需要量 × 储备天数），填平补齐",
                "Basis: reserve standard (daily need at full load × reserve days), topped up",
            ),
            pick(f"共 {n} 项", f"{n} items"),
        ]
    )


def _note() -> str:
    return pick(
        "可用库存不含已过期和已冻结的批次；“其中储备期内到期”的部分在储备期内会过期，请优先发放使用。",
        "Usable stock leaves out expired lots and lots on hold; the part expiring within the "
        "reserve window will expire before the window ends — issue it first.",
    )


def _pack_text(ln: TopUpLine) -> str:
    if not ln.pack_unit:
        return ln.unit
    return pick(
        f"{ln.pack_unit}（{ln.pack_size:,} {ln.unit}）",
        f"{ln.pack_unit} ({ln.pack_size:,} {ln.unit})",
    )


def _packs_text(ln: TopUpLine) -> str:
    return f"{ln.gap_packs:,} {ln.pack_unit or ln.unit}"


def _values(n: int, ln: TopUpLine) -> dict[str, object]:
    return {
        "seq": n,
        "code": ln.code,
        "name": ln.name,
        "category": ln.category,
        "unit": ln.unit,
        "days": ln.days,
        "target": ln.target,
        "usable": ln.usable,
        "expiring": ln.expiring,
        "gap": ln.gap,
        "pack": _pack_text(ln),
        "gap_packs": ln.gap_packs,
    }


def _empty_text() -> str:
    return pick(
        "所有物资均已达到储备标准，无需补充。",
        "Every item is at its reserve target: nothing to buy.",
    )


# --- xlsx ------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_ROW = 3


def write_xlsx(header: TopUpHeader, lines: Sequence[TopUpLine], path: Path) -> Path:
    """The list as a workbook: print-ready (A4 landscape, fit to width, repeated header)."""
    last = len(COLUMNS)
    wb = Workbook()
    ws = wb.active
    ws.title = pick("补充采购清单", "Top-up list")
    body = Font(name="SimHei", size=11)
    bold = Font(name="SimHei", size=11, bold=True)

    def span(row: int, text: str, font: Font, height: float) -> None:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[row].height = height

    span(1, title(header), Font(name="SimHei", size=16, bold=True), 30)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    span(2, _info(header, len(lines)), body, 22)
    for n, c in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=n, value=c.title())
        cell.font = bold
        cell.fill = _HEAD_FILL
        cell.border = _GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(n)].width = c.xlsx_width
    ws.row_dimensions[HEADER_ROW].height = 32

    row = HEADER_ROW + 1
    for n, ln in enumerate(lines, start=1):
        values = _values(n, ln)
        for col, c in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=row, column=col, value=values[c.key])
            cell.font = body
            cell.border = _GRID
            if c.key in NUMBERS:
                # the number stays a number (purchasing sums it); the pack shows beside it
                unit = (ln.pack_unit or ln.unit) if c.key == "gap_packs" else ""
                cell.number_format = f'#,##0" {unit}"' if unit else "#,##0"
                cell.alignment = Alignment(horizontal="right", vertical="center")
            else:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.row_dimensions[row].height = 22
        row += 1
    if not lines:
        span(row, _empty_text(), body, 24)
        row += 1
    span(row, _note(), body, 34)
    row += 2

    paging.xlsx_sign_off(ws, row, SIGN_ROLES, last, bold=bold, body=body)

    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    paging.a4_print_setup(ws, title_rows=f"1:{HEADER_ROW}", footer_left=_number(header))
    path = Path(path)
    wb.save(path)
    return path


# --- PDF -------------------------------------------------------------------------------------


def _col_widths() -> list[float]:
    free = sheets.PAGE[0] - 2 * sheets.MARGIN - sum(c.pdf_width for c in COLUMNS)
    return [c.pdf_width or free for c in COLUMNS]


def write_pdf(header: TopUpHeader, lines: Sequence[TopUpLine], path: Path) -> Path:
    Path(path).write_bytes(pdf_bytes(header, lines))
    return Path(path)


def pdf_bytes(header: TopUpHeader, lines: Sequence[TopUpLine]) -> bytes:
    """The list as PDF: the bundled font embedded, the header row on every page."""
    st = sheets._styles()
    esc = sheets._esc
    data: list[list[object]] = [[Paragraph(esc(c.title()), st["head"]) for c in COLUMNS]]
    for n, ln in enumerate(lines, start=1):
        values = _values(n, ln)
        cells: list[object] = []
        for c in COLUMNS:
            value = values[c.key]
            if c.key == "gap_packs":
                cells.append(Paragraph(esc(_packs_text(ln)), st["num"]))
            elif c.key in NUMBERS:
                cells.append(Paragraph(f"{value:,}", st["mid" if c.key == "seq" else "num"]))
            elif c.key == "unit":
                cells.append(Paragraph(esc(value), st["mid"]))
            else:
                cells.append(Paragraph(esc(value), st["cell"]))
        data.append(cells)
    table = Table(data, colWidths=_col_widths(), repeatRows=1)
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.register()),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
    gap_col = [c.key for c in COLUMNS].index("gap_packs")
    if lines:  # what purchasing reads first stands out
        style.append(("BACKGROUND", (gap_col, 1), (gap_col, -1), colors.HexColor("#FFF3BF")))
    table.setStyle(TableStyle(style))
    width = (sheets.PAGE[0] - 2 * sheets.MARGIN) / len(SIGN_ROLES)
    sign = Table(
        [
            [Paragraph(esc(paging.sign_text(r)), st["sign"]) for r in SIGN_ROLES],
            [Paragraph(esc(pick("日期：", "Date:")), st["sign"]) for _ in SIGN_ROLES],
        ],
        colWidths=[width] * len(SIGN_ROLES),
        rowHeights=[34, 22],
    )
    sign.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("RIGHTPADDING", (0, 0), (-1, -1), 14),
            ]
        )
    )
    story: list = [
        Paragraph(esc(title(header)), st["title"]),
        Spacer(1, 4),
        Paragraph(esc(_info(header, len(lines))), st["info"]),
        Spacer(1, 6),
        table if lines else Paragraph(esc(_empty_text()), st["info"]),
        Spacer(1, 6),
        Paragraph(esc(_note()), st["info"]),
        Spacer(1, 12),
        KeepTogether([sign]),
    ]
    with fonts.pdf_lock:  # exports run off the UI thread; reportlab's font subset is shared
        return sheets._build(story, _number(header))
