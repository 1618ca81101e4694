"""Several needs told in one message, each in a part of its own, none named as a service
(娱乐场所是不是要去公安备案？房子是新盖的，消防验收那块也得过吧): which services, one per part.

A business owner tells a situation and, in separate sentences or after 另外/还有/顺便, asks about
two or three matters. Each part is read on its own by the catalog search; the message asks about
several services when two to four parts each read surely as a different one and each part asks
or says a need (要, 得, 想, 还要, 能不能 …). A part that only sets the scene (我们是出租车公司,
房子是新盖的) counts only inside the sentence that asks. The bar is high on purpose: a question
about one service whose scene happens to read as another must stay one question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from services_catalog.question_cues import content_besides_cues

# Where a message parts into its matters: the end of a sentence, or a word that adds another
# matter (另外, 还有, 再就是, 顺便, 此外, 其次 at a clause's start).
# Sentences, not clauses (normalize.PAUSES): a part is a sentence, its commas stay inside it.
_SENTENCE = re.compile(r"[。?？!！;；\n]+")
_ANOTHER = re.compile(r"(?<![^,，、\s。?？!！;；])(?:另外|此外|再就是|再一个|还有就是|还有个|还有"
                      r"|顺便问一下|顺便问下|顺便问问|顺便|其次|最后)")
# Words with which a part says what the owner needs to do or get (要查验, 也得过, 想拿去贷款).
_NEED = re.compile(r"要|得|想|需|打算|准备|咋|怎|能不能|可不可以|能否|行不行|有没有|是不是|吗|呢"
                   r"|啥|什么|哪|多久|几|再[办弄去申]")
# A clause that adds a need to a subject of its own (施工图还要…送审 after 测绘要…): a part too.
_COMMA = re.compile(r"[,，]")
_ALSO = re.compile(r"[^,，]{2,}?(?:还要|还得|也要|也得)")
# A part that is only who the owner is (我们是出租车公司): the scene, not a matter.
_WHO = re.compile(r"^(?:我们|我|咱们|咱|本人|俺)(?:公司|家|这边)?是[^,，]*$")
# A part that opens on its verb goes on about the matter before it (是不是有执照就行, 还要跑现场吗).
_GOES_ON = re.compile(r"^(?:是不是|是否|还要|还得|还是|还能|也要|也得|也能|那|就|能不能|可不可以"
                      r"|会不会|要不要)")
PART_MIN_CONTENT = 4  # what a part says besides question words
NEED_SURE = 0.7  # the search's confidence in free words (BM25 confidence tops out near 0.8)
NEED_SAID = 0.5  # ... in a part that says it is another matter (另外, 还有)
MAX_NEEDS = 4


class _Span(NamedTuple):
    start: int
    end: int
    another: bool  # opened by 另外, 还有 …


class Part(NamedTuple):
    """A part of the message that asks about one matter, and the service it reads as."""
    slug: str
    start: int
    end: int


def parts(norm: str) -> list[_Span]:
    """The message's parts: its sentences, each cut again before 另外/还有/顺便 and before a
    clause that adds a need to a subject of its own (…，施工图还要送审)."""
    out: list[_Span] = []
    start = 0
    for m in [*_SENTENCE.finditer(norm), None]:
        end = m.start() if m else len(norm)
        cuts = sorted({*((x.start(), x.end(), True) for x in _ANOTHER.finditer(norm, start, end)),
                       *((c.start() + 1, c.start() + 1, False)
                         for c in _COMMA.finditer(norm, start, end)
                         if _ALSO.match(norm, c.start() + 1, end))})
        cut, another = start, False
        for at, after, said in cuts:
            if at > cut:
                out.append(_Span(cut, at, another))
                cut, another = after, said
            elif at == start:
                cut, another = after, said
        if cut < end:
            out.append(_Span(cut, end, another))
        start = m.end() if m else len(norm)
    return [p for p in out if norm[p.start:p.end].strip("，, ")]


def _matter(words: str) -> bool:
    """A part that says a need or asks, and says enough besides (not 我们是出租车公司)."""
    return (bool(_NEED.search(words)) and not _WHO.match(words) and not _GOES_ON.match(words)
            and len(content_besides_cues(words)) >= PART_MIN_CONTENT)


# The service a part reads as, and the services the search ranks near it.
Reading = Callable[[tuple[int, int], float], "tuple[str, frozenset[str]] | None"]


def needs_told(norm: str, read: Reading) -> list[Part]:
    """Two to four parts each asking a need that reads surely as a different service, in the
    message's order; else []. `read(span, least)` is the service the words norm[span] read as
    from confidence `least` (a name or alias outright, else the search ahead of its rivals),
    with the services ranked near it. Two parts are different matters only when neither's
    service is ranked near the other's (打官司能网上弄吗 / 阅卷也要跑法院: one matter)."""
    spans = parts(norm)
    if len(spans) < 2:
        return []
    found: list[Part] = []
    near: set[str] = set()
    for a, b, another in spans:
        if not _matter(norm[a:b]):
            continue
        reading = read((a, b), NEED_SAID if another else NEED_SURE)
        if reading is None or any(p.slug == reading[0] for p in found):
            continue
        slug, rivals = reading
        if slug in near or rivals & {p.slug for p in found}:
            return []  # two readings of one matter, not two matters
        found.append(Part(slug, a, b))
        near |= rivals
    return found if 2 <= len(found) <= MAX_NEEDS else []
