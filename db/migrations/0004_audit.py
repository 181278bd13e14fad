"""0004 — the audit log: who did which sensitive thing when (settings, accounts, restores…).

Frozen copy of the table as it stood at this version.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw

VERSION = 4


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def upgrade(database: pw.Database) -> None:
    class AuditLog(pw.Model):
        at = pw.DateTimeField(default=now)
        account_id = pw.IntegerField(null=True)
        actor = pw.CharField(default="")
        action = pw.CharField(index=True)
        details = pw.TextField(default="{}")
        prev_hash = pw.CharField()
        hash = pw.CharField()

        class Meta:
            table_name = "audit_log"

    database.bind([AuditLog], bind_refs=False, bind_backrefs=False)
    database.create_tables([AuditLog])
