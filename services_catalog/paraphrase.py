"""Nearest example question: the catalog search's signal for paraphrases.

Names and aliases catch how people *name* a service (开公司, 通水); many questions name nothing and
describe the need instead (新厂房要接自来水管子找谁). For those, each service carries example
questions (the catalog's example_questions table, seeded from services_catalog/data/questions.yml,
written from the plan, never from the evaluation sets; staff add more, e.g. from the inbox), and a
message is scored by its TF-IDF cosine similarity over character 2–3-grams to the
closest example of each service. Character n-grams need no segmentation, so unknown words, typos
of one character and word order changes degrade the score gently instead of to zero.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

from services_catalog.normalize import normalize, strip_filler
from services_catalog.private_files import private_dir
from services_catalog.sentence_encoder import DIM as ENCODER_DIM
from services_catalog.sentence_encoder import MODEL as ENCODER_MODEL

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
    """slug → example questions of the seed file (empty when the file is absent). What the
    running system uses is the catalog's table (services_catalog/examples.py), seeded from it."""
    if not QUESTIONS_FILE.exists():
        return {}
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8")) or {}
    return {slug: tuple(qs or ()) for slug, qs in data.items()}


# The semantic half of the paraphrase signal: the sentence encoder's vectors (Google's USE
# multilingual v3, services_catalog/sentence_encoder.py). Character n-grams miss paraphrases that
# share no characters (被公司裁了 ~ 失业); the encoder knows them. With this model a question's
# cosine to an unrelated example is ~0.25 (median; 99th percentile 0.53) and to its closest
# example ~0.74, so only the part above SEMANTIC_FLOOR counts, rescaled to 0–1. Set with the
# mixing weight on the dev sets only (scripts/search_eval.py dev dev3, 999 questions, and
# tests/dev/search_dev.yml): characters alone 927 right / 58 confidently wrong; floor 0.40 with
# 0.6 on characters 954 / 39, search_dev 0.984 with small talk 0.975 (floors 0.35–0.65 and
# weights 0.4–0.8 tried; m3e-small at 0.75 / 0.5 had 938 on the same 999).
SEMANTIC_FLOOR = 0.40
CHAR_WEIGHT = 0.6
# Named after the encoder: vectors of another model must never be mixed with this one's.
VECTOR_CACHE = (Path(__file__).resolve().parent.parent / "var"
                / f"example_vectors.{ENCODER_MODEL}.npz")


class SemanticIndex:
    def __init__(self, examples: list[tuple[str, str]]) -> None:
        """`examples`: (slug, example question) pairs."""
        self._slugs: list[str] = []
        if not examples:
            return  # a catalog without example questions never loads the encoder
        import numpy as np

        self._np = np
        vectors = example_vectors([text for _, text in examples])
        # Each service's example rows, padded to one width with a row of zeros (similarity 0,
        # below any floor), so scoring every service is one gather and one partition.
        by_slug: dict[str, list[int]] = defaultdict(list)
        for row, (slug, _) in enumerate(examples):
            by_slug[slug].append(row)
        self._slugs = sorted(by_slug)
        width = max(TOP_K, *(len(rows) for rows in by_slug.values()))
        pad = len(examples)
        self._grid = np.array([by_slug[s] + [pad] * (width - len(by_slug[s])) for s in self._slugs])
        self._vectors = np.vstack([vectors, np.zeros((1, vectors.shape[1]), np.float32)])

    def scores(self, text: str) -> dict[str, float]:
        """Per service, the mean cosine of `text` to its TOP_K closest examples, above the floor
        and rescaled (services at or below the floor are absent)."""
        if not self._slugs:
            return {}
        sims = (self._vectors @ _query_vector(normalize(text)))[self._grid]
        top = self._np.partition(sims, -TOP_K, axis=1)[:, -TOP_K:].mean(1)
        scores = (top - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR)
        return {slug: float(v) for slug, v in zip(self._slugs, scores, strict=True) if v > 0}


def mix_paraphrase(chars: dict[str, float], semantic: dict[str, float]) -> dict[str, float]:
    return {slug: CHAR_WEIGHT * chars.get(slug, 0.0) + (1 - CHAR_WEIGHT) * semantic.get(slug, 0.0)
            for slug in chars.keys() | semantic.keys()}


@lru_cache(maxsize=512)
def _query_vector(text: str):  # noqa: ANN202 (numpy is imported lazily)
    from services_catalog.sentence_encoder import shared_encoder

    return shared_encoder().encode([text])[0]  # unit length


_vector_memo: dict[str, object] = {}


def example_vectors(texts: list[str]):  # noqa: ANN201 (numpy is imported lazily)
    """Unit sentence vectors of `texts`, remembered in the process and in var/ (the example
    questions take ~20 s to encode; `python -m services_catalog prepare` does it once)."""
    import numpy as np

    from services_catalog.sentence_encoder import shared_encoder

    if not _vector_memo and VECTOR_CACHE.exists():
        with np.load(VECTOR_CACHE) as saved:
            _vector_memo.update(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
    missing = sorted({normalize(t) for t in texts} - _vector_memo.keys())
    if missing:
        for text, vec in zip(missing, shared_encoder().encode(missing), strict=True):
            _vector_memo[text] = vec
        private_dir(VECTOR_CACHE.parent)
        tmp = VECTOR_CACHE.with_suffix(".tmp.npz")
        keys = sorted(_vector_memo)
        np.savez(tmp, texts=np.array(keys), vectors=np.stack([_vector_memo[k] for k in keys]))
        os.chmod(tmp, 0o600)
        tmp.replace(VECTOR_CACHE)  # atomic: another process may be reading it
    if not texts:
        return np.zeros((0, ENCODER_DIM), np.float32)
    return np.stack([_vector_memo[normalize(t)] for t in texts]).astype(np.float32)
