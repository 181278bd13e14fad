"""Institution-wide settings kept in the database."""

from __future__ import annotations

from app.domain import i18n
from app.domain.errors import BadInput
from app.services import audit
from app.store import kv
from app.store.database import write_transaction

INSTITUTION = "institution_name"
LANGUAGE = "language"


def institution_name() -> str:
    return kv.get(INSTITUTION, "") or ""


def set_institution_name(name: str, *, by: int | None = None) -> None:
    name = name.strip()
    if not name:
        raise BadInput("请填写单位名称", "Enter the institution's name", field="institution")
    if len(name) > 60:
        raise BadInput(
            "单位名称太长（最多 60 字）",
            "Name too long (60 characters at most)",
            field="institution",
        )
    with write_transaction():
        old = kv.get(INSTITUTION, "")
        kv.put(INSTITUTION, name)
        if old != name:
            audit.record("settings.institution", {"from": old, "to": name}, by=by)


def language() -> str:
    lang = kv.get(LANGUAGE, "zh_CN") or "zh_CN"
    return lang if lang in i18n.SUPPORTED else "zh_CN"


def set_language(lang: str, *, by: int | None = None) -> None:
    if lang not in i18n.SUPPORTED:
        raise BadInput(f"不支持的语言 {lang}", f"Unsupported language {lang}", field="language")
    with write_transaction():
        old = kv.get(LANGUAGE, "zh_CN")
        kv.put(LANGUAGE, lang)
        if old != lang:
            audit.record("settings.language", {"from": old, "to": lang}, by=by)


# Expiry warning windows (dashboard): lots expiring within SOON days show orange, within WATCH
# days yellow — the stock page's colours, here with the institution's own numbers.
EXPIRY_SOON, EXPIRY_WATCH = "expiry_soon_days", "expiry_watch_days"
DEFAULT_EXPIRY_WINDOWS = (30, 90)
MAX_EXPIRY_WINDOW = 730


def _window(key: str, default: int) -> int:
    text = kv.get(key, "") or ""
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_EXPIRY_WINDOW else default


def expiry_windows() -> tuple[int, int]:
    """(soon, watch) in days: 30 and 90 unless the institution chose others."""
    soon = _window(EXPIRY_SOON, DEFAULT_EXPIRY_WINDOWS[0])
    watch = _window(EXPIRY_WATCH, DEFAULT_EXPIRY_WINDOWS[1])
    return (soon, watch) if soon < watch else DEFAULT_EXPIRY_WINDOWS


def set_expiry_windows(soon: object, watch: object, *, by: int | None = None) -> tuple[int, int]:
    """Set both windows: whole days, 1 to 730, the first shorter than the second."""
    values = []
    for value, field in ((soon, "soon_days"), (watch, "watch_days")):
        text = str(value).strip()
        if not text.isdigit() or not 0 < int(text) <= MAX_EXPIRY_WINDOW:
            raise BadInput(
                f"提醒天数“{text}”不对：请填写 1 到 {MAX_EXPIRY_WINDOW} 的整数",
                f"Warning days '{text}' is not valid: enter a whole number from 1 to "
                f"{MAX_EXPIRY_WINDOW}",
                field=field,
            )
        values.append(int(text))
    if values[0] >= values[1]:
        raise BadInput(
            f"第一个提醒天数（{values[0]}）必须小于第二个（{values[1]}）",
            f"The first warning ({values[0]} days) must be shorter than the second "
            f"({values[1]} days)",
            field="soon_days",
        )
    with write_transaction():
        old = expiry_windows()
        kv.put(EXPIRY_SOON, str(values[0]))
        kv.put(EXPIRY_WATCH, str(values[1]))
        if old != tuple(values):
            audit.record("settings.expiry_windows", {"from": list(old), "to": values}, by=by)
    return values[0], values[1]
