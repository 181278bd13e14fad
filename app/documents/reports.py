"""Reports as files: the report definitions (resources/reports/reports.toml) and ReportData → xlsx,
PDF or CSV.

Plain data in, files out; the same functions serve the window and the command line. The columns
are data: a header is changed in the TOML file, and the xlsx, PDF and CSV follow it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app import paths
from app.documents import fonts, paging
from app.domain.errors import BadInput, StorageError
from app.domain.i18n import pick
from app.domain.progress import Progress, report_every

FORMATS = ("xlsx", "pdf", "csv")
# Rows a file of each kind may hold: past these a PDF runs to hundreds of pages and a workbook
# takes minutes to write; CSV has no limit (a whole ledger card of years stays possible).
MAX_ROWS = {"pdf": 20_000, "xlsx": 50_000}
KINDS = ("text", "group", "date", "qty", "money", "price", "num")
NEEDS = ("required", "optional", "none")
PERIODS = ("range", "today", "all")
NUMERIC = {"qty", "money", "price", "num"}
WIDE = 105  # characters of columns beyond which a page is laid out landscape


# --- the definitions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str = "text"
    width: float = 10  # characters in xlsx; the PDF shares the page in the same proportion

    def title(self) -> str:
        return pick(self.zh, self.en)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]

    def title(self) -> str:
        return pick(self.zh, self.en)


@dataclass(frozen=True)
class ReportSpec:
    """One report as reports.toml defines it."""

    name: str
    zh: str
    en: str
    item: str  # required, optional, none: does it take an item?
    lot: str  # required, optional, none: does it take a lot (batch) of the item?
    period: str  # range, today, all
    signoff: tuple[tuple[str, str], ...]
    sections: tuple[SectionSpec, ...]
    about_zh: str = ""
    about_en: str = ""

    def about(self) -> str:
        """One line on what the report shows, in the current language."""
        return pick(self.about_zh, self.about_en)

    def title(self) -> str:
        """The title in the current language; the English one keeps the Chinese name beside it,
        since that is what the higher office calls the form."""
        return pick(self.zh, f"{self.en} ({self.zh})")

    def section(self, key: str) -> SectionSpec:
        return next(s for s in self.sections if s.key == key)


def specs_path() -> Path:
    return paths.resources_dir() / "reports" / "reports.toml"


def _bad(zh: str, en: str) -> BadInput:
    return BadInput(f"报表定义 reports.toml：{zh}", f"Report definitions reports.toml: {en}")


def parse_specs(data: dict[str, Any]) -> tuple[ReportSpec, ...]:
    """Check and read the definitions; a mistake names the report and the column."""
    default_signoff = tuple(tuple(pair) for pair in data.get("signoff", ()))
    out: list[ReportSpec] = []
    for r in data.get("report", []):
        name = r.get("name", "")
        if not name or name in {s.name for s in out}:
            raise _bad(f"报表名称缺失或重复：{name!r}", f"missing or repeated report name {name!r}")
        if (
            r.get("item", "none") not in NEEDS
            or r.get("lot", "none") not in NEEDS
            or r.get("period", "range") not in PERIODS
        ):
            raise _bad(f"{name}：item、lot 或 period 无效", f"{name}: bad item, lot or period")
        sections = []
        for s in r.get("section", []):
            cols = []
            for c in s.get("columns", []):
                if c.get("kind", "text") not in KINDS or not c.get("key"):
                    raise _bad(
                        f"{name}：列 {c.get('key')!r} 的 kind 无效",
                        f"{name}: column {c.get('key')!r} has a bad kind",
                    )
                cols.append(
                    Column(c["key"], c["zh"], c["en"], c.get("kind", "text"), c.get("width", 10))
                )
            sections.append(SectionSpec(s["key"], s.get("zh", ""), s.get("en", ""), tuple(cols)))
        if not sections:
            raise _bad(f"{name}：没有 section", f"{name}: no section")
        signoff = tuple(tuple(pair) for pair in r.get("signoff", default_signoff))
        about = r.get("about", ["", ""])
        out.append(
            ReportSpec(
                name,
                r["zh"],
                r["en"],
                r.get("item", "none"),
                r.get("lot", "none"),
                r.get("period", "range"),
                signoff,  # type: ignore[arg-type]
                tuple(sections),
                about[0],
                about[1],
            )
        )
    return tuple(out)


@cache
def specs() -> tuple[ReportSpec, ...]:
    """Every report, in the order of the file."""
    try:
        data = tomllib.loads(specs_path().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _bad(f"无法读取（{exc}）", f"cannot be read ({exc})") from exc
    return parse_specs(data)


# --- the data ------------------------------------------------------------------------------


@dataclass
class Section:
    key: str
    title: str  # translated; "" when the report has one section
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, Any] | None = None  # the last row (合计), by column key
    totals_label: str = ""
    empty_text: str = ""

    @property
    def shown(self) -> list[Column]:
        """The columns of the table; a group column becomes heading rows instead."""
        return [c for c in self.columns if c.kind != "group"]

    @property
    def group(self) -> Column | None:
        return next((c for c in self.columns if c.kind == "group"), None)

    @property
    def width(self) -> float:
        return sum(c.width for c in self.shown)


@dataclass
class ReportData:
    """A report ready to lay out: everything translated, numbers still numbers."""

    name: str
    title: str
    institution: str
    period: str  # e.g. 2026-11-01 至 2026-11-28
    made_at: datetime
    fields: list[tuple[str, str]] = field(default_factory=list)  # header: (label, value)
    sections: list[Section] = field(default_factory=list)
    signoff: list[str] = field(default_factory=list)  # translated role names

    @property
    def wide(self) -> bool:
        return any(s.width > WIDE for s in self.sections)

    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def info_line(data: ReportData) -> str:
    parts = [
        pick(f"填报单位：{data.institution}", f"Institution: {data.institution}"),
        pick(f"期间：{data.period}", f"Period: {data.period}"),
        pick(f"制表时间：{data.made_at:%Y-%m-%d %H:%M}", f"Made: {data.made_at:%Y-%m-%d %H:%M}"),
    ]
    return "    ".join(parts)


def fields_line(data: ReportData) -> str:
    sep = pick("：", ": ")
    return "    ".join(f"{k}{sep}{v}" for k, v in data.fields)


def _empty_text(sec: Section) -> str:
    return sec.empty_text or pick("（本期无记录）", "(nothing in this period)")


def _totals_label(sec: Section) -> str:
    return sec.totals_label or pick("合计", "Total")


def _sign_text(role: str) -> str:
    return f"{role}{pick('：', ':')}"


def text(col: Column, value: Any, *, plain: bool = False) -> str:
    """A value as shown in the PDF (or, `plain`, as written to CSV: no thousands separators)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    kind = col.kind
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    sep = "" if plain else ","
    if kind == "money":
        return f"{Decimal(value):{sep}.2f}"
    if kind == "price":
        whole, frac = f"{Decimal(value):{sep}.4f}".split(".")
        return f"{whole}.{frac.rstrip('0').ljust(2, '0')}"  # 0.35, 0.125, 2.50
    if kind == "num":
        return f"{float(value):{sep}.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:{sep}d}"
    return str(value)


def _grouped(sec: Section) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """Each row, preceded by (heading, {}) where the group column's value changes."""
    g = sec.group
    current: object = object()
    for row in sec.rows:
        if g is not None and row.get(g.key) != current:
            current = row.get(g.key)
            yield str(current or ""), {}
        yield None, row


# --- writing -------------------------------------------------------------------------------


def write(data: ReportData, fmt: str, path: Path, progress: Progress | None = None) -> Path:
    """Write the report; the file appears whole or not at all (cancel, error: nothing left)."""
    if fmt not in FORMATS:
        raise BadInput(
            f"未知的格式 {fmt}（可选：{'、'.join(FORMATS)}）",
            f"Unknown format {fmt} (choose: {', '.join(FORMATS)})",
            field="format",
        )
    rows = data.row_count()
    limit = MAX_ROWS.get(fmt)
    if limit is not None and rows > limit:
        raise BadInput(
            f"报表有 {rows:,} 行，{fmt.upper()} 最多 {limit:,} 行：请缩短期间，或导出为 CSV",
            f"The report has {rows:,} rows; a {fmt.upper()} holds at most {limit:,}: "
            "choose a shorter period, or export CSV",
            field="format",
        )
    path = Path(path)
    if path.is_dir():
        raise BadInput(f"{path} 是文件夹", f"{path} is a folder", field="output")
    part = path.with_name(f".{path.name}.part")
    writer: Callable[[ReportData, Path, Progress | None], None] = {
        "xlsx": _write_xlsx,
        "pdf": _write_pdf,
        "csv": _write_csv,
    }[fmt]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer(data, part, progress)
        os.replace(part, path)
    except OSError as exc:
        _remove(part)
        raise StorageError(
            f"无法写入 {path}：{exc.strerror or exc}", f"Cannot write {path}: {exc.strerror or exc}"
        ) from exc
    except BaseException:
        _remove(part)
        raise
    return path


def _remove(part: Path) -> None:
    """Remove a half-written file; a folder that never came to be holds nothing to remove."""
    with contextlib.suppress(OSError):
        part.unlink(missing_ok=True)


def _ticker(data: ReportData, progress: Progress | None) -> Callable[[], None]:
    """A per-row call that reports progress now and then (and raises Cancelled when asked)."""
    total = max(data.row_count(), 1)
    report = report_every(progress, 200)
    text_ = pick("正在写入报表…", "Writing the report…")
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        report(min(done, total), total, text_)

    return tick


# --- CSV -----------------------------------------------------------------------------------


def _write_csv(data: ReportData, path: Path, progress: Progress | None) -> None:
    """UTF-8 with a byte-order mark, so Excel on Windows reads the Chinese; one table per
    section, the section's title above it when there are several."""
    tick = _ticker(data, progress)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        for n, sec in enumerate(data.sections):
            if n:
                w.writerow([])
            if len(data.sections) > 1:
                w.writerow([sec.title])
            w.writerow([c.title() for c in sec.columns])
            for row in sec.rows:
                tick()
                w.writerow([text(c, row.get(c.key), plain=True) for c in sec.columns])
            if sec.totals is not None and sec.rows:
                values = [text(c, sec.totals.get(c.key), plain=True) for c in sec.columns]
                values[0] = values[0] or _totals_label(sec)
                w.writerow(values)


# --- xlsx ----------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_GROUP_FILL = PatternFill("solid", fgColor="EFEFEF")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FORMATS = {
    "date": "yyyy-mm-dd",
    "qty": "#,##0",
    "money": "#,##0.00",
    "price": "#,##0.00##",
    "num": "#,##0.0",
}
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_name(title: str, used: set[str]) -> str:
    base = (title.translate(_BAD_SHEET_CHARS).strip() or "Sheet")[:28]
    name, n = base, 2
    while name in used:
        name = f"{base}{n}"
        n += 1
    used.add(name)
    return name


def _cell_value(col: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if col.kind == "money" or col.kind == "price":
        return float(value) if isinstance(value, Decimal) else value
    return value


class _Styles:
    """Named cell styles, registered once per workbook: a cell then takes one assignment, which
    keeps a workbook of tens of thousands of rows quick to write."""

    def __init__(self, wb: Workbook) -> None:
        body = Font(name="SimHei", size=11)
        bold = Font(name="SimHei", size=11, bold=True)
        mid = Alignment(vertical="center")
        wrap = Alignment(vertical="center", wrap_text=True)
        right = Alignment(horizontal="right", vertical="center")
        specs: dict[str, dict[str, Any]] = {
            "title": {
                "font": Font(name="SimHei", size=16, bold=True),
                "alignment": Alignment(horizontal="centerContinuous", vertical="center"),
            },
            "info": {"font": body, "alignment": mid},
            "head": {
                "font": bold,
                "fill": _HEAD_FILL,
                "border": _GRID,
                "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
            },
            "group": {"font": bold, "fill": _GROUP_FILL, "border": _GRID, "alignment": mid},
            "sign": {"font": bold, "border": Border(bottom=_THIN), "alignment": mid},
            "plain": {"font": body, "alignment": mid},
        }
        for kind in KINDS:
            for total in (False, True):
                spec: dict[str, Any] = {
                    "font": bold if total and kind == "text" else body,
                    "border": _GRID,
                    "alignment": right if kind in NUMERIC else (mid if kind == "date" else wrap),
                }
                if kind in _FORMATS:
                    spec["number_format"] = _FORMATS[kind]
                if total:
                    spec["fill"] = _TOTAL_FILL
                specs[self.cell_name(kind, total)] = spec
        for name, spec in specs.items():
            wb.add_named_style(NamedStyle(name=f"sk-{name}", **spec))

    @staticmethod
    def cell_name(kind: str, total: bool = False) -> str:
        return f"{kind}-total" if total else kind


def _write_xlsx(data: ReportData, path: Path, progress: Progress | None) -> None:
    tick = _ticker(data, progress)
    wb = Workbook(write_only=True)
    _Styles(wb)
    used: set[str] = set()
    try:
        for sec in data.sections:
            ws = wb.create_sheet(_sheet_name(sec.title or data.title, used))
            _xlsx_sheet(ws, data, sec, tick)
    except BaseException:
        _abandon(wb)
        raise
    wb.save(path)


def _abandon(wb: Workbook) -> None:
    """A workbook left half-way (Cancel, an error): end each sheet's stream and remove the
    temporary file openpyxl streams it into, rather than leave both to the garbage collector."""
    for ws in wb.worksheets:
        if not ws.closed:
            ws.close()
        writer = getattr(ws, "_writer", None)  # openpyxl's per-sheet temporary file
        if writer is not None and os.path.exists(str(writer.out)):
            writer.cleanup()


def _xlsx_sheet(ws: Any, data: ReportData, sec: Section, tick: Callable[[], None]) -> None:
    """One section on its own sheet, streamed row by row (openpyxl's write-only mode, so no
    merged cells: titles centre across the columns, long lines run on into empty cells)."""
    cols = sec.shown
    last = len(cols)
    for i, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    # The sheet's properties and view go out ahead of the rows: set them before the first row.
    head = 4 if data.fields else 3  # the column headers' row
    ws.freeze_panes = f"A{head + 1}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    row_no = 0

    def put(values: list[Any], styles: list[str], height: float | None = None) -> None:
        nonlocal row_no
        cells = []
        for value, style in zip(values, styles, strict=True):
            cell = WriteOnlyCell(ws, value=value)
            cell.style = f"sk-{style}"
            cells.append(cell)
        row_no += 1
        if height:  # before the row goes out: a streamed row cannot be changed afterwards
            ws.row_dimensions[row_no].height = height
        ws.append(cells)

    def line(value: str, style: str, height: float | None = None) -> None:
        put([value] + [None] * (last - 1), [style] * last, height)

    title = data.title if len(data.sections) == 1 else f"{data.title} · {sec.title}"
    line(title, "title", 30)
    put([info_line(data)], ["info"], 22)
    if data.fields:
        put([fields_line(data)], ["info"], 22)
    put([c.title() for c in cols], ["head"] * last, 24)
    assert row_no == head
    kinds = [_Styles.cell_name(c.kind) for c in cols]
    if not sec.rows:
        put([_empty_text(sec)], ["plain"], 22)
    for heading, values in _grouped(sec):
        if heading is not None:
            line(heading, "group", 20)
            continue
        tick()
        put([_cell_value(c, values.get(c.key)) for c in cols], kinds)
    if sec.totals is not None and sec.rows:
        totals = dict(sec.totals)
        if totals.get(cols[0].key) in (None, ""):
            totals[cols[0].key] = _totals_label(sec)
        put(
            [_cell_value(c, totals.get(c.key)) for c in cols],
            [_Styles.cell_name("text" if i == 0 else c.kind, True) for i, c in enumerate(cols)],
        )
    put([None], ["plain"])
    roles = data.signoff
    if roles:
        blocks = _blocks(last, len(roles))
        width = max(end for _start, end in blocks)
        signs: list[Any] = [None] * width
        dates: list[Any] = [None] * width
        for role, (start, _end) in zip(roles, blocks, strict=True):
            signs[start - 1] = _sign_text(role)
            dates[start - 1] = paging.date_text()
        put(signs, ["sign"] * width, 36)
        put(dates, ["plain"] * width, 22)

    paging.a4_print_setup(
        ws, title_rows=f"{head}:{head}", footer_left=data.title, landscape=sec.width > WIDE
    )


def _blocks(last: int, n: int) -> list[tuple[int, int]]:
    """n runs of columns across `last` columns for the sign-off lines (the last takes the rest)."""
    if last < n:  # fewer columns than roles: one column each, past the table's edge
        return [(1 + i, 1 + i) for i in range(n)]
    width = last // n
    return [(1 + i * width, (i + 1) * width if i < n - 1 else last) for i in range(n)]


# --- PDF -----------------------------------------------------------------------------------

MARGIN = 12 * mm
BODY = 8.5  # points: the table's text
CROWDED = 150  # characters of columns beyond which the table's text gets smaller (down to 7 pt)


def _body_size(data: ReportData) -> float:
    widest = max((s.width for s in data.sections), default=0)
    return BODY if widest <= CROWDED else max(7.0, BODY * CROWDED / widest)


def _styles(size: float) -> dict[str, ParagraphStyle]:
    font = fonts.register()
    lead = size * 1.25
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=20, alignment=1),
        "info": ParagraphStyle("info", fontName=font, fontSize=9, leading=12),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=11, leading=15, spaceBefore=8),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size, leading=lead),
        "num": ParagraphStyle("num", fontName=font, fontSize=size, leading=lead, alignment=2),
        "head": ParagraphStyle("head", fontName=font, fontSize=size, leading=lead, alignment=1),
        "group": ParagraphStyle("group", fontName=font, fontSize=9, leading=11),
        "sign": ParagraphStyle("sign", fontName=font, fontSize=10, leading=13),
    }


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbered(title: str, made: str) -> type[rl_canvas.Canvas]:
    """第 x 页 共 y 页, the title and the time made on every page."""
    return paging.numbered_canvas(title, made, margin=MARGIN)


def _widths(cols: list[Column], page_width: float, size: float) -> list[float]:
    """Dates get what a date needs (they must not wrap); the rest share the page by width."""
    date_width = fonts.string_width("0000-00-00", size) + 10
    fixed = {i: date_width for i, c in enumerate(cols) if c.kind == "date"}
    rest = page_width - sum(fixed.values())
    share = sum(c.width for i, c in enumerate(cols) if i not in fixed) or 1
    return [fixed.get(i) or rest * c.width / share for i, c in enumerate(cols)]


def _para_text(line: str) -> str:
    """Escaped for a Paragraph, keeping the gaps between header fields (HTML would fold them)."""
    return _esc(line).replace("    ", "&nbsp;" * 4)


def _pdf_table(
    sec: Section, page_width: float, st: dict[str, ParagraphStyle], size: float, tick: Any
) -> Any:
    cols = sec.shown
    widths = _widths(cols, page_width, size)
    font = fonts.register()
    pad = 8  # left + right cell padding
    rows: list[list[object]] = [[Paragraph(_esc(c.title()), st["head"]) for c in cols]]
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i, c in enumerate(cols):
        if c.kind in NUMERIC:
            style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))

    def cells(values: dict[str, Any]) -> list[object]:
        out: list[object] = []
        for c, w in zip(cols, widths, strict=True):
            s = text(c, values.get(c.key))
            # A Paragraph only where the text must wrap: thousands of rows stay quick to lay out.
            if s and fonts.string_width(s, size) > w - pad:
                out.append(Paragraph(_esc(s), st["num" if c.kind in NUMERIC else "cell"]))
            else:
                out.append(s)
        return out

    def full_row(s: str, background: str) -> None:
        rows.append([Paragraph(_esc(s), st["group"])] + [""] * (len(cols) - 1))
        n = len(rows) - 1
        style.extend(
            [
                ("SPAN", (0, n), (-1, n)),
                ("BACKGROUND", (0, n), (-1, n), colors.HexColor(background)),
            ]
        )

    if not sec.rows:
        full_row(_empty_text(sec), "#FFFFFF")
    for heading, values in _grouped(sec):
        if heading is not None:
            full_row(heading, "#EFEFEF")
            continue
        tick()
        rows.append(cells(values))
    if sec.totals is not None and sec.rows:
        totals = dict(sec.totals)
        if totals.get(cols[0].key) in (None, ""):
            totals[cols[0].key] = _totals_label(sec)
        rows.append(cells(totals))
        n = len(rows) - 1
        style.append(("BACKGROUND", (0, n), (-1, n), colors.HexColor("#F2F2F2")))
    # LongTable splits across pages in linear time: a long ledger card stays quick to build.
    table = LongTable(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _fields_table(data: ReportData, width: float, st: dict[str, ParagraphStyle]) -> Table:
    """The header's fields four (or three) to a line, each kept whole where it can be."""
    per_line = 4 if data.wide else 3
    sep = pick("：", ": ")
    if any(fonts.string_width(f"{k}{sep}{v}", 9) > width / per_line - 6 for k, v in data.fields):
        per_line = 2  # a long field (a method, a hold's note) gets half a line rather than wrap
    cells = [Paragraph(_esc(f"{k}{sep}{v}"), st["info"]) for k, v in data.fields]
    while len(cells) % per_line:
        cells.append(Paragraph("", st["info"]))
    grid = [cells[i : i + per_line] for i in range(0, len(cells), per_line)]
    t = Table(grid, colWidths=[width / per_line] * per_line, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _sign_table(roles: list[str], width: float, st: dict[str, ParagraphStyle]) -> Table:
    each = width / max(len(roles), 1)
    row1 = [Paragraph(_esc(_sign_text(r)), st["sign"]) for r in roles]
    row2 = [Paragraph(_esc(paging.date_text()), st["sign"]) for _ in roles]
    t = Table([row1, row2], colWidths=[each] * len(roles), rowHeights=[34, 22])
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


def pdf_bytes(data: ReportData, progress: Progress | None = None) -> bytes:
    """The report as PDF: the bundled font embedded, column headers on every page."""
    tick = _ticker(data, progress)
    page = landscape(A4) if data.wide else A4
    width = page[0] - 2 * MARGIN
    size = _body_size(data)
    with fonts.pdf_lock:
        st = _styles(size)
        story: list[Any] = [
            Paragraph(_esc(data.title), st["title"]),
            Spacer(1, 4),
            Paragraph(_para_text(info_line(data)), st["info"]),
        ]
        if data.fields:
            story.append(_fields_table(data, width, st))
        story.append(Spacer(1, 4))
        for sec in data.sections:
            if sec.title:
                story.append(Paragraph(_esc(sec.title), st["h2"]))
            story.append(Spacer(1, 3))
            story.append(_pdf_table(sec, width, st, size, tick))
        story.append(Spacer(1, 12))
        if data.signoff:
            story.append(KeepTogether([_sign_table(data.signoff, width, st)]))
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf,
            pagesize=page,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=14 * mm,
            title=data.title,
            author=data.institution or "Storekeeper",
        )
        made = pick(f"制表 {data.made_at:%Y-%m-%d %H:%M}", f"Made {data.made_at:%Y-%m-%d %H:%M}")
        doc.build(story, canvasmaker=_numbered(data.title, made))
        return buf.getvalue()


def _write_pdf(data: ReportData, path: Path, progress: Progress | None) -> None:
    Path(path).write_bytes(pdf_bytes(data, progress))
