"""GS1 scans: raw with 0x1D, with a substitute, bracket form; day 00; non-GS1 text."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.domain.gs1 import parse_scan


def test_raw_scan_with_group_separator() -> None:
    s = parse_scan("010690123400001610ABC123\x1d1727060011260115")
    assert s is not None
    assert (s.gtin, s.batch) == ("06901234000016", "ABC123")
    assert s.expiry == date(2027, 6, 30)  # day 00 = last day of the month
    assert s.production_date == date(2026, 1, 15)


def test_substitute_and_symbology_prefix() -> None:
    s = parse_scan("]d2010690123400001610L-7<GS>1728022921SN0001", gs_substitute="<GS>")
    assert s is not None and s.batch == "L-7" and s.serial == "SN0001"
    assert s.expiry == date(2028, 2, 29)


def test_bracket_form() -> None:
    s = parse_scan("(01)06901234000016(17)270131(10)B2")
    assert s is not None and s.batch == "B2" and s.expiry == date(2027, 1, 31)


def test_not_gs1() -> None:
    for text in ("", "A-01-02", "FH-N95", "SK1|S=A-01-02", "hello", "6901234000016"):
        assert parse_scan(text) is None


@given(st.text(max_size=60))
def test_random_text_never_crashes(text: str) -> None:
    parse_scan(text)
