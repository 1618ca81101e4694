"""POST /api/assist: service cards and reply scripts for 12345 hotline agents."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, field_validator

from bot.catalog_reply import due_dates, question_for, script
from bot.deps import RasaDep, SessionDep, SettingsDep, SnapshotDep
from bot.masking import mask_personal
from bot.rasa_client import RasaUnavailable
from bot.ratelimit import enforce_rate_limit
from bot.routers.chat import CONTROL
from services_catalog.models import AssistCopy, ChatLog

router = APIRouter(tags=["assist"])
MAX_SUGGESTIONS = 5
# Lines spoken by the agent in a pasted transcript: they name the hotline, not the caller's need.
AGENT_LINE = re.compile(r"^\s*(坐席|客服|话务员|接线员|工作人员|agent)\s*[:：]", re.I)
CALLER_LINE = re.compile(r"^\s*(来电人|来电|市民|群众|用户|企业|caller)\s*[:：]", re.I)


class AssistIn(BaseModel):
    text: str = Field(min_length=1, description="来电人说的话，或粘贴的通话记录")

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = CONTROL.sub("", v.replace("\r", "")).strip()
        if not v:
            raise ValueError("内容不能为空 / text must not be empty")
        return v


class CopyIn(BaseModel):
    slug: str = Field(min_length=1, max_length=80)
    rank: int = Field(ge=1, le=MAX_SUGGESTIONS)
    query: str = Field(default="", max_length=4000)


# The NLU's service entity is an alias match without the search's context (a longer phrase
# around it, the rest of the message): a candidate, not a verdict.
ENTITY_CONFIDENCE = 0.5
# An agent would rather see a weak candidate, with its confidence, than nothing.
ASSIST_MIN = 0.2
# On a transcript of a 12345 call, "12345" is the call itself (喂，是12345吧？), not a question
# about the hotline service.
HOTLINE_SLUG = "hotline-12345"


def is_transcript(text: str) -> bool:
    return any(AGENT_LINE.match(line) or CALLER_LINE.match(line) for line in text.splitlines())


# A caller's line that only confirms what the agent just said (坐席：您是要申请接自来水是吗？
# 来电人：对对对，就是这个): the agent's line then states the caller's need.
CONFIRMS = re.compile(r"^\s*\S{0,6}[:：]\s*(?:嗯|喂|啊|，|,|\s)*(?:对(?!了)|是的|是是|没错|就是)")
AGENT_ASKS = re.compile(r"[?？吗吧]\s*$")


def caller_text(text: str) -> str:
    if not is_transcript(text):
        return text
    lines = text.splitlines()
    kept = [line for i, line in enumerate(lines)
            if not AGENT_LINE.match(line)
            or (AGENT_ASKS.search(line) and i + 1 < len(lines)
                and CALLER_LINE.match(lines[i + 1]) and CONFIRMS.match(lines[i + 1]))]
    return "\n".join(kept) or text


@router.post("/api/assist")
async def assist(
    body: AssistIn, request: Request, rasa: RasaDep, session: SessionDep,
    snapshot: SnapshotDep, settings: SettingsDep,
) -> dict[str, Any]:
    if len(body.text) > settings.max_assist_chars:
        raise HTTPException(413, f"内容过长：最多{settings.max_assist_chars}字 / text too long")
    await enforce_rate_limit(request, None, settings)
    transcript = is_transcript(body.text)
    text = caller_text(mask_personal(body.text))
    intent: dict[str, Any] = {}
    entities: list[dict[str, Any]] = []
    # The catalog search (its sentence encoder: 10–40 ms of CPU) runs in a thread while Rasa
    # parses the same text in its own process; one after the other they took ~2x as long.
    searching = asyncio.create_task(
        asyncio.to_thread(snapshot.index.search, text, MAX_SUGGESTIONS * 2))
    try:
        parsed = await rasa.parse(text[:settings.max_message_chars])
        intent = parsed.get("intent") or {}
        entities = [{k: e.get(k) for k in ("entity", "value", "start", "end", "extractor")}
                    for e in parsed.get("entities", [])]
    except RasaUnavailable:
        intent = {}

    scores: dict[str, float] = {}
    for e in entities:
        if e["entity"] == "service" and e["value"] in snapshot.services:
            scores[e["value"]] = max(scores.get(e["value"], 0.0), ENTITY_CONFIDENCE)
    hits = await searching
    for hit in hits:
        if hit.confidence >= ASSIST_MIN:
            # A name/alias match keeps its confidence; free-text hits are discounted a little.
            weight = 1.0 if hit.kind != "bm25" else 0.9
            scores[hit.slug] = max(scores.get(hit.slug, 0.0), hit.confidence * weight)
    if transcript and len(scores) > 1:
        scores.pop(HOTLINE_SLUG, None)
    # Equal scores (two services named) keep the search's order: the longer phrase, the one the
    # caller asks about.
    order = {hit.slug: i for i, hit in enumerate(hits)}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    ranked = ranked[:MAX_SUGGESTIONS]

    question = question_for(intent.get("name"))
    suggestions = []
    for slug, confidence in ranked:
        service = snapshot.services[slug]
        answer, card = script(service, question, text)
        dues = due_dates(service)
        suggestions.append({
            "service": {"slug": slug, "name": service.name},
            "confidence": round(confidence, 3),
            "answer": answer,
            "time_limits": card["time_limits"],
            "departments": card["departments"],
            "lead_unit": card["lead_unit"],
            "channels": card["channels"],
            "fees": card["fees"],
            "citation": card["citation"],
            **({"due_date": dues[0], "due_dates": dues} if dues else {}),
        })
    session.add(ChatLog(channel="assist", sender="assist", text=text[:2000],
                        reply=suggestions[0]["answer"] if suggestions else "",
                        slug=ranked[0][0] if ranked else None, fallback=not ranked))
    return {"suggestions": suggestions, "intent": intent, "entities": entities,
            "question": question}


@router.post("/api/assist/copy", status_code=201)
def record_copy(body: CopyIn, session: SessionDep, snapshot: SnapshotDep) -> dict[str, Any]:
    if body.slug not in snapshot.services:
        raise HTTPException(404, "没有找到该事项 / service not found")  # slug not echoed
    row = AssistCopy(slug=body.slug, rank=body.rank, query=mask_personal(body.query)[:2000])
    session.add(row)
    session.flush()
    return {"id": row.id, "slug": row.slug, "rank": row.rank}
