"""Earlier versions of a service, rebuilt from the audit log, and restoring one of them.

Every change writes an audit row with the version it produced and each changed field's before
and after, so version n is the current record with the `before` of every later row applied,
newest first. This needs no create row (seeded services may predate the audit log).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services_catalog import clock
from services_catalog import repository as repo
from services_catalog.effective import in_force
from services_catalog.models import AuditEntry, Service
from services_catalog.schemas import STORED, ServiceOut, ServicePatch

RESTORE_ACTION = "restore_version"


def state_at(session: Session, slug: str, n: int) -> tuple[dict[str, Any], AuditEntry | None]:
    """The editable fields and `active` of version n, and the audit row that made it (if any).

    NotFound for an unknown service or a version it never had."""
    row = repo.get_service(session, slug, include_inactive=True)
    if not 1 <= n <= row.version:
        raise repo.NotFound(f"没有第{n}版 / no such version")
    state: dict[str, Any] = {f: repo._dump(getattr(row, f)) for f in repo.EDITABLE}
    state["active"] = row.active
    later = session.scalars(
        select(AuditEntry).where(AuditEntry.slug == slug, AuditEntry.version > n)
        .order_by(AuditEntry.version.desc(), AuditEntry.id.desc())
    )
    for entry in later:
        for field, change in (entry.changes or {}).items():
            if field in state and isinstance(change, dict):
                state[field] = change.get("before")
    made = session.scalar(
        select(AuditEntry).where(AuditEntry.slug == slug, AuditEntry.version == n)
        .order_by(AuditEntry.id.desc()).limit(1)
    )
    return state, made


def restore_version(session: Session, slug: str, n: int, expected: int,
                    actor: str) -> tuple[Service, dict]:
    """Make a new version whose fields equal version n's, as a PATCH would (same validation,
    alias checks and version_id_col concurrency); `expected` is the version the editor saw.
    `active` is left alone: deleting and restoring a service is the admin's separate action.
    Nothing changes (and no version is made) when the current fields already equal n's."""
    state, _ = state_at(session, slug, n)
    fields = {f: state[f] for f in repo.EDITABLE if state[f] is not None}
    # Version n may hold a scheduled change whose day has since come: restore the figure as it
    # applies today (the change folded in, resting on its decision), not a change "in the past"
    # that a new edit may not schedule.
    current = repo.to_out(repo.get_service(session, slug, include_inactive=True))
    then = ServiceOut.model_validate({**current.model_dump(mode="json"), **fields},
                                     context=STORED)
    today = in_force(then, clock.today()).model_dump(mode="json")
    patch = ServicePatch.model_validate(
        {"version": expected, **{f: today[f] for f in fields}})
    row, changes = repo.update_service(session, slug, patch, actor, action=RESTORE_ACTION)
    if changes:  # say which version it came back to (a pseudo-field the rebuild skips)
        for obj in session.new:
            if isinstance(obj, AuditEntry) and obj.slug == slug and obj.version == row.version:
                obj.changes = {**obj.changes, "restored_from": {"before": None, "after": n}}
    return row, changes
