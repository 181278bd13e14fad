"""The `storekeeper` command line: thin wrappers over the services.

Exit codes: 0 ok, 1 a check found problems, 2 bad input (one clear line on stderr, nothing
written), 3 an unexpected error (one line pointing at the log file). Each workflow adds its
commands in its own module, listed in COMMAND_MODULES, with a `register(subparsers)` function.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__, paths
from app.cli.common import EXIT_BAD_INPUT, EXIT_BUG, EXIT_OK, Parser, db_option
from app.domain import i18n
from app.domain.errors import StorekeeperError
from app.domain.i18n import pick

COMMAND_MODULES = (
    "app.cli.core",
    "app.cli.reliability",
    "app.cli.labels",
    "app.cli.stocktake",
    "app.cli.receiving",
    "app.cli.issuing",
    "app.cli.reports",
    "app.cli.reserve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="storekeeper",
        description="防疫物资库管 Storekeeper — run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"storekeeper {__version__}")
    db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _gui(args: argparse.Namespace) -> int:
    from app.gui.app import run_gui

    return run_gui(paths.resolve_db_path(args.db))


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    i18n.set_language(i18n.detect_language())
    args = build_parser().parse_args(argv)
    try:
        return getattr(args, "func", _gui)(args)
    except StorekeeperError as exc:
        sys.stderr.write(f"storekeeper: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write(pick("storekeeper: 已中断\n", "storekeeper: interrupted\n"))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say where the details are, never a traceback
        from app.logs import record_crash

        log = record_crash(exc)
        sys.stderr.write(
            pick(
                f"storekeeper: 意外错误 {type(exc).__name__}: {exc}（详情见 {log}）\n",
                f"storekeeper: unexpected error {type(exc).__name__}: {exc} (details in {log})\n",
            )
        )
        return EXIT_BUG
    finally:
        from app.store.database import close_database

        close_database()


if __name__ == "__main__":
    sys.exit(main())
