"""Figures the plan does not give, asked in ways the amount and year checks missed (dev_plan31's
kinds): a figure heard and put to the assistant to confirm, a case the clause's figure excepts
(除…外), a step after the one the time limit is for, a fine or a refund asked how much. Each gets
"the plan does not state it" and where to ask — never a figure that could read as a yes. The
wordings are new, not the set's."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.absent_facts import claimed_figures
from tests.actions.conftest import question_tracker, uncited_figures

NOT_STATED = "未写明"


@pytest.mark.parametrize(("text", "figures"), [
    ("听说首贷的利率只有2.8%，是真的吗", ["2.8"]),
    ("有人说公证加急要另交300元，对不对", ["300"]),
    ("企业开办要3个工作日吧", []),  # no hearsay: a statement of what the asker believes
    ("我们投了500万，用电报装要多久", []),  # a figure told, no claim to confirm
    ("听说2024年起有新政策，对吗", []),  # a year is no figure
])
def test_the_figures_put_forward_to_confirm(text: str, figures: list[str]) -> None:
    assert claimed_figures(text) == figures


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("听说公证绿色通道出证要另收150元加急费，是这样吗", "ask_fee", "notary-green-channel"),
    ("朋友说企业开办现在半天就是2个工作日能拿照，真的假的", "ask_time_limit",
     "company-registration"),
])
def test_a_figure_heard_that_the_plan_does_not_give(run_action, text: str, intent: str,
                                                    service: str) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, intent, service))
    reply = run.reply
    assert NOT_STATED in reply and "12345" in reply
    assert "150元" not in reply and "2个工作日" not in reply  # the heard figure is not echoed
    assert not uncited_figures(reply)


def test_a_figure_heard_that_the_plan_gives_is_answered(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "听说开公司3个工作日就能办完，对吗", "ask_time_limit", "company-registration"))
    assert "3个工作日" in run.reply and "第3条" in run.reply
    assert NOT_STATED not in run.reply


def test_the_case_a_clause_excepts_gets_no_other_cases_figure(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "我们是重大工程建设项目，政府投资的，审批能在几个工作日办完", "ask_time_limit",
        "construction-approval"))
    reply = run.reply
    assert NOT_STATED in reply and "除重大工程建设项目外" in reply and "第88条" in reply
    assert "哪一种" not in reply  # not asked which kind: the plan leaves this kind out
    assert not uncited_figures(reply)


def test_a_step_after_the_limit_is_not_that_limit(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "调解不成立案以后，大概多少天能判出来", "ask_time_limit", "pre-litigation-mediation"))
    assert NOT_STATED in run.reply and "判出来" in run.reply and "第143条" in run.reply


def test_a_fine_asked_how_much_is_not_stated(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "年报要是逾期没报，罚款是多少", "ask_policy", "annual-report"))
    assert NOT_STATED in run.reply and "12345" in run.reply
    assert not uncited_figures(run.reply)


def test_same_day_asked_of_a_limit_in_days(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "用水报装能不能加急，当天就接通", "ask_time_limit", "water-connection"))
    reply = run.reply
    assert NOT_STATED in reply and "当天办结" in reply and "12345" in reply
    assert not uncited_figures(reply)

