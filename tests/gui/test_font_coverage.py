"""Every catalogue name and every UI string can be drawn with the bundled font (no boxes)."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont
from PySide6.QtWidgets import QApplication

from app import paths
from app.domain import codes, i18n
from app.gui import theme
from app.gui.translation import qm_path
from tests.gui.conftest import catalogue_csv

TS = qm_path("zh_CN").with_suffix(".ts")


@pytest.fixture(scope="module")
def raw_font(gui_app: QApplication) -> QRawFont:
    font = QRawFont(str(paths.font_path()), 16)
    assert font.isValid()
    assert font.familyName() == theme.FONT_FAMILY
    return font


def missing(font: QRawFont, texts: list[str]) -> dict[str, str]:
    """Characters `font` has no glyph for, each with a text it appears in."""
    out: dict[str, str] = {}
    for text in texts:
        for ch in text:
            if ch in "\n\t" or ch in out:
                continue
            # By code point: PySide6's str→QChar conversion misreports some characters.
            if not font.supportsCharacter(ord(ch)):
                out[ch] = text
    return out


def ts_texts() -> list[str]:
    root = ET.parse(TS).getroot()
    texts = []
    for message in root.iter("message"):
        texts.append(message.findtext("source") or "")
        texts.append(message.findtext("translation") or "")
    return texts


def test_the_check_can_fail(raw_font: QRawFont) -> None:
    # U+20000 is outside GBK, so the subset font cannot have it.
    assert missing(raw_font, ["口罩\U00020000"]) == {"\U00020000": "口罩\U00020000"}


def test_catalogue_names_and_specs(raw_font: QRawFont) -> None:
    texts = [
        r[k] for r in catalogue_csv() for k in ("name", "name_en", "spec", "base_unit", "packs")
    ]
    with (paths.catalogue_dir() / "categories.csv").open(encoding="utf-8", newline="") as fh:
        texts += [r["name"] for r in csv.DictReader(fh)]
    assert len(texts) > 100
    assert missing(raw_font, texts) == {}


def test_every_ui_string_and_translation(raw_font: QRawFont) -> None:
    texts = ts_texts()
    assert len(texts) > 300
    assert missing(raw_font, texts) == {}


def test_translated_codes(raw_font: QRawFont) -> None:
    every = (
        codes.HAZARD_CLASSES,
        codes.PARTY_KINDS,
        codes.RISK_GROUPS,
        codes.ROLES,
        codes.VOUCHER_TYPES,
        codes.RECEIPT_SOURCES,
    )
    texts = []
    for lang in i18n.SUPPORTED:
        i18n.set_language(lang)
        texts += [codes.label(c) for group in every for c in group]
    i18n.set_language("zh_CN")
    assert missing(raw_font, texts) == {}


def test_the_application_font_is_the_bundled_one(gui_app: QApplication) -> None:
    assert theme.FONT_FAMILY in QFontDatabase.families()
    metrics = QFontMetrics(QFont(theme.FONT_FAMILY, 12))
    for ch in "防疫物资库管堃玥昇℃×№":
        assert metrics.inFontUcs4(ord(ch)), ch
    assert gui_app.font().family() == theme.FONT_FAMILY
