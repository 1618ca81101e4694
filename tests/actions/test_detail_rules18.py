"""Detail and absent-fact rules found on dev_plan18 (issue 15, points 3 and 6), each asserted on
the rendered reply, in wordings of our own:
- how often a measure is done (隔多久核查一遍) is answered by the clause that says how often
  (第20条 每年对照开展核查), not by "no time limit";
- a unit price told to be confirmed (一吨水2块5，对吗) is neither confirmed nor denied: the plan
  states no price;
- a role asked together with a contact (负责人和电话是谁) is a person the plan does not name;
- the items of a list the plan only counts (那80个能查询的事项是哪些) are not listed;
- a material list asked of a clause that speaks of the materials without naming them;
- what a term the plan only names means (“166执行工作模式”分别指什么);
- a together-question naming a service outright (公司注销跟税务注销) gets that service's clause;
- an amount asked in one line of a several-services answer that the plan does not state."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.absent_facts import absent_fact
from services_catalog.question_cues import asks_frequency
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker
NOT_STATED = "《行动方案》未"


def reply(run_action, text: str, intent: str = "ask_policy") -> str:
    return "\n".join(run_action(ActionAnswerService(), ask(text, intent)).texts)


@pytest.mark.parametrize("text", [
    "相关部门隔多久会核查一遍？", "这种检查多长时间搞一次", "一年抽查几次？", "核查的频次是怎样的",
])
def test_how_often_is_a_frequency_question(text) -> None:
    assert asks_frequency(text)


@pytest.mark.parametrize("text", ["多久能办完？", "一次能办几件事", "几天能拿到执照"])
def test_how_long_is_no_frequency_question(text) -> None:
    assert not asks_frequency(text)


@pytest.mark.parametrize("intent", ["ask_policy", "ask_time_limit"])
def test_how_often_gets_the_clause_that_says_how_often(run_action, intent) -> None:
    text = "公共资源交易那块违规的招标条件，相关部门隔多久会核查一遍？"
    answer = reply(run_action, text, intent)
    assert "每年对照开展核查" in answer and "第20条" in answer, answer
    assert "办理时限" not in answer
    assert uncited_figures(answer) == []


@pytest.mark.parametrize("text", [
    "有人说我们这儿居民用水一吨2块5，这个说法对吗？",
    "听说非居民用电现在是8毛一度，是不是真的？",
])
def test_a_rumoured_unit_price_is_not_confirmed(run_action, text) -> None:
    assert absent_fact(text) == "price"
    answer = reply(run_action, text)
    assert "未写明" in answer and "价格" in answer and "12345" in answer, answer
    assert "2块5" not in answer and "8毛" not in answer
    assert uncited_figures(answer) == []


def test_a_unit_price_told_without_asking_is_no_question() -> None:
    assert absent_fact("我们这儿居民用水一吨2块5") is None


def test_a_role_asked_with_a_contact_is_a_person_not_stated(run_action) -> None:
    text = "涉税专属团队那边，负责人和电话是谁？"
    assert absent_fact(text) == "person"
    answer = reply(run_action, text)
    assert "未写明" in answer and "州税务局" in answer and "12345" in answer, answer


def test_the_items_of_a_counted_list_are_not_listed(run_action) -> None:
    answer = reply(run_action, "吉速办小程序那80个能查询的事项具体是哪些？")
    assert "80个事项可查询" in answer and "第67条" in answer, answer
    assert "未列出具体是哪些" in answer and "12345" in answer


def test_a_clause_naming_no_material_says_the_list_is_not_given(run_action) -> None:
    answer = reply(run_action, "裁员备案在网上报的话，具体得上传哪些材料？")
    assert "第28条" in answer, answer
    assert "未列出具体需要哪些材料" in answer and "州人社局" in answer and "12345" in answer


@pytest.mark.parametrize("text", ["法院常说的“166执行工作模式”是什么意思？",
                                  "166执行工作模式分别指什么？"])
def test_a_term_the_plan_only_names_is_not_explained(run_action, text) -> None:
    answer = reply(run_action, text)
    assert "第159条" in answer, answer
    assert "未写明它具体指什么" in answer and "12345" in answer


def test_a_together_question_naming_the_service_gets_its_clause(run_action) -> None:
    answer = reply(run_action, "公司注销跟税务那边的注销能一块儿办吗")
    assert "第13条" in answer and "一网通办" in answer, answer
    assert "第1条" not in answer


def test_an_unstated_amount_in_a_line_of_several_says_so(run_action) -> None:
    answer = reply(run_action, "州预算内前期费用每年给多少钱？用地审批要几天")
    assert "第73条" in answer and "未写明具体金额" in answer, answer
    assert "第111条" in answer and "10个工作日" in answer
    assert uncited_figures(answer) == []


def test_how_often_reads_the_plan_word_for_it(run_action) -> None:
    answer = reply(run_action, "双随机一公开那种抽查，频次是怎么定的？")
    assert "降低抽查比例和频次" in answer and "第117条" in answer, answer


def test_a_term_the_plan_explains_gets_the_explaining_clause(run_action) -> None:
    answer = reply(run_action, "供电公司说的三零是什么意思？")
    assert "“三零”（即零上门、零审批、零投资）" in answer and "第42条" in answer, answer
    assert "未写明它具体指什么" not in answer
