"""Phrase matching: service names and aliases found in the message, verbatim or by pinyin.

A verbatim name/alias scores 1.0; the same by toneless pinyin (注测公司 → 注册公司) 0.85, or
0.75 when only a fuzzy pinyin match (zh/z, in/ing, n/l) fits. A match inside a longer match of
another service, or cutting through a word of the message, is demoted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import jieba

from services_catalog.search.common import (
    _ASCII_ALNUM,
    KIND_RANK,
    Hit,
    Key,
    base_frequency,
    crosses,
    token_spans,
)
from services_catalog.search.pinyin import (
    ALL_HAN,
    HAN,
    MAX_READING_COMBOS,
    fold,
    readings,
    syllables,
    typo_plausible,
)
from services_catalog.search.typos import COMMON_WORDS

CONF_TEXT = 1.0
CONF_PINYIN = 0.85
CONF_PINYIN_FUZZY = 0.75
REAL_WORD_FREQ = 10  # jieba frequency from which a window is a word of its own (as typos.py)
# A match lying strictly inside a longer match of another service: the user's words are better
# explained by the longer phrase (简易注销 vs 注销), so this one is only a weak candidate.
CONF_CONTAINED = 0.7
# A match that cuts through a longer word of the message: 接电 inside 接电话 is a phone call.
CONF_CROSSING = 0.45
# Colloquial "verb + 个/一条/根 + object" (办个电, 装个水表, 拉一条电): the phrase matcher also
# tries the message without the measure word, so it meets the aliases 办电, 装水表, 拉电. Only
# after a one-character verb, and never before 体/人/税 (个体户, 个人, 个税).
_VERB_MEASURE = re.compile(
    r"(?<=[办开装接通申领报交弄搞做注用换迁拉])(?:一个|个|一路|一条|条|一根|根)(?![体人税])")

Spans = list[tuple[int, int]]
# The message's jieba words as spans, computed only when a candidate needs them.
SpansOf = Callable[[], Spans]
PhraseHits = dict[str, tuple[Key, Hit]]  # each service's best match, with its sort key


@dataclass(frozen=True)
class _Phrase:
    text: str  # normalised name or alias
    kind: str  # "name" | "alias"
    slug: str
    ascii_start: bool  # needs a word boundary before it ("ca" must not match inside "local")
    ascii_end: bool
    order: int  # catalog position, the final tie-break


@dataclass
class _Cand:
    slug: str
    kind: str
    start: int
    end: int
    matched: str
    confidence: float
    can_demote: bool  # fuzzy pinyin is too weak to overrule a verbatim match
    order: int  # position of the phrase in the catalog, the last tie-break

    def key(self) -> Key:
        # Longest match wins, then the earliest, then a name over an alias over pinyin, then
        # catalog order.
        return (-self.confidence, self.start - self.end, self.start, KIND_RANK[self.kind],
                0.0, self.order)


def _prefixes(keys: dict[tuple[str, ...], list[_Phrase]]) -> frozenset[tuple[str, ...]]:
    return frozenset(k[:i] for k in keys for i in range(1, len(k) + 1))


def without_measure_words(norm: str) -> str:
    """The message without the measure word of 办个电 / 装个水表 (see _VERB_MEASURE)."""
    return _VERB_MEASURE.sub("", norm)


class PhraseMatcher:
    def __init__(self, doc_phrases: list[tuple[str, list[str]]], tok: jieba.Tokenizer) -> None:
        """`doc_phrases`: each service's slug and normalised name then aliases. Every phrase is
        added to `tok` as a word, so the segmenter keeps a name whole."""
        self._tok = tok
        self.phrases: list[_Phrase] = []
        for slug, texts in doc_phrases:
            seen: set[str] = set()
            for k, text in enumerate(texts):
                kind = "name" if k == 0 else "alias"
                if len(text) < 2 or text in seen:
                    continue  # one character would match half the messages
                seen.add(text)
                self.phrases.append(_Phrase(
                    text=text,
                    kind=kind,
                    slug=slug,
                    ascii_start=bool(_ASCII_ALNUM.match(text[0])),
                    ascii_end=bool(_ASCII_ALNUM.match(text[-1])),
                    order=len(self.phrases),
                ))
                if " " not in text:
                    tok.add_word(text)

        # pinyin of all-Chinese phrases
        self._py_exact: dict[tuple[str, ...], list[_Phrase]] = defaultdict(list)
        self._py_fuzzy: dict[tuple[str, ...], list[_Phrase]] = defaultdict(list)
        for ph in self.phrases:
            if not ALL_HAN.fullmatch(ph.text):
                continue
            sylls = syllables(ph.text)
            if len(sylls) != len(ph.text):
                continue
            self._py_exact[sylls].append(ph)
            if len(ph.text) >= 3:  # two folded syllables collide with everyday words
                self._py_fuzzy[tuple(fold(s) for s in sylls)].append(ph)
        self._py_exact_prefixes = _prefixes(self._py_exact)
        self._py_fuzzy_prefixes = _prefixes(self._py_fuzzy)

        self._by_text: dict[str, list[str]] = defaultdict(list)
        for ph in self.phrases:
            self._by_text[ph.text].append(ph.slug)
        self.relatives = relatives(self.phrases)

    def hits_any(self, norm: str, spans: SpansOf | None = None) -> PhraseHits:
        """Each service's best match in `norm` (`spans`: gives its jieba words, when known), also
        trying the message without measure words (办个电 → 办电)."""
        best = self.hits(norm, spans)
        bare = without_measure_words(norm)
        if bare != norm:
            for slug, (key, hit) in self.hits(bare).items():
                if slug not in best or key < best[slug][0]:
                    best[slug] = (key, hit)
        return best

    def hits(self, norm: str, spans: SpansOf | None = None) -> PhraseHits:
        cands = self._text_cands(norm, spans) + self._pinyin_cands(norm, spans)
        for c in cands:
            for other in cands:
                if (
                    other.can_demote
                    and other.slug != c.slug
                    and other.start <= c.start
                    and c.end <= other.end
                    and other.end - other.start > c.end - c.start
                ):
                    c.confidence = min(c.confidence, CONF_CONTAINED)
                    break
        best: dict[str, _Cand] = {}
        for c in cands:
            cur = best.get(c.slug)
            if cur is None or c.key() < cur.key():
                best[c.slug] = c
        return {
            slug: (c.key(), Hit(slug, float(c.end - c.start), c.confidence, c.kind, c.matched))
            for slug, c in best.items()
        }

    def analogue(self, slug: str, word: str) -> str | None:
        """The service whose names read like `slug`'s with one character (`word`, normalised)
        swapped: after 用水报装 (通水, 接水, 装水表), 电 means 用电报装 (通电, 接电, 装电表)."""
        if len(word) != 1 or not HAN.fullmatch(word):
            return None
        own = [ph.text for ph in self.phrases if ph.slug == slug]
        votes: dict[str, int] = defaultdict(int)
        for text in own:
            for i, ch in enumerate(text):
                if ch == word or not HAN.fullmatch(ch):
                    continue
                for other in self._by_text.get(text[:i] + word + text[i + 1:], ()):
                    if other != slug:
                        votes[other] += 1
        if not votes:
            return None
        best = max(votes.values())
        winners = [s for s, v in votes.items() if v == best]
        return winners[0] if len(winners) == 1 else None

    def _spans(self, norm: str, spans: SpansOf | None) -> Spans:
        return spans() if spans is not None else token_spans(self._tok, norm)

    def _text_cands(self, norm: str, spans: SpansOf | None) -> list[_Cand]:
        out: list[_Cand] = []
        for ph in self.phrases:
            start = norm.find(ph.text)
            while start >= 0:
                end = start + len(ph.text)
                if not (
                    (ph.ascii_start and start > 0 and _ASCII_ALNUM.match(norm[start - 1]))
                    or (ph.ascii_end and end < len(norm) and _ASCII_ALNUM.match(norm[end]))
                ):
                    out.append(_Cand(ph.slug, ph.kind, start, end, ph.text, CONF_TEXT,
                                     can_demote=True, order=ph.order))
                    break  # the earliest occurrence is the one that ranks
                start = norm.find(ph.text, start + 1)
        if out:
            # Every name/alias is in the tokenizer, so a match the segmenter still cuts through
            # lost to a more likely word around it.
            bounds = self._spans(norm, spans)
            for c in out:
                if crosses(c.start, c.end, bounds):
                    c.confidence = CONF_CROSSING
                    c.can_demote = False
        return out

    def _pinyin_cands(self, norm: str, spans: SpansOf | None) -> list[_Cand]:
        if not self._py_exact:
            return []
        reads = [readings(ch) for ch in norm]
        folded = [tuple(dict.fromkeys(fold(r) for r in rs)) for rs in reads]
        out: list[_Cand] = []
        tables = (
            (reads, self._py_exact, self._py_exact_prefixes, CONF_PINYIN),
            (folded, self._py_fuzzy, self._py_fuzzy_prefixes, CONF_PINYIN_FUZZY),
        )
        for syll, table, prefixes, conf in tables:
            if not table:
                continue
            for i in range(len(norm)):
                # Grow the window one character at a time while it is still the start of some
                # phrase's pinyin: most windows die after one or two characters.
                partial: set[tuple[str, ...]] = {()}
                for j in range(i, len(norm)):
                    if not syll[j]:
                        break
                    partial = {(*p, s) for p in partial for s in syll[j] if (*p, s) in prefixes}
                    if not partial or len(partial) > MAX_READING_COMBOS:
                        break
                    window = norm[i:j + 1]
                    for key in partial:
                        for ph in table.get(key, ()):
                            if typo_plausible(window, ph.text, fuzzy=conf < CONF_PINYIN):
                                out.append(_Cand(
                                    ph.slug, "pinyin", i, j + 1, ph.text, conf,
                                    can_demote=conf >= CONF_PINYIN, order=ph.order,
                                ))
        if out:
            # As for verbatim matches: a window cutting through a word of the message is that
            # word, not a typo (施工证 holds no 公证).
            bounds = self._spans(norm, spans)
            for c in out:
                # A window that is a common word of its own is that word, not a typo of the
                # phrase read alike (保证公正 is fairness, not 公证).
                # (A common word the typo step may itself have put in, 办水 → 办税, is no proof.)
                window = norm[c.start:c.end]
                real = (window not in COMMON_WORDS
                        and base_frequency(window) >= REAL_WORD_FREQ)
                if real or crosses(c.start, c.end, bounds):
                    c.confidence = min(c.confidence, CONF_CROSSING)
                    c.can_demote = False
        return out


def relatives(phrases: list[_Phrase]) -> dict[str, frozenset[str]]:
    """For each phrase, the other services with a longer phrase containing it (注销 → 注销公告).

    Each phrase's substrings are looked up among the phrase texts: O(P·L²) for P phrases of at
    most L characters (the schema bounds L), where comparing every pair was O(P²·L) — 20k
    aliases took minutes."""
    texts = {ph.text for ph in phrases}
    containing: dict[str, set[str]] = defaultdict(set)
    for o in phrases:
        n = len(o.text)
        for i in range(n):
            for j in range(i + 2, n + 1 - (i == 0)):  # proper substrings of 2+ characters
                sub = o.text[i:j]
                if sub in texts:
                    containing[sub].add(o.slug)
    return {ph.text: frozenset(containing.get(ph.text, set()) - {ph.slug}) for ph in phrases}
