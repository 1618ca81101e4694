"""Answer the aspect asked (issue 15): a detail question quotes the clause of the service's tasks
that addresses it, with its 第N条; a quoted figure carries the number of the task it comes from;
several services asked each in its own clause get a line each; an absent fact gets no figure."""

from __future__ import annotations

import re

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.plan import task
from tests.actions.conftest import CITE, FIGURE, question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "intent", "clause", "item"), [
    # the clause that addresses it, not the service's first or main one
    ("开公司能不能远程验证身份", "ask_howto", "提供人脸、远程等多种身份验证方式", 3),
    ("企业开办有办事指南吗", "ask_policy", "企业开办集成服务清单和办事指南", 15),
    ("用电报装超过160千瓦怎么办", "ask_howto", "160kW及以下小微企业用电报装", 42),
])
def test_detail_question_quotes_the_clause_with_its_number(run_action, text, intent, clause,
                                                           item) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent))
    reply = run.texts[0]
    assert run.messages[0]["response"] == "utter_detail"
    assert f"{clause}" in reply and f"（第{item}条）" in reply, reply
    assert clause in task(item).text  # quoted verbatim from that task
    assert run.cards[0]["citation"]["item"] == item
    assert uncited_figures(reply) == []


def test_time_limit_only_when_asked(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("企业开办有办事指南吗", "ask_policy"))
    assert "3个工作日" not in run.texts[0]


def test_service_named_alone_keeps_its_overview(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("企业开办", "inform_service"))
    assert run.messages[0]["response"] == "utter_overview"
    assert "3个工作日" in run.texts[0]


def test_figure_from_a_neighbouring_task_carries_its_number(run_action) -> None:
    # 企业开办 cites 第3条; its channels' 7×24小时 is 第2条's.
    run = run_action(ActionAnswerService(), ask("开公司在哪办", "ask_channel"))
    reply = run.texts[0]
    assert "7×24小时）（第2条）" in reply, reply
    assert "7×24小时" in task(2).text and "24小时" not in task(3).text
    assert uncited_figures(reply) == []
    assert any("第2条" in c for c in run.cards[0]["channels"])


def test_follow_up_detail_stays_on_the_service(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     ask("能远程验证身份吗", "ask_howto", service="company-registration"))
    assert run.cards[0]["slug"] == "company-registration"
    assert "远程等多种身份验证方式" in run.texts[0] and "第3条" in run.texts[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("企业开办要多久，用水报装呢", [("企业开办", "3个工作日", 3), ("用水报装", "5个工作日", 46)]),
    ("开公司要几天 接电要几天", [("企业开办", "3个工作日", 3), ("用电报装", "15个工作日", 42)]),
    ("企业开办多久？用水报装多久？", [("企业开办", "3个工作日", 3), ("用水报装", "5个工作日", 46)]),
])
def test_services_asked_each_in_its_clause_get_a_line_each(run_action, text, expected) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_time_limit"))
    assert run.messages[0]["response"] == "utter_several"
    lines = run.texts[0].split("\n")[1:]
    assert len(lines) == len(expected)
    for line, (name, figure, item) in zip(lines, expected, strict=True):
        assert name in line and figure in line and f"第{item}条" in line, line
    assert uncited_figures(run.texts[0]) == []


def test_each_service_gets_its_own_question(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("企业开办要多久，用水报装收费吗", "ask_time_limit"))
    first, second = run.texts[0].split("\n")[1:]
    assert "3个工作日" in first
    assert "取消报装费" in second and "第91条" in second and "工作日" not in second


@pytest.mark.parametrize("text", ["我开了公司，想问社保怎么交", "办营业执照需要交社保吗"])
def test_a_service_in_passing_is_not_several(run_action, text) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_howto"))
    assert run.messages[0]["response"] != "utter_several"


def test_another_years_figure_is_not_stated(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("2026年开公司还是3个工作日吗", "ask_time_limit"))
    reply = run.texts[0]
    assert "未写明" in reply and "12345" in reply and "州市场监督管理局" in reply
    assert FIGURE.findall(CITE.sub("", reply)) == []


def test_materials_question_says_no_complete_list_and_where_to_ask(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("企业开办要带哪些材料", "ask_materials"))
    reply = run.texts[0]
    assert reply.startswith("《行动方案》没有列出企业开办的完整材料清单")
    assert "12345" in reply and "住所" in reply and "第5条" in reply


@pytest.mark.parametrize("text", ["技能培训补贴一个人补多少", "首贷户贷款利率多少"])
def test_an_amount_the_quoted_clause_does_not_state_is_not_stated(run_action, text) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_policy"))
    reply = run.texts[0]
    assert run.messages[0]["response"] == "utter_not_in_plan"
    assert "未写明" in reply and "12345" in reply
    cited = r"12345|第\d+条|《行动方案（\d{4}—\d{4}年）》"
    assert re.findall(r"\d+", re.sub(cited, "", reply)) == []


def test_an_amount_the_plan_states_is_quoted(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("投标保证金比例多少", "ask_policy"))
    assert "低于2%" in run.texts[0] and "第23条" in run.texts[0]


def test_services_named_in_free_words_clause_by_clause(run_action) -> None:
    text = "网上立案审核几天，诉前调解最长多少天"
    run = run_action(ActionAnswerService(), ask(text, "ask_time_limit"))
    first, second = run.texts[0].split("\n")[1:]
    assert "7日" in first and "第142条" in first
    assert "30日" in second and "第143条" in second


@pytest.mark.parametrize("text", ["我们快递公司在县里有好几个网点 每个点都得单独办执照吗",
                                  "今天把开公司的材料都交上去了，大概哪天能拿证"])
def test_a_clause_that_tells_is_no_second_question(run_action, text) -> None:
    run = run_action(ActionAnswerService(), ask(text, "ask_time_limit"))
    assert run.messages[0]["response"] != "utter_several"


def test_a_clause_listing_each_services_figure_is_quoted_with_the_askers_figure_only(
        run_action) -> None:
    """第46条 lists 用水报装 5 and 燃气报装 10 working days in one clause: a detail question about
    燃气报装 quotes its own figure, never the other service's as if it were this one's."""
    run = run_action(ActionAnswerService(), ask("燃气报装是不是一站式服务", "ask_howto",
                                                "gas-connection"))
    reply = run.texts[0]
    assert run.messages[0]["response"] == "utter_detail", reply
    assert "一站式" in reply and "10个工作日" in reply and "5个工作日" not in reply
