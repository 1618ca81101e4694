"""The catalog admin page (/admin) in headless Chromium against the real stack: log in, edit a
time limit, see validation messages and history, and catalog text rendered as text everywhere."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AGENT_VIEWPORT, PageProblems, _context, agent_login_script

pytestmark = pytest.mark.browser
AUTH = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}


@pytest.fixture(scope="module")
def editor() -> tuple[str, str]:
    from services_catalog.db import session_scope
    from services_catalog.staff import create_user

    name, password = f"editor{uuid.uuid4().hex[:6]}", "correct-horse-battery"
    with session_scope() as session:
        create_user(session, name, password, "editor")
    return name, password


@pytest.fixture()
def admin_page(browser, live_stack, editor):
    ctx = _context(browser, live_stack.gateway_url, viewport=AGENT_VIEWPORT)
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto("/admin")
    page.fill("#login-username", editor[0])
    page.fill("#login-password", editor[1])
    page.click("#login-submit")
    expect(page.locator("#service-list")).to_be_visible()
    yield page
    ctx.close()
    assert not problems.errors, problems.errors


def _open(page, slug: str) -> None:
    page.fill("#service-search", slug)
    page.click(f"#service-list button.service-item[data-slug='{slug}']")
    expect(page.locator("#f-name")).not_to_have_value("")


def test_edit_a_time_limit_see_it_in_the_api_and_the_history(admin_page, live_stack, shoot):
    page = admin_page
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    before = api.get("/api/services/gas-connection").json()
    _open(page, "gas-connection")
    page.fill("#figures-time_limits .fig-row >> nth=0 >> input.f-amount", "9")
    page.click("#save-btn")
    expect(page.locator("#message")).to_have_attribute("data-kind", "ok")
    try:
        after = api.get("/api/services/gas-connection").json()
        assert after["time_limits"][0]["amount"] == 9
        assert after["version"] == before["version"] + 1
        expect(page.locator("#history-list li.history-item").first).to_have_attribute(
            "data-version", str(after["version"]))
        shoot(page, "admin")
    finally:
        current = api.get("/api/admin/services/gas-connection", headers=AUTH).json()
        r = api.patch("/api/admin/services/gas-connection", headers=AUTH,
                      json={"version": current["version"], "time_limits": before["time_limits"]})
        assert r.status_code == 200


def test_invalid_amount_shows_a_field_message_and_changes_nothing(admin_page, live_stack):
    page = admin_page
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    before = api.get("/api/services/water-connection").json()
    _open(page, "water-connection")
    page.fill("#figures-time_limits .fig-row >> nth=0 >> input.f-amount", "0")
    page.click("#save-btn")
    expect(page.locator("p.field-error[data-error-for='time_limits.0.amount']")).not_to_be_empty()
    assert api.get("/api/services/water-connection").json() == before


def test_script_in_a_service_field_renders_as_text_everywhere(
    admin_page, browser, live_stack, agent_auth
):
    """Names refuse markup now (finding 12); a field that may hold any text (the lead unit, the
    howto) is rendered as text on the admin page, the agent console and the widget."""
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    slug = f"xss-{uuid.uuid4().hex[:6]}"
    script = "<script>alert(1)</script>"
    alias = f"叉叉测试{slug[-6:]}"
    body = {"slug": slug, "name": "脚本测试事项" + slug[-6:], "lead_unit": script + "州测试局",
            "aliases": [alias, "叉叉事项" + slug[-6:]],
            "citation": {"item": 77, "text": "深化“接诉即办”工作机制。"},
            "items": [77], "howto": "<img src=x onerror=alert(2)>"}
    refused = api.post("/api/admin/services", headers=AUTH,
                       json={**body, "slug": slug + "-n", "name": script + "测试事项"})
    assert refused.status_code == 422 and "name" in refused.json()["fields"]
    r = api.post("/api/admin/services", headers=AUTH, json=body)
    assert r.status_code == 201, r.text
    try:
        page = admin_page
        page.fill("#service-search", slug)
        page.click(f"button.service-item[data-slug='{slug}']")
        expect(page.locator("#f-lead-unit")).to_have_value(script + "州测试局")
        expect(page.locator("#f-howto")).to_have_value("<img src=x onerror=alert(2)>")
        ctx = _context(browser, live_stack.gateway_url, viewport=AGENT_VIEWPORT)
        ctx.add_init_script(agent_login_script(agent_auth))
        for url, fill in (("/agent", "#assist-input"), ("/", "#chat-input")):
            p = ctx.new_page()
            problems = PageProblems(p)
            p.goto(url)
            p.fill(fill, alias)
            if url == "/":
                p.press(fill, "Enter")
                card = p.locator(f".service-card[data-slug='{slug}']")
            else:
                card = p.locator("#top-card")
            expect(card).to_contain_text(script)
            assert p.locator("script:not([src])").count() == 0
            assert not problems.dialogs and not problems.errors
        ctx.close()
    finally:
        current = api.get(f"/api/admin/services/{slug}", headers=AUTH).json()
        api.delete(f"/api/admin/services/{slug}", headers=AUTH,
                   params={"version": current["version"]})


def test_an_admin_manages_staff_accounts_on_the_page(browser, live_stack, shoot):
    """Finding 8: list, deactivate (the account's session ends), reset a password, delete."""
    from services_catalog.db import session_scope
    from services_catalog.staff import create_user

    url = live_stack.gateway_url
    admin, agent = f"adm{uuid.uuid4().hex[:6]}", f"agt{uuid.uuid4().hex[:6]}"
    with session_scope() as session:
        create_user(session, admin, "correct-horse-battery", "admin")
        create_user(session, agent, "agent-password-1", "agent")
    api = httpx.Client(base_url=url, timeout=30)
    token = api.post("/api/admin/login", json={"username": agent,
                                               "password": "agent-password-1"}).json()
    agent_auth = {"Authorization": f"Bearer {token['access_token']}"}
    ctx = _context(browser, url, viewport=AGENT_VIEWPORT)
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto("/admin")
    page.fill("#login-username", admin)
    page.fill("#login-password", "correct-horse-battery")
    page.click("#login-submit")
    row = page.locator(f"#staff-list li.staff-row[data-username='{agent}']")
    expect(row).to_contain_text(agent)
    expect(row.locator("select")).to_have_value("agent")
    shoot(page, "admin-staff", full_page=True)

    row.locator("button[data-action='toggle']").click()
    expect(page.locator("#message")).to_contain_text("已停用")
    expect(row).to_have_attribute("data-active", "false")
    assert api.get("/api/admin/me", headers=agent_auth).status_code == 401

    row.locator("button[data-action='toggle']").click()
    expect(row).to_have_attribute("data-active", "true")
    row.locator("button[data-action='reset']").click()
    page.fill("#staff-reset-password", "short")
    page.click("#staff-reset-submit")
    expect(page.locator("#staff-reset-form p.field-error[data-error-for='password']")
           ).not_to_be_empty()
    page.fill("#staff-reset-password", "a-brand-new-password")
    page.click("#staff-reset-submit")
    expect(page.locator("#message")).to_contain_text("密码已重置")
    assert api.post("/api/admin/login", json={"username": agent, "password":
                                              "a-brand-new-password"}).status_code == 200

    delete = row.locator("button[data-action='delete']")
    delete.click()
    expect(delete).to_have_text("确认删除")
    delete.click()
    expect(page.locator("#message")).to_contain_text("已删除账号")
    expect(row).to_have_count(0)
    history = api.get("/api/admin/audit", headers=AUTH, params={"slug": f"staff:{agent}"}).json()
    assert [(h["action"], h["actor"]) for h in history if h["action"] != "login"] == [
        ("staff_delete", admin), ("password_reset", admin), ("staff_update", admin),
        ("staff_update", admin), ("staff_create", "cli")]
    ctx.close()
    assert not problems.errors and not problems.dialogs, (problems.errors, problems.dialogs)
