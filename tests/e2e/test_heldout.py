"""The held-out sets (never trained on) and the second dev set through the real /api/chat and
/api/assist.

Figures go to reports/heldout_chat.json, reports/heldout_assist.json, reports/dev_chat.json and
reports/dev_assist.json.
"""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.evaluate import TESTS, run_assist, run_chat

pytestmark = pytest.mark.e2e

# The issues' targets are 0.95. These floors sit just under the latest measured figures
# (reports/heldout_*.json, README) so a regression fails the suite; a wrong figure never passes.
FLOOR_SINGLE = 0.92  # measured 0.945
FLOOR_MULTITURN = 0.92  # measured 0.948–0.957 (turns)
FLOOR_ASSIST = 0.93  # measured 0.951


def test_heldout_chat_accuracy_and_no_wrong_figure(live_stack) -> None:
    report = run_chat(live_stack.gateway_url, f"ho-{uuid.uuid4().hex[:6]}")
    assert report["wrong_figure_answers"] == 0, report["failures"][:10]
    assert report["single"]["n"] >= 200 and report["multiturn"]["conversations"] >= 30
    assert report["single"]["accuracy"] >= FLOOR_SINGLE, report["failures"][:20]
    assert report["multiturn"]["turn_accuracy"] >= FLOOR_MULTITURN, report["failures"][:20]


def test_heldout_assist_top1(live_stack) -> None:
    report = run_assist(live_stack.gateway_url)
    assert report["n"] >= 170
    assert report["top1"] >= FLOOR_ASSIST, report["failures"][:20]


# The second dev set (tests/dev/chat_*.yml, assist.yml) is tuned on: its floors only guard
# against regressions, a point or two under the latest figures.
DEV_FLOOR_SINGLE = 0.90  # measured 0.919–0.928
DEV_FLOOR_MULTITURN = 0.90  # measured 0.928 (turns)
DEV_FLOOR_ASSIST = 0.90  # measured 0.921


def test_dev_sets_do_not_regress(live_stack) -> None:
    chat = run_chat(live_stack.gateway_url, f"dev-{uuid.uuid4().hex[:6]}", TESTS / "dev")
    assert chat["wrong_figure_answers"] == 0, chat["failures"][:10]
    assert chat["single"]["accuracy"] >= DEV_FLOOR_SINGLE, chat["failures"][:20]
    assert chat["multiturn"]["turn_accuracy"] >= DEV_FLOOR_MULTITURN, chat["failures"][:20]
    assist = run_assist(live_stack.gateway_url, TESTS / "dev")
    assert assist["top1"] >= DEV_FLOOR_ASSIST, assist["failures"][:20]
