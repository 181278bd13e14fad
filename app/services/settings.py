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
