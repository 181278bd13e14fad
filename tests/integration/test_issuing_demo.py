"""The demo storeroom's issuing history: within the limits, with the cases the screens show."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import bootstrap, issuing, limits, loans, lots, requisitions, write_offs
from app.services.verify import verify
from app.store.database import close_database
from app.store.models import IssueOverride, Party, Signature, Voucher, VoucherLine
from tests.conftest import copy_demo


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    path = copy_demo(demo_file, tmp_path / "demo.db")
    bootstrap.open_books(path, create=False)
    yield path
    close_database()


def test_demo_issuing_history(demo: Path) -> None:
    assert verify() == []
    (o,) = issuing.overrides()
    assert o.approver == "王园长" and o.reason
    assert len(loans.overdue()) == 1
    statuses = {r.status for r in requisitions.requisitions()}
    assert {"issued", "partial", "submitted"} <= statuses
    assert [w.reason for w in write_offs.write_offs()] == ["expired"]
    assert len(lots.held_lots()) == 1
    assert issuing.use_log()


def test_demo_issues_are_signed_and_within_the_limits(demo: Path) -> None:
    issues = Voucher.select().where((Voucher.vtype == "issue") & (Voucher.status == "posted"))
    assert issues.count() > 500
    signed = {s.voucher_id for s in Signature.select().where(Signature.role == "receiver")}
    assert all(v.id in signed for v in issues)
    overridden = {o.voucher_id for o in IssueOverride.select()}
    # Re-check every issue's people against the rules: only the overridden one breaks them.
    for v in issues.where(Voucher.id.not_in(list(overridden))).limit(80):
        people = {ln.party_id for ln in VoucherLine.select().where(VoucherLine.voucher == v.id)}
        for pid in people:
            if Party.get_by_id(pid).kind != "person":
                continue
            rows = limits.allowance_for(pid, v.doc_date)
            assert all(r.remaining is None or r.remaining >= 0 for r in rows), (v.number, rows)
