"""One look for the whole app: Qt's Fusion style, the bundled CJK font and resources/style.qss."""

from __future__ import annotations

import sys

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app import paths

FONT_FAMILY = "Storekeeper Hei"
BASE_PIXEL_SIZE = 15
ICON_SIZE = QSize(22, 22)

# Status colours mean one thing everywhere (DESIGN.md): background, then text on it.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "expired": ("#f8d7da", "#842029"),
    "soon": ("#ffe5cc", "#8a4500"),
    "watch": ("#fff3bf", "#6b5900"),
    "ok": ("#d8f0dc", "#1e5631"),
}

_font_family: str | None = None


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def load_font() -> str | None:
    """Register the bundled font once; its family name, or None when the file is missing."""
    global _font_family
    if _font_family is not None:
        return _font_family
    path = paths.font_path()
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    _font_family = families[0] if families else None
    return _font_family


def app_font(pixel_size: int = BASE_PIXEL_SIZE) -> QFont:
    """The application font: the bundled family when present, else Qt's default."""
    font = QFont(QApplication.font())
    family = load_font()
    if family:
        font.setFamilies([family])
    font.setPixelSize(pixel_size)
    return font


def stylesheet() -> str:
    path = paths.resources_dir() / "style.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def apply_look(app: QApplication) -> None:
    """Fusion, a calm light palette, the bundled font and the stylesheet."""
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f4f6f8"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9fb"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe3f7"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#10243a"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#1f2933"))
    app.setPalette(palette)
    app.setFont(app_font())
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(icon("app"))


ICON_STROKE = "#35597c"  # the colour the SVGs in resources/icons are drawn in


def _svg_pixmap(svg: str, size: QSize) -> QPixmap:
    pixmap = QPixmap(size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return pixmap


def icon(name: str, selected_colour: str = "#ffffff") -> QIcon:
    """An icon from resources/icons (SVG), drawn in `selected_colour` when selected."""
    path = paths.resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    result = QIcon()
    result.addPixmap(_svg_pixmap(svg, ICON_SIZE), QIcon.Mode.Normal)
    selected = svg.replace(ICON_STROKE, selected_colour)
    result.addPixmap(_svg_pixmap(selected, ICON_SIZE), QIcon.Mode.Selected)
    return result


def muted_colour() -> QColor:
    return QColor("#8a97a6")


def status_colours(status: str) -> tuple[QColor, QColor] | None:
    pair = STATUS_COLOURS.get(status)
    return (QColor(pair[0]), QColor(pair[1])) if pair else None
