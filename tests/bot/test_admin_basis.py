# ruff: noqa: F811  (the catalog_day fixture is imported, then requested by name)
"""Basis and scheduled changes through /api/admin: what staff may save, what is refused (422 in
Chinese, next to the field, nothing changed), versions and audit, and two editors at once."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from tests.bot.test_admin_services import ADMIN, admin_get, audit_rows, create, editor_headers
from tests.catalog_day import catalog_day  # noqa: F401 (fixture)

TODAY = date(2026, 12, 3)
DECISION = {"kind": "decision", "document": "昌吉州关于进一步压缩企业开办时间的通知",
            "date": "2026-11-20"}


def scheduled(**over: Any) -> dict[str, Any]:
    return {"amount": 2, "unit": "工作日", "effective": "2027-01-01",
            "document": "昌吉州关于进一步压缩企业开办时间的通知", "date": "2026-11-20", **over}


async def patch(gateway, slug: str, body: dict[str, Any], headers=None):
    return await gateway.patch(f"/api/admin/services/{slug}", headers=headers or ADMIN,
                               json=body)


async def refused(gateway, slug: str, body: dict[str, Any], field: str) -> str:
    before = await admin_get(gateway, slug)
    r = await patch(gateway, slug, {"version": before["version"], **body})
    assert r.status_code == 422, r.text
    fields = r.json()["fields"]
    assert field in fields, fields
    after = await admin_get(gateway, slug)
    assert after["version"] == before["version"]
    assert after["time_limits"] == before["time_limits"] and after["fees"] == before["fees"]
    return fields[field]


async def test_a_scheduled_change_is_saved_versioned_and_audited(gateway, catalog_day) -> None:
    catalog_day(TODAY)
    svc = await create(gateway, fees=[{"text": "免费", "item": 3}])
    limits = [{"amount": 5, "unit": "工作日", "item": 3, "change": scheduled()}]
    fees = [{"text": "收取工本费10元", "item": 3, "basis": DECISION}]
    r = await patch(gateway, svc["slug"], {"version": 1, "time_limits": limits, "fees": fees},
                    editor_headers())
    assert r.status_code == 200, r.text
    saved = await admin_get(gateway, svc["slug"])
    assert saved["version"] == 2
    tl = saved["time_limits"][0]
    assert tl["basis"] == {"kind": "plan", "document": None, "date": None}
    assert tl["change"]["effective"] == "2027-01-01" and tl["change"]["amount"] == 2
    assert saved["fees"][0]["basis"] == DECISION
    row = (await audit_rows(gateway, svc["slug"]))[0]
    assert row["action"] == "update" and row["version"] == 2
    assert row["changes"]["time_limits"]["after"][0]["change"]["effective"] == "2027-01-01"
    assert row["changes"]["fees"]["before"][0]["basis"]["kind"] == "plan"


async def test_decision_without_document_name_is_422_in_chinese(gateway, catalog_day) -> None:
    catalog_day(TODAY)
    svc = await create(gateway)
    basis = {"kind": "decision", "date": "2026-11-20"}
    msg = await refused(gateway, svc["slug"], {"time_limits": [
        {"amount": 3, "unit": "工作日", "basis": basis}]}, "time_limits.0.basis.document")
    assert "须填写文件名称" in msg
    msg = await refused(gateway, svc["slug"], {"fees": [
        {"text": "收费10元", "basis": {"kind": "decision", "document": "某通知"}}]},
        "fees.0.basis.date")
    assert "须填写文件日期" in msg


async def test_effective_date_in_the_past_is_422(gateway, catalog_day) -> None:
    catalog_day(TODAY)
    svc = await create(gateway)
    msg = await refused(gateway, svc["slug"], {"time_limits": [
        {"amount": 5, "unit": "工作日", "change": scheduled(effective="2026-12-02")}]},
        "time_limits.0.change.effective")
    assert msg.startswith("生效日期不能早于今天（2026年12月3日）")
    # today itself is allowed: the change applies at once
    r = await patch(gateway, svc["slug"], {"version": 1, "time_limits": [
        {"amount": 5, "unit": "工作日", "change": scheduled(effective="2026-12-03")}]})
    assert r.status_code == 200, r.text
    assert r.json()["time_limits"][0]["amount"] == 2  # in force today: it is the figure
    assert r.json()["time_limits"][0]["basis"]["kind"] == "decision"


async def test_bad_dates_are_422_in_chinese(gateway, catalog_day) -> None:
    catalog_day(TODAY)
    svc = await create(gateway)
    msg = await refused(gateway, svc["slug"], {"time_limits": [
        {"amount": 5, "unit": "工作日", "change": scheduled(effective="2027-02-30")}]},
        "time_limits.0.change.effective")
    assert "日期格式须为 YYYY-MM-DD" in msg
    msg = await refused(gateway, svc["slug"], {"fees": [
        {"text": "收费", "basis": {**DECISION, "date": "2027-01-05"}}]}, "fees.0.basis.date")
    assert "文件日期不能晚于今天" in msg
    msg = await refused(gateway, svc["slug"], {"time_limits": [
        {"amount": 5, "unit": "工作日", "change": scheduled(document="")}]},
        "time_limits.0.change.document")
    assert "不能为空" in msg


async def test_a_change_already_in_force_does_not_block_the_next_edit(
        gateway, catalog_day) -> None:
    """Once its day has come the stored change is the figure: editing another field later is
    no "effective date in the past" error."""
    catalog_day(TODAY)
    svc = await create(gateway)
    r = await patch(gateway, svc["slug"], {"version": 1, "time_limits": [
        {"amount": 5, "unit": "工作日", "item": 3, "change": scheduled()}]})
    assert r.status_code == 200, r.text
    catalog_day(date(2027, 1, 2))
    shown = await admin_get(gateway, svc["slug"])
    assert shown["time_limits"][0]["amount"] == 2 and shown["time_limits"][0]["change"] is None
    r = await patch(gateway, svc["slug"], {"version": 2, "howto": "带好申请表"})
    assert r.status_code == 200, r.text
    r = await patch(gateway, svc["slug"], {"version": 3, "time_limits": shown["time_limits"]})
    assert r.status_code == 200, r.text
    assert r.json()["time_limits"][0]["basis"]["document"] == scheduled()["document"]


async def test_two_editors_scheduling_at_once_one_wins_one_409(gateway, catalog_day) -> None:
    catalog_day(TODAY)
    svc = await create(gateway)
    alice, bob = editor_headers(), editor_headers()
    a, b = await asyncio.gather(
        patch(gateway, svc["slug"], {"version": 1, "time_limits": [
            {"amount": 5, "unit": "工作日", "change": scheduled(amount=2)}]}, alice),
        patch(gateway, svc["slug"], {"version": 1, "time_limits": [
            {"amount": 5, "unit": "工作日", "change": scheduled(amount=4)}]}, bob),
    )
    assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
    winner = a if a.status_code == 200 else b
    loser = b if winner is a else a
    assert loser.json()["current"]["time_limits"] == winner.json()["time_limits"]
    assert [r["version"] for r in await audit_rows(gateway, svc["slug"])] == [2, 1]


async def test_export_import_round_trip_keeps_basis_and_changes(gateway, catalog_day) -> None:
    """A scheduled change and one already in force (exported as the figure it now is) come
    back from an export unchanged: no new version."""
    catalog_day(TODAY)
    svc = await create(gateway)
    r = await patch(gateway, svc["slug"], {"version": 1, "time_limits": [
        {"amount": 5, "unit": "工作日", "change": scheduled(effective="2026-12-03")},
        {"amount": 9, "unit": "日", "condition": "非居民", "change": scheduled(unit="日")}],
        "fees": [{"text": "收费", "basis": DECISION}]})
    assert r.status_code == 200, r.text
    for fmt in ("yaml", "csv"):
        exported = await gateway.get(f"/api/admin/export?format={fmt}", headers=ADMIN)
        r = await gateway.post(f"/api/admin/import?format={fmt}&apply=true",
                               content=exported.content, headers=ADMIN)
        assert r.status_code == 200, r.text
        assert svc["slug"] not in r.json()["updated"], r.json()
    saved = await admin_get(gateway, svc["slug"])
    assert saved["version"] == 2
    assert saved["time_limits"][1]["change"]["effective"] == "2027-01-01"
    assert saved["fees"][0]["basis"] == DECISION
