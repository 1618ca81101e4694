"""Is the Rasa model behind the catalog? Compares the catalog's NLU fingerprint with the one the
running model was trained on (stored in the kv table by `mark-trained` / the admin retrain)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from services_catalog import examples as example_store
from services_catalog import repository as repo
from services_catalog.models import KeyValue
from services_catalog.nlu_export import nlu_hash

HASH_KEY = "model_nlu_hash"
SNAPSHOT_KEY = "model_nlu_snapshot"
# The snapshot's entry for the out-of-scope examples (no slug starts with "_").
OUT_OF_SCOPE = example_store.OUT_OF_SCOPE

# {slug: [name, sorted aliases, sorted example questions]} (and {"_out_of_scope": [None, [],
# examples]}): exactly what nlu_hash covers, kept to explain a stale model. Snapshots written
# before examples were in the catalog have two elements.
NluSnapshot = dict[str, list[Any]]


def _active(session: Session) -> list:
    return [repo.to_out(r) for r in repo.list_services(session)]


def current_nlu_hash(session: Session) -> str:
    return current_state(session)[0]


def current_state(session: Session) -> tuple[str, NluSnapshot]:
    """The fingerprint and snapshot of the catalog now, taken together (one read)."""
    services = _active(session)
    examples, outside = example_store.grouped(session)
    snapshot: NluSnapshot = {s.slug: [s.name, sorted(s.aliases), sorted(examples.get(s.slug, ()))]
                             for s in services}
    if outside:
        snapshot[OUT_OF_SCOPE] = [None, [], sorted(outside)]
    return nlu_hash(services, examples, outside), snapshot


def _get(session: Session, key: str) -> str | None:
    row = session.get(KeyValue, key)
    return row.value if row is not None else None


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(KeyValue, key)
    if row is None:
        session.add(KeyValue(key=key, value=value))
    else:
        row.value = value


def trained_hash(session: Session) -> str | None:
    return _get(session, HASH_KEY)


def trained_snapshot(session: Session) -> NluSnapshot | None:
    raw = _get(session, SNAPSHOT_KEY)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def mark_trained(session: Session, h: str | None = None,
                 snapshot: NluSnapshot | None = None) -> str:
    """Record what the model now loaded was trained on.

    Pass the hash and snapshot taken *before* the NLU files were generated: an edit made while
    training then still shows as a change (one retrain too many, never one too few).
    """
    if h is None or snapshot is None:
        h, snapshot = current_state(session)
    _put(session, HASH_KEY, h)
    _put(session, SNAPSHOT_KEY, json.dumps(snapshot, ensure_ascii=False, sort_keys=True))
    session.flush()
    return h


def is_stale(session: Session) -> bool:
    return trained_hash(session) != current_nlu_hash(session)


def changes_since_training(session: Session) -> list[dict[str, Any]]:
    """Services whose name, aliases or example questions differ from the last training, one
    entry per service: {slug, kind: added|removed|changed, name, name_before?, aliases_added,
    aliases_removed, examples_added, examples_removed} (slug "_out_of_scope": the out-of-scope
    examples). Never trained (no snapshot): every active service counts as added.
    """
    before = trained_snapshot(session) or {}
    _, now = current_state(session)
    out: list[dict[str, Any]] = []
    for slug in sorted(set(before) | set(now)):
        old, new = before.get(slug), now.get(slug)
        if old == new:
            continue
        old_name, old_aliases = (old[0], set(old[1])) if old else (None, set())
        new_name, new_aliases = (new[0], set(new[1])) if new else (None, set())
        # A snapshot from before examples were in the catalog says nothing about them.
        old_examples = set(old[2]) if old and len(old) > 2 else None
        new_examples = set(new[2]) if new and len(new) > 2 else set()
        if old_examples is None:
            old_examples = new_examples if old else set()
        if (old_name, old_aliases, old_examples) == (new_name, new_aliases, new_examples) \
                and old is not None and new is not None:
            continue
        entry: dict[str, Any] = {
            "slug": slug,
            "kind": "added" if old is None else "removed" if new is None else "changed",
            "name": new_name or old_name or ("不属于任何事项的问题" if slug == OUT_OF_SCOPE
                                             else slug),
            "aliases_added": sorted(new_aliases - old_aliases),
            "aliases_removed": sorted(old_aliases - new_aliases),
            "examples_added": sorted(new_examples - old_examples),
            "examples_removed": sorted(old_examples - new_examples),
        }
        if old is not None and new is not None and old_name != new_name:
            entry["name_before"] = old_name
        out.append(entry)
    return out
