"""A question the NLU and the catalog search cannot place, whose words a clause of the plan
addresses strongly, gets that clause (i15-turns7), not "您是想问下面哪一项？". Wordings are new,
not the sets'."""

from __future__ import annotations

from typing import Any

import pytest

from actions.conversation import ActionFallback
from tests.actions.conftest import load_tracker, uncited_figures


@pytest.mark.parametrize(("service", "text", "cited", "words"), [
    # after a procurement complaint, a new question about the list of licensed matters
    ("procurement-complaint", "换个事，哪些事项要政府许可，单子公开没有",
     "第68条", "行政许可事项清单"),
])
def test_fallback_question_gets_the_plans_clause(run_action: Any, service: str, text: str,
                                                 cited: str, words: str) -> None:
    tracker = load_tracker(
        "company_time_limit", sender_id=f"fallback-{abs(hash(text))}",
        slots={"service": service, "question": "overview", "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.4},
                        "entities": []})
    run = run_action(ActionFallback(), tracker)
    reply = "\n".join(t for t in run.texts if t)
    assert cited in reply and words in reply
    assert "您是想问" not in reply
    assert not uncited_figures(reply)
