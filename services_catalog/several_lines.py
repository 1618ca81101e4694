"""One line of a several-services answer: the service's own answer, compact (several.py).

A field the catalog does not hold for the service (no fee, no channel, no material list) is not
always a field the plan is silent on: 用电报装's 第42条 says 零投资, 公证's 第145条 网上办证. Such
a line quotes the clause of the service's tasks that speaks of what was asked — the words a
question of that type means without saying them, as answers.online_commitment does for 能网上办吗
— and says "not stated" only when no clause does.
"""

from __future__ import annotations

import re

from services_catalog.answers import (
    DETAIL_QUESTIONS,
    FEEDBACK_BUTTONS,
    NEEDS_LIMIT,
    ONLINE_WORDS,
    Answer,
    capacity_answer,
    compose,
    quoting_answer,
    service_card,
    service_tasks,
    wants_detail,
)
from services_catalog.evidence import Evidence, focused_quote, relevant_clauses
from services_catalog.plan import tasks
from services_catalog.question_cues import asks_online
from services_catalog.schemas import ServiceOut

# The plan's words for what a question type asks (在哪办 → 窗口, 大厅, 网上办证 …).
MEANS: dict[str, str] = {
    "channel": "窗口 大厅 网上 线上 平台 网办 办证 一窗受理",
    "fee": "收费 免费 费用 零投资 减免 降低 成本",
    "materials": "材料 证明 提交",
    "time_limit": "时限 时效 期限 及时 限时",
}
# What 能网上办吗 means besides the channel words: the plan's commitments to applying online.
ONLINE_MEANS = f"{ONLINE_WORDS} 网络化 电子化 无纸化"
_PLACE = re.compile(r"大厅|政务中心|政务服务中心|窗口")
# The hall's name in the plan: 政务服务大厅, 政务服务中心, and the 政务服务 systems a service's own
# is joined to (用电报装系统与政务服务…系统融汇贯通).
HALL_MEANS = "政务服务"
# Compact answers that say the catalog holds no such field for the service.
NOT_STATED = ("utter_no_time_limit", "utter_no_fee", "utter_fee_unstated", "utter_no_channel",
              "utter_channel_online_unstated", "utter_no_materials")


def quoted_line(service: ServiceOut, question: str, words: str) -> Answer | None:
    """The clause of the service's tasks that speaks of `question` asked in `words`, quoted with
    its 第N条 (utter_detail); None when none does."""
    naming = [service.name, *service.aliases]
    also = MEANS.get(question, "")
    if question == "channel" and _PLACE.search(words):
        also += " " + HALL_MEANS  # 能在政务大厅办吗: 与政务服务…系统融汇贯通 (第41条)
    if question == "channel" and asks_online(words):
        also += " " + ONLINE_MEANS  # 能网上办吗: 营业执照实行电子化、网络化办理 (第10条)
    evidence = relevant_clauses(service_tasks(service), words, naming, also=also)[:1]
    if not evidence:
        return None
    first = evidence[0]
    card = service_card(service)
    card["citation"] = {"item": first.task, "text": first.clause.text}
    quote = focused_quote(first.clause.quote, naming)
    return Answer("utter_detail", {"service_name": service.name, "item": str(first.task),
                                   "quotes": f"{quote}（第{first.task}条）"},
                  card, list(FEEDBACK_BUTTONS))


def _naming(service: ServiceOut, said: str) -> list[str]:
    """The words that only say which service: those that named it in the message, else all its
    names. 仲裁 is an alias of 劳动人事争议, but after 劳动争议 it says what is asked."""
    return [said, service.name] if said else [service.name, *service.aliases]


def detail_line(service: ServiceOut, question: str, words: str, said: str = "") -> Answer | None:
    """The one or two clauses of the service's tasks that address the words asked of it, each with
    its 第N条; None when none does. When they point at none and what is asked is what the plan
    says (什么规定), a service of several tasks is answered from the task its words name: another
    of its names among them (仲裁 after 劳动争议 → 第170条), else the words that named it
    (医疗信息平台 of 数字消费、平台经济与县乡村物流 → 第50条)."""
    naming = _naming(service, said)
    items = service_tasks(service)
    evidence = relevant_clauses(items, words, naming)
    if (not evidence and question in DETAIL_QUESTIONS and said and said != service.name
            and len(items) > 1):
        evidence = _naming_clause(service, items, words.replace(said, " "))
        evidence = evidence or relevant_clauses(items, said, [])[:1]
    if not evidence:
        return None
    return quoting_answer(service, evidence, naming)


def spoken_apart(service: ServiceOut, first: str, second: str) -> bool:
    """Each of two names of the service is in a clause of its tasks, and no clause holds both."""
    clauses = [c.text for n in service_tasks(service) if n in tasks() for c in tasks()[n].clauses]
    one = {i for i, c in enumerate(clauses) if first in c}
    other = {i for i, c in enumerate(clauses) if second in c}
    return bool(one and other) and not one & other


def named_line(service: ServiceOut, said: str) -> Answer | None:
    """The clause of the service's tasks about one of its names (劳动用工备案 → 全面实施劳动用工
    备案制度…, 第28条), labelled with that name; None when no clause holds it."""
    evidence = _naming_clause(service, service_tasks(service), said, [said])
    if not evidence:
        return None
    answer = quoting_answer(service, evidence, [said])
    answer.variables["service_name"] = f"{service.name}（{said}）"
    return answer


def _naming_clause(service: ServiceOut, items: list[int], rest: str,
                   names: list[str] | None = None) -> list[Evidence]:
    """The clause of the service's tasks that holds most often another of its names found in
    `rest` (仲裁机构…将仲裁、调解、诉讼… for 仲裁), beyond a task's heading; [] when none."""
    if names is None:
        names = [a for a in service.aliases if len(a) >= 2 and a in rest]
    best: tuple[int, Evidence] | None = None
    for number in items:
        for clause in tasks()[number].clauses[1:] if number in tasks() else []:
            count = sum(clause.text.count(a) for a in names)
            if count and (best is None or count > best[0]):
                best = (count, Evidence(clause, float(count)))
    return [best[1]] if best else []


def line_answer(service: ServiceOut, question: str, words: str, said: str = "",
                message: str = "") -> Answer:
    """The answer one line of a several-services reply gives: a detail asked of the service
    (高压用户有啥服务) quotes the clause that addresses it; a field gets the catalog's, every
    variant listed unless the words pick one (非居民); a field the catalog lacks, the clause
    that speaks of it. `said`: the words that named the service in the message. `message`: the
    whole message, whose capacity said once (我们厂400千瓦，用电和用水分别多久) is every line's."""
    if question in NEEDS_LIMIT and (over := capacity_answer(service, message or words)):
        return over
    if words and wants_detail(service, question, words):
        detail = detail_line(service, question, words, said)
        if detail is not None:
            return detail
    if question == "channel" and _PLACE.search(words):
        # 能在政务大厅办吗: the plan's clause on that place answers it (在政务服务大厅设置报装窗口)
        quoted = quoted_line(service, question, words)
        if quoted is not None:
            return quoted
    answer = compose(service, question, text=words, list_variants=True)
    if answer.response in NOT_STATED:
        return quoted_line(service, question, words) or answer
    return answer


def task_line(service: ServiceOut, task: int, words: str) -> Answer | None:
    """The clause of one of the service's tasks that best addresses `words` (村里啥时候能通快递 →
    第61条 村村通快递), quoted with its 第N条; None when none does."""
    evidence = relevant_clauses([task], words, [])
    return quoting_answer(service, evidence, [service.name, *service.aliases]) if evidence else None
