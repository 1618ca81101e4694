"""The widget for real use at 375 px: a compact card once, short follow-ups, labelled
suggestions apart from the rating, an honest hand-off, a growing input with a live counter, and
short screen-reader announcements. Screenshots go to docs/img/ for the README."""

from __future__ import annotations

import os
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from bot.launcher import ROOT
from tests.browser.conftest import WIDGET_VIEWPORT, _open_page
from tests.browser.test_widget import ask

pytestmark = pytest.mark.browser
DOCS_IMG = ROOT / "docs" / "img"


def doc_shot(page: Page, name: str) -> None:
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_IMG / f"{name}.png"))


@pytest.fixture()
def phone(browser, live_stack):  # type: ignore[no-untyped-def]
    """The widget at 375 px with clipboard access (the hand-off summary is copied)."""
    yield from _open_page(browser, live_stack, "/", clipboard=True, viewport=WIDGET_VIEWPORT,
                          device_scale_factor=2)


def test_compact_card_once_then_short_field_answers(phone: Page) -> None:
    page = phone
    reply = ask(page, "燃气报装要多久")
    assert "10个工作日" in reply
    card = page.locator('.service-card[data-slug="gas-connection"]')
    expect(card).to_have_count(1)
    # compact: time limit, channel, fee, the lead unit; the five bureaus folded away
    expect(card.locator(".card-rows").first).to_contain_text("10个工作日")
    expect(card.locator(".card-rows").first).to_contain_text("报装窗口")
    expect(card.locator(".card-rows").first).to_contain_text("州住建局、水利局")
    more = card.locator("details.card-more")
    expect(more.locator("dd").filter(has_text="州市场监督管理局")).to_be_hidden()
    # a short accessible name instead of the whole card read aloud
    label = card.get_attribute("aria-label") or ""
    assert label.startswith("服务卡片：燃气报装") and len(label) < 60, label
    # the bubble's 依据 and the card's agree
    bubble = page.locator(".msg.bot .bubble").last.inner_text()
    cited = re.search(r"第(\d+)条", bubble)
    assert cited and card.locator(".citation summary").inner_text().endswith(
        f"第{cited.group(1)}条")
    height = card.bounding_box()["height"]
    assert height < 400, height  # was 570–620 px in a 627 px chat area
    # the fee row answers 要钱吗 (第91条's cancelled 报装费); price supervision is folded away
    expect(card.locator(".card-rows").first).to_contain_text("取消报装费")
    expect(more.locator("dd").filter(has_text="公开燃气价格")).to_be_hidden()
    doc_shot(page, "widget-card")

    reply = ask(page, "在哪办")
    assert "报装窗口" in reply
    expect(page.locator(".service-card")).to_have_count(1)  # no second card
    last = page.locator(".msg.bot").last
    expect(last).to_have_class(re.compile("field-answer"))
    # a few lines: the field and its basis (《行动方案（2023—2025年）》第N条, issue 20), no card
    assert last.bounding_box()["height"] < 180
    reply = ask(page, "收费吗")
    assert "不收费" in reply and "第91条" in reply and "第45条" in reply  # each fee line's task
    expect(page.locator(".service-card")).to_have_count(1)
    doc_shot(page, "widget-followup")
    more.locator("summary").click()
    expect(more.locator("dd").filter(has_text="州市场监督管理局")).to_be_visible()


def test_suggestions_are_labelled_apart_from_the_rating_and_old_buttons_close(
    phone: Page,
) -> None:
    page = phone
    ask(page, "开公司要多久")
    ratings = page.locator(".quick-replies.is-rating")
    rating = ratings.nth(ratings.count() - 1)  # pinned: later answers add their own
    expect(rating.locator(".group-label")).to_have_text("这个回答有帮助吗？")
    expect(rating.get_by_role("button", name="满意", exact=True)).to_be_enabled()
    ask(page, "想问下贷款的事")
    suggest = page.locator(".quick-replies.is-suggest").last
    expect(suggest.locator(".group-label")).to_have_text("您是不是想问")
    expect(suggest.locator("button")).not_to_have_count(0)
    assert "满意" not in suggest.inner_text()  # not in the same row as the rating
    # the earlier answer's rating was not used and is now closed: fewer tab stops
    expect(rating.get_by_role("button", name="满意", exact=True)).to_be_disabled()
    enabled = page.locator("#chat-log button:enabled").count()
    suggestion_buttons = suggest.locator("button").count()
    assert enabled <= suggestion_buttons + 2 + 4, enabled  # newest groups + details summaries
    doc_shot(page, "widget-suggestions")
    suggest.locator("button").first.click()
    expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
    for b in suggest.locator("button").all():
        expect(b).to_be_disabled()


def _handoffs(base_url: str) -> int:
    r = httpx.get(f"{base_url}/api/admin/analytics", timeout=30, headers={
        "Authorization": f"Bearer {os.environ['CATALOG_ADMIN_TOKEN']}"})
    r.raise_for_status()
    return r.json()["totals"]["handoffs"]


def test_handoff_gives_the_number_and_a_copyable_summary_of_the_real_question(
    phone: Page, live_stack,
) -> None:
    page = phone
    before = _handoffs(live_stack.gateway_url)
    ask(page, "你好")
    ask(page, "用水报装要多久")
    ask(page, "转人工")
    box = page.locator(".msg.bot .handoff-box").last
    expect(box.locator("a.hotline-link")).to_have_attribute("href", "tel:12345")
    summary = box.locator(".handoff-summary")
    expect(summary).to_contain_text("用水报装要多久")
    expect(summary).to_contain_text("用水报装")
    expect(summary).not_to_contain_text("你好")
    expect(summary).not_to_contain_text("转人工")
    box.locator(".copy-summary").click()
    expect(box.locator(".copy-summary")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == summary.inner_text()
    assert _handoffs(live_stack.gateway_url) == before + 1  # recorded for analytics
    doc_shot(page, "widget-handoff")


def test_growing_input_live_counter_and_short_announcements(phone: Page) -> None:
    page = phone
    box = page.locator("#chat-input")
    one_line = box.bounding_box()["height"]
    counter = page.locator("#char-count")
    expect(counter).to_be_hidden()  # shown once there is something to count
    box.focus()
    page.keyboard.type("我们公司想在园区新建厂房")
    page.keyboard.press("Shift+Enter")  # a new line, not a send
    page.keyboard.type("需要接水接电接气，分别要多久？")
    expect(page.locator(".msg.user")).to_have_count(0)
    expect(counter).to_have_text(re.compile(r"^\d+/500$"))
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("另外收费吗？")
    assert box.bounding_box()["height"] > one_line * 1.8  # it grew with the text
    page.fill("#chat-input", "开" * 460)
    expect(counter).to_have_class(re.compile("is-near"))
    expect(page.locator("#input-hint")).to_have_text("还可输入40字")
    doc_shot(page, "widget-composer")

    page.fill("#chat-input", "")
    status = page.locator("#reply-status")
    page.route("**/api/chat", lambda route: (page.wait_for_timeout(600), route.continue_()))
    page.fill("#chat-input", "开公司要多久")
    page.press("#chat-input", "Enter")
    expect(status).to_have_text("正在回答…")
    expect(page.locator("#typing")).to_be_hidden(timeout=30_000)
    expect(status).to_contain_text("吉速问回答")
    expect(status).to_contain_text("服务卡片：企业开办")
    text = status.inner_text()
    assert "州市场监督管理局、" not in text and len(text) < 160, text
