"""Label templates load and validate; every piece of a label stays inside it, whatever the text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.documents import label_templates
from app.documents.label_templates import FIELDS, LabelTemplate, from_dict, load_file
from app.documents.labels import MIN_TEXT, LabelRow, _width, layout
from app.domain.errors import BadInput
from app.domain.label_payload import LabelPayload, encode

TEMPLATES = label_templates.builtin_templates()
NAMES = [t.name for t in TEMPLATES]
TODAY = date(2026, 11, 28)


def test_the_issue_s_templates_ship() -> None:
    by_name = {t.name: t for t in TEMPLATES}
    sizes = {(t.kind, t.label_width, t.label_height, t.columns, t.rows) for t in TEMPLATES}
    assert ("sheet", 70, 37, 3, 8) in sizes and ("sheet", 70, 42.4, 3, 7) in sizes
    assert ("sheet", 63.5, 38.1, 3, 7) in sizes and by_name["avery-l7160"].radius > 0
    assert any(t.kind == "sheet" and (t.columns, t.rows) == (2, 5) for t in TEMPLATES)
    rolls = {(t.label_width, t.label_height) for t in TEMPLATES if t.kind == "roll"}
    assert rolls == {(40, 30), (50, 30), (60, 40), (70, 50), (100, 50)}
    assert all(t.page_width == 210 and t.page_height == 297 for t in TEMPLATES if t.kind == "sheet")


@pytest.mark.parametrize("name", NAMES)
def test_labels_lie_on_the_page_and_do_not_overlap(name: str) -> None:
    t = next(t for t in TEMPLATES if t.name == name)
    boxes = [t.position(i) for i in range(t.per_page)]
    assert {p for p, _x, _y in boxes} == {0} and t.position(t.per_page)[0] == 1
    for _p, x, y in boxes:
        assert 0 <= x and x + t.label_width <= t.page_width + 0.05
        assert 0 <= y and y + t.label_height <= t.page_height + 0.05
    assert from_dict(t.to_dict()) == t


def _bad(tmp_path: Path, text: str, name: str = "bad-one") -> BadInput:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load_file(path)
    assert path.name in err.value.en and path.name in err.value.zh
    return err.value


GOOD = (Path(label_templates.templates_dir()) / "a4-3x8-70x37.toml").read_text(encoding="utf-8")


def test_bad_template_files_get_a_clear_message(tmp_path: Path) -> None:
    assert "Cannot read" in _bad(tmp_path, "name = [").en
    err = _bad(
        tmp_path,
        GOOD.replace('name = "a4-3x8-70x37"', 'name = "bad-one"').replace(
            "columns = 3", "columns = 4"
        ),
    )
    assert "right edge" in err.en and err.field == "layout.columns"
    err = _bad(
        tmp_path,
        GOOD.replace('name = "a4-3x8-70x37"', 'name = "bad-one"').replace(
            "width = 70", 'width = "wide"'
        ),
    )
    assert "label.width" in err.en and "millimetres" in err.en
    err = _bad(
        tmp_path,
        GOOD.replace('name = "a4-3x8-70x37"', 'name = "bad-one"').replace("dy = 37", "dy = 30"),
    )
    assert "overlap" in err.en
    err = _bad(
        tmp_path,
        GOOD.replace('name = "a4-3x8-70x37"', 'name = "bad-one"').replace('"qr"]', '"qr", "logo"]'),
    )
    assert err.field == "fields"
    err = _bad(tmp_path, GOOD)  # the name inside must match the file name
    assert "file name" in err.en
    err = _bad(tmp_path, 'name = "bad-one"\nkind = "roll"\n[label]\nwidth = 20\nheight = 10\n')
    assert err.field == "label.width" and ">= 25" in err.en


def test_a_roll_needs_only_its_label_size() -> None:
    t = from_dict({"name": "roll-58x40", "kind": "roll", "label": {"width": 58, "height": 40}})
    assert (t.page_width, t.page_height, t.per_page, t.fields) == (58, 40, 1, FIELDS)


def _check_inside(row: LabelRow, t: LabelTemplate, fields: tuple[str, ...]) -> None:
    lay = layout(row, t, fields, TODAY)
    w, h = t.label_width, t.label_height
    qr_left = lay.qr[0] if lay.qr else w
    assert lay.texts, "every label shows at least its slot code"
    for run in lay.texts:
        # Measured again with reportlab's stringWidth: inside the label and clear of the QR.
        width = _width(run.text, run.size)
        assert run.size >= MIN_TEXT - 1e-9
        assert run.x >= 0 and run.x + width <= qr_left + 1e-6, (t.name, run)
        assert run.top >= 0 and run.top + run.size <= h + 1e-6, (t.name, run)
    if lay.qr:
        x, top, side = lay.qr
        assert x >= 0 and x + side <= w and top >= 0 and top + side <= h
        if t.kind == "roll":
            assert side >= 15.0
    for bx, btop, bw, bh in lay.boxes:
        assert bx >= 0 and bx + bw <= qr_left + 1e-6 and btop >= 0 and btop + bh <= h
    if lay.barcode:
        bx, btop, _module, bh = lay.barcode
        assert btop + bh <= h and all(btop >= r.top + r.size for r in lay.texts)


words = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=0, max_size=60
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    t=st.sampled_from(TEMPLATES),
    slot=st.from_regex(r"[A-Z0-9]{1,4}(-[A-Z0-9]{1,4}){0,3}", fullmatch=True),
    name=words,
    spec=words,
    batch=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30),
    expiry=st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    hazard=st.sampled_from(["none", "flammable", "corrosive"]),
    fields=st.sets(st.sampled_from(FIELDS)),
)
def test_nothing_runs_past_its_label(
    t: LabelTemplate,
    slot: str,
    name: str,
    spec: str,
    batch: str,
    expiry: date | None,
    hazard: str,
    fields: set[str],
) -> None:
    payload = encode(LabelPayload(slot, "FH-N95", batch, expiry))
    row = LabelRow(slot, payload, "FH-N95", name, spec, batch, expiry, hazard)
    chosen = tuple(f for f in FIELDS if f in fields)
    _check_inside(row, t, chosen)
    _check_inside(LabelRow(slot, encode(LabelPayload(slot))), t, chosen)


def test_long_chinese_name_takes_two_lines_and_is_cut_only_when_it_must() -> None:
    t = next(t for t in TEMPLATES if t.name == "a4-3x8-70x37")
    name = "医用一次性防护服连体式带鞋套"
    lay = layout(LabelRow("A-01", "SK1|S=A-01", "X", name, "", "B1", TODAY), t, t.fields, TODAY)
    lines = [r.text for r in lay.texts if r.text and r.text[0] in name]
    assert "".join(lines) == name and len(lines) == 2
    too_long = name * 6
    lay = layout(LabelRow("A-01", "SK1|S=A-01", "X", too_long, "", "B1", TODAY), t, t.fields, TODAY)
    lines = [r.text for r in lay.texts if r.text and r.text[0] in name]
    assert len(lines) == 2 and lines[-1].endswith("…")


def test_expired_and_hazard_marks() -> None:
    t = next(t for t in TEMPLATES if t.name == "a4-3x8-70x37")
    row = LabelRow(
        "F-01", "SK1|S=F-01", "XS-ALC75", "75% 酒精", "", "B1", date(2026, 1, 1), "flammable"
    )
    texts = [r.text for r in layout(row, t, t.fields, TODAY).texts]
    assert "已过期" in texts and "易燃" in texts
    fresh = replace(row, expiry=date(2027, 1, 1), hazard="none")
    texts = [r.text for r in layout(fresh, t, t.fields, TODAY).texts]
    assert "已过期" not in texts and "易燃" not in texts
