"""Reply scripts an agent reads aloud: every question the caller asked, short sentences, no
citation tail (the 第N条 stays on the card). Figures come from the catalog record only."""

from __future__ import annotations

import re
from datetime import date

from services_catalog.answers import (
    INTENT_QUESTION,
    NEEDS_LIMIT,
    applicable_limits,
    ask_unit,
    beyond_limits,
    detect_condition,
    limit_clause,
)
from services_catalog.due_dates import due_date, format_date
from services_catalog.normalize import content_only, normalize, strip_filler
from services_catalog.question_cues import QUESTION_CUES
from services_catalog.schemas import ServiceOut

MAX_QUESTIONS = 4
# A catalog text's own citation tags (…数据共享（第27条）): on the card, not read aloud.
_CITE_TAG = re.compile(r"（第\d+条(?:[、，,]第?\d+条)*）")
# Cues that are only the setting of another question (怎么收费, 政策上几天): asked alone only.
WEAK = {"howto", "policy"}
# A call's opening: greetings, "can you hear me", "I want to ask" — no need stated yet.
_OPENING = re.compile(
    r"喂+|你好+|您好|你们好|同志|师傅|嗯+|啊+|哦+|呃+|哎+|唉|那个|这个|就是|是这样|是12345吧?"
    r"|(?:是)?(?:12345|热线)吗?|能听[见到]吗?|听得[见到]吗?|听不[见到]|好的?|对|我(?:想)?(?:问|咨询)"
    r"(?:一下|下|个事儿?|问)?|请问(?:一下|下)?|麻烦(?:问)?(?:一下|下)?|打扰(?:一下|了)?|有个事儿?")
_NON_CONTENT = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def is_greeting_only(text: str) -> bool:
    """喂，你好， / 喂？能听见吗？我问一下 / 那么，: the caller has not said what they need yet
    (the call's openings, or only the polite fillers the catalog search strips)."""
    norm = normalize(text)
    rest = _NON_CONTENT.sub("", _OPENING.sub("", norm))
    return len(rest) < 2 or not content_only(strip_filler(norm))


def questions_in(text: str, fallback: str | None = None) -> list[str]:
    """Every question type the words ask, in the order asked (多久…要交什么钱不 → time, fee)."""
    norm = normalize(text)
    found: list[tuple[int, str]] = []
    for intent, cue in QUESTION_CUES.items():
        m = cue.search(norm)
        if m:
            found.append((m.start(), INTENT_QUESTION[intent]))
    types = [q for _, q in sorted(found)]
    if "due_date" in types and "time_limit" in types:
        types.remove("time_limit")
    strong = [q for q in types if q not in WEAK]
    types = strong or types
    return types[:MAX_QUESTIONS] or [fallback or "overview"]


def _limits_sentence(service: ServiceOut, condition: str | None) -> str:
    limits = applicable_limits(service, condition)
    if not limits:
        return f"方案没有规定{service.name}的具体办理时限，以受理窗口告知为准"
    if len(limits) == 1 or condition:
        return f"{service.name}承诺{limits[0].text}内办结"
    return f"{service.name}" + "，".join(
        f"{t.condition or ''}{t.text}" for t in limits) + "内办结"


def _due_sentence(service: ServiceOut, condition: str | None, today: date) -> str:
    limits = applicable_limits(service, condition)
    if not limits:
        return _limits_sentence(service, condition)
    dues = [f"{t.condition or ''}最晚{format_date(due_date(today, t.amount, t.unit).date)}"
            for t in limits]
    return "今天受理的话，" + "，".join(dues) + "办完"


def sentence(service: ServiceOut, question: str, condition: str | None, today: date) -> str:
    if question == "time_limit":
        return _limits_sentence(service, condition)
    if question == "due_date":
        return _due_sentence(service, condition, today)
    if question == "fee":
        fees = "；".join(f.text for f in service.fees)
        return f"收费方面，{fees}" if fees else "方案对收费没有规定，以窗口告知为准"
    if question == "channel":
        channels = "、".join(service.channels)
        return (f"可以通过{channels}办理" if channels
                else "方案没有写明办理渠道，可以到政务服务大厅综合窗口咨询")
    if question == "materials":
        materials = "；".join(m.text for m in service.materials)
        return (f"需要准备的：{materials}" if materials
                else "材料清单以办事指南或窗口一次性告知为准")
    if question == "department":
        return f"这项业务由{ask_unit(service)}负责"
    if question == "howto":
        return _CITE_TAG.sub("", service.howto) or _limits_sentence(service, condition)
    if question == "policy":
        return _CITE_TAG.sub("", service.citation.text)
    parts = [_limits_sentence(service, condition)]  # overview: how long and where
    if service.channels:
        parts.append(f"可以通过{'、'.join(service.channels)}办理")
    return "，".join(parts)


def answered_by_catalog(service: ServiceOut, question: str) -> bool:
    """Whether the catalog holds the asked fact (not only "方案未写明")."""
    return {
        "time_limit": bool(service.time_limits), "due_date": bool(service.time_limits),
        "fee": bool(service.fees), "channel": bool(service.channels),
        "materials": bool(service.materials), "department": bool(service.lead_unit),
        "howto": bool(service.howto), "policy": True,
        "overview": bool(service.time_limits) and bool(service.channels),
    }.get(question, False)


def _beyond_sentence(service: ServiceOut, text: str) -> str:
    """A caller above a limit's capacity bound (300千瓦, 高压): the plan's clause, read out, says
    whom each day count covers; none of them is this caller's."""
    quote = limit_clause(service, beyond_limits(service, text)[0]).quote
    return f"按您说的容量，方案原文是：{quote}"


def spoken(service: ServiceOut, questions: list[str], text: str, today: date) -> str:
    condition = detect_condition(service, text)
    beyond = bool(beyond_limits(service, text))
    out: list[str] = []
    for q in questions:
        s = (_beyond_sentence(service, text) if beyond and q in NEEDS_LIMIT
             else sentence(service, q, condition, today)).rstrip("。")
        if s and s not in out:
            out.append(s)
    return "。".join(out) + "。"
