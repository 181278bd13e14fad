"""0007 — reserve standards (储备标准) per item, and an index for "what went out lately".

A frozen copy of the new table as it stood at this version. The dashboard and the reserve page
sum the issues of the last 90 days on every refresh; vouchers are found by type and date through
the new index on voucher (vtype, doc_date), so the sum reads a few weeks of entries, not ten
years of them (the older (vtype, year, seq) index alone would walk every issue ever posted).
Lots get an index on expiry, so the few lots that expire first are found without sorting all.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

VERSION = 7


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def upgrade(database: pw.Database) -> None:
    class BaseModel(pw.Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the tables of 0001 that the new one points at (only their keys matter).
    class Item(BaseModel):
        pass

    class Account(BaseModel):
        pass

    class ReserveTarget(BaseModel):
        """储备标准: an item's daily need at full load and how many days of it to keep."""

        item = pw.ForeignKeyField(Item, unique=True, on_delete="CASCADE")
        mode = pw.CharField(default="fixed")  # code: fixed, per_person
        qty = pw.DecimalField(max_digits=12, decimal_places=3, auto_round=True)
        departments = pw.TextField(default="")  # per_person: department party ids, comma-separated
        risk_groups = pw.CharField(default="")  # per_person: risk codes, comma-separated
        days = pw.IntegerField(default=45)
        note = pw.TextField(default="")
        updated_at = pw.DateTimeField(default=now)
        updated_by = pw.ForeignKeyField(Account, null=True)

    database.bind([ReserveTarget], bind_refs=False, bind_backrefs=False)
    database.create_tables([ReserveTarget])
    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.add_index("voucher", ("vtype", "doc_date"), False),
        # the dashboard names the soonest-expiring lots: walked in expiry order, not sorted
        migrator.add_index("lot", ("expiry",), False),
    )
