"""The `Query` value: a user message read once, for every later step to read from.

    q = Query.of(text, snapshot)      # or snapshot.index.query(text)
    snapshot.index.search(q)          # search reads q.norm, q.tokens and q.named

Normalisation (traditional → simplified, full-width → half-width, lower case, quotes dropped,
mistyped common words such as 营页执照 put right) happens here and nowhere later. The derived
fields (tokens, question cues, services named) are computed on first read and kept: a step
that never needs the jieba words does not pay for them, and no step computes them twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from services_catalog.question_cues import QUESTION_CUE, question_type

if TYPE_CHECKING:
    from services_catalog.search.common import Hit, Key
    from services_catalog.snapshot import CatalogSnapshot


class Reader(Protocol):
    """What reads a message for a `Query`: the search index (its tokenizer and phrase matcher)."""

    def cut(self, norm: str) -> list[str]: ...

    def match_names(self, query: Query) -> tuple[tuple[Key, Hit], ...]: ...


@dataclass(frozen=True)
class Query:
    text: str  # as the user wrote it
    norm: str  # normalised, unquoted, typos put right: what every matcher reads
    conditions: frozenset[str] = frozenset()  # the catalog's condition words it says (居民 …)
    reader: Reader | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, snapshot: CatalogSnapshot) -> Query:
        return snapshot.index.query(text, snapshot.condition_words)

    @cached_property
    def tokens(self) -> tuple[str, ...]:
        """jieba words of `norm`; every catalog name and alias is one word."""
        assert self.reader is not None, "a Query is built by SearchIndex.query"
        return tuple(self.reader.cut(self.norm))

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each token in `norm`."""
        return spans_of(self.tokens)

    @cached_property
    def named(self) -> tuple[tuple[Key, Hit], ...]:
        """Services named by name, alias or pinyin: each one's best match, best first, with the
        key search sorts by."""
        assert self.reader is not None, "a Query is built by SearchIndex.query"
        return self.reader.match_names(self)

    @cached_property
    def rankings(self) -> dict[tuple[int, int], list[Hit]]:
        """The search's rankings of this Query, by (index, limit): kept, as the fields are."""
        return {}

    @cached_property
    def asks(self) -> bool:
        """Has a question cue (吗, 怎么, 多久 …): a question, not a statement or a command."""
        return QUESTION_CUE.search(self.norm) is not None

    @cached_property
    def question(self) -> str | None:
        """The question type its words settle (ask_fee, ask_time_limit …), if one."""
        return question_type(self.text)


def spans_of(tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each of consecutive `tokens` in the text they cut."""
    out = []
    pos = 0
    for token in tokens:
        out.append((pos, pos + len(token)))
        pos += len(token)
    return out
