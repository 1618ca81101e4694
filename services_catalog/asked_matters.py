"""Matters a message asks in a clause of its own, read against every clause of the plan.

A short message often asks two things of two matters (开个烧烤店要办哪些手续？晚上能办吗;
冷库…产权到底归谁？能不能快点立案): the answer settles on one service, and the other question
is dropped. The situation memory (situations.py) gates short messages out, and a question
clause such as 晚上能办吗 names no service the catalog search reads surely. The plan's own
clauses do address it, in rare words both share (晚上 → 第2条 延时错时、不打烊).

So each clause of a message of several clauses that asks (several._asks) is read against every
task's clauses (evidence.relevant_clauses), and a task whose clause it shares rare words with
strongly (ASKED_EVIDENCE) is a matter it touches. Only a clause that asks: a clause that tells
the scene (来回跑了三趟, 资金周转不过来) also reads strongly as some clause, but it is the
case of the question, not another question (tuning sets: no detail, outside-catalog or
several-services item got a foreign task from an asking clause at this bar; 18 non-asking
clauses of detail items did).
"""

from __future__ import annotations

from functools import lru_cache

from services_catalog import plan
from services_catalog.evidence import relevant_clauses
from services_catalog.normalize import normalize
from services_catalog.several import _asks, _clauses

# The IDF weight of the rare words a question clause and a plan clause share, for the clause to
# be a matter of its own. relevant_clauses' bar (6) is a detail's of a service already chosen;
# over all 172 tasks at once, chance pairs (来回, 查封) need a bar three times that.
ASKED_EVIDENCE = 20.0
MIN_CLAUSES = 2  # a one-clause question is the answer's own: nothing else asked


@lru_cache(maxsize=256)
def asked_matters(text: str) -> dict[int, str]:
    """The tasks (第N条) the message's question clauses each read as strongly, in its order,
    each with the clause of it the question reads as (to quote: 第2条's 不打烊 for 晚上能办吗,
    not the clause sharing most words with the whole message)."""
    norm = normalize(text)
    clauses = _clauses(norm)
    if len(clauses) < MIN_CLAUSES:
        return {}
    every = list(plan.tasks())
    found: dict[int, str] = {}
    for a, b in clauses:
        words = norm[a:b]
        if not _asks(words):
            continue
        evidence = relevant_clauses(every, words, [])
        if not evidence or evidence[0].score < ASKED_EVIDENCE or evidence[0].task in found:
            continue
        task = evidence[0].task
        title = plan.task(task).title
        # A title read first comes with the body that reads best with it: quote the body.
        found[task] = next((e.clause.quote for e in evidence
                            if e.task == task and e.clause.quote != title), "")
    return found
