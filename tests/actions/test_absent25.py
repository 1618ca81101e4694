"""Absent facts (round 25): a question clause the answer says the plan does not state is answered,
and no other matter's clause (nor its figure) is set beside it; the year, the person, the count
and the second item asked, each read from the question clause rather than from what it tells."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.absent_facts import absent_answered, absent_fact
from services_catalog.situation_lines import extra_matters
from tests.actions.conftest import question_tracker, uncited_figures

HOURS_NOT_STATED = ("《行动方案》未写明12345政务服务便民热线的办公时间。您可以向州政资局咨询，"
                    "或拨打12345政务服务便民热线。\n事项依据：《行动方案（2023—2025年）》第77条")


def test_an_absent_fact_answer_gets_no_other_matters_clause_for_it(snap) -> None:
    text = "12345打得通吗，晚上有人接不"
    assert extra_matters(snap, text, {77}, HOURS_NOT_STATED) is None
    # Without the reply read, 晚上 still reads as 第2条's 不打烊 (the guard is the reply's).
    assert extra_matters(snap, text, {77}) is not None


@pytest.mark.parametrize(("reply", "words", "answered"), [
    (HOURS_NOT_STATED, "晚上有人接不", True),
    (HOURS_NOT_STATED, "要多少钱", False),
    ("《行动方案》未写明一照多址的具体数额、比例或期限。", "最多能加载几个经营场所", True),
    ("《行动方案》未写明一照多址的具体数额、比例或期限。", "晚上能办吗", False),
    ("企业开办3个工作日（第3条）", "晚上能办吗", False),
])
def test_a_clause_is_answered_only_by_its_own_kind_not_stated(reply, words, answered) -> None:
    assert absent_answered(reply, words) is answered


@pytest.mark.parametrize(("text", "kind"), [
    ("网上办事比例2023年底要到95%我知道了，那2026年要到多少", "year"),
    ("税务局那个给企业一对一的专属团队，我们这片归哪个人管，叫啥", "person"),
])
def test_the_fact_the_question_clause_asks_is_heard(text, kind) -> None:
    assert absent_fact(text) == kind


def test_a_year_told_beside_the_question_is_not_asked() -> None:
    assert absent_fact("我们公司2026年打算扩产，2025年底前能办完用地审批吗") is None


def test_a_hotline_asked_by_someone_telling_of_their_own_company_is_12345(run_action) -> None:
    text = "我儿子开了个小公司，我退休在家帮他跑跑腿，有没有打个电话就能问事的热线"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_channel"))
    assert (run.messages[0].get("custom") or {}).get("slug") == "hotline-12345", run.texts


@pytest.mark.parametrize(("text", "intent"), [
    ("村村通快递2025年底要全通，那2024年底要通到多少个村", "ask_policy"),
    ("一个执照上最多能加载几个经营场所？我们快递公司想加十几个", "ask_policy"),
    ("第一个税务Ukey是免费的，那我要是再多领一个给会计用，要多少钱", "ask_fee"),
])
def test_what_the_plan_does_not_state_is_said_so(run_action, text, intent) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, intent))
    assert "未写明" in run.texts[0] and "12345" in run.texts[0], run.texts
    assert uncited_figures(run.reply) == []


def test_a_place_the_caller_would_rather_not_travel_to_is_not_the_region_asked() -> None:
    from services_catalog.scope import other_region  # noqa: PLC0415 (this test only)
    assert other_region("商标续展本地有没有窗口可以咨询，不想跑北京") is None
    assert other_region("北京开公司几天") == "北京"
