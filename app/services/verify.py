"""`verify`: SQLite integrity, the hash chain, and balances recomputed from the ledger.

Each problem names the voucher or ledger entry it concerns, so a storekeeper (or an auditor) can
see exactly what was changed, deleted or inserted outside the app.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.domain import chain
from app.domain.i18n import pick
from app.services import audit
from app.services.ledger import COUNT_KEY, HEAD_KEY, entry_record, voucher_record
from app.store import kv
from app.store.database import db
from app.store.models import Balance, LedgerEntry, Voucher


@dataclass(frozen=True)
class Problem:
    kind: str  # integrity, voucher, chain, balance, audit
    message: str
    voucher_no: str | None = None
    entry_id: int | None = None


def verify() -> list[Problem]:
    problems: list[Problem] = []
    problems += _integrity()
    if problems:
        return problems  # a damaged file: the rest would only repeat it
    voucher_hash, voucher_no = _vouchers(problems)
    _chain(problems, voucher_hash, voucher_no)
    _balances(problems)
    _audit(problems)
    return problems


def _audit(problems: list[Problem]) -> None:
    for row_id, what in audit.check_chain():
        if what == "end":
            msg = pick(
                "审计日志末尾的记录被删除或添加", "The end of the audit log was deleted or added to"
            )
        elif what == "before":
            msg = pick(
                f"审计日志第 {row_id} 条之前的记录被删除或插入",
                f"Audit log entry {row_id}: an entry before it was deleted or inserted",
            )
        else:
            msg = pick(
                f"审计日志第 {row_id} 条在程序之外被修改",
                f"Audit log entry {row_id} was changed outside the app",
            )
        problems.append(Problem("audit", msg))


def _integrity() -> list[Problem]:
    rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
    out = [] if rows == ["ok"] else [Problem("integrity", "SQLite: " + "; ".join(rows[:5]))]
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
        out.append(
            Problem(
                "integrity",
                pick(
                    f"表 {table} 第 {rowid} 行指向不存在的 {parent} 记录",
                    f"Row {rowid} of {table} points at a missing {parent} row",
                ),
            )
        )
    return out


def _vouchers(problems: list[Problem]) -> tuple[dict[int, str], dict[int, str]]:
    """Recompute every posted voucher's content hash; returns stored hashes and numbers."""
    stored: dict[int, str] = {}
    numbers: dict[int, str] = {}
    for v in Voucher.select().where(Voucher.status == "posted").order_by(Voucher.id):
        stored[v.id] = v.content_hash or ""
        numbers[v.id] = v.number or f"#{v.id}"
        if chain.digest(voucher_record(v)) != v.content_hash:
            problems.append(
                Problem(
                    "voucher",
                    pick(
                        f"单据 {numbers[v.id]} 的表头或明细在程序之外被修改",
                        f"Voucher {numbers[v.id]}: header or lines were changed outside the app",
                    ),
                    voucher_no=numbers[v.id],
                )
            )
    with_entries = {
        r[0] for r in db.execute_sql("SELECT DISTINCT voucher_id FROM ledger_entry").fetchall()
    }
    for vid in sorted(set(stored) - with_entries):
        problems.append(
            Problem(
                "chain",
                pick(
                    f"单据 {numbers[vid]} 已过账，但它的台账记录被删除",
                    f"Voucher {numbers[vid]} is posted but its ledger entries were deleted",
                ),
                voucher_no=numbers[vid],
            )
        )
    return stored, numbers


def _chain(problems: list[Problem], voucher_hash: dict[int, str], numbers: dict[int, str]) -> None:
    prev = chain.GENESIS
    count = 0
    fields = (
        LedgerEntry.id,
        LedgerEntry.voucher,
        LedgerEntry.line,
        LedgerEntry.item,
        LedgerEntry.lot,
        LedgerEntry.slot,
        LedgerEntry.party,
        LedgerEntry.delta,
        LedgerEntry.balance_after,
        LedgerEntry.posted_at,
        LedgerEntry.prev_hash,
        LedgerEntry.hash,
    )
    for e in LedgerEntry.select(*fields).order_by(LedgerEntry.id).iterator():
        count += 1
        no = numbers.get(e.voucher_id, f"#{e.voucher_id}")
        if e.voucher_id not in voucher_hash:
            problems.append(
                Problem(
                    "chain",
                    pick(
                        f"台账记录 {e.id} 属于一张未过账或不存在的单据",
                        f"Ledger entry {e.id} belongs to no posted voucher",
                    ),
                    voucher_no=no,
                    entry_id=e.id,
                )
            )
        if e.prev_hash != prev:
            problems.append(
                Problem(
                    "chain",
                    pick(
                        f"台账记录 {e.id}（单据 {no}）之前的记录被删除或插入",
                        f"Ledger entry {e.id} (voucher {no}): an entry before it was deleted "
                        "or inserted",
                    ),
                    voucher_no=no,
                    entry_id=e.id,
                )
            )
        if chain.digest(entry_record(e, voucher_hash.get(e.voucher_id, "")), e.prev_hash) != e.hash:
            problems.append(
                Problem(
                    "chain",
                    pick(
                        f"台账记录 {e.id}（单据 {no}）在程序之外被修改",
                        f"Ledger entry {e.id} (voucher {no}) was changed outside the app",
                    ),
                    voucher_no=no,
                    entry_id=e.id,
                )
            )
        prev = e.hash
    head = kv.get(HEAD_KEY, chain.GENESIS)
    want = int(kv.get(COUNT_KEY, "0") or 0)
    if head != prev or want != count:
        problems.append(
            Problem(
                "chain",
                pick(
                    f"台账末尾不一致：应有 {want} 条记录，实有 {count} 条（最后的记录被删除或添加）",
                    f"The end of the ledger does not match: {want} entries expected, {count} "
                    "found (the last entries were deleted or added)",
                ),
            )
        )


def _balances(problems: list[Problem]) -> None:
    sums: dict[tuple[int, int], int] = defaultdict(int)
    running: dict[tuple[int, int], int] = defaultdict(int)
    for eid, lot, slot, delta, after in db.execute_sql(
        "SELECT id, lot_id, slot_id, delta, balance_after FROM ledger_entry ORDER BY id"
    ):
        running[(lot, slot)] += delta
        sums[(lot, slot)] += delta
        if running[(lot, slot)] != after or after < 0:
            problems.append(
                Problem(
                    "balance",
                    pick(
                        f"台账记录 {eid} 的结存 {after} 与累计 {running[(lot, slot)]} 不符",
                        f"Ledger entry {eid}: balance after {after} does not match the running "
                        f"sum {running[(lot, slot)]}",
                    ),
                    entry_id=eid,
                )
            )
            running[(lot, slot)] = after
    table = {(b.lot_id, b.slot_id): b.qty for b in Balance.select()}
    for key in sorted(set(sums) | set(table)):
        if sums.get(key, 0) != table.get(key, 0):
            problems.append(
                Problem(
                    "balance",
                    pick(
                        f"批次 {key[0]} 在货位 {key[1]} 的库存表数量 {table.get(key, 0)} "
                        f"与台账合计 {sums.get(key, 0)} 不符",
                        f"Lot {key[0]} on slot {key[1]}: balance table says {table.get(key, 0)}, "
                        f"the ledger sums to {sums.get(key, 0)}",
                    ),
                )
            )
