"""Zones and slots on a real SQLite file: racks, rename, retire, contents, putaway, moves."""

from __future__ import annotations

import pytest

from app.domain.errors import BadInput, HazardConflict, InsufficientStock
from app.services import catalogue, ledger, slots
from app.services.ledger import Line
from app.services.verify import verify
from app.store.models import Balance, Slot, Voucher, Zone
from tests.conftest import Store


def test_whole_rack_at_once(store: Store) -> None:
    zone = slots.create_zone("B", "消杀用品区", ["none", "oxidizing"])
    made = slots.create_rack(zone.id, "b", 4, 5)
    assert [s.code for s in made][:3] == ["B-01-01", "B-01-02", "B-01-03"]
    assert made[-1].code == "B-04-05" and len(made) == 20
    with pytest.raises(BadInput) as err:
        slots.create_rack(zone.id, "B", 1, 2, first_rack=4)  # B-04-01 exists: all or nothing
    assert err.value.field == "prefix"
    assert Slot.select().where(Slot.zone == zone.id).count() == 20
    for bad in ((0, 5), (4, 100)):
        with pytest.raises(BadInput):
            slots.create_rack(zone.id, "C", *bad)


def test_rename_and_retire_only_an_empty_slot(store: Store) -> None:
    a1, a2 = store.general
    lot = store.lot(store.mask, "B1")
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 10)])
    slots.rename_slot(a1, "a-09-01")
    assert Slot.get_by_id(a1).code == "A-09-01"
    with pytest.raises(BadInput):
        slots.rename_slot(a2, "A-09-01")
    with pytest.raises(BadInput) as err:
        slots.retire_slot(a1)
    assert "A-09-01" in str(err.value)
    slots.retire_slot(a2)
    assert not Slot.get_by_id(a2).active
    with pytest.raises(BadInput):  # nothing goes onto a retired slot
        ledger.post_new("move", [Line(store.mask, lot, a1, 5, to_slot_id=a2)])
    assert verify() == []  # renaming does not touch the books


def test_what_each_slot_holds(store: Store) -> None:
    a1, a2 = store.general
    l1, l2 = store.lot(store.mask, "B1"), store.lot(store.mask, "B2")
    ledger.post_new("receipt", [Line(store.mask, l1, a1, 10), Line(store.mask, l2, a1, 5)])
    rows = {r.code: r for r in slots.overview()}
    assert (rows["A-01-01"].lots, rows["A-01-01"].qty) == (2, 15)
    assert rows["A-01-02"].qty == 0 and rows["A-01-01"].summary == "医用外科口罩"
    assert [(h.batch, h.qty) for h in slots.contents(a1)] == [("B1", 10), ("B2", 5)]


def test_putaway_suggestion_order(store: Store) -> None:
    a1, a2 = store.general
    extra = catalogue.create_slot(Zone.get(Zone.code == "A").id, "A-01-03").id
    l1, l2 = store.lot(store.mask, "B1"), store.lot(store.mask, "B2")
    ledger.post_new("receipt", [Line(store.mask, l1, a2, 10), Line(store.mask, l2, a1, 5)])
    got = slots.suggest(store.mask, "B2")
    assert [(s.code, s.reason) for s in got] == [
        ("A-01-01", "same_lot"),
        ("A-01-02", "same_item"),
        ("A-01-03", "empty"),
    ]
    assert [s.reason for s in slots.suggest(store.mask, "NEW")] == [
        "same_item",
        "same_item",
        "empty",
    ]
    assert [s.slot_id for s in slots.suggest(store.mask, "NEW")][-1] == extra
    # alcohol: only the flammables cabinet, never the general zone
    assert [s.code for s in slots.suggest(store.alcohol, "X")] == ["F-01-01"]
    slots.retire_slot(store.flammable)
    assert slots.suggest(store.alcohol, "X") == []


def test_hazard_refusal_says_why(store: Store) -> None:
    with pytest.raises(HazardConflict) as err:
        slots.check_slot_for(store.alcohol, store.general[0])
    assert "flammable" in str(err.value) and "A-01-01" in str(err.value)
    slots.check_slot_for(store.alcohol, store.flammable)
    with pytest.raises(HazardConflict):  # a zone may not be set up to mix them
        slots.create_zone("X", "混放", ["flammable", "oxidizing"])


def test_move_is_a_voucher_with_the_same_checks(store: Store) -> None:
    a1, a2 = store.general
    lot = store.lot(store.mask, "B1")
    alc = store.lot(store.alcohol, "ALC")
    ledger.post_new("receipt", [Line(store.mask, lot, a1, 50)])
    ledger.post_new("receipt", [Line(store.alcohol, alc, store.flammable, 8)])
    v = slots.move([slots.MoveLine(lot, a1, a2, 20)], note="整理货架")
    assert v.number.startswith("YK-") and v.note == "整理货架"
    assert Balance.get(Balance.lot == lot, Balance.slot == a2).qty == 20
    before = Voucher.select().count()
    with pytest.raises(HazardConflict):
        slots.move([slots.MoveLine(alc, store.flammable, a1, 1)])
    with pytest.raises(InsufficientStock):
        slots.move([slots.MoveLine(lot, a1, a2, 31)])
    with pytest.raises(BadInput):
        slots.move([slots.MoveLine(lot, a1, a1, 1)])
    assert Voucher.select().count() == before
    assert verify() == []


def test_zone_cannot_drop_a_class_it_holds(store: Store) -> None:
    alc = store.lot(store.alcohol, "ALC")
    ledger.post_new("receipt", [Line(store.alcohol, alc, store.flammable, 8)])
    zone = Zone.get(Zone.code == "F")
    with pytest.raises(HazardConflict):
        slots.update_zone(zone.id, "易燃品柜", ["none"])
    slots.update_zone(zone.id, "易燃品防爆柜", ["flammable"], "双人双锁")
    assert Zone.get_by_id(zone.id).name == "易燃品防爆柜"
