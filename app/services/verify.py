"""`verify`: SQLite integrity, the hash chain, and balances recomputed from the ledger.

Each problem names the voucher or ledger entry it concerns, so a storekeeper (or an auditor) can
see exactly what was changed, deleted or inserted outside the app.

Ten years of books hold a million entries, so the work is done in streams, and SQLite does
what it can do faster than Python: it spells every voucher's lines and every entry's hashed
text the way the posting path does (Python hashes the text, and only what does not match is
rebuilt the general way before it is named); the chain and the balances are checked in one pass
over the ledger; SQLite's own integrity check runs on a second connection at the same time (it
does not hold Python's lock while it reads). The records and hashes are exactly those the
posting path makes (ledger.voucher_record, ledger.entry_hash); tests hold the fast and the
general way to each other.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
import sqlite3
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
    integrity = IntegrityCheck.start()
    problems: list[Problem] = []
    try:
        voucher_hash, voucher_no = _vouchers(problems, report)
        walked = _chain(problems, voucher_hash, voucher_no, report)
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
    _balances(problems, walked)
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
# One voucher's lines, for the general way (see _vouchers); its line order is settled below.
_LINES_OF = Statement(
    lambda: (
        VoucherLine.select(
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
        )
        .where(VoucherLine.voucher == Param("voucher"))
        .order_by(VoucherLine.id)
    )
)
_LOTS = Statement(lambda: Lot.select(Lot.id, Lot.batch, Lot.expiry))
_ALL_RECEIPT_LINES = Statement(
    lambda: ReceiptLine.select().order_by(ReceiptLine.voucher, ReceiptLine.line_no)
)
_ALL_SIGNATURES = Statement(
    lambda: Signature.select().order_by(Signature.voucher, Signature.role, Signature.id)
)
_ALL_OVERRIDES = Statement(
    lambda: IssueOverride.select(IssueOverride.voucher, *ledger.OVERRIDE_COLUMNS).order_by(
        IssueOverride.voucher, IssueOverride.id
    )
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


# Every voucher's lines spelled by SQLite as chain.canonical spells line_record lists (numbers
# bare, text quoted and escaped the same way), with its pick reasons, one row per voucher in id
# order. Lines come in id order, which is line order for every voucher the app posted; a voucher
# whose lines are out of order (or hold a value SQLite spells differently) fails the fast check
# and is rebuilt the general way, so this only decides how fast a voucher is found sound.
_LINES_JSON = Statement(
    lambda: (
        VoucherLine.select(
            VoucherLine.voucher,
            pw.fn.group_concat(
                pw.Case(
                    None,
                    [
                        (
                            VoucherLine.receipt_line,
                            pw.fn.json_array(*_line_values(), VoucherLine.receipt_line),
                        )
                    ],
                    pw.fn.json_array(*_line_values()),
                ),
                ",",
            ),
            pw.fn.json_group_object(VoucherLine.line_no, VoucherLine.pick_reason).filter(
                VoucherLine.pick_reason != ""
            ),
        )
        .join(Lot, pw.JOIN.LEFT_OUTER, on=(Lot.id == VoucherLine.lot))
        .group_by(VoucherLine.voucher)
        .order_by(VoucherLine.voucher)
    )
)


def _line_values() -> list[Any]:
    """A line's values in line_record order, without its receipt line."""
    v = VoucherLine
    return [
        v.line_no,
        v.item,
        v.lot,
        Lot.batch,
        Lot.expiry,
        v.slot,
        v.to_slot,
        v.qty,
        v.party,
        v.note,
    ]


# The lines in canonical() of a record built with none: the one place "lines":[] can stand
# (inside a JSON string every quote is escaped, and the keys are fixed names).
_NO_LINES = '"lines":[]'


def _lines_json() -> Iterator[tuple[int, str, str | None]]:
    """The rows of _LINES_JSON; they stop early if SQLite cannot spell a value (a BLOB put in
    by hand), and the vouchers left are then rebuilt the general way."""
    try:
        cursor = _LINES_JSON.execute()
        while rows := cursor.fetchmany(200):
            yield from rows
    except (sqlite3.Error, pw.DatabaseError):
        return


def _vouchers(problems: list[Problem], report: Progress) -> tuple[dict[int, str], dict[int, str]]:
    """Recompute every posted voucher's content hash; returns stored hashes and numbers."""
    stored: dict[int, str] = {}
    numbers: dict[int, str] = {}
    lots: dict[int, tuple[str, Any]] = {}
    of_voucher = operator.attrgetter("voucher_id")
    lines = _Merge((row[0], row) for row in _lines_json())
    receipts = _Merge(_grouped(_ALL_RECEIPT_LINES.iter_models(ReceiptLine), of_voucher))
    signatures = _Merge(_grouped(_ALL_SIGNATURES.iter_models(Signature), of_voucher))
    overrides = _Merge(_grouped(_stream(_ALL_OVERRIDES), operator.itemgetter(0)))
    sha = hashlib.sha256
    report(0, 0, pick("正在核对单据", "Checking vouchers"))
    for n, v in enumerate(_POSTED.models(Voucher, posted="posted"), start=1):
        if n % 2000 == 0:
            report(0, 0, pick("正在核对单据", "Checking vouchers"))
        stored[v.id] = v.content_hash or ""
        numbers[v.id] = v.number or f"#{v.id}"
        record = ledger.header_record(v, [])
        receipt_lines = content.receipt_rows_records(receipts.take(v.id))
        if receipt_lines:
            record["receipt_lines"] = receipt_lines
        sigs = content.signature_rows_records(signatures.take(v.id))
        if sigs:
            record["signatures"] = sigs
        found = [list(r[1:]) for r in overrides.take(v.id)]
        if found:
            record["overrides"] = found
        if v.vtype in ("adjustment", "opening"):
            counted = content.stocktake_records(v.id)
            if counted:
                record["stocktake_lines"] = counted
        spelled = lines.take(v.id) or (v.id, "", None)
        if spelled[2] and spelled[2] != "{}":
            record["pick_reasons"] = json.loads(spelled[2])
        text = chain.canonical(record).replace(_NO_LINES, f'"lines":[{spelled[1]}]', 1)
        if sha(text.encode("utf-8")).hexdigest() == v.content_hash:
            continue
        # The general way: the lines as Python reads them, in line order.
        if not lots:
            lots.update(
                (lid, (batch, _iso(ledger.as_date(expiry)) if expiry else None))
                for lid, batch, expiry in _LOTS.rows()
            )
        record["lines"], pick_reasons = _line_records(_LINES_OF.rows(voucher=v.id), lots)
        record.pop("pick_reasons", None)
        if pick_reasons:
            record["pick_reasons"] = pick_reasons
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

# Each entry's hashed text as ledger.entry_text spells it for the posting path, spelled by SQLite
# (NULL for an entry of no posted voucher). Values are printed as stored, so an entry holding
# anything the posting path would not write fails the fast check and is hashed the general way;
# a party stored as text gets no spelling at all, as "null" text would pass for no party.
_ENTRY_FORMAT = (
    '%s{"balance_after":%s,"delta":%s,"item":%s,"line":%s,"lot":%s,"party":%s,'
    '"posted_at":"%.10sT%s","slot":%s,"voucher":%s,"voucher_hash":"%s"}'
)


def _entry_text() -> pw.Node:
    e = LedgerEntry
    party = pw.Case(
        None, [(e.party.is_null(), "null"), (pw.fn.typeof(e.party) == "integer", e.party)]
    )
    spelled = pw.fn.printf(
        _ENTRY_FORMAT,
        e.prev_hash,
        e.balance_after,
        e.delta,
        e.item,
        e.line,
        e.lot,
        party,
        e.posted_at,
        pw.fn.substr(e.posted_at, 12),
        e.slot,
        e.voucher,
        Voucher.content_hash,
    )
    return pw.Case(None, [(Voucher.id.is_null(False), spelled)])


_WALK = Statement(
    lambda: (
        LedgerEntry.select(
            LedgerEntry.id,
            LedgerEntry.prev_hash,
            LedgerEntry.hash,
            LedgerEntry.lot,
            LedgerEntry.slot,
            LedgerEntry.delta,
            LedgerEntry.balance_after,
            _entry_text(),
        )
        .join(
            Voucher,
            pw.JOIN.LEFT_OUTER,
            on=(Voucher.id == LedgerEntry.voucher) & (Voucher.status == "posted"),
        )
        .order_by(LedgerEntry.id)
    )
)
# One entry as peewee's fields read it, for the general way and to name a problem.
_ENTRY = Statement(
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
    ).where(LedgerEntry.id == Param("id"))
)
_COUNT = Statement(lambda: LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id.desc()))
# Posted vouchers none of whose entries is left.
_UNLEDGERED = Statement(
    lambda: (
        Voucher.select(Voucher.id)
        .where(
            (Voucher.status == "posted")
            & ~pw.fn.EXISTS(
                LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.voucher == Voucher.id)
            )
        )
        .order_by(Voucher.id)
    )
)
_SUMS = Statement(
    lambda: LedgerEntry.select(
        LedgerEntry.lot, LedgerEntry.slot, pw.fn.SUM(LedgerEntry.delta)
    ).group_by(LedgerEntry.lot, LedgerEntry.slot)
)
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


@dataclass
class _Walked:
    """What one pass over the ledger found."""

    problems: list[Problem]
    count: int
    last_hash: str
    wrong_balances: list[Problem]
    balances: dict[tuple[Any, Any], Any]  # lot × slot: the balance after its last entry


def _walk(
    cursor: Any,
    voucher_hash: dict[int, str],
    numbers: dict[int, str],
    report: Progress,
    last: int,
) -> _Walked:
    """The hash chain and the running balances over the entries `cursor` yields in posting
    order (this loop runs a million times, so it is written out flat).

    Each entry is first hashed as SQLite spelled it (_WALK); only an entry that does not match
    is read again and hashed the general way, with its values as peewee reads them, before it
    is named. Every balance after must be the one before on the same lot and slot plus the
    movement, and not below zero; a wrong one is named and the next is checked against it.
    """
    problems: list[Problem] = []
    wrong: list[Problem] = []
    prev = chain.GENESIS
    count = 0
    text = pick("正在核对台账", "Checking the ledger")
    sha = hashlib.sha256
    after_of: dict[tuple[Any, Any], Any] = {}
    after_get = after_of.get
    while rows := cursor.fetchmany(CHUNK):
        for eid, prev_hash, stored, lot, slot, delta, after, spelled in rows:
            if prev_hash != prev:
                problems.append(_gap(eid, _entry(eid)[1], numbers))
            prev = stored
            if spelled is None or sha(spelled.encode()).hexdigest() != stored:
                problems += _entry_the_general_way(eid, voucher_hash, numbers)
            key = (lot, slot)
            try:
                run = after_get(key, 0) + delta
                if after != run or after < 0:
                    wrong.append(_wrong_balance(eid, after, run))
            except TypeError:  # text put in by hand where a number belongs
                wrong.append(_wrong_balance(eid, after, "?"))
            after_of[key] = after
        count += len(rows)
        report(count, last, text)
    return _Walked(problems, count, prev, wrong, after_of)


def _entry(eid: int) -> tuple:
    return _ENTRY.rows(id=eid)[0]


def _entry_the_general_way(
    eid: int, voucher_hash: dict[int, str], numbers: dict[int, str]
) -> list[Problem]:
    row = _entry(eid)
    voucher = row[1]
    found = []
    if voucher not in voucher_hash:
        found.append(_orphan(eid, voucher, numbers))
    if _general_digest(row, voucher_hash.get(voucher, "")) != row[-1]:
        found.append(_changed(eid, voucher, numbers))
    return found


def _chain(
    problems: list[Problem],
    voucher_hash: dict[int, str],
    numbers: dict[int, str],
    report: Progress,
) -> _Walked:
    """The chain, then what only the whole shows: posted vouchers without entries, and the
    ledger's end against the head kept in meta."""
    last = _COUNT.scalar() or 0
    walked = _walk(_WALK.execute(), voucher_hash, numbers, report, last)
    problems += walked.problems
    for (vid,) in _UNLEDGERED.rows():
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
    if head != walked.last_hash or want != walked.count:
        problems.append(
            Problem(
                "chain",
                pick(
                    f"台账末尾不一致：应有 {want} 条记录，实有 {walked.count} 条（最后的记录被删除或添加）",
                    f"The end of the ledger does not match: {want} entries expected, "
                    f"{walked.count} found (the last entries were deleted or added)",
                ),
            )
        )
    return walked


def _balances(problems: list[Problem], walked: _Walked) -> None:
    """The wrong steps the walk found, then the balance table against the ledger's sums: the
    balances after each lot × slot's last entry when every step was right, else SQLite's sums
    of the movements."""
    problems += walked.wrong_balances
    if walked.wrong_balances:
        sums = {(lot, slot): int(total or 0) for lot, slot, total in _SUMS.rows()}
    else:
        sums = walked.balances
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


def _wrong_balance(eid: int, after: object, run: object) -> Problem:
    return Problem(
        "balance",
        pick(
            f"台账记录 {eid} 的结存 {after} 与累计 {run} 不符",
            f"Ledger entry {eid}: balance after {after} does not match the running sum {run}",
        ),
        entry_id=eid,
    )
