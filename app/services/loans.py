"""Loans and returns (借用 / 归还) of reusable equipment: approval, due date, condition, cleaning.

A loan is a posted loan voucher (the items leave their slot but stay ours) signed by the
borrower, the issuer and the approving head. A return is a return voucher back onto a slot, with
the condition noted; what is lost comes back to no slot. Returned items can be marked as
disinfected before they go out again. Held lots cannot be lent (ledger.post refuses them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from app.domain import i18n
from app.domain.errors import BadInput, NotFound
from app.domain.outbound import LOAN_CONDITIONS
from app.services import issuing, ledger, signatures
from app.services.issuing import Want
from app.services.signatures import SignatureInput
from app.store.database import write_transaction
from app.store.models import (
    Account,
    Item,
    Loan,
    LoanReturn,
    Lot,
    Party,
    Slot,
    Voucher,
    VoucherLine,
    now,
)

R = TypeVar("R")


def lend(
    borrower_id: int,
    wants: Sequence[Want],
    *,
    due: date,
    sigs: Sequence[SignatureInput],
    purpose: str = "",
    on: date | None = None,
    by: int | None = None,
    at: datetime | None = None,
) -> Loan:
    """Lend items (first expiry first, or the chosen lot) until `due`; the head signs as approver."""
    on = on or date.today()
    if due < on:
        raise BadInput(
            "归还日期不能早于借出日期", "The due date cannot be before today", field="due"
        )
    purpose = purpose.strip()
    if not purpose:
        raise BadInput("请填写借用用途", "Say what the items are borrowed for", field="purpose")
    with write_transaction():
        v = issuing.create_draft(borrower_id, wants, on=on, purpose=purpose, by=by, vtype="loan")
        signatures.store_all(v, sigs, at)
        signatures.check_for_posting(v)
        approver = next(s for s in signatures.signatures_of(v.id) if s.role == "approver")
        ledger.post(v, by=by, at=at)
        return Loan.create(
            voucher=v.id,
            borrower=borrower_id,
            due_date=due,
            purpose=purpose,
            approver_name=approver.signer_name,
        )


@dataclass(frozen=True)
class ReturnLine:
    """What comes back of one lent line (`loan_line_id` is the loan voucher's line)."""

    loan_line_id: int
    qty: int
    condition: str = "good"
    slot_id: int | None = None  # back to where it came from when not given
    note: str = ""


def outstanding(loan_id: int) -> dict[int, int]:
    """Lent line id → base units still out."""
    loan = Loan.get_by_id(loan_id)
    out = {
        ln.id: ln.qty for ln in VoucherLine.select().where(VoucherLine.voucher == loan.voucher_id)
    }
    for r in LoanReturn.select().where(LoanReturn.loan == loan.id):
        out[r.loan_line_id] -= r.qty
    return out


def return_items(
    loan_id: int,
    lines: Sequence[ReturnLine],
    *,
    disinfected: bool = False,
    on: date | None = None,
    by: int | None = None,
    at: datetime | None = None,
) -> list[LoanReturn]:
    """Take items back: each line's condition noted; the loan closes when nothing is out."""
    on = on or date.today()
    if not lines:
        raise BadInput("请填写归还的物资", "Say what comes back", field="lines")
    with write_transaction():
        loan = Loan.get_or_none(Loan.id == loan_id)
        if loan is None:
            raise NotFound(f"借用记录 {loan_id} 不存在", f"Loan {loan_id} does not exist")
        if loan.status != "open":
            raise BadInput("这笔借用已经归还完毕", "This loan is already returned")
        left = outstanding(loan.id)
        lent = {
            ln.id: ln for ln in VoucherLine.select().where(VoucherLine.voucher == loan.voucher_id)
        }
        back: list[tuple[ReturnLine, ledger.Line]] = []
        lost: list[ReturnLine] = []
        for i, rl in enumerate(lines, start=1):
            ln = lent.get(rl.loan_line_id)
            if ln is None:
                raise BadInput(f"第 {i} 行不是这笔借用的物资", f"Line {i} is not of this loan")
            if rl.condition not in LOAN_CONDITIONS:
                raise BadInput(
                    f"未知的状况 {rl.condition}",
                    f"Unknown condition {rl.condition}",
                    field=f"line:{i}:condition",
                )
            if rl.qty <= 0 or rl.qty > left[ln.id]:
                raise BadInput(
                    f"第 {i} 行归还数量应在 1 到 {left[ln.id]} 之间",
                    f"Line {i}: the quantity back must be 1 to {left[ln.id]}",
                    field=f"line:{i}:qty",
                )
            left[ln.id] -= rl.qty
            if rl.condition == "lost":
                if not rl.note.strip():
                    raise BadInput(
                        f"第 {i} 行丢失，请说明情况",
                        f"Line {i} is lost; say what happened",
                        field=f"line:{i}:note",
                    )
                lost.append(rl)
            else:
                back.append(
                    (
                        rl,
                        ledger.Line(
                            ln.item_id,
                            ln.lot_id,
                            rl.slot_id or ln.slot_id,
                            rl.qty,
                            party_id=loan.borrower_id,
                            note=rl.note.strip(),
                        ),
                    )
                )
        rows: list[LoanReturn] = []
        voucher = None
        if back:
            voucher = ledger.create_voucher(
                "return",
                [line for _rl, line in back],
                doc_date=on,
                party_id=loan.borrower_id,
                reference=loan.voucher.number,
                note=i18n.pick("借用归还", "loan returned"),
                created_by=by,
            )
            ledger.post(voucher, by=by, at=at)
        stamp = (at or now()).replace(microsecond=0)
        for rl, _line in back:
            rows.append(
                LoanReturn.create(
                    loan=loan.id,
                    loan_line=rl.loan_line_id,
                    voucher=voucher.id if voucher else None,
                    qty=rl.qty,
                    condition=rl.condition,
                    note=rl.note.strip(),
                    returned_on=on,
                    disinfected=disinfected,
                    disinfected_at=stamp if disinfected else None,
                    disinfected_by=by if disinfected else None,
                )
            )
        for rl in lost:
            rows.append(
                LoanReturn.create(
                    loan=loan.id,
                    loan_line=rl.loan_line_id,
                    qty=rl.qty,
                    condition="lost",
                    note=rl.note.strip(),
                    returned_on=on,
                )
            )
        if all(q == 0 for q in left.values()):
            loan.status = "returned"
            loan.closed_on = on
            loan.save()
        return rows


def mark_disinfected(
    return_id: int, *, by: int | None = None, at: datetime | None = None
) -> LoanReturn:
    """Record that returned items were disinfected (before they go out again)."""
    with write_transaction():
        r = LoanReturn.get_or_none(LoanReturn.id == return_id)
        if r is None:
            raise NotFound(f"归还记录 {return_id} 不存在", f"Return {return_id} does not exist")
        if r.condition == "lost":
            raise BadInput("丢失的物资无需消毒", "Lost items are not disinfected")
        r.disinfected = True
        r.disinfected_at = (at or now()).replace(microsecond=0)
        r.disinfected_by = by
        r.save()
        return r


@dataclass(frozen=True)
class LoanLineRow:
    line_id: int
    item: str
    unit: str
    batch: str
    slot_id: int
    slot: str
    lent: int
    out: int


@dataclass(frozen=True)
class LoanRow:
    loan_id: int
    number: str
    borrower: str
    lent_on: date
    due_date: date
    purpose: str
    approver: str
    status: str
    items: str
    out: int
    overdue_days: int
    lines: list[LoanLineRow]


# ids stay few per query: SQLite and PostgreSQL both cap the values bound to one statement
READ_CHUNK = 500


def loan_ids(*, open_only: bool = False) -> list[int]:
    """Loans newest first, ids only (a page reads the rows it shows through `loan_rows`)."""
    q = Loan.select(Loan.id).order_by(Loan.id.desc())
    if open_only:
        q = q.where(Loan.status == "open")
    return [loan_id for (loan_id,) in q.tuples()]


def loan_rows(ids: Sequence[int], *, on: date | None = None) -> dict[int, LoanRow]:
    """Loan id → its row, with what is still out and how many days overdue (three queries)."""
    on = on or date.today()
    if not ids:
        return {}
    found = list(
        Loan.select(
            Loan.id,
            Loan.voucher,
            Voucher.number,
            Party.name,
            Voucher.doc_date,
            Loan.due_date,
            Loan.purpose,
            Loan.approver_name,
            Loan.status,
        )
        .join(Voucher)
        .switch(Loan)
        .join(Party)
        .where(Loan.id.in_(list(ids)))
        .tuples()
    )
    lines: dict[int, list[tuple]] = defaultdict(list)
    for ln in (
        VoucherLine.select(
            VoucherLine.voucher,
            VoucherLine.id,
            Item.name,
            Item.base_unit,
            Lot.batch,
            VoucherLine.slot,
            Slot.code,
            VoucherLine.qty,
        )
        .join(Item)
        .switch(VoucherLine)
        .join(Lot)
        .switch(VoucherLine)
        .join(Slot)
        .where(VoucherLine.voucher.in_([f[1] for f in found]))
        .order_by(VoucherLine.line_no)
        .tuples()
    ):
        lines[ln[0]].append(ln[1:])
    back: dict[int, int] = defaultdict(int)
    for line_id, qty in (
        LoanReturn.select(LoanReturn.loan_line, LoanReturn.qty)
        .where(LoanReturn.loan.in_([f[0] for f in found]))
        .tuples()
    ):
        back[line_id] += qty
    out: dict[int, LoanRow] = {}
    for loan_id, voucher_id, number, borrower, lent_on, due, purpose, approver, status in found:
        ll = [
            LoanLineRow(line_id, item, unit, batch, slot_id, slot, qty, qty - back[line_id])
            for line_id, item, unit, batch, slot_id, slot, qty in lines[voucher_id]
        ]
        late = (on - due).days if status == "open" and on > due else 0
        out[loan_id] = LoanRow(
            loan_id,
            number or "",
            borrower,
            lent_on,
            due,
            purpose,
            approver,
            status,
            "；".join(f"{x.item} {x.lent} {x.unit}" for x in ll),
            sum(x.out for x in ll),
            late,
            ll,
        )
    return out


def _in_order(ids: list[int], read: Callable[[list[int]], dict[int, R]]) -> list[R]:
    rows: dict[int, R] = {}
    for start in range(0, len(ids), READ_CHUNK):
        rows.update(read(ids[start : start + READ_CHUNK]))
    return [rows[i] for i in ids]


def loans(*, open_only: bool = False, on: date | None = None) -> list[LoanRow]:
    """Loans newest first, each with what is still out and how many days overdue."""
    return _in_order(loan_ids(open_only=open_only), lambda ids: loan_rows(ids, on=on))


def overdue(on: date | None = None) -> list[LoanRow]:
    """Open loans past their due date, most overdue first."""
    rows = [r for r in loans(open_only=True, on=on) if r.overdue_days > 0]
    return sorted(rows, key=lambda r: -r.overdue_days)


@dataclass(frozen=True)
class ReturnRow:
    return_id: int
    loan_number: str
    borrower: str
    item: str
    qty: int
    unit: str
    condition: str
    returned_on: date
    disinfected: bool
    disinfected_by: str


def return_ids(*, awaiting_disinfection: bool = False) -> list[int]:
    """Returns newest first, ids only; `awaiting_disinfection` keeps what is back but not yet
    disinfected (lost items are never disinfected)."""
    q = LoanReturn.select(LoanReturn.id).order_by(LoanReturn.id.desc())
    if awaiting_disinfection:
        q = q.where((LoanReturn.disinfected == False) & (LoanReturn.condition != "lost"))  # noqa: E712
    return [return_id for (return_id,) in q.tuples()]


def return_rows(ids: Sequence[int]) -> dict[int, ReturnRow]:
    """Return id → its row: the loan, borrower and item it belongs to (two queries)."""
    if not ids:
        return {}
    found = (
        LoanReturn.select(  # tuples: model objects of six tables cost 3× more
            LoanReturn.id,
            Voucher.number,
            Party.name,
            Item.name,
            LoanReturn.qty,
            Item.base_unit,
            LoanReturn.condition,
            LoanReturn.returned_on,
            LoanReturn.disinfected,
            LoanReturn.disinfected_by,
        )
        .join(Loan)
        .join(Voucher, on=(Loan.voucher == Voucher.id))
        .switch(Loan)
        .join(Party)
        .switch(LoanReturn)
        .join(VoucherLine, on=(LoanReturn.loan_line == VoucherLine.id))
        .join(Item)
        .where(LoanReturn.id.in_(list(ids)))
        .tuples()
    )
    rows = list(found)
    by = list({r[-1] for r in rows if r[-1]})
    names = dict(
        Account.select(Account.id, Account.display_name).where(Account.id.in_(by)).tuples()
        if by
        else ()
    )
    out: dict[int, ReturnRow] = {}
    for rid, number, borrower, item, qty, unit, condition, on, disinfected, by_id in rows:
        out[rid] = ReturnRow(
            rid,
            number or "",
            borrower,
            item,
            qty,
            unit,
            condition,
            on,
            bool(disinfected),
            names.get(by_id, ""),
        )
    return out


def returns(*, awaiting_disinfection: bool = False) -> list[ReturnRow]:
    """Returns newest first."""
    return _in_order(return_ids(awaiting_disinfection=awaiting_disinfection), return_rows)
