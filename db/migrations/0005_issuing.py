"""0005 — issuing: issue rules, overrides, requisitions, loans and returns, lot holds, disinfectant log.

A frozen copy of the new tables as they stood at this version, plus columns on existing tables
(item.use_log, voucher.reason, voucher.requisition_id, voucher_line.pick_reason) added in place
with playhouse.migrate, so every voucher already posted keeps its rows and its content hash.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

VERSION = 5


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def upgrade(database: pw.Database) -> None:
    class BaseModel(pw.Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the tables of earlier versions that the new ones point at.
    class Item(BaseModel):
        pass

    class Lot(BaseModel):
        pass

    class Party(BaseModel):
        pass

    class Account(BaseModel):
        pass

    class Voucher(BaseModel):
        pass

    class VoucherLine(BaseModel):
        pass

    class IssueRule(BaseModel):
        code = pw.CharField(unique=True)
        name = pw.CharField()
        name_en = pw.CharField(default="")
        kind = pw.CharField(default="limit")
        items = pw.TextField(default="")
        categories = pw.TextField(default="")
        risk_groups = pw.CharField(default="")
        period = pw.CharField(null=True)
        max_qty = pw.IntegerField(null=True)
        active = pw.BooleanField(default=True)
        sort = pw.IntegerField(default=0)
        updated_at = pw.DateTimeField(default=now)

    class IssueOverride(BaseModel):
        voucher = pw.ForeignKeyField(Voucher, backref="overrides")
        party = pw.ForeignKeyField(Party)
        rule_code = pw.CharField()
        kind = pw.CharField()
        used = pw.IntegerField(default=0)
        wanted = pw.IntegerField(default=0)
        allowed = pw.IntegerField(default=0)
        period = pw.CharField(null=True)
        approver = pw.ForeignKeyField(Account)
        reason = pw.TextField()
        at = pw.DateTimeField(default=now)

    class Requisition(BaseModel):
        number = pw.CharField(unique=True)
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
        qty_requested = pw.IntegerField()
        qty_approved = pw.IntegerField(null=True)
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("requisition", "line_no"), True),)

    class Loan(BaseModel):
        voucher = pw.ForeignKeyField(Voucher, unique=True, backref="loan_rows")
        borrower = pw.ForeignKeyField(Party)
        due_date = pw.DateField()
        purpose = pw.TextField(default="")
        approver_name = pw.CharField(default="")
        status = pw.CharField(default="open")
        closed_on = pw.DateField(null=True)

    class LoanReturn(BaseModel):
        loan = pw.ForeignKeyField(Loan, backref="returns")
        loan_line = pw.ForeignKeyField(VoucherLine)
        voucher = pw.ForeignKeyField(Voucher, null=True)
        qty = pw.IntegerField()
        condition = pw.CharField()
        note = pw.TextField(default="")
        returned_on = pw.DateField()
        disinfected = pw.BooleanField(default=False)
        disinfected_at = pw.DateTimeField(null=True)
        disinfected_by = pw.ForeignKeyField(Account, null=True)

    class LotHold(BaseModel):
        lot = pw.ForeignKeyField(Lot, backref="holds")
        reason = pw.CharField()
        note = pw.TextField(default="")
        held_by = pw.ForeignKeyField(Account, null=True)
        held_at = pw.DateTimeField(default=now)
        released_by = pw.ForeignKeyField(Account, null=True)
        released_at = pw.DateTimeField(null=True)
        release_note = pw.TextField(default="")

    class DisinfectantUse(BaseModel):
        voucher = pw.ForeignKeyField(Voucher)
        item = pw.ForeignKeyField(Item)
        qty = pw.IntegerField()
        dilution = pw.CharField(default="")
        area = pw.CharField(default="")
        person = pw.ForeignKeyField(Party)
        used_on = pw.DateField()
        note = pw.TextField(default="")
        created_at = pw.DateTimeField(default=now)

    tables = [
        IssueRule,
        IssueOverride,
        Requisition,
        RequisitionLine,
        Loan,
        LoanReturn,
        LotHold,
        DisinfectantUse,
    ]
    database.bind(tables, bind_refs=False, bind_backrefs=False)
    database.create_tables(tables)
    migrator = SchemaMigrator.from_database(database)
    migrate(
        # NOT NULL with a DEFAULT in one statement: SQLite would otherwise rebuild the table.
        migrator.add_column(
            "item",
            "use_log",
            pw.BooleanField(default=False, constraints=[pw.SQL("DEFAULT 0")]),
            allow_not_null=True,
        ),
        migrator.add_column(
            "voucher",
            "reason",
            pw.CharField(default="", constraints=[pw.SQL("DEFAULT ''")]),
            allow_not_null=True,
        ),
        migrator.add_column(
            "voucher",
            "requisition_id",
            pw.ForeignKeyField(Requisition, null=True, field=Requisition.id),
        ),
        migrator.add_column(
            "voucher_line",
            "pick_reason",
            pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")]),
            allow_not_null=True,
        ),
    )
