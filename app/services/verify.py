"""`verify`: SQLite integrity, the hash chain, and balances recomputed from the ledger.

Each problem names the voucher or ledger entry it concerns, so a storekeeper (or an auditor) can
see exactly what was changed, deleted or inserted outside the app.

Ten years of books hold a million entries, so the work is done in streams: every posted
voucher's record is rebuilt from a few ordered reads (not a handful of queries per voucher), the
chain and the balances are checked in one pass over the ledger, and SQLite's own integrity check
runs on a second connection at the same time (it does not hold Python's lock while it reads).
The records and hashes are exactly those the posting path makes (ledger.voucher_record,
ledger.entry_hash); a test holds the two ways of building them to each other.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import peewee as pw

from app.domain import chain
from app.domain.i18n import pick
from app.domain.progress import Cancelled, Progress, silent
from app.services import audit, content, ledger
from app.services.ledger import COUNT_KEY, HEAD_KEY
from app.store import kv
from app.store.compiled import Param, Statement
from app.store.database import IntegrityCheck
from app.store.models import (
    Balance,
    IssueOverride,
    LedgerEntry,
    Lot,
    ReceiptLine,
    Signature,
    Voucher,
    VoucherLine,
)

CHUNK = 5000  # rows fetched per round trip while streaming


@dataclass(frozen=True)
class Problem:
    kind: str  # integrity, voucher, chain, balance, audit
    message: str
    voucher_no: str | None = None
    entry_id: int | None = None


def verify(progress: Progress | None = None) -> list[Problem]:
    """Every check; `progress(done, total, text)` hears how far it is (and may cancel)."""
    report = progress or silent
    integrity = IntegrityCheck.start(_balance_queries())
    problems: list[Problem] = []
    try:
        voucher_hash, voucher_no = _vouchers(problems, report)
        _chain(problems, voucher_hash, voucher_no, report)
        _audit(problems)
    except Cancelled:
        integrity.cancel()
        raise
    except BaseException:
        damaged = integrity.result()
        if damaged:  # a damaged file: reading it failed, and the integrity check says why
            return [_integrity_problem(d) for d in damaged]
        raise
    damaged = integrity.result()
    if damaged:
        return [_integrity_problem(d) for d in damaged]  # the rest would only repeat it
    _balances(problems, integrity.rows)
    return problems


def _integrity_problem(found: tuple[str, Any]) -> Problem:
    what, detail = found
    if what == "sqlite":
        return Problem("integrity", "SQLite: " + "; ".join(detail[:5]))
    table, rowid, parent = detail
    return Problem(
        "integrity",
        pick(
            f"表 {table} 第 {rowid} 行指向不存在的 {parent} 记录",
            f"Row {rowid} of {table} points at a missing {parent} row",
        ),
    )


def _audit(problems: list[Problem]) -> None:
    problems.extend(Problem("audit", msg) for msg in audit.chain_messages())


# --- vouchers ----------------------------------------------------------------------------------


def _stream(sql_statement: Statement, **params: Any) -> Iterator[tuple]:
    cursor = sql_statement.execute(**params)
    while True:
        rows = cursor.fetchmany(CHUNK)
        if not rows:
            return
        yield from rows


_POSTED = Statement(
    lambda: Voucher.select().where(Voucher.status == Param("posted")).order_by(Voucher.id)
)
# Lines of every voucher in voucher order; line order is settled per voucher below.
_ALL_LINES = Statement(
    lambda: VoucherLine.select(
        VoucherLine.voucher,
        VoucherLine.id,
        VoucherLine.line_no,
        VoucherLine.item,
        VoucherLine.lot,
        VoucherLine.slot,
        VoucherLine.to_slot,
        VoucherLine.qty,
        VoucherLine.party,
        VoucherLine.note,
        VoucherLine.receipt_line,
        VoucherLine.pick_reason,
    ).order_by(VoucherLine.voucher, VoucherLine.id)
)
_LOTS = Statement(lambda: Lot.select(Lot.id, Lot.batch, Lot.expiry))
_ALL_RECEIPT_LINES = Statement(
    lambda: ReceiptLine.select().order_by(ReceiptLine.voucher, ReceiptLine.line_no)
)
_ALL_SIGNATURES = Statement(
    lambda: Signature.select().order_by(Signature.voucher, Signature.role, Signature.id)
)
_ALL_OVERRIDES = Statement(
    lambda: IssueOverride.select(
        IssueOverride.voucher,
        IssueOverride.party,
        IssueOverride.rule_code,
        IssueOverride.kind,
        IssueOverride.used,
        IssueOverride.wanted,
        IssueOverride.allowed,
        IssueOverride.period,
        IssueOverride.approver,
        IssueOverride.reason,
    ).order_by(IssueOverride.voucher, IssueOverride.id)
)


def _grouped(rows: Iterator[Any], key: Any) -> Iterator[tuple[int, list]]:
    """(voucher id, its rows) from rows ordered by voucher id."""
    return ((vid, list(group)) for vid, group in itertools.groupby(rows, key))


class _Merge:
    """Walks a stream grouped by voucher id alongside the vouchers in id order."""

    def __init__(self, groups: Iterator[tuple[int, list]]) -> None:
        self._groups = groups
        self._next: tuple[int, list] | None = next(groups, None)

    def take(self, voucher_id: int) -> list:
        while self._next is not None and self._next[0] < voucher_id:
            self._next = next(self._groups, None)
        if self._next is not None and self._next[0] == voucher_id:
            found = self._next[1]
            self._next = next(self._groups, None)
            return found
        return []


def _line_records(rows: list[tuple], lots: dict[int, tuple[str, Any]]) -> tuple[list, dict]:
    """The voucher's lines as ledger.line_record makes them, and its pick reasons.

    Values are taken as SQLite returns them: for books the app wrote they are exactly what
    peewee would convert them to, and a value of the wrong type put in by hand makes the
    record differ, as it should.
    """
    records = []
    reasons = {}
    nos = [r[2] for r in rows]
    if any(a >= b for a, b in zip(nos, nos[1:], strict=False)):  # rarely out of order
        rows = sorted(rows, key=lambda r: (r[2], r[1]))
    no_lot = (None, None)
    for _v, _id, line_no, item, lot_id, slot, to_slot, qty, party, note, receipt, why in rows:
        batch, expiry = lots.get(lot_id, no_lot) if lot_id is not None else no_lot
        if receipt:
            records.append(
                [line_no, item, lot_id, batch, expiry, slot, to_slot, qty, party, note, receipt]
            )
        else:
            records.append([line_no, item, lot_id, batch, expiry, slot, to_slot, qty, party, note])
        if why:
            reasons[str(line_no)] = why
    return records, reasons


def _vouchers(problems: list[Problem], report: Progress) -> tuple[dict[int, str], dict[int, str]]:
    """Recompute every posted voucher's content hash; returns stored hashes and numbers."""
    stored: dict[int, str] = {}
    numbers: dict[int, str] = {}
    lots = {
        lid: (batch, _iso(ledger.as_date(expiry)) if expiry else None)
        for lid, batch, expiry in _LOTS.rows()
    }
    first = operator.itemgetter(0)
    of_voucher = operator.attrgetter("voucher_id")
    lines = _Merge(_grouped(_stream(_ALL_LINES), first))
    receipts = _Merge(_grouped(_ALL_RECEIPT_LINES.iter_models(ReceiptLine), of_voucher))
    signatures = _Merge(_grouped(_ALL_SIGNATURES.iter_models(Signature), of_voucher))
    overrides = _Merge(_grouped(_stream(_ALL_OVERRIDES), first))
    report(0, 0, pick("正在核对单据", "Checking vouchers"))
    for n, v in enumerate(_POSTED.models(Voucher, posted="posted"), start=1):
        if n % 2000 == 0:
            report(0, 0, pick("正在核对单据", "Checking vouchers"))
        stored[v.id] = v.content_hash or ""
        numbers[v.id] = v.number or f"#{v.id}"
        line_records, pick_reasons = _line_records(lines.take(v.id), lots)
        record = ledger.header_record(v, line_records)
        receipt_lines = content.receipt_rows_records(receipts.take(v.id))
        if receipt_lines:
            record["receipt_lines"] = receipt_lines
        sigs = content.signature_rows_records(signatures.take(v.id))
        if sigs:
            record["signatures"] = sigs
        if pick_reasons:
            record["pick_reasons"] = pick_reasons
        found = [list(r[1:]) for r in overrides.take(v.id)]
        if found:
            record["overrides"] = found
        if v.vtype in ("adjustment", "opening"):
            counted = content.stocktake_records(v.id)
            if counted:
                record["stocktake_lines"] = counted
        if chain.digest(record) != v.content_hash:
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
    return stored, numbers


def _iso(value: Any) -> str | None:
    """An expiry as ledger.line_record writes it."""
    if not value:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# --- the ledger: chain and balances in one pass -------------------------------------------------

_ENTRIES = Statement(
    lambda: LedgerEntry.select(
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
    ).order_by(LedgerEntry.id)
)
_COUNT = Statement(lambda: LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id.desc()))
_BALANCES = Statement(lambda: Balance.select(Balance.lot, Balance.slot, Balance.qty))


def _general_digest(row: tuple, voucher_hash: str) -> str:
    """An entry's hash the general way, with its values as peewee reads them (rows that are
    not as the posting path writes them: an odd time, a voucher without a hex hash)."""
    (_eid, voucher, line, item, lot, slot, party, delta, after, posted, prev_hash, _h) = row
    e = LedgerEntry
    return ledger.entry_hash(
        prev_hash,
        e.voucher.python_value(voucher),
        voucher_hash,
        e.line.python_value(line),
        e.item.python_value(item),
        e.lot.python_value(lot),
        e.slot.python_value(slot),
        e.party.python_value(party),
        e.delta.python_value(delta),
        e.balance_after.python_value(after),
        e.posted_at.python_value(posted),
    )


Walked = tuple[list[Problem], int, str, set[int]]  # problems, entries, last hash, vouchers


def _walk(
    cursor: Any,
    voucher_hash: dict[int, str],
    numbers: dict[int, str],
    report: Progress,
    last: int,
) -> Walked:
    """The hash chain over the entries `cursor` yields in posting order (the balances are
    summed by SQLite meanwhile, see _balance_queries).

    Each entry is first hashed as the posting path writes it, spelled out by
    ledger.entry_text from the values as SQLite returns them (this loop runs a million times,
    so it is written out flat); only an entry that does not match is hashed again the general
    way, with its values as peewee reads them, before it is named.
    """
    problems: list[Problem] = []
    prev = chain.GENESIS
    count = 0
    text = pick("正在核对台账", "Checking the ledger")
    seen: set[int] = set()
    fast = {vid: h for vid, h in voucher_hash.items() if ledger.plain_entry(h)}
    sha = hashlib.sha256
    spell = ledger.entry_text
    current: int | None = None
    vh: str | None = None
    while rows := cursor.fetchmany(CHUNK):
        for row in rows:
            eid, voucher, line, item, lot, slot, party, delta, after, posted, prev_hash, stored = (
                row
            )
            if voucher != current:
                current = voucher
                seen.add(voucher)
                vh = fast.get(voucher)
                if voucher not in voucher_hash:
                    problems.append(_orphan(eid, voucher, numbers))
            elif voucher not in voucher_hash:
                problems.append(_orphan(eid, voucher, numbers))
            if prev_hash != prev:
                problems.append(_gap(eid, voucher, numbers))
            prev = stored
            if vh is not None and type(posted) is str:
                at = f"{posted[:10]}T{posted[11:]}"
                body = spell(prev_hash, voucher, vh, line, item, lot, slot, party, delta, after, at)
                if sha(body.encode()).hexdigest() == stored:
                    continue
            if _general_digest(row, voucher_hash.get(voucher, "")) != stored:
                problems.append(_changed(eid, voucher, numbers))
        count += len(rows)
        report(count, last, text)
    return problems, count, prev, seen


def _chain(
    problems: list[Problem],
    voucher_hash: dict[int, str],
    numbers: dict[int, str],
    report: Progress,
) -> None:
    """The chain, then what only the whole shows: posted vouchers without entries, and the
    ledger's end against the head kept in meta."""
    last = _COUNT.scalar() or 0
    found, count, prev, seen = _walk(_ENTRIES.execute(), voucher_hash, numbers, report, last)
    problems += found
    for vid in sorted(set(voucher_hash) - seen):
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


def _balance_queries() -> list[tuple[str, str, list]]:
    """The balance checks, for SQLite to answer on verify's second connection while the chain
    is hashed: entries whose balance after is not the one before plus the movement (or is
    below zero), and each lot × slot's sum of movements."""
    e = LedgerEntry
    before = pw.fn.LAG(e.balance_after, 1, 0).over(partition_by=[e.lot, e.slot], order_by=[e.id])
    steps = e.select(e.id, e.delta, e.balance_after, before.alias("before")).alias("steps")
    run = steps.c.before + steps.c.delta
    wrong = (
        pw.Select([steps], [steps.c.id, steps.c.balance_after, run])
        .where((steps.c.balance_after != run) | (steps.c.balance_after < 0))
        .order_by(steps.c.id)
    )
    sums = e.select(e.lot, e.slot, pw.fn.SUM(e.delta)).group_by(e.lot, e.slot)
    return [("wrong", *wrong.sql()), ("sums", *sums.sql())]


def _balances(problems: list[Problem], rows: dict[str, list[tuple]]) -> None:
    """Every balance after must be the one before plus the movement (a wrong one is named and
    the next is checked against it), and the balance table must hold the ledger's sums."""
    for eid, after, run in rows.get("wrong", []):
        problems.append(_wrong_balance(eid, after, run))
    sums = {(lot, slot): int(total or 0) for lot, slot, total in rows.get("sums", [])}
    table = {(lot, slot): qty for lot, slot, qty in _BALANCES.rows()}
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


def _orphan(eid: int, voucher: int, numbers: dict[int, str]) -> Problem:
    return Problem(
        "chain",
        pick(
            f"台账记录 {eid} 属于一张未过账或不存在的单据",
            f"Ledger entry {eid} belongs to no posted voucher",
        ),
        voucher_no=numbers.get(voucher, f"#{voucher}"),
        entry_id=eid,
    )


def _gap(eid: int, voucher: int, numbers: dict[int, str]) -> Problem:
    no = numbers.get(voucher, f"#{voucher}")
    return Problem(
        "chain",
        pick(
            f"台账记录 {eid}（单据 {no}）之前的记录被删除或插入",
            f"Ledger entry {eid} (voucher {no}): an entry before it was deleted or inserted",
        ),
        voucher_no=no,
        entry_id=eid,
    )


def _changed(eid: int, voucher: int, numbers: dict[int, str]) -> Problem:
    no = numbers.get(voucher, f"#{voucher}")
    return Problem(
        "chain",
        pick(
            f"台账记录 {eid}（单据 {no}）在程序之外被修改",
            f"Ledger entry {eid} (voucher {no}) was changed outside the app",
        ),
        voucher_no=no,
        entry_id=eid,
    )


def _wrong_balance(eid: int, after: int, run: int) -> Problem:
    return Problem(
        "balance",
        pick(
            f"台账记录 {eid} 的结存 {after} 与累计 {run} 不符",
            f"Ledger entry {eid}: balance after {after} does not match the running sum {run}",
        ),
        entry_id=eid,
    )
