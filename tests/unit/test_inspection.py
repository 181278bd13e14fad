"""Receipt inspection and sign-off rules, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain import inspection, signoff
from app.domain.errors import BadInput, SignOffMissing

TODAY = date(2026, 5, 1)
GOOD = inspection.LineFacts(
    line_no=2,
    item_name="医用外科口罩",
    unit="只",
    batch="B1",
    production_date=TODAY - timedelta(days=30),
    expiry=TODAY + timedelta(days=700),
    delivered=100,
    accepted=90,
    rejected=10,
    reject_reason="damaged",
    reject_note="",
    reg_cert_no="国械注准20202140001",
    requires_registration=True,
    min_shelf_life_days=180,
)


def test_a_good_line_passes() -> None:
    inspection.check_line(GOOD, TODAY)
    assert inspection.shelf_life_short(GOOD, TODAY) is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"delivered": 0, "accepted": 0, "rejected": 0}, "delivered"),
        ({"accepted": 95}, "accepted"),
        ({"accepted": -1, "rejected": 101}, "accepted"),
        ({"reject_reason": None}, "reject_reason"),
        ({"reject_reason": "other"}, "reject_note"),
        ({"batch": ""}, "batch"),
        ({"reg_cert_no": " "}, "reg_cert_no"),
        ({"expiry": TODAY - timedelta(days=31)}, "expiry"),
        ({"expiry": TODAY - timedelta(days=1)}, "expiry"),
        ({"production_date": TODAY + timedelta(days=1)}, "production_date"),
    ],
)
def test_each_bad_input_names_its_field_and_line(change: dict, field: str) -> None:
    with pytest.raises(BadInput) as err:
        inspection.check_line(replace(GOOD, **change), TODAY)
    assert err.value.field == field and err.value.details["line"] == 2
    assert "Line 2" in err.value.en and "第 2 行" in err.value.zh


def test_expired_goods_only_matter_when_accepted() -> None:
    refused = replace(GOOD, expiry=TODAY - timedelta(days=1), accepted=0, rejected=100)
    inspection.check_line(refused, TODAY)


def test_short_shelf_life_is_measured_from_the_receipt_date() -> None:
    short = replace(GOOD, expiry=TODAY + timedelta(days=100))
    assert inspection.shelf_life_short(short, TODAY) == 100
    assert inspection.shelf_life_short(replace(short, min_shelf_life_days=0), TODAY) is None
    assert "100" in inspection.shelf_life_message(short, 100)[1]


def test_sign_off_needs_every_required_role_and_different_people() -> None:
    signoff.check_complete("receipt", [("deliverer", "赵师傅", None), ("inspector", "李秀兰", 1)])
    with pytest.raises(SignOffMissing) as err:
        signoff.check_complete("receipt", [("deliverer", "赵师傅", None)])
    assert err.value.field == "signature:inspector"
    with pytest.raises(SignOffMissing):
        signoff.check_complete(
            "receipt", [("deliverer", "李秀兰", None), ("inspector", "李 秀兰", 1)]
        )
    with pytest.raises(SignOffMissing):  # one account, two names
        signoff.check_complete(
            "receipt",
            [("deliverer", "赵师傅", 3), ("inspector", "李秀兰", 3)],
        )
    assert signoff.label("deliverer", "zh_CN") == "送货人"
    assert signoff.roles_for("issue").required == ("receiver", "issuer")
