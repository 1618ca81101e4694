"""The inbox of missed questions (待学习问题) and a service's example questions on /admin, in
headless Chromium against the real stack, at 1366×768 (an editor) and 375 px (a viewer)."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, _context

pytestmark = pytest.mark.browser
ADMIN = {"Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"}
PASSWORD = "correct-horse-battery"
# Missed by the bot (asked on the stack: a did-you-mean fallback), and a near-duplicate of it
# logged as the gateway logs a fallback (asked, 磨面坊子要几天能办好 is answered as 用水报装).
MISSED = ("磨面坊子得几天办好", "磨面坊子得几天才能办好")
SERVICE, SERVICE_NAME = "company-registration", "企业开办"


def _account(base: str, role: str) -> str:
    name = f"inbox{role}{uuid.uuid4().hex[:6]}"
    r = httpx.post(f"{base}/api/admin/staff", headers=ADMIN, timeout=30,
                   json={"username": name, "password": PASSWORD, "role": role})
    r.raise_for_status()
    return name


def _login(browser, base: str, role: str, **viewport):  # type: ignore[no-untyped-def]
    ctx = _context(browser, base, **viewport)
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto("/admin")
    page.fill("#login-username", _account(base, role))
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#service-list")).to_be_visible()
    return ctx, page, problems


def _ask(base: str, sender: str, text: str) -> list[dict]:
    """Rasa's answer: on a loaded machine a first message can outlast the gateway's Rasa timeout
    and be answered in degraded mode (not logged as a miss), so that one is asked again."""
    for attempt in range(4):
        r = httpx.post(f"{base}/api/chat", timeout=60,
                       json={"sender": f"{sender}-{attempt}", "message": text}).json()
        if not r.get("degraded"):
            return r["messages"]
    raise AssertionError(f"Rasa did not answer in time: {r}")


def _cluster(page, text: str):  # type: ignore[no-untyped-def]
    return page.locator("#inbox-list li.inbox-cluster").filter(
        has=page.locator(".inbox-qtext", has_text=text))


def test_an_editor_assigns_a_missed_question_and_sees_it_as_an_example(
        browser, live_stack, shoot) -> None:
    base = live_stack.gateway_url
    for i in range(2):
        chat = _ask(base, f"inbox-b-{i}", MISSED[0])
        assert not any(m.get("custom", {}).get("slug") for m in chat), chat
    from services_catalog.db import session_scope
    from services_catalog.models import ChatLog

    with session_scope() as session:
        session.add(ChatLog(sender="inbox-b-2", channel="chat", text=MISSED[1], fallback=True))
    ctx, page, problems = _login(browser, base, "editor", viewport={"width": 1366, "height": 768})
    cluster = _cluster(page, MISSED[0])
    expect(cluster).to_have_count(1)
    expect(cluster.locator(".inbox-count")).to_have_text("3次")
    expect(cluster.locator(".inbox-kind")).to_contain_text(["未听懂 3"])
    cluster.locator("details summary").click()
    expect(cluster.locator(".inbox-question")).to_have_count(2)
    page.locator("#inbox").scroll_into_view_if_needed()
    shoot(page, "admin-inbox-1366")

    cluster.locator("select.inbox-service").select_option(SERVICE)
    cluster.locator(".inbox-row button.inbox-assign").click()
    expect(page.locator("#message")).to_have_attribute("data-kind", "ok")
    expect(page.locator("#message")).to_contain_text(SERVICE_NAME)
    expect(_cluster(page, MISSED[0])).to_have_count(0)
    # Answered with the service at once, on the real stack.
    with httpx.Client(base_url=base, timeout=60) as api:
        chat = _ask(base, "inbox-b-9", MISSED[0])
        assert any(m.get("custom", {}).get("slug") == SERVICE for m in chat), chat
        training = api.get("/api/admin/training", headers=ADMIN).json()
        assert training["stale"] is True
    # The service's examples list them, from the inbox; one can be removed again.
    page.fill("#service-search", SERVICE)
    page.click(f"#service-list button.service-item[data-slug='{SERVICE}']")
    expect(page.locator("#examples")).to_be_visible()
    item = page.locator("#examples-list li.example-item").filter(has_text=MISSED[0])
    expect(item.locator(".example-source")).to_have_text("待学习问题")
    item.scroll_into_view_if_needed()
    shoot(page, "admin-examples-1366")
    item.locator("button.example-remove").click()
    expect(page.locator("#examples-list li.example-item").filter(has_text=MISSED[0])) \
        .to_have_count(0)
    page.fill("#example-text", "[注入](service)")
    page.click("#example-add-btn")
    expect(page.locator("#example-error")).to_contain_text("不能包含")
    ctx.close()
    assert not problems.errors, problems.errors


def test_a_viewer_reads_the_inbox_on_a_phone(browser, live_stack, shoot) -> None:
    base = live_stack.gateway_url
    text = "羊毛收购点挂个牌子几天能下来"
    _ask(base, "inbox-v", text)
    ctx, page, problems = _login(browser, base, "viewer",
                                 viewport={"width": 375, "height": 740},
                                 device_scale_factor=2, is_mobile=True, has_touch=True)
    cluster = _cluster(page, text)
    expect(cluster).to_have_count(1)
    expect(cluster.locator("button")).to_have_count(0)  # viewers see, editors act
    expect(cluster.locator("select")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    cluster.scroll_into_view_if_needed()
    shoot(page, "admin-inbox-375")
    ctx.close()
    assert not problems.errors, problems.errors
