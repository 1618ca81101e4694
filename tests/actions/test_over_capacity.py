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


# Every other path that states a time limit answers such a user the same way: degraded mode and
# agent assist (bot.catalog_reply), the agent's spoken script, and the lines of a several-service
# or life-event reply (all through answers.compose).
OVER = "我们厂装机容量400千瓦，用电报装要多久"


def _electricity(db_session):  # type: ignore[no-untyped-def]
    from services_catalog import repository as repo

    rows = [r for r in repo.list_services(db_session)
            if any(t.max_kw for t in repo.to_out(r).time_limits)]
    assert rows, "the seed catalog bounds 用电报装's 非居民 limit by capacity"
    return repo.to_out(rows[0])


@pytest.mark.parametrize("question", ["time_limit", "due_date", "overview"])
def test_degraded_and_assist_answers_quote_the_clause(db_session, question) -> None:
    from bot.catalog_reply import script

    reply, card = script(_electricity(db_session), question, OVER)
    assert "三省" in reply and "160kW及以下" in reply and "第42条" in reply, reply
    assert "承诺办理时限是" not in reply and "最晚" not in reply, reply
    assert card["citation"]["item"] == 42
    assert uncited_figures(reply) == []


def test_the_spoken_script_reads_the_clause_not_a_day_count(db_session) -> None:
    from bot.spoken_script import spoken
    from services_catalog import clock

    said = spoken(_electricity(db_session), ["time_limit", "channel"], OVER, clock.today())
    assert "三省" in said and "承诺15个工作日内办结" not in said, said
    assert "承诺5个工作日内办结" not in said, said


def test_within_160kw_the_degraded_answer_keeps_the_15_days(db_session) -> None:
    from bot.catalog_reply import script

    text = "我们是小微企业，装机90千瓦，用电报装要多久"
    reply, _ = script(_electricity(db_session), "time_limit", text)
    assert "15个工作日" in reply and "三省" not in reply, reply


def test_a_several_service_line_does_not_give_the_15_days(run_action) -> None:
    text = "我们厂装机容量400千瓦，用电报装和用水报装分别要多久"
    reply = "\n".join(run_action(ActionAnswerService(), ask(text, "ask_time_limit")).texts)
    line = next(x for x in reply.splitlines() if "用电" in x)
    assert "15个工作日" not in line.replace("15个工作日内", ""), reply
    assert "用水报装" in reply and "5个工作日" in reply, reply
