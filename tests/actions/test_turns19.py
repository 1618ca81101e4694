"""Follow-ups of a conversation, fourth round (i17-turns4): a free-text guess that holds no
more of the message than the matter at hand does not switch; a queue of its own asks how two
things combine; a price the plan does not state cites the clause of the service's charges; a
generic alias loses to the service loosely named whose clause addresses the message. Wordings
are new, not the sets'."""

from __future__ import annotations

from typing import Any

import pytest

from actions.catalog_answers import ActionAnswerService
from services_catalog.resolve import resolve
from tests.actions.conftest import load_tracker, uncited_figures


def _tracker(service: str | None, text: str, intent: str) -> Any:
    return load_tracker(
        "company_time_limit", sender_id=f"t19-{abs(hash(text))}", events=[],
        slots={"service": service, "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": text, "entities": [], "intent": {"name": intent,
                                                                 "confidence": 0.5}})


def _reply(run_action: Any, service: str | None, text: str, intent: str) -> tuple[str, Any]:
    run = run_action(ActionAnswerService(), _tracker(service, text, intent))
    reply = "\n".join(t for t in run.texts if t)
    assert not uncited_figures(reply)
    return reply, run


@pytest.mark.parametrize(("previous", "text", "stays"), [
    # the guess holds none of the message's words: an embedding's loose reading
    ("vocational-training-subsidy", "每人能发多少", True),
    # a word of the service's own name (备案) both hold: still this service's
    ("new-format-food-filing", "那备案得交些什么材料", True),
    # the service at hand holds 核查 (第6条 现场核查), the guess only 上门
    ("chain-food-license-change", "会派人上门来核查吗", True),
    # a generic word both hold (受理), and the guess reads strongly: the search decides
    ("construction-drawing-review", "证明还差一份没开出来，可以先受理吗", False),
])
def test_a_guess_holding_no_more_of_the_message_does_not_switch(
        snap: Any, previous: str, text: str, stays: bool) -> None:
    found = resolve(snap, text, [], previous)
    assert (found.slug == previous) is stays


def test_an_amount_follow_up_stays_on_the_matter_at_hand(run_action: Any) -> None:
    reply, run = _reply(run_action, "vocational-training-subsidy", "每人能发多少", "ask_fee")
    assert "职业技能培训" in reply and "投标保证金" not in reply
    assert "2%" not in reply and "80万元" not in reply  # no other service's figure
    assert run.slots["service"] == "vocational-training-subsidy"


def test_a_queue_of_its_own_asks_how_the_two_combine(run_action: Any) -> None:
    reply, run = _reply(run_action, "property-registration", "缴税的话要不要去另外排个队",
                        "ask_channel")
    assert "第111条" in reply and "并行办理" in reply
    assert run.slots["service"] == "property-registration"


def test_a_price_not_stated_cites_the_clause_of_the_charges(run_action: Any) -> None:
    reply, _ = _reply(run_action, "gas-connection", "商户烧的天然气一立方多少钱", "ask_fee")
    assert "未写明" in reply and "第45条" in reply and "12345" in reply


def test_a_time_not_stated_still_cites_the_service(run_action: Any) -> None:
    # not a price: the service's own citation, as before
    reply, _ = _reply(run_action, "gas-connection", "燃气报装窗口的电话是多少", "ask_channel")
    assert "第46条" in reply and "未写明" in reply


def test_a_loosely_named_service_beats_a_generic_alias(snap: Any, run_action: Any) -> None:
    assert resolve(snap, "这边的燃气公司老乱收费，谁来管", [], None).slug == "gas-connection"
    # the alias alone still names the general check
    assert resolve(snap, "有部门乱收费咋整", [], None).slug == "illegal-fees-check"
    reply, _ = _reply(run_action, "utility-complaint", "这边的燃气公司老乱收费，谁来管",
                      "complaint")
    assert "第45条" in reply
