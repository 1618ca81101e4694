"""A how-many-visits follow-up stays on the service at hand; an acknowledgement (好的) that the
NLU could not place is never answered as a service question."""

from __future__ import annotations

from typing import Any

from actions.conversation import ActionFallback, ActionSmallTalk
from tests.actions.conftest import load_tracker


def after(service: str, first: str, text: str, intent: str) -> Any:
    events = [{"event": "user", "text": first, "parse_data": {"intent": {"name": "ask_howto"}}},
              {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}]
    return load_tracker(
        "followup_gas", sender_id="after_" + service, events=events,
        slots={"service": service, "question": "howto", "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
    )


def test_how_many_visits_stays_on_the_service(run_action) -> None:
    # dev: after 用电报装, 要跑几趟啊 (NLU: out_of_scope) read as 燃气报装 through free text
    run = run_action(ActionSmallTalk(), after("electricity-connection", "通电要多长时间",
                                              "要跑几趟啊", "out_of_scope"))
    assert [c["slug"] for c in run.cards] == ["electricity-connection"]
    assert "燃气" not in run.texts[0]


def test_an_acknowledgement_is_no_service_question(run_action) -> None:
    # dev: 好的 (NLU: nlu_fallback) after 首贷续贷 answered 双随机、一公开 with its card
    run = run_action(ActionFallback(), after("first-loan-renewal", "能不能续贷", "好的",
                                             "nlu_fallback"))
    assert run.cards == []
    assert "双随机" not in "".join(run.texts)
