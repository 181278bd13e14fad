"""0008 — indexes for ten years of books (issue 9).

A ledger of a million entries, each with its voucher line, is written on every posting, and every
index is one more write per row. No table changes; only indexes:

- ledger_entry: the composite indexes (item, id) and (lot, id) of 0001 already serve every read
  by item or by lot, so the single-column ones beside them are dropped.
- voucher_line: only moves fill `to_slot` and only receipts `receipt_line`; their indexes now
  hold just the rows that have a value (partial indexes). Lookups by a value, including the
  foreign-key checks, use them as before.
- balance: every lot × slot ever used keeps its row (mostly at zero after ten years), while the
  stock page, picking and the stocktake want the few hundred in stock: a partial index on
  (item, lot) of the rows with stock serves them.
"""

from __future__ import annotations

import peewee as pw
from playhouse.migrate import SchemaMigrator, migrate

VERSION = 8

PARTIAL = (("voucher_line", "to_slot_id"), ("voucher_line", "receipt_line_id"))


def upgrade(database: pw.Database) -> None:
    migrator = SchemaMigrator.from_database(database)
    have = {ix.name for ix in database.get_indexes("ledger_entry")}
    for name in ("ledger_entry_item_id", "ledger_entry_lot_id"):
        if name in have:
            migrate(migrator.drop_index("ledger_entry", name))
    have = {ix.name for ix in database.get_indexes("voucher_line")}
    for table, column in PARTIAL:
        name = f"{table}_{column}"
        if name in have:
            migrate(migrator.drop_index(table, name))
        index = pw.Index(
            name,
            pw.Table(table),
            [pw.Column(pw.Table(table), column)],
            where=pw.Column(pw.Table(table), column).is_null(False),
        )
        database.execute(index)
    balance = pw.Table("balance")
    if "balance_in_stock" not in {ix.name for ix in database.get_indexes("balance")}:
        database.execute(
            pw.Index(
                "balance_in_stock",
                balance,
                [pw.Column(balance, "item_id"), pw.Column(balance, "lot_id")],
                where=pw.Column(balance, "qty") > pw.SQL("0"),  # a literal: no parameters here
            )
        )
