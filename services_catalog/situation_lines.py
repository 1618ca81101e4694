"""The extra matters a told situation touches (situations.py), answered as the product answers a
matter: the catalog service whose time limit cites the task — its checklist line, with the time
limit and 第N条, as the life-event checklist gives it — else the plan's clause quoted with 第N条
(under the service that holds the task, or the plan's area for a task no service holds).

Only matters the answer already given lacks are added, at most situations.MAX_EXTRA lines, in a
bubble of their own after the answer. No figure but the catalog's or the quoted clause's.
"""

from __future__ import annotations

import re
from typing import Any

from services_catalog import plan
from services_catalog.absent_facts import absent_answered
from services_catalog.answers import compose
from services_catalog.asked_matters import (
    asked_matters,
    asking_clauses,
    beside_answer,
    unquoted_own,
)
from services_catalog.clause_services import states_absent, unanswered_services
from services_catalog.evidence import pairs
from services_catalog.normalize import normalize
from services_catalog.several import LINE
from services_catalog.situations import MAX_EXTRA, is_situation, matters
from services_catalog.snapshot import CatalogSnapshot
from services_catalog.wording import render, responses

# 第12条 in a reply's text or variables.
_CITED = re.compile(r"第(\d{1,3})条")
_QUOTE_MAX = 80  # characters of a clause shown besides the task's title
_MIN_SHARED = 2  # distinct two-character words a clause shares with the message to be shown


def cited_in(messages: list[dict[str, Any]]) -> set[int]:
    """The tasks an answer's messages already cite: 第N条 in any text or variable, an "item"
    (a card's, its citation's, a step's) wherever it is."""
    found: set[int] = set()
    _collect(messages, None, found)
    return found


def _collect(value: Any, key: str | None, found: set[int]) -> None:
    if isinstance(value, str):
        found.update(int(n) for n in _CITED.findall(value))
    elif isinstance(value, dict):
        for k, v in value.items():
            _collect(v, str(k), found)
    elif isinstance(value, list | tuple):
        for v in value:
            _collect(v, None, found)
    elif isinstance(value, int) and not isinstance(value, bool):
        if key == "item":
            found.add(value)
    elif value is not None and not isinstance(value, float):
        _collect(str(value), None, found)  # any other object, as its text


def _clause_for(task: plan.Task, text: str) -> str:
    """The task's clause (besides its title) sharing most words with the message, shortened at a
    comma; '' when none shares enough. Not evidence.relevant_clauses (IDF-weighted, its
    MIN_EVIDENCE bar): tried in its place, it changed 53 of the bubble lines of dev_plan8/9/12/13,
    adding a clause to many bare titles but dropping fitting ones (第166条 分期履行, 第61条
    乱收费) — not uniformly better, so the two stay apart (changes/q-review.md)."""
    words = pairs(normalize(text))
    best, shared = "", _MIN_SHARED - 1
    for clause in task.clauses[1:]:
        n = len(words & pairs(clause.quote))
        if n > shared:
            best, shared = clause.quote, n
    return _shortened(best)


def _shortened(clause: str) -> str:
    """At most _QUOTE_MAX characters, cut at a comma outside brackets (a cut inside （…）
    would leave it open)."""
    if len(clause) <= _QUOTE_MAX:
        return clause
    depth, cut, opened = 0, 0, 0
    for i, ch in enumerate(clause[:_QUOTE_MAX]):
        if ch in "（(" and depth == 0:
            opened = i  # else cut before the bracket
        depth += (ch in "（(") - (ch in "）)")
        if ch in "，," and depth == 0:
            cut = i
    return clause[:cut or (opened if depth else 0) or _QUOTE_MAX] + "……"


def _service_line(snap: CatalogSnapshot, item: int, text: str) -> tuple[str, str, str] | None:
    """(slug, name, line) of the service whose time limit the task states. A service the plan
    gives no time limit is answered by the task's clause instead: 未规定具体办理时限 alone says
    nothing of the matter."""
    for service in snap.services.values():
        if all(t.item != item for t in service.time_limits):
            continue
        answer = compose(service, "time_limit", text=text, list_variants=True)
        if str(answer.variables.get("item")) != str(item):
            continue
        line = render(LINE.get(answer.response, "utter_line_policy"),
                      {**answer.variables, "plan_quote": ""})
        return service.slug, service.name, line
    return None


def _clause_line(snap: CatalogSnapshot, item: int, text: str,
                 asked: str = "") -> tuple[str | None, str, str]:
    """(slug, name, line) quoting the task, under the service holding it or the plan's area;
    `asked`: the clause a question of the message reads as, quoted in place of the best one."""
    task = plan.task(item)
    holders = [s for s in snap.services.values() if item in s.items]
    # The service whose own citation the task is, else the first holding it.
    holder = next((s for s in holders if s.citation.item == item), holders[0] if holders else None)
    name = holder.name if holder else task.area.title
    clause = _shortened(asked) if asked else _clause_for(task, text)
    quote = f"{task.title}——{clause}" if clause else task.title
    return (holder.slug if holder else None), name, f"{name}：{quote}（第{item}条）"


_NO_MORE = ("handoff", "other_region")
MAX_OWN = 2  # clauses of the answer's own tasks added at most


def touches_more(text: str) -> bool:
    """Worth reading for matters besides the answer's: a situation, or a clause asking one (of
    another matter, or of the answer's own that the answer may leave out)."""
    return is_situation(text) or bool(asked_matters(text)) or bool(asking_clauses(text))


def extra_matters(snap: CatalogSnapshot, text: str, cited: set[int],
                  reply: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The bubble (text, card) of the matters the situation touches that the answer lacks: those
    a clause of its own asks first (asked_matters), then the situation memory's; then, given the
    answer's text `reply`, the clauses of its own tasks a question asks that it leaves out (at
    most MAX_OWN, besides the others: they answer what was asked)."""
    # A question clause the answer says the plan does not state (an absent fact) is answered:
    # no other matter's clause is read for it, nor its figure set beside the answer.
    def answered(words: str) -> bool:
        return reply is not None and absent_answered(reply, words)

    asked = beside_answer(text, cited, answered)
    touched = [*asked, *(matters(text) if is_situation(text) else [])]
    extra = [n for n in dict.fromkeys(touched) if n not in cited and n in plan.tasks()][:MAX_EXTRA]
    # (The answer's own clauses stay: the same matter's words, with their 第N条, never another's
    # figure; they rescue a not-stated answer whose clause does state it, 清偿率达到70%.)
    own = dict(list(unquoted_own(text, cited, reply).items())[:MAX_OWN]) if reply else {}
    # A service another clause asks about that the answer leaves out (clause_services): beside
    # the others, not in their place.
    named = {} if reply is None or states_absent(reply) else {
        n: q for n, q in unanswered_services(snap, text, cited).items()
        if n not in extra and n not in own}
    if not extra and not own and not named:
        return None
    lines, steps = [], []
    for item in [*extra, *named, *own]:
        quote = own.get(item) or asked.get(item) or named.get(item, "")
        slug, name, line = ((None if item in own else _service_line(snap, item, text))
                            or _clause_line(snap, item, text, quote))
        lines.append(f"{len(lines) + 1}. {line}")
        steps.append({"slug": slug, "name": name, "item": item,
                      "citation": {"item": item, "text": plan.task(item).text}})
    body = render("utter_related_matters", {"lines": "\n".join(lines)})
    return body, {"type": "related_matters", "steps": steps}


def related_to_answer(snap: CatalogSnapshot, text: str,
                      sent: list[dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """The bubble to follow an answer's messages `sent` (the action server's and the gateway's
    degraded answer alike): for a situation told at length or a question clause of another
    matter, never after a hand-off or another region's answer (it states no figure)."""
    if not sent or not touches_more(text) or any(
            (m.get("custom") or {}).get("type") in _NO_MORE for m in sent):
        return None
    return extra_matters(snap, text, cited_in(sent), reply_text(sent))


def reply_text(sent: list[dict[str, Any]]) -> str:
    """What the messages say: a message's text, else its response template rendered with its
    variables (the action server sends the template's name, Rasa renders it)."""
    out = []
    for m in sent:
        if m.get("text"):
            out.append(str(m["text"]))
        elif (name := m.get("response") or m.get("template")) and name in responses():
            out.append(render(str(name), {k: str(v) for k, v in m.items() if v is not None}))
    return "\n".join(out)


def matter_buttons(card: dict[str, Any]) -> list[dict[str, str]]:
    """A button per service among the matters, to ask about it (as the checklist's buttons)."""
    named = dict.fromkeys((s["slug"], s["name"]) for s in card["steps"] if s["slug"])
    return [{"title": name, "payload": f'/inform_service{{"service": "{slug}"}}'}
            for slug, name in named]
