"""Reading and changing the catalog. Every change bumps the version and writes an audit row.

Functions take the session as their first argument; the caller owns the transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from services_catalog import clock
from services_catalog.effective import in_force
from services_catalog.models import AuditEntry, Scenario, Service, utcnow
from services_catalog.schemas import (
    STORED,
    ScenarioOut,
    ServiceFields,
    ServiceIn,
    ServiceOut,
    ServicePatch,
)
from services_catalog.text_rules import phrase_key

EDITABLE = tuple(ServiceFields.model_fields)


class CatalogError(Exception):
    status = 400


class NotFound(CatalogError):
    status = 404


class Conflict(CatalogError):
    """The editor's version is not the current one; carries the current record (None when
    the database refused a write that lost a race: the caller rolls back and reloads)."""

    status = 409

    def __init__(self, message: str, current: ServiceOut | ScenarioOut | None = None) -> None:
        super().__init__(message)
        self.current = current


def to_out(row: Service) -> ServiceOut:
    """The record as it applies today: a scheduled change whose day has come is the figure
    (with its decision as basis), so the editor, the export and every answer agree."""
    return in_force(ServiceOut.model_validate(
        {f: getattr(row, f) for f in ("slug", "version", "active", *EDITABLE)}, context=STORED
    ), clock.today())


def list_services(session: Session, include_inactive: bool = False) -> list[Service]:
    stmt = select(Service).order_by(Service.id)
    if not include_inactive:
        stmt = stmt.where(Service.active.is_(True))
    return list(session.scalars(stmt))


def get_service(
    session: Session, slug: str, include_inactive: bool = False, for_update: bool = False
) -> Service:
    stmt = select(Service).where(Service.slug == slug)
    if for_update:  # PostgreSQL: a row lock, so two editors cannot both pass the version check
        stmt = stmt.with_for_update()
    row = session.scalar(stmt)
    if row is None or (not row.active and not include_inactive):
        raise NotFound("没有找到该事项 / service not found")  # the slug is not echoed
    return row


def catalog_revision(session: Session) -> tuple[int, int]:
    """A cheap fingerprint of the catalog: changes whenever any service changes."""
    count, total = session.execute(
        select(func.count(Service.id), func.coalesce(func.sum(Service.version), 0)).where(
            Service.active.is_(True)
        )
    ).one()
    deleted = session.scalar(select(func.count(Service.id)).where(Service.active.is_(False)))
    return int(count) * 100000 + int(deleted or 0), int(total)


def _dump(value: Any) -> Any:
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")  # dates as ISO text in the JSON columns
    return value


def flush_versioned(session: Session, seen: int) -> None:
    """Write; the UPDATE/DELETE only matches while the stored version is still `seen`
    (version_id_col), so the loser of a race gets a 409, not a lost edit."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(
            f"版本冲突：第{seen}版刚被他人修改 / version conflict: changed by someone else"
        ) from exc


def apply_versioned(session: Session, row: Service | Scenario, changes: dict, actor: str) -> None:
    """Write `changes` ({field: {"before", "after"}}) as the row's next version."""
    for field, change in changes.items():
        setattr(row, field, change["after"])
    seen = row.version
    row.version = seen + 1
    row.updated_at = utcnow()
    row.updated_by = actor
    flush_versioned(session, seen)


def audit(session: Session, key: str, version: int, action: str, actor: str,
          changes: dict) -> None:
    """One audit row; `key` is the service's slug or "scenario:<slug>"."""
    session.add(AuditEntry(slug=key, action=action, actor=actor, version=version, changes=changes))


def _audit(session: Session, row: Service, action: str, actor: str, changes: dict) -> None:
    audit(session, row.slug, row.version, action, actor, changes)


def create_service(session: Session, data: ServiceIn, actor: str) -> Service:
    if session.scalar(select(Service.id).where(Service.slug == data.slug)) is not None:
        raise Conflict(f"事项 {data.slug!r} 已存在 / slug already exists")
    check_alias_conflicts(session, data.slug, data.name, data.aliases)
    row = Service(slug=data.slug, version=1, active=True, updated_by=actor, updated_at=utcnow())
    changes = {}
    for field in EDITABLE:
        value = _dump(getattr(data, field))
        setattr(row, field, value)
        changes[field] = {"before": None, "after": value}
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # the same slug created concurrently: the unique index won
        raise Conflict(f"事项 {data.slug!r} 已存在 / slug already exists") from exc
    _audit(session, row, "create", actor, changes)
    return row


def update_service(
    session: Session, slug: str, patch: ServicePatch, actor: str, action: str = "update"
) -> tuple[Service, dict]:
    row = get_service(session, slug, include_inactive=True, for_update=True)
    if patch.version != row.version:
        raise Conflict(
            f"版本冲突：您编辑的是第{patch.version}版，当前是第{row.version}版 / version conflict",
            to_out(row),
        )
    changes: dict[str, dict[str, Any]] = {}
    for field in patch.model_fields_set - {"version"}:
        new = _dump(getattr(patch, field))
        if new is None:
            continue
        old = getattr(row, field)
        if old != new:
            changes[field] = {"before": old, "after": new}
    if "name" in changes or "aliases" in changes:
        aliases = patch.aliases if patch.aliases is not None else row.aliases
        check_alias_conflicts(session, slug, patch.name or row.name, aliases)
    # Validate the merged record as a whole before touching the row: nothing half applied.
    # Unchanged fields as they apply today: a change already in force is no "past date" error.
    current = to_out(row)
    merged = {f: _dump(getattr(current, f)) for f in EDITABLE}
    merged.update({f: c["after"] for f, c in changes.items()})
    ServiceFields.model_validate(merged)
    if not changes:
        return row, changes
    apply_versioned(session, row, changes, actor)
    _audit(session, row, action, actor, changes)
    return row, changes


def set_active(
    session: Session, slug: str, active: bool, actor: str, version: int | None
) -> Service:
    row = get_service(session, slug, include_inactive=True, for_update=True)
    if version is not None and version != row.version:
        raise Conflict(f"版本冲突：当前是第{row.version}版 / version conflict", to_out(row))
    if row.active == active:
        return row
    row.active = active
    seen = row.version
    row.version = seen + 1
    row.updated_at = utcnow()
    row.updated_by = actor
    flush_versioned(session, seen)
    _audit(
        session, row, "restore" if active else "delete", actor,
        {"active": {"before": not active, "after": active}},
    )
    return row


def check_alias_conflicts(session: Session, slug: str, name: str, aliases: list[str]) -> None:
    """An alias may point at one service only; otherwise the bot could not tell them apart.

    Compared in normalised form (phrase_key): a traditional, full-width, zero-width or
    upper-case variant of another service's alias is the same alias to the bot."""
    mine = {phrase_key(p): p for p in (name, *aliases)}
    for other in session.scalars(select(Service).where(Service.slug != slug, Service.active)):
        clash = sorted(p for k, p in mine.items()
                       if k in {phrase_key(o) for o in (other.name, *other.aliases)})
        if clash:
            raise CatalogError(
                f"别名 {'、'.join(clash)} 已属于事项 {other.slug} / alias already used"
            )


def audit_log(session: Session, slug: str | None = None, limit: int = 200) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if slug:
        stmt = stmt.where(AuditEntry.slug == slug)
    return list(session.scalars(stmt))
