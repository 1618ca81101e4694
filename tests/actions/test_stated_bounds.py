"""An amount the plan does state is never called unstated: a bound asked of a matter (多少钱以下,
金额上限 — 第21条 200万元以下的货物、服务和400万元以下的工程) is quoted, whatever generic noun
the question puts after the thing (工程项目) and whichever question type the NLU gave it. A price
the plan does not state is still "未写明" (the rule only lets a stating quote stand)."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "intent", "figure"), [
    ("政府采购给中小企业预留的工程项目，金额上限定的是多少？", "ask_policy", "400万元以下的工程"),
    ("政府采购给中小企业预留的工程项目，金额上限定的是多少？", "ask_fee", "400万元以下的工程"),
    ("专门面向中小微企业的采购，货物项目多少钱以下才算？", "ask_fee", "200万元以下的货物"),
    ("留给中小企业的政府采购工程项目金额上限是多少", "ask_policy", "400万元以下的工程"),
    ("专门面向中小微企业的采购，货物项目多少钱以下才算？", "ask_policy", "200万元以下的货物"),
])
def test_a_stated_bound_is_quoted_not_called_unstated(run_action, text, intent, figure) -> None:
    reply = run_action(ActionAnswerService(), ask(text, intent)).texts[0]
    assert figure in reply and "第21条" in reply, reply
    assert "未写明" not in reply
    assert uncited_figures(reply) == []


def test_an_unstated_price_is_still_unstated(run_action) -> None:
    text = "注册公司时刻一套公章大概要多少钱"
    reply = run_action(ActionAnswerService(), ask(text, "ask_fee")).texts[0]
    assert "未写明" in reply and "12345" in reply, reply
    assert uncited_figures(reply) == []
