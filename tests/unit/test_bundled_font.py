"""The bundled font resources/fonts/StorekeeperHei.ttf (built by
resources/fonts/build_font.py) must cover GBK and the symbols the app prints,
with real outlines, under its own family name."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "StorekeeperHei.ttf"

FAMILY = "Storekeeper Hei"

# Characters the source font (WenQuanYi Micro Hei) maps to empty/broken
# glyphs or lacks, rebuilt as composites by build_font.py.
REPAIRED = "ǎǐǒǔǖǘǚǜˊˋ℃℉ⅤⅩ‾Åɑɡ☉"
MUST_HAVE_INK = "℃×№堃玥昇" + REPAIRED + "防疫物资库管温度①✓→"


def _gbk_codepoints() -> set[int]:
    cps = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                cps.add(ord(text))
    return cps


@pytest.fixture(scope="module")
def font():
    assert FONT_PATH.is_file(), f"missing {FONT_PATH}"
    f = TTFont(FONT_PATH)
    yield f
    f.close()


def _has_ink(glyf, name: str, depth: int = 0) -> bool:
    assert depth < 10, f"composite nesting too deep at {name}"
    glyph = glyf[name]
    if glyph.numberOfContours > 0:
        return True
    if glyph.numberOfContours == -1:
        return any(_has_ink(glyf, c.glyphName, depth + 1) for c in glyph.components)
    return False


def test_truetype_outlines_not_cff(font):
    assert "glyf" in font
    assert "loca" in font
    assert "CFF " not in font
    assert "CFF2" not in font


def test_family_name(font):
    name = font["name"]
    assert name.getDebugName(1) == FAMILY
    assert name.getDebugName(4) == "Storekeeper Hei Regular"
    assert name.getDebugName(6) == "StorekeeperHei-Regular"
    families = {r.toUnicode() for r in name.names if r.nameID in (1, 16)}
    assert families == {FAMILY}


def test_licence_records_kept(font):
    name = font["name"]
    assert "WenQuanYi" in name.getDebugName(0)
    assert "Apache" in name.getDebugName(13)
    assert "WenQuanYi Micro Hei" in name.getDebugName(10)


def test_every_gbk_character_is_mapped(font):
    cmap = font.getBestCmap()
    gbk = _gbk_codepoints()
    assert len(gbk) > 21000
    missing = sorted(cp for cp in gbk if cp not in cmap)
    assert not missing, " ".join(f"U+{cp:04X}" for cp in missing[:50])


@pytest.mark.parametrize("char", list(MUST_HAVE_INK))
def test_glyph_has_outline(font, char):
    cmap = font.getBestCmap()
    assert ord(char) in cmap, f"{char} U+{ord(char):04X} not mapped"
    gname = cmap[ord(char)]
    assert gname != ".notdef"
    assert _has_ink(font["glyf"], gname), f"{char} U+{ord(char):04X} -> empty glyph {gname}"
    assert font["hmtx"][gname][0] > 0, f"{char} has zero advance"


def test_no_visible_character_maps_to_an_empty_glyph(font):
    glyf = font["glyf"]
    empty = [
        f"U+{cp:04X}"
        for cp, gname in font.getBestCmap().items()
        if unicodedata.category(chr(cp)) not in {"Zs", "Zl", "Zp", "Cc", "Cf"}
        and not chr(cp).isspace()
        and not _has_ink(glyf, gname)
    ]
    assert not empty, " ".join(empty)
