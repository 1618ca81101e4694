"""Staff accounts of the catalog admin: argon2 password hashes and signed bearer tokens.

Token scheme (stdlib only, no JWT dependency): ``jsw1.<payload>.<signature>`` where payload is
base64url(JSON {"sub", "role", "iat", "exp"}) and signature is base64url(HMAC-SHA256) over
``jsw1.<payload>`` with a key derived from Settings.secret_key. Verification is constant-time and
checks the expiry; the caller then re-reads the account so a deactivated user or a changed role
takes effect before the token expires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from sqlalchemy import select
from sqlalchemy.orm import Session

from services_catalog.models import StaffUser
from services_catalog.repository import CatalogError, Conflict

ROLES = ("viewer", "editor", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,40}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # argon2 hashes anything, but a megabyte "password" is a cheap DoS
TOKEN_PREFIX = "jsw1"

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
        raise InvalidStaff("角色须为 viewer、editor 或 admin / role: viewer, editor or admin")
    return role


def create_user(session: Session, username: str, password: str, role: str) -> StaffUser:
    check_username(username)
    check_password(password)
    check_role(role)
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)) is not None:
        raise Conflict(f"用户 {username!r} 已存在 / user already exists")
    user = StaffUser(username=username, password_hash=hash_password(password), role=role,
                     active=True)
    session.add(user)
    session.flush()
    return user


def get_active_user(session: Session, username: str) -> StaffUser | None:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    return user if user is not None and user.active else None


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    user = get_active_user(session, username)
    if user is None or len(password) > MAX_PASSWORD:
        _hasher.verify("wrong-password", _DUMMY_HASH)
        return None
    try:
        ok, new_hash = _hasher.verify_and_update(password, user.password_hash)
    except UnknownHashError:
        return None
    if not ok:
        return None
    if new_hash:  # argon2 parameters were raised since the hash was made
        user.password_hash = new_hash
    return user


# --- tokens -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenClaims:
    username: str
    role: str
    expires_at: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key(secret: str) -> bytes:
    # A key of its own, so secret_key used elsewhere never signs something that verifies here.
    return hmac.new(secret.encode(), b"jisuwen staff token v1", hashlib.sha256).digest()


def _sign(signing_input: str, secret: str) -> str:
    return _b64(hmac.new(_key(secret), signing_input.encode("ascii"), hashlib.sha256).digest())


def issue_token(
    username: str, role: str, secret: str, ttl_minutes: int, now: float | None = None
) -> tuple[str, datetime]:
    issued = int(time.time() if now is None else now)
    exp = issued + ttl_minutes * 60
    payload = json.dumps({"sub": username, "role": role, "iat": issued, "exp": exp},
                         separators=(",", ":"), sort_keys=True)
    signing_input = f"{TOKEN_PREFIX}.{_b64(payload.encode())}"
    token = f"{signing_input}.{_sign(signing_input, secret)}"
    return token, datetime.fromtimestamp(exp, timezone.utc)


def verify_token(token: str, secret: str, now: float | None = None) -> TokenClaims | None:
    """The claims of a well-signed, unexpired token; None for anything else."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    signing_input = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_sign(signing_input, secret), parts[2]):
        return None
    try:
        claims = json.loads(_unb64(parts[1]))
        username, role, exp = str(claims["sub"]), str(claims["role"]), int(claims["exp"])
    except (ValueError, KeyError, TypeError):
        return None
    if exp <= (time.time() if now is None else now) or role not in ROLES:
        return None
    return TokenClaims(username, role, datetime.fromtimestamp(exp, timezone.utc))
