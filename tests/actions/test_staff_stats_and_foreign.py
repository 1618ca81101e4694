"""Absent facts of new kinds and other regions asked in new ways (wordings of no dev set): a
staff count, a statistic, a role ending in 员, who built a platform, a fee of a person; a
question for such a fact read as a grievance; a foreign country asked about; another region
asked in its own clause after 昌吉 sets the scene. Each asserts the reply the user sees."""

from __future__ import annotations

import re

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionHandoff
from tests.actions.conftest import load_tracker
from tests.actions.test_plain_answers import ask, figures_besides_hotline_and_citation
from tests.actions.test_scope import assert_scope_reply, message


def assert_not_stated(run, missing: str, service: str | None = None) -> str:
    reply = next(t for t in run.texts if "未写明" in t)
    assert reply.startswith("《行动方案》未写明") and missing in reply, reply
    assert "12345" in reply
    assert not figures_besides_hotline_and_citation(reply.split("\n")[0]), reply
    if service is not None:
        assert run.cards and run.cards[0]["slug"] == service
        assert re.search(r"第\d+条", reply), reply
    return reply


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("涉税专属服务团队配了多少人", "ask_department", "tax-dedicated-service"),
    ("金融辅导员总共有几个人啊", "ask_fee", "financial-counselor"),  # not a fee
    ("企业开办窗口有几名工作人员？", "ask_channel", "company-registration"),
])
def test_a_staff_count_no_clause_states_is_not_stated(run_action, text, intent,
                                                      service) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent, service))
    reply = assert_not_stated(run, "人员数量", service)
    assert "收费" not in reply


def test_a_staff_count_a_clause_states_is_quoted(run_action) -> None:
    run = run_action(ActionAnswerService(), ask("公证绿色通道要求公证处至少有几名公证员",
                                                "ask_policy", "notary-green-channel"))
    assert "三名以上公证员" in run.texts[0], run.texts[0]


def test_a_staff_count_read_as_a_grievance_is_not_stated(run_action) -> None:
    run = run_action(ActionHandoff(), ask("诉前调解那边的调解员一共几个人？", "complaint"))
    assert_not_stated(run, "人员数量")
    assert not any("很抱歉给您带来不便" in t for t in run.texts), run.texts


def test_opening_hours_read_as_a_grievance_are_not_stated(run_action) -> None:
    run = run_action(ActionHandoff(), ask("办事大厅下午几点下班？礼拜天有人没", "complaint"))
    assert_not_stated(run, "办公时间")


@pytest.mark.parametrize(("text", "intent", "service"), [
    ("用水报装去年平均用了几天", "ask_time_limit", "water-connection"),
    ("12345热线一年受理多少件", "ask_policy", "hotline-12345"),
])
def test_a_statistic_is_not_stated_and_no_limit_is_given_for_it(run_action, text, intent,
                                                                 service) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent, service))
    assert_not_stated(run, "统计数字", service)


@pytest.mark.parametrize(("text", "intent", "service", "missing"), [
    ("帮办代办那边的代办员是谁", "ask_department", "assisted-agency", "姓名"),
    ("“吉速办”小程序是哪个公司做的", "ask_channel", "jisuban-miniprogram", "机构或企业的名称"),
    ("破产管理人的报酬是怎么算的", "ask_howto", "bankruptcy", "具体价格"),
])
def test_names_firms_and_fees_of_people_are_not_stated(run_action, text, intent, service,
                                                       missing) -> None:
    run = run_action(ActionAnswerService(), ask(text, intent, service))
    assert_not_stated(run, missing)


def test_a_how_long_question_is_not_given_a_service_sharing_one_generic_word(run_action) -> None:
    # 技术合同认定登记 is 第48条's (研发费用加计扣除, no time limit); 登记 alone reads as 不动产登记
    # (5个工作日), which the caller did not ask about.
    run = run_action(ActionAnswerService(), ask("做技术合同认定登记一般几天办好",
                                                "ask_time_limit"))
    reply = run.texts[0]
    assert "5个工作日" not in reply and "不动产" not in reply, reply
    assert "没有" in reply and "时限" in reply, reply


@pytest.mark.parametrize(("text", "intent", "region"), [
    ("在俄罗斯注册一家公司要多久", "ask_time_limit", "俄罗斯"),
    ("塔什干那边办营业执照要什么材料", "ask_materials", "塔什干"),
    ("往哈萨克斯坦发一车货，那边海关查验费多少", "ask_fee", "哈萨克斯坦"),
    ("昌吉这边能容缺受理，奎屯那边也能先办后补吗", "ask_policy", "奎屯"),
    ("上海浦东一网通办要怎么操作", "ask_howto", "上海"),
])
def test_foreign_and_other_regions_get_the_scope_reply(run_action, text, intent,
                                                       region) -> None:
    tracker = load_tracker("company_time_limit", latest_message=message(text, intent))
    assert_scope_reply(run_action(ActionAnswerService(), tracker), region)


@pytest.mark.parametrize(("text", "intent"), [
    ("往俄罗斯出口番茄，出口信用保险怎么办", "ask_howto"),  # a 昌吉 procedure (第97条)
    ("注册商标还要跑乌鲁木齐吗，昌吉本地能办吗", "ask_channel"),  # asked from here
])
def test_a_trade_partner_or_a_trip_away_is_no_other_region(run_action, text, intent) -> None:
    tracker = load_tracker("company_time_limit", latest_message=message(text, intent))
    run = run_action(ActionAnswerService(), tracker)
    assert "utter_other_region" not in [m.get("response") for m in run.messages]
