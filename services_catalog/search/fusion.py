"""Fusion: the phrase matches, the lexical index and the example similarity made one ranking.

Free text (no name matched, or beside one) scores
    FREE_TEXT_SCALE · ((1 - PARAPHRASE_WEIGHT) · BM25 confidence + PARAPHRASE_WEIGHT · similarity)
capped below a name match; each service keeps its better hit. Then two re-rankings: in a
message of several sentences the service named in the last question goes first, and between
services named equally well (or a family name such as 注销) the rest of the words decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from services_catalog.paraphrase import ParaphraseIndex, SemanticIndex, mix_paraphrase
from services_catalog.question_cues import QUESTION_CUE
from services_catalog.search.common import KIND_RANK, Hit, Key
from services_catalog.search.lexical import BM25_MAX_CONF, BM25_MIN_CONF, LexicalIndex
from services_catalog.search.phrase import CONF_PINYIN, PhraseMatcher

if TYPE_CHECKING:
    from services_catalog.query import Query

# Free-text confidence = scale · ((1 - w) · BM25 confidence + w · example similarity), capped
# below a name match. Set on both dev sets (980 questions) with 22 examples per service: weight
# 0.8 ranks 11 more rightly than 0.5; scale 2.2 answers as many rightly from resolve.SEARCH_SURE
# (286) with 13 fewer wrong (13 vs 26 of 299/312), and lifts 2 fewer small-talk lines past it.
# With USE v3 replacing m3e-small (issue 17) the semantic scores sit lower; re-set on the same dev
# sets (999 questions, and the 40 small-talk lines of tests/dev/search_dev.yml): scale 2.6 answers
# 954 rightly from SEARCH_SURE (m3e at 2.2: 938) with 40 wrong (55), 937 from 0.6 (918), and
# lifts as few small-talk lines past 0.45 / 0.6 as m3e did (3 / 1); 2.2 left 914 from 0.6.
PARAPHRASE_WEIGHT = 0.8
FREE_TEXT_SCALE = 2.6
# A name/alias that lies inside other services' names/aliases (注销 in 注销公告 and 简易注销,
# 自来水 in 自来水投诉) names a family; when the rest of the message is closer to a relative's
# examples by this much of the free-text blend, the relative is meant (公司注销要登报吗). The
# same between two services named equally well. Set on the dev sets: 0.1 gains 4 of 431 items
# of the first and 4 of the second (3 of 30 transcripts), losing none.
FAMILY_MARGIN = 0.1
_SENTENCE = re.compile(r"[。！？!?；;\n]+")
FREE_MEMO = 256  # texts whose free-text hits are kept (as SearchIndex keeps its Query values)
# A broad service named by a generic alias (办执照, 项目审批, 失信名单) is often only the setting
# of a question about a more specific service the rest of the words describe: 快递公司好几个网点
# 每个点都得单独办执照吗 asks about 一照多址, 办执照材料少了一样能先受理吗 about 容缺受理. An
# unnamed service whose free-text blend reads this well, this much better than every service
# named as well as the top one, and which holds a word of the message the named one does not,
# is meant. Set on the dev sets (search_dev, dev/dev3 chat and assist, 1,961 texts): 17 right
# more, none fewer; the one loss from 0.55 without the word test was 企业办事能不能找政府的人邦办
# (a typo of 帮办; 政府 reads as 政府采购, but says nothing 帮办代办 does not).
SPECIFIC_MIN = 0.55
SPECIFIC_MARGIN = 0.15
# (query, slug, other): whether the message says a word that `slug`'s texts hold and `other`'s not.
SaysMore = Callable[["Query", str, str], bool]


class Fusion:
    def __init__(self, phrase: PhraseMatcher, lexical: LexicalIndex, para: ParaphraseIndex,
                 semantic: SemanticIndex, slugs: list[str], with_examples: frozenset[str],
                 says_more: SaysMore | None = None) -> None:
        self._phrase = phrase
        self._says_more = says_more
        self._lexical = lexical
        self._para = para
        self._semantic = semantic
        self._order = {slug: i for i, slug in enumerate(slugs)}
        self._with_examples = with_examples
        # `rank` and `named` of one message both read its free text (the re-rankings compare
        # the named services' blends): computed once per text.
        self._free = lru_cache(maxsize=FREE_MEMO)(self._free_text)

    def rank(self, query: Query, limit: int) -> list[Hit]:
        """Best hit per service, best first: phrase matches and free text together."""
        best = {hit.slug: (key, hit) for key, hit in query.named}
        free = self.free_text_hits(query.norm)
        for key, hit in free:
            if hit.slug not in best or key < best[hit.slug][0]:
                best[hit.slug] = (key, hit)
        hits = self._asked_first(query.norm, [hit for _, hit in sorted(best.values())])
        hits = self._relative_first(query.norm, hits, free)
        return self._specific_first(query, hits, free)[:limit]

    def named(self, query: Query) -> list[Hit]:
        """The phrase matches alone, in the same order as `rank` would give them (with the
        service they are only the setting of first, as `rank` puts it)."""
        named = [hit for _, hit in query.named]
        hits = self._relative_first(query.norm, self._asked_first(query.norm, named))
        return self._specific_first(query, hits)

    def free_text_hits(self, norm: str) -> list[tuple[Key, Hit]]:
        """BM25 blended with example similarity, one hit per service that either signal finds."""
        return list(self._free(norm))

    def _free_text(self, norm: str) -> tuple[tuple[Key, Hit], ...]:
        bm25 = {hit.slug: hit for _, hit in self._lexical.hits(norm)}
        para = mix_paraphrase(self._para.scores(norm), self._semantic.scores(norm))
        out = []
        for slug in bm25.keys() | para.keys():
            b = bm25.get(slug)
            sim = para.get(slug, 0.0)
            if slug in self._with_examples:
                blend = FREE_TEXT_SCALE * (
                    (1 - PARAPHRASE_WEIGHT) * (b.confidence if b else 0.0)
                    + PARAPHRASE_WEIGHT * sim
                )
            else:  # a service staff added without example questions: BM25 as calibrated alone
                blend = b.confidence if b else 0.0
            conf = round(min(blend, BM25_MAX_CONF), 3)
            if conf < BM25_MIN_CONF:
                continue
            matched = b.matched if b else f"≈{sim:.2f}"
            hit = Hit(slug, b.score if b else 0.0, conf, "bm25", matched)
            # Hits capped at the same confidence still rank by their uncapped blend.
            out.append(((-conf, 0, 0, KIND_RANK["bm25"], -blend, self._order[slug]), hit))
        return tuple(out)

    def _relative_first(
        self, norm: str, hits: list[Hit], free: list[tuple[Key, Hit]] | None = None
    ) -> list[Hit]:
        """Between services the message names equally well, the rest of its words decide.

        A family name (注销) with words closer to one relative's examples (登报, 公示) means the
        relative (注销公告); of two services named outright (停水 and 自来水 in "小区停水了…打
        自来水公司电话没人接"), the one whose examples the message reads closer to. The winner
        takes the top place with the top match's confidence."""
        if not hits or hits[0].kind == "bm25":
            return hits
        top = hits[0]
        rivals = set(self._phrase.relatives.get(top.matched, frozenset()))
        rivals.update(h.slug for h in hits[1:]
                      if h.kind != "bm25" and h.confidence >= top.confidence)
        if not rivals:
            return hits
        if free is None:
            free = self.free_text_hits(norm)
        blends = {hit.slug: -key[4] for key, hit in free}
        pick = max(sorted(rivals), key=lambda slug: blends.get(slug, 0.0))
        if blends.get(pick, 0.0) - blends.get(top.slug, 0.0) <= FAMILY_MARGIN:
            return hits
        promoted = Hit(pick, top.score, top.confidence, top.kind, top.matched)
        return [promoted, *(h for h in hits if h.slug != pick)]

    def _specific_first(self, query: Query, hits: list[Hit],
                        free: list[tuple[Key, Hit]] | None = None) -> list[Hit]:
        """A service the message does not name, which the rest of its words read as far better
        than the service(s) it names, and which holds a word of it the named one does not: the
        named one is the setting (see SPECIFIC_MIN). It takes the top place with the top
        match's confidence, as `_relative_first`'s pick does."""
        if not hits or hits[0].kind == "bm25" or self._says_more is None:
            return hits
        top = hits[0]
        if free is None:
            free = self.free_text_hits(query.norm)
        blends = {hit.slug: -key[4] for key, hit in free}
        named = {h.slug for h in hits if h.kind != "bm25" and h.confidence >= top.confidence}
        named |= {hit.slug for _, hit in query.named}
        setting = max(blends.get(slug, 0.0) for slug in named)
        for key, hit in sorted(free, key=lambda kh: kh[0][4]):  # best blend first
            blend = -key[4]
            if blend < SPECIFIC_MIN or blend - setting < SPECIFIC_MARGIN:
                return hits
            if hit.slug in named or hit.slug not in self._with_examples:
                continue
            if self._says_more(query, hit.slug, top.slug):
                promoted = Hit(hit.slug, top.score, top.confidence, top.kind, top.matched)
                return [promoted, *(h for h in hits if h.slug != hit.slug)]
        return hits

    def _asked_first(self, norm: str, hits: list[Hit]) -> list[Hit]:
        asked = self._asked_about(norm) if len(hits) > 1 else None
        if asked:
            hits.sort(key=lambda h: h.slug != asked)  # stable: the rest keep their order
        return hits

    def _asked_about(self, norm: str) -> str | None:
        """In several sentences (a caller's story, a pasted transcript), the service named in the
        last sentence that asks something: "想开个公司…房本还没下来。住所登记能不能用承诺制办？"
        is about 住所登记承诺制, not 企业开办."""
        sentences = [x for x in _SENTENCE.split(norm) if x.strip()]
        if len(sentences) < 2:
            return None
        for sentence in reversed(sentences):
            if QUESTION_CUE.search(sentence):
                named = sorted(self._phrase.hits_any(sentence).values())
                if named and named[0][1].confidence >= CONF_PINYIN:
                    return named[0][1].slug
        return None
