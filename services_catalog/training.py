"""Is the Rasa model behind the catalog? Compares the catalog's NLU fingerprint with the one the
running model was trained on (stored in the kv table by `mark-trained` / the admin retrain)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from services_catalog import repository as repo
from services_catalog.models import KeyValue
from services_catalog.nlu_export import nlu_hash

HASH_KEY = "model_nlu_hash"
SNAPSHOT_KEY = "model_nlu_snapshot"

# {slug: [name, sorted aliases]}: exactly what nlu_hash covers, kept to explain a stale model.
NluSnapshot = dict[str, list[Any]]


def _active(session: Session) -> list:
    return [repo.to_out(r) for r in repo.list_services(session)]


def current_nlu_hash(session: Session) -> str:
    return nlu_hash(_active(session))


def current_state(session: Session) -> tuple[str, NluSnapshot]:
    """The fingerprint and snapshot of the catalog now, taken together (one read)."""
    services = _active(session)
    snapshot = {s.slug: [s.name, sorted(s.aliases)] for s in services}
    return nlu_hash(services), snapshot


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
    """Services whose name or aliases differ from the last training, one entry per service:
    {slug, kind: added|removed|changed, name, name_before?, aliases_added, aliases_removed}.

    Never trained (no snapshot): every active service counts as added.
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
        entry: dict[str, Any] = {
            "slug": slug,
            "kind": "added" if old is None else "removed" if new is None else "changed",
            "name": new_name or old_name,
            "aliases_added": sorted(new_aliases - old_aliases),
            "aliases_removed": sorted(old_aliases - new_aliases),
        }
        if old is not None and new is not None and old_name != new_name:
            entry["name_before"] = old_name
        out.append(entry)
    return out
