# ruff: noqa: F811  (the catalog_day fixture is imported, then requested by name)
"""Versions of a service: GET version n (rebuilt from the audit log) and restore it as a new
version, with the same validation and database-enforced concurrency as a PATCH."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

from bot.settings import get_settings
from services_catalog.db import session_scope
from services_catalog.staff import create_user, issue_token
from tests.bot.test_admin_services import ADMIN, audit_rows, create, editor_headers
from tests.catalog_day import catalog_day  # noqa: F401 (fixture)


def viewer_headers() -> dict[str, str]:
    with session_scope() as session:
        user = create_user(session, f"t-vw-{uuid.uuid4().hex[:10]}", "correct-horse-battery",
                           "viewer")
    token, _ = issue_token(user, get_settings().signing_key, 30)
    return {"Authorization": f"Bearer {token}"}


async def three_versions(gateway) -> str:
    """v1: 5个工作日, howto 原办法; v2: 3个工作日; v3: howto 新办法."""
    slug = (await create(gateway, howto="原办法"))["slug"]
    for version, patch in ((1, {"time_limits": [{"amount": 3, "unit": "工作日"}]}),
                           (2, {"howto": "新办法"})):
        r = await gateway.patch(f"/api/admin/services/{slug}", headers=ADMIN,
                                json={"version": version, **patch})
        assert r.status_code == 200, r.text
    return slug


async def test_get_version_n_is_the_service_as_it_was(gateway) -> None:
    slug = await three_versions(gateway)
    v1 = (await gateway.get(f"/api/admin/services/{slug}/versions/1", headers=viewer_headers()))
    assert v1.status_code == 200, v1.text
    body = v1.json()
    assert body["version"] == 1 and body["current_version"] == 3
    assert body["time_limits"][0]["amount"] == 5 and body["howto"] == "原办法"
    assert body["action"] == "create" and body["actor"] == "operator"
    v2 = (await gateway.get(f"/api/admin/services/{slug}/versions/2", headers=ADMIN)).json()
    assert v2["time_limits"][0]["amount"] == 3 and v2["howto"] == "原办法"
    v3 = (await gateway.get(f"/api/admin/services/{slug}/versions/3", headers=ADMIN)).json()
    current = (await gateway.get(f"/api/admin/services/{slug}", headers=ADMIN)).json()
    assert {k: v3[k] for k in ("time_limits", "howto", "name", "aliases")} == {
        k: current[k] for k in ("time_limits", "howto", "name", "aliases")}


async def test_unknown_version_or_service_is_404(gateway) -> None:
    slug = await three_versions(gateway)
    for n in (0, 4, 999):
        r = await gateway.get(f"/api/admin/services/{slug}/versions/{n}", headers=ADMIN)
        assert r.status_code == 404, (n, r.text)
        r = await gateway.post(f"/api/admin/services/{slug}/versions/{n}/restore?version=3",
                               headers=ADMIN)
        assert r.status_code == 404, (n, r.text)
    r = await gateway.get("/api/admin/services/no-such-thing/versions/1", headers=ADMIN)
    assert r.status_code == 404
    assert (await gateway.get(f"/api/admin/services/{slug}", headers=ADMIN)).json()["version"] == 3


async def test_restore_makes_a_new_version_audited_and_public(gateway) -> None:
    slug = await three_versions(gateway)
    r = await gateway.post(f"/api/admin/services/{slug}/versions/1/restore?version=3",
                           headers=editor_headers())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["version"] == 4
    assert body["time_limits"][0]["amount"] == 5 and body["howto"] == "原办法"
    public = (await gateway.get(f"/api/services/{slug}")).json()
    assert public["version"] == 4 and public["time_limits"][0]["amount"] == 5
    latest = (await audit_rows(gateway, slug))[0]
    assert latest["action"] == "restore_version" and latest["version"] == 4
    assert latest["actor"].startswith("t-ed-")
    assert latest["changes"]["restored_from"]["after"] == 1
    assert latest["changes"]["time_limits"]["before"][0]["amount"] == 3
    assert latest["changes"]["howto"] == {"before": "新办法", "after": "原办法"}
    # The history still rebuilds: version 3 is what it was, version 4 equals version 1.
    v3 = (await gateway.get(f"/api/admin/services/{slug}/versions/3", headers=ADMIN)).json()
    assert v3["howto"] == "新办法" and v3["time_limits"][0]["amount"] == 3


async def test_restore_with_a_stale_version_is_409_and_changes_nothing(gateway) -> None:
    slug = await three_versions(gateway)
    r = await gateway.post(f"/api/admin/services/{slug}/versions/1/restore?version=2",
                           headers=ADMIN)
    assert r.status_code == 409, r.text
    assert r.json()["current"]["version"] == 3 and r.json()["current"]["howto"] == "新办法"
    assert (await audit_rows(gateway, slug))[0]["version"] == 3


async def test_restore_racing_a_patch_never_both_win(gateway) -> None:
    """Real concurrent requests, several rounds: one 200, one 409, one audit row per version."""
    slug = await three_versions(gateway)
    version = 3
    for n in range(6):
        if n and (await gateway.get(f"/api/admin/services/{slug}", headers=ADMIN)
                  ).json()["howto"] == "原办法":  # the last restore won: make it differ again
            r = await gateway.patch(f"/api/admin/services/{slug}", headers=ADMIN,
                                    json={"version": version, "howto": f"第{n}轮之前"})
            assert r.status_code == 200, r.text
            version += 1
        restore, patch = await asyncio.gather(
            gateway.post(f"/api/admin/services/{slug}/versions/1/restore?version={version}",
                         headers=editor_headers()),
            gateway.patch(f"/api/admin/services/{slug}", headers=editor_headers(),
                          json={"version": version, "howto": f"第{n}轮修改"}),
        )
        codes = sorted([restore.status_code, patch.status_code])
        assert codes == [200, 409], (n, restore.text, patch.text)
        loser = restore if restore.status_code == 409 else patch
        assert loser.json()["current"]["version"] == version + 1
        version += 1
    rows = await audit_rows(gateway, slug)
    versions = [r["version"] for r in rows]
    assert sorted(versions) == list(range(1, version + 1)), versions


async def test_viewer_may_read_versions_but_not_restore(gateway) -> None:
    slug = await three_versions(gateway)
    viewer = viewer_headers()
    assert (await gateway.get(f"/api/admin/services/{slug}/versions/2",
                              headers=viewer)).status_code == 200
    r = await gateway.post(f"/api/admin/services/{slug}/versions/1/restore?version=3",
                           headers=viewer)
    assert r.status_code == 403
    r = await gateway.post(f"/api/admin/services/{slug}/versions/1/restore?version=3")
    assert r.status_code == 401
    assert (await audit_rows(gateway, slug))[0]["version"] == 3


async def test_restore_of_an_alias_now_used_elsewhere_is_422(gateway) -> None:
    svc = await create(gateway)
    slug, alias = svc["slug"], svc["aliases"][0]
    r = await gateway.patch(f"/api/admin/services/{slug}", headers=ADMIN,
                            json={"version": 1, "aliases": ["换了的别名" + uuid.uuid4().hex[:6]]})
    assert r.status_code == 200
    await create(gateway, aliases=[alias])  # another service takes the old alias
    r = await gateway.post(f"/api/admin/services/{slug}/versions/1/restore?version=2",
                           headers=ADMIN)
    assert r.status_code == 422 and "aliases" in r.json()["fields"], r.text
    assert (await audit_rows(gateway, slug))[0]["version"] == 2


async def test_restoring_a_version_whose_scheduled_change_has_come_restores_todays_figure(
        gateway, catalog_day) -> None:
    """v2 scheduled 5 → 2 working days from 2027-01-01; after that day, restoring v2 is not
    refused as "a change in the past": the restored figure is the one in force, on its decision."""
    catalog_day(date(2026, 12, 3))
    slug = (await create(gateway))["slug"]
    change = {"amount": 2, "unit": "工作日", "effective": "2027-01-01",
              "document": "昌吉州关于压缩时限的通知", "date": "2026-11-20"}
    r = await gateway.patch(f"/api/admin/services/{slug}", headers=ADMIN, json={
        "version": 1, "time_limits": [{"amount": 5, "unit": "工作日", "change": change}]})
    assert r.status_code == 200, r.text
    r = await gateway.patch(f"/api/admin/services/{slug}", headers=ADMIN, json={
        "version": 2, "time_limits": [{"amount": 4, "unit": "工作日"}]})
    assert r.status_code == 200, r.text
    catalog_day(date(2027, 1, 2))
    r = await gateway.post(f"/api/admin/services/{slug}/versions/2/restore?version=3",
                           headers=ADMIN)
    assert r.status_code == 200, r.text
    limit = r.json()["time_limits"][0]
    assert (limit["amount"], limit["change"]) == (2, None)
    assert limit["basis"]["kind"] == "decision"
    assert limit["basis"]["document"] == "昌吉州关于压缩时限的通知"
