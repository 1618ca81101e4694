"""Situation memory: the matters a told situation touches, read from the situations most like it.

Why: a business owner tells a situation (厂要扩建，还想招一批工人，听说有补贴…) touching two to
four of the plan's tasks; the rule-based life events (life_events.py) answer one scenario, and
rules written from one set's misses did not carry to the next. This memory is learned instead:
the life-event situations of the tuning sets, each with the tasks (第N条) it touches, embedded
with the shared sentence encoder and as character n-grams (TF-IDF). A new situation's nearest
stored ones by each measure vote (weighted by similarity) for their tasks; a task whose mean share
of the two votes is high enough, and which at least two neighbours cite, is a candidate; it is a
matter when its share plus how much more the task's own text (the plan's words) is like the
message than the average task reaches MIN_SCORE. The measures miss different things: the
encoder reads paraphrase, the n-grams the concrete nouns (化妆品, 电梯, 冷库) that name a task,
the task's text confirms a candidate the neighbours only half agree on; together they lift
recall at the same precision (changes/i15-situations2.md).

The data file (data/situations.json) is generated from the tuning sets by
`python -m services_catalog.situations` (the runtime never reads tests/); a test checks it is up
to date. Thresholds were chosen by leave-one-set-out cross-validation over those sets
(changes/i15-situations.md, i15-situations2.md, i16-life.md, i17-life3.md), never on dev_plan7
or any held-out set.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
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
# dev_plan12/13 (i16-life) are plan-only sets; their short items (< 30 characters) are stored too:
# they vote for a long message like them, though a short message itself passes no gate.
# dev_plan17 (i17-life3): 70 more, a third short, half asked implicitly.
TUNING_SETS = ("dev_plan", "dev_plan2", "dev_plan3", "dev_plan4", "dev_plan5", "dev_plan6",
               "dev_plan8", "dev_plan9", "dev_plan12", "dev_plan13", "dev_plan17")
# A debugging knob for cross-validation through the whole stack: the memory leaves this set's
# situations out (e.g. SITUATIONS_HOLD_OUT=dev_plan8), so a run on that set is honest; "*" leaves
# every situation out (the answer as before the memory).
HOLD_OUT_ENV = "SITUATIONS_HOLD_OUT"

# Chosen by leave-one-set-out cross-validation (python -m services_catalog.situations --cv).
NEIGHBOURS = 10  # the nearest stored situations by the encoder that vote
MIN_SIMILARITY = 0.45  # an encoder neighbour less alike than this says nothing of the message
LEXICAL_NEIGHBOURS = 8  # the nearest stored situations by character n-grams that vote
LEXICAL_WEIGHT = 0.5  # the n-gram vote's weight in a task's score (the encoder's: the rest)
MIN_SHARE = 0.2  # a task needs this weighted share of the two votes to be a candidate
MIN_VOTERS = 2  # and this many neighbours (of either vote) citing it: one is an anecdote
# A candidate's score is its share plus how much more than the message's average plan task the
# task's own text is like the message (encoder, n-grams): the neighbours propose, the task's
# words confirm. A candidate scoring MIN_SCORE is a matter.
TASK_ENCODER_WEIGHT = 0.5
TASK_NGRAM_WEIGHT = 3.0
MIN_SCORE = 0.45
TASK_CHARS = 300  # of a task's text embedded: its title and first clauses carry its matter
MAX_EXTRA = 3  # extra matters at most: the answer stays compact

# Reads as a situation told, not one fact asked: long, several clauses.
SITUATION_CHARS = 30
SITUATION_CLAUSES = 4
# Not normalize.PAUSES: SITUATION_CLAUSES was tuned on this cut, which counts 、 (水、电、气) and
# not ： (坐席：) or ….
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
    _lexicon()
    _tasks()


def is_situation(text: str) -> bool:
    """Told at length: long and in several clauses (a single-fact question is neither)."""
    squashed = re.sub(r"\s+", "", text)
    return (not text.startswith("/") and len(squashed) >= SITUATION_CHARS
            and len(_CLAUSE.findall(squashed)) >= SITUATION_CLAUSES)


def shares(sims: np.ndarray, tasks: list[tuple[int, ...]], k: int,
           min_sim: float) -> tuple[dict[int, float], dict[int, int]]:
    """Each task's share of the k nearest neighbours' similarity (those ≥ min_sim), and how many
    of them cite it."""
    import numpy as np

    near = [int(i) for i in np.argsort(-sims)[:k] if sims[i] >= min_sim and sims[i] > 0]
    total = float(sum(sims[i] for i in near))
    share: dict[int, float] = {}
    voters: dict[int, int] = {}
    for i in near:
        for n in tasks[i]:
            share[n] = share.get(n, 0.0) + float(sims[i]) / total
            voters[n] = voters.get(n, 0) + 1
    return share, voters


def vote(sims: np.ndarray, lexical: np.ndarray, tasks: list[tuple[int, ...]], *,
         k: int = NEIGHBOURS, min_sim: float = MIN_SIMILARITY, k_lexical: int = LEXICAL_NEIGHBOURS,
         lexical_weight: float = LEXICAL_WEIGHT, min_share: float = MIN_SHARE,
         min_voters: int = MIN_VOTERS) -> list[tuple[int, float]]:
    """(task, score) the neighbours agree on, best first: `sims` the encoder's similarities to
    the stored situations, `lexical` the n-grams'."""
    enc_share, enc_voters = shares(sims, tasks, k, min_sim)
    lex_share, lex_voters = shares(lexical, tasks, k_lexical, 0.0)
    chosen = []
    for n in enc_share.keys() | lex_share.keys():
        score = ((1 - lexical_weight) * enc_share.get(n, 0.0)
                 + lexical_weight * lex_share.get(n, 0.0))
        if score >= min_share and enc_voters.get(n, 0) + lex_voters.get(n, 0) >= min_voters:
            chosen.append((n, score))
    return sorted(chosen, key=lambda nw: (-nw[1], nw[0]))


def _ngrams() -> Any:  # noqa: ANN401 (sklearn is imported lazily)
    """Character 2–3-gram TF-IDF, sublinear, over the given texts (normalised)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)


@cache
def _lexicon() -> tuple[Any, Any]:
    """The n-gram vectoriser fitted on the memory, and the memory's rows."""
    from services_catalog.normalize import normalize

    texts = [normalize(s.text) for s in stored()]
    vectoriser = _ngrams().fit(texts)
    return vectoriser, vectoriser.transform(texts)


def lexical_similarities(text: str) -> np.ndarray:
    """Cosine of the message's n-grams with each stored situation's."""
    from services_catalog.normalize import normalize

    vectoriser, rows = _lexicon()
    return (rows @ vectoriser.transform([normalize(text)]).T).toarray()[:, 0]


@cache
def _tasks() -> tuple[tuple[int, ...], np.ndarray, Any, Any]:
    """The plan's task numbers, their texts' encoder vectors, and an n-gram vectoriser fitted on
    the tasks' and the memory's texts with the tasks' rows."""
    from services_catalog import plan
    from services_catalog.normalize import normalize
    from services_catalog.paraphrase import example_vectors

    numbers = tuple(sorted(plan.tasks()))
    texts = [normalize(plan.task(n).text[:TASK_CHARS]) for n in numbers]
    vectoriser = _ngrams().fit(texts + [normalize(s.text) for s in stored()])
    return numbers, example_vectors(texts), vectoriser, vectoriser.transform(texts)


def task_bonus(text: str, vector: np.ndarray) -> dict[int, float]:
    """Per plan task: how much more than the message's average task the task's own text is
    like the message, the encoder's and the n-grams' differences weighted."""
    from services_catalog.normalize import normalize

    numbers, vectors, vectoriser, rows = _tasks()
    ngrams = (rows @ vectoriser.transform([normalize(text)]).T).toarray()[:, 0]
    return _bonus(numbers, vectors @ vector, ngrams)


def _bonus(numbers: Sequence[int], encoder: np.ndarray, ngrams: np.ndarray) -> dict[int, float]:
    """Each task's similarities to the message less their mean over the tasks, weighted: a long
    message is somewhat like every task; what counts is which tasks stand out."""
    bonus = (TASK_ENCODER_WEIGHT * (encoder - encoder.mean())
             + TASK_NGRAM_WEIGHT * (ngrams - ngrams.mean()))
    return dict(zip(numbers, (float(b) for b in bonus), strict=True))


def confirmed(candidates: list[tuple[int, float]], bonus: dict[int, float],
              min_score: float = MIN_SCORE) -> list[int]:
    """The candidates whose share plus their task's bonus reaches min_score, best first."""
    scored = [(share + bonus.get(n, 0.0), n) for n, share in candidates]
    return [n for score, n in sorted(scored, key=lambda sn: (-sn[0], sn[1]))
            if score >= min_score]


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
    candidates = vote(sims, lexical_similarities(text), [s.tasks for s in stored()])
    return confirmed(candidates, task_bonus(text, vector)) if candidates else []


def _fold_bonus(texts: list[str], vecs: np.ndarray, test: np.ndarray,
                train: np.ndarray) -> dict[int, dict[int, float]]:
    """task_bonus for each held-out item, the n-grams fitted on the tasks and the other sets."""
    from services_catalog import plan
    from services_catalog.normalize import normalize
    from services_catalog.paraphrase import example_vectors

    numbers = sorted(plan.tasks())
    task_texts = [normalize(plan.task(n).text[:TASK_CHARS]) for n in numbers]
    task_vecs = example_vectors(task_texts)
    vectoriser = _ngrams().fit(task_texts + [texts[j] for j in train])
    rows = vectoriser.transform(task_texts)
    out = {}
    for i in test:
        ngrams = (rows @ vectoriser.transform([texts[i]]).T).toarray()[:, 0]
        out[int(i)] = _bonus(numbers, task_vecs @ vecs[i], ngrams)
    return out


def cross_validate(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Leave-one-set-out: each tuning set's situations against the other sets' memory, for each
    combination of thresholds (the vote's keywords and min_score); precision and recall of the
    tasks chosen (top MAX_EXTRA) against the item's cited tasks."""
    import itertools

    import numpy as np

    from services_catalog.normalize import normalize
    from services_catalog.sentence_encoder import shared_encoder

    data = build()
    texts = [normalize(s.text) for s in data]
    vecs = shared_encoder().encode(texts)
    sets = np.array([s.set for s in data])
    sims_all = vecs @ vecs.T
    # n-gram similarities with the vectoriser fitted on the other sets only, as at runtime
    lex_all = np.zeros_like(sims_all)
    bonus: dict[int, dict[int, float]] = {}
    for name in sorted(set(sets)):
        test, train = np.nonzero(sets == name)[0], np.nonzero(sets != name)[0]
        vectoriser = _ngrams().fit([texts[j] for j in train])
        lex_all[np.ix_(test, train)] = (vectoriser.transform([texts[j] for j in test])
                                        @ vectoriser.transform([texts[j] for j in train]).T
                                        ).toarray()
        bonus.update(_fold_bonus(texts, vecs, test, train))
    keys = list(grid)
    rows = []
    for combo in itertools.product(*(grid[k] for k in keys)):
        params = dict(zip(keys, combo, strict=True))
        min_score = params.pop("min_score", MIN_SCORE)
        hit = chosen = gold = items_helped = 0
        per_set: dict[str, list[int]] = {}
        for i, s in enumerate(data):
            idx = np.nonzero(sets != s.set)[0]
            candidates = vote(sims_all[i, idx], lex_all[i, idx], [data[j].tasks for j in idx],
                              **params)
            got = confirmed(candidates, bonus[i], min_score)[:MAX_EXTRA]
            good = len(set(got) & set(s.tasks))
            hit += good
            chosen += len(got)
            gold += len(s.tasks)
            items_helped += good > 0
            per = per_set.setdefault(s.set, [0, 0])
            per[0] += good
            per[1] += len(got)
        rows.append({**params, "min_score": min_score, "precision": round(hit / max(chosen, 1), 3),
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
        # the task bonus's weights are module constants (changes/i15-situations2.md: grid)
        grid = {"k": [8, 10, 12], "min_sim": [0.4, 0.45], "k_lexical": [6, 8],
                "lexical_weight": [0.4, 0.5], "min_share": [0.2, 0.25, 0.3],
                "min_score": [0.4, 0.425, 0.45, 0.475, 0.5]}
        for row in cross_validate(grid):
            print(json.dumps(row, ensure_ascii=False))
        return
    DATA_FILE.write_text(dump(build()), encoding="utf-8")
    print(f"wrote {DATA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
