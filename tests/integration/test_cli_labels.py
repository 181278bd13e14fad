"""`storekeeper labels` and `storekeeper lookup` as a real process on a copy of the demo."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.documents.label_templates import builtin_templates
from tests.conftest import copy_demo
from tests.integration.test_cli import _one_clear_line, sk


@pytest.fixture(scope="module")
def db(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(demo_file, tmp_path_factory.mktemp("cli-labels") / "demo.db")


def test_list_templates_needs_no_database() -> None:
    p = sk("labels", "--list-templates")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == [t.name for t in builtin_templates()]
    first = {line.split()[0]: line.split()[1:] for line in lines}
    assert first["a4-3x8-70x37"][:3] == ["70x37", "mm", "sheet"]
    assert first["roll-40x30"] == ["40x30", "mm", "roll"]


def _qr_texts(pdf: Path, page: int = 0) -> list[str]:
    image = pdfium.PdfDocument(pdf)[page].render(scale=203 / 72, grayscale=True).to_pil()
    return [c.text for c in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_labels_for_a_zone_and_for_slots(db: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(db)
    lots_on_f = con.execute(
        "SELECT COUNT(*) FROM balance b JOIN slot s ON s.id = b.slot_id "
        "JOIN zone z ON z.id = s.zone_id WHERE z.code = 'F' AND b.qty > 0"
    ).fetchone()[0]
    out = tmp_path / "f.pdf"
    p = sk("labels", "--db", db, "--template", "roll-50x30", "--zone", "F", "-o", out)
    assert p.returncode == 0, p.stderr
    assert f"{lots_on_f} labels" in p.stdout and len(pdfium.PdfDocument(out)) == lots_on_f
    assert _qr_texts(out)[0].startswith("SK1|S=F-01-")

    out = tmp_path / "two.pdf"
    p = sk(
        "labels",
        "--db",
        db,
        "--template",
        "a4-3x8-70x37",
        "--slot",
        "D-01-01",
        "D-01-03",
        "--empty",
        "--skip",
        "3",
        "-o",
        out,
    )
    assert p.returncode == 0, p.stderr
    texts = _qr_texts(out)
    assert "SK1|S=D-01-01" in texts and any(t.startswith("SK1|S=D-01-03|I=") for t in texts)


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["--template", "nope", "--all"], "nope"),
        (["--template", "roll-40x30", "--zone", "Q"], "Q"),
        (["--template", "roll-40x30", "--slot", "A-01-01", "Z-9"], "Z-9"),
        (["--template", "roll-40x30", "--slot", "D-01-01"], "nothing"),  # an empty slot
        (["--template", "roll-40x30"], "--all"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    db: Path, tmp_path: Path, args: list[str], word: str
) -> None:
    out = tmp_path / "never.pdf"
    p = sk("labels", "--db", db, *args, "-o", out)
    _one_clear_line(p)
    assert word in p.stderr and not out.exists()


def test_lookup_prints_json_for_every_kind(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    assert (
        sk(
            "labels", "--db", db, "--template", "roll-60x40", "--slot", "C-02-01", "-o", out
        ).returncode
        == 0
    )
    payload = _qr_texts(out)[0]

    def lookup(text: str) -> dict:
        p = sk("lookup", "--db", db, text)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout)

    label = lookup(payload)
    assert label["kind"] == "label" and label["slot"] == "C-02-01" and label["outdated"] is False
    assert label["qty"] > 0 and label["item_code"] == "JC-AG" and label["expiry"]
    moved = lookup(payload.replace("S=C-02-01", "S=C-02-02"))
    assert moved["kind"] == "label" and moved["outdated"] is True and moved["qty"] == 0

    slot = lookup("C-02-01")
    assert slot["kind"] == "slot" and slot["qty"] == sum(h["qty"] for h in slot["holdings"])
    assert "outdated" not in slot and "batch" not in slot

    item = lookup("JC-AG")
    assert item["kind"] == "item" and item["item_code"] == "JC-AG" and item["qty"] > 0

    con = sqlite3.connect(db)
    gtin = con.execute(
        "SELECT g.gtin FROM item_gtin g JOIN item i ON i.id = g.item_id WHERE i.code = 'JC-AG'"
    ).fetchone()[0]
    batch = label["batch"]
    for text in (
        f"01{gtin}10{batch}\x1d21S1",
        f"(01){gtin}(10){batch}",
        f"01{gtin}10{batch}<GS>21S1",
    ):
        gs1 = lookup(text)
        assert (gs1["kind"], gs1["item_code"], gs1["batch"]) == ("gs1", "JC-AG", batch)
        assert gs1["qty"] == label["qty"]

    assert lookup("no-such-thing") == {"kind": "unknown", "text": "no-such-thing"}
