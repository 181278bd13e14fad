"""GS1 scans (GS1-128, DataMatrix, bracket form) → GTIN, batch, dates, serial, via `biip`.

Scanners send the group separator differently: the real 0x1D, or a substitute text such as
`<GS>` (a setting). GS1's day `00` means the last day of the month; biip applies that rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from biip.gs1_messages import GS1Message

GS = "\x1d"
DEFAULT_GS_SUBSTITUTE = "<GS>"


@dataclass(frozen=True)
class Gs1Scan:
    gtin: str | None
    batch: str | None
    production_date: date | None
    expiry: date | None
    serial: str | None
    raw: str


def _from_message(msg: GS1Message, raw: str) -> Gs1Scan | None:
    fields: dict[str, object] = {}
    for es in msg.element_strings:
        ai = es.ai.ai
        if ai == "01":
            fields["gtin"] = es.gtin.value if es.gtin else es.value
        elif ai == "10":
            fields["batch"] = es.value
        elif ai == "11":
            fields["production_date"] = es.date
        elif ai == "17":
            fields["expiry"] = es.date
        elif ai == "21":
            fields["serial"] = es.value
    if not fields:
        return None
    return Gs1Scan(
        gtin=fields.get("gtin"),  # type: ignore[arg-type]
        batch=fields.get("batch"),  # type: ignore[arg-type]
        production_date=fields.get("production_date"),  # type: ignore[arg-type]
        expiry=fields.get("expiry"),  # type: ignore[arg-type]
        serial=fields.get("serial"),  # type: ignore[arg-type]
        raw=raw,
    )


def parse_scan(text: str, gs_substitute: str = DEFAULT_GS_SUBSTITUTE) -> Gs1Scan | None:
    """The GS1 fields of a scan, or None when the text is not a GS1 element string.

    A plain GTIN (EAN-13 and the like) is not a GS1 message: callers look it up as an item code.
    """
    raw = text.strip("\r\n")
    if not raw:
        return None
    value = raw.replace(gs_substitute, GS) if gs_substitute else raw
    # biip reads its GS1 tables when imported (0.2 s): on the first scan, not when a page that
    # may scan (receiving, settings) is opened
    import biip
    from biip.gs1_messages import GS1Message

    try:
        if value.lstrip().startswith("("):
            return _from_message(GS1Message.parse_hri(value.strip()), raw)
        result = biip.parse(value, config=biip.ParseConfig(separator_chars=[GS]))
    except (biip.ParseError, ValueError, IndexError):  # biip trips on a lone "]" prefix
        return None
    if result.gs1_message is None:
        return None
    return _from_message(result.gs1_message, raw)
