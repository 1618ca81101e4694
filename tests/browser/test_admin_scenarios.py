"""The scenarios section of /admin in headless Chromium on the real stack, at 1366×768 and 375 px:
open a scenario, see its services named, a figure refused next to the field, save, and a new
scenario with an unknown service refused."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, _context

pytestmark = pytest.mark.browser
AUTH = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def editor() -> tuple[str, str]:
    from services_catalog.db import session_scope
    from services_catalog.staff import create_user

    name, password = f"scn{uuid.uuid4().hex[:6]}", "correct-horse-battery"
    with session_scope() as session:
        create_user(session, name, password, "editor")
    return name, password


def logged_in(browser, live_stack, editor, viewport):  # type: ignore[no-untyped-def]
    ctx = _context(browser, live_stack.gateway_url, viewport=viewport)
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto("/admin")
    page.fill("#login-username", editor[0])
    page.fill("#login-password", editor[1])
    page.click("#login-submit")
    expect(page.locator("#scenario-list button.scenario-item").first).to_be_visible()
    return ctx, page, problems


@pytest.mark.parametrize("viewport,name", [(DESKTOP, "admin-scenarios"),
                                           (PHONE, "admin-scenarios-375")])
def test_edit_a_scenario_figure_refused_then_saved(browser, live_stack, editor, shoot,
                                                   viewport, name) -> None:
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    before = api.get("/api/admin/scenarios/open-restaurant", headers=AUTH).json()
    ctx, page, problems = logged_in(browser, live_stack, editor, viewport)
    try:
        page.click("#scenario-list button.scenario-item[data-slug='open-restaurant']")
        expect(page.locator("#s-name")).to_have_value("开饭馆")
        preview = page.locator("#s-services-preview li")
        first = before["services"][0]  # the seed's first step and its note
        assert first["slug"] == "company-registration"
        expect(preview.first).to_have_text(f"企业开办（{first['note']}）")
        page.fill("#s-description", "一般15个工作日能办完。")
        page.click("#scenario-save-btn")
        error = page.locator("p.field-error[data-error-for='description']")
        expect(error).to_contain_text("不能写具体数字")
        assert api.get("/api/admin/scenarios/open-restaurant",
                       headers=AUTH).json()["version"] == before["version"]
        page.fill("#s-description", "先领执照，再办水电气。")
        page.click("#scenario-save-btn")
        expect(page.locator("#message")).to_have_attribute("data-kind", "ok")
        expect(page.locator("#scenario-version")).to_have_text(f"第{before['version'] + 1}版")
        page.locator("#scenario-form").scroll_into_view_if_needed()
        shoot(page, name)
        # Nothing overflows the phone's width.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        ctx.close()
        current = api.get("/api/admin/scenarios/open-restaurant", headers=AUTH).json()
        r = api.patch("/api/admin/scenarios/open-restaurant", headers=AUTH,
                      json={"version": current["version"], "description": before["description"]})
        assert r.status_code == 200
    assert not problems.errors, problems.errors


def test_new_scenario_with_an_unknown_service_is_refused(browser, live_stack, editor) -> None:
    ctx, page, problems = logged_in(browser, live_stack, editor, DESKTOP)
    slug = f"test-{uuid.uuid4().hex[:6]}"
    page.click("#new-scenario-btn")
    page.fill("#s-slug", slug)
    page.fill("#s-name", "开测试店" + slug[-4:])
    page.fill("#s-services", "company-registration 先领营业执照\nno-such-service")
    expect(page.locator("#s-services-preview li.unknown")).to_have_text(
        "no-such-service：没有这个事项")
    page.click("#scenario-save-btn")
    expect(page.locator("p.field-error[data-error-for='services']")).to_contain_text(
        "关联的事项不存在或已删除")
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    assert api.get(f"/api/admin/scenarios/{slug}", headers=AUTH).status_code == 404
    ctx.close()
    assert not problems.errors, problems.errors
