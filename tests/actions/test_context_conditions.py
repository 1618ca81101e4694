"""A follow-up stating a condition or asking a detail stays on the conversation's service, even
when the NLU calls it out of scope or cannot place it; a condition alone never switches."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionSmallTalk
from tests.actions.conftest import load_tracker

ACTIONS = {"inform_condition": ActionAnswerService, "out_of_scope": ActionSmallTalk,
           "nlu_fallback": ActionFallback, "greet": ActionSmallTalk}


def after(service: str, text: str, intent: str):
    return load_tracker(
        "followup_gas", sender_id=f"ctx-{abs(hash((service, text, intent)))}",
        slots={"service": service, "question": "time_limit", "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.6},
                        "entities": []},
    )


@pytest.mark.parametrize("intent", ["inform_condition", "out_of_scope", "nlu_fallback"])
def test_non_resident_after_gas_stays_on_gas(run_action, intent: str) -> None:
    run = run_action(ACTIONS[intent](), after("gas-connection", "我们是非居民用户", intent))
    assert run.cards[0]["slug"] == "gas-connection"
    assert "10个工作日" in run.texts[0] and "15个工作日" not in run.texts[0]
    assert run.slots["service"] == "gas-connection"


@pytest.mark.parametrize(("service", "text", "intent", "figure"), [
    ("electricity-connection", "我们是企业", "nlu_fallback", "15个工作日"),
    ("electricity-connection", "我们是饭馆", "out_of_scope", "15个工作日"),
    ("electricity-connection", "我家是自住房", "nlu_fallback", "5个工作日"),
    ("construction-approval", "一般社会投资的", "out_of_scope", "50个工作日"),
    ("water-connection", "我们是商铺", "nlu_fallback", "5个工作日"),
])
def test_a_condition_picks_the_variant_of_the_service_at_hand(run_action, service, text,
                                                              intent, figure) -> None:
    run = run_action(ACTIONS[intent](), after(service, text, intent))
    assert run.cards[0]["slug"] == service
    assert figure in run.texts[0]


@pytest.mark.parametrize(("service", "text", "intent"), [
    ("company-registration", "被驳回了怎么办", "nlu_fallback"),
    ("electricity-connection", "那要是超过160千瓦呢", "nlu_fallback"),
    ("water-connection", "如果是新建小区呢", "out_of_scope"),
])
def test_a_detail_question_stays_on_the_service(run_action, service, text, intent) -> None:
    run = run_action(ACTIONS[intent](), after(service, text, intent))
    assert run.cards and run.cards[0]["slug"] == service, run.texts


def test_out_of_scope_small_talk_in_a_conversation_stays_small_talk(run_action) -> None:
    run = run_action(ActionSmallTalk(), after("gas-connection", "现在几点了", "out_of_scope"))
    assert run.messages[0]["response"] == "utter_out_of_scope" and not run.cards


def test_naming_another_service_still_switches(run_action) -> None:
    tracker = after("gas-connection", "那用电报装呢", "inform_service")
    run = run_action(ActionAnswerService(), tracker)
    assert run.cards[0]["slug"] == "electricity-connection"
