"""Find the catalog service a user message is about.

Three signals, strongest first:

1. a service name or alias appearing verbatim in the normalised message (confidence 1.0);
2. the same by toneless pinyin, for input-method typos such as 注测公司 → 注册公司 (0.85; 0.75
   when only a fuzzy pinyin match, e.g. zh/z, in/ing, n/l, fits);
3. BM25 over jieba tokens of name, aliases and description text, blended with the similarity to
   the service's closest example question (services_catalog/paraphrase.py); always below 0.8.

Everything derived from the catalog is computed once in `SearchIndex.__init__`; a query costs a
few hundred microseconds.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin, pinyin

from services_catalog.normalize import normalize, strip_filler, unquote
from services_catalog.paraphrase import ParaphraseIndex, SemanticIndex, mix_paraphrase
from services_catalog.question_cues import QUESTION_CUE

CONF_TEXT = 1.0
CONF_PINYIN = 0.85
CONF_PINYIN_FUZZY = 0.75
SINGLE_CHAR_MAX_CONF = 0.38  # below resolve.SEARCH_SURE: one character is never answered
# A match lying strictly inside a longer match of another service: the user's words are better
# explained by the longer phrase (简易注销 vs 注销), so this one is only a weak candidate.
CONF_CONTAINED = 0.7
# A match that cuts through a longer word of the message: 接电 inside 接电话 is a phone call.
CONF_CROSSING = 0.45
BM25_MAX_CONF = 0.79
BM25_MIN_CONF = 0.1
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
PARA_MIN_PHRASE = 4  # names/aliases this long also serve as examples
NAME_WEIGHT = 3  # name and aliases count three times in the BM25 document
SUBWORD_WEIGHT = 0.5
K1 = 1.5
B = 0.75
MAX_READING_COMBOS = 64  # caps heteronym blow-up in one pinyin window
# The words users type most, and mistype most, across services (营业执照 → 营业执招 / 营页执照,
# 报装 → 报状, 注销 → 注消, 社保 → 社宝). Not names of one service, so the name/alias pinyin match
# cannot fix them; they are corrected in the message itself, by the same pinyin test, before
# anything else reads it. A window that is itself a common word (包装) is left alone.
COMMON_WORDS = (
    "营业执照", "执照", "报装", "注销", "社保", "医保", "公积金", "发票", "纳税", "办税",
    "开办", "不动产", "许可证", "失业金", "用电", "用水", "燃气", "营业",
)
REAL_WORD_FREQ = 10  # jieba frequency from which a window is a word of its own, not a typo

# Words that say what kind of question it is (how long, where, what to bring), not which service.
STOP_WORDS = frozenset((
    # wanting, asking how long
    "要", "想", "想要", "需要", "得", "多久", "要多久", "多长", "多长时间", "长时间", "时间",
    "几天", "几个", "几", "天", "多少", "多少天", "最快", "一般", "大概",
    # asking how / where / what
    "怎么", "怎么办", "怎么样", "怎样", "如何", "办", "办理", "理", "办事", "去", "到", "在", "哪",
    "哪里", "哪儿", "在哪", "在哪里", "哪个", "什么", "啥",
    # question-type nouns
    "材料", "流程", "手续", "条件", "要求", "费用", "收费", "多少钱", "钱", "地点", "地址", "窗口",
    "电话", "网上", "线上", "现场", "带", "准备", "申请",
    # function words and particles
    "吗", "呢", "吧", "啊", "呀", "嘛", "的", "了", "着", "是", "我", "我们", "你", "你们", "您",
    "他", "她", "这", "那", "这个", "那个", "能", "能不能", "可以", "可不可以", "有", "没有", "和",
    "与", "及", "或", "还", "也", "都", "就", "一下", "下", "请", "请问", "问", "问下", "谢谢",
    "今天", "明天", "现在",
))

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_ALL_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_ASCII_ALNUM = re.compile(r"[0-9a-z]")
_CONTENT = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")
# Colloquial "verb + 个/一条/根 + object" (办个电, 装个水表, 拉一条电): the phrase matcher also
# tries the message without the measure word, so it meets the aliases 办电, 装水表, 拉电. Only
# after a one-character verb, and never before 体/人/税 (个体户, 个人, 个税).
_VERB_MEASURE = re.compile(
    r"(?<=[办开装接通申领报交弄搞做注用换迁拉])(?:一个|个|一路|一条|条|一根|根)(?![体人税])")
_SENTENCE = re.compile(r"[。！？!?；;\n]+")
_KIND_RANK = {"name": 0, "alias": 1, "pinyin": 2, "bm25": 3}
# Sort key, smaller is better: (-confidence, -match length, position, kind, -bm25 score, order).
_Key = tuple[float, int, int, int, float, int]


@dataclass(frozen=True)
class SearchDoc:
    slug: str
    name: str
    aliases: list[str]
    text: str  # category + howto + notes; only feeds BM25
    examples: tuple[str, ...] = ()  # example questions; only feed the paraphrase signal


@dataclass(frozen=True)
class Hit:
    slug: str
    score: float  # raw strength: characters matched (name/alias/pinyin) or the BM25 value
    confidence: float  # 0..1, comparable across kinds; hits are sorted by it
    kind: str  # "name" | "alias" | "pinyin" | "bm25"
    matched: str  # the catalog phrase matched, or for bm25 the query terms that hit


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

    def key(self) -> _Key:
        # Longest match wins, then the earliest, then a name over an alias over pinyin, then
        # catalog order.
        return (-self.confidence, self.start - self.end, self.start, _KIND_RANK[self.kind],
                0.0, self.order)


# jieba's prefix dictionary takes ~0.4 s to load. Load it once per process and give every index
# its own copy, so add_word on one index never leaks into another (or into jieba's global one),
# and rebuilding after a catalog edit costs ~0.2 s. FREQ/total/initialized are jieba 0.42
# internals; jieba has been frozen at 0.42.1 since 2020.
_base_tokenizer: jieba.Tokenizer | None = None
_base_lock = threading.Lock()


def _new_tokenizer() -> jieba.Tokenizer:
    global _base_tokenizer
    with _base_lock:
        if _base_tokenizer is None:
            base = jieba.Tokenizer()
            base.initialize()
            _base_tokenizer = base
    tok = jieba.Tokenizer()
    tok.FREQ = dict(_base_tokenizer.FREQ)
    tok.total = _base_tokenizer.total
    tok.initialized = True
    return tok


@lru_cache(maxsize=8192)
def _readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one character: the query has no context we can trust."""
    if not _HAN.fullmatch(ch):
        return ()
    found = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(r for r in found if r.isascii() and r.isalpha()))


@lru_cache(maxsize=8192)
def _fold(syllable: str) -> str:
    """Collapse the pairs that input methods and regional accents confuse most."""
    s = syllable
    for hard, soft in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(hard):
            s = soft + s[2:]
            break
    if s.startswith("n"):
        s = "l" + s[1:]
    if s.endswith(("ang", "eng", "ing")):
        s = s[:-1]
    return s


def _prefixes(keys: dict[tuple[str, ...], list[_Phrase]]) -> frozenset[tuple[str, ...]]:
    return frozenset(k[:i] for k in keys for i in range(1, len(k) + 1))


class SearchIndex:
    def __init__(self, docs: list[SearchDoc]) -> None:
        slugs = [d.slug for d in docs]
        if len(set(slugs)) != len(slugs):
            raise ValueError("SearchIndex: duplicate slug in docs")
        self._tok = _new_tokenizer()

        # -- phrases (names and aliases) -------------------------------------------------
        self._phrases: list[_Phrase] = []
        doc_phrases = [[_plain(p) for p in (doc.name, *doc.aliases)] for doc in docs]
        for doc, texts in zip(docs, doc_phrases, strict=True):
            seen: set[str] = set()
            for k, text in enumerate(texts):
                kind = "name" if k == 0 else "alias"
                if len(text) < 2 or text in seen:
                    continue  # one character would match half the messages
                seen.add(text)
                self._phrases.append(_Phrase(
                    text=text,
                    kind=kind,
                    slug=doc.slug,
                    ascii_start=bool(_ASCII_ALNUM.match(text[0])),
                    ascii_end=bool(_ASCII_ALNUM.match(text[-1])),
                    order=len(self._phrases),
                ))
                if " " not in text:
                    self._tok.add_word(text)

        # -- pinyin of all-Chinese phrases -------------------------------------------------
        self._py_exact: dict[tuple[str, ...], list[_Phrase]] = defaultdict(list)
        self._py_fuzzy: dict[tuple[str, ...], list[_Phrase]] = defaultdict(list)
        for ph in self._phrases:
            if not _ALL_HAN.fullmatch(ph.text):
                continue
            syllables = tuple(lazy_pinyin(ph.text, style=Style.NORMAL))
            if len(syllables) != len(ph.text):
                continue
            self._py_exact[syllables].append(ph)
            if len(ph.text) >= 3:  # two folded syllables collide with everyday words
                self._py_fuzzy[tuple(_fold(s) for s in syllables)].append(ph)
        self._py_exact_prefixes = _prefixes(self._py_exact)
        self._common: dict[tuple[str, ...], str] = {
            tuple(lazy_pinyin(w, style=Style.NORMAL)): w for w in COMMON_WORDS}
        self._common_lengths = sorted({len(w) for w in COMMON_WORDS}, reverse=True)
        self._py_fuzzy_prefixes = _prefixes(self._py_fuzzy)

        # -- BM25 ------------------------------------------------------------------------
        doc_terms: list[dict[str, int]] = []
        for doc, texts in zip(docs, doc_phrases, strict=True):
            tf: dict[str, int] = defaultdict(int)
            for text in texts:
                for term in self._terms(text):
                    tf[term] += NAME_WEIGHT
            for term in self._terms(normalize(doc.text)):
                tf[term] += 1
            doc_terms.append(tf)
        n_docs = len(docs)
        lengths = [sum(tf.values()) for tf in doc_terms]
        avg_len = (sum(lengths) / n_docs) if n_docs else 1.0
        df: dict[str, int] = defaultdict(int)
        for tf in doc_terms:
            for term in tf:
                df[term] += 1
        # BM25+ style idf: never negative, so a word found in most docs just adds little.
        self._idf = {t: math.log(1 + (n_docs - n + 0.5) / (n + 0.5)) for t, n in df.items()}
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, tf in enumerate(doc_terms):
            norm = K1 * (1 - B + B * lengths[i] / (avg_len or 1.0))
            for term, f in tf.items():
                self._postings[term].append((i, f * (K1 + 1) / (f + norm)))
        # Confidence is measured against the best a single word can do: found in one document
        # only, with the largest tf weight. Such a word alone gives ~0.73, a common one far less.
        max_idf = math.log(1 + (n_docs - 0.5) / 1.5) if n_docs else 1.0
        self._bm25_unit = max((K1 + 1) * max_idf, 1e-6)
        self._slugs = slugs
        self._order = {slug: i for i, slug in enumerate(slugs)}
        self._with_examples = frozenset(doc.slug for doc in docs if doc.examples)
        self._by_text: dict[str, list[str]] = defaultdict(list)
        for ph in self._phrases:
            self._by_text[ph.text].append(ph.slug)
        self._relatives = _relatives(self._phrases)
        # Short names/aliases stay out: "接电" alone would make every message containing it (接电话)
        # a close paraphrase. The phrase matcher above handles them, word boundaries included.
        self._para = ParaphraseIndex([
            (doc.slug, text)
            for doc in docs
            for text in (*(p for p in (doc.name, *doc.aliases) if len(p) >= PARA_MIN_PHRASE),
                         *doc.examples)
        ])
        self._semantic = SemanticIndex([(doc.slug, q) for doc in docs for q in doc.examples])

    # -- public API ------------------------------------------------------------------------

    def search(self, text: str, limit: int = 5) -> list[Hit]:
        """Best hit per service, best first; empty when nothing points at a service."""
        if limit <= 0:
            return []
        norm = self.correct_typos(_plain(text))
        best = self._phrase_hits_any(norm)
        free = self._free_text_hits(norm)
        for key, hit in free:
            if hit.slug not in best or key < best[hit.slug][0]:
                best[hit.slug] = (key, hit)
        hits = self._asked_first(norm, [hit for _, hit in sorted(best.values())])
        return self._relative_first(norm, hits, free)[:limit]

    def _relative_first(
        self, norm: str, hits: list[Hit], free: list[tuple[_Key, Hit]] | None = None
    ) -> list[Hit]:
        """Between services the message names equally well, the rest of its words decide.

        A family name (注销) with words closer to one relative's examples (登报, 公示) means the
        relative (注销公告); of two services named outright (停水 and 自来水 in "小区停水了…打
        自来水公司电话没人接"), the one whose examples the message reads closer to. The winner
        takes the top place with the top match's confidence."""
        if not hits or hits[0].kind == "bm25":
            return hits
        top = hits[0]
        rivals = set(self._relatives.get(top.matched, frozenset()))
        rivals.update(h.slug for h in hits[1:]
                      if h.kind != "bm25" and h.confidence >= top.confidence)
        if not rivals:
            return hits
        if free is None:
            free = self._free_text_hits(norm)
        blends = {hit.slug: -key[4] for key, hit in free}
        pick = max(sorted(rivals), key=lambda slug: blends.get(slug, 0.0))
        if blends.get(pick, 0.0) - blends.get(top.slug, 0.0) <= FAMILY_MARGIN:
            return hits
        promoted = Hit(pick, top.score, top.confidence, top.kind, top.matched)
        return [promoted, *(h for h in hits if h.slug != pick)]

    def analogue(self, slug: str, word: str) -> str | None:
        """The service whose names read like `slug`'s with one character swapped for `word`:
        after 用水报装 (通水, 接水, 装水表), "那电呢" means 用电报装 (通电, 接电, 装电表)."""
        word = _plain(word)
        if len(word) != 1 or not _HAN.fullmatch(word):
            return None
        own = [ph.text for ph in self._phrases if ph.slug == slug]
        votes: dict[str, int] = defaultdict(int)
        for text in own:
            for i, ch in enumerate(text):
                if ch == word or not _HAN.fullmatch(ch):
                    continue
                for other in self._by_text.get(text[:i] + word + text[i + 1:], ()):
                    if other != slug:
                        votes[other] += 1
        if not votes:
            return None
        best = max(votes.values())
        winners = [s for s, v in votes.items() if v == best]
        return winners[0] if len(winners) == 1 else None

    def correct_typos(self, norm: str) -> str:
        """The message with mistyped common words put right (营页执照 → 营业执照)."""
        fixes: list[tuple[int, int, str]] = []
        spans: list[tuple[int, int]] | None = None
        i = 0
        while i < len(norm):
            for length in self._common_lengths:
                window = norm[i:i + length]
                if len(window) < length or not _ALL_HAN.fullmatch(window):
                    continue
                word = self._common_word(window)
                if word is None or window == word:
                    continue
                if self._tok.FREQ.get(window, 0) >= REAL_WORD_FREQ:
                    continue
                if spans is None:
                    spans = self._token_spans(norm)
                if any(ts < i + length and i < te and not (i <= ts and te <= i + length)
                       for ts, te in spans):
                    continue  # cuts through a word of the message: 建设保障 holds no 社保
                fixes.append((i, i + length, word))
                i += length - 1
                break
            i += 1
        for start, end, word in reversed(fixes):
            norm = norm[:start] + word + norm[end:]
        return norm

    def _common_word(self, window: str) -> str | None:
        partial: set[tuple[str, ...]] = {()}
        for ch in window:
            partial = {(*p, r) for p in partial for r in _readings(ch)}
            if not partial or len(partial) > MAX_READING_COMBOS:
                return None
        for key in partial:
            word = self._common.get(key)
            if word and _typo_plausible(window, word, fuzzy=False):
                return word
        return None

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
                named = sorted(self._phrase_hits_any(sentence).values())
                if named and named[0][1].confidence >= CONF_PINYIN:
                    return named[0][1].slug
        return None

    def _free_text_hits(self, norm: str) -> list[tuple[_Key, Hit]]:
        """BM25 blended with example similarity, one hit per service that either signal finds."""
        bm25 = {hit.slug: hit for _, hit in self._bm25_hits(norm)}
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
            out.append(((-conf, 0, 0, _KIND_RANK["bm25"], -blend, self._order[slug]), hit))
        return out

    def mentions(self, text: str) -> list[Hit]:
        """Only verbatim or pinyin name/alias matches: does this message name a service?

        Weak matches are included with their confidence (e.g. 0.45 for 接电 inside 接电话);
        callers should treat confidence < 0.5 as "no".
        """
        norm = self.correct_typos(_plain(text))
        named = [hit for _, hit in sorted(self._phrase_hits_any(norm).values())]
        return self._relative_first(norm, self._asked_first(norm, named))

    def named_spans(self, text: str) -> list[tuple[str, int, int, float]]:
        """(slug, start, end, confidence) of each service named by name/alias/pinyin in the
        normalised, typo-corrected message (each service's best match), best first."""
        norm = self.correct_typos(_plain(text))
        out = []
        for key, hit in sorted(self._phrase_hits_any(norm).values()):
            start = key[2]
            out.append((hit.slug, start, start - key[1], hit.confidence))
        return out

    def normalised(self, text: str) -> str:
        """The message as the matchers read it (normalised, unquoted, typos put right)."""
        return self.correct_typos(_plain(text))

    def _phrase_hits_any(self, norm: str) -> dict[str, tuple[_Key, Hit]]:
        best = self._phrase_hits(norm)
        bare = _VERB_MEASURE.sub("", norm)
        if bare != norm:
            for slug, (key, hit) in self._phrase_hits(bare).items():
                if slug not in best or key < best[slug][0]:
                    best[slug] = (key, hit)
        return best

    # -- matching --------------------------------------------------------------------------

    def _phrase_hits(self, norm: str) -> dict[str, tuple[_Key, Hit]]:
        cands = self._text_cands(norm) + self._pinyin_cands(norm)
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

    def _text_cands(self, norm: str) -> list[_Cand]:
        out: list[_Cand] = []
        for ph in self._phrases:
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
            bounds = self._token_spans(norm)
            for c in out:
                if any(ts < c.end and c.start < te and not (c.start <= ts and te <= c.end)
                       for ts, te in bounds):
                    c.confidence = CONF_CROSSING
                    c.can_demote = False
        return out

    def _token_spans(self, norm: str) -> list[tuple[int, int]]:
        spans = []
        pos = 0
        for token in self._tok.lcut(norm, HMM=False):
            spans.append((pos, pos + len(token)))
            pos += len(token)
        return spans

    def _pinyin_cands(self, norm: str) -> list[_Cand]:
        if not self._py_exact:
            return []
        readings = [_readings(ch) for ch in norm]
        folded = [tuple(dict.fromkeys(_fold(r) for r in rs)) for rs in readings]
        out: list[_Cand] = []
        tables = (
            (readings, self._py_exact, self._py_exact_prefixes, CONF_PINYIN),
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
                            if _typo_plausible(window, ph.text, fuzzy=conf < CONF_PINYIN):
                                out.append(_Cand(
                                    ph.slug, "pinyin", i, j + 1, ph.text, conf,
                                    can_demote=conf >= CONF_PINYIN, order=ph.order,
                                ))
        if out:
            # As for verbatim matches: a window cutting through a word of the message is that
            # word, not a typo (施工证 holds no 公证).
            bounds = self._token_spans(norm)
            for c in out:
                if any(ts < c.end and c.start < te and not (c.start <= ts and te <= c.end)
                       for ts, te in bounds):
                    c.confidence = min(c.confidence, CONF_CROSSING)
                    c.can_demote = False
        return out

    def _bm25_hits(self, norm: str) -> list[tuple[_Key, Hit]]:
        terms = {t: w for t, w in self._query_terms(strip_filler(norm)).items() if t in self._idf}
        if not terms:
            return []
        total_idf = sum(self._idf[t] * w for t, w in terms.items())
        scores: dict[int, float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        for term, qw in terms.items():
            idf = self._idf[term] * qw
            for doc, weight in self._postings[term]:
                scores[doc] += idf * weight
                covered[doc] += idf
                matched[doc].append(term)
        hits = []
        for doc, score in scores.items():
            # Saturating in the score, discounted when part of the query found nothing here.
            conf = (
                BM25_MAX_CONF
                * (1 - math.exp(-2.5 * score / self._bm25_unit))
                * (0.5 + 0.5 * covered[doc] / total_idf)
            )
            if all(len(t) == 1 for t in matched[doc]):
                # Single characters (好, 行, 个) say nothing about a service on their own:
                # keep such hits below the level at which a guess is answered.
                conf = min(conf, SINGLE_CHAR_MAX_CONF)
            if conf >= BM25_MIN_CONF:
                hit = Hit(self._slugs[doc], score, round(conf, 3), "bm25", " ".join(matched[doc]))
                hits.append(((-hit.confidence, 0, 0, _KIND_RANK["bm25"], -score, doc), hit))
        return hits

    def _terms(self, text: str) -> list[str]:
        # cut_for_search also yields the known words inside a long one (企业开办 → 企业, 开办),
        # so a query naming part of a service still meets it.
        return [t for t in self._tok.lcut_for_search(text, HMM=False) if _is_term(t)]

    def _query_terms(self, text: str) -> dict[str, float]:
        # The query's own words count fully; words found only inside them count half, or
        # 接电话 (a phone call) would reach 用电报装 through its 接电.
        whole = [t for t in self._tok.lcut(text, HMM=False) if _is_term(t)]
        terms = {sub: SUBWORD_WEIGHT for t in whole for sub in self._terms(t)}
        terms.update(dict.fromkeys(whole, 1.0))
        return terms


def _relatives(phrases: list[_Phrase]) -> dict[str, frozenset[str]]:
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


def _plain(text: str) -> str:
    return unquote(normalize(text))


def _is_term(token: str) -> bool:
    return token not in STOP_WORDS and _CONTENT.search(token) is not None


def _typo_plausible(window: str, phrase: str, *, fuzzy: bool) -> bool:
    """Same pinyin is not enough for short phrases: 2 characters need one of them right, and
    a fuzzy (zh/z, in/ing …) match is one slip, not two (出租车公司 is no 注册公司)."""
    wrong = sum(a != b for a, b in zip(window, phrase, strict=True))
    if wrong == 0:
        return False  # verbatim; the text matcher already has it
    if fuzzy:
        return wrong == 1
    if len(phrase) == 2:
        # One right character, and the other read the way it is usually read: 大 can be read
        # dai, but 手续大概 is not 续贷.
        return wrong < len(phrase) and all(
            a == b or _usual_reading(a) == _usual_reading(b)
            for a, b in zip(window, phrase, strict=True))
    return True


@lru_cache(maxsize=8192)
def _usual_reading(ch: str) -> str:
    return lazy_pinyin(ch, style=Style.NORMAL)[0]

