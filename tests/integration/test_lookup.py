"""Resolving a scan: our label (current or out of date), a slot, a GS1 code in its three forms,
an item code or GTIN, and nothing at all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain import label_payload
from app.domain.errors import BadInput
from app.domain.label_payload import LabelPayload
from app.services import labels, ledger, lookup
from app.services.ledger import Line
from app.store import kv
from app.store.models import Lot
from tests.conftest import Store

GTIN_SURG = "06901234000030"


@pytest.fixture
def filled(store: Store) -> dict[str, int]:
    """Surgical masks on A-01-01 (two lots), alcohol in the flammables cabinet, A-01-02 empty."""
    a1, _a2 = store.general
    expiry = date.today() + timedelta(days=300)
    lots = {
        "S1": store.lot(store.mask, "S1", expiry),
        "S2": store.lot(store.mask, "S2|=%", expiry + timedelta(days=30)),
        "ALC": store.lot(store.alcohol, "ALC1", expiry),
    }
    ledger.post_new(
        "receipt",
        [
            Line(store.mask, lots["S1"], a1, 500),
            Line(store.mask, lots["S2"], a1, 300),
            Line(store.alcohol, lots["ALC"], store.flammable, 12),
        ],
        party_id=store.supplier,
        source="purchase",
    )
    return lots


def test_a_printed_label_resolves_to_its_lot(store: Store, filled: dict[str, int]) -> None:
    a1 = store.general[0]
    rows = labels.label_rows([a1])
    assert [r.batch for r in rows] == ["S1", "S2|=%"]
    for row, qty in zip(rows, (500, 300), strict=True):
        r = lookup.resolve(row.payload)
        assert (r.kind, r.slot, r.item_code, r.batch, r.qty, r.outdated) == (
            "label",
            "A-01-01",
            "FH-SURG",
            row.batch,
            qty,
            False,
        )
        assert r.slot_id == a1 and {h.batch for h in r.holdings} == {"S1", "S2|=%"}
    assert lookup.resolve("]Q1" + rows[0].payload).kind == "label"


def test_an_out_of_date_label_says_so(store: Store, filled: dict[str, int]) -> None:
    a1, a2 = store.general
    old = labels.label_rows([a1])[0].payload
    ledger.post_new("move", [Line(store.mask, filled["S1"], a1, 500, to_slot_id=a2)])
    r = lookup.resolve(old)
    assert (r.kind, r.outdated, r.reason, r.qty) == ("label", True, "lot_gone", 0)
    assert "no longer" in lookup.describe_reason(r.reason)
    # The fresh label for the new place is current.
    assert lookup.resolve(labels.label_rows([a2])[0].payload).outdated is False
    # A corrected expiry date outdates the printed one.
    Lot.update(expiry=date.today() + timedelta(days=999)).where(Lot.id == filled["S2"]).execute()
    assert lookup.resolve(labels.label_rows([a1])[0].payload).outdated is False
    stale = label_payload.encode(LabelPayload("A-01-01", "FH-SURG", "S2|=%", date(2030, 1, 1)))
    assert lookup.resolve(stale).reason == "expiry_changed"
    # An empty-slot label on a slot that now holds stock, and a slot that is gone.
    assert lookup.resolve("SK1|S=A-01-02").reason == "slot_filled"
    assert lookup.resolve("SK1|S=F-01-01|I=XS-ALC75|B=ALC1").outdated is True
    assert lookup.resolve("SK1|S=Z-99").reason == "slot_gone"
    with pytest.raises(BadInput):
        lookup.resolve("SK1|S=A-01-01|B=50%")


def test_slot_codes_open_what_the_slot_holds(store: Store, filled: dict[str, int]) -> None:
    r = lookup.resolve("a-01-01\r\n")
    assert (r.kind, r.slot, r.qty) == ("slot", "A-01-01", 800)
    assert [h.batch for h in r.holdings] == ["S1", "S2|=%"]
    empty = lookup.resolve("A-01-02")
    assert (empty.kind, empty.qty, empty.holdings) == ("slot", 0, [])


@pytest.mark.parametrize(
    "text",
    [
        f"01{GTIN_SURG}10S1\x1d17" + (date.today() + timedelta(days=300)).strftime("%y%m%d"),
        f"(01){GTIN_SURG}(10)S1",
        f"]C101{GTIN_SURG}10S1<GS>21X9",
    ],
)
def test_gs1_codes_in_every_form(store: Store, filled: dict[str, int], text: str) -> None:
    r = lookup.resolve(text)
    assert (r.kind, r.gtin, r.item_code, r.batch, r.qty, r.slot) == (
        "gs1",
        GTIN_SURG,
        "FH-SURG",
        "S1",
        500,
        "A-01-01",
    )


def test_gs1_separator_substitute_comes_from_the_settings(
    store: Store, filled: dict[str, int]
) -> None:
    kv.put(lookup.GS1_SUBSTITUTE_KEY, "~")
    r = lookup.resolve(f"01{GTIN_SURG}10S1~21X9")
    assert (r.kind, r.batch) == ("gs1", "S1")
    assert lookup.resolve(f"01{GTIN_SURG}10S1~21X9", gs_substitute="#").batch != "S1"


def test_item_codes_gtins_and_nothing(store: Store, filled: dict[str, int]) -> None:
    r = lookup.resolve("fh-surg")
    assert (r.kind, r.item_code, r.qty, r.slot) == ("item", "FH-SURG", 800, "A-01-01")
    assert lookup.resolve(GTIN_SURG[1:]).item_code == "FH-SURG"  # EAN-13 as scanned
    for text in ("", "   ", "nothing-here", "12345"):
        assert lookup.resolve(text).kind == "unknown"
    assert lookup.resolve("nothing").to_json() == {"kind": "unknown", "text": "nothing"}
