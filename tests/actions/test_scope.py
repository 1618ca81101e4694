"""Questions about other regions: a polite scope reply with 12345, no 昌吉 figure, no buttons."""

from __future__ import annotations

import re

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionSmallTalk
from tests.actions.conftest import load_tracker

FIGURE = re.compile(r"\d+个?工作日|\d+万元|\d+%")


def message(text: str, intent: str, entities: list | None = None) -> dict:
    return {"text": text, "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or []}


def assert_scope_reply(run, region: str) -> None:
    assert [m["response"] for m in run.messages] == ["utter_other_region"]
    text = run.texts[0]
    assert region in text and "昌吉州" in text and "12345" in text
    assert not FIGURE.search(text)
    assert not run.cards and not run.messages[0].get("buttons")


@pytest.mark.parametrize(("action", "text", "intent", "region"), [
    (ActionAnswerService(), "北京开公司要几天", "ask_time_limit", "北京"),
    (ActionAnswerService(), "上海用电报装多久", "ask_time_limit", "上海"),
    (ActionSmallTalk(), "克拉玛依的企业有啥扶持政策", "out_of_scope", "克拉玛依"),
    (ActionFallback(), "伊犁咋办执照", "nlu_fallback", "伊犁"),
    (ActionSmallTalk(), "你好，喀什开饭馆要多久", "greet", "喀什"),
])
def test_other_region_gets_the_scope_reply(run_action, action, text, intent, region) -> None:
    entities = ([{"entity": "service", "value": "company-registration"}]
                if "开公司" in text else [])
    tracker = load_tracker("company_time_limit", latest_message=message(text, intent, entities))
    assert_scope_reply(run_action(action, tracker), region)


def test_a_follow_up_about_another_region_does_not_repeat_our_figure(run_action) -> None:
    tracker = load_tracker(
        "followup_gas",
        slots={"service": "gas-connection", "question": "time_limit", "condition": None,
               "misses": 0},
        latest_message=message("乌鲁木齐燃气报装也这么快吗", "ask_time_limit"),
    )
    run = run_action(ActionAnswerService(), tracker)
    assert_scope_reply(run, "乌鲁木齐")


def test_a_changji_county_is_answered_with_the_figure(run_action) -> None:
    tracker = load_tracker(
        "company_time_limit",
        latest_message=message("阜康开公司要几天", "ask_time_limit",
                               [{"entity": "service", "value": "company-registration"}]),
    )
    run = run_action(ActionAnswerService(), tracker)
    assert "3个工作日" in run.texts[0] and run.cards[0]["slug"] == "company-registration"


@pytest.mark.parametrize(("text", "region"), [
    ("昌吉投标保证金上限是80万元，哈密也一样吗", "哈密"),
    ("昌吉规定用水报装3个工作日通水，阿勒泰也这样吗", "阿勒泰"),
])
def test_changjis_figure_stated_to_ask_another_region_gets_the_scope_reply(run_action, text,
                                                                           region) -> None:
    # 昌吉's figure is recalled, the question is the other region's: no figure repeated.
    tracker = load_tracker("company_time_limit", latest_message=message(text, "ask_policy"))
    assert_scope_reply(run_action(ActionAnswerService(), tracker), region)


def test_a_count_of_ones_own_in_changji_is_no_recall() -> None:
    from services_catalog.scope import other_region

    assert other_region("我在昌吉有3家店，乌鲁木齐的客户要发票怎么办") is None


@pytest.mark.parametrize(("text", "region"), [
    ("新疆别的地区办用水报装也是这么快吗", "其他地区"),
    ("昌吉州以外的法院网上立案要几天", "其他地区"),
    ("自治区的规定里用电报装是几个工作日", "自治区"),
    ("米泉那边开公司几天能办好", "米泉"),
])
def test_a_place_named_as_not_here_gets_the_scope_reply(run_action, text, region) -> None:
    tracker = load_tracker("company_time_limit", latest_message=message(text, "ask_time_limit"))
    assert_scope_reply(run_action(ActionAnswerService(), tracker), region)


@pytest.mark.parametrize("text", [
    "昌吉州以外的企业来这边投资能享受吗",  # a business from there, asking about here
    "依托自治区统一的平台能网上办吗",  # the plan's own platform
])
def test_elsewhere_said_of_a_business_or_platform_stays_in_scope(text) -> None:
    from services_catalog.scope import other_region

    assert other_region(text) is None
