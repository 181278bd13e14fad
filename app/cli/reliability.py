"""Commands that keep the books safe: backup, restore, audit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app import paths
from app.cli.common import EXIT_OK, db_option, emit, open_db
from app.domain.i18n import pick


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="write a verified copy of the database to a folder")
    db_option(p)
    p.add_argument("--to", metavar="DIR", help="folder (default: the automatic backup folder)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a verified backup")
    db_option(p)
    p.add_argument("--from", dest="source", required=True, metavar="FILE")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("audit", help="the audit log of sensitive actions, newest first")
    db_option(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_audit)


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services import backup

    open_db(args)
    target = backup.backup_now(Path(args.to)) if args.to else backup.auto_backup(force=True)
    print(target)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services import backup

    done = backup.restore(paths.resolve_db_path(args.db), Path(args.source))
    if done.kept_as:
        print(
            pick(
                f"已恢复；原来的数据库保存为 {done.kept_as}",
                f"Restored; the previous database is kept as {done.kept_as}",
            )
        )
    else:
        print(pick("已恢复", "Restored"))
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from app.services import audit

    open_db(args)
    rows = [
        {
            "at": r.at.strftime("%Y-%m-%dT%H:%M:%S"),
            "actor": r.actor,
            "action": r.action,
            "what": audit.action_label(r.action),
            "details": json.dumps(r.details, ensure_ascii=False),
        }
        for r in audit.entries(args.limit)
    ]
    emit(rows, args.format, ["at", "actor", "action", "what", "details"])
    sys.stdout.flush()
    return EXIT_OK
