"""Shared by the actions: one catalog cache per process, a session per action run."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from services_catalog.answers import Answer
from services_catalog.config import get_catalog_settings
from services_catalog.snapshot import CatalogCache

CACHE = CatalogCache()


def today() -> date:
    return datetime.now(ZoneInfo(get_catalog_settings().timezone)).date()


def entity_values(tracker: Tracker, name: str) -> list[str]:
    return [str(e["value"]) for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == name and e.get("value")]


def user_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def send(dispatcher: CollectingDispatcher, answer: Answer, **extra: Any) -> None:
    """One message: the templated text, its buttons, and the service card as custom JSON."""
    dispatcher.utter_message(
        response=answer.response,
        buttons=answer.buttons or None,
        json_message=answer.card,
        **answer.variables,
        **extra,
    )


SUMMARY_CHARS = 60


def question_summary(tracker: Tracker, skip_latest: bool) -> str:
    """The user's recent questions in one line, for the hotline agent."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    if skip_latest:
        texts = texts[:-1]
    recent = [t for t in texts[-2:] if t and not t.startswith("/")]
    line = "；".join(recent) or user_text(tracker)
    return line[:SUMMARY_CHARS] + ("…" if len(line) > SUMMARY_CHARS else "")
