"""The demo's issuing history: signed issues within the limits, requisitions, loans (one overdue),
a write-off of an expired lot, one approved override, the disinfectant log and a held lot.

Everything goes through the issuing services, so the demo shows what the app really records.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Protocol

from app.documents.signatures import scribble, strokes_png
from app.domain.errors import InsufficientStock, LimitExceeded
from app.services import issuing, ledger, loans, lots, requisitions, write_offs
from app.services.issuing import Want
from app.services.signatures import SignatureInput
from app.store.models import Item, Lot, Party, Voucher

HEAD = ("head", "5678")  # the demo approver's user name and PIN (see demo.DEMO_ACCOUNTS)
AREAS = ("公共区域", "卫生间", "楼梯扶手", "午睡室", "活动室", "门厅")


class DemoLike(Protocol):
    rng: random.Random
    keeper: int
    items: dict[str, Item]
    departments: dict[str, int]
    class_members: dict[int, list[int]]

    def _at(self, day: date, hour: int) -> datetime: ...


class IssuingHistory:
    """Called by the demo day by day; keeps its own signatures and counters."""

    def __init__(self, demo: DemoLike) -> None:
        self.demo = demo
        self.rng = random.Random(7)
        self._pads: dict[str, tuple[list[list[tuple[float, float]]], bytes]] = {}

    # --- signatures -----------------------------------------------------------------------
    def pad(self, role: str, name: str) -> SignatureInput:
        if name not in self._pads:
            strokes = scribble(sum(map(ord, name)))
            self._pads[name] = (strokes, strokes_png(strokes))
        strokes, png = self._pads[name]
        return SignatureInput(role, name, "pad", strokes=strokes, png=png)

    def keeper_pin(self, role: str = "issuer") -> SignatureInput:
        return SignatureInput(role, "", "pin", account_id=self.demo.keeper)

    def head_pin(self) -> SignatureInput:
        from app.store.models import Account

        head = Account.get(Account.username == HEAD[0])
        return SignatureInput("approver", "", "pin", account_id=head.id)

    def name(self, party_id: int) -> str:
        return Party.get_by_id(party_id).name

    # --- issues ---------------------------------------------------------------------------
    def issue(
        self,
        day: date,
        party: int,
        wants: list[tuple[str, int, int | None]],
        hour: int,
        note: str = "",
        override: issuing.OverrideApproval | None = None,
    ) -> Voucher | None:
        """Issue what stock allows (lines without stock are left out), signed by the receiver
        (the class head for a class) and the storekeeper."""
        lines = [Want(self.demo.items[c].id, q, party_id=p) for c, q, p in wants]
        try:
            return self._issue(day, party, lines, hour, note, override)
        except InsufficientStock:  # rare: issue the lines that stock still allows
            kept, taken = [], {}
            for want in lines:
                try:
                    issuing.plan(want, day, taken)
                except InsufficientStock:
                    continue
                kept.append(want)
            return self._issue(day, party, kept, hour, note, override) if kept else None

    def _issue(
        self,
        day: date,
        party: int,
        lines: list[Want],
        hour: int,
        note: str,
        override: issuing.OverrideApproval | None,
    ) -> Voucher | None:
        members = self.demo.class_members.get(party)
        signer = self.name(members[0] if members else party)
        try:
            return issuing.issue(
                party,
                lines,
                sigs=[self.pad("receiver", signer), self.keeper_pin()],
                on=day,
                purpose=note,
                by=self.demo.keeper,
                at=self.demo._at(day, hour),
                override=override,
            )
        except LimitExceeded:
            return None  # the demo's plan stays within the rules; a refusal is skipped

    def disinfect(self, day: date, code: str, qty: int, person: int, dilution: str) -> None:
        item = self.demo.items[code]
        try:
            issuing.plan(Want(item.id, qty), day)
        except InsufficientStock:
            return
        issuing.log_disinfectant(
            item.id,
            qty,
            person_id=person,
            dilution=dilution,
            area=self.rng.choice(AREAS),
            sigs=[self.pad("receiver", self.name(person)), self.keeper_pin()],
            on=day,
            by=self.demo.keeper,
            at=self.demo._at(day, 14),
        )

    # --- the rest of the history ------------------------------------------------------------
    def on_day(self, day: date, day_no: int, days: int) -> None:
        d = self.demo
        clinic = d.departments["保健室"]
        kitchen = d.departments["厨房"]
        works = d.departments["后勤组"]
        if day_no == 40:
            # One logged override: a doctor on the isolation-room shift gets two more masks.
            doctor = d.class_members[clinic][0]
            ok = issuing.approve_override(*HEAD, "隔离观察室值班，当天需加发 2 只")
            self.issue(day, clinic, [("FH-N95", 2, doctor)], 13, "隔离观察室加发", override=ok)
        if day_no == 70:
            self.lend(day, d.class_members[works][0], "SB-SPRAY", 7, "公共区域消杀", back=6)
        if day_no == 95:
            req = requisitions.submit(
                kitchen,
                [
                    requisitions.Ask(d.items["FH-CAP"].id, 100),
                    requisitions.Ask(d.items["FH-GLOVE"].id, 50),
                ],
                reason="厨房人员帽子、手套季度申领",
                requested_by=d.class_members[kitchen][0],
                on=day,
                by=d.keeper,
            )
            self.approve(req, {"FH-CAP": 100, "FH-GLOVE": 50}, "同意")
            self.issue_req(req.id, day, [("FH-CAP", 50), ("FH-GLOVE", 50)])
        if day_no == 102:
            req = requisitions.Requisition.get(requisitions.Requisition.department == kitchen)
            self.issue_req(req.id, day, [("FH-CAP", 50)])
        if day_no == 110:
            self.lend(
                day,
                d.class_members[d.departments["小一班"]][0],
                "QX-IRT",
                3,
                "户外活动晨检",
                back=2,
            )
        if day_no == 140:
            req = requisitions.submit(
                clinic,
                [
                    requisitions.Ask(d.items["FH-GOWN"].id, 40),
                    requisitions.Ask(d.items["FH-FACE"].id, 10),
                ],
                reason="隔离观察室备用",
                requested_by=d.class_members[clinic][0],
                on=day,
                by=d.keeper,
            )
            self.approve(req, {"FH-GOWN": 20, "FH-FACE": 10}, "隔离衣先批 20 件，其余下月再议")
            self.issue_req(req.id, day + timedelta(days=1), [("FH-GOWN", 10), ("FH-FACE", 10)])
        if day_no == days - 20:
            gate = d.class_members[works][2]
            self.lend(day, gate, "QX-IRT", 14, "门卫晨检（逾期未还）", back=None)
        if day_no == days - 10:
            self.write_off_expired(day)
        if day_no == days - 3:
            requisitions.submit(
                d.departments["大一班"],
                [requisitions.Ask(d.items["XS-WIPE"].id, 6)],
                reason="开学前班级消毒湿巾",
                requested_by=d.class_members[d.departments["大一班"]][0],
                on=day,
                by=d.keeper,
            )
        if day_no == days - 2:
            self.hold_one(day)

    def approve(self, req: requisitions.Requisition, qty: dict[str, int], note: str) -> None:
        from app.store.models import Account

        lines = {ln.item.code: ln.id for ln in req.lines}
        head = Account.get(Account.username == HEAD[0])
        requisitions.decide(
            req.id, {lines[c]: q for c, q in qty.items()}, approver_id=head.id, note=note
        )

    def issue_req(self, req_id: int, day: date, wants: list[tuple[str, int]]) -> None:
        d = self.demo
        req = requisitions.Requisition.get_by_id(req_id)
        signer = self.name(d.class_members[req.department_id][0])
        try:
            requisitions.issue_against(
                req_id,
                [Want(d.items[c].id, q) for c, q in wants],
                sigs=[self.pad("receiver", signer), self.keeper_pin()],
                on=day,
                by=d.keeper,
                at=d._at(day, 10),
            )
        except InsufficientStock:
            pass

    def lend(
        self, day: date, borrower: int, code: str, days: int, purpose: str, back: int | None
    ) -> None:
        d = self.demo
        item = d.items[code]
        try:
            loan = loans.lend(
                borrower,
                [Want(item.id, 1)],
                due=day + timedelta(days=days),
                sigs=[
                    self.pad("borrower", self.name(borrower)),
                    self.keeper_pin(),
                    self.head_pin(),
                ],
                purpose=purpose,
                on=day,
                by=d.keeper,
                at=d._at(day, 9),
            )
        except InsufficientStock:
            return
        if back is None:
            return
        (row,) = [r for r in loans.loans() if r.loan_id == loan.id]
        loans.return_items(
            loan.id,
            [loans.ReturnLine(ln.line_id, ln.out, "good") for ln in row.lines],
            disinfected=True,
            on=day + timedelta(days=back),
            by=d.keeper,
            at=d._at(day + timedelta(days=back), 16),
        )

    def write_off_expired(self, day: date) -> None:
        found = write_offs.expired_stock(day)
        if not found:
            return
        s = found[0]
        write_offs.write_off(
            [ledger.Line(s.item_id, s.lot_id, s.slot_id, s.qty)],
            reason="expired",
            note="过期未用完，按规定报损销毁",
            sigs=[self.pad("handler", "李秀兰"), self.head_pin()],
            on=day,
            by=self.demo.keeper,
            at=self.demo._at(day, 15),
        )

    def hold_one(self, day: date) -> None:
        lot = Lot.select().join(Item).where(Item.code == "FH-DISP").order_by(Lot.id.desc()).first()
        if lot is not None:
            lots.hold(
                lot.id,
                "quality",
                "家长反映耳挂易断，待供应商答复",
                by=self.demo.keeper,
                at=self.demo._at(day, 11),
            )
