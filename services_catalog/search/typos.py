"""Normalisation's last step: common words mistyped by pinyin are put right in the message."""

from __future__ import annotations

import re

import jieba

from services_catalog.search.common import crosses, token_spans
from services_catalog.search.pinyin import (
    ALL_HAN,
    MAX_READING_COMBOS,
    fold,
    readings,
    syllables,
    typo_plausible,
)

# The words users type most, and mistype most, across services (营业执照 → 营业执招 / 营页执照,
# 报装 → 报状, 注销 → 注消, 社保 → 社宝; by voice, 快递 → 快地, 合作社 → 合做社, 审批 → 审皮).
# Not names of one service, so the name/alias pinyin match
# cannot fix them; they are corrected in the message itself, by the same pinyin test, before
# anything else reads it. A window that is itself a common word (包装) is left alone.
COMMON_WORDS = (
    "营业执照", "执照", "报装", "注销", "社保", "医保", "公积金", "发票", "纳税", "办税",
    "开办", "不动产", "许可证", "失业金", "用电", "用水", "燃气", "营业", "快递", "合作社", "审批",
)
REAL_WORD_FREQ = 10  # jieba frequency from which a window is a word of its own, not a typo
# A real word (燃起) is still a typo where it goes on a list of utilities to be connected
# (自来水和燃起都还没接, 水电燃起): right after 水/电/气/暖, or one of them and a joiner.
_UTILITY_LISTED = re.compile(r"[水电气暖](?:和|跟|与|、|及|还有)?$")
# Common words long enough that one accent slip (zh/z, ch/c, sh/s, n/l, -ng/-n) in one character
# still leaves them unmistakable: 营业执造 (zao for zhao) is 营业执照. Shorter words need exact
# pinyin: 执造 alone is not read as 执照.
FUZZY_MIN_LEN = 4
# Windows already looked up (a server sees the same two-, three- and four-character windows in
# message after message): the pinyin lookup was ≈ 0.5 ms CPU of every turn. Bounded; cleared
# when full.
MEMO_SIZE = 50_000
_UNSEEN = object()


def _prefixes(keys: object) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:k] for key in keys for k in range(len(key) + 1))


class TypoCorrector:
    def __init__(self, tok: jieba.Tokenizer) -> None:
        self._tok = tok  # the index's tokenizer: a catalog name is a real word, never a typo
        self._common: dict[tuple[str, ...], str] = {syllables(w): w for w in COMMON_WORDS}
        self._common_fuzzy: dict[tuple[str, ...], str] = {
            tuple(fold(s) for s in syllables(w)): w
            for w in COMMON_WORDS if len(w) >= FUZZY_MIN_LEN}
        self._lengths = sorted({len(w) for w in COMMON_WORDS}, reverse=True)
        # Readings are extended only while they can still become a common word's: a window's
        # first character rarely can, and then no combination is built at all.
        self._reachable = _prefixes(self._common)
        self._reachable_fuzzy = _prefixes(self._common_fuzzy)
        self._memo: dict[str, str | None] = {}

    def correct(self, norm: str) -> str:
        """The message with mistyped common words put right (营页执照 → 营业执照)."""
        fixes: list[tuple[int, int, str]] = []
        spans: list[tuple[int, int]] | None = None
        i = 0
        while i < len(norm):
            for length in self._lengths:
                window = norm[i:i + length]
                if len(window) < length or not ALL_HAN.fullmatch(window):
                    continue
                word = self._common_word(window)
                if word is None or window == word:
                    continue
                if (self._tok.FREQ.get(window, 0) >= REAL_WORD_FREQ
                        and not _UTILITY_LISTED.search(norm[:i])):
                    continue
                if spans is None:
                    spans = token_spans(self._tok, norm)
                if crosses(i, i + length, spans):
                    continue  # cuts through a word of the message: 建设保障 holds no 社保
                fixes.append((i, i + length, word))
                i += length - 1
                break
            i += 1
        for start, end, word in reversed(fixes):
            norm = norm[:start] + word + norm[end:]
        return norm

    def _common_word(self, window: str) -> str | None:
        found = self._memo.get(window, _UNSEEN)
        if found is _UNSEEN:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[window] = self._lookup(window)
        return found  # type: ignore[return-value]

    def _lookup(self, window: str) -> str | None:
        exact: set[tuple[str, ...]] = {()}
        fuzzy: set[tuple[str, ...]] = {()} if len(window) >= FUZZY_MIN_LEN else set()
        combos = 1
        for ch in window:
            options = readings(ch)
            combos *= len(options)
            if not combos or combos > MAX_READING_COMBOS:
                return None  # no reading, or too many to trust a match
            exact = {key for p in exact for r in options
                     if (key := (*p, r)) in self._reachable}
            fuzzy = {key for p in fuzzy for r in options
                     if (key := (*p, fold(r))) in self._reachable_fuzzy}
        for key in exact:
            word = self._common.get(key)
            if word and typo_plausible(window, word, fuzzy=False):
                return word
        for key in fuzzy:
            word = self._common_fuzzy.get(key)
            if word and typo_plausible(window, word, fuzzy=True):
                return word
        return None
