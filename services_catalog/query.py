"""The `Query` value: a user message read once, for every later step to read from.

    q = Query.of(text, snapshot)      # or snapshot.index.query(text)
    snapshot.index.search(q)          # search reads q.norm, q.tokens and q.named

Normalisation (traditional → simplified, full-width → half-width, lower case, quotes dropped,
mistyped common words such as 营页执照 put right) happens here and nowhere later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services_catalog.search.common import Hit, Key
    from services_catalog.snapshot import CatalogSnapshot


@dataclass(frozen=True)
class Query:
    text: str  # as the user wrote it
    norm: str  # normalised, unquoted, typos put right: what every matcher reads
    tokens: tuple[str, ...]  # jieba words of `norm`; catalog names and aliases are words
    asks: bool  # has a question cue (吗, 怎么, 多久 …): a question, not a statement or command
    question: str | None  # the question type its words settle (ask_fee, ask_time_limit …)
    # Services named by name, alias or pinyin, each with its best match, best first, with the
    # key search sorts by.
    named: tuple[tuple[Key, Hit], ...]
    conditions: frozenset[str] = frozenset()  # the catalog's condition words it says (居民 …)

    @classmethod
    def of(cls, text: str, snapshot: CatalogSnapshot) -> Query:
        return snapshot.index.query(text, snapshot.condition_words)

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each token in `norm`."""
        return spans_of(self.tokens)


def spans_of(tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each of consecutive `tokens` in the text they cut."""
    out = []
    pos = 0
    for token in tokens:
        out.append((pos, pos + len(token)))
        pos += len(token)
    return out
