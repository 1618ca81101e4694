"""Life events (我想开个饭馆，要办哪些手续): which scenario a message asks about, and its checklist.

A scenario (services_catalog/scenarios.py) is an ordered list of catalog services. Its answer is
one line per service — the line the several-services answer gives for a time question, so the
same time limit and 第N条 from the catalog (services_catalog/several.py) — plus a button per
service to ask about it. The scenario itself adds no figure.

Detection is by the scenario's name and trigger phrases, through the catalog search's phrase and
pinyin matcher (services_catalog/search.py) over an index of scenario phrases only. A phrase that
also names a service (开诊所 is an alias of 医疗机构执业登记), or any service named besides it
(开饭馆用电要多久), is a question about that service, unless the message asks for the procedures
(哪些手续, 要跑哪些部门 …). A short statement after an answer (我们是开饭馆的) is a condition of
the service at hand (resolve.py), not a new life event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services_catalog import plan
from services_catalog.answers import Answer, compose
from services_catalog.normalize import normalize
from services_catalog.question_cues import DECISIVE, QUESTION_CUE, QUESTION_CUES, states_condition
from services_catalog.schemas import ScenarioOut
from services_catalog.several import LINE, SURE
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

# Asking for the set of procedures, not one service's fact.
PROCEDURES = re.compile(
    r"哪些手续|什么手续|啥手续|手续有哪些|手续都有|手续咋|手续怎么|办手续|流程|环节|"
    r"办哪些|办什么|办啥|需要办|要办哪|都要办|都需要|都得办|得办哪|要跑哪|跑哪些|跑几个|哪些部门|"
    r"哪些证|什么证|啥证|几个证|哪些审批|哪些许可|什么许可|哪些事项|什么事项|哪些事|先办什么|先办啥|"
    r"从哪开始|从哪里开始|第一步|步骤|需要准备什么|要准备什么|准备哪些|"
    r"一件事|清单|都要经过|要经过哪")
# 开一家小饭馆 / 开间民宿 / 建两栋厂房 → 开饭馆, 开民宿, 建厂房: the phrase matcher already drops 个
# after a verb (search._VERB_MEASURE); life events also say 一家, 间, 座 and 小/新.
_MEASURE = re.compile(r"(?<=[开办建盖做搞雇招])了?(?:一|两|几)?(?:家|间|座|栋|所|个|批|些|名|位)"
                      r"(?:小|新)?"
                      r"|(?<=[开办建盖])(?:小|新)(?=[\u4e00-\u9fff]{2})")
STEP_SEPARATOR = "——"
# Without a procedures cue, a life event is asked about as a whole by how long (开饭馆要多久), how
# (想开个民宿 怎么弄) or what support there is; a message asking only a service's fact (材料去哪交,
# 在哪交, 要钱吗) asks about one service. 欠钱不还 asks no fee: the fee cue is the decisive one.
_FACT_CUES = (DECISIVE["ask_fee"], *(QUESTION_CUES[k] for k in
                                     ("ask_materials", "ask_department", "ask_channel")))
_WHOLE_CUES = tuple(QUESTION_CUES[k] for k in
                    ("ask_due_date", "ask_time_limit", "ask_howto", "ask_policy"))


_HOW = QUESTION_CUES["ask_howto"]


def _asks_a_fact(text: str) -> bool:
    return any(cue.search(text) for cue in _FACT_CUES)


def _asks_whole(text: str) -> bool:
    return any(cue.search(text) for cue in _WHOLE_CUES)


def _bare(text: str) -> str:
    return _MEASURE.sub("", normalize(text))


@dataclass(frozen=True)
class LifeEvent:
    scenario: ScenarioOut
    # Services the message names itself (执照要办，后厨还要接燃气), in its order: the card's main
    # service is the first of them, and any the scenario lacks joins the checklist.
    named: tuple[str, ...] = ()
    # The service the message is most about: the card's slug and the first suggestion.
    main: str | None = None

    @property
    def lead(self) -> str | None:
        return self.named[0] if self.named else self.main

    def slugs(self, snap: CatalogSnapshot) -> list[str]:
        """The checklist's services: the scenario's (still active) ones, then the others named."""
        own = [link.slug for link in self.scenario.services if link.slug in snap.services]
        return [*own, *(slug for slug in self.named if slug not in own)]


def _named(snap: CatalogSnapshot, bare: str) -> list[tuple[int, int, str]]:
    """(start, end, slug) of each service named (name, alias or pinyin), in message order."""
    return sorted((start, end, slug) for slug, start, end, conf
                  in snap.index.named_spans(bare) if conf >= SURE)


def life_event_asked(snap: CatalogSnapshot, text: str,
                     previous: str | None = None) -> LifeEvent | None:
    """The life event a message asks about, or None (a service question, or no life event)."""
    if text.startswith("/") or snap.scenario_index is None:
        return None  # a button payload; a catalog without scenarios
    bare = _bare(text)
    hits = [h for h in snap.scenario_index.named_spans(bare) if h[3] >= SURE]
    if not hits:
        return None  # most messages: one phrase scan over a few hundred phrases, then out
    slug, start, end, _ = hits[0]
    scenario = snap.scenarios.get(slug)
    if scenario is None:
        return None
    spans = _named(snap, bare)
    # A service named only inside the scenario's phrase (开化妆品店: 化妆品) is part of it; one
    # whose name covers the phrase (开诊所 is 医疗机构执业登记's alias) is named as well.
    covering = [slug for a, b, slug in spans if a <= start and end <= b]
    outside = [slug for a, b, slug in spans if not (start <= a and b <= end)]
    named = tuple(dict.fromkeys(outside))
    if PROCEDURES.search(bare) or len({*covering, *named}) >= 2:
        # 开饭馆要办哪些手续; 开个饭馆，执照要办，后厨还要接燃气，加起来多久
        return _event(snap, scenario, named, bare)
    if previous and states_condition(text, snap.condition_words):
        return None  # 我们是开饭馆的, after 用电报装: its 非居民 variant
    if covering:
        return None  # 开诊所要多久, 裁员要备案吗: the words name a service as well; that one
    if not QUESTION_CUE.search(bare) and not _asks_a_fact(bare):
        # 开奶茶店，门面是租的，要接燃气: the plan told, not a question asked
        return _event(snap, scenario, named, bare)
    if named and not (_HOW.search(bare) and named[0] in {link.slug for link in scenario.services}):
        # 开饭馆用电要多久: about 用电报装 (its 非居民 variant, from 饭馆). But 想开个小诊所，注册
        # 公司跟医疗机构审批咋弄 asks how to go about it all, naming one of its steps.
        return None
    if _asks_a_fact(bare) and not _asks_whole(bare):
        return None  # 建厂房的审批材料去哪交: one service's fact
    return _event(snap, scenario, named, bare)  # 开饭馆要多久; 招员工有啥支持


def _event(snap: CatalogSnapshot, scenario: ScenarioOut, named: tuple[str, ...],
           bare: str) -> LifeEvent:
    """The life event, with its main service: the first one the message names, else the
    checklist's service its words read closest to (开个收废品的站 要去公安备案吗 → 特种行业与
    保安服务许可), else the first. The search runs only here, for the few life-event messages."""
    event = LifeEvent(scenario, named)
    if named:
        return event
    steps = event.slugs(snap)
    best = next((h.slug for h in snap.index.search(bare, 10) if h.slug in steps), None)
    return LifeEvent(scenario, named, best)


def _button(slug: str, name: str) -> dict[str, str]:
    return {"title": name, "payload": f'/inform_service{{"service": "{slug}"}}'}


def life_event_answer(snap: CatalogSnapshot, event: LifeEvent) -> Answer:
    """The checklist: per service its time limit and 第N条, read from the catalog; where a
    service's limit depends on who asks and the scenario's own words say it (开饭馆 → 非居民
    用电), that variant — else every variant. The card is shaped as the several-services card
    (its main service's card plus `several`), so whatever reads a service card reads it."""
    scenario = event.scenario
    notes = {link.slug: link.note for link in scenario.services}
    lines: list[str] = []
    steps: list[dict[str, object]] = []
    buttons: list[dict[str, str]] = []
    for slug in event.slugs(snap):
        service = snap.services[slug]
        note = notes.get(slug, "")
        answer = compose(service, "time_limit", text=f"{scenario.name} {note}",
                         list_variants=True)
        # A checklist line stays short: the step's 第N条 without the plan's sentence (the card
        # quotes each step's task).
        line = render(LINE.get(answer.response, "utter_line_policy"),
                      {**answer.variables, "plan_quote": ""})
        if note:
            line += STEP_SEPARATOR + note
        lines.append(f"{len(lines) + 1}. {line}")
        # The card quotes each step's task (its 依据) from the plan itself, as the line cites it.
        item = int(answer.variables["item"])
        steps.append({"slug": service.slug, "name": service.name, "note": note, "item": item,
                      "time_limit": answer.variables["time_limit"] or None,
                      "condition": answer.condition,
                      "citation": {"item": item, "text": plan.task(item).text}})
        buttons.append(_button(service.slug, service.name))
    variables = {
        "scenario_name": scenario.name,
        "lines": "\n".join(lines),
        "description": scenario.description,
    }
    # Shaped as the several-services card (a main service's slug and name, `several`), so
    # whatever reads service cards reads it; the main service is the first one named.
    main = next((s for s in steps if s["slug"] == event.lead), steps[0] if steps else {})
    card = {"type": "life_event", "slug": main.get("slug"), "name": main.get("name"),
            "scenario": scenario.slug, "scenario_name": scenario.name, "steps": steps,
            "several": [{"slug": s["slug"], "name": s["name"]} for s in steps]}
    return Answer("utter_life_event", variables, card, buttons)


def checklist_text(snap: CatalogSnapshot, event: LifeEvent) -> str:
    """The checklist as one text (agent assist, degraded mode)."""
    answer = life_event_answer(snap, event)
    return render(answer.response, answer.variables)
