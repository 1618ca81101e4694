"""The chat widget (/) in headless Chromium at phone width, against the real stack."""

from __future__ import annotations

import json
import os
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

UNREACHABLE = "服务暂时无法连接，请稍后再试，或拨打12345政务服务便民热线"
SENDER_KEY = "jisuwen.widget.sender"


def ask(page: Page, text: str) -> str:
    """Type a question, press Enter, wait for the answer; the text of the new bot messages."""
    before = page.locator("#chat-log .msg.bot").count()
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    expect(page.locator("#chat-log .msg.bot").nth(before)).to_be_visible(timeout=30_000)
    expect(page.locator("#typing")).to_be_hidden()
    texts = page.locator("#chat-log .msg.bot").all_inner_texts()
    return "\n".join(texts[before:])


def last_group(page: Page):  # type: ignore[no-untyped-def]
    """The newest quick-reply group, pinned (a plain .last would move on to later groups)."""
    groups = page.locator("#chat-log .quick-replies")
    return groups.nth(groups.count() - 1)


def test_welcome_question_answer_and_service_card(widget_page: Page, shoot) -> None:
    page = widget_page
    expect(page.locator("header h1")).to_have_text("吉速问 · 昌吉州涉企政务服务助手")
    expect(page.locator("main")).to_have_count(1)
    # replies are announced briefly by a status region, not by reading the whole log
    expect(page.locator("#chat-log")).to_have_attribute("aria-live", "off")
    expect(page.locator("#reply-status")).to_have_attribute("role", "status")
    expect(page.locator("#chat-input")).to_have_attribute("aria-label", re.compile(".+"))
    welcome = page.locator("#chat-log .msg.bot").first
    expect(welcome.locator(".quick-replies button")).to_have_text(
        ["开公司要几天", "用水报装在哪办", "用电报装要多久"])
    shoot(page, "widget")

    reply = ask(page, "开公司要多久")
    assert "3个工作日" in reply
    expect(page.locator(".msg.user .bubble").last).to_have_text("开公司要多久")
    expect(page.locator(".msg.bot .bubble").filter(has_text="3个工作日")).not_to_have_count(0)
    card = page.locator('.service-card[data-slug="company-registration"]')
    expect(card).to_be_visible()
    expect(card.locator(".card-name")).to_have_text("企业开办")
    expect(card).to_contain_text("3个工作日")
    expect(card).to_contain_text("州市场监督管理局")
    # the citation text is collapsed under its basis, "依据：《行动方案（2023—2025年）》第3条"
    summary = card.locator(".citation summary")
    expect(summary).to_have_text("依据：《行动方案（2023—2025年）》第3条")
    cite = card.locator(".citation p")
    expect(cite).to_be_hidden()
    # focus stayed in the emptied input after sending
    expect(page.locator("#chat-input")).to_be_focused()
    expect(page.locator("#chat-input")).to_have_value("")
    shoot(page, "widget-card")
    summary.click()
    expect(cite).to_be_visible()
    expect(cite).to_contain_text("3个工作日")


def test_empty_input_sends_nothing(widget_page: Page) -> None:
    page = widget_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/chat" in r.url else None)
    page.fill("#chat-input", "   ")
    page.press("#chat-input", "Enter")
    page.click("#send-btn")
    page.wait_for_timeout(300)
    expect(page.locator(".msg.user")).to_have_count(0)
    assert requests == []


def test_quick_reply_button_then_due_date(widget_page: Page) -> None:
    page = widget_page
    reply = ask(page, "用电报装要多久")
    assert "居民" in reply
    group = last_group(page)
    resident = group.get_by_role("button", name="居民", exact=True)
    expect(resident).to_be_enabled()
    with page.expect_request("**/api/chat") as req:
        resident.click()
    sent = json.loads(req.value.post_data or "{}")
    assert sent["message"].startswith("/inform_condition"), sent  # the payload, not the title
    expect(page.locator(".msg.user .bubble").last).to_have_text("居民")  # the title is shown
    expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
    expect(page.locator(".msg.bot").last).to_contain_text("5个工作日")
    for button in group.locator("button").all():  # the group is used up
        expect(button).to_be_disabled()
    # the card is already above: the answer is a short bubble, not a second card
    expect(page.locator('.service-card[data-slug="electricity-connection"]')).to_have_count(1)
    expect(page.locator(".msg.bot").last).to_have_class(re.compile("field-answer"))

    reply = ask(page, "今天提交哪天能办完")
    assert "最晚" in reply and "年" in reply
    expect(page.locator(".service-card")).to_have_count(1)


def test_reload_keeps_the_conversation(widget_page: Page) -> None:
    page = widget_page
    reply = ask(page, "用水报装要多久")
    assert "5个工作日" in reply
    sender = page.evaluate(f"localStorage.getItem('{SENDER_KEY}')")
    assert re.fullmatch(r"[A-Za-z0-9_.:-]{1,80}", sender or "")
    shown = page.locator("#chat-log .msg").count()

    page.reload()
    expect(page.locator("#chat-log .msg")).to_have_count(shown)
    expect(page.locator(".msg.user .bubble").first).to_have_text("用水报装要多久")
    expect(page.locator('.service-card[data-slug="water-connection"]')).to_have_count(1)
    assert page.evaluate(f"localStorage.getItem('{SENDER_KEY}')") == sender

    reply = ask(page, "在哪办")  # a follow-up: the service comes from the conversation
    assert "用水报装" in reply
    last = page.locator(".msg.bot").last
    expect(last).to_have_attribute("data-slug", "water-connection")
    expect(last.locator(".service-card")).to_have_count(0)


def _company_ratings(base_url: str) -> int:
    r = httpx.get(f"{base_url}/api/admin/analytics", timeout=30, headers={
        "Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"})
    r.raise_for_status()
    rows = [s for s in r.json()["satisfaction"] if s["slug"] == "company-registration"]
    return rows[0]["satisfied"] if rows else 0


def test_feedback_buttons_thank_the_user_and_show_in_analytics(
    widget_page: Page, live_stack
) -> None:
    page = widget_page
    before = _company_ratings(live_stack.gateway_url)
    ask(page, "开公司要多久")
    group = last_group(page)
    expect(group.get_by_role("button", name="不满意", exact=True)).to_be_visible()
    group.get_by_role("button", name="满意", exact=True).click()
    expect(page.locator(".msg.user .bubble").last).to_have_text("满意")
    expect(page.locator(".msg.bot").last).to_contain_text("感谢您的评价", timeout=30_000)
    expect(group.locator("button").first).to_be_disabled()
    assert _company_ratings(live_stack.gateway_url) == before + 1


def test_large_font_switch_is_applied_and_remembered(widget_page: Page, shoot) -> None:
    page = widget_page
    ask(page, "用电报装居民要多久")
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    bubble = page.locator(".msg.bot .bubble").last
    before = bubble.evaluate(size)
    toggle = page.locator("#font-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    after = bubble.evaluate(size)
    assert after >= before * 1.2, (before, after)
    card_name = page.locator(".service-card .card-name").last
    assert card_name.evaluate(size) > 17
    page.locator(".msg.bot").last.evaluate("e => e.scrollIntoView({block: 'start'})")
    shoot(page, "widget-large-font")

    page.reload()
    expect(page.locator("#font-toggle")).to_have_attribute("aria-pressed", "true")
    assert page.locator(".msg.bot .bubble").last.evaluate(size) == after
    page.click("#font-toggle")
    assert page.locator(".msg.bot .bubble").last.evaluate(size) == before


def test_unreachable_service_shows_the_banner_and_retry_works(widget_page: Page) -> None:
    page = widget_page
    banner = page.locator("#status-banner")
    expect(banner).to_be_hidden()
    page.route("**/api/chat", lambda route: route.abort())
    page.fill("#chat-input", "开公司要多久")
    page.press("#chat-input", "Enter")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(UNREACHABLE)
    expect(page.locator("#typing")).to_be_hidden()
    # no stray "未发送" bubble: the text is back in the box to retry
    expect(page.locator(".msg.user")).to_have_count(0)
    expect(page.locator("#chat-input")).to_have_value("开公司要多久")
    expect(page.locator("#chat-input")).to_be_focused()

    page.unroute("**/api/chat")
    page.click("#status-banner .status-retry")
    expect(banner).to_be_hidden(timeout=30_000)
    expect(page.locator(".msg.bot").last).to_contain_text("3个工作日")
    expect(page.locator(".msg.user")).to_have_count(1)
    expect(page.locator("#chat-input")).to_have_value("")


def test_server_errors_are_explained(widget_page: Page) -> None:
    page = widget_page
    banner = page.locator("#status-banner")

    def reply_with(status: int, body: dict, headers: dict | None = None) -> None:
        page.unroute("**/api/chat")
        page.route("**/api/chat", lambda route: route.fulfill(
            status=status, json=body, headers=headers or {}))

    reply_with(503, {"detail": "数据库暂时不可用"})
    page.fill("#chat-input", "开公司要多久")
    page.press("#chat-input", "Enter")
    expect(banner).to_contain_text(UNREACHABLE)

    reply_with(429, {"detail": "请求过于频繁，请稍后再试 / too many requests"},
               {"Retry-After": "7"})
    page.fill("#chat-input", "开公司要多久")
    page.press("#chat-input", "Enter")
    expect(banner).to_contain_text("请求过于频繁，请稍后再试")
    expect(banner).to_contain_text("7秒")

    reply_with(422, {"detail": [{"loc": ["body", "message"],
                                 "msg": "Value error, 消息不能为空 / message must not be empty"}]})
    page.fill("#chat-input", "开公司要多久")
    page.press("#chat-input", "Enter")
    expect(banner).to_contain_text("消息不能为空")
    expect(banner).not_to_contain_text("message")  # Chinese only
    expect(page.locator(".msg.user")).to_have_count(0)

    page.unroute("**/api/chat")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/chat" in r.url else None)
    page.fill("#chat-input", "开" * 501)
    expect(page.locator("#char-count")).to_have_text("501/500")
    expect(page.locator("#input-hint")).to_contain_text("已超出1字")  # before sending
    page.press("#chat-input", "Enter")
    expect(banner).to_contain_text("消息过长")
    expect(page.locator("#chat-input")).to_have_value("开" * 501)  # kept to shorten
    assert requests == []


def test_data_is_rendered_as_text_never_as_html(widget_page: Page) -> None:
    page = widget_page
    evil = "<script>alert(1)</script>"
    card = {
        "type": "service_card", "slug": "evil", "name": evil, "category": "<b>x</b>",
        "time_limits": [{"amount": 3, "unit": "工作日", "condition": "<i>c</i>", "item": 3}],
        "condition": None, "lead_unit": "<img src=x onerror=alert(2)>", "departments": [evil],
        "channels": [evil], "fees": [evil], "materials": [],
        "citation": {"item": 3, "text": evil}, "version": 1,
    }
    body = {"sender": "x", "messages": [
        {"text": '<img src=x onerror="alert(3)">',
         "buttons": [{"title": "<b>按钮</b>", "payload": "/feedback_satisfied"}],
         "custom": card}]}
    page.route("**/api/chat", lambda route: route.fulfill(status=200, json=body))
    page.fill("#chat-input", "测试")
    page.press("#chat-input", "Enter")
    shown = page.locator('.service-card[data-slug="evil"]')
    expect(shown.locator(".card-name")).to_have_text(evil)
    expect(page.locator(".msg.bot .bubble").last).to_have_text('<img src=x onerror="alert(3)">')
    expect(page.locator(".quick-replies button").last).to_have_text("<b>按钮</b>")
    injected = page.locator("#chat-log script, #chat-log img, #chat-log b, #chat-log i")
    expect(injected).to_have_count(0)
    page.wait_for_timeout(300)
    assert page.problems.dialogs == []


def test_new_chat_starts_over(widget_page: Page) -> None:
    page = widget_page
    ask(page, "开公司要多久")
    sender = page.evaluate(f"localStorage.getItem('{SENDER_KEY}')")
    page.click("#new-chat")
    confirm = page.locator("#confirm-new")
    expect(confirm).to_be_visible()  # asks first
    page.click("#confirm-new-no")
    expect(confirm).to_be_hidden()
    expect(page.locator("#chat-log .msg.user")).to_have_count(1)  # nothing cleared
    page.click("#new-chat")
    page.click("#confirm-new-yes")
    expect(page.locator("#chat-log .msg")).to_have_count(1)  # the welcome only
    expect(page.locator("#chat-log .msg.bot .quick-replies button")).to_have_count(3)
    new_sender = page.evaluate(f"localStorage.getItem('{SENDER_KEY}')")
    assert new_sender and new_sender != sender
    expect(page.locator("#chat-input")).to_be_focused()
    page.locator("#chat-log .quick-replies button").first.click()  # an example chip
    expect(page.locator(".msg.user .bubble").last).to_have_text("开公司要几天")
    expect(page.locator(".msg.bot").last).to_contain_text("3个工作日", timeout=30_000)
