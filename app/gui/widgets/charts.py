"""The dashboard's pictures, drawn with pyqtgraph: use over 90 days, and days of cover.

pyqtgraph (with numpy) takes a few hundred milliseconds to import, so this module is imported
only after the window has shown (DashboardPage.build_charts). Charts take plain data from
services.dashboard and draw it in the app font, so Chinese names and axis captions render.
The plots are pictures, not instruments: no mouse zoom, no context menu.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.gui import theme

# One line colour per series, distinct for colour-blind readers too (Okabe–Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
AXIS = "#52606d"
GRID_ALPHA = 0.18
# Cover bars: the status colours' meaning (red none left, orange < 30 days, yellow < 90 days,
# green fine), drawn stronger than the table backgrounds so a bar reads on white.
COVER_COLOURS = {"expired": "#c62828", "soon": "#ef8a17", "watch": "#e3b505", "ok": "#4a9a5c"}
COVER_CAP = 180  # days: longer cover is drawn as 180 and labelled with its real number


def cover_status(days: float) -> str:
    if days < 1:
        return "expired"
    if days < 30:
        return "soon"
    if days < 90:
        return "watch"
    return "ok"


def _font(size: int = 12) -> QFont:
    return theme.app_font(size)


class _Chart(QWidget):
    """A PlotWidget set up as a quiet picture: white, grid, app font, no interaction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setMinimumHeight(150)
        self.item = self.plot.getPlotItem()
        self.item.setMenuEnabled(False)
        self.item.hideButtons()
        self.item.getViewBox().setMouseEnabled(x=False, y=False)
        self.item.getViewBox().setDefaultPadding(0.02)
        for name in ("left", "bottom"):
            axis = self.item.getAxis(name)
            axis.setStyle(tickFont=_font(12))
            axis.setPen(pg.mkPen(AXIS))
            axis.setTextPen(pg.mkPen(AXIS))
        self.empty = pg.TextItem("", color=AXIS, anchor=(0.5, 0.5))
        self.empty.setFont(_font(14))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def _label(self, axis: str, text: str) -> None:
        family = theme.load_font() or ""
        self.item.setLabel(
            axis, text, **{"color": AXIS, "font-size": "12px", "font-family": family}
        )

    def _show_empty(self, text: str) -> None:
        self.item.addItem(self.empty)
        self.empty.setText(text)
        self.empty.setPos(0.5, 0.5)
        self.item.setXRange(0, 1, padding=0)
        self.item.setYRange(0, 1, padding=0)
        for name in ("left", "bottom"):
            self.item.getAxis(name).setTicks([[]])


class ConsumptionChart(_Chart):
    """Use per day or per week over the window: one line per category or item, with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        # The legend is a Qt label above the plot: it never covers a line, and wraps.
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.layout().insertWidget(0, self.legend)
        self.series_names: list[str] = []  # what is drawn now (tests read it)

    def show_data(
        self,
        starts: Sequence[date],
        series: Sequence[tuple[str, Sequence[int]]],
        *,
        weekly: bool,
        y_label: str,
        empty_text: str,
    ) -> None:
        """`series`: (label, value per bucket); `starts`: the first day of each bucket."""
        self.item.clear()
        self.series_names = [name for name, _values in series]
        self.legend.setText(
            "&nbsp;&nbsp;&nbsp;".join(
                f'<span style="color:{PALETTE[n % len(PALETTE)]}">━━</span>&nbsp;{escape(name)}'
                for n, (name, _values) in enumerate(series)
            )
        )
        if not series:
            self._show_empty(empty_text)
            return
        xs = list(range(len(starts)))
        for n, (_name, values) in enumerate(series):
            colour = PALETTE[n % len(PALETTE)]
            self.item.plot(
                xs,
                list(values),
                pen=pg.mkPen(colour, width=2.2),
                symbol="o" if weekly else None,
                symbolSize=6,
                symbolBrush=pg.mkBrush(colour),
                symbolPen=pg.mkPen("w"),
            )
        every = 2 if weekly else 14  # about seven dates under the axis
        ticks = [(x, f"{d:%m-%d}") for x, d in zip(xs, starts, strict=True) if x % every == 0]
        self.item.getAxis("bottom").setTicks([ticks])
        self.item.getAxis("left").setTicks(None)
        self._label("left", y_label)
        top = max((max(values) for _name, values in series), default=0)
        self.item.setXRange(-0.5, len(xs) - 0.5, padding=0)
        # a little room below 0, so a line of zeros is not hidden by the axis
        self.item.setYRange(-max(top, 1) * 0.04, max(top, 1) * 1.08, padding=0)


class CoverChart(_Chart):
    """Days of cover per item as horizontal bars, the item's reserve days marked with a tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item.showGrid(x=True, y=False, alpha=GRID_ALPHA)
        self.item.getAxis("left").setStyle(tickFont=_font(12), tickTextWidth=150)
        self.bars: list[tuple[str, float, str]] = []  # (name, days, status) drawn (tests read it)

    def show_data(
        self,
        rows: Sequence[tuple[str, float, int | None, str]],
        *,
        x_label: str,
        empty_text: str,
    ) -> None:
        """`rows`: (item name, days of cover, reserve days or None, value label), lowest first."""
        self.item.clear()
        self.bars = [(name, days, cover_status(days)) for name, days, _r, _t in rows]
        if not rows:
            self._show_empty(empty_text)
            return
        # The lowest cover at the top: y runs upwards, so the list is laid out from the bottom.
        n = len(rows)
        ys = [n - 1 - i for i in range(n)]
        widths = [min(days, COVER_CAP) for _name, days, _r, _t in rows]
        brushes = [pg.mkBrush(COVER_COLOURS[status]) for _name, _days, status in self.bars]
        self.item.addItem(
            pg.BarGraphItem(
                x0=[0] * n, y=ys, height=0.62, width=widths, brushes=brushes, pen=pg.mkPen(None)
            )
        )
        for y, width, (_name, _days, _reserve, text) in zip(ys, widths, rows, strict=True):
            label = pg.TextItem(text, color="#243b53", anchor=(0, 0.5))
            label.setFont(_font(12))
            label.setPos(width + 2, y)
            self.item.addItem(label)
        for y, (_name, _days, reserve_days, _text) in zip(ys, rows, strict=True):
            if reserve_days:  # a tick as tall as the bar: the item's reserve days, to reach
                x = min(reserve_days, COVER_CAP)
                self.item.addItem(
                    pg.PlotCurveItem([x, x], [y - 0.4, y + 0.4], pen=pg.mkPen("#102a43", width=2))
                )
        self.item.getAxis("left").setTicks([[(y, row[0]) for y, row in zip(ys, rows, strict=True)]])
        self.item.getAxis("bottom").setTicks(None)
        self._label("bottom", x_label)
        self.item.setYRange(-0.6, n - 0.4, padding=0)
        self.item.setXRange(0, COVER_CAP * 1.18, padding=0)
