"""What the plan commits to on a grievance a business tells (钱就是不给, 账户被冻了, 还让交了个
开口费): beside the 12345 hand-off, the one or two matters of the plan that address it, each
with the clause that does and its 第N条.

A grievance is told, not asked: its words read loosely as a service (欠款 → 清欠, 冻了 → 解除
冻结), often as two (中标了钱没付 → 政府采购支付 and 清欠). The catalog search says which
services (else, the clause of the whole plan that reads it strongly); the clauses of their tasks
say what each commits to. A second matter is quoted only
when the search reads it nearly as well as the first and a clause of its own addresses the
message: a grievance about nothing the plan holds (窗口态度差) gets the hand-off alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from services_catalog.answers import (
    ELSEWHERE_EVIDENCE,
    FEEDBACK_BUTTONS,
    Answer,
    quoting_answer,
    service_card,
    service_tasks,
)
from services_catalog.evidence import Evidence, focused_quote, relevant_clauses
from services_catalog.plan import Clause
from services_catalog.resolve import SEARCH_MIN
from services_catalog.schemas import ServiceOut
from services_catalog.several import several_card
from services_catalog.snapshot import CatalogSnapshot

# Services read from the message; a second matter is one of them.
CANDIDATES = 4
# How far below the first a second matter's search confidence may be, and how much of the
# first one's clause evidence its own must weigh (账户冻了 reads 电信诈骗's 冻结 too, weakly).
SECOND_MARGIN = 0.2
SECOND_EVIDENCE = 0.4
# A service the search reads this surely is a matter of the grievance even when none of its
# clauses shares the grievance's words (官司赢了对方不给钱 → 判决执行): its own clause is quoted,
# beside a matter whose clauses do address it (alone, it is left to the service answer).
SURE_READ = 0.7
# A service read below the margin is a second matter when a clause of its own addresses the
# grievance more strongly than the first matter's best clause does, by this factor.
OUTWEIGHS = 1.2


@dataclass(frozen=True)
class Matter:
    service: ServiceOut
    evidence: list[Evidence]  # the clauses of its tasks addressing the message (may be empty)


def grievance_matters(snap: CatalogSnapshot, text: str) -> list[Matter]:
    """The one or two matters of the plan a grievance touches, best first; [] when the search
    reads no service, or the first one's clauses do not address the message."""
    hits = [h for h in snap.index.search(text, CANDIDATES) if h.confidence >= SEARCH_MIN]
    near = [h for h in hits if hits and h.confidence >= hits[0].confidence - SECOND_MARGIN]
    # The best read service whose clauses address the message comes first.
    matters = [_matter(snap.services[h.slug], text) for h in near]
    read = [m for m in matters if m.evidence]
    if not read:
        # 尾款一直不给 reads as no service at all; the plan's words for it (拖欠 账款) are
        # a clause's, strongly: that clause's service.
        anywhere = _best_anywhere(snap, text)
        return [anywhere] if anywhere else []
    if hits[0].confidence >= SURE_READ and not matters[0].evidence:
        sure = matters[0].service
        return [Matter(sure, [_own_clause(sure)]), read[0]]
    first = read[0]
    cited = {e.task for e in first.evidence}
    for other in read[1:]:
        tasks = {e.task for e in other.evidence}
        if (not tasks & cited
                and other.evidence[0].score >= SECOND_EVIDENCE * first.evidence[0].score):
            return [first, other]
    # 燃气公司多收了一笔说不清的钱 投诉了没人理: the search reads the complaint (供水燃气投诉,
    # 第44条) far above 燃气报装, yet 燃气报装's own clause (第45条 收取不合理费用) addresses
    # the overcharge more strongly than the complaint's clause addresses anything: a second
    # matter, read by its clause, not by the search's margin. Read one by one: most messages
    # stop before this.
    for hit in hits[len(near):]:
        other = _matter(snap.services[hit.slug], text)
        if (other.evidence and not {e.task for e in other.evidence} & cited
                and other.evidence[0].score >= OUTWEIGHS * first.evidence[0].score):
            return [first, other]
    return [first]


def _matter(service: ServiceOut, text: str) -> Matter:
    """The service and its clauses addressing the message: the best one, and a second from
    another of its tasks when one addresses it too (清欠 第129条 and 拖欠账款案件 第161条 are
    both the grievance's), else relevant_clauses' second."""
    items = service_tasks(service)
    found = relevant_clauses(items, text, [])
    if not found:
        return Matter(service, [])
    others = [n for n in items if n != found[0].task]
    elsewhere = relevant_clauses(others, text, []) if others else []
    if elsewhere and found[-1].task == found[0].task:
        found = [found[0], elsewhere[0]]
    return Matter(service, found)


def _best_anywhere(snap: CatalogSnapshot, text: str) -> Matter | None:
    """The service of the whole catalog whose clauses address the message best, if strongly."""
    best: Matter | None = None
    for service in snap.services.values():
        found = _matter(service, text)
        if (found.evidence and found.evidence[0].score >= ELSEWHERE_EVIDENCE
                and (best is None or found.evidence[0].score > best.evidence[0].score)):
            best = found
    return best


def _own_clause(service: ServiceOut) -> Evidence:
    """The clause the service is cited by, as the evidence quoted for it."""
    text = service.citation.text
    return Evidence(Clause(service.citation.item, text, text), 0.0)


def grievance_answer(snap: CatalogSnapshot, text: str, least: int = 1) -> Answer | None:
    """The plan's commitments on a grievance: one matter quoted as a detail, two as a line
    each (its name, its clauses, 第N条); None when it addresses fewer than `least` matters."""
    matters = grievance_matters(snap, text)
    if not matters or len(matters) < least:
        return None
    if len(matters) == 1:
        m = matters[0]
        return quoting_answer(m.service, m.evidence, [m.service.name, *m.service.aliases])
    lines = [f"· {m.service.name}：" + "；".join(
        f"{focused_quote(e.clause.quote, [m.service.name])}（第{e.task}条）" for e in m.evidence)
        for m in matters]
    first = matters[0].evidence[0]
    card = several_card(
        [service_card(m.service) for m in matters],
        citation={"item": first.task, "text": first.clause.text},
        evidence=[{"item": e.task, "text": e.clause.text, "score": round(e.score, 2)}
                  for m in matters for e in m.evidence])
    return Answer("utter_several", {"lines": "\n".join(lines)}, card, list(FEEDBACK_BUTTONS))
