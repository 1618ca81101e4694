"""Plain answers: 要钱吗 gets 免费 / 不收费 / 未规定收费标准 first; a fact the plan does not hold
(phone, person, price, address, hours) gets 《行动方案》未写明 and where to ask — never a figure,
never "which service?"."""

from __future__ import annotations

import re

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionSmallTalk
from tests.actions.conftest import load_tracker


def ask(text: str, intent: str, service: str | None = None, slot: str | None = None) -> object:
    entities = [{"entity": "service", "value": service}] if service else []
    return load_tracker(
        "company_time_limit", sender_id=f"plain-{abs(hash(text))}",
        slots={"service": slot, "question": None, "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9},
                        "entities": entities},
    )


def figures_besides_hotline_and_citation(text: str) -> list[str]:
    return re.findall(r"\d+", re.sub(r"12345|（\d{4}—\d{4}年）|第\d+条", "", text))


@pytest.mark.parametrize(("text", "slug", "first_words"), [
    ("开公司要钱吗", "company-registration", "免费。"),
    ("注销公告要交钱吗", "deregistration-notice", "免费。"),
    ("水电气接入要交开口费吗", "utility-access", "不收费。"),
    # 第91条 cancels 报装费、开口费、开户费、接入费 for water, power and gas connections
    ("燃气报装要交钱吗", "gas-connection", "不收费。"),
    ("接自来水收费吗", "water-connection", "不收费。"),
])
def test_fee_question_is_answered_plainly_first(run_action, text, slug, first_words) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_fee", slug))
    assert run.cards[0]["slug"] == slug
    assert run.texts[0].startswith(first_words), run.texts[0]


def test_how_much_with_the_plans_own_figures_quotes_them(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("投标保证金交多少", "ask_fee", "bid-deposit"))
    assert "2%" in run.texts[0] and "80万元" in run.texts[0] and "第23条" in run.texts[0]


def test_unstated_fee_says_where_to_ask_and_no_figure(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("燃气报装多少钱", "ask_fee", "gas-connection"))
    text = run.texts[0]
    assert "12345" in text and "州住建局" in text
    assert not figures_besides_hotline_and_citation(text), text


@pytest.mark.parametrize(("text", "intent", "slot", "missing"), [
    ("燃气公司电话多少", "ask_department", "gas-connection", "联系电话"),
    ("那你们负责人是谁", "ask_department", "gas-connection", "负责人"),
    ("不动产登记中心地址是什么", "ask_channel", "property-registration", "办公地址"),
    ("周末能办吗", "ask_channel", "gas-connection", "办公时间"),
    ("一方水多少钱", "ask_fee", "water-connection", "价格"),
])
def test_a_fact_the_plan_does_not_hold_gets_not_stated_and_where_to_ask(
    run_action, text, intent, slot, missing,
) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent, slot=slot))
    reply = run.texts[0]
    assert run.messages[0]["response"] == "utter_not_in_plan", reply
    assert reply.startswith("《行动方案》未写明") and missing in reply
    assert "12345" in reply and run.cards[0]["lead_unit"] in reply
    assert not figures_besides_hotline_and_citation(reply.split("\n")[0]), reply


def test_round_the_clock_service_answers_the_hours_with_its_channels(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("周末能办吗", "ask_channel",
                                                slot="company-registration"))
    assert "7×24小时" in run.texts[0]


@pytest.mark.parametrize(("action", "text", "intent"), [
    (ActionSmallTalk(), "你们局长叫什么名字", "out_of_scope"),
    # 办事大厅 reads as 特种行业与保安服务许可 by free text only: no service is named
    (ActionFallback(), "办事大厅几点开门", "nlu_fallback"),
    (ActionAnswerService(), "接待我的工作人员叫什么", "ask_department"),
])
def test_no_service_still_gets_not_stated_never_which_service(run_action, action, text,
                                                               intent) -> None:
    run = run_action(action, ask(text, intent))
    assert [m["response"] for m in run.messages] == ["utter_not_in_plan_general"], run.texts
    assert "未写明" in run.texts[0] and "12345" in run.texts[0]
    assert "哪项业务" not in run.texts[0]


@pytest.mark.parametrize(("action", "text", "intent"), [
    (ActionAnswerService(), "你们的联系方式是什么", "ask_department"),
    (ActionSmallTalk(), "有事想跟政府反映 打哪个电话", "out_of_scope"),
])
def test_a_phone_number_with_no_service_in_view_is_12345(run_action, action, text,
                                                        intent) -> None:
    run = run_action(action, ask(text, intent))
    assert run.cards[0]["slug"] == "hotline-12345" and "12345" in run.texts[0]


@pytest.mark.parametrize(("text", "slug", "first_words"), [
    ("注册公司在网上能办不", "company-registration", "可以。"),
    ("燃气报装能网上办吗", "gas-connection", "《行动方案》未写明燃气报装能否网上办理"),
])
def test_can_i_apply_online_is_answered_yes_or_not_stated_first(run_action, text, slug,
                                                               first_words) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_channel", slug))
    assert run.cards[0]["slug"] == slug
    assert run.texts[0].startswith(first_words), run.texts[0]
