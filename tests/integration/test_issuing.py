"""Issuing on real SQLite: limits, overrides, first-expiry picking, holds, requisitions, loans,
write-offs, trace and the people import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.domain.errors import (
    AuthError,
    BadInput,
    InsufficientStock,
    LimitExceeded,
    SignOffMissing,
)
from app.services import (
    accounts,
    audit,
    catalogue,
    issuing,
    ledger,
    limits,
    loans,
    lots,
    people,
    requisitions,
    write_offs,
)
from app.services.issuing import Want
from app.services.signatures import SignatureInput
from app.services.verify import verify
from app.store.models import Balance, IssueOverride, Lot, Party, Voucher

TODAY = date.today()
PNG = b"\x89PNG\r\n\x1a\n-test-signature"


@dataclass
class Room:
    a1: int
    a2: int
    cls: int
    teacher: int  # elevated risk
    nurse: int  # high risk
    cook: int  # low risk
    keeper: int
    head: int
    surg: int
    n95: int
    therm: int


def pad(role: str, name: str) -> SignatureInput:
    return SignatureInput(role, name, "pad", strokes=[[(1, 1), (5, 8), (9, 3)]], png=PNG)


def issue_sigs(room: Room, receiver: str = "领用人甲") -> list[SignatureInput]:
    return [pad("receiver", receiver), SignatureInput("issuer", "", "pin", account_id=room.keeper)]


def receive(item: int, batch: str, slot: int, qty: int, expiry: date | None) -> int:
    lot = Lot.create(item=item, batch=batch, expiry=expiry)
    ledger.post_new("receipt", [ledger.Line(item, lot.id, slot, qty)], source="purchase")
    return lot.id


@pytest.fixture
def room(books: Path) -> Room:
    a = catalogue.create_zone("A", "防护用品区", ["none"])
    a1 = catalogue.create_slot(a.id, "A-01-01").id
    a2 = catalogue.create_slot(a.id, "A-01-02").id
    cls = people.create_party("department", "小一班").id
    teacher = people.create_party(
        "person", "张三", staff_no="YG001", department_id=cls, risk_group="elevated"
    ).id
    nurse = people.create_party(
        "person", "王玥", staff_no="YG002", department_id=cls, risk_group="high"
    ).id
    cook = people.create_party(
        "person", "李四", staff_no="YG003", department_id=cls, risk_group="low"
    ).id
    keeper = accounts.create_account("keeper", "李秀兰", "storekeeper", "1234").id
    head = accounts.create_account("head", "王园长", "approver", "5678").id
    surg = catalogue.find_item("FH-SURG").id
    n95 = catalogue.find_item("FH-N95").id
    therm = catalogue.find_item("QX-IRT").id
    return Room(a1, a2, cls, teacher, nurse, cook, keeper, head, surg, n95, therm)


def test_default_rules_loaded(room: Room) -> None:
    codes = {r.code for r in limits.rule_rows()}
    assert {"MASK-DAY", "N95-HIGH"} <= codes


def test_third_mask_same_day_refused_next_day_allowed(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 100, TODAY + timedelta(days=300))
    issuing.issue(room.teacher, [Want(room.surg, 2)], sigs=issue_sigs(room), on=TODAY)
    with pytest.raises(LimitExceeded) as err:
        issuing.issue(room.teacher, [Want(room.surg, 1)], sigs=issue_sigs(room), on=TODAY)
    assert "2" in err.value.en and "per day" in err.value.en
    (b,) = err.value.details["breaches"]
    assert (b.used, b.wanted, b.allowed, b.period) == (2, 1, 2, "day")
    assert Voucher.select().where(Voucher.vtype == "issue").count() == 1  # nothing posted
    issuing.issue(
        room.teacher, [Want(room.surg, 2)], sigs=issue_sigs(room), on=TODAY + timedelta(days=1)
    )
    rows = limits.allowance_for(room.teacher, TODAY + timedelta(days=1), {room.surg: 1})
    assert rows[0].used == 2 and rows[0].remaining == -1 and not rows[0].ok


def test_n95_refused_to_low_risk_allowed_to_high_risk(room: Room) -> None:
    receive(room.n95, "N1", room.a1, 50, TODAY + timedelta(days=300))
    with pytest.raises(LimitExceeded) as err:
        issuing.issue(room.cook, [Want(room.n95, 1)], sigs=issue_sigs(room), on=TODAY)
    assert err.value.details["breaches"][0].kind == "not_eligible"
    assert "high risk" in err.value.en
    issuing.issue(room.nurse, [Want(room.n95, 2)], sigs=issue_sigs(room), on=TODAY)


def test_override_posted_recorded_and_listed(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 100, TODAY + timedelta(days=300))
    with pytest.raises(AuthError):
        issuing.approve_override("head", "0000", "发热观察")
    with pytest.raises(AuthError):  # a storekeeper may not approve
        issuing.approve_override("keeper", "1234", "发热观察")
    ok = issuing.approve_override("head", "5678", "隔离观察室值班，需加发")
    v = issuing.issue(
        room.teacher, [Want(room.surg, 4)], sigs=issue_sigs(room), on=TODAY, override=ok
    )
    assert v.status == "posted"
    (row,) = issuing.overrides()
    assert (row.voucher, row.person, row.used, row.wanted, row.allowed) == (
        v.number,
        "张三",
        0,
        4,
        2,
    )
    assert row.approver == "王园长" and row.reason == "隔离观察室值班，需加发"
    assert any(a.action == "issue.override" for a in audit.entries())
    assert verify() == []
    # the override is part of the voucher's content hash
    IssueOverride.update(reason="changed").execute()
    assert verify() != []


def test_fefo_across_slots_and_expired_and_held_lots_never_issued(room: Room) -> None:
    late = receive(room.surg, "LATE", room.a1, 30, TODAY + timedelta(days=400))
    early = receive(room.surg, "EARLY", room.a2, 1, TODAY + timedelta(days=20))
    expired = receive(room.surg, "OLD", room.a1, 50, TODAY - timedelta(days=1))
    picks = issuing.plan(Want(room.surg, 2), TODAY)
    assert [(p.lot_id, p.slot_code, p.qty) for p in picks] == [
        (early, "A-01-02", 1),
        (late, "A-01-01", 1),
    ]
    with pytest.raises(InsufficientStock):
        issuing.plan(Want(room.surg, 2, lot_id=expired, reason="先用旧的"), TODAY)
    # the ledger refuses an expired lot even when a caller builds the line itself
    with pytest.raises(InsufficientStock):
        ledger.post_new("issue", [ledger.Line(room.surg, expired, room.a1, 1, party_id=room.cook)])
    lots.hold(early, "recall_supplier", "供应商通知召回", by=room.head)
    picks = issuing.plan(Want(room.surg, 2), TODAY)
    assert {p.lot_id for p in picks} == {late}
    with pytest.raises(InsufficientStock):
        ledger.post_new("issue", [ledger.Line(room.surg, early, room.a2, 1, party_id=room.cook)])
    with pytest.raises(InsufficientStock):
        ledger.post_new("loan", [ledger.Line(room.surg, early, room.a2, 1, party_id=room.cook)])
    assert [h.batch for h in lots.held_lots()] == ["EARLY"]
    lots.release(early, "召回撤销", by=room.head)
    assert issuing.plan(Want(room.surg, 1), TODAY)[0].lot_id == early


def test_other_lot_needs_a_reason_and_is_kept(room: Room) -> None:
    receive(room.surg, "EARLY", room.a1, 10, TODAY + timedelta(days=20))
    late = receive(room.surg, "LATE", room.a2, 10, TODAY + timedelta(days=400))
    with pytest.raises(BadInput) as err:
        issuing.issue(room.teacher, [Want(room.surg, 1, lot_id=late)], sigs=issue_sigs(room))
    assert err.value.field == "line:1:reason"
    v = issuing.issue(
        room.teacher,
        [Want(room.surg, 1, lot_id=late, reason="整盒未拆")],
        sigs=issue_sigs(room),
    )
    assert v.lines[0].lot_id == late and v.lines[0].pick_reason == "整盒未拆"
    assert verify() == []


def test_stock_never_negative_and_nothing_posted(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 3, TODAY + timedelta(days=300))
    ok = issuing.approve_override("head", "5678", "test")
    with pytest.raises(InsufficientStock):
        issuing.issue(room.teacher, [Want(room.surg, 4)], sigs=issue_sigs(room), override=ok)
    assert Balance.get().qty == 3
    assert Voucher.select().where(Voucher.vtype == "issue").count() == 0


def test_batch_issue_names_each_person_and_checks_each_limit(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 100, TODAY + timedelta(days=300))
    wants = issuing.round_wants(room.cls, room.surg, 2)
    assert len(wants) == 3
    v = issuing.issue(room.cls, wants, sigs=issue_sigs(room, "班长甲"), purpose="每日口罩发放")
    assert {ln.party_id for ln in v.lines} == {room.teacher, room.nurse, room.cook}
    assert v.party_id == room.cls
    with pytest.raises(LimitExceeded) as err:
        issuing.issue(room.cls, [Want(room.surg, 1, party_id=room.nurse)], sigs=issue_sigs(room))
    assert err.value.details["breaches"][0].party_name == "王玥"


def test_batch_lines_share_a_small_lot_then_the_next_one(room: Room) -> None:
    small = receive(room.surg, "SMALL", room.a2, 3, TODAY + timedelta(days=30))
    big = receive(room.surg, "BIG", room.a1, 100, TODAY + timedelta(days=300))
    v = issuing.issue(room.cls, issuing.round_wants(room.cls, room.surg, 2), sigs=issue_sigs(room))
    taken = sorted((ln.lot_id, ln.qty) for ln in v.lines)
    assert taken == sorted([(small, 2), (small, 1), (big, 1), (big, 2)])
    assert sum(b.qty for b in Balance.select()) == 97


def test_missing_signature_or_inactive_receiver_refused(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 100, TODAY + timedelta(days=300))
    with pytest.raises(SignOffMissing):
        issuing.issue(room.teacher, [Want(room.surg, 1)], sigs=[pad("receiver", "张三")])
    people.set_party_active(room.cook, False)
    with pytest.raises(BadInput) as err:
        issuing.issue(room.cook, [Want(room.surg, 1)], sigs=issue_sigs(room))
    assert "inactive" in err.value.en
    assert Voucher.select().count() == 1  # only the receipt


def test_requisition_part_approved_issued_in_parts(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 500, TODAY + timedelta(days=300))
    glove = catalogue.find_item("FH-GLOVE").id
    receive(glove, "G1", room.a2, 100, TODAY + timedelta(days=300))
    req = requisitions.submit(
        room.cls,
        [requisitions.Ask(room.surg, 100), requisitions.Ask(glove, 20)],
        reason="班级备用",
    )
    lines = {ln.item_id: ln.id for ln in req.lines}
    with pytest.raises(AuthError):
        requisitions.decide(req.id, {lines[room.surg]: 60}, approver_id=room.keeper)
    req = requisitions.decide(
        req.id, {lines[room.surg]: 60, lines[glove]: 20}, approver_id=room.head
    )
    assert req.status == "partial"
    requisitions.issue_against(req.id, [Want(room.surg, 40)], sigs=issue_sigs(room))
    (row,) = requisitions.requisitions()
    assert {ln.item_id: ln.outstanding for ln in row.lines} == {room.surg: 20, glove: 20}
    with pytest.raises(BadInput):
        requisitions.issue_against(req.id, [Want(room.surg, 21)], sigs=issue_sigs(room))
    requisitions.issue_against(
        req.id, [Want(room.surg, 20), Want(glove, 20)], sigs=issue_sigs(room)
    )
    (row,) = requisitions.requisitions()
    assert row.status == "issued" and row.outstanding == 0
    assert verify() == []


def test_loan_and_return_with_condition_and_overdue(room: Room) -> None:
    receive(room.therm, "IRT-1", room.a1, 3, None)
    sigs = [
        pad("borrower", "张三"),
        SignatureInput("issuer", "", "pin", account_id=room.keeper),
        SignatureInput("approver", "", "pin", account_id=room.head),
    ]
    with pytest.raises(SignOffMissing):
        loans.lend(room.teacher, [Want(room.therm, 2)], due=TODAY, sigs=sigs[:2], purpose="晨检")
    loan = loans.lend(
        room.teacher,
        [Want(room.therm, 2)],
        due=TODAY - timedelta(days=7),
        sigs=sigs,
        purpose="晨检",
        on=TODAY - timedelta(days=10),
    )
    assert loan.approver_name == "王园长"
    assert sum(b.qty for b in Balance.select()) == 1
    (late,) = loans.overdue(TODAY)
    assert late.overdue_days == 7 and late.out == 2
    line = late.lines[0].line_id
    loans.return_items(loan.id, [loans.ReturnLine(line, 1, "good")])
    with pytest.raises(BadInput):
        loans.return_items(loan.id, [loans.ReturnLine(line, 1, "lost")])  # no note
    loans.return_items(loan.id, [loans.ReturnLine(line, 1, "needs_repair", note="屏幕裂")])
    assert loans.loans()[0].status == "returned" and loans.overdue(TODAY) == []
    assert sum(b.qty for b in Balance.select()) == 3
    waiting = loans.returns(awaiting_disinfection=True)
    assert len(waiting) == 2
    loans.mark_disinfected(waiting[0].return_id, by=room.keeper)
    assert len(loans.returns(awaiting_disinfection=True)) == 1
    assert verify() == []


def test_write_off_expired_lot_suggested_and_signed(room: Room) -> None:
    old = receive(room.surg, "OLD", room.a1, 50, TODAY - timedelta(days=3))
    (s,) = write_offs.expired_stock(TODAY)
    assert (s.lot_id, s.qty) == (old, 50)
    line = ledger.Line(s.item_id, s.lot_id, s.slot_id, s.qty)
    handler = pad("handler", "李秀兰")
    with pytest.raises(SignOffMissing):
        write_offs.write_off([line], reason="expired", sigs=[handler])
    v = write_offs.write_off(
        [line],
        reason="expired",
        sigs=[handler, SignatureInput("approver", "", "pin", account_id=room.head)],
    )
    assert v.number.startswith("BS-") and v.reason == "expired"
    assert write_offs.expired_stock(TODAY) == []
    assert write_offs.write_offs()[0].approver == "王园长"
    assert verify() == []


def test_disinfectant_use_log(room: Room) -> None:
    b = catalogue.create_zone("B", "消杀区", ["none", "oxidizing"])
    b1 = catalogue.create_slot(b.id, "B-01").id
    chlor = catalogue.find_item("XS-84")
    assert chlor.use_log  # set up by the default rules file
    receive(chlor.id, "C1", b1, 10, TODAY + timedelta(days=100))
    with pytest.raises(BadInput):
        issuing.log_disinfectant(
            chlor.id, 1, person_id=room.cook, dilution="", area="走廊", sigs=issue_sigs(room)
        )
    issuing.log_disinfectant(
        chlor.id, 1, person_id=room.cook, dilution="1:100", area="走廊", sigs=issue_sigs(room)
    )
    (row,) = issuing.use_log()
    assert (row.dilution, row.area, row.person, row.qty) == ("1:100", "走廊", "李四", 1)


def test_trace_lists_source_and_every_receiver(room: Room) -> None:
    lot = receive(room.surg, "TR-1", room.a1, 100, TODAY + timedelta(days=300))
    issuing.issue(room.cls, issuing.round_wants(room.cls, room.surg, 2), sigs=issue_sigs(room))
    v = issuing.issue(
        room.teacher,
        [Want(room.surg, 10)],
        sigs=issue_sigs(room),
        override=issuing.approve_override("head", "5678", "x"),
        on=TODAY + timedelta(days=1),
    )
    ledger.reverse(v.id, reason="发错")
    t = lots.trace(lot)
    assert t.received == 100
    assert {(r.party, r.qty) for r in t.receivers} == {("张三", 2), ("王玥", 2), ("李四", 2)}
    assert all(r.department == "小一班" for r in t.receivers)
    assert any(m.reversed for m in t.movements)


def test_rule_edit_is_audited_and_takes_effect(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 100, TODAY + timedelta(days=300))
    row = next(r for r in limits.rule_rows() if r.code == "MASK-DAY")
    data = limits.RuleInput(
        code="MASK-DAY",
        name=row.name,
        kind="limit",
        items=tuple(row.items.split(",")),
        period="day",
        max_qty=3,
    )
    limits.save_rule(data, rule_id=row.id, by=room.head)
    issuing.issue(room.teacher, [Want(room.surg, 3)], sigs=issue_sigs(room))
    assert any(a.action == "rule.update" for a in audit.entries())
    with pytest.raises(BadInput):
        limits.save_rule(
            limits.RuleInput(code="X", name="x", kind="limit", period="day", max_qty=1)
        )


def test_people_search_by_pinyin_initials(room: Room) -> None:
    assert [p.name for p in people.search_people("zs")] == ["张三"]
    assert [p.name for p in people.search_people("YG002")] == ["王玥"]
    assert "小一班" in [p.name for p in people.search_people("xyb")]
    # the pickers' light rows: the same parties in the same order
    people.set_party_active(room.cook, False)
    for term, kinds in (("", ("person", "department")), ("zs", ("person",)), ("", ("person",))):
        found = people.search_people(term, kinds=kinds)
        assert [(c.id, c.name, c.staff_no) for c in people.choices(term, kinds=kinds)] == [
            (p.id, p.name, p.staff_no) for p in found
        ]
    assert room.cook not in [c.id for c in people.choices()]


def _sheet(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "部门/班级", "岗位", "风险等级", "在岗"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_people_import_rejects_bad_file_by_row_and_imports_nothing(
    room: Room, tmp_path: Path
) -> None:
    before = Party.select().count()
    bad = _sheet(
        tmp_path / "bad.xlsx",
        [
            ["YG101", "赵六", "小一班", "保育员", "中风险", "是"],
            ["YG102", "钱七", "不存在的班", "教师", "较高风险", "是"],
            ["YG101", "孙八", "小一班", "教师", "高风险", "是"],
            ["YG104", "", "小一班", "教师", "超高", "也许"],
        ],
    )
    with pytest.raises(BadInput) as err:
        people.import_people(bad)
    rows = sorted({p.row for p in err.value.details["problems"]})
    assert rows == [3, 4, 5]
    assert "Row 3" in err.value.en and "Row 5" in err.value.en
    assert Party.select().count() == before
    good = _sheet(
        tmp_path / "good.xlsx",
        [
            ["YG101", "赵六", "小一班", "保育员", "中风险", "是"],
            ["YG001", "张三", "小一班", "班主任", "high", "否"],
        ],
    )
    result = people.import_people(good)
    assert (result.created, result.updated) == (1, 1)
    zs = Party.get(Party.staff_no == "YG001")
    assert zs.risk_group == "high" and not zs.active


def test_people_template_reads_back_clean(room: Room, tmp_path: Path) -> None:
    path = people.save_template(tmp_path / "template.xlsx")
    rows, problems = people.check_import(path)
    assert problems == [] and [r["name"] for r in rows] == ["张三", "王玥", "李四"]
    assert people.import_people(path).updated == 3  # the round trip changes nobody


def test_import_refuses_a_non_xlsx_file(room: Room, tmp_path: Path) -> None:
    f = tmp_path / "people.xlsx"
    f.write_text("not a workbook")
    with pytest.raises(BadInput):
        people.import_people(f)


def test_issue_list_sums_each_page_of_issues_in_sql(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 500, TODAY + timedelta(days=300))
    glove = catalogue.find_item("FH-GLOVE")
    receive(glove.id, "G1", room.a2, 100, TODAY + timedelta(days=300))
    surg = catalogue.find_item("FH-SURG")
    wants = [*issuing.round_wants(room.cls, room.surg, 2), Want(glove.id, 3, room.teacher)]
    round_ = issuing.issue(room.cls, wants, sigs=issue_sigs(room), purpose="每日口罩发放")
    over = issuing.issue(
        room.teacher,
        [Want(room.surg, 4)],
        sigs=issue_sigs(room),
        override=issuing.approve_override("head", "5678", "隔离观察"),
    )
    draft = issuing.create_draft(room.cook, [Want(room.surg, 1)])
    ids = issuing.issue_ids()
    assert ids == [over.id, round_.id]  # posted issues only, newest first; not the draft
    rows = issuing.issue_rows(ids)
    r = rows[round_.id]
    assert (r.number, r.receiver, r.purpose, r.lines, r.people) == (
        round_.number,
        "小一班",
        "每日口罩发放",
        4,
        3,
    )
    assert r.total == f"{surg.name} 6 {surg.base_unit}；{glove.name} 3 {glove.base_unit}"
    assert not r.overridden and rows[over.id].overridden
    assert rows[over.id].total == f"{surg.name} 4 {surg.base_unit}"
    assert issuing.issue_rows([round_.id]) == {round_.id: r}  # a page does not depend on others
    assert issuing.issue_rows([draft.id, 10**6]).keys() == {draft.id}  # read by id, as asked
    assert issuing.issue_ids("小一班") == [round_.id]
    assert issuing.issue_ids(over.number) == [over.id]
    assert issuing.issue_ids("没有这个人") == []
    assert issuing.recent_issues(1) == [rows[over.id]]


def test_requisition_and_override_lists_read_by_id(room: Room) -> None:
    receive(room.surg, "S1", room.a1, 500, TODAY + timedelta(days=300))
    first = requisitions.submit(room.cls, [requisitions.Ask(room.surg, 10)], reason="开学")
    second = requisitions.submit(room.cls, [requisitions.Ask(room.surg, 30)], reason="备用")
    (line,) = second.lines
    requisitions.decide(second.id, {line.id: 30}, approver_id=room.head)
    done = requisitions.issue_against(second.id, [Want(room.surg, 5)], sigs=issue_sigs(room))
    undone = requisitions.issue_against(second.id, [Want(room.surg, 7)], sigs=issue_sigs(room))
    ledger.reverse(undone.id, reason="发错")  # a reversed issue no longer counts as issued
    assert requisitions.requisition_ids() == [second.id, first.id]
    assert requisitions.requisition_ids(status=["submitted"]) == [first.id]
    rows = requisitions.requisition_rows([first.id, second.id])
    (ln,) = rows[second.id].lines
    assert (ln.requested, ln.approved, ln.issued, ln.outstanding) == (30, 30, 5, 25)
    assert rows[second.id].decided_by == "王园长" and rows[first.id].decided_by == ""
    assert rows[first.id].lines[0].outstanding == 0  # not approved yet: nothing owed
    assert requisitions.requisitions() == [rows[second.id], rows[first.id]]
    assert requisitions.requisition(second.id) == rows[second.id]
    assert requisitions.issued(second.id) == {room.surg: 5}
    assert done.requisition_id == second.id
    ok = issuing.approve_override("head", "5678", "隔离观察")
    over = issuing.issue(room.teacher, [Want(room.surg, 4)], sigs=issue_sigs(room), override=ok)
    (oid,) = issuing.override_ids()
    assert issuing.override_ids(TODAY + timedelta(days=1)) == []
    o = issuing.override_rows([oid])[oid]
    assert (o.voucher, o.doc_date, o.person, o.approver) == (over.number, TODAY, "张三", "王园长")
    assert issuing.overrides() == [o]


def test_loan_and_return_lists_read_by_id(
    room: Room, count_queries: Callable[[], list[str]]
) -> None:
    receive(room.therm, "IRT-1", room.a1, 5, None)
    sigs = [
        pad("borrower", "张三"),
        SignatureInput("issuer", "", "pin", account_id=room.keeper),
        SignatureInput("approver", "", "pin", account_id=room.head),
    ]

    def lend(due: int) -> int:
        on = TODAY - timedelta(days=10)
        want = [Want(room.therm, 1)]
        return loans.lend(
            room.teacher, want, due=TODAY + timedelta(days=due), sigs=sigs, purpose="晨检", on=on
        ).id

    late, back, out = lend(-4), lend(3), lend(5)
    (line,) = loans.outstanding(back)
    loans.return_items(back, [loans.ReturnLine(line, 1, "good")])
    (lost_line,) = loans.outstanding(out)
    assert loans.loan_ids() == [out, back, late]
    assert loans.loan_ids(open_only=True) == [out, late]
    rows = loans.loan_rows([late, back], on=TODAY)
    assert set(rows) == {late, back}
    assert (rows[late].overdue_days, rows[late].out, rows[late].borrower) == (4, 1, "张三")
    assert (rows[back].status, rows[back].out, rows[back].overdue_days) == ("returned", 0, 0)
    assert loans.loans(on=TODAY) == [loans.loan_rows([out], on=TODAY)[out], rows[back], rows[late]]
    assert loans.loan_rows([]) == {}
    loans.return_items(out, [loans.ReturnLine(lost_line, 1, "lost", note="丢在操场")])
    lost, kept = loans.return_ids()  # newest first
    assert loans.return_ids(awaiting_disinfection=True) == [kept]
    loans.mark_disinfected(kept, by=room.keeper)
    r = loans.return_rows([kept, lost])
    assert (r[kept].borrower, r[kept].qty, r[kept].disinfected, r[kept].disinfected_by) == (
        "张三",
        1,
        True,
        "李秀兰",
    )
    assert (r[lost].condition, r[lost].disinfected_by, r[lost].item) == ("lost", "", "红外线测温仪")
    assert loans.returns() == [r[lost], r[kept]]
    # a page of rows is a few queries, however many rows it holds
    seen = count_queries()
    loans.loan_rows([late])
    one = len(seen)
    loans.loan_rows([late, back, out])
    assert 0 < one <= 3 and len(seen) == 2 * one
    seen.clear()
    loans.return_rows([kept, lost])
    assert 0 < len(seen) <= 2


def test_write_off_list_read_by_id(room: Room, count_queries: Callable[[], list[str]]) -> None:
    a = receive(room.surg, "OLD-A", room.a1, 50, TODAY - timedelta(days=3))
    b = receive(room.n95, "OLD-B", room.a2, 20, TODAY - timedelta(days=1))
    sigs = [pad("handler", "李秀兰"), SignatureInput("approver", "", "pin", account_id=room.head)]
    first = write_offs.write_off(
        [ledger.Line(room.surg, a, room.a1, 50)], reason="expired", sigs=sigs
    ).id
    c = receive(room.n95, "OLD-C", room.a1, 8, TODAY - timedelta(days=1))
    second = write_offs.write_off(
        [ledger.Line(room.n95, b, room.a2, 5), ledger.Line(room.n95, c, room.a1, 8)],
        reason="damaged",
        note="水浸",
        sigs=sigs,
    ).id
    assert write_offs.write_off_ids() == [second, first]
    rows = write_offs.write_off_rows([first, second])
    assert (rows[second].reason, rows[second].note, rows[second].approver) == (
        "damaged",
        "水浸",
        "王园长",
    )
    assert "OLD-A 50" in rows[first].items and "；" not in rows[first].items
    b_text, c_text = rows[second].items.split("；")  # in line order
    assert "OLD-B 5" in b_text and "OLD-C 8" in c_text
    assert write_offs.write_offs() == [rows[second], rows[first]]
    assert write_offs.write_offs(limit=1) == [rows[second]]
    seen = count_queries()
    write_offs.write_off_rows([first])
    one = len(seen)
    write_offs.write_off_rows([first, second])
    assert 0 < one <= 3 and len(seen) == 2 * one
