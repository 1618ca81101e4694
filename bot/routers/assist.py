"""POST /api/assist: service cards and reply scripts for 12345 hotline agents.

Staff only (role agent or above, bot/admin_auth.py): 401 without a login. Each account has its
own per-minute budget, not the caller's IP's.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, field_validator

from bot.admin_auth import AgentDep
from bot.assist_channel import channel_only
from bot.assist_confidence import ranked_confidences, script_allowed
from bot.assist_focus import focus_lines
from bot.assist_life_event import checklist, life_event_call
from bot.assist_transcript import (
    asked_by_lines,
    caller_lines,
    caller_text,
    is_transcript,
    question_lines,
)
from bot.call_category import is_off_topic
from bot.call_classifier import classify
from bot.catalog_reply import card_basis, due_dates, question_for, script, today
from bot.deps import RasaDep, SessionDep, SettingsDep, SnapshotDep
from bot.masking import mask_personal
from bot.rasa_client import RasaUnavailable
from bot.ratelimit import InFlightSlot, enforce_account_limit
from bot.routers.chat import CONTROL
from bot.spoken_script import answered_by_catalog, is_greeting_only, questions_in, spoken
from bot.workorder import build as build_workorder
from services_catalog.absent_facts import absent_fact
from services_catalog.answers import missing_fact_answer, other_region_answer, service_tasks
from services_catalog.evidence import relevant_clauses
from services_catalog.models import AssistCopy, ChatLog
from services_catalog.resolve import SURE, promised_first
from services_catalog.scope import other_region
from services_catalog.search import Hit
from services_catalog.several import services_asked
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

router = APIRouter(tags=["assist"], responses={
    401: {"description": "未登录 / not logged in (role agent or above needed)"},
    503: {"description": "服务繁忙 / too many requests in flight"},
})
MAX_SUGGESTIONS = 5
class AssistIn(BaseModel):
    text: str = Field(min_length=1, description="来电人说的话，或粘贴的通话记录")

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = CONTROL.sub("", v.replace("\r", "")).strip()
        if not v:
            raise ValueError("内容不能为空 / text must not be empty")
        return v


class NoMatchIn(AssistIn):
    text: str = Field(min_length=1, max_length=4000, description="坐席认为无匹配事项的来电内容")


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
# In a transcript whose caller also tells a story, a service only the story's lines match (not
# the question lines) counts this much of its score: the story is the setting, not the question.
STORY_WEIGHT = 0.6


@router.post("/api/assist", dependencies=[InFlightSlot])
async def assist(
    body: AssistIn, request: Request, rasa: RasaDep, session: SessionDep,
    snapshot: SnapshotDep, settings: SettingsDep, staff: AgentDep,
) -> dict[str, Any]:
    if len(body.text) > settings.max_assist_chars:
        raise HTTPException(413, f"内容过长：最多{settings.max_assist_chars}字 / text too long")
    if not staff.operator:  # CATALOG_ADMIN_TOKEN: the operator's scripts and evaluations
        await enforce_account_limit(request, staff.username, settings)
    transcript = is_transcript(body.text)
    lines = focused(snapshot, caller_lines(mask_personal(body.text)))
    text = "\n".join(lines)
    if is_greeting_only(text):
        # 喂，你好， — the caller has not said what they need: nothing to suggest yet.
        return {"suggestions": [], "workorder": None, "status": "greeting", "intent": {},
                "entities": [], "question": "overview", "questions": [],
                "explain": {"candidates": [], "several": [], "evidence": {}}}
    intent: dict[str, Any] = {}
    entities: list[dict[str, Any]] = []
    # The catalog search (its sentence encoder: 10–40 ms of CPU) runs in a thread while Rasa
    # parses the same text in its own process; one after the other they took ~2x as long.
    searching = asyncio.create_task(
        asyncio.to_thread(snapshot.index.search, text, MAX_SUGGESTIONS * 2))
    classifying = asyncio.create_task(asyncio.to_thread(classify, text))  # the request type
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
    hits = promised_first(snapshot, await searching, text)  # 营业执照多久 → 企业开办
    for hit in hits:
        if hit.confidence >= ASSIST_MIN:
            # A name/alias match keeps its confidence; free-text hits are discounted a little.
            weight = 1.0 if hit.kind != "bm25" else 0.9
            scores[hit.slug] = max(scores.get(hit.slug, 0.0), hit.confidence * weight)
    asking = question_lines(lines) if transcript else []
    if asking and len(asking) < len(lines):
        # The caller's question lines say what is asked; the story around them (我去劳动仲裁了。
        # …开个小公司，营业执照几天能办下来？) only supports it: a service the whole call matches
        # keeps its score when the question lines match it too, else counts for less.
        words = "\n".join(asking)
        asked_hits = promised_first(snapshot, snapshot.index.search(words, MAX_SUGGESTIONS * 2),
                                    words)
        supported = {h.slug for h in asked_hits if h.confidence >= ASSIST_MIN}
        scores = {slug: raw if slug in supported else raw * STORY_WEIGHT
                  for slug, raw in scores.items()}
        for hit in asked_hits:
            if hit.confidence >= ASSIST_MIN:
                weight = 1.0 if hit.kind != "bm25" else 0.9
                scores[hit.slug] = max(scores.get(hit.slug, 0.0), hit.confidence * weight)
        seen = {h.slug for h in asked_hits}
        hits = [*asked_hits, *(h for h in hits if h.slug not in seen)]
    if transcript and len(scores) > 1:
        scores.pop(HOTLINE_SLUG, None)
    # Equal scores (two services named) keep the search's order: the longer phrase, the one the
    # caller asks about.
    order = {hit.slug: i for i, hit in enumerate(hits)}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    ranked = ranked[:MAX_SUGGESTIONS]
    question = question_for(intent.get("name"))
    # Each service the caller's question lines name, with the questions its own words ask.
    own = {a.slug: a for a in asked_by_lines(snapshot, lines, question)}
    asked = services_asked(snapshot, text) or list(own)
    if asked:
        # 开公司和接水分别要多久: one suggestion per service the caller asks about, in order.
        ranked = [(slug, scores.get(slug, 1.0)) for slug in asked]
    # 自己交社保…能在手机上办吗: the app named only by the channel question comes after.
    aside = channel_only(snapshot, text, asked or [slug for slug, _ in ranked])
    if aside:
        asked = [slug for slug in asked if slug not in aside]
        ranked = sorted(ranked, key=lambda kv: kv[0] in aside)
    life_event: dict[str, Any] | None = None
    call = None if asked else life_event_call(snapshot, text, hits)
    if call is not None:
        # 来电人想开饭馆，问要办哪些手续: one suggestion per service of the checklist — the one
        # the caller asks about (bot/assist_life_event.py) first, then the scenario's order
        # (the first MAX_SUGGESTIONS) — and the whole checklist as a script of its own.
        asked = call.order[:MAX_SUGGESTIONS]
        ranked = [(slug, 1.0) for slug in asked]
        life_event = checklist(snapshot, call, text)
    scope: dict[str, str] | None = None
    region = other_region(text)
    if region is not None:
        # Another region's policy: no 昌吉 card to read out, the scope reply instead.
        scoped = other_region_answer(region)
        scope = {"region": region, "answer": render(scoped.response, scoped.variables)}
        ranked = []

    # What the caller asks: the question lines' words (a story's 工钱 asks no fee).
    questions = questions_in("\n".join(asking) or text, question)
    if life_event is not None:
        # 要办哪些手续 asks for the list, not each service's 办理方式: say each one's time limit.
        questions = [q for q in questions if q not in ("howto", "policy")] or ["overview"]
    top_raw = ranked[0][1] if ranked else 0.0
    # Below the floor the words are too thin for a script: 信息不足，请继续听.
    speak = script_allowed([raw for _, raw in ranked]) or bool(asked)
    missing = absent_fact(text)
    suggestions = []
    named: list[str] = []  # the services the caller named: the top and any tied with it
    ties = [rank > 0 and raw >= top_raw - 0.005 for rank, (_, raw) in enumerate(ranked)]
    shown = ranked_confidences([raw for _, raw in ranked], ties)
    for rank, (slug, raw) in enumerate(ranked):
        service = snapshot.services[slug]
        tied = ties[rank]
        if rank == 0 or (tied and raw >= 0.9) or slug in asked:
            named.append(slug)
        card_answer, card = script(service, question, text)
        mine = own.get(slug) if slug in asked else None
        # A service asked in its own words is answered what those words ask (用水报装 多久,
        # 燃气报装 收费), not every question of the call.
        answer = (spoken(service, mine.questions if mine else questions,
                         mine.words if mine else text, today()) if speak else None)
        if missing is not None:  # 电话多少 / 局长是谁: the plan does not say; where to ask
            plain = missing_fact_answer(missing, service, snapshot.services)
            answer = card_answer = render(plain.response, plain.variables)
        dues = due_dates(service)
        suggestions.append({
            "service": {"slug": slug, "name": service.name},
            "confidence": shown[rank],
            "answer": answer,
            "card_answer": card_answer,
            "time_limits": card["time_limits"],
            "departments": card["departments"],
            "lead_unit": card["lead_unit"],
            "channels": card["channels"],
            "fees": card["fees"],
            "citation": card["citation"],
            # 《行动方案（2023—2025年）》第N条, or the later decision a figure rests on
            "basis": card_basis(service, card),
            **({"due_date": dues[0], "due_dates": dues} if dues else {}),
        })
    services = [snapshot.services[s] for s in named] if speak else []
    reply = ((life_event or {}).get("script")
             or "".join(s["answer"] or "" for s in suggestions if s["service"]["slug"] in named)
             or (scope or {}).get("answer"))
    workorder = build_workorder(
        text, services, questions, reply,
        answered=all(answered_by_catalog(s, q) for s in services
                     for q in (own[s.slug].questions if s.slug in own else questions)),
        today=today(), due_working_days=settings.hotline_due_working_days,
        verdict=await classifying,
    )
    if (workorder and not speak and workorder["category"] in ("咨询", "其他")
            and not is_off_topic(text)):
        workorder = None  # a question not yet understood: 信息不足，请继续听
    session.add(ChatLog(channel="assist", sender="assist", text=text[:2000],
                        reply=(reply or "")[:2000],
                        slug=ranked[0][0] if ranked else None, fallback=not ranked))
    return {"suggestions": suggestions, "workorder": workorder,
            "status": "ok" if speak else ("listen" if ranked else "none"),
            "intent": intent, "entities": entities, "question": question,
            "questions": questions, **({"scope": scope} if scope else {}),
            **({"life_event": life_event} if life_event else {}),
            "explain": explain(snapshot, text, hits, ranked,
                               asked if call is None else list(call.event.named))}


def focused(snapshot: CatalogSnapshot, lines: list[str]) -> list[str]:
    """The caller's lines without the matters they set aside (孩子上学的事我已经问过了，…燃气报装;
    走不了简易的……那普通注销), when the rest still names a service (bot/assist_focus.py)."""
    focus = focus_lines(lines)
    if focus == lines:
        return lines
    hits = snapshot.index.search("\n".join(focus), 1)
    return focus if hits and hits[0].confidence >= SURE else lines


def explain(snapshot: CatalogSnapshot, text: str, hits: list[Hit],
            ranked: list[tuple[str, float]], asked: list[str]) -> dict[str, Any]:
    """Why these suggestions, for the console to show on demand: the search's candidates with
    their scores and how they matched, the services asked together, and per suggestion the
    plan's clauses that best address the caller's words (第item条)."""
    return {
        "candidates": [{"slug": h.slug, "name": snapshot.services[h.slug].name,
                        "score": round(h.confidence, 3), "kind": h.kind, "matched": h.matched}
                       for h in hits],
        "several": list(asked),
        "evidence": {slug: [{"item": e.task, "text": e.clause.text, "score": round(e.score, 2)}
                            for e in relevant_clauses(
                                service_tasks(snapshot.services[slug]), text,
                                [snapshot.services[slug].name,
                                 *snapshot.services[slug].aliases])]
                     for slug, _ in ranked},
    }


@router.post("/api/assist/nomatch", status_code=201)
def record_no_match(body: NoMatchIn, session: SessionDep, staff: AgentDep) -> dict[str, Any]:
    """An agent found no matching service: the (masked) caller text goes to the staff inbox —
    the analytics page's unanswered questions — for a new alias or service."""
    row = ChatLog(channel="nomatch", sender="assist", text=caller_text(mask_personal(body.text)),
                  reply="", slug=None, fallback=True)
    session.add(row)
    session.flush()
    return {"id": row.id}


@router.post("/api/assist/copy", status_code=201)
def record_copy(body: CopyIn, session: SessionDep, snapshot: SnapshotDep,
                staff: AgentDep) -> dict[str, Any]:
    if body.slug not in snapshot.services:
        raise HTTPException(404, "没有找到该事项 / service not found")  # slug not echoed
    row = AssistCopy(slug=body.slug, rank=body.rank, query=mask_personal(body.query)[:2000])
    session.add(row)
    session.flush()
    return {"id": row.id, "slug": row.slug, "rank": row.rank}
