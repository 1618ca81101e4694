"""Admin page behaviour (issue 20) in headless Chromium against the real stack, at 1366×768 and
375 px: restore a version from the history, the unsaved-changes guard, 确认导入 disabled after a
preview without changes, the staff form behind 新建账号, and the toast that does not move the
list. Key screenshots also go to docs/img/ for the README."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WIDGET_VIEWPORT, PageProblems, _context

pytestmark = pytest.mark.browser
AUTH = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}
DESKTOP = {"width": 1366, "height": 768}
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def doc_shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_IMG / f"{name}.png"))


def user(role: str) -> tuple[str, str]:
    from services_catalog.db import session_scope
    from services_catalog.staff import create_user

    name, password = f"{role[:3]}{uuid.uuid4().hex[:6]}", "correct-horse-battery"
    with session_scope() as session:
        create_user(session, name, password, role)
    return name, password


def login(browser, live_stack, role: str, viewport: dict):  # type: ignore[no-untyped-def]
    ctx = _context(browser, live_stack.gateway_url, viewport=viewport)
    page = ctx.new_page()
    problems = PageProblems(page)
    name, password = user(role)
    page.goto("/admin")
    page.fill("#login-username", name)
    page.fill("#login-password", password)
    page.click("#login-submit")
    expect(page.locator("#service-list")).to_be_visible()
    return ctx, page, problems


def two_version_service(api: httpx.Client) -> str:
    uid = uuid.uuid4().hex[:8]
    slug = f"ui-{uid}"
    r = api.post("/api/admin/services", headers=AUTH, json={
        "slug": slug, "name": f"界面测试{uid}", "aliases": [f"界面别名{uid}"],
        "time_limits": [{"amount": 5, "unit": "工作日"}], "howto": "原来的办法",
        "citation": {"item": 3, "text": "测试引用"}})
    assert r.status_code == 201, r.text
    r = api.patch(f"/api/admin/services/{slug}", headers=AUTH, json={
        "version": 1, "howto": "改过的办法", "time_limits": [{"amount": 2, "unit": "工作日"}]})
    assert r.status_code == 200, r.text
    return slug


def open_service(page, slug: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#service-search", slug)
    page.click(f"#service-list button.service-item[data-slug='{slug}']")
    expect(page.locator("#edit-version")).to_have_attribute("data-version", "2")


@pytest.mark.parametrize("viewport", [DESKTOP, WIDGET_VIEWPORT], ids=["1366", "375"])
def test_restore_a_version_from_the_history(browser, live_stack, viewport):
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    slug = two_version_service(api)
    ctx, page, problems = login(browser, live_stack, "editor", viewport)
    open_service(page, slug)
    items = page.locator("#history-list li.history-item")
    expect(items).to_have_count(2)
    expect(items.nth(0).locator(".restore-version-btn")).to_have_count(0)  # the current one
    button = items.nth(1).locator(".restore-version-btn")
    button.click()
    expect(button).to_have_text("确认恢复到第1版？")
    assert api.get(f"/api/services/{slug}").json()["version"] == 2  # one click changes nothing
    button.click()
    expect(page.locator("#message")).to_contain_text("已恢复到第1版的内容，保存为第3版")
    expect(page.locator("#edit-version")).to_have_attribute("data-version", "3")
    expect(page.locator("#f-howto")).to_have_value("原来的办法")
    public = api.get(f"/api/services/{slug}").json()
    assert public["version"] == 3 and public["time_limits"][0]["amount"] == 5
    top = page.locator("#history-list li.history-item").first
    expect(top).to_have_attribute("data-action", "restore_version")
    expect(top).to_contain_text("内容恢复为第1版")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), \
        "the page scrolls sideways"
    page.locator("#history").scroll_into_view_if_needed()
    name = "admin-restore" if viewport is DESKTOP else "admin-restore-375"
    page.screenshot(path=str(Path("reports/screenshots") / f"{name}.png"))
    if viewport is DESKTOP:
        doc_shot(page, "admin-restore")
    ctx.close()
    assert not problems.errors, problems.errors


def settled_box(page, locator, timeout_ms: int = 5000):
    """The element's box once two reads 100 ms apart agree: the list is rebuilt whole
    when a search answer arrives, and a read in between sees no box at all."""
    last = None
    for _ in range(timeout_ms // 100):
        box = locator.bounding_box()
        if box is not None and box == last:
            return box
        last = box
        page.wait_for_timeout(100)
    raise AssertionError(f"the list item never settled (last box {last})")


def test_unsaved_edits_are_guarded_and_the_list_does_not_move(browser, live_stack):
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    slug = two_version_service(api)
    ctx, page, problems = login(browser, live_stack, "editor", DESKTOP)
    open_service(page, slug)
    page.fill("#service-search", "")  # the whole list again
    expect(page.locator("#service-list")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#service-list button.service-item").nth(5)).to_be_visible()
    leave = ("() => { const e = new Event('beforeunload', {cancelable: true});"
             " window.dispatchEvent(e); return e.defaultPrevented; }")
    assert page.evaluate(leave) is False  # nothing typed yet: leaving is silent
    page.fill("#f-howto", "还没保存的修改")
    assert page.evaluate(leave) is True

    # Another service in the list: refused with a toast; the item under the mouse stays put.
    other = page.locator(f"#service-list button.service-item:not([data-slug='{slug}'])").first
    other.scroll_into_view_if_needed()  # typing scrolled the page down to the field
    box = settled_box(page, other)
    other.click()
    expect(page.locator("#message")).to_contain_text("未保存的修改")
    assert settled_box(page, other) == box
    expect(page.locator("#f-howto")).to_have_value("还没保存的修改")
    page.screenshot(path="reports/screenshots/admin-unsaved.png")

    # The browser's own leave-page dialog, for real.
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] or not page.is_closed()
    ctx.close()
    assert not problems.errors, problems.errors


@pytest.mark.parametrize("viewport", [DESKTOP, WIDGET_VIEWPORT], ids=["1366", "375"])
def test_confirm_import_stays_disabled_when_the_preview_has_no_change(browser, live_stack,
                                                                     viewport):
    api = httpx.Client(base_url=live_stack.gateway_url, timeout=30)
    exported = api.get("/api/admin/export", headers=AUTH, params={"format": "yaml"}).text
    ctx, page, problems = login(browser, live_stack, "editor", viewport)
    page.set_input_files("#import-file", files=[{
        "name": "catalog.yaml", "mimeType": "application/x-yaml", "buffer": exported.encode()}])
    expect(page.locator("#import-dry-run-btn")).to_be_enabled()
    page.click("#import-dry-run-btn")
    expect(page.locator("#import-report")).to_contain_text("无需导入")
    expect(page.locator("#import-report")).to_contain_text("修改 0 项")
    expect(page.locator("#import-apply-btn")).to_be_disabled()
    page.locator("#import-report").scroll_into_view_if_needed()
    suffix = "" if viewport is DESKTOP else "-375"
    page.screenshot(path=f"reports/screenshots/admin-import-nochange{suffix}.png")

    changed = exported.replace("howto: ", "howto: 导入测试 ", 1)
    assert changed != exported
    page.set_input_files("#import-file", files=[{
        "name": "catalog.yaml", "mimeType": "application/x-yaml", "buffer": changed.encode()}])
    page.click("#import-dry-run-btn")
    expect(page.locator("#import-report")).to_contain_text("修改 1 项")
    expect(page.locator("#import-apply-btn")).to_be_enabled()  # previewed, not applied
    ctx.close()
    assert not problems.errors, problems.errors


@pytest.mark.parametrize("viewport", [DESKTOP, WIDGET_VIEWPORT], ids=["1366", "375"])
def test_staff_form_is_behind_a_button_and_retrain_is_secondary_when_fresh(
        browser, live_stack, viewport):
    ctx, page, problems = login(browser, live_stack, "admin", viewport)
    expect(page.locator("#staff-new-btn")).to_be_visible()
    expect(page.locator("#staff-form")).to_be_hidden()
    status = page.locator("#training-status")
    expect(status).not_to_have_attribute("data-state", "unknown")
    stale = status.get_attribute("data-state") == "stale"
    assert ("btn-primary" in (page.get_attribute("#retrain-btn", "class") or "")) == stale

    page.click("#staff-new-btn")
    expect(page.locator("#staff-form")).to_be_visible()
    expect(page.locator("#staff-new-btn")).to_be_hidden()
    name = f"ui{uuid.uuid4().hex[:6]}"
    page.fill("#staff-username", name)
    page.fill("#staff-password", "a-long-enough-password")
    page.select_option("#staff-role", "viewer")
    page.locator("#staff-form").scroll_into_view_if_needed()
    suffix = "" if viewport is DESKTOP else "-375"
    page.screenshot(path=f"reports/screenshots/admin-staff-form{suffix}.png")
    if viewport is not DESKTOP:
        doc_shot(page, "admin-staff-form")
    page.click("#staff-submit")
    expect(page.locator("#message")).to_contain_text("已创建账号 " + name)
    expect(page.locator("#staff-form")).to_be_hidden()
    expect(page.locator(f"#staff-list li.staff-row[data-username='{name}']")).to_have_count(1)
    ctx.close()
    assert not problems.errors, problems.errors


def test_analytics_shows_the_server_range_and_rates_with_their_sample(browser, live_stack):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from services_catalog.config import get_catalog_settings

    ctx, page, problems = login(browser, live_stack, "editor", DESKTOP)
    page.click("#analytics-link")
    today = datetime.now(ZoneInfo(get_catalog_settings().timezone)).date()
    expect(page.locator("#range-used")).to_contain_text(
        f"{today - timedelta(days=6)} 至 {today}（共7天，北京时间）")
    expect(page.locator("#from")).to_have_value(str(today - timedelta(days=6)))
    expect(page.locator("#kpi-satisfaction")).to_contain_text("条评价）")
    expect(page.locator("#kpi-fallback-rate")).to_contain_text("条消息）")
    page.click("#range-30")
    expect(page.locator("#range-used")).to_contain_text("共30天")
    expect(page.locator("#from")).to_have_value(str(today - timedelta(days=29)))
    page.screenshot(path="reports/screenshots/admin-analytics-range.png")
    doc_shot(page, "admin-analytics")
    ctx.close()
    assert not problems.errors, problems.errors
