"""Progress reporting for long work, free of Qt: services call it, the GUI or CLI listens."""

from __future__ import annotations

from collections.abc import Callable

# progress(done, total, text): total 0 means "unknown"; the call raises Cancelled when the user
# asked to stop, so a service stops at its next report (inside a transaction, that rolls back).
Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user pressed Cancel; the work stopped and wrote nothing half-way."""


def silent(done: int, total: int, text: str = "") -> None:
    """A Progress that reports nowhere, for callers that pass none."""


def report_every(progress: Progress | None, every: int) -> Callable[[int, int, str], None]:
    """Wrap `progress` so a tight loop can call it on every row at little cost."""
    if progress is None:
        return silent

    def call(done: int, total: int, text: str = "") -> None:
        if done % every == 0 or done == total:
            progress(done, total, text)

    return call
