"""Reserve standards on a small crafted storeroom: every number of the top-up list by hand."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from app.domain import i18n
from app.domain.errors import BadInput, NotFound
from app.services import audit, catalogue, ledger, lots, people, reserve, settings
from app.services.reserve import ReserveRow
from app.store.models import Item, Lot, ReserveTarget
from tests.conftest import Store

TODAY = date.today()


def _receive(store: Store, item: int, lot: int, qty: int, slot: int | None = None) -> None:
    ledger.post_new(
        "receipt",
        [ledger.Line(item, lot, slot or store.general[0], qty)],
        party_id=store.supplier,
        source="purchase",
    )


def _issue(store: Store, item: int, lot: int, qty: int, *, vtype: str = "issue", **kw: object):
    return ledger.post_new(
        vtype,
        [ledger.Line(item, lot, store.general[0], qty, party_id=store.person)],
        party_id=store.person,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def crafted(store: Store) -> dict[str, int]:
    """Masks in three lots (one expired), N95 only on hold, alcohol above its target; people in
    two departments and three risk groups (one of them inactive)."""
    cls = people.departments()[0].id  # 小一班, made by the store fixture with 张三 (elevated)
    clinic = people.create_party("department", "保健室").id
    people.create_party("person", "李四", staff_no="YG002", department_id=cls, risk_group="medium")
    people.create_party("person", "王五", staff_no="YG003", department_id=clinic, risk_group="high")
    gone = people.create_party(
        "person", "赵六", staff_no="YG004", department_id=clinic, risk_group="high"
    )
    people.set_party_active(gone.id, False)
    n95 = catalogue.find_item("FH-N95").id

    expired = store.lot(store.mask, "SG-OLD", TODAY - timedelta(days=1))
    soon = store.lot(store.mask, "SG-SOON", TODAY + timedelta(days=20))
    later = store.lot(store.mask, "SG-LATE", TODAY + timedelta(days=400))
    held = store.lot(n95, "N95-HOLD", TODAY + timedelta(days=300))
    alcohol = store.lot(store.alcohol, "ALC-1", TODAY + timedelta(days=300))
    _receive(store, store.mask, expired, 100)
    _receive(store, store.mask, soon, 50)
    _receive(store, store.mask, later, 200)
    _receive(store, n95, held, 100)
    _receive(store, store.alcohol, alcohol, 8, store.flammable)
    lots.hold(held, "quality", "包装破损待查")

    # Use over the last 90 days: 20 issued today; 5 issued and reversed (net 0); 4 lent; a move
    # (not use); 10 issued 100 days ago (outside the window).
    _issue(store, store.mask, later, 20)
    wrong = _issue(store, store.mask, later, 5)
    ledger.reverse(wrong.id, reason="发错了")
    _issue(store, store.mask, later, 4, vtype="loan")
    ledger.post_new(
        "move", [ledger.Line(store.mask, later, store.general[0], 30, to_slot_id=store.general[1])]
    )
    _issue(store, store.mask, later, 10, doc_date=TODAY - timedelta(days=100))
    return {"class": cls, "clinic": clinic, "n95": n95, "soon": soon, "held": held}


def test_top_up_list_matches_targets_computed_by_hand(
    store: Store, crafted: dict[str, int]
) -> None:
    # Masks: 3 a person a day for 小一班 (张三 and 李四) → 6 a day × 45 days = 270.
    reserve.set_target(store.mask, mode="per_person", qty="3", departments=[crafted["class"]])
    # N95: 2 a person a day for high-risk staff (王五; 赵六 is inactive) → 2 × 30 = 60.
    reserve.set_target(crafted["n95"], mode="per_person", qty=2, risk_groups=["high"], days=30)
    # Alcohol: half a bottle a day for 10 days → 5; 8 bottles on the shelf: no gap.
    reserve.set_target(store.alcohol, mode="fixed", qty="0.5", days=10)

    # Masks usable: 50 (SG-SOON, expires in 20 days, inside the 45-day window) + 200 − 20 − 4
    # − 10 (SG-LATE) = 216; the expired 100 are left out. Gap 270 − 216 = 54 → 1 箱 of 1000.
    # Use in 90 days: 20 + 4 (+5 −5) = 24 → 24/90 a day; cover 216 ÷ (24/90) = 810 days.
    mask = ReserveRow(
        item_id=store.mask,
        code="FH-SURG",
        name="医用外科口罩",
        category="防护用品",
        unit="只",
        pack_unit="箱",
        pack_size=1000,
        daily_need=6.0,
        days=45,
        target=270,
        on_hand=316,
        usable=216,
        expiring_in_window=50,
        gap=54,
        gap_packs=1,
        avg_daily_use=pytest.approx(24 / 90),  # type: ignore[arg-type]
        days_of_cover=pytest.approx(810),  # type: ignore[arg-type]
    )
    # N95: 100 on hand, all on hold → usable 0, gap 60 → 1 箱 of 400; never used.
    n95 = ReserveRow(
        item_id=crafted["n95"],
        code="FH-N95",
        name="医用防护口罩",
        category="防护用品",
        unit="只",
        pack_unit="箱",
        pack_size=400,
        daily_need=2.0,
        days=30,
        target=60,
        on_hand=100,
        usable=0,
        expiring_in_window=0,
        gap=60,
        gap_packs=1,
        avg_daily_use=0.0,
        days_of_cover=None,
    )
    assert reserve.top_up() == [n95, mask]  # by category, then code
    rows = {r.code: r for r in reserve.status()}
    assert set(rows) == {"FH-N95", "FH-SURG", "XS-ALC75"}
    alcohol = rows["XS-ALC75"]
    assert (alcohol.target, alcohol.usable, alcohol.gap, alcohol.gap_packs) == (5, 8, 0, 0)
    assert alcohol.daily_need == 0.5 and alcohol.pack_unit == "箱" and alcohol.pack_size == 20

    assert reserve.average_daily_use() == {store.mask: pytest.approx(24 / 90)}
    assert reserve.average_daily_use([crafted["n95"]]) == {}
    assert reserve.use_totals(days=120) == {store.mask: 34}  # the issue of 100 days ago too

    # A month on, SG-SOON has expired: it leaves the usable stock and the gap grows.
    later = reserve.status(TODAY + timedelta(days=21))
    on_21 = next(r for r in later if r.code == "FH-SURG")
    assert on_21.usable == 166 and on_21.gap == 104 and on_21.expiring_in_window == 0


def test_all_items_adds_those_without_a_standard(store: Store, crafted: dict[str, int]) -> None:
    reserve.set_target(store.alcohol, mode="fixed", qty=1)
    rows = {r.code: r for r in reserve.status(all_items=True)}
    assert len(rows) == Item.select().where(Item.active == True).count()  # noqa: E712
    mask = rows["FH-SURG"]
    assert (mask.target, mask.days, mask.gap, mask.usable) == (0, 0, 0, 216)
    assert mask.days_of_cover == pytest.approx(810)
    assert rows["XS-ALC75"].target == 45
    # the page reads the standards once and hands them in: the same rows
    assert reserve.status(all_items=True, found=reserve.targets()) == list(rows.values())


def test_per_person_counts_active_people_in_the_chosen_groups(
    store: Store, crafted: dict[str, int]
) -> None:
    cls, clinic = crafted["class"], crafted["clinic"]
    assert reserve.count_people() == 3  # 张三, 李四, 王五 (赵六 is inactive)
    assert reserve.count_people([cls]) == 2
    assert reserve.count_people([cls, clinic]) == 3
    assert reserve.count_people(risk_groups=["high"]) == 1
    assert reserve.count_people(risk_groups=["high", "elevated"]) == 2
    assert reserve.count_people([cls], ["elevated"]) == 1  # both: in one of each
    assert reserve.count_people([clinic], ["elevated"]) == 0
    info = reserve.set_target(
        store.mask, mode="per_person", qty="2", departments=[cls], risk_groups=["medium"]
    )
    assert (info.people, info.daily_need, info.target) == (1, 2, 90)
    assert info.departments == (cls,) and info.risk_groups == ("medium",)
    # A new member of the class counts from now on: the target follows the people.
    people.create_party("person", "钱七", staff_no="YG005", department_id=cls, risk_group="medium")
    assert reserve.get_target(store.mask).target == 180


def test_changes_are_checked_and_audited(store: Store, crafted: dict[str, int]) -> None:
    cases = [
        (dict(mode="monthly", qty=1), "mode"),
        (dict(mode="fixed", qty="zero"), "qty"),
        (dict(mode="fixed", qty=-1), "qty"),
        (dict(mode="fixed", qty=1, days=0), "days"),
        (dict(mode="fixed", qty=1, days="45天"), "days"),
        (dict(mode="per_person", qty=1, risk_groups=["vip"]), "groups"),
        (dict(mode="per_person", qty=1, departments=[store.person]), "groups"),
        (
            dict(mode="per_person", qty=1, departments=[crafted["clinic"]], risk_groups=["low"]),
            "groups",
        ),
        (dict(mode="fixed", qty=1, note="长" * 201), "note"),
    ]
    for kwargs, field in cases:
        with pytest.raises(BadInput) as err:
            reserve.set_target(store.mask, **kwargs)  # type: ignore[arg-type]
        assert err.value.field == field, kwargs
        assert err.value.zh != err.value.en
    with pytest.raises(NotFound):
        reserve.set_target(999_999, mode="fixed", qty=1)
    assert not ReserveTarget.select().exists()  # nothing half-saved

    reserve.set_target(store.mask, mode="fixed", qty="100", by=None)
    reserve.set_target(store.mask, mode="fixed", qty="100")  # no change: no audit entry
    reserve.set_target(store.mask, mode="fixed", qty="120", days=30, note="园长会议定")
    reserve.clear_target(store.mask)
    with pytest.raises(NotFound):
        reserve.clear_target(store.mask)
    log = [e for e in audit.entries() if e.action.startswith("reserve.")]
    assert [e.action for e in log] == ["reserve.clear", "reserve.set", "reserve.set"]
    assert log[1].details["before"] == {"qty": "100", "days": 45, "note": ""}
    assert log[1].details["qty"] == "120" and log[1].details["item"] == "FH-SURG"
    assert log[0].details["days"] == 30
    assert audit.check_chain() == []
    # Per-person groups are dropped for a fixed quantity: they would mean nothing.
    info = reserve.set_target(store.mask, mode="fixed", qty=3, risk_groups=["high"])
    assert info.risk_groups == () and info.qty == Decimal("3")
    json.dumps(log[1].details)  # the audit details are plain JSON


def test_retired_items_cannot_get_a_standard(store: Store) -> None:
    Item.update(active=False).where(Item.id == store.alcohol).execute()
    with pytest.raises(BadInput) as err:
        reserve.set_target(store.alcohol, mode="fixed", qty=1)
    assert err.value.field == "item"


@pytest.fixture
def chinese() -> Iterator[None]:
    """Documents as the storekeeper prints them: in Chinese."""
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_top_up_export_xlsx_and_pdf(
    tmp_path: Path, store: Store, crafted: dict[str, int], chinese: None
) -> None:
    settings.set_institution_name("阳光幼儿园")
    reserve.set_target(store.mask, mode="per_person", qty="3", departments=[crafted["class"]])
    reserve.set_target(crafted["n95"], mode="per_person", qty=2, risk_groups=["high"], days=30)
    calls: list[tuple[int, int]] = []
    xlsx = reserve.export_top_up(
        tmp_path / "补充采购.xlsx", "xlsx", progress=lambda d, t, _s: calls.append((d, t))
    )
    assert calls and calls[-1][0] <= calls[-1][1]
    ws = load_workbook(xlsx).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "阳光幼儿园防疫物资储备补充采购清单"
    assert f"日期：{TODAY.isoformat()}" in values[1][0] and "共 2 项" in values[1][0]
    assert values[2][:3] == ("序号", "物资编码", "物资名称")
    n95, mask = values[3:5]
    # code, name, category, unit, days, target, usable, expiring, gap, pack, packs to buy
    assert n95[1:] == (
        "FH-N95",
        "医用防护口罩",
        "防护用品",
        "只",
        30,
        60,
        0,
        0,
        60,
        "箱（400 只）",
        1,
    )
    assert mask[1:] == (
        "FH-SURG",
        "医用外科口罩",
        "防护用品",
        "只",
        45,
        270,
        216,
        50,
        54,
        "箱（1,000 只）",
        1,
    )
    assert ws.cell(row=5, column=12).number_format == '#,##0" 箱"'
    assert [v for row in values for v in row if v and str(v).endswith("：")] == [
        "保管员：",
        "审核人：",
        "经办人：",
        "日期：",
        "日期：",
        "日期：",
    ]
    assert ws.page_setup.orientation == "landscape"

    pdf = reserve.export_top_up(tmp_path / "top-up.pdf", "pdf")
    doc = pdfium.PdfDocument(pdf)
    text = doc[0].get_textpage().get_text_range()
    doc.close()
    for word in ("阳光幼儿园防疫物资储备补充采购清单", "医用外科口罩", "医用防护口罩", "1 箱"):
        assert word in text
    for word in ("保管员", "审核人", "经办人", "第 1 页 共 1 页"):
        assert word in text
    with pytest.raises(BadInput) as err:
        reserve.export_top_up(tmp_path / "x.csv", "csv")
    assert err.value.field == "format" and "xlsx" in str(err.value)
    with pytest.raises(BadInput) as err:
        reserve.export_top_up(tmp_path / "missing" / "x.pdf", "pdf")
    assert err.value.field == "file" and "无法写入" in str(err.value)


def test_nothing_to_buy_still_makes_a_sheet(tmp_path: Path, store: Store, chinese: None) -> None:
    pdf = reserve.export_top_up(tmp_path / "none.pdf", "pdf")
    doc = pdfium.PdfDocument(pdf)
    assert "所有物资均已达到储备标准" in doc[0].get_textpage().get_text_range()
    doc.close()
    ws = load_workbook(reserve.export_top_up(tmp_path / "none.xlsx", "xlsx")).active
    assert any("所有物资均已达到储备标准" in str(r[0]) for r in ws.iter_rows(values_only=True))


def test_lot_used_on_the_shelf_keeps_its_expiry(store: Store, crafted: dict[str, int]) -> None:
    """What is usable today is what ledger.post would let out today (expiry day included)."""
    today_lot = store.lot(store.mask, "SG-TODAY", TODAY)
    _receive(store, store.mask, today_lot, 7)
    stock = reserve.stock_by_item(TODAY)[store.mask]
    assert stock.expired == 100 and stock.usable == 223
    assert Lot.get_by_id(today_lot).expiry == TODAY
    _issue(store, store.mask, today_lot, 7)  # the posting path agrees: it can still go out
