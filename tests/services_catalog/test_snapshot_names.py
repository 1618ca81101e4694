"""The snapshot's normalised names and aliases (built once, looked up on a turn) are every
service's name and aliases as normalize reads them, and each maps back to all its bearers."""

from __future__ import annotations

from actions.catalog_access import CACHE
from services_catalog.db import session_scope
from services_catalog.normalize import normalize


def test_names_are_each_services_normalised_names_and_aliases() -> None:
    with session_scope() as session:
        snap = CACHE.get(session)
    for slug, service in snap.services.items():
        assert snap.names[slug] == {normalize(n) for n in (service.name, *service.aliases)}
        for name in snap.names[slug]:
            assert slug in snap.named_by[name]
    # A name two services bear (an alias shared) maps to both.
    shared = [name for name, slugs in snap.named_by.items() if len(slugs) > 1]
    for name in shared:
        assert all(name in snap.names[s] for s in snap.named_by[name])
    assert sum(len(v) for v in snap.named_by.values()) == sum(len(v) for v in snap.names.values())
