"""Reserve arithmetic (储备标准): daily need, target rounded up, gap, whole packs, days of cover."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain import i18n
from app.domain import reserve as rules
from app.domain.errors import BadInput
from app.domain.units import PackUnit


def test_target_is_daily_need_times_days_rounded_up() -> None:
    assert rules.target(Decimal("66"), 45) == 2970
    assert rules.target(Decimal("3.3"), 45) == 149  # 148.5 masks short is short: round up
    assert rules.target(Decimal("0.5"), 30) == 15
    assert rules.target(Decimal("0.333"), 10) == 4
    assert rules.target(Decimal("0"), 45) == 0


def test_daily_need_fixed_or_per_person() -> None:
    assert rules.daily_need(rules.FIXED, Decimal("200")) == 200
    assert rules.daily_need(rules.FIXED, Decimal("200"), people=7) == 200  # people ignored
    assert rules.daily_need(rules.PER_PERSON, Decimal("2"), people=33) == 66
    assert rules.daily_need(rules.PER_PERSON, Decimal("2"), people=0) == 0
    std = rules.Standard(rules.PER_PERSON, Decimal("0.1"), days=45, people=33)
    assert std.daily_need == Decimal("3.3")
    assert std.target == 149
    assert rules.Standard(rules.FIXED, Decimal("6")).target == 270  # 45 days by default


def test_gap_and_whole_packs() -> None:
    assert rules.gap(270, 0) == 270
    assert rules.gap(270, 300) == 0
    assert rules.packs_for(270, 400) == 1
    assert rules.packs_for(53, 24) == 3
    assert rules.packs_for(48, 24) == 2
    assert rules.packs_for(0, 24) == 0
    assert rules.packs_for(5, 1) == 5
    assert rules.largest_pack([PackUnit("盒", 50), PackUnit("箱", 1000)]) == ("箱", 1000)
    assert rules.largest_pack([]) == ("", 1)


def test_days_of_cover() -> None:
    i18n.set_language("en")
    assert rules.average_daily(1560, 90) == pytest.approx(17.333, rel=1e-3)
    assert rules.average_daily(-20, 90) == 0  # a reversal outweighing the issues is no use
    assert rules.days_of_cover(1000, 20.0) == 50
    assert rules.days_of_cover(0, 2.5) == 0
    assert rules.days_of_cover(1000, 0.0) is None
    i18n.set_language("zh_CN")
    try:
        assert rules.cover_text(12.9) == "12 天"
        assert rules.cover_text(None) == "—"
        assert rules.cover_text(5000) == ">999 天"
    finally:
        i18n.set_language("en")
    assert rules.cover_text(12.9) == "12 days"


@pytest.mark.parametrize("text", ["", "0", "-2", "abc", "1e9", "0.0001", "nan", "inf"])
def test_bad_quantities_are_refused_in_both_languages(text: str) -> None:
    with pytest.raises(BadInput) as err:
        rules.parse_qty(text)
    assert err.value.field == "qty"
    assert err.value.zh and err.value.en and err.value.zh != err.value.en


def test_quantities_as_typed() -> None:
    assert rules.parse_qty("2") == Decimal("2")
    assert rules.parse_qty(" 0.5 ") == Decimal("0.5")
    assert rules.parse_qty("1,200") == Decimal("1200")
    assert rules.parse_qty(Decimal("0.125")) == Decimal("0.125")
    assert [rules.qty_text(rules.parse_qty(t)) for t in ("100", "0.50", "1,200")] == [
        "100",
        "0.5",
        "1200",
    ]


def test_days_and_modes_are_checked() -> None:
    assert rules.check_days("45") == 45
    assert rules.check_days(10) == 10
    for bad in ("0", "-3", "731", "4.5", "", "abc"):
        with pytest.raises(BadInput) as err:
            rules.check_days(bad)
        assert err.value.field == "days"
    assert rules.check_mode("fixed") == "fixed"
    with pytest.raises(BadInput) as err:
        rules.check_mode("weekly")
    assert err.value.field == "mode"
    assert rules.DEFAULT_DAYS == 45 and rules.COMMON_DAYS == (45, 30, 14, 10)


def test_mode_labels() -> None:
    i18n.set_language("en")
    assert rules.label("per_person") == "per person per day × people"
    assert rules.label(None) == ""
    assert rules.label("unknown") == "unknown"
