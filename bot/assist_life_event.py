"""Agent assist: is the call a life event, and which of its services comes first?

A caller who mentions their business (我开了个小饭店 / 店不开了) but asks about one service
(凭流水贷款 / 把公司销掉) is asking about that service: the agent needs its card first, not the
scenario's checklist in the scenario's order. services_catalog/life_events.py decides whether it
is a life event at all, for chat too (开了个小饭店，能不能凭流水贷款 is not: the search reads
信用贷款 as surely as free text gets); here the search's ranking of the call orders the checklist:

- the search's top hit is a name/alias match of a checklist service the caller did not name
  apart from the scenario's phrase (店不开了 is 注销's alias as well as 注销退出's trigger): it
  comes first, before the other services named (来回跑 → 一件事一次办);
- nothing named and the search unsure which step is meant (我想开个饭馆，要办哪些手续): the
  scenario's order, its first step first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services_catalog.effective import basis_text
from services_catalog.life_events import (
    LifeEvent,
    life_event_answer,
    life_event_asked,
)
from services_catalog.resolve import SURE
from services_catalog.search import Hit
from services_catalog.situation_lines import cited_in, extra_matters
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

# The checklist service the words read closest to leads only when the search is fairly sure of
# it (band 2 of bot/assist_confidence.py: 91 % of such tops right on the dev sets); below, the
# match is noise (开个饭馆要办哪些手续: 用电报装 at 0.45 on 个) and the scenario's own order leads.
MAIN_MIN = 0.5


@dataclass(frozen=True)
class CallEvent:
    event: LifeEvent
    steps: list[str]  # the checklist's services, in the scenario's order
    order: list[str]  # the suggestions' order: the service asked about first, then the steps


def confidence(hits: list[Hit], slug: str) -> float:
    return next((h.confidence for h in hits if h.slug == slug), 0.0)


def life_event_call(snapshot: CatalogSnapshot, text: str, hits: list[Hit]) -> CallEvent | None:
    """The life event an agent's call asks about, with the suggestions' order; None when the
    call is about one service (or no life event)."""
    event = life_event_asked(snapshot, text)
    if event is None:
        return None
    steps = event.slugs(snapshot)
    # The services named, the search's surest and most specific first (最近有个客户欠款不还，我们想
    # 上出口信用保险: the longer name, 出口信用保险, before 欠款不还), else in the order said.
    rank = {h.slug: i for i, h in enumerate(hits)}
    first = sorted(event.named, key=lambda slug: (-round(confidence(hits, slug), 3),
                                                  rank.get(slug, len(rank))))
    if not first and event.main and confidence(hits, event.main) >= MAIN_MIN:
        first = [event.main]  # 开个小诊所需要办哪些手续 → 医疗机构执业登记
    top = hits[0] if hits else None
    if (top is not None and top.kind != "bm25" and top.confidence >= SURE
            and top.slug in steps and top.slug not in event.named):
        first = [top.slug, *(s for s in first if s != top.slug)]
    return CallEvent(event, steps, [*first, *(s for s in steps if s not in first)])


STEP_FIELDS = ("slug", "name", "item", "time_limit", "condition", "note")


def checklist(snapshot: CatalogSnapshot, call: CallEvent, text: str = "") -> dict[str, Any]:
    """`life_event` of the /api/assist response: the checklist as one script to read out, and
    its steps (service, 时限, 第N条, note) for the console to show — the same catalog figures.
    `text` (the caller's words): the other matters the situation touches (the situation memory,
    as chat adds them) follow the checklist in the script, and are listed in `related`."""
    answer = life_event_answer(snapshot, call.event)
    steps = (answer.card or {}).get("steps", [])
    script = render(answer.response, answer.variables)
    extra = extra_matters(snapshot, text, cited_in([answer.variables, answer.card])) \
        if text else None
    related = extra[1]["steps"] if extra else []
    return {"slug": call.event.scenario.slug, "name": call.event.scenario.name,
            "script": f"{script}\n{extra[0]}" if extra else script, "services": call.steps,
            "steps": [{**{k: step.get(k) for k in STEP_FIELDS},
                       "basis": step_basis(snapshot, step)} for step in steps],
            "related": [{k: r[k] for k in ("slug", "name", "item")} for r in related]}


def step_basis(snapshot: CatalogSnapshot, step: dict[str, Any]) -> str:
    """What a checklist step's time limit rests on, short: 第N条, or the later decision (文件名称
    （日期）) a figure rests on — the console shows it in place of a bare 第N条."""
    item = int(step.get("item") or 0)
    service = snapshot.services.get(str(step.get("slug")))
    if service is None or not item:
        return f"第{item}条" if item else ""
    condition = step.get("condition")
    limits = [t for t in service.time_limits if condition is None or t.condition in
              (None, condition)]
    return basis_text(limits, item).replace(basis_text([], item), f"第{item}条")
