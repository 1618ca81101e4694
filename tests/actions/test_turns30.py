"""Follow-ups asking a detail of the conversation's matter (i15-turns16): out-of-hours of a
service open round the clock, where published information is seen, a where-question whose word a
related service's clause writes, how long a matter with no time limit takes, a complaint about a
tender read in the plan's words, and a channel list citing the task that names its channels.
Wordings are new, not the sets'."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.evidence import plan_words
from tests.actions.conftest import follow_up, load_tracker, question_tracker, uncited_figures


@pytest.mark.parametrize("text", ["半夜能不能提交", "周末可以申请吗"])
def test_out_of_hours_of_a_round_the_clock_service_quotes_its_clause(run_action: Any,
                                                                     text: str) -> None:
    # 企业开办 lists 综合政务自助终端（7×24小时）; its own 第2条 says the service never closes.
    reply = follow_up(run_action, "company-registration", text, intent="nlu_fallback",
                      question="channel").reply
    assert "第2条" in reply and "不打烊" in reply, reply
    assert not uncited_figures(reply)


@pytest.mark.parametrize(("text", "word"), [
    ("政策在哪里能查到", "发布"), ("燃气的价钱去哪看", "公开"), ("收费标准公开吗", "价格"),
])
def test_where_information_is_seen_reads_as_published(text: str, word: str) -> None:
    assert word in plan_words(text)


def test_where_a_matter_is_done_is_not_where_it_is_seen() -> None:
    assert "发布" not in plan_words("在哪办")


def test_where_policies_are_seen_quotes_the_publishing_platform(run_action: Any) -> None:
    reply = follow_up(run_action, "policy-benefits", "政策在哪里能查到", intent="ask_policy",
                      question="howto").reply
    assert "第76条" in reply and "政策发布总平台" in reply, reply


def test_where_the_gas_price_is_seen_quotes_the_price_made_public(run_action: Any) -> None:
    # After a complaint about the gas company: its price is public under 第45条, not "ask here".
    reply = follow_up(run_action, "utility-complaint", "燃气价格哪里可以看到", intent="ask_channel",
                      question="policy").reply
    assert "第45条" in reply and "公开燃气价格" in reply, reply
    assert not uncited_figures(reply)


def test_where_to_do_a_word_a_related_clause_writes(run_action: Any) -> None:
    # 首贷与无还本续贷 says nowhere; 第38条 (信易贷) writes 线上对接.
    reply = follow_up(run_action, "first-loan-renewal", "去哪里对接", intent="ask_channel",
                      question="policy").reply
    assert "第38条" in reply and "线上对接" in reply, reply


def test_where_to_do_a_word_no_clause_writes_stays_not_stated(run_action: Any) -> None:
    reply = follow_up(run_action, "first-loan-renewal", "在哪办", intent="ask_channel",
                      question="policy").reply
    assert "第38条" not in reply, reply


def test_how_long_without_a_time_limit_adds_the_timed_completion_clause(run_action: Any) -> None:
    reply = follow_up(run_action, "assisted-agency", "得多长时间办完",
                      intent="ask_time_limit", question="howto").reply
    assert "没有为" in reply and "规定具体的办理时限" in reply, reply
    assert "第66条" in reply and "限时办结" in reply, reply
    assert not uncited_figures(reply)


def test_how_long_with_a_time_limit_adds_nothing(run_action: Any) -> None:
    reply = follow_up(run_action, "company-registration", "多久能办完",
                      intent="ask_time_limit", question="howto").reply
    assert "第66条" not in reply and "3个工作日" in reply, reply


def test_a_complaint_about_a_tender_is_the_procurement_complaint(run_action: Any) -> None:
    run = run_action(ActionAnswerService(), question_tracker(
        "招标文件的条件明显不公平，我们投标的能投诉吗", "ask_materials"))
    assert run.slots["service"] == "procurement-complaint", run.reply
    assert "第25条" in run.reply and "质疑投诉" in run.reply


def test_a_channel_list_cites_the_task_naming_its_channels(run_action: Any) -> None:
    # “吉速办”小程序 cites 第67条, which names the 小程序 only; 第69条 names the rest.
    reply = follow_up(run_action, "jisuban-miniprogram", "手机上能办吗", intent="ask_channel",
                      question="overview").reply
    assert "新服办" in reply and "第69条" in reply and "第67条" in reply, reply


def test_a_record_of_wages_owed_reads_as_the_plans_consequence() -> None:
    assert "市场准入" in plan_words("以前有过欠工钱的不良记录")
    assert "市场准入" not in plan_words("工人工资拖欠了咋办")


def test_a_record_of_wages_owed_after_the_deposit_is_the_wage_arrears_clause(
        run_action: Any) -> None:
    # 欠工资 is an alias of 劳动人事争议 (the NLU's entity), but the plan's reading names 根治欠薪,
    # whose 第95条 limits such a firm's 市场准入.
    tracker = load_tracker(
        "company_time_limit",
        slots={"service": "migrant-wage-deposit", "question": "fee", "condition": None,
               "misses": 0},
        latest_message={"text": "如果公司有欠工资的记录呢",
                        "intent": {"name": "nlu_fallback", "confidence": 0.45},
                        "entities": [{"entity": "service", "value": "labor-dispute"}]})
    run = run_action(ActionAnswerService(), tracker)
    assert run.slots["service"] == "wage-arrears-campaign", run.reply
    assert "第95条" in run.reply and "市场准入" in run.reply
    assert not uncited_figures(run.reply)


def test_an_alias_mention_with_no_plan_reading_stays(snap: Any) -> None:
    from services_catalog.resolve import resolve

    found = resolve(snap, "工人来讨薪了咋办", ["labor-dispute"], "migrant-wage-deposit")
    assert found.slug == "labor-dispute"


def test_a_plan_reading_covers_the_guess_only_when_it_spans_its_words() -> None:
    from services_catalog.evidence import read_as_plan

    # 户口 is a matter of its own, outside the words read as 引进人才 (引进的人…奖励).
    assert not read_as_plan("挖来个工程师 户口要迁过来 对引进的人有没有奖励", ["户口"])
    assert read_as_plan("投标时发现招标条件不合理 能投诉不", ["投标", "招标"])


@pytest.mark.parametrize("text", ["欠钱的老赖要是还清了 名单多久能撤", "我们店里还卖点医疗器械"])
def test_a_short_plan_word_names_no_service_instead_of_an_alias(snap: Any, text: str) -> None:
    # 老赖 → 清欠, 医疗器械: words of the matter read, too short to name the service meant.
    from services_catalog.resolve import plan_reading_named
    from services_catalog.search.common import Hit

    mention = Hit("credit-repair-dishonest", 1.0, 1.0, "alias", "老赖")
    assert plan_reading_named(snap, text, mention) is None


def test_a_plan_reading_of_another_matter_names_no_service(snap: Any) -> None:
    # 查得严 reads as 重点监管对象, another matter than the 医疗器械 the alias said.
    from services_catalog.resolve import plan_reading_named
    from services_catalog.search.common import Hit

    mention = Hit("medical-device-cosmetics", 1.0, 1.0, "alias", "医疗器械")
    assert plan_reading_named(snap, "另外还卖点医疗器械 现在查得严不严", mention) is None


def test_a_where_question_naming_its_service_takes_no_other_services_clause(run_action) -> None:
    # 投诉 is written in 第124条's channel clause (投诉举报等渠道), but a question naming 拖欠中小
    # 企业账款 asks where that matter is done: its own 第129条, never another service's clause.
    run = run_action(ActionAnswerService(), question_tracker(
        "拖欠中小企业账款可以在哪里投诉", "ask_channel"))
    assert "第129条" in run.reply and "第124条" not in run.reply
