"""Pack units: quantities are whole base units; packs nest (1 箱 = 20 盒, 1 盒 = 50 只)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import BadInput

# English names for the units the catalogue uses; unknown units show as stored.
UNIT_EN = {
    "只": "pc",
    "个": "pc",
    "双": "pair",
    "件": "pc",
    "瓶": "bottle",
    "桶": "barrel",
    "盒": "box",
    "箱": "case",
    "包": "pack",
    "支": "pc",
    "台": "unit",
    "把": "pc",
    "顶": "pc",
    "副": "pair",
    "袋": "bag",
    "卷": "roll",
    "人份": "test",
}


@dataclass(frozen=True)
class PackUnit:
    name: str
    base_qty: int  # how many base units one of this pack holds


def parse_packs(text: str) -> list[PackUnit]:
    """`盒=50;箱=1000` → packs, smallest first. Each size is in base units."""
    packs: list[PackUnit] = []
    for part in (text or "").replace("；", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        name, sep, qty = part.partition("=")
        name = name.strip()
        if not sep or not name or not qty.strip().isdigit() or int(qty) < 2:
            raise BadInput(
                f"包装单位“{part}”格式不对，应写成 盒=50;箱=1000（每个包装含多少基本单位，至少 2）",
                f"Pack unit '{part}' is not valid: write it as box=50;case=1000 "
                "(base units per pack, at least 2)",
                field="packs",
            )
        packs.append(PackUnit(name, int(qty)))
    packs.sort(key=lambda p: p.base_qty)
    names = [p.name for p in packs]
    if len(set(names)) != len(names):
        raise BadInput("包装单位名称重复", "A pack unit name appears twice", field="packs")
    return packs


def format_packs(packs: list[PackUnit]) -> str:
    return ";".join(f"{p.name}={p.base_qty}" for p in sorted(packs, key=lambda p: p.base_qty))


def to_base(qty: int, unit: str, base_unit: str, packs: list[PackUnit]) -> int:
    if unit == base_unit:
        return qty
    for p in packs:
        if p.name == unit:
            return qty * p.base_qty
    raise BadInput(f"未知的单位“{unit}”", f"Unknown unit '{unit}'", field="unit")


def pack_form(qty: int, base_unit: str, packs: list[PackUnit]) -> str:
    """`1250 只` with packs 盒=50 → `25 盒`; mixed as `1 箱 5 盒 3 只`; empty when no pack fits."""
    if not packs or qty == 0:
        return ""
    sign = "-" if qty < 0 else ""
    rest = abs(qty)
    parts: list[str] = []
    for p in sorted(packs, key=lambda p: -p.base_qty):
        n, rest = divmod(rest, p.base_qty)
        if n:
            parts.append(f"{n} {p.name}")
    if rest:
        parts.append(f"{rest} {base_unit}")
    if len(parts) == 1 and parts[0].endswith(f" {base_unit}"):
        return ""
    return sign + " ".join(parts)


def format_qty(qty: int, base_unit: str, packs: list[PackUnit]) -> str:
    """`1,250 只 = 25 盒` as DESIGN.md asks."""
    text = f"{qty:,} {base_unit}"
    pf = pack_form(qty, base_unit, packs)
    return f"{text} = {pf}" if pf else text
