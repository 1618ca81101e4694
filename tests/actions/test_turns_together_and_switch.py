"""Conversation turns: a together-question stays with the conversation's service and quotes the
clause that combines the two; 那<qualifier>的<this service's word>呢 switches to the service the
qualifier names; a waiver for those under a threshold is stated with whom it frees; a channel
answer cites the task that states the channel."""

from __future__ import annotations

import pytest

from tests.actions.conftest import follow_up, uncited_figures


@pytest.mark.parametrize(("service", "text", "phrase", "item"), [
    # 交税 names 办税缴费, but the question is whether it combines with 不动产登记.
    ("property-registration", "跟交税能一起办吗", "并行办理", "第111条"),
    ("new-format-food-filing", "能跟营业执照一起办吗", "多证合一", "第8条"),
    ("deregistration", "税务注销能一起办吗", "一网通办", "第13条"),
])
def test_a_together_question_stays_with_the_service(
    run_action, service: str, text: str, phrase: str, item: str,
) -> None:
    run = follow_up(run_action, service, text, intent="inform_service")
    reply = "\n".join(run.texts)
    assert run.slots["service"] == service
    assert phrase in reply and item in reply
    assert not uncited_figures(reply)


def test_a_qualifier_on_the_services_own_word_switches(run_action) -> None:
    run = follow_up(run_action, "credit-repair-dishonest", "那税务的失信名单呢")
    assert run.slots["service"] == "tax-credit-repair"


def test_the_same_word_without_a_qualifier_stays(run_action) -> None:
    run = follow_up(run_action, "credit-repair-dishonest", "那失信名单呢")
    assert run.slots["service"] == "credit-repair-dishonest"


def test_a_waiver_under_a_threshold_is_no_flat_free(run_action) -> None:
    run = follow_up(run_action, "electricity-connection", "要钱吗", intent="ask_fee")
    reply = "\n".join(run.texts)
    assert "零投资" in reply and "160kW及以下" in reply and "第42条" in reply
    assert not reply.startswith("免费")


def test_a_channel_answer_cites_the_task_that_states_it(run_action) -> None:
    run = follow_up(run_action, "gas-connection", "在哪办", intent="ask_channel",
                    question="time_limit")
    reply = "\n".join(run.texts)
    assert "一窗受理" in reply and "第45条" in reply


def test_an_open_question_naming_a_new_service_does_not_inherit_the_last_question(
        run_action) -> None:
    # 有啥服务 after 用地审批多久: what the plan offers 高压用户 (第42条 三省), not 多久 again.
    run = follow_up(run_action, "land-use-approval", "项目要接高压电，有啥服务",
                    intent="inform_service", question="time_limit")
    reply = "\n".join(run.texts)
    assert run.slots["service"] == "electricity-connection"
    assert "三省" in reply and "第42条" in reply
