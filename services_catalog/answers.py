"""Turn a catalog record and a question type into a response name plus its template variables.

The wording lives in domain.yml (responses); every figure comes from the catalog record passed in.
The Rasa actions send (response, variables) through Rasa; the gateway renders the same templates
for agent assist and degraded mode (services_catalog.wording).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from services_catalog import clock
from services_catalog.due_dates import due_date, format_date
from services_catalog.effective import basis_text, in_force, upcoming
from services_catalog.evidence import (
    MAX_CLAUSES,
    MIN_CLAUSE_CHARS,
    MIN_EVIDENCE,
    Evidence,
    bigrams,
    cite_stray_figures,
    cite_stray_terms,
    figure_quote,
    focused_quote,
    plan_words,
    relevant_clauses,
)
from services_catalog.normalize import normalize
from services_catalog.plan import Clause, tasks
from services_catalog.plan import task as plan_task
from services_catalog.question_cues import (
    BOUND_SIDE,
    QUESTION_CUE,
    QUESTION_CUES,
    asks_amount,
    asks_frequency,
    asks_meaning,
    asks_online,
    content_besides_cues,
    drop_also,
    negated_cases,
    without_negated,
)
from services_catalog.schemas import Fact, ServiceOut, TimeLimit
from services_catalog.wording import MISSING_FACT, render

QUESTION_TYPES = (
    "overview", "time_limit", "due_date", "channel", "materials", "fee", "department", "howto",
    "policy",
)
INTENT_QUESTION = {
    "ask_time_limit": "time_limit",
    "ask_due_date": "due_date",
    "ask_channel": "channel",
    "ask_materials": "materials",
    "ask_fee": "fee",
    "ask_department": "department",
    "ask_howto": "howto",
    "ask_policy": "policy",
}
# Question types whose answer depends on which time limit applies.
NEEDS_LIMIT = ("overview", "time_limit", "due_date")
HOTLINE_SLUG = "hotline-12345"  # the one phone number the plan gives
FEEDBACK_BUTTONS = [
    {"title": "满意", "payload": "/feedback_satisfied"},
    {"title": "不满意", "payload": "/feedback_unsatisfied"},
]
# How a fee fact reads, for the plain answer first (免费 / 不收费 / 方案未规定收费标准): the words
# of the catalog's own fact decide, never a figure of ours. "清理取消…收费" is price supervision,
# not "no fee": only a fact that itself waives a fee (取消报装费…) counts as 不收费.
# The words that waive a charge outright; absent_facts reads them too (a free figure, a free
# clause's qualifier). No word of it begins another, so the order of the alternatives is free.
FREE_WORDS = r"免费|免收|不收费|不收取"
_FREE = re.compile(rf"{FREE_WORDS}|零投资")
_WAIVED = re.compile(r"^(?:取消|免除|减免)\S*费")
_FIGURE = re.compile(r"\d")
# A channel one can use without going anywhere: a website, platform, system, app or phone.
_ONLINE_CHANNEL = re.compile(r"网|线上|平台|系统|小程序|掌上|手机|移动端|APP|app|电子|自助终端")
# Opening hours need no answer when the service is served around the clock.
_ROUND_THE_CLOCK = re.compile(r"24小时|不打烊")
KW_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:kw|千瓦|kva)")
DATE_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]")
RELATIVE_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2}


@dataclass
class Answer:
    response: str
    variables: dict[str, str]
    card: dict[str, Any] | None
    buttons: list[dict[str, str]] = field(default_factory=list)
    condition: str | None = None
    needs_condition: bool = False


def conditions_of(service: ServiceOut) -> list[str]:
    out: list[str] = []
    for tl in service.time_limits:
        if tl.condition and tl.condition not in out:
            out.append(tl.condition)
    return out


def detect_condition(service: ServiceOut, text: str) -> str | None:
    """The condition a user's words select; the longest keyword wins (非居民 beats 居民). A case
    the user says they are not (不是新能源那种) selects nothing."""
    norm = normalize(without_negated(text))
    best: tuple[int, str] | None = None
    for tl in service.time_limits:
        if not tl.condition:
            continue
        for kw in {tl.condition, *tl.keywords}:
            k = normalize(kw)
            if k and k in norm and (best is None or len(k) > best[0]):
                best = (len(k), tl.condition)
    return best[1] if best else _the_other_condition(service, text)


def _the_other_condition(service: ServiceOut, text: str) -> str | None:
    """不是新能源的 of a service with two variants (新能源…项目 / 建设项目): the one not denied."""
    denied = [normalize(case) for case in negated_cases(text)]
    if not denied:
        return None
    left = [c for c in conditions_of(service)
            if not any(case in normalize(c) for case in denied)]
    return left[0] if len(left) == 1 < len(conditions_of(service)) else None


def capacity_kw(text: str) -> float | None:
    m = KW_RE.search(normalize(text))
    return float(m.group(1)) if m else None


def start_date(text: str, today: date) -> date:
    norm = normalize(text)
    m = DATE_RE.search(norm)
    if m:
        year = int(m.group(1)) if m.group(1) else today.year
        try:
            return date(year, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return today
    for word, days in RELATIVE_DAYS.items():
        if word in norm:
            return date.fromordinal(today.toordinal() + days)
    return today


def limit_text(tl: TimeLimit) -> str:
    """The figure, and a change still to come next to it (自…起调整为…)."""
    return tl.text + upcoming(tl)


def fact_text(fact: Fact) -> str:
    return fact.text + upcoming(fact)


def _facts_cited(facts: list[Fact]) -> str:
    """Facts joined; when they come from more than one task, the last of each other task's run
    names its 第N条 (the answer's basis names the first's): 燃气报装's fees are 第45条's price
    supervision and 第91条's cancelled 报装费."""
    first = facts[0].item if facts else None
    ends = [i + 1 == len(facts) or facts[i + 1].item != f.item for i, f in enumerate(facts)]
    return "；".join(fact_text(f) + (f"（第{f.item}条）" if f.item and f.item != first and end
                                     else "") for f, end in zip(facts, ends, strict=True))


def with_basis(variables: dict[str, str], figures: list[TimeLimit] | list[Fact]) -> None:
    """`basis` (依据：…) and its short form for one-line answers, from the figures stated."""
    item = int(variables["item"])
    variables["basis"] = basis_text(figures, item)
    # Who "写明/规定" the figures: the plan, unless one of them rests on a later decision.
    plan_only = all(f.basis.kind == "plan" for f in figures)
    variables["source"] = "《行动方案》" if plan_only else "现行文件"
    variables["basis_short"] = variables["basis"].replace(f"{basis_text([], item)}",
                                                          f"第{item}条")


def applicable_limits(service: ServiceOut, condition: str | None) -> list[TimeLimit]:
    if condition is None:
        return list(service.time_limits)
    chosen = [t for t in service.time_limits if t.condition == condition or t.condition is None]
    return chosen or list(service.time_limits)


# The counties' governments are a 责任单位 of most tasks, but not the office to ask first.
_COUNTIES = "各县市"
_ASK_UNITS = 2


def ask_unit(service: ServiceOut) -> str:
    """Where to ask about what the plan does not state: the lead unit when it is among the task's
    own 责任单位 (燃气报装: 州住建局、水利局), else those 责任单位 (公证: 州司法局; 机动车查验:
    州公安局) — not an area's 牵头单位 (the court, 州政资局) that the task does not name."""
    lead = [u if u.startswith("州") else f"州{u}" for u in service.lead_unit.split("、") if u]
    if lead and all(u in service.departments for u in lead):
        return service.lead_unit
    units = [d for d in service.departments if not d.startswith(_COUNTIES)] \
        or list(service.departments)
    return "、".join(units[:_ASK_UNITS]) or service.lead_unit or "办理窗口"


def _departments(service: ServiceOut) -> str:
    """The departments a reply names: the list, else the lead unit."""
    return _join(service.departments) or service.lead_unit or "相关部门"


def _join(values: list[str], limit: int = 5) -> str:
    if not values:
        return ""
    shown = values[:limit]
    return "、".join(shown) + ("等" if len(values) > limit else "")


def service_card(service: ServiceOut, condition: str | None = None) -> dict[str, Any]:
    return {
        "type": "service_card",
        "slug": service.slug,
        "name": service.name,
        "category": service.category,
        "time_limits": [t.model_dump(mode="json", exclude={"keywords"})
                        for t in service.time_limits],
        "condition": condition,
        "lead_unit": service.lead_unit,
        "departments": list(service.departments),
        "channels": list(service.channels),
        "fees": [f.text for f in plain_first(service.fees)],
        "materials": [m.text for m in service.materials],
        "citation": service.citation.model_dump(),
        "version": service.version,
    }


def _notes_for(service: ServiceOut, text: str) -> str:
    """Notes that apply to this user, e.g. the 三零 service for a stated capacity ≤ 160kW."""
    kw = capacity_kw(text)
    picked = [n.text for n in service.notes if n.max_kw is not None and kw is not None
              and kw <= n.max_kw]
    return "".join(f"{t.rstrip('。')}。" for t in picked)


def plain_first(fees: list[Fact]) -> list[Fact]:
    """The fee facts with the one that answers "要钱吗" plainly (免费 / 取消…费) first, so the
    answer's 不收费 is followed by its reason and cites that fact's task: 燃气报装's 第91条
    (取消报装费…) before 第45条's price supervision."""
    def rank(fact: Fact) -> int:
        return 0 if _FREE.search(fact.text) else 1 if _WAIVED.search(fact.text) else 2

    return sorted(fees, key=rank)


def fee_response(fees: list[Fact]) -> str:
    """The fee response whose first words answer "要钱吗 / 多少钱" plainly."""
    texts = [f.text for f in fees]
    if not texts:
        return "utter_no_fee"  # 《行动方案》未规定…收费标准
    # A waiver for those under a threshold (160kW及以下…零投资) is no flat 免费: it is stated
    # as the plan's rule, with whom it frees.
    if any(_FREE.search(t) and not _FIGURE.search(t) for t in texts):
        return "utter_fee_free"
    if any(_WAIVED.search(t) for t in texts):
        return "utter_fee_waived"
    if any(_FIGURE.search(t) for t in texts):
        return "utter_fee"  # the plan's own figures (保证金比例低于2%)
    return "utter_fee_unstated"  # price supervision only: no standard stated


def missing_fact_answer(
    kind: str, service: ServiceOut | None, services: dict[str, ServiceOut]
) -> Answer:
    """The answer to a question for a fact the plan does not hold. A phone number asked with
    no service in view (有事反映打哪个电话) is the plan's own number: the 12345 service."""
    hotline = services.get(HOTLINE_SLUG)
    if kind == "phone" and hotline and (service is None or service.slug == HOTLINE_SLUG):
        return compose(hotline, "channel")
    return not_in_plan_answer(kind, service)


# Kinds of absent fact that ask what the service costs.
PRICE_KINDS = frozenset(("price", "money"))


def missing_fact_item(kind: str, service: ServiceOut) -> int:
    """The task a "not stated" answer cites: for a price or charge, the clause the service's
    charges are quoted from (燃气价格 → 第45条 公开燃气价格…, not 第46条's time limit), which
    is where the plan speaks of what it costs; else the service's own citation."""
    if kind in PRICE_KINDS:
        item = next((f.item for f in service.fees if f.item), None)
        if item is not None:
            return item
    return service.citation.item


def not_in_plan_answer(kind: str, service: ServiceOut | None, *, in_person: bool = False
                       ) -> Answer:
    """A fact the plan does not hold (phone, person, price, address, hours): say so, and where
    to ask — the service's lead unit and 12345. No figure, no "which service?". `in_person`:
    the hours of a hall or window, which a 7×24小时 online channel does not answer."""
    if service is None:
        return Answer("utter_not_in_plan_general", {"missing": MISSING_FACT[kind]}, None)
    if kind == "hours" and not in_person and any(_ROUND_THE_CLOCK.search(c)
                               for c in [*service.channels, service.howto]):
        return compose(service, "channel")  # 7×24小时: the channels answer the hours
    base = {
        "service_name": service.name,
        "missing": MISSING_FACT[kind],
        "item": str(missing_fact_item(kind, service)),
        "lead_unit": service.lead_unit or _join(service.departments) or "办理窗口",
        "ask_unit": ask_unit(service),
        "departments": _departments(service),
    }
    with_basis(base, [])
    card = service_card(service)
    cite_card_figures(service, card, {service.citation.item})
    return Answer("utter_not_in_plan", base, card, list(FEEDBACK_BUTTONS))


def other_region_answer(region: str) -> Answer:
    """A question about another region: we cover 昌吉州, ask 12345; no card, no figure."""
    return Answer("utter_other_region", {"region": region},
                  {"type": "other_region", "region": region})


def personal_answer(affair: str) -> Answer:
    """A person's own affair (身份证补办, 婚姻登记): not the plan's, ask 12345; no card."""
    return Answer("utter_not_in_plan_general",
                  {"missing": render("utter_missing_personal_affair", {"affair": affair})},
                  {"type": "out_of_scope", "personal": affair})


def condition_button(condition: str) -> dict[str, str]:
    return {"title": condition, "payload": f'/inform_condition{{"condition": "{condition}"}}'}


@dataclass
class _Context:
    """What every answerer reads: the service (its figures as they apply today), the template
    variables and card being filled (an answerer may add to them), the applicable time limits
    and the condition, the message (for its start date, 能网上办吗 …) and today."""

    service: ServiceOut
    base: dict[str, str]
    card: dict[str, Any]
    limits: list[TimeLimit]
    condition: str | None
    text: str
    today: date


Answerer = Callable[[_Context], tuple[str, list[dict[str, str]]]]


def _time_limit(c: _Context) -> tuple[str, list[dict[str, str]]]:
    return ("utter_time_limit" if c.limits else "utter_no_time_limit"), list(FEEDBACK_BUTTONS)


def _overview(c: _Context) -> tuple[str, list[dict[str, str]]]:
    return ("utter_overview" if c.limits else "utter_overview_no_time_limit"), \
        list(FEEDBACK_BUTTONS)


def _due_date(c: _Context) -> tuple[str, list[dict[str, str]]]:
    """最晚哪天办完: from the start date the message gives (else today), in working days; every
    variant's date when the condition is not known."""
    buttons = list(FEEDBACK_BUTTONS)
    if not c.limits:
        return "utter_no_time_limit", buttons
    start = start_date(c.text, c.today)
    if len(c.limits) > 1 and c.condition is None:
        dues = [(t, due_date(start, t.amount, t.unit)) for t in c.limits]
        c.base.update(
            start_date=format_date(start),
            due_dates="；".join(
                render("utter_part_due_date", {"condition": t.condition or "",
                                               "time_limit": limit_text(t),
                                               "due_date": format_date(d.date)})
                for t, d in dues
            ),
            due_note=next((d.note for _, d in dues if d.note), "") or "",
        )
        c.card["due_dates"] = [
            {"condition": t.condition, "date": d.date.isoformat(),
             "text": format_date(d.date), "calendar_known": d.calendar_known,
             "note": d.note, "start": start.isoformat()}
            for t, d in dues
        ]
        return "utter_due_dates", [condition_button(t.condition) for t in c.limits
                                   if t.condition] + buttons
    due = due_date(start, c.limits[0].amount, c.limits[0].unit)
    c.base.update(start_date=format_date(start), due_date=format_date(due.date),
                  due_note=due.note or "")
    c.card["due_date"] = {"date": due.date.isoformat(), "text": format_date(due.date),
                          "calendar_known": due.calendar_known, "note": due.note,
                          "start": start.isoformat()}
    return "utter_due_date", buttons


def _channel(c: _Context) -> tuple[str, list[dict[str, str]]]:
    service = c.service
    if not service.channels and c.text and not says_field("channel", c.text, places=True):
        # 法院有专门审吗 filed as a channel question: "no channel stated" would answer what was
        # not asked; what the plan says of the service does answer it.
        return _overview(c)
    name = "utter_channel" if service.channels else "utter_no_channel"
    item = channel_item(service)
    if item is not None and str(item) != c.base["item"]:
        c.base["item"] = str(item)  # 报装窗口 is 第45条's, not the time limit's 第46条
        with_basis(c.base, [])
    source = other_channel_source(service, int(c.base["item"]))
    if source is not None:  # the cited task names some; 第69条 names the others too
        c.base["channels"] += f"（第{source}条）"
    if service.channels and asks_online(c.text):  # 能网上办吗: yes first, or not stated
        online = any(_ONLINE_CHANNEL.search(ch) for ch in service.channels)
        name = "utter_channel_online_yes" if online else "utter_channel_online_unstated"
        if online:  # and the plan's own commitment to it (…全流程网办), with its 第N条
            c.base["channels"] += online_commitment(service)
    return name, list(FEEDBACK_BUTTONS)


# How much of a channel's wording (its two-character pieces) a task must hold to be its source.
CHANNEL_SOURCE_SHARE = 0.6
_BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)|[“”\"]")


def _states(text: str, channel: str) -> bool:
    core = _BRACKETED.sub("", channel)
    pieces = {core[i:i + 2] for i in range(len(core) - 1)}
    return bool(pieces) and sum(p in text for p in pieces) / len(pieces) >= CHANNEL_SOURCE_SHARE


def other_channel_source(service: ServiceOut, cited_item: int) -> int | None:
    """The task of the service's that states the channels its cited task does not (“吉速办”
    小程序 cites 第67条, which names the 小程序 only; 第69条 names 新服办APP, 新疆政务服务网 and
    综合政务自助终端 too), so the channel list cites where they are said; None when the cited
    task states them all, or no one task states the rest."""
    from services_catalog.plan import tasks as plan_tasks  # noqa: PLC0415 (read once, lazily)

    plan = plan_tasks()
    cited = plan[cited_item].text if cited_item in plan else ""
    rest = [ch for ch in service.channels if not _states(cited, ch)]
    if not rest or len(rest) == len(service.channels):
        return None  # all stated there, or none (channel_item's case)
    return next((n for n in service_tasks(service) if n != cited_item and n in plan
                 and all(_states(plan[n].text, ch) for ch in rest)), None)


def channel_item(service: ServiceOut) -> int | None:
    """The task of the service's that states all its channels (在政务服务大厅设置报装窗口: 第45条),
    so a channel answer cites where they are said; None when the service's cited task names one
    of them, or no one task says them all (企业开办's come from 第1条 and 第2条)."""
    if not service.channels:
        return None
    return _channel_item(service.citation.item, tuple(service.channels),
                         tuple(service_tasks(service)))


@lru_cache(maxsize=1024)
def _channel_item(cited_item: int, channels: tuple[str, ...], numbers: tuple[int, ...]
                  ) -> int | None:
    """channel_item of a service record, read once per record: the plan is fixed, so what a
    record's citation, channels and tasks find in it is too (an edited record is a new key)."""
    from services_catalog.plan import tasks  # noqa: PLC0415 (the plan is read once, lazily)

    plan = tasks()
    cited = plan[cited_item].text if cited_item in plan else ""
    if any(_states(cited, channel) for channel in channels):
        return None  # the cited task says (some of) them: 第67条 “吉速办”小程序
    for number in numbers:
        text = plan[number].text if number in plan else ""
        if all(_states(text, channel) for channel in channels):
            return number
    return None


def _materials(c: _Context) -> tuple[str, list[dict[str, str]]]:
    materials = c.service.materials
    if materials and materials[0].item:
        c.base["item"] = str(materials[0].item)
    with_basis(c.base, materials)
    return ("utter_materials" if materials else "utter_no_materials"), list(FEEDBACK_BUTTONS)


def _fee(c: _Context) -> tuple[str, list[dict[str, str]]]:
    fees = plain_first(c.service.fees)
    c.base["fees"] = _facts_cited(fees)
    if fees and fees[0].item:
        c.base["item"] = str(fees[0].item)
    with_basis(c.base, fees)
    return fee_response(fees), list(FEEDBACK_BUTTONS)


def _department(c: _Context) -> tuple[str, list[dict[str, str]]]:
    c.base["item"] = str(asked_task(c.service, c.text) or naming_task(c.service))
    with_basis(c.base, [])
    return "utter_department", list(FEEDBACK_BUTTONS)


def _names_unit(item: int, unit: str) -> bool:
    """Task 第item条's 责任单位 name `unit` (written 州市场监督管理局、发改委: 州 shared)."""
    try:
        units = plan_task(item).units
    except KeyError:
        return False
    return unit in units or unit.removeprefix("州") in units


def asked_task(service: ServiceOut, text: str) -> int | None:
    """The one of a service's tasks a department question is about, when its words say which
    beyond the service's name (这个属于垄断吗，谁管 → 第127条 反垄断…执法, not 第126条 公平竞争
    审查 of the same service): the task of the best clause, else None."""
    if not text or len(service.items) < 2:
        return None
    found = relevant_clauses(service_tasks(service), text, [service.name, *service.aliases])
    return found[0].task if found and found[0].task in service.items else None


def naming_task(service: ServiceOut) -> int:
    """The task a department answer cites: the service's own unless another of its tasks is the
    one naming the unit listed first (燃气报装 第46条 names 住建局, 第45条 市场监管局)."""
    listed = [d for d in service.departments if not d.startswith(_COUNTIES)]
    own = service.citation.item
    if not listed or _names_unit(own, listed[0]):
        return own
    return next((n for n in sorted(service.items) if _names_unit(n, listed[0])), own)


def _howto(c: _Context) -> tuple[str, list[dict[str, str]]]:
    return ("utter_howto" if c.service.howto else "utter_overview"), list(FEEDBACK_BUTTONS)


def _policy(c: _Context) -> tuple[str, list[dict[str, str]]]:
    c.base["item"] = str(c.service.citation.item)
    with_basis(c.base, [])
    return "utter_policy", list(FEEDBACK_BUTTONS)


# Question type → its answerer: the response (a domain.yml utter_*) and buttons, from the
# service's catalog record. compose() fills what every answer shares (names, time limits, the
# basis, the quoted clause) around it.
ANSWERERS: dict[str, Answerer] = {
    "overview": _overview, "time_limit": _time_limit, "due_date": _due_date,
    "channel": _channel, "materials": _materials, "fee": _fee, "department": _department,
    "howto": _howto, "policy": _policy,
}
assert set(ANSWERERS) == set(QUESTION_TYPES)


def compose(
    service: ServiceOut,
    question: str,
    *,
    condition: str | None = None,
    text: str = "",
    today: date | None = None,
    list_variants: bool = False,
) -> Answer:
    """The answer to `question` about `service`.

    When the applicable time limit depends on an unstated condition, either ask for it
    (chat) or list every variant (`list_variants`, for agents and degraded mode).
    """
    today = today or clock.today()
    service = in_force(service, today)  # a change whose day has come is the figure now
    if question in NEEDS_LIMIT and (over := capacity_answer(service, text)):
        return over  # 300千瓦: no day count of the plan is this user's
    if question == "fee" and (over := capacity_answer(service, text, "over_capacity_fee")):
        # 高压用户接电花多少钱: “零投资” is the 三零 users' (160kW及以下); the plan states no
        # charge for the asker, whose clause promises “三省” only.
        return over
    condition = condition or detect_condition(service, text)
    variants = conditions_of(service)
    card = service_card(service, condition)
    base = {
        "service_name": service.name,
        "item": str(service.citation.item),
        "lead_unit": service.lead_unit or "相关部门",
        "ask_unit": ask_unit(service),
        "departments": _departments(service),
        "condition_label": f"（{condition}）" if condition else "",
        "extra": _notes_for(service, text),
        "conditions": "、".join(variants),
        "time_limit": "",
        "channels": _join(service.channels, 8),
        "fees": "",  # the fee answer fills it, its deciding fact first (_fee)
        "materials": "；".join(fact_text(m) for m in service.materials),
        "howto": service.howto,
        "policy": service.citation.text,
        "plan_quote": "",
        "start_date": "",
        "due_date": "",
        "due_note": "",
        "due_dates": "",
    }
    if question not in QUESTION_TYPES:
        question = "overview"
    with_basis(base, [])

    # "今天申请哪天能通电" without saying 居民 or 非居民: every variant's date answers it at once;
    # other time questions ask which variant applies.
    if (question in NEEDS_LIMIT and question != "due_date" and len(variants) > 1
            and condition is None and not list_variants):
        buttons = [condition_button(c) for c in variants]
        return Answer("utter_ask_condition", base, card, buttons, None, needs_condition=True)

    limits = applicable_limits(service, condition)
    if limits:
        first = limits[0]
        if first.item:
            base["item"] = str(first.item)
        if len(limits) == 1 or condition is not None:
            base["time_limit"] = limit_text(first)
        else:
            base["time_limit"] = "；".join(
                f"{t.condition}{limit_text(t)}" if t.condition else limit_text(t) for t in limits
            )

    # The basis of the figures stated; fee, materials and policy answers name theirs below.
    stated = (limits[:1] if condition is not None else limits) if question in NEEDS_LIMIT else []
    with_basis(base, stated)
    # The plan's own words only for figures that rest on the plan (not on a later decision).
    from_plan = [t for t in limits if t.basis.kind == "plan"]
    if from_plan:
        base["plan_quote"] = plan_quote(from_plan if len(from_plan) == 1 or condition is None
                                        else from_plan[:1], int(base["item"]))
    context = _Context(service, base, card, limits, condition, text, today)
    name, buttons = ANSWERERS[question](context)
    card["citation"] = cited_clause(service, int(base["item"]))
    card["basis"] = base["basis"]
    cite_figures(service, base, card)
    return Answer(name, base, card, buttons, condition)


# The template variables and card lists that quote catalog text, whose figures may come from a
# task other than the one the answer cites (企业开办's channels say 7×24小时, from 第2条).
QUOTING_VARIABLES = ("time_limit", "due_dates", "extra", "channels", "fees", "materials", "howto",
                     "policy")
QUOTING_CARD_LISTS = ("channels", "fees", "materials")


def cite_figures(service: ServiceOut, variables: dict[str, str], card: dict[str, Any]) -> None:
    """A quoted figure carries the number of the task it comes from: each one the cited task
    does not state gets （第N条） of the service's task that does."""
    cited = {int(variables["item"])}
    preferred = [t.item for t in service.time_limits if t.item] + service_tasks(service)
    decided = decided_keys(service)
    for key in QUOTING_VARIABLES:
        if variables.get(key) and key not in decided:
            variables[key] = cite_stray_figures(variables[key], cited, preferred)
    if variables.get("howto"):
        variables["howto"] = cite_stray_terms(variables["howto"], cited, service_tasks(service))
    cite_card_figures(service, card, cited)


def decided_keys(service: ServiceOut) -> set[str]:
    """The variables and card lists whose figures rest on a later decision, not on the plan:
    a plan task that happens to state the same figure is not their source."""
    keys: set[str] = set()
    if any(t.basis.kind != "plan" for t in service.time_limits):
        keys |= {"time_limit", "due_dates"}
    if any(f.basis.kind != "plan" for f in service.fees):
        keys.add("fees")
    if any(m.basis.kind != "plan" for m in service.materials):
        keys.add("materials")
    return keys


def cite_card_figures(service: ServiceOut, card: dict[str, Any], cited: set[int]) -> None:
    """The card's channels, fees and materials: as cite_figures, for the tasks `cited`."""
    preferred = [t.item for t in service.time_limits if t.item] + service_tasks(service)
    decided = decided_keys(service)
    for key in QUOTING_CARD_LISTS:
        if card.get(key) and key not in decided:
            card[key] = [cite_stray_figures(v, cited, preferred) for v in card[key]]


def plan_quote(limits: list[TimeLimit], item: int) -> str:
    """The plan's own words for the time limits stated, each from its task (：“用水报装压缩至5个
    工作日内”): the figure read in the sentence that sets it. "" when no task states it."""
    quotes = [figure_quote(t.item or item, t.text) for t in limits]
    quotes = [q for q in dict.fromkeys(quotes) if q]
    return "：" + "；".join(f"“{q}”" for q in quotes) if quotes else ""


def cited_clause(service: ServiceOut, item: int) -> dict[str, Any]:
    """The card's 依据 names the task the answer cites (a fee answer may cite 第45条 where the
    service's own citation is 第46条), quoting that task's catalog lines."""
    if item == service.citation.item:
        return service.citation.model_dump()
    lines = [f.text for f in service.fees if f.item == item]
    lines += [m.text for m in service.materials if m.item == item]
    lines += [n.text for n in service.notes if n.item == item]
    lines += [t.text for t in service.time_limits if t.item == item]
    text = "；".join(dict.fromkeys(lines)) or service.citation.text
    return {"item": item, "text": text}


def due_for_limit(tl: TimeLimit, today: date) -> dict[str, Any]:
    d = due_date(today, tl.amount, tl.unit)
    return {"condition": tl.condition, "date": d.date.isoformat(), "text": format_date(d.date),
            "calendar_known": d.calendar_known, "note": d.note}


def service_tasks(service: ServiceOut) -> list[int]:
    """The plan's tasks a service cites: its citation first, then its list, then its facts'."""
    facts = [*service.fees, *service.materials, *service.notes, *service.time_limits]
    return list(dict.fromkeys([service.citation.item, *service.items,
                               *(f.item for f in facts if f.item)]))


# Going to court (要是打官司呢, 起诉的话…, 告了赢了还不给呢): the message asks what the court does
# in the matter at hand.
_TO_COURT = re.compile(r"官司|起诉|上诉|诉讼|胜诉|判决|判下来|法院|打赢|告(?:了|赢|他|她|对方|到)")
# The plain plan words of a court's handling of a case, read with such a question.
COURT_WORDS = "案件 审判 执行 被执行人 诉讼"
# A court question saying this much (characters besides its cues) or less says nothing else.
COURT_BARE = 8


def _questions_asked(text: str) -> int:
    """How many sentences of `text` ask something (清多少？…法院会怎么处理？ asks two)."""
    return sum(1 for piece in re.split(r"[？?。！!；;]", normalize(text))
               if QUESTION_CUE.search(piece))


def goes_to_court(text: str) -> bool:
    return bool(_TO_COURT.search(normalize(text)))


def court_task(number: int) -> bool:
    """Whether the court leads task `number` (its 责任单位 begin with 州中级人民法院)."""
    return plan_task(number).units.lstrip("（(").startswith("州中级人民法院")


def court_items(service: ServiceOut) -> list[int]:
    """The tasks the court leads of a service citing others' too (拖欠中小企业账款's 第161条
    高效办理拖欠中小微企业账款案件, 知识产权纠纷审判与信用监管's 第133条); [] for a service
    whose tasks are all the court's or none."""
    items = service_tasks(service)
    court = [n for n in items if court_task(n)]
    return court if len(court) < len(items) else []


# Question types a detail answer may take over: the question is about something else than a
# time limit, fee, channel or department (被驳回了怎么办, 超过160千瓦呢, 谁能享受).
DETAIL_QUESTIONS = ("overview", "policy", "howto")
# What 能网上办吗 means in the plan's words: the clause that commits to it answers it.
ONLINE_WORDS = "全程网办 全流程网办 网上办理 不见面 掌上办"
# A materials question in these words wants the material list; 条件/要求/资格 ask who qualifies.
_MATERIAL_WORDS = re.compile(r"材料|证件|资料|证明|带啥|带什么|准备")


def online_commitment(service: ServiceOut) -> str:
    """；《行动方案》第2条写明：“…全流程网办” — the clause of the service's tasks that commits
    to applying online, or "" when none does."""
    found = relevant_clauses(service_tasks(service), "", [], also=ONLINE_WORDS)
    if not found:
        return ""
    return render("utter_part_online_commitment",
                  {"item": str(found[0].task), "quote": found[0].clause.quote})


# The field a question type asks, and the words that ask it (在哪 for a channel, 钱 for a fee):
# a question filed under a field whose words it does not say asks something else (能不能一起弄,
# 预算金额会公开吗), and the clause that addresses it answers it when one does.
FIELD_CUES = {
    "channel": QUESTION_CUES["ask_channel"],
    # 钱 asked of (要钱吗, 交钱, 多少钱), not 钱 told of (会计把公司的钱转走了).
    "fee": re.compile(f"{QUESTION_CUES['ask_fee'].pattern.replace('钱|', '')}"
                      r"|要钱|收钱|花钱|交钱|付钱|给钱|钱吗|钱不|多少钱|钱多少|几个钱"),
    "department": QUESTION_CUES["ask_department"],
}
# A fee question about who checks charges rather than what they are (行业协会收的费用有没有人查,
# 乱收费能投诉吗, 收费乱七八糟的能问谁): the clause on supervising them answers it.
_FEE_OVERSEEN = re.compile(r"乱收|收费乱|乱七八糟|有没有人(?:查|管)|谁(?:来)?(?:查|管)|投诉|举报"
                           r"|问谁|找谁|监管|查不查|管不管")
# A bound or an amount of the matter asked (多少钱以下, 金额上限, 门槛, 额度多少), not a fee paid
# for the service: a clause may state it (200万元以下的货物), else the plan does not say.
_THRESHOLD_ASKED = re.compile(rf"(?:多少|几)(?:钱|万元?|万块|千万)?(?:{BOUND_SIDE})"
                              r"|上限|下限|门槛|起点|金额|额度|数额")
# An amount asked in any words (保证金多少, 几个点, 门槛): with a fee question, the fee lines.
_HOW_MUCH_SAID = re.compile(rf"多少|几|{_THRESHOLD_ASKED.pattern}")
# A materials question about what happens to the materials (有点小错误会不会驳回, 差一份能先受理
# 吗), not which ones: a clause answers it, the list does not.
_MATERIAL_TROUBLE = re.compile(r"错|不全|不齐|差一|缺|驳回|退回|后补|补交|容缺")
# Which materials (要带什么, 材料清单, 哪些证明): the list answers it. 是不是还要一个个部门交材料
# asks about the procedure, which a clause answers (材料一次提交, 第1条).
_WHICH_MATERIALS = re.compile(r"哪些|什么|啥|哪几|清单|目录|几份|几样|多少|列|带|准备")


def asks_material_list(text: str) -> bool:
    """Whether the question asks which materials to bring (要交哪些材料, 起诉状要交几份), not what
    happens to them (材料有错会驳回吗)."""
    norm = normalize(text)
    return bool(_MATERIAL_WORDS.search(norm) and _WHICH_MATERIALS.search(norm)
                and not _MATERIAL_TROUBLE.search(norm))


# A place one goes to apply: 能在政务大厅办吗 asks about a channel even without 在哪.
_PLACE_WORDS = re.compile(r"大厅|政务中心|政务服务中心|办事处|服务站|网点|跑")


def says_field(question: str, text: str, *, places: bool = False) -> bool:
    """Whether `text` says the words of the field `question` asks (or asks 能网上办吗; with
    `places`, names a place to apply)."""
    norm = normalize(text)
    if question == "channel" and (asks_online(text) or places and _PLACE_WORDS.search(norm)):
        return True
    cue = FIELD_CUES.get(question)
    return cue is None or bool(cue.search(norm))


TIME_ASKED = ("time_limit", "due_date")


def beyond_limits(service: ServiceOut, text: str) -> list[TimeLimit]:
    """The time limits whose stated capacity bound the user's is above (300千瓦 after 第42条's
    days for the 三零 users, 160kW及以下; 高压, the plan's own word for users above that range)."""
    kw = capacity_kw(text)
    high = "高压" in normalize(text)
    return [t for t in service.time_limits
            if t.max_kw is not None and (high or (kw is not None and kw > t.max_kw))]


def over_capacity(service: ServiceOut, question: str, text: str) -> bool:
    """A how-long question stating a capacity above what a time limit covers: that figure is not
    this user's (nor the other variant's, 居民 5个工作日)."""
    return question in TIME_ASKED and bool(beyond_limits(service, text))


def capacity_answer(service: ServiceOut, text: str,
                    missing: str = "over_capacity") -> Answer | None:
    """For a user above a time limit's capacity bound, the clause that sets the limit, quoted
    whole with its 第N条: it says whom each promise covers (高压用户: “三省”, no day count),
    where any day count of ours would be another user's."""
    over = beyond_limits(service, text)
    if not over:
        return None
    limit = over[0]
    answer = quoting_answer(service, [Evidence(limit_clause(service, limit), 1.0)], [],
                            _departments(service))
    # The day counts quoted are other users'; the asker's own is not stated: say so, and where
    # to ask (不是给高压用户的天数).
    answer.variables["quotes"] += render("utter_tail_unstated_in_line", {
        "missing": MISSING_FACT[missing].format(max_kw=limit.max_kw),
        "ask_unit": ask_unit(service)})
    return answer


def limit_clause(service: ServiceOut, limit: TimeLimit) -> Clause:
    """The plan's clause that sets a time limit: the one stating its figure, else the task's
    longest (the chat card and agent assist's spoken script quote the same one)."""
    clauses = plan_task(limit.item or service.citation.item).clauses
    holding = [c for c in clauses if str(limit.amount) in c.text]
    return holding[0] if holding else max(clauses, key=len)


# The words that ask when or how long.
_ASKS_TIME = re.compile(
    f"{QUESTION_CUES['ask_time_limit'].pattern}|{QUESTION_CUES['ask_due_date'].pattern}"
    r"|几点|几时|时间限制|时间上有没有限制")
# Words of time at all (快点, 拖了, 期限, 那几年): a time question the NLU gave such words keeps
# its time answer.
_SAYS_TIME = re.compile(f"{_ASKS_TIME.pattern}|快|慢|拖|期限|日内|工作日|小时|天|月|年")


def asks_time(text: str) -> bool:
    """Whether the words ask when or how long (not only the NLU's intent)."""
    return bool(_ASKS_TIME.search(normalize(text)))


# What the service does or serves for (小程序能办啥事, 除了临牌还能办啥, 电子营业执照能干啥用, 能查
# 办到哪一步): its own clause listing it answers, not the field the words also name (小程序 a
# channel).
_WHAT_IT_DOES = re.compile(r"(?:能|可以|还能|都能)(?:办|干|做|查)(?:点|些)?(?:啥|什么|哪些)"
                           r"|(?:有|干|派)(?:啥|什么)用|用途"
                           r"|(?:查|看)[^，,。？?]{0,3}到(?:哪一步|哪步|哪了|哪儿了)")
# The plan's words for what a measure makes possible (15个事项可办理, 办理…预查验等业务).
DOING_WORDS = "可办理 可查询 业务 应用"


def asks_what_it_does(text: str) -> bool:
    return bool(_WHAT_IT_DOES.search(normalize(text)))


def wants_detail(service: ServiceOut, question: str, text: str) -> bool:
    """Whether the question may be about a detail of the plan's text rather than a field."""
    if question in DETAIL_QUESTIONS or asks_what_it_does(text):
        return True
    if question == "materials":
        norm = normalize(text)
        return (not service.materials or not _MATERIAL_WORDS.search(norm)
                or bool(_MATERIAL_TROUBLE.search(norm)) or not _WHICH_MATERIALS.search(norm))
    if question == "channel" and not service.channels:
        return True
    if question == "channel" and _GRASSROOTS.search(normalize(text)) and any(
            _GRASSROOTS_WRITTEN.search(plan_task(n).text) for n in service_tasks(service)):
        # 村里老人不会弄，有线下的吗: the clause taking the service to the villages (第69条
        # 向村（社区）延伸) answers it, not the list of channels.
        return True
    if question == "channel" and _OUT_OF_HOURS.search(normalize(text)) and len(
            _CLAUSE_BREAK.split(normalize(text).strip(" ？?。！!"))) == 1 and any(
            _OUT_OF_HOURS_WRITTEN.search(plan_task(n).text) for n in service_tasks(service)):
        # 晚上能在网上弄吗: the clause that keeps the service open out of hours (第2条 7×24小时
        # “不打烊”) answers it, not the list of channels.
        return True
    if question == "channel" and _WHERE_SEEN.search(normalize(text)) and any(
            _PUBLISHED_WRITTEN.search(plan_task(n).text) for n in service_tasks(service)):
        # 气价在哪能看到 / 在哪看政策: where published information is seen, which the clause
        # that publishes it says (第45条 公开燃气价格, 第76条 政策发布总平台), not where the
        # matter is applied for.
        return True
    if question in TIME_ASKED:
        # 村里啥时候能通快递 of a service with no time limit: the task's own date (到2025年底)
        # answers it, if any. A time question the NLU guessed, whose words ask no time
        # (打官司法院能给确权吗), asks a detail.
        return not service.time_limits or not _SAYS_TIME.search(normalize(text))
    if question == "fee" and _FEE_OVERSEEN.search(normalize(text)):
        return True  # 收费乱七八糟的，能问谁: who checks the charges, which a clause says
    if question == "fee" and service.fees and (says_field("fee", text)
                                               or _HOW_MUCH_SAID.search(normalize(text))):
        return False  # the plan's fee lines answer it (最多交多少 → 上限为80万元)
    if question == "fee" and service.fees:
        # 能解除吗 after 财产保全的保证金多少: the fee question is only carried (or the NLU's
        # guess); words saying nothing of money ask of a clause (第160条 依法及时解除), and the
        # fee lines answer only when no clause addresses them.
        return bool(content_besides_cues(text))
    if question == "fee" and _THRESHOLD_ASKED.search(normalize(text)):
        return True  # 多少钱以下的项目 / 金额上限: the bound a clause states, not a fee
    if question == "department" and _ANYONE_OVERSEES.search(normalize(text)):
        # 设门槛卡小公司 有没有人管: whether anyone acts on a wrong told, which a clause says
        # (第20条 每年对照开展核查); its answer names the 责任单位 too.
        return True
    if question == "department" and _asks_besides(FIELD_CUES["department"], text):
        return True  # 哪些行业不让进？找谁投诉: the clause, whose answer names the 责任单位 too
    if question in FIELD_CUES:
        return bool(text) and not says_field(question, text)
    return False


# A village or the countryside named in a channel question, and a clause that takes the service
# there (向村（社区）延伸, 向基层延伸).
_GRASSROOTS = re.compile(r"村里|乡下|农村|牧区|乡镇|社区")
_GRASSROOTS_WRITTEN = re.compile(r"村（社区）|基层")
# Out of office hours named in a channel question, and a clause that serves then (不打烊, 7×24小时,
# 延时错时).
_OUT_OF_HOURS = re.compile(r"晚上|夜里|半夜|下班后|周末|节假日|双休")
_OUT_OF_HOURS_WRITTEN = re.compile(r"不打烊|7×24|延时|错时")
# Where information is seen or looked up (在哪看, 哪里能查到, 在哪能看到), not where a matter is
# done (在哪办); and a clause that publishes something (公开…价格, 政策发布总平台, 公示).
_WHERE_SEEN = re.compile(r"(?:哪|哪里|哪儿)[^，,。？?！!；;]{0,3}(?:能|可以)?"
                         r"(?:看|查|找到|了解|知道)")
_PUBLISHED_WRITTEN = re.compile(r"公开|发布|公示|公布")
# One question only: 能网上办吗，晚上也能提交不 asks the channels as well (全流程网办), which the
# channel answer gives, with the 不打烊 clause beside it.
_CLAUSE_BREAK = re.compile(r"[，,。？?！!；;\s]+")


# Whether anyone acts on it (有没有人管, 没人管吗, 管不管), not which office to go to (找谁办).
# 管理人靠不靠谱，谁管他 asks who oversees a person the clause names (第140条 对破产管理人的监督),
# not which office handles the matter.
_ANYONE_OVERSEES = re.compile(r"有没有人管|有人管(?:没|吗|不)|没人管(?:吗|嘛|啊)?|管不管"
                              r"|谁来管|谁管管|谁(?:来)?(?:管|监督|约束)(?:他|她|它|这些人|这帮人)")
_QUESTION_END = re.compile(r"[？?。！!；;]")
_ASKS = re.compile(r"吗|呢|啥|什么|哪些|哪个|哪种|怎么|咋|能不能|可不可以|有没有|是否")


def _asks_besides(cue: re.Pattern[str], text: str) -> bool:
    """Whether `text` holds a second question besides the one `cue` words (我是外资企业，哪些
    行业不让进？遇到问题找谁投诉): a sentence that asks and says nothing of the field."""
    pieces = [p for p in _QUESTION_END.split(normalize(text)) if p]
    return (len(pieces) > 1 and any(cue.search(p) for p in pieces)
            and any(_ASKS.search(p) and not cue.search(p) for p in pieces))


# A clause that answers "when / how long" with the plan's own date or span (到2025年底，实现
# “村村通快递”; 24小时报告制度).
# A clause setting a time limit without a figure (对现场勘验…建立限时办结机制) answers 有时间限制吗
# too: that there is one, with no day count of ours.
_WHEN_STATED = re.compile(r"20\d\d年(?:底|末|前)|\d+\s*(?:个工作日|工作日|小时|天|日|个月)|限时")


# A follow-up saying one word besides its question words (能解除吗) is of this many characters.
WORD_ONLY = (2, 4)


def _word_written(items: list[int], text: str) -> list[Evidence]:
    """能解除吗 after 财产保全: a follow-up in the conversation's service saying one word of its
    own, which one clause of the service's tasks writes (第160条 …依法及时解除、变更): that
    clause. One pair is too little evidence anywhere else (MIN_SHARED); here the service is
    already the conversation's and the word is all the question says. None when no clause, or
    more than one, writes it."""
    word = content_besides_cues(text)
    if not WORD_ONLY[0] <= len(word) <= WORD_ONLY[1]:
        return []
    writing = [c for n in dict.fromkeys(items) for c in plan_task(n).clauses
               if word in normalize(c.text) and len(c.quote) >= MIN_CLAUSE_CHARS]
    return [Evidence(writing[0], 0.0)] if len(writing) == 1 else []


# An alias this long, said in the question and written in one of the plan's clauses, is the
# plan's own word for a part of the task (订单班 → 开展“订单班”…等培训).
ALIAS_CLAUSE_MIN = 3


def _alias_clauses(service: ServiceOut, text: str, naming: list[str]) -> list[Evidence]:
    """When the question's other words point at no clause: the clause its alias names, if the
    alias is one of the plan's words for a part of the task other than the cited clause (类似
    订单班那种，有补贴吗 → 第54条 开展“订单班”“协议班”“委培班”等培训)."""
    norm = normalize(text)
    if QUESTION_CUES["ask_howto"].search(norm):
        return []  # 上了失信名单咋恢复 asks how the service works: its alias is the subject
    cited = normalize(service.citation.text)
    if sum(1 for a in service.aliases if normalize(a) in norm) > 1:
        return []  # 评技能等级 … 订单班: two parts of the task asked, which the overview covers
    said = [a for a in service.aliases
            if len(a) >= ALIAS_CLAUSE_MIN and normalize(a) in norm and normalize(a) not in cited]
    for alias in said:
        found = relevant_clauses(service_tasks(service), text, naming, also=alias)
        if found and _writes_alias(alias, found[0].clause.text, loosely=_asks_once(norm)):
            return found
    return []


# Characters of an alias the question must write in a row to be saying a part of it as a word
# of its own (新模式 of 新模式监管), not sharing a pair by chance (限行 of 货车限行).
PART_SAID_MIN = 3


def _says_alias_part(alias: str, norm: str) -> bool:
    return alias not in norm and any(alias[i:i + PART_SAID_MIN] in norm
                                     for i in range(len(alias) - PART_SAID_MIN + 1))


def _partly_named_clauses(service: ServiceOut, items: list[int], text: str,
                          naming: list[str]) -> list[Evidence]:
    """An alias the question says only in part names nothing: that part is the question's own
    word. 这种新模式会不会被管得很严 says 新模式, not the alias 新模式监管, so 新模式 still counts
    (第119条 …新业态、新模式…). The service's name keeps its words out (货车 of 货车通行), as does
    an alias sharing only a pair (限行 of 货车限行: 货车进城老被限行 asks of the service, not of
    第82条's 不限行). Read only when every name taken out finds nothing."""
    norm = normalize(text)
    kept = [n for n in naming[1:] if not _says_alias_part(normalize(n), norm)]
    if len(kept) == len(naming) - 1:
        return []
    return relevant_clauses(items, text, [naming[0], *kept])


def _asks_once(norm: str) -> bool:
    """One question asked (限行吗？新能源的有优惠吗 asks two, which the overview covers)."""
    return sum(1 for piece in _QUESTION_END.split(norm) if _ASKS.search(piece)) <= 1


def _writes_alias(alias: str, clause: str, *, loosely: bool) -> bool:
    """The clause writes the alias; `loosely`: or all its word pairs but one (新能源货车 in
    新能源配送货车: the plan puts a word between its parts)."""
    alias, clause = normalize(alias), normalize(clause)
    if alias in clause:
        return True
    pairs = bigrams(alias)
    return loosely and len(alias) > ALIAS_CLAUSE_MIN and len(pairs - bigrams(clause)) <= 1


def detail_answer(service: ServiceOut, text: str, aliases_tell: bool = False, *,
                  when: bool = False, in_conversation: bool = False) -> Answer | None:
    """The one or two clauses of the service's tasks that address the question, each with its
    第N条 (no time limit unless asked); None when no clause shares enough of its words.
    能网上办吗, which its own words leave unaddressed, is read with the plan's words for applying
    online (第145条 网上办证). `aliases_tell`: the service is already the conversation's, so an
    alias said names one of its tasks' matters (那限制高消费呢 → 第152条 限制高消费措施), not
    which service. `when`: a how-long question about a service with no time limit — only a clause
    stating a date or span of its own answers it (else the plain "no time limit" answer stands).
    `in_conversation`: a follow-up, which may go to court in the matter at hand."""
    naming = [service.name, *service.aliases]
    items = service_tasks(service)
    # 除了临牌还能办啥 / 小程序能办啥事: the clause that names the service's matters the most.
    evidence = ((relevant_clauses(items, text, [], also=" ".join([*naming, DOING_WORDS]))
                 if asks_what_it_does(text) else [])
                or relevant_clauses(items, text, naming)
                or _alias_clauses(service, text, naming)
                or (relevant_clauses(items, text, [service.name]) if aliases_tell else [])
                or _partly_named_clauses(service, items, text, naming)
                or (relevant_clauses(items, text, naming, also=ONLINE_WORDS)
                    if asks_online(text) else [])
                or (_word_written(items, text) if aliases_tell else []))
    # (only in a conversation, `in_conversation`, and of a service the message does not name:
    # 知识产权纠纷除了打官司还有别的渠道吗 asks of the matter it names, whose clauses answer as
    # ever; a first message the search reads as a matter asks of what its own words say, not
    # of that matter's court task, which only a follow-up in the matter means)
    court = (court_items(service) if in_conversation and goes_to_court(text) and not any(
        normalize(n) in normalize(text) for n in naming) else [])
    if court and not any(e.task in court for e in evidence) and (
            not evidence or _questions_asked(text) <= 1):
        # 要是打赢了官司对方还不给呢 after 拖欠中小企业账款: what the court does in this matter, the
        # clause of its task the court leads (第161条 督促失信被执行人…履行), not the matter's
        # own targets (第129条 清偿率), whatever words the two share with the question. A
        # message asking something else as well (清欠到2023年底要求清多少？另外…法院会怎么处理)
        # keeps the clauses its other question reads.
        found = relevant_clauses(court, text, [service.name], also=COURT_WORDS) or (
            # 要是打官司呢, saying nothing else: the court's task itself, its first body; a
            # message saying more (…听说有个法官工作室，叫啥) is left to the clauses elsewhere
            [Evidence(c, 0.0) for c in plan_task(court[0]).clauses[1:2]]
            if len(content_besides_cues(text)) <= COURT_BARE else [])
        title = plan_task(found[0].task).clauses[0] if found else None
        # under the task's title, which names the court's matter (高效办理拖欠中小微企业账款案件)
        evidence = ([Evidence(title, 0.0), found[0]]
                    if title is not None and found[0].clause.text != title.text
                    else found) or evidence
    if when:
        evidence = [e for e in evidence if _WHEN_STATED.search(e.clause.text)]
    if asks_meaning(text):
        # “三零”是什么意思: the clause that explains the term (“三零”（即零上门…）), if one does.
        evidence = _explaining(items, text, naming) or evidence
    if asks_frequency(text):
        # 多久查一次: the clause that says how often (每年对照开展核查), read with the plan's words
        # for it, beats one that shares more of the question's other words.
        often = [e for n in items
                 for e in relevant_clauses([n], text, naming, also=FREQUENCY_WORDS)
                 if _HOW_OFTEN.search(e.clause.text)]
        evidence = sorted(often, key=lambda e: -e.score)[:1] or evidence
    if asks_target_year(text):
        # 到哪年还到多少: the clauses that set a level by a year (到2023年底…达到70%以上, 力争到
        # 2024年底…100%) beat one that shares more of the setting's words (纳入绩效考核).
        dated = relevant_clauses(items, text, naming, also=TARGET_WORDS, only=_TARGET_SET)
        if dated:  # the task's targets in turn (70%以上 by 2023, 100% by 2024): both are asked
            steps = _dated_clauses(dated[0].task)
            evidence = steps if len(steps) <= MAX_CLAUSES else dated
    if not evidence:
        return None
    return quoting_answer(service, evidence, naming, _departments(service))


# By which year something is to be reached (到哪年, 哪一年能完成, 几几年), asked of a target.
_ASKS_TARGET_YEAR = re.compile(r"哪一?年|几几年")
# The plan's words for a target set by a year, and a clause setting one (到2025年底…, 力争到…).
TARGET_WORDS = "年底 达到 实现 力争"
_TARGET_SET = re.compile(r"到\s*20\d\d\s*年")


def _dated_clauses(item: int) -> list[Evidence]:
    return [Evidence(c, 0.0) for c in tasks()[item].clauses if _TARGET_SET.search(c.text)]


def asks_target_year(text: str) -> bool:
    return bool(_ASKS_TARGET_YEAR.search(normalize(text)))


# A term the plan puts in quotes, and how it explains one where it writes it: “三零”（即零上门、
# 零审批、零投资）, “一件事”：….
TERM = re.compile(r"“([^”]{2,16})”")
_EXPLAINED = re.compile(r"^(?:[（(]?即|[（(]|[：:]|是指|指的是|就是)")


def explains(clause: str, term: re.Match[str]) -> bool:
    return bool(_EXPLAINED.match(clause[term.end():]))


def _explaining(items: list[int], text: str, naming: list[str]) -> list[Evidence]:
    """The clause of `items` that explains a quoted term the question says; [] when none."""
    norm = normalize(text)
    for n in items:
        for found in relevant_clauses([n], text, [], also=" ".join(naming)):
            clause = found.clause.text
            if any(normalize(t.group(1)) in norm and explains(clause, t)
                   for t in TERM.finditer(clause)):
                return [found]
    return []


# The plan's words for how often something is done.
FREQUENCY_WORDS = "每年 每季度 每月 定期 年度 常态化 频次"
_HOW_OFTEN = re.compile(r"每(?:年|半年|季度?|个?月|周)|定期|年度|常态化|频次|频率")


# A clause of another service quoted for a detail its own clauses do not address must read at
# least this well (summed IDF): twice what a clause of the service itself needs (MIN_EVIDENCE).
ELSEWHERE_EVIDENCE = 12.0


def _same_office(a: ServiceOut, b: ServiceOut) -> bool:
    return a.category == b.category or bool(a.lead_unit and a.lead_unit == b.lead_unit)


def detail_elsewhere(service: ServiceOut | None, others: Iterable[ServiceOut], text: str,
                     least: float = ELSEWHERE_EVIDENCE,
                     read_too: Collection[str] = ()) -> Answer | None:
    """A detail the service's own clauses do not address, which a clause of a service of the
    same chapter or lead unit does, strongly: that service's clause, under its name and 第N条.
    The service was named by a word of the setting (打官司, 申请执行, 财产保全); the question is
    about what the court does with it (确权 → 第150条 依法明确产权归属; 失信限高…和解 → 第152条;
    网上保全 微法院 → 第153条). The words naming the service found do not count; those naming
    the other do (虚假官司 is its word, which the search read as the setting's). With no
    service found at all (有人堵厂门口要债，还威胁工人), any service's clause may answer.
    `least`: the evidence a clause needs (a question whose words are only the plan's own, 网上办理,
    may need less). `read_too`: services of other offices the catalog search also read the
    message as (拖欠工人工钱…还能来投项目吗: 根治欠薪, whose 第95条 limits 市场准入)."""
    own = [service.name, *service.aliases] if service else []
    said = drop_also(text)  # 我们同时还要…: not 第41条's 同时规划

    def strong(other: ServiceOut) -> list[Evidence]:
        found = relevant_clauses(service_tasks(other), said, own)
        return found if found and found[0].score >= least else []

    return _best_elsewhere(service, others, strong, read_too)


def _best_elsewhere(service: ServiceOut | None, others: Iterable[ServiceOut],
                    find: Callable[[ServiceOut], list[Evidence]],
                    read_too: Collection[str] = ()) -> Answer | None:
    """The other service (of the same chapter or lead unit as `service`; any, when None) whose
    clauses `find` reads best, quoted under its own name; None when `find` finds nothing."""
    best: tuple[float, ServiceOut, list[Evidence]] | None = None
    for other in others:
        if service is not None and (other.slug == service.slug
                                    or not (_same_office(service, other)
                                            or other.slug in read_too)):
            continue
        found = find(other)
        if found and (best is None or found[0].score > best[0]):
            best = (found[0].score, other, found)
    if best is None:
        return None
    _, other, evidence = best
    return quoting_answer(other, evidence, [other.name, *other.aliases], _departments(other))


# Whether one can get it done (晚上能办吗, 周末可以申请不), not when an office opens.
_CAN_DO = re.compile(r"(?:能|可以|能不能|可不可以)(?:在?网上|自己)?(?:办|申请|提交|弄|搞|报|登记)")
# The chapter of services applied for through the platforms the plan's round-the-clock clause
# names (第2条 依托新疆政务服务网和综合政务自助终端…7×24小时“不打烊”): 优化政务服务. The clause's
# own chapter (企业开办) is its holder's office.
_GOV_CHAPTER = "政务服务"


def round_the_clock(service: ServiceOut, others: Iterable[ServiceOut], text: str
                    ) -> Answer | None:
    """晚上能办吗 of a 政务服务 matter whose own channels promise no hours (政务服务标准化与事项
    清单): the plan's round-the-clock clause, under the service whose channel it is (第2条
    7×24小时“不打烊”, 企业开办), not "the plan does not state office hours". None for a
    question about when an office opens, a service with a round-the-clock channel of its own
    (its channels answer), or one outside those chapters (燃气报装, a court's filing)."""
    if not _CAN_DO.search(normalize(text)):
        return None
    if any(_ROUND_THE_CLOCK.search(c) for c in [*service.channels, service.howto]):
        # 晚上也能提交吗 after 企业开办: its own clause that keeps it open (第2条 7×24小时
        # “不打烊”服务) answers it in the plan's words, not the list of its channels.
        return own_round_the_clock(service)
    holders = [o for o in others if o.slug != service.slug
               and any(_ROUND_THE_CLOCK.search(c) for c in o.channels)
               and (_same_office(service, o) or _GOV_CHAPTER in service.category)]
    found = detail_elsewhere(None, holders, text, least=MIN_EVIDENCE)
    if found is None or not _ROUND_THE_CLOCK.search(found.card["citation"]["text"]):
        return None
    return found


def _first_clause_quoted(service: ServiceOut, pattern: re.Pattern[str]) -> Answer | None:
    """The first clause of the service's tasks that `pattern` finds, quoted under the service's
    name with its 第N条; None when none does."""
    for number in service_tasks(service):
        clause = next((c for c in plan_task(number).clauses if pattern.search(c.text)), None)
        if clause is not None:
            return quoting_answer(service, [Evidence(clause, 1.0)],
                                  [service.name, *service.aliases], _departments(service))
    return None


def own_round_the_clock(service: ServiceOut) -> Answer | None:
    """The clause of the service's own tasks that writes 24小时 / 不打烊, quoted with its 第N条;
    None when none does (its channels then answer the hours)."""
    return _first_clause_quoted(service, _ROUND_THE_CLOCK)


# A clause committing to a time limit without a figure (建立限时办结机制, 限时完成).
_LIMITED_WRITTEN = re.compile(r"限时办结|限时完成")


def limited_elsewhere(service: ServiceOut, others: Iterable[ServiceOut]) -> Answer | None:
    """多久能办完 after 帮办代办, which the plan gives no time limit: the clause of a service of the
    same chapter or lead unit, itself without a time limit, that commits to one without a
    figure (第66条 …建立限时办结机制), quoted under that service's name with its 第N条 — said
    beside "no time limit is set", never instead of it. None when no such clause exists."""
    if service.time_limits:
        return None
    for other in others:
        if other.slug == service.slug or other.time_limits or not _same_office(service, other):
            continue
        quoted = _first_clause_quoted(other, _LIMITED_WRITTEN)
        if quoted is not None:
            return quoted
    return None


# A clause that says what something costs (免费发布注销公告, 零投资, 降低收费).
_FEE_CLAUSE = re.compile(r"免费|收费|费用|费率|零投资|不收|减免")


# How near the fee word the part asked about is written (免费发布注销公告): farther, the clause
# says what something else costs (提供免费法律援助 of 农民工、灵活就业人员…).
FEE_PART_SPAN = 8


def _says_part(part: str, clause: str) -> bool:
    """Whether the clause says what the part asked about costs: a character pair of the part
    within FEE_PART_SPAN characters of a fee word (公告 in 免费发布注销公告)."""
    for fee in _FEE_CLAUSE.finditer(clause):
        near = clause[max(0, fee.start() - FEE_PART_SPAN):fee.end() + FEE_PART_SPAN]
        if any(part[i:i + 2] in near for i in range(len(part) - 1)):
            return True
    return False


def fee_elsewhere(service: ServiceOut, others: Iterable[ServiceOut], text: str) -> Answer | None:
    """A fee question about a part of the matter (公告要钱吗 after 简易注销), which the service's
    own fee lines do not cover: the clause of a service of the same chapter or lead unit that
    addresses its words and says what it costs (第4条 免费发布注销公告); None when none does.
    The service's own words do not count: they only say which matter."""
    part = content_besides_cues(text)
    for name in sorted([service.name, *service.aliases], key=len, reverse=True):
        part = part.replace(normalize(name), "")  # the matter itself is no part of it
    # 登报要钱吗: the part in the plan's words too (公告 of 免费发布注销公告).
    part = f"{part} {plan_words(part)}"

    def costing(other: ServiceOut) -> list[Evidence]:
        # The part is the conversation's matter's (公告 of 注销): its name is meant too.
        found = [e for e in relevant_clauses(service_tasks(other), text, [], also=service.name)
                 if _FEE_CLAUSE.search(e.clause.text) and _says_part(part, e.clause.text)]
        return found[:1]

    return _best_elsewhere(service, others, costing)


def quoting_answer(service: ServiceOut, evidence: list[Evidence], naming: list[str],
                   departments: str = "") -> Answer:
    """utter_detail quoting the chosen clauses, each focused on the service's names and with its
    第N条; the card carries the first clause as citation and every clause as evidence."""
    first = evidence[0]
    variables = {
        "service_name": service.name,
        "item": str(first.task),
        "quotes": "；".join(f"{focused_quote(e.clause.quote, naming)}（第{e.task}条）"
                           for e in evidence),
        "lead_unit": service.lead_unit or "相关部门",
        "ask_unit": ask_unit(service),
        "departments": departments or service.lead_unit or "相关部门",
    }
    card = service_card(service)
    card["citation"] = {"item": first.task, "text": first.clause.text}
    card["evidence"] = [{"item": e.task, "text": e.clause.text, "score": round(e.score, 2)}
                        for e in evidence]
    cite_card_figures(service, card, {e.task for e in evidence})
    return Answer("utter_detail", variables, card, list(FEEDBACK_BUTTONS))


# The responses that quote the plan's text rather than a field with its own "not stated".
QUOTING_RESPONSES = ("utter_detail", "utter_policy", "utter_howto", "utter_overview_no_time_limit")
# A figure in digits or in words (三名以上公证员, 两个工作日).
_AMOUNT_FIGURE = re.compile(r"\d|[一二三四五六七八九十两百千万]+"
                            r"(?:名|个|家|项|位|人|次|倍|成|类|种)")


# What a count question counts (最多能加载几个经营场所 → 经营场所): the two characters after it.
_COUNTED = re.compile(r"(?:几|多少)(?:个|家|项|名|位|种|类)([\u4e00-\u9fff]{2})")


def _parts_counting(quoted: str, text: str) -> str:
    """The comma parts of the quote that name the thing the question counts, when any does: a
    figure elsewhere in it counts something else (只设一个分支机构 is no number of 经营场所,
    which 加载多个经营场所 leaves open). The whole quote otherwise."""
    counted = _COUNTED.search(normalize(text))
    if counted is None:
        return quoted
    parts = [p for p in re.split(r"[，,；;。]", quoted) if counted.group(1) in p]
    return "，".join(parts) if parts else quoted


def amount_not_stated(service: ServiceOut, text: str, answer: Answer) -> Answer | None:
    """补多少 / 利率多少 answered by a quote that states no figure: the plan does not state the
    amount — say so and where to ask, with the task the quote came from. None otherwise."""
    if answer.response not in QUOTING_RESPONSES or not asks_amount(text):
        return None
    quoted = answer.variables.get("quotes") or answer.variables.get("policy", "")
    if answer.response in ("utter_howto", "utter_overview_no_time_limit"):
        quoted = answer.variables.get("howto", "")
    if _AMOUNT_FIGURE.search(_parts_counting(re.sub(r"第\d+条|12345", "", quoted), text)):
        return None  # (the hotline is no amount)
    plain = not_in_plan_answer("amount", service)
    plain.variables["item"] = answer.variables.get("item", plain.variables["item"])
    if plain.card and answer.card:
        plain.card["citation"] = answer.card.get("citation", plain.card["citation"])
    return plain
