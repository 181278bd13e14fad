"""User accounts: storekeeper, approver, admin; PINs as salted slow hashes; lock after misses."""

from __future__ import annotations

from datetime import timedelta

from app.domain.codes import ROLES
from app.domain.errors import AuthError, BadInput
from app.domain.pins import hash_pin, verify_pin
from app.services import audit
from app.store.database import write_transaction
from app.store.models import Account, now

MAX_MISSES = 5
LOCK_MINUTES = 5


def has_accounts() -> bool:
    return Account.select().where(Account.active == True).exists()  # noqa: E712


def list_accounts() -> list[Account]:
    return list(Account.select().order_by(Account.id))


def create_account(
    username: str, display_name: str, role: str, pin: str, *, by: int | None = None
) -> Account:
    username = username.strip()
    display_name = display_name.strip() or username
    if not username:
        raise BadInput("请填写登录名", "Enter a user name", field="username")
    if role not in ROLES:
        raise BadInput(f"未知的角色 {role}", f"Unknown role {role}", field="role")
    pin_hash = hash_pin(pin)
    with write_transaction():
        if Account.select().where(Account.username == username).exists():
            raise BadInput(
                f"登录名“{username}”已被使用", f"User name '{username}' is taken", field="username"
            )
        acc = Account.create(
            username=username, display_name=display_name, role=role, pin_hash=pin_hash
        )
        audit.record("account.create", {"username": username, "role": role}, by=by or acc.id)
        return acc


def authenticate(username: str, pin: str) -> Account:
    """The account if the PIN is right; wrong PINs count, and five in a row lock for a while.

    The count is committed before the error is raised, so a wrong PIN is remembered.
    """
    wrong = AuthError("用户名或 PIN 不正确", "Wrong user name or PIN", field="pin")
    with write_transaction():
        acc = Account.get_or_none(Account.username == username.strip())
        if acc is None or not acc.active:
            raise wrong
        if acc.locked_until and acc.locked_until > now():
            raise AuthError(
                f"PIN 输错次数过多，账户已锁定至 {acc.locked_until:%H:%M}",
                f"Too many wrong PINs; the account is locked until {acc.locked_until:%H:%M}",
                field="pin",
            )
        ok = verify_pin(pin, acc.pin_hash)
        if ok:
            acc.failed_attempts = 0
            acc.locked_until = None
        else:
            acc.failed_attempts += 1
            if acc.failed_attempts >= MAX_MISSES:
                acc.locked_until = now() + timedelta(minutes=LOCK_MINUTES)
                acc.failed_attempts = 0
                audit.record("account.locked", {"username": acc.username})
        acc.save()
    if not ok:
        raise wrong
    return acc


def change_pin(account_id: int, old_pin: str, new_pin: str) -> None:
    acc = Account.get_by_id(account_id)
    authenticate(acc.username, old_pin)
    new_hash = hash_pin(new_pin)
    with write_transaction():
        Account.update(pin_hash=new_hash).where(Account.id == account_id).execute()
        audit.record("account.pin", {"username": acc.username}, by=account_id)


def set_active(account_id: int, active: bool, *, by: int | None = None) -> None:
    with write_transaction():
        acc = Account.get_by_id(account_id)
        if not active:
            others = Account.select().where(
                (Account.active == True) & (Account.id != account_id)  # noqa: E712
            )
            if not others.exists():
                raise BadInput(
                    "不能停用最后一个账户", "The last active account cannot be switched off"
                )
        acc.active = active
        acc.save()
        audit.record("account.active", {"username": acc.username, "active": active}, by=by)
