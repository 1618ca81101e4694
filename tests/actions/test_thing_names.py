"""A thing's name asked (那个工作室叫什么): the plan may name it — quote the clause with 第N条;
only a person's name is a fact the plan never holds."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback
from tests.actions.test_plain_answers import ask


@pytest.mark.parametrize(("action", "intent"), [
    (ActionFallback(), "nlu_fallback"),
    (ActionAnswerService(), "ask_policy"),
])
def test_a_studio_named_after_a_judge_is_quoted_by_name(run_action, action, intent) -> None:
    text = "中院那个用法官名字命名、管立案审判执行衔接的工作室，全称是什么"
    reply = run_action(action, ask(text, intent)).texts[0]
    assert "未写明工作人员" not in reply and "第157条" in reply, reply
    assert "赵瑞琴法官工作室" in reply, reply


def test_a_persons_name_is_still_not_stated(run_action) -> None:
    text = "那个工作室的负责人叫什么名字"
    reply = run_action(ActionFallback(), ask(text, "nlu_fallback")).texts[0]
    assert "未写明" in reply and "姓名" in reply, reply
