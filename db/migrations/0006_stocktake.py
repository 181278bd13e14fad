"""0006 — stocktake: a count of every lot on every slot in scope, and its counted lines.

Frozen copies of the two new tables as they stood at this version; no existing table changes.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw

VERSION = 6


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def upgrade(database: pw.Database) -> None:
    class BaseModel(pw.Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the tables of 0001 that the new ones point at (only their keys matter).
    class Item(BaseModel):
        pass

    class Zone(BaseModel):
        pass

    class Slot(BaseModel):
        pass

    class Lot(BaseModel):
        pass

    class Account(BaseModel):
        pass

    class Voucher(BaseModel):
        pass

    class Stocktake(BaseModel):
        """One count (盘点): a month's or one zone's, or the opening count of new books."""

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

    database.bind([Stocktake, StocktakeLine], bind_refs=False, bind_backrefs=False)
    database.create_tables([Stocktake, StocktakeLine])
