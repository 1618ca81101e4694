"""An in-memory view of the active catalog with its search index, rebuilt when the catalog changes.

Each process keeps one `CatalogCache`; `get()` costs one small query, so an admin edit is what the
very next answer says without a restart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from services_catalog import clock
from services_catalog import examples as example_store
from services_catalog import repository as repo
from services_catalog import scenarios as scen
from services_catalog.models import ExampleQuestion, Scenario, Service
from services_catalog.normalize import normalize
from services_catalog.schemas import ScenarioOut, ServiceOut
from services_catalog.search import SearchDoc, SearchIndex


@dataclass(frozen=True)
class CatalogSnapshot:
    revision: tuple[int, ...]
    services: dict[str, ServiceOut]
    index: SearchIndex
    # Every service's time-limit conditions and their keywords (居民, 非居民, 社会投资, 饭馆 …),
    # normalised: what a follow-up that only states who the caller is can say.
    condition_words: frozenset[str] = field(default_factory=frozenset)
    # Life events (开饭馆, 招员工 …) and an index of their names and trigger phrases only.
    scenarios: dict[str, ScenarioOut] = field(default_factory=dict)
    scenario_index: SearchIndex | None = None
    # The day the records were read for: a scheduled change applies from its day on, so a new
    # day rebuilds the snapshot even when nobody edited anything.
    day: date = field(default_factory=clock.today)

    def fresh(self, revision: tuple[int, ...]) -> bool:
        return self.revision == revision and self.day == clock.today()

    # Normalised once per snapshot: the plan-words readings (resolve.reading_names …) look a
    # message's terms up among every name and alias, and normalising all ≈ 1,100 of them cost
    # ≈ 13 ms CPU on each such turn.
    @cached_property
    def names(self) -> dict[str, frozenset[str]]:
        """Each service's name and aliases, normalised, by slug."""
        return {slug: frozenset(normalize(n) for n in (s.name, *s.aliases))
                for slug, s in self.services.items()}

    @cached_property
    def titles(self) -> dict[str, str]:
        """Each service's own name (no alias), normalised, by slug."""
        return {slug: normalize(s.name) for slug, s in self.services.items()}

    @cached_property
    def named_by(self) -> dict[str, frozenset[str]]:
        """A normalised name or alias → the slugs of the services that bear it."""
        owners: dict[str, set[str]] = {}
        for slug, names in self.names.items():
            for name in names:
                owners.setdefault(name, set()).add(slug)
        return {name: frozenset(slugs) for name, slugs in owners.items()}


def _revision_query() -> Select:
    active = Service.active.is_(True)
    example_active = case((ExampleQuestion.active.is_(True), 1), else_=0)
    return select(
        select(func.count(Service.id)).where(active).scalar_subquery(),
        select(func.coalesce(func.sum(Service.version), 0)).where(active).scalar_subquery(),
        select(func.count(Service.id)).where(~active).scalar_subquery(),
        select(func.count(Scenario.id)).scalar_subquery(),
        select(func.coalesce(func.sum(Scenario.version), 0)).scalar_subquery(),
        select(func.coalesce(func.max(Scenario.id), 0)).scalar_subquery(),
        select(func.coalesce(func.sum(example_active), 0)).scalar_subquery(),
        select(func.coalesce(func.sum(ExampleQuestion.version), 0)).scalar_subquery(),
    )


# Built once: the check runs on every answer, and building the statement cost more than running
# it (two thirds of the action server's busy time went to this check, py-spy, issue 17).
_REVISION = _revision_query()


def revision(session: Session) -> tuple[int, ...]:
    """A cheap fingerprint of services, scenarios and example questions, in one query: changes
    whenever any does (an example staff add or assign from the inbox is in the next answer's
    search, in every process, without a restart; the largest scenario id too: deleting one and
    creating another keeps count and sum; examples: the active count and the sum of versions,
    as examples.revision)."""
    return tuple(int(v or 0) for v in session.execute(_REVISION).one())


def build_snapshot(session: Session) -> CatalogSnapshot:
    rev = revision(session)
    services = {r.slug: repo.to_out(r) for r in repo.list_services(session)}
    examples = example_store.by_slug(session)
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
    scenarios = {r.slug: scen.to_out(r) for r in scen.list_scenarios(session)}
    scenario_docs = [SearchDoc(slug=s.slug, name=s.name, aliases=list(s.aliases), text="")
                     for s in scenarios.values()]
    return CatalogSnapshot(revision=rev, services=services, index=SearchIndex(docs),
                           condition_words=conditions, scenarios=scenarios,
                           scenario_index=SearchIndex(scenario_docs) if scenario_docs else None)


class CatalogCache:
    def __init__(self) -> None:
        self._snapshot: CatalogSnapshot | None = None
        self._lock = threading.Lock()

    def current(self, session: Session) -> CatalogSnapshot | None:
        """The snapshot if it is still the catalog's (one small query), else None: then call
        get() — in a worker thread from async code, a rebuild takes 0.2 s to seconds."""
        snap = self._snapshot
        if snap is not None and snap.fresh(revision(session)):
            return snap
        return None

    def get(self, session: Session) -> CatalogSnapshot:
        rev = revision(session)
        snap = self._snapshot
        if snap is not None and snap.fresh(rev):
            return snap
        with self._lock:
            if self._snapshot is None or not self._snapshot.fresh(rev):
                self._snapshot = build_snapshot(session)
            return self._snapshot
