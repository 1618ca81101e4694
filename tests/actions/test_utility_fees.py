"""Fees of 用水报装 and 燃气报装 (issue 15, plain answers): the plan cancels 报装费、开口费、
开户费、接入费 for water, power and gas connections (第91条), so "要交钱吗" is answered 不收费
with that clause; a fact from another task in the same answer names its own 第N条; and
第91条's general 一站式 sentence does not displace the service's own clause (第46条)."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker as ask


@pytest.mark.parametrize("text", ["用水报装要交钱吗", "接自来水收不收报装费", "装燃气开户费还收吗"])
def test_connection_fee_is_the_cancelled_fees_of_task_91(run_action, text: str) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_fee")).texts[0]
    assert reply.startswith("不收费。"), reply
    assert "取消报装费、开口费、开户费、接入费" in reply and "第91条" in reply


def test_gas_fee_gives_its_reason_first_and_names_each_task_it_quotes(run_action) -> None:
    reply = run_action(ActionAnswerService(), ask("燃气报装要交钱吗", "ask_fee")).texts[0]
    # 不收费 and at once why (第91条, the basis); 第45条's price supervision after, with its number
    assert reply.startswith("不收费。《行动方案》写明：取消报装费、开口费、开户费、接入费"), reply
    assert "违法违规行为（第45条）" in reply and "第91条" in reply


@pytest.mark.parametrize("text", ["用水报装是不是一站式服务", "燃气报装是一站式办理吗"])
def test_a_detail_quotes_the_services_own_clause(run_action, text: str) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_howto")).texts[0]
    assert "报装压缩至" in reply and "第46条" in reply, reply
