"""The catalogue (items, categories, GTINs) and the storeroom's zones and slots."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from app import paths
from app.domain import gtin as gtin_rules
from app.domain import hazards
from app.domain.codes import HAZARD_CLASSES
from app.domain.errors import BadInput
from app.domain.units import format_packs, parse_packs
from app.services import audit
from app.store.database import write_transaction
from app.store.models import Category, Item, ItemGtin, Slot, Zone

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")


@dataclass
class ItemInput:
    """What the item form and the catalogue file provide; validated before anything is saved."""

    code: str
    name: str
    category: str
    base_unit: str
    spec: str = ""
    name_en: str = ""
    packs: str = ""
    hazard_class: str = "none"
    standard: str = ""
    requires_registration: bool = False
    min_shelf_life_days: int = 0
    reusable: bool = False
    gtins: list[str] = field(default_factory=list)
    notes: str = ""

    def cleaned(self) -> ItemInput:
        code = self.code.strip().upper()
        if not CODE_RE.match(code):
            raise BadInput(
                "物资编码只能用字母、数字、- _ .，最多 32 位，例如 FH-N95",
                "An item code uses letters, digits, - _ . (32 at most), e.g. FH-N95",
                field="code",
            )
        name = self.name.strip()
        if not name:
            raise BadInput("请填写物资名称", "Enter the item's name", field="name")
        if len(name) > 60:
            raise BadInput("物资名称太长（最多 60 字）", "Name too long (60 at most)", field="name")
        if not Category.select().where(Category.code == self.category).exists():
            raise BadInput("请选择物资类别", "Choose a category", field="category")
        unit = self.base_unit.strip()
        if not unit or len(unit) > 4:
            raise BadInput(
                "请填写基本单位（如 只、个、瓶）",
                "Enter the base unit (e.g. pc, bottle)",
                field="base_unit",
            )
        packs = parse_packs(self.packs)
        if any(p.name == unit for p in packs):
            raise BadInput(
                "包装单位不能与基本单位同名", "A pack unit cannot be the base unit", field="packs"
            )
        if self.hazard_class not in HAZARD_CLASSES:
            raise BadInput("请选择危险类别", "Choose a hazard class", field="hazard_class")
        if not 0 <= int(self.min_shelf_life_days) <= 3650:
            raise BadInput(
                "最短剩余有效期应在 0 到 3650 天之间",
                "Minimum remaining shelf life must be 0 to 3650 days",
                field="min_shelf_life_days",
            )
        gtins = []
        for g in self.gtins:
            if g.strip():
                n = gtin_rules.normalize(g)
                if n not in gtins:
                    gtins.append(n)
        return ItemInput(
            code=code,
            name=name,
            category=self.category,
            base_unit=unit,
            spec=self.spec.strip(),
            name_en=self.name_en.strip(),
            packs=format_packs(packs),
            hazard_class=self.hazard_class,
            standard=self.standard.strip(),
            requires_registration=bool(self.requires_registration),
            min_shelf_life_days=int(self.min_shelf_life_days),
            reusable=bool(self.reusable),
            gtins=gtins,
            notes=self.notes.strip(),
        )


def _fields(data: ItemInput) -> dict:
    return {
        "code": data.code,
        "name": data.name,
        "name_en": data.name_en,
        "spec": data.spec,
        "category": data.category,
        "base_unit": data.base_unit,
        "packs": data.packs,
        "hazard_class": data.hazard_class,
        "standard": data.standard,
        "requires_registration": data.requires_registration,
        "min_shelf_life_days": data.min_shelf_life_days,
        "reusable": data.reusable,
        "notes": data.notes,
    }


def _check_unique(data: ItemInput, item_id: int | None) -> None:
    clash = Item.select().where(Item.code == data.code)
    if item_id:
        clash = clash.where(Item.id != item_id)
    if clash.exists():
        raise BadInput(
            f"物资编码 {data.code} 已存在", f"Item code {data.code} exists", field="code"
        )
    if data.gtins:
        other = ItemGtin.select(ItemGtin, Item).join(Item).where(ItemGtin.gtin.in_(data.gtins))
        for row in other:
            if row.item_id != item_id:
                raise BadInput(
                    f"GTIN {row.gtin} 已属于物资 {row.item.code} {row.item.name}",
                    f"GTIN {row.gtin} already belongs to {row.item.code} {row.item.name}",
                    field="gtins",
                )


def _save_gtins(item: Item, gtins: list[str]) -> None:
    ItemGtin.delete().where(ItemGtin.item == item.id).execute()
    for g in gtins:
        ItemGtin.create(item=item, gtin=g)


def create_item(data: ItemInput, *, by: int | None = None, log: bool = True) -> Item:
    """A new item; recorded in the audit log (its rules: shelf life, certificate, hazard)."""
    data = data.cleaned()
    with write_transaction():
        _check_unique(data, None)
        item = Item.create(**_fields(data))
        _save_gtins(item, data.gtins)
        if log:  # the shipped catalogue loaded into new books is not anyone's action
            audit.record("item.create", {"code": item.code, "name": item.name}, by=by)
        return item


def _rules_of(item: Item) -> dict[str, object]:
    return {
        "base_unit": item.base_unit,
        "packs": item.packs,
        "hazard_class": item.hazard_class,
        "requires_registration": item.requires_registration,
        "min_shelf_life_days": item.min_shelf_life_days,
        "reusable": item.reusable,
    }


def update_item(item_id: int, data: ItemInput, *, by: int | None = None) -> Item:
    """Change an item; the audit log records which of its rules changed."""
    data = data.cleaned()
    with write_transaction():
        item = Item.get_by_id(item_id)
        _check_unique(data, item_id)
        # The base unit defines every quantity already booked; it cannot change under them.
        if data.base_unit != item.base_unit and item.lots.exists():
            raise BadInput(
                "已有库存记录的物资不能修改基本单位",
                "The base unit of an item with stock history cannot change",
                field="base_unit",
            )
        before = _rules_of(item)
        Item.update(**_fields(data)).where(Item.id == item_id).execute()
        _save_gtins(item, data.gtins)
        after = Item.get_by_id(item_id)
        changed = {k: v for k, v in _rules_of(after).items() if before[k] != v}
        audit.record(
            "item.update",
            {"code": after.code, "name": after.name}
            | {k: {"from": before[k], "to": v} for k, v in changed.items()},
            by=by,
        )
        return after


def item_input(item: Item) -> ItemInput:
    return ItemInput(
        code=item.code,
        name=item.name,
        category=item.category_id,
        base_unit=item.base_unit,
        spec=item.spec,
        name_en=item.name_en,
        packs=item.packs,
        hazard_class=item.hazard_class,
        standard=item.standard,
        requires_registration=item.requires_registration,
        min_shelf_life_days=item.min_shelf_life_days,
        reusable=item.reusable,
        gtins=gtins_of(item.id),
        notes=item.notes,
    )


def gtins_of(item_id: int) -> list[str]:
    q = ItemGtin.select(ItemGtin.gtin).where(ItemGtin.item == item_id).order_by(ItemGtin.id)
    return [g.gtin for g in q]


def find_item(code_or_gtin: str) -> Item | None:
    """An item by its code or by a GTIN (as scanned: 8 to 14 digits)."""
    text = code_or_gtin.strip()
    if not text:
        return None
    item = Item.get_or_none(pw.fn.UPPER(Item.code) == text.upper())
    if item or not text.isdigit() or len(text) > 14:
        return item
    row = ItemGtin.get_or_none(ItemGtin.gtin == text.rjust(14, "0"))
    return Item.get_by_id(row.item_id) if row else None


def categories() -> list[Category]:
    return list(Category.select().order_by(Category.sort, Category.code))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_default_catalogue(folder: Path | None = None) -> int:
    """Load the shipped categories and items into an empty catalogue; returns items added."""
    folder = folder or paths.catalogue_dir()
    if Item.select().exists():
        return 0
    with write_transaction():
        for row in _read_csv(folder / "categories.csv"):
            Category.insert(
                code=row["code"], name=row["name"], name_en=row["name_en"], sort=int(row["sort"])
            ).on_conflict_ignore().execute()
    added = 0
    for row in _read_csv(folder / "items.csv"):
        create_item(
            ItemInput(
                code=row["code"],
                name=row["name"],
                name_en=row["name_en"],
                spec=row["spec"],
                category=row["category"],
                base_unit=row["base_unit"],
                packs=row["packs"],
                hazard_class=row["hazard_class"],
                standard=row["standard"],
                requires_registration=row["requires_registration"] == "1",
                min_shelf_life_days=int(row["min_shelf_life_days"] or 0),
                reusable=row["reusable"] == "1",
                gtins=[g for g in row["gtins"].split(";") if g],
            ),
            log=False,
        )
        added += 1
    return added


# --- zones and slots -------------------------------------------------------------------------


def create_zone(code: str, name: str, allowed_hazards: list[str] | str, notes: str = "") -> Zone:
    code = code.strip().upper()
    if not CODE_RE.match(code):
        raise BadInput(
            "库区编码只能用字母和数字", "A zone code uses letters and digits", field="code"
        )
    if not name.strip():
        raise BadInput("请填写库区名称", "Enter the zone's name", field="name")
    classes = hazards.parse_classes(allowed_hazards)
    if not classes:
        raise BadInput(
            "请至少选择一种可存放的危险类别",
            "Choose at least one hazard class",
            field="allowed_hazards",
        )
    hazards.check_zone_classes(classes)
    with write_transaction():
        if Zone.select().where(Zone.code == code).exists():
            raise BadInput(f"库区 {code} 已存在", f"Zone {code} exists", field="code")
        sort = (Zone.select(pw.fn.MAX(Zone.sort)).scalar() or 0) + 10
        return Zone.create(
            code=code, name=name.strip(), allowed_hazards=",".join(classes), notes=notes, sort=sort
        )


SLOT_RE = re.compile(r"^[A-Z0-9]{1,4}(-[A-Z0-9]{1,4}){0,3}$")


def create_slot(zone_id: int, code: str, notes: str = "") -> Slot:
    code = code.strip().upper()
    if not SLOT_RE.match(code):
        raise BadInput(
            "货位编码格式如 A-01-02（字母数字，用 - 分隔）",
            "A slot code looks like A-01-02 (letters/digits separated by -)",
            field="code",
        )
    with write_transaction():
        if Slot.select().where(Slot.code == code).exists():
            raise BadInput(f"货位 {code} 已存在", f"Slot {code} exists", field="code")
        return Slot.create(zone=zone_id, code=code, notes=notes)


def zones() -> list[Zone]:
    return list(Zone.select().order_by(Zone.sort, Zone.code))


def slots() -> list[Slot]:
    return list(Slot.select(Slot, Zone).join(Zone).order_by(Zone.sort, Slot.code))
