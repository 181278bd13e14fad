"""`storekeeper demo --size decade`: ten years of a community health centre's storeroom.

The same real services as the small demo (receiving with inspection and signatures, daily mask
rounds under the limits with first-expiry picking, department baskets, moves, loans and returns,
write-offs of expired lots, holds, reversals, overrides and a stocktake every month) produce about
a million ledger entries, so the app can be shown and measured as it will be after ten years.

Up to a week of vouchers (well under 100) is committed as one transaction: every service runs
inside it as a savepoint, so a refused voucher rolls back alone. The file being built is a
throwaway until it is finished, so SQLite is told not to wait for the disk on each commit
(`database.bulk_build`); the user's real books never run that way.
"""

from __future__ import annotations

import os
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import peewee as pw

from app.documents.signatures import scribble, strokes_png
from app.domain.errors import BadInput, InsufficientStock, LimitExceeded, StorekeeperError
from app.domain.progress import Progress
from app.services import (
    accounts,
    catalogue,
    issuing,
    ledger,
    loans,
    lots,
    people,
    receiving,
    requisitions,
    settings,
    slots,
    stocktake,
    write_offs,
)
from app.services.catalogue import ItemInput
from app.services.issuing import Want
from app.services.signatures import SignatureInput
from app.store.database import bulk_build, write_transaction
from app.store.models import Balance, Item, LedgerEntry, Lot, Party, Slot, Voucher

INSTITUTION = "城东街道社区卫生服务中心"
ACCOUNTS = (
    ("keeper", "李秀兰", "storekeeper", "1234"),
    ("head", "王主任", "approver", "5678"),
)
SCALE_ENV = "STOREKEEPER_DEMO_SCALE"  # tests build a scaled-down decade (0.01 ≈ five weeks)

# Zones: code, name, hazard classes, racks (six levels each). 600 slots at full scale.
ZONES = (
    ("A", "防护用品区", ["none"], 40),
    ("B", "消杀用品区", ["none", "oxidizing", "corrosive"], 15),
    ("C", "器械与检测区", ["none"], 20),
    ("D", "设备区", ["none"], 10),
    ("E", "药品区", ["none"], 10),
    ("F", "易燃品防爆柜", ["flammable"], 5),
)
LEVELS = 6

# (name, kind of work, risk group, share of the staff). Clinical teams wear more and get N95.
DEPARTMENTS = (
    (
        ("发热门诊", "clinical", "high", 3),
        ("预检分诊", "clinical", "high", 2),
        ("检验科", "clinical", "high", 2),
        ("全科诊室", "clinical", "elevated", 4),
        ("中医科", "clinical", "elevated", 2),
        ("口腔科", "clinical", "elevated", 2),
        ("预防接种门诊", "clinical", "elevated", 3),
        ("儿童保健科", "clinical", "elevated", 2),
        ("妇女保健科", "clinical", "elevated", 2),
        ("注射输液室", "clinical", "elevated", 2),
        ("放射科", "clinical", "medium", 1),
        ("康复科", "clinical", "medium", 2),
        ("药房", "support", "medium", 2),
        ("收费挂号处", "support", "medium", 2),
        ("后勤保障科", "support", "medium", 2),
        ("保洁组", "support", "medium", 3),
        ("保安队", "support", "elevated", 2),
        ("食堂", "support", "medium", 2),
        ("行政办公室", "office", "low", 2),
        ("财务科", "office", "low", 1),
    )
    + tuple((f"家庭医生团队{n}", "clinical", "elevated", 3) for n in range(1, 11))
    + tuple(
        (f"{place}社区卫生服务站", "clinical", "elevated", 3)
        for place in "东湖 新桥 杨柳 花园 望江 南苑 北岭 金沙 青石 梅林".split()
    )
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
    "秀英 桂英 玉兰 丽娟 海燕 晓梅 静怡 雨桐 子涵 欣怡 佳琪 梦瑶 思雨 婉婷 诗涵 雅琴 春花 淑芬 "
    "建华 志强 玥 堃 昇 文静 晓燕 慧敏 红梅 丹丹 倩 敏 伟 磊 军 勇 杰 涛 明 超 强 鹏 华 平 刚 "
    "俊杰 浩然 子轩 宇航 博文 天佑 晨曦 一鸣 嘉怡 欣妍 若曦 语嫣 梓涵 诗琪 晓东 国庆 建国 "
    "红霞 艳 芳 娜 静 丽 霞 燕 颖 琳 雪 婷 倩倩 佳 慧 莉 萍 洁 琴 云 兰 凤 玲 利 娟 梅"
).split()
SUPPLIERS = (
    ("康安医疗器械有限公司", "赵师傅", "0571-8888 1234"),
    ("洁诺消毒用品有限公司", "孙师傅", "0571-8666 2345"),
    ("华东医药股份有限公司", "钱经理", "0571-8512 0000"),
    ("瑞康生物科技有限公司", "吴工", "0571-8777 3456"),
)
OFFICES = (("区卫生健康局", "周文斌"), ("区疾病预防控制中心", "郑建平"))
DONORS = (("区红十字会", "冯志刚"), ("爱心企业联合会", "何丽华"))


@dataclass(frozen=True)
class Shape:
    """How big the decade is; `scale` shrinks it for tests (the code path stays the same)."""

    days: int
    people: int
    extra_items: int
    racks: float  # share of each zone's racks
    rounds_per_day: int
    round_size: int
    baskets_per_day: int

    @classmethod
    def of(cls, scale: float) -> Shape:
        scale = max(0.002, min(1.0, scale))
        return cls(
            days=max(21, round(3652 * scale)),
            people=max(60, round(2000 * scale)),
            extra_items=max(20, round(280 * scale)),
            racks=max(0.1, scale),
            rounds_per_day=2,
            round_size=62 if scale > 0.05 else 8,
            baskets_per_day=1,
        )


@dataclass
class Summary:
    vouchers: int
    entries: int
    items: int
    people: int
    lots: int
    slots: int


@dataclass
class _Stocked:
    """What the demo knows of an item: where it lives, how fast it goes, how long it keeps."""

    item: Item
    pick: int  # slot ids
    reserve: int
    weekly: int  # base units used in an ordinary week
    shelf_days: int
    pack: int  # receipts come in whole packs of this many base units
    price: Decimal


def _surge(day: date, start: date) -> float:
    """Demand over the years: three epidemic years in the middle, a winter peak every year."""
    year = (day - start).days / 365.25
    epidemic = 2.5 if 3.2 <= year <= 6.0 else 1.0
    winter = 1.3 if day.month in (12, 1, 2) else 1.0
    return epidemic * winter


# --- the catalogue's breadth: variants of what a health centre keeps ---------------------------

# code stem | name | English | category | unit | packs | hazard | shelf days | variants | weekly use
_FAMILY_TABLE = """
FH-NIT | 丁腈检查手套 | Nitrile gloves | protective | 双 | 盒=50;箱=500 | none | 1095 | S,M,L,XL | 200
FH-LTX | 医用乳胶手套 | Latex gloves | protective | 双 | 盒=50;箱=500 | none | 1095 | 6.5,7,7.5,8 | 60
FH-STG | 无菌外科手套 | Sterile surgical gloves | protective | 双 | 盒=50 | none | 1095 | 6.5,7,7.5,8 | 15
FH-GWN | 一次性隔离衣 | Isolation gown | protective | 件 | 包=10;箱=100 | none | 1095 | M,L,XL,XXL | 20
FH-SUT | 医用防护服 | Protective coverall | protective | 件 | 箱=50 | none | 1460 | 165,170,175,180,185 | 6
FH-MSK | 医用外科口罩（独立包装） | Surgical mask, single-packed | protective | 只 | 盒=50;箱=1000 | none | 1095 | 成人,儿童,大号 | 80
FH-KN | KN95 口罩（头戴式） | KN95 respirator, head straps | protective | 只 | 盒=25;箱=500 | none | 1095 | 白,灰 | 20
FH-FSH | 医用防护面屏 | Face shield | protective | 个 | 箱=100 | none | 1825 | 全脸,半脸,可翻转 | 5
FH-GGL | 医用护目镜 | Goggles | protective | 个 | 盒=10;箱=100 | none | 1825 | 防雾,带通气孔 | 3
FH-APR | 一次性防水围裙 | Waterproof apron | protective | 条 | 包=50 | none | 1460 | 长款,短款 | 15
FH-SLV | 一次性防水袖套 | Waterproof sleeves | protective | 副 | 包=100 | none | 1460 | 标准 | 20
FH-BTC | 防护靴套 | Boot covers | protective | 双 | 包=50;箱=500 | none | 1460 | 高筒,低筒 | 10
XS-PAA | 过氧乙酸消毒液 | Peracetic acid disinfectant | disinfection | 桶 | 箱=4 | corrosive | 365 | 5L,2.5L | 1
XS-H2O2 | 过氧化氢消毒液 | Hydrogen peroxide disinfectant | disinfection | 瓶 | 箱=12 | oxidizing | 540 | 500ml,2.5L | 2
XS-QAC | 季铵盐消毒液 | Quaternary ammonium disinfectant | disinfection | 瓶 | 箱=12 | none | 730 | 500ml,1L,5L | 3
XS-CLT | 含氯消毒片 | Chlorine tablets | disinfection | 瓶 | 箱=50 | oxidizing | 730 | 100片,200片 | 2
XS-HS | 免洗手消毒凝胶 | Hand sanitiser gel | disinfection | 瓶 | 箱=24 | flammable | 730 | 60ml,300ml,500ml | 10
XS-ALC | 75% 医用酒精 | 75% medical alcohol | disinfection | 瓶 | 箱=20 | flammable | 730 | 100ml,500ml,2.5L | 6
XS-WP | 消毒湿巾 | Disinfectant wipes | disinfection | 包 | 箱=24 | none | 540 | 10片,80片,桶装 | 8
XS-IOD | 碘伏消毒液 | Povidone iodine | disinfection | 瓶 | 箱=40 | none | 730 | 100ml,500ml | 5
QX-SYR | 一次性使用无菌注射器 | Sterile syringe | device | 支 | 盒=100;箱=800 | none | 1460 | 1ml,2ml,5ml,10ml,20ml | 80
QX-IVS | 一次性输液器 | Infusion set | device | 套 | 包=50;箱=500 | none | 1460 | 带针,精密过滤 | 30
QX-CTN | 医用棉签 | Cotton swabs | device | 包 | 箱=200 | none | 1095 | 10cm,15cm | 25
QX-GZE | 医用纱布块 | Gauze pads | device | 包 | 箱=100 | none | 1095 | 5×5cm,8×10cm,10×10cm | 12
QX-TAP | 医用胶带 | Medical tape | device | 卷 | 盒=12 | none | 1095 | 1.25cm,2.5cm,5cm | 8
QX-BND | 弹力绷带 | Elastic bandage | device | 卷 | 包=10 | none | 1460 | 5cm,7.5cm,10cm | 4
QX-TDP | 一次性压舌板 | Tongue depressors | device | 支 | 包=100 | none | 1460 | 成人,儿童 | 30
QX-OXI | 指夹式血氧仪 | Finger pulse oximeter | device | 台 | 箱=50 | none | 1825 | 标准 | 1
QX-ETH | 电子体温计 | Digital thermometer | device | 支 | 盒=10 | none | 1825 | 硬头,软头 | 2
QX-NDL | 一次性采血针 | Blood lancet | device | 支 | 盒=200 | none | 1460 | 21G,23G,28G | 40
JC-AGB | 新冠抗原检测试剂 | COVID-19 antigen test | testing | 人份 | 盒=20;箱=400 | none | 300 | 品牌甲,品牌乙,品牌丙 | 30
JC-FLU | 甲乙流抗原检测试剂 | Influenza A/B antigen test | testing | 人份 | 盒=20 | none | 365 | 品牌甲,品牌乙 | 10
JC-NAT | 核酸采样管 | Nucleic acid sampling tube | testing | 支 | 盒=50;箱=500 | none | 540 | 单采,十混一 | 20
JC-SWB | 一次性采样拭子 | Sampling swab | testing | 支 | 包=100 | none | 730 | 鼻,咽 | 25
JC-GLU | 血糖试纸 | Blood glucose strips | testing | 条 | 盒=50 | none | 540 | 品牌甲,品牌乙 | 30
JC-URN | 尿液分析试纸 | Urine test strips | testing | 条 | 瓶=100 | none | 540 | 10项,11项 | 15
YP-LHQW | 连花清瘟胶囊 | Lianhua Qingwen capsules | medicine | 盒 | 箱=100 | none | 1095 | 24粒,36粒 | 6
YP-IBU | 布洛芬缓释胶囊 | Ibuprofen capsules | medicine | 盒 | 箱=200 | none | 1095 | 0.3g×20,0.3g×24 | 8
YP-APAP | 对乙酰氨基酚片 | Paracetamol tablets | medicine | 盒 | 箱=200 | none | 1095 | 0.5g×12,0.5g×24 | 8
YP-ORS | 口服补液盐散 | Oral rehydration salts | medicine | 袋 | 盒=10;箱=300 | none | 730 | Ⅲ | 10
YP-VC | 维生素C片 | Vitamin C tablets | medicine | 瓶 | 箱=100 | none | 730 | 100片 | 3
YP-BLGK | 板蓝根颗粒 | Banlangen granules | medicine | 盒 | 箱=60 | none | 730 | 10g×20 | 4
YP-CPM | 复方感冒灵颗粒 | Compound cold granules | medicine | 盒 | 箱=60 | none | 730 | 10g×9 | 4
YP-GLY | 葡萄糖注射液 | Glucose injection | medicine | 瓶 | 箱=30 | none | 730 | 5% 250ml,10% 500ml | 6
YP-NS | 氯化钠注射液 | Sodium chloride injection | medicine | 瓶 | 箱=30 | none | 730 | 0.9% 100ml,0.9% 250ml,0.9% 500ml | 12
SB-SPR | 电动喷雾消毒机 | Electric disinfection sprayer | equipment | 台 | - | none | 0 | 背负式,手推式 | 0
SB-UVL | 紫外线消毒灯 | UV disinfection lamp | equipment | 台 | - | none | 0 | 移动式,挂壁式 | 0
SB-IRT | 红外线测温仪 | Infrared thermometer | equipment | 台 | 箱=20 | none | 0 | 手持,立式 | 0
SB-MEG | 扩音喇叭 | Megaphone | equipment | 个 | - | none | 0 | 标准 | 0
SB-STR | 折叠担架 | Folding stretcher | equipment | 副 | - | none | 0 | 铝合金 | 0
SB-WCH | 轮椅 | Wheelchair | equipment | 台 | - | none | 0 | 折叠 | 0
"""
_FAMILIES = [
    (
        stem,
        name,
        en,
        cat,
        unit,
        "" if packs == "-" else packs,
        hazard,
        int(shelf),
        tuple(v.split(",")),
        int(weekly),
    )
    for stem, name, en, cat, unit, packs, hazard, shelf, v, weekly in (
        [f.strip() for f in line.split("|")] for line in _FAMILY_TABLE.strip().splitlines()
    )
]
SHIPPED_ITEMS = """
FH-N95:1095:0 FH-KN95:1095:10 FH-SURG:1095:0 FH-DISP:1095:40 FH-CHILD:1095:30 FH-SUIT:1460:4
FH-GOWN:1095:20 FH-GOGG:1825:2 FH-FACE:1825:4 FH-GLOVE:1095:0 FH-PEGLOVE:730:0 FH-SHOE:1095:0
FH-CAP:1095:0 QX-THERM:1825:2 QX-IRT:0:0 XS-84:365:6 XS-CHLOR:730:2 XS-HAND:730:8 XS-ALC75:730:6
XS-WIPE:540:10 JC-AG:300:40 JC-SWAB:730:30 JC-TUBE:540:20 YP-BLG:730:4 SB-SPRAY:0:0 SB-LOUD:0:0
SB-TENT:0:0
"""
# The daily round: what each person on duty gets (item code, quantity, who).
ROUND = (
    ("FH-SURG", 2, "not_high"),
    ("FH-N95", 2, "high"),
    ("FH-GLOVE", 2, "clinical"),
    ("FH-CAP", 1, "clinical"),
    ("FH-SHOE", 1, "high"),
    ("FH-PEGLOVE", 2, "support"),
)
ROUND_ITEMS = tuple(code for code, _q, _who in ROUND)
BASKET_LINES = (60, 95)  # a department's daily basket of everything else
# Reserve standards (储备标准): item, mode, daily quantity, risk groups, days (45 in the county
# plan; disinfectants 30; test kits two weeks).
RESERVE = (
    ("FH-SURG", "per_person", "2", (), 45),
    ("FH-N95", "per_person", "2", ("high",), 45),
    ("FH-GLOVE", "per_person", "2", (), 45),
    ("FH-CAP", "per_person", "1", (), 45),
    ("FH-SUIT", "fixed", "5", (), 45),
    ("FH-GOWN", "fixed", "20", (), 45),
    ("XS-84", "fixed", "2", (), 30),
    ("XS-ALC75", "fixed", "2", (), 30),
    ("XS-HAND", "per_person", "0.05", (), 45),
    ("JC-AG", "fixed", "20", (), 14),
)


def _family_items(count: int) -> list[tuple[ItemInput, int, int]]:
    """Up to `count` catalogue items (input, shelf days, weekly use), variant by variant."""
    out: list[tuple[ItemInput, int, int]] = []
    for stem, name, name_en, cat, unit, packs, hazard, shelf, variants, weekly in _FAMILIES:
        for n, variant in enumerate(variants, start=1):
            out.append(
                (
                    ItemInput(
                        code=f"{stem}-{n:02d}",
                        name=f"{name} {variant}",
                        name_en=f"{name_en} {variant}",
                        category=cat,
                        base_unit=unit,
                        spec=variant,
                        packs=packs,
                        hazard_class=hazard,
                        requires_registration=cat in ("device", "testing"),
                        min_shelf_life_days=90 if shelf and shelf < 800 else 0,
                        reusable=cat == "equipment",
                    ),
                    shelf,
                    max(0, weekly // len(variants) + (1 if weekly else 0)),
                )
            )
    # More makers of the same things until the catalogue is as wide as a real one.
    makers = ("振德", "稳健", "蓝帆", "英科", "奥美", "驼人", "威高", "可孚", "鱼跃", "海氏海诺")
    base = list(out)
    m = 0
    while len(out) < count:
        maker = makers[m % len(makers)]
        src, shelf, weekly = base[m % len(base)]
        m += 1
        out.append(
            (
                ItemInput(
                    code=f"{src.code}-{m // len(base) + 2}",
                    name=f"{src.name}（{maker}）",
                    name_en=f"{src.name_en} ({maker})",
                    category=src.category,
                    base_unit=src.base_unit,
                    spec=src.spec,
                    packs=src.packs,
                    hazard_class=src.hazard_class,
                    requires_registration=src.requires_registration,
                    min_shelf_life_days=src.min_shelf_life_days,
                    reusable=src.reusable,
                ),
                shelf,
                max(1, weekly // 3) if weekly else 0,
            )
        )
    return out[:count]


def _pack_size(packs: str) -> int:
    """The smallest pack in base units (receipts and baskets come in whole packs)."""
    sizes = [int(p.split("=")[1]) for p in packs.split(";") if "=" in p]
    return min(sizes) if sizes else 1


class _Decade:
    """The health centre's ten years, day by day, through the services."""

    def __init__(self, shape: Shape, today: date, seed: int, progress: Progress | None) -> None:
        self.shape = shape
        self.today = today
        self.start = today - timedelta(days=shape.days)
        self.rng = random.Random(seed)
        self.progress = progress or (lambda _d, _t, _s="": None)
        self.batch_no = 0
        self.pads: dict[str, tuple[list, bytes]] = {}
        self.stocked: dict[str, _Stocked] = {}
        self.returns_due: dict[date, list[int]] = defaultdict(list)  # day → loan ids back
        self.holds: dict[date, list[int]] = defaultdict(list)
        self.to_reverse: list[int] = []
        self.name_cache: dict[int, str] = {}

    # --- set-up -------------------------------------------------------------------------------

    def setup(self) -> None:
        with write_transaction():
            settings.set_institution_name(INSTITUTION)
            for username, name, role, pin in ACCOUNTS:
                accounts.create_account(username, name, role, pin)
            by_name = {a.username: a.id for a in accounts.list_accounts()}
            self.keeper, self.head = by_name["keeper"], by_name["head"]
            self._slots()
            self._catalogue()
        with write_transaction():
            self._parties()

    def _slots(self) -> None:
        self.zone_slots: dict[str, list[int]] = {}
        for code, name, classes, racks in ZONES:
            zone = catalogue.create_zone(code, name, classes)
            n = max(1, round(racks * self.shape.racks))
            self.zone_slots[code] = [
                catalogue.create_slot(zone.id, f"{code}-{r:02d}-{lv:02d}").id
                for r in range(1, n + 1)
                for lv in range(1, LEVELS + 1)
            ]

    def _zone_of(self, item: Item) -> str:
        hazard = {"flammable": "F", "oxidizing": "B", "corrosive": "B"}.get(item.hazard_class)
        if hazard:
            return hazard
        return {
            "protective": "A",
            "disinfection": "B",
            "device": "C",
            "testing": "C",
            "medicine": "E",
            "equipment": "D",
        }.get(item.category_id, "C")

    def _catalogue(self) -> None:
        extra = _family_items(self.shape.extra_items)
        for data, _shelf, _weekly in extra:
            catalogue.create_item(data, by=self.keeper)
        known = {d.code: (shelf, weekly) for d, shelf, weekly in extra}
        # The shipped catalogue's items: how long they keep and how many go in a week.
        # The shipped catalogue's items: how long they keep and how many go in a week (the
        # round items' use comes from the rounds themselves).
        defaults = {
            code: (int(shelf), int(weekly))
            for code, shelf, weekly in (row.split(":") for row in SHIPPED_ITEMS.split())
        }
        known.update(defaults)
        # Each item its own pick slot and reserve slot next to it while the zone has room;
        # then items share slots, as in a full storeroom.
        used: dict[str, int] = defaultdict(int)
        for item in Item.select().order_by(Item.id):
            shelf, weekly = known.get(item.code, (730, 2))
            zone = self._zone_of(item)
            here = self.zone_slots[zone]
            n = used[zone]
            used[zone] += 2
            pick, reserve = here[n % len(here)], here[(n + 1) % len(here)]
            price = Decimal(self.rng.choice(("0.20", "0.35", "1.20", "2.50", "6.80", "18.00")))
            self.stocked[item.code] = _Stocked(
                item, pick, reserve, weekly, shelf, _pack_size(item.packs), price
            )

    def _parties(self) -> None:
        self.suppliers = [
            (people.create_party("supplier", n, phone=tel).id, who) for n, who, tel in SUPPLIERS
        ]
        self.offices = [(people.create_party("office", n).id, who) for n, who in OFFICES]
        self.donors = [(people.create_party("donor", n).id, who) for n, who in DONORS]
        names = [s + g for s in SURNAMES for g in GIVEN]
        self.rng.shuffle(names)
        total_share = sum(d[3] for d in DEPARTMENTS)
        self.depts: list[tuple[int, str, str, list[int]]] = []  # id, work, risk, members
        self.leavers: list[int] = []
        no = 0
        for name, work, risk, share in DEPARTMENTS:
            dept = people.create_party("department", name).id
            members = []
            for _ in range(max(3, round(self.shape.people * share / total_share))):
                no += 1
                person_risk = risk if self.rng.random() > 0.1 else "medium"
                members.append(
                    people.create_party(
                        "person",
                        names[no % len(names)],
                        staff_no=f"CD{no:05d}",
                        department_id=dept,
                        role="医务人员" if work == "clinical" else "职工",
                        risk_group=person_risk,
                    ).id
                )
            self.depts.append((dept, work, risk, members))
        self.people_made = no
        self.names = names
        self.risk = {
            p.id: p.risk_group
            for p in Party.select(Party.id, Party.risk_group).where(Party.kind == "person")
        }
        # What the rounds use in a week, so deliveries keep up with them.
        n = len(self.depts)
        self.round_weekly: dict[str, float] = defaultdict(float)
        for _dept, work, _risk, members in self.depts:
            per_week = 5 * self.shape.rounds_per_day / n
            on_duty = min(len(members), self.shape.round_size)
            high = sum(1 for m in members if self.risk.get(m) == "high") / len(members)
            for code, qty, who in ROUND:
                share = {
                    "high": high,
                    "not_high": 1 - high,
                    "clinical": 1.0 if work == "clinical" else 0.0,
                    "support": 0.0 if work == "clinical" else 1.0,
                }[who]
                self.round_weekly[code] += per_week * on_duty * share * qty

    # --- signatures -----------------------------------------------------------------------------

    def pad(self, role: str, name: str) -> SignatureInput:
        if name not in self.pads:
            strokes = scribble(sum(map(ord, name)))
            self.pads[name] = (strokes, strokes_png(strokes))
        strokes, png = self.pads[name]
        return SignatureInput(role, name, "pad", strokes=strokes, png=png)

    def pin(self, role: str, account: int | None = None) -> SignatureInput:
        return SignatureInput(role, "", "pin", account_id=account or self.keeper)

    def at(self, day: date, hour: int) -> datetime:
        return datetime(
            day.year, day.month, day.day, hour, self.rng.randint(0, 59), self.rng.randint(0, 59)
        )

    # --- the ten years --------------------------------------------------------------------------

    def run(self) -> None:
        total = self.shape.days
        week_start = self.start
        self._opening()
        while week_start < self.today:
            days = [week_start + timedelta(days=n) for n in range(7)]
            days = [d for d in days if d <= self.today]
            with write_transaction():
                for day in days:
                    self._day(day)
            week_start += timedelta(days=7)
            done = min(total, (week_start - self.start).days)
            self.progress(done, total, f"{min(week_start, self.today):%Y-%m-%d}")

    def _opening(self) -> None:
        """The first allocation from the health bureau: a few months of everything."""
        with write_transaction():
            office, who = self.offices[0]
            codes = list(self.stocked)
            for chunk in range(0, len(codes), 25):
                lines = []
                for code in codes[chunk : chunk + 25]:
                    s = self.stocked[code]
                    weeks = 10 if s.weekly else 0
                    qty = self._packs(s, s.weekly * weeks) if s.weekly else self._packs(s, 4)
                    lines.append((code, qty))
                self._receive(self.start, office, who, "allocation", lines, "区卫健发〔开办〕1号")

    def _packs(self, s: _Stocked, qty: int) -> int:
        return max(1, -(-qty // s.pack)) * s.pack

    def _day(self, day: date) -> None:
        wd = day.weekday()
        if wd in (0, 3):
            self._delivery(day)
        if wd < 5:
            self._rounds(day)
            for _ in range(self.shape.baskets_per_day):
                self._basket(day)
            if wd == 4:
                self._rebalance(day)
            if wd == 2:
                self._lend(day)
        for loan_id in self.returns_due.pop(day, []):
            self._return(day, loan_id)
        for lot_id in self.holds.pop(day, []):
            self._release(day, lot_id)
        if day.day == 3 and wd < 5 or day.day in (4, 5) and wd == 0:
            self._write_off_expired(day)
        if day.day == 15:
            self._month_events(day)
        tomorrow = day + timedelta(days=1)
        if tomorrow.month != day.month and day >= self.start + timedelta(days=20):
            self._stocktake(day)
        if day.month == 1 and day.day == 10:
            self._turnover(day)
        if day == self.start + timedelta(days=int(6.1 * 365)):
            self._late_donation(day)

    def _late_donation(self, day: date) -> None:
        """As the epidemic ends, a donor gives test kits with a few months left: most of them
        outlive their shelf life and are written off, as happened in many storerooms."""
        party, who = self.donors[1]
        s = self.stocked["JC-AG"]
        qty = self._packs(s, int(max(200, self._weekly("JC-AG", s) * 40)))
        self._receive(day, party, who, "donation", [("JC-AG", qty)], f"捐赠-{day:%Y%m%d}", left=100)

    # --- receiving -------------------------------------------------------------------------------

    def _totals(self) -> dict[int, int]:
        return dict(
            Balance.select(Balance.item, pw.fn.SUM(Balance.qty))
            .where(Balance.qty > 0)
            .group_by(Balance.item)
            .tuples()
        )

    def _delivery(self, day: date) -> None:
        """Twice a week: what runs low (three weeks left) is ordered for four to six weeks
        (a slow mover at least two packs, so some of it may outlive its shelf life)."""
        surge = _surge(day, self.start)
        have = self._totals()
        want: list[tuple[str, int]] = []
        for code, s in self.stocked.items():
            weekly = self._weekly(code, s) * surge
            if weekly <= 0:
                continue
            if have.get(s.item.id, 0) < weekly * 3:
                qty = max(int(weekly * self.rng.uniform(4, 6)), 2 * s.pack if weekly < 3 else 0)
                packs = self._packs(s, qty) // s.pack
                # A delivery of several packs often holds more than one production batch.
                parts = 3 if packs >= 6 else 2 if packs >= 2 else 1
                for k in range(parts):
                    share = packs // parts + (1 if k < packs % parts else 0)
                    want.append((code, share * s.pack))
        self.rng.shuffle(want)
        if not want:
            return
        # A purchase from one supplier; now and then a donation or an allocation instead.
        roll = self.rng.random()
        if roll < 0.08:
            party, who = self.rng.choice(self.donors)
            source, ref = "donation", f"捐赠-{day:%Y%m%d}"
        elif roll < 0.2:
            party, who = self.rng.choice(self.offices)
            source, ref = "allocation", f"区卫健调〔{day:%Y}〕{day.timetuple().tm_yday}号"
        else:
            party, who = self.rng.choice(self.suppliers)
            source, ref = "purchase", f"PO-{day:%Y%m%d}-{self.rng.randint(10, 99)}"
        for chunk in range(0, len(want), 30):
            self._receive(day, party, who, source, want[chunk : chunk + 30], ref)

    def _weekly(self, code: str, s: _Stocked) -> float:
        return self.round_weekly.get(code, s.weekly)

    def _receive(
        self,
        day: date,
        party: int,
        deliverer: str,
        source: str,
        lines: list[tuple[str, int]],
        ref: str,
        left: int | None = None,
    ) -> None:
        """Inspect, place, sign and post a delivery; `left` is the days of shelf life the
        goods have left (a donation near its expiry), else the item's own."""
        out = []
        confirm = False
        for code, qty in lines:
            s = self.stocked[code]
            self.batch_no += 1
            produced = day - timedelta(days=self.rng.randint(10, 60))
            expiry = produced + timedelta(days=s.shelf_days) if s.shelf_days else None
            if left is not None:
                expiry = day + timedelta(days=left)
            short = bool(
                expiry
                and s.item.min_shelf_life_days
                and (expiry - day).days < s.item.min_shelf_life_days
            )
            confirm = confirm or short
            rejected = 0
            reason = None
            if self.rng.random() < 0.02 and qty >= 2 * s.pack:
                rejected, reason = s.pack, self.rng.choice(("damaged", "wrong_product"))
            accepted = qty - rejected
            if accepted >= 2 * s.pack and s.reserve != s.pick:  # half on the reserve slot
                first = self._packs(s, accepted // 2)
                placed = [
                    receiving.Placement(s.pick, first),
                    receiving.Placement(s.reserve, accepted - first),
                ]
            else:
                placed = [receiving.Placement(s.pick, accepted)]
            out.append(
                receiving.LineInput(
                    item_id=s.item.id,
                    delivered=qty,
                    accepted=accepted,
                    rejected=rejected,
                    reject_reason=reason,
                    reject_note="外箱破损" if reason == "damaged" else "",
                    batch=f"{produced:%y%m%d}{self.batch_no % 1000:03d}",
                    production_date=produced,
                    expiry=expiry,
                    reg_cert_no=(
                        f"国械注准20{20 + self.batch_no % 6}{self.batch_no % 900 + 100}"
                        if s.item.requires_registration
                        else ""
                    ),
                    unit_price=s.price if source == "purchase" else None,
                    checklist={
                        "packaging": reason != "damaged",
                        "product": reason != "wrong_product",
                        "certificate": True,
                        "labelling": True,
                        "shelf_life": not short,
                    },
                    placements=[p for p in placed if p.qty > 0],
                )
            )
        try:
            receiving.receive(
                receiving.ReceiptInput(
                    source=source,
                    party_id=party,
                    lines=out,
                    deliverer=deliverer,
                    reference=ref,
                    doc_date=day,
                ),
                [self.pad("deliverer", deliverer), self.pin("inspector")],
                by=self.keeper,
                at=self.at(day, 9),
                confirm_short_shelf_life=confirm,
            )
        except StorekeeperError:
            pass  # a delivery the checks refuse is not received; the next one tops up

    # --- issuing ---------------------------------------------------------------------------------

    def _rounds(self, day: date) -> None:
        """The morning rounds: the people on duty in a few departments get their day's masks
        (N95 for the high-risk), and gloves, caps and shoe covers by their work."""
        n = len(self.depts)
        start = ((day - self.start).days * self.shape.rounds_per_day) % n
        for k in range(self.shape.rounds_per_day):
            dept, work, _risk, members = self.depts[(start + k) % n]
            active = [m for m in members if m in self.risk]
            if not active:
                continue
            on_duty = self.rng.sample(active, min(len(active), self.shape.round_size))
            wants: list[tuple[str, int, int]] = []
            for person in on_duty:
                high = self.risk[person] == "high"
                for code, qty, who in ROUND:
                    if (
                        (who == "high" and high)
                        or (who == "not_high" and not high)
                        or (who == "clinical" and work == "clinical")
                        or (who == "support" and work != "clinical")
                    ):
                        wants.append((code, qty, person))
            self._issue(day, dept, members[0], wants, 8, "每日防护用品发放")

    def _basket(self, day: date) -> None:
        """A department's weekly basket of everything else it uses."""
        dept, _work, _risk, members = self.rng.choice(self.depts)
        surge = _surge(day, self.start)
        codes = [c for c, s in self.stocked.items() if s.weekly and c not in ROUND_ITEMS]
        size = BASKET_LINES
        picked = self.rng.sample(codes, min(len(codes), self.rng.randint(*size)))
        # Each item turns up in about 5 × baskets × lines / codes baskets a week.
        per_week = 5 * self.shape.baskets_per_day * sum(size) / 2 / max(1, len(codes))
        wants = []
        for code in picked:
            s = self.stocked[code]
            qty = max(1, round(s.weekly * surge / per_week * self.rng.uniform(0.5, 1.5)))
            wants.append((code, qty, None))
        self._issue(day, dept, members[0], wants, 14, "科室领用")

    def _issue(
        self,
        day: date,
        dept: int,
        signer: int,
        wants: list[tuple[str, int, int | None]],
        hour: int,
        purpose: str,
    ) -> Voucher | None:
        """Issue what stock allows: a line that stock cannot cover is left out, as the keeper
        would do; the receiver signs on the pad and the storekeeper with the PIN."""
        lines = [Want(self.stocked[c].item.id, q, party_id=p) for c, q, p in wants]
        sigs = [self.pad("receiver", self.names_of(signer)), self.pin("issuer")]
        try:
            v = issuing.issue(
                dept,
                lines,
                sigs=sigs,
                on=day,
                purpose=purpose,
                by=self.keeper,
                at=self.at(day, hour),
            )
        except InsufficientStock:
            taken: dict[tuple[int, int], int] = {}
            kept = []
            for want in lines:
                try:
                    issuing.plan(want, day, taken)
                except InsufficientStock:
                    continue
                kept.append(want)
            if not kept:
                return None
            try:
                v = issuing.issue(
                    dept,
                    kept,
                    sigs=sigs,
                    on=day,
                    purpose=purpose,
                    by=self.keeper,
                    at=self.at(day, hour),
                )
            except (InsufficientStock, LimitExceeded):
                return None
        except LimitExceeded:
            return None
        if self.rng.random() < 0.004:
            self.to_reverse.append(v.id)
        return v

    def names_of(self, party_id: int) -> str:
        name = self.name_cache.get(party_id)
        if name is None:
            name = self.name_cache[party_id] = Party.get_by_id(party_id).name
        return name

    # --- the rest of a storeroom's life -----------------------------------------------------------

    def _rebalance(self, day: date) -> None:
        """Fridays: the pick slots of the round items are topped up from their reserve slots."""
        moves = []
        for code in ROUND_ITEMS:
            s = self.stocked[code]
            if s.reserve == s.pick:
                continue
            for b in Balance.select().where(
                (Balance.item == s.item.id) & (Balance.slot == s.reserve) & (Balance.qty > 0)
            ):
                moves.append(slots.MoveLine(b.lot_id, s.reserve, s.pick, b.qty))
        if moves:
            try:
                slots.move(
                    moves,
                    by=self.keeper,
                    at=self.at(day, 16),
                    doc_date=day,
                    note="备货区补到拣货位",
                )
            except StorekeeperError:
                pass

    def _lend(self, day: date) -> None:
        """Wednesdays: a piece of equipment goes out for a few days (a few never come back
        on time)."""
        codes = [c for c, s in self.stocked.items() if s.item.reusable]
        if not codes:
            return
        code = self.rng.choice(codes)
        dept, _w, _r, members = self.rng.choice(self.depts)
        borrower = self.rng.choice(members)
        if borrower not in self.risk:
            return
        try:
            loan = loans.lend(
                borrower,
                [Want(self.stocked[code].item.id, 1)],
                due=day + timedelta(days=7),
                sigs=[
                    self.pad("borrower", self.names_of(borrower)),
                    self.pin("issuer"),
                    self.pin("approver", self.head),
                ],
                purpose="社区消杀" if code.startswith("SB-SPR") else "外出筛查",
                on=day,
                by=self.keeper,
                at=self.at(day, 9),
            )
        except StorekeeperError:
            return
        late = self.rng.random() < 0.1
        back = day + timedelta(days=self.rng.randint(9, 20) if late else self.rng.randint(1, 6))
        if back <= self.today - timedelta(days=3) or self.rng.random() < 0.5:
            self.returns_due[back].append(loan.id)

    def _return(self, day: date, loan_id: int) -> None:
        rows = [r for r in loans.loans(open_only=True) if r.loan_id == loan_id]
        if not rows:
            return
        try:
            loans.return_items(
                loan_id,
                [loans.ReturnLine(ln.line_id, ln.out, "good") for ln in rows[0].lines if ln.out],
                disinfected=True,
                on=day,
                by=self.keeper,
                at=self.at(day, 16),
            )
        except StorekeeperError:
            pass

    def _write_off_expired(self, day: date) -> None:
        found = write_offs.expired_stock(day)
        for chunk in range(0, len(found), 60):
            part = found[chunk : chunk + 60]
            try:
                write_offs.write_off(
                    [ledger.Line(s.item_id, s.lot_id, s.slot_id, s.qty) for s in part],
                    reason="expired",
                    note="过期，按规定报损销毁",
                    sigs=[self.pad("handler", "李秀兰"), self.pin("approver", self.head)],
                    on=day,
                    by=self.keeper,
                    at=self.at(day, 15),
                )
            except StorekeeperError:
                pass

    def _month_events(self, day: date) -> None:
        """Mid-month: a wrong issue reversed, a lot held on a quality doubt, a requisition,
        something damaged and written off, and now and then an approved issue over the
        limit."""
        if self.rng.random() < 0.6:
            self._damaged(day)
        if self.to_reverse:
            vid = self.to_reverse.pop(0)
            try:
                ledger.reverse(
                    vid,
                    by=self.keeper,
                    reason="发错科室，已收回重发",
                    at=self.at(day, 11),
                    doc_date=day,
                )
            except StorekeeperError:
                pass
        if self.rng.random() < 0.3:
            lot = (
                Lot.select(Lot.id)
                .join(Balance, on=(Balance.lot == Lot.id))
                .where(Balance.qty > 0)
                .order_by(Lot.id.desc())
                .first()
            )
            if lot is not None:
                try:
                    lots.hold(
                        lot.id,
                        "quality",
                        "科室反映质量问题，待供应商答复",
                        by=self.keeper,
                        at=self.at(day, 10),
                    )
                    self.holds[day + timedelta(days=self.rng.randint(3, 12))].append(lot.id)
                except StorekeeperError:
                    pass
        if day.month % 3 == 0:
            self._requisition(day)
        if day.month % 4 == 1:
            self._override(day)

    def _damaged(self, day: date) -> None:
        """A box dropped or wet: written off with what happened (报损, reason and note)."""
        rows = list(Balance.select().where(Balance.qty > 1).order_by(Balance.lot.desc()).limit(40))
        if not rows:
            return
        b = self.rng.choice(rows)
        what = self.rng.choice(("搬运中外箱破损，内包装受潮", "货架漏水，包装浸湿", "瓶身破裂渗漏"))
        try:
            write_offs.write_off(
                [ledger.Line(b.item_id, b.lot_id, b.slot_id, max(1, b.qty // 20))],
                reason="damaged",
                note=what,
                sigs=[self.pad("handler", "李秀兰"), self.pin("approver", self.head)],
                on=day,
                by=self.keeper,
                at=self.at(day, 16),
            )
        except StorekeeperError:
            pass

    def _release(self, day: date, lot_id: int) -> None:
        try:
            lots.release(lot_id, "供应商已答复，质量合格", by=self.keeper)
        except StorekeeperError:
            pass

    def _requisition(self, day: date) -> None:
        dept, _w, _r, members = self.rng.choice(self.depts)
        codes = [c for c, s in self.stocked.items() if s.weekly and c not in ROUND_ITEMS][:40]
        asks = [
            requisitions.Ask(self.stocked[c].item.id, self.stocked[c].pack)
            for c in self.rng.sample(codes, min(4, len(codes)))
        ]
        try:
            req = requisitions.submit(
                dept, asks, reason="季度补充", requested_by=members[0], on=day, by=self.keeper
            )
            requisitions.decide(
                req.id,
                {ln.id: ln.qty_requested for ln in req.lines},
                approver_id=self.head,
                note="同意",
            )
            requisitions.issue_against(
                req.id,
                [Want(a.item_id, a.qty) for a in asks],
                sigs=[self.pad("receiver", self.names_of(members[0])), self.pin("issuer")],
                on=day,
                by=self.keeper,
                at=self.at(day, 10),
            )
        except StorekeeperError:
            pass

    def _override(self, day: date) -> None:
        """An approved issue over the daily limit (the head's PIN and a reason)."""
        dept, _w, _r, members = self.depts[0]
        person = members[0]
        try:
            ok = issuing.approve_override("head", "5678", "隔离观察室夜班，当天加发 2 只")
            self._issue_override(day, dept, person, ok)
        except StorekeeperError:
            pass

    def _issue_override(
        self, day: date, dept: int, person: int, ok: issuing.OverrideApproval
    ) -> None:
        code = "FH-N95" if self.risk.get(person) == "high" else "FH-SURG"
        issuing.issue(
            dept,
            [Want(self.stocked[code].item.id, 4, party_id=person)],
            sigs=[self.pad("receiver", self.names_of(person)), self.pin("issuer")],
            on=day,
            purpose="夜班加发",
            override=ok,
            by=self.keeper,
            at=self.at(day, 20),
        )

    def _stocktake(self, day: date) -> None:
        """The month's count: one zone in turn, everything in December; a few differences."""
        zones = [z[0] for z in ZONES]
        zone = None if day.month == 12 else zones[day.month % len(zones)]
        try:
            info = stocktake.start(
                month=f"{day:%Y-%m}", zone=zone, by=self.keeper, at=self.at(day, 16)
            )
        except StorekeeperError:
            return
        rows = stocktake.lines(info.id)
        counts = {r.line_id: r.expected for r in rows if r.item_id is not None}
        stocked = [r for r in rows if r.item_id is not None and r.expected > 5]
        for r in self.rng.sample(stocked, min(len(stocked), self.rng.randint(0, 3))):
            change, reason, note = self.rng.choice(
                (
                    (-1, "damaged", "包装破损，已清理"),
                    (-2, "unrecorded_issue", "临时取用，未登记"),
                    (1, "miscount", "上次清点有误"),
                )
            )
            counts[r.line_id] = r.expected + change
            stocktake.set_reason(r.line_id, reason, note)
        stocktake.record_counts(counts, at=self.at(day, 17))
        try:
            stocktake.post(
                info.id,
                approver_id=self.head,
                signed=[self.pin("counter"), self.pad("supervisor", "赵会计")],
                at=self.at(day, 18),
            )
        except StorekeeperError:
            pass

    def reserve_targets(self) -> None:
        from app.services import reserve

        with write_transaction():
            for code, mode, qty, risks, days in RESERVE:
                reserve.set_target(
                    self.stocked[code].item.id,
                    mode=mode,
                    qty=qty,
                    days=days,
                    risk_groups=risks,
                    by=self.keeper,
                )

    def _turnover(self, day: date) -> None:
        """Every January some staff leave and new ones join (their history stays)."""
        if (day - self.start).days < 300:
            return
        leaving = self.rng.sample(sorted(self.risk), max(1, len(self.risk) // 40))
        for pid in leaving:
            people.set_party_active(pid, False)
            self.risk.pop(pid, None)
        for dept, work, risk, members in self.rng.sample(self.depts, min(8, len(self.depts))):
            for _ in range(max(1, len(leaving) // 8)):
                self.people_made += 1
                p = people.create_party(
                    "person",
                    self.names[self.people_made % len(self.names)],
                    staff_no=f"CD{self.people_made:05d}",
                    department_id=dept,
                    role="医务人员" if work == "clinical" else "职工",
                    risk_group=risk,
                )
                members.append(p.id)
                self.risk[p.id] = risk


def scale_from_env() -> float:
    """The hidden scale factor (tests): STOREKEEPER_DEMO_SCALE, 1 when unset."""
    raw = os.environ.get(SCALE_ENV, "").strip()
    if not raw:
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        raise BadInput(
            f"{SCALE_ENV} 应为 0 到 1 之间的数", f"{SCALE_ENV} must be a number from 0 to 1"
        ) from None
    if not 0 < value <= 1:
        raise BadInput(
            f"{SCALE_ENV} 应为 0 到 1 之间的数", f"{SCALE_ENV} must be a number from 0 to 1"
        )
    return value


def make_decade(
    *,
    today: date | None = None,
    seed: int = 2026,
    scale: float | None = None,
    shape: Shape | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Fill a freshly created database with ten years of the health centre's storeroom
    (`scale` or a whole `shape` make it smaller, for tests and profiling)."""
    if Voucher.select().exists() or accounts.has_accounts():
        raise BadInput(
            "演示数据只能写入新的数据库文件，请换一个文件名",
            "The demo fills a new database only; give it a new file name",
        )
    shape = shape or Shape.of(scale_from_env() if scale is None else scale)
    demo = _Decade(shape, today or date.today(), seed, progress)
    with bulk_build():
        demo.setup()
        demo.run()
        demo.reserve_targets()
    return Summary(
        vouchers=Voucher.select().count(),
        entries=LedgerEntry.select().count(),
        items=Item.select().count(),
        people=Party.select().where(Party.kind == "person").count(),
        lots=Lot.select().count(),
        slots=Slot.select().count(),
    )
