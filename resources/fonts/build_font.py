#!/usr/bin/env python3
"""Build resources/fonts/StorekeeperHei.ttf from WenQuanYi Micro Hei.

This is a *build-time* helper.  It is run by hand when the bundled font has to
be regenerated; the application never imports or runs it.

Usage
-----
    # 1. get the source font (Debian/Ubuntu package fonts-wqy-microhei,
    #    upstream WenQuanYi Micro Hei 0.2.0-beta):
    mkdir -p /tmp/fontsrc && cd /tmp/fontsrc
    apt-get download fonts-wqy-microhei && dpkg-deb -x fonts-wqy-microhei_*.deb x

    # 2. build (needs `pip install fonttools`):
    python resources/fonts/build_font.py \
        /tmp/fontsrc/x/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

    # optional: -o/--output PATH  (default: StorekeeperHei.ttf next to this script)

What it does
------------
1. Opens face 0 of the TTC ("WenQuanYi Micro Hei", TrueType 'glyf' outlines).
2. Repairs characters the source maps to EMPTY glyphs (and one broken
   composite, and three GBK characters that have no glyph at all) by building
   TrueType composite glyphs out of existing glyphs of the same font
   (see REPAIRS below).  Advance widths (hmtx) and vertical metrics (vmtx)
   are set for every repaired glyph.
3. Subsets it with fontTools.subset to: printable ASCII, Latin-1 Supplement,
   every character of the GBK code page (all 2-byte sequences 0x81-0xFE x
   0x40-0xFE that Python's 'gbk' codec decodes), General Punctuation,
   Letterlike Symbols, Number Forms, Arrows, Box Drawing, Enclosed
   Alphanumerics (circled numbers), Geometric Shapes, CJK Symbols and
   Punctuation, Halfwidth/Fullwidth Forms and U+2713/U+2717 if present.
   Hinting is dropped; outlines stay TrueType ('glyf'), never CFF.
4. Renames the family to "Storekeeper Hei" (so it can never clash with an
   installed WenQuanYi font), keeps the copyright/trademark/licence name
   records and adds a description saying it is a modified subset.
5. Verifies the result (asserts) and prints the output size.

The build is deterministic: same input file + same fontTools version gives a
byte-identical output (head.modified is taken over from the source font).

Licence: the source font is dual licensed Apache-2.0 / GPLv3+font-exception;
we use it under Apache-2.0 (see LICENSE-Apache-2.0.txt and README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "StorekeeperHei.ttf"

# sha256 of wqy-microhei.ttc from fonts-wqy-microhei 0.2.0-beta-3.1 (Debian).
# A different input is allowed, but we warn because the repair list below was
# made for this exact file.
KNOWN_SOURCE_SHA256 = "2420e8078af796b19a3f6ef13de527a1a91c1e7171eea115926c614ced1009b3"

FAMILY = "Storekeeper Hei"
SUBFAMILY = "Regular"
FULL_NAME = "Storekeeper Hei Regular"
PS_NAME = "StorekeeperHei-Regular"
VERSION = "Version 0.2.0-beta; Storekeeper Hei subset 1"
DESCRIPTION = (
    "Storekeeper Hei is a modified subset of WenQuanYi Micro Hei 0.2.0-beta "
    "(Debian package fonts-wqy-microhei), used under the Apache License 2.0. "
    "Modifications for the Storekeeper application: reduced to GBK plus common "
    "symbols, hinting removed, family renamed, empty or missing glyphs rebuilt "
    "as composites of existing glyphs. "
    "Original description: WenQuanYi Micro Hei is a humanist sans serif "
    "typeface designed for user interfaces and electronic communication."
)

WIN = (3, 1, 0x409)  # Windows, Unicode BMP, English (US)

# Characters treated as legitimately blank (spaces, controls, format chars).
BLANK_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}

# Extra vertical offset used when stacking a tone mark on top of u-dieresis
# (ǖ ǘ ǚ ǜ).  Mark bottom lands 84 units above the dieresis (top 1497), the
# acute then tops out at 1909 < usWinAscent (1918), so nothing is clipped.
STACK_DY = 340


# --------------------------------------------------------------------------
# Character set
# --------------------------------------------------------------------------


def gbk_codepoints() -> set[int]:
    """Every code point reachable from a 2-byte GBK sequence."""
    cps: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                cps.add(ord(text))
    return cps


RANGES = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ...)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]
EXTRA = [0x2713, 0x2717]  # ✓ ✗ (kept only if the font has them)


def wanted_codepoints() -> set[int]:
    cps = gbk_codepoints()
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    cps.update(EXTRA)
    return cps


# --------------------------------------------------------------------------
# Glyph repair helpers
# --------------------------------------------------------------------------

ROUND_XY_TO_GRID = 0x0004
USE_MY_METRICS = 0x0200


def bounds(font: TTFont, name: str) -> tuple[int, int, int, int]:
    glyf = font["glyf"]
    g = glyf[name]
    if g.numberOfContours == 0:
        raise ValueError(f"glyph {name!r} is empty")
    g.recalcBounds(glyf)
    return g.xMin, g.yMin, g.xMax, g.yMax


def advance(font: TTFont, name: str) -> int:
    return font["hmtx"][name][0]


def component_offset(font: TTFont, composite: str, mark: str) -> tuple[int, int]:
    """(x, y) at which `composite` places component `mark`."""
    g = font["glyf"][composite]
    for c in g.components:
        if c.glyphName == mark:
            return c.x, c.y
    raise ValueError(f"{composite!r} has no component {mark!r}")


def x_center(font: TTFont, name: str) -> float:
    x0, _, x1, _ = bounds(font, name)
    return (x0 + x1) / 2


def mark_dx(font: TTFont, mark: str, ref: str, ref_mark: str) -> int:
    """Horizontal offset for `mark` so that it sits where the font's own
    composite `ref` puts `ref_mark` (e.g. caron on 'a' where 'amacron' has its
    macron).  Same mark -> the same offset; other mark -> same ink centre."""
    rx, _ = component_offset(font, ref, ref_mark)
    if mark == ref_mark:
        return rx
    return round(x_center(font, ref_mark) + rx - x_center(font, mark))


def put_composite(
    font: TTFont, name: str, parts, adv: int, metrics_from: str | None = None
) -> None:
    """Create/replace glyph `name` as a composite of `parts`
    [(glyph, dx, dy), ...] with advance width `adv`.

    metrics_from: component whose advance equals `adv`; it gets the
    USE_MY_METRICS flag so rasterisers agree on the advance."""
    glyf = font["glyf"]
    g = Glyph()
    g.numberOfContours = -1
    g.components = []
    for comp, dx, dy in parts:
        if comp not in glyf:
            raise KeyError(f"component {comp!r} not in font")
        c = GlyphComponent()
        c.glyphName = comp
        c.x, c.y = int(dx), int(dy)
        c.flags = ROUND_XY_TO_GRID
        if comp == metrics_from:
            assert advance(font, comp) == adv, (name, comp)
            c.flags |= USE_MY_METRICS
        g.components.append(c)
    # glyf.__setitem__ also appends brand-new names to the font's glyph order
    glyf[name] = g
    g.recalcBounds(glyf)
    font["hmtx"][name] = (int(adv), g.xMin)
    if "vmtx" in font:
        # The source uses the same convention for every glyph
        # (topSideBearing relative to the glyph's yMax); copy it from the
        # first component so vertical layout stays consistent.
        first = parts[0][0]
        vadv, vtsb = font["vmtx"][first]
        _, _, _, first_ymax = bounds(font, first)
        font["vmtx"][name] = (vadv, vtsb - first_ymax + g.yMax)


def side_by_side(font: TTFont, glyphs, adv: int, gap: int):
    """Place the ink of `glyphs` left to right with `gap` units between
    them and centre the group in `adv`."""
    boxes = [bounds(font, n) for n in glyphs]
    ink = sum(b[2] - b[0] for b in boxes) + gap * (len(glyphs) - 1)
    x = (adv - ink) / 2
    parts = []
    for n, b in zip(glyphs, boxes, strict=True):
        parts.append((n, round(x - b[0]), 0))
        x += (b[2] - b[0]) + gap
    return parts


def centered(font: TTFont, glyph: str, adv: int):
    x0, _, x1, _ = bounds(font, glyph)
    return [(glyph, round((adv - (x1 - x0)) / 2 - x0), 0)]


# --------------------------------------------------------------------------
# The repairs
# --------------------------------------------------------------------------
# state: "empty"   - source maps the char to a glyph with no contours
#        "broken"  - source glyph exists but is wrong (checked by hand)
#        "missing" - GBK char not in the source cmap at all
#
# recipe (everything is derived from glyphs/offsets of the font itself):
#   ("pair", a, b)            a and b side by side, centred in a 2048 cell
#   ("center", g)             g centred in a 2048 cell
#   ("alias", g)              same outline and advance as g
#   ("accent", base, mark, ref, ref_mark, dy)
#       base + mark; mark placed horizontally where the font's own composite
#       `ref` places `ref_mark` (same mark: same offset; other mark: same ink
#       centre), raised by dy; advance of base.
REPAIRS = [
    # ℃ ℉: degree + letter, full width as in the source (and in CJK fonts)
    (0x2103, "empty", ("pair", "degree", "C")),
    (0x2109, "empty", ("pair", "degree", "F")),
    # Ⅴ Ⅹ: Latin V / X centred in the full-width cell used by Ⅰ..Ⅻ
    (0x2164, "empty", ("center", "V")),
    (0x2169, "empty", ("center", "X")),
    # pinyin 3rd tone: base + caron (ˇ U+02C7) where X-macron has its macron
    (0x01CE, "empty", ("accent", "a", "caron", "amacron", "macron", 0)),
    (0x01D0, "empty", ("accent", "dotlessi", "caron", "imacron", "macron", 0)),
    (0x01D2, "empty", ("accent", "o", "caron", "omacron", "macron", 0)),
    (0x01D4, "empty", ("accent", "u", "caron", "umacron", "macron", 0)),
    # ǖ ǘ ǚ ǜ: ü + tone mark stacked above the dieresis.  The source's ǖ only
    # contains the raised macron (the ü is missing), so it is rebuilt too.
    (0x01D6, "broken", ("accent", "udieresis", "macron", "umacron", "macron", STACK_DY)),
    (0x01D8, "empty", ("accent", "udieresis", "acute", "uacute", "acute", STACK_DY)),
    (0x01DA, "empty", ("accent", "udieresis", "caron", "umacron", "macron", STACK_DY)),
    (0x01DC, "empty", ("accent", "udieresis", "grave", "ugrave", "grave", STACK_DY)),
    # ˊ ˋ (bopomofo 2nd/4th tone): same shapes as ´ and `
    (0x02CA, "empty", ("alias", "acute")),
    (0x02CB, "empty", ("alias", "grave")),
    # ‾ OVERLINE: same as ¯ (glyph 'overscore')
    (0x203E, "empty", ("alias", "overscore")),
    # Å ANGSTROM SIGN: canonically equivalent to Å
    (0x212B, "empty", ("alias", "Aring")),
    # GBK characters without any glyph in the source:
    # ɑ (pinyin single-storey a) -> Greek alpha; ɡ (script g) -> 'g' (the
    # font's g is already single-storey); ☉ SUN -> ⊙ CIRCLED DOT OPERATOR
    (0x0251, "missing", ("alias", "alpha")),
    (0x0261, "missing", ("alias", "g")),
    (0x2609, "missing", ("alias", "uni2299")),
]

FULL_WIDTH = 2048  # = unitsPerEm, advance of the CJK glyphs
PAIR_GAP = 60  # ink gap between ° and C/F


def recipe_parts(font: TTFont, recipe):
    """-> (parts, advance, metrics_from) for put_composite()."""
    kind, *args = recipe
    if kind == "pair":
        return side_by_side(font, args, FULL_WIDTH, PAIR_GAP), FULL_WIDTH, None
    if kind == "center":
        return centered(font, args[0], FULL_WIDTH), FULL_WIDTH, None
    if kind == "alias":
        (glyph,) = args
        return [(glyph, 0, 0)], advance(font, glyph), glyph
    if kind == "accent":
        base, mark, ref, ref_mark, dy = args
        parts = [(base, 0, 0), (mark, mark_dx(font, mark, ref, ref_mark), dy)]
        return parts, advance(font, base), base
    raise ValueError(kind)


def unicode_cmaps(font: TTFont):
    return [t for t in font["cmap"].tables if t.isUnicode()]


def apply_repairs(font: TTFont) -> list[tuple[int, str]]:
    glyf = font["glyf"]
    cmap = font.getBestCmap()
    done = []
    for cp, state, recipe in REPAIRS:
        gname = f"uni{cp:04X}"
        current = cmap.get(cp)
        if state == "missing":
            if current is not None:
                raise SystemExit(f"U+{cp:04X} expected missing but maps to {current!r}")
            if gname in glyf:
                raise SystemExit(f"glyph name {gname!r} already used")
        else:
            if current != gname:
                raise SystemExit(f"U+{cp:04X} maps to {current!r}, expected {gname!r}")
            if state == "empty" and glyf[gname].numberOfContours != 0:
                raise SystemExit(f"U+{cp:04X} ({gname}) is not empty in this source")
        parts, adv, metrics_from = recipe_parts(font, recipe)
        put_composite(font, gname, parts, adv, metrics_from=metrics_from)
        if state == "missing":
            for table in unicode_cmaps(font):
                if table.format in (4, 12):
                    table.cmap[cp] = gname
        done.append((cp, state))
    return done


# --------------------------------------------------------------------------
# Name table
# --------------------------------------------------------------------------


def rename(font: TTFont) -> None:
    name = font["name"]
    # Drop every family/style/version record in every language (the source
    # also has Chinese family names 文泉驿微米黑 that would clash) and the
    # old description.  Kept: 0 copyright, 7 trademark, 8 manufacturer,
    # 11/12 URLs, 13 licence description, 14 licence URL.
    replaced = {1, 2, 3, 4, 5, 6, 10, 16, 17, 18, 21, 22}
    name.names = [r for r in name.names if r.nameID not in replaced]
    for nid, text in [
        (1, FAMILY),
        (2, SUBFAMILY),
        (3, f"{PS_NAME}; {VERSION}"),
        (4, FULL_NAME),
        (5, VERSION),
        (6, PS_NAME),
        (10, DESCRIPTION),
    ]:
        name.setName(text, nid, *WIN)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def glyph_has_ink(glyf, gname: str, _depth: int = 0) -> bool:
    g = glyf[gname]
    if g.numberOfContours > 0:
        return True
    if g.numberOfContours == -1 or g.isComposite():
        return any(glyph_has_ink(glyf, c.glyphName, _depth + 1) for c in g.components)
    return False


def family_name(font: TTFont) -> str | None:
    return font["name"].getDebugName(1)


def verify(path: Path, repaired: list[tuple[int, str]]) -> None:
    font = TTFont(path)
    assert "glyf" in font, "no glyf table"
    assert "CFF " not in font and "CFF2" not in font, "CFF outlines present"
    assert family_name(font) == FAMILY, family_name(font)
    assert font["name"].getDebugName(4) == FULL_NAME
    assert font["name"].getDebugName(6) == PS_NAME
    assert 16 not in {r.nameID for r in font["name"].names}
    assert "WenQuanYi Micro Hei" not in {
        r.toUnicode() for r in font["name"].names if r.nameID in (1, 4, 6, 16)
    }

    order = font.getGlyphOrder()
    assert len(order) == len(set(order)), "duplicate glyph names"

    cmap = font.getBestCmap()
    missing = sorted(cp for cp in gbk_codepoints() if cp not in cmap)
    assert not missing, "GBK chars missing: " + " ".join(f"U+{c:04X}" for c in missing)

    glyf = font["glyf"]
    hmtx = font["hmtx"]
    bad = []
    for cp, gname in sorted(cmap.items()):
        if gname == ".notdef":
            bad.append((cp, gname, "notdef"))
            continue
        if unicodedata.category(chr(cp)) in BLANK_CATEGORIES or chr(cp).isspace():
            continue
        if not glyph_has_ink(glyf, gname):
            bad.append((cp, gname, "empty"))
        elif hmtx[gname][0] <= 0:
            bad.append((cp, gname, "zero advance"))
    assert not bad, "broken cmap entries: " + ", ".join(
        f"U+{cp:04X} {chr(cp)} {g} ({why})" for cp, g, why in bad
    )

    for cp, _state in repaired:
        gname = cmap[cp]
        assert glyph_has_ink(glyf, gname) and hmtx[gname][0] > 0, hex(cp)
    assert glyph_has_ink(glyf, cmap[0x00B0]) and glyph_has_ink(glyf, cmap[ord("C")])
    print(
        f"verified: {len(cmap)} characters, {len(order)} glyphs, "
        f"{len(gbk_codepoints())} GBK characters all present, no empty glyphs"
    )


# --------------------------------------------------------------------------


def build(src: Path, out: Path) -> None:
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    if digest != KNOWN_SOURCE_SHA256:
        print(
            f"WARNING: source sha256 {digest} differs from the file this "
            f"script was written for ({KNOWN_SOURCE_SHA256})",
            file=sys.stderr,
        )

    # face 0 = WenQuanYi Micro Hei (face 1 is the Mono variant)
    font = TTFont(src, fontNumber=0, recalcTimestamp=False)
    assert font["name"].getDebugName(1) == "WenQuanYi Micro Hei", font["name"].getDebugName(1)
    assert "glyf" in font and "CFF " not in font

    repaired = apply_repairs(font)

    opts = subset.Options()
    opts.hinting = False  # drop instructions, fpgm/prep/cvt
    opts.desubroutinize = False  # irrelevant for glyf, stated for clarity
    opts.glyph_names = True  # keep post format 2 names (uniXXXX ...)
    opts.notdef_outline = True  # keep the .notdef box
    opts.name_IDs = ["*"]  # keep copyright/trademark/licence records
    opts.name_languages = [0x0409]  # English only (drops 文泉驿微米黑 records)
    opts.name_legacy = False  # Windows-platform names only
    opts.legacy_cmap = False
    opts.drop_tables = opts.drop_tables + ["FFTM"]  # FontForge timestamp table
    opts.recalc_timestamp = False
    opts.recalc_bounds = True
    opts.prune_unicode_ranges = True
    # Don't pull in bidi-mirror partners (e.g. ∼ for ∽): keep exactly the set
    # above (∼ would come with an empty glyph).
    opts.bidi_closure = False

    wanted = wanted_codepoints()
    have = set(font.getBestCmap())
    subsetter = subset.Subsetter(options=opts)
    subsetter.populate(unicodes=sorted(wanted & have))
    subsetter.subset(font)

    rename(font)

    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    font.close()

    absent = sorted(cp for cp in EXTRA if cp not in have)
    verify(out, repaired)
    print("repaired: " + " ".join(f"{chr(cp)}(U+{cp:04X},{state})" for cp, state in repaired))
    if absent:
        print(
            "not in source font (skipped): " + " ".join(f"{chr(cp)}(U+{cp:04X})" for cp in absent)
        )
    size = out.stat().st_size
    print(
        f"wrote {out} ({size:,} bytes, {size / 1024 / 1024:.2f} MiB), "
        f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}"
    )


def main(argv=None) -> int:
    if not __debug__:
        sys.exit("run without -O: the verification step uses assert")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ttc", type=Path, help="path to wqy-microhei.ttc")
    ap.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"output TTF (default: {DEFAULT_OUTPUT})",
    )
    args = ap.parse_args(argv)
    build(args.ttc, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
