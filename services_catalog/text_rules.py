"""What catalog text may contain, and the form in which names and aliases are compared.

Catalog text reaches the chat widget, the agent console, CSV exports and — for names and
aliases — the generated NLU data (jieba dictionary lines, Rasa YAML `- example` lines). So:
- no control characters (a newline in an alias would add lines to the training data), no line
  or paragraph separators (YAML reads U+2028/U+2029 as line breaks), no format characters
  (Unicode category Cf: bidi controls U+202A–U+202E and U+2066–U+2069, zero-width U+200B–U+200D,
  U+2060, U+FEFF, …: they make two different strings look the same), no lone surrogates;
- long texts (howto, facts, the citation) may keep line breaks, nothing else of the above;
- names and aliases also may not hold Rasa's markup characters: `[ ] ( ) { }` (entity
  annotations `[text](entity)`, `[text]{"entity": …}`), `/` (a message starting with it is an
  intent payload), `\\ " ' < > | #` (escapes and comments in the files and pages they go to).
  Full-width brackets （） are plain text to Rasa and stay allowed.
"""

from __future__ import annotations

import re
import unicodedata

from services_catalog.normalize import normalize

PHRASE_MARKUP = frozenset("[](){}/\\\"'<>|#`")
_LINE_BREAKS = frozenset("\n")
# Category Cf characters that are also removed before two phrases are compared.
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")


def _bad_char(ch: str, multiline: bool) -> bool:
    if multiline and ch in _LINE_BREAKS:
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")


def check_text(value: str, *, multiline: bool = False) -> str:
    """`value` unchanged, or ValueError naming the kind of character that is not allowed."""
    for ch in value:
        if _bad_char(ch, multiline):
            kind = "换行" if ch in "\r\n\u2028\u2029" else "控制或不可见字符"
            raise ValueError(f"不能包含{kind}（U+{ord(ch):04X}） / contains a control, "
                             f"invisible or line-break character (U+{ord(ch):04X})")
    return value


def check_phrase(value: str) -> str:
    """A name or alias: single-line text without Rasa markup characters."""
    check_text(value)
    bad = sorted({ch for ch in value if ch in PHRASE_MARKUP})
    if bad:
        shown = " ".join(bad)
        raise ValueError(f"名称和别名不能包含字符 {shown} / names and aliases may not contain "
                         f"{shown}")
    return value


def phrase_key(value: str) -> str:
    """The form in which names and aliases must be unique: NFKC (full-width → half-width),
    traditional → simplified, zero-width and bidi characters removed, case-folded, spaces
    collapsed. 開公司, ＯＫ, 开\u200b公司 and 开公司 are one phrase."""
    return normalize(_ZERO_WIDTH.sub("", value)).casefold()


# A figure a business would act on: a number (Arabic or Chinese) with a unit of time, money,
# share or size. Texts that must state no figure of their own (a scenario's description and
# notes: its figures are its services') are refused when they hold one.
_NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)"
_UNIT = (r"(?:个?工作日|个?自然日|个?小时|天|日|周|个?星期|个月|月|年|万元|亿元|元|%|％|"
         r"个百分点|平方米|平米|千瓦|kw|kva)")
FIGURE = re.compile(rf"{_NUMBER}\s*{_UNIT}", re.IGNORECASE)


def check_no_figure(value: str) -> str:
    """`value` unchanged, or ValueError: it states a figure (3个工作日, 五天, 2%, 80万元)."""
    m = FIGURE.search(value)
    if m:
        raise ValueError(f"不能写具体数字（“{m.group(0)}”）：时限、金额等只来自所关联的事项 / "
                         "may not state a figure: figures come from the linked services")
    return value
