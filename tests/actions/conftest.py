"""Run actions against tracker JSON fixtures, the way the action server would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.catalog_access import CACHE
from services_catalog.db import session_scope
from services_catalog.plan import task
from services_catalog.wording import render
from tests.sync import run_sync

FIXTURES = Path(__file__).parent / "trackers"
CITE = re.compile(r"第(\d{1,3})条")
FIGURE = re.compile(r"\d+(?:个工作日|工作日|小时|天|日|个月|万元|元|%)")


def load_tracker(name: str, **overrides: Any) -> Tracker:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    data.update(overrides)
    return Tracker(
        sender_id=data["sender_id"], slots=data["slots"], latest_message=data["latest_message"],
        events=data["events"], paused=False, followup_action=None, active_loop={},
        latest_action_name="action_listen",
    )


def question_tracker(text: str, intent: str, service: str | None = None) -> Tracker:
    """A fresh conversation whose latest message is `text`, filed by the NLU under `intent`."""
    return load_tracker(
        "company_time_limit", sender_id=f"question-{abs(hash(text))}",
        slots={"service": service, "question": None, "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9},
                        "entities": []},
    )


def uncited_figures(reply: str) -> list[str]:
    """Figures of the reply that no task it cites (第N条) states."""
    sources = "".join(task(int(n)).text for n in CITE.findall(reply))
    body = CITE.sub("", reply).replace("12345", "")
    return [f for f in FIGURE.findall(body) if f not in sources]


def follow_up(run_action: Any, service: str, text: str, intent: str = "ask_policy",
              question: str = "overview") -> Run:
    """The answer action run on `text`, a follow-up in a conversation about `service`, which the
    NLU filed under `intent` without much confidence."""
    from actions.catalog_answers import ActionAnswerService  # noqa: PLC0415 (only these tests)

    tracker = load_tracker(
        "company_time_limit",
        slots={"service": service, "question": question, "condition": None, "misses": 0},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.6},
                        "entities": []},
    )
    return run_action(ActionAnswerService(), tracker)


class Run:
    def __init__(self, dispatcher: CollectingDispatcher, events: list[dict[str, Any]]) -> None:
        self.messages = dispatcher.messages
        self.events = events

    @property
    def reply(self) -> str:
        """Every message of the turn, one per line, as the user reads them."""
        return "\n".join(t for t in self.texts if t)

    @property
    def texts(self) -> list[str]:
        """Each message as the user would read it (the domain template, filled)."""
        out = []
        for m in self.messages:
            variables = {k: v for k, v in m.items() if isinstance(v, str)}
            out.append(render(m["response"], variables) if m.get("response") else m.get("text"))
        return out

    @property
    def slots(self) -> dict[str, Any]:
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [m["custom"] for m in self.messages if (m.get("custom") or {}).get("slug")]


@pytest.fixture(scope="module")
def snap() -> Any:
    """The catalog snapshot the action server's actions read."""
    with session_scope() as session:
        return CACHE.get(session)


@pytest.fixture()
def run_action():
    def _run(action: Action, tracker: Tracker) -> Run:
        dispatcher = CollectingDispatcher()
        events = run_sync(action.run(dispatcher, tracker, domain={}))
        return Run(dispatcher, events)

    return _run
