"""The figure editor on /admin (headless Chromium, real stack): a time limit's basis and a
scheduled change, a material's text — the API's 422 shown under the field, nothing saved; then
saved, versioned, and what the bot will cite shown under the figure. At 1366×768 and 375 px."""

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
DOCUMENT = "昌吉州关于进一步压缩办理时限的通知"


@pytest.fixture()
def service(live_stack):
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    uid = uuid.uuid4().hex[:6]
    body = {"slug": f"fig-{uid}", "name": f"时限编辑测试{uid}", "departments": ["州政务服务局"],
            "time_limits": [{"amount": 5, "unit": "工作日", "item": 3}],
            "fees": [{"text": "免费", "item": 3}],
            "materials": [{"text": "营业执照", "item": 3}],
            "notes": [{"text": "160kW及以下享受三零服务", "item": 42, "max_kw": 160}],
            "citation": {"item": 3, "text": "测试引用"}}
    r = api.post("/api/admin/services", headers=AUTH, json=body)
    assert r.status_code == 201, r.text
    yield api, body["slug"]
    current = api.get(f"/api/admin/services/{body['slug']}", headers=AUTH).json()
    api.delete(f"/api/admin/services/{body['slug']}", headers=AUTH,
               params={"version": current["version"]})


@pytest.fixture()
def editor_page(browser, live_stack):
    from services_catalog.db import session_scope
    from services_catalog.staff import create_user

    name, password = f"figed{uuid.uuid4().hex[:6]}", "correct-horse-battery"
    with session_scope() as session:
        create_user(session, name, password, "editor")
    ctx = _context(browser, live_stack.gateway_url, viewport=DESKTOP)
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto("/admin")
    page.fill("#login-username", name)
    page.fill("#login-password", password)
    page.click("#login-submit")
    expect(page.locator("#service-list")).to_be_visible()
    yield page
    ctx.close()
    assert not problems.errors and not problems.dialogs, (problems.errors, problems.dialogs)


def test_basis_and_a_scheduled_change_edited_on_the_page(editor_page, service, shoot) -> None:
    page = editor_page
    api, slug = service
    page.fill("#service-search", slug)
    page.click(f"#service-list button.service-item[data-slug='{slug}']")
    limit = page.locator("#figures-time_limits .fig-row").first
    expect(limit.locator("input.f-amount")).to_have_value("5")
    expect(limit.locator(".fig-summary")).to_have_text("机器人答复依据：《行动方案》第3条")
    expect(page.locator("#figures-materials .fig-row textarea.f-text")).to_have_value("营业执照")
    expect(page.locator("#figures-notes .fig-row input.f-max-kw")).to_have_value("160")

    # a decision without its document name: the API's message under the field, nothing saved
    limit.locator("select.b-kind").select_option("decision")
    limit.locator("input.b-date").fill("2026-11-20")
    limit.locator("input.c-on").check()
    limit.locator("input.c-amount").fill("2")
    limit.locator("input.c-effective").fill("2026-01-01")
    limit.locator("input.c-document").fill(DOCUMENT)
    limit.locator("input.c-date").fill("2026-11-20")
    page.click("#save-btn")
    doc_error = page.locator("p.field-error[data-error-for='time_limits.0.basis.document']")
    expect(doc_error).to_contain_text("须填写文件名称")
    expect(page.locator("p.field-error[data-error-for='time_limits.0.change.effective']")
           ).to_contain_text("生效日期不能早于今天")
    assert api.get(f"/api/admin/services/{slug}", headers=AUTH).json()["version"] == 1

    limit.locator("input.b-document").fill("昌吉州营商环境工作专班会议纪要")
    limit.locator("input.c-effective").fill("2027-01-01")
    page.locator("#figures-materials .fig-row textarea.f-text").fill("营业执照副本")
    expect(limit.locator(".fig-summary")).to_have_text(
        "机器人答复依据：《昌吉州营商环境工作专班会议纪要》（2026年11月20日）；"
        "自2027年1月1日起调整为2个工作日")
    page.click("#save-btn")
    expect(page.locator("#message")).to_have_attribute("data-kind", "ok")
    saved = api.get(f"/api/admin/services/{slug}", headers=AUTH).json()
    assert saved["version"] == 2
    tl = saved["time_limits"][0]
    assert tl["amount"] == 5 and tl["basis"]["document"] == "昌吉州营商环境工作专班会议纪要"
    assert tl["change"] == {"effective": "2027-01-01", "document": DOCUMENT,
                            "date": "2026-11-20", "amount": 2, "unit": "工作日"}
    assert saved["materials"][0]["text"] == "营业执照副本"
    assert saved["notes"][0]["max_kw"] == 160 and saved["fees"][0]["text"] == "免费"
    audit = api.get("/api/admin/audit", headers=AUTH, params={"slug": slug}).json()
    assert set(audit[0]["changes"]) == {"time_limits", "materials"}
    latest = page.locator("#history-list li.history-item").first
    expect(latest).to_have_attribute("data-version", "2")
    expect(latest).to_contain_text("5个工作日（依据《昌吉州营商环境工作专班会议纪要》（2026年11月20日）；"
                                   "自2027年1月1日起调整为2个工作日）")

    limit.scroll_into_view_if_needed()
    shoot(page, "admin-figures")
    page.set_viewport_size(PHONE)
    limit = page.locator("#figures-time_limits .fig-row").first
    limit.scroll_into_view_if_needed()
    box = limit.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"], box  # no sideways scrolling
    shoot(page, "admin-figures-375")
