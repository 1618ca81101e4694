"""Two editors PATCH the same version at the same moment: the database decides, one wins.

Real concurrent requests (the PATCH endpoint runs in the gateway's thread pool, so the two
requests of a round really overlap), several rounds: never both 200, the loser gets 409 with
the current record, and the audit log never shows two rows for one version.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.bot.test_admin_services import ADMIN, audit_rows, create, editor_headers

ROUNDS = 8


async def test_concurrent_patches_of_one_version_never_both_win(gateway) -> None:
    svc = await create(gateway)
    slug = svc["slug"]
    alice, bob = editor_headers(), editor_headers()
    version = 1
    for n in range(ROUNDS):
        first, second = await asyncio.gather(
            gateway.patch(f"/api/admin/services/{slug}", headers=alice,
                          json={"version": version, "howto": f"甲第{n}轮"}),
            gateway.patch(f"/api/admin/services/{slug}", headers=bob,
                          json={"version": version, "howto": f"乙第{n}轮"}),
        )
        codes = sorted([first.status_code, second.status_code])
        assert codes == [200, 409], (n, first.text, second.text)
        winner = first if first.status_code == 200 else second
        loser = second if winner is first else first
        assert loser.json()["current"]["version"] == version + 1
        assert loser.json()["current"]["howto"] == winner.json()["howto"]
        version += 1
    current = (await gateway.get(f"/api/admin/services/{slug}", headers=ADMIN)).json()
    assert current["version"] == ROUNDS + 1
    versions = Counter(r["version"] for r in await audit_rows(gateway, slug))
    assert max(versions.values()) == 1, versions
    assert sorted(versions) == list(range(1, ROUNDS + 2))


async def test_concurrent_deletes_of_one_version_never_both_win(gateway) -> None:
    svc = await create(gateway)
    slug = svc["slug"]
    a, b = await asyncio.gather(
        gateway.patch(f"/api/admin/services/{slug}", headers=ADMIN,
                      json={"version": 1, "howto": "修改"}),
        gateway.delete(f"/api/admin/services/{slug}?version=1", headers=ADMIN),
    )
    assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
    versions = Counter(r["version"] for r in await audit_rows(gateway, slug))
    assert max(versions.values()) == 1, versions


async def test_concurrent_creates_of_one_slug_give_one_201_and_one_409(gateway) -> None:
    from tests.bot.test_admin_services import new_service

    for _ in range(4):
        body = new_service()
        other = {**body, "name": body["name"] + "乙", "aliases": []}
        a, b = await asyncio.gather(
            gateway.post("/api/admin/services", json=body, headers=ADMIN),
            gateway.post("/api/admin/services", json=other, headers=ADMIN),
        )
        assert sorted([a.status_code, b.status_code]) == [201, 409], (a.text, b.text)
        rows = await audit_rows(gateway, body["slug"])
        assert [r["action"] for r in rows] == ["create"]
