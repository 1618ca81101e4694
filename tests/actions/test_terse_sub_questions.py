"""Terse voice-input questions (spaces for pauses, colloquial words): a sub-question the plan
answers in its own terms (plan_words.yml) is kept beside the answer even in another plan area,
when the table's reading of it is stated in full by the clause and the answer's own tasks say
none of those terms. Sentences of no test set."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.asked_matters import asked_matters, beside_answer
from services_catalog.grievance import grievance_matters
from services_catalog.snapshot import CatalogSnapshot, build_snapshot
from tests.actions.conftest import question_tracker, uncited_figures


@pytest.fixture(scope="module")
def snap() -> CatalogSnapshot:
    from services_catalog.db import get_sessionmaker

    with get_sessionmaker()() as session:
        return build_snapshot(session)


def test_a_plan_term_reading_is_kept_beside_an_answer_of_another_area() -> None:
    # 第41条 (用电, area 六) beside an answer on 第91条 (市政接入, area 十).
    text = "车间要接水接电 接电是不是有执照就能办 还要跑几趟"
    found = beside_answer(text, {91})
    assert 41 in found and "一照办电" in found[41]


def test_a_stated_reading_the_answers_own_task_says_is_not_added() -> None:
    # 第1条 says 一次提交 / 不再重复 itself: nothing to add for 挨个部门跑.
    text = "开公司 社保登记是不是要挨个部门跑 要几天"
    assert all(a.task != 1 for a in asked_matters(text)) or 1 not in beside_answer(text, {1, 3})


def test_a_guess_to_confirm_asks_like_a_question() -> None:
    # 吧 after 不用: a question typed without its mark (第10条 无纸化).
    text = "在乡里开个小卖部 营业执照不用跑去县上领吧 货从哪进"
    assert 10 in {a.task for a in asked_matters(text)}


def test_an_overcharge_beside_an_ignored_complaint_cites_the_fee_clause(
        snap: CatalogSnapshot) -> None:
    # The search reads the complaint (第44条) far above 燃气报装; its 第45条 clause on
    # 收取不合理费用 addresses the overcharge more strongly: both are quoted.
    tasks = {e.task for m in grievance_matters(snap, "天然气公司给店里多扣了一笔钱 打电话也没人理")
             for e in m.evidence}
    assert {44, 45} <= tasks


def test_talent_rewards_follow_a_household_answer(run_action) -> None:  # noqa: ANN001
    text = "招了个外地的技术员 户口能迁到昌吉吗 引进来的人州上有没有补贴"
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_howto"))
    replies = "\n".join(m.get("text") or "" for m in run.messages)
    assert "第52条" in replies and "专项资金" in replies, replies
    assert uncited_figures(replies) == []


def test_asking_to_repay_later_reads_as_payment_by_instalments() -> None:
    # 第166条's 分期履行、延期履行, beside a dispute checklist (第143条 诉前调解, 第152条 执行和解)
    # whose own clauses say neither term.
    text = "欠供货商的钱一时还不上 人家要告我们 可不可以晚点还"
    found = beside_answer(text, {143, 152})
    assert 166 in found and "分期履行" in found[166]
