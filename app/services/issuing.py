"""Issuing (出库发放 / 领用): first-expiry lot picking, per-person limits, overrides, sign-off.

One issue is one write transaction: the draft's lines are picked, every receiver's allowance is
checked under the write lock, an approver's override is recorded when given, the signatures are
stored and checked, and `ledger.post` moves the stock — or nothing is written at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

import peewee as pw

from app.domain import codes, fefo, i18n
from app.domain.allowance import Breach
from app.domain.errors import (
    AlreadyPosted,
    AuthError,
    BadInput,
    InsufficientStock,
    LimitExceeded,
    NotFound,
)
from app.services import accounts, audit, ledger, limits, settings, signatures
from app.services.signatures import SignatureInput
from app.store.compiled import Grouped, Param, Statement, in_params
from app.store.database import write_transaction
from app.store.models import (
    Account,
    Balance,
    DisinfectantUse,
    IssueOverride,
    Item,
    Lot,
    LotHold,
    Party,
    Signature,
    Slot,
    Voucher,
    VoucherLine,
    now,
)

RECEIVER_KINDS = ("person", "department")
APPROVER_ROLES = ("approver", "admin")


@dataclass(frozen=True)
class Want:
    """One typed line: an item and a quantity in base units, for a person or the header receiver.

    `lot_id` chooses a lot other than the first-expiry one; `reason` says why (required then).
    """

    item_id: int
    qty: int
    party_id: int | None = None
    lot_id: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class Pick:
    """Where to take (part of) a line from: the slot, the lot and how many."""

    item_id: int
    lot_id: int
    slot_id: int
    slot_code: str
    batch: str
    expiry: date | None
    qty: int


@dataclass(frozen=True)
class OverrideApproval:
    """An approver's yes to an issue over a limit: their account (PIN checked) and the reason."""

    account_id: int
    name: str
    reason: str


# --- lots and picking -------------------------------------------------------------------------


_HELD = Grouped(
    lambda n: LotHold.select(LotHold.lot).where(
        LotHold.lot.in_(in_params(n)) & LotHold.released_at.is_null()
    )
)
# Stock of several items at once: a voucher's picks read it once, not once per line.
_STOCK = Grouped(
    lambda n: (
        Balance.select(
            Balance.item, Balance.lot, Balance.slot, Lot.expiry, Balance.qty, Slot.code, Lot.batch
        )
        .join(Lot, on=(Lot.id == Balance.lot))
        .switch(Balance)
        .join(Slot, on=(Slot.id == Balance.slot))
        .where(Balance.item.in_(in_params(n)) & (Balance.qty > 0))
    )
)

StockRows = list[tuple[fefo.Available, str, str]]  # (available, slot code, batch)
_WHO = (Party.id, Party.kind, Party.name, Party.active, Party.risk_group)


class Who(NamedTuple):
    """What a receiver check reads of a person or department (one row of a compiled read)."""

    id: int
    kind: str
    name: str
    active: bool
    risk_group: str | None


class ItemFacts(NamedTuple):
    """What picking reads of an item."""

    id: int
    code: str
    name: str
    base_unit: str
    category_id: str


_PARTY = Statement(lambda: Party.select(*_WHO).where(Party.id == Param("id")))
_PARTIES = Grouped(lambda n: Party.select(*_WHO).where(Party.id.in_(in_params(n))))
_ITEMS = Grouped(
    lambda n: Item.select(Item.id, Item.code, Item.name, Item.base_unit, Item.category).where(
        Item.id.in_(in_params(n))
    )
)


def item_facts(item_ids: Sequence[int]) -> dict[int, ItemFacts]:
    return {r[0]: ItemFacts(*r) for r in _ITEMS.rows(sorted(set(item_ids)))}


def who(party_ids: Sequence[int]) -> dict[int, Who]:
    """The people or departments with these ids, read at once."""
    return {
        r[0]: Who(r[0], r[1], r[2], bool(r[3]), r[4]) for r in _PARTIES.rows(sorted(set(party_ids)))
    }


_LINE_COUNT = Statement(
    lambda: VoucherLine.select(pw.fn.COUNT(VoucherLine.id)).where(
        VoucherLine.voucher == Param("voucher")
    )
)
_PARTY_LINES = Statement(
    lambda: (
        VoucherLine.select(
            VoucherLine.party, VoucherLine.line_no, VoucherLine.item, VoucherLine.qty
        )
        .where(VoucherLine.voucher == Param("voucher"))
        .order_by(VoucherLine.line_no)
    )
)


def held_lot_ids(lot_ids: Sequence[int] | None = None) -> set[int]:
    if lot_ids is None:
        q = LotHold.select(LotHold.lot).where(LotHold.released_at.is_null())
        return {h.lot_id for h in q}
    return {r[0] for r in _HELD.rows(sorted(set(lot_ids)))}


def _stock_of(item_ids: Sequence[int]) -> dict[int, StockRows]:
    """item id → its lot × slot rows in stock, for several items in one query."""
    out: dict[int, StockRows] = {i: [] for i in item_ids}
    for item_id, lot_id, slot_id, expiry, qty, slot_code, batch in _STOCK.rows(
        sorted(set(item_ids))
    ):
        out[item_id].append(
            (fefo.Available(lot_id, slot_id, ledger.as_date(expiry), qty), slot_code, batch)
        )
    return out


def _stock(item_id: int, lot_id: int | None = None) -> StockRows:
    rows = _stock_of([item_id])[item_id]
    return rows if lot_id is None else [r for r in rows if r[0].lot_id == lot_id]


def _less(a: fefo.Available, taken: int) -> fefo.Available:
    """What is left of a lot × slot after earlier lines of the voucher took `taken`."""
    return fefo.Available(a.lot_id, a.slot_id, a.expiry, a.qty - taken) if taken else a


def plan(
    want: Want,
    on: date,
    taken: dict[tuple[int, int], int] | None = None,
    *,
    item: Item | ItemFacts | None = None,
    stock: StockRows | None = None,
    held: set[int] | None = None,
) -> list[Pick]:
    """Where to pick a line from: earliest expiry first across slots (or the chosen lot).

    `taken` is what earlier lines of the same voucher already take per (lot, slot); it is
    updated. Expired and held lots are never picked; raises InsufficientStock with what is usable.
    `stock` (the item's rows in stock) and `held` (held lot ids among them) may come from the
    caller, who read them once for a whole voucher inside the same transaction.
    """
    taken = {} if taken is None else taken
    if item is None or item.id != want.item_id:
        item = Item.get_or_none(Item.id == want.item_id)
    if item is None:
        raise NotFound(f"物资 {want.item_id} 不存在", f"Item {want.item_id} does not exist")
    if want.qty <= 0:
        raise BadInput("数量必须大于 0", "The quantity must be more than 0", field="qty")
    if stock is None:
        rows = _stock(item.id, want.lot_id)
    else:
        rows = stock if want.lot_id is None else [r for r in stock if r[0].lot_id == want.lot_id]
    if want.lot_id is not None:
        lot = Lot.get_or_none(Lot.id == want.lot_id)
        if lot is None or lot.item_id != item.id:
            raise BadInput("所选批次不属于该物资", "The chosen lot is of another item", field="lot")
        if lot.expiry and lot.expiry < on:
            raise InsufficientStock(
                f"{item.name} 批号 {lot.batch} 已于 {lot.expiry} 过期，不能发放",
                f"{item.name} batch {lot.batch} expired on {lot.expiry}; it cannot be issued",
                field="lot",
            )
    if held is None:
        held = held_lot_ids([a.lot_id for a, _s, _b in rows])
    if want.lot_id is not None and want.lot_id in held:
        lot = Lot.get_by_id(want.lot_id)
        raise InsufficientStock(
            f"{item.name} 批号 {lot.batch} 已冻结，不能发放",
            f"{item.name} batch {lot.batch} is on hold; it cannot be issued",
            field="lot",
        )
    usable = [
        (_less(a, taken.get((a.lot_id, a.slot_id), 0)), slot, batch)
        for a, slot, batch in rows
        if a.lot_id not in held
    ]
    info = {(a.lot_id, a.slot_id): (slot, batch) for a, slot, batch in usable}
    try:
        picks = fefo.pick([a for a, _s, _b in usable], want.qty, on)
    except ValueError:
        have = sum(a.qty for a, _s, _b in usable if a.expiry is None or a.expiry >= on)
        raise InsufficientStock(
            f"库存不足：{item.name} 可发 {have} {item.base_unit}（不含过期和冻结批次），"
            f"要发 {want.qty} {item.base_unit}",
            f"Not enough stock: {item.name} has {have} {item.base_unit} that can be issued "
            f"(expired and held lots left out), {want.qty} requested",
            field="qty",
            have=have,
            wanted=want.qty,
        ) from None
    for a, n in picks:
        taken[(a.lot_id, a.slot_id)] = taken.get((a.lot_id, a.slot_id), 0) + n
    return [
        Pick(item.id, a.lot_id, a.slot_id, *info[(a.lot_id, a.slot_id)], a.expiry, n)
        for a, n in picks
    ]


def plan_all(wants: Sequence[Want], on: date) -> list[list[Pick]]:
    """The picks of every line of one voucher, later lines after what earlier ones take."""
    taken: dict[tuple[int, int], int] = {}
    return [plan(w, on, taken) for w in wants]


def first_lot(item_id: int, on: date) -> int | None:
    """The lot first-expiry-first would take from now (held and expired lots left out)."""
    rows = _stock(item_id)
    held = held_lot_ids([a.lot_id for a, _s, _b in rows])
    usable = [
        a for a, _s, _b in rows if a.lot_id not in held and (a.expiry is None or a.expiry >= on)
    ]
    if not usable:
        return None
    usable.sort(key=lambda s: (s.expiry is None, s.expiry or date.max, s.lot_id, s.slot_id))
    return usable[0].lot_id


@dataclass(frozen=True)
class LotChoice:
    lot_id: int
    batch: str
    expiry: date | None
    qty: int
    held: bool
    expired: bool


def lot_choices(item_id: int, on: date) -> list[LotChoice]:
    """Every lot of the item in stock, first expiry first, marked held or expired."""
    totals: dict[int, int] = defaultdict(int)
    lots: dict[int, Lot] = {}
    for b in (
        Balance.select(Balance, Lot).join(Lot).where((Balance.item == item_id) & (Balance.qty > 0))
    ):
        totals[b.lot_id] += b.qty
        lots[b.lot_id] = b.lot
    held = held_lot_ids(list(totals))
    out = [
        LotChoice(
            lid,
            lots[lid].batch,
            lots[lid].expiry,
            qty,
            lid in held,
            bool(lots[lid].expiry and lots[lid].expiry < on),
        )
        for lid, qty in totals.items()
    ]
    out.sort(key=lambda c: (c.expiry is None, c.expiry or date.max, c.lot_id))
    return out


# --- receivers --------------------------------------------------------------------------------


def _receiver(party_id: int | None, field: str = "receiver") -> Who:
    found = _PARTY.rows(id=party_id) if party_id else []
    r = found[0] if found else None
    return _check_receiver(Who(r[0], r[1], r[2], bool(r[3]), r[4]) if r else None, field)


def _check_receiver(party: Who | None, field: str = "receiver") -> Who:
    if party is None:
        raise BadInput("请选择领用人或领用部门", "Choose the receiver", field=field)
    if party.kind not in RECEIVER_KINDS:
        raise BadInput(
            f"{party.name} 不是人员或部门，不能领用",
            f"{party.name} is not a person or department and cannot receive stock",
            field=field,
        )
    if not party.active:
        raise BadInput(
            f"{party.name} 已停用，不能领用",
            f"{party.name} is inactive and cannot receive stock",
            field=field,
        )
    return party


def members(department_id: int) -> list[Party]:
    """The active people of a department or class, by staff number."""
    return list(
        Party.select()
        .where(
            (Party.department == department_id) & (Party.kind == "person") & (Party.active == True)  # noqa: E712
        )
        .order_by(Party.staff_no, Party.id)
    )


def round_wants(department_id: int, item_id: int, each: int) -> list[Want]:
    """The daily round: `each` of one item for every active member, one line per person."""
    return [Want(item_id, each, party_id=p.id) for p in members(department_id)]


# --- overrides --------------------------------------------------------------------------------


def approve_override(username: str, pin: str, reason: str) -> OverrideApproval:
    """An approver's PIN and reason; a wrong PIN is counted (and refused) like any sign-in."""
    reason = " ".join(reason.split())
    if not reason:
        raise BadInput("请填写超标发放的原因", "Give the reason for the override", field="reason")
    acc = accounts.authenticate(username, pin)
    if acc.role not in APPROVER_ROLES:
        raise AuthError(
            f"{acc.display_name} 没有审批权限（需审核人或管理员）",
            f"{acc.display_name} may not approve (an approver or administrator must)",
            field="username",
        )
    return OverrideApproval(acc.id, acc.display_name, reason)


def _limit_error(found: list[Breach]) -> LimitExceeded:
    texts = [limits.breach_text(b) for b in found]
    return LimitExceeded(
        "；".join(t[0] for t in texts) + "。如确需发放，请审核人用 PIN 批准并填写原因",
        "; ".join(t[1] for t in texts) + ". An approver may override with their PIN and a reason",
        field="qty",
        breaches=found,
    )


# --- drafts and posting -----------------------------------------------------------------------


def _add_lines(v: Voucher, receiver: Who, wants: Sequence[Want], on: date) -> None:
    n = _LINE_COUNT.scalar(voucher=v.id) or 0
    taken: dict[tuple[int, int], int] = {}
    items = item_facts([w.item_id for w in wants])
    # One read of the stock, holds and people for the whole voucher (the write lock is held,
    # so none of them can change while the lines are picked).
    stock = _stock_of(sorted(items))
    held = held_lot_ids([a.lot_id for rows in stock.values() for a, _s, _b in rows])
    known = who(list({w.party_id for w in wants if w.party_id} - {receiver.id}))
    parties = {receiver.id: receiver}
    new_lines: list[dict[str, object]] = []
    for i, want in enumerate(wants, start=1):
        pid = want.party_id or receiver.id
        if pid not in parties:
            parties[pid] = _check_receiver(known.get(pid), f"line:{i}:party")
        party = parties[pid]
        reason = " ".join(want.reason.split())
        if want.lot_id is not None and not reason and want.lot_id != first_lot(want.item_id, on):
            raise BadInput(
                f"第 {i} 行没有按先到期先出选批次，请填写原因",
                f"Line {i} is not from the first-expiring lot; give a reason",
                field=f"line:{i}:reason",
            )
        try:
            picks = plan(
                want,
                on,
                taken,
                item=items.get(want.item_id),
                stock=stock.get(want.item_id),
                held=held,
            )
        except InsufficientStock as exc:
            exc.field = f"line:{i}:{exc.field or 'qty'}"
            raise
        for p in picks:
            new_lines.append(
                {
                    "item": p.item_id,
                    "lot": p.lot_id,
                    "slot": p.slot_id,
                    "qty": p.qty,
                    "party": party.id,
                    "pick_reason": reason if want.lot_id is not None else "",
                }
            )
    ledger.insert_lines(v.id, new_lines, first_no=n + 1)


def create_draft(
    receiver_id: int,
    wants: Sequence[Want],
    *,
    on: date | None = None,
    purpose: str = "",
    by: int | None = None,
    requisition_id: int | None = None,
    vtype: str = "issue",
) -> Voucher:
    """A draft issue with its lots picked; changes no stock. Call alone or inside a transaction."""
    on = on or date.today()
    if not wants:
        raise BadInput("请至少填写一行物资", "Add at least one line", field="lines")
    with write_transaction():
        receiver = _receiver(receiver_id)
        v = ledger.insert_voucher(
            vtype=vtype,
            doc_date=on,
            party=receiver.id,
            note=purpose.strip(),
            created_by=by,
            requisition=requisition_id,
        )
        _add_lines(v, receiver, wants, on)
        return v


def discard_draft(voucher_id: int) -> None:
    """Throw away a draft (never a posted voucher) with its lines and signatures."""
    with write_transaction():
        v = Voucher.get_or_none(Voucher.id == voucher_id)
        if v is None:
            return
        if v.status != "draft":
            raise BadInput("已过账的单据不能删除", "A posted voucher cannot be deleted")
        Signature.delete().where(Signature.voucher == v.id).execute()
        VoucherLine.delete().where(VoucherLine.voucher == v.id).execute()
        v.delete_instance()


def breaches_of(v: Voucher) -> list[Breach]:
    lines = [
        (ln.party_id, ln.item_id, ln.qty)
        for ln in VoucherLine.select().where(VoucherLine.voucher == v.id)
        if ln.party_id
    ]
    return limits.check(lines, v.doc_date)


def _post(
    v: Voucher,
    *,
    sigs: Sequence[SignatureInput],
    override: OverrideApproval | None,
    by: int | None,
    at: datetime | None,
) -> Voucher:
    """The checks and the posting of a draft issue; inside the caller's write transaction."""
    if v.status != "draft":
        raise AlreadyPosted(
            f"单据 {v.number} 已过账", f"Voucher {v.number} is already posted", field=None
        )
    header = _receiver(v.party_id)
    seen = {v.party_id}
    line_rows = _PARTY_LINES.rows(voucher=v.id)
    known = who(list({p for p, _n, _i, _q in line_rows if p} - seen))
    for party_id, line_no, _item, _qty in line_rows:
        if party_id not in seen:
            _check_receiver(known.get(party_id), f"line:{line_no}:party")
            seen.add(party_id)
    found = (
        limits.check(
            [(p, i, q) for p, _n, i, q in line_rows if p],
            v.doc_date,
            items=item_facts([i for _p, _n, i, _q in line_rows]),
            parties=known | {header.id: header},
        )
        if v.vtype == "issue"
        else []
    )
    if found:
        if override is None:
            raise _limit_error(found)
        approver = Account.get_or_none(Account.id == override.account_id)
        if approver is None or not approver.active or approver.role not in APPROVER_ROLES:
            raise AuthError(
                "批准人无审批权限", "The override needs an active approver", field="pin"
            )
        for b in found:
            IssueOverride.create(
                voucher=v.id,
                party=b.party_id,
                rule_code=b.rule_code,
                kind=b.kind,
                used=b.used,
                wanted=b.wanted,
                allowed=b.allowed,
                period=b.period,
                approver=approver.id,
                reason=override.reason,
                at=(at or now()).replace(microsecond=0),
            )
    sigs = list(sigs)
    if found and override is not None and not any(s.role == "approver" for s in sigs):
        # The approver's PIN for the override is their sign-off as 审核人 on the voucher too,
        # unless they already sign it in another role.
        signed_accounts = {s.account_id for s in sigs if s.account_id is not None}
        if override.account_id not in signed_accounts:
            sigs.append(SignatureInput("approver", "", "pin", account_id=override.account_id))
    signed = signatures.store_all(v, sigs, at)
    signatures.check_for_posting(v, signed)
    posted = ledger.post(v, by=by, at=at)
    if found and override is not None:
        audit.record(
            "issue.override",
            {
                "voucher": posted.number,
                "reason": override.reason,
                "breaches": [
                    {
                        "party": b.party_name,
                        "rule": b.rule_code,
                        "kind": b.kind,
                        "used": b.used,
                        "wanted": b.wanted,
                        "allowed": b.allowed,
                        "period": b.period,
                    }
                    for b in found
                ],
            },
            by=override.account_id,
        )
    return posted


def post_issue(
    voucher_id: int,
    *,
    sigs: Sequence[SignatureInput] = (),
    override: OverrideApproval | None = None,
    by: int | None = None,
    at: datetime | None = None,
) -> Voucher:
    """Post a draft issue: limits checked under the write lock, overrides recorded, signed."""
    with write_transaction():
        v = Voucher.get_or_none(Voucher.id == voucher_id)
        if v is None:
            raise NotFound(f"单据 {voucher_id} 不存在", f"Voucher {voucher_id} does not exist")
        return _post(v, sigs=sigs, override=override, by=by, at=at)


def issue(
    receiver_id: int,
    wants: Sequence[Want],
    *,
    sigs: Sequence[SignatureInput] = (),
    on: date | None = None,
    purpose: str = "",
    override: OverrideApproval | None = None,
    by: int | None = None,
    at: datetime | None = None,
    requisition_id: int | None = None,
) -> Voucher:
    """Pick, check, sign and post an issue in one write transaction (batch issue: lines name
    their person in `Want.party_id`, the receiver is the class or department)."""
    with write_transaction():
        v = create_draft(
            receiver_id, wants, on=on, purpose=purpose, by=by, requisition_id=requisition_id
        )
        return _post(v, sigs=sigs, override=override, by=by, at=at)


# --- disinfectant use log ---------------------------------------------------------------------


def log_disinfectant(
    item_id: int,
    qty: int,
    *,
    person_id: int,
    dilution: str,
    area: str,
    sigs: Sequence[SignatureInput] = (),
    on: date | None = None,
    note: str = "",
    by: int | None = None,
    at: datetime | None = None,
) -> DisinfectantUse:
    """One taking of a logged disinfectant: issued to the person and written in the use log."""
    on = on or date.today()
    dilution, area = dilution.strip(), area.strip()
    item = Item.get_or_none(Item.id == item_id)
    if item is None or not item.use_log:
        raise BadInput(
            "该物资未设置为消毒液使用登记", "This item is not set up for the use log", field="item"
        )
    if not dilution:
        raise BadInput(
            "请填写稀释比例（如 1:100）", "Enter the dilution (e.g. 1:100)", field="dilution"
        )
    if not area:
        raise BadInput("请填写使用区域", "Enter the area", field="area")
    with write_transaction():
        v = issue(
            person_id,
            [Want(item_id, qty)],
            sigs=sigs,
            on=on,
            purpose=i18n.pick(f"消毒：{area}（{dilution}）", f"disinfection: {area} ({dilution})"),
            by=by,
            at=at,
        )
        return DisinfectantUse.create(
            voucher=v.id,
            item=item_id,
            qty=qty,
            dilution=dilution,
            area=area,
            person=person_id,
            used_on=on,
            note=note.strip(),
        )


@dataclass(frozen=True)
class UseRow:
    used_on: date
    voucher: str
    item: str
    qty: int
    unit: str
    dilution: str
    area: str
    person: str
    note: str


def use_log(start: date | None = None, end: date | None = None) -> list[UseRow]:
    q = (
        DisinfectantUse.select(DisinfectantUse, Item, Party, Voucher)
        .join(Item)
        .switch(DisinfectantUse)
        .join(Party)
        .switch(DisinfectantUse)
        .join(Voucher)
        .order_by(DisinfectantUse.used_on.desc(), DisinfectantUse.id.desc())
    )
    if start:
        q = q.where(DisinfectantUse.used_on >= start)
    if end:
        q = q.where(DisinfectantUse.used_on <= end)
    return [
        UseRow(
            r.used_on,
            r.voucher.number or "",
            r.item.name,
            r.qty,
            r.item.base_unit,
            r.dilution,
            r.area,
            r.person.name,
            r.note,
        )
        for r in q
    ]


# --- sign sheet (签领表) ---------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One person's line on the sign sheet."""

    staff_no: str
    name: str
    role: str
    item: str
    batch: str
    qty: str


@dataclass(frozen=True)
class SignSheet:
    institution: str
    title_date: date
    department: str
    number: str  # the voucher number, or empty for a draft
    purpose: str
    rows: tuple[SheetRow, ...]
    issuer: str


def sign_sheet(voucher_id: int) -> SignSheet:
    """The sign sheet of an issue (usually a class round): one row per person and item."""
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None:
        raise NotFound(f"单据 {voucher_id} 不存在", f"Voucher {voucher_id} does not exist")
    per: dict[tuple[int, int], list] = {}
    for ln in (
        VoucherLine.select(VoucherLine, Item, Lot, Party)
        .join(Item)
        .switch(VoucherLine)
        .join(Lot)
        .switch(VoucherLine)
        .join(Party)
        .where(VoucherLine.voucher == v.id)
        .order_by(VoucherLine.line_no)
    ):
        key = (ln.party_id, ln.item_id)
        if key not in per:
            per[key] = [ln.party, ln.item, [], 0]
        if ln.lot.batch not in per[key][2]:
            per[key][2].append(ln.lot.batch)
        per[key][3] += ln.qty
    rows = tuple(
        SheetRow(
            p.staff_no or "",
            p.name,
            p.role,
            item.name,
            "、".join(batches),
            f"{qty:,} {item.base_unit}",
        )
        for p, item, batches, qty in per.values()
    )
    issuer = next((s.signer_name for s in signatures.signatures_of(v.id) if s.role == "issuer"), "")
    if not issuer and v.posted_by_id:
        issuer = Account.get_by_id(v.posted_by_id).display_name
    return SignSheet(
        settings.institution_name(),
        v.doc_date,
        Party.get_by_id(v.party_id).name if v.party_id else "",
        v.number or "",
        v.note,
        rows,
        issuer,
    )


# --- reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverrideRow:
    at: datetime
    voucher: str
    doc_date: date
    person: str
    rule_code: str
    kind: str
    used: int
    wanted: int
    allowed: int
    period: str | None
    approver: str
    reason: str


def override_ids(start: date | None = None, end: date | None = None) -> list[int]:
    """The ids of the limit overrides (newest first), of issues dated from `start` to `end`."""
    q = IssueOverride.select(IssueOverride.id)
    if start or end:
        q = q.join(Voucher, on=(IssueOverride.voucher == Voucher.id))
    if start:
        q = q.where(Voucher.doc_date >= start)
    if end:
        q = q.where(Voucher.doc_date <= end)
    return [r[0] for r in q.order_by(IssueOverride.id.desc()).tuples()]


def override_rows(ids: Sequence[int]) -> dict[int, OverrideRow]:
    """The overrides with these ids, read in one query (a page of the overrides list)."""
    out: dict[int, OverrideRow] = {}
    for chunk in _chunks(ids):
        q = (
            IssueOverride.select(
                IssueOverride.id,
                IssueOverride.at,
                Voucher.number,
                Voucher.doc_date,
                Party.name,
                IssueOverride.rule_code,
                IssueOverride.kind,
                IssueOverride.used,
                IssueOverride.wanted,
                IssueOverride.allowed,
                IssueOverride.period,
                Account.display_name,
                IssueOverride.reason,
            )
            .join(Voucher, on=(IssueOverride.voucher == Voucher.id))
            .switch(IssueOverride)
            .join(Party, on=(IssueOverride.party == Party.id))
            .switch(IssueOverride)
            .join(Account, on=(IssueOverride.approver == Account.id))
            .where(IssueOverride.id.in_(chunk))
        )
        for oid, at, number, doc_date, *rest in q.tuples():
            out[oid] = OverrideRow(at, number or "", ledger.as_date(doc_date), *rest)  # type: ignore[arg-type]
    return out


def overrides(start: date | None = None, end: date | None = None) -> list[OverrideRow]:
    """Every limit override (newest first), for the overrides report."""
    ids = override_ids(start, end)
    rows = override_rows(ids)
    return [rows[i] for i in ids]


@dataclass(frozen=True)
class IssueRow:
    voucher_id: int
    number: str
    doc_date: date
    receiver: str
    purpose: str
    lines: int
    people: int
    total: str
    overridden: bool


_CHUNK = 500  # ids per IN list: well under any database's limit on bound values


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    ids = list(ids)
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


_ISSUES = Statement(
    lambda: (
        Voucher.select(Voucher.id)
        .where((Voucher.vtype == "issue") & (Voucher.status == "posted"))
        .order_by(Voucher.id.desc())
    )
)
_ISSUE_HEADS = Grouped(
    lambda n: (
        Voucher.select(Voucher.id, Voucher.number, Voucher.doc_date, Party.name, Voucher.note)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Voucher.party == Party.id))
        .where(Voucher.id.in_(in_params(n)))
    )
)
# Per voucher and item: the sum and the first line (the order the items are listed in).
_ISSUE_SUMS = Grouped(
    lambda n: (
        VoucherLine.select(
            VoucherLine.voucher,
            VoucherLine.item,
            pw.fn.SUM(VoucherLine.qty),
            pw.fn.MIN(VoucherLine.line_no),
        )
        .where(VoucherLine.voucher.in_(in_params(n)))
        .group_by(VoucherLine.voucher, VoucherLine.item)
    )
)
_ISSUE_COUNTS = Grouped(
    lambda n: (
        VoucherLine.select(
            VoucherLine.voucher,
            pw.fn.COUNT(VoucherLine.id),
            pw.fn.COUNT(pw.fn.COALESCE(VoucherLine.party, 0).distinct()),
        )
        .where(VoucherLine.voucher.in_(in_params(n)))
        .group_by(VoucherLine.voucher)
    )
)
_OVERRIDDEN = Grouped(
    lambda n: (
        IssueOverride.select(IssueOverride.voucher)
        .where(IssueOverride.voucher.in_(in_params(n)))
        .distinct()
    )
)


def issue_ids(term: str = "") -> list[int]:
    """The ids of the posted issues (newest first) whose number or receiver contains `term`."""
    term = term.strip()
    if not term:
        return [r[0] for r in _ISSUES.rows()]
    q = (
        Voucher.select(Voucher.id)
        .join(Party, pw.JOIN.LEFT_OUTER, on=(Voucher.party == Party.id))
        .where(
            (Voucher.vtype == "issue")
            & (Voucher.status == "posted")
            & (Voucher.number.contains(term) | Party.name.contains(term))
        )
        .order_by(Voucher.id.desc())
    )
    return [r[0] for r in q.tuples()]


def issue_rows(ids: Sequence[int]) -> dict[int, IssueRow]:
    """The issues with these ids for the issue page's list: a few queries for the whole page.

    The lines are counted and summed per item in SQL: a class round has a hundred lines or more,
    and a page of vouchers has tens of thousands of lines on ten years of books.
    """
    out: dict[int, IssueRow] = {}
    for chunk in _chunks(sorted(set(ids))):
        sums = _ISSUE_SUMS.rows(chunk)
        items = item_facts([item_id for _v, item_id, _q, _n in sums])
        per_voucher: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for voucher_id, item_id, qty, first_line in sums:
            it = items[item_id]
            per_voucher[voucher_id].append((first_line, f"{it.name} {int(qty)} {it.base_unit}"))
        counts = {r[0]: (r[1], r[2]) for r in _ISSUE_COUNTS.rows(chunk)}
        overridden = {r[0] for r in _OVERRIDDEN.rows(chunk)}
        for vid, number, doc_date, receiver, note in _ISSUE_HEADS.rows(chunk):
            out[vid] = IssueRow(
                vid,
                number or "",
                ledger.as_date(doc_date),  # type: ignore[arg-type]
                receiver or "",
                note,
                *counts.get(vid, (0, 0)),
                "；".join(text for _n, text in sorted(per_voucher.get(vid, []))),
                vid in overridden,
            )
    return out


def recent_issues(limit: int = 200, *, term: str = "") -> list[IssueRow]:
    """The last `limit` posted issues, newest first."""
    ids = issue_ids(term)[:limit]
    rows = issue_rows(ids)
    return [rows[i] for i in ids]


def breach_summary(found: list[Breach]) -> str:
    """Breaches as one text in the current language (for the override dialog)."""
    texts = [limits.breach_text(b) for b in found]
    return "\n".join(i18n.pick(z, e) for z, e in texts)


def risk_label(code: str | None) -> str:
    return codes.label(code) if code else i18n.pick("未定", "not set")
