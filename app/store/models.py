"""The tables. Schema changes go through db/migrations; these classes mirror the latest one."""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from app.store.database import db


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class BaseModel(pw.Model):
    class Meta:
        database = db
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value settings and bookkeeping (schema version, institution, ledger head)."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class Category(BaseModel):
    code = pw.CharField(primary_key=True)
    name = pw.CharField()
    name_en = pw.CharField(default="")
    sort = pw.IntegerField(default=0)


class Item(BaseModel):
    code = pw.CharField(unique=True)
    name = pw.CharField()
    name_en = pw.CharField(default="")
    spec = pw.CharField(default="")
    category = pw.ForeignKeyField(Category, field=Category.code, column_name="category")
    base_unit = pw.CharField()
    packs = pw.CharField(default="")  # "盒=50;箱=1000", sizes in base units
    hazard_class = pw.CharField(default="none")
    standard = pw.CharField(default="")
    requires_registration = pw.BooleanField(default=False)
    min_shelf_life_days = pw.IntegerField(default=0)
    reusable = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)
    use_log = pw.BooleanField(default=False)  # each taking logged with dilution/area (0005)


class ItemGtin(BaseModel):
    gtin = pw.CharField(unique=True)
    item = pw.ForeignKeyField(Item, backref="gtin_rows", on_delete="CASCADE")


class Zone(BaseModel):
    code = pw.CharField(unique=True)
    name = pw.CharField()
    allowed_hazards = pw.CharField(default="none")  # comma-separated hazard codes
    notes = pw.TextField(default="")
    sort = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)


class Slot(BaseModel):
    code = pw.CharField(unique=True)
    zone = pw.ForeignKeyField(Zone, backref="slots")
    notes = pw.TextField(default="")
    active = pw.BooleanField(default=True)


class Lot(BaseModel):
    item = pw.ForeignKeyField(Item, backref="lots")
    batch = pw.CharField()
    production_date = pw.DateField(null=True)
    expiry = pw.DateField(null=True, index=True)  # index: 0007 (soonest-expiring lots)

    class Meta:
        indexes = ((("item", "batch"), True),)


class Party(BaseModel):
    kind = pw.CharField(index=True)  # supplier, donor, office, person, department
    name = pw.CharField(index=True)
    staff_no = pw.CharField(null=True, unique=True)
    department = pw.ForeignKeyField("self", null=True, backref="members")
    role = pw.CharField(default="")
    risk_group = pw.CharField(null=True)
    phone = pw.CharField(default="")
    notes = pw.TextField(default="")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=now)


class Account(BaseModel):
    username = pw.CharField(unique=True)
    display_name = pw.CharField()
    role = pw.CharField()  # storekeeper, approver, admin
    pin_hash = pw.CharField()
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    active = pw.BooleanField(default=True)
    party = pw.ForeignKeyField(Party, null=True)
    created_at = pw.DateTimeField(default=now)


class Voucher(BaseModel):
    number = pw.CharField(null=True, unique=True)  # given when posted: RK-2026-0001
    vtype = pw.CharField(index=True)
    year = pw.IntegerField(null=True)
    seq = pw.IntegerField(null=True)
    status = pw.CharField(default="draft")  # draft, posted
    doc_date = pw.DateField()
    posted_at = pw.DateTimeField(null=True)
    party = pw.ForeignKeyField(Party, null=True)
    source = pw.CharField(null=True)  # receipt source: purchase, donation, allocation, transfer_in
    reference = pw.CharField(default="")  # delivery-note or requisition number
    note = pw.TextField(default="")
    reverses = pw.ForeignKeyField("self", null=True, unique=True, backref="reversed_by")
    created_by = pw.ForeignKeyField(Account, null=True, backref="created_vouchers")
    posted_by = pw.ForeignKeyField(Account, null=True, backref="posted_vouchers")
    content_hash = pw.CharField(null=True)
    created_at = pw.DateTimeField(default=now)
    deliverer = pw.CharField(default="")  # receipt: the deliverer's name (migration 0002)
    reason = pw.CharField(default="")  # write-off reason code (migration 0005)
    requisition = pw.DeferredForeignKey("Requisition", null=True, index=True)  # 0005

    class Meta:
        # (vtype, doc_date) (0007): the last 90 days' issues by date, not by walking ten years
        indexes = ((("vtype", "year", "seq"), True), (("vtype", "doc_date"), False))


class VoucherLine(BaseModel):
    voucher = pw.ForeignKeyField(Voucher, backref="lines")
    line_no = pw.IntegerField()
    item = pw.ForeignKeyField(Item)
    lot = pw.ForeignKeyField(Lot, null=True)
    slot = pw.ForeignKeyField(Slot, null=True)
    to_slot = pw.ForeignKeyField(Slot, null=True, index=False)  # partial index (0008)
    qty = pw.IntegerField()  # base units; signed only for adjustment and reversal
    party = pw.ForeignKeyField(Party, null=True)  # per-line receiver (batch issue)
    note = pw.TextField(default="")
    # receipt: the inspected line this placement belongs to (migration 0002)
    receipt_line = pw.DeferredForeignKey("ReceiptLine", null=True, index=False)  # partial (0008)
    pick_reason = pw.TextField(default="")  # why not the first-expiry lot (migration 0005)


class LedgerEntry(BaseModel):
    """Append-only. One row per lot × slot movement; id order is posting order."""

    voucher = pw.ForeignKeyField(Voucher, backref="entries")
    line = pw.ForeignKeyField(VoucherLine)
    item = pw.ForeignKeyField(Item, index=False)  # (item, id) below serves it (0008)
    lot = pw.ForeignKeyField(Lot, index=False)  # (lot, id) below serves it (0008)
    slot = pw.ForeignKeyField(Slot)
    party = pw.ForeignKeyField(Party, null=True)
    delta = pw.IntegerField()
    balance_after = pw.IntegerField()  # lot × slot balance after this entry
    posted_at = pw.DateTimeField()
    prev_hash = pw.CharField()
    hash = pw.CharField()

    class Meta:
        indexes = ((("item", "id"), False), (("lot", "id"), False))


class Balance(BaseModel):
    """Current quantity per lot × slot, kept by the ledger in the same transaction.

    Rows stay when they reach zero; migration 0008 indexes (item, lot) of the rows with stock
    (qty > 0), which is what the stock page, picking and counts read."""

    lot = pw.ForeignKeyField(Lot)
    slot = pw.ForeignKeyField(Slot)
    item = pw.ForeignKeyField(Item, index=True)
    qty = pw.IntegerField()

    class Meta:
        primary_key = pw.CompositeKey("lot", "slot")


class ReceiptLine(BaseModel):
    """One delivered line as inspected: what came, what was accepted, what was refused.

    Rejected quantities stay here and never reach the ledger; accepted ones are placed on slots
    by the voucher lines that point at this row.
    """

    voucher = pw.ForeignKeyField(Voucher, backref="receipt_lines", on_delete="CASCADE")
    line_no = pw.IntegerField()
    item = pw.ForeignKeyField(Item)
    spec = pw.CharField(default="")
    batch = pw.CharField(default="")
    production_date = pw.DateField(null=True)
    expiry = pw.DateField(null=True)
    reg_cert_no = pw.CharField(default="")
    delivered_qty = pw.IntegerField()  # base units
    accepted_qty = pw.IntegerField(default=0)
    rejected_qty = pw.IntegerField(default=0)
    reject_reason = pw.CharField(null=True)  # code: damaged, wrong_product, …
    reject_note = pw.TextField(default="")
    unit_price = pw.DecimalField(max_digits=14, decimal_places=4, null=True, auto_round=True)
    entry_unit = pw.CharField(default="")  # the pack unit the quantities were typed in
    checklist = pw.TextField(default="{}")  # JSON {check code: true/false}
    scan_text = pw.TextField(default="")  # the raw scan, kept when no parser could read it
    note = pw.TextField(default="")
    lot = pw.ForeignKeyField(Lot, null=True)  # set when posted

    class Meta:
        indexes = ((("voucher", "line_no"), True),)


class Signature(BaseModel):
    """A party's sign-off on a voucher: drawn (strokes + PNG) or by a registered user's PIN."""

    voucher = pw.ForeignKeyField(Voucher, backref="signatures", on_delete="CASCADE")
    role = pw.CharField()  # code: deliverer, inspector, storekeeper, receiver, …
    signer_name = pw.CharField()
    account = pw.ForeignKeyField(Account, null=True)
    party = pw.ForeignKeyField(Party, null=True)
    method = pw.CharField()  # pad, pin
    strokes = pw.TextField(default="[]")  # JSON [[[x, y], …], …] in pad coordinates
    png = pw.BlobField(null=True)
    content_hash = pw.CharField()  # the voucher's content when signed
    signed_at = pw.DateTimeField()

    class Meta:
        indexes = ((("voucher", "role"), True),)


class AuditLog(BaseModel):
    """Sensitive actions (settings, accounts, rules, overrides, restores), chained by hash."""

    at = pw.DateTimeField(default=now)
    account_id = pw.IntegerField(null=True)  # a plain id: the log outlives account changes
    actor = pw.CharField(default="")
    action = pw.CharField(index=True)
    details = pw.TextField(default="{}")  # JSON
    prev_hash = pw.CharField()
    hash = pw.CharField()

    class Meta:
        table_name = "audit_log"


class IssueRule(BaseModel):
    """领用标准: items or categories × risk groups × period → maximum, or who may receive them."""

    code = pw.CharField(unique=True)
    name = pw.CharField()
    name_en = pw.CharField(default="")
    kind = pw.CharField(default="limit")  # limit, only
    items = pw.TextField(default="")  # item codes, comma-separated
    categories = pw.TextField(default="")  # category codes, comma-separated
    risk_groups = pw.CharField(default="")  # risk codes, comma-separated; limit: empty = all
    period = pw.CharField(null=True)  # day, week, month
    max_qty = pw.IntegerField(null=True)  # base units
    active = pw.BooleanField(default=True)
    sort = pw.IntegerField(default=0)
    updated_at = pw.DateTimeField(default=now)


class IssueOverride(BaseModel):
    """An approver let an issue through over a limit or eligibility rule, with a reason."""

    voucher = pw.ForeignKeyField(Voucher, backref="overrides")
    party = pw.ForeignKeyField(Party)
    rule_code = pw.CharField()
    kind = pw.CharField()  # over_limit, not_eligible
    used = pw.IntegerField(default=0)
    wanted = pw.IntegerField(default=0)
    allowed = pw.IntegerField(default=0)
    period = pw.CharField(null=True)
    approver = pw.ForeignKeyField(Account)
    reason = pw.TextField()
    at = pw.DateTimeField(default=now)


class Requisition(BaseModel):
    """申领: a department asks; an approver approves all, part or none; issued in parts."""

    number = pw.CharField(unique=True)  # SL-2026-0001
    department = pw.ForeignKeyField(Party, backref="requisitions")
    requested_by = pw.ForeignKeyField(Party, null=True)
    reason = pw.TextField(default="")
    doc_date = pw.DateField()
    status = pw.CharField(default="submitted")
    created_by = pw.ForeignKeyField(Account, null=True)
    created_at = pw.DateTimeField(default=now)
    decided_by = pw.ForeignKeyField(Account, null=True)
    decided_at = pw.DateTimeField(null=True)
    decision_note = pw.TextField(default="")


class RequisitionLine(BaseModel):
    requisition = pw.ForeignKeyField(Requisition, backref="lines", on_delete="CASCADE")
    line_no = pw.IntegerField()
    item = pw.ForeignKeyField(Item)
    qty_requested = pw.IntegerField()  # base units
    qty_approved = pw.IntegerField(null=True)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("requisition", "line_no"), True),)


class Loan(BaseModel):
    """借用: the loan voucher's borrower, due date and approval; returns close it."""

    voucher = pw.ForeignKeyField(Voucher, unique=True, backref="loan_rows")
    borrower = pw.ForeignKeyField(Party)
    due_date = pw.DateField()
    purpose = pw.TextField(default="")
    approver_name = pw.CharField(default="")
    status = pw.CharField(default="open")  # open, returned
    closed_on = pw.DateField(null=True)


class LoanReturn(BaseModel):
    """What came back (or was lost) of one lent line, its condition and its disinfection."""

    loan = pw.ForeignKeyField(Loan, backref="returns")
    loan_line = pw.ForeignKeyField(VoucherLine)
    voucher = pw.ForeignKeyField(Voucher, null=True)  # the return voucher; none when lost
    qty = pw.IntegerField()
    condition = pw.CharField()  # good, needs_repair, lost
    note = pw.TextField(default="")
    returned_on = pw.DateField()
    disinfected = pw.BooleanField(default=False)
    disinfected_at = pw.DateTimeField(null=True)
    disinfected_by = pw.ForeignKeyField(Account, null=True)


class LotHold(BaseModel):
    """A lot on hold (quality doubt, recall): it stays on its slots but is not issued or lent."""

    lot = pw.ForeignKeyField(Lot, backref="holds")
    reason = pw.CharField()  # quality, recall_supplier, recall_regulator, other
    note = pw.TextField(default="")
    held_by = pw.ForeignKeyField(Account, null=True)
    held_at = pw.DateTimeField(default=now)
    released_by = pw.ForeignKeyField(Account, null=True)
    released_at = pw.DateTimeField(null=True)
    release_note = pw.TextField(default="")


class DisinfectantUse(BaseModel):
    """消毒液使用记录: each taking with its dilution, area and person (and its issue voucher)."""

    voucher = pw.ForeignKeyField(Voucher)
    item = pw.ForeignKeyField(Item)
    qty = pw.IntegerField()
    dilution = pw.CharField(default="")  # e.g. 1:100
    area = pw.CharField(default="")
    person = pw.ForeignKeyField(Party)
    used_on = pw.DateField()
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=now)


class Stocktake(BaseModel):
    """One count (盘点): a month's or one zone's, or the opening count of new books (0006)."""

    number = pw.CharField(unique=True)  # PD-2026-0001
    kind = pw.CharField()  # code: month, zone, opening
    period = pw.CharField()  # YYYY-MM
    zone = pw.ForeignKeyField(Zone, null=True)
    blind = pw.BooleanField(default=False)
    status = pw.CharField(default="open", index=True)  # open, closed
    start_entry = pw.IntegerField(default=0)  # last ledger entry id when the count started
    started_at = pw.DateTimeField(default=now)
    started_by = pw.ForeignKeyField(Account, null=True)
    closed_at = pw.DateTimeField(null=True)
    approved_by = pw.ForeignKeyField(Account, null=True)
    voucher = pw.ForeignKeyField(Voucher, null=True)  # the adjustment or opening voucher
    lines_total = pw.IntegerField(null=True)  # lines that were counted, when closed
    lines_matched = pw.IntegerField(null=True)  # of them, lines with no difference
    report_pdf = pw.BlobField(null=True)  # the count report as printed when closed
    note = pw.TextField(default="")


class StocktakeLine(BaseModel):
    """One lot on one slot (or an empty slot) as the sheet lists it, and what was counted."""

    stocktake = pw.ForeignKeyField(Stocktake, backref="lines", on_delete="CASCADE")
    seq = pw.IntegerField()  # the sheet's line number, the key an imported sheet carries
    origin = pw.CharField()  # code: book, empty, found, moved_in
    slot = pw.ForeignKeyField(Slot)
    item = pw.ForeignKeyField(Item, null=True)
    lot = pw.ForeignKeyField(Lot, null=True)
    batch = pw.CharField(default="")  # a found lot's batch before it exists as a lot
    expiry = pw.DateField(null=True)  # a found lot's expiry
    book_qty = pw.IntegerField(default=0)  # base units on the books when the count started
    expected_qty = pw.IntegerField(null=True)  # book + moves since, fixed when closed
    counted_qty = pw.IntegerField(null=True)
    counted_at = pw.DateTimeField(null=True)
    reason = pw.CharField(null=True)  # code: miscount, damaged, lost, …
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("stocktake", "seq"), True),)


class ReserveTarget(BaseModel):
    """储备标准 (0007): an item's daily need at full load and how many days of it to keep.

    mode "fixed": `qty` base units a day. mode "per_person": `qty` per person a day × the active
    people in the chosen departments (party ids) and risk groups (codes); a list left empty does
    not narrow, and when both are given a person must be in both.
    """

    item = pw.ForeignKeyField(Item, unique=True, backref="reserve_targets", on_delete="CASCADE")
    mode = pw.CharField(default="fixed")  # code: fixed, per_person
    qty = pw.DecimalField(max_digits=12, decimal_places=3, auto_round=True)
    departments = pw.TextField(default="")  # per_person: department party ids, comma-separated
    risk_groups = pw.CharField(default="")  # per_person: risk codes, comma-separated
    days = pw.IntegerField(default=45)
    note = pw.TextField(default="")
    updated_at = pw.DateTimeField(default=now)
    updated_by = pw.ForeignKeyField(Account, null=True)


ALL_MODELS = [
    Meta,
    Category,
    Item,
    ItemGtin,
    Zone,
    Slot,
    Lot,
    Party,
    Account,
    Voucher,
    VoucherLine,
    LedgerEntry,
    Balance,
    AuditLog,
    ReceiptLine,
    Signature,
    IssueRule,
    IssueOverride,
    Requisition,
    RequisitionLine,
    Loan,
    LoanReturn,
    LotHold,
    DisinfectantUse,
    Stocktake,
    StocktakeLine,
    ReserveTarget,
]
