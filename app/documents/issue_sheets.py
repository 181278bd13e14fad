"""Issuing papers as PDF: the sign sheet (签领表) of a batch issue and the lot trace (批次追溯表).

Plain data in, bytes out; the window and the command line use the same functions. The bundled
font is embedded. The issue voucher itself is documents.vouchers' plain form.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents import fonts
from app.domain import codes, i18n
from app.domain.outbound import label as outbound_label
from app.services.issuing import SignSheet
from app.services.lots import Trace

MARGIN = 15 * mm
GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#eef2f6")


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh_CN" else en


def _styles() -> dict[str, ParagraphStyle]:
    font = fonts.register()
    return {
        "inst": ParagraphStyle("inst", fontName=font, fontSize=12, leading=15, alignment=1),
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=23, alignment=1),
        "info": ParagraphStyle("info", fontName=font, fontSize=10, leading=14),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12),
        "head": ParagraphStyle("head", fontName=font, fontSize=9.5, leading=12, alignment=1),
        "small": ParagraphStyle("small", fontName=font, fontSize=8, leading=10),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8),
    }


def _esc(text: object) -> str:
    return (
        str(text if text is not None else "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _grid(header_rows: int = 1) -> list[tuple]:
    return [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _footer(lang: str, text: str):  # noqa: ANN202 - reportlab's page callback
    def draw(canvas, doc) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont(fonts.register(), 8)
        canvas.drawString(MARGIN, 9 * mm, text)
        canvas.drawRightString(
            A4[0] - MARGIN, 9 * mm, _t(lang, f"第 {doc.page} 页", f"Page {doc.page}")
        )
        canvas.restoreState()

    return draw


def _document(buf: io.BytesIO, title: str) -> SimpleDocTemplate:
    """An A4 page with the margins both sheets share."""
    return SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
        title=title,
        author="Storekeeper",
    )


def sign_sheet_pdf(sheet: SignSheet, lang: str | None = None) -> bytes:
    """签领表: one row per person with an empty box to sign in; the issuer signs at the foot."""
    lang = lang or i18n.language()
    st = _styles()
    buf = io.BytesIO()
    doc = _document(buf, _t(lang, "防疫物资签领表", "Sign sheet"))
    story = [
        Paragraph(_esc(sheet.institution), st["inst"]),
        Paragraph(_t(lang, "防疫物资签领表", "Sign sheet for issued supplies"), st["title"]),
        Spacer(1, 4 * mm),
    ]
    info = [
        [
            Paragraph(_t(lang, "部门/班级：", "Department: ") + _esc(sheet.department), st["info"]),
            Paragraph(_t(lang, "日期：", "Date: ") + sheet.title_date.isoformat(), st["info"]),
            Paragraph(
                _t(lang, "单号：", "Voucher: ") + _esc(sheet.number or _t(lang, "草稿", "draft")),
                st["info"],
            ),
        ],
        [
            Paragraph(_t(lang, "用途：", "Purpose: ") + _esc(sheet.purpose), st["info"]),
            "",
            "",
        ],
    ]
    width = A4[0] - 2 * MARGIN
    t = Table(info, colWidths=[width * 0.42, width * 0.28, width * 0.30])
    t.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1)), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [t, Spacer(1, 3 * mm)]
    head = [
        _t(lang, "序号", "No."),
        _t(lang, "工号", "Staff no."),
        _t(lang, "姓名", "Name"),
        _t(lang, "岗位", "Role"),
        _t(lang, "物资", "Item"),
        _t(lang, "批号", "Batch"),
        _t(lang, "数量", "Qty"),
        _t(lang, "领用人签字", "Signature"),
    ]
    rows = [[Paragraph(h, st["head"]) for h in head]]
    for n, r in enumerate(sheet.rows, start=1):
        rows.append(
            [
                Paragraph(str(n), st["head"]),
                Paragraph(_esc(r.staff_no), st["cell"]),
                Paragraph(_esc(r.name), st["cell"]),
                Paragraph(_esc(r.role), st["cell"]),
                Paragraph(_esc(r.item), st["cell"]),
                Paragraph(_esc(r.batch), st["cell"]),
                Paragraph(_esc(r.qty), st["head"]),
                "",
            ]
        )
    cols = [12, 18, 22, 20, 38, 26, 18, 36]
    scale = width / (sum(cols) * mm)
    table = Table(
        rows,
        colWidths=[c * mm * scale for c in cols],
        rowHeights=[None] + [11 * mm] * len(sheet.rows),
        repeatRows=1,
    )
    table.setStyle(TableStyle(_grid()))
    story += [table, Spacer(1, 8 * mm)]
    foot = Table(
        [
            [
                Paragraph(_t(lang, "发放人：", "Issued by: ") + _esc(sheet.issuer), st["info"]),
                Paragraph(_t(lang, "审核人：", "Approved by: "), st["info"]),
                Paragraph(_t(lang, "日期：", "Date: "), st["info"]),
            ]
        ],
        colWidths=[width / 3] * 3,
    )
    story.append(foot)
    footer = _footer(
        lang,
        _t(lang, "每人签字后交保管员存档", "Everyone signs; the storekeeper files the sheet"),
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


# --- lot trace --------------------------------------------------------------------------------


def trace_pdf(
    t: Trace, institution: str, lang: str | None = None, made_at: datetime | None = None
) -> bytes:
    """批次追溯表: where a lot came from and everyone who received it, ready for a recall."""
    lang = lang or i18n.language()
    st = _styles()
    buf = io.BytesIO()
    doc = _document(buf, _t(lang, "批次追溯表", "Lot trace"))
    width = A4[0] - 2 * MARGIN
    story = [
        Paragraph(_esc(institution), st["inst"]),
        Paragraph(_t(lang, "防疫物资批次追溯表", "Lot trace"), st["title"]),
        Spacer(1, 4 * mm),
    ]
    info = [
        [
            Paragraph(_t(lang, "物资：", "Item: ") + _esc(f"{t.item_name} {t.spec}"), st["info"]),
            Paragraph(_t(lang, "批号：", "Batch: ") + _esc(t.batch), st["info"]),
        ],
        [
            Paragraph(
                _t(lang, "生产日期：", "Produced: ")
                + (t.production_date.isoformat() if t.production_date else "—"),
                st["info"],
            ),
            Paragraph(
                _t(lang, "有效期至：", "Expires: ") + (t.expiry.isoformat() if t.expiry else "—"),
                st["info"],
            ),
        ],
    ]
    hold = next((h for h in t.holds if h.released_at is None), None)
    if hold is not None:
        info.append(
            [
                Paragraph(
                    _t(lang, "状态：已冻结 ", "Status: on hold, ")
                    + _esc(hold_text(hold.reason, hold.note)),
                    st["info"],
                ),
                "",
            ]
        )
    story.append(Table(info, colWidths=[width * 0.6, width * 0.4]))

    def section(title: str, head: list[str], body: list[list[str]], cols: list[float]) -> None:
        story.append(Paragraph(title, st["h2"]))
        if not body:
            story.append(Paragraph(_t(lang, "（无）", "(none)"), st["cell"]))
            return
        rows = [[Paragraph(h, st["head"]) for h in head]] + [
            [Paragraph(_esc(c), st["cell"]) for c in r] for r in body
        ]
        scale = width / sum(cols)
        table = Table(rows, colWidths=[c * scale for c in cols], repeatRows=1)
        table.setStyle(TableStyle(_grid()))
        story.append(table)

    u = t.unit
    section(
        _t(lang, "一、来源", "1. Where it came from"),
        [
            _t(lang, "日期", "Date"),
            _t(lang, "单号", "Voucher"),
            _t(lang, "来自", "From"),
            _t(lang, "来源", "Source"),
            _t(lang, "数量", "Qty"),
        ],
        [
            [
                m.doc_date.isoformat(),
                m.voucher,
                m.party,
                codes.label(m.source or m.vtype),
                f"{m.delta:,} {u}",
            ]
            for m in t.sources
        ],
        [24, 30, 60, 24, 24],
    )
    section(
        _t(lang, "二、领用人员及部门", "2. Everyone who received it"),
        [
            _t(lang, "领用人/部门", "Receiver"),
            _t(lang, "类别", "Kind"),
            _t(lang, "所属部门", "Department"),
            _t(lang, "首次", "First"),
            _t(lang, "最近", "Last"),
            _t(lang, "数量", "Qty"),
        ],
        [
            [
                r.party,
                codes.label(r.party_kind),
                r.department,
                r.first.isoformat(),
                r.last.isoformat(),
                f"{r.qty:,} {u}",
            ]
            for r in t.receivers
        ],
        [34, 20, 30, 24, 24, 22],
    )
    section(
        _t(lang, "三、全部出入记录", "3. Every movement"),
        [
            _t(lang, "日期", "Date"),
            _t(lang, "单号", "Voucher"),
            _t(lang, "类型", "Type"),
            _t(lang, "往来方", "Party"),
            _t(lang, "货位", "Slot"),
            _t(lang, "数量", "Qty"),
        ],
        [
            [
                m.doc_date.isoformat(),
                m.voucher + (_t(lang, "（已冲销）", " (reversed)") if m.reversed else ""),
                codes.label(m.vtype),
                m.party,
                m.slot,
                f"{m.delta:+,} {u}",
            ]
            for m in t.movements
        ],
        [22, 34, 18, 34, 22, 22],
    )
    section(
        _t(lang, "四、现存", "4. Still on the shelves"),
        [_t(lang, "货位", "Slot"), _t(lang, "数量", "Qty")],
        [[s, f"{q:,} {u}"] for s, q in t.on_hand],
        [50, 50],
    )
    footer = _footer(
        lang,
        _t(lang, "打印时间 ", "Printed ") + (made_at or datetime.now()).strftime("%Y-%m-%d %H:%M"),
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def hold_text(reason: str, note: str) -> str:
    return f"{outbound_label(reason)} {note}".strip()


def write(data: bytes, path: Path) -> Path:
    path = Path(path)
    path.write_bytes(data)
    return path
