"""A bare switch (那X呢) carrying a question other than how long also states the new service's
time limit with its 第N条; one asking its own question, or carrying how long, does not
(i15-turns7). Wordings are new, not the sets'."""

from __future__ import annotations

from tests.actions.conftest import follow_up, uncited_figures


def _reply(run) -> str:  # noqa: ANN001 (conftest's Run)
    return "\n".join(run.texts)


def test_bare_switch_with_a_fee_question_adds_the_time_limit(run_action) -> None:
    run = follow_up(run_action, "electricity-connection", "那燃气报装那边呢",
                    intent="inform_service", question="fee")
    reply = _reply(run)
    assert "第46条" in reply and "10个工作日" in reply
    assert run.slots["service"] == "gas-connection"
    assert not uncited_figures(reply)


def test_a_switch_asking_its_own_question_gets_only_that(run_action) -> None:
    run = follow_up(run_action, "electricity-connection", "燃气报装收不收费",
                    intent="ask_fee", question="time_limit")
    assert "10个工作日" not in _reply(run)
