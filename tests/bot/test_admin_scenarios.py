"""/api/admin/scenarios: viewers read, editors write; every write audited; unknown services and
figures refused in Chinese (422, nothing stored); stale and concurrent edits get 409; the
chat's next answer uses the edit."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from typing import Any

from tests.bot.test_admin_auth import auth, make_staff
from tests.bot.test_admin_services import ADMIN, audit_rows, editor_headers

BASE = "/api/admin/scenarios"


def new_scenario(**extra: Any) -> dict[str, Any]:
    uid = uuid.uuid4().hex[:8]
    return {"slug": f"test-scn-{uid}", "name": f"测试场景{uid}", "aliases": [f"测试说法{uid}"],
            "description": "先领执照再开业。",
            "services": [{"slug": "company-registration", "note": "先领营业执照"},
                         {"slug": "water-connection"}], **extra}


async def create(gateway, **extra: Any) -> dict[str, Any]:
    r = await gateway.post(BASE, json=new_scenario(**extra), headers=editor_headers())
    assert r.status_code == 201, r.text
    return r.json()


async def test_viewer_reads_the_seeded_scenarios_but_cannot_write(gateway) -> None:
    viewer = auth(make_staff("viewer")[1])
    listed = (await gateway.get(BASE, headers=viewer)).json()
    assert {"open-restaurant", "hire-employees", "close-business"} <= {s["slug"] for s in listed}
    one = (await gateway.get(f"{BASE}/open-restaurant", headers=viewer)).json()
    assert one["name"] == "开饭馆" and one["services"][0]["slug"] == "company-registration"
    assert [s["slug"] for s in (await gateway.get(BASE, params={"q": "餐馆"},
                                                  headers=viewer)).json()] == ["open-restaurant"]
    r = await gateway.post(BASE, json=new_scenario(), headers=viewer)
    assert r.status_code == 403


async def test_create_edit_delete_are_audited(gateway) -> None:
    editor = editor_headers()
    body = new_scenario()
    r = await gateway.post(BASE, json=body, headers=editor)
    assert r.status_code == 201 and r.json()["version"] == 1
    slug = body["slug"]
    r = await gateway.patch(f"{BASE}/{slug}", headers=editor,
                            json={"version": 1, "services": [{"slug": "gas-connection"}]})
    assert r.status_code == 200 and r.json()["version"] == 2
    r = await gateway.delete(f"{BASE}/{slug}", params={"version": 2}, headers=editor)
    assert r.status_code == 204
    assert (await gateway.get(f"{BASE}/{slug}", headers=ADMIN)).status_code == 404
    rows = await audit_rows(gateway, f"scenario:{slug}")
    assert [r["action"] for r in rows] == ["delete", "update", "create"]
    assert rows[1]["changes"]["services"]["after"] == [{"slug": "gas-connection", "note": ""}]
    assert rows[2]["actor"].startswith("t-ed-")


async def test_unknown_service_is_a_422_in_chinese_and_stores_nothing(gateway) -> None:
    body = new_scenario(services=[{"slug": "no-such-service"}])
    r = await gateway.post(BASE, json=body, headers=ADMIN)
    assert r.status_code == 422
    assert "关联的事项不存在或已删除" in r.json()["fields"]["services"]
    assert (await gateway.get(f"{BASE}/{body['slug']}", headers=ADMIN)).status_code == 404
    assert await audit_rows(gateway, f"scenario:{body['slug']}") == []


async def test_a_figure_in_the_scenario_texts_is_a_422(gateway) -> None:
    for extra in ({"description": "一般5个工作日办完。"},
                  {"services": [{"slug": "company-registration", "note": "三天内"}]}):
        r = await gateway.post(BASE, json=new_scenario(**extra), headers=ADMIN)
        assert r.status_code == 422, r.text
        assert "不能写具体数字" in r.json()["message"] + str(r.json()["fields"])


async def test_a_stale_version_is_a_409_with_the_current_record(gateway) -> None:
    scn = await create(gateway)
    await gateway.patch(f"{BASE}/{scn['slug']}", headers=ADMIN,
                        json={"version": 1, "description": "第二版。"})
    r = await gateway.patch(f"{BASE}/{scn['slug']}", headers=ADMIN,
                            json={"version": 1, "description": "旧版上改的。"})
    assert r.status_code == 409
    assert r.json()["current"]["version"] == 2
    assert r.json()["current"]["description"] == "第二版。"


async def test_concurrent_patches_of_one_version_never_both_win(gateway) -> None:
    scn = await create(gateway)
    slug = scn["slug"]
    alice, bob = editor_headers(), editor_headers()
    version = 1
    for n in range(6):
        first, second = await asyncio.gather(
            gateway.patch(f"{BASE}/{slug}", headers=alice,
                          json={"version": version, "description": f"甲第{n}轮。"}),
            gateway.patch(f"{BASE}/{slug}", headers=bob,
                          json={"version": version, "description": f"乙第{n}轮。"}),
        )
        assert sorted([first.status_code, second.status_code]) == [200, 409], (
            n, first.text, second.text)
        winner = first if first.status_code == 200 else second
        loser = second if winner is first else first
        assert loser.json()["current"]["description"] == winner.json()["description"]
        version += 1
    versions = Counter(r["version"] for r in await audit_rows(gateway, f"scenario:{slug}"))
    assert max(versions.values()) == 1 and sorted(versions) == list(range(1, 8))


async def test_the_next_degraded_answer_uses_the_edit(gateway) -> None:
    """A new scenario answers at once (the snapshot's revision counts scenarios)."""
    phrase = f"开测试铺{uuid.uuid4().hex[:4]}"
    scn = await create(gateway, aliases=[phrase])
    r = await gateway.post("/api/chat", json={"sender": "scn-edit",
                                              "message": f"{phrase}要办哪些手续"})
    card = r.json()["messages"][1]["custom"]
    assert card["scenario"] == scn["slug"]
    assert [s["slug"] for s in card["several"]] == ["company-registration", "water-connection"]


async def test_yaml_export_carries_scenarios_and_import_previews_them(gateway) -> None:
    text = (await gateway.get("/api/admin/export", headers=ADMIN)).text
    assert "\nscenarios:\n" in text and "open-restaurant" in text
    seeded = "description: 食品经营许可等方案未列出的许可，以市场监管部门窗口告知为准。"
    assert seeded in text
    edited = text.replace(seeded, "description: 改过的说明。")
    r = await gateway.post("/api/admin/import", content=edited.encode(), headers=ADMIN)
    assert r.status_code == 200, r.text
    assert r.json()["scenarios"]["updated"] == {"open-restaurant": ["description"]}
    assert r.json()["applied"] is False
    unchanged = (await gateway.get(f"{BASE}/open-restaurant", headers=ADMIN)).json()
    assert unchanged["description"].startswith("食品经营许可")
    bad = text.replace("- slug: company-registration\n    note: 先领营业执照",
                       "- slug: no-such-service\n    note: 先领营业执照", 1)
    r = await gateway.post("/api/admin/import", content=bad.encode(), headers=ADMIN)
    assert r.status_code == 422
    assert r.json()["report"]["errors"][0]["kind"] == "scenario"
