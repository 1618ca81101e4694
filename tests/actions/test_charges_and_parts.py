"""dev_plan4 outside/turn families (issue 15), new wordings: a fee question about who checks
charges is answered by the clause on supervising them, not "no fee standard"; a third party's
wrongdoing filed as a complaint gets the plan's clause besides 12345; whether a complaint works
reads as 接诉即办; a fee question about a part of the matter takes the chapter's clause that
says what it costs; a follow-up saying only when/how one applies stays on the service."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.resolve import switches
from services_catalog.search.common import Hit
from tests.actions.conftest import follow_up, load_tracker, question_tracker, uncited_figures


@pytest.mark.parametrize(("text", "phrase", "item"), [
    ("破产管理人收费乱，不怎么干活，哪里能投诉", "管理人", 140),
    ("行业里乱收费的事有没有人管", "违法违规收费", 128),
])
def test_who_checks_charges_is_answered_by_the_clause(run_action, text, phrase, item) -> None:
    run = run_action(ActionAnswerService(), question_tracker(text, "ask_fee"))
    reply = run.texts[0]
    assert phrase in reply and f"第{item}条" in reply, reply
    assert "未规定" not in reply and uncited_figures(reply) == []


def test_charges_complained_of_after_gas_get_the_price_clause(run_action) -> None:
    run = follow_up(run_action, "gas-connection", "燃气公司收费乱七八糟的，找谁问",
                    intent="ask_fee")
    reply = run.texts[0]
    assert "燃气价格" in reply and "第45条" in reply, reply


def test_a_third_partys_wrongdoing_filed_as_a_complaint_gets_the_clause(run_action) -> None:
    from actions.conversation import ActionHandoff  # noqa: PLC0415 (only this test)

    tracker = load_tracker(
        "company_time_limit", sender_id="protection-money",
        slots={"service": None, "question": None, "condition": None, "misses": 0},
        latest_message={"text": "老有混混来店里要保护费，不给就闹，咋办",
                        "intent": {"name": "complaint", "confidence": 0.7}, "entities": []},
    )
    texts = run_action(ActionHandoff(), tracker).texts
    assert "12345" in texts[0]  # the hotline stays offered
    assert any("敲诈勒索" in t and "第146条" in t for t in texts), texts


def test_whether_a_complaint_works_reads_as_the_plans_mechanism(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     question_tracker("给12345反映了问题，到底有没有用", "ask_policy"))
    assert "接诉即办" in run.texts[0] and "第77条" in run.texts[0], run.texts[0]


def test_a_part_of_the_matter_costs_what_the_chapter_says(run_action) -> None:
    run = follow_up(run_action, "simple-deregistration", "注销的公告收费吗", intent="ask_fee",
                    question="howto")
    reply = run.texts[0]
    assert "免费发布注销公告" in reply and "第4条" in reply, reply


def test_a_plain_fee_question_keeps_the_fee_answer(run_action) -> None:
    run = follow_up(run_action, "simple-deregistration", "要钱吗", intent="ask_fee")
    assert "第4条" not in run.texts[0]


@pytest.mark.parametrize("text", ["晚上能在网上申请吗", "周末能提交吗"])
def test_when_or_how_one_applies_does_not_switch(text: str) -> None:
    hits = [Hit("household-registration", 5.0, 0.6, "bm25", "")]
    assert not switches(hits, "company-registration", text)


@pytest.mark.parametrize("text", ["晚上也能在网上办吗", "晚上能在网上申清吗"])
def test_online_out_of_hours_takes_the_chapters_clause(run_action, text) -> None:
    run = follow_up(run_action, "address-commitment", text, intent="ask_channel",
                    question="fee")
    reply = run.texts[0]
    assert "不打烊" in reply and "第2条" in reply, reply


def test_a_service_named_now_keeps_its_online_question(run_action) -> None:
    run = run_action(ActionAnswerService(),
                     question_tracker("完税证明能不能网上直接拿电子版的", "ask_channel"))
    assert run.cards[0]["slug"] == "e-tax-certificate", run.texts[0]
