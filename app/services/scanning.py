"""Barcode scans at the counter: GS1 codes → item, batch, dates; linking an unknown GTIN.

The scanner's stand-in for the GS1 group separator (many send `<GS>` or similar instead of 0x1D)
is a setting. A code no GS1 parser can read (another UDI issuer, a shop label) is kept as text so
the fields can be typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain import gs1
from app.domain import gtin as gtin_rules
from app.domain.errors import BadInput
from app.services import audit, catalogue
from app.store import kv
from app.store.database import write_transaction
from app.store.models import Item, ItemGtin

GS_SUBSTITUTE_KEY = "scanner_gs_substitute"


def gs_substitute() -> str:
    value = kv.get(GS_SUBSTITUTE_KEY)
    return gs1.DEFAULT_GS_SUBSTITUTE if value is None else value


def set_gs_substitute(text: str, *, by: int | None = None) -> None:
    """The text a scanner sends for GS ('' when it sends the real 0x1D only)."""
    if text and (text.isalnum() or len(text) > 8):
        raise BadInput(
            "分隔符替代文本不能是纯字母数字（会与条码内容混淆），最多 8 个字符，例如 <GS>",
            "The separator stand-in cannot be letters and digits only (it would clash with the "
            "code) and is 8 characters at most, e.g. <GS>",
            field="gs_substitute",
        )
    with write_transaction():
        old = gs_substitute()
        kv.put(GS_SUBSTITUTE_KEY, text)
        if old != text:  # Save on the settings page saves both settings; log only a change
            audit.record("settings.gs1", {"gs_substitute": text}, by=by)


@dataclass(frozen=True)
class ScanResult:
    """What a scan told us. `item_id` is None when no item has the code or GTIN."""

    raw: str
    parsed: bool  # a GS1 message was read
    item_id: int | None
    gtin: str | None
    batch: str | None
    production_date: date | None
    expiry: date | None
    serial: str | None

    @property
    def unknown_gtin(self) -> bool:
        return self.item_id is None and bool(self.gtin)


def scan(text: str) -> ScanResult:
    """Read a scan: a GS1 string (with GS, its stand-in or brackets), a GTIN, or an item code."""
    raw = text.strip("\r\n")
    result = gs1.parse_scan(raw, gs_substitute())
    if result is not None:
        item = catalogue.find_item(result.gtin) if result.gtin else None
        return ScanResult(
            raw,
            True,
            item.id if item else None,
            result.gtin,
            result.batch,
            result.production_date,
            result.expiry,
            result.serial,
        )
    plain = raw.strip().replace(gs1.GS, "")
    item = catalogue.find_item(plain)
    maybe_gtin = None
    if item is None and plain.isdigit() and len(plain) in (8, 12, 13, 14):
        try:
            maybe_gtin = gtin_rules.normalize(plain)
        except BadInput:
            maybe_gtin = None
    return ScanResult(raw, False, item.id if item else None, maybe_gtin, None, None, None, None)


def link_gtin(item_id: int, gtin: str) -> None:
    """Remember that `gtin` is this item, so the next scan finds it."""
    code = gtin_rules.normalize(gtin)
    with write_transaction():
        item = Item.get_or_none(Item.id == item_id)
        if item is None:
            raise BadInput("请选择物资", "Choose an item", field="item")
        row = ItemGtin.get_or_none(ItemGtin.gtin == code)
        if row is not None:
            if row.item_id == item_id:
                return
            other = Item.get_by_id(row.item_id)
            raise BadInput(
                f"GTIN {code} 已属于物资 {other.code} {other.name}",
                f"GTIN {code} already belongs to {other.code} {other.name}",
                field="gtin",
            )
        ItemGtin.create(item=item_id, gtin=code)
