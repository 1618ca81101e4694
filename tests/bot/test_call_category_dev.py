"""The work order's request type and route on the development call set (bot/data/calls/dev_calls/,
written from the plan and GB/T 33358 by a helper who saw no code) through /api/assist. The
classifier (bot/call_classifier.py) is trained on this set, so this checks the wiring and the
route rules, not how well it generalises: tests/bot/test_call_classifier.py reports the
cross-validated figure. tests/heldout_calls/ is only reported (scripts/workorder_eval.py,
README), never tuned on."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.usefixtures("as_agent")
CALLS_FILE = Path(__file__).parents[2] / "bot" / "data" / "calls" / "dev_calls" / "calls.yml"
CALLS = yaml.safe_load(CALLS_FILE.read_text("utf-8"))
EMERGENCY_LINES = ("转110", "转119", "转120")


async def test_dev_calls_get_the_right_request_type_and_route(gateway) -> None:
    right = {"category": 0, "route": 0}
    for case in CALLS:
        wo = (await gateway.post("/api/assist", json={"text": case["text"]})).json()["workorder"]
        want_route = "转110/119/120" if case["route"] in EMERGENCY_LINES else case["route"]
        right["category"] += bool(wo) and wo["category"] == case["category"]
        right["route"] += bool(wo) and wo["route"] == want_route
    # trained on: measured 0.988 / 0.938 (the lexicon alone: 0.931 / 0.906)
    assert right["category"] / len(CALLS) >= 0.9, right
    assert right["route"] / len(CALLS) >= 0.87, right
