"""Finding 8: staff accounts are managed (API and CLI), changes revoke tokens, all is audited."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from services_catalog.__main__ import main as cli
from services_catalog.models import Base
from services_catalog.repository import Conflict
from services_catalog.staff import create_user, delete_user, update_user
from tests.bot.test_admin_auth import PASSWORD, auth, make_staff, staff_audit

NEW_PASSWORD = "another-long-password"


async def login(gateway, name: str, password: str = PASSWORD) -> tuple[int, str | None]:
    r = await gateway.post("/api/admin/login", json={"username": name, "password": password})
    return r.status_code, r.json().get("access_token")


async def me(gateway, token: str) -> int:
    return (await gateway.get("/api/admin/me", headers=auth(token))).status_code


async def test_admin_lists_deactivates_resets_and_deletes_accounts(gateway) -> None:
    admin_name, admin = make_staff("admin")
    name, _ = make_staff("editor")
    status, token = await login(gateway, name)
    assert status == 200 and await me(gateway, token) == 200

    listed = (await gateway.get("/api/admin/staff", headers=auth(admin))).json()
    assert {"username": name, "role": "editor", "active": True} == {
        k: v for k, v in next(u for u in listed if u["username"] == name).items()
        if k != "created_at"}

    r = await gateway.patch(f"/api/admin/staff/{name}", json={"active": False},
                            headers=auth(admin))
    assert r.status_code == 200 and r.json()["active"] is False
    assert await me(gateway, token) == 401
    assert (await login(gateway, name))[0] == 401
    r = await gateway.patch(f"/api/admin/staff/{name}", json={"active": True},
                            headers=auth(admin))
    assert r.status_code == 200
    assert await me(gateway, token) == 401  # re-activating does not revive old tokens

    status, token = await login(gateway, name)
    r = await gateway.post(f"/api/admin/staff/{name}/password", json={"password": NEW_PASSWORD},
                           headers=auth(admin))
    assert r.status_code == 200
    assert await me(gateway, token) == 401  # a password change revokes the session
    assert (await login(gateway, name))[0] == 401
    status, token = await login(gateway, name, NEW_PASSWORD)
    assert status == 200

    r = await gateway.patch(f"/api/admin/staff/{name}", json={"role": "viewer"},
                            headers=auth(admin))
    assert r.json()["role"] == "viewer"
    assert await me(gateway, token) == 401  # so does a role change
    status, token = await login(gateway, name, NEW_PASSWORD)

    assert (await gateway.delete(f"/api/admin/staff/{name}", headers=auth(admin))).status_code \
        == 204
    assert await me(gateway, token) == 401
    # The same name re-created with another role: the old token does not carry over.
    r = await gateway.post("/api/admin/staff", headers=auth(admin),
                           json={"username": name, "password": PASSWORD, "role": "admin"})
    assert r.status_code == 201
    assert await me(gateway, token) == 401
    assert (await gateway.get("/api/admin/staff", headers=auth(token))).status_code == 401

    rows = staff_audit(name)
    assert [(e.action, e.actor) for e in reversed(rows) if e.action != "login"] == [
        ("staff_create", "cli"),            # make_staff
        ("staff_update", admin_name),       # deactivated
        ("login_failed", name),             # so the right password fails
        ("staff_update", admin_name),       # re-activated
        ("password_reset", admin_name),
        ("login_failed", name),             # the old password
        ("staff_update", admin_name),
        ("staff_delete", admin_name), ("staff_create", admin_name),
    ]
    assert [e.changes for e in reversed(rows) if e.action == "staff_update"] == [
        {"active": {"before": True, "after": False}},
        {"active": {"before": False, "after": True}},
        {"role": {"before": "editor", "after": "viewer"}}]
    assert sum(e.action == "login" for e in rows) == 4
    dump = json.dumps([e.changes for e in rows], ensure_ascii=False)
    assert PASSWORD not in dump and NEW_PASSWORD not in dump


async def test_unknown_account_is_404_and_bad_input_422(gateway) -> None:
    _, admin = make_staff("admin")
    assert (await gateway.delete("/api/admin/staff/nobody-here", headers=auth(admin))
            ).status_code == 404
    r = await gateway.patch("/api/admin/staff/nobody-here", json={"role": "owner"},
                            headers=auth(admin))
    assert r.status_code == 422
    name, _ = make_staff("viewer")
    r = await gateway.post(f"/api/admin/staff/{name}/password", json={"password": "short"},
                           headers=auth(admin))
    assert r.status_code == 422


def test_the_last_active_admin_cannot_be_removed() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        create_user(session, "only-admin", PASSWORD, "admin")
        create_user(session, "an-editor", PASSWORD, "editor")
        for change in (lambda: update_user(session, "only-admin", "x", active=False),
                       lambda: update_user(session, "only-admin", "x", role="editor"),
                       lambda: delete_user(session, "only-admin", "x")):
            with pytest.raises(Conflict):
                change()
        update_user(session, "an-editor", "x", role="admin")
        delete_user(session, "only-admin", "x")  # another admin remains


def test_cli_manages_accounts_and_is_audited(capsys: pytest.CaptureFixture[str]) -> None:
    name = f"cli-{uuid.uuid4().hex[:8]}"
    assert cli(["create-staff", name, "--role", "agent", "--password", PASSWORD]) == 0
    assert cli(["list-staff"]) == 0
    assert f"{name}\tagent\tactive" in capsys.readouterr().out
    assert cli(["set-role", name, "viewer"]) == 0
    assert cli(["deactivate-staff", name]) == 0
    assert cli(["activate-staff", name]) == 0
    assert cli(["reset-password", name, "--password", NEW_PASSWORD]) == 0
    assert cli(["reset-password", name, "--password", "short"]) == 1
    assert cli(["delete-staff", name]) == 0
    assert cli(["delete-staff", name]) == 1
    assert "no such user" in capsys.readouterr().err
    assert [(e.action, e.actor) for e in reversed(staff_audit(name))] == [
        ("staff_create", "cli"), ("staff_update", "cli"), ("staff_update", "cli"),
        ("staff_update", "cli"), ("password_reset", "cli"), ("staff_delete", "cli")]
