"""svc25: a new matter's own yes-no question, and counts and set-asides read in the plan's
words."""

from __future__ import annotations

from typing import Any

from actions.catalog_answers import opens_own_question
from services_catalog.evidence import plan_words
from tests.actions.conftest import follow_up


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
