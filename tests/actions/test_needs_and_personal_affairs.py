"""Turns that name no service: a need said as a situation (新房没水, 给窗口差评, 不会弄电脑), a
person's own affair (身份证补办, 结婚登记), close weak candidates the plan's clauses tell apart, a
together-question asked first, and a life event whose lead service the message names."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionFallback, ActionHandoff, ActionSmallTalk
from services_catalog.question_cues import QUESTION_CUE
from tests.actions.conftest import follow_up, question_tracker, uncited_figures


@pytest.mark.parametrize(("text", "intent", "slug"), [
    ("新房没水", "nlu_fallback", "water-connection"),
    ("厂房刚租下来 没水", "nlu_fallback", "water-connection"),
    ("我家新房子还没来水 咋弄", "ask_howto", "water-connection"),
    ("门面还没电 找谁", "ask_department", "electricity-connection"),
    ("窗口办事拖拉 我要给那个窗口差评", "complaint", "service-rating"),
    ("上次窗口的人帮了大忙 想夸夸他 在哪弄", "feedback_satisfied", "service-rating"),
    ("我不太会弄电脑 有没有人帮忙", "human_handoff", "assisted-agency"),
])
def test_a_need_said_as_a_situation_gets_its_service(
        run_action, text: str, intent: str, slug: str) -> None:
    action = {"complaint": ActionHandoff(), "human_handoff": ActionHandoff(),
              "nlu_fallback": ActionFallback()}.get(intent, ActionAnswerService())
    run = run_action(action, question_tracker(text, intent))
    assert run.cards and run.cards[-1]["slug"] == slug
    assert run.slots["service"] == slug


@pytest.mark.parametrize("text", [
    "店里突然没水了也没通知找谁反映",  # an outage: a complaint, not a connection
    "村里老人没电脑，用手机可以办事吗",  # 电 of 电脑
    "手机没电了 咋办",  # a battery
])
def test_an_outage_or_another_word_is_no_connection(run_action, text: str) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_department"))
    assert not any(c["slug"] in ("water-connection", "electricity-connection")
                   for c in run.cards)


def test_the_situation_stays_the_conversations_service(run_action) -> None:
    run = follow_up(run_action, "water-connection", "要多久", intent="ask_time_limit")
    assert "5个工作日" in "\n".join(run.texts)


@pytest.mark.parametrize("text", [
    "驾驶证到期了，换证在哪办", "结婚登记要带啥", "医保报销比例是多少", "孩子上小学怎么报名",
    "身份证丢了咋补办",
])
def test_a_personal_affair_gets_no_card_and_the_hotline(run_action, text: str) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    reply = "\n".join(run.texts)
    assert not run.cards
    assert "个人事项" in reply and "12345" in reply


def test_a_personal_affair_after_a_service_keeps_that_service(run_action) -> None:
    run = follow_up(run_action, "household-registration", "身份证补办呢")
    assert not run.cards and "个人事项" in "\n".join(run.texts)
    assert "service" not in run.slots  # 户籍 stays for what follows


@pytest.mark.parametrize(("text", "slug"), [
    ("户口本补办要带啥", "household-registration"),  # the catalog names it
    ("随迁子女上小学要什么条件", "migrant-children-school"),
    ("居民装电表只要身份证就行吗", "electricity-connection"),  # a document used, not obtained
])
def test_a_matter_the_catalog_names_is_still_answered(run_action, text: str, slug: str) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_materials"))
    assert run.cards and run.cards[0]["slug"] == slug


def test_a_not_a_is_a_question() -> None:
    assert QUESTION_CUE.search("拉货的车进城限不限行")
    assert QUESTION_CUE.search("收不收费")
    assert not QUESTION_CUE.search("帮我叫个出租车")


def test_an_a_not_a_question_filed_out_of_scope_is_answered(run_action) -> None:
    run = run_action(ActionSmallTalk(), question_tracker("拉货的车进城限不限行", "out_of_scope"))
    assert run.cards and run.cards[0]["slug"] == "truck-access"


def test_the_clauses_tell_weak_close_candidates_apart(run_action) -> None:
    # 0.39 as 政府采购面向中小企业 and as 用电报装; only 第42条 says 零上门、零审批.
    text = "160千瓦以下的小企业零上门零审批是真的吗"
    run = run_action(ActionFallback(), question_tracker(text, "nlu_fallback"))
    reply = "\n".join(run.texts)
    assert run.cards and run.cards[0]["slug"] == "electricity-connection"
    assert not uncited_figures(reply)


def test_a_together_question_asked_first_goes_to_the_service_that_joins_them(
        run_action) -> None:
    text = "交易、交税、登记是不是一个窗口就能办完"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_channel"))
    reply = "\n".join(run.texts)
    assert run.cards and run.cards[0]["slug"] == "property-registration"
    assert "第111条" in reply


def test_a_life_event_naming_its_lead_keeps_it_for_the_follow_up(run_action) -> None:
    run = run_action(ActionAnswerService(), question_tracker("公司不干了想注销", "ask_howto"))
    assert run.slots["service"] == "deregistration"
    run = run_action(ActionAnswerService(), question_tracker("我想开个饭馆", "ask_howto"))
    assert run.slots["service"] is None  # the checklist is about them all


@pytest.mark.parametrize(("text", "slugs"), [
    ("新厂房水还没通 要几天", {"water-connection"}),
    ("店里还没接上气", {"gas-connection"}),
    ("厂房水电都没通", {"water-connection", "electricity-connection"}),
    ("家里没电了", set()),  # it ran out: an outage, no connection named
    ("手机没电了", set()),
])
def test_a_lack_in_any_order_names_the_connection(text: str, slugs: set[str]) -> None:
    from services_catalog.db import session_scope  # noqa: PLC0415 (the test catalog)
    from services_catalog.snapshot import CatalogCache  # noqa: PLC0415

    with session_scope() as session:
        snap = CatalogCache().get(session)
    named = {h.slug for h in snap.index.mentions(text) if h.confidence >= 0.8}
    assert named == slugs


def test_a_person_asked_for_about_a_subject_is_its_help_service(run_action) -> None:
    text = "有个交税的问题搞不明白 想找人问问"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    assert run.cards and run.cards[0]["slug"] == "tax-dedicated-service"
    # Where the plan has no help service for the subject, the subject stays.
    run = run_action(ActionAnswerService(), question_tracker("开公司的事搞不懂 想找人问问",
                                                             "ask_policy"))
    assert run.cards and run.cards[0]["slug"] == "company-registration"


def test_someone_to_run_the_formalities_is_the_plans_assisted_agency(run_action) -> None:
    # 帮着跑 wants the formalities done (帮办代办, 第75条), whatever chapter they belong to:
    # not a chapter's consulting service (建筑师负责制's 全过程咨询).
    text = "项目前期手续我们一点不懂，政府那边有没有人能帮着跑一跑"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_policy"))
    assert run.cards and run.cards[0]["slug"] == "assisted-agency", run.cards
