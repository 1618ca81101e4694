"""A detail question whose speaker first says who they are (issue 16, dev_plan16 detail): the
self-introduction (我们是一家小型建筑公司) names a life event, but the message asks a detail a
clause of the service it names answers (第21条 400万元以下的工程) — that clause, not the
checklist. A self-introduced request for the procedures still gets the checklist."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


def test_a_self_introduced_threshold_question_gets_the_clause(run_action) -> None:
    text = ("我们是一家小型建筑公司，上次饭桌上听几个老板聊起来，说政府采购给中小企业留的"
            "只有300万以下，工程类项目也卡这个数吗？")
    reply = run_action(ActionAnswerService(), ask(text, "ask_policy")).texts[0]
    assert "400万元以下的工程" in reply and "第21条" in reply, reply
    assert "一般要办以下事项" not in reply
    assert uncited_figures(reply) == []


@pytest.mark.parametrize("text", [
    "我们是一家小型建筑公司，我们想接政府的活，要办哪些手续？",
    "我们是一家建筑公司，想接政府的工程，要准备什么？",
])
def test_a_self_introduced_procedures_question_keeps_the_checklist(run_action, text) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_howto")).texts[0]
    assert "承接工程一般要办以下事项" in reply, reply
