"""Staff accounts: argon2 password hashes, signed bearer tokens (JWT, HS256), account changes.

A token carries the account's `token_version`. Changing the password, the role or the active
flag bumps it, and a new account starts at a random one, so each of those changes, and deleting
an account and re-creating its name, makes every earlier token for it invalid. Every change is
written to the audit log (slug ``staff:<username>``), as are logins.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import jwt
from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services_catalog.models import AuditEntry, StaffUser
from services_catalog.repository import CatalogError, Conflict, NotFound

# Lowest first: a role may do everything the roles before it may.
ROLES = ("agent", "viewer", "editor", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,40}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # argon2 hashes anything, but a megabyte "password" is a cheap DoS
ALGORITHM = "HS256"
ISSUER = "jisuwen"
# Clock skew allowed between the gateway processes that issue and verify tokens.
LEEWAY_S = 30
MAX_VERSION = 2**31 - 1  # fits PostgreSQL's INTEGER

_hasher = PasswordHash.recommended()
# Verified against when the username is unknown, so a login takes as long either way and does
# not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0000")


class InvalidStaff(CatalogError):
    status = 422


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_username(username: str) -> str:
    if not USERNAME_RE.match(username):
        raise InvalidStaff(
            "用户名须为3-40位小写字母、数字或 _ . - / username: 3-40 of a-z 0-9 _ . -"
        )
    return username


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidStaff(f"密码至少{MIN_PASSWORD}位 / password needs {MIN_PASSWORD}+ characters")
    if len(password) > MAX_PASSWORD:
        raise InvalidStaff(f"密码最多{MAX_PASSWORD}位 / password too long")
    return password


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidStaff("角色须为 agent、viewer、editor 或 admin / role: agent, viewer, "
                           "editor or admin")
    return role


def loggable_username(username: str) -> str:
    """The name as typed at a login, for the audit log: only if it is a well-formed username
    (a password typed into the name field, or markup, is never written down)."""
    return username if USERNAME_RE.match(username) else "(invalid)"


def audit(session: Session, username: str, action: str, actor: str,
          changes: dict[str, Any] | None = None) -> None:
    session.add(AuditEntry(slug=f"staff:{username}", action=action, actor=actor, version=0,
                           changes=changes or {}))


def _new_version() -> int:
    return secrets.randbelow(MAX_VERSION - 1) + 1


def _bump(user: StaffUser) -> None:
    user.token_version = user.token_version % MAX_VERSION + 1


def create_user(session: Session, username: str, password: str, role: str,
                actor: str = "cli") -> StaffUser:
    check_username(username)
    check_password(password)
    check_role(role)
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)) is not None:
        raise Conflict(f"用户 {username!r} 已存在 / user already exists")
    user = StaffUser(username=username, password_hash=hash_password(password), role=role,
                     active=True, token_version=_new_version())
    session.add(user)
    session.flush()
    audit(session, username, "staff_create", actor, {"role": {"before": None, "after": role}})
    return user


def get_user(session: Session, username: str) -> StaffUser:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise NotFound(f"没有用户 {username!r} / no such user")
    return user


def get_active_user(session: Session, username: str) -> StaffUser | None:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    return user if user is not None and user.active else None


def _other_active_admins(session: Session, user: StaffUser) -> int:
    return session.scalar(select(func.count()).select_from(StaffUser).where(
        StaffUser.role == "admin", StaffUser.active.is_(True), StaffUser.id != user.id)) or 0


def _keep_an_admin(session: Session, user: StaffUser) -> None:
    if user.role == "admin" and user.active and not _other_active_admins(session, user):
        raise Conflict("这是最后一个在用的管理员账号 / the last active admin cannot be removed "
                       "(CATALOG_ADMIN_TOKEN or `python -m services_catalog create-staff` can "
                       "add another first)")


def update_user(session: Session, username: str, actor: str, *, role: str | None = None,
                active: bool | None = None) -> StaffUser:
    user = get_user(session, username)
    changes: dict[str, Any] = {}
    if role is not None and role != user.role:
        check_role(role)
        _keep_an_admin(session, user)
        changes["role"] = {"before": user.role, "after": role}
        user.role = role
    if active is not None and active != user.active:
        if not active:
            _keep_an_admin(session, user)
        changes["active"] = {"before": user.active, "after": active}
        user.active = active
    if changes:
        _bump(user)
        audit(session, username, "staff_update", actor, changes)
    return user


def reset_password(session: Session, username: str, password: str, actor: str) -> StaffUser:
    check_password(password)
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    _bump(user)
    audit(session, username, "password_reset", actor)
    return user


def delete_user(session: Session, username: str, actor: str) -> None:
    user = get_user(session, username)
    _keep_an_admin(session, user)
    session.delete(user)
    audit(session, username, "staff_delete", actor, {"role": {"before": user.role,
                                                              "after": None}})


def password_hash_for(session: Session, username: str) -> tuple[StaffUser | None, str]:
    """The account a login names (None if unknown or disabled) and the hash to check against
    (a dummy one when there is no account, so the check costs the same)."""
    user = get_active_user(session, username)
    return user, user.password_hash if user is not None else _DUMMY_HASH


def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """(matches, a new hash when argon2's parameters were raised). CPU-bound, ~50 ms: callers
    on an event loop run it in a worker thread."""
    if len(password) > MAX_PASSWORD:
        return False, None
    try:
        return _hasher.verify_and_update(password, password_hash)
    except UnknownHashError:
        return False, None


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """Synchronous login check (the CLI and tests); the gateway splits it around a thread."""
    user, stored = password_hash_for(session, username)
    ok, new_hash = verify_password(password, stored)
    if user is None or not ok:
        return None
    if new_hash:
        user.password_hash = new_hash
    return user


# --- tokens -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenClaims:
    username: str
    version: int
    expires_at: datetime


def _key(secret: str) -> bytes:
    # A key of its own, so secret_key used elsewhere never signs something that verifies here.
    return hmac.new(secret.encode(), b"jisuwen staff token v2", hashlib.sha256).digest()


def issue_token(user: StaffUser, secret: str, ttl_minutes: int,
                now: float | None = None) -> tuple[str, datetime]:
    issued = int(time.time() if now is None else now)
    exp = issued + ttl_minutes * 60
    claims = {"sub": user.username, "ver": user.token_version, "iat": issued, "exp": exp,
              "iss": ISSUER}
    token = jwt.encode(claims, _key(secret), algorithm=ALGORITHM)
    return token, datetime.fromtimestamp(exp, timezone.utc)


def verify_token(token: str, secret: str, ttl_minutes: int,
                 now: float | None = None) -> TokenClaims | None:
    """The claims of a well-signed, unexpired token whose lifetime is no longer than the
    configured one and which was not issued in the future; None for anything else."""
    try:
        claims = jwt.decode(
            token, _key(secret), algorithms=[ALGORITHM], issuer=ISSUER, leeway=LEEWAY_S,
            options={"require": ["sub", "ver", "iat", "exp", "iss"],
                     "verify_exp": now is None, "verify_iat": now is None},
        )
        username, version = str(claims["sub"]), int(claims["ver"])
        issued, exp = int(claims["iat"]), int(claims["exp"])
    except (jwt.InvalidTokenError, ValueError, TypeError, OverflowError):
        return None
    current = time.time() if now is None else now
    if exp <= current - LEEWAY_S or issued > current + LEEWAY_S:
        return None
    # A token minted with the key but a longer life (a far-future exp) is not one we issued.
    if exp - issued > ttl_minutes * 60:
        return None
    return TokenClaims(username, version, datetime.fromtimestamp(exp, timezone.utc))
