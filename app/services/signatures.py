"""Sign-off by both parties: signatures stored with a draft voucher, checked when it is posted.

Any voucher type uses this (receipts now; issuing, loans, stocktake later). A signature records
the role (a code), the signer, how they signed (drawn strokes + PNG, or a registered user's PIN)
and the hash of the draft's content at that moment. Posting refuses a missing role, one person
signing twice, or a signature made before the draft last changed. Once the voucher is posted its
signatures are part of the voucher's content hash and can no longer be changed.

A PIN is checked by `accounts.authenticate` before a SignatureInput with method "pin" is made
(so wrong PINs are counted even when the posting later fails); here the account must exist and
be active.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.domain import chain, signoff
from app.domain.errors import AlreadyPosted, BadInput, NotFound, SignOffMissing
from app.services import content
from app.store import compiled
from app.store.compiled import Param, Statement
from app.store.database import write_transaction
from app.store.models import Account, Signature, Voucher, now

MAX_STROKE_POINTS = 20000

# Every posting signs: these are compiled once (app/store/compiled.py).
_OF_VOUCHER = Statement(
    lambda: Signature.select().where(Signature.voucher == Param("voucher")).order_by(Signature.id)
)
_OTHERS = Statement(
    lambda: Signature.select().where(
        (Signature.voucher == Param("voucher")) & (Signature.role != Param("role"))
    )
)
_DROP_ROLE = Statement(
    lambda: Signature.delete().where(
        (Signature.voucher == Param("voucher")) & (Signature.role == Param("role"))
    )
)
_ACCOUNT = Statement(lambda: Account.select().where(Account.id == Param("id")))


@dataclass(frozen=True)
class SignatureInput:
    """One party's sign-off as the dialog collected it; strokes in pad pixels."""

    role: str
    signer_name: str
    method: str = "pad"
    strokes: Sequence[Sequence[tuple[float, float]]] = field(default_factory=tuple)
    png: bytes | None = None
    account_id: int | None = None
    party_id: int | None = None


def draft_hash(v: Voucher) -> str:
    """The hash of what a signer agrees to: the draft's header and lines as they stand now."""
    return chain.digest(content.signing_record(v))


def signatures_of(voucher_id: int, vtype: str | None = None) -> list[Signature]:
    """The voucher's signatures in the order its paper form lists the roles."""
    rows = _OF_VOUCHER.models(Signature, voucher=voucher_id)
    order = signoff.roles_for(vtype or Voucher.get_by_id(voucher_id).vtype).all
    return sorted(rows, key=lambda s: (order.index(s.role) if s.role in order else 99, s.role))


def _draft(voucher_id: int) -> Voucher:
    v = Voucher.get_or_none(Voucher.id == voucher_id)
    if v is None:
        raise NotFound(f"单据 {voucher_id} 不存在", f"Voucher {voucher_id} does not exist")
    if v.status != "draft":
        raise AlreadyPosted(
            f"单据 {v.number} 已过账，签字不能再更改",
            f"Voucher {v.number} is posted; its signatures cannot be changed",
            field=None,
        )
    return v


def _strokes_json(strokes: Sequence[Sequence[tuple[float, float]]]) -> str:
    clean = [[[round(float(x), 1), round(float(y), 1)] for x, y in s] for s in strokes if s]
    if sum(len(s) for s in clean) > MAX_STROKE_POINTS:
        raise BadInput(
            "签名笔画太多，请清除后重签", "The signature is too long; clear it and sign again"
        )
    return json.dumps(clean, separators=(",", ":"))


def _store(
    v: Voucher, sig: SignatureInput, at: datetime | None, current: str | None = None
) -> Signature:
    """Validate one signature and store it (replacing an earlier one for the same role).

    `current` is the draft's hash when the caller has just computed it (signing several roles
    at once changes no content, so one hash serves them all)."""
    role_field = f"signature:{sig.role}"
    if sig.role not in signoff.roles_for(v.vtype).all:
        raise BadInput(
            f"{signoff.label(sig.role, 'zh_CN')}不是这类单据的签字人",
            f"A {signoff.label(sig.role, 'en')} does not sign this kind of voucher",
            field=role_field,
        )
    if sig.method not in signoff.METHODS:
        raise BadInput(f"未知的签字方式 {sig.method}", f"Unknown way of signing {sig.method}")
    name = " ".join(sig.signer_name.split())
    strokes = "[]"
    png = None
    if sig.method == "pin":
        found = _ACCOUNT.models(Account, id=sig.account_id) if sig.account_id else []
        acc = found[0] if found else None
        if acc is None or not acc.active:
            raise SignOffMissing(
                "用 PIN 签字需要一个有效的账户",
                "Signing with a PIN needs an active account",
                field=role_field,
            )
        name = acc.display_name
    else:
        strokes = _strokes_json(sig.strokes)
        if strokes == "[]" or not sig.png:
            raise SignOffMissing(
                f"请{signoff.label(sig.role, 'zh_CN')}在签名板上签字",
                f"The {signoff.label(sig.role, 'en')} has to sign on the pad",
                field=role_field,
            )
        png = bytes(sig.png)
    if not name:
        raise SignOffMissing(
            f"请填写{signoff.label(sig.role, 'zh_CN')}的姓名",
            f"Enter the {signoff.label(sig.role, 'en')}'s name",
            field=role_field,
        )
    if len(name) > 40:
        raise BadInput("姓名太长（最多 40 字）", "Name too long (40 at most)", field=role_field)
    for other in _OTHERS.models(Signature, voucher=v.id, role=sig.role):
        if signoff.same_person(name, sig.account_id, other.signer_name, other.account_id):
            raise SignOffMissing(
                f"同一人（{name}）不能同时作为{signoff.label(other.role, 'zh_CN')}和"
                f"{signoff.label(sig.role, 'zh_CN')}签字",
                f"The same person ({name}) cannot sign as both {signoff.label(other.role, 'en')} "
                f"and {signoff.label(sig.role, 'en')}",
                field=role_field,
            )
    _DROP_ROLE.execute(voucher=v.id, role=sig.role)
    return compiled.create(
        Signature,
        voucher=v.id,
        role=sig.role,
        signer_name=name,
        account=sig.account_id if sig.method == "pin" else None,
        party=sig.party_id,
        method=sig.method,
        strokes=strokes,
        png=png,
        content_hash=current or draft_hash(v),
        signed_at=(at or now()).replace(microsecond=0),
    )


def store_all(v: Voucher, sigs: Sequence[SignatureInput], at: datetime | None = None) -> str:
    """Store several signatures on a draft; call inside the caller's write transaction.

    Returns the draft's hash they were made on (check_for_posting may reuse it when nothing
    was written in between)."""
    if v.status != "draft":
        _draft(v.id)
    if not sigs:
        return ""
    current = draft_hash(v)
    for sig in sigs:
        _store(v, sig, at, current)
    return current


def sign(voucher_id: int, sig: SignatureInput, *, at: datetime | None = None) -> Signature:
    """Sign a draft voucher for one role (signing again for the role replaces the signature)."""
    with write_transaction():
        return _store(_draft(voucher_id), sig, at)


def clear(voucher_id: int, role: str | None = None) -> int:
    """Remove a draft's signatures (one role or all); returns how many were removed."""
    with write_transaction():
        v = _draft(voucher_id)
        q = Signature.delete().where(Signature.voucher == v.id)
        if role:
            q = q.where(Signature.role == role)
        return q.execute()


def drop_stale(v: Voucher) -> int:
    """After a draft changed: remove signatures made on its earlier content (caller's txn)."""
    current = draft_hash(v)
    return (
        Signature.delete()
        .where((Signature.voucher == v.id) & (Signature.content_hash != current))
        .execute()
    )


def check_for_posting(v: Voucher, current: str | None = None) -> None:
    """Every required role signed, by different people, on the content as it stands now.

    `current` is the draft's hash as store_all() returned it, when the caller wrote nothing
    to the draft since."""
    sigs = signatures_of(v.id, v.vtype)
    signoff.check_complete(v.vtype, [(s.role, s.signer_name, s.account_id) for s in sigs])
    current = current or draft_hash(v)
    for s in sigs:
        if s.content_hash != current:
            raise SignOffMissing(
                f"{signoff.label(s.role, 'zh_CN')} {s.signer_name} 签字后单据内容又有改动，请重新签字",
                f"The voucher changed after the {signoff.label(s.role, 'en')} {s.signer_name} "
                "signed; sign again",
                field=f"signature:{s.role}",
                role=s.role,
            )
