"""The 12345 agent console (/agent) in headless Chromium at desktop width, on the real stack."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from services_catalog.db import get_sessionmaker
from services_catalog.models import AssistCopy

pytestmark = pytest.mark.browser


def copies(slug: str, rank: int) -> int:
    with get_sessionmaker()() as session:
        return session.scalar(select(func.count(AssistCopy.id)).where(
            AssistCopy.slug == slug, AssistCopy.rank == rank)) or 0


def type_query(page: Page, text: str) -> None:
    page.focus("#assist-input")
    page.keyboard.press("Control+End")
    page.keyboard.type(text, delay=15)


def test_top_card_and_copy_is_recorded(agent_page: Page, shoot) -> None:
    page = agent_page
    status = page.locator("#assist-status")
    expect(status).to_have_attribute("data-state", "empty")
    expect(page.locator("#top-card")).to_be_hidden()

    before = copies("water-connection", 1)
    type_query(page, "接自来水要多久")
    top = page.locator("#top-card")
    expect(top).to_be_visible()
    expect(top).to_have_attribute("data-slug", "water-connection")
    expect(page.locator("#top-name")).to_have_text("用水报装")
    expect(page.locator("#top-answer")).to_contain_text("5个工作日")
    # the card's basis: the plan named with its period, as the widget shows it
    expect(top).to_contain_text("《行动方案（2023—2025年）》第46条")
    expect(page.locator("#top-confidence .conf-value")).to_contain_text("%")
    shoot(page, "agent", full_page=True)

    with page.expect_response("**/api/assist/copy") as resp:
        page.click("#copy-btn")
    assert resp.value.status == 201
    sent = json.loads(resp.value.request.post_data or "{}")
    assert sent == {"slug": "water-connection", "rank": 1, "query": "接自来水要多久"}
    expect(page.locator("#copy-btn")).to_have_text("已复制")
    clip = page.evaluate("navigator.clipboard.readText()")
    assert clip == page.locator("#top-answer").inner_text()
    assert "5个工作日" in clip
    assert copies("water-connection", 1) == before + 1


def test_other_candidates_promote_and_copy(agent_page: Page) -> None:
    page = agent_page
    type_query(page, "来电人：接自来水要多久？燃气报装呢")
    expect(page.locator("#top-card")).to_be_visible()
    candidates = page.locator("#other-cards .candidate")
    expect(candidates.first).to_be_visible()
    first = candidates.first
    slug = first.get_attribute("data-slug")
    rank = int(first.get_attribute("data-rank") or 0)
    top_before = page.locator("#top-card").get_attribute("data-slug")
    assert slug and slug != top_before and rank >= 2

    before = copies(slug, rank)
    with page.expect_response("**/api/assist/copy") as resp:
        first.locator(".copy-candidate").click()
    assert resp.value.status == 201
    expect(first.locator(".copy-candidate")).to_have_text("已复制")
    assert copies(slug, rank) == before + 1
    expect(page.locator("#top-card")).to_have_attribute("data-slug", top_before or "")

    first.click()  # promote to the top card
    expect(page.locator("#top-card")).to_have_attribute("data-slug", slug)
    expect(page.locator(f'#other-cards .candidate[data-slug="{top_before}"]')).to_have_count(1)


def test_typing_is_debounced_and_stale_answers_are_ignored(agent_page: Page) -> None:
    page = agent_page
    # The first /api/assist answer is held back 1.5 s and cannot be aborted: it arrives last.
    page.add_init_script("""
      (() => {
        const orig = window.fetch; let n = 0;
        window.fetch = function (url, opts) {
          if (String(url).endsWith('/api/assist') && ++n === 1) {
            const o = Object.assign({}, opts); delete o.signal;
            return orig(url, o).then(r => new Promise(res => setTimeout(() => res(r), 1500)));
          }
          return orig(url, opts);
        };
      })();
    """)
    page.reload()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.post_data or "")
            if r.url.endswith("/api/assist") else None)
    with page.expect_request("**/api/assist"):
        page.fill("#assist-input", "开公司要几天")
    # Five keystrokes in one burst (well inside the debounce window): one request for the last.
    page.eval_on_selector("#assist-input", """el => {
        for (const v of ["接", "接自来", "接自来水", "接自来水要", "接自来水要多久"]) {
            el.value = v;
            el.dispatchEvent(new Event("input", {bubbles: true}));
        }
    }""")
    expect(page.locator("#top-card")).to_have_attribute("data-slug", "water-connection")
    page.wait_for_timeout(1800)  # the held-back company answer arrives now and is ignored
    expect(page.locator("#top-card")).to_have_attribute("data-slug", "water-connection")
    expect(page.locator("#top-name")).to_have_text("用水报装")
    assert len(requests) == 2, requests
    assert "接自来水要多久" in requests[1]


def test_error_and_empty_states(agent_page: Page) -> None:
    page = agent_page
    status = page.locator("#assist-status")
    page.route("**/api/assist", lambda route: route.abort())
    page.fill("#assist-input", "接自来水要多久")
    expect(status).to_have_attribute("data-state", "error")
    expect(status).to_contain_text("无法连接")

    page.unroute("**/api/assist")
    page.route("**/api/assist", lambda route: route.fulfill(
        status=413, json={"detail": "内容过长：最多4000字 / text too long"}))
    page.fill("#assist-input", "接自来水要多久？")
    expect(status).to_contain_text("内容过长")

    page.unroute("**/api/assist")
    page.fill("#assist-input", "今天天气怎么样呀啊")
    expect(status).to_have_attribute("data-state", "none")
    page.click("#clear-btn")
    expect(status).to_have_attribute("data-state", "empty")
    expect(page.locator("#top-card")).to_be_hidden()
    expect(page.locator("#empty-state")).to_be_visible()


def test_data_is_rendered_as_text_never_as_html(agent_page: Page) -> None:
    page = agent_page
    evil = "<script>alert(1)</script>"
    suggestion = {
        "service": {"slug": "water-connection", "name": evil}, "confidence": 0.9,
        "answer": '<img src=x onerror="alert(2)">', "time_limits": [], "departments": [evil],
        "lead_unit": evil, "channels": [evil], "fees": [], "citation": {"item": 46, "text": evil},
    }
    body = {"suggestions": [suggestion, {**suggestion, "confidence": 0.5}], "intent": {},
            "entities": [], "question": "overview"}
    page.route("**/api/assist", lambda route: route.fulfill(status=200, json=body))
    page.fill("#assist-input", "测试")
    expect(page.locator("#top-name")).to_have_text(evil)
    expect(page.locator("#top-answer")).to_have_text('<img src=x onerror="alert(2)">')
    expect(page.locator("#other-cards .cand-name")).to_have_text([evil])
    expect(page.locator("main script, main img")).to_have_count(0)
    page.wait_for_timeout(300)
    assert page.problems.dialogs == []


def test_a_figure_resting_on_a_later_decision_names_it(agent_page: Page) -> None:
    """The console shows the suggestion's basis (as the widget does), not a 《行动方案》第N条 of
    its own: a time limit staff set from a later decision names that decision."""
    page = agent_page
    doc = "昌吉州关于进一步压缩企业开办时间的通知"
    suggestion = {
        "service": {"slug": "company-registration", "name": "企业开办"}, "confidence": 0.9,
        "answer": "企业开办承诺2个工作日内办结。",
        "time_limits": [{"amount": 2, "unit": "工作日", "item": 3, "condition": None,
                         "basis": {"kind": "decision", "document": doc, "date": "2026-11-20"}}],
        "departments": [], "lead_unit": "州市场监管局", "channels": [], "fees": [],
        "citation": {"item": 3, "text": "企业开办时间压缩至1个工作日内"},
        "basis": f"《{doc}》（2026年11月20日）",
    }
    body = {"suggestions": [suggestion, {**suggestion, "confidence": 0.5,
                                         "service": {"slug": "x", "name": "候选"}}],
            "intent": {}, "entities": [], "question": "overview"}
    page.route("**/api/assist", lambda route: route.fulfill(status=200, json=body))
    page.fill("#assist-input", "开公司要多久")
    top = page.locator("#top-card")
    expect(top.locator(".citation-ref")).to_have_text(f"《{doc}》（2026年11月20日）")
    expect(top.locator(".item-ref")).to_have_text(f"《{doc}》（2026年11月20日）")
    expect(top).not_to_contain_text("《行动方案》第3条")
    expect(page.locator("#other-cards .cand-line").last).to_have_text(
        f"依据：《{doc}》（2026年11月20日）")


def test_the_console_asks_for_a_login_and_works_after_it(browser, live_stack, agent_auth,
                                                         shoot) -> None:
    """Finding 9: /api/assist needs a staff login; the console has a login form that a
    12345 agent can use on a 1366×768 screen, and a 401 brings it back."""
    from tests.browser.conftest import PageProblems, _context

    ctx = _context(browser, live_stack.gateway_url, viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    problems = PageProblems(page)
    page.goto("/agent")
    expect(page.locator("#agent-login-form")).to_be_visible()
    expect(page.locator("#console")).to_be_hidden()
    shoot(page, "agent-login-1366")
    page.fill("#agent-username", agent_auth["username"])
    page.fill("#agent-password", "wrong-password-0")
    page.click("#agent-login-submit")
    expect(page.locator("#agent-login-error")).to_have_text("用户名或密码错误。")
    page.fill("#agent-password", agent_auth["password"])
    page.click("#agent-login-submit")
    expect(page.locator("#console")).to_be_visible()
    expect(page.locator("#agent-user")).to_contain_text(agent_auth["username"])
    with page.expect_request("**/api/assist") as req:
        type_query(page, "开公司要多久")
    assert req.value.headers["authorization"].startswith("Bearer ")
    expect(page.locator("#top-card")).to_have_attribute("data-slug", "company-registration")
    # The whole console fits a 1366×768 screen without a horizontal scrollbar.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    box = page.locator("#copy-btn").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 768
    shoot(page, "agent-1366")
    # A token that stops working (expired, revoked) brings the login form back.
    page.evaluate("""() => { const a = JSON.parse(sessionStorage.getItem('jisuwen.agent'));
                             a.token = 'revoked'; sessionStorage.setItem('jisuwen.agent',
                             JSON.stringify(a)); }""")
    page.reload()
    type_query(page, "接自来水要多久")
    expect(page.locator("#agent-login-form")).to_be_visible()
    expect(page.locator("#agent-login-error")).to_contain_text("重新登录")
    ctx.close()
    assert not problems.errors, problems.errors
