"""The public catalog API, health, and the pages' security headers."""

from __future__ import annotations

PLAN = {"kind": "plan", "document": None, "date": None}


async def test_services_list_has_public_fields(gateway) -> None:
    r = await gateway.get("/api/services")
    assert r.status_code == 200
    services = {s["slug"]: s for s in r.json()["services"]}
    assert len(services) >= 60
    company = services["company-registration"]
    # each figure names its basis: the plan (第3条 is its item) or a later decision
    assert company["time_limits"] == [{"amount": 3, "unit": "工作日", "condition": None, "item": 3,
                                       "max_kw": None, "basis": PLAN, "change": None}]
    assert company["citation"]["item"] == 3
    assert {"slug", "name", "category", "aliases", "departments", "channels", "fees",
            "version"} <= set(company)


async def test_one_service_and_unknown_slug(gateway) -> None:
    r = await gateway.get("/api/services/water-connection")
    assert r.status_code == 200 and r.json()["time_limits"][0]["amount"] == 5
    r = await gateway.get("/api/services/no-such-thing")
    assert r.status_code == 404 and "no-such-thing" in r.json()["detail"]


async def test_free_text_search_ranks_colloquial_names(gateway) -> None:
    r = await gateway.get("/api/services", params={"q": "開公司"})
    assert r.json()["services"][0]["slug"] == "company-registration"
    r = await gateway.get("/api/services", params={"q": "注测公司"})
    assert r.json()["services"][0]["slug"] == "company-registration"


async def test_health_names_the_parts_that_are_down(gateway) -> None:
    r = await gateway.get("/healthz")
    assert r.status_code == 503
    body = r.json()
    assert body["catalog"] == "ok" and {"rasa", "actions"} <= set(body["down"])


async def test_pages_carry_security_headers(gateway) -> None:
    r = await gateway.get("/api/services/water-connection")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]


async def test_pages_link_assets_by_content_hash_and_revalidate(gateway) -> None:
    import hashlib
    import re

    from bot.routers.pages import STATIC

    for page in ("/", "/agent", "/admin", "/admin/analytics"):
        r = await gateway.get(page)
        assert r.status_code == 200 and r.headers["cache-control"] == "no-cache"
        assets = re.findall(r'(?:src|href)="/static/([\w.-]+)\?v=(\w+)"', r.text)
        assert assets and not re.search(r'="/static/[\w.-]+"', r.text), page
        for name, stamp in assets:
            assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10] == stamp
            assert (await gateway.get(f"/static/{name}?v={stamp}")).status_code == 200
