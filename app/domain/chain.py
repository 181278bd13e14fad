"""The tamper-evident hash chain: canonical JSON of a record, hashed with the previous hash.

Voucher headers (with their lines) get a content hash; every ledger entry hashes its own fields,
its voucher's content hash and the previous entry's hash. Changing, deleting or inserting any of
them outside the app breaks the chain at that point.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

GENESIS = "0" * 64


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical(record: dict[str, Any]) -> str:
    return json.dumps(
        {k: _plain(v) for k, v in record.items()},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )


def digest(record: dict[str, Any], prev: str = "") -> str:
    return hashlib.sha256((prev + canonical(record)).encode("utf-8")).hexdigest()
