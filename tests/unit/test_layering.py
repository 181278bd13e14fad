"""DESIGN rule 1: only app/gui imports PySide6 (walks the AST of every other module)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_gui_imports_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app").rglob("*.py")
        if "gui" not in p.relative_to(ROOT / "app").parts[:1]
        and {"PySide6", "shiboken6"} & _imports(p)
    ]
    assert offenders == []


def test_domain_imports_no_database() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app" / "domain").rglob("*.py")
        if {"peewee", "sqlite3", "PySide6"} & _imports(p)
    ]
    assert offenders == []


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app").rglob("*.py")
        if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
