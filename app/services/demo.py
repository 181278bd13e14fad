"""`storekeeper demo`: a realistic kindergarten storeroom with six months of history.

Everything goes through the real services and the one posting path, and each voucher is committed
as it is posted, so an interrupted demo leaves a smaller but valid database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain import fefo
from app.domain.errors import BadInput
from app.services import accounts, catalogue, ledger, people, settings
from app.store.database import write_transaction
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

    def _lot(self, item: Item, received: date, shelf_days: int) -> Lot:
        self.batch_seq += 1
        produced = received - timedelta(days=self.rng.randint(20, 90))
        batch = f"{produced:%Y%m%d}{self.batch_seq:02d}"
        expiry = produced + timedelta(days=shelf_days)
        with write_transaction():
            return Lot.create(item=item, batch=batch, production_date=produced, expiry=expiry)

    def _at(self, day: date, hour: int) -> datetime:
        return datetime(
            day.year, day.month, day.day, hour, self.rng.randint(0, 59), self.rng.randint(0, 59)
        )

    def receive(
        self, day: date, party: int, source: str, lines: list[tuple[str, int, int]], ref: str
    ) -> Voucher:
        """lines: (item code, quantity, shelf life in days); big quantities split over 2 slots."""
        out = []
        for code, qty, shelf in lines:
            item = self.items[code]
            lot = self._lot(item, day, shelf)
            if qty >= 400 and item.category_id == "protective":
                first = qty * 3 // 5
                out.append(ledger.Line(item.id, lot.id, self._slot_for(item).id, first))
                out.append(ledger.Line(item.id, lot.id, self._slot_for(item, True).id, qty - first))
            else:
                out.append(ledger.Line(item.id, lot.id, self._slot_for(item).id, qty))
        return ledger.post_new(
            "receipt",
            out,
            by=self.keeper,
            at=self._at(day, 9),
            doc_date=day,
            party_id=party,
            source=source,
            reference=ref,
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
        lines: list[ledger.Line] = []
        for code, qty, person in wants:
            lines += self._pick(code, qty, day, person or party)
        if not lines:
            return None
        return ledger.post_new(
            "issue",
            lines,
            by=self.keeper,
            at=self._at(day, hour),
            doc_date=day,
            party_id=party,
            note=note,
        )

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
            if day_no % 30 == 15:
                self._rebalance(day)
            if day_no % 10 == 0:
                self.progress(f"{day:%Y-%m-%d}")

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
        if day.weekday() == 0:
            self.issue(
                day,
                clinic,
                [
                    ("FH-N95", 2 * 5, doctors[0]),
                    ("FH-N95", 2 * 5, doctors[2]),
                    ("FH-GLOVE", 20, doctors[1]),
                    ("XS-ALC75", 2, doctors[0]),
                ],
                9,
                "晨检及隔离观察室",
            )
        if day.weekday() == 1:
            cleaners = self.class_members[self.departments["后勤组"]]
            self.issue(
                day,
                self.departments["后勤组"],
                [
                    ("XS-84", 3, cleaners[0]),
                    ("FH-PEGLOVE", 100, cleaners[0]),
                    ("FH-GLOVE", 10, cleaners[1]),
                ],
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


def make_demo(
    size: str = "small",
    *,
    today: date | None = None,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Fill a freshly created database with the demo storeroom."""
    if size != "small":
        raise BadInput(
            f"未知的演示规模 {size}（可选：small）", f"Unknown demo size {size} (choose: small)"
        )
    if Voucher.select().exists() or accounts.has_accounts():
        raise BadInput(
            "演示数据只能写入新的数据库文件，请换一个文件名",
            "The demo fills a new database only; give it a new file name",
        )
    demo = _Demo(today or date.today(), seed, progress)
    demo.setup()
    demo.history()
    return Summary(
        vouchers=Voucher.select().count(),
        entries=LedgerEntry.select().count(),
        items=Item.select().count(),
        people=Party.select().where(Party.kind == "person").count(),
    )
