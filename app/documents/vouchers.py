"""Voucher paper forms as PDF: the 入库单 (receipt, 防疫物资增加凭单) and a plain form for the rest.

Plain data in (services.vouchers.VoucherDoc), bytes out; the window and `storekeeper voucher` use
the same function. The bundled font is embedded; drawn signatures are placed in their boxes, a
PIN sign-off is written as such.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
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
from app.domain import codes, i18n, inspection, signoff
from app.domain.units import pack_form, parse_packs
from app.services.vouchers import VoucherDoc

PAGE = landscape(A4)
MARGIN = 12 * mm
SIGN_IMAGE = (42 * mm, 12 * mm)
GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#eef2f6")

TITLES = {
    "receipt": ("防疫物资入库单", "Receipt of epidemic-prevention supplies"),
    "issue": ("防疫物资出库单", "Issue voucher"),
    "move": ("移库单", "Transfer between slots"),
    "loan": ("借用单", "Loan voucher"),
    "return": ("归还单", "Return voucher"),
    "write_off": ("防疫物资减损凭单", "Write-off voucher"),
    "adjustment": ("盘点调整单", "Stocktake adjustment"),
    "reversal": ("冲销单", "Reversal voucher"),
    "opening": ("期初库存单", "Opening balance"),
}


@dataclass(frozen=True)
class _Lang:
    lang: str

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh_CN" else en

    def code(self, code: str | None) -> str:
        if not code:
            return ""
        zh, en = codes.names(code)
        return self.t(zh, en)


def _styles() -> dict[str, ParagraphStyle]:
    font = fonts.register()
    return {
        "inst": ParagraphStyle("inst", fontName=font, fontSize=12, leading=15, alignment=1),
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=22, alignment=1),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=9, leading=12, alignment=1),
        "info": ParagraphStyle("info", fontName=font, fontSize=9.5, leading=13),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5),
        "small": ParagraphStyle("small", fontName=font, fontSize=7, leading=8.5),
        "num": ParagraphStyle("num", fontName=font, fontSize=8.5, leading=10.5, alignment=2),
        "head": ParagraphStyle("head", fontName=font, fontSize=8.5, leading=10.5, alignment=1),
        "sign": ParagraphStyle("sign", fontName=font, fontSize=9.5, leading=12),
        "mark": ParagraphStyle(
            "mark", fontName=font, fontSize=11, leading=14, textColor=colors.HexColor("#a61b1b")
        ),
    }


def _esc(text: object) -> str:
    return (
        str(text if text is not None else "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _four(n: int) -> str:
    """0 < n < 10000 in capital numerals, inner zeros as one 零."""
    out, zero = "", False
    for i, ch in enumerate(f"{n:04d}"):
        d = int(ch)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + ("仟", "佰", "拾", "")[i]
    return out


def rmb_upper(amount: Decimal) -> str:
    """¥1,234.50 → 壹仟贰佰叁拾肆元伍角整, as written on Chinese vouchers."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount < 0:
        return "负" + rmb_upper(-amount)
    yuan = int(amount)
    cents = int((amount - yuan) * 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "零元整"
    text = ""
    if yuan:
        groups = []
        n = yuan
        while n:
            n, g = divmod(n, 10000)
            groups.append(g)
        pending_zero = False
        for idx in range(len(groups) - 1, -1, -1):
            g = groups[idx]
            if g == 0:
                pending_zero = bool(text)
                continue
            if text and (pending_zero or g < 1000):
                text += "零"
            text += _four(g) + ("", "万", "亿", "万亿")[idx]
            pending_zero = False
        text += "元"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan and fen:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def _money(value: Decimal | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


def _price(value: Decimal | None) -> str:
    """Up to 4 decimals (a mask costs 0.3500 元), at least 2."""
    if value is None:
        return ""
    whole, frac = f"{value:,.4f}".split(".")
    return f"{whole}.{frac.rstrip('0').ljust(2, '0')}"


def _qty(n: int, unit: str, packs: str, st: dict[str, ParagraphStyle]) -> Paragraph:
    pf = pack_form(n, unit, parse_packs(packs))
    small = f"<br/><font size=6.5>{_esc('= ' + pf)}</font>" if pf else ""
    return Paragraph(f"{n:,}{small}", st["num"])


def _numbered(number: str, check: str, lang: _Lang) -> type[rl_canvas.Canvas]:
    """第 x 页 共 y 页, the number and a short check code on every page."""
    return paging.numbered_canvas(
        number,
        lang.t(f"校验码 {check}", f"Check code {check}") if check else "",
        margin=MARGIN,
        size=8.5,
        page_text=lambda n, total: lang.t(f"第 {n} 页 共 {total} 页", f"Page {n} of {total}"),
    )


def _info_table(rows: list[list[tuple[str, str]]], st: dict[str, ParagraphStyle]) -> Table:
    width = PAGE[0] - 2 * MARGIN
    cols = max(len(r) for r in rows)
    data = [
        [Paragraph(f"<font color='#52606d'>{_esc(k)}：</font>{_esc(v)}", st["info"]) for k, v in r]
        + [""] * (cols - len(r))
        for r in rows
    ]
    t = Table(data, colWidths=[width / cols] * cols)
    t.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


def _grid_style(header_rows: int = 1) -> list[tuple]:
    font = fonts.register()
    return [
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]


def _receipt_table(doc: VoucherDoc, st: dict[str, ParagraphStyle], lang: _Lang) -> Table:
    t = lang.t
    heads = [
        (t("序号", "No."), 24),
        (t("物资名称", "Item"), 0),
        (t("规格", "Spec"), 78),
        (t("单位", "Unit"), 28),
        (t("批号", "Batch"), 66),
        (t("有效期至", "Expiry"), 56),
        (t("到货数量", "Delivered"), 48),
        (t("合格数量", "Accepted"), 48),
        (t("拒收数量", "Rejected"), 42),
        (t("拒收原因", "Reason"), 0),
        (t("货位", "Slot"), 76),
        (t("单价(元)", "Price"), 44),
        (t("金额(元)", "Value"), 56),
    ]
    fixed = sum(w for _h, w in heads)
    free = PAGE[0] - 2 * MARGIN - fixed
    widths = [w or free * (0.58 if i == 1 else 0.42) for i, (_h, w) in enumerate(heads)]
    data: list[list[object]] = [[Paragraph(_esc(h), st["head"]) for h, _w in heads]]
    for r in doc.receipt_lines:
        reason = inspection.label(r.reject_reason, lang.lang)
        if r.reject_note:
            reason = f"{reason}：{r.reject_note}" if reason else r.reject_note
        slots = "<br/>".join(
            f"{_esc(code)} ×{qty:,}" if len(r.slots) > 1 else _esc(code) for code, qty in r.slots
        )
        name = _esc(r.item_name)
        if r.reg_cert_no:
            name += f"<br/><font size=6.5 color='#52606d'>{_esc(r.reg_cert_no)}</font>"
        data.append(
            [
                Paragraph(str(r.line_no), st["head"]),
                Paragraph(name, st["cell"]),
                Paragraph(_esc(r.spec), st["cell"]),
                Paragraph(_esc(r.unit), st["head"]),
                Paragraph(_esc(r.batch), st["cell"]),
                Paragraph(r.expiry.isoformat() if r.expiry else "—", st["head"]),
                _qty(r.delivered, r.unit, r.packs, st),
                _qty(r.accepted, r.unit, r.packs, st),
                Paragraph(f"{r.rejected:,}" if r.rejected else "", st["num"]),
                Paragraph(_esc(reason), st["cell"]),
                Paragraph(slots, st["cell"]),
                Paragraph(_price(r.unit_price), st["num"]),
                Paragraph(_money(r.value), st["num"]),
            ]
        )
    units = {r.unit for r in doc.receipt_lines}
    one_unit = len(units) == 1
    total = doc.value
    rejected_lines = sum(1 for r in doc.receipt_lines if r.rejected)
    summary = t(
        f"合计 {len(doc.receipt_lines)} 项"
        + (f"，其中 {rejected_lines} 项有拒收" if rejected_lines else ""),
        f"Total: {len(doc.receipt_lines)} lines"
        + (f", {rejected_lines} with rejections" if rejected_lines else ""),
    )
    data.append(
        [Paragraph(summary, st["cell"])]
        + [""] * 5
        + [
            Paragraph(
                f"{sum(r.delivered for r in doc.receipt_lines):,}" if one_unit else "", st["num"]
            ),
            Paragraph(
                f"{sum(r.accepted for r in doc.receipt_lines):,}" if one_unit else "", st["num"]
            ),
            Paragraph(
                f"{sum(r.rejected for r in doc.receipt_lines):,}" if one_unit else "", st["num"]
            ),
            "",
            "",
            "",
            Paragraph(_money(total), st["num"]),
        ]
    )
    table = Table(data, colWidths=widths, repeatRows=1)
    style = _grid_style()
    last = len(data) - 1
    style += [("SPAN", (0, last), (5, last)), ("BACKGROUND", (0, last), (-1, last), SHADE)]
    table.setStyle(TableStyle(style))
    return table


def _plain_table(doc: VoucherDoc, st: dict[str, ParagraphStyle], lang: _Lang) -> Table:
    t = lang.t
    move = doc.vtype == "move"
    heads = [
        (t("序号", "No."), 24),
        (t("物资编码", "Code"), 64),
        (t("物资名称", "Item"), 0),
        (t("规格", "Spec"), 90),
        (t("单位", "Unit"), 30),
        (t("批号", "Batch"), 76),
        (t("有效期至", "Expiry"), 60),
        (t("货位", "Slot"), 64),
    ]
    if move:
        heads.append((t("移至货位", "To slot"), 64))
    heads += [(t("数量", "Quantity"), 56), (t("领用人/往来方", "Person / party"), 90)]
    free = PAGE[0] - 2 * MARGIN - sum(w for _h, w in heads)
    widths = [w or free for _h, w in heads]
    data: list[list[object]] = [[Paragraph(_esc(h), st["head"]) for h, _w in heads]]
    for ln in doc.lines:
        row = [
            Paragraph(str(ln.line_no), st["head"]),
            Paragraph(_esc(ln.item_code), st["cell"]),
            Paragraph(_esc(ln.item_name), st["cell"]),
            Paragraph(_esc(ln.spec), st["cell"]),
            Paragraph(_esc(ln.unit), st["head"]),
            Paragraph(_esc(ln.batch), st["cell"]),
            Paragraph(ln.expiry.isoformat() if ln.expiry else "—", st["head"]),
            Paragraph(_esc(ln.slot), st["cell"]),
        ]
        if move:
            row.append(Paragraph(_esc(ln.to_slot), st["cell"]))
        row += [Paragraph(f"{ln.qty:,}", st["num"]), Paragraph(_esc(ln.party), st["cell"])]
        data.append(row)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(_grid_style()))
    return table


def _signature_table(doc: VoucherDoc, st: dict[str, ParagraphStyle], lang: _Lang) -> Table:
    """One box per role of the form: the role, the drawn signature (or the PIN note) on the
    line, the printed name and time beneath."""
    roles = list(signoff.roles_for(doc.vtype).all)
    signed = {s.role: s for s in doc.signatures}
    roles += [r for r in signed if r not in roles]
    if not roles:
        roles = ["handler", "storekeeper"]
    width = (PAGE[0] - 2 * MARGIN) / len(roles)
    label_w = 44
    boxes, names = [], []
    for role in roles:
        head = Paragraph(_esc(signoff.label(role, lang.lang)) + "：", st["sign"])
        s = signed.get(role)
        mark: object = ""
        if s is None:
            names.append(Paragraph(lang.t("日期：", "Date:"), st["sign"]))
        else:
            if s.png:
                img = ImageReader(io.BytesIO(s.png))
                iw, ih = img.getSize()
                scale = min(SIGN_IMAGE[0] / iw, SIGN_IMAGE[1] / ih)
                mark = Image(io.BytesIO(s.png), width=iw * scale, height=ih * scale)
            else:
                mark = Paragraph(
                    _esc(lang.t("（已用 PIN 确认）", "(confirmed with PIN)")), st["sign"]
                )
            when = s.signed_at.strftime("%Y-%m-%d %H:%M") if s.signed_at else ""
            names.append(Paragraph(f"{_esc(s.name)}　<font size=7.5>{when}</font>", st["sign"]))
        box = Table(
            [[head, mark]],
            colWidths=[label_w, width - label_w - 18],
            rowHeights=[SIGN_IMAGE[1] + 4],
        )
        box.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LINEBELOW", (1, 0), (1, 0), 0.5, colors.grey),
                ]
            )
        )
        boxes.append(box)
    t = Table([boxes, names], colWidths=[width] * len(roles))
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 16),
                ("LEFTPADDING", (0, 1), (-1, 1), label_w + 2),
                ("TOPPADDING", (0, 1), (-1, 1), 1),
            ]
        )
    )
    return t


def voucher_pdf_bytes(doc: VoucherDoc, lang: str | None = None) -> bytes:
    """The paper form of a voucher (a receipt gets the full 入库单 layout)."""
    lg = _Lang(lang or i18n.language())
    t = lg.t
    st = _styles()
    zh, en = TITLES.get(doc.vtype, ("单据", "Voucher"))
    story: list = []
    if doc.institution:
        story.append(Paragraph(_esc(doc.institution), st["inst"]))
    story.append(Paragraph(_esc(t(zh, en)), st["title"]))
    if doc.vtype == "receipt":
        story.append(Paragraph(_esc(t("（防疫物资增加凭单）", "(增加凭单)")), st["sub"]))
    story.append(Spacer(1, 6))
    if doc.status != "posted":
        story.append(
            Paragraph(
                _esc(t("草稿 — 尚未过账，不作入库凭证", "DRAFT — not posted, not a valid voucher")),
                st["mark"],
            )
        )
    number = doc.number or t("（草稿）", "(draft)")
    if doc.vtype == "receipt":
        party_key = {
            "donor": t("捐赠方", "Donor"),
            "office": t("调拨单位", "Allocating office"),
        }.get(doc.party_kind or "", t("供货单位", "Supplier"))
        rows = [
            [
                (t("单号", "No."), number),
                (t("入库日期", "Date"), doc.doc_date.isoformat()),
                (t("来源", "Source"), lg.code(doc.source)),
            ],
            [
                (party_key, doc.party),
                (t("送货人", "Deliverer"), doc.deliverer),
                (t("送货单号", "Delivery note"), doc.reference),
            ],
        ]
    else:
        rows = [
            [
                (t("单号", "No."), number),
                (t("日期", "Date"), doc.doc_date.isoformat()),
                (t("类型", "Type"), lg.code(doc.vtype)),
            ],
            [
                (t("往来方", "Party"), doc.party),
                (t("凭证/依据", "Reference"), doc.reference),
                (t("制单", "Posted by"), doc.posted_by),
            ],
        ]
    if doc.note:
        rows.append([(t("备注", "Note"), doc.note)])
    story += [_info_table(rows, st), Spacer(1, 6)]
    if doc.vtype == "receipt":
        story.append(_receipt_table(doc, st, lg))
        if doc.value is not None:
            story += [
                Spacer(1, 4),
                Paragraph(
                    _esc(
                        t(
                            f"金额合计（大写）：{rmb_upper(doc.value)}　　（小写）¥{_money(doc.value)}",
                            f"Total value: ¥{_money(doc.value)} ({rmb_upper(doc.value)})",
                        )
                    ),
                    st["info"],
                ),
            ]
    else:
        story.append(_plain_table(doc, st, lg))
    footer = []
    if doc.posted_at:
        footer.append(
            t(
                f"过账时间 {doc.posted_at:%Y-%m-%d %H:%M}"
                + (f"，制单 {doc.posted_by}" if doc.posted_by else ""),
                f"Posted {doc.posted_at:%Y-%m-%d %H:%M}"
                + (f" by {doc.posted_by}" if doc.posted_by else ""),
            )
        )
    if doc.vtype == "receipt":
        footer.append(t("拒收物资不入库。", "Rejected goods do not enter stock."))
    story += [Spacer(1, 4), Paragraph(_esc("；".join(footer)), st["small"]), Spacer(1, 8)]
    story.append(KeepTogether([_signature_table(doc, st, lg)]))

    buf = io.BytesIO()
    pdf = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=9 * mm,
        bottomMargin=13 * mm,
        title=f"{t(zh, en)} {doc.number or ''}".strip(),
        author="Storekeeper",
    )
    check = (doc.content_hash or "")[:12]
    with fonts.pdf_lock:  # the shared font's subset table: one PDF at a time across threads
        pdf.build(story, canvasmaker=_numbered(doc.number or "", check, lg))
    return buf.getvalue()


def write_pdf(doc: VoucherDoc, path: Path, lang: str | None = None) -> Path:
    path = Path(path)
    path.write_bytes(voucher_pdf_bytes(doc, lang))
    return path
