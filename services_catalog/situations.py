"""Situation memory: the matters a told situation touches, read from the situations most like it.

Why: a business owner tells a situation (厂要扩建，还想招一批工人，听说有补贴…) touching two to
four of the plan's tasks; the rule-based life events (life_events.py) answer one scenario, and
rules written from one set's misses did not carry to the next. This memory is learned instead:
the life-event situations of the tuning sets, each with the tasks (第N条) it touches, embedded
with the shared sentence encoder. A new situation's nearest stored ones vote (weighted by
similarity) for their tasks; a task enough of them share becomes an extra matter of the answer.

The data file (data/situations.json) is generated from the tuning sets by
`python -m services_catalog.situations` (the runtime never reads tests/); a test checks it is up
to date. Thresholds were chosen by leave-one-set-out cross-validation over those sets
(changes/i15-situations.md), never on dev_plan7 or any held-out set.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from services_catalog.config import ROOT

if TYPE_CHECKING:
    import numpy as np

DATA_FILE = ROOT / "services_catalog" / "data" / "situations.json"
# The tuning sets whose life events are the memory. dev_plan7 and heldout* are never data.
TUNING_SETS = ("dev_plan", "dev_plan2", "dev_plan3", "dev_plan4", "dev_plan5", "dev_plan6",
               "dev_plan8", "dev_plan9")
# A debugging knob for cross-validation through the whole stack: the memory leaves this set's
# situations out (e.g. SITUATIONS_HOLD_OUT=dev_plan8), so a run on that set is honest; "*" leaves
# every situation out (the answer as before the memory).
HOLD_OUT_ENV = "SITUATIONS_HOLD_OUT"

# Chosen by leave-one-set-out cross-validation (python -m services_catalog.situations --cv).
NEIGHBOURS = 6  # the nearest stored situations that vote
MIN_SIMILARITY = 0.45  # a neighbour less alike than this says nothing of the message
MIN_SHARE = 0.5  # a task needs this share of the neighbours' similarity-weighted votes
MIN_VOTERS = 2  # and this many neighbours citing it: one look-alike is an anecdote
MAX_EXTRA = 3  # extra matters at most: the answer stays compact

# Reads as a situation told, not one fact asked: long, several clauses.
SITUATION_CHARS = 30
SITUATION_CLAUSES = 4
_CLAUSE = re.compile(r"[^，,。！!？?；;、\s]+")


@dataclass(frozen=True)
class Situation:
    set: str
    id: str
    text: str
    tasks: tuple[int, ...]


def build(tests: Path = ROOT / "tests") -> list[Situation]:
    """Every life-event item of the tuning sets, with the tasks its parts cite, in set order."""
    out: list[Situation] = []
    for name in TUNING_SETS:
        items = yaml.safe_load((tests / name / "chat_single.yml").read_text(encoding="utf-8"))
        for item in items or []:
            if item.get("category") != "life_event":
                continue
            tasks = sorted({int(n) for part in item.get("parts") or []
                            for n in part.get("cite") or []})
            out.append(Situation(name, str(item["id"]), str(item["text"]), tuple(tasks)))
    return out


def dump(situations: list[Situation]) -> str:
    """The data file's text: one situation a line, so a diff shows what changed."""
    rows = [json.dumps({"set": s.set, "id": s.id, "text": s.text, "tasks": list(s.tasks)},
                       ensure_ascii=False) for s in situations]
    return "[\n" + ",\n".join(rows) + "\n]\n"


@cache
def stored(path: Path = DATA_FILE) -> tuple[Situation, ...]:
    """The memory, less the held-out set if the knob names one."""
    hold_out = os.environ.get(HOLD_OUT_ENV, "")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Situation(r["set"], r["id"], r["text"], tuple(r["tasks"]))
                 for r in rows if hold_out not in (r["set"], "*"))


@cache
def _matrix() -> np.ndarray:
    """[n, 512] unit vectors of the stored situations' normalised texts, kept in var/ with the
    example questions' (a few seconds once; `python -m services_catalog prepare` does it)."""
    from services_catalog.paraphrase import example_vectors

    return example_vectors([s.text for s in stored()])


def warm() -> None:
    """Embed the memory now, not during the first situation a user tells."""
    _matrix()


def is_situation(text: str) -> bool:
    """Told at length: long and in several clauses (a single-fact question is neither)."""
    squashed = re.sub(r"\s+", "", text)
    return (not text.startswith("/") and len(squashed) >= SITUATION_CHARS
            and len(_CLAUSE.findall(squashed)) >= SITUATION_CLAUSES)


def vote(sims: np.ndarray, tasks: list[tuple[int, ...]], *, k: int = NEIGHBOURS,
         min_sim: float = MIN_SIMILARITY, min_share: float = MIN_SHARE,
         min_voters: int = MIN_VOTERS) -> list[tuple[int, float]]:
    """(task, share) the nearest neighbours agree on, best first."""
    import numpy as np

    order = np.argsort(-sims)[:k]
    near = [int(i) for i in order if sims[i] >= min_sim]
    total = float(sum(sims[i] for i in near))
    if not near or total <= 0:
        return []
    weight: dict[int, float] = {}
    voters: dict[int, int] = {}
    for i in near:
        for n in tasks[i]:
            weight[n] = weight.get(n, 0.0) + float(sims[i])
            voters[n] = voters.get(n, 0) + 1
    chosen = [(n, w / total) for n, w in weight.items()
              if w / total >= min_share and voters[n] >= min_voters]
    return sorted(chosen, key=lambda nw: (-nw[1], nw[0]))


def matters(text: str, vector: np.ndarray | None = None) -> list[int]:
    """The tasks (第N条) the situation told most likely touches; [] for a message that does not
    read as a situation. `vector`: the message's encoder vector if already computed."""
    if not is_situation(text) or not stored():
        return []
    if vector is None:
        from services_catalog.normalize import normalize
        from services_catalog.paraphrase import _query_vector

        # memoised on the normalised text: the catalog search has usually embedded it already
        vector = _query_vector(normalize(text))
    sims = _matrix() @ vector
    return [n for n, _ in vote(sims, [s.tasks for s in stored()])]


def cross_validate(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Leave-one-set-out: each tuning set's situations against the other sets' memory, for each
    combination of thresholds; precision and recall of the tasks chosen (top MAX_EXTRA)."""
    import itertools

    import numpy as np

    from services_catalog.normalize import normalize
    from services_catalog.sentence_encoder import shared_encoder

    data = build()
    vecs = shared_encoder().encode([normalize(s.text) for s in data])
    sets = np.array([s.set for s in data])
    sims_all = vecs @ vecs.T
    keys = list(grid)
    rows = []
    for combo in itertools.product(*(grid[k] for k in keys)):
        params = dict(zip(keys, combo, strict=True))
        hit = chosen = gold = items_helped = 0
        per_set: dict[str, list[int]] = {}
        for i, s in enumerate(data):
            mask = sets != s.set
            idx = np.nonzero(mask)[0]
            got = [n for n, _ in vote(sims_all[i, idx], [data[j].tasks for j in idx],
                                      **params)][:MAX_EXTRA]
            good = len(set(got) & set(s.tasks))
            hit += good
            chosen += len(got)
            gold += len(s.tasks)
            items_helped += good > 0
            per = per_set.setdefault(s.set, [0, 0])
            per[0] += good
            per[1] += len(got)
        rows.append({**params, "precision": round(hit / max(chosen, 1), 3),
                     "recall": round(hit / gold, 3), "chosen": chosen, "correct": hit,
                     "items_with_a_correct_task": items_helped, "items": len(data),
                     "per_set": {k: f"{v[0]}/{v[1]}" for k, v in per_set.items()}})
    return rows


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-set-out over a grid")
    args = parser.parse_args()
    if args.cv:
        grid = {"k": [5, 6, 8], "min_sim": [0.4, 0.45, 0.5],
                "min_share": [0.35, 0.5, 0.6], "min_voters": [1, 2, 3]}
        for row in cross_validate(grid):
            print(json.dumps(row, ensure_ascii=False))
        return
    DATA_FILE.write_text(dump(build()), encoding="utf-8")
    print(f"wrote {DATA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
