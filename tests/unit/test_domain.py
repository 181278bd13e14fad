"""Pure rules: pack units, hazards, GTINs, FEFO, PINs, expiry, the hash chain."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import chain, expiry, fefo, gtin, hazards, pins, units
from app.domain.errors import BadInput, HazardConflict


def test_packs_parse_and_format() -> None:
    packs = units.parse_packs("箱=1000;盒=50")
    assert [p.name for p in packs] == ["盒", "箱"]
    assert units.to_base(3, "盒", "只", packs) == 150
    assert units.format_qty(1250, "只", packs) == "1,250 只 = 1 箱 5 盒"
    assert units.format_qty(1273, "只", packs) == "1,273 只 = 1 箱 5 盒 23 只"
    assert units.format_qty(30, "只", packs) == "30 只"
    with pytest.raises(BadInput):
        units.parse_packs("盒=abc")
    with pytest.raises(BadInput):
        units.parse_packs("盒=50;盒=20")
    with pytest.raises(BadInput):
        units.to_base(1, "桶", "只", packs)


def test_zone_classes_keep_fire_and_chlorine_apart() -> None:
    hazards.check_zone_classes(["none", "oxidizing"])
    with pytest.raises(HazardConflict):
        hazards.check_zone_classes(["flammable", "oxidizing"])
    with pytest.raises(BadInput):
        hazards.parse_classes("none,explosive")


def test_placement_refused_with_reason() -> None:
    hazards.check_placement("75% 酒精", "flammable", "F-01-01", ["flammable"])
    with pytest.raises(HazardConflict) as err:
        hazards.check_placement("75% 酒精", "flammable", "A-01-01", ["none"])
    assert "A-01-01" in err.value.en and err.value.field == "slot"


def test_gtin_check_digit() -> None:
    assert gtin.normalize("6901234000016") == "06901234000016"
    assert gtin.normalize("06901234000016") == "06901234000016"
    with pytest.raises(BadInput):
        gtin.normalize("6901234000017")
    with pytest.raises(BadInput):
        gtin.normalize("12ab")


def test_fefo_takes_earliest_unexpired_first() -> None:
    stock = [
        fefo.Available(1, 1, date(2027, 1, 1), 10),
        fefo.Available(2, 1, date(2026, 1, 1), 10),  # expired on the day below
        fefo.Available(3, 2, date(2026, 12, 1), 5),
        fefo.Available(4, 2, None, 50),
    ]
    picks = fefo.pick(stock, 12, date(2026, 6, 1))
    assert [(s.lot_id, n) for s, n in picks] == [(3, 5), (1, 7)]
    with pytest.raises(ValueError):
        fefo.pick(stock, 100, date(2026, 6, 1))


def test_pins_are_salted_and_checked() -> None:
    a, b = pins.hash_pin("1234"), pins.hash_pin("1234")
    assert a != b and "1234" not in a
    assert pins.verify_pin("1234", a) and not pins.verify_pin("4321", a)
    with pytest.raises(BadInput):
        pins.hash_pin("12")


def test_expiry_status_bands() -> None:
    today = date(2026, 11, 28)
    assert expiry.status(date(2026, 11, 27), today) == expiry.EXPIRED
    assert expiry.status(date(2026, 12, 20), today) == expiry.SOON
    assert expiry.status(date(2027, 2, 1), today) == expiry.WATCH
    assert expiry.status(date(2027, 6, 1), today) == expiry.OK
    assert expiry.status(None, today) == expiry.NONE


def test_chain_digest_depends_on_every_field_and_prev() -> None:
    rec = {"a": 1, "b": "批号", "d": date(2026, 1, 1)}
    h = chain.digest(rec, chain.GENESIS)
    assert h == chain.digest(dict(reversed(list(rec.items()))), chain.GENESIS)
    assert h != chain.digest({**rec, "a": 2}, chain.GENESIS)
    assert h != chain.digest(rec, "1" * 64)
