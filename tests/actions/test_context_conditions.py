"""A follow-up stating a condition or asking a detail stays on the conversation's service, even
when the NLU calls it out of scope or cannot place it; a condition alone never switches."""

from __future__ import annotations

import re

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


# Follow-ups the NLU could not place or filed elsewhere: words of the service's own clauses, a
# bare amount, a case its variants do not name (dev_plan conversations c008, c011, c019, c025,
# c026, c027, c028 and old dev3 饭馆接燃气-收费-投诉).

@pytest.mark.parametrize(("service", "text", "intent", "task"), [
    ("gas-connection", "价格公开吗", "ask_fee", "第45条"),  # not 双随机、一公开
    ("property-preservation", "还有别的担保方式吗", "nlu_fallback", "第160条"),
    ("jisuban-miniprogram", "网上办理比例有多少", "ask_channel", "95%"),
])
def test_words_of_the_services_own_clauses_stay_on_it(run_action, service, text, intent,
                                                      task) -> None:
    action = ACTIONS.get(intent, ActionAnswerService)()
    run = run_action(action, after(service, text, intent))
    assert run.cards[0]["slug"] == service
    assert task in run.texts[0]


@pytest.mark.parametrize(("service", "text", "intent"), [
    ("low-risk-project", "多大面积算", "out_of_scope"),
    ("bid-deposit", "最多交多少", "nlu_fallback"),
    ("new-format-food-filing", "卖现做咖啡的呢", "out_of_scope"),
])
def test_a_bare_amount_or_case_stays_on_the_service(run_action, service, text, intent) -> None:
    run = run_action(ACTIONS[intent](), after(service, text, intent))
    assert run.cards and run.cards[0]["slug"] == service, run.texts


@pytest.mark.parametrize(("service", "text", "quoted"), [
    ("electricity-connection", "我们是高压用户", "省力、省时、省钱"),
    ("notary-cross-province", "我们是小微企业", "中小微企业绿色通道"),
])
def test_a_case_no_variant_names_is_answered_by_its_clause(run_action, service, text,
                                                           quoted) -> None:
    run = run_action(ActionAnswerService(), after(service, text, "inform_condition"))
    assert run.cards[0]["slug"] == service
    assert quoted in run.texts[0] and "请问您属于哪一种" not in run.texts[0]


def test_a_condition_after_a_fee_answer_picks_the_time_limit_variant(run_action) -> None:
    tracker = after("electricity-connection", "我们是小微企业，功率100千瓦", "inform_condition")
    tracker.slots["question"] = "fee"
    run = run_action(ActionAnswerService(), tracker)
    assert "15个工作日" in run.texts[0] and "零上门、零审批、零投资" in run.texts[0]
    assert run.slots["condition"] == "非居民"


def test_a_condition_named_with_a_detail_question_is_remembered(run_action) -> None:
    tracker = after("property-registration", "那新能源项目用地审批呢", "inform_service")
    tracker.slots["question"] = "channel"
    run = run_action(ActionAnswerService(), tracker)
    assert run.slots["service"] == "land-use-approval"
    assert run.slots["condition"] == "新能源等绿色低碳、节能环保项目"


def test_a_weak_entity_gives_way_to_the_service_the_words_read_as(run_action) -> None:
    tracker = after("gas-connection", "投诉燃气公司有用吗", "nlu_fallback")
    tracker.latest_message["entities"] = [{"entity": "service", "value": "gas-connection"}]
    run = run_action(ActionFallback(), tracker)
    assert run.cards[0]["slug"] == "utility-complaint"


@pytest.mark.parametrize("text", ["好的", "挺好的", "是的"])
def test_an_acknowledgement_is_no_stated_case(run_action, text: str) -> None:
    run = run_action(ActionSmallTalk(), after("first-loan-renewal", text, "out_of_scope"))
    assert not run.cards, run.texts


def test_another_service_named_in_the_words_still_switches(run_action) -> None:
    # 第46条 mentions 燃气 too, but 燃气 names 燃气报装: the follow-up leaves 用水报装.
    run = run_action(ActionAnswerService(), after("water-connection", "那燃气呢",
                                                  "inform_service"))
    assert run.cards[0]["slug"] == "gas-connection"


@pytest.mark.parametrize(("condition", "figure", "other"), [
    ("非居民", "15个工作日", r"(?<!\d)5个工作日"), ("居民", "5个工作日", "15个工作日"),
])
def test_the_condition_button_answers_with_its_variant_only(run_action, condition, figure,
                                                            other) -> None:
    """The button under "请问您属于哪一种？" sends a payload, not words: the reply is that
    variant's time limit, not a clause that happens to name the variant (and the other's days)."""
    payload = f'/inform_condition{{"condition": "{condition}"}}'
    tracker = after("electricity-connection", payload, "inform_condition")
    tracker.latest_message["entities"] = [{"entity": "condition", "value": condition}]
    text = run_action(ActionAnswerService(), tracker).texts[0]
    assert f"（{condition}）的承诺办理时限是{figure}" in text and not re.search(other, text), text
