"""Follow-ups that ask where, suppose a case, or ask while sounding like a goodbye (i15-turns14,
dev_plan27/28 turns): a channel question of a service listing no channel quotes the clause of
its tasks saying where or through what (网络会议, 零上门, 一窗受理, 网上保全); a debtor who cannot
pay yet or will not pay (信用宽限期 / 失信惩戒); a promise asked (承诺…真实、合法); a deposit not in
cash (保全保险); a question read as goodbye is answered. Wordings are new."""

from __future__ import annotations

from typing import Any

import pytest

from tests.actions.conftest import follow_up, load_tracker, uncited_figures


@pytest.mark.parametrize(("service", "text", "item", "words"), [
    ("bankruptcy", "开债权人会议可以在线上进行不", 141, "网络会议"),
    ("electricity-connection", "还用跑营业厅吗", 42, "零上门"),
    ("water-connection", "接水去哪里申请", 45, "一窗受理"),
    ("property-preservation", "保全想在网上提交，走哪个平台", 153, "网上保全"),
])
def test_where_of_a_service_without_channels_quotes_the_clause(
        run_action: Any, service: str, text: str, item: int, words: str) -> None:
    reply = follow_up(run_action, service, text, intent="ask_channel", question="channel").reply
    assert f"第{item}条" in reply and words in reply
    assert "没有写明" not in reply
    assert not uncited_figures(reply)


@pytest.mark.parametrize(("text", "words"), [
    ("如果还没被纳入名单，只是周转不开呢", "信用宽限期"),
    ("那有钱不还的怎么处理", "失信惩戒"),
])
def test_a_debtor_supposed_gets_the_clause_part(run_action: Any, text: str, words: str) -> None:
    reply = follow_up(run_action, "credit-repair-dishonest", text,
                      intent="ask_policy", question="time_limit").reply
    assert "第169条" in reply and words in reply


def test_a_promise_asked_quotes_the_promise(run_action: Any) -> None:
    reply = follow_up(run_action, "address-commitment", "我们得写什么承诺",
                      intent="ask_policy", question="overview").reply
    assert "第5条" in reply and "真实、合法" in reply


def test_a_deposit_not_in_cash(run_action: Any) -> None:
    reply = follow_up(run_action, "property-preservation", "可以不用现金吗",
                      intent="ask_policy", question="fee").reply
    assert "第160条" in reply and "保全保险" in reply


def test_a_question_read_as_goodbye_is_answered(run_action: Any) -> None:
    from actions.conversation import ActionSmallTalk  # noqa: PLC0415 (only this test)

    tracker = load_tracker(
        "company_time_limit",
        slots={"service": "bankruptcy", "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": "以后还会再加吗", "intent": {"name": "goodbye", "confidence": 0.6},
                        "entities": []},
    )
    reply = run_action(ActionSmallTalk(), tracker).reply
    assert "再见" not in reply and "第" in reply
