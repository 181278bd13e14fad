"""Where unexpected errors are written, so a message can point the user (and us) at the details."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import platformdirs

from app.paths import APP_NAME


def log_path() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "storekeeper.log"


def record_crash(exc: BaseException) -> Path:
    """Append the traceback of an unexpected error to the log file; returns its path."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
            fh.write("\n")
    except OSError:
        logging.getLogger(__name__).exception("could not write the crash log")
    return path
