"""Catalog input rules through /api/admin: limits on every text and list, no control, bidi or
zero-width characters, no Rasa markup in names and aliases, alias uniqueness on normalised
forms. Each rejected edit is a 422 on the field and changes nothing."""

from __future__ import annotations

import pytest

from tests.bot.test_admin_services import ADMIN, admin_get, audit_rows, create, new_service


@pytest.mark.parametrize(("patch", "field"), [
    ({"aliases": ["开" * 100_000]}, "aliases.0"),
    ({"aliases": [f"别名{i}" for i in range(20_000)]}, "aliases"),
    ({"departments": [f"部门{i}" for i in range(1000)]}, "departments"),
    ({"channels": ["渠" * 1000]}, "channels.0"),
    ({"category": "类" * 1000}, "category"),
    ({"items": list(range(1, 101))}, "items"),
    ({"fees": [{"text": "免费"}] * 500}, "fees"),
    ({"time_limits": [{"amount": 3, "unit": "工作日", "keywords": ["词"] * 5000}]},
     "time_limits.0.keywords"),
    ({"aliases": ["别名\n- 注入的训练例句"]}, "aliases.0"),
    ({"aliases": ["别名\r注入"]}, "aliases.0"),
    ({"aliases": ["别名\u2028注入"]}, "aliases.0"),
    ({"aliases": ["[开公司](service)"]}, "aliases.0"),
    ({"aliases": ['开公司{"entity": "service"}']}, "aliases.0"),
    ({"aliases": ["/feedback_satisfied"]}, "aliases.0"),
    ({"aliases": ["开\u202e司公"]}, "aliases.0"),
    ({"aliases": ["开\u2066公司\u2069"]}, "aliases.0"),
    ({"aliases": ["开\u200b公司"]}, "aliases.0"),
    ({"name": "事项\u200d名称"}, "name"),
    ({"name": "事项\n名称"}, "name"),
    ({"name": "事项(名称)"}, "name"),
    ({"howto": "办理\x00方式"}, "howto"),
    ({"howto": "办理\u202e方式"}, "howto"),
    ({"lead_unit": "州\n局"}, "lead_unit"),
])
async def test_bad_text_or_size_is_422_on_the_field_and_changes_nothing(
        gateway, patch, field) -> None:
    svc = await create(gateway)
    before = await admin_get(gateway, svc["slug"])
    r = await gateway.patch(f"/api/admin/services/{svc['slug']}", headers=ADMIN,
                            json={"version": 1, **patch})
    assert r.status_code == 422, r.text[:300]
    assert field in r.json()["fields"], r.json()["fields"]
    assert "注入" not in r.text and "开开开" not in r.text  # the input is not echoed
    assert await admin_get(gateway, svc["slug"]) == before
    assert len(await audit_rows(gateway, svc["slug"])) == 1


async def test_long_texts_keep_their_line_breaks(gateway) -> None:
    svc = await create(gateway)
    r = await gateway.patch(f"/api/admin/services/{svc['slug']}", headers=ADMIN,
                            json={"version": 1, "howto": "第一步：网上申请\n第二步：窗口领取"})
    assert r.status_code == 200 and r.json()["howto"].count("\n") == 1


@pytest.mark.parametrize("variant", [
    "開公司",        # traditional
    "開辦企業",      # traditional, two characters changed
    "ＵＫＥＹ",       # full-width, upper case
    "ukey",          # case
    "税务ＵＫＥＹ",
])
async def test_a_variant_of_another_services_alias_is_refused(gateway, variant: str) -> None:
    svc = await create(gateway)
    r = await gateway.patch(f"/api/admin/services/{svc['slug']}", headers=ADMIN,
                            json={"version": 1, "aliases": [variant]})
    assert r.status_code == 422, r.text
    assert "aliases" in r.json()["fields"]
    assert (await admin_get(gateway, svc["slug"]))["aliases"] == svc["aliases"]


async def test_a_variant_is_refused_on_create_too(gateway) -> None:
    r = await gateway.post("/api/admin/services", headers=ADMIN,
                           json=new_service(aliases=["註冊公司"]))
    assert r.status_code == 422 and "company-registration" in r.json()["fields"]["aliases"]


async def test_variants_within_one_service_collapse_to_one_alias(gateway) -> None:
    svc = await create(gateway, aliases=["测试变体词", "測試變體詞", "测试变体词 "])
    assert svc["aliases"] == ["测试变体词"]


async def test_full_width_brackets_and_quotes_stay_allowed(gateway) -> None:
    svc = await create(gateway, aliases=["用电报装（低压）测试", "“吉速办”测试别名"])
    assert "用电报装（低压）测试" in svc["aliases"]


async def test_a_huge_import_is_422_not_a_stall(gateway) -> None:
    import yaml

    body = new_service(aliases=[f"别名{i}" for i in range(20_000)])
    text = yaml.safe_dump({"services": [body]}, allow_unicode=True)
    r = await gateway.post("/api/admin/import?format=yaml&apply=true", content=text.encode(),
                           headers=ADMIN)
    assert r.status_code == 422
    assert (await gateway.get(f"/api/admin/services/{body['slug']}",
                              headers=ADMIN)).status_code == 404


async def test_a_row_stored_before_the_rules_still_loads_and_must_be_fixed_to_edit(
        gateway) -> None:
    from services_catalog.db import session_scope
    from services_catalog.models import Service

    svc = await create(gateway)
    with session_scope() as session:  # as an older version of the gateway could have stored it
        row = session.query(Service).filter_by(slug=svc["slug"]).one()
        row.aliases = ["旧别名(括号)测试", "旧\u200b别名测试"]
    try:
        got = await admin_get(gateway, svc["slug"])
        assert got["aliases"] == ["旧别名(括号)测试", "旧\u200b别名测试"]
        assert (await gateway.get(f"/api/services/{svc['slug']}")).status_code == 200
        assert (await gateway.post("/api/assist", json={"text": "开公司"},
                                   headers=ADMIN)).status_code == 200
        r = await gateway.patch(f"/api/admin/services/{svc['slug']}", headers=ADMIN,
                                json={"version": 1, "howto": "新的办理方式"})
        assert r.status_code == 422 and "aliases.0" in r.json()["fields"]
        r = await gateway.patch(f"/api/admin/services/{svc['slug']}", headers=ADMIN,
                                json={"version": 1, "aliases": ["旧别名括号测试"], "howto": "新"})
        assert r.status_code == 200, r.text
    finally:  # other tests export the whole catalog: never leave such a row active
        with session_scope() as session:
            row = session.query(Service).filter_by(slug=svc["slug"]).one()
            if row.aliases != ["旧别名括号测试"]:
                row.active = False
