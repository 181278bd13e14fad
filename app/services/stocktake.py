"""Stocktake (盘点): start a count, record what is on the shelves, post the differences.

Starting records the book quantity of every lot on every slot in scope (and a line for each
empty slot). Postings stay allowed while a count is open: a line's expected quantity is its book
quantity at the start plus every ledger movement of that lot on that slot since. Posting writes
one adjustment voucher (盘盈 / 盘亏) through the ledger — or an opening voucher when the books
were empty when the count started — then the stocktake is closed and read-only, with its count
report PDF kept.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import peewee as pw

from app.documents import sheets
from app.domain import stocktake as rules
from app.domain.codes import label as code_label
from app.domain.errors import AlreadyPosted, BadInput, NotFound, SignOffMissing
from app.domain.i18n import pick
from app.domain.progress import Cancelled, Progress, report_every
from app.domain.signoff import label as role_label
from app.services import ledger, settings, signatures
from app.services.signatures import SignatureInput
from app.store.compiled import Grouped, Param, Statement, in_params
from app.store.database import write_transaction
from app.store.models import (
    Account,
    Balance,
    Item,
    LedgerEntry,
    Lot,
    ReceiptLine,
    Signature,
    Slot,
    Stocktake,
    StocktakeLine,
    Voucher,
    Zone,
    now,
)

APPROVER_ROLES = ("approver", "admin")
MAX_LISTED = 8  # row numbers named in one error message


@dataclass(frozen=True)
class StocktakeInfo:
    id: int
    number: str
    kind: str  # code
    period: str
    zone: str | None
    zone_name: str | None
    blind: bool
    status: str  # open, closed
    started_at: datetime
    started_by: str
    closed_at: datetime | None
    approver: str
    voucher_no: str | None
    lines_total: int | None
    lines_matched: int | None

    @property
    def accuracy(self) -> float | None:
        return rules.accuracy(self.lines_total, self.lines_matched)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def scope_text(self) -> str:
        if self.zone:
            return pick(f"库区 {self.zone} {self.zone_name}", f"zone {self.zone} {self.zone_name}")
        return pick("全部库区", "all zones")


@dataclass(frozen=True)
class CountLine:
    """A line as the count screens and documents show it; quantities in base units."""

    line_id: int
    seq: int
    origin: str
    zone: str
    zone_name: str
    slot_id: int
    slot: str
    item_id: int | None
    item_code: str
    item_name: str
    spec: str
    unit: str
    packs: str
    lot_id: int | None
    batch: str
    expiry: date | None
    book_qty: int  # on the books when the count started
    expected: int  # book + movements since (fixed when the stocktake was posted)
    counted: int | None
    reason: str | None
    note: str
    unit_price: Decimal | None

    @property
    def is_empty_slot(self) -> bool:
        return self.item_id is None

    @property
    def difference(self) -> int | None:
        """Counted − expected; None when not counted. An uncounted line expecting 0 is 0."""
        if self.counted is None:
            return 0 if self.expected == 0 and self.item_id is not None else None
        return self.counted - self.expected

    @property
    def value(self) -> Decimal | None:
        diff = self.difference
        if diff is None or self.unit_price is None:
            return None
        return (self.unit_price * diff).quantize(Decimal("0.01"))

    def reason_text(self) -> str:
        return rules.reason_text(self.reason, self.note)


@dataclass(frozen=True)
class ImportResult:
    counted: int  # lines whose count the file set
    found: int  # found lots added from the file
    reasons: int  # reasons taken from the file


# --- reads -----------------------------------------------------------------------------------


# Counts are recorded and fixed for thousands of lines at once; compiled once
# (app/store/compiled.py).
_LINE_KEYS = Grouped(
    lambda n: StocktakeLine.select(
        StocktakeLine.id, StocktakeLine.stocktake, StocktakeLine.seq, StocktakeLine.item
    ).where(StocktakeLine.id.in_(in_params(n)))
)
_SET_COUNT = Statement(
    lambda: StocktakeLine.update(
        {StocktakeLine.counted_qty: Param("qty"), StocktakeLine.counted_at: Param("at")}
    ).where(StocktakeLine.id == Param("id"))
)
_SET_EXPECTED = Statement(
    lambda: StocktakeLine.update({StocktakeLine.expected_qty: Param("qty")}).where(
        StocktakeLine.id == Param("id")
    )
)


def _infos(sts: Sequence[Stocktake]) -> list[StocktakeInfo]:
    """The infos of these stocktakes, in their order: four queries however many there are."""
    zone_ids = {st.zone_id for st in sts if st.zone_id}
    account_ids = {a for st in sts for a in (st.started_by_id, st.approved_by_id) if a}
    voucher_ids = {st.voucher_id for st in sts if st.voucher_id}
    zones = {
        z_id: (code, name)
        for z_id, code, name in Zone.select(Zone.id, Zone.code, Zone.name)
        .where(Zone.id.in_(list(zone_ids)))
        .tuples()
    }
    names = dict(
        Account.select(Account.id, Account.display_name)
        .where(Account.id.in_(list(account_ids)))
        .tuples()
    )
    numbers = dict(
        Voucher.select(Voucher.id, Voucher.number).where(Voucher.id.in_(list(voucher_ids))).tuples()
    )
    signed = dict(
        Signature.select(Signature.voucher, Signature.signer_name)
        .where(Signature.voucher.in_(list(voucher_ids)) & (Signature.role == "approver"))
        .tuples()
    )
    out = []
    for st in sts:
        code, zone_name = zones.get(st.zone_id, (None, None))
        approver = names.get(st.approved_by_id, "")
        if not approver and st.voucher_id in numbers:
            approver = signed.get(st.voucher_id, "")
        out.append(
            StocktakeInfo(
                id=st.id,
                number=st.number,
                kind=st.kind,
                period=st.period,
                zone=code,
                zone_name=zone_name,
                blind=bool(st.blind),
                status=st.status,
                started_at=st.started_at,
                started_by=names.get(st.started_by_id, ""),
                closed_at=st.closed_at,
                approver=approver,
                voucher_no=numbers.get(st.voucher_id),
                lines_total=st.lines_total,
                lines_matched=st.lines_matched,
            )
        )
    return out


def _info(st: Stocktake) -> StocktakeInfo:
    return _infos([st])[0]


def _get(stocktake_id: int) -> Stocktake:
    st = Stocktake.get_or_none(Stocktake.id == stocktake_id)
    if st is None:
        raise NotFound(
            f"没有编号为 {stocktake_id} 的盘点", f"No stocktake with id {stocktake_id}", field="id"
        )
    return st


def _open(stocktake_id: int) -> Stocktake:
    st = _get(stocktake_id)
    if st.status != "open":
        raise AlreadyPosted(
            f"盘点 {st.number} 已过账关闭，只能查看和打印",
            f"Stocktake {st.number} is posted and closed; it can only be viewed and printed",
        )
    return st


def get(stocktake_id: int) -> StocktakeInfo:
    return _info(_get(stocktake_id))


def list_stocktakes() -> list[StocktakeInfo]:
    """Every stocktake, newest first."""
    # without the kept report PDFs: a list has no use for megabytes of them
    fields = [f for f in Stocktake._meta.sorted_fields if f is not Stocktake.report_pdf]
    return _infos(list(Stocktake.select(*fields).order_by(Stocktake.id.desc())))


def open_stocktake() -> StocktakeInfo | None:
    st = Stocktake.select().where(Stocktake.status == "open").order_by(Stocktake.id).first()
    return _info(st) if st else None


def last_closed() -> StocktakeInfo | None:
    """The most recently posted stocktake: its date and accuracy for the stock page."""
    st = (
        Stocktake.select()
        .where(Stocktake.status == "closed")
        .order_by(Stocktake.closed_at.desc(), Stocktake.id.desc())
        .first()
    )
    return _info(st) if st else None


def _scope_slots(st: Stocktake) -> pw.ModelSelect:
    q = Slot.select(Slot.id)
    if st.zone_id:
        q = q.where(Slot.zone == st.zone_id)
    return q


def _moves_since(st: Stocktake) -> dict[tuple[int, int], int]:
    """Net ledger movement per (lot, slot) in scope since the count started."""
    q = (
        LedgerEntry.select(LedgerEntry.lot, LedgerEntry.slot, pw.fn.SUM(LedgerEntry.delta))
        .where((LedgerEntry.id > st.start_entry) & LedgerEntry.slot.in_(_scope_slots(st)))
        .group_by(LedgerEntry.lot, LedgerEntry.slot)
    )
    return {(lot, slot): int(d or 0) for lot, slot, d in q.tuples()}


def _prices(lot_ids: set[int], item_ids: set[int]) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """The latest known unit price per lot, and per item as a fallback (receipts, issue 3)."""
    by_lot: dict[int, Decimal] = {}
    by_item: dict[int, Decimal] = {}
    if not item_ids:
        return by_lot, by_item
    q = (
        ReceiptLine.select(ReceiptLine.lot, ReceiptLine.item, ReceiptLine.unit_price)
        .where(ReceiptLine.unit_price.is_null(False) & ReceiptLine.item.in_(list(item_ids)))
        .order_by(ReceiptLine.id)
    )
    for lot, item, price in q.tuples():
        value = Decimal(str(price))
        if lot in lot_ids:
            by_lot[lot] = value
        by_item[item] = value
    return by_lot, by_item


def lines(stocktake_id: int, *, slot_id: int | None = None) -> list[CountLine]:
    """The stocktake's lines in walking order (zone, slot), with expected and counted."""
    st = _get(stocktake_id)
    q = (
        StocktakeLine.select(
            StocktakeLine.id,
            StocktakeLine.seq,
            StocktakeLine.origin,
            Zone.code,
            Zone.name,
            StocktakeLine.slot,
            Slot.code,
            StocktakeLine.item,
            Item.code,
            Item.name,
            Item.spec,
            Item.base_unit,
            Item.packs,
            StocktakeLine.lot,
            Lot.batch,
            StocktakeLine.batch,
            Lot.expiry,
            StocktakeLine.expiry,
            StocktakeLine.book_qty,
            StocktakeLine.expected_qty,
            StocktakeLine.counted_qty,
            StocktakeLine.reason,
            StocktakeLine.note,
        )
        .join(Slot, on=(Slot.id == StocktakeLine.slot))
        .join(Zone, on=(Zone.id == Slot.zone))
        .switch(StocktakeLine)
        .join(Item, pw.JOIN.LEFT_OUTER, on=(Item.id == StocktakeLine.item))
        .switch(StocktakeLine)
        .join(Lot, pw.JOIN.LEFT_OUTER, on=(Lot.id == StocktakeLine.lot))
        .where(StocktakeLine.stocktake == st.id)
        .order_by(Zone.sort, Zone.code, Slot.code, StocktakeLine.seq)
    )
    if slot_id is not None:
        q = q.where(StocktakeLine.slot == slot_id)
    # Plain rows: a full count has thousands of lines, and five models per row cost more
    # than the count itself.
    rows = list(q.tuples())
    moves = _moves_since(st) if st.status == "open" else {}
    by_lot, by_item = _prices({r[13] for r in rows if r[13]}, {r[7] for r in rows if r[7]})
    out = []
    for (
        line_id,
        seq,
        origin,
        zone_code,
        zone_name,
        slot_id_,
        slot_code,
        item_id,
        item_code,
        item_name,
        spec,
        unit,
        packs,
        lot_id,
        lot_batch,
        line_batch,
        lot_expiry,
        line_expiry,
        book_qty,
        expected_qty,
        counted_qty,
        reason,
        note,
    ) in rows:
        if st.status == "open" or expected_qty is None:
            expected = book_qty + (moves.get((lot_id, slot_id_), 0) if lot_id else 0)
        else:
            expected = expected_qty
        has_item = item_id is not None and item_code is not None
        has_lot = lot_id is not None and lot_batch is not None
        out.append(
            CountLine(
                line_id=line_id,
                seq=seq,
                origin=origin,
                zone=zone_code,
                zone_name=zone_name,
                slot_id=slot_id_,
                slot=slot_code,
                item_id=item_id,
                item_code=item_code if has_item else "",
                item_name=item_name if has_item else "",
                spec=spec if has_item else "",
                unit=unit if has_item else "",
                packs=packs if has_item else "",
                lot_id=lot_id,
                batch=lot_batch if has_lot else line_batch,
                expiry=ledger.as_date(lot_expiry if has_lot else line_expiry),
                book_qty=book_qty,
                expected=expected,
                counted=counted_qty,
                reason=reason,
                note=note,
                unit_price=(by_lot.get(lot_id) or by_item.get(item_id)) if has_item else None,
            )
        )
    return out


def variances(stocktake_id: int) -> list[CountLine]:
    """Counted lines that differ from what was expected."""
    return [ln for ln in lines(stocktake_id) if ln.difference not in (None, 0)]


# --- starting --------------------------------------------------------------------------------


def _next_number(year: int) -> str:
    prefix = f"PD-{year}-"
    last = (
        Stocktake.select(pw.fn.MAX(Stocktake.number))
        .where(Stocktake.number.startswith(prefix))
        .scalar()
    )
    seq = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def start(
    *,
    month: str | None = None,
    zone: str | None = None,
    blind: bool = False,
    by: int | None = None,
    at: datetime | None = None,
) -> StocktakeInfo:
    """Open a count of every lot on every slot (of one zone, when given); one open at a time.

    On books with no postings yet it is the opening count: what is found is posted as the
    opening balance.
    """
    at = (at or now()).replace(microsecond=0)
    period = rules.parse_month(month, at.date())
    with write_transaction():
        running = Stocktake.get_or_none(Stocktake.status == "open")
        if running is not None:
            raise BadInput(
                f"盘点 {running.number} 还没有过账，请先完成它",
                f"Stocktake {running.number} is still open; finish it first",
                field="stocktake",
            )
        zone_row = None
        if zone:
            zone_row = Zone.get_or_none(pw.fn.UPPER(Zone.code) == zone.strip().upper())
            if zone_row is None:
                raise NotFound(f"没有库区 {zone}", f"No zone {zone}", field="zone")
        last_entry = LedgerEntry.select(pw.fn.MAX(LedgerEntry.id)).scalar()
        kind = "opening" if last_entry is None else ("zone" if zone_row else "month")
        st = Stocktake.create(
            number=_next_number(at.year),
            kind=kind,
            period=period,
            zone=zone_row,
            blind=blind,
            start_entry=last_entry or 0,
            started_at=at,
            started_by=by,
        )
        q = Slot.select(Slot, Zone).join(Zone).order_by(Zone.sort, Zone.code, Slot.code)
        if zone_row is not None:
            q = q.where(Slot.zone == zone_row.id)
        held: dict[int, list[Balance]] = {}
        stock = (
            Balance.select(Balance, Lot, Item)
            .join(Lot, on=(Lot.id == Balance.lot))
            .switch(Balance)
            .join(Item, on=(Item.id == Balance.item))
            .where(Balance.qty > 0)
            .order_by(Item.code, Lot.expiry.asc(nulls="LAST"), Lot.batch)
        )
        for b in stock:
            held.setdefault(b.slot_id, []).append(b)
        seq = 0
        rows = []
        for slot in q:
            here = held.get(slot.id, [])
            if not here and not slot.active:
                continue
            if not here:
                seq += 1
                rows.append(
                    {
                        "stocktake": st.id,
                        "seq": seq,
                        "origin": "empty",
                        "slot": slot.id,
                        "item": None,
                        "lot": None,
                        "book_qty": 0,
                    }
                )
            for b in here:
                seq += 1
                rows.append(
                    {
                        "stocktake": st.id,
                        "seq": seq,
                        "origin": "book",
                        "slot": slot.id,
                        "item": b.item_id,
                        "lot": b.lot_id,
                        "book_qty": b.qty,
                    }
                )
        if not rows:
            raise BadInput(
                "没有可盘点的货位，请先在设置中建立库区和货位",
                "There are no slots to count; set up zones and slots first",
                field="zone",
            )
        # insert_many takes its columns from the first row: every row has the same keys
        for chunk in range(0, len(rows), 200):
            StocktakeLine.insert_many(rows[chunk : chunk + 200]).execute()
        return _info(st)


def _sync(st: Stocktake) -> int:
    """Add a line for every lot moved onto a slot in scope since the count started."""
    have = {
        (ln.lot_id, ln.slot_id)
        for ln in StocktakeLine.select(StocktakeLine.lot, StocktakeLine.slot).where(
            (StocktakeLine.stocktake == st.id) & StocktakeLine.lot.is_null(False)
        )
    }
    new = sorted(k for k, _d in _moves_since(st).items() if k not in have)
    seq = _last_seq(st)
    for lot_id, slot_id in new:
        seq += 1
        StocktakeLine.create(
            stocktake=st.id,
            seq=seq,
            origin="moved_in",
            slot=slot_id,
            item=Lot.get_by_id(lot_id).item_id,
            lot=lot_id,
            book_qty=0,
        )
    return len(new)


def _last_seq(st: Stocktake) -> int:
    return (
        StocktakeLine.select(pw.fn.MAX(StocktakeLine.seq))
        .where(StocktakeLine.stocktake == st.id)
        .scalar()
        or 0
    )


def refresh(stocktake_id: int) -> int:
    """Bring an open stocktake up to date with postings made since it started (new lot lines)."""
    with write_transaction():
        return _sync(_open(stocktake_id))


# --- counting --------------------------------------------------------------------------------


def _line(line_id: int) -> StocktakeLine:
    ln = StocktakeLine.get_or_none(StocktakeLine.id == line_id)
    if ln is None:
        raise NotFound(f"盘点行 {line_id} 不存在", f"Stocktake line {line_id} does not exist")
    _open(ln.stocktake_id)
    return ln


def _check_reason(reason: str | None) -> str | None:
    if reason in (None, ""):
        return None
    if reason not in rules.REASONS:
        raise BadInput(f"未知的差异原因 {reason}", f"Unknown reason {reason}", field="reason")
    return reason


def record_count(
    line_id: int,
    counted: object,
    *,
    reason: str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> None:
    """Set (or clear, with None/blank) a line's counted quantity; optionally its reason."""
    qty = rules.parse_count(counted)
    with write_transaction():
        ln = _line(line_id)
        if ln.item_id is None and qty:
            raise BadInput(
                "空货位上发现的物资请用“添加盘盈”登记（物资、批号、有效期、数量）",
                "Stock found on an empty slot is added as a found lot (item, batch, expiry, qty)",
                field="counted",
            )
        ln.counted_qty = qty
        ln.counted_at = (at or now()).replace(microsecond=0) if qty is not None else None
        if reason is not None:
            ln.reason = _check_reason(reason)
        if note is not None:
            ln.note = note.strip()
        ln.save()


def record_counts(counts: dict[int, object], *, at: datetime | None = None) -> None:
    """Several lines' counts in one transaction (line id → quantity); all or nothing."""
    parsed = {line_id: rules.parse_count(qty) for line_id, qty in counts.items()}
    with write_transaction():
        when = (at or now()).replace(microsecond=0)
        # The lines read at once and written with one statement (a full count has thousands).
        ids = list(parsed)
        found = {
            line_id: (stocktake_id, seq, item_id)
            for chunk in range(0, len(ids), 500)
            for line_id, stocktake_id, seq, item_id in _LINE_KEYS.rows(ids[chunk : chunk + 500])
        }
        checked: set[int] = set()
        for line_id, qty in parsed.items():
            if line_id not in found:
                _line(line_id)  # raises NotFound, as one line at a time would
            stocktake_id, seq, item_id = found[line_id]
            if stocktake_id not in checked:
                _open(stocktake_id)
                checked.add(stocktake_id)
            if item_id is None and qty:
                raise BadInput(
                    f"第 {seq} 行是空货位，发现的物资请用“添加盘盈”登记",
                    f"Line {seq} is an empty slot; add stock found there as a found lot",
                    field="counted",
                )
        _SET_COUNT.execute_many(
            {"id": line_id, "qty": qty, "at": str(when) if qty is not None else None}
            for line_id, qty in parsed.items()
        )


def set_reason(line_id: int, reason: str | None, note: str = "") -> None:
    with write_transaction():
        ln = _line(line_id)
        ln.reason = _check_reason(reason)
        ln.note = note.strip()
        ln.save()


def _slot_in_scope(st: Stocktake, slot_code: str) -> Slot | None:
    slot = Slot.get_or_none(pw.fn.UPPER(Slot.code) == slot_code.strip().upper())
    if slot is None or (st.zone_id and slot.zone_id != st.zone_id):
        return None
    return slot


def _find_line(st: Stocktake, slot_id: int, item_id: int, batch: str) -> StocktakeLine | None:
    lot = Lot.get_or_none((Lot.item == item_id) & (Lot.batch == batch))
    q = StocktakeLine.select().where(
        (StocktakeLine.stocktake == st.id)
        & (StocktakeLine.slot == slot_id)
        & (StocktakeLine.item == item_id)
    )
    if lot is not None:
        q = q.where((StocktakeLine.lot == lot.id) | (StocktakeLine.batch == batch))
    else:
        q = q.where(StocktakeLine.batch == batch)
    return q.first()


def add_found(
    stocktake_id: int,
    *,
    slot: str,
    item_code: str,
    batch: str,
    expiry: date | None,
    qty: object,
    reason: str | None = "found",
    note: str = "",
    at: datetime | None = None,
) -> int:
    """Add a lot found on a slot that the books do not show there; returns the new line id."""
    from app.services.catalogue import find_item

    count = rules.parse_count(qty)
    if count is None:
        raise BadInput("请填写实盘数量", "Enter the counted quantity", field="counted")
    batch = batch.strip()
    if not batch:
        raise BadInput("请填写批号", "Enter the batch number", field="batch")
    with write_transaction():
        st = _open(stocktake_id)
        slot_row = _slot_in_scope(st, slot)
        if slot_row is None:
            raise BadInput(
                f"货位 {slot} 不在本次盘点范围内", f"Slot {slot} is not in this count", field="slot"
            )
        item = find_item(item_code)
        if item is None:
            raise NotFound(f"没有物资 {item_code}", f"No item {item_code}", field="item")
        existing = _find_line(st, slot_row.id, item.id, batch)
        if existing is not None:
            raise BadInput(
                f"该批次已在第 {existing.seq} 行，请在那里填写数量",
                f"This lot is already line {existing.seq}; enter the count there",
                field="batch",
            )
        lot = Lot.get_or_none((Lot.item == item.id) & (Lot.batch == batch))
        ln = StocktakeLine.create(
            stocktake=st.id,
            seq=_last_seq(st) + 1,
            origin="found",
            slot=slot_row.id,
            item=item.id,
            lot=lot.id if lot else None,
            batch=batch,
            expiry=lot.expiry if lot else expiry,
            counted_qty=count,
            counted_at=(at or now()).replace(microsecond=0),
            reason=_check_reason(reason),
            note=note.strip(),
        )
        return ln.id


# --- the sheet: export and import ------------------------------------------------------------


def sheet_header(info: StocktakeInfo) -> sheets.SheetHeader:
    return sheets.SheetHeader(
        institution=settings.institution_name(),
        number=info.number,
        kind=rules.label(info.kind),
        period=info.period,
        scope=info.scope_text(),
        started=info.started_at,
        blind=info.blind,
    )


def sheet_lines(rows: Sequence[CountLine], blind: bool) -> list[sheets.SheetLine]:
    return [
        sheets.SheetLine(
            seq=r.seq,
            zone=r.zone,
            zone_name=r.zone_name,
            slot=r.slot,
            item_code=r.item_code,
            item_name=r.item_name,
            spec=r.spec,
            unit=r.unit,
            batch=r.batch,
            expiry=r.expiry,
            book=None if blind else r.expected,
            counted=r.counted,
            reason=r.reason_text(),
        )
        for r in rows
    ]


def export_sheet(
    stocktake_id: int, path: Path, fmt: str, *, progress: Progress | None = None
) -> Path:
    """Write the count sheet as xlsx or pdf; an open count first takes in postings since.

    The file is written beside `path` and renamed when whole, so a Cancelled raised by
    `progress` (or a full disk) never leaves half a sheet under the chosen name.
    """
    if fmt not in ("xlsx", "pdf"):
        raise BadInput(f"未知的格式 {fmt}（xlsx 或 pdf）", f"Unknown format {fmt} (xlsx or pdf)")
    report = progress or (lambda _done, _total, _text: None)
    report(0, 3, pick("读取盘点行", "Reading the count lines"))
    st = _get(stocktake_id)
    if st.status == "open":
        refresh(stocktake_id)
    info = _info(st)
    rows = sheet_lines(lines(stocktake_id), info.blind)
    header = sheet_header(info)
    report(1, 3, pick(f"写入 {Path(path).name}", f"Writing {Path(path).name}"))
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        if fmt == "xlsx":
            sheets.write_xlsx(header, rows, partial)
        else:
            sheets.write_pdf(header, rows, partial)
        report(2, 3, pick(f"写入 {path.name}", f"Writing {path.name}"))
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput(
            f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}", field="file"
        ) from exc
    except Cancelled:
        partial.unlink(missing_ok=True)
        raise
    report(3, 3, pick(f"已写入 {path.name}", f"Wrote {path.name}"))
    return path


def _as_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10].replace("/", "-"))


def import_counts(
    stocktake_id: int, path: Path, *, progress: Progress | None = None
) -> ImportResult:
    """Take the counts (and reasons, and found lots) from a filled xlsx sheet.

    Every row is checked first; any problem refuses the whole file, naming the rows. A
    Cancelled raised by `progress` rolls everything back.
    """
    from app.services.catalogue import find_item

    tick = report_every(progress, 50)
    if progress is not None:
        progress(0, 0, pick(f"读取 {Path(path).name}", f"Reading {Path(path).name}"))
    sheet = sheets.read_xlsx(Path(path))
    with write_transaction():
        st = _open(stocktake_id)
        if sheet.number and sheet.number != st.number:
            raise BadInput(
                f"这张表属于盘点 {sheet.number}，不是 {st.number}",
                f"This sheet belongs to stocktake {sheet.number}, not {st.number}",
                field="file",
            )
        _sync(st)
        by_seq = {
            ln.seq: ln
            for ln in StocktakeLine.select(StocktakeLine, Slot)
            .join(Slot)
            .where(StocktakeLine.stocktake == st.id)
        }
        items = {i.id: i for i in Item.select()}
        lots = {
            lot.id: lot
            for lot in Lot.select().where(
                Lot.id.in_([ln.lot_id for ln in by_seq.values() if ln.lot_id])
            )
        }
        problems: list[tuple[int, str, str]] = []
        updates: list[tuple[StocktakeLine, int | None, str | None, str]] = []
        found: list[dict] = []
        seen_seq: dict[int, int] = {}
        seen_key: dict[tuple[int, int, str], int] = {}

        def bad(row: int, zh: str, en: str) -> None:
            problems.append((row, zh, en))

        checking = pick("检查盘点表", "Checking the sheet")
        for done, r in enumerate(sheet.rows, start=1):
            tick(done, len(sheet.rows), checking)
            try:
                counted = rules.parse_count(r.counted)
            except BadInput as exc:
                bad(r.row, exc.zh, exc.en)
                continue
            reason, note = rules.reason_from_text(r.reason)
            seq_text = str(r.seq).strip() if r.seq not in (None, "") else ""
            if seq_text:
                try:
                    seq = int(float(seq_text))
                except ValueError:
                    bad(
                        r.row,
                        f"序号“{seq_text}”不是数字",
                        f"line number '{seq_text}' is not a number",
                    )
                    continue
                ln = by_seq.get(seq)
                if ln is None:
                    bad(r.row, f"本次盘点没有第 {seq} 行", f"this stocktake has no line {seq}")
                    continue
                if seq in seen_seq:
                    bad(
                        r.row,
                        f"第 {seq} 行重复（与第 {seen_seq[seq]} 行相同）",
                        f"line {seq} appears twice (also on row {seen_seq[seq]})",
                    )
                    continue
                seen_seq[seq] = r.row
                item = items.get(ln.item_id) if ln.item_id else None
                batch = lots[ln.lot_id].batch if ln.lot_id else ln.batch
                if ln.item_id is None and (r.item_code or r.batch):
                    # found stock written on an empty slot's line: a found lot on that slot
                    seq_text = ""
                elif (
                    r.slot.upper() != ln.slot.code.upper()
                    or r.item_code.upper() != (item.code.upper() if item else "")
                    or r.batch != batch
                ):
                    want = " ".join(
                        x for x in (ln.slot.code, item.code if item else "", batch) if x
                    )
                    bad(
                        r.row,
                        f"第 {seq} 行的货位/物资编码/批号与盘点单不符（应为 {want}）",
                        f"slot, item code or batch of line {seq} was changed (should be {want})",
                    )
                    continue
                else:
                    if ln.item_id is None and counted:
                        bad(
                            r.row,
                            "空货位行填写了数量，但没有物资编码和批号",
                            "a count on an empty slot's line needs an item code and a batch",
                        )
                        continue
                    updates.append((ln, counted, reason, note))
                    continue
            # a found lot: slot, item code, batch and count written on a spare line
            if counted is None:
                if r.slot or r.item_code or r.batch:
                    bad(
                        r.row,
                        "清单外的物资需要填写实盘数量",
                        "found stock needs a counted quantity",
                    )
                continue
            slot = _slot_in_scope(st, r.slot) if r.slot else None
            item = find_item(r.item_code) if r.item_code else None
            if slot is None:
                bad(
                    r.row,
                    f"货位“{r.slot}”不存在或不在本次盘点范围内" if r.slot else "缺少货位",
                    f"slot '{r.slot}' is unknown or not in this count" if r.slot else "no slot",
                )
                continue
            if item is None:
                bad(
                    r.row,
                    f"物资编码“{r.item_code}”不存在" if r.item_code else "缺少物资编码",
                    f"item code '{r.item_code}' is unknown" if r.item_code else "no item code",
                )
                continue
            if not r.batch:
                bad(r.row, "缺少批号", "no batch")
                continue
            try:
                expiry = _as_date(r.expiry)
            except ValueError:
                bad(r.row, f"有效期“{r.expiry}”不是日期", f"expiry '{r.expiry}' is not a date")
                continue
            key = (slot.id, item.id, r.batch)
            if key in seen_key:
                bad(
                    r.row,
                    f"与第 {seen_key[key]} 行重复（同一货位、物资、批号）",
                    f"repeats row {seen_key[key]} (same slot, item and batch)",
                )
                continue
            seen_key[key] = r.row
            existing = _find_line(st, slot.id, item.id, r.batch)
            if existing is not None and existing.origin != "found":
                bad(
                    r.row,
                    f"该批次已在第 {existing.seq} 行，请把数量写在那一行",
                    f"this lot is already line {existing.seq}; write the count on that line",
                )
                continue
            found.append(
                {
                    "line": existing,
                    "slot": slot.id,
                    "item": item.id,
                    "batch": r.batch,
                    "expiry": expiry,
                    "counted": counted,
                    "reason": reason or "found",
                    "note": note,
                }
            )
        if problems:
            shown = problems[:MAX_LISTED]
            more = len(problems) - len(shown)
            zh = "；".join(f"第 {row} 行：{z}" for row, z, _e in shown)
            en = "; ".join(f"row {row}: {e}" for row, _z, e in shown)
            if more:
                zh += f"；另有 {more} 处问题"
                en += f"; {more} more"
            raise BadInput(
                f"盘点表未导入（{len(problems)} 处问题）：{zh}",
                f"The sheet was not imported ({len(problems)} problems): {en}",
                field="file",
                problems=problems,
            )
        at = now()
        n_counted = n_reasons = 0
        saving = pick("写入实盘数量", "Saving the counts")
        total = len(updates) + len(found)
        for done, (ln, counted, reason, note) in enumerate(updates, start=1):
            tick(done, total, saving)
            if counted is not None:
                ln.counted_qty = counted
                ln.counted_at = at
                n_counted += 1
            if reason is not None:
                ln.reason = reason
                ln.note = note
                n_reasons += 1
            ln.save()
        seq = _last_seq(st)
        for done, f in enumerate(found, start=len(updates) + 1):
            tick(done, total, saving)
            lot = Lot.get_or_none((Lot.item == f["item"]) & (Lot.batch == f["batch"]))
            if f["line"] is not None:
                ln = f["line"]
            else:
                seq += 1
                ln = StocktakeLine(stocktake=st.id, seq=seq, origin="found", slot=f["slot"])
            ln.item = f["item"]
            ln.lot = lot.id if lot else None
            ln.batch = f["batch"]
            ln.expiry = lot.expiry if lot else f["expiry"]
            ln.counted_qty = f["counted"]
            ln.counted_at = at
            ln.reason = f["reason"]
            ln.note = f["note"]
            ln.save()
        return ImportResult(n_counted + len(found), len(found), n_reasons)


# --- posting ---------------------------------------------------------------------------------


def _listed(seqs: list[int]) -> str:
    text = ", ".join(str(s) for s in seqs[:MAX_LISTED])
    return text + (" …" if len(seqs) > MAX_LISTED else "")


def _lot_for(ln: CountLine) -> int:
    """The lot of a found line, created from its batch and expiry when the books lack it."""
    if ln.lot_id:
        return ln.lot_id
    lot = Lot.get_or_none((Lot.item == ln.item_id) & (Lot.batch == ln.batch))
    if lot is None:
        lot = Lot.create(item=ln.item_id, batch=ln.batch, expiry=ln.expiry)
    StocktakeLine.update(lot=lot.id).where(StocktakeLine.id == ln.line_id).execute()
    return lot.id


def post(
    stocktake_id: int,
    *,
    approver_id: int | None = None,
    signed: Sequence[SignatureInput] = (),
    at: datetime | None = None,
) -> StocktakeInfo:
    """Post the differences as one voucher and close the stocktake.

    Needs the approver: an account (whose PIN the caller has checked with accounts.authenticate)
    or an approver's signature on the pad among `signed`. Every line expecting stock must be
    counted, and every difference needs a reason.
    """
    at = (at or now()).replace(microsecond=0)
    with write_transaction():
        st = _open(stocktake_id)
        approver = None
        if approver_id is not None:
            approver = Account.get_or_none(Account.id == approver_id)
            if approver is None or not approver.active or approver.role not in APPROVER_ROLES:
                raise SignOffMissing(
                    "盘点调整需要审核人（园长或管理员账户）批准",
                    "A stocktake adjustment needs an approver (an approver or admin account)",
                    field="signature:approver",
                )
        sigs = list(signed)
        if approver is None and not any(s.role == "approver" for s in sigs):
            raise SignOffMissing(
                "过账需要审核人签字或输入 PIN",
                "Posting needs the approver's signature or PIN",
                field="signature:approver",
            )
        if approver is not None and not any(s.role == "approver" for s in sigs):
            sigs.append(
                SignatureInput(
                    role="approver",
                    signer_name=approver.display_name,
                    method="pin",
                    account_id=approver.id,
                )
            )
        _sync(st)
        rows = lines(st.id)
        uncounted = [r.seq for r in rows if r.item_id and r.counted is None and r.expected != 0]
        if uncounted:
            raise BadInput(
                f"还有 {len(uncounted)} 行没有填写实盘数量（第 {_listed(uncounted)} 行）",
                f"{len(uncounted)} lines are not counted yet (lines {_listed(uncounted)})",
                field="counted",
                lines=uncounted,
            )
        diffs = [r for r in rows if r.item_id and r.difference]
        no_reason = [r.seq for r in diffs if not r.reason]
        if no_reason:
            raise BadInput(
                f"有差异的行必须填写原因（第 {_listed(no_reason)} 行）",
                f"Every difference needs a reason (lines {_listed(no_reason)})",
                field="reason",
                lines=no_reason,
            )
        _SET_EXPECTED.execute_many({"id": r.line_id, "qty": r.expected} for r in rows)
        voucher = None
        if diffs:
            vtype = "opening" if st.kind == "opening" else "adjustment"
            voucher_lines = [
                ledger.Line(
                    r.item_id, _lot_for(r), r.slot_id, r.difference or 0, note=r.reason or ""
                )
                for r in diffs
                if r.item_id is not None
            ]
            voucher = ledger.create_voucher(
                vtype,
                voucher_lines,
                doc_date=at.date(),
                reference=st.number,
                created_by=approver.id if approver else st.started_by_id,
            )
            st.voucher = voucher.id
            st.save()
            signatures.store_all(voucher, sigs, at)
            signatures.check_for_posting(voucher)
            ledger.post(voucher, by=approver.id if approver else None, at=at)
        counted_lines = [r for r in rows if r.item_id is not None]
        st.status = "closed"
        st.closed_at = at
        st.approved_by = approver.id if approver else None
        st.lines_total = len(counted_lines)
        st.lines_matched = sum(1 for r in counted_lines if not r.difference)
        st.save()
        st.report_pdf = _render_report(st, sigs if voucher is None else None)
        st.save()
        return _info(st)


# --- the count report ------------------------------------------------------------------------


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+,.2f}"


def _render_report(st: Stocktake, unsaved: Sequence[SignatureInput] | None) -> bytes:
    info = _info(st)
    rows = lines(st.id)
    diffs = [r for r in rows if r.item_id and r.difference]
    gain = sum((r.difference or 0) for r in diffs if (r.difference or 0) > 0)
    loss = sum((r.difference or 0) for r in diffs if (r.difference or 0) < 0)
    values = [r.value for r in diffs if r.value is not None]
    voucher_type = ""
    if st.voucher_id:
        voucher_type = code_label(Voucher.get_by_id(st.voucher_id).vtype)
    summary = [
        (pick("盘点单号", "Stocktake"), info.number),
        (pick("类型", "Type"), rules.label(info.kind)),
        (pick("期间", "Period"), info.period),
        (pick("范围", "Scope"), info.scope_text()),
        (pick("开始", "Started"), f"{info.started_at:%Y-%m-%d %H:%M} {info.started_by}".strip()),
        (pick("过账", "Posted"), f"{info.closed_at:%Y-%m-%d %H:%M}" if info.closed_at else ""),
        (pick("盘点行数", "Lines counted"), str(info.lines_total or 0)),
        (pick("账实相符", "Lines agreeing"), str(info.lines_matched or 0)),
        (pick("准确率", "Accuracy"), rules.accuracy_text(info.accuracy)),
        (pick("盘盈 / 盘亏（基本单位）", "Gain / loss (base units)"), f"{gain:+,} / {loss:+,}"),
        (
            pick("差异金额", "Value of differences"),
            _money(sum(values, Decimal("0"))) if values else pick("无单价", "no prices known"),
        ),
        (
            pick("调整单据", "Adjustment voucher"),
            f"{info.voucher_no} {voucher_type}"
            if info.voucher_no
            else pick("无（无差异）", "none (no differences)"),
        ),
    ]
    variance_rows = [
        sheets.VarianceLine(
            seq=r.seq,
            slot=r.slot,
            item_code=r.item_code,
            item_name=r.item_name,
            batch=r.batch,
            unit=r.unit,
            expected=r.expected,
            counted=r.counted or 0,
            difference=r.difference or 0,
            value=_money(r.value),
            reason=r.reason_text(),
        )
        for r in diffs
    ]
    signed: list[sheets.SignedBy] = []
    if st.voucher_id:
        for s in signatures.signatures_of(st.voucher_id):
            signed.append(
                sheets.SignedBy(s.role, s.signer_name, role_label(s.method), s.signed_at, s.png)
            )
    for s in unsaved or ():
        name = s.signer_name
        if s.method == "pin" and s.account_id:
            acc = Account.get_or_none(Account.id == s.account_id)
            name = acc.display_name if acc else name
        signed.append(sheets.SignedBy(s.role, name, role_label(s.method), st.closed_at, s.png))
    return sheets.report_pdf_bytes(sheet_header(info), summary, variance_rows, signed)


def report_pdf(stocktake_id: int) -> bytes:
    """The count report: as kept when posted; a preview for a count still open."""
    st = _get(stocktake_id)
    if st.status == "closed" and st.report_pdf:
        return bytes(st.report_pdf)
    return _render_report(st, None)


def write_report(stocktake_id: int, path: Path) -> Path:
    path = Path(path)
    try:
        path.write_bytes(report_pdf(stocktake_id))
    except OSError as exc:
        raise BadInput(
            f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}", field="file"
        ) from exc
    return path
