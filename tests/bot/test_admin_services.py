"""Editing the catalog through /api/admin: versions, audit, conflicts, validation, soft delete,
import/export. Every test works on services it creates itself (unique slugs and names)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import yaml

from bot.settings import get_settings
from services_catalog.db import session_scope
from services_catalog.staff import create_user, issue_token

ADMIN = {"Authorization": f"Bearer {get_settings().catalog_admin_token}"}


def editor_headers() -> dict[str, str]:
    name = f"t-ed-{uuid.uuid4().hex[:10]}"
    with session_scope() as session:
        user = create_user(session, name, "correct-horse-battery", "editor")
    token, _ = issue_token(user, get_settings().signing_key, 30)
    return {"Authorization": f"Bearer {token}"}


def new_service(**extra: Any) -> dict[str, Any]:
    uid = uuid.uuid4().hex[:8]
    return {
        "slug": f"test-{uid}",
        "name": f"测试事项{uid}",
        "aliases": [f"测试别名{uid}"],
        "departments": ["州政资局"],
        "time_limits": [{"amount": 5, "unit": "工作日"}],
        "citation": {"item": 3, "text": "测试引用"},
        **extra,
    }


async def create(gateway, **extra: Any) -> dict[str, Any]:
    r = await gateway.post("/api/admin/services", json=new_service(**extra), headers=ADMIN)
    assert r.status_code == 201, r.text
    return r.json()


async def admin_get(gateway, slug: str) -> dict[str, Any]:
    r = await gateway.get(f"/api/admin/services/{slug}", headers=ADMIN)
    assert r.status_code == 200, r.text
    return r.json()


async def audit_rows(gateway, slug: str) -> list[dict[str, Any]]:
    r = await gateway.get("/api/admin/audit", params={"slug": slug}, headers=ADMIN)
    assert r.status_code == 200
    return r.json()


async def test_create_is_version_1_with_audit(gateway) -> None:
    svc = await create(gateway)
    assert svc["version"] == 1 and svc["active"] is True and svc["updated_by"] == "operator"
    rows = await audit_rows(gateway, svc["slug"])
    assert [r["action"] for r in rows] == ["create"]
    assert rows[0]["changes"]["name"] == {"before": None, "after": svc["name"]}


async def test_duplicate_slug_is_409(gateway) -> None:
    svc = await create(gateway)
    body = new_service(slug=svc["slug"])
    r = await gateway.post("/api/admin/services", json=body, headers=ADMIN)
    assert r.status_code == 409


async def test_patch_time_limit_shows_in_public_api_with_audit(gateway) -> None:
    svc = await create(gateway)
    slug = svc["slug"]
    assert (await gateway.get(f"/api/services/{slug}")).json()["time_limits"][0]["amount"] == 5
    new_limits = [{"amount": 2, "unit": "工作日", "condition": "材料齐全"}]
    r = await gateway.patch(f"/api/admin/services/{slug}", headers=editor_headers(),
                            json={"version": 1, "time_limits": new_limits})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2
    public = (await gateway.get(f"/api/services/{slug}")).json()
    assert public["version"] == 2
    assert public["time_limits"] == [{"amount": 2, "unit": "工作日", "condition": "材料齐全",
                                      "item": None, "max_kw": None, "change": None,
                                      "basis": {"kind": "plan", "document": None, "date": None}}]
    latest = (await audit_rows(gateway, slug))[0]
    assert latest["action"] == "update" and latest["version"] == 2
    assert latest["actor"].startswith("t-ed-")
    change = latest["changes"]["time_limits"]
    assert change["before"][0]["amount"] == 5 and change["after"][0]["amount"] == 2
    assert set(latest["changes"]) == {"time_limits"}


async def test_two_editors_second_with_old_version_gets_409(gateway) -> None:
    svc = await create(gateway)
    slug = svc["slug"]
    alice, bob = editor_headers(), editor_headers()
    first = await gateway.patch(f"/api/admin/services/{slug}", headers=alice,
                                json={"version": 1, "howto": "甲的修改"})
    assert first.status_code == 200
    second = await gateway.patch(f"/api/admin/services/{slug}", headers=bob,
                                 json={"version": 1, "howto": "乙的修改"})
    assert second.status_code == 409
    body = second.json()
    assert "版本冲突" in body["detail"]
    assert body["current"]["version"] == 2 and body["current"]["howto"] == "甲的修改"
    after = await admin_get(gateway, slug)
    assert after["howto"] == "甲的修改" and after["version"] == 2
    # Bob reloads and retries with the current version.
    retry = await gateway.patch(f"/api/admin/services/{slug}", headers=bob,
                                json={"version": 2, "howto": "乙的修改"})
    assert retry.status_code == 200 and retry.json()["version"] == 3


@pytest.mark.parametrize(("patch", "field"), [
    ({"time_limits": [{"amount": 0, "unit": "工作日"}]}, "time_limits.0.amount"),
    ({"time_limits": [{"amount": 3, "unit": "周"}]}, "time_limits.0.unit"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"citation": {"item": 999, "text": "x"}}, "citation.item"),
    ({"howto": "x", "version": 0}, "version"),
    ({"colour": "red"}, "colour"),
])
async def test_invalid_patch_is_422_and_changes_nothing(gateway, patch, field) -> None:
    svc = await create(gateway)
    before = await admin_get(gateway, svc["slug"])
    r = await gateway.patch(f"/api/admin/services/{svc['slug']}", headers=ADMIN,
                            json={"version": 1, **patch})
    assert r.status_code == 422, r.text
    body = r.json()
    assert field in body["fields"], body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["fields"][field])
    assert await admin_get(gateway, svc["slug"]) == before
    assert len(await audit_rows(gateway, svc["slug"])) == 1


async def test_alias_of_another_service_is_422_on_aliases(gateway) -> None:
    one, two = await create(gateway), await create(gateway)
    before = await admin_get(gateway, two["slug"])
    r = await gateway.patch(f"/api/admin/services/{two['slug']}", headers=ADMIN,
                            json={"version": 1, "aliases": [one["aliases"][0]]})
    assert r.status_code == 422
    assert one["slug"] in r.json()["fields"]["aliases"]
    assert await admin_get(gateway, two["slug"]) == before


async def test_unknown_slug_is_404(gateway) -> None:
    r = await gateway.patch("/api/admin/services/no-such-service", headers=ADMIN,
                            json={"version": 1, "howto": "x"})
    assert r.status_code == 404
    assert (await gateway.get("/api/admin/services/no-such-service",
                              headers=ADMIN)).status_code == 404


async def test_invalid_create_is_422(gateway) -> None:
    body = new_service(slug="Bad Slug!")
    r = await gateway.post("/api/admin/services", json=body, headers=ADMIN)
    assert r.status_code == 422 and "slug" in r.json()["fields"]
    assert (await gateway.get("/api/admin/services/Bad Slug!", headers=ADMIN)).status_code == 404


async def test_soft_delete_hides_and_restore_brings_back(gateway) -> None:
    svc = await create(gateway)
    slug = svc["slug"]
    stale = await gateway.delete(f"/api/admin/services/{slug}?version=7", headers=ADMIN)
    assert stale.status_code == 409
    r = await gateway.delete(f"/api/admin/services/{slug}?version=1", headers=ADMIN)
    assert r.status_code == 200 and r.json()["active"] is False
    assert (await gateway.get(f"/api/services/{slug}")).status_code == 404
    listed = (await gateway.get("/api/admin/services", params={"q": slug}, headers=ADMIN)).json()
    assert [s["slug"] for s in listed] == [slug] and listed[0]["active"] is False
    r = await gateway.post(f"/api/admin/services/{slug}/restore", headers=ADMIN)
    assert r.status_code == 200 and r.json()["active"] is True and r.json()["version"] == 3
    assert (await gateway.get(f"/api/services/{slug}")).json()["name"] == svc["name"]
    assert [a["action"] for a in await audit_rows(gateway, slug)] == [
        "restore", "delete", "create"]


async def test_list_filters_by_name_slug_and_alias(gateway) -> None:
    svc = await create(gateway)
    for q in (svc["slug"], svc["name"], svc["aliases"][0]):
        found = (await gateway.get("/api/admin/services", params={"q": q}, headers=ADMIN)).json()
        assert [s["slug"] for s in found] == [svc["slug"]], q
    everything = (await gateway.get("/api/admin/services", headers=ADMIN)).json()
    assert len(everything) > 10


async def test_script_in_a_name_is_refused_and_in_a_text_stored_as_plain_text(gateway) -> None:
    # < > ( ) / are markup in names and aliases (they go into the NLU data); 422, not stored.
    body = new_service(name="<script>alert(1)</script>" + uuid.uuid4().hex[:6])
    r = await gateway.post("/api/admin/services", json=body, headers=ADMIN)
    assert r.status_code == 422 and "name" in r.json()["fields"]
    svc = await create(gateway, howto="<script>alert(1)</script>")
    assert (await admin_get(gateway, svc["slug"]))["howto"] == "<script>alert(1)</script>"


# --- import / export ---------------------------------------------------------------------------


async def test_import_dry_run_then_apply(gateway) -> None:
    existing = await create(gateway)
    fresh = new_service()
    changed = {k: v for k, v in existing.items()
               if k not in ("version", "active", "updated_at", "updated_by")}
    changed["howto"] = "导入修改的办理方式"
    text = yaml.safe_dump({"services": [changed, fresh]}, allow_unicode=True)
    url = "/api/admin/import?format=yaml"
    dry = await gateway.post(url, content=text.encode(), headers=ADMIN)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["applied"] is False and report["created"] == [fresh["slug"]]
    assert report["updated"] == {existing["slug"]: ["howto"]}
    assert (await gateway.get(f"/api/admin/services/{fresh['slug']}",
                              headers=ADMIN)).status_code == 404
    assert (await admin_get(gateway, existing["slug"]))["version"] == 1

    applied = await gateway.post(url + "&apply=true", content=text.encode(),
                                 headers={**ADMIN, "Content-Type": "application/x-yaml"})
    assert applied.status_code == 200 and applied.json()["applied"] is True
    assert (await admin_get(gateway, fresh["slug"]))["version"] == 1
    after = await admin_get(gateway, existing["slug"])
    assert after["howto"] == "导入修改的办理方式" and after["version"] == 2
    assert (await audit_rows(gateway, existing["slug"]))[0]["action"] == "import"


async def test_import_with_errors_is_422_and_applies_nothing(gateway) -> None:
    good, bad = new_service(), new_service(time_limits=[{"amount": 0, "unit": "周"}])
    text = yaml.safe_dump({"services": [good, bad]}, allow_unicode=True)
    r = await gateway.post("/api/admin/import?format=yaml&apply=true", content=text.encode(),
                           headers=ADMIN)
    assert r.status_code == 422
    errors = r.json()["report"]["errors"]
    assert errors[0]["slug"] == bad["slug"] and errors[0]["index"] == 1
    assert (await gateway.get(f"/api/admin/services/{good['slug']}",
                              headers=ADMIN)).status_code == 404


@pytest.mark.parametrize(("fmt", "content"), [
    ("yaml", b"services: [unclosed"), ("yaml", b"just text"), ("csv", b"slug,name\nx,y\n"),
    ("yaml", b""), ("csv", "名称".encode("gbk")),
])
async def test_unreadable_import_is_422(gateway, fmt: str, content: bytes) -> None:
    r = await gateway.post(f"/api/admin/import?format={fmt}&apply=true", content=content,
                           headers=ADMIN)
    assert r.status_code == 422
    assert r.json()["detail"]


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
async def test_export_import_round_trip_changes_nothing(gateway, fmt: str) -> None:
    await create(gateway, fees=[{"text": "免费", "item": 4}], channels=["一网通办"])
    before = (await gateway.get("/api/admin/services", headers=ADMIN)).json()
    exported = await gateway.get(f"/api/admin/export?format={fmt}", headers=ADMIN)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    assert exported.headers["content-type"].startswith(
        "text/csv" if fmt == "csv" else "application/x-yaml")
    r = await gateway.post(f"/api/admin/import?format={fmt}&apply=true",
                           content=exported.content, headers=ADMIN)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["created"] == [] and report["updated"] == {} and report["errors"] == []
    assert report["unchanged"] == sum(1 for s in before if s["active"])
    assert (await gateway.get("/api/admin/services", headers=ADMIN)).json() == before
