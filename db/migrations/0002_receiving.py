"""0002 — receiving: inspected receipt lines, signatures, the deliverer, placements per line.

A frozen copy of the new tables as they stood at this version, plus two columns on existing
tables (voucher.deliverer, voucher_line.receipt_line_id) added in place with playhouse.migrate,
so every voucher already posted keeps its rows and its content hash.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

VERSION = 2


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def upgrade(database: pw.Database) -> None:
    class BaseModel(pw.Model):
        class Meta:
            legacy_table_names = False

    # Stand-ins for the tables of 0001 that the new ones point at (only their keys matter).
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

    class ReceiptLine(BaseModel):
        """One delivered line as inspected: what came, what was accepted, what was refused."""

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

    database.bind([ReceiptLine, Signature], bind_refs=False, bind_backrefs=False)
    database.create_tables([ReceiptLine, Signature])
    migrator = SchemaMigrator.from_database(database)
    migrate(
        # NOT NULL DEFAULT '' in one statement: SQLite would otherwise rebuild the voucher table.
        migrator.add_column(
            "voucher",
            "deliverer",
            pw.CharField(default="", constraints=[pw.SQL("DEFAULT ''")]),
            allow_not_null=True,
        ),
        migrator.add_column(
            "voucher_line",
            "receipt_line_id",
            pw.ForeignKeyField(ReceiptLine, null=True, field=ReceiptLine.id),
        ),  # add_column indexes a foreign key by itself
    )
