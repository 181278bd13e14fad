"""Pinyin initials for searching people by name: `zs` finds 张三 (via pypinyin)."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Names and staff numbers of everyone listed: a clinic has a few thousand staff (with the
# inactive ones and the departments, about 5,000 texts); a smaller cache forgets them all
# between two keystrokes, and each search spells every name again.
CACHE = 16384


@lru_cache(maxsize=CACHE)
def initials(text: str) -> str:
    """`张三` → `zs`; letters and digits are kept as they are (lower case)."""
    out = []
    for part in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"):
        out.append(part.lower())
    return "".join(out).replace(" ", "")


@lru_cache(maxsize=CACHE)
def full(text: str) -> str:
    """`张三` → `zhangsan`."""
    return "".join(lazy_pinyin(text)).lower().replace(" ", "")


def matches(query: str, *texts: str) -> bool:
    """True when `query` is in any text, or in its pinyin initials or full pinyin."""
    q = "".join(query.split()).lower()
    if not q:
        return True
    for t in texts:
        if not t:
            continue
        if q in t.lower() or (q.isascii() and (q in initials(t) or q in full(t))):
            return True
    return False
