"""`storekeeper demo`: a realistic kindergarten storeroom with six months of history.

Everything goes through the real services and the one posting path, and each voucher is committed
as it is posted, so an interrupted demo leaves a smaller but valid database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.documents.signatures import scribble, strokes_png
from app.domain import fefo
from app.domain.errors import BadInput
from app.services import accounts, catalogue, demo_issuing, ledger, people, receiving, settings
from app.services.signatures import SignatureInput
from app.store.models import Balance, Item, LedgerEntry, Lot, Party, Slot, Voucher

INSTITUTION = "阳光幼儿园"
DEMO_ACCOUNTS = (
    ("keeper", "李秀兰", "storekeeper", "1234"),
    ("head", "王园长", "approver", "5678"),
)

ZONES = (
    # code, name, allowed hazard classes, racks, levels
    ("A", "防护用品区", ["none"], 3, 3),
    ("B", "消杀用品区", ["none", "oxidizing", "corrosive"], 2, 3),
    ("C", "检测与器械区", ["none"], 2, 2),
    ("D", "设备区", ["none"], 1, 3),
    ("F", "易燃品防爆柜", ["flammable"], 1, 3),
)
# Who brings the goods (they sign the receipt as 送货人) and what the goods cost (元 per base unit).
DELIVERERS = {
    "区教育局": "刘建国",
    "区卫生健康局": "周文斌",
    "康安医疗器械有限公司": "赵师傅",
    "洁诺消毒用品有限公司": "孙师傅",
    "家长委员会": "陈丽华",
    "华瑞科技有限公司": "吴经理",
}
DEMO_PRICES = {
    "FH-SURG": "0.35",
    "FH-DISP": "0.25",
    "FH-CHILD": "0.40",
    "FH-N95": "2.50",
    "FH-GLOVE": "0.60",
    "FH-CAP": "0.20",
    "FH-PEGLOVE": "0.05",
    "FH-SUIT": "28.00",
    "XS-84": "8.50",
    "XS-ALC75": "12.00",
    "XS-HAND": "18.00",
    "XS-WIPE": "6.50",
    "XS-CHLOR": "25.00",
    "JC-AG": "3.50",
}
CLASSES = ("小一班", "小二班", "中一班", "中二班", "大一班", "大二班")
DEPARTMENTS = ("保健室", "后勤组", "厨房", "园办")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = (
    "秀英 桂英 玉兰 丽娟 海燕 晓梅 静怡 雨桐 子涵 欣怡 佳琪 梦瑶 思雨 婉婷 诗涵 雅琴 "
    "春花 淑芬 建华 志强 玥 堃 昇 文静 晓燕 慧敏 红梅 丹丹 倩 敏"
).split()


@dataclass
class Summary:
    vouchers: int
    entries: int
    items: int
    people: int


class _Demo:
    def __init__(self, today: date, seed: int, progress: Callable[[str], None] | None) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.progress = progress or (lambda _msg: None)
        self.items = {i.code: i for i in Item.select()}
        self.slots_by_zone: dict[str, list[Slot]] = {}
        self.batch_seq = 0

    # --- set-up -----------------------------------------------------------------------------
    def setup(self) -> None:
        settings.set_institution_name(INSTITUTION)
        for username, name, role, pin in DEMO_ACCOUNTS:
            accounts.create_account(username, name, role, pin)
        self.keeper = accounts.list_accounts()[0].id
        self.head = accounts.list_accounts()[1].id  # the approver (stocktake)
        self.issuing = demo_issuing.IssuingHistory(self)
        for code, name, classes, racks, levels in ZONES:
            zone = catalogue.create_zone(code, name, classes)
            self.slots_by_zone[code] = [
                catalogue.create_slot(zone.id, f"{code}-{r:02d}-{lv:02d}")
                for r in range(1, racks + 1)
                for lv in range(1, levels + 1)
            ]
        self.office = people.create_party("office", "区教育局")
        self.health = people.create_party("office", "区卫生健康局")
        self.suppliers = [
            people.create_party("supplier", "康安医疗器械有限公司", phone="0571-8888 1234"),
            people.create_party("supplier", "洁诺消毒用品有限公司", phone="0571-8666 2345"),
        ]
        self.donors = [
            people.create_party("donor", "家长委员会"),
            people.create_party("donor", "华瑞科技有限公司"),
        ]
        self._staff()

    def _staff(self) -> None:
        names = [s + g for s in SURNAMES for g in GIVEN]
        self.rng.shuffle(names)
        names = [n for n in names if len(n) >= 2]
        no = 0
        self.class_members: dict[int, list[int]] = {}
        self.departments: dict[str, int] = {}

        def person(dept: int, role: str, risk: str) -> int:
            nonlocal no
            no += 1
            p = people.create_party(
                "person",
                names.pop(),
                staff_no=f"YG{no:03d}",
                department_id=dept,
                role=role,
                risk_group=risk,
            )
            return p.id

        for cls in CLASSES:
            d = people.create_party("department", cls)
            self.departments[cls] = d.id
            self.class_members[d.id] = [
                person(d.id, "班主任", "elevated"),
                person(d.id, "配班教师", "elevated"),
                person(d.id, "保育员", "medium"),
            ]
        plan = {
            "保健室": [("保健医生", "high"), ("保健医生", "high"), ("晨检员", "high")],
            "后勤组": [
                ("保洁员", "medium"),
                ("保洁员", "medium"),
                ("门卫", "elevated"),
                ("门卫", "elevated"),
                ("后勤主任", "low"),
            ],
            "厨房": [("厨师", "medium"), ("厨师", "medium"), ("帮厨", "medium")],
            "园办": [("园长", "low"), ("副园长", "low"), ("会计", "low"), ("保管员", "low")],
        }
        for dept, roles in plan.items():
            d = people.create_party("department", dept)
            self.departments[dept] = d.id
            self.class_members[d.id] = [person(d.id, role, risk) for role, risk in roles]

    # --- helpers ----------------------------------------------------------------------------
    def _slot_for(self, item: Item, spare: bool = False) -> Slot:
        zone = {"flammable": "F", "oxidizing": "B", "corrosive": "B"}.get(item.hazard_class)
        if zone is None:
            zone = {
                "protective": "A",
                "disinfection": "B",
                "equipment": "D",
            }.get(item.category_id, "C")
        slots = self.slots_by_zone[zone]
        i = sum(map(ord, item.code)) % len(slots)
        return slots[(i + 1) % len(slots)] if spare else slots[i]

    def _at(self, day: date, hour: int) -> datetime:
        return datetime(
            day.year, day.month, day.day, hour, self.rng.randint(0, 59), self.rng.randint(0, 59)
        )

    def receive(
        self,
        day: date,
        party: int,
        source: str,
        lines: list[tuple[str, int, int]],
        ref: str,
        rejects: dict[str, tuple[int, str, str]] | None = None,
    ) -> Voucher:
        """lines: (item code, quantity delivered, shelf life in days); `rejects`: item code →
        (quantity refused, reason code, note). Inspected, placed (big quantities over 2 slots),
        signed by the deliverer on the pad and the storekeeper by PIN, posted by receiving."""
        out = []
        confirm = False
        for code, qty, shelf in lines:
            item = self.items[code]
            self.batch_seq += 1
            produced = day - timedelta(days=self.rng.randint(20, 90))
            expiry = produced + timedelta(days=shelf)
            rejected, reason, why = (rejects or {}).get(code, (0, None, ""))
            accepted = qty - rejected
            short = 0 < (expiry - day).days < item.min_shelf_life_days
            confirm = confirm or short
            if accepted >= 400 and item.category_id == "protective":
                first = accepted * 3 // 5
                placed = [
                    receiving.Placement(self._slot_for(item).id, first),
                    receiving.Placement(self._slot_for(item, True).id, accepted - first),
                ]
            else:
                placed = [receiving.Placement(self._slot_for(item).id, accepted)]
            price = DEMO_PRICES.get(code) if source != "allocation" else None
            out.append(
                receiving.LineInput(
                    item_id=item.id,
                    delivered=qty,
                    accepted=accepted,
                    rejected=rejected,
                    reject_reason=reason,
                    reject_note=why,
                    batch=f"{produced:%Y%m%d}{self.batch_seq:02d}",
                    production_date=produced,
                    expiry=expiry,
                    reg_cert_no=(
                        f"国械注准2020{sum(map(ord, code)) % 900 + 100}{self.batch_seq % 10}"
                        if item.requires_registration
                        else ""
                    ),
                    unit_price=Decimal(price) if price else None,
                    checklist={
                        "packaging": reason != "damaged",
                        "product": True,
                        "certificate": True,
                        "labelling": reason != "other",
                        "shelf_life": not short,
                    },
                    placements=placed,
                )
            )
        deliverer = DELIVERERS.get(Party.get_by_id(party).name, "送货员")
        at = self._at(day, 9)
        return receiving.receive(
            receiving.ReceiptInput(
                source=source,
                party_id=party,
                lines=out,
                deliverer=deliverer,
                reference=ref,
                doc_date=day,
            ),
            [
                SignatureInput(
                    "deliverer",
                    deliverer,
                    strokes=(strokes := scribble(sum(map(ord, deliverer)))),
                    png=strokes_png(strokes),
                ),
                SignatureInput("inspector", "", method="pin", account_id=self.keeper),
            ],
            by=self.keeper,
            at=at,
            confirm_short_shelf_life=confirm,
        )

    def _pick(self, code: str, qty: int, day: date, party: int | None) -> list[ledger.Line]:
        item = self.items[code]
        stock = [
            fefo.Available(b.lot_id, b.slot_id, b.lot.expiry, b.qty)
            for b in Balance.select(Balance, Lot)
            .join(Lot)
            .where((Balance.item == item.id) & (Balance.qty > 0))
        ]
        try:
            picks = fefo.pick(stock, qty, day)
        except ValueError:
            return []
        return [ledger.Line(item.id, s.lot_id, s.slot_id, n, party_id=party) for s, n in picks]

    def issue(
        self,
        day: date,
        party: int,
        wants: list[tuple[str, int, int | None]],
        hour: int,
        note: str = "",
    ) -> Voucher | None:
        # Signed, first expiry first, within each person's limits (issue 5).
        return self.issuing.issue(day, party, wants, hour, note)

    # --- six months -------------------------------------------------------------------------
    def history(self, days: int = 182) -> None:
        start = self.today - timedelta(days=days)
        self.receive(
            start,
            self.office.id,
            "allocation",
            [
                ("FH-SURG", 3000, 1095),
                ("FH-DISP", 4000, 1095),
                ("FH-CHILD", 2000, 1095),
                ("FH-N95", 400, 1095),
                ("FH-GLOVE", 500, 1095),
                ("XS-84", 48, 365),
                ("XS-ALC75", 40, 730),
                ("XS-HAND", 24, 730),
                ("QX-THERM", 20, 3650),
                ("QX-IRT", 6, 3650),
                ("JC-AG", 400, 150),
                ("FH-SUIT", 50, 1095),
            ],
            "区教调〔2026〕12号",
        )
        ref_no = 100
        for day_no in range(1, days + 1):
            day = start + timedelta(days=day_no)
            if day_no % 30 == 10:
                ref_no += 1
                self.receive(
                    day,
                    self.suppliers[0].id,
                    "purchase",
                    [
                        ("FH-SURG", 2000, 1095),
                        ("FH-CHILD", 1000, 1095),
                        ("FH-GLOVE", 200, 1095),
                        ("FH-CAP", 200, 1095),
                        ("JC-AG", 200, 120 + day_no // 2),
                    ],
                    f"KA-{day:%Y%m}-{ref_no}",
                    {"FH-SURG": (50, "damaged", "")} if day_no == 10 else None,
                )
            if day_no % 30 == 20:
                self.receive(
                    day,
                    self.suppliers[1].id,
                    "purchase",
                    [
                        ("XS-84", 24, 95 + day_no),
                        ("XS-ALC75", 20, 200 + day_no),
                        ("XS-HAND", 12, 365),
                        ("XS-WIPE", 24, 365),
                        ("XS-CHLOR", 10, 730),
                        ("FH-PEGLOVE", 500, 730),
                    ],
                    f"JN{day:%y%m%d}",
                )
            if day_no in (45, 130):
                donor = self.donors[0 if day_no == 45 else 1]
                self.receive(
                    day,
                    donor.id,
                    "donation",
                    [
                        ("FH-DISP", 2000, 1095),
                        ("FH-CHILD", 1000, 900),
                        ("XS-WIPE", 48, 540),
                    ],
                    f"捐赠-{day:%Y%m%d}",
                    {"FH-CHILD": (100, "other", "外包装无中文标识")} if day_no == 45 else None,
                )
            if day_no == 60:
                self.receive(
                    day,
                    self.health.id,
                    "allocation",
                    [
                        ("FH-N95", 200, 1095),
                        ("FH-GOWN", 100, 1095),
                        ("FH-FACE", 30, 1825),
                        ("JC-SWAB", 200, 365),
                        ("SB-SPRAY", 2, 3650),
                    ],
                    "区卫健发〔2026〕33号",
                )
            if day.weekday() < 5:
                self._working_day(day, day_no)
            self.issuing.on_day(day, day_no, days)
            if day_no % 30 == 15:
                self._rebalance(day)
            if day == self.today.replace(day=1) - timedelta(days=1):
                self._stocktake(day)
            if day_no % 10 == 0:
                self.progress(f"{day:%Y-%m-%d}")

    def _stocktake(self, day: date) -> None:
        """Last month's count (issue 6), closed with a few differences and their reasons."""
        from app.services import stocktake

        info = stocktake.start(month=f"{day:%Y-%m}", by=self.keeper, at=self._at(day, 17))
        rows = stocktake.lines(info.id)
        counts = {r.line_id: r.expected for r in rows if r.item_id is not None}
        induced = {
            "FH-SURG": (-20, "unrecorded_issue", "晨检临时取用，未登记"),
            "XS-84": (-1, "damaged", "瓶身破裂渗漏，已清理"),
            "FH-GLOVE": (10, "miscount", "上次发放多记了一盒"),
        }
        for r in rows:
            change = induced.pop(r.item_code, None)
            if change is not None and r.expected + change[0] >= 0:
                counts[r.line_id] = r.expected + change[0]
                stocktake.set_reason(r.line_id, change[1], change[2])
        stocktake.record_counts(counts)
        empty = next((r for r in rows if r.item_id is None and r.zone == "A"), None)
        if empty is not None:
            stocktake.add_found(
                info.id,
                slot=empty.slot,
                item_code="FH-CAP",
                batch=f"{day:%Y%m}99",
                expiry=day + timedelta(days=700),
                qty=50,
                reason="unrecorded_receipt",
                note="家长委员会零星捐赠，未办入库",
            )
        supervisor = "赵会计"
        stocktake.post(
            info.id,
            approver_id=self.head,
            signed=[
                SignatureInput("counter", "", method="pin", account_id=self.keeper),
                SignatureInput(
                    "supervisor",
                    supervisor,
                    strokes=(strokes := scribble(sum(map(ord, supervisor)))),
                    png=strokes_png(strokes),
                ),
            ],
            at=self._at(day, 18),
        )

    def _working_day(self, day: date, day_no: int) -> None:
        # Daily mask round for four classes: 2 masks per person, each line names its person.
        for dept in self.rng.sample(list(self.class_members)[: len(CLASSES)], 4):
            members = self.class_members[dept]
            v = self.issue(day, dept, [("FH-SURG", 2, p) for p in members], 8, "每日口罩发放")
            if v and day_no == 33:
                ledger.reverse(
                    v.id,
                    by=self.keeper,
                    reason="发错班级，已收回重发",
                    at=self._at(day, 10),
                    doc_date=day,
                )
        clinic = self.departments["保健室"]
        doctors = self.class_members[clinic]
        # High-risk clinic staff: 2 medical protective masks each per day (领用标准).
        self.issue(day, clinic, [("FH-N95", 2, d) for d in doctors], 7, "晨检及隔离观察室")
        if day.weekday() == 0:
            self.issue(day, clinic, [("FH-GLOVE", 20, doctors[1])], 9, "晨检及隔离观察室")
            self.issuing.disinfect(day, "XS-ALC75", 2, doctors[0], "原液")
        if day.weekday() == 1:
            cleaners = self.class_members[self.departments["后勤组"]]
            self.issuing.disinfect(day, "XS-84", 3, cleaners[0], "1:100")
            self.issue(
                day,
                self.departments["后勤组"],
                [("FH-PEGLOVE", 100, cleaners[0]), ("FH-GLOVE", 10, cleaners[1])],
                14,
                "公共区域消毒",
            )
        if day.weekday() == 2:
            cook = self.class_members[self.departments["厨房"]]
            self.issue(
                day,
                self.departments["厨房"],
                [("FH-CAP", 15, cook[0]), ("FH-GLOVE", 10, cook[1])],
                7,
                "厨房日常防护",
            )
        if day.weekday() == 3 and day_no % 14 < 7:
            self.issue(day, clinic, [("JC-AG", 30, doctors[0])], 15, "教职工抗原检测")
        if day.weekday() == 4:
            dept = self.rng.choice(list(self.class_members)[: len(CLASSES)])
            self.issue(
                day,
                dept,
                [
                    ("FH-CHILD", 60, self.class_members[dept][2]),
                    ("XS-WIPE", 2, self.class_members[dept][2]),
                ],
                15,
                "班级备用",
            )

    def _rebalance(self, day: date) -> None:
        """Move the reserve slot's surgical masks forward to the pick slot (移库)."""
        item = self.items["FH-SURG"]
        spare = self._slot_for(item, True)
        rows = Balance.select().where(
            (Balance.item == item.id) & (Balance.slot == spare.id) & (Balance.qty > 0)
        )
        lines = [
            ledger.Line(item.id, b.lot_id, spare.id, b.qty, to_slot_id=self._slot_for(item).id)
            for b in rows
        ]
        if lines:
            ledger.post_new(
                "move",
                lines,
                by=self.keeper,
                at=self._at(day, 16),
                doc_date=day,
                note="备货区补到拣货位",
            )


# 储备标准 (issue 7): (item, mode, quantity a day or per person a day, risk groups, departments,
# days). N95, children's masks and hand rub end below their target, so the top-up list has lines.
DEMO_RESERVE = (
    ("FH-SURG", "per_person", "2", (), (), 45),  # 2 masks a person a day, all staff
    ("FH-N95", "per_person", "2", ("high",), (), 45),  # high-risk staff only
    ("FH-CHILD", "fixed", "200", (), (), 45),
    ("FH-GLOVE", "per_person", "1", (), ("保健室", "后勤组", "厨房"), 45),
    ("FH-GOWN", "fixed", "2", (), (), 45),
    ("FH-SUIT", "fixed", "1", (), (), 45),
    ("XS-84", "fixed", "1", (), (), 30),
    ("XS-ALC75", "fixed", "0.5", (), (), 30),
    ("XS-HAND", "per_person", "0.1", (), (), 45),
    ("JC-AG", "fixed", "5", (), (), 14),  # two weeks after school opens
)


def _set_reserve_targets(demo: _Demo) -> None:
    from app.services import reserve

    for code, mode, qty, risks, depts, days in DEMO_RESERVE:
        reserve.set_target(
            demo.items[code].id,
            mode=mode,
            qty=qty,
            days=days,
            risk_groups=risks,
            departments=[demo.departments[d] for d in depts],
            by=demo.keeper,
        )


def make_demo(
    size: str = "small",
    *,
    today: date | None = None,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Fill a freshly created database with the demo storeroom ("decade": ten years of a
    health centre, see demo_decade)."""
    if size == "decade":
        from app.services import demo_decade

        return demo_decade.make_decade(  # type: ignore[return-value]
            today=today,
            seed=seed,
            progress=(lambda _done, _total, text="": progress(text)) if progress else None,
        )
    if size != "small":
        raise BadInput(
            f"未知的演示规模 {size}（可选：small、decade）",
            f"Unknown demo size {size} (choose: small, decade)",
        )
    if Voucher.select().exists() or accounts.has_accounts():
        raise BadInput(
            "演示数据只能写入新的数据库文件，请换一个文件名",
            "The demo fills a new database only; give it a new file name",
        )
    demo = _Demo(today or date.today(), seed, progress)
    demo.setup()
    demo.history()
    _set_reserve_targets(demo)
    return Summary(
        vouchers=Voucher.select().count(),
        entries=LedgerEntry.select().count(),
        items=Item.select().count(),
        people=Party.select().where(Party.kind == "person").count(),
    )
