"""Conversation turns that tell or ask about the case at hand: a message the NLU files as a
complaint without voicing a grievance stays on the service; a stated case is answered by the
clause about it; a follow-up the service does not address goes to a related service whose
clause does; a generic alias the conversation's clause answers does not switch."""

from __future__ import annotations

import pytest

from services_catalog.question_cues import voices_grievance
from tests.actions.conftest import follow_up, load_tracker, uncited_figures


@pytest.mark.parametrize("text", [
    "我们已经把钱都还了", "人数挺多的，几十个人", "要是工资拖欠了会咋样", "交易和交税要跑几个窗口",
])
def test_a_case_told_is_no_grievance(text: str) -> None:
    assert not voices_grievance(text)


@pytest.mark.parametrize("text", [
    "办事太慢了我要投诉", "一直拖着不给办", "跑了好几趟都没办成", "为什么一直不给办",
    "停水三天了都没人来修", "窗口让我去税务，税务又让我回窗口",
])
def test_a_grievance_is_one(text: str) -> None:
    assert voices_grievance(text)


def complaint_follow_up(run_action, service: str, text: str):  # noqa: ANN201 (conftest's Run)
    from actions.conversation import ActionHandoff  # noqa: PLC0415 (only these tests)

    tracker = load_tracker(
        "company_time_limit",
        slots={"service": service, "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": "complaint", "confidence": 0.6},
                        "entities": []},
    )
    return run_action(ActionHandoff(), tracker)


@pytest.mark.parametrize(("service", "text", "phrase", "item"), [
    ("labor-dispute", "人数挺多的，几十个人", "24小时报告制度", "第27条"),
    ("bankruptcy", "那种没人没钱没账的空壳公司呢", "三无", "第139条"),
    ("property-registration", "交易和交税要跑几个窗口", "一窗受理", "第111条"),
    ("migrant-wage-deposit", "要是工资拖欠了会咋样", "市场准入", "第95条"),
])
def test_a_follow_up_filed_as_a_complaint_is_answered(
    run_action, service: str, text: str, phrase: str, item: str,
) -> None:
    run = complaint_follow_up(run_action, service, text)
    reply = "\n".join(run.texts)
    assert "很抱歉给您带来不便" not in reply
    assert phrase in reply and item in reply
    assert not uncited_figures(reply)


def test_a_grievance_in_a_conversation_keeps_the_hand_off(run_action) -> None:
    run = complaint_follow_up(run_action, "water-connection", "说好五个工作日，拖了半个月")
    assert run.messages[0]["response"] == "utter_complaint"


@pytest.mark.parametrize(("service", "text", "slug", "item"), [
    ("random-inspection", "要是有点小毛病被查出来呢", "minor-violation-exemption", "第130条"),
    ("online-case-filing", "材料不全咋办", "online-case-filing", "第142条"),
    ("simple-deregistration", "税务注销能一起办吗", "deregistration", "第13条"),
])
def test_a_follow_up_goes_where_a_clause_answers_it(
    run_action, service: str, text: str, slug: str, item: str,
) -> None:
    run = follow_up(run_action, service, text)
    assert run.slots["service"] == slug
    assert item in "\n".join(run.texts)


def test_online_at_night_is_no_office_hours_question(run_action) -> None:
    run = follow_up(run_action, "company-registration", "能网上办吗，晚上也能提交不",
                    intent="ask_channel", question="time_limit")
    reply = "\n".join(run.texts)
    assert "全流程网办" in reply and "第2条" in reply


def test_online_without_channels_quotes_the_clause(run_action) -> None:
    run = follow_up(run_action, "notary-green-channel", "能网上办吗", intent="ask_channel")
    reply = "\n".join(run.texts)
    assert "网上办证" in reply and "第145条" in reply


def test_an_alias_of_the_service_asked_about_gets_its_clause(run_action) -> None:
    """那限制高消费呢 after a how-long answer of 失信信息删除与信用修复 (限制高消费 is its alias):
    its words settle no question type; 第152条 answers it, not the 3日 time limit again."""
    run = follow_up(run_action, "credit-repair-dishonest", "那限制高消费呢，法院会不会乱限",
                    intent="ask_time_limit", question="time_limit")
    reply = "\n".join(run.texts)
    assert "限制高消费措施" in reply and "第152条" in reply
