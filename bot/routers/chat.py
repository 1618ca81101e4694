"""POST /api/chat: the widget's (and the mini-program's) conversation endpoint."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator

from bot.catalog_reply import script
from bot.deps import RasaDep, SessionDep, SettingsDep, current_snapshot
from bot.masking import mask_personal
from bot.offered import OfferedButtons, is_payload, offered_payloads
from bot.rasa_client import RasaUnavailable
from bot.ratelimit import InFlightSlot, enforce_rate_limit
from services_catalog.absent_facts import absent_fact, missing_answer
from services_catalog.answers import INTENT_QUESTION, other_region_answer, personal_answer
from services_catalog.life_events import life_event_answer, life_event_asked
from services_catalog.models import ChatLog
from services_catalog.question_cues import decisive_question_type, question_type
from services_catalog.resolve import resolve
from services_catalog.scope import other_region
from services_catalog.several import services_asked, several_answer
from services_catalog.situation_lines import related_to_answer
from services_catalog.wording import render

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
SENDER_RE = r"^[A-Za-z0-9_.:\-]{1,80}$"


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    text: str | None = None
    buttons: list[Button] | None = None
    custom: dict[str, Any] | None = None


class ChatIn(BaseModel):
    sender: str = Field(pattern=SENDER_RE, description="会话ID / conversation id")
    message: str = Field(min_length=1, description="用户消息，最多500字")

    @field_validator("message")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = CONTROL.sub("", v).strip()
        if not v:
            raise ValueError("消息不能为空 / message must not be empty")
        return v


class ChatOut(BaseModel):
    sender: str
    messages: list[BotMessage]
    degraded: bool = False


def merge_messages(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa's REST channel sends a card as its own message; attach it to the text before it."""
    out: list[dict[str, Any]] = []
    for m in raw:
        msg = {k: m[k] for k in ("text", "buttons", "custom") if m.get(k)}
        if "custom" in msg and "text" not in msg and out and "custom" not in out[-1]:
            out[-1]["custom"] = msg["custom"]
            continue
        if msg:
            out.append(msg)
    return out


def degraded_reply(snapshot, text: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The catalog's answer, then (a situation told at length) the other matters it touches, as
    the action server adds them: the situation memory runs in this process already for agent
    assist, on the catalog search's encoder (docs/pipeline.md §7 has its cost)."""
    messages = degraded_answer(snapshot, text)
    extra = related_to_answer(snapshot, text, messages[1:])
    if extra is not None:  # no buttons: their /inform_service payloads need Rasa
        messages.append({"text": extra[0], "custom": {**extra[1], "degraded": True}})
    return messages


def degraded_answer(snapshot, text: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    notice = {"text": render("utter_degraded", {}), "custom": {"type": "degraded"}}
    region = other_region(text)
    if region is not None:
        scoped = other_region_answer(region)
        return [notice, {"text": render(scoped.response, scoped.variables), "custom": scoped.card}]
    # The question its wording shows (要钱吗 → fee), else the overview.
    question = INTENT_QUESTION.get(decisive_question_type(text) or question_type(text) or "",
                                   "overview")
    event = life_event_asked(snapshot, text)
    if event is not None:  # 我想开个饭馆，要办哪些手续: the checklist (its buttons need Rasa)
        checklist = life_event_answer(snapshot, event)
        return [notice, {"text": render(checklist.response, checklist.variables),
                         "custom": {**(checklist.card or {}), "degraded": True}}]
    several = services_asked(snapshot, text)
    if several:
        lines = several_answer(snapshot, several, question, message=text)
        return [notice, {"text": render(lines.response, lines.variables),
                         "custom": {**(lines.card or {}), "degraded": True}}]
    found = resolve(snapshot, text)
    affair = found.affair
    if affair is not None:  # 结婚登记要带啥: a person's own affair, not the plan's
        personal = personal_answer(affair)
        return [notice, {"text": render(personal.response, personal.variables),
                         "custom": personal.card}]
    missing = absent_fact(text)
    if missing is not None:
        plain = missing_answer(missing, found, snapshot.services, text)
        reply: dict[str, Any] = {"text": render(plain.response, plain.variables)}
        if plain.card:
            reply["custom"] = {**plain.card, "degraded": True}
        return [notice, reply]
    if found.slug is None:
        return [notice, {"text": render("utter_not_understood", {})}]
    answer, card = script(snapshot.services[found.slug], question, text)
    return [notice, {"text": answer, "custom": {**card, "degraded": True}}]


def offered_buttons(request: Request) -> OfferedButtons:
    state = request.app.state
    store = getattr(state, "offered", None)
    if store is None:
        store = state.offered = OfferedButtons(getattr(state, "redis", None))
    return store


@router.post("/api/chat", response_model=ChatOut, response_model_exclude_none=True,
             dependencies=[InFlightSlot],
             responses={422: {"description": "输入有误，或发送了机器人未提供的按钮"},
                        429: {"description": "请求过于频繁 / rate limited"},
                        503: {"description": "服务繁忙 / too many requests in flight"}})
async def chat(
    body: ChatIn, request: Request, rasa: RasaDep, session: SessionDep, settings: SettingsDep,
) -> ChatOut:
    if len(body.message) > settings.max_message_chars:
        raise HTTPException(
            413, f"消息过长：最多{settings.max_message_chars}字 / message longer than "
                 f"{settings.max_message_chars} characters",
        )
    await enforce_rate_limit(request, body.sender, settings)
    offered = offered_buttons(request)
    if is_payload(body.message) and not await offered.take(body.sender, body.message):
        # A raw Rasa payload (/feedback_satisfied …) the bot never offered here, or a rating
        # already given: Rasa would act on it without question.
        raise HTTPException(422, "请直接输入您的问题（该按钮已失效）/ not a button offered in "
                                 "this conversation")
    text = mask_personal(body.message)
    degraded = False
    try:
        messages = merge_messages(await rasa.send(body.sender, text))
        if not messages:  # Rasa answered nothing: its action server failed
            messages = [{"text": render("utter_service_unavailable", {}),
                         "custom": {"type": "unavailable"}}]
            degraded = True
    except RasaUnavailable as exc:
        log.warning("rasa unavailable, answering from the catalog: %s", exc)
        # The catalog snapshot only matters here: checking it on every turn cost ~2.5 ms.
        snapshot = await current_snapshot(request.app.state.catalog, session)
        messages = await run_in_threadpool(degraded_reply, snapshot, text)  # search: CPU
        degraded = True
    await offered.remember(body.sender, offered_payloads(messages))
    card = next((m["custom"] for m in messages if m.get("custom", {}).get("slug")), None)
    kinds = {m.get("custom", {}).get("type") for m in messages}
    session.add(ChatLog(
        # A hand-off to 12345 is recorded as such: analytics counts them (bot/analytics.py).
        channel="handoff" if "handoff" in kinds else "chat", sender=body.sender, text=text,
        reply="\n".join(m.get("text", "") for m in messages)[:2000],
        slug=card["slug"] if card else None,
        fallback=unanswered(messages), degraded=degraded,
        # The inbox of missed questions lists out-of-scope ones that asked something.
        kind="out_of_scope" if "out_of_scope" in kinds else None,
    ))
    return ChatOut(sender=body.sender, messages=[BotMessage(**m) for m in messages],
                  degraded=degraded)


def unanswered(messages: list[dict[str, Any]]) -> bool:
    """Did the bot fail to answer? A fallback reply, or a hand-off because it missed twice; a
    hand-off the user asked for (转人工, a complaint) is counted as a hand-off only."""
    for m in messages:
        custom = m.get("custom") or {}
        if custom.get("type") == "fallback":
            return True
        if custom.get("type") == "handoff" and custom.get("reason") == "not_understood":
            return True
    return False
