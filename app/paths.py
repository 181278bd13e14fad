"""Where the app finds its shipped files (resources/, db/) and the user's data file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Storekeeper"
ENV_DB = "STOREKEEPER_DB"


def install_root() -> Path:
    """The folder holding resources/ and db/: the source tree, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def migrations_dir() -> Path:
    return install_root() / "db" / "migrations"


def catalogue_dir() -> Path:
    return install_root() / "db" / "catalogue"


def font_path() -> Path:
    return resources_dir() / "fonts" / "StorekeeperHei.ttf"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """`STOREKEEPER_DB` if set, else storekeeper.db in the user data directory."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env)
    return user_data_dir() / "storekeeper.db"


def resolve_db_path(arg: str | os.PathLike[str] | None) -> Path:
    return Path(arg) if arg else default_db_path()
