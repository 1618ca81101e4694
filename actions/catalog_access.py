"""Shared by the actions: one catalog cache per process, a session per action run."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from services_catalog import clock
from services_catalog.answers import Answer
from services_catalog.evidence import bigrams
from services_catalog.normalize import unspaced
from services_catalog.snapshot import CatalogCache

CACHE = CatalogCache()


def today() -> date:
    return clock.today()  # the catalog's timezone; CATALOG_TODAY in tests


def entity_values(tracker: Tracker, name: str) -> list[str]:
    return [str(e["value"]) for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == name and e.get("value")]


def typed_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def user_text(tracker: Tracker) -> str:
    # Words typed one by one (一 吨 多少 钱) are read as one line: the cues span the spaces.
    return unspaced(typed_text(tracker))


def send(dispatcher: CollectingDispatcher, answer: Answer, **extra: Any) -> None:
    """One message: the templated text, its buttons, and the service card as custom JSON."""
    dispatcher.utter_message(
        response=answer.response,
        buttons=answer.buttons or None,
        json_message=answer.card,
        **answer.variables,
        **extra,
    )


SUMMARY_CHARS = 120
SUMMARY_QUESTIONS = 3
# Messages that are no question for the hotline: greetings, thanks, ratings, asking for a person.
NOT_A_QUESTION = {"greet", "goodbye", "thanks", "bot_challenge", "what_can_you_do",
                  "human_handoff", "feedback_satisfied", "feedback_unsatisfied"}
CARD_TYPES = ("service_card", "field_answer")
# 转人工 / 人工 / 找客服 typed alone, whatever intent the NLU gave it.
ASKS_ONLY_FOR_A_PERSON = re.compile(r"^\W*(转|找|要|我要|请)?(人工|客服|真人|坐席)(服务|客服)?\W*$")


def session_events(tracker: Tracker) -> list[dict[str, Any]]:
    """The events of the current conversation session (after the last session_started)."""
    events = list(tracker.events)
    for i in range(len(events) - 1, -1, -1):
        if events[i].get("event") == "action" and events[i].get("name") == "action_session_start":
            return events[i:]
    return events


def _custom(event: dict[str, Any]) -> dict[str, Any]:
    custom = (event.get("data") or {}).get("custom")
    return custom if isinstance(custom, dict) else {}


def cards_shown(tracker: Tracker) -> set[str]:
    """Services whose full card this conversation already shows: a follow-up gets a short
    answer instead of a second card."""
    return {str(_custom(e).get("slug")) for e in session_events(tracker)
            if e.get("event") == "bot" and _custom(e).get("type") == "service_card"}


# Notes sent after an answer in the same turn (您说的情况可能还涉及以下事项): they add to the
# answer before them and are no answer of their own, so a checklist followed by one is still
# the last answer a follow-up (如果是工程类的呢) asks about.
ADDENDA = frozenset(("related_matters",))


def checklist_shown(tracker: Tracker) -> list[str]:
    """The services of the checklist the last answer listed (企业被诉或涉案: 财产保全, 涉疫企业
    纠纷化解 …), or [] when the last answer was no checklist."""
    for e in reversed(session_events(tracker)):
        custom = _custom(e)
        if e.get("event") != "bot" or not custom.get("type") or custom["type"] in ADDENDA:
            continue
        if custom["type"] != "life_event":
            return []
        return [str(step["slug"]) for step in custom.get("steps") or [] if step.get("slug")]
    return []


def checklist_lead(tracker: Tracker) -> str | None:
    """The service the last answer's checklist was read for (员工领失业金 → 失业保险金申领 in
    注销退出), which a follow-up naming no service asks about; None after any other answer."""
    for e in reversed(session_events(tracker)):
        custom = _custom(e)
        if e.get("event") != "bot" or not custom.get("type") or custom["type"] in ADDENDA:
            continue
        lead = custom.get("lead") if custom["type"] == "life_event" else None
        return str(lead) if lead else None
    return None


def services_discussed(tracker: Tracker) -> list[str]:
    names: list[str] = []
    for e in session_events(tracker):
        c = _custom(e)
        if e.get("event") == "bot" and c.get("type") in CARD_TYPES and c.get("name"):
            if c["name"] not in names:
                names.append(str(c["name"]))
    return names


def real_questions(tracker: Tracker, skip_latest: bool) -> list[str]:
    """What the user asked: not greetings, button payloads, ratings or 转人工 itself."""
    users = [e for e in session_events(tracker) if e.get("event") == "user"]
    if skip_latest:
        users = users[:-1]
    out: list[str] = []
    for e in users:
        text = (e.get("text") or "").strip()
        intent = ((e.get("parse_data") or {}).get("intent") or {}).get("name")
        if (text and not text.startswith("/") and intent not in NOT_A_QUESTION
                and not ASKS_ONLY_FOR_A_PERSON.match(text)):
            out.append(text)
    return out


def question_summary(tracker: Tracker, skip_latest: bool) -> str:
    """The user's questions and the services discussed in one copyable line, for 12345."""
    questions = real_questions(tracker, skip_latest)[-SUMMARY_QUESTIONS:]
    services = services_discussed(tracker)
    parts = []
    if questions:
        parts.append("咨询：" + "；".join(questions))
    if services:
        parts.append("涉及事项：" + "、".join(services))
    line = "。".join(parts) or "用户未提出具体问题，请人工询问"
    return line[:SUMMARY_CHARS] + ("…" if len(line) > SUMMARY_CHARS else "")


def handoff_card(tracker: Tracker, summary: str, reason: str = "asked") -> dict[str, Any]:
    """The widget shows the hotline as a tel: link and the summary with a copy button.

    `reason`: "asked" (the user asked for a person or complained) or "not_understood" (the
    bot missed twice); analytics counts only the second as unanswered."""
    return {"type": "handoff", "summary": summary, "services": services_discussed(tracker),
            "reason": reason}


# 回到刚才那个纠纷 / 说回配方被带走那个事: the user goes back to a matter asked about earlier.
RETURNS_TO = re.compile(r"回到|说回|聊回|问回|回过头来?(?:说|问)")


def turns_answered(tracker: Tracker) -> list[tuple[str, str]]:
    """(what the user said, the service answered for it) for each earlier turn of the session
    that got a service's answer (a checklist counts with the service it was read for)."""
    out: list[tuple[str, str]] = []
    said: str | None = None
    for e in session_events(tracker):  # the latest message has no answer yet: left out
        if e.get("event") == "user":
            said = e.get("text") or ""
            continue
        custom = _custom(e)
        slug = custom.get("lead") or custom.get("slug")
        if e.get("event") == "bot" and said is not None and slug:
            out.append((said, str(slug)))
            said = None
    return out


def returned_to(tracker: Tracker) -> str | None:
    """The earlier matter a message going back to one (回到…, 说回…) means: of the turns answered
    before the last one, the one that shares the most words with the message (配方被带走 → the
    turn that told it), the latest on a tie; None when the message goes back to nothing or only
    one turn was answered. Its service may be the last one's too (two matters of one service)."""
    text = user_text(tracker)
    if not RETURNS_TO.search(text):
        return None
    earlier = turns_answered(tracker)[:-1]
    if not earlier:
        return None
    words = bigrams(RETURNS_TO.sub("", text))
    best = max(reversed(earlier), key=lambda turn: len(words & bigrams(turn[0])))
    return best[1]
