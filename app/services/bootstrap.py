"""Opening the books: check the file, migrate (after a safety copy), seed a new database."""

from __future__ import annotations

from pathlib import Path

from app.services import catalogue, limits
from app.store.database import open_database, peek_schema_version, storage_errors
from app.store.migrate import refuse_newer, upgrade


def open_books(path: Path, *, create: bool = True) -> list[int]:
    """Open (and when `create`, make) the database at `path`; returns migrations applied."""
    path = Path(path)
    have = peek_schema_version(path)  # refuse foreign or newer files before touching them
    if have is not None:
        refuse_newer(path, have)
    open_database(path, create=create)
    with storage_errors(path):
        applied = upgrade(path)
        if 1 in applied:
            catalogue.load_default_catalogue()
        if 5 in applied:  # issue rules name catalogue items, so they come after them
            limits.load_default_rules()
    return applied
