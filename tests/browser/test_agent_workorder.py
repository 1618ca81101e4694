"""The 12345 agent console at 1366×768: the work-order draft, spoken scripts for every question,
no script while the caller only greets or says too little, keyboard shortcuts, candidates above
the fold, and 无匹配 recorded for staff. Screenshots go to docs/img/ for the README."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from bot.launcher import ROOT
from services_catalog.db import get_sessionmaker
from services_catalog.models import AssistCopy, ChatLog
from tests.browser.conftest import _open_page, agent_login_script

pytestmark = pytest.mark.browser
DESK = {"width": 1366, "height": 768}
TWO_QUESTIONS = "喂，你好，我们厂要通天然气，多久能通，要交什么钱不"


@pytest.fixture()
def desk(browser, live_stack, agent_auth) -> Iterator[Page]:
    """/agent at 1366×768, logged in as an agent."""
    yield from _open_page(browser, live_stack, "/agent", clipboard=True, viewport=DESK,
                          init_script=agent_login_script(agent_auth))


def type_and_wait(page: Page, text: str) -> None:
    page.fill("#assist-input", "")
    page.focus("#assist-input")
    with page.expect_response("**/api/assist") as resp:
        page.keyboard.type(text, delay=5)
    # the debounce may send several requests while typing: wait for the last one's rendering
    page.wait_for_timeout(600)
    expect(page.locator("#assist-status")).not_to_have_attribute("data-state", "loading")
    assert resp.value.status == 200


def copies() -> int:
    with get_sessionmaker()() as session:
        return session.scalar(select(func.count(AssistCopy.id))) or 0


def test_work_order_script_shortcuts_and_candidates_above_the_fold(desk: Page) -> None:
    page = desk
    type_and_wait(page, TWO_QUESTIONS)
    expect(page.locator("#top-card")).to_have_attribute("data-slug", "gas-connection")
    script = page.locator("#top-answer")
    expect(script).to_contain_text("10个工作日")  # 多久
    expect(script).to_contain_text("燃气价格")  # 要交什么钱不
    expect(script).not_to_contain_text("依据")
    expect(script).not_to_contain_text("责任单位")
    wo = page.locator("#workorder")
    expect(wo.locator(".wo-category")).to_have_text("咨询")
    expect(wo.locator(".wo-handling-unit")).to_have_text("州住建局、水利局")
    expect(wo.locator(".wo-route")).to_have_text("当场答复")
    expect(wo.locator(".wo-summary")).to_contain_text("来电人反映")
    # the order's own deadline, not the card's 10个工作日: closed on the call, it needs none
    expect(wo.locator(".wo-due-date")).to_have_text("当场办结，无需工单时限")
    body = page.locator("body").inner_text()
    assert not re.search(r"ask_|nlu_fallback|意图", body)  # no intent names
    values = page.locator(".conf-value").all_inner_texts()
    assert sum(v.startswith("100%") for v in values) == 0, values
    assert sum(int(re.match(r"<?(\d+)", v).group(1)) >= 90 for v in values) == 1, values
    candidates = page.locator("#other-cards .candidate")
    expect(candidates).to_have_count(4)
    for box in (c.bounding_box() for c in candidates.all()):
        assert box and box["y"] + box["height"] <= DESK["height"], box  # no scrolling
    page.screenshot(path=str(ROOT / "docs" / "img" / "agent-console.png"))

    # Alt+2 makes the second candidate the top card; Alt+1 brings the first back
    second = candidates.first.get_attribute("data-slug")
    page.keyboard.press("Alt+2")
    expect(page.locator("#top-card")).to_have_attribute("data-slug", second or "")
    page.keyboard.press("Alt+1")
    expect(page.locator("#top-card")).to_have_attribute("data-slug", "gas-connection")

    before = copies()
    page.focus("#assist-input")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#copy-btn")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == script.inner_text()
    page.keyboard.press("Control+Shift+Enter")
    expect(page.locator("#copy-wo-btn")).to_have_text("已复制")
    clip = page.evaluate("navigator.clipboard.readText()")
    assert "诉求类型：咨询" in clip and "承办单位：州住建局、水利局" in clip
    assert "答复口径：燃气报装承诺10个工作日内办结" in clip
    page.wait_for_timeout(500)
    assert copies() == before + 2  # both copies recorded
    page.screenshot(path=str(ROOT / "docs" / "img" / "agent-workorder.png"))


def test_a_greeting_gives_nothing_and_thin_words_no_script(desk: Page) -> None:
    page = desk
    type_and_wait(page, "喂，你好，")
    expect(page.locator("#assist-status")).to_contain_text("请继续听")
    expect(page.locator("#top-card")).to_be_hidden()
    expect(page.locator("#workorder")).to_be_hidden()

    type_and_wait(page, "我想问一下办手续的事情")
    expect(page.locator("#top-answer")).to_have_text("信息不足，请继续听")
    expect(page.locator("#copy-btn")).to_be_disabled()
    expect(page.locator("#workorder")).to_be_hidden()
    page.screenshot(path=str(ROOT / "docs" / "img" / "agent-listen.png"))


def test_no_match_is_recorded_masked_for_staff(desk: Page) -> None:
    page = desk
    type_and_wait(page, "来电人：我电话13912345678，想问问养狗要办啥证")
    page.click("#nomatch-btn")
    expect(page.locator("#nomatch-note")).to_have_text("已记录，待工作人员核实补充")
    with get_sessionmaker()() as session:
        row = session.scalars(select(ChatLog).where(ChatLog.channel == "nomatch")
                              .order_by(ChatLog.id.desc())).first()
    assert row is not None and "养狗" in row.text and "13912345678" not in row.text
