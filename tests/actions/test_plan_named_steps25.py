"""svc25: a checklist step named by the plan's words for the message's colloquial ones, a new
matter's own yes-no question, and counts and set-asides read in the plan's words."""

from __future__ import annotations

from typing import Any

from actions.catalog_answers import ActionAnswerService, opens_own_question
from services_catalog.evidence import plan_words
from services_catalog.life_events import life_event_asked
from tests.actions.conftest import follow_up, question_tracker


def test_a_small_fault_fined_is_the_minor_violation_step_not_the_checklist(snap: Any) -> None:
    # 小毛病/小问题 → 轻微违法 免予处罚 (第130条), the step 执法检查's words read closest to.
    assert life_event_asked(snap, "新公司第一次被查出个小毛病 会直接罚款吗") is None
    assert life_event_asked(snap, "市场监管来查，说我们标签有点小问题要罚款") is None


def test_the_situation_in_plan_words_or_asked_how_keeps_the_checklist(snap: Any) -> None:
    # 欠…货款 words the situation itself (政府拖欠账款); 失业金怎么领 asks how to go about it.
    assert life_event_asked(snap, "可是还有家国企欠我们货款没给") is not None
    assert life_event_asked(snap, "离职工人来问失业金怎么领，要不要厂里给开解除劳动关系证明") \
        is not None


def test_a_service_named_in_its_own_words_or_several_questions_keep_the_checklist(
        snap: Any) -> None:
    # 领失业金 is the message's own name for 失业保险金申领, no reading of a case; two questions
    # (能来投资吗？哪些行业不让干) ask about several steps.
    assert life_event_asked(snap, "公司关门了，员工去领失业金，要单位开解除劳动关系的证明吗") \
        is not None
    assert life_event_asked(snap, "外国人能来昌吉投资开工厂吗？哪些行业不让干") is not None


def test_minor_fault_reply_quotes_the_exemption_clause(run_action: Any) -> None:
    run = run_action(ActionAnswerService(),
                     question_tracker("新公司第一次被查出个小毛病 会直接罚款吗", "ask_policy"))
    assert "免予处罚" in run.reply and "第130条" in run.reply


def test_another_matter_with_its_own_yes_no_question_drops_the_previous_question() -> None:
    assert opens_own_question("另外我们有送货的货车，四吨多，市区限行吗")
    assert not opens_own_question("另外燃气呢")
    assert not opens_own_question("货车四吨多，市区限行吗")


def test_truck_follow_up_after_a_time_question_quotes_the_tonnage(run_action: Any) -> None:
    run = follow_up(run_action, "vehicle-inspection", "另外我们有送货的货车，四吨多，市区限行吗",
                    question="due_date")
    assert "4.5吨" in run.reply


def test_counts_and_set_asides_in_the_plans_words() -> None:
    assert "事项" in plan_words("吉速办小程序能办多少事").split()
    assert "专门面向中小微企业" in plan_words("那政府采购有没有专门给小企业的").split()
    assert "事项" not in plan_words("有多少事情况要报").split()


def test_how_many_matters_quotes_the_clause_with_the_count(run_action: Any) -> None:
    run = follow_up(run_action, "policy-benefits", "吉速办小程序能办多少事")
    assert "15个事项" in run.reply and "第67条" in run.reply


def test_set_aside_for_small_firms_after_bid_deposit_is_sme_procurement(run_action: Any) -> None:
    run = follow_up(run_action, "bid-deposit", "那政府采购有没有专门给小企业的", question="fee")
    assert "200万元" in run.reply and "第21条" in run.reply
