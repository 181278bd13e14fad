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
    expiry = pw.DateField(null=True)

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

    class Meta:
        indexes = ((("vtype", "year", "seq"), True),)


class VoucherLine(BaseModel):
    voucher = pw.ForeignKeyField(Voucher, backref="lines")
    line_no = pw.IntegerField()
    item = pw.ForeignKeyField(Item)
    lot = pw.ForeignKeyField(Lot, null=True)
    slot = pw.ForeignKeyField(Slot, null=True)
    to_slot = pw.ForeignKeyField(Slot, null=True)
    qty = pw.IntegerField()  # base units; signed only for adjustment and reversal
    party = pw.ForeignKeyField(Party, null=True)  # per-line receiver (batch issue)
    note = pw.TextField(default="")


class LedgerEntry(BaseModel):
    """Append-only. One row per lot × slot movement; id order is posting order."""

    voucher = pw.ForeignKeyField(Voucher, backref="entries")
    line = pw.ForeignKeyField(VoucherLine)
    item = pw.ForeignKeyField(Item)
    lot = pw.ForeignKeyField(Lot)
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
    """Current quantity per lot × slot, kept by the ledger in the same transaction."""

    lot = pw.ForeignKeyField(Lot)
    slot = pw.ForeignKeyField(Slot)
    item = pw.ForeignKeyField(Item, index=True)
    qty = pw.IntegerField()

    class Meta:
        primary_key = pw.CompositeKey("lot", "slot")


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
]
