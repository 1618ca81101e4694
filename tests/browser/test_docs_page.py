"""/docs renders Swagger UI from the gateway's own assets under its CSP (it was blank: the CSP
blocked the CDN Swagger UI loads by default)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AGENT_VIEWPORT, PageProblems, _context

pytestmark = pytest.mark.browser


def test_docs_render_offline_under_the_csp(browser, live_stack) -> None:
    context = _context(browser, live_stack.gateway_url, viewport=AGENT_VIEWPORT)
    page = context.new_page()
    problems = PageProblems(page)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(live_stack.gateway_url) else None)
    page.goto(f"{live_stack.gateway_url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("吉速问 gateway")
    expect(page.locator(".opblock-summary-path", has_text="/api/chat").first).to_be_visible()
    assert outside == [] and problems.errors == []
    context.close()
