"""Who may call what under /api/admin: 401 without a valid token, 403 below the needed role."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import select

from bot.settings import get_settings
from services_catalog.db import session_scope
from services_catalog.models import AuditEntry, StaffUser
from services_catalog.staff import create_user, issue_token

PASSWORD = "correct-horse-battery"
RANK = {"agent": 0, "viewer": 1, "editor": 2, "admin": 3}
SLUG = "company-registration"

# Every admin route but login, with the lowest role allowed to call it.
ROUTES = [
    ("GET", "/api/admin/me", "agent"),
    ("GET", "/api/admin/services", "viewer"),
    ("GET", f"/api/admin/services/{SLUG}", "viewer"),
    ("POST", "/api/admin/services", "editor"),
    ("PATCH", f"/api/admin/services/{SLUG}", "editor"),
    ("DELETE", f"/api/admin/services/{SLUG}?version=1", "admin"),
    ("POST", f"/api/admin/services/{SLUG}/restore", "admin"),
    ("GET", "/api/admin/scenarios", "viewer"),
    ("GET", f"/api/admin/scenarios/{SLUG}", "viewer"),
    ("POST", "/api/admin/scenarios", "editor"),
    ("PATCH", f"/api/admin/scenarios/{SLUG}", "editor"),
    ("DELETE", f"/api/admin/scenarios/{SLUG}?version=1", "editor"),
    ("GET", f"/api/admin/services/{SLUG}/versions/1", "viewer"),
    ("POST", f"/api/admin/services/{SLUG}/versions/1/restore?version=1", "editor"),
    ("GET", "/api/admin/audit", "viewer"),
    ("GET", "/api/admin/export", "viewer"),
    ("POST", "/api/admin/import", "editor"),
    ("GET", "/api/admin/training", "viewer"),
    ("POST", "/api/admin/training", "editor"),
    ("GET", "/api/admin/analytics", "editor"),
    ("GET", "/api/admin/analytics.csv", "editor"),
    ("POST", "/api/admin/staff", "admin"),
    ("GET", "/api/admin/staff", "admin"),
    ("PATCH", "/api/admin/staff/nobody-x", "admin"),
    ("POST", "/api/admin/staff/nobody-x/password", "admin"),
    ("DELETE", "/api/admin/staff/nobody-x", "admin"),
    ("GET", "/api/admin/inbox", "viewer"),
    ("POST", "/api/admin/inbox/assign", "editor"),
    ("POST", "/api/admin/inbox/out-of-scope", "editor"),
    ("POST", "/api/admin/inbox/dismiss", "editor"),
    ("GET", f"/api/admin/services/{SLUG}/examples", "viewer"),
    ("POST", f"/api/admin/services/{SLUG}/examples", "editor"),
    ("DELETE", "/api/admin/examples/987654321?version=1", "editor"),
    ("GET", "/api/admin/examples/export", "viewer"),
    ("POST", "/api/admin/examples/import", "editor"),
]


def make_staff(role: str) -> tuple[str, str]:
    """A new account with `role` and a valid token for it."""
    name = f"t-{role}-{uuid.uuid4().hex[:10]}"
    with session_scope() as session:
        user = create_user(session, name, PASSWORD, role)
    token, _ = issue_token(user, get_settings().signing_key, 30)
    return name, token


def staff_audit(name: str) -> list[AuditEntry]:
    """The audit rows about one staff account, newest first."""
    with session_scope() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.slug == f"staff:{name}")
                                    .order_by(AuditEntry.id.desc())))


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def tokens() -> dict[str, str]:
    return {role: make_staff(role)[1] for role in RANK}


async def test_route_list_covers_every_admin_route(gateway) -> None:
    spec = (await gateway.get("/openapi.json")).json()
    documented = {
        (method.upper(), path)
        for path, ops in spec["paths"].items() if path.startswith("/api/admin/")
        for method in ops
    }
    listed = {(m, p.split("?")[0].replace(SLUG, "{slug}").replace("nobody-x", "{username}")
               .replace("987654321", "{example_id}")
               .replace("/versions/1", "/versions/{n}")) for m, p, _ in ROUTES}
    assert documented - {("POST", "/api/admin/login")} == listed


@pytest.mark.parametrize(("method", "path", "role"), ROUTES)
async def test_no_token_is_401(gateway, method: str, path: str, role: str) -> None:
    r = await gateway.request(method, path)
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"] == "Bearer"
    assert "登录" in r.json()["detail"]


@pytest.mark.parametrize(("method", "path", "role"), ROUTES)
async def test_garbage_token_is_401(gateway, method: str, path: str, role: str) -> None:
    r = await gateway.request(method, path, headers=auth("jsw1.e30.bm9wZQ"))
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path", "role"), [r for r in ROUTES if r[2] != "agent"])
async def test_lower_role_is_403(gateway, tokens, method: str, path: str, role: str) -> None:
    for lower in (r for r in RANK if RANK[r] < RANK[role]):
        r = await gateway.request(method, path, headers=auth(tokens[lower]))
        assert r.status_code == 403, (lower, r.text)
        assert role in r.json()["detail"]


async def test_viewer_can_read(gateway, tokens) -> None:
    for path in ("/api/admin/services", f"/api/admin/services/{SLUG}", "/api/admin/audit",
                 "/api/admin/training", "/api/admin/export"):
        r = await gateway.get(path, headers=auth(tokens["viewer"]))
        assert r.status_code == 200, (path, r.text)


async def test_login_gives_a_working_token(gateway) -> None:
    name, _ = make_staff("editor")
    r = await gateway.post("/api/admin/login", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer" and body["role"] == "editor"
    assert body["expires_at"]
    me = await gateway.get("/api/admin/me", headers=auth(body["access_token"]))
    assert me.json() == {"username": name, "role": "editor"}


@pytest.mark.parametrize("password", ["wrong-password-123", "", PASSWORD + "x"])
async def test_login_wrong_password_is_401(gateway, password: str) -> None:
    name, _ = make_staff("viewer")
    r = await gateway.post("/api/admin/login", json={"username": name, "password": password})
    assert r.status_code in (401, 422)
    if password:
        assert r.status_code == 401
        assert "access_token" not in r.json()


async def test_login_unknown_user_is_401(gateway) -> None:
    r = await gateway.post("/api/admin/login",
                           json={"username": "nobody-here", "password": PASSWORD})
    assert r.status_code == 401


def user_named(name: str) -> StaffUser:
    with session_scope() as session:
        return session.query(StaffUser).filter_by(username=name).one()


async def test_expired_token_is_401(gateway) -> None:
    name, _ = make_staff("admin")
    token, _ = issue_token(user_named(name), get_settings().signing_key, 10,
                           now=time.time() - 11 * 60)
    r = await gateway.get("/api/admin/me", headers=auth(token))
    assert r.status_code == 401
    assert "过期" in r.json()["detail"]


async def test_token_signed_with_another_secret_is_401(gateway) -> None:
    name, _ = make_staff("admin")
    token, _ = issue_token(user_named(name), "some-other-secret-of-enough-length-0123", 10)
    assert (await gateway.get("/api/admin/me", headers=auth(token))).status_code == 401


def forge(claims: dict, secret: str) -> str:
    """A JWT signed the way the gateway signs (its derived key) with `secret`."""
    import jwt

    from services_catalog.staff import _key

    return jwt.encode(claims, _key(secret), algorithm="HS256")


async def test_token_forged_with_the_old_default_key_is_401(gateway) -> None:
    """Finding 1: the key once written in bot/settings.py signs nothing that verifies now, in
    the old token format or as a JWT."""
    import base64
    import hashlib
    import hmac
    import json

    from bot.settings import DEV_SECRET

    name, _ = make_staff("admin")
    now = int(time.time())
    payload = base64.urlsafe_b64encode(json.dumps(
        {"sub": name, "role": "admin", "iat": now, "exp": now + 600}).encode()).rstrip(b"=")
    signing_input = b"jsw1." + payload
    key = hmac.new(DEV_SECRET.encode(), b"jisuwen staff token v1", hashlib.sha256).digest()
    sig = base64.urlsafe_b64encode(hmac.new(key, signing_input, hashlib.sha256).digest())
    old_format = (signing_input + b"." + sig.rstrip(b"=")).decode()
    version = user_named(name).token_version
    as_jwt = forge({"sub": name, "ver": version, "iat": now, "exp": now + 600,
                    "iss": "jisuwen"}, DEV_SECRET)
    for token in (old_format, as_jwt):
        r = await gateway.get("/api/admin/staff", headers=auth(token))
        assert r.status_code == 401, r.text


async def test_token_with_a_longer_life_than_configured_is_401(gateway) -> None:
    """Signed with the real key, but exp far in the future (or iat in the future): refused."""
    name, _ = make_staff("admin")
    secret = get_settings().signing_key
    now = int(time.time())
    version = user_named(name).token_version
    base = {"sub": name, "ver": version, "iss": "jisuwen"}
    ok = forge({**base, "iat": now, "exp": now + 600}, secret)
    assert (await gateway.get("/api/admin/me", headers=auth(ok))).status_code == 200
    ttl = get_settings().token_ttl_minutes * 60
    for claims in ({"iat": now, "exp": now + ttl + 120},          # lives too long
                   {"iat": now, "exp": now + 10 * 365 * 86400},  # a far-future exp
                   {"iat": now + 3600, "exp": now + 3600 + 60},  # issued in the future
                   {"exp": now + 600}):                           # no iat
        r = await gateway.get("/api/admin/me", headers=auth(forge({**base, **claims}, secret)))
        assert r.status_code == 401, claims


async def test_tampered_claims_are_401(gateway) -> None:
    import base64
    import json

    name, token = make_staff("viewer")
    header, payload, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    for change in ({"role": "admin"}, {"sub": "someone-else"}, {"ver": claims["ver"] + 1},
                   {"exp": claims["exp"] + 60}):
        forged = base64.urlsafe_b64encode(
            json.dumps({**claims, **change}).encode()).rstrip(b"=").decode()
        r = await gateway.get("/api/admin/me", headers=auth(f"{header}.{forged}.{sig}"))
        assert r.status_code == 401, change
    none_alg = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    r = await gateway.get("/api/admin/me", headers=auth(f"{none_alg}.{payload}."))
    assert r.status_code == 401


async def test_disabled_account_is_401_and_role_comes_from_the_db(gateway) -> None:
    name, token = make_staff("admin")
    with session_scope() as session:
        session.query(StaffUser).filter_by(username=name).one().role = "viewer"
    r = await gateway.get("/api/admin/staff", headers=auth(token))
    assert r.status_code == 403  # demoted: the token's "admin" no longer counts
    with session_scope() as session:
        session.query(StaffUser).filter_by(username=name).one().active = False
    assert (await gateway.get("/api/admin/me", headers=auth(token))).status_code == 401


async def test_catalog_admin_token_is_an_admin(gateway) -> None:
    admin_token = get_settings().catalog_admin_token
    assert admin_token
    r = await gateway.get("/api/admin/me", headers=auth(admin_token))
    assert r.json() == {"username": "operator", "role": "admin"}
    assert (await gateway.get("/api/admin/staff", headers=auth(admin_token))).status_code == 200
    # CATALOG_ADMIN_TOKEN bootstraps the first admin; the audit log says who did it.
    name = f"first-admin-{uuid.uuid4().hex[:6]}"
    r = await gateway.post("/api/admin/staff", headers=auth(admin_token),
                           json={"username": name, "password": PASSWORD, "role": "admin"})
    assert r.status_code == 201, r.text
    entry = staff_audit(name)[0]
    assert (entry.action, entry.actor) == ("staff_create", "CATALOG_ADMIN_TOKEN")


async def test_admin_creates_staff_and_duplicates_conflict(gateway, tokens) -> None:
    name = f"new-{uuid.uuid4().hex[:8]}"
    body = {"username": name, "password": "long-enough-pw", "role": "viewer"}
    r = await gateway.post("/api/admin/staff", json=body, headers=auth(tokens["admin"]))
    assert r.status_code == 201, r.text
    assert r.json()["role"] == "viewer"
    again = await gateway.post("/api/admin/staff", json=body, headers=auth(tokens["admin"]))
    assert again.status_code == 409
    login = await gateway.post("/api/admin/login",
                               json={"username": name, "password": "long-enough-pw"})
    assert login.status_code == 200


@pytest.mark.parametrize(("field", "value"), [
    ("username", "AB"), ("username", "has space"), ("password", "short"), ("role", "owner"),
])
async def test_staff_validation_is_422_in_chinese(gateway, tokens, field: str, value: str) -> None:
    body = {"username": f"ok-{uuid.uuid4().hex[:6]}", "password": "long-enough-pw",
            "role": "editor", field: value}
    r = await gateway.post("/api/admin/staff", json=body, headers=auth(tokens["admin"]))
    assert r.status_code == 422
    fields = r.json()["fields"]
    assert field in fields
    assert any("\u4e00" <= ch <= "\u9fff" for ch in fields[field])
