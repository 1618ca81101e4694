"""The 12345 work-order draft next to the assist suggestions, shaped after GB/T 33358-2016's
work-order fields: 诉求类型, 来电内容摘要, 涉及事项, 承办单位, 办理方式, 办结时限, 答复口径."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.call_category import route
from bot.call_classifier import Verdict
from services_catalog.answers import ask_unit
from services_catalog.due_dates import due_date
from services_catalog.normalize import strip_filler
from services_catalog.schemas import ServiceOut

QUESTION_LABEL = {
    "overview": "办理时限和渠道", "time_limit": "办理时限", "due_date": "办结日期",
    "channel": "办理地点和渠道", "materials": "所需材料", "fee": "收费标准",
    "department": "负责部门", "howto": "办理流程", "policy": "相关政策",
}
SUMMARY_WORDS = 80
_SPEAKER = re.compile(r"^\s*\S{0,6}[:：]\s*")
_OPENER = re.compile(r"^(?:[喂嗯啊哦呃哎]+|你好+|您好|同志你?好|你好你好)[，,。？?！!、\s]*")


def caller_words(text: str) -> str:
    """The caller's words in one line: speaker labels and openers (喂，你好) dropped."""
    parts = []
    for line in text.splitlines():
        s = _SPEAKER.sub("", line).strip()
        while True:
            t = _OPENER.sub("", s)
            if t == s:
                break
            s = t
        s = strip_filler(s)
        if s:
            parts.append(s)
    words = "，".join(parts)
    return words[:SUMMARY_WORDS] + ("…" if len(words) > SUMMARY_WORDS else "")


def summary(text: str, category: str, services: list[ServiceOut], questions: list[str]) -> str:
    said = caller_words(text)
    head = f"来电人反映：{said}。" if said else "来电人来电。"
    if category == "咨询" and services:
        labels = "、".join(dict.fromkeys(QUESTION_LABEL.get(q, q) for q in questions))
        names = "、".join(s.name for s in services)
        return f"{head}咨询{names}的{labels}。"
    return f"{head}诉求类型：{category}。"


def handling_unit(service: ServiceOut | None) -> str:
    """承办单位: the unit the answer tells the caller to ask (`ask_unit`), so that the draft and
    the spoken script never name different offices — the task's own 责任单位 when an area's
    牵头单位 (州政资局 for 户籍) is not among them. Empty when the catalog names no unit."""
    if service is None or not (service.lead_unit or service.departments):
        return ""
    return ask_unit(service)


def non_consultation_reply(category: str, route_: str, unit: str) -> str:
    """What the agent says when the call is no question the catalog answers."""
    if route_ == "转110/119/120":
        return "您反映的是紧急情况，请立即拨打110、119或120，我这边同时为您转接。"
    if route_ == "引导法定途径":
        return "这类事项需要通过诉讼、仲裁或行政复议等法定途径解决，我把受理渠道告诉您。"
    to = f"转交{unit}" if unit else "转交承办单位"
    return f"您反映的{category}事项我已经记录，会按规定{to}办理，请保持电话畅通。"


def build(
    text: str, services: list[ServiceOut], questions: list[str], reply: str | None,
    answered: bool, today: date, due_working_days: int | None, verdict: Verdict | None,
) -> dict[str, Any] | None:
    """`answered`: a script exists and the catalog holds every asked fact of every service.
    `verdict`: bot/call_classifier.classify's request type; None (too uncertain) drafts nothing."""
    if verdict is None:
        return None
    category = verdict.category
    can_close = category == "咨询" and bool(services) and bool(reply) and answered
    lead = services[0] if services else None
    due = (due_date(today, due_working_days, "工作日").date.isoformat()
           if due_working_days and not can_close else None)
    unit = handling_unit(lead)
    how = route(text, category, can_close)
    if category != "咨询":
        reply = non_consultation_reply(category, how, unit)
    return {
        "category": category,
        "summary": summary(text, category, services, questions),
        "services": [s.slug for s in services],
        "handling_unit": unit,
        "route": how,
        "due_date": due,
        "reply": reply or "",
        "can_close_on_call": can_close,
    }
