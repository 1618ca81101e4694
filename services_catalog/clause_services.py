"""Services that a message's other clauses ask about and the answer leaves out.

A message often asks two things (想先领失业金，回头自己当个体户再自己交社保，这俩咋弄; 能不能一次性
打包办了？要是有一样材料还没准备好能先收件吗): the answer settles on the first or strongest matter,
and the other clause's service is neither answered nor cited. asked_matters reads each clause
against the plan's own clauses (rare words shared, a high bar); this reads each clause against the
catalog's services — their names, aliases and the search — which know the colloquial names
(领失业金, 自己交社保, 回老家跑) that the plan's wording does not share.

A clause counts only when it asks, or states a want of the speaker's (想先领失业金, 打算…), or
when the message asks of all it told at once (这俩咋弄, 这两样前后得多长时间): a clause that
only sets the scene (我们是做番茄加工的小厂) adds nothing. Its reading must be sure: a name,
alias or pinyin match, or a search reading well ahead of the next one. A service whose tasks
the answer already cites is answered; nothing is added for it. The line added is the one
situation_lines gives any matter: the catalog's figure with 第N条, or the task's clause quoted.
An answer saying the plan does not state what was asked gets none (no figure beside it).
"""

from __future__ import annotations

import re

from services_catalog.answers import service_tasks
from services_catalog.asked_matters import clause_asks, typo_corrector
from services_catalog.evidence import relevant_clauses
from services_catalog.normalize import normalize
from services_catalog.question_cues import content_besides_cues
from services_catalog.search.common import Hit
from services_catalog.several import clause_spans
from services_catalog.snapshot import CatalogSnapshot

NAMED = 0.8  # a name/alias/pinyin match this confident names the service (resolve.SURE)
# A search reading of one clause alone: this confident, and this far ahead of the next service
# (要是有一样材料还没准备好能先收件吗 → 容缺受理 0.64 against 0.42). Two services read about
# alike (报装要几天: 用电 0.79, 燃气 0.68) say the clause names neither.
READ = 0.6
LEAD = 0.2
SHORT_NAME = 2  # characters of an alias that may be a mere verb (调解, 立案, 公证)
OWN_WORDS = 4  # characters besides question cues a clause needs to be read alone by the search
# What any service may offer or do (有啥支持吗, 政府管不管): no words of a matter of its own.
_GENERIC = re.compile(r"支持|扶持|政策|优惠|补贴|帮助|帮忙|政府|州里|部门|管")
MIN_CLAUSES = 2  # a one-clause message is the answer's own question
MAX_ADDED = 2  # lines this reading adds at most, besides the other extra matters
# The speaker's own want or plan (想先领失业金, 打算把户口迁过来, 还想去国外参加展会): a matter
# they mean to see to, even without a question form.
_WANTS = re.compile(r"^(?:我们?|咱们?|俺们?|还|也|再|先|另外|然后)*(?:想|打算|准备|计划)")
# A question of everything told before it (这俩咋弄, 这两样前后得多长时间, 这两件事政府管不管):
# each clause told is a matter asked.
_OF_ALL = re.compile(r"这[俩两几](?:样|件|个|项|事)?|两[样件项]事?|这些事")


# The answer says the plan does not state what was asked (an absent fact): nothing is added to
# it, least of all a figure. Not a checklist's stock "未规定具体办理时限" or "方案未列出的手续".
_ABSENT = re.compile(r"(?:未|没有)(?:写明|列出(?!的手续)|载明|提及|明确|规定(?!具体办理时限))"
                     r"|不掌握|无法提供")


def states_absent(reply: str) -> bool:
    return bool(_ABSENT.search(reply))


def _sure(hits: list[Hit], words: str) -> str | None:
    """The service a clause's hits name surely, else None. A two-character alias is often the
    verb of the matter told before (跟单位闹了劳动纠纷，能不能调解: 调解 of that dispute, 能立案吗
    of that case): it names its own service only in a clause of the speaker's want (想先做个
    公证). A search reading needs a clause of some words of its own: a short question (能告吗,
    多长时间能给装上) asks of what was told before it, which the answer is about."""
    if not hits:
        return None
    top = hits[0]
    if top.kind != "bm25":
        long_enough = len(top.matched) > SHORT_NAME or bool(_WANTS.match(words))
        return top.slug if top.confidence >= NAMED and long_enough else None
    second = hits[1].confidence if len(hits) > 1 else 0.0
    return (top.slug if top.confidence >= READ and top.confidence - second >= LEAD
            and len(_GENERIC.sub("", content_besides_cues(words))) >= OWN_WORDS else None)


def clause_services(snap: CatalogSnapshot, text: str) -> list[tuple[str, str]]:
    """(slug, clause) for each clause that asks or states a want and names a service surely, in
    the message's order, each service once."""
    norm = typo_corrector().correct(normalize(text))
    spans = clause_spans(norm)
    if len(spans) < MIN_CLAUSES:
        return []
    asked = [clause_asks(norm, a, b) for a, b in spans]
    of_all = any(q and _OF_ALL.search(norm[a:b]) for q, (a, b) in zip(asked, spans, strict=True))
    out: dict[str, str] = {}
    for q, (a, b) in zip(asked, spans, strict=True):
        words = norm[a:b]
        if not (q or of_all or _WANTS.match(words)):
            continue  # the scene, not a matter asked
        slug = _sure(snap.index.search(words, 2), words)
        if slug is not None and slug in snap.services and slug not in out:
            out[slug] = words
    return list(out.items())


def unanswered_services(snap: CatalogSnapshot, text: str, cited: set[int]) -> dict[int, str]:
    """Task → clause to quote ("" for the task's own best) for each service a clause asks about
    (clause_services) none of whose tasks the answer cites: the task of its own that the clause
    reads as, else the service's citation (its time limit's task, for the catalog figure)."""
    out: dict[int, str] = {}
    for slug, words in clause_services(snap, text):
        service = snap.services[slug]
        tasks = service_tasks(service)
        if cited & set(tasks):
            continue  # answered already
        evidence = relevant_clauses(tasks, words, [])
        task = evidence[0].task if evidence else service.citation.item
        quote = evidence[0].clause.quote if evidence else ""
        if task not in out and task not in cited:
            out[task] = quote
        if len(out) >= MAX_ADDED:
            break
    return out
