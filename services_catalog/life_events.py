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

from services_catalog.answers import Answer, compose
from services_catalog.normalize import normalize
from services_catalog.question_cues import QUESTION_CUES, states_condition
from services_catalog.schemas import ScenarioOut
from services_catalog.several import LINE, SURE
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render

# Asking for the set of procedures, not one service's fact.
PROCEDURES = re.compile(
    r"哪些手续|什么手续|啥手续|手续有哪些|手续都有|哪些流程|什么流程|啥流程|流程是|整个流程|全流程|"
    r"办哪些|办什么|办啥|需要办|要办哪|都要办|都需要|都得办|得办哪|要跑哪|跑哪些|跑几个|哪些部门|"
    r"哪些证|什么证|啥证|几个证|哪些审批|哪些许可|什么许可|哪些事项|什么事项|哪些事|先办什么|先办啥|"
    r"从哪开始|从哪里开始|第一步|步骤|需要准备什么|要准备什么|准备哪些|"
    r"一件事|清单|都要经过|要经过哪")
# 开一家小饭馆 / 开间民宿 / 建两栋厂房 → 开饭馆, 开民宿, 建厂房: the phrase matcher already drops 个
# after a verb (search._VERB_MEASURE); life events also say 一家, 间, 座 and 小/新.
_MEASURE = re.compile(r"(?<=[开办建盖做搞雇招])(?:一|两|几)?(?:家|间|座|栋|所|个)(?:小|新)?"
                      r"|(?<=[开办建盖])(?:小|新)(?=[\u4e00-\u9fff]{2})")
STEP_SEPARATOR = "——"
# Without a procedures cue, a life event is asked about as a whole only by how long (开饭馆要多久),
# how (想开个民宿 怎么弄) or a bare statement (我想开个超市); asking a service's fact (材料去哪交,
# 证明咋开, 要钱吗) is asking about one service.
WHOLE_EVENT_QUESTIONS = frozenset((None, "ask_time_limit", "ask_due_date", "ask_howto"))


def _bare(text: str) -> str:
    return _MEASURE.sub("", normalize(text))


def life_event_asked(snap: CatalogSnapshot, text: str,
                     previous: str | None = None) -> ScenarioOut | None:
    """The scenario a message asks about, or None (a service question, or no life event)."""
    if text.startswith("/"):
        return None  # a button payload
    if snap.scenario_index is None:
        return None
    bare = _bare(text)
    hits = [h for h in snap.scenario_index.mentions(bare) if h.confidence >= SURE]
    if not hits:
        return None  # most messages: one phrase scan over a few hundred phrases, then out
    scenario = snap.scenarios.get(hits[0].slug)
    if scenario is None:
        return None
    if PROCEDURES.search(bare):
        return scenario
    if any(cue.search(bare) for kind, cue in QUESTION_CUES.items()
           if kind not in WHOLE_EVENT_QUESTIONS):
        return None  # 建厂房的审批材料去哪交: one service's fact
    if any(conf >= SURE for *_, conf in snap.index.named_spans(bare)):
        return None  # 开诊所要多久, 开饭馆用电要多久: about that service
    if previous and states_condition(text, snap.condition_words):
        return None  # 我们是开饭馆的, after 用电报装: its 非居民 variant
    return scenario


def _button(slug: str, name: str) -> dict[str, str]:
    return {"title": name, "payload": f'/inform_service{{"service": "{slug}"}}'}


def life_event_answer(snap: CatalogSnapshot, scenario: ScenarioOut) -> Answer:
    """The checklist: per linked (and still active) service its time limit and 第N条, read from
    the catalog; where a service's limit depends on who asks and the scenario's own words say it
    (开饭馆 → 非居民 用电), that variant — else every variant."""
    lines: list[str] = []
    steps: list[dict[str, object]] = []
    buttons: list[dict[str, str]] = []
    for link in scenario.services:
        service = snap.services.get(link.slug)
        if service is None:
            continue  # deleted since the scenario was saved
        answer = compose(service, "time_limit", text=f"{scenario.name} {link.note}",
                         list_variants=True)
        line = render(LINE.get(answer.response, "utter_line_policy"), answer.variables)
        if link.note:
            line += STEP_SEPARATOR + link.note
        lines.append(f"{len(lines) + 1}. {line}")
        steps.append({"slug": service.slug, "name": service.name, "note": link.note,
                      "item": int(answer.variables["item"]),
                      "time_limit": answer.variables["time_limit"] or None,
                      "condition": answer.condition})
        buttons.append(_button(service.slug, service.name))
    variables = {
        "scenario_name": scenario.name,
        "lines": "\n".join(lines),
        "description": scenario.description,
    }
    card = {"type": "life_event", "scenario": scenario.slug, "name": scenario.name,
            "steps": steps}
    return Answer("utter_life_event", variables, card, buttons)


def checklist_text(snap: CatalogSnapshot, scenario: ScenarioOut) -> str:
    """The checklist as one text (agent assist, degraded mode)."""
    answer = life_event_answer(snap, scenario)
    return render(answer.response, answer.variables)
