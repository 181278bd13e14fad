"""Who signs which voucher (经办双方签字): roles as on the paper forms, and who may sign.

Roles are codes; each voucher type lists its roles and which of them must sign before posting.
The same person can never sign for two roles of one voucher.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import i18n
from app.domain.errors import SignOffMissing

METHODS = ("pad", "pin")

_NAMES: dict[str, tuple[str, str]] = {
    "deliverer": ("送货人", "deliverer"),
    "inspector": ("验收人", "inspector"),
    "storekeeper": ("保管员", "storekeeper"),
    "receiver": ("领用人", "receiver"),
    "issuer": ("发放人", "issuer"),
    "approver": ("审核人", "approver"),
    "counter": ("盘点人", "counter"),
    "supervisor": ("监盘人", "supervisor"),
    "handler": ("经办人", "handler"),
    "borrower": ("借用人", "borrower"),
    "pad": ("手写签名", "signed on the pad"),
    "pin": ("PIN 确认", "confirmed with PIN"),
}


@dataclass(frozen=True)
class Roles:
    """The roles a voucher type shows, in order, and those that must sign before posting."""

    all: tuple[str, ...]
    required: tuple[str, ...]


ROLES: dict[str, Roles] = {
    "receipt": Roles(("deliverer", "inspector", "storekeeper"), ("deliverer", "inspector")),
    "issue": Roles(("receiver", "issuer", "approver"), ("receiver", "issuer")),
    "loan": Roles(("borrower", "issuer", "approver"), ("borrower", "issuer", "approver")),
    # Stocktake (issue 6): the paper has four lines; posting needs the approver (PIN or pad).
    "adjustment": Roles(("counter", "supervisor", "storekeeper", "approver"), ("approver",)),
    "opening": Roles(("counter", "supervisor", "storekeeper", "approver"), ("approver",)),
    "write_off": Roles(("handler", "storekeeper", "approver"), ("handler", "approver")),
}


def label(code: str | None, lang: str | None = None) -> str:
    if not code:
        return ""
    pair = _NAMES.get(code)
    if pair is None:
        return code
    return pair[0] if (lang or i18n.language()) == "zh_CN" else pair[1]


def roles_for(vtype: str) -> Roles:
    return ROLES.get(vtype, Roles((), ()))


def same_person(a_name: str, a_account: int | None, b_name: str, b_account: int | None) -> bool:
    """Two signers are one person when they share an account or (ignoring spaces) a name."""
    if a_account is not None and a_account == b_account:
        return True
    return _norm(a_name) == _norm(b_name)


def _norm(name: str) -> str:
    return "".join(name.split()).casefold()


def check_complete(vtype: str, signed: list[tuple[str, str, int | None]]) -> None:
    """`signed` is (role, name, account id) per signature: all required roles, distinct people."""
    roles = roles_for(vtype)
    have = {role for role, _n, _a in signed}
    for role in roles.required:
        if role not in have:
            raise SignOffMissing(
                f"缺少{label(role, 'zh_CN')}的签字",
                f"The {label(role, 'en')} has not signed",
                field=f"signature:{role}",
                role=role,
            )
    for i, (role_a, name_a, acc_a) in enumerate(signed):
        for role_b, name_b, acc_b in signed[i + 1 :]:
            if same_person(name_a, acc_a, name_b, acc_b):
                raise SignOffMissing(
                    f"同一人（{name_b}）不能同时作为{label(role_a, 'zh_CN')}和"
                    f"{label(role_b, 'zh_CN')}签字",
                    f"The same person ({name_b}) cannot sign as both {label(role_a, 'en')} "
                    f"and {label(role_b, 'en')}",
                    field=f"signature:{role_b}",
                    role=role_b,
                )
