"""Render resources/icons/app.svg to the icon files installers want (.ico, .png); run by hand.

`python packaging/make_icons.py` writes resources/icons/storekeeper.ico (16–256 px) and
storekeeper.png (256 px); both are committed so a build needs no extra step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: QSvgRenderer, size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    svg.render(p)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def write_ico(images: list[QImage], path: Path) -> None:
    """An .ico with PNG-compressed entries (what Windows Vista and later read)."""
    blobs = [png_bytes(i) for i in images]
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(blobs).to_bytes(2, "little")
    offset = 6 + 16 * len(blobs)
    entries = b""
    for img, blob in zip(images, blobs, strict=True):
        side = img.width() if img.width() < 256 else 0
        entries += bytes([side, side, 0, 0]) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        entries += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 — image rendering needs one
    svg = QSvgRenderer(str(ICONS / "app.svg"))
    images = [render(svg, s) for s in SIZES]
    write_ico(images, ICONS / "storekeeper.ico")
    images[-1].save(str(ICONS / "storekeeper.png"))
    print(ICONS / "storekeeper.ico", ICONS / "storekeeper.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
