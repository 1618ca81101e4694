"""Nearest example question: the catalog search's signal for paraphrases.

Names and aliases catch how people *name* a service (开公司, 通水); many questions name nothing and
describe the need instead (新厂房要接自来水管子找谁). For those, each service carries example
questions (services_catalog/data/questions.yml, written from the plan, never from the evaluation
sets), and a message is scored by its TF-IDF cosine similarity over character 2–3-grams to the
closest example of each service. Character n-grams need no segmentation, so unknown words,
typos of one character and word order changes degrade the score gently instead of to zero.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

from services_catalog.normalize import normalize, strip_filler

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions.yml"
NGRAMS = (2, 3)
TOP_K = 2
_SKIP = set(" ，,。.？?！!、：:；;“”\"'（）()")


def _grams(text: str) -> dict[str, float]:
    s = "".join(ch for ch in strip_filler(normalize(text)) if ch not in _SKIP)
    counts: dict[str, float] = defaultdict(float)
    for n in NGRAMS:
        for i in range(len(s) - n + 1):
            counts[s[i:i + n]] += 1.0
    return {g: 1.0 + math.log(c) for g, c in counts.items()}  # sublinear tf


class ParaphraseIndex:
    def __init__(self, examples: list[tuple[str, str]]) -> None:
        """`examples`: (slug, text) pairs: names, aliases and example questions."""
        grams = [(slug, _grams(text)) for slug, text in examples]
        grams = [(slug, g) for slug, g in grams if g]
        df: dict[str, int] = defaultdict(int)
        for _, g in grams:
            for gram in g:
                df[gram] += 1
        n = len(grams) or 1
        self._idf = {gram: math.log((1 + n) / (1 + d)) + 1.0 for gram, d in df.items()}
        self._unseen_idf = math.log(1 + n) + 1.0  # what a gram no example has would weigh
        self._slugs: list[str] = []
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for slug, g in grams:
            vec = {gram: w * self._idf[gram] for gram, w in g.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            row = len(self._slugs)
            self._slugs.append(slug)
            for gram, v in vec.items():
                self._postings[gram].append((row, v / norm))

    def scores(self, text: str) -> dict[str, float]:
        """Mean cosine similarity of `text` to each service's TOP_K closest examples (services
        with none in common are absent). Two, not one: with ~20 examples per service a single
        chance resemblance is too easy to find."""
        g = _grams(text)
        vec = {gram: w * self._idf[gram] for gram, w in g.items() if gram in self._idf}
        if not vec:
            return {}
        # Unknown n-grams still count in the query's length: a long message sharing one
        # bigram with an example is not a close paraphrase of it.
        norm = math.sqrt(sum((w * self._idf.get(gram, self._unseen_idf)) ** 2
                             for gram, w in g.items())) or 1.0
        dots: dict[int, float] = defaultdict(float)
        for gram, v in vec.items():
            for row, w in self._postings[gram]:
                dots[row] += v * w
        per_slug: dict[str, list[float]] = defaultdict(list)
        for row, dot in dots.items():
            per_slug[self._slugs[row]].append(dot / norm)
        return {slug: sum(top := sorted(sims, reverse=True)[:TOP_K]) / len(top)
                for slug, sims in per_slug.items()}


@lru_cache(maxsize=1)
def example_questions() -> dict[str, tuple[str, ...]]:
    """slug → example questions from the data file (empty when the file is absent)."""
    if not QUESTIONS_FILE.exists():
        return {}
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8")) or {}
    return {slug: tuple(qs or ()) for slug, qs in data.items()}
