"""The text in our shelf-label QR codes: encode() and decode(), kept next to each other.

Format (version 1), readable by any phone scanner::

    SK1|S=A-01-02|I=FH-N95|B=20240101|E=2027-01-31

- ``SK1`` names the format and its version; fields follow, separated by ``|``, as ``KEY=value``.
- ``S`` slot code (always there), ``I`` item code, ``B`` batch, ``E`` expiry (ISO date). A label
  for an empty slot carries only ``S``. Fields come in this order; decode() accepts any order and
  ignores keys it does not know (a later version may add some), but refuses a key given twice.
- Escaping: in a value, ``%``, ``|``, ``=``, space, control characters and anything outside
  printable ASCII are written as ``%XX`` (UTF-8 bytes, upper-case hex), like a URL. Every value
  therefore stays plain ASCII, so the QR code stays small and every scanner types it alike.
- A scanner may put a symbology identifier in front (``]Q1``); decode() skips it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, unquote_to_bytes

from app.domain.errors import BadInput

PREFIX = "SK1"
SEP = "|"
_KEYS = ("S", "I", "B", "E")
# Printable ASCII that needs no escaping: everything from "!" to "~" except % | =.
_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "%|=")
_AIM_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True)
class LabelPayload:
    """What a shelf label says: the slot, and the lot lying there (None on an empty-slot label)."""

    slot: str
    item_code: str | None = None
    batch: str | None = None
    expiry: date | None = None


def _escape(value: str) -> str:
    return quote(value, safe=_SAFE, encoding="utf-8", errors="strict")


def _unescape(value: str) -> str:
    # Every % must start a valid escape; a stray one means the text was not made by encode().
    if value.count("%") != len(_ESCAPE.findall(value)):
        raise _bad(value)
    try:
        return unquote_to_bytes(value).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(value) from exc


def _bad(text: str) -> BadInput:
    return BadInput(
        f"无法识别的标签内容：{text}",
        f"Not a label this app can read: {text}",
        field="payload",
    )


def encode(payload: LabelPayload) -> str:
    """The QR text for `payload`; the slot code must not be empty."""
    if not payload.slot:
        raise BadInput("标签必须有货位编码", "A label needs a slot code", field="slot")
    parts = [PREFIX, f"S={_escape(payload.slot)}"]
    if payload.item_code is not None:
        parts.append(f"I={_escape(payload.item_code)}")
    if payload.batch is not None:
        parts.append(f"B={_escape(payload.batch)}")
    if payload.expiry is not None:
        parts.append(f"E={payload.expiry.isoformat()}")
    return SEP.join(parts)


def looks_like_payload(text: str) -> bool:
    """Whether `text` is meant to be one of our labels (it may still be damaged)."""
    return re.match(r"SK\d+(\||$)", _strip(text)) is not None


def _strip(text: str) -> str:
    text = text.strip()
    return _AIM_ID.sub("", text, count=1) if _AIM_ID.match(text) else text


def decode(text: str) -> LabelPayload:
    """The payload in a scanned label text; BadInput when it is not one of ours or damaged."""
    body = _strip(text)
    parts = body.split(SEP)
    if parts[0] != PREFIX:
        if re.fullmatch(r"SK\d+", parts[0]):
            raise BadInput(
                f"此标签由更新版本的程序打印（{parts[0]}），请升级程序",
                f"This label was printed by a newer version of the app ({parts[0]}); upgrade it",
                field="payload",
            )
        raise _bad(text)
    fields: dict[str, str] = {}
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if not eq or not key:
            raise _bad(text)
        if key in fields:
            raise _bad(text)
        fields[key] = value
    if "S" not in fields:
        raise _bad(text)
    values = {k: _unescape(v) for k, v in fields.items() if k in _KEYS}
    if not values["S"]:
        raise _bad(text)
    expiry = None
    if "E" in values:
        try:
            expiry = date.fromisoformat(values["E"])
        except ValueError as exc:
            raise _bad(text) from exc
    return LabelPayload(values["S"], values.get("I"), values.get("B"), expiry)
