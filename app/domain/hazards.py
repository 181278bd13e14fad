"""Keeping hazards apart: which items a zone may hold, and which classes never share a zone."""

from __future__ import annotations

from app.domain import i18n
from app.domain.codes import HAZARD_CLASSES, label
from app.domain.errors import BadInput, HazardConflict

# Pairs that must never be stored together (chlorine disinfectant next to alcohol feeds a fire).
INCOMPATIBLE = {frozenset({"flammable", "oxidizing"}), frozenset({"flammable", "corrosive"})}


def parse_classes(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    classes = [c.strip() for c in items if c and c.strip()]
    for c in classes:
        if c not in HAZARD_CLASSES:
            raise BadInput(
                f"未知的危险类别“{c}”，可选：{', '.join(HAZARD_CLASSES)}",
                f"Unknown hazard class '{c}'; choose from {', '.join(HAZARD_CLASSES)}",
                field="allowed_hazards",
            )
    return sorted(set(classes), key=HAZARD_CLASSES.index)


def check_zone_classes(classes: list[str]) -> None:
    """A zone may not be set up to hold classes that must be kept apart."""
    for pair in INCOMPATIBLE:
        if pair <= set(classes):
            a, b = sorted(pair)
            raise HazardConflict(
                f"同一库区不能同时存放{label(a)}和{label(b)}物资",
                f"A zone cannot hold both {label(a)} and {label(b)} goods",
                field="allowed_hazards",
            )


def check_placement(item_name: str, hazard: str, slot_code: str, zone_classes: list[str]) -> None:
    """Refuse to put an item on a slot whose zone may not hold its hazard class, saying why."""
    if hazard in zone_classes:
        return
    what = label(hazard) if hazard != "none" else i18n.pick("普通物资", "general goods")
    allowed = "、".join(label(c) for c in zone_classes) or "—"
    allowed_en = ", ".join(zone_classes) or "nothing"
    raise HazardConflict(
        f"{item_name}（{what}）不能放在货位 {slot_code}：该库区只允许存放 {allowed}",
        f"{item_name} ({what}) cannot go on slot {slot_code}: its zone holds only {allowed_en}",
        field="slot",
    )
