"""The trained NLU (DIET blended with the linear classifier, bot/nlu/linear_intent_blend.py) on
wordings that are not in the training data: the topic decides, not the question word."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import numpy as np
import pytest

from bot.launcher import ROOT
from tests.nlu.rasa_venv import RASA_PY, run_in_rasa_venv

PARSE = r"""
import asyncio, json, logging, sys
logging.disable(logging.WARNING)
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
async def main():
    return [(await agent.parse_message(t))["intent"] for t in json.loads(sys.argv[2])]
print(json.dumps(asyncio.run(main()), ensure_ascii=False))
"""


def latest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models or not RASA_PY.exists():
        pytest.skip("no trained model (make train)")
    return models[-1]


def parse(texts: list[str]) -> list[dict]:
    return run_in_rasa_venv(PARSE, str(latest_model()), json.dumps(texts, ensure_ascii=False))


def test_the_model_carries_the_trained_linear_classifier(tmp_path: Path) -> None:
    with tarfile.open(latest_model()) as archive:
        members = [m for m in archive.getmembers() if m.name.endswith("linear_intent.npz")]
        assert members, "LinearIntentBlender saved nothing: the blend would silently be DIET alone"
        archive.extractall(tmp_path, members=members)  # noqa: S202 (our own model file)
    arrays = np.load(tmp_path / members[0].name)
    assert arrays["weights"].shape[0] == arrays["bias"].shape[0] >= 20  # one row per intent


UNSEEN = {
    "电饭锅的内胆怎么清洗": "out_of_scope",      # 怎么 + a household topic
    "坐火车去喀什要多长时间": "out_of_scope",     # 多长时间 + travel
    "营业执照丢了怎么补办": "ask_howto",
    "办个食品经营许可要多长时间": "ask_time_limit",
    "你这回答完全没用": "feedback_unsatisfied",
    "回答得很专业，赞一个": "feedback_satisfied",
    "请帮我接个人工坐席": "human_handoff",
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return dict(zip(UNSEEN, parse(list(UNSEEN)), strict=True))  # one model load for all


@pytest.mark.parametrize(("text", "intent"), UNSEEN.items())
def test_unseen_wordings_get_the_intent_their_topic_shows(parsed: dict[str, dict], text: str,
                                                          intent: str) -> None:
    assert parsed[text]["name"] == intent
