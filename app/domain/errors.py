"""Errors split by blame: a StorekeeperError is the user's to fix and carries a message for them.

Each error has a stable `code`, the `field` it concerns (so a form can show it in place) and a
message in Chinese and English; `str(err)` is the message in the current language.
"""

from __future__ import annotations

from app.domain import i18n


class StorekeeperError(Exception):
    code = "error"

    def __init__(self, zh: str, en: str, *, field: str | None = None, **details: object) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.field = field
        self.details = details

    def __str__(self) -> str:
        return i18n.pick(self.zh, self.en)


class BadInput(StorekeeperError):
    code = "bad_input"


class NotFound(BadInput):
    code = "not_found"


class InsufficientStock(StorekeeperError):
    code = "insufficient_stock"


class HazardConflict(StorekeeperError):
    code = "hazard_conflict"


class AlreadyPosted(StorekeeperError):
    code = "already_posted"


class AuthError(StorekeeperError):
    code = "auth"


class LimitExceeded(StorekeeperError):
    """Over a person's issue limit, or not eligible for the item; details["breaches"] lists them."""

    code = "limit_exceeded"


class SignOffMissing(StorekeeperError):
    """A required party has not signed, or one person signed for two parties."""

    code = "signoff_missing"


class NeedsConfirmation(StorekeeperError):
    """Allowed, but only after the user has seen the warning and said yes (e.g. short shelf life)."""

    code = "needs_confirmation"


class NotAStorekeeperDatabase(BadInput):
    code = "not_a_database"


class SchemaTooNew(BadInput):
    code = "schema_too_new"


class StorageError(StorekeeperError):
    """The disk said no: read-only folder, locked or full file."""

    code = "storage"
