"""Expiry status, one meaning everywhere: expired, under 30 days, under 90 days, fine."""

from __future__ import annotations

from datetime import date

EXPIRED, SOON, WATCH, OK, NONE = "expired", "soon", "watch", "ok", "none"


def status(expiry: date | None, today: date, soon_days: int = 30, watch_days: int = 90) -> str:
    if expiry is None:
        return NONE
    left = (expiry - today).days
    if left < 0:
        return EXPIRED
    if left < soon_days:
        return SOON
    if left < watch_days:
        return WATCH
    return OK
