"""Follow-ups of a conversation (i15-turns8): out-of-hours applying, a carried fee question the
words do not ask, a detail a same-office clause answers, a time limit set without a figure, and
a follow-up a related service's clause answers. Wordings are new, not the sets'."""

from __future__ import annotations

from typing import Any

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import load_tracker, uncited_figures


def _reply(run_action: Any, service: str, text: str, intent: str, question: str) -> str:
    tracker = load_tracker(
        "company_time_limit", sender_id=f"turns8-{abs(hash(text))}", events=[],
        slots={"service": service, "question": question, "condition": None, "misses": 0},
        latest_message={"text": text, "entities": [],
                        "intent": {"name": intent, "confidence": 0.5}})
    run = run_action(ActionAnswerService(), tracker)
    reply = "\n".join(t for t in run.texts if t)
    assert not uncited_figures(reply)
    return reply


def test_applying_at_the_weekend_gets_the_round_the_clock_clause(run_action: Any) -> None:
    # 跨省通办 names no hours; the plan's 7×24小时“不打烊” (第2条) says it can be applied for.
    reply = _reply(run_action, "cross-region-services", "周末可以申请吗", "ask_channel",
                   "overview")
    assert "第2条" in reply and "不打烊" in reply


def test_hours_of_a_window_or_a_court_stay_not_stated(run_action: Any) -> None:
    # A window's hours are not the online promise; a court's filing is not a 政务服务 matter.
    window = _reply(run_action, "cross-region-services", "窗口周末能办吗", "ask_channel",
                    "overview")
    court = _reply(run_action, "online-case-filing", "晚上可以办吗", "ask_channel", "overview")
    for reply in (window, court):
        assert "第2条" not in reply and "办公时间" in reply


def test_carried_fee_question_yields_to_the_word_asked(run_action: Any) -> None:
    # After a fee question, 可以变更吗 asks of 变更, which one clause of 财产保全 writes.
    reply = _reply(run_action, "property-preservation", "可以变更吗", "nlu_fallback", "fee")
    assert "第160条" in reply and "变更" in reply and "收费标准" not in reply


def test_fee_asked_in_words_keeps_the_fee_answer(run_action: Any) -> None:
    reply = _reply(run_action, "property-preservation", "要交多少钱", "ask_fee", "fee")
    assert "收费标准" in reply


def test_ownership_asked_after_a_criminal_case_gets_the_property_clause(run_action: Any) -> None:
    # 归谁 of the shares, filed as a department question: 第150条 依法明确产权归属.
    reply = _reply(run_action, "lenient-criminal-justice", "那这些股份最后归谁，法院能判清楚吗",
                   "ask_department", "overview")
    assert "第150条" in reply and "产权归属" in reply


def test_time_limit_set_without_a_figure_is_quoted(run_action: Any) -> None:
    reply = _reply(run_action, "gov-service-standardization", "听证论证那些程序有没有时间限制",
                   "ask_time_limit", "overview")
    assert "第66条" in reply and "限时办结" in reply


def test_related_services_clause_answers_a_follow_up_the_search_misreads(
        run_action: Any) -> None:
    # 开证明 reads as 电子完税证明 in free text; after 不动产登记信息查询, 第110条 信息共享与核验
    # of 不动产登记 answers it.
    reply = _reply(run_action, "property-info-query", "办理的时候要我们自己去银行开个证明吗",
                   "ask_fee", "channel")
    assert "第110条" in reply and "信息共享与核验" in reply
