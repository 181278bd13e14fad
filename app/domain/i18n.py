"""The language of messages produced outside the GUI (errors, CLI); the GUI sets it too."""

from __future__ import annotations

import locale
import os

SUPPORTED = ("zh_CN", "en")
_current = "zh_CN"


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in SUPPORTED else "zh_CN"


def language() -> str:
    return _current


def detect_language() -> str:
    """`STOREKEEPER_LANG`, else Chinese when the system locale is Chinese, else English."""
    env = os.environ.get("STOREKEEPER_LANG")
    if env in SUPPORTED:
        return env
    names = [os.environ.get(k, "") for k in ("LC_ALL", "LC_MESSAGES", "LANG")]
    try:
        names.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    joined = " ".join(names).lower()
    return "zh_CN" if ("zh" in joined or "chinese" in joined) else "en"


def pick(zh: str, en: str) -> str:
    return zh if _current == "zh_CN" else en
