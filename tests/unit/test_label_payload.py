"""The shelf-label QR text: documented examples, escaping, round trip for any text, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import BadInput
from app.domain.label_payload import LabelPayload, decode, encode, looks_like_payload

EXAMPLE = "SK1|S=A-01-02|I=FH-N95|B=20240101|E=2027-01-31"


def test_the_documented_example() -> None:
    p = LabelPayload("A-01-02", "FH-N95", "20240101", date(2027, 1, 31))
    assert encode(p) == EXAMPLE
    assert decode(EXAMPLE) == p


def test_empty_slot_label_carries_only_the_slot() -> None:
    assert encode(LabelPayload("D-01-01")) == "SK1|S=D-01-01"
    assert decode("SK1|S=D-01-01") == LabelPayload("D-01-01")


def test_separators_and_non_ascii_are_escaped() -> None:
    p = LabelPayload("A-1", "X|Y", "LOT=1|2%", None)
    text = encode(p)
    assert text == "SK1|S=A-1|I=X%7CY|B=LOT%3D1%7C2%25"
    assert text.isascii() and decode(text) == p
    chinese = encode(LabelPayload("A-1", "FH", "批号 一", date(2030, 1, 1)))
    assert chinese.isascii() and decode(chinese).batch == "批号 一"


def test_scanner_prefix_unknown_keys_and_any_order_are_accepted() -> None:
    assert decode("]Q1" + EXAMPLE) == decode(EXAMPLE)
    assert decode("SK1|E=2027-01-31|X=new|B=20240101|I=FH-N95|S=A-01-02\r\n") == decode(EXAMPLE)


@pytest.mark.parametrize(
    "text",
    [
        "SK1",
        "SK1|I=FH",  # no slot
        "SK1|S=",  # empty slot
        "SK1|S=A|S=B",  # a key twice
        "SK1|S=A|E=2027-02-30",  # no such day
        "SK1|S=A|B=50%",  # stray percent
        "SK1|S=A|B=%FF",  # not UTF-8
        "SK1|S=A|broken",
        "XX1|S=A",
    ],
)
def test_damaged_text_is_refused_clearly(text: str) -> None:
    with pytest.raises(BadInput) as err:
        decode(text)
    assert err.value.field == "payload"


def test_a_newer_format_says_so() -> None:
    with pytest.raises(BadInput) as err:
        decode("SK2|S=A-01")
    assert "newer" in err.value.en and "更新版本" in err.value.zh
    assert looks_like_payload("SK2|S=A-01") and looks_like_payload(EXAMPLE)
    assert not looks_like_payload("SKU-1") and not looks_like_payload("A-01-02")


def test_encode_needs_a_slot() -> None:
    with pytest.raises(BadInput):
        encode(LabelPayload(""))


text = st.text(min_size=1, max_size=40)


@given(
    slot=text,
    item=st.none() | text,
    batch=st.none() | st.text(max_size=40),
    expiry=st.none() | st.dates(),
)
def test_round_trip_for_any_text(
    slot: str, item: str | None, batch: str | None, expiry: date | None
) -> None:
    p = LabelPayload(slot, item, batch, expiry)
    encoded = encode(p)
    assert encoded.isascii() and encoded.isprintable()
    assert encoded.split("|")[0] == "SK1" and encoded.count("=") == encoded.count("|")
    assert decode(encoded) == p
