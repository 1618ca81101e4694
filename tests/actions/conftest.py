"""Run actions against tracker JSON fixtures, the way the action server would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from services_catalog.wording import render
from tests.sync import run_sync

FIXTURES = Path(__file__).parent / "trackers"


def load_tracker(name: str, **overrides: Any) -> Tracker:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    data.update(overrides)
    return Tracker(
        sender_id=data["sender_id"], slots=data["slots"], latest_message=data["latest_message"],
        events=data["events"], paused=False, followup_action=None, active_loop={},
        latest_action_name="action_listen",
    )


class Run:
    def __init__(self, dispatcher: CollectingDispatcher, events: list[dict[str, Any]]) -> None:
        self.messages = dispatcher.messages
        self.events = events

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


@pytest.fixture()
def run_action():
    def _run(action: Action, tracker: Tracker) -> Run:
        dispatcher = CollectingDispatcher()
        events = run_sync(action.run(dispatcher, tracker, domain={}))
        return Run(dispatcher, events)

    return _run
