"""Text normalisation shared by search, keyword matching and the answer layer.

Users type on phones with full-width input methods, sometimes in traditional characters; the
catalog is written in simplified Chinese. Everything is compared in one canonical form, and
normalize() also puts right the question words typed by sound (多旧 → 多久, 在那办 → 在哪办:
_fix_cue_typos), since the question type is read from them.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from opencc import OpenCC

_converter: OpenCC | None = None
_converter_lock = threading.Lock()


def _t2s() -> OpenCC:
    # Created on first use: importing this module (e.g. for strip_filler) should not pay for
    # loading the conversion dictionaries.
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = OpenCC("t2s")
    return _converter


# A turn's checks normalise the same message many times over (the detail, condition and negation
# cues, the evidence's count and question words) and the same service names every turn: each
# distinct text is converted once while it is in use. Bounded: messages are unbounded in number.
NORMALIZE_CACHE = 1024


@lru_cache(maxsize=NORMALIZE_CACHE)
def normalize(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower-case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _t2s().convert(text)
    return _fix_cue_typos(" ".join(text.lower().split()))


# A learner's Mandarin typed with a space between words (我们的 公司 简易 注销，要 几 天？;
# 材料 有 一点 错，会 不行 吗？): the spaces part words, not clauses, so the cues (几天, 一吨多少钱,
# 列明) and the plan-words readings (有一点错, 跟对方能商量) are read across them. Only when
# nearly every word stands alone (short runs between spaces), not a WeChat line whose spaces are
# pauses between phrases (吉速办上能办的那十几个事项 具体都是哪些 列一下).
_CJK = r"[\u4e00-\u9fff]"
_CJK_SPACE = re.compile(rf"(?<={_CJK}) +(?={_CJK})")
_CJK_RUN = re.compile(rf"{_CJK}+")
WORD_SPACED_RUN = 2.5  # mean characters between spaces: 我们的 公司 简易 注销 ≈ 2.2
WORD_SPACED_MIN = 3    # spaces between Chinese characters: fewer is a pause, not word spacing


def unspaced(text: str) -> str:
    """The text with the spaces between its Chinese words taken out when it is typed word by
    word; otherwise as typed."""
    if len(_CJK_SPACE.findall(text)) < WORD_SPACED_MIN:
        return text
    runs = _CJK_RUN.findall(text)
    if sum(map(len, runs)) / len(runs) > WORD_SPACED_RUN:
        return text
    return _CJK_SPACE.sub("", text)


# Question words typed by sound (多旧 / 多就 for 多久; 在那办 for 在哪办 when nothing follows it but
# a particle): the cue decides the question type, so it is put right before anything reads it.
# 多就 only where nothing but a particle follows it (要多就？), never 差不多就行 / 人多就排队.
_CUE_TYPOS = ((re.compile(r"多旧"), "多久"),
              (re.compile(r"(?<![不差])多[就九](?=[能啊呀呢吗?？!！。\s]*$)"), "多久"),
              (re.compile(r"(在|去|到)那(里|儿)?(办|领|弄|交|申请|报)(?=[呢啊呀吗?？!！。\s]*$)"),
               r"\1哪\2\3"))


def _fix_cue_typos(text: str) -> str:
    for pattern, right in _CUE_TYPOS:
        text = pattern.sub(right, text)
    return text


# Where a line parts into clauses: the pauses as typed, full- and half-width (bot.clauses, the
# several-services reader). normalize() makes the full-width ones ASCII, all but 。, and … "...".
PAUSES = "，,。；;！!？?…：:"


_QUOTES = re.compile(r"[“”‘’\"'「」『』《》]")


def unquote(text: str) -> str:
    """Without quotation marks: nobody types the quotes of “吉速办”小程序."""
    return _QUOTES.sub("", text)


# Openers that only make the request polite. Longest first so "我想问一下" is not left as "我想…".
_LEADING_FILLER: tuple[str, ...] = tuple(sorted(
    (
        "请问", "请问一下", "请问下", "麻烦问下", "麻烦问一下", "麻烦请问", "我想问一下",
        "我想问下", "我想问问", "想问一下", "想问下", "问一下", "我想咨询一下", "想咨询一下",
        "咨询一下", "打扰一下", "你好", "您好", "你们好", "喂", "嗯", "哦", "呃", "啊",
        "那个", "那么", "那", "就是说",
    ),
    key=len,
    reverse=True,
))
# Sentence-final particles; they mark the question, not the service.
_TRAILING_FILLER: tuple[str, ...] = ("呢", "吗", "吧", "啊", "呀", "嘛")
# Real words that end in a particle character: "开网吧" must not become "开网".
_PROTECTED_ENDINGS: tuple[str, ...] = (
    "网吧", "酒吧", "书吧", "氧吧", "水吧", "茶吧", "话吧", "毛呢", "花呢",
)
_PUNCT = "？?！!。，,、.．~～…;；:：\"'“”‘’ \t\r\n\u3000"


def strip_filler(text: str) -> str:
    """Drop polite openers, final particles and punctuation at the ends of `text`.

    Only the ends are touched, so a service phrase in the middle is never cut:
    "你好，请问开公司要几天？" → "开公司要几天", "那燃气呢" → "燃气".
    """
    s = text
    while True:
        before = s
        s = s.strip(_PUNCT)
        for word in _LEADING_FILLER:
            if s.startswith(word):
                s = s[len(word):]
                break
        if s.endswith(_TRAILING_FILLER) and not s.endswith(_PROTECTED_ENDINGS):
            s = s[:-1]
        if s == before:
            return s


_NOT_CONTENT = re.compile(r"[\W_]+")


def content_only(text: str) -> str:
    """`text` without punctuation, spaces and symbols: the characters that say something."""
    return _NOT_CONTENT.sub("", text)


# Latin-letter messages that are small talk, not keyboard noise.
_ASCII_WORDS = frozenset(("ok", "okay", "hi", "hello", "hey", "bye", "thanks", "thx", "yes", "no"))


def is_noise(text: str) -> bool:
    """Keyboard mashing or punctuation only: "？？？？", "啊啊啊啊啊", "asdfjkl".

    Such a message is a miss (the second in a row goes to 12345), whatever intent the NLU
    guessed for it. Callers check catalog names first ("ukey" is an alias)."""
    s = content_only(normalize(text))
    if not s:
        return True
    if len(s) >= 3 and len(set(s)) == 1:
        return True
    return s.isascii() and s.isalpha() and s not in _ASCII_WORDS
