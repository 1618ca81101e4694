"""Toneless pinyin readings and the test for whether a window is a plausible typo of a phrase."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin, pinyin

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
ALL_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
MAX_READING_COMBOS = 64  # caps heteronym blow-up in one pinyin window


@lru_cache(maxsize=8192)
def readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one character: the query has no context we can trust."""
    if not HAN.fullmatch(ch):
        return ()
    found = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(r for r in found if r.isascii() and r.isalpha()))


@lru_cache(maxsize=8192)
def fold(syllable: str) -> str:
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


def syllables(text: str) -> tuple[str, ...]:
    """The usual toneless reading of each character of `text`."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL))


def typo_plausible(window: str, phrase: str, *, fuzzy: bool) -> bool:
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
