"""Follow-ups that name no service, or only a unit (dev_plan31–34 misses): going in person, how
long a step with no time limit of its own takes, the sibling service of a unit named, what else
a service offers, a question a neighbouring service's clause answers; and facts the plan does
not state (a kind of registration its limit does not cover, how often a check comes, a number to
report a problem on). Wordings are new, not the sets'."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.evidence import plan_words
from services_catalog.follow_ups import asks_visit, served_service, unit_switch
from tests.actions.conftest import follow_up, load_tracker, question_tracker, uncited_figures


def small_talk(run_action: Any, service: str, text: str, intent: str) -> str:
    from actions.conversation import ActionSmallTalk  # noqa: PLC0415 (only these tests)

    tracker = load_tracker(
        "company_time_limit",
        slots={"service": service, "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.6},
                        "entities": []},
    )
    return run_action(ActionSmallTalk(), tracker).reply


@pytest.mark.parametrize("text", ["得亲自跑一趟吗", "用不用去大厅", "要本人去现场不"])
def test_going_in_person_is_asked(text: str) -> None:
    assert asks_visit(text)


@pytest.mark.parametrize("text", ["要跑几趟", "在哪办", "去哪个窗口交材料",
                                  "出差在外 不想回来现场验身份", "核验身份非得本人到现场吗"])
def test_how_many_visits_or_where_is_not_going_in_person(text: str) -> None:
    assert not asks_visit(text)


def test_going_in_person_quotes_the_online_clause(run_action: Any) -> None:
    reply = follow_up(run_action, "company-registration", "得亲自跑一趟吗",
                      intent="ask_channel", question="time_limit").reply
    assert "第2条" in reply and "全流程网办" in reply, reply
    assert not uncited_figures(reply)


def test_a_step_serves_the_matter_its_clause_names(snap: Any) -> None:
    assert served_service(snap, snap.services["address-commitment"]).slug == (
        "company-registration")
    assert served_service(snap, snap.services["company-registration"]) is None


def test_how_long_a_step_takes_adds_the_served_matters_limit(run_action: Any) -> None:
    # 住所登记承诺制 sets no days; its 第5条 says it is for 企业开办 (3个工作日, 第3条).
    reply = follow_up(run_action, "address-commitment", "大概几天能弄好",
                      intent="ask_time_limit", question="overview").reply
    assert "没有为住所登记承诺制规定" in reply, reply
    assert "3个工作日" in reply and "第3条" in reply, reply
    assert not uncited_figures(reply)


def test_the_sibling_service_of_a_unit_named(snap: Any) -> None:
    assert unit_switch(snap, "credit-repair-dishonest", "那税务局那头的失信名单呢") == (
        "tax-credit-repair")
    # That unit's part of the same matter (注销): its sibling; of 企业开办, no such part.
    assert unit_switch(snap, "simple-deregistration", "税务局那边还用另外跑吗") == "deregistration"
    assert unit_switch(snap, "company-registration", "税务那边要单独跑吗") is None


def test_a_unit_side_switch_answers_the_sibling(run_action: Any) -> None:
    reply = follow_up(run_action, "credit-repair-dishonest", "那税务局那头的失信名单呢",
                      intent="ask_policy", question="time_limit").reply
    assert "第108条" in reply and "纳税信用修复" in reply, reply


def test_what_else_a_service_offers(run_action: Any) -> None:
    reply = small_talk(run_action, "trademark-window", "还可以咨询些什么", "what_can_you_do")
    assert "第137条" in reply and "商标侵权纠纷" in reply, reply


def test_an_out_of_scope_question_a_neighbouring_clause_answers(run_action: Any) -> None:
    reply = small_talk(run_action, "trademark-window", "商标让人盗用了咋办", "out_of_scope")
    assert "第134条" in reply and "维权援助" in reply, reply


@pytest.mark.parametrize(("text", "word"), [
    ("登个报要花钱不", "公告"), ("被人冒用了咋整", "维权援助"), ("会不会耽误开工", "正常生产经营"),
    ("从哪几个方面检查", "渠道"), ("哪年能结清", "台账欠款清偿率"),
    ("是不是坐不了飞机了", "限制高消费"), ("动车限制啥时候能取消", "信用承诺"),
    ("新政策会通知我们吗", "精准推送"), ("这补助是不是不用自己申报", "免申即享"),
    ("想往海外线上卖点核桃", "跨境电商"),
])
def test_colloquial_words_in_the_plans_words(text: str, word: str) -> None:
    assert word in plan_words(text)


def test_a_notice_in_the_paper_costs_what_the_plan_says(run_action: Any) -> None:
    reply = follow_up(run_action, "simple-deregistration", "登报要交钱吗",
                      intent="ask_fee", question="overview").reply
    assert "第4条" in reply and "免费发布注销公告" in reply, reply


def test_when_arrears_are_paid_in_full_is_the_plans_target(run_action: Any) -> None:
    reply = follow_up(run_action, "sme-arrears", "哪年能结清", intent="ask_due_date",
                      question="overview").reply
    assert "第129条" in reply and "100%" in reply, reply


def test_a_kind_the_limit_does_not_cover_is_not_stated(run_action: Any) -> None:
    reply = run_action(ActionAnswerService(),
                       question_tracker("不动产的异议登记几个工作日能办好", "ask_time_limit")).reply
    assert "未写明" in reply and "第111条" in reply, reply
    assert "5个工作日" not in reply, reply


def test_a_kind_the_limit_covers_keeps_its_figure(run_action: Any) -> None:
    reply = run_action(ActionAnswerService(),
                       question_tracker("不动产抵押登记几个工作日能办好", "ask_time_limit")).reply
    assert "5个工作日" in reply, reply


@pytest.mark.parametrize("text", ["房子过户登记要几个工作日", "不动产转移登记多久能办完"])
def test_an_ordinary_kind_is_a_general_registration(run_action: Any, text: str) -> None:
    # 一般登记 covers transfers: its 5个工作日 answers them, not "the plan does not state it".
    reply = run_action(ActionAnswerService(), question_tracker(text, "ask_time_limit")).reply
    assert "5个工作日" in reply and "第111条" in reply, reply


def test_how_often_a_check_comes_is_not_stated(run_action: Any) -> None:
    reply = run_action(ActionAnswerService(),
                       question_tracker("化妆品隔多久抽检一次", "ask_policy")).reply
    assert "频次" in reply and "12345" in reply, reply


def test_a_number_to_report_a_problem_is_the_hotline(run_action: Any) -> None:
    reply = run_action(ActionAnswerService(),
                       question_tracker("来投资的企业碰到问题一般打什么电话反映",
                                        "ask_channel")).reply
    assert "12345" in reply and "第77条" in reply, reply


def test_lifting_the_travel_limit_is_the_credit_commitment(run_action: Any) -> None:
    reply = follow_up(run_action, "credit-repair-dishonest", "坐飞机那个限制能不能取消",
                      intent="ask_time_limit", question="overview").reply
    assert "第152条" in reply and "信用承诺" in reply, reply


def test_going_in_person_for_a_lookup_done_online(run_action: Any) -> None:
    reply = follow_up(run_action, "property-info-query", "用不用亲自去一趟",
                      intent="ask_channel", question="overview").reply
    assert "第113条" in reply and "在线可视化检索" in reply, reply


def test_a_case_of_the_served_matter_picks_its_variant(run_action: Any) -> None:
    # 小型低风险项目审批 sets no days; its clause serves 工程建设项目审批, whose 政府投资 variant
    # is 55个工作日 (第88条).
    reply = follow_up(run_action, "low-risk-project", "我们这个是政府投资的",
                      intent="inform_condition", question="time_limit").reply
    assert "55个工作日" in reply and "第88条" in reply, reply
    assert not uncited_figures(reply)


def test_a_message_naming_the_step_gets_no_served_matters_days(run_action: Any) -> None:
    # Named in the message itself, the step is what is asked: its "no limit of its own", not
    # 工程建设项目审批's 55个工作日 as if they were the step's.
    reply = run_action(ActionAnswerService(), question_tracker(
        "小型低风险项目审批要多久，我们是政府投资的", "ask_time_limit")).reply
    assert "没有为小型低风险项目审批规定" in reply, reply
    assert "55个工作日" not in reply, reply


def test_what_else_the_assistant_can_do_is_not_the_services_offer(run_action: Any) -> None:
    reply = small_talk(run_action, "trademark-window", "你还能办啥", "what_can_you_do")
    assert "第137条" not in reply, reply
