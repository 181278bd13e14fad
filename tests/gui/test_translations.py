"""The Chinese translation is complete, and the built .qm matches the .ts in the repository."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from app import paths
from app.gui.translation import qm_path

TS = qm_path("zh_CN").with_suffix(".ts")


def messages(ts: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, type) of every message in a .ts file."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            assert tr is not None
            out.append((name, message.findtext("source") or "", tr.text or "", tr.get("type")))
    return out


def test_every_message_is_translated() -> None:
    found = messages(TS)
    assert len(found) > 150
    unfinished = [(c, s) for c, s, t, kind in found if kind is not None or not t.strip()]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    for context, source, translation, _ in messages(TS):
        for name in ("{n}", "{code}", "{name}", "{path}", "{text}", "{batch}", "{date}"):
            assert (name in source) == (name in translation), (context, source)


def test_qm_is_built_from_this_ts() -> None:
    translator = QTranslator()
    assert translator.load(str(qm_path("zh_CN")))
    stale = [(c, s) for c, s, t, _ in messages(TS) if translator.translate(c, s) != t]
    assert stale == [], "run pyside6-lrelease (see resources/i18n/README.md)"


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate missing")
def test_no_ui_string_is_missing_from_the_ts(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in (paths.install_root() / "app" / "gui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        ["pyside6-lupdate", *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    want = {(c, s) for c, s, _, _ in messages(fresh)}
    have = {(c, s) for c, s, _, _ in messages(TS)}
    assert sorted(want - have) == [], "run pyside6-lupdate (see resources/i18n/README.md)"
