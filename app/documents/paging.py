"""Page furniture every printed document shares: 第 x 页 共 y 页 on PDFs, A4 print setup for xlsx."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from app.documents import fonts
from app.domain.i18n import pick
from app.domain.signoff import label as role_label


def page_of(n: int, total: int) -> str:
    return pick(f"第 {n} 页 共 {total} 页", f"Page {n} of {total}")


def numbered_canvas(
    left: str,
    right: str = "",
    *,
    margin: float = 12 * mm,
    size: float = 8,
    page_text: Callable[[int, int], str] = page_of,
) -> type[rl_canvas.Canvas]:
    """A canvas that writes the page count (known only at the end) and a left/right footer."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(fonts.register(), size)
                w, _h = self._pagesize
                self.drawCentredString(w / 2, 7 * mm, page_text(n, total))
                if left:
                    self.drawString(margin, 7 * mm, left)
                if right:
                    self.drawRightString(w - margin, 7 * mm, right)
                super().showPage()
            super().save()

    return NumberedCanvas


def a4_print_setup(
    ws: Worksheet, *, title_rows: str, footer_left: str, landscape: bool = True
) -> None:
    """A4, fit to one page wide, `title_rows` (e.g. "1:5") repeated, page x of y in the footer."""
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # without it Excel ignores fitToWidth
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = pick("第 &P 页 共 &N 页", "Page &P of &N")
    ws.oddFooter.left.text = footer_left


def sign_text(role: str) -> str:
    """The caption of a sign-off line for a role code: 保管员： / Storekeeper:"""
    return pick(f"{role_label(role, 'zh_CN')}：", f"{role_label(role, 'en').capitalize()}:")


def date_text() -> str:
    return pick("日期：", "Date:")


_THIN = Side(style="thin", color="808080")


def xlsx_sign_off(
    ws: Worksheet, row: int, roles: tuple[str, ...], last: int, *, bold: Font, body: Font
) -> None:
    """Sign-off lines across columns 1…`last` at `row`: one merged block per role, a line to sign
    on, and a date under it (the last block takes the columns left over)."""
    width = last // len(roles)
    for i, role in enumerate(roles):
        start = 1 + i * width
        end = (i + 1) * width if i < len(roles) - 1 else last
        ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        cell = ws.cell(row=row, column=start, value=sign_text(role))
        cell.font = bold
        cell.alignment = Alignment(vertical="bottom")
        for col in range(start + 1, end + 1):
            ws.cell(row=row, column=col).border = Border(bottom=_THIN)
        ws.merge_cells(start_row=row + 1, start_column=start, end_row=row + 1, end_column=end)
        ws.cell(row=row + 1, column=start, value=date_text()).font = body
    ws.row_dimensions[row].height = 40
    ws.row_dimensions[row + 1].height = 24
