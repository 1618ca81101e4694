"""The H5 widget against the chat contract: it is served the same recorded gateway replies that
the mini-program component's tests use (miniprogram/tests/fixtures, each validated against
docs/chat-api.openapi.json by tests/bot/test_chat_contract.py) and must render what they hold."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from tests.chat_contract import fixtures

pytestmark = pytest.mark.browser


def serve(page: Page, names: list[str]) -> list[str]:
    """Answer /api/chat with the named fixtures' exchanges in order; returns what was sent."""
    queue: list[dict[str, Any]] = [ex for n in names for ex in fixtures()[n]["exchanges"]]
    sent: list[str] = []

    def handle(route: Route) -> None:
        message = json.loads(route.request.post_data or "{}").get("message", "")
        sent.append(message)
        ex = queue.pop(0)
        headers = {"Retry-After": ex["retry_after"]} if ex.get("retry_after") else {}
        route.fulfill(status=ex["status"], json=ex["body"], headers=headers)

    page.route("**/api/chat", handle)
    return sent


def send(page: Page, text: str) -> None:
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    expect(page.locator("#typing")).to_be_hidden()


def test_card_buttons_and_rating_from_the_contract(widget_page: Page) -> None:
    page = widget_page
    sent = serve(page, ["conditions", "rating"])
    send(page, "用电报装要多久")
    group = page.locator("#chat-log .quick-replies").last
    expect(group.locator("button")).to_have_text(["居民", "非居民"])
    group.get_by_role("button", name="非居民", exact=True).click()
    # The answer to the choice is the asked field only (field_answer): no second card.
    expect(page.locator(".msg.bot .bubble").last).to_contain_text("15个工作日")
    expect(page.locator(".service-card")).to_have_count(1)
    # 第42条's 15 days are for users up to 160kW: the card says so next to the figure.
    expect(page.locator(".service-card .limit-amount")).to_have_text(
        ["5个工作日", "15个工作日（160kW及以下）"])
    send(page, "开公司要多久")
    expect(page.locator(".service-card").last.locator(".card-name")).to_have_text("企业开办")
    rating = page.locator("#chat-log .quick-replies").last
    expect(rating.locator("button")).to_have_text(["满意", "不满意"])
    rating.get_by_role("button", name="满意", exact=True).click()
    expect(page.locator(".msg.bot .bubble").last).to_contain_text("感谢您的评价")
    assert sent == ["用电报装要多久", '/inform_condition{"condition": "非居民"}', "开公司要多久",
                    "/feedback_satisfied"]


def test_handoff_degraded_and_errors_from_the_contract(widget_page: Page) -> None:
    page = widget_page
    serve(page, ["handoff", "degraded", "rate_limited", "too_long"])
    send(page, "开公司要多久")
    send(page, "我要转人工")
    expect(page.locator(".msg.bot").last.locator("a.hotline-link")).to_have_attribute(
        "href", "tel:12345")
    expect(page.locator(".msg.bot").last).to_contain_text("开公司要多久")  # the summary
    send(page, "开公司要多久")
    expect(page.locator(".msg.bot.notice").last).to_contain_text("智能问答暂时繁忙")
    expect(page.locator(".service-card").last.locator(".card-degraded")).to_be_visible()
    send(page, "开公司要多久")
    expect(page.locator("#status-banner")).to_contain_text("约60秒后可重试")
    send(page, "开公司要多久" * 90)
    expect(page.locator("#status-banner")).to_contain_text("消息过长")
