"""The 12345 agent console at 1366×768: the life-event checklist (each step's service, 时限 and
第N条) and the collapsed 依据与候选 section (/api/assist's `explain`), opened from the keyboard.
The screenshots docs/img/agent-explain.png and agent-checklist.png are written here."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bot.launcher import ROOT
from tests.browser.test_agent_workorder import desk, type_and_wait  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def open_explain_from_keyboard(page: Page) -> None:
    summary = page.locator("#explain-summary")
    expect(summary).to_be_visible()
    expect(page.locator("#explain")).not_to_have_attribute("open", "")  # collapsed at first
    expect(page.locator("#explain-body")).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#explain-body")).to_be_visible()


def test_explain_shows_candidates_scores_and_clauses_on_demand(desk: Page) -> None:  # noqa: F811
    page = desk
    type_and_wait(page, "开公司能不能远程验证身份")
    expect(page.locator("#top-card")).to_have_attribute("data-slug", "company-registration")
    expect(page.locator("#checklist")).to_be_hidden()  # one service: no checklist
    open_explain_from_keyboard(page)
    body = page.locator("#explain-body")
    row = body.locator('tr[data-slug="company-registration"]')
    expect(row).to_contain_text("企业开办")
    expect(row).to_contain_text("已推荐")
    assert re.fullmatch(r"[01]\.\d\d", row.locator("td.num").inner_text()), "a 0–1 score"
    clauses = body.locator('.evidence-group[data-slug="company-registration"] .clause')
    expect(clauses.first).to_contain_text("第3条")
    expect(clauses.first).to_contain_text("远程等多种身份验证方式")
    page.locator("#explain-summary").blur()  # the picture without the focus ring
    page.screenshot(path=str(ROOT / "docs" / "img" / "agent-explain.png"), full_page=True)
    page.locator("#explain-summary").focus()
    page.keyboard.press("Enter")  # and closes again
    expect(body).to_be_hidden()

    type_and_wait(page, "开公司和接水分别要多久")
    expect(page.locator("#explain-summary")).to_be_visible()
    page.locator("#explain-summary").click()
    expect(page.locator(".explain-several")).to_have_text(re.compile("企业开办\\s*用水报装"))


def test_life_event_checklist_and_its_explain(desk: Page) -> None:  # noqa: F811
    page = desk
    type_and_wait(page, "来电人：我想开个饭馆，要办哪些手续")
    checklist = page.locator("#checklist")
    expect(checklist).to_be_visible()
    expect(page.locator("#checklist-name")).to_have_text("开饭馆")
    steps = checklist.locator(".step")
    expect(steps.first).to_contain_text("企业开办")
    expect(steps.first).to_contain_text("3个工作日")
    expect(steps.first).to_contain_text("第3条")
    power = checklist.locator('.step[data-slug="electricity-connection"]')
    expect(power).to_contain_text("非居民：15个工作日")
    expect(power).to_contain_text("第42条")
    expect(checklist.locator('.step[data-slug="address-commitment"]')).to_contain_text(
        "方案未规定时限")
    expect(page.locator("#assist-status")).to_contain_text("请按办事清单答复")

    suggestions = [page.locator("#top-card").get_attribute("data-slug"),
                   *page.locator("#other-cards .candidate").evaluate_all(
                       "cs => cs.map(c => c.dataset.slug)")]
    assert suggestions[0] == "company-registration"  # the checklist's order: nothing named
    expect(page.locator("#top-confidence")).to_be_hidden()  # steps, not rival guesses
    page.screenshot(path=str(ROOT / "docs" / "img" / "agent-checklist.png"))

    page.click("#copy-checklist-btn")
    expect(page.locator("#copy-checklist-btn")).to_have_text("已复制")
    clip = page.evaluate("navigator.clipboard.readText()")
    assert "1. 企业开办：承诺时限3个工作日（第3条）" in clip

    open_explain_from_keyboard(page)
    # 要办哪些手续 matches no clause of any step: said once, the steps' 第N条 stand
    expect(page.locator("#explain-body .evidence-none")).to_contain_text("依据见清单与卡片")
