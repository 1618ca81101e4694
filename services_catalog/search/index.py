"""`SearchIndex`: the catalog's search, one pipeline over a `Query`.

    message → Query (normalise, correct typos, tokenise, match names)  services_catalog/query.py
            → phrase matches (search/phrase.py) + free text: BM25 (search/lexical.py) and
              example similarity (services_catalog/paraphrase.py)
            → fusion and re-ranking (search/fusion.py) → [Hit, …]

Everything derived from the catalog is computed once in `__init__`; a query costs a few hundred
microseconds besides the sentence encoder.
"""

from __future__ import annotations

import math
from functools import lru_cache

from services_catalog.normalize import strip_filler
from services_catalog.paraphrase import ParaphraseIndex, SemanticIndex
from services_catalog.query import Query
from services_catalog.search.common import Hit, Key, SearchDoc, new_tokenizer, plain
from services_catalog.search.fusion import Fusion
from services_catalog.search.lexical import LexicalIndex, is_term
from services_catalog.search.phrase import PhraseMatcher, _Phrase
from services_catalog.search.typos import TypoCorrector

PARA_MIN_PHRASE = 4  # names/aliases this long also serve as examples


RECENT_QUERIES = 256


class SearchIndex:
    def __init__(self, docs: list[SearchDoc]) -> None:
        slugs = [d.slug for d in docs]
        if len(set(slugs)) != len(slugs):
            raise ValueError("SearchIndex: duplicate slug in docs")
        self._tok = new_tokenizer()
        doc_phrases = [(doc.slug, [plain(p) for p in (doc.name, *doc.aliases)]) for doc in docs]
        # The phrase matcher adds every name/alias to the tokenizer; the lexical index and the
        # typo corrector then segment with them.
        self._phrase = PhraseMatcher(doc_phrases, self._tok)
        self._typos = TypoCorrector(self._tok)
        lexical = LexicalIndex(doc_phrases, [doc.text for doc in docs], self._tok)
        # Short names/aliases stay out: "接电" alone would make every message containing it (接电话)
        # a close paraphrase. The phrase matcher handles them, word boundaries included.
        para = ParaphraseIndex([
            (doc.slug, text)
            for doc in docs
            for text in (*(p for p in (doc.name, *doc.aliases) if len(p) >= PARA_MIN_PHRASE),
                         *doc.examples)
        ])
        semantic = SemanticIndex([(doc.slug, q) for doc in docs for q in doc.examples])
        self._fusion = Fusion(self._phrase, lexical, para, semantic, slugs,
                              frozenset(doc.slug for doc in docs if doc.examples),
                              self.says_more)
        # One turn asks about the same text several times (resolve: names, then a ranking for
        # its context rules and again for its answer; several and life events too): the text is
        # read into one Query, which keeps its rankings, for the last few hundred texts.
        self._recent = lru_cache(maxsize=RECENT_QUERIES)(self.query)
        # Everything a service is known by, for `support`: names, aliases, example questions,
        # description. A question's word none of them holds is a word about something else.
        self._known = {doc.slug: plain(" ".join((doc.name, *doc.aliases, *doc.examples,
                                                 doc.text)))
                       for doc in docs}
        self._term_weight = lru_cache(maxsize=4096)(self._weigh)

    @property
    def _phrases(self) -> list[_Phrase]:
        return self._phrase.phrases

    # -- the Query -------------------------------------------------------------------------

    def query(self, text: str, condition_words: frozenset[str] = frozenset()) -> Query:
        """The message read once: normalised and typos put right now; tokens, names matched and
        question cues on first read (see services_catalog/query.py)."""
        norm = self.normalised(text)
        return Query(text=text, norm=norm, reader=self,
                     conditions=frozenset(w for w in condition_words if w in norm))

    def cut(self, norm: str) -> list[str]:
        return self._tok.lcut(norm, HMM=False)

    def match_names(self, query: Query) -> tuple[tuple[Key, Hit], ...]:
        return tuple(sorted(self._phrase.hits_any(query.norm, query.spans).values()))

    def _read(self, text: str | Query) -> Query:
        return text if isinstance(text, Query) else self._recent(text)

    def normalised(self, text: str) -> str:
        """The message as the matchers read it (normalised, unquoted, typos put right)."""
        return self._typos.correct(plain(text))

    def correct_typos(self, norm: str) -> str:
        """The message with mistyped common words put right (营页执照 → 营业执照)."""
        return self._typos.correct(norm)

    def _weigh(self, term: str) -> float:
        """How rare `term` is among the services' texts: a word no service holds (护照) weighs
        most, one most services hold (办理, 企业) next to nothing."""
        held = sum(term in known for known in self._known.values())
        return math.log((len(self._known) + 1) / (held + 1))

    # -- public API ------------------------------------------------------------------------

    def content_words(self, text: str | Query) -> dict[str, float]:
        """The message's words of two characters or more that say what it is about (not its
        question words, particles or numbers), each with its rarity among the services' texts."""
        query = self._read(text)
        words: set[str] = set()
        run = ""  # single characters in a row make one word: 养犬证 cuts as 养 / 犬 / 证
        for token in [*self.cut(strip_filler(query.norm)), ""]:
            if len(token) == 1 and is_term(token) and not token.isascii():
                run += token
                continue
            if len(run) > 1:
                words.add(run)
            run = ""
            if len(token) > 1 and is_term(token) and not token.isascii():
                words.add(token)
        return {t: self._term_weight(t) for t in words}

    def unheard(self, text: str | Query) -> list[str]:
        """The message's content words that no service's texts hold (护照, 结婚证)."""
        return [w for w in self.content_words(text) if not any(
            w in known for known in self._known.values())]

    def holds(self, slug: str, word: str) -> bool:
        """Whether service `slug`'s names, aliases, example questions or description say `word`."""
        return word in self._known.get(slug, "")

    def says_more(self, text: str | Query, slug: str, other: str) -> bool:
        """Whether the message says a content word that service `slug`'s texts hold and service
        `other`'s do not (网点 for 一照多址 over 企业开办): it is about more than `other`."""
        return any(self.holds(slug, w) and not self.holds(other, w)
                   for w in self.content_words(text))

    def search(self, text: str | Query, limit: int = 5) -> list[Hit]:
        """Best hit per service, best first; empty when nothing points at a service."""
        if limit <= 0:
            return []
        query = self._read(text)
        key = (id(self), limit)  # a Query read by another index is ranked by this one anew
        if key not in query.rankings:
            query.rankings[key] = self._fusion.rank(query, limit)
        return list(query.rankings[key])

    def mentions(self, text: str | Query) -> list[Hit]:
        """Only verbatim or pinyin name/alias matches: does this message name a service?

        Weak matches are included with their confidence (e.g. 0.45 for 接电 inside 接电话);
        callers should treat confidence < 0.5 as "no".
        """
        return self._fusion.named(self._read(text))

    def named_spans(self, text: str | Query) -> list[tuple[str, int, int, float]]:
        """(slug, start, end, confidence) of each service named by name/alias/pinyin in the
        normalised, typo-corrected message (each service's best match), best first."""
        return [(hit.slug, key[2], key[2] - key[1], hit.confidence)
                for key, hit in self._read(text).named]

    def analogue(self, slug: str, word: str) -> str | None:
        """The service whose names read like `slug`'s with one character swapped for `word`:
        after 用水报装 (通水, 接水, 装水表), "那电呢" means 用电报装 (通电, 接电, 装电表)."""
        return self._phrase.analogue(slug, plain(word))
