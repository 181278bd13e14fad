"""First expiry, first out: which lot × slot to pick a quantity from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Available:
    lot_id: int
    slot_id: int
    expiry: date | None
    qty: int


def pick(stock: list[Available], need: int, on: date) -> list[tuple[Available, int]]:
    """Allocate `need` from unexpired stock, earliest expiry first (no expiry last).

    Returns (source, qty) pairs; raises ValueError when there is not enough usable stock.
    """
    usable = [s for s in stock if s.qty > 0 and (s.expiry is None or s.expiry >= on)]
    usable.sort(key=lambda s: (s.expiry is None, s.expiry or date.max, s.lot_id, s.slot_id))
    out: list[tuple[Available, int]] = []
    left = need
    for s in usable:
        if left <= 0:
            break
        take = min(s.qty, left)
        out.append((s, take))
        left -= take
    if left > 0:
        raise ValueError(f"short by {left}")
    return out
