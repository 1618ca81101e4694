"""Follow-ups on the conversation's matter (i15-turns13, dev_plan25 turns): a goodbye-labelled
short question (要把车开过去吗 → 第81条 上门查验), a detail only a related service's clause
answers (收取不合理费用 → 第45条; 能封多少 → 第160条 超范围), whether one must go in person
(还要跑吗), and an NLU entity read across a word (用电 in 用电子的). Wordings are new."""

from __future__ import annotations

from typing import Any

from services_catalog.question_cues import is_bare_follow_up
from services_catalog.resolve import resolve
from tests.actions.conftest import load_tracker, uncited_figures


def test_goodbye_labelled_question_is_a_follow_up(run_action: Any) -> None:
    from actions.conversation import ActionSmallTalk  # noqa: PLC0415 (only this test)

    tracker = load_tracker(
        "company_time_limit",
        slots={"service": "vehicle-inspection", "question": "overview", "condition": None,
               "misses": 0},
        latest_message={"text": "车得拉过去吗", "intent": {"name": "goodbye", "confidence": 0.6},
                        "entities": []},
    )
    reply = run_action(ActionSmallTalk(), tracker).reply
    assert "第81条" in reply and "上门查验" in reply
    assert not uncited_figures(reply)


def test_unfair_fee_goes_to_the_related_clause(snap: Any) -> None:
    assert resolve(snap, "多收不合理的费用谁来查", [], "utility-complaint").slug == (
        "gas-connection")


def test_amount_only_a_related_service_states(snap: Any) -> None:
    assert resolve(snap, "最多能封多少", [], "unfreeze-unrelated-property").slug == (
        "property-preservation")


def test_whether_one_must_go_is_bare() -> None:
    assert is_bare_follow_up("还得跑吗")
    assert not is_bare_follow_up("跑")

