"""第42条's day counts are for the users of the “三零” service (居民, 160kW及以下小微企业): a
business that states a larger capacity asking how long is not told the 15 days as its own; the
clause is quoted whole, so it reads whom each promise covers (高压用户: “三省”). Within 160kW
the 15 days stand."""

from __future__ import annotations

import pytest

from actions.catalog_answers import ActionAnswerService
from tests.actions.conftest import question_tracker, uncited_figures

ask = question_tracker


@pytest.mark.parametrize("text", [
    "我们车间装机容量400千瓦，用电报装全过程要几个工作日",
    "厂里设备加起来250kW，报装用电多少天能通电",
    "我们是高压用户，办电全过程要多少个工作日",
])
def test_a_capacity_above_the_three_zero_users_gets_the_whole_clause(run_action, text) -> None:
    reply = run_action(ActionAnswerService(), ask(text, "ask_time_limit")).texts[0]
    assert "160kW及以下" in reply and "三省" in reply and "第42条" in reply, reply
    assert "承诺办理时限是15个工作日" not in reply
    assert uncited_figures(reply) == []


def test_a_small_business_within_160kw_keeps_its_15_days(run_action) -> None:
    text = "我们是小微企业，装机90千瓦，用电报装要几个工作日"
    reply = run_action(ActionAnswerService(), ask(text, "ask_time_limit")).texts[0]
    assert "15个工作日" in reply and "第42条" in reply, reply
