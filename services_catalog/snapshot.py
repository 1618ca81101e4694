"""An in-memory view of the active catalog with its search index, rebuilt when the catalog changes.

Each process keeps one `CatalogCache`; `get()` costs one small query, so an admin edit is what the
very next answer says without a restart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from services_catalog import clock
from services_catalog import repository as repo
from services_catalog.normalize import normalize
from services_catalog.paraphrase import example_questions
from services_catalog.schemas import ServiceOut
from services_catalog.search import SearchDoc, SearchIndex


@dataclass(frozen=True)
class CatalogSnapshot:
    revision: tuple[int, int]
    services: dict[str, ServiceOut]
    index: SearchIndex
    # Every service's time-limit conditions and their keywords (居民, 非居民, 社会投资, 饭馆 …),
    # normalised: what a follow-up that only states who the caller is can say.
    condition_words: frozenset[str] = field(default_factory=frozenset)
    # The day the records were read for: a scheduled change applies from its day on, so a new
    # day rebuilds the snapshot even when nobody edited anything.
    day: date = field(default_factory=clock.today)

    def fresh(self, revision: tuple[int, int]) -> bool:
        return self.revision == revision and self.day == clock.today()


def build_snapshot(session: Session) -> CatalogSnapshot:
    revision = repo.catalog_revision(session)
    services = {r.slug: repo.to_out(r) for r in repo.list_services(session)}
    examples = example_questions()
    docs = [
        SearchDoc(
            slug=s.slug,
            name=s.name,
            aliases=list(s.aliases),
            text=" ".join([s.category, s.howto, *(n.text for n in s.notes), s.citation.text]),
            examples=examples.get(s.slug, ()),
        )
        for s in services.values()
    ]
    conditions = frozenset(
        normalize(word) for s in services.values() for t in s.time_limits if t.condition
        for word in (t.condition, *t.keywords) if word.strip())
    return CatalogSnapshot(revision=revision, services=services, index=SearchIndex(docs),
                           condition_words=conditions)


class CatalogCache:
    def __init__(self) -> None:
        self._snapshot: CatalogSnapshot | None = None
        self._lock = threading.Lock()

    def current(self, session: Session) -> CatalogSnapshot | None:
        """The snapshot if it is still the catalog's (one small query), else None: then call
        get() — in a worker thread from async code, a rebuild takes 0.2 s to seconds."""
        snap = self._snapshot
        if snap is not None and snap.fresh(repo.catalog_revision(session)):
            return snap
        return None

    def get(self, session: Session) -> CatalogSnapshot:
        revision = repo.catalog_revision(session)
        snap = self._snapshot
        if snap is not None and snap.fresh(revision):
            return snap
        with self._lock:
            if self._snapshot is None or not self._snapshot.fresh(revision):
                self._snapshot = build_snapshot(session)
            return self._snapshot
