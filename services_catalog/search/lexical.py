"""The lexical index: BM25 over jieba words of each service's name, aliases and text.

Names and aliases count three times; a query's own words count fully and the words found
inside them half. The score becomes a confidence below a name match's (at most 0.79).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

import jieba

from services_catalog.normalize import normalize, strip_filler
from services_catalog.search.common import KIND_RANK, Hit, Key

BM25_MAX_CONF = 0.79
BM25_MIN_CONF = 0.1
SINGLE_CHAR_MAX_CONF = 0.38  # below resolve.SEARCH_SURE: one character is never answered
NAME_WEIGHT = 3  # name and aliases count three times in the BM25 document
SUBWORD_WEIGHT = 0.5
K1 = 1.5
B = 0.75

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

_CONTENT = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")


class LexicalIndex:
    def __init__(self, doc_phrases: list[tuple[str, list[str]]], doc_texts: list[str],
                 tok: jieba.Tokenizer) -> None:
        """`doc_phrases`: each service's slug and normalised name and aliases (already words of
        `tok`); `doc_texts`: its description text, raw."""
        self._tok = tok
        doc_terms: list[dict[str, int]] = []
        for (_, texts), text in zip(doc_phrases, doc_texts, strict=True):
            tf: dict[str, int] = defaultdict(int)
            for phrase in texts:
                for term in self._terms(phrase):
                    tf[term] += NAME_WEIGHT
            for term in self._terms(normalize(text)):
                tf[term] += 1
            doc_terms.append(tf)
        n_docs = len(doc_phrases)
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
        self._slugs = [slug for slug, _ in doc_phrases]

    def hits(self, norm: str) -> list[tuple[Key, Hit]]:
        """One hit per service sharing a word with the normalised message, with its sort key."""
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
                hits.append(((-hit.confidence, 0, 0, KIND_RANK["bm25"], -score, doc), hit))
        return hits

    def _terms(self, text: str) -> list[str]:
        # cut_for_search also yields the known words inside a long one (企业开办 → 企业, 开办),
        # so a query naming part of a service still meets it.
        return [t for t in self._tok.lcut_for_search(text, HMM=False) if is_term(t)]

    def _query_terms(self, text: str) -> dict[str, float]:
        # The query's own words count fully; words found only inside them count half, or
        # 接电话 (a phone call) would reach 用电报装 through its 接电.
        whole = [t for t in self._tok.lcut(text, HMM=False) if is_term(t)]
        terms = {sub: SUBWORD_WEIGHT for t in whole for sub in self._terms(t)}
        terms.update(dict.fromkeys(whole, 1.0))
        return terms


def is_term(token: str) -> bool:
    return token not in STOP_WORDS and _CONTENT.search(token) is not None
