"""Follow-ups of a conversation (i15-turns6): a how-long word typed by sound, a turn of events
told without a question, a question only loosely read as a service, and colloquial words for
what the plan says in its own (坐牢 → 刑事惩戒, 写保证 → 信用承诺). Wordings are new, not the
sets'."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_answers import ActionAnswerService
from actions.conversation import ActionHandoff
from services_catalog.normalize import normalize
from tests.actions.conftest import load_tracker, uncited_figures


def _tracker(service: str | None, text: str, intent: str, question: str = "overview") -> Any:
    return load_tracker(
        "company_time_limit", sender_id=f"told-{abs(hash(text))}", events=[],
        slots={"service": service, "question": question, "condition": None, "misses": 0},
        latest_message={"text": text, "entities": [], "intent": {"name": intent,
                                                                 "confidence": 0.5}})


def _reply(run_action: Any, action: Any, service: str | None, text: str, intent: str,
           question: str = "overview") -> str:
    run = run_action(action, _tracker(service, text, intent, question))
    reply = "\n".join(t for t in run.texts if t)
    assert not uncited_figures(reply)
    return reply


@pytest.mark.parametrize(("typed", "meant"), [
    ("大概多就", "大概多久"), ("审批要多就？", "审批要多久?"),
    # not a typo: 差不多就 / 人多就 are words of their own
    ("差不多就行", "差不多就行"), ("人多就排队吗", "人多就排队吗")])
def test_how_long_typed_by_sound_is_put_right(typed: str, meant: str) -> None:
    assert normalize(typed) == meant


def test_told_turn_gets_the_clause_not_the_last_questions_field(run_action: Any) -> None:
    # After a fee question, a worker threatening to sue over unpaid wages asks nothing of fees:
    # the clause on 欠薪案件 (第167条) answers it, not "免费 法律援助".
    reply = _reply(run_action, ActionAnswerService(), "migrant-wage-deposit",
                   "有员工说要去法院告公司欠薪", "nlu_fallback", "fee")
    assert "第167条" in reply and "欠薪" in reply


def test_told_turn_in_context_reads_the_whole_plan(run_action: Any) -> None:
    # The conversation's service says nothing of a debtor offering to pay by instalments; the
    # plan's 信用承诺…执行和解 (第152条) does.
    reply = _reply(run_action, ActionAnswerService(), "new-business-inclusive-supervision",
                   "对方老板说愿意写个保证书慢慢还", "complaint")
    assert "第152条" in reply and "信用承诺" in reply


@pytest.mark.parametrize(("text", "cited", "words"), [
    ("上市公司财务造假的人会去坐牢吗", "第155条", "刑事惩戒"),
    ("我们股东会被抓起来吗，他都认罪了", "第165条", "认罪认罚"),
])
def test_loosely_read_question_gets_a_candidates_clause(run_action: Any, text: str, cited: str,
                                                        words: str) -> None:
    reply = _reply(run_action, ActionAnswerService(), None, text, "nlu_fallback")
    assert cited in reply and words in reply


def test_grievance_told_without_question_gets_the_clause_acting_on_it(run_action: Any) -> None:
    # 12345 stays offered, and the clause on 恶意阻碍生产 (第146条) follows.
    reply = _reply(run_action, ActionHandoff(), None,
                   "总有几个人堵着我们仓库大门不让拉货", "complaint")
    assert "第146条" in reply and "恶意阻碍生产" in reply
