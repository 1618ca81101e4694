"""What every search stage shares: the documents, the hits, the tokenizer and sort keys."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import jieba

from services_catalog.normalize import normalize, unquote
from services_catalog.query import spans_of

_ASCII_ALNUM = re.compile(r"[0-9a-z]")
KIND_RANK = {"name": 0, "alias": 1, "pinyin": 2, "bm25": 3}
# Sort key, smaller is better: (-confidence, -match length, position, kind, -bm25 score, order).
Key = tuple[float, int, int, int, float, int]


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


# jieba's prefix dictionary takes ~0.4 s to load. Load it once per process and give every index
# its own copy, so add_word on one index never leaks into another (or into jieba's global one),
# and rebuilding after a catalog edit costs ~0.2 s. FREQ/total/initialized are jieba 0.42
# internals; jieba has been frozen at 0.42.1 since 2020.
_base_tokenizer: jieba.Tokenizer | None = None
_base_lock = threading.Lock()


def _base() -> jieba.Tokenizer:
    """jieba's own dictionary, loaded once."""
    global _base_tokenizer
    with _base_lock:
        if _base_tokenizer is None:
            base = jieba.Tokenizer()
            base.initialize()
            _base_tokenizer = base
        return _base_tokenizer


def new_tokenizer() -> jieba.Tokenizer:
    base = _base()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(base.FREQ)
    tok.total = base.total
    tok.initialized = True
    return tok


def base_frequency(word: str) -> int:
    """jieba's own frequency of `word`, before any catalog name was added as a word."""
    # Not through new_tokenizer: copying the dictionary (≈ 350,000 words) cost ≈ 20 ms a call.
    return int(_base().FREQ.get(word, 0))


def token_spans(tok: jieba.Tokenizer, norm: str) -> list[tuple[int, int]]:
    """(start, end) of each jieba word of `norm` (catalog names and aliases are words)."""
    return spans_of(tuple(tok.lcut(norm, HMM=False)))


def crosses(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) cuts through one of the words `spans` (overlaps without holding it)."""
    return any(ts < end and start < te and not (start <= ts and te <= end) for ts, te in spans)


def plain(text: str) -> str:
    return unquote(normalize(text))
