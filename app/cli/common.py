"""Shared pieces of the command line: exit codes, the one-line-error parser, output formats."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from app import paths

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see: {self.prog} --help)\n")
        sys.exit(EXIT_BAD_INPUT)


def db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${paths.ENV_DB} or {paths.default_db_path()})",
    )


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: cell(r.get(k)) for k in columns})
        sys.stdout.write(buf.getvalue())
    else:
        table = [columns] + [[cell(r.get(k)) for k in columns] for r in rows]
        widths = [max(width(row[i]) for row in table) for i in range(len(columns))]
        for row in table:
            cells = [c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)]
            sys.stdout.write("  ".join(cells).rstrip() + "\n")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def open_db(args: argparse.Namespace, *, create: bool = False) -> Path:
    from app.services.bootstrap import open_books

    path = paths.resolve_db_path(args.db)
    open_books(path, create=create)
    return path
