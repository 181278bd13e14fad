"""Receiving on a real SQLite file: drafts, inspection rules, placements, sign-off, posting."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw

from app.domain.errors import (
    AlreadyPosted,
    BadInput,
    HazardConflict,
    NeedsConfirmation,
    SignOffMissing,
    StorekeeperError,
)
from app.services import ledger, receiving, scanning, signatures
from app.services.receiving import LineInput, Placement, ReceiptInput
from app.services.signatures import SignatureInput
from app.services.verify import verify
from app.store.database import db
from app.store.models import Balance, LedgerEntry, Lot, ReceiptLine, Signature, Voucher
from tests.conftest import Store

TODAY = date.today()


def png(seed: int = 1) -> bytes:
    img = Image.new("RGB", (200, 80), "white")
    ImageDraw.Draw(img).line([(10, 60), (60 + seed, 20), (190, 50)], fill="black", width=4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def pad(role: str, name: str, seed: int = 1) -> SignatureInput:
    return SignatureInput(
        role, name, strokes=[[(10, 60), (60 + seed, 20), (190, 50)]], png=png(seed)
    )


def both(deliverer: str = "赵师傅", inspector: str = "李秀兰") -> list[SignatureInput]:
    return [pad("deliverer", deliverer, 1), pad("inspector", inspector, 2)]


def mask_line(store: Store, **kw: object) -> LineInput:
    base = LineInput(
        item_id=store.mask,
        delivered=1000,
        accepted=1000,
        batch="M2401",
        production_date=TODAY - timedelta(days=30),
        expiry=TODAY + timedelta(days=700),
        reg_cert_no="国械注准20202140001",
        unit_price=Decimal("0.35"),
        entry_unit="盒",
        checklist={"packaging": True, "product": True, "certificate": True, "labelling": True},
        placements=[Placement(store.general[0], 1000)],
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def receipt(store: Store, *lines: LineInput, **kw: object) -> ReceiptInput:
    data = ReceiptInput(
        source="purchase",
        party_id=store.supplier,
        lines=list(lines) or [mask_line(store)],
        deliverer="赵师傅",
        reference="KA-0001",
        doc_date=TODAY,
    )
    return replace(data, **kw)  # type: ignore[arg-type]


def qty(slot: int, item: int | None = None) -> int:
    q = Balance.select().where(Balance.slot == slot)
    if item:
        q = q.where(Balance.item == item)
    return sum(b.qty for b in q)


def counts() -> tuple[int, int, int, int]:
    return (
        Voucher.select().where(Voucher.status == "posted").count(),
        LedgerEntry.select().count(),
        Lot.select().count(),
        Balance.select().count(),
    )


# --- drafts ------------------------------------------------------------------------------------


def test_draft_changes_no_stock_and_resumes(store: Store) -> None:
    v = receiving.save_draft(receipt(store))
    assert v.status == "draft" and v.number is None
    assert counts() == (0, 0, 0, 0)
    again = receiving.load(v.id)
    assert again.deliverer == "赵师傅" and again.lines[0].placements == [
        Placement(store.general[0], 1000)
    ]
    assert again.lines[0].unit_price == Decimal("0.3500")
    changed = replace(again, lines=[replace(again.lines[0], batch="M2402")])
    receiving.save_draft(changed, voucher_id=v.id)
    assert ReceiptLine.get(ReceiptLine.voucher == v.id).batch == "M2402"
    assert [d.voucher_id for d in receiving.drafts()] == [v.id]
    receiving.delete_draft(v.id)
    assert receiving.drafts() == [] and Voucher.select().count() == 0


def test_drafts_count_their_own_lines_only(store: Store) -> None:
    receiving.receive(receipt(store, mask_line(store), mask_line(store, batch="M2409")), both())
    one = receiving.save_draft(receipt(store, reference="KA-0002"))
    three = receiving.save_draft(
        receipt(store, *(mask_line(store, batch=f"M25{n}") for n in range(3)), reference="KA-3")
    )
    assert [(d.voucher_id, d.reference, d.lines) for d in receiving.drafts()] == [
        (three.id, "KA-3", 3),
        (one.id, "KA-0002", 1),
    ]


def test_partial_acceptance_puts_only_accepted_on_the_chosen_slots(store: Store) -> None:
    a1, a2 = store.general
    line = mask_line(
        store,
        delivered=1000,
        accepted=900,
        rejected=100,
        reject_reason="damaged",
        placements=[Placement(a1, 600), Placement(a2, 300)],
    )
    v = receiving.receive(receipt(store, line), both())
    assert v.number == f"RK-{TODAY.year}-0001" and v.status == "posted"
    assert (qty(a1), qty(a2)) == (600, 300)
    assert sum(e.delta for e in LedgerEntry.select()) == 900
    rl = ReceiptLine.get(ReceiptLine.voucher == v.id)
    assert (rl.delivered_qty, rl.accepted_qty, rl.rejected_qty) == (1000, 900, 100)
    assert rl.lot_id is not None and rl.lot.expiry == line.expiry
    views = receiving.line_views(v.id)
    assert views[0].slots == (("A-01-01", 600), ("A-01-02", 300))
    assert views[0].value == Decimal("315.00")
    assert verify() == []


def test_second_delivery_of_a_batch_joins_its_lot(store: Store) -> None:
    receiving.receive(receipt(store), both())
    receiving.receive(
        receipt(store, mask_line(store, placements=[Placement(store.general[0], 1000)])), both()
    )
    assert Lot.select().count() == 1 and qty(store.general[0]) == 2000
    other_dates = mask_line(store, expiry=TODAY + timedelta(days=500))
    with pytest.raises(BadInput) as err:
        receiving.receive(receipt(store, other_dates), both())
    assert err.value.field == "expiry"


# --- bad input: a clear message at the field, nothing posted --------------------------------


BAD_LINES = [
    (dict(expiry=TODAY - timedelta(days=40), production_date=TODAY - timedelta(days=20)), "expiry"),
    (dict(accepted=900, rejected=50, reject_reason="damaged"), "accepted"),
    (dict(delivered=0, accepted=0, placements=[]), "delivered"),
    (dict(delivered=-5, accepted=-5), "delivered"),
    (dict(accepted=-1, rejected=1001, delivered=1000, reject_reason="damaged"), "accepted"),
    (dict(batch=" "), "batch"),
    (dict(reg_cert_no=""), "reg_cert_no"),
    (dict(expiry=TODAY - timedelta(days=1), production_date=TODAY - timedelta(days=400)), "expiry"),
    (dict(accepted=900, rejected=100), "reject_reason"),
    (dict(accepted=900, rejected=100, reject_reason="other"), "reject_note"),
    (dict(production_date=TODAY + timedelta(days=3)), "production_date"),
    (dict(placements=[Placement(1, 10)]), "placements"),
]


@pytest.mark.parametrize(("change", "field"), BAD_LINES)
def test_bad_line_refused_at_its_field(store: Store, change: dict, field: str) -> None:
    change = dict(change)
    if "placements" in change and change["placements"] and change["placements"][0].slot_id == 1:
        change["placements"] = [Placement(store.general[0], 10)]
    v = receiving.save_draft(receipt(store, mask_line(store, **change)))
    with pytest.raises(StorekeeperError) as err:
        receiving.post(v.id, signatures_in=both())
    assert err.value.field == field, str(err.value)
    assert err.value.details.get("line") == 1
    assert counts() == (0, 0, 0, 0)
    assert Signature.select().count() == 0  # the whole transaction rolled back
    assert Voucher.get_by_id(v.id).status == "draft"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (dict(party_id=None), "party"),
        (dict(deliverer=""), "deliverer"),
        (dict(doc_date=TODAY + timedelta(days=1)), "doc_date"),
        (dict(lines=[]), "lines"),
    ],
)
def test_bad_header_refused(store: Store, change: dict, field: str) -> None:
    v = receiving.save_draft(receipt(store, **change))
    with pytest.raises(BadInput) as err:
        receiving.post(v.id, signatures_in=both())
    assert err.value.field == field
    assert counts() == (0, 0, 0, 0)


def test_unknown_source_refused_even_for_a_draft(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        receiving.save_draft(receipt(store, source="gift"))
    assert err.value.field == "source"


def test_everything_rejected_is_not_posted(store: Store) -> None:
    line = mask_line(store, accepted=0, rejected=1000, reject_reason="wrong_product", placements=[])
    v = receiving.save_draft(receipt(store, line))
    with pytest.raises(BadInput):
        receiving.post(v.id, signatures_in=both())
    assert counts() == (0, 0, 0, 0)


def test_expired_goods_may_be_rejected_but_not_accepted(store: Store) -> None:
    old = dict(expiry=TODAY - timedelta(days=1), production_date=TODAY - timedelta(days=400))
    bad = mask_line(
        store,
        batch="OLD",
        accepted=0,
        rejected=200,
        delivered=200,
        reject_reason="short_shelf_life",
        placements=[],
        **old,
    )
    v = receiving.receive(receipt(store, mask_line(store), bad), both())
    assert qty(store.general[0]) == 1000
    assert [r.lot_id is None for r in ReceiptLine.select().where(ReceiptLine.voucher == v.id)] == [
        False,
        True,
    ]
    assert not Lot.select().where(Lot.batch == "OLD").exists()


def test_incompatible_slot_refused_saying_why(store: Store) -> None:
    alcohol = LineInput(
        item_id=store.alcohol,
        delivered=20,
        accepted=20,
        batch="ALC1",
        expiry=TODAY + timedelta(days=700),
        placements=[Placement(store.general[0], 20)],
    )
    v = receiving.save_draft(receipt(store, alcohol))
    with pytest.raises(HazardConflict) as err:
        receiving.post(v.id, signatures_in=both())
    assert err.value.field == "slot" and "A-01-01" in str(err.value)
    assert counts() == (0, 0, 0, 0)
    receiving.save_draft(
        receipt(store, replace(alcohol, placements=[Placement(store.flammable, 20)])),
        voucher_id=v.id,
    )
    receiving.post(v.id, signatures_in=both())
    assert qty(store.flammable) == 20


def test_short_shelf_life_warns_or_blocks_as_set(store: Store) -> None:
    short = mask_line(store, expiry=TODAY + timedelta(days=100))  # the mask needs 180 days
    v = receiving.save_draft(receipt(store, short))
    warnings = receiving.inspect(v.id)
    assert [(w.line_no, w.field) for w in warnings] == [(1, "expiry")]
    with pytest.raises(NeedsConfirmation):
        receiving.post(v.id, signatures_in=both())
    receiving.set_shelf_policy("block")
    with pytest.raises(BadInput) as err:
        receiving.post(v.id, signatures_in=both(), confirm_short_shelf_life=True)
    assert err.value.field == "expiry" and "100" in str(err.value)
    assert counts() == (0, 0, 0, 0)
    receiving.set_shelf_policy("warn")
    receiving.post(v.id, signatures_in=both(), confirm_short_shelf_life=True)
    assert qty(store.general[0]) == 1000


# --- signatures ----------------------------------------------------------------------------


def test_one_signature_missing_or_same_person_refused(store: Store) -> None:
    v = receiving.save_draft(receipt(store))
    with pytest.raises(SignOffMissing) as err:
        receiving.post(v.id, signatures_in=[pad("deliverer", "赵师傅")])
    assert err.value.field == "signature:inspector"
    with pytest.raises(SignOffMissing) as err:
        receiving.post(
            v.id, signatures_in=[pad("deliverer", "赵师傅"), pad("inspector", "赵 师傅")]
        )
    assert "same person" in str(err.value)
    with pytest.raises(BadInput) as err:
        receiving.post(v.id, signatures_in=both(deliverer="钱师傅"))
    assert err.value.field == "signature:deliverer"
    with pytest.raises(SignOffMissing):
        receiving.post(
            v.id, signatures_in=[SignatureInput("deliverer", "赵师傅"), pad("inspector", "李秀兰")]
        )
    assert counts() == (0, 0, 0, 0) and Signature.select().count() == 0


def test_signing_a_draft_then_changing_it_needs_new_signatures(store: Store) -> None:
    v = receiving.save_draft(receipt(store))
    for sig in both():
        signatures.sign(v.id, sig)
    assert receiving.inspect(v.id) == []
    # an edit that changes the content drops the signatures made on the old content
    receiving.save_draft(receipt(store, mask_line(store, batch="M9")), voucher_id=v.id)
    assert Signature.select().count() == 0
    for sig in both():
        signatures.sign(v.id, sig)
    # an edit behind the app's back is caught when posting
    db.execute_sql(
        "UPDATE receipt_line SET accepted_qty = 999, rejected_qty = 1, reject_reason = 'damaged'"
    )
    db.execute_sql("UPDATE voucher_line SET qty = 999")
    with pytest.raises(SignOffMissing) as err:
        receiving.post(v.id)
    assert "changed after" in str(err.value)


def test_pin_signature_for_a_registered_user(store: Store) -> None:
    from app.services import accounts

    acc = accounts.create_account("keeper", "李秀兰", "storekeeper", "1234")
    authed = accounts.authenticate("keeper", "1234")
    v = receiving.save_draft(receipt(store))
    sigs = [
        pad("deliverer", "赵师傅"),
        SignatureInput("inspector", "", method="pin", account_id=authed.id),
    ]
    receiving.post(v.id, signatures_in=sigs, by=acc.id)
    s = Signature.get((Signature.voucher == v.id) & (Signature.role == "inspector"))
    assert (s.method, s.signer_name, s.account_id, s.png) == ("pin", "李秀兰", acc.id, None)


def test_signatures_stored_and_unchangeable_after_posting(store: Store) -> None:
    v = receiving.receive(receipt(store), both())
    sigs = signatures.signatures_of(v.id)
    assert [(s.role, s.signer_name, s.method) for s in sigs] == [
        ("deliverer", "赵师傅", "pad"),
        ("inspector", "李秀兰", "pad"),
    ]
    assert all(s.png.startswith(b"\x89PNG") and s.content_hash for s in sigs)
    with pytest.raises(AlreadyPosted):
        signatures.sign(v.id, pad("inspector", "王园长"))
    with pytest.raises(AlreadyPosted):
        signatures.clear(v.id)
    with pytest.raises(AlreadyPosted):
        receiving.save_draft(receipt(store), voucher_id=v.id)
    with pytest.raises(AlreadyPosted):
        receiving.delete_draft(v.id)


def test_tampered_signature_or_receipt_line_is_named_by_verify(store: Store) -> None:
    v = receiving.receive(receipt(store), both())
    ledger.post_new("issue", [ledger.Line(store.mask, Lot.get().id, store.general[0], 10)])
    assert verify() == []
    db.execute_sql("UPDATE signature SET signer_name = '某某' WHERE role = 'deliverer'")
    problems = verify()
    assert [p.voucher_no for p in problems if p.kind == "voucher"] == [v.number]
    db.execute_sql("UPDATE signature SET signer_name = '赵师傅' WHERE role = 'deliverer'")
    assert verify() == []
    db.execute_sql("UPDATE signature SET png = X'00' WHERE role = 'inspector'")
    assert [p.voucher_no for p in verify()] == [v.number]
    db.execute_sql(f"UPDATE signature SET png = X'{png(2).hex()}' WHERE role = 'inspector'")
    assert verify() == []
    db.execute_sql("UPDATE receipt_line SET rejected_qty = 5")
    assert [p.voucher_no for p in verify()] == [v.number]


def test_reversal_of_a_receipt_keeps_the_receipt(store: Store) -> None:
    v = receiving.receive(receipt(store), both())
    ledger.reverse(v.id, reason="供应商收回")
    assert qty(store.general[0]) == 0
    assert verify() == []


# --- scanning ------------------------------------------------------------------------------


def test_scan_fills_item_batch_and_dates(store: Store) -> None:
    r = scanning.scan("0106901234000030" + "17271231" + "10M2401<GS>" + "11250115")
    assert (r.item_id, r.batch, r.expiry, r.production_date) == (
        store.mask,
        "M2401",
        date(2027, 12, 31),
        date(2025, 1, 15),
    )
    r = scanning.scan("(01)06901234000030(17)270600(10)B7")
    assert (r.item_id, r.expiry, r.batch) == (store.mask, date(2027, 6, 30), "B7")  # day 00
    scanning.set_gs_substitute("~")
    r = scanning.scan("0106901234000030" + "10M2~" + "17271231")
    assert (r.batch, r.expiry) == ("M2", date(2027, 12, 31))


def test_unknown_gtin_can_be_linked_and_unreadable_codes_kept(store: Store) -> None:
    unknown = "0104006381333931" + "10X1"
    r = scanning.scan(unknown)
    assert r.unknown_gtin and r.gtin == "04006381333931" and r.batch == "X1"
    scanning.link_gtin(store.mask, r.gtin)
    assert scanning.scan(unknown).item_id == store.mask
    with pytest.raises(BadInput):
        scanning.link_gtin(store.alcohol, r.gtin)
    odd = scanning.scan("+H123PROD01/$$3270101LOT9Q")  # HIBC, not GS1
    assert (odd.parsed, odd.item_id, odd.raw) == (False, None, "+H123PROD01/$$3270101LOT9Q")
    v = receiving.save_draft(receipt(store, mask_line(store, scan_text=odd.raw)))
    assert ReceiptLine.get(ReceiptLine.voucher == v.id).scan_text == odd.raw
