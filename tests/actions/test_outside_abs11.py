"""Facts the plan does not hold and everyday readings (issue 15): a year said short (二一年那会儿)
outside the plan's 2023—2025, a form's number, the members of a 名册, a paper left at home
(容缺受理's 先办后补), a child called 娃娃 going to school (随迁子女入学), a truck's weight told
(第82条 4.5吨以下…限行吨位). New wordings, none of a dev set."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.absent_facts import absent_fact
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize(("text", "kind"), [
    ("二一年那会儿用电报装要几天", "year"),
    ("一九年底的时候办执照要多久", "year"),
    ("20年以前燃气报装要多少天", "year"),
    ("用工备案用的表格编号是多少", "form"),
    ("有没有统一的申请书范本编号", "form"),
])
def test_an_absent_kind_is_heard(text, kind) -> None:
    assert absent_fact(text) == kind


@pytest.mark.parametrize("text", [
    "经营了20年的企业能享受什么",  # a count of years, not a year
    "一二年就能办好吗",  # 一两年
    "二十二年老厂想改制",
    "二三年的时候用电报装要几天",  # a year of the plan
    "统一社会信用代码在哪查",
])
def test_no_absent_kind_is_made_up(text) -> None:
    assert absent_fact(text) is None


def test_an_earlier_year_said_short_is_not_stated(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("二一年那会儿建设项目审批一般要多少天", "ask_time_limit")).texts[0]
    assert "未写明" in reply and "12345" in reply, reply
    assert uncited_figures(reply) == []


def test_a_form_number_is_not_stated(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("电子劳动合同的范本编号是多少", "ask_policy")).texts[0]
    assert "未写明" in reply and "编号" in reply and "州人社局" in reply, reply


def test_the_members_of_a_register_are_not_listed(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("破产管理人名册上都有哪些机构", "ask_policy")).texts[0]
    assert "未列出" in reply and "第140条" in reply and "州中级人民法院" in reply, reply


def test_a_paper_left_at_home_is_accepted_first(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("去办事证明忘带了一份 是不是得白跑一趟", "nlu_fallback")).reply
    assert "第74条" in reply and "先办后补" in reply, reply


def test_a_childs_school_in_a_home_word(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("闺女跟着我过来了，能在这边念书吗", "ask_policy")).reply
    assert "第55条" in reply and "随迁子女" in reply, reply


def test_a_trucks_weight_picks_the_tonnage_clause(run_action) -> None:
    reply = run_action(ActionAnswerService(),
                       ask("三吨的厢式货车进城限行吗", "ask_policy")).reply
    assert "4.5吨" in reply and "第82条" in reply, reply


@pytest.mark.parametrize("text", [
    "打赢了官司，对方的钱一直拖着不给，法院有什么办法吗？",
    "判决都下来了钱一分没拿到，执行能不能快点",
])
def test_money_owed_is_no_amount_asked(run_action, text) -> None:
    # 钱一直…/钱一分 tells money not paid: the enforcement clause, not "no amount is stated".
    reply = run_action(ActionAnswerService(), ask(text, "ask_policy")).texts[0]
    assert "具体金额" not in reply and "收费标准" not in reply
    assert "第159条" in reply or "第161条" in reply
    assert not uncited_figures(reply)
